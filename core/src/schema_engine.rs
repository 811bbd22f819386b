//! The schema engine: a JSON Schema (draft 2020-12) validator for the keywords the catalogue's
//! schemas use, and no others.
//!
//! Why not a general engine: the `jsonschema` crate (which this replaced) was 1.5 MB of the
//! WASM package's 4.2 MB, with another 0.3 MB of Unicode tables for its two regex engines,
//! to check 47 schemas that use 30 keywords, three formats and 40 ASCII patterns. This engine
//! compiles exactly those keywords; a schema that uses any other keyword (or another format,
//! or a `$ref` outside the embedded set) does not compile, so nothing is skipped silently.
//! `fuzz-checks/tests/schema_engine.rs` and the fuzz target `schema_differential` check it
//! against `jsonschema` (a dependency of that test crate only) on every example, every
//! conformance document and tens of thousands of mutations: the same verdict and the same set
//! of violation pointers.
//!
//! Keywords: `type`, `const`, `enum`, `minimum`, `maximum`, `exclusiveMinimum`,
//! `exclusiveMaximum`, `minLength`, `maxLength`, `pattern`, `format` (`date`, `date-time`,
//! `uuid`, as assertions), `minItems`, `maxItems`, `uniqueItems`, `items`, `contains`,
//! `minProperties`, `maxProperties`, `required`, `properties`, `additionalProperties`,
//! `propertyNames`, `allOf`, `anyOf`, `oneOf`, `not`, `if`/`then`/`else`, `$ref` (absolute:
//! an embedded schema's `$id`, optionally with a JSON-pointer fragment). Annotations (`title`,
//! `description`, `$comment`, `default`, `examples`, `$id`, `$schema`, `$defs`, `deprecated`)
//! are ignored. Patterns are searched with minimal dense DFAs that `build.rs` compiles from the
//! embedded schemas with `regex-automata` (the library links only the DFA search); a pattern
//! not in the embedded schemas does not compile.
//!
//! Violations are reported per node in a fixed keyword order (type, const, enum, numeric
//! bounds, lengths, item and member counts, `required`, `pattern`, `format`, `uniqueItems`,
//! members in document order with `additionalProperties`, `propertyNames`, `items`,
//! `contains`, `allOf`, `anyOf`, `oneOf`, `not`, `if`, `$ref`), which is also the order in
//! which `jsonschema` ran them; the conformance suite compares violations as a set of pointers
//! (LL-SCHEMA-002).

use std::collections::HashMap;

use serde_json::{Number, Value};

use crate::error::{escape_pointer_token, shown};

/// The JSON types of `type`, one bit each.
const NULL: u8 = 1;
const BOOLEAN: u8 = 2;
const INTEGER: u8 = 4;
const NUMBER: u8 = 8;
const STRING: u8 = 16;
const ARRAY: u8 = 32;
const OBJECT: u8 = 64;
const TYPE_NAMES: [(u8, &str); 7] = [
    (NULL, "null"),
    (BOOLEAN, "boolean"),
    (INTEGER, "integer"),
    (NUMBER, "number"),
    (STRING, "string"),
    (ARRAY, "array"),
    (OBJECT, "object"),
];

/// Members of a schema object that assert nothing (annotations and containers of subschemas
/// reached through `$ref`).
const ANNOTATIONS: [&str; 10] = [
    "$schema",
    "$id",
    "$comment",
    "$defs",
    "title",
    "description",
    "default",
    "examples",
    "deprecated",
    "$anchor",
];

#[derive(Debug, Clone, Copy)]
enum Format {
    Date,
    DateTime,
    Uuid,
}

impl Format {
    fn name(self) -> &'static str {
        match self {
            Format::Date => "date",
            Format::DateTime => "date-time",
            Format::Uuid => "uuid",
        }
    }

    fn check(self, s: &str) -> bool {
        match self {
            Format::Date => is_date(s),
            Format::DateTime => is_date_time(s),
            Format::Uuid => is_uuid(s),
        }
    }
}

/// What `additionalProperties` allows.
#[derive(Debug, Clone, Copy, Default)]
enum Additional {
    /// Absent or `true`.
    #[default]
    Any,
    /// `false`.
    None,
    /// A subschema.
    Schema(usize),
}

/// One compiled schema object (a boolean schema is `Node::Bool`).
#[derive(Debug, Default)]
struct Keywords {
    types: Option<u8>,
    constant: Option<Value>,
    enumeration: Option<(Vec<Value>, String)>,
    minimum: Option<Number>,
    maximum: Option<Number>,
    exclusive_minimum: Option<Number>,
    exclusive_maximum: Option<Number>,
    min_length: Option<u64>,
    max_length: Option<u64>,
    pattern: Option<(Pattern, String)>,
    format: Option<Format>,
    min_items: Option<u64>,
    max_items: Option<u64>,
    unique_items: bool,
    min_properties: Option<u64>,
    max_properties: Option<u64>,
    required: Vec<String>,
    /// For each `required` name, its index in `properties` when it is declared there (and
    /// among the first 128): answered from the member walk's bits in quick mode.
    required_at: Vec<Option<u32>>,
    /// Sorted by name (byte order, as the instance's members).
    properties: Vec<(String, usize)>,
    additional: Additional,
    property_names: Option<usize>,
    items: Option<usize>,
    contains: Option<usize>,
    all_of: Vec<usize>,
    any_of: Vec<usize>,
    one_of: Vec<usize>,
    not: Option<usize>,
    conditional: Option<(usize, Option<usize>, Option<usize>)>,
    reference: Option<usize>,
}

#[derive(Debug)]
enum Node {
    /// Not compiled yet (only while compiling: a `$ref` cycle).
    Pending,
    Bool(bool),
    Keywords(Box<Keywords>),
}

/// The compiled schema set: every schema reachable from the roots, each subschema once.
#[derive(Debug)]
pub(crate) struct Engine {
    nodes: Vec<Node>,
}

