//! `Outbox`, `fetch_trust_list` and `fetch_reference_data`: delivering messages to partners' inboxes over HTTP
//! (`labourlink_exchange`, docs/EXCHANGE.md) — for a county bureau's script. Every decision
//! (retries, give-up, receipt checks) is the Rust outbox's; this only translates.

use std::sync::Arc;

use labourlink::refdata::ReferenceData;
use labourlink::time::{Clock as _, SystemClock};
use labourlink::trust::{DEFAULT_GRACE_SECONDS, TrustList, TrustStore};
use labourlink_exchange::client::{self, Fetched};
use labourlink_exchange::outbox::{self, DeliveryPolicy, Outbox};
use labourlink_store::{OutboxQuery, OutboxState, Store};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyBytes;

use crate::convert::{input_bytes, to_py};
use crate::errors::IntoPyResult as _;
use crate::trust::{PyTrustList, anchors};

/// The durable outbox of a store (发件箱): messages are stored first, then delivered with
/// retries (exponential backoff, ``Retry-After`` honoured) until the addressee's inbox
/// answers with a signed receipt, which is verified against ``trust_list`` as the reply to
/// the message. What is not delivered now stays queued across restarts (``run_once`` later,
/// or a ``labourlink serve`` node on the same store).
///
/// ``Outbox(store, trust_list, *, give_up_after_hours=72, ca=None,
/// dangerous_unchecked_receipts=False)``: ``store`` is a ``sqlite:///…`` or
/// ``postgresql://…`` URL made by ``init_store``; ``trust_list`` is required: a message is
/// ``delivered`` only on a receipt signed by its addressee's key in it. Only
/// ``dangerous_unchecked_receipts=True`` (with ``trust_list=None``) delivers on receipts whose
/// signature is NOT checked, only their binding to the message. ``ca`` (PEM bytes) makes only
/// those root certificates trusted for the inboxes' TLS.
#[pyclass(name = "Outbox", module = "labourlink", frozen)]
pub(crate) struct PyOutbox {
    store: Arc<Store>,
    trust: Option<TrustList>,
    inner: Outbox,
}

fn item_dict<'py>(
    py: Python<'py>,
    item: &labourlink_store::OutboxItem,
) -> PyResult<Bound<'py, PyAny>> {
    let mut v = item.to_json();
    v["receipt"] = item
        .receipt
        .as_ref()
        .map(|r| String::from_utf8_lossy(r).into_owned())
        .into();
    to_py(py, &v)
}

