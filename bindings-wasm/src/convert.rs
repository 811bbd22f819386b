//! Conversions between JavaScript values and the core's types.
//!
//! Messages cross the boundary as plain JS objects, converted by walking them with `js_sys`
//! (no `serde-wasm-bindgen`, which turns objects into `Map`s and integers into `BigInt`s, and
//! no `JSON.stringify`, which silently turns `NaN` into `null`). The walk only translates:
//! every number becomes a JSON number — an integer when it is one, a float otherwise — and the
//! core decides what a document may contain (`json.not_integer`, `json.integer_out_of_range`,
//! with the pointer). What has no JSON form at all is refused here: `undefined` inside an array,
//! functions, symbols, class instances such as `Date` or `Map` (a `TypeError`), `NaN` and
//! `Infinity` (`json.number_out_of_range`) and strings with a lone surrogate
//! (`json.lone_surrogate`). Object members whose value is `undefined` are skipped, as
//! `JSON.stringify` does.

use std::sync::{Arc, Mutex};

use js_sys::{Array, Date, Function, JsString, Object, Reflect, Uint8Array};
use labourlink::error::escape_pointer_token;
use labourlink::json::Limits;
use labourlink::time::{Clock, DateOnly, FixedClock, SystemClock, Timestamp};
use labourlink::{Error, ErrorCode};
use serde_json::{Map, Number, Value};
use wasm_bindgen::JsCast;
use wasm_bindgen::convert::TryFromJsValue;
use wasm_bindgen::prelude::*;

use crate::errors::{coded, js_err, set, type_error};

#[wasm_bindgen(raw_module = "../lib/strings.js")]
extern "C" {
    /// `isWellFormed(s)` from `lib/strings.js`: no lone surrogate, in one call (js-sys's
    /// `JsString::is_valid_utf16` crosses the boundary once per UTF-16 code unit).
    #[wasm_bindgen(js_name = isWellFormed)]
    fn well_formed(s: &JsString) -> bool;

    /// `utf8(s)` from `lib/strings.js`: `TextEncoder.encode`, the engine's native UTF-8
    /// encoder. wasm-bindgen's own string passing copies ASCII one UTF-16 code unit at a time
    /// in a JS loop, a visible part of verifying a 30 KB message.
    #[wasm_bindgen(js_name = utf8)]
    fn utf8(s: &JsString) -> Uint8Array;

    /// `utf8Into(s, memory, at, capacity)` from `lib/strings.js`: `TextEncoder.encodeInto`
    /// straight into WebAssembly memory at `at`; returns the number of bytes written.
    #[wasm_bindgen(js_name = utf8Into)]
    fn utf8_into(s: &JsString, memory: &JsValue, at: usize, capacity: usize) -> usize;
}

// The reflection the conversions use, with `catch`: a Proxy's trap (a revoked Proxy, an Immer
// draft kept past `produce()`) may throw from any of them, and an exception that unwinds
// through WebAssembly frames instead of coming back as an `Err` leaves borrow flags and the
// stack pointer behind — the object and, after a few hundred times, the whole module broken.
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array_checked(v: &JsValue) -> Result<bool, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn keys_checked(v: &JsValue) -> Result<Array, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Object, js_name = getPrototypeOf)]
    fn prototype_checked(v: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Object, js_name = getOwnPropertyDescriptor)]
    fn own_descriptor(v: &JsValue, key: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = ArrayBuffer, js_name = isView)]
    fn is_view_checked(v: &JsValue) -> Result<bool, JsValue>;
}

/// A copy of `v` when it is a `Uint8Array` (a Node `Buffer` included). `instanceof` is also
/// true of a Proxy of one, whose `byteLength` and contents are then read through getters that
/// throw ("called on incompatible receiver") from imports without `catch` — an exception
/// unwinding through WebAssembly, which after a few hundred calls breaks the whole module —
/// and of a subclass with a `length` or `byteLength` getter of its own, which may throw, lie
/// or change between two reads. `ArrayBuffer.isView` is true only of a real typed array (a
/// Proxy has none), and `new Uint8Array(v)` copies it through its internal slots, reading no
/// getter; the copy's length is then the bytes' own.
pub(crate) fn byte_array(v: &JsValue) -> Option<Uint8Array> {
    v.dyn_ref::<Uint8Array>()?;
    if !is_view_checked(v).ok()? {
        return None;
    }
    // `new Uint8Array(v)` through `Reflect` (catching): the constructor is the global one.
    let ctor = Reflect::get(&js_sys::global(), &JsValue::from_str("Uint8Array"))
        .ok()?
        .dyn_into::<Function>()
        .ok()?;
    Reflect::construct(&ctor, &Array::of1(v))
        .ok()?
        .dyn_into::<Uint8Array>()
        .ok()
}

