//! The implementation of [`crate::keys`] (private: its public items are re-exported there).

use std::fmt;
use std::str::FromStr;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use curve25519_dalek::edwards::CompressedEdwardsY;
use ring::rand::{SecureRandom as _, SystemRandom};
use ring::signature::{
    ECDSA_P256_SHA256_FIXED, ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair, Ed25519KeyPair,
    KeyPair as _, UnparsedPublicKey,
};
use serde_json::{Map, Value};
use zeroize::Zeroizing;

use crate::b64_imp as b64;
use crate::error_imp::{Error, ErrorCode, Result};

#[path = "keys/forms.rs"]
mod forms;
pub use forms::ENCRYPTED_KEY_ITERATIONS;

/// A signature algorithm. The set can grow (the enum is `#[non_exhaustive]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Algorithm {
    /// Ed25519 (RFC 8032 PureEdDSA on edwards25519); JWS name `Ed25519` (RFC 9864).
    Ed25519,
    /// ECDSA on P-256 with SHA-256, 64-byte `r‖s` signatures; JWS name `ES256` (RFC 7518).
    Es256,
    /// SM2 signatures with SM3 and the default user id `1234567812345678` (GM/T 0003, GM/T 0009),
    /// 64-byte `r‖s` signatures; JWS name `SM2SM3` (see the [module documentation](crate::keys)).
    Sm2,
}

impl Algorithm {
    /// Every algorithm, in the order of the default verifier policy.
    pub const ALL: [Algorithm; 3] = [Algorithm::Ed25519, Algorithm::Es256, Algorithm::Sm2];

    /// The JWS `alg` name: `"Ed25519"`, `"ES256"` or `"SM2SM3"`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Algorithm::Ed25519 => "Ed25519",
            Algorithm::Es256 => "ES256",
            Algorithm::Sm2 => "SM2SM3",
        }
    }

    /// Looks an algorithm up by its exact JWS name (`"Ed25519"`, `"ES256"`, `"SM2SM3"`).
    ///
    /// The deprecated polymorphic `"EdDSA"` is refused here like every other name; mapping it to
    /// Ed25519 is a verifier-policy decision.
    ///
    /// # Errors
    ///
    /// `jws.algorithm_not_allowed` for any other string.
    pub fn from_jws_name(s: &str) -> Result<Self> {
        match s {
            "Ed25519" => Ok(Algorithm::Ed25519),
            "ES256" => Ok(Algorithm::Es256),
            "SM2SM3" => Ok(Algorithm::Sm2),
            other => {
                let shown: String = other.chars().take(64).collect();
                let hint = if other == "EdDSA" {
                    " (the polymorphic \"EdDSA\" is accepted only where the verifier policy allows it)"
                } else {
                    ""
                };
                Err(Error::new(
                    ErrorCode::JwsAlgorithmNotAllowed,
                    format!(
                        "algorithm {shown:?} is not supported; labourlink signs with \"Ed25519\", \"ES256\" or \"SM2SM3\"{hint}"
                    ),
                ))
            }
        }
    }
}

impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Algorithm {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        Self::from_jws_name(s)
    }
}

/// Something that can sign: a [`SigningKey`] in memory, or an HSM or a remote signing service.
///
/// [`Signer::sign`] receives the exact JWS signing input bytes (ASCII
/// `BASE64URL(protected) '.' BASE64URL(payload)`) and returns the raw signature: 64 bytes for
/// Ed25519, 64 bytes fixed `r‖s` for ES256 and SM2SM3 (not DER; an HSM that returns DER must
/// convert). An SM2 signer hashes the signing input itself, with `Z_A` of the default user id.
pub trait Signer: Send + Sync {
    /// The key id written into the protected header.
    fn kid(&self) -> &str;
    /// The algorithm written into the protected header.
    fn algorithm(&self) -> Algorithm;
    /// Signs the JWS signing input.
    ///
    /// # Errors
    ///
    /// Implementation-defined; [`SigningKey`] fails only with `internal.crypto`.
    fn sign(&self, signing_input: &[u8]) -> Result<Vec<u8>>;
}

/// PKCS#8 v1 prefix of an Ed25519 private key (RFC 8410 §7): the 32-byte seed follows.
const ED25519_PKCS8_V1_PREFIX: [u8; 16] = [
    0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
];

/// The SM2 distinguishing identifier (user id) of every labourlink SM2 key: the GM/T 0009-2012
/// default.
pub const SM2_DEFAULT_USER_ID: &str = "1234567812345678";

/// DER of the PKCS#8 `AlgorithmIdentifier` of an SM2 key: `id-ecPublicKey` (1.2.840.10045.2.1)
/// with the named curve SM2 (1.2.156.10197.1.301).
const SM2_PKCS8_ALGORITHM: [u8; 21] = [
    0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x81, 0x1c,
    0xcf, 0x55, 0x01, 0x82, 0x2d,
];

