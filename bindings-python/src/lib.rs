//! `labourlink._native`: the compiled half of the Python package `labourlink`.
//!
//! Bindings translate, never decide (DESIGN §1): every function here converts Python values to
//! Rust, calls the core crate, and converts the result or the error back. Errors become the
//! exception classes of `labourlink.errors` through [`to_py_err`], the only place that maps them.

use labourlink::{Error, ErrorCode};
use pyo3::exceptions::{PyRuntimeError, PyTypeError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyString, PyTuple, PyType};

/// The Python module that defines the exception hierarchy.
const ERRORS_MODULE: &str = "labourlink.errors";

/// Exception classes of `labourlink.errors`, in the order of [`error_class_index`]'s results.
const ERROR_CLASSES: [&str; 11] = [
    "LabourlinkError",    // 0: input.*, internal.*, anything unknown
    "JsonError",          // 1: json.*
    "JwsError",           // 2: jws.*
    "KeyRejectedError",   // 3: key.rejected, key.invalid_format
    "KeyResolutionError", // 4: other key.* (unknown, expired, retired, revoked, ...)
    "SignatureError",     // 5: signature.*
    "EnvelopeError",      // 6: payload.*, envelope.*
    "TrustListError",     // 7: trust_list.*
    "SchemaError",        // 8: schema.*
    "RuleError",          // 9: rule.*
    "ReplayError",        // 10: replay.*
];

/// Which class of [`ERROR_CLASSES`] a dotted code maps to: by family (the part before the dot),
/// except that the `key` family splits into refused key material and key-resolution failures.
fn error_class_index(code: &str) -> usize {
    let family = code.split_once('.').map_or(code, |(f, _)| f);
    match family {
        "json" => 1,
        "jws" => 2,
        "key" if matches!(code, "key.rejected" | "key.invalid_format") => 3,
        "key" => 4,
        "signature" => 5,
        "payload" | "envelope" => 6,
        "trust_list" => 7,
        "schema" => 8,
        "rule" => 9,
        "replay" => 10,
        _ => 0,
    }
}

/// The exception classes, imported from `labourlink.errors` once per interpreter.
static CLASSES: PyOnceLock<Vec<Py<PyType>>> = PyOnceLock::new();

fn error_classes(py: Python<'_>) -> PyResult<&Vec<Py<PyType>>> {
    CLASSES.get_or_try_init(py, || {
        let module = py.import(ERRORS_MODULE)?;
        ERROR_CLASSES
            .iter()
            .map(|name| Ok(module.getattr(*name)?.cast_into::<PyType>()?.unbind()))
            .collect()
    })
}

/// Converts a core error into an instance of its `labourlink.errors` class, carrying `code`,
/// `message`, `message_zh`, `path` (None when there is none) and `violations` (tuple of dicts).
fn to_py_err(py: Python<'_>, err: &Error) -> PyErr {
    match build_exception(py, err) {
        Ok(exc) => PyErr::from_value(exc),
        // Only when `labourlink.errors` itself is broken or missing: say so, keeping the error.
        Err(import_err) => {
            let exc = PyRuntimeError::new_err(format!(
                "cannot raise {err}: {ERRORS_MODULE} is unusable ({import_err})"
            ));
            exc.set_cause(py, Some(import_err));
            exc
        }
    }
}

fn build_exception<'py>(py: Python<'py>, err: &Error) -> PyResult<Bound<'py, PyAny>> {
    let code = err.code().as_str();
    let class = error_classes(py)?[error_class_index(code)].bind(py);
    let violations = err
        .violations()
        .iter()
        .map(|v| {
            let d = PyDict::new(py);
            d.set_item("code", &v.code)?;
            d.set_item("path", &v.path)?;
            d.set_item("message", &v.message)?;
            d.set_item("message_zh", &v.message_zh)?;
            Ok(d)
        })
        .collect::<PyResult<Vec<_>>>()?;
    class.call1((
        code,
        err.message(),
        err.message_zh(),
        err.path(),
        PyTuple::new(py, violations)?,
    ))
}

/// Reads a `str` (as its UTF-8 bytes), `bytes` or `bytearray` argument.
fn input_bytes(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    if let Ok(s) = data.cast::<PyString>() {
        // A Python str can hold lone surrogates, which have no UTF-8 form.
        return match s.to_cow() {
            Ok(s) => Ok(s.into_owned().into_bytes()),
            Err(_) => Err(to_py_err(
                py,
                &Error::new(
                    ErrorCode::JsonInvalidUtf8,
                    "str contains a lone surrogate and has no UTF-8 encoding",
                ),
            )),
        };
    }
    if let Ok(b) = data.cast::<PyBytes>() {
        return Ok(b.as_bytes().to_vec());
    }
    if let Ok(b) = data.cast::<PyByteArray>() {
        return Ok(b.to_vec());
    }
    Err(PyTypeError::new_err(format!(
        "expected str, bytes or bytearray, got {}",
        data.get_type().name()?
    )))
}

/// The RFC 8785 (JCS) canonical form of a JSON text, as bytes.
#[pyfunction]
fn canonicalize<'py>(py: Python<'py>, data: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyBytes>> {
    let input = input_bytes(py, data)?;
    let out = py
        .detach(|| labourlink::canonical::canonicalize(&input))
        .map_err(|e| to_py_err(py, &e))?;
    Ok(PyBytes::new(py, &out))
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(canonicalize, m)?)?;
    Ok(())
}