/// The own property `name` of `obj` (`undefined` when it has none): an inherited property —
/// a polluted `Object.prototype` — is never read as an option.
pub(crate) fn own_get(obj: &JsValue, name: &str) -> Result<JsValue, JsValue> {
    let key = JsValue::from_str(name);
    if own_descriptor(obj, &key)?.is_undefined() {
        return Ok(JsValue::UNDEFINED);
    }
    Reflect::get(obj, &key)
}

/// The items of `v` when it is an array (a Proxy of one included), read with `catch`; `None`
/// when it is not an array.
pub(crate) fn array_items(v: &JsValue) -> Result<Option<Vec<JsValue>>, JsValue> {
    if !is_array_checked(v)? {
        return Ok(None);
    }
    let length = Reflect::get(v, &JsValue::from_str("length"))?
        .as_f64()
        .unwrap_or(0.0);
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let length = length.clamp(0.0, f64::from(u32::MAX)) as u32;
    let mut out = Vec::with_capacity(length.min(1 << 16) as usize);
    for i in 0..length {
        out.push(Reflect::get_u32(v, i)?);
    }
    Ok(Some(out))
}

/// Strings up to this many UTF-16 code units are encoded straight into WebAssembly memory (a
/// buffer of three bytes per unit, the most UTF-8 needs); longer ones, which no default limit
/// accepts, through `utf8` (exact size, one more copy).
const DIRECT_MAX_UNITS: usize = 4 * 1024 * 1024;

/// The UTF-8 bytes of a well-formed string (the caller checked `isWellFormed`: the engine's
/// encoder would replace a lone surrogate with U+FFFD). Encoded by the engine into a buffer
/// of this module's memory: no intermediate `Uint8Array`, whose allocation cost more than the
/// copy (about 1 % of verifying a 3 KB message).
fn well_formed_utf8(s: &JsString) -> Vec<u8> {
    let units = s.length() as usize;
    if units > DIRECT_MAX_UNITS {
        return utf8(s).to_vec();
    }
    let capacity = units * 3;
    // Zeroed, so every byte is initialised whatever the engine writes (`memory.fill`).
    let mut buf = vec![0u8; capacity];
    let at = buf.as_mut_ptr() as usize;
    let written = utf8_into(s, &wasm_bindgen::memory(), at, capacity);
    buf.truncate(written.min(capacity));
    buf
}

/// How deep a JS value may nest before the walk stops (a cyclic object ends here). The core's
/// own depth limit is far lower, so the core still decides about depth.
const MAX_WALK_DEPTH: usize = 256;

/// 2^63: the floats below it in magnitude that are integral convert to `i64` exactly.
const TWO_POW_63: f64 = 9_223_372_036_854_775_808.0;

// ---------------------------------------------------------------------------------------------
// Rust → JS

/// A JSON value as a plain JS value (objects are plain objects, never `Map`s).
pub(crate) fn to_js(v: &Value) -> JsValue {
    json_to_js(&serde_json::to_string(v).unwrap_or_default())
}

/// Serialisable Rust data as a plain JS value.
pub(crate) fn ser_to_js<T: serde::Serialize + ?Sized>(v: &T) -> JsValue {
    json_to_js(&serde_json::to_string(v).unwrap_or_default())
}

/// A flat serialisable core record (a finding, a violation) as a plain JS object: the core's serde
/// form, members in its order, with their names in JS casing (`message_zh` → `messageZh`).
pub(crate) fn ser_to_js_camel<T: serde::Serialize + ?Sized>(v: &T) -> JsValue {
    let parsed = ser_to_js(v);
    let Ok(Some(record)) = plain_object(&parsed) else {
        return parsed;
    };
    let out: JsValue = Object::new().into();
    for entry in Object::entries(record).iter() {
        let pair = Array::from(&entry);
        let name = pair.get(0).as_string().unwrap_or_default();
        put(&out, &camel(&name), &pair.get(1));
    }
    out
}

