//! `core/src/messages/pointers.rs`: JSON-pointer constants for every member of every message
//! body, generated from the schemas so that the business rules name fields the compiler checks.
//!
//! One module per message type (`pointers::worker_transfer::roster`), one per object definition
//! of `defs.schema.json` (`pointers::defs::person`) and one for the envelope. A constant is one
//! pointer segment (`WORKERS = "/workers"`); an inline object or array-of-objects member gets a
//! submodule named after it with its own members (`roster::workers::PERSON = "/person"`), so a
//! rule composes pointers from names that exist: `format!("{WORKERS}/{i}{}", workers::PERSON)`.
//! A member that refers to a definition gets no submodule: its members are the definition's.
//!
//! `PATHS` lists every constant with the schema it belongs to and its path through the schema
//! (`*` for array items), which a core test resolves against the embedded schemas.

use std::fmt::Write as _;

use crate::json::Json;
use crate::schemas::Schemas;

const DEFS_PREFIX: &str = "urn:labourlink:schema:defs:1#/$defs/";

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "box", "break", "const", "continue", "crate", "do", "dyn", "else",
    "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop",
    "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return", "self",
    "static", "struct", "super", "trait", "true", "try", "type", "typeof", "unsafe", "unsized",
    "use", "virtual", "where", "while", "yield",
];

fn module_name(name: &str) -> String {
    if KEYWORDS.contains(&name) {
        format!("r#{name}")
    } else {
        name.to_owned()
    }
}

fn const_name(name: &str) -> String {
    name.to_ascii_uppercase()
}

/// The inline object schema whose members a member's submodule lists: the member itself when
/// it is an object with properties, or its array items when they are; `None` for scalars and
/// for `$ref`s.
fn inline_object(schema: &Json) -> Option<&Json> {
    if schema.has("$ref") {
        return None;
    }
    if schema.has("properties") {
        return Some(schema);
    }
    let items = schema.get("items")?;
    (items.has("properties") && !items.has("$ref")).then_some(items)
}

/// The doc line of a member: its title and the definition it refers to, if any.
fn member_doc(name: &str, schema: &Json, defs: &Json) -> String {
    let target = schema
        .get("items")
        .filter(|i| i.has("$ref"))
        .unwrap_or(schema);
    let title = schema
        .str_of("title")
        .or_else(|| target.str_of("title"))
        .unwrap_or_default();
    let mut doc = format!("`/{name}`");
    if !title.is_empty() {
        let _ = write!(doc, ": {title}");
    }
    let object_def = target
        .str_of("$ref")
        .and_then(|r| r.strip_prefix(DEFS_PREFIX))
        .filter(|def| defs.get(def).is_some_and(|d| d.has("properties")));
    if let Some(def) = object_def {
        let _ = write!(
            doc,
            " (a [`defs::{def}`](crate::messages::pointers::defs::{def}))"
        );
    }
    if schema.has("items") {
        doc.push_str(", an array");
    }
    doc
}

struct Out<'a> {
    defs: &'a Json,
    text: String,
    paths: Vec<(String, String)>,
}

/// The members of the object `schema` at `indent`, recursively; `owner` is the schema name
/// for `PATHS` and `path` the members' path so far.
fn members(out: &mut Out<'_>, schema: &Json, indent: &str, owner: &str, path: &str) {
    let props = schema.get("properties").map_or(&[][..], Json::members);
    for (name, sub) in props {
        let _ = writeln!(
            out.text,
            "{indent}/// {}\n{indent}pub const {}: &str = \"/{name}\";",
            member_doc(name, sub, out.defs).replace('\n', " "),
            const_name(name)
        );
        out.paths.push((owner.to_owned(), format!("{path}/{name}")));
    }
    for (name, sub) in props {
        if let Some(object) = inline_object(sub) {
            let item = if sub.has("items") { "/*" } else { "" };
            let _ = writeln!(
                out.text,
                "\n{indent}/// The members of {}`/{name}`.\n{indent}pub mod {} {{",
                if item.is_empty() { "" } else { "the items of " },
                module_name(name)
            );
            members(
                out,
                object,
                &format!("{indent}    "),
                owner,
                &format!("{path}/{name}{item}"),
            );
            let _ = writeln!(out.text, "{indent}}}");
        }
    }
}

