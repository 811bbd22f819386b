//! The implementation of [`crate::refdata`] (private: its public items are re-exported there).

use serde_json::{Map, Value, json};

use crate::envelope::{Document, Party};
use crate::error::{Error, ErrorCode, Result};
use crate::keys::Signer;
use crate::rules::Date;
use crate::rules::calendar::{DayKind, HolidayCalendar};
use crate::rules::regions::RegionTable;
use crate::time::{Clock, Timestamp};
use crate::trust::{Anchor, AnchorSigned, load_anchor_signed};

/// The message type of a reference-data document.
pub const MESSAGE_TYPE: &str = "reference_data";

/// The status of a year's holiday schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearStatus {
    /// The State Council's published notice (国务院办公厅关于…年部分节假日安排的通知).
    Official,
    /// Not yet published: statutory days only; deadlines over it carry
    /// `rule.calendar_provisional`.
    Provisional,
}

impl YearStatus {
    /// The wire name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Official => "official",
            Self::Provisional => "provisional",
        }
    }
}

/// One listed day of a calendar year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarDay {
    /// The date.
    pub date: Date,
    /// Holiday (day off) or adjusted working day (调休上班).
    pub kind: DayKind,
    /// The holiday's name, e.g. `春节` or `春节调休上班`.
    pub name: String,
}

/// One year of the holiday calendar: it replaces everything the embedded calendar lists for
/// that year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarYear {
    /// The year.
    pub year: i32,
    /// Official or provisional.
    pub status: YearStatus,
    /// The notice the days follow (title, document number, date).
    pub source: String,
    /// The holidays and adjusted working days.
    pub days: Vec<CalendarDay>,
}

/// Changes to the GB/T 2260 list after the embedded one's date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionChanges {
    /// The date of the list these changes lead to (`YYYY-MM-DD`).
    pub as_of: Date,
    /// Where the list comes from (the Ministry of Civil Affairs' publication).
    pub source: String,
    /// Codes added to the current list, with their names.
    pub added: Vec<(String, String)>,
    /// Codes retired from the current list, with a note (when, merged into what).
    pub retired: Vec<(String, String)>,
}

/// A verified reference-data document: the holiday calendar and GB/T 2260 changes that the
/// rules stage uses instead of the embedded ones (see the module docs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferenceData {
    /// Strictly increasing version number (a rollback is refused).
    pub sequence: u64,
    /// When the issuer promises the next document; past it plus the grace period the
    /// document is stale.
    pub next_update: Timestamp,
    /// The calendar version (`calendar.version`), when the document has a calendar section.
    pub calendar_version: Option<String>,
    /// The calendar years, in document order.
    pub years: Vec<CalendarYear>,
    /// The region changes, if any.
    pub region_changes: Option<RegionChanges>,
    calendar: HolidayCalendar,
    regions: RegionTable,
    digest: Option<String>,
    /// The signed document's envelope `expires_at`, when it has one.
    expires_at: Option<Timestamp>,
}

fn invalid(msg: impl Into<String>, path: impl Into<String>) -> Error {
    Error::new(ErrorCode::ReferenceDataInvalid, msg).at(path)
}

fn only_fields(obj: &Map<String, Value>, allowed: &[&str], base: &str) -> Result<()> {
    for k in obj.keys() {
        if !allowed.contains(&k.as_str()) {
            return Err(invalid(
                format!("unknown field '{k}'"),
                format!(
                    "{base}/{}",
                    labourlink_protocol::error::escape_pointer_token(k)
                ),
            ));
        }
    }
    Ok(())
}

fn object<'a>(v: &'a Value, path: &str) -> Result<&'a Map<String, Value>> {
    v.as_object()
        .ok_or_else(|| invalid(format!("{path} must be an object"), path))
}

