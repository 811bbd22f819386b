//! Every pitfall of tech-anchors §3 that the pipeline must resist, one test each, with its code.
// Test helpers outside #[test] functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use labourlink::b64;
use labourlink::envelope::{Document, Party};
use labourlink::keys::{Algorithm, SigningKey};
use labourlink::time::{FixedClock, Timestamp};
use labourlink::trust::{Anchor, KeyRecord, TrustList, TrustStore};
use labourlink::verify::{InMemoryReplayGuard, Verifier};
use labourlink::{ErrorCode, sign};
use serde_json::{Value, json};

fn t(s: &str) -> Timestamp {
    Timestamp::parse(s).unwrap()
}

const NOW: &str = "2026-11-27T08:00:00Z";

struct Fixture {
    ls: SigningKey,
    nb: SigningKey,
    es: SigningKey,
    list: TrustList,
}

fn fixture() -> Fixture {
    let ls = SigningKey::from_seed(&[1; 32], "513400-si-2026a").unwrap();
    let nb = SigningKey::from_seed(&[2; 32], "330200-si-2026a").unwrap();
    let es = SigningKey::generate(Algorithm::Es256, "522300-hr-2026a").unwrap();
    let mut list = TrustList::new(5, t("2026-12-27T00:00:00Z"));
    let types = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    list.add_key(KeyRecord::new(
        ls.kid(),
        "513400",
        "LS-SI",
        ls.verifying_key(),
        t("2026-01-01T00:00:00Z"),
        Some(t("2027-12-31T00:00:00Z")),
        types(&["social_insurance.*", "receipt"]),
    ))
    .unwrap();
    list.add_key(KeyRecord::new(
        nb.kid(),
        "330200",
        "NB-SI",
        nb.verifying_key(),
        t("2026-01-01T00:00:00Z"),
        None,
        types(&["*"]),
    ))
    .unwrap();
    list.add_key(KeyRecord::new(
        es.kid(),
        "522300",
        "QXN-HR",
        es.verifying_key(),
        t("2026-01-01T00:00:00Z"),
        None,
        types(&["worker_transfer.*"]),
    ))
    .unwrap();
    Fixture { ls, nb, es, list }
}

/// The protocol stages only (1–5): these tests are about the JWS, keys and envelope, with
/// bodies that are not catalogue-valid and messages verified more than once. The library's
/// default (every stage, replay guard included) is tested in `security.rs` and `flows.rs`.
fn protocol() -> labourlink::verify::VerifierBuilder {
    Verifier::builder()
        .dangerous()
        .skip_schema()
        .skip_rules()
        .without_replay_guard()
        .done()
}

fn verifier_for(list: TrustList, now: &str) -> Verifier {
    protocol()
        .trust_list(list)
        .region("330200")
        .clock(FixedClock(t(now)))
        .build()
        .unwrap()
}

fn doc(message_type: &str, issued_at: &str) -> Value {
    json!({
        "spec": "labourlink/1", "type": message_type, "schema_version": "1.0",
        "id": "01a21c04-b400-7000-8000-000000000001",
        "case": {"id": "330200-SI-2026-000123", "type": "social_insurance.pension_transfer"},
        "from": {"region": "513400", "agency": "LS-SI", "name": "凉山州社会保险事业管理局"},
        "to": {"region": "330200", "agency": "NB-SI", "name": "宁波市社会保险管理局"},
        "issued_at": issued_at,
        "body": {"person": {"name": "阿苏拉则"}, "total_fen": 1_234_567}
    })
}

fn good(f: &Fixture) -> String {
    sign(&doc("social_insurance.contact_letter", NOW), &[&f.ls]).unwrap()
}

/// A JWS with an arbitrary payload and header text, correctly signed by `key`.
fn raw(payload: &[u8], header: &str, key: &SigningKey) -> String {
    let p = b64::encode(payload);
    let h = b64::encode(header.as_bytes());
    let sig = key.sign(format!("{h}.{p}").as_bytes()).unwrap();
    format!(
        r#"{{"payload":"{p}","signatures":[{{"protected":"{h}","signature":"{}"}}]}}"#,
        b64::encode(&sig)
    )
}

