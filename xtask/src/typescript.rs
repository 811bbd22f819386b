//! `bindings-wasm/types/messages.d.ts`: TypeScript interfaces of the documents and message
//! bodies, from the normative JSON Schemas (draft 2020-12).
//!
//! What maps to TypeScript: type, properties/required, additionalProperties, items, const,
//! enum, oneOf/anyOf (unions), allOf (intersections), $ref (named types). What a static type
//! cannot say — patterns, lengths, ranges, if/then/else, not, propertyNames — stays with the
//! schema stage of the verifier; titles and descriptions become doc comments.

use crate::json::{Json, quote};
use crate::schemas::{NOT_MESSAGES, Schemas};

/// Members of allOf/oneOf that only constrain (if/then/else/not) add nothing to the type.
const CONDITIONAL: &[&str] = &[
    "if",
    "then",
    "else",
    "not",
    "title",
    "description",
    "$comment",
];

fn pascal(s: &str) -> String {
    s.split(['.', '_'])
        .filter(|w| !w.is_empty())
        .map(upper_first)
        .collect()
}

pub(crate) fn upper_first(w: &str) -> String {
    let mut chars = w.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().chain(chars).collect::<String>()
    })
}

fn body_name(message_type: &str) -> String {
    format!("{}Body", pascal(message_type))
}

/// Definitions whose plain name would shadow a global of ECMAScript or the DOM are renamed.
fn def_name(def: &str) -> String {
    match pascal(def).as_str() {
        "Date" => "CalendarDate".to_owned(),
        "Text" => "FreeText".to_owned(),
        other => other.to_owned(),
    }
}

fn is_identifier(k: &str) -> bool {
    let mut chars = k.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

fn key(k: &str) -> String {
    if is_identifier(k) {
        k.to_owned()
    } else {
        quote(k)
    }
}

fn doc(schema: &Json, indent: &str) -> String {
    let parts: Vec<&str> = ["title", "description"]
        .iter()
        .filter_map(|k| schema.str_of(k))
        .filter(|s| !s.is_empty())
        .collect();
    if parts.is_empty() {
        return String::new();
    }
    let text = parts.join(" — ").replace("*/", "*\\/");
    format!("{indent}/** {text} */\n")
}

/// `urn:labourlink:schema:<name>:1` or `…:1#/$defs/<def>` → the TypeScript name.
fn ref_name(reference: &str) -> Result<String, String> {
    let unsupported = || format!("unsupported $ref {reference}");
    let rest = reference
        .strip_prefix("urn:labourlink:schema:")
        .ok_or_else(unsupported)?;
    let (name, tail) = rest.split_once(":1").ok_or_else(unsupported)?;
    let name_ok = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.');
    if !name_ok {
        return Err(unsupported());
    }
    let def = if tail.is_empty() {
        None
    } else {
        let def = tail.strip_prefix("#/$defs/").ok_or_else(unsupported)?;
        let def_ok = !def.is_empty()
            && def
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !def_ok {
            return Err(unsupported());
        }
        Some(def)
    };
    match def {
        Some(def) if name == "defs" => Ok(def_name(def)),
        None if !NOT_MESSAGES.contains(&name) => Ok(body_name(name)),
        _ => Err(unsupported()),
    }
}

fn only_conditional(s: &Json) -> bool {
    s.members()
        .iter()
        .all(|(k, _)| CONDITIONAL.contains(&k.as_str()))
}

/// The TypeScript type of a schema (`None`: the keyword is absent), written at `indent`.
fn ts(schema: Option<&Json>, indent: &str) -> Result<String, String> {
    let schema = match schema {
        None | Some(Json::Bool(true)) => return Ok("unknown".into()),
        Some(Json::Bool(false)) => return Ok("never".into()),
        Some(s) => s,
    };
    let mut parts = Vec::new();
    if let Some(r) = schema.str_of("$ref").filter(|r| !r.is_empty()) {
        parts.push(ref_name(r)?);
    }
    if let Some(c) = schema.get("const") {
        parts.push(c.compact());
    } else if let Some(values) = schema.get("enum").and_then(Json::as_array) {
        parts.push(
            values
                .iter()
                .map(Json::compact)
                .collect::<Vec<_>>()
                .join(" | "),
        );
    } else if schema.has("type") || schema.get("properties").is_some_and(|p| p != &Json::Null) {
        parts.push(typed(schema, indent)?);
    }
    for kw in ["oneOf", "anyOf"] {
        if let Some(list) = schema.get(kw).and_then(Json::as_array) {
            let members = list
                .iter()
                .filter(|s| !only_conditional(s))
                .map(|s| ts(Some(s), indent))
                .collect::<Result<Vec<_>, _>>()?;
            match members.len() {
                0 => {}
                1 => parts.extend(members),
                _ => parts.push(format!("({})", members.join(" | "))),
            }
        }
    }
    if let Some(list) = schema.get("allOf").and_then(Json::as_array) {
        for s in list.iter().filter(|s| !only_conditional(s)) {
            parts.push(ts(Some(s), indent)?);
        }
    }
    if parts.is_empty() {
        return Ok("unknown".into());
    }
    Ok(parts.join(" & "))
}

fn typed(schema: &Json, indent: &str) -> Result<String, String> {
    let types: Vec<&str> = match schema.get("type") {
        Some(Json::Array(list)) => list.iter().filter_map(Json::as_str).collect(),
        Some(Json::String(t)) => vec![t.as_str()],
        _ => vec!["object"],
    };
    let mut out = Vec::new();
    for t in types {
        out.push(match t {
            "string" => "string".to_owned(),
            "integer" | "number" => "number".to_owned(),
            "boolean" => "boolean".to_owned(),
            "null" => "null".to_owned(),
            "array" => {
                let item = ts(schema.get("items"), indent)?;
                let simple = !item.is_empty()
                    && item
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '"');
                if simple {
                    format!("{item}[]")
                } else {
                    format!("Array<{item}>")
                }
            }
            "object" => object(schema, indent)?,
            other => return Err(format!("unsupported type {other}")),
        });
    }
    Ok(out.join(" | "))
}

