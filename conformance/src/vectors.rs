//! Loading vector files and resolving their references into self-contained cases.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::keys::Registry;
use crate::util::{json_files, read_json, read_text};

/// The kinds of vectors.
pub const KINDS: &[&str] = &["canonicalize", "sign", "verify", "validate"];

/// One vector file.
#[derive(Debug, Clone)]
pub struct Vector {
    /// Where it was read from.
    pub path: PathBuf,
    /// The file's content.
    pub value: Value,
    /// `id`.
    pub id: String,
    /// `area`.
    pub area: String,
    /// `kind`.
    pub kind: String,
    /// `requirements`.
    pub requirements: Vec<String>,
}

impl Vector {
    /// Makes a vector from a parsed file.
    ///
    /// # Errors
    /// A message when `id`, `area`, `kind` or `requirements` is missing.
    pub fn from_value(path: PathBuf, value: Value) -> Result<Self, String> {
        let s = |name: &str| {
            value
                .get(name)
                .and_then(Value::as_str)
                .map(str::to_owned)
                .ok_or_else(|| format!("{}: member {name:?} is missing", path.display()))
        };
        let requirements = value
            .get("requirements")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        Ok(Self {
            id: s("id")?,
            area: s("area")?,
            kind: s("kind")?,
            requirements,
            value,
            path,
        })
    }

    /// `origin` (`generated` or `manual`).
    #[must_use]
    pub fn origin(&self) -> &str {
        self.value
            .get("origin")
            .and_then(Value::as_str)
            .unwrap_or("manual")
    }
}

/// Reads every vector under `dir` (recursively), sorted by area and id.
///
/// # Errors
/// A message for an unreadable or malformed file, or two vectors with the same id.
pub fn load_dir(dir: &Path) -> Result<Vec<Vector>, String> {
    let mut out = Vec::new();
    for path in json_files(dir)? {
        let value = read_json(&path)?;
        out.push(Vector::from_value(path, value)?);
    }
    sort_and_check(out)
}

/// Sorts vectors by area and id and checks that no two share an id.
///
/// # Errors
/// A message naming two vectors with the same id.
pub fn sort_and_check(mut out: Vec<Vector>) -> Result<Vec<Vector>, String> {
    out.sort_by(|a, b| (&a.area, &a.id).cmp(&(&b.area, &b.id)));
    for pair in out.windows(2) {
        if let [a, b] = pair {
            if a.id == b.id {
                return Err(format!(
                    "duplicate vector id {} ({} and {})",
                    a.id,
                    a.path.display(),
                    b.path.display()
                ));
            }
        }
    }
    Ok(out)
}

/// Expands a vector into the case a harness receives: only `id`, `area`, `kind`,
/// `description`, `requirements` and `input`, with trust-list files read into `jws`, anchor key
/// ids resolved into `context.anchor_jwks`, and signer key ids into `input.signer_keys`.
///
/// # Errors
/// A message when a referenced file or key does not exist.
pub fn resolve(vector: &Value, keys_dir: &Path, reg: &Registry) -> Result<Value, String> {
    resolve_with(vector, reg, &|file: &str| read_text(&keys_dir.join(file)))
}

/// [`resolve`] with a custom reader for the files of `keys/` (paths relative to it).
///
/// # Errors
/// A message when a referenced file or key does not exist.
pub fn resolve_with(
    vector: &Value,
    reg: &Registry,
    read: &dyn Fn(&str) -> Result<String, String>,
) -> Result<Value, String> {
    let mut case = serde_json::Map::new();
    for member in ["id", "area", "kind", "description", "requirements", "input"] {
        if let Some(v) = vector.get(member) {
            case.insert(member.into(), v.clone());
        }
    }
    let mut case = Value::Object(case);
    let Some(input) = case.get_mut("input") else {
        return Ok(case);
    };
    for member in ["trust_lists", "reference_data"] {
        if let Some(Value::Array(lists)) = input.get_mut(member) {
            for l in lists {
                if l.get("jws").is_none() {
                    if let Some(file) = l.get("file").and_then(Value::as_str) {
                        let text = read(file)?;
                        l["jws"] = text.trim_end().into();
                    }
                }
            }
        }
    }
    if let Some(ctx) = input.get_mut("context") {
        if let Some(Value::Array(kids)) = ctx.get("anchors") {
            let mut jwks = Vec::new();
            for kid in kids {
                let kid = kid.as_str().unwrap_or_default();
                let key = reg
                    .by_kid(kid)
                    .ok_or_else(|| format!("no test key with kid {kid:?}"))?;
                jwks.push(key.public_jwk.clone());
            }
            ctx["anchor_jwks"] = Value::Array(jwks);
        }
    }
    if let Some(Value::Array(kids)) = input.get("signers").cloned().as_ref() {
        let mut keys = Vec::new();
        for kid in kids {
            let kid = kid.as_str().unwrap_or_default();
            let key = reg
                .by_kid(kid)
                .ok_or_else(|| format!("no test key with kid {kid:?}"))?;
            let mut k = json!({"kid": key.kid, "alg": key.alg, "public_jwk": key.public_jwk});
            if let Some(seed) = &key.seed_hex {
                k["seed_hex"] = seed.clone().into();
            }
            if let Some(pem) = &key.private_pem {
                k["private_pem"] = pem.clone().into();
            }
            keys.push(k);
        }
        input["signer_keys"] = Value::Array(keys);
    }
    Ok(case)
}
