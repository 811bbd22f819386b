//! Organised labour transfer between Ningbo and the sending regions (`worker_transfer.*`,
//! domain.md §2): job demand (A1) → roster (A2) and its reply → arrival (A3) → insurance
//! enrolment (A4), retention reports and decisions (A5), separations (A6), certificate
//! attestations (A7) and monthly reconciliation (A8).

use serde::{Deserialize, Serialize};

use super::common::{
    Agency, Attachment, Decision, Extensions, Organisation, Outcome, Person, PersonRef, Reason,
    Scheme,
};
use super::{MessageBody, MessageType};

/// 岗位需求 — A1: job demand from the Ningbo HRSS bureau (for an employer) to a sending-region HRSS
/// bureau: employer, positions, wage range, headcount, conditions (domain.md §2.3 A1, §2.4).
///
/// The body of `worker_transfer.job_demand`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JobDemand {
    /// 需求编号 — The issuer's own reference number.
    pub demand_number: String,
    /// 用人单位 — The employer (USCC checked: domain.md §2.5).
    pub employer: Organisation,
    /// 人力资源服务机构 — Licensed HR or dispatch agency acting for the employer, if any (domain.md §2.1,
    /// §2.4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agency: Option<Organisation>,
    /// 岗位列表 — The positions offered.
    pub positions: Vec<Position>,
    /// 预计到岗日期 — When workers are expected to start.
    ///
    /// Format: `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_start: Option<String>,
    /// 需求有效期 — Last day the demand stands.
    ///
    /// Format: `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<String>,
    /// 联系人 — Contact for the demand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<DemandContact>,
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

impl MessageBody for JobDemand {
    const TYPE: MessageType = MessageType::WorkerTransferJobDemand;
}

impl JobDemand {
    /// A demand with its reference number, employer and positions (at least one).
    #[must_use]
    pub fn new(
        demand_number: impl Into<String>,
        employer: Organisation,
        positions: Vec<Position>,
    ) -> Self {
        Self {
            demand_number: demand_number.into(),
            employer,
            agency: None,
            positions,
            expected_start: None,
            valid_until: None,
            contact: None,
            remarks: None,
            attachments: None,
            extensions: None,
        }
    }
}

/// 岗位 — One position offered: title, headcount, wage range and workplace (domain.md §2.3 A1, §2.4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Position {
    /// 岗位编号 — Position id, unique in the demand; rosters refer to it.
    pub position_id: String,
    /// 岗位名称 — Job title.
    pub job_title: String,
    /// 行业 — Industry as a GB/T 4754-2017 code, e.g. `C39` (changed 2026-12 from free text;
    /// LL-RULE-017).
    ///
    /// Format: section letter A–T, optionally 2–4 digits (division, group, class); table
    /// [`crate::rules::codes::national::INDUSTRY_DIVISIONS`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub industry: Option<String>,
    /// 职业 — Occupation of the job as a code of the 2022 occupational classification, e.g. `6`
    /// (optional, new 2026-12; LL-RULE-017).
    ///
    /// Format: major group 1–8, optionally `-NN` up to three times; table
    /// [`crate::rules::codes::national::OCCUPATION_MAJOR_GROUPS`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occupation: Option<String>,
    /// 需求人数 — Number of workers wanted (domain.md §2.3 A1).
    pub headcount: u32,
    /// 月工资下限（分） — Lowest monthly wage offered, fen; compared with the local minimum wage (rule
    /// parameter, K; domain.md §2.3 A1).
    pub wage_min_fen: i64,
    /// 月工资上限（分） — Highest monthly wage offered, fen (≥ wage_min_fen, rule).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wage_max_fen: Option<i64>,
    /// 工作地区划 — Workplace county code, 3302xx for Ningbo (domain.md §2.4, §2.5).
    ///
    /// Format: six-digit GB/T 2260 code.
    pub workplace_region: String,
    /// 合同类型 — Planned contract type (domain.md §2.4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract_type: Option<ContractType>,
    /// 岗位条件 — Requirements and working conditions (hours, accommodation, training).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conditions: Option<String>,
}

impl Position {
    /// A position: id, title, headcount, lowest monthly wage (fen) and workplace county code.
    #[must_use]
    pub fn new(
        position_id: impl Into<String>,
        job_title: impl Into<String>,
        headcount: u32,
        wage_min_fen: i64,
        workplace_region: impl Into<String>,
    ) -> Self {
        Self {
            position_id: position_id.into(),
            job_title: job_title.into(),
            industry: None,
            occupation: None,
            headcount,
            wage_min_fen,
            wage_max_fen: None,
            workplace_region: workplace_region.into(),
            contract_type: None,
            conditions: None,
        }
    }
}

/// 合同类型 — Planned contract type (domain.md §2.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContractType {
    /// 固定期限劳动合同 — Fixed-term labour contract.
    FixedTerm,
    /// 无固定期限劳动合同 — Open-ended labour contract.
    OpenEnded,
    /// 以完成一定工作任务为期限的劳动合同 — Contract for the duration of a task.
    TaskBased,
    /// 劳务派遣 — Employment through a licensed dispatch agency (domain.md §2.3 A1).
    Dispatch,
}

/// 联系人 — Contact for the demand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemandContact {
    /// 姓名 — Contact name.
    pub name: String,
    /// 电话 — Contact phone.
    ///
    /// Format: digits, optional leading `+`, spaces or hyphens.
    pub phone: String,
}

impl DemandContact {
    /// A contact by name and phone.
    #[must_use]
    pub fn new(name: impl Into<String>, phone: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            phone: phone.into(),
        }
    }
}

