//! Worker-rights cases between the receiving city and the sending region (`worker_rights.*`,
//! issue 11 item 9; 2011 policy §5 权益保障): wage arrears (欠薪, 保障农民工工资支付条例), work
//! injury (工伤: report, 工伤认定, 劳动能力鉴定, benefits for a worker who has gone home; 工伤保险条例)
//! and labour-dispute referral (劳动争议调解仲裁法). Each case is a referral answered by an outcome.
//!
//! The bodies identify the worker by name and citizen ID only ([`PersonRef`]); injury
//! descriptions and disability grades are **sensitive personal information** (PIPL art. 28):
//! send them only when the receiving agency needs them, and never log them.

use serde::{Deserialize, Serialize};

use super::common::{Attachment, Extensions, Organisation, PeriodRange, PersonRef, Reason};
use super::{MessageBody, MessageType};

/// 清偿途径 — How unpaid wages are (to be) paid (保障农民工工资支付条例 art. 29–36).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentPath {
    /// 用人单位支付 — Paid by the employer itself.
    Employer,
    /// 总包单位先行清偿 — Paid first by the general contractor of a construction project (art. 30).
    GeneralContractor,
    /// 工资保证金支付 — Paid from the project's wage guarantee deposit (art. 32).
    WageGuaranteeDeposit,
    /// 欠薪应急周转金垫付 — Advanced from the local wage-arrears emergency fund.
    EmergencyFund,
    /// 法院强制执行 — Recovered by court enforcement.
    CourtEnforcement,
    /// 其他 — Another path, described in the explanation.
    Other,
}

/// 月度欠薪 — Unpaid wages of one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MonthlyArrears {
    /// 工资月份 — The wage month.
    ///
    /// Format: `YYYY-MM`.
    pub period: String,
    /// 欠薪金额（分） — Unpaid amount of that month, in fen.
    pub amount_fen: i64,
}

/// 欠薪线索移交 — Wage arrears: one side refers a migrant worker's unpaid wages to the other
/// (2011 policy §5(三); 保障农民工工资支付条例). Opens a `worker_rights.wage_arrears` case.
///
/// The body of `worker_rights.wage_arrears_referral`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WageArrearsReferral {
    /// 劳动者 — The worker: name and citizen ID only.
    pub person: PersonRef,
    /// 用人单位 — The employer.
    pub employer: Organisation,
    /// 工程项目 — The construction project or workplace.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
    /// 施工总承包单位 — The general contractor, liable to pay first (art. 30).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub general_contractor: Option<Organisation>,
    /// 欠薪期间 — The months whose wages are unpaid.
    pub unpaid_period: PeriodRange,
    /// 分月欠薪 — The unpaid wages month by month (Σ = `amount_owed_fen`, a rule).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monthly: Option<Vec<MonthlyArrears>>,
    /// 欠薪总额（分） — Total unpaid wages in fen.
    pub amount_owed_fen: i64,
    /// 清偿途径 — How the wages are to be paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_path: Option<PaymentPath>,
    /// 反映日期 — Date the arrears were reported.
    ///
    /// Format: `YYYY-MM-DD`.
    pub reported_on: String,
    /// 投诉编号 — Reference of the complaint (e.g. 全国根治欠薪线索反映平台).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub complaint_reference: Option<String>,
    /// 情况说明 — What is known and what is asked of the other side.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<String>,
    /// 附件 — Attachments (the signed PDF/paper twin and supporting documents).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachments: Option<Vec<Attachment>>,
    /// 扩展字段 — Bilateral or local extensions, namespaced keys only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
}

impl MessageBody for WageArrearsReferral {
    const TYPE: MessageType = MessageType::WorkerRightsWageArrearsReferral;
}

impl WageArrearsReferral {
    /// A referral of `amount_owed_fen` unpaid over `unpaid_period`, reported on `reported_on`.
    #[must_use]
    pub fn new(
        person: PersonRef,
        employer: Organisation,
        unpaid_period: PeriodRange,
        amount_owed_fen: i64,
        reported_on: impl Into<String>,
    ) -> Self {
        Self {
            person,
            employer,
            project: None,
            general_contractor: None,
            unpaid_period,
            monthly: None,
            amount_owed_fen,
            payment_path: None,
            reported_on: reported_on.into(),
            complaint_reference: None,
            explanation: None,
            attachments: None,
            extensions: None,
        }
    }
}

