//! Every threshold a rule uses, with its default and its source.
//!
//! `domain.md` marks facts it could not verify with **K**; those are parameters here like the
//! rest, and their docs say so. A deployment loads overrides from JSON: missing members keep
//! their defaults, unknown members are refused.
//!
//! ```
//! use labourlink::rules::params::RuleParameters;
//! let p = RuleParameters::from_json(r#"{"minimum_working_age": 18}"#).unwrap();
//! assert_eq!(p.minimum_working_age, 18);
//! assert_eq!(p.pooled_fund_rate_bp, 1200); // default kept
//! assert!(RuleParameters::from_json(r#"{"no_such_field": 1}"#).is_err());
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorCode, Result};
use crate::rules::Date;
use crate::rules::periods::Period;
use crate::rules::regions::RegionLevel;

/// A non-negative ratio in integer form (`numerator / denominator`), e.g. 3/2 for 1.5×.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ratio {
    /// Numerator.
    pub numerator: u32,
    /// Denominator (must not be 0; [`RuleParameters::validate`] checks).
    pub denominator: u32,
}

/// One row of an unemployment-benefit duration table: at least `min_contribution_years` of
/// contributions give `benefit_months` months of benefit (the national table of 失业保险条例
/// art. 17 gives **maxima**; a provincial table gives the months actually granted).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnemploymentTier {
    /// Contribution years needed (inclusive lower bound).
    pub min_contribution_years: u32,
    /// Maximum months of benefit for this tier.
    pub benefit_months: u32,
}

/// The retirement categories of the 2025 reform (全国人大常委会 2024-09-13 决定, 国务院《关于渐进式
/// 延迟法定退休年龄的办法》): men, women in management and technical posts (原法定退休年龄55周岁的女职工)
/// and women workers (原法定退休年龄50周岁的女职工).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RetirementCategory {
    /// Men (男职工): 60 → 63.
    Male,
    /// Women whose original age was 55 (女干部 / 管理和技术岗位): 55 → 58.
    FemaleCadre,
    /// Women whose original age was 50 (女工人): 50 → 55.
    FemaleWorker,
}

impl RetirementCategory {
    /// The wire name (`male`, `female_cadre`, `female_worker`).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Male => "male",
            Self::FemaleCadre => "female_cadre",
            Self::FemaleWorker => "female_worker",
        }
    }

    /// Parses a wire name.
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "male" => Some(Self::Male),
            "female_cadre" => Some(Self::FemaleCadre),
            "female_worker" => Some(Self::FemaleWorker),
            _ => None,
        }
    }
}

/// One category's statutory retirement age under the gradual reform: people born before
/// `first_birth_month` retire at `original_age_months`; from it on, the age grows by one month
/// per `birth_months_per_step` months of birth (the first group already gets one month), up to
/// `max_delay_months`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetirementAgeSchedule {
    /// The age before the reform, in months (720 = 60 years).
    pub original_age_months: u32,
    /// The first birth month (`YYYY-MM`) whose age is raised.
    pub first_birth_month: String,
    /// Months of birth per month of delay (4 or 2).
    pub birth_months_per_step: u32,
    /// The largest delay in months (36 or 60).
    pub max_delay_months: u32,
}

/// The three schedules of [`RetirementCategory`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetirementAges {
    /// Men: 60 years, from births in 1965-01, +1 month per 4, at most +36 (63).
    pub male: RetirementAgeSchedule,
    /// Women, original age 55: from births in 1970-01, +1 month per 4, at most +36 (58).
    pub female_cadre: RetirementAgeSchedule,
    /// Women, original age 50: from births in 1975-01, +1 month per 2, at most +60 (55).
    pub female_worker: RetirementAgeSchedule,
}

impl Default for RetirementAges {
    fn default() -> Self {
        let s = |age: u32, first: &str, per: u32, max: u32| RetirementAgeSchedule {
            original_age_months: age * 12,
            first_birth_month: first.to_owned(),
            birth_months_per_step: per,
            max_delay_months: max,
        };
        Self {
            male: s(60, "1965-01", 4, 36),
            female_cadre: s(55, "1970-01", 4, 36),
            female_worker: s(50, "1975-01", 2, 60),
        }
    }
}

impl RetirementAges {
    /// The schedule of a category.
    #[must_use]
    pub const fn schedule(&self, category: RetirementCategory) -> &RetirementAgeSchedule {
        match category {
            RetirementCategory::Male => &self.male,
            RetirementCategory::FemaleCadre => &self.female_cadre,
            RetirementCategory::FemaleWorker => &self.female_worker,
        }
    }
}

/// The minimum months of pension contributions for a monthly pension (最低缴费年限), by the year
/// of retirement: `base_months` up to the year before `first_increase_year`, then
/// `increase_months_per_year` more each year up to `max_months` (2025 reform: 15 years until
/// 2029, +6 months a year from 2030, 20 years from 2039).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MinimumContributionSchedule {
    /// 180 months (15 years).
    pub base_months: u32,
    /// 2030: the first year with a higher minimum.
    pub first_increase_year: i32,
    /// 6 months a year.
    pub increase_months_per_year: u32,
    /// 240 months (20 years).
    pub max_months: u32,
}

