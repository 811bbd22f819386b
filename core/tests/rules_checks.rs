//! Business rules: one accepting and one rejecting case (at least) per rule, findings with
//! code, pointer, severity and en + zh messages that never carry the ID number; parameters.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use labourlink::ErrorCode;
use labourlink::rules::calendar::HolidayCalendar;
use labourlink::rules::checks::{
    self, BenefitPlaceRule, InsuredPlace, MedicalGapClass, MedicalScheme, MedicalWaitingCase,
    PersonFields, TemporaryAccountCase,
};
use labourlink::rules::params::{DeadlineStep, Ratio, RuleParameters};
use labourlink::rules::periods::{Period, PeriodRange};
use labourlink::rules::regions::RegionLevel;
use labourlink::rules::{
    Date, Finding, RuleCode, Severity, Sex, findings_to_error, has_errors, ids, severity_of,
};
use serde_json::json;

const ID_MALE: &str = "330203199001011236";
const ID_FEMALE: &str = "522301198512319924";

fn d(s: &str) -> Date {
    Date::parse(s).unwrap()
}

fn today() -> Date {
    d("2026-11-27")
}

fn params() -> RuleParameters {
    RuleParameters::default()
}

fn codes(f: &[Finding]) -> Vec<&str> {
    f.iter().map(Finding::code).collect()
}

