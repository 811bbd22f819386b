//! Property tests: sign → verify round trips with random documents and random keys, in every
//! algorithm ([`Algorithm::ALL`]: Ed25519, ES256, SM2SM3), alone and with several signers; a
//! signature altered in one bit, or a payload altered by one member, never verifies.
// Test code: unwrap on fixtures is a test failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use labourlink_protocol::envelope::{Document, Party};
use labourlink_protocol::keys::{Algorithm, SigningKey};
use labourlink_protocol::time::{FixedClock, Timestamp};
use labourlink_protocol::trust::{KeyRecord, TrustList};
use labourlink_protocol::verify::{ProtocolOnly, Verifier};
use labourlink_protocol::{ErrorCode, b64, json::MAX_SAFE_INTEGER, sign};
use proptest::prelude::*;
use serde_json::{Map, Value};

fn t(s: &str) -> Timestamp {
    Timestamp::parse(s).unwrap()
}

const NOW: &str = "2026-11-27T08:00:00Z";

/// Any JSON value a document may carry: integers within ±(2^53−1), any Unicode strings,
/// nested arrays and objects.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-MAX_SAFE_INTEGER..=MAX_SAFE_INTEGER).prop_map(Value::from),
        any::<String>().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(any::<String>(), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

fn body() -> impl Strategy<Value = Value> {
    prop::collection::btree_map(any::<String>(), json_value(), 0..8)
        .prop_map(|m| Value::Object(m.into_iter().collect()))
}

/// A key of `alg` from the 32 drawn bytes (Ed25519 seed, SM2 or P-256 scalar), so that a
/// failing case names its key and shrinks. ring imports a P-256 key only as PKCS#8 with its
/// public point: the `p256` crate computes it and writes the document.
fn key(alg: Algorithm, bytes: [u8; 32], kid: &str) -> Option<SigningKey> {
    match alg {
        Algorithm::Ed25519 => SigningKey::from_seed(&bytes, kid).ok(),
        // A scalar of 0 or ≥ n is refused: such draws are skipped.
        Algorithm::Sm2 => SigningKey::from_sm2_private_key(&bytes, kid).ok(),
        Algorithm::Es256 => {
            use p256::pkcs8::EncodePrivateKey as _;
            let secret = p256::SecretKey::from_slice(&bytes).ok()?;
            let der = secret.to_pkcs8_der().ok()?;
            SigningKey::from_pkcs8(der.as_bytes(), kid).ok()
        }
        _ => None,
    }
}

/// ES256 keys come from the drawn bytes, the same bytes give the same key.
#[test]
fn es256_keys_come_from_the_drawn_bytes() {
    let a = key(Algorithm::Es256, [7; 32], "k").unwrap();
    let b = key(Algorithm::Es256, [7; 32], "k").unwrap();
    let c = key(Algorithm::Es256, [8; 32], "k").unwrap();
    assert_eq!(a.verifying_key(), b.verifying_key());
    assert_ne!(a.verifying_key(), c.verifying_key());
    assert_eq!(a.algorithm(), Algorithm::Es256);
}

fn algorithm() -> impl Strategy<Value = Algorithm> {
    prop::sample::select(Algorithm::ALL.to_vec())
}

/// A verifier at [`NOW`] for region 330200 trusting `keys`, each of region 513400 and an
/// agency of its own (`A0`, `A1`, …), for every type.
fn verifier(keys: &[&SigningKey], required: usize) -> Verifier<ProtocolOnly> {
    let mut list = TrustList::new(1, t("2027-01-01T00:00:00Z"));
    for (i, k) in keys.iter().enumerate() {
        list.add_key(KeyRecord::new(
            k.kid(),
            "513400",
            format!("A{i}"),
            k.verifying_key(),
            t("2026-01-01T00:00:00Z"),
            None,
            vec!["*".into()],
        ))
        .unwrap();
    }
    Verifier::builder()
        .trust_list(list)
        .region("330200")
        .clock(FixedClock(t(NOW)))
        .required_signers(required)
        .build()
        .unwrap()
}

fn document(body: Value) -> Value {
    Document::builder(
        "receipt",
        Party::new("513400", "A0"),
        Party::new("330200", "NB-SI"),
    )
    .body(body)
    .build(&FixedClock(t(NOW)))
    .unwrap()
    .to_value()
}

/// Flips one bit of the first signature of a JWS.
fn flip_signature_bit(jws: &str, bit: usize) -> String {
    let mut v: Value = serde_json::from_str(jws).unwrap();
    let sig = v["signatures"][0]["signature"].as_str().unwrap();
    let mut bytes = b64::decode(sig, "signature", "").unwrap();
    let i = bit % (bytes.len() * 8);
    bytes[i / 8] ^= 1 << (i % 8);
    v["signatures"][0]["signature"] = Value::String(b64::encode(&bytes));
    v.to_string()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// One signer of each algorithm: what is signed verifies, with the same body; one bit of
    /// the signature changed never verifies.
    #[test]
    fn sign_then_verify(alg in algorithm(), bytes in any::<[u8; 32]>(), body in body(), bit in any::<usize>()) {
        let Some(k) = key(alg, bytes, "513400-a0") else { return Err(TestCaseError::reject("scalar out of range")) };
        let doc = document(body.clone());
        let jws = sign(&doc, &[&k]).unwrap();
        let v = verifier(&[&k], 1);
        let verified = v.verify(jws.as_bytes()).unwrap();
        prop_assert_eq!(verified.body(), &body);
        prop_assert_eq!(verified.to_value(), doc.clone());
        // The payload is the document's canonical JSON, and its SHA-256 is the digest.
        let canonical = labourlink_protocol::canonical::to_vec(&doc);
        prop_assert_eq!(verified.payload(), canonical.as_slice());
        prop_assert_eq!(labourlink_protocol::verify::digest(verified.payload()), verified.digest());
        // Signing with the digest reports the digest the verifier finds.
        let signed = labourlink_protocol::sign_checked_with_digest(&doc, &[&k], &|_| true).unwrap();
        prop_assert_eq!(signed.digest.as_str(), verified.digest());
        let bad = flip_signature_bit(&jws, bit);
        let err = verifier(&[&k], 1).verify(bad.as_bytes()).unwrap_err();
        prop_assert!(
            matches!(err.code(), ErrorCode::SignatureInvalid | ErrorCode::JwsBase64),
            "altered signature gave {:?}", err.code()
        );
    }

    /// Several signers of mixed algorithms (distinct parties): all required, all verify; the
    /// body altered after signing is refused.
    #[test]
    fn several_signers(algs in prop::collection::vec(algorithm(), 2..=3), seeds in any::<[[u8; 32]; 3]>(), body in body()) {
        let keys: Vec<SigningKey> = algs
            .iter()
            .zip(seeds)
            .enumerate()
            .filter_map(|(i, (alg, s))| key(*alg, s, &format!("513400-a{i}")))
            .collect();
        prop_assume!(keys.len() == algs.len());
        let refs: Vec<&SigningKey> = keys.iter().collect();
        let signers: Vec<&dyn labourlink_protocol::Signer> =
            keys.iter().map(|k| k as &dyn labourlink_protocol::Signer).collect();
        let doc = document(body.clone());
        let jws = sign(&doc, &signers).unwrap();
        let verified = verifier(&refs, refs.len()).verify(jws.as_bytes()).unwrap();
        prop_assert_eq!(verified.body(), &body);
        prop_assert_eq!(verified.signers().len(), refs.len());

        // Another document under the same signatures.
        let mut other = doc.clone();
        other["body"]["\u{0}altered"] = Value::Bool(true);
        let mut v: Value = serde_json::from_str(&jws).unwrap();
        v["payload"] = Value::String(b64::encode(&labourlink_protocol::canonical::to_vec(&other)));
        let err = verifier(&refs, refs.len()).verify(v.to_string().as_bytes()).unwrap_err();
        prop_assert_eq!(err.code(), ErrorCode::SignatureInvalid);
    }
}
