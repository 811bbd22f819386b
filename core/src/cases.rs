//! The implementation of [`crate::cases`] (private: its public items are re-exported there).

use std::borrow::Cow;

use serde_json::Value;

use crate::envelope::{Document, Party};
use crate::flows_imp::{self as flows, SenderRelation};
use crate::rules::Date;
use crate::rules::calendar::HolidayCalendar;
use crate::rules::params::RuleParameters;
use crate::rules::stage::{Unit, body_date, deadline_value, issued_date};
use crate::trust::type_matches;

/// Message types that never advance a case: acknowledgements and the control plane's
/// side-exchanges.
const KEEPS_STATE: &[&str] = &[
    "receipt",
    "control.reminder",
    "control.reminder_reply",
    "control.clarification_request",
    "control.clarification_reply",
    "control.invalidate",
];

/// One message a case awaits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Awaited {
    /// The awaited message type.
    pub message_type: String,
    /// Who must send it; `None` = either party of the case.
    pub from: Option<Party>,
}

/// How a deadline is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadlineUnit {
    /// Working days (工作日) of the holiday calendar.
    WorkingDays,
    /// Calendar days.
    CalendarDays,
}

impl DeadlineUnit {
    /// `"working_days"` or `"calendar_days"`, as in the flow table.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::WorkingDays => "working_days",
            Self::CalendarDays => "calendar_days",
        }
    }
}

/// The deadline of the awaited step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseDeadline {
    /// The flow-table parameter, e.g. `deadline.social_insurance.contact_letter`.
    pub parameter: String,
    /// Its length.
    pub days: u32,
    /// Its unit.
    pub unit: DeadlineUnit,
    /// The date it counts from.
    pub start: Date,
    /// The last day on which the awaited message is on time.
    pub due: Date,
    /// Whether every year from `start` to `due` follows a confirmed holiday schedule (see
    /// [`HolidayCalendar::is_confirmed`]); `false` when a provisional year was counted.
    pub calendar_confirmed: bool,
}

/// What a message does to its case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaseEffect {
    /// The case moves on: it now awaits these messages (possibly none), by this deadline.
    Advance {
        /// The awaited messages.
        awaited: Vec<Awaited>,
        /// The earliest deadline among them, if one applies.
        deadline: Option<CaseDeadline>,
    },
    /// `control.case_close`: the case is closed.
    Close,
    /// A receipt or control side-exchange: the case's state stays as it was.
    Unchanged,
}

/// The rule parameters and holiday calendar case deadlines are counted with.
#[derive(Debug, Clone)]
pub struct CaseRules {
    params: RuleParameters,
    calendar: Cow<'static, HolidayCalendar>,
}

impl Default for CaseRules {
    fn default() -> Self {
        Self::new(RuleParameters::default())
    }
}

impl CaseRules {
    /// Rules with these parameters and the embedded holiday calendar.
    #[must_use]
    pub fn new(params: RuleParameters) -> Self {
        Self {
            params,
            calendar: Cow::Borrowed(HolidayCalendar::embedded()),
        }
    }

    /// Uses another holiday calendar (e.g. a newer file).
    #[must_use]
    pub fn with_calendar(mut self, calendar: HolidayCalendar) -> Self {
        self.calendar = Cow::Owned(calendar);
        self
    }

    /// The parameters.
    #[must_use]
    pub fn params(&self) -> &RuleParameters {
        &self.params
    }

    /// The holiday calendar.
    #[must_use]
    pub fn calendar(&self) -> &HolidayCalendar {
        &self.calendar
    }

    /// The `n`th working day after `date` on this calendar.
    #[must_use]
    pub fn add_working_days(&self, date: Date, n: u32) -> Option<Date> {
        self.calendar.add_working_days(date, n)
    }

    /// What `document` does to its case (see the module documentation). A document without
    /// a case, or of a type the flow table does not know, changes nothing.
    #[must_use]
    pub fn effect(&self, document: &Document) -> CaseEffect {
        let Some(case) = &document.case else {
            return CaseEffect::Unchanged;
        };
        if document.message_type == "control.case_close" {
            return CaseEffect::Close;
        }
        if KEEPS_STATE.contains(&document.message_type.as_str()) {
            return CaseEffect::Unchanged;
        }
        let Ok(table) = flows::table() else {
            return CaseEffect::Unchanged;
        };
        let case_type = case.case_type.as_str();
        let allowed = |list: &[String]| list.iter().any(|c| c == "*" || c == case_type);
        let mut types: Vec<(&String, &flows::MessageFlow)> = table.messages.iter().collect();
        types.sort_by(|a, b| a.0.cmp(b.0));
        let mut awaited = Vec::new();
        let mut deadline: Option<CaseDeadline> = None;
        for (name, flow) in types {
            if name == "receipt" || name.starts_with("control.") || flow.caseless {
                continue;
            }
            if !allowed(&flow.case_types) {
                continue;
            }
            let relations: Vec<SenderRelation> = flow
                .answers
                .iter()
                .filter(|a| type_matches(&a.answers_type, &document.message_type))
                .filter(|a| a.case_types.as_deref().is_none_or(allowed))
                .map(|a| a.sender)
                .collect();
            let Some(first) = relations.first() else {
                continue;
            };
            let from = if relations.iter().all(|r| r == first) {
                match first {
                    SenderRelation::Counterparty => Some(document.to.clone()),
                    SenderRelation::Same => Some(document.from.clone()),
                    SenderRelation::Either => None,
                }
            } else {
                None
            };
            awaited.push(Awaited {
                message_type: name.clone(),
                from: from.map(|p| Party::new(p.region, p.agency)),
            });
            for entry in &flow.deadlines {
                if entry.case_types.as_deref().is_some_and(|l| !allowed(l)) {
                    continue;
                }
                if entry
                    .answering
                    .as_ref()
                    .is_some_and(|a| *a != document.message_type)
                {
                    continue;
                }
                let start = if entry.from == "in_reply_to" {
                    issued_date(document)
                } else {
                    start_in_earlier(document, &entry.from)
                };
                let Some(start) = start else { continue };
                let Some((days, unit)) = deadline_value(&entry.parameter, &self.params, table)
                else {
                    continue;
                };
                let (due, unit) = match unit {
                    Unit::WorkingDays => (
                        self.calendar.add_working_days(start, days),
                        DeadlineUnit::WorkingDays,
                    ),
                    Unit::CalendarDays => {
                        (start.add_days(i64::from(days)), DeadlineUnit::CalendarDays)
                    }
                };
                let Some(due) = due else { continue };
                if deadline.as_ref().is_none_or(|d| due < d.due) {
                    deadline = Some(CaseDeadline {
                        parameter: entry.parameter.clone(),
                        days,
                        unit,
                        start,
                        due,
                        calendar_confirmed: unit == DeadlineUnit::CalendarDays
                            || self.calendar.is_confirmed_between(start, due),
                    });
                }
            }
        }
        CaseEffect::Advance { awaited, deadline }
    }
}

