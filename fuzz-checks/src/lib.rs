//! The properties labourlink's fuzz targets check, one function per target.
//!
//! Each function takes the fuzzer's bytes, runs one parser or decision on them and **panics**
//! when a property fails (an `assert!`), which libFuzzer reports as a crash. The cargo-fuzz
//! targets in `fuzz/fuzz_targets/` are one line each (they call the function of their name), and
//! `tests/replay.rs` runs the same functions over every committed corpus file on the stable
//! toolchain, so CI replays the corpora without nightly. `docs/FUZZING.md` describes each
//! target.
//!
//! A returned `Err` from the library is never a failure: untrusted bytes are mostly refused.
//! Failures are panics inside the library (an index out of bounds, an overflow in a debug
//! build), a property that does not hold, and a disagreement with a second implementation that
//! no documented strictness rule explains.
// Asserting is what this crate is for; the fixtures' `panic!` reports a broken fixture.
#![allow(clippy::panic)]

pub mod fixtures;

use labourlink::canonical;
use labourlink::envelope::Document;
use labourlink::json::{self, Limits, Numbers};
use labourlink::jws::{self, AlgorithmPolicy};
use labourlink::keys::{Algorithm, SigningKey, VerifyingKey};
use labourlink::time::{FixedClock, Timestamp};
use labourlink::trust::{DEFAULT_GRACE_SECONDS, TrustList};
use labourlink::{ErrorCode, Verifier};
use std::collections::BTreeSet;

use serde_json::Value;

use crate::fixtures::fixtures;

/// A check: the fuzzer's bytes in, a panic on a failed property.
pub type Check = fn(&[u8]);

/// Every target, by the name of its cargo-fuzz target and corpus directory.
pub const TARGETS: &[(&str, Check)] = &[
    ("json_strict", json_strict),
    ("json_differential", json_differential),
    ("canonical", canonical),
    ("canonical_differential", canonical_differential),
    ("b64", b64),
    ("jws_parse", jws_parse),
    ("keys", keys),
    ("trust_list", trust_list),
    ("reference_data", reference_data),
    ("verify", verify),
    ("validate", validate),
    ("inbox_receive", inbox_receive),
    ("inbox_http", inbox_http),
    ("schema_differential", schema_differential),
    ("ed25519_differential", ed25519_differential),
];

/// Splits off the first byte, which targets use to choose a mode.
fn mode(data: &[u8]) -> (u8, &[u8]) {
    match data.split_first() {
        Some((m, rest)) => (*m, rest),
        None => (0, data),
    }
}

/// JSON values equal as I-JSON sees them: numbers compared as IEEE 754 doubles (so `1` equals
/// `1.0` and `-0` equals `0`), objects as maps, arrays in order.
#[must_use]
pub fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_f64(), y.as_f64()) {
            (Some(x), Some(y)) => x == y,
            _ => false,
        },
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same_value(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_value(v, w)))
        }
        _ => a == b,
    }
}

/// The nesting depth of a value (a scalar is 0, the root container 1).
fn depth(v: &Value) -> usize {
    match v {
        Value::Array(a) => 1 + a.iter().map(depth).max().unwrap_or(0),
        Value::Object(o) => 1 + o.values().map(depth).max().unwrap_or(0),
        _ => 0,
    }
}

/// Strict JSON (`json::parse`, both number modes, `parse_document`):
/// * `parse_document` is `parse` with the default limits in `IntegersOnly` mode;
/// * what `IntegersOnly` accepts, `Any` accepts with the same value;
/// * a tighter limit never accepts what the default refuses, and agrees when both accept;
/// * the canonical bytes of a parsed value parse back to the same value;
/// * a number alone is read as Rust's correctly rounded `f64` parser reads it.
pub fn json_strict(data: &[u8]) {
    let (m, _) = mode(data);
    let ints = json::parse(data, Limits::default(), Numbers::IntegersOnly);
    let any = json::parse(data, Limits::default(), Numbers::Any);
    let doc = json::parse_document(data);
    match (&doc, &ints) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "parse_document differs from parse(IntegersOnly)"),
        (Err(a), Err(b)) => assert_eq!(a.code(), b.code()),
        _ => panic!("parse_document and parse(IntegersOnly) disagree on acceptance"),
    }
    if let Ok(v) = &ints {
        let Ok(w) = &any else {
            panic!("IntegersOnly accepted what Any refused")
        };
        assert_eq!(v, w, "IntegersOnly and Any read different values");
    }
    let tight = Limits::new(
        data.len().saturating_sub(usize::from(m & 1)),
        usize::from(m % 6),
    );
    if let Ok(v) = json::parse(data, tight, Numbers::Any) {
        let Ok(w) = &any else {
            panic!("a tighter limit accepted what the default refused")
        };
        assert_eq!(&v, w, "the value depends on the limits");
    }
    if let Ok(v) = &any {
        let c = canonical::to_vec(v);
        match json::parse(&c, Limits::new(usize::MAX, 128), Numbers::Any) {
            Ok(w) => assert!(same_value(v, &w), "canonical bytes parse to another value"),
            Err(e) => panic!("canonical bytes do not parse: {e}"),
        }
        if let Value::Number(n) = v {
            let text = std::str::from_utf8(data)
                .unwrap_or("")
                .trim_matches([' ', '\t', '\n', '\r']);
            let expected = text.parse::<f64>().ok();
            assert_eq!(n.as_f64(), expected, "number {text} misread");
        }
    }
}

/// Strict JSON against `serde_json` (with `float_roundtrip`, correctly rounded). When both
/// accept, the values are the same ([`same_value`]). When only labourlink refuses, the error
/// must be one of its documented strictness rules that `serde_json` does not have:
/// `json.duplicate_key` (serde_json keeps the last member) or `json.too_deep` (serde_json's
/// limit is 128, ours 32, and the value must indeed be deeper than 32). labourlink must never
/// accept what `serde_json` refuses.
pub fn json_differential(data: &[u8]) {
    let ours = json::parse(data, Limits::default(), Numbers::Any);
    let theirs = serde_json::from_slice::<Value>(data);
    match (ours, theirs) {
        (Ok(a), Ok(b)) => assert!(same_value(&a, &b), "values differ: {a} vs {b}"),
        (Ok(a), Err(e)) => panic!("labourlink accepts what serde_json refuses ({e}): {a}"),
        (Err(e), Ok(b)) => match e.code() {
            ErrorCode::JsonDuplicateKey => {}
            ErrorCode::JsonTooDeep => assert!(
                depth(&b) > json::DEFAULT_MAX_DEPTH,
                "json.too_deep on a value {} deep",
                depth(&b)
            ),
            code => panic!("labourlink refuses with {code:?} what serde_json accepts: {e}"),
        },
        (Err(_), Err(_)) => {}
    }
}

