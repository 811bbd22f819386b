//! The implementation of [`crate::schema`] (private: its public items are re-exported there).

use std::collections::HashMap;
use std::sync::OnceLock;

use serde_json::Value;

use crate::envelope::Document;
use crate::error::{Error, ErrorCode, Result, Violation};
use crate::schema_engine::{Engine, SchemaError};
use crate::verify::Stage;

/// The compiled schema set: the engine and the node of each message type's body schema.
struct SchemaSet {
    engine: Engine,
    validators: HashMap<String, usize>,
}

static SET: OnceLock<std::result::Result<SchemaSet, String>> = OnceLock::new();

/// The `$id` of a message type's body schema.
#[must_use]
pub fn schema_id(message_type: &str) -> String {
    format!("urn:labourlink:schema:{message_type}:1")
}

/// The embedded schema files as `(file name, JSON text)`, e.g. for the bindings and the CLI.
#[must_use]
pub fn files() -> &'static [(&'static str, &'static str)] {
    static FILES: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();
    FILES.get_or_init(|| crate::embedded::files_in("schemas/", ".schema.json").collect())
}

/// The example document of a message type (`schemas/examples/<type>.json`): realistic,
/// schema-valid, with valid check digits. Useful to start from and in tests.
///
/// ```
/// let letter = labourlink::schema::example("social_insurance.contact_letter").unwrap();
/// assert_eq!(letter["type"], "social_insurance.contact_letter");
/// ```
#[must_use]
pub fn example(message_type: &str) -> Option<Value> {
    crate::embedded::files_in("schemas/examples/", ".json")
        .find(|(name, _)| name.strip_suffix(".json") == Some(message_type))
        .and_then(|(_, text)| crate::json::parse_document(text.as_bytes()).ok())
}

/// The embedded flow table (`schemas/flows.json`), when the build had one.
#[must_use]
pub fn flows_text() -> Option<&'static str> {
    crate::embedded::file("schemas/flows.json")
}

fn compile() -> std::result::Result<SchemaSet, String> {
    let mut parsed: Vec<(String, Value)> = Vec::new();
    for (name, text) in files() {
        let v: Value = serde_json::from_str(text).map_err(|e| format!("schemas/{name}: {e}"))?;
        parsed.push(((*name).to_owned(), v));
    }
    for (name, v) in &parsed {
        if v.get("$id").and_then(Value::as_str).is_none() {
            return Err(format!("schemas/{name} has no $id"));
        }
    }
    let documents: Vec<&Value> = parsed.iter().map(|(_, v)| v).collect();
    let (engine, roots) = Engine::compile(&documents)?;
    let mut validators = HashMap::new();
    for (name, v) in &parsed {
        let Some(message_type) = name.strip_suffix(".schema.json") else {
            continue;
        };
        if matches!(message_type, "defs" | "envelope" | "flows") {
            continue;
        }
        let id = v.get("$id").and_then(Value::as_str).unwrap_or_default();
        let node = roots
            .get(id)
            .copied()
            .ok_or_else(|| format!("schemas/{name}: not compiled"))?;
        validators.insert(message_type.to_owned(), node);
    }
    Ok(SchemaSet { engine, validators })
}

fn set() -> Result<&'static SchemaSet> {
    SET.get_or_init(compile).as_ref().map_err(|e| {
        Error::new(
            ErrorCode::InternalSchemas,
            format!("the embedded schemas do not compile: {e}"),
        )
    })
}

/// Whether a body schema exists for `message_type`.
#[must_use]
pub fn has_schema(message_type: &str) -> bool {
    set().is_ok_and(|s| s.validators.contains_key(message_type))
}

/// Validates a body against its type's schema and reports every violation (up to
/// [`MAX_VIOLATIONS`], then `schema.truncated`), each with the JSON pointer of the offending
/// value in the document (`/body/...`).
///
/// # Errors
/// `schema.invalid` with the violations; `envelope.unknown_type` when the type has no schema.
pub fn validate_body(message_type: &str, body: &Value) -> Result<()> {
    validate_body_versioned(message_type, body, false).map(|_| ())
}

/// The most violations one schema check reports: after this many it stops looking and adds
/// one last violation with code `schema.truncated` (LL-SCHEMA-002). Bounds the memory and the
/// output that a hostile document can cost.
pub const MAX_VIOLATIONS: usize = 100;

