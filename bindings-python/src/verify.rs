//! `Verifier`, `Verified` and `ReplayGuard`.
//!
//! The verifier is the core's, built once with the core's defaults (every stage on: schema,
//! business rules, a replay guard, a maximum age per type). The only ways to weaken it are the
//! `dangerous_*` keyword arguments, one per switch of the core's `DangerousBuilder`.

use std::cell::Cell;
use std::sync::Arc;

use labourlink::envelope::{Document, Party};
use labourlink::json::{DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, Limits};
use labourlink::keys::Algorithm;
use labourlink::refdata::VerifierBuilderExt as _;
use labourlink::time::{Clock, FixedClock, SystemClock, Timestamp};
use labourlink::trust::{DEFAULT_GRACE_SECONDS, TrustStore};
use labourlink::verify::{
    DEFAULT_LEEWAY_SECONDS, InMemoryReplayGuard, ReplayGuard, ReplayKey, Verified, Verifier,
};
use labourlink::{Error, ErrorCode};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyList, PyString};

use crate::convert::{
    Numbers, as_dict, input_bytes, instant, quoted, req_dict, ser_to_py, to_py, to_value,
};
use crate::errors::{IntoPyResult as _, coded, to_py_exception};
use crate::refdata::PyReferenceData;
use crate::trust::{PyTrustList, anchors, clock_at};

/// An in-memory replay guard: remembers the issuers, ids and digests of accepted messages until
/// they could no longer verify, within a size bound. A full guard refuses new messages
/// (`replay.capacity`) rather than forgetting live ones. Pass one to several verifiers to share
/// it.
#[pyclass(frozen, module = "labourlink._native", name = "ReplayGuard")]
pub(crate) struct PyReplayGuard {
    inner: Arc<InMemoryReplayGuard>,
}

