//! Core errors → the exception classes of `labourlink.errors`. [`to_py_err`] is the only place
//! that maps them (DESIGN §8, style.md "Error design").

use labourlink::{Error, ErrorCode, ErrorKind};
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyTuple, PyType};

use crate::convert::ser_to_py;

/// The Python module that defines the exception hierarchy.
const ERRORS_MODULE: &str = "labourlink.errors";

/// The exception class of a dotted code: the core decides ([`ErrorKind::of_code`]); this
/// binding only looks the class up by its name in `labourlink.errors`.
fn error_class_index(code: &str) -> usize {
    let kind = ErrorKind::of_code(code);
    ErrorKind::ALL.iter().position(|k| *k == kind).unwrap_or(0)
}

/// The exception classes, imported from `labourlink.errors` once per interpreter.
static CLASSES: PyOnceLock<Vec<Py<PyType>>> = PyOnceLock::new();

fn error_classes(py: Python<'_>) -> PyResult<&Vec<Py<PyType>>> {
    CLASSES.get_or_try_init(py, || {
        let module = py.import(ERRORS_MODULE)?;
        ErrorKind::ALL
            .iter()
            .map(|kind| {
                Ok(module
                    .getattr(kind.class_name())?
                    .cast_into::<PyType>()?
                    .unbind())
            })
            .collect()
    })
}

/// Converts a core error into an instance of its `labourlink.errors` class, carrying `code`,
/// `message`, `message_zh`, `path` (None when there is none) and `violations` (tuple of dicts).
pub(crate) fn to_py_err(py: Python<'_>, err: &Error) -> PyErr {
    match build_exception(py, err) {
        Ok(exc) => PyErr::from_value(exc),
        Err(import_err) => broken_errors_module(py, err, import_err),
    }
}

/// The exception *instance* for a core error, not raised (`verify_many` returns these).
pub(crate) fn to_py_exception<'py>(py: Python<'py>, err: &Error) -> Bound<'py, PyAny> {
    to_py_err(py, err).into_value(py).into_bound(py).into_any()
}

/// Only when `labourlink.errors` itself is broken or missing: say so, keeping the error.
fn broken_errors_module(py: Python<'_>, err: &Error, import_err: PyErr) -> PyErr {
    let exc = PyRuntimeError::new_err(format!(
        "cannot raise {err}: {ERRORS_MODULE} is unusable ({import_err})"
    ));
    exc.set_cause(py, Some(import_err));
    exc
}

fn build_exception<'py>(py: Python<'py>, err: &Error) -> PyResult<Bound<'py, PyAny>> {
    let code = err.code().as_str();
    let class = error_classes(py)?[error_class_index(code)].bind(py);
    let violations = err
        .violations()
        .iter()
        .map(|v| ser_to_py(py, v))
        .collect::<PyResult<Vec<_>>>()?;
    class.call1((
        code,
        err.message(),
        err.message_zh(),
        err.path(),
        PyTuple::new(py, violations)?,
    ))
}

/// Shorthand: a core-coded error raised for a value the binding cannot hand to the core (a lone
/// surrogate, an integer beyond 64 bits...), with the same code the core gives the same problem.
pub(crate) fn coded(py: Python<'_>, code: ErrorCode, message: impl Into<String>) -> PyErr {
    to_py_err(py, &Error::new(code, message))
}

/// As [`coded`], with a JSON pointer.
pub(crate) fn coded_at(
    py: Python<'_>,
    code: ErrorCode,
    message: impl Into<String>,
    path: &str,
) -> PyErr {
    to_py_err(py, &Error::new(code, message).at(path))
}

/// `Result<T, labourlink::Error>` → `PyResult<T>`.
pub(crate) trait IntoPyResult<T> {
    fn py_err(self, py: Python<'_>) -> PyResult<T>;
}

impl<T> IntoPyResult<T> for labourlink::Result<T> {
    fn py_err(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|e| to_py_err(py, &e))
    }
}

/// Every error code as `(code, stage, summary, summary_zh)`, in table order.
#[pyfunction]
pub(crate) fn error_codes() -> Vec<(&'static str, &'static str, &'static str, &'static str)> {
    ErrorCode::ALL
        .iter()
        .map(|c| (c.as_str(), c.stage(), c.summary(), c.summary_zh()))
        .collect()
}
