//! The rules stage and `validate`: every example validates; each rule as wired in
//! `RulesStage` accepts a good body and rejects a bad one with the right code at the right
//! pointer; the two-message rules; the verifier with schema and rules stages.
//!
//! Findings never carry personal data: every helper that runs the stage checks that no
//! finding message contains a citizen ID, name or birth date of the document.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use labourlink::envelope::Document;
use labourlink::keys::SigningKey;
use labourlink::rules::params::UnemploymentTier;
use labourlink::rules::stage::{
    self, ReferenceDate, RulesStage, check_arrival_against_roster, check_fund_matches_information,
};
use labourlink::rules::{Date, Finding, RuleCode, RuleParameters, Severity, amounts, ids};
use labourlink::time::{FixedClock, Timestamp};
use labourlink::trust::{KeyRecord, TrustList};
use labourlink::validate;
use labourlink::verify::Verifier;
use labourlink::{ErrorCode, sign};
use serde_json::{Value, json};

// ---------------------------------------------------------------------------------------------
// Helpers

const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../schemas/examples");

fn example(name: &str) -> Value {
    let text = std::fs::read_to_string(format!("{EXAMPLES}/{name}.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn doc(v: &Value) -> Document {
    Document::from_value(v).unwrap().document
}

/// A valid 18-character ID from its first 17 digits.
fn id(first17: &str) -> String {
    format!("{first17}{}", ids::citizen_id_check_char(first17).unwrap())
}

/// Sets (or adds) the member at `ptr`.
fn set(v: &mut Value, ptr: &str, val: Value) {
    if let Some(slot) = v.pointer_mut(ptr) {
        *slot = val;
        return;
    }
    let (parent, key) = ptr.rsplit_once('/').unwrap();
    v.pointer_mut(parent)
        .unwrap()
        .as_object_mut()
        .unwrap()
        .insert(key.to_owned(), val);
}

fn remove(v: &mut Value, ptr: &str) {
    let (parent, key) = ptr.rsplit_once('/').unwrap();
    v.pointer_mut(parent)
        .unwrap()
        .as_object_mut()
        .unwrap()
        .remove(key)
        .unwrap();
}

/// Personal values of a document: citizen IDs, names, birth dates (recursively).
fn personal_values(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                if let ("citizen_id" | "name" | "birth_date", Value::String(s)) = (k.as_str(), x) {
                    out.push(s.clone());
                }
                personal_values(x, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|x| personal_values(x, out)),
        _ => {}
    }
}

fn assert_private(findings: &[Finding], v: &Value) {
    let mut personal = Vec::new();
    personal_values(v.get("body").unwrap_or(&Value::Null), &mut personal);
    for f in findings {
        for p in &personal {
            assert!(
                !f.violation.message.contains(p.as_str())
                    && !f.violation.message_zh.contains(p.as_str()),
                "finding {} {} leaks personal data",
                f.code(),
                f.path()
            );
        }
    }
}

/// Runs the default stage on a document.
fn run(v: &Value) -> Vec<Finding> {
    run_with(&RulesStage::default(), v)
}

fn run_with(stage: &RulesStage, v: &Value) -> Vec<Finding> {
    let f = stage.findings(&doc(v));
    assert_private(&f, v);
    assert_in_rule_table(&f);
    f
}

/// Every finding of every scenario has a code of the rule table and a severity its row allows.
fn assert_in_rule_table(findings: &[Finding]) {
    for f in findings {
        let code = RuleCode::from_code_str(f.code());
        assert!(
            code.is_some_and(|c| c.allows(f.severity)),
            "{} as {}: not allowed by the rule table",
            f.code(),
            f.severity
        );
    }
}

fn show(f: &[Finding]) -> String {
    f.iter()
        .map(|f| format!("{} {} {}", f.severity, f.code(), f.path()))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Asserts a finding with this code, pointer and severity.
#[track_caller]
fn assert_has(f: &[Finding], code: &str, path: &str, severity: Severity) {
    assert!(
        f.iter()
            .any(|x| x.code() == code && x.path() == path && x.severity == severity),
        "expected {severity} {code} at {path}; got [{}]",
        show(f)
    );
}

#[track_caller]
fn assert_error(f: &[Finding], code: &str, path: &str) {
    assert_has(f, code, path, Severity::Error);
}

#[track_caller]
fn assert_clean(f: &[Finding]) {
    assert!(f.is_empty(), "expected no findings; got [{}]", show(f));
}

#[track_caller]
fn assert_no_code(f: &[Finding], code: &str) {
    assert!(
        f.iter().all(|x| x.code() != code),
        "unexpected {code}: [{}]",
        show(f)
    );
}

fn t(s: &str) -> Timestamp {
    Timestamp::parse(s).unwrap()
}

fn d(s: &str) -> Date {
    Date::parse(s).unwrap()
}

// ---------------------------------------------------------------------------------------------
// Examples

/// Every example validates (envelope, schema, rules) without an error finding.
///
/// Warnings on the examples: none. (`rule.deadline_missed` on the information table — 17
/// working days after the contact letter — needs the earlier message: see
/// `deadline_from_earlier_message`.)
#[test]
fn every_example_validates_without_errors() {
    let mut names: Vec<String> = std::fs::read_dir(EXAMPLES)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    assert!(names.len() >= 34, "{names:?}");
    for name in names {
        let v = example(name.trim_end_matches(".json"));
        let report = validate::validate(&v);
        assert!(report.is_valid(), "{name}: [{}]", show(&report.findings));
        assert_eq!(
            report.warnings().count(),
            0,
            "{name}: [{}]",
            show(&report.findings)
        );
        assert_private(&report.findings, &v);
    }
}

#[test]
fn wrong_check_digit_is_reported_at_the_field() {
    let mut v = example("social_insurance.contact_letter");
    set(
        &mut v,
        "/body/person/citizen_id",
        json!("513401199004180575"),
    );
    let report = validate::validate(&v);
    assert!(!report.is_valid());
    assert_eq!(report.findings.len(), 1, "{}", show(&report.findings));
    let f = &report.findings[0];
    assert_eq!(f.code(), "rule.citizen_id_checksum");
    assert_eq!(f.path(), "/body/person/citizen_id");
    assert!(f.violation.message.contains("/body/person/citizen_id"));
    assert!(!f.violation.message.contains("51340119900418057"));
    assert!(!f.violation.message_zh.contains("51340119900418057"));
}

/// Both editions of the foreign permanent-resident card are carried (domain.md §1.1): the
/// old one (3 letters + 12 digits) passes the schema and the rules; a legacy 15-digit number
/// passes the schema only to get the rule that says how to convert it.
#[test]
fn old_foreign_card_is_accepted_and_a_15_digit_id_gets_its_rule() {
    let mut v = example("worker_transfer.roster");
    set(
        &mut v,
        "/body/workers/0/person/citizen_id",
        json!("USA330200980712"),
    );
    let report = validate::validate(&v);
    assert!(
        report.findings.iter().all(|f| !f.is_error()),
        "{}",
        show(&report.findings)
    );
    set(
        &mut v,
        "/body/workers/0/person/citizen_id",
        json!("513401900418057"),
    );
    let report = validate::validate(&v);
    let errors: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| f.is_error())
        .map(|f| f.code())
        .collect();
    assert_eq!(
        errors,
        ["rule.citizen_id_legacy_15"],
        "{}",
        show(&report.findings)
    );
    // Lower case letters are not the old card: the schema refuses them.
    set(
        &mut v,
        "/body/workers/0/person/citizen_id",
        json!("usa330200980712"),
    );
    assert!(
        validate::validate(&v)
            .findings
            .iter()
            .any(|f| f.code() == "schema.invalid")
    );
}

// ---------------------------------------------------------------------------------------------
// domain.md §4.1 worked example: ¥5,000 a month for 12 months → 720,000 fen pooled fund

fn worked_pension_example() -> Value {
    let mut v = example("social_insurance.transfer_information");
    let b = v.pointer_mut("/body").unwrap().as_object_mut().unwrap();
    b.remove("back_payments");
    b.remove("withheld_periods");
    b.insert(
        "insured_periods".into(),
        json!([{"start": "2024-01", "end": "2024-12"}]),
    );
    b.insert(
        "years".into(),
        json!([{"year": 2024, "months": 12, "base_fen": 6_000_000,
                "personal_account_fen": 480_000, "pooled_fund_fen": 720_000}]),
    );
    b.insert(
        "totals".into(),
        json!({"contribution_months": 12, "base_fen": 6_000_000, "personal_account_fen": 480_000,
               "pooled_fund_fen": 720_000, "personal_account_balance_fen": 495_000}),
    );
    b.insert("transfer_fen".into(), json!(1_215_000));
    v
}

#[test]
fn worked_pension_example_to_the_fen() {
    let v = worked_pension_example();
    // 12 × 500,000 fen = 6,000,000 fen base; 12% = 720,000 fen.
    assert_eq!(
        amounts::pooled_fund_amount(12 * 500_000, &RuleParameters::default()),
        Some(720_000)
    );
    let report = validate::validate(&v);
    assert!(report.findings.is_empty(), "{}", show(&report.findings));

    // One fen off on the row: within the rounding tolerance (1 fen × 12 months), so the row
    // and the total are warnings (domain-review §3 item 6, LL-RULE-007).
    let mut bad = v.clone();
    set(&mut bad, "/body/years/0/pooled_fund_fen", json!(720_001));
    let f = run(&bad);
    assert_has(
        &f,
        "rule.pooled_fund_row",
        "/body/years/0",
        Severity::Warning,
    );
    assert_has(
        &f,
        "rule.pooled_fund_total",
        "/body/totals/pooled_fund_fen",
        Severity::Warning,
    );
    // 13 fen off: beyond the tolerance, errors.
    set(&mut bad, "/body/years/0/pooled_fund_fen", json!(720_013));
    let f = run(&bad);
    assert_error(&f, "rule.pooled_fund_row", "/body/years/0");
    assert_error(&f, "rule.pooled_fund_total", "/body/totals/pooled_fund_fen");

    // One fen off on the total only: the total (a warning) and the transfer amount (an
    // exact sum, an error).
    let mut bad = v.clone();
    set(&mut bad, "/body/totals/pooled_fund_fen", json!(719_999));
    let f = run(&bad);
    assert_has(
        &f,
        "rule.pooled_fund_total",
        "/body/totals/pooled_fund_fen",
        Severity::Warning,
    );
    assert_error(&f, "rule.total_mismatch", "/body/transfer_fen");
    assert_no_code(&f, "rule.pooled_fund_row");
}

#[test]
fn example_information_table_recomputes_to_the_fen() {
    let v = example("social_insurance.transfer_information");
    let rows = v.pointer("/body/years").unwrap().as_array().unwrap();
    let input: Vec<(i32, u32, i64)> = rows
        .iter()
        .map(|r| {
            (
                i32::try_from(r["year"].as_i64().unwrap()).unwrap(),
                u32::try_from(r["months"].as_i64().unwrap()).unwrap(),
                r["base_fen"].as_i64().unwrap(),
            )
        })
        .collect();
    let (computed, total) = amounts::pooled_fund_rows(&input, &RuleParameters::default()).unwrap();
    for (r, c) in rows.iter().zip(&computed) {
        assert_eq!(r["pooled_fund_fen"].as_i64(), Some(c.amount_fen));
    }
    assert_eq!(v.pointer("/body/totals/pooled_fund_fen").unwrap(), total);
    assert_eq!(total, 4_095_983);
}

// ---------------------------------------------------------------------------------------------
// Identifiers and persons

#[test]
fn citizen_id_of_a_person_block() {
    let v = example("family_planning.arrival_notice");
    assert_clean(&run(&v));
    let mut bad = v.clone();
    set(
        &mut bad,
        "/body/person/citizen_id",
        json!("522301199508210268"),
    );
    assert_error(
        &run(&bad),
        "rule.citizen_id_checksum",
        "/body/person/citizen_id",
    );
}

#[test]
fn citizen_id_of_person_references() {
    // arrival: placements/i/person/citizen_id
    let mut v = example("worker_transfer.arrival");
    set(
        &mut v,
        "/body/placements/1/person/citizen_id",
        json!("513426200103050242"),
    );
    assert_error(
        &run(&v),
        "rule.citizen_id_checksum",
        "/body/placements/1/person/citizen_id",
    );
    // roster reply: decisions/i/citizen_id
    let mut v = example("worker_transfer.roster_reply");
    set(
        &mut v,
        "/body/decisions/2/citizen_id",
        json!("513437200702110154"),
    );
    assert_error(
        &run(&v),
        "rule.citizen_id_checksum",
        "/body/decisions/2/citizen_id",
    );
    // certificate: spouse
    let mut v = example("family_planning.certificate");
    set(
        &mut v,
        "/body/spouse/citizen_id",
        json!("522301199302140139"),
    );
    assert_error(
        &run(&v),
        "rule.citizen_id_checksum",
        "/body/spouse/citizen_id",
    );
    // refusal, fund transfer, completion: person/citizen_id
    for name in [
        "social_insurance.application_refusal",
        "social_insurance.fund_transfer",
        "social_insurance.transfer_completion",
        "worker_transfer.separation",
    ] {
        let mut v = example(name);
        let ptr = if name.starts_with("worker") {
            "/body/events/0/person/citizen_id"
        } else {
            "/body/person/citizen_id"
        };
        let good = v.pointer(ptr).unwrap().as_str().unwrap().to_owned();
        let last = if good.ends_with('0') { "1" } else { "0" };
        set(&mut v, ptr, json!(format!("{}{last}", &good[..17])));
        assert_error(&run(&v), "rule.citizen_id_checksum", ptr);
    }
}

#[test]
fn citizen_id_birth_date_against_the_reference_date() {
    // Born 2026-12-01, message issued 2026-10-16: birth date in the future.
    let future = id("51340120261201001");
    let mut v = example("social_insurance.contact_letter");
    set(&mut v, "/body/person/citizen_id", json!(future));
    set(&mut v, "/body/person/birth_date", json!("2026-12-01"));
    assert_error(
        &run(&v),
        "rule.citizen_id_birth_date",
        "/body/person/citizen_id",
    );
    // With a later reference date the same document passes.
    let stage = RulesStage::default().with_reference_date(ReferenceDate::Fixed(d("2027-01-01")));
    assert_clean(&run_with(&stage, &v));
}

#[test]
fn citizen_id_address_code_current_or_historic() {
    // 330204 江东区 is historic: still valid inside an ID number.
    let mut v = example("worker_transfer.roster");
    let hist = id("33020419900101001");
    set(&mut v, "/body/workers/0/person/citizen_id", json!(hist));
    set(
        &mut v,
        "/body/workers/0/person/birth_date",
        json!("1990-01-01"),
    );
    assert_clean(&run(&v));
    // An address code in neither list is a warning by default (genuine registry IDs carry
    // non-standard codes, domain-review §2), and the ID's birth date and sex still count;
    // an error with citizen_id_region_is_error.
    let unknown = id("33999919900101001");
    set(&mut v, "/body/workers/0/person/citizen_id", json!(unknown));
    let f = run(&v);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].code(), "rule.citizen_id_region");
    assert_eq!(f[0].path(), "/body/workers/0/person/citizen_id");
    assert_eq!(f[0].severity, Severity::Warning);
    set(
        &mut v,
        "/body/workers/0/person/birth_date",
        json!("1990-01-02"),
    );
    assert_error(
        &run(&v),
        "rule.birth_date_id_mismatch",
        "/body/workers/0/person/birth_date",
    );
    set(
        &mut v,
        "/body/workers/0/person/birth_date",
        json!("1990-01-01"),
    );
    let strict = RulesStage::new(RuleParameters {
        citizen_id_region_is_error: true,
        ..RuleParameters::default()
    });
    assert_error(
        &run_with(&strict, &v),
        "rule.citizen_id_region",
        "/body/workers/0/person/citizen_id",
    );
}

