//! `Verifier` and `Verified`.

use std::borrow::Cow;
use std::sync::Arc;

use labourlink::envelope::Document;
use labourlink::json::{DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, Limits};
use labourlink::keys::Algorithm;
use labourlink::rules::stage::RulesStage;
use labourlink::schema::SchemaStage;
use labourlink::time::{Clock, FixedClock, SystemClock};
use labourlink::trust::{DEFAULT_GRACE_SECONDS, TrustStore};
use labourlink::verify::{
    DEFAULT_LEEWAY_SECONDS, InMemoryReplayGuard, ReplayGuard as _, Verified, Verifier,
};
use labourlink::{Error, Violation};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyList};

use crate::convert::{Numbers, input_bytes, instant, quoted, to_py, to_value};
use crate::errors::{IntoPyResult as _, to_py_exception};
use crate::trust::{PyTrustList, anchors, clock_at};

/// An in-memory replay guard: remembers the ids and digests of accepted messages, with expiry
/// and a size bound. Pass one to several verifiers to share it.
#[pyclass(frozen, module = "labourlink._native", name = "ReplayGuard")]
pub(crate) struct PyReplayGuard {
    inner: Arc<InMemoryReplayGuard>,
}

#[pymethods]
impl PyReplayGuard {
    #[new]
    #[pyo3(signature = (capacity = InMemoryReplayGuard::DEFAULT_CAPACITY))]
    #[pyo3(text_signature = "(capacity=1000000)")]
    fn new(capacity: usize) -> Self {
        Self {
            inner: Arc::new(InMemoryReplayGuard::new(capacity)),
        }
    }

    /// Records that the message ``id`` with ``digest`` was accepted at ``now`` (kept until
    /// ``keep_until``); raises ``ReplayError`` when the id is already recorded.
    #[pyo3(signature = (id, digest, *, now, keep_until))]
    fn check_and_record(
        &self,
        py: Python<'_>,
        id: String,
        digest: String,
        now: &Bound<'_, PyAny>,
        keep_until: &Bound<'_, PyAny>,
    ) -> PyResult<()> {
        let now = instant(now, "now")?;
        let keep_until = instant(keep_until, "keep_until")?;
        self.inner
            .check_and_record(&id, &digest, now, keep_until)
            .py_err(py)
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    fn __repr__(&self) -> String {
        format!("ReplayGuard(entries={})", self.inner.len())
    }
}

/// Where the verifier's "now" comes from.
enum ClockSource {
    System,
    Fixed(FixedClock),
    /// A Python callable returning an instant, called once per `verify` / `verify_many` call.
    Callable(Py<PyAny>),
}

/// The builder settings, kept so that a verifier can be rebuilt around a per-call instant.
struct Settings {
    store: Arc<TrustStore>,
    region: String,
    leeway: i64,
    max_age: Option<i64>,
    algorithms: Option<Vec<Algorithm>>,
    allow_eddsa_alias: bool,
    grace: i64,
    replay: Option<Arc<InMemoryReplayGuard>>,
    required_signers: usize,
    schema: bool,
    rules: bool,
    limits: Limits,
    any_audience: bool,
}

impl Settings {
    fn build(&self, clock: Arc<dyn Clock>) -> labourlink::Result<Verifier> {
        let mut b = Verifier::builder()
            .trust_store(Arc::clone(&self.store))
            .region(self.region.clone())
            .shared_clock(clock)
            .leeway_seconds(self.leeway)
            .max_age_seconds(self.max_age)
            .allow_eddsa_alias(self.allow_eddsa_alias)
            .stale_grace_seconds(self.grace)
            .required_signers(self.required_signers)
            .limits(self.limits);
        if let Some(algs) = &self.algorithms {
            b = b.algorithms(algs);
        }
        if let Some(guard) = &self.replay {
            b = b.replay_guard(Arc::clone(guard) as _);
        }
        if self.schema {
            b = b.schema_stage(Arc::new(SchemaStage));
        }
        if self.rules {
            b = b.rules_stage(Arc::new(RulesStage::default()));
        }
        if self.any_audience {
            b = b.dangerous().accept_any_audience().done();
        }
        b.build()
    }
}

fn violation_dict<'py>(py: Python<'py>, v: &Violation) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("code", &v.code)?;
    d.set_item("path", &v.path)?;
    d.set_item("message", &v.message)?;
    d.set_item("message_zh", &v.message_zh)?;
    Ok(d)
}

/// Verifies signed messages against a trust list. Thread-safe; ``verify`` and ``verify_many``
/// release the GIL.
#[pyclass(frozen, module = "labourlink._native", name = "Verifier")]
pub(crate) struct PyVerifier {
    settings: Settings,
    clock: ClockSource,
    /// Built once unless the clock is a callable.
    prebuilt: Verifier,
}

