//! The SQLite backend: one file in WAL mode with `synchronous=FULL`, so every commit is on
//! disk (the WAL fsync'd) when it returns; writers from several processes are serialised by
//! SQLite's lock (`busy_timeout` waits for it).

use std::path::Path;
use std::time::Duration;

use labourlink_protocol::verify::ReplayKey;
use labourlink_protocol::{Error, ErrorCode, Result};
use rusqlite::{Connection, OpenFlags, OptionalExtension as _, TransactionBehavior, params};

use crate::backend::{
    GroupWrite, MessageQuery, ReplayOutcome, SignedKind, StorageBackend, TrustOutcome,
};
use crate::cases::{CASE_COLUMNS, CaseRow};
use crate::{
    ArchivedMessage, BackendKind, CaseQuery, CaseRecord, CaseWrite, Direction, NewMessage,
    QuarantinedMessage, StoredTrustList, corrupt, parse_warnings, too_new, unavailable,
};

/// How long a writer waits for another process's write lock before `store.unavailable`.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// Migration `n` (1-based) brings the schema from version `n - 1` to `n`.
const MIGRATIONS: &[&str] = &[
    // 1: replay records, archive (append-only by trigger), quarantine, trust-list state.
    r"
CREATE TABLE ll_replay (
    region TEXT NOT NULL,
    agency TEXT NOT NULL,
    id TEXT NOT NULL,
    digest TEXT NOT NULL,
    first_seen INTEGER NOT NULL,
    keep_until INTEGER NOT NULL,
    PRIMARY KEY (region, agency, id)
);
CREATE INDEX ll_replay_keep_until ON ll_replay (keep_until);

CREATE TABLE ll_message (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    direction TEXT NOT NULL CHECK (direction IN ('received', 'sent')),
    id TEXT NOT NULL,
    type TEXT NOT NULL,
    from_region TEXT NOT NULL,
    from_agency TEXT NOT NULL,
    to_region TEXT NOT NULL,
    to_agency TEXT NOT NULL,
    case_id TEXT,
    case_type TEXT,
    digest TEXT NOT NULL,
    jws BLOB,
    outcome TEXT NOT NULL,
    warnings TEXT NOT NULL,
    at INTEGER NOT NULL,
    body_purged_at INTEGER,
    UNIQUE (direction, from_region, from_agency, id)
);
CREATE INDEX ll_message_at ON ll_message (at);
CREATE INDEX ll_message_case ON ll_message (case_id);
CREATE TRIGGER ll_message_no_delete BEFORE DELETE ON ll_message
BEGIN
    SELECT RAISE(ABORT, 'll_message is append-only');
END;
CREATE TRIGGER ll_message_no_rewrite BEFORE UPDATE ON ll_message
WHEN NEW.seq IS NOT OLD.seq OR NEW.direction IS NOT OLD.direction OR NEW.id IS NOT OLD.id
  OR NEW.type IS NOT OLD.type OR NEW.from_region IS NOT OLD.from_region
  OR NEW.from_agency IS NOT OLD.from_agency OR NEW.to_region IS NOT OLD.to_region
  OR NEW.to_agency IS NOT OLD.to_agency OR NEW.case_id IS NOT OLD.case_id
  OR NEW.case_type IS NOT OLD.case_type OR NEW.digest IS NOT OLD.digest
  OR NEW.outcome IS NOT OLD.outcome OR NEW.warnings IS NOT OLD.warnings OR NEW.at IS NOT OLD.at
  OR (NEW.jws IS NOT NULL AND NEW.jws IS NOT OLD.jws)
  OR (OLD.body_purged_at IS NOT NULL AND NEW.body_purged_at IS NOT OLD.body_purged_at)
BEGIN
    SELECT RAISE(ABORT, 'll_message is append-only: only a body may be purged');
END;

CREATE TABLE ll_quarantine (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    code TEXT NOT NULL,
    digest TEXT NOT NULL,
    bytes BLOB NOT NULL,
    truncated INTEGER NOT NULL
);
CREATE INDEX ll_quarantine_at ON ll_quarantine (at);

CREATE TABLE ll_trust_state (
    anchor TEXT PRIMARY KEY,
    sequence INTEGER NOT NULL,
    digest TEXT NOT NULL,
    jws BLOB NOT NULL,
    accepted_at INTEGER NOT NULL
);
",
    // 2: case records (one row per case type and id; the history is the archive's).
    r"
CREATE TABLE ll_case (
    case_type TEXT NOT NULL,
    case_id TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    opened_by_region TEXT NOT NULL,
    opened_by_agency TEXT NOT NULL,
    counterparty_region TEXT NOT NULL,
    counterparty_agency TEXT NOT NULL,
    opened_at INTEGER NOT NULL,
    last_type TEXT NOT NULL,
    last_id TEXT NOT NULL,
    last_from_region TEXT NOT NULL,
    last_from_agency TEXT NOT NULL,
    last_to_region TEXT NOT NULL,
    last_to_agency TEXT NOT NULL,
    last_issued INTEGER NOT NULL,
    awaited TEXT NOT NULL,
    due_on TEXT,
    deadline TEXT,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (case_type, case_id)
);
CREATE INDEX ll_case_due ON ll_case (status, due_on);
CREATE INDEX ll_case_id ON ll_case (case_id);
CREATE INDEX ll_message_case_type ON ll_message (case_type, case_id);
",
    // 3: the outbox (crate::outbox).
    crate::outbox::SQLITE_MIGRATION,
    // 4: the highest accepted reference-data document per anchor (crate::Store::accept_reference_data).
    r"
CREATE TABLE ll_reference_state (
    anchor TEXT PRIMARY KEY,
    sequence INTEGER NOT NULL,
    digest TEXT NOT NULL,
    jws BLOB NOT NULL,
    accepted_at INTEGER NOT NULL
);
",
    // 5: where each outbox row's inbox URL came from, and the quarantine's two classes.
    crate::MIGRATION_5,
    // 6: indexes for a store grown over years (lookups by id, the purges).
    crate::MIGRATION_6,
    // 7: the key ids that signed each archived message (after a key leaks, what it signed),
    // and the append-only trigger over that column too.
    "ALTER TABLE ll_message ADD COLUMN signers TEXT;
DROP TRIGGER IF EXISTS ll_message_no_rewrite;
CREATE TRIGGER ll_message_no_rewrite BEFORE UPDATE ON ll_message
WHEN NEW.seq IS NOT OLD.seq OR NEW.direction IS NOT OLD.direction OR NEW.id IS NOT OLD.id
  OR NEW.type IS NOT OLD.type OR NEW.from_region IS NOT OLD.from_region
  OR NEW.from_agency IS NOT OLD.from_agency OR NEW.to_region IS NOT OLD.to_region
  OR NEW.to_agency IS NOT OLD.to_agency OR NEW.case_id IS NOT OLD.case_id
  OR NEW.case_type IS NOT OLD.case_type OR NEW.digest IS NOT OLD.digest
  OR NEW.outcome IS NOT OLD.outcome OR NEW.warnings IS NOT OLD.warnings OR NEW.at IS NOT OLD.at
  OR NEW.signers IS NOT OLD.signers
  OR (NEW.jws IS NOT NULL AND NEW.jws IS NOT OLD.jws)
  OR (OLD.body_purged_at IS NOT NULL AND NEW.body_purged_at IS NOT OLD.body_purged_at)
BEGIN
    SELECT RAISE(ABORT, 'll_message is append-only: only a body may be purged');
END;",
    // 8: a body is dropped only by a purge that notes when (review s43 M3: the trigger let a
    // NULL through without it, erasing a body unnoticed): a trigger of its own.
    "DROP TRIGGER IF EXISTS ll_message_no_erase;
CREATE TRIGGER ll_message_no_erase BEFORE UPDATE ON ll_message
WHEN NEW.jws IS NULL AND OLD.jws IS NOT NULL AND NEW.body_purged_at IS NULL
BEGIN
    SELECT RAISE(ABORT, 'll_message is append-only: a body goes only with its purge time');
END;",
];

