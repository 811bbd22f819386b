//! Social-insurance transfer and continuation between agencies (`social_insurance.*`,
//! domain.md §4): contribution certificate (C1) → transfer application (C2) → contact letter or
//! refusal (C3) → information table and fund transfer (C4) → completion (C5), for enterprise
//! pension (110), resident pension (170), unemployment (210) and medical insurance (310/390).
//!
//! The constructors of [`TransferInformation`] fill `transfer_fen` from the scheme's block as
//! the schema describes it; the business rules ([`crate::rules`]) check the sums.

use serde::{Deserialize, Serialize};

use super::common::{
    Address, Agency, Attachment, BankAccount, Extensions, Organisation, PeriodRange, Person,
    PersonRef, Reason, Scheme, TransferScheme,
};
use super::{MessageBody, MessageType};

/// 参保缴费凭证 — C1: contribution certificate (参保缴费凭证, + 个人账户清单) the original agency issues when the
/// person leaves; medical: 参保(合)凭证 after suspending participation (domain.md §4.1 C1, §4.2 2016
/// rules). It must verify for decades (DESIGN §6: retired keys).
///
/// The body of `social_insurance.contribution_certificate`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContributionCertificate {
    /// 凭证编号 — The certificate's number.
    pub certificate_number: String,
    /// 险种 — The scheme certified (AAE140; domain.md §1.5).
    pub scheme: Scheme,
    /// 参保人 — The insured person.
    pub person: Person,
    /// 原个人编号 — The person's number at the original agency (AAC001, at most 20 characters; domain.md
    /// §1.5, §4.1 application form).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personal_number: Option<String>,
    /// 开具日期 — Issue date (on leaving, domain.md §4.1 C1).
    ///
    /// Format: `YYYY-MM-DD`.
    pub issued_on: String,
    /// 首次参保年月 — First insured month (domain.md §4.1 信息表, personal account record).
    ///
    /// Format: `YYYY-MM`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_insured_month: Option<String>,
    /// 本地参保期间 — Local insured periods `YYYY-MM`–`YYYY-MM` (domain.md §4.1 信息表; §4.4: no overlap
    /// within a scheme, Σ months = stated contribution months — rules).
    pub insured_periods: Vec<PeriodRange>,
    /// 实际缴费月数 — Actual contribution months (= Σ months of insured_periods, rule; domain.md §4.4).
    pub contribution_months: u32,
    /// 视同缴费月数 — Deemed contribution time (视同缴费年限) in months (domain.md §4.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deemed_contribution_months: Option<u32>,
    /// 参保状态 — AAC031 payment status: active (1 参保缴费), suspended (2 暂停缴费), terminated (3 终止缴费)
    /// (domain.md §1.5).
    pub participation_status: ParticipationStatus,
    /// 中止参保日期 — Date participation was suspended (medical: 已中止参保, domain.md §4.2).
    ///
    /// Format: `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suspended_on: Option<String>,
    /// 个人账户 — Personal account principal, interest and balance (domain.md §4.1 personal account
    /// record).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personal_account: Option<PersonalAccount>,
    /// 历年缴费基数 — Yearly contribution bases (个人账户清单, domain.md §4.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub yearly_bases: Option<Vec<YearlyBase>>,
    /// 临时缴费账户 — true = the record is a temporary contribution account (临时基本养老保险缴费账户, domain.md
    /// §4.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub temporary_account: Option<bool>,
    /// 附件 — Attachments: the signed PDF/paper twin of this step and supporting documents, each
    /// bound by its SHA-256 digest (domain.md §0 item 1: every step has a paper/PDF twin).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachments: Option<Vec<Attachment>>,
    /// 扩展字段 — Bilateral or local extensions, namespaced keys only; never needed to understand the
    /// message (domain.md §3.2 and §8: agreements add local data).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
}

impl MessageBody for ContributionCertificate {
    const TYPE: MessageType = MessageType::SocialInsuranceContributionCertificate;
}

impl ContributionCertificate {
    /// A certificate: number, scheme, person, issue date, insured periods (at least one),
    /// contribution months and participation status.
    #[must_use]
    pub fn new(
        certificate_number: impl Into<String>,
        scheme: Scheme,
        person: Person,
        issued_on: impl Into<String>,
        insured_periods: Vec<PeriodRange>,
        contribution_months: u32,
        participation_status: ParticipationStatus,
    ) -> Self {
        Self {
            certificate_number: certificate_number.into(),
            scheme,
            person,
            personal_number: None,
            issued_on: issued_on.into(),
            first_insured_month: None,
            insured_periods,
            contribution_months,
            deemed_contribution_months: None,
            participation_status,
            suspended_on: None,
            personal_account: None,
            yearly_bases: None,
            temporary_account: None,
            attachments: None,
            extensions: None,
        }
    }
}

/// 参保状态 — AAC031 payment status: active (1 参保缴费), suspended (2 暂停缴费), terminated (3 终止缴费)
/// (domain.md §1.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParticipationStatus {
    /// 参保缴费 — AAC031 = 1.
    Active,
    /// 暂停缴费 — AAC031 = 2.
    Suspended,
    /// 终止缴费 — AAC031 = 3.
    Terminated,
}

/// 个人账户 — Personal account principal, interest and balance (domain.md §4.1 personal account
/// record).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonalAccount {
    /// 本金（分） — Principal credited to the personal account, fen.
    pub principal_fen: i64,
    /// 利息（分） — Accumulated interest, fen.
    pub interest_fen: i64,
    /// 储存额（分） — Balance = principal + interest (rule), fen (domain.md §4.1 art. 4).
    pub balance_fen: i64,
    /// 截至日期 — Date the balance refers to.
    ///
    /// Format: `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
}

impl PersonalAccount {
    /// An account with its principal and interest; `balance_fen` is their sum.
    #[must_use]
    pub fn new(principal_fen: i64, interest_fen: i64) -> Self {
        Self {
            principal_fen,
            interest_fen,
            balance_fen: principal_fen.saturating_add(interest_fen),
            as_of: None,
        }
    }
}

/// 历年缴费基数 — The contribution months and base of one calendar year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YearlyBase {
    /// 年度 — Calendar year.
    pub year: u32,
    /// 缴费月数 — Months contributed in the year (1–12).
    pub months: u32,
    /// 缴费基数合计（分） — Σ monthly contribution bases of the year, fen.
    pub base_fen: i64,
}

impl YearlyBase {
    /// The contribution months and base (fen) of one year.
    #[must_use]
    pub fn new(year: u32, months: u32, base_fen: i64) -> Self {
        Self {
            year,
            months,
            base_fen,
        }
    }
}