fn hdr(alg: &str, kid: &str) -> String {
    format!(r#"{{"alg":"{alg}","kid":"{kid}","typ":"labourlink+jws"}}"#)
}

fn reject(v: &Verifier, msg: &str) -> labourlink::Error {
    v.verify(msg.as_bytes()).expect_err("must be rejected")
}

fn code_of(msg: &str) -> ErrorCode {
    let f = fixture();
    reject(&verifier_for(f.list, NOW), msg).code()
}

fn with_payload(f: &Fixture, payload: &[u8]) -> String {
    raw(payload, &hdr("Ed25519", f.ls.kid()), &f.ls)
}

#[test]
fn accepts_a_good_message_with_digest_and_signer() {
    let f = fixture();
    let jws = good(&f);
    let v = verifier_for(f.list, NOW).verify(jws.as_bytes()).unwrap();
    assert_eq!(v.message_type(), "social_insurance.contact_letter");
    assert_eq!(v.signers()[0].kid, "513400-si-2026a");
    let payload = b64::decode(
        serde_json::from_str::<Value>(&jws).unwrap()["payload"]
            .as_str()
            .unwrap(),
        "p",
        "",
    )
    .unwrap();
    // Without a replay guard nothing needs the digest during verification: it is computed on
    // first use, once.
    assert_eq!(v.digest_if_computed(), None);
    assert_eq!(v.digest(), labourlink::verify::digest(&payload));
    assert_eq!(v.digest().len(), 43);
    assert_eq!(v.digest_if_computed(), Some(v.digest()));
    // With one, the guard computed it and the same value is there.
    let guarded = Verifier::builder()
        .dangerous()
        .skip_schema()
        .skip_rules()
        .done()
        .trust_list(fixture().list)
        .region("330200")
        .clock(FixedClock(t(NOW)))
        .build()
        .unwrap()
        .verify(jws.as_bytes())
        .unwrap();
    assert_eq!(guarded.digest_if_computed(), Some(v.digest()));
}

#[test]
fn accepts_es256() {
    let f = fixture();
    let mut d = doc("worker_transfer.roster", NOW);
    d["from"] = json!({"region": "522300", "agency": "QXN-HR"});
    let jws = sign(&d, &[&f.es]).unwrap();
    verifier_for(f.list, NOW).verify(jws.as_bytes()).unwrap();
}

// ---- stage 1: JSON ----

#[test]
fn duplicate_key_in_jws_object() {
    let f = fixture();
    let jws = good(&f);
    let dup = jws.replacen(r#"{"payload":"#, r#"{"payload":"e30","payload":"#, 1);
    assert_eq!(code_of(&dup), ErrorCode::JsonDuplicateKey);
}

#[test]
fn duplicate_key_in_payload() {
    let f = fixture();
    let p = labourlink::canonical::to_vec(&doc("receipt", NOW));
    let text = String::from_utf8(p)
        .unwrap()
        .replacen(r#""body":{"#, r#""body":{"a":1,"a":2,"#, 1);
    let e = reject(
        &verifier_for(f.list.clone(), NOW),
        &with_payload(&f, text.as_bytes()),
    );
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::JsonDuplicateKey, Some("/body/a"))
    );
}

#[test]
fn invalid_utf8_in_payload_and_message() {
    let f = fixture();
    assert_eq!(
        code_of(&with_payload(&f, b"{\"a\":\"\xff\"}")),
        ErrorCode::JsonInvalidUtf8
    );
    let mut bytes = good(&f).into_bytes();
    let v = verifier_for(f.list, NOW);
    bytes.insert(1, 0xC0);
    assert_eq!(
        v.verify(&bytes).unwrap_err().code(),
        ErrorCode::JsonInvalidUtf8
    );
}

#[test]
fn lone_surrogate_in_payload() {
    let f = fixture();
    assert_eq!(
        code_of(&with_payload(&f, br#"{"a":"\ud800"}"#)),
        ErrorCode::JsonLoneSurrogate
    );
}

#[test]
fn float_in_payload() {
    let f = fixture();
    let e = reject(
        &verifier_for(f.list.clone(), NOW),
        &with_payload(&f, br#"{"body":{"total":1.5}}"#),
    );
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::JsonNotInteger, Some("/body/total"))
    );
    // and the signer refuses to produce one
    let mut d = doc("receipt", NOW);
    d["body"]["x"] = json!(1.5);
    assert_eq!(
        sign(&d, &[&f.ls]).unwrap_err().code(),
        ErrorCode::JsonNotInteger
    );
    // even integral floats: 4500.0 would otherwise be signed as 4500, hiding a type error
    for v in [json!(4500.0), json!(-0.0)] {
        let mut d = doc("receipt", NOW);
        d["body"]["amounts"] = json!([1, v]);
        let e = sign(&d, &[&f.ls]).unwrap_err();
        assert_eq!(
            (e.code(), e.path()),
            (ErrorCode::JsonNotInteger, Some("/body/amounts/1"))
        );
    }
}

#[test]
fn integer_beyond_2_pow_53() {
    let f = fixture();
    assert_eq!(
        code_of(&with_payload(&f, br#"{"a":9007199254740992}"#)),
        ErrorCode::JsonIntegerOutOfRange
    );
    let mut d = doc("receipt", NOW);
    d["body"]["x"] = json!(9_007_199_254_740_993_u64);
    assert_eq!(
        sign(&d, &[&f.ls]).unwrap_err().code(),
        ErrorCode::JsonIntegerOutOfRange
    );
}

#[test]
fn nan_in_payload() {
    let f = fixture();
    assert_eq!(
        code_of(&with_payload(&f, br#"{"a":NaN}"#)),
        ErrorCode::JsonSyntax
    );
}

#[test]
fn depth_limit() {
    let f = fixture();
    let deep = format!("{}{}", "[".repeat(40), "]".repeat(40));
    assert_eq!(
        code_of(&with_payload(&f, deep.as_bytes())),
        ErrorCode::JsonTooDeep
    );
    let deep_jws = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert_eq!(code_of(&deep_jws), ErrorCode::JsonTooDeep);
}

#[test]
fn size_limit() {
    let f = fixture();
    let big = format!(
        r#"{{"payload":"{}","signatures":[]}}"#,
        "A".repeat(1024 * 1024)
    );
    assert_eq!(code_of(&big), ErrorCode::JsonTooLarge);
    let small = protocol()
        .trust_list(f.list.clone())
        .region("330200")
        .clock(FixedClock(t(NOW)))
        .limits(labourlink::json::Limits::new(100, 32))
        .build()
        .unwrap();
    assert_eq!(
        small.verify(good(&f).as_bytes()).unwrap_err().code(),
        ErrorCode::JsonTooLarge
    );
}

// ---- stage 2: JWS ----

fn payload_of(f: &Fixture) -> Vec<u8> {
    let _ = f;
    labourlink::canonical::to_vec(&doc("social_insurance.contact_letter", NOW))
}

#[test]
fn alg_none_and_hmac() {
    let f = fixture();
    let p = payload_of(&f);
    assert_eq!(
        code_of(&raw(&p, &hdr("none", f.ls.kid()), &f.ls)),
        ErrorCode::JwsAlgorithmNotAllowed
    );
    assert_eq!(
        code_of(&raw(&p, &hdr("HS256", f.ls.kid()), &f.ls)),
        ErrorCode::JwsAlgorithmNotAllowed
    );
}

#[test]
fn alg_key_mismatch() {
    let f = fixture();
    let p = payload_of(&f);
    assert_eq!(
        code_of(&raw(&p, &hdr("ES256", f.ls.kid()), &f.ls)),
        ErrorCode::KeyAlgorithmMismatch
    );
}

#[test]
fn polymorphic_eddsa_refused_by_default_accepted_by_policy() {
    let f = fixture();
    let msg = raw(&payload_of(&f), &hdr("EdDSA", f.ls.kid()), &f.ls);
    assert_eq!(code_of(&msg), ErrorCode::JwsAlgorithmNotAllowed);
    let v = protocol()
        .trust_list(f.list)
        .region("330200")
        .clock(FixedClock(t(NOW)))
        .allow_eddsa_alias(true)
        .build()
        .unwrap();
    v.verify(msg.as_bytes()).unwrap();
}

#[test]
fn embedded_keys_refused() {
    let f = fixture();
    let p = payload_of(&f);
    for extra in [
        r#""jwk":{"kty":"OKP"}"#,
        r#""jku":"https://evil.example/k""#,
        r#""x5u":"https://evil.example/c""#,
        r#""x5c":["MIIB"]"#,
    ] {
        let h = format!(
            r#"{{"alg":"Ed25519","kid":"{}","typ":"labourlink+jws",{extra}}}"#,
            f.ls.kid()
        );
        assert_eq!(
            code_of(&raw(&p, &h, &f.ls)),
            ErrorCode::JwsEmbeddedKey,
            "{extra}"
        );
    }
}

#[test]
fn unknown_crit() {
    let f = fixture();
    let h = format!(
        r#"{{"alg":"Ed25519","crit":["exp"],"exp":1,"kid":"{}","typ":"labourlink+jws"}}"#,
        f.ls.kid()
    );
    assert_eq!(
        code_of(&raw(&payload_of(&f), &h, &f.ls)),
        ErrorCode::JwsUnknownCritical
    );
}

#[test]
fn unprotected_header() {
    let f = fixture();
    let jws = good(&f).replacen(r#""signature":"#, r#""header":{"kid":"x"},"signature":"#, 1);
    assert_eq!(code_of(&jws), ErrorCode::JwsUnprotectedHeader);
}

#[test]
fn padded_base64url() {
    let f = fixture();
    let jws: Value = serde_json::from_str(&good(&f)).unwrap();
    let mut padded = jws.clone();
    let sig = padded["signatures"][0]["signature"]
        .as_str()
        .unwrap()
        .to_owned();
    padded["signatures"][0]["signature"] = json!(format!("{sig}=="));
    let e = reject(&verifier_for(f.list, NOW), &padded.to_string());
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::JwsBase64, Some("/signatures/0/signature"))
    );
}

#[test]
fn wrong_typ() {
    let f = fixture();
    let h = format!(r#"{{"alg":"Ed25519","kid":"{}","typ":"JWT"}}"#, f.ls.kid());
    assert_eq!(
        code_of(&raw(&payload_of(&f), &h, &f.ls)),
        ErrorCode::JwsWrongType
    );
}

#[test]
fn no_signatures() {
    let f = fixture();
    let mut jws: Value = serde_json::from_str(&good(&f)).unwrap();
    jws["signatures"] = json!([]);
    assert_eq!(code_of(&jws.to_string()), ErrorCode::JwsNoSignatures);
}

// ---- stage 4: signature ----

#[test]
fn tampered_payload() {
    let f = fixture();
    let mut jws: Value = serde_json::from_str(&good(&f)).unwrap();
    let text = String::from_utf8(payload_of(&f))
        .unwrap()
        .replace("1234567", "7654321");
    jws["payload"] = json!(b64::encode(text.as_bytes()));
    assert_eq!(code_of(&jws.to_string()), ErrorCode::SignatureInvalid);
}

#[test]
fn tampered_and_truncated_signature() {
    let f = fixture();
    let jws: Value = serde_json::from_str(&good(&f)).unwrap();
    let sig = b64::decode(jws["signatures"][0]["signature"].as_str().unwrap(), "s", "").unwrap();
    let mut flipped = sig.clone();
    flipped[10] ^= 1;
    let mut a = jws.clone();
    a["signatures"][0]["signature"] = json!(b64::encode(&flipped));
    assert_eq!(code_of(&a.to_string()), ErrorCode::SignatureInvalid);
    let mut b = jws.clone();
    b["signatures"][0]["signature"] = json!(b64::encode(&sig[..63]));
    assert_eq!(code_of(&b.to_string()), ErrorCode::SignatureInvalid);
}

#[test]
fn signature_moved_from_another_message() {
    let f = fixture();
    let other = sign(&doc("receipt", NOW), &[&f.ls]).unwrap();
    let other: Value = serde_json::from_str(&other).unwrap();
    let mut jws: Value = serde_json::from_str(&good(&f)).unwrap();
    jws["signatures"] = other["signatures"].clone();
    assert_eq!(code_of(&jws.to_string()), ErrorCode::SignatureInvalid);
}

// ---- stage 5: canonical payload and envelope ----

#[test]
fn non_canonical_payloads() {
    let f = fixture();
    let canonical = String::from_utf8(payload_of(&f)).unwrap();
    let spaced = canonical.replacen(r#"{"body":"#, r#"{ "body": "#, 1);
    // Move "to" before "spec": same members, wrong order.
    let reordered = {
        let v: Value = serde_json::from_str(&canonical).unwrap();
        let to = serde_json::to_string(&v["to"]).unwrap();
        let without = canonical.replacen(&format!(r#","to":{to}"#), "", 1);
        assert_ne!(without, canonical);
        without.replacen('{', &format!(r#"{{"to":{to},"#), 1)
    };
    let escaped = canonical.replacen(
        r#""spec":"labourlink/1""#,
        r#""spec":"\u006cabourlink/1""#,
        1,
    );
    for (name, p) in [
        ("whitespace", spaced),
        ("key order", reordered),
        ("escapes", escaped),
    ] {
        assert_ne!(p, canonical);
        assert_eq!(
            code_of(&with_payload(&f, p.as_bytes())),
            ErrorCode::PayloadNotCanonical,
            "{name}"
        );
    }
}

#[test]
fn unknown_kid() {
    let stranger = SigningKey::from_seed(&[9; 32], "999999-x").unwrap();
    assert_eq!(
        code_of(&sign(&doc("receipt", NOW), &[&stranger]).unwrap()),
        ErrorCode::KeyUnknown
    );
}

#[test]
fn key_not_yet_valid_and_expired() {
    let f = fixture();
    assert_eq!(
        code_of(&sign(&doc("receipt", "2025-12-31T23:59:59Z"), &[&f.ls]).unwrap()),
        ErrorCode::KeyNotYetValid
    );
    let late = sign(&doc("receipt", "2028-01-02T00:00:00Z"), &[&f.ls]).unwrap();
    let mut list = f.list.clone();
    list.next_update = t("2028-02-01T00:00:00Z");
    let e = reject(&verifier_for(list, "2028-01-02T00:00:00Z"), &late);
    assert_eq!(e.code(), ErrorCode::KeyExpired);
}

#[test]
fn key_validity_is_judged_at_issue_time_in_archival_verification() {
    // Signed while valid and received then; re-checked from the archive twenty years later,
    // long after the key's validity ended: still accepted.
    let f = fixture();
    let mut list = f.list.clone();
    list.next_update = t("2046-12-31T00:00:00Z");
    let jws = good(&f);
    let v = verifier_for(list, "2046-11-27T08:00:00Z");
    v.verify_archived(jws.as_bytes(), t(NOW)).unwrap();
    // Live, the same message is far beyond the maximum age of its type.
    assert_eq!(reject(&v, &jws).code(), ErrorCode::EnvelopeTooOld);
}

#[test]
fn retired_key_before_and_after() {
    let f = fixture();
    let mut list = f.list.clone();
    list.retire(f.ls.kid(), t("2026-11-01T00:00:00Z")).unwrap();
    let v = verifier_for(list, NOW);
    let before = sign(&doc("receipt", "2026-10-31T00:00:00Z"), &[&f.ls]).unwrap();
    v.verify(before.as_bytes()).unwrap();
    let after = sign(&doc("receipt", "2026-11-02T00:00:00Z"), &[&f.ls]).unwrap();
    assert_eq!(reject(&v, &after).code(), ErrorCode::KeyRetired);
}

#[test]
fn revoked_key_rejects_everything() {
    let f = fixture();
    let mut list = f.list.clone();
    list.revoke(f.ls.kid(), t("2026-11-01T00:00:00Z")).unwrap();
    let before = sign(&doc("receipt", "2026-10-31T00:00:00Z"), &[&f.ls]).unwrap();
    assert_eq!(
        reject(&verifier_for(list, NOW), &before).code(),
        ErrorCode::KeyRevoked
    );
}

#[test]
fn issuer_differs_from_key_record() {
    let f = fixture();
    let mut d = doc("receipt", NOW);
    d["from"]["agency"] = json!("SOMEONE-ELSE");
    let e = reject(
        &verifier_for(f.list.clone(), NOW),
        &sign(&d, &[&f.ls]).unwrap(),
    );
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::EnvelopeIssuerMismatch, Some("/from"))
    );
}

#[test]
fn type_not_allowed_for_key() {
    let f = fixture();
    let e = reject(
        &verifier_for(f.list.clone(), NOW),
        &sign(&doc("worker_transfer.roster", NOW), &[&f.ls]).unwrap(),
    );
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::EnvelopeTypeNotAllowed, Some("/type"))
    );
}

#[test]
fn wrong_audience() {
    let f = fixture();
    let mut d = doc("receipt", NOW);
    d["to"]["region"] = json!("330100");
    let e = reject(
        &verifier_for(f.list.clone(), NOW),
        &sign(&d, &[&f.ls]).unwrap(),
    );
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::EnvelopeWrongAudience, Some("/to/region"))
    );
    // an archive may opt out, explicitly
    let v = protocol()
        .trust_list(f.list)
        .region("330200")
        .clock(FixedClock(t(NOW)))
        .dangerous()
        .accept_any_audience()
        .done()
        .build()
        .unwrap();
    v.verify(sign(&d, &[&f.ls]).unwrap().as_bytes()).unwrap();
}

#[test]
fn issued_in_future_beyond_leeway() {
    let f = fixture();
    let v = verifier_for(f.list.clone(), NOW);
    v.verify(
        sign(&doc("receipt", "2026-11-27T08:05:00Z"), &[&f.ls])
            .unwrap()
            .as_bytes(),
    )
    .unwrap();
    let e = reject(
        &v,
        &sign(&doc("receipt", "2026-11-27T08:05:01Z"), &[&f.ls]).unwrap(),
    );
    assert_eq!(e.code(), ErrorCode::EnvelopeIssuedInFuture);
}

#[test]
fn expired_message_and_max_age() {
    let f = fixture();
    let mut d = doc("receipt", "2026-11-01T00:00:00Z");
    d["expires_at"] = json!("2026-11-20T00:00:00Z");
    let e = reject(
        &verifier_for(f.list.clone(), NOW),
        &sign(&d, &[&f.ls]).unwrap(),
    );
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::EnvelopeExpired, Some("/expires_at"))
    );
    let old = sign(&doc("receipt", "2026-11-01T00:00:00Z"), &[&f.ls]).unwrap();
    let v = protocol()
        .trust_list(f.list)
        .region("330200")
        .clock(FixedClock(t(NOW)))
        .max_age_seconds(86_400)
        .build()
        .unwrap();
    assert_eq!(reject(&v, &old).code(), ErrorCode::EnvelopeTooOld);
}

#[test]
fn unknown_spec_and_major() {
    let f = fixture();
    let mut d = doc("receipt", NOW);
    d["spec"] = json!("labourlink/2");
    assert_eq!(
        code_of(&with_payload(&f, &labourlink::canonical::to_vec(&d))),
        ErrorCode::EnvelopeUnsupportedSpec
    );
    let mut d = doc("receipt", NOW);
    d["schema_version"] = json!("2.0");
    assert_eq!(
        code_of(&with_payload(&f, &labourlink::canonical::to_vec(&d))),
        ErrorCode::EnvelopeUnsupportedVersion
    );
    let mut d = doc("receipt", NOW);
    d["schema_version"] = json!("1.7");
    verifier_for(f.list, NOW)
        .verify(sign(&d, &[&f.ls]).unwrap().as_bytes())
        .unwrap();
}

#[test]
fn multiple_signatures_and_required_signers() {
    let f = fixture();
    let d = doc("receipt", NOW);
    let both = sign(&d, &[&f.ls, &f.nb]).unwrap();
    let v = protocol()
        .trust_list(f.list.clone())
        .region("330200")
        .clock(FixedClock(t(NOW)))
        .required_signers(2)
        .build()
        .unwrap();
    let ok = v.verify(both.as_bytes()).unwrap();
    assert_eq!(ok.signers().len(), 2);
    assert_eq!(
        reject(&v, &sign(&d, &[&f.ls]).unwrap()).code(),
        ErrorCode::EnvelopeMissingSigner
    );
    // a bad second signature spoils the message
    let mut j: Value = serde_json::from_str(&both).unwrap();
    j["signatures"][1]["signature"] = j["signatures"][0]["signature"].clone();
    assert_eq!(
        reject(&v, &j.to_string()).code(),
        ErrorCode::SignatureInvalid
    );
}

// ---- trust lists ----

fn anchor() -> SigningKey {
    SigningKey::from_seed(&[42; 32], "330200-anchor-1").unwrap()
}

fn signed_list(list: &TrustList, by: &SigningKey, at: &str) -> String {
    list.sign(by, Party::new("330200", "NB-ANCHOR"), &FixedClock(t(at)))
        .unwrap()
}

#[test]
fn trust_list_signed_by_another_anchor() {
    let f = fixture();
    let rogue = SigningKey::from_seed(&[43; 32], "330200-anchor-1").unwrap();
    let pinned = [Anchor::new("330200-anchor-1", anchor().verifying_key())];
    let jws = signed_list(&f.list, &rogue, NOW);
    let e = TrustList::load(jws.as_bytes(), &pinned, &FixedClock(t(NOW)), 0).unwrap_err();
    assert_eq!(e.code(), ErrorCode::SignatureInvalid);
    let other_kid = SigningKey::from_seed(&[43; 32], "513400-anchor").unwrap();
    let e = TrustList::load(
        signed_list(&f.list, &other_kid, NOW).as_bytes(),
        &pinned,
        &FixedClock(t(NOW)),
        0,
    )
    .unwrap_err();
    assert_eq!(e.code(), ErrorCode::TrustListUntrustedAnchor);
    let ok = TrustList::load(
        signed_list(&f.list, &anchor(), NOW).as_bytes(),
        &pinned,
        &FixedClock(t(NOW)),
        0,
    )
    .unwrap();
    assert_eq!(ok.sequence, 5);
    assert_eq!(ok.keys().len(), 3);
}

#[test]
fn trust_list_rollback() {
    let f = fixture();
    let pinned = vec![Anchor::new("330200-anchor-1", anchor().verifying_key())];
    let clock = FixedClock(t(NOW));
    let v5 = TrustList::load(
        signed_list(&f.list, &anchor(), NOW).as_bytes(),
        &pinned,
        &clock,
        0,
    )
    .unwrap();
    let store = Arc::new(TrustStore::new(pinned, v5, 0));
    let mut older = f.list.clone();
    older.sequence = 4;
    let e = store
        .update(signed_list(&older, &anchor(), NOW).as_bytes(), &clock)
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::TrustListRollback);
    let mut newer = f.list.clone();
    newer.sequence = 6;
    newer.revoke(f.ls.kid(), t(NOW)).unwrap();
    store
        .update(signed_list(&newer, &anchor(), NOW).as_bytes(), &clock)
        .unwrap();
    // a verifier on the store sees the revocation at once
    let v = protocol()
        .trust_store(store)
        .region("330200")
        .clock(clock)
        .build()
        .unwrap();
    assert_eq!(reject(&v, &good(&f)).code(), ErrorCode::KeyRevoked);
}

#[test]
fn trust_list_stale_past_grace() {
    let f = fixture();
    let pinned = [Anchor::new("330200-anchor-1", anchor().verifying_key())];
    let jws = signed_list(&f.list, &anchor(), NOW);
    // next_update 2026-12-27; grace 7 days → fine on 2027-01-03, stale after.
    TrustList::load(
        jws.as_bytes(),
        &pinned,
        &FixedClock(t("2027-01-03T00:00:00Z")),
        labourlink::trust::DEFAULT_GRACE_SECONDS,
    )
    .unwrap();
    let e = TrustList::load(
        jws.as_bytes(),
        &pinned,
        &FixedClock(t("2027-01-03T00:00:01Z")),
        labourlink::trust::DEFAULT_GRACE_SECONDS,
    )
    .unwrap_err();
    assert_eq!(e.code(), ErrorCode::TrustListStale);
    // and a verifier holding the list stops verifying
    assert_eq!(
        reject(
            &verifier_for(f.list.clone(), "2027-01-05T00:00:00Z"),
            &good(&f)
        )
        .code(),
        ErrorCode::TrustListStale
    );
}

#[test]
fn trust_list_with_weak_key_is_refused_with_pointer() {
    let f = fixture();
    let pinned = [Anchor::new("330200-anchor-1", anchor().verifying_key())];
    let mut body = f.list.to_body();
    // identity point: small order
    body["keys"][0]["jwk"]["x"] = json!(b64::encode(&{
        let mut b = [0u8; 32];
        b[0] = 1;
        b
    }));
    let d = Document::builder(
        "trust_list",
        Party::new("330200", "NB-ANCHOR"),
        Party::new("330200", "NB-ANCHOR"),
    )
    .body(body)
    .build(&FixedClock(t(NOW)))
    .unwrap();
    let jws = sign(&d.to_value(), &[&anchor()]).unwrap();
    let e = TrustList::load(jws.as_bytes(), &pinned, &FixedClock(t(NOW)), 0).unwrap_err();
    assert_eq!(e.code(), ErrorCode::KeyRejected);
    assert!(
        e.path().unwrap().starts_with("/body/keys/0/jwk"),
        "{:?}",
        e.path()
    );
}

// ---- stage 8: replay ----

#[test]
fn replay_duplicate_and_conflict() {
    let f = fixture();
    let v = protocol()
        .trust_list(f.list.clone())
        .region("330200")
        .clock(FixedClock(t(NOW)))
        .replay_guard(Arc::new(InMemoryReplayGuard::default()))
        .build()
        .unwrap();
    let first = good(&f);
    v.verify(first.as_bytes()).unwrap();
    assert_eq!(reject(&v, &first).code(), ErrorCode::ReplayDuplicate);
    let mut d = doc("social_insurance.contact_letter", NOW);
    d["body"]["total_fen"] = json!(1);
    let e = reject(&v, &sign(&d, &[&f.ls]).unwrap());
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::ReplayConflict, Some("/id"))
    );
}