/// 输出名单 — A2: worker roster from the sending region to Ningbo: one record per worker with training
/// record, organised/self flag and poverty-status flag (domain.md §2.3 A2, §2.4). Answered record
/// by record.
///
/// The body of `worker_transfer.roster`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Roster {
    /// 名单编号 — The issuer's reference number.
    pub roster_number: String,
    /// 输出机构 — Sending-side labour cooperation station or licensed HR agency, if not the HRSS bureau
    /// itself (domain.md §2.2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agency: Option<Organisation>,
    /// 人员名单 — The workers.
    pub workers: Vec<RosterWorker>,
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

impl MessageBody for Roster {
    const TYPE: MessageType = MessageType::WorkerTransferRoster;
}

impl Roster {
    /// A roster with its reference number and workers (at least one).
    #[must_use]
    pub fn new(roster_number: impl Into<String>, workers: Vec<RosterWorker>) -> Self {
        Self {
            roster_number: roster_number.into(),
            agency: None,
            workers,
            remarks: None,
            attachments: None,
            extensions: None,
        }
    }
}

/// 人员名单 — One worker on the roster: identity, hukou region, organised flag, consent and training
/// (domain.md §2.3 A2, §2.4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RosterWorker {
    /// 行号 — 1-based line number, unique in the message; replies refer to it.
    pub line: u32,
    /// 人员 — The worker: name, ID, sex and birth date must agree (domain.md §2.4, §2.5).
    pub person: Person,
    /// 户籍地区划 — County code of the household registration (domain.md §2.4).
    ///
    /// Format: six-digit GB/T 2260 code.
    pub hukou_region: String,
    /// 文化程度 — Education as a GB/T 4658-2006 code, e.g. `61` 普通高中毕业 (changed 2026-12 from
    /// free text; domain.md §2.4; LL-RULE-017).
    ///
    /// Format: two digits; table [`crate::rules::codes::national::EDUCATION`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub education: Option<String>,
    /// 帮扶身份 — Poverty-alleviation status of the worker. The value list is K in domain.md §2.4 (脱贫人口
    /// / 防止返贫监测对象 / 其他, unverified), so the schema only fixes the shape; rule parameters hold the
    /// accepted codes (defaults: lifted_out_of_poverty, monitored_for_relapse, other).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub poverty_status: Option<String>,
    /// 有组织输出 — true = organised transfer (有组织), false = self-arranged (domain.md §2.3 A2, §2.4).
    pub organised: bool,
    /// 岗位编号 — The position of the job demand the worker is proposed for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position_id: Option<String>,
    /// 离开输出地日期 — Departure (planned or actual); arrival must not precede it (domain.md §2.3 A3).
    ///
    /// Format: `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub departure_date: Option<String>,
    /// 本人同意日期 — Date the worker consented to the transfer of his or her data (domain.md §2.3 A2
    /// 'missing consent').
    ///
    /// Format: `YYYY-MM-DD`.
    pub consent_on: String,
    /// 培训记录 — Training records (domain.md §2.3 A2, §2.4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub training: Option<Vec<Training>>,
    /// 交通补贴（分） — Transport subsidy paid by the sending region (domain.md §2.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transport_subsidy_fen: Option<i64>,
}

impl RosterWorker {
    /// Roster line `line` (from 1): the worker, hukou county, organised flag and the date of
    /// the worker's consent to the data transfer (`YYYY-MM-DD`).
    #[must_use]
    pub fn new(
        line: u32,
        person: Person,
        hukou_region: impl Into<String>,
        organised: bool,
        consent_on: impl Into<String>,
    ) -> Self {
        Self {
            line,
            person,
            hukou_region: hukou_region.into(),
            education: None,
            poverty_status: None,
            organised,
            position_id: None,
            departure_date: None,
            consent_on: consent_on.into(),
            training: None,
            transport_subsidy_fen: None,
        }
    }
}

/// 培训记录 — One training course the worker completed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Training {
    /// 培训项目 — Course or programme.
    pub course: String,
    /// 培训机构 — Training provider or 技工院校 (domain.md §2.2).
    pub provider: String,
    /// 结业日期 — Completion date.
    ///
    /// Format: `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed_on: Option<String>,
    /// 证书编号 — Certificate obtained, if any (domain.md §1.4).
    ///
    /// Format: a letter and 21 digits, or 16 digits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate_number: Option<String>,
}

impl Training {
    /// A course and the body that gave it.
    #[must_use]
    pub fn new(course: impl Into<String>, provider: impl Into<String>) -> Self {
        Self {
            course: course.into(),
            provider: provider.into(),
            completed_on: None,
            certificate_number: None,
        }
    }
}

/// 名单接收结果 — Reply to a roster with one decision per record: all accepted, partially accepted or all
/// rejected (domain.md §2.3 A2, §0 item 3). The outcome must agree with the decisions (rule).
///
/// The body of `worker_transfer.roster_reply`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RosterReply {
    /// 总体结论 — Summary of the decisions.
    pub outcome: Outcome,
    /// 逐人结论 — One decision per roster line.
    pub decisions: Vec<RosterDecision>,
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

impl MessageBody for RosterReply {
    const TYPE: MessageType = MessageType::WorkerTransferRosterReply;
}

impl RosterReply {
    /// A reply with its overall outcome and one decision per roster record.
    #[must_use]
    pub fn new(outcome: Outcome, decisions: Vec<RosterDecision>) -> Self {
        Self {
            outcome,
            decisions,
            remarks: None,
            attachments: None,
            extensions: None,
        }
    }
}