/// RFC 8785 canonicalisation (`canonical::canonicalize`, `is_canonical_document`):
/// * idempotence: `canonicalize(canonicalize(x)) == canonicalize(x)`;
/// * the canonical bytes parse to the same value as the input;
/// * for a document (`IntegersOnly` accepts it), `envelope::parse_canonical_payload` (the
///   verifier's check, which the parser notes while reading) accepts exactly when
///   `canonicalize(x) == x`, and the fast path `is_canonical_document(x)` is
///   `true` only when `canonicalize(x) == x`, and `false` on a canonical input only when the
///   input has an escape (which the fast path does not decode and leaves to the slow path).
pub fn canonical(data: &[u8]) {
    let Ok(c) = canonical::canonicalize(data) else {
        return;
    };
    match canonical::canonicalize(&c) {
        Ok(cc) => assert_eq!(cc, c, "canonicalize is not idempotent"),
        Err(e) => panic!("canonical bytes do not canonicalize: {e}"),
    }
    let (Ok(a), Ok(b)) = (
        json::parse(data, Limits::default(), Numbers::Any),
        json::parse(&c, Limits::new(usize::MAX, 128), Numbers::Any),
    ) else {
        panic!("canonicalize accepted what parse refuses, or wrote what it refuses")
    };
    assert!(same_value(&a, &b), "canonical form changes the value");
    if json::parse_document(data).is_ok() {
        // The verifier's check (the parser notes the form as it reads): accepts exactly the
        // canonical bytes.
        let verdict = labourlink::envelope::parse_canonical_payload(data, Limits::default());
        assert_eq!(
            verdict.is_ok(),
            c == data,
            "parse_canonical_payload and canonicalize disagree"
        );
        let fast = canonical::is_canonical_document(data);
        let slow = c == data;
        assert!(
            !fast || slow,
            "is_canonical_document says yes, canonicalize differs"
        );
        assert!(
            fast || !slow || data.contains(&b'\\'),
            "is_canonical_document says no to canonical bytes without escapes"
        );
    }
}

/// RFC 8785 against `serde_json_canonicalizer`: every value labourlink's parser accepts is
/// written to the same bytes by both implementations.
pub fn canonical_differential(data: &[u8]) {
    let Ok(v) = json::parse(data, Limits::default(), Numbers::Any) else {
        return;
    };
    let ours = canonical::to_vec(&v);
    match serde_json_canonicalizer::to_vec(&v) {
        Ok(theirs) => assert_eq!(
            String::from_utf8_lossy(&ours),
            String::from_utf8_lossy(&theirs),
            "canonical forms differ"
        ),
        Err(e) => panic!("serde_json_canonicalizer refuses a parsed value: {e}"),
    }
}

/// Strict base64url: what `decode` accepts re-encodes to the same text (one spelling per byte
/// string), `decode(encode(x)) == x`, and both agree with the `base64` crate's strict engine
/// (differential: the same acceptance and the same bytes).
pub fn b64(data: &[u8]) {
    use base64::Engine as _;
    let reference = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    assert_eq!(
        labourlink::b64::encode(data),
        reference.encode(data),
        "encodings differ"
    );
    let bytes = labourlink::b64::decode(&labourlink::b64::encode(data), "x", "");
    assert_eq!(
        bytes.ok().as_deref(),
        Some(data),
        "encode/decode round trip"
    );
    if let Ok(text) = std::str::from_utf8(data) {
        assert_eq!(
            labourlink::b64::decode(text, "x", "/p").ok(),
            reference.decode(text).ok(),
            "decoders disagree"
        );
        if let Ok(bytes) = labourlink::b64::decode(text, "x", "/p") {
            assert_eq!(
                labourlink::b64::encode(&bytes),
                text,
                "two spellings decode alike"
            );
        }
    }
}

/// The JWS profile parser, under the default policy and under one that allows only Ed25519 with
/// the `EdDSA` alias: no panic; a parsed JWS has at least one signature, distinct kids, an
/// allowed algorithm, and a payload that is the base64url decoding of its text.
pub fn jws_parse(data: &[u8]) {
    let narrow = AlgorithmPolicy {
        allowed: vec![Algorithm::Ed25519],
        allow_eddsa_alias: true,
    };
    for policy in [AlgorithmPolicy::default(), narrow] {
        let Ok(p) = jws::parse(data, Limits::default(), &policy) else {
            continue;
        };
        assert!(!p.signatures.is_empty(), "a JWS without signatures parsed");
        assert_eq!(labourlink::b64::encode(&p.payload), p.payload_b64);
        let mut kids: Vec<&str> = p.signatures.iter().map(|s| s.header.kid.as_str()).collect();
        kids.sort_unstable();
        kids.dedup();
        assert_eq!(kids.len(), p.signatures.len(), "two signatures by one kid");
        for s in &p.signatures {
            assert!(
                policy.allowed.contains(&s.header.alg),
                "algorithm outside the policy"
            );
            let input = p.signing_input(s);
            assert_eq!(
                input,
                format!("{}.{}", s.protected_b64, p.payload_b64).into_bytes()
            );
        }
    }
}

/// Checks every form of a public key agrees: JWK, SPKI DER, raw bytes.
fn public_round_trips(k: &VerifyingKey) {
    let again = VerifyingKey::from_jwk(&k.to_jwk());
    assert_eq!(again.as_ref().ok(), Some(k), "JWK round trip");
    let again = VerifyingKey::from_spki(&k.to_spki());
    assert_eq!(again.as_ref().ok(), Some(k), "SPKI round trip");
    let again = VerifyingKey::from_spki_pem(k.to_spki_pem());
    assert_eq!(again.as_ref().ok(), Some(k), "SPKI PEM round trip");
    let again = VerifyingKey::from_bytes(k.algorithm(), k.as_bytes());
    assert_eq!(again.as_ref().ok(), Some(k), "raw bytes round trip");
}

