//! The durable **outbox** (发件箱): messages this agency sends, kept until the addressee's
//! inbox has answered with a receipt, so that nothing is lost when the sender, the network or
//! the receiver stops.
//!
//! A message is enqueued ([`Store::enqueue`]) in **one transaction** with its archive entry
//! (direction `sent`) and its case update. A delivery worker claims due messages
//! ([`Store::claim_due`]: a lease, so two workers — threads or processes on one store —
//! never post the same message at once), posts them, and records the outcome
//! ([`Store::finish_attempt`]): `delivered` (an `accepted` receipt), `rejected` (a `rejected`
//! receipt: resending the same bytes cannot help), or another attempt later, until the
//! message's `give_up_at` makes it `undeliverable`. An operator sees the queue
//! ([`Store::outbox`], [`Store::outbox_counts`]), retries an undeliverable message
//! ([`Store::retry_outbound`]) or drops a pending one ([`Store::drop_outbound`]).
//!
//! Delivery is at least once; the receiving inbox is idempotent (the same message gets the
//! same receipt), so the effect is exactly once.

use labourlink_protocol::time::Timestamp;
use labourlink_protocol::{Error, ErrorCode, Result};

use crate::{Direction, NewMessage, Store, corrupt};

/// Where an outbound message stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum OutboxState {
    /// Waiting for its next attempt (or being attempted under a lease).
    Pending,
    /// The addressee answered with an `accepted` receipt.
    Delivered,
    /// The addressee answered with a `rejected` receipt (the codes are in the receipt).
    Rejected,
    /// No receipt came before `give_up_at`: an operator must look (retry or drop).
    Undeliverable,
    /// Dropped by an operator; never sent again.
    Dropped,
}

impl OutboxState {
    /// Every state, in the order above.
    pub const ALL: [Self; 5] = [
        Self::Pending,
        Self::Delivered,
        Self::Rejected,
        Self::Undeliverable,
        Self::Dropped,
    ];

    /// The stored name: `pending`, `delivered`, `rejected`, `undeliverable`, `dropped`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Delivered => "delivered",
            Self::Rejected => "rejected",
            Self::Undeliverable => "undeliverable",
            Self::Dropped => "dropped",
        }
    }

    /// The state with this stored name.
    ///
    /// # Errors
    /// `store.corrupt` for an unknown name.
    pub fn parse(s: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|st| st.as_str() == s)
            .ok_or_else(|| corrupt("an outbox row has an unknown state"))
    }

    /// Whether the state is final (no further attempt without an operator).
    #[must_use]
    pub const fn is_final(self) -> bool {
        !matches!(self, Self::Pending)
    }
}

/// Where an outbound message's inbox URL came from.
///
/// A URL taken from the trust list is **followed**: when the partner's endpoint changes in a
/// **newer** trust list, the delivery worker posts the waiting message to the new one (as
/// X-Road's security servers read addresses from the current global configuration); an older
/// list (a worker started with an old file) never moves it back. A URL given by the sender
/// (`--to`, or an operator's `outbox retry --to`) is kept as given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum EndpointSource {
    /// Given by the sender or an operator: kept.
    #[default]
    Given,
    /// The addressee's `endpoint` in the trust list of this sequence: followed into newer
    /// lists.
    TrustList {
        /// The sequence of the trust list the URL was taken from.
        sequence: u64,
    },
}

impl EndpointSource {
    /// The stored name: `given` or `trust_list`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Given => "given",
            Self::TrustList { .. } => "trust_list",
        }
    }

    /// The trust list's sequence, for a URL taken from one.
    #[must_use]
    pub const fn list_sequence(self) -> Option<u64> {
        match self {
            Self::Given => None,
            Self::TrustList { sequence } => Some(sequence),
        }
    }

    /// The source with this stored name (and list sequence).
    ///
    /// # Errors
    /// `store.corrupt` for an unknown name.
    pub fn parse(s: &str, sequence: Option<i64>) -> Result<Self> {
        match s {
            "given" => Ok(Self::Given),
            "trust_list" => Ok(Self::TrustList {
                sequence: sequence.and_then(|n| u64::try_from(n).ok()).unwrap_or(0),
            }),
            _ => Err(corrupt("an outbox row has an unknown endpoint source")),
        }
    }
}

/// One outbound message as the outbox holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct OutboxItem {
    /// The outbox's own sequence number (the handle for retry and drop).
    pub seq: i64,
    /// The message id.
    pub id: String,
    /// The message type.
    pub message_type: String,
    /// `from.region` (this agency).
    pub from_region: String,
    /// `from.agency`.
    pub from_agency: String,
    /// `to.region` (the addressee).
    pub to_region: String,
    /// `to.agency`.
    pub to_agency: String,
    /// `case.id`, when the message belongs to a case.
    pub case_id: Option<String>,
    /// The message digest (SHA-256 of the payload, base64url).
    pub digest: String,
    /// The inbox URL it is posted to.
    pub endpoint: String,
    /// Where that URL came from (a trust list's URL follows the current trust list).
    pub endpoint_source: EndpointSource,
    /// The exact JWS bytes.
    pub jws: Vec<u8>,
    /// Where it stands.
    pub state: OutboxState,
    /// When it was enqueued.
    pub created_at: Timestamp,
    /// After this instant a failed attempt makes it undeliverable.
    pub give_up_at: Timestamp,
    /// The earliest instant of its next attempt.
    pub next_attempt_at: Timestamp,
    /// Attempts made so far.
    pub attempts: u32,
    /// What went wrong the last time (HTTP status or connection error; never message content).
    pub last_error: Option<String>,
    /// The HTTP status of the answer that carried the receipt.
    pub http_status: Option<u16>,
    /// The receipt, exactly as received (delivered and rejected messages).
    pub receipt: Option<Vec<u8>>,
    /// When it reached a final state.
    pub finished_at: Option<Timestamp>,
}

impl OutboxItem {
    /// A summary without the message and receipt bytes, for listings (`labourlink outbox
    /// status --json`).
    #[must_use]
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "seq": self.seq,
            "id": self.id,
            "type": self.message_type,
            "from": {"region": self.from_region, "agency": self.from_agency},
            "to": {"region": self.to_region, "agency": self.to_agency},
            "case_id": self.case_id,
            "digest": self.digest,
            "endpoint": self.endpoint,
            "endpoint_source": self.endpoint_source.as_str(),
            "endpoint_list_sequence": self.endpoint_source.list_sequence(),
            "state": self.state.as_str(),
            "created_at": self.created_at.to_string(),
            "give_up_at": self.give_up_at.to_string(),
            "next_attempt_at": self.next_attempt_at.to_string(),
            "attempts": self.attempts,
            "last_error": self.last_error,
            "http_status": self.http_status,
            "finished_at": self.finished_at.map(|t| t.to_string()),
        })
    }
}

