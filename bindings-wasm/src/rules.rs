//! Identifier checks (`rules::ids`, `rules::checks`) and schema validation (`schema`), with the
//! same names and shapes as the Python package (camelCase here).
//!
//! `check*` return the core's findings (`{code, path, message, messageZh, severity}`);
//! `parse*` return the parsed identifier or throw the core's `rule.violation` error (a
//! `RuleError` whose `violations` say why).

use js_sys::{Array, Date as JsDate, Object};
use labourlink::json::Limits;
use labourlink::rules::{Date, Finding, RuleParameters, checks, parse};
use labourlink::time::Timestamp;
use labourlink::{Error, ErrorCode};
use wasm_bindgen::prelude::*;

use crate::convert::{Options, from_js, input_bytes, put, req_string, ser_to_js_camel};
use crate::errors::{js_err, type_error};

/// A calendar date: `"YYYY-MM-DD"`, or a `Date` (the China Standard Time date of that instant).
fn date(v: &JsValue, what: &str) -> Result<Date, JsValue> {
    let text = if let Some(d) = v.dyn_ref::<JsDate>() {
        // A Date is an instant: its calendar date in China Standard Time, as the core decides
        // (the same instant is the same date in every language).
        let ms = d.get_time();
        if !ms.is_finite() {
            // An invalid Date (`new Date(NaN)`) names no day; `as i64` would make it 1970.
            return Err(js_err(Error::new(
                ErrorCode::InputInvalid,
                format!("{what} is an invalid Date"),
            )));
        }
        #[allow(clippy::cast_possible_truncation)]
        let millis = ms as i64;
        return Date::from_instant_china(Timestamp::from_unix_millis(millis)).ok_or_else(|| {
            js_err(Error::new(
                ErrorCode::InputInvalid,
                format!("{what}: the Date is outside the years 1 to 9999"),
            ))
        });
    } else if let Some(s) = v.as_string() {
        s
    } else {
        return Err(type_error(
            format!("{what} must be a 'YYYY-MM-DD' string or a Date"),
            None,
        ));
    };
    Date::parse(&text).ok_or_else(|| {
        js_err(Error::new(
            ErrorCode::InputInvalid,
            format!("{what}: '{text}' is not a calendar date YYYY-MM-DD"),
        ))
    })
}

/// Findings as an array of `{code, path, message, messageZh, severity}` objects.
pub(crate) fn findings(list: &[Finding]) -> Array {
    list.iter().map(ser_to_js_camel).collect()
}

fn path_option(o: &Options) -> Result<String, JsValue> {
    Ok(o.opt_string("path")?.unwrap_or_default())
}

/// Findings for a citizen ID number (GB 11643): format, MOD 11-2 check character, birth date
/// (not after `on`), address code. `path` is the JSON pointer named in the messages.
#[wasm_bindgen(js_name = checkCitizenId, unchecked_return_type = "Finding[]")]
pub fn check_citizen_id(
    #[wasm_bindgen(unchecked_param_type = "string")] value: JsValue,
    #[wasm_bindgen(unchecked_param_type = "{ on: Date | string; path?: string }")] options: JsValue,
) -> Result<Array, JsValue> {
    let value = req_string(&value, "value")?;
    let o = Options::new(&options, "options", &["on", "path"])?;
    let on = date(&o.req("on")?, "options.on")?;
    Ok(findings(&checks::check_citizen_id(
        &value,
        &path_option(&o)?,
        on,
        &RuleParameters::default(),
    )))
}

/// Findings for a unified social credit code (GB 32100): errors for format and check
/// characters, warnings for an unknown registration pair or region.
#[wasm_bindgen(js_name = checkUscc, unchecked_return_type = "Finding[]")]
pub fn check_uscc(
    #[wasm_bindgen(unchecked_param_type = "string")] value: JsValue,
    #[wasm_bindgen(unchecked_param_type = "{ path?: string }")] options: Option<JsValue>,
) -> Result<Array, JsValue> {
    let value = req_string(&value, "value")?;
    let o = Options::new(&options.unwrap_or_default(), "options", &["path"])?;
    Ok(findings(&checks::check_uscc(&value, &path_option(&o)?)))
}