/// 处理结果 — The outcome of a wage-arrears referral.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WageArrearsOutcomeKind {
    /// 已全额支付 — Paid in full (`amount_paid_fen` = `amount_owed_fen`, a rule).
    Paid,
    /// 部分支付 — Partly paid (0 < paid < owed, a rule).
    PartlyPaid,
    /// 转劳动争议仲裁 — Referred to labour-dispute arbitration.
    ReferredToArbitration,
    /// 转人民法院 — Referred to a people's court.
    ReferredToCourt,
    /// 查无欠薪 — No arrears found.
    Unfounded,
}

/// 欠薪处理结果 — The answer to a `worker_rights.wage_arrears_referral`.
///
/// The body of `worker_rights.wage_arrears_outcome`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WageArrearsOutcome {
    /// 劳动者 — The worker.
    pub person: PersonRef,
    /// 处理结果 — The outcome.
    pub outcome: WageArrearsOutcomeKind,
    /// 认定欠薪金额（分） — The unpaid wages as established, in fen.
    pub amount_owed_fen: i64,
    /// 已支付金额（分） — Wages paid, in fen (≤ owed, a rule).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_paid_fen: Option<i64>,
    /// 支付日期 — Date of the (last) payment.
    ///
    /// Format: `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paid_on: Option<String>,
    /// 清偿途径 — How the wages were paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_path: Option<PaymentPath>,
    /// 处理日期 — Date of the outcome.
    ///
    /// Format: `YYYY-MM-DD`.
    pub decided_on: String,
    /// 原因 — Grounds of an `unfounded` outcome or a partial payment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasons: Option<Vec<Reason>>,
    /// 情况说明 — The written explanation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<String>,
    /// 附件 — Attachments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachments: Option<Vec<Attachment>>,
    /// 扩展字段 — Bilateral or local extensions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
}

impl MessageBody for WageArrearsOutcome {
    const TYPE: MessageType = MessageType::WorkerRightsWageArrearsOutcome;
}

impl WageArrearsOutcome {
    /// An outcome without payment details (add `amount_paid_fen` for `paid` / `partly_paid`).
    #[must_use]
    pub fn new(
        person: PersonRef,
        outcome: WageArrearsOutcomeKind,
        amount_owed_fen: i64,
        decided_on: impl Into<String>,
    ) -> Self {
        Self {
            person,
            outcome,
            amount_owed_fen,
            amount_paid_fen: None,
            paid_on: None,
            payment_path: None,
            decided_on: decided_on.into(),
            reasons: None,
            explanation: None,
            attachments: None,
            extensions: None,
        }
    }

    /// Paid in full on `paid_on`.
    #[must_use]
    pub fn paid(
        person: PersonRef,
        amount_fen: i64,
        paid_on: impl Into<String>,
        decided_on: impl Into<String>,
    ) -> Self {
        Self {
            amount_paid_fen: Some(amount_fen),
            paid_on: Some(paid_on.into()),
            ..Self::new(person, WageArrearsOutcomeKind::Paid, amount_fen, decided_on)
        }
    }
}

/// 申请人 — Who filed the application for 工伤认定 (工伤保险条例 art. 17).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InjuryApplicant {
    /// 用人单位 — The employer (30-day window).
    Employer,
    /// 工伤职工 — The injured worker (1-year window).
    Worker,
    /// 近亲属 — A close relative (1-year window).
    Family,
    /// 工会组织 — The trade union (1-year window).
    TradeUnion,
}

/// 工伤认定申请 — The application for 工伤认定.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InjuryApplication {
    /// 申请人 — Who filed.
    pub applicant: InjuryApplicant,
    /// 申请日期 — Date filed.
    ///
    /// Format: `YYYY-MM-DD`.
    pub filed_on: String,
    /// 受理日期 — Date accepted.
    ///
    /// Format: `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepted_on: Option<String>,
}

