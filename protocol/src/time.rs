//! The implementation of [`crate::time`] (private: its public items are re-exported there).

use std::fmt;
use std::str::FromStr;

use crate::error_imp::{Error, ErrorCode, Result};

/// Default clock leeway of verifiers: 300 seconds (partner systems' clocks drift; more than
/// five minutes is not drift).
pub const DEFAULT_LEEWAY_SECONDS: i64 = 300;

/// The largest clock leeway a verifier takes: one hour. Clocks further apart are not skew, and
/// a larger leeway would accept messages dated that far in the future.
pub const MAX_LEEWAY_SECONDS: i64 = 3600;

/// The largest maximum age, retired-key window or stale grace a verifier takes, and the largest
/// grace a trust list or reference data is loaded with: 100 years in seconds. Larger values
/// mean "none" and are said so (`dangerous().no_max_age()`, `no_max_age_for_type`); they would
/// also carry replay records past the range of the clock.
pub const MAX_TIME_SETTING_SECONDS: i64 = 100 * 365 * 24 * 3600;

/// An instant with second precision plus nanoseconds, in UTC.
///
/// ```
/// use labourlink_protocol::time::Timestamp;
/// let t: Timestamp = "2026-11-27T08:00:00Z".parse().unwrap();
/// assert_eq!(t.unix_seconds(), 1_795_766_400);
/// assert_eq!(t.to_string(), "2026-11-27T08:00:00Z");
/// assert!("2026-11-27T08:00:00+08:00".parse::<Timestamp>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    secs: i64,
    nanos: u32,
}

impl Timestamp {
    /// The instant `secs` seconds after 1970-01-01T00:00:00Z.
    #[must_use]
    pub const fn from_unix_seconds(secs: i64) -> Self {
        Self { secs, nanos: 0 }
    }

    /// The instant `millis` milliseconds after the Unix epoch.
    #[must_use]
    pub const fn from_unix_millis(millis: i64) -> Self {
        Self {
            secs: millis.div_euclid(1000),
            // rem_euclid(1000) is in 0..1000, so the cast cannot truncate.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            nanos: (millis.rem_euclid(1000) as u32) * 1_000_000,
        }
    }

    /// Seconds since the Unix epoch (rounded down).
    #[must_use]
    pub const fn unix_seconds(self) -> i64 {
        self.secs
    }

    /// Milliseconds since the Unix epoch (rounded down).
    #[must_use]
    pub const fn unix_millis(self) -> i64 {
        // Saturating throughout: a far-future instant (a saturated `add_seconds`) stays the
        // largest value instead of wrapping to a negative one (an expiry in the past).
        self.secs
            .saturating_mul(1000)
            .saturating_add((self.nanos / 1_000_000) as i64)
    }

    /// This instant moved by `secs` seconds (saturating).
    #[must_use]
    pub const fn add_seconds(self, secs: i64) -> Self {
        Self {
            secs: self.secs.saturating_add(secs),
            nanos: self.nanos,
        }
    }

    /// Parses the strict RFC 3339 UTC form `YYYY-MM-DDTHH:MM:SS[.fffffffff]Z`.
    ///
    /// # Errors
    /// `input.invalid` when the text is not exactly that form or names an impossible date.
    pub fn parse(text: &str) -> Result<Self> {
        parse_rfc3339(text).ok_or_else(|| {
            Error::new(
                ErrorCode::InputInvalid,
                format!(
                    "'{}' is not an RFC 3339 UTC instant like 2026-11-27T08:00:00Z",
                    truncate(text, 40)
                ),
            )
        })
    }
}

/// What [`Timestamp::parse_typed`] makes of a date without a time of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOnly {
    /// A date alone is refused: an instant is needed (a signing or verification time).
    Refused,
    /// `YYYY-MM-DD` is midnight at the start of that day in China Standard Time (UTC+08:00),
    /// the time zone of every region the protocol serves: `2026-12-05` is
    /// `2026-12-04T16:00:00Z`.
    StartOfDayChina,
}

/// China Standard Time, UTC+08:00, in seconds.
const CHINA_OFFSET_SECONDS: i64 = 8 * 3600;