#[test]
fn sex_and_birth_date_against_the_id() {
    let v = example("social_insurance.contact_letter");
    let mut bad = v.clone();
    set(&mut bad, "/body/person/sex", json!("female"));
    let f = run(&bad);
    assert_error(&f, "rule.sex_id_mismatch", "/body/person/sex");
    assert_eq!(f.len(), 1);
    let mut bad = v.clone();
    set(&mut bad, "/body/person/birth_date", json!("1990-04-19"));
    assert_error(
        &run(&bad),
        "rule.birth_date_id_mismatch",
        "/body/person/birth_date",
    );
    // Also in a roster line and for the father of a birth registration.
    let mut r = example("worker_transfer.roster");
    set(&mut r, "/body/workers/1/person/sex", json!("male"));
    assert_error(
        &run(&r),
        "rule.sex_id_mismatch",
        "/body/workers/1/person/sex",
    );
    let mut b = example("family_planning.birth_registration_notice");
    set(&mut b, "/body/father/birth_date", json!("1993-02-15"));
    assert_error(
        &run(&b),
        "rule.birth_date_id_mismatch",
        "/body/father/birth_date",
    );
}

#[test]
fn children_with_ids_are_checked_like_persons() {
    let mut v = example("family_planning.certificate");
    set(
        &mut v,
        "/body/children/0/citizen_id",
        json!(id("52230120200618001")),
    );
    assert_clean(&run(&v));
    set(&mut v, "/body/children/0/sex", json!("female"));
    assert_error(&run(&v), "rule.sex_id_mismatch", "/body/children/0/sex");
    let mut r = example("family_planning.verification_reply");
    set(
        &mut r,
        "/body/recorded_children/0/citizen_id",
        json!(id("52230120200618001")),
    );
    set(
        &mut r,
        "/body/recorded_children/0/birth_date",
        json!("2020-06-19"),
    );
    assert_error(
        &run(&r),
        "rule.birth_date_id_mismatch",
        "/body/recorded_children/0/birth_date",
    );
}

#[test]
fn uscc_of_organisations() {
    let v = example("worker_transfer.job_demand");
    let mut bad = v.clone();
    set(&mut bad, "/body/employer/uscc", json!("91330203MA2H3K7T95"));
    assert_error(&run(&bad), "rule.uscc_checksum", "/body/employer/uscc");
    // Agency of a roster, employer of an arrival, issuer of an attestation, new employer.
    for (name, ptr) in [
        ("worker_transfer.roster", "/body/agency/uscc"),
        (
            "worker_transfer.arrival",
            "/body/placements/0/employer/uscc",
        ),
        (
            "worker_transfer.certificate_attestation",
            "/body/issuer/uscc",
        ),
        (
            "social_insurance.transfer_application",
            "/body/new_employer/uscc",
        ),
        ("family_planning.arrival_notice", "/body/employer/uscc"),
    ] {
        let mut v = example(name);
        let good = v.pointer(ptr).unwrap().as_str().unwrap().to_owned();
        let last = if good.ends_with('0') { "1" } else { "0" };
        set(&mut v, ptr, json!(format!("{}{last}", &good[..17])));
        assert_error(&run(&v), "rule.uscc_checksum", ptr);
    }
    // An unknown registration-authority pair is a warning only.
    let first17 = "B1330203MA2H3K7T9";
    let code = format!("{first17}{}", ids::uscc_check_char(first17).unwrap());
    let mut warn = v.clone();
    set(&mut warn, "/body/employer/uscc", json!(code));
    let f = run(&warn);
    assert_has(
        &f,
        "rule.uscc_registration_code",
        "/body/employer/uscc",
        Severity::Warning,
    );
    assert!(validate::validate(&warn).is_valid());
}