/// Every finding: a code of the rule table with a severity the table allows (its default, or
/// the alternate its row documents), both messages naming the pointer, no ID number in either
/// message.
fn well_formed(f: &[Finding]) {
    for x in f {
        let code = RuleCode::from_code_str(x.code());
        assert!(code.is_some(), "unlisted {}", x.code());
        let code = code.unwrap();
        assert!(
            code.allows(x.severity),
            "{} as {}, listed {}",
            x.code(),
            x.severity,
            code.severity_label()
        );
        let p = if x.path().is_empty() { "/" } else { x.path() };
        assert!(x.violation.message.contains(p), "{x:?}");
        assert!(x.violation.message_zh.contains(p), "{x:?}");
        for id in [
            ID_MALE,
            ID_FEMALE,
            "33020319900101123",
            "1990-01-01",
            "19900101",
        ] {
            assert!(!x.violation.message.contains(id), "{x:?}");
            assert!(!x.violation.message_zh.contains(id), "{x:?}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Identifiers

#[test]
fn citizen_id_rule() {
    let ok = checks::check_citizen_id(ID_MALE, "/body/person/citizen_id", today(), &params());
    assert!(ok.is_empty());
    let f = checks::check_citizen_id(
        "330203199001011234",
        "/body/person/citizen_id",
        today(),
        &params(),
    );
    assert_eq!(codes(&f), ["rule.citizen_id_checksum"]);
    assert_eq!(f[0].path(), "/body/person/citizen_id");
    assert_eq!(
        f[0].violation.message,
        "the citizen ID at /body/person/citizen_id has a wrong check digit"
    );
    assert!(f[0].violation.message_zh.contains("校验码错误"));
    well_formed(&f);
    for (bad, code) in [
        ("3302031990010112", "rule.citizen_id_format"),
        ("330203900101123", "rule.citizen_id_legacy_15"),
        ("33020320270101123", "rule.citizen_id_birth_date"),
        ("33029919900101123", "rule.citizen_id_region"),
    ] {
        let bad = if bad.len() == 17 {
            format!("{bad}{}", ids::citizen_id_check_char(bad).unwrap())
        } else {
            bad.to_owned()
        };
        let f = checks::check_citizen_id(&bad, "/p", today(), &params());
        assert_eq!(codes(&f), [code], "{bad}");
        well_formed(&f);
    }
}

#[test]
fn uscc_rule() {
    assert!(checks::check_uscc("91330200MA2AB123XC", "/body/employer/uscc").is_empty());
    let f = checks::check_uscc("91330200MA2AB123XD", "/body/employer/uscc");
    assert_eq!(codes(&f), ["rule.uscc_checksum"]);
    assert!(f[0].is_error());
    let f = checks::check_uscc("91330200720478134H", "/body/employer/uscc");
    assert_eq!(codes(&f), ["rule.uscc_org_code_checksum"]);
    well_formed(&f);
    // Soft properties are warnings: pair 25 is not in the table, region 999900 unknown.
    let first17 = "25999900MA2AB123X";
    let code = format!("{first17}{}", ids::uscc_check_char(first17).unwrap());
    let f = checks::check_uscc(&code, "/body/employer/uscc");
    assert_eq!(
        codes(&f),
        ["rule.uscc_registration_code", "rule.uscc_region"]
    );
    assert!(f.iter().all(|x| x.severity == Severity::Warning));
    assert!(!has_errors(&f));
    well_formed(&f);
}

#[test]
fn region_rules() {
    assert!(checks::check_region_code("330213", "/body/workplace").is_empty());
    for (bad, code) in [
        ("330283", "rule.region_code_abolished"),
        ("330299", "rule.region_code_unknown"),
        ("3302", "rule.region_code_format"),
    ] {
        let f = checks::check_region_code(bad, "/body/workplace");
        assert_eq!(codes(&f), [code], "{bad}");
        well_formed(&f);
    }
    // Workplace must be in 3302xx (domain.md §2.5).
    assert!(checks::check_region_within("330282", "330200", "/body/workplace").is_empty());
    let f = checks::check_region_within("513426", "330200", "/body/workplace");
    assert_eq!(codes(&f), ["rule.region_outside"]);
    assert!(f[0].violation.message.contains("宁波市"));
    well_formed(&f);
}

#[test]
fn sex_and_birth_date_consistency() {
    let id = ids::parse_citizen_id(ID_MALE, today()).unwrap();
    assert!(checks::check_sex_matches_id(&id, Sex::Male, "/body/person/sex").is_empty());
    let f = checks::check_sex_matches_id(&id, Sex::Female, "/body/person/sex");
    assert_eq!(codes(&f), ["rule.sex_id_mismatch"]);
    well_formed(&f);
    assert!(
        checks::check_birth_date_matches_id(&id, d("1990-01-01"), "/body/person/birth_date")
            .is_empty()
    );
    let f = checks::check_birth_date_matches_id(&id, d("1990-01-02"), "/body/person/birth_date");
    assert_eq!(codes(&f), ["rule.birth_date_id_mismatch"]);
    well_formed(&f);
    // A foreign permanent-resident number carries no sex or birth date: nothing to compare.
    let foreign = ids::parse_citizen_id("900000198001010016", today()).unwrap();
    assert!(checks::check_sex_matches_id(&foreign, Sex::Female, "/s").is_empty());
}

#[test]
fn person_object_in_a_body() {
    let body = json!({"person": {"name": "阿苏", "citizen_id": ID_FEMALE, "sex": "F", "birth_date": "1985-12-31"}});
    let f = checks::check_person(
        &body,
        "/person",
        PersonFields::default(),
        today(),
        &params(),
    );
    assert!(f.is_empty(), "{f:?}");
    let body = json!({"person": {"citizen_id": ID_FEMALE, "sex": "M", "birth_date": "1985-12-30"}});
    let f = checks::check_person(
        &body,
        "/person",
        PersonFields::default(),
        today(),
        &params(),
    );
    assert_eq!(
        codes(&f),
        ["rule.sex_id_mismatch", "rule.birth_date_id_mismatch"]
    );
    assert_eq!(f[0].path(), "/person/sex");
    assert_eq!(f[1].path(), "/person/birth_date");
    well_formed(&f);
    let body = json!({"workers": [{"id_no": "522301198512319925"}]});
    let fields = PersonFields {
        citizen_id: "id_no",
        ..PersonFields::default()
    };
    let f = checks::check_person(&body, "/workers/0", fields, today(), &params());
    assert_eq!(codes(&f), ["rule.citizen_id_checksum"]);
    assert_eq!(f[0].path(), "/workers/0/id_no");
    assert!(!f[0].violation.message.contains("522301"));
    // Missing members are the schema's business.
    assert!(
        checks::check_person(
            &json!({}),
            "/person",
            PersonFields::default(),
            today(),
            &params()
        )
        .is_empty()
    );
}

// ---------------------------------------------------------------------------------------------
// Worker transfer, family planning

#[test]
fn arrival_after_departure() {
    let p = "/body/arrival_date";
    assert!(checks::check_arrival_after_departure(d("2026-03-01"), d("2026-03-01"), p).is_empty());
    assert!(checks::check_arrival_after_departure(d("2026-03-01"), d("2026-03-03"), p).is_empty());
    let f = checks::check_arrival_after_departure(d("2026-03-01"), d("2026-02-28"), p);
    assert_eq!(codes(&f), ["rule.arrival_before_departure"]);
    well_formed(&f);
}

#[test]
fn minimum_working_age() {
    let p = "/body/placement/start_date";
    let birth = d("2010-11-28");
    assert!(checks::check_minimum_working_age(birth, d("2026-11-28"), p, &params()).is_empty());
    let f = checks::check_minimum_working_age(birth, d("2026-11-27"), p, &params());
    assert_eq!(codes(&f), ["rule.minimum_working_age"]);
    assert!(f[0].violation.message.contains("16"));
    well_formed(&f);
    // Start before birth: refused, no panic.
    let f = checks::check_minimum_working_age(birth, d("2000-01-01"), p, &params());
    assert_eq!(codes(&f), ["rule.minimum_working_age"]);
    // The age is a parameter (K).
    let p18 = RuleParameters {
        minimum_working_age: 18,
        ..params()
    };
    assert_eq!(
        codes(&checks::check_minimum_working_age(
            birth,
            d("2026-11-28"),
            p,
            &p18
        )),
        ["rule.minimum_working_age"]
    );
}

#[test]
fn marriage_certificate_only_for_women_18_to_49() {
    let p = "/body/certificate";
    let issue = d("2026-06-01");
    assert!(
        checks::check_marriage_certificate(Sex::Female, d("1990-01-01"), issue, p, &params())
            .is_empty()
    );
    // 49 on the issue date: still eligible; 50: not.
    assert!(
        checks::check_marriage_certificate(Sex::Female, d("1976-06-02"), issue, p, &params())
            .is_empty()
    );
    for (sex, birth) in [
        (Sex::Male, "1990-01-01"),
        (Sex::Female, "1976-06-01"),
        (Sex::Female, "2008-06-02"),
    ] {
        let f = checks::check_marriage_certificate(sex, d(birth), issue, p, &params());
        assert_eq!(
            codes(&f),
            ["rule.marriage_certificate_eligibility"],
            "{sex:?} {birth}"
        );
        well_formed(&f);
    }
    assert!(
        checks::check_marriage_certificate(Sex::Female, d("2008-06-01"), issue, p, &params())
            .is_empty()
    );
}

#[test]
fn arrival_registration_within_30_days() {
    let p = "/body/registered_on";
    let days = params().arrival_registration_days;
    assert!(
        checks::check_calendar_days_deadline(d("2026-03-01"), d("2026-03-31"), days, p).is_empty()
    );
    let f = checks::check_calendar_days_deadline(d("2026-03-01"), d("2026-04-01"), days, p);
    assert_eq!(codes(&f), ["rule.deadline_missed"]);
    assert_eq!(f[0].severity, Severity::Warning);
    well_formed(&f);
}

// ---------------------------------------------------------------------------------------------
// Pension

fn temp_case<'a>(sex: Sex, birth: &str, mv: &str) -> TemporaryAccountCase<'a> {
    TemporaryAccountCase {
        sex,
        birth_date: d(birth),
        move_date: d(mv),
        hukou_region: "513426",
        from_region: Some("513426"),
        to_region: "330203",
        organised_transfer: false,
    }
}

#[test]
fn temporary_account_rule() {
    let p = params();
    let ptr = "/body/temporary_account";
    // A man of exactly 50 moving from 凉山 to 宁波: temporary account.
    let man50 = temp_case(Sex::Male, "1971-03-01", "2021-03-01");
    assert!(checks::temporary_account_required(&man50, &p));
    assert!(checks::check_temporary_account(&man50, true, ptr, &p).is_empty());
    let f = checks::check_temporary_account(&man50, false, ptr, &p);
    assert_eq!(codes(&f), ["rule.temporary_account"]);
    assert_eq!(f[0].severity, Severity::Warning);
    well_formed(&f);
    // One day younger: no temporary account; declaring one is an error.
    let man49 = temp_case(Sex::Male, "1971-03-02", "2021-03-01");
    assert!(!checks::temporary_account_required(&man49, &p));
    assert!(checks::check_temporary_account(&man49, false, ptr, &p).is_empty());
    let f = checks::check_temporary_account(&man49, true, ptr, &p);
    assert_eq!(codes(&f), ["rule.temporary_account"]);
    assert_eq!(f[0].severity, Severity::Error);
    well_formed(&f);
    // Women from 40.
    assert!(checks::temporary_account_required(
        &temp_case(Sex::Female, "1981-03-01", "2021-03-01"),
        &p
    ));
    assert!(!checks::temporary_account_required(
        &temp_case(Sex::Female, "1981-03-02", "2021-03-01"),
        &p
    ));
    // Back to the hukou province, within a province, organised transfer: no.
    let back = TemporaryAccountCase {
        from_region: Some("330203"),
        to_region: "513401",
        ..man50
    };
    assert!(!checks::temporary_account_required(&back, &p));
    let within = TemporaryAccountCase {
        from_region: Some("330212"),
        ..man50
    };
    assert!(!checks::temporary_account_required(&within, &p));
    let organised = TemporaryAccountCase {
        organised_transfer: true,
        ..man50
    };
    assert!(!checks::temporary_account_required(&organised, &p));
    // First insured place outside the hukou province, already over the age.
    let first = TemporaryAccountCase {
        from_region: None,
        ..man50
    };
    assert!(checks::temporary_account_required(&first, &p));
}

fn place(region: &str, months: u32) -> InsuredPlace<'_> {
    InsuredPlace {
        region,
        months,
        temporary: false,
    }
}

#[test]
fn benefit_place_four_rules() {
    let p = params();
    let hukou = "513426"; // 会东县, 凉山州
    // Rule 1: the relation is at the hukou place (same prefecture by default).
    let r = checks::decide_benefit_place(hukou, &[place("330203", 150), place("513401", 24)], &p);
    assert_eq!(
        (r.rule, r.region.as_str()),
        (BenefitPlaceRule::HukouPlace, "513401")
    );
    // Rule 2: ≥ 10 years accumulated at the current place (two stints in 3302xx).
    let r = checks::decide_benefit_place(
        hukou,
        &[
            place("330203", 60),
            place("320500", 24),
            place("330212", 60),
        ],
        &p,
    );
    assert_eq!(
        (r.rule, r.region.as_str()),
        (BenefitPlaceRule::CurrentPlace, "330212")
    );
    // Rule 3: < 10 years at the current place → the last previous place with ≥ 10 years.
    let r = checks::decide_benefit_place(
        hukou,
        &[
            place("440300", 130),
            place("320500", 125),
            place("330203", 12),
        ],
        &p,
    );
    assert_eq!(
        (r.rule, r.region.as_str()),
        (BenefitPlaceRule::PreviousPlace, "320500")
    );
    // Rule 4: < 10 years everywhere → hukou place.
    let r = checks::decide_benefit_place(hukou, &[place("440300", 119), place("330203", 60)], &p);
    assert_eq!(
        (r.rule, r.region.as_str()),
        (BenefitPlaceRule::HukouFallback, "513426")
    );
    assert_eq!(r.rule.number(), 4);
    // Temporary-account places never count as 10-year places.
    let temp = InsuredPlace {
        region: "440300",
        months: 200,
        temporary: true,
    };
    let r = checks::decide_benefit_place(hukou, &[temp, place("330203", 60)], &p);
    assert_eq!(r.rule, BenefitPlaceRule::HukouFallback);
    let r = checks::decide_benefit_place(hukou, &[place("330203", 130), temp], &p);
    assert_eq!(
        (r.rule, r.region.as_str()),
        (BenefitPlaceRule::CurrentPlace, "330203")
    );
    assert_eq!(
        checks::decide_benefit_place(hukou, &[], &p).rule,
        BenefitPlaceRule::HukouFallback
    );
    // The threshold is a parameter.
    let p5 = RuleParameters {
        benefit_place_min_years: 5,
        ..params()
    };
    let r = checks::decide_benefit_place(hukou, &[place("440300", 119), place("330203", 60)], &p5);
    assert_eq!(r.rule, BenefitPlaceRule::CurrentPlace);
    // With county-level matching, 513401 is not the hukou place 513426.
    let county = RuleParameters {
        benefit_place_match_level: RegionLevel::County,
        ..params()
    };
    let r = checks::decide_benefit_place(hukou, &[place("513401", 24)], &county);
    assert_eq!(r.rule, BenefitPlaceRule::HukouFallback);
}

#[test]
fn benefit_place_check() {
    let p = params();
    let places = [place("330203", 60), place("330212", 70)];
    assert!(
        checks::check_benefit_place("330200", "513426", &places, "/body/benefit_place", &p)
            .is_empty()
    );
    let f = checks::check_benefit_place("513426", "513426", &places, "/body/benefit_place", &p);
    assert_eq!(codes(&f), ["rule.benefit_place"]);
    assert!(f[0].violation.message.contains("rule 2"));
    well_formed(&f);
}

// ---------------------------------------------------------------------------------------------
// Medical, unemployment

#[test]
fn medical_gap_classes_and_waiting_period() {
    let p = params();
    let ptr = "/body/waiting_months";
    assert_eq!(
        checks::medical_gap_class(0, false, 0, &p),
        MedicalGapClass::Continuous
    );
    assert_eq!(
        checks::medical_gap_class(3, false, 0, &p),
        MedicalGapClass::ShortGap
    );
    assert_eq!(
        checks::medical_gap_class(4, false, 0, &p),
        MedicalGapClass::LongGap
    );
    // Switching schemes keeps the short-gap treatment only after 24 continuous months.
    assert_eq!(
        checks::medical_gap_class(2, true, 23, &p),
        MedicalGapClass::LongGap
    );
    assert_eq!(
        checks::medical_gap_class(2, true, 24, &p),
        MedicalGapClass::ShortGap
    );
    let case = |gap: i64, switching: bool, before: u32| MedicalWaitingCase {
        scheme: MedicalScheme::Employee,
        year: 2026,
        gap_months: gap,
        back_paid: Some(true),
        switching_scheme: switching,
        continuous_months_before: before,
    };
    assert!(checks::check_medical_waiting_period(&case(3, false, 0), 0, ptr, &p).is_empty());
    assert!(checks::check_medical_waiting_period(&case(5, false, 0), 6, ptr, &p).is_empty());
    for (gap, switching, before, waiting) in [
        (3, false, 0, 1),
        (0, false, 0, 2),
        (5, false, 0, 7),
        (2, true, 30, 3),
    ] {
        let f =
            checks::check_medical_waiting_period(&case(gap, switching, before), waiting, ptr, &p);
        assert_eq!(
            codes(&f),
            ["rule.medical_waiting_period"],
            "{gap} {waiting}"
        );
        assert_eq!(f[0].severity, Severity::Error);
        well_formed(&f);
    }
    let gap = labourlink::rules::periods::gap_months(
        Period::parse("2026-01").unwrap(),
        Period::parse("2026-05").unwrap(),
    );
    assert_eq!(
        checks::medical_gap_class(gap, false, 0, &p),
        MedicalGapClass::ShortGap
    );
}

#[test]
fn unemployment_months_tiers() {
    let p = params();
    for (contribution, carried, months) in [
        (11, 0, 0),
        (12, 0, 12),
        (59, 0, 12),
        (60, 0, 18),
        (119, 0, 18),
        (120, 0, 24),
        (400, 0, 24),
        (12, 5, 17),
        (60, 10, 24), // capped
        (0, 30, 24),
    ] {
        assert_eq!(
            checks::unemployment_benefit_months(contribution, carried, &p),
            months,
            "{contribution} {carried}"
        );
    }
    // The national table gives maxima: fewer months are lawful, more are an error.
    assert!(checks::check_unemployment_months(60, 0, 18, "/body/benefit_months", &p).is_empty());
    assert!(checks::check_unemployment_months(60, 0, 9, "/body/benefit_months", &p).is_empty());
    let f = checks::check_unemployment_months(60, 0, 24, "/body/benefit_months", &p);
    assert_eq!(codes(&f), ["rule.unemployment_months"]);
    assert_eq!(f[0].severity, Severity::Error);
    well_formed(&f);
    assert!(checks::check_unemployment_months(60, 6, 24, "/body/benefit_months", &p).is_empty());
}

// ---------------------------------------------------------------------------------------------
// Periods

#[test]
fn period_range_parsing_rule() {
    let r = checks::check_period_range("2019-03", Some("2020-02"), "/body/periods/0").unwrap();
    assert_eq!(r.months(Period::parse("2026-11").unwrap()), 12);
    assert!(
        checks::check_period_range("2019-03", None, "/p")
            .unwrap()
            .is_open()
    );
    let f = checks::check_period_range("2019-3", None, "/body/periods/0").unwrap_err();
    assert_eq!(codes(&f), ["rule.period_format"]);
    assert_eq!(f[0].path(), "/body/periods/0/start");
    well_formed(&f);
    let f = checks::check_period_range("2019-03", Some("201902"), "/body/periods/0").unwrap_err();
    assert_eq!(f[0].path(), "/body/periods/0/end");
    let f = checks::check_period_range("2019-03", Some("2019-02"), "/body/periods/0").unwrap_err();
    assert_eq!(codes(&f), ["rule.period_order"]);
    well_formed(&f);
}

#[test]
fn periods_do_not_overlap_within_a_scheme() {
    let r = |a: &str, b: Option<&str>| PeriodRange::parse(a, b).unwrap();
    let ok = [
        ("110", r("2010-01", Some("2012-12"))),
        ("110", r("2013-01", None)),
        ("310", r("2012-01", Some("2014-12"))),
    ];
    assert!(checks::check_periods_no_overlap(&ok, "/body/periods").is_empty());
    let bad = [
        ("110", r("2010-01", Some("2012-12"))),
        ("110", r("2012-12", Some("2013-06"))),
    ];
    let f = checks::check_periods_no_overlap(&bad, "/body/periods");
    assert_eq!(codes(&f), ["rule.period_overlap"]);
    assert_eq!(f[0].path(), "/body/periods/1");
    assert!(f[0].violation.message.contains("/body/periods/0"));
    well_formed(&f);
}

#[test]
fn months_equal_periods() {
    let r = |a: &str, b: Option<&str>| PeriodRange::parse(a, b).unwrap();
    let ranges = [r("2010-01", Some("2012-12")), r("2026-01", None)];
    let as_of = Period::parse("2026-06").unwrap();
    assert!(checks::check_months_total(&ranges, 42, as_of, "/body/months").is_empty());
    let f = checks::check_months_total(&ranges, 43, as_of, "/body/months");
    assert_eq!(codes(&f), ["rule.months_mismatch"]);
    well_formed(&f);
}

// ---------------------------------------------------------------------------------------------
// Deadlines

#[test]
fn deadlines_are_warnings() {
    let cal = HolidayCalendar::embedded();
    let p = params();
    let ptr = "/body/issued_on";
    // Pension contact letter, 15 wd across the 2026 Spring Festival: due 2026-03-09.
    let start = d("2026-02-10");
    assert!(
        checks::check_step_deadline(
            DeadlineStep::PensionContactLetter,
            start,
            d("2026-03-09"),
            ptr,
            &p,
            cal
        )
        .is_empty()
    );
    let f = checks::check_step_deadline(
        DeadlineStep::PensionContactLetter,
        start,
        d("2026-03-10"),
        ptr,
        &p,
        cal,
    );
    assert_eq!(codes(&f), ["rule.deadline_missed"]);
    assert_eq!(f[0].severity, Severity::Warning);
    assert!(f[0].violation.message.contains("2026-03-09"));
    assert!(
        findings_to_error(&f).is_none(),
        "a missed deadline never rejects"
    );
    well_formed(&f);
    // Medical receiver: 5 wd.
    assert_eq!(
        p.deadlines.working_days(DeadlineStep::MedicalReceiver),
        Some(5)
    );
    let f = checks::check_step_deadline(
        DeadlineStep::MedicalReceiver,
        d("2025-09-26"),
        d("2025-10-10"),
        ptr,
        &p,
        cal,
    );
    assert!(f.is_empty(), "{f:?}"); // 09-28 (Sun) and 10-09, 10-10 … only 4 working days
    // Over an unconfirmed year the count is flagged as provisional.
    let f = checks::check_deadline(d("2026-12-28"), d("2027-01-05"), 15, ptr, cal);
    assert_eq!(codes(&f), ["rule.calendar_provisional"]);
    assert!(!has_errors(&f));
    well_formed(&f);
}

// ---------------------------------------------------------------------------------------------
// Findings, error, parameters

#[test]
fn findings_become_a_rule_violation_error() {
    let mut f = checks::check_citizen_id(
        "330203199001011234",
        "/body/person/citizen_id",
        today(),
        &params(),
    );
    f.extend(checks::check_deadline(
        d("2026-02-10"),
        d("2026-04-01"),
        15,
        "/body/x",
        HolidayCalendar::embedded(),
    ));
    f.extend(checks::check_region_code("330299", "/body/workplace"));
    let e = findings_to_error(&f).unwrap();
    assert_eq!(e.code(), ErrorCode::RuleViolation);
    assert_eq!(e.path(), Some("/body/person/citizen_id"));
    let v: Vec<&str> = e.violations().iter().map(|v| v.code.as_str()).collect();
    assert_eq!(v, ["rule.citizen_id_checksum", "rule.region_code_unknown"]);
    assert!(!e.to_json().to_string().contains("330203199001011234"));
    assert!(findings_to_error(&[]).is_none());
}

/// `PARAMETER_SOURCES` names exactly the fields of `RuleParameters` (nested ones dotted), so a
/// renamed or added parameter without a source fails; every parameter a rule names exists.
#[test]
fn parameter_sources_match_the_fields() {
    use labourlink::rules::params::PARAMETER_SOURCES;
    let defaults = serde_json::to_value(RuleParameters::default()).unwrap();
    let mut fields = Vec::new();
    for (k, v) in defaults.as_object().unwrap() {
        match v.as_object() {
            Some(inner) if k == "deadlines" => {
                fields.extend(inner.keys().map(|i| format!("{k}.{i}")));
            }
            _ => fields.push(k.clone()),
        }
    }
    let mut listed: Vec<String> = PARAMETER_SOURCES
        .iter()
        .map(|p| p.name.to_owned())
        .collect();
    fields.sort();
    listed.sort();
    assert_eq!(
        listed, fields,
        "PARAMETER_SOURCES differs from RuleParameters' fields"
    );
    for code in RuleCode::ALL {
        for p in code.parameters() {
            let known = match p.strip_suffix('*') {
                Some(prefix) => fields.iter().any(|f| f.starts_with(prefix)),
                None => fields.iter().any(|f| f == p),
            };
            assert!(known, "{code} names the unknown parameter {p}");
        }
    }
    assert!(
        PARAMETER_SOURCES.iter().all(|p| RuleCode::ALL
            .iter()
            .any(|c| c.parameters().iter().any(
                |q| q == &p.name || q.strip_suffix('*').is_some_and(|x| p.name.starts_with(x))
            ))),
        "a parameter no rule uses"
    );
}

#[test]
fn rule_code_table() {
    let mut seen = std::collections::HashSet::new();
    for code in RuleCode::ALL {
        let s = code.as_str();
        assert!(s.starts_with("rule.") && s.len() > 5);
        assert!(seen.insert(s), "{s} twice");
        assert_eq!(RuleCode::from_code_str(s), Some(*code));
        assert!(!code.summary().is_empty() && !code.summary_zh().is_empty());
        assert!(!code.source().is_empty());
        assert_ne!(code.alternate_severity(), Some(code.severity()), "{s}");
    }
    assert_eq!(severity_of("rule.deadline_missed"), Some(Severity::Warning));
    assert_eq!(severity_of("rule.nope"), None);
}

#[test]
fn parameters_defaults_and_overrides() {
    let p = params();
    assert_eq!(p.pooled_fund_rate_bp, 1200);
    assert_eq!(p.pooled_fund_first_year, 1998);
    assert_eq!(
        (
            p.temporary_account_min_age_male,
            p.temporary_account_min_age_female
        ),
        (50, 40)
    );
    assert_eq!(p.benefit_place_min_years, 10);
    assert_eq!(
        (
            p.medical_no_wait_max_gap_months,
            p.medical_max_waiting_months
        ),
        (3, 6)
    );
    assert_eq!(
        p.unemployment_transfer_factor,
        Ratio {
            numerator: 3,
            denominator: 2
        }
    );
    assert_eq!(p.unemployment_max_months, 24);
    assert_eq!(p.minimum_working_age, 16);
    assert_eq!(
        (
            p.marriage_certificate_min_age,
            p.marriage_certificate_max_age
        ),
        (18, 49)
    );
    assert_eq!(
        p.deadlines.working_days(DeadlineStep::PensionTransfer),
        Some(15)
    );
    assert_eq!(
        p.deadlines.working_days(DeadlineStep::MedicalSender),
        Some(10)
    );
    assert!(p.validate().is_ok());

    // Round trip through JSON; partial overrides keep the other defaults.
    let text = serde_json::to_string(&p).unwrap();
    assert_eq!(RuleParameters::from_json(&text).unwrap(), p);
    let o = RuleParameters::from_json(
        r#"{"deadlines": {"pension_contact_letter": 10},
            "unemployment_tiers": [{"min_contribution_years": 1, "benefit_months": 3},
                                   {"min_contribution_years": 2, "benefit_months": 6}],
            "benefit_place_match_level": "province"}"#,
    )
    .unwrap();
    assert_eq!(o.deadlines.pension_contact_letter, 10);
    assert_eq!(o.deadlines.pension_transfer, 15);
    assert_eq!(checks::unemployment_benefit_months(30, 0, &o), 6);
    assert_eq!(o.benefit_place_match_level, RegionLevel::Province);

    for bad in [
        r#"{"nope": 1}"#,
        r#"{"deadlines": {"nope": 1}}"#,
        r#"{"minimum_working_age": -1}"#,
        r#"{"unemployment_transfer_factor": {"numerator": 3, "denominator": 0}}"#,
        r#"{"unemployment_tiers": [{"min_contribution_years": 5, "benefit_months": 18},
                                   {"min_contribution_years": 1, "benefit_months": 12}]}"#,
        r#"{"marriage_certificate_min_age": 50}"#,
        r#"{"pooled_fund_rate_bp": 10001}"#,
        "not json",
    ] {
        let e = RuleParameters::from_json(bad).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InputInvalid, "{bad}");
    }
}

