//! Key forms partners hold, beyond the PKCS#8 and JWK the protocol itself writes: PEM given as
//! text or bytes, SPKI public keys, X.509 certificates, SEC1 `EC PRIVATE KEY` files, encrypted
//! PKCS#8 and private JWKs. Every form is decoded by RustCrypto's formats crates (`der`,
//! `pem-rfc7468`, `pkcs8` with PBES2, `sec1`, `spki`, `x509-cert`) and then goes through the one
//! loading path of [`SigningKey::from_pkcs8`] or [`VerifyingKey::from_bytes`], so every
//! form gets the same key-load policy.

use der::asn1::{AnyRef, BitStringRef, ObjectIdentifier, OctetStringRef};
use der::{Decode as _, Encode as _};
use serde_json::{Map, Value};
use zeroize::Zeroizing;

use super::{
    Algorithm, PublicKey, SigningKey, VerifyingKey, b64, check_key_ops, internal, invalid_format,
    jwk_str, rejected,
};
use crate::error::{Error, ErrorCode, Result};

/// `id-ecPublicKey` (RFC 5480).
const OID_EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
/// `secp256r1` / P-256 (RFC 5480).
const OID_P256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
/// The SM2 curve (GM/T 0006, GB/T 33560): also used by some writers as the SPKI algorithm.
const OID_SM2: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.156.10197.1.301");
/// `id-Ed25519` (RFC 8410).
const OID_ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");

/// The encryption scheme's OID of an `EncryptedPrivateKeyInfo` that uses a legacy scheme —
/// PBES1 (`1.2.840.113549.1.5.x` other than PBES2's `.13`) or PKCS#12's PBE
/// (`1.2.840.113549.1.12.1.x`), as OpenSSL 1.0 and many Java tools wrote them — or `None`.
/// Only for the error message: the OID's DER is looked for where the algorithm identifier
/// begins (a few bytes in), without a decoder (the WebAssembly package is size-bound).
fn legacy_encryption_oid(der: &[u8]) -> Option<String> {
    // 06 09 2A 86 48 86 F7 0D 01 05 n: 1.2.840.113549.1.5.n
    const PBES1: [u8; 10] = [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x05];
    // 06 0A 2A 86 48 86 F7 0D 01 0C 01 n: 1.2.840.113549.1.12.1.n
    const PKCS12: [u8; 11] = [
        0x06, 0x0A, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x0C, 0x01,
    ];
    let head = der.get(..der.len().min(24))?;
    let after = |pattern: &[u8]| {
        head.windows(pattern.len() + 1)
            .find(|w| w.starts_with(pattern))
            .and_then(|w| w.last().copied())
    };
    if let Some(n) = after(&PBES1).filter(|n| *n != 13 && *n < 0x80) {
        return Some(format!("1.2.840.113549.1.5.{n}"));
    }
    after(&PKCS12)
        .filter(|n| *n < 0x80)
        .map(|n| format!("1.2.840.113549.1.12.1.{n}"))
}

/// A well-known algorithm OID that labourlink does not sign with, for error messages.
fn oid_name(oid: &ObjectIdentifier) -> String {
    let name = match oid.to_string().as_str() {
        "1.2.840.113549.1.1.1" => "RSA",
        "1.2.840.113549.1.1.10" => "RSA-PSS",
        "1.3.101.113" => "Ed448",
        "1.3.101.110" => "X25519",
        "1.3.101.111" => "X448",
        "1.2.840.10040.4.1" => "DSA",
        "1.3.132.0.34" => "P-384",
        "1.3.132.0.35" => "P-521",
        "1.3.132.0.10" => "secp256k1",
        _ => return oid.to_string(),
    };
    format!("{name} ({oid})")
}

/// The PEM labels of a private key, with what to call instead when the label is not the one a
/// function reads.
fn label_hint(label: &str) -> &'static str {
    match label {
        "ENCRYPTED PRIVATE KEY" => {
            "; it is encrypted: load it with its password (from_encrypted_pem in Rust and Python, fromEncryptedPem in JavaScript)"
        }
        "PUBLIC KEY" => {
            "; a public key loads as a VerifyingKey (from_spki_pem in Rust and Python, fromSpkiPem in JavaScript)"
        }
        "CERTIFICATE" => {
            "; a certificate's public key loads as a VerifyingKey (from_certificate in Rust and Python, fromCertificate in JavaScript)"
        }
        "RSA PRIVATE KEY" | "RSA PUBLIC KEY" => {
            "; RSA keys are not supported (Ed25519, P-256 or SM2)"
        }
        "OPENSSH PRIVATE KEY" => "; convert it to PKCS#8 first (ssh-keygen -p -m PKCS8 -f <file>)",
        _ => "",
    }
}

/// One PEM block of a text: its label and its decoded body (zeroised on drop).
struct PemBlock {
    label: String,
    der: Zeroizing<Vec<u8>>,
}

