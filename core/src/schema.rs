//! The implementation of [`crate::schema`] (private: its public items are re-exported there).

use std::collections::HashMap;
use std::sync::OnceLock;

use serde_json::Value;

use crate::envelope::Document;
use crate::error::{Error, ErrorCode, Result, Violation};
use crate::verify::Stage;

include!(concat!(env!("OUT_DIR"), "/schemas.rs"));

/// The compiled schema set.
struct SchemaSet {
    validators: HashMap<String, jsonschema::Validator>,
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
    SCHEMA_FILES
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
    EXAMPLE_FILES
        .iter()
        .find(|(t, _)| *t == message_type)
        .and_then(|(_, text)| crate::json::parse_document(text.as_bytes()).ok())
}

/// The embedded flow table (`schemas/flows.json`), when the build had one.
#[must_use]
pub fn flows_text() -> Option<&'static str> {
    FLOWS
}

fn compile() -> std::result::Result<SchemaSet, String> {
    let mut parsed: Vec<(String, Value)> = Vec::new();
    for (name, text) in SCHEMA_FILES {
        let v: Value = serde_json::from_str(text).map_err(|e| format!("schemas/{name}: {e}"))?;
        parsed.push(((*name).to_owned(), v));
    }
    let mut registry = jsonschema::Registry::new();
    for (name, v) in &parsed {
        let Some(id) = v.get("$id").and_then(Value::as_str) else {
            return Err(format!("schemas/{name} has no $id"));
        };
        registry = registry
            .add(id, v.clone())
            .map_err(|e| format!("schemas/{name}: {e}"))?;
    }
    let registry = registry
        .prepare()
        .map_err(|e| format!("schema registry: {e}"))?;
    let mut validators = HashMap::new();
    for (name, v) in &parsed {
        let Some(message_type) = name.strip_suffix(".schema.json") else {
            continue;
        };
        if matches!(message_type, "defs" | "envelope" | "flows") {
            continue;
        }
        let validator = jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .should_validate_formats(true)
            .with_registry(&registry)
            .build(v)
            .map_err(|e| format!("schemas/{name}: {e}"))?;
        validators.insert(message_type.to_owned(), validator);
    }
    Ok(SchemaSet { validators })
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

/// Long arrays are schema-checked in windows of this many items (see [`validate_body_versioned`]).
const WINDOW: usize = 100;

/// Violations collected so far, bounded by [`MAX_VIOLATIONS`].
#[derive(Default)]
struct Collected {
    violations: Vec<Violation>,
    tolerated: Vec<Violation>,
    truncated: bool,
}

impl Collected {
    fn full(&self) -> bool {
        self.truncated
    }

    fn is_empty(&self) -> bool {
        self.violations.is_empty() && self.tolerated.is_empty()
    }
}

/// Runs the validator on `instance` and adds its violations, each path (relative to the body)
/// mapped by `map` (`None` drops it), until [`MAX_VIOLATIONS`] are held.
fn collect(
    validator: &jsonschema::Validator,
    instance: &Value,
    newer_minor: bool,
    out: &mut Collected,
    map: impl Fn(&str) -> Option<String>,
) {
    for e in validator.iter_errors(instance) {
        let Some(rel) = map(e.instance_path().as_str()) else {
            continue;
        };
        if out.violations.len() + out.tolerated.len() >= MAX_VIOLATIONS {
            out.truncated = true;
            return;
        }
        let path = format!("/body{rel}");
        let unknown_member = match e.kind() {
            jsonschema::error::ValidationErrorKind::AdditionalProperties { unexpected }
            | jsonschema::error::ValidationErrorKind::UnevaluatedProperties { unexpected } => {
                // A newer minor adds members with plain names only; a look-alike of a known
                // name (`Status`, fullwidth `ｓtatus`, `status` + zero-width space) is refused.
                unexpected.iter().all(|n| is_plain_member_name(n))
            }
            _ => false,
        };
        let (message, message_zh) = describe(e.kind());
        if newer_minor && unknown_member {
            out.tolerated.push(Violation::new(
                "schema.unknown_member",
                path,
                format!("{message} (from a newer minor version; ignored)"),
                format!("{message_zh}（来自更高的次版本，已忽略）"),
            ));
        } else {
            out.violations
                .push(Violation::new("schema.invalid", path, message, message_zh));
        }
    }
}

/// The length of the longest array anywhere in `v` (iterative).
fn longest_array(v: &Value) -> usize {
    let mut longest = 0;
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        match v {
            Value::Array(a) => {
                longest = longest.max(a.len());
                stack.extend(a.iter());
            }
            Value::Object(m) => stack.extend(m.values()),
            _ => {}
        }
    }
    longest
}