fn text<'a>(obj: &'a Map<String, Value>, key: &str, base: &str) -> Result<&'a str> {
    match obj.get(key) {
        Some(Value::String(s)) if !s.trim().is_empty() => Ok(s),
        _ => Err(invalid(
            format!("'{key}' must be a non-empty string"),
            format!("{base}/{key}"),
        )),
    }
}

fn array<'a>(obj: &'a Map<String, Value>, key: &str, base: &str) -> Result<&'a Vec<Value>> {
    match obj.get(key) {
        Some(Value::Array(a)) => Ok(a),
        _ => Err(invalid(
            format!("'{key}' must be an array"),
            format!("{base}/{key}"),
        )),
    }
}

fn date(obj: &Map<String, Value>, key: &str, base: &str) -> Result<Date> {
    Date::parse(text(obj, key, base)?).ok_or_else(|| {
        invalid(
            format!("'{key}' must be a date YYYY-MM-DD"),
            format!("{base}/{key}"),
        )
    })
}

impl ReferenceData {
    /// Reads a body. Every problem is `reference_data.invalid` with its pointer under `/body`.
    ///
    /// # Errors
    /// `reference_data.invalid`.
    pub fn from_body(body: &Value) -> Result<Self> {
        let obj = object(body, "/body")?;
        only_fields(
            obj,
            &["sequence", "next_update", "calendar", "regions"],
            "/body",
        )?;
        let sequence = obj.get("sequence").and_then(Value::as_u64).ok_or_else(|| {
            invalid(
                "'sequence' must be a non-negative integer",
                "/body/sequence",
            )
        })?;
        let next_update = Timestamp::parse(text(obj, "next_update", "/body")?)
            .map_err(|e| invalid(e.message().to_owned(), "/body/next_update"))?;
        if obj.get("calendar").is_none() && obj.get("regions").is_none() {
            return Err(invalid(
                "a reference-data document needs a 'calendar' or a 'regions' section",
                "/body",
            ));
        }
        let mut calendar = HolidayCalendar::embedded().clone();
        let mut calendar_version = None;
        let mut years = Vec::new();
        if let Some(c) = obj.get("calendar") {
            let c = object(c, "/body/calendar")?;
            only_fields(c, &["version", "years"], "/body/calendar")?;
            let version = text(c, "version", "/body/calendar")?.to_owned();
            let list = array(c, "years", "/body/calendar")?;
            if list.is_empty() {
                return Err(invalid("'years' is empty", "/body/calendar/years"));
            }
            for (i, y) in list.iter().enumerate() {
                let base = format!("/body/calendar/years/{i}");
                let year = year_from_value(y, &base)?;
                if years.iter().any(|o: &CalendarYear| o.year == year.year) {
                    return Err(invalid(
                        format!("year {} appears twice", year.year),
                        format!("{base}/year"),
                    ));
                }
                let days: Vec<(Date, DayKind)> =
                    year.days.iter().map(|d| (d.date, d.kind)).collect();
                calendar
                    .replace_year(
                        year.year,
                        year.status == YearStatus::Official,
                        &days,
                        &version,
                    )
                    .map_err(|e| invalid(e.message().to_owned(), format!("{base}/days")))?;
                years.push(year);
            }
            calendar_version = Some(version);
        }
        let mut regions = RegionTable::embedded().clone();
        let mut region_changes = None;
        if let Some(r) = obj.get("regions") {
            let changes = regions_from_value(r)?;
            regions
                .apply_changes(&changes.as_of.to_string(), &changes.added, &changes.retired)
                .map_err(|e| invalid(e.message().to_owned(), "/body/regions"))?;
            region_changes = Some(changes);
        }
        Ok(Self {
            sequence,
            next_update,
            calendar_version,
            years,
            region_changes,
            calendar,
            regions,
            digest: None,
            expires_at: None,
        })
    }

