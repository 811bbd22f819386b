//! The inbox's decisions, without HTTP: verify and store a posted message, and choose the
//! answer (status and signed receipt). The HTTP layer ([`crate::server`]) only reads bodies
//! and writes answers.

use crate::config::{MAX_FILE_BYTES, read_file_limited};
use std::collections::BTreeMap;
use std::net::IpAddr;
#[cfg(feature = "server")]
use std::sync::atomic::AtomicBool;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use labourlink::envelope::{Document, Party};
use labourlink::json::Limits as JsonLimits;
use labourlink::jws::{self, AlgorithmPolicy};
use labourlink::keys::SigningKey;
use labourlink::refdata::{ReferenceData, VerifierBuilderExt as _};
use labourlink::time::{Clock as _, SystemClock, Timestamp};
use labourlink::trust::{Anchor, DEFAULT_GRACE_SECONDS, TrustList, TrustStore};
use labourlink::verify::ReplayGuard;
use labourlink::{Error, ErrorCode, Result, Verified, Verifier};
use labourlink_store::{CommitQueue, Direction, NewMessage, Store};
use serde_json::json;

use crate::config::{Limits, NodeConfig};
use crate::rate::{RateLimiter, client_address};
use crate::receipt::{Acknowledged, ReceiptError, receipt_id, sign_receipt};

/// The media type of a posted message and of a receipt.
pub const JOSE_JSON: &str = "application/jose+json";
/// The media type of an answer that is not a receipt (a problem at the HTTP layer).
pub const PROBLEM_JSON: &str = "application/json";

/// An answer: HTTP status, content type and body.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Answer {
    /// The HTTP status.
    pub status: u16,
    /// The content type: [`JOSE_JSON`] for a receipt, [`PROBLEM_JSON`] otherwise.
    pub content_type: &'static str,
    /// The body.
    pub body: Vec<u8>,
    /// Seconds for `Retry-After` (503 answers).
    pub retry_after: Option<u64>,
}

impl Answer {
    fn receipt(status: u16, jws: Vec<u8>) -> Self {
        Self {
            status,
            content_type: JOSE_JSON,
            body: jws,
            retry_after: None,
        }
    }

    /// An answer without a receipt: `{"status": "rejected", "errors": [{code, path, message}]}`
    /// with the code's fixed English and Chinese summaries (never the input).
    #[must_use]
    pub fn problem(status: u16, code: ErrorCode, path: &str) -> Self {
        Self::problem_with(status, code, path, code.summary())
    }

    /// [`Answer::problem`] with `message` as the English text.
    pub(crate) fn problem_with(status: u16, code: ErrorCode, path: &str, message: &str) -> Self {
        let path = shown_pointer(path);
        let body = json!({
            "status": "rejected",
            "errors": [{"code": code.as_str(), "path": &*path, "message": message,
                        "message_zh": code.summary_zh()}],
        });
        Self {
            status,
            content_type: PROBLEM_JSON,
            body: body.to_string().into_bytes(),
            retry_after: None,
        }
    }

    /// The problem JSON of a message refused before a receipt could name it. For the JWS
    /// profile and the envelope (`jws.*`, `envelope.*`: the header and the envelope's members,
    /// which hold no personal data) the message is the verifier's own — which member is
    /// missing, why a time or an id is refused — with quoted values escaped and cut at 64
    /// characters — and the fixed explanation of a compact JWS; for everything else (the
    /// strict JSON of the body among them) the code's fixed summary, so that nothing of the
    /// body is echoed.
    #[must_use]
    pub fn refusal(status: u16, e: &Error) -> Self {
        let code = e.code();
        let own = ["jws.", "envelope."]
            .iter()
            .any(|f| code.as_str().starts_with(f))
            || e.message() == labourlink::jws::COMPACT_JWS_MESSAGE;
        let message = if own { e.message() } else { code.summary() };
        Self::problem_with(status, code, e.path().unwrap_or(""), message)
    }

    fn retry_after(mut self, seconds: u64) -> Self {
        self.retry_after = Some(seconds);
        self
    }
}

/// The most of a JSON pointer a problem answer or a log line shows: a pointer is built from
/// the sender's member names, and one name may be as long as the body (a 1 MiB log line).
const SHOWN_POINTER_MAX: usize = 256;

/// `pointer`, cut after [`SHOWN_POINTER_MAX`] bytes (at a character boundary) with `…`.
fn shown_pointer(pointer: &str) -> std::borrow::Cow<'_, str> {
    if pointer.len() <= SHOWN_POINTER_MAX {
        return std::borrow::Cow::Borrowed(pointer);
    }
    let mut end = SHOWN_POINTER_MAX;
    while !pointer.is_char_boundary(end) {
        end -= 1;
    }
    std::borrow::Cow::Owned(format!("{}…", &pointer[..end]))
}

/// The upper bounds (seconds) of the receive-latency histogram's buckets.
pub const LATENCY_BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
];

/// Counters for `GET /metrics`.
#[derive(Debug, Default)]
pub struct Metrics {
    accepted: AtomicU64,
    redelivered: AtomicU64,
    rejected: Mutex<BTreeMap<&'static str, u64>>,
    refused: Mutex<BTreeMap<u16, u64>>,
    latency: Mutex<Histogram>,
    purged: Mutex<Purged>,
    /// Store writes that failed while receiving, by error code.
    store_failures: Mutex<BTreeMap<&'static str, u64>>,
    /// Trust-list refreshes from `trust_list.url` that failed, by error code.
    refresh_failures: Mutex<BTreeMap<&'static str, u64>>,
    /// When a trust-list refresh last succeeded (Unix seconds; 0: none yet), and whether
    /// one was ever attempted (the gauge is shown only then: a node without `url` has none).
    refresh_success: Mutex<Option<i64>>,
    /// The served TLS certificate's notAfter (Unix seconds), when the node serves TLS.
    tls_not_after: Mutex<Option<i64>>,
}

/// What the node's own purges removed ([`Metrics::purged`]), for `/metrics`.
#[derive(Debug, Default, Clone, Copy)]
struct Purged {
    replay_records: u64,
    bodies: u64,
    quarantined: u64,
    outbox: u64,
    failures: u64,
    last_unix_seconds: i64,
}

/// A cumulative histogram of receive latencies (verification, commit and receipt).
#[derive(Debug, Default, Clone)]
struct Histogram {
    counts: [u64; LATENCY_BUCKETS.len()],
    count: u64,
    sum_seconds: f64,
}

impl Metrics {
    /// Records the time one posted message took, from its bytes to its answer.
    pub fn observe(&self, d: std::time::Duration) {
        let secs = d.as_secs_f64();
        let mut h = self.latency.lock().unwrap_or_else(|p| p.into_inner());
        for (i, le) in LATENCY_BUCKETS.iter().enumerate() {
            if secs <= *le {
                h.counts[i] += 1;
            }
        }
        h.count += 1;
        h.sum_seconds += secs;
    }

    fn reject(&self, code: ErrorCode) {
        let mut m = self.rejected.lock().unwrap_or_else(|p| p.into_inner());
        *m.entry(code.as_str()).or_default() += 1;
    }

    /// Counts one purge of the node's own store (`[purge]`): what it removed, and when it
    /// finished (`finished`), or (`None`) that it failed after removing `report`'s rows.
    pub fn purged(&self, report: &labourlink_store::PurgeReport, finished: Option<Timestamp>) {
        let mut p = self.purged.lock().unwrap_or_else(|p| p.into_inner());
        p.replay_records += report.replay_records;
        p.bodies += report.bodies;
        p.quarantined += report.quarantined;
        p.outbox += report.outbox;
        match finished {
            Some(at) => p.last_unix_seconds = at.unix_seconds(),
            None => p.failures += 1,
        }
    }

    /// Counts a request refused at the HTTP layer (413, 415, 408, 503, …).
    pub fn refuse(&self, status: u16) {
        let mut m = self.refused.lock().unwrap_or_else(|p| p.into_inner());
        *m.entry(status).or_default() += 1;
    }

    /// Notes one trust-list refresh from the publisher: when it succeeded (the list fetched
    /// was the one in use, or a newer one taken), or the code it failed with. A failing
    /// refresh keeps the current list — a key revoked since still verifies until one
    /// succeeds — so it must show on a dashboard, not only in a log line (audit s43 on-call
    /// F1).
    ///
    /// Before any refresh succeeded, the gauge holds when the first one failed: an alert on
    /// "no success for six hours" counts from there, not from 1970 (review s43 L4).
    pub fn trust_list_refreshed(&self, at: Timestamp, outcome: std::result::Result<(), ErrorCode>) {
        let mut last = self
            .refresh_success
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        match outcome {
            Ok(()) => *last = Some(at.unix_seconds()),
            Err(code) => {
                last.get_or_insert(at.unix_seconds());
                let mut m = self
                    .refresh_failures
                    .lock()
                    .unwrap_or_else(|p| p.into_inner());
                *m.entry(code.as_str()).or_default() += 1;
            }
        }
    }

    /// Notes when the TLS certificate the node serves expires (`/metrics` shows it: an alert
    /// weeks before, not the day every client refuses the connection).
    pub fn tls_certificate(&self, not_after: Timestamp) {
        *self.tls_not_after.lock().unwrap_or_else(|p| p.into_inner()) =
            Some(not_after.unix_seconds());
    }

    /// Counts one store write that failed while receiving (answered 503).
    pub fn store_failed(&self, code: ErrorCode) {
        let mut m = self
            .store_failures
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        *m.entry(code.as_str()).or_default() += 1;
    }

