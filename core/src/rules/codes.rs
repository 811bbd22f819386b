//! The business-rule codes: one typed table, [`RuleCode`], from which everything else about a
//! `rule.*` code is derived.
//!
//! Each row of the `rule_codes!` table (below) gives the dotted code, the default severity (and the
//! other severity a rule may use, with the reason in its summary), the conformance requirement,
//! the regulation or `domain.md` section the rule follows, the [`RuleParameters`] fields that tune
//! it, and an English and a Chinese summary. From it come:
//!
//! - the [`Finding`]s the rules emit: `Finding::new(RuleCode::PeriodOverlap, path, en, zh)` takes
//!   the severity from the table, so neither a typo'd code nor a forgotten severity compiles;
//!   [`Finding::with_severity`] is for the rows that document a second severity (a test checks
//!   every finding of the rule tests and conformance vectors against [`RuleCode::allows`]);
//! - `docs/error-codes.md` ("Business-rule codes", [`RuleCode::markdown_table`]), `docs/RULES.md`
//!   ([`RuleCode::rules_page`]), the TypeScript `RuleCode` union and the Python `RuleCode`
//!   `Literal` — all generated, and checked by tests to be current.
//!
//! The national code tables the `rule.*_code` rules check (GB/T 2261, 3304, 4658, 4754 and the
//! 2022 occupational classification) are the submodule [`national`].
//!
//! [`RuleParameters`]: crate::rules::RuleParameters
//! [`Finding`]: crate::rules::Finding
//! [`Finding::with_severity`]: crate::rules::Finding::with_severity
//!
//! ```
//! use labourlink::rules::{Finding, RuleCode, Severity};
//! let f = Finding::new(RuleCode::PeriodOverlap, "/body/periods/1", "overlaps", "重叠");
//! assert_eq!(f.code(), "rule.period_overlap");
//! assert_eq!(f.severity, Severity::Error);
//! assert_eq!(RuleCode::from_code_str("rule.deadline_missed"), Some(RuleCode::DeadlineMissed));
//! assert_eq!(RuleCode::DeadlineMissed.severity(), Severity::Warning);
//! assert_eq!(RuleCode::from_code_str("rule.nope"), None);
//! ```

use std::fmt;
use std::fmt::Write as _;

use crate::error::{FindingCode, Severity};
use crate::rules::params::{PARAMETER_SOURCES, ParameterSource, RuleParameters};

pub mod national;

/// Declares [`RuleCode`]. Each row:
///
/// ```text
/// /// docs
/// Variant = "rule.code", Error [or Warning], "LL-RULE-nnn", "source", ["parameter", …],
///     "English summary", "中文说明";
/// ```
macro_rules! rule_codes {
    ($(
        $(#[$doc:meta])*
        $variant:ident = $code:literal, $sev:ident $(or $alt:ident)?, $req:literal, $source:literal,
            [$($param:literal),* $(,)?], $en:literal, $zh:literal;
    )*) => {
        /// A business-rule finding code (`rule.*`). The string form ([`RuleCode::as_str`]) is
        /// stable once released; new codes may be added (the enum is `#[non_exhaustive]`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum RuleCode {
            $( $(#[$doc])* $variant, )*
        }

        impl RuleCode {
            /// Every rule code, in table order.
            pub const ALL: &'static [RuleCode] = &[ $( RuleCode::$variant, )* ];

            /// The stable dotted string, e.g. `"rule.period_overlap"`.
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                match self { $( RuleCode::$variant => $code, )* }
            }

            /// The severity a finding with this code has unless the rule documents otherwise.
            #[must_use]
            pub const fn severity(self) -> Severity {
                match self { $( RuleCode::$variant => Severity::$sev, )* }
            }

            /// The other severity the rule may give, when its summary documents one (a warning
            /// inside a tolerance or where an exception may apply; an error by configuration).
            #[must_use]
            pub const fn alternate_severity(self) -> Option<Severity> {
                match self { $( RuleCode::$variant => rule_codes!(@alt $($alt)?), )* }
            }

            /// The conformance requirement (`conformance/REQUIREMENTS.md`) that specifies the
            /// rule, or `"—"` for a library-only check.
            #[must_use]
            pub const fn requirement(self) -> &'static str {
                match self { $( RuleCode::$variant => $req, )* }
            }

            /// The regulation, standard or `domain.md` section the rule follows (short form).
            #[must_use]
            pub const fn source(self) -> &'static str {
                match self { $( RuleCode::$variant => $source, )* }
            }

            /// The [`RuleParameters`] fields that tune the rule (dotted for nested members,
            /// e.g. `deadlines.pension_transfer`; `deadlines.*` for all of them).
            #[must_use]
            pub const fn parameters(self) -> &'static [&'static str] {
                match self { $( RuleCode::$variant => &[$($param),*], )* }
            }

            /// A one-line English summary of what the rule checks.
            #[must_use]
            pub const fn summary(self) -> &'static str {
                match self { $( RuleCode::$variant => $en, )* }
            }

            /// A one-line Chinese summary of what the rule checks.
            #[must_use]
            pub const fn summary_zh(self) -> &'static str {
                match self { $( RuleCode::$variant => $zh, )* }
            }
        }
    };
    (@alt) => { None };
    (@alt $alt:ident) => { Some(Severity::$alt) };
}

