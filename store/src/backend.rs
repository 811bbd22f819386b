//! The storage interface every database backend implements (SQLite, PostgreSQL).

use labourlink_protocol::Result;
use labourlink_protocol::verify::ReplayKey;

use crate::{
    ArchivedMessage, BackendKind, CaseQuery, CaseRecord, CaseWrite, Direction, NewMessage,
    QuarantinedMessage, StoredTrustList,
};

/// Which archived messages [`StorageBackend::messages`] returns, in archive order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MessageQuery {
    /// Only messages with this id.
    pub id: Option<String>,
    /// Only messages of this case id.
    pub case_id: Option<String>,
    /// Only messages of this case type.
    pub case_type: Option<String>,
    /// Only messages with a larger archive sequence number (paging).
    pub after_seq: i64,
    /// At most this many (0 = no limit).
    pub limit: u64,
}

/// The triggers that keep `ll_message` append-only in an SQLite store ([`Store::check`]
/// reports one that is missing).
///
/// [`Store::check`]: crate::Store::check
pub(crate) const APPEND_ONLY_TRIGGERS_SQLITE: [&str; 3] = [
    "ll_message_no_delete",
    "ll_message_no_rewrite",
    "ll_message_no_erase",
];

/// The same in a PostgreSQL store (each must also be enabled).
pub(crate) const APPEND_ONLY_TRIGGERS_POSTGRES: [&str; 3] = [
    "ll_message_append_only",
    "ll_message_no_truncate",
    "ll_message_no_erase",
];

/// [`Store::check`]'s line for a missing or disabled append-only trigger.
///
/// [`Store::check`]: crate::Store::check
pub(crate) fn missing_trigger(name: &str) -> String {
    format!(
        "ll_message: the trigger {name}, which keeps the archive append-only, is missing or disabled — \
         someone with the store's owner rights removed it, and rows may have been edited since \
         (labourlink archive verify re-checks them); labourlink store migrate does not restore it: \
         restore the store from a backup, or recreate the trigger from the store's schema"
    )
}

/// The `WHERE … ORDER BY … LIMIT` of an archive query and its text bind values (`$1`… in
/// order; integers are formatted into the text, nothing from outside is): only the filters
/// given, so that the database can use `ll_message_id` or `ll_message_case_type` (a
/// `$N IS NULL OR col = $N` form made both backends read the whole table).
pub(crate) fn message_filter(q: &MessageQuery) -> (String, Vec<String>) {
    let mut values = Vec::new();
    let mut clauses = vec![format!("seq > {}", q.after_seq)];
    for (column, value) in [
        ("id", &q.id),
        ("case_id", &q.case_id),
        ("case_type", &q.case_type),
    ] {
        if let Some(v) = value {
            values.push(v.clone());
            clauses.push(format!("{column} = ${}", values.len()));
        }
    }
    let mut sql = format!(" WHERE {} ORDER BY seq", clauses.join(" AND "));
    if q.limit > 0 {
        sql.push_str(&format!(" LIMIT {}", q.limit.min(i64::MAX as u64)));
    }
    (sql, values)
}

/// The `WHERE … ORDER BY … LIMIT` of a case query and its text bind values, as
/// [`message_filter`]: only the filters given, so that `ll_case_id` and `ll_case_due` serve.
pub(crate) fn case_filter(q: &CaseQuery) -> (String, Vec<String>) {
    let mut values = Vec::new();
    let mut clauses = Vec::new();
    if q.open_only {
        clauses.push("status = 'open'".to_owned());
    }
    for (test, value) in [
        ("case_id =", &q.case_id),
        ("due_on >=", &q.due_from),
        ("due_on <=", &q.due_until),
    ] {
        if let Some(v) = value {
            values.push(v.clone());
            clauses.push(format!("{test} ${}", values.len()));
        }
    }
    let mut sql = String::new();
    if !clauses.is_empty() {
        sql.push_str(" WHERE ");
        sql.push_str(&clauses.join(" AND "));
    }
    sql.push_str(" ORDER BY (due_on IS NULL), due_on, case_type, case_id");
    if q.limit > 0 {
        sql.push_str(&format!(" LIMIT {}", q.limit.min(i64::MAX as u64)));
    }
    (sql, values)
}

