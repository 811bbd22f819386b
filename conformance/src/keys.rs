//! The fixed TEST-ONLY keys of `conformance/keys/`: their definitions (for `regen`) and the
//! registry read back from the key files (for the runner and the Rust harness).

use std::collections::BTreeMap;
use std::path::Path;

use labourlink::keys::{Algorithm, SigningKey};
use serde_json::{Value, json};

use crate::util::{hex, read_text, unhex};

/// How a test key is defined (the source of truth for the files in `keys/`).
#[derive(Debug, Clone, Copy)]
pub struct KeyDef {
    /// Short name, also the file name (`keys/<name>.json`).
    pub name: &'static str,
    /// Key id.
    pub kid: &'static str,
    /// `Ed25519`, `ES256` or `SM2SM3`.
    pub alg: &'static str,
    /// Region code of the party the key signs for.
    pub region: &'static str,
    /// Agency code of the party the key signs for.
    pub agency: &'static str,
    /// The Ed25519 seed byte, repeated 32 times (`None` for ES256 and SM2SM3: a stored PKCS#8
    /// PEM).
    pub seed_byte: Option<u8>,
    /// What the key is for.
    pub description: &'static str,
}

/// Every test key.
pub const KEY_DEFS: &[KeyDef] = &[
    KeyDef {
        name: "anchor",
        kid: "330200-anchor-2026",
        alg: "Ed25519",
        region: "330200",
        agency: "NB-ANCHOR",
        seed_byte: Some(0x41),
        description: "Ningbo's trust anchor: signs the trust lists in keys/trust-lists/",
    },
    KeyDef {
        name: "ningbo",
        kid: "330200-si-2026a",
        alg: "Ed25519",
        region: "330200",
        agency: "NB-SI",
        seed_byte: Some(0x4e),
        description: "Ningbo (330200) social insurance agency; may sign every type (*)",
    },
    KeyDef {
        name: "liangshan",
        kid: "513400-si-2026a",
        alg: "Ed25519",
        region: "513400",
        agency: "LS-SI",
        seed_byte: Some(0x4c),
        description: "Liangshan (513400) social insurance agency; social_insurance.* and receipt, valid 2026-01-01..2027-12-31",
    },
    KeyDef {
        name: "qianxinan",
        kid: "522300-hr-2026a",
        alg: "ES256",
        region: "522300",
        agency: "QXN-HR",
        seed_byte: None,
        description: "Qianxinan (522300) human resources agency, ECDSA P-256; worker_transfer.*",
    },
    KeyDef {
        name: "rogue-anchor",
        kid: "999999-anchor-rogue",
        alg: "Ed25519",
        region: "330200",
        agency: "ROGUE",
        seed_byte: Some(0x52),
        description: "An attacker's anchor that no verifier pins",
    },
    KeyDef {
        name: "stranger",
        kid: "999999-si-2026a",
        alg: "Ed25519",
        region: "500000",
        agency: "CQ-SI",
        seed_byte: Some(0x53),
        description: "A well-formed key that is in no trust list",
    },
    // The parties of the catalogue examples (`schemas/examples/`), under their USCC agency
    // codes, listed in `trust-lists/catalogue.jws`: the schema, rules and reply vectors sign the
    // examples with them.
    KeyDef {
        name: "nb-si",
        kid: "330200-si-cat",
        alg: "Ed25519",
        region: "330200",
        agency: "12330200MB0K617093",
        seed_byte: Some(0x61),
        description: "宁波市社会保险管理局 (Ningbo social insurance) as in schemas/examples; catalogue list: social_insurance.*, control.*, receipt",
    },
    KeyDef {
        name: "nb-hr",
        kid: "330200-hr-cat",
        alg: "Ed25519",
        region: "330200",
        agency: "11330200MB0P21461X",
        seed_byte: Some(0x62),
        description: "宁波市人力资源和社会保障局 (Ningbo human resources) as in schemas/examples; catalogue list: worker_transfer.*, worker_rights.*, control.*, receipt",
    },
    KeyDef {
        name: "nb-wj",
        kid: "330200-wj-cat",
        alg: "Ed25519",
        region: "330200",
        agency: "11330200MB0R881235",
        seed_byte: Some(0x63),
        description: "宁波市卫生健康委员会 (Ningbo health commission) as in schemas/examples; catalogue list: family_planning.*, control.*, receipt",
    },
    KeyDef {
        name: "ls-si",
        kid: "513400-si-cat",
        alg: "Ed25519",
        region: "513400",
        agency: "12513400MB1F30256L",
        seed_byte: Some(0x64),
        description: "凉山州社会保险事业管理局 (Liangshan social insurance) as in schemas/examples; catalogue list: social_insurance.*, control.*, receipt",
    },
    KeyDef {
        name: "ls-hr",
        kid: "513400-hr-cat",
        alg: "Ed25519",
        region: "513400",
        agency: "11513400MB1H7703X8",
        seed_byte: Some(0x65),
        description: "凉山彝族自治州人力资源和社会保障局 (Liangshan human resources) as in schemas/examples; catalogue list: worker_transfer.*, worker_rights.*, control.*, receipt",
    },
    KeyDef {
        name: "xc-school",
        kid: "513401-school-cat",
        alg: "Ed25519",
        region: "513401",
        agency: "12513401MB1Q55605C",
        seed_byte: Some(0x66),
        description: "西昌样例技工学校 (a Xichang technical school) as in schemas/examples; catalogue list: worker_transfer.certificate_attestation",
    },
    KeyDef {
        name: "qxn-wj",
        kid: "522300-wj-cat",
        alg: "Ed25519",
        region: "522300",
        agency: "11522300MB1N44583U",
        seed_byte: Some(0x67),
        description: "黔西南布依族苗族自治州卫生健康局 (Qianxinan health bureau) as in schemas/examples; catalogue list: family_planning.*, control.*, receipt",
    },
    // The medical-insurance parties (医疗保障局, issue 11 item 11): since 2018–19 medical
    // insurance is run by the medical-security bureaus and their agencies, not by the HRSS
    // social-insurance agencies; the medical transfer vectors are sent between these two.
    KeyDef {
        name: "nb-yb",
        kid: "330200-yb-cat",
        alg: "Ed25519",
        region: "330200",
        agency: "11330200MB0Y20619P",
        seed_byte: Some(0x68),
        description: "宁波市医疗保障局 (Ningbo medical security bureau, a sample USCC) for medical transfers; catalogue list: the medical-transfer social_insurance types, control.*, receipt",
    },
    KeyDef {
        name: "ls-yb",
        kid: "513400-yb-cat",
        alg: "Ed25519",
        region: "513400",
        agency: "11513400MB1Y340788",
        seed_byte: Some(0x69),
        description: "凉山彝族自治州医疗保障局 (Liangshan medical security bureau, a sample USCC) for medical transfers; catalogue list: the medical-transfer social_insurance types, control.*, receipt",
    },
    // Listed only in `trust-lists/sm2.jws`; its PEM was written by OpenSSL 3.0
    // (`openssl genpkey -algorithm SM2`), the form GmSSL and BouncyCastle write too.
    KeyDef {
        name: "liangshan-sm2",
        kid: "513400-si-sm2a",
        alg: "SM2SM3",
        region: "513400",
        agency: "LS-SI",
        seed_byte: None,
        description: "Liangshan (513400) social insurance agency, SM2 with SM3 (国密); social_insurance.* and receipt; only in trust-lists/sm2.jws",
    },
];

