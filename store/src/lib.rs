//! Durable state for labourlink verifiers, on SQLite (embedded, the default) or PostgreSQL
//! (several processes or machines against one database).
//!
//! A [`Store`] keeps:
//!
//! - **replay records** — `(issuer, message id) → digest, first seen, keep-until` — behind the
//!   core's [`ReplayGuard`] trait: give `Arc<Store>` to
//!   [`VerifierBuilder::replay_guard`](labourlink_protocol::verify::VerifierBuilder::replay_guard). The
//!   check and the record are one `INSERT … ON CONFLICT` statement, atomic across processes,
//!   and committed durably before the call returns;
//! - the **message archive**: every message received or sent, exact JWS bytes, digest,
//!   direction, type, parties, case, outcome and warnings, time. Append-only (the database
//!   refuses updates and deletes by trigger) except that [`Store::purge`] may drop the body of
//!   an old message while keeping its id, digest and outcome;
//! - a bounded **quarantine** of rejected messages with their error code;
//! - **cases**: every archived message with a `case` updates its case record in the same
//!   transaction — the flow-table step, what is awaited from whom, and the deadline in working
//!   days ([`CasePolicy`]; the catalogue's with the default `catalogue` feature); queries for
//!   open, overdue and due-soon cases, a case's history, and a `control.reminder` draft;
//! - **trust-list state**: the last accepted signed list and its sequence per trust anchor, so
//!   that an older list is refused after a restart too (`trust_list.rollback`) and the last good
//!   list is at hand when the list's source is unreachable; the same for signed **reference
//!   data** (holiday calendar, GB/T 2260 changes: `reference_data.rollback`).
//!
//! Many messages at once (a batch, an inbox backlog): [`Store::receive_many`] checks them in
//! parallel and writes them with **group commit** — one transaction (one fsync) per group of
//! up to [`GroupCommit`] messages, each message reported only after its group committed.
//!
//! Stores are opened from a URL: `sqlite:///var/lib/labourlink/store.db` (or
//! `sqlite:relative/path.db`, or `sqlite::memory:` for tests) and `postgresql://user@host/db`
//! (TLS as libpq's `sslmode` and `sslrootcert` ask, with rustls: see `docs/STORE.md`).
//! [`Store::init`] creates the schema, [`Store::open`] opens an existing store; both apply the
//! crate's versioned migrations, and both refuse a database whose schema is newer than this
//! crate (`store.schema_too_new`). See `docs/STORE.md` for what survives a crash.
//!
//! ```
//! use std::sync::Arc;
//! use labourlink_protocol::time::Timestamp;
//! use labourlink_protocol::verify::{ReplayGuard, ReplayKey};
//! use labourlink_store::Store;
//!
//! let store = Arc::new(Store::init("sqlite::memory:").unwrap());
//! let t = Timestamp::from_unix_seconds;
//! let key = ReplayKey { region: "513400", agency: "LS-SI", id: "01a2" };
//! store.check_and_record(&key, "digest-1", t(0), t(100)).unwrap();
//! let again = store.check_and_record(&key, "digest-1", t(1), t(100)).unwrap_err();
//! assert_eq!(again.code().as_str(), "replay.duplicate");
//! let other = store.check_and_record(&key, "digest-2", t(1), t(100)).unwrap_err();
//! assert_eq!(other.code().as_str(), "replay.conflict");
//! // The store is the verifier's replay guard:
//! let _guard: Arc<dyn ReplayGuard> = store;
//! ```

use std::sync::{Arc, Mutex, MutexGuard};

use labourlink_protocol::envelope::Document;
use labourlink_protocol::json::Limits;
use labourlink_protocol::jws::{self, AlgorithmPolicy};
use labourlink_protocol::time::Timestamp;
use labourlink_protocol::trust::TrustList;
use labourlink_protocol::verify::{Profile, ReplayGuard, ReplayKey, Verified, Verifier};
use labourlink_protocol::{Error, ErrorCode, Result};

mod backend;
mod cases;
mod commit_queue;
pub mod copy;
mod group;
mod outbox;
#[cfg(feature = "postgres")]
mod postgres_backend;
#[cfg(feature = "postgres")]
mod postgres_tls;
mod sqlite_backend;

pub use backend::{
    GroupWrite, MessageQuery, ReplayOutcome, SignedKind, StorageBackend, TrustOutcome,
};
pub use cases::{
    AwaitedMessage, CaseChange, CaseDue, CaseParty, CasePolicy, CaseQuery, CaseRecord, CaseStatus,
    CaseWrite,
};
pub use commit_queue::{CommitQueue, Committed};
pub use group::{GroupCommit, GroupReport, Received};
pub use outbox::{
    Attempt, DEFAULT_LEASE_SECONDS, EndpointSource, NewOutbound, OutboxBackend, OutboxItem,
    OutboxQuery, OutboxState, OutboxSummary, OutboxUpdate,
};

/// The schema version this crate writes and understands. A database with a higher version
/// was written by a newer labourlink and is refused (`store.schema_too_new`).
pub const SCHEMA_VERSION: u32 = 8;

/// The default number of rejected messages the quarantine keeps (the oldest go first).
pub const DEFAULT_QUARANTINE_CAPACITY: u64 = 10_000;

/// The largest part of a rejected message the quarantine keeps, in bytes.
pub const QUARANTINE_MAX_BYTES: usize = 1 << 20;

/// The largest part kept of a message refused before any signature of it verified (`json.*`,
/// `jws.*`, `key.*`, `signature.*`): anyone can send those without a key, so they must not
/// fill the disk a megabyte at a time; 64 KiB and the whole input's SHA-256 tell an operator
/// what came.
pub const QUARANTINE_UNAUTHENTICATED_MAX_BYTES: usize = 64 << 10;

/// The default number of rows one purge batch (one transaction) touches.
pub const DEFAULT_PURGE_BATCH: u64 = 1_000;

pub(crate) fn unavailable(msg: impl Into<String>) -> Error {
    Error::new(ErrorCode::StoreUnavailable, msg)
}

/// How many of the newest received messages [`Store::purge_time`] reads: one of them issued
/// lately is enough, so a partner would have to send that many old-dated messages in a row to
/// hold purges back (by at most the maximum age: older ones are not accepted).
const PURGE_EVIDENCE: u64 = 256;

/// The `issued_at` a stored JWS states (read, not verified again: it was verified when it was
/// received); `None` for a long-lived document, which may be issued any time before it is sent
/// (a certificate of years ago) and so says nothing of the time it arrived.
fn signed_issued_at(jws_bytes: &[u8]) -> Option<Timestamp> {
    let parsed = jws::parse(jws_bytes, Limits::default(), &AlgorithmPolicy::default()).ok()?;
    let (value, _) =
        labourlink_protocol::verify::parse_canonical_payload(&parsed.payload, Limits::default())
            .ok()?;
    #[cfg(feature = "catalogue")]
    if value
        .get("type")
        .and_then(serde_json::Value::as_str)
        .is_some_and(labourlink::envelope::is_long_lived_type)
    {
        return None;
    }
    Timestamp::parse(value.get("issued_at")?.as_str()?).ok()
}

pub(crate) fn corrupt(msg: impl Into<String>) -> Error {
    Error::new(ErrorCode::StoreCorrupt, msg)
}

pub(crate) fn too_new(found: u32) -> Error {
    Error::new(
        ErrorCode::StoreSchemaTooNew,
        format!(
            "the store has schema version {found}, newer than this labourlink's {SCHEMA_VERSION}: it was written by a newer version; upgrade labourlink (a downgrade is not supported)"
        ),
    )
}

/// Which database a store lives in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackendKind {
    /// SQLite: one file (WAL mode), embedded.
    Sqlite,
    /// PostgreSQL: a server, shared by several processes.
    Postgres,
}

/// Which way a message went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Received from a partner (and accepted).
    Received,
    /// Sent by this agency.
    Sent,
}

impl Direction {
    /// `"received"` or `"sent"`, as stored.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Received => "received",
            Self::Sent => "sent",
        }
    }

    pub(crate) fn from_stored(s: &str) -> Result<Self> {
        match s {
            "received" => Ok(Self::Received),
            "sent" => Ok(Self::Sent),
            _ => Err(corrupt("an archived message has an unknown direction")),
        }
    }
}

/// A message to append to the archive. Build it with [`NewMessage::received`] or
/// [`NewMessage::from_jws`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct NewMessage {
    /// Received or sent.
    pub direction: Direction,
    /// The exact JWS bytes.
    pub jws: Vec<u8>,
    /// SHA-256 of the payload, base64url (the message digest).
    pub digest: String,
    /// The message type.
    pub message_type: String,
    /// The message id.
    pub id: String,
    /// `from.region`.
    pub from_region: String,
    /// `from.agency`.
    pub from_agency: String,
    /// `to.region`.
    pub to_region: String,
    /// `to.agency`.
    pub to_agency: String,
    /// `case.id`, when the message belongs to a case.
    pub case_id: Option<String>,
    /// `case.type`, when the message belongs to a case.
    pub case_type: Option<String>,
    /// The outcome: `"accepted"` for a received message, `"sent"` for a sent one.
    pub outcome: String,
    /// The warnings of verification as `(code, JSON pointer)`; their texts are not stored.
    pub warnings: Vec<(String, String)>,
    /// The key ids of its signatures, in order (which key signed it: after a key leaks, what
    /// that key signed can be listed without reading bodies); empty when not known, stored
    /// as not recorded.
    pub signers: Vec<String>,
    /// When it was received or sent.
    pub at: Timestamp,
    /// The decoded document, when known: its case record is updated from it.
    pub document: Option<Document>,
}

impl NewMessage {
    /// An accepted received message: the JWS as received and its verification result.
    #[must_use]
    pub fn received(jws: &[u8], verified: &Verified, at: Timestamp) -> Self {
        let mut m = Self::received_lean(jws, verified, at);
        m.document = Some(verified.document().clone());
        m
    }