rule_codes! {
    /// The citizen ID is not 18 characters (17 digits and a digit or `X`) nor an old-format
    /// foreign permanent-resident number.
    CitizenIdFormat = "rule.citizen_id_format", Error, "LL-RULE-002",
        "GB 11643-1999 §4 (domain.md §1.1 [S29])", [],
        "ID number is not 18 characters (17 digits + digit or X) nor an old-format foreign permanent-resident number",
        "公民身份号码不是18位（17位数字加1位数字或X），也不是旧版外国人永久居留身份证号码";
    /// A 15-digit pre-1999 ID number.
    CitizenIdLegacy15 = "rule.citizen_id_legacy_15", Error, "LL-RULE-002",
        "GB 11643-1999 (replaced the 15-digit form; domain.md §1.1)", [],
        "15-digit pre-1999 ID number; convert it with ids::convert_15_to_18",
        "1999年以前的15位公民身份号码，请用 ids::convert_15_to_18 转换为18位";
    /// The ID's check character is wrong.
    CitizenIdChecksum = "rule.citizen_id_checksum", Error, "LL-RULE-002",
        "GB 11643-1999 §7.4, ISO 7064 MOD 11-2 (domain.md §1.1 [S29][S31])", [],
        "ID number check character (ISO 7064 MOD 11-2) is wrong",
        "公民身份号码校验码（ISO 7064 MOD 11-2）错误";
    /// The ID's birth date is impossible.
    CitizenIdBirthDate = "rule.citizen_id_birth_date", Error, "LL-RULE-002",
        "GB 11643-1999 §7.2 (birth-date code; domain.md §1.1)", ["citizen_id_min_birth_year"],
        "ID birth date is not a real date, is before the minimum year or after the reference date",
        "公民身份号码中的出生日期不是有效日期、早于最早年份或晚于参考日期";
    /// The ID's address code is in no GB/T 2260 list.
    CitizenIdRegion = "rule.citizen_id_region", Warning or Error, "LL-RULE-002",
        "GB 11643-1999 §7.1, GB/T 2260; domain-review §2", ["citizen_id_region_is_error"],
        "ID address code is neither a current nor a historic GB/T 2260 code (an error only with citizen_id_region_is_error)",
        "公民身份号码地址码既不是现行也不是历史 GB/T 2260 代码（仅在 citizen_id_region_is_error 时为错误）";
    /// The USCC is malformed.
    UsccFormat = "rule.uscc_format", Error, "LL-RULE-004",
        "GB 32100-2015 §4 (domain.md §1.3)", [],
        "USCC is not 18 characters of the GB 32100 alphabet",
        "统一社会信用代码不是由 GB 32100 字符集组成的18位代码";
    /// The USCC's check character is wrong.
    UsccChecksum = "rule.uscc_checksum", Error, "LL-RULE-004",
        "GB 32100-2015 §5, MOD 31 (domain.md §1.3 [S29])", [],
        "USCC check character (MOD 31) is wrong",
        "统一社会信用代码校验码（MOD 31）错误";
    /// The embedded organisation code's check character is wrong.
    UsccOrgCodeChecksum = "rule.uscc_org_code_checksum", Error, "LL-RULE-004",
        "GB/T 11714-1997, MOD 11 (domain.md §1.3 [S29])", [],
        "embedded GB/T 11714 organisation code check character is wrong",
        "统一社会信用代码中的组织机构代码（GB/T 11714）校验码错误";
    /// The registration-authority / category pair is not in the table.
    UsccRegistrationCode = "rule.uscc_registration_code", Warning, "LL-RULE-004",
        "GB 32100-2015 registration-authority and category codes (domain.md §1.3: soft check)", [],
        "USCC registration-authority / category code pair is not in the GB 32100 table",
        "统一社会信用代码的登记管理部门码与机构类别码组合不在 GB 32100 代码表中";
    /// The USCC's region code is unknown.
    UsccRegion = "rule.uscc_region", Warning, "LL-RULE-004",
        "GB 32100-2015 positions 3–8, GB/T 2260 (domain.md §1.2)", [],
        "USCC region code (positions 3-8) is not a known GB/T 2260 code",
        "统一社会信用代码第3–8位的登记管理机关行政区划码不是已知的 GB/T 2260 代码";
    /// A region code is not 6 digits.
    RegionCodeFormat = "rule.region_code_format", Error, "LL-RULE-005",
        "GB/T 2260 (6-digit codes; domain.md §1.2)", [],
        "region code is not 6 digits",
        "行政区划代码不是6位数字";
    /// A region code is in no list.
    RegionCodeUnknown = "rule.region_code_unknown", Error, "LL-RULE-005",
        "GB/T 2260, current list embedded with its date (domain.md §1.2 [S30])", [],
        "region code is not in the current GB/T 2260 list",
        "行政区划代码不在现行 GB/T 2260 代码表中";
    /// A region code is historic.
    RegionCodeAbolished = "rule.region_code_abolished", Error, "LL-RULE-005",
        "GB/T 2260 change records (domain.md §1.2 [S30])", [],
        "region code is a historic (abolished) GB/T 2260 code",
        "行政区划代码是已撤销的历史 GB/T 2260 代码";
    /// A region code lies outside the region it must belong to.
    RegionOutside = "rule.region_outside", Error, "LL-RULE-005",
        "GB/T 2260 hierarchy; domain.md §2.5 (workplace in the sender's prefecture)", [],
        "region code lies outside the region it must belong to",
        "行政区划代码不属于其应归属的地区";
    /// Declared sex differs from the ID.
    SexIdMismatch = "rule.sex_id_mismatch", Error, "LL-RULE-003",
        "GB 11643-1999 §7.3 (sequence code: odd = male; domain.md §1.1)", [],
        "declared sex differs from the ID number's sex digit",
        "申报的性别与公民身份号码的性别位不一致";
    /// Declared birth date differs from the ID.
    BirthDateIdMismatch = "rule.birth_date_id_mismatch", Error, "LL-RULE-003",
        "GB 11643-1999 §7.2 (domain.md §1.1)", [],
        "declared birth date differs from the ID number's",
        "申报的出生日期与公民身份号码中的出生日期不一致";
    /// An arrival or start date is before the departure.
    ArrivalBeforeDeparture = "rule.arrival_before_departure", Error, "LL-RULE-016",
        "domain.md §2.3 (worker-transfer sequence)", [],
        "arrival / start date is before the departure date",
        "到岗（开始）日期早于出发日期";
    /// A worker is below the minimum working age.
    MinimumWorkingAge = "rule.minimum_working_age", Error, "LL-RULE-013",
        "劳动法 art. 15 (domain.md §2.3 A2, §2.5)", ["minimum_working_age"],
        "worker is younger than the minimum working age at the start date",
        "劳动者在开始日期未满最低就业年龄";
    /// A 婚育证明 for someone not a woman aged 18–49.
    MarriageCertificateEligibility = "rule.marriage_certificate_eligibility", Error, "LL-RULE-013",
        "流动人口计划生育工作条例 and local rules (domain.md §3.1, §3.4 [S21][S22])",
        ["marriage_certificate_min_age", "marriage_certificate_max_age"],
        "marriage-and-childbearing certificate for someone not a woman aged 18-49",
        "为非18–49周岁女性出具婚育证明";
    /// Opening a temporary pension account contradicts the rule.
    TemporaryAccount = "rule.temporary_account", Error or Warning, "LL-RULE-012",
        "国办发〔2009〕66号 art. 6 (domain.md §4.1 [S5])",
        ["temporary_account_min_age_male", "temporary_account_min_age_female"],
        "opening a temporary account at the new place contradicts the age / cross-province / organised-transfer rule (warning when one is expected but not declared)",
        "在新参保地建立临时养老保险缴费账户不符合年龄、跨省或组织调动规定（应建而未申报时为警告）";
    /// The declared benefit place differs from the four-rule decision.
    BenefitPlace = "rule.benefit_place", Error, "LL-RULE-019",
        "国办发〔2009〕66号 art. 6, 人社部规〔2016〕5号 (domain.md §4.1 [S6])",
        ["benefit_place_min_years", "benefit_place_match_level"],
        "declared benefit-claiming place differs from the four-rule decision",
        "申报的待遇领取地与四条判定规则的结果不一致";
    /// A medical waiting period is longer than allowed.
    MedicalWaitingPeriod = "rule.medical_waiting_period", Error or Warning, "LL-RULE-011",
        "医保办发〔2021〕43号; 国办发〔2024〕38号 for resident insurance (domain.md §4.2 [S16])",
        [
            "medical_no_wait_max_gap_months",
            "medical_max_waiting_months",
            "medical_resident_waiting_from_year",
            "medical_resident_fixed_waiting_months",
            "medical_resident_waiting_months_per_lapse_year",
            "medical_scheme_switch_min_months",
        ],
        "medical waiting period longer than the scheme, year and gap allow (error for the 2021 rule's no-wait and 6-month limits, warning where local rules or 国办发〔2024〕38号 apply)",
        "医保待遇等待期超过险种、年度和断缴时长所允许的期限（违反2021年规定的免等待期和6个月上限为错误；适用地方规定或国办发〔2024〕38号时为警告）";
    /// Unemployment benefit months are wrong.
    UnemploymentMonths = "rule.unemployment_months", Error or Warning, "LL-RULE-010",
        "失业保险条例 art. 17 (maxima; domain.md §4.3 [S18])",
        ["unemployment_tiers", "unemployment_regional_tiers", "unemployment_max_months"],
        "unemployment benefit months above the national maximum (error; warning when carried-over months are not stated), remaining ≠ entitled − drawn (error), or differing from a configured provincial table (warning)",
        "失业保险金领取月数超过国家规定上限（错误；未说明结转月数时为警告）、剩余月数不等于应领减已领（错误），或与配置的省级标准不符（警告）";
    /// The unemployment transfer amount is wrong.
    UnemploymentTransferAmount = "rule.unemployment_transfer_amount", Error, "LL-RULE-010",
        "失业保险金申领发放办法 (部长令8号) art. 22–23; 社会保险法 art. 52 (domain.md §4.3 [S17])",
        ["unemployment_transfer_factor"],
        "cross-province unemployment transfer amount differs from the factor times the remaining benefit, or a relation-only transfer moves money",
        "跨省转移的失业保险费用不等于剩余待遇乘以系数，或“只转关系不转钱”的转移带有资金";
    /// A pooled-fund row's year is wrong.
    PooledFundYear = "rule.pooled_fund_year", Error, "LL-RULE-007",
        "国办发〔2009〕66号 art. 4 (from 1998; domain.md §4.1 [S3])", ["pooled_fund_first_year"],
        "pooled-fund row year before the first year or repeated",
        "统筹基金明细的年度早于起始年度或重复";
    /// A pooled-fund row's months are not 1–12.
    PooledFundMonths = "rule.pooled_fund_months", Error, "LL-RULE-007",
        "国办发〔2009〕66号 art. 4 (domain.md §4.4)", [],
        "pooled-fund row months not in 1-12",
        "统筹基金明细的缴费月数不在1–12之间";
    /// A pooled-fund row's amount is wrong.
    PooledFundRow = "rule.pooled_fund_row", Error or Warning, "LL-RULE-007",
        "国办发〔2009〕66号 art. 4 (12 % of each year's base; domain.md §4.1 [S3]); domain-review §3 item 6",
        ["pooled_fund_rate_bp", "pooled_fund_first_year", "pooled_fund_rounding_tolerance_fen_per_month"],
        "pooled-fund row amount differs from rate times base (rounded half-up); a warning within the rounding tolerance (1 fen per month)",
        "统筹基金明细金额不等于缴费基数乘以比例（四舍五入到分）；在舍入容差（每月1分）以内为警告";
    /// A pooled-fund total is wrong.
    PooledFundTotal = "rule.pooled_fund_total", Error or Warning, "LL-RULE-007",
        "国办发〔2009〕66号 art. 4 (domain.md §4.4); domain-review §3 item 6",
        ["pooled_fund_rounding_tolerance_fen_per_month"],
        "pooled-fund total differs from the sum of its rows (a warning within the rounding tolerance)",
        "统筹基金合计不等于各年度明细之和（在舍入容差以内为警告）";
    /// A personal-account total is wrong.
    PersonalAccountTotal = "rule.personal_account_total", Error or Warning, "LL-RULE-007",
        "国办发〔2009〕66号 art. 4 (personal account moves in full; domain.md §4.1 [S3])",
        ["pooled_fund_rounding_tolerance_fen_per_month"],
        "personal-account total differs from the sum of its rows (a warning within the rounding tolerance)",
        "个人账户合计不等于各行之和（在舍入容差以内为警告）";
    /// A personal-account credit differs from the recording rate.
    PersonalAccountCredit = "rule.personal_account_credit", Warning, "LL-RULE-007",
        "国发〔1997〕26号 (11 %), 国发〔2005〕38号 (8 % from 2006) (domain.md §4.1 [S4])",
        ["personal_account_rate_bp_1998_2005", "personal_account_rate_bp_from_2006"],
        "personal-account credit differs from the normalised recording rate",
        "个人账户记账额与规定的记账比例不符";
    /// An amount is negative or a sum overflows.
    AmountInvalid = "rule.amount_invalid", Error, "LL-RULE-007",
        "arithmetic guard (no regulation)", [],
        "amount is negative or the sum overflows",
        "金额为负数或合计溢出";
    /// The information table's amount differs from the fund transfer's.
    AmountMismatch = "rule.amount_mismatch", Error, "LL-RULE-016",
        "信息与资金匹配一致 (domain.md §4.4 [S4][S10])", [],
        "information-table amount differs from the fund-transfer amount",
        "信息表中的转移金额与资金划转金额不一致";
    /// A period is not `YYYY-MM`.
    PeriodFormat = "rule.period_format", Error, "LL-RULE-006",
        "YYYY-MM periods (AAE041/AAE042; domain.md §1.5 [S12])", [],
        "period is not YYYY-MM",
        "期间不是 YYYY-MM 格式";
    /// A period range ends before it starts.
    PeriodOrder = "rule.period_order", Error, "LL-RULE-006",
        "domain.md §4.4 (inclusive ranges)", [],
        "period range ends before it starts",
        "期间的结束月份早于开始月份";
    /// Two periods of the same scheme overlap.
    PeriodOverlap = "rule.period_overlap", Error, "LL-RULE-006",
        "no double years, 先转后清 (domain.md §4.4 [S7])", [],
        "two periods of the same scheme overlap",
        "同一险种的两个参保期间重叠";
    /// A stated month count differs from the periods.
    MonthsMismatch = "rule.months_mismatch", Error, "LL-RULE-006",
        "sum of months = stated 实际缴费月数 (domain.md §4.4)", [],
        "stated month count differs from the periods",
        "申报的月数与期间计算结果不一致";
    /// A step took longer than its deadline.
    DeadlineMissed = "rule.deadline_missed", Warning, "LL-RULE-015",
        "schemas/flows.json: pension 15 wd [S2], medical 10/5 wd [S16], arrival 30 days [S20] (domain.md §3.1, §4.1, §4.2), 工伤认定 60 days (工伤保险条例 art. 20)",
        ["deadlines.*", "arrival_registration_days", "work_injury_decision_days"],
        "a step took longer than its deadline",
        "某一环节的办理时间超过了时限";
    /// A deadline was counted over an unconfirmed holiday year.
    CalendarProvisional = "rule.calendar_provisional", Warning, "LL-RULE-015",
        "国务院办公厅 annual holiday notices (放假安排; 调休 included)", [],
        "the deadline was computed over a year whose holiday schedule is not confirmed",
        "时限计算涉及节假日安排尚未确定（暂定）的年份";
    /// A stated total differs from the sum of its items.
    TotalMismatch = "rule.total_mismatch", Error, "LL-RULE-008",
        "国办发〔2009〕66号 art. 4 (transfer = personal account + pooled fund; domain.md §4.4)", [],
        "a stated total (transfer amount, totals row, claimed/approved total, reconciliation total) differs from the sum of its items",
        "申报的合计（转移金额、合计行、申报/核准总额、对账合计）不等于各项之和";
    /// A long one-off back-payment is transferred without its document.
    BackPaymentDocument = "rule.back_payment_document", Error, "LL-RULE-009",
        "人社厅发〔2019〕94号 points 1–2; 人社部规〔2016〕5号 (domain.md §4.1 [S8])",
        ["back_payment_document_min_months", "back_payment_rule_effective_date"],
        "a one-off back-payment covering 3 years or more is transferred instead of withheld without its document: paid before 人社部规〔2016〕5号, a written commitment (or an official document dated no later than the payment); paid after, a court, audit, labour-inspection or arbitration document dated before the payment",
        "一次性补缴3年及以上的缴费未被剔除，且缺少相应文书：人社部规〔2016〕5号施行前补缴的，需书面承诺书（或不晚于补缴日期的正式文书）；施行后补缴的，需补缴前出具的法院、审计、劳动保障监察或仲裁文书";
    /// A training certificate number disagrees with its declared fields.
    CertificateNumber = "rule.certificate_number", Error, "LL-RULE-014",
        "certificate numbering of 职业技能等级证书 / 职业资格证书 (domain.md §1.4 [S28])", [],
        "a training certificate number disagrees with its kind, level, issue year or province code",
        "培训证书编号与其证书类型、等级、发证年份或省份代码不一致";
    /// A certificate is issued after the message date.
    CertificateIssueDate = "rule.certificate_issue_date", Error, "LL-RULE-014",
        "issue year ≤ message date (domain.md §1.4, §2.5)", [],
        "a certificate is issued after the message date",
        "证书的发证日期晚于消息日期";
    /// A marital-status code is not in GB/T 2261.2.
    MaritalStatusCode = "rule.marital_status_code", Error, "LL-RULE-017",
        "GB/T 2261.2-2003 婚姻状况代码 (codes::national::MARITAL_STATUS; domain-review §1 B1)", [],
        "marital status is not a GB/T 2261.2-2003 code (10, 20, 21, 22, 23, 30, 40, 90)",
        "婚姻状况不是 GB/T 2261.2-2003 代码（10、20、21、22、23、30、40、90）";
    /// An ethnicity code is not in GB/T 3304.
    EthnicityCode = "rule.ethnicity_code", Error, "LL-RULE-017",
        "GB/T 3304-1991 民族代码 (codes::national::ETHNICITY; domain-review §1 A2)", [],
        "ethnicity is not a GB/T 3304-1991 code (01–56, 97 other, 98 foreign origin)",
        "民族不是 GB/T 3304-1991 代码（01–56、97 其他、98 外国血统中国籍人士）";
    /// An education code is not in GB/T 4658.
    EducationCode = "rule.education_code", Error, "LL-RULE-017",
        "GB/T 4658-2006 学历代码 (codes::national::EDUCATION; domain-review §1 A2)", [],
        "education is not a GB/T 4658-2006 code",
        "文化程度不是 GB/T 4658-2006 学历代码";
    /// An industry code is not in GB/T 4754.
    IndustryCode = "rule.industry_code", Error, "LL-RULE-017",
        "GB/T 4754-2017 国民经济行业分类 (codes::national::INDUSTRY_SECTIONS / INDUSTRY_DIVISIONS; domain-review §1 A1)", [],
        "industry is not a GB/T 4754-2017 section (A–T) or its division is unknown or under another section",
        "行业不是 GB/T 4754-2017 门类（A–T），或其大类不存在、不属于该门类";
    /// An occupation code's major group is not in the 2022 classification.
    OccupationCode = "rule.occupation_code", Error, "LL-RULE-017",
        "职业分类大典（2022年版） major groups 1–8 (codes::national::OCCUPATION_MAJOR_GROUPS; domain-review §1 A1)", [],
        "occupation code's major group is not one of the 2022 occupational classification's 1–8",
        "职业代码的大类不是《职业分类大典（2022年版）》的第1–8大类";
    /// A roster names the same person, or the same line number, twice.
    DuplicateWorker = "rule.duplicate_worker", Error, "LL-RULE-021",
        "domain.md §2.5 (one active placement per worker per period)", [],
        "the same person (citizen ID) or the same line number appears twice in one roster; the later row is the duplicate",
        "同一名单中同一人员（公民身份号码）或同一序号出现两次；后出现的一行为重复";
    // -- issue 11 item 10: labour cooperation (未成年工, enrolment, agreement, wage evidence) --
    /// A worker aged 16–17 (未成年工).
    MinorWorker = "rule.minor_worker", Warning, "LL-RULE-013",
        "未成年工特殊保护规定 art. 2, 6, 9; 劳动法 art. 58, 64–65 (domain-review §1 A2)",
        ["minimum_working_age", "minor_worker_below_age"],
        "the worker is a minor worker (未成年工, aged 16-17) at the start date: the employer must register them (未成年工登记) and keep them from prohibited work",
        "劳动者在开始日期为未成年工（16–17周岁）：用人单位须办理未成年工登记，并不得安排其从事禁忌劳动";
    /// Social-insurance enrolment later than 30 days after the start of employment.
    InsuranceEnrolmentLate = "rule.insurance_enrolment_late", Warning, "LL-RULE-018",
        "社会保险法 art. 58 (自用工之日起三十日内; domain.md §2.3 A4)", ["insurance_enrolment_max_days"],
        "the worker was enrolled in social insurance more than 30 days after the start of employment",
        "用人单位未在用工之日起30日内为劳动者办理社会保险登记";
    /// A subsidy claim for a worker without wage-payment evidence.
    WageEvidenceMissing = "rule.wage_evidence_missing", Warning, "LL-RULE-018",
        "劳务协作协议 subsidy conditions (domain-review §1 A5: 3 months of bank wage statements)", [],
        "a subsidy claim names a worker for whom the report carries no wage-payment evidence (months paid, amount, payroll or bank statement)",
        "补贴申请所涉劳动者在本报告中没有工资支付凭证（已发放月数、金额、工资表或银行流水）";
    /// A labour-cooperation agreement's terms are incoherent.
    AgreementTerms = "rule.agreement_terms", Error, "LL-RULE-018",
        "劳务协作协议 (domain.md §2.1, §2.5; issue 11 item 10)", [],
        "agreement milestones are not strictly ascending, a subsidy names a milestone the agreement does not have, or the agreement ends before it starts",
        "协议的稳岗节点未严格递增、补贴项目引用了协议中没有的稳岗节点，或协议终止日期早于生效日期";
    // -- issue 11 item 8: benefit place at retirement, retirement ages, 城乡衔接 ------------------
    /// The statutory retirement month or the retirement date contradicts the 2025 reform.
    RetirementAge = "rule.retirement_age", Error, "LL-RULE-019",
        "全国人大常委会 2024-09-13 决定, 渐进式延迟法定退休年龄的办法 (domain.md §4.1 [S19]); 人社部发〔2014〕17号 (城乡衔接 at the statutory retirement age)",
        ["statutory_retirement_ages", "flexible_early_retirement_max_months"],
        "the stated statutory retirement month differs from the one computed from the birth month and category, or urban-rural bridging is decided before the earliest lawful retirement month (flexible early retirement at most 3 years earlier, never below the original age)",
        "申报的法定退休年月与按出生年月和人员类别计算的结果不一致，或在最早可退休年月（弹性提前退休最多提前3年，且不低于原法定退休年龄）之前办理城乡衔接";
    /// Urban–rural bridging in the wrong direction for the employee contribution months.
    BridgingDirection = "rule.bridging_direction", Error, "LL-RULE-019",
        "人社部发〔2014〕17号 art. 3 (15 years, rising from 2030 under the 2025 reform)",
        ["pension_min_contribution"],
        "urban-rural bridging direction contradicts the employee contribution months: with the minimum (15 years, rising from 2030) the resident account moves into the employee scheme, below it the employee account moves into the resident scheme",
        "城乡衔接方向与职工养老保险缴费月数不符：达到最低缴费年限（15年，2030年起逐步提高）的由城乡居民养老保险转入职工养老保险，不足的由职工养老保险转入城乡居民养老保险";
    /// The aggregation instructions leave out a place or include the benefit place.
    Aggregation = "rule.aggregation", Error, "LL-RULE-019",
        "国办发〔2009〕66号 art. 6–7 (关系和资金归集到待遇领取地; domain.md §4.1)", ["benefit_place_match_level"],
        "an insured place outside the benefit place's area is not in the aggregation, a place inside it is, or a temporary-account place is aggregated as another kind",
        "待遇领取地统筹范围以外的参保地未列入归集安排、统筹范围内的参保地被列入，或临时缴费账户未按临时账户归集";
    /// An event date of a worker-rights case (or an arrears month) is after the message date.
    DateFuture = "rule.date_future", Error, "LL-RULE-020",
        "an event reported cannot lie in the future (issue 11 item 9)", [],
        "an event date (accident, report, filing, payment, decision, assessment, dispute) or an unpaid wage month is after the message date",
        "事件日期（事故、反映、申请、支付、认定、鉴定、争议）或欠薪月份晚于消息日期";
    /// Two dates of a worker-rights case are out of order.
    DateOrder = "rule.date_order", Error, "LL-RULE-020",
        "工伤保险条例 art. 17, 20–23; 劳动争议调解仲裁法 art. 27 (the steps follow each other)", [],
        "dates out of order: an 工伤认定 application before the accident or a decision before its acceptance, an assessment before the decision, arbitration before the dispute arose",
        "日期顺序错误：工伤认定申请早于事故、认定早于受理、劳动能力鉴定早于工伤认定，或仲裁申请早于争议发生";
    /// An application for 工伤认定 was filed after its window.
    WorkInjuryApplicationWindow = "rule.work_injury_application_window", Warning, "LL-RULE-020",
        "工伤保险条例 art. 17 (employer 30 days, worker/family/trade union 1 year)",
        ["work_injury_employer_application_days", "work_injury_worker_application_months"],
        "the application for 工伤认定 was filed after the employer's 30 days or the worker's 1 year (a warning: the window may be extended or suspended)",
        "工伤认定申请超过了用人单位30日或职工1年的申请时限（警告：时限可能延长或中止）";
    /// Arbitration was applied for after the 1-year limitation.
    DisputeLimitation = "rule.dispute_limitation", Warning, "LL-RULE-020",
        "劳动争议调解仲裁法 art. 27 (1 year; unpaid wages during employment from its end)",
        ["labour_dispute_limitation_months"],
        "arbitration was applied for more than the limitation (1 year) after the dispute arose, or after the employment ended for unpaid wages (a warning: the limitation can be interrupted or suspended)",
        "劳动争议仲裁申请超过一年仲裁时效（拖欠劳动报酬的自劳动关系终止之日起计算；警告：时效可中断或中止）";
    /// A disability assessment that cannot stand: grade outside 1–10, or no recognised injury.
    DisabilityAssessment = "rule.disability_assessment", Error, "LL-RULE-020",
        "工伤保险条例 art. 21–22; GB/T 16180-2014 (grades 1–10)", [],
        "a disability grade outside 1–10, or a disability assessment or benefits on an injury not recognised",
        "伤残等级不在1–10级之间，或对不予认定的工伤作出劳动能力鉴定或待遇";
    /// A paid amount disagrees with the outcome or exceeds what was owed or awarded.
    PaidAmount = "rule.paid_amount", Error, "LL-RULE-020",
        "保障农民工工资支付条例; 劳动争议调解仲裁法 (paid ≤ owed/awarded)", [],
        "a paid amount exceeds what was owed or awarded, or disagrees with the outcome (paid in full ≠ owed; partly paid not between 0 and owed)",
        "已支付金额超过欠薪或裁决金额，或与处理结果不符（全额支付却不等于欠薪额；部分支付却不在0与欠薪额之间）";
    /// A month of a wage-arrears referral lies outside its unpaid period or is listed twice.
    ArrearsMonth = "rule.arrears_month", Error, "LL-RULE-020",
        "保障农民工工资支付条例 (the arrears are stated month by month over the unpaid period)", [],
        "a wage month of the arrears lies outside the unpaid period, or is listed twice",
        "分月欠薪中的工资月份不在欠薪期间内，或重复列出";
    /// A benefit-place decision names another of the four rules than the one that gives its
    /// place.
    BenefitPlaceRule = "rule.benefit_place_rule", Warning, "LL-RULE-019",
        "国办发〔2009〕66号 art. 6 (the four rules apply in order)",
        ["benefit_place_min_years", "benefit_place_match_level"],
        "the decision names a different one of the four benefit-place rules than the one that gives the place (they apply in order; a warning: the place itself is right)",
        "决定所引用的待遇领取地判定规则与实际得出该地的规则不同（四条判定规则依次适用；警告：领取地本身正确）";
}

