//! Identifier checks (`rules::ids`, `rules::checks`) and schema validation (`schema`).
//!
//! `check_*` return the core's findings; `parse_*` return the parsed identifier or raise the
//! core's `rule.violation` error (`RuleError`, whose `findings` say why).

use labourlink::ErrorCode;
use labourlink::rules::stage::{ReferenceDate, RulesStage};
use labourlink::rules::{Date, Finding, RuleParameters, checks, parse};
use labourlink::time::Timestamp;
use labourlink::validate as core_validate;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyString, PyType};

use crate::convert::{Numbers, input_bytes, is_text, ser_to_py, to_py, to_value, to_value_at};
use crate::errors::{IntoPyResult as _, coded};

static DATE: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// A calendar date: `"YYYY-MM-DD"`, a `datetime.date`, or a `datetime` (aware: the China
/// Standard Time date of that instant; naive: the date it names).
pub(crate) fn date(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Date> {
    let py = obj.py();
    let text = if let Ok(s) = obj.cast::<PyString>() {
        s.to_cow()?.into_owned()
    } else {
        let class = DATE.get_or_try_init(py, || {
            Ok::<_, PyErr>(
                py.import("datetime")?
                    .getattr("date")?
                    .cast_into::<PyType>()?
                    .unbind(),
            )
        })?;
        if !obj.is_instance(class.bind(py))? {
            return Err(PyTypeError::new_err(format!(
                "{what} must be a 'YYYY-MM-DD' string or a datetime.date, not {}",
                obj.get_type().name()?
            )));
        }
        // An aware datetime is an instant: its calendar date in China Standard Time, as the
        // core decides (the same instant is the same date in every language). A plain date,
        // or a naive datetime, is taken as the calendar date it names.
        if obj.hasattr("utcoffset")? && !obj.call_method0("utcoffset")?.is_none() {
            let seconds: f64 = obj.call_method0("timestamp")?.extract()?;
            #[allow(clippy::cast_possible_truncation)]
            let millis = (seconds * 1000.0).floor() as i64;
            return Date::from_instant_china(Timestamp::from_unix_millis(millis)).ok_or_else(
                || {
                    coded(
                        py,
                        ErrorCode::InputInvalid,
                        format!("{what}: the datetime is outside the years 1 to 9999"),
                    )
                },
            );
        }
        let part = |name: &str| -> PyResult<i64> { obj.getattr(name)?.extract::<i64>() };
        format!(
            "{:04}-{:02}-{:02}",
            part("year")?,
            part("month")?,
            part("day")?
        )
    };
    Date::parse(&text).ok_or_else(|| {
        coded(
            py,
            ErrorCode::InputInvalid,
            format!("{what}: '{text}' is not a calendar date YYYY-MM-DD"),
        )
    })
}

/// Findings as a list of dicts (``code``, ``path``, ``message``, ``message_zh``, ``severity``).
pub(crate) fn findings_list<'py>(
    py: Python<'py>,
    findings: &[Finding],
) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for f in findings {
        list.append(ser_to_py(py, f)?)?;
    }
    Ok(list)
}

/// Findings for a citizen ID number (GB 11643): format, MOD 11-2 check character, birth date
/// (not after ``on``), address code. ``path`` is the JSON pointer named in the messages.
#[pyfunction]
#[pyo3(signature = (value, *, on, path = String::new()))]
#[pyo3(text_signature = "(value, *, on, path='')")]
pub(crate) fn check_citizen_id<'py>(
    py: Python<'py>,
    value: String,
    on: &Bound<'py, PyAny>,
    path: String,
) -> PyResult<Bound<'py, PyList>> {
    let on = date(on, "on")?;
    findings_list(
        py,
        &checks::check_citizen_id(&value, &path, on, &RuleParameters::default()),
    )
}

/// Findings for a unified social credit code (GB 32100): errors for format and check
/// characters, warnings for an unknown registration pair or region.
#[pyfunction]
#[pyo3(signature = (value, *, path = String::new()))]
#[pyo3(text_signature = "(value, *, path='')")]
pub(crate) fn check_uscc(
    py: Python<'_>,
    value: String,
    path: String,
) -> PyResult<Bound<'_, PyList>> {
    findings_list(py, &checks::check_uscc(&value, &path))
}

/// Findings for a region code that must be in the current GB/T 2260 list.
#[pyfunction]
#[pyo3(signature = (value, *, path = String::new()))]
#[pyo3(text_signature = "(value, *, path='')")]
pub(crate) fn check_region_code(
    py: Python<'_>,
    value: String,
    path: String,
) -> PyResult<Bound<'_, PyList>> {
    findings_list(py, &checks::check_region_code(&value, &path))
}

