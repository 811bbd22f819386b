//! `SigningKey` and `VerifyingKey`.

use std::rc::Rc;

use js_sys::Uint8Array;
use labourlink::keys::{Algorithm, SigningKey as CoreSigningKey, VerifyingKey as CoreVerifyingKey};
use labourlink::{Error, ErrorCode};
use wasm_bindgen::prelude::*;
use zeroize::Zeroizing;

use crate::convert::{from_js, put, req_bytes, req_string, to_js};
use crate::errors::{js_err, type_error};

fn algorithm(v: &JsValue) -> Result<Algorithm, JsValue> {
    Algorithm::from_jws_name(&req_string(v, "algorithm")?).map_err(js_err)
}

fn kid(v: &JsValue) -> Result<String, JsValue> {
    req_string(v, "kid")
}

/// A private signing key (Ed25519, ES256 or SM2SM3) with its key id. Secret bytes live in WebAssembly
/// memory and are zeroised when the key is freed (`free()`, `using`, or garbage collection).
#[wasm_bindgen]
pub struct SigningKey {
    pub(crate) inner: Rc<CoreSigningKey>,
}

impl SigningKey {
    fn wrap(key: labourlink::Result<CoreSigningKey>) -> Result<SigningKey, JsValue> {
        key.map(|k| SigningKey { inner: Rc::new(k) })
            .map_err(js_err)
    }
}

#[wasm_bindgen]
impl SigningKey {
    /// Not callable: use `SigningKey.generate`, `fromPem`, `fromPkcs8` or `fromSeed`.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<SigningKey, JsValue> {
        Err(type_error(
            "use SigningKey.generate(alg, kid), fromPem, fromPkcs8 or fromSeed",
            None,
        ))
    }

    /// A fresh key (randomness from Web Crypto's `getRandomValues`).
    pub fn generate(
        #[wasm_bindgen(unchecked_param_type = "Algorithm")] alg: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] kid: JsValue,
    ) -> Result<SigningKey, JsValue> {
        Self::wrap(CoreSigningKey::generate(algorithm(&alg)?, self::kid(&kid)?))
    }

    /// A key from an unencrypted PKCS#8 DER document (Ed25519 or P-256).
    #[wasm_bindgen(js_name = fromPkcs8)]
    pub fn from_pkcs8(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] der: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] kid: JsValue,
    ) -> Result<SigningKey, JsValue> {
        let der = Zeroizing::new(req_bytes(&der, "der")?);
        Self::wrap(CoreSigningKey::from_pkcs8_der(&der, self::kid(&kid)?))
    }

    /// A key from a PEM `PRIVATE KEY` (unencrypted PKCS#8) document.
    #[wasm_bindgen(js_name = fromPem)]
    pub fn from_pem(
        #[wasm_bindgen(unchecked_param_type = "string")] pem: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] kid: JsValue,
    ) -> Result<SigningKey, JsValue> {
        let pem = Zeroizing::new(req_string(&pem, "pem")?);
        Self::wrap(CoreSigningKey::from_pem(&pem, self::kid(&kid)?))
    }

    /// An Ed25519 key from a 32-byte seed (deterministic test keys and conformance vectors).
    #[wasm_bindgen(js_name = fromSeed)]
    pub fn from_seed(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] seed: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] kid: JsValue,
    ) -> Result<SigningKey, JsValue> {
        let bytes = Zeroizing::new(req_bytes(&seed, "seed")?);
        let seed: &[u8; 32] = bytes.as_slice().try_into().map_err(|_| {
            js_err(Error::new(
                ErrorCode::KeyInvalidFormat,
                format!("an Ed25519 seed is 32 bytes, not {}", bytes.len()),
            ))
        })?;
        Self::wrap(CoreSigningKey::from_ed25519_seed(seed, self::kid(&kid)?))
    }

    /// The key as a PEM `PRIVATE KEY` (PKCS#8) document.
    #[wasm_bindgen(js_name = toPem)]
    pub fn to_pem(&self) -> String {
        self.inner.to_pem().to_string()
    }

    /// The key as PKCS#8 DER bytes.
    #[wasm_bindgen(js_name = toPkcs8)]
    pub fn to_pkcs8(&self) -> Uint8Array {
        Uint8Array::from(self.inner.to_pkcs8_der().as_slice())
    }

    /// The public half (carrying this key's kid).
    #[wasm_bindgen(js_name = verifyingKey)]
    pub fn verifying_key(&self) -> VerifyingKey {
        VerifyingKey {
            inner: self.inner.verifying_key(),
            kid: Some(self.inner.kid().to_owned()),
        }
    }

    /// Signs raw bytes (not a labourlink message: use `sign(document, keys)` for documents).
    pub fn sign(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] message: JsValue,
    ) -> Result<Uint8Array, JsValue> {
        let message = req_bytes(&message, "message")?;
        let sig = self.inner.sign(&message).map_err(js_err)?;
        Ok(Uint8Array::from(sig.as_slice()))
    }

    /// The key id written into signatures.
    #[wasm_bindgen(getter)]
    pub fn kid(&self) -> String {
        self.inner.kid().to_owned()
    }

    /// `"Ed25519"`, `"ES256"` or `"SM2SM3"`.
    #[wasm_bindgen(getter, unchecked_return_type = "Algorithm")]
    pub fn algorithm(&self) -> String {
        self.inner.algorithm().as_str().to_owned()
    }

    /// `{kid, algorithm}` — never the secret (so `JSON.stringify` and loggers are safe).
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "{ kid: string; algorithm: Algorithm }")]
    pub fn to_json(&self) -> JsValue {
        let o: JsValue = js_sys::Object::new().into();
        put(&o, "kid", &JsValue::from_str(self.inner.kid()));
        put(
            &o,
            "algorithm",
            &JsValue::from_str(self.inner.algorithm().as_str()),
        );
        o
    }
}