/// 关系转移接续申请 — C2: the transfer application (基本养老保险关系转移接续申请表 and its medical/unemployment
/// counterparts) as received by one agency (counter, online platform, app) and forwarded to the
/// agency that acts next (domain.md §4.1 C2 and application-form fields \[S11\]; §4.2 2021:
/// application at either agency; §4.3).
///
/// The body of `social_insurance.transfer_application`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransferApplication {
    /// 申请编号 — The receiving agency's reference.
    pub application_number: String,
    /// 险种 — The scheme transferred (AAE140/insutype; domain.md §1.5).
    pub scheme: TransferScheme,
    /// 申请人 — The insured person.
    pub person: Person,
    /// 原个人编号 — The person's number at the original agency (AAC001, at most 20 characters; domain.md
    /// §1.5, §4.1 application form).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personal_number: Option<String>,
    /// 户籍地区划 — County code of the hukou (benefit-place and temporary-account rules, domain.md
    /// §4.1).
    ///
    /// Format: six-digit GB/T 2260 code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hukou_region: Option<String>,
    /// 转出地经办机构 — The original insuring agency: division code (原参保地社保机构行政区划代码) and name (domain.md
    /// §4.1 application form).
    pub original_agency: Agency,
    /// 转入地经办机构 — The agency of the new place.
    pub new_agency: Agency,
    /// 转入地参保年月 — First insured month at the new place (application only after joining and paying
    /// there, domain.md §4.1 C2; §4.2).
    ///
    /// Format: `YYYY-MM`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_insured_since: Option<String>,
    /// 现工作单位 — Employer at the new place, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_employer: Option<Organisation>,
    /// 申请日期 — Date the application was received (deadline basis of the contact letter, domain.md
    /// §4.1 C3).
    ///
    /// Format: `YYYY-MM-DD`.
    pub applied_on: String,
    /// 申请渠道 — counter, national online platform or mobile app (domain.md §4.1 Online, §4.2).
    pub channel: ApplicationChannel,
    /// 联系方式 — The applicant's phone and address (domain.md §4.1 application form).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<ApplicantContact>,
    /// 代办人 — Optional proxy (代办人) (domain.md §4.1 application form).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proxy: Option<Proxy>,
    /// 临时缴费账户转移 — true = the transfer moves an existing temporary contribution account
    /// (临时基本养老保险缴费账户), e.g. back to the original insured place or the benefit place
    /// (国办发〔2009〕66号 art. 6: 转移归集到原参保地或待遇领取地; domain.md §4.1). Never age-checked
    /// (LL-RULE-012). Opening a new temporary account at the new place is
    /// `opens_temporary_account`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub temporary_account: Option<bool>,
    /// 转入地建立临时缴费账户 — true = the new place opens a temporary contribution account for this
    /// person: a cross-province move, not to the hukou province, by a man aged 50+ or a woman
    /// aged 40+, not an organised transfer (国办发〔2009〕66号 art. 6; domain.md §4.1 \[S5\]).
    /// Checked against the age rule (LL-RULE-012).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opens_temporary_account: Option<bool>,
    /// 组织调动 — true = the move is an organised transfer (组织调动) approved by a party
    /// organisation or HRSS department at county level or above: exempt from the
    /// temporary-account age rule (国办发〔2009〕66号 art. 6; domain-review §3 item 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organised_transfer: Option<bool>,
    /// 附件 — Attachments: the signed PDF/paper twin of this step and supporting documents, each
    /// bound by its SHA-256 digest (domain.md §0 item 1: every step has a paper/PDF twin).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachments: Option<Vec<Attachment>>,
    /// 扩展字段 — Bilateral or local extensions, namespaced keys only; never needed to understand the
    /// message (domain.md §3.2 and §8: agreements add local data).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
}

impl MessageBody for TransferApplication {
    const TYPE: MessageType = MessageType::SocialInsuranceTransferApplication;
}

impl TransferApplication {
    /// An application: number, scheme, applicant, original and new agency, date and channel.
    #[must_use]
    pub fn new(
        application_number: impl Into<String>,
        scheme: TransferScheme,
        person: Person,
        original_agency: Agency,
        new_agency: Agency,
        applied_on: impl Into<String>,
        channel: ApplicationChannel,
    ) -> Self {
        Self {
            application_number: application_number.into(),
            scheme,
            person,
            personal_number: None,
            hukou_region: None,
            original_agency,
            new_agency,
            new_insured_since: None,
            new_employer: None,
            applied_on: applied_on.into(),
            channel,
            contact: None,
            proxy: None,
            temporary_account: None,
            opens_temporary_account: None,
            organised_transfer: None,
            attachments: None,
            extensions: None,
        }
    }
}

/// 申请渠道 — counter, national online platform or mobile app (domain.md §4.1 Online, §4.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicationChannel {
    /// 窗口 — At an agency counter.
    Counter,
    /// 全国社会保险公共服务平台 — National online platform.
    OnlinePlatform,
    /// 掌上12333 — Mobile app / electronic social-security card.
    MobileApp,
}

/// 联系方式 — The applicant's phone and address (domain.md §4.1 application form).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApplicantContact {
    /// 电话 — Phone.
    ///
    /// Format: digits, optional leading `+`, spaces or hyphens.
    pub phone: String,
    /// 地址 — Address with postcode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
}

impl ApplicantContact {
    /// Contact by phone.
    #[must_use]
    pub fn new(phone: impl Into<String>) -> Self {
        Self {
            phone: phone.into(),
            address: None,
        }
    }
}

/// 代办人 — Optional proxy (代办人) (domain.md §4.1 application form).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Proxy {
    /// 代办人姓名 — Name of the proxy.
    pub name: String,
    /// 代办人电话 — Phone.
    ///
    /// Format: digits, optional leading `+`, spaces or hyphens.
    pub phone: String,
    /// 与本人关系 — Relation to the insured person.
    pub relation: String,
    /// 代办人地址 — Address (with postcode).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
}

impl Proxy {
    /// A proxy by name, phone and relation to the applicant (e.g. 配偶).
    #[must_use]
    pub fn new(
        name: impl Into<String>,
        phone: impl Into<String>,
        relation: impl Into<String>,
    ) -> Self {
        Self {
            name: name.into(),
            phone: phone.into(),
            relation: relation.into(),
            address: None,
        }
    }
}

/// 联系函 — C3: contact letter (联系函, 同意接收函) from the new agency to the original agency, within 15
/// working days of the application; it carries the receiving agency's bank account for the fund
/// transfer (domain.md §4.1 C3, Contents: name, ID, bank, account name and number, address,
/// postcode, phone). Also the 联系函回执 of the temporary-account variant (§4.1 \[S10\]).
///
/// The body of `social_insurance.contact_letter`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactLetter {
    /// 联系函编号 — The letter's number.
    pub letter_number: String,
    /// 联系函类型 — consent_to_receive = 同意接收函 (C3); temporary_account_receipt = 联系函回执 of the
    /// temporary-account variant.
    pub kind: ContactLetterKind,
    /// 险种 — The scheme transferred (AAE140/insutype; domain.md §1.5).
    pub scheme: TransferScheme,
    /// 参保人 — The insured person (name and ID, domain.md §4.1).
    pub person: Person,
    /// 原个人编号 — The person's number at the original agency (AAC001, at most 20 characters; domain.md
    /// §1.5, §4.1 application form).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personal_number: Option<String>,
    /// 转入地经办机构 — The new agency with address and phone.
    pub receiving_agency: ReceivingAgency,
    /// 接收账户 — Bank account that receives the funds (开户银行, 户名, 账号).
    pub bank_account: BankAccount,
    /// 申请日期 — Date of the application (deadline basis: ≤15 wd, domain.md §4.1 C3).
    ///
    /// Format: `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_date: Option<String>,
    /// 转入地参保年月 — First insured month at the new place.
    ///
    /// Format: `YYYY-MM`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_insured_since: Option<String>,
    /// 出具日期 — Date of the letter.
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

impl MessageBody for ContactLetter {
    const TYPE: MessageType = MessageType::SocialInsuranceContactLetter;
}

impl ContactLetter {
    /// A letter: number, kind, scheme, person, receiving agency, its bank account for the
    /// funds, and the issue date.
    #[must_use]
    pub fn new(
        letter_number: impl Into<String>,
        kind: ContactLetterKind,
        scheme: TransferScheme,
        person: Person,
        receiving_agency: ReceivingAgency,
        bank_account: BankAccount,
        issued_on: impl Into<String>,
    ) -> Self {
        Self {
            letter_number: letter_number.into(),
            kind,
            scheme,
            person,
            personal_number: None,
            receiving_agency,
            bank_account,
            application_date: None,
            new_insured_since: None,
            issued_on: issued_on.into(),
            attachments: None,
            extensions: None,
        }
    }
}

