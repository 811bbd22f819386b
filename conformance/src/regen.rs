//! `regen`: writes the generated keys, trust lists and vectors, completes hand-written vectors
//! from their recipes, and checks that everything still holds (`--check`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde_json::{Map, Value, json};

use crate::compare::compare;
use crate::exec::{execute, input_bytes, verify_intermediates};
use crate::generated::{self, Spec};
use crate::keys::{KEY_DEFS, Registry, TestKey, key_file, new_pem};
use crate::recipe::{document, is_deterministic, materialize};
use crate::util::{b64_std, json_files, pretty_vector, read_json, read_text, write_file};
use crate::vectors::resolve_with;

/// What `regen` did or, with `--check`, would do.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Files written (or, with `--check`, that differ from what `regen` would write), relative
    /// to the conformance directory.
    pub changed: Vec<String>,
    /// Files removed (generated vectors no generator produces any more).
    pub removed: Vec<String>,
    /// Problems: a generator's vector that does not behave as intended, a hand-written vector
    /// whose expectation the core no longer meets, a stored message that its recipe no longer
    /// reproduces.
    pub problems: Vec<String>,
    /// Number of vectors (generated + manual).
    pub vectors: usize,
}

impl Outcome {
    /// Whether `--check` passes.
    #[must_use]
    pub fn clean(&self) -> bool {
        self.changed.is_empty() && self.removed.is_empty() && self.problems.is_empty()
    }
}

struct Ctx {
    root: PathBuf,
    check: bool,
    /// Generated files of `keys/`, by path relative to `keys/`.
    key_files: BTreeMap<String, String>,
    reg: Registry,
    out: Outcome,
}

impl Ctx {
    /// Writes `content` to `rel` (relative to the root) unless it is already there.
    fn put(&mut self, rel: &str, content: &str) -> Result<(), String> {
        let path = self.root.join(rel);
        let current = std::fs::read_to_string(&path).ok();
        if current.as_deref() == Some(content) {
            return Ok(());
        }
        self.out.changed.push(rel.to_owned());
        if !self.check {
            write_file(&path, content.as_bytes())?;
        }
        Ok(())
    }

    fn read_key_file(&self, rel: &str) -> Result<String, String> {
        match self.key_files.get(rel) {
            Some(c) => Ok(c.clone()),
            None => read_text(&self.root.join("keys").join(rel)),
        }
    }

    fn run(&self, vector: &Value) -> Result<Value, String> {
        let case = resolve_with(vector, &self.reg, &|f| self.read_key_file(f))?;
        execute(&case)
    }
}

/// Runs `regen` on the conformance directory `root`, reading the core's reference data from
/// `core_vectors` (`core/tests/vectors`).
///
/// # Errors
/// A message when files cannot be read or written.
pub fn regen(root: &Path, core_vectors: &Path, check: bool) -> Result<Outcome, String> {
    let mut cx = Ctx {
        root: root.to_path_buf(),
        check,
        key_files: BTreeMap::new(),
        reg: Registry::default(),
        out: Outcome::default(),
    };
    keys(&mut cx)?;
    trust_lists(&mut cx)?;
    let mut produced = BTreeSet::new();
    let mut specs = generated::verify_specs();
    specs.extend(generated::reply_specs());
    specs.extend(generated::example_specs());
    specs.extend(generated::sign_specs());
    specs.extend(generated::canonical_specs(core_vectors)?);
    for spec in specs {
        let rel = format!("vectors/{}/{}.json", spec.area, spec.id);
        let vector = generate(&mut cx, &spec)?;
        cx.put(&rel, &pretty_vector(&vector))?;
        produced.insert(rel);
    }
    let vectors_dir = root.join("vectors");
    let files = if vectors_dir.is_dir() {
        json_files(&vectors_dir)?
    } else {
        Vec::new()
    };
    for path in files {
        let rel = path
            .strip_prefix(root)
            .map_err(|e| e.to_string())?
            .to_string_lossy()
            .replace('\\', "/");
        if produced.contains(&rel) {
            continue;
        }
        let value = read_json(&path)?;
        if value.get("origin").and_then(Value::as_str) == Some("generated") {
            cx.out.removed.push(rel);
            if !check {
                std::fs::remove_file(&path)
                    .map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
            }
            continue;
        }
        manual(&mut cx, &rel, value)?;
    }
    cx.out.vectors += produced.len();
    Ok(cx.out)
}

