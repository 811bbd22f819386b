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

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorCode, Result};
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

/// One row of the unemployment-benefit duration table: at least `min_contribution_years` of
/// contributions give `benefit_months` months of benefit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnemploymentTier {
    /// Contribution years needed (inclusive lower bound).
    pub min_contribution_years: u32,
    /// Maximum months of benefit for this tier.
    pub benefit_months: u32,
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
    /// Family planning: notice to the registration place about a pregnant woman without a
    /// birth-service certificate.
    FpPregnancyNotice,
}

/// Deadlines in working days, per step (domain.md §3.1, §3.3, §4.1, §4.2, §5).
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
    /// 7 — family-planning verification request ≤ 7 wd, domain.md §3.1 \[S24\] (V, one
    /// city's guide: a local parameter).
    pub fp_verification_request: u32,
    /// 15 — verification reply ≤ 15 wd, domain.md §3.1 \[S24\] (V, local).
    pub fp_verification_reply: u32,
    /// 15 — birth-registration notice ≤ 15 wd, domain.md §3.1 \[S24\] (V, local).
    pub fp_birth_notice: u32,
    /// 5 — 婚育证明 check ≤ 5 wd, domain.md §3.1 \[S21\] (V, pre-2015 local rules).
    pub fp_certificate_check: u32,
    /// 20 — pregnancy notice ≤ 20 wd, domain.md §3.1 \[S21\] (V, pre-2015 local rules).
    pub fp_pregnancy_notice: u32,
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
            fp_verification_request: 7,
            fp_verification_reply: 15,
            fp_birth_notice: 15,
            fp_certificate_check: 5,
            fp_pregnancy_notice: 20,
        }
    }
}

impl Deadlines {
    /// The deadline of a step, in working days.
    #[must_use]
    pub const fn working_days(&self, step: DeadlineStep) -> u32 {
        match step {
            DeadlineStep::PensionContactLetter => self.pension_contact_letter,
            DeadlineStep::PensionTransfer => self.pension_transfer,
            DeadlineStep::PensionCompletion => self.pension_completion,
            DeadlineStep::PensionBackPaymentNotice => self.pension_back_payment_notice,
            DeadlineStep::MedicalSender => self.medical_sender,
            DeadlineStep::MedicalReceiver => self.medical_receiver,
            DeadlineStep::FpVerificationRequest => self.fp_verification_request,
            DeadlineStep::FpVerificationReply => self.fp_verification_reply,
            DeadlineStep::FpBirthNotice => self.fp_birth_notice,
            DeadlineStep::FpCertificateCheck => self.fp_certificate_check,
            DeadlineStep::FpPregnancyNotice => self.fp_pregnancy_notice,
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
    /// 50 — men aged ≥ 50 moving cross-province (not back to the hukou province) get a
    /// temporary account, domain.md §4.1 \[S5\] (V).
    pub temporary_account_min_age_male: u32,
    /// 40 — the same for women, domain.md §4.1 \[S5\] (V).
    pub temporary_account_min_age_female: u32,
    /// 10 — accumulated contribution years that make a place a benefit-claiming place,
    /// domain.md §4.1 rules 2–4 \[S6\] (V).
    pub benefit_place_min_years: u32,
    /// Prefecture — at which level two region codes are "the same place" when deciding the
    /// benefit place (pooling area). **K**: domain.md does not say; provinces with provincial
    /// pooling may set `province`.
    pub benefit_place_match_level: RegionLevel,
    /// 3 — a medical-insurance gap of at most this many months allows back-payment with no
    /// waiting period, domain.md §4.2 \[S16\] (V).
    pub medical_no_wait_max_gap_months: u32,
    /// 6 — the longest waiting period after a longer gap, domain.md §4.2 \[S16\] (V; Jiangsu
    /// "in principle ≤ 3": a local parameter).
    pub medical_max_waiting_months: u32,
    /// 24 — continuous months needed before switching between employee and resident schemes
    /// keeps the short-gap treatment, domain.md §4.2 \[S16\] (V).
    pub medical_scheme_switch_min_months: u32,
    /// `[1→12, 5→18, 10→24]` — unemployment benefit months by contribution years (失业保险条例
    /// art. 17), domain.md §4.3 \[S18\] (V; provinces may use finer tiers). Ascending by years;
    /// below the first tier there is no benefit.
    pub unemployment_tiers: Vec<UnemploymentTier>,
    /// 24 — cap on benefit months including carried-over entitlement, domain.md §4.3 \[S18\] (V).
    pub unemployment_max_months: u32,
    /// 3/2 — cross-province unemployment transfer = remaining benefit × 1.5 (benefit + half for
    /// medical subsidy and training/placement subsidies), domain.md §4.3 \[S17\] (V).
    pub unemployment_transfer_factor: Ratio,
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
    /// 1900 — earliest plausible birth year in an ID number. Not a domain fact: a plausibility
    /// bound (the GB 11643 example `440524188001010014` is from 1880 and fails it).
    pub citizen_id_min_birth_year: i32,
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
            benefit_place_match_level: RegionLevel::Prefecture,
            medical_no_wait_max_gap_months: 3,
            medical_max_waiting_months: 6,
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
            unemployment_max_months: 24,
            unemployment_transfer_factor: Ratio {
                numerator: 3,
                denominator: 2,
            },
            minimum_working_age: 16,
            marriage_certificate_min_age: 18,
            marriage_certificate_max_age: 49,
            arrival_registration_days: 30,
            citizen_id_min_birth_year: 1900,
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
}