/// `message_zh` → `messageZh`.
fn camel(name: &str) -> String {
    let mut parts = name.split('_');
    let mut out = parts.next().unwrap_or_default().to_owned();
    for part in parts {
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            out.push_str(chars.as_str());
        }
    }
    out
}

/// `JSON.parse` of JSON text written by serde_json. That is lossless here, and much faster than
/// building the object member by member across the boundary: the text has no duplicate names, no
/// lone surrogates and (for documents) only integers within ±(2^53−1); `JSON.parse` makes
/// `__proto__` an own property. (The other direction, JS → Rust, walks the value instead:
/// `JSON.stringify` would hide `NaN`, `undefined` in arrays and the places of errors.)
fn json_to_js(text: &str) -> JsValue {
    js_sys::JSON::parse(text).unwrap_or(JsValue::NULL)
}

/// Creates the own data property `key` on a plain object. `__proto__` needs
/// `Object.defineProperty`: a plain assignment would call the prototype setter instead.
pub(crate) fn put(obj: &JsValue, key: &str, value: &JsValue) {
    if key == "__proto__" {
        let desc: JsValue = Object::new().into();
        set(&desc, "value", value);
        set(&desc, "writable", &JsValue::TRUE);
        set(&desc, "enumerable", &JsValue::TRUE);
        set(&desc, "configurable", &JsValue::TRUE);
        if let Some(o) = obj.dyn_ref::<Object>() {
            Object::define_property(o, &JsValue::from_str(key), desc.unchecked_ref());
        }
    } else {
        set(obj, key, value);
    }
}

// ---------------------------------------------------------------------------------------------
// JS → Rust

/// Converts a plain JS value to JSON. `base` is the JSON pointer of the value inside the
/// document it belongs to (e.g. `"/body"`), used in error paths.
pub(crate) fn from_js(v: &JsValue, base: &str) -> Result<Value, JsValue> {
    let mut path = base.to_owned();
    walk(v, &mut path, 0)
}

fn walk(v: &JsValue, path: &mut String, depth: usize) -> Result<Value, JsValue> {
    if v.is_null() {
        return Ok(Value::Null);
    }
    if let Some(b) = v.as_bool() {
        return Ok(Value::Bool(b));
    }
    if let Some(x) = v.as_f64() {
        return number(x, path);
    }
    if let Some(s) = v.dyn_ref::<JsString>() {
        return string(s, path).map(Value::String);
    }
    if v.is_bigint() {
        return bigint(v, path);
    }
    if v.is_undefined() {
        return Err(type_error("undefined is not a JSON value", Some(path)));
    }
    if v.is_function() || v.is_symbol() {
        return Err(type_error(
            "functions and symbols are not JSON values",
            Some(path),
        ));
    }
    if depth >= MAX_WALK_DEPTH {
        return Err(coded(
            ErrorCode::JsonTooDeep,
            format!("value nests deeper than {MAX_WALK_DEPTH} levels (is it cyclic?)"),
            path,
        ));
    }
    if let Some(items) = array_items(v)? {
        let mut out = Vec::with_capacity(items.len());
        let len = path.len();
        for (i, item) in items.into_iter().enumerate() {
            path.push('/');
            path.push_str(&i.to_string());
            if item.is_undefined() {
                return Err(type_error(
                    "undefined is not a JSON value (arrays cannot skip it)",
                    Some(path),
                ));
            }
            out.push(walk(&item, path, depth + 1)?);
            path.truncate(len);
        }
        return Ok(Value::Array(out));
    }
    let Some(obj) = plain_object(v)? else {
        return Err(type_error(
            format!(
                "{} is not a JSON value: messages are plain objects, arrays, strings, numbers, booleans and null{}",
                describe(v),
                if is_date(v) {
                    " (write instants as RFC 3339 strings like 2026-11-27T08:00:00Z)"
                } else {
                    ""
                }
            ),
            Some(path),
        ));
    };
    let mut out = Map::new();
    let len = path.len();
    for key in keys_checked(obj)?.iter() {
        let value = Reflect::get(obj, &key)?;
        if value.is_undefined() {
            continue;
        }
        let Some(key) = key.dyn_ref::<JsString>() else {
            continue;
        };
        let name = string(key, path)?;
        path.push('/');
        path.push_str(&escape_pointer_token(&name));
        let item = walk(&value, path, depth + 1)?;
        path.truncate(len);
        out.insert(name, item);
    }
    Ok(Value::Object(out))
}