    /// The counters in the Prometheus text exposition format (version 0.0.4).
    #[must_use]
    pub fn render(&self) -> String {
        let mut out = String::new();
        out.push_str(
            "# HELP labourlink_messages_accepted_total Messages accepted, stored and receipted.\n",
        );
        out.push_str("# TYPE labourlink_messages_accepted_total counter\n");
        out.push_str(&format!(
            "labourlink_messages_accepted_total {}\n",
            self.accepted.load(Ordering::Relaxed)
        ));
        out.push_str("# HELP labourlink_messages_redelivered_total Redeliveries of accepted messages, answered with the earlier receipt.\n");
        out.push_str("# TYPE labourlink_messages_redelivered_total counter\n");
        out.push_str(&format!(
            "labourlink_messages_redelivered_total {}\n",
            self.redelivered.load(Ordering::Relaxed)
        ));
        push_counters(
            &mut out,
            "labourlink_messages_rejected_total",
            "Messages rejected, by error code.",
            "code",
            &self.rejected.lock().unwrap_or_else(|p| p.into_inner()),
        );
        push_counters(
            &mut out,
            "labourlink_store_write_failures_total",
            "Store writes that failed while receiving (each answered 503), by error code.",
            "code",
            &self
                .store_failures
                .lock()
                .unwrap_or_else(|p| p.into_inner()),
        );
        if let Some(last) = *self
            .refresh_success
            .lock()
            .unwrap_or_else(|p| p.into_inner())
        {
            out.push_str("# HELP labourlink_trust_list_last_refresh_success_timestamp_seconds When a refresh of the trust list from trust_list.url last succeeded (Unix seconds; none yet: when the first one failed). Shown once a refresh was attempted.\n");
            out.push_str(
                "# TYPE labourlink_trust_list_last_refresh_success_timestamp_seconds gauge\n",
            );
            out.push_str(&format!(
                "labourlink_trust_list_last_refresh_success_timestamp_seconds {last}\n"
            ));
            push_counters(
                &mut out,
                "labourlink_trust_list_refresh_failures_total",
                "Refreshes of the trust list from trust_list.url that failed (the current list kept), by error code.",
                "code",
                &self
                    .refresh_failures
                    .lock()
                    .unwrap_or_else(|p| p.into_inner()),
            );
        }
        if let Some(t) = *self.tls_not_after.lock().unwrap_or_else(|p| p.into_inner()) {
            out.push_str("# HELP labourlink_tls_certificate_not_after_timestamp_seconds When the TLS certificate the node serves expires (Unix seconds): renew it and restart before then.\n");
            out.push_str("# TYPE labourlink_tls_certificate_not_after_timestamp_seconds gauge\n");
            out.push_str(&format!(
                "labourlink_tls_certificate_not_after_timestamp_seconds {t}\n"
            ));
        }
        push_counters(
            &mut out,
            "labourlink_http_refused_total",
            "Requests refused before verification, by HTTP status.",
            "status",
            &self.refused.lock().unwrap_or_else(|p| p.into_inner()),
        );
        let h = self
            .latency
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone();
        out.push_str("# HELP labourlink_receive_seconds Time from a posted message's bytes to its answer: verification, durable commit and the receipt's signature.\n");
        out.push_str("# TYPE labourlink_receive_seconds histogram\n");
        for (le, n) in LATENCY_BUCKETS.iter().zip(h.counts) {
            out.push_str(&format!(
                "labourlink_receive_seconds_bucket{{le=\"{le}\"}} {n}\n"
            ));
        }
        out.push_str(&format!(
            "labourlink_receive_seconds_bucket{{le=\"+Inf\"}} {}\n",
            h.count
        ));
        out.push_str(&format!(
            "labourlink_receive_seconds_sum {}\nlabourlink_receive_seconds_count {}\n",
            h.sum_seconds, h.count
        ));
        let p = *self.purged.lock().unwrap_or_else(|p| p.into_inner());
        out.push_str("# HELP labourlink_store_purged_total Rows the node's own purges ([purge]) removed, by kind.\n");
        out.push_str("# TYPE labourlink_store_purged_total counter\n");
        for (kind, n) in [
            ("replay_records", p.replay_records),
            ("bodies", p.bodies),
            ("quarantined", p.quarantined),
            ("outbox", p.outbox),
        ] {
            out.push_str(&format!(
                "labourlink_store_purged_total{{kind=\"{kind}\"}} {n}\n"
            ));
        }
        out.push_str("# HELP labourlink_store_purge_failures_total The node's own purges that failed (the next one tries again).\n");
        out.push_str("# TYPE labourlink_store_purge_failures_total counter\n");
        out.push_str(&format!(
            "labourlink_store_purge_failures_total {}\n",
            p.failures
        ));
        out.push_str("# HELP labourlink_store_last_purge_timestamp_seconds When the node's last purge finished (Unix seconds; 0: none yet).\n");
        out.push_str("# TYPE labourlink_store_last_purge_timestamp_seconds gauge\n");
        out.push_str(&format!(
            "labourlink_store_last_purge_timestamp_seconds {}\n",
            p.last_unix_seconds
        ));
        out
    }
}

/// One labelled counter family in the Prometheus text format: its `HELP` and `TYPE` lines,
/// then a line per label value.
/// A label value from a signed list (a kid, a region code): printable, without the characters
/// the text format would have to escape, and bounded.
fn label(value: &str) -> String {
    labourlink::error::shown(value).replace(['\\', '"'], "_")
}

/// When a key of a trust list stops being usable: its `valid_until`, or the `since` of a
/// retirement, whichever comes first; `None` for a key without an end (a revoked key never
/// was usable: `None` too).
fn key_end(r: &labourlink::trust::KeyRecord) -> Option<Timestamp> {
    use labourlink::trust::KeyStatus;
    let retired = match (r.status, r.status_since) {
        (KeyStatus::Retired, Some(s)) => Some(s),
        (KeyStatus::Revoked, _) => return None,
        _ => None,
    };
    match (r.valid_until, retired) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn push_counters<K: std::fmt::Display>(
    out: &mut String,
    name: &str,
    help: &str,
    label: &str,
    values: &BTreeMap<K, u64>,
) {
    out.push_str(&format!("# HELP {name} {help}\n# TYPE {name} counter\n"));
    for (value, n) in values {
        out.push_str(&format!("{name}{{{label}=\"{value}\"}} {n}\n"));
    }
}

/// What [`Node::store_figures`] reads for `/metrics`.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct StoreFigures {
    /// The outbox's counts per state and its pending messages' times.
    pub outbox: labourlink_store::OutboxSummary,
    /// The store's size in bytes, when the backend tells.
    pub size_bytes: Option<u64>,
}

/// One inbox node: its verifier (the full default pipeline, the store as replay guard), its
/// store, its signing key and identity, the signed trust list it publishes, and its counters.
pub struct Node {
    verifier: Verifier,
    store: Arc<Store>,
    commits: CommitQueue,
    /// The agencies it receives for and their receipt keys; the first is the node's own.
    served: Vec<(Party, SigningKey)>,
    trust: Arc<TrustStore>,
    published: RwLock<(Arc<Vec<u8>>, String)>,
    /// The signed reference data the rules use and `GET /v1/reference-data` serves, and the
    /// same as loaded (its payload digest; its staleness, checked while the node runs:
    /// [`Node::ready`]).
    reference: Option<(Arc<Vec<u8>>, Arc<ReferenceData>)>,
    limits: Limits,
    metrics: Metrics,
    rate: RateLimiter,
    /// The log lines of refused and rejected requests, one budget per [`LogKind`] (each at
    /// most [`REFUSAL_LOG_LINES_PER_SECOND`] a second).
    refusal_logs: [crate::rate::LogBudget; 3],
    trusted_proxies: Vec<IpAddr>,
    /// How the node's own writes to the store went: a store that can be read but not written
    /// (a full disk, a damaged page) fails messages while a read answers (audit s42 DR F2).
    writes: Mutex<WriteHealth>,
    /// Whether `writes` holds a failure: an accepted message, on every request worker, reads
    /// this instead of taking the lock.
    write_failure_noted: std::sync::atomic::AtomicBool,
    /// `GET /healthz`'s question to the store (one at a time).
    #[cfg(feature = "server")]
    store_probe: StoreProbe,
}

/// How long after a failed store write, with none succeeding since, the node reports itself
/// unready (`GET /healthz` 503, `labourlink_store_up` 0); a damaged store
/// (`store.corrupt`) is reported until the node restarts.
pub const STORE_WRITE_FAILURE_HOLD: std::time::Duration = std::time::Duration::from_secs(30);

/// The node's last store write that failed while receiving, and whether one succeeded since.
#[derive(Debug, Default)]
struct WriteHealth {
    failed: Option<(std::time::Instant, ErrorCode)>,
    corrupt: bool,
}

/// Whether the store answers, as `GET /healthz` asks it: one query at a time (the others wait
/// for its answer), an answer younger than a second — good or bad — reused, and no new query
/// while one that timed out still waits, so health checks (on the public listener too) cannot
/// queue queries on the store, nor threads behind a store that hangs.
#[cfg(feature = "server")]
#[derive(Debug, Default)]
pub(crate) struct StoreProbe {
    /// One health check asks at a time.
    pub(crate) turn: tokio::sync::Mutex<()>,
    in_flight: AtomicBool,
    /// A `/metrics` query of the store (its figures) still waits: no second one is started
    /// behind it (review s43 L7).
    pub(crate) figures_in_flight: AtomicBool,
    /// The last answer: when (a monotonic instant) and, when it failed, why.
    last: Mutex<Option<(std::time::Instant, Option<String>)>>,
}

#[cfg(feature = "server")]
impl StoreProbe {
    /// The last answer, when younger than `within`: `Ok`, or the reason it failed.
    pub(crate) fn recent(
        &self,
        within: std::time::Duration,
    ) -> Option<std::result::Result<(), String>> {
        let last = self
            .last
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        last.as_ref()
            .filter(|(at, _)| at.elapsed() < within)
            .map(|(_, failed)| failed.clone().map_or(Ok(()), Err))
    }

    /// Claims the probe; `false` when another query is in flight.
    pub(crate) fn begin(&self) -> bool {
        !self.in_flight.swap(true, Ordering::AcqRel)
    }

    /// Ends the probe begun by [`StoreProbe::begin`] with its answer.
    pub(crate) fn end(&self, answer: std::result::Result<(), String>) {
        *self
            .last
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) =
            Some((std::time::Instant::now(), answer.err()));
        self.in_flight.store(false, Ordering::Release);
    }
}

/// The most log lines a second for refused and rejected requests of one kind (refused before
/// any signature vouched for them; a partner's signed message rejected; the node's own state:
/// store, staleness, receipt key); the next line logged says how many were left out
/// (`suppressed`), and `/metrics` counts every one: a client cannot make the node write logs
/// without bound, and a flood of one kind cannot hide the lines of another.
pub const REFUSAL_LOG_LINES_PER_SECOND: u32 = 10;

/// What a refusal's log line is about, each kind with its own budget of log lines: garbage
/// that anyone can send cannot push a partner's rejected message, or the node's own trouble,
/// out of the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LogKind {
    /// Refused before any signature vouched for the request: HTTP-level refusals (408, 413,
    /// 415, 429, 503 overloaded, 400) and rejections before signatures verified.
    Unsigned = 0,
    /// A rejected message whose signatures verified: a partner's message.
    Signed = 1,
    /// The node's own state: the store unavailable, a stale trust list or reference data, no
    /// usable receipt key.
    Node = 2,
}