#[pymethods]
impl PyOutbox {
    #[new]
    #[pyo3(signature = (
        store, trust_list = None, *, give_up_after_hours = 72, ca = None,
        dangerous_unchecked_receipts = false
    ))]
    fn new(
        py: Python<'_>,
        store: String,
        trust_list: Option<PyRef<'_, PyTrustList>>,
        give_up_after_hours: u64,
        ca: Option<&Bound<'_, PyAny>>,
        dangerous_unchecked_receipts: bool,
    ) -> PyResult<Self> {
        let trust = trust_list.map(|t| t.inner.clone());
        if trust.is_some() == dangerous_unchecked_receipts {
            return Err(PyTypeError::new_err(
                "Outbox: give trust_list (receipts are checked against it), or trust_list=None \
                 with dangerous_unchecked_receipts=True to deliver on unchecked receipts",
            ));
        }
        let store = Arc::new(py.detach(|| Store::open(&store)).py_err(py)?);
        let policy = DeliveryPolicy::default().give_up_after(
            outbox::give_up_hours("give_up_after_hours", give_up_after_hours).py_err(py)?,
        );
        let mut inner = match &trust {
            Some(l) => Outbox::new(
                Arc::clone(&store),
                Arc::new(TrustStore::new(
                    Vec::new(),
                    l.clone(),
                    DEFAULT_GRACE_SECONDS,
                )),
                policy,
            ),
            None => Outbox::dangerous_unchecked_receipts(Arc::clone(&store), policy),
        };
        if let Some(ca) = ca {
            inner = inner.with_roots(&input_bytes(ca)?).py_err(py)?;
        }
        Ok(Self {
            store,
            trust,
            inner,
        })
    }

    /// Queues a signed message (and archives it as sent), then delivers it: one attempt
    /// now, or with ``wait`` (seconds) until a receipt or the time is up. ``to`` is the
    /// inbox URL; by default the addressee's ``endpoint`` in the trust list. Returns the
    /// outbox entry as a dict: ``state`` (``pending``, ``delivered``, ``rejected``,
    /// ``undeliverable``), ``attempts``, ``last_error``, ``receipt`` (the JWS text), ….
    #[pyo3(signature = (message, *, to = None, wait = None))]
    fn send<'py>(
        &self,
        py: Python<'py>,
        message: &Bound<'py, PyAny>,
        to: Option<String>,
        wait: Option<f64>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let jws = input_bytes(message)?;
        let url =
            outbox::resolve_destination(&jws, to.as_deref(), self.trust.as_ref()).py_err(py)?;
        let wait = wait
            .map(|w| client::seconds_setting("wait", w, 0.0, 86_400.0))
            .transpose()
            .py_err(py)?;
        // While it waits, Ctrl-C (any pending signal) ends the wait and is raised: the
        // message stays queued in the store.
        let interrupted: std::sync::Mutex<Option<PyErr>> = std::sync::Mutex::new(None);
        let stop = || {
            Python::attach(|py| match py.check_signals() {
                Ok(()) => false,
                Err(e) => {
                    if let Ok(mut slot) = interrupted.lock() {
                        *slot = Some(e);
                    }
                    true
                }
            })
        };
        let item = py
            .detach(|| self.inner.send_until(&jws, &url, wait, &stop))
            .py_err(py)?;
        if let Some(e) = interrupted.lock().ok().and_then(|mut slot| slot.take()) {
            return Err(e);
        }
        item_dict(py, &item)
    }

    /// One pass over the due messages; returns ``{"attempted", "delivered", "rejected",
    /// "retrying", "undeliverable", "deferred"}`` (deferred: not attempted, their endpoint
    /// was found down earlier in the pass).
    fn run_once<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let r = py
            .detach(|| self.inner.run_once(SystemClock.now()))
            .py_err(py)?;
        to_py(
            py,
            &serde_json::json!({"attempted": r.attempted, "delivered": r.delivered,
                "rejected": r.rejected, "retrying": r.retrying, "undeliverable": r.undeliverable,
                "deferred": r.deferred}),
        )
    }

    /// The outbox entries (newest first), optionally only those in ``state``; no message
    /// bytes (the ``receipt`` is included).
    #[pyo3(signature = (state = None, limit = 50))]
    fn status<'py>(
        &self,
        py: Python<'py>,
        state: Option<String>,
        limit: u64,
    ) -> PyResult<Bound<'py, PyAny>> {
        let mut q = OutboxQuery::all().limit(limit);
        if let Some(s) = state {
            q = q.state(
                OutboxState::parse(&s)
                    .map_err(|_| {
                        labourlink::Error::new(
                            labourlink::ErrorCode::InputInvalid,
                            "state must be pending, delivered, rejected, undeliverable or dropped",
                        )
                    })
                    .py_err(py)?,
            );
        }
        let items = py.detach(|| self.store.outbox(&q)).py_err(py)?;
        let list = pyo3::types::PyList::empty(py);
        for i in &items {
            list.append(item_dict(py, i)?)?;
        }
        Ok(list.into_any())
    }

    /// The number of entries per state, every state listed.
    fn counts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let counts = py.detach(|| self.store.outbox_counts()).py_err(py)?;
        let m: serde_json::Map<String, serde_json::Value> = counts
            .into_iter()
            .map(|(s, n)| (s.as_str().to_owned(), n.into()))
            .collect();
        to_py(py, &serde_json::Value::Object(m))
    }

    /// Makes an undeliverable (or waiting) entry due now again, given up after
    /// ``give_up_after_hours`` from now; with ``to``, posted from now on to that inbox URL
    /// (it then no longer follows the trust list's endpoint).
    #[pyo3(signature = (seq, *, to = None, give_up_after_hours = 72))]
    fn retry(
        &self,
        py: Python<'_>,
        seq: i64,
        to: Option<String>,
        give_up_after_hours: u64,
    ) -> PyResult<()> {
        let now = SystemClock.now();
        outbox::give_up_hours("give_up_after_hours", give_up_after_hours).py_err(py)?;
        if let Some(u) = &to {
            labourlink::trust::check_inbox_url(u).py_err(py)?;
        }
        let hours = i64::try_from(give_up_after_hours).unwrap_or(i64::MAX / 3600);
        py.detach(|| {
            self.store.retry_outbound_at(
                seq,
                to.as_deref(),
                now,
                now.add_seconds(hours.saturating_mul(3600)),
            )
        })
        .py_err(py)
    }

    /// Never sends a pending or undeliverable entry (it stays listed as dropped).
    fn drop(&self, py: Python<'_>, seq: i64) -> PyResult<()> {
        py.detach(|| self.store.drop_outbound(seq, SystemClock.now()))
            .py_err(py)
    }
}