    /// The body as JSON (the inverse of [`ReferenceData::from_body`]).
    #[must_use]
    pub fn to_body(&self) -> Value {
        let mut m = Map::new();
        m.insert("sequence".into(), self.sequence.into());
        m.insert("next_update".into(), self.next_update.to_string().into());
        if let Some(version) = &self.calendar_version {
            let years: Vec<Value> = self
                .years
                .iter()
                .map(|y| {
                    json!({
                        "year": y.year,
                        "status": y.status.as_str(),
                        "source": y.source,
                        "days": y.days.iter().map(|d| json!({
                            "date": d.date.to_string(),
                            "kind": match d.kind { DayKind::Holiday => "holiday", DayKind::Workday => "workday" },
                            "name": d.name,
                        })).collect::<Vec<_>>(),
                    })
                })
                .collect();
            m.insert(
                "calendar".into(),
                json!({"version": version, "years": years}),
            );
        }
        if let Some(r) = &self.region_changes {
            m.insert(
                "regions".into(),
                json!({
                    "as_of": r.as_of.to_string(),
                    "source": r.source,
                    "added": r.added.iter().map(|(c, n)| json!({"code": c, "name": n})).collect::<Vec<_>>(),
                    "retired": r.retired.iter().map(|(c, n)| json!({"code": c, "note": n})).collect::<Vec<_>>(),
                }),
            );
        }
        Value::Object(m)
    }

    /// The holiday calendar: the embedded one with this document's years replacing the
    /// embedded entries of those years.
    #[must_use]
    pub fn calendar(&self) -> &HolidayCalendar {
        &self.calendar
    }

    /// The GB/T 2260 table: the embedded lists with this document's changes applied.
    #[must_use]
    pub fn regions(&self) -> &RegionTable {
        &self.regions
    }

    /// The digest of the signed document this was loaded from (`None` when built from a
    /// body).
    #[must_use]
    pub fn digest(&self) -> Option<&str> {
        self.digest.as_deref()
    }

    /// Signs the document with a trust-anchor key and returns the JWS. `issuer` is the
    /// anchor's party; the document is addressed to the same party (it has no single
    /// receiver).
    ///
    /// # Errors
    /// The signer's error, or `envelope.*` if `issuer` is invalid.
    pub fn sign(&self, anchor: &dyn Signer, issuer: Party, clock: &dyn Clock) -> Result<String> {
        let doc = Document::builder(MESSAGE_TYPE, issuer.clone(), issuer)
            .body(self.to_body())
            .build(clock)?;
        labourlink_protocol::sign(&doc.to_value(), &[anchor])
    }

    /// Loads and verifies a signed reference-data document exactly as a trust list is
    /// verified (the same pinned anchors): every signature by a pinned anchor, canonical
    /// payload, type `reference_data`, not issued in the future, not expired, then the body,
    /// and not stale at `clock.now()`.
    ///
    /// # Errors
    /// `json.*`, `jws.*`, `reference_data.untrusted_anchor`, `key.algorithm_mismatch`,
    /// `signature.invalid`, `payload.not_canonical`, `envelope.*`, `reference_data.invalid`,
    /// `reference_data.stale`.
    pub fn load(
        bytes: &[u8],
        anchors: &[Anchor],
        clock: &dyn Clock,
        grace_seconds: i64,
    ) -> Result<Self> {
        let (checked, digest) =
            load_anchor_signed(bytes, anchors, clock, AnchorSigned::ReferenceData)?;
        let mut data = Self::from_body(&checked.document.body)?;
        data.digest = Some(digest);
        data.expires_at = checked.expires_at;
        data.check_fresh(clock.now(), grace_seconds)?;
        Ok(data)
    }