impl Default for MinimumContributionSchedule {
    fn default() -> Self {
        Self {
            base_months: 180,
            first_increase_year: 2030,
            increase_months_per_year: 6,
            max_months: 240,
        }
    }
}

/// A step whose deadline is counted in working days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DeadlineStep {
    /// Pension C3: 联系函 after the transfer application.
    PensionContactLetter,
    /// Pension C4: 信息表 + fund transfer after the 联系函.
    PensionTransfer,
    /// Pension C5: completion after receiving information and funds.
    PensionCompletion,
    /// Pension: telling the person that back-paid periods are withheld, after the 联系函.
    PensionBackPaymentNotice,
    /// Medical (2021): sender ends the relation and uploads the 信息表 after the application.
    MedicalSender,
    /// Medical (2021): receiver completes the transfer-in after the 信息表.
    MedicalReceiver,
    /// Family planning B3: verification request after the application.
    FpVerificationRequest,
    /// Family planning B4: verification reply after the request.
    FpVerificationReply,
    /// Family planning B5: birth-registration notice after registering.
    FpBirthNotice,
    /// Family planning: checking a 婚育证明 at the residence place.
    FpCertificateCheck,
}

/// Deadlines in working days, per step (domain.md §3.1, §3.3, §4.1, §4.2, §5).
///
/// The family-planning deadlines are `None` (not checked) by default, like the worker-transfer
/// ones of the flow table: their only sources are one city's guide and pre-2015 local rules
/// (domain-review §2), so they apply only once a service agreement sets them. The pregnancy-
/// notice deadline (an enforcement-era step) was removed in 2026-12.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Deadlines {
    /// 15 — pension C3 (联系函 ≤ 15 wd after the application), domain.md §4.1 \[S2\] (V;
    /// some provinces use 10 \[S10\]).
    pub pension_contact_letter: u32,
    /// 15 — pension C4 (信息表 + funds ≤ 15 wd after the 联系函), domain.md §4.1 \[S2\] (V).
    pub pension_transfer: u32,
    /// 15 — pension C5 (completion ≤ 15 wd after receiving both), domain.md §4.1 \[S2\] (V).
    pub pension_completion: u32,
    /// 10 — withheld back-payment periods: person informed ≤ 10 wd after the 联系函,
    /// domain.md §4.1 \[S8\] (V).
    pub pension_back_payment_notice: u32,
    /// 10 — medical 2021, sender ≤ 10 wd, domain.md §4.2 \[S16\] (V).
    pub medical_sender: u32,
    /// 5 — medical 2021, receiver ≤ 5 wd, domain.md §4.2 \[S16\] (V).
    pub medical_receiver: u32,
    /// `None` (not checked) — family-planning verification request. One city's guide says
    /// 7 wd (domain.md §3.1 \[S24\]); a PADIS-era provincial rule used 15 days (urgent) and
    /// 30 days (domain-review §1 B3/B4, **K**). Set by the service agreement.
    pub fp_verification_request: Option<u32>,
    /// `None` (not checked) — verification reply; 15 wd in \[S24\] (local, see above).
    pub fp_verification_reply: Option<u32>,
    /// `None` (not checked) — birth-registration notice; 15 wd in \[S24\] (local).
    pub fp_birth_notice: Option<u32>,
    /// `None` (not checked) — 婚育证明 check; 5 wd in pre-2015 local rules, domain.md §3.1
    /// \[S21\].
    pub fp_certificate_check: Option<u32>,
}

impl Default for Deadlines {
    fn default() -> Self {
        Self {
            pension_contact_letter: 15,
            pension_transfer: 15,
            pension_completion: 15,
            pension_back_payment_notice: 10,
            medical_sender: 10,
            medical_receiver: 5,
            fp_verification_request: None,
            fp_verification_reply: None,
            fp_birth_notice: None,
            fp_certificate_check: None,
        }
    }
}

impl Deadlines {
    /// The deadline of a step, in working days; `None` = not checked.
    #[must_use]
    pub const fn working_days(&self, step: DeadlineStep) -> Option<u32> {
        match step {
            DeadlineStep::PensionContactLetter => Some(self.pension_contact_letter),
            DeadlineStep::PensionTransfer => Some(self.pension_transfer),
            DeadlineStep::PensionCompletion => Some(self.pension_completion),
            DeadlineStep::PensionBackPaymentNotice => Some(self.pension_back_payment_notice),
            DeadlineStep::MedicalSender => Some(self.medical_sender),
            DeadlineStep::MedicalReceiver => Some(self.medical_receiver),
            DeadlineStep::FpVerificationRequest => self.fp_verification_request,
            DeadlineStep::FpVerificationReply => self.fp_verification_reply,
            DeadlineStep::FpBirthNotice => self.fp_birth_notice,
            DeadlineStep::FpCertificateCheck => self.fp_certificate_check,
        }
    }
}

