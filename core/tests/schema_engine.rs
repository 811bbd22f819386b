//! The schema engine's bound on what a hostile body costs: it stops after `MAX_VIOLATIONS`.
//! (Its answers are checked against `jsonschema` in `fuzz-checks/tests/schema_engine.rs`.)
#![allow(clippy::unwrap_used)]

use labourlink::schema;
use serde_json::{Value, json};

#[test]
fn truncates_at_the_limit_in_document_order() {
    // A roster of 250 workers each missing every member: 100 violations and the truncation,
    // the first 100 in document order.
    let mut body = schema::example("worker_transfer.roster").unwrap()["body"].clone();
    body["workers"] = Value::Array(vec![json!({}); 250]);
    let err = schema::validate_body("worker_transfer.roster", &body).unwrap_err();
    let v = err.violations();
    assert_eq!(v.len(), schema::MAX_VIOLATIONS + 1);
    assert_eq!(v.last().unwrap().code, "schema.truncated");
    assert_eq!(v[0].path, "/body/workers/0");
    assert_eq!(err.path(), Some("/body/workers/0"));
}