/// 逐人结论 — The decision on one roster record; a rejection carries reasons.
///
/// Schema conditions the type does not express. A `rejected` decision needs `reasons`. The
/// constructors meet them; \[`MessageBody::validate`\] checks them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RosterDecision {
    /// 行号 — The roster line this decision is about.
    pub line: u32,
    /// 公民身份号码 — The worker's ID, repeated as a safeguard against line mix-ups.
    ///
    /// Format: 18 characters (GB 11643), upper-case `X` check character.
    pub citizen_id: String,
    /// 结论 — accepted or rejected (domain.md §2.3 A2 per-record accept/reject).
    pub decision: Decision,
    /// 原因 — Why the worker is rejected (ID check, age, duplicate, consent — domain.md §2.3 A2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasons: Option<Vec<Reason>>,
    /// 用人单位 — Employer the accepted worker is assigned to, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employer: Option<Organisation>,
    /// 预计到岗日期 — Expected start date.
    ///
    /// Format: `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_start: Option<String>,
}

impl RosterDecision {
    /// Roster line `line` (the worker with `citizen_id`) is accepted.
    #[must_use]
    pub fn accepted(line: u32, citizen_id: impl Into<String>) -> Self {
        Self {
            line,
            citizen_id: citizen_id.into(),
            decision: Decision::Accepted,
            reasons: None,
            employer: None,
            expected_start: None,
        }
    }

    /// Roster line `line` is rejected for these reasons (at least one).
    #[must_use]
    pub fn rejected(line: u32, citizen_id: impl Into<String>, reasons: Vec<Reason>) -> Self {
        Self {
            decision: Decision::Rejected,
            reasons: Some(reasons),
            ..Self::accepted(line, citizen_id)
        }
    }
}

/// 到岗确认 — A3: arrival / placement confirmation from Ningbo (for the employer) to the sending
/// region: start date, contract, job, wage (domain.md §2.3 A3, §2.4).
///
/// The body of `worker_transfer.arrival`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Arrival {
    /// 到岗人员 — One record per worker placed.
    pub placements: Vec<Placement>,
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

impl MessageBody for Arrival {
    const TYPE: MessageType = MessageType::WorkerTransferArrival;
}

impl Arrival {
    /// An arrival confirmation with its placements (at least one).
    #[must_use]
    pub fn new(placements: Vec<Placement>) -> Self {
        Self {
            placements,
            remarks: None,
            attachments: None,
            extensions: None,
        }
    }
}

/// 到岗人员 — One worker who took up a post: employer, workplace, job, start date, contract and wage
/// (domain.md §2.3 A3, §2.4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Placement {
    /// 行号 — 1-based line number, unique in the message; replies refer to it.
    pub line: u32,
    /// 人员 — The worker.
    pub person: PersonRef,
    /// 名单行号 — The line of the worker in the roster, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roster_line: Option<u32>,
    /// 用人单位 — The employer (domain.md §2.4).
    pub employer: Organisation,
    /// 人力资源服务机构 — HR or dispatch agency, if any (domain.md §2.4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agency: Option<Organisation>,
    /// 工作地区划 — Workplace county code, 3302xx (domain.md §2.5).
    ///
    /// Format: six-digit GB/T 2260 code.
    pub workplace_region: String,
    /// 岗位 — Job (domain.md §2.4).
    pub job_title: String,
    /// 行业 — Industry as a GB/T 4754-2017 code, e.g. `C39` (changed 2026-12 from free text;
    /// domain.md §2.4; LL-RULE-017).
    ///
    /// Format: section letter A–T, optionally 2–4 digits; table
    /// [`crate::rules::codes::national::INDUSTRY_DIVISIONS`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub industry: Option<String>,
    /// 到岗日期 — Start date; not before departure, worker at least the minimum age (rules, domain.md
    /// §2.3 A3, §2.5).
    ///
    /// Format: `YYYY-MM-DD`.
    pub start_date: String,
    /// 劳动合同 — The labour contract.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract: Option<Contract>,
    /// 月工资（分） — Agreed monthly wage in fen (domain.md §2.4).
    pub monthly_wage_fen: i64,
    /// 有组织输出 — Organised (有组织) vs self-arranged (domain.md §2.4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organised: Option<bool>,
}

impl Placement {
    /// Line `line`: the worker, employer, workplace county, job, start date and monthly wage.
    #[must_use]
    pub fn new(
        line: u32,
        person: PersonRef,
        employer: Organisation,
        workplace_region: impl Into<String>,
        job_title: impl Into<String>,
        start_date: impl Into<String>,
        monthly_wage_fen: i64,
    ) -> Self {
        Self {
            line,
            person,
            roster_line: None,
            employer,
            agency: None,
            workplace_region: workplace_region.into(),
            job_title: job_title.into(),
            industry: None,
            start_date: start_date.into(),
            contract: None,
            monthly_wage_fen,
            organised: None,
        }
    }
}

/// 劳动合同 — The labour contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contract {
    /// 合同类型 — Contract type (domain.md §2.4).
    #[serde(rename = "type")]
    pub contract_type: ContractType,
    /// 签订日期 — Date the written contract was signed; absent = not yet signed (rule: within the
    /// statutory period, K; domain.md §2.3 A3).
    ///
    /// Format: `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed_on: Option<String>,
    /// 合同开始日期 — Contract start.
    ///
    /// Format: `YYYY-MM-DD`.
    pub start_date: String,
    /// 合同结束日期 — Contract end; absent for open-ended contracts.
    ///
    /// Format: `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<String>,
}

impl Contract {
    /// A contract of this type starting on `start_date` (`YYYY-MM-DD`).
    #[must_use]
    pub fn new(contract_type: ContractType, start_date: impl Into<String>) -> Self {
        Self {
            contract_type,
            signed_on: None,
            start_date: start_date.into(),
            end_date: None,
        }
    }
}

