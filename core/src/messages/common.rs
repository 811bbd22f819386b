//! The shared vocabulary of `schemas/defs.schema.json`: persons, agencies, organisations, bank
//! accounts, periods, insurance schemes, reasons and attachments.
//!
//! Identifiers, dates and periods are `String`s in their wire form; each field's documentation
//! gives the format the schema enforces:
//!
//! | kind | wire form | example |
//! |---|---|---|
//! | region (GB/T 2260) | six digits | `330200` |
//! | citizen ID (GB 11643) | 17 digits + check digit or `X` | `513401199004180574` |
//! | USCC (GB 32100) | 18 characters | `12330200MB0K617093` |
//! | date | `YYYY-MM-DD` | `2026-10-16` |
//! | period (month) | `YYYY-MM` | `2026-03` |
//! | instant | RFC 3339 UTC | `2026-11-27T08:00:00Z` |
//! | money | integer fen (`i64`) | `7040057` = 70 400.57 元 |
//!
//! Check digits, real calendar dates, existing region codes and sums are business rules
//! ([`crate::rules`]), not types.

use serde::{Deserialize, Serialize};

/// 扩展字段 — Bilateral or local extensions: at most 50 members under namespaced keys
/// (`namespace.name`, e.g. `330200.batch_no`). Receivers ignore keys they do not know; nothing a
/// rule needs may live here (domain.md §3.2, §8).
pub type Extensions = serde_json::Map<String, serde_json::Value>;
/// 人员 — A natural person identified by citizen ID (domain.md §1.1, §1.5
/// AAC002/AAC003/AAC004/AAC006).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// 姓名 — Name (AAC003).
    pub name: String,
    /// 公民身份号码 — Citizen identity number (AAC002; social security number).
    ///
    /// Format: 18 characters (GB 11643), upper-case `X` check character.
    pub citizen_id: String,
    /// 性别 — Sex (AAC004); consistent with the ID number (rule).
    pub sex: Sex,
    /// 出生日期 — Birth date (AAC006); equals the ID number's date (rule).
    ///
    /// Format: `YYYY-MM-DD`.
    pub birth_date: String,
    /// 民族 — Ethnic group (AAC005) as a GB/T 3304-1991 code, e.g. `07` 彝族 (changed 2026-12 from
    /// free text; LL-RULE-017).
    ///
    /// Format: two digits; table [`crate::rules::codes::national::ETHNICITY`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ethnicity: Option<String>,
    /// 联系电话 — Contact phone number (domain.md §2.4).
    ///
    /// Format: digits, optional leading `+`, spaces or hyphens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

impl Person {
    /// A person with the four required fields; `ethnicity` and `phone` start empty.
    #[must_use]
    pub fn new(
        name: impl Into<String>,
        citizen_id: impl Into<String>,
        sex: Sex,
        birth_date: impl Into<String>,
    ) -> Self {
        Self {
            name: name.into(),
            citizen_id: citizen_id.into(),
            sex,
            birth_date: birth_date.into(),
            ethnicity: None,
            phone: None,
        }
    }

    /// The short reference (name and citizen ID) used by later messages of the case.
    #[must_use]
    pub fn to_ref(&self) -> PersonRef {
        PersonRef::new(self.name.clone(), self.citizen_id.clone())
    }
}

/// 人员标识 — A short reference to a person already described in the case: name and citizen ID
/// (domain.md §1.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonRef {
    /// 姓名 — Name (AAC003).
    pub name: String,
    /// 公民身份号码 — Citizen identity number (AAC002).
    ///
    /// Format: 18 characters (GB 11643), upper-case `X` check character.
    pub citizen_id: String,
}

impl PersonRef {
    /// A reference by name and citizen ID.
    #[must_use]
    pub fn new(name: impl Into<String>, citizen_id: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            citizen_id: citizen_id.into(),
        }
    }
}