/// `Some` for an object whose prototype is `Object.prototype` or `null` (`instanceof Object`
/// is false for the latter, so `typeof` decides).
fn plain_object(v: &JsValue) -> Result<Option<&Object>, JsValue> {
    if !v.is_object() {
        return Ok(None);
    }
    let obj = v.unchecked_ref::<Object>();
    let proto = prototype_checked(v)?;
    if proto.is_null() {
        return Ok(Some(obj));
    }
    let object_proto = Object::get_prototype_of(&Object::new().into());
    Ok(Object::is(&proto, &object_proto).then_some(obj))
}

/// Whether `v` is a `Date` (by its prototype, read with `catch`: never a throwing trap).
fn is_date(v: &JsValue) -> bool {
    let date_proto = Object::get_prototype_of(&Date::new_0().into());
    prototype_checked(v).is_ok_and(|p| Object::is(&p, &date_proto))
}

fn describe(v: &JsValue) -> String {
    Reflect::get(v, &JsValue::from_str("constructor"))
        .ok()
        .and_then(|c| Reflect::get(&c, &JsValue::from_str("name")).ok())
        .and_then(|n| n.as_string())
        .filter(|n| !n.is_empty())
        .map_or_else(|| "this object".to_owned(), |n| format!("a {n}"))
}

fn number(x: f64, path: &str) -> Result<Value, JsValue> {
    if !x.is_finite() {
        return Err(coded(
            ErrorCode::JsonNumberOutOfRange,
            format!("{x} is not a JSON number"),
            path,
        ));
    }
    if x.fract() == 0.0 && x.abs() < TWO_POW_63 {
        // Integral and inside i64: the conversion is exact.
        #[allow(clippy::cast_possible_truncation)]
        return Ok(Value::from(x as i64));
    }
    // A fraction, or an integer beyond i64: hand the core a float, the core refuses it.
    Ok(Number::from_f64(x).map_or(Value::Null, Value::Number))
}

/// A `BigInt` becomes an integer when it fits 64 bits (the core then judges the range,
/// ±(2^53−1) for documents); a larger one is `json.integer_out_of_range` here.
fn bigint(v: &JsValue, path: &str) -> Result<Value, JsValue> {
    if let Some(i) = i64::try_from_js_value_ref(v) {
        return Ok(Value::from(i));
    }
    if let Some(u) = u64::try_from_js_value_ref(v) {
        return Ok(Value::from(u));
    }
    Err(coded(
        ErrorCode::JsonIntegerOutOfRange,
        "a BigInt beyond 64 bits; documents carry integers within ±(2^53−1)",
        path,
    ))
}

fn string(s: &JsString, path: &str) -> Result<String, JsValue> {
    if !well_formed(s) {
        return Err(coded(
            ErrorCode::JsonLoneSurrogate,
            "string contains a lone surrogate, which has no UTF-8 form",
            path,
        ));
    }
    Ok(String::from(s))
}

// ---------------------------------------------------------------------------------------------
// Arguments

/// Reads a `string` (as its UTF-8 bytes) or `Uint8Array` argument that the core parses with
/// `limits`. An argument longer than the limit is refused (`json.too_large`, the core's
/// check) before it is copied into WebAssembly memory: a copy of a huge argument could
/// exhaust the module's memory, and an allocation failure aborts the whole instance.
pub(crate) fn input_bytes(input: &JsValue, what: &str, limits: Limits) -> Result<Vec<u8>, JsValue> {
    if let Some(s) = input.dyn_ref::<JsString>() {
        limits
            .check_utf16_len(s.length() as usize)
            .map_err(js_err)?;
    } else if let Some(bytes) = byte_array(input) {
        limits
            .check_len(bytes.byte_length() as usize)
            .map_err(js_err)?;
        return Ok(bytes.to_vec());
    }
    key_input_bytes(input, what)
}

