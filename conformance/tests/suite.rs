//! The suite's own invariants: vectors match the schema, requirements and vectors cover each
//! other, every error code has a vector, and `regen --check` is clean.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use labourlink::ErrorCode;
use labourlink_conformance::vectors::load_dir;
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(p: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

#[test]
fn vectors_match_the_vector_schema() {
    let schema = read(&root().join("vector.schema.json"));
    let validator = jsonschema::validator_for(&schema).unwrap();
    let vectors = load_dir(&root().join("vectors")).unwrap();
    assert!(vectors.len() >= 150, "only {} vectors", vectors.len());
    let mut bad = Vec::new();
    for v in &vectors {
        let errors: Vec<String> = validator
            .iter_errors(&v.value)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        if !errors.is_empty() {
            bad.push(format!("{}: {}", v.path.display(), errors.join("; ")));
        }
        let expected_path = root()
            .join("vectors")
            .join(&v.area)
            .join(format!("{}.json", v.id));
        assert_eq!(v.path, expected_path, "vectors/<area>/<id>.json");
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn protocol_schemas_are_valid_and_accept_examples() {
    let dir = root().join("protocol");
    let examples: &[(&str, &str)] = &[
        ("start-request", r#"{"cmd":"start","version":1}"#),
        (
            "start-response",
            r#"{"implementation":{"name":"x","language":"go","version":"1"}}"#,
        ),
        (
            "run-request",
            r#"{"cmd":"run","seq":1,"case":{"id":"a","area":"jws","kind":"verify","requirements":["LL-JWS-001"],"input":{}}}"#,
        ),
        (
            "run-response",
            r#"{"seq":1,"result":{"accepted":false,"error":"jws.malformed","path":""}}"#,
        ),
        (
            "run-response",
            r#"{"seq":2,"skipped":true,"reason":"no ES256"}"#,
        ),
        (
            "run-response",
            r#"{"seq":3,"errored":true,"message":"boom"}"#,
        ),
        ("stop-request", r#"{"cmd":"stop"}"#),
    ];
    for (name, example) in examples {
        let schema = read(&dir.join(format!("{name}.schema.json")));
        let validator = jsonschema::validator_for(&schema).unwrap();
        let instance: Value = serde_json::from_str(example).unwrap();
        assert!(validator.is_valid(&instance), "{name}: {example}");
    }
    let response = read(&dir.join("run-response.schema.json"));
    let validator = jsonschema::validator_for(&response).unwrap();
    assert!(!validator.is_valid(&serde_json::json!({"seq": 1})));
}

/// The requirement ids defined in REQUIREMENTS.md (`- **LL-XXX-NNN**`).
fn requirement_ids() -> BTreeSet<String> {
    let text = std::fs::read_to_string(root().join("REQUIREMENTS.md")).unwrap();
    text.lines()
        .filter_map(|l| l.trim_start().strip_prefix("- **"))
        .filter_map(|l| l.split_once("**").map(|(id, _)| id.to_owned()))
        .filter(|id| id.starts_with("LL-"))
        .collect()
}

#[test]
fn requirements_and_vectors_cover_each_other() {
    let defined = requirement_ids();
    assert!(defined.len() >= 60, "{defined:?}");
    let vectors = load_dir(&root().join("vectors")).unwrap();
    let mut used: BTreeMap<String, usize> = BTreeMap::new();
    for v in &vectors {
        assert!(!v.requirements.is_empty(), "{} names no requirement", v.id);
        for r in &v.requirements {
            assert!(defined.contains(r), "{} names the undefined {r}", v.id);
            *used.entry(r.clone()).or_default() += 1;
        }
    }
    let missing: Vec<_> = defined.iter().filter(|r| !used.contains_key(*r)).collect();
    assert!(
        missing.is_empty(),
        "requirements without a vector: {missing:?}"
    );
}

/// Codes no canonicalize, sign or verify vector can produce yet, each with the reason.
const CODES_WITHOUT_VECTORS: &[(&str, &str)] = &[
    // Stage 6 (schemas) is not wired into the verifier the vectors describe yet; its vectors
    // come with the catalogue (kind `validate`).
    (
        "schema.invalid",
        "schema stage: vectors come with the catalogue",
    ),
    // Stage 7 (business rules), likewise.
    (
        "rule.violation",
        "rules stage: vectors come with the catalogue",
    ),
    // Needs an `earlier message` in the context and the reply checks, not built yet.
    (
        "envelope.unexpected_reply",
        "reply checks (in_reply_to against an earlier message) are not built yet",
    ),
    // API misuse (a bad builder argument, a bad time string given to an API), never the verdict
    // on a message: a vector with a bad context is a broken vector, reported as `errored`.
    ("input.invalid", "API argument errors, not message verdicts"),
    // A failing random number generator or crypto primitive cannot be provoked by input.
    ("internal.crypto", "cannot be provoked by any input"),
    // A defect of the build (embedded schemas that do not compile), not of the input.
    (
        "internal.schemas",
        "a build defect, not provoked by any input",
    ),
    // Only trust-list *editing* (retire/revoke a kid that is not listed) produces it; loading
    // and verifying never do.
    (
        "trust_list.key_not_found",
        "trust-list editing API only, not loading or verifying",
    ),
];

#[test]
fn every_error_code_has_a_vector() {
    let vectors = load_dir(&root().join("vectors")).unwrap();
    let covered: BTreeSet<String> = vectors
        .iter()
        .filter_map(|v| v.value.pointer("/expected/error").and_then(Value::as_str))
        .map(str::to_owned)
        .collect();
    for code in &covered {
        assert!(
            ErrorCode::from_code_str(code).is_some(),
            "a vector expects the unknown code {code}"
        );
    }
    let allowed: BTreeSet<&str> = CODES_WITHOUT_VECTORS.iter().map(|(c, _)| *c).collect();
    let mut missing = Vec::new();
    for code in ErrorCode::ALL {
        let s = code.as_str();
        if allowed.contains(s) {
            assert!(
                !covered.contains(s),
                "{s} has vectors now: remove it from CODES_WITHOUT_VECTORS"
            );
        } else if !covered.contains(s) {
            missing.push(s);
        }
    }
    assert!(
        missing.is_empty(),
        "error codes without a vector: {missing:?}"
    );
}

#[test]
fn regen_check_is_clean() {
    let outcome = labourlink_conformance::regen::regen(
        &root(),
        &root().join("..").join("core").join("tests").join("vectors"),
        true,
    )
    .unwrap();
    assert!(
        outcome.clean(),
        "run `cargo run -p labourlink-conformance -- regen`: changed {:?}, removed {:?}, problems {:?}",
        outcome.changed,
        outcome.removed,
        outcome.problems
    );
    assert!(outcome.vectors >= 150);
}

#[test]
fn keys_are_marked_test_only() {
    let readme = std::fs::read_to_string(root().join("keys").join("README.md")).unwrap();
    assert!(readme.contains("TEST-ONLY"));
    for entry in std::fs::read_dir(root().join("keys")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|x| x == "json") {
            assert!(
                read(&path)["test_only"]
                    .as_str()
                    .unwrap()
                    .contains("TEST-ONLY"),
                "{}",
                path.display()
            );
        }
    }
}
