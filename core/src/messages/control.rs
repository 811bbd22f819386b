//! Case-level control messages (`control.*`), modelled on the EESSI horizontal SEDs
//! (domain.md §6.3): reminders and their replies, clarification requests and replies,
//! invalidation of one's own message, business rejection, case close and reopen. Each answers
//! the message named by the envelope's `in_reply_to`.

use serde::{Deserialize, Serialize};

use super::common::{Attachment, Extensions, Reason, ReasonCode};
use super::{MessageBody, MessageType};

/// 催办 — Reminder about an earlier message of the sender that still awaits its reply; `in_reply_to`
/// is that message. Modelled on EESSI X009 (domain.md §6.3, §8). A missed deadline is a warning,
/// never a rejection.
///
/// The body of `control.reminder`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reminder {
    /// 期待的回复类型 — The reply types the sender waits for.
    pub awaited_types: Vec<MessageType>,
    /// 原定期限 — The date the reply was due (working-day deadline of flows.json).
    ///
    /// Format: `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_date: Option<String>,
    /// 催办次数 — 1 for the first reminder, then 2, 3 …
    pub reminder_number: u32,
    /// 备注 — Free-text remarks for the human reader; carries no rule-relevant data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remarks: Option<String>,
    /// 附件 — Attachments: the signed PDF/paper twin of this step and supporting documents, each
    /// bound by its SHA-256 digest (domain.md §0 item 1: every step has a paper/PDF twin).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachments: Option<Vec<Attachment>>,
    /// 扩展字段 — Bilateral or local extensions, namespaced keys only; never needed to understand the
    /// message (domain.md §3.2 and §8: agreements add local data).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
}

impl MessageBody for Reminder {
    const TYPE: MessageType = MessageType::ControlReminder;
}

impl Reminder {
    /// The `reminder_number`-th reminder (from 1) about a message still awaiting a reply of
    /// one of `awaited_types`.
    #[must_use]
    pub fn new(awaited_types: Vec<MessageType>, reminder_number: u32) -> Self {
        Self {
            awaited_types,
            due_date: None,
            reminder_number,
            remarks: None,
            attachments: None,
            extensions: None,
        }
    }
}

/// 催办答复 — Reply to a reminder: the awaited reply will come later (with an expected date) or is not
/// available (with reasons). Modelled on EESSI X010 'will come later' / 'not available' (domain.md
/// §6.3).
///
/// The body of `control.reminder_reply`.
///
/// Schema conditions the type does not express. `later` needs `expected_date`; `not_available`
/// needs `reasons`. The constructors meet them; \[`MessageBody::validate`\] checks them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReminderReply {
    /// 答复状态 — later = the reply will come; not_available = it will not, see reasons.
    pub status: ReminderStatus,
    /// 预计日期 — When the awaited reply is expected (required for `later`).
    ///
    /// Format: `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_date: Option<String>,
    /// 待提供内容 — What will come later (e.g. 信息表 after the bank transfer).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub what: Option<String>,
    /// 原因 — Why nothing will come (required for `not_available`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasons: Option<Vec<Reason>>,
    /// 备注 — Free-text remarks for the human reader; carries no rule-relevant data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remarks: Option<String>,
    /// 附件 — Attachments: the signed PDF/paper twin of this step and supporting documents, each
    /// bound by its SHA-256 digest (domain.md §0 item 1: every step has a paper/PDF twin).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachments: Option<Vec<Attachment>>,
    /// 扩展字段 — Bilateral or local extensions, namespaced keys only; never needed to understand the
    /// message (domain.md §3.2 and §8: agreements add local data).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
}

impl MessageBody for ReminderReply {
    const TYPE: MessageType = MessageType::ControlReminderReply;
}

impl ReminderReply {
    /// The awaited reply will come later, expected on `expected_date` (`YYYY-MM-DD`).
    #[must_use]
    pub fn later(expected_date: impl Into<String>) -> Self {
        Self {
            status: ReminderStatus::Later,
            expected_date: Some(expected_date.into()),
            what: None,
            reasons: None,
            remarks: None,
            attachments: None,
            extensions: None,
        }
    }

    /// The awaited reply is not available, for these reasons (at least one).
    #[must_use]
    pub fn not_available(reasons: Vec<Reason>) -> Self {
        Self {
            status: ReminderStatus::NotAvailable,
            expected_date: None,
            what: None,
            reasons: Some(reasons),
            remarks: None,
            attachments: None,
            extensions: None,
        }
    }
}

/// 答复状态 — later = the reply will come; not_available = it will not, see reasons.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReminderStatus {
    /// 稍后答复 — The awaited reply will come later.
    Later,
    /// 无法提供 — The awaited reply cannot be given.
    NotAvailable,
}

