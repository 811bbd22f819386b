//! Tests of `labourlink::keys`: RFC 8032 / RFC 8037 / RFC 7638 vectors, the pinned
//! ed25519-speccheck policy, Wycheproof (Ed25519, ECDSA P-256 P1363), PKCS#8 / PEM / JWK.
#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions may unwrap

use labourlink::ErrorCode;
use labourlink::keys::{Algorithm, Signer, SigningKey, VerifyingKey};
use serde_json::json;

fn unhex(s: &str) -> Vec<u8> {
    hex::decode(s).unwrap()
}

fn seed(s: &str) -> [u8; 32] {
    unhex(s).try_into().unwrap()
}

fn code<T: std::fmt::Debug>(r: labourlink::Result<T>) -> ErrorCode {
    r.unwrap_err().code()
}

// ---------------------------------------------------------------------------------------------
// Algorithm

#[test]
fn algorithm_names() {
    assert_eq!(Algorithm::Ed25519.as_str(), "Ed25519");
    assert_eq!(Algorithm::Es256.as_str(), "ES256");
    assert_eq!(Algorithm::Es256.to_string(), "ES256");
    assert_eq!(
        Algorithm::from_jws_name("Ed25519").unwrap(),
        Algorithm::Ed25519
    );
    assert_eq!("ES256".parse::<Algorithm>().unwrap(), Algorithm::Es256);
    for bad in [
        "EdDSA", "es256", "ed25519", "none", "HS256", "RS256", "ES256K", "", " ES256",
    ] {
        let err = Algorithm::from_jws_name(bad).unwrap_err();
        assert_eq!(err.code(), ErrorCode::JwsAlgorithmNotAllowed, "{bad}");
        assert!(
            err.message().contains(&format!("{bad:?}")),
            "{}",
            err.message()
        );
    }
    let long = "x".repeat(10_000);
    assert!(Algorithm::from_jws_name(&long).unwrap_err().message().len() < 300);
}

// ---------------------------------------------------------------------------------------------
// RFC 8032 §7.1 and RFC 8037 / RFC 7638

const RFC8032: [(&str, &str, &str, &str); 3] = [
    (
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
        "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
        "",
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
    ),
    (
        "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
        "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
        "72",
        "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
    ),
    (
        "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
        "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
        "af82",
        "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a",
    ),
];

#[test]
fn rfc8032_test_vectors_1_to_3() {
    for (sk, pk, msg, sig) in RFC8032 {
        let key = SigningKey::from_seed(&seed(sk), "rfc8032").unwrap();
        assert_eq!(key.algorithm(), Algorithm::Ed25519);
        assert_eq!(key.verifying_key().as_bytes(), unhex(pk).as_slice());
        let signature = key.sign(&unhex(msg)).unwrap();
        assert_eq!(signature, unhex(sig));
        let public = VerifyingKey::from_bytes(Algorithm::Ed25519, &unhex(pk)).unwrap();
        public.verify(&unhex(msg), &signature).unwrap();
        assert_eq!(public, key.verifying_key());
    }
}

#[test]
fn rfc8037_jwk_and_rfc7638_thumbprint() {
    // RFC 8037 Appendix A.2 (public key) — the public key of RFC 8032 test 1.
    let jwk =
        json!({"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"});
    let public = VerifyingKey::from_jwk(&jwk).unwrap();
    assert_eq!(public.algorithm(), Algorithm::Ed25519);
    assert_eq!(public.as_bytes(), unhex(RFC8032[0].1).as_slice());
    assert_eq!(public.to_jwk(), jwk);
    // RFC 8037 Appendix A.3.
    assert_eq!(
        public.thumbprint(),
        "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"
    );
    // RFC 8037 Appendix A.4 signature over the A.4 JWS signing input verifies.
    let input = b"eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc";
    let sig = labourlink::b64::decode(
        "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg",
        "sig",
        "",
    )
    .unwrap();
    public.verify(input, &sig).unwrap();
    let key = SigningKey::from_seed(&seed(RFC8032[0].0), "a4").unwrap();
    assert_eq!(key.sign(input).unwrap(), sig);
    // RFC 8037 Appendix A.1: a private JWK is never imported here.
    let private = json!({"kty":"OKP","crv":"Ed25519",
        "d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A",
        "x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"});
    let err = VerifyingKey::from_jwk(&private).unwrap_err();
    assert_eq!(err.code(), ErrorCode::KeyInvalidFormat);
    assert_eq!(err.path(), Some("/d"));
}

// ---------------------------------------------------------------------------------------------
// ed25519-speccheck: the policy for each of the 12 cases is pinned here.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// Key loads and the signature verifies.
    Accepted,
    /// `VerifyingKey::from_bytes` refuses the key (`key.rejected`).
    RejectedAtKeyLoad,
    /// The key loads; `verify` refuses the signature (`signature.invalid`).
    RejectedAtSignature,
}
use Outcome::{Accepted, RejectedAtKeyLoad, RejectedAtSignature};