/// `check_at` runs stages 1–7 and records nothing; `replay_keep_until` is what stage 8 keeps
/// in a store (a shared guard).
#[test]
fn check_at_records_nothing_and_keep_until_matches_stage_8() {
    let f = fixture();
    let guard = Arc::new(InMemoryReplayGuard::default());
    let v = protocol()
        .trust_list(f.list.clone())
        .region("330200")
        .clock(FixedClock(t(NOW)))
        .max_age_seconds(3600)
        .leeway_seconds(60)
        .replay_guard(Arc::clone(&guard) as Arc<dyn labourlink::verify::ReplayGuard>)
        .build()
        .unwrap();
    let m = good(&f);
    let checked = v.check_at(m.as_bytes(), t(NOW)).unwrap();
    v.check_at(m.as_bytes(), t(NOW)).unwrap();
    assert_eq!(guard.len(), 0, "check_at records nothing");
    // For a durable store, shared by verifiers with other settings: not this verifier's
    // issued_at + max age + leeway (+ the record's leeway), but at least what a verifier with
    // the default 30 days and the largest leeway would accept.
    assert_eq!(
        v.replay_keep_until(&checked, t(NOW)),
        labourlink::verify::shared_keep_until(checked.issued_at(), None, false, t(NOW))
    );
    assert_eq!(
        labourlink::verify::shared_keep_until(checked.issued_at(), None, false, t(NOW)),
        checked.issued_at().add_seconds(30 * 86_400 + 3600 + 3600)
    );
    // The full pipeline still records, and then check_at alone does not see the replay.
    v.verify_at(m.as_bytes(), t(NOW)).unwrap();
    assert_eq!(guard.len(), 1);
    assert_eq!(reject(&v, &m).code(), ErrorCode::ReplayDuplicate);
    assert!(v.check_at(m.as_bytes(), t(NOW)).is_ok());
    // Stages 1–7 still reject.
    let tampered = m.replacen("eyJ", "eyK", 1);
    assert!(v.check_at(tampered.as_bytes(), t(NOW)).is_err());
}