impl PyVerifier {
    /// The verifier to use for one call: the prebuilt one, or one around the callable's instant.
    fn current(&self, py: Python<'_>) -> PyResult<Cow<'_, Verifier>> {
        match &self.clock {
            ClockSource::Callable(f) => {
                let now = instant(&f.bind(py).call0()?, "the value returned by clock()")?;
                let v = self.settings.build(Arc::new(FixedClock(now))).py_err(py)?;
                Ok(Cow::Owned(v))
            }
            ClockSource::System | ClockSource::Fixed(_) => Ok(Cow::Borrowed(&self.prebuilt)),
        }
    }
}

#[pymethods]
impl PyVerifier {
    #[new]
    #[pyo3(signature = (
        trust_list, *, region, anchors = None, clock = None, leeway = DEFAULT_LEEWAY_SECONDS,
        max_age = None, algorithms = None, allow_eddsa_alias = false, replay_guard = None,
        required_signers = 1, grace_seconds = DEFAULT_GRACE_SECONDS, schema = false, rules = false,
        max_bytes = DEFAULT_MAX_BYTES, max_depth = DEFAULT_MAX_DEPTH,
        dangerous_accept_any_audience = false
    ))]
    #[pyo3(
        text_signature = "(trust_list, *, region, anchors=None, clock=None, leeway=300, \
        max_age=None, algorithms=None, allow_eddsa_alias=False, replay_guard=False, \
        required_signers=1, grace_seconds=604800, schema=False, rules=False, max_bytes=1048576, max_depth=32, \
        dangerous_accept_any_audience=False)"
    )]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        trust_list: PyRef<'_, PyTrustList>,
        region: String,
        anchors: Option<&Bound<'_, PyAny>>,
        clock: Option<&Bound<'_, PyAny>>,
        leeway: i64,
        max_age: Option<i64>,
        algorithms: Option<Vec<String>>,
        allow_eddsa_alias: bool,
        replay_guard: Option<&Bound<'_, PyAny>>,
        required_signers: usize,
        grace_seconds: i64,
        schema: bool,
        rules: bool,
        max_bytes: usize,
        max_depth: usize,
        dangerous_accept_any_audience: bool,
    ) -> PyResult<Self> {
        let replay = match replay_guard {
            None => None,
            Some(g) if g.is_none() => None,
            Some(g) if g.is_instance_of::<PyBool>() => g
                .extract::<bool>()?
                .then(|| Arc::new(InMemoryReplayGuard::default())),
            Some(g) => match g.cast::<PyReplayGuard>() {
                Ok(g) => Some(Arc::clone(&g.get().inner)),
                Err(_) => {
                    return Err(PyTypeError::new_err(
                        "replay_guard must be a bool or a ReplayGuard",
                    ));
                }
            },
        };
        let anchors = match anchors {
            Some(a) if !a.is_none() => self::anchors(a)?,
            _ => Vec::new(),
        };
        let algorithms = algorithms
            .map(|names| {
                names
                    .iter()
                    .map(|n| Algorithm::from_jws_name(n))
                    .collect::<labourlink::Result<Vec<_>>>()
            })
            .transpose()
            .py_err(py)?;
        let clock = match clock {
            None => ClockSource::System,
            Some(c) if c.is_none() => ClockSource::System,
            Some(c) if c.is_callable() => ClockSource::Callable(c.clone().unbind()),
            Some(c) => ClockSource::Fixed(FixedClock(instant(c, "clock")?)),
        };
        let settings = Settings {
            store: Arc::new(TrustStore::new(
                anchors,
                trust_list.inner.clone(),
                grace_seconds,
            )),
            region,
            leeway,
            max_age,
            algorithms,
            allow_eddsa_alias,
            grace: grace_seconds,
            replay,
            required_signers,
            schema,
            rules,
            limits: Limits::new(max_bytes, max_depth),
            any_audience: dangerous_accept_any_audience,
        };
        let build_clock: Arc<dyn Clock> = match &clock {
            ClockSource::Fixed(c) => Arc::new(*c),
            ClockSource::System | ClockSource::Callable(_) => Arc::new(SystemClock),
        };
        let prebuilt = settings.build(build_clock).py_err(py)?;
        Ok(Self {
            settings,
            clock,
            prebuilt,
        })
    }

    /// Runs the whole verification pipeline on one message (str or bytes).
    fn verify(&self, py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<PyVerified> {
        let bytes = input_bytes(data)?;
        let verifier = self.current(py)?;
        let result = py.detach(|| verifier.verify(&bytes));
        result.map(|inner| PyVerified { inner }).py_err(py)
    }

    /// Verifies a message that answers ``earlier``: the whole pipeline plus the flow table's
    /// reply rules (right type, from the right party, same case); raises ``EnvelopeError``
    /// (``envelope.unexpected_reply``) otherwise. ``earlier`` is a ``Verified`` or a stored
    /// document (a dict: your own message, or one verified earlier; it is not verified again).
    fn verify_reply(
        &self,
        py: Python<'_>,
        data: &Bound<'_, PyAny>,
        earlier: &Bound<'_, PyAny>,
    ) -> PyResult<PyVerified> {
        let bytes = input_bytes(data)?;
        let verifier = self.current(py)?;
        let result = if let Ok(v) = earlier.cast::<PyVerified>() {
            let earlier = &v.get().inner;
            py.detach(|| verifier.verify_reply(&bytes, earlier))
        } else if earlier.is_instance_of::<PyDict>() {
            let value = to_value(earlier, Numbers::Document)?;
            let document = Document::from_json(value).py_err(py)?.document;
            py.detach(|| verifier.verify_reply_to(&bytes, &document))
        } else {
            return Err(PyTypeError::new_err(format!(
                "earlier must be a Verified or a document dict, not {}",
                earlier.get_type().name()?
            )));
        };
        result.map(|inner| PyVerified { inner }).py_err(py)
    }

    /// Verifies many messages in parallel (``threads=0``: all cores) without the GIL; returns,
    /// in input order, a ``Verified`` or the ``LabourlinkError`` (not raised) for each.
    #[pyo3(signature = (messages, threads = 0))]
    fn verify_many<'py>(
        &self,
        py: Python<'py>,
        messages: &Bound<'py, PyAny>,
        threads: usize,
    ) -> PyResult<Bound<'py, PyList>> {
        let inputs = messages
            .try_iter()?
            .map(|m| input_bytes(&m?))
            .collect::<PyResult<Vec<Vec<u8>>>>()?;
        let verifier = self.current(py)?;
        let results: Vec<Result<Verified, Error>> = py.detach(|| {
            let mut out = Vec::with_capacity(inputs.len());
            verifier.verify_many(inputs, threads, |_, r| out.push(r));
            out
        });
        let list = PyList::empty(py);
        for r in results {
            match r {
                Ok(inner) => list.append(Bound::new(py, PyVerified { inner })?)?,
                Err(e) => list.append(to_py_exception(py, &e))?,
            }
        }
        Ok(list)
    }

    /// Verifies a newer signed trust list against the pinned ``anchors`` and makes it current
    /// (raises ``TrustListError`` on rollback); returns it.
    #[pyo3(signature = (data, *, at = None))]
    fn update_trust_list(
        &self,
        py: Python<'_>,
        data: &Bound<'_, PyAny>,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyTrustList> {
        let bytes = input_bytes(data)?;
        let clock = clock_at(at, "at")?;
        let list = self
            .settings
            .store
            .update(&bytes, clock.as_ref())
            .py_err(py)?;
        Ok(PyTrustList {
            inner: (*list).clone(),
        })
    }

    /// A copy of the trust list in use now.
    #[getter]
    fn trust_list(&self) -> PyTrustList {
        PyTrustList {
            inner: (*self.settings.store.current()).clone(),
        }
    }

    /// The verifier's own region: messages must be addressed to it.
    #[getter]
    fn region(&self) -> &str {
        &self.settings.region
    }

    fn __repr__(&self) -> String {
        format!(
            "Verifier(region={}, trust_list_sequence={})",
            quoted(&self.settings.region),
            self.settings.store.current().sequence
        )
    }
}