/// The key of [`KEY_DEFS`] that signs for a party (region and agency), if any.
#[must_use]
pub fn key_for_party(region: &str, agency: &str) -> Option<&'static KeyDef> {
    KEY_DEFS
        .iter()
        .find(|d| d.region == region && d.agency == agency)
}

/// A test key read from `keys/<name>.json` (and its PEM for ES256).
#[derive(Debug, Clone)]
pub struct TestKey {
    /// Short name.
    pub name: String,
    /// Key id.
    pub kid: String,
    /// `Ed25519`, `ES256` or `SM2SM3`.
    pub alg: String,
    /// Ed25519 seed, hex.
    pub seed_hex: Option<String>,
    /// ES256 or SM2 private key, PKCS#8 PEM text.
    pub private_pem: Option<String>,
    /// The public JWK, with `kid`.
    pub public_jwk: Value,
}

impl TestKey {
    /// The signing key.
    ///
    /// # Errors
    /// A message when the key material does not load.
    pub fn signing_key(&self) -> Result<SigningKey, String> {
        self.signing_key_as(&self.kid)
    }

    /// The signing key under another key id.
    ///
    /// # Errors
    /// A message when the key material does not load.
    pub fn signing_key_as(&self, kid: &str) -> Result<SigningKey, String> {
        if let Some(seed) = &self.seed_hex {
            let bytes: [u8; 32] = unhex(seed)?
                .try_into()
                .map_err(|_| format!("key {}: seed is not 32 bytes", self.name))?;
            SigningKey::from_seed(&bytes, kid).map_err(|e| e.to_string())
        } else if let Some(pem) = &self.private_pem {
            SigningKey::from_pem(pem, kid).map_err(|e| e.to_string())
        } else {
            Err(format!("key {} has no private material", self.name))
        }
    }