/// A violation found by [`Engine::errors`]: where (relative to the validated instance, a JSON
/// pointer), what (English and Chinese, never quoting the instance: it may be personal data),
/// and for `additionalProperties: false` the unexpected member names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SchemaError {
    pub(crate) path: String,
    pub(crate) message: String,
    pub(crate) message_zh: String,
    pub(crate) unexpected: Option<Vec<String>>,
}

/// Finds the schema document with an `$id`: `Ok(None)` when there is none, an error when it
/// does not load.
pub(crate) type Resolve<'a> = dyn Fn(&str) -> Compiled<Option<&'a Value>> + 'a;

/// The compiler: where the documents come from, and the nodes compiled for each
/// `(document, pointer)`.
struct Compiler<'a> {
    resolve: &'a Resolve<'a>,
    done: HashMap<(String, String), usize>,
    nodes: Vec<Node>,
}

type Compiled<T> = std::result::Result<T, String>;

impl Engine {
    /// Compiles every document of `documents` (each must have an `$id`); returns the engine and
    /// the node of each document's root, by `$id`.
    #[cfg(test)]
    pub(crate) fn compile(documents: &[&Value]) -> Compiled<(Engine, HashMap<String, usize>)> {
        let mut by_id: HashMap<&str, &Value> = HashMap::new();
        for doc in documents {
            let id = doc
                .get("$id")
                .and_then(Value::as_str)
                .ok_or_else(|| "a schema has no $id".to_owned())?;
            if by_id.insert(id, doc).is_some() {
                return Err(format!("two schemas have the $id {id}"));
            }
        }
        let ids: Vec<&str> = by_id.keys().copied().collect();
        Self::compile_roots(&|id: &str| Ok(by_id.get(id).copied()), &ids)
    }