#[test]
fn benefit_place_compared_at_province_level_by_default() {
    // Provincial pooling (domain-review §3 item 5): 6 years in Hangzhou and 5 in Ningbo count
    // together for the 10-year test; the benefit place is the last insured place in Zhejiang.
    let p = RuleParameters::default();
    assert_eq!(p.benefit_place_match_level, RegionLevel::Province);
    let places = [
        InsuredPlace {
            region: "330100",
            months: 72,
            temporary: false,
        },
        InsuredPlace {
            region: "330200",
            months: 60,
            temporary: false,
        },
    ];
    let d = checks::decide_benefit_place("513401", &places, &p);
    assert_eq!(d.rule, BenefitPlaceRule::CurrentPlace);
    assert_eq!(d.region, "330200");
    // With the pre-2026-12 prefecture level the same history fell back to the hukou place.
    let pref = RuleParameters {
        benefit_place_match_level: RegionLevel::Prefecture,
        ..RuleParameters::default()
    };
    let d = checks::decide_benefit_place("513401", &places, &pref);
    assert_eq!(d.rule, BenefitPlaceRule::HukouFallback);
}

/// Rules name their codes through `RuleCode`: outside the table (`rules/codes.rs`) no rule
/// source holds a `"rule.…"` string literal or builds a finding from an untyped code, so a
/// misspelt code cannot compile. (Doc comments and doctests may quote codes.)
#[test]
fn rules_use_typed_codes_only() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut stack = vec![dir];
    let mut checked = 0;
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") || path.ends_with("rules/codes.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for (n, line) in text.lines().enumerate() {
                let code = line.trim_start();
                if code.starts_with("//") {
                    continue;
                }
                let literal = code.contains("\"rule.") && !code.contains("\"rule.violation\"");
                let untyped =
                    code.contains("Finding::error(") || code.contains("Finding::warning(");
                assert!(
                    !literal && !untyped,
                    "{}:{}: use RuleCode and Finding::new: {code}",
                    path.display(),
                    n + 1
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 20);
}