/// Every threshold of [`crate::rules`], with documented defaults and sources.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RuleParameters {
    /// 1200 basis points (12%) — pooled-fund (统筹基金) transfer rate applied to each year's
    /// contribution base, domain.md §4.1 art. 4 \[S3\] (V).
    pub pooled_fund_rate_bp: u32,
    /// 1998 — first year whose base counts for the pooled fund (since 1998-01-01),
    /// domain.md §4.1 \[S3\] (V).
    pub pooled_fund_first_year: i32,
    /// 1100 basis points — personal-account recording rate 1998–2005, domain.md §4.1 \[S4\]
    /// (V for the 机关事业 rules, "same logic quoted" for enterprises: check locally).
    pub personal_account_rate_bp_1998_2005: u32,
    /// 800 basis points — personal-account recording rate from 2006, domain.md §4.1 \[S4\]
    /// (as above).
    pub personal_account_rate_bp_from_2006: u32,
    /// 50 — men aged ≥ 50 moving cross-province (not back to the hukou province, not an
    /// organised transfer 组织调动) get a temporary account **at the new place**, 国办发〔2009〕
    /// 66号 art. 6, domain.md §4.1 \[S5\] (V). Only the opening of such an account is
    /// age-checked; transferring an existing one never is (LL-RULE-012, changed 2026-12).
    pub temporary_account_min_age_male: u32,
    /// 40 — the same for women, domain.md §4.1 \[S5\] (V).
    pub temporary_account_min_age_female: u32,
    /// 10 — accumulated contribution years that make a place a benefit-claiming place,
    /// domain.md §4.1 rules 2–4 \[S6\] (V).
    pub benefit_place_min_years: u32,
    /// Province — at which level two region codes are "the same place" when deciding the
    /// benefit place (pooling area). Provincial pooling (省级统收统支, 2020): Ningbo HRSS guidance
    /// says the benefit place is the last insured place in Zhejiang, and years in two cities of
    /// one province count together (domain-review §3 item 5; the guidance was read in a
    /// repost, **K**). `prefecture` restores the pre-2026-12 default.
    pub benefit_place_match_level: RegionLevel,
    /// 3 — a medical-insurance gap of at most this many months, **back-paid**, leaves no
    /// waiting period (医保办发〔2021〕43号: "可按转入地规定补缴"), domain.md §4.2 \[S16\] (V).
    /// Without the back-payment the transfer-in place's rules apply (e.g. Fujian: 6 months at
    /// 50%), so only a waiting period beyond `medical_max_waiting_months` is reported, as a
    /// warning.
    pub medical_no_wait_max_gap_months: u32,
    /// 6 — the longest waiting period after a longer gap (2021 rule: "不超过6个月"),
    /// domain.md §4.2 \[S16\] (V; Jiangsu "in principle ≤ 3": a local parameter).
    pub medical_max_waiting_months: u32,
    /// 2025 — first year in which resident medical insurance (390) uses the waiting periods
    /// of 国办发〔2024〕38号 instead of the 2021 rule (domain-review §3 item 3; read in a
    /// government Q&A repost, **K**). The year is that of the message's reference date.
    pub medical_resident_waiting_from_year: i32,
    /// 3 — resident insurance from `medical_resident_waiting_from_year`: the fixed waiting
    /// period after enrolling outside the concentrated period or with a lapse (国办发〔2024〕38号,
    /// **K**).
    pub medical_resident_fixed_waiting_months: u32,
    /// 1 — resident insurance: months added to the fixed waiting period per year (begun) of
    /// lapse (国办发〔2024〕38号 "每多断保1年…增加…1个月", **K**). A longer waiting period is a
    /// warning (the text says "原则上"; back-payment shortens it).
    pub medical_resident_waiting_months_per_lapse_year: u32,
    /// 24 — continuous months needed before switching between employee and resident schemes
    /// keeps the short-gap treatment, domain.md §4.2 \[S16\] (V).
    pub medical_scheme_switch_min_months: u32,
    /// `[1→12, 5→18, 10→24]` — the national **maximum** benefit months by contribution years
    /// (失业保险条例 art. 17 "最长为12/18/24个月"), domain.md §4.3 \[S18\] (V). Ascending by
    /// years; below the first tier there is no benefit. More months than the tier allows is an
    /// error when the carried-over months are stated, else a warning; fewer is lawful
    /// (provinces set lower, stepwise tables: `unemployment_regional_tiers`).
    pub unemployment_tiers: Vec<UnemploymentTier>,
    /// Empty — provincial (or prefectural) benefit-duration tables, keyed by the region code of
    /// the paying agency's province (`PP0000`) or prefecture (`PPCC00`); the prefecture's
    /// table wins. Entitled months that differ from the table (after carried-over months) are a
    /// **warning**. No table is embedded: Zhejiang's could not be verified (domain-review §5,
    /// **K**).
    pub unemployment_regional_tiers: BTreeMap<String, Vec<UnemploymentTier>>,
    /// 24 — cap on benefit months including carried-over entitlement, domain.md §4.3 \[S18\] (V).
    pub unemployment_max_months: u32,
    /// 3/2 — cross-province unemployment transfer = remaining benefit × 1.5 (benefit + half for
    /// medical subsidy and training/placement subsidies), 部长令8号 art. 22, domain.md §4.3
    /// \[S17\] (V). Across provinces only: within a province the province decides (art. 23),
    /// and nothing is checked.
    pub unemployment_transfer_factor: Ratio,
    /// 36 — a one-off pension back-payment covering this many months or more needs a document
    /// (人社厅发〔2019〕94号 "超过3年(含3年)"), domain.md §4.1 \[S8\] (V).
    pub back_payment_document_min_months: u32,
    /// `"2016-11-28"` — effective date of 人社部规〔2016〕5号: back-payments made **before** it
    /// are covered by the sender's written commitment (书面承诺书, written at transfer time,
    /// so dated later), those made on or after it only by a court, audit, labour-inspection or
    /// arbitration document dated **before** the payment (人社厅发〔2019〕94号 points 1–2). The
    /// default is the notice's date; its in-force date is unverified (domain-review §5, **K**).
    pub back_payment_rule_effective_date: String,
    /// 1 — tolerance, in fen per contributed month, between a pooled-fund row (or a stated
    /// total) and the SDK's rounding: the regulation ("按12%的总和转移") does not define rounding,
    /// and per-month and per-year rounding differ by a few fen (domain-review §3 item 6). A
    /// difference within it is a **warning**, beyond it an error.
    pub pooled_fund_rounding_tolerance_fen_per_month: u32,
    /// 16 — minimum working age at the start date. **K** (劳动法 art. 15), domain.md §2.3 A2,
    /// §2.5.
    pub minimum_working_age: u32,
    /// 18 — youngest age for a marriage-and-childbearing certificate (婚育证明),
    /// domain.md §3.1, §3.4 \[S21\]\[S22\] (V; local rules).
    pub marriage_certificate_min_age: u32,
    /// 49 — oldest age (inclusive) for a 婚育证明; it lapses afterwards, domain.md §3.4
    /// \[S21\]\[S22\] (V; local rules).
    pub marriage_certificate_max_age: u32,
    /// 30 — calendar days after arrival for the 婚育证明 / arrival registration,
    /// domain.md §3.1 art. 8 \[S20\] (V).
    pub arrival_registration_days: u32,
    /// 18 — a worker younger than this (and at least `minimum_working_age`) is a minor worker
    /// (未成年工, 16–17): a **warning** `rule.minor_worker` asks for the employer's 未成年工登记
    /// and the work restrictions (《未成年工特殊保护规定》 art. 2, 6, 9; 劳动法 art. 58, 64–65;
    /// domain-review §1 A2, read in reposts, **K**).
    pub minor_worker_below_age: u32,
    /// `Some(30)` — calendar days from the start of employment within which the employer
    /// registers the worker for social insurance (社会保险法 art. 58 "自用工之日起三十日内";
    /// domain.md §2.3 A4 marks it **K**); later is a **warning** `rule.insurance_enrolment_late`.
    /// `None` = not checked.
    pub insurance_enrolment_max_days: Option<u32>,
    /// The statutory retirement ages under the 2025 gradual reform (全国人大常委会 2024-09-13
    /// 决定 and its 办法; domain.md §4.1 [S19], read in reposts, **K**), per category.
    pub statutory_retirement_ages: RetirementAges,
    /// The minimum pension contribution months by retirement year (2025 reform: 15 years,
    /// +6 months a year from 2030, 20 years from 2039; domain.md §4.1 [S19], **K**). Urban–rural
    /// bridging (城乡衔接, 人社部发〔2014〕17号) into the employee scheme needs this many employee
    /// months at the statutory retirement age.
    pub pension_min_contribution: MinimumContributionSchedule,
    /// 36 — how many months before the statutory retirement month a person with the minimum
    /// contribution may retire early (弹性提前退休, never below the original age; 渐进式延迟法定
    /// 退休年龄的办法 art. 2, domain.md §4.1 [S19], **K**). Urban–rural bridging is checked
    /// against the earliest such month.
    pub flexible_early_retirement_max_months: u32,
    /// 1900 — earliest plausible birth year in an ID number. Not a domain fact: a plausibility
    /// bound (the GB 11643 example `440524188001010014` is from 1880 and fails it).
    pub citizen_id_min_birth_year: i32,
    /// false — whether an ID address code in neither the current nor the historic GB/T 2260
    /// list is an error. By default it is a **warning** `rule.citizen_id_region`: registries
    /// hold genuine IDs with non-standard address codes (domain-review §2; PADIS even dropped
    /// the check-digit test).
    pub citizen_id_region_is_error: bool,
    /// 30 — calendar days after the accident (or the occupational-disease diagnosis) for the
    /// **employer** to apply for 工伤认定 (工伤保险条例 art. 17 ¶1; read in several public
    /// reposts). Later is a warning: the administration may extend it, and the employer then
    /// bears the costs of the meantime (art. 17 ¶4).
    pub work_injury_employer_application_days: u32,
    /// 12 — months after the accident for the **worker, a close relative or the trade union**
    /// to apply (工伤保险条例 art. 17 ¶2 "1年内"; read in several public reposts). Later is a
    /// warning (justified delays do not count, 工伤认定办法).
    pub work_injury_worker_application_months: u32,
    /// 60 — calendar days from accepting an application to the 工伤认定 decision (工伤保险条例
    /// art. 20; read in several public reposts); the flow-table deadline
    /// `deadline.worker_rights.work_injury_decision` (a warning; suspended while a judicial
    /// conclusion is awaited, 15 days for clear cases).
    pub work_injury_decision_days: u32,
    /// 12 — months of the arbitration limitation (劳动争议调解仲裁法 art. 27 "一年"; read in several
    /// public reposts). Unpaid wages during employment are not limited; after the employment
    /// ends the year runs from its end (art. 27 ¶4). Later is a warning (interruption and
    /// suspension, art. 27 ¶2–3).
    pub labour_dispute_limitation_months: u32,
    /// Working-day deadlines per step.
    pub deadlines: Deadlines,
}