    /// [`NewMessage::received`] without a copy of the document (`document` is `None`): for
    /// a caller that writes the case from the verified document itself.
    pub(crate) fn received_lean(jws: &[u8], verified: &Verified, at: Timestamp) -> Self {
        let mut m = Self::lean(Direction::Received, jws, verified.document(), at);
        verified.digest().clone_into(&mut m.digest);
        m.signers = verified.signers().iter().map(|s| s.kid.clone()).collect();
        m.outcome = "accepted".to_owned();
        m.warnings = verified
            .warnings()
            .iter()
            .map(|w| (w.code.clone(), w.path.clone()))
            .collect();
        m
    }

    /// A message from its JWS, decoded but **not verified** (for messages this agency signed
    /// and sent): outcome `"sent"` for [`Direction::Sent`], `"accepted"` otherwise.
    ///
    /// # Errors
    /// The `json.*`, `jws.*`, `payload.*` and `envelope.*` errors of decoding.
    pub fn from_jws(direction: Direction, jws: &[u8], at: Timestamp) -> Result<Self> {
        let parsed = jws::parse(jws, Limits::default(), &AlgorithmPolicy::default())?;
        let (value, digest) = labourlink_protocol::verify::parse_canonical_payload(
            &parsed.payload,
            Limits::default(),
        )?;
        let checked = Document::from_value(&value)?;
        let mut m = Self::from_document(direction, jws, &checked.document, at);
        m.digest = digest;
        m.signers = parsed
            .signatures
            .into_iter()
            .map(|s| s.header.kid)
            .collect();
        Ok(m)
    }

    /// The key ids of its signatures, in order ([`NewMessage::signers`]), for a message
    /// made by [`NewMessage::signed`], which does not read the JWS again.
    #[must_use]
    pub fn with_signers(mut self, kids: Vec<String>) -> Self {
        self.signers = kids;
        self
    }

    /// A message this side signed: its JWS, its `document` and `digest` (the SHA-256 of the
    /// payload, base64url) as the signer made them — the caller vouches that they are the
    /// JWS's, which is not read again ([`NewMessage::from_jws`] reads it).
    #[must_use]
    pub fn signed(
        direction: Direction,
        jws: &[u8],
        document: Document,
        digest: String,
        at: Timestamp,
    ) -> Self {
        let mut m = Self::lean(direction, jws, &document, at);
        m.digest = digest;
        m.document = Some(document);
        m
    }

    fn from_document(direction: Direction, jws: &[u8], doc: &Document, at: Timestamp) -> Self {
        let mut m = Self::lean(direction, jws, doc, at);
        m.document = Some(doc.clone());
        m
    }

    fn lean(direction: Direction, jws: &[u8], doc: &Document, at: Timestamp) -> Self {
        Self {
            direction,
            jws: jws.to_vec(),
            digest: String::new(),
            message_type: doc.message_type.clone(),
            id: doc.id.clone(),
            from_region: doc.from.region.clone(),
            from_agency: doc.from.agency.clone(),
            to_region: doc.to.region.clone(),
            to_agency: doc.to.agency.clone(),
            case_id: doc.case.as_ref().map(|c| c.id.clone()),
            case_type: doc.case.as_ref().map(|c| c.case_type.clone()),
            outcome: match direction {
                Direction::Sent => "sent".to_owned(),
                Direction::Received => "accepted".to_owned(),
            },
            warnings: Vec::new(),
            signers: Vec::new(),
            at,
            document: None,
        }
    }

    pub(crate) fn warnings_json(&self) -> String {
        let list: Vec<serde_json::Value> = self
            .warnings
            .iter()
            .map(|(c, p)| serde_json::json!({"code": c, "path": p}))
            .collect();
        serde_json::Value::Array(list).to_string()
    }

    /// The `signers` column: a JSON array of key ids, or NULL when not known.
    pub(crate) fn signers_json(&self) -> Option<String> {
        (!self.signers.is_empty()).then(|| serde_json::json!(self.signers).to_string())
    }
}

/// A message as the archive holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ArchivedMessage {
    /// The archive's sequence number (order of arrival in this store).
    pub seq: i64,
    /// Received or sent.
    pub direction: Direction,
    /// The message id.
    pub id: String,
    /// The message type.
    pub message_type: String,
    /// `from.region`.
    pub from_region: String,
    /// `from.agency`.
    pub from_agency: String,
    /// `to.region`.
    pub to_region: String,
    /// `to.agency`.
    pub to_agency: String,
    /// `case.id`.
    pub case_id: Option<String>,
    /// `case.type`.
    pub case_type: Option<String>,
    /// The payload digest.
    pub digest: String,
    /// The exact JWS bytes; `None` once the retention purge dropped the body.
    pub jws: Option<Vec<u8>>,
    /// `"accepted"` or `"sent"`.
    pub outcome: String,
    /// Warnings as `(code, JSON pointer)`.
    pub warnings: Vec<(String, String)>,
    /// When it was received or sent.
    pub at: Timestamp,
    /// When the body was purged, if it was.
    pub body_purged_at: Option<Timestamp>,
    /// The key ids of its signatures, in order; `None` when not recorded (archived before
    /// schema version 7, or by a caller that did not say).
    pub signers: Option<Vec<String>>,
}

impl ArchivedMessage {
    /// The columns of this row that do not say what its signed bytes say — the digest, id,
    /// type, parties, case, signing key ids, or for a received message an archive time more
    /// than an hour (the largest leeway) before its own `issued_at` — by name; empty when they
    /// all agree or the body was purged (nothing to compare; but a body gone without a purge
    /// time, or with one before the row's own time, is named). The bytes are decoded, not
    /// verified: a row
    /// altered after it was archived (its body swapped, its metadata edited by someone who
    /// could drop the append-only triggers) shows here; whether the bytes themselves verify
    /// is `labourlink archive verify`'s question.
    ///
    /// ```
    /// # use labourlink::envelope::{Document, Party};
    /// # use labourlink::keys::SigningKey;
    /// # use labourlink::time::{FixedClock, Timestamp};
    /// # use labourlink_store::{Direction, NewMessage, Store};
    /// let key = SigningKey::from_seed(&[2; 32], "513400-si-2026a").unwrap();
    /// let clock = FixedClock(Timestamp::from_unix_seconds(1_795_000_000));
    /// let doc = Document::builder("receipt", Party::new("513400", "LS-SI"), Party::new("330200", "NB-SI"))
    ///     .body(serde_json::json!({"status": "accepted"}))
    ///     .build(&clock)
    ///     .unwrap();
    /// let jws = labourlink::sign(&doc.to_value(), &[&key]).unwrap();
    /// let store = Store::init("sqlite::memory:").unwrap();
    /// store.archive(&NewMessage::from_jws(Direction::Received, jws.as_bytes(), clock.0).unwrap()).unwrap();
    /// let mut row = store.archived_by_id(&doc.id).unwrap().remove(0);
    /// assert!(row.mismatches().is_empty());
    /// row.digest = "edited".into();
    /// row.to_region = "110000".into();
    /// assert_eq!(row.mismatches(), ["digest", "to"]);
    /// ```
    #[must_use]
    pub fn mismatches(&self) -> Vec<&'static str> {
        let Some(jws) = &self.jws else {
            // A purge notes when it dropped a body, after the row was written; a body gone
            // without that (the triggers let a NULL through) was erased, not purged (review
            // s43 M3).
            return match self.body_purged_at {
                Some(purged) if purged >= self.at => Vec::new(),
                _ => vec!["body (dropped without a purge that notes when)"],
            };
        };
        let Ok(m) = NewMessage::from_jws(self.direction, jws, self.at) else {
            return vec!["body (it does not decode as a signed message)"];
        };
        let mut bad = Vec::new();
        let mut differ = |name, same: bool| {
            if !same {
                bad.push(name);
            }
        };
        differ("digest", m.digest == self.digest);
        differ("id", m.id == self.id);
        differ("type", m.message_type == self.message_type);
        differ(
            "from",
            (m.from_region.as_str(), m.from_agency.as_str())
                == (self.from_region.as_str(), self.from_agency.as_str()),
        );
        differ(
            "to",
            (m.to_region.as_str(), m.to_agency.as_str())
                == (self.to_region.as_str(), self.to_agency.as_str()),
        );
        differ(
            "case",
            (m.case_id.as_deref(), m.case_type.as_deref())
                == (self.case_id.as_deref(), self.case_type.as_deref()),
        );
        differ(
            "signers",
            self.signers.as_ref().is_none_or(|s| *s == m.signers),
        );
        let issued = m
            .document
            .as_ref()
            .and_then(|d| Timestamp::parse(&d.issued_at).ok());
        // A received message was verified when it arrived: its `issued_at` was no later than
        // then plus the leeway (a sent one may carry any date its signer gave it).
        differ(
            "at (more than an hour before the message's issued_at)",
            self.direction != Direction::Received
                || issued.is_none_or(|i| self.at >= i.add_seconds(-3600)),
        );
        bad
    }

    /// The message as JSON: its metadata, and with `include_body` the exact JWS (`jws`, a
    /// string; `null` once purged). The body is personal data; the metadata is not.
    #[must_use]
    pub fn to_json(&self, include_body: bool) -> serde_json::Value {
        let mut v = serde_json::json!({
            "seq": self.seq,
            "direction": self.direction.as_str(),
            "id": self.id,
            "type": self.message_type,
            "from": {"region": self.from_region, "agency": self.from_agency},
            "to": {"region": self.to_region, "agency": self.to_agency},
            "case": match (&self.case_id, &self.case_type) {
                (Some(id), Some(t)) => serde_json::json!({"id": id, "type": t}),
                _ => serde_json::Value::Null,
            },
            "digest": self.digest,
            "outcome": self.outcome,
            "warnings": self.warnings.iter().map(|(c, p)| serde_json::json!({"code": c, "path": p})).collect::<Vec<_>>(),
            "at": self.at.to_string(),
            "body_purged_at": self.body_purged_at.map(|t| t.to_string()),
            "signers": self.signers,
        });
        if include_body {
            v["jws"] = match &self.jws {
                None => serde_json::Value::Null,
                Some(b) => match std::str::from_utf8(b) {
                    Ok(s) => serde_json::Value::String(s.to_owned()),
                    Err(_) => serde_json::json!({"base64url": labourlink_protocol::b64::encode(b)}),
                },
            };
        }
        v
    }
}