/// Statutory retirement months under the 2025 gradual reform (全国人大常委会 2024-09-13 决定),
/// against the examples of the published lookup table (出生年月 → 改革后法定退休年龄 / 退休时间).
#[test]
fn statutory_retirement_months_of_the_2025_reform() {
    use labourlink::rules::params::RetirementCategory::{FemaleCadre, FemaleWorker, Male};
    let p = RuleParameters::default();
    let m = |s: &str| Period::parse(s).unwrap();
    for (birth, category, retires) in [
        // Men: 60, +1 month per 4 months of birth from 1965-01, at most 63.
        ("1964-12", Male, "2024-12"), // before the reform: 60
        ("1965-01", Male, "2025-02"), // 60 years 1 month
        ("1965-04", Male, "2025-05"), // 60y1m (same group of four)
        ("1965-05", Male, "2025-07"), // 60y2m
        ("1970-01", Male, "2031-05"), // 61y4m
        ("1976-08", Male, "2039-07"), // 62y11m (the last group below 63)
        ("1976-09", Male, "2039-09"), // 63
        ("1990-04", Male, "2053-04"), // 63
        // Women originally 55: +1 month per 4 from 1970-01, at most 58.
        ("1969-12", FemaleCadre, "2024-12"),
        ("1970-01", FemaleCadre, "2025-02"), // 55y1m
        ("1981-09", FemaleCadre, "2039-09"), // 58
        // Women originally 50: +1 month per 2 from 1975-01, at most 55.
        ("1974-12", FemaleWorker, "2024-12"),
        ("1975-01", FemaleWorker, "2025-02"), // 50y1m
        ("1975-03", FemaleWorker, "2025-05"), // 50y2m
        ("1980-01", FemaleWorker, "2032-08"), // 52y7m
        ("1984-11", FemaleWorker, "2039-11"), // 55
    ] {
        assert_eq!(
            p.statutory_retirement_month(m(birth), category),
            Some(m(retires)),
            "{birth} {category:?}"
        );
    }
    // The minimum contribution: 15 years until 2029, +6 months a year from 2030, 20 from 2039.
    for (year, months) in [
        (2025, 180),
        (2029, 180),
        (2030, 186),
        (2034, 210),
        (2039, 240),
        (2050, 240),
    ] {
        assert_eq!(p.minimum_contribution_months(year), months, "{year}");
    }
    // A malformed schedule is refused.
    assert!(
        RuleParameters::from_json(
            r#"{"statutory_retirement_ages": {"male": {"original_age_months": 720, "first_birth_month": "1965", "birth_months_per_step": 4, "max_delay_months": 36},
                "female_cadre": {"original_age_months": 660, "first_birth_month": "1970-01", "birth_months_per_step": 4, "max_delay_months": 36},
                "female_worker": {"original_age_months": 600, "first_birth_month": "1975-01", "birth_months_per_step": 2, "max_delay_months": 60}}}"#
        )
        .is_err()
    );
}

