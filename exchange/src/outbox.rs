//! The durable outbox's delivery worker (发件箱投递): messages are stored first
//! ([`enqueue`]), then posted by [`Outbox::run_once`] — from `labourlink send --store`, from
//! `labourlink outbox run`, or from the background thread of a serving node
//! ([`Outbox::spawn`]).
//!
//! Each attempt posts the exact stored bytes. A receipt is verified as the reply to the
//! message ([`crate::client::check_receipt`]: signed by a key of the addressee in the trust
//! list, `received_id` and `received_digest` those of the message), archived as a received
//! message, and ends the delivery: `delivered` (accepted) or `rejected`. Anything else —
//! no connection, 5xx, 408, 429, a 400 `exchange.body_incomplete`, a receipt cut off or one
//! that does not verify — is retried with exponential backoff and jitter, `Retry-After`
//! honoured, until the message's `give_up_at`, when it becomes `undeliverable` and waits for
//! an operator (`labourlink outbox retry|drop`). An answer without a receipt that the same
//! bytes cannot change (413, 415, any other 400) makes it undeliverable at once.
//!
//! Delivery is at least once; the inbox answers a redelivery with the same receipt, so the
//! effect is exactly once (tested through a proxy that drops, cuts and delays answers:
//! `outbox_delivers_each_message_once_in_effect_through_a_faulty_proxy` in
//! `exchange/tests/http.rs`).

use crate::config::{MAX_FILE_BYTES, read_file_limited};
use crate::receipt::ReceiptBody;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use labourlink::time::{Clock, SystemClock, Timestamp};
use labourlink::trust::{TrustList, TrustStore};
use labourlink::{Error, ErrorCode, Result, Verifier};
use labourlink_store::{Attempt, EndpointSource, NewMessage, OutboxItem, OutboxState, Store};

use crate::client::{self, PostOutcome};
use crate::node::decode_sent;

/// The longest time before an undelivered message is given up that a caller may set: ten
/// years, in hours (the `--give-up-after` of `labourlink send`, `outbox retry`).
pub const MAX_GIVE_UP_HOURS: u64 = 87_600;

/// `hours` as a give-up time: `input.invalid` naming `name` unless it is 1 to
/// [`MAX_GIVE_UP_HOURS`] (a larger one would put the give-up time past the calendar).
///
/// # Errors
/// `input.invalid`.
pub fn give_up_hours(name: &str, hours: u64) -> Result<Duration> {
    if (1..=MAX_GIVE_UP_HOURS).contains(&hours) {
        Ok(Duration::from_secs(hours * 3600))
    } else {
        Err(Error::new(
            ErrorCode::InputInvalid,
            format!(
                "{name} is {hours}: it must be from 1 to {MAX_GIVE_UP_HOURS} hours (ten years)"
            ),
        )
        .zh(format!(
            "{name} 为 {hours}：须为 1 到 {MAX_GIVE_UP_HOURS} 小时（十年）"
        )))
    }
}

/// How the outbox retries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct DeliveryPolicy {
    /// The wait after the first failed attempt; doubled after each one.
    pub initial_backoff: Duration,
    /// The longest wait between attempts (also the ceiling for `Retry-After`).
    pub max_backoff: Duration,
    /// The time one attempt may take, connection to last byte.
    pub timeout: Duration,
    /// How long after enqueuing a message is given up (undeliverable) if no receipt came.
    pub give_up_after: Duration,
    /// The most messages one [`Outbox::run_once`] claims.
    pub batch: u64,
}

impl Default for DeliveryPolicy {
    fn default() -> Self {
        Self {
            initial_backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(300),
            timeout: Duration::from_secs(30),
            give_up_after: Duration::from_secs(72 * 3600),
            batch: 32,
        }
    }
}

impl DeliveryPolicy {
    /// Sets the first backoff and its ceiling.
    #[must_use]
    pub fn backoff(mut self, initial: Duration, max: Duration) -> Self {
        self.initial_backoff = initial;
        self.max_backoff = max.max(initial);
        self
    }

    /// Sets the time one attempt may take.
    #[must_use]
    pub fn timeout(mut self, t: Duration) -> Self {
        self.timeout = t;
        self
    }

    /// Sets how long after enqueuing a message is given up.
    #[must_use]
    pub fn give_up_after(mut self, d: Duration) -> Self {
        self.give_up_after = d;
        self
    }

    /// Sets the most messages one run claims (at least 1).
    #[must_use]
    pub fn batch(mut self, n: u64) -> Self {
        self.batch = n.max(1);
        self
    }
}

fn millis(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

fn after(t: Timestamp, d: Duration) -> Timestamp {
    Timestamp::from_unix_millis(t.unix_millis().saturating_add(millis(d)))
}

/// Where a message is posted: the inbox URL and where it came from. A URL from the trust
/// list follows later trust lists while the message waits ([`EndpointSource::TrustList`]);
/// a URL given as a `&str` is kept as given.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Destination {
    /// The inbox URL.
    pub url: String,
    /// Where it came from.
    pub source: EndpointSource,
}

impl From<&str> for Destination {
    fn from(url: &str) -> Self {
        Self {
            url: url.to_owned(),
            source: EndpointSource::Given,
        }
    }
}

impl From<&String> for Destination {
    fn from(url: &String) -> Self {
        Self::from(url.as_str())
    }
}

impl From<&Destination> for Destination {
    fn from(d: &Destination) -> Self {
        d.clone()
    }
}

