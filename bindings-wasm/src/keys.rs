//! `SigningKey` and `VerifyingKey`.

use std::rc::Rc;

use js_sys::Uint8Array;
use labourlink::keys::{Algorithm, SigningKey as CoreSigningKey, VerifyingKey as CoreVerifyingKey};
use labourlink::{Error, ErrorCode};
use wasm_bindgen::prelude::*;
use zeroize::Zeroizing;

use crate::convert::{from_js, key_input_bytes, put, req_bytes, req_string, to_js};
use crate::errors::{js_err, type_error};

/// Secret input (a string as UTF-8, or a `Uint8Array`), zeroised when dropped.
fn secret_input(v: &JsValue, what: &str) -> Result<Zeroizing<Vec<u8>>, JsValue> {
    key_input_bytes(v, what).map(Zeroizing::new)
}

/// `obj[name]`, or `undefined`.
fn get(obj: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(obj, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

/// The `type` of a Node `KeyObject` or a WebCrypto `CryptoKey`: `"private"` or `"public"`.
fn key_type(key: &JsValue, what: &str) -> Result<String, JsValue> {
    let kind = get(key, "type").as_string();
    match kind.as_deref() {
        Some(kind @ ("private" | "public")) => Ok(kind.to_owned()),
        Some("secret") => Err(type_error(
            format!("{what} is a secret (symmetric) key, not a signing key"),
            None,
        )),
        _ => Err(type_error(format!("expected a {what}"), None)),
    }
}

/// The DER of a Node `KeyObject`: `keyObject.export({format: "der", type})` with `type`
/// `"pkcs8"` (private) or `"spki"` (public).
fn export_key_object(key: &JsValue, kind: &str) -> Result<Zeroizing<Vec<u8>>, JsValue> {
    let export = get(key, "export")
        .dyn_into::<js_sys::Function>()
        .map_err(|_| type_error("expected a Node KeyObject (with export())", None))?;
    let options: JsValue = js_sys::Object::new().into();
    put(&options, "format", &JsValue::from_str("der"));
    put(
        &options,
        "type",
        &JsValue::from_str(if kind == "private" { "pkcs8" } else { "spki" }),
    );
    let der = export.call1(key, &options)?;
    crate::convert::byte_array(&der)
        .map(|bytes| Zeroizing::new(bytes.to_vec()))
        .ok_or_else(|| type_error("KeyObject.export did not return DER bytes", None))
}

/// The DER of a WebCrypto `CryptoKey`: `crypto.subtle.exportKey("pkcs8" | "spki", key)`.
async fn export_crypto_key(key: &JsValue, kind: &str) -> Result<Zeroizing<Vec<u8>>, JsValue> {
    if get(key, "extractable").as_bool() != Some(true) {
        return Err(type_error(
            "the CryptoKey is not extractable: generate or import it with extractable = true",
            None,
        ));
    }
    let subtle = get(&get(&js_sys::global(), "crypto"), "subtle");
    let export = get(&subtle, "exportKey")
        .dyn_into::<js_sys::Function>()
        .map_err(|_| type_error("WebCrypto (crypto.subtle) is not available here", None))?;
    let format = JsValue::from_str(if kind == "private" { "pkcs8" } else { "spki" });
    let promise = export
        .call2(&subtle, &format, key)?
        .dyn_into::<js_sys::Promise>()
        .map_err(|_| type_error("crypto.subtle.exportKey did not return a Promise", None))?;
    let buffer = wasm_bindgen_futures::JsFuture::from(promise).await?;
    Ok(Zeroizing::new(Uint8Array::new(&buffer).to_vec()))
}

/// Node's `crypto` module, reached through `process.getBuiltinModule` (Node 20.16 and later).
fn node_crypto() -> Result<JsValue, JsValue> {
    let process = get(&js_sys::global(), "process");
    let builtin = get(&process, "getBuiltinModule")
        .dyn_into::<js_sys::Function>()
        .map_err(|_| {
            type_error(
                "toKeyObject needs Node.js 20.16 or later (process.getBuiltinModule); in a browser use toCryptoKey",
                None,
            )
        })?;
    builtin.call1(&process, &JsValue::from_str("node:crypto"))
}

/// A Node `KeyObject` made by `crypto.createPrivateKey` (PKCS#8 DER) or
/// `crypto.createPublicKey` (SPKI DER). The DER copy handed to Node is zeroed afterwards.
fn make_key_object(der: &[u8], private: bool) -> Result<JsValue, JsValue> {
    let crypto = node_crypto()?;
    let name = if private {
        "createPrivateKey"
    } else {
        "createPublicKey"
    };
    let create = get(&crypto, name)
        .dyn_into::<js_sys::Function>()
        .map_err(|_| type_error(format!("node:crypto has no {name}"), None))?;
    let bytes = Uint8Array::from(der);
    let options: JsValue = js_sys::Object::new().into();
    put(&options, "key", &bytes);
    put(&options, "format", &JsValue::from_str("der"));
    put(
        &options,
        "type",
        &JsValue::from_str(if private { "pkcs8" } else { "spki" }),
    );
    let made = create.call1(&crypto, &options);
    bytes.fill(0, 0, bytes.length());
    made
}

/// The WebCrypto import parameters of an algorithm; SM2 has none (WebCrypto does not define it).
fn webcrypto_params(alg: Algorithm) -> Result<JsValue, JsValue> {
    let params: JsValue = js_sys::Object::new().into();
    match alg {
        Algorithm::Ed25519 => put(&params, "name", &JsValue::from_str("Ed25519")),
        Algorithm::Es256 => {
            put(&params, "name", &JsValue::from_str("ECDSA"));
            put(&params, "namedCurve", &JsValue::from_str("P-256"));
        }
        other => {
            return Err(type_error(
                format!(
                    "WebCrypto has no {} keys: keep the key in labourlink (or export it with toPem)",
                    other.as_str()
                ),
                None,
            ));
        }
    }
    Ok(params)
}

/// `crypto.subtle.importKey` of PKCS#8 (private, usage `sign`) or SPKI (public, usage
/// `verify`) DER. The DER copy handed to WebCrypto is zeroed once the import has settled.
async fn make_crypto_key(
    der: &[u8],
    alg: Algorithm,
    private: bool,
    extractable: bool,
) -> Result<JsValue, JsValue> {
    let params = webcrypto_params(alg)?;
    let subtle = get(&get(&js_sys::global(), "crypto"), "subtle");
    let import = get(&subtle, "importKey")
        .dyn_into::<js_sys::Function>()
        .map_err(|_| type_error("WebCrypto (crypto.subtle) is not available here", None))?;
    let bytes = Uint8Array::from(der);
    let usages = js_sys::Array::of1(&JsValue::from_str(if private { "sign" } else { "verify" }));
    let args = js_sys::Array::of5(
        &JsValue::from_str(if private { "pkcs8" } else { "spki" }),
        &bytes,
        &params,
        &JsValue::from_bool(extractable),
        &usages,
    );
    let called = js_sys::Reflect::apply(&import, &subtle, &args);
    let result = match called.and_then(|p| {
        p.dyn_into::<js_sys::Promise>()
            .map_err(|_| type_error("crypto.subtle.importKey did not return a Promise", None))
    }) {
        Ok(promise) => wasm_bindgen_futures::JsFuture::from(promise).await,
        Err(e) => Err(e),
    };
    bytes.fill(0, 0, bytes.length());
    result
}

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
    /// Not callable: use `SigningKey.generate`, `fromPem`, `fromPkcs8`, `fromJwk`, … or `fromSeed`.
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
        Self::wrap(CoreSigningKey::from_pkcs8(&der, self::kid(&kid)?))
    }

    /// A key from PEM text or bytes: `PRIVATE KEY` (PKCS#8) or `EC PRIVATE KEY` /
    /// `SM2 PRIVATE KEY` (SEC1). An `ENCRYPTED PRIVATE KEY` needs `fromEncryptedPem`.
    #[wasm_bindgen(js_name = fromPem)]
    pub fn from_pem(
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] pem: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] kid: JsValue,
    ) -> Result<SigningKey, JsValue> {
        let pem = secret_input(&pem, "pem")?;
        Self::wrap(CoreSigningKey::from_pem(&*pem, self::kid(&kid)?))
    }

    /// A key from an `ENCRYPTED PRIVATE KEY` PEM (encrypted PKCS#8: PBES2 with PBKDF2 or
    /// scrypt, AES) and its password; a wrong password throws `KeyRejectedError` with the code
    /// `key.decryption_failed`.
    #[wasm_bindgen(js_name = fromEncryptedPem)]
    pub fn from_encrypted_pem(
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] pem: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] password: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] kid: JsValue,
    ) -> Result<SigningKey, JsValue> {
        let pem = secret_input(&pem, "pem")?;
        let password = secret_input(&password, "password")?;
        Self::wrap(CoreSigningKey::from_encrypted_pem(
            &*pem,
            &*password,
            self::kid(&kid)?,
        ))
    }

    /// A key from encrypted PKCS#8 DER and its password (see `fromEncryptedPem`).
    #[wasm_bindgen(js_name = fromEncryptedPkcs8)]
    pub fn from_encrypted_pkcs8(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] der: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] password: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] kid: JsValue,
    ) -> Result<SigningKey, JsValue> {
        let der = Zeroizing::new(req_bytes(&der, "der")?);
        let password = secret_input(&password, "password")?;
        Self::wrap(CoreSigningKey::from_encrypted_pkcs8(
            &der,
            &*password,
            self::kid(&kid)?,
        ))
    }

    /// A key from SEC1 `ECPrivateKey` DER (P-256 or SM2), as `openssl ec -outform DER` writes it.
    #[wasm_bindgen(js_name = fromSec1)]
    pub fn from_sec1(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] der: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] kid: JsValue,
    ) -> Result<SigningKey, JsValue> {
        let der = Zeroizing::new(req_bytes(&der, "der")?);
        Self::wrap(CoreSigningKey::from_sec1(&der, self::kid(&kid)?))
    }

    /// A key from a private JWK (with `d`): Ed25519 (OKP), P-256 or SM2 (EC, `crv: "SM2"`), as
    /// Node's `keyObject.export({format: "jwk"})` writes it. The kid is `kid`, else the JWK's.
    #[wasm_bindgen(js_name = fromJwk)]
    pub fn from_jwk(
        #[wasm_bindgen(unchecked_param_type = "PrivateJwk")] jwk: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "string | null")] kid: Option<JsValue>,
    ) -> Result<SigningKey, JsValue> {
        let value = from_js(&jwk, "")?;
        // Checked here: wasm-bindgen's own string conversion would trap on a number and
        // replace a lone surrogate.
        let kid = match kid {
            Some(k) if !k.is_undefined() && !k.is_null() => Some(self::kid(&k)?),
            _ => None,
        };
        Self::wrap(CoreSigningKey::from_jwk(&value, kid.as_deref()))
    }

    /// A key from a Node `KeyObject` of type `"private"` (asked for its PKCS#8 DER with
    /// `export({format: "der", type: "pkcs8"})`).
    #[wasm_bindgen(js_name = fromKeyObject)]
    pub fn from_key_object(
        #[wasm_bindgen(unchecked_param_type = "KeyObjectLike")] key: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] kid: JsValue,
    ) -> Result<SigningKey, JsValue> {
        if key_type(&key, "KeyObject")? != "private" {
            return Err(type_error(
                "a public KeyObject loads with VerifyingKey.fromKeyObject",
                None,
            ));
        }
        let der = export_key_object(&key, "private")?;
        Self::wrap(CoreSigningKey::from_pkcs8(&der, self::kid(&kid)?))
    }

    /// A key from a WebCrypto `CryptoKey` of type `"private"`, which must be extractable
    /// (`crypto.subtle.exportKey("pkcs8", key)`): Ed25519 or ECDSA P-256.
    #[wasm_bindgen(js_name = fromCryptoKey)]
    pub async fn from_crypto_key(
        #[wasm_bindgen(unchecked_param_type = "CryptoKey")] key: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] kid: JsValue,
    ) -> Result<SigningKey, JsValue> {
        let kid = self::kid(&kid)?;
        if key_type(&key, "CryptoKey")? != "private" {
            return Err(type_error(
                "a public CryptoKey loads with VerifyingKey.fromCryptoKey",
                None,
            ));
        }
        let der = export_crypto_key(&key, "private").await?;
        Self::wrap(CoreSigningKey::from_pkcs8(&der, kid))
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
        Self::wrap(CoreSigningKey::from_seed(seed, self::kid(&kid)?))
    }

    /// The key as a PEM `PRIVATE KEY` (PKCS#8) document.
    #[wasm_bindgen(js_name = toPem)]
    pub fn to_pem(&self) -> String {
        self.inner.to_pem().to_string()
    }

    /// The key as PKCS#8 DER bytes.
    #[wasm_bindgen(js_name = toPkcs8)]
    pub fn to_pkcs8(&self) -> Uint8Array {
        Uint8Array::from(self.inner.to_pkcs8().as_slice())
    }

    /// The key as a Node `KeyObject` of type `"private"` (`crypto.createPrivateKey` of its
    /// PKCS#8 DER), for `node:crypto` APIs. Node only (20.16 or later); in a browser use
    /// `toCryptoKey`.
    #[wasm_bindgen(js_name = toKeyObject, unchecked_return_type = "KeyObjectLike")]
    pub fn to_key_object(&self) -> Result<JsValue, JsValue> {
        make_key_object(&self.inner.to_pkcs8(), true)
    }

    /// The key as a WebCrypto `CryptoKey` of type `"private"` with usage `"sign"` (async:
    /// `crypto.subtle.importKey("pkcs8", …)`). Not extractable unless `extractable` is
    /// `true`. Ed25519 and ES256; WebCrypto has no SM2, so an SM2SM3 key is a `TypeError`.
    #[wasm_bindgen(js_name = toCryptoKey, unchecked_return_type = "Promise<CryptoKey>")]
    pub fn to_crypto_key(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "boolean | null")] extractable: Option<
            JsValue,
        >,
    ) -> js_sys::Promise {
        // Only `true` makes the secret extractable: wasm-bindgen would take any truthy value
        // (even the string "false") as true. Another type is a rejected promise, as every
        // failure of this async method is.
        let extractable = match extractable {
            Some(e) if !e.is_undefined() && !e.is_null() => match e.as_bool() {
                Some(b) => b,
                None => {
                    return js_sys::Promise::reject(&type_error(
                        "extractable must be a boolean",
                        None,
                    ));
                }
            },
            _ => false,
        };
        let der = self.inner.to_pkcs8();
        let alg = self.inner.algorithm();
        wasm_bindgen_futures::future_to_promise(async move {
            make_crypto_key(&der, alg, true, extractable).await
        })
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

/// A public key (Ed25519, P-256 or SM2), validated when loaded: small-order or non-canonical
/// Ed25519 keys and points off the P-256 or SM2 curve are refused (`key.rejected`).
#[wasm_bindgen]
pub struct VerifyingKey {
    pub(crate) inner: CoreVerifyingKey,
    kid: Option<String>,
}

impl VerifyingKey {
    /// The public key of exported DER: SPKI for a public key, PKCS#8 for a private one.
    fn from_der_of(kind: &str, der: &[u8]) -> Result<VerifyingKey, JsValue> {
        let inner = if kind == "private" {
            CoreSigningKey::from_pkcs8(der, "").map(|k| k.verifying_key())
        } else {
            CoreVerifyingKey::from_spki(der)
        };
        inner
            .map(|inner| VerifyingKey { inner, kid: None })
            .map_err(js_err)
    }
}

#[wasm_bindgen]
impl VerifyingKey {
    /// Not callable: use `VerifyingKey.fromJwk`, `fromSpkiPem`, `fromCertificate`, … or
    /// `signingKey.verifyingKey()`.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<VerifyingKey, JsValue> {
        Err(type_error(
            "use VerifyingKey.fromJwk(jwk), fromSpkiPem(pem), fromCertificate(data), fromBytes(alg, bytes) or signingKey.verifyingKey()",
            None,
        ))
    }

    /// A key from a public JWK (`{kty: "OKP", crv: "Ed25519", x}` or
    /// `{kty: "EC", crv: "P-256", x, y}`); private JWKs are refused. Its `kid` member, if
    /// any, is kept (as in Python), so `fromJwk(vk.toJwk())` gives the same key and kid.
    #[wasm_bindgen(js_name = fromJwk)]
    pub fn from_jwk(
        #[wasm_bindgen(unchecked_param_type = "Jwk")] jwk: JsValue,
    ) -> Result<VerifyingKey, JsValue> {
        let value = from_js(&jwk, "")?;
        let kid = value
            .get("kid")
            .and_then(serde_json::Value::as_str)
            .map(str::to_owned);
        CoreVerifyingKey::from_jwk(&value)
            .map(|inner| VerifyingKey { inner, kid })
            .map_err(js_err)
    }

    /// A key from `SubjectPublicKeyInfo` DER (Ed25519, P-256 or SM2).
    #[wasm_bindgen(js_name = fromSpki)]
    pub fn from_spki(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] der: JsValue,
    ) -> Result<VerifyingKey, JsValue> {
        CoreVerifyingKey::from_spki(&req_bytes(&der, "der")?)
            .map(|inner| VerifyingKey { inner, kid: None })
            .map_err(js_err)
    }

    /// A key from a PEM `PUBLIC KEY` document (SPKI), text or bytes.
    #[wasm_bindgen(js_name = fromSpkiPem)]
    pub fn from_spki_pem(
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] pem: JsValue,
    ) -> Result<VerifyingKey, JsValue> {
        CoreVerifyingKey::from_spki_pem(key_input_bytes(&pem, "pem")?)
            .map(|inner| VerifyingKey { inner, kid: None })
            .map_err(js_err)
    }

    /// The public key of an X.509 certificate, PEM (the first of a chain) or DER. Only the key
    /// is taken: the certificate's signature, issuer and validity are not checked and are not
    /// trust — the trust list alone says which key may sign for whom.
    #[wasm_bindgen(js_name = fromCertificate)]
    pub fn from_certificate(
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] data: JsValue,
    ) -> Result<VerifyingKey, JsValue> {
        CoreVerifyingKey::from_certificate(key_input_bytes(&data, "certificate")?)
            .map(|inner| VerifyingKey { inner, kid: None })
            .map_err(js_err)
    }

    /// A key from a Node `KeyObject`: a public one (its SPKI DER) or a private one (its public
    /// half).
    #[wasm_bindgen(js_name = fromKeyObject)]
    pub fn from_key_object(
        #[wasm_bindgen(unchecked_param_type = "KeyObjectLike")] key: JsValue,
    ) -> Result<VerifyingKey, JsValue> {
        let kind = key_type(&key, "KeyObject")?;
        let der = export_key_object(&key, &kind)?;
        Self::from_der_of(&kind, &der)
    }

    /// A key from a WebCrypto `CryptoKey`: a public one (`exportKey("spki")`) or an
    /// extractable private one (its public half).
    #[wasm_bindgen(js_name = fromCryptoKey)]
    pub async fn from_crypto_key(
        #[wasm_bindgen(unchecked_param_type = "CryptoKey")] key: JsValue,
    ) -> Result<VerifyingKey, JsValue> {
        let kind = key_type(&key, "CryptoKey")?;
        let der = export_crypto_key(&key, &kind).await?;
        Self::from_der_of(&kind, &der)
    }

    /// The public key as `SubjectPublicKeyInfo` DER (for `crypto.createPublicKey({key, format:
    /// "der", type: "spki"})` or `crypto.subtle.importKey("spki", …)`).
    #[wasm_bindgen(js_name = toSpki)]
    pub fn to_spki(&self) -> Uint8Array {
        Uint8Array::from(self.inner.to_spki().as_slice())
    }

    /// The public key as a Node `KeyObject` of type `"public"` (`crypto.createPublicKey` of
    /// its SPKI DER). Node only (20.16 or later); in a browser use `toCryptoKey`.
    #[wasm_bindgen(js_name = toKeyObject, unchecked_return_type = "KeyObjectLike")]
    pub fn to_key_object(&self) -> Result<JsValue, JsValue> {
        make_key_object(&self.inner.to_spki(), false)
    }

    /// The public key as a WebCrypto `CryptoKey` of type `"public"` with usage `"verify"`
    /// (async: `crypto.subtle.importKey("spki", …)`; public keys are extractable). Ed25519
    /// and ES256; WebCrypto has no SM2, so an SM2 key is a `TypeError`.
    #[wasm_bindgen(js_name = toCryptoKey, unchecked_return_type = "Promise<CryptoKey>")]
    pub fn to_crypto_key(&self) -> js_sys::Promise {
        let der = self.inner.to_spki();
        let alg = self.inner.algorithm();
        wasm_bindgen_futures::future_to_promise(async move {
            make_crypto_key(&der, alg, false, true).await
        })
    }

    /// The public key as a PEM `PUBLIC KEY` document.
    #[wasm_bindgen(js_name = toSpkiPem)]
    pub fn to_spki_pem(&self) -> String {
        self.inner.to_spki_pem()
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

    /// The public JWK, with `kid` when the key has one (as Python's `to_jwk`): a key with a
    /// kid gives an anchor's JWK as it is.
    #[wasm_bindgen(js_name = toJwk, unchecked_return_type = "Jwk")]
    pub fn to_jwk(&self) -> JsValue {
        let mut jwk = self.inner.to_jwk();
        if let (Some(kid), Some(obj)) = (&self.kid, jwk.as_object_mut()) {
            obj.insert("kid".to_owned(), kid.clone().into());
        }
        to_js(&jwk)
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
