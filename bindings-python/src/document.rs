//! Free functions: `document` (the envelope builder), `sign`, `canonicalize`, `parse_json`.

use labourlink::envelope::{CaseRef, Document, Party};
use labourlink::json::{self, Limits};
use labourlink::keys::Signer;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use serde::de::DeserializeOwned;

use crate::convert::{
    Numbers, as_dict, input_bytes, is_text, opt_instant, to_py, to_value, to_value_at,
};
use crate::errors::{IntoPyResult as _, coded_at};
use crate::keys::PySigningKey;
use crate::trust::clock_at;
use labourlink::ErrorCode;

/// A `Party` or `CaseRef` from a dict with exactly its wire fields.
fn wire_struct<T: DeserializeOwned>(
    obj: &Bound<'_, PyAny>,
    what: &str,
    pointer: &str,
    fields: &str,
) -> PyResult<T> {
    // The wrong type is a TypeError; a dict of the wrong contents is `input.invalid` at
    // `pointer` (the README's rule: a value of the right type that labourlink refuses).
    let Some(dict) = as_dict(obj)? else {
        return Err(PyTypeError::new_err(format!(
            "{what} must be a dict with {fields}, not {}",
            obj.get_type().name()?
        )));
    };
    let value = to_value_at(dict.as_any(), Numbers::Document, pointer, 1)?;
    serde_json::from_value(value).map_err(|e| {
        coded_at(
            obj.py(),
            ErrorCode::InputInvalid,
            format!("{what} must be a dict with {fields}: {e}"),
            pointer,
        )
    })
}

/// Builds a document (the envelope around a body), filling ``id`` (UUID v7) and ``issued_at``
/// (from ``at``, default now), and checks the envelope. Returns it as a dict, ready for ``sign``.
#[pyfunction]
#[pyo3(signature = (
    r#type, *, from_, to, body = None, case = None, in_reply_to = None, expires_at = None,
    id = None, schema_version = None, at = None
))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn document<'py>(
    py: Python<'py>,
    r#type: String,
    from_: &Bound<'py, PyAny>,
    to: &Bound<'py, PyAny>,
    body: Option<&Bound<'py, PyAny>>,
    case: Option<&Bound<'py, PyAny>>,
    in_reply_to: Option<String>,
    expires_at: Option<&Bound<'py, PyAny>>,
    id: Option<String>,
    schema_version: Option<String>,
    at: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    const PARTY: &str = "'region', 'agency' and optionally 'name'";
    let from: Party = wire_struct(from_, "from_", "/from", PARTY)?;
    let to: Party = wire_struct(to, "to", "/to", PARTY)?;
    let mut b = Document::builder(r#type, from, to);
    if let Some(body) = body.filter(|b| !b.is_none()) {
        b = b.body(to_value_at(body, Numbers::Document, "/body", 1)?);
    }
    if let Some(case) = case.filter(|c| !c.is_none()) {
        let case: CaseRef = wire_struct(case, "case", "/case", "'id' and 'type'")?;
        b = b.case(case.id, case.case_type);
    }
    if let Some(r) = in_reply_to {
        b = b.in_reply_to(r);
    }
    if let Some(t) = opt_instant(expires_at, "expires_at")? {
        b = b.expires_at(t);
    }
    if let Some(id) = id {
        b = b.id(id);
    }
    if let Some(v) = schema_version {
        b = b.schema_version(v);
    }
    let clock = clock_at(at, "at")?;
    let doc = b
        .build_checked(clock.as_ref(), &labourlink::envelope::is_known_type)
        .py_err(py)?;
    to_py(py, &doc.to_value())
}

/// Signs a document (a dict) with one key or a list of keys and returns the JWS text (JSON
/// serialization, general syntax). The payload is the document's RFC 8785 canonical form.
#[pyfunction]
pub(crate) fn sign(
    py: Python<'_>,
    document: &Bound<'_, PyAny>,
    keys: &Bound<'_, PyAny>,
) -> PyResult<String> {
    let value = to_value(document, Numbers::Document)?;
    let keys: Vec<Bound<'_, PySigningKey>> = if let Ok(k) = keys.cast::<PySigningKey>() {
        vec![k.clone()]
    } else if keys.is_instance_of::<pyo3::types::PyString>() {
        return Err(PyTypeError::new_err(
            "keys must be a SigningKey or a list of SigningKeys",
        ));
    } else {
        keys.try_iter()
            .map_err(|_| {
                PyTypeError::new_err("keys must be a SigningKey or a list of SigningKeys")
            })?
            .map(|k| {
                k?.cast_into::<PySigningKey>().map_err(|_| {
                    PyTypeError::new_err("keys must be a SigningKey or a list of SigningKeys")
                })
            })
            .collect::<PyResult<_>>()?
    };
    let signers: Vec<&dyn Signer> = keys.iter().map(|k| &k.get().inner as &dyn Signer).collect();
    py.detach(|| labourlink::sign(&value, &signers)).py_err(py)
}

/// The RFC 8785 (JCS) canonical form, as bytes, of a JSON text (``str`` as UTF-8, ``bytes``,
/// ``bytearray``; parsed strictly) or of a Python value (dict, list, str in a container, int,
/// float, bool, None).
#[pyfunction]
pub(crate) fn canonicalize<'py>(
    py: Python<'py>,
    data: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyBytes>> {
    let out = if is_text(data) {
        let input = input_bytes(data)?;
        py.detach(|| labourlink::canonical::canonicalize(&input))
            .py_err(py)?
    } else {
        labourlink::canonical::to_vec(&to_value(data, Numbers::Any)?)
    };
    Ok(PyBytes::new(py, &out))
}

/// Parses JSON text with the core's strict parser (duplicate names, lone surrogates, NaN and
/// everything else on which parsers disagree are errors). ``integers_only=True`` (the default)
/// is the mode for documents: fractions, exponents and integers beyond ±(2^53−1) are refused.
#[pyfunction]
#[pyo3(signature = (data, *, integers_only = true))]
pub(crate) fn parse_json<'py>(
    py: Python<'py>,
    data: &Bound<'py, PyAny>,
    integers_only: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let input = input_bytes(data)?;
    let numbers = if integers_only {
        json::Numbers::IntegersOnly
    } else {
        json::Numbers::Any
    };
    let value = json::parse(&input, Limits::default(), numbers).py_err(py)?;
    to_py(py, &value)
}