/// Where a message goes: `explicit` if given, else the addressee's `endpoint` in the trust
/// list.
///
/// # Errors
/// `input.invalid` when neither names an inbox, or `explicit` is not a usable inbox URL
/// ([`labourlink::trust::check_inbox_url`]).
pub fn resolve_endpoint(
    jws: &[u8],
    explicit: Option<&str>,
    trust_list: Option<&TrustList>,
) -> Result<String> {
    resolve_destination(jws, explicit, trust_list).map(|d| d.url)
}

/// [`resolve_endpoint`], saying where the URL came from: queued with [`enqueue`] or
/// [`Outbox::send`], a URL from the trust list is replaced by the addressee's endpoint in the
/// worker's current trust list when that changes (a partner that moves its inbox publishes
/// the new URL in its trust list, and what waits for it goes there).
///
/// ```
/// use labourlink_exchange::outbox::{Destination, resolve_destination};
/// use labourlink_store::EndpointSource;
/// let d: Destination = "https://inbox.example.gov.cn/v1/messages".into();
/// assert_eq!(d.source, EndpointSource::Given);
/// // A URL given is kept as given, after a check that it can work at all.
/// let d = resolve_destination(b"", Some("https://inbox.example.gov.cn/v1/messages"), None);
/// assert_eq!(d.unwrap().source, EndpointSource::Given);
/// let e = resolve_destination(b"", Some("ftp://inbox.example.gov.cn/"), None).unwrap_err();
/// assert_eq!(e.code().as_str(), "input.invalid");
/// ```
///
/// # Errors
/// As [`resolve_endpoint`].
pub fn resolve_destination(
    jws: &[u8],
    explicit: Option<&str>,
    trust_list: Option<&TrustList>,
) -> Result<Destination> {
    if let Some(u) = explicit {
        // A URL that can never work is refused before anything is queued or archived.
        labourlink::trust::check_inbox_url(u)?;
        return Ok(Destination::from(u));
    }
    let (doc, _) = decode_sent(jws)?;
    trust_list
        .and_then(|l| l.endpoint(&doc.to.region, &doc.to.agency))
        .zip(trust_list)
        .map(|(url, list)| Destination {
            url: url.to_owned(),
            source: EndpointSource::TrustList {
                sequence: list.sequence,
            },
        })
        .ok_or_else(|| {
            Error::new(
                ErrorCode::InputInvalid,
                format!(
                    "no inbox URL for {} / {}: the trust list has no endpoint for that agency (give the URL, or ask the anchor holder to add one with `trust-list add --endpoint`)",
                    doc.to.region, doc.to.agency
                ),
            )
        })
}

/// Stores a signed message in the outbox for delivery to `endpoint` (a [`Destination`], or a
/// URL as given) and archives it as sent, at `now`, giving up after `policy.give_up_after`. Returns the queued item;
/// enqueuing the same message again returns the existing one.
///
/// # Errors
/// Decoding errors of `jws`, `input.invalid` for an `endpoint` that is not a usable inbox
/// URL, `replay.conflict` (another message under its id), the store's.
pub fn enqueue(
    store: &Store,
    jws: &[u8],
    endpoint: impl Into<Destination>,
    now: Timestamp,
    policy: &DeliveryPolicy,
) -> Result<OutboxItem> {
    let (doc, _) = decode_sent(jws)?;
    let to = endpoint.into();
    labourlink::trust::check_inbox_url(&to.url)?;
    // A message dated ahead of this host's clock by more than a verifier's leeway is refused
    // by the partner (`envelope.issued_in_future`), and its receipt — dated no earlier than the
    // message — by this outbox: it was retried until it gave up, the error blaming the
    // partner's receipt (audit s43 on-call F11). Refused here, before anything is queued.
    if let Ok(issued) = Timestamp::parse(&doc.issued_at) {
        let ahead = issued.unix_seconds() - now.unix_seconds();
        if ahead > labourlink::time::DEFAULT_LEEWAY_SECONDS {
            return Err(Error::new(
                ErrorCode::EnvelopeIssuedInFuture,
                format!(
                    "the message is dated {issued}, {ahead} s ahead of this host's clock ({now}): partners refuse it, and would date their receipts as far ahead; check the clock of the machine that signed it, and sign it again (labourlink sign --reissue)"
                ),
            )
            .zh(format!(
                "消息的签发时间为 {issued}，比本机时钟（{now}）快 {ahead} 秒：协作方会拒收，其回执的时间也会同样提前；请检查签名所用机器的时钟，并重新签名（labourlink sign --reissue）"
            ))
            .at("/issued_at"));
        }
    }
    store.enqueue_from(
        jws,
        &to.url,
        to.source,
        now,
        after(now, policy.give_up_after),
    )?;
    store
        .outbox(&labourlink_store::OutboxQuery::all().id(doc.id.as_str()))?
        .into_iter()
        .find(|i| i.from_region == doc.from.region && i.from_agency == doc.from.agency)
        .ok_or_else(|| {
            Error::new(
                ErrorCode::StoreUnavailable,
                "the queued message is not in the outbox",
            )
        })
}

/// What one [`Outbox::run_once`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RunReport {
    /// Messages posted.
    pub attempted: u32,
    /// Accepted by the addressee (receipt verified).
    pub delivered: u32,
    /// Rejected by the addressee (receipt verified).
    pub rejected: u32,
    /// To be tried again later.
    pub retrying: u32,
    /// Given up.
    pub undeliverable: u32,
    /// Not attempted in this pass: its endpoint was found down by an earlier attempt of the
    /// pass, so it waits for that endpoint's next attempt.
    pub deferred: u32,
}