#[test]
fn region_codes_current_list() {
    let v = example("social_insurance.transfer_application");
    let mut bad = v.clone();
    set(&mut bad, "/body/hukou_region", json!("330204"));
    assert_error(
        &run(&bad),
        "rule.region_code_abolished",
        "/body/hukou_region",
    );
    let mut bad = v.clone();
    set(&mut bad, "/body/new_agency/region", json!("339999"));
    assert_error(
        &run(&bad),
        "rule.region_code_unknown",
        "/body/new_agency/region",
    );
    let mut bad = v.clone();
    set(&mut bad, "/body/contact/address/region", json!("339999"));
    assert_error(
        &run(&bad),
        "rule.region_code_unknown",
        "/body/contact/address/region",
    );
    // The envelope's parties.
    let mut bad = v.clone();
    set(&mut bad, "/to/region", json!("330204"));
    assert_error(&run(&bad), "rule.region_code_abolished", "/to/region");
    // Other region fields.
    for (name, ptr) in [
        ("worker_transfer.roster", "/body/workers/2/hukou_region"),
        ("family_planning.certificate", "/body/residence_region"),
        (
            "family_planning.birth_registration_notice",
            "/body/registered_at",
        ),
        (
            "family_planning.benefit_notice",
            "/body/benefit/payer_region",
        ),
        (
            "family_planning.service_agreement",
            "/body/parties/1/region",
        ),
        ("worker_transfer.reconciliation", "/body/rows/2/county"),
        (
            "social_insurance.contact_letter",
            "/body/receiving_agency/address/region",
        ),
    ] {
        let mut v = example(name);
        set(&mut v, ptr, json!("339999"));
        assert_error(&run(&v), "rule.region_code_unknown", ptr);
    }
}

#[test]
fn workplace_inside_the_receiving_city() {
    let v = example("worker_transfer.job_demand");
    let mut ok = v.clone();
    set(
        &mut ok,
        "/body/positions/1/workplace_region",
        json!("330281"),
    );
    assert_clean(&run(&ok));
    let mut bad = v.clone();
    set(
        &mut bad,
        "/body/positions/1/workplace_region",
        json!("330102"),
    );
    assert_error(
        &run(&bad),
        "rule.region_outside",
        "/body/positions/1/workplace_region",
    );
    let mut a = example("worker_transfer.arrival");
    set(
        &mut a,
        "/body/placements/0/workplace_region",
        json!("330102"),
    );
    assert_error(
        &run(&a),
        "rule.region_outside",
        "/body/placements/0/workplace_region",
    );
    let mut e = example("worker_transfer.insurance_enrolment");
    set(&mut e, "/body/enrolments/1/insured_region", json!("330102"));
    assert_error(
        &run(&e),
        "rule.region_outside",
        "/body/enrolments/1/insured_region",
    );
}

// ---------------------------------------------------------------------------------------------
// Worker transfer

fn minor() -> (String, &'static str) {
    (id("51340120110601001"), "2011-06-01")
}

#[test]
fn minimum_working_age() {
    let (minor_id, minor_birth) = minor();
    // Roster: age at departure.
    let mut v = example("worker_transfer.roster");
    set(&mut v, "/body/workers/2/person/citizen_id", json!(minor_id));
    set(
        &mut v,
        "/body/workers/2/person/birth_date",
        json!(minor_birth),
    );
    assert_error(
        &run(&v),
        "rule.minimum_working_age",
        "/body/workers/2/departure_date",
    );
    // Without a departure date: age on the message date, pointer of the worker.
    remove(&mut v, "/body/workers/2/departure_date");
    assert_error(&run(&v), "rule.minimum_working_age", "/body/workers/2");
    // Arrival: age at the start date, birth date from the ID.
    let mut a = example("worker_transfer.arrival");
    set(
        &mut a,
        "/body/placements/0/person/citizen_id",
        json!(minor_id),
    );
    assert_error(
        &run(&a),
        "rule.minimum_working_age",
        "/body/placements/0/start_date",
    );
    // Roster reply: accepted workers at their expected start.
    let mut r = example("worker_transfer.roster_reply");
    set(&mut r, "/body/decisions/0/citizen_id", json!(minor_id));
    assert_error(
        &run(&r),
        "rule.minimum_working_age",
        "/body/decisions/0/expected_start",
    );
    // A rejected line is not judged.
    set(
        &mut r,
        "/body/decisions/0/citizen_id",
        json!("513401199807120313"),
    );
    set(&mut r, "/body/decisions/2/citizen_id", json!(minor_id));
    assert_clean(&run(&r));
}

#[test]
fn arrival_after_departure_with_the_roster() {
    let roster = doc(&example("worker_transfer.roster"));
    let v = example("worker_transfer.arrival");
    assert!(check_arrival_against_roster(&doc(&v), &roster).is_empty());
    let mut bad = v.clone();
    set(
        &mut bad,
        "/body/placements/1/start_date",
        json!("2026-03-20"),
    );
    let f = check_arrival_against_roster(&doc(&bad), &roster);
    assert_eq!(f.len(), 1);
    assert_error(
        &f,
        "rule.arrival_before_departure",
        "/body/placements/1/start_date",
    );
    // Matched by citizen ID when there is no roster line.
    remove(&mut bad, "/body/placements/1/roster_line");
    let f = check_arrival_against_roster(&doc(&bad), &roster);
    assert_error(
        &f,
        "rule.arrival_before_departure",
        "/body/placements/1/start_date",
    );
    // Other types: nothing.
    assert!(check_arrival_against_roster(&roster, &roster).is_empty());
}

#[test]
fn certificate_attestation_numbers() {
    let v = example("worker_transfer.certificate_attestation");
    assert_clean(&run(&v));
    let num = "/body/certificates/0/number";
    let mut bad = v.clone();
    set(&mut bad, "/body/certificates/0/level", json!(4));
    assert_error(&run(&bad), "rule.certificate_number", num);
    let mut bad = v.clone();
    set(
        &mut bad,
        "/body/certificates/0/issued_on",
        json!("2024-12-18"),
    );
    assert_error(&run(&bad), "rule.certificate_number", num);
    let mut bad = v.clone();
    set(
        &mut bad,
        "/body/certificates/0/kind",
        json!("vocational_qualification"),
    );
    assert_error(&run(&bad), "rule.certificate_number", num);
    let mut bad = v.clone();
    set(&mut bad, num, json!("S000099340101255000123")); // province 99
    assert_error(&run(&bad), "rule.certificate_number", num);
    // Issued after the message date (2026-03-25).
    let mut bad = v.clone();
    set(&mut bad, num, json!("S000051340101265000123"));
    set(
        &mut bad,
        "/body/certificates/0/issued_on",
        json!("2026-04-01"),
    );
    let f = run(&bad);
    assert_error(
        &f,
        "rule.certificate_issue_date",
        "/body/certificates/0/issued_on",
    );
    assert_no_code(&f, "rule.certificate_number");
    // Legacy 16-digit qualification number: year 25, level digit (11th) 3.
    let mut legacy = v.clone();
    set(&mut legacy, num, json!("2551010013300123"));
    set(
        &mut legacy,
        "/body/certificates/0/kind",
        json!("vocational_qualification"),
    );
    set(&mut legacy, "/body/certificates/0/level", json!(3));
    assert_clean(&run(&legacy));
    // Training certificates of a roster: level digit 0 is implausible.
    let mut r = example("worker_transfer.roster");
    let t = "/body/workers/0/training/0/certificate_number";
    set(&mut r, t, json!("S000051340101250000123"));
    assert_error(&run(&r), "rule.certificate_number", t);
}

#[test]
fn retention_and_reconciliation_totals() {
    let mut v = example("worker_transfer.retention");
    set(&mut v, "/body/claimed_total_fen", json!(200_001));
    assert_error(&run(&v), "rule.total_mismatch", "/body/claimed_total_fen");
    let decision = json!({"kind": "decision",
        "decisions": [{"claim_line": 1, "decision": "accepted", "approved_fen": 100_000},
                      {"claim_line": 2, "decision": "accepted", "approved_fen": 100_000}],
        "approved_total_fen": 200_000});
    let mut v = example("worker_transfer.retention");
    set(&mut v, "/body", decision);
    assert!(validate::validate(&v).is_valid());
    set(&mut v, "/body/approved_total_fen", json!(150_000));
    assert_error(&run(&v), "rule.total_mismatch", "/body/approved_total_fen");

    let mut r = example("worker_transfer.reconciliation");
    set(&mut r, "/body/totals/sent", json!(21));
    let f = run(&r);
    assert_error(&f, "rule.total_mismatch", "/body/totals/sent");
    assert_eq!(f.len(), 1);
}

// ---------------------------------------------------------------------------------------------
// Family planning