/// Reads a replay key `{"region", "agency", "id"}` (the issuer and the message id).
fn replay_key(key: &Bound<'_, PyAny>) -> PyResult<(String, String, String)> {
    let Some(d) = as_dict(key)? else {
        return Err(PyTypeError::new_err(format!(
            "key must be a dict {{'region', 'agency', 'id'}} (the issuer and the message id), not {}",
            key.get_type().name()?
        )));
    };
    for name in d.keys() {
        let known = name
            .cast::<PyString>()
            .ok()
            .and_then(|s| s.to_cow().ok())
            .is_some_and(|s| matches!(&*s, "region" | "agency" | "id"));
        if !known {
            return Err(PyTypeError::new_err(format!(
                "unknown member {} in the replay key (known: 'region', 'agency', 'id')",
                name.repr()?
            )));
        }
    }
    let field = |name: &str| -> PyResult<String> {
        match d.get_item(name)? {
            Some(v) => v.extract::<String>().map_err(|_| {
                PyTypeError::new_err(format!("the replay key's '{name}' must be a str"))
            }),
            None => Err(PyTypeError::new_err(format!(
                "the replay key needs '{name}' (keys are {{'region', 'agency', 'id'}})"
            ))),
        }
    };
    Ok((field("region")?, field("agency")?, field("id")?))
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

    /// Records that the message ``key`` (``{"region", "agency", "id"}``: its issuer and id) with
    /// ``digest`` was accepted at ``now``, to be kept until ``keep_until``; raises
    /// ``ReplayError`` (``replay.duplicate``, ``replay.conflict``, ``replay.capacity``).
    #[pyo3(signature = (key, digest, *, now, keep_until))]
    fn check_and_record(
        &self,
        py: Python<'_>,
        key: &Bound<'_, PyAny>,
        digest: String,
        now: &Bound<'_, PyAny>,
        keep_until: &Bound<'_, PyAny>,
    ) -> PyResult<()> {
        let (region, agency, id) = replay_key(key)?;
        let now = instant(now, "now")?;
        let keep_until = instant(keep_until, "keep_until")?;
        let key = ReplayKey {
            region: &region,
            agency: &agency,
            id: &id,
        };
        self.inner
            .check_and_record(&key, &digest, now, keep_until)
            .py_err(py)
    }

    /// Drops the entries whose ``keep_until`` is before ``now``; returns how many were dropped.
    fn purge_expired(&self, now: &Bound<'_, PyAny>) -> PyResult<usize> {
        Ok(self.inner.purge_expired(instant(now, "now")?))
    }

    /// The most entries the guard holds.
    #[getter]
    fn capacity(&self) -> usize {
        self.inner.capacity()
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    fn __repr__(&self) -> String {
        format!(
            "ReplayGuard(entries={}, capacity={})",
            self.inner.len(),
            self.inner.capacity()
        )
    }
}

thread_local! {
    /// The instant of the call in progress on this thread, for a verifier whose clock is a
    /// Python callable (set by [`at_instant`]).
    static CALL_NOW: Cell<Option<Timestamp>> = const { Cell::new(None) };
}

/// The core clock of a verifier whose clock is a Python callable: the binding calls the callable
/// (with the GIL, so that its exceptions propagate) and hands the instant to the core through
/// this thread's [`CALL_NOW`] for the duration of the call. The core reads the clock on the
/// calling thread only (`verify_many` once, before its worker threads start).
struct CallClock;

impl Clock for CallClock {
    fn now(&self) -> Timestamp {
        CALL_NOW
            .with(Cell::get)
            .unwrap_or_else(|| SystemClock.now())
    }
}

/// Restores the previous [`CALL_NOW`] when dropped (also on unwinding).
struct Restore(Option<Timestamp>);

impl Drop for Restore {
    fn drop(&mut self) {
        CALL_NOW.with(|c| c.set(self.0));
    }
}

/// Runs `f` with [`CallClock`] reporting `now` (when given) on this thread.
fn at_instant<R>(now: Option<Timestamp>, f: impl FnOnce() -> R) -> R {
    let Some(t) = now else {
        return f();
    };
    let _restore = Restore(CALL_NOW.with(|c| c.replace(Some(t))));
    f()
}

/// Where the verifier's "now" comes from.
enum ClockSource {
    /// The system clock, or a fixed instant: the core's own clocks.
    Core,
    /// A Python callable returning an instant, called once per verification call.
    Callable(Py<PyAny>),
}

/// Reads `required_parties`: `{"region", "agency", "name"?}` dicts, by the core's own (strict)
/// deserializer.
fn parties(py: Python<'_>, list: &Bound<'_, PyAny>) -> PyResult<Vec<Party>> {
    let mut out = Vec::new();
    for (i, item) in list.try_iter()?.enumerate() {
        let value = to_value(&item?, Numbers::Document)?;
        let party = serde_json::from_value::<Party>(value).map_err(|e| {
            coded(
                py,
                ErrorCode::InputInvalid,
                format!(
                    "required_parties[{i}] must be a dict {{'region', 'agency', 'name'?}} with str values: {e}"
                ),
            )
        })?;
        out.push(party);
    }
    Ok(out)
}

/// A `TypeError` for two arguments that contradict each other.
/// An option given under its name (`name`: Rust's and the JS package's, snake-cased) or under
/// its old Python name (`old`): the old name works with a `DeprecationWarning`; both at once
/// is a `TypeError`.
fn renamed<T>(
    py: Python<'_>,
    value: Option<T>,
    old_value: Option<T>,
    name: &str,
    old: &str,
) -> PyResult<Option<T>> {
    match (value, old_value) {
        (Some(_), Some(_)) => Err(PyTypeError::new_err(format!(
            "give {name} only ({old} is its old name)"
        ))),
        (None, Some(v)) => {
            crate::convert::deprecated(
                py,
                &format!("{old}= is deprecated: use {name}= (its name in Rust and JavaScript)"),
            )?;
            Ok(Some(v))
        }
        (v, None) => Ok(v),
    }
}

fn contradiction(a: &str, b: &str) -> PyErr {
    PyTypeError::new_err(format!(
        "{a} and {b} contradict each other: give one of them"
    ))
}

/// Verifies signed messages against a trust list. Thread-safe; the verification methods release
/// the GIL.
#[pyclass(frozen, module = "labourlink._native", name = "Verifier")]
pub(crate) struct PyVerifier {
    verifier: Verifier,
    store: Arc<TrustStore>,
    clock: ClockSource,
    /// The clock the core verifier was built with (the system clock, a fixed instant, or the
    /// stand-in for a callable): what `update_trust_list` uses when not given `at`.
    core_clock: Arc<dyn Clock>,
}

impl PyVerifier {
    /// The instant of this call when the clock is a callable (`None`: the core's clock).
    fn call_now(&self, py: Python<'_>) -> PyResult<Option<Timestamp>> {
        match &self.clock {
            ClockSource::Callable(f) => Ok(Some(instant(
                &f.bind(py).call0()?,
                "the value returned by clock()",
            )?)),
            ClockSource::Core => Ok(None),
        }
    }
}

#[pymethods]
impl PyVerifier {
    #[new]
    #[pyo3(signature = (
        trust_list, *, region, agency = None, anchors = None, clock = None,
        leeway_seconds = None, max_age_seconds = None, max_age_for_types = None,
        retired_key_window_seconds = None, algorithms = None, allow_eddsa_alias = false,
        replay_guard = None, store = None, required_signers = 1, required_parties = None,
        stale_grace_seconds = None, max_bytes = DEFAULT_MAX_BYTES,
        max_depth = DEFAULT_MAX_DEPTH, dangerous_skip_schema = false,
        dangerous_skip_rules = false, dangerous_no_replay_guard = false,
        dangerous_no_max_age = false, dangerous_accept_any_audience = false,
        reference_data = None, dangerous_no_max_age_for_types = None, leeway = None, max_age = None, retired_key_window = None,
        grace_seconds = None
    ))]
    #[pyo3(
        text_signature = "(trust_list, *, region, agency=None, anchors=None, clock=None, \
        leeway_seconds=300, max_age_seconds=None, max_age_for_types=None, \
        retired_key_window_seconds=None, algorithms=None, allow_eddsa_alias=False, \
        replay_guard=None, store=None, required_signers=1, required_parties=None, \
        stale_grace_seconds=604800, max_bytes=1048576, max_depth=32, \
        dangerous_skip_schema=False, dangerous_skip_rules=False, \
        dangerous_no_replay_guard=False, dangerous_no_max_age=False, \
        dangerous_accept_any_audience=False, reference_data=None, \
        dangerous_no_max_age_for_types=None)"
    )]
    #[allow(clippy::too_many_arguments, clippy::fn_params_excessive_bools)]
    fn new(
        py: Python<'_>,
        trust_list: PyRef<'_, PyTrustList>,
        region: String,
        agency: Option<String>,
        anchors: Option<&Bound<'_, PyAny>>,
        clock: Option<&Bound<'_, PyAny>>,
        leeway_seconds: Option<i64>,
        max_age_seconds: Option<i64>,
        max_age_for_types: Option<&Bound<'_, PyAny>>,
        retired_key_window_seconds: Option<i64>,
        algorithms: Option<Vec<String>>,
        allow_eddsa_alias: bool,
        replay_guard: Option<&Bound<'_, PyAny>>,
        store: Option<String>,
        required_signers: usize,
        required_parties: Option<&Bound<'_, PyAny>>,
        stale_grace_seconds: Option<i64>,
        max_bytes: usize,
        max_depth: usize,
        dangerous_skip_schema: bool,
        dangerous_skip_rules: bool,
        dangerous_no_replay_guard: bool,
        dangerous_no_max_age: bool,
        dangerous_accept_any_audience: bool,
        reference_data: Option<PyRef<'_, PyReferenceData>>,
        dangerous_no_max_age_for_types: Option<Vec<String>>,
        leeway: Option<i64>,
        max_age: Option<i64>,
        retired_key_window: Option<i64>,
        grace_seconds: Option<i64>,
    ) -> PyResult<Self> {
        // The option names of Rust's builder and the JS package; the old Python names still
        // work, with a DeprecationWarning.
        let leeway = renamed(py, leeway_seconds, leeway, "leeway_seconds", "leeway")?
            .unwrap_or(DEFAULT_LEEWAY_SECONDS);
        let max_age = renamed(py, max_age_seconds, max_age, "max_age_seconds", "max_age")?;
        let retired_key_window = renamed(
            py,
            retired_key_window_seconds,
            retired_key_window,
            "retired_key_window_seconds",
            "retired_key_window",
        )?;
        let grace_seconds = renamed(
            py,
            stale_grace_seconds,
            grace_seconds,
            "stale_grace_seconds",
            "grace_seconds",
        )?
        .unwrap_or(DEFAULT_GRACE_SECONDS);
        let guard: Option<Arc<dyn ReplayGuard>> = match replay_guard {
            None => None,
            Some(g) if g.is_none() => None,
            Some(g) if g.is_instance_of::<PyBool>() => {
                return Err(PyTypeError::new_err(
                    "replay_guard must be a ReplayGuard: every verifier has its own in-memory \
                     guard unless you give one (dangerous_no_replay_guard=True switches replay \
                     protection off)",
                ));
            }
            Some(g) => match g.cast::<PyReplayGuard>() {
                Ok(g) => Some(Arc::clone(&g.get().inner) as Arc<dyn ReplayGuard>),
                Err(_) => {
                    return Err(PyTypeError::new_err(format!(
                        "replay_guard must be a ReplayGuard, not {}",
                        g.get_type().name()?
                    )));
                }
            },
        };
        if store.is_some() && guard.is_some() {
            return Err(contradiction("replay_guard", "store"));
        }
        if store.is_some() && dangerous_no_replay_guard {
            return Err(contradiction("store", "dangerous_no_replay_guard=True"));
        }
        // A durable replay guard: the store's replay records (SQLite file or PostgreSQL),
        // which survive restarts and are shared by every process using the same database.
        let guard = match store {
            Some(url) => {
                let opened = py
                    .detach(|| labourlink_store::Store::open(&url))
                    .py_err(py)?;
                Some(Arc::new(opened) as Arc<dyn ReplayGuard>)
            }
            None => guard,
        };
        if guard.is_some() && dangerous_no_replay_guard {
            return Err(contradiction(
                "replay_guard",
                "dangerous_no_replay_guard=True",
            ));
        }
        if dangerous_no_max_age && (max_age.is_some() || max_age_for_types.is_some()) {
            return Err(contradiction(
                "max_age_seconds / max_age_for_types",
                "dangerous_no_max_age=True",
            ));
        }
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
        let (source, core_clock): (ClockSource, Arc<dyn Clock>) = match clock {
            None => (ClockSource::Core, Arc::new(SystemClock)),
            Some(c) if c.is_none() => (ClockSource::Core, Arc::new(SystemClock)),
            Some(c) if c.is_callable() => (
                ClockSource::Callable(c.clone().unbind()),
                Arc::new(CallClock),
            ),
            Some(c) => (
                ClockSource::Core,
                Arc::new(FixedClock(instant(c, "clock")?)),
            ),
        };
        let parties = match required_parties {
            Some(p) if !p.is_none() => Some(self::parties(py, p)?),
            _ => None,
        };
        let store = Arc::new(TrustStore::new(
            anchors,
            trust_list.inner.clone(),
            grace_seconds,
        ));
        let mut b = Verifier::builder()
            .trust_store(Arc::clone(&store))
            .region(region)
            .shared_clock(Arc::clone(&core_clock))
            .leeway_seconds(leeway)
            .allow_eddsa_alias(allow_eddsa_alias)
            .stale_grace_seconds(grace_seconds)
            .required_signers(required_signers)
            .limits(Limits::new(max_bytes, max_depth));
        if let Some(a) = agency {
            b = b.agency(a);
        }
        if let Some(secs) = max_age {
            b = b.max_age_seconds(secs);
        }
        if let Some(types) = max_age_for_types {
            for (pattern, secs) in req_dict(types, "max_age_for_types")?.iter() {
                b = b
                    .max_age_for_type(pattern.extract::<String>()?, secs.extract::<Option<i64>>()?);
            }
        }
        if let Some(secs) = retired_key_window {
            b = b.retired_key_window_seconds(secs);
        }
        if let Some(algs) = &algorithms {
            b = b.algorithms(algs);
        }
        if let Some(p) = parties {
            b = b.required_parties(p);
        }
        if let Some(g) = guard {
            b = b.replay_guard(g);
        }
        if let Some(rd) = &reference_data {
            b = b.reference_data(&rd.inner);
        }
        let mut d = b.dangerous();
        if dangerous_skip_schema {
            d = d.skip_schema();
        }
        if dangerous_skip_rules {
            d = d.skip_rules();
        }
        if dangerous_no_replay_guard {
            d = d.without_replay_guard();
        }
        if dangerous_no_max_age {
            d = d.no_max_age();
        }
        if dangerous_accept_any_audience {
            d = d.accept_any_audience();
        }
        for pattern in dangerous_no_max_age_for_types.unwrap_or_default() {
            d = d.no_max_age_for_type(pattern);
        }
        let verifier = d.done().build().py_err(py)?;
        Ok(Self {
            verifier,
            store,
            clock: source,
            core_clock,
        })
    }

    /// Runs the whole verification pipeline on one message (str or bytes), live: at the
    /// clock's instant, with the maximum age of its type, recorded by the replay guard.
    fn verify(&self, py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<PyVerified> {
        let bytes = input_bytes(data)?;
        let now = self.call_now(py)?;
        let v = &self.verifier;
        let result = py.detach(|| match now {
            Some(t) => v.verify_at(&bytes, t),
            None => v.verify(&bytes),
        });
        result.map(|inner| PyVerified { inner }).py_err(py)
    }

    /// Verifies a message that answers ``earlier`` (a ``Verified``): the whole pipeline plus the
    /// flow table's reply rules (right type, from the right party, same case) and, for a
    /// receipt, its binding to ``earlier`` (id, digest, type); raises ``EnvelopeError``
    /// (``envelope.unexpected_reply``) otherwise.
    fn verify_reply(
        &self,
        py: Python<'_>,
        data: &Bound<'_, PyAny>,
        earlier: &Bound<'_, PyAny>,
    ) -> PyResult<PyVerified> {
        let bytes = input_bytes(data)?;
        let Ok(earlier) = earlier.cast::<PyVerified>() else {
            return Err(PyTypeError::new_err(format!(
                "earlier must be a Verified, not {} (for a stored document use \
                 verify_reply_to(data, document, digest))",
                earlier.get_type().name()?
            )));
        };
        let now = self.call_now(py)?;
        let (v, e) = (&self.verifier, &earlier.get().inner);
        let result = py.detach(|| at_instant(now, || v.verify_reply(&bytes, e)));
        result.map(|inner| PyVerified { inner }).py_err(py)
    }

    /// As ``verify_reply``, with the earlier message given as its stored document (a dict: your
    /// own message, or one verified and stored before) and the digest of its payload
    /// (``Verified.digest``). The caller vouches for it: it is not verified again.
    fn verify_reply_to(
        &self,
        py: Python<'_>,
        data: &Bound<'_, PyAny>,
        earlier: &Bound<'_, PyAny>,
        earlier_digest: String,
    ) -> PyResult<PyVerified> {
        let bytes = input_bytes(data)?;
        let earlier = req_dict(earlier, "earlier (a document)")?;
        let value = to_value(earlier.as_any(), Numbers::Document)?;
        let document = Document::from_json(value).py_err(py)?.document;
        let now = self.call_now(py)?;
        let v = &self.verifier;
        let result = py.detach(|| {
            at_instant(now, || {
                v.verify_reply_to(&bytes, &document, &earlier_digest)
            })
        });
        result.map(|inner| PyVerified { inner }).py_err(py)
    }

    /// **Archival** verification of a stored message first received at ``first_seen``: no
    /// maximum age and no replay record; key retirement and expiry are judged at
    /// ``first_seen``.
    fn verify_archived(
        &self,
        py: Python<'_>,
        data: &Bound<'_, PyAny>,
        first_seen: &Bound<'_, PyAny>,
    ) -> PyResult<PyVerified> {
        let bytes = input_bytes(data)?;
        let first_seen = instant(first_seen, "first_seen")?;
        let now = self.call_now(py)?;
        let v = &self.verifier;
        let result = py.detach(|| at_instant(now, || v.verify_archived(&bytes, first_seen)));
        result.map(|inner| PyVerified { inner }).py_err(py)
    }

    /// **Archival** verification of a stored reply to ``earlier`` (a ``Verified``, e.g. from
    /// ``verify_archived``), first received at ``first_seen``: the reply rules apply in
    /// archival mode too.
    fn verify_archived_reply(
        &self,
        py: Python<'_>,
        data: &Bound<'_, PyAny>,
        earlier: &Bound<'_, PyAny>,
        first_seen: &Bound<'_, PyAny>,
    ) -> PyResult<PyVerified> {
        let bytes = input_bytes(data)?;
        let Ok(earlier) = earlier.cast::<PyVerified>() else {
            return Err(PyTypeError::new_err(format!(
                "earlier must be a Verified, not {}",
                earlier.get_type().name()?
            )));
        };
        let first_seen = instant(first_seen, "first_seen")?;
        let now = self.call_now(py)?;
        let (v, e) = (&self.verifier, &earlier.get().inner);
        let result =
            py.detach(|| at_instant(now, || v.verify_archived_reply(&bytes, e, first_seen)));
        result.map(|inner| PyVerified { inner }).py_err(py)
    }

    /// Verifies many messages in parallel (``threads=0``: all cores) without the GIL; returns,
    /// in input order, a ``Verified`` or the ``LabourlinkError`` (not raised) for each. Replay
    /// is decided in input order: of two copies, the earlier one is accepted.
    #[pyo3(signature = (messages, threads = 0))]
    fn verify_many<'py>(
        &self,
        py: Python<'py>,
        messages: &Bound<'py, PyAny>,
        threads: usize,
    ) -> PyResult<Bound<'py, PyList>> {
        // A str is an iterable of characters, not of messages.
        if messages.is_instance_of::<PyString>() {
            return Err(PyTypeError::new_err(
                "verify_many takes an iterable of messages, not one message (use verify)",
            ));
        }
        let inputs = messages
            .try_iter()?
            .map(|m| input_bytes(&m?))
            .collect::<PyResult<Vec<Vec<u8>>>>()?;
        let now = self.call_now(py)?;
        let v = &self.verifier;
        let results: Vec<Result<Verified, Error>> = py.detach(|| {
            at_instant(now, || {
                let mut out = Vec::with_capacity(inputs.len());
                v.verify_many(inputs, threads, |_, r| out.push(r));
                out
            })
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
    /// (raises ``TrustListError`` on rollback or a re-bound key id); returns it. Staleness is
    /// judged at ``at``, by default the verifier's ``clock`` (as the JS package does).
    #[pyo3(signature = (data, *, at = None))]
    fn update_trust_list(
        &self,
        py: Python<'_>,
        data: &Bound<'_, PyAny>,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyTrustList> {
        let bytes = input_bytes(data)?;
        let list = if at.is_some_and(|a| !a.is_none()) {
            self.store.update(&bytes, clock_at(at, "at")?.as_ref())
        } else if let Some(now) = self.call_now(py)? {
            self.store.update(&bytes, &FixedClock(now))
        } else {
            self.store.update(&bytes, self.core_clock.as_ref())
        }
        .py_err(py)?;
        Ok(PyTrustList {
            inner: (*list).clone(),
        })
    }

    /// The maximum age in seconds that applies to ``message_type`` (``None``: no limit, a
    /// long-lived document or a verifier built with ``dangerous_no_max_age``).
    fn max_age_for(&self, message_type: &str) -> Option<i64> {
        self.verifier.max_age_for(message_type)
    }

    /// Which optional stages run: ``{"schema": bool, "rules": bool, "replay": bool}``.
    #[getter]
    fn stages<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let (schema, rules, replay) = self.verifier.stages();
        let d = PyDict::new(py);
        d.set_item("schema", schema)?;
        d.set_item("rules", rules)?;
        d.set_item("replay", replay)?;
        Ok(d)
    }

    /// A copy of the trust list in use now.
    #[getter]
    fn trust_list(&self) -> PyTrustList {
        PyTrustList {
            inner: (*self.store.current()).clone(),
        }
    }

    /// The verifier's own region: messages must be addressed to it.
    #[getter]
    fn region(&self) -> &str {
        self.verifier.region()
    }

    /// The verifier's own agency (``None`` when not set): messages must be addressed to it.
    #[getter]
    fn agency(&self) -> Option<&str> {
        self.verifier.agency()
    }

    fn __repr__(&self) -> String {
        format!(
            "Verifier(region={}, trust_list_sequence={})",
            quoted(self.verifier.region()),
            self.store.current().sequence
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
            list.append(ser_to_py(py, w)?)?;
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

/// Creates (or migrates) a durable store — ``sqlite:///path/to/file.db`` or a
/// ``postgresql://`` URL — so that ``Verifier(..., store=url)`` can use it. Raises
/// ``LabourlinkError`` with a ``store.*`` code when the database cannot be opened.
#[pyfunction]
pub(crate) fn init_store(py: Python<'_>, url: String) -> PyResult<()> {
    py.detach(|| labourlink_store::Store::init(&url).map(|_| ()))
        .py_err(py)
}