/// The delivery worker over a store's outbox.
pub struct Outbox {
    store: Arc<Store>,
    receipts: Option<Arc<TrustStore>>,
    policy: DeliveryPolicy,
    agent: ureq::Agent,
    /// The sequence of the store's newer trust list that did not load, once warned about (a
    /// `WARN` a pass had filled the log).
    warned_list: std::sync::atomic::AtomicU64,
}

impl std::fmt::Debug for Outbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Outbox")
            .field("policy", &self.policy)
            .field("checks_receipts", &self.receipts.is_some())
            .finish_non_exhaustive()
    }
}

impl Outbox {
    /// A worker over `store`. Receipts are verified against `trust` (the trust list, kept
    /// current by whoever refreshes it) as replies to the message, for the message's own
    /// sender (region and agency) with the full default pipeline and an in-memory replay
    /// guard (a receipt is bound to its message by id and digest): a message is `delivered`
    /// only on a receipt signed by a key of its addressee.
    #[must_use]
    pub fn new(store: Arc<Store>, trust: Arc<TrustStore>, policy: DeliveryPolicy) -> Self {
        Self::with_receipt_check(store, Some(trust), policy)
    }

    /// **Dangerous**: a worker that does **not** check the receipts' signatures, only their
    /// binding to the message (id and digest); anyone who can answer on the inbox's address
    /// can then mark a message `delivered`. For tests and for a partner whose keys are not
    /// yet in any trust list; use [`Outbox::new`] otherwise.
    #[must_use]
    pub fn dangerous_unchecked_receipts(store: Arc<Store>, policy: DeliveryPolicy) -> Self {
        Self::with_receipt_check(store, None, policy)
    }

    fn with_receipt_check(
        store: Arc<Store>,
        trust: Option<Arc<TrustStore>>,
        policy: DeliveryPolicy,
    ) -> Self {
        let agent = client::agent(policy.timeout);
        Self {
            store,
            receipts: trust,
            warned_list: std::sync::atomic::AtomicU64::new(0),
            policy,
            agent,
        }
    }

    /// Trusts **only** the root certificates in `ca_pem` for the inboxes' TLS (a private
    /// or government CA) instead of the public ones.
    ///
    /// # Errors
    /// `input.invalid` when `ca_pem` holds no certificate.
    pub fn with_roots(mut self, ca_pem: &[u8]) -> Result<Self> {
        self.agent = client::agent_with_roots(self.policy.timeout, ca_pem)?;
        Ok(self)
    }

    /// The store.
    #[must_use]
    pub fn store(&self) -> &Arc<Store> {
        &self.store
    }

    /// Claims the messages due at `now` (at most the policy's batch) and makes one attempt
    /// on each.
    ///
    /// # Errors
    /// The store's errors (nothing is lost: an unrecorded attempt is retried when its lease
    /// runs out).
    pub fn run_once(&self, now: Timestamp) -> Result<RunReport> {
        self.run_once_while(now, &|| true)
    }

    /// [`Outbox::run_once`], asking `go_on` before each message after the first: when it says
    /// `false` (a node stopping, a `--wait` whose time is up) the pass ends there and the
    /// messages it claimed but did not attempt are given back, due at once — one pass over a
    /// batch of slow partners had held a node's stop, and `send --wait 2`, for minutes (audit
    /// s42 hostile F3, F4).
    ///
    /// # Errors
    /// As [`Outbox::run_once`].
    pub fn run_once_while(
        &self,
        now: Timestamp,
        go_on: &(dyn Fn() -> bool + Sync),
    ) -> Result<RunReport> {
        let mut report = RunReport::default();
        self.take_newer_list_from_store();
        // The batch is attempted one message after another, each for up to the timeout: the
        // lease covers all of it, so no other worker claims a message still to come.
        let batch_millis = self
            .policy
            .timeout
            .as_millis()
            .saturating_mul(u128::from(self.policy.batch));
        let lease = i64::try_from(batch_millis.div_ceil(1000))
            .unwrap_or(i64::MAX)
            .saturating_add(60);
        // Endpoints found down in this pass (no connection, a timeout, 5xx, 408, 429), with
        // when to try them again: their other messages are not attempted one after another,
        // each waiting for the timeout, while other partners' messages wait behind them.
        let mut down: Vec<(String, Timestamp, String)> = Vec::new();
        let claimed = self.store.claim_due_for(now, self.policy.batch, lease)?;
        let mut stopped = false;
        for (i, mut item) in claimed.into_iter().enumerate() {
            if stopped || (i > 0 && !go_on()) {
                stopped = true;
                match self.store.release(&item, item.next_attempt_at) {
                    Ok(()) => {}
                    Err(e) if e.code() == ErrorCode::StoreNotFound => {}
                    Err(e) => return Err(e),
                }
                continue;
            }
            self.follow_trust_list(&mut item);
            if let Some((_, retry_at, error)) = down.iter().find(|(e, ..)| *e == item.endpoint) {
                // Past its give-up by the endpoint's next attempt: given up with the failure
                // of this pass's attempt to that endpoint, as the messages not in this batch.
                let outcome = if *retry_at > item.give_up_at {
                    let failed = Attempt::Failed {
                        error: error.clone(),
                        retry_at: *retry_at,
                    };
                    self.store.finish_attempt(&item, failed, now).map(|state| {
                        log_attempt(&item, state, Some(error));
                        report.undeliverable += 1;
                    })
                } else {
                    self.store
                        .release(&item, *retry_at)
                        .map(|()| report.deferred += 1)
                };
                match outcome {
                    Ok(()) => {}
                    Err(e) if e.code() == ErrorCode::StoreNotFound => {}
                    Err(e) => return Err(e),
                }
                continue;
            }
            report.attempted += 1;
            let (attempt, endpoint_down) = self.attempt(&item);
            if let (true, Attempt::Failed { retry_at, error }) = (endpoint_down, &attempt) {
                down.push((item.endpoint.clone(), *retry_at, error.clone()));
                // The endpoint's other waiting messages (not in this batch) wait as long, in
                // one write: they are not claimed and given back one by one, pass after pass.
                let error = match &attempt {
                    Attempt::Failed { error, .. } => error.as_str(),
                    Attempt::Receipt { .. } => "",
                };
                match self
                    .store
                    .defer_endpoint(&item.endpoint, *retry_at, now, error)
                {
                    Ok((deferred, given_up)) => {
                        let n = |k: u64| u32::try_from(k).unwrap_or(u32::MAX);
                        report.deferred = report.deferred.saturating_add(n(deferred));
                        report.undeliverable = report.undeliverable.saturating_add(n(given_up));
                        if given_up > 0 {
                            tracing::error!(
                                target: "labourlink::outbox",
                                to = %format_args!("{}/{}", item.to_region, item.to_agency),
                                given_up,
                                error,
                                "undeliverable: messages to an endpoint still down past their \
                                 give-up time (labourlink outbox retry|drop)"
                            );
                        }
                    }
                    // The endpoint's other messages are then attempted as they come due.
                    Err(e) => tracing::warn!(
                        target: "labourlink::outbox",
                        code = e.code().as_str(),
                        error = e.message(),
                        "could not defer the messages to an endpoint found down"
                    ),
                }
            }
            let (error, next) = match &attempt {
                Attempt::Failed { error, retry_at } => (Some(error.clone()), Some(*retry_at)),
                Attempt::Receipt { .. } => (None, None),
            };
            let finished_at = SystemClock.now().max(now);
            let finished = self.store.finish_attempt(&item, attempt, finished_at);
            if let Ok(state) = &finished {
                // Logged with the time of the next attempt, not the one just made.
                if let Some(next) = next {
                    item.next_attempt_at = next;
                }
                log_attempt(&item, *state, error.as_deref());
            }
            match finished {
                Ok(OutboxState::Delivered) => report.delivered += 1,
                Ok(OutboxState::Rejected) => report.rejected += 1,
                Ok(OutboxState::Undeliverable) => report.undeliverable += 1,
                Ok(_) => report.retrying += 1,
                // Dropped by an operator while in flight: nothing to record.
                Err(e) if e.code() == ErrorCode::StoreNotFound => {}
                Err(e) => return Err(e),
            }
        }
        Ok(report)
    }