impl From<&Person> for PersonRef {
    fn from(person: &Person) -> Self {
        person.to_ref()
    }
}

/// 起止年月 — An inclusive month range \[start, end\]; without `end` the period is open (still running)
/// (domain.md §0 item 4, §4.4; EESSI U002 fixed/open periods §6.3). end ≥ start is a rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeriodRange {
    /// 开始年月 — First month of the period, inclusive (AAE041).
    ///
    /// Format: `YYYY-MM`.
    pub start: String,
    /// 终止年月 — Last month of the period, inclusive (AAE042); absent = open period.
    ///
    /// Format: `YYYY-MM`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
}

impl PeriodRange {
    /// The months `start` to `end`, both inclusive (`YYYY-MM`).
    #[must_use]
    pub fn closed(start: impl Into<String>, end: impl Into<String>) -> Self {
        Self {
            start: start.into(),
            end: Some(end.into()),
        }
    }

    /// An open period, running since `start` (`YYYY-MM`).
    #[must_use]
    pub fn open(start: impl Into<String>) -> Self {
        Self {
            start: start.into(),
            end: None,
        }
    }
}

/// 性别 — Sex (AAC004, domain.md §1.5); must agree with the ID number's sequence digit (odd = male) —
/// a rule (domain.md §1.1, §2.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    /// 男 — Male.
    Male,
    /// 女 — Female.
    Female,
}

/// 地址 — A postal address (domain.md §4.1 联系函: address, postcode).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Address {
    /// 所在行政区划 — County-level GB/T 2260 code of the address.
    ///
    /// Format: six-digit GB/T 2260 code.
    pub region: String,
    /// 详细地址 — Street address below the county level.
    pub detail: String,
    /// 邮政编码 — Postal code.
    ///
    /// Format: six digits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postcode: Option<String>,
}

impl Address {
    /// An address in a county (`region`) without a postcode.
    #[must_use]
    pub fn new(region: impl Into<String>, detail: impl Into<String>) -> Self {
        Self {
            region: region.into(),
            detail: detail.into(),
            postcode: None,
        }
    }
}

/// 经办机构 — A public agency: region, optional code (USCC or trust-list agency code) and name;
/// social-insurance agencies are identified by their division code (原参保地社保机构行政区划代码, domain.md §1.2,
/// §4.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agency {
    /// 行政区划代码 — GB/T 2260 code of the agency's area.
    ///
    /// Format: six-digit GB/T 2260 code.
    pub region: String,
    /// 机构代码 — USCC or agreed agency code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// 机构名称 — Official name, e.g. 宁波市社会保险管理局.
    pub name: String,
    /// 联系电话 — Contact phone of the handling office.
    ///
    /// Format: digits, optional leading `+`, spaces or hyphens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// 地址 — Postal address of the agency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
}

impl Agency {
    /// An agency by region and name; code, phone and address start empty.
    #[must_use]
    pub fn new(region: impl Into<String>, name: impl Into<String>) -> Self {
        Self {
            region: region.into(),
            code: None,
            name: name.into(),
            phone: None,
            address: None,
        }
    }
}

/// 单位 — An employer, HR agency or other organisation identified by its USCC (domain.md §1.3, §2.4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    /// 统一社会信用代码 — The organisation's USCC.
    ///
    /// Format: 18-character unified social credit code (GB 32100).
    pub uscc: String,
    /// 单位名称 — Registered name.
    pub name: String,
    /// 所在行政区划 — GB/T 2260 code of the workplace or seat (e.g. 3302xx for Ningbo).
    ///
    /// Format: six-digit GB/T 2260 code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
}

impl Organisation {
    /// An organisation by USCC and registered name.
    #[must_use]
    pub fn new(uscc: impl Into<String>, name: impl Into<String>) -> Self {
        Self {
            uscc: uscc.into(),
            name: name.into(),
            region: None,
        }
    }
}