/// 澄清请求 — Request for clarification of the message in `in_reply_to` (EESSI X012, domain.md §6.3);
/// e.g. the receiving agency queries a row of the 信息表 before completing (§4.1 C5 'mismatch → query
/// original agency').
///
/// The body of `control.clarification_request`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClarificationRequest {
    /// 问题列表 — The questions.
    pub questions: Vec<Question>,
    /// 答复期限 — Requested answer date.
    ///
    /// Format: `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_by: Option<String>,
    /// 备注 — Free-text remarks for the human reader; carries no rule-relevant data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remarks: Option<String>,
    /// 附件 — Attachments: the signed PDF/paper twin of this step and supporting documents, each
    /// bound by its SHA-256 digest (domain.md §0 item 1: every step has a paper/PDF twin).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachments: Option<Vec<Attachment>>,
    /// 扩展字段 — Bilateral or local extensions, namespaced keys only; never needed to understand the
    /// message (domain.md §3.2 and §8: agreements add local data).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
}

impl MessageBody for ClarificationRequest {
    const TYPE: MessageType = MessageType::ControlClarificationRequest;
}

impl ClarificationRequest {
    /// A request with its questions (at least one).
    #[must_use]
    pub fn new(questions: Vec<Question>) -> Self {
        Self {
            questions,
            reply_by: None,
            remarks: None,
            attachments: None,
            extensions: None,
        }
    }
}

/// One question about the answered message, optionally pointing at the data it concerns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// 数据位置 — JSON pointer into the questioned document, if the question is about one field.
    ///
    /// Format: RFC 6901 JSON pointer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
    /// 问题 — The question.
    pub question: String,
}

impl Question {
    /// A question about the answered message as a whole.
    #[must_use]
    pub fn new(question: impl Into<String>) -> Self {
        Self {
            pointer: None,
            question: question.into(),
        }
    }

    /// A question about the value at `pointer` (e.g. `/body/years/3/base_fen`).
    #[must_use]
    pub fn at(pointer: impl Into<String>, question: impl Into<String>) -> Self {
        Self {
            pointer: Some(pointer.into()),
            question: question.into(),
        }
    }
}

/// 澄清答复 — Answers to a clarification request (EESSI X013, domain.md §6.3). A corrected document is
/// sent as a new message; `corrected_by` names it.
///
/// The body of `control.clarification_reply`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClarificationReply {
    /// 答复列表 — One answer per question.
    pub answers: Vec<Answer>,
    /// 更正消息 — Id of a corrected message sent in the same case, if any.
    ///
    /// Format: lowercase hyphenated UUID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corrected_by: Option<String>,
    /// 备注 — Free-text remarks for the human reader; carries no rule-relevant data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remarks: Option<String>,
    /// 附件 — Attachments: the signed PDF/paper twin of this step and supporting documents, each
    /// bound by its SHA-256 digest (domain.md §0 item 1: every step has a paper/PDF twin).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachments: Option<Vec<Attachment>>,
    /// 扩展字段 — Bilateral or local extensions, namespaced keys only; never needed to understand the
    /// message (domain.md §3.2 and §8: agreements add local data).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
}

impl MessageBody for ClarificationReply {
    const TYPE: MessageType = MessageType::ControlClarificationReply;
}

impl ClarificationReply {
    /// A reply with its answers (at least one).
    #[must_use]
    pub fn new(answers: Vec<Answer>) -> Self {
        Self {
            answers,
            corrected_by: None,
            remarks: None,
            attachments: None,
            extensions: None,
        }
    }
}

/// The answer to one question of the clarification request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    /// 问题序号 — Zero-based index into the request's `questions`.
    pub question_index: u32,
    /// 答复 — The answer.
    pub answer: String,
}

impl Answer {
    /// The answer to the question at `question_index` (zero-based) of the request.
    #[must_use]
    pub fn new(question_index: u32, answer: impl Into<String>) -> Self {
        Self {
            question_index,
            answer: answer.into(),
        }
    }
}

/// 撤销消息 — The sender withdraws one of its own messages (`in_reply_to`), e.g. a statement sent with
/// wrong figures (EESSI X008 invalidate SED, domain.md §6.3). Only the original sender may
/// invalidate (flows.json: same).
///
/// The body of `control.invalidate`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Invalidate {
    /// 撤销原因 — Why the message is withdrawn.
    pub reason: String,
    /// 替代消息 — Id of the message that replaces it, if one was sent.
    ///
    /// Format: lowercase hyphenated UUID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaced_by: Option<String>,
    /// 附件 — Attachments: the signed PDF/paper twin of this step and supporting documents, each
    /// bound by its SHA-256 digest (domain.md §0 item 1: every step has a paper/PDF twin).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachments: Option<Vec<Attachment>>,
    /// 扩展字段 — Bilateral or local extensions, namespaced keys only; never needed to understand the
    /// message (domain.md §3.2 and §8: agreements add local data).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
}

