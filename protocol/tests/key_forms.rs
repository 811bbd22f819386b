//! Key forms partners hold, made at test time by the OpenSSL command line: PEM as text and
//! bytes, SPKI PEM/DER, X.509 certificates, SEC1 `EC PRIVATE KEY` (PEM/DER), encrypted PKCS#8
//! (PBKDF2 and scrypt), private JWKs — and the stable error codes of the ways they go wrong.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::path::PathBuf;
use std::process::Command;

use labourlink_protocol::keys::{Algorithm, SigningKey, VerifyingKey};

struct Dir(PathBuf);

impl Dir {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!(
            "labourlink-key-forms-{name}-{}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Self(dir)
    }

    fn path(&self, file: &str) -> PathBuf {
        self.0.join(file)
    }

    fn read(&self, file: &str) -> Vec<u8> {
        std::fs::read(self.path(file)).unwrap()
    }

    fn text(&self, file: &str) -> String {
        String::from_utf8(self.read(file)).unwrap()
    }

    /// Runs `openssl` in this directory; panics with its stderr on failure.
    fn openssl(&self, args: &[&str]) {
        let out = Command::new("openssl")
            .args(args)
            .current_dir(&self.0)
            .output()
            .expect("the openssl command line is needed for these tests");
        assert!(
            out.status.success(),
            "openssl {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn code<T: std::fmt::Debug>(r: labourlink_protocol::Result<T>) -> &'static str {
    r.unwrap_err().code().as_str()
}

/// Every form of one OpenSSL-made private key `key.pem` loads to the same key.
fn check_all_forms(dir: &Dir, alg: Algorithm) {
    let pem = dir.text("key.pem");
    let key = SigningKey::from_pem(&pem, "k").unwrap();
    assert_eq!(key.algorithm(), alg);
    let public = key.verifying_key();
    // PEM as bytes
    assert_eq!(
        SigningKey::from_pem(dir.read("key.pem"), "k")
            .unwrap()
            .verifying_key(),
        public
    );
    // CRLF line ends and explanatory text around the block
    let crlf = format!("Bag Attributes\r\n{}", pem.replace('\n', "\r\n"));
    assert_eq!(
        SigningKey::from_pem(crlf, "k").unwrap().verifying_key(),
        public
    );

    // SPKI PEM and DER
    dir.openssl(&["pkey", "-in", "key.pem", "-pubout", "-out", "pub.pem"]);
    dir.openssl(&[
        "pkey", "-in", "key.pem", "-pubout", "-outform", "DER", "-out", "pub.der",
    ]);
    assert_eq!(
        VerifyingKey::from_spki_pem(dir.text("pub.pem")).unwrap(),
        public
    );
    assert_eq!(
        VerifyingKey::from_spki_pem(dir.read("pub.pem")).unwrap(),
        public
    );
    assert_eq!(
        VerifyingKey::from_spki(&dir.read("pub.der")).unwrap(),
        public
    );
    // ... and ours is byte-identical to OpenSSL's
    assert_eq!(public.to_spki(), dir.read("pub.der"));
    assert_eq!(public.to_spki_pem(), dir.text("pub.pem"));

    // Self-signed X.509 certificate, PEM and DER
    dir.openssl(&[
        "req",
        "-x509",
        "-key",
        "key.pem",
        "-subj",
        "/CN=330200-hr",
        "-days",
        "1",
        "-out",
        "cert.pem",
    ]);
    dir.openssl(&[
        "x509", "-in", "cert.pem", "-outform", "DER", "-out", "cert.der",
    ]);
    assert_eq!(
        VerifyingKey::from_certificate(dir.text("cert.pem")).unwrap(),
        public
    );
    assert_eq!(
        VerifyingKey::from_certificate(dir.read("cert.der")).unwrap(),
        public
    );

    // Encrypted PKCS#8: PBES2 with PBKDF2-HMAC-SHA256 and with scrypt, AES-256-CBC
    for (file, extra) in [("enc.pem", None), ("enc-scrypt.pem", Some("-scrypt"))] {
        let mut args = vec![
            "pkcs8",
            "-topk8",
            "-v2",
            "aes-256-cbc",
            "-in",
            "key.pem",
            "-passout",
            "pass:s3cret",
            "-out",
            file,
        ];
        args.extend(extra);
        dir.openssl(&args);
        let enc = dir.read(file);
        let again = SigningKey::from_encrypted_pem(&enc, "s3cret", "k").unwrap();
        assert_eq!(again.verifying_key(), public);
        assert_eq!(again.kid(), "k");
        let err = SigningKey::from_encrypted_pem(&enc, "hunter2", "k").unwrap_err();
        assert_eq!(err.code().as_str(), "key.decryption_failed");
        assert!(!err.message().contains("hunter2"), "{}", err.message());
        // Given to from_pem, it says what to call instead.
        let err = SigningKey::from_pem(&enc, "k").unwrap_err();
        assert_eq!(err.code().as_str(), "key.invalid_format");
        assert!(
            err.message().contains("from_encrypted_pem"),
            "{}",
            err.message()
        );
    }
    // DER form of the encrypted key
    dir.openssl(&[
        "pkcs8",
        "-topk8",
        "-v2",
        "aes-128-cbc",
        "-in",
        "key.pem",
        "-passout",
        "pass:pw",
        "-outform",
        "DER",
        "-out",
        "enc.der",
    ]);
    assert_eq!(
        SigningKey::from_encrypted_pkcs8(&dir.read("enc.der"), "pw", "k")
            .unwrap()
            .verifying_key(),
        public
    );

    // The private key signs, the loaded public key verifies.
    let sig = key.sign(b"input").unwrap();
    VerifyingKey::from_certificate(dir.read("cert.der"))
        .unwrap()
        .verify(b"input", &sig)
        .unwrap();
}

/// SEC1 `EC PRIVATE KEY` forms of `key.pem` (an EC key).
fn check_sec1(dir: &Dir, alg: Algorithm) {
    let public = SigningKey::from_pem(dir.read("key.pem"), "k")
        .unwrap()
        .verifying_key();
    dir.openssl(&["ec", "-in", "key.pem", "-out", "sec1.pem"]);
    dir.openssl(&[
        "ec", "-in", "key.pem", "-outform", "DER", "-out", "sec1.der",
    ]);
    // OpenSSL 3 labels an SM2 one "SM2 PRIVATE KEY".
    let label = if alg == Algorithm::Sm2 { "SM2" } else { "EC" };
    assert!(
        dir.text("sec1.pem")
            .contains(&format!("-----BEGIN {label} PRIVATE KEY-----"))
    );
    let key = SigningKey::from_pem(dir.text("sec1.pem"), "k").unwrap();
    assert_eq!(
        (key.algorithm(), key.verifying_key()),
        (alg, public.clone())
    );
    let key = SigningKey::from_sec1(&dir.read("sec1.der"), "k").unwrap();
    assert_eq!(key.verifying_key(), public);
}

#[test]
fn ed25519_forms_made_by_openssl() {
    let dir = Dir::new("ed25519");
    dir.openssl(&["genpkey", "-algorithm", "ed25519", "-out", "key.pem"]);
    check_all_forms(&dir, Algorithm::Ed25519);
}

#[test]
fn p256_forms_made_by_openssl() {
    let dir = Dir::new("p256");
    // `ecparam -genkey` writes EC PARAMETERS then a SEC1 EC PRIVATE KEY.
    dir.openssl(&[
        "ecparam",
        "-name",
        "prime256v1",
        "-genkey",
        "-out",
        "sec1-first.pem",
    ]);
    let first = dir.text("sec1-first.pem");
    assert!(first.starts_with("-----BEGIN EC PARAMETERS-----"));
    let key = SigningKey::from_pem(&first, "k").unwrap();
    assert_eq!(key.algorithm(), Algorithm::Es256);
    dir.openssl(&[
        "pkcs8",
        "-topk8",
        "-nocrypt",
        "-in",
        "sec1-first.pem",
        "-out",
        "key.pem",
    ]);
    check_all_forms(&dir, Algorithm::Es256);
    check_sec1(&dir, Algorithm::Es256);
}

#[test]
fn a_legacy_pbes1_key_says_which_scheme_and_how_to_convert_it() {
    // OpenSSL 1.0's default and what many Java tools still export.
    let dir = Dir::new("pbes1");
    dir.openssl(&[
        "ecparam",
        "-name",
        "prime256v1",
        "-genkey",
        "-noout",
        "-out",
        "sec1.pem",
    ]);
    dir.openssl(&[
        "pkcs8",
        "-topk8",
        "-v1",
        "PBE-SHA1-3DES",
        "-passout",
        "pass:pw",
        "-in",
        "sec1.pem",
        "-out",
        "old.pem",
    ]);
    let e = SigningKey::from_encrypted_pem(dir.text("old.pem"), "pw", "k").unwrap_err();
    assert_eq!(e.code().as_str(), "key.invalid_format");
    assert!(
        e.message()
            .contains("legacy PBES1 / PKCS#12 scheme (1.2.840.113549.1.12.1.3)")
            && e.message().contains("openssl pkcs8 -topk8 -v2 aes-256-cbc"),
        "{e}"
    );
}

#[test]
fn sm2_forms_made_by_openssl() {
    let dir = Dir::new("sm2");
    dir.openssl(&["genpkey", "-algorithm", "SM2", "-out", "key.pem"]);
    check_all_forms(&dir, Algorithm::Sm2);
    check_sec1(&dir, Algorithm::Sm2);
    // `ecparam -name SM2 -genkey` writes SM2 PARAMETERS before the key.
    dir.openssl(&[
        "ecparam",
        "-name",
        "SM2",
        "-genkey",
        "-out",
        "with-params.pem",
    ]);
    let key = SigningKey::from_pem(dir.read("with-params.pem"), "k").unwrap();
    assert_eq!(key.algorithm(), Algorithm::Sm2);
}

#[test]
fn unsupported_and_mislabelled_keys_have_stable_codes() {
    let dir = Dir::new("bad");
    // An RSA certificate and key: a clear refusal, no panic.
    dir.openssl(&[
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "rsa.pem",
        "-subj",
        "/CN=x",
        "-days",
        "1",
        "-out",
        "rsa-cert.pem",
    ]);
    let err = VerifyingKey::from_certificate(dir.read("rsa-cert.pem")).unwrap_err();
    assert_eq!(err.code().as_str(), "key.invalid_format");
    assert!(err.message().contains("RSA"), "{}", err.message());
    assert_eq!(
        code(SigningKey::from_pem(dir.read("rsa.pem"), "k")),
        "key.invalid_format"
    );
    // P-384: a curve labourlink does not sign with.
    dir.openssl(&[
        "ecparam",
        "-name",
        "secp384r1",
        "-genkey",
        "-out",
        "p384.pem",
    ]);
    let err = SigningKey::from_pem(dir.read("p384.pem"), "k").unwrap_err();
    assert_eq!(err.code().as_str(), "key.invalid_format");
    assert!(err.message().contains("P-384"), "{}", err.message());
    dir.openssl(&["pkey", "-in", "p384.pem", "-pubout", "-out", "p384-pub.pem"]);
    assert_eq!(
        code(VerifyingKey::from_spki_pem(dir.read("p384-pub.pem"))),
        "key.invalid_format"
    );

    // A P-256 SEC1 key whose parameters say SM2: the embedded public key is not the SM2 public
    // key of the scalar.
    dir.openssl(&[
        "ecparam",
        "-name",
        "prime256v1",
        "-genkey",
        "-noout",
        "-outform",
        "DER",
        "-out",
        "p256.der",
    ]);
    let mut der = dir.read("p256.der");
    let p256_oid = [0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
    let sm2_oid = [0x06, 0x08, 0x2a, 0x81, 0x1c, 0xcf, 0x55, 0x01, 0x82, 0x2d];
    let at = der.windows(10).position(|w| w == p256_oid).unwrap();
    der.splice(at..at + 10, sm2_oid);
    assert_eq!(code(SigningKey::from_sec1(&der, "k")), "key.rejected");
    // ... and its public key given as an SM2 JWK: not a point of the SM2 curve.
    let p256 = SigningKey::from_sec1(&dir.read("p256.der"), "k").unwrap();
    let mut jwk = p256.verifying_key().to_jwk();
    jwk["crv"] = "SM2".into();
    assert_eq!(code(VerifyingKey::from_jwk(&jwk)), "key.rejected");

    // Wrong labels, garbage, truncated PEM.
    let public = p256.verifying_key().to_spki_pem();
    let err = SigningKey::from_pem(&public, "k").unwrap_err();
    assert_eq!(err.code().as_str(), "key.invalid_format");
    assert!(err.message().contains("from_spki_pem"), "{}", err.message());
    assert_eq!(
        code(VerifyingKey::from_spki_pem(p256.to_pem().as_bytes())),
        "key.invalid_format"
    );
    assert_eq!(
        code(VerifyingKey::from_spki(b"\x30\x03\x02\x01\x00")),
        "key.invalid_format"
    );
    assert_eq!(
        code(VerifyingKey::from_certificate(public.as_bytes())),
        "key.invalid_format"
    );
    assert_eq!(
        code(VerifyingKey::from_certificate([0xff; 40])),
        "key.invalid_format"
    );
    assert_eq!(
        code(SigningKey::from_sec1(&[0x30, 0x00], "k")),
        "key.invalid_format"
    );
    assert_eq!(
        code(SigningKey::from_pem(&public[..60], "k")),
        "key.invalid_format"
    );
    assert_eq!(
        code(SigningKey::from_encrypted_pem(
            p256.to_pem().as_bytes(),
            "pw",
            "k"
        )),
        "key.invalid_format"
    );
    assert_eq!(
        code(SigningKey::from_pem([0xff, 0xfe, 0x00], "k")),
        "key.invalid_format"
    );
    // Legacy OpenSSL encryption (Proc-Type header): explained, refused.
    dir.openssl(&[
        "ec",
        "-in",
        "p256.der",
        "-inform",
        "DER",
        "-aes256",
        "-passout",
        "pass:pw",
        "-out",
        "legacy.pem",
    ]);
    let err = SigningKey::from_pem(dir.read("legacy.pem"), "k").unwrap_err();
    assert_eq!(err.code().as_str(), "key.invalid_format");
    assert!(err.message().contains("Proc-Type"), "{}", err.message());
    // PBES1 (DES, SHA-1): refused as unsupported, not as a wrong password.
    dir.openssl(&[
        "pkcs8",
        "-topk8",
        "-v1",
        "PBE-SHA1-3DES",
        "-in",
        "p256.der",
        "-inform",
        "DER",
        "-passout",
        "pass:pw",
        "-out",
        "pbes1.pem",
    ]);
    assert_eq!(
        code(SigningKey::from_encrypted_pem(
            dir.read("pbes1.pem"),
            "pw",
            "k"
        )),
        "key.invalid_format"
    );
}

/// The 32-byte private scalar of a key, read from its PKCS#8 / SEC1 form.
fn private_scalar(key: &SigningKey) -> Vec<u8> {
    match key.algorithm() {
        Algorithm::Ed25519 => key.to_pkcs8()[16..48].to_vec(),
        Algorithm::Sm2 => key.sm2_private_key().unwrap().to_vec(),
        _ => {
            // ECPrivateKey: 30 len 02 01 01 04 20 <d>
            let der = key.to_pkcs8();
            let at = der
                .windows(5)
                .position(|w| w == [0x02, 0x01, 0x01, 0x04, 0x20])
                .unwrap();
            der[at + 5..at + 37].to_vec()
        }
    }
}

fn private_jwk(key: &SigningKey) -> serde_json::Value {
    let mut jwk = key.verifying_key().to_jwk();
    jwk["d"] = labourlink_protocol::b64::encode(&private_scalar(key)).into();
    jwk
}

#[test]
fn private_jwks() {
    for alg in Algorithm::ALL {
        let key = SigningKey::generate(alg, "k").unwrap();
        let mut jwk = private_jwk(&key);
        let loaded = SigningKey::from_jwk(&jwk, Some("given")).unwrap();
        assert_eq!(
            (loaded.kid(), loaded.verifying_key()),
            ("given", key.verifying_key())
        );
        // kid from the JWK, or none at all
        assert_eq!(code(SigningKey::from_jwk(&jwk, None)), "key.invalid_format");
        jwk["kid"] = "from-jwk".into();
        jwk["key_ops"] = serde_json::json!(["sign"]);
        jwk["use"] = "sig".into();
        jwk["alg"] = alg.as_str().into();
        assert_eq!(SigningKey::from_jwk(&jwk, None).unwrap().kid(), "from-jwk");
        // A public JWK refuses d; a private one needs it.
        assert_eq!(code(VerifyingKey::from_jwk(&jwk)), "key.invalid_format");
        assert_eq!(
            code(SigningKey::from_jwk(
                &key.verifying_key().to_jwk(),
                Some("k")
            )),
            "key.invalid_format"
        );
        // key_ops without sign; d of another key; d of the wrong length
        let mut bad = jwk.clone();
        bad["key_ops"] = serde_json::json!(["verify"]);
        assert_eq!(code(SigningKey::from_jwk(&bad, None)), "key.invalid_format");
        let other = SigningKey::generate(alg, "k").unwrap();
        let mut bad = jwk.clone();
        bad["d"] = private_jwk(&other)["d"].clone();
        assert_eq!(code(SigningKey::from_jwk(&bad, None)), "key.rejected");
        let mut bad = jwk.clone();
        bad["d"] = "AAAA".into();
        assert_eq!(code(SigningKey::from_jwk(&bad, None)), "key.invalid_format");
    }
    // A P-256 key labelled SM2 (crv "SM2" with the P-256 d, x, y).
    let p256 = SigningKey::generate(Algorithm::Es256, "k").unwrap();
    let mut jwk = private_jwk(&p256);
    jwk["crv"] = "SM2".into();
    assert_eq!(code(SigningKey::from_jwk(&jwk, Some("k"))), "key.rejected");
    // ... and an SM2 key labelled P-256.
    let sm2 = SigningKey::generate(Algorithm::Sm2, "k").unwrap();
    let mut jwk = private_jwk(&sm2);
    jwk["crv"] = "P-256".into();
    assert_eq!(code(SigningKey::from_jwk(&jwk, Some("k"))), "key.rejected");
}

#[test]
fn spki_round_trips_for_every_algorithm() {
    for alg in Algorithm::ALL {
        let public = SigningKey::generate(alg, "k").unwrap().verifying_key();
        assert_eq!(VerifyingKey::from_spki(&public.to_spki()).unwrap(), public);
        assert_eq!(
            VerifyingKey::from_spki_pem(public.to_spki_pem()).unwrap(),
            public
        );
    }
}

/// An OpenSSL-written encrypted key (`-scrypt` or PBKDF2) with its KDF parameters rewritten
/// by `edit`, as DER.
fn encrypted_with(
    dir: &Dir,
    scrypt: bool,
    edit: impl Fn(&mut pkcs8::pkcs5::pbes2::Kdf),
) -> Vec<u8> {
    use pkcs8::der::{Decode as _, Encode as _};
    let mut args = vec![
        "pkcs8",
        "-topk8",
        "-v2",
        "aes-256-cbc",
        "-in",
        "key.pem",
        "-passout",
        "pass:pw",
        "-outform",
        "DER",
        "-out",
        "enc.der",
    ];
    if scrypt {
        args.push("-scrypt");
    }
    dir.openssl(&args);
    let der = dir.read("enc.der");
    let mut info = pkcs8::EncryptedPrivateKeyInfoRef::from_der(&der).unwrap();
    let pkcs8::pkcs5::EncryptionScheme::Pbes2(params) = &mut info.encryption_algorithm else {
        panic!("openssl -v2 writes PBES2")
    };
    edit(&mut params.kdf);
    info.to_der().unwrap()
}

/// Regression (fuzzing, docs/FUZZING.md): an encrypted key states its own key-derivation cost.
/// scrypt with N = 2^40 made the loader allocate 128·r·N bytes and abort the process, N = 0
/// panicked, and 2^32 − 1 PBKDF2 iterations kept it busy for hours; all are refused before
/// deriving, while the costs real writers use still load.
#[test]
fn encrypted_key_derivation_cost_is_bounded() {
    use pkcs8::pkcs5::pbes2::Kdf;
    let dir = Dir::new("kdf-cost");
    dir.openssl(&["genpkey", "-algorithm", "ed25519", "-out", "key.pem"]);
    let started = std::time::Instant::now();
    let huge_n = encrypted_with(&dir, true, |kdf| {
        if let Kdf::Scrypt(p) = kdf {
            p.cost_parameter = 1 << 40;
        }
    });
    assert_eq!(
        code(SigningKey::from_encrypted_pkcs8(&huge_n, "pw", "k")),
        "key.invalid_format"
    );
    let wide = encrypted_with(&dir, true, |kdf| {
        if let Kdf::Scrypt(p) = kdf {
            p.cost_parameter = 1 << 14;
            p.parallelization = 60_000;
        }
    });
    assert_eq!(
        code(SigningKey::from_encrypted_pkcs8(&wide, "pw", "k")),
        "key.invalid_format"
    );
    // Found by the `keys` fuzz target: N = 0 panicked inside pkcs5 (an overflowing
    // subtraction computing log2 N; an `expect` without overflow checks).
    for n in [0, 1, 3] {
        let bad = encrypted_with(&dir, true, |kdf| {
            if let Kdf::Scrypt(p) = kdf {
                p.cost_parameter = n;
            }
        });
        assert_eq!(
            code(SigningKey::from_encrypted_pkcs8(&bad, "pw", "k")),
            "key.invalid_format",
            "N = {n}"
        );
    }
    let slow = encrypted_with(&dir, false, |kdf| {
        if let Kdf::Pbkdf2(p) = kdf {
            p.iteration_count = u32::MAX;
        }
    });
    let err = SigningKey::from_encrypted_pkcs8(&slow, "pw", "k").unwrap_err();
    assert_eq!(err.code().as_str(), "key.invalid_format");
    assert!(
        err.message().contains("PBKDF2 iterations"),
        "{}",
        err.message()
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    // The costs OpenSSL writes (N = 16384, r = 8, p = 1; 2048 iterations) still load.
    for scrypt in [true, false] {
        let der = encrypted_with(&dir, scrypt, |_| {});
        assert!(SigningKey::from_encrypted_pkcs8(&der, "pw", "k").is_ok());
    }
}

/// `to_encrypted_pem` writes what OpenSSL reads (and labourlink reads back): PBES2 with
/// PBKDF2-HMAC-SHA-256 over `ENCRYPTED_KEY_ITERATIONS` and AES-256-CBC, a fresh salt and IV
/// each time, in every algorithm.
#[test]
fn encrypted_pem_written_here_is_read_by_openssl_and_here() {
    use labourlink_protocol::keys::ENCRYPTED_KEY_ITERATIONS;
    let dir = Dir::new("write-encrypted");
    for alg in Algorithm::ALL {
        let key = SigningKey::generate(alg, "k").unwrap();
        let pem = key.to_encrypted_pem("s3cret pass").unwrap();
        assert!(
            pem.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"),
            "{alg}"
        );
        assert!(
            pem.ends_with("-----END ENCRYPTED PRIVATE KEY-----\n"),
            "{alg}"
        );
        // Fresh salt and IV: the same key encrypts differently each time.
        assert_ne!(*pem, *key.to_encrypted_pem("s3cret pass").unwrap());
        let again = SigningKey::from_encrypted_pem(pem.as_bytes(), "s3cret pass", "k").unwrap();
        assert_eq!(again.verifying_key(), key.verifying_key(), "{alg}");
        let err = SigningKey::from_encrypted_pem(pem.as_bytes(), "wrong", "k").unwrap_err();
        assert_eq!(err.code().as_str(), "key.decryption_failed");
        std::fs::write(dir.path("enc.pem"), pem.as_bytes()).unwrap();
        // What OpenSSL says the scheme is, then the public key it derives from the file.
        let out = Command::new("openssl")
            .args(["asn1parse", "-in", "enc.pem"])
            .current_dir(&dir.0)
            .output()
            .expect("the openssl command line is needed for these tests");
        let parsed = String::from_utf8_lossy(&out.stdout);
        for want in ["PBES2", "PBKDF2", "hmacWithSHA256", "aes-256-cbc"] {
            assert!(parsed.contains(want), "{alg}: {want} in {parsed}");
        }
        assert!(
            parsed.contains(&format!("{ENCRYPTED_KEY_ITERATIONS:X}")),
            "{alg}: the iteration count in {parsed}"
        );
        if alg != Algorithm::Sm2 {
            dir.openssl(&[
                "pkey",
                "-in",
                "enc.pem",
                "-passin",
                "pass:s3cret pass",
                "-pubout",
                "-out",
                "pub.pem",
            ]);
            assert_eq!(
                VerifyingKey::from_spki_pem(dir.text("pub.pem")).unwrap(),
                key.verifying_key(),
                "{alg}"
            );
        }
    }
    let key = SigningKey::generate(Algorithm::Ed25519, "k").unwrap();
    assert_eq!(
        key.to_encrypted_pem("").unwrap_err().code().as_str(),
        "input.invalid"
    );
}

/// The 0.1 names still compile (deprecated) and give the same keys as the new ones, which
/// are those of Python and JavaScript.
#[test]
#[allow(deprecated)]
fn the_0_1_key_names_forward_to_the_new_ones() {
    let seed = [7u8; 32];
    let a = SigningKey::from_seed(&seed, "k").unwrap();
    let b = SigningKey::from_ed25519_seed(&seed, "k").unwrap();
    assert_eq!(a.verifying_key(), b.verifying_key());
    assert_eq!(*a.to_pkcs8(), *b.to_pkcs8_der());
    let c = SigningKey::from_pkcs8_der(&a.to_pkcs8(), "k").unwrap();
    assert_eq!(c.verifying_key(), a.verifying_key());
    let spki = a.verifying_key().to_spki();
    assert_eq!(spki, a.verifying_key().to_spki_der());
    assert_eq!(
        VerifyingKey::from_spki_der(&spki).unwrap(),
        VerifyingKey::from_spki(&spki).unwrap()
    );
    let p256 = SigningKey::generate(Algorithm::Es256, "p").unwrap();
    let encrypted = p256.to_encrypted_pem("pw").unwrap();
    let der = pem_body(&encrypted);
    assert_eq!(
        SigningKey::from_encrypted_pkcs8_der(&der, "pw", "p")
            .unwrap()
            .verifying_key(),
        p256.verifying_key()
    );
    assert!(SigningKey::from_sec1_der(&[0u8; 3], "p").is_err());
}

fn pem_body(pem: &str) -> Vec<u8> {
    use base64::Engine as _;
    let b64: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    base64::engine::general_purpose::STANDARD
        .decode(b64)
        .unwrap()
}