impl LogKind {
    /// The kind of a message rejected with `code`: unsigned when refused before any of its
    /// signatures verified (anyone can send it), otherwise a partner's signed message.
    pub(crate) fn of_rejection(code: ErrorCode) -> Self {
        if code.is_before_signatures() {
            Self::Unsigned
        } else {
            Self::Signed
        }
    }
}

impl std::fmt::Debug for Node {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Node")
            .field("region", &self.party().region)
            .field(
                "agencies",
                &self
                    .served
                    .iter()
                    .map(|(p, _)| &p.agency)
                    .collect::<Vec<_>>(),
            )
            .finish_non_exhaustive()
    }
}

fn invalid(msg: impl Into<String>) -> Error {
    Error::new(ErrorCode::InputInvalid, msg)
}

/// The anchors a node pins: `[trust_list] anchor` and `next_anchors`, each a public JWK; a key
/// id pinned twice is refused (two keys under one name, or one file named twice).
fn pinned_anchors(cfg: &crate::config::TrustListConfig) -> Result<Vec<Anchor>> {
    let paths: Vec<&std::path::Path> = std::iter::once(&cfg.anchor)
        .chain(&cfg.next_anchors)
        .map(std::path::PathBuf::as_path)
        .collect();
    let anchors = crate::config::read_anchors(&paths)?;
    if anchors.len() > 1 {
        tracing::warn!(
            target: "labourlink::node",
            anchors = %anchors.iter().map(|a| a.kid.as_str()).collect::<Vec<_>>().join(", "),
            "several trust anchors are pinned (an anchor rotation): a list signed by any of them is accepted; drop the old one from the configuration when the rotation is done"
        );
    }
    Ok(anchors)
}

impl Node {
    /// Opens a node from its configuration: opens the store (it must exist: `labourlink
    /// store init`), loads and records the trust list (refusing a rollback; the store's last
    /// list when the file is unreadable, older, or stale while the store's is not), loads the signing key and checks that the trust list
    /// names it for this node's region and agency with `receipt` among its types — receipts
    /// nobody can verify are a misconfiguration.
    ///
    /// # Errors
    /// `input.invalid` for unreadable files and a key the trust list does not vouch for; the
    /// store's and the trust list's errors.
    pub fn from_config(cfg: &NodeConfig) -> Result<Self> {
        let store = Store::open(&cfg.store)?;
        let anchors = pinned_anchors(&cfg.trust_list)?;
        let kids: Vec<&str> = anchors.iter().map(|a| a.kid.as_str()).collect();
        let stored = store.trust_list_of(&kids)?;
        let shown = cfg.trust_list.path.display();
        let tl = match (
            read_file_limited(&cfg.trust_list.path, MAX_FILE_BYTES),
            stored,
        ) {
            // A node that refreshed its list from `trust_list.url` holds a newer one in its
            // store than the file: that one is used (verified again below), so the node
            // restarts instead of refusing its own file as a rollback.
            (Ok(file), Some(stored)) => {
                match TrustList::load(&file, &anchors, &SystemClock, DEFAULT_GRACE_SECONDS) {
                    // Older, or another list of the same sequence (signed by the other anchor of a
                    // rotation): the store's, which the store would otherwise refuse as a rollback.
                    Ok(list)
                        if list.sequence < stored.sequence
                            || (list.sequence == stored.sequence
                                && list.digest() != Some(stored.digest.as_str())) =>
                    {
                        tracing::warn!(
                            target: "labourlink::node",
                            file = %shown,
                            file_sequence = list.sequence,
                            store_sequence = stored.sequence,
                            "the trust list file is older than the list the store accepted last (a refresh): using the store's; update the file with `labourlink trust-list fetch … --out FILE --force`"
                        );
                        stored.jws
                    }
                    Ok(_) => file,
                    // The file is stale (a node that refreshes from `trust_list.url` never
                    // rewrites it), but the store's last list is not: that one, as when the file
                    // cannot be read. Only staleness: a file that does not verify (altered, signed
                    // by an anchor not pinned) may carry a revocation, and stops the start.
                    Err(e)
                        if e.code() == ErrorCode::TrustListStale
                            && TrustList::load(
                                &stored.jws,
                                &anchors,
                                &SystemClock,
                                DEFAULT_GRACE_SECONDS,
                            )
                            .is_ok() =>
                    {
                        tracing::warn!(
                            target: "labourlink::node",
                            file = %shown,
                            code = e.code().as_str(),
                            error = e.message(),
                            store_sequence = stored.sequence,
                            "the trust list file is stale: using the list the store accepted last; update the file with `labourlink trust-list fetch … --out FILE --force`"
                        );
                        stored.jws
                    }
                    // Signed by an anchor this node no longer pins (after a rotation) while the store
                    // holds a list of a pinned one: say how to bring the file up to date (audit s42
                    // drill F4). Not passed over: such a file may carry a revocation.
                    Err(e)
                        if e.code() == ErrorCode::TrustListUntrustedAnchor
                            && TrustList::load(
                                &stored.jws,
                                &anchors,
                                &SystemClock,
                                DEFAULT_GRACE_SECONDS,
                            )
                            .is_ok() =>
                    {
                        return Err(Error::new(
                        e.code(),
                        format!(
                            "{} ({shown}); the store holds list {} of a pinned anchor — after an anchor rotation, update the file first: labourlink trust-list fetch URL --anchor NEW.jwk --out {shown} --force",
                            e.message(),
                            stored.sequence
                        ),
                    )
                    .zh(format!(
                        "{shown} 由本节点未固定的信任锚签名；存储库中有已固定信任锚签署的第 {} 号列表——信任锚轮换之后，请先更新该文件：labourlink trust-list fetch URL --anchor NEW.jwk --out {shown} --force",
                        stored.sequence
                    )));
                    }
                    Err(_) => file,
                }
            }
            (Ok(file), None) => file,
            (Err(e), Some(stored)) => {
                tracing::warn!(
                    target: "labourlink::node",
                    file = %shown,
                    error = %e,
                    store_sequence = stored.sequence,
                    "the trust list file cannot be read: using the list the store accepted last"
                );
                stored.jws
            }
            (Err(e), None) => {
                return Err(invalid(format!(
                    "cannot read the trust list {shown} and the store holds none: {e}"
                ))
                .zh(format!("无法读取信任列表 {shown}，存储库中也没有：{e}")));
            }
        };
        let mut me = Party::new(cfg.region.as_str(), cfg.agency.as_str());
        me.name.clone_from(&cfg.name);
        let mut served = vec![(me, cfg.signing_key.load()?)];
        for a in &cfg.agencies {
            let mut p = Party::new(cfg.region.as_str(), a.agency.as_str());
            p.name.clone_from(&a.name);
            served.push((p, a.signing_key.load()?));
        }
        let reference = match &cfg.reference_data {
            None => None,
            Some(r) => Some(match read_file_limited(&r.path, MAX_FILE_BYTES) {
                // A file older than what the store accepted (of any pinned anchor), or another
                // document of the same sequence: the store's, as for the trust list.
                Ok(b) => match (
                    ReferenceData::load(&b, &anchors, &SystemClock, DEFAULT_GRACE_SECONDS),
                    store.reference_data_of(&kids)?,
                ) {
                    (Ok(file), Some(stored))
                        if file.sequence < stored.sequence
                            || (file.sequence == stored.sequence
                                && file.digest() != Some(stored.digest.as_str())) =>
                    {
                        tracing::warn!(
                            target: "labourlink::node",
                            file = %r.path.display(),
                            file_sequence = file.sequence,
                            store_sequence = stored.sequence,
                            "the reference data file is older than the document the store accepted last: using the store's; update the file with `labourlink reference-data fetch … --out FILE --force`"
                        );
                        stored.jws
                    }
                    _ => b,
                },
                Err(e) => match store.reference_data_of(&kids)? {
                    Some(stored) => stored.jws,
                    None => {
                        return Err(invalid(format!(
                            "cannot read the reference data {} and the store holds none: {e}",
                            r.path.display()
                        ))
                        .zh(format!(
                            "无法读取参考数据 {}，存储库中也没有：{e}",
                            r.path.display()
                        )));
                    }
                },
            }),
        };
        // Case deadlines in the store are counted with the reference data's calendar too.
        let store = match &reference {
            Some(jws) => {
                let data = ReferenceData::load(jws, &anchors, &SystemClock, DEFAULT_GRACE_SECONDS)?;
                store.with_case_policy(Some(Arc::new(
                    labourlink::cases::CaseRules::default().with_calendar(data.calendar().clone()),
                )))
            }
            None => store,
        };
        let node = Self::serving(Arc::new(store), &tl, &anchors, served, cfg.limits)?
            .with_trusted_proxies(cfg.trusted_proxies.clone());
        match reference {
            Some(jws) => node.with_reference_data(&jws),
            None => Ok(node),
        }
    }

    /// Uses signed reference data (holiday calendar, GB/T 2260 changes) in the business
    /// rules and serves it at `GET /v1/reference-data` (with [`Node::from_config`] the store's
    /// case deadlines use its calendar too): verified against the trust-list
    /// anchors like a trust list, refused when older than the document the store accepted
    /// last (`reference_data.rollback`, also across restarts), then recorded.
    ///
    /// # Errors
    /// Those of [`ReferenceData::load`], `reference_data.rollback`, the store's.
    pub fn with_reference_data(mut self, jws: &[u8]) -> Result<Self> {
        let anchors = self.trust.anchors().to_vec();
        let data = ReferenceData::load(jws, &anchors, &SystemClock, DEFAULT_GRACE_SECONDS)?;
        let digest = data.digest().unwrap_or_default().to_owned();
        self.store
            .accept_reference_data(jws, data.sequence, &digest, SystemClock.now())?;
        self.verifier = Verifier::builder()
            .trust_store(Arc::clone(&self.trust))
            .region(self.party().region.as_str())
            .agencies(self.served.iter().map(|(p, _)| p.agency.clone()))
            .replay_guard(Arc::clone(&self.store) as Arc<dyn ReplayGuard>)
            .reference_data(&data)
            .build()?;
        self.reference = Some((Arc::new(jws.to_vec()), Arc::new(data)));
        Ok(self)
    }

    /// The signed reference data the node uses and serves, and its payload digest (the
    /// `ETag`); `None` when it uses the embedded data.
    #[must_use]
    pub fn reference_data(&self) -> Option<(Arc<Vec<u8>>, String)> {
        self.reference.as_ref().map(|(jws, data)| {
            (
                Arc::clone(jws),
                data.digest().unwrap_or_default().to_owned(),
            )
        })
    }