/// n − 1 for the SM2 group order n (GB/T 32918.5): the one nonzero scalar that is not a valid
/// private key.
const SM2_ORDER_MINUS_ONE: [u8; 32] = [
    0xff, 0xff, 0xff, 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0x72, 0x03, 0xdf, 0x6b, 0x21, 0xc6, 0x05, 0x2b, 0x53, 0xbb, 0xf4, 0x09, 0x39, 0xd5, 0x41, 0x22,
];

/// DER of the SM2 curve OID (1.2.156.10197.1.301), as in `ECPrivateKey.parameters`.
const SM2_CURVE_OID: [u8; 10] = [0x06, 0x08, 0x2a, 0x81, 0x1c, 0xcf, 0x55, 0x01, 0x82, 0x2d];

const PEM_BEGIN: &str = "-----BEGIN PRIVATE KEY-----";
const PEM_END: &str = "-----END PRIVATE KEY-----";

enum Secret {
    Ed25519 {
        pair: Ed25519KeyPair,
        seed: Zeroizing<[u8; 32]>,
    },
    Es256 {
        pair: EcdsaKeyPair,
        pkcs8: Zeroizing<Vec<u8>>,
    },
    Sm2 {
        key: sm2::dsa::SigningKey,
        scalar: Zeroizing<[u8; 32]>,
    },
}

/// A private signing key with its key id.
///
/// Not `Clone` and not serialisable; secret bytes it owns are zeroised on drop; `Debug` shows
/// only the key id and the algorithm.
pub struct SigningKey {
    kid: String,
    secret: Secret,
    public: VerifyingKey,
}

fn internal(what: &str) -> Error {
    Error::new(ErrorCode::InternalCrypto, format!("{what} failed"))
}

fn invalid_format(msg: impl Into<String>) -> Error {
    Error::new(ErrorCode::KeyInvalidFormat, msg)
}

fn rejected(msg: impl Into<String>) -> Error {
    Error::new(ErrorCode::KeyRejected, msg)
}

/// Maps a *ring* PKCS#8 rejection to our codes.
fn pkcs8_error(alg: &str, e: &ring::error::KeyRejected) -> Error {
    let why = e.to_string();
    match why.as_str() {
        "InconsistentComponents" => rejected(format!(
            "{alg} PKCS#8 key: the public key does not match the private key"
        )),
        "InvalidComponent" => rejected(format!("{alg} PKCS#8 key: the private key is invalid")),
        "RNG failed" => internal("random number generation"),
        _ => invalid_format(format!("{alg} PKCS#8 key cannot be decoded ({why})")),
    }
}

fn is_wrong_algorithm(e: &ring::error::KeyRejected) -> bool {
    e.to_string() == "WrongAlgorithm"
}

/// Reads one DER TLV: (tag, value, rest). Lengths up to two bytes.
fn der_tlv(input: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let (&tag, rest) = input.split_first()?;
    let (&first, rest) = rest.split_first()?;
    let (len, rest) = match first {
        n if n < 0x80 => (usize::from(n), rest),
        0x81 => {
            let (&n, rest) = rest.split_first()?;
            (usize::from(n), rest)
        }
        0x82 => {
            let (&hi, rest) = rest.split_first()?;
            let (&lo, rest) = rest.split_first()?;
            ((usize::from(hi) << 8) | usize::from(lo), rest)
        }
        _ => return None,
    };
    let value = rest.get(..len)?;
    let rest = rest.get(len..)?;
    Some((tag, value, rest))
}

/// What an SM2 PKCS#8 document holds: the private scalar (left-padded to 32 bytes) and the
/// public key of the `ECPrivateKey`, if it carries one. `None` if the document is not an SM2
/// PKCS#8 key at all (another algorithm, or not PKCS#8).
struct Sm2Pkcs8<'a> {
    scalar: Zeroizing<[u8; 32]>,
    public: Option<&'a [u8]>,
}