/// A copy of `v` in which every array longer than [`WINDOW`] holds only its items
/// `[k·WINDOW, (k+1)·WINDOW)` — or, once exhausted, its first window (whose violations were
/// reported with window 0 and are dropped by [`map_window_path`]). Depth is bounded by the
/// JSON depth limit.
fn window(v: &Value, k: usize) -> Value {
    match v {
        Value::Array(a) if a.len() > WINDOW => {
            let start = k.saturating_mul(WINDOW);
            let range = if start < a.len() {
                start..(start + WINDOW).min(a.len())
            } else {
                0..WINDOW
            };
            Value::Array(a[range].iter().map(|x| window(x, k)).collect())
        }
        Value::Array(a) => Value::Array(a.iter().map(|x| window(x, k)).collect()),
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(name, x)| (name.clone(), window(x, k)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// Maps a pointer into window `k`'s copy back to the body: indices into long arrays move by
/// `k·WINDOW`. `None` for what window `k` must not report: items of an exhausted array, and
/// keywords of a long array itself after window 0 (reported once).
fn map_window_path(body: &Value, path: &str, k: usize) -> Option<String> {
    let offset = k.saturating_mul(WINDOW);
    let mut node = body;
    let mut out = String::with_capacity(path.len() + 8);
    let tokens: Vec<&str> = path.split('/').skip(1).collect();
    for token in &tokens {
        match node {
            Value::Array(a) if a.len() > WINDOW => {
                if offset >= a.len() {
                    return None;
                }
                let i = token.parse::<usize>().ok()?.checked_add(offset)?;
                node = a.get(i)?;
                out.push('/');
                out.push_str(&i.to_string());
            }
            Value::Array(a) => {
                node = a.get(token.parse::<usize>().ok()?)?;
                out.push('/');
                out.push_str(token);
            }
            Value::Object(m) => {
                let name = token.replace("~1", "/").replace("~0", "~");
                node = m.get(&name)?;
                out.push('/');
                out.push_str(token);
            }
            _ => return None,
        }
    }
    if k > 0 && matches!(node, Value::Array(a) if a.len() > WINDOW) {
        return None;
    }
    Some(out)
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
    if validator.is_valid(body) {
        return Ok(Vec::new());
    }
    let mut out = Collected::default();
    let longest = longest_array(body);
    if longest <= WINDOW {
        collect(validator, body, newer_minor, &mut out, |p| {
            Some(p.to_owned())
        });
    } else {
        // The schema library collects every violation of a node before returning any, so one
        // pass over a body with 40 000 bad array items holds 40 000 errors. Check long arrays
        // in windows of WINDOW items instead (errors mapped back to their real index), until
        // MAX_VIOLATIONS are found: memory stays proportional to the window, not the input.
        let mut k = 0usize;
        loop {
            let copy = window(body, k);
            collect(validator, &copy, newer_minor, &mut out, |p| {
                map_window_path(body, p, k)
            });
            k += 1;
            if out.full() || k.saturating_mul(WINDOW) >= longest {
                break;
            }
        }
        if out.is_empty() {
            // Every item is valid: what fails is a keyword of a long array itself
            // (maxItems, uniqueItems), which the windows cannot see. Few errors: check whole.
            collect(validator, body, newer_minor, &mut out, |p| {
                Some(p.to_owned())
            });
        }
    }
    let Collected {
        mut violations,
        tolerated,
        truncated,
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

/// Describes a violation from the schema's side only. The instance value is never quoted: it
/// may be a citizen ID, a name or a birth date, which must not reach logs or error messages.
fn describe(kind: &jsonschema::error::ValidationErrorKind) -> (String, String) {
    use jsonschema::error::ValidationErrorKind as K;
    let list = |v: &[String]| v.join(", ");
    match kind {
        K::Required { property } => (
            format!("required member {property} is missing"),
            format!("缺少必填成员 {property}"),
        ),
        K::AdditionalProperties { unexpected } | K::UnevaluatedProperties { unexpected } => (
            format!("member(s) not allowed here: {}", list(unexpected)),
            format!("不允许的成员：{}", list(unexpected)),
        ),
        K::Type { kind } => (
            format!("wrong type: expected {kind:?}"),
            format!("类型错误，应为 {kind:?}"),
        ),
        K::Enum { options } => (
            format!("value is not one of {options}"),
            format!("取值不在允许范围内：{options}"),
        ),
        K::Constant { expected_value } => (
            format!("value must be {expected_value}"),
            format!("取值必须为 {expected_value}"),
        ),
        K::Pattern { pattern } => (
            format!("value does not match the pattern {pattern}"),
            format!("取值不符合格式 {pattern}"),
        ),
        K::Format { format } => (
            format!("value is not a valid {format}"),
            format!("取值不是有效的 {format}"),
        ),
        K::MinLength { limit } => (
            format!("shorter than {limit} characters"),
            format!("长度少于 {limit} 个字符"),
        ),
        K::MaxLength { limit } => (
            format!("longer than {limit} characters"),
            format!("长度超过 {limit} 个字符"),
        ),
        K::Minimum { limit } => (
            format!("less than the minimum {limit}"),
            format!("小于最小值 {limit}"),
        ),
        K::Maximum { limit } => (
            format!("greater than the maximum {limit}"),
            format!("大于最大值 {limit}"),
        ),
        K::ExclusiveMinimum { limit } => (
            format!("not greater than {limit}"),
            format!("必须大于 {limit}"),
        ),
        K::ExclusiveMaximum { limit } => (
            format!("not less than {limit}"),
            format!("必须小于 {limit}"),
        ),
        K::MinItems { limit } => (
            format!("fewer than {limit} items"),
            format!("元素少于 {limit} 个"),
        ),
        K::MaxItems { limit } => (
            format!("more than {limit} items"),
            format!("元素多于 {limit} 个"),
        ),
        K::UniqueItems => ("items are not unique".to_owned(), "元素有重复".to_owned()),
        K::MinProperties { limit } => (
            format!("fewer than {limit} members"),
            format!("成员少于 {limit} 个"),
        ),
        K::MaxProperties { limit } => (
            format!("more than {limit} members"),
            format!("成员多于 {limit} 个"),
        ),
        K::OneOfNotValid { .. } | K::AnyOf { .. } => (
            "value matches none of the allowed alternatives".to_owned(),
            "取值不符合任何一种允许的形式".to_owned(),
        ),
        K::OneOfMultipleValid { .. } => (
            "value matches more than one alternative".to_owned(),
            "取值同时符合多种形式".to_owned(),
        ),
        K::Not { .. } => (
            "value matches a forbidden form".to_owned(),
            "取值符合被禁止的形式".to_owned(),
        ),
        K::FalseSchema => (
            "no value is allowed here".to_owned(),
            "此处不允许任何取值".to_owned(),
        ),
        other => {
            let keyword = format!("{other:?}");
            let keyword = keyword
                .split([' ', '{', '('])
                .next()
                .unwrap_or("constraint")
                .to_owned();
            (
                format!("value fails the schema constraint {keyword}"),
                format!("取值不满足模式约束 {keyword}"),
            )
        }
    }
}