/// Finds the first PEM block of `input` whose label is in `wanted`, skipping other blocks
/// (OpenSSL writes `EC PARAMETERS` before an `EC PRIVATE KEY`, and explanatory text may stand
/// around a block, RFC 7468 §5.2). The body is decoded by `pem-rfc7468` (any consistent line
/// width; no headers).
fn find_pem(input: &[u8], wanted: &[&str], what: &str) -> Result<PemBlock> {
    let text = std::str::from_utf8(input)
        .map_err(|_| invalid_format(format!("{what}: PEM text is not ASCII")))?;
    let mut labels = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("-----BEGIN ") {
        let block = rest.get(start..).unwrap_or_default();
        let after_begin = block.get("-----BEGIN ".len()..).unwrap_or_default();
        let Some((label, _)) = after_begin.split_once("-----") else {
            break;
        };
        let end_line = format!("-----END {label}-----");
        let Some(end) = block.find(&end_line) else {
            return Err(invalid_format(format!(
                "{what}: PEM {:?} block has no END line",
                label.chars().take(40).collect::<String>()
            )));
        };
        let block = block.get(..end + end_line.len()).unwrap_or_default();
        rest = rest.get(start + end + end_line.len()..).unwrap_or_default();
        if !wanted.contains(&label) {
            labels.push(label.chars().take(40).collect::<String>());
            continue;
        }
        if block.contains("Proc-Type:") {
            return Err(legacy_encrypted(what));
        }
        // Normalise line ends and indentation; the strict decoder checks the rest.
        let mut normal = Zeroizing::new(String::with_capacity(block.len() + 1));
        for line in block.lines().map(str::trim).filter(|l| !l.is_empty()) {
            normal.push_str(line);
            normal.push('\n');
        }
        let mut der = Zeroizing::new(Vec::new());
        let decoded = pem_rfc7468::Decoder::new_detect_wrap(normal.as_bytes())
            .and_then(|mut decoder| decoder.decode_to_end(&mut der).map(|_| ()));
        return match decoded {
            Ok(()) => Ok(PemBlock {
                label: label.to_owned(),
                der,
            }),
            Err(pem_rfc7468::Error::HeaderDisallowed) => Err(legacy_encrypted(what)),
            Err(_) => Err(invalid_format(format!(
                "{what}: PEM {label:?} body is not valid base64"
            ))),
        };
    }
    let expected = wanted
        .iter()
        .map(|l| format!("{l:?}"))
        .collect::<Vec<_>>()
        .join(" or ");
    Err(invalid_format(match labels.first() {
        Some(label) => format!(
            "{what}: PEM label is {label:?}; expected {expected}{}",
            label_hint(label)
        ),
        None => format!("{what}: not a PEM document (no -----BEGIN {expected}----- line)"),
    }))
}

fn legacy_encrypted(what: &str) -> Error {
    invalid_format(format!(
        "{what}: PEM headers (such as the legacy OpenSSL \"Proc-Type: 4,ENCRYPTED\") are not supported; \
         convert the key to encrypted PKCS#8 (openssl pkcs8 -topk8 -v2 aes-256-cbc)"
    ))
}

/// Whether `input`, after leading whitespace, starts like a PEM document.
fn looks_like_pem(input: &[u8]) -> bool {
    input.trim_ascii_start().starts_with(b"-----BEGIN ")
}

/// The named curve of EC algorithm parameters.
fn curve_of(parameters: Option<&AnyRef<'_>>) -> Option<ObjectIdentifier> {
    parameters.and_then(|p| p.decode_as::<ObjectIdentifier>().ok())
}

/// Wraps a SEC1 `ECPrivateKey` on `curve` into PKCS#8 (RFC 5915 §3, RFC 5958).
fn sec1_to_pkcs8(sec1: &[u8], curve: &ObjectIdentifier) -> Result<Zeroizing<Vec<u8>>> {
    let encode_failed = || Error::new(ErrorCode::InternalCrypto, "PKCS#8 encoding failed");
    let private_key =
        OctetStringRef::new(sec1).map_err(|_| invalid_format("SEC1 key cannot be decoded"))?;
    let info = pkcs8::PrivateKeyInfoRef::new(
        spki::AlgorithmIdentifier {
            oid: OID_EC_PUBLIC_KEY,
            parameters: Some(AnyRef::from(curve)),
        },
        private_key,
    );
    let mut out = Zeroizing::new(Vec::new());
    info.encode_to_vec(&mut out).map_err(|_| encode_failed())?;
    Ok(out)
}