    /// Sets the reverse proxies whose `X-Forwarded-For` names the client for the per-client
    /// rate limit (`trusted_proxies` in `node.toml`).
    #[must_use]
    pub fn with_trusted_proxies(mut self, proxies: Vec<IpAddr>) -> Self {
        // Canonical once (an IPv4 address written IPv4-mapped is its IPv4 address), as peers
        // are taken.
        self.trusted_proxies = proxies.into_iter().map(|p| p.to_canonical()).collect();
        self
    }

    /// Whether `peer` is one of the trusted reverse proxies (`trusted_proxies`): its
    /// connections carry many clients, so no per-address connection cap applies to it.
    #[must_use]
    pub fn is_trusted_proxy(&self, peer: IpAddr) -> bool {
        self.trusted_proxies.contains(&peer.to_canonical())
    }

    /// The client of a request: the peer, or — from a trusted proxy — the address it
    /// forwarded (`X-Forwarded-For`).
    #[must_use]
    pub fn client_of(&self, peer: IpAddr, forwarded_for: Option<&str>) -> IpAddr {
        client_address(peer, forwarded_for, &self.trusted_proxies)
    }

    /// The per-client rate limit ([`Node::client_of`]), before a posted message's body is
    /// read: `Err(seconds)` when the client is over its rate.
    ///
    /// # Errors
    /// The seconds until the client may post again (HTTP 429, `Retry-After`).
    pub fn admit(&self, client: IpAddr) -> std::result::Result<(), u64> {
        self.rate.check(client, std::time::Instant::now())
    }

    /// A node from its parts; see [`Node::from_config`] for the checks.
    ///
    /// # Errors
    /// Those of [`Node::from_config`].
    pub fn new(
        store: Arc<Store>,
        trust_list_jws: &[u8],
        anchors: &[Anchor],
        key: SigningKey,
        me: Party,
        limits: Limits,
    ) -> Result<Self> {
        Self::serving(store, trust_list_jws, anchors, vec![(me, key)], limits)
    }

    /// A node receiving for several agencies of one region (the first is the node's own),
    /// each answering with receipts signed by its own key; see [`Node::from_config`] for the
    /// checks, made for every agency.
    ///
    /// # Errors
    /// Those of [`Node::from_config`]; `input.invalid` when `served` is empty or its
    /// agencies are not all of one region.
    pub fn serving(
        store: Arc<Store>,
        trust_list_jws: &[u8],
        anchors: &[Anchor],
        served: Vec<(Party, SigningKey)>,
        limits: Limits,
    ) -> Result<Self> {
        let Some((me, _)) = served.first() else {
            return Err(invalid("a node must receive for at least one agency"));
        };
        let me = me.clone();
        if served.iter().any(|(p, _)| p.region != me.region) {
            return Err(invalid(format!(
                "the agencies of one node must all be of its region {}",
                me.region
            )));
        }
        let now = SystemClock.now();
        let list = TrustList::load(trust_list_jws, anchors, &SystemClock, DEFAULT_GRACE_SECONDS)?;
        // Before the store records the list: a refused start leaves no trace.
        for (p, key) in &served {
            check_own_key(&list, key, p, now)?;
        }
        store.accept_trust_list(trust_list_jws, &list, now)?;
        let digest = list.digest().unwrap_or_default().to_owned();
        let trust = Arc::new(TrustStore::new(
            anchors.to_vec(),
            list,
            DEFAULT_GRACE_SECONDS,
        ));
        let verifier = Verifier::builder()
            .trust_store(Arc::clone(&trust))
            .region(me.region.as_str())
            .agencies(served.iter().map(|(p, _)| p.agency.clone()))
            .replay_guard(Arc::clone(&store) as Arc<dyn ReplayGuard>)
            .build()?;
        let commits = store.commit_queue()?;
        Ok(Self {
            verifier,
            store,
            commits,
            served,
            trust,
            published: RwLock::new((Arc::new(trust_list_jws.to_vec()), digest)),
            reference: None,
            limits,
            metrics: Metrics::default(),
            rate: RateLimiter::new(limits.client_messages_per_minute, limits.client_burst),
            refusal_logs: [
                crate::rate::LogBudget::new(REFUSAL_LOG_LINES_PER_SECOND),
                crate::rate::LogBudget::new(REFUSAL_LOG_LINES_PER_SECOND),
                crate::rate::LogBudget::new(REFUSAL_LOG_LINES_PER_SECOND),
            ],
            trusted_proxies: Vec::new(),
            writes: Mutex::new(WriteHealth::default()),
            write_failure_noted: std::sync::atomic::AtomicBool::new(false),
            #[cfg(feature = "server")]
            store_probe: StoreProbe::default(),
        })
    }

    /// Takes a newer signed trust list without a restart: verified against the pinned
    /// anchors, refused when it is older than the list the store accepted last (also from an
    /// earlier run: `trust_list.rollback`) or re-binds a key id. Verification switches to it
    /// atomically; `GET /v1/trust-list` publishes it. Returns `false` when it is the current
    /// list.
    ///
    /// A list that no longer vouches for this node's receipt key (removed, retired, revoked,
    /// expired) is taken all the same — its revocations of partner keys must apply — and the
    /// node then refuses messages with `503` until its key is replaced
    /// ([`Node::receipt_keys_usable`]): a receipt signed with a key the list has retired
    /// would be refused by every sender, for ever, since a redelivery gets the same bytes.
    ///
    /// # Errors
    /// Those of loading a trust list, `trust_list.rollback`, `trust_list.key_rebound`, the
    /// store's.
    pub fn update_trust_list(&self, jws: &[u8]) -> Result<bool> {
        let now = SystemClock.now();
        let anchors = self.trust.anchors().to_vec();
        let list = TrustList::load(jws, &anchors, &SystemClock, DEFAULT_GRACE_SECONDS)?;
        let digest = list.digest().unwrap_or_default().to_owned();
        if digest == self.trust_list().1 {
            return Ok(false);
        }
        let own_key = self
            .served
            .iter()
            .try_for_each(|(p, key)| check_own_key(&list, key, p, now));
        // Checked against the verifier's list before the store records it: a list the
        // verifier would refuse must not become the one the next start loads.
        self.trust.check_update(&list)?;
        self.store.accept_trust_list(jws, &list, now)?;
        self.trust.update(jws, &SystemClock)?;
        let mut p = self.published.write().unwrap_or_else(|e| e.into_inner());
        *p = (Arc::new(jws.to_vec()), digest);
        if let Err(e) = own_key {
            tracing::error!(
                target: "labourlink::inbox",
                sequence = list.sequence,
                error = e.message(),
                "the new trust list does not vouch for this node's receipt key: messages are answered 503 until the key is replaced"
            );
        }
        Ok(true)
    }

    /// `Ok` when the current trust list vouches, at `now`, for the receipt key of every
    /// agency this node receives for; otherwise the reason (`input.invalid`). While it is
    /// `Err`, [`Node::receive`] answers `503` (nothing is verified, stored or receipted) and
    /// `GET /healthz` answers `503`.
    ///
    /// # Errors
    /// The first key the list does not vouch for, and why.
    pub fn receipt_keys_usable(&self, now: Timestamp) -> Result<()> {
        let list = self.trust.current();
        self.served
            .iter()
            .try_for_each(|(p, key)| check_own_key(&list, key, p, now))
    }

    /// `Ok` when the node can judge and answer messages at `now`: its trust list is not stale
    /// ([`TrustStore::check_fresh`]: past `next_update` and the grace period, or its
    /// `expires_at`), nor its reference data (when it has any: the rules would go on with a
    /// calendar and region table its anchor no longer vouches for, and a restart would refuse
    /// it), and the list vouches for every receipt key ([`Node::receipt_keys_usable`]).
    /// While it is `Err`, [`Node::receive`] answers `503` with `Retry-After` (nothing is
    /// verified, stored or receipted) and `GET /healthz` answers `503`: with a stale list
    /// every message would otherwise get a signed, final `rejected` receipt
    /// (`trust_list.stale`) for the receiver's own out-of-date list, which the sender can do
    /// nothing about; answered `503`, the sender's outbox tries again later.
    ///
    /// # Errors
    /// `trust_list.stale`, `reference_data.stale`, or the first receipt key the list does
    /// not vouch for.
    pub fn ready(&self, now: Timestamp) -> Result<()> {
        self.trust.check_fresh(now)?;
        if let Some((_, data)) = &self.reference {
            data.check_fresh(now, self.trust.grace_seconds())?;
        }
        self.receipt_keys_usable(now)
    }

    /// The `503` of a node that is not [`Node::ready`].
    fn not_ready(&self, e: &Error) -> Answer {
        let logged = self.refusal_logged(LogKind::Node);
        if matches!(
            e.code(),
            ErrorCode::TrustListStale | ErrorCode::ReferenceDataStale
        ) {
            if let Some(suppressed) = logged {
                tracing::error!(
                    target: "labourlink::inbox",
                    status = 503,
                    code = e.code().as_str(),
                    error = e.message(),
                    suppressed,
                    "refused: this node's trust list or reference data is stale; messages are answered 503 until a newer one is loaded"
                );
            }
            self.metrics.refuse(503);
            return Answer::problem(503, e.code(), "").retry_after(self.limits.retry_after_seconds);
        }
        if let Some(suppressed) = logged {
            tracing::error!(
                target: "labourlink::inbox",
                status = 503,
                error = e.message(),
                suppressed,
                "refused: this node has no receipt key the trust list vouches for"
            );
        }
        self.store_unavailable()
    }

    /// Whether a refused or rejected request of `kind` may be logged now (within
    /// [`REFUSAL_LOG_LINES_PER_SECOND`] for that kind): `Some(n)` with the lines of that kind
    /// left out since the last one logged, `None` to leave this one out.
    pub(crate) fn refusal_logged(&self, kind: LogKind) -> Option<u64> {
        self.refusal_logs[kind as usize]
            .take(u64::try_from(SystemClock.now().unix_seconds()).unwrap_or(0))
    }

    /// The node's limits.
    #[must_use]
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// The node's counters.
    #[must_use]
    pub fn metrics(&self) -> &Metrics {
        &self.metrics
    }

    /// When the trust list in use is past its `next_update` but not yet stale (the grace
    /// period): its sequence, its `next_update` and when it becomes stale (from then on every
    /// message is answered `503`). `None` while it is current, and once it is stale (which
    /// [`Node::ready`] reports). The refresher logs a `WARN` with these at each refresh.
    #[must_use]
    pub fn trust_list_overdue(&self, now: Timestamp) -> Option<(u64, Timestamp, Timestamp)> {
        let list = self.trust.current();
        (now > list.next_update && self.trust.check_fresh(now).is_ok()).then(|| {
            (
                list.sequence,
                list.next_update,
                list.next_update.add_seconds(self.trust.grace_seconds()),
            )
        })
    }