/// A message that passed every verification stage. ``document`` and ``body`` build a new dict
/// on each access.
#[pyclass(frozen, module = "labourlink._native", name = "Verified")]
pub(crate) struct PyVerified {
    inner: Verified,
}

#[pymethods]
impl PyVerified {
    /// The whole document (envelope and body).
    #[getter]
    fn document<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.to_value())
    }

    /// The body.
    #[getter]
    fn body<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.body())
    }

    /// The message type, e.g. ``"worker_transfer.roster"``.
    #[getter]
    #[pyo3(name = "type")]
    fn message_type(&self) -> &str {
        self.inner.message_type()
    }

    /// The message id (a UUID).
    #[getter]
    fn id(&self) -> &str {
        self.inner.id()
    }

    /// ``issued_at`` as written in the document (RFC 3339).
    #[getter]
    fn issued_at(&self) -> &str {
        &self.inner.document().issued_at
    }

    /// SHA-256 of the payload, base64url: what receipts and duplicate detection use.
    #[getter]
    fn digest(&self) -> &str {
        self.inner.digest()
    }

    /// The signers in signature order (the first is the issuer): dicts with ``kid``, ``alg``,
    /// ``region``, ``agency``.
    #[getter]
    fn signers<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        for s in self.inner.signers() {
            let d = PyDict::new(py);
            d.set_item("kid", &s.kid)?;
            d.set_item("alg", s.alg.as_str())?;
            d.set_item("region", &s.region)?;
            d.set_item("agency", &s.agency)?;
            list.append(d)?;
        }
        Ok(list)
    }

    /// Warnings of the schema and rules stages: dicts with ``code``, ``path``, ``message``,
    /// ``message_zh``.
    #[getter]
    fn warnings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        for w in self.inner.warnings() {
            list.append(violation_dict(py, w)?)?;
        }
        Ok(list)
    }

    fn __repr__(&self) -> String {
        format!(
            "Verified(type={}, id={}, digest={})",
            quoted(self.inner.message_type()),
            quoted(self.inner.id()),
            quoted(self.inner.digest())
        )
    }
}