impl SigningKey {
    /// Loads a private key from PEM text or bytes: `PRIVATE KEY` (unencrypted PKCS#8: Ed25519,
    /// P-256 or SM2) or `EC PRIVATE KEY` (SEC1, RFC 5915: P-256 or SM2, named by the curve
    /// parameters, as `openssl ecparam -genkey` and `openssl ec` write it; OpenSSL 3 labels an
    /// SM2 one `SM2 PRIVATE KEY`).
    ///
    /// Explanatory text around the block and other blocks (`EC PARAMETERS`) are skipped; line
    /// ends may be LF or CRLF. An `ENCRYPTED PRIVATE KEY` is refused with a pointer to
    /// [`SigningKey::from_encrypted_pem`].
    ///
    /// ```
    /// use labourlink_protocol::keys::{Algorithm, SigningKey};
    ///
    /// let key = SigningKey::generate(Algorithm::Es256, "330200-hr-2026a")?;
    /// let pem = key.to_pem();
    /// // As text or as the bytes of a file.
    /// let again = SigningKey::from_pem(pem.as_bytes(), "330200-hr-2026a")?;
    /// assert_eq!(again.verifying_key(), key.verifying_key());
    /// # Ok::<(), labourlink_protocol::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// `key.invalid_format` for another label, bad base64 or a body that is not such a key;
    /// then as [`SigningKey::from_pkcs8`] and [`SigningKey::from_sec1`].
    pub fn from_pem(pem: impl AsRef<[u8]>, kid: impl Into<String>) -> Result<Self> {
        let block = find_pem(
            pem.as_ref(),
            &["PRIVATE KEY", "EC PRIVATE KEY", "SM2 PRIVATE KEY"],
            "private key",
        )?;
        match block.label.as_str() {
            "EC PRIVATE KEY" => Self::from_sec1(&block.der, kid),
            "SM2 PRIVATE KEY" => {
                let key = Self::from_sec1(&block.der, kid)?;
                if key.algorithm() != Algorithm::Sm2 {
                    return Err(invalid_format(
                        "PEM \"SM2 PRIVATE KEY\" holds a key on another curve",
                    ));
                }
                Ok(key)
            }
            _ => Self::from_pkcs8(&block.der, kid),
        }
    }

    /// Loads a SEC1 `ECPrivateKey` (RFC 5915) in DER, as `openssl ec -outform DER` writes it:
    /// P-256 or SM2, named by the key's curve parameters. The key must carry its public key
    /// for P-256 (OpenSSL always writes it); for SM2 a public key, if present, must match.
    ///
    /// ```
    /// use labourlink_protocol::keys::{Algorithm, SigningKey};
    ///
    /// // A SEC1 key is the ECPrivateKey inside a PKCS#8 one; here it is cut out of an SM2 key.
    /// let key = SigningKey::generate(Algorithm::Sm2, "330200-hr-sm2a")?;
    /// let pkcs8 = key.to_pkcs8();
    /// let mut sec1 = pkcs8[pkcs8.len() - 0x6d..].to_vec();
    /// // give it the curve parameters, as OpenSSL writes them
    /// sec1.splice(39..39, [0xa0, 0x0a, 0x06, 0x08, 0x2a, 0x81, 0x1c, 0xcf, 0x55, 0x01, 0x82, 0x2d]);
    /// sec1[1] += 12;
    /// let again = SigningKey::from_sec1(&sec1, "330200-hr-sm2a")?;
    /// assert_eq!(again.verifying_key(), key.verifying_key());
    /// # Ok::<(), labourlink_protocol::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// `key.invalid_format` if the bytes are not a SEC1 key, name no curve or a curve other
    /// than P-256 and SM2; `key.rejected` if the private key is invalid or the public key does
    /// not match it (a P-256 key labelled SM2, or the reverse, is one of these).
    pub fn from_sec1(der: &[u8], kid: impl Into<String>) -> Result<Self> {
        let key = sec1::EcPrivateKey::try_from(der)
            .map_err(|_| invalid_format("not a SEC1 EC private key (ECPrivateKey)"))?;
        let curve = match key.parameters {
            Some(sec1::EcParameters::NamedCurve(oid)) => oid,
            None => {
                return Err(invalid_format(
                    "SEC1 EC private key does not name its curve (no parameters)",
                ));
            }
        };
        if curve != OID_P256 && curve != OID_SM2 {
            return Err(invalid_format(format!(
                "SEC1 EC private key is on the curve {}; labourlink keys are P-256 or SM2",
                oid_name(&curve)
            )));
        }
        Self::from_pkcs8(&sec1_to_pkcs8(der, &curve)?, kid)
    }

