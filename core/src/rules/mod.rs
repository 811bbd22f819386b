//! Business rules: identifiers, division codes, parameters, working days, periods, amounts and
//! the checks a receiver runs on a message body (stage 7 of the verifier, DESIGN §7).
//!
//! Every rule is traceable to `domain.md` (the section is cited in each item's docs). Facts the
//! domain document marks **K** (not verified in a source) are never hard-wired: they are fields
//! of [`params::RuleParameters`] with documented defaults.
//!
//! A check produces [`Finding`]s: a [`Violation`] (`rule.*` code, JSON pointer, English and
//! Chinese message) plus a [`Severity`]. Errors reject the message (the verifier wraps them in an
//! [`Error`] with code `rule.violation`, see [`findings_to_error`]); warnings are reported but never
//! reject — a missed deadline, for example, is always a warning. Messages never contain the value
//! of an identifier, a name or a birth date: they name the place (`/body/person/citizen_id`) and
//! the problem.
//!
//! | module | what |
//! |---|---|
//! | [`ids`] | citizen ID (GB 11643), foreign permanent-resident and HK/MO/TW permit numbers, USCC (GB 32100 + GB/T 11714) |
//! | [`regions`] | GB/T 2260 division codes: embedded dated current list + historic codes |
//! | [`params`] | [`params::RuleParameters`]: every threshold, with defaults and sources |
//! | [`calendar`] | working days with a versioned holiday calendar (调休 included) |
//! | [`periods`] | `YYYY-MM` periods and ranges, month counts, overlaps |
//! | [`amounts`] | pooled fund, personal account, unemployment transfer, rounding rule |
//! | [`checks`] | the rule functions returning findings |
//! | [`codes`] | [`RuleCode`]: the table of `rule.*` codes, their severity, summaries and sources |
//!
//! The codes a finding can carry are the [`RuleCode`] table ([`codes`]): severity, English and
//! Chinese summary, source and tuning parameters of each.

use std::fmt;

use crate::error::{Error, ErrorCode, Violation};
use crate::time;

/// `value.pointer(pointer)` (RFC 6901, the same result as [`serde_json::Value::pointer`] for
/// every input) without its per-token allocations: a token is unescaped (`~1` → `/`,
/// `~0` → `~`) only when it contains a `~`. The rules walk resolves a few pointers per body
/// field, so this is on the hot path of stage 7.
pub(crate) fn lookup<'v>(
    value: &'v serde_json::Value,
    pointer: &str,
) -> Option<&'v serde_json::Value> {
    if pointer.is_empty() {
        return Some(value);
    }
    let mut rest = pointer.strip_prefix('/')?;
    let mut target = value;
    loop {
        // One pass over the token's bytes finds its end and whether it has an escape
        // (`str::split` and `str::contains` set up a searcher per token).
        let bytes = rest.as_bytes();
        let mut end = 0;
        let mut escaped = false;
        while let Some(&b) = bytes.get(end) {
            if b == b'/' {
                break;
            }
            escaped |= b == b'~';
            end += 1;
        }
        let raw = rest.get(..end)?;
        target = if escaped {
            let token = raw.replace("~1", "/").replace("~0", "~");
            step(target, &token)?
        } else {
            step(target, raw)?
        };
        match rest.get(end + 1..) {
            Some(next) => rest = next,
            None => return Some(target),
        }
    }
}

/// One token of a pointer applied to `target`, as `Value::pointer` does.
#[inline]
fn step<'v>(target: &'v serde_json::Value, token: &str) -> Option<&'v serde_json::Value> {
    use serde_json::Value;
    match target {
        Value::Object(map) => map.get(token),
        Value::Array(list) => list.get(array_index(token)?),
        _ => None,
    }
}

/// An RFC 6901 array index as serde_json reads it: no sign, no leading zero.
fn array_index(token: &str) -> Option<usize> {
    if token.starts_with('+') || (token.starts_with('0') && token.len() != 1) {
        return None;
    }
    token.parse().ok()
}