/// Findings for a region code that must be in the current GB/T 2260 list.
#[wasm_bindgen(js_name = checkRegionCode, unchecked_return_type = "Finding[]")]
pub fn check_region_code(
    #[wasm_bindgen(unchecked_param_type = "string")] value: JsValue,
    #[wasm_bindgen(unchecked_param_type = "{ path?: string }")] options: Option<JsValue>,
) -> Result<Array, JsValue> {
    let value = req_string(&value, "value")?;
    let o = Options::new(&options.unwrap_or_default(), "options", &["path"])?;
    Ok(findings(&checks::check_region_code(
        &value,
        &path_option(&o)?,
    )))
}

fn opt_str(v: Option<String>) -> JsValue {
    v.map_or(JsValue::NULL, |s| JsValue::from_str(&s))
}

/// Parses a citizen ID number: `{normalized, kind, addressCode, historicAddress, birthDate,
/// sex}`; throws `RuleError` (`rule.violation`; `violations` say why).
#[wasm_bindgen(js_name = parseCitizenId, unchecked_return_type = "ParsedCitizenId")]
pub fn parse_citizen_id(
    #[wasm_bindgen(unchecked_param_type = "string")] value: JsValue,
    #[wasm_bindgen(unchecked_param_type = "{ on: Date | string }")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let value = req_string(&value, "value")?;
    let o = Options::new(&options, "options", &["on"])?;
    let on = date(&o.req("on")?, "options.on")?;
    let params = RuleParameters::default();
    let parsed = parse::citizen_id(&value, on, &params).map_err(js_err)?;
    let d: JsValue = Object::new().into();
    put(&d, "normalized", &JsValue::from_str(&parsed.normalized));
    put(&d, "kind", &JsValue::from_str(parsed.kind.as_str()));
    put(&d, "addressCode", &opt_str(parsed.address_code));
    put(
        &d,
        "historicAddress",
        &JsValue::from_bool(parsed.historic_address),
    );
    put(
        &d,
        "birthDate",
        &opt_str(parsed.birth_date.map(|b| b.to_string())),
    );
    put(
        &d,
        "sex",
        &opt_str(parsed.sex.map(|s| s.as_str().to_owned())),
    );
    Ok(d)
}

/// Parses a unified social credit code: `{registrationAuthority, category, regionCode,
/// orgCode, registrationKnown, regionKnown}`; throws `RuleError` for format and check-character
/// errors.
#[wasm_bindgen(js_name = parseUscc, unchecked_return_type = "ParsedUscc")]
pub fn parse_uscc(
    #[wasm_bindgen(unchecked_param_type = "string")] value: JsValue,
) -> Result<JsValue, JsValue> {
    let value = req_string(&value, "value")?;
    let parsed = parse::uscc(&value).map_err(js_err)?;
    let d: JsValue = Object::new().into();
    put(
        &d,
        "registrationAuthority",
        &JsValue::from_str(&parsed.registration_authority.to_string()),
    );
    put(
        &d,
        "category",
        &JsValue::from_str(&parsed.category.to_string()),
    );
    put(&d, "regionCode", &JsValue::from_str(&parsed.region_code));
    put(&d, "orgCode", &JsValue::from_str(&parsed.org_code));
    put(
        &d,
        "registrationKnown",
        &JsValue::from_bool(parsed.registration_known),
    );
    put(&d, "regionKnown", &JsValue::from_bool(parsed.region_known));
    Ok(d)
}

/// The name of a current GB/T 2260 division; throws `RuleError` for an unknown or abolished
/// code.
#[wasm_bindgen(js_name = regionName)]
pub fn region_name(
    #[wasm_bindgen(unchecked_param_type = "string")] code: JsValue,
) -> Result<String, JsValue> {
    let code = req_string(&code, "code")?;
    parse::region_name(&code).map(str::to_owned).map_err(js_err)
}