/// 联系函类型 — consent_to_receive = 同意接收函 (C3); temporary_account_receipt = 联系函回执 of the
/// temporary-account variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactLetterKind {
    /// 同意接收函 — The new agency agrees to receive (C3).
    ConsentToReceive,
    /// 临时缴费账户联系函回执 — Receipt of the temporary-account contact letter (domain.md §4.1 variant).
    TemporaryAccountReceipt,
}

/// 转入地经办机构 — The new agency with address and phone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReceivingAgency {
    /// 行政区划代码 — Division code of the receiving agency.
    ///
    /// Format: six-digit GB/T 2260 code.
    pub region: String,
    /// 机构代码 — USCC or agency code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// 机构名称 — Name.
    pub name: String,
    /// 地址 — Postal address with postcode (domain.md §4.1 联系函).
    pub address: Address,
    /// 联系电话 — Phone (domain.md §4.1 联系函).
    ///
    /// Format: digits, optional leading `+`, spaces or hyphens.
    pub phone: String,
}

impl ReceivingAgency {
    /// The agency's region code, name, postal address and phone.
    #[must_use]
    pub fn new(
        region: impl Into<String>,
        name: impl Into<String>,
        address: Address,
        phone: impl Into<String>,
    ) -> Self {
        Self {
            region: region.into(),
            code: None,
            name: name.into(),
            address,
            phone: phone.into(),
        }
    }
}

/// 不予受理说明 — C3 alternative: when the transfer conditions are not met the agency gives a written
/// explanation (书面说明) instead of the contact letter (domain.md §4.1 C3, §0 item 3).
///
/// The body of `social_insurance.application_refusal`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApplicationRefusal {
    /// 险种 — The scheme transferred (AAE140/insutype; domain.md §1.5).
    pub scheme: TransferScheme,
    /// 申请人 — The applicant.
    pub person: PersonRef,
    /// 申请编号 — The refused application's reference.
    pub application_number: String,
    /// 申请日期 — Date of the application.
    ///
    /// Format: `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_date: Option<String>,
    /// 原因 — The grounds (reason codes).
    pub reasons: Vec<Reason>,
    /// 书面说明 — The written explanation given to the applicant.
    pub explanation: String,
    /// 告知日期 — Date the applicant was informed.
    ///
    /// Format: `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applicant_notified_on: Option<String>,
    /// 附件 — Attachments: the signed PDF/paper twin of this step and supporting documents, each
    /// bound by its SHA-256 digest (domain.md §0 item 1: every step has a paper/PDF twin).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachments: Option<Vec<Attachment>>,
    /// 扩展字段 — Bilateral or local extensions, namespaced keys only; never needed to understand the
    /// message (domain.md §3.2 and §8: agreements add local data).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
}

impl MessageBody for ApplicationRefusal {
    const TYPE: MessageType = MessageType::SocialInsuranceApplicationRefusal;
}

impl ApplicationRefusal {
    /// A refusal of the application: scheme, applicant, application number, reasons (at
    /// least one) and the written explanation (书面说明).
    #[must_use]
    pub fn new(
        scheme: TransferScheme,
        person: PersonRef,
        application_number: impl Into<String>,
        reasons: Vec<Reason>,
        explanation: impl Into<String>,
    ) -> Self {
        Self {
            scheme,
            person,
            application_number: application_number.into(),
            application_date: None,
            reasons,
            explanation: explanation.into(),
            applicant_notified_on: None,
            attachments: None,
            extensions: None,
        }
    }
}

/// 参保信息表 — C4: the transfer information table (信息表) from the original agency, with per-year rows,
/// personal account, pooled fund and totals; the funds travel separately (fund_transfer) and must
/// match transfer_fen (domain.md §0 item 2, §4.1 C4 and 信息表 contents; medical 参保人员基本医疗保险信息表 §4.2;
/// unemployment §4.3). Partial acceptance: withheld periods with reasons, all other compliant years
/// still transferred (§4.1). Rounding (normative, domain.md §4.1/§4.4 leave it to the format):
/// every per-year amount is rounded half up to the fen on its own row, computed in integers —
/// pooled_fund_fen = (base_fen × 12 + 50) div 100 for years ≥ 1998 (0 before 1998),
/// personal_account_fen = (base_fen × r + 50) div 100 with r = 11 for 1998–2005 and 8 from 2006
/// (recording-rate normalisation); totals are the exact sums of the rows, never rounded again.
/// Rates are rule parameters (defaults above). Worked example (domain.md §4.1): 12 months at ¥5,000
/// → base_fen 6,000,000 → pooled_fund_fen 720,000.
///
/// The body of `social_insurance.transfer_information`.
///
/// Schema conditions the type does not express. Scheme 110 needs `years` and `totals`, 170
/// `personal_account`, 210 `unemployment`, 310 and 390 `medical`. The constructors meet them;
/// \[`MessageBody::validate`\] checks them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransferInformation {
    /// 信息表编号 — The table's number.
    pub information_number: String,
    /// 险种 — The scheme transferred (AAE140/insutype; domain.md §1.5).
    pub scheme: TransferScheme,
    /// 参保人 — The insured person.
    pub person: Person,
    /// 原个人编号 — The person's number at the original agency (AAC001, at most 20 characters; domain.md
    /// §1.5, §4.1 application form).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personal_number: Option<String>,
    /// 首次参保年月 — First insured month.
    ///
    /// Format: `YYYY-MM`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_insured_month: Option<String>,
    /// 本地参保期间 — Local insured periods `YYYY-MM`–`YYYY-MM` (domain.md §4.1 信息表; §4.4: no overlap
    /// within a scheme, Σ months = stated contribution months — rules).
    pub insured_periods: Vec<PeriodRange>,
    /// 视同缴费月数 — 视同缴费年限 in months; computed at the benefit place (domain.md §4.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deemed_contribution_months: Option<u32>,
    /// 临时缴费账户 — true = temporary contribution account: all employer and individual contributions
    /// with interest are transferred (domain.md §4.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub temporary_account: Option<bool>,
    /// 分年度明细 — One row per calendar year (pension). Rounding (normative, domain.md §4.1/§4.4 leave
    /// it to the format): every per-year amount is rounded half up to the fen on its own row,
    /// computed in integers — pooled_fund_fen = (base_fen × 12 + 50) div 100 for years ≥ 1998 (0
    /// before 1998), personal_account_fen = (base_fen × r + 50) div 100 with r = 11 for 1998–2005
    /// and 8 from 2006 (recording-rate normalisation); totals are the exact sums of the rows, never
    /// rounded again. Rates are rule parameters (defaults above). Worked example (domain.md §4.1):
    /// 12 months at ¥5,000 → base_fen 6,000,000 → pooled_fund_fen 720,000.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years: Option<Vec<PensionYear>>,
    /// 合计 — Totals = exact sums of the rows (pension).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub totals: Option<PensionTotals>,
    /// 个人账户 — Personal account (resident pension 170: only the balance moves, domain.md §4.1 城乡衔接).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personal_account: Option<PersonalAccount>,
    /// 失业保险 — Unemployment block (scheme 210): transfer = remaining benefit + half of it (1.5×,
    /// domain.md §4.3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unemployment: Option<UnemploymentDetails>,
    /// 医疗保险 — Medical block (schemes 310/390, domain.md §4.2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub medical: Option<MedicalDetails>,
    /// 一次性补缴 — One-off back-payment segments with their documents (domain.md §4.1 \[S8\]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub back_payments: Option<Vec<BackPayment>>,
    /// 不予转移期间 — Periods not transferred, with reasons; non-empty = partial (domain.md §4.1, §0 item
    /// 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withheld_periods: Option<Vec<WithheldPeriod>>,
    /// 转移总额（分） — Total amount transferred, fen: pension = personal_account_balance_fen +
    /// pooled_fund_fen (temporary account: all contributions with interest); 170 = account balance;
    /// 210 = remaining_benefit_fen + supplementary_fen; medical = account balance (0 if none). Must
    /// equal the fund_transfer amount (domain.md §4.4).
    pub transfer_fen: i64,
    /// 终止本地关系日期 — Date the local relation was terminated (domain.md §4.1 C4).
    ///
    /// Format: `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relation_terminated_on: Option<String>,
    /// 出具日期 — Date of the table.
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