/// 银行账户 — A bank account for fund transfers: bank, account name and number (domain.md §4.1 联系函
/// contents: 开户银行, 户名, 账号).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BankAccount {
    /// 开户银行 — Bank and branch name.
    pub bank_name: String,
    /// 户名 — Account holder name.
    pub account_name: String,
    /// 账号 — Account number, digits only.
    pub account_number: String,
}

impl BankAccount {
    /// A bank account: bank and branch, holder name, number (digits).
    #[must_use]
    pub fn new(
        bank_name: impl Into<String>,
        account_name: impl Into<String>,
        account_number: impl Into<String>,
    ) -> Self {
        Self {
            bank_name: bank_name.into(),
            account_name: account_name.into(),
            account_number: account_number.into(),
        }
    }
}

/// 险种 — Insurance scheme code AAE140 / insutype (domain.md §1.5). Codes marked K there (120, 320)
/// are left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Scheme {
    /// 企业职工基本养老保险 — Enterprise employees' basic pension (AAE140 110; domain.md §1.5, §4.1).
    #[serde(rename = "110")]
    EnterprisePension,
    /// 城乡居民基本养老保险 — Urban and rural residents' pension (AAE140 170; domain.md §1.5, §4.1 城乡衔接).
    #[serde(rename = "170")]
    ResidentPension,
    /// 失业保险 — Unemployment insurance (AAE140 210; domain.md §1.5, §4.3).
    #[serde(rename = "210")]
    Unemployment,
    /// 职工基本医疗保险 — Employees' basic medical insurance (AAE140/insutype 310; domain.md §1.5, §4.2).
    #[serde(rename = "310")]
    EmployeeMedical,
    /// 大额医疗费用补助 — Supplementary large-amount medical insurance (AAE140/insutype 330; domain.md
    /// §1.5). Not transferable by the procedures of §4.
    #[serde(rename = "330")]
    LargeMedicalExpenses,
    /// 城乡居民基本医疗保险 — Urban and rural residents' basic medical insurance (insutype 390; domain.md
    /// §1.5, §4.2).
    #[serde(rename = "390")]
    ResidentMedical,
    /// 工伤保险 — Work-injury insurance (AAE140 410; domain.md §1.5). Enrolment evidence only (§2.3
    /// A4).
    #[serde(rename = "410")]
    WorkInjury,
    /// 生育保险 — Maternity insurance (AAE140 510; domain.md §1.5). Enrolment evidence only (§2.3 A4).
    #[serde(rename = "510")]
    Maternity,
}

impl Scheme {
    /// The AAE140 code, e.g. `"110"`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::EnterprisePension => "110",
            Self::ResidentPension => "170",
            Self::Unemployment => "210",
            Self::EmployeeMedical => "310",
            Self::LargeMedicalExpenses => "330",
            Self::ResidentMedical => "390",
            Self::WorkInjury => "410",
            Self::Maternity => "510",
        }
    }

    /// The scheme of a transferable scheme.
    #[must_use]
    pub const fn from_transfer(scheme: TransferScheme) -> Self {
        match scheme {
            TransferScheme::EnterprisePension => Self::EnterprisePension,
            TransferScheme::ResidentPension => Self::ResidentPension,
            TransferScheme::Unemployment => Self::Unemployment,
            TransferScheme::EmployeeMedical => Self::EmployeeMedical,
            TransferScheme::ResidentMedical => Self::ResidentMedical,
        }
    }
}