/// What [`StorageBackend::record_replay`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReplayOutcome {
    /// No live record had the key: the record is written and committed.
    Recorded,
    /// A live record has the key, with this digest.
    Exists {
        /// The recorded digest.
        digest: String,
    },
    /// The insert met a record that was gone when looked up (purged meanwhile): try again.
    Vanished,
}

/// One write of a group ([`StorageBackend::write_group`]).
#[derive(Debug, Clone, Copy)]
pub enum GroupWrite<'a> {
    /// A message that passed stages 1–7: [`StorageBackend::record_and_archive`]'s writes.
    Receive {
        /// The replay key (issuer and id).
        key: ReplayKey<'a>,
        /// The message digest.
        digest: &'a str,
        /// When it was received (ms).
        now: i64,
        /// How long its replay record must be kept (ms).
        keep_until: i64,
        /// The archive entry, written only with a new replay record.
        message: &'a NewMessage,
        /// Its case record's update, if any.
        case: Option<&'a CaseWrite>,
        /// An answer archived with it (an inbox's signed receipt, direction `sent`) and the
        /// answer's case update: written only with a new replay record, so the receipt of an
        /// accepted message is committed in the same transaction as the message.
        answer: Option<(&'a NewMessage, Option<&'a CaseWrite>)>,
    },
    /// A rejected message for the quarantine ([`StorageBackend::quarantine`]'s insert).
    Quarantine {
        /// When it was rejected (ms).
        at: i64,
        /// The error code.
        code: &'a str,
        /// SHA-256 of the bytes, base64url.
        digest: &'a str,
        /// The bytes kept.
        bytes: &'a [u8],
        /// Whether `bytes` was cut at [`crate::QUARANTINE_MAX_BYTES`].
        truncated: bool,
    },
}

/// What [`StorageBackend::accept_trust_list`] decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrustOutcome {
    /// The list is recorded (or was already the recorded one).
    Accepted,
    /// An anchor has a higher sequence, or the same sequence with another digest.
    Rollback {
        /// The sequence recorded for that anchor.
        stored_sequence: i64,
    },
}

/// The anchor-signed documents whose last accepted version a store keeps, each in its own
/// table: the highest sequence per anchor refuses a rollback across restarts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SignedKind {
    /// Trust lists (`ll_trust_state`).
    TrustList,
    /// Signed reference data (`ll_reference_state`).
    ReferenceData,
}

impl SignedKind {
    /// The table that holds the documents of this kind.
    #[must_use]
    pub const fn table(self) -> &'static str {
        match self {
            Self::TrustList => "ll_trust_state",
            Self::ReferenceData => "ll_reference_state",
        }
    }
}

/// The bodies of the newest received messages ([`StorageBackend::newest_received`]):
/// the primary key read backwards, rows without a body passed over.
pub(crate) const NEWEST_RECEIVED: &str = "SELECT jws FROM ll_message
    WHERE direction = 'received' AND jws IS NOT NULL ORDER BY seq DESC LIMIT $1";

/// The error of a backend method a backend does not provide (the defaults of the optional
/// [`StorageBackend`] methods): `input.invalid`, naming what it cannot do.
pub(crate) fn not_supported(what: &str) -> labourlink_protocol::Error {
    labourlink_protocol::Error::new(
        labourlink_protocol::ErrorCode::InputInvalid,
        format!("this storage backend cannot {what} (the SQLite and PostgreSQL backends can)"),
    )
    .zh(format!(
        "该存储后端不支持此操作（{what}；SQLite 和 PostgreSQL 后端支持）"
    ))
}

/// One database holding a labourlink store. Times are milliseconds since the Unix epoch.
///
/// Every method that writes commits before it returns (durably: SQLite `synchronous=FULL` in
/// WAL mode, PostgreSQL `synchronous_commit=on`); every decision that must hold across
/// processes is taken by one statement against a unique key, never by a read followed by a
/// write.
pub trait StorageBackend: crate::outbox::OutboxBackend + Send {
    /// The database kind.
    fn kind(&self) -> BackendKind;

