//! Family-planning service cooperation between the registration place (户籍地) and the residence
//! place (现居住地) of migrants (`family_planning.*`, domain.md §3): the electronic marriage and
//! childbearing certificate (B1), arrival notices (B2), verification requests and replies
//! (B3/B4), birth registration notices (B5), service notices and statistics (B6/B8), benefit
//! notices (B7) and the cooperation agreement (B8).

use serde::{Deserialize, Serialize};

use super::common::{
    Address, Attachment, Decision, Extensions, Organisation, PeriodRange, Person, PersonRef,
    Reason, Sex,
};
use super::{MessageBody, MessageType};

/// 协作服务协议 — B8: bilateral cooperation / entrusted-service agreement (服务管理委托) between the
/// registration and residence places, signed by both (multiple JWS signatures) (domain.md §3.2,
/// §3.3 B8). Social-maintenance-fee collection is obsolete since 2021 (§3.1) and has no scope
/// value.
///
/// The body of `family_planning.service_agreement`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceAgreement {
    /// 协议编号 — Agreement reference.
    pub agreement_number: String,
    /// 协议名称 — Title of the agreement.
    pub title: String,
    /// 协议各方 — The parties (at least two).
    pub parties: Vec<AgreementParty>,
    /// 协作内容 — What the agreement covers (domain.md §3.2: information interoperation, entrusted
    /// service management, long-acting contraception services, rewards; §3.3 B8 statistics).
    pub scope: Vec<ServiceScope>,
    /// 生效日期 — First day in force.
    ///
    /// Format: `YYYY-MM-DD`.
    pub effective_from: String,
    /// 终止日期 — Last day in force; absent = until terminated.
    ///
    /// Format: `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective_until: Option<String>,
    /// 统计报送周期（月） — Months between periodic statistics (B8).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statistics_interval_months: Option<u32>,
    /// 主要条款 — The agreed terms in text.
    pub terms: String,
    /// 附件 — Attachments: the signed PDF/paper twin of this step and supporting documents, each
    /// bound by its SHA-256 digest (domain.md §0 item 1: every step has a paper/PDF twin).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachments: Option<Vec<Attachment>>,
    /// 扩展字段 — Bilateral or local extensions, namespaced keys only; never needed to understand the
    /// message (domain.md §3.2 and §8: agreements add local data).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
}

impl MessageBody for ServiceAgreement {
    const TYPE: MessageType = MessageType::FamilyPlanningServiceAgreement;
}

impl ServiceAgreement {
    /// An agreement: number, title, parties (at least two), scope (at least one area),
    /// effective date and main terms.
    #[must_use]
    pub fn new(
        agreement_number: impl Into<String>,
        title: impl Into<String>,
        parties: Vec<AgreementParty>,
        scope: Vec<ServiceScope>,
        effective_from: impl Into<String>,
        terms: impl Into<String>,
    ) -> Self {
        Self {
            agreement_number: agreement_number.into(),
            title: title.into(),
            parties,
            scope,
            effective_from: effective_from.into(),
            effective_until: None,
            statistics_interval_months: None,
            terms: terms.into(),
            attachments: None,
            extensions: None,
        }
    }
}

/// 协议各方 — One party to the agreement: region, name and optionally its agency code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgreementParty {
    /// 行政区划代码 — Region of the party.
    ///
    /// Format: six-digit GB/T 2260 code.
    pub region: String,
    /// 名称 — Name of the government or department.
    pub name: String,
    /// 机构代码 — USCC or agency code (the trust-list identity of a signer).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agency: Option<String>,
}

impl AgreementParty {
    /// A party by region code and name.
    #[must_use]
    pub fn new(region: impl Into<String>, name: impl Into<String>) -> Self {
        Self {
            region: region.into(),
            name: name.into(),
            agency: None,
        }
    }
}

/// 协作内容 — One area of cooperation covered by the agreement (domain.md §3.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceScope {
    /// Information sharing (信息互通).
    InformationSharing,
    /// Entrusted services (委托服务).
    EntrustedServices,
    /// Contraception services (避孕节育服务).
    ContraceptionServices,
    /// Rewards and benefits (奖励优待).
    Benefits,
    /// Periodic statistics (统计报送).
    Statistics,
}