impl MessageBody for TransferInformation {
    const TYPE: MessageType = MessageType::SocialInsuranceTransferInformation;
}

impl TransferInformation {
    fn base(
        information_number: String,
        scheme: TransferScheme,
        person: Person,
        insured_periods: Vec<PeriodRange>,
        transfer_fen: i64,
        issued_on: String,
    ) -> Self {
        Self {
            information_number,
            scheme,
            person,
            personal_number: None,
            first_insured_month: None,
            insured_periods,
            deemed_contribution_months: None,
            temporary_account: None,
            years: None,
            totals: None,
            personal_account: None,
            unemployment: None,
            medical: None,
            back_payments: None,
            withheld_periods: None,
            transfer_fen,
            relation_terminated_on: None,
            issued_on,
            attachments: None,
            extensions: None,
        }
    }

    /// Enterprise pension (110): per-year rows (at least one) and their totals;
    /// `transfer_fen` = personal-account balance + pooled fund. For a temporary account
    /// (all contributions with interest move) set `temporary_account` and `transfer_fen`
    /// yourself.
    #[must_use]
    pub fn pension(
        information_number: impl Into<String>,
        person: Person,
        insured_periods: Vec<PeriodRange>,
        years: Vec<PensionYear>,
        totals: PensionTotals,
        issued_on: impl Into<String>,
    ) -> Self {
        let transfer_fen = totals
            .personal_account_balance_fen
            .saturating_add(totals.pooled_fund_fen);
        Self {
            years: Some(years),
            totals: Some(totals),
            ..Self::base(
                information_number.into(),
                TransferScheme::EnterprisePension,
                person,
                insured_periods,
                transfer_fen,
                issued_on.into(),
            )
        }
    }

    /// Resident pension (170): only the personal-account balance moves (`transfer_fen`).
    #[must_use]
    pub fn resident_pension(
        information_number: impl Into<String>,
        person: Person,
        insured_periods: Vec<PeriodRange>,
        personal_account: PersonalAccount,
        issued_on: impl Into<String>,
    ) -> Self {
        let transfer_fen = personal_account.balance_fen;
        Self {
            personal_account: Some(personal_account),
            ..Self::base(
                information_number.into(),
                TransferScheme::ResidentPension,
                person,
                insured_periods,
                transfer_fen,
                issued_on.into(),
            )
        }
    }

    /// Unemployment (210): `transfer_fen` = remaining benefit + supplementary amount (1.5×), 0
    /// for a relation-only block ([`UnemploymentDetails::relation_only`]).
    #[must_use]
    pub fn unemployment(
        information_number: impl Into<String>,
        person: Person,
        insured_periods: Vec<PeriodRange>,
        unemployment: UnemploymentDetails,
        issued_on: impl Into<String>,
    ) -> Self {
        // A relation-only block moves no money (0).
        let transfer_fen = unemployment
            .remaining_benefit_fen
            .unwrap_or(0)
            .saturating_add(unemployment.supplementary_fen.unwrap_or(0));
        Self {
            unemployment: Some(unemployment),
            ..Self::base(
                information_number.into(),
                TransferScheme::Unemployment,
                person,
                insured_periods,
                transfer_fen,
                issued_on.into(),
            )
        }
    }

    /// Medical insurance (`scheme` 310 or 390): `transfer_fen` = the personal-account balance
    /// moved, 0 if none.
    #[must_use]
    pub fn medical(
        information_number: impl Into<String>,
        scheme: MedicalScheme,
        person: Person,
        insured_periods: Vec<PeriodRange>,
        medical: MedicalDetails,
        issued_on: impl Into<String>,
    ) -> Self {
        let transfer_fen = medical.personal_account_balance_fen.unwrap_or(0);
        Self {
            medical: Some(medical),
            ..Self::base(
                information_number.into(),
                scheme.into(),
                person,
                insured_periods,
                transfer_fen,
                issued_on.into(),
            )
        }
    }
}

/// The two medical schemes of [`TransferInformation::medical`] and of
/// [`MedicalContinuity::scheme`] (serialised as `"310"` / `"390"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MedicalScheme {
    /// 职工基本医疗保险 — Employees' basic medical insurance (310).
    #[serde(rename = "310")]
    EmployeeMedical,
    /// 城乡居民基本医疗保险 — Urban and rural residents' basic medical insurance (390).
    #[serde(rename = "390")]
    ResidentMedical,
}

impl From<MedicalScheme> for TransferScheme {
    fn from(scheme: MedicalScheme) -> Self {
        match scheme {
            MedicalScheme::EmployeeMedical => Self::EmployeeMedical,
            MedicalScheme::ResidentMedical => Self::ResidentMedical,
        }
    }
}

/// 分年度明细 — One calendar year of the information table: months, contribution base, personal-account
/// credit and pooled-fund amount (domain.md §4.1 信息表).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PensionYear {
    /// 年度 — Calendar year of the row; one row per year, ascending.
    pub year: u32,
    /// 缴费月数 — Months contributed in the year (1–12); partial years by actual months.
    pub months: u32,
    /// 缴费基数合计（分） — Σ of the year's actual monthly contribution bases, fen.
    pub base_fen: i64,
    /// 个人账户记账额（分） — Amount credited to the personal account for the year at the normalised
    /// recording rate, rounded half up per row. Rounding (normative, domain.md §4.1/§4.4 leave it
    /// to the format): every per-year amount is rounded half up to the fen on its own row, computed
    /// in integers — pooled_fund_fen = (base_fen × 12 + 50) div 100 for years ≥ 1998 (0 before
    /// 1998), personal_account_fen = (base_fen × r + 50) div 100 with r = 11 for 1998–2005 and 8
    /// from 2006 (recording-rate normalisation); totals are the exact sums of the rows, never
    /// rounded again. Rates are rule parameters (defaults above). Worked example (domain.md §4.1):
    /// 12 months at ¥5,000 → base_fen 6,000,000 → pooled_fund_fen 720,000.
    pub personal_account_fen: i64,
    /// 统筹基金转移额（分） — Pooled-fund amount of the year = 12% of base_fen rounded half up (0 before
    /// 1998). Rounding (normative, domain.md §4.1/§4.4 leave it to the format): every per-year
    /// amount is rounded half up to the fen on its own row, computed in integers — pooled_fund_fen
    /// = (base_fen × 12 + 50) div 100 for years ≥ 1998 (0 before 1998), personal_account_fen =
    /// (base_fen × r + 50) div 100 with r = 11 for 1998–2005 and 8 from 2006 (recording-rate
    /// normalisation); totals are the exact sums of the rows, never rounded again. Rates are rule
    /// parameters (defaults above). Worked example (domain.md §4.1): 12 months at ¥5,000 → base_fen
    /// 6,000,000 → pooled_fund_fen 720,000.
    pub pooled_fund_fen: i64,
    /// 个人账户利息（分） — Interest credited for the year, if itemised.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interest_fen: Option<i64>,
    /// 单位缴费（分） — Employer contributions of the year — temporary accounts transfer all contributions
    /// with interest (domain.md §4.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employer_contribution_fen: Option<i64>,
}