/// Reads an SM2 PKCS#8 document. `Ok(None)`: not SM2 (the algorithm identifier differs);
/// `Err`: SM2 but malformed.
fn sm2_from_pkcs8(der: &[u8]) -> Result<Option<Sm2Pkcs8<'_>>> {
    let malformed = || invalid_format("SM2 PKCS#8 key cannot be decoded");
    let Some((0x30, body, [])) = der_tlv(der) else {
        return Ok(None);
    };
    let Some((0x02, _version, rest)) = der_tlv(body) else {
        return Ok(None);
    };
    let Some(alg_len) = rest.get(..SM2_PKCS8_ALGORITHM.len()) else {
        return Ok(None);
    };
    if alg_len != SM2_PKCS8_ALGORITHM {
        return Ok(None);
    }
    let rest = rest.get(SM2_PKCS8_ALGORITHM.len()..).unwrap_or_default();
    // privateKey OCTET STRING, then optional attributes [0] / publicKey [1] (PKCS#8 v2).
    let (0x04, ec_private_key, _) = der_tlv(rest).ok_or_else(malformed)? else {
        return Err(malformed());
    };
    // ECPrivateKey ::= SEQUENCE { version 1, privateKey OCTET STRING, [0] parameters, [1] publicKey }
    let (0x30, fields, []) = der_tlv(ec_private_key).ok_or_else(malformed)? else {
        return Err(malformed());
    };
    let (0x02, [0x01], rest) = der_tlv(fields).ok_or_else(malformed)? else {
        return Err(malformed());
    };
    let (0x04, mut private, mut rest) = der_tlv(rest).ok_or_else(malformed)? else {
        return Err(malformed());
    };
    // A writer that encodes d like an INTEGER may prepend zeros; one that drops them writes fewer.
    while private.len() > 32 && private.first() == Some(&0) {
        private = private.get(1..).unwrap_or_default();
    }
    if private.is_empty() || private.len() > 32 {
        return Err(rejected(format!(
            "SM2 PKCS#8 key: the private key is {} bytes, not 32",
            private.len()
        )));
    }
    let mut scalar = Zeroizing::new([0u8; 32]);
    if let Some(tail) = scalar.get_mut(32 - private.len()..) {
        tail.copy_from_slice(private);
    }
    let mut public = None;
    if let Some((0xa0, params, after)) = der_tlv(rest) {
        if params != SM2_CURVE_OID {
            return Err(invalid_format(
                "SM2 PKCS#8 key: ECPrivateKey parameters do not name the SM2 curve",
            ));
        }
        rest = after;
    }
    if let Some((0xa1, bit_string, after)) = der_tlv(rest) {
        let (0x03, [0x00, point @ ..], []) = der_tlv(bit_string).ok_or_else(malformed)? else {
            return Err(malformed());
        };
        public = Some(point);
        rest = after;
    }
    if !rest.is_empty() {
        return Err(malformed());
    }
    Ok(Some(Sm2Pkcs8 { scalar, public }))
}

/// The seed of an Ed25519 PKCS#8 (v1 or v2) document that *ring* has already accepted.
fn ed25519_seed_from_pkcs8(der: &[u8]) -> Option<Zeroizing<[u8; 32]>> {
    let (0x30, body, []) = der_tlv(der)? else {
        return None;
    };
    let (0x02, _version, rest) = der_tlv(body)? else {
        return None;
    };
    let (0x30, _alg_id, rest) = der_tlv(rest)? else {
        return None;
    };
    let (0x04, private_key, _) = der_tlv(rest)? else {
        return None;
    };
    let (0x04, seed, []) = der_tlv(private_key)? else {
        return None;
    };
    let mut out = Zeroizing::new([0u8; 32]);
    if seed.len() != out.len() {
        return None;
    }
    out.copy_from_slice(seed);
    Some(out)
}