/// 电子婚育证明 — B1: electronic marriage and childbearing certificate (婚育证明) issued, updated or
/// cancelled by the registration place for a woman of childbearing age; contents per art. 7: name,
/// age, ID, marital status, spouse, childbearing and contraception status. Valid until cancelled;
/// lapses when the woman leaves childbearing age (domain.md §3.1, §3.3 B1, §3.4). Female and 18–49
/// are rules (parameters).
///
/// The body of `family_planning.certificate`.
///
/// Schema conditions the type does not express. The action `cancel` needs `cancel_reason` and the
/// status `cancelled`. The constructors meet them; \[`MessageBody::validate`\] checks them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Certificate {
    /// 操作 — issue, update or cancel (domain.md §3.3 B1).
    pub action: CertificateAction,
    /// 证明编号 — Certificate id.
    pub certificate_number: String,
    /// 本人 — The woman the certificate is for (domain.md §3.4: sex must be female).
    pub person: Person,
    /// 户籍地区划 — County code of the registration place (户籍所在地).
    ///
    /// Format: six-digit GB/T 2260 code.
    pub registration_region: String,
    /// 现居住地区划 — County code of the residence place, if known.
    ///
    /// Format: six-digit GB/T 2260 code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub residence_region: Option<String>,
    /// 婚姻状况 — Marital status as a GB/T 2261.2-2003 code, e.g. `21` 初婚 (changed 2026-12 from
    /// snake_case words; LL-RULE-017).
    ///
    /// Format: two digits; table [`crate::rules::codes::national::MARITAL_STATUS`].
    pub marital_status: String,
    /// 配偶 — Spouse information (domain.md §3.1 art. 7; §3.4 spouse name + ID).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spouse: Option<PersonRef>,
    /// 生育情况 — Children (domain.md §3.4: birth date, sex, order).
    pub children: Vec<Child>,
    /// 避孕节育情况 — Contraception method and date (domain.md §3.1 art. 7, §3.4).
    ///
    /// Sensitive personal information (个人信息保护法 art. 28: medical and health information):
    /// optional; send it only where the service agreement needs it and the person has been told
    /// the purpose (art. 29–30, separate consent), never as a default field — data
    /// minimisation (art. 6).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contraception: Option<Contraception>,
    /// 开具日期 — Issue (or update) date.
    ///
    /// Format: `YYYY-MM-DD`.
    pub issued_on: String,
    /// 状态 — valid, cancelled or expired (domain.md §3.4).
    pub status: CertificateStatus,
    /// 注销原因 — Why the certificate was cancelled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancel_reason: Option<String>,
    /// 附件 — Attachments: the signed PDF/paper twin of this step and supporting documents, each
    /// bound by its SHA-256 digest (domain.md §0 item 1: every step has a paper/PDF twin).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachments: Option<Vec<Attachment>>,
    /// 扩展字段 — Bilateral or local extensions, namespaced keys only; never needed to understand the
    /// message (domain.md §3.2 and §8: agreements add local data).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
}

impl MessageBody for Certificate {
    const TYPE: MessageType = MessageType::FamilyPlanningCertificate;
}

impl Certificate {
    /// Issues a valid certificate: number, holder, hukou county, marital status (e.g.
    /// `married`) and issue date; `children` starts empty.
    #[must_use]
    pub fn issue(
        certificate_number: impl Into<String>,
        person: Person,
        registration_region: impl Into<String>,
        marital_status: impl Into<String>,
        issued_on: impl Into<String>,
    ) -> Self {
        Self {
            action: CertificateAction::Issue,
            certificate_number: certificate_number.into(),
            person,
            registration_region: registration_region.into(),
            residence_region: None,
            marital_status: marital_status.into(),
            spouse: None,
            children: Vec::new(),
            contraception: None,
            issued_on: issued_on.into(),
            status: CertificateStatus::Valid,
            cancel_reason: None,
            attachments: None,
            extensions: None,
        }
    }