/// Expected labourlink outcome per case, and what *ring* alone does (no key check).
const SPECCHECK: [(Outcome, bool); 12] = [
    // 0: small-order A, small-order R, S = 0. Both equations hold for anyone's message: the
    //    classic "signature by nobody". ring alone accepts; small-order keys never load.
    (RejectedAtKeyLoad, true),
    // 1: small-order A, mixed-order R, 0 < S < L; both equations hold. ring alone accepts.
    (RejectedAtKeyLoad, true),
    // 2: mixed-order A (not torsion-free), small-order R; both equations hold. ring alone
    //    accepts; dalek verify_strict and libsodium reject. We reject the key.
    (RejectedAtKeyLoad, true),
    // 3: mixed-order A, mixed-order R; both equations hold. ring alone accepts.
    (RejectedAtKeyLoad, true),
    // 4: mixed-order A, mixed-order R; only the cofactored equation holds, so cofactored and
    //    cofactorless verifiers disagree. ring (cofactorless) rejects; the key never loads.
    (RejectedAtKeyLoad, false),
    // 5: mixed-order A, prime-order R; only the cofactored equation holds (a verifier that
    //    reduces 8h mod L would accept). ring rejects; the key never loads.
    (RejectedAtKeyLoad, false),
    // 6: prime-order A and R, S ≥ L (S mod L would satisfy both equations): a malleated
    //    signature. The key is fine; ring refuses S ≥ L.
    (RejectedAtSignature, false),
    // 7: as 6 with S far above L (high bits set). ring refuses S ≥ L.
    (RejectedAtSignature, false),
    // 8: mixed-order A, non-canonical (y ≥ p) small-order R; neither equation holds with k
    //    hashed over R as sent. ring rejects (it never decodes R); the key never loads.
    (RejectedAtKeyLoad, false),
    // 9: mixed-order A, non-canonical small-order R; both equations hold if R is decoded
    //    leniently. ring compares R's bytes with a canonical encoding, so it rejects; the key
    //    never loads anyway.
    (RejectedAtKeyLoad, false),
    // 10: non-canonical (y ≥ p) small-order A, mixed-order R; only the cofactored equation
    //     holds. ring rejects; the key is non-canonical and never loads.
    (RejectedAtKeyLoad, false),
    // 11: non-canonical small-order A, mixed-order R; both equations hold. ring alone ACCEPTS
    //     (it decodes A leniently); the canonical-encoding check at key load rejects it.
    (RejectedAtKeyLoad, true),
];

#[test]
fn ed25519_speccheck_pinned() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/vectors/ed25519-speccheck/cases.json"
    );
    let cases: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let cases = cases.as_array().unwrap();
    assert_eq!(cases.len(), SPECCHECK.len());
    for (i, (case, (expected, ring_alone))) in cases.iter().zip(SPECCHECK).enumerate() {
        let msg = unhex(case["message"].as_str().unwrap());
        let pk = unhex(case["pub_key"].as_str().unwrap());
        let sig = unhex(case["signature"].as_str().unwrap());
        let outcome = match VerifyingKey::from_bytes(Algorithm::Ed25519, &pk) {
            Err(e) => {
                assert_eq!(e.code(), ErrorCode::KeyRejected, "case {i}");
                RejectedAtKeyLoad
            }
            Ok(key) => match key.verify(&msg, &sig) {
                Ok(()) => Accepted,
                Err(e) => {
                    assert_eq!(e.code(), ErrorCode::SignatureInvalid, "case {i}");
                    RejectedAtSignature
                }
            },
        };
        assert_eq!(outcome, expected, "speccheck case {i}");
        // What ring does without our key check (documents why the check is needed; if a
        // ring upgrade changes this, update the table in the module docs).
        let ring_ok = ring::signature::UnparsedPublicKey::new(&ring::signature::ED25519, &pk)
            .verify(&msg, &sig)
            .is_ok();
        assert_eq!(ring_ok, ring_alone, "ring alone, speccheck case {i}");
    }
}

// ---------------------------------------------------------------------------------------------
// Wycheproof

#[derive(Default, Debug)]
struct Counts {
    valid_accepted: usize,
    valid_rejected: usize,
    invalid_accepted: usize,
    invalid_rejected: usize,
    acceptable_accepted: usize,
    acceptable_rejected: usize,
    rejected_at_load: usize,
    failures: Vec<usize>,
}

impl Counts {
    fn record(&mut self, tc_id: usize, result: wycheproof::TestResult, accepted: bool) {
        use wycheproof::TestResult::{Acceptable, Invalid, Valid};
        match (result, accepted) {
            (Valid, true) => self.valid_accepted += 1,
            (Valid, false) => {
                self.valid_rejected += 1;
                self.failures.push(tc_id);
            }
            (Invalid, true) => {
                self.invalid_accepted += 1;
                self.failures.push(tc_id);
            }
            (Invalid, false) => self.invalid_rejected += 1,
            (Acceptable, true) => self.acceptable_accepted += 1,
            (Acceptable, false) => self.acceptable_rejected += 1,
        }
    }
}

fn check(alg: Algorithm, key: &[u8], msg: &[u8], sig: &[u8], counts: &mut Counts) -> bool {
    match VerifyingKey::from_bytes(alg, key) {
        Err(e) => {
            assert_eq!(e.code(), ErrorCode::KeyRejected);
            counts.rejected_at_load += 1;
            false
        }
        Ok(k) => match k.verify(msg, sig) {
            Ok(()) => true,
            Err(e) => {
                assert_eq!(e.code(), ErrorCode::SignatureInvalid);
                assert_eq!(e.message(), "signature is invalid");
                false
            }
        },
    }
}