    /// Compiles the documents with the `$id`s `roots` and what they reference, finding
    /// documents by `$id` with `resolve` (so that only the documents reached are read);
    /// returns the engine and the node of each root, by `$id`. A keyword, format or reference
    /// the engine does not support anywhere in what is compiled is an error.
    pub(crate) fn compile_roots<'a>(
        resolve: &'a Resolve<'a>,
        roots: &[&str],
    ) -> Compiled<(Engine, HashMap<String, usize>)> {
        let mut compiler = Compiler {
            resolve,
            done: HashMap::new(),
            nodes: Vec::new(),
        };
        let mut compiled = HashMap::new();
        for id in roots {
            if resolve(id)?.is_none() {
                return Err(format!("no schema has the $id {id}"));
            }
            let node = compiler.node_at(id, "")?;
            compiled.insert((*id).to_owned(), node);
        }
        let mut roots = compiled;
        let mut nodes = compiler.nodes;
        let target = skip_pure_refs(&nodes)?;
        let at = |n: usize| target.get(n).copied().unwrap_or(n);
        for node in &mut nodes {
            if let Node::Keywords(k) = node {
                k.redirect(&at);
            }
        }
        for node in roots.values_mut() {
            *node = at(*node);
        }
        Ok((Engine { nodes }, roots))
    }

    /// Whether `instance` conforms to node `node`.
    pub(crate) fn is_valid(&self, node: usize, instance: &Value) -> bool {
        self.walk(node, instance, &Path::Root, &mut Sink::Quick)
    }

    /// The violations of `instance` against node `node`, at most `limit` (the second value is
    /// true when there were more).
    pub(crate) fn errors(
        &self,
        node: usize,
        instance: &Value,
        limit: usize,
    ) -> (Vec<SchemaError>, bool) {
        let mut sink = Sink::Collect {
            errors: Vec::new(),
            limit,
            more: false,
        };
        self.walk(node, instance, &Path::Root, &mut sink);
        match sink {
            Sink::Collect { errors, more, .. } => (errors, more),
            Sink::Quick => (Vec::new(), false),
        }
    }

    /// Checks `v` against node `n`, reporting each violation to `sink`; returns whether `v`
    /// conforms. In quick mode it returns at the first violation.
    fn walk(&self, n: usize, v: &Value, path: &Path<'_>, sink: &mut Sink) -> bool {
        let k = match self.nodes.get(n) {
            Some(Node::Keywords(k)) => k,
            Some(Node::Bool(true)) => return true,
            Some(Node::Bool(false) | Node::Pending) | None => {
                sink.push(path, Kind::False);
                return false;
            }
        };
        let mut ok = true;
        // Reports a violation; in quick mode (or once the limit is reached) stops the walk.
        macro_rules! fail {
            ($kind:expr) => {{
                ok = false;
                if sink.push(path, $kind) {
                    return false;
                }
            }};
        }
        // Runs a subschema on a child; stops when the sink says so.
        macro_rules! child {
            ($node:expr, $value:expr, $path:expr) => {{
                if !self.walk($node, $value, $path, sink) {
                    ok = false;
                    if sink.stopped() {
                        return false;
                    }
                }
            }};
        }
        if let Some(types) = k.types {
            if type_bits(v) & types == 0 {
                // The other keywords still run, as `jsonschema` ran them: one that applies to
                // the value's actual type reports too (`enum` next to `type`).
                fail!(Kind::Type(types));
            }
        }
        if let Some(c) = &k.constant {
            if !json_equal(v, c) {
                fail!(Kind::Const(c));
            }
        }
        if let Some((options, shown)) = &k.enumeration {
            if !options.iter().any(|o| json_equal(v, o)) {
                fail!(Kind::Enum(shown));
            }
        }
        if let Value::Number(x) = v {
            if let Some(m) = &k.minimum {
                if num_cmp(x, m) == std::cmp::Ordering::Less {
                    fail!(Kind::Minimum(m));
                }
            }
            if let Some(m) = &k.maximum {
                if num_cmp(x, m) == std::cmp::Ordering::Greater {
                    fail!(Kind::Maximum(m));
                }
            }
            if let Some(m) = &k.exclusive_minimum {
                if num_cmp(x, m) != std::cmp::Ordering::Greater {
                    fail!(Kind::ExclusiveMinimum(m));
                }
            }
            if let Some(m) = &k.exclusive_maximum {
                if num_cmp(x, m) != std::cmp::Ordering::Less {
                    fail!(Kind::ExclusiveMaximum(m));
                }
            }
        }
        match v {
            Value::String(s) => {
                // A string has at most as many characters as bytes and at least a quarter as
                // many: count the characters only when the byte length cannot decide.
                let bytes = s.len() as u64;
                let needs_count = k.max_length.is_some_and(|m| bytes > m)
                    || k.min_length.is_some_and(|m| bytes / 4 < m);
                if needs_count {
                    let chars = s.chars().count() as u64;
                    if let Some(m) = k.min_length {
                        if chars < m {
                            fail!(Kind::MinLength(m));
                        }
                    }
                    if let Some(m) = k.max_length {
                        if chars > m {
                            fail!(Kind::MaxLength(m));
                        }
                    }
                }
                if let Some((re, source)) = &k.pattern {
                    if !re.is_match(s) {
                        fail!(Kind::Pattern(source));
                    }
                }
                if let Some(f) = k.format {
                    if !f.check(s) {
                        fail!(Kind::Format(f.name()));
                    }
                }
            }
            Value::Array(a) => {
                let len = a.len() as u64;
                if k.min_items.is_some_and(|m| len < m) {
                    fail!(Kind::MinItems(k.min_items.unwrap_or_default()));
                }
                if k.max_items.is_some_and(|m| len > m) {
                    fail!(Kind::MaxItems(k.max_items.unwrap_or_default()));
                }
                if k.unique_items && !all_unique(a) {
                    fail!(Kind::UniqueItems);
                }
                if let Some(items) = k.items {
                    for (i, item) in a.iter().enumerate() {
                        child!(items, item, &Path::Index(path, i));
                    }
                }
                if let Some(c) = k.contains {
                    if !a.iter().any(|item| self.is_valid(c, item)) {
                        fail!(Kind::Contains);
                    }
                }
            }
            Value::Object(m) => {
                let count = m.len() as u64;
                if k.min_properties.is_some_and(|l| count < l) {
                    fail!(Kind::MinProperties(k.min_properties.unwrap_or_default()));
                }
                if k.max_properties.is_some_and(|l| count > l) {
                    fail!(Kind::MaxProperties(k.max_properties.unwrap_or_default()));
                }
                // In collect mode `required` is reported first, in its own order; in quick mode
                // it is answered from the member walk below (one merge of two sorted lists
                // instead of a map search per name).
                if !sink.is_quick() {
                    for name in &k.required {
                        if !m.contains_key(name) {
                            fail!(Kind::Required(name));
                        }
                    }
                }
                let mut unexpected: Vec<String> = Vec::new();
                // Bits of the declared properties present (the first 128; `required_at`).
                let mut present: u128 = 0;
                if !k.properties.is_empty() || !matches!(k.additional, Additional::Any) {
                    // Both lists are in the same (byte) order: walk them side by side.
                    let mut declared_iter = k.properties.iter().enumerate().peekable();
                    for (name, value) in m {
                        let mut declared = None;
                        while let Some(&(i, (p, node))) = declared_iter.peek() {
                            match p.as_str().cmp(name.as_str()) {
                                std::cmp::Ordering::Less => {
                                    declared_iter.next();
                                }
                                std::cmp::Ordering::Equal => {
                                    declared = Some(*node);
                                    if i < 128 {
                                        present |= 1 << i;
                                    }
                                    declared_iter.next();
                                    break;
                                }
                                std::cmp::Ordering::Greater => break,
                            }
                        }
                        match (declared, k.additional) {
                            (Some(node), _) | (None, Additional::Schema(node)) => {
                                child!(node, value, &Path::Key(path, name));
                            }
                            (None, Additional::None) => {
                                if sink.is_quick() {
                                    return false;
                                }
                                unexpected.push(name.clone());
                            }
                            (None, Additional::Any) => {}
                        }
                    }
                }
                if sink.is_quick() {
                    let missing =
                        k.required
                            .iter()
                            .zip(&k.required_at)
                            .any(|(name, at)| match at {
                                Some(i) => present & (1 << i) == 0,
                                None => !m.contains_key(name),
                            });
                    if missing {
                        return false;
                    }
                }
                if !unexpected.is_empty() {
                    fail!(Kind::Additional(unexpected));
                }
                if let Some(names) = k.property_names {
                    for name in m.keys() {
                        // The violation is the object's: a member name has no pointer of its own.
                        let key = Value::String(name.clone());
                        if !self.is_valid(names, &key) {
                            fail!(Kind::PropertyName);
                        }
                    }
                }
            }
            _ => {}
        }
        for &sub in &k.all_of {
            child!(sub, v, path);
        }
        if !k.any_of.is_empty() && !k.any_of.iter().any(|&s| self.is_valid(s, v)) {
            fail!(Kind::AnyOf);
        }
        if !k.one_of.is_empty() {
            match k.one_of.iter().filter(|&&s| self.is_valid(s, v)).count() {
                0 => fail!(Kind::AnyOf),
                1 => {}
                _ => fail!(Kind::OneOfMany),
            }
        }
        if let Some(not) = k.not {
            if self.is_valid(not, v) {
                fail!(Kind::Not);
            }
        }
        if let Some((cond, then, otherwise)) = k.conditional {
            let branch = if self.is_valid(cond, v) {
                then
            } else {
                otherwise
            };
            if let Some(b) = branch {
                child!(b, v, path);
            }
        }
        if let Some(r) = k.reference {
            child!(r, v, path);
        }
        ok
    }
}

/// The place of a value being checked, built into a JSON pointer only for a violation.
enum Path<'a> {
    Root,
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl Path<'_> {
    fn pointer(&self) -> String {
        let mut parts = Vec::new();
        let mut p = self;
        loop {
            match p {
                Path::Root => break,
                Path::Key(parent, name) => {
                    parts.push(escape_pointer_token(name));
                    p = parent;
                }
                Path::Index(parent, i) => {
                    parts.push(i.to_string());
                    p = parent;
                }
            }
        }
        let mut out = String::new();
        for part in parts.iter().rev() {
            out.push('/');
            out.push_str(part);
        }
        out
    }
}