    /// Updates a certificate already issued (same arguments as [`Certificate::issue`]).
    #[must_use]
    pub fn update(
        certificate_number: impl Into<String>,
        person: Person,
        registration_region: impl Into<String>,
        marital_status: impl Into<String>,
        issued_on: impl Into<String>,
    ) -> Self {
        Self {
            action: CertificateAction::Update,
            ..Self::issue(
                certificate_number,
                person,
                registration_region,
                marital_status,
                issued_on,
            )
        }
    }

    /// Cancels a certificate for `cancel_reason` (status `cancelled`).
    #[must_use]
    pub fn cancel(
        certificate_number: impl Into<String>,
        person: Person,
        registration_region: impl Into<String>,
        marital_status: impl Into<String>,
        issued_on: impl Into<String>,
        cancel_reason: impl Into<String>,
    ) -> Self {
        Self {
            action: CertificateAction::Cancel,
            status: CertificateStatus::Cancelled,
            cancel_reason: Some(cancel_reason.into()),
            ..Self::issue(
                certificate_number,
                person,
                registration_region,
                marital_status,
                issued_on,
            )
        }
    }
}

/// 操作 — issue, update or cancel (domain.md §3.3 B1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CertificateAction {
    /// 开具 — New certificate.
    Issue,
    /// 变更 — Changed content of an existing certificate.
    Update,
    /// 注销 — Certificate cancelled.
    Cancel,
}

/// 生育情况 — One child as registered or declared: birth order, birth date, sex and optionally name and
/// citizen ID (domain.md §3.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Child {
    /// 孩次 — Birth order (1 = first child).
    pub order: u32,
    /// 出生日期 — Birth date.
    ///
    /// Format: `YYYY-MM-DD`.
    pub birth_date: String,
    /// 性别 — Sex of the child.
    pub sex: Sex,
    /// 姓名 — Name, if registered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// 公民身份号码 — ID number, if issued.
    ///
    /// Format: 18 characters (GB 11643), upper-case `X` check character.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub citizen_id: Option<String>,
}

impl Child {
    /// Child number `order` (from 1), born on `birth_date`.
    #[must_use]
    pub fn new(order: u32, birth_date: impl Into<String>, sex: Sex) -> Self {
        Self {
            order,
            birth_date: birth_date.into(),
            sex,
            name: None,
            citizen_id: None,
        }
    }
}

/// 避孕节育情况 — Contraception method and date (domain.md §3.1 art. 7, §3.4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contraception {
    /// 方法 — Method.
    pub method: String,
    /// 日期 — Since when.
    ///
    /// Format: `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
}

impl Contraception {
    /// A contraception method, without a date.
    #[must_use]
    pub fn new(method: impl Into<String>) -> Self {
        Self {
            method: method.into(),
            since: None,
        }
    }
}

/// 状态 — valid, cancelled or expired (domain.md §3.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CertificateStatus {
    /// 有效 — In force.
    Valid,
    /// 已注销 — Cancelled.
    Cancelled,
    /// 已失效 — Lapsed (left childbearing age).
    Expired,
}

/// 到达登记通报 — B2: the residence place notifies the registration place that a person arrived and
/// registered (art. 6, 8: certificate submitted within 30 days of arrival; residence place informs
/// the person of services) (domain.md §3.1, §3.3 B2, §3.4).
///
/// The body of `family_planning.arrival_notice`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArrivalNotice {
    /// 本人 — The person who arrived.
    pub person: Person,
    /// 户籍地区划 — County code of the registration place.
    ///
    /// Format: six-digit GB/T 2260 code.
    pub registration_region: String,
    /// 现居住地址 — Address at the residence place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub residence_address: Option<Address>,
    /// 到达日期 — Arrival date; the registration must follow within 30 days (rule parameter, domain.md
    /// §3.1 art. 8).
    ///
    /// Format: `YYYY-MM-DD`.
    pub arrival_date: String,
    /// 登记日期 — Date of the arrival registration.
    ///
    /// Format: `YYYY-MM-DD`.
    pub registered_on: String,
    /// 婚育证明编号 — The certificate presented or found in the database.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate_number: Option<String>,
    /// 婚育证明情况 — presented, found electronically, or missing (re-issue urged, art. 8).
    pub certificate_status: CertificatePresentation,
    /// 已告知服务 — Whether the person was informed of services, rewards and obligations (art. 8).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub services_informed: Option<bool>,
    /// 工作单位 — Employer at the residence place, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employer: Option<Organisation>,
    /// 附件 — Attachments: the signed PDF/paper twin of this step and supporting documents, each
    /// bound by its SHA-256 digest (domain.md §0 item 1: every step has a paper/PDF twin).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachments: Option<Vec<Attachment>>,
    /// 扩展字段 — Bilateral or local extensions, namespaced keys only; never needed to understand the
    /// message (domain.md §3.2 and §8: agreements add local data).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
}