    /// Checks staleness at `now` with `grace_seconds` after `next_update`, and the signed
    /// document's own `expires_at` (with the 300 s leeway, as at loading), as
    /// [`labourlink_protocol::trust::TrustList::check_fresh`] does for a trust list.
    ///
    /// # Errors
    /// `input.invalid` for a grace outside 0 to 100 years, `reference_data.stale`.
    pub fn check_fresh(&self, now: Timestamp, grace_seconds: i64) -> Result<()> {
        labourlink_protocol::trust::check_grace_seconds(grace_seconds)?;
        if let Some(exp) = self.expires_at {
            if exp.add_seconds(labourlink_protocol::verify::DEFAULT_LEEWAY_SECONDS) < now {
                return Err(Error::new(
                    ErrorCode::ReferenceDataStale,
                    format!(
                        "reference data {} expired at {exp} (its expires_at); load a newer document",
                        self.sequence
                    ),
                ));
            }
        }
        let limit = self.next_update.add_seconds(grace_seconds);
        if now > limit {
            return Err(Error::new(
                ErrorCode::ReferenceDataStale,
                format!(
                    "reference data {} was due for renewal at {} and the grace period ended at {limit}; load a newer document",
                    self.sequence, self.next_update
                ),
            ));
        }
        Ok(())
    }

    /// Refuses a document that does not move forward from the highest accepted one: a lower
    /// `sequence`, or the same `sequence` with another digest (`accepted` is that sequence
    /// and, when known, its digest — persisted by the caller or the store).
    ///
    /// # Errors
    /// `reference_data.rollback`.
    pub fn check_not_rollback(&self, accepted: Option<(u64, Option<&str>)>) -> Result<()> {
        let Some((seq, digest)) = accepted else {
            return Ok(());
        };
        let same_other = self.sequence == seq
            && digest.is_some()
            && self.digest.is_some()
            && digest != self.digest.as_deref();
        if self.sequence < seq || same_other {
            return Err(Error::new(
                ErrorCode::ReferenceDataRollback,
                format!(
                    "reference-data sequence {} is not newer than the accepted sequence {seq}",
                    self.sequence
                ),
            )
            .at("/body/sequence"));
        }
        Ok(())
    }
}

fn year_from_value(v: &Value, base: &str) -> Result<CalendarYear> {
    let obj = object(v, base)?;
    only_fields(obj, &["year", "status", "source", "days"], base)?;
    let year = obj
        .get("year")
        .and_then(Value::as_i64)
        .filter(|y| (1900..=9999).contains(y))
        .and_then(|y| i32::try_from(y).ok())
        .ok_or_else(|| invalid("'year' must be 1900-9999", format!("{base}/year")))?;
    let status = match text(obj, "status", base)? {
        "official" => YearStatus::Official,
        "provisional" => YearStatus::Provisional,
        _ => {
            return Err(invalid(
                "'status' must be official or provisional",
                format!("{base}/status"),
            ));
        }
    };
    let source = text(obj, "source", base)?.to_owned();
    let mut days = Vec::new();
    for (i, d) in array(obj, "days", base)?.iter().enumerate() {
        let p = format!("{base}/days/{i}");
        let o = object(d, &p)?;
        only_fields(o, &["date", "kind", "name"], &p)?;
        let date = date(o, "date", &p)?;
        if date.year() != year {
            return Err(invalid(
                format!("{date} is not in {year}"),
                format!("{p}/date"),
            ));
        }
        if days.iter().any(|x: &CalendarDay| x.date == date) {
            return Err(invalid(
                format!("{date} is listed twice"),
                format!("{p}/date"),
            ));
        }
        let kind = match text(o, "kind", &p)? {
            "holiday" => DayKind::Holiday,
            "workday" => DayKind::Workday,
            _ => {
                return Err(invalid(
                    "'kind' must be holiday or workday",
                    format!("{p}/kind"),
                ));
            }
        };
        let name = text(o, "name", &p)?.to_owned();
        days.push(CalendarDay { date, kind, name });
    }
    Ok(CalendarYear {
        year,
        status,
        source,
        days,
    })
}