#[test]
fn wycheproof_ed25519() {
    let set = wycheproof::eddsa::TestSet::load(wycheproof::eddsa::TestName::Ed25519).unwrap();
    let mut counts = Counts::default();
    for group in &set.test_groups {
        for t in &group.tests {
            let accepted = check(
                Algorithm::Ed25519,
                &group.key.pk,
                &t.msg,
                &t.sig,
                &mut counts,
            );
            counts.record(t.tc_id, t.result, accepted);
        }
    }
    eprintln!("Wycheproof Ed25519: {counts:?}");
    assert!(counts.failures.is_empty(), "{counts:?}");
    assert!(counts.valid_accepted > 0 && counts.invalid_rejected > 0);
}

#[test]
fn wycheproof_ecdsa_p256_sha256_p1363() {
    let set =
        wycheproof::ecdsa::TestSet::load(wycheproof::ecdsa::TestName::EcdsaSecp256r1Sha256P1363)
            .unwrap();
    let mut counts = Counts::default();
    for group in &set.test_groups {
        for t in &group.tests {
            let accepted = check(
                Algorithm::Es256,
                &group.key.key,
                &t.msg,
                &t.sig,
                &mut counts,
            );
            counts.record(t.tc_id, t.result, accepted);
        }
    }
    eprintln!("Wycheproof ECDSA P-256 SHA-256 P1363: {counts:?}");
    assert!(counts.failures.is_empty(), "{counts:?}");
    assert!(counts.valid_accepted > 0 && counts.invalid_rejected > 0);
}

// ---------------------------------------------------------------------------------------------
// Public key load policy