/// The outcome of one delivery attempt, for [`Store::finish_attempt`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Attempt {
    /// A receipt came back and was verified: `accepted` (delivered) or not (rejected).
    Receipt {
        /// Whether the receipt's status is `accepted`.
        accepted: bool,
        /// The HTTP status it came with.
        http_status: u16,
        /// The receipt bytes.
        receipt: Vec<u8>,
        /// For a rejection: its reasons as the receipt names them (codes and pointers, e.g.
        /// `key.revoked at /signatures/0/protected`), kept as the row's `last_error` so that
        /// `outbox status` says why.
        reasons: Option<String>,
    },
    /// No usable receipt (connection error, 5xx, 408, 429, a receipt that did not verify):
    /// try again at `retry_at`, unless that is past the message's `give_up_at`.
    Failed {
        /// What went wrong (no message content).
        error: String,
        /// The earliest next attempt.
        retry_at: Timestamp,
    },
}

/// Which outbound messages [`Store::outbox`] lists, newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct OutboxQuery {
    /// Only messages in this state.
    pub state: Option<OutboxState>,
    /// Only the message with this id.
    pub id: Option<String>,
    /// Only the row with this outbox sequence number.
    pub seq: Option<i64>,
    /// At most this many (0 = no limit).
    pub limit: u64,
}

impl OutboxQuery {
    /// Every message, newest first.
    #[must_use]
    pub fn all() -> Self {
        Self::default()
    }

    /// Only messages in `state`.
    #[must_use]
    pub fn state(mut self, state: OutboxState) -> Self {
        self.state = Some(state);
        self
    }

    /// Only the message with `id`.
    #[must_use]
    pub fn id(mut self, id: impl Into<String>) -> Self {
        self.id = Some(id.into());
        self
    }

    /// Only the row `seq`.
    #[must_use]
    pub fn seq(mut self, seq: i64) -> Self {
        self.seq = Some(seq);
        self
    }

    /// At most `n` rows.
    #[must_use]
    pub fn limit(mut self, n: u64) -> Self {
        self.limit = n;
        self
    }
}

/// A row to insert into the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct NewOutbound {
    /// The archive entry of the message (direction `sent`): id, parties, digest, bytes.
    pub message: NewMessage,
    /// The inbox URL.
    pub endpoint: String,
    /// Where the URL came from.
    pub endpoint_source: EndpointSource,
    /// When it was enqueued (also its first attempt time).
    pub created_at: Timestamp,
    /// After this instant a failed attempt makes it undeliverable.
    pub give_up_at: Timestamp,
}

/// The row update after an attempt or an operator's action.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct OutboxUpdate {
    /// The new state.
    pub state: OutboxState,
    /// The earliest next attempt.
    pub next_attempt_at: i64,
    /// Add one to the attempts.
    pub count_attempt: bool,
    /// What went wrong, if anything.
    pub last_error: Option<String>,
    /// The HTTP status of the receipt's answer.
    pub http_status: Option<i32>,
    /// The receipt bytes.
    pub receipt: Option<Vec<u8>>,
    /// When it reached a final state.
    pub finished_at: Option<i64>,
    /// A new `give_up_at` (operator retry).
    pub give_up_at: Option<i64>,
    /// A new inbox URL given by an operator (the source becomes [`EndpointSource::Given`]).
    pub endpoint: Option<String>,
    /// The current trust list's URL for the addressee and that list's sequence, written only
    /// where the row's URL still follows the trust list (an operator may have given one
    /// meanwhile).
    pub followed_endpoint: Option<(String, u64)>,
}

/// The outbox part of a [`crate::StorageBackend`]. Times are milliseconds since the epoch.
pub trait OutboxBackend {
    /// Appends `item` to the outbox and its message to the archive (direction `sent`, with
    /// `case`) in one transaction. Returns `Ok(None)` when queued, `Ok(Some(digest))` when the
    /// outbox already holds a message with this issuer and id (nothing is written).
    ///
    /// # Errors
    /// `store.unavailable`.
    fn outbox_insert(
        &mut self,
        item: &NewOutbound,
        case: Option<&crate::CaseWrite>,
    ) -> Result<Option<String>>;

    /// Leases at most `limit` pending messages whose next attempt is due at `now` and whose
    /// lease has run out, until `lease_until`; returns them (in one statement: two workers
    /// never lease the same message).
    ///
    /// # Errors
    /// `store.unavailable`, `store.corrupt`.
    fn outbox_claim(&mut self, now: i64, lease_until: i64, limit: u64) -> Result<Vec<OutboxItem>>;

    /// Updates the row `seq` if its state is one of `from` (and releases its lease); returns
    /// whether a row was updated.
    ///
    /// # Errors
    /// `store.unavailable`.
    fn outbox_update(
        &mut self,
        seq: i64,
        from: &[OutboxState],
        update: &OutboxUpdate,
    ) -> Result<bool>;

    /// Outbound messages matching `query`, newest first.
    ///
    /// # Errors
    /// `store.unavailable`, `store.corrupt`.
    fn outbox_items(&mut self, query: &OutboxQuery) -> Result<Vec<OutboxItem>>;

    /// The number of outbound messages per state (states without any are left out).
    ///
    /// # Errors
    /// `store.unavailable`, `store.corrupt`.
    fn outbox_counts(&mut self) -> Result<Vec<(OutboxState, u64)>>;

    /// The oldest `created_at` and the earliest `give_up_at` (Unix milliseconds) of the
    /// pending messages, `None` when none is pending ([`OUTBOX_PENDING_TIMES`]). A backend
    /// that does not provide it answers `None` (the node then shows no age).
    ///
    /// # Errors
    /// `store.unavailable`.
    fn outbox_pending_times(&mut self) -> Result<Option<(i64, i64)>> {
        Ok(None)
    }

    /// Deletes at most `limit` outbox rows that reached a final state before `before`
    /// (their message stays in the archive, under the archive's own retention); returns
    /// how many.
    ///
    /// # Errors
    /// `store.unavailable`.
    fn outbox_purge(&mut self, before: i64, limit: u64) -> Result<u64>;