impl Timestamp {
    /// Parses a time typed by a person (a command-line flag, a form field) and normalises it to
    /// UTC: RFC 3339 with `Z` or a numeric offset (`2026-12-05T14:30:00+08:00`, what a clerk in
    /// Ningbo types, is `2026-12-05T06:30:00Z`), `t`/`z` in either case or a space between date
    /// and time (RFC 3339 §5.6), and with [`DateOnly::StartOfDayChina`] a bare `YYYY-MM-DD`.
    ///
    /// This is for input from people only: documents on the wire are read with
    /// [`Timestamp::parse`], which accepts the UTC `Z` form and nothing else, and
    /// [`Timestamp`]'s `Display` always writes that form.
    ///
    /// ```
    /// use labourlink_protocol::time::{DateOnly, Timestamp};
    /// let t = Timestamp::parse_typed("2026-12-05T14:30:00+08:00", DateOnly::Refused).unwrap();
    /// assert_eq!(t.to_string(), "2026-12-05T06:30:00Z");
    /// let d = Timestamp::parse_typed("2026-12-05", DateOnly::StartOfDayChina).unwrap();
    /// assert_eq!(d.to_string(), "2026-12-04T16:00:00Z");
    /// assert!(Timestamp::parse_typed("2026-12-05", DateOnly::Refused).is_err());
    /// assert!(Timestamp::parse("2026-12-05T14:30:00+08:00").is_err());
    /// // An offset that carries the instant past 9999 (or before 0001) in UTC is refused.
    /// assert!(Timestamp::parse_typed("9999-12-31T23:59:59-01:00", DateOnly::Refused).is_err());
    /// assert!(Timestamp::parse_typed("0001-01-01", DateOnly::StartOfDayChina).is_err());
    /// ```
    ///
    /// # Errors
    /// `input.invalid` when the text is none of these forms or names an impossible date or
    /// time (leap seconds, offsets beyond ±23:59).
    pub fn parse_typed(text: &str, date: DateOnly) -> Result<Self> {
        let parsed = match (parse_date(text), date) {
            (Some((y, m, d)), DateOnly::StartOfDayChina) => Some(Self::from_unix_seconds(
                days_from_civil(y, m, d) * 86_400 - CHINA_OFFSET_SECONDS,
            )),
            _ => parse_with_offset(text),
        };
        // An offset can carry an instant past 9999-12-31 or before 0001-01-01 in UTC, which
        // no document can state (its `Z` form has a four-digit year).
        let first = days_from_civil(1, 1, 1) * 86_400;
        let last = days_from_civil(9999, 12, 31) * 86_400 + 86_399;
        if let Some(t) = parsed.filter(|t| t.secs < first || t.secs > last) {
            return Err(Error::new(
                ErrorCode::InputInvalid,
                format!(
                    "'{}' is {} in UTC: outside the years 0001 to 9999 a document's time can state",
                    truncate(text, 40),
                    if t.secs < first {
                        "before 0001-01-01"
                    } else {
                        "after 9999-12-31"
                    }
                ),
            ));
        }
        parsed.ok_or_else(|| {
            let forms = match date {
                DateOnly::Refused => "",
                DateOnly::StartOfDayChina => ", or a date 2026-12-05 (China Standard Time)",
            };
            Error::new(
                ErrorCode::InputInvalid,
                format!(
                    "'{}' is not an RFC 3339 time like 2026-12-05T14:30:00+08:00 or 2026-12-05T06:30:00Z{forms}",
                    truncate(text, 40)
                ),
            )
        })
    }
}

/// RFC 3339 `date-time` with `Z` or `±HH:MM`, either case of `T`/`Z`, or a space for `T`.
fn parse_with_offset(text: &str) -> Option<Timestamp> {
    let b = text.as_bytes();
    if b.len() < 20 || !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    let tail = text.get(19..)?;
    // Split the zone off after the optional fraction.
    let zone_at = tail.find(['Z', 'z', '+', '-']).map(|i| i + 19)?;
    let (main, zone) = (text.get(..zone_at)?, text.get(zone_at..)?);
    let offset = match zone.as_bytes() {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let (h, m) = (digits(&[*h1, *h2])?, digits(&[*m1, *m2])?);
            if h > 23 || m > 59 {
                return None;
            }
            let s = h * 3600 + m * 60;
            if *sign == b'+' { s } else { -s }
        }
        _ => return None,
    };
    let utc = format!("{}T{}Z", main.get(..10)?, main.get(11..)?);
    let t = parse_rfc3339(&utc)?;
    Some(Timestamp {
        secs: t.secs.checked_sub(offset)?,
        nanos: t.nanos,
    })
}