impl RuleCode {
    /// Looks a code up by its dotted string.
    #[must_use]
    pub fn from_code_str(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|c| c.as_str() == s)
    }

    /// Whether a finding with this code may have `severity`: the default one or the documented
    /// alternate.
    #[must_use]
    pub fn allows(self, severity: Severity) -> bool {
        severity == self.severity() || self.alternate_severity() == Some(severity)
    }

    /// The severity column of the generated tables, e.g. `error (or warning)`.
    #[must_use]
    pub fn severity_label(self) -> String {
        match self.alternate_severity() {
            Some(alt) => format!("{} (or {alt})", self.severity()),
            None => self.severity().to_string(),
        }
    }

    /// The "Business-rule codes" section of `docs/error-codes.md` (code, default severity,
    /// meaning, 说明).
    #[must_use]
    pub fn markdown_table() -> String {
        let mut out = String::from(
            "## Business-rule codes\n\n\
             A message refused by a business rule fails with `rule.violation`; its violations carry the\n\
             codes below. Warnings are reported and never reject. Generated from `RuleCode::ALL`\n\
             (`core/src/rules/codes.rs`); sources and parameters: `docs/RULES.md`.\n\n\
             | code | default severity | meaning | 说明 |\n|---|---|---|---|\n",
        );
        for c in Self::ALL {
            let _ = writeln!(
                out,
                "| `{}` | {} | {} | {} |",
                c.as_str(),
                c.severity_label(),
                cell(c.summary()),
                cell(c.summary_zh())
            );
        }
        out
    }

    /// The bilingual page `docs/RULES.md`, "Rules and their sources / 业务规则及其依据": every
    /// rule with its severity, what it checks, its source and the [`RuleParameters`] fields that
    /// tune it (with their defaults, sources and **K** marks), then the parameter table.
    #[must_use]
    pub fn rules_page() -> String {
        let defaults = serde_json::to_value(RuleParameters::default()).unwrap_or_default();
        let mut out = String::from(
            "# Rules and their sources / 业务规则及其依据\n\n\
             Generated by `cargo xtask regen` (the page `labourlink rules` prints) from the rule table\n\
             (`RuleCode`, `core/src/rules/codes.rs`) and the parameter table (`PARAMETER_SOURCES`,\n\
             `core/src/rules/params.rs`); do not edit by hand (`cargo xtask check` fails when this\n\
             file is stale).\n\n\
             本页由规则表和参数表自动生成，请勿手工修改。\n\n\
             - **Severity / 级别**: `error` rejects the message (`rule.violation`); `warning` is reported and\n  \
             never rejects. \"error (or warning)\" means the rule gives the second severity in the case\n  \
             its description names. 错误导致消息被拒收；警告仅提示，不拒收。\n\
             - **Requirement / 要求**: the `LL-RULE-…` item of `conformance/REQUIREMENTS.md`.\n\
             - **Parameters / 参数**: fields of `RuleParameters` a deployment may override (JSON). A **K**\n  \
             marks a value whose source could not be verified (`domain.md`, `domain-review.md`): check it\n  \
             against your local rules. 标 **K** 的参数其依据尚未核实，请按本地规定确认。\n\n\
             ## Rules / 规则\n\n\
             | code | severity | what it checks | 说明 | source / 依据 | requirement | parameters |\n\
             |---|---|---|---|---|---|---|\n",
        );
        for c in Self::ALL {
            let params: Vec<String> = c
                .parameters()
                .iter()
                .map(|p| {
                    let k = PARAMETER_SOURCES
                        .iter()
                        .filter(|s| parameter_matches(p, s.name))
                        .any(|s| s.unverified);
                    if k {
                        format!("`{p}` **K**")
                    } else {
                        format!("`{p}`")
                    }
                })
                .collect();
            let params = if params.is_empty() {
                "—".to_owned()
            } else {
                params.join(", ")
            };
            let _ = writeln!(
                out,
                "| `{}` | {} | {} | {} | {} | {} | {} |",
                c.as_str(),
                c.severity_label(),
                cell(c.summary()),
                cell(c.summary_zh()),
                cell(c.source()),
                c.requirement(),
                params
            );
        }
        out.push_str(
            "\n## Parameters / 参数\n\n\
             | parameter | default | source / 依据 | verified | used by |\n|---|---|---|---|---|\n",
        );
        for p in PARAMETER_SOURCES {
            let default = parameter_default(&defaults, p.name);
            let used: Vec<String> = Self::ALL
                .iter()
                .filter(|c| c.parameters().iter().any(|q| parameter_matches(q, p.name)))
                .map(|c| format!("`{}`", c.as_str()))
                .collect();
            let _ = writeln!(
                out,
                "| `{}` | `{}` | {} | {} | {} |",
                p.name,
                cell(&default),
                cell(p.source),
                if p.unverified { "**K**" } else { "V" },
                if used.is_empty() {
                    "—".to_owned()
                } else {
                    used.join(", ")
                }
            );
        }
        out.push('\n');
        out.push_str(&national::markdown());
        out.push_str(&reference_data_markdown());
        out
    }
}

