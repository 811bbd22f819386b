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
            "start-request",
            r#"{"cmd":"start","version":1,"schemas":{"receipt.schema.json":{"type":"object"}},"flows":{"messages":{}}}"#,
        ),
        (
            "start-response",
            r#"{"implementation":{"name":"x","language":"go","version":"1","features":["verify.stages"]}}"#,
        ),
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
    // The runner's real start request matches its schema.
    let start = read(&dir.join("start-request.schema.json"));
    let validator = jsonschema::validator_for(&start).unwrap();
    assert!(validator.is_valid(&labourlink_conformance::runner::start_request()));
    let response = read(&dir.join("run-response.schema.json"));
    let validator = jsonschema::validator_for(&response).unwrap();
    assert!(!validator.is_valid(&serde_json::json!({"seq": 1})));
}

/// The requirement ids defined in REQUIREMENTS.md (`- **LL-AREA-NNN**`).
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

/// Codes no canonicalize, sign, verify or validate vector can produce, each with the reason.
const CODES_WITHOUT_VECTORS: &[(&str, &str)] = &[
    // API misuse (a bad builder argument, a bad time string given to an API), never the verdict
    // on a message: a vector with a bad context is a broken vector, reported as `errored`.
    ("input.invalid", "API argument errors, not message verdicts"),
    // Loading an encrypted private key with a wrong password: the signing side's key files, never
    // a verdict on a message (trust lists carry public keys only). Tested with OpenSSL-,
    // cryptography- and Node-made keys in protocol/tests/key_forms.rs and the bindings' tests.
    (
        "key.decryption_failed",
        "private-key loading only, tested in protocol/tests/key_forms.rs",
    ),
    // A failing random number generator or crypto primitive cannot be provoked by input.
    ("internal.crypto", "cannot be provoked by any input"),
    // A defect of labourlink (a panicked task, a result it cannot read back), not of the input.
    ("internal.error", "a defect, not provoked by any input"),
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
    // A verifier's own database, not the message: tested against real SQLite and PostgreSQL in
    // store/tests (backends.rs, sqlite_files.rs) and cli/tests/store.rs.
    (
        "store.unavailable",
        "the verifier's database, tested in store/tests",
    ),
    (
        "store.not_initialized",
        "the verifier's database, tested in store/tests",
    ),
    (
        "store.schema_too_new",
        "the verifier's database, tested in store/tests",
    ),
    (
        "store.corrupt",
        "the verifier's database, tested in store/tests",
    ),
    (
        "store.not_found",
        "the verifier's database, tested in store/tests",
    ),
    // The HTTP exchange's transport, not a message: tested over real HTTP on 127.0.0.1 in
    // exchange/tests.
    (
        "exchange.unsupported_media_type",
        "the HTTP transport, tested in exchange/tests",
    ),
    (
        "exchange.payload_too_large",
        "the HTTP transport, tested in exchange/tests",
    ),
    (
        "exchange.timeout",
        "the HTTP transport, tested in exchange/tests",
    ),
    (
        "exchange.body_incomplete",
        "the HTTP transport, tested in exchange/tests",
    ),
    (
        "exchange.overloaded",
        "the HTTP transport, tested in exchange/tests",
    ),
    (
        "exchange.rate_limited",
        "the HTTP transport, tested in exchange/tests",
    ),
    (
        "exchange.not_found",
        "the HTTP transport, tested in exchange/tests",
    ),
    (
        "exchange.method_not_allowed",
        "the HTTP transport, tested in exchange/tests",
    ),
    (
        "exchange.malformed_request",
        "the HTTP transport, tested in exchange/tests",
    ),
    (
        "exchange.unauthorized",
        "the admin listener's access token, tested in exchange/tests",
    ),
    (
        "exchange.unreachable",
        "the HTTP transport, tested in exchange/tests",
    ),
    (
        "exchange.bad_response",
        "the HTTP transport, tested in exchange/tests",
    ),
];

/// Every code a vector expects: the error of canonicalize, sign and verify vectors, the codes
/// of verify violations and warnings, and the codes of validate findings.
fn expected_codes(v: &Value) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    if let Some(c) = v.pointer("/expected/error").and_then(Value::as_str) {
        out.insert(c.to_owned());
    }
    for list in ["violations", "warnings", "findings"] {
        for f in v
            .pointer(&format!("/expected/{list}"))
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(c) = f.get("code").and_then(Value::as_str) {
                out.insert(c.to_owned());
            }
        }
    }
    out
}