pub mod amounts;
pub mod calendar;
pub mod checks;
pub mod codes;
pub mod ids;
pub mod params;
pub mod parse;
pub mod periods;
pub mod regions;
pub mod stage;

pub use codes::RuleCode;
pub use ids::IdError;
pub use params::RuleParameters;
pub use stage::RulesStage;

pub use crate::error::{Finding, FindingCode, Severity};

/// Whether any finding is an error.
#[must_use]
pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(Finding::is_error)
}

/// The `rule.violation` error that rejects a message, carrying the error-severity findings as
/// its violations; `None` when there are only warnings (or nothing).
#[must_use]
pub fn findings_to_error(findings: &[Finding]) -> Option<Error> {
    let violations: Vec<Violation> = findings
        .iter()
        .filter(|f| f.is_error())
        .map(|f| f.violation.clone())
        .collect();
    let first = violations.first()?;
    let first_path = first.path.clone();
    // The first finding in the message itself, so that a caller who shows only the error's
    // message (a log line, `str(e)`) still learns what to fix; every finding is in
    // `violations`. Rule messages carry no names, ID numbers or birth dates.
    let message = if violations.len() == 1 {
        format!(
            "a business rule rejected the message: {} ({})",
            first.message, first.code
        )
    } else {
        format!(
            "{} business rules rejected the message; the first: {} ({})",
            violations.len(),
            first.message,
            first.code
        )
    };
    Some(
        Error::new(ErrorCode::RuleViolation, message)
            .at(first_path)
            .with_violations(violations),
    )
}

/// The default severity of a rule code given as a string (`None` for a string that is not a
/// [`RuleCode`]).
#[must_use]
pub fn severity_of(code: &str) -> Option<Severity> {
    RuleCode::from_code_str(code).map(RuleCode::severity)
}

/// A calendar date (proleptic Gregorian), years 1 to 9999.
///
/// ```
/// use labourlink::rules::Date;
/// let d = Date::parse("2026-02-28").unwrap();
/// assert_eq!(d.add_days(1).unwrap().to_string(), "2026-03-01");
/// assert_eq!(d.weekday(), 6); // Saturday
/// assert!(Date::parse("2026-02-29").is_none());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

impl Date {
    /// The earliest representable date.
    pub const MIN: Date = Date {
        year: 1,
        month: 1,
        day: 1,
    };
    /// The latest representable date.
    pub const MAX: Date = Date {
        year: 9999,
        month: 12,
        day: 31,
    };

    /// The calendar date of an instant in China Standard Time (UTC+8, no daylight saving) —
    /// the date every rule means by "today" or "issued on". The bindings convert their host
    /// time (a Python `datetime`, a JavaScript `Date`) to an instant and call this, so the same
    /// instant is the same date in every language.
    ///
    /// ```
    /// use labourlink::rules::Date;
    /// use labourlink::time::Timestamp;
    /// // 2026-12-31T16:30:00Z is already 1 January 2027 in Ningbo.
    /// let t = Timestamp::parse("2026-12-31T16:30:00Z").unwrap();
    /// assert_eq!(Date::from_instant_china(t), Date::new(2027, 1, 1));
    /// ```
    #[must_use]
    pub fn from_instant_china(instant: crate::time::Timestamp) -> Option<Self> {
        Self::from_days(
            instant
                .unix_seconds()
                .checked_add(stage::CHINA_UTC_OFFSET_SECONDS)?
                .div_euclid(86_400),
        )
    }

    /// The date, when it exists and its year is 1 to 9999.
    #[must_use]
    pub fn new(year: i32, month: u32, day: u32) -> Option<Self> {
        if !(1..=9999).contains(&year) || !(1..=12).contains(&month) {
            return None;
        }
        let dim = time::days_in_month(i64::from(year), i64::from(month));
        if day < 1 || i64::from(day) > dim {
            return None;
        }
        Some(Self {
            year,
            month: u8::try_from(month).ok()?,
            day: u8::try_from(day).ok()?,
        })
    }