fn regions_from_value(v: &Value) -> Result<RegionChanges> {
    let base = "/body/regions";
    let obj = object(v, base)?;
    only_fields(obj, &["as_of", "source", "added", "retired"], base)?;
    let as_of = date(obj, "as_of", base)?;
    let source = text(obj, "source", base)?.to_owned();
    let pairs = |key: &str, second: &str| -> Result<Vec<(String, String)>> {
        let mut out: Vec<(String, String)> = Vec::new();
        let Some(list) = obj.get(key) else {
            return Ok(out);
        };
        let Value::Array(list) = list else {
            return Err(invalid(
                format!("'{key}' must be an array"),
                format!("{base}/{key}"),
            ));
        };
        for (i, e) in list.iter().enumerate() {
            let p = format!("{base}/{key}/{i}");
            let o = object(e, &p)?;
            only_fields(o, &["code", second], &p)?;
            let code = text(o, "code", &p)?;
            if !(code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit())) {
                return Err(invalid("'code' must be six digits", format!("{p}/code")));
            }
            if out.iter().any(|(c, _)| c == code) {
                return Err(invalid(
                    format!("{code} is listed twice"),
                    format!("{p}/code"),
                ));
            }
            out.push((code.to_owned(), text(o, second, &p)?.to_owned()));
        }
        Ok(out)
    };
    let added = pairs("added", "name")?;
    let retired = pairs("retired", "note")?;
    Ok(RegionChanges {
        as_of,
        source,
        added,
        retired,
    })
}