impl Default for RuleParameters {
    fn default() -> Self {
        Self {
            pooled_fund_rate_bp: 1200,
            pooled_fund_first_year: 1998,
            personal_account_rate_bp_1998_2005: 1100,
            personal_account_rate_bp_from_2006: 800,
            temporary_account_min_age_male: 50,
            temporary_account_min_age_female: 40,
            benefit_place_min_years: 10,
            benefit_place_match_level: RegionLevel::Province,
            medical_no_wait_max_gap_months: 3,
            medical_max_waiting_months: 6,
            medical_resident_waiting_from_year: 2025,
            medical_resident_fixed_waiting_months: 3,
            medical_resident_waiting_months_per_lapse_year: 1,
            medical_scheme_switch_min_months: 24,
            unemployment_tiers: vec![
                UnemploymentTier {
                    min_contribution_years: 1,
                    benefit_months: 12,
                },
                UnemploymentTier {
                    min_contribution_years: 5,
                    benefit_months: 18,
                },
                UnemploymentTier {
                    min_contribution_years: 10,
                    benefit_months: 24,
                },
            ],
            unemployment_regional_tiers: BTreeMap::new(),
            unemployment_max_months: 24,
            unemployment_transfer_factor: Ratio {
                numerator: 3,
                denominator: 2,
            },
            back_payment_document_min_months: 36,
            back_payment_rule_effective_date: "2016-11-28".to_owned(),
            pooled_fund_rounding_tolerance_fen_per_month: 1,
            minimum_working_age: 16,
            marriage_certificate_min_age: 18,
            marriage_certificate_max_age: 49,
            arrival_registration_days: 30,
            minor_worker_below_age: 18,
            insurance_enrolment_max_days: Some(30),
            statutory_retirement_ages: RetirementAges::default(),
            pension_min_contribution: MinimumContributionSchedule::default(),
            flexible_early_retirement_max_months: 36,
            citizen_id_min_birth_year: 1900,
            citizen_id_region_is_error: false,
            work_injury_employer_application_days: 30,
            work_injury_worker_application_months: 12,
            work_injury_decision_days: 60,
            labour_dispute_limitation_months: 12,
            deadlines: Deadlines::default(),
        }
    }
}