/// 参保情况 — A4: social-insurance enrolment evidence for placed workers, Ningbo to the sending region
/// (domain.md §2.3 A4).
///
/// The body of `worker_transfer.insurance_enrolment`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InsuranceEnrolment {
    /// 参保记录 — One record per worker.
    pub enrolments: Vec<Enrolment>,
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

impl MessageBody for InsuranceEnrolment {
    const TYPE: MessageType = MessageType::WorkerTransferInsuranceEnrolment;
}

impl InsuranceEnrolment {
    /// Enrolment evidence with its records (at least one).
    #[must_use]
    pub fn new(enrolments: Vec<Enrolment>) -> Self {
        Self {
            enrolments,
            remarks: None,
            attachments: None,
            extensions: None,
        }
    }
}

/// 参保记录 — One worker's social-insurance enrolment: employer, insured region, schemes and dates
/// (domain.md §2.3 A4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Enrolment {
    /// 行号 — 1-based line number, unique in the message; replies refer to it.
    pub line: u32,
    /// 人员 — The worker.
    pub person: PersonRef,
    /// 参保单位 — The employer that enrolled the worker.
    pub employer: Organisation,
    /// 参保地区划 — Division code of the insuring agency's area (domain.md §1.2).
    ///
    /// Format: six-digit GB/T 2260 code.
    pub insured_region: String,
    /// 参保险种 — Schemes enrolled (AAE140, domain.md §1.5).
    pub schemes: Vec<Scheme>,
    /// 到岗日期 — Start date of the job (for the enrolment-delay rule, K: 30 days; domain.md §2.3 A4).
    ///
    /// Format: `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<String>,
    /// 参保日期 — Date of enrolment (参保登记).
    ///
    /// Format: `YYYY-MM-DD`.
    pub enrolled_on: String,
    /// 缴费起始年月 — First contribution month.
    ///
    /// Format: `YYYY-MM`.
    pub insured_from: String,
}

impl Enrolment {
    /// Line `line`: the worker, employer, insured county, schemes (at least one), enrolment
    /// date and first contribution month (`YYYY-MM`).
    #[must_use]
    pub fn new(
        line: u32,
        person: PersonRef,
        employer: Organisation,
        insured_region: impl Into<String>,
        schemes: Vec<Scheme>,
        enrolled_on: impl Into<String>,
        insured_from: impl Into<String>,
    ) -> Self {
        Self {
            line,
            person,
            employer,
            insured_region: insured_region.into(),
            schemes,
            start_date: None,
            enrolled_on: enrolled_on.into(),
            insured_from: insured_from.into(),
        }
    }
}

/// 稳岗情况 — A5: retention milestones (稳岗 3/6/9 months) and subsidy claims from Ningbo (`kind` =
/// report), answered by the sending region with per-claim decisions (`kind` = decision: accept /
/// partial) (domain.md §2.3 A5, §2.5).
///
/// The body of `worker_transfer.retention`.
///
/// Schema conditions the type does not express. A `report` needs `milestones` and has no
/// `decisions`; a `decision` needs `decisions` and `approved_total_fen` and has neither
/// `milestones` nor `claims`. The constructors meet them; \[`MessageBody::validate`\] checks them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Retention {
    /// 类型 — report = milestones and claims; decision = the answer to a report.
    pub kind: RetentionKind,
    /// 劳务协作协议编号 — The labour-cooperation agreement (`worker_transfer.cooperation_agreement`)
    /// that fixes the milestones and subsidy amounts of this report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agreement_number: Option<String>,
    /// 稳岗节点 — Milestones reached (report).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub milestones: Option<Vec<Milestone>>,
    /// 补贴申请 — Subsidy claims (report).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claims: Option<Vec<Claim>>,
    /// 申请合计（分） — Σ claims.amount_fen (rule).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claimed_total_fen: Option<i64>,
    /// 审核结论 — Decisions (decision).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decisions: Option<Vec<ClaimDecision>>,
    /// 核定合计（分） — Σ decisions.approved_fen (rule).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_total_fen: Option<i64>,
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

impl MessageBody for Retention {
    const TYPE: MessageType = MessageType::WorkerTransferRetention;
}

impl Retention {
    /// A `report` of retention milestones (at least one); add `claims` and
    /// `claimed_total_fen` to claim subsidies.
    #[must_use]
    pub fn report(milestones: Vec<Milestone>) -> Self {
        Self {
            kind: RetentionKind::Report,
            agreement_number: None,
            milestones: Some(milestones),
            claims: None,
            claimed_total_fen: None,
            decisions: None,
            approved_total_fen: None,
            remarks: None,
            attachments: None,
            extensions: None,
        }
    }

    /// A `decision` on the claims of a report: one decision per claim and the approved total.
    #[must_use]
    pub fn decision(decisions: Vec<ClaimDecision>, approved_total_fen: i64) -> Self {
        Self {
            kind: RetentionKind::Decision,
            agreement_number: None,
            milestones: None,
            claims: None,
            claimed_total_fen: None,
            decisions: Some(decisions),
            approved_total_fen: Some(approved_total_fen),
            remarks: None,
            attachments: None,
            extensions: None,
        }
    }
}

/// 类型 — report = milestones and claims; decision = the answer to a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RetentionKind {
    /// 稳岗报告 — Milestones and subsidy claims.
    Report,
    /// 审核结论 — Decisions on the claims of the answered report.
    Decision,
}

