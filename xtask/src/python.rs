//! `bindings-python/python/labourlink/messages.py`: a `TypedDict` for every message body.
//!
//! Mapping (JSON Schema draft 2020-12 → typing, Python 3.9 compatible):
//!
//! * object with `properties` → `TypedDict`; required members in a base class, optional ones in
//!   a `total=False` subclass (Python 3.9 has no `NotRequired`); member names that are not
//!   identifiers use the functional syntax;
//! * object without `properties` → `Dict[str, T]` (`T` from `additionalProperties`, else `Any`);
//! * `$ref` to `defs.schema.json#/$defs/<name>` → the named definition (objects become
//!   TypedDicts, scalars type aliases);
//! * `const`, `enum` and a `oneOf` of `const`s → `Literal[...]`; `type` lists → `Union`;
//! * `array` → `List[T]`; string/integer/number/boolean/null → str/int/float/bool/None;
//! * conditional keywords (`if`/`then`/`else`, `allOf` of conditionals, `not`) and value
//!   constraints (patterns, lengths, ranges) are not expressible in `TypedDict`: the core checks
//!   them.
//!
//! The output is deterministic (sorted by file name, then in schema order).

use std::collections::{BTreeMap, BTreeSet};

use crate::json::{Json, quote};
use crate::schemas::Schemas;

const DEFS_PREFIX: &str = "urn:labourlink:schema:defs:1#/$defs/";

/// Python's keywords (`keyword.kwlist`).
const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

fn camel(name: &str) -> String {
    name.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|p| !p.is_empty())
        .map(crate::typescript::upper_first)
        .collect()
}

/// The class name for the items of an array member: `Workers` → `Worker`.
fn singular(name: &str) -> String {
    if let Some(stem) = name.strip_suffix("ies") {
        format!("{stem}y")
    } else if name.ends_with('s') && !name.ends_with("ss") {
        name[..name.len() - 1].to_owned()
    } else {
        format!("{name}Item")
    }
}

/// Python's `repr` of a string.
fn repr(s: &str) -> String {
    let q = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::from(q);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == q => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out.push(q);
    out
}

fn py_literal(value: &Json) -> String {
    match value {
        Json::String(s) => quote(s),
        Json::Bool(true) => "True".into(),
        Json::Bool(false) => "False".into(),
        Json::Null => "None".into(),
        other => other.compact(),
    }
}

fn is_identifier(k: &str) -> bool {
    let mut chars = k.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_')
}

/// Python's `textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)`.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let text: String = text
        .chars()
        .map(|c| {
            if matches!(c, '\t' | '\n' | '\x0b' | '\x0c' | '\r') {
                ' '
            } else {
                c
            }
        })
        .collect();
    // Chunks: runs of spaces and runs of everything else, in order.
    let mut chunks: Vec<String> = Vec::new();
    for c in text.chars() {
        match chunks.last_mut() {
            Some(last) if last.starts_with(' ') == (c == ' ') => last.push(c),
            _ => chunks.push(c.to_string()),
        }
    }
    chunks.reverse();
    let len = |s: &str| s.chars().count();
    let mut lines: Vec<String> = Vec::new();
    while !chunks.is_empty() {
        let mut cur: Vec<String> = Vec::new();
        let mut cur_len = 0;
        if chunks.last().is_some_and(|c| c.trim().is_empty()) && !lines.is_empty() {
            chunks.pop();
        }
        while let Some(chunk) = chunks.last() {
            let l = len(chunk);
            if cur_len + l <= width {
                cur_len += l;
                cur.extend(chunks.pop());
            } else {
                break;
            }
        }
        // A chunk longer than the line: on a line of its own (break_long_words=False).
        if chunks.last().is_some_and(|c| len(c) > width) && cur.is_empty() {
            cur.extend(chunks.pop());
        }
        if cur.last().is_some_and(|c| c.trim().is_empty()) {
            cur.pop();
        }
        if !cur.is_empty() {
            lines.push(cur.concat());
        }
    }
    lines
}