impl MessageBody for ArrivalNotice {
    const TYPE: MessageType = MessageType::FamilyPlanningArrivalNotice;
}

impl ArrivalNotice {
    /// The person, hukou county, arrival and registration dates and how the certificate was
    /// presented.
    #[must_use]
    pub fn new(
        person: Person,
        registration_region: impl Into<String>,
        arrival_date: impl Into<String>,
        registered_on: impl Into<String>,
        certificate_status: CertificatePresentation,
    ) -> Self {
        Self {
            person,
            registration_region: registration_region.into(),
            residence_address: None,
            arrival_date: arrival_date.into(),
            registered_on: registered_on.into(),
            certificate_number: None,
            certificate_status,
            services_informed: None,
            employer: None,
            attachments: None,
            extensions: None,
        }
    }
}

/// 婚育证明情况 — presented, found electronically, or missing (re-issue urged, art. 8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CertificatePresentation {
    /// 已提交 — Presented by the person.
    Presented,
    /// 电子证明已查验 — Found in the electronic database.
    Electronic,
    /// 未提供 — Missing; re-issue requested.
    Missing,
}

/// 婚育情况协查请求 — B3: the residence place asks the registration place(s) to verify marital and
/// childbearing status, e.g. for birth registration; due within 7 working days of the application
/// (local parameter) (domain.md §3.1, §3.3 B3).
///
/// The body of `family_planning.verification_request`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerificationRequest {
    /// 协查编号 — Reference number.
    pub request_number: String,
    /// 协查事由 — Why the verification is needed.
    pub purpose: VerificationPurpose,
    /// 当事人 — The person whose status is verified.
    pub person: Person,
    /// 配偶 — Spouse information (domain.md §3.1 art. 7; §3.4 spouse name + ID).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spouse: Option<PersonRef>,
    /// 申报婚姻状况 — Marital status as a GB/T 2261.2-2003 code, e.g. `21` 初婚 (changed 2026-12
    /// from snake_case words; LL-RULE-017).
    ///
    /// Format: two digits; table [`crate::rules::codes::national::MARITAL_STATUS`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub declared_marital_status: Option<String>,
    /// 申报生育情况 — Children as declared by the applicant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub declared_children: Option<Vec<Child>>,
    /// 协查项目 — What is to be verified.
    pub items: Vec<VerificationItem>,
    /// 申请日期 — Date the person applied at the residence place (deadline basis, domain.md §3.1).
    ///
    /// Format: `YYYY-MM-DD`.
    pub application_date: String,
    /// 答复期限 — Requested reply date (15 working days, local parameter).
    ///
    /// Format: `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_by: Option<String>,
    /// 附件 — Attachments: the signed PDF/paper twin of this step and supporting documents, each
    /// bound by its SHA-256 digest (domain.md §0 item 1: every step has a paper/PDF twin).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachments: Option<Vec<Attachment>>,
    /// 扩展字段 — Bilateral or local extensions, namespaced keys only; never needed to understand the
    /// message (domain.md §3.2 and §8: agreements add local data).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
}

impl MessageBody for VerificationRequest {
    const TYPE: MessageType = MessageType::FamilyPlanningVerificationRequest;
}

impl VerificationRequest {
    /// A request: number, purpose, person, items to verify (at least one) and the date of the
    /// person's application.
    #[must_use]
    pub fn new(
        request_number: impl Into<String>,
        purpose: VerificationPurpose,
        person: Person,
        items: Vec<VerificationItem>,
        application_date: impl Into<String>,
    ) -> Self {
        Self {
            request_number: request_number.into(),
            purpose,
            person,
            spouse: None,
            declared_marital_status: None,
            declared_children: None,
            items,
            application_date: application_date.into(),
            reply_by: None,
            attachments: None,
            extensions: None,
        }
    }
}