/// 稳岗节点 — One worker reaching (or not) a retention milestone (domain.md §2.3 A5, §2.5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    /// 行号 — 1-based line number, unique in the message; replies refer to it.
    pub line: u32,
    /// 人员 — The worker.
    pub person: PersonRef,
    /// 用人单位 — Current employer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employer: Option<Organisation>,
    /// 到岗日期 — Start date of the placement.
    ///
    /// Format: `YYYY-MM-DD`.
    pub start_date: String,
    /// 稳岗节点（月） — Milestone reached in months (3/6/9 in practice; the milestones are agreement
    /// parameters — domain.md §2.3 A5, §2.5).
    pub milestone_months: u32,
    /// 在岗月数 — Months employed up to as_of (derived from start date and A6 events, domain.md §2.5).
    pub months_employed: u32,
    /// 是否连续在岗 — Whether the months are continuous (domain.md §2.3 A5).
    pub continuous: bool,
    /// 是否变更单位 — Whether the worker changed employer (domain.md §2.3 A5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employer_changed: Option<bool>,
    /// 统计截止日期 — Date the milestone is assessed at.
    ///
    /// Format: `YYYY-MM-DD`.
    pub as_of: String,
    /// 工资支付凭证 — Wage-payment evidence for the months up to `as_of`: months paid, amount
    /// paid and the payroll or bank-statement reference (a subsidy claim for a worker without it
    /// is the warning `rule.wage_evidence_missing`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wage_payment: Option<WagePayment>,
}

/// 凭证类型 — The kind of wage-payment evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WageEvidenceKind {
    /// 工资表 — The employer's payroll (工资发放表).
    Payroll,
    /// 银行流水 — A bank wage statement (银行代发工资流水).
    BankStatement,
    /// 其他 — Other evidence (e.g. the wage-payment platform's record).
    Other,
}

/// 工资支付凭证 — Wage-payment evidence of a retention milestone (domain-review §1 A5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WagePayment {
    /// 已发放月数 — Months for which wages were paid.
    pub months_paid: u32,
    /// 已发放金额（分） — Total wages paid over those months, in fen.
    pub amount_fen: i64,
    /// 凭证类型 — The kind of evidence.
    pub evidence_kind: WageEvidenceKind,
    /// 凭证编号 — The reference of the payroll or bank statement.
    pub reference: String,
}

impl WagePayment {
    /// Evidence of `months_paid` months and `amount_fen` paid, of a kind, with its reference.
    #[must_use]
    pub fn new(
        months_paid: u32,
        amount_fen: i64,
        evidence_kind: WageEvidenceKind,
        reference: impl Into<String>,
    ) -> Self {
        Self {
            months_paid,
            amount_fen,
            evidence_kind,
            reference: reference.into(),
        }
    }
}

impl Milestone {
    /// Line `line`: the worker, start date, milestone (months), months employed, whether they
    /// were continuous, and the date the count refers to.
    #[must_use]
    pub fn new(
        line: u32,
        person: PersonRef,
        start_date: impl Into<String>,
        milestone_months: u32,
        months_employed: u32,
        continuous: bool,
        as_of: impl Into<String>,
    ) -> Self {
        Self {
            line,
            person,
            employer: None,
            start_date: start_date.into(),
            milestone_months,
            months_employed,
            continuous,
            employer_changed: None,
            as_of: as_of.into(),
            wage_payment: None,
        }
    }
}

/// 补贴申请 — One subsidy claim for one worker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    /// 行号 — 1-based line number, unique in the message; replies refer to it.
    pub line: u32,
    /// 人员 — The worker the subsidy is for.
    pub person: PersonRef,
    /// 补贴项目 — Subsidy item, e.g. 稳岗补助, 组织输出服务补贴 (amounts are agreement parameters, domain.md §2.1,
    /// §2.5).
    pub item: String,
    /// 稳岗节点（月） — Milestone the claim is based on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub milestone_months: Option<u32>,
    /// 申请金额（分） — Amount claimed in fen.
    pub amount_fen: i64,
}

impl Claim {
    /// Line `line`: a claim of `amount_fen` for the worker under the subsidy item `item`.
    #[must_use]
    pub fn new(line: u32, person: PersonRef, item: impl Into<String>, amount_fen: i64) -> Self {
        Self {
            line,
            person,
            item: item.into(),
            milestone_months: None,
            amount_fen,
        }
    }
}

/// 审核结论 — The decision on one claim; partial acceptance and rejection carry reasons.
///
/// Schema conditions the type does not express. `partially_accepted` and `rejected` need `reasons`.
/// The constructors meet them; \[`MessageBody::validate`\] checks them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimDecision {
    /// 申请行号 — The claim line decided.
    pub claim_line: u32,
    /// 结论 — accept / partial / reject (domain.md §2.3 A5).
    pub decision: Outcome,
    /// 核定金额（分） — Amount approved in fen.
    pub approved_fen: i64,
    /// 原因 — Grounds for a partial or negative decision (e.g. retention_not_continuous,
    /// employer_changed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasons: Option<Vec<Reason>>,
}

impl ClaimDecision {
    /// The claim on line `claim_line` is accepted with `approved_fen`.
    #[must_use]
    pub fn accepted(claim_line: u32, approved_fen: i64) -> Self {
        Self {
            claim_line,
            decision: Outcome::Accepted,
            approved_fen,
            reasons: None,
        }
    }

    /// The claim is partially accepted: `approved_fen`, and why not all (at least one reason).
    #[must_use]
    pub fn partially_accepted(claim_line: u32, approved_fen: i64, reasons: Vec<Reason>) -> Self {
        Self {
            claim_line,
            decision: Outcome::PartiallyAccepted,
            approved_fen,
            reasons: Some(reasons),
        }
    }