/// 转移险种 — A scheme whose relation is transferred between regions: 110 enterprise pension (domain.md
/// §4.1), 170 resident pension (§4.1 城乡衔接), 210 unemployment (§4.3), 310 employee medical and 390
/// resident medical (§4.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TransferScheme {
    /// 企业职工基本养老保险 — Enterprise employees' basic pension (AAE140 110; domain.md §1.5, §4.1).
    #[serde(rename = "110")]
    EnterprisePension,
    /// 城乡居民基本养老保险 — Urban and rural residents' pension (AAE140 170; domain.md §1.5, §4.1 城乡衔接).
    #[serde(rename = "170")]
    ResidentPension,
    /// 失业保险 — Unemployment insurance (AAE140 210; domain.md §1.5, §4.3).
    #[serde(rename = "210")]
    Unemployment,
    /// 职工基本医疗保险 — Employees' basic medical insurance (AAE140/insutype 310; domain.md §1.5, §4.2).
    #[serde(rename = "310")]
    EmployeeMedical,
    /// 城乡居民基本医疗保险 — Urban and rural residents' basic medical insurance (insutype 390; domain.md
    /// §1.5, §4.2).
    #[serde(rename = "390")]
    ResidentMedical,
}

impl TransferScheme {
    /// The AAE140 code, e.g. `"110"`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        Scheme::from_transfer(self).as_str()
    }
}

impl From<TransferScheme> for Scheme {
    fn from(scheme: TransferScheme) -> Self {
        Self::from_transfer(scheme)
    }
}