    /// Sets the next attempt of every pending, unleased message to `endpoint` due before
    /// `retry_at` to `retry_at`, and ends as undeliverable (at `now`, with `error`) those whose
    /// give-up time comes before it, in one statement ([`OUTBOX_DEFER`]); returns how many
    /// were deferred and how many given up.
    ///
    /// # Errors
    /// `store.unavailable`.
    fn outbox_defer_endpoint(
        &mut self,
        endpoint: &str,
        retry_at: i64,
        now: i64,
        error: &str,
    ) -> Result<(u64, u64)>;
}

/// Defers the messages to an endpoint found down: `$1` the next attempt, `$2` now, `$3` the
/// attempt's error, `$4` the endpoint (rows leased by a worker are left to it). A message
/// whose give-up time comes before the next attempt is given up now, as a failed attempt of
/// its own would give it up (`finish_attempt`): a partner down for weeks must not keep
/// messages pending past their give-up. One statement, one commit, however many wait.
/// (Shared SQL: SQLite numbers `$N` by first appearance, so each first appears in order.)
pub(crate) const OUTBOX_DEFER: &str = "UPDATE ll_outbox SET
    next_attempt_at = $1,
    state = CASE WHEN give_up_at < $1 THEN 'undeliverable' ELSE state END,
    finished_at = CASE WHEN give_up_at < $1 THEN $2 ELSE finished_at END,
    last_error = CASE WHEN give_up_at < $1 THEN $3 ELSE last_error END
    WHERE state = 'pending' AND next_attempt_at < $1 AND lease_until <= $2 AND endpoint = $4
    RETURNING state";

/// Counts the rows [`OUTBOX_DEFER`] returned: (deferred, given up).
fn deferred_and_given_up(states: &[String]) -> (u64, u64) {
    let given_up = states.iter().filter(|s| *s == "undeliverable").count();
    let n = |k: usize| u64::try_from(k).unwrap_or(u64::MAX);
    (n(states.len() - given_up), n(given_up))
}

/// The bounded purge of finished outbox rows.
/// The counts of `found`, every state listed (0 for those it lacks).
fn every_state(found: &[(OutboxState, u64)]) -> Vec<(OutboxState, u64)> {
    OutboxState::ALL
        .into_iter()
        .map(|s| {
            let n = found.iter().find(|(f, _)| *f == s).map_or(0, |(_, n)| *n);
            (s, n)
        })
        .collect()
}

/// What [`Store::outbox_summary`] reads.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct OutboxSummary {
    /// The messages per state, every state listed.
    pub counts: Vec<(OutboxState, u64)>,
    /// The oldest pending message's `created_at` and the earliest `give_up_at` of the pending
    /// ones; `None` when none is pending (or the backend does not tell).
    pub pending: Option<(Timestamp, Timestamp)>,
}

/// [`OutboxBackend::outbox_pending_times`]: read through `ll_outbox_due` (state first).
pub(crate) const OUTBOX_PENDING_TIMES: &str =
    "SELECT min(created_at), min(give_up_at) FROM ll_outbox WHERE state = 'pending'";

pub(crate) const OUTBOX_PURGE: &str = "DELETE FROM ll_outbox WHERE seq IN
    (SELECT seq FROM ll_outbox WHERE state <> 'pending' AND finished_at < $1 LIMIT $2)";

/// The columns every outbox query reads, in [`OutboxRow`] order.
pub(crate) const OUTBOX_COLUMNS: &str = "seq, id, type, from_region, from_agency, to_region,
    to_agency, case_id, digest, endpoint, jws, state, created_at, give_up_at, next_attempt_at,
    attempts, last_error, http_status, receipt, finished_at, endpoint_source,
    endpoint_list_sequence";

/// The insert; `ON CONFLICT DO NOTHING` on (issuer, id). (Shared SQL: SQLite numbers `$N`
/// parameters by their first appearance, so each `$N` first appears in order.)
pub(crate) const OUTBOX_INSERT: &str = "INSERT INTO ll_outbox (id, type, from_region,
    from_agency, to_region, to_agency, case_id, digest, endpoint, jws, state, created_at,
    give_up_at, next_attempt_at, endpoint_source, endpoint_list_sequence)
 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'pending', $11, $12, $11, $13, $14)
 ON CONFLICT (from_region, from_agency, id) DO NOTHING";

/// The digest of a queued message (the conflict check after an insert that did nothing).
pub(crate) const OUTBOX_DIGEST: &str =
    "SELECT digest FROM ll_outbox WHERE from_region = $1 AND from_agency = $2 AND id = $3";

/// A row as read, before the conversion that can fail.
pub(crate) struct OutboxRow {
    pub(crate) seq: i64,
    pub(crate) id: String,
    pub(crate) message_type: String,
    pub(crate) from_region: String,
    pub(crate) from_agency: String,
    pub(crate) to_region: String,
    pub(crate) to_agency: String,
    pub(crate) case_id: Option<String>,
    pub(crate) digest: String,
    pub(crate) endpoint: String,
    pub(crate) jws: Vec<u8>,
    pub(crate) state: String,
    pub(crate) created_at: i64,
    pub(crate) give_up_at: i64,
    pub(crate) next_attempt_at: i64,
    pub(crate) attempts: i64,
    pub(crate) last_error: Option<String>,
    pub(crate) http_status: Option<i64>,
    pub(crate) receipt: Option<Vec<u8>>,
    pub(crate) finished_at: Option<i64>,
    pub(crate) endpoint_source: String,
    pub(crate) endpoint_list_sequence: Option<i64>,
}

impl OutboxRow {
    pub(crate) fn into_item(self) -> Result<OutboxItem> {
        Ok(OutboxItem {
            seq: self.seq,
            id: self.id,
            message_type: self.message_type,
            from_region: self.from_region,
            from_agency: self.from_agency,
            to_region: self.to_region,
            to_agency: self.to_agency,
            case_id: self.case_id,
            digest: self.digest,
            endpoint: self.endpoint,
            endpoint_source: EndpointSource::parse(
                &self.endpoint_source,
                self.endpoint_list_sequence,
            )?,
            jws: self.jws,
            state: OutboxState::parse(&self.state)?,
            created_at: Timestamp::from_unix_millis(self.created_at),
            give_up_at: Timestamp::from_unix_millis(self.give_up_at),
            next_attempt_at: Timestamp::from_unix_millis(self.next_attempt_at),
            attempts: u32::try_from(self.attempts)
                .map_err(|_| corrupt("an outbox row has a negative attempt count"))?,
            last_error: self.last_error,
            http_status: match self.http_status {
                None => None,
                Some(s) => Some(
                    u16::try_from(s)
                        .map_err(|_| corrupt("an outbox row has an invalid HTTP status"))?,
                ),
            },
            receipt: self.receipt,
            finished_at: self.finished_at.map(Timestamp::from_unix_millis),
        })
    }
}

