//! TEMPORARY stub (replaced by the full key module).
#![allow(missing_docs, clippy::missing_errors_doc)]
use crate::error::{Error, ErrorCode, Result};
use ring::signature::{self, KeyPair as _};
use std::fmt;
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Algorithm {
    Ed25519,
    Es256,
}
impl Algorithm {
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Ed25519 => "Ed25519",
            Self::Es256 => "ES256",
        }
    }
    pub fn from_jws_name(s: &str) -> Result<Self> {
        match s {
            "Ed25519" => Ok(Self::Ed25519),
            "ES256" => Ok(Self::Es256),
            _ => Err(Error::new(
                ErrorCode::JwsAlgorithmNotAllowed,
                format!("alg {s:?} is not allowed"),
            )),
        }
    }
}
impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
impl std::str::FromStr for Algorithm {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Self::from_jws_name(s)
    }
}
pub struct SigningKey {
    kid: String,
    pair: signature::Ed25519KeyPair,
}
impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningKey")
            .field("kid", &self.kid)
            .finish()
    }
}
impl SigningKey {
    pub fn generate(_alg: Algorithm, kid: impl Into<String>) -> Result<Self> {
        Self::from_ed25519_seed(&[7; 32], kid)
    }
    pub fn from_ed25519_seed(seed: &[u8; 32], kid: impl Into<String>) -> Result<Self> {
        Ok(Self {
            kid: kid.into(),
            pair: signature::Ed25519KeyPair::from_seed_unchecked(seed)
                .map_err(|_| Error::new(ErrorCode::KeyRejected, "bad seed"))?,
        })
    }
    pub fn from_pkcs8_der(der: &[u8], kid: impl Into<String>) -> Result<Self> {
        Ok(Self {
            kid: kid.into(),
            pair: signature::Ed25519KeyPair::from_pkcs8_maybe_unchecked(der)
                .map_err(|_| Error::new(ErrorCode::KeyInvalidFormat, "bad pkcs8"))?,
        })
    }
    pub fn from_pem(_pem: &str, _kid: impl Into<String>) -> Result<Self> {
        Err(Error::new(ErrorCode::KeyInvalidFormat, "stub"))
    }
    #[must_use]
    pub fn to_pem(&self) -> zeroize::Zeroizing<String> {
        zeroize::Zeroizing::new(String::new())
    }
    #[must_use]
    pub fn kid(&self) -> &str {
        &self.kid
    }
    #[must_use]
    pub fn with_kid(mut self, kid: impl Into<String>) -> Self {
        self.kid = kid.into();
        self
    }
    #[must_use]
    pub fn algorithm(&self) -> Algorithm {
        Algorithm::Ed25519
    }
    #[must_use]
    pub fn verifying_key(&self) -> VerifyingKey {
        VerifyingKey {
            alg: Algorithm::Ed25519,
            bytes: self.pair.public_key().as_ref().to_vec(),
        }
    }
    pub fn sign(&self, message: &[u8]) -> Result<Vec<u8>> {
        Ok(self.pair.sign(message).as_ref().to_vec())
    }
}
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct VerifyingKey {
    alg: Algorithm,
    bytes: Vec<u8>,
}
impl VerifyingKey {
    pub fn from_bytes(alg: Algorithm, bytes: &[u8]) -> Result<Self> {
        Ok(Self {
            alg,
            bytes: bytes.to_vec(),
        })
    }
    pub fn from_jwk(jwk: &serde_json::Value) -> Result<Self> {
        let x = jwk.get("x").and_then(|v| v.as_str()).unwrap_or("");
        Self::from_bytes(Algorithm::Ed25519, &crate::b64::decode(x, "x", "/x")?)
    }
    #[must_use]
    pub fn to_jwk(&self) -> serde_json::Value {
        serde_json::json!({"kty":"OKP","crv":"Ed25519","x": crate::b64::encode(&self.bytes)})
    }
    #[must_use]
    pub fn algorithm(&self) -> Algorithm {
        self.alg
    }
    #[must_use]
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }
    #[must_use]
    pub fn thumbprint(&self) -> String {
        String::new()
    }
    pub fn verify(&self, message: &[u8], sig: &[u8]) -> Result<()> {
        signature::UnparsedPublicKey::new(&signature::ED25519, &self.bytes)
            .verify(message, sig)
            .map_err(|_| Error::new(ErrorCode::SignatureInvalid, "signature is invalid"))
    }
}
pub trait Signer: Send + Sync {
    fn kid(&self) -> &str;
    fn algorithm(&self) -> Algorithm;
    fn sign(&self, signing_input: &[u8]) -> Result<Vec<u8>>;
}
impl Signer for SigningKey {
    fn kid(&self) -> &str {
        &self.kid
    }
    fn algorithm(&self) -> Algorithm {
        Algorithm::Ed25519
    }
    fn sign(&self, m: &[u8]) -> Result<Vec<u8>> {
        SigningKey::sign(self, m)
    }
}