/// A long-lived document (no maximum age by default) is kept in a store's replay records for
/// good, even by a verifier that gives its type a maximum age: a default verifier on the same
/// store would otherwise accept it again once the shorter record expired (review s38 F2).
#[test]
fn a_long_lived_document_is_remembered_for_good_in_a_shared_store() {
    let example = labourlink::schema::example("family_planning.certificate").unwrap();
    let checked = labourlink::envelope::Document::from_value(&example).unwrap();
    let doc = &checked.document;
    let key = SigningKey::from_seed(&[9; 32], "example-key").unwrap();
    let mut list = TrustList::new(1, checked.issued_at.add_seconds(86_400));
    list.add_key(labourlink::trust::KeyRecord::new(
        "example-key",
        doc.from.region.clone(),
        doc.from.agency.clone(),
        key.verifying_key(),
        checked.issued_at.add_seconds(-86_400),
        None,
        vec!["*".into()],
    ))
    .unwrap();
    let v = Verifier::builder()
        .trust_list(list)
        .region(doc.to.region.clone())
        .clock(FixedClock(checked.issued_at))
        .max_age_for_type("family_planning.certificate", Some(3600))
        .dangerous()
        .skip_rules()
        .without_replay_guard()
        .done()
        .build()
        .unwrap();
    let jws = sign(&example, &[&key]).unwrap();
    let verified = v.check_at(jws.as_bytes(), checked.issued_at).unwrap();
    let kept = v.replay_keep_until(&verified, checked.issued_at);
    assert!(
        kept > checked.issued_at.add_seconds(100 * 365 * 86_400),
        "kept until {kept}"
    );
}