impl MessageBody for Invalidate {
    const TYPE: MessageType = MessageType::ControlInvalidate;
}

impl Invalidate {
    /// Withdraws the answered message for this reason.
    #[must_use]
    pub fn new(reason: impl Into<String>) -> Self {
        Self {
            reason: reason.into(),
            replaced_by: None,
            attachments: None,
            extensions: None,
        }
    }
}

/// 业务拒绝 — Business refusal of the message in `in_reply_to` with reason codes and the written
/// explanation (书面说明) (domain.md §0 item 3; EESSI X011 reject SED, §6.3). Partial acceptance is
/// expressed by the domain replies (roster_reply, transfer_information withheld periods, retention
/// decisions).
///
/// The body of `control.reject`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reject {
    /// 拒绝原因 — The grounds.
    pub reasons: Vec<Reason>,
    /// 备注 — Free-text remarks for the human reader; carries no rule-relevant data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remarks: Option<String>,
    /// 附件 — Attachments: the signed PDF/paper twin of this step and supporting documents, each
    /// bound by its SHA-256 digest (domain.md §0 item 1: every step has a paper/PDF twin).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachments: Option<Vec<Attachment>>,
    /// 扩展字段 — Bilateral or local extensions, namespaced keys only; never needed to understand the
    /// message (domain.md §3.2 and §8: agreements add local data).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
}

impl MessageBody for Reject {
    const TYPE: MessageType = MessageType::ControlReject;
}

impl Reject {
    /// Refuses the answered message for these reasons (at least one).
    #[must_use]
    pub fn new(reasons: Vec<Reason>) -> Self {
        Self {
            reasons,
            remarks: None,
            attachments: None,
            extensions: None,
        }
    }
}

/// 结案 — Closes the case of the envelope (EESSI X001 / AD_BUC close, domain.md §6.3; unclear closure
/// rules were an EESSI complaint, §6.6, so the outcome is explicit).
///
/// The body of `control.case_close`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseClose {
    /// 结案结果 — How the case ended.
    pub outcome: CaseOutcome,
    /// 结案日期 — Date of closure.
    ///
    /// Format: `YYYY-MM-DD`.
    pub closed_on: String,
    /// 备注 — Free-text remarks for the human reader; carries no rule-relevant data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remarks: Option<String>,
    /// 附件 — Attachments: the signed PDF/paper twin of this step and supporting documents, each
    /// bound by its SHA-256 digest (domain.md §0 item 1: every step has a paper/PDF twin).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachments: Option<Vec<Attachment>>,
    /// 扩展字段 — Bilateral or local extensions, namespaced keys only; never needed to understand the
    /// message (domain.md §3.2 and §8: agreements add local data).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
}

impl MessageBody for CaseClose {
    const TYPE: MessageType = MessageType::ControlCaseClose;
}

impl CaseClose {
    /// Closes the case with this outcome on `closed_on` (`YYYY-MM-DD`).
    #[must_use]
    pub fn new(outcome: CaseOutcome, closed_on: impl Into<String>) -> Self {
        Self {
            outcome,
            closed_on: closed_on.into(),
            remarks: None,
            attachments: None,
            extensions: None,
        }
    }
}

/// 结案结果 — How the case ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseOutcome {
    /// 办结 — The procedure completed (e.g. transfer recorded).
    Completed,
    /// 不予办理 — The procedure was refused.
    Refused,
    /// 申请撤回 — The applicant or sender withdrew.
    Withdrawn,
    /// 自动终止 — Nothing happened within the agreed time (domain.md §6.3 inactivity closure).
    Lapsed,
    /// 其他 — Other; see remarks.
    Other,
}

/// 重新开启案件 — Reopens a closed case (`in_reply_to` = the case_close message), e.g. when duplicate
/// periods are found after completion (先转后清, domain.md §4.1) (EESSI X002–X004, §6.3).
///
/// The body of `control.case_reopen`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseReopen {
    /// 原因 — Why the case is reopened.
    pub reason: String,
    /// 原因代码 — Reason code, if one applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason_code: Option<ReasonCode>,
    /// 附件 — Attachments: the signed PDF/paper twin of this step and supporting documents, each
    /// bound by its SHA-256 digest (domain.md §0 item 1: every step has a paper/PDF twin).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachments: Option<Vec<Attachment>>,
    /// 扩展字段 — Bilateral or local extensions, namespaced keys only; never needed to understand the
    /// message (domain.md §3.2 and §8: agreements add local data).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
}

impl MessageBody for CaseReopen {
    const TYPE: MessageType = MessageType::ControlCaseReopen;
}

impl CaseReopen {
    /// Reopens the case for this reason.
    #[must_use]
    pub fn new(reason: impl Into<String>) -> Self {
        Self {
            reason: reason.into(),
            reason_code: None,
            attachments: None,
            extensions: None,
        }
    }
}