impl RuleParameters {
    /// Reads overrides from JSON (missing members keep their defaults) and validates them.
    ///
    /// # Errors
    /// `input.invalid` when the JSON is malformed, has unknown members or wrong types, or fails
    /// [`RuleParameters::validate`].
    pub fn from_json(text: &str) -> Result<Self> {
        let p: Self = serde_json::from_str(text).map_err(|e| {
            Error::new(
                ErrorCode::InputInvalid,
                format!("rule parameters are invalid: {e}"),
            )
        })?;
        p.validate()?;
        Ok(p)
    }

    /// Checks the values are coherent: non-zero ratio denominator, ascending tiers, age
    /// bounds in order, rates at most 100%.
    ///
    /// # Errors
    /// `input.invalid` naming the first incoherent member.
    pub fn validate(&self) -> Result<()> {
        let bad = |what: &str| {
            Err(Error::new(
                ErrorCode::InputInvalid,
                format!("rule parameters are invalid: {what}"),
            ))
        };
        if self.unemployment_transfer_factor.denominator == 0 {
            return bad("unemployment_transfer_factor.denominator is 0");
        }
        if self
            .unemployment_tiers
            .windows(2)
            .any(|w| matches!(w, [a, b] if a.min_contribution_years >= b.min_contribution_years))
        {
            return bad("unemployment_tiers are not strictly ascending by min_contribution_years");
        }
        for (region, tiers) in &self.unemployment_regional_tiers {
            if !crate::rules::regions::is_code_format(region) {
                return bad(
                    "unemployment_regional_tiers has a key that is not a 6-digit region code",
                );
            }
            if tiers.windows(2).any(
                |w| matches!(w, [a, b] if a.min_contribution_years >= b.min_contribution_years),
            ) {
                return bad(
                    "unemployment_regional_tiers has a table not strictly ascending by min_contribution_years",
                );
            }
        }
        if self.back_payment_rule_effective().is_none() {
            return bad("back_payment_rule_effective_date is not a date YYYY-MM-DD");
        }
        for c in [
            RetirementCategory::Male,
            RetirementCategory::FemaleCadre,
            RetirementCategory::FemaleWorker,
        ] {
            let sch = self.statutory_retirement_ages.schedule(c);
            if Period::parse(&sch.first_birth_month).is_none() {
                return bad(
                    "statutory_retirement_ages has a first_birth_month that is not YYYY-MM",
                );
            }
            if sch.birth_months_per_step == 0 {
                return bad("statutory_retirement_ages has a birth_months_per_step of 0");
            }
        }
        if self.pension_min_contribution.base_months > self.pension_min_contribution.max_months {
            return bad("pension_min_contribution.base_months is above max_months");
        }
        if self.marriage_certificate_min_age > self.marriage_certificate_max_age {
            return bad("marriage_certificate_min_age is above marriage_certificate_max_age");
        }
        if [
            self.pooled_fund_rate_bp,
            self.personal_account_rate_bp_1998_2005,
            self.personal_account_rate_bp_from_2006,
        ]
        .iter()
        .any(|&r| r > 10_000)
        {
            return bad("a rate is above 10000 basis points");
        }
        Ok(())
    }