impl PensionYear {
    /// One year: months paid, contribution base, personal-account credit and pooled-fund
    /// amount (all fen).
    #[must_use]
    pub fn new(
        year: u32,
        months: u32,
        base_fen: i64,
        personal_account_fen: i64,
        pooled_fund_fen: i64,
    ) -> Self {
        Self {
            year,
            months,
            base_fen,
            personal_account_fen,
            pooled_fund_fen,
            interest_fen: None,
            employer_contribution_fen: None,
        }
    }
}

/// 合计 — Totals = exact sums of the rows (pension).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PensionTotals {
    /// 缴费月数合计 — Σ rows.months (= months of insured_periods, rule).
    pub contribution_months: u32,
    /// 缴费基数总额（分） — Σ rows.base_fen.
    pub base_fen: i64,
    /// 个人账户记账额合计（分） — Σ rows.personal_account_fen.
    pub personal_account_fen: i64,
    /// 统筹基金转移额合计（分） — Σ rows.pooled_fund_fen — no rounding at total level.
    pub pooled_fund_fen: i64,
    /// 个人账户储存额（分） — Personal-account balance transferred: before 1998 personal contributions with
    /// interest, from 1998 the whole balance (domain.md §4.1 art. 4).
    pub personal_account_balance_fen: i64,
    /// 单位缴费合计（分） — Σ rows.employer_contribution_fen (temporary accounts).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employer_contribution_fen: Option<i64>,
}

impl PensionTotals {
    /// The totals of `years` (months, base, personal account, pooled fund and, if any row has
    /// one, employer contributions) with the personal-account balance transferred.
    #[must_use]
    pub fn sum(years: &[PensionYear], personal_account_balance_fen: i64) -> Self {
        let employer = years
            .iter()
            .any(|y| y.employer_contribution_fen.is_some())
            .then(|| {
                years.iter().fold(0i64, |a, y| {
                    a.saturating_add(y.employer_contribution_fen.unwrap_or(0))
                })
            });
        Self {
            contribution_months: years.iter().fold(0u32, |a, y| a.saturating_add(y.months)),
            base_fen: years.iter().fold(0i64, |a, y| a.saturating_add(y.base_fen)),
            personal_account_fen: years
                .iter()
                .fold(0i64, |a, y| a.saturating_add(y.personal_account_fen)),
            pooled_fund_fen: years
                .iter()
                .fold(0i64, |a, y| a.saturating_add(y.pooled_fund_fen)),
            personal_account_balance_fen,
            employer_contribution_fen: employer,
        }
    }
}

/// 失业保险 — Unemployment block (scheme 210). A claimant moving across provinces (领取失业保险金期间跨省):
/// transfer = remaining benefit + half of it (1.5×, 部长令8号 art. 22; within a province the
/// province decides, art. 23; domain.md §4.3). An employed worker changing jobs across provinces
/// (`relation_only`): the relation and contribution years move, no money (社会保险法 art. 52,
/// 只转关系不转钱); then only `contribution_months` is required and `transfer_fen` is 0.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnemploymentDetails {
    /// 累计缴费月数 — Accumulated contribution months (tier lookup; domain.md §4.3 art. 17).
    pub contribution_months: u32,
    /// 只转关系 — true = an employed worker changing jobs: only the relation and the contribution
    /// years are transferred, no benefit and no money (社会保险法 art. 52); the benefit members
    /// are then omitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relation_only: Option<bool>,
    /// 应领月数 — Months of benefit granted by the paying province's table: at most the national
    /// maximum of 失业保险条例 art. 17 (12/18/24 by contribution years, cap 24), plus carried-over
    /// months (rule parameters). Required unless `relation_only`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entitled_months: Option<u32>,
    /// 结转月数 — Months of an earlier, unused entitlement included in `entitled_months` (失业保险条例
    /// art. 17). When stated, entitled months above the national maximum are an error; when
    /// absent, a warning.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carried_over_months: Option<u32>,
    /// 已领月数 — Months already drawn. Required unless `relation_only`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drawn_months: Option<u32>,
    /// 剩余月数 — entitled − drawn (rule). Required unless `relation_only`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remaining_months: Option<u32>,
    /// 剩余失业保险金（分） — Remaining unemployment benefit, fen. Required unless `relation_only`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remaining_benefit_fen: Option<i64>,
    /// 医疗补助金及培训介绍补贴（分） — Medical subsidy + training/placement subsidies = half of
    /// remaining_benefit_fen, rounded half up to the fen (部长令8号; domain.md §4.3). Required
    /// unless `relation_only`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supplementary_fen: Option<i64>,
}

impl UnemploymentDetails {
    /// A claimant's block from contribution months, entitled and drawn months and the
    /// remaining benefit: `remaining_months` = entitled − drawn, `supplementary_fen` = half
    /// the remaining benefit rounded half up (domain.md §4.3).
    #[must_use]
    pub fn new(
        contribution_months: u32,
        entitled_months: u32,
        drawn_months: u32,
        remaining_benefit_fen: i64,
    ) -> Self {
        Self {
            contribution_months,
            relation_only: None,
            entitled_months: Some(entitled_months),
            carried_over_months: None,
            drawn_months: Some(drawn_months),
            remaining_months: Some(entitled_months.saturating_sub(drawn_months)),
            remaining_benefit_fen: Some(remaining_benefit_fen),
            supplementary_fen: Some(remaining_benefit_fen / 2 + remaining_benefit_fen % 2),
        }
    }

    /// An employed worker's relation-only block (只转关系不转钱, 社会保险法 art. 52): the
    /// contribution months move, no benefit; the information table's `transfer_fen` is 0.
    #[must_use]
    pub fn relation_only(contribution_months: u32) -> Self {
        Self {
            contribution_months,
            relation_only: Some(true),
            entitled_months: None,
            carried_over_months: None,
            drawn_months: None,
            remaining_months: None,
            remaining_benefit_fen: None,
            supplementary_fen: None,
        }
    }
}

/// 医疗保险 — Medical block (schemes 310/390, domain.md §4.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MedicalDetails {
    /// 累计缴费月数 — Employee-medical contribution months recorded in the 信息表; they accumulate at the
    /// new place (domain.md §4.2).
    pub contribution_months: u32,
    /// 连续参保月数 — Months of continuous insurance up to suspension (2-year test when switching
    /// schemes, domain.md §4.2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub continuous_months: Option<u32>,
    /// 军龄月数 — Military service months counted as employee-medical months (domain.md §4.2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub military_service_months: Option<u32>,
    /// 最后缴费年月 — Last month paid (gap and waiting-period rules, domain.md §4.2).
    ///
    /// Format: `YYYY-MM`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_contribution_month: Option<String>,
    /// 中止参保日期 — Participation suspended on (sender check 已中止参保, domain.md §4.2).
    ///
    /// Format: `YYYY-MM-DD`.
    pub suspended_on: String,
    /// 个人账户余额（分） — Personal-account balance transferred, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personal_account_balance_fen: Option<i64>,
}

impl MedicalDetails {
    /// Contribution months and the date participation was suspended.
    #[must_use]
    pub fn new(contribution_months: u32, suspended_on: impl Into<String>) -> Self {
        Self {
            contribution_months,
            continuous_months: None,
            military_service_months: None,
            last_contribution_month: None,
            suspended_on: suspended_on.into(),
            personal_account_balance_fen: None,
        }
    }
}