/// A public key (Ed25519 or P-256), validated when loaded: small-order or non-canonical
/// Ed25519 keys and points off the P-256 curve are refused (`key.rejected`).
#[wasm_bindgen]
pub struct VerifyingKey {
    pub(crate) inner: CoreVerifyingKey,
    kid: Option<String>,
}

#[wasm_bindgen]
impl VerifyingKey {
    /// Not callable: use `VerifyingKey.fromJwk` or `fromBytes`, or `signingKey.verifyingKey()`.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<VerifyingKey, JsValue> {
        Err(type_error(
            "use VerifyingKey.fromJwk(jwk), VerifyingKey.fromBytes(alg, bytes) or signingKey.verifyingKey()",
            None,
        ))
    }

    /// A key from a public JWK (`{kty: "OKP", crv: "Ed25519", x}` or
    /// `{kty: "EC", crv: "P-256", x, y}`); private JWKs are refused.
    #[wasm_bindgen(js_name = fromJwk)]
    pub fn from_jwk(
        #[wasm_bindgen(unchecked_param_type = "Jwk")] jwk: JsValue,
    ) -> Result<VerifyingKey, JsValue> {
        let value = from_js(&jwk, "")?;
        CoreVerifyingKey::from_jwk(&value)
            .map(|inner| VerifyingKey { inner, kid: None })
            .map_err(js_err)
    }

    /// A key from raw public bytes (Ed25519: 32; P-256: 65, uncompressed).
    #[wasm_bindgen(js_name = fromBytes)]
    pub fn from_bytes(
        #[wasm_bindgen(unchecked_param_type = "Algorithm")] alg: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: JsValue,
    ) -> Result<VerifyingKey, JsValue> {
        CoreVerifyingKey::from_bytes(algorithm(&alg)?, &req_bytes(&bytes, "bytes")?)
            .map(|inner| VerifyingKey { inner, kid: None })
            .map_err(js_err)
    }

    /// The public JWK (without `kid`).
    #[wasm_bindgen(js_name = toJwk, unchecked_return_type = "Jwk")]
    pub fn to_jwk(&self) -> JsValue {
        to_js(&self.inner.to_jwk())
    }

    /// The raw public bytes.
    #[wasm_bindgen(js_name = toBytes)]
    pub fn to_bytes(&self) -> Uint8Array {
        Uint8Array::from(self.inner.as_bytes())
    }

    /// The key id, when the key has one (from `signingKey.verifyingKey()` or `withKid`).
    #[wasm_bindgen(getter)]
    pub fn kid(&self) -> Option<String> {
        self.kid.clone()
    }

    /// The same key with a key id.
    #[wasm_bindgen(js_name = withKid)]
    pub fn with_kid(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] kid: JsValue,
    ) -> Result<VerifyingKey, JsValue> {
        Ok(VerifyingKey {
            inner: self.inner.clone(),
            kid: Some(req_string(&kid, "kid")?),
        })
    }

    /// Checks a raw signature over raw bytes; throws `SignatureError` when it does not verify.
    pub fn verify(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] message: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] signature: JsValue,
    ) -> Result<(), JsValue> {
        let message = req_bytes(&message, "message")?;
        let signature = req_bytes(&signature, "signature")?;
        self.inner.verify(&message, &signature).map_err(js_err)
    }

    /// The RFC 7638 JWK thumbprint (SHA-256, base64url).
    #[wasm_bindgen(getter)]
    pub fn thumbprint(&self) -> String {
        self.inner.thumbprint()
    }

    /// `"Ed25519"`, `"ES256"` or `"SM2SM3"`.
    #[wasm_bindgen(getter, unchecked_return_type = "Algorithm")]
    pub fn algorithm(&self) -> String {
        self.inner.algorithm().as_str().to_owned()
    }

    /// Whether both are the same public key.
    pub fn equals(&self, other: &VerifyingKey) -> bool {
        self.inner == other.inner
    }

    /// The public JWK (so `JSON.stringify(key)` gives it).
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "Jwk")]
    pub fn to_json(&self) -> JsValue {
        self.to_jwk()
    }
}
