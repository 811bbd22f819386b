//! The implementation of [`crate::flows`] (private: its public items are re-exported there).

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::envelope::{Document, Party};
use crate::error::{Error, ErrorCode, Result};
use crate::messages::pointers::envelope as ptr;
use crate::trust::type_matches;

/// How a reply's sender must relate to the earlier message's parties.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SenderRelation {
    /// The reply comes from the earlier message's receiver, addressed to its sender.
    Counterparty,
    /// The reply comes from the earlier message's sender, to the same receiver (a follow-up).
    Same,
    /// Either party, addressed to the other.
    Either,
}

/// One way a message type may answer an earlier one.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Answer {
    /// Pattern of the earlier message's type.
    #[serde(rename = "type")]
    pub answers_type: String,
    /// The sender relation.
    pub sender: SenderRelation,
    /// Restricts this answer to these case types.
    #[serde(default)]
    pub case_types: Option<Vec<String>>,
}

/// A deadline that applies to a message type (a parameter name and where it counts from).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Deadline {
    /// The parameter naming the deadline (its default is in [`FlowTable::parameters`]).
    pub parameter: String,
    /// `in_reply_to` (the earlier message's `issued_at`) or a JSON pointer into the reply.
    pub from: String,
    /// Only when answering this type.
    #[serde(default)]
    pub answering: Option<String>,
    /// Only in these case types.
    #[serde(default)]
    pub case_types: Option<Vec<String>>,
}

/// The flow entry of one message type.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct MessageFlow {
    /// Chinese name.
    pub title: String,
    /// Case types the message may belong to (`*` = any).
    #[serde(default)]
    pub case_types: Vec<String>,
    /// Case types in which the message may open an exchange (no `in_reply_to`).
    #[serde(default)]
    pub initial_in: Vec<String>,
    /// What it may answer.
    #[serde(default)]
    pub answers: Vec<Answer>,
    /// Business outcomes it expresses (accept, partial, refuse, …).
    #[serde(default)]
    pub outcomes: Vec<String>,
    /// Deadlines (warnings when missed).
    #[serde(default)]
    pub deadlines: Vec<Deadline>,
    /// Messages outside any case (trust lists).
    #[serde(default)]
    pub caseless: bool,
}

/// A deadline parameter with its default.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Parameter {
    /// Chinese name.
    pub title: String,
    /// Default value (None = not checked by default).
    pub default: Option<i64>,
    /// `working_days` or `calendar_days`.
    pub unit: String,
    /// Where the figure comes from.
    pub source: String,
}

/// The parsed flow table.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct FlowTable {
    /// `major.minor`.
    pub version: String,
    /// Deadline parameters.
    pub parameters: HashMap<String, Parameter>,
    /// Per message type.
    pub messages: HashMap<String, MessageFlow>,
}

static TABLE: OnceLock<std::result::Result<FlowTable, String>> = OnceLock::new();

/// The embedded flow table, parsed once.
///
/// # Errors
/// `internal.schemas` if the embedded table is missing or malformed (a build defect).
pub fn table() -> Result<&'static FlowTable> {
    TABLE
        .get_or_init(|| {
            let text =
                crate::schema_imp::flows_text().ok_or("schemas/flows.json was not embedded")?;
            serde_json::from_str::<FlowTable>(text).map_err(|e| format!("schemas/flows.json: {e}"))
        })
        .as_ref()
        .map_err(|e| Error::new(ErrorCode::InternalSchemas, e.clone()))
}

fn same_party(a: &Party, b: &Party) -> bool {
    a.region == b.region && a.agency == b.agency
}

fn unexpected(msg: String, path: &str) -> Error {
    Error::new(ErrorCode::EnvelopeUnexpectedReply, msg).at(path)
}

fn case_type_allowed(list: &[String], case_type: Option<&str>) -> bool {
    list.iter()
        .any(|c| c == "*" || Some(c.as_str()) == case_type)
}

