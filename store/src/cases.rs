//! Case records: every archived message with a `case` updates its case — type, parties, the
//! flow-table state (which message is awaited from whom) and the deadline of that step.
//!
//! What a message does to its case is decided by a [`CasePolicy`]; with the `catalogue`
//! feature (default) the store uses the catalogue's flow table, rule parameters and holiday
//! calendar ([`labourlink::cases::CaseRules`]), so deadlines are counted in working days with
//! the 调休 make-up days. The store itself only records and queries; dates are
//! `YYYY-MM-DD` strings (they sort as dates).

use labourlink_protocol::envelope::Document;
use labourlink_protocol::time::Timestamp;
use labourlink_protocol::{Error, ErrorCode, Result};
use serde_json::{Value, json};

use crate::corrupt;

/// A party of a case: region and agency code.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CaseParty {
    /// GB/T 2260 region code.
    pub region: String,
    /// Agency code.
    pub agency: String,
}

impl CaseParty {
    /// A party from its codes.
    #[must_use]
    pub fn new(region: impl Into<String>, agency: impl Into<String>) -> Self {
        Self {
            region: region.into(),
            agency: agency.into(),
        }
    }

    fn to_json(&self) -> Value {
        json!({"region": self.region, "agency": self.agency})
    }

    fn from_json(v: &Value) -> Option<Self> {
        Some(Self::new(
            v.get("region")?.as_str()?,
            v.get("agency")?.as_str()?,
        ))
    }
}

/// A message a case awaits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwaitedMessage {
    /// The awaited message type.
    pub message_type: String,
    /// Who must send it; `None` = either party.
    pub from: Option<CaseParty>,
}

/// The deadline of a case's awaited step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseDue {
    /// The last day on which the awaited message is on time (`YYYY-MM-DD`).
    pub on: String,
    /// The flow-table parameter, e.g. `deadline.social_insurance.contact_letter`.
    pub parameter: String,
    /// Its length.
    pub days: u32,
    /// `working_days` or `calendar_days`.
    pub unit: String,
    /// The date it counts from (`YYYY-MM-DD`).
    pub start: String,
    /// `false` when a provisional year of the holiday calendar was counted.
    pub calendar_confirmed: bool,
}

/// What a message does to its case (see [`CasePolicy::effect`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaseChange {
    /// The case moves on and now awaits these messages (possibly none) by this deadline.
    Advance {
        /// The awaited messages.
        awaited: Vec<AwaitedMessage>,
        /// The deadline, when one applies.
        due: Option<CaseDue>,
    },
    /// The case is closed.
    Close,
    /// The message is part of the case's history but does not change its state.
    Unchanged,
}

/// Decides what a message does to its case, and counts working days.
pub trait CasePolicy: Send + Sync {
    /// What `document` (which has a `case`) does to its case.
    fn effect(&self, document: &Document) -> CaseChange;

    /// The `n`th working day after `date` (`YYYY-MM-DD`); `None` when `date` is not a date.
    fn add_working_days(&self, date: &str, n: u32) -> Option<String>;
}

#[cfg(feature = "catalogue")]
impl CasePolicy for labourlink::cases::CaseRules {
    fn effect(&self, document: &Document) -> CaseChange {
        use labourlink::cases::CaseEffect;
        let party = |p: labourlink::envelope::Party| CaseParty::new(p.region, p.agency);
        match labourlink::cases::CaseRules::effect(self, document) {
            CaseEffect::Close => CaseChange::Close,
            CaseEffect::Unchanged => CaseChange::Unchanged,
            CaseEffect::Advance { awaited, deadline } => CaseChange::Advance {
                awaited: awaited
                    .into_iter()
                    .map(|a| AwaitedMessage {
                        message_type: a.message_type,
                        from: a.from.map(party),
                    })
                    .collect(),
                due: deadline.map(|d| CaseDue {
                    on: d.due.to_string(),
                    parameter: d.parameter,
                    days: d.days,
                    unit: d.unit.as_str().to_owned(),
                    start: d.start.to_string(),
                    calendar_confirmed: d.calendar_confirmed,
                }),
            },
        }
    }

    fn add_working_days(&self, date: &str, n: u32) -> Option<String> {
        let d = labourlink::rules::Date::parse(date)?;
        labourlink::cases::CaseRules::add_working_days(self, d, n).map(|d| d.to_string())
    }
}

/// Whether a case is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseStatus {
    /// Open (possibly awaiting nothing).
    Open,
    /// Closed by a `control.case_close`.
    Closed,
}

impl CaseStatus {
    /// `"open"` or `"closed"`, as stored.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Closed => "closed",
        }
    }

    pub(crate) fn from_stored(s: &str) -> Result<Self> {
        match s {
            "open" => Ok(Self::Open),
            "closed" => Ok(Self::Closed),
            _ => Err(corrupt("a case record has an unknown status")),
        }
    }
}

