//! Comparing a harness's result with a vector's expectation, and finding the first stage where
//! the harness diverged.

use serde_json::Value;

/// The verdict on one result.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Verdict {
    /// Whether the result satisfies the expectation.
    pub passed: bool,
    /// Why not (empty when passed).
    pub failures: Vec<String>,
    /// Differences that do not fail the case (e.g. a different JSON pointer).
    pub notes: Vec<String>,
    /// The first diverging stage (only when failed).
    pub stage: Option<String>,
}

fn s(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "nothing".to_owned(),
        other => other.to_string(),
    }
}

fn short(text: &str) -> String {
    if text.chars().count() > 120 {
        format!("{}…", text.chars().take(120).collect::<String>())
    } else {
        text.to_owned()
    }
}

/// Compares a harness `result` with the vector's `expected` (see the README for the rules:
/// exact text for canonicalize and sign, accepted + digest or the error code for verify; a
/// different error `path` is a note, not a failure).
#[must_use]
pub fn compare(vector: &Value, result: &Value) -> Verdict {
    let expected = vector.get("expected").cloned().unwrap_or(Value::Null);
    let kind = vector
        .get("kind")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let mut v = Verdict::default();
    let got_error = result.get("error");
    if let Some(code) = expected.get("error") {
        match got_error {
            Some(g) if g == code => {
                same_set(&mut v, "violations", &expected, result, false);
                if let (Some(ep), Some(gp)) = (expected.get("path"), result.get("path")) {
                    if ep != gp {
                        v.notes.push(format!(
                            "error path differs: expected {}, got {}",
                            s(ep),
                            s(gp)
                        ));
                    }
                } else if expected.get("path").is_some() {
                    v.notes
                        .push("the harness reported no error path".to_owned());
                }
            }
            Some(g) => v
                .failures
                .push(format!("expected error {}, got error {}", s(code), s(g))),
            None => {
                let succeeded = match kind {
                    "verify" => result.get("accepted") == Some(&Value::Bool(true)),
                    "validate" => result.get("valid") == Some(&Value::Bool(true)),
                    "canonicalize" => result.get("canonical").is_some(),
                    _ => result.get("jws").is_some(),
                };
                v.failures.push(if succeeded {
                    format!(
                        "expected error {}, but it was {}",
                        s(code),
                        success_word(kind)
                    )
                } else {
                    // Read the same way as a positive vector reads it: not a success either.
                    format!(
                        "expected error {}, but the result has no error code (it reads: {})",
                        s(code),
                        outcome(kind, result)
                    )
                });
            }
        }
    } else {
        match kind {
            "canonicalize" => exact(&mut v, &expected, result, "canonical"),
            "sign" if expected.get("signature_keys").is_some() => {
                sign_any_nonce(&mut v, &expected, result);
            }
            "sign" => exact(&mut v, &expected, result, "jws"),
            "verify" => verify(&mut v, &expected, result),
            "validate" => validate(&mut v, &expected, result),
            other => v.failures.push(format!("unknown kind {other:?}")),
        }
    }
    v.passed = v.failures.is_empty();
    if !v.passed {
        v.stage = Some(first_divergence(vector, result));
    }
    v
}

/// A one-line summary of an outcome — a vector's `expected` or a harness's `result` — as
/// codes: the error code (`jws.wrong_typ`), `accepted`, `valid`, the finding codes of an
/// invalid document (`invalid: rule.citizen_id_checksum`), `canonical` or `jws`; warnings and
/// violations follow their codes. For the "expected vs actual" columns of reports.
#[must_use]
pub fn outcome(kind: &str, v: &Value) -> String {
    let codes = |member: &str| -> Vec<String> {
        v.get(member)
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|f| f.get("code").and_then(Value::as_str).map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
    let with = |head: String, member: &str| {
        let c = codes(member);
        if c.is_empty() {
            head
        } else {
            format!("{head} ({member}: {})", c.join(", "))
        }
    };
    if let Some(code) = v.get("error") {
        return with(s(code), "violations");
    }
    // A validate result is read by `valid` first (a harness may also say `accepted`).
    if kind == "validate" {
        match v.get("valid") {
            Some(Value::Bool(true)) => return with("valid".to_owned(), "findings"),
            Some(Value::Bool(false)) => return with("invalid".to_owned(), "findings"),
            _ => {}
        }
    }
    match v.get("accepted") {
        Some(Value::Bool(true)) => return with("accepted".to_owned(), "warnings"),
        Some(Value::Bool(false)) => return "rejected without an error code".to_owned(),
        _ => {}
    }
    match v.get("valid") {
        Some(Value::Bool(true)) => return with("valid".to_owned(), "findings"),
        Some(Value::Bool(false)) => return with("invalid".to_owned(), "findings"),
        _ => {}
    }
    for member in ["canonical", "jws"] {
        if v.get(member).is_some() {
            return member.to_owned();
        }
    }
    if v.is_null() {
        "nothing".to_owned()
    } else {
        format!("no {} outcome", success_word(kind))
    }
}

fn success_word(kind: &str) -> &'static str {
    match kind {
        "verify" => "accepted",
        "sign" => "signed",
        "canonicalize" => "canonicalised",
        _ => "valid",
    }
}