#[test]
fn verifier_is_send_and_sync_and_never_panics_on_garbage() {
    fn assert_sync<T: Send + Sync>() {}
    assert_sync::<Verifier>();
    let f = fixture();
    let v = verifier_for(f.list.clone(), NOW);
    let good = good(&f).into_bytes();
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    for i in 0..3000 {
        let mut m = good.clone();
        for _ in 0..(1 + i % 4) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let pos = usize::try_from(seed % m.len() as u64).unwrap();
            m[pos] = (seed >> 32) as u8;
        }
        let _ = v.verify(&m);
    }
}

// ---- batch ----

#[test]
fn verify_many_keeps_input_order_and_equals_single_verification() {
    let f = fixture();
    let v = verifier_for(f.list.clone(), NOW);
    let mut msgs = Vec::new();
    for i in 0..600_u32 {
        let mut d = doc("receipt", NOW);
        d["id"] = json!(format!("01a21c04-b400-7000-8000-{i:012x}"));
        let m = sign(&d, &[&f.ls]).unwrap();
        // every 7th is tampered, every 11th is garbage
        msgs.push(match i {
            i if i % 11 == 0 => b"garbage".to_vec(),
            i if i % 7 == 0 => m.replacen("eyJ", "eyK", 1).into_bytes(),
            _ => m.into_bytes(),
        });
    }
    let single: Vec<Result<String, ErrorCode>> = msgs
        .iter()
        .map(|m| {
            v.verify(m)
                .map(|x| x.digest().to_owned())
                .map_err(|e| e.code())
        })
        .collect();
    // A thread count past what is useful is capped (MAX_BATCH_THREADS), never a panic.
    for threads in [1, 2, 4, 1_000_000] {
        let mut got = Vec::new();
        v.verify_many(msgs.iter(), threads, |i, r| {
            got.push((i, r.map(|x| x.digest().to_owned()).map_err(|e| e.code())))
        });
        assert_eq!(got.len(), msgs.len());
        for (k, (i, r)) in got.into_iter().enumerate() {
            assert_eq!(i, k, "order");
            assert_eq!(r, single[k], "message {k} with {threads} threads");
        }
        // The same through verify_many_map, the result reduced on the workers.
        let mut mapped = Vec::new();
        verifier_for(f.list.clone(), NOW).verify_many_map(
            msgs.iter(),
            threads,
            |_, r| r.map(|x| x.digest().to_owned()).map_err(|e| e.code()),
            |i, r| mapped.push((i, r)),
        );
        assert_eq!(mapped.len(), msgs.len());
        for (k, (i, r)) in mapped.into_iter().enumerate() {
            assert_eq!(i, k, "order (map)");
            assert_eq!(r, single[k], "message {k} with {threads} threads (map)");
        }
    }
}