#[test]
fn marriage_certificate_only_for_women_18_to_49() {
    let v = example("family_planning.certificate");
    // A man.
    let mut bad = v.clone();
    set(
        &mut bad,
        "/body/person/citizen_id",
        json!("522301199302140138"),
    );
    set(&mut bad, "/body/person/sex", json!("male"));
    set(&mut bad, "/body/person/birth_date", json!("1993-02-14"));
    set(
        &mut bad,
        "/body/spouse/citizen_id",
        json!("522301199508210269"),
    );
    assert_error(
        &run(&bad),
        "rule.marriage_certificate_eligibility",
        "/body/person",
    );
    // A woman aged 50 on the issue date (2026-02-20).
    let mut old = v.clone();
    set(
        &mut old,
        "/body/person/citizen_id",
        json!(id("52230119760101002")),
    );
    set(&mut old, "/body/person/birth_date", json!("1976-01-01"));
    assert_error(
        &run(&old),
        "rule.marriage_certificate_eligibility",
        "/body/person",
    );
    // …aged 49: fine.
    set(
        &mut old,
        "/body/person/citizen_id",
        json!(id("52230119760301002")),
    );
    set(&mut old, "/body/person/birth_date", json!("1976-03-01"));
    assert_clean(&run(&old));
    // Cancelling the certificate of a woman past 49 is fine.
    let mut cancel = v.clone();
    set(
        &mut cancel,
        "/body/person/citizen_id",
        json!(id("52230119760101002")),
    );
    set(&mut cancel, "/body/person/birth_date", json!("1976-01-01"));
    set(&mut cancel, "/body/action", json!("cancel"));
    set(&mut cancel, "/body/status", json!("cancelled"));
    set(
        &mut cancel,
        "/body/cancel_reason",
        json!("已满49周岁，婚育证明自动失效。"),
    );
    assert!(validate::validate(&cancel).is_valid());
    assert_clean(&run(&cancel));
}

#[test]
fn deadlines_counted_from_a_date_in_the_body() {
    // Verification request: not checked by default (family-planning deadlines wait for a
    // service agreement, LL-RULE-015); 7 working days when the parameter is set.
    let mut v = example("family_planning.verification_request");
    set(&mut v, "/body/application_date", json!("2026-08-01"));
    assert_no_code(&run(&v), "rule.deadline_missed");
    let mut p = RuleParameters::default();
    p.deadlines.fp_verification_request = Some(7);
    let f = run_with(&RulesStage::new(p), &v);
    assert_has(&f, "rule.deadline_missed", "/issued_at", Severity::Warning);
    assert!(
        validate::validate(&v).is_valid(),
        "a missed deadline never rejects"
    );
    // Arrival registration: 30 calendar days, judged by the registration date.
    let mut a = example("family_planning.arrival_notice");
    set(&mut a, "/body/arrival_date", json!("2026-01-20"));
    assert_has(
        &run(&a),
        "rule.deadline_missed",
        "/body/registered_on",
        Severity::Warning,
    );
    set(&mut a, "/body/arrival_date", json!("2026-02-04"));
    assert_clean(&run(&a));
    // Contact letter: 15 working days after the application (pension case).
    let mut c = example("social_insurance.contact_letter");
    set(&mut c, "/body/application_date", json!("2026-09-01"));
    assert_has(
        &run(&c),
        "rule.deadline_missed",
        "/issued_at",
        Severity::Warning,
    );
    // A year whose holidays are not confirmed adds a provisional-calendar warning.
    let mut p = example("social_insurance.contact_letter");
    set(&mut p, "/issued_at", json!("2027-01-05T02:00:00Z"));
    set(&mut p, "/body/application_date", json!("2026-12-30"));
    assert_has(
        &run(&p),
        "rule.calendar_provisional",
        "/issued_at",
        Severity::Warning,
    );
}

#[test]
fn benefit_and_statistics_periods() {
    let mut v = example("family_planning.benefit_notice");
    set(&mut v, "/body/benefit/period/end", json!("2025-12"));
    assert_error(&run(&v), "rule.period_order", "/body/benefit/period");
    let mut s = example("family_planning.service_notice");
    set(&mut s, "/body/kind", json!("statistics"));
    set(
        &mut s,
        "/body/statistics",
        json!({"period": {"start": "2026-04", "end": "2026-03"}, "arrivals": 3}),
    );
    assert_error(&run(&s), "rule.period_order", "/body/statistics/period");
}

// ---------------------------------------------------------------------------------------------
// Social insurance

#[test]
fn insured_periods_order_overlap_and_months() {
    let v = example("social_insurance.contribution_certificate");
    let mut bad = v.clone();
    set(&mut bad, "/body/insured_periods/1/end", json!("2019-06"));
    let f = run(&bad);
    assert_error(&f, "rule.period_order", "/body/insured_periods/1");
    assert_no_code(&f, "rule.months_mismatch");
    let mut bad = v.clone();
    set(&mut bad, "/body/insured_periods/1/start", json!("2018-06"));
    assert_error(&run(&bad), "rule.period_overlap", "/body/insured_periods/1");
    let mut bad = v.clone();
    set(&mut bad, "/body/contribution_months", json!(113));
    assert_error(
        &run(&bad),
        "rule.months_mismatch",
        "/body/contribution_months",
    );
    // An open period counts through the message month (2026-01): 36 + 79.
    let mut open = v.clone();
    remove(&mut open, "/body/insured_periods/1/end");
    set(&mut open, "/body/contribution_months", json!(115));
    assert_clean(&run(&open));
    // Personal account: principal + interest = balance.
    let mut bad = v.clone();
    set(
        &mut bad,
        "/body/personal_account/balance_fen",
        json!(2_944_075),
    );
    assert_error(
        &run(&bad),
        "rule.personal_account_total",
        "/body/personal_account/balance_fen",
    );
}

#[test]
fn information_table_rows_and_totals() {
    let v = example("social_insurance.transfer_information");
    assert_clean(&run(&v));
    let mut bad = v.clone();
    // 610,063 is 12% of the year's base rounded once; 610,068 is what rounding each of the 12
    // months gives (domain-review §3 item 6): inside the tolerance, a warning.
    set(&mut bad, "/body/years/3/pooled_fund_fen", json!(610_068));
    set(&mut bad, "/body/totals/pooled_fund_fen", json!(4_095_988));
    let f = run(&bad);
    assert_has(
        &f,
        "rule.pooled_fund_row",
        "/body/years/3",
        Severity::Warning,
    );
    // 101 fen off: an error.
    set(&mut bad, "/body/years/3/pooled_fund_fen", json!(610_164));
    let f = run(&bad);
    assert_error(&f, "rule.pooled_fund_row", "/body/years/3");
    assert_error(&f, "rule.pooled_fund_total", "/body/totals/pooled_fund_fen");
    let mut bad = v.clone();
    set(
        &mut bad,
        "/body/years/2/personal_account_fen",
        json!(382_081),
    );
    let f = run(&bad);
    assert_has(
        &f,
        "rule.personal_account_credit",
        "/body/years/2",
        Severity::Warning,
    );
    // One fen: within the rounding tolerance (1 fen per month), a warning.
    assert_has(
        &f,
        "rule.personal_account_total",
        "/body/totals/personal_account_fen",
        Severity::Warning,
    );
    let mut bad = v.clone();
    set(&mut bad, "/body/totals/base_fen", json!(34_133_198));
    assert_error(&run(&bad), "rule.total_mismatch", "/body/totals/base_fen");
    let mut bad = v.clone();
    set(&mut bad, "/body/transfer_fen", json!(7_040_058));
    let f = run(&bad);
    assert_error(&f, "rule.total_mismatch", "/body/transfer_fen");
    assert_eq!(f.len(), 1);
    let mut bad = v.clone();
    set(&mut bad, "/body/years/0/months", json!(7));
    assert_error(
        &run(&bad),
        "rule.months_mismatch",
        "/body/totals/contribution_months",
    );
    let mut bad = v.clone();
    set(&mut bad, "/body/years/4/year", json!(2022));
    assert_error(&run(&bad), "rule.pooled_fund_year", "/body/years/4");
    // Totals: 78 months = 114 insured − 36 withheld; 79 is wrong twice over.
    let mut bad = v.clone();
    set(&mut bad, "/body/totals/contribution_months", json!(79));
    let f = run(&bad);
    assert_eq!(
        f.iter()
            .filter(|x| x.code() == "rule.months_mismatch"
                && x.path() == "/body/totals/contribution_months")
            .count(),
        2,
        "{}",
        show(&f)
    );
    let mut bad = v.clone();
    set(&mut bad, "/body/withheld_periods/0/months", json!(35));
    assert_error(
        &run(&bad),
        "rule.months_mismatch",
        "/body/withheld_periods/0/months",
    );
    let mut bad = v.clone();
    set(&mut bad, "/body/insured_periods/0/end", json!("2019-07"));
    assert_error(&run(&bad), "rule.period_overlap", "/body/insured_periods/1");
}

#[test]
fn information_table_rows_before_1998() {
    let mut v = example("social_insurance.transfer_information");
    let years = v
        .pointer_mut("/body/years")
        .unwrap()
        .as_array_mut()
        .unwrap();
    years.insert(
        0,
        json!({"year": 1997, "months": 12, "base_fen": 1_000_000,
               "personal_account_fen": 0, "pooled_fund_fen": 0}),
    );
    let periods = v
        .pointer_mut("/body/insured_periods")
        .unwrap()
        .as_array_mut()
        .unwrap();
    periods.push(json!({"start": "1997-01", "end": "1997-12"}));
    set(&mut v, "/body/totals/contribution_months", json!(90));
    set(&mut v, "/body/totals/base_fen", json!(35_133_197));
    assert_clean(&run(&v));
    // A pooled amount before 1998 is wrong; row pointers stay those of the document.
    let mut bad = v.clone();
    set(&mut bad, "/body/years/0/pooled_fund_fen", json!(5));
    set(&mut bad, "/body/years/4/pooled_fund_fen", json!(610_164));
    let f = run(&bad);
    assert_error(&f, "rule.pooled_fund_row", "/body/years/0/pooled_fund_fen");
    assert_error(&f, "rule.pooled_fund_row", "/body/years/4");
    let row = f.iter().find(|x| x.path() == "/body/years/4").unwrap();
    assert!(
        row.violation.message.contains("/body/years/4 "),
        "{}",
        row.violation.message
    );
    assert!(row.violation.message_zh.starts_with("/body/years/4 "));
}