    /// The reference data's sequence, `next_update` and the time it turns stale (7 days of
    /// grace later), while it is past its `next_update` but not yet stale; `None` otherwise
    /// (or without reference data).
    #[must_use]
    pub fn reference_data_overdue(&self, now: Timestamp) -> Option<(u64, Timestamp, Timestamp)> {
        let (_, data) = self.reference.as_ref()?;
        let grace = self.trust.grace_seconds();
        (now > data.next_update && data.check_fresh(now, grace).is_ok()).then(|| {
            (
                data.sequence,
                data.next_update,
                data.next_update.add_seconds(grace),
            )
        })
    }

    /// `GET /healthz`'s question to the store.
    #[cfg(feature = "server")]
    pub(crate) fn store_probe(&self) -> &StoreProbe {
        &self.store_probe
    }

    /// The node's store.
    #[must_use]
    pub fn store(&self) -> &Arc<Store> {
        &self.store
    }

    /// The signed trust list the node verifies with, and its payload digest (the `ETag`).
    #[must_use]
    pub fn trust_list(&self) -> (Arc<Vec<u8>>, String) {
        self.published
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// This node's own party (region, agency, name): the first agency it receives for.
    #[must_use]
    pub fn party(&self) -> &Party {
        &self.served[0].0
    }

    /// Every agency this node receives for, its own first.
    pub fn parties(&self) -> impl Iterator<Item = &Party> {
        self.served.iter().map(|(p, _)| p)
    }

    /// The agency a message addressed to `agency` is answered as, and its key (the node's
    /// own for an agency it does not serve: such a message is rejected anyway).
    /// The party this node serves that `to` names (region and agency), with its key.
    fn addressee(&self, to: &Party) -> Option<(&Party, &SigningKey)> {
        self.served
            .iter()
            .find(|(p, _)| p.region == to.region && p.agency == to.agency)
            .map(|(p, k)| (p, k))
    }

    fn answering_as(&self, agency: &str) -> (&Party, &SigningKey) {
        let (p, k) = self
            .served
            .iter()
            .find(|(p, _)| p.agency == agency)
            .unwrap_or(&self.served[0]);
        (p, k)
    }

    /// Receives one posted message at `now`: verifies it with the full default pipeline,
    /// commits it to the store, and answers.
    ///
    /// | outcome | status | body |
    /// |---|---|---|
    /// | accepted | 200 | signed `accepted` receipt (archived) |
    /// | redelivery (`replay.duplicate`) | 200 | the same receipt as the first time (signed again, same `received_at`, when its key has since been revoked or dropped) |
    /// | these very bytes, accepted before, refused now only because time, the trust list or the reference data changed (a `key.*`, `envelope.*`, `schema.*` or `rules.*` code) | 200 | the first receipt as archived |
    /// | `replay.conflict` | 409 | signed `rejected` receipt |
    /// | any other rejection | 422 | signed `rejected` receipt with `errors` |
    /// | not a message one can answer (no JWS, no envelope) | 400 | problem JSON |
    /// | store unavailable | 503 | problem JSON, `Retry-After` |
    ///
    /// A receipt is made only after the store's commit.
    #[must_use]
    pub fn receive(&self, bytes: &[u8], now: Timestamp) -> Answer {
        let started = std::time::Instant::now();
        if let Err(e) = self.ready(now) {
            return self.not_ready(&e);
        }
        let answer = self.receive_inner(bytes, now);
        self.metrics.observe(started.elapsed());
        answer
    }

    /// The counters and the outbox's depth per state, in the Prometheus text format (the
    /// outbox's counts asked of the store here: it blocks while the store does).
    #[must_use]
    pub fn metrics_text(&self) -> String {
        self.metrics_text_with(Some(self.store_figures()))
    }

    /// What `/metrics` asks of the store: the outbox's counts and pending times, and the
    /// store's size (`None` when the backend cannot tell).
    ///
    /// # Errors
    /// The store's errors.
    pub fn store_figures(&self) -> Result<StoreFigures> {
        Ok(StoreFigures {
            outbox: self.store.outbox_summary()?,
            size_bytes: self.store.size_bytes().ok(),
        })
    }

    /// [`Node::metrics_text`] with the outbox's counts as the caller got them: `None` when the
    /// store did not answer in time (then `labourlink_store_up` is 0 and the outbox family is
    /// left out) — so that a scrape of a node whose store hangs still answers, within the
    /// health probe's time, with every other family (audit s43 on-call F6: the scrape had
    /// timed out, every metric vanished and `labourlink_store_up` never read 0).
    #[must_use]
    pub fn metrics_text_with(&self, counts: Option<Result<StoreFigures>>) -> String {
        let mut out = self.metrics.render();
        let now = SystemClock.now();
        let list = self.trust.current();
        out.push_str(
            "# HELP labourlink_trust_list_sequence The sequence of the trust list in use.\n",
        );
        out.push_str("# TYPE labourlink_trust_list_sequence gauge\n");
        out.push_str(&format!(
            "labourlink_trust_list_sequence {}\n",
            list.sequence
        ));
        out.push_str("# HELP labourlink_trust_list_next_update_seconds Seconds until the list in use is due for its next update (negative: overdue; stale 7 days after).\n");
        out.push_str("# TYPE labourlink_trust_list_next_update_seconds gauge\n");
        out.push_str(&format!(
            "labourlink_trust_list_next_update_seconds {}\n",
            list.next_update.unix_seconds() - now.unix_seconds()
        ));
        out.push_str("# HELP labourlink_trust_list_stale 1 while the list in use is stale (past next_update and the grace period, or its expires_at) and messages are answered 503, else 0.\n");
        out.push_str("# TYPE labourlink_trust_list_stale gauge\n");
        out.push_str(&format!(
            "labourlink_trust_list_stale {}\n",
            u8::from(self.trust.check_fresh(now).is_err())
        ));
        if let Some((_, data)) = &self.reference {
            out.push_str("# HELP labourlink_reference_data_next_update_seconds Seconds until the reference data in use is due for its next update (negative: overdue; stale 7 days after, when messages are answered 503).\n");
            out.push_str("# TYPE labourlink_reference_data_next_update_seconds gauge\n");
            out.push_str(&format!(
                "labourlink_reference_data_next_update_seconds {}\n",
                data.next_update.unix_seconds() - now.unix_seconds()
            ));
        }
        // When each receipt key stops being usable, known in advance from the list (its
        // valid_until, or a retirement the list has scheduled): an alert weeks before, not the
        // 503s of the day it ends (audit s43 on-call F3). The node's own kids only: bounded.
        let ends: Vec<(&str, i64)> = self
            .served
            .iter()
            .filter_map(|(_, key)| {
                let end = key_end(list.key(key.kid())?)?;
                Some((key.kid(), end.unix_seconds()))
            })
            .collect();
        if !ends.is_empty() {
            out.push_str("# HELP labourlink_receipt_key_usable_until_timestamp_seconds When the trust list in use stops vouching for this receipt key (its valid_until, or a scheduled retirement; Unix seconds). Keys without an end are not shown.\n");
            out.push_str("# TYPE labourlink_receipt_key_usable_until_timestamp_seconds gauge\n");
            for (kid, end) in ends {
                out.push_str(&format!(
                    "labourlink_receipt_key_usable_until_timestamp_seconds{{kid=\"{}\"}} {end}\n",
                    label(kid)
                ));
            }
        }
        // The partners' keys that end in the future (their valid_until or a scheduled
        // retirement): a partner's messages are refused from then on unless its successor is
        // listed (on-call F3). Bounded by the anchor-signed list; ended keys are left out (an
        // alert on "ends within two weeks" must not fire for every key retired years ago).
        let coming: Vec<(&str, &str, i64)> = list
            .keys()
            .iter()
            .filter_map(|r| {
                let end = key_end(r)?;
                (end > now).then(|| (r.region.as_str(), r.kid.as_str(), end.unix_seconds()))
            })
            .collect();
        if !coming.is_empty() {
            out.push_str("# HELP labourlink_trust_list_key_usable_until_timestamp_seconds When a key of the trust list in use stops being usable (its valid_until, or a scheduled retirement; Unix seconds), for the keys whose end is still to come.\n");
            out.push_str("# TYPE labourlink_trust_list_key_usable_until_timestamp_seconds gauge\n");
            for (region, kid, end) in coming {
                out.push_str(&format!(
                    "labourlink_trust_list_key_usable_until_timestamp_seconds{{region=\"{}\",kid=\"{}\"}} {end}\n",
                    label(region),
                    label(kid)
                ));
            }
        }
        out.push_str("# HELP labourlink_receipt_key_usable 1 while the trust list vouches for this node's receipt keys now, 0 while messages are refused for want of one.\n");
        out.push_str("# TYPE labourlink_receipt_key_usable gauge\n");
        out.push_str(&format!(
            "labourlink_receipt_key_usable {}\n",
            u8::from(self.receipt_keys_usable(now).is_ok())
        ));
        // The outbox's counts are a store query: whether it answered (in time) is the store's
        // gauge.
        let answered = matches!(counts, Some(Ok(_)));
        out.push_str("# HELP labourlink_store_up 1 when the store answered this scrape's query in time and the node's writes to it are not failing, 0 otherwise (the node answers messages 503 meanwhile).\n");
        out.push_str("# TYPE labourlink_store_up gauge\n");
        out.push_str(&format!(
            "labourlink_store_up {}\n",
            u8::from(answered && self.store_writes_failing().is_ok())
        ));
        if let Some(Ok(figures)) = counts {
            // A disk that fills shows before writes fail (audit s43 on-call F10): with the
            // filesystem's free space (node_exporter), the store's growth.
            if let Some(size) = figures.size_bytes {
                out.push_str("# HELP labourlink_store_size_bytes The store's size on disk (SQLite: the file's pages; PostgreSQL: the database).\n");
                out.push_str("# TYPE labourlink_store_size_bytes gauge\n");
                out.push_str(&format!("labourlink_store_size_bytes {size}\n"));
            }
            let summary = figures.outbox;
            out.push_str("# HELP labourlink_outbox_messages Outbound messages in the store's outbox, by state.\n");
            out.push_str("# TYPE labourlink_outbox_messages gauge\n");
            for (state, n) in summary.counts {
                out.push_str(&format!(
                    "labourlink_outbox_messages{{state=\"{}\"}} {n}\n",
                    state.as_str()
                ));
            }
            // A partner down for hours shows here long before its messages are given up
            // (audit s43 on-call F4: the first signal had been `undeliverable`).
            if let Some((oldest, give_up)) = summary.pending {
                out.push_str("# HELP labourlink_outbox_oldest_pending_age_seconds Seconds since the oldest pending outbound message was queued (shown while one is pending).\n");
                out.push_str("# TYPE labourlink_outbox_oldest_pending_age_seconds gauge\n");
                out.push_str(&format!(
                    "labourlink_outbox_oldest_pending_age_seconds {}\n",
                    (now.unix_seconds() - oldest.unix_seconds()).max(0)
                ));
                out.push_str("# HELP labourlink_outbox_next_give_up_seconds Seconds until the first pending outbound message is given up as undeliverable (shown while one is pending).\n");
                out.push_str("# TYPE labourlink_outbox_next_give_up_seconds gauge\n");
                out.push_str(&format!(
                    "labourlink_outbox_next_give_up_seconds {}\n",
                    give_up.unix_seconds() - now.unix_seconds()
                ));
            }
        }
        out
    }

    /// Fetches the trust list from `url` (`If-None-Match`: the current list's digest) and
    /// takes it when it is newer ([`Node::update_trust_list`]). Returns whether the list
    /// changed.
    ///
    /// # Errors
    /// The fetch's (`exchange.unreachable`, `exchange.bad_response`) and the update's errors;
    /// the current list stays in use.
    #[cfg(feature = "client")]
    pub fn refresh_trust_list(&self, url: &str) -> Result<bool> {
        self.refresh_trust_list_within(url, std::time::Duration::from_secs(30))
    }

    /// [`Node::refresh_trust_list`] with the fetch bounded by `timeout` (the one a node makes
    /// before it serves: [`crate::outbox::Background::start`]).
    ///
    /// # Errors
    /// As [`Node::refresh_trust_list`].
    #[cfg(feature = "client")]
    pub fn refresh_trust_list_within(
        &self,
        url: &str,
        timeout: std::time::Duration,
    ) -> Result<bool> {
        let (_, digest) = self.trust_list();
        let outcome = match crate::client::fetch_trust_list(url, Some(&digest), timeout) {
            Ok(crate::client::Fetched::NotModified) => Ok(false),
            Ok(crate::client::Fetched::List { jws, .. }) => self.update_trust_list(&jws),
            Err(e) => Err(e),
        };
        self.metrics.trust_list_refreshed(
            SystemClock.now(),
            match &outcome {
                Ok(_) => Ok(()),
                Err(e) => Err(e.code()),
            },
        );
        outcome
    }

    /// The node's current trust list, shared with whoever refreshes it (its outbox checks
    /// receipts against it).
    #[must_use]
    pub fn trust_store(&self) -> &Arc<TrustStore> {
        &self.trust
    }

    fn receive_inner(&self, bytes: &[u8], now: Timestamp) -> Answer {
        // A reply to a message this node sent is checked against it (the archive is asked
        // only when the message has in_reply_to; the message is parsed once).
        let checked = self.store.check_answering(&self.verifier, bytes, now);
        self.receive_checked(bytes, checked, now)
    }

    /// [`Node::receive`] after stages 1–7 (`checked`).
    fn receive_checked(&self, bytes: &[u8], checked: Result<Verified>, now: Timestamp) -> Answer {
        // The receipt is signed before the commit and archived in the same transaction as the
        // message (grouped with concurrent requests): one fsync per group, and the receipt
        // is sent only after it.
        let receipt = match &checked {
            Ok(v) => match self.sign_accepted(v, now) {
                Ok(r) => Some(r),
                Err(answer) => return answer,
            },
            Err(_) => None,
        };
        let (jws, archived) = receipt.unzip();
        let result = self
            .commits
            .receive(&self.verifier, bytes, checked, archived, now);
        self.answer(bytes, result, jws, now)
    }

    /// [`Node::receive`] for an async caller (the HTTP inbox): the same decisions and answers,
    /// but the task never blocks on the store. Verification (stages 1–7, CPU work without
    /// I/O) and the receipt's signature run on the calling task; the commit is awaited as a
    /// future from the commit thread. A reply (`in_reply_to`) is checked against the earlier
    /// message, which is looked up in the archive inside `tokio::task::block_in_place` (on a
    /// current-thread runtime the task waits for the lookup); the message is verified once.
    /// What writes or queries the store afterwards — a rejection (quarantine), a redelivery
    /// (the first receipt) — goes to the runtime's blocking pool.
    ///
    /// The work runs as a task of its own: a client that goes away mid-request (its HTTP
    /// future dropped) does not cut it short, so a conflict is still quarantined and a
    /// committed message keeps its archived receipt for the redelivery.
    #[cfg(feature = "server")]
    pub async fn receive_async(self: Arc<Self>, bytes: Vec<u8>, now: Timestamp) -> Answer {
        self.receive_async_holding(bytes, now, ()).await
    }

    /// [`Node::receive_async`], holding `slot` until the work is done — also when the caller
    /// stops waiting (its client hung up): the HTTP inbox passes its work slot
    /// (`max_concurrent_requests`) here, so messages whose clients went away still count
    /// against the limit while they are verified and committed.
    #[cfg(feature = "server")]
    pub async fn receive_async_holding<S: Send + 'static>(
        self: Arc<Self>,
        bytes: Vec<u8>,
        now: Timestamp,
        slot: S,
    ) -> Answer {
        use tracing::Instrument as _;
        let started = std::time::Instant::now();
        if let Err(e) = self.ready(now) {
            return self.not_ready(&e);
        }
        let inner = Arc::clone(&self).receive_async_inner(bytes, now);
        let work = async move {
            let answer = inner.await;
            drop(slot);
            answer
        }
        .instrument(tracing::Span::current());
        let answer = joined(tokio::spawn(work).await);
        self.metrics.observe(started.elapsed());
        answer
    }