    /// The schema version, `None` when the database holds no labourlink schema.
    ///
    /// # Errors
    /// `store.unavailable`, `store.corrupt`.
    fn schema_version(&mut self) -> Result<Option<u32>>;

    /// The space the store takes, in bytes (SQLite: the file's pages; PostgreSQL: the
    /// labourlink tables with their indexes and TOAST).
    ///
    /// # Errors
    /// `store.unavailable`.
    fn size_bytes(&mut self) -> Result<u64>;

    /// Gives the space of dropped bodies and deleted rows back: SQLite rewrites the file
    /// (`VACUUM`: needs the store to itself, and free disk space as large as the file);
    /// PostgreSQL marks it reusable and refreshes the planner's statistics (`VACUUM
    /// (ANALYZE)`; it gives files back only with `VACUUM FULL`, which the operator runs).
    ///
    /// # Errors
    /// `store.unavailable` (SQLite: another process has the store open and busy).
    fn compact(&mut self) -> Result<()>;

    /// Deletes the recorded document of `kind` of `anchor` (an anchor whose key leaked, no
    /// longer pinned); returns its sequence, `None` when there was none. The default:
    /// `input.invalid` (not supported).
    ///
    /// # Errors
    /// `store.unavailable`.
    fn forget_signed(&mut self, kind: SignedKind, anchor: &str) -> Result<Option<i64>> {
        let _ = (kind, anchor);
        Err(not_supported("forget an anchor"))
    }

    /// Reads the whole store to find damage (SQLite: `PRAGMA integrity_check`, every page and
    /// index; PostgreSQL: every table read through, so a damaged page fails its read);
    /// returns what it found, nothing when the store is whole. The default: `input.invalid`
    /// (cannot be checked).
    ///
    /// # Errors
    /// `store.unavailable`, and `store.corrupt` when the check itself cannot run.
    fn check_integrity(&mut self) -> Result<Vec<String>> {
        Err(not_supported("be checked"))
    }

    /// The bodies (JWS) of the newest received messages still holding one, newest first, at
    /// most `limit`: what partners signed, whose `issued_at` tells the time by their clocks
    /// ([`crate::Store::purge_time`]). The default: none (a backend that cannot tell).
    ///
    /// # Errors
    /// `store.unavailable`, `store.corrupt`.
    fn newest_received(&mut self, limit: u64) -> Result<Vec<Vec<u8>>> {
        let _ = limit;
        Ok(Vec::new())
    }

    /// Hands every row of every table of [`crate::copy::TABLES`] to `sink`, in batches, from
    /// one snapshot while the store's writers are held off (a copy: [`crate::Store::copy_into`]);
    /// returns the rows handed over per table. A backend that cannot be copied answers
    /// `input.invalid` (the default).
    ///
    /// # Errors
    /// `store.unavailable`, `store.corrupt`, and the sink's errors.
    fn export_rows(&mut self, sink: &mut crate::copy::RowSink<'_>) -> Result<Vec<(String, u64)>> {
        let _ = sink;
        Err(not_supported("be copied from or into"))
    }

    /// Begins taking a copy: one transaction, in which every table must be empty
    /// (`input.invalid` otherwise). The default: `input.invalid` (cannot be copied into).
    ///
    /// # Errors
    /// `input.invalid`, `store.unavailable`.
    fn import_begin(&mut self) -> Result<()> {
        Err(not_supported("be copied from or into"))
    }

    /// Writes `rows` (values in the order of `columns`) into `table`, inside the transaction
    /// [`StorageBackend::import_begin`] began.
    ///
    /// # Errors
    /// `store.unavailable`, `store.corrupt` (a value the column cannot hold).
    fn import_rows(
        &mut self,
        table: &str,
        columns: &[String],
        rows: &[Vec<crate::copy::Cell>],
    ) -> Result<()> {
        let _ = (table, columns, rows);
        Err(not_supported("be copied from or into"))
    }

    /// The highest number each table of [`crate::copy::NUMBERED`] has given (its counter:
    /// rows purged since keep their numbers given), for a copy to go on from.
    ///
    /// # Errors
    /// `store.unavailable`.
    fn counters(&mut self) -> Result<Vec<(String, i64)>> {
        Err(not_supported("be copied from or into"))
    }