#[test]
fn back_payments_need_a_prior_legal_document_or_are_withheld() {
    let v = example("social_insurance.transfer_information");
    // Withheld (the example): fine. With a legal document dated before the payment: fine.
    let mut ok = v.clone();
    set(
        &mut ok,
        "/body/back_payments/0/legal_document",
        json!({"kind": "court", "number": "（2019）川3401民初123号", "dated": "2019-05-10"}),
    );
    assert_clean(&run(&ok));
    // Not withheld, no document: rejected.
    let mut bad = v.clone();
    remove(&mut bad, "/body/withheld_periods");
    assert_error(
        &run(&bad),
        "rule.back_payment_document",
        "/body/back_payments/0",
    );
    // Not withheld, document created after the payment: rejected.
    set(
        &mut bad,
        "/body/back_payments/0/legal_document",
        json!({"kind": "court", "number": "（2019）川3401民初123号", "dated": "2019-07-01"}),
    );
    assert_error(
        &run(&bad),
        "rule.back_payment_document",
        "/body/back_payments/0",
    );
    // Under three years: no document needed.
    set(
        &mut bad,
        "/body/back_payments/0/period/end",
        json!("2018-11"),
    );
    set(&mut bad, "/body/back_payments/0/months", json!(35));
    assert_no_code(&run(&bad), "rule.back_payment_document");
    // The months of a back-payment match its period.
    let mut bad = v.clone();
    set(&mut bad, "/body/back_payments/0/months", json!(30));
    assert_error(
        &run(&bad),
        "rule.months_mismatch",
        "/body/back_payments/0/months",
    );
}

fn information_table(scheme: &str, block: (&str, Value), transfer: i64) -> Value {
    let mut v = example("social_insurance.transfer_information");
    let b = v.pointer_mut("/body").unwrap().as_object_mut().unwrap();
    for k in ["years", "totals", "back_payments", "withheld_periods"] {
        b.remove(k);
    }
    b.insert("scheme".into(), json!(scheme));
    b.insert(block.0.into(), block.1);
    b.insert("transfer_fen".into(), json!(transfer));
    v
}

#[test]
fn resident_pension_account_balance() {
    let pa = json!({"principal_fen": 800_000, "interest_fen": 23_456, "balance_fen": 823_456});
    let v = information_table("170", ("personal_account", pa), 823_456);
    assert!(
        validate::validate(&v).is_valid(),
        "{}",
        show(&validate::validate(&v).findings)
    );
    assert_clean(&run(&v));
    let mut bad = v.clone();
    set(
        &mut bad,
        "/body/personal_account/interest_fen",
        json!(23_457),
    );
    assert_error(
        &run(&bad),
        "rule.personal_account_total",
        "/body/personal_account/balance_fen",
    );
    let mut bad = v.clone();
    set(&mut bad, "/body/transfer_fen", json!(823_455));
    assert_error(&run(&bad), "rule.total_mismatch", "/body/transfer_fen");
}

fn unemployment_table() -> Value {
    let u = json!({"contribution_months": 72, "entitled_months": 18, "drawn_months": 6,
                   "remaining_months": 12, "remaining_benefit_fen": 2_400_001,
                   "supplementary_fen": 1_200_001});
    let mut v = information_table("210", ("unemployment", u), 3_600_002);
    set(
        &mut v,
        "/case/type",
        json!("social_insurance.unemployment_transfer"),
    );
    v
}

#[test]
fn unemployment_tier_remaining_months_and_one_and_a_half() {
    let v = unemployment_table();
    assert!(
        validate::validate(&v).is_valid(),
        "{}",
        show(&validate::validate(&v).findings)
    );
    assert_clean(&run(&v));
    let ent = "/body/unemployment/entitled_months";
    // Below the national maximum (72 months = 6 years → at most 18): lawful, a province sets
    // fewer (失业保险条例 art. 17 "最长为").
    let mut fewer = v.clone();
    set(&mut fewer, ent, json!(12));
    set(&mut fewer, "/body/unemployment/remaining_months", json!(6));
    assert_clean(&run(&fewer));
    // Above it with the carried-over months stated: an error.
    let mut bad = v.clone();
    set(&mut bad, ent, json!(24));
    set(&mut bad, "/body/unemployment/remaining_months", json!(18));
    set(&mut bad, "/body/unemployment/carried_over_months", json!(3));
    assert!(
        validate::validate(&bad)
            .findings
            .iter()
            .all(|f| f.code() != "schema.invalid")
    );
    assert_error(&run(&bad), "rule.unemployment_months", ent);
    set(&mut bad, "/body/unemployment/carried_over_months", json!(6));
    assert_no_code(&run(&bad), "rule.unemployment_months");
    // Above the tier, within the cap: carried-over entitlement possible → warning.
    let mut warn = v.clone();
    set(&mut warn, ent, json!(24));
    set(&mut warn, "/body/unemployment/remaining_months", json!(18));
    let f = run(&warn);
    assert_has(&f, "rule.unemployment_months", ent, Severity::Warning);
    assert!(!labourlink::rules::has_errors(&f));
    // Remaining = entitled − drawn.
    let mut bad = v.clone();
    set(&mut bad, "/body/unemployment/remaining_months", json!(11));
    assert_error(
        &run(&bad),
        "rule.unemployment_months",
        "/body/unemployment/remaining_months",
    );
    // Supplement = half of the remaining benefit (half-up) and transfer = 1.5×.
    let mut bad = v.clone();
    set(
        &mut bad,
        "/body/unemployment/supplementary_fen",
        json!(1_200_000),
    );
    assert_error(
        &run(&bad),
        "rule.unemployment_transfer_amount",
        "/body/unemployment/supplementary_fen",
    );
    let mut bad = v.clone();
    set(&mut bad, "/body/transfer_fen", json!(3_600_001));
    assert_error(
        &run(&bad),
        "rule.unemployment_transfer_amount",
        "/body/transfer_fen",
    );
    // Within one province the province sets the amounts (部长令8号 art. 23): not checked.
    set(&mut bad, "/to/region", json!("510100"));
    set(&mut bad, "/to/agency", json!("12510100MB0000000X"));
    assert_no_code(&run(&bad), "rule.unemployment_transfer_amount");
}

#[test]
fn unemployment_relation_only_and_regional_table() {
    // An employed worker changing jobs across provinces: relation and years only, no money
    // (社会保险法 art. 52).
    let mut v = unemployment_table();
    set(
        &mut v,
        "/body/unemployment",
        json!({"contribution_months": 72, "relation_only": true}),
    );
    set(&mut v, "/body/transfer_fen", json!(0));
    assert!(
        validate::validate(&v).is_valid(),
        "{}",
        show(&validate::validate(&v).findings)
    );
    assert_clean(&run(&v));
    set(&mut v, "/body/transfer_fen", json!(100));
    assert_error(
        &run(&v),
        "rule.unemployment_transfer_amount",
        "/body/transfer_fen",
    );
    // Without relation_only the benefit members are required by the schema.
    let mut missing = v.clone();
    remove(&mut missing, "/body/unemployment/relation_only");
    assert!(!validate::validate(&missing).is_valid());

    // A provincial table (parameter) for the sender's province: a difference is a warning.
    let v = unemployment_table();
    let from = v["from"]["region"].as_str().unwrap().to_owned();
    let province = format!("{}0000", &from[..2]);
    let mut p = RuleParameters::default();
    p.unemployment_regional_tiers.insert(
        province,
        vec![
            UnemploymentTier {
                min_contribution_years: 1,
                benefit_months: 3,
            },
            UnemploymentTier {
                min_contribution_years: 6,
                benefit_months: 15,
            },
        ],
    );
    p.validate().unwrap();
    let stage = RulesStage::new(p);
    let ent = "/body/unemployment/entitled_months";
    // 72 months = 6 years → 15 by the table; 18 (the national maximum) is not below it.
    assert_clean(&run_with(&stage, &v));
    let mut fewer = v.clone();
    set(&mut fewer, ent, json!(12));
    set(&mut fewer, "/body/unemployment/remaining_months", json!(6));
    let f = run_with(&stage, &fewer);
    assert_has(&f, "rule.unemployment_months", ent, Severity::Warning);
    assert!(!labourlink::rules::has_errors(&f));
}

#[test]
fn medical_transfer_amount() {
    let m = json!({"contribution_months": 60, "suspended_on": "2026-10-31",
                   "personal_account_balance_fen": 12_345});
    let v = information_table("310", ("medical", m), 12_345);
    assert!(
        validate::validate(&v).is_valid(),
        "{}",
        show(&validate::validate(&v).findings)
    );
    assert_clean(&run(&v));
    let mut bad = v.clone();
    set(&mut bad, "/body/transfer_fen", json!(0));
    assert_error(&run(&bad), "rule.total_mismatch", "/body/transfer_fen");
    // No account balance: the transfer is 0.
    let mut none = v.clone();
    remove(&mut none, "/body/medical/personal_account_balance_fen");
    set(&mut none, "/body/transfer_fen", json!(0));
    assert_clean(&run(&none));
}

#[test]
fn fund_transfer_components() {
    let v = example("social_insurance.fund_transfer");
    assert_clean(&run(&v));
    let mut bad = v.clone();
    set(
        &mut bad,
        "/body/components/pooled_fund_fen",
        json!(4_095_984),
    );
    assert_error(&run(&bad), "rule.total_mismatch", "/body/amount_fen");
}

#[test]
fn information_amount_equals_fund_transfer() {
    let info = doc(&example("social_insurance.transfer_information"));
    let fund = example("social_insurance.fund_transfer");
    assert!(check_fund_matches_information(&info, &doc(&fund)).is_empty());
    let mut bad = fund.clone();
    set(&mut bad, "/body/amount_fen", json!(7_040_050));
    let f = check_fund_matches_information(&info, &doc(&bad));
    assert_eq!(f.len(), 1);
    assert_error(&f, "rule.amount_mismatch", "/body/amount_fen");
    // Arguments the wrong way round: nothing to compare.
    assert!(check_fund_matches_information(&doc(&bad), &info).is_empty());
}