    /// The claim is rejected (nothing approved) for these reasons (at least one).
    #[must_use]
    pub fn rejected(claim_line: u32, reasons: Vec<Reason>) -> Self {
        Self {
            claim_line,
            decision: Outcome::Rejected,
            approved_fen: 0,
            reasons: Some(reasons),
        }
    }
}

/// 离岗转岗返乡 — A6: separation, job-change or return notice, either side to the other (domain.md §2.3
/// A6); retention months are derived from these events (§2.5).
///
/// The body of `worker_transfer.separation`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Separation {
    /// 事件 — The events.
    pub events: Vec<SeparationEvent>,
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

impl MessageBody for Separation {
    const TYPE: MessageType = MessageType::WorkerTransferSeparation;
}

impl Separation {
    /// A notice with its events (at least one).
    #[must_use]
    pub fn new(events: Vec<SeparationEvent>) -> Self {
        Self {
            events,
            remarks: None,
            attachments: None,
            extensions: None,
        }
    }
}

/// 事件 — One separation, job change or return home (domain.md §2.3 A6).
///
/// Schema conditions the type does not express. A `job_change` needs `new_employer`. The
/// constructors meet them; \[`MessageBody::validate`\] checks them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeparationEvent {
    /// 行号 — 1-based line number, unique in the message; replies refer to it.
    pub line: u32,
    /// 人员 — The worker.
    pub person: PersonRef,
    /// 类型 — separation (离岗), job change (转岗) or return home (返乡) (domain.md §2.3 A6).
    pub kind: SeparationKind,
    /// 生效日期 — Date of the event.
    ///
    /// Format: `YYYY-MM-DD`.
    pub effective_date: String,
    /// 原用人单位 — The employer left.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employer: Option<Organisation>,
    /// 新用人单位 — The new employer (job change).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_employer: Option<Organisation>,
    /// 原因 — Reason as stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// 需要再就业服务 — Whether re-employment service is requested (domain.md §2.1: both sides provide
    /// re-employment service on job loss).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reemployment_service: Option<bool>,
}

impl SeparationEvent {
    /// Line `line`: the worker left the job on `effective_date`.
    #[must_use]
    pub fn separation(line: u32, person: PersonRef, effective_date: impl Into<String>) -> Self {
        Self {
            line,
            person,
            kind: SeparationKind::Separation,
            effective_date: effective_date.into(),
            employer: None,
            new_employer: None,
            reason: None,
            reemployment_service: None,
        }
    }

    /// Line `line`: the worker moved to `new_employer` on `effective_date`.
    #[must_use]
    pub fn job_change(
        line: u32,
        person: PersonRef,
        effective_date: impl Into<String>,
        new_employer: Organisation,
    ) -> Self {
        Self {
            kind: SeparationKind::JobChange,
            new_employer: Some(new_employer),
            ..Self::separation(line, person, effective_date)
        }
    }

    /// Line `line`: the worker returned home on `effective_date`.
    #[must_use]
    pub fn return_home(line: u32, person: PersonRef, effective_date: impl Into<String>) -> Self {
        Self {
            kind: SeparationKind::ReturnHome,
            ..Self::separation(line, person, effective_date)
        }
    }
}

/// 类型 — separation (离岗), job change (转岗) or return home (返乡) (domain.md §2.3 A6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SeparationKind {
    /// 离岗 — Left the job.
    Separation,
    /// 转岗 — Changed job or employer.
    JobChange,
    /// 返乡 — Returned to the sending region.
    ReturnHome,
}

/// 证书核验 — A7: a training or evaluation body attests certificates it issued; since certificate
/// numbers carry no check digit, authenticity comes from this signed attestation (domain.md §1.4,
/// §2.3 A7).
///
/// The body of `worker_transfer.certificate_attestation`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CertificateAttestation {
    /// 发证机构 — The issuing evaluation organisation or school (the signer).
    pub issuer: Organisation,
    /// 评价机构代码 — MOHRSS-assigned evaluation organisation code (positions 2–5 of the number,
    /// domain.md §1.4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evaluation_org_code: Option<String>,
    /// 证书 — The attested certificates.
    pub certificates: Vec<AttestedCertificate>,
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

impl MessageBody for CertificateAttestation {
    const TYPE: MessageType = MessageType::WorkerTransferCertificateAttestation;
}

impl CertificateAttestation {
    /// The issuer's attestation of these certificates (at least one).
    #[must_use]
    pub fn new(issuer: Organisation, certificates: Vec<AttestedCertificate>) -> Self {
        Self {
            issuer,
            evaluation_org_code: None,
            certificates,
            remarks: None,
            attachments: None,
            extensions: None,
        }
    }
}

/// 证书 — One certificate the issuer attests: holder, kind, number, occupation, level and status
/// (domain.md §1.4, §2.3 A7).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttestedCertificate {
    /// 行号 — 1-based line number, unique in the message; replies refer to it.
    pub line: u32,
    /// 人员 — The certificate holder.
    pub person: PersonRef,
    /// 证书类别 — skill_level = 职业技能等级证书 (22 chars); vocational_qualification = legacy 职业资格证书 (16
    /// digits) (domain.md §1.4).
    pub kind: CertificateKind,
    /// 证书编号 — Certificate number (no check digit; format rule, domain.md §1.4).
    ///
    /// Format: a letter and 21 digits, or 16 digits.
    pub number: String,
    /// 职业（工种）代码 — Occupation (trade) of the certificate as a code of the 2022 occupational
    /// classification, e.g. `6-31-01-03` 电工 (changed 2026-12 from free text; LL-RULE-017).
    ///
    /// Format: major group 1–8, optionally `-NN` up to three times; table
    /// [`crate::rules::codes::national::OCCUPATION_MAJOR_GROUPS`].
    pub occupation: String,
    /// 职业（工种）名称 — The occupation or trade as printed on the certificate (optional, new
    /// 2026-12).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occupation_name: Option<String>,
    /// 等级 — Skill level 1–5 (domain.md §1.4).
    pub level: u32,
    /// 发证日期 — Issue date; its year must match the number and not be after the message (domain.md
    /// §2.5).
    ///
    /// Format: `YYYY-MM-DD`.
    pub issued_on: String,
    /// 状态 — Whether the certificate stands.
    pub status: AttestationStatus,
}