/// 原因代码 — Reason code of a refusal, partial acceptance, withheld period or mismatch (domain.md §0
/// item 3: accepted / partially accepted / rejected + reason code).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReasonCode {
    /// 证件号码校验不通过 — A citizen ID or USCC fails its format or check character (GB 11643 MOD 11-2; GB
    /// 32100 MOD 31 with the embedded GB/T 11714 MOD 11 check), or its birth date or address code
    /// is impossible (domain.md §1.1, §1.3; §2.3 A1/A2; §3.3 B1).
    IdentifierInvalid,
    /// 身份信息不一致 — Name, sex or birth date disagree with the ID number or with the answering agency's
    /// record (domain.md §2.5 birth-date/sex consistency; §3.1 re-issue when name/sex/birth/ID
    /// mismatch).
    IdentityMismatch,
    /// 材料不齐全 — Required documents or evidence are missing, incomplete or wrong; the case is
    /// suspended until they are supplied (domain.md §3.1 first-child registration: incomplete/wrong
    /// evidence → suspend; §4.1 application).
    IncompleteDocuments,
    /// 不符合办理条件 — The person or request does not meet the conditions of the procedure, e.g. 婚育证明
    /// target group, unemployment eligibility (≥1 year of contributions, involuntary loss) —
    /// thresholds are rule parameters (domain.md §3.3 B1, §3.4, §4.1 C3 'conditions not met', §4.3
    /// art. 14).
    EligibilityNotMet,
    /// 无参保缴费记录 — The answering agency holds no insurance or contribution record for the person in
    /// this scheme (domain.md §4.1 C3/C4, §1.5 payment status AAC031).
    NoContributionRecord,
    /// 已领取待遇 — The person already draws a pension (or is retired, for medical insurance); the
    /// relation is not transferred (domain.md §4.1 art. 2; §4.2 2021 scope excludes retirees).
    AlreadyReceivingBenefits,
    /// 原参保地未中止参保 — The sending agency's check 已中止参保 fails: the person still participates at the
    /// original place (domain.md §4.2, 医保办发〔2021〕43号 validation rules).
    ParticipationNotSuspended,
    /// 未在转入地参保 — The person has not joined and paid at the new place (domain.md §4.1 C2 'after
    /// joining and paying at the new place'; §4.2 receiver check 已按规定参加转入地基本医保).
    NotEnrolledAtDestination,
    /// 居民医保年度内不办理转移 — Resident medical insurance is not transferred within the insurance year;
    /// transfer after enrolling for the next year (domain.md §4.2).
    InYearResidentTransfer,
    /// 重复参保关系 — Another relation or overlapping contribution periods exist in the same scheme (or
    /// employee and resident pension in the same months): one relation is kept, duplicates are
    /// cleared after transfer (先转后清) and years are not double-counted (domain.md §4.1 Overlap,
    /// §4.2, §4.4).
    DuplicateRelation,
    /// 一次性补缴缺少合法文书 — Periods from a one-off back-payment covering three or more years lack the
    /// commitment (承诺书) or the legal document (court, audit, labour inspection, arbitration) dated
    /// before the payment; these periods are withheld, all other compliant periods and funds are
    /// still transferred (domain.md §4.1 Other rules, 人社厅发〔2019〕94号).
    BackPaymentWithoutLegalDocument,
    /// 应建立临时基本养老保险缴费账户 — The temporary-account rule applies (cross-province move outside the hukou
    /// province above the age thresholds, men 50 / women 40 by default — rule parameters), so the
    /// basic relation stays at the original place (domain.md §4.1 Temporary account rule).
    TemporaryAccountRequired,
    /// 非本机构管辖 — The addressed agency is not competent for this person, scheme or place (other
    /// pooling area, benefit place, registration or residence place) (domain.md §4.1 benefit place,
    /// §4.3 pooling areas, §3.1).
    NotResponsibleAgency,
    /// 信息与资金不一致 — The amount in the information table differs from the funds received with the
    /// referenced payment (domain.md §0 item 2, §4.1 C5 'mismatch → query', §4.4 info/money match).
    AmountMismatch,
    /// 数据不一致 — Stated totals, month counts or per-year rows do not add up (Σ rows ≠ total, months ≠
    /// periods, pooled fund ≠ 12% of the base, reconciliation counts differ) (domain.md §4.4, §2.3
    /// A8).
    DataInconsistent,
    /// 未达最低就业年龄 — The worker is below the minimum working age at the start date (rule parameter,
    /// default 16, K: 劳动法 art. 15) (domain.md §2.3 A2, §2.5).
    BelowMinimumWorkingAge,
    /// 重复记录 — The same worker, registration or benefit is already active, registered or paid at the
    /// other place (domain.md §2.3 A2 duplicate placement; §3.3 B5 duplicate registration; B7
    /// already paid).
    DuplicateRecord,
    /// 缺少本人同意 — The worker's consent to the transfer of his or her data is missing (domain.md §2.3
    /// A2).
    ConsentMissing,
    /// 用人单位不符合条件 — Employer deregistered, or a dispatch agency without a licence (K) (domain.md
    /// §2.3 A1).
    EmployerNotEligible,
    /// 工资低于最低工资标准 — Offered wage below the local minimum wage (rule parameter per region, K)
    /// (domain.md §2.3 A1).
    WageBelowMinimum,
    /// 到岗日期早于离开输出地日期 — The start date lies before the departure from the sending region (domain.md
    /// §2.3 A3).
    StartBeforeDeparture,
    /// 未订立书面劳动合同 — No written labour contract within the statutory period (rule parameter, K: 劳动合同法
    /// art. 10/82) (domain.md §2.3 A3).
    NoWrittenContract,
    /// 参保登记逾期 — Social-insurance enrolment later than the statutory period after the start date
    /// (rule parameter, default 30 days, K: 社会保险法 art. 58) (domain.md §2.3 A4).
    LateEnrolment,
    /// 在岗月份不连续 — The months claimed for a retention milestone are not continuous (domain.md §2.3
    /// A5, §2.5).
    RetentionNotContinuous,
    /// 用人单位已变更 — The worker changed employer; whether this keeps the claim depends on the agreement
    /// (domain.md §2.3 A5).
    EmployerChanged,
    /// 证书编号无效 — A skill or qualification certificate number fails the format or plausibility rules
    /// (domain.md §1.4, §2.3 A7).
    CertificateInvalid,
    /// 发证机构不明 — The certificate issuer is unknown to the receiver (domain.md §2.3 A7).
    IssuerUnknown,
    /// 其他原因 — Any other ground; `detail` is then required (domain.md §0 item 3: refusals carry a
    /// written explanation, 书面说明).
    Other,
}