/// Writes a case row with its message (the caller's transaction). See
/// [`StorageBackend::archive`].
pub(crate) const CASE_UPSERT: &str = "INSERT INTO ll_case (case_type, case_id, status,
     opened_by_region, opened_by_agency, counterparty_region, counterparty_agency, opened_at,
     last_type, last_id, last_from_region, last_from_agency, last_to_region, last_to_agency,
     last_issued, awaited, due_on, deadline, updated_at)
 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $4, $5, $6, $7, $8, $11, $12, $13, $14)";

/// The update of an existing case row by a message that changes its state, unless a
/// message issued later set it — but a reply to the message that set it (`$15`, its
/// `in_reply_to`, addressed to that message's sender: ids are unique per issuer only) always
/// advances it: a reply may be dated within the leeway before what it answers (a sender whose
/// clock is ahead), and is still the next step.
pub(crate) const CASE_UPDATE: &str = " ON CONFLICT (case_type, case_id) DO UPDATE SET
     status = excluded.status, last_type = excluded.last_type, last_id = excluded.last_id,
     last_from_region = excluded.last_from_region, last_from_agency = excluded.last_from_agency,
     last_to_region = excluded.last_to_region, last_to_agency = excluded.last_to_agency,
     last_issued = excluded.last_issued, awaited = excluded.awaited, due_on = excluded.due_on,
     deadline = excluded.deadline, updated_at = excluded.updated_at
 WHERE ll_case.last_issued <= excluded.last_issued
    OR (ll_case.last_id = $15 AND ll_case.last_from_region = excluded.last_to_region
        AND ll_case.last_from_agency = excluded.last_to_agency)";

/// Puts the store in WAL mode (a no-op once it is). SQLite answers `SQLITE_BUSY` at once,
/// without its busy handler, when another connection is opening or changing the same new
/// file: several processes starting on a new store at once had all but one fail
/// (`store.unavailable`, "locked … for 30s" within a millisecond). Retried here, up to
/// [`BUSY_TIMEOUT`] as every other lock wait.
fn journal_mode_wal(conn: &Connection) -> Result<String> {
    let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
    let mut pause = std::time::Duration::from_millis(2);
    loop {
        match conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0)) {
            Ok(mode) => return Ok(mode),
            Err(rusqlite::Error::SqliteFailure(f, _))
                if matches!(
                    f.code,
                    rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
                ) && std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(pause);
                pause = (pause * 2).min(std::time::Duration::from_millis(100));
            }
            Err(e) => return Err(db_err(&e)),
        }
    }
}

/// Maps a SQLite error to a store error (no values from the data are quoted).
pub(crate) fn db_err(e: &rusqlite::Error) -> Error {
    use rusqlite::ErrorCode as C;
    match e {
        rusqlite::Error::SqliteFailure(f, _) => match f.code {
            C::NotADatabase | C::DatabaseCorrupt => corrupt(format!(
                "SQLite: the store file is damaged or not a database ({e})"
            )),
            C::ReadOnly => unavailable(format!("SQLite: the store is read-only ({e})")),
            C::DiskFull => unavailable(format!(
                "SQLite: the disk holding the store is full: free space there ({e})"
            )),
            C::SystemIoFailure => unavailable(format!(
                "SQLite: the disk reported an input/output error — is it full or failing? ({e})"
            )),
            C::DatabaseBusy | C::DatabaseLocked => unavailable(format!(
                "SQLite: the store stayed locked by another writer for {}s ({e})",
                BUSY_TIMEOUT.as_secs()
            )),
            _ => unavailable(format!("SQLite: {e}")),
        },
        rusqlite::Error::FromSqlConversionFailure(..)
        | rusqlite::Error::IntegralValueOutOfRange(..)
        | rusqlite::Error::InvalidColumnType(..) => {
            corrupt(format!("SQLite: a stored value has the wrong type ({e})"))
        }
        _ => unavailable(format!("SQLite: {e}")),
    }
}

/// `e` with the store file it concerns: a damaged file is to be restored from a backup.
fn in_file(e: Error, path: &str) -> Error {
    let shown = labourlink_protocol::error::shown(path);
    let (en, zh) = if e.code() == ErrorCode::StoreCorrupt {
        (
            format!(
                "{} — the store {shown}: restore it from a backup (docs/STORE.md, \"Backup and restore\")",
                e.message()
            ),
            format!(
                "存储库 {shown} 已损坏：请从备份恢复（见 docs/STORE.zh-CN.md“备份和恢复”）；{}",
                e.message()
            ),
        )
    } else {
        (
            format!("{} — the store {shown}", e.message()),
            format!("存储库 {shown}：{}", e.message()),
        )
    };
    Error::new(e.code(), en).zh(zh)
}

/// Whether a file can be made in the folder of `path` (tried: permissions alone do not say
/// what this user may do there).
fn folder_writable(path: &str) -> bool {
    let folder = match Path::new(path).parent() {
        Some(f) if !f.as_os_str().is_empty() => f.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let probe = folder.join(format!(".labourlink-write-test-{}", std::process::id()));
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
    {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            true
        }
        Err(e) => e.kind() == std::io::ErrorKind::AlreadyExists,
    }
}