/// A docstring from `title` and `description`.
fn doc_lines(schema: &Json, indent: &str) -> Vec<String> {
    let parts: Vec<String> = ["title", "description"]
        .iter()
        .filter_map(|k| schema.str_of(k))
        .filter(|s| !s.is_empty())
        .map(|p| p.replace("\"\"\"", "'''").replace('\\', "\\\\"))
        .collect();
    if parts.is_empty() {
        return Vec::new();
    }
    let wrapped = wrap(&parts.join(" — "), 96 - indent.len());
    match wrapped.as_slice() {
        [] => Vec::new(),
        [one] => vec![format!("{indent}\"\"\"{one}\"\"\"")],
        [first, rest @ ..] => {
            let mut out = vec![format!("{indent}\"\"\"{first}")];
            out.extend(rest.iter().map(|w| format!("{indent}{w}")));
            out.push(format!("{indent}\"\"\""));
            out
        }
    }
}

struct Generator<'a> {
    defs: &'a Json,
    out: Vec<String>,
    /// Generated name → the schema it stands for (sorted-key JSON).
    names: BTreeMap<String, String>,
    /// Definition name → Python name.
    defined_defs: BTreeMap<String, String>,
    typing: BTreeSet<&'static str>,
}

impl Generator<'_> {
    /// A unique class name for `schema`; true when it still has to be emitted.
    fn fresh(&mut self, name: &str, schema: &Json) -> (String, bool) {
        let key = schema.sorted_key();
        let mut candidate = name.to_owned();
        let mut n = 1;
        while let Some(existing) = self.names.get(&candidate) {
            if *existing == key {
                return (candidate, false);
            }
            n += 1;
            candidate = format!("{name}{n}");
        }
        self.names.insert(candidate.clone(), key);
        (candidate, true)
    }

    fn reference(&mut self, reference: &str) -> Result<String, String> {
        let name = reference
            .strip_prefix(DEFS_PREFIX)
            .ok_or_else(|| format!("unsupported $ref {reference:?}"))?;
        if let Some(py) = self.defined_defs.get(name) {
            return Ok(py.clone());
        }
        let defs = self.defs;
        let schema = defs
            .get(name)
            .ok_or_else(|| format!("unknown definition {name}"))?;
        let py = if is_object(schema) {
            self.typed_dict(&camel(name), schema)?
        } else {
            let ann = self.annotation(schema, &camel(name))?;
            let (py, _) = self.fresh(&camel(name), schema);
            self.out.extend([String::new(), String::new()]);
            self.out.push(format!("{py} = {ann}"));
            self.out.extend(doc_lines(schema, ""));
            py
        };
        self.defined_defs.insert(name.to_owned(), py.clone());
        Ok(py)
    }

    fn literal(&mut self, values: &[&Json]) -> String {
        self.typing.insert("Literal");
        let list: Vec<String> = values.iter().map(|v| py_literal(v)).collect();
        format!("Literal[{}]", list.join(", "))
    }

    /// The annotation for `schema`; `name` is used for nested TypedDicts.
    fn annotation(&mut self, schema: &Json, name: &str) -> Result<String, String> {
        if let Some(r) = schema.get("$ref") {
            return self.reference(r.as_str().unwrap_or_default());
        }
        if let Some(c) = schema.get("const") {
            return Ok(self.literal(&[c]));
        }
        if let Some(e) = schema.get("enum") {
            let values: Vec<&Json> = e.as_array().unwrap_or_default().iter().collect();
            return Ok(self.literal(&values));
        }
        let one_of = [schema.get("oneOf"), schema.get("anyOf")]
            .into_iter()
            .flatten()
            .filter_map(Json::as_array)
            .find(|l| !l.is_empty());
        if let Some(one_of) = one_of {
            if one_of.iter().all(|s| s.has("const")) {
                let values: Vec<&Json> = one_of.iter().filter_map(|s| s.get("const")).collect();
                return Ok(self.literal(&values));
            }
            self.typing.insert("Union");
            let mut anns = Vec::new();
            for (i, s) in one_of.iter().enumerate() {
                anns.push(self.annotation(s, &format!("{name}{}", i + 1))?);
            }
            return Ok(format!("Union[{}]", anns.join(", ")));
        }
        let t = schema.get("type");
        if let Some(Json::Array(list)) = t {
            let mut anns = Vec::new();
            for x in list {
                let members = schema
                    .members()
                    .iter()
                    .map(|(k, v)| (k.clone(), if k == "type" { x.clone() } else { v.clone() }))
                    .collect();
                anns.push(self.annotation(&Json::Object(members), name)?);
            }
            self.typing.insert("Union");
            return Ok(format!("Union[{}]", anns.join(", ")));
        }
        let t = t.and_then(Json::as_str);
        if t == Some("object") || (t.is_none() && schema.has("properties")) {
            if schema.has("properties") {
                return self.typed_dict(name, schema);
            }
            self.typing.insert("Dict");
            if let Some(extra) = schema.get("additionalProperties").filter(|e| e.is_object()) {
                let ann = self.annotation(extra, &format!("{name}Value"))?;
                return Ok(format!("Dict[str, {ann}]"));
            }
            self.typing.insert("Any");
            return Ok("Dict[str, Any]".into());
        }
        if t == Some("array") {
            self.typing.insert("List");
            if let Some(items) = schema.get("items").filter(|i| i.is_object()) {
                let ann = self.annotation(items, &singular(name))?;
                return Ok(format!("List[{ann}]"));
            }
            self.typing.insert("Any");
            return Ok("List[Any]".into());
        }
        let simple = match t {
            Some("string") => Some("str"),
            Some("integer") => Some("int"),
            Some("number") => Some("float"),
            Some("boolean") => Some("bool"),
            Some("null") => Some("None"),
            _ => None,
        };
        if let Some(s) = simple {
            return Ok(s.into());
        }
        self.typing.insert("Any");
        Ok("Any".into())
    }

    fn typed_dict(&mut self, name: &str, schema: &Json) -> Result<String, String> {
        let (name, new) = self.fresh(name, schema);
        if !new {
            return Ok(name);
        }
        let props = schema.get("properties").map_or(&[][..], Json::members);
        let required_list: Vec<&str> = schema
            .get("required")
            .and_then(Json::as_array)
            .map(|r| r.iter().filter_map(Json::as_str).collect())
            .unwrap_or_default();
        let required: Vec<&str> = props
            .iter()
            .map(|(k, _)| k.as_str())
            .filter(|k| required_list.contains(k))
            .collect();
        let optional: Vec<&str> = props
            .iter()
            .map(|(k, _)| k.as_str())
            .filter(|k| !required_list.contains(k))
            .collect();
        // Nested types first, so that every name is defined before it is used.
        let prefix = name.strip_suffix("Body").unwrap_or(&name).to_owned();
        let mut anns = BTreeMap::new();
        for (k, v) in props {
            let ann = self.annotation(v, &format!("{prefix}{}", camel(k)))?;
            anns.insert(k.clone(), ann);
        }
        self.typing.insert("TypedDict");
        let functional = props
            .iter()
            .any(|(k, _)| !is_identifier(k) || KEYWORDS.contains(&k.as_str()));
        self.out.extend([String::new(), String::new()]);
        let all: Vec<&str> = props.iter().map(|(k, _)| k.as_str()).collect();
        if optional.is_empty() || required.is_empty() {
            let total = if optional.is_empty() {
                ""
            } else {
                ", total=False"
            };
            let class = Class {
                name: &name,
                base: "TypedDict",
                total,
                functional,
            };
            self.emit_class(&class, schema, props, &all, &anns)?;
        } else {
            let base = format!("_{name}Required");
            let class = Class {
                name: &base,
                base: "TypedDict",
                total: "",
                functional,
            };
            self.emit_class(&class, &Json::Object(Vec::new()), props, &required, &anns)?;
            self.out.extend([String::new(), String::new()]);
            let class = Class {
                name: &name,
                base: &base,
                total: ", total=False",
                functional,
            };
            self.emit_class(&class, schema, props, &optional, &anns)?;
        }
        Ok(name)
    }

    fn emit_class(
        &mut self,
        class: &Class<'_>,
        schema: &Json,
        props: &[(String, Json)],
        keys: &[&str],
        anns: &BTreeMap<String, String>,
    ) -> Result<(), String> {
        let Class {
            name,
            base,
            total,
            functional,
        } = *class;
        let ann = |k: &str| anns.get(k).cloned().unwrap_or_default();
        if functional {
            if base != "TypedDict" {
                // The functional syntax cannot inherit: repeat the required members.
                return Err(format!(
                    "{name}: optional members with non-identifier names are not supported"
                ));
            }
            let fields: Vec<String> = keys
                .iter()
                .map(|k| format!("{}: {}", repr(k), ann(k)))
                .collect();
            self.out.push(format!(
                "{name} = TypedDict({}, {{{}}}{total})",
                repr(name),
                fields.join(", ")
            ));
            self.out.extend(doc_lines(schema, ""));
            return Ok(());
        }
        self.out.push(format!("class {name}({base}{total}):"));
        let mut body = doc_lines(schema, "    ");
        for k in keys {
            let title = props
                .iter()
                .find(|(p, _)| p == k)
                .and_then(|(_, s)| s.str_of("title"))
                .filter(|t| !t.is_empty());
            if let Some(title) = title {
                body.push(format!("    #: {title}"));
            }
            body.push(format!("    {k}: {}", ann(k)));
        }
        if body.is_empty() {
            body.push("    pass".into());
        }
        self.out.extend(body);
        Ok(())
    }
}