impl SigningKey {
    /// Generates a fresh key with the operating system's random number generator.
    ///
    /// # Errors
    ///
    /// `internal.crypto` if the random number generator fails.
    pub fn generate(alg: Algorithm, kid: impl Into<String>) -> Result<Self> {
        let rng = SystemRandom::new();
        match alg {
            Algorithm::Ed25519 => {
                let mut seed = Zeroizing::new([0u8; 32]);
                rng.fill(&mut seed[..])
                    .map_err(|_| internal("random number generation"))?;
                Self::from_seed(&seed, kid)
            }
            Algorithm::Es256 => {
                // ring's `Document` is not zeroised; its bytes are copied into a zeroising buffer.
                let doc = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &rng)
                    .map_err(|_| internal("ES256 key generation"))?;
                let pkcs8 = Zeroizing::new(doc.as_ref().to_vec());
                let pair = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &pkcs8, &rng)
                    .map_err(|e| pkcs8_error("P-256", &e))?;
                Self::from_es256_pair(pair, pkcs8, kid.into())
            }
            Algorithm::Sm2 => {
                // Rejection sampling: 32 random bytes until they are a scalar in [1, n-1]
                // (n is just below 2^256, so a retry has probability about 2^-32).
                let kid = kid.into();
                let mut scalar = Zeroizing::new([0u8; 32]);
                for _ in 0..16 {
                    rng.fill(&mut scalar[..])
                        .map_err(|_| internal("random number generation"))?;
                    if let Ok(key) = Self::from_sm2_private_key(&scalar, kid.as_str()) {
                        return Ok(key);
                    }
                }
                Err(internal("SM2 key generation"))
            }
        }
    }

    /// Makes an SM2 key from its 32-byte private key `d` (big-endian, GB/T 32918.1 §6.1).
    /// Deterministic: meant for test vectors and for keys kept in an HSM-less vault.
    ///
    /// # Errors
    ///
    /// `key.rejected` unless `d` is in `[1, n−2]` (GB/T 32918.1 §6.1: for `d = n−1` the
    /// signer's `(1 + d)⁻¹` does not exist).
    pub fn from_sm2_private_key(d: &[u8; 32], kid: impl Into<String>) -> Result<Self> {
        use sm2::elliptic_curve::subtle::ConstantTimeEq as _;
        if bool::from(d.ct_eq(&SM2_ORDER_MINUS_ONE)) {
            return Err(rejected("SM2 private key must be in [1, n-2]"));
        }
        let key = sm2::dsa::SigningKey::from_slice(SM2_DEFAULT_USER_ID, d)
            .map_err(|_| rejected("SM2 private key must be in [1, n-2]"))?;
        let public: [u8; 65] = key
            .verifying_key()
            .to_sec1_bytes()
            .as_ref()
            .try_into()
            .map_err(|_| internal("SM2 key derivation"))?;
        Ok(Self {
            kid: kid.into(),
            secret: Secret::Sm2 {
                key,
                scalar: Zeroizing::new(*d),
            },
            public: VerifyingKey(PublicKey::Sm2(public)),
        })
    }

    /// Makes an Ed25519 key from its 32-byte seed (the RFC 8032 private key). Deterministic:
    /// meant for test vectors.
    ///
    /// # Errors
    ///
    /// `internal.crypto` only if *ring* fails unexpectedly.
    pub fn from_seed(seed: &[u8; 32], kid: impl Into<String>) -> Result<Self> {
        let pair = Ed25519KeyPair::from_seed_unchecked(seed)
            .map_err(|_| internal("Ed25519 key derivation"))?;
        let public: [u8; 32] = pair
            .public_key()
            .as_ref()
            .try_into()
            .map_err(|_| internal("Ed25519 key derivation"))?;
        Ok(Self {
            kid: kid.into(),
            secret: Secret::Ed25519 {
                pair,
                seed: Zeroizing::new(*seed),
            },
            // ring derived it from the seed: a valid prime-order point, decoded here once
            // (the load-policy checks of `validate_ed25519` are for keys from outside).
            public: VerifyingKey(PublicKey::Ed25519(
                ed25519_dalek::VerifyingKey::from_bytes(&public)
                    .map_err(|_| internal("Ed25519 key derivation"))?,
            )),
        })
    }

    fn from_es256_pair(pair: EcdsaKeyPair, pkcs8: Zeroizing<Vec<u8>>, kid: String) -> Result<Self> {
        let public: [u8; 65] = pair
            .public_key()
            .as_ref()
            .try_into()
            .map_err(|_| internal("P-256 key derivation"))?;
        Ok(Self {
            kid,
            secret: Secret::Es256 { pair, pkcs8 },
            public: VerifyingKey(PublicKey::Es256(public)),
        })
    }

    /// Loads an unencrypted PKCS#8 DER private key: Ed25519 (PKCS#8 v1 or v2), ECDSA P-256 or
    /// SM2 (`id-ecPublicKey` with the curve 1.2.156.10197.1.301, as OpenSSL, GmSSL and
    /// BouncyCastle write it).
    ///
    /// # Errors
    ///
    /// `key.invalid_format` if the bytes are not such a key; `key.rejected` if the private key
    /// is invalid or the embedded public key does not match it.
    pub fn from_pkcs8(der: &[u8], kid: impl Into<String>) -> Result<Self> {
        if let Some(sm2) = sm2_from_pkcs8(der)? {
            let key = Self::from_sm2_private_key(&sm2.scalar, kid).map_err(|_| {
                rejected("SM2 PKCS#8 key: the private key is invalid (not in [1, n-2])")
            })?;
            if let Some(public) = sm2.public {
                if public != key.public.as_bytes() {
                    return Err(rejected(
                        "SM2 PKCS#8 key: the public key does not match the private key",
                    ));
                }
            }
            return Ok(key);
        }
        let ed_error = match Ed25519KeyPair::from_pkcs8_maybe_unchecked(der) {
            Ok(pair) => {
                let seed = ed25519_seed_from_pkcs8(der)
                    .ok_or_else(|| invalid_format("Ed25519 PKCS#8 key cannot be decoded"))?;
                let key = Self::from_seed(&seed, kid)?;
                if key.public.as_bytes() != pair.public_key().as_ref() {
                    return Err(rejected(
                        "Ed25519 PKCS#8 key: the public key does not match the private key",
                    ));
                }
                return Ok(key);
            }
            Err(e) => e,
        };
        let ec_error = match EcdsaKeyPair::from_pkcs8(
            &ECDSA_P256_SHA256_FIXED_SIGNING,
            der,
            &SystemRandom::new(),
        ) {
            Ok(pair) => {
                return Self::from_es256_pair(pair, Zeroizing::new(der.to_vec()), kid.into());
            }
            Err(e) => e,
        };
        // The algorithm identifier tells which of the two errors is the relevant one.
        Err(
            match (is_wrong_algorithm(&ed_error), is_wrong_algorithm(&ec_error)) {
                (true, true) => {
                    invalid_format("PKCS#8 key is neither Ed25519, ECDSA P-256 nor SM2")
                }
                (false, true) => pkcs8_error("Ed25519", &ed_error),
                (true, false) => pkcs8_error("P-256", &ec_error),
                (false, false) => invalid_format("not an unencrypted PKCS#8 private key"),
            },
        )
    }

    /// The private key as unencrypted PKCS#8 DER (Ed25519: v1, RFC 8410 §7; SM2: `id-ecPublicKey`
    /// with the SM2 curve, `ECPrivateKey` with the public key, as OpenSSL writes it).
    #[must_use]
    pub fn to_pkcs8(&self) -> Zeroizing<Vec<u8>> {
        match &self.secret {
            Secret::Ed25519 { seed, .. } => {
                let mut out = Zeroizing::new(Vec::with_capacity(48));
                out.extend_from_slice(&ED25519_PKCS8_V1_PREFIX);
                out.extend_from_slice(&seed[..]);
                out
            }
            Secret::Es256 { pkcs8, .. } => pkcs8.clone(),
            Secret::Sm2 { scalar, .. } => {
                let mut out = Zeroizing::new(Vec::with_capacity(138));
                out.extend_from_slice(&[0x30, 0x81, 0x87, 0x02, 0x01, 0x00]);
                out.extend_from_slice(&SM2_PKCS8_ALGORITHM);
                out.extend_from_slice(&[0x04, 0x6d, 0x30, 0x6b, 0x02, 0x01, 0x01, 0x04, 0x20]);
                out.extend_from_slice(&scalar[..]);
                out.extend_from_slice(&[0xa1, 0x44, 0x03, 0x42, 0x00]);
                out.extend_from_slice(self.public.as_bytes());
                out
            }
        }
    }

    /// The SM2 private key `d` (32 bytes big-endian), or `None` for another algorithm.
    #[must_use]
    pub fn sm2_private_key(&self) -> Option<Zeroizing<[u8; 32]>> {
        match &self.secret {
            Secret::Sm2 { scalar, .. } => Some(scalar.clone()),
            _ => None,
        }
    }

    /// The private key as a PEM `PRIVATE KEY` document (PKCS#8, 64-character lines, final
    /// newline).
    #[must_use]
    pub fn to_pem(&self) -> Zeroizing<String> {
        let der = self.to_pkcs8();
        let lines = der.len().div_ceil(48);
        let capacity = PEM_BEGIN.len() + PEM_END.len() + 2 + der.len().div_ceil(3) * 4 + lines;
        let mut out = Zeroizing::new(String::with_capacity(capacity));
        out.push_str(PEM_BEGIN);
        out.push('\n');
        for chunk in der.chunks(48) {
            STANDARD.encode_string(chunk, &mut out);
            out.push('\n');
        }
        out.push_str(PEM_END);
        out.push('\n');
        out
    }

    /// The key id.
    #[must_use]
    pub fn kid(&self) -> &str {
        &self.kid
    }

    /// The same key under another key id.
    #[must_use]
    pub fn with_kid(mut self, kid: impl Into<String>) -> Self {
        self.kid = kid.into();
        self
    }

    /// The algorithm.
    #[must_use]
    pub fn algorithm(&self) -> Algorithm {
        self.public.algorithm()
    }

    /// The public key.
    #[must_use]
    pub fn verifying_key(&self) -> VerifyingKey {
        self.public.clone()
    }

    /// Signs `message`: 64 bytes for Ed25519 (deterministic), 64 bytes `r‖s` for ES256
    /// (randomised) and for SM2SM3 (deterministic; `e = SM3(Z_A ‖ message)` with the default
    /// user id).
    ///
    /// # Errors
    ///
    /// `internal.crypto` if the random number generator fails (ES256) or the SM2 signer fails.
    pub fn sign(&self, message: &[u8]) -> Result<Vec<u8>> {
        match &self.secret {
            Secret::Ed25519 { pair, .. } => Ok(pair.sign(message).as_ref().to_vec()),
            Secret::Es256 { pair, .. } => pair
                .sign(&SystemRandom::new(), message)
                .map(|sig| sig.as_ref().to_vec())
                .map_err(|_| internal("ES256 signing")),
            Secret::Sm2 { key, .. } => {
                use sm2::dsa::signature::Signer as _;
                key.try_sign(message)
                    .map(|sig| sig.to_bytes().to_vec())
                    .map_err(|_| internal("SM2 signing"))
            }
        }
    }
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningKey")
            .field("kid", &self.kid)
            .field("alg", &self.algorithm())
            .finish()
    }
}