/// Fetches the signed trust list published at ``url`` (a node's ``/v1/trust-list``) and
/// verifies it against ``anchors``. With ``store`` the list last accepted there is sent as
/// ``If-None-Match`` and a rollback is refused (``trust_list.rollback``); the new list is
/// recorded. Returns the list's JWS bytes, or ``None`` when it is not modified. On a network
/// failure raises (``exchange.unreachable``): keep using the list you have.
#[pyfunction]
#[pyo3(signature = (url, *, anchors, store = None, timeout = 30.0))]
pub(crate) fn fetch_trust_list<'py>(
    py: Python<'py>,
    url: String,
    anchors: &Bound<'py, PyAny>,
    store: Option<String>,
    timeout: f64,
) -> PyResult<Option<Bound<'py, PyBytes>>> {
    let anchors = self::anchors(anchors)?;
    let got = py
        .detach(|| -> labourlink::Result<Option<Vec<u8>>> {
            let store = store.as_deref().map(Store::open).transpose()?;
            let current = match &store {
                Some(s) => {
                    s.trust_list_of(&anchors.iter().map(|a| a.kid.as_str()).collect::<Vec<_>>())?
                }
                None => None,
            };
            let t = client::seconds_setting("timeout", timeout, 0.1, 600.0)?;
            match client::fetch_trust_list(&url, current.as_ref().map(|c| c.digest.as_str()), t)? {
                Fetched::NotModified => Ok(None),
                Fetched::List { jws, .. } => {
                    let list =
                        TrustList::load(&jws, &anchors, &SystemClock, DEFAULT_GRACE_SECONDS)?;
                    if let Some(s) = &store {
                        s.accept_trust_list(&jws, &list, SystemClock.now())?;
                    }
                    Ok(Some(jws))
                }
            }
        })
        .py_err(py)?;
    Ok(got.map(|b| PyBytes::new(py, &b)))
}

/// Fetches signed reference data published at ``url`` (a node's ``/v1/reference-data``) and
/// verifies it against ``anchors``, as [`fetch_trust_list`] does for trust lists: with
/// ``store`` the document last accepted there is sent as ``If-None-Match``, a rollback is
/// refused (``reference_data.rollback``) and the new document is recorded. Returns its JWS
/// bytes (load them with ``ReferenceData.load``), or ``None`` when not modified.
#[pyfunction]
#[pyo3(signature = (url, *, anchors, store = None, timeout = 30.0))]
pub(crate) fn fetch_reference_data<'py>(
    py: Python<'py>,
    url: String,
    anchors: &Bound<'py, PyAny>,
    store: Option<String>,
    timeout: f64,
) -> PyResult<Option<Bound<'py, PyBytes>>> {
    let anchors = self::anchors(anchors)?;
    let got = py
        .detach(|| -> labourlink::Result<Option<Vec<u8>>> {
            let store = store.as_deref().map(Store::open).transpose()?;
            let current = match &store {
                Some(s) => s.reference_data_of(
                    &anchors.iter().map(|a| a.kid.as_str()).collect::<Vec<_>>(),
                )?,
                None => None,
            };
            let t = client::seconds_setting("timeout", timeout, 0.1, 600.0)?;
            let digest = current.as_ref().map(|c| c.digest.as_str());
            match client::fetch_reference_data(&url, digest, t)? {
                Fetched::NotModified => Ok(None),
                Fetched::List { jws, .. } => {
                    let data =
                        ReferenceData::load(&jws, &anchors, &SystemClock, DEFAULT_GRACE_SECONDS)?;
                    if let Some(s) = &store {
                        s.accept_reference_data(
                            &jws,
                            data.sequence,
                            data.digest().unwrap_or_default(),
                            SystemClock.now(),
                        )?;
                    }
                    Ok(Some(jws))
                }
            }
        })
        .py_err(py)?;
    Ok(got.map(|b| PyBytes::new(py, &b)))
}