/// The Chinese name of a code of a national code table (`table` e.g. `"gb_t_3304"`); throws
/// `RuleError` for a code not in the table, `LabourlinkError` (`input.invalid`) for an unknown
/// table.
#[wasm_bindgen(js_name = codeName)]
pub fn code_name(
    #[wasm_bindgen(unchecked_param_type = "string")] table: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] code: JsValue,
) -> Result<String, JsValue> {
    let table = req_string(&table, "table")?;
    let code = req_string(&code, "code")?;
    parse::code_name(&table, &code)
        .map(str::to_owned)
        .map_err(js_err)
}

/// Converts a 15-digit pre-1999 ID number to its 18-character form (not otherwise validated).
#[wasm_bindgen(js_name = convert15To18)]
pub fn convert_15_to_18(
    #[wasm_bindgen(unchecked_param_type = "string")] id15: JsValue,
) -> Result<String, JsValue> {
    let id15 = req_string(&id15, "id15")?;
    parse::convert_15_to_18(&id15).map_err(js_err)
}

/// Validates an unsigned document — the verifier's stages 5–7 without signatures, keys,
/// audience or clock: the envelope, then the schema, then the business rules, stopping after the
/// first stage with errors. `document` is a plain object, or JSON text / UTF-8 bytes read with
/// the verifier's strict parser. Returns `{valid, findings: [{code, severity, path, message,
/// messageZh}]}`.
#[wasm_bindgen(unchecked_return_type = "ValidationReport")]
pub fn validate(
    #[wasm_bindgen(unchecked_param_type = "Document | object | string | Uint8Array")]
    document: JsValue,
) -> Result<JsValue, JsValue> {
    let report = if document.is_string() || document.is_instance_of::<js_sys::Uint8Array>() {
        labourlink::validate::validate_json(&input_bytes(&document, "document", Limits::default())?)
    } else {
        labourlink::validate::validate(&from_js(&document, "")?)
    };
    let out: JsValue = Object::new().into();
    put(&out, "valid", &JsValue::from_bool(report.is_valid()));
    put(&out, "findings", &findings(&report.findings));
    Ok(out)
}

/// Validates a body against its message type's JSON Schema; throws `SchemaError` whose
/// `violations` list every problem (pointers under `/body`).
#[wasm_bindgen(js_name = validateBody)]
pub fn validate_body(
    #[wasm_bindgen(unchecked_param_type = "MessageType")] message_type: JsValue,
    #[wasm_bindgen(unchecked_param_type = "object")] body: JsValue,
) -> Result<(), JsValue> {
    let message_type = req_string(&message_type, "messageType")?;
    let body = from_js(&body, "/body")?;
    labourlink::schema::validate_body(&message_type, &body).map_err(js_err)
}

/// The example document of a message type (`schemas/examples/`), or `null` — as Python's
/// `example`.
#[wasm_bindgen(unchecked_return_type = "Document | null")]
pub fn example(
    #[wasm_bindgen(unchecked_param_type = "string")] message_type: JsValue,
) -> Result<JsValue, JsValue> {
    let t = req_string(&message_type, "messageType")?;
    Ok(labourlink::schema::example(&t).map_or(JsValue::NULL, |v| crate::convert::to_js(&v)))
}

/// Every error code as `[code, stage, summary, summaryZh]` — as Python's `error_codes`.
#[wasm_bindgen(js_name = errorCodes, unchecked_return_type = "[ErrorCode, string, string, string][]")]
pub fn error_codes() -> Array {
    ErrorCode::ALL
        .iter()
        .map(|c| {
            let row = Array::new();
            row.push(&JsValue::from_str(c.as_str()));
            row.push(&JsValue::from_str(c.stage()));
            row.push(&JsValue::from_str(c.summary()));
            row.push(&JsValue::from_str(c.summary_zh()));
            JsValue::from(row)
        })
        .collect()
}