    /// Ends a copy: the numbering of `seq` columns continues after the copied rows and the
    /// source's `counters` (a number given once is never given again), and the transaction
    /// commits (`commit`) or rolls back.
    ///
    /// # Errors
    /// `store.unavailable`.
    fn import_end(&mut self, commit: bool, counters: &[(String, i64)]) -> Result<()> {
        let _ = (commit, counters);
        Err(not_supported("be copied from or into"))
    }

    /// Creates the schema or applies the migrations up to `target`, in one transaction that
    /// excludes concurrent migrations; a no-op when the schema is current. Returns the
    /// version it found under that exclusion (`None`: no schema, which it created) — of
    /// several processes starting at once, only one finds the old version.
    ///
    /// # Errors
    /// `store.schema_too_new`, `store.unavailable`, `store.corrupt`.
    fn migrate(&mut self, target: u32) -> Result<Option<u32>>;

    /// Records `(key, digest)` with `first_seen = now` unless a record with `keep_until >=
    /// now` has the key (an expired record is replaced).
    ///
    /// # Errors
    /// `store.unavailable`, `store.corrupt`.
    fn record_replay(
        &mut self,
        key: &ReplayKey<'_>,
        digest: &str,
        now: i64,
        keep_until: i64,
    ) -> Result<ReplayOutcome>;

