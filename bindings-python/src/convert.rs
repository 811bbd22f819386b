//! Conversions between Python objects and the core's types: JSON values (by walking the objects,
//! never through Python's `json` module), instants, durations and byte inputs.

use labourlink::ErrorCode;
use labourlink::error::escape_pointer_token;
use labourlink::json::DEFAULT_MAX_DEPTH;
use labourlink::time::{DateOnly, Timestamp};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{
    PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyInt, PyList, PyMapping, PyString, PyTuple,
    PyType,
};
use serde_json::{Map, Number, Value};

use crate::errors::{IntoPyResult as _, coded, coded_at};

/// How Python numbers become JSON numbers.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Numbers {
    /// Documents: integers must fit 64 bits (the core then checks ±(2^53−1)); floats are handed
    /// to the core as they are, which refuses fractions (`json.not_integer`).
    Document,
    /// `canonicalize(obj)`: any finite number; integers beyond 64 bits become the nearest double,
    /// as the core does for every integer beyond 2^53.
    Any,
}

/// Converts a Python object (dict, list, tuple, str, int, float, bool, None) to a JSON value.
///
/// Problems that have a core error code raise it with the JSON pointer of the place:
/// `json.lone_surrogate` (a str that has no UTF-8 form), `json.integer_out_of_range` (an int
/// beyond 64 bits in a document), `json.number_out_of_range` (NaN, ±inf), `json.too_deep`
/// (deeper than the core's default limit of 32 nested containers, which also stops cycles).
/// Other types and non-str dict keys raise `TypeError`.
pub(crate) fn to_value(obj: &Bound<'_, PyAny>, numbers: Numbers) -> PyResult<Value> {
    to_value_at(obj, numbers, "", 0)
}

/// As [`to_value`] for a value that sits at `pointer` (depth `depth`) inside a document, so that
/// error paths and the depth limit are those of the whole document.
pub(crate) fn to_value_at(
    obj: &Bound<'_, PyAny>,
    numbers: Numbers,
    pointer: &str,
    depth: usize,
) -> PyResult<Value> {
    let mut path = pointer.to_owned();
    walk(obj, numbers, depth, &mut path)
}

fn walk(
    obj: &Bound<'_, PyAny>,
    numbers: Numbers,
    depth: usize,
    path: &mut String,
) -> PyResult<Value> {
    let py = obj.py();
    if let Ok(s) = obj.cast::<PyString>() {
        return match s.to_cow() {
            Ok(s) => Ok(Value::String(s.into_owned())),
            Err(_) => Err(coded_at(
                py,
                ErrorCode::JsonLoneSurrogate,
                "str contains a lone surrogate and has no UTF-8 encoding",
                path,
            )),
        };
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        enter(py, depth, path)?;
        let mut map = Map::new();
        for (k, v) in d.iter() {
            let Ok(key) = k.cast::<PyString>() else {
                return Err(PyTypeError::new_err(format!(
                    "JSON object keys must be str, not {} (at {})",
                    k.get_type().name()?,
                    shown(path)
                )));
            };
            let Ok(key) = key.to_cow() else {
                return Err(coded_at(
                    py,
                    ErrorCode::JsonLoneSurrogate,
                    "a key contains a lone surrogate and has no UTF-8 encoding",
                    path,
                ));
            };
            let len = path.len();
            path.push('/');
            path.push_str(&escape_pointer_token(&key));
            let value = walk(&v, numbers, depth + 1, path)?;
            path.truncate(len);
            map.insert(key.into_owned(), value);
        }
        return Ok(Value::Object(map));
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        enter(py, depth, path)?;
        let mut items = Vec::with_capacity(obj.len()?);
        for (i, v) in obj.try_iter()?.enumerate() {
            let len = path.len();
            path.push('/');
            path.push_str(&i.to_string());
            items.push(walk(&v?, numbers, depth + 1, path)?);
            path.truncate(len);
        }
        return Ok(Value::Array(items));
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.is_instance_of::<PyInt>() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Value::Number(i.into()));
        }
        if let Ok(u) = obj.extract::<u64>() {
            return Ok(Value::Number(u.into()));
        }
        return match numbers {
            Numbers::Document => Err(coded_at(
                py,
                ErrorCode::JsonIntegerOutOfRange,
                "integer does not fit in 64 bits (documents allow ±(2^53−1))",
                path,
            )),
            Numbers::Any => match obj.call_method0("__float__") {
                Ok(f) => float(py, f.extract::<f64>()?, path),
                Err(_) => Err(coded_at(
                    py,
                    ErrorCode::JsonNumberOutOfRange,
                    "integer is too large for an IEEE 754 double",
                    path,
                )),
            },
        };
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return float(py, f.value(), path);
    }
    if obj.is_none() {
        return Ok(Value::Null);
    }
    // Any other `collections.abc.Mapping` (a MappingProxyType, a custom mapping: what the type
    // stubs' `Mapping` promise) is read as a dict of its items. Last: the ABC check is slow, and
    // no list, number, bool or None is a Mapping.
    if let Some(d) = as_dict(obj)? {
        return walk(d.as_any(), numbers, depth, path);
    }
    Err(PyTypeError::new_err(format!(
        "cannot convert {} to JSON (at {}); use dict, list, tuple, str, int, float, bool or None",
        obj.get_type().name()?,
        shown(path)
    )))
}

