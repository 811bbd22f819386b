//! `labourlink-wasm`: the JavaScript/WebAssembly bindings of labourlink (npm package `labourlink`).
//!
//! Bindings translate, never decide (DESIGN §1): every export converts JS values to Rust, calls
//! the core crate and converts the result back. Errors are thrown as real JS `Error` objects,
//! built by [`to_js_error`], the only place that maps them; strings are never thrown.
#![forbid(unsafe_code)]

use js_sys::{Array, JsString, Object, Reflect, Uint8Array};
use labourlink::{Error, ErrorCode};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// The JS error `name` for a dotted code: by family (the part before the dot), except that the
/// `key` family splits into refused key material and key-resolution failures. Identical to the
/// class names of the Python package (`labourlink.errors`).
fn error_name(code: &str) -> &'static str {
    let family = code.split_once('.').map_or(code, |(f, _)| f);
    match family {
        "json" => "JsonError",
        "jws" => "JwsError",
        "key" if matches!(code, "key.rejected" | "key.invalid_format") => "KeyRejectedError",
        "key" => "KeyResolutionError",
        "signature" => "SignatureError",
        "payload" | "envelope" => "EnvelopeError",
        "trust_list" => "TrustListError",
        "schema" => "SchemaError",
        "rule" => "RuleError",
        "replay" => "ReplayError",
        _ => "LabourlinkError",
    }
}

/// Sets `obj[key] = value`. `Reflect.set` only fails on frozen objects or throwing setters,
/// which the objects built here never are, so a failure is ignored.
fn set(obj: &JsValue, key: &str, value: &JsValue) {
    let _ = Reflect::set(obj, &JsValue::from_str(key), value);
}

/// Converts a core error into a JS `Error` whose `name` tells the family (`"JsonError"`,
/// `"SignatureError"`, …), with `message` (English), `code`, `messageZh`, `path` (`null` when
/// there is none) and `violations` (an array of `{code, path, message, messageZh}`).
fn to_js_error(err: &Error) -> JsValue {
    let code = err.code().as_str();
    let js = js_sys::Error::new(err.message());
    js.set_name(error_name(code));
    let value: JsValue = js.into();
    set(&value, "code", &JsValue::from_str(code));
    set(&value, "messageZh", &JsValue::from_str(&err.message_zh()));
    set(
        &value,
        "path",
        &err.path().map_or(JsValue::NULL, JsValue::from_str),
    );
    let violations = Array::new();
    for v in err.violations() {
        let o: JsValue = Object::new().into();
        set(&o, "code", &JsValue::from_str(&v.code));
        set(&o, "path", &JsValue::from_str(&v.path));
        set(&o, "message", &JsValue::from_str(&v.message));
        set(&o, "messageZh", &JsValue::from_str(&v.message_zh));
        violations.push(&o);
    }
    set(&value, "violations", &violations);
    value
}

/// Reads a `string` (as its UTF-8 bytes) or `Uint8Array` argument.
fn input_bytes(input: &JsValue) -> Result<Vec<u8>, JsValue> {
    if let Some(s) = input.dyn_ref::<JsString>() {
        // A JS string may hold lone surrogates, which have no UTF-8 form; refuse rather than
        // letting the conversion replace them with U+FFFD.
        if !s.is_valid_utf16() {
            return Err(to_js_error(&Error::new(
                ErrorCode::JsonInvalidUtf8,
                "string contains a lone surrogate and has no UTF-8 encoding",
            )));
        }
        return Ok(String::from(s).into_bytes());
    }
    if let Some(bytes) = input.dyn_ref::<Uint8Array>() {
        return Ok(bytes.to_vec());
    }
    Err(js_sys::TypeError::new("expected a string or a Uint8Array").into())
}

/// The RFC 8785 (JCS) canonical form of a JSON text, as UTF-8 bytes. A string is taken as its
/// UTF-8 encoding. Throws an `Error` named `JsonError` (with `.code`, e.g.
/// `"json.duplicate_key"`, and `.path`) when the input is not acceptable JSON.
#[wasm_bindgen]
pub fn canonicalize(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] input: JsValue,
) -> Result<Uint8Array, JsValue> {
    let bytes = input_bytes(&input)?;
    let out = labourlink::canonical::canonicalize(&bytes).map_err(|e| to_js_error(&e))?;
    Ok(Uint8Array::from(out.as_slice()))
}