/// 工伤事故通报 — Work injury: a worker was injured at work (or diagnosed with an occupational
/// disease), and the application for 工伤认定 (工伤保险条例 art. 17). Opens a
/// `worker_rights.work_injury` case.
///
/// The body of `worker_rights.work_injury_notice`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkInjuryNotice {
    /// 劳动者 — The worker.
    pub person: PersonRef,
    /// 用人单位 — The employer.
    pub employer: Organisation,
    /// 事故日期 — Date of the accident or of the occupational-disease diagnosis.
    ///
    /// Format: `YYYY-MM-DD`.
    pub accident_date: String,
    /// 事故发生地 — GB/T 2260 code of the place of the accident.
    ///
    /// Format: six-digit GB/T 2260 code.
    pub accident_region: String,
    /// 职业病 — true for an occupational disease.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occupational_disease: Option<bool>,
    /// 伤情 — A short description of the injury. Sensitive personal information (PIPL art. 28).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub injury: Option<String>,
    /// 已参加工伤保险 — Whether the employer insured the worker (scheme 410).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub insured: Option<bool>,
    /// 工伤认定申请 — The application, when filed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application: Option<InjuryApplication>,
    /// 报告日期 — Date the accident was reported to the sender.
    ///
    /// Format: `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reported_on: Option<String>,
    /// 情况说明 — What is asked of the other side.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<String>,
    /// 附件 — Attachments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachments: Option<Vec<Attachment>>,
    /// 扩展字段 — Bilateral or local extensions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
}

impl MessageBody for WorkInjuryNotice {
    const TYPE: MessageType = MessageType::WorkerRightsWorkInjuryNotice;
}

impl WorkInjuryNotice {
    /// A notice of an accident on `accident_date` in `accident_region`.
    #[must_use]
    pub fn new(
        person: PersonRef,
        employer: Organisation,
        accident_date: impl Into<String>,
        accident_region: impl Into<String>,
    ) -> Self {
        Self {
            person,
            employer,
            accident_date: accident_date.into(),
            accident_region: accident_region.into(),
            occupational_disease: None,
            injury: None,
            insured: None,
            application: None,
            reported_on: None,
            explanation: None,
            attachments: None,
            extensions: None,
        }
    }
}

/// 认定结论 — The 工伤认定 decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InjuryDecision {
    /// 认定为工伤 — Recognised (art. 14).
    Recognised,
    /// 视同工伤 — Deemed a work injury (art. 15).
    Deemed,
    /// 不予认定 — Not recognised (art. 16).
    NotRecognised,
}

/// 生活自理障碍等级 — Level of dependence for nursing (工伤保险条例 art. 22 ¶3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NursingLevel {
    /// 完全不能自理 — Fully dependent.
    Full,
    /// 大部分不能自理 — Largely dependent.
    Large,
    /// 部分不能自理 — Partly dependent.
    Partial,
}

/// 劳动能力鉴定 — The work-ability assessment, grade 1 (most severe) to 10 (工伤保险条例
/// art. 22; GB/T 16180-2014). Sensitive personal information (PIPL art. 28).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DisabilityAssessment {
    /// 伤残等级 — Disability grade 1–10.
    pub grade: u32,
    /// 生活自理障碍等级 — Level of dependence for nursing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nursing_level: Option<NursingLevel>,
    /// 鉴定日期 — Date of the assessment conclusion.
    ///
    /// Format: `YYYY-MM-DD`.
    pub assessed_on: String,
    /// 鉴定结论书编号 — Number of the assessment conclusion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conclusion_number: Option<String>,
}

/// 待遇项目 — A work-injury benefit (工伤保险条例 ch. 5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InjuryBenefitItem {
    /// 医疗费 — Medical treatment costs (art. 30).
    MedicalCosts,
    /// 停工留薪期工资 — Wages during the work-stoppage period (art. 33).
    SuspendedWages,
    /// 一次性伤残补助金 — One-off disability subsidy (art. 35–37).
    OneOffDisabilitySubsidy,
    /// 伤残津贴 — Monthly disability allowance (art. 35–36).
    DisabilityAllowance,
    /// 生活护理费 — Nursing allowance (art. 34).
    NursingAllowance,
    /// 一次性工伤医疗补助金 — One-off medical subsidy (art. 36–37).
    OneOffMedicalSubsidy,
    /// 一次性伤残就业补助金 — One-off employment subsidy (art. 36–37).
    OneOffEmploymentSubsidy,
    /// 工亡待遇 — Death benefits (art. 39).
    DeathBenefits,
    /// 其他 — Another item.
    Other,
}