impl Signer for SigningKey {
    fn kid(&self) -> &str {
        SigningKey::kid(self)
    }

    fn algorithm(&self) -> Algorithm {
        SigningKey::algorithm(self)
    }

    fn sign(&self, signing_input: &[u8]) -> Result<Vec<u8>> {
        SigningKey::sign(self, signing_input)
    }
}

#[derive(Clone, PartialEq, Eq, Hash)]
enum PublicKey {
    /// The 32 bytes and the point they decode to, decoded once when the key loads (equality
    /// and hashing by the bytes).
    Ed25519(ed25519_dalek::VerifyingKey),
    Es256([u8; 65]),
    Sm2([u8; 65]),
}

/// A validated public key: the algorithm and the raw public bytes (Ed25519: 32 bytes; P-256 and
/// SM2: 65 bytes uncompressed `0x04‖x‖y`). See the [module documentation](crate::keys) for the load policy.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct VerifyingKey(PublicKey);

fn validate_ed25519(bytes: &[u8; 32]) -> Result<ed25519_dalek::VerifyingKey> {
    let point = CompressedEdwardsY(*bytes)
        .decompress()
        .ok_or_else(|| rejected("Ed25519 public key is not a point on the curve"))?;
    if point.compress().as_bytes() != bytes {
        return Err(rejected("Ed25519 public key is not canonically encoded"));
    }
    if point.is_small_order() {
        return Err(rejected("Ed25519 public key is a small-order point"));
    }
    if !point.is_torsion_free() {
        return Err(rejected(
            "Ed25519 public key has a small-order component (mixed-order point)",
        ));
    }
    Ok(ed25519_dalek::VerifyingKey::from(point))
}