/// The `WHERE` clause and bind values of a listing (`$1`… in order).
pub(crate) fn query_filter(q: &OutboxQuery) -> (String, Vec<String>) {
    let mut clauses = Vec::new();
    let mut values = Vec::new();
    if let Some(st) = q.state {
        values.push(st.as_str().to_owned());
        clauses.push(format!("state = ${}", values.len()));
    }
    if let Some(id) = &q.id {
        values.push(id.clone());
        clauses.push(format!("id = ${}", values.len()));
    }
    if let Some(seq) = q.seq {
        // An integer, formatted: nothing from outside reaches the SQL text.
        clauses.push(format!("seq = {seq}"));
    }
    let mut sql = String::new();
    if !clauses.is_empty() {
        sql.push_str(" WHERE ");
        sql.push_str(&clauses.join(" AND "));
    }
    sql.push_str(" ORDER BY seq DESC");
    if q.limit > 0 {
        sql.push_str(&format!(" LIMIT {}", q.limit.min(i64::MAX as u64)));
    }
    (sql, values)
}

/// How long a claimed message stays leased to one worker (a worker that dies releases it
/// when the lease runs out).
pub const DEFAULT_LEASE_SECONDS: i64 = 120;

impl Store {
    /// Puts a signed message this agency sends into the outbox, for delivery to `endpoint`,
    /// and archives it (direction `sent`; its case is updated) — in one transaction. After
    /// `give_up_at` a failed attempt makes it undeliverable.
    ///
    /// Enqueuing the same message again is a no-op (`Ok(false)`).
    ///
    /// # Errors
    /// The decoding errors of `jws` (`jws.*`, `json.*`, `payload.*`, `envelope.*`);
    /// `replay.conflict` when the outbox holds another message with the same issuer and id;
    /// the backend's errors.
    pub fn enqueue(
        &self,
        jws: &[u8],
        endpoint: &str,
        now: Timestamp,
        give_up_at: Timestamp,
    ) -> Result<bool> {
        self.enqueue_from(jws, endpoint, EndpointSource::Given, now, give_up_at)
    }

    /// [`Store::enqueue`] with where `endpoint` came from: a URL taken from the trust list
    /// ([`EndpointSource::TrustList`]) is replaced by the delivery worker with the addressee's
    /// endpoint in the current trust list when that changes.
    ///
    /// # Errors
    /// As [`Store::enqueue`].
    pub fn enqueue_from(
        &self,
        jws: &[u8],
        endpoint: &str,
        endpoint_source: EndpointSource,
        now: Timestamp,
        give_up_at: Timestamp,
    ) -> Result<bool> {
        let message = NewMessage::from_jws(Direction::Sent, jws, now)?;
        let case = self.case_write(&message);
        let item = NewOutbound {
            message,
            endpoint: endpoint.to_owned(),
            endpoint_source,
            created_at: now,
            give_up_at,
        };
        match self.lock().outbox_insert(&item, case.as_ref())? {
            None => Ok(true),
            Some(d) if d == item.message.digest => Ok(false),
            Some(_) => Err(Error::new(
                ErrorCode::ReplayConflict,
                format!(
                    "the outbox already holds message {} from this agency with other content; a message id is used once",
                    item.message.id
                ),
            )
            .at("/id")),
        }
    }

    /// Leases at most `limit` due messages to the caller for [`DEFAULT_LEASE_SECONDS`].
    ///
    /// # Errors
    /// The backend's errors.
    pub fn claim_due(&self, now: Timestamp, limit: u64) -> Result<Vec<OutboxItem>> {
        self.claim_due_for(now, limit, DEFAULT_LEASE_SECONDS)
    }

    /// [`Store::claim_due`] with a lease of `lease_seconds` (at least
    /// [`DEFAULT_LEASE_SECONDS`]): a worker that attempts a batch one message after another
    /// leases it for as long as the batch can take, so that no other worker claims a message
    /// of it while it is still to be attempted.
    ///
    /// # Errors
    /// The backend's errors.
    pub fn claim_due_for(
        &self,
        now: Timestamp,
        limit: u64,
        lease_seconds: i64,
    ) -> Result<Vec<OutboxItem>> {
        let lease = now
            .add_seconds(lease_seconds.max(DEFAULT_LEASE_SECONDS))
            .unix_millis();
        self.lock().outbox_claim(now.unix_millis(), lease, limit)
    }

    /// Gives back the lease of a claimed message that was not attempted, due again at
    /// `retry_at` (or when it was due, if later): a worker that found its endpoint down moves
    /// that endpoint's other messages to the same next attempt instead of waiting on each.
    /// Its attempts and last error stay as they were.
    ///
    /// # Errors
    /// `store.not_found` when the message is no longer pending; the backend's errors.
    pub fn release(&self, item: &OutboxItem, retry_at: Timestamp) -> Result<()> {
        let update = OutboxUpdate {
            state: OutboxState::Pending,
            next_attempt_at: retry_at
                .unix_millis()
                .max(item.next_attempt_at.unix_millis()),
            count_attempt: false,
            last_error: item.last_error.clone(),
            http_status: None,
            receipt: None,
            finished_at: None,
            give_up_at: None,
            endpoint: None,
            followed_endpoint: followed(item),
        };
        if self
            .lock()
            .outbox_update(item.seq, &[OutboxState::Pending], &update)?
        {
            Ok(())
        } else {
            Err(not_pending(item.seq))
        }
    }