/// 一次性补缴 — One one-off back-payment segment and the document it rests on (domain.md §4.1 \[S8\]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BackPayment {
    /// 补缴期间 — Months covered by the back-payment.
    pub period: PeriodRange,
    /// 补缴月数 — Months.
    pub months: u32,
    /// 补缴日期 — Date of the one-off payment.
    ///
    /// Format: `YYYY-MM-DD`.
    pub paid_on: String,
    /// 依据文书 — Required when the back-payment covers three years or more (domain.md §4.1 \[S8\]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_document: Option<LegalDocument>,
}

impl BackPayment {
    /// A back-payment covering `period` (`months` months), paid on `paid_on`.
    #[must_use]
    pub fn new(period: PeriodRange, months: u32, paid_on: impl Into<String>) -> Self {
        Self {
            period,
            months,
            paid_on: paid_on.into(),
            legal_document: None,
        }
    }
}

/// 依据文书 — Required when the back-payment covers three years or more (domain.md §4.1 \[S8\]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LegalDocument {
    /// 文书类型 — commitment (承诺书, before 部规5号) or a legal document created before the payment
    /// (domain.md §4.1 \[S8\]).
    pub kind: LegalDocumentKind,
    /// 文书编号 — Document number.
    pub number: String,
    /// 文书日期 — Date of the document (must precede the payment, rule).
    ///
    /// Format: `YYYY-MM-DD`.
    pub dated: String,
}

impl LegalDocument {
    /// A document of this kind, number and date.
    #[must_use]
    pub fn new(
        kind: LegalDocumentKind,
        number: impl Into<String>,
        dated: impl Into<String>,
    ) -> Self {
        Self {
            kind,
            number: number.into(),
            dated: dated.into(),
        }
    }
}

/// 文书类型 — commitment (承诺书, before 部规5号) or a legal document created before the payment (domain.md
/// §4.1 \[S8\]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LegalDocumentKind {
    /// 承诺书 — Written commitment of the sender.
    Commitment,
    /// 法院文书 — Court judgment or ruling.
    Court,
    /// 审计文书 — Audit document.
    Audit,
    /// 劳动保障监察文书 — Labour-inspection document.
    LabourInspection,
    /// 仲裁文书 — Arbitration award.
    Arbitration,
}

/// 不予转移期间 — One period not transferred, with its reason (domain.md §4.1, §0 item 3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WithheldPeriod {
    /// 不予转移期间 — Months withheld.
    pub period: PeriodRange,
    /// 月数 — Months withheld.
    pub months: u32,
    /// 原因 — Why (e.g. back_payment_without_legal_document).
    pub reason: Reason,
    /// 告知本人日期 — Date the person was informed: within 10 working days of receiving the contact
    /// letter (parameter; domain.md §4.1 Other rules).
    ///
    /// Format: `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person_notified_on: Option<String>,
}

impl WithheldPeriod {
    /// `period` (`months` months) is not transferred, for `reason`.
    #[must_use]
    pub fn new(period: PeriodRange, months: u32, reason: Reason) -> Self {
        Self {
            period,
            months,
            reason,
            person_notified_on: None,
        }
    }
}

/// 基金划转 — C4 funds: the bank transfer (基金划转, 划转表) announced with its payment reference and exact
/// amount in fen; the receiver completes only when information and money match (信息、资金匹配一致)
/// (domain.md §0 item 2, §4.1 C4, §4.4).
///
/// The body of `social_insurance.fund_transfer`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FundTransfer {
    /// 险种 — The scheme transferred (AAE140/insutype; domain.md §1.5).
    pub scheme: TransferScheme,
    /// 参保人 — The insured person.
    pub person: PersonRef,
    /// 信息表消息 — Id of the transfer_information message the funds belong to.
    ///
    /// Format: lowercase hyphenated UUID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub information_id: Option<String>,
    /// 划转凭证号 — Bank payment reference (流水号) identifying the transfer.
    pub payment_reference: String,
    /// 划转金额（分） — Amount transferred; must equal transfer_fen of the 信息表 (rule
    /// rule.amount_mismatch).
    pub amount_fen: i64,
    /// 划转构成 — Split of the amount (Σ = amount_fen, rule).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub components: Option<FundComponents>,
    /// 划转日期 — Value date of the transfer.
    ///
    /// Format: `YYYY-MM-DD`.
    pub paid_on: String,
    /// 付款账户 — The original agency's account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payer_account: Option<BankAccount>,
    /// 收款账户 — The account of the contact letter.
    pub payee_account: BankAccount,
    /// 附件 — Attachments: the signed PDF/paper twin of this step and supporting documents, each
    /// bound by its SHA-256 digest (domain.md §0 item 1: every step has a paper/PDF twin).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachments: Option<Vec<Attachment>>,
    /// 扩展字段 — Bilateral or local extensions, namespaced keys only; never needed to understand the
    /// message (domain.md §3.2 and §8: agreements add local data).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
}

impl MessageBody for FundTransfer {
    const TYPE: MessageType = MessageType::SocialInsuranceFundTransfer;
}

impl FundTransfer {
    /// A transfer: scheme, person, payment reference, amount (fen), payment date and the
    /// receiving account (the one of the contact letter).
    #[must_use]
    pub fn new(
        scheme: TransferScheme,
        person: PersonRef,
        payment_reference: impl Into<String>,
        amount_fen: i64,
        paid_on: impl Into<String>,
        payee_account: BankAccount,
    ) -> Self {
        Self {
            scheme,
            person,
            information_id: None,
            payment_reference: payment_reference.into(),
            amount_fen,
            components: None,
            paid_on: paid_on.into(),
            payer_account: None,
            payee_account,
            attachments: None,
            extensions: None,
        }
    }
}

/// 划转构成 — Split of the amount (Σ = amount_fen, rule).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FundComponents {
    /// 个人账户部分（分） — Personal-account part.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personal_account_fen: Option<i64>,
    /// 统筹基金部分（分） — Pooled-fund part.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pooled_fund_fen: Option<i64>,
    /// 临时账户部分（分） — Temporary-account contributions with interest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub temporary_account_fen: Option<i64>,
    /// 失业保险部分（分） — Unemployment funds (1.5× remaining benefit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unemployment_fen: Option<i64>,
}

/// 转移接续办结 — C5: the new agency reports completion after matching information and money (≤15 working
/// days; medical 2021: ≤5), or a mismatch query to the original agency (domain.md §4.1 C5, §4.2,
/// §4.4); 先转后清 clearing of duplicates is reported here (§4.1 Overlap).
///
/// The body of `social_insurance.transfer_completion`.
///
/// Schema conditions the type does not express. `completed` needs `completed_on` and
/// `received_fen`; `mismatch` needs `mismatches`. The constructors meet them;
/// \[`MessageBody::validate`\] checks them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransferCompletion {
    /// 险种 — The scheme transferred (AAE140/insutype; domain.md §1.5).
    pub scheme: TransferScheme,
    /// 参保人 — The insured person.
    pub person: PersonRef,
    /// 办理结果 — completed, or mismatch (query to the original agency).
    pub status: CompletionStatus,
    /// 信息表消息 — Id of the transfer_information message.
    ///
    /// Format: lowercase hyphenated UUID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub information_id: Option<String>,
    /// 基金划转消息 — Id of the fund_transfer message.
    ///
    /// Format: lowercase hyphenated UUID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fund_transfer_id: Option<String>,
    /// 到账金额（分） — Amount actually received.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received_fen: Option<i64>,
    /// 划转凭证号 — Payment reference of the funds received.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_reference: Option<String>,
    /// 记录缴费月数 — Contribution months recorded at the new place (after clearing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credited_months: Option<u32>,
    /// 办结日期 — Date completed.
    ///
    /// Format: `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed_on: Option<String>,
    /// 不符情况 — What does not match (e.g. amount_mismatch, data_inconsistent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mismatches: Option<Vec<Reason>>,
    /// 重复缴费清理 — 先转后清: overlapping periods cleared after transfer (domain.md §4.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overlap_clearing: Option<Vec<OverlapClearing>>,
    /// 医保待遇衔接 — Benefit continuity after the transfer (domain.md §4.2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub medical_continuity: Option<MedicalContinuity>,
    /// 附件 — Attachments: the signed PDF/paper twin of this step and supporting documents, each
    /// bound by its SHA-256 digest (domain.md §0 item 1: every step has a paper/PDF twin).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachments: Option<Vec<Attachment>>,
    /// 扩展字段 — Bilateral or local extensions, namespaced keys only; never needed to understand the
    /// message (domain.md §3.2 and §8: agreements add local data).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
}

