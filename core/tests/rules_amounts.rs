//! Amounts in fen: domain.md §4.1's worked pension example to the fen, the rounding rule,
//! pooled-fund and personal-account tables, information = fund transfer, unemployment 1.5×.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use labourlink::rules::amounts::{self, PersonalAccountRow, PooledFundRow};
use labourlink::rules::checks;
use labourlink::rules::params::Ratio;
use labourlink::rules::{RuleParameters, Severity, findings_to_error};

fn params() -> RuleParameters {
    RuleParameters::default()
}

fn codes(f: &[labourlink::rules::Finding]) -> Vec<&str> {
    f.iter().map(|x| x.code()).collect()
}

#[test]
fn worked_pension_example_of_domain_md_4_1() {
    // Monthly base ¥5,000 for 12 months → annual base 6,000,000 fen → pooled transfer 720,000 fen.
    let monthly_base_fen: i64 = 5_000 * 100;
    let annual_base_fen = monthly_base_fen * 12;
    assert_eq!(annual_base_fen, 6_000_000);
    assert_eq!(
        amounts::pooled_fund_amount(annual_base_fen, &params()),
        Some(720_000)
    );
    let (rows, total) =
        amounts::pooled_fund_rows(&[(2024, 12, annual_base_fen)], &params()).unwrap();
    assert_eq!(
        rows,
        vec![PooledFundRow {
            year: 2024,
            months: 12,
            annual_base_fen: 6_000_000,
            amount_fen: 720_000
        }]
    );
    assert_eq!(total, 720_000);
    assert!(
        checks::check_pooled_fund(
            &rows,
            720_000,
            "/body/pooled_fund/rows",
            "/body/pooled_fund/total_fen",
            &params()
        )
        .is_empty()
    );
    // One fen off in the total is refused, with the pointer of the total.
    let f = checks::check_pooled_fund(
        &rows,
        720_001,
        "/body/pooled_fund/rows",
        "/body/pooled_fund/total_fen",
        &params(),
    );
    assert_eq!(codes(&f), ["rule.pooled_fund_total"]);
    assert_eq!(f[0].path(), "/body/pooled_fund/total_fen");
    assert!(f[0].violation.message.contains("720001") && f[0].violation.message.contains("720000"));
}

#[test]
fn multi_year_table_since_1998_sums_to_the_total() {
    // A career from 1998-07 to 2025-05 with bases that do not divide evenly.
    let mut years = vec![(1998, 6, 6 * 61_733)];
    for y in 1999..=2024 {
        let monthly = 60_000 + i64::from(y - 1999) * 17_351 + 7;
        years.push((y, 12, monthly * 12));
    }
    years.push((2025, 5, 5 * 812_345));
    let (rows, total) = amounts::pooled_fund_rows(&years, &params()).unwrap();
    assert_eq!(rows.len(), 28);
    assert_eq!(total, rows.iter().map(|r| r.amount_fen).sum::<i64>());
    for r in &rows {
        // half-up of 12% exactly
        let exact = r.annual_base_fen * 12; // hundredths of a fen
        assert_eq!(r.amount_fen, (exact + 50) / 100, "{r:?}");
    }
    assert!(checks::check_pooled_fund(&rows, total, "/r", "/t", &params()).is_empty());
}

#[test]
fn rounding_is_half_up_per_row() {
    assert_eq!(amounts::apply_rate_bp(4_166_667, 1200), Some(500_000)); // 500,000.04
    assert_eq!(amounts::apply_rate_bp(4_166_671, 1200), Some(500_001)); // 500,000.52
    assert_eq!(amounts::apply_rate_bp(5, 1000), Some(1)); // 0.5 → 1
    assert_eq!(amounts::apply_rate_bp(4, 1000), Some(0)); // 0.4 → 0
    assert_eq!(amounts::apply_rate_bp(-1, 1200), None);
    assert_eq!(amounts::apply_rate_bp(i64::MAX, 10_000), Some(i64::MAX));
    assert_eq!(
        amounts::apply_ratio(
            3,
            Ratio {
                numerator: 1,
                denominator: 2
            }
        ),
        Some(2)
    ); // 1.5 → 2
    assert_eq!(
        amounts::apply_ratio(
            3,
            Ratio {
                numerator: 1,
                denominator: 0
            }
        ),
        None
    );
    assert_eq!(
        amounts::apply_ratio(
            i64::MAX,
            Ratio {
                numerator: 3,
                denominator: 2
            }
        ),
        None
    );
    // Rows are rounded individually; the total is their sum, not the rounding of the sum.
    let (_, total) =
        amounts::pooled_fund_rows(&[(2020, 12, 4_166_671), (2021, 12, 4_166_671)], &params())
            .unwrap();
    assert_eq!(total, 1_000_002); // not round(1,000,001.04) = 1,000,001
    assert!(amounts::ROUNDING_RULE.contains("half-up"));
}