    /// [`RuleParameters::back_payment_rule_effective_date`] as a date (`None` when malformed;
    /// [`RuleParameters::validate`] refuses that).
    #[must_use]
    pub fn back_payment_rule_effective(&self) -> Option<Date> {
        Date::parse(&self.back_payment_rule_effective_date)
    }

    /// The provincial or prefectural unemployment table that applies to an agency in
    /// `region` (the prefecture's before the province's), if one is configured.
    #[must_use]
    pub fn unemployment_regional_table(&self, region: &str) -> Option<&[UnemploymentTier]> {
        let prefecture = region.get(..4).map(|p| format!("{p}00"));
        let province = region.get(..2).map(|p| format!("{p}0000"));
        [prefecture, province]
            .into_iter()
            .flatten()
            .find_map(|k| self.unemployment_regional_tiers.get(&k))
            .map(Vec::as_slice)
    }
}

impl RuleParameters {
    /// The statutory retirement month (法定退休时间) of a person born in `birth` (the month of the
    /// birth date) in `category`: the birth month plus the category's age after the gradual
    /// reform (a delay of ⌊(birth − first)/step⌋ + 1 months, at most the maximum, for births from
    /// the first affected month). `None` when the schedule is malformed or the month is out of
    /// range.
    ///
    /// ```
    /// use labourlink::rules::params::{RetirementCategory, RuleParameters};
    /// use labourlink::rules::periods::Period;
    /// let p = RuleParameters::default();
    /// let m = |s: &str| Period::parse(s).unwrap();
    /// // Published examples: a man born 1965-01 retires at 60 years 1 month, in 2025-02…
    /// assert_eq!(p.statutory_retirement_month(m("1965-01"), RetirementCategory::Male), Some(m("2025-02")));
    /// // …a man born 1976-09 or later at 63; a woman worker born 1975-01 at 50 years 1 month.
    /// assert_eq!(p.statutory_retirement_month(m("1976-09"), RetirementCategory::Male), Some(m("2039-09")));
    /// assert_eq!(p.statutory_retirement_month(m("1975-01"), RetirementCategory::FemaleWorker), Some(m("2025-02")));
    /// ```
    #[must_use]
    pub fn statutory_retirement_month(
        &self,
        birth: Period,
        category: RetirementCategory,
    ) -> Option<Period> {
        let sch = self.statutory_retirement_ages.schedule(category);
        let first = Period::parse(&sch.first_birth_month)?;
        let since = birth.index() - first.index();
        let delay = if since < 0 || sch.birth_months_per_step == 0 {
            0
        } else {
            (since / i64::from(sch.birth_months_per_step) + 1).min(i64::from(sch.max_delay_months))
        };
        Period::from_index(birth.index() + i64::from(sch.original_age_months) + delay)
    }