/// A loaded private key signs what its public key verifies, and survives PKCS#8 and PEM.
fn private_round_trips(k: &SigningKey) {
    let public = k.verifying_key();
    public_round_trips(&public);
    match k.sign(b"fuzz") {
        Ok(sig) => assert!(
            public.verify(b"fuzz", &sig).is_ok(),
            "own signature refused"
        ),
        Err(e) => panic!("a loaded key cannot sign: {e}"),
    }
    let again = SigningKey::from_pkcs8(&k.to_pkcs8(), "k").map(|k| k.verifying_key());
    assert_eq!(again.ok(), Some(public.clone()), "PKCS#8 round trip");
    let again = SigningKey::from_pem(k.to_pem().as_bytes(), "k").map(|k| k.verifying_key());
    assert_eq!(again.ok(), Some(public), "PEM round trip");
}

/// Key loading in every form (the first byte chooses): public and private JWK, PEM, PKCS#8,
/// SEC1, SPKI (DER and PEM), X.509 certificates, encrypted PKCS#8 (password `fuzz`), raw public
/// key bytes for each algorithm, and `alg` names. What loads must round-trip through the other
/// forms, and a loaded private key must sign what its public key verifies.
pub fn keys(data: &[u8]) {
    let (m, rest) = mode(data);
    let json = || json::parse(rest, Limits::default(), Numbers::IntegersOnly).ok();
    match m % 13 {
        0 => {
            if let Some(k) = json().and_then(|j| VerifyingKey::from_jwk(&j).ok()) {
                public_round_trips(&k);
            }
        }
        1 => {
            if let Some(k) = json().and_then(|j| SigningKey::from_jwk(&j, Some("k")).ok()) {
                private_round_trips(&k);
            }
        }
        2 => {
            if let Ok(k) = SigningKey::from_pem(rest, "k") {
                private_round_trips(&k);
            }
        }
        3 => {
            if let Ok(k) = SigningKey::from_pkcs8(rest, "k") {
                private_round_trips(&k);
            }
        }
        4 => {
            if let Ok(k) = SigningKey::from_sec1(rest, "k") {
                private_round_trips(&k);
            }
        }
        5 => {
            if let Ok(k) = VerifyingKey::from_spki(rest) {
                public_round_trips(&k);
            }
        }
        6 => {
            if let Ok(k) = VerifyingKey::from_spki_pem(rest) {
                public_round_trips(&k);
            }
        }
        7 => {
            if let Ok(k) = VerifyingKey::from_certificate(rest) {
                public_round_trips(&k);
            }
        }
        8 => {
            if let Ok(k) = SigningKey::from_encrypted_pem(rest, b"fuzz", "k") {
                private_round_trips(&k);
            }
        }
        9 => {
            if let Ok(k) = SigningKey::from_encrypted_pkcs8(rest, b"fuzz", "k") {
                private_round_trips(&k);
            }
        }
        10 => {
            for alg in Algorithm::ALL {
                if let Ok(k) = VerifyingKey::from_bytes(alg, rest) {
                    public_round_trips(&k);
                    // Random bytes are never a signature of this fixed message.
                    let _ = k.verify(b"fuzz", rest);
                }
            }
        }
        11 => {
            if let Ok(name) = std::str::from_utf8(rest) {
                if let Ok(alg) = Algorithm::from_jws_name(name) {
                    assert_eq!(alg.as_str(), name, "alg name round trip");
                }
            }
        }
        _ => {
            // Signature bytes against every fixed key: refused, never a panic.
            for k in fixtures().keys.values() {
                let _ = k.verifying_key().verify(b"fuzz", rest);
            }
        }
    }
}

/// Trust lists (the first byte chooses): a raw signed list loaded with the pinned anchor at the
/// fixed clock; a body parsed by `TrustList::from_body`, which must round-trip through
/// `to_body` and lint without panicking; a fuzzed body signed by the anchor and loaded, which
/// must never fail as `signature.invalid` and, when it loads, equal `from_body` of the body.
pub fn trust_list(data: &[u8]) {
    let f = fixtures();
    let clock = FixedClock(f.now);
    let (m, rest) = mode(data);
    match m % 3 {
        0 => {
            let _ = TrustList::load(rest, &f.anchors, &clock, DEFAULT_GRACE_SECONDS);
        }
        1 => {
            let Ok(body) = json::parse_document(rest) else {
                return;
            };
            if let Ok(list) = TrustList::from_body(&body) {
                let again = TrustList::from_body(&list.to_body());
                assert_eq!(
                    again.as_ref().ok(),
                    Some(&list),
                    "to_body/from_body round trip"
                );
                let _ = list.lint(&f.anchors);
            }
        }
        _ => anchor_signed(
            "trust_list",
            rest,
            |jws| {
                TrustList::load(jws, &f.anchors, &clock, DEFAULT_GRACE_SECONDS).map(|l| l.to_body())
            },
            |body| TrustList::from_body(body).map(|l| l.to_body()),
        ),
    }
}

/// The catalogue examples as documents, parsed once (the rules stage's inputs in
/// [`reference_data`]).
fn example_documents() -> &'static [Document] {
    static DOCS: std::sync::OnceLock<Vec<Document>> = std::sync::OnceLock::new();
    DOCS.get_or_init(|| {
        labourlink::envelope::MESSAGE_TYPES
            .iter()
            .filter_map(|t| labourlink::schema::example(t))
            .filter_map(|v| Document::from_value(&v).ok())
            .map(|c| c.document)
            .collect()
    })
}