/// The start of a deadline that counts from a date in the reply, read from the earlier
/// message instead (the reply does not exist yet).
fn start_in_earlier(earlier: &Document, pointer: &str) -> Option<Date> {
    body_date(earlier, pointer).or_else(|| {
        // A contact letter's `application_date` is the transfer application's `applied_on`.
        use crate::messages::pointers::social_insurance::{contact_letter, transfer_application};
        let application_date = format!("/body{}", contact_letter::APPLICATION_DATE);
        (pointer == application_date)
            .then(|| {
                earlier
                    .body
                    .pointer(transfer_application::APPLIED_ON)
                    .and_then(Value::as_str)
                    .and_then(Date::parse)
            })
            .flatten()
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]
    use super::*;
    use crate::time::{FixedClock, Timestamp};

    fn doc(t: &str, case_type: &str, issued: &str, body: Value) -> Document {
        let clock = FixedClock(Timestamp::parse(issued).unwrap());
        Document::builder(
            t,
            Party::new("513400", "LS-SI"),
            Party::new("330200", "NB-SI"),
        )
        .case("513400-SI-2026-000001", case_type)
        .body(body)
        .build(&clock)
        .unwrap()
    }

    #[test]
    fn application_awaits_contact_letter_from_the_receiver() {
        // Friday 2026-02-13, 10:00 in Beijing.
        let d = doc(
            "social_insurance.transfer_application",
            "social_insurance.pension_transfer",
            "2026-02-13T02:00:00Z",
            serde_json::json!({"applied_on": "2026-02-13"}),
        );
        let CaseEffect::Advance { awaited, deadline } = CaseRules::default().effect(&d) else {
            panic!("advance expected");
        };
        let types: Vec<&str> = awaited.iter().map(|a| a.message_type.as_str()).collect();
        assert!(
            types.contains(&"social_insurance.contact_letter"),
            "{types:?}"
        );
        assert!(
            types.contains(&"social_insurance.application_refusal"),
            "{types:?}"
        );
        let cl = awaited
            .iter()
            .find(|a| a.message_type == "social_insurance.contact_letter")
            .unwrap();
        assert_eq!(cl.from, Some(Party::new("330200", "NB-SI")));
        let dl = deadline.unwrap();
        assert_eq!(dl.parameter, "deadline.social_insurance.contact_letter");
        assert_eq!((dl.days, dl.unit), (15, DeadlineUnit::WorkingDays));
        assert_eq!(dl.due, Date::parse("2026-03-12").unwrap());
        assert!(dl.calendar_confirmed);
    }

    #[test]
    fn medical_application_takes_the_ten_day_leg() {
        let d = doc(
            "social_insurance.transfer_application",
            "social_insurance.medical_transfer",
            "2026-06-01T02:00:00Z",
            serde_json::json!({"applied_on": "2026-06-01"}),
        );
        let CaseEffect::Advance { deadline, .. } = CaseRules::default().effect(&d) else {
            panic!("advance expected");
        };
        let dl = deadline.unwrap();
        assert_eq!(
            dl.parameter,
            "deadline.social_insurance.medical_information_table"
        );
        assert_eq!(dl.days, 10);
    }

    #[test]
    fn close_and_side_exchanges() {
        let rules = CaseRules::default();
        let close = doc(
            "control.case_close",
            "social_insurance.pension_transfer",
            "2026-02-13T02:00:00Z",
            serde_json::json!({}),
        );
        assert_eq!(rules.effect(&close), CaseEffect::Close);
        let reminder = doc(
            "control.reminder",
            "social_insurance.pension_transfer",
            "2026-02-13T02:00:00Z",
            serde_json::json!({}),
        );
        assert_eq!(rules.effect(&reminder), CaseEffect::Unchanged);
        // The end of the exchange: nothing is awaited.
        let done = doc(
            "social_insurance.transfer_completion",
            "social_insurance.pension_transfer",
            "2026-02-13T02:00:00Z",
            serde_json::json!({}),
        );
        assert_eq!(
            rules.effect(&done),
            CaseEffect::Advance {
                awaited: Vec::new(),
                deadline: None
            }
        );
    }
}