impl AttestedCertificate {
    /// Line `line`: a valid certificate of the holder — kind, number, occupation, level (1–5)
    /// and issue date.
    #[must_use]
    pub fn new(
        line: u32,
        person: PersonRef,
        kind: CertificateKind,
        number: impl Into<String>,
        occupation: impl Into<String>,
        level: u32,
        issued_on: impl Into<String>,
    ) -> Self {
        Self {
            line,
            person,
            kind,
            number: number.into(),
            occupation: occupation.into(),
            occupation_name: None,
            level,
            issued_on: issued_on.into(),
            status: AttestationStatus::Valid,
        }
    }
}

/// 证书类别 — skill_level = 职业技能等级证书 (22 chars); vocational_qualification = legacy 职业资格证书 (16 digits)
/// (domain.md §1.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CertificateKind {
    /// 职业技能等级证书 — Current skill-level certificate.
    SkillLevel,
    /// 职业资格证书 — Legacy national vocational qualification.
    VocationalQualification,
}

/// 状态 — Whether the certificate stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttestationStatus {
    /// 有效 — The certificate is valid.
    Valid,
    /// 已撤销 — The certificate was revoked.
    Revoked,
}

/// 定期对账 — A8: periodic reconciliation of roster totals by county and month between sending and
/// receiving side; the answer confirms or lists differences (domain.md §2.3 A8).
///
/// The body of `worker_transfer.reconciliation`.
///
/// Schema conditions the type does not express. A `statement` needs `rows` and `totals`; a
/// `mismatch` needs `differences`. The constructors meet them; \[`MessageBody::validate`\] checks
/// them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reconciliation {
    /// 类型 — statement = own figures; confirmation = agrees with the answered statement; mismatch =
    /// differences listed.
    pub kind: ReconciliationKind,
    /// 对账月份 — The month reconciled.
    ///
    /// Format: `YYYY-MM`.
    pub month: String,
    /// 分县数据 — Counts per sending county.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rows: Option<Vec<CountyRow>>,
    /// 合计 — Σ rows (rule).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub totals: Option<Counts>,
    /// 差异 — Differences found (mismatch).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub differences: Option<Vec<Difference>>,
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

impl MessageBody for Reconciliation {
    const TYPE: MessageType = MessageType::WorkerTransferReconciliation;
}

impl Reconciliation {
    /// A `statement` for `month` (`YYYY-MM`): per-county rows (at least one) and totals.
    #[must_use]
    pub fn statement(month: impl Into<String>, rows: Vec<CountyRow>, totals: Counts) -> Self {
        Self {
            kind: ReconciliationKind::Statement,
            month: month.into(),
            rows: Some(rows),
            totals: Some(totals),
            differences: None,
            remarks: None,
            attachments: None,
            extensions: None,
        }
    }

    /// A `confirmation` that the statement for `month` agrees with the receiver's records.
    #[must_use]
    pub fn confirmation(month: impl Into<String>) -> Self {
        Self {
            kind: ReconciliationKind::Confirmation,
            month: month.into(),
            rows: None,
            totals: None,
            differences: None,
            remarks: None,
            attachments: None,
            extensions: None,
        }
    }

    /// A `mismatch` answer listing the differences (at least one).
    #[must_use]
    pub fn mismatch(month: impl Into<String>, differences: Vec<Difference>) -> Self {
        Self {
            kind: ReconciliationKind::Mismatch,
            differences: Some(differences),
            ..Self::confirmation(month)
        }
    }
}

/// 类型 — statement = own figures; confirmation = agrees with the answered statement; mismatch =
/// differences listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReconciliationKind {
    /// 对账单 — The sender's figures.
    Statement,
    /// 确认 — The answered statement is confirmed.
    Confirmation,
    /// 差异 — The answered statement differs; see differences.
    Mismatch,
}

/// 分县数据 — The counts of one sending county for the month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountyRow {
    /// 输出县（市） — Sending county code (e.g. 513426 会东县).
    ///
    /// Format: six-digit GB/T 2260 code.
    pub county: String,
    /// 人数 — Counts for the county.
    pub counts: Counts,
}

impl CountyRow {
    /// The counts of one county.
    #[must_use]
    pub fn new(county: impl Into<String>, counts: Counts) -> Self {
        Self {
            county: county.into(),
            counts,
        }
    }
}

/// 人数 — Counts for the county.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Counts {
    /// 输出人数 — Workers sent in the month.
    pub sent: u64,
    /// 到岗人数 — Workers who started work.
    pub arrived: u64,
    /// 在岗人数 — Workers employed at month end.
    pub active: u64,
    /// 离岗人数 — Separations in the month.
    pub separated: u64,
    /// 返乡人数 — Returns home in the month.
    pub returned: u64,
}