/// The `signers` column: `None` when not recorded (NULL).
pub(crate) fn parse_signers(text: Option<&str>) -> Result<Option<Vec<String>>> {
    text.map(|t| {
        serde_json::from_str::<Vec<String>>(t)
            .map_err(|_| corrupt("an archived message's signers are not a JSON array of key ids"))
    })
    .transpose()
}

pub(crate) fn parse_warnings(text: &str) -> Result<Vec<(String, String)>> {
    let v: serde_json::Value = serde_json::from_str(text)
        .map_err(|_| corrupt("an archived message's warnings are not JSON"))?;
    let Some(list) = v.as_array() else {
        return Err(corrupt(
            "an archived message's warnings are not a JSON array",
        ));
    };
    Ok(list
        .iter()
        .map(|w| {
            (
                w["code"].as_str().unwrap_or_default().to_owned(),
                w["path"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect())
}

/// A rejected message held in the quarantine.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct QuarantinedMessage {
    /// The quarantine's sequence number.
    pub seq: i64,
    /// When it was rejected.
    pub at: Timestamp,
    /// The error code it was rejected with.
    pub code: String,
    /// SHA-256 of the whole input as received, base64url.
    pub digest: String,
    /// The input, at most [`QUARANTINE_MAX_BYTES`].
    pub bytes: Vec<u8>,
    /// Whether `bytes` was cut at [`QUARANTINE_MAX_BYTES`].
    pub truncated: bool,
}

/// The signed trust list last accepted for an anchor.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct StoredTrustList {
    /// The anchor key id that signed it.
    pub anchor: String,
    /// Its sequence.
    pub sequence: u64,
    /// Its payload digest.
    pub digest: String,
    /// The signed list, exactly as accepted.
    pub jws: Vec<u8>,
    /// When it was accepted.
    pub accepted_at: Timestamp,
}

/// Whether a quarantined row with this code was refused before any of its signatures
/// verified ([`ErrorCode::is_before_signatures`]: anyone can send such a message), stored as
/// `ll_quarantine.unauthenticated`.
pub(crate) fn is_unauthenticated_code(code: &str) -> bool {
    ErrorCode::ALL
        .iter()
        .find(|c| c.as_str() == code)
        .is_some_and(|c| c.is_before_signatures())
}

/// The condition on `ll_quarantine.code` that migration 5 uses to classify the rows already
/// quarantined, the same as [`is_unauthenticated_code`] (a test checks every code). A macro so
/// that the migration's text ([`MIGRATION_5`], `concat!`) holds it.
macro_rules! unauthenticated_codes_sql {
    () => {
        "code LIKE 'json.%' OR code LIKE 'jws.%' OR code LIKE 'key.%' OR code LIKE 'signature.%' \
         OR code IN ('trust_list.stale', 'envelope.missing_signer')"
    };
}

/// Migration 5 on both backends (`BIGINT` is a 64-bit integer in each): where each outbox
/// row's inbox URL came from ([`EndpointSource`]) and, for a trust list's, its sequence; the
/// quarantine's two classes ([`QUARANTINE_TRIM`]), the rows already there classified by
/// `unauthenticated_codes_sql!`.
pub(crate) const MIGRATION_5: &str = concat!(
    "
ALTER TABLE ll_outbox ADD COLUMN endpoint_source TEXT NOT NULL DEFAULT 'given'
    CHECK (endpoint_source IN ('given', 'trust_list'));
ALTER TABLE ll_outbox ADD COLUMN endpoint_list_sequence BIGINT;
ALTER TABLE ll_quarantine ADD COLUMN unauthenticated INTEGER NOT NULL DEFAULT 0;
UPDATE ll_quarantine SET unauthenticated = 1 WHERE ",
    unauthenticated_codes_sql!(),
    ";
CREATE INDEX ll_quarantine_class ON ll_quarantine (unauthenticated, seq);
"
);

/// Migration 6 on both backends: indexes for a store that has grown for years (measured on
/// 300 000 archived messages, where each of these statements read the whole table under the
/// store's lock): a message by its id (`archive show`, the admin listener), the bodies still
/// to purge (`jws IS NOT NULL`: the purge had re-read every body it had already dropped), the
/// finished outbox rows to purge, and an outbox row by its id.
pub(crate) const MIGRATION_6: &str = "
CREATE INDEX ll_message_id ON ll_message (id);
CREATE INDEX ll_message_body_at ON ll_message (at) WHERE jws IS NOT NULL;
CREATE INDEX ll_outbox_finished ON ll_outbox (finished_at) WHERE state <> 'pending';
CREATE INDEX ll_outbox_id ON ll_outbox (id);
";

/// The archived messages [`Store::each_message`] reads at a time.
pub const ARCHIVE_PAGE: u64 = 500;

/// The most problems [`Store::check`] lists (the first ones found).
const CHECK_MAX_PROBLEMS: usize = 100;

/// Drops the bodies of up to `$3` archived messages received before `$2`, noting `$1` as when
/// (`ll_message_body_at` finds them without reading the bodies already dropped). Shared SQL:
/// the parameters appear in order, as SQLite numbers them.
pub(crate) const BODY_PURGE: &str = "UPDATE ll_message SET jws = NULL, body_purged_at = $1
    WHERE seq IN (SELECT seq FROM ll_message WHERE at < $2 AND jws IS NOT NULL LIMIT $3)";

/// The quarantine's trim, one class at a time: of the rows with `unauthenticated` = `$1`, the
/// newest `$2` (the capacity) are kept — so that a flood of unsigned garbage, which anyone can
/// send, cannot push a partner's signed rejected messages out. It reads
/// `ll_quarantine_class (unauthenticated, seq)`: the cost is the index entries of one class up
/// to the capacity, not the table. (Shared SQL: SQLite numbers `$N` parameters by their first
/// appearance, which here is in order.)
pub(crate) const QUARANTINE_TRIM: &str = "DELETE FROM ll_quarantine
    WHERE unauthenticated = $1 AND seq <= (SELECT seq FROM ll_quarantine
        WHERE unauthenticated = $1 ORDER BY seq DESC LIMIT 1 OFFSET $2)";

/// What the quarantine keeps of a message refused with `code`, and whether that is less than
/// all of it: at most [`QUARANTINE_MAX_BYTES`], and [`QUARANTINE_UNAUTHENTICATED_MAX_BYTES`]
/// when it was refused before any signature verified ([`ErrorCode::is_before_signatures`]:
/// anyone can send such a message, so it must not cost the store much).
pub(crate) fn quarantine_kept(input: &[u8], code: ErrorCode) -> (&[u8], bool) {
    let max = if code.is_before_signatures() {
        QUARANTINE_UNAUTHENTICATED_MAX_BYTES
    } else {
        QUARANTINE_MAX_BYTES
    };
    (&input[..input.len().min(max)], input.len() > max)
}

/// The records of a trust list this store accepted before (verified then; read back without
/// a clock, since only its keys are compared).
fn accepted_list(jws_bytes: &[u8]) -> Result<TrustList> {
    let parsed = jws::parse(jws_bytes, Limits::default(), &AlgorithmPolicy::default())?;
    let doc = labourlink_protocol::json::parse(
        &parsed.payload,
        Limits::default(),
        labourlink_protocol::json::Numbers::IntegersOnly,
    )?;
    let Some(body) = doc.get("body") else {
        return Err(Error::new(
            ErrorCode::TrustListInvalid,
            "a trust list accepted before has no body",
        ));
    };
    TrustList::from_body(body)
}

/// What [`Store::purge`] removes, and how much at most.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct PurgeOptions {
    /// Drop the bodies (JWS bytes) of archived messages older than this many days, keeping
    /// id, digest, parties and outcome; also drops quarantined messages older than that.
    /// `None` keeps every body.
    pub retention_days: Option<u32>,
    /// Rows per batch; every batch is its own short transaction.
    pub batch: u64,
    /// The most batches per kind of row in one call (a bounded job; call again for more).
    pub max_batches: u64,
    /// After each batch that leaves more to do, wait as long as the batch took (at least a
    /// millisecond) with the store free (default `true`): the purge then takes at most about
    /// half the store's time, and a node receiving on the same store is not held up for the
    /// whole purge (the store's lock is not fair: a purge that takes it again at once kept a
    /// receipt waiting 20 s at 300 000 messages). `false`: batches back to back.
    pub share: bool,
    /// Keep replay records this many seconds past their keep-until (default 0): a purge
    /// run by a clock set ahead by less than that cannot drop a record a correct clock would
    /// keep. Bodies, quarantine and outbox rows are purged as of the purge's own time.
    pub replay_margin_seconds: u32,
    /// Drop quarantined (rejected) messages older than this many days, also when
    /// `retention_days` is unset or longer: they may be genuine messages with personal data
    /// that failed a check, kept for diagnosis, not as records. `None`: as `retention_days`.
    pub quarantine_retention_days: Option<u32>,
}

impl Default for PurgeOptions {
    fn default() -> Self {
        Self {
            retention_days: None,
            batch: DEFAULT_PURGE_BATCH,
            max_batches: 100,
            share: true,
            replay_margin_seconds: 0,
            quarantine_retention_days: None,
        }
    }
}

impl PurgeOptions {
    /// Options that keep bodies for `days` days.
    #[must_use]
    pub fn retention_days(mut self, days: Option<u32>) -> Self {
        self.retention_days = days;
        self
    }

    /// Keeps quarantined messages `days` days at most
    /// ([`PurgeOptions::quarantine_retention_days`]).
    #[must_use]
    pub fn quarantine_retention_days(mut self, days: Option<u32>) -> Self {
        self.quarantine_retention_days = days;
        self
    }

    /// Sets the batch size (at least 1).
    #[must_use]
    pub fn batch(mut self, rows: u64) -> Self {
        self.batch = rows.max(1);
        self
    }

    /// Keeps replay records `seconds` past their keep-until
    /// ([`PurgeOptions::replay_margin_seconds`]).
    #[must_use]
    pub fn replay_margin(mut self, seconds: u32) -> Self {
        self.replay_margin_seconds = seconds;
        self
    }

    /// Whether to leave the store free between batches ([`PurgeOptions::share`]).
    #[must_use]
    pub fn share(mut self, share: bool) -> Self {
        self.share = share;
        self
    }

    /// Sets the most batches per kind of row.
    #[must_use]
    pub fn max_batches(mut self, n: u64) -> Self {
        self.max_batches = n.max(1);
        self
    }
}

/// What [`Store::purge`] removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct PurgeReport {
    /// Expired replay records deleted (their messages can no longer verify).
    pub replay_records: u64,
    /// Archived message bodies dropped.
    pub bodies: u64,
    /// Quarantined messages deleted.
    pub quarantined: u64,
    /// Finished outbox rows deleted (delivered, rejected, undeliverable or dropped before
    /// the retention period; the messages stay in the archive).
    pub outbox: u64,
    /// Whether the bound stopped the job with rows left to purge.
    pub more: bool,
}