#[test]
fn every_error_code_has_a_vector() {
    let vectors = load_dir(&root().join("vectors")).unwrap();
    let covered: BTreeSet<String> = vectors
        .iter()
        .flat_map(|v| expected_codes(&v.value))
        .filter(|c| !c.starts_with("rule.") || c == "rule.violation")
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

/// Rule codes (`labourlink::rules::all_rule_codes`) no single document can produce, each with the
/// reason. Every other rule code must be expected by some vector.
const RULE_CODES_WITHOUT_VECTORS: &[(&str, &str)] = &[
    // The schema's pattern for citizen IDs (^[0-9]{17}[0-9X]$) admits nothing the ID parser
    // calls malformed: 18 characters, digits, X. The rules stage never sees a schema-invalid
    // body (LL-SCHEMA-004).
    (
        "rule.citizen_id_format",
        "schema pattern ^[0-9]{17}[0-9X]$ refuses every malformed ID first",
    ),
    // 15-digit IDs do not match the schema's 18-character pattern.
    (
        "rule.citizen_id_legacy_15",
        "schema pattern refuses 15-digit IDs first",
    ),
    // The schema's USCC pattern is exactly the GB 32100 alphabet and length.
    (
        "rule.uscc_format",
        "schema pattern refuses malformed USCCs first",
    ),
    // Region fields use the schema's ^[1-8][0-9]{5}$; from/to are checked by the envelope.
    (
        "rule.region_code_format",
        "schema pattern and envelope check refuse malformed region codes first",
    ),
    // The schema bounds yearly months to 1..12.
    (
        "rule.pooled_fund_months",
        "schema bounds years/i/months to 1..12 first",
    ),
    // Amounts are schema-bounded to 0..2^53-1 and lists are bounded: no single schema-valid
    // document makes an amount negative or a sum overflow 64 bits.
    (
        "rule.amount_invalid",
        "schema bounds amounts (0..2^53-1) and list lengths; nothing overflows",
    ),
    // Two-message rules: verify_reply runs them (Stage::check_reply, LL-RULE-016) and
    // core/tests/flows.rs tests them there; vectors for them are still to be written (a verify
    // vector with `earlier` and a consistent but mismatching fund transfer / arrival).
    (
        "rule.amount_mismatch",
        "two-message rule (information table vs fund transfer); tested in core/tests/flows.rs, vector pending",
    ),
    (
        "rule.arrival_before_departure",
        "two-message rule (roster vs arrival); tested in the core, vector pending",
    ),
];

#[test]
fn every_rule_code_has_a_vector() {
    let vectors = load_dir(&root().join("vectors")).unwrap();
    let covered: BTreeSet<String> = vectors
        .iter()
        .flat_map(|v| expected_codes(&v.value))
        .collect();
    let allowed: BTreeSet<&str> = RULE_CODES_WITHOUT_VECTORS.iter().map(|(c, _)| *c).collect();
    let known: BTreeSet<&str> = labourlink::RuleCode::ALL
        .iter()
        .map(|c| c.as_str())
        .collect();
    for code in &covered {
        if code.starts_with("rule.") && code != "rule.violation" {
            assert!(
                known.contains(code.as_str()),
                "a vector expects the unknown rule code {code}"
            );
        }
    }
    let mut missing = Vec::new();
    for code in &known {
        if allowed.contains(code) {
            assert!(
                !covered.contains(*code),
                "{code} has vectors now: remove it from RULE_CODES_WITHOUT_VECTORS"
            );
        } else if !covered.contains(*code) {
            missing.push(*code);
        }
    }
    assert!(
        missing.is_empty(),
        "rule codes without a vector: {missing:?}"
    );
    for code in &allowed {
        assert!(
            known.contains(code),
            "{code} is not a rule code of the core"
        );
    }
}

/// Every `rule.*` finding a vector expects has a code of the rule table (`RuleCode`) and a
/// severity the table allows for it: `findings` of validate vectors carry their severity, the
/// `warnings` of verify vectors are warnings.
#[test]
fn vector_findings_agree_with_the_rule_table() {
    use labourlink::RuleCode;
    use labourlink::rules::Severity;
    let mut checked = 0;
    for v in load_dir(&root().join("vectors")).unwrap() {
        for (list, implied) in [
            ("findings", None),
            ("warnings", Some(Severity::Warning)),
            ("violations", None),
        ] {
            for f in v
                .value
                .pointer(&format!("/expected/{list}"))
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let Some(code) = f.get("code").and_then(Value::as_str) else {
                    continue;
                };
                if !code.starts_with("rule.") {
                    continue;
                }
                let rule = RuleCode::from_code_str(code)
                    .unwrap_or_else(|| panic!("{}: {code} is not in the rule table", v.id));
                let severity = match f.get("severity").and_then(Value::as_str) {
                    Some("error") => Some(Severity::Error),
                    Some("warning") => Some(Severity::Warning),
                    Some(other) => panic!("{}: severity {other}", v.id),
                    None => implied,
                };
                if let Some(severity) = severity {
                    assert!(
                        rule.allows(severity),
                        "{}: {code} as {severity}, the table says {}",
                        v.id,
                        rule.severity_label()
                    );
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 50, "only {checked} rule findings checked");
}

/// Implementations without the domain rules skip vectors that name an LL-RULE requirement
/// (README, REQUIREMENTS LL-RULE): every vector whose outcome depends on the rules must name one.
#[test]
fn rule_dependent_vectors_name_an_rule_requirement() {
    for v in load_dir(&root().join("vectors")).unwrap() {
        let rules_on = v.value.pointer("/input/context/stages/rules") == Some(&Value::Bool(true));
        let expects_rule = expected_codes(&v.value)
            .iter()
            .any(|c| c.starts_with("rule."));
        let names_rule = v.requirements.iter().any(|r| r.starts_with("LL-RULE-"));
        assert!(
            !(rules_on || expects_rule) || names_rule,
            "{} depends on the rules stage but names no LL-RULE requirement",
            v.id
        );
    }
}

/// The areas and kinds of the catalogue vectors, and their counts.
#[test]
fn catalogue_vector_counts() {
    let vectors = load_dir(&root().join("vectors")).unwrap();
    let count = |f: &dyn Fn(&labourlink_conformance::vectors::Vector) -> bool| {
        vectors.iter().filter(|v| f(v)).count()
    };
    let validate = count(&|v| v.kind == "validate");
    let catalogue_verify =
        count(&|v| v.kind == "verify" && matches!(v.area.as_str(), "schema" | "rule" | "reply"));
    assert!(validate >= 40, "{validate} validate vectors");
    assert!(
        catalogue_verify >= 20,
        "{catalogue_verify} schema/rule/reply verify vectors"
    );
    for t in labourlink::envelope::MESSAGE_TYPES {
        assert!(
            vectors.iter().any(|v| v.id == format!("example-{t}")),
            "no example vector for {t}"
        );
    }
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