fn keys(cx: &mut Ctx) -> Result<(), String> {
    for def in KEY_DEFS {
        let mut pem = None;
        if def.seed_byte.is_none() {
            let rel = format!("keys/{}.pem", def.name);
            let path = cx.root.join(&rel);
            pem = match std::fs::read_to_string(&path) {
                Ok(p) => Some(p),
                Err(_) if cx.check => {
                    cx.out.problems.push(format!(
                        "{rel} is missing (run regen once to create it; it is then kept forever)"
                    ));
                    continue;
                }
                Err(_) => {
                    let p = new_pem(def.alg, def.kid)?;
                    write_file(&path, p.as_bytes())?;
                    cx.out.changed.push(rel);
                    Some(p)
                }
            };
        }
        let v = key_file(def, pem.as_deref())?;
        let rel = format!("{}.json", def.name);
        let content = pretty_vector(&v);
        cx.put(&format!("keys/{rel}"), &content)?;
        cx.key_files.insert(rel, content);
        cx.reg.keys.insert(
            def.name.to_owned(),
            TestKey {
                name: def.name.to_owned(),
                kid: def.kid.to_owned(),
                alg: def.alg.to_owned(),
                seed_hex: v.get("seed_hex").and_then(Value::as_str).map(str::to_owned),
                private_pem: pem,
                public_jwk: v.get("public_jwk").cloned().unwrap_or_default(),
            },
        );
    }
    Ok(())
}

fn trust_lists(cx: &mut Ctx) -> Result<(), String> {
    for spec in generated::trust_lists() {
        let jws = materialize(&spec.recipe, &cx.reg)?;
        let text = String::from_utf8(jws).map_err(|_| "trust list is not UTF-8")?;
        let rel = format!("trust-lists/{}.jws", spec.name);
        let content = format!("{text}\n");
        cx.put(&format!("keys/{rel}"), &content)?;
        cx.key_files.insert(rel, content);
        let doc = crate::recipe::resolve_placeholders(
            spec.recipe.get("payload").unwrap_or(&Value::Null),
            &cx.reg,
        )?;
        let info = json!({"description": spec.description, "signed_by": "330200-anchor-2026",
                          "file": format!("{}.jws", spec.name), "document": doc});
        cx.put(
            &format!("keys/trust-lists/{}.document.json", spec.name),
            &pretty_vector(&info),
        )?;
    }
    Ok(())
}

/// Puts message bytes into `input` as `message` (UTF-8) or `message_b64`.
fn set_message(input: &mut Value, bytes: Vec<u8>) {
    if let Value::Object(m) = input {
        m.remove("message");
        m.remove("message_b64");
        match String::from_utf8(bytes) {
            Ok(t) => m.insert("message".into(), t.into()),
            Err(e) => m.insert("message_b64".into(), b64_std(e.as_bytes()).into()),
        };
    }
}

/// Puts the earlier message's bytes into `input` as `earlier` (UTF-8) or `earlier_b64`.
fn set_earlier(input: &mut Value, bytes: Vec<u8>) {
    if let Value::Object(m) = input {
        m.remove("earlier");
        m.remove("earlier_b64");
        match String::from_utf8(bytes) {
            Ok(t) => m.insert("earlier".into(), t.into()),
            Err(e) => m.insert("earlier_b64".into(), b64_std(e.as_bytes()).into()),
        };
    }
}