/// Where violations go: nowhere (quick validity check) or into a bounded list.
enum Sink {
    Quick,
    Collect {
        errors: Vec<SchemaError>,
        limit: usize,
        more: bool,
    },
}

impl Sink {
    fn is_quick(&self) -> bool {
        matches!(self, Sink::Quick)
    }

    /// Whether the walk must stop (quick mode, or the limit passed).
    fn stopped(&self) -> bool {
        match self {
            Sink::Quick => true,
            Sink::Collect { more, .. } => *more,
        }
    }

    /// Records a violation; true when the walk must stop.
    fn push(&mut self, path: &Path<'_>, kind: Kind<'_>) -> bool {
        match self {
            Sink::Quick => true,
            Sink::Collect {
                errors,
                limit,
                more,
            } => {
                if errors.len() >= *limit {
                    *more = true;
                    return true;
                }
                let (message, message_zh) = kind.describe();
                let unexpected = match kind {
                    Kind::Additional(names) => Some(names),
                    _ => None,
                };
                errors.push(SchemaError {
                    path: path.pointer(),
                    message,
                    message_zh,
                    unexpected,
                });
                false
            }
        }
    }
}

/// How many unexpected member names a message quotes; the rest are counted.
const MAX_QUOTED_NAMES: usize = 8;

/// The first [`MAX_QUOTED_NAMES`] names as the sender wrote them, each escaped and cut like every
/// quoted value (`error::shown`: no control, bidirectional or invisible characters reach a
/// message, at most `MAX_QUOTED_CHARS` characters each), and how many more there are. A body with
/// thousands of unknown members gets a message of bounded size, not one that lists them all.
fn quoted_names(names: &[String]) -> (String, usize) {
    let list = names
        .iter()
        .take(MAX_QUOTED_NAMES)
        .map(|n| shown(n))
        .collect::<Vec<_>>()
        .join(", ");
    (list, names.len().saturating_sub(MAX_QUOTED_NAMES))
}