/// Whether an unknown member name may come from a newer minor version: lowercase ASCII
/// letters, digits and `_` (the catalogue's own naming). Anything else — capitals, fullwidth
/// or other non-ASCII letters, invisible characters — could pass for a known member.
#[must_use]
pub(crate) fn is_plain_member_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// Violations collected so far.
#[derive(Default)]
struct Collected {
    violations: Vec<Violation>,
    tolerated: Vec<Violation>,
}

/// Sorts the engine's violations: an unknown member with a plain name in a document of a
/// newer minor version is tolerated (a warning), everything else rejects.
fn collect(errors: Vec<SchemaError>, newer_minor: bool, out: &mut Collected) {
    for e in errors {
        let path = format!("/body{}", e.path);
        // A newer minor adds members with plain names only; a look-alike of a known name
        // (`Status`, fullwidth `ｓtatus`, `status` + zero-width space) is refused.
        let unknown_member = e
            .unexpected
            .as_ref()
            .is_some_and(|names| names.iter().all(|n| is_plain_member_name(n)));
        if newer_minor && unknown_member {
            out.tolerated.push(Violation::new(
                "schema.unknown_member",
                path,
                format!("{} (from a newer minor version; ignored)", e.message),
                format!("{}（来自更高的次版本，已忽略）", e.message_zh),
            ));
        } else {
            out.violations.push(Violation::new(
                "schema.invalid",
                path,
                e.message,
                e.message_zh,
            ));
        }
    }
}

/// The minor version of the schemas this library embeds (`1.0`).
pub const SCHEMA_MINOR: u64 = 0;

/// Like [`validate_body`], for a document of a **newer minor version** when `newer_minor` is
/// true: a newer minor may only add optional members (schemas/README.md), so members this
/// version does not know are returned as warnings instead of rejecting the message; every other
/// violation still rejects it.
///
/// # Errors
/// `schema.invalid` with the violations; `envelope.unknown_type` when the type has no schema.
pub(crate) fn validate_body_versioned(
    message_type: &str,
    body: &Value,
    newer_minor: bool,
) -> Result<Vec<Violation>> {
    let set = set()?;
    let validator = set.validators.get(message_type).ok_or_else(|| {
        Error::new(
            ErrorCode::EnvelopeUnknownType,
            format!("no schema for message type '{message_type}'"),
        )
        .at("/type")
    })?;
    if set.engine.is_valid(*validator, body) {
        return Ok(Vec::new());
    }
    // The engine stops after MAX_VIOLATIONS: memory stays bounded whatever the body holds
    // (a roster of 40 000 bad rows costs 100 violations, not 40 000).
    let (errors, truncated) = set.engine.errors(*validator, body, MAX_VIOLATIONS);
    let mut out = Collected::default();
    collect(errors, newer_minor, &mut out);
    let Collected {
        mut violations,
        tolerated,
    } = out;
    if truncated {
        violations.push(Violation::new(
            "schema.truncated",
            "/body",
            format!(
                "more than {MAX_VIOLATIONS} violations; only the first {MAX_VIOLATIONS} are reported"
            ),
            format!("违规超过 {MAX_VIOLATIONS} 处，仅列出前 {MAX_VIOLATIONS} 处"),
        ));
    }
    match violations.first() {
        None => Ok(tolerated),
        Some(first) => {
            let summary = if truncated {
                format!(
                    "the {message_type} body does not conform to its schema (more than {MAX_VIOLATIONS} violations; first: {} at {})",
                    first.message, first.path
                )
            } else if violations.len() == 1 {
                format!(
                    "the {message_type} body does not conform to its schema: {}",
                    first.message
                )
            } else {
                format!(
                    "the {message_type} body does not conform to its schema ({} violations; first: {} at {})",
                    violations.len(),
                    first.message,
                    first.path
                )
            };
            let path = first.path.clone();
            Err(Error::new(ErrorCode::SchemaInvalid, summary)
                .at(path)
                .with_violations(violations))
        }
    }
}

/// The schema stage for [`crate::verify::VerifierBuilder::schema_stage`].
#[derive(Debug, Clone, Copy, Default)]
pub struct SchemaStage;

impl Stage for SchemaStage {
    fn check(&self, document: &Document) -> Result<Vec<Violation>> {
        let minor = document
            .schema_version
            .split_once('.')
            .and_then(|(_, m)| m.parse::<u64>().ok())
            .unwrap_or(0);
        validate_body_versioned(&document.message_type, &document.body, minor > SCHEMA_MINOR)
    }
}