/// Materialises trust-list entries given as recipes; returns whether anything was added.
fn materialize_lists(input: &mut Value, reg: &Registry) -> Result<bool, String> {
    let mut added = false;
    for member in ["trust_lists", "reference_data"] {
        if let Some(Value::Array(lists)) = input.get_mut(member) {
            for l in lists {
                if l.get("jws").is_none() && l.get("jws_b64").is_none() {
                    if let Some(recipe) = l.get("recipe").cloned() {
                        let bytes = materialize(&recipe, reg)?;
                        l["jws"] = String::from_utf8(bytes)
                            .map_err(|_| "a trust-list recipe must give UTF-8")?
                            .into();
                        added = true;
                    }
                }
            }
        }
    }
    Ok(added)
}

fn generate(cx: &mut Ctx, spec: &Spec) -> Result<Value, String> {
    let mut v = Map::new();
    v.insert("id".into(), spec.id.clone().into());
    v.insert("area".into(), spec.area.into());
    v.insert("kind".into(), spec.kind.into());
    v.insert("description".into(), spec.description.clone().into());
    v.insert("requirements".into(), json!(spec.requirements));
    v.insert("origin".into(), "generated".into());
    let mut input = spec.input.clone();
    if let Some(r) = &spec.recipe {
        v.insert("recipe".into(), r.clone());
        set_message(&mut input, materialize(r, &cx.reg)?);
    }
    if let Some(r) = &spec.earlier {
        v.insert("earlier_recipe".into(), r.clone());
        set_earlier(&mut input, materialize(r, &cx.reg)?);
    }
    materialize_lists(&mut input, &cx.reg)?;
    v.insert("input".into(), input);
    let mut vector = Value::Object(v);
    let result = cx.run(&vector)?;
    let mut expected = result.clone();
    if let Value::Object(m) = &mut expected {
        m.remove("intermediate");
    }
    if let Some(want) = &spec.expected {
        vector["expected"] = want.clone();
        let verdict = compare(&vector, &result);
        if !verdict.passed || !verdict.notes.is_empty() {
            cx.out.problems.push(format!(
                "generated {}: the core disagrees with the reference data: {}",
                spec.id,
                verdict
                    .failures
                    .iter()
                    .chain(&verdict.notes)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join("; ")
            ));
        }
    } else {
        if spec.kind == "verify" && spec.must_accept && result.get("accepted") != Some(&true.into())
        {
            cx.out.problems.push(format!(
                "generated {} must be accepted but is rejected with {}",
                spec.id,
                result.get("error").cloned().unwrap_or_default()
            ));
        }
        if spec.kind == "validate" && spec.must_accept && result.get("valid") != Some(&true.into())
        {
            cx.out.problems.push(format!(
                "generated {} must be valid but has findings {}",
                spec.id,
                result.get("findings").cloned().unwrap_or_default()
            ));
        }
        // A signer other than Ed25519 may pick its nonce at random (GM/T 0003 SM2 does):
        // its signature bytes then differ from the reference's and are checked by verifying
        // them with the public keys listed here instead.
        if spec.kind == "sign" {
            let mut any_randomisable = false;
            let mut jwks = Vec::new();
            for kid in spec.input["signers"]
                .as_array()
                .map(Vec::as_slice)
                .unwrap_or_default()
            {
                let key = kid
                    .as_str()
                    .and_then(|k| cx.reg.by_kid(k))
                    .ok_or_else(|| format!("{}: unknown signer {kid}", spec.id))?;
                any_randomisable |= key.alg != "Ed25519";
                jwks.push(key.public_jwk.clone());
            }
            if any_randomisable && expected.get("jws").is_some() {
                expected["signature_keys"] = Value::Array(jwks);
            }
        }
        vector["expected"] = expected;
    }
    if let Some(i) = result.get("intermediate") {
        vector["intermediate"] = i.clone();
    }
    Ok(vector)
}