/// Reads a `string` (as its UTF-8 bytes) or `Uint8Array` argument with no size limit: keys
/// and certificates, which the operator supplies and the core's key loaders do not bound.
pub(crate) fn key_input_bytes(input: &JsValue, what: &str) -> Result<Vec<u8>, JsValue> {
    if let Some(s) = input.dyn_ref::<JsString>() {
        // A JS string may hold lone surrogates, which have no UTF-8 form; refuse rather than
        // letting the conversion replace them with U+FFFD.
        if !well_formed(s) {
            return Err(js_err(Error::new(
                ErrorCode::JsonInvalidUtf8,
                "string contains a lone surrogate and has no UTF-8 encoding",
            )));
        }
        // Well-formed, so the encoder replaces nothing: the exact UTF-8 bytes.
        return Ok(well_formed_utf8(s));
    }
    if let Some(bytes) = byte_array(input) {
        return Ok(bytes.to_vec());
    }
    Err(type_error(
        format!("{what} must be a string or a Uint8Array"),
        None,
    ))
}

/// Reads a string argument.
pub(crate) fn req_string(v: &JsValue, what: &str) -> Result<String, JsValue> {
    match v.dyn_ref::<JsString>() {
        Some(s) if well_formed(s) => Ok(String::from(s)),
        Some(_) => Err(js_err(Error::new(
            ErrorCode::InputInvalid,
            format!("{what} contains a lone surrogate"),
        ))),
        None => Err(type_error(format!("{what} must be a string"), None)),
    }
}

/// Reads a `Uint8Array` argument.
pub(crate) fn req_bytes(v: &JsValue, what: &str) -> Result<Vec<u8>, JsValue> {
    byte_array(v)
        .map(|b| b.to_vec())
        .ok_or_else(|| type_error(format!("{what} must be a Uint8Array"), None))
}

/// Reads a number that must be a safe integer (±(2^53−1)).
pub(crate) fn req_int(v: &JsValue, what: &str) -> Result<i64, JsValue> {
    match v.as_f64() {
        Some(x) if x.fract() == 0.0 && x.abs() <= 9_007_199_254_740_991.0 =>
        {
            #[allow(clippy::cast_possible_truncation)]
            Ok(x as i64)
        }
        _ => Err(type_error(
            format!("{what} must be an integer number"),
            None,
        )),
    }
}

/// An options object: refuses unknown names (a typo must not silently change a policy) and
/// treats `undefined` and `null` members as absent.
pub(crate) struct Options {
    obj: JsValue,
    what: &'static str,
}

impl Options {
    /// Reads `v` (`undefined` or `null` is an empty options object).
    pub(crate) fn new(v: &JsValue, what: &'static str, known: &[&str]) -> Result<Self, JsValue> {
        if v.is_undefined() || v.is_null() {
            return Ok(Self {
                obj: Object::new().into(),
                what,
            });
        }
        if !v.is_object() {
            return Err(type_error(format!("{what} must be an object"), None));
        }
        for key in keys_checked(v)?.iter() {
            let name = key.as_string().unwrap_or_default();
            if !known.contains(&name.as_str()) {
                return Err(type_error(
                    format!(
                        "unknown option '{name}' in {what} (known: {})",
                        known.join(", ")
                    ),
                    None,
                ));
            }
        }
        Ok(Self {
            obj: v.clone(),
            what,
        })
    }

    /// The member `name`, `None` when absent, `undefined` or `null`.
    pub(crate) fn get(&self, name: &str) -> Result<Option<JsValue>, JsValue> {
        let v = own_get(&self.obj, name)?;
        Ok((!v.is_undefined() && !v.is_null()).then_some(v))
    }

    fn label(&self, name: &str) -> String {
        format!("{}.{name}", self.what)
    }

    /// A required member.
    pub(crate) fn req(&self, name: &str) -> Result<JsValue, JsValue> {
        self.get(name)?
            .ok_or_else(|| type_error(format!("{} is required", self.label(name)), None))
    }

    /// A required string member.
    pub(crate) fn string(&self, name: &str) -> Result<String, JsValue> {
        req_string(&self.req(name)?, &self.label(name))
    }

    /// An optional string member.
    pub(crate) fn opt_string(&self, name: &str) -> Result<Option<String>, JsValue> {
        self.get(name)?
            .map(|v| req_string(&v, &self.label(name)))
            .transpose()
    }

    /// An optional integer member.
    pub(crate) fn opt_int(&self, name: &str) -> Result<Option<i64>, JsValue> {
        self.get(name)?
            .map(|v| req_int(&v, &self.label(name)))
            .transpose()
    }

    /// An optional boolean member.
    pub(crate) fn opt_bool(&self, name: &str) -> Result<Option<bool>, JsValue> {
        self.get(name)?
            .map(|v| {
                v.as_bool().ok_or_else(|| {
                    type_error(format!("{} must be a boolean", self.label(name)), None)
                })
            })
            .transpose()
    }