    /// Defers every pending message to `endpoint` that is due before `retry_at` and not leased
    /// by a worker to `retry_at`, in one statement: a partner found down at `now` (the attempt
    /// failed with `error`) costs one write for all its waiting messages, not a claim and a
    /// release for each (the scale audit: with 30 000 waiting, 722 MB of writes per backoff
    /// period). Those whose give-up time comes before `retry_at` are given up now
    /// (undeliverable, with `error`), as their own failed attempt would give them up. Returns
    /// how many were deferred and how many given up.
    ///
    /// # Errors
    /// The backend's errors.
    pub fn defer_endpoint(
        &self,
        endpoint: &str,
        retry_at: Timestamp,
        now: Timestamp,
        error: &str,
    ) -> Result<(u64, u64)> {
        self.lock().outbox_defer_endpoint(
            endpoint,
            retry_at.unix_millis(),
            now.unix_millis(),
            error,
        )
    }

    /// Records the outcome of an attempt on a leased message at `now`; returns the state it is
    /// in afterwards. A failure after the message's `give_up_at` makes it undeliverable.
    ///
    /// # Errors
    /// `store.not_found` when the message is no longer pending (an operator dropped it
    /// meanwhile); the backend's errors.
    pub fn finish_attempt(
        &self,
        item: &OutboxItem,
        attempt: Attempt,
        now: Timestamp,
    ) -> Result<OutboxState> {
        let update = match attempt {
            Attempt::Receipt {
                accepted,
                http_status,
                receipt,
                reasons,
            } => OutboxUpdate {
                state: if accepted {
                    OutboxState::Delivered
                } else {
                    OutboxState::Rejected
                },
                next_attempt_at: now.unix_millis(),
                count_attempt: true,
                last_error: reasons.filter(|_| !accepted),
                http_status: Some(i32::from(http_status)),
                receipt: Some(receipt),
                finished_at: Some(now.unix_millis()),
                give_up_at: None,
                endpoint: None,
                followed_endpoint: followed(item),
            },
            Attempt::Failed { error, retry_at } => {
                let give_up = retry_at.unix_millis() > item.give_up_at.unix_millis();
                OutboxUpdate {
                    state: if give_up {
                        OutboxState::Undeliverable
                    } else {
                        OutboxState::Pending
                    },
                    next_attempt_at: retry_at.unix_millis(),
                    count_attempt: true,
                    last_error: Some(error),
                    http_status: None,
                    receipt: None,
                    finished_at: give_up.then_some(now.unix_millis()),
                    give_up_at: None,
                    endpoint: None,
                    followed_endpoint: followed(item),
                }
            }
        };
        let state = update.state;
        if self
            .lock()
            .outbox_update(item.seq, &[OutboxState::Pending], &update)?
        {
            Ok(state)
        } else {
            Err(not_pending(item.seq))
        }
    }

    /// Outbound messages matching `query`, newest first.
    ///
    /// # Errors
    /// The backend's errors.
    pub fn outbox(&self, query: &OutboxQuery) -> Result<Vec<OutboxItem>> {
        self.lock().outbox_items(query)
    }

    /// The number of outbound messages per state, every state listed (zeros included).
    ///
    /// # Errors
    /// The backend's errors.
    pub fn outbox_counts(&self) -> Result<Vec<(OutboxState, u64)>> {
        let found = self.lock().outbox_counts()?;
        Ok(every_state(&found))
    }

    /// The counts per state ([`Store::outbox_counts`]) and, when messages are pending, the
    /// oldest one's `created_at` and the earliest `give_up_at` among them — what tells a
    /// partner down for hours from a busy queue before anything is given up — read together.
    ///
    /// # Errors
    /// The backend's errors.
    pub fn outbox_summary(&self) -> Result<OutboxSummary> {
        // Under one hold of the store: no write between the counts and the times.
        let (found, pending) = {
            let mut b = self.lock();
            (b.outbox_counts()?, b.outbox_pending_times()?)
        };
        Ok(OutboxSummary {
            counts: every_state(&found),
            pending: pending.map(|(c, g)| {
                (
                    Timestamp::from_unix_millis(c),
                    Timestamp::from_unix_millis(g),
                )
            }),
        })
    }

    /// Makes an undeliverable (or pending) message due now again, with a new `give_up_at`.
    ///
    /// # Errors
    /// `store.not_found` when there is no such message or it is delivered, rejected or
    /// dropped; the backend's errors.
    pub fn retry_outbound(&self, seq: i64, now: Timestamp, give_up_at: Timestamp) -> Result<()> {
        self.retry_outbound_at(seq, None, now, give_up_at)
    }

    /// [`Store::retry_outbound`], posting from now on to `endpoint` (an inbox URL the caller
    /// has checked, e.g. with `labourlink::trust::check_inbox_url`) when one is given: the
    /// message is then addressed as given ([`EndpointSource::Given`]) and no longer follows
    /// the trust list.
    ///
    /// # Errors
    /// As [`Store::retry_outbound`].
    pub fn retry_outbound_at(
        &self,
        seq: i64,
        endpoint: Option<&str>,
        now: Timestamp,
        give_up_at: Timestamp,
    ) -> Result<()> {
        let update = OutboxUpdate {
            state: OutboxState::Pending,
            next_attempt_at: now.unix_millis(),
            count_attempt: false,
            last_error: None,
            http_status: None,
            receipt: None,
            finished_at: None,
            give_up_at: Some(give_up_at.unix_millis()),
            endpoint: endpoint.map(str::to_owned),
            followed_endpoint: None,
        };
        if self.lock().outbox_update(
            seq,
            &[OutboxState::Pending, OutboxState::Undeliverable],
            &update,
        )? {
            Ok(())
        } else {
            Err(Error::new(
                ErrorCode::StoreNotFound,
                format!(
                    "the outbox holds no pending or undeliverable message {seq} (a delivered, rejected or dropped message is final: send a new message instead)"
                ),
            ))
        }
    }

    /// Drops a pending or undeliverable message: it is never sent again (it stays listed,
    /// and archived, as `dropped`).
    ///
    /// # Errors
    /// `store.not_found` when there is no such message or it is already final otherwise;
    /// the backend's errors.
    pub fn drop_outbound(&self, seq: i64, now: Timestamp) -> Result<()> {
        let update = OutboxUpdate {
            state: OutboxState::Dropped,
            next_attempt_at: now.unix_millis(),
            count_attempt: false,
            last_error: None,
            http_status: None,
            receipt: None,
            finished_at: Some(now.unix_millis()),
            give_up_at: None,
            endpoint: None,
            followed_endpoint: None,
        };
        if self.lock().outbox_update(
            seq,
            &[OutboxState::Pending, OutboxState::Undeliverable],
            &update,
        )? {
            Ok(())
        } else {
            Err(Error::new(
                ErrorCode::StoreNotFound,
                format!(
                    "the outbox holds no pending or undeliverable message {seq} (a delivered, rejected or dropped message is final: send a new message instead)"
                ),
            ))
        }
    }
}

