//! The embedded schemas against `schemas/examples/`: every type has a schema and an example,
//! every example passes the envelope and schema checks, and broken bodies are reported with
//! their pointers.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use labourlink::envelope::{Document, MESSAGE_TYPES};
use labourlink::{ErrorCode, schema};
use serde_json::{Value, json};

fn example(t: &str) -> Value {
    let path = format!(
        "{}/../schemas/examples/{t}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    labourlink::json::parse_document(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn every_type_has_a_schema_and_a_valid_example() {
    for t in MESSAGE_TYPES {
        assert!(schema::has_schema(t), "no schema for {t}");
        let doc = example(t);
        let checked = Document::from_value(&doc).unwrap_or_else(|e| panic!("{t}: {e}"));
        assert_eq!(checked.document.message_type, *t);
        schema::validate_body(t, &checked.document.body)
            .unwrap_or_else(|e| panic!("{t}: {e} {:?}", e.violations()));
    }
}

#[test]
fn every_violation_is_reported_with_its_pointer() {
    let mut body = example("receipt")["body"].clone();
    body["status"] = json!("maybe");
    body["unexpected"] = json!(1);
    let e = schema::validate_body("receipt", &body).unwrap_err();
    assert_eq!(e.code(), ErrorCode::SchemaInvalid);
    let paths: Vec<&str> = e.violations().iter().map(|v| v.path.as_str()).collect();
    assert!(paths.contains(&"/body/status"), "{paths:?}");
    assert!(e.violations().len() >= 2, "{:?}", e.violations());
}

#[test]
fn formats_are_asserted() {
    let mut doc = example("social_insurance.contact_letter");
    let body = doc["body"].as_object_mut().unwrap();
    // find any date-formatted field by trying a known one from defs: replace every YYYY-MM-DD string
    let mut changed = false;
    for v in body.values_mut() {
        if let Some(s) = v.as_str() {
            if s.len() == 10 && s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-' {
                *v = json!("2026-02-30");
                changed = true;
            }
        }
    }
    if changed {
        assert_eq!(
            schema::validate_body("social_insurance.contact_letter", &doc["body"])
                .unwrap_err()
                .code(),
            ErrorCode::SchemaInvalid
        );
    }
}

#[test]
fn a_newer_minor_may_add_optional_members() {
    use labourlink::verify::Stage as _;
    let mut doc = example("receipt");
    doc["body"]["added_in_1_1"] = json!("x");
    doc["schema_version"] = json!("1.0");
    let checked = Document::from_value(&doc).unwrap();
    let e = schema::SchemaStage.check(&checked.document).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::SchemaInvalid, Some("/body"))
    );
    doc["schema_version"] = json!("1.1");
    let checked = Document::from_value(&doc).unwrap();
    let warnings = schema::SchemaStage.check(&checked.document).unwrap();
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].code, "schema.unknown_member");
    // any other violation still rejects a newer minor
    doc["body"]["status"] = json!("maybe");
    let checked = Document::from_value(&doc).unwrap();
    assert_eq!(
        schema::SchemaStage
            .check(&checked.document)
            .unwrap_err()
            .code(),
        ErrorCode::SchemaInvalid
    );
}

#[test]
fn unknown_member_names_are_quoted_escaped_and_bounded() {
    let mut body = example("receipt")["body"].clone();
    let obj = body.as_object_mut().unwrap();
    // 2 000 unknown members, one with a right-to-left override and one very long name
    for i in 0..2_000 {
        obj.insert(format!("x{i:04}"), json!(i));
    }
    obj.insert("a\u{202e}txt.exe".to_owned(), json!(1));
    obj.insert(format!("b{}", "y".repeat(5_000)), json!(1));
    let e = schema::validate_body("receipt", &body).unwrap_err();
    let v = e
        .violations()
        .iter()
        .find(|v| v.path == "/body")
        .expect("a violation at /body");
    for text in [&v.message, &v.message_zh] {
        assert!(!text.contains('\u{202e}'), "{text}");
        assert!(
            text.chars().count() < 1_000,
            "{} chars",
            text.chars().count()
        );
    }
    assert!(v.message.contains("a\\u{202e}txt.exe"), "{}", v.message);
    assert!(v.message.ends_with(" and 1994 more"), "{}", v.message);
    assert!(
        v.message_zh.ends_with(" 等另外 1994 个"),
        "{}",
        v.message_zh
    );
}