/// SHA-512 from *ring* (assembly on x86_64 and aarch64) behind the `digest` traits, for
/// ed25519-dalek's verification equation (`k = SHA-512(R ‖ A ‖ M)`).
#[derive(Clone)]
struct RingSha512(ring::digest::Context);

impl Default for RingSha512 {
    fn default() -> Self {
        Self(ring::digest::Context::new(&ring::digest::SHA512))
    }
}

impl digest::HashMarker for RingSha512 {}

impl digest::OutputSizeUser for RingSha512 {
    type OutputSize = digest::consts::U64;
}

impl digest::Update for RingSha512 {
    fn update(&mut self, data: &[u8]) {
        self.0.update(data);
    }
}

impl digest::FixedOutput for RingSha512 {
    fn finalize_into(self, out: &mut digest::Output<Self>) {
        // SHA-512 is 64 bytes, the size of `out`.
        for (o, d) in out.iter_mut().zip(self.0.finish().as_ref()) {
            *o = *d;
        }
    }
}

/// Ed25519 verification as RFC 8032 §5.1.7 without the cofactor (*ring*'s acceptance set):
/// `S` < L, `k = SHA-512(R ‖ A ‖ M)`, and `[S]B − [k]A` must encode to exactly the bytes of
/// `R` (so a non-canonical or mixed-order `R` never verifies). ed25519-dalek's `raw_verify`
/// over the point decoded at key load; the key itself was checked then (canonical, not small
/// order, torsion-free).
fn verify_ed25519(key: &ed25519_dalek::VerifyingKey, message: &[u8], signature: &[u8]) -> bool {
    <&[u8; 64]>::try_from(signature).is_ok_and(|sig| {
        ed25519_dalek::hazmat::raw_verify::<RingSha512>(
            key,
            message,
            &ed25519_dalek::Signature::from_bytes(sig),
        )
        .is_ok()
    })
}

fn validate_p256(bytes: &[u8; 65]) -> Result<()> {
    use ring::agreement::{ECDH_P256, EphemeralPrivateKey, UnparsedPublicKey, agree_ephemeral};
    let rng = SystemRandom::new();
    let ephemeral = EphemeralPrivateKey::generate(&ECDH_P256, &rng)
        .map_err(|_| internal("ephemeral P-256 key generation"))?;
    agree_ephemeral(
        ephemeral,
        &UnparsedPublicKey::new(&ECDH_P256, bytes),
        |_| (),
    )
    .map_err(|_| rejected("P-256 public key is not a point on the curve"))
}

fn validate_sm2(bytes: &[u8; 65]) -> Result<()> {
    sm2::PublicKey::from_sec1_bytes(bytes)
        .map(|_| ())
        .map_err(|_| rejected("SM2 public key is not a point on the curve"))
}

/// A JWK member that must be a string.
/// A JWK's optional `key_ops` must be an array of strings that includes `op` (RFC 7517 §4.3).
fn check_key_ops(obj: &Map<String, Value>, op: &str) -> Result<()> {
    let Some(ops) = obj.get("key_ops") else {
        return Ok(());
    };
    let list = ops
        .as_array()
        .filter(|list| list.iter().all(Value::is_string))
        .ok_or_else(|| invalid_format("JWK key_ops is not an array of strings").at("/key_ops"))?;
    if list.iter().any(|o| o == op) {
        Ok(())
    } else {
        Err(invalid_format(format!("JWK key_ops does not include \"{op}\"")).at("/key_ops"))
    }
}

fn jwk_str<'a>(obj: &'a Map<String, Value>, name: &str) -> Result<&'a str> {
    match obj.get(name) {
        Some(Value::String(s)) => Ok(s),
        Some(_) => Err(
            invalid_format(format!("JWK member {name:?} is not a string")).at(format!("/{name}")),
        ),
        None => {
            Err(invalid_format(format!("JWK member {name:?} is missing")).at(format!("/{name}")))
        }
    }
}

/// A JWK coordinate: base64url without padding, exactly 32 bytes.
fn jwk_coordinate(obj: &Map<String, Value>, name: &str) -> Result<[u8; 32]> {
    let text = jwk_str(obj, name)?;
    let path = format!("/{name}");
    let what = format!("JWK member {name:?}");
    let bytes = b64::decode(text, &what, &path)
        .map_err(|e| invalid_format(e.message()).at(path.as_str()))?;
    bytes.as_slice().try_into().map_err(|_| {
        invalid_format(format!("{what} must be 32 bytes, not {}", bytes.len())).at(path.as_str())
    })
}