fn manual(cx: &mut Ctx, rel: &str, mut vector: Value) -> Result<(), String> {
    cx.out.vectors += 1;
    let id = vector
        .get("id")
        .and_then(Value::as_str)
        .unwrap_or(rel)
        .to_owned();
    let mut added = false;
    let recipe = vector.get("recipe").cloned();
    let earlier_recipe = vector.get("earlier_recipe").cloned();
    let is_validate = vector.get("kind").and_then(Value::as_str) == Some("validate");
    let Some(input) = vector.get_mut("input") else {
        cx.out.problems.push(format!("{rel}: no input"));
        return Ok(());
    };
    if let (Some(r), true) = (&recipe, is_validate) {
        let doc = document(r, &cx.reg)?;
        match input.get("document") {
            None => {
                input["document"] = doc;
                added = true;
            }
            Some(stored) if *stored != doc => cx.out.problems.push(format!(
                "{id}: the stored document is not what its recipe gives"
            )),
            Some(_) => {}
        }
    } else if let Some(r) = &recipe {
        if input.get("message").is_none() && input.get("message_b64").is_none() {
            set_message(input, materialize(r, &cx.reg)?);
            added = true;
        } else if is_deterministic(r, &cx.reg) {
            let again = materialize(r, &cx.reg)?;
            if input_bytes(input, "message").ok() != Some(again) {
                cx.out.problems.push(format!(
                    "{id}: the stored message is not what its recipe gives"
                ));
            }
        }
    }
    if let Some(r) = &earlier_recipe {
        if input.get("earlier").is_none() && input.get("earlier_b64").is_none() {
            set_earlier(input, materialize(r, &cx.reg)?);
            added = true;
        } else if is_deterministic(r, &cx.reg) {
            let again = materialize(r, &cx.reg)?;
            if input_bytes(input, "earlier").ok() != Some(again) {
                cx.out.problems.push(format!(
                    "{id}: the stored earlier message is not what its recipe gives"
                ));
            }
        }
    }
    added |= materialize_lists(input, &cx.reg)?;
    for member in ["trust_lists", "reference_data"] {
        if let Some(Value::Array(lists)) = input.get(member) {
            for l in lists {
                if let (Some(r), Some(jws)) =
                    (l.get("recipe"), l.get("jws").and_then(Value::as_str))
                {
                    if is_deterministic(r, &cx.reg) && materialize(r, &cx.reg)? != jws.as_bytes() {
                        cx.out.problems.push(format!(
                            "{id}: a stored {member} entry is not what its recipe gives"
                        ));
                    }
                }
            }
        }
    }
    let message = input_bytes(input, "message").ok();
    let inter = message.as_deref().map(verify_intermediates);
    if let (Some(Value::Array(pre)), Some(inter)) =
        (input.pointer_mut("/context/replay_preload"), inter.as_ref())
    {
        for entry in pre {
            if entry.get("digest").and_then(Value::as_str) == Some("$message_digest") {
                entry["digest"] = inter.get("digest").cloned().unwrap_or_default();
                added = true;
            }
        }
    }
    let kind = vector
        .get("kind")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    if kind == "verify" && vector.get("intermediate").is_none() {
        if let Some(i) = inter {
            vector["intermediate"] = i;
            added = true;
        }
    }
    if kind == "verify"
        && vector.pointer("/expected/accepted") == Some(&true.into())
        && vector.pointer("/expected/digest").is_none()
    {
        let result = cx.run(&vector)?;
        if let (Some(Value::Object(exp)), Value::Object(res)) =
            (vector.get_mut("expected"), &result)
        {
            for member in ["digest", "type", "id", "signers"] {
                if let Some(x) = res.get(member) {
                    exp.insert(member.into(), x.clone());
                }
            }
        }
        added = true;
    }
    if added {
        cx.put(rel, &pretty_vector(&vector))?;
    }
    match cx.run(&vector) {
        Ok(result) => {
            let verdict = compare(&vector, &result);
            if !verdict.passed || !verdict.notes.is_empty() {
                cx.out.problems.push(format!(
                    "{id}: the core does not meet this hand-written vector: {}",
                    verdict
                        .failures
                        .iter()
                        .chain(&verdict.notes)
                        .cloned()
                        .collect::<Vec<_>>()
                        .join("; ")
                ));
            }
        }
        Err(e) => cx.out.problems.push(format!("{id}: cannot run: {e}")),
    }
    Ok(())
}