fn truncate(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

fn digits(b: &[u8]) -> Option<i64> {
    let mut v: i64 = 0;
    for &c in b {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v * 10 + i64::from(c - b'0');
    }
    Some(v)
}

/// Whether `y` is a Gregorian leap year.
#[must_use]
pub(crate) const fn is_leap_year(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// Days in month `m` (1–12) of year `y`.
#[must_use]
pub const fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
#[must_use]
pub const fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date (year, month, day) of a day count since 1970-01-01.
#[must_use]
pub const fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Parses a `YYYY-MM-DD` calendar date into (year, month, day), checking that the day exists.
#[must_use]
pub fn parse_date(text: &str) -> Option<(i64, i64, i64)> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let (y, m, d) = (digits(&b[0..4])?, digits(&b[5..7])?, digits(&b[8..10])?);
    if !(1..=12).contains(&m) || d < 1 || d > days_in_month(y, m) {
        return None;
    }
    Some((y, m, d))
}

fn parse_rfc3339(text: &str) -> Option<Timestamp> {
    let b = text.as_bytes();
    if b.len() < 20 || b[10] != b'T' || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let (y, m, d) = parse_date(text.get(0..10)?)?;
    let (hh, mm, ss) = (
        digits(&b[11..13])?,
        digits(&b[14..16])?,
        digits(&b[17..19])?,
    );
    if hh > 23 || mm > 59 || ss > 59 {
        return None;
    }
    let rest = &b[19..];
    let nanos = match rest {
        [b'Z'] => 0,
        [b'.', frac @ .., b'Z'] if (1..=9).contains(&frac.len()) => {
            let mut v = digits(frac)?;
            for _ in frac.len()..9 {
                v *= 10;
            }
            u32::try_from(v).ok()?
        }
        _ => return None,
    };
    let secs = days_from_civil(y, m, d) * 86_400 + hh * 3600 + mm * 60 + ss;
    Some(Timestamp { secs, nanos })
}

impl FromStr for Timestamp {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Self::parse(s)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let days = self.secs.div_euclid(86_400);
        let sod = self.secs.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        write!(
            f,
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}",
            sod / 3600,
            (sod / 60) % 60,
            sod % 60
        )?;
        if self.nanos != 0 {
            let mut frac = format!("{:09}", self.nanos);
            while frac.ends_with('0') {
                frac.pop();
            }
            write!(f, ".{frac}")?;
        }
        f.write_str("Z")
    }
}

/// A source of the current time. Inject one into the verifier and the envelope builder.
pub trait Clock: Send + Sync {
    /// The current instant.
    fn now(&self) -> Timestamp;
}

/// The system clock (`Date.now()` under WebAssembly in a JavaScript host).
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    #[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
    fn now(&self) -> Timestamp {
        match std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
            Ok(d) => Timestamp {
                secs: i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
                nanos: d.subsec_nanos(),
            },
            Err(e) => Timestamp::from_unix_seconds(
                -i64::try_from(e.duration().as_secs()).unwrap_or(i64::MAX),
            ),
        }
    }

    #[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
    fn now(&self) -> Timestamp {
        // Date.now() is an integral number of milliseconds well inside i64.
        #[allow(clippy::cast_possible_truncation)]
        Timestamp::from_unix_millis(js_sys::Date::now() as i64)
    }
}

/// A clock that always says the same instant (tests, conformance vectors, `--at`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FixedClock(pub Timestamp);