#[test]
fn ed25519_key_policy() {
    let good = unhex(RFC8032[0].1);
    VerifyingKey::from_bytes(Algorithm::Ed25519, &good).unwrap();
    // Wrong lengths.
    for len in [0, 31, 33, 64] {
        let bytes = vec![1u8; len];
        assert_eq!(
            code(VerifyingKey::from_bytes(Algorithm::Ed25519, &bytes)),
            ErrorCode::KeyRejected
        );
    }
    // The identity (order 1) and other small-order points.
    let mut identity = [0u8; 32];
    identity[0] = 1;
    assert_eq!(
        code(VerifyingKey::from_bytes(Algorithm::Ed25519, &identity)),
        ErrorCode::KeyRejected
    );
    // y = p (non-canonical encoding of y = 0, a point of order 4).
    let y_is_p = unhex("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
    let err = VerifyingKey::from_bytes(Algorithm::Ed25519, &y_is_p).unwrap_err();
    assert_eq!(err.code(), ErrorCode::KeyRejected);
    // y = 2 is not on the curve (x² would not be a square) — or is: either way not accepted
    // unless it is a valid prime-order point; find a y that does not decode at all.
    let mut found_no_point = false;
    for y in 2u8..=255 {
        let mut bytes = [0u8; 32];
        bytes[0] = y;
        use curve25519_dalek::edwards::CompressedEdwardsY;
        if CompressedEdwardsY(bytes).decompress().is_none() {
            assert_eq!(
                code(VerifyingKey::from_bytes(Algorithm::Ed25519, &bytes)),
                ErrorCode::KeyRejected
            );
            found_no_point = true;
            break;
        }
    }
    assert!(found_no_point);
    // Every y < 19 has a second encoding y + p (< 2^255). Whatever the point's order, the
    // alias is refused, and where it decodes the canonical-encoding check is what refuses it.
    use curve25519_dalek::edwards::CompressedEdwardsY;
    let mut aliases_that_decode = 0;
    for y in 0u8..19 {
        for sign in [0u8, 0x80] {
            // y + p: p = 2^255 - 19, so the low byte becomes y + 0xed and the rest 0xff.
            let mut alias = [0xffu8; 32];
            alias[0] = y + 0xed;
            alias[31] = 0x7f | sign;
            let err = VerifyingKey::from_bytes(Algorithm::Ed25519, &alias).unwrap_err();
            assert_eq!(err.code(), ErrorCode::KeyRejected);
            if CompressedEdwardsY(alias).decompress().is_some() {
                aliases_that_decode += 1;
                assert!(err.message().contains("canonical"), "{}", err.message());
            }
        }
    }
    assert!(aliases_that_decode > 0);
    // Mixed order: a good key plus a point of order 2 (0, -1).
    let a = CompressedEdwardsY(good.clone().try_into().unwrap())
        .decompress()
        .unwrap();
    let mut minus_one = [0xffu8; 32];
    minus_one[0] = 0xec;
    minus_one[31] = 0x7f;
    let t2 = CompressedEdwardsY(minus_one).decompress().unwrap();
    assert!(t2.is_small_order());
    let mixed = (a + t2).compress().0;
    let err = VerifyingKey::from_bytes(Algorithm::Ed25519, &mixed).unwrap_err();
    assert_eq!(err.code(), ErrorCode::KeyRejected);
    assert!(err.message().contains("mixed-order"), "{}", err.message());
}

const OPENSSL_P256_PUBLIC: &str = "04be2970738a9158cd95058fc9900ea52ed2b3138e407a11a95db01e5b6be4384c1a348c7468c7681cb584e9030f8e00e947d2cea5102e2c68b538fa1da6ab3881";

#[test]
fn p256_key_policy() {
    let good = unhex(OPENSSL_P256_PUBLIC);
    let key = VerifyingKey::from_bytes(Algorithm::Es256, &good).unwrap();
    assert_eq!(key.as_bytes(), good.as_slice());
    // Wrong lengths, compressed form, the "infinity" encoding.
    for bad in [
        vec![],
        vec![0u8],
        good[..64].to_vec(),
        [good.clone(), vec![0]].concat(),
    ] {
        assert_eq!(
            code(VerifyingKey::from_bytes(Algorithm::Es256, &bad)),
            ErrorCode::KeyRejected
        );
    }
    let mut compressed = good[..33].to_vec();
    compressed[0] = 0x02;
    assert_eq!(
        code(VerifyingKey::from_bytes(Algorithm::Es256, &compressed)),
        ErrorCode::KeyRejected
    );
    let mut wrong_prefix = good.clone();
    wrong_prefix[0] = 0x06;
    assert_eq!(
        code(VerifyingKey::from_bytes(Algorithm::Es256, &wrong_prefix)),
        ErrorCode::KeyRejected
    );
    // (0, 0) and a point off the curve (y changed).
    let mut zero = vec![0u8; 65];
    zero[0] = 4;
    assert_eq!(
        code(VerifyingKey::from_bytes(Algorithm::Es256, &zero)),
        ErrorCode::KeyRejected
    );
    let mut off = good.clone();
    off[64] ^= 1;
    assert_eq!(
        code(VerifyingKey::from_bytes(Algorithm::Es256, &off)),
        ErrorCode::KeyRejected
    );
    // x ≥ p: p itself as x.
    let mut big = good.clone();
    big[1..33].copy_from_slice(&unhex(
        "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff",
    ));
    assert_eq!(
        code(VerifyingKey::from_bytes(Algorithm::Es256, &big)),
        ErrorCode::KeyRejected
    );
    // Algorithm confusion: a P-256 key is not an Ed25519 key and vice versa.
    assert_eq!(
        code(VerifyingKey::from_bytes(Algorithm::Ed25519, &good)),
        ErrorCode::KeyRejected
    );
    assert_eq!(
        code(VerifyingKey::from_bytes(
            Algorithm::Es256,
            &unhex(RFC8032[0].1)
        )),
        ErrorCode::KeyRejected
    );
}

// ---------------------------------------------------------------------------------------------
// Signing and verification

#[test]
fn sign_verify_both_algorithms() {
    for alg in [Algorithm::Ed25519, Algorithm::Es256] {
        let key = SigningKey::generate(alg, "k1").unwrap();
        assert_eq!(key.algorithm(), alg);
        assert_eq!(key.kid(), "k1");
        let public = key.verifying_key();
        assert_eq!(public.algorithm(), alg);
        assert_eq!(
            public.as_bytes().len(),
            if alg == Algorithm::Ed25519 { 32 } else { 65 }
        );
        let sig = key.sign(b"hello").unwrap();
        assert_eq!(sig.len(), 64);
        public.verify(b"hello", &sig).unwrap();
        let err = public.verify(b"hellO", &sig).unwrap_err();
        assert_eq!(err.code(), ErrorCode::SignatureInvalid);
        assert_eq!(err.message(), "signature is invalid");
        assert_eq!(err.path(), None);
        // Lengths other than 64, including DER-looking ones, are refused.
        for bad in [
            vec![],
            sig[..63].to_vec(),
            [sig.clone(), vec![0]].concat(),
            vec![0u8; 72],
        ] {
            assert_eq!(
                code(public.verify(b"hello", &bad)),
                ErrorCode::SignatureInvalid
            );
        }
        let mut flipped = sig.clone();
        flipped[10] ^= 0x40;
        assert_eq!(
            code(public.verify(b"hello", &flipped)),
            ErrorCode::SignatureInvalid
        );
        // Another key of the same algorithm does not verify it.
        let other = SigningKey::generate(alg, "k2").unwrap().verifying_key();
        assert_ne!(other, public);
        assert_eq!(
            code(other.verify(b"hello", &sig)),
            ErrorCode::SignatureInvalid
        );
        // Fresh keys differ.
        assert_ne!(
            SigningKey::generate(alg, "k3").unwrap().verifying_key(),
            public
        );
    }
    // Cross-algorithm: an Ed25519 signature never verifies under a P-256 key and vice versa.
    let ed = SigningKey::generate(Algorithm::Ed25519, "e").unwrap();
    let es = SigningKey::generate(Algorithm::Es256, "p").unwrap();
    assert!(
        es.verifying_key()
            .verify(b"m", &ed.sign(b"m").unwrap())
            .is_err()
    );
    assert!(
        ed.verifying_key()
            .verify(b"m", &es.sign(b"m").unwrap())
            .is_err()
    );
}

/// ES256 signatures are malleable: (r, n − s) verifies too. Pinned so nobody relies on
/// signature bytes being unique.
#[test]
fn es256_high_s_is_accepted_by_ring() {
    let n = unhex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");
    let key = SigningKey::generate(Algorithm::Es256, "p").unwrap();
    let sig = key.sign(b"m").unwrap();
    let (r, s) = sig.split_at(32);
    let mut neg = [0u8; 32];
    let mut borrow = 0i16;
    for i in (0..32).rev() {
        let d = i16::from(n[i]) - i16::from(s[i]) - borrow;
        borrow = i16::from(d < 0);
        neg[i] = (d + 256 * borrow) as u8;
    }
    let malleated = [r, &neg[..]].concat();
    assert_ne!(malleated, sig);
    key.verifying_key().verify(b"m", &malleated).unwrap();
    // r = 0 or s = 0 never verifies.
    let zero_s = [r, &[0u8; 32][..]].concat();
    assert!(key.verifying_key().verify(b"m", &zero_s).is_err());
}

#[test]
fn signer_trait_object() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<SigningKey>();
    assert_send_sync::<VerifyingKey>();
    let signers: Vec<Box<dyn Signer>> = vec![
        Box::new(SigningKey::generate(Algorithm::Ed25519, "a").unwrap()),
        Box::new(
            SigningKey::generate(Algorithm::Es256, "b")
                .unwrap()
                .with_kid("c"),
        ),
    ];
    assert_eq!(signers[0].kid(), "a");
    assert_eq!(signers[1].kid(), "c");
    assert_eq!(signers[1].algorithm(), Algorithm::Es256);
    for s in &signers {
        assert_eq!(s.sign(b"input").unwrap().len(), 64);
    }
}