    /// Checks receipts against the trust list the store accepted last when it is newer than the
    /// one this outbox was given (a file, a list loaded by a script): a receipt key revoked in
    /// the newer list had still marked messages delivered for a sender started with an older
    /// file, although its own store held the revocation (audit s42 hostile F2). A list that
    /// does not load (stale, not signed by these anchors) is logged and left.
    fn take_newer_list_from_store(&self) {
        let Some(trust) = &self.receipts else { return };
        let kids: Vec<&str> = trust.anchors().iter().map(|a| a.kid.as_str()).collect();
        let current = trust.current().sequence;
        let Ok(Some(stored)) = self.store.trust_list_of(&kids) else {
            return;
        };
        if stored.sequence <= current {
            return;
        }
        match trust.update(&stored.jws, &SystemClock) {
            Ok(list) => tracing::info!(
                target: "labourlink::outbox",
                sequence = list.sequence,
                given = current,
                "receipts are checked against the newer trust list the store accepted"
            ),
            Err(e) => {
                if self.warned_list.swap(stored.sequence, Ordering::Relaxed) != stored.sequence {
                    tracing::warn!(
                        target: "labourlink::outbox",
                        sequence = stored.sequence,
                        code = e.code().as_str(),
                        error = e.message(),
                        "the store holds a newer trust list that does not load: receipts are checked against the one given"
                    );
                }
            }
        }
    }

    /// Points `item` at its addressee's endpoint in the current trust list when its URL came
    /// from an **older** trust list and the current one names another usable one (the store
    /// records it, and the list's sequence, with the attempt). A worker with an older list (an
    /// old file) never moves a message back; a URL given by the sender or an operator is left
    /// alone, and so is every URL when receipts are not checked against a trust list.
    fn follow_trust_list(&self, item: &mut OutboxItem) {
        let EndpointSource::TrustList { sequence } = item.endpoint_source else {
            return;
        };
        let Some(trust) = &self.receipts else { return };
        let list = trust.current();
        if list.sequence <= sequence {
            return;
        }
        let Some(url) = list.endpoint(&item.to_region, &item.to_agency) else {
            return;
        };
        if url != item.endpoint && labourlink::trust::check_inbox_url(url).is_ok() {
            tracing::info!(
                target: "labourlink::outbox",
                seq = item.seq,
                from = %labourlink::trust::without_user_info(&item.endpoint),
                to = %labourlink::trust::without_user_info(url),
                trust_list_sequence = list.sequence,
                "the addressee's inbox moved in the trust list: posting to its new endpoint"
            );
            url.clone_into(&mut item.endpoint);
            item.endpoint_source = EndpointSource::TrustList {
                sequence: list.sequence,
            };
        }
    }