    /// Loads an encrypted PKCS#8 private key (`ENCRYPTED PRIVATE KEY`, RFC 5958 §3) in PEM,
    /// text or bytes, with its password: PBES2 (RFC 8018) with PBKDF2-HMAC-SHA-256 (or SHA-224,
    /// SHA-384, SHA-512) or scrypt, and AES-128/192/256 in CBC or GCM mode — what
    /// `openssl pkcs8 -topk8 -v2 aes-256-cbc` (also with `-scrypt`), Python `cryptography`'s
    /// `BestAvailableEncryption` and Node's `export({cipher, passphrase})` write. PBES1 and DES
    /// schemes are refused.
    ///
    /// The password never appears in an error message.
    ///
    /// ```no_run
    /// use labourlink_protocol::keys::SigningKey;
    ///
    /// let pem = std::fs::read("hr-2026a.key.pem")?;
    /// let key = SigningKey::from_encrypted_pem(&pem, "correct horse", "330200-hr-2026a")?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// `key.invalid_format` for another PEM label, an unsupported encryption scheme, or a
    /// key-derivation cost above the loader's bounds (more than 10,000,000 PBKDF2 iterations;
    /// scrypt needing more than 256 MiB, 128·r·N, or N·r·p above 2^22), refused before any
    /// derivation runs; `key.decryption_failed` for a wrong password; then as
    /// [`SigningKey::from_pkcs8`].
    pub fn from_encrypted_pem(
        pem: impl AsRef<[u8]>,
        password: impl AsRef<[u8]>,
        kid: impl Into<String>,
    ) -> Result<Self> {
        let block = find_pem(
            pem.as_ref(),
            &["ENCRYPTED PRIVATE KEY"],
            "encrypted private key",
        )?;
        Self::from_encrypted_pkcs8(&block.der, password, kid)
    }

    /// The private key as an encrypted PKCS#8 PEM document (`ENCRYPTED PRIVATE KEY`, RFC 5958
    /// §3): PBES2 (RFC 8018) with PBKDF2-HMAC-SHA-256 over [`ENCRYPTED_KEY_ITERATIONS`]
    /// iterations and a fresh 16-byte salt, and AES-256-CBC with a fresh IV — the scheme
    /// `openssl pkcs8 -topk8 -v2 aes-256-cbc` writes, which OpenSSL, Python `cryptography`,
    /// Node, BouncyCastle and the JDK read. [`SigningKey::from_encrypted_pem`] reads it back.
    ///
    /// ```
    /// use labourlink_protocol::keys::{Algorithm, SigningKey};
    ///
    /// let key = SigningKey::generate(Algorithm::Ed25519, "330200-hr-2026a")?;
    /// let pem = key.to_encrypted_pem("correct horse battery staple")?;
    /// assert!(pem.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"));
    /// let again = SigningKey::from_encrypted_pem(pem.as_bytes(), "correct horse battery staple", "330200-hr-2026a")?;
    /// assert_eq!(again.verifying_key(), key.verifying_key());
    /// # Ok::<(), labourlink_protocol::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// `input.invalid` for an empty password; `internal.crypto` if the random number
    /// generator or the encryption fails.
    pub fn to_encrypted_pem(&self, password: impl AsRef<[u8]>) -> Result<Zeroizing<String>> {
        use ring::rand::SecureRandom as _;
        let password = password.as_ref();
        if password.is_empty() {
            return Err(Error::new(
                ErrorCode::InputInvalid,
                "an encrypted key needs a password that is not empty",
            ));
        }
        let rng = ring::rand::SystemRandom::new();
        let mut salt = [0u8; 16];
        let mut iv = [0u8; 16];
        rng.fill(&mut salt)
            .and_then(|()| rng.fill(&mut iv))
            .map_err(|_| internal("random salt and IV for the encrypted key"))?;
        let params = pkcs8::pkcs5::pbes2::Parameters::generate_pbkdf2_sha256_aes256cbc(
            ENCRYPTED_KEY_ITERATIONS,
            &salt,
            iv,
        )
        .map_err(|_| internal("PBES2 parameters"))?;
        let der = self.to_pkcs8();
        let info = pkcs8::PrivateKeyInfoRef::try_from(der.as_slice())
            .map_err(|_| internal("reading the key's PKCS#8 form"))?;
        let encrypted = info
            .encrypt_with_params(params, password)
            .map_err(|_| internal("encrypting the private key"))?;
        pem_rfc7468::encode_string(
            "ENCRYPTED PRIVATE KEY",
            pem_rfc7468::LineEnding::LF,
            encrypted.as_bytes(),
        )
        .map(Zeroizing::new)
        .map_err(|_| internal("writing the encrypted key as PEM"))
    }

    /// Loads an encrypted PKCS#8 private key (`EncryptedPrivateKeyInfo`) in DER with its
    /// password; see [`SigningKey::from_encrypted_pem`] for the schemes.
    ///
    /// # Errors
    ///
    /// As [`SigningKey::from_encrypted_pem`].
    pub fn from_encrypted_pkcs8(
        der: &[u8],
        password: impl AsRef<[u8]>,
        kid: impl Into<String>,
    ) -> Result<Self> {
        let info = pkcs8::EncryptedPrivateKeyInfoRef::try_from(der).map_err(|_| {
            match legacy_encryption_oid(der) {
                Some(oid) => invalid_format(format!(
                    "an encrypted PKCS#8 private key with the legacy PBES1 / PKCS#12 scheme \
                     ({oid}), which is not supported: convert it once with `openssl pkcs8 -topk8 \
                     -v2 aes-256-cbc -in old.pem -out new.pem` (PBES2)"
                )),
                None => invalid_format("not an encrypted PKCS#8 private key"),
            }
        })?;
        check_kdf_cost(&info.encryption_algorithm)?;
        let mut buffer = Zeroizing::new(info.encrypted_data.as_bytes().to_vec());
        let plain = info
            .encryption_algorithm
            .decrypt_in_place(password, &mut buffer)
            .map_err(|e| match e {
                pkcs8::pkcs5::Error::DecryptFailed => decryption_failed(),
                _ => invalid_format(
                    "encrypted PKCS#8 key uses an unsupported scheme (supported: PBES2 with \
                     PBKDF2-HMAC-SHA-2 or scrypt, and AES-CBC or AES-GCM)",
                ),
            })?;
        // A wrong password can still end in valid padding (about 1 in 256): the plaintext is
        // then no PKCS#8 at all.
        if pkcs8::PrivateKeyInfoRef::try_from(plain).is_err() {
            return Err(decryption_failed());
        }
        Self::from_pkcs8(plain, kid)
    }