/// Signed reference data (`labourlink::refdata`; the first byte chooses), as [`trust_list`]
/// for trust lists:
/// * raw: `ReferenceData::load` with the pinned anchor at the fixed clock;
/// * a body read by `ReferenceData::from_body`, which must round-trip through `to_body`; its
///   calendar and GB/T 2260 table then drive the rules stage over one catalogue example (the
///   first byte's upper bits choose it), which must not panic;
/// * a fuzzed body signed by the anchor and loaded: never `signature.invalid`, and what loads
///   is what `from_body` reads.
pub fn reference_data(data: &[u8]) {
    use labourlink::refdata::ReferenceData;
    let f = fixtures();
    let clock = FixedClock(f.now);
    let (m, rest) = mode(data);
    match m % 3 {
        0 => {
            let _ = ReferenceData::load(rest, &f.anchors, &clock, DEFAULT_GRACE_SECONDS);
        }
        1 => {
            let Ok(body) = json::parse_document(rest) else {
                return;
            };
            let Ok(rd) = ReferenceData::from_body(&body) else {
                return;
            };
            let again = ReferenceData::from_body(&rd.to_body());
            assert_eq!(
                again.as_ref().ok(),
                Some(&rd),
                "to_body/from_body round trip"
            );
            let docs = example_documents();
            if let Some(doc) = docs.get(usize::from(m / 3) % docs.len().max(1)) {
                let stage = labourlink::rules::RulesStage::default().with_reference_data(&rd);
                let _ = stage.findings(doc);
            }
        }
        _ => anchor_signed(
            "reference_data",
            rest,
            |jws| {
                ReferenceData::load(jws, &f.anchors, &clock, DEFAULT_GRACE_SECONDS)
                    .map(|r| r.to_body())
            },
            |body| ReferenceData::from_body(body).map(|r| r.to_body()),
        ),
    }
}

/// The signed mode of [`trust_list`] and [`reference_data`]: `body` (strict JSON) as a document
/// of `message_type` signed by the anchor, then `load`ed (its body form): never
/// `signature.invalid`, and what loads is what `from_body` reads from the same body.
fn anchor_signed(
    message_type: &str,
    body: &[u8],
    load: impl Fn(&[u8]) -> labourlink::Result<Value>,
    from_body: impl Fn(&Value) -> labourlink::Result<Value>,
) {
    let f = fixtures();
    let Ok(body) = json::parse_document(body) else {
        return;
    };
    let issuer = labourlink::envelope::Party::new("330200", "NB-ANCHOR");
    let Ok(doc) = Document::builder(message_type, issuer.clone(), issuer)
        .body(body.clone())
        .build(&FixedClock(f.now))
    else {
        return;
    };
    let Ok(jws) = labourlink_protocol::sign(&doc.to_value(), &[&f.anchor_key]) else {
        return;
    };
    match load(jws.as_bytes()) {
        Ok(loaded) => {
            let expected = from_body(&body);
            assert!(expected.is_ok(), "load accepted a body from_body refuses");
            assert_eq!(
                expected.ok(),
                Some(loaded),
                "load and from_body read different documents"
            );
        }
        Err(e) => assert_ne!(
            e.code(),
            ErrorCode::SignatureInvalid,
            "own signature refused"
        ),
    }
}

fn str_at<'a>(v: &'a Value, pointer: &str) -> Option<&'a str> {
    v.pointer(pointer).and_then(Value::as_str)
}

/// A document the fuzzer made, signed as its sender would sign it: by the key trust list
/// `list` gives its `from` party, judged an hour after its `issued_at` (at [`fixtures::NOW`]
/// when it has none that parses), by its `to.region` (`330200` when it has none).
struct SignedInput {
    doc: Value,
    jws: String,
    now: Timestamp,
    region: String,
}

/// `document` (strict JSON) as a [`SignedInput`]; `None` when it is no document or cannot be
/// signed.
fn signed_as_sender(list: &TrustList, document: &[u8]) -> Option<SignedInput> {
    let f = fixtures();
    let doc = json::parse_document(document).ok()?;
    let from = str_at(&doc, "/from/region").zip(str_at(&doc, "/from/agency"));
    let jws = labourlink_protocol::sign(&doc, &[f.key_for(list, from)?]).ok()?;
    let now = str_at(&doc, "/issued_at")
        .and_then(|t| Timestamp::parse(t).ok())
        .map_or(f.now, |t| t.add_seconds(3600));
    let region = str_at(&doc, "/to/region").unwrap_or("330200").to_owned();
    Some(SignedInput {
        doc,
        jws,
        now,
        region,
    })
}

/// The full verifier (every stage: JWS, keys, signatures, payload, envelope, time rules,
/// schema, business rules, replay) with a conformance trust list and a fixed clock. The first
/// byte chooses the trust list and the mode:
/// * raw: the rest is the message, verified as region 330200 or 513400 at [`fixtures::NOW`];
/// * signed: the rest is a document (strict JSON), signed by the key the trust list gives its
///   `from` party and verified as its `to.region`, an hour after its `issued_at`. A document
///   signed by a listed key never fails as `signature.invalid`; what verifies has the signed
///   document as its value, a second delivery is `replay.duplicate`, archival verification
///   (first seen at that instant) accepts it with the same value, and when it answers a
///   catalogue example (`in_reply_to`) the reply rules judge it the same live and archived;
/// * signed, with bit `0x10` of the first byte: a batch of the signed message, the document's
///   own bytes, the message again and the message cut short, verified by `verify_many` on two
///   threads and one by one on another verifier: the same outcomes in the same order.
pub fn verify(data: &[u8]) {
    let f = fixtures();
    let (m, rest) = mode(data);
    let list = &f.lists[usize::from(m >> 1) % f.lists.len()];
    if m & 1 == 0 {
        let region = if m & 4 == 0 { "330200" } else { "513400" };
        let Ok(verifier) = Verifier::builder()
            .trust_list(list.clone())
            .region(region)
            .clock(FixedClock(f.now))
            .build()
        else {
            panic!("verifier fixture")
        };
        let _ = verifier.verify(rest);
        return;
    }
    if m & 0x10 != 0 {
        batch_signed(usize::from(m >> 1), rest);
    } else {
        let _ = verify_signed(usize::from(m >> 1), rest);
    }
}

/// An outcome of verification as two runs can compare it: the value, or the code and pointer.
fn outcome(r: &labourlink::Result<labourlink::Verified>) -> Result<Value, (ErrorCode, String)> {
    match r {
        Ok(v) => Ok(v.to_value()),
        Err(e) => Err((e.code(), e.path().unwrap_or_default().to_owned())),
    }
}

/// A verifier of trust list `list` for `region` at `now` (a fixture: it always builds).
fn verifier_at(list: &TrustList, region: &str, now: Timestamp) -> Option<Verifier> {
    Verifier::builder()
        .trust_list(list.clone())
        .region(region)
        .clock(FixedClock(now))
        .build()
        .ok()
}