    /// One attempt, and whether it found the endpoint down (nothing there, a timeout, 5xx,
    /// 408, 429) rather than refusing this message.
    fn attempt(&self, item: &OutboxItem) -> (Attempt, bool) {
        let failed = |error: String, retry_after: Option<u64>| {
            let wait = client::backoff(
                item.attempts + 1,
                self.policy.initial_backoff,
                self.policy.max_backoff,
                retry_after,
            );
            Attempt::Failed {
                error,
                retry_at: after(SystemClock.now(), wait),
            }
        };
        match client::post_once(&self.agent, &item.endpoint, &item.jws) {
            PostOutcome::Retry { error, retry_after } => (failed(error, retry_after), true),
            // Retried for this message only: a proxy's page may concern it alone (its size),
            // and must not hold every other message to the partner until they give up
            // (review s42 F2).
            PostOutcome::NotTheInbox { error, retry_after } => (failed(error, retry_after), false),
            // Retried like an endpoint that is down (its other messages wait for its next
            // attempt): the partner may take the redirect away, or publish its new URL in a
            // trust list, which a message addressed through the trust list follows.
            PostOutcome::Redirected { error } => {
                // A URL given by hand (`--to`) is kept: only one from the trust list follows
                // a newer list.
                let other = match item.endpoint_source {
                    EndpointSource::Given => "",
                    EndpointSource::TrustList { .. } => " or a newer trust list names another",
                };
                (
                    failed(
                        format!(
                            "{error}; retried until the inbox answers at that URL{other} (labourlink outbox retry SEQ --to URL gives it one)"
                        ),
                        None,
                    ),
                    true,
                )
            }
            // The same bytes will be refused again: give up now, an operator must look.
            PostOutcome::Refused(e) => (
                Attempt::Failed {
                    error: format!("{}: {}", e.code(), e.message()),
                    retry_at: after(item.give_up_at, Duration::from_millis(1)),
                },
                false,
            ),
            PostOutcome::Receipt { status, receipt } => match self.check(&receipt, item) {
                Ok(body) => (
                    Attempt::Receipt {
                        accepted: body.accepted,
                        http_status: status,
                        receipt,
                        reasons: (!body.accepted).then(|| rejection_reasons(&body)),
                    },
                    false,
                ),
                // Counted against the endpoint as a failure to answer: its other messages wait
                // for its next attempt instead of each being posted (and waited for) in turn —
                // a slow inbox answering what does not verify had held the whole outbox up
                // (audit s42 hostile F3).
                Err(e) => (
                    failed(
                        format!(
                            "HTTP {status} with a receipt that does not verify: {}",
                            e.code()
                        ),
                        None,
                    ),
                    true,
                ),
            },
        }
    }

    /// Verifies a receipt for `item` and archives it; returns its body.
    fn check(&self, receipt: &[u8], item: &OutboxItem) -> Result<ReceiptBody> {
        let now = SystemClock.now();
        match &self.receipts {
            Some(trust) => {
                // A redelivery is answered with the inbox's first receipt, as old as the
                // message's acceptance: at most as old as the message (or its queueing, when
                // that was earlier — a message dated ahead).
                let max_age = client::receipt_max_age_for(&item.jws, Some(item.created_at), now);
                let v = Verifier::builder()
                    .trust_store(Arc::clone(trust))
                    .region(item.from_region.as_str())
                    .agency(item.from_agency.as_str())
                    .max_age_for_type("receipt", Some(max_age))
                    .build()?;
                let checked = client::check_receipt(&v, receipt, &item.jws)?;
                let m = NewMessage::received(receipt, &checked.verified, now);
                self.store.archive(&m)?;
                Ok(checked.body)
            }
            None => client::read_receipt_unverified(receipt, &item.jws),
        }
    }

    /// Queues `jws` for `endpoint` (archived as sent) and delivers it: with `wait`, retrying
    /// until it is final or the time is up ([`Outbox::deliver_now`]); without, one pass now
    /// ([`Outbox::run_once`]) and the rest is left to later runs. Returns the entry as it
    /// stands. Sending the same message again returns its entry.
    ///
    /// # Errors
    /// Those of [`enqueue`] and the store's.
    pub fn send(
        &self,
        jws: &[u8],
        endpoint: impl Into<Destination>,
        wait: Option<Duration>,
    ) -> Result<OutboxItem> {
        self.send_until(jws, endpoint, wait, &|| false)
    }

    /// [`Outbox::send`], and while it waits `stop` is asked about every 100 ms: when it says
    /// `true` the wait ends there (the message stays queued, delivered by the next worker
    /// pass), e.g. on Ctrl-C in a script.
    ///
    /// # Errors
    /// As [`Outbox::send`].
    pub fn send_until(
        &self,
        jws: &[u8],
        endpoint: impl Into<Destination>,
        wait: Option<Duration>,
        stop: &(dyn Fn() -> bool + Sync),
    ) -> Result<OutboxItem> {
        let now = SystemClock.now();
        let queued = enqueue(&self.store, jws, endpoint, now, &self.policy)?;
        match wait {
            Some(w) => self.deliver_until(queued.seq, after(now, w), stop),
            None => {
                self.run_once(now)?;
                self.item(queued.seq)
            }
        }
    }

    /// Runs until the message `seq` is final or `deadline` passes, sleeping until the next
    /// attempt is due (other due messages are delivered on the way). Returns the item as it
    /// stands at the end.
    ///
    /// # Errors
    /// The store's errors; `store.not_found` when the outbox holds no such message.
    pub fn deliver_now(&self, seq: i64, deadline: Timestamp) -> Result<OutboxItem> {
        self.deliver_until(seq, deadline, &|| false)
    }