    /// Loads a private JWK: `{"kty":"OKP","crv":"Ed25519","x","d"}` (RFC 8037),
    /// `{"kty":"EC","crv":"P-256","x","y","d"}` (RFC 7518 §6.2.2) or
    /// `{"kty":"EC","crv":"SM2","x","y","d"}`. The public members are checked as by
    /// [`VerifyingKey::from_jwk`] (`alg`, `use`), and must be the public key of `d`;
    /// `key_ops`, if present, must include `sign`.
    ///
    /// The key id is `kid` if given, else the JWK's `kid` member.
    ///
    /// ```
    /// use labourlink_protocol::keys::SigningKey;
    ///
    /// let jwk = serde_json::json!({"kty": "OKP", "crv": "Ed25519", "kid": "330200-hr-2026a",
    ///     "d": "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A",
    ///     "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"});
    /// let key = SigningKey::from_jwk(&jwk, None)?;
    /// assert_eq!(key.kid(), "330200-hr-2026a");
    /// # Ok::<(), labourlink_protocol::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// `key.invalid_format` for a malformed JWK (no `d`, `d` not 32 bytes, no key id);
    /// `key.rejected` when the key material fails the load policy or `x`/`y` are not the public
    /// key of `d` (a P-256 key labelled SM2 is one of these).
    pub fn from_jwk(jwk: &Value, kid: Option<&str>) -> Result<Self> {
        let obj = jwk
            .as_object()
            .ok_or_else(|| invalid_format("JWK is not a JSON object").at(""))?;
        let kid = match kid {
            Some(kid) => kid.to_owned(),
            None => match obj.get("kid") {
                Some(Value::String(kid)) => kid.clone(),
                Some(_) => {
                    return Err(invalid_format("JWK member \"kid\" is not a string").at("/kid"));
                }
                None => {
                    return Err(invalid_format(
                        "a signing key needs a key id: the JWK has no \"kid\" and none was given",
                    )
                    .at("/kid"));
                }
            },
        };
        if !obj.contains_key("d") {
            return Err(invalid_format(
                "JWK has no private member \"d\": a public JWK loads as a VerifyingKey",
            )
            .at("/d"));
        }
        let d = jwk_private_scalar(obj)?;
        check_key_ops(obj, "sign")?;
        // The public half, through the public loader (kty, crv, x, y, alg, use, the point).
        let public: Map<String, Value> = obj
            .iter()
            .filter(|(name, _)| !matches!(name.as_str(), "d" | "key_ops" | "kid"))
            .map(|(name, value)| (name.clone(), value.clone()))
            .collect();
        let public = VerifyingKey::from_jwk(&Value::Object(public))?;
        let key = match public.algorithm() {
            Algorithm::Ed25519 => Self::from_seed(&d, kid)?,
            Algorithm::Sm2 => Self::from_sm2_private_key(&d, kid)
                .map_err(|_| rejected("SM2 JWK: the private key \"d\" is invalid").at("/d"))?,
            Algorithm::Es256 => {
                let point = public.as_bytes();
                let public_key = BitStringRef::from_bytes(point)
                    .map_err(|_| invalid_format("P-256 JWK cannot be encoded"))?;
                let d_octets = OctetStringRef::new(&d[..])
                    .map_err(|_| invalid_format("P-256 JWK cannot be encoded"))?;
                let sec1 = sec1::EcPrivateKey {
                    private_key: d_octets.as_bytes(),
                    parameters: None,
                    public_key: Some(public_key.raw_bytes()),
                };
                let mut der = Zeroizing::new(Vec::new());
                sec1.encode_to_vec(&mut der)
                    .map_err(|_| Error::new(ErrorCode::InternalCrypto, "SEC1 encoding failed"))?;
                Self::from_pkcs8(&sec1_to_pkcs8(&der, &OID_P256)?, kid).map_err(|e| {
                    if e.code() == ErrorCode::KeyRejected {
                        rejected("P-256 JWK: \"x\" and \"y\" are not the public key of \"d\"")
                    } else {
                        e
                    }
                })?
            }
        };
        if key.public != public {
            return Err(rejected(format!(
                "{} JWK: the public members are not the public key of \"d\"",
                public.algorithm()
            )));
        }
        Ok(key)
    }
}