#[test]
fn debug_does_not_leak_secrets() {
    let sk = seed(RFC8032[0].0);
    let key = SigningKey::from_seed(&sk, "330200-hrss-2026a").unwrap();
    let dbg = format!("{key:?}");
    assert_eq!(
        dbg,
        r#"SigningKey { kid: "330200-hrss-2026a", alg: Ed25519 }"#
    );
    let b64 = labourlink::b64::encode(&sk);
    let std = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, sk);
    for needle in [RFC8032[0].0.to_owned(), b64, std, format!("{:?}", &sk[..4])] {
        assert!(!dbg.contains(&needle), "{dbg}");
    }
    assert!(!format!("{key:#?}").contains(&RFC8032[0].0[..16]));
    let es = SigningKey::generate(Algorithm::Es256, "p").unwrap();
    assert_eq!(format!("{es:?}"), r#"SigningKey { kid: "p", alg: Es256 }"#);
    let vk = format!("{:?}", key.verifying_key());
    assert!(
        vk.contains("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"),
        "{vk}"
    );
}

// ---------------------------------------------------------------------------------------------
// PKCS#8 and PEM

/// `openssl genpkey -algorithm ed25519` (OpenSSL 3.0): PKCS#8 v1, seed only.
const OPENSSL_ED25519_PEM: &str = "-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIAYr88oz8hD6gRK5GhuLFOUn/WmIiUAui80msUa2Y8DK
-----END PRIVATE KEY-----
";
const OPENSSL_ED25519_PUBLIC: &str =
    "908eb3d5e26e3a5305d9fd5aa56ec14f62743e8f00b3558dff18c991afb3b257";

/// `openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256` (OpenSSL 3.0).
const OPENSSL_P256_PEM: &str = "-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQggMnqWmRHhIHawAlH
zatUbUdojXdXniS/CMHq478me3+hRANCAAS+KXBzipFYzZUFj8mQDqUu0rMTjkB6
EaldsB5ba+Q4TBo0jHRox2gctYTpAw+OAOlH0s6lEC4saLU4+h2mqziB
-----END PRIVATE KEY-----
";

/// `openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384`: not supported.
const OPENSSL_P384_PEM: &str = "-----BEGIN PRIVATE KEY-----
MIG2AgEAMBAGByqGSM49AgEGBSuBBAAiBIGeMIGbAgEBBDBJRpZCQbgPLLaywJkK
lIbJdz9KQv45F1ZKy8+8P/o3DEmWKL0o+HPaYVNUy9HFOlWhZANiAATNjggm1xw9
PDjVkVsX0m0O1NYNLxa1L9BvBQLbjJuY9T7FlYzdc5/KizD7mkh9V3vGohb0XyPu
EAPa56k5uX5elnCLs/HYQhdI40U7HgLIn+R+v7t9C4xCpEnPKZSNVxE=
-----END PRIVATE KEY-----
";

/// `openssl ecparam -name prime256v1 -genkey -noout`: SEC 1, not PKCS#8 (loads too).
const OPENSSL_SEC1_PEM: &str = "-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIHf0wupVMmT2wMO1YPIrlz3mTSvDud+xXoGU41I4XlVqoAoGCCqGSM49
AwEHoUQDQgAEektTYG/zawFcsiAiJFaKlmwnyIPHFAbwK7dd1UP5ioQLkXTwmk9t
xNaV+CMPmgF4SpOc+pGeWa7jKH55rowZKA==
-----END EC PRIVATE KEY-----
";

#[test]
fn pkcs8_pem_round_trips() {
    for alg in [Algorithm::Ed25519, Algorithm::Es256] {
        let key = SigningKey::generate(alg, "k").unwrap();
        let pem = key.to_pem();
        assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----\n"));
        assert!(pem.ends_with("\n-----END PRIVATE KEY-----\n"));
        assert!(pem.lines().all(|l| l.len() <= 64));
        let again = SigningKey::from_pem(&pem, "k2").unwrap();
        assert_eq!(again.kid(), "k2");
        assert_eq!(again.algorithm(), alg);
        assert_eq!(again.verifying_key(), key.verifying_key());
        assert_eq!(again.to_pkcs8(), key.to_pkcs8());
        let sig = again.sign(b"round trip").unwrap();
        key.verifying_key().verify(b"round trip", &sig).unwrap();
        let der = key.to_pkcs8();
        let from_der = SigningKey::from_pkcs8(&der, "k3").unwrap();
        assert_eq!(from_der.verifying_key(), key.verifying_key());
        // CRLF line endings and surrounding whitespace are fine.
        let crlf = format!("\r\n  {}\r\n", pem.replace('\n', "\r\n"));
        assert_eq!(
            SigningKey::from_pem(&crlf, "k").unwrap().verifying_key(),
            key.verifying_key()
        );
    }
}

