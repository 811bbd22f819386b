//! Signed reference data (issue 11 item 13) in the rules: a loaded holiday calendar and
//! GB/T 2260 table change what the rules stage decides; without one, nothing changes.
#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions

use labourlink::ErrorCode;
use labourlink::envelope::{Document, Party};
use labourlink::keys::SigningKey;
use labourlink::refdata::ReferenceData;
use labourlink::rules::calendar::HolidayCalendar;
use labourlink::rules::stage::RulesStage;
use labourlink::rules::{Date, Severity, checks};
use labourlink::time::{FixedClock, Timestamp};
use labourlink::trust::Anchor;
use serde_json::json;

fn d(s: &str) -> Date {
    Date::parse(s).unwrap()
}

/// A test-only 2027 schedule (NOT the State Council's: it was not published when this was
/// written): New Year 2027-01-01 plus a made-up day off on Monday 2027-01-04.
fn official_2027() -> ReferenceData {
    ReferenceData::from_body(&json!({
        "sequence": 2,
        "next_update": "2027-12-01T00:00:00Z",
        "calendar": {"version": "test-2027", "years": [{
            "year": 2027, "status": "official", "source": "test schedule, not a real notice",
            "days": [
                {"date": "2027-01-01", "kind": "holiday", "name": "元旦"},
                {"date": "2027-01-04", "kind": "holiday", "name": "test day off"}
            ]}]},
        "regions": {"as_of": "2026-06-30", "source": "test list",
            "added": [{"code": "330299", "name": "测试新区 (test)"}],
            "retired": [{"code": "330213", "note": "test: retired 2026-06-30"}]}
    }))
    .unwrap()
}

#[test]
fn an_official_year_removes_the_provisional_warning_and_moves_the_deadline() {
    let rd = official_2027();
    let embedded = HolidayCalendar::embedded();
    // 5 working days after Thursday 2026-12-31, done on Thursday 2027-01-07.
    let (start, done) = (d("2026-12-31"), d("2027-01-07"));
    let with_embedded = checks::check_deadline(start, done, 5, "/body/x", embedded);
    let codes: Vec<&str> = with_embedded.iter().map(|f| f.code()).collect();
    // Embedded: 2027 is provisional (warning); 01-04..01-07 are 4 working days → on time.
    assert_eq!(codes, ["rule.calendar_provisional"], "{with_embedded:?}");
    // Loaded: 2027 official (no warning); 01-04 is off, so 01-05..01-07 are 3 working days.
    let loaded = checks::check_deadline(start, done, 5, "/body/x", rd.calendar());
    assert!(loaded.is_empty(), "{loaded:?}");
    assert_eq!(embedded.add_working_days(start, 1), Some(d("2027-01-04")));
    assert_eq!(
        rd.calendar().add_working_days(start, 1),
        Some(d("2027-01-05"))
    );
    // Done 2027-01-08 with 4 days allowed: late by the embedded calendar, on time by the loaded.
    let late = checks::check_deadline(start, d("2027-01-08"), 4, "/body/x", embedded);
    assert!(
        late.iter().any(|f| f.code() == "rule.deadline_missed"),
        "{late:?}"
    );
    let on_time = checks::check_deadline(start, d("2027-01-08"), 4, "/body/x", rd.calendar());
    assert!(on_time.is_empty(), "{on_time:?}");
    // The stage takes the calendar of the reference data.
    let stage = RulesStage::default().with_reference_data(&rd);
    assert!(stage.calendar().is_confirmed(2027));
    assert!(!RulesStage::default().calendar().is_confirmed(2027));
}

#[test]
fn a_provisional_year_from_reference_data_keeps_the_warning() {
    let mut body = official_2027().to_body();
    body["calendar"]["years"][0]["status"] = json!("provisional");
    let rd = ReferenceData::from_body(&body).unwrap();
    let f = checks::check_deadline(
        d("2026-12-31"),
        d("2027-01-07"),
        5,
        "/body/x",
        rd.calendar(),
    );
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].code(), "rule.calendar_provisional");
    assert_eq!(f[0].severity, Severity::Warning);
}