impl VerifyingKey {
    /// Loads and validates raw public key bytes (Ed25519: 32 bytes; P-256 and SM2: 65 bytes
    /// uncompressed `0x04‖x‖y`).
    ///
    /// # Errors
    ///
    /// `key.rejected` for a wrong length, a non-canonical, small-order or mixed-order Ed25519
    /// key, or a P-256 or SM2 point that is not on its curve (see the module documentation).
    pub fn from_bytes(alg: Algorithm, bytes: &[u8]) -> Result<Self> {
        match alg {
            Algorithm::Ed25519 => {
                let arr: [u8; 32] = bytes.try_into().map_err(|_| {
                    rejected(format!(
                        "Ed25519 public key must be 32 bytes, not {}",
                        bytes.len()
                    ))
                })?;
                Ok(Self(PublicKey::Ed25519(validate_ed25519(&arr)?)))
            }
            Algorithm::Es256 => {
                let arr: [u8; 65] = bytes.try_into().map_err(|_| {
                    rejected(format!(
                        "P-256 public key must be 65 bytes (uncompressed 0x04||x||y), not {}",
                        bytes.len()
                    ))
                })?;
                let [0x04, ..] = arr else {
                    return Err(rejected(
                        "P-256 public key must be uncompressed (first byte 0x04)",
                    ));
                };
                validate_p256(&arr)?;
                Ok(Self(PublicKey::Es256(arr)))
            }
            Algorithm::Sm2 => {
                let arr: [u8; 65] = bytes.try_into().map_err(|_| {
                    rejected(format!(
                        "SM2 public key must be 65 bytes (uncompressed 0x04||x||y), not {}",
                        bytes.len()
                    ))
                })?;
                let [0x04, ..] = arr else {
                    return Err(rejected(
                        "SM2 public key must be uncompressed (first byte 0x04)",
                    ));
                };
                validate_sm2(&arr)?;
                Ok(Self(PublicKey::Sm2(arr)))
            }
        }
    }

    /// Loads a public JWK: `{"kty":"OKP","crv":"Ed25519","x":…}` (RFC 8037),
    /// `{"kty":"EC","crv":"P-256","x":…,"y":…}` (RFC 7518 §6.2) or
    /// `{"kty":"EC","crv":"SM2","x":…,"y":…}` (an SM2SM3 key).
    ///
    /// Optional members: `alg` (must be the key's algorithm; `EdDSA` is taken as Ed25519 here,
    /// since it describes the same key), `kid` (ignored), `use` (must be `sig`), `key_ops` (an
    /// array of strings that must include `verify`). Other members are ignored (RFC 7517 §4).
    /// Private JWKs are never imported. Error paths are JSON pointers inside the JWK.
    ///
    /// # Errors
    ///
    /// `key.invalid_format` for a malformed JWK (including a private member `d`);
    /// `key.rejected` when the key material fails the load policy.
    pub fn from_jwk(jwk: &Value) -> Result<Self> {
        let obj = jwk
            .as_object()
            .ok_or_else(|| invalid_format("JWK is not a JSON object").at(""))?;
        if obj.contains_key("d") {
            return Err(invalid_format(
                "JWK contains the private key member \"d\"; only public keys are imported",
            )
            .at("/d"));
        }
        let kty = jwk_str(obj, "kty")?;
        if kty != "OKP" && kty != "EC" {
            return Err(invalid_format(format!(
                "JWK kty {:?} is not supported (\"OKP\" or \"EC\")",
                kty.chars().take(40).collect::<String>()
            ))
            .at("/kty"));
        }
        let crv = jwk_str(obj, "crv")?;
        let (alg, bytes) = match (kty, crv) {
            ("OKP", "Ed25519") => {
                let x = jwk_coordinate(obj, "x")?;
                (Algorithm::Ed25519, x.to_vec())
            }
            ("EC", crv @ ("P-256" | "SM2")) => {
                let x = jwk_coordinate(obj, "x")?;
                let y = jwk_coordinate(obj, "y")?;
                let mut bytes = Vec::with_capacity(65);
                bytes.push(0x04);
                bytes.extend_from_slice(&x);
                bytes.extend_from_slice(&y);
                let alg = if crv == "SM2" {
                    Algorithm::Sm2
                } else {
                    Algorithm::Es256
                };
                (alg, bytes)
            }
            (_, other) => {
                return Err(invalid_format(format!(
                    "JWK crv {:?} is not supported with kty {kty:?} (OKP: \"Ed25519\"; EC: \"P-256\" or \"SM2\")",
                    other.chars().take(40).collect::<String>()
                ))
                .at("/crv"));
            }
        };
        if obj.contains_key("alg") {
            let name = jwk_str(obj, "alg")?;
            let matches = Algorithm::from_jws_name(name).ok() == Some(alg)
                || (alg == Algorithm::Ed25519 && name == "EdDSA");
            if !matches {
                return Err(invalid_format(format!(
                    "JWK alg {:?} does not match the {} key",
                    name.chars().take(40).collect::<String>(),
                    alg
                ))
                .at("/alg"));
            }
        }
        if obj.contains_key("use") && jwk_str(obj, "use")? != "sig" {
            return Err(invalid_format("JWK use must be \"sig\"").at("/use"));
        }
        check_key_ops(obj, "verify")?;
        Self::from_bytes(alg, &bytes)
    }