/// 差异 — One count on which the two sides disagree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Difference {
    /// 输出县（市） — County with a difference.
    ///
    /// Format: six-digit GB/T 2260 code.
    pub county: String,
    /// 项目 — Which count differs.
    pub field: CountField,
    /// 本方数 — The sender's count.
    pub own_count: u64,
    /// 对方数 — The count in the answered statement.
    pub counterpart_count: u64,
}

impl Difference {
    /// In `county`, the count `field` is `own_count` here and `counterpart_count` there.
    #[must_use]
    pub fn new(
        county: impl Into<String>,
        field: CountField,
        own_count: u64,
        counterpart_count: u64,
    ) -> Self {
        Self {
            county: county.into(),
            field,
            own_count,
            counterpart_count,
        }
    }
}

/// 项目 — Which count differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CountField {
    /// Workers sent (输出人数).
    Sent,
    /// Workers arrived (到岗人数).
    Arrived,
    /// Workers in post (在岗人数).
    Active,
    /// Workers separated (离岗人数).
    Separated,
    /// Workers returned home (返乡人数).
    Returned,
}

// ---------------------------------------------------------------------------------------------
// Labour-cooperation agreement (劳务协作协议, issue 11 item 10)

/// 补贴类别 — The kind of subsidy an agreement fixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubsidyKind {
    /// 交通补贴 — Travel to the workplace (一次性交通补贴).
    Transport,
    /// 稳岗补贴 — Retention subsidy paid at a milestone (稳岗补贴 / 稳岗补助).
    Retention,
    /// 劳务补助 — Labour-service allowance (劳务补助), often a share of the income.
    LabourService,
    /// 组织输出服务补贴 — Service subsidy to the organising station or agency.
    OrganisedTransfer,
    /// 吸纳就业补助 — Subsidy to the hiring employer.
    EmployerHiring,
    /// 其他 — Another subsidy; say which in `name`.
    Other,
}

/// 支付方 — Which side pays a subsidy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubsidyPayer {
    /// 输出地 — The sending region (e.g. 凉山州).
    SendingRegion,
    /// 输入地 — The receiving city (e.g. 宁波市).
    ReceivingCity,
    /// 用人单位 — The employer.
    Employer,
}

/// 补贴项目 — One subsidy of a labour-cooperation agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgreementSubsidy {
    /// 行号 — 1-based line number, unique in the message; replies refer to it.
    pub line: u32,
    /// 补贴类别 — The kind of subsidy.
    pub kind: SubsidyKind,
    /// 补贴名称 — The name used in the agreement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// 稳岗节点（月） — The milestone that triggers the subsidy; one of `retention_milestones`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub milestone_months: Option<u32>,
    /// 金额（分） — Amount per worker in fen (the maximum when the agreement gives a cap).
    pub amount_fen: i64,
    /// 支付方 — Which side pays.
    pub payer: SubsidyPayer,
    /// 是否需要工资支付凭证 — Whether a claim needs wage-payment evidence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wage_evidence_required: Option<bool>,
    /// 条件 — Further conditions in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conditions: Option<String>,
}

impl AgreementSubsidy {
    /// Line `line`: a subsidy of a kind, its amount per worker and who pays it.
    #[must_use]
    pub fn new(line: u32, kind: SubsidyKind, amount_fen: i64, payer: SubsidyPayer) -> Self {
        Self {
            line,
            kind,
            name: None,
            milestone_months: None,
            amount_fen,
            payer,
            wage_evidence_required: None,
            conditions: None,
        }
    }
}

/// 劳务协作协议 — The labour-cooperation agreement between a receiving city and a sending
/// region: parties, period, retention milestones and subsidies with amounts and conditions.
/// Retention reports name it (`agreement_number`) (domain.md §2.1, §2.5; domain-review §1 A5;
/// issue 11 item 10).
///
/// The body of `worker_transfer.cooperation_agreement`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CooperationAgreement {
    /// 协议编号 — The agreement's number; retention reports refer to it.
    pub agreement_number: String,
    /// 协议名称 — The agreement's title as signed.
    pub title: String,
    /// 协议各方 — The signing parties (at least two).
    pub parties: Vec<Agency>,
    /// 签订日期 — Date of signature.
    ///
    /// Format: `YYYY-MM-DD`.
    pub signed_on: String,
    /// 生效日期 — First day the agreement applies.
    ///
    /// Format: `YYYY-MM-DD`.
    pub valid_from: String,
    /// 终止日期 — Last day the agreement applies (open-ended when absent).
    ///
    /// Format: `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<String>,
    /// 稳岗节点（月） — Retention milestones in months, strictly ascending.
    pub retention_milestones: Vec<u32>,
    /// 补贴项目 — The subsidies the agreement fixes.
    pub subsidies: Vec<AgreementSubsidy>,
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

impl MessageBody for CooperationAgreement {
    const TYPE: MessageType = MessageType::WorkerTransferCooperationAgreement;
}

impl CooperationAgreement {
    /// An agreement: number, title, parties (at least two), signature and start dates,
    /// milestones (ascending) and subsidies (at least one).
    #[must_use]
    pub fn new(
        agreement_number: impl Into<String>,
        title: impl Into<String>,
        parties: Vec<Agency>,
        signed_on: impl Into<String>,
        valid_from: impl Into<String>,
        retention_milestones: Vec<u32>,
        subsidies: Vec<AgreementSubsidy>,
    ) -> Self {
        Self {
            agreement_number: agreement_number.into(),
            title: title.into(),
            parties,
            signed_on: signed_on.into(),
            valid_from: valid_from.into(),
            valid_until: None,
            retention_milestones,
            subsidies,
            remarks: None,
            attachments: None,
            extensions: None,
        }
    }
}