    #[cfg(feature = "server")]
    async fn receive_async_inner(self: Arc<Self>, bytes: Vec<u8>, now: Timestamp) -> Answer {
        let span = tracing::Span::current();
        // A reply (`in_reply_to`) is checked against the message it answers, looked up in the
        // archive once the document is read: a store query, which blocks. On a multi-thread
        // runtime `block_in_place` hands this worker's other tasks to another worker while
        // it waits; a current-thread runtime has no other worker, and waits.
        let multi_thread = tokio::runtime::Handle::current().runtime_flavor()
            == tokio::runtime::RuntimeFlavor::MultiThread;
        let lookup = |doc: &Document| {
            if multi_thread {
                tokio::task::block_in_place(|| self.store.answered(doc, now))
            } else {
                self.store.answered(doc, now)
            }
        };
        let v = match self.verifier.check_reply_lookup_at(&bytes, now, &lookup) {
            Ok(v) => v,
            // A rejection is quarantined: a store write, on the blocking pool.
            rejected => {
                return blocking(move || {
                    span.in_scope(|| self.receive_checked(&bytes, rejected, now))
                })
                .await;
            }
        };
        let (jws, archived) = match self.sign_accepted(&v, now) {
            Ok(r) => r,
            Err(answer) => return answer,
        };
        let (tx, rx) = tokio::sync::oneshot::channel();
        let queued =
            self.commits
                .enqueue(&self.verifier, &v, &bytes, Some(archived), now, move |c| {
                    let _ = tx.send(c);
                });
        if let Err(e) = queued {
            return self.answer(&bytes, Err(e), None, now);
        }
        let committed = rx
            .await
            .unwrap_or_else(|_| labourlink_store::Committed::lost());
        if committed.is_recorded() {
            let result = self
                .commits
                .finish(&self.verifier, &bytes, v, committed, now);
            return self.answer(&bytes, result, Some(jws), now);
        }
        // A redelivery or a conflict found at the commit: the answer queries the store.
        blocking(move || {
            span.in_scope(|| {
                let result = self
                    .commits
                    .finish(&self.verifier, &bytes, v, committed, now);
                self.answer(&bytes, result, Some(jws), now)
            })
        })
        .await
    }

    /// The answer to a received message, from the outcome of its commit (`result`) and the
    /// receipt signed for it (`jws`, when it passed stages 1–7).
    fn answer(
        &self,
        bytes: &[u8],
        result: Result<Verified>,
        jws: Option<Vec<u8>>,
        now: Timestamp,
    ) -> Answer {
        match result {
            Ok(v) => {
                self.metrics.accepted.fetch_add(1, Ordering::Relaxed);
                self.write_succeeded();
                let doc = v.document();
                tracing::info!(
                    target: "labourlink::inbox",
                    status = 200,
                    id = doc.id.as_str(),
                    message_type = doc.message_type.as_str(),
                    from = %format_args!("{}/{}", doc.from.region, doc.from.agency),
                    to_agency = doc.to.agency.as_str(),
                    warnings = v.warnings().len(),
                    "accepted, stored and receipted"
                );
                Answer::receipt(200, jws.unwrap_or_default())
            }
            Err(e) => match e.code() {
                ErrorCode::ReplayDuplicate => self.redelivered(bytes, now),
                c if c.family() == "store" => {
                    if let Some(suppressed) = self.refusal_logged(LogKind::Node) {
                        tracing::error!(
                            target: "labourlink::inbox",
                            status = 503,
                            code = c.as_str(),
                            error = e.message(),
                            suppressed,
                            "the store is unavailable: answered 503"
                        );
                    }
                    self.write_failed(c);
                    self.store_unavailable()
                }
                // Accepted once, and only time or trust has changed since: a redelivery of
                // these very bytes after the message's maximum age or expiry, after its
                // signing key was revoked or dropped from the trust list, or after newer
                // reference data (its first answer lost, an operator's retry after an outage)
                // gets the first receipt, not a rejection of a message this inbox holds as
                // accepted (audit s38 time F4, audit s41 keys F3). Asked of the archive only
                // for the codes that can change for the same bytes (keys, the envelope's time
                // and types, schema and rules with newer data), never for bytes that could not
                // have verified then (their JSON, JWS, payload or signature).
                c if redelivery_may_differ(c) && self.accepted_before(bytes) => {
                    self.redelivered_after(c, bytes, now)
                }
                c => {
                    self.metrics.reject(c);
                    let status = if c == ErrorCode::ReplayConflict {
                        409
                    } else {
                        422
                    };
                    // Logged with the status actually answered (400 when no receipt can name
                    // the message or be signed as its addressee) and the id `rejected` read.
                    let (answer, id, from) = self.rejected(bytes, &e, status, now);
                    if let Some(suppressed) = self.refusal_logged(LogKind::of_rejection(c)) {
                        // Which partner (audit s43 on-call F7): the sender once a signature
                        // verified (before that anyone can write any envelope; and an envelope
                        // whose sender is not the signer's party names nobody: review s43 L1),
                        // and for the envelope's codes what was wrong — its times against this
                        // node's clock: envelope values only, escaped and cut (a rule's text may
                        // state an age or an amount, and is not logged).
                        let signed = !c.is_before_signatures();
                        let from = if signed && c != ErrorCode::EnvelopeIssuerMismatch {
                            from.as_str()
                        } else {
                            "unverified"
                        };
                        let error = if signed && c.family() == "envelope" {
                            e.message()
                        } else {
                            ""
                        };
                        tracing::warn!(
                            target: "labourlink::inbox",
                            status = answer.status,
                            code = c.as_str(),
                            path = &*shown_pointer(e.path().unwrap_or("")),
                            id = id.as_str(),
                            from = labourlink::error::shown(from).as_str(),
                            error,
                            suppressed,
                            "rejected"
                        );
                    }
                    answer
                }
            },
        }
    }