/// The signed mode of [`verify`] as a batch: `document` signed as in [`verify_signed`], then
/// `[jws, document's bytes, jws, jws with its last byte cut]` verified by
/// `Verifier::verify_many` on two threads and, on a second fresh verifier, one by one: the
/// same outcomes in the same order (replay decided in input order, the second copy a
/// `replay.duplicate`).
fn batch_signed(list: usize, document: &[u8]) {
    let f = fixtures();
    let list = &f.lists[list % f.lists.len()];
    let Some(SignedInput {
        jws, now, region, ..
    }) = signed_as_sender(list, document)
    else {
        return;
    };
    let (Some(batch), Some(single)) = (
        verifier_at(list, &region, now),
        verifier_at(list, &region, now),
    ) else {
        return;
    };
    let cut = &jws.as_bytes()[..jws.len().saturating_sub(1)];
    let inputs: [&[u8]; 4] = [jws.as_bytes(), document, jws.as_bytes(), cut];
    let mut many = Vec::new();
    batch.verify_many(inputs, 2, |i, r| many.push((i, outcome(&r))));
    let one: Vec<_> = inputs
        .iter()
        .enumerate()
        .map(|(i, m)| (i, outcome(&single.verify(m))))
        .collect();
    assert!(
        many == one,
        "verify_many differs from one-by-one verification"
    );
}

/// The signed mode of [`verify`]: `document` (strict JSON) signed by the key trust list
/// number `list` gives its `from` party, verified with the assertions of [`verify`]. `None`
/// when the bytes are no document or cannot be signed, else the verifier's answer.
pub fn verify_signed(list: usize, document: &[u8]) -> Option<labourlink::Result<()>> {
    let f = fixtures();
    let list = &f.lists[list % f.lists.len()];
    let SignedInput {
        doc,
        jws,
        now,
        region,
    } = signed_as_sender(list, document)?;
    let region = region.as_str();
    let verifier = verifier_at(list, region, now)?;
    match verifier.verify(jws.as_bytes()) {
        Ok(v) => {
            assert!(
                same_value(&v.to_value(), &doc),
                "verified value differs from the signed one"
            );
            let again = verifier.verify(jws.as_bytes()).err().map(|e| e.code());
            assert_eq!(again, Some(ErrorCode::ReplayDuplicate), "second delivery");
            // What live verification accepted at `now`, archival verification of the stored
            // message first seen at `now` accepts too, with the same value (no replay record).
            let archived = verifier.verify_archived(jws.as_bytes(), now);
            assert!(
                archived.is_ok_and(|a| a.to_value() == v.to_value()),
                "archival verification refuses what live verification accepted"
            );
            if let Some((earlier, digest)) = str_at(&doc, "/in_reply_to").and_then(example) {
                let _ = reply_to_example(list, region, now, jws.as_bytes(), earlier, digest);
            }
            Some(Ok(()))
        }
        Err(e) => {
            assert_ne!(
                e.code(),
                ErrorCode::SignatureInvalid,
                "own signature refused"
            );
            Some(Err(e))
        }
    }
}

/// The catalogue example (`schemas/examples/*.json`) with message id `id`, as the document
/// and payload digest a reply's earlier message is given as; the examples answer one another
/// through `in_reply_to`, so the seeds reach the reply rules.
fn example(id: &str) -> Option<(&'static Document, &'static str)> {
    static EXAMPLES: std::sync::OnceLock<Vec<(String, Document, String)>> =
        std::sync::OnceLock::new();
    let all = EXAMPLES.get_or_init(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../schemas/examples");
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let Ok(bytes) = std::fs::read(entry.path()) else {
                continue;
            };
            let Ok(value) = json::parse_document(&bytes) else {
                continue;
            };
            let payload = canonical::to_vec(&value);
            let Ok(checked) = Document::from_json(value) else {
                continue;
            };
            let id = checked.document.id.clone();
            out.push((id, checked.document, labourlink::verify::digest(&payload)));
        }
        out
    });
    all.iter()
        .find(|(i, _, _)| i == id)
        .map(|(_, d, digest)| (d, digest.as_str()))
}

/// A message that verified, verified again as a reply to the catalogue example it names in
/// `in_reply_to`, live (on a fresh verifier) and archived: the two agree (the reply rules are
/// the same in both modes), and what verifies has the value that verified without them.
fn reply_to_example(
    list: &TrustList,
    region: &str,
    now: Timestamp,
    jws: &[u8],
    earlier: &Document,
    digest: &str,
) -> Option<Result<(), ErrorCode>> {
    let fresh = verifier_at(list, region, now)?;
    let live = outcome(&fresh.verify_reply_to(jws, earlier, digest));
    let archived = outcome(&fresh.verify_archived_reply_to(jws, earlier, digest, now));
    assert!(
        live == archived,
        "a reply judged differently live ({:?}) and archived ({:?})",
        live.as_ref().err(),
        archived.as_ref().err()
    );
    Some(live.map(|_| ()).map_err(|(code, _)| code))
}

/// A catalogue example that answers another (`in_reply_to`), signed by its `from` party's
/// key in the catalogue trust list and verified as a reply to that example, live and archived
/// (the two must agree), an hour after its `issued_at`: `None` when it answers no example or
/// cannot be signed, else the live outcome.
pub fn reply_to_catalogue_example(document: &[u8]) -> Option<Result<(), ErrorCode>> {
    let list = &fixtures().lists[0];
    let s = signed_as_sender(list, document)?;
    let (earlier, digest) = str_at(&s.doc, "/in_reply_to").and_then(example)?;
    reply_to_example(list, &s.region, s.now, s.jws.as_bytes(), earlier, digest)
}

/// `validate` (envelope, schema and each domain's business rules of the catalogue) on bytes and
/// on the parsed value: the same report both ways, findings that serialise, and `is_valid` true
/// exactly when no finding is an error.
pub fn validate(data: &[u8]) {
    let report = labourlink::validate::validate_json(data);
    let _ = report.to_json();
    assert_eq!(report.is_valid(), report.errors().next().is_none());
    if let Ok(v) = json::parse_document(data) {
        let again = labourlink::validate::validate(&v);
        assert_eq!(again, report, "validate and validate_json differ");
    }
}

