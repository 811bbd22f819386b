//! `ReferenceData`: signed reference data (参考数据) — the holiday calendar and GB/T 2260
//! changes the business rules use instead of the embedded tables. Verified like a trust list;
//! the rules live in the core (`labourlink::refdata`), this class only translates.

use labourlink::refdata::ReferenceData;
use labourlink::trust::DEFAULT_GRACE_SECONDS;
use pyo3::prelude::*;

use crate::convert::{Numbers, input_bytes, to_py, to_value};
use crate::errors::IntoPyResult as _;
use crate::keys::PySigningKey;
use crate::trust::{anchors, clock_at, issuer};

/// Signed reference data (参考数据): holiday calendar years and GB/T 2260 changes, issued by a
/// trust anchor. Give it to ``Verifier(..., reference_data=...)``; without it the embedded
/// data is used.
#[pyclass(frozen, module = "labourlink._native", name = "ReferenceData")]
#[derive(Clone)]
pub(crate) struct PyReferenceData {
    pub(crate) inner: ReferenceData,
}

#[pymethods]
impl PyReferenceData {
    /// Loads and verifies a signed document against pinned anchors (the trust-list anchors),
    /// exactly as a trust list: ``TrustListError`` with ``reference_data.*`` codes.
    #[staticmethod]
    #[pyo3(signature = (data, *, anchors, at = None, grace_seconds = DEFAULT_GRACE_SECONDS))]
    #[pyo3(text_signature = "(data, *, anchors, at=None, grace_seconds=604800)")]
    fn load(
        py: Python<'_>,
        data: &Bound<'_, PyAny>,
        anchors: &Bound<'_, PyAny>,
        at: Option<&Bound<'_, PyAny>>,
        grace_seconds: i64,
    ) -> PyResult<Self> {
        let bytes = input_bytes(data)?;
        let anchors = self::anchors(anchors)?;
        let clock = clock_at(at, "at")?;
        Ok(Self {
            inner: ReferenceData::load(&bytes, &anchors, clock.as_ref(), grace_seconds)
                .py_err(py)?,
        })
    }

    /// Reads an (unsigned) body ``{"sequence", "next_update", "calendar"?, "regions"?}``.
    #[staticmethod]
    fn from_body(py: Python<'_>, body: &Bound<'_, PyAny>) -> PyResult<Self> {
        let body = to_value(body, Numbers::Document)?;
        Ok(Self {
            inner: ReferenceData::from_body(&body).py_err(py)?,
        })
    }

    /// The body as a dict.
    fn to_body<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.to_body())
    }

    /// Signs the document with a trust anchor's key and returns the JWS text.
    #[pyo3(signature = (anchor_key, *, region, agency, name = None, at = None))]
    fn sign(
        &self,
        py: Python<'_>,
        anchor_key: PyRef<'_, PySigningKey>,
        region: String,
        agency: String,
        name: Option<String>,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<String> {
        let clock = clock_at(at, "at")?;
        self.inner
            .sign(
                &anchor_key.inner,
                issuer(region, agency, name),
                clock.as_ref(),
            )
            .py_err(py)
    }

    /// Raises ``TrustListError`` (``reference_data.stale``) past ``next_update`` plus the
    /// grace period at ``at`` (default: now).
    #[pyo3(signature = (at = None, grace_seconds = DEFAULT_GRACE_SECONDS))]
    #[pyo3(text_signature = "($self, at=None, grace_seconds=604800)")]
    fn check_fresh(
        &self,
        py: Python<'_>,
        at: Option<&Bound<'_, PyAny>>,
        grace_seconds: i64,
    ) -> PyResult<()> {
        let clock = clock_at(at, "at")?;
        self.inner
            .check_fresh(clock.now(), grace_seconds)
            .py_err(py)
    }

    /// Raises ``TrustListError`` (``reference_data.rollback``) when this document does not
    /// move forward from the highest accepted one: a lower ``sequence``, or the same with
    /// another ``digest`` (persisted by the caller).
    #[pyo3(signature = (sequence, digest = None))]
    fn check_not_rollback(
        &self,
        py: Python<'_>,
        sequence: u64,
        digest: Option<String>,
    ) -> PyResult<()> {
        self.inner
            .check_not_rollback(Some((sequence, digest.as_deref())))
            .py_err(py)
    }

    /// Whether ``year`` follows an official schedule in this data's calendar.
    fn is_confirmed(&self, year: i32) -> bool {
        self.inner.calendar().is_confirmed(year)
    }

    /// The ``n``-th working day after ``date`` (``YYYY-MM-DD`` or a ``datetime.date``) on
    /// this data's calendar.
    fn add_working_days(&self, date: &Bound<'_, PyAny>, n: u32) -> PyResult<Option<String>> {
        let day = crate::rules::date(date, "date")?;
        Ok(self
            .inner
            .calendar()
            .add_working_days(day, n)
            .map(|d| d.to_string()))
    }

    /// Whether ``code`` is in this data's current GB/T 2260 list.
    fn is_current_region(&self, code: &str) -> bool {
        self.inner.regions().is_current(code)
    }

    /// The strictly increasing sequence number.
    #[getter]
    fn sequence(&self) -> u64 {
        self.inner.sequence
    }

    /// When the issuer promises the next document (RFC 3339).
    #[getter]
    fn next_update(&self) -> String {
        self.inner.next_update.to_string()
    }

    /// The payload digest of the signed document it was loaded from (``None`` from a body).
    #[getter]
    fn digest(&self) -> Option<String> {
        self.inner.digest().map(str::to_owned)
    }

    fn __repr__(&self) -> String {
        format!("ReferenceData(sequence={})", self.inner.sequence)
    }
}