impl MessageBody for TransferCompletion {
    const TYPE: MessageType = MessageType::SocialInsuranceTransferCompletion;
}

impl TransferCompletion {
    /// The transfer is `completed`: `received_fen` arrived and the relation was taken over on
    /// `completed_on`.
    #[must_use]
    pub fn completed(
        scheme: TransferScheme,
        person: PersonRef,
        received_fen: i64,
        completed_on: impl Into<String>,
    ) -> Self {
        Self {
            scheme,
            person,
            status: CompletionStatus::Completed,
            information_id: None,
            fund_transfer_id: None,
            received_fen: Some(received_fen),
            payment_reference: None,
            credited_months: None,
            completed_on: Some(completed_on.into()),
            mismatches: None,
            overlap_clearing: None,
            medical_continuity: None,
            attachments: None,
            extensions: None,
        }
    }

    /// Information and money do not match: a query with the mismatches (at least one).
    #[must_use]
    pub fn mismatch(scheme: TransferScheme, person: PersonRef, mismatches: Vec<Reason>) -> Self {
        Self {
            scheme,
            person,
            status: CompletionStatus::Mismatch,
            information_id: None,
            fund_transfer_id: None,
            received_fen: None,
            payment_reference: None,
            credited_months: None,
            completed_on: None,
            mismatches: Some(mismatches),
            overlap_clearing: None,
            medical_continuity: None,
            attachments: None,
            extensions: None,
        }
    }
}

/// 办理结果 — completed, or mismatch (query to the original agency).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CompletionStatus {
    /// 已办结 — Transfer recorded at the new place.
    Completed,
    /// 信息资金不符 — Information and money do not match; see mismatches.
    Mismatch,
}

/// 重复缴费清理 — One overlapping period cleared after the transfer (先转后清, domain.md §4.1 Overlap).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OverlapClearing {
    /// 重叠期间 — Overlapping months.
    pub period: PeriodRange,
    /// 月数 — Months not double-counted.
    pub months: u32,
    /// 保留关系 — Which relation is kept (e.g. employee scheme over resident scheme, domain.md §4.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kept: Option<String>,
    /// 退还金额（分） — Personal contributions refunded for the duplicate (domain.md §4.1 先转后清).
    pub refund_fen: i64,
}

impl OverlapClearing {
    /// `period` (`months` months) overlapped; `refund_fen` was refunded.
    #[must_use]
    pub fn new(period: PeriodRange, months: u32, refund_fen: i64) -> Self {
        Self {
            period,
            months,
            kept: None,
            refund_fen,
        }
    }
}

/// 医保待遇衔接 — Benefit continuity after the transfer (domain.md §4.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MedicalContinuity {
    /// 中断月数 — Months between the last contribution and the new insurance (domain.md §4.2).
    pub gap_months: u32,
    /// 已补缴 — true = the gap was back-paid at the new place (the 2021 no-wait treatment of gaps
    /// up to 3 months requires it, 医保办发〔2021〕43号 "可按转入地规定补缴").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub back_paid: Option<bool>,
    /// 转入地参保险种 — Scheme joined at the new place: 310 employee or 390 resident medical
    /// insurance; absent = the scheme transferred. A different scheme is a switch (2-year test,
    /// domain.md §4.2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheme: Option<MedicalScheme>,
    /// 待遇等待期（月） — Waiting period applied. 2021 rule (医保办发〔2021〕43号): none after a gap of at
    /// most 3 months that was back-paid, otherwise up to 6 months (regional parameters);
    /// resident insurance (390) from 2025: a fixed 3 months plus 1 per year of lapse
    /// (国办发〔2024〕38号); domain.md §4.2.
    pub waiting_months: u32,
    /// 等待期待遇比例（万分比） — When benefits are paid at a reduced rate during the waiting period
    /// instead of not at all (e.g. Fujian: 50% = 5000), the rate in basis points (0–10000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reduced_rate_bp: Option<u32>,
    /// 待遇享受起始日期 — Date benefits start.
    ///
    /// Format: `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub benefits_from: Option<String>,
}

impl MedicalContinuity {
    /// The gap in months and the resulting waiting period in months.
    #[must_use]
    pub fn new(gap_months: u32, waiting_months: u32) -> Self {
        Self {
            gap_months,
            back_paid: None,
            scheme: None,
            waiting_months,
            reduced_rate_bp: None,
            benefits_from: None,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Benefit place at retirement (待遇领取地确定与归集, issue 11 item 8)

/// 退休人员类别 — Retirement category of the 2025 gradual reform (全国人大常委会 2024-09-13 决定):
/// male 60→63, female_cadre 55→58, female_worker 50→55 (the `statutory_retirement_ages` rule
/// parameter).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RetirementCategory {
    /// 男职工 — Men: original age 60.
    Male,
    /// 女职工（原55周岁） — Women whose original retirement age was 55 (management and technical
    /// posts).
    FemaleCadre,
    /// 女职工（原50周岁） — Women whose original retirement age was 50 (workers).
    FemaleWorker,
}

/// 参保地记录 — One place where the person was insured in the enterprise pension scheme (110),
/// in chronological order (the last one is the current place).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InsuredPlace {
    /// 行号 — 1-based line number, unique in the message; replies refer to it.
    pub line: u32,
    /// 参保地 — Division code of the insuring agency's area (pooling area).
    ///
    /// Format: six-digit GB/T 2260 code.
    pub region: String,
    /// 经办机构 — The insuring agency, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agency: Option<Agency>,
    /// 参保期间 — The insured months at this place (first and last), when stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<PeriodRange>,
    /// 缴费月数 — Contribution months accumulated at this place in this stint (实际缴费月数).
    pub months: u32,
    /// 是否临时缴费账户 — Whether the stint was on a temporary contribution account: such a place is
    /// never a 10-year place.
    pub temporary: bool,
    /// 是否已封存 — Whether the relation there is sealed (封存) and waits for aggregation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sealed: Option<bool>,
}

impl InsuredPlace {
    /// Line `line`: a place (`region`), its contribution months and whether it was a temporary
    /// account.
    #[must_use]
    pub fn new(line: u32, region: impl Into<String>, months: u32, temporary: bool) -> Self {
        Self {
            line,
            region: region.into(),
            agency: None,
            period: None,
            months,
            temporary,
            sealed: None,
        }
    }
}

/// 待遇领取地确定请求 — At retirement, the agency where the person applies for the pension asks
/// another place (the hukou place or an earlier place with ten years) to confirm it is the
/// benefit-claiming place and to receive the relations and funds, stating the insured record it
/// relies on (国办发〔2009〕66号 art. 6–7, 人社部规〔2016〕5号; domain.md §4.1; issue 11 item 8).
///
/// The body of `social_insurance.benefit_place_request`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BenefitPlaceRequest {
    /// 请求编号 — The requesting agency's reference of this request.
    pub request_number: String,
    /// 参保人员 — The person retiring.
    pub person: Person,
    /// 退休人员类别 — Retirement category of the 2025 gradual reform.
    pub retirement_category: RetirementCategory,
    /// 户籍所在地 — Division code of the hukou place.
    ///
    /// Format: six-digit GB/T 2260 code.
    pub hukou_region: String,
    /// 申领日期 — Date the person applied for the pension.
    ///
    /// Format: `YYYY-MM-DD`.
    pub applied_on: String,
    /// 参保地记录 — Every place where the person was insured (110), in chronological order.
    pub places: Vec<InsuredPlace>,
    /// 拟定待遇领取地 — The benefit place the requester finds by the four rules.
    ///
    /// Format: six-digit GB/T 2260 code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposed_benefit_region: Option<String>,
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

impl MessageBody for BenefitPlaceRequest {
    const TYPE: MessageType = MessageType::SocialInsuranceBenefitPlaceRequest;
}

impl BenefitPlaceRequest {
    /// A request: its number, the person and category, the hukou region, the application date
    /// and the insured places (at least one, chronological).
    #[must_use]
    pub fn new(
        request_number: impl Into<String>,
        person: Person,
        retirement_category: RetirementCategory,
        hukou_region: impl Into<String>,
        applied_on: impl Into<String>,
        places: Vec<InsuredPlace>,
    ) -> Self {
        Self {
            request_number: request_number.into(),
            person,
            retirement_category,
            hukou_region: hukou_region.into(),
            applied_on: applied_on.into(),
            places,
            proposed_benefit_region: None,
            remarks: None,
            attachments: None,
            extensions: None,
        }
    }
}

/// 判定规则 — Which of the four rules decided the benefit place (国办发〔2009〕66号 art. 6,
/// domain.md §4.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BenefitPlaceRuleApplied {
    /// 户籍地 — 1: the relation is at the hukou place.
    HukouPlace,
    /// 最后参保地（满10年） — 2: ten or more years at the current (last) place.
    CurrentPlace,
    /// 此前满10年的参保地 — 3: the last earlier place with ten or more years.
    PreviousPlace,
    /// 户籍地归集 — 4: fewer than ten years everywhere: aggregate at the hukou place.
    HukouFallback,
}