/// The "Reference data" section of `docs/RULES.md`: the embedded holiday calendar and GB/T 2260
/// list the rules use, and how signed reference data replaces them.
fn reference_data_markdown() -> String {
    use crate::rules::calendar::HolidayCalendar;
    let cal = HolidayCalendar::embedded();
    let years: Vec<String> = (2024..=2027)
        .map(|y| {
            format!(
                "{y} {}",
                if cal.is_confirmed(y) {
                    "official"
                } else {
                    "**provisional**"
                }
            )
        })
        .collect();
    let (current, historic) = crate::rules::regions::counts();
    format!(
        "\n## Reference data / 参考数据\n\n\
         The working-day deadlines and the region checks use two tables that change every year. \
         Embedded (the default / 内置默认数据):\n\n\
         | table | version | |\n|---|---|---|\n\
         | holiday calendar 节假日安排 (`core/data/holidays-cn.tsv`) | `{}` | {} |\n\
         | GB/T 2260 行政区划代码 (`core/data/gbt2260.tsv`, `gbt2260-historic.tsv`) | as of {} | {current} current, {historic} historic codes |\n\n\
         A deadline counted over a provisional year carries the warning `rule.calendar_provisional`. \
         A signed `reference_data` document issued by the trust anchor (`labourlink reference-data \
         sign`, `docs/REFERENCE-DATA.md`) replaces whole calendar years (an `official` year drops the \
         warning) and adds or retires region codes, without a new release; verifiers load it with \
         `VerifierBuilderExt::reference_data` (Rust), `Verifier(..., reference_data=...)` (Python), \
         `new Verifier(list, {{referenceData}})` (JavaScript) or `[reference_data]` in `node.toml`. \
         Without it nothing changes.\n\n\
         签名参考数据由信任锚签发，可在不发布新版本的情况下替换整年的节假日安排（正式年份不再提示 \
         `rule.calendar_provisional`）并增删行政区划代码；未加载时使用内置数据。\n",
        cal.version(),
        years.join(", "),
        crate::rules::regions::CURRENT_LIST_AS_OF,
    )
}