#[test]
fn ed25519_pkcs8_v1_and_v2() {
    // Hand-built PKCS#8 v1 (RFC 8410 §7) around the RFC 8032 test 1 seed.
    let v1 = unhex(&format!("302e020100300506032b657004220420{}", RFC8032[0].0));
    let key = SigningKey::from_pkcs8(&v1, "v1").unwrap();
    assert_eq!(
        key.verifying_key().as_bytes(),
        unhex(RFC8032[0].1).as_slice()
    );
    // Export is exactly that v1 document; seed-built keys export the same.
    assert_eq!(key.to_pkcs8().as_slice(), v1.as_slice());
    let from_seed = SigningKey::from_seed(&seed(RFC8032[0].0), "s").unwrap();
    assert_eq!(from_seed.to_pkcs8().as_slice(), v1.as_slice());
    // PKCS#8 v2 (with the public key) as ring generates it.
    let rng = ring::rand::SystemRandom::new();
    let doc = ring::signature::Ed25519KeyPair::generate_pkcs8(&rng).unwrap();
    let pair = ring::signature::Ed25519KeyPair::from_pkcs8(doc.as_ref()).unwrap();
    let key = SigningKey::from_pkcs8(doc.as_ref(), "v2").unwrap();
    use ring::signature::KeyPair as _;
    assert_eq!(key.verifying_key().as_bytes(), pair.public_key().as_ref());
    // Our v1 export carries the same seed: re-import gives the same key and signatures.
    let back = SigningKey::from_pkcs8(&key.to_pkcs8(), "v2").unwrap();
    assert_eq!(back.sign(b"x").unwrap(), pair.sign(b"x").as_ref());
    // v2 with the wrong public key: rejected.
    let v2_hex = format!(
        "3053020101300506032b657004220420{}a123032100{}",
        RFC8032[0].0, RFC8032[1].1
    );
    assert_eq!(
        code(SigningKey::from_pkcs8(&unhex(&v2_hex), "x")),
        ErrorCode::KeyRejected
    );
    let v2_ok = format!(
        "3053020101300506032b657004220420{}a123032100{}",
        RFC8032[0].0, RFC8032[0].1
    );
    SigningKey::from_pkcs8(&unhex(&v2_ok), "x").unwrap();
    // v1 with attributes [0] (ignored by the format): the seed is still found.
    let with_attrs = unhex(&format!(
        "3030020100300506032b657004220420{}a000",
        RFC8032[0].0
    ));
    let key = SigningKey::from_pkcs8(&with_attrs, "attrs").unwrap();
    assert_eq!(
        key.verifying_key().as_bytes(),
        unhex(RFC8032[0].1).as_slice()
    );
}

#[test]
fn openssl_keys() {
    let ed = SigningKey::from_pem(OPENSSL_ED25519_PEM, "ossl-ed").unwrap();
    assert_eq!(ed.algorithm(), Algorithm::Ed25519);
    assert_eq!(
        ed.verifying_key().as_bytes(),
        unhex(OPENSSL_ED25519_PUBLIC).as_slice()
    );
    assert_eq!(ed.to_pem().as_str(), OPENSSL_ED25519_PEM);
    let p = SigningKey::from_pem(OPENSSL_P256_PEM, "ossl-p256").unwrap();
    assert_eq!(p.algorithm(), Algorithm::Es256);
    assert_eq!(
        p.verifying_key().as_bytes(),
        unhex(OPENSSL_P256_PUBLIC).as_slice()
    );
    assert_eq!(p.to_pem().as_str(), OPENSSL_P256_PEM);
    let sig = p.sign(b"m").unwrap();
    p.verifying_key().verify(b"m", &sig).unwrap();
    // The same document with the embedded public key altered, or with a zero private scalar:
    // well-formed PKCS#8, refused key material.
    let der = p.to_pkcs8();
    let mut wrong_public = der.to_vec();
    *wrong_public.last_mut().unwrap() ^= 1;
    assert_eq!(
        code(SigningKey::from_pkcs8(&wrong_public, "x")),
        ErrorCode::KeyRejected
    );
    let scalar = "80c9ea5a64478481dac00947cdab546d47688d77579e24bf08c1eae3bf267b7f";
    let der_hex = hex::encode(&der);
    assert!(der_hex.contains(scalar));
    let zero = unhex(&der_hex.replace(scalar, &"00".repeat(32)));
    assert_eq!(
        code(SigningKey::from_pkcs8(&zero, "x")),
        ErrorCode::KeyRejected
    );
}