/// `obj` as a dict when it is a `collections.abc.Mapping`: a dict as it is, another mapping
/// copied into one (its items, in its order); `None` for anything else.
pub(crate) fn as_dict<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Option<Bound<'py, PyDict>>> {
    if let Ok(d) = obj.cast::<PyDict>() {
        return Ok(Some(d.clone()));
    }
    let Ok(m) = obj.cast::<PyMapping>() else {
        return Ok(None);
    };
    let d = PyDict::new(obj.py());
    d.update(m)?;
    Ok(Some(d))
}

/// [`as_dict`], or the `TypeError` "`what` must be a dict (or another Mapping), not …".
pub(crate) fn req_dict<'py>(obj: &Bound<'py, PyAny>, what: &str) -> PyResult<Bound<'py, PyDict>> {
    match as_dict(obj)? {
        Some(d) => Ok(d),
        None => Err(PyTypeError::new_err(format!(
            "{what} must be a dict (or another Mapping), not {}",
            obj.get_type().name()?
        ))),
    }
}

fn float(py: Python<'_>, f: f64, path: &str) -> PyResult<Value> {
    Number::from_f64(f).map(Value::Number).ok_or_else(|| {
        coded_at(
            py,
            ErrorCode::JsonNumberOutOfRange,
            format!("{f} has no JSON form (NaN and infinities are not JSON numbers)"),
            path,
        )
    })
}

/// The root container is depth 1, as in the core's parser: 32 levels pass, 33 do not.
fn enter(py: Python<'_>, depth: usize, path: &str) -> PyResult<()> {
    if depth >= DEFAULT_MAX_DEPTH {
        return Err(coded_at(
            py,
            ErrorCode::JsonTooDeep,
            format!("nesting is deeper than {DEFAULT_MAX_DEPTH} levels"),
            path,
        ));
    }
    Ok(())
}

fn shown(path: &str) -> &str {
    if path.is_empty() { "/" } else { path }
}

/// Converts serialisable core data (findings, violations) to Python objects through its serde
/// form, so the dicts carry the core's own member names.
pub(crate) fn ser_to_py<'py, T: serde::Serialize + ?Sized>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    let value = serde_json::to_value(value)
        .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.to_string()))?;
    to_py(py, &value)
}

/// Converts a JSON value to Python objects (dict, list, str, int, float, bool, None).
pub(crate) fn to_py<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any()
            }
        }
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for v in items {
                list.append(to_py(py, v)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, v) in map {
                dict.set_item(k, to_py(py, v)?)?;
            }
            dict.into_any()
        }
    })
}