/// 支付方 — Who pays a work-injury benefit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BenefitPayer {
    /// 工伤保险基金 — The work-injury insurance fund.
    Fund,
    /// 用人单位 — The employer.
    Employer,
}

/// 待遇项目 — One benefit with its payer and place of payment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InjuryBenefit {
    /// 待遇项目 — The benefit.
    pub item: InjuryBenefitItem,
    /// 金额（分） — Amount in fen (per month for a monthly item).
    pub amount_fen: i64,
    /// 支付方 — Who pays.
    pub payer: BenefitPayer,
    /// 支付地 — Where it is paid, e.g. the hukou county of a worker who went home.
    ///
    /// Format: six-digit GB/T 2260 code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paid_to_region: Option<String>,
}

/// 工伤认定及待遇 — The answer to a `worker_rights.work_injury_notice`: the 工伤认定 decision,
/// the 劳动能力鉴定 grade and the benefits (工伤保险条例 art. 14–23).
///
/// The body of `worker_rights.work_injury_decision`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkInjuryDecision {
    /// 劳动者 — The worker.
    pub person: PersonRef,
    /// 认定结论 — The decision.
    pub decision: InjuryDecision,
    /// 认定书编号 — Number of the 工伤认定决定书.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision_number: Option<String>,
    /// 受理日期 — Date the application was accepted (the decision is due within 60 days).
    ///
    /// Format: `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_accepted_on: Option<String>,
    /// 认定日期 — Date of the decision.
    ///
    /// Format: `YYYY-MM-DD`.
    pub decided_on: String,
    /// 劳动能力鉴定 — The work-ability assessment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disability_assessment: Option<DisabilityAssessment>,
    /// 工伤待遇 — The benefits awarded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub benefits: Option<Vec<InjuryBenefit>>,
    /// 待遇合计（分） — Σ `benefits/i/amount_fen` (a rule).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub benefits_total_fen: Option<i64>,
    /// 现居住地 — Where the worker now lives (e.g. the hukou county after going home).
    ///
    /// Format: six-digit GB/T 2260 code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub residence_region: Option<String>,
    /// 原因 — Grounds of a `not_recognised` decision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasons: Option<Vec<Reason>>,
    /// 情况说明 — The written explanation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<String>,
    /// 附件 — Attachments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachments: Option<Vec<Attachment>>,
    /// 扩展字段 — Bilateral or local extensions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
}

impl MessageBody for WorkInjuryDecision {
    const TYPE: MessageType = MessageType::WorkerRightsWorkInjuryDecision;
}

impl WorkInjuryDecision {
    /// A decision made on `decided_on`, without assessment or benefits.
    #[must_use]
    pub fn new(person: PersonRef, decision: InjuryDecision, decided_on: impl Into<String>) -> Self {
        Self {
            person,
            decision,
            decision_number: None,
            application_accepted_on: None,
            decided_on: decided_on.into(),
            disability_assessment: None,
            benefits: None,
            benefits_total_fen: None,
            residence_region: None,
            reasons: None,
            explanation: None,
            attachments: None,
            extensions: None,
        }
    }
}

/// 争议类型 — What a labour dispute is about (劳动争议调解仲裁法 art. 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DisputeKind {
    /// 劳动报酬 — Wages, overtime pay.
    Wages,
    /// 工伤医疗费及待遇 — Work-injury costs and benefits.
    WorkInjury,
    /// 劳动合同 — The labour contract.
    Contract,
    /// 经济补偿或赔偿金 — Severance pay or damages.
    Compensation,
    /// 社会保险 — Social insurance.
    SocialInsurance,
    /// 工作时间休息休假 — Working time, rest and leave.
    WorkingTime,
    /// 其他 — Another labour dispute.
    Other,
}

/// 移交事项 — What the other side is asked to do with a dispute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DisputeReferralPurpose {
    /// 调解 — Mediate.
    Mediation,
    /// 仲裁 — Handle or support the arbitration.
    Arbitration,
    /// 法律援助 — Provide legal aid.
    LegalAid,
}

