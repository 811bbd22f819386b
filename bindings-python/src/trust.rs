//! `TrustList`: the signed list of partner keys a verifier accepts.

use labourlink::envelope::Party;
use labourlink::time::{Clock, FixedClock, SystemClock};
use labourlink::trust::{Anchor, DEFAULT_GRACE_SECONDS, KeyRecord, TrustList};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyTuple};
use serde_json::Value;

use crate::convert::{
    Numbers, as_dict, input_bytes, instant, opt_instant, quoted, to_py, to_value,
};
use crate::errors::IntoPyResult as _;
use crate::keys::{PySigningKey, PyVerifyingKey};
use crate::rules::findings_list;

/// The clock for an optional `at=` argument: a fixed instant, or the system clock.
pub(crate) fn clock_at(at: Option<&Bound<'_, PyAny>>, what: &str) -> PyResult<Box<dyn Clock>> {
    Ok(match opt_instant(at, what)? {
        Some(t) => Box::new(FixedClock(t)),
        None => Box::new(SystemClock),
    })
}

/// Reads the pinned trust anchors: `VerifyingKey`s with a kid, `(kid, VerifyingKey)` pairs, or
/// public JWK dicts with a `kid` member.
pub(crate) fn anchors(list: &Bound<'_, PyAny>) -> PyResult<Vec<Anchor>> {
    let py = list.py();
    let mut out = Vec::new();
    for item in list.try_iter()? {
        let item = item?;
        if let Ok(k) = item.cast::<PyVerifyingKey>() {
            out.push(k.get().anchor(py)?);
        } else if let Ok(t) = item.cast::<PyTuple>() {
            let (kid, key): (String, PyRef<'_, PyVerifyingKey>) = t.extract()?;
            out.push(Anchor::new(kid, key.inner.clone()));
        } else if let Some(d) = as_dict(&item)? {
            let jwk = to_value(d.as_any(), Numbers::Document)?;
            out.push(Anchor::from_jwk(&jwk).py_err(py)?);
        } else {
            return Err(PyTypeError::new_err(format!(
                "an anchor is a VerifyingKey with a kid, a (kid, VerifyingKey) pair or a JWK dict \
                 with 'kid', not {}",
                item.get_type().name()?
            )));
        }
    }
    Ok(out)
}

/// A trust list (信任列表): sequence, next update and the partner key records.
#[pyclass(module = "labourlink._native", name = "TrustList")]
#[derive(Clone)]
pub(crate) struct PyTrustList {
    pub(crate) inner: TrustList,
}

impl PyTrustList {
    fn records<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let body = self.inner.to_body();
        to_py(py, body.get("keys").unwrap_or(&Value::Null))
    }
}

#[pymethods]
impl PyTrustList {
    /// An empty list: ``TrustList(1, "2027-01-01T00:00:00Z")``.
    #[new]
    fn new(sequence: u64, next_update: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(Self {
            inner: TrustList::new(sequence, instant(next_update, "next_update")?),
        })
    }

    /// Adds an active key record; ``endpoint`` is the party's inbox URL (trust-list schema
    /// 1.1), where senders deliver its messages.
    #[pyo3(signature = (*, kid, region, agency, key, valid_from, valid_until = None, message_types, endpoint = None))]
    #[allow(clippy::too_many_arguments)]
    fn add_key(
        &mut self,
        py: Python<'_>,
        kid: String,
        region: String,
        agency: String,
        key: PyRef<'_, PyVerifyingKey>,
        valid_from: &Bound<'_, PyAny>,
        valid_until: Option<&Bound<'_, PyAny>>,
        message_types: Vec<String>,
        endpoint: Option<String>,
    ) -> PyResult<()> {
        let mut record = KeyRecord::new(
            kid,
            region,
            agency,
            key.inner.clone(),
            instant(valid_from, "valid_from")?,
            opt_instant(valid_until, "valid_until")?,
            message_types,
        );
        if let Some(url) = endpoint {
            record = record.with_endpoint(url).py_err(py)?;
        }
        self.inner.add_key(record).py_err(py)
    }

    /// Retires a key: messages issued before ``since`` stay valid.
    fn retire(&mut self, py: Python<'_>, kid: String, since: &Bound<'_, PyAny>) -> PyResult<()> {
        let since = instant(since, "since")?;
        self.inner.retire(&kid, since).py_err(py)
    }

    /// Revokes a key: nothing it signed verifies any more.
    fn revoke(&mut self, py: Python<'_>, kid: String, since: &Bound<'_, PyAny>) -> PyResult<()> {
        let since = instant(since, "since")?;
        self.inner.revoke(&kid, since).py_err(py)
    }