    /// The public JWK, without `kid` (callers add one): `{"kty":"OKP","crv":"Ed25519","x":…}`,
    /// `{"kty":"EC","crv":"P-256","x":…,"y":…}` or `{"kty":"EC","crv":"SM2","x":…,"y":…}`.
    #[must_use]
    pub fn to_jwk(&self) -> Value {
        match &self.0 {
            PublicKey::Ed25519(x) => serde_json::json!({
                "kty": "OKP", "crv": "Ed25519", "x": b64::encode(x.as_bytes()),
            }),
            PublicKey::Es256(point) => {
                let (x, y) = p256_coordinates(point);
                serde_json::json!({
                    "kty": "EC", "crv": "P-256", "x": b64::encode(x), "y": b64::encode(y),
                })
            }
            PublicKey::Sm2(point) => {
                let (x, y) = p256_coordinates(point);
                serde_json::json!({
                    "kty": "EC", "crv": "SM2", "x": b64::encode(x), "y": b64::encode(y),
                })
            }
        }
    }

    /// The algorithm.
    #[must_use]
    pub fn algorithm(&self) -> Algorithm {
        match self.0 {
            PublicKey::Ed25519(_) => Algorithm::Ed25519,
            PublicKey::Es256(_) => Algorithm::Es256,
            PublicKey::Sm2(_) => Algorithm::Sm2,
        }
    }

    /// The raw public bytes (Ed25519: 32; P-256 and SM2: 65, uncompressed).
    #[must_use]
    pub fn as_bytes(&self) -> &[u8] {
        match &self.0 {
            PublicKey::Ed25519(k) => k.as_bytes(),
            PublicKey::Es256(b) | PublicKey::Sm2(b) => b,
        }
    }

    /// The RFC 7638 JWK thumbprint (SHA-256, base64url without padding).
    #[must_use]
    pub fn thumbprint(&self) -> String {
        let canonical = match &self.0 {
            PublicKey::Ed25519(x) => {
                format!(
                    r#"{{"crv":"Ed25519","kty":"OKP","x":"{}"}}"#,
                    b64::encode(x.as_bytes())
                )
            }
            PublicKey::Es256(point) | PublicKey::Sm2(point) => {
                let (x, y) = p256_coordinates(point);
                let crv = if matches!(self.0, PublicKey::Sm2(_)) {
                    "SM2"
                } else {
                    "P-256"
                };
                format!(
                    r#"{{"crv":"{crv}","kty":"EC","x":"{}","y":"{}"}}"#,
                    b64::encode(x),
                    b64::encode(y)
                )
            }
        };
        b64::encode(ring::digest::digest(&ring::digest::SHA256, canonical.as_bytes()).as_ref())
    }

    /// Verifies `signature` over `message`.
    ///
    /// # Errors
    ///
    /// `signature.invalid` (constant message, no detail) on any failure, a wrong signature
    /// length included.
    pub fn verify(&self, message: &[u8], signature: &[u8]) -> Result<()> {
        let ok = match &self.0 {
            PublicKey::Ed25519(key) => verify_ed25519(key, message, signature),
            PublicKey::Es256(key) => {
                signature.len() == 64
                    && UnparsedPublicKey::new(&ECDSA_P256_SHA256_FIXED, key)
                        .verify(message, signature)
                        .is_ok()
            }
            PublicKey::Sm2(key) => verify_sm2(key, message, signature),
        };
        if ok {
            Ok(())
        } else {
            Err(Error::new(
                ErrorCode::SignatureInvalid,
                ErrorCode::SignatureInvalid.summary(),
            ))
        }
    }
}

/// SM2SM3 verification with the default user id: the signature is 64 bytes `r‖s`, both in
/// `[1, n−1]` (`Signature::from_slice`), then GB/T 32918.2 §7.1 (the `sm2` crate).
fn verify_sm2(key: &[u8; 65], message: &[u8], signature: &[u8]) -> bool {
    use sm2::dsa::signature::Verifier as _;
    let Ok(signature) = sm2::dsa::Signature::from_slice(signature) else {
        return false;
    };
    sm2::dsa::VerifyingKey::from_sec1_bytes(SM2_DEFAULT_USER_ID, key)
        .and_then(|vk| vk.verify(message, &signature))
        .is_ok()
}

/// Splits an uncompressed P-256 or SM2 point into its coordinates.
fn p256_coordinates(point: &[u8; 65]) -> (&[u8], &[u8]) {
    let xy = point.get(1..).unwrap_or_default();
    xy.split_at_checked(32).unwrap_or_default()
}

impl fmt::Debug for VerifyingKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VerifyingKey")
            .field("alg", &self.algorithm())
            .field("key", &b64::encode(self.as_bytes()))
            .finish()
    }
}