/// The URL a worker writes back with an attempt, and the sequence of the trust list it came
/// from: the one it posted to, where the row follows the trust list (it may have taken a newer
/// list's endpoint).
fn followed(item: &OutboxItem) -> Option<(String, u64)> {
    item.endpoint_source
        .list_sequence()
        .map(|sequence| (item.endpoint.clone(), sequence))
}

fn not_pending(seq: i64) -> Error {
    Error::new(
        ErrorCode::StoreNotFound,
        format!("outbound message {seq} is no longer pending (dropped by an operator?)"),
    )
}

/// The update of one row (the state list of the `WHERE` clause is appended).
pub(crate) fn update_sql(from: &[OutboxState]) -> String {
    let states: Vec<String> = from.iter().map(|s| format!("'{}'", s.as_str())).collect();
    format!(
        "UPDATE ll_outbox SET state = $1, next_attempt_at = $2, attempts = attempts + $3,
             last_error = $4, http_status = COALESCE($5, http_status),
             receipt = COALESCE($6, receipt), finished_at = $7,
             give_up_at = COALESCE($8, give_up_at), lease_until = 0,
             endpoint = COALESCE($9, CASE WHEN endpoint_source = 'trust_list'
                 THEN COALESCE($10, endpoint) ELSE endpoint END),
             endpoint_list_sequence = CASE WHEN $9 IS NULL AND endpoint_source = 'trust_list'
                 THEN COALESCE($11, endpoint_list_sequence) ELSE endpoint_list_sequence END,
             endpoint_source = CASE WHEN $9 IS NULL THEN endpoint_source ELSE 'given' END
         WHERE seq = $12 AND state IN ({})",
        states.join(", ")
    )
}

/// Migration 3 on SQLite: the outbox.
pub(crate) const SQLITE_MIGRATION: &str = r"
CREATE TABLE ll_outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL,
    type TEXT NOT NULL,
    from_region TEXT NOT NULL,
    from_agency TEXT NOT NULL,
    to_region TEXT NOT NULL,
    to_agency TEXT NOT NULL,
    case_id TEXT,
    digest TEXT NOT NULL,
    endpoint TEXT NOT NULL,
    jws BLOB NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'rejected', 'undeliverable', 'dropped')),
    created_at INTEGER NOT NULL,
    give_up_at INTEGER NOT NULL,
    next_attempt_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    lease_until INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    http_status INTEGER,
    receipt BLOB,
    finished_at INTEGER,
    UNIQUE (from_region, from_agency, id)
);
CREATE INDEX ll_outbox_due ON ll_outbox (state, next_attempt_at);
";

/// Migration 3 on PostgreSQL: the outbox.
pub(crate) const POSTGRES_MIGRATION: &str = r"
CREATE TABLE ll_outbox (
    seq BIGSERIAL PRIMARY KEY,
    id TEXT NOT NULL,
    type TEXT NOT NULL,
    from_region TEXT NOT NULL,
    from_agency TEXT NOT NULL,
    to_region TEXT NOT NULL,
    to_agency TEXT NOT NULL,
    case_id TEXT,
    digest TEXT NOT NULL,
    endpoint TEXT NOT NULL,
    jws BYTEA NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'rejected', 'undeliverable', 'dropped')),
    created_at BIGINT NOT NULL,
    give_up_at BIGINT NOT NULL,
    next_attempt_at BIGINT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    lease_until BIGINT NOT NULL DEFAULT 0,
    last_error TEXT,
    http_status INTEGER,
    receipt BYTEA,
    finished_at BIGINT,
    UNIQUE (from_region, from_agency, id)
);
CREATE INDEX ll_outbox_due ON ll_outbox (state, next_attempt_at);
";

mod sqlite {
    use rusqlite::{OptionalExtension as _, TransactionBehavior, params, params_from_iter};

    use super::{
        NewOutbound, OUTBOX_COLUMNS, OUTBOX_DIGEST, OUTBOX_INSERT, OutboxBackend, OutboxItem,
        OutboxQuery, OutboxRow, OutboxState, OutboxUpdate, query_filter, update_sql,
    };
    use crate::CaseWrite;
    use crate::sqlite_backend::{SqliteBackend, db_err, insert_message};
    use labourlink_protocol::Result;

    fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<OutboxRow> {
        Ok(OutboxRow {
            seq: r.get(0)?,
            id: r.get(1)?,
            message_type: r.get(2)?,
            from_region: r.get(3)?,
            from_agency: r.get(4)?,
            to_region: r.get(5)?,
            to_agency: r.get(6)?,
            case_id: r.get(7)?,
            digest: r.get(8)?,
            endpoint: r.get(9)?,
            jws: r.get(10)?,
            state: r.get(11)?,
            created_at: r.get(12)?,
            give_up_at: r.get(13)?,
            next_attempt_at: r.get(14)?,
            attempts: r.get(15)?,
            last_error: r.get(16)?,
            http_status: r.get(17)?,
            receipt: r.get(18)?,
            finished_at: r.get(19)?,
            endpoint_source: r.get(20)?,
            endpoint_list_sequence: r.get(21)?,
        })
    }

    impl OutboxBackend for SqliteBackend {
        fn outbox_insert(
            &mut self,
            item: &NewOutbound,
            case: Option<&CaseWrite>,
        ) -> Result<Option<String>> {
            let m = &item.message;
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(|e| db_err(&e))?;
            let n = tx
                .prepare_cached(OUTBOX_INSERT)
                .and_then(|mut s| {
                    s.execute(params![
                        m.id,
                        m.message_type,
                        m.from_region,
                        m.from_agency,
                        m.to_region,
                        m.to_agency,
                        m.case_id,
                        m.digest,
                        item.endpoint,
                        m.jws,
                        item.created_at.unix_millis(),
                        item.give_up_at.unix_millis(),
                        item.endpoint_source.as_str(),
                        item.endpoint_source
                            .list_sequence()
                            .and_then(|n| i64::try_from(n).ok()),
                    ])
                })
                .map_err(|e| db_err(&e))?;
            if n == 0 {
                let digest: Option<String> = tx
                    .query_row(
                        OUTBOX_DIGEST,
                        params![m.from_region, m.from_agency, m.id],
                        |r| r.get(0),
                    )
                    .optional()
                    .map_err(|e| db_err(&e))?;
                return Ok(Some(digest.unwrap_or_default()));
            }
            insert_message(&tx, m, case)?;
            tx.commit().map_err(|e| db_err(&e))?;
            Ok(None)
        }