/// 协查事由 — Why the verification is needed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VerificationPurpose {
    /// 生育登记 — Birth registration (2021 guidance).
    BirthRegistration,
    /// 婚育证明核查 — Checking a certificate (art. 6, 8).
    CertificateCheck,
    /// 奖励优待 — Entitlement to a reward or benefit (B7).
    Benefit,
}

/// 协查项目 — One item the registration place is asked to verify.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VerificationItem {
    /// Marital status (婚姻状况).
    MaritalStatus,
    /// Children born (生育情况).
    Children,
    /// Contraception status (避孕节育情况).
    Contraception,
}

/// 婚育情况协查答复 — B4: the registration place answers a verification request, due within 15 working
/// days; 'cannot confirm' lets the residence place accept a self-declaration (承诺书) (domain.md §3.1,
/// §3.3 B4).
///
/// The body of `family_planning.verification_reply`.
///
/// Schema conditions the type does not express. The result `discrepancy` needs `discrepancies`. The
/// constructors meet them; \[`MessageBody::validate`\] checks them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerificationReply {
    /// 协查编号 — The request's reference.
    pub request_number: String,
    /// 协查结论 — confirmed, discrepancy or cannot_confirm.
    pub result: VerificationResult,
    /// 登记婚姻状况 — Marital status as a GB/T 2261.2-2003 code, e.g. `21` 初婚 (changed 2026-12
    /// from snake_case words; LL-RULE-017).
    ///
    /// Format: two digits; table [`crate::rules::codes::national::MARITAL_STATUS`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recorded_marital_status: Option<String>,
    /// 登记生育情况 — Children on record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recorded_children: Option<Vec<Child>>,
    /// 不符情况 — Differences (discrepancy).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discrepancies: Option<Vec<Discrepancy>>,
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

impl MessageBody for VerificationReply {
    const TYPE: MessageType = MessageType::FamilyPlanningVerificationReply;
}

impl VerificationReply {
    /// The declared status is confirmed.
    #[must_use]
    pub fn confirmed(request_number: impl Into<String>) -> Self {
        Self {
            request_number: request_number.into(),
            result: VerificationResult::Confirmed,
            recorded_marital_status: None,
            recorded_children: None,
            discrepancies: None,
            remarks: None,
            attachments: None,
            extensions: None,
        }
    }

    /// The records differ from the declaration in these items (at least one).
    #[must_use]
    pub fn discrepancy(request_number: impl Into<String>, discrepancies: Vec<Discrepancy>) -> Self {
        Self {
            result: VerificationResult::Discrepancy,
            discrepancies: Some(discrepancies),
            ..Self::confirmed(request_number)
        }
    }

    /// The registration place cannot confirm (no record); the residence place may accept a
    /// self-declaration.
    #[must_use]
    pub fn cannot_confirm(request_number: impl Into<String>) -> Self {
        Self {
            result: VerificationResult::CannotConfirm,
            ..Self::confirmed(request_number)
        }
    }
}

/// 协查结论 — confirmed, discrepancy or cannot_confirm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VerificationResult {
    /// 情况属实 — The declared status is confirmed.
    Confirmed,
    /// 情况不符 — The record differs; see discrepancies.
    Discrepancy,
    /// 无法核实 — No record; self-declaration may be accepted.
    CannotConfirm,
}

/// 不符情况 — One item where the registration place's record differs from the request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Discrepancy {
    /// 项目 — Which item differs.
    pub item: DiscrepancyItem,
    /// 登记情况 — What the registration place holds.
    pub recorded: String,
}

impl Discrepancy {
    /// The item and what the records say.
    #[must_use]
    pub fn new(item: DiscrepancyItem, recorded: impl Into<String>) -> Self {
        Self {
            item,
            recorded: recorded.into(),
        }
    }
}

/// 项目 — The item that differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DiscrepancyItem {
    /// Marital status (婚姻状况).
    MaritalStatus,
    /// Children born (生育情况).
    Children,
    /// Contraception status (避孕节育情况).
    Contraception,
    /// Identity data (身份信息).
    Identity,
}