    /// [`Outbox::deliver_now`], asking `stop` about every 100 ms while it sleeps; returns the
    /// item as it stands when `stop` says `true`.
    fn deliver_until(
        &self,
        seq: i64,
        deadline: Timestamp,
        stop: &(dyn Fn() -> bool + Sync),
    ) -> Result<OutboxItem> {
        loop {
            let now = SystemClock.now();
            self.run_once_while(now, &|| !stop() && SystemClock.now() < deadline)?;
            let item = self.item(seq)?;
            if item.state.is_final() || now >= deadline {
                return Ok(item);
            }
            let wake = item.next_attempt_at.min(deadline);
            let ms = (wake.unix_millis() - SystemClock.now().unix_millis()).clamp(10, 60_000);
            let mut left = Duration::from_millis(u64::try_from(ms).unwrap_or(10));
            while !left.is_zero() {
                if stop() {
                    return Ok(item);
                }
                let step = left.min(Duration::from_millis(100));
                std::thread::sleep(step);
                left = left.saturating_sub(step);
            }
        }
    }

    fn item(&self, seq: i64) -> Result<OutboxItem> {
        self.store
            .outbox(&labourlink_store::OutboxQuery::all().seq(seq))?
            .into_iter()
            .next()
            .ok_or_else(|| {
                Error::new(
                    ErrorCode::StoreNotFound,
                    format!("the outbox holds no message {seq}"),
                )
            })
    }

    /// Runs the worker on a thread of its own, polling every `poll` until `stop` is set.
    /// Store errors are waited out (the next poll tries again).
    #[must_use]
    pub fn spawn(self, poll: Duration, stop: Arc<AtomicBool>) -> std::thread::JoinHandle<()> {
        std::thread::spawn(move || {
            // A pass that fails (the store unavailable) is logged when it starts failing, at
            // most once a minute while it goes on, and when it works again: a node that mostly
            // sends had shown a database outage nowhere (audit s41 PostgreSQL F3).
            let mut failing_since: Option<std::time::Instant> = None;
            let mut last_logged = std::time::Instant::now();
            while !stop.load(Ordering::Relaxed) {
                let busy = match self
                    .run_once_while(SystemClock.now(), &|| !stop.load(Ordering::Relaxed))
                {
                    Ok(r) => {
                        if let Some(since) = failing_since.take() {
                            tracing::info!(
                                target: "labourlink::outbox",
                                after_seconds = since.elapsed().as_secs(),
                                "the outbox works again"
                            );
                        }
                        r.attempted > 0
                    }
                    Err(e) => {
                        let first = failing_since.is_none();
                        let since = *failing_since.get_or_insert_with(std::time::Instant::now);
                        if first || last_logged.elapsed() >= Duration::from_secs(60) {
                            last_logged = std::time::Instant::now();
                            tracing::error!(
                                target: "labourlink::outbox",
                                code = e.code().as_str(),
                                error = e.message(),
                                failing_seconds = since.elapsed().as_secs(),
                                "the outbox cannot work: nothing is sent until its store answers"
                            );
                        }
                        false
                    }
                };
                if !busy {
                    sleep_unless_stopped(poll, &stop);
                }
            }
        })
    }
}

/// A `WARN` at each refresh while the list in use is past its `next_update` but not yet stale:
/// the grace period (7 days) passed with `/healthz` green and no word in the log until every
/// message was refused (audit s41 keys F8). Says when the node will start answering 503.
fn warn_if_overdue(node: &crate::Node) {
    let now = SystemClock.now();
    if let Some((sequence, next_update, stale_at)) = node.trust_list_overdue(now) {
        tracing::warn!(
            target: "labourlink::trust_list",
            sequence,
            next_update = %next_update,
            stale_at = %stale_at,
            "the trust list in use is overdue for renewal: messages will be answered 503 from stale_at unless a newer list is loaded"
        );
    }
    // The reference data too, which no refresh fetches (audit s43 on-call F9: overdue, it
    // had logged nothing until messages were answered 503).
    if let Some((sequence, next_update, stale_at)) = node.reference_data_overdue(now) {
        tracing::warn!(
            target: "labourlink::reference_data",
            sequence,
            next_update = %next_update,
            stale_at = %stale_at,
            "the reference data in use is overdue for renewal: messages will be answered 503 from stale_at unless newer reference data is loaded (labourlink reference-data fetch, then restart)"
        );
    }
}

/// How often a node without `[trust_list] url` looks whether its trust list or reference data
/// is overdue (a node with one looks at each refresh).
const OVERDUE_CHECK_EVERY: Duration = Duration::from_secs(3600);

/// Sleeps for `d` in short slices, so that a stop is noticed quickly.
fn sleep_unless_stopped(d: Duration, stop: &AtomicBool) {
    let mut left = d;
    while !left.is_zero() && !stop.load(Ordering::Relaxed) {
        let step = left.min(Duration::from_millis(100));
        std::thread::sleep(step);
        left = left.saturating_sub(step);
    }
}