        fn outbox_claim(
            &mut self,
            now: i64,
            lease_until: i64,
            limit: u64,
        ) -> Result<Vec<OutboxItem>> {
            let sql = format!(
                // `?N`, not `$N`: SQLite numbers `$N` parameters by first appearance.
                "UPDATE ll_outbox SET lease_until = ?2 WHERE seq IN
                   (SELECT seq FROM ll_outbox WHERE state = 'pending' AND next_attempt_at <= ?1
                      AND lease_until <= ?1 ORDER BY next_attempt_at, seq LIMIT ?3)
                 RETURNING {OUTBOX_COLUMNS}"
            );
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(|e| db_err(&e))?;
            let rows: Vec<OutboxRow> = tx
                .prepare_cached(&sql)
                .and_then(|mut s| {
                    s.query_map(
                        params![now, lease_until, i64::try_from(limit).unwrap_or(i64::MAX)],
                        row,
                    )?
                    .collect()
                })
                .map_err(|e| db_err(&e))?;
            tx.commit().map_err(|e| db_err(&e))?;
            let mut items = rows
                .into_iter()
                .map(OutboxRow::into_item)
                .collect::<Result<Vec<_>>>()?;
            items.sort_by_key(|i| (i.next_attempt_at, i.seq));
            Ok(items)
        }

        fn outbox_update(
            &mut self,
            seq: i64,
            from: &[OutboxState],
            u: &OutboxUpdate,
        ) -> Result<bool> {
            let n = self
                .conn
                .execute(
                    &update_sql(from),
                    params![
                        u.state.as_str(),
                        u.next_attempt_at,
                        i64::from(u.count_attempt),
                        u.last_error,
                        u.http_status,
                        u.receipt,
                        u.finished_at,
                        u.give_up_at,
                        u.endpoint,
                        u.followed_endpoint.as_ref().map(|(e, _)| e),
                        u.followed_endpoint
                            .as_ref()
                            .and_then(|(_, n)| i64::try_from(*n).ok()),
                        seq,
                    ],
                )
                .map_err(|e| db_err(&e))?;
            Ok(n == 1)
        }

        fn outbox_items(&mut self, q: &OutboxQuery) -> Result<Vec<OutboxItem>> {
            let (filter, values) = query_filter(q);
            let sql = format!("SELECT {OUTBOX_COLUMNS} FROM ll_outbox{filter}");
            let rows: Vec<OutboxRow> = self
                .conn
                .prepare(&sql)
                .and_then(|mut s| s.query_map(params_from_iter(values.iter()), row)?.collect())
                .map_err(|e| db_err(&e))?;
            rows.into_iter().map(OutboxRow::into_item).collect()
        }

        fn outbox_counts(&mut self) -> Result<Vec<(OutboxState, u64)>> {
            let rows: Vec<(String, i64)> = self
                .conn
                .prepare_cached("SELECT state, count(*) FROM ll_outbox GROUP BY state")
                .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
                .map_err(|e| db_err(&e))?;
            rows.into_iter()
                .map(|(s, n)| Ok((OutboxState::parse(&s)?, u64::try_from(n).unwrap_or(0))))
                .collect()
        }

        fn outbox_pending_times(&mut self) -> Result<Option<(i64, i64)>> {
            let (created, give_up): (Option<i64>, Option<i64>) = self
                .conn
                .prepare_cached(super::OUTBOX_PENDING_TIMES)
                .and_then(|mut s| s.query_row([], |r| Ok((r.get(0)?, r.get(1)?))))
                .map_err(|e| db_err(&e))?;
            Ok(created.zip(give_up))
        }

        fn outbox_purge(&mut self, before: i64, limit: u64) -> Result<u64> {
            self.conn
                .execute(
                    super::OUTBOX_PURGE,
                    params![before, i64::try_from(limit).unwrap_or(i64::MAX)],
                )
                .map(|n| u64::try_from(n).unwrap_or(0))
                .map_err(|e| db_err(&e))
        }

        fn outbox_defer_endpoint(
            &mut self,
            endpoint: &str,
            retry_at: i64,
            now: i64,
            error: &str,
        ) -> Result<(u64, u64)> {
            let states: Vec<String> = self
                .conn
                .prepare_cached(super::OUTBOX_DEFER)
                .and_then(|mut s| {
                    s.query_map(params![retry_at, now, error, endpoint], |r| r.get(0))?
                        .collect()
                })
                .map_err(|e| db_err(&e))?;
            Ok(super::deferred_and_given_up(&states))
        }
    }
}

#[cfg(feature = "postgres")]
mod postgres {
    use super::{
        NewOutbound, OUTBOX_COLUMNS, OUTBOX_DIGEST, OUTBOX_INSERT, OutboxBackend, OutboxItem,
        OutboxQuery, OutboxRow, OutboxState, OutboxUpdate, query_filter, update_sql,
    };
    use crate::CaseWrite;
    use crate::postgres_backend::{MESSAGE_INSERT, PostgresBackend, insert_message, pg_err};
    use labourlink_protocol::Result;

    fn row(r: &::postgres::Row) -> std::result::Result<OutboxRow, ::postgres::Error> {
        Ok(OutboxRow {
            seq: r.try_get(0)?,
            id: r.try_get(1)?,
            message_type: r.try_get(2)?,
            from_region: r.try_get(3)?,
            from_agency: r.try_get(4)?,
            to_region: r.try_get(5)?,
            to_agency: r.try_get(6)?,
            case_id: r.try_get(7)?,
            digest: r.try_get(8)?,
            endpoint: r.try_get(9)?,
            jws: r.try_get(10)?,
            state: r.try_get(11)?,
            created_at: r.try_get(12)?,
            give_up_at: r.try_get(13)?,
            next_attempt_at: r.try_get(14)?,
            attempts: i64::from(r.try_get::<_, i32>(15)?),
            last_error: r.try_get(16)?,
            http_status: r.try_get::<_, Option<i32>>(17)?.map(i64::from),
            receipt: r.try_get(18)?,
            finished_at: r.try_get(19)?,
            endpoint_source: r.try_get(20)?,
            endpoint_list_sequence: r.try_get(21)?,
        })
    }