    /// Signs the list with a trust anchor's key and returns the JWS text.
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

    /// Loads and verifies a signed trust list against pinned anchors.
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
            inner: TrustList::load(&bytes, &anchors, clock.as_ref(), grace_seconds).py_err(py)?,
        })
    }

    /// Reads an (unsigned) trust-list body ``{"sequence", "next_update", "keys"}``.
    #[staticmethod]
    fn from_body(py: Python<'_>, body: &Bound<'_, PyAny>) -> PyResult<Self> {
        let body = to_value(body, Numbers::Document)?;
        Ok(Self {
            inner: TrustList::from_body(&body).py_err(py)?,
        })
    }

    /// The body ``{"sequence", "next_update", "keys"}`` as a dict.
    fn to_body<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.to_body())
    }

    /// Raises ``TrustListError`` (``trust_list.stale``) when the list is past ``next_update`` plus
    /// the grace period at ``at`` (default: now).
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

    /// Raises ``TrustListError`` (``trust_list.rollback``) when the list's sequence is below
    /// ``min_sequence``: the highest sequence accepted before (persisted by the caller), so that
    /// an older list in which a since-revoked key is still active cannot be replayed.
    fn check_min_sequence(&self, py: Python<'_>, min_sequence: u64) -> PyResult<()> {
        self.inner.check_min_sequence(min_sequence).py_err(py)
    }

    /// Raises ``TrustListError`` when ``newer`` may not follow this list, as a node checks a
    /// newer list before taking it: a key id bound to another key or party
    /// (``trust_list.key_rebound``), or a key this list revoked that ``newer`` lists otherwise
    /// or leaves out (``trust_list.revocation_undone``). A publisher calls it before signing
    /// the next list; the sequence is :meth:`check_min_sequence`'s check.
    fn check_successor(&self, py: Python<'_>, newer: PyRef<'_, PyTrustList>) -> PyResult<()> {
        self.inner.check_successor(&newer.inner).py_err(py)
    }

    /// Hygiene findings (code ``trust_list.invalid``, severity ``error`` or ``warning``) that
    /// loading would not refuse: an anchor's key listed as a partner key, identifiers that are
    /// not plain ASCII, one agency code in two regions, keys valid for more than five years,
    /// ``*`` for a partner key. ``anchors`` as for :meth:`load`.
    #[pyo3(signature = (anchors = None))]
    fn lint<'py>(
        &self,
        py: Python<'py>,
        anchors: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let anchors = match anchors {
            Some(a) if !a.is_none() => self::anchors(a)?,
            _ => Vec::new(),
        };
        findings_list(py, &self.inner.lint(&anchors))
    }

    /// The key record with this kid as a dict, or ``None``.
    fn key<'py>(&self, py: Python<'py>, kid: String) -> PyResult<Option<Bound<'py, PyAny>>> {
        if self.inner.key(&kid).is_none() {
            return Ok(None);
        }
        for record in self.records(py)?.cast_into::<PyList>()?.iter() {
            if record.get_item("kid")?.extract::<String>()? == kid {
                return Ok(Some(record));
            }
        }
        Ok(None)
    }

    /// The strictly increasing sequence number.
    #[getter]
    fn sequence(&self) -> u64 {
        self.inner.sequence
    }

    /// When the issuer promises the next list (RFC 3339).
    #[getter]
    fn next_update(&self) -> String {
        self.inner.next_update.to_string()
    }

    /// The digest of the signed list this was loaded from (``None`` when built in memory).
    #[getter]
    fn digest(&self) -> Option<&str> {
        self.inner.digest()
    }

    /// The key records as dicts, in list order.
    #[getter]
    fn keys<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.records(py)
    }

    fn __len__(&self) -> usize {
        self.inner.keys().len()
    }

    fn __contains__(&self, kid: &Bound<'_, PyAny>) -> bool {
        kid.extract::<String>()
            .is_ok_and(|k| self.inner.key(&k).is_some())
    }

    fn __copy__(&self) -> Self {
        self.clone()
    }

    fn __repr__(&self) -> String {
        format!(
            "TrustList(sequence={}, next_update={}, keys=[{}])",
            self.inner.sequence,
            quoted(&self.inner.next_update.to_string()),
            self.inner
                .keys()
                .iter()
                .map(|k| quoted(&k.kid))
                .collect::<Vec<_>>()
                .join(", ")
        )
    }
}

/// The issuer of an anchor-signed document (a trust list, reference data): region, agency and
/// an optional name.
pub(crate) fn issuer(region: String, agency: String, name: Option<String>) -> Party {
    let issuer = Party::new(region, agency);
    match name {
        Some(name) => issuer.named(name),
        None => issuer,
    }
}
