//! `SigningKey` and `VerifyingKey`.

use labourlink::ErrorCode;
use labourlink::keys::{Algorithm, SigningKey, VerifyingKey};
use labourlink::trust::Anchor;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};
use zeroize::Zeroizing;

use crate::convert::{Numbers, input_bytes, quoted, req_dict, to_py, to_value};
use crate::errors::{IntoPyResult as _, coded};

/// `cryptography`'s serialization module, imported only when a conversion asks for it (the
/// package does not depend on `cryptography`).
fn serialization(py: Python<'_>) -> PyResult<Bound<'_, PyModule>> {
    py.import("cryptography.hazmat.primitives.serialization")
}

/// Secret input bytes (str as UTF-8, bytes, bytearray), zeroised when dropped.
fn secret_bytes(data: &Bound<'_, PyAny>) -> PyResult<Zeroizing<Vec<u8>>> {
    input_bytes(data).map(Zeroizing::new)
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map_or_else(|_| "object".to_owned(), |n| n.to_string())
}

fn algorithm(py: Python<'_>, name: &str) -> PyResult<Algorithm> {
    Algorithm::from_jws_name(name).py_err(py)
}

/// A private signing key with its key id (kid). Not picklable; ``repr`` shows only kid and
/// algorithm.
#[pyclass(frozen, module = "labourlink._native", name = "SigningKey")]
pub(crate) struct PySigningKey {
    pub(crate) inner: SigningKey,
}

#[pymethods]
impl PySigningKey {
    /// A fresh key from the operating system's random number generator.
    #[staticmethod]
    #[pyo3(signature = (alg = String::from("Ed25519"), *, kid))]
    #[pyo3(text_signature = "(alg='Ed25519', *, kid)")]
    fn generate(py: Python<'_>, alg: String, kid: String) -> PyResult<Self> {
        let alg = algorithm(py, &alg)?;
        Ok(Self {
            inner: SigningKey::generate(alg, kid).py_err(py)?,
        })
    }

    /// A key from unencrypted PKCS#8 DER bytes (Ed25519 or P-256).
    #[staticmethod]
    #[pyo3(signature = (der, *, kid))]
    fn from_pkcs8(py: Python<'_>, der: &Bound<'_, PyAny>, kid: String) -> PyResult<Self> {
        let der = input_bytes(der)?;
        Ok(Self {
            inner: SigningKey::from_pkcs8(&der, kid).py_err(py)?,
        })
    }

    /// A key from PEM text or bytes: ``PRIVATE KEY`` (PKCS#8) or ``EC PRIVATE KEY`` /
    /// ``SM2 PRIVATE KEY`` (SEC1).
    #[staticmethod]
    #[pyo3(signature = (pem, *, kid))]
    fn from_pem(py: Python<'_>, pem: &Bound<'_, PyAny>, kid: String) -> PyResult<Self> {
        let pem = secret_bytes(pem)?;
        Ok(Self {
            inner: SigningKey::from_pem(&*pem, kid).py_err(py)?,
        })
    }

    /// A key from an ``ENCRYPTED PRIVATE KEY`` PEM (encrypted PKCS#8, PBES2) and its password.
    #[staticmethod]
    #[pyo3(signature = (pem, password, *, kid))]
    fn from_encrypted_pem(
        py: Python<'_>,
        pem: &Bound<'_, PyAny>,
        password: &Bound<'_, PyAny>,
        kid: String,
    ) -> PyResult<Self> {
        let pem = secret_bytes(pem)?;
        let password = secret_bytes(password)?;
        Ok(Self {
            inner: SigningKey::from_encrypted_pem(&*pem, &*password, kid).py_err(py)?,
        })
    }

    /// A key from encrypted PKCS#8 DER (``EncryptedPrivateKeyInfo``, PBES2) and its password.
    #[staticmethod]
    #[pyo3(signature = (der, password, *, kid))]
    fn from_encrypted_pkcs8(
        py: Python<'_>,
        der: &Bound<'_, PyAny>,
        password: &Bound<'_, PyAny>,
        kid: String,
    ) -> PyResult<Self> {
        let der = secret_bytes(der)?;
        let password = secret_bytes(password)?;
        Ok(Self {
            inner: SigningKey::from_encrypted_pkcs8(&der, &*password, kid).py_err(py)?,
        })
    }

    /// A key from SEC1 ``ECPrivateKey`` DER (P-256 or SM2), as ``openssl ec -outform DER``
    /// writes it.
    #[staticmethod]
    #[pyo3(signature = (der, *, kid))]
    fn from_sec1(py: Python<'_>, der: &Bound<'_, PyAny>, kid: String) -> PyResult<Self> {
        let der = secret_bytes(der)?;
        Ok(Self {
            inner: SigningKey::from_sec1(&der, kid).py_err(py)?,
        })
    }

    /// A key from a private JWK dict (with ``d``); the kid is ``kid`` or the JWK's ``kid``.
    #[staticmethod]
    #[pyo3(signature = (jwk, *, kid = None))]
    fn from_jwk(py: Python<'_>, jwk: &Bound<'_, PyAny>, kid: Option<String>) -> PyResult<Self> {
        let value = to_value(req_dict(jwk, "jwk")?.as_any(), Numbers::Document)?;
        Ok(Self {
            inner: SigningKey::from_jwk(&value, kid.as_deref()).py_err(py)?,
        })
    }

    /// A key from a ``cryptography`` private key object: it is asked for its unencrypted
    /// PKCS#8 DER (``private_bytes``).
    #[staticmethod]
    #[pyo3(signature = (key, *, kid))]
    fn from_cryptography(py: Python<'_>, key: &Bound<'_, PyAny>, kid: String) -> PyResult<Self> {
        if !key.hasattr("private_bytes")? {
            return Err(PyTypeError::new_err(format!(
                "expected a cryptography private key (with private_bytes), got {}; \
                 a public key loads with VerifyingKey.from_cryptography",
                type_name(key)
            )));
        }
        let ser = serialization(py)?;
        let der = key.call_method1(
            "private_bytes",
            (
                ser.getattr("Encoding")?.getattr("DER")?,
                ser.getattr("PrivateFormat")?.getattr("PKCS8")?,
                ser.getattr("NoEncryption")?.call0()?,
            ),
        )?;
        let der = secret_bytes(&der)?;
        Ok(Self {
            inner: SigningKey::from_pkcs8(&der, kid).py_err(py)?,
        })
    }

    /// The key as a ``cryptography`` private key object (``load_der_private_key`` of its
    /// PKCS#8); needs ``cryptography``, which has no SM2.
    fn to_cryptography<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let der = self.inner.to_pkcs8();
        serialization(py)?.call_method1("load_der_private_key", (PyBytes::new(py, &der), py.None()))
    }

    /// An Ed25519 key from a 32-byte seed (deterministic test keys only).
    #[staticmethod]
    #[pyo3(signature = (seed, *, kid))]
    fn from_seed(py: Python<'_>, seed: &Bound<'_, PyAny>, kid: String) -> PyResult<Self> {
        // Bytes only: 32 typed characters would make a key of almost no entropy.
        if seed.is_instance_of::<PyString>() {
            return Err(PyTypeError::new_err(
                "seed must be bytes (32 random bytes), not str",
            ));
        }
        let seed = input_bytes(seed)?;
        let seed: [u8; 32] = seed.as_slice().try_into().map_err(|_| {
            coded(
                py,
                ErrorCode::KeyInvalidFormat,
                format!("an Ed25519 seed is 32 bytes, not {}", seed.len()),
            )
        })?;
        Ok(Self {
            inner: SigningKey::from_seed(&seed, kid).py_err(py)?,
        })
    }

    /// The private key as a PEM ``PRIVATE KEY`` document (PKCS#8).
    fn to_pem(&self) -> String {
        self.inner.to_pem().to_string()
    }

    /// The private key as an encrypted PEM ``ENCRYPTED PRIVATE KEY`` document: PBES2 with
    /// PBKDF2-HMAC-SHA-256 (600,000 iterations) and AES-256-CBC, what OpenSSL, ``cryptography``,
    /// the JDK and .NET read; :meth:`from_encrypted_pem` reads it back. The password is ``str``
    /// or ``bytes``, not empty. The key derivation runs without the GIL.
    fn to_encrypted_pem(&self, py: Python<'_>, password: &Bound<'_, PyAny>) -> PyResult<String> {
        let password = secret_bytes(password)?;
        let pem = py
            .detach(|| self.inner.to_encrypted_pem(&*password))
            .py_err(py)?;
        Ok(pem.to_string())
    }

    /// The private key as unencrypted PKCS#8 DER.
    fn to_pkcs8<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.inner.to_pkcs8())
    }

    /// The key id written into signatures.
    #[getter]
    fn kid(&self) -> &str {
        self.inner.kid()
    }

    /// ``"Ed25519"``, ``"ES256"`` or ``"SM2SM3"``.
    #[getter]
    fn algorithm(&self) -> &'static str {
        self.inner.algorithm().as_str()
    }

    /// The public key (carrying this key's kid).
    #[getter]
    fn public_key(&self) -> PyVerifyingKey {
        self.verifying_key()
    }

    /// The public key (carrying this key's kid).
    fn verifying_key(&self) -> PyVerifyingKey {
        PyVerifyingKey {
            inner: self.inner.verifying_key(),
            kid: Some(self.inner.kid().to_owned()),
        }
    }

    /// Signs raw bytes (not a labourlink message: use ``labourlink.sign`` for documents).
    fn sign<'py>(
        &self,
        py: Python<'py>,
        message: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyBytes>> {
        let message = input_bytes(message)?;
        let sig = self.inner.sign(&message).py_err(py)?;
        Ok(PyBytes::new(py, &sig))
    }

    fn __repr__(&self) -> String {
        format!(
            "SigningKey(kid={}, algorithm={})",
            quoted(self.inner.kid()),
            quoted(self.inner.algorithm().as_str())
        )
    }
}