/// The JWK member `d`: base64url, exactly 32 bytes (RFC 8037 §2, RFC 7518 §6.2.2.1), kept in
/// zeroising buffers.
fn jwk_private_scalar(obj: &Map<String, Value>) -> Result<Zeroizing<[u8; 32]>> {
    let text = jwk_str(obj, "d")?;
    let bytes = Zeroizing::new(
        b64::decode(text, "JWK member \"d\"", "/d")
            .map_err(|_| invalid_format("JWK member \"d\" is not base64url").at("/d"))?,
    );
    let mut out = Zeroizing::new([0u8; 32]);
    if bytes.len() != out.len() {
        return Err(invalid_format(format!(
            "JWK member \"d\" must be 32 bytes, not {}",
            bytes.len()
        ))
        .at("/d"));
    }
    out.copy_from_slice(&bytes);
    Ok(out)
}

/// The most PBKDF2 iterations an encrypted key may ask for: RFC 8018 §4.2's figure for
/// "especially critical keys" (OpenSSL writes 2048, OWASP recommends 600,000 for
/// PBKDF2-HMAC-SHA-256). The file states its own cost, so without a bound a crafted file costs
/// hours of CPU (up to 2^32 − 1 iterations).
const MAX_PBKDF2_ITERATIONS: u32 = 10_000_000;

/// The most memory scrypt may need for an encrypted key, 128·r·N bytes: 256 MiB (OpenSSL's
/// `-scrypt` writes N = 16384, r = 8: 16 MiB). A crafted N up to 2^63 would otherwise make the
/// allocation fail, which aborts the process.
const MAX_SCRYPT_MEMORY: u128 = 256 << 20;

/// The most scrypt work for an encrypted key, N·r·p: 2^22, 32 times OpenSSL's default
/// (N = 16384, r = 8, p = 1), about a second.
const MAX_SCRYPT_WORK: u128 = 1 << 22;

/// Refuses a key-derivation cost above the bounds above, and an scrypt N that is not a power
/// of two greater than 1 (`key.invalid_format`), before any derivation runs: loading a key must
/// not let its file choose the loader's CPU and memory, nor reach a panic in `pkcs5`.
fn check_kdf_cost(scheme: &pkcs8::pkcs5::EncryptionScheme) -> Result<()> {
    use pkcs8::pkcs5::pbes2::Kdf;
    let pkcs8::pkcs5::EncryptionScheme::Pbes2(params) = scheme else {
        // PBES1 is refused by decryption itself (unsupported scheme).
        return Ok(());
    };
    match &params.kdf {
        Kdf::Pbkdf2(p) if p.iteration_count > MAX_PBKDF2_ITERATIONS => {
            Err(invalid_format(format!(
                "encrypted PKCS#8 key asks for {} PBKDF2 iterations, more than the limit of {MAX_PBKDF2_ITERATIONS}",
                p.iteration_count
            )))
        }
        Kdf::Scrypt(p) => {
            let (n, r, par) = (
                u128::from(p.cost_parameter),
                u128::from(p.block_size),
                u128::from(p.parallelization),
            );
            // scrypt's N is a power of two greater than 1 (RFC 7914 §2); pkcs5 computes its
            // logarithm with a subtraction that panics (overflows) for N = 0.
            if n < 2 || !n.is_power_of_two() {
                return Err(invalid_format(format!(
                    "encrypted PKCS#8 key has scrypt N = {n}, which is not a power of two greater than 1"
                )));
            }
            if 128 * r * n > MAX_SCRYPT_MEMORY || n * r * par > MAX_SCRYPT_WORK {
                Err(invalid_format(format!(
                    "encrypted PKCS#8 key asks for scrypt N = {n}, r = {r}, p = {par}: more than the \
                     limits of {} MiB of memory (128·r·N) and {MAX_SCRYPT_WORK} for N·r·p",
                    MAX_SCRYPT_MEMORY >> 20
                )))
            } else {
                Ok(())
            }
        }
        _ => Ok(()),
    }
}

/// PBKDF2-HMAC-SHA-256 iterations of a key written by [`SigningKey::to_encrypted_pem`]:
/// OWASP's recommendation for PBKDF2-HMAC-SHA-256 (2023), well inside the loader's bound of
/// 10,000,000.
pub const ENCRYPTED_KEY_ITERATIONS: u32 = 600_000;

fn decryption_failed() -> Error {
    Error::new(
        ErrorCode::KeyDecryptionFailed,
        "the encrypted private key cannot be decrypted: wrong password (or a damaged file)",
    )
}