#[test]
fn pkcs8_garbage_is_invalid_format() {
    let ed_der = SigningKey::generate(Algorithm::Ed25519, "k")
        .unwrap()
        .to_pkcs8();
    let cases: Vec<(&str, String)> = vec![
        ("empty", String::new()),
        ("text", "hello".into()),
        ("p384", OPENSSL_P384_PEM.into()),
        (
            "public",
            "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----\n".into(),
        ),
        (
            "encrypted",
            "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n"
                .into(),
        ),
        (
            "bad base64",
            "-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n".into(),
        ),
        ("url-safe", OPENSSL_ED25519_PEM.replace('/', "_")),
        (
            "no end",
            OPENSSL_ED25519_PEM.replace("-----END PRIVATE KEY-----", ""),
        ),
        (
            "mismatched end",
            OPENSSL_ED25519_PEM.replace("END PRIVATE", "END PUBLIC"),
        ),
        (
            "empty body",
            "-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----".into(),
        ),
    ];
    for (what, pem) in cases {
        let err = SigningKey::from_pem(&pem, "k").unwrap_err();
        assert_eq!(err.code(), ErrorCode::KeyInvalidFormat, "{what}: {err}");
    }
    // A SEC1 "EC PRIVATE KEY" loads (issue 17: keys in the forms partners have); another label
    // is named in the refusal.
    assert_eq!(
        SigningKey::from_pem(OPENSSL_SEC1_PEM, "k")
            .unwrap()
            .algorithm(),
        Algorithm::Es256
    );
    let label = SigningKey::from_pem(
        OPENSSL_SEC1_PEM.replace("EC PRIVATE KEY", "DSA PRIVATE KEY"),
        "k",
    )
    .unwrap_err();
    assert!(
        label.message().contains("DSA PRIVATE KEY"),
        "{}",
        label.message()
    );
    for der in [
        &b""[..],
        b"garbage",
        &[0x30, 0x00],
        &ed_der[..47],
        &[ed_der.as_slice(), &[0]].concat(),
    ] {
        assert_eq!(
            code(SigningKey::from_pkcs8(der, "k")),
            ErrorCode::KeyInvalidFormat
        );
    }
}

/// Nothing panics on truncated or corrupted key material.
#[test]
fn no_panic_on_mangled_input() {
    for alg in [Algorithm::Ed25519, Algorithm::Es256] {
        let key = SigningKey::generate(alg, "k").unwrap();
        let der = key.to_pkcs8();
        for len in 0..der.len() {
            assert!(SigningKey::from_pkcs8(&der[..len], "k").is_err());
        }
        for i in 0..der.len() {
            for bit in 0..8 {
                let mut m = der.to_vec();
                m[i] ^= 1 << bit;
                if let Ok(k) = SigningKey::from_pkcs8(&m, "k") {
                    let sig = k.sign(b"m").unwrap();
                    k.verifying_key().verify(b"m", &sig).unwrap();
                }
            }
        }
        let pem = key.to_pem();
        for len in 0..pem.len() {
            let _ = SigningKey::from_pem(&pem[..len], "k");
        }
        let public = key.verifying_key();
        for i in 0..public.as_bytes().len() {
            let mut m = public.as_bytes().to_vec();
            m[i] ^= 0x80;
            let _ = VerifyingKey::from_bytes(alg, &m);
        }
    }
    let multibyte = "-----BEGIN PRIVATE KEY-----\né\u{1F600}\n-----END PRIVATE KEY-----";
    assert!(SigningKey::from_pem(multibyte, "k").is_err());
    assert!(SigningKey::from_pem("-----BEGIN é\u{1F600}", "k").is_err());
}

// ---------------------------------------------------------------------------------------------
// JWK

#[test]
fn jwk_round_trips() {
    for alg in [Algorithm::Ed25519, Algorithm::Es256] {
        let public = SigningKey::generate(alg, "k").unwrap().verifying_key();
        let jwk = public.to_jwk();
        assert!(jwk.get("kid").is_none());
        assert_eq!(VerifyingKey::from_jwk(&jwk).unwrap(), public);
        // Tolerated optional members.
        let mut extended = jwk.clone();
        extended["kid"] = json!("330200-hrss-2026a");
        extended["alg"] = json!(alg.as_str());
        extended["use"] = json!("sig");
        extended["key_ops"] = json!(["verify"]);
        extended["x-unknown"] = json!({"ignored": true});
        assert_eq!(VerifyingKey::from_jwk(&extended).unwrap(), public);
        assert_eq!(
            public.thumbprint(),
            VerifyingKey::from_jwk(&extended).unwrap().thumbprint()
        );
        assert_eq!(public.thumbprint().len(), 43);
    }
    let ec = VerifyingKey::from_bytes(Algorithm::Es256, &unhex(OPENSSL_P256_PUBLIC)).unwrap();
    let jwk = ec.to_jwk();
    assert_eq!(jwk["kty"], "EC");
    assert_eq!(jwk["crv"], "P-256");
    assert_eq!(
        labourlink::b64::decode(jwk["x"].as_str().unwrap(), "x", "").unwrap(),
        unhex(&OPENSSL_P256_PUBLIC[2..66])
    );
    assert_eq!(
        labourlink::b64::decode(jwk["y"].as_str().unwrap(), "y", "").unwrap(),
        unhex(&OPENSSL_P256_PUBLIC[66..])
    );
    // RFC 7638 §3: members in lexicographic order, no whitespace, SHA-256.
    let canonical = format!(
        r#"{{"crv":"P-256","kty":"EC","x":"{}","y":"{}"}}"#,
        jwk["x"].as_str().unwrap(),
        jwk["y"].as_str().unwrap()
    );
    let digest = ring::digest::digest(&ring::digest::SHA256, canonical.as_bytes());
    assert_eq!(ec.thumbprint(), labourlink::b64::encode(digest.as_ref()));
    // EdDSA in a JWK describes the same Ed25519 key.
    let ed = json!({"kty":"OKP","crv":"Ed25519","alg":"EdDSA","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"});
    VerifyingKey::from_jwk(&ed).unwrap();
}