/// A public key, optionally with a key id (kid).
#[pyclass(frozen, module = "labourlink._native", name = "VerifyingKey")]
#[derive(Clone)]
pub(crate) struct PyVerifyingKey {
    pub(crate) inner: VerifyingKey,
    pub(crate) kid: Option<String>,
}

impl PyVerifyingKey {
    /// The trust anchor this key stands for (it needs a kid).
    pub(crate) fn anchor(&self, py: Python<'_>) -> PyResult<Anchor> {
        match &self.kid {
            Some(kid) => Ok(Anchor::new(kid.clone(), self.inner.clone())),
            None => Err(coded(
                py,
                ErrorCode::KeyInvalidFormat,
                "an anchor key needs a kid: use VerifyingKey.from_jwk with a 'kid' member, \
                 key.with_kid(...), or pass (kid, key)",
            )),
        }
    }
}

#[pymethods]
impl PyVerifyingKey {
    /// A key from a public JWK (``{"kty": "OKP", "crv": "Ed25519", "x": ...}`` or
    /// ``{"kty": "EC", "crv": "P-256", "x": ..., "y": ...}``); its ``kid`` member, if any, is kept.
    #[staticmethod]
    fn from_jwk(py: Python<'_>, jwk: &Bound<'_, PyAny>) -> PyResult<Self> {
        let value = to_value(req_dict(jwk, "jwk")?.as_any(), Numbers::Document)?;
        if value.get("kid").is_some() {
            let anchor = Anchor::from_jwk(&value).py_err(py)?;
            return Ok(Self {
                inner: anchor.key,
                kid: Some(anchor.kid),
            });
        }
        Ok(Self {
            inner: VerifyingKey::from_jwk(&value).py_err(py)?,
            kid: None,
        })
    }

