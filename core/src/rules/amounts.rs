//! Money in integer fen (分): pension pooled fund and personal account, unemployment
//! transfer (domain.md §4.1, §4.3, §4.4).
//!
//! **Rounding rule** (the sources do not define one, domain.md §4.1 asks the format to):
//! every computed amount is rounded **half-up to the fen** (x.5 fen → x+1; amounts are never
//! negative), **per row**; a **total is the exact sum of its rows** (never recomputed from the
//! summed bases). [`ROUNDING_RULE`] states it for schema descriptions.
//!
//! Worked example of domain.md §4.1: a monthly base of ¥5,000 for 12 months is an annual base
//! of 6,000,000 fen, and the pooled-fund transfer for that year is 720,000 fen:
//!
//! ```
//! use labourlink::rules::{amounts, RuleParameters};
//! let p = RuleParameters::default();
//! assert_eq!(amounts::pooled_fund_amount(6_000_000, &p), Some(720_000));
//! ```

use crate::rules::params::{Ratio, RuleParameters};

/// The rounding rule, in words, for schema descriptions and documentation.
pub const ROUNDING_RULE: &str = "each row is rounded half-up to the fen (0.5 fen rounds up); \
     a total is the exact sum of its rows";

/// `amount × rate_bp / 10000`, rounded half-up to the fen. `None` for a negative amount or
/// on overflow.
#[must_use]
pub fn apply_rate_bp(amount_fen: i64, rate_bp: u32) -> Option<i64> {
    if amount_fen < 0 {
        return None;
    }
    let v = (i128::from(amount_fen) * i128::from(rate_bp) + 5_000) / 10_000;
    i64::try_from(v).ok()
}

/// `amount × numerator / denominator`, rounded half-up to the fen. `None` for a negative
/// amount, a zero denominator or on overflow.
#[must_use]
pub fn apply_ratio(amount_fen: i64, ratio: Ratio) -> Option<i64> {
    if amount_fen < 0 || ratio.denominator == 0 {
        return None;
    }
    let den = i128::from(ratio.denominator);
    let v = (i128::from(amount_fen) * i128::from(ratio.numerator) * 2 + den) / (2 * den);
    i64::try_from(v).ok()
}

/// The pooled-fund transfer for one year: `pooled_fund_rate_bp` (12%) of that year's
/// contribution base (partial years: the base of the months actually paid), half-up.
#[must_use]
pub fn pooled_fund_amount(annual_base_fen: i64, params: &RuleParameters) -> Option<i64> {
    apply_rate_bp(annual_base_fen, params.pooled_fund_rate_bp)
}

/// One year of the pooled-fund table of an information table (信息表).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PooledFundRow {
    /// Calendar year (≥ 1998).
    pub year: i32,
    /// Months paid in that year (1–12).
    pub months: u32,
    /// Sum of the monthly contribution bases of those months, in fen.
    pub annual_base_fen: i64,
    /// The transferred pooled-fund amount for that year, in fen.
    pub amount_fen: i64,
}

/// Builds the per-year rows and their total from `(year, months, annual_base_fen)` triples,
/// following [`ROUNDING_RULE`]. `None` if a base is negative or a sum overflows.
///
/// ```
/// use labourlink::rules::{amounts, RuleParameters};
/// let (rows, total) = amounts::pooled_fund_rows(
///     &[(2024, 12, 6_000_000), (2025, 5, 2_600_004)], &RuleParameters::default()).unwrap();
/// assert_eq!(rows[1].amount_fen, 312_000); // 312_000.48 → 312_000
/// assert_eq!(total, 1_032_000);
/// ```
#[must_use]
pub fn pooled_fund_rows(
    years: &[(i32, u32, i64)],
    params: &RuleParameters,
) -> Option<(Vec<PooledFundRow>, i64)> {
    let mut rows = Vec::with_capacity(years.len());
    for &(year, months, base) in years {
        rows.push(PooledFundRow {
            year,
            months,
            annual_base_fen: base,
            amount_fen: pooled_fund_amount(base, params)?,
        });
    }
    let total = sum_fen(rows.iter().map(|r| r.amount_fen))?;
    Some((rows, total))
}

/// Sum of amounts in fen; `None` on overflow or a negative item.
#[must_use]
pub(crate) fn sum_fen(items: impl IntoIterator<Item = i64>) -> Option<i64> {
    items
        .into_iter()
        .try_fold(0i64, |acc, x| if x < 0 { None } else { acc.checked_add(x) })
}

/// One year of a personal-account statement (个人账户): credited contributions and interest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PersonalAccountRow {
    /// Calendar year.
    pub year: i32,
    /// Contribution base of the year, in fen (for the rate check; 0 when unknown).
    pub annual_base_fen: i64,
    /// Contributions credited to the account that year, in fen.
    pub credit_fen: i64,
    /// Interest credited that year, in fen.
    pub interest_fen: i64,
    /// Contributed months of the year (rounding tolerance of the total,
    /// `pooled_fund_rounding_tolerance_fen_per_month`; 0 when unknown: no tolerance).
    pub months: u32,
}

/// The personal-account total: Σ (credit + interest) over the rows (`None` on overflow or a
/// negative item).
#[must_use]
pub fn personal_account_total(rows: &[PersonalAccountRow]) -> Option<i64> {
    sum_fen(rows.iter().flat_map(|r| [r.credit_fen, r.interest_fen]))
}

/// The personal-account recording rate of a year (domain.md §4.1: 11% 1998–2005, 8% from
/// 2006); `None` before 1998 (personal contributions with interest, not rate-based).
#[must_use]
pub(crate) fn personal_account_rate_bp(year: i32, params: &RuleParameters) -> Option<u32> {
    match year {
        ..1998 => None,
        1998..=2005 => Some(params.personal_account_rate_bp_1998_2005),
        _ => Some(params.personal_account_rate_bp_from_2006),
    }
}

/// The normalised personal-account credit of a year: recording rate × base, half-up.
#[must_use]
pub fn expected_personal_credit(
    year: i32,
    annual_base_fen: i64,
    params: &RuleParameters,
) -> Option<i64> {
    apply_rate_bp(annual_base_fen, personal_account_rate_bp(year, params)?)
}

/// The cross-province unemployment transfer: remaining benefit × `unemployment_transfer_factor`
/// (1.5: the benefit plus half of it for the medical subsidy and training/placement subsidies,
/// domain.md §4.3), half-up.
///
/// ```
/// use labourlink::rules::{amounts, RuleParameters};
/// assert_eq!(amounts::unemployment_transfer_amount(1_000_001, &RuleParameters::default()),
///            Some(1_500_002)); // 1_500_001.5 → 1_500_002
/// ```
#[must_use]
pub fn unemployment_transfer_amount(remaining_fen: i64, params: &RuleParameters) -> Option<i64> {
    apply_ratio(remaining_fen, params.unemployment_transfer_factor)
}