#[test]
fn trust_list_add_key_refuses_what_load_would_refuse() {
    let f = fixture();
    let mut list = TrustList::new(1, t("2027-01-01T00:00:00Z"));
    let bad_region = KeyRecord::new(
        "k",
        "51340",
        "LS",
        f.ls.verifying_key(),
        t(NOW),
        None,
        vec!["receipt".into()],
    );
    assert_eq!(
        list.add_key(bad_region).unwrap_err().code(),
        ErrorCode::TrustListInvalid
    );
    let bad_pattern = KeyRecord::new(
        "k",
        "513400",
        "LS",
        f.ls.verifying_key(),
        t(NOW),
        None,
        vec!["*.x".into()],
    );
    assert_eq!(
        list.add_key(bad_pattern).unwrap_err().code(),
        ErrorCode::TrustListInvalid
    );
    // A key whose validity ends before it begins: load refuses it, so add_key does too.
    let backwards = KeyRecord::new(
        "k",
        "513400",
        "LS",
        f.ls.verifying_key(),
        t(NOW),
        Some(t("2026-01-01T00:00:00Z")),
        vec!["receipt".into()],
    );
    let e = list.add_key(backwards).unwrap_err();
    assert_eq!(e.code(), ErrorCode::TrustListInvalid);
    assert!(
        e.message().contains("valid_until is before valid_from"),
        "{}",
        e.message()
    );
}