    /// Whether signatures by this key are deterministic (Ed25519; SM2SM3, whose nonces
    /// labourlink derives from the key and the message).
    #[must_use]
    pub fn deterministic(&self) -> bool {
        self.alg == "Ed25519" || self.alg == "SM2SM3"
    }
}

/// The test keys, by name.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    /// Keys by name.
    pub keys: BTreeMap<String, TestKey>,
}

impl Registry {
    /// Reads every `keys/<name>.json` of [`KEY_DEFS`].
    ///
    /// # Errors
    /// A message when a file is missing or malformed.
    pub fn load(keys_dir: &Path) -> Result<Self, String> {
        Self::load_with(&|file: &str| read_text(&keys_dir.join(file)))
    }

    /// Like [`Registry::load`], reading the files of `keys/` (paths relative to it) with
    /// `read`.
    ///
    /// # Errors
    /// A message when a file is missing or malformed.
    pub fn load_with(read: &dyn Fn(&str) -> Result<String, String>) -> Result<Self, String> {
        let mut keys = BTreeMap::new();
        for def in KEY_DEFS {
            let file = format!("{}.json", def.name);
            let v: Value = serde_json::from_str(&read(&file)?)
                .map_err(|e| format!("keys/{file} is not JSON: {e}"))?;
            let private_pem = match v.get("private_pem_file").and_then(Value::as_str) {
                Some(f) => Some(read(f)?),
                None => None,
            };
            let key = TestKey {
                name: def.name.to_owned(),
                kid: str_of(&v, "kid")?,
                alg: str_of(&v, "alg")?,
                seed_hex: v.get("seed_hex").and_then(Value::as_str).map(str::to_owned),
                private_pem,
                public_jwk: v.get("public_jwk").cloned().unwrap_or(Value::Null),
            };
            keys.insert(def.name.to_owned(), key);
        }
        Ok(Self { keys })
    }

    /// A key by name.
    ///
    /// # Errors
    /// A message for an unknown name.
    pub fn get(&self, name: &str) -> Result<&TestKey, String> {
        self.keys
            .get(name)
            .ok_or_else(|| format!("no test key named {name:?}"))
    }

    /// A key by key id.
    #[must_use]
    pub fn by_kid(&self, kid: &str) -> Option<&TestKey> {
        self.keys.values().find(|k| k.kid == kid)
    }
}

fn str_of(v: &Value, member: &str) -> Result<String, String> {
    v.get(member)
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| format!("key file lacks {member:?}"))
}

/// The content of `keys/<name>.json` for a definition; `pem` is the stored PKCS#8 PEM of an
/// ES256 or SM2 key.
///
/// # Errors
/// A message when the key material does not load.
pub fn key_file(def: &KeyDef, pem: Option<&str>) -> Result<Value, String> {
    let signing = match (def.seed_byte, pem) {
        (Some(b), _) => SigningKey::from_seed(&[b; 32], def.kid),
        (None, Some(pem)) => SigningKey::from_pem(pem, def.kid),
        (None, None) => return Err(format!("key {} needs its PEM", def.name)),
    }
    .map_err(|e| e.to_string())?;
    let mut jwk = signing.verifying_key().to_jwk();
    if let Value::Object(m) = &mut jwk {
        m.insert("kid".into(), def.kid.into());
    }
    let mut v = json!({
        "name": def.name,
        "test_only": "TEST-ONLY KEY. PUBLISHED PRIVATE KEY. NEVER USE OUTSIDE TESTS.",
        "description": def.description,
        "kid": def.kid,
        "alg": def.alg,
        "region": def.region,
        "agency": def.agency,
        "public_jwk": jwk,
    });
    match def.seed_byte {
        Some(b) => v["seed_hex"] = hex(&[b; 32]).into(),
        None => v["private_pem_file"] = format!("{}.pem", def.name).into(),
    }
    Ok(v)
}

/// A fresh key of algorithm `alg` (`ES256` or `SM2SM3`) as PKCS#8 PEM (only when
/// `keys/<name>.pem` does not exist yet).
///
/// # Errors
/// A message if the algorithm is unknown or key generation fails.
pub fn new_pem(alg: &str, kid: &str) -> Result<String, String> {
    let alg = Algorithm::from_jws_name(alg).map_err(|e| e.to_string())?;
    let key = SigningKey::generate(alg, kid).map_err(|e| e.to_string())?;
    Ok(key.to_pem().to_string())
}