/// A parsed store URL.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Location {
    SqliteFile(String),
    SqliteMemory,
    Postgres(String),
}

/// The file of an SQLite store URL (`sqlite:///var/lib/labourlink/store.db` →
/// `/var/lib/labourlink/store.db`); `None` for an in-memory, a PostgreSQL or a malformed URL.
///
/// ```
/// assert_eq!(labourlink_store::sqlite_file("sqlite:///var/s.db").as_deref(), Some("/var/s.db"));
/// assert_eq!(labourlink_store::sqlite_file("sqlite:s.db").as_deref(), Some("s.db"));
/// assert_eq!(labourlink_store::sqlite_file("postgresql://u@h/db"), None);
/// ```
#[must_use]
pub fn sqlite_file(url: &str) -> Option<String> {
    match parse_url(url) {
        Ok(Location::SqliteFile(path)) => Some(path),
        _ => None,
    }
}

fn parse_url(url: &str) -> Result<Location> {
    let bad = |why: &str| {
        Error::new(
            ErrorCode::InputInvalid,
            format!(
                "store URL: {why}; expected sqlite:///path/to/store.db, sqlite:path, sqlite::memory: or postgresql://user@host:port/database"
            ),
        )
        .zh(format!(
            "存储库 URL 有误（{why}）；应为 sqlite:///path/to/store.db、sqlite:path、sqlite::memory: 或 postgresql://user@host:port/database"
        ))
    };
    if let Some(rest) = url.strip_prefix("sqlite:") {
        if rest == ":memory:" {
            return Ok(Location::SqliteMemory);
        }
        let path = rest.strip_prefix("//").unwrap_or(rest);
        if path.is_empty() {
            return Err(bad("the SQLite URL has no file path"));
        }
        if path.contains('?') {
            return Err(bad("SQLite URL parameters are not supported"));
        }
        return Ok(Location::SqliteFile(path.to_owned()));
    }
    if url.starts_with("postgresql://") || url.starts_with("postgres://") {
        return Ok(Location::Postgres(url.to_owned()));
    }
    Err(bad("unknown scheme"))
}

/// A durable store: one database, one connection, shared by the threads of a process.
///
/// Every method is safe to call from several threads (calls are serialised on the one
/// connection); several processes may share a PostgreSQL store, and several processes on one
/// machine a SQLite file.
pub struct Store {
    kind: BackendKind,
    found_version: Option<u32>,
    quarantine_capacity: u64,
    case_policy: Option<Arc<dyn CasePolicy>>,
    backend: Mutex<Box<dyn StorageBackend>>,
}

/// The case policy a store starts with: the catalogue's flow table, default rule parameters
/// and the embedded holiday calendar.
#[cfg(feature = "catalogue")]
fn default_case_policy() -> Option<Arc<dyn CasePolicy>> {
    Some(Arc::new(labourlink::cases::CaseRules::default()))
}