    /// A key from ``SubjectPublicKeyInfo`` DER (``openssl pkey -pubout -outform DER``).
    #[staticmethod]
    #[pyo3(signature = (der, *, kid = None))]
    fn from_spki(py: Python<'_>, der: &Bound<'_, PyAny>, kid: Option<String>) -> PyResult<Self> {
        Ok(Self {
            inner: VerifyingKey::from_spki(&input_bytes(der)?).py_err(py)?,
            kid,
        })
    }

    /// A key from a PEM ``PUBLIC KEY`` document (SPKI), text or bytes.
    #[staticmethod]
    #[pyo3(signature = (pem, *, kid = None))]
    fn from_spki_pem(
        py: Python<'_>,
        pem: &Bound<'_, PyAny>,
        kid: Option<String>,
    ) -> PyResult<Self> {
        Ok(Self {
            inner: VerifyingKey::from_spki_pem(input_bytes(pem)?).py_err(py)?,
            kid,
        })
    }

    /// The public key of an X.509 certificate (PEM or DER). Only the key is taken: the
    /// certificate's validity, issuer and signature are not checked, and are not trust.
    #[staticmethod]
    #[pyo3(signature = (data, *, kid = None))]
    fn from_certificate(
        py: Python<'_>,
        data: &Bound<'_, PyAny>,
        kid: Option<String>,
    ) -> PyResult<Self> {
        Ok(Self {
            inner: VerifyingKey::from_certificate(input_bytes(data)?).py_err(py)?,
            kid,
        })
    }