fn exact(v: &mut Verdict, expected: &Value, result: &Value, member: &str) {
    let want = expected.get(member).cloned().unwrap_or(Value::Null);
    match (result.get(member), result.get("error")) {
        (Some(got), _) if *got == want => {}
        (Some(got), _) => v.failures.push(format!(
            "{member} differs: expected {}, got {}",
            short(&s(&want)),
            short(&s(got))
        )),
        (None, Some(e)) => v.failures.push(format!(
            "expected {member} {}, got error {}",
            short(&s(&want)),
            s(e)
        )),
        (None, None) => v.failures.push(format!("the result has no {member}")),
    }
}

/// A sign result where signature bytes may differ (randomised nonces): the JWS must equal the
/// expected one except for the `signature` members, and the N-th signature must verify over its
/// signing input with the N-th key of `expected.signature_keys`.
fn sign_any_nonce(v: &mut Verdict, expected: &Value, result: &Value) {
    let want = expected
        .get("jws")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let Some(got) = result.get("jws").and_then(Value::as_str) else {
        exact(v, expected, result, "jws");
        return;
    };
    if got == want {
        return;
    }
    let parse = |t: &str| serde_json::from_str::<Value>(t).ok();
    let (Some(w), Some(g)) = (parse(want), parse(got)) else {
        v.failures.push("the jws is not a JSON object".to_owned());
        return;
    };
    let strip = |mut j: Value| {
        if let Some(Value::Array(sigs)) = j.get_mut("signatures") {
            for sig in sigs {
                if let Value::Object(m) = sig {
                    m.insert("signature".into(), Value::Null);
                }
            }
        }
        labourlink::canonical::to_vec(&j)
    };
    if strip(w) != strip(g.clone()) || !labourlink::canonical::to_vec(&g).eq(got.as_bytes()) {
        v.failures.push(format!(
            "jws differs beyond the signature bytes: expected {}, got {}",
            short(want),
            short(got)
        ));
        return;
    }
    let payload = g.get("payload").and_then(Value::as_str).unwrap_or_default();
    let keys = expected
        .get("signature_keys")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    let sigs = g
        .get("signatures")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    for (i, (sig, jwk)) in sigs.iter().zip(keys).enumerate() {
        let protected = sig
            .get("protected")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let bytes = sig
            .get("signature")
            .and_then(Value::as_str)
            .and_then(|b| labourlink::b64::decode(b, "signature", "").ok());
        let ok = match (labourlink::keys::VerifyingKey::from_jwk(jwk), bytes) {
            (Ok(key), Some(bytes)) => key
                .verify(format!("{protected}.{payload}").as_bytes(), &bytes)
                .is_ok(),
            _ => false,
        };
        if !ok {
            v.failures.push(format!(
                "signature {i} does not verify with the signer's public key"
            ));
        }
    }
}

fn verify(v: &mut Verdict, expected: &Value, result: &Value) {
    match result.get("accepted") {
        Some(Value::Bool(true)) => {}
        Some(Value::Bool(false)) => {
            v.failures.push(format!(
                "expected accepted, got rejected with {}",
                s(result.get("error").unwrap_or(&Value::Null))
            ));
            return;
        }
        _ => {
            v.failures
                .push("the result has no boolean 'accepted'".to_owned());
            return;
        }
    }
    for member in ["digest", "type", "id", "signers"] {
        let want = expected.get(member);
        match (want, result.get(member)) {
            (Some(w), Some(g)) if w != g => {
                v.failures
                    .push(format!("{member} differs: expected {}, got {}", s(w), s(g)))
            }
            (Some(_), None) if member == "digest" => v
                .failures
                .push("an accepted result must report the digest".to_owned()),
            (Some(_), None) => v.notes.push(format!("the harness reported no {member}")),
            _ => {}
        }
    }
    same_set(v, "warnings", expected, result, false);
}

fn validate(v: &mut Verdict, expected: &Value, result: &Value) {
    if expected.get("valid") != result.get("valid") {
        v.failures.push(format!(
            "valid: expected {}, got {}",
            s(expected.get("valid").unwrap_or(&Value::Null)),
            s(result.get("valid").unwrap_or(&Value::Null))
        ));
    }
    same_set(v, "findings", expected, result, true);
}