/// 生育登记通报 — B5: the residence place notifies the registration place(s) of a birth registration
/// (生育登记, a registration not an approval since 2021; before birth or as 补登), within 15 working days
/// of registering (domain.md §3.1, §3.3 B5).
///
/// The body of `family_planning.birth_registration_notice`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BirthRegistrationNotice {
    /// 登记编号 — Registration reference.
    pub registration_number: String,
    /// 登记类型 — Before birth, or afterwards (补登) (domain.md §3.1 2021 guidance).
    pub kind: BirthRegistrationKind,
    /// 母亲 — The mother.
    pub mother: Person,
    /// 父亲 — The father.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub father: Option<Person>,
    /// 子女 — The child (birth date required after birth).
    pub child: RegisteredChild,
    /// 登记日期 — Date registered (deadline basis).
    ///
    /// Format: `YYYY-MM-DD`.
    pub registered_on: String,
    /// 登记地区划 — County code of the registering township health office.
    ///
    /// Format: six-digit GB/T 2260 code.
    pub registered_at: String,
    /// 依据 — What the registration rests on (2021: ID card / household book; data from health
    /// systems; self-declaration).
    pub evidence: Vec<Evidence>,
    /// 附件 — Attachments: the signed PDF/paper twin of this step and supporting documents, each
    /// bound by its SHA-256 digest (domain.md §0 item 1: every step has a paper/PDF twin).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachments: Option<Vec<Attachment>>,
    /// 扩展字段 — Bilateral or local extensions, namespaced keys only; never needed to understand the
    /// message (domain.md §3.2 and §8: agreements add local data).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
}

impl MessageBody for BirthRegistrationNotice {
    const TYPE: MessageType = MessageType::FamilyPlanningBirthRegistrationNotice;
}

impl BirthRegistrationNotice {
    /// A registration: number, kind, mother, child, date and county of registration, and the
    /// evidence it rests on (at least one).
    #[must_use]
    pub fn new(
        registration_number: impl Into<String>,
        kind: BirthRegistrationKind,
        mother: Person,
        child: RegisteredChild,
        registered_on: impl Into<String>,
        registered_at: impl Into<String>,
        evidence: Vec<Evidence>,
    ) -> Self {
        Self {
            registration_number: registration_number.into(),
            kind,
            mother,
            father: None,
            child,
            registered_on: registered_on.into(),
            registered_at: registered_at.into(),
            evidence,
            attachments: None,
            extensions: None,
        }
    }
}

/// 登记类型 — Before birth, or afterwards (补登) (domain.md §3.1 2021 guidance).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BirthRegistrationKind {
    /// 孕期登记 — Registered before the birth.
    BeforeBirth,
    /// 补登 — Registered after the birth.
    AfterBirth,
}

/// 子女 — The child (birth date required after birth).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegisteredChild {
    /// 孩次 — Birth order.
    pub order: u32,
    /// 预产年月 — Expected month of birth (before birth).
    ///
    /// Format: `YYYY-MM`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_month: Option<String>,
    /// 出生日期 — Birth date (after birth).
    ///
    /// Format: `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<String>,
    /// 性别 — Sex (after birth).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sex: Option<Sex>,
}

impl RegisteredChild {
    /// Child number `order` (from 1); set `expected_month` before birth, `birth_date` and
    /// `sex` after.
    #[must_use]
    pub fn new(order: u32) -> Self {
        Self {
            order,
            expected_month: None,
            birth_date: None,
            sex: None,
        }
    }
}

/// 依据 — The evidence a birth registration rests on (domain.md §3.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Evidence {
    /// Identity documents (身份证件).
    IdDocuments,
    /// Health records (医学证明等).
    HealthRecords,
    /// The person's own declaration (承诺书).
    SelfDeclaration,
    /// A verification reply from the registration place.
    VerificationReply,
}