/// 劳动争议移交 — One side refers a migrant worker's labour dispute to the other for mediation,
/// arbitration or legal aid (2011 policy §5(一); 劳动争议调解仲裁法). Opens a
/// `worker_rights.labour_dispute` case.
///
/// The body of `worker_rights.dispute_referral`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DisputeReferral {
    /// 劳动者 — The worker.
    pub person: PersonRef,
    /// 用人单位 — The employer.
    pub employer: Organisation,
    /// 争议类型 — What the dispute is about (distinct values).
    pub dispute_kinds: Vec<DisputeKind>,
    /// 争议发生日期 — The day the worker knew or should have known of the infringement
    /// (art. 27).
    ///
    /// Format: `YYYY-MM-DD`.
    pub dispute_arose_on: String,
    /// 劳动关系终止日期 — When the employment ended, if it did.
    ///
    /// Format: `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employment_ended_on: Option<String>,
    /// 请求金额（分） — Amount claimed, in fen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim_fen: Option<i64>,
    /// 移交事项 — What the other side is asked to do.
    pub referred_for: DisputeReferralPurpose,
    /// 仲裁申请日期 — Date arbitration was applied for.
    ///
    /// Format: `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arbitration_filed_on: Option<String>,
    /// 争议概要 — What happened and what the worker asks for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// 附件 — Attachments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachments: Option<Vec<Attachment>>,
    /// 扩展字段 — Bilateral or local extensions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
}

impl MessageBody for DisputeReferral {
    const TYPE: MessageType = MessageType::WorkerRightsDisputeReferral;
}

impl DisputeReferral {
    /// A referral of a dispute about `dispute_kinds` (at least one) that arose on
    /// `dispute_arose_on`.
    #[must_use]
    pub fn new(
        person: PersonRef,
        employer: Organisation,
        dispute_kinds: Vec<DisputeKind>,
        dispute_arose_on: impl Into<String>,
        referred_for: DisputeReferralPurpose,
    ) -> Self {
        Self {
            person,
            employer,
            dispute_kinds,
            dispute_arose_on: dispute_arose_on.into(),
            employment_ended_on: None,
            claim_fen: None,
            referred_for,
            arbitration_filed_on: None,
            summary: None,
            attachments: None,
            extensions: None,
        }
    }
}

/// 处理结果 — How a labour dispute ended (so far).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DisputeOutcomeKind {
    /// 达成调解协议 — A mediation agreement (art. 14, 42).
    MediationAgreement,
    /// 仲裁裁决 — An arbitration award (art. 47–50).
    ArbitrationAward,
    /// 法院判决 — A court judgment or court mediation.
    CourtJudgment,
    /// 撤回 — The worker withdrew.
    Withdrawn,
    /// 不予受理 — Arbitration refused the application (art. 29).
    NotAccepted,
}

/// 劳动争议处理结果 — The answer to a `worker_rights.dispute_referral`.
///
/// The body of `worker_rights.dispute_outcome`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DisputeOutcome {
    /// 劳动者 — The worker.
    pub person: PersonRef,
    /// 处理结果 — How the dispute ended.
    pub outcome: DisputeOutcomeKind,
    /// 处理日期 — Date of the agreement, award or judgment.
    ///
    /// Format: `YYYY-MM-DD`.
    pub decided_on: String,
    /// 文书编号 — Number of the agreement, award or judgment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_number: Option<String>,
    /// 确认金额（分） — Amount agreed or awarded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub awarded_fen: Option<i64>,
    /// 已履行金额（分） — Amount actually paid (≤ awarded, a rule).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paid_fen: Option<i64>,
    /// 原因 — Grounds of a refusal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasons: Option<Vec<Reason>>,
    /// 情况说明 — The written explanation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<String>,
    /// 附件 — Attachments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachments: Option<Vec<Attachment>>,
    /// 扩展字段 — Bilateral or local extensions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
}

impl MessageBody for DisputeOutcome {
    const TYPE: MessageType = MessageType::WorkerRightsDisputeOutcome;
}

impl DisputeOutcome {
    /// An outcome decided on `decided_on`.
    #[must_use]
    pub fn new(
        person: PersonRef,
        outcome: DisputeOutcomeKind,
        decided_on: impl Into<String>,
    ) -> Self {
        Self {
            person,
            outcome,
            decided_on: decided_on.into(),
            document_number: None,
            awarded_fen: None,
            paid_fen: None,
            reasons: None,
            explanation: None,
            attachments: None,
            extensions: None,
        }
    }
}