#[test]
fn pooled_fund_row_rejections() {
    let good = |year, months, base: i64| PooledFundRow {
        year,
        months,
        annual_base_fen: base,
        amount_fen: amounts::pooled_fund_amount(base, &params()).unwrap(),
    };
    let mut rows = vec![good(2019, 12, 6_000_000), good(2020, 12, 6_000_000)];
    rows[1].amount_fen += 1;
    let f = checks::check_pooled_fund(&rows, 1_440_001, "/body/rows", "/body/total", &params());
    assert_eq!(codes(&f), ["rule.pooled_fund_row"]);
    assert_eq!(f[0].path(), "/body/rows/1");

    let rows = vec![good(1997, 12, 100), good(2000, 13, 100), good(2000, 0, 100)];
    let total = rows.iter().map(|r| r.amount_fen).sum();
    let f = checks::check_pooled_fund(&rows, total, "/r", "/t", &params());
    assert_eq!(
        codes(&f),
        [
            "rule.pooled_fund_year",
            "rule.pooled_fund_months",
            "rule.pooled_fund_year",
            "rule.pooled_fund_months"
        ]
    );
    assert_eq!(f[2].path(), "/r/2"); // the repeated year 2000

    let rows = vec![PooledFundRow {
        year: 2020,
        months: 12,
        annual_base_fen: -5,
        amount_fen: 0,
    }];
    let f = checks::check_pooled_fund(&rows, 0, "/r", "/t", &params());
    assert_eq!(codes(&f), ["rule.amount_invalid"]);
    let rows = vec![
        PooledFundRow {
            year: 2020,
            months: 12,
            annual_base_fen: 0,
            amount_fen: i64::MAX,
        },
        PooledFundRow {
            year: 2021,
            months: 12,
            annual_base_fen: 0,
            amount_fen: i64::MAX,
        },
    ];
    let f = checks::check_pooled_fund(&rows, 0, "/r", "/t", &params());
    assert!(codes(&f).contains(&"rule.amount_invalid"));
    assert!(f.iter().all(|x| x.severity == Severity::Error));
}

#[test]
fn pooled_fund_rate_is_a_parameter() {
    let p = RuleParameters {
        pooled_fund_rate_bp: 1600,
        ..RuleParameters::default()
    };
    assert_eq!(amounts::pooled_fund_amount(6_000_000, &p), Some(960_000));
}

#[test]
fn personal_account_totals() {
    let p = params();
    let rows = [
        PersonalAccountRow {
            year: 2005,
            annual_base_fen: 4_000_000,
            credit_fen: amounts::expected_personal_credit(2005, 4_000_000, &p).unwrap(),
            interest_fen: 12_345,
            months: 12,
        },
        PersonalAccountRow {
            year: 2006,
            annual_base_fen: 4_000_000,
            credit_fen: 320_000,
            interest_fen: 23_456,
            months: 12,
        },
    ];
    assert_eq!(rows[0].credit_fen, 440_000); // 11% 1998–2005
    assert_eq!(
        amounts::personal_account_total(&rows),
        Some(440_000 + 12_345 + 320_000 + 23_456)
    );
    let total = 795_801;
    assert!(checks::check_personal_account(&rows, total, "/r", "/t", &p).is_empty());
    // Within 1 fen per contributed month (24 here) a rounding difference is a warning
    // (domain-review §3 item 6); beyond it an error.
    let f = checks::check_personal_account(&rows, total - 1, "/r", "/t", &p);
    assert_eq!(codes(&f), ["rule.personal_account_total"]);
    assert_eq!(f[0].severity, Severity::Warning);
    let f = checks::check_personal_account(&rows, total - 25, "/r", "/t", &p);
    assert_eq!(codes(&f), ["rule.personal_account_total"]);
    assert_eq!(f[0].severity, Severity::Error);
    // A credit at another rate is only a warning.
    let mut odd = rows;
    odd[1].credit_fen = 440_000;
    let f = checks::check_personal_account(&odd, total + 120_000, "/r", "/t", &p);
    assert_eq!(codes(&f), ["rule.personal_account_credit"]);
    assert_eq!(f[0].severity, Severity::Warning);
    assert_eq!(f[0].path(), "/r/1");
    assert!(findings_to_error(&f).is_none());
}

#[test]
fn information_amount_equals_fund_transfer() {
    assert!(
        checks::check_amount_match(1_234_567, 1_234_567, "/body/transfer_total_fen").is_empty()
    );
    let f = checks::check_amount_match(1_234_567, 1_234_566, "/body/transfer_total_fen");
    assert_eq!(codes(&f), ["rule.amount_mismatch"]);
    assert_eq!(f[0].path(), "/body/transfer_total_fen");
    assert_eq!(
        codes(&checks::check_amount_match(-1, -1, "/x")),
        ["rule.amount_invalid"]
    );
}

#[test]
fn unemployment_transfer_is_one_and_a_half_times() {
    let p = params();
    assert_eq!(
        amounts::unemployment_transfer_amount(1_000_000, &p),
        Some(1_500_000)
    );
    assert_eq!(
        amounts::unemployment_transfer_amount(1_000_001, &p),
        Some(1_500_002)
    );
    assert_eq!(amounts::unemployment_transfer_amount(-1, &p), None);
    assert!(
        checks::check_unemployment_transfer(1_000_000, 1_500_000, "/body/amount_fen", &p)
            .is_empty()
    );
    let f = checks::check_unemployment_transfer(1_000_000, 1_000_000, "/body/amount_fen", &p);
    assert_eq!(codes(&f), ["rule.unemployment_transfer_amount"]);
    assert!(f[0].violation.message.contains("1500000"));
    let f = checks::check_unemployment_transfer(-5, 0, "/body/amount_fen", &p);
    assert_eq!(codes(&f), ["rule.amount_invalid"]);
}