fn contact_letter_to(region: &str) -> Document {
    let clock = FixedClock(Timestamp::parse("2026-11-27T08:00:00Z").unwrap());
    let body =
        labourlink::schema::example("social_insurance.contact_letter").unwrap()["body"].clone();
    let ex = labourlink::schema::example("social_insurance.contact_letter").unwrap();
    let case = &ex["case"];
    Document::builder(
        "social_insurance.contact_letter",
        Party::new(
            ex["from"]["region"].as_str().unwrap(),
            ex["from"]["agency"].as_str().unwrap(),
        ),
        Party::new(region, ex["to"]["agency"].as_str().unwrap()),
    )
    .case(case["id"].as_str().unwrap(), case["type"].as_str().unwrap())
    .body(body)
    .build(&clock)
    .unwrap()
}

#[test]
fn region_changes_reach_the_rules() {
    let rd = official_2027();
    let codes_at = |stage: &RulesStage, doc: &Document| -> Vec<String> {
        stage
            .findings(doc)
            .into_iter()
            .filter(|f| f.path() == "/to/region")
            .map(|f| f.code().to_owned())
            .collect()
    };
    let added = contact_letter_to("330299");
    assert_eq!(
        codes_at(&RulesStage::default(), &added),
        ["rule.region_code_unknown"]
    );
    assert!(codes_at(&RulesStage::default().with_reference_data(&rd), &added).is_empty());
    let retired = contact_letter_to("330213");
    assert!(codes_at(&RulesStage::default(), &retired).is_empty());
    assert_eq!(
        codes_at(&RulesStage::default().with_reference_data(&rd), &retired),
        ["rule.region_code_abolished"]
    );
}

#[test]
fn without_reference_data_nothing_changes() {
    // The stage built from the embedded data and the default stage decide the same for every
    // catalogue example.
    for t in labourlink::envelope::MESSAGE_TYPES {
        let ex = labourlink::schema::example(t).unwrap();
        let doc = Document::from_value(&ex).unwrap().document;
        assert_eq!(
            RulesStage::default().findings(&doc),
            RulesStage::default()
                .with_calendar(HolidayCalendar::embedded().clone())
                .with_regions(labourlink::rules::regions::RegionTable::embedded().clone())
                .findings(&doc),
            "{t}"
        );
    }
}

#[test]
fn signed_reference_data_loads_like_a_trust_list() {
    let anchor = SigningKey::from_seed(&[7; 32], "330200-anchor-1").unwrap();
    let clock = FixedClock(Timestamp::parse("2026-12-01T00:00:00Z").unwrap());
    let jws = official_2027()
        .sign(&anchor, Party::new("330200", "11330200MB0P21461X"), &clock)
        .unwrap();
    let anchors = [Anchor::new(anchor.kid(), anchor.verifying_key())];
    let rd = ReferenceData::load(jws.as_bytes(), &anchors, &clock, 0).unwrap();
    assert_eq!(rd.sequence, 2);
    // A trust-list loader refuses it (another type), and the reverse.
    let e = labourlink::trust::TrustList::load(jws.as_bytes(), &anchors, &clock, 0).unwrap_err();
    assert_eq!(e.code(), ErrorCode::TrustListInvalid);
    assert_eq!(e.path(), Some("/type"));
    let tl =
        labourlink::trust::TrustList::new(1, Timestamp::parse("2027-01-01T00:00:00Z").unwrap())
            .sign(&anchor, Party::new("330200", "11330200MB0P21461X"), &clock)
            .unwrap();
    let e = ReferenceData::load(tl.as_bytes(), &anchors, &clock, 0).unwrap_err();
    assert_eq!(e.code(), ErrorCode::ReferenceDataInvalid);
    assert_eq!(e.path(), Some("/type"));
}