/// A case as the store records it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CaseRecord {
    /// `case.id`.
    pub case_id: String,
    /// `case.type`.
    pub case_type: String,
    /// Open or closed.
    pub status: CaseStatus,
    /// The sender of the first message the store saw in the case.
    pub opened_by: CaseParty,
    /// Its receiver: the other party.
    pub counterparty: CaseParty,
    /// `issued_at` of that first message.
    pub opened_at: Timestamp,
    /// The type of the message that set the current state.
    pub last_type: String,
    /// Its id.
    pub last_id: String,
    /// Its sender.
    pub last_from: CaseParty,
    /// Its receiver.
    pub last_to: CaseParty,
    /// Its `issued_at`.
    pub last_issued_at: Timestamp,
    /// The messages the case awaits (empty when closed or when nothing is awaited).
    pub awaited: Vec<AwaitedMessage>,
    /// The deadline of the awaited step.
    pub due: Option<CaseDue>,
    /// When the record last changed (the archive time of that message).
    pub updated_at: Timestamp,
}

impl CaseRecord {
    /// Whether the case is open with a deadline before `as_of` (`YYYY-MM-DD`).
    #[must_use]
    pub fn is_overdue(&self, as_of: &str) -> bool {
        self.status == CaseStatus::Open && self.due.as_ref().is_some_and(|d| d.on.as_str() < as_of)
    }

    /// The record as JSON (what `labourlink cases --json` prints).
    #[must_use]
    pub fn to_json(&self) -> Value {
        json!({
            "case_id": self.case_id,
            "case_type": self.case_type,
            "status": self.status.as_str(),
            "opened_by": self.opened_by.to_json(),
            "counterparty": self.counterparty.to_json(),
            "opened_at": self.opened_at.to_string(),
            "last": {
                "type": self.last_type,
                "id": self.last_id,
                "from": self.last_from.to_json(),
                "to": self.last_to.to_json(),
                "issued_at": self.last_issued_at.to_string(),
            },
            "awaited": awaited_json(&self.awaited),
            "due": self.due.as_ref().map(due_json),
            "updated_at": self.updated_at.to_string(),
        })
    }
}

pub(crate) fn awaited_json(list: &[AwaitedMessage]) -> Value {
    Value::Array(
        list.iter()
            .map(|a| json!({"type": a.message_type, "from": a.from.as_ref().map(CaseParty::to_json)}))
            .collect(),
    )
}

pub(crate) fn due_json(d: &CaseDue) -> Value {
    json!({
        "on": d.on,
        "parameter": d.parameter,
        "days": d.days,
        "unit": d.unit,
        "start": d.start,
        "calendar_confirmed": d.calendar_confirmed,
    })
}

pub(crate) fn parse_awaited(text: &str) -> Result<Vec<AwaitedMessage>> {
    let v: Value = serde_json::from_str(text)
        .map_err(|_| corrupt("a case record's awaited list is not JSON"))?;
    let list = v
        .as_array()
        .ok_or_else(|| corrupt("a case record's awaited list is not an array"))?;
    list.iter()
        .map(|a| {
            Ok(AwaitedMessage {
                message_type: a
                    .get("type")
                    .and_then(Value::as_str)
                    .ok_or_else(|| corrupt("a case record's awaited entry has no type"))?
                    .to_owned(),
                from: a.get("from").and_then(CaseParty::from_json),
            })
        })
        .collect()
}

pub(crate) fn parse_due(on: Option<String>, text: Option<String>) -> Result<Option<CaseDue>> {
    let (Some(on), Some(text)) = (on, text) else {
        return Ok(None);
    };
    let v: Value =
        serde_json::from_str(&text).map_err(|_| corrupt("a case record's deadline is not JSON"))?;
    let s = |k: &str| {
        v.get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    Ok(Some(CaseDue {
        on,
        parameter: s("parameter"),
        days: v
            .get("days")
            .and_then(Value::as_u64)
            .and_then(|d| u32::try_from(d).ok())
            .unwrap_or_default(),
        unit: s("unit"),
        start: s("start"),
        calendar_confirmed: v
            .get("calendar_confirmed")
            .and_then(Value::as_bool)
            .unwrap_or(true),
    }))
}

/// A case row as written with an archived message (one transaction).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseWrite {
    /// `case.id`.
    pub case_id: String,
    /// `case.type`.
    pub case_type: String,
    /// The message's sender.
    pub from: CaseParty,
    /// The message's receiver.
    pub to: CaseParty,
    /// The message type.
    pub message_type: String,
    /// The message id.
    pub message_id: String,
    /// The message's `issued_at`, in milliseconds since the epoch.
    pub issued_ms: i64,
    /// The message's `in_reply_to`: a reply to the message that set the case last advances
    /// it even when dated a little before that message (within the clock leeway, as
    /// LL-REPLY-008 allows); otherwise the later `issued_at` wins.
    pub in_reply_to: Option<String>,
    /// The new status; `None` leaves an existing record as it is (and opens a new one).
    pub status: Option<CaseStatus>,
    /// The awaited messages, as JSON text.
    pub awaited: String,
    /// The due date.
    pub due_on: Option<String>,
    /// The deadline details, as JSON text.
    pub deadline: Option<String>,
    /// The archive time, in milliseconds since the epoch.
    pub now_ms: i64,
}