/// 服务情况通报 — B6: contraception/service status notice from the residence place (art. 13: 避孕节育情况证明;
/// the registration place may not require the woman to return), or B8 periodic statistics
/// (domain.md §3.1, §3.3 B6/B8).
///
/// The body of `family_planning.service_notice`.
///
/// Schema conditions the type does not express. `statistics` needs `statistics`, the other kinds
/// need `person` (`contraception` is optional, also for `contraception_status`: sensitive
/// personal information, PIPL art. 28). The constructors meet them;
/// \[`MessageBody::validate`\] checks them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceNotice {
    /// 类型 — contraception_status (art. 13), services (art. 10–11) or statistics (B8).
    pub kind: ServiceNoticeKind,
    /// 本人 — The person (not for statistics).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<Person>,
    /// 避孕节育情况 — Method and date.
    ///
    /// Sensitive personal information (个人信息保护法 art. 28: medical and health information):
    /// optional; send it only where the service agreement needs it and the person has been told
    /// the purpose (art. 29–30, separate consent), never as a default field — data
    /// minimisation (art. 6).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contraception: Option<Contraception>,
    /// 服务项目 — Services provided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub services: Option<Vec<ServiceRecord>>,
    /// 统计数据 — Periodic statistics.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statistics: Option<ServiceStatistics>,
    /// 出具日期 — Date of the notice.
    ///
    /// Format: `YYYY-MM-DD`.
    pub issued_on: String,
    /// 附件 — Attachments: the signed PDF/paper twin of this step and supporting documents, each
    /// bound by its SHA-256 digest (domain.md §0 item 1: every step has a paper/PDF twin).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachments: Option<Vec<Attachment>>,
    /// 扩展字段 — Bilateral or local extensions, namespaced keys only; never needed to understand the
    /// message (domain.md §3.2 and §8: agreements add local data).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
}

impl MessageBody for ServiceNotice {
    const TYPE: MessageType = MessageType::FamilyPlanningServiceNotice;
}

impl ServiceNotice {
    /// A `contraception_status` notice about the person.
    #[must_use]
    pub fn contraception_status(
        person: Person,
        contraception: Contraception,
        issued_on: impl Into<String>,
    ) -> Self {
        Self {
            kind: ServiceNoticeKind::ContraceptionStatus,
            person: Some(person),
            contraception: Some(contraception),
            services: None,
            statistics: None,
            issued_on: issued_on.into(),
            attachments: None,
            extensions: None,
        }
    }

    /// A `services` notice: the services given to the person (at least one).
    #[must_use]
    pub fn services(
        person: Person,
        services: Vec<ServiceRecord>,
        issued_on: impl Into<String>,
    ) -> Self {
        Self {
            kind: ServiceNoticeKind::Services,
            person: Some(person),
            contraception: None,
            services: Some(services),
            statistics: None,
            issued_on: issued_on.into(),
            attachments: None,
            extensions: None,
        }
    }

    /// A periodic `statistics` notice (B8).
    #[must_use]
    pub fn statistics(statistics: ServiceStatistics, issued_on: impl Into<String>) -> Self {
        Self {
            kind: ServiceNoticeKind::Statistics,
            person: None,
            contraception: None,
            services: None,
            statistics: Some(statistics),
            issued_on: issued_on.into(),
            attachments: None,
            extensions: None,
        }
    }
}

/// 类型 — contraception_status (art. 13), services (art. 10–11) or statistics (B8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceNoticeKind {
    /// 避孕节育情况 — Contraception status (art. 13).
    ContraceptionStatus,
    /// 服务提供情况 — Free services provided (art. 10–11).
    Services,
    /// 统计 — Periodic statistics under an agreement (B8).
    Statistics,
}

/// 服务项目 — One service given to the person, with its date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceRecord {
    /// 服务项目 — Service provided (education, contraceptives, technical service, leave …).
    pub service: String,
    /// 日期 — Date provided.
    ///
    /// Format: `YYYY-MM-DD`.
    pub date: String,
}

impl ServiceRecord {
    /// A service given on `date` (`YYYY-MM-DD`).
    #[must_use]
    pub fn new(service: impl Into<String>, date: impl Into<String>) -> Self {
        Self {
            service: service.into(),
            date: date.into(),
        }
    }
}