impl VerifyingKey {
    /// Loads a `SubjectPublicKeyInfo` (RFC 5280 §4.1.2.7) in DER: Ed25519 (RFC 8410), P-256
    /// (`id-ecPublicKey` with `secp256r1`, RFC 5480) or SM2 (`id-ecPublicKey` with the curve
    /// 1.2.156.10197.1.301, or that OID as the algorithm). EC points must be uncompressed.
    ///
    /// ```
    /// use labourlink_protocol::keys::{Algorithm, SigningKey, VerifyingKey};
    ///
    /// let public = SigningKey::generate(Algorithm::Es256, "k")?.verifying_key();
    /// assert_eq!(VerifyingKey::from_spki(&public.to_spki())?, public);
    /// # Ok::<(), labourlink_protocol::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// `key.invalid_format` if the bytes are not an SPKI of a supported algorithm;
    /// `key.rejected` when the key fails the load policy (as [`VerifyingKey::from_bytes`]).
    pub fn from_spki(der: &[u8]) -> Result<Self> {
        let info = spki::SubjectPublicKeyInfoRef::try_from(der)
            .map_err(|_| invalid_format("not a public key (SubjectPublicKeyInfo)"))?;
        let alg = info.algorithm.oid;
        let algorithm = if alg == OID_ED25519 {
            Algorithm::Ed25519
        } else if alg == OID_SM2 {
            Algorithm::Sm2
        } else if alg == OID_EC_PUBLIC_KEY {
            match curve_of(info.algorithm.parameters.as_ref()) {
                Some(curve) if curve == OID_P256 => Algorithm::Es256,
                Some(curve) if curve == OID_SM2 => Algorithm::Sm2,
                Some(curve) => {
                    return Err(invalid_format(format!(
                        "EC public key on the curve {}; labourlink keys are P-256 or SM2",
                        oid_name(&curve)
                    )));
                }
                None => {
                    return Err(invalid_format(
                        "EC public key does not name its curve (explicit parameters are not supported)",
                    ));
                }
            }
        } else {
            return Err(invalid_format(format!(
                "public key algorithm {} is not supported; labourlink keys are Ed25519, P-256 or SM2",
                oid_name(&alg)
            )));
        };
        let bytes = info
            .subject_public_key
            .as_bytes()
            .ok_or_else(|| invalid_format("public key bit string is not whole bytes"))?;
        Self::from_bytes(algorithm, bytes)
    }

    /// Loads a PEM `PUBLIC KEY` (SPKI, RFC 7468 §13) given as text or bytes, as
    /// `openssl pkey -pubout`, `cryptography` and Node write it; see
    /// [`VerifyingKey::from_spki`].
    ///
    /// ```
    /// use labourlink_protocol::keys::{Algorithm, SigningKey, VerifyingKey};
    ///
    /// let public = SigningKey::generate(Algorithm::Sm2, "k")?.verifying_key();
    /// let pem = public.to_spki_pem();
    /// assert!(pem.starts_with("-----BEGIN PUBLIC KEY-----\n"));
    /// assert_eq!(VerifyingKey::from_spki_pem(&pem)?, public);
    /// # Ok::<(), labourlink_protocol::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// `key.invalid_format` for another label or bad base64, then as
    /// [`VerifyingKey::from_spki`].
    pub fn from_spki_pem(pem: impl AsRef<[u8]>) -> Result<Self> {
        let block = find_pem(pem.as_ref(), &["PUBLIC KEY"], "public key")?;
        Self::from_spki(&block.der)
    }

    /// The public key of an X.509 certificate (RFC 5280), PEM (`CERTIFICATE`; the first one of
    /// a chain) or DER, text or bytes.
    ///
    /// **Only the public key is taken.** Nothing else of the certificate is checked or kept:
    /// not its signature, issuer, validity period, key usage or revocation. A certificate is a
    /// convenient container for a partner's key, not a statement of trust: which key may sign
    /// for which agency, and when, is decided by the trust list alone (load the key here, then
    /// put it in a [`crate::trust::KeyRecord`] of a signed trust list).
    ///
    /// ```
    /// use labourlink_protocol::keys::VerifyingKey;
    ///
    /// // A certificate without a supported key is refused with a stable code.
    /// let err = VerifyingKey::from_certificate(b"not a certificate").unwrap_err();
    /// assert_eq!(err.code().as_str(), "key.invalid_format");
    /// ```
    ///
    /// # Errors
    ///
    /// `key.invalid_format` if the input is not a certificate or its key is not Ed25519, P-256
    /// or SM2 (an RSA certificate, say); `key.rejected` when the key fails the load policy.
    pub fn from_certificate(pem_or_der: impl AsRef<[u8]>) -> Result<Self> {
        let input = pem_or_der.as_ref();
        let block;
        let der = if looks_like_pem(input) {
            block = find_pem(input, &["CERTIFICATE"], "certificate")?;
            block.der.as_slice()
        } else {
            input
        };
        let cert = x509_cert::Certificate::from_der(der)
            .map_err(|_| invalid_format("not an X.509 certificate (DER or PEM \"CERTIFICATE\")"))?;
        let spki = cert
            .tbs_certificate()
            .subject_public_key_info()
            .to_der()
            .map_err(|_| invalid_format("certificate public key cannot be encoded"))?;
        Self::from_spki(&spki).map_err(|e| {
            let message = format!("certificate: {}", e.message());
            Error::new(e.code(), message)
        })
    }