    /// The earliest lawful retirement month under flexible early retirement (弹性提前退休): the
    /// statutory month less `flexible_early_retirement_max_months`, but never before the
    /// original age.
    ///
    /// ```
    /// use labourlink::rules::params::{RetirementCategory, RuleParameters};
    /// use labourlink::rules::periods::Period;
    /// let p = RuleParameters::default();
    /// let m = |s: &str| Period::parse(s).unwrap();
    /// // A man born 1970-01 (statutory 2031-05, 61 years 4 months) may retire at 60, in 2030-01.
    /// assert_eq!(p.earliest_retirement_month(m("1970-01"), RetirementCategory::Male), Some(m("2030-01")));
    /// ```
    #[must_use]
    pub fn earliest_retirement_month(
        &self,
        birth: Period,
        category: RetirementCategory,
    ) -> Option<Period> {
        let statutory = self.statutory_retirement_month(birth, category)?;
        let original = i64::from(
            self.statutory_retirement_ages
                .schedule(category)
                .original_age_months,
        );
        let early = statutory.index() - i64::from(self.flexible_early_retirement_max_months);
        Period::from_index(early.max(birth.index() + original))
    }

    /// The minimum pension contribution months (最低缴费年限) for a retirement in `year`
    /// ([`RuleParameters::pension_min_contribution`]).
    ///
    /// ```
    /// use labourlink::rules::params::RuleParameters;
    /// let p = RuleParameters::default();
    /// assert_eq!(p.minimum_contribution_months(2029), 180);
    /// assert_eq!(p.minimum_contribution_months(2030), 186);
    /// assert_eq!(p.minimum_contribution_months(2039), 240);
    /// assert_eq!(p.minimum_contribution_months(2045), 240);
    /// ```
    #[must_use]
    pub fn minimum_contribution_months(&self, year: i32) -> u32 {
        let s = &self.pension_min_contribution;
        if year < s.first_increase_year {
            return s.base_months;
        }
        let steps = u32::try_from(year - s.first_increase_year + 1).unwrap_or(u32::MAX);
        s.base_months
            .saturating_add(steps.saturating_mul(s.increase_months_per_year))
            .min(s.max_months.max(s.base_months))
    }
}

/// Where a [`RuleParameters`] field's default comes from, and whether that source was verified.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct ParameterSource {
    /// The field's JSON name, dotted for nested members (`deadlines.pension_transfer`).
    pub name: &'static str,
    /// The regulation, standard or `domain.md` section the default follows (short form).
    pub source: &'static str,
    /// Whether `domain.md` / `domain-review.md` mark the fact **K** (not verified in a source).
    pub unverified: bool,
}

const fn ps(name: &'static str, source: &'static str, unverified: bool) -> ParameterSource {
    ParameterSource {
        name,
        source,
        unverified,
    }
}