/// Without the catalogue there is no flow table: cases are not recorded unless a policy is
/// given ([`Store::with_case_policy`]).
#[cfg(not(feature = "catalogue"))]
fn default_case_policy() -> Option<Arc<dyn CasePolicy>> {
    None
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("kind", &self.kind)
            .field("quarantine_capacity", &self.quarantine_capacity)
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Opens an existing store and brings its schema up to [`SCHEMA_VERSION`].
    ///
    /// A SQLite file that does not exist, or a database without a labourlink schema, is
    /// refused (`store.not_initialized`) rather than created: a mistyped path must not
    /// silently start an empty replay record.
    ///
    /// # Errors
    /// `input.invalid` (URL), `store.unavailable`, `store.not_initialized`,
    /// `store.schema_too_new`, `store.corrupt`.
    pub fn open(url: &str) -> Result<Self> {
        Self::open_with(url, false)
    }

    /// Creates the store if needed (the SQLite file, the tables) and applies the migrations;
    /// an existing, current store is left as it is.
    ///
    /// # Errors
    /// Those of [`Store::open`] but `store.not_initialized`.
    pub fn init(url: &str) -> Result<Self> {
        Self::open_with(url, true)
    }

    fn open_with(url: &str, create: bool) -> Result<Self> {
        let backend: Box<dyn StorageBackend> = match parse_url(url)? {
            Location::SqliteFile(path) => {
                Box::new(sqlite_backend::SqliteBackend::open(Some(&path), create)?)
            }
            Location::SqliteMemory => Box::new(sqlite_backend::SqliteBackend::open(None, true)?),
            #[cfg(feature = "postgres")]
            Location::Postgres(url) => Box::new(postgres_backend::PostgresBackend::connect(&url)?),
            #[cfg(not(feature = "postgres"))]
            Location::Postgres(_) => {
                return Err(Error::new(
                    ErrorCode::InputInvalid,
                    "this build of labourlink-store has no PostgreSQL backend (feature `postgres`)",
                ));
            }
        };
        Self::from_backend(backend, create)
    }

    /// A store over any [`StorageBackend`]: checks the schema version, creates the schema
    /// when `create` is set, and applies pending migrations.
    ///
    /// # Errors
    /// `store.not_initialized` (no schema and `create` unset), `store.schema_too_new`, and
    /// the backend's errors.
    pub fn from_backend(mut backend: Box<dyn StorageBackend>, create: bool) -> Result<Self> {
        let found_version = backend.schema_version()?;
        match found_version {
            None if !create => {
                return Err(Error::new(
                    ErrorCode::StoreNotInitialized,
                    "the database holds no labourlink store; create it with `labourlink store init --store URL` (Rust: Store::init; Python: labourlink.init_store(URL))",
                )
                .zh("该数据库中没有 labourlink 存储库：请先用 `labourlink store init --store URL` 创建（Rust：Store::init；Python：labourlink.init_store(URL)）"));
            }
            Some(v) if v > SCHEMA_VERSION => return Err(too_new(v)),
            _ => {}
        }
        // What the migration found under its lock: of several processes starting at once on an
        // older store, only the one that migrated it reports the older version.
        let found_version = backend.migrate(SCHEMA_VERSION)?;
        Ok(Self {
            kind: backend.kind(),
            found_version,
            quarantine_capacity: DEFAULT_QUARANTINE_CAPACITY,
            case_policy: default_case_policy(),
            backend: Mutex::new(backend),
        })
    }

    /// Sets how many rejected messages the quarantine keeps of each class — refused before any
    /// signature verified (anyone can send those), and the others — at least 1.
    #[must_use]
    pub fn with_quarantine_capacity(mut self, capacity: u64) -> Self {
        self.quarantine_capacity = capacity.max(1);
        self
    }

    /// Sets what messages do to their cases (the flow table, rule parameters and holiday
    /// calendar deadlines are counted with); `None` stops recording cases. With the
    /// `catalogue` feature a store starts with [`labourlink::cases::CaseRules::default`].
    #[must_use]
    pub fn with_case_policy(mut self, policy: Option<Arc<dyn CasePolicy>>) -> Self {
        self.case_policy = policy;
        self
    }

    /// The database kind.
    #[must_use]
    pub fn kind(&self) -> BackendKind {
        self.kind
    }

    /// The schema version the database had when this store was opened, as its migration
    /// found it under the migration lock (`None`: it held no store and this call created it).
    /// Of several processes opening an older store at once, the one that migrated it sees the
    /// older version and the others the current one.
    #[must_use]
    pub fn found_version(&self) -> Option<u32> {
        self.found_version
    }

    /// Copies every table of this store into `target`, a store just made (`Store::init`)
    /// and empty, keeping row numbers: replay records, archive, cases, outbox, quarantine and
    /// the last accepted trust list and reference data per anchor — from SQLite to PostgreSQL
    /// when a node grows to several processes, or back ([`copy`]). This store is read from one
    /// snapshot with its writers held off; the target is written in one transaction and
    /// keeps nothing of a copy that fails. Stop every process that uses either store first.
    ///
    /// # Errors
    /// `input.invalid` (the target is not empty, or is this store; a backend that cannot be
    /// copied), `store.unavailable`, `store.corrupt`.
    ///
    /// # Examples
    /// ```
    /// use labourlink_store::Store;
    /// let from = Store::init("sqlite::memory:")?;
    /// let to = Store::init("sqlite::memory:")?;
    /// let report = from.copy_into(&to)?;
    /// assert_eq!(report.total_rows(), 0);
    /// # Ok::<(), labourlink::Error>(())
    /// ```
    pub fn copy_into(&self, target: &Store) -> Result<copy::CopyReport> {
        if std::ptr::eq(self, target) {
            return Err(Error::new(
                ErrorCode::InputInvalid,
                "a store cannot be copied into itself",
            )
            .zh("存储库不能复制到它自身"));
        }
        let mut source = self.lock();
        let mut into = target.lock();
        into.import_begin()?;
        let mut written: Vec<(String, u64)> = Vec::new();
        let exported = source.export_rows(&mut |table, columns, rows| {
            into.import_rows(table, columns, rows)?;
            match written.last_mut() {
                Some((t, n)) if t == table => *n += rows.len() as u64,
                _ => written.push((table.to_owned(), rows.len() as u64)),
            }
            Ok(())
        });
        let counts = match exported {
            Ok(c) => c,
            Err(e) => {
                let _ = into.import_end(false, &[]);
                return Err(e);
            }
        };
        // Every row handed over was written (an empty table hands none over).
        let mismatch = counts.iter().find(|(table, n)| {
            let got = written
                .iter()
                .find(|(t, _)| t == table)
                .map_or(0, |(_, n)| *n);
            got != *n
        });
        if let Some((table, _)) = mismatch {
            let _ = into.import_end(false, &[]);
            return Err(unavailable(format!(
                "the copy of table {table} was incomplete: nothing was copied"
            )));
        }
        // Read after the export: a number given since is only skipped, never given twice.
        let counters = match source.counters() {
            Ok(c) => c,
            Err(e) => {
                let _ = into.import_end(false, &[]);
                return Err(e);
            }
        };
        into.import_end(true, &counters)?;
        Ok(copy::CopyReport {
            schema_version: SCHEMA_VERSION,
            rows: counts,
        })
    }

    fn lock(&self) -> MutexGuard<'_, Box<dyn StorageBackend>> {
        match self.backend.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        }
    }

    /// The schema version of the database.
    ///
    /// # Errors
    /// The backend's errors.
    pub fn schema_version(&self) -> Result<u32> {
        Ok(self.lock().schema_version()?.unwrap_or(0))
    }

    /// The space the store takes, in bytes ([`StorageBackend::size_bytes`]).
    ///
    /// # Errors
    /// The backend's errors.
    pub fn size_bytes(&self) -> Result<u64> {
        self.lock().size_bytes()
    }

    /// Gives back the space of bodies dropped and rows deleted by [`Store::purge`]
    /// ([`StorageBackend::compact`]): on SQLite the file shrinks (a purge alone leaves the
    /// space of dropped bodies inside pages that new messages never fill: 887 MB of a
    /// 1.6 GB store of 300 000 messages). Returns the size before and after.
    ///
    /// # Errors
    /// `store.unavailable` when the store is in use (SQLite: stop the node first); the
    /// backend's errors.
    pub fn compact(&self) -> Result<(u64, u64)> {
        let mut b = self.lock();
        let before = b.size_bytes()?;
        b.compact()?;
        Ok((before, b.size_bytes()?))
    }

    /// Appends a message to the archive. Returns `false` when the archive already holds the
    /// message (same direction, issuer and id): nothing is rewritten.
    ///
    /// # Errors
    /// The backend's errors.
    ///
    /// A message with a `case` (and a [`NewMessage::document`]) updates its case record in
    /// the same transaction: the state a message sets is kept unless a message issued later
    /// has set another (see [`CaseRecord`]).
    pub fn archive(&self, message: &NewMessage) -> Result<bool> {
        let case = self.case_write(message);
        self.lock().archive(message, case.as_ref())
    }

    fn case_write(&self, message: &NewMessage) -> Option<CaseWrite> {
        self.case_write_for(message.document.as_ref()?, message.at)
    }

    /// The case update of a message with this document, received or sent at `at`.
    fn case_write_for(&self, doc: &Document, at: Timestamp) -> Option<CaseWrite> {
        let policy = self.case_policy.as_ref()?;
        doc.case.as_ref()?;
        CaseWrite::new(doc, policy.effect(doc), at)
    }

    /// Archived messages matching `query`, in archive order.
    ///
    /// # Errors
    /// The backend's errors.
    pub fn messages(&self, query: &MessageQuery) -> Result<Vec<ArchivedMessage>> {
        self.lock().messages(query)
    }

    /// Calls `f` with every archived message, in archive order, read a page of
    /// [`ARCHIVE_PAGE`] at a time (its memory does not grow with the archive); stops at the
    /// first error of `f` or the store.
    ///
    /// # Errors
    /// The first error of `f`, or the store's.
    pub fn each_message<E: From<Error>>(
        &self,
        mut f: impl FnMut(&ArchivedMessage) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        let mut after = 0;
        loop {
            let page = self.messages(&MessageQuery {
                after_seq: after,
                limit: ARCHIVE_PAGE,
                ..MessageQuery::default()
            })?;
            for m in &page {
                f(m)?;
            }
            match page.last() {
                Some(m) if u64::try_from(page.len()).unwrap_or(0) == ARCHIVE_PAGE => after = m.seq,
                _ => return Ok(()),
            }
        }
    }

    /// Every archived message with this id (received or sent, any issuer), in archive order.
    ///
    /// # Errors
    /// `store.not_found` when there is none; the backend's errors.
    pub fn archived_by_id(&self, id: &str) -> Result<Vec<ArchivedMessage>> {
        let found = self.messages(&MessageQuery {
            id: Some(id.to_owned()),
            ..MessageQuery::default()
        })?;
        if found.is_empty() {
            return Err(Error::new(
                ErrorCode::StoreNotFound,
                format!(
                    "the archive holds no message with id {}",
                    labourlink_protocol::error::shown(id)
                ),
            ));
        }
        Ok(found)
    }

    /// Cases matching `query`, by due date (cases without one last), then type and id.
    ///
    /// # Errors
    /// `input.invalid` (a date that is not `YYYY-MM-DD`); the backend's errors.
    pub fn cases(&self, query: &CaseQuery) -> Result<Vec<CaseRecord>> {
        for d in [&query.due_from, &query.due_until].into_iter().flatten() {
            cases::check_date(d)?;
        }
        self.lock().cases(query)
    }

    /// The case records with this case id (one per case type using it).
    ///
    /// # Errors
    /// `store.not_found` when there is none; the backend's errors.
    pub fn case(&self, case_id: &str) -> Result<Vec<CaseRecord>> {
        let found = self.cases(&CaseQuery {
            case_id: Some(case_id.to_owned()),
            ..CaseQuery::default()
        })?;
        if found.is_empty() {
            return Err(Error::new(
                ErrorCode::StoreNotFound,
                format!(
                    "the store has no case {}",
                    labourlink_protocol::error::shown(case_id)
                ),
            ));
        }
        Ok(found)
    }

    /// The open cases.
    ///
    /// # Errors
    /// The backend's errors.
    pub fn open_cases(&self) -> Result<Vec<CaseRecord>> {
        self.cases(&CaseQuery {
            open_only: true,
            ..CaseQuery::default()
        })
    }

    /// The open cases whose deadline passed before `as_of` (`YYYY-MM-DD`): the awaited
    /// message was due on a day before it.
    ///
    /// # Errors
    /// `input.invalid` (the date); the backend's errors.
    pub fn overdue_cases(&self, as_of: &str) -> Result<Vec<CaseRecord>> {
        self.cases(&Self::overdue_query(as_of)?)
    }

    /// The query of [`Store::overdue_cases`] (to set a `limit` on, say).
    ///
    /// # Errors
    /// `input.invalid` (the date).
    pub fn overdue_query(as_of: &str) -> Result<CaseQuery> {
        cases::check_date(as_of)?;
        Ok(CaseQuery {
            open_only: true,
            due_until: cases::day_before(as_of),
            ..CaseQuery::default()
        })
    }

    /// The open cases due from `as_of` (`YYYY-MM-DD`) to `n` working days after it, both
    /// included (working days of the store's case policy: holidays and 调休 make-up days).
    ///
    /// # Errors
    /// `input.invalid` (the date, or no case policy to count working days with); the
    /// backend's errors.
    pub fn cases_due_within(&self, as_of: &str, n: u32) -> Result<Vec<CaseRecord>> {
        self.cases(&self.due_within_query(as_of, n)?)
    }

    /// The query of [`Store::cases_due_within`] (to set a `limit` on, say).
    ///
    /// # Errors
    /// As [`Store::cases_due_within`], without the backend's.
    pub fn due_within_query(&self, as_of: &str, n: u32) -> Result<CaseQuery> {
        cases::check_date(as_of)?;
        let Some(policy) = self.case_policy.as_ref() else {
            return Err(Error::new(
                ErrorCode::InputInvalid,
                "no working-day calendar to count with (this store has no case policy)",
            ));
        };
        let until = policy.add_working_days(as_of, n).ok_or_else(|| {
            Error::new(
                ErrorCode::InputInvalid,
                format!(
                    "{n} working days after {as_of} is past 9999-12-31 (the calendar's end): \
                     give a smaller number of days"
                ),
            )
            .zh(format!(
                "{as_of} 之后 {n} 个工作日超出了日历的范围（9999-12-31）：请给出更小的天数"
            ))
        })?;
        Ok(CaseQuery {
            open_only: true,
            due_from: Some(as_of.to_owned()),
            due_until: Some(until),
            ..CaseQuery::default()
        })
    }

    /// The archived messages of a case, in archive order (bodies may have been purged).
    ///
    /// # Errors
    /// The backend's errors.
    pub fn case_history(&self, case_type: &str, case_id: &str) -> Result<Vec<ArchivedMessage>> {
        self.messages(&MessageQuery {
            case_id: Some(case_id.to_owned()),
            case_type: Some(case_type.to_owned()),
            ..MessageQuery::default()
        })
    }

    /// Drafts a `control.reminder` (催办) for a case from its record: from the sender of the
    /// message that awaits its answer, to its receiver, `in_reply_to` that message, the
    /// awaited types expected from the receiver, the due date, and the reminder number (one
    /// more than the reminders that sender already has in the case's archive). The draft is
    /// unsigned JSON without `id`, `issued_at`, `spec` and `schema_version`: `labourlink sign`
    /// fills them in.
    ///
    /// Only the sender can send a reminder: in a store that *received* the message awaiting
    /// its answer, the answer is this agency's to give, and the draft is refused.
    ///
    /// # Errors
    /// `store.not_found` (no such case); `input.invalid` when the case is closed or awaits
    /// nothing from the other party, when this store received (not sent) the message that
    /// awaits its answer, when that message is in the outbox and not delivered (pending,
    /// rejected, undeliverable or dropped), or when the id names cases of several types and
    /// `case_type` is `None`; the backend's errors.
    pub fn reminder_draft(
        &self,
        case_id: &str,
        case_type: Option<&str>,
    ) -> Result<serde_json::Value> {
        let records = self.case(case_id)?;
        let mut matching = records
            .iter()
            .filter(|r| case_type.is_none_or(|t| r.case_type == t));
        let (Some(rec), None) = (matching.next(), matching.next()) else {
            return Err(Error::new(
                ErrorCode::InputInvalid,
                "the case id is used by several case types (or none of the one given): name the case type",
            ));
        };
        let invalid = |m: &str| Err(Error::new(ErrorCode::InputInvalid, m.to_owned()));
        if rec.status == CaseStatus::Closed {
            return invalid("the case is closed: there is nothing to remind of");
        }
        // Only the sender of the message that awaits its answer can remind of it: when this
        // store received that message (and did not send it), the answer is this agency's own
        // to give, and a draft from the partner could not be signed here.
        let sent_here = self
            .archived(
                Direction::Sent,
                &rec.last_from.region,
                &rec.last_from.agency,
                &rec.last_id,
            )?
            .is_some();
        if !sent_here
            && self
                .archived(
                    Direction::Received,
                    &rec.last_from.region,
                    &rec.last_from.agency,
                    &rec.last_id,
                )?
                .is_some()
        {
            return Err(Error::new(
                ErrorCode::InputInvalid,
                format!(
                    "the case awaits an answer from {}/{}, the agency this store received its last message for: \
                     a reminder is for the sender ({}/{}) to send; answer the message instead \
                     (labourlink cases show {} lists what is awaited and when it is due)",
                    labourlink_protocol::error::shown(&rec.last_to.region),
                    labourlink_protocol::error::shown(&rec.last_to.agency),
                    labourlink_protocol::error::shown(&rec.last_from.region),
                    labourlink_protocol::error::shown(&rec.last_from.agency),
                    labourlink_protocol::error::shown(&rec.case_id),
                ),
            ));
        }
        // Sent through the outbox: a reminder of a message the partner never got would
        // arrive before (or instead of) the message itself.
        let queued = self.outbox(&OutboxQuery::all().id(rec.last_id.as_str()))?;
        if let Some(item) = queued.iter().find(|i| {
            i.from_region == rec.last_from.region
                && i.from_agency == rec.last_from.agency
                && i.state != OutboxState::Delivered
        }) {
            let (what, next) = match item.state {
                OutboxState::Pending => (
                    "has not been delivered yet",
                    "wait for its delivery (labourlink outbox status shows its attempts)",
                ),
                OutboxState::Rejected => (
                    "was rejected by the partner",
                    "its receipt says why: correct the message and send a new one",
                ),
                OutboxState::Dropped => (
                    "was dropped by an operator and will not be sent",
                    "correct it and send a new message",
                ),
                _ => (
                    "was never delivered",
                    "deliver it first (labourlink outbox retry SEQ)",
                ),
            };
            return Err(Error::new(
                ErrorCode::InputInvalid,
                format!(
                    "the message the case awaits an answer to (outbox seq {}, {}) {what}: a \
                     reminder of it cannot be answered; {next}",
                    item.seq,
                    item.state.as_str()
                ),
            ));
        }
        let types: Vec<&str> = rec
            .awaited
            .iter()
            .filter(|a| a.from.as_ref().is_none_or(|f| *f == rec.last_to))
            .map(|a| a.message_type.as_str())
            .collect();
        if types.is_empty() {
            return invalid(
                "the case awaits nothing from the receiver of its last message: there is nothing to remind of",
            );
        }
        let earlier = self
            .case_history(&rec.case_type, &rec.case_id)?
            .iter()
            .filter(|m| {
                m.message_type == "control.reminder"
                    && m.from_region == rec.last_from.region
                    && m.from_agency == rec.last_from.agency
            })
            .count();
        let mut body = serde_json::json!({
            "awaited_types": types,
            "reminder_number": earlier + 1,
        });
        if let Some(d) = &rec.due {
            body["due_date"] = serde_json::Value::String(d.on.clone());
        }
        Ok(serde_json::json!({
            "type": "control.reminder",
            "from": {"region": rec.last_from.region, "agency": rec.last_from.agency},
            "to": {"region": rec.last_to.region, "agency": rec.last_to.agency},
            "case": {"id": rec.case_id, "type": rec.case_type},
            "in_reply_to": rec.last_id,
            "body": body,
        }))
    }

    /// The archived message with this direction, issuer and id.
    ///
    /// # Errors
    /// The backend's errors.
    pub fn archived(
        &self,
        direction: Direction,
        region: &str,
        agency: &str,
        id: &str,
    ) -> Result<Option<ArchivedMessage>> {
        self.lock().archived(direction, region, agency, id)
    }

    /// The number of archived messages.
    ///
    /// # Errors
    /// The backend's errors.
    pub fn archive_len(&self) -> Result<u64> {
        self.lock().archive_len()
    }

    /// Puts a rejected message in the quarantine with its error code; the oldest entries go
    /// when the quarantine holds more than its capacity. At most [`QUARANTINE_MAX_BYTES`] of
    /// it are kept, and [`QUARANTINE_UNAUTHENTICATED_MAX_BYTES`] when it was refused before
    /// any signature of it verified.
    ///
    /// # Errors
    /// The backend's errors.
    pub fn quarantine(&self, input: &[u8], error: &Error, at: Timestamp) -> Result<()> {
        let (kept, truncated) = quarantine_kept(input, error.code());
        let digest = labourlink_protocol::verify::digest(input);
        let cap = self.quarantine_capacity;
        self.lock().quarantine(
            at.unix_millis(),
            error.code().as_str(),
            &digest,
            kept,
            truncated,
            cap,
        )
    }

    /// The newest quarantined messages, newest first, at most `limit`.
    ///
    /// # Errors
    /// The backend's errors.
    pub fn quarantined(&self, limit: u64) -> Result<Vec<QuarantinedMessage>> {
        self.lock().quarantined(limit, None)
    }

    /// The newest quarantined messages rejected with the error `code` (for example
    /// `key.revoked`: who still sends with a revoked key), newest first, at most `limit` of
    /// them, however many with other codes are newer.
    ///
    /// # Errors
    /// The backend's errors.
    pub fn quarantined_with_code(&self, code: &str, limit: u64) -> Result<Vec<QuarantinedMessage>> {
        self.lock().quarantined(limit, Some(code))
    }

    /// Receives one message: verifies it with `verifier` at `now` (stages 1–7,
    /// [`Verifier::check_at`]), then writes its replay record and its archive entry (and its
    /// case) in **one transaction**; a rejected message is quarantined.
    ///
    /// The replay decision is this store's, whatever replay guard `verifier` has (it is not
    /// consulted): an existing live record for the issuer and id is `replay.duplicate` (same
    /// digest) or `replay.conflict`, atomically across processes. When `Ok` returns, both
    /// are committed; a crash leaves either both or neither.
    ///
    /// # Errors
    /// The verifier's rejection, `replay.duplicate`, `replay.conflict`, or the store's
    /// errors.
    pub fn receive<P: Profile>(
        &self,
        verifier: &Verifier<P>,
        jws: &[u8],
        now: Timestamp,
    ) -> Result<Verified> {
        let checked = verifier.check_at(jws, now);
        self.commit_checked(verifier, jws, checked, now)
    }

    /// [`Store::receive`] where a reply (`in_reply_to`) to a message this store archived as
    /// sent by the reply's addressee (`to`) is checked against that message (the reply rules of
    /// [`Verifier::check_reply_to_at`]: right type, from the right party, in the same case; a
    /// receipt bound to its id and digest); the archive is asked only for messages with `in_reply_to`,
    /// and the message is parsed once. A reply to a message not in the archive (sent
    /// elsewhere, or its body purged) is checked on its own.
    ///
    /// # Errors
    /// Those of [`Store::receive`], and `envelope.unexpected_reply`.
    pub fn receive_answering<P: Profile>(
        &self,
        verifier: &Verifier<P>,
        jws: &[u8],
        now: Timestamp,
    ) -> Result<Verified> {
        let checked = self.check_answering(verifier, jws, now);
        self.commit_checked(verifier, jws, checked, now)
    }

    /// Stages 1–7 of [`Store::receive_answering`] without writing anything: a reply to a
    /// message `me` sent is checked against the archived one. For a caller that commits
    /// through a [`CommitQueue`].
    ///
    /// # Errors
    /// The rejection.
    pub fn check_answering<P: Profile>(
        &self,
        verifier: &Verifier<P>,
        jws: &[u8],
        now: Timestamp,
    ) -> Result<Verified> {
        let lookup = |doc: &Document| self.answered(doc, now);
        verifier.check_reply_lookup_at(jws, now, &lookup)
    }

    /// The message `reply` answers (its `in_reply_to`), when this store archived it as sent
    /// by the party `reply` is addressed to: its document and digest, the `earlier` of
    /// [`Verifier::check_reply_to_at`]. `None` when `reply` answers nothing, or the message
    /// is not in the archive (sent elsewhere, its body purged) or cannot be read: the reply
    /// is then checked on its own. The lookup [`Store::check_answering`] makes.
    #[must_use]
    pub fn answered(&self, reply: &Document, now: Timestamp) -> Option<(Document, String)> {
        let id = reply.in_reply_to.as_deref()?;
        let sent = self
            .archived(Direction::Sent, &reply.to.region, &reply.to.agency, id)
            .ok()??;
        let m = NewMessage::from_jws(Direction::Sent, &sent.jws?, now).ok()?;
        Some((m.document?, m.digest))
    }

    fn commit_checked<P: Profile>(
        &self,
        verifier: &Verifier<P>,
        jws: &[u8],
        checked: Result<Verified>,
        now: Timestamp,
    ) -> Result<Verified> {
        let result = checked.and_then(|v| self.record_and_archive(verifier, jws, v, now));
        match result {
            Ok(v) => Ok(v),
            Err(e) => {
                self.after_rejection(verifier, jws, &e, now)?;
                Err(e)
            }
        }
    }

    fn record_and_archive<P: Profile>(
        &self,
        verifier: &Verifier<P>,
        jws: &[u8],
        v: Verified,
        now: Timestamp,
    ) -> Result<Verified> {
        let doc = v.document();
        let key = ReplayKey {
            region: &doc.from.region,
            agency: &doc.from.agency,
            id: &doc.id,
        };
        let message = NewMessage::received(jws, &v, now);
        let case = self.case_write(&message);
        let keep_until = verifier.replay_keep_until(&v, now);
        for _ in 0..3 {
            let outcome = self.lock().record_and_archive(
                &key,
                v.digest(),
                now.unix_millis(),
                keep_until.unix_millis(),
                &message,
                case.as_ref(),
            )?;
            match outcome {
                ReplayOutcome::Recorded => return Ok(v),
                ReplayOutcome::Exists { digest } => {
                    return Err(labourlink_protocol::verify::replay_error(
                        &key,
                        digest == v.digest(),
                    ));
                }
                ReplayOutcome::Vanished => {}
            }
        }
        Err(unavailable(
            "the replay record changed under the store three times in a row; try again",
        ))
    }

    /// What the store does with a rejected message: `replay.duplicate` (an idempotent
    /// redelivery of an accepted message) is not quarantined, but its archive entry is
    /// written if a crash lost it (the message is re-checked with
    /// [`Verifier::verify_archived`] at its first-seen time); every other rejection goes to
    /// the quarantine. `store.*` errors are not quarantined (the store is what failed).
    ///
    /// # Errors
    /// The store's errors.
    pub fn after_rejection<P: Profile>(
        &self,
        verifier: &Verifier<P>,
        jws: &[u8],
        error: &Error,
        now: Timestamp,
    ) -> Result<()> {
        match error.code() {
            ErrorCode::ReplayDuplicate => self.repair_archive(verifier, jws),
            c if c.family() == "store" => Ok(()),
            _ => self.quarantine(jws, error, now),
        }
    }

    fn repair_archive<P: Profile>(&self, verifier: &Verifier<P>, jws: &[u8]) -> Result<()> {
        let Ok(m) = NewMessage::from_jws(Direction::Received, jws, Timestamp::from_unix_seconds(0))
        else {
            return Ok(());
        };
        if self
            .archived(Direction::Received, &m.from_region, &m.from_agency, &m.id)?
            .is_some()
        {
            return Ok(());
        }
        let key = ReplayKey {
            region: &m.from_region,
            agency: &m.from_agency,
            id: &m.id,
        };
        let Some((digest, first_seen)) = self.lock().replay_record(&key)? else {
            return Ok(());
        };
        if digest != m.digest {
            return Ok(());
        }
        let first_seen = Timestamp::from_unix_millis(first_seen);
        if let Ok(v) = verifier.verify_archived(jws, first_seen) {
            self.archive(&NewMessage::received(jws, &v, first_seen))?;
        }
        Ok(())
    }

    /// Records a verified trust list as the current one of every anchor that signed it,
    /// refusing a lower sequence, or the same sequence with other content, than the newest
    /// list accepted before of any anchor (`trust_list.rollback`: the sequence goes on across
    /// an anchor rotation) — across restarts and processes. The same list again is accepted
    /// (no change).
    ///
    /// `list` must be the result of [`TrustList::load`] on `jws`.
    ///
    /// # Errors
    /// `trust_list.rollback` (against the newest list accepted before, of any anchor),
    /// `trust_list.key_rebound` and `trust_list.revocation_undone` (against the list accepted
    /// last for each anchor, this list's own or another), `trust_list.invalid` (no
    /// digest: not loaded from `jws`), the `jws.*` errors of decoding `jws`, and the store's
    /// errors.
    pub fn accept_trust_list(&self, jws: &[u8], list: &TrustList, now: Timestamp) -> Result<()> {
        let Some(digest) = list.digest() else {
            return Err(Error::new(
                ErrorCode::TrustListInvalid,
                "only a trust list loaded from its signed form can be stored",
            ));
        };
        // The lists accepted before, of every anchor: a key id keeps its key and party, and
        // a revoked key stays revoked (TrustList::check_successor) — also across restarts
        // and processes, and across anchors (a list signed by a new anchor after a rotation
        // must not bring back a key that a list of the old one revoked). A list of an anchor
        // that signed this one with the same or a higher sequence is left to the rollback
        // check below.
        let parsed = jws::parse(jws, Limits::default(), &AlgorithmPolicy::default())?;
        let signers: Vec<&str> = parsed
            .signatures
            .iter()
            .map(|s| s.header.kid.as_str())
            .collect();
        // Made by the backend under the lock it records the list with.
        let check = |earlier_lists: &[StoredTrustList]| -> Result<()> {
            for earlier in earlier_lists {
                if earlier.digest == digest
                    || (signers.contains(&earlier.anchor.as_str())
                        && earlier.sequence >= list.sequence)
                {
                    continue;
                }
                accepted_list(&earlier.jws)?.check_successor(list)?;
            }
            Ok(())
        };
        self.accept_signed(
            SignedKind::TrustList,
            jws,
            list.sequence,
            digest,
            now,
            &check,
        )
    }

    /// Records an anchor-signed document of `kind` for every anchor that signed `jws`, or
    /// refuses it as a rollback (`trust_list.rollback` / `reference_data.rollback`).
    fn accept_signed(
        &self,
        kind: SignedKind,
        jws: &[u8],
        sequence: u64,
        digest: &str,
        now: Timestamp,
        check: &dyn Fn(&[StoredTrustList]) -> Result<()>,
    ) -> Result<()> {
        let (invalid, rollback, what) = match kind {
            SignedKind::TrustList => (
                ErrorCode::TrustListInvalid,
                ErrorCode::TrustListRollback,
                "trust list",
            ),
            SignedKind::ReferenceData => (
                ErrorCode::ReferenceDataInvalid,
                ErrorCode::ReferenceDataRollback,
                "reference-data",
            ),
        };
        let parsed = jws::parse(jws, Limits::default(), &AlgorithmPolicy::default())?;
        let mut anchors: Vec<String> = parsed
            .signatures
            .iter()
            .map(|s| s.header.kid.clone())
            .collect();
        anchors.sort();
        anchors.dedup();
        let stored = i64::try_from(sequence).map_err(|_| {
            Error::new(
                invalid,
                format!("the {what} sequence is too large to store"),
            )
            .at("/body/sequence")
        })?;
        match self
            .lock()
            .accept_signed(kind, &anchors, stored, digest, jws, now.unix_millis(), check)?
        {
            TrustOutcome::Accepted => Ok(()),
            TrustOutcome::Rollback { stored_sequence } => Err(Error::new(
                rollback,
                format!(
                    "{what} sequence {sequence} is not newer than the sequence {stored_sequence} accepted before (recorded in the store; if that one came from an anchor whose key leaked: labourlink trust-list forget-anchor)"
                ),
            )
            .at("/body/sequence")),
        }
    }

    /// The last accepted trust list: of `anchor`, or of any anchor (the highest sequence)
    /// when `anchor` is `None`. Load it with [`TrustList::load`] (staleness applies) when the
    /// list's source is unreachable.
    ///
    /// # Errors
    /// The store's errors.
    pub fn trust_list(&self, anchor: Option<&str>) -> Result<Option<StoredTrustList>> {
        self.lock().signed(SignedKind::TrustList, anchor)
    }

    /// Forgets the trust list and the reference data accepted from the anchor `kid`: after
    /// that anchor's key leaked, a list it signed (perhaps by whoever holds the key now) must no
    /// longer stand in the way of the new anchor's lists — every list is checked against the
    /// lists the store accepted before, of every anchor it recorded (sequence, key ids, revoked
    /// keys). Run it with the node stopped, after unpinning the anchor. Returns the sequences
    /// forgotten (trust list, reference data).
    ///
    /// # Errors
    /// The store's errors.
    pub fn forget_anchor(&self, kid: &str) -> Result<(Option<u64>, Option<u64>)> {
        let mut b = self.lock();
        let seq = |v: Option<i64>| v.and_then(|s| u64::try_from(s).ok());
        let list = seq(b.forget_signed(SignedKind::TrustList, kid)?);
        let data = seq(b.forget_signed(SignedKind::ReferenceData, kid)?);
        Ok((list, data))
    }

    /// The last accepted trust list of any of the pinned `anchors` (key ids): the one with the
    /// highest sequence — during an anchor rotation a node pins the old anchor and the new one,
    /// and the newest list may be signed by either. Lists of anchors not named are left out.
    ///
    /// # Errors
    /// The store's errors.
    pub fn trust_list_of(&self, anchors: &[&str]) -> Result<Option<StoredTrustList>> {
        self.newest_signed(SignedKind::TrustList, anchors)
    }

    /// [`Store::trust_list_of`] for reference data.
    ///
    /// # Errors
    /// The store's errors.
    pub fn reference_data_of(&self, anchors: &[&str]) -> Result<Option<StoredTrustList>> {
        self.newest_signed(SignedKind::ReferenceData, anchors)
    }

    fn newest_signed(&self, kind: SignedKind, anchors: &[&str]) -> Result<Option<StoredTrustList>> {
        let mut backend = self.lock();
        let mut newest: Option<StoredTrustList> = None;
        for kid in anchors {
            if let Some(found) = backend.signed(kind, Some(kid))? {
                if newest.as_ref().is_none_or(|n| found.sequence > n.sequence) {
                    newest = Some(found);
                }
            }
        }
        Ok(newest)
    }

    /// Records a verified reference-data document (`labourlink::refdata::ReferenceData`) for
    /// every anchor that signed it, refusing a lower sequence, or the same sequence with
    /// other content, than the newest accepted before of any anchor (`reference_data.rollback`) —
    /// across restarts and processes, as [`Store::accept_trust_list`] does for trust lists.
    /// `sequence` and `digest` are those of the document loaded from `jws`.
    ///
    /// # Errors
    /// `reference_data.rollback`, `reference_data.invalid` (empty digest, sequence too large),
    /// the `jws.*` errors of decoding `jws`, and the store's errors.
    pub fn accept_reference_data(
        &self,
        jws: &[u8],
        sequence: u64,
        digest: &str,
        now: Timestamp,
    ) -> Result<()> {
        if digest.is_empty() {
            return Err(Error::new(
                ErrorCode::ReferenceDataInvalid,
                "only reference data loaded from its signed form can be stored",
            ));
        }
        self.accept_signed(
            SignedKind::ReferenceData,
            jws,
            sequence,
            digest,
            now,
            &|_| Ok(()),
        )
    }

    /// The last accepted reference-data document: of `anchor`, or of any anchor (the highest
    /// sequence) when `anchor` is `None`.
    ///
    /// # Errors
    /// The store's errors.
    pub fn reference_data(&self, anchor: Option<&str>) -> Result<Option<StoredTrustList>> {
        self.lock().signed(SignedKind::ReferenceData, anchor)
    }

    /// Reads the whole store to find damage — after a restore, a disk error, a crash of the
    /// machine — and returns what it found (SQLite's own words, naming tables, indexes and
    /// pages, never row values), nothing when the store is whole. SQLite: `PRAGMA
    /// integrity_check` (the time grows with the file: minutes for gigabytes); PostgreSQL:
    /// every table read through (its indexes are checked by the `amcheck` extension, which
    /// the DBA runs).
    ///
    /// # Errors
    /// The backend's errors.
    pub fn check(&self) -> Result<Vec<String>> {
        let mut found = self.lock().check_integrity()?;
        // Then every archived row against its own signed bytes (audit s43 archive F3: a body
        // swapped, an archive time edited after the triggers were dropped had passed).
        let mut unlisted = 0u64;
        self.each_message(|m| {
            let bad = m.mismatches();
            if bad.is_empty() {
            } else if found.len() < CHECK_MAX_PROBLEMS {
                found.push(format!(
                    "ll_message row {}: its {} do not match its signed bytes — altered after it was archived? (labourlink archive verify re-checks it)",
                    m.seq,
                    bad.join(", ")
                ));
            } else {
                unlisted += 1;
            }
            Ok::<(), Error>(())
        })?;
        if unlisted > 0 {
            found.push(format!(
                "ll_message: {unlisted} more row(s) do not match their signed bytes (not listed)"
            ));
        }
        Ok(found)
    }

    /// The time a purge driven by this machine's clock runs as of: `now`, but no later than a
    /// day past the newest `issued_at` of the messages this store received (partners' messages
    /// and the receipts they answered with: times their clocks signed, each accepted only
    /// within the leeway of this machine's clock), which is returned too. A rebuilt host
    /// whose clock runs months ahead (not yet synchronised) would otherwise purge, as of that
    /// clock, replay records of messages that still verify — accepted again once the clock is
    /// right — and, with a retention period, bodies that cannot be recovered; nothing this
    /// machine writes by its own clock (a quarantined input, a trust list taken at start)
    /// moves the bound. A node that received nothing for a while purges less until messages
    /// arrive again, which only keeps records longer; a store that received nothing has no
    /// bound.
    ///
    /// # Errors
    /// The backend's errors.
    pub fn purge_time(&self, now: Timestamp) -> Result<(Timestamp, Option<Timestamp>)> {
        let newest = self.newest_received_issued_at()?;
        let as_of = match newest {
            Some(n) if n.add_seconds(86_400) < now => n.add_seconds(86_400),
            _ => now,
        };
        Ok((as_of, newest))
    }

    /// The newest `issued_at` of the messages this store received (of the newest 256 received
    /// that are not long-lived, bodies still held): partners' clocks, each within a
    /// verifier's leeway of this node's when it was accepted — so a bound on "now" that a
    /// clock running ahead cannot move, and after a restore from a backup about when the
    /// backup was made. `None` for a store that received nothing.
    ///
    /// # Errors
    /// The backend's errors.
    pub fn newest_received_issued_at(&self) -> Result<Option<Timestamp>> {
        let bodies = self.lock().newest_received(PURGE_EVIDENCE)?;
        Ok(bodies.iter().filter_map(|b| signed_issued_at(b)).max())
    }

    /// Purges, in bounded batches of short transactions: replay records whose `keep_until`
    /// has passed (their messages can no longer verify), and with a retention period the
    /// bodies of archived messages and the quarantined messages older than it. Archive rows
    /// keep id, digest, parties and outcome.
    ///
    /// # Errors
    /// The store's errors.
    pub fn purge(&self, now: Timestamp, options: PurgeOptions) -> Result<PurgeReport> {
        let mut report = PurgeReport::default();
        let batch = options.batch.max(1);
        let rounds = options.max_batches.max(1);
        let now_ms = now.unix_millis();
        let mut run = |f: &mut dyn FnMut(&mut dyn StorageBackend) -> Result<u64>| -> Result<u64> {
            let mut total = 0;
            for _ in 0..rounds {
                let started = std::time::Instant::now();
                let n = f(&mut **self.lock())?;
                total += n;
                if n < batch {
                    return Ok(total);
                }
                if options.share {
                    std::thread::sleep(started.elapsed().max(std::time::Duration::from_millis(1)));
                }
            }
            report.more = true;
            Ok(total)
        };
        let replay_before = now
            .add_seconds(-i64::from(options.replay_margin_seconds))
            .unix_millis();
        let replay = run(&mut |b| b.purge_replay(replay_before, batch))?;
        let (mut bodies, mut quarantined) = (0, 0);
        let days_ago = |days: u32| now.add_seconds(-i64::from(days) * 86_400).unix_millis();
        if let Some(days) = options.retention_days {
            let before = days_ago(days);
            bodies = run(&mut |b| b.purge_bodies(before, now_ms, batch))?;
            report.outbox = run(&mut |b| b.outbox_purge(before, batch))?;
        }
        let quarantine_days = match (options.quarantine_retention_days, options.retention_days) {
            (Some(q), Some(r)) => Some(q.min(r)),
            (q, r) => q.or(r),
        };
        if let Some(days) = quarantine_days {
            let before = days_ago(days);
            quarantined = run(&mut |b| b.purge_quarantine(before, batch))?;
        }
        report.replay_records = replay;
        report.bodies = bodies;
        report.quarantined = quarantined;
        Ok(report)
    }
}