    /// The public key as a DER `SubjectPublicKeyInfo` (RFC 8410 for Ed25519; RFC 5480
    /// `id-ecPublicKey` with the named curve P-256 or SM2, uncompressed point).
    #[must_use]
    pub fn to_spki(&self) -> Vec<u8> {
        let (oid, curve) = match self.0 {
            PublicKey::Ed25519(_) => (OID_ED25519, None),
            PublicKey::Es256(_) => (OID_EC_PUBLIC_KEY, Some(OID_P256)),
            PublicKey::Sm2(_) => (OID_EC_PUBLIC_KEY, Some(OID_SM2)),
        };
        let Ok(key) = BitStringRef::from_bytes(self.as_bytes()) else {
            return Vec::new();
        };
        let info = spki::SubjectPublicKeyInfoRef {
            algorithm: spki::AlgorithmIdentifier {
                oid,
                parameters: curve.as_ref().map(AnyRef::from),
            },
            subject_public_key: key,
        };
        info.to_der().unwrap_or_default()
    }

    /// The public key as a PEM `PUBLIC KEY` document (SPKI; 64-character lines, final newline).
    #[must_use]
    pub fn to_spki_pem(&self) -> String {
        pem_rfc7468::encode_string("PUBLIC KEY", pem_rfc7468::LineEnding::LF, &self.to_spki())
            .unwrap_or_default()
    }
}

/// The 0.1 names, which said `_der` and `ed25519_` where Python and JavaScript do not. Same
/// concept, same name: these forward to the new ones and go away in 0.3.
impl SigningKey {
    /// Renamed [`SigningKey::from_seed`].
    ///
    /// # Errors
    /// As [`SigningKey::from_seed`].
    #[deprecated(
        since = "0.2.0",
        note = "renamed `from_seed`, as in Python and JavaScript"
    )]
    pub fn from_ed25519_seed(seed: &[u8; 32], kid: impl Into<String>) -> Result<Self> {
        Self::from_seed(seed, kid)
    }

    /// Renamed [`SigningKey::from_pkcs8`].
    ///
    /// # Errors
    /// As [`SigningKey::from_pkcs8`].
    #[deprecated(
        since = "0.2.0",
        note = "renamed `from_pkcs8`, as in Python and JavaScript"
    )]
    pub fn from_pkcs8_der(der: &[u8], kid: impl Into<String>) -> Result<Self> {
        Self::from_pkcs8(der, kid)
    }

    /// Renamed [`SigningKey::from_encrypted_pkcs8`].
    ///
    /// # Errors
    /// As [`SigningKey::from_encrypted_pkcs8`].
    #[deprecated(
        since = "0.2.0",
        note = "renamed `from_encrypted_pkcs8`, as in Python and JavaScript"
    )]
    pub fn from_encrypted_pkcs8_der(
        der: &[u8],
        password: impl AsRef<[u8]>,
        kid: impl Into<String>,
    ) -> Result<Self> {
        Self::from_encrypted_pkcs8(der, password, kid)
    }

    /// Renamed [`SigningKey::from_sec1`].
    ///
    /// # Errors
    /// As [`SigningKey::from_sec1`].
    #[deprecated(
        since = "0.2.0",
        note = "renamed `from_sec1`, as in Python and JavaScript"
    )]
    pub fn from_sec1_der(der: &[u8], kid: impl Into<String>) -> Result<Self> {
        Self::from_sec1(der, kid)
    }

    /// Renamed [`SigningKey::to_pkcs8`].
    #[deprecated(
        since = "0.2.0",
        note = "renamed `to_pkcs8`, as in Python and JavaScript"
    )]
    #[must_use]
    pub fn to_pkcs8_der(&self) -> Zeroizing<Vec<u8>> {
        self.to_pkcs8()
    }
}

/// The 0.1 names (see the `SigningKey` block above).
impl VerifyingKey {
    /// Renamed [`VerifyingKey::from_spki`].
    ///
    /// # Errors
    /// As [`VerifyingKey::from_spki`].
    #[deprecated(
        since = "0.2.0",
        note = "renamed `from_spki`, as in Python and JavaScript"
    )]
    pub fn from_spki_der(der: &[u8]) -> Result<Self> {
        Self::from_spki(der)
    }

    /// Renamed [`VerifyingKey::to_spki`].
    #[deprecated(
        since = "0.2.0",
        note = "renamed `to_spki`, as in Python and JavaScript"
    )]
    #[must_use]
    pub fn to_spki_der(&self) -> Vec<u8> {
        self.to_spki()
    }
}