/// Reads a `str` (as its UTF-8 bytes), `bytes` or `bytearray` argument.
pub(crate) fn input_bytes(data: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    if let Ok(s) = data.cast::<PyString>() {
        // A Python str can hold lone surrogates, which have no UTF-8 form.
        return match s.to_cow() {
            Ok(s) => Ok(s.into_owned().into_bytes()),
            Err(_) => Err(coded(
                data.py(),
                ErrorCode::JsonInvalidUtf8,
                "str contains a lone surrogate and has no UTF-8 encoding",
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

/// Whether `data` is a JSON text (str, bytes, bytearray) rather than a Python object.
pub(crate) fn is_text(data: &Bound<'_, PyAny>) -> bool {
    data.is_instance_of::<PyString>()
        || data.is_instance_of::<PyBytes>()
        || data.is_instance_of::<PyByteArray>()
}

struct DateTimeTypes {
    datetime: Py<PyType>,
    utc: Py<PyAny>,
}

static DATETIME: PyOnceLock<DateTimeTypes> = PyOnceLock::new();

fn datetime_types(py: Python<'_>) -> PyResult<&DateTimeTypes> {
    DATETIME.get_or_try_init(py, || {
        let m = py.import("datetime")?;
        Ok(DateTimeTypes {
            datetime: m.getattr("datetime")?.cast_into::<PyType>()?.unbind(),
            utc: m.getattr("timezone")?.getattr("utc")?.unbind(),
        })
    })
}

/// An instant: an RFC 3339 string (`2026-11-27T08:00:00Z`, or with an offset such as
/// `+08:00`, normalised to UTC as the CLI does; parsed by the core) or a timezone-aware
/// `datetime` (converted to UTC). Naive datetimes are refused (`input.invalid`):
/// their instant is unknown.
pub(crate) fn instant(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Timestamp> {
    let py = obj.py();
    if let Ok(s) = obj.cast::<PyString>() {
        return Timestamp::parse_typed(&s.to_cow()?, DateOnly::Refused).py_err(py);
    }
    let types = datetime_types(py)?;
    if obj.is_instance(types.datetime.bind(py))? {
        if obj.call_method0("utcoffset")?.is_none() {
            return Err(coded(
                py,
                ErrorCode::InputInvalid,
                format!(
                    "{what}: a naive datetime (no tzinfo) names no instant; use a timezone-aware \
                     datetime such as datetime(2026, 11, 27, 8, tzinfo=timezone.utc) or an RFC 3339 \
                     string such as '2026-11-27T08:00:00Z'"
                ),
            ));
        }
        let utc = obj.call_method1("astimezone", (types.utc.bind(py),))?;
        let part = |name: &str| -> PyResult<i64> { utc.getattr(name)?.extract::<i64>() };
        let text = format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z",
            part("year")?,
            part("month")?,
            part("day")?,
            part("hour")?,
            part("minute")?,
            part("second")?,
            part("microsecond")?
        );
        return Timestamp::parse(&text).py_err(py);
    }
    Err(PyTypeError::new_err(format!(
        "{what} must be an RFC 3339 string or a timezone-aware datetime, not {}",
        obj.get_type().name()?
    )))
}

/// An optional instant (`None` stays `None`).
pub(crate) fn opt_instant(
    obj: Option<&Bound<'_, PyAny>>,
    what: &str,
) -> PyResult<Option<Timestamp>> {
    match obj {
        None => Ok(None),
        Some(o) if o.is_none() => Ok(None),
        Some(o) => instant(o, what).map(Some),
    }
}

/// A Python-style quoted string for `__repr__`: `'text'`.
pub(crate) fn quoted(s: &str) -> String {
    format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"))
}

/// Emits a `DeprecationWarning` with `message`, pointing at the caller's line.
pub(crate) fn deprecated(py: Python<'_>, message: &str) -> PyResult<()> {
    let text = std::ffi::CString::new(message.replace('\0', " "))
        .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
    PyErr::warn(
        py,
        &py.get_type::<pyo3::exceptions::PyDeprecationWarning>(),
        &text,
        1,
    )
}