/// A path or URL as a suggested command prints it: unsafe characters escaped but not cut short
/// (it is the operator's own input), in single quotes when a shell would split or expand it.
fn command_word(s: &str) -> String {
    let shown = labourlink_protocol::error::shown_text(s);
    let plain = |c: char| !c.is_ascii() || c.is_ascii_alphanumeric() || "/._-+:@%,=".contains(c);
    if shown.chars().all(plain) {
        shown
    } else {
        format!("'{}'", shown.replace('\'', r"'\''"))
    }
}

/// A new store file holds personal data: readable by its owner only (SQLite gives the WAL and
/// shared-memory files the same mode).
#[cfg(unix)]
fn restrict_permissions(path: &str) -> Result<()> {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).map_err(|e| {
        unavailable(format!(
            "SQLite: cannot restrict the new store file's mode: {e}"
        ))
    })
}

#[cfg(not(unix))]
fn restrict_permissions(_path: &str) -> Result<()> {
    Ok(())
}

/// One statement decides a replay: insert, or replace a record that has expired.
const REPLAY_INSERT: &str =
    "INSERT INTO ll_replay (region, agency, id, digest, first_seen, keep_until)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6)
     ON CONFLICT (region, agency, id) DO UPDATE
     SET digest = excluded.digest, first_seen = excluded.first_seen,
         keep_until = excluded.keep_until
     WHERE ll_replay.keep_until < excluded.first_seen";

/// Appends a message and writes its case, in the caller's transaction; `false` when the
/// archive already holds it.
pub(crate) fn insert_message(
    tx: &rusqlite::Transaction<'_>,
    m: &NewMessage,
    case: Option<&CaseWrite>,
) -> Result<bool> {
    let n = tx
        .prepare_cached(
            "INSERT INTO ll_message (direction, id, type, from_region, from_agency, to_region,
                 to_agency, case_id, case_type, digest, jws, outcome, warnings, at, signers)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
             ON CONFLICT (direction, from_region, from_agency, id) DO NOTHING",
        )
        .and_then(|mut s| {
            s.execute(params![
                m.direction.as_str(),
                m.id,
                m.message_type,
                m.from_region,
                m.from_agency,
                m.to_region,
                m.to_agency,
                m.case_id,
                m.case_type,
                m.digest,
                m.jws,
                m.outcome,
                m.warnings_json(),
                m.at.unix_millis(),
                m.signers_json(),
            ])
        })
        .map_err(|e| db_err(&e))?;
    if n == 1 {
        if let Some(c) = case {
            write_case(tx, c)?;
        }
    }
    Ok(n == 1)
}

fn write_case(tx: &rusqlite::Transaction<'_>, c: &CaseWrite) -> Result<()> {
    let values = params![
        c.case_type,
        c.case_id,
        c.status.map_or("open", |st| st.as_str()),
        c.from.region,
        c.from.agency,
        c.to.region,
        c.to.agency,
        c.issued_ms,
        c.message_type,
        c.message_id,
        c.awaited,
        c.due_on,
        c.deadline,
        c.now_ms,
        c.in_reply_to,
    ];
    // The update takes the reply's in_reply_to as its 15th parameter; the insert-only form
    // has 14.
    let (sql, n) = match c.status {
        Some(_) => (format!("{CASE_UPSERT}{CASE_UPDATE}"), 15),
        None => (
            format!("{CASE_UPSERT} ON CONFLICT (case_type, case_id) DO NOTHING"),
            14,
        ),
    };
    tx.prepare_cached(&sql)
        .and_then(|mut s| s.execute(&values[..n]))
        .map_err(|e| db_err(&e))?;
    Ok(())
}