/// The reference of [`schema_differential`]: the `jsonschema` crate (draft 2020-12, format
/// assertions on) over the same embedded schemas, by message type.
fn reference_schemas() -> &'static std::collections::BTreeMap<String, jsonschema::Validator> {
    static SET: std::sync::OnceLock<std::collections::BTreeMap<String, jsonschema::Validator>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| {
        let parsed: Vec<(&str, Value)> = labourlink::schema::files()
            .iter()
            .map(|(name, text)| {
                let v = serde_json::from_str(text)
                    .unwrap_or_else(|e| panic!("embedded schema {name}: {e}"));
                (*name, v)
            })
            .collect();
        let mut registry = jsonschema::Registry::new();
        for (name, v) in &parsed {
            let id = v["$id"].as_str().unwrap_or_default();
            registry = registry
                .add(id, v.clone())
                .unwrap_or_else(|e| panic!("schema {name}: {e}"));
        }
        let registry = registry
            .prepare()
            .unwrap_or_else(|e| panic!("schema registry: {e}"));
        let mut out = std::collections::BTreeMap::new();
        for (name, v) in &parsed {
            let t = name.strip_suffix(".schema.json").unwrap_or(name);
            if matches!(t, "defs" | "envelope" | "flows") {
                continue;
            }
            let validator = jsonschema::options()
                .with_draft(jsonschema::Draft::Draft202012)
                .should_validate_formats(true)
                .with_registry(&registry)
                .build(v)
                .unwrap_or_else(|e| panic!("schema {name}: {e}"));
            out.insert(t.to_owned(), validator);
        }
        out
    })
}

/// The message types with a body schema, in name order (the first byte of
/// [`schema_differential`]'s input picks one).
pub fn schema_types() -> Vec<&'static str> {
    reference_schemas().keys().map(String::as_str).collect()
}

/// The reference's answer for a body of `message_type`: `None` when it conforms, else the set
/// of violation pointers (`/body/...`).
pub fn reference_pointers(message_type: &str, body: &Value) -> Option<BTreeSet<String>> {
    let validator = reference_schemas().get(message_type)?;
    if validator.is_valid(body) {
        return None;
    }
    Some(
        validator
            .iter_errors(body)
            .map(|e| format!("/body{}", e.instance_path().as_str()))
            .collect(),
    )
}

/// The schema engine's answer in the same form, and whether it stopped at `MAX_VIOLATIONS`.
pub fn engine_pointers(message_type: &str, body: &Value) -> (Option<BTreeSet<String>>, bool) {
    match labourlink::schema::validate_body(message_type, body) {
        Ok(()) => (None, false),
        Err(e) => {
            assert_eq!(e.code(), ErrorCode::SchemaInvalid, "{message_type}: {e}");
            let truncated = e.violations().iter().any(|v| v.code == "schema.truncated");
            let pointers = e
                .violations()
                .iter()
                .filter(|v| v.code == "schema.invalid")
                .map(|v| v.path.clone())
                .collect();
            (Some(pointers), truncated)
        }
    }
}

/// The schema engine (`schema::validate_body`) against the `jsonschema` crate. The first byte
/// chooses the message type (by its place in name order), the rest is the body (JSON, read by
/// `serde_json`). Both must give the same verdict and, unless the engine stopped at
/// `MAX_VIOLATIONS`, the same set of violation pointers; when it stopped, each pointer it
/// reported is one the reference reports too.
pub fn schema_differential(data: &[u8]) {
    let (m, rest) = mode(data);
    let types = schema_types();
    let Some(t) = types.get(usize::from(m) % types.len().max(1)) else {
        return;
    };
    let Ok(body) = serde_json::from_slice::<Value>(rest) else {
        return;
    };
    let theirs = reference_pointers(t, &body);
    match engine_pointers(t, &body) {
        (ours, false) => assert_eq!(ours, theirs, "{t}: verdicts or violation pointers differ"),
        (ours, true) => {
            let (ours, theirs) = (ours.unwrap_or_default(), theirs.unwrap_or_default());
            assert!(
                ours.is_subset(&theirs),
                "{t}: the engine reports {:?}, which jsonschema does not",
                ours.difference(&theirs).collect::<Vec<_>>()
            );
        }
    }
}

/// The inbox's handling of a POST (no sockets). The first byte chooses:
/// * the client address from an `X-Forwarded-For` header behind trusted proxies
///   (`rate::client_address`): the peer itself, or an address that the header names (an
///   IPv4-mapped one as its IPv4 address);
/// * `Node::receive` (verify with the full pipeline, commit to a SQLite store, answer with a
///   signed receipt or a problem) of the rest as the posted body (received at
///   [`fixtures::NOW`]), or of the rest as a document signed by the catalogue key of its
///   `from` party (received an hour after its `issued_at`), by a node with a fresh store
///   ([`fixtures::node`]). The answer is one of the documented statuses; a receipt (200,
///   409, 422) is a JWS in the profile; an accepted message delivered again gets the same
///   receipt byte for byte.
///
/// The HTTP layer above it (content type, `Content-Length`, the bounded body read, load
/// shedding) is exercised by `exchange/tests/http.rs`, not fuzzed.
pub fn inbox_receive(data: &[u8]) {
    let (m, rest) = mode(data);
    if m & 2 != 0 {
        let Ok(header) = std::str::from_utf8(rest) else {
            return;
        };
        let peer = std::net::IpAddr::from([10, 0, 0, 1]);
        let proxies = [peer, std::net::IpAddr::from([10, 0, 0, 2])];
        let client = labourlink_exchange::rate::client_address(peer, Some(header), &proxies);
        let named = header.split(',').any(|h| {
            h.trim()
                .parse::<std::net::IpAddr>()
                .ok()
                .map(|ip| ip.to_canonical())
                == Some(client)
        });
        assert!(
            client == peer || named,
            "client {client} is neither the peer nor in the header"
        );
        return;
    }
    let f = fixtures();
    let (body, now) = if m & 1 == 0 {
        (rest.to_vec(), f.now)
    } else {
        // Received an hour after it was issued, as the `verify` target does: the outcome does
        // not depend on the day the corpus is replayed.
        let Some(s) = signed_as_sender(&f.lists[0], rest) else {
            return;
        };
        (s.jws.into_bytes(), s.now)
    };
    let node = fixtures::node();
    let answer = node.receive(&body, now);
    assert!(
        [200, 400, 409, 413, 422, 503].contains(&answer.status),
        "undocumented status {}",
        answer.status
    );
    if matches!(answer.status, 200 | 409 | 422) {
        let parsed = jws::parse(&answer.body, Limits::default(), &AlgorithmPolicy::default());
        assert!(parsed.is_ok(), "a receipt that is not a JWS");
    }
    if answer.status == 200 {
        // The node's store is fresh, so a 200 is a first acceptance: a redelivery must get
        // the same receipt, byte for byte (the exchange's idempotency).
        let again = node.receive(&body, now);
        assert_eq!(again.status, 200, "a redelivery of an accepted message");
        assert!(
            again.body == answer.body,
            "a redelivery got another receipt than the first"
        );
    }
}