/// Parses a citizen ID number; raises ``RuleError`` (``rule.violation``; ``findings`` say why).
#[pyfunction]
#[pyo3(signature = (value, *, on))]
pub(crate) fn parse_citizen_id<'py>(
    py: Python<'py>,
    value: String,
    on: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyDict>> {
    let on = date(on, "on")?;
    let params = RuleParameters::default();
    let parsed = parse::citizen_id(&value, on, &params).py_err(py)?;
    let d = PyDict::new(py);
    d.set_item("normalized", &parsed.normalized)?;
    d.set_item("kind", parsed.kind.as_str())?;
    d.set_item("address_code", &parsed.address_code)?;
    d.set_item("historic_address", parsed.historic_address)?;
    d.set_item("birth_date", parsed.birth_date.map(|b| b.to_string()))?;
    d.set_item("sex", parsed.sex.map(|s| s.as_str()))?;
    Ok(d)
}

/// Parses a unified social credit code; raises ``RuleError`` for format and check-character
/// errors.
#[pyfunction]
pub(crate) fn parse_uscc(py: Python<'_>, value: String) -> PyResult<Bound<'_, PyDict>> {
    let parsed = parse::uscc(&value).py_err(py)?;
    let d = PyDict::new(py);
    d.set_item(
        "registration_authority",
        parsed.registration_authority.to_string(),
    )?;
    d.set_item("category", parsed.category.to_string())?;
    d.set_item("region_code", &parsed.region_code)?;
    d.set_item("org_code", &parsed.org_code)?;
    d.set_item("registration_known", parsed.registration_known)?;
    d.set_item("region_known", parsed.region_known)?;
    Ok(d)
}

/// The name of a current GB/T 2260 division; raises ``RuleError`` for an unknown or abolished
/// code.
#[pyfunction]
pub(crate) fn region_name(py: Python<'_>, code: String) -> PyResult<&'static str> {
    parse::region_name(&code).py_err(py)
}

/// The Chinese name of a code of a national code table (``table`` e.g. ``"gb_t_3304"``); raises
/// ``RuleError`` for a code not in the table, ``LabourlinkError`` (``input.invalid``) for an
/// unknown table.
#[pyfunction]
pub(crate) fn code_name(py: Python<'_>, table: String, code: String) -> PyResult<&'static str> {
    parse::code_name(&table, &code).py_err(py)
}

/// Converts a 15-digit pre-1999 ID number to its 18-character form (not otherwise validated).
#[pyfunction]
pub(crate) fn convert_15_to_18(py: Python<'_>, id15: String) -> PyResult<String> {
    parse::convert_15_to_18(&id15).py_err(py)
}

/// Validates a body against its message type's JSON Schema; raises ``SchemaError`` whose
/// ``errors`` list every violation (pointers under ``/body``).
#[pyfunction]
pub(crate) fn validate_body(
    py: Python<'_>,
    message_type: String,
    body: &Bound<'_, PyAny>,
) -> PyResult<()> {
    let body = to_value_at(body, Numbers::Document, "/body", 1)?;
    labourlink::schema::validate_body(&message_type, &body).py_err(py)
}

/// Validates an unsigned document (a dict, or JSON text read strictly) as the verifier's stages
/// 5–7 would — envelope, schema, business rules — and returns every finding (errors reject,
/// warnings do not; an empty list means valid). ``on`` fixes the rules' reference date
/// (default: the document's ``issued_at`` in China Standard Time).
#[pyfunction]
#[pyo3(signature = (document, *, on = None))]
pub(crate) fn validate<'py>(
    py: Python<'py>,
    document: &Bound<'py, PyAny>,
    on: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyList>> {
    let mut stage = RulesStage::default();
    if let Some(on) = on.filter(|o| !o.is_none()) {
        stage = stage.with_reference_date(ReferenceDate::Fixed(date(on, "on")?));
    }
    let report = if is_text(document) {
        let bytes = input_bytes(document)?;
        py.detach(|| core_validate::validate_json_with(&bytes, &stage))
    } else {
        let value = to_value(document, Numbers::Document)?;
        py.detach(|| core_validate::validate_with(&value, &stage))
    };
    findings_list(py, &report.findings)
}

/// The example document of a message type (``schemas/examples/``): realistic, schema-valid,
/// with valid check digits; ``None`` for an unknown type.
#[pyfunction]
pub(crate) fn example<'py>(
    py: Python<'py>,
    message_type: String,
) -> PyResult<Option<Bound<'py, PyAny>>> {
    labourlink::schema::example(&message_type)
        .map(|v| to_py(py, &v))
        .transpose()
}