/// Minor workers (16–17) are a warning, younger ones stay the minimum-age error, adults nothing.
#[test]
fn minor_worker_is_a_warning_between_16_and_18() {
    let p = RuleParameters::default();
    let d = |y, m, dd| Date::new(y, m, dd).unwrap();
    let start = d(2026, 4, 1);
    let f = checks::check_minor_worker(d(2009, 4, 2), start, "/body/x", &p);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].code(), "rule.minor_worker");
    assert_eq!(f[0].severity, Severity::Warning);
    assert!(checks::check_minor_worker(d(2008, 4, 1), start, "/body/x", &p).is_empty());
    assert!(checks::check_minor_worker(d(2010, 4, 2), start, "/body/x", &p).is_empty());
    // Enrolment: day 30 is in time, day 31 late; None switches the check off.
    let late = checks::check_insurance_enrolment_delay(start, d(2026, 5, 2), "/body/y", &p);
    assert_eq!(late.len(), 1);
    assert!(
        checks::check_insurance_enrolment_delay(start, d(2026, 5, 1), "/body/y", &p).is_empty()
    );
    let off = RuleParameters::from_json(r#"{"insurance_enrolment_max_days": null}"#).unwrap();
    assert!(
        checks::check_insurance_enrolment_delay(start, d(2027, 1, 1), "/body/y", &off).is_empty()
    );
}