/// The admin listener's access token in [`inbox_http`] (when the mode asks for one).
const ADMIN_TOKEN: &str = "fuzz-admin-token-0123456789abcdef0123456789";

/// The inbox's HTTP layer, in process (`server::router` and `server::admin_router` driven by
/// `tower::ServiceExt::oneshot` on a one-worker runtime; no sockets), on a node with a fresh
/// store ([`fixtures::node`]). The first byte chooses the route:
/// `POST /v1/messages`, `GET /v1/trust-list`, `GET /v1/reference-data`, `GET /metrics`,
/// `GET /healthz`, or the admin listener with a fuzzed request target (every other such input
/// with an access token, [`ADMIN_TOKEN`]). The rest is the request:
/// its first line the target (for the admin routes), then `name: value` header lines up to an
/// empty line, then the body. Inputs that are no valid HTTP request (a header name or value,
/// a target that `http` refuses) are skipped: hyper refuses them before the router.
///
/// Asserts: the answer is a status the route documents; never 500 (a defect of the node);
/// a problem answer (`application/json`) names a known error code; a receipt
/// (`application/jose+json`) is a JWS in the profile; a `200` of the trust list carries an
/// `ETag`, and that `ETag` in `If-None-Match` gets `304`.
pub fn inbox_http(data: &[u8]) {
    use axum::body::Body;
    const BLOCKING_THREADS: usize = 4;
    use axum::http::{Method, Request};
    use tower::ServiceExt as _;

    static RT: std::sync::OnceLock<Option<tokio::runtime::Runtime>> = std::sync::OnceLock::new();
    let Some(rt) = RT
        .get_or_init(|| {
            // Blocking-pool threads are kept for the whole run rather than 10 s, and all four
            // are started here: one that timed out and was spawned again between two inputs,
            // or one the pool added during an input, had its start-up allocation in flight
            // when libFuzzer checked for leaks (FUZZING.md, finding 5).
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(1)
                .max_blocking_threads(BLOCKING_THREADS)
                .thread_keep_alive(std::time::Duration::from_secs(365 * 86_400))
                .enable_all()
                .build()
                .ok()?;
            rt.block_on(async {
                let all = std::sync::Arc::new(std::sync::Barrier::new(BLOCKING_THREADS));
                let started: Vec<_> = (0..BLOCKING_THREADS)
                    .map(|_| {
                        let all = std::sync::Arc::clone(&all);
                        tokio::task::spawn_blocking(move || {
                            all.wait();
                        })
                    })
                    .collect();
                for s in started {
                    let _ = s.await;
                }
            });
            Some(rt)
        })
        .as_ref()
    else {
        panic!("runtime fixture")
    };
    let (m, rest) = mode(data);
    let text_end = rest
        .windows(2)
        .position(|w| w == b"\n\n")
        .unwrap_or(rest.len());
    let (head, body) = rest.split_at(text_end);
    let body = body.get(2..).unwrap_or_default().to_vec();
    let Ok(head) = std::str::from_utf8(head) else {
        return;
    };
    let mut lines = head.split('\n');
    let target = lines.next().unwrap_or_default();
    let (method, uri, admin, documented): (Method, String, bool, &[u16]) = match m % 6 {
        0 => (
            Method::POST,
            "/v1/messages".into(),
            false,
            &[200, 400, 408, 409, 413, 415, 422, 429, 503],
        ),
        1 => (Method::GET, "/v1/trust-list".into(), false, &[200, 304]),
        2 => (
            Method::GET,
            "/v1/reference-data".into(),
            false,
            &[200, 304, 404],
        ),
        3 => (Method::GET, "/metrics".into(), false, &[200]),
        4 => (Method::GET, "/healthz".into(), false, &[200]),
        _ => (
            Method::GET,
            target.to_owned(),
            true,
            &[200, 400, 401, 403, 404, 405],
        ),
    };
    // Every other admin input meets a listener with an access token.
    let token = (admin && (m / 6) % 2 == 1).then_some(ADMIN_TOKEN);
    let authorised = lines
        .clone()
        .filter_map(|l| l.split_once(':'))
        .any(|(n, v)| {
            n.trim().eq_ignore_ascii_case("authorization")
                && v.trim().split_once(' ').is_some_and(|(scheme, t)| {
                    scheme.eq_ignore_ascii_case("bearer") && t.trim() == ADMIN_TOKEN
                })
        });
    let mut req = Request::builder().method(method).uri(uri.as_str());
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            return;
        };
        req = req.header(name.trim(), value.trim());
    }
    let Ok(req) = req.body(Body::from(body)) else {
        return;
    };
    let node = std::sync::Arc::new(fixtures::node());
    let app = if admin {
        let token = token.map(|t| match labourlink_exchange::config::AdminToken::new(t) {
            Ok(t) => t,
            Err(_) => panic!("token fixture"),
        });
        labourlink_exchange::server::admin_router(std::sync::Arc::clone(&node), token)
    } else {
        labourlink_exchange::server::router(std::sync::Arc::clone(&node))
    };
    let (status, headers, bytes) = rt.block_on(async {
        let Ok(resp) = app.oneshot(req).await;
        let (parts, body) = resp.into_parts();
        let bytes = axum::body::to_bytes(body, 4 << 20)
            .await
            .unwrap_or_default();
        (parts.status.as_u16(), parts.headers, bytes)
    });
    assert!(
        documented.contains(&status),
        "{uri}: status {status} is not documented for the route"
    );
    assert!(
        status != 401 || (token.is_some() && !authorised),
        "{uri}: 401 without a token set, or to a request that carries it"
    );
    if token.is_some() && status == 200 {
        let healthz = uri
            .parse::<axum::http::Uri>()
            .is_ok_and(|u| u.path() == "/healthz");
        assert!(
            authorised || healthz,
            "{uri}: answered 200 without the access token"
        );
    }
    let ctype = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if ctype == "application/json" && !admin && status != 200 {
        let v: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        let code = v.pointer("/errors/0/code").and_then(Value::as_str);
        assert!(
            code.is_some_and(|c| ErrorCode::from_code_str(c).is_some()),
            "{uri}: a problem answer without a known code"
        );
    }
    if ctype == "application/jose+json" && uri == "/v1/messages" {
        let parsed = jws::parse(&bytes, Limits::default(), &AlgorithmPolicy::default());
        assert!(parsed.is_ok(), "a receipt that is not a JWS");
    }
    if uri == "/v1/trust-list" && status == 200 {
        let etag = headers.get("etag").cloned();
        assert!(etag.is_some(), "a trust list without an ETag");
        let again = Request::builder()
            .uri("/v1/trust-list")
            .header(
                "if-none-match",
                etag.unwrap_or(axum::http::HeaderValue::from_static("")),
            )
            .body(Body::empty());
        let Ok(again) = again else {
            panic!("request fixture")
        };
        let app = labourlink_exchange::server::router(node);
        let status = rt.block_on(async {
            let Ok(resp) = app.oneshot(again).await;
            resp.status().as_u16()
        });
        assert_eq!(status, 304, "its own ETag in If-None-Match");
    }
}