/// Every [`RuleParameters`] field (nested ones dotted) with its source and **K** mark, in
/// declaration order. A test checks the names against the serialized defaults, so a renamed or
/// added field without a row fails; `docs/RULES.md` is generated from it.
pub const PARAMETER_SOURCES: &[ParameterSource] = &[
    ps(
        "pooled_fund_rate_bp",
        "国办发〔2009〕66号 art. 4, domain.md §4.1 [S3]",
        false,
    ),
    ps(
        "pooled_fund_first_year",
        "国办发〔2009〕66号 art. 4 (since 1998-01-01), domain.md §4.1 [S3]",
        false,
    ),
    ps(
        "personal_account_rate_bp_1998_2005",
        "domain.md §4.1 [S4] (机关事业 rules; same logic quoted for enterprises)",
        false,
    ),
    ps(
        "personal_account_rate_bp_from_2006",
        "国发〔2005〕38号, domain.md §4.1 [S4]",
        false,
    ),
    ps(
        "temporary_account_min_age_male",
        "国办发〔2009〕66号 art. 6, domain.md §4.1 [S5]",
        false,
    ),
    ps(
        "temporary_account_min_age_female",
        "国办发〔2009〕66号 art. 6, domain.md §4.1 [S5]",
        false,
    ),
    ps(
        "benefit_place_min_years",
        "国办发〔2009〕66号 art. 6, domain.md §4.1 rules 2–4 [S6]",
        false,
    ),
    ps(
        "benefit_place_match_level",
        "provincial pooling (省级统收统支); Ningbo HRSS guidance read in a repost, domain-review §3 item 5",
        true,
    ),
    ps(
        "medical_no_wait_max_gap_months",
        "医保办发〔2021〕43号, domain.md §4.2 [S16]",
        false,
    ),
    ps(
        "medical_max_waiting_months",
        "医保办发〔2021〕43号 (不超过6个月), domain.md §4.2 [S16]",
        false,
    ),
    ps(
        "medical_resident_waiting_from_year",
        "国办发〔2024〕38号, read in a government Q&A repost, domain-review §3 item 3",
        true,
    ),
    ps(
        "medical_resident_fixed_waiting_months",
        "国办发〔2024〕38号, domain-review §3 item 3",
        true,
    ),
    ps(
        "medical_resident_waiting_months_per_lapse_year",
        "国办发〔2024〕38号 (每多断保1年…增加…1个月), domain-review §3 item 3",
        true,
    ),
    ps(
        "medical_scheme_switch_min_months",
        "医保办发〔2021〕43号, domain.md §4.2 [S16]",
        false,
    ),
    ps(
        "unemployment_tiers",
        "失业保险条例 art. 17 (最长为12/18/24个月), domain.md §4.3 [S18]",
        false,
    ),
    ps(
        "unemployment_regional_tiers",
        "provincial tables; Zhejiang's not verified, domain-review §5",
        true,
    ),
    ps(
        "unemployment_max_months",
        "失业保险条例 art. 17, domain.md §4.3 [S18]",
        false,
    ),
    ps(
        "unemployment_transfer_factor",
        "失业保险金申领发放办法 (部长令8号) art. 22, domain.md §4.3 [S17]",
        false,
    ),
    ps(
        "back_payment_document_min_months",
        "人社厅发〔2019〕94号 (超过3年(含3年)), domain.md §4.1 [S8]",
        false,
    ),
    ps(
        "back_payment_rule_effective_date",
        "人社部规〔2016〕5号; in-force date unverified, domain-review §5",
        true,
    ),
    ps(
        "pooled_fund_rounding_tolerance_fen_per_month",
        "rounding undefined by 国办发〔2009〕66号 art. 4; domain-review §3 item 6",
        false,
    ),
    ps(
        "minimum_working_age",
        "劳动法 art. 15, domain.md §2.3 A2, §2.5",
        true,
    ),
    ps(
        "marriage_certificate_min_age",
        "local rules, domain.md §3.1, §3.4 [S21][S22]",
        false,
    ),
    ps(
        "marriage_certificate_max_age",
        "local rules, domain.md §3.4 [S21][S22]",
        false,
    ),
    ps(
        "arrival_registration_days",
        "流动人口计划生育工作条例 art. 8, domain.md §3.1 [S20]",
        false,
    ),
    ps(
        "minor_worker_below_age",
        "未成年工特殊保护规定 art. 2 (16–17 = 未成年工), 劳动法 art. 58; read in reposts, domain-review §1 A2",
        true,
    ),
    ps(
        "insurance_enrolment_max_days",
        "社会保险法 art. 58 (自用工之日起三十日内), domain.md §2.3 A4",
        true,
    ),
    ps(
        "statutory_retirement_ages",
        "全国人大常委会 2024-09-13 决定, 国务院 渐进式延迟法定退休年龄的办法; domain.md §4.1 [S19] (reposts)",
        true,
    ),
    ps(
        "pension_min_contribution",
        "渐进式延迟法定退休年龄的办法 art. 4 (15 → 20 years from 2030); domain.md §4.1 [S19] (reposts)",
        true,
    ),
    ps(
        "flexible_early_retirement_max_months",
        "渐进式延迟法定退休年龄的办法 art. 2 (弹性提前退休 ≤ 3 years, not below the original age); domain.md §4.1 [S19] (reposts)",
        true,
    ),
    ps(
        "citizen_id_min_birth_year",
        "plausibility bound, not a domain fact",
        false,
    ),
    ps(
        "citizen_id_region_is_error",
        "registry IDs with non-standard address codes, domain-review §2",
        false,
    ),
    ps(
        "work_injury_employer_application_days",
        "工伤保险条例 art. 17 ¶1 (30日内), read in public reposts",
        false,
    ),
    ps(
        "work_injury_worker_application_months",
        "工伤保险条例 art. 17 ¶2 (1年内), read in public reposts",
        false,
    ),
    ps(
        "work_injury_decision_days",
        "工伤保险条例 art. 20 (60日内), read in public reposts",
        false,
    ),
    ps(
        "labour_dispute_limitation_months",
        "劳动争议调解仲裁法 art. 27 (一年), read in public reposts",
        false,
    ),
    ps(
        "deadlines.pension_contact_letter",
        "15 wd, domain.md §4.1 [S2] (10 in some provinces [S10])",
        false,
    ),
    ps(
        "deadlines.pension_transfer",
        "15 wd, domain.md §4.1 [S2]",
        false,
    ),
    ps(
        "deadlines.pension_completion",
        "15 wd, domain.md §4.1 [S2]",
        false,
    ),
    ps(
        "deadlines.pension_back_payment_notice",
        "10 wd, 人社厅发〔2019〕94号, domain.md §4.1 [S8]",
        false,
    ),
    ps(
        "deadlines.medical_sender",
        "10 wd, 医保办发〔2021〕43号, domain.md §4.2 [S16]",
        false,
    ),
    ps(
        "deadlines.medical_receiver",
        "5 wd, 医保办发〔2021〕43号, domain.md §4.2 [S16]",
        false,
    ),
    ps(
        "deadlines.fp_verification_request",
        "not checked; 7 wd in one city's guide [S24], PADIS-era rules differ, domain-review §1",
        true,
    ),
    ps(
        "deadlines.fp_verification_reply",
        "not checked; 15 wd in one city's guide [S24]",
        true,
    ),
    ps(
        "deadlines.fp_birth_notice",
        "not checked; 15 wd in one city's guide [S24]",
        true,
    ),
    ps(
        "deadlines.fp_certificate_check",
        "not checked; 5 wd in pre-2015 local rules, domain.md §3.1 [S21]",
        true,
    ),
];