#[derive(Clone, Copy)]
struct Class<'a> {
    name: &'a str,
    base: &'a str,
    total: &'a str,
    functional: bool,
}

fn is_object(schema: &Json) -> bool {
    schema.str_of("type") == Some("object") && schema.has("properties")
}

/// The text of `bindings-python/python/labourlink/messages.py`.
pub(crate) fn messages_py(schemas: &Schemas) -> Result<String, String> {
    let mut generator = Generator {
        defs: schemas.defs()?,
        out: Vec::new(),
        names: BTreeMap::new(),
        defined_defs: BTreeMap::new(),
        typing: BTreeSet::new(),
    };
    let mut bodies = Vec::new();
    for message_type in schemas.message_types() {
        let schema = schemas.get(&message_type)?;
        generator.out.extend([String::new(), String::new()]);
        let dashes = "-".repeat(84_usize.saturating_sub(message_type.chars().count()));
        generator.out.push(format!("# --- {message_type} {dashes}"));
        let name = generator.typed_dict(&format!("{}Body", camel(&message_type)), schema)?;
        bodies.push((message_type, name));
    }
    generator.typing.insert("Dict");
    let typing: Vec<&str> = generator.typing.iter().copied().collect();
    let mut lines: Vec<String> = [
        "\"\"\"TypedDicts of every message body, generated from ``schemas/`` — do not edit by hand.",
        "",
        "Regenerate with ``cargo xtask regen`` (CI runs ``cargo xtask check``). Value constraints",
        "(patterns, lengths, ranges, check digits) and conditional requirements are checked by the",
        "core, not by the type checker.",
        "",
        ">>> from labourlink.messages import WorkerTransferRosterBody",
        ">>> body: WorkerTransferRosterBody = {\"roster_number\": \"LS-2026-001\", \"workers\": []}",
        "\"\"\"",
        "",
        "# generated by `cargo xtask regen` (xtask/src/python.rs)",
        "from __future__ import annotations",
        "",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    lines.push(format!("from typing import {}", typing.join(", ")));
    lines.append(&mut generator.out);
    lines.extend([
        "".into(),
        "".into(),
        "BODY_TYPES: Dict[str, type] = {".into(),
    ]);
    lines.extend(bodies.iter().map(|(t, n)| format!("    {}: {n},", repr(t))));
    lines.push("}".into());
    lines.push("\"\"\"The body ``TypedDict`` of each message type.\"\"\"".into());
    lines.extend([
        "".into(),
        "__all__ = [".into(),
        "    \"BODY_TYPES\",".into(),
    ]);
    lines.extend(
        generator
            .names
            .keys()
            .filter(|n| !n.starts_with('_'))
            .map(|n| format!("    {},", repr(n))),
    );
    lines.push("]".into());
    let text = lines.join("\n") + "\n";
    // Runs of four or more newlines become three (two blank lines).
    let mut out = String::with_capacity(text.len());
    let mut newlines = 0;
    for c in text.chars() {
        if c == '\n' {
            newlines += 1;
            if newlines > 3 {
                continue;
            }
        } else {
            newlines = 0;
        }
        out.push(c);
    }
    Ok(out)
}