    /// The digest and first-seen time recorded for `key`.
    ///
    /// # Errors
    /// `store.unavailable`, `store.corrupt`.
    fn replay_record(&mut self, key: &ReplayKey<'_>) -> Result<Option<(String, i64)>>;

    /// Deletes at most `limit` replay records with `keep_until < now`; returns how many.
    ///
    /// # Errors
    /// `store.unavailable`.
    fn purge_replay(&mut self, now: i64, limit: u64) -> Result<u64>;

    /// Appends a message; `false` when one with the same direction, issuer and id is there.
    /// When the message is new and `case` is given, the case record is written in the same
    /// transaction: created if missing; with a status, updated unless the record was set by
    /// a message issued later.
    ///
    /// # Errors
    /// `store.unavailable`.
    fn archive(&mut self, message: &NewMessage, case: Option<&CaseWrite>) -> Result<bool>;

    /// [`StorageBackend::record_replay`] and [`StorageBackend::archive`] in **one
    /// transaction**: the message (and its case) is archived only when the replay record is
    /// written; otherwise nothing is written and the existing record is reported.
    ///
    /// # Errors
    /// `store.unavailable`, `store.corrupt`.
    fn record_and_archive(
        &mut self,
        key: &ReplayKey<'_>,
        digest: &str,
        now: i64,
        keep_until: i64,
        message: &NewMessage,
        case: Option<&CaseWrite>,
    ) -> Result<ReplayOutcome>;

    /// Every write of `writes` in **one transaction** (one commit, one fsync): for each
    /// [`GroupWrite::Receive`], in order, the replay record decides as in
    /// [`StorageBackend::record_and_archive`] — a write sees the records of earlier writes of
    /// the same group, so a second message with the same key is refused — and each
    /// [`GroupWrite::Quarantine`] is inserted; then the quarantine is trimmed to `capacity`.
    /// Returns one outcome per write, in order (`Recorded` for a quarantine write). On `Err`
    /// nothing of the group is written.
    ///
    /// The default implementation is **not** one transaction: it calls
    /// [`StorageBackend::record_and_archive`] and [`StorageBackend::quarantine`] per write
    /// (each message still atomic), for backends that cannot do better.
    ///
    /// # Errors
    /// `store.unavailable`, `store.corrupt`.
    fn write_group(
        &mut self,
        writes: &[GroupWrite<'_>],
        capacity: u64,
    ) -> Result<Vec<ReplayOutcome>> {
        let mut out = Vec::with_capacity(writes.len());
        for w in writes {
            out.push(match *w {
                GroupWrite::Receive {
                    key,
                    digest,
                    now,
                    keep_until,
                    message,
                    case,
                    answer,
                } => {
                    let outcome =
                        self.record_and_archive(&key, digest, now, keep_until, message, case)?;
                    if let (ReplayOutcome::Recorded, Some((a, a_case))) = (&outcome, answer) {
                        self.archive(a, a_case)?;
                    }
                    outcome
                }
                GroupWrite::Quarantine {
                    at,
                    code,
                    digest,
                    bytes,
                    truncated,
                } => {
                    self.quarantine(at, code, digest, bytes, truncated, capacity)?;
                    ReplayOutcome::Recorded
                }
            });
        }
        Ok(out)
    }

    /// Archived messages matching `query`, in archive order.
    ///
    /// # Errors
    /// `store.unavailable`, `store.corrupt`.
    fn messages(&mut self, query: &MessageQuery) -> Result<Vec<ArchivedMessage>>;

    /// Case records matching `query`, by due date (none last), case type and id.
    ///
    /// # Errors
    /// `store.unavailable`, `store.corrupt`.
    fn cases(&mut self, query: &CaseQuery) -> Result<Vec<CaseRecord>>;

    /// The archived message with this direction, issuer and id.
    ///
    /// # Errors
    /// `store.unavailable`, `store.corrupt`.
    fn archived(
        &mut self,
        direction: Direction,
        region: &str,
        agency: &str,
        id: &str,
    ) -> Result<Option<ArchivedMessage>>;

    /// The number of archived messages.
    ///
    /// # Errors
    /// `store.unavailable`.
    fn archive_len(&mut self) -> Result<u64>;

    /// Drops the bodies of at most `limit` archived messages older than `before`, noting
    /// `now` as the purge time; returns how many.
    ///
    /// # Errors
    /// `store.unavailable`.
    fn purge_bodies(&mut self, before: i64, now: i64, limit: u64) -> Result<u64>;

    /// Adds a rejected message and deletes the oldest beyond `capacity`, in one transaction.
    ///
    /// # Errors
    /// `store.unavailable`.
    fn quarantine(
        &mut self,
        at: i64,
        code: &str,
        digest: &str,
        bytes: &[u8],
        truncated: bool,
        capacity: u64,
    ) -> Result<()>;

    /// The newest quarantined messages, newest first, at most `limit`; with `code`, only those
    /// rejected with that error code (the newest `limit` of them, however many others are newer).
    ///
    /// # Errors
    /// `store.unavailable`, `store.corrupt`.
    fn quarantined(&mut self, limit: u64, code: Option<&str>) -> Result<Vec<QuarantinedMessage>>;

    /// Deletes at most `limit` quarantined messages older than `before`; returns how many.
    ///
    /// # Errors
    /// `store.unavailable`.
    fn purge_quarantine(&mut self, before: i64, limit: u64) -> Result<u64>;

    /// Records an anchor-signed document of `kind` (a trust list or reference data) for every
    /// anchor in `anchors`, in one transaction that holds off other writers of its table: first
    /// `check` is given the documents recorded so far, of every anchor (its error ends the
    /// transaction, nothing recorded), then the document is refused as a rollback when any
    /// recorded one has a higher sequence or the same sequence with another digest.
    ///
    /// # Errors
    /// `store.unavailable`; `check`'s error.
    #[allow(clippy::too_many_arguments)] // the document, and the check made under the same lock
    fn accept_signed(
        &mut self,
        kind: SignedKind,
        anchors: &[String],
        sequence: i64,
        digest: &str,
        jws: &[u8],
        now: i64,
        check: &dyn Fn(&[StoredTrustList]) -> Result<()>,
    ) -> Result<TrustOutcome>;

    /// The recorded document of `kind` of `anchor`, or the one with the highest sequence.
    ///
    /// # Errors
    /// `store.unavailable`, `store.corrupt`.
    fn signed(&mut self, kind: SignedKind, anchor: Option<&str>)
    -> Result<Option<StoredTrustList>>;

    /// The recorded document of `kind` of every anchor (one per anchor, by anchor).
    ///
    /// # Errors
    /// `store.unavailable`, `store.corrupt`.
    fn signed_all(&mut self, kind: SignedKind) -> Result<Vec<StoredTrustList>>;
}
