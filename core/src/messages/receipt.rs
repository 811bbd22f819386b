//! The technical receipt (`receipt`, 技术回执): the receiver's signed acknowledgement that a
//! message arrived and whether it passed verification, separate from any business reply
//! (domain.md §8).
//!
//! ```
//! # fn f(verified: &labourlink::Verified, error: &labourlink::Error) {
//! use labourlink::messages::receipt::{Receipt, ReportedError};
//! // A message that verified…
//! let ok = Receipt::accepted_for(verified);
//! // …and one that did not, with the verifier's findings.
//! let refused = Receipt::rejected(
//!     "01a1c32f-0100-7960-bfba-516dae3d85be",
//!     "AN9r6VlzPRsrePfmukWgAGmQpQPa-t646Q77riauCuc",
//!     ReportedError::from_error(error),
//! );
//! # }
//! ```

use serde::{Deserialize, Serialize};

use super::common::Extensions;
use super::{MessageBody, MessageType};
use crate::error::Error;
use crate::verify::Verified;

/// 技术回执 — Technical acknowledgement of one received message, signed by the receiver: what was
/// received (id and digest of the canonical payload) and whether it passed verification. Separate
/// from business replies (domain.md §8: transport receipt vs business acknowledgement; §6.4 AS4
/// receipts carry digests of the received message; DESIGN §4).
///
/// The body of `receipt`.
///
/// Schema conditions the type does not express. A `rejected` receipt needs at least one entry in
/// `errors`. The constructors meet them; \[`MessageBody::validate`\] checks them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Receipt {
    /// 所收消息标识 — The `id` of the received message (= `in_reply_to`).
    ///
    /// Format: lowercase hyphenated UUID.
    pub received_id: String,
    /// 所收消息摘要 — base64url SHA-256 of the received payload bytes.
    ///
    /// Format: SHA-256, base64url without padding (43 characters).
    pub received_digest: String,
    /// 所收消息类型 — The `type` of the received message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received_type: Option<MessageType>,
    /// 接收时间 — When the receiver got the message.
    ///
    /// Format: RFC 3339 UTC with `Z`, e.g. `2026-11-27T08:00:00Z`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received_at: Option<String>,
    /// 状态 — accepted = verified (schema and rules passed, warnings allowed); rejected = refused by
    /// the verifier, see errors (domain.md §6.4).
    pub status: ReceiptStatus,
    /// 错误列表 — Verifier findings: errors for a rejection, warnings for an acceptance (domain.md §6.4
    /// errorCode/severity/refToMessageInError).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub errors: Option<Vec<ReportedError>>,
    /// 扩展字段 — Bilateral or local extensions, namespaced keys only; never needed to understand the
    /// message (domain.md §3.2 and §8: agreements add local data).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
}

impl MessageBody for Receipt {
    const TYPE: MessageType = MessageType::Receipt;
}

impl Receipt {
    /// An `accepted` receipt for the message with this id and payload digest.
    #[must_use]
    pub fn accepted(received_id: impl Into<String>, received_digest: impl Into<String>) -> Self {
        Self {
            received_id: received_id.into(),
            received_digest: received_digest.into(),
            received_type: None,
            received_at: None,
            status: ReceiptStatus::Accepted,
            errors: None,
            extensions: None,
        }
    }

    /// An `accepted` receipt for a verified message: its id, digest and type.
    #[must_use]
    pub fn accepted_for(verified: &Verified) -> Self {
        Self {
            received_type: verified.message_type().parse().ok(),
            ..Self::accepted(verified.id(), verified.digest())
        }
    }

    /// A `rejected` receipt with the problems found; the schema requires at least one error.
    #[must_use]
    pub fn rejected(
        received_id: impl Into<String>,
        received_digest: impl Into<String>,
        errors: Vec<ReportedError>,
    ) -> Self {
        Self {
            status: ReceiptStatus::Rejected,
            errors: Some(errors),
            ..Self::accepted(received_id, received_digest)
        }
    }
}

/// 状态 — accepted = verified (schema and rules passed, warnings allowed); rejected = refused by the
/// verifier, see errors (domain.md §6.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReceiptStatus {
    /// 已接收 — The message verified.
    Accepted,
    /// 已拒收 — The message was refused; `errors` says why.
    Rejected,
}

/// One problem found in the received message: its error code, the JSON pointer and a message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportedError {
    /// 错误代码 — Stable dotted error code of the verifier (e.g. schema.invalid,
    /// rule.citizen_id_checksum; DESIGN §7).
    pub code: String,
    /// 数据位置 — JSON pointer of the offending field in the received document ('' = whole document).
    ///
    /// Format: RFC 6901 JSON pointer.
    pub path: String,
    /// 错误说明 — Human-readable explanation.
    pub message: String,
}

impl ReportedError {
    /// One problem: dotted code, JSON pointer (`""` for the whole document) and message, made
    /// to fit the schema: a pointer longer than 500 characters becomes `""` (the whole
    /// document), a message is cut to 2 000 characters and is never empty.
    #[must_use]
    pub fn new(
        code: impl Into<String>,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        let path = path.into();
        Self {
            code: code.into(),
            path: if path.len() <= MAX_POINTER_LEN {
                path
            } else {
                String::new()
            },
            message: bounded(&message.into()),
        }
    }

    /// The problems of a labourlink error: one per violation it carries (schema and rule
    /// findings), or the error itself. Messages longer than the schema allows are shortened.
    #[must_use]
    pub fn from_error(error: &Error) -> Vec<Self> {
        if error.violations().is_empty() {
            vec![Self::new(
                error.code().as_str(),
                error.path().unwrap_or_default(),
                error.message(),
            )]
        } else {
            error
                .violations()
                .iter()
                .map(|v| Self::new(v.code.clone(), v.path.clone(), v.message.clone()))
                .collect()
        }
    }
}

/// The longest pointer `defs.schema.json#/$defs/json_pointer` allows.
const MAX_POINTER_LEN: usize = 500;

/// The message cut to the 2 000 characters of `defs.schema.json#/$defs/text` (never empty).
fn bounded(message: &str) -> String {
    const MAX_CHARS: usize = 2000;
    if message.is_empty() {
        "(no message)".to_owned()
    } else if message.chars().count() > MAX_CHARS {
        let mut cut: String = message.chars().take(MAX_CHARS - 1).collect();
        cut.push('…');
        cut
    } else {
        message.to_owned()
    }
}