/// The digest and first-seen time recorded for `key` (in the caller's transaction, if any).
fn replay_row(conn: &Connection, key: &ReplayKey<'_>) -> Result<Option<(String, i64)>> {
    conn.prepare_cached(
        "SELECT digest, first_seen FROM ll_replay WHERE region = ?1 AND agency = ?2 AND id = ?3",
    )
    .and_then(|mut s| {
        s.query_row(params![key.region, key.agency, key.id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()
    })
    .map_err(|e| db_err(&e))
}

/// Inserts a quarantined message (the caller's transaction).
fn insert_quarantined(
    conn: &Connection,
    at: i64,
    code: &str,
    digest: &str,
    bytes: &[u8],
    truncated: bool,
) -> Result<()> {
    let unauthenticated = i64::from(crate::is_unauthenticated_code(code));
    conn.prepare_cached(
        "INSERT INTO ll_quarantine (at, code, digest, bytes, truncated, unauthenticated)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )
    .and_then(|mut s| s.execute(params![at, code, digest, bytes, truncated, unauthenticated]))
    .map_err(|e| db_err(&e))?;
    Ok(())
}

/// Deletes the oldest quarantined messages beyond `capacity` of each class (the caller's
/// transaction; [`crate::QUARANTINE_TRIM`]).
fn trim_quarantine(conn: &Connection, capacity: u64) -> Result<()> {
    for class in [1i64, 0] {
        conn.prepare_cached(crate::QUARANTINE_TRIM)
            .and_then(|mut s| s.execute(params![class, to_i64(capacity)]))
            .map_err(|e| db_err(&e))?;
    }
    Ok(())
}

fn to_i64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn to_u64(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

/// The SQLite backend.
pub(crate) struct SqliteBackend {
    pub(crate) conn: Connection,
}

impl SqliteBackend {
    /// Opens `path` (or an in-memory database), creating the file only when `create` is set.
    pub(crate) fn open(path: Option<&str>, create: bool) -> Result<Self> {
        let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        if create {
            flags |= OpenFlags::SQLITE_OPEN_CREATE;
        }
        let conn = match path {
            Some(p) => {
                let shown = labourlink_protocol::error::shown(p);
                // The URL as STORE.md writes it: sqlite:///abs/path or sqlite:relative/path.
                let url = command_word(&if p.starts_with('/') {
                    format!("sqlite://{p}")
                } else {
                    format!("sqlite:{p}")
                });
                if !create && !Path::new(p).exists() {
                    return Err(Error::new(
                        ErrorCode::StoreNotInitialized,
                        format!(
                            "there is no SQLite store at {shown}; for a new node create it with `labourlink store init --store {url}` (Rust: Store::init; Python: labourlink.init_store); a node that had a store must get it back from its backup, not a new one (an empty store would accept again what the old one accepted)"
                        ),
                    )
                    .zh(format!(
                        "{shown} 处没有 SQLite 存储库：新节点请先用 `labourlink store init --store {url}` 创建（Rust：Store::init；Python：labourlink.init_store）；原来有存储库的节点必须从备份恢复，而不是新建（空存储库会再次接收原存储库已接收的消息）"
                    )));
                }
                // SQLite says only "unable to open database file" for a folder that is missing.
                if let Some(folder) = Path::new(p)
                    .parent()
                    .filter(|f| !f.as_os_str().is_empty() && !f.is_dir())
                {
                    let folder = command_word(&folder.to_string_lossy());
                    return Err(unavailable(format!(
                        "SQLite: the folder {folder} of the store {shown} does not exist; create it first (mkdir -p {folder})"
                    ))
                    .zh(format!(
                        "存储 {shown} 所在的目录 {folder} 不存在，请先创建（mkdir -p {folder}）"
                    )));
                }
                let existed = Path::new(p).exists();
                let conn = Connection::open_with_flags(p, flags);
                if !existed && conn.is_ok() {
                    restrict_permissions(p)?;
                }
                conn
            }
            None => Connection::open_in_memory(),
        };
        // Whatever fails from here on names the file (a node may have several stores, and
        // an operator restoring one needs to know which).
        let named = |e: Error| match path {
            Some(p) => in_file(e, p),
            None => e,
        };
        let conn = conn.map_err(|e| named(db_err(&e)))?;
        conn.busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| named(db_err(&e)))?;
        // SQLite opens a write-protected file read-only without saying so: refuse it.
        if conn
            .is_readonly(rusqlite::MAIN_DB)
            .map_err(|e| named(db_err(&e)))?
        {
            return Err(named(unavailable(
                "SQLite: the store file is read-only; a verifier must be able to record what it accepts (the node's user needs write access to the file)",
            )));
        }
        let mode = journal_mode_wal(&conn).map_err(|e| match path {
            // The file is writable but its folder is not: SQLite cannot make the -wal and
            // -shm files next to it, and says only "readonly database".
            Some(p) if e.code() == ErrorCode::StoreUnavailable && !folder_writable(p) => {
                named(unavailable(
                    "SQLite: the store's folder is not writable: SQLite makes the -wal and -shm files next to the store, so the node's user needs write access to the folder too",
                ))
            }
            _ => named(e),
        })?;
        if path.is_some() && !mode.eq_ignore_ascii_case("wal") {
            return Err(named(unavailable(format!(
                "SQLite: the store could not be put in WAL mode (journal mode {mode})"
            ))));
        }
        // FULL: in WAL mode the WAL is fsync'd at every commit, so a committed replay record
        // survives a power failure (NORMAL could lose the last commits). `secure_delete`: a
        // purged body (personal data) is overwritten with zeros, not left readable in the
        // file's free pages until they are reused — nor copied from there into every backup
        // (audit s43 privacy F1). It costs writes only where something is deleted or rewritten.
        conn.execute_batch(
            "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;",
        )
        .map_err(|e| named(db_err(&e)))?;
        Ok(Self { conn })
    }

    fn version_in(conn: &Connection) -> Result<Option<u32>> {
        let exists: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'll_schema'",
                [],
                |r| r.get(0),
            )
            .map_err(|e| db_err(&e))?;
        if exists == 0 {
            return Ok(None);
        }
        let v: Option<i64> = conn
            .query_row("SELECT max(version) FROM ll_schema", [], |r| r.get(0))
            .map_err(|e| db_err(&e))?;
        match v.map(u32::try_from) {
            Some(Ok(v)) => Ok(Some(v)),
            _ => Err(corrupt(
                "the store's schema version table is empty or invalid",
            )),
        }
    }
}

fn archived_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ArchivedRow> {
    Ok(ArchivedRow {
        seq: r.get(0)?,
        direction: r.get(1)?,
        id: r.get(2)?,
        message_type: r.get(3)?,
        from_region: r.get(4)?,
        from_agency: r.get(5)?,
        to_region: r.get(6)?,
        to_agency: r.get(7)?,
        case_id: r.get(8)?,
        case_type: r.get(9)?,
        digest: r.get(10)?,
        jws: r.get(11)?,
        outcome: r.get(12)?,
        warnings: r.get(13)?,
        at: r.get(14)?,
        body_purged_at: r.get(15)?,
        signers: r.get(16)?,
    })
}

/// An archive row as read, before its text columns are interpreted (shared with PostgreSQL).
pub(crate) struct ArchivedRow {
    pub(crate) seq: i64,
    pub(crate) direction: String,
    pub(crate) id: String,
    pub(crate) message_type: String,
    pub(crate) from_region: String,
    pub(crate) from_agency: String,
    pub(crate) to_region: String,
    pub(crate) to_agency: String,
    pub(crate) case_id: Option<String>,
    pub(crate) case_type: Option<String>,
    pub(crate) digest: String,
    pub(crate) jws: Option<Vec<u8>>,
    pub(crate) outcome: String,
    pub(crate) warnings: String,
    pub(crate) at: i64,
    pub(crate) body_purged_at: Option<i64>,
    pub(crate) signers: Option<String>,
}

impl ArchivedRow {
    pub(crate) fn into_message(self) -> Result<ArchivedMessage> {
        use labourlink_protocol::time::Timestamp;
        Ok(ArchivedMessage {
            seq: self.seq,
            direction: Direction::from_stored(&self.direction)?,
            id: self.id,
            message_type: self.message_type,
            from_region: self.from_region,
            from_agency: self.from_agency,
            to_region: self.to_region,
            to_agency: self.to_agency,
            case_id: self.case_id,
            case_type: self.case_type,
            digest: self.digest,
            jws: self.jws,
            outcome: self.outcome,
            warnings: parse_warnings(&self.warnings)?,
            at: Timestamp::from_unix_millis(self.at),
            body_purged_at: self.body_purged_at.map(Timestamp::from_unix_millis),
            signers: crate::parse_signers(self.signers.as_deref())?,
        })
    }
}

pub(crate) const ARCHIVE_COLUMNS: &str = "seq, direction, id, type, from_region, from_agency, to_region, to_agency, case_id, case_type, digest, jws, outcome, warnings, at, body_purged_at, signers";

pub(crate) fn stored_trust_list(
    anchor: String,
    sequence: i64,
    digest: String,
    jws: Vec<u8>,
    accepted_at: i64,
) -> Result<StoredTrustList> {
    Ok(StoredTrustList {
        anchor,
        sequence: u64::try_from(sequence)
            .map_err(|_| corrupt("a stored trust-list sequence is negative"))?,
        digest,
        jws,
        accepted_at: labourlink_protocol::time::Timestamp::from_unix_millis(accepted_at),
    })
}

impl StorageBackend for SqliteBackend {
    fn kind(&self) -> BackendKind {
        BackendKind::Sqlite
    }

    fn schema_version(&mut self) -> Result<Option<u32>> {
        Self::version_in(&self.conn)
    }

    fn size_bytes(&mut self) -> Result<u64> {
        let (pages, size): (i64, i64) = self
            .conn
            .query_row(
                "SELECT page_count, page_size FROM pragma_page_count, pragma_page_size",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(|e| db_err(&e))?;
        Ok(to_u64(
            usize::try_from(pages.saturating_mul(size)).unwrap_or(0),
        ))
    }

    fn compact(&mut self) -> Result<()> {
        self.conn
            .execute_batch("VACUUM; PRAGMA wal_checkpoint(TRUNCATE);")
            .map_err(|e| db_err(&e))
    }

    fn forget_signed(&mut self, kind: SignedKind, anchor: &str) -> Result<Option<i64>> {
        self.conn
            .query_row(
                &format!(
                    "DELETE FROM {} WHERE anchor = ?1 RETURNING sequence",
                    kind.table()
                ),
                params![anchor],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| db_err(&e))
    }

    fn check_integrity(&mut self) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare("PRAGMA integrity_check(100)")
            .map_err(|e| db_err(&e))?;
        let found = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .map_err(|e| db_err(&e))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| db_err(&e))?;
        let mut found = if found.len() == 1 && found[0] == "ok" {
            Vec::new()
        } else {
            found
        };
        // The triggers that keep the archive append-only: anyone who can write the file can
        // drop them, and then edit rows (audit s43 archive F3).
        for name in crate::backend::APPEND_ONLY_TRIGGERS_SQLITE {
            let n: i64 = self
                .conn
                .query_row(
                    "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = ?1 \
                     AND tbl_name = 'll_message'",
                    params![name],
                    |r| r.get(0),
                )
                .map_err(|e| db_err(&e))?;
            if n == 0 {
                found.push(crate::backend::missing_trigger(name));
            }
        }
        Ok(found)
    }

    fn newest_received(&mut self, limit: u64) -> Result<Vec<Vec<u8>>> {
        let mut stmt = self
            .conn
            .prepare_cached(crate::backend::NEWEST_RECEIVED)
            .map_err(|e| db_err(&e))?;
        let rows = stmt
            .query_map(params![to_i64(limit)], |r| r.get(0))
            .map_err(|e| db_err(&e))?;
        rows.collect::<rusqlite::Result<Vec<Vec<u8>>>>()
            .map_err(|e| db_err(&e))
    }

    fn export_rows(&mut self, sink: &mut crate::copy::RowSink<'_>) -> Result<Vec<(String, u64)>> {
        // IMMEDIATE: the write lock for the whole copy, so no writer commits into the store
        // being moved away from while it is read (they wait, then fail as busy).
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| db_err(&e))?;
        let mut counts = Vec::with_capacity(crate::copy::TABLES.len());
        for table in crate::copy::TABLES {
            let mut stmt = tx
                .prepare(&format!("SELECT * FROM {table}"))
                .map_err(|e| db_err(&e))?;
            let columns: Vec<String> = stmt
                .column_names()
                .iter()
                .map(|c| (*c).to_owned())
                .collect();
            crate::copy::check_names(table, &columns)?;
            let mut rows = stmt.query([]).map_err(|e| db_err(&e))?;
            let mut batch = Vec::with_capacity(crate::copy::BATCH_ROWS);
            let mut n = 0u64;
            while let Some(row) = rows.next().map_err(|e| db_err(&e))? {
                let mut cells = Vec::with_capacity(columns.len());
                for (i, column) in columns.iter().enumerate() {
                    use rusqlite::types::ValueRef;
                    let value = row.get_ref(i).map_err(|e| db_err(&e))?;
                    cells.push(match value {
                        ValueRef::Null => crate::copy::Cell::Null,
                        ValueRef::Integer(v) => crate::copy::Cell::Int(v),
                        ValueRef::Text(t) => match std::str::from_utf8(t) {
                            Ok(t) => crate::copy::Cell::Text(t.to_owned()),
                            Err(_) => {
                                return Err(corrupt(format!(
                                    "SQLite: {table}.{column} holds text that is not UTF-8"
                                )));
                            }
                        },
                        ValueRef::Blob(b) => crate::copy::Cell::Bytes(b.to_vec()),
                        ValueRef::Real(_) => {
                            return Err(corrupt(format!(
                                "SQLite: {table}.{column} holds a floating-point number"
                            )));
                        }
                    });
                }
                batch.push(cells);
                n += 1;
                if batch.len() == crate::copy::BATCH_ROWS {
                    sink(table, &columns, &batch)?;
                    batch.clear();
                }
            }
            if !batch.is_empty() {
                sink(table, &columns, &batch)?;
            }
            counts.push(((*table).to_owned(), n));
        }
        // Nothing was written: ending the transaction gives the lock back.
        tx.rollback().map_err(|e| db_err(&e))?;
        Ok(counts)
    }

    fn import_begin(&mut self) -> Result<()> {
        self.conn
            .execute_batch("BEGIN IMMEDIATE")
            .map_err(|e| db_err(&e))?;
        for table in crate::copy::TABLES {
            let any: bool = match self.conn.query_row(
                &format!("SELECT EXISTS (SELECT 1 FROM {table})"),
                [],
                |r| r.get(0),
            ) {
                Ok(v) => v,
                Err(e) => {
                    let _ = self.conn.execute_batch("ROLLBACK");
                    return Err(db_err(&e));
                }
            };
            if any {
                let _ = self.conn.execute_batch("ROLLBACK");
                return Err(crate::copy::not_empty(table));
            }
        }
        Ok(())
    }

    fn import_rows(
        &mut self,
        table: &str,
        columns: &[String],
        rows: &[Vec<crate::copy::Cell>],
    ) -> Result<()> {
        use rusqlite::types::Value;
        crate::copy::check_names(table, columns)?;
        let mut stmt = self
            .conn
            .prepare_cached(&crate::copy::insert_sql(table, columns))
            .map_err(|e| db_err(&e))?;
        for row in rows {
            let values = row.iter().map(|c| match c {
                crate::copy::Cell::Null => Value::Null,
                crate::copy::Cell::Int(v) => Value::Integer(*v),
                crate::copy::Cell::Text(t) => Value::Text(t.clone()),
                crate::copy::Cell::Bytes(b) => Value::Blob(b.clone()),
            });
            stmt.execute(rusqlite::params_from_iter(values))
                .map_err(|e| db_err(&e))?;
        }
        Ok(())
    }

    fn counters(&mut self) -> Result<Vec<(String, i64)>> {
        let mut stmt = self
            .conn
            .prepare("SELECT name, seq FROM sqlite_sequence")
            .map_err(|e| db_err(&e))?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))
            .map_err(|e| db_err(&e))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| db_err(&e))?;
        Ok(rows
            .into_iter()
            .filter(|(t, _)| crate::copy::NUMBERED.contains(&t.as_str()))
            .collect())
    }

    fn import_end(&mut self, commit: bool, counters: &[(String, i64)]) -> Result<()> {
        if !commit {
            return self.conn.execute_batch("ROLLBACK").map_err(|e| db_err(&e));
        }
        // `AUTOINCREMENT` counters follow the highest `seq` inserted (sqlite_sequence); they go
        // on from the source's counters too, so that no number is given twice.
        let bump = |conn: &Connection| -> rusqlite::Result<()> {
            for (table, counter) in counters {
                if !crate::copy::NUMBERED.contains(&table.as_str()) {
                    continue;
                }
                let n = conn.execute(
                    "UPDATE sqlite_sequence SET seq = max(seq, ?2) WHERE name = ?1",
                    params![table, counter],
                )?;
                if n == 0 {
                    conn.execute(
                        "INSERT INTO sqlite_sequence (name, seq) VALUES (?1, ?2)",
                        params![table, counter],
                    )?;
                }
            }
            Ok(())
        };
        if let Err(e) = bump(&self.conn) {
            let _ = self.conn.execute_batch("ROLLBACK");
            return Err(db_err(&e));
        }
        self.conn.execute_batch("COMMIT").map_err(|e| db_err(&e))
    }

    fn migrate(&mut self, target: u32) -> Result<Option<u32>> {
        // IMMEDIATE takes the write lock first: concurrent migrations run one after another,
        // and each re-reads the version under the lock.
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| db_err(&e))?;
        let found = Self::version_in(&tx)?;
        let current = found.unwrap_or(0);
        if current > target {
            return Err(too_new(current));
        }
        if current == target {
            return Ok(found);
        }
        if current == 0 {
            tx.execute_batch(
                "CREATE TABLE ll_schema (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)",
            )
            .map_err(|e| db_err(&e))?;
        }
        let now = labourlink_protocol::time::Clock::now(&labourlink_protocol::time::SystemClock)
            .unix_millis();
        for v in (current + 1)..=target {
            let Some(sql) = usize::try_from(v - 1).ok().and_then(|i| MIGRATIONS.get(i)) else {
                return Err(unavailable(format!("no SQLite migration to version {v}")));
            };
            tx.execute_batch(sql).map_err(|e| db_err(&e))?;
            tx.execute(
                "INSERT INTO ll_schema (version, applied_at) VALUES (?1, ?2)",
                params![v, now],
            )
            .map_err(|e| db_err(&e))?;
        }
        tx.commit().map_err(|e| db_err(&e))?;
        Ok(found)
    }

    fn record_replay(
        &mut self,
        key: &ReplayKey<'_>,
        digest: &str,
        now: i64,
        keep_until: i64,
    ) -> Result<ReplayOutcome> {
        // One statement decides: insert, or replace a record that has expired.
        let n = self
            .conn
            .prepare_cached(REPLAY_INSERT)
            .and_then(|mut s| {
                s.execute(params![
                    key.region, key.agency, key.id, digest, now, keep_until
                ])
            })
            .map_err(|e| db_err(&e))?;
        if n == 1 {
            return Ok(ReplayOutcome::Recorded);
        }
        Ok(match self.replay_record(key)? {
            Some((d, _)) => ReplayOutcome::Exists { digest: d },
            None => ReplayOutcome::Vanished,
        })
    }

    fn replay_record(&mut self, key: &ReplayKey<'_>) -> Result<Option<(String, i64)>> {
        replay_row(&self.conn, key)
    }

    fn purge_replay(&mut self, now: i64, limit: u64) -> Result<u64> {
        self.conn
            .execute(
                "DELETE FROM ll_replay WHERE rowid IN
                 (SELECT rowid FROM ll_replay WHERE keep_until < ?1 LIMIT ?2)",
                params![now, to_i64(limit)],
            )
            .map(to_u64)
            .map_err(|e| db_err(&e))
    }

    fn archive(&mut self, m: &NewMessage, case: Option<&CaseWrite>) -> Result<bool> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| db_err(&e))?;
        let new = insert_message(&tx, m, case)?;
        tx.commit().map_err(|e| db_err(&e))?;
        Ok(new)
    }

    fn record_and_archive(
        &mut self,
        key: &ReplayKey<'_>,
        digest: &str,
        now: i64,
        keep_until: i64,
        m: &NewMessage,
        case: Option<&CaseWrite>,
    ) -> Result<ReplayOutcome> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| db_err(&e))?;
        let n = tx
            .prepare_cached(REPLAY_INSERT)
            .and_then(|mut s| {
                s.execute(params![
                    key.region, key.agency, key.id, digest, now, keep_until
                ])
            })
            .map_err(|e| db_err(&e))?;
        if n == 1 {
            insert_message(&tx, m, case)?;
            tx.commit().map_err(|e| db_err(&e))?;
            return Ok(ReplayOutcome::Recorded);
        }
        drop(tx);
        Ok(match self.replay_record(key)? {
            Some((d, _)) => ReplayOutcome::Exists { digest: d },
            None => ReplayOutcome::Vanished,
        })
    }

    fn write_group(
        &mut self,
        writes: &[GroupWrite<'_>],
        capacity: u64,
    ) -> Result<Vec<ReplayOutcome>> {
        // IMMEDIATE: the write lock for the whole group (other processes wait for it).
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| db_err(&e))?;
        let mut out = Vec::with_capacity(writes.len());
        let mut quarantined = false;
        for w in writes {
            match *w {
                GroupWrite::Receive {
                    key,
                    digest,
                    now,
                    keep_until,
                    message,
                    case,
                    answer,
                } => {
                    let mut outcome = ReplayOutcome::Vanished;
                    // A conflicting record may be purged between the INSERT and the look-up
                    // (only by another process, which waits for this one's lock: so never,
                    // but the loop is the same as PostgreSQL's).
                    for _ in 0..3 {
                        let n = tx
                            .prepare_cached(REPLAY_INSERT)
                            .and_then(|mut s| {
                                s.execute(params![
                                    key.region, key.agency, key.id, digest, now, keep_until
                                ])
                            })
                            .map_err(|e| db_err(&e))?;
                        if n == 1 {
                            insert_message(&tx, message, case)?;
                            if let Some((a, a_case)) = answer {
                                insert_message(&tx, a, a_case)?;
                            }
                            outcome = ReplayOutcome::Recorded;
                            break;
                        }
                        if let Some((d, _)) = replay_row(&tx, &key)? {
                            outcome = ReplayOutcome::Exists { digest: d };
                            break;
                        }
                    }
                    out.push(outcome);
                }
                GroupWrite::Quarantine {
                    at,
                    code,
                    digest,
                    bytes,
                    truncated,
                } => {
                    insert_quarantined(&tx, at, code, digest, bytes, truncated)?;
                    quarantined = true;
                    out.push(ReplayOutcome::Recorded);
                }
            }
        }
        if quarantined {
            trim_quarantine(&tx, capacity)?;
        }
        tx.commit().map_err(|e| db_err(&e))?;
        Ok(out)
    }

    fn messages(&mut self, q: &MessageQuery) -> Result<Vec<ArchivedMessage>> {
        let (filter, values) = crate::backend::message_filter(q);
        let mut s = self
            .conn
            // Not cached: the text varies with the filters, the paging point and the limit,
            // and would push the receive path's statements out of the cache.
            .prepare(&format!("SELECT {ARCHIVE_COLUMNS} FROM ll_message{filter}"))
            .map_err(|e| db_err(&e))?;
        let rows = s
            .query_map(rusqlite::params_from_iter(values.iter()), archived_row)
            .map_err(|e| db_err(&e))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| db_err(&e))?;
        rows.into_iter().map(ArchivedRow::into_message).collect()
    }

    fn cases(&mut self, q: &CaseQuery) -> Result<Vec<CaseRecord>> {
        let (filter, values) = crate::backend::case_filter(q);
        let mut s = self
            .conn
            // Not cached (as the archive query).
            .prepare(&format!("SELECT {CASE_COLUMNS} FROM ll_case{filter}"))
            .map_err(|e| db_err(&e))?;
        let rows = s
            .query_map(rusqlite::params_from_iter(values.iter()), |r| {
                Ok(CaseRow {
                    case_id: r.get(0)?,
                    case_type: r.get(1)?,
                    status: r.get(2)?,
                    opened_by: (r.get(3)?, r.get(4)?),
                    counterparty: (r.get(5)?, r.get(6)?),
                    opened_at: r.get(7)?,
                    last_type: r.get(8)?,
                    last_id: r.get(9)?,
                    last_from: (r.get(10)?, r.get(11)?),
                    last_to: (r.get(12)?, r.get(13)?),
                    last_issued: r.get(14)?,
                    awaited: r.get(15)?,
                    due_on: r.get(16)?,
                    deadline: r.get(17)?,
                    updated_at: r.get(18)?,
                })
            })
            .map_err(|e| db_err(&e))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| db_err(&e))?;
        rows.into_iter().map(CaseRow::into_record).collect()
    }

    fn archived(
        &mut self,
        direction: Direction,
        region: &str,
        agency: &str,
        id: &str,
    ) -> Result<Option<ArchivedMessage>> {
        let row = self
            .conn
            .prepare_cached(&format!(
                "SELECT {ARCHIVE_COLUMNS} FROM ll_message
                 WHERE direction = ?1 AND from_region = ?2 AND from_agency = ?3 AND id = ?4"
            ))
            .and_then(|mut s| {
                s.query_row(
                    params![direction.as_str(), region, agency, id],
                    archived_row,
                )
                .optional()
            })
            .map_err(|e| db_err(&e))?;
        row.map(ArchivedRow::into_message).transpose()
    }

    fn archive_len(&mut self) -> Result<u64> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM ll_message", [], |r| r.get(0))
            .map_err(|e| db_err(&e))?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    fn purge_bodies(&mut self, before: i64, now: i64, limit: u64) -> Result<u64> {
        self.conn
            .execute(crate::BODY_PURGE, params![now, before, to_i64(limit)])
            .map(to_u64)
            .map_err(|e| db_err(&e))
    }

    fn quarantine(
        &mut self,
        at: i64,
        code: &str,
        digest: &str,
        bytes: &[u8],
        truncated: bool,
        capacity: u64,
    ) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| db_err(&e))?;
        insert_quarantined(&tx, at, code, digest, bytes, truncated)?;
        trim_quarantine(&tx, capacity)?;
        tx.commit().map_err(|e| db_err(&e))
    }

    fn quarantined(&mut self, limit: u64, code: Option<&str>) -> Result<Vec<QuarantinedMessage>> {
        let mut s = self
            .conn
            .prepare_cached(
                "SELECT seq, at, code, digest, bytes, truncated FROM ll_quarantine
                 WHERE ?2 IS NULL OR code = ?2 ORDER BY seq DESC LIMIT ?1",
            )
            .map_err(|e| db_err(&e))?;
        let rows = s
            .query_map(params![to_i64(limit), code], |r| {
                Ok(QuarantinedMessage {
                    seq: r.get(0)?,
                    at: labourlink_protocol::time::Timestamp::from_unix_millis(r.get(1)?),
                    code: r.get(2)?,
                    digest: r.get(3)?,
                    bytes: r.get(4)?,
                    truncated: r.get(5)?,
                })
            })
            .map_err(|e| db_err(&e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| db_err(&e))
    }

    fn purge_quarantine(&mut self, before: i64, limit: u64) -> Result<u64> {
        self.conn
            .execute(
                "DELETE FROM ll_quarantine WHERE seq IN
                 (SELECT seq FROM ll_quarantine WHERE at < ?1 LIMIT ?2)",
                params![before, to_i64(limit)],
            )
            .map(to_u64)
            .map_err(|e| db_err(&e))
    }

    fn accept_signed(
        &mut self,
        kind: SignedKind,
        anchors: &[String],
        sequence: i64,
        digest: &str,
        jws: &[u8],
        now: i64,
        check: &dyn Fn(&[StoredTrustList]) -> Result<()>,
    ) -> Result<TrustOutcome> {
        self.accept_signed_state(kind.table(), anchors, sequence, digest, jws, now, check)
    }

    fn signed(
        &mut self,
        kind: SignedKind,
        anchor: Option<&str>,
    ) -> Result<Option<StoredTrustList>> {
        self.signed_state(kind.table(), anchor)
    }

    fn signed_all(&mut self, kind: SignedKind) -> Result<Vec<StoredTrustList>> {
        signed_rows(&self.conn, kind.table())
    }
}