#[test]
fn jwk_errors() {
    let x = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
    let ec = VerifyingKey::from_bytes(Algorithm::Es256, &unhex(OPENSSL_P256_PUBLIC))
        .unwrap()
        .to_jwk();
    let (ex, ey) = (
        ec["x"].as_str().unwrap().to_owned(),
        ec["y"].as_str().unwrap().to_owned(),
    );
    let short = labourlink::b64::encode(&[1u8; 31]);
    let long = labourlink::b64::encode(&[1u8; 33]);
    let format_errors = [
        (json!("not an object"), ""),
        (json!([]), ""),
        (json!({"kty":"OKP","crv":"Ed25519","x":x,"d":x}), "/d"),
        (json!({"kty":"EC","crv":"P-256","x":ex,"y":ey,"d":ex}), "/d"),
        (json!({"crv":"Ed25519","x":x}), "/kty"),
        (json!({"kty":"RSA","n":"AQAB","e":"AQAB"}), "/kty"),
        (json!({"kty":"oct","k":"AAAA"}), "/kty"),
        (json!({"kty":1,"crv":"Ed25519","x":x}), "/kty"),
        (json!({"kty":"OKP","x":x}), "/crv"),
        (json!({"kty":"OKP","crv":"X25519","x":x}), "/crv"),
        (json!({"kty":"OKP","crv":"Ed448","x":x}), "/crv"),
        (json!({"kty":"OKP","crv":"P-256","x":x}), "/crv"),
        (json!({"kty":"EC","crv":"Ed25519","x":x}), "/crv"),
        (json!({"kty":"EC","crv":"P-384","x":ex,"y":ey}), "/crv"),
        (json!({"kty":"OKP","crv":"Ed25519"}), "/x"),
        (json!({"kty":"OKP","crv":"Ed25519","x":null}), "/x"),
        (
            json!({"kty":"OKP","crv":"Ed25519","x":format!("{x}=")}),
            "/x",
        ),
        (
            json!({"kty":"OKP","crv":"Ed25519","x":x.replace('_', "/")}),
            "/x",
        ),
        (json!({"kty":"OKP","crv":"Ed25519","x":short}), "/x"),
        (json!({"kty":"OKP","crv":"Ed25519","x":long}), "/x"),
        (json!({"kty":"EC","crv":"P-256","x":ex}), "/y"),
        (json!({"kty":"EC","crv":"P-256","x":short,"y":ey}), "/x"),
        (json!({"kty":"EC","crv":"P-256","x":ex,"y":long}), "/y"),
        (
            json!({"kty":"OKP","crv":"Ed25519","x":x,"alg":"ES256"}),
            "/alg",
        ),
        (
            json!({"kty":"OKP","crv":"Ed25519","x":x,"alg":"none"}),
            "/alg",
        ),
        (json!({"kty":"OKP","crv":"Ed25519","x":x,"alg":7}), "/alg"),
        (
            json!({"kty":"EC","crv":"P-256","x":ex,"y":ey,"alg":"EdDSA"}),
            "/alg",
        ),
        (
            json!({"kty":"EC","crv":"P-256","x":ex,"y":ey,"alg":"ES384"}),
            "/alg",
        ),
        (
            json!({"kty":"OKP","crv":"Ed25519","x":x,"use":"enc"}),
            "/use",
        ),
        (
            json!({"kty":"OKP","crv":"Ed25519","x":x,"key_ops":["encrypt"]}),
            "/key_ops",
        ),
        (
            json!({"kty":"OKP","crv":"Ed25519","x":x,"key_ops":"verify"}),
            "/key_ops",
        ),
        (
            json!({"kty":"OKP","crv":"Ed25519","x":x,"key_ops":["verify",1]}),
            "/key_ops",
        ),
    ];
    for (jwk, path) in format_errors {
        let err = VerifyingKey::from_jwk(&jwk).unwrap_err();
        assert_eq!(err.code(), ErrorCode::KeyInvalidFormat, "{jwk}: {err}");
        assert_eq!(err.path(), Some(path), "{jwk}: {err}");
    }
    // Well-formed JWKs whose key material fails the load policy: key.rejected.
    let mut off_curve_y = labourlink::b64::decode(&ey, "y", "").unwrap();
    off_curve_y[31] ^= 1;
    let off_curve =
        json!({"kty":"EC","crv":"P-256","x":ex,"y":labourlink::b64::encode(&off_curve_y)});
    assert_eq!(
        code(VerifyingKey::from_jwk(&off_curve)),
        ErrorCode::KeyRejected
    );
    let small_order = json!({"kty":"OKP","crv":"Ed25519","x":labourlink::b64::encode(&unhex(
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa"))});
    assert_eq!(
        code(VerifyingKey::from_jwk(&small_order)),
        ErrorCode::KeyRejected
    );
}