/// 原因 — One ground of a refusal: a reason code, the written explanation (书面说明) and optionally where
/// it applies (domain.md §0 item 3, §4.1 C3).
///
/// Schema conditions the type does not express. The code `other` needs `detail`. The constructors
/// meet them; [`MessageBody::validate`](super::MessageBody::validate) checks them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reason {
    /// 原因代码 — The reason code.
    pub code: ReasonCode,
    /// 说明 — Written explanation for the person and the other agency (书面说明).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// 数据位置 — JSON pointer into the answered message's document (e.g.
    /// /body/workers/1/person/citizen_id) the reason applies to.
    ///
    /// Format: RFC 6901 JSON pointer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
    /// 涉及期间 — Contribution periods the reason applies to (e.g. withheld back-payment periods,
    /// domain.md §4.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub periods: Option<Vec<PeriodRange>>,
}

impl Reason {
    /// A reason with its written explanation (书面说明), which every refusal should carry and
    /// [`ReasonCode::Other`] requires.
    #[must_use]
    pub fn new(code: ReasonCode, detail: impl Into<String>) -> Self {
        Self {
            code,
            detail: Some(detail.into()),
            pointer: None,
            periods: None,
        }
    }

    /// Sets the JSON pointer into the answered document the reason applies to.
    #[must_use]
    pub fn at(mut self, pointer: impl Into<String>) -> Self {
        self.pointer = Some(pointer.into());
        self
    }
}

/// 附件 — A document attached by reference or inline: name, media type, SHA-256 of its bytes and
/// size; optional inline content (domain.md §0 item 1: PDF twins; §1.6 e-seals live inside the
/// PDF).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attachment {
    /// 文件名 — File name, e.g. 联系函.pdf.
    pub filename: String,
    /// 媒体类型 — IANA media type, e.g. application/pdf or application/ofd.
    pub media_type: String,
    /// SHA-256摘要 — SHA-256 of the attachment bytes, base64url (43 chars).
    ///
    /// Format: SHA-256, base64url without padding (43 characters).
    pub sha256: String,
    /// 字节数 — Size of the attachment in bytes.
    pub size: u64,
    /// 说明 — What the document is (e.g. 参保缴费凭证 PDF with electronic seal).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// 内容 — Inline content, base64url without padding (optional; large files are sent separately
    /// and bound by sha256).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
}

impl Attachment {
    /// An attachment sent separately and bound by its SHA-256 digest (base64url) and size.
    #[must_use]
    pub fn new(
        filename: impl Into<String>,
        media_type: impl Into<String>,
        sha256: impl Into<String>,
        size: u64,
    ) -> Self {
        Self {
            filename: filename.into(),
            media_type: media_type.into(),
            sha256: sha256.into(),
            size,
            description: None,
            content: None,
        }
    }

    /// An attachment describing `bytes` (digest and size computed), sent separately.
    #[must_use]
    pub fn for_bytes(
        filename: impl Into<String>,
        media_type: impl Into<String>,
        bytes: &[u8],
    ) -> Self {
        let size = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
        Self::new(filename, media_type, crate::verify::digest(bytes), size)
    }

    /// An attachment carrying `bytes` inline (base64url), with digest and size.
    #[must_use]
    pub fn inline(
        filename: impl Into<String>,
        media_type: impl Into<String>,
        bytes: &[u8],
    ) -> Self {
        Self {
            content: Some(crate::b64::encode(bytes)),
            ..Self::for_bytes(filename, media_type, bytes)
        }
    }
}

/// An overall or per-claim outcome: accepted, partially accepted or rejected (domain.md §0 item 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Accepted in full.
    Accepted,
    /// Partially accepted.
    PartiallyAccepted,
    /// Rejected.
    Rejected,
}

/// A decision on one record or claim: accepted or rejected (domain.md §0 item 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// Accepted.
    Accepted,
    /// Rejected; the record carries reasons.
    Rejected,
}