    /// Parses `YYYY-MM-DD` (exactly that form).
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        let (y, m, d) = time::parse_date(text)?;
        Self::new(
            i32::try_from(y).ok()?,
            u32::try_from(m).ok()?,
            u32::try_from(d).ok()?,
        )
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

    /// The day of the month, 1–31.
    #[must_use]
    pub const fn day(self) -> u32 {
        self.day as u32
    }

    /// Days since 1970-01-01 (negative before).
    #[must_use]
    pub const fn days(self) -> i64 {
        time::days_from_civil(self.year as i64, self.month as i64, self.day as i64)
    }

    /// The date `days` days after 1970-01-01, when it lies in years 1 to 9999.
    #[must_use]
    pub fn from_days(days: i64) -> Option<Self> {
        if days < Self::MIN.days() || days > Self::MAX.days() {
            return None;
        }
        let (y, m, d) = time::civil_from_days(days);
        Self::new(
            i32::try_from(y).ok()?,
            u32::try_from(m).ok()?,
            u32::try_from(d).ok()?,
        )
    }

    /// This date moved by `n` days (`None` outside years 1 to 9999).
    #[must_use]
    pub fn add_days(self, n: i64) -> Option<Self> {
        Self::from_days(self.days().checked_add(n)?)
    }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    #[must_use]
    pub const fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (4).
        let w = (self.days() + 3).rem_euclid(7) + 1;
        w as u32
    }

    /// Whether the date is a Saturday or Sunday.
    #[must_use]
    pub const fn is_weekend(self) -> bool {
        self.weekday() >= 6
    }

    /// Age in completed years (周岁) on `on` of someone born on `self`; `None` when `on` is
    /// before the birth date. Someone born on 29 February completes a year on 1 March in
    /// common years.
    #[must_use]
    pub fn age_on(self, on: Date) -> Option<u32> {
        if on < self {
            return None;
        }
        let mut years = on.year - self.year;
        if (on.month, on.day) < (self.month, self.day) {
            years -= 1;
        }
        u32::try_from(years).ok()
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Sex as recorded in an ID number and declared in a person block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sex {
    /// Male (odd sequence digit in an ID number).
    Male,
    /// Female (even sequence digit).
    Female,
}

impl Sex {
    /// Reads a declared sex: `"M"`/`"F"`, `"male"`/`"female"`, or the GB/T 2261.1 codes
    /// `"1"`/`"2"`. Anything else is `None` (the schema stage reports it).
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "M" | "male" | "1" => Some(Self::Male),
            "F" | "female" | "2" => Some(Self::Female),
            _ => None,
        }
    }

    /// English word.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Male => "male",
            Self::Female => "female",
        }
    }

    /// Chinese word.
    #[must_use]
    pub const fn as_zh(self) -> &'static str {
        match self {
            Self::Male => "男",
            Self::Female => "女",
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    /// `lookup` answers as `Value::pointer` on every kind of pointer: members, indexes (with
    /// the leading-zero and sign refusals), escapes, empty tokens and non-pointers.
    #[test]
    fn lookup_is_value_pointer() {
        let v = json!({
            "a": {"b": [10, {"c": "x"}]},
            "": {"": 1},
            "m/n": 2, "m~n": 3, "~1": 4,
            "0": [5], "01": 6
        });
        for p in [
            "",
            "/",
            "//",
            "/a",
            "/a/b",
            "/a/b/0",
            "/a/b/1/c",
            "/a/b/01",
            "/a/b/+1",
            "/a/b/2",
            "/a/b/-",
            "/a/b/1/c/d",
            "/m~1n",
            "/m~0n",
            "/~01",
            "/~1",
            "/~",
            "/m~2n",
            "a",
            "/0/0",
            "/01",
            "/0/00",
            "/a/b/18446744073709551616",
        ] {
            assert_eq!(super::lookup(&v, p), v.pointer(p), "pointer {p:?}");
        }
    }
}