/// Checks that `reply` is a legal answer to `earlier` under the flow table.
///
/// # Errors
/// `envelope.unexpected_reply` naming what does not fit.
pub fn check_reply(reply: &Document, earlier: &Document) -> Result<()> {
    let table = table()?;
    if reply.in_reply_to.as_deref() != Some(earlier.id.as_str()) {
        let given = reply.in_reply_to.as_deref().map_or_else(
            || "missing".to_owned(),
            |id| format!("'{}'", crate::error::shown(id)),
        );
        return Err(unexpected(
            format!(
                "in_reply_to is {given}, not the id of the earlier message ('{}')",
                crate::error::shown(&earlier.id)
            ),
            ptr::IN_REPLY_TO,
        ));
    }
    let flow = table.messages.get(&reply.message_type).ok_or_else(|| {
        unexpected(
            format!("'{}' has no entry in the flow table", reply.message_type),
            ptr::TYPE,
        )
    })?;
    let case_type = reply.case.as_ref().map(|c| c.case_type.as_str());
    if let Some(ec) = &earlier.case {
        match &reply.case {
            Some(rc) if rc == ec => {}
            Some(rc) => {
                return Err(unexpected(
                    format!(
                        "the reply belongs to case {} ({}), the earlier message to case {} ({})",
                        rc.id, rc.case_type, ec.id, ec.case_type
                    ),
                    ptr::CASE,
                ));
            }
            None => {
                return Err(unexpected(
                    format!(
                        "the reply has no case; the earlier message belongs to case {}",
                        ec.id
                    ),
                    "",
                ));
            }
        }
    }
    if !flow.caseless && !case_type_allowed(&flow.case_types, case_type) {
        return Err(unexpected(
            format!(
                "'{}' does not occur in case type {:?} (allowed: {:?})",
                reply.message_type,
                case_type.unwrap_or("(none)"),
                flow.case_types
            ),
            &format!("{}{}", ptr::CASE, ptr::case::TYPE),
        ));
    }
    let matching: Vec<&Answer> = flow
        .answers
        .iter()
        .filter(|a| type_matches(&a.answers_type, &earlier.message_type))
        .filter(|a| {
            a.case_types
                .as_ref()
                .is_none_or(|l| case_type_allowed(l, case_type))
        })
        .collect();
    if matching.is_empty() {
        let allowed: Vec<&str> = flow
            .answers
            .iter()
            .map(|a| a.answers_type.as_str())
            .collect();
        return Err(unexpected(
            format!(
                "a '{}' cannot answer a '{}' (it answers: {allowed:?})",
                reply.message_type, earlier.message_type
            ),
            ptr::TYPE,
        ));
    }
    let relation_holds = |rel: SenderRelation| match rel {
        SenderRelation::Counterparty => {
            same_party(&reply.from, &earlier.to) && same_party(&reply.to, &earlier.from)
        }
        SenderRelation::Same => {
            same_party(&reply.from, &earlier.from) && same_party(&reply.to, &earlier.to)
        }
        SenderRelation::Either => {
            (same_party(&reply.from, &earlier.to) && same_party(&reply.to, &earlier.from))
                || (same_party(&reply.from, &earlier.from) && same_party(&reply.to, &earlier.to))
        }
    };
    if !matching.iter().any(|a| relation_holds(a.sender)) {
        let expected = matching
            .first()
            .map_or(SenderRelation::Either, |a| a.sender);
        return Err(unexpected(
            format!(
                "a '{}' answering a '{}' must come from the {} of the earlier message (from {}/{} to {}/{}), but comes from {}/{}",
                reply.message_type,
                earlier.message_type,
                match expected {
                    SenderRelation::Counterparty => "receiver",
                    SenderRelation::Same => "sender",
                    SenderRelation::Either => "sender or receiver",
                },
                earlier.from.region,
                earlier.from.agency,
                earlier.to.region,
                earlier.to.agency,
                reply.from.region,
                reply.from.agency
            ),
            ptr::FROM,
        ));
    }
    Ok(())
}