/// 归集方式 — What moves to the benefit place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AggregationKind {
    /// 关系和资金 — The basic pension relation with the personal account and the pooled-fund
    /// amount.
    RelationAndFunds,
    /// 临时缴费账户 — A temporary contribution account, all contributions with interest.
    TemporaryAccount,
    /// 仅记录 — Only the insured record (provincial pooling: no money moves).
    RecordOnly,
}

/// 归集安排 — One place whose relation and funds (or temporary account) are aggregated to the
/// benefit place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AggregationLine {
    /// 行号 — 1-based line number, unique in the message; replies refer to it.
    pub line: u32,
    /// 转出地 — Division code of the place that transfers.
    ///
    /// Format: six-digit GB/T 2260 code.
    pub region: String,
    /// 转出地经办机构 — The transferring agency, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agency: Option<Agency>,
    /// 归集方式 — What moves to the benefit place.
    pub kind: AggregationKind,
    /// 缴费月数 — Contribution months that move.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub months: Option<u32>,
}

impl AggregationLine {
    /// Line `line`: the transferring place and what moves.
    #[must_use]
    pub fn new(line: u32, region: impl Into<String>, kind: AggregationKind) -> Self {
        Self {
            line,
            region: region.into(),
            agency: None,
            kind,
            months: None,
        }
    }
}

/// 衔接方向 — Which way the account moves in urban–rural bridging.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BridgingDirection {
    /// 城乡居民转入城镇职工 — 170 → 110: the employee months reach the minimum.
    ResidentToEmployee,
    /// 城镇职工转入城乡居民 — 110 → 170: the employee months are below the minimum.
    EmployeeToResident,
}

/// 城乡衔接 — Urban–rural pension bridging decided at the statutory retirement age
/// (人社部发〔2014〕17号).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bridging {
    /// 衔接方向 — Which way the account moves.
    pub direction: BridgingDirection,
    /// 职工养老保险缴费月数 — Employee-pension contribution months (including extended
    /// contributions, 延长缴费).
    pub employee_contribution_months: u32,
    /// 退休年月 — The month the person retires (at or after the statutory retirement month).
    ///
    /// Format: `YYYY-MM`.
    pub retirement_month: String,
}

impl Bridging {
    /// A bridging decision: direction, employee months and the retirement month (`YYYY-MM`).
    #[must_use]
    pub fn new(
        direction: BridgingDirection,
        employee_contribution_months: u32,
        retirement_month: impl Into<String>,
    ) -> Self {
        Self {
            direction,
            employee_contribution_months,
            retirement_month: retirement_month.into(),
        }
    }
}

/// 待遇领取地确定结果 — The benefit-claiming place determined at retirement, the rule that
/// decided it, and the aggregation instructions (relations, funds, temporary accounts);
/// optionally the urban–rural bridging decided at the statutory retirement age. The
/// aggregation legs are the transfer messages in the same case (国办发〔2009〕66号 art. 6–7;
/// domain.md §4.1; issue 11 item 8).
///
/// The body of `social_insurance.benefit_place_decision`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BenefitPlaceDecision {
    /// 决定编号 — The deciding agency's reference of this decision.
    pub decision_number: String,
    /// 参保人员 — The person retiring.
    pub person: Person,
    /// 退休人员类别 — Retirement category of the 2025 gradual reform.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retirement_category: Option<RetirementCategory>,
    /// 法定退休年月 — The statutory retirement month after the 2025 reform (a rule recomputes
    /// it).
    ///
    /// Format: `YYYY-MM`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statutory_retirement_month: Option<String>,
    /// 户籍所在地 — Division code of the hukou place.
    ///
    /// Format: six-digit GB/T 2260 code.
    pub hukou_region: String,
    /// 参保地记录 — Every place where the person was insured (110), in chronological order.
    pub places: Vec<InsuredPlace>,
    /// 待遇领取地 — Division code of the determined benefit-claiming place.
    ///
    /// Format: six-digit GB/T 2260 code.
    pub benefit_region: String,
    /// 待遇领取地经办机构 — The agency that will pay the pension.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub benefit_agency: Option<Agency>,
    /// 判定规则 — Which of the four rules decided the place.
    pub rule: BenefitPlaceRuleApplied,
    /// 决定日期 — Date of the decision.
    ///
    /// Format: `YYYY-MM-DD`.
    pub decided_on: String,
    /// 归集安排 — The places that transfer to the benefit place, one line each.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aggregation: Option<Vec<AggregationLine>>,
    /// 城乡衔接 — Urban–rural bridging decided at the statutory retirement age.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bridging: Option<Bridging>,
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

impl MessageBody for BenefitPlaceDecision {
    const TYPE: MessageType = MessageType::SocialInsuranceBenefitPlaceDecision;
}

impl BenefitPlaceDecision {
    /// A decision: its number, the person, the hukou region, the insured places, the benefit
    /// region, the rule and the decision date.
    #[must_use]
    pub fn new(
        decision_number: impl Into<String>,
        person: Person,
        hukou_region: impl Into<String>,
        places: Vec<InsuredPlace>,
        benefit_region: impl Into<String>,
        rule: BenefitPlaceRuleApplied,
        decided_on: impl Into<String>,
    ) -> Self {
        Self {
            decision_number: decision_number.into(),
            person,
            retirement_category: None,
            statutory_retirement_month: None,
            hukou_region: hukou_region.into(),
            places,
            benefit_region: benefit_region.into(),
            benefit_agency: None,
            rule,
            decided_on: decided_on.into(),
            aggregation: None,
            bridging: None,
            remarks: None,
            attachments: None,
            extensions: None,
        }
    }
}