#[test]
fn completion_medical_waiting_period_and_overlap_clearing() {
    let v = example("social_insurance.transfer_completion");
    let wait = "/body/medical_continuity/waiting_months";
    let mut m = v.clone();
    set(&mut m, "/body/scheme", json!("310"));
    set(
        &mut m,
        "/body/medical_continuity",
        json!({"gap_months": 2, "waiting_months": 0}),
    );
    assert!(validate::validate(&m).is_valid());
    assert_clean(&run(&m));
    // A short gap without a stated back-payment: the transfer-in place's rules (≤ 6, else a
    // warning); back-paid: no waiting period (医保办发〔2021〕43号), an error above it.
    set(&mut m, wait, json!(3));
    assert_clean(&run(&m));
    set(&mut m, wait, json!(7));
    assert_has(
        &run(&m),
        "rule.medical_waiting_period",
        wait,
        Severity::Warning,
    );
    set(&mut m, "/body/medical_continuity/back_paid", json!(true));
    set(&mut m, wait, json!(3));
    assert_error(&run(&m), "rule.medical_waiting_period", wait);
    set(&mut m, "/body/medical_continuity/gap_months", json!(5));
    set(&mut m, wait, json!(6));
    assert_clean(&run(&m));
    set(&mut m, wait, json!(7));
    assert_error(&run(&m), "rule.medical_waiting_period", wait);

    let mut o = v.clone();
    set(
        &mut o,
        "/body/overlap_clearing",
        json!([{"period": {"start": "2025-10", "end": "2025-12"}, "months": 3,
                "kept": "110", "refund_fen": 36_000}]),
    );
    assert!(
        validate::validate(&o).is_valid(),
        "{}",
        show(&validate::validate(&o).findings)
    );
    assert_clean(&run(&o));
    set(&mut o, "/body/overlap_clearing/0/months", json!(4));
    assert_error(
        &run(&o),
        "rule.months_mismatch",
        "/body/overlap_clearing/0/months",
    );
}

#[test]
fn temporary_account_rule_on_the_application() {
    let v = example("social_insurance.transfer_application");
    // A man of 56 moving from Liangshan to Ningbo, hukou in Xichang: a temporary account is
    // expected; not declaring one is a warning.
    let mut older = v.clone();
    set(
        &mut older,
        "/body/person/citizen_id",
        json!(id("51340119700101001")),
    );
    set(&mut older, "/body/person/birth_date", json!("1970-01-01"));
    let f = run(&older);
    assert_has(
        &f,
        "rule.temporary_account",
        "/body/opens_temporary_account",
        Severity::Warning,
    );
    assert!(validate::validate(&older).is_valid());
    set(&mut older, "/body/opens_temporary_account", json!(true));
    assert!(validate::validate(&older).is_valid());
    assert_clean(&run(&older));
    // An organised transfer (组织调动) is exempt: declaring an account is then an error, not
    // declaring one is clean.
    set(&mut older, "/body/organised_transfer", json!(true));
    assert_error(
        &run(&older),
        "rule.temporary_account",
        "/body/opens_temporary_account",
    );
    set(&mut older, "/body/opens_temporary_account", json!(false));
    assert_clean(&run(&older));
    // Opening one for a man of 35 is an error.
    let mut young = v.clone();
    set(&mut young, "/body/opens_temporary_account", json!(true));
    assert_error(
        &run(&young),
        "rule.temporary_account",
        "/body/opens_temporary_account",
    );
    // Transferring an existing temporary account is never age-checked (国办发〔2009〕66号 art. 6).
    let mut existing = v.clone();
    set(&mut existing, "/body/temporary_account", json!(true));
    assert_clean(&run(&existing));
    // Not for other schemes.
    set(&mut young, "/body/scheme", json!("310"));
    assert_no_code(&run(&young), "rule.temporary_account");
}

// ---------------------------------------------------------------------------------------------
// Deadlines that need the earlier message

#[test]
fn deadline_from_earlier_message() {
    let letter = doc(&example("social_insurance.contact_letter"));
    let v = example("social_insurance.transfer_information");
    // Information table 17 working days after the contact letter (limit 15): warning.
    let f = stage::check_deadline(&doc(&v), &letter, &RuleParameters::default());
    assert_eq!(f.len(), 1, "{}", show(&f));
    assert_has(&f, "rule.deadline_missed", "/issued_at", Severity::Warning);
    assert!(!f[0].violation.message.contains("513401199004180574"));
    // 14 working days: on time; the withheld-period notice (8 wd, limit 10) too.
    let mut on_time = v.clone();
    set(&mut on_time, "/issued_at", json!("2026-11-05T02:00:00Z"));
    assert_clean(&stage::check_deadline(
        &doc(&on_time),
        &letter,
        &RuleParameters::default(),
    ));
    // The person told about withheld periods 14 working days after the contact letter.
    set(
        &mut on_time,
        "/body/withheld_periods/0/person_notified_on",
        json!("2026-11-05"),
    );
    let f = RulesStage::default().check_deadline(&doc(&on_time), &letter);
    assert_has(
        &f,
        "rule.deadline_missed",
        "/body/withheld_periods/0/person_notified_on",
        Severity::Warning,
    );
    // A parameter override (provinces with 20-day legs) applies.
    let mut params = RuleParameters::default();
    params.deadlines.pension_transfer = 20;
    assert_clean(&stage::check_deadline(&doc(&v), &letter, &params));
    // Completion 12 working days after the fund transfer (limit 15): fine.
    let fund = doc(&example("social_insurance.fund_transfer"));
    let done = doc(&example("social_insurance.transfer_completion"));
    assert_clean(&stage::check_deadline(
        &done,
        &fund,
        &RuleParameters::default(),
    ));
    // Verification reply: 15 working days after the request.
    let req = doc(&example("family_planning.verification_request"));
    let mut reply = example("family_planning.verification_reply");
    assert_clean(&stage::check_deadline(
        &doc(&reply),
        &req,
        &RuleParameters::default(),
    ));
    set(&mut reply, "/issued_at", json!("2026-09-30T02:00:00Z"));
    assert_clean(&stage::check_deadline(
        &doc(&reply),
        &req,
        &RuleParameters::default(),
    ));
    let mut p = RuleParameters::default();
    p.deadlines.fp_verification_reply = Some(15);
    let f = stage::check_deadline(&doc(&reply), &req, &p);
    assert_has(&f, "rule.deadline_missed", "/issued_at", Severity::Warning);
}

// ---------------------------------------------------------------------------------------------
// validate()

#[test]
fn validate_envelope_error_is_one_finding() {
    let mut v = example("receipt");
    set(&mut v, "/spec", json!("labourlink/2"));
    let r = validate::validate(&v);
    assert_eq!(r.findings.len(), 1);
    assert_eq!(r.findings[0].code(), "envelope.unsupported_spec");
    assert_eq!(r.findings[0].path(), "/spec");
    assert!(!r.is_valid());
}

#[test]
fn validate_checks_the_catalogue_before_later_envelope_members() {
    // LL-ENV-005: "type known" (LL-ENV-008) comes before id, case, from, to, instants, body.
    let mut v = example("social_insurance.contact_letter");
    set(&mut v, "/type", json!("social_insurance.transfer_request"));
    remove(&mut v, "/case/type");
    let r = validate::validate(&v);
    assert_eq!(r.findings.len(), 1, "{}", show(&r.findings));
    assert_eq!(r.findings[0].code(), "envelope.unknown_type");
    assert_eq!(r.findings[0].path(), "/type");
    assert!(!r.is_valid());
}

#[test]
fn validate_tolerates_plain_members_of_a_newer_minor_as_warnings() {
    // LL-SCHEMA-006, as in the verifier's schema stage.
    let mut v = example("social_insurance.contact_letter");
    set(&mut v, "/schema_version", json!("1.1"));
    set(&mut v, "/body/delivery_channel", json!("portal"));
    let r = validate::validate(&v);
    assert!(r.is_valid(), "{}", show(&r.findings));
    assert_eq!(r.findings.len(), 1, "{}", show(&r.findings));
    assert_eq!(r.findings[0].code(), "schema.unknown_member");
    assert_eq!(r.findings[0].path(), "/body");
    assert!(!r.findings[0].is_error());
    // A look-alike name is still a violation, and 1.0 tolerates nothing.
    set(&mut v, "/body/Delivery_channel", json!("portal"));
    let r = validate::validate(&v);
    assert!(!r.is_valid(), "{}", show(&r.findings));
    set(&mut v, "/schema_version", json!("1.0"));
    remove(&mut v, "/body/Delivery_channel");
    let r = validate::validate(&v);
    assert!(
        r.findings
            .iter()
            .any(|f| f.code() == "schema.invalid" && f.path() == "/body"),
        "{}",
        show(&r.findings)
    );
}

#[test]
fn validate_schema_violations_stop_before_rules() {
    let mut v = example("social_insurance.contact_letter");
    set(
        &mut v,
        "/body/person/citizen_id",
        json!("513401199004180575"),
    ); // rule error
    set(&mut v, "/body/issued_on", json!("2026-13-01")); // schema error
    remove(&mut v, "/body/letter_number"); // schema error
    let r = validate::validate(&v);
    assert!(r.findings.len() >= 2, "{}", show(&r.findings));
    assert!(
        r.findings
            .iter()
            .all(|f| f.code() == "schema.invalid" && f.is_error())
    );
    assert!(r.findings.iter().any(|f| f.path() == "/body/issued_on"));
    assert!(r.findings.iter().any(|f| f.path() == "/body"));
}

