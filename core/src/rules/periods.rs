//! Contribution periods: `YYYY-MM` months and inclusive ranges with an optional open end
//! (domain.md §1.5 `AAE041`/`AAE042`, §4.4 "period algebra", §8).
//!
//! ```
//! use labourlink::rules::periods::{Period, PeriodRange};
//! let r = PeriodRange::parse("2019-03", Some("2020-02")).unwrap();
//! assert_eq!(r.months(Period::parse("2026-11").unwrap()), 12);
//! let open = PeriodRange::parse("2020-01", None).unwrap();
//! assert!(r.overlaps(&open));
//! ```

use std::collections::HashMap;
use std::fmt;

use crate::rules::Date;

/// A calendar month, years 1 to 9999.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    year: i32,
    month: u8,
}

impl Period {
    /// The month, when `year` is 1 to 9999 and `month` 1 to 12.
    #[must_use]
    pub fn new(year: i32, month: u32) -> Option<Self> {
        if !(1..=9999).contains(&year) || !(1..=12).contains(&month) {
            return None;
        }
        Some(Self {
            year,
            month: u8::try_from(month).ok()?,
        })
    }

    /// Parses `YYYY-MM` (exactly that form).
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        let b = text.as_bytes();
        if b.len() != 7 || b.get(4) != Some(&b'-') {
            return None;
        }
        let y = text.get(..4)?;
        let m = text.get(5..)?;
        if !y.bytes().chain(m.bytes()).all(|c| c.is_ascii_digit()) {
            return None;
        }
        Self::new(y.parse().ok()?, m.parse().ok()?)
    }

    /// Parses the compact `YYYYMM` form used by agency systems (`AAE041`).
    #[must_use]
    pub fn parse_compact(text: &str) -> Option<Self> {
        if text.len() != 6 || !text.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        Self::new(text.get(..4)?.parse().ok()?, text.get(4..)?.parse().ok()?)
    }

    /// The month containing `date`.
    #[must_use]
    pub fn of_date(date: Date) -> Self {
        Self {
            year: date.year(),
            // A Date's month is 1–12.
            month: u8::try_from(date.month()).unwrap_or(1),
        }
    }

    /// The year.
    #[must_use]
    pub const fn year(self) -> i32 {
        self.year
    }

    /// The month, 1–12.
    #[must_use]
    pub const fn month(self) -> u32 {
        self.month as u32
    }

    /// Months since year 0 (`year × 12 + month − 1`): consecutive months differ by 1.
    #[must_use]
    pub const fn index(self) -> i64 {
        self.year as i64 * 12 + self.month as i64 - 1
    }

    /// The month with the given [`Period::index`], when it lies in years 1 to 9999.
    #[must_use]
    pub fn from_index(index: i64) -> Option<Self> {
        let year = i32::try_from(index.div_euclid(12)).ok()?;
        let month = u32::try_from(index.rem_euclid(12) + 1).ok()?;
        Self::new(year, month)
    }

    /// The first day of the month.
    #[must_use]
    pub fn first_day(self) -> Option<Date> {
        Date::new(self.year, self.month(), 1)
    }

    /// Number of months from `self` to `end`, both included (0 when `end` is before `self`).
    #[must_use]
    pub const fn months_through(self, end: Period) -> u64 {
        let n = end.index() - self.index() + 1;
        if n > 0 { n as u64 } else { 0 }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// Months strictly between the end of one period and the start of the next (0 when
/// consecutive; negative when they overlap). The "gap" of domain.md §4.2.
#[must_use]
pub const fn gap_months(previous_end: Period, next_start: Period) -> i64 {
    next_start.index() - previous_end.index() - 1
}

/// An inclusive range of months; `end == None` is an open range (still running).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PeriodRange {
    /// First month.
    pub start: Period,
    /// Last month, `None` when open.
    pub end: Option<Period>,
}

impl PeriodRange {
    /// The range, unless it ends before it starts.
    #[must_use]
    pub fn new(start: Period, end: Option<Period>) -> Option<Self> {
        match end {
            Some(e) if e < start => None,
            _ => Some(Self { start, end }),
        }
    }

    /// Parses `YYYY-MM` start and optional end (`None` if either is malformed or the range is
    /// reversed).
    #[must_use]
    pub fn parse(start: &str, end: Option<&str>) -> Option<Self> {
        let s = Period::parse(start)?;
        let e = match end {
            Some(t) => Some(Period::parse(t)?),
            None => None,
        };
        Self::new(s, e)
    }

    /// Whether the range is open.
    #[must_use]
    pub const fn is_open(&self) -> bool {
        self.end.is_none()
    }

    /// The last month, an open range ending at `as_of`.
    #[must_use]
    pub fn end_or(&self, as_of: Period) -> Period {
        self.end.unwrap_or(as_of)
    }

    /// Number of months, an open range counted through `as_of` (0 if `as_of` is before the
    /// start).
    #[must_use]
    pub fn months(&self, as_of: Period) -> u64 {
        self.start.months_through(self.end_or(as_of))
    }

    /// Whether `p` lies in the range.
    #[must_use]
    pub fn contains(&self, p: Period) -> bool {
        p >= self.start && self.end.is_none_or(|e| p <= e)
    }

    /// Whether the two ranges share at least one month (open ends extend forever).
    #[must_use]
    pub fn overlaps(&self, other: &PeriodRange) -> bool {
        self.end.is_none_or(|e| other.start <= e) && other.end.is_none_or(|e| self.start <= e)
    }
}

/// Total months of several ranges (open ones counted through `as_of`); overlaps count twice.
#[must_use]
pub fn total_months(ranges: &[PeriodRange], as_of: Period) -> u64 {
    ranges
        .iter()
        .fold(0u64, |acc, r| acc.saturating_add(r.months(as_of)))
}

/// Overlapping ranges within the same scheme: pairs `(i, j)` of indices into `ranges`,
/// `i < j`. Every range that overlaps another of its scheme appears in at least one pair
/// (paired with the range of that scheme reaching furthest so far, in start order).
/// `O(n log n)`.
#[must_use]
pub fn find_overlaps<S: AsRef<str>>(ranges: &[(S, PeriodRange)]) -> Vec<(usize, usize)> {
    let mut by_scheme: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, (scheme, _)) in ranges.iter().enumerate() {
        by_scheme.entry(scheme.as_ref()).or_default().push(i);
    }
    let key = |i: &usize| {
        ranges
            .get(*i)
            .map(|(_, r)| (r.start, r.end.map_or(i64::MAX, Period::index)))
    };
    let mut pairs = Vec::new();
    for (_, mut idx) in by_scheme {
        idx.sort_by_key(key);
        // (furthest end so far as an index, the range holding it)
        let mut reach: Option<(i64, usize)> = None;
        for i in idx {
            let Some((_, r)) = ranges.get(i) else {
                continue;
            };
            let end = r.end.map_or(i64::MAX, Period::index);
            if let Some((far, j)) = reach {
                if r.start.index() <= far {
                    pairs.push((j.min(i), j.max(i)));
                }
                if end > far {
                    reach = Some((end, i));
                }
            } else {
                reach = Some((end, i));
            }
        }
    }
    pairs.sort_unstable();
    pairs
}