/// The whole of `docs/error-codes.md`: the [`ErrorCode`](crate::ErrorCode) table, then the
/// "Business-rule codes" table of [`RuleCode`] (`labourlink error-codes` prints it).
#[must_use]
pub fn error_codes_page() -> String {
    format!(
        "{}\n{}",
        crate::ErrorCode::markdown_table(),
        RuleCode::markdown_table()
    )
}

/// Whether a rule's parameter name (possibly `deadlines.*`) names the parameter `name`.
fn parameter_matches(pattern: &str, name: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => name.starts_with(prefix),
        None => pattern == name,
    }
}

/// The default of a (possibly dotted) parameter as compact JSON.
fn parameter_default(defaults: &serde_json::Value, name: &str) -> String {
    let pointer = format!("/{}", name.replace('.', "/"));
    defaults
        .pointer(&pointer)
        .map_or_else(|| "?".to_owned(), serde_json::Value::to_string)
}

/// Text safe inside a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

impl FindingCode for RuleCode {
    fn code_str(self) -> &'static str {
        self.as_str()
    }

    fn default_severity(self) -> Severity {
        self.severity()
    }
}

impl fmt::Display for RuleCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<RuleCode> for &str {
    fn eq(&self, other: &RuleCode) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<&str> for RuleCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// The [`ParameterSource`] rows a rule code names (for callers building their own tables).
#[must_use]
pub fn parameter_sources(code: RuleCode) -> Vec<&'static ParameterSource> {
    PARAMETER_SOURCES
        .iter()
        .filter(|s| {
            code.parameters()
                .iter()
                .any(|p| parameter_matches(p, s.name))
        })
        .collect()
}