impl ReplayGuard for Store {
    /// A store's records are shared by every verifier on it: the verifier keeps them at least
    /// as long as one with the default maximum age would accept the message.
    fn is_shared(&self) -> bool {
        true
    }

    fn check_and_record(
        &self,
        key: &ReplayKey<'_>,
        digest: &str,
        now: Timestamp,
        keep_until: Timestamp,
    ) -> Result<()> {
        // A conflicting record may expire and be purged between the INSERT and the look-up;
        // then the INSERT is tried again (a few times at most).
        for _ in 0..3 {
            let outcome = self.lock().record_replay(
                key,
                digest,
                now.unix_millis(),
                keep_until.unix_millis(),
            )?;
            match outcome {
                ReplayOutcome::Recorded => return Ok(()),
                ReplayOutcome::Exists { digest: d } => {
                    return Err(labourlink_protocol::verify::replay_error(key, d == digest));
                }
                ReplayOutcome::Vanished => {}
            }
        }
        Err(unavailable(
            "the replay record changed under the store three times in a row; try again",
        ))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// Migration 5 classifies the rows already quarantined with the same rule as new ones
    /// (`is_unauthenticated_code`), for every code.
    #[test]
    fn the_migrations_quarantine_classes_match_the_codes() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE ll_quarantine (code TEXT, unauthenticated INTEGER)")
            .unwrap();
        for c in ErrorCode::ALL {
            conn.execute(
                "INSERT INTO ll_quarantine (code, unauthenticated) VALUES (?1, 0)",
                [c.as_str()],
            )
            .unwrap();
        }
        conn.execute_batch(concat!(
            "UPDATE ll_quarantine SET unauthenticated = 1 WHERE ",
            unauthenticated_codes_sql!()
        ))
        .unwrap();
        let mut rows = conn
            .prepare("SELECT code, unauthenticated FROM ll_quarantine")
            .unwrap();
        let classified: Vec<(String, i64)> = rows
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(classified.len(), ErrorCode::ALL.len());
        for (code, class) in classified {
            assert_eq!(class == 1, is_unauthenticated_code(&code), "{code}");
        }
    }

    #[test]
    fn urls() {
        assert_eq!(
            parse_url("sqlite:///var/x.db").unwrap(),
            Location::SqliteFile("/var/x.db".into())
        );
        assert_eq!(
            parse_url("sqlite:x.db").unwrap(),
            Location::SqliteFile("x.db".into())
        );
        assert_eq!(
            parse_url("sqlite::memory:").unwrap(),
            Location::SqliteMemory
        );
        assert!(matches!(
            parse_url("postgresql://u@h/db").unwrap(),
            Location::Postgres(_)
        ));
        for bad in [
            "",
            "mysql://x",
            "sqlite:",
            "sqlite://",
            "sqlite:///x?mode=ro",
        ] {
            assert_eq!(
                parse_url(bad).unwrap_err().code(),
                ErrorCode::InputInvalid,
                "{bad}"
            );
        }
    }
}