    /// A required instant (`Date` or RFC 3339 string).
    pub(crate) fn time(&self, name: &str) -> Result<Timestamp, JsValue> {
        timestamp(&self.req(name)?, &self.label(name))
    }

    /// An optional instant.
    pub(crate) fn opt_time(&self, name: &str) -> Result<Option<Timestamp>, JsValue> {
        self.get(name)?
            .map(|v| timestamp(&v, &self.label(name)))
            .transpose()
    }

    /// An optional clock (`Date`, RFC 3339 string, or a function returning one).
    pub(crate) fn clock(&self, name: &str) -> Result<JsClock, JsValue> {
        match self.get(name)? {
            None => Ok(JsClock::System),
            Some(v) => JsClock::from_js(&v, &self.label(name)),
        }
    }

    /// An optional JSON member converted with [`from_js`] (`base` is its JSON pointer).
    pub(crate) fn json(&self, name: &str, base: &str) -> Result<Option<Value>, JsValue> {
        self.get(name)?.map(|v| from_js(&v, base)).transpose()
    }
}

// ---------------------------------------------------------------------------------------------
// Time

/// An instant from a `Date` or an RFC 3339 UTC string (parsed by the core).
pub(crate) fn timestamp(v: &JsValue, what: &str) -> Result<Timestamp, JsValue> {
    if let Some(d) = v.dyn_ref::<Date>() {
        let ms = d.get_time();
        if !ms.is_finite() {
            return Err(js_err(Error::new(
                ErrorCode::InputInvalid,
                format!("{what} is an invalid Date"),
            )));
        }
        // A valid Date is an integral number of milliseconds within ±8.64e15.
        #[allow(clippy::cast_possible_truncation)]
        return Ok(Timestamp::from_unix_millis(ms as i64));
    }
    if let Some(s) = v.as_string() {
        // With an offset (`+08:00`) normalised to UTC, as the CLI and the Python package do.
        return Timestamp::parse_typed(&s, DateOnly::Refused)
            .map_err(|e| js_err(Error::new(e.code(), format!("{what}: {}", e.message()))));
    }
    Err(type_error(
        format!("{what} must be a Date or an RFC 3339 string like 2026-11-27T08:00:00Z"),
        None,
    ))
}

/// The clock a JS caller asked for.
pub(crate) enum JsClock {
    /// `Date.now()` (the core's `SystemClock`).
    System,
    /// A fixed instant.
    Fixed(Timestamp),
    /// A function called for the current instant each time one is needed.
    Call(Function, String),
}

impl JsClock {
    /// A clock from a `Date`, an RFC 3339 string or a function returning one of those.
    pub(crate) fn from_js(v: &JsValue, what: &str) -> Result<Self, JsValue> {
        match v.dyn_ref::<Function>() {
            Some(f) => Ok(Self::Call(f.clone(), what.to_owned())),
            None => Ok(Self::Fixed(timestamp(v, what)?)),
        }
    }

    /// The current instant by this clock.
    pub(crate) fn now(&self) -> Result<Timestamp, JsValue> {
        match self {
            Self::System => Ok(SystemClock.now()),
            Self::Fixed(t) => Ok(*t),
            Self::Call(f, what) => timestamp(&f.call0(&JsValue::UNDEFINED)?, what),
        }
    }

    /// A core clock fixed at [`JsClock::now`] (for one-shot operations).
    pub(crate) fn fixed(&self) -> Result<FixedClock, JsValue> {
        self.now().map(FixedClock)
    }
}

/// A core clock whose instant the binding sets before each verification (a JS function cannot
/// be called from inside a `Send + Sync` clock).
#[derive(Debug, Clone, Default)]
pub(crate) struct SharedClock(Arc<Mutex<Option<Timestamp>>>);

impl SharedClock {
    /// Sets the instant the clock reports.
    pub(crate) fn set(&self, t: Timestamp) {
        match self.0.lock() {
            Ok(mut g) => *g = Some(t),
            Err(p) => *p.into_inner() = Some(t),
        }
    }
}

impl Clock for SharedClock {
    fn now(&self) -> Timestamp {
        let held = match self.0.lock() {
            Ok(g) => *g,
            Err(p) => *p.into_inner(),
        };
        held.unwrap_or_else(|| SystemClock.now())
    }
}