    fn items(rows: &[::postgres::Row]) -> Result<Vec<OutboxItem>> {
        rows.iter()
            .map(|r| {
                row(r)
                    .map_err(|e| pg_err(&e))
                    .and_then(OutboxRow::into_item)
            })
            .collect()
    }

    impl OutboxBackend for PostgresBackend {
        fn outbox_insert(
            &mut self,
            item: &NewOutbound,
            case: Option<&CaseWrite>,
        ) -> Result<Option<String>> {
            let m = &item.message;
            let ins = self.stmt(OUTBOX_INSERT)?;
            let msg = self.stmt(MESSAGE_INSERT)?;
            let mut tx = self.client.transaction().map_err(|e| pg_err(&e))?;
            let n = tx
                .execute(
                    &ins,
                    &[
                        &m.id,
                        &m.message_type,
                        &m.from_region,
                        &m.from_agency,
                        &m.to_region,
                        &m.to_agency,
                        &m.case_id,
                        &m.digest,
                        &item.endpoint,
                        &m.jws,
                        &item.created_at.unix_millis(),
                        &item.give_up_at.unix_millis(),
                        &item.endpoint_source.as_str(),
                        &item
                            .endpoint_source
                            .list_sequence()
                            .and_then(|n| i64::try_from(n).ok()),
                    ],
                )
                .map_err(|e| pg_err(&e))?;
            if n == 0 {
                let digest: Option<String> = tx
                    .query_opt(OUTBOX_DIGEST, &[&m.from_region, &m.from_agency, &m.id])
                    .and_then(|r| r.map(|r| r.try_get(0)).transpose())
                    .map_err(|e| pg_err(&e))?;
                return Ok(Some(digest.unwrap_or_default()));
            }
            insert_message(&mut tx, &msg, m, case)?;
            tx.commit().map_err(|e| pg_err(&e))?;
            Ok(None)
        }

        fn outbox_claim(
            &mut self,
            now: i64,
            lease_until: i64,
            limit: u64,
        ) -> Result<Vec<OutboxItem>> {
            self.ready()?;
            // SKIP LOCKED: a concurrent worker's claim neither waits nor takes the same rows.
            let sql = format!(
                "UPDATE ll_outbox SET lease_until = $2 WHERE seq IN
                   (SELECT seq FROM ll_outbox WHERE state = 'pending' AND next_attempt_at <= $1
                      AND lease_until <= $1 ORDER BY next_attempt_at, seq LIMIT $3
                      FOR UPDATE SKIP LOCKED)
                 RETURNING {OUTBOX_COLUMNS}"
            );
            let rows = self
                .client
                .query(
                    &sql,
                    &[
                        &now,
                        &lease_until,
                        &i64::try_from(limit).unwrap_or(i64::MAX),
                    ],
                )
                .map_err(|e| pg_err(&e))?;
            let mut out = items(&rows)?;
            out.sort_by_key(|i| (i.next_attempt_at, i.seq));
            Ok(out)
        }

        fn outbox_update(
            &mut self,
            seq: i64,
            from: &[OutboxState],
            u: &OutboxUpdate,
        ) -> Result<bool> {
            self.ready()?;
            let n = self
                .client
                .execute(
                    &update_sql(from),
                    &[
                        &u.state.as_str(),
                        &u.next_attempt_at,
                        &i32::from(u.count_attempt),
                        &u.last_error,
                        &u.http_status,
                        &u.receipt,
                        &u.finished_at,
                        &u.give_up_at,
                        &u.endpoint,
                        &u.followed_endpoint.as_ref().map(|(e, _)| e.clone()),
                        &u.followed_endpoint
                            .as_ref()
                            .and_then(|(_, n)| i64::try_from(*n).ok()),
                        &seq,
                    ],
                )
                .map_err(|e| pg_err(&e))?;
            Ok(n == 1)
        }

        fn outbox_items(&mut self, q: &OutboxQuery) -> Result<Vec<OutboxItem>> {
            self.ready()?;
            let (filter, values) = query_filter(q);
            let sql = format!("SELECT {OUTBOX_COLUMNS} FROM ll_outbox{filter}");
            let rows = self
                .client
                .query(&sql, &crate::postgres_backend::text_params(&values))
                .map_err(|e| pg_err(&e))?;
            items(&rows)
        }

        fn outbox_counts(&mut self) -> Result<Vec<(OutboxState, u64)>> {
            self.ready()?;
            let rows = self
                .client
                .query("SELECT state, count(*) FROM ll_outbox GROUP BY state", &[])
                .map_err(|e| pg_err(&e))?;
            rows.iter()
                .map(|r| {
                    let s: String = r.try_get(0).map_err(|e| pg_err(&e))?;
                    let n: i64 = r.try_get(1).map_err(|e| pg_err(&e))?;
                    Ok((OutboxState::parse(&s)?, u64::try_from(n).unwrap_or(0)))
                })
                .collect()
        }

        fn outbox_pending_times(&mut self) -> Result<Option<(i64, i64)>> {
            self.ready()?;
            let row = self
                .client
                .query_one(super::OUTBOX_PENDING_TIMES, &[])
                .map_err(|e| pg_err(&e))?;
            let created: Option<i64> = row.try_get(0).map_err(|e| pg_err(&e))?;
            let give_up: Option<i64> = row.try_get(1).map_err(|e| pg_err(&e))?;
            Ok(created.zip(give_up))
        }

        fn outbox_purge(&mut self, before: i64, limit: u64) -> Result<u64> {
            self.ready()?;
            self.client
                .execute(
                    super::OUTBOX_PURGE,
                    &[&before, &i64::try_from(limit).unwrap_or(i64::MAX)],
                )
                .map_err(|e| pg_err(&e))
        }

        fn outbox_defer_endpoint(
            &mut self,
            endpoint: &str,
            retry_at: i64,
            now: i64,
            error: &str,
        ) -> Result<(u64, u64)> {
            self.ready()?;
            let rows = self
                .client
                .query(super::OUTBOX_DEFER, &[&retry_at, &now, &error, &endpoint])
                .map_err(|e| pg_err(&e))?;
            let states = rows
                .iter()
                .map(|r| r.try_get::<_, String>(0).map_err(|e| pg_err(&e)))
                .collect::<Result<Vec<_>>>()?;
            Ok(super::deferred_and_given_up(&states))
        }
    }
}