    /// The signed `accepted` receipt of a verified message, and its archive entry; or the
    /// answer without one: `503` when the trust list does not vouch for the receipt key at
    /// the receipt's own date ([`Node::receipt_key_usable_for`]).
    fn sign_accepted(
        &self,
        v: &Verified,
        now: Timestamp,
    ) -> std::result::Result<(Vec<u8>, NewMessage), Answer> {
        let ack = Acknowledged {
            id: v.id().to_owned(),
            digest: v.digest().to_owned(),
            message_type: v.message_type().to_owned(),
            from: v.document().from.clone(),
            case: v.document().case.clone(),
            issued_at: Some(v.issued_at()),
        };
        let warnings: Vec<ReceiptError> = v
            .warnings()
            .iter()
            .map(|w| ReceiptError::new(w.code.clone(), w.path.clone(), w.message.clone()))
            .collect();
        let (me, key) = self.answering_as(&v.document().to.agency);
        self.receipt_key_usable_for(me, key, &ack, now)?;
        sign_receipt(me, key, &ack, true, now, &warnings, now)
            .map(|s| s.into_archived(now))
            .map_err(|e| Answer::problem(500, e.code(), ""))
    }

    /// `Ok` when the trust list vouches for `key` at the date the receipt for `ack` signed at
    /// `now` gets ([`crate::receipt::receipt_time`]: up to the largest leeway after now for a
    /// message from a sender whose clock is ahead), else the `503` to answer: a receipt dated
    /// at or after the key's retirement would be refused by the sender, and the archived
    /// receipt is what every redelivery gets — so the message waits for the key that replaces
    /// it.
    fn receipt_key_usable_for(
        &self,
        me: &Party,
        key: &SigningKey,
        ack: &Acknowledged,
        now: Timestamp,
    ) -> std::result::Result<(), Answer> {
        let dated = crate::receipt::receipt_time(ack.issued_at, now);
        check_own_key(&self.trust.current(), key, me, dated).map_err(|e| self.not_ready(&e))
    }

    /// Signs the accepted receipt and archives it; when the archive already holds it (a
    /// concurrent redelivery made it first), the archived one is the answer.
    fn accepted(
        &self,
        to_agency: &str,
        ack: &Acknowledged,
        received_at: Timestamp,
        warnings: &[ReceiptError],
        resign: bool,
        now: Timestamp,
    ) -> Answer {
        let (me, key) = self.answering_as(to_agency);
        let rid = receipt_id(&ack.from.region, &ack.from.agency, &ack.id);
        let stored = match self.stored_receipt(me, &rid) {
            // Signed with a key the trust list has since revoked or dropped (a leaked receipt
            // key, EXCHANGE.md): every sender would refuse it, so the same receipt (the same
            // `received_at` and warnings) is signed again with the current key, and sent
            // without replacing the archived one (audit s41 keys F5).
            Ok(Some(stored)) if resign && self.signed_with_a_key_refused_now(&stored) => {
                Some(stored)
            }
            Ok(Some(stored)) => return Answer::receipt(200, stored),
            _ => None,
        };
        if let Err(answer) = self.receipt_key_usable_for(me, key, ack, now) {
            return answer;
        }
        let (jws, archived) = match sign_receipt(me, key, ack, true, received_at, warnings, now) {
            Ok(s) => s.into_archived(now),
            Err(e) => return Answer::problem(500, e.code(), ""),
        };
        if stored.is_some() {
            return Answer::receipt(200, jws);
        }
        match self.store.archive(&archived) {
            Ok(true) => Answer::receipt(200, jws),
            Ok(false) => match self.stored_receipt(me, &rid) {
                Ok(Some(earlier)) => Answer::receipt(200, earlier),
                // The body was purged (retention): the new signature says the same.
                Ok(None) => Answer::receipt(200, jws),
                Err(e) => {
                    self.write_failed(e.code());
                    self.store_unavailable()
                }
            },
            Err(e) => {
                self.write_failed(e.code());
                self.store_unavailable()
            }
        }
    }

    /// Whether a stored receipt is signed with a key the current trust list revokes or no
    /// longer lists (a sender would refuse it whatever its date).
    fn signed_with_a_key_refused_now(&self, receipt: &[u8]) -> bool {
        let Ok(parsed) = jws::parse(receipt, JsonLimits::default(), &AlgorithmPolicy::default())
        else {
            return false;
        };
        let list = self.trust.current();
        parsed.signatures.iter().any(|sig| {
            list.key(&sig.header.kid)
                .is_none_or(|k| k.status == labourlink::trust::KeyStatus::Revoked)
        })
    }

    /// Notes a store write that failed while receiving (counted; `GET /healthz` answers 503
    /// for [`STORE_WRITE_FAILURE_HOLD`], or until a restart when the store is damaged).
    fn write_failed(&self, code: ErrorCode) {
        self.metrics.store_failed(code);
        let mut w = self.writes.lock().unwrap_or_else(|p| p.into_inner());
        w.failed = Some((std::time::Instant::now(), code));
        w.corrupt |= code == ErrorCode::StoreCorrupt;
        self.write_failure_noted.store(true, Ordering::Release);
    }

    fn write_succeeded(&self) {
        if !self.write_failure_noted.load(Ordering::Acquire) {
            return;
        }
        let mut w = self.writes.lock().unwrap_or_else(|p| p.into_inner());
        w.failed = None;
        self.write_failure_noted.store(false, Ordering::Release);
    }

    /// `Err` with the reason while the node's writes to its store fail: a damaged store
    /// (`store.corrupt`, until the node restarts: check and restore it), or a write that failed
    /// less than [`STORE_WRITE_FAILURE_HOLD`] ago with none succeeding since (a full disk, a
    /// lock held too long). The reason names the code, never the driver's text.
    ///
    /// # Errors
    /// The reason, as `GET /healthz` words it.
    pub fn store_writes_failing(&self) -> std::result::Result<(), String> {
        let w = self.writes.lock().unwrap_or_else(|p| p.into_inner());
        if w.corrupt {
            return Err(
                "a write found the store damaged (store.corrupt): stop the node, run `labourlink store check` and restore the store from a backup".to_owned(),
            );
        }
        match w.failed {
            Some((at, code)) if at.elapsed() < STORE_WRITE_FAILURE_HOLD => Err(format!(
                "the last write to the store failed {} s ago ({}) and none has succeeded since",
                at.elapsed().as_secs(),
                code.as_str()
            )),
            _ => Ok(()),
        }
    }

    fn store_unavailable(&self) -> Answer {
        self.metrics.refuse(503);
        Answer::problem(503, ErrorCode::ExchangeOverloaded, "")
            .retry_after(self.limits.retry_after_seconds)
    }

    fn stored_receipt(&self, me: &Party, rid: &str) -> Result<Option<Vec<u8>>> {
        Ok(self
            .store
            .archived(Direction::Sent, &me.region, &me.agency, rid)?
            .and_then(|m| m.jws))
    }

    /// Whether this inbox accepted exactly these bytes before: the archive holds them as
    /// received and accepted (its body not yet dropped by retention) **and** the receipt this
    /// node signed for them — a message archived by another program on the same store
    /// (`verify --store`, a script) was never answered by this inbox, and gets no receipt on
    /// that ground.
    fn accepted_before(&self, bytes: &[u8]) -> bool {
        let Ok((doc, _)) = decode_sent(bytes) else {
            return false;
        };
        let accepted = self
            .store
            .archived(
                Direction::Received,
                &doc.from.region,
                &doc.from.agency,
                &doc.id,
            )
            .ok()
            .flatten()
            .is_some_and(|m| m.outcome == "accepted" && m.jws.as_deref() == Some(bytes));
        let (me, _) = self.answering_as(&doc.to.agency);
        let rid = receipt_id(&doc.from.region, &doc.from.agency, &doc.id);
        accepted && matches!(self.stored_receipt(me, &rid), Ok(Some(_)))
    }

    /// A redelivery of an accepted message (it passed stages 1–7 again; the replay record has
    /// the same digest; or the archive holds these very bytes as accepted and only its age
    /// refused it now): the receipt of the first delivery, made now if a crash lost it.
    fn redelivered(&self, bytes: &[u8], now: Timestamp) -> Answer {
        self.redelivered_after(ErrorCode::ReplayDuplicate, bytes, now)
    }

    /// [`Node::redelivered`], logged with the code verification gave this time
    /// (`replay.duplicate`, or `envelope.too_old` / `envelope.expired` for a late one).
    fn redelivered_after(&self, code: ErrorCode, bytes: &[u8], now: Timestamp) -> Answer {
        let Ok(m) = NewMessage::from_jws(Direction::Received, bytes, now) else {
            return Answer::problem(500, ErrorCode::InternalError, "");
        };
        tracing::info!(
            target: "labourlink::inbox",
            status = 200,
            code = code.as_str(),
            id = m.id.as_str(),
            "redelivery of an accepted message: the first receipt again"
        );
        self.metrics.redelivered.fetch_add(1, Ordering::Relaxed);
        let ack = Acknowledged {
            id: m.id.clone(),
            digest: m.digest.clone(),
            message_type: m.message_type.clone(),
            from: Party::new(m.from_region.as_str(), m.from_agency.as_str()),
            case: m
                .case_id
                .clone()
                .zip(m.case_type.clone())
                .map(|(id, t)| labourlink::envelope::CaseRef { id, case_type: t }),
            // Accepted before: a receipt signed again now is later than the message anyway.
            issued_at: None,
        };
        let earlier = self
            .store
            .archived(Direction::Received, &m.from_region, &m.from_agency, &m.id)
            .ok()
            .flatten();
        let received_at = earlier.as_ref().map_or(now, |a| a.at);
        let warnings: Vec<ReceiptError> = earlier
            .map(|a| {
                a.warnings
                    .into_iter()
                    .map(|(c, p)| {
                        let summary = ErrorCode::from_code_str(&c)
                            .map_or("a warning of verification", |k| k.summary());
                        ReceiptError::new(c, p, summary)
                    })
                    .collect()
            })
            .unwrap_or_default();
        // The sender's name is not in the archive's columns; the party is the same.
        let mut ack = ack;
        if let Ok((doc, _)) = decode(bytes) {
            ack.from = doc.from;
        }
        // A receipt signed again only for a message that verifies now (a redelivery found by
        // the replay record): one accepted before a key of its signer was revoked gets the
        // first receipt as it was, never a new signature under the node's current key (review
        // s41 F4).
        let resign = code == ErrorCode::ReplayDuplicate;
        self.accepted(&m.to_agency, &ack, received_at, &warnings, resign, now)
    }