#[test]
fn validate_json_reads_strictly() {
    let r = validate::validate_json(br#"{"spec": "labourlink/1", "spec": "x"}"#);
    assert_eq!(r.findings.len(), 1);
    assert_eq!(r.findings[0].code(), "json.duplicate_key");
    let r = validate::validate_json(br#"{"a": 1.5}"#);
    assert_eq!(r.findings[0].code(), "json.not_integer");
    let text = std::fs::read(format!("{EXAMPLES}/social_insurance.fund_transfer.json")).unwrap();
    assert!(validate::validate_json(&text).is_valid());
}

#[test]
fn report_json_and_accessors() {
    let mut v = example("worker_transfer.job_demand");
    let first17 = "B1330203MA2H3K7T9";
    let code = format!("{first17}{}", ids::uscc_check_char(first17).unwrap());
    set(&mut v, "/body/employer/uscc", json!(code));
    set(
        &mut v,
        "/body/positions/0/workplace_region",
        json!("330102"),
    );
    let r = validate::validate(&v);
    assert_eq!(r.errors().count(), 1);
    assert_eq!(r.warnings().count(), 1);
    let j = r.to_json();
    assert_eq!(j["valid"], json!(false));
    let list = j["findings"].as_array().unwrap();
    assert!(list.iter().any(|f| f["severity"] == "warning"
        && f["code"] == "rule.uscc_registration_code"
        && f["path"] == "/body/employer/uscc"));
    assert!(list.iter().any(|f| f["severity"] == "error"
        && f["code"] == "rule.region_outside"
        && !f["message_zh"].as_str().unwrap().is_empty()));
}

#[test]
fn every_code_is_documented() {
    // Codes emitted in this scenario are in the rule table, with a severity it allows.
    let mut v = example("social_insurance.transfer_information");
    remove(&mut v, "/body/withheld_periods");
    set(&mut v, "/body/transfer_fen", json!(1));
    set(&mut v, "/body/years/1/pooled_fund_fen", json!(1));
    for f in run(&v) {
        let code = RuleCode::from_code_str(f.code());
        assert!(code.is_some_and(|c| c.allows(f.severity)), "{f:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Verifier with schema and rules stages

fn verifier_for(
    key: &SigningKey,
    from: &Value,
    to_region: &str,
    types: &[&str],
    now: &str,
) -> Verifier {
    let mut list = TrustList::new(1, t("2027-06-30T00:00:00Z"));
    list.add_key(KeyRecord::new(
        key.kid(),
        from["region"].as_str().unwrap(),
        from["agency"].as_str().unwrap(),
        key.verifying_key(),
        t("2026-01-01T00:00:00Z"),
        None,
        types.iter().map(|s| (*s).to_owned()).collect(),
    ))
    .unwrap();
    Verifier::builder()
        .trust_list(list)
        .region(to_region)
        .clock(FixedClock(t(now)))
        .build()
        .unwrap()
}

#[test]
fn verifier_rejects_a_bad_check_digit_with_rule_violation() {
    let key = SigningKey::from_seed(&[7; 32], "330200-si-2026a").unwrap();
    let mut v = example("social_insurance.contact_letter");
    set(
        &mut v,
        "/body/person/citizen_id",
        json!("513401199004180575"),
    );
    let verifier = verifier_for(
        &key,
        &v["from"],
        "513400",
        &["social_insurance.*"],
        "2026-10-16T03:00:00Z",
    );
    let jws = sign(&v, &[&key]).unwrap();
    let err = verifier.verify(jws.as_bytes()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::RuleViolation);
    assert_eq!(err.path(), Some("/body/person/citizen_id"));
    assert!(
        err.violations()
            .iter()
            .any(|x| x.code == "rule.citizen_id_checksum" && x.path == "/body/person/citizen_id")
    );
    assert!(!err.to_json().to_string().contains("513401199004180575"));

    // The untouched example verifies, without warnings.
    let good = example("social_insurance.contact_letter");
    let jws = sign(&good, &[&key]).unwrap();
    let ok = verifier.verify(jws.as_bytes()).unwrap();
    assert!(ok.warnings().is_empty());
}

#[test]
fn verifier_returns_rule_warnings() {
    let key = SigningKey::from_seed(&[8; 32], "513400-si-2026a").unwrap();
    let mut v = example("social_insurance.transfer_application");
    set(
        &mut v,
        "/body/person/citizen_id",
        json!(id("51340119700101001")),
    );
    set(&mut v, "/body/person/birth_date", json!("1970-01-01"));
    let verifier = verifier_for(
        &key,
        &v["from"],
        "330200",
        &["social_insurance.*"],
        "2026-10-13T08:00:00Z",
    );
    let jws = sign(&v, &[&key]).unwrap();
    let ok = verifier.verify(jws.as_bytes()).unwrap();
    assert_eq!(ok.warnings().len(), 1);
    assert_eq!(ok.warnings()[0].code, "rule.temporary_account");
    assert_eq!(ok.warnings()[0].path, "/body/opens_temporary_account");

    // An error together with a warning: rejected; the violations list the error first and
    // keep the warning.
    let mut both = v.clone();
    set(
        &mut both,
        "/id",
        json!("01a1340f-9980-7f57-9108-b4def719f1aa"),
    );
    set(&mut both, "/body/new_agency/region", json!("339999"));
    let jws = sign(&both, &[&key]).unwrap();
    let err = verifier.verify(jws.as_bytes()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::RuleViolation);
    let codes: Vec<&str> = err.violations().iter().map(|x| x.code.as_str()).collect();
    assert_eq!(
        codes,
        ["rule.region_code_unknown", "rule.temporary_account"]
    );
}
#[test]
fn validate_schema_findings_carry_no_personal_data() {
    let mut v = example("social_insurance.contact_letter");
    set(
        &mut v,
        "/body/person/citizen_id",
        json!("51340119900418057"),
    );
    set(&mut v, "/body/person/birth_date", json!("1990-04-31"));
    set(&mut v, "/body/bank_account/account_name", json!(["马测试"]));
    let r = validate::validate(&v);
    assert!(r.findings.len() >= 3, "{}", show(&r.findings));
    assert!(
        r.findings
            .iter()
            .any(|f| f.path() == "/body/person/citizen_id")
    );
    for f in &r.findings {
        for secret in ["51340119900418057", "1990-04-31", "马测试"] {
            assert!(
                !f.violation.message.contains(secret),
                "{}",
                f.violation.message
            );
            assert!(
                !f.violation.message_zh.contains(secret),
                "{}",
                f.violation.message_zh
            );
        }
    }
}

// -- worker rights (issue 11 item 9, LL-RULE-020) ------------------------------------------------

#[track_caller]
fn assert_warning(f: &[Finding], code: &str, path: &str) {
    assert_has(f, code, path, Severity::Warning);
}

#[test]
fn wage_arrears_amounts_periods_and_outcomes() {
    let v = example("worker_rights.wage_arrears_referral");
    assert_clean(&run(&v));
    // Σ monthly = amount owed.
    let mut bad = v.clone();
    set(&mut bad, "/body/amount_owed_fen", json!(1_526_001));
    assert_error(&run(&bad), "rule.total_mismatch", "/body/amount_owed_fen");
    // The unpaid period is ordered and not after the message month (2026-10).
    let mut bad = v.clone();
    set(&mut bad, "/body/unpaid_period/end", json!("2026-06"));
    assert_error(&run(&bad), "rule.period_order", "/body/unpaid_period");
    let mut bad = v.clone();
    set(&mut bad, "/body/unpaid_period/end", json!("2026-11"));
    assert_error(&run(&bad), "rule.date_future", "/body/unpaid_period");
    let mut bad = v.clone();
    set(&mut bad, "/body/monthly/2/period", json!("2026-11"));
    assert_error(&run(&bad), "rule.date_future", "/body/monthly/2/period");
    let mut bad = v.clone();
    set(&mut bad, "/body/reported_on", json!("2026-10-13"));
    assert_error(&run(&bad), "rule.date_future", "/body/reported_on");
    let mut bad = v.clone();
    set(
        &mut bad,
        "/body/general_contractor/uscc",
        json!("91330212MA2CJ7JH4C"),
    );
    assert_error(
        &run(&bad),
        "rule.uscc_checksum",
        "/body/general_contractor/uscc",
    );

    let o = example("worker_rights.wage_arrears_outcome");
    assert_clean(&run(&o));
    let mut bad = o.clone();
    set(&mut bad, "/body/amount_paid_fen", json!(1_000_000));
    assert_error(&run(&bad), "rule.paid_amount", "/body/amount_paid_fen");
    let mut ok = bad.clone();
    set(&mut ok, "/body/outcome", json!("partly_paid"));
    assert_clean(&run(&ok));
    let mut bad = o.clone();
    set(&mut bad, "/body/outcome", json!("referred_to_court"));
    set(&mut bad, "/body/amount_paid_fen", json!(1_526_001));
    assert_error(&run(&bad), "rule.paid_amount", "/body/amount_paid_fen");
    let mut bad = o.clone();
    set(&mut bad, "/body/outcome", json!("partly_paid"));
    assert_error(&run(&bad), "rule.paid_amount", "/body/amount_paid_fen");
}

#[test]
fn work_injury_windows_order_and_assessment() {
    let v = example("worker_rights.work_injury_notice");
    assert_clean(&run(&v));
    // Employer: 30 days after the accident (2026-10-08) is 2026-11-07 — an October message
    // cannot show it, so move the accident back.
    let mut late = v.clone();
    set(&mut late, "/body/accident_date", json!("2026-09-14"));
    assert_warning(
        &run(&late),
        "rule.work_injury_application_window",
        "/body/application/filed_on",
    );
    let mut ok = late.clone();
    set(&mut ok, "/body/accident_date", json!("2026-09-15"));
    assert_clean(&run(&ok));
    // The worker, family or trade union: 1 year.
    let mut worker = late.clone();
    set(&mut worker, "/body/application/applicant", json!("family"));
    assert_clean(&run(&worker));
    set(&mut worker, "/body/accident_date", json!("2025-10-14"));
    assert_warning(
        &run(&worker),
        "rule.work_injury_application_window",
        "/body/application/filed_on",
    );
    set(&mut worker, "/body/accident_date", json!("2025-10-15"));
    assert_clean(&run(&worker));
    // Order and the future.
    let mut bad = v.clone();
    set(&mut bad, "/body/application/filed_on", json!("2026-10-07"));
    assert_error(&run(&bad), "rule.date_order", "/body/application/filed_on");
    let mut bad = v.clone();
    set(&mut bad, "/body/accident_date", json!("2026-10-21"));
    assert_error(&run(&bad), "rule.date_future", "/body/accident_date");
    let mut bad = v.clone();
    set(&mut bad, "/body/accident_region", json!("339999"));
    assert_error(
        &run(&bad),
        "rule.region_code_unknown",
        "/body/accident_region",
    );

    let d = example("worker_rights.work_injury_decision");
    assert_clean(&run(&d));
    let mut bad = d.clone();
    set(&mut bad, "/body/benefits_total_fen", json!(5_612_001));
    assert_error(
        &run(&bad),
        "rule.total_mismatch",
        "/body/benefits_total_fen",
    );
    let mut bad = d.clone();
    set(
        &mut bad,
        "/body/disability_assessment/assessed_on",
        json!("2026-11-19"),
    );
    assert_error(
        &run(&bad),
        "rule.date_order",
        "/body/disability_assessment/assessed_on",
    );
    let mut bad = d.clone();
    set(&mut bad, "/body/decided_on", json!("2026-10-18"));
    assert_error(&run(&bad), "rule.date_order", "/body/decided_on");
    let mut bad = d.clone();
    set(&mut bad, "/body/decision", json!("not_recognised"));
    let f = run(&bad);
    assert_error(
        &f,
        "rule.disability_assessment",
        "/body/disability_assessment",
    );
    assert_error(&f, "rule.disability_assessment", "/body/benefits");
    let mut bad = d.clone();
    set(&mut bad, "/body/disability_assessment/grade", json!(11));
    assert_error(
        &run(&bad),
        "rule.disability_assessment",
        "/body/disability_assessment/grade",
    );
    let mut bad = d.clone();
    set(&mut bad, "/body/benefits/1/paid_to_region", json!("339999"));
    assert_error(
        &run(&bad),
        "rule.region_code_unknown",
        "/body/benefits/1/paid_to_region",
    );
    // The 60-day decision deadline (工伤保险条例 art. 20), a warning from the acceptance date.
    let mut late = d.clone();
    set(
        &mut late,
        "/body/application_accepted_on",
        json!("2026-10-03"),
    );
    assert_warning(&run(&late), "rule.deadline_missed", "/issued_at");
    let mut ok = d.clone();
    set(
        &mut ok,
        "/body/application_accepted_on",
        json!("2026-10-04"),
    );
    assert_clean(&run(&ok));
}

#[test]
fn labour_dispute_limitation_and_amounts() {
    let v = example("worker_rights.dispute_referral");
    assert_clean(&run(&v));
    let mut r = v.clone();
    set(&mut r, "/body/dispute_kinds", json!(["contract"]));
    set(&mut r, "/body/dispute_arose_on", json!("2025-09-01"));
    set(&mut r, "/body/arbitration_filed_on", json!("2026-09-01"));
    assert_clean(&run(&r));
    set(&mut r, "/body/arbitration_filed_on", json!("2026-09-02"));
    assert_warning(
        &run(&r),
        "rule.dispute_limitation",
        "/body/arbitration_filed_on",
    );
    // Unpaid wages: from the end of employment (劳动争议调解仲裁法 art. 27 ¶4)…
    let mut w = r.clone();
    set(&mut w, "/body/dispute_kinds", json!(["wages"]));
    set(&mut w, "/body/employment_ended_on", json!("2025-10-01"));
    assert_clean(&run(&w));
    set(&mut w, "/body/employment_ended_on", json!("2025-09-01"));
    assert_warning(
        &run(&w),
        "rule.dispute_limitation",
        "/body/arbitration_filed_on",
    );
    // …and not limited while it lasts.
    remove(&mut w, "/body/employment_ended_on");
    assert_clean(&run(&w));
    let mut bad = v.clone();
    set(&mut bad, "/body/arbitration_filed_on", json!("2026-08-30"));
    assert_error(&run(&bad), "rule.date_order", "/body/arbitration_filed_on");
    let mut bad = v.clone();
    set(&mut bad, "/body/dispute_arose_on", json!("2026-10-27"));
    assert_error(&run(&bad), "rule.date_future", "/body/dispute_arose_on");

    let o = example("worker_rights.dispute_outcome");
    assert_clean(&run(&o));
    let mut bad = o.clone();
    set(&mut bad, "/body/paid_fen", json!(900_001));
    assert_error(&run(&bad), "rule.paid_amount", "/body/paid_fen");
    let mut bad = o.clone();
    set(&mut bad, "/body/decided_on", json!("2026-12-03"));
    assert_error(&run(&bad), "rule.date_future", "/body/decided_on");
}

/// The walk reads the rows of an information table where they are and builds a pointer only
/// for a finding: each path that does so names the row and field it found wrong.
#[test]
fn information_table_findings_name_their_rows() {
    let v = example("social_insurance.transfer_information");
    let cases: [(&str, Value, &str, &str); 8] = [
        (
            "/body/withheld_periods/0/reason/periods/0/start",
            json!("2016-13"),
            "rule.period_format",
            "/body/withheld_periods/0/reason/periods/0/start",
        ),
        (
            "/body/withheld_periods/0/reason/periods/0/end",
            json!("2015-12"),
            "rule.period_order",
            "/body/withheld_periods/0/reason/periods/0",
        ),
        (
            "/body/withheld_periods/0/period/end",
            json!("2015-12"),
            "rule.period_order",
            "/body/withheld_periods/0/period",
        ),
        (
            "/body/withheld_periods/0/period/start",
            json!("2016/01"),
            "rule.period_format",
            "/body/withheld_periods/0/period/start",
        ),
        (
            "/body/back_payments/0/period/end",
            json!("2018-1"),
            "rule.period_format",
            "/body/back_payments/0/period/end",
        ),
        (
            "/body/back_payments/0/months",
            json!(35),
            "rule.months_mismatch",
            "/body/back_payments/0/months",
        ),
        (
            "/body/years/6/months",
            json!(13),
            "rule.pooled_fund_months",
            "/body/years/6",
        ),
        (
            "/body/years/5/pooled_fund_fen",
            json!(-1),
            "rule.amount_invalid",
            "/body/years/5",
        ),
    ];
    for (at, value, code, path) in cases {
        let mut bad = v.clone();
        set(&mut bad, at, value);
        assert_error(&run(&bad), code, path);
    }
}

/// The roster's rows are read where they are and pointers built only for findings: each check
/// of a worker's row names the row and field it found wrong.
#[test]
fn roster_findings_name_their_rows() {
    let v = example("worker_transfer.roster");
    let at = |edits: &[(&str, Value)]| {
        let mut r = v.clone();
        for (p, value) in edits {
            set(&mut r, p, value.clone());
        }
        run(&r)
    };
    // Exactly one finding of the code, at the path (review s40: presence alone would miss a
    // finding reported twice).
    let one = |f: &[Finding], code: &str, path: &str| {
        assert_eq!(
            f.iter().filter(|x| x.code() == code).count(),
            1,
            "{code}: {}",
            show(f)
        );
        assert_error(f, code, path);
    };
    let f = at(&[("/body/workers/1/education", json!("99"))]);
    one(&f, "rule.education_code", "/body/workers/1/education");
    let f = at(&[("/body/workers/1/person/ethnicity", json!("99"))]);
    one(
        &f,
        "rule.ethnicity_code",
        "/body/workers/1/person/ethnicity",
    );
    let f = at(&[("/body/workers/1/hukou_region", json!("513499"))]);
    one(
        &f,
        "rule.region_code_unknown",
        "/body/workers/1/hukou_region",
    );
    let f = at(&[("/body/workers/2/line", json!(1))]);
    one(&f, "rule.duplicate_worker", "/body/workers/2/line");
    assert!(
        f[0].violation.message.contains("/body/workers/0"),
        "{}",
        show(&f)
    );
    let first = v.pointer("/body/workers/0/person").unwrap().clone();
    let f = at(&[("/body/workers/2/person", first)]);
    one(
        &f,
        "rule.duplicate_worker",
        "/body/workers/2/person/citizen_id",
    );
    // The later row is named, the earlier by its pointer — never by the ID number.
    let dup = f
        .iter()
        .find(|x| x.code() == "rule.duplicate_worker")
        .unwrap();
    assert!(
        dup.violation
            .message
            .contains("already listed at /body/workers/0"),
        "{}",
        show(&f)
    );
    // 16 on the departure date: a minor worker (a warning at the date's pointer).
    let f = at(&[
        (
            "/body/workers/2/person/citizen_id",
            json!(id("51340120090601001")),
        ),
        ("/body/workers/2/person/birth_date", json!("2009-06-01")),
    ]);
    assert_has(
        &f,
        "rule.minor_worker",
        "/body/workers/2/departure_date",
        Severity::Warning,
    );
    let t = "/body/workers/0/training/0/certificate_number";
    let f = at(&[(t, json!("S000099340101255000123"))]);
    one(&f, "rule.certificate_number", t);
}
