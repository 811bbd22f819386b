//! The implementation of [`crate::schema`] (private: its public items are re-exported there).

use std::collections::HashMap;
use std::sync::OnceLock;

use serde_json::Value;

use crate::envelope::Document;
use crate::error::{Error, ErrorCode, Result, Violation};
use crate::schema_engine::{Engine, SchemaError};
use crate::verify::Stage;

/// The embedded schema documents, each parsed when first needed, and each message type's body
/// schema, compiled on first use.
struct SchemaSet {
    /// By `$id` (`urn:labourlink:schema:<file stem>:1`): the file name and its parsed form.
    documents: HashMap<String, SchemaFile>,
    types: HashMap<String, TypeSchema>,
}

/// One embedded schema file and, once something referred to it, its parsed form.
struct SchemaFile {
    name: &'static str,
    text: &'static str,
    parsed: OnceLock<std::result::Result<Value, String>>,
}

/// A message type's body schema: its `$id` and, once a body of the type has been checked, the
/// engine compiled for it (the schema and what it references in `defs`). Compiling on demand
/// keeps the first verification short: a browser page that verifies one type of message parses
/// two schema files and compiles one schema, not 47 and 44. A process that sees every type
/// compiles the shared definitions once per type (about 2 700 nodes in all instead of 1 500).
struct TypeSchema {
    id: String,
    compiled: OnceLock<std::result::Result<(Engine, usize), String>>,
}

static SET: OnceLock<SchemaSet> = OnceLock::new();

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

/// The `$id` of the embedded schema file `name` (`defs.schema.json` →
/// `urn:labourlink:schema:defs:1`); every file is checked to declare it when it is parsed.
fn file_id(name: &str) -> Option<String> {
    name.strip_suffix(".schema.json").map(schema_id)
}

fn index() -> SchemaSet {
    let mut documents = HashMap::new();
    let mut types = HashMap::new();
    for &(name, text) in files() {
        let Some(stem) = name.strip_suffix(".schema.json") else {
            continue;
        };
        let id = schema_id(stem);
        if !matches!(stem, "defs" | "envelope" | "flows") {
            let compiled = OnceLock::new();
            types.insert(
                stem.to_owned(),
                TypeSchema {
                    id: id.clone(),
                    compiled,
                },
            );
        }
        let parsed = OnceLock::new();
        documents.insert(id, SchemaFile { name, text, parsed });
    }
    SchemaSet { documents, types }
}

/// The embedded schema files, indexed on first use (nothing is parsed yet).
fn set() -> &'static SchemaSet {
    SET.get_or_init(index)
}

impl SchemaSet {
    /// The schema document with `$id` `id`, parsed on first use.
    fn document(&self, id: &str) -> std::result::Result<Option<&Value>, String> {
        let Some(file) = self.documents.get(id) else {
            return Ok(None);
        };
        let parsed = file.parsed.get_or_init(|| {
            let v: Value = serde_json::from_str(file.text)
                .map_err(|e| format!("schemas/{}: {e}", file.name))?;
            let declared = v.get("$id").and_then(Value::as_str);
            if declared.map(str::to_owned) != file_id(file.name) {
                return Err(format!(
                    "schemas/{} declares the $id {declared:?}, not {id}",
                    file.name
                ));
            }
            Ok(v)
        });
        parsed.as_ref().map(Some).map_err(Clone::clone)
    }

    /// The engine and root node of a message type's body schema, compiled on first use.
    fn validator(&self, message_type: &str) -> Result<Option<(&Engine, usize)>> {
        if self.types.is_empty() {
            // The embedded bundle did not inflate (a broken build): nothing may pass.
            return Err(Error::new(
                ErrorCode::InternalSchemas,
                "the embedded schemas are missing from this build",
            ));
        }
        let Some(t) = self.types.get(message_type) else {
            return Ok(None);
        };
        let compiled = t.compiled.get_or_init(|| {
            let resolve = |id: &str| self.document(id);
            let (engine, roots) = Engine::compile_roots(&resolve, &[t.id.as_str()])?;
            let node = roots
                .get(&t.id)
                .copied()
                .ok_or_else(|| format!("{} was not compiled", t.id))?;
            Ok((engine, node))
        });
        match compiled {
            Ok((engine, node)) => Ok(Some((engine, *node))),
            Err(e) => Err(Error::new(
                ErrorCode::InternalSchemas,
                format!("the embedded schema of {message_type} does not compile: {e}"),
            )),
        }
    }
}

/// Whether a body schema exists for `message_type`.
#[must_use]
pub fn has_schema(message_type: &str) -> bool {
    set().types.contains_key(message_type)
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
    let (engine, validator) = set().validator(message_type)?.ok_or_else(|| {
        Error::new(
            ErrorCode::EnvelopeUnknownType,
            format!("no schema for message type '{message_type}'"),
        )
        .at("/type")
    })?;
    if engine.is_valid(validator, body) {
        return Ok(Vec::new());
    }
    // The engine stops after MAX_VIOLATIONS: memory stays bounded whatever the body holds
    // (a roster of 40 000 bad rows costs 100 violations, not 40 000).
    let (errors, truncated) = engine.errors(validator, body, MAX_VIOLATIONS);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The engine accepts every embedded schema document, not only what the message types
    /// reach (a keyword, format or reference it does not support anywhere is a failure here,
    /// even though the types compile on demand), and every type's schema compiles on its own.
    #[test]
    fn every_schema_compiles() {
        let set = set();
        let mut ids: Vec<&str> = set.documents.keys().map(String::as_str).collect();
        ids.sort_unstable();
        let documents: Vec<&Value> = ids
            .iter()
            .map(|id| set.document(id).unwrap().unwrap())
            .collect();
        let (_, roots) = Engine::compile(&documents).unwrap();
        assert_eq!(roots.len(), files().len());
        assert_eq!(set.types.len(), files().len() - 3);
        for message_type in set.types.keys() {
            assert!(
                set.validator(message_type).unwrap().is_some(),
                "{message_type}"
            );
        }
        assert!(set.validator("no.such_type").unwrap().is_none());
    }
}