/// Every recorded anchor-signed document of `table` (`ll_trust_state`, `ll_reference_state`).
fn signed_rows(conn: &Connection, table: &str) -> Result<Vec<StoredTrustList>> {
    let mut stmt = conn
        .prepare(&format!(
            "SELECT anchor, sequence, digest, jws, accepted_at FROM {table} ORDER BY anchor"
        ))
        .map_err(|e| db_err(&e))?;
    let rows = stmt
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .map_err(|e| db_err(&e))?;
    let mut out = Vec::new();
    for row in rows {
        let (a, s, d, j, t): (String, i64, String, Vec<u8>, i64) = row.map_err(|e| db_err(&e))?;
        out.push(stored_trust_list(a, s, d, j, t)?);
    }
    Ok(out)
}

/// The last accepted anchor-signed document per anchor: `ll_trust_state` (trust lists) or
/// `ll_reference_state` (reference data); `table` is [`SignedKind::table`].
impl SqliteBackend {
    #[allow(clippy::too_many_arguments)] // StorageBackend::accept_signed's, and its table
    fn accept_signed_state(
        &mut self,
        table: &str,
        anchors: &[String],
        sequence: i64,
        digest: &str,
        jws: &[u8],
        now: i64,
        check: &dyn Fn(&[StoredTrustList]) -> Result<()>,
    ) -> Result<TrustOutcome> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| db_err(&e))?;
        // The documents recorded so far, read under the write lock: no other process records
        // one between this check and the write (review s42b F7).
        check(&signed_rows(&tx, table)?)?;
        // The sequence goes on across anchors (a rotation signs `--after` the old anchor's last
        // list): older than the newest document of any anchor, or as new with other content,
        // is a rollback — an old anchor's genuine older list during an overlap too.
        let newest: Option<(i64, String)> = tx
            .query_row(
                &format!("SELECT sequence, digest FROM {table} ORDER BY sequence DESC LIMIT 1"),
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(|e| db_err(&e))?;
        if let Some((stored, stored_digest)) = newest {
            if stored > sequence || (stored == sequence && stored_digest != digest) {
                return Ok(TrustOutcome::Rollback {
                    stored_sequence: stored,
                });
            }
        }
        for anchor in anchors {
            let n = tx
                .execute(
                    &format!(
                        "INSERT INTO {table} (anchor, sequence, digest, jws, accepted_at)
                     VALUES (?1, ?2, ?3, ?4, ?5)
                     ON CONFLICT (anchor) DO UPDATE
                     SET sequence = excluded.sequence, digest = excluded.digest,
                         jws = excluded.jws, accepted_at = excluded.accepted_at
                     WHERE {table}.sequence < excluded.sequence"
                    ),
                    params![anchor, sequence, digest, jws, now],
                )
                .map_err(|e| db_err(&e))?;
            if n == 1 {
                continue;
            }
            let (stored, stored_digest): (i64, String) = tx
                .query_row(
                    &format!("SELECT sequence, digest FROM {table} WHERE anchor = ?1"),
                    params![anchor],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .map_err(|e| db_err(&e))?;
            if stored != sequence || stored_digest != digest {
                // Dropping the transaction rolls back the anchors already updated.
                return Ok(TrustOutcome::Rollback {
                    stored_sequence: stored,
                });
            }
        }
        tx.commit().map_err(|e| db_err(&e))?;
        Ok(TrustOutcome::Accepted)
    }

    fn signed_state(
        &mut self,
        table: &str,
        anchor: Option<&str>,
    ) -> Result<Option<StoredTrustList>> {
        let row: Option<(String, i64, String, Vec<u8>, i64)> = self
            .conn
            .query_row(
                &format!(
                    "SELECT anchor, sequence, digest, jws, accepted_at FROM {table}
                 WHERE ?1 IS NULL OR anchor = ?1 ORDER BY sequence DESC, anchor LIMIT 1"
                ),
                params![anchor],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .optional()
            .map_err(|e| db_err(&e))?;
        row.map(|(a, s, d, j, t)| stored_trust_list(a, s, d, j, t))
            .transpose()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::ARCHIVE_COLUMNS;
    use super::SqliteBackend;
    use crate::CaseQuery;
    use crate::backend::{MessageQuery, StorageBackend as _, case_filter, message_filter};

    /// The plan SQLite chooses for `sql` with `values` bound, as one line.
    fn plan(b: &SqliteBackend, sql: &str, values: &[String]) -> String {
        let mut s = b
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap();
        let rows = s
            .query_map(rusqlite::params_from_iter(values.iter()), |r| {
                r.get::<_, String>(3)
            })
            .unwrap();
        rows.map(Result::unwrap).collect::<Vec<_>>().join("; ")
    }

    /// The lookups and purges of a store grown for years use their indexes (the scale audit:
    /// each of these read the whole table under the store's lock at 300 000 messages).
    #[test]
    fn lookups_and_purges_use_their_indexes() {
        let mut b = SqliteBackend::open(None, true).unwrap();
        b.migrate(crate::SCHEMA_VERSION).unwrap();
        let by_id = MessageQuery {
            id: Some("01938a6e-7f00-7c3a-9d2e-5b1f0c7a4e21".into()),
            ..MessageQuery::default()
        };
        let by_case = MessageQuery {
            case_id: Some("513400-WT-2026-0001".into()),
            case_type: Some("worker_transfer".into()),
            ..MessageQuery::default()
        };
        for (q, index) in [(by_id, "ll_message_id"), (by_case, "ll_message_case_type")] {
            let (filter, values) = message_filter(&q);
            let p = plan(
                &b,
                &format!("SELECT {ARCHIVE_COLUMNS} FROM ll_message{filter}"),
                &values,
            );
            assert!(p.contains(index), "{filter}: {p}");
        }
        let one_case = CaseQuery {
            case_id: Some("513400-WT-2026-0001".into()),
            ..CaseQuery::default()
        };
        let overdue = CaseQuery {
            open_only: true,
            due_until: Some("2026-12-01".into()),
            ..CaseQuery::default()
        };
        for (q, index) in [(one_case, "ll_case_id"), (overdue, "ll_case_due")] {
            let (filter, values) = case_filter(&q);
            let p = plan(&b, &format!("SELECT * FROM ll_case{filter}"), &values);
            assert!(p.contains(index), "{filter}: {p}");
        }
        for (sql, index) in [
            (crate::BODY_PURGE, "ll_message_body_at"),
            (crate::outbox::OUTBOX_PURGE, "ll_outbox_finished"),
        ] {
            let p = plan(
                &b,
                sql,
                &["1".into(), "2".into(), "10".into()][..sql.matches('$').count()],
            );
            assert!(p.contains(index), "{sql}: {p}");
        }
    }
}