/// Defined here rather than in `rules` so that the rules stage does not depend on this module
/// (`tools/module_cycles.py`: `refdata` uses the rules' calendar and region table).
impl crate::rules::RulesStage {
    /// Uses the holiday calendar and the GB/T 2260 table of verified reference data
    /// ([`ReferenceData`]) instead of the embedded ones.
    #[must_use]
    pub fn with_reference_data(self, data: &ReferenceData) -> Self {
        self.with_calendar(data.calendar().clone())
            .with_regions(data.regions().clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::SigningKey;
    use crate::time::FixedClock;

    fn t(s: &str) -> Timestamp {
        Timestamp::parse(s).unwrap_or_else(|_| Timestamp::from_unix_seconds(0))
    }

    fn body() -> Value {
        json!({
            "sequence": 2,
            "next_update": "2027-12-01T00:00:00Z",
            "calendar": {"version": "2026-12-01", "years": [{
                "year": 2027, "status": "official",
                "source": "test notice",
                "days": [
                    {"date": "2027-01-01", "kind": "holiday", "name": "元旦"},
                    {"date": "2027-01-04", "kind": "holiday", "name": "元旦"},
                    {"date": "2027-01-09", "kind": "workday", "name": "元旦调休上班"}
                ]}]},
            "regions": {"as_of": "2024-12-31", "source": "test",
                "added": [{"code": "330299", "name": "测试新区"}],
                "retired": [{"code": "330213", "note": "retired 2024-12-31"}]}
        })
    }

    #[test]
    fn body_round_trip_and_tables() {
        let rd = ReferenceData::from_body(&body()).unwrap();
        assert_eq!(ReferenceData::from_body(&rd.to_body()).unwrap(), rd);
        let d = |s| Date::parse(s).unwrap();
        assert!(rd.calendar().is_confirmed(2027));
        assert!(!HolidayCalendar::embedded().is_confirmed(2027));
        assert!(!rd.calendar().is_working_day(d("2027-01-04")));
        assert!(rd.calendar().is_working_day(d("2027-01-09")));
        // Embedded 2027 entries not in the document are gone (the year is replaced).
        assert!(rd.calendar().is_confirmed(2026));
        assert!(rd.regions().is_current("330299"));
        assert!(rd.regions().is_historic("330213"));
    }

    /// The document's own `expires_at` ends it for a node that keeps running, as it would at
    /// a restart (it was checked at loading only).
    #[test]
    fn a_loaded_document_goes_stale_at_its_expires_at() {
        let anchor = SigningKey::from_seed(&[9; 32], "anchor-2026").unwrap();
        let clock = FixedClock(t("2026-12-01T00:00:00Z"));
        let rd = ReferenceData::from_body(&body()).unwrap();
        let issuer = Party::new("330200", "NB-HRSS");
        let doc = Document::builder(MESSAGE_TYPE, issuer.clone(), issuer)
            .expires_at(t("2026-12-10T00:00:00Z"))
            .body(rd.to_body())
            .build(&clock)
            .unwrap();
        let jws = labourlink_protocol::sign(&doc.to_value(), &[&anchor]).unwrap();
        let anchors = [Anchor::new("anchor-2026", anchor.verifying_key())];
        let loaded = ReferenceData::load(jws.as_bytes(), &anchors, &clock, 0).unwrap();
        assert!(loaded.check_fresh(t("2026-12-09T00:00:00Z"), 0).is_ok());
        let e = loaded
            .check_fresh(t("2026-12-11T00:00:00Z"), 0)
            .unwrap_err();
        assert_eq!(e.code(), ErrorCode::ReferenceDataStale);
        assert!(
            e.message().contains("expired at 2026-12-10T00:00:00Z"),
            "{e}"
        );
    }

    #[test]
    fn sign_load_rollback() {
        let anchor = SigningKey::from_seed(&[9; 32], "anchor-2026").unwrap();
        let clock = FixedClock(t("2026-12-01T00:00:00Z"));
        let rd = ReferenceData::from_body(&body()).unwrap();
        let jws = rd
            .sign(&anchor, Party::new("330200", "NB-HRSS"), &clock)
            .unwrap();
        let anchors = [Anchor::new("anchor-2026", anchor.verifying_key())];
        let loaded = ReferenceData::load(jws.as_bytes(), &anchors, &clock, 0).unwrap();
        assert_eq!(loaded.sequence, 2);
        assert!(
            loaded
                .check_not_rollback(Some((2, loaded.digest())))
                .is_ok()
        );
        assert!(loaded.check_not_rollback(Some((1, None))).is_ok());
        let e = loaded.check_not_rollback(Some((3, None))).unwrap_err();
        assert_eq!(e.code(), ErrorCode::ReferenceDataRollback);
        let e = loaded
            .check_not_rollback(Some((2, Some("other"))))
            .unwrap_err();
        assert_eq!(e.code(), ErrorCode::ReferenceDataRollback);
        // Another key: not an anchor.
        let other = SigningKey::from_seed(&[8; 32], "other").unwrap();
        let bad = rd
            .sign(&other, Party::new("330200", "NB-HRSS"), &clock)
            .unwrap();
        let e = ReferenceData::load(bad.as_bytes(), &anchors, &clock, 0).unwrap_err();
        assert_eq!(e.code(), ErrorCode::ReferenceDataUntrustedAnchor);
        // Stale.
        let late = FixedClock(t("2028-01-01T00:00:00Z"));
        let e = ReferenceData::load(jws.as_bytes(), &anchors, &late, 0).unwrap_err();
        assert_eq!(e.code(), ErrorCode::ReferenceDataStale);
    }

    #[test]
    fn malformed() {
        let mut b = body();
        b["calendar"]["years"][0]["days"][0]["date"] = json!("2026-01-01");
        let e = ReferenceData::from_body(&b).unwrap_err();
        assert_eq!(e.code(), ErrorCode::ReferenceDataInvalid);
        assert_eq!(e.path(), Some("/body/calendar/years/0/days/0/date"));
        let e = ReferenceData::from_body(
            &json!({"sequence": 1, "next_update": "2027-01-01T00:00:00Z"}),
        )
        .unwrap_err();
        assert_eq!(e.code(), ErrorCode::ReferenceDataInvalid);
        let mut b = body();
        b["regions"]["retired"][0]["code"] = json!("999999");
        let e = ReferenceData::from_body(&b).unwrap_err();
        assert_eq!(e.path(), Some("/body/regions"));
    }
}