fn object(schema: &Json, indent: &str) -> Result<String, String> {
    let props = schema.get("properties").map_or(&[][..], Json::members);
    let required: Vec<&str> = schema
        .get("required")
        .and_then(Json::as_array)
        .map(|r| r.iter().filter_map(Json::as_str).collect())
        .unwrap_or_default();
    let inner = format!("{indent}  ");
    let mut lines = Vec::new();
    for (name, sub) in props {
        let optional = if required.contains(&name.as_str()) {
            ""
        } else {
            "?"
        };
        lines.push(format!(
            "{}{inner}{}{optional}: {};",
            doc(sub, &inner),
            key(name),
            ts(Some(sub), &inner)?
        ));
    }
    let extra = schema.get("additionalProperties");
    if extra != Some(&Json::Bool(false)) && (extra.is_some() || props.is_empty()) {
        let t = match extra {
            None | Some(Json::Bool(true)) => "unknown".to_owned(),
            Some(e) => ts(Some(e), &inner)?,
        };
        lines.push(format!("{inner}[key: string]: {t};"));
    }
    if lines.is_empty() {
        return Ok("Record<string, never>".into());
    }
    Ok(format!("{{\n{}\n{indent}}}", lines.join("\n")))
}

fn declare(name: &str, schema: &Json) -> Result<String, String> {
    let t = ts(Some(schema), "")?;
    let d = doc(schema, "");
    Ok(if t.starts_with("{\n") {
        format!("{d}export interface {name} {t}\n")
    } else {
        format!("{d}export type {name} = {t};\n")
    })
}

/// The text of `bindings-wasm/types/messages.d.ts`.
pub(crate) fn messages_d_ts(schemas: &Schemas) -> Result<String, String> {
    let defs = schemas.defs()?;
    let envelope = schemas.get("envelope")?;
    let types = schemas.message_types();

    let mut out = String::from(
        "// Generated by `cargo xtask regen` (xtask/src/typescript.rs) from schemas/*.schema.json. Do not
// edit: change the schemas and run `cargo xtask regen` (CI runs `cargo xtask check`).
// Field names are the wire's (snake_case). Patterns, lengths, ranges and conditional requirements
// are checked by the verifier's schema stage, not by these types.

",
    );
    out.push_str("// ---- Common definitions (schemas/defs.schema.json)\n\n");
    for (name, schema) in defs.members() {
        out.push_str(&declare(&def_name(name), schema)?);
        out.push('\n');
    }
    out.push_str("// ---- Message bodies, one per message type\n\n");
    for t in &types {
        out.push_str(&declare(&body_name(t), schemas.get(t)?)?);
        out.push('\n');
    }
    out.push_str("/** The body type of each message type. */\nexport interface MessageBodies {\n");
    for t in &types {
        out.push_str(&format!("  {}: {};\n", quote(t), body_name(t)));
    }
    out.push_str("}\n\n");

    // The envelope: every property but `type` and `body`, which the Document type pairs up.
    let fields = Json::Object(
        envelope
            .members()
            .iter()
            .filter(|(k, _)| k != "allOf")
            .map(|(k, v)| {
                let v = match k.as_str() {
                    "properties" => Json::Object(
                        v.members()
                            .iter()
                            .filter(|(p, _)| p != "type" && p != "body")
                            .cloned()
                            .collect(),
                    ),
                    "required" => Json::Array(
                        v.as_array()
                            .unwrap_or_default()
                            .iter()
                            .filter(|r| !matches!(r.as_str(), Some("type" | "body")))
                            .cloned()
                            .collect(),
                    ),
                    _ => v.clone(),
                };
                (k.clone(), v)
            })
            .collect(),
    );
    let declared = declare("EnvelopeFields", &fields)?;
    let first_line_doc = declared
        .split_once('\n')
        .filter(|(first, _)| first.starts_with("/**") && first.ends_with("*/"));
    match first_line_doc {
        Some((_, rest)) => {
            out.push_str(
                "/** The envelope fields of a document (schemas/envelope.schema.json) except `type` and `body`. */\n",
            );
            out.push_str(rest);
        }
        None => out.push_str(&declared),
    }
    out.push_str(
        "
/**
 * A document (the payload of a message, DESIGN §3): the envelope fields with the body of its
 * type. `Document` alone is the union over every message type, so checking `doc.type`
 * narrows `doc.body`.
 */
export type Document<T extends MessageType = MessageType> = T extends MessageType
  ? EnvelopeFields & { type: T; body: MessageBodies[T] }
  : never;
",
    );
    let declared_types: Vec<&str> = defs
        .get("message_type")
        .and_then(|m| m.get("enum"))
        .and_then(Json::as_array)
        .map(|e| e.iter().filter_map(Json::as_str).collect())
        .unwrap_or_default();
    for t in &types {
        if !declared_types.contains(&t.as_str()) {
            return Err(format!(
                "schemas/{t}.schema.json is not in defs message_type"
            ));
        }
    }
    Ok(out)
}