    /// A key from a ``cryptography`` public key object (asked for its SPKI DER through
    /// ``public_bytes``), or from a private key object's ``public_key()``.
    #[staticmethod]
    #[pyo3(signature = (key, *, kid = None))]
    fn from_cryptography(
        py: Python<'_>,
        key: &Bound<'_, PyAny>,
        kid: Option<String>,
    ) -> PyResult<Self> {
        let public = if key.hasattr("public_bytes")? {
            key.clone()
        } else if key.hasattr("private_bytes")? && key.hasattr("public_key")? {
            key.call_method0("public_key")?
        } else {
            return Err(PyTypeError::new_err(format!(
                "expected a cryptography public or private key object, got {}",
                type_name(key)
            )));
        };
        let ser = serialization(py)?;
        let der = public.call_method1(
            "public_bytes",
            (
                ser.getattr("Encoding")?.getattr("DER")?,
                ser.getattr("PublicFormat")?
                    .getattr("SubjectPublicKeyInfo")?,
            ),
        )?;
        Ok(Self {
            inner: VerifyingKey::from_spki(&input_bytes(&der)?).py_err(py)?,
            kid,
        })
    }

    /// The key as a ``cryptography`` public key object (``load_der_public_key`` of its SPKI);
    /// needs ``cryptography``, which has no SM2.
    fn to_cryptography<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let der = self.inner.to_spki();
        serialization(py)?.call_method1("load_der_public_key", (PyBytes::new(py, &der),))
    }

    /// The public key as ``SubjectPublicKeyInfo`` DER.
    fn to_spki<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.inner.to_spki())
    }

    /// The public key as a PEM ``PUBLIC KEY`` document (SPKI).
    fn to_spki_pem(&self) -> String {
        self.inner.to_spki_pem()
    }

    /// A key from raw public bytes (Ed25519: 32 bytes; P-256: 65 bytes, uncompressed):
    /// ``from_bytes(alg, data)``, the order of Rust's ``VerifyingKey::from_bytes`` and JS's
    /// ``VerifyingKey.fromBytes``. The old order ``from_bytes(data, alg)`` and
    /// ``from_bytes(data)`` (Ed25519) still work, with a ``DeprecationWarning``.
    #[staticmethod]
    #[pyo3(signature = (alg, data = None, *, kid = None))]
    #[pyo3(text_signature = "(alg, data, *, kid=None)")]
    fn from_bytes(
        py: Python<'_>,
        alg: &Bound<'_, PyAny>,
        data: Option<&Bound<'_, PyAny>>,
        kid: Option<String>,
    ) -> PyResult<Self> {
        let (alg, data) = match data {
            Some(d) if alg.is_instance_of::<PyString>() => (alg.extract::<String>()?, d.clone()),
            Some(d) if d.is_instance_of::<PyString>() => {
                crate::convert::deprecated(
                    py,
                    "VerifyingKey.from_bytes(data, alg) is the old order: use from_bytes(alg, data), as in Rust and JavaScript",
                )?;
                (d.extract::<String>()?, alg.clone())
            }
            Some(_) => {
                return Err(PyTypeError::new_err(
                    "VerifyingKey.from_bytes(alg, data): alg must be a str such as 'Ed25519'",
                ));
            }
            None if alg.is_instance_of::<PyString>() => {
                return Err(PyTypeError::new_err(
                    "VerifyingKey.from_bytes(alg, data): the key bytes are missing",
                ));
            }
            None => {
                crate::convert::deprecated(
                    py,
                    "VerifyingKey.from_bytes(data) is deprecated: use from_bytes('Ed25519', data), as in Rust and JavaScript",
                )?;
                ("Ed25519".to_owned(), alg.clone())
            }
        };
        let alg = algorithm(py, &alg)?;
        let data = input_bytes(&data)?;
        Ok(Self {
            inner: VerifyingKey::from_bytes(alg, &data).py_err(py)?,
            kid,
        })
    }

    /// The public JWK as a dict, with ``kid`` when the key has one.
    fn to_jwk<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let mut jwk = self.inner.to_jwk();
        if let (Some(kid), serde_json::Value::Object(m)) = (&self.kid, &mut jwk) {
            m.insert("kid".into(), kid.clone().into());
        }
        to_py(py, &jwk)
    }

    /// The raw public key bytes.
    fn to_bytes<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, self.inner.as_bytes())
    }

    /// The same key with another kid.
    fn with_kid(&self, kid: String) -> Self {
        Self {
            inner: self.inner.clone(),
            kid: Some(kid),
        }
    }

    /// Checks a raw signature over raw bytes; raises ``SignatureError`` when it does not verify.
    fn verify(
        &self,
        py: Python<'_>,
        message: &Bound<'_, PyAny>,
        signature: &Bound<'_, PyAny>,
    ) -> PyResult<()> {
        let message = input_bytes(message)?;
        let signature = input_bytes(signature)?;
        self.inner.verify(&message, &signature).py_err(py)
    }

    /// The key id, or ``None``.
    #[getter]
    fn kid(&self) -> Option<&str> {
        self.kid.as_deref()
    }

    /// ``"Ed25519"``, ``"ES256"`` or ``"SM2SM3"``.
    #[getter]
    fn algorithm(&self) -> &'static str {
        self.inner.algorithm().as_str()
    }

    /// The RFC 7638 JWK thumbprint (SHA-256, base64url).
    #[getter]
    fn thumbprint(&self) -> String {
        self.inner.thumbprint()
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<Self>()
            .is_ok_and(|o| o.get().inner == self.inner && o.get().kid == self.kid)
    }

    fn __hash__(&self) -> u64 {
        use std::hash::{Hash as _, Hasher as _};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.inner.hash(&mut h);
        self.kid.hash(&mut h);
        h.finish()
    }

    fn __repr__(&self) -> String {
        format!(
            "VerifyingKey(kid={}, algorithm={}, thumbprint={})",
            self.kid
                .as_deref()
                .map_or_else(|| "None".to_owned(), quoted),
            quoted(self.inner.algorithm().as_str()),
            quoted(&self.inner.thumbprint())
        )
    }
}