/// One purge of a node's store as `[purge]` asks ([`crate::PurgeConfig`]): replay records
/// kept [`crate::config::PURGE_MARGIN_SECONDS`] past their keep-until, everything else as of
/// `now` — but never later than a day past the newest `issued_at` of the messages the store
/// received ([`labourlink_store::Store::purge_time`]: a host whose clock runs ahead does not
/// purge what still counts; a `WARN` says so when the clock is a week or more past it); in
/// short calls of at most ten batches per kind, a pause between them for the
/// inbox's own writes, none after `stop` is set (a node stopping does not wait for a long
/// first purge). What went is logged and counted in the node's metrics
/// (`labourlink_store_purged_total`), also when a later call fails. Returns the totals.
///
/// # Errors
/// The store's error, after logging and counting it (the next scheduled purge tries again).
pub fn purge_store(
    node: &crate::Node,
    retention: &crate::PurgeConfig,
    now: Timestamp,
    stop: &AtomicBool,
) -> Result<labourlink_store::PurgeReport> {
    let store = node.store();
    let options = labourlink_store::PurgeOptions::default()
        .retention_days(retention.retention_days)
        .quarantine_retention_days(Some(retention.quarantine_retention_days))
        .replay_margin(crate::config::PURGE_MARGIN_SECONDS)
        .max_batches(10);
    let mut total = labourlink_store::PurgeReport::default();
    let mut failed = None;
    let now = match store.purge_time(now) {
        Ok((as_of, Some(newest))) if as_of < now => {
            let days = (now.unix_millis() - newest.unix_millis()) / 86_400_000;
            if days >= 7 {
                tracing::warn!(
                    target: "labourlink::store",
                    clock = %now,
                    newest_received = %newest,
                    "this machine's clock is {days} days past the newest issued_at of the messages the store received: purging only as of {as_of}; if the node received nothing that long, this is harmless, else check the clock (a clock ahead would have dropped replay records of messages that still verify)"
                );
            }
            as_of
        }
        Ok(_) => now,
        Err(e) => {
            failed = Some(e);
            now
        }
    };
    for round in 0..10_000 {
        if failed.is_some() {
            break;
        }
        if round > 0 {
            std::thread::sleep(Duration::from_millis(50));
        }
        if stop.load(Ordering::Relaxed) {
            break;
        }
        match store.purge(now, options) {
            Ok(r) => {
                total.replay_records += r.replay_records;
                total.bodies += r.bodies;
                total.quarantined += r.quarantined;
                total.outbox += r.outbox;
                total.more = r.more;
                if !r.more {
                    break;
                }
            }
            Err(e) => {
                failed = Some(e);
                break;
            }
        }
    }
    tracing::info!(
        target: "labourlink::store",
        replay_records = total.replay_records,
        bodies = total.bodies,
        quarantined = total.quarantined,
        outbox = total.outbox,
        more = total.more,
        "purged the store (as of {now}; replay records a day past their keep-until)"
    );
    node.metrics()
        .purged(&total, failed.is_none().then(|| SystemClock.now()));
    if let Some(e) = failed {
        tracing::warn!(
            target: "labourlink::store",
            code = e.code().as_str(),
            error = e.message(),
            "purge failed; the next one tries again"
        );
        return Err(e);
    }
    Ok(total)
}

/// How long a node waits, before it serves, for the trust list at `[trust_list] url`.
pub const START_REFRESH_TIMEOUT: Duration = Duration::from_secs(10);

/// The background work of a serving node: its outbox worker, its store's purge (`[purge]`,
/// at the start and then on schedule) and, when its configuration names a URL, the
/// trust-list refresher — which fetches the list once in [`Background::start`] itself
/// (within [`START_REFRESH_TIMEOUT`]), so that a node serves with the published list, not an
/// older file's. Stopped (and joined) by [`Background::stop`] or when dropped.
#[derive(Debug)]
pub struct Background {
    stop: Arc<AtomicBool>,
    threads: Vec<std::thread::JoinHandle<()>>,
}