    /// A signed `rejected` receipt when the message can be told apart (a JWS with an
    /// envelope and a UUID id); a problem answer (400) otherwise.
    /// The answer to a rejected message, and its `id` for the log (empty when the envelope
    /// cannot be read).
    /// The answer to a rejected message, its id and its sender (`region/agency` as the
    /// envelope states it; empty when the envelope cannot be read).
    fn rejected(
        &self,
        bytes: &[u8],
        e: &Error,
        status: u16,
        now: Timestamp,
    ) -> (Answer, String, String) {
        let Ok((doc, digest)) = decode(bytes) else {
            return (Answer::refusal(400, e), String::new(), String::new());
        };
        let id = doc.id.clone();
        let from = format!("{}/{}", doc.from.region, doc.from.agency);
        (self.rejected_decoded(doc, digest, e, status, now), id, from)
    }

    fn rejected_decoded(
        &self,
        doc: Document,
        digest: String,
        e: &Error,
        status: u16,
        now: Timestamp,
    ) -> Answer {
        if !labourlink::envelope::is_uuid(&doc.id) {
            return Answer::refusal(400, e);
        }
        // A receipt is signed by the addressee, and the sender checks exactly that: for a
        // message to a party this node does not serve (`envelope.wrong_audience`, or any
        // error of a message so addressed) a receipt signed by one of its own agencies could
        // never verify, and the sender would retry it for days. It gets the problem JSON.
        let Some((me, key)) = self.addressee(&doc.to) else {
            return Answer::refusal(400, e);
        };
        let ack = Acknowledged {
            issued_at: Timestamp::parse(&doc.issued_at).ok(),
            id: doc.id,
            digest,
            message_type: doc.message_type,
            from: doc.from,
            case: doc.case,
        };
        let errors = ReceiptError::from_error(e);
        match sign_receipt(me, key, &ack, false, now, &errors, now) {
            Ok(signed) => Answer::receipt(status, signed.jws.into_bytes()),
            Err(_) => Answer::refusal(400, e),
        }
    }
}

/// Whether bytes accepted once may be refused with `code` now (the clock, the trust list or
/// the reference data changed): keys, the envelope (its age, expiry, types allowed), schema and
/// rules. Not the codes the same bytes always get (`json.*`, `jws.*`, `payload.*`,
/// `signature.*`: they never verified), nor `replay.conflict` (other bytes).
fn redelivery_may_differ(code: ErrorCode) -> bool {
    matches!(code.family(), "key" | "envelope" | "schema" | "rules")
}

/// Checks that `list` vouches for `key` as `me`'s receipt key at `now`: listed for this
/// region and agency with the type `receipt`, and usable for a receipt issued now — active
/// (or retired only from a later time; a revoked key never, whatever its `since`: nothing it
/// signed verifies, LL-KEY-003) and within `valid_from`..`valid_until`.
/// A receipt signed otherwise is refused by every sender that checks it.
fn check_own_key(list: &TrustList, key: &SigningKey, me: &Party, now: Timestamp) -> Result<()> {
    let Some(own) = list.key(key.kid()) else {
        return Err(invalid(format!(
            "the trust list does not list this node's key '{}': partners could not verify its receipts",
            key.kid()
        ))
        .zh(format!(
            "信任列表中没有本节点的密钥 '{}'：协作方无法验证它签发的回执",
            key.kid()
        )));
    };
    if own.key != key.verifying_key()
        || own.region != me.region
        || own.agency != me.agency
        || !own.allows_type("receipt")
    {
        return Err(invalid(format!(
            "the trust list's record '{}' is not this node's key for {} / {} with the type receipt",
            key.kid(),
            me.region,
            me.agency
        ))
        .zh(format!(
            "信任列表中的记录 '{}' 不是本节点 {} / {} 的、授权类型含 receipt 的密钥",
            key.kid(),
            me.region,
            me.agency
        )));
    }
    let replace = "configure the key that replaces it (signing_key in node.toml) and restart";
    const REPLACE_ZH: &str = "请配置替代它的密钥（node.toml 中的 signing_key）并重启";
    if own.status == labourlink::trust::KeyStatus::Revoked
        || (own.status != labourlink::trust::KeyStatus::Active
            && own.status_since.is_none_or(|t| t <= now))
    {
        let since = own
            .status_since
            .map_or_else(|| "always".to_owned(), |t| t.to_string());
        let (whatever, whatever_zh) = if own.status == labourlink::trust::KeyStatus::Revoked {
            (
                " (a revoked key verifies nothing, whatever the date)",
                "（被吊销的密钥无论日期如何都不再通过验证）",
            )
        } else {
            ("", "")
        };
        return Err(invalid(format!(
            "the trust list marks this node's receipt key '{}' {} since {since}: senders refuse the receipts it signs now{whatever}; {replace}",
            key.kid(),
            own.status.as_str(),
        ))
        .zh(format!(
            "信任列表自 {since} 起将本节点的回执密钥 '{}' 标为 {}：发送方会拒绝它现在签发的回执{whatever_zh}；{REPLACE_ZH}",
            key.kid(),
            own.status.as_str(),
        )));
    }
    if own.valid_from > now || own.valid_until.is_some_and(|u| u <= now) {
        let until = own
            .valid_until
            .map_or_else(|| "(open)".to_owned(), |t| t.to_string());
        return Err(invalid(format!(
            "this node's receipt key '{}' is valid from {} until {until} in the trust list, not now ({now}): senders refuse the receipts it signs; {replace}",
            key.kid(),
            own.valid_from,
        ))
        .zh(format!(
            "信任列表中本节点的回执密钥 '{}' 的有效期为 {} 至 {until}，不含当前时间（{now}）：发送方会拒绝它签发的回执；{REPLACE_ZH}",
            key.kid(),
            own.valid_from,
        )));
    }
    Ok(())
}

/// Decodes a message without verifying it: its envelope and the digest of its payload bytes.
fn decode(bytes: &[u8]) -> Result<(Document, String)> {
    let parsed = jws::parse(bytes, JsonLimits::default(), &AlgorithmPolicy::default())?;
    let digest = labourlink::verify::digest(&parsed.payload);
    let value = labourlink::json::parse_document(&parsed.payload)?;
    let checked = Document::from_value(&value)?;
    Ok((checked.document, digest))
}

/// Decodes a message this side sent: its envelope and its digest (the payload must be
/// canonical, as a signer makes it).
///
/// # Errors
/// The `jws.*`, `json.*`, `payload.*` and `envelope.*` errors of decoding.
pub fn decode_sent(bytes: &[u8]) -> Result<(Document, String)> {
    let parsed = jws::parse(bytes, JsonLimits::default(), &AlgorithmPolicy::default())?;
    let (value, digest) =
        labourlink::verify::parse_canonical_payload(&parsed.payload, JsonLimits::default())?;
    Ok((Document::from_value(&value)?.document, digest))
}

/// Runs `f` on the runtime's blocking pool; a panic there is answered 500.
#[cfg(feature = "server")]
async fn blocking(f: impl FnOnce() -> Answer + Send + 'static) -> Answer {
    joined(tokio::task::spawn_blocking(f).await)
}

/// The answer of a task that was joined; a panic in it is answered 500.
#[cfg(feature = "server")]
fn joined(r: std::result::Result<Answer, tokio::task::JoinError>) -> Answer {
    r.unwrap_or_else(|_| Answer::problem(500, ErrorCode::InternalError, ""))
}

#[cfg(all(test, feature = "server"))]
mod tests {
    use super::*;

    /// A panic in the work of a request is answered 500 with `internal.error` (a defect of the
    /// node, not of the sender's message); the runtime goes on answering.
    #[test]
    fn a_panicked_task_is_answered_500_internal_error() {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .build()
            .unwrap();
        rt.block_on(async {
            let answer = blocking(|| panic!("a defect in the work")).await;
            assert_eq!(answer.status, 500);
            assert_eq!(answer.content_type, PROBLEM_JSON);
            let body: serde_json::Value = serde_json::from_slice(&answer.body).unwrap();
            assert_eq!(body["errors"][0]["code"], "internal.error");
            assert_eq!(body["errors"][0]["path"], "");
            assert!(!String::from_utf8_lossy(&answer.body).contains("a defect in the work"));
            let spawned = joined(tokio::spawn(async { panic!("again") }).await);
            assert_eq!(spawned, Answer::problem(500, ErrorCode::InternalError, ""));
            let fine = blocking(|| Answer::problem(503, ErrorCode::ExchangeOverloaded, "")).await;
            assert_eq!(fine.status, 503);
        });
    }
}

#[cfg(test)]
mod log_kind_tests {
    use super::*;

    /// Garbage and a partner's rejected message are logged on separate budgets (review s38
    /// F3: a garbage flood had left none of five real rejections in the log).
    #[test]
    fn garbage_and_signed_rejections_have_separate_log_budgets() {
        for garbage in [
            ErrorCode::JsonSyntax,
            ErrorCode::JwsMalformed,
            ErrorCode::SignatureInvalid,
            ErrorCode::KeyUnknown,
        ] {
            assert_eq!(LogKind::of_rejection(garbage), LogKind::Unsigned);
        }
        for signed in [
            ErrorCode::SchemaInvalid,
            ErrorCode::RuleViolation,
            ErrorCode::ReplayConflict,
            ErrorCode::EnvelopeTooOld,
        ] {
            assert_eq!(LogKind::of_rejection(signed), LogKind::Signed);
        }
        let budgets = [
            crate::rate::LogBudget::new(REFUSAL_LOG_LINES_PER_SECOND),
            crate::rate::LogBudget::new(REFUSAL_LOG_LINES_PER_SECOND),
        ];
        for _ in 0..1000 {
            let _ = budgets[LogKind::Unsigned as usize].take(5);
        }
        assert_eq!(budgets[LogKind::Unsigned as usize].take(5), None);
        assert_eq!(budgets[LogKind::Signed as usize].take(5), Some(0));
    }
}
