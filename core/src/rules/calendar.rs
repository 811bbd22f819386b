//! Working days (工作日) with a versioned Chinese holiday calendar, for deadlines
//! (domain.md §4.4, §5).
//!
//! A day is a working day when it is Monday–Friday and not a listed holiday, or when it is a
//! listed adjusted working day (调休上班, usually a weekend day). The embedded calendar is
//! `core/data/holidays-cn.tsv`: 2024–2026 follow the State Council notices; **2027 is
//! provisional** (statutory days only, the notice was not available): see
//! [`HolidayCalendar::is_confirmed`]. Years outside the file count weekends only.
//! A deployment can load a newer file with [`HolidayCalendar::from_tsv`].
//!
//! Counting convention: a step due "within n working days after date A" is on time when it
//! happens no later than [`add_working_days`]`(A, n)`; [`working_days_between`]`(A, B)` counts
//! the working days in (A, B], so the two agree:
//! `working_days_between(a, add_working_days(a, n)) == n`.
//!
//! ```
//! use labourlink::rules::{calendar, Date};
//! let d = |s| Date::parse(s).unwrap();
//! // Friday before the 2026 Spring Festival; Saturday 2026-02-14 is an adjusted working day.
//! assert_eq!(calendar::add_working_days(d("2026-02-13"), 1), Some(d("2026-02-14")));
//! // … then 2026-02-15 to 02-23 are off.
//! assert_eq!(calendar::add_working_days(d("2026-02-13"), 2), Some(d("2026-02-24")));
//! ```

use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

use crate::error::{Error, ErrorCode, Result};
use crate::rules::Date;

/// What a listed day is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DayKind {
    /// A day off (public holiday or a day of its block).
    Holiday,
    /// An adjusted working day (调休上班).
    Workday,
}

/// A holiday calendar: listed holidays and adjusted working days, per year confirmed or
/// provisional.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HolidayCalendar {
    version: String,
    days: HashMap<Date, DayKind>,
    official_years: BTreeSet<i32>,
    provisional_years: BTreeSet<i32>,
}

impl HolidayCalendar {
    /// A calendar without holidays: Monday–Friday are working days.
    #[must_use]
    pub fn weekends_only() -> Self {
        Self {
            version: "weekends-only".to_owned(),
            days: HashMap::new(),
            official_years: BTreeSet::new(),
            provisional_years: BTreeSet::new(),
        }
    }