/// 统计数据 — Periodic statistics.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceStatistics {
    /// 统计期间 — Months covered.
    pub period: PeriodRange,
    /// 到达登记人数 — Arrival registrations (B2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arrivals: Option<u64>,
    /// 婚育证明查验数 — Certificates checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificates_checked: Option<u64>,
    /// 协查件数 — Verification requests handled (B3/B4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verifications: Option<u64>,
    /// 生育登记数 — Birth registrations (B5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub births_registered: Option<u64>,
    /// 服务人次 — Services provided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub services: Option<u64>,
}

impl ServiceStatistics {
    /// Statistics for `period`; the counts start empty.
    #[must_use]
    pub fn new(period: PeriodRange) -> Self {
        Self {
            period,
            arrivals: None,
            certificates_checked: None,
            verifications: None,
            births_registered: None,
            services: None,
        }
    }
}

/// 奖励优待通报 — B7: reward or benefit entitlement notice (奖励、优待, e.g. 独生子女父母奖励) from either place,
/// answered by a decision (accept / reject, e.g. already paid by the other place) (domain.md §3.3
/// B7).
///
/// The body of `family_planning.benefit_notice`.
///
/// Schema conditions the type does not express. The kind `decision` needs `decision`; a `rejected`
/// decision needs `reasons`. The constructors meet them; \[`MessageBody::validate`\] checks them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BenefitNotice {
    /// 类型 — notice, or decision on an answered notice.
    pub kind: BenefitNoticeKind,
    /// 本人 — The beneficiary.
    pub person: Person,
    /// 奖励优待项目 — What is due.
    pub benefit: Benefit,
    /// 处理结论 — accepted or rejected (decision).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<Decision>,
    /// 原因 — Grounds of a rejection (e.g. duplicate_record: already paid).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasons: Option<Vec<Reason>>,
    /// 附件 — Attachments: the signed PDF/paper twin of this step and supporting documents, each
    /// bound by its SHA-256 digest (domain.md §0 item 1: every step has a paper/PDF twin).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachments: Option<Vec<Attachment>>,
    /// 扩展字段 — Bilateral or local extensions, namespaced keys only; never needed to understand the
    /// message (domain.md §3.2 and §8: agreements add local data).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
}

impl MessageBody for BenefitNotice {
    const TYPE: MessageType = MessageType::FamilyPlanningBenefitNotice;
}

impl BenefitNotice {
    /// A `notice` of the person's entitlement to `benefit`.
    #[must_use]
    pub fn notice(person: Person, benefit: Benefit) -> Self {
        Self {
            kind: BenefitNoticeKind::Notice,
            person,
            benefit,
            decision: None,
            reasons: None,
            attachments: None,
            extensions: None,
        }
    }

    /// A `decision` accepting the notified benefit.
    #[must_use]
    pub fn accepted(person: Person, benefit: Benefit) -> Self {
        Self {
            kind: BenefitNoticeKind::Decision,
            decision: Some(Decision::Accepted),
            ..Self::notice(person, benefit)
        }
    }

    /// A `decision` rejecting it for these reasons (at least one), e.g. already paid.
    #[must_use]
    pub fn rejected(person: Person, benefit: Benefit, reasons: Vec<Reason>) -> Self {
        Self {
            kind: BenefitNoticeKind::Decision,
            decision: Some(Decision::Rejected),
            reasons: Some(reasons),
            ..Self::notice(person, benefit)
        }
    }
}

/// 类型 — notice, or decision on an answered notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BenefitNoticeKind {
    /// 通报 — Entitlement notice.
    Notice,
    /// 处理结果 — Decision on the answered notice.
    Decision,
}

/// 奖励优待项目 — What is due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Benefit {
    /// 项目名称 — Name of the reward or benefit.
    pub name: String,
    /// 期间 — Months covered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<PeriodRange>,
    /// 金额（分） — Amount in fen, if monetary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_fen: Option<i64>,
    /// 支付地区划 — Who pays depends on local rules (domain.md §3.3 B7).
    ///
    /// Format: six-digit GB/T 2260 code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payer_region: Option<String>,
}

impl Benefit {
    /// A benefit by name (e.g. 独生子女父母奖励).
    #[must_use]
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            period: None,
            amount_fen: None,
            payer_region: None,
        }
    }
}