impl Clock for FixedClock {
    fn now(&self) -> Timestamp {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn far_future_millis_saturate_instead_of_wrapping() {
        // A saturated instant with a fraction: the largest value, not a negative one (a
        // replay record kept "until then" would otherwise count as expired).
        let t = Timestamp::parse("2026-11-27T08:00:00.999Z")
            .unwrap()
            .add_seconds(i64::MAX);
        assert_eq!(t.unix_millis(), i64::MAX);
        let t = Timestamp::parse("2026-11-27T08:00:00.5Z").unwrap();
        assert_eq!(t.unix_millis(), 1_795_766_400_500);
    }

    #[test]
    fn round_trip_and_rejects() {
        for s in [
            "1970-01-01T00:00:00Z",
            "2000-02-29T23:59:59Z",
            "2026-11-27T08:00:00.5Z",
            "1969-12-31T23:59:59Z",
            "9999-12-31T23:59:59.123456789Z",
        ] {
            assert_eq!(Timestamp::parse(s).unwrap().to_string(), s);
        }
        for s in [
            "2026-11-27 08:00:00Z",
            "2026-11-27T08:00:00",
            "2026-11-27T08:00:00+00:00",
            "2026-02-29T00:00:00Z",
            "2026-11-27T24:00:00Z",
            "2026-11-27T08:00:60Z",
            "2026-11-27T08:00:00.Z",
            "2026-11-27T08:00:00.1234567890Z",
            "2026-11-27t08:00:00z",
            "２026-11-27T08:00:00Z",
        ] {
            assert_eq!(
                Timestamp::parse(s).unwrap_err().code(),
                ErrorCode::InputInvalid,
                "{s}"
            );
        }
    }

    #[test]
    fn typed_times_take_offsets_and_dates_but_the_wire_form_does_not() {
        for (typed, utc) in [
            ("2026-12-05T14:30:00+08:00", "2026-12-05T06:30:00Z"),
            ("2026-12-05T06:30:00Z", "2026-12-05T06:30:00Z"),
            ("2026-12-05t06:30:00z", "2026-12-05T06:30:00Z"),
            ("2026-12-05 14:30:00+08:00", "2026-12-05T06:30:00Z"),
            ("2026-12-05T02:30:00.25+08:00", "2026-12-04T18:30:00.25Z"),
            ("2026-12-04T22:30:00-08:00", "2026-12-05T06:30:00Z"),
            ("2026-12-05T06:30:00-00:00", "2026-12-05T06:30:00Z"),
            ("2026-01-01T00:00:00+23:59", "2025-12-31T00:01:00Z"),
        ] {
            let t = Timestamp::parse_typed(typed, DateOnly::Refused).unwrap();
            assert_eq!(t.to_string(), utc, "{typed}");
            // What a person typed is accepted; the same text on the wire is not (unless it
            // already is the UTC Z form).
            assert_eq!(Timestamp::parse(typed).is_ok(), typed == utc, "{typed}");
        }
        assert_eq!(
            Timestamp::parse_typed("2026-12-05", DateOnly::StartOfDayChina)
                .unwrap()
                .to_string(),
            "2026-12-04T16:00:00Z"
        );
        for bad in [
            "2026-12-05",
            "2026-12-05T14:30:00",
            "2026-12-05T14:30+08:00",
            "2026-12-05T14:30:00+0800",
            "2026-12-05T14:30:00+24:00",
            "2026-12-05T14:30:00+08:60",
            "2026-12-05T14:30:60+08:00",
            "2026-02-29T14:30:00+08:00",
            "2026-12-05T14:30:00+08:00 ",
            "2026-12-05X14:30:00Z",
            "2026-12-05T14:30:00.+08:00",
            "2026-12-05T14:30:00Z+08:00",
            "yesterday",
            "２026-12-05T14:30:00+08:00",
        ] {
            let e = Timestamp::parse_typed(bad, DateOnly::Refused).unwrap_err();
            assert_eq!(e.code(), ErrorCode::InputInvalid, "{bad}");
        }
        for bad in ["2026-02-29", "2026-12-5", "20261205"] {
            assert!(
                Timestamp::parse_typed(bad, DateOnly::StartOfDayChina).is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn civil_inverse() {
        for z in [-800_000, -1, 0, 1, 10_957, 20_000, 2_932_896] {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
        assert_eq!(
            Timestamp::from_unix_millis(-1).to_string(),
            "1969-12-31T23:59:59.999Z"
        );
    }
}