/// Time settings out of range are refused when the verifier is built, naming the setting —
/// not clamped: a negative leeway or age, a leeway above an hour (it would accept messages
/// dated that far ahead), a `max_age_for_type` pattern that matches nothing it could mean.
#[test]
fn time_settings_out_of_range_are_refused_at_build() {
    use labourlink::verify::MAX_LEEWAY_SECONDS;
    let f = fixture();
    let b = || {
        Verifier::builder()
            .trust_list(f.list.clone())
            .region("330200")
    };
    for (builder, says) in [
        (
            b().leeway_seconds(-1),
            "leeway_seconds -1 is outside 0 to 3600",
        ),
        (
            b().leeway_seconds(MAX_LEEWAY_SECONDS + 1),
            "leeway_seconds 3601 is outside",
        ),
        (
            b().max_age_seconds(-5),
            "max_age_seconds is -5: it must be from 0 to 3153600000 seconds",
        ),
        // Past 100 years: "none" is said with no_max_age (a huge age also carried replay
        // records past the clock's range).
        (
            b().max_age_seconds(i64::MAX),
            "Rust dangerous().no_max_age()",
        ),
        (b().stale_grace_seconds(-1), "stale_grace_seconds is -1"),
        // The hint about "none" belongs to the maximum age only.
        (b().stale_grace_seconds(i64::MAX), "seconds (100 years)"),
        (
            b().retired_key_window_seconds(-1),
            "retired_key_window_seconds is -1",
        ),
        (
            b().max_age_for_type("worker_*", Some(10)),
            "'worker_*' is neither",
        ),
        (
            b().max_age_for_type("worker_transfer.no_such_type", Some(10)),
            "'worker_transfer.no_such_type' is neither",
        ),
        (
            b().max_age_for_type("worker_transfer.*", Some(-1)),
            "'worker_transfer.*' is -1",
        ),
        (
            b().max_age_for_type("worker_transfer.*", Some(i64::MAX)),
            "(100 years)",
        ),
    ] {
        let e = builder.build().err().unwrap();
        assert_eq!(e.code(), ErrorCode::InputInvalid, "{says}");
        assert!(e.message().contains(says), "{}", e.message());
    }
    assert!(
        b().leeway_seconds(0)
            .leeway_seconds(MAX_LEEWAY_SECONDS)
            .max_age_seconds(0)
            .max_age_for_type("worker_transfer.*", Some(60))
            .max_age_for_type("worker_transfer.roster", Some(1))
            .dangerous()
            .no_max_age_for_type("*")
            .done()
            .build()
            .is_ok()
    );
    // No maximum age for a type outside dangerous(): refused, naming the way in each language.
    let e = b()
        .max_age_for_type("worker_transfer.*", None)
        .build()
        .err()
        .unwrap();
    assert_eq!(e.code(), ErrorCode::InputInvalid);
    for way in [
        "dangerous().no_max_age_for_type",
        "dangerous_no_max_age_for_types",
        "noMaxAgeForTypes",
    ] {
        assert!(e.message().contains(way), "{}", e.message());
    }
}