/// What failed (the schema's side only: the instance's value is never quoted).
enum Kind<'a> {
    False,
    Type(u8),
    Const(&'a Value),
    Enum(&'a str),
    Minimum(&'a Number),
    Maximum(&'a Number),
    ExclusiveMinimum(&'a Number),
    ExclusiveMaximum(&'a Number),
    MinLength(u64),
    MaxLength(u64),
    Pattern(&'a str),
    Format(&'static str),
    MinItems(u64),
    MaxItems(u64),
    UniqueItems,
    Contains,
    MinProperties(u64),
    MaxProperties(u64),
    Required(&'a str),
    Additional(Vec<String>),
    PropertyName,
    AnyOf,
    OneOfMany,
    Not,
}

impl Kind<'_> {
    fn describe(&self) -> (String, String) {
        match self {
            Kind::False => (
                "no value is allowed here".to_owned(),
                "此处不允许任何取值".to_owned(),
            ),
            Kind::Type(bits) => {
                let names: Vec<&str> = TYPE_NAMES
                    .iter()
                    .filter(|(b, _)| bits & b != 0)
                    .map(|(_, n)| *n)
                    .collect();
                let names = names.join(" or ");
                (
                    format!("wrong type: expected {names}"),
                    format!("类型错误，应为 {names}"),
                )
            }
            Kind::Const(c) => (format!("value must be {c}"), format!("取值必须为 {c}")),
            Kind::Enum(options) => (
                format!("value is not one of {options}"),
                format!("取值不在允许范围内：{options}"),
            ),
            Kind::Minimum(l) => (
                format!("less than the minimum {l}"),
                format!("小于最小值 {l}"),
            ),
            Kind::Maximum(l) => (
                format!("greater than the maximum {l}"),
                format!("大于最大值 {l}"),
            ),
            Kind::ExclusiveMinimum(l) => (format!("not greater than {l}"), format!("必须大于 {l}")),
            Kind::ExclusiveMaximum(l) => (format!("not less than {l}"), format!("必须小于 {l}")),
            Kind::MinLength(l) => (
                format!("shorter than {l} characters"),
                format!("长度少于 {l} 个字符"),
            ),
            Kind::MaxLength(l) => (
                format!("longer than {l} characters"),
                format!("长度超过 {l} 个字符"),
            ),
            Kind::Pattern(p) => (
                format!("value does not match the pattern {p}"),
                format!("取值不符合格式 {p}"),
            ),
            Kind::Format(f) => (
                format!("value is not a valid {f}"),
                format!("取值不是有效的 {f}"),
            ),
            Kind::MinItems(l) => (format!("fewer than {l} items"), format!("元素少于 {l} 个")),
            Kind::MaxItems(l) => (format!("more than {l} items"), format!("元素多于 {l} 个")),
            Kind::UniqueItems => ("items are not unique".to_owned(), "元素有重复".to_owned()),
            Kind::Contains => (
                "no item has the required form".to_owned(),
                "没有符合要求形式的元素".to_owned(),
            ),
            Kind::MinProperties(l) => (
                format!("fewer than {l} members"),
                format!("成员少于 {l} 个"),
            ),
            Kind::MaxProperties(l) => {
                (format!("more than {l} members"), format!("成员多于 {l} 个"))
            }
            Kind::Required(name) => (
                format!("required member {name} is missing"),
                format!("缺少必填成员 {name}"),
            ),
            Kind::Additional(names) => {
                let (list, more) = quoted_names(names);
                let (more_en, more_zh) = if more == 0 {
                    (String::new(), String::new())
                } else {
                    (format!(" and {more} more"), format!(" 等另外 {more} 个"))
                };
                (
                    format!("member(s) not allowed here: {list}{more_en}"),
                    format!("不允许的成员：{list}{more_zh}"),
                )
            }
            Kind::PropertyName => (
                "a member name does not have the allowed form".to_owned(),
                "成员名称不符合允许的形式".to_owned(),
            ),
            Kind::AnyOf => (
                "value matches none of the allowed alternatives".to_owned(),
                "取值不符合任何一种允许的形式".to_owned(),
            ),
            Kind::OneOfMany => (
                "value matches more than one alternative".to_owned(),
                "取值同时符合多种形式".to_owned(),
            ),
            Kind::Not => (
                "value matches a forbidden form".to_owned(),
                "取值符合被禁止的形式".to_owned(),
            ),
        }
    }
}

impl Compiler<'_> {
    /// The node of the subschema at `pointer` (a JSON pointer, `""` for the root) of the
    /// document `id`, compiled once.
    fn node_at(&mut self, id: &str, pointer: &str) -> Compiled<usize> {
        let key = (id.to_owned(), pointer.to_owned());
        if let Some(&n) = self.done.get(&key) {
            return Ok(n);
        }
        let doc = (self.resolve)(id)?.ok_or_else(|| format!("$ref to an unknown schema {id}"))?;
        let schema = doc
            .pointer(pointer)
            .ok_or_else(|| format!("$ref to {id}#{pointer}, which does not exist"))?;
        let n = self.nodes.len();
        self.nodes.push(Node::Pending);
        self.done.insert(key, n);
        let node = self.compile_schema(id, pointer, schema)?;
        if let Some(slot) = self.nodes.get_mut(n) {
            *slot = node;
        }
        Ok(n)
    }

    fn sub(&mut self, id: &str, at: &str, name: &str) -> Compiled<usize> {
        self.node_at(id, &format!("{at}/{}", escape_pointer_token(name)))
    }

    fn subs(&mut self, id: &str, at: &str, value: &Value) -> Compiled<Vec<usize>> {
        let Value::Array(list) = value else {
            return Err(format!("{id}#{at}: expected an array of schemas"));
        };
        (0..list.len())
            .map(|i| self.node_at(id, &format!("{at}/{i}")))
            .collect()
    }

    fn compile_schema(&mut self, id: &str, at: &str, schema: &Value) -> Compiled<Node> {
        let map = match schema {
            Value::Bool(b) => return Ok(Node::Bool(*b)),
            Value::Object(m) => m,
            _ => {
                return Err(format!(
                    "{id}#{at}: a schema must be an object or a boolean"
                ));
            }
        };
        let mut k = Keywords::default();
        let here = |kw: &str| format!("{id}#{at}/{kw}");
        let count = |kw: &str, v: &Value| {
            v.as_u64()
                .ok_or_else(|| format!("{}: expected a non-negative integer", here(kw)))
        };
        let number = |kw: &str, v: &Value| match v {
            Value::Number(n) => Ok(n.clone()),
            _ => Err(format!("{}: expected a number", here(kw))),
        };
        for (kw, v) in map {
            let at_kw = format!("{at}/{}", escape_pointer_token(kw));
            match kw.as_str() {
                "type" => {
                    let one = |t: &Value| {
                        t.as_str()
                            .and_then(|t| TYPE_NAMES.iter().find(|(_, n)| *n == t))
                            .map(|(b, _)| *b)
                            .ok_or_else(|| format!("{}: unknown type", here(kw)))
                    };
                    let bits = match v {
                        Value::Array(list) => {
                            let mut bits = 0;
                            for t in list {
                                bits |= one(t)?;
                            }
                            bits
                        }
                        t => one(t)?,
                    };
                    k.types = Some(bits);
                }
                "const" => k.constant = Some(v.clone()),
                "enum" => {
                    let Value::Array(options) = v else {
                        return Err(format!("{}: expected an array", here(kw)));
                    };
                    k.enumeration = Some((options.clone(), v.to_string()));
                }
                "minimum" => k.minimum = Some(number(kw, v)?),
                "maximum" => k.maximum = Some(number(kw, v)?),
                "exclusiveMinimum" => k.exclusive_minimum = Some(number(kw, v)?),
                "exclusiveMaximum" => k.exclusive_maximum = Some(number(kw, v)?),
                "minLength" => k.min_length = Some(count(kw, v)?),
                "maxLength" => k.max_length = Some(count(kw, v)?),
                "minItems" => k.min_items = Some(count(kw, v)?),
                "maxItems" => k.max_items = Some(count(kw, v)?),
                "minProperties" => k.min_properties = Some(count(kw, v)?),
                "maxProperties" => k.max_properties = Some(count(kw, v)?),
                "uniqueItems" => {
                    k.unique_items = v
                        .as_bool()
                        .ok_or_else(|| format!("{}: expected a boolean", here(kw)))?;
                }
                "pattern" => {
                    let source = v
                        .as_str()
                        .ok_or_else(|| format!("{}: expected a string", here(kw)))?;
                    let dfa =
                        Pattern::precompiled(source).map_err(|e| format!("{}: {e}", here(kw)))?;
                    k.pattern = Some((dfa, source.to_owned()));
                }
                "format" => {
                    k.format = Some(match v.as_str() {
                        Some("date") => Format::Date,
                        Some("date-time") => Format::DateTime,
                        Some("uuid") => Format::Uuid,
                        _ => return Err(format!("{}: unsupported format", here(kw))),
                    });
                }
                "required" => {
                    let Value::Array(names) = v else {
                        return Err(format!("{}: expected an array", here(kw)));
                    };
                    for name in names {
                        let name = name
                            .as_str()
                            .ok_or_else(|| format!("{}: expected strings", here(kw)))?;
                        k.required.push(name.to_owned());
                    }
                }
                "properties" => {
                    let Value::Object(props) = v else {
                        return Err(format!("{}: expected an object", here(kw)));
                    };
                    for name in props.keys() {
                        let node = self.sub(id, &at_kw, name)?;
                        k.properties.push((name.clone(), node));
                    }
                    k.properties.sort_by(|a, b| a.0.cmp(&b.0));
                }
                "additionalProperties" => {
                    k.additional = match v {
                        Value::Bool(true) => Additional::Any,
                        Value::Bool(false) => Additional::None,
                        _ => Additional::Schema(self.node_at(id, &at_kw)?),
                    };
                }
                "propertyNames" => k.property_names = Some(self.node_at(id, &at_kw)?),
                "items" => k.items = Some(self.node_at(id, &at_kw)?),
                "contains" => k.contains = Some(self.node_at(id, &at_kw)?),
                "not" => k.not = Some(self.node_at(id, &at_kw)?),
                "allOf" => k.all_of = self.subs(id, &at_kw, v)?,
                "anyOf" => k.any_of = self.subs(id, &at_kw, v)?,
                "oneOf" => k.one_of = self.subs(id, &at_kw, v)?,
                "if" => {
                    let cond = self.node_at(id, &at_kw)?;
                    let then = match map.get("then") {
                        Some(_) => Some(self.sub(id, at, "then")?),
                        None => None,
                    };
                    let otherwise = match map.get("else") {
                        Some(_) => Some(self.sub(id, at, "else")?),
                        None => None,
                    };
                    k.conditional = Some((cond, then, otherwise));
                }
                // Without `if`, `then` and `else` assert nothing (draft 2020-12).
                "then" | "else" => {}
                "$ref" => {
                    let target = v
                        .as_str()
                        .ok_or_else(|| format!("{}: expected a string", here(kw)))?;
                    let (doc, fragment) = target.split_once('#').unwrap_or((target, ""));
                    let doc = if doc.is_empty() { id } else { doc };
                    // A JSON-pointer fragment, without percent-escapes (the catalogue's `$defs`
                    // names need none; refusing them keeps one spelling per target).
                    if !(fragment.is_empty() || fragment.starts_with('/')) || fragment.contains('%')
                    {
                        return Err(format!("{}: only plain JSON-pointer fragments", here(kw)));
                    }
                    k.reference = Some(self.node_at(doc, fragment)?);
                }
                other if ANNOTATIONS.contains(&other) => {}
                other => {
                    return Err(format!(
                        "{}: keyword {other} is not supported by the schema engine",
                        here(kw)
                    ));
                }
            }
        }
        k.required_at = k
            .required
            .iter()
            .map(|name| {
                k.properties
                    .iter()
                    .position(|(p, _)| p == name)
                    .and_then(|i| u32::try_from(i).ok())
                    .filter(|&i| i < 128)
            })
            .collect();
        Ok(Node::Keywords(Box::new(k)))
    }
}

/// For each node, the node a validation of it may go to directly: a schema that is only a
/// `$ref` (the catalogue's `{"$ref": "…defs:1#/$defs/date"}` on most members) is skipped, so
/// the walk makes one step per value instead of two. A cycle of such schemas does not compile.
fn skip_pure_refs(nodes: &[Node]) -> Compiled<Vec<usize>> {
    let pure = |n: usize| match nodes.get(n) {
        Some(Node::Keywords(k)) => k.only_reference(),
        _ => None,
    };
    (0..nodes.len())
        .map(|start| {
            let mut n = start;
            for _ in 0..=nodes.len() {
                match pure(n) {
                    Some(next) => n = next,
                    None => return Ok(n),
                }
            }
            Err("a cycle of schemas that are only a $ref".to_owned())
        })
        .collect()
}

impl Keywords {
    /// The target when the schema is a `$ref` and nothing else that asserts.
    fn only_reference(&self) -> Option<usize> {
        let Keywords {
            types,
            constant,
            enumeration,
            minimum,
            maximum,
            exclusive_minimum,
            exclusive_maximum,
            min_length,
            max_length,
            pattern,
            format,
            min_items,
            max_items,
            unique_items,
            min_properties,
            max_properties,
            required,
            required_at: _,
            properties,
            additional,
            property_names,
            items,
            contains,
            all_of,
            any_of,
            one_of,
            not,
            conditional,
            reference,
        } = self;
        let nothing_else = types.is_none()
            && constant.is_none()
            && enumeration.is_none()
            && minimum.is_none()
            && maximum.is_none()
            && exclusive_minimum.is_none()
            && exclusive_maximum.is_none()
            && min_length.is_none()
            && max_length.is_none()
            && pattern.is_none()
            && format.is_none()
            && min_items.is_none()
            && max_items.is_none()
            && !unique_items
            && min_properties.is_none()
            && max_properties.is_none()
            && required.is_empty()
            && properties.is_empty()
            && matches!(additional, Additional::Any)
            && property_names.is_none()
            && items.is_none()
            && contains.is_none()
            && all_of.is_empty()
            && any_of.is_empty()
            && one_of.is_empty()
            && not.is_none()
            && conditional.is_none();
        if nothing_else { *reference } else { None }
    }

    /// Points every subschema index through `at`.
    fn redirect(&mut self, at: &impl Fn(usize) -> usize) {
        for (_, n) in &mut self.properties {
            *n = at(*n);
        }
        if let Additional::Schema(n) = &mut self.additional {
            *n = at(*n);
        }
        for n in [
            &mut self.property_names,
            &mut self.items,
            &mut self.contains,
            &mut self.not,
            &mut self.reference,
        ]
        .into_iter()
        .flatten()
        {
            *n = at(*n);
        }
        for n in self
            .all_of
            .iter_mut()
            .chain(&mut self.any_of)
            .chain(&mut self.one_of)
        {
            *n = at(*n);
        }
        if let Some((c, t, e)) = &mut self.conditional {
            *c = at(*c);
            for n in [t, e].into_iter().flatten() {
                *n = at(*n);
            }
        }
    }
}

/// A schema pattern: the dense DFA `build.rs` compiled for it (`regex` syntax, which for the
/// catalogue's ASCII classes and `^…$` anchors means what ECMA-262 means), searched anywhere in
/// the string as JSON Schema's `pattern` is.
#[derive(Debug)]
struct Pattern(regex_automata::dfa::dense::DFA<&'static [u32]>);

impl Pattern {
    fn precompiled(source: &str) -> Compiled<Pattern> {
        let (_, start, end) = crate::embedded::PATTERNS
            .iter()
            .find(|(p, ..)| *p == source)
            .ok_or_else(|| "a pattern that build.rs did not compile".to_owned())?;
        let bytes = crate::embedded::pattern_dfas()
            .get(*start..*end)
            .ok_or_else(|| "a pattern's DFA is missing".to_owned())?;
        regex_automata::dfa::dense::DFA::from_bytes(bytes)
            .map(|(dfa, _)| Pattern(dfa))
            .map_err(|e| format!("the pattern's DFA does not load: {e}"))
    }

    /// Whether the pattern matches somewhere in `s`. A search that gives up (it cannot: these
    /// DFAs have no quit bytes) counts as no match, so it is reported, never passed.
    fn is_match(&self, s: &str) -> bool {
        use regex_automata::dfa::Automaton as _;
        matches!(
            self.0.try_search_fwd(&regex_automata::Input::new(s)),
            Ok(Some(_))
        )
    }
}

/// The `type` bits a value satisfies (an integer is also a number).
fn type_bits(v: &Value) -> u8 {
    match v {
        Value::Null => NULL,
        Value::Bool(_) => BOOLEAN,
        Value::Number(n) => {
            if is_integer(n) {
                INTEGER | NUMBER
            } else {
                NUMBER
            }
        }
        Value::String(_) => STRING,
        Value::Array(_) => ARRAY,
        Value::Object(_) => OBJECT,
    }
}

/// Draft 2020-12: a number with a zero fractional part is an integer (`1.0` is).
fn is_integer(n: &Number) -> bool {
    n.is_u64()
        || n.is_i64()
        || n.as_f64()
            .is_some_and(|f| f.is_finite() && f.fract() == 0.0)
}

/// Numeric order: exact for integers, by `f64` otherwise.
fn num_cmp(a: &Number, b: &Number) -> std::cmp::Ordering {
    let int = |n: &Number| {
        n.as_i64()
            .map(i128::from)
            .or_else(|| n.as_u64().map(i128::from))
    };
    match (int(a), int(b)) {
        (Some(x), Some(y)) => x.cmp(&y),
        _ => {
            let (x, y) = (
                a.as_f64().unwrap_or(f64::NAN),
                b.as_f64().unwrap_or(f64::NAN),
            );
            x.partial_cmp(&y).unwrap_or(std::cmp::Ordering::Equal)
        }
    }
}

/// JSON equality as JSON Schema defines it (`enum`, `const`, `uniqueItems`): numbers by value
/// (`1` equals `1.0`), arrays item by item, objects member by member.
fn json_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => num_cmp(x, y) == std::cmp::Ordering::Equal,
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| json_equal(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(name, p)| y.get(name).is_some_and(|q| json_equal(p, q)))
        }
        _ => a == b,
    }
}

/// `uniqueItems`: no two items are equal ([`json_equal`]). Short arrays are compared pairwise;
/// longer ones by a key that equal values share (numbers by their `f64` value), each key
/// collision confirmed with `json_equal`: linear in the array, so a megabyte of items cannot
/// cost a quadratic number of comparisons.
fn all_unique(items: &[Value]) -> bool {
    if items.len() <= 16 {
        return items
            .iter()
            .enumerate()
            .all(|(i, a)| items.iter().skip(i + 1).all(|b| !json_equal(a, b)));
    }
    let mut seen: HashMap<String, Vec<&Value>> = HashMap::with_capacity(items.len());
    for item in items {
        let mut key = String::new();
        unique_key(item, &mut key);
        let same = seen.entry(key).or_default();
        if same.iter().any(|earlier| json_equal(earlier, item)) {
            return false;
        }
        same.push(item);
    }
    true
}

/// A key under which values that are [`json_equal`] meet (unequal values may meet too).
fn unique_key(v: &Value, out: &mut String) {
    use std::fmt::Write as _;
    match v {
        Value::Null => out.push('n'),
        Value::Bool(b) => out.push(if *b { 't' } else { 'f' }),
        Value::Number(n) => {
            // 1 and 1.0 (and 0 and -0.0) are equal: key them by value.
            let f = n.as_f64().unwrap_or(0.0);
            let f = if f == 0.0 { 0.0 } else { f };
            let _ = write!(out, "#{:x};", f.to_bits());
        }
        Value::String(s) => {
            let _ = write!(out, "s{}:", s.len());
            out.push_str(s);
        }
        Value::Array(a) => {
            out.push('[');
            for x in a {
                unique_key(x, out);
            }
            out.push(']');
        }
        Value::Object(m) => {
            out.push('{');
            for (name, x) in m {
                let _ = write!(out, "{}:", name.len());
                out.push_str(name);
                unique_key(x, out);
            }
            out.push('}');
        }
    }
}

fn digits<const N: usize>(b: &[u8]) -> Option<u32> {
    let part = b.get(..N)?;
    part.iter().try_fold(0u32, |acc, &d| {
        d.is_ascii_digit().then(|| acc * 10 + u32::from(d - b'0'))
    })
}

/// RFC 3339 `full-date` with a real calendar day.
fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return false;
    }
    let (Some(year), Some(month), Some(day)) = (
        digits::<4>(b),
        b.get(5..).and_then(digits::<2>),
        b.get(8..).and_then(digits::<2>),
    ) else {
        return false;
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let last = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=last).contains(&day)
}

/// RFC 3339 `full-time`: `HH:MM:SS[.frac]` and `Z` or `±HH:MM`; a leap second (`:60`) only
/// where it falls at 23:59 UTC.
fn is_time(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 9 || b.get(2) != Some(&b':') || b.get(5) != Some(&b':') {
        return false;
    }
    let (Some(hour), Some(minute), Some(second)) = (
        digits::<2>(b),
        b.get(3..).and_then(digits::<2>),
        b.get(6..).and_then(digits::<2>),
    ) else {
        return false;
    };
    if hour > 23 || minute > 59 || second > 60 {
        return false;
    }
    let mut i = 8;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    let (hour, minute) = (i64::from(hour), i64::from(minute));
    match b.get(i) {
        Some(b'Z' | b'z') => i + 1 == b.len() && (second != 60 || (hour == 23 && minute == 59)),
        Some(&sign @ (b'+' | b'-')) => {
            let Some(rest) = b.get(i + 1..) else {
                return false;
            };
            if rest.len() != 5 || rest.get(2) != Some(&b':') {
                return false;
            }
            let (Some(oh), Some(om)) = (digits::<2>(rest), rest.get(3..).and_then(digits::<2>))
            else {
                return false;
            };
            if oh > 23 || om > 59 {
                return false;
            }
            if second != 60 {
                return true;
            }
            // The leap second must fall at 23:59 UTC.
            let offset = i64::from(oh) * 60 + i64::from(om);
            let local = hour * 60 + minute;
            let utc = if sign == b'+' {
                local - offset
            } else {
                local + offset
            };
            utc.rem_euclid(24 * 60) == 23 * 60 + 59
        }
        _ => false,
    }
}

/// RFC 3339 `date-time` (`T` or `t` between the date and the time).
fn is_date_time(s: &str) -> bool {
    match s.find(['T', 't']) {
        Some(t) => is_date(s.get(..t).unwrap_or("")) && is_time(s.get(t + 1..).unwrap_or("")),
        None => false,
    }
}

/// A hyphenated UUID (`8-4-4-4-12` hexadecimal digits, either case).
fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert!(is_date("2024-02-29"));
        assert!(!is_date("2023-02-29"));
        assert!(!is_date("2023-13-01"));
        assert!(!is_date("2023-1-01"));
        assert!(!is_date("２０２３-01-01"));
        assert!(is_date_time("2026-12-05T23:59:60Z"));
        assert!(!is_date_time("2026-12-05T23:58:60Z"));
        assert!(is_date_time("2026-12-06T07:59:60+08:00"));
        assert!(is_date_time("2026-12-05t10:00:00.5z"));
        assert!(!is_date_time("2026-12-05T10:00:00."));
        assert!(!is_date_time("2026-12-05T10:00:00"));
        assert!(!is_date_time("2026-12-05T10:00:00+0800"));
        assert!(is_uuid("01a1c333-94e0-76f3-a860-910ca0fb2a20"));
        assert!(is_uuid("01A1C333-94E0-76F3-A860-910CA0FB2A20"));
        assert!(!is_uuid("01a1c33394e076f3a860910ca0fb2a20"));
    }

    #[test]
    fn unique_items_long_and_short() {
        use serde_json::json;
        let distinct: Vec<Value> = (0..40)
            .map(|i| json!({"n": i, "s": i.to_string()}))
            .collect();
        assert!(all_unique(&distinct));
        assert!(all_unique(&distinct[..10]));
        for (a, b) in [
            (json!(1), json!(1.0)),
            (json!(0), json!(-0.0)),
            (json!({"a": [1, "x"]}), json!({"a": [1.0, "x"]})),
        ] {
            for len in [10, 40] {
                let mut items = distinct[..len].to_vec();
                items.insert(3, a.clone());
                items.push(b.clone());
                assert!(!all_unique(&items), "{a} and {b} in {len}");
            }
        }
        // Keys that meet without the values being equal: the exact comparison decides.
        let big = 9_007_199_254_740_993_u64; // 2^53 + 1: the same f64 as 2^53
        let mut items = distinct.clone();
        items.push(json!(big));
        items.push(json!(big - 1));
        assert!(all_unique(&items));
        // 100 000 items stay linear (a quadratic check would take minutes here).
        let many: Vec<Value> = (0..100_000).map(|i| json!(format!("item {i}"))).collect();
        assert!(all_unique(&many));
    }

    #[test]
    fn pointers_are_escaped() {
        let root = Path::Root;
        let a = Path::Key(&root, "a/b");
        let b = Path::Index(&a, 3);
        let c = Path::Key(&b, "~x");
        assert_eq!(c.pointer(), "/a~1b/3/~0x");
        assert_eq!(root.pointer(), "");
    }

    #[test]
    fn unsupported_keywords_do_not_compile() {
        let schema = serde_json::json!({"$id": "urn:t", "type": "string", "dependentRequired": {}});
        let err = Engine::compile(&[&schema]).err().unwrap_or_default();
        assert!(err.contains("dependentRequired"), "{err}");
        let schema = serde_json::json!({"$id": "urn:t", "format": "email"});
        assert!(Engine::compile(&[&schema]).is_err());
        let schema = serde_json::json!({"$id": "urn:t", "$ref": "urn:elsewhere"});
        assert!(Engine::compile(&[&schema]).is_err());
        let schema =
            serde_json::json!({"$id": "urn:t", "$defs": {"x": {}}, "$ref": "urn:t#/%24defs/x"});
        assert!(Engine::compile(&[&schema]).is_err());
        let schema =
            serde_json::json!({"$id": "urn:t", "$defs": {"x": {}}, "$ref": "urn:t#/$defs/x"});
        assert!(Engine::compile(&[&schema]).is_ok());
    }

    #[test]
    fn numbers_compare_by_value() {
        let schema = serde_json::json!({"$id": "urn:t", "enum": [1, "a"], "minimum": 0.5, "type": "integer"});
        let (engine, roots) = Engine::compile(&[&schema]).unwrap_or_else(|e| panic!("{e}"));
        let root = roots["urn:t"];
        assert!(engine.is_valid(root, &serde_json::json!(1.0)));
        assert!(!engine.is_valid(root, &serde_json::json!(2)));
        let (errors, more) = engine.errors(root, &serde_json::json!(0), 10);
        assert!(!more);
        assert_eq!(errors.len(), 2, "{errors:?}");
        let (errors, more) = engine.errors(root, &serde_json::json!(0), 1);
        assert!(more);
        assert_eq!(errors.len(), 1);
    }
}