    /// The embedded calendar (`core/data/holidays-cn.tsv`), parsed once per process.
    #[must_use]
    pub fn embedded() -> &'static Self {
        static CAL: OnceLock<HolidayCalendar> = OnceLock::new();
        // The embedded file is tested to parse; should it ever fail, weekends still count.
        CAL.get_or_init(|| {
            Self::from_tsv(crate::embedded::file("data/holidays-cn.tsv").unwrap_or_default())
                .unwrap_or_else(|_| Self::weekends_only())
        })
    }

    /// Reads a calendar in the format of `core/data/holidays-cn.tsv`: `#` comment lines (one
    /// of them `# version: …`), a header line `date\tkind\tname\tstatus`, then one line per
    /// day: `YYYY-MM-DD`, `holiday` or `workday`, a name, `official` or `provisional`.
    ///
    /// # Errors
    /// `input.invalid` naming the line of the first malformed or repeated entry, or a
    /// missing version.
    pub fn from_tsv(text: &str) -> Result<Self> {
        let mut cal = Self::weekends_only();
        cal.version.clear();
        for (i, line) in text.lines().enumerate() {
            let n = i + 1;
            if let Some(v) = line.strip_prefix("# version:") {
                v.trim().clone_into(&mut cal.version);
                continue;
            }
            if line.starts_with('#') || line.starts_with("date\t") || line.trim().is_empty() {
                continue;
            }
            let bad = |what: &str| {
                Err(Error::new(
                    ErrorCode::InputInvalid,
                    format!("holiday calendar line {n}: {what}"),
                ))
            };
            let cols: Vec<&str> = line.split('\t').collect();
            let [date, kind, _name, status] = cols.as_slice() else {
                return bad("expected 4 tab-separated columns");
            };
            let Some(date) = Date::parse(date) else {
                return bad("date is not YYYY-MM-DD");
            };
            let kind = match *kind {
                "holiday" => DayKind::Holiday,
                "workday" => DayKind::Workday,
                _ => return bad("kind is neither holiday nor workday"),
            };
            match *status {
                "official" => cal.official_years.insert(date.year()),
                "provisional" => cal.provisional_years.insert(date.year()),
                _ => return bad("status is neither official nor provisional"),
            };
            if cal.days.insert(date, kind).is_some() {
                return bad("date listed twice");
            }
        }
        if cal.version.is_empty() {
            return Err(Error::new(
                ErrorCode::InputInvalid,
                "holiday calendar has no '# version:' line",
            ));
        }
        Ok(cal)
    }

    /// Replaces everything listed for `year` with `days` (each must lie in `year`), marked
    /// official or provisional, and sets the calendar's version: how signed reference data
    /// (`crate::refdata`) updates a year without a release.
    ///
    /// # Errors
    /// `input.invalid` when a day lies outside `year` or is listed twice.
    pub fn replace_year(
        &mut self,
        year: i32,
        official: bool,
        days: &[(Date, DayKind)],
        version: &str,
    ) -> Result<()> {
        let mut fresh: HashMap<Date, DayKind> = HashMap::new();
        for (date, kind) in days {
            if date.year() != year {
                return Err(Error::new(
                    ErrorCode::InputInvalid,
                    format!("holiday calendar: {date} is not in {year}"),
                ));
            }
            if fresh.insert(*date, *kind).is_some() {
                return Err(Error::new(
                    ErrorCode::InputInvalid,
                    format!("holiday calendar: {date} listed twice"),
                ));
            }
        }
        self.days.retain(|d, _| d.year() != year);
        self.days.extend(fresh);
        self.official_years.remove(&year);
        self.provisional_years.remove(&year);
        if official {
            self.official_years.insert(year);
        } else {
            self.provisional_years.insert(year);
        }
        version.clone_into(&mut self.version);
        Ok(())
    }

    /// The calendar's version (the `# version:` line).
    #[must_use]
    pub fn version(&self) -> &str {
        &self.version
    }

    /// Whether `year` follows an official schedule: it has entries and none is provisional.
    #[must_use]
    pub fn is_confirmed(&self, year: i32) -> bool {
        self.official_years.contains(&year) && !self.provisional_years.contains(&year)
    }

    /// Whether every year from `a`'s to `b`'s (either order) is confirmed.
    #[must_use]
    pub fn is_confirmed_between(&self, a: Date, b: Date) -> bool {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        (lo.year()..=hi.year()).all(|y| self.is_confirmed(y))
    }

    /// How a listed day is listed (`None` for unlisted days).
    #[must_use]
    pub fn listed(&self, date: Date) -> Option<DayKind> {
        self.days.get(&date).copied()
    }

    /// Whether `date` is a working day.
    #[must_use]
    pub fn is_working_day(&self, date: Date) -> bool {
        match self.days.get(&date) {
            Some(DayKind::Workday) => true,
            Some(DayKind::Holiday) => false,
            None => !date.is_weekend(),
        }
    }

    /// The `n`th working day after `date` (`date` itself for `n = 0`); `None` past 9999-12-31.
    #[must_use]
    pub fn add_working_days(&self, date: Date, n: u32) -> Option<Date> {
        // There are fewer than 2.7 million working days between years 1 and 9999.
        if n > 2_700_000 {
            return None;
        }
        let mut d = date;
        let mut left = n;
        while left > 0 {
            d = d.add_days(1)?;
            if self.is_working_day(d) {
                left -= 1;
            }
        }
        Some(d)
    }

    /// Working days in (a, b]; negative (the count in (b, a]) when `b` is before `a`.
    /// Constant time in the span: weekdays are counted arithmetically, then corrected by the
    /// listed days in range.
    #[must_use]
    pub fn working_days_between(&self, a: Date, b: Date) -> i64 {
        let (lo, hi, sign) = if a <= b { (a, b, 1) } else { (b, a, -1) };
        let mut count = weekdays_before(hi.days() + 1) - weekdays_before(lo.days() + 1);
        for (&day, &kind) in &self.days {
            if day > lo && day <= hi {
                match (kind, day.is_weekend()) {
                    (DayKind::Holiday, false) => count -= 1,
                    (DayKind::Workday, true) => count += 1,
                    _ => {}
                }
            }
        }
        sign * count
    }
}

/// Monday–Friday days from Monday 1969-12-29 (day −3) up to day `n` excluded (negative for
/// `n` before that Monday). Differences give the weekdays of any span.
const fn weekdays_before(n: i64) -> i64 {
    let m = n + 3;
    let rem = m.rem_euclid(7);
    5 * m.div_euclid(7) + if rem < 5 { rem } else { 5 }
}

/// [`HolidayCalendar::add_working_days`] on the embedded calendar.
#[must_use]
pub fn add_working_days(date: Date, n: u32) -> Option<Date> {
    HolidayCalendar::embedded().add_working_days(date, n)
}

/// [`HolidayCalendar::working_days_between`] on the embedded calendar.
#[must_use]
pub fn working_days_between(a: Date, b: Date) -> i64 {
    HolidayCalendar::embedded().working_days_between(a, b)
}