/// L, the order of the Ed25519 base point, little-endian.
const ED25519_L: [u8; 32] = [
    0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
];

/// `a + b` over 256-bit little-endian numbers (the carry out of the top byte dropped).
fn add_256(a: &[u8], b: &[u8; 32]) -> [u8; 32] {
    let mut out = [0u8; 32];
    let mut carry = 0u16;
    for i in 0..32 {
        let s = u16::from(a[i]) + u16::from(b[i]) + carry;
        out[i] = s.to_le_bytes()[0];
        carry = s >> 8;
    }
    out
}

/// Whether *ring*'s Ed25519 (cofactorless, the equation labourlink's single verification must
/// match exactly) accepts `signature` of `message` by the 32-byte `key`.
fn ring_ed25519_accepts(key: &[u8], message: &[u8], signature: &[u8]) -> bool {
    ring::signature::UnparsedPublicKey::new(&ring::signature::ED25519, key)
        .verify(message, signature)
        .is_ok()
}

/// Ed25519 verification, labourlink's (ed25519-dalek's equation over the point decoded when
/// the key loads, *ring*'s SHA-512) against *ring*'s own: the same verdict on every input.
///
/// Mode `m % 2 == 0` (signed): a key from a 32-byte seed (the input's first 32 bytes, zero
/// padded), then a selector byte, a 64-byte mask and the message (the rest). The message is
/// signed, and the signature altered as the selector says — kept, XORed with the mask, `S`
/// plus L or 2L, `R` plus one of the eight small-order points, `R` replaced by one, or `R`
/// written with `y + p` where that still fits — then both implementations judge it; an
/// altered signature is never accepted. Mode `m % 2 == 1` (raw): a 32-byte key, a 64-byte
/// signature and the message straight from the input; judged alike whenever labourlink loads
/// the key (it refuses small-order keys, which *ring* does not check).
pub fn ed25519_differential(data: &[u8]) {
    use curve25519_dalek::constants::EIGHT_TORSION;
    use curve25519_dalek::edwards::CompressedEdwardsY;
    let (m, rest) = mode(data);
    if m % 2 == 1 {
        if rest.len() < 96 {
            return;
        }
        let (key, rest) = rest.split_at(32);
        let (sig, message) = rest.split_at(64);
        if let Ok(k) = VerifyingKey::from_bytes(Algorithm::Ed25519, key) {
            assert_eq!(
                k.verify(message, sig).is_ok(),
                ring_ed25519_accepts(key, message, sig),
                "raw: labourlink and ring disagree"
            );
        }
        return;
    }
    let mut seed = [0u8; 32];
    let n = rest.len().min(32);
    seed[..n].copy_from_slice(&rest[..n]);
    let rest = &rest[n..];
    let (selector, rest) = rest.split_first().map_or((0, rest), |(s, r)| (*s, r));
    let mut mask = [0u8; 64];
    let k = rest.len().min(64);
    mask[..k].copy_from_slice(&rest[..k]);
    let message = &rest[k..];
    let Ok(key) = SigningKey::from_seed(&seed, "k") else {
        return;
    };
    let public = key.verifying_key();
    let Ok(signature) = key.sign(message) else {
        return;
    };
    let mut altered = signature.clone();
    match selector % 6 {
        0 => {}
        1 => {
            for (b, x) in altered.iter_mut().zip(mask) {
                *b ^= x;
            }
        }
        2 => {
            let times = 1 + usize::from(mask[0] & 1);
            let mut s = add_256(&signature[32..], &ED25519_L);
            if times == 2 {
                s = add_256(&s, &ED25519_L);
            }
            altered[32..].copy_from_slice(&s);
        }
        3 | 4 => {
            let Ok(r_bytes) = <[u8; 32]>::try_from(&signature[..32]) else {
                return;
            };
            let Some(r) = CompressedEdwardsY(r_bytes).decompress() else {
                return;
            };
            let t = EIGHT_TORSION[usize::from(mask[0] % 8)];
            let replaced = if selector % 6 == 3 { r + t } else { t };
            altered[..32].copy_from_slice(&replaced.compress().to_bytes());
        }
        _ => {
            // y + p for a y below 19 (only small-order points and rare R): the same point,
            // written non-canonically.
            let y_low = altered[0];
            if altered[1..31].iter().all(|b| *b == 0) && altered[31] & 0x7f == 0 && y_low < 19 {
                altered[0] = y_low.wrapping_add(0xed);
                for b in &mut altered[1..31] {
                    *b = 0xff;
                }
                altered[31] |= 0x7f;
            }
        }
    }
    let ours = public.verify(message, &altered).is_ok();
    assert_eq!(
        ours,
        ring_ed25519_accepts(public.as_bytes(), message, &altered),
        "signed (selector {selector}): labourlink and ring disagree"
    );
    if altered != signature {
        assert!(!ours, "an altered signature verified (selector {selector})");
    } else {
        assert!(ours, "a signature as made does not verify");
    }
}