impl Background {
    /// Starts what `cfg` asks for on `node`.
    ///
    /// # Errors
    /// `input.invalid` when `[outbox] ca` cannot be read or holds no certificate.
    pub fn start(node: &Arc<crate::Node>, cfg: &crate::NodeConfig) -> Result<Self> {
        let stop = Arc::new(AtomicBool::new(false));
        let mut threads = Vec::new();
        // The outbox is made first (a CA file that cannot be read stops the start before any
        // thread runs) and started after the trust list's fetch: its worker checks receipts
        // against that list, and with the file's older one would take a receipt signed by a
        // receipt key revoked since (review s41 F1).
        let outbox = if cfg.outbox.enabled {
            let policy = DeliveryPolicy::default().backoff(
                Duration::from_secs(1),
                Duration::from_secs(cfg.outbox.max_backoff_seconds.max(1)),
            );
            let mut outbox = Outbox::new(
                Arc::clone(node.store()),
                Arc::clone(node.trust_store()),
                policy,
            );
            if let Some(ca) = &cfg.outbox.ca {
                let pem = read_file_limited(ca, MAX_FILE_BYTES).map_err(|e| {
                    Error::new(
                        ErrorCode::InputInvalid,
                        format!("cannot read the outbox CA file {}: {e}", ca.display()),
                    )
                })?;
                outbox = outbox.with_roots(&pem)?;
            }
            Some(outbox)
        } else {
            None
        };
        if let Some(url) = cfg.trust_list.url.clone() {
            // The list is signed, but over plain HTTP anyone on the way can withhold newer ones
            // (answer 304 for ever, or an older list) until the node stops at staleness.
            if url.starts_with("http://") && !labourlink::trust::is_loopback_url(&url) {
                tracing::warn!(
                    target: "labourlink::trust_list",
                    url = %labourlink::trust::without_user_info(&url),
                    "trust_list.url is plain HTTP off loopback: anyone on the way can keep newer lists (a revocation) from this node until its list is stale; use https://"
                );
            }
            // Once before the node serves, within START_REFRESH_TIMEOUT: a node started with
            // an old list file (a fresh or restored store, a file never rewritten) would
            // otherwise accept, until its first refresh, messages signed with a key the
            // published list has revoked since (audit s41 keys F1). When the publisher
            // cannot be reached, the node starts with the list it has, as before.
            let outcome = node.refresh_trust_list_within(&url, START_REFRESH_TIMEOUT);
            let sequence = node.trust_store().current().sequence;
            match outcome {
                Ok(true) => tracing::info!(
                    target: "labourlink::trust_list",
                    url = %url,
                    sequence,
                    "a newer trust list is in use (fetched before serving)"
                ),
                Ok(false) => tracing::info!(
                    target: "labourlink::trust_list",
                    url = %url,
                    sequence,
                    "the trust list is the one published (checked before serving)"
                ),
                Err(e) => tracing::warn!(
                    target: "labourlink::trust_list",
                    url = %url,
                    sequence,
                    code = e.code().as_str(),
                    error = e.message(),
                    "trust list refresh before serving failed: serving with the list from the file or the store; a key revoked since that list still verifies until a refresh succeeds"
                ),
            }
            warn_if_overdue(node);
            let node = Arc::clone(node);
            let every = Duration::from_secs(cfg.trust_list.refresh_seconds.max(10));
            let stop = Arc::clone(&stop);
            threads.push(std::thread::spawn(move || {
                loop {
                    sleep_unless_stopped(every, &stop);
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    // Failures keep the current list (it stays subject to the staleness
                    // rules); the message says what failed, never list content.
                    match node.refresh_trust_list(&url) {
                        Ok(true) => tracing::info!(
                            target: "labourlink::trust_list",
                            url = %url,
                            sequence = node.trust_store().current().sequence,
                            "a newer trust list is in use"
                        ),
                        Ok(false) => {}
                        Err(e) => tracing::warn!(
                            target: "labourlink::trust_list",
                            url = %url,
                            code = e.code().as_str(),
                            error = e.message(),
                            "trust list refresh failed, keeping the current list: a key revoked since it still verifies until a refresh succeeds (labourlink trust-list fetch URL --anchor A.jwk on this host names what fails)"
                        ),
                    }
                    warn_if_overdue(&node);
                }
            }));
        }
        if cfg.trust_list.url.is_none() {
            // No refresh to look at each time: the overdue warnings at start and hourly, so
            // that a node whose documents are renewed by hand hears of it in its log before
            // messages are answered 503 (audit s43 on-call F9).
            warn_if_overdue(node);
            let node = Arc::clone(node);
            let stop = Arc::clone(&stop);
            threads.push(std::thread::spawn(move || {
                loop {
                    sleep_unless_stopped(OVERDUE_CHECK_EVERY, &stop);
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    warn_if_overdue(&node);
                }
            }));
        }
        if let Some(outbox) = outbox {
            threads.push(outbox.spawn(
                Duration::from_secs(cfg.outbox.poll_seconds.max(1)),
                Arc::clone(&stop),
            ));
        }
        if cfg.purge.every_seconds > 0 {
            let node = Arc::clone(node);
            let (every, retention) = (
                Duration::from_secs(cfg.purge.every_seconds.max(60)),
                cfg.purge,
            );
            let stop = Arc::clone(&stop);
            threads.push(std::thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    let _ = purge_store(&node, &retention, SystemClock.now(), &stop);
                    sleep_unless_stopped(every, &stop);
                }
            }));
        }
        Ok(Self { stop, threads })
    }

    /// Stops the workers and waits for them (an attempt in progress finishes first).
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// The reasons a rejecting receipt gives, as `outbox status` shows them: `code at pointer`,
/// the first five (the receipt has them all), never the texts (a partner's words, in its
/// language; the codes are the stable part).
fn rejection_reasons(body: &ReceiptBody) -> String {
    let mut out: Vec<String> = body
        .errors
        .iter()
        .take(5)
        .map(|e| {
            let at = if e.path.is_empty() { "/" } else { &e.path };
            format!("{} at {at}", e.code)
        })
        .collect();
    if body.errors.len() > 5 {
        out.push(format!(
            "and {} more (see the receipt)",
            body.errors.len() - 5
        ));
    }
    if out.is_empty() {
        "rejected without a reason".to_owned()
    } else {
        format!("rejected: {}", out.join("; "))
    }
}

/// One structured log event per delivery attempt: which message (id, type, addressee), what
/// became of it and why — never its bytes.
fn log_attempt(item: &OutboxItem, state: OutboxState, error: Option<&str>) {
    let (id, ty, attempt) = (
        item.id.as_str(),
        item.message_type.as_str(),
        item.attempts + 1,
    );
    let to = format!("{}/{}", item.to_region, item.to_agency);
    match (state, error) {
        (OutboxState::Delivered, _) => tracing::info!(
            target: "labourlink::outbox", seq = item.seq, id, message_type = ty, to, attempt,
            state = state.as_str(), "delivered, receipt verified"
        ),
        (OutboxState::Rejected, _) => tracing::warn!(
            target: "labourlink::outbox", seq = item.seq, id, message_type = ty, to, attempt,
            state = state.as_str(), "rejected by the partner's inbox (see its receipt)"
        ),
        (OutboxState::Undeliverable, e) => tracing::error!(
            target: "labourlink::outbox", seq = item.seq, id, message_type = ty, to, attempt,
            state = state.as_str(), error = e.unwrap_or(""),
            "undeliverable: gave up (labourlink outbox retry|drop)"
        ),
        // Where it tried and when it tries next: "nothing listens at that address" says
        // nothing without the address (audit s43 on-call F12).
        (_, e) => tracing::warn!(
            target: "labourlink::outbox", seq = item.seq, id, message_type = ty, to, attempt,
            state = state.as_str(), error = e.unwrap_or(""),
            endpoint = %labourlink::trust::without_user_info(&item.endpoint),
            next_attempt_at = %item.next_attempt_at,
            "delivery failed, will retry"
        ),
    }
}