/// The text of `core/src/messages/pointers.rs`.
pub(crate) fn pointers_rs(schemas: &Schemas) -> Result<String, String> {
    let mut out = Out {
        defs: schemas.defs()?,
        text: String::from(
            "//! JSON-pointer segments of every member of every message body, the envelope and the\n\
             //! object definitions, generated from the schemas by `cargo xtask regen`\n\
             //! (xtask/src/pointers.rs); do not edit (CI runs `cargo xtask check`).\n\
             //!\n\
             //! The business rules name body fields through these constants, so a field that does not\n\
             //! exist in the schema is a compile error instead of a rule that silently never runs.\n\
             //! A constant is one segment (`\"/workers\"`); an inline object member, or an array of\n\
             //! inline objects, has a submodule of the same name with its members. A member that\n\
             //! refers to a definition of `defs.schema.json` has none: see [`defs`].\n\n",
        ),
        paths: Vec::new(),
    };
    // The envelope.
    out.text
        .push_str("/// The envelope's members (`envelope.schema.json`).\npub mod envelope {\n");
    members(&mut out, schemas.get("envelope")?, "    ", "envelope", "");
    out.text.push_str("}\n\n");
    // The object definitions.
    out.text
        .push_str("/// The object definitions of `defs.schema.json`.\npub mod defs {\n");
    let mut first = true;
    for (name, def) in schemas.defs()?.members() {
        if !def.has("properties") {
            continue;
        }
        if !first {
            out.text.push('\n');
        }
        first = false;
        let title = def.str_of("title").unwrap_or_default();
        let _ = writeln!(
            out.text,
            "    /// `$defs/{name}`: {title}.\n    pub mod {} {{",
            module_name(name)
        );
        members(&mut out, def, "        ", &format!("defs#{name}"), "");
        out.text.push_str("    }\n");
    }
    out.text.push_str("}\n");
    // One module per message type, grouped by domain.
    let mut domain: Option<String> = None;
    for t in schemas.message_types() {
        let (group, name) = match t.split_once('.') {
            Some((g, n)) => (Some(g.to_owned()), n.to_owned()),
            None => (None, t.clone()),
        };
        if domain != group {
            if domain.is_some() {
                out.text.push_str("}\n");
            }
            if let Some(g) = &group {
                let _ = writeln!(
                    out.text,
                    "\n/// The `{g}.*` message bodies.\npub mod {g} {{"
                );
            }
            domain = group.clone();
        }
        let indent = if group.is_some() { "    " } else { "" };
        let schema = schemas.get(&t)?;
        let title = schema.str_of("title").unwrap_or_default();
        let _ = writeln!(
            out.text,
            "\n{indent}/// The body of `{t}`: {title}.\n{indent}pub mod {} {{",
            module_name(&name)
        );
        members(&mut out, schema, &format!("{indent}    "), &t, "");
        let _ = writeln!(out.text, "{indent}}}");
    }
    if domain.is_some() {
        out.text.push_str("}\n");
    }
    out.text.push_str(
        "\n/// Every constant above: the schema it belongs to (a message type, `envelope`, or\n\
         /// `defs#<definition>`) and its path of member names from that schema's root (`*`: the\n\
         /// items of an array). A test resolves each one in the embedded schemas.\n\
         pub const PATHS: &[(&str, &str)] = &[\n",
    );
    for (owner, path) in &out.paths {
        let _ = writeln!(out.text, "    ({owner:?}, {path:?}),");
    }
    out.text.push_str("];\n");
    Ok(out.text)
}
