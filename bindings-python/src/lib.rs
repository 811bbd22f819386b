//! `labourlink._native`: the compiled half of the Python package `labourlink`.
//!
//! Bindings translate, never decide (DESIGN §1): every function here converts Python values to
//! Rust, calls the core crate, and converts the result or the error back. Errors become the
//! exception classes of `labourlink.errors` through `errors::to_py_err`, the only place that
//! maps them.
//!
//! | module | what |
//! |---|---|
//! | `errors` | core errors → `labourlink.errors` classes; the error-code table |
//! | `convert` | Python objects ↔ JSON values (walked in Rust), instants, byte inputs |
//! | `keys` | `SigningKey`, `VerifyingKey` |
//! | `trust` | `TrustList` |
//! | `refdata` | `ReferenceData` |
//! | `verify` | `Verifier`, `Verified` |
//! | `document` | `document`, `sign`, `canonicalize`, `parse_json` |
//! | `rules` | `validate`, identifier checks, `validate_body`, `example` |
//! | `exchange` | `Outbox`, `fetch_trust_list`, `fetch_reference_data` (HTTP, the client half) |

use pyo3::prelude::*;

mod convert;
mod document;
mod errors;
mod exchange;
mod keys;
mod refdata;
mod rules;
mod trust;
mod verify;

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add(
        "DEFAULT_GRACE_SECONDS",
        labourlink::trust::DEFAULT_GRACE_SECONDS,
    )?;
    m.add(
        "DEFAULT_LEEWAY_SECONDS",
        labourlink::verify::DEFAULT_LEEWAY_SECONDS,
    )?;
    m.add(
        "MESSAGE_TYPES",
        pyo3::types::PyTuple::new(m.py(), labourlink::envelope::MESSAGE_TYPES)?,
    )?;
    m.add_class::<keys::PySigningKey>()?;
    m.add_class::<keys::PyVerifyingKey>()?;
    m.add_class::<trust::PyTrustList>()?;
    m.add_class::<refdata::PyReferenceData>()?;
    m.add_class::<verify::PyVerifier>()?;
    m.add_class::<verify::PyVerified>()?;
    m.add_class::<verify::PyReplayGuard>()?;
    m.add_class::<exchange::PyOutbox>()?;
    m.add_function(wrap_pyfunction!(exchange::fetch_trust_list, m)?)?;
    m.add_function(wrap_pyfunction!(exchange::fetch_reference_data, m)?)?;
    m.add_function(wrap_pyfunction!(document::document, m)?)?;
    m.add_function(wrap_pyfunction!(document::sign, m)?)?;
    m.add_function(wrap_pyfunction!(document::canonicalize, m)?)?;
    m.add_function(wrap_pyfunction!(document::parse_json, m)?)?;
    m.add_function(wrap_pyfunction!(errors::error_codes, m)?)?;
    m.add_function(wrap_pyfunction!(verify::init_store, m)?)?;
    m.add_function(wrap_pyfunction!(rules::validate, m)?)?;
    m.add_function(wrap_pyfunction!(rules::validate_body, m)?)?;
    m.add_function(wrap_pyfunction!(rules::example, m)?)?;
    m.add_function(wrap_pyfunction!(rules::check_citizen_id, m)?)?;
    m.add_function(wrap_pyfunction!(rules::check_uscc, m)?)?;
    m.add_function(wrap_pyfunction!(rules::check_region_code, m)?)?;
    m.add_function(wrap_pyfunction!(rules::parse_citizen_id, m)?)?;
    m.add_function(wrap_pyfunction!(rules::parse_uscc, m)?)?;
    m.add_function(wrap_pyfunction!(rules::region_name, m)?)?;
    m.add_function(wrap_pyfunction!(rules::code_name, m)?)?;
    m.add_function(wrap_pyfunction!(rules::convert_15_to_18, m)?)?;
    Ok(())
}