impl CaseWrite {
    pub(crate) fn new(document: &Document, change: CaseChange, now: Timestamp) -> Option<Self> {
        let case = document.case.as_ref()?;
        let issued_ms = Timestamp::parse(&document.issued_at).ok()?.unix_millis();
        let (status, awaited, due) = match change {
            CaseChange::Advance { awaited, due } => (Some(CaseStatus::Open), awaited, due),
            CaseChange::Close => (Some(CaseStatus::Closed), Vec::new(), None),
            CaseChange::Unchanged => (None, Vec::new(), None),
        };
        Some(Self {
            case_id: case.id.clone(),
            case_type: case.case_type.clone(),
            from: CaseParty::new(&document.from.region, &document.from.agency),
            to: CaseParty::new(&document.to.region, &document.to.agency),
            message_type: document.message_type.clone(),
            message_id: document.id.clone(),
            issued_ms,
            in_reply_to: document.in_reply_to.clone(),
            status,
            awaited: awaited_json(&awaited).to_string(),
            due_on: due.as_ref().map(|d| d.on.clone()),
            deadline: due.as_ref().map(|d| due_json(d).to_string()),
            now_ms: now.unix_millis(),
        })
    }
}

/// Which cases [`crate::Store::cases`] lists.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseQuery {
    /// Only this case id.
    pub case_id: Option<String>,
    /// Only open cases.
    pub open_only: bool,
    /// Only cases due on or after this date.
    pub due_from: Option<String>,
    /// Only cases due on or before this date.
    pub due_until: Option<String>,
    /// At most this many (0 = no limit).
    pub limit: u64,
}

/// Checks a `YYYY-MM-DD` argument (a real calendar day; the database compares them as text).
pub(crate) fn check_date(date: &str) -> Result<()> {
    match labourlink_protocol::time::parse_date(date) {
        Some(_) => Ok(()),
        None => Err(Error::new(
            ErrorCode::InputInvalid,
            "a date must be a calendar day written YYYY-MM-DD",
        )),
    }
}

/// The day before `date` (`YYYY-MM-DD`), for "due before" as an inclusive bound.
pub(crate) fn day_before(date: &str) -> Option<String> {
    use labourlink_protocol::time::{civil_from_days, days_from_civil, parse_date};
    let (y, m, d) = parse_date(date)?;
    let (y, m, d) = civil_from_days(days_from_civil(y, m, d) - 1);
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

pub(crate) const CASE_COLUMNS: &str = "case_id, case_type, status, opened_by_region, opened_by_agency, counterparty_region, counterparty_agency, opened_at, last_type, last_id, last_from_region, last_from_agency, last_to_region, last_to_agency, last_issued, awaited, due_on, deadline, updated_at";

/// A case row as read, before its text columns are interpreted (both backends).
pub(crate) struct CaseRow {
    pub(crate) case_id: String,
    pub(crate) case_type: String,
    pub(crate) status: String,
    pub(crate) opened_by: (String, String),
    pub(crate) counterparty: (String, String),
    pub(crate) opened_at: i64,
    pub(crate) last_type: String,
    pub(crate) last_id: String,
    pub(crate) last_from: (String, String),
    pub(crate) last_to: (String, String),
    pub(crate) last_issued: i64,
    pub(crate) awaited: String,
    pub(crate) due_on: Option<String>,
    pub(crate) deadline: Option<String>,
    pub(crate) updated_at: i64,
}

impl CaseRow {
    pub(crate) fn into_record(self) -> Result<CaseRecord> {
        let p = |(r, a): (String, String)| CaseParty::new(r, a);
        Ok(CaseRecord {
            case_id: self.case_id,
            case_type: self.case_type,
            status: CaseStatus::from_stored(&self.status)?,
            opened_by: p(self.opened_by),
            counterparty: p(self.counterparty),
            opened_at: Timestamp::from_unix_millis(self.opened_at),
            last_type: self.last_type,
            last_id: self.last_id,
            last_from: p(self.last_from),
            last_to: p(self.last_to),
            last_issued_at: Timestamp::from_unix_millis(self.last_issued),
            awaited: parse_awaited(&self.awaited)?,
            due: parse_due(self.due_on, self.deadline)?,
            updated_at: Timestamp::from_unix_millis(self.updated_at),
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn day_before_crosses_months_and_years() {
        assert_eq!(day_before("2027-01-01").unwrap(), "2026-12-31");
        assert_eq!(day_before("2024-03-01").unwrap(), "2024-02-29");
        assert_eq!(day_before("2026-03-01").unwrap(), "2026-02-28");
        assert_eq!(day_before("2026-10-08").unwrap(), "2026-10-07");
        assert!(check_date("2026-1-01").is_err());
        assert!(check_date("2026-01-01").is_ok());
    }
}
