//! The one place where core errors become JavaScript errors.
//!
//! Every error is built by `makeError` of `lib/errors.js` (imported with `raw_module`, so the
//! classes are the very ones the package exports and `instanceof` works): a real `Error`
//! subclass named by the code's family, with `code`, `messageZh`, `path` (`null` when there is
//! none) and `violations`. A JavaScript value of the wrong *type* (a number where a string is
//! needed, an unknown option) becomes a `TypeError` carrying the same fields with code
//! `input.invalid`. Strings are never thrown.

use js_sys::{Array, Reflect};
use labourlink::{Error, ErrorCode, ErrorKind};
use wasm_bindgen::prelude::*;

use crate::convert::ser_to_js_camel;

#[wasm_bindgen(raw_module = "../lib/errors.js")]
extern "C" {
    /// `makeError(name, message, code, messageZh, path, violations)` from `lib/errors.js`.
    #[wasm_bindgen(js_name = makeError)]
    fn make_error(
        name: &str,
        message: &str,
        code: &str,
        message_zh: &str,
        path: JsValue,
        violations: Array,
    ) -> JsValue;
}

/// The JS class name for a dotted code: the core decides ([`ErrorKind::of_code`]); the names
/// are those of the Python package (`labourlink.errors`).
pub(crate) fn error_name(code: &str) -> &'static str {
    ErrorKind::of_code(code).class_name()
}

/// Sets `obj[key] = value` on an object built here (never frozen, no setters), so the result
/// is ignored.
pub(crate) fn set(obj: &JsValue, key: &str, value: &JsValue) {
    let _ = Reflect::set(obj, &JsValue::from_str(key), value);
}

fn build(name: &str, err: &Error) -> JsValue {
    build_with(name, err, err.message(), &err.message_zh())
}

fn build_with(name: &str, err: &Error, message: &str, message_zh: &str) -> JsValue {
    let violations = Array::new();
    for v in err.violations() {
        violations.push(&ser_to_js_camel(v));
    }
    make_error(
        name,
        message,
        err.code().as_str(),
        message_zh,
        err.path().map_or(JsValue::NULL, JsValue::from_str),
        violations,
    )
}

/// Converts a core error into the JS error of its family (`JsonError`, `SignatureError`, …).
pub(crate) fn to_js_error(err: &Error) -> JsValue {
    build(error_name(err.code().as_str()), err)
}

/// The core's names of the verifier's and loaders' settings, as the JS options spell them
/// (longest first: `stale_grace_seconds` before `grace_seconds`).
const JS_SETTING_NAMES: [(&str, &str); 6] = [
    ("retired_key_window_seconds", "retiredKeyWindowSeconds"),
    ("stale_grace_seconds", "staleGraceSeconds"),
    ("max_age_for_type", "maxAgeForTypes"),
    ("max_age_seconds", "maxAgeSeconds"),
    ("leeway_seconds", "leewaySeconds"),
    ("grace_seconds", "graceSeconds"),
];

/// `map_err` adaptor for a call that checks settings: an `input.invalid` that begins with the
/// core's name of a setting says it as a JS option (`leewaySeconds 4000 is outside …`, `… is
/// null`); the rest of the text (which names each language's dangerous switch) is unchanged.
#[allow(clippy::needless_pass_by_value)]
pub(crate) fn js_setting_err(err: Error) -> JsValue {
    if err.code() != ErrorCode::InputInvalid {
        return js_err(err);
    }
    let message = err.message();
    for (core, js) in JS_SETTING_NAMES {
        if let Some(rest) = message.strip_prefix(core) {
            let rest = rest.replacen("' is None:", "' is null:", 1);
            // The Chinese detail names the setting too (`grace_seconds 为 …`).
            let zh = err.message_zh().replacen(core, js, 1);
            return build_with(
                error_name(err.code().as_str()),
                &err,
                &format!("{js}{rest}"),
                &zh,
            );
        }
    }
    js_err(err)
}

/// `map_err` adaptor: `core_call().map_err(js_err)?`.
#[allow(clippy::needless_pass_by_value)]
pub(crate) fn js_err(err: Error) -> JsValue {
    to_js_error(&err)
}

/// A `TypeError` (code `input.invalid`) for a JS value of the wrong type at `path` (a JSON
/// pointer inside the argument, or `None`).
pub(crate) fn type_error(message: impl Into<String>, path: Option<&str>) -> JsValue {
    let mut err = Error::new(ErrorCode::InputInvalid, message);
    if let Some(p) = path {
        err = err.at(p);
    }
    build("TypeError", &err)
}

/// An error with a core code raised while translating a JS value (e.g. a lone surrogate in a
/// string is `json.lone_surrogate`, as the core's parser says for the same JSON text).
pub(crate) fn coded(code: ErrorCode, message: impl Into<String>, path: &str) -> JsValue {
    to_js_error(&Error::new(code, message).at(path))
}

/// Makes the `TypeError` the JavaScript layer throws for a wrong argument type, with the same
/// fields as every other labourlink error.
#[wasm_bindgen(js_name = "_typeError", skip_typescript)]
pub fn js_type_error(message: &str, path: Option<String>) -> JsValue {
    type_error(message, path.as_deref())
}

#[cfg(test)]
mod tests {
    use super::error_name;

    #[test]
    fn names_by_family() {
        assert_eq!(error_name("json.syntax"), "JsonError");
        assert_eq!(error_name("key.rejected"), "KeyRejectedError");
        assert_eq!(error_name("key.invalid_format"), "KeyRejectedError");
        assert_eq!(error_name("key.revoked"), "KeyResolutionError");
        assert_eq!(error_name("payload.not_canonical"), "EnvelopeError");
        assert_eq!(error_name("trust_list.stale"), "TrustListError");
        assert_eq!(error_name("input.invalid"), "LabourlinkError");
        assert_eq!(error_name("internal.crypto"), "LabourlinkError");
    }
}