/// The findings of a list member (`findings`, `violations`, `warnings`) as a set of
/// `code path` (plus ` severity`, `error` when absent) strings; an absent member is empty.
fn finding_set(x: &Value, member: &str, severity: bool) -> std::collections::BTreeSet<String> {
    x.get(member)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .map(|f| {
                    let code = s(f.get("code").unwrap_or(&Value::Null));
                    let path = f.get("path").and_then(Value::as_str).unwrap_or("");
                    let path = if path.is_empty() { "\"\"" } else { path };
                    if severity {
                        let sev = f.get("severity").and_then(Value::as_str).unwrap_or("error");
                        format!("{code} {path} {sev}")
                    } else {
                        format!("{code} {path}")
                    }
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Compares a list of findings as sets (duplicates and order do not matter; the pointer is
/// part of each finding, LL-SCHEMA-002 / LL-RULE-001).
fn same_set(v: &mut Verdict, member: &str, expected: &Value, result: &Value, severity: bool) {
    let (want, got) = (
        finding_set(expected, member, severity),
        finding_set(result, member, severity),
    );
    if want == got {
        return;
    }
    let missing: Vec<&String> = want.difference(&got).collect();
    let extra: Vec<&String> = got.difference(&want).collect();
    let mut parts = Vec::new();
    if !missing.is_empty() {
        parts.push(format!("missing {missing:?}"));
    }
    if !extra.is_empty() {
        parts.push(format!("unexpected {extra:?}"));
    }
    v.failures
        .push(format!("{member} differ: {}", parts.join(", ")));
}

/// Stages in pipeline order: (name, member of `intermediate`, member inside each signature).
const VERIFY_STAGES: &[(&str, &str, &str)] = &[
    ("payload bytes", "payload_hex", ""),
    ("canonical payload", "canonical_payload_hex", ""),
    ("digest", "digest", ""),
    ("signing input", "signatures", "signing_input"),
    ("signature bytes", "signatures", "signature_hex"),
];

const SIGN_STAGES: &[(&str, &str, &str)] = &[
    ("canonical payload", "canonical_payload_hex", ""),
    ("payload base64url", "payload_b64", ""),
    ("digest", "digest", ""),
    ("protected header", "signatures", "protected_b64"),
    ("signing input", "signatures", "signing_input"),
    ("signature", "signatures", "signature_hex"),
];

fn pick(inter: &Value, member: &str, sub: &str) -> Option<Value> {
    let x = inter.get(member)?;
    if sub.is_empty() {
        return Some(x.clone());
    }
    let list: Vec<Value> = x
        .as_array()?
        .iter()
        .map(|sig| sig.get(sub).cloned().unwrap_or(Value::Null))
        .collect();
    if list.iter().all(Value::is_null) {
        None
    } else {
        Some(Value::Array(list))
    }
}

/// The first stage whose intermediate value differs between the vector and the harness's
/// result, or `result` when every reported intermediate agrees.
#[must_use]
pub fn first_divergence(vector: &Value, result: &Value) -> String {
    let stages = match vector.get("kind").and_then(Value::as_str) {
        Some("verify") => VERIFY_STAGES,
        Some("sign") => SIGN_STAGES,
        _ => return "result".to_owned(),
    };
    let (Some(want), Some(got)) = (vector.get("intermediate"), result.get("intermediate")) else {
        return "result (the harness reported no intermediate values)".to_owned();
    };
    for (name, member, sub) in stages {
        if let (Some(w), Some(g)) = (pick(want, member, sub), pick(got, member, sub)) {
            if w != g {
                return format!("{name} (expected {}, got {})", short(&s(&w)), short(&s(&g)));
            }
        }
    }
    "result (every reported intermediate value agrees)".to_owned()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use serde_json::json;

    #[test]
    fn verify_rules() {
        let vector = json!({"kind": "verify", "expected": {"accepted": false, "error": "json.syntax", "path": "/a"},
            "intermediate": {"payload_hex": "00"}});
        let ok = compare(
            &vector,
            &json!({"accepted": false, "error": "json.syntax", "path": "/b"}),
        );
        assert!(ok.passed);
        assert_eq!(ok.notes.len(), 1);
        let bad = compare(
            &vector,
            &json!({"accepted": true, "digest": "x", "intermediate": {"payload_hex": "01"}}),
        );
        assert!(!bad.passed);
        assert!(bad.stage.unwrap().starts_with("payload bytes"));
        let vector = json!({"kind": "verify", "expected": {"accepted": true, "digest": "d", "signers": ["k"]}});
        assert!(
            compare(
                &vector,
                &json!({"accepted": true, "digest": "d", "signers": ["k"]})
            )
            .passed
        );
        assert!(!compare(&vector, &json!({"accepted": true, "digest": "e"})).passed);
        assert!(!compare(&vector, &json!({"accepted": false, "error": "x"})).passed);
    }
}
