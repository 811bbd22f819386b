//! The PostgreSQL backend: the synchronous `postgres` client (tokio-postgres underneath, pure
//! Rust, no libpq), one connection, `synchronous_commit = on` for the session so a commit is
//! flushed to the server's WAL before it returns. Several processes share one database: every
//! cross-process decision is one statement on a unique key.

use std::collections::HashMap;
use std::time::Duration;

use labourlink_protocol::verify::ReplayKey;
use labourlink_protocol::{Error, Result};
use postgres::error::SqlState;
use postgres::{Client, Config, NoTls, Statement};
use tokio_postgres_rustls::MakeRustlsConnect;

use crate::backend::{
    GroupWrite, MessageQuery, ReplayOutcome, SignedKind, StorageBackend, TrustOutcome,
};
use crate::cases::{CASE_COLUMNS, CaseRow};
use crate::postgres_tls;
use crate::sqlite_backend::{
    ARCHIVE_COLUMNS, ArchivedRow, CASE_UPDATE, CASE_UPSERT, stored_trust_list,
};
use crate::{
    ArchivedMessage, BackendKind, CaseQuery, CaseRecord, CaseWrite, Direction, NewMessage,
    QuarantinedMessage, StoredTrustList, corrupt, too_new, unavailable,
};

/// The advisory lock key that serialises migrations (any constant; "LL" 0x4c4c).
const MIGRATION_LOCK: i64 = 0x4c4c_0001;

const MIGRATIONS: &[&str] = &[
    // 1: replay records, archive (append-only by trigger), quarantine, trust-list state.
    r"
CREATE TABLE ll_replay (
    region TEXT NOT NULL,
    agency TEXT NOT NULL,
    id TEXT NOT NULL,
    digest TEXT NOT NULL,
    first_seen BIGINT NOT NULL,
    keep_until BIGINT NOT NULL,
    PRIMARY KEY (region, agency, id)
);
CREATE INDEX ll_replay_keep_until ON ll_replay (keep_until);

CREATE TABLE ll_message (
    seq BIGSERIAL PRIMARY KEY,
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
    jws BYTEA,
    outcome TEXT NOT NULL,
    warnings TEXT NOT NULL,
    at BIGINT NOT NULL,
    body_purged_at BIGINT,
    UNIQUE (direction, from_region, from_agency, id)
);
CREATE INDEX ll_message_at ON ll_message (at);
CREATE INDEX ll_message_case ON ll_message (case_id);
CREATE FUNCTION ll_message_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'UPDATE' THEN
        RAISE EXCEPTION 'll_message is append-only';
    END IF;
    IF NEW.seq IS DISTINCT FROM OLD.seq OR NEW.direction IS DISTINCT FROM OLD.direction
       OR NEW.id IS DISTINCT FROM OLD.id OR NEW.type IS DISTINCT FROM OLD.type
       OR NEW.from_region IS DISTINCT FROM OLD.from_region
       OR NEW.from_agency IS DISTINCT FROM OLD.from_agency
       OR NEW.to_region IS DISTINCT FROM OLD.to_region
       OR NEW.to_agency IS DISTINCT FROM OLD.to_agency
       OR NEW.case_id IS DISTINCT FROM OLD.case_id OR NEW.case_type IS DISTINCT FROM OLD.case_type
       OR NEW.digest IS DISTINCT FROM OLD.digest OR NEW.outcome IS DISTINCT FROM OLD.outcome
       OR NEW.warnings IS DISTINCT FROM OLD.warnings OR NEW.at IS DISTINCT FROM OLD.at
       OR (NEW.jws IS NOT NULL AND NEW.jws IS DISTINCT FROM OLD.jws)
       OR (OLD.body_purged_at IS NOT NULL AND NEW.body_purged_at IS DISTINCT FROM OLD.body_purged_at)
    THEN
        RAISE EXCEPTION 'll_message is append-only: only a body may be purged';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER ll_message_append_only BEFORE UPDATE OR DELETE ON ll_message
    FOR EACH ROW EXECUTE FUNCTION ll_message_append_only();
CREATE TRIGGER ll_message_no_truncate BEFORE TRUNCATE ON ll_message
    FOR EACH STATEMENT EXECUTE FUNCTION ll_message_append_only();

CREATE TABLE ll_quarantine (
    seq BIGSERIAL PRIMARY KEY,
    at BIGINT NOT NULL,
    code TEXT NOT NULL,
    digest TEXT NOT NULL,
    bytes BYTEA NOT NULL,
    truncated BOOLEAN NOT NULL
);
CREATE INDEX ll_quarantine_at ON ll_quarantine (at);

CREATE TABLE ll_trust_state (
    anchor TEXT PRIMARY KEY,
    sequence BIGINT NOT NULL,
    digest TEXT NOT NULL,
    jws BYTEA NOT NULL,
    accepted_at BIGINT NOT NULL
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
    opened_at BIGINT NOT NULL,
    last_type TEXT NOT NULL,
    last_id TEXT NOT NULL,
    last_from_region TEXT NOT NULL,
    last_from_agency TEXT NOT NULL,
    last_to_region TEXT NOT NULL,
    last_to_agency TEXT NOT NULL,
    last_issued BIGINT NOT NULL,
    awaited TEXT NOT NULL,
    due_on TEXT,
    deadline TEXT,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (case_type, case_id)
);
CREATE INDEX ll_case_due ON ll_case (status, due_on);
CREATE INDEX ll_case_id ON ll_case (case_id);
CREATE INDEX ll_message_case_type ON ll_message (case_type, case_id);
",
    // 3: the outbox (crate::outbox).
    crate::outbox::POSTGRES_MIGRATION,
    // 4: the highest accepted reference-data document per anchor (crate::Store::accept_reference_data).
    r"
CREATE TABLE ll_reference_state (
    anchor TEXT PRIMARY KEY,
    sequence BIGINT NOT NULL,
    digest TEXT NOT NULL,
    jws BYTEA NOT NULL,
    accepted_at BIGINT NOT NULL
);
",
    // 5: where each outbox row's inbox URL came from, and the quarantine's two classes.
    crate::MIGRATION_5,
    // 6: indexes for a store grown over years (lookups by id, the purges).
    crate::MIGRATION_6,
    // 7: the key ids that signed each archived message (after a key leaks, what it signed),
    // and the append-only trigger over that column too.
    "ALTER TABLE ll_message ADD COLUMN signers TEXT;
CREATE OR REPLACE FUNCTION ll_message_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'UPDATE' THEN
        RAISE EXCEPTION 'll_message is append-only';
    END IF;
    IF NEW.seq IS DISTINCT FROM OLD.seq OR NEW.direction IS DISTINCT FROM OLD.direction
       OR NEW.id IS DISTINCT FROM OLD.id OR NEW.type IS DISTINCT FROM OLD.type
       OR NEW.from_region IS DISTINCT FROM OLD.from_region
       OR NEW.from_agency IS DISTINCT FROM OLD.from_agency
       OR NEW.to_region IS DISTINCT FROM OLD.to_region
       OR NEW.to_agency IS DISTINCT FROM OLD.to_agency
       OR NEW.case_id IS DISTINCT FROM OLD.case_id OR NEW.case_type IS DISTINCT FROM OLD.case_type
       OR NEW.digest IS DISTINCT FROM OLD.digest OR NEW.outcome IS DISTINCT FROM OLD.outcome
       OR NEW.warnings IS DISTINCT FROM OLD.warnings OR NEW.at IS DISTINCT FROM OLD.at
       OR NEW.signers IS DISTINCT FROM OLD.signers
       OR (NEW.jws IS NOT NULL AND NEW.jws IS DISTINCT FROM OLD.jws)
       OR (OLD.body_purged_at IS NOT NULL AND NEW.body_purged_at IS DISTINCT FROM OLD.body_purged_at)
    THEN
        RAISE EXCEPTION 'll_message is append-only: only a body may be purged';
    END IF;
    RETURN NEW;
END
$$;",
    // 8: a body is dropped only by a purge that notes when (review s43 M3: the function let a
    // NULL through without it, erasing a body unnoticed): a trigger of its own.
    "CREATE OR REPLACE FUNCTION ll_message_no_erase() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'll_message is append-only: a body goes only with its purge time';
END
$$;
DROP TRIGGER IF EXISTS ll_message_no_erase ON ll_message;
CREATE TRIGGER ll_message_no_erase BEFORE UPDATE ON ll_message FOR EACH ROW
    WHEN (NEW.jws IS NULL AND OLD.jws IS NOT NULL AND NEW.body_purged_at IS NULL)
    EXECUTE FUNCTION ll_message_no_erase();",
];

/// Text bind values as the PostgreSQL client takes them.
pub(crate) fn text_params(values: &[String]) -> Vec<&(dyn ::postgres::types::ToSql + Sync)> {
    values
        .iter()
        .map(|v| v as &(dyn ::postgres::types::ToSql + Sync))
        .collect()
}

/// Maps a PostgreSQL error to a store error: the server's message and SQLSTATE, never the
/// DETAIL (which may quote row values).
pub(crate) fn pg_err(e: &postgres::Error) -> Error {
    if let Some(db) = e.as_db_error() {
        let code = db.code();
        let text = format!("PostgreSQL: {} (SQLSTATE {})", db.message(), code.code());
        if *code == SqlState::DATA_CORRUPTED || *code == SqlState::INDEX_CORRUPTED {
            return corrupt(text);
        }
        return unavailable(text);
    }
    if e.is_closed() {
        return unavailable("PostgreSQL: the connection to the server is closed");
    }
    // The causes too (a TLS handshake's "invalid peer certificate: UnknownIssuer").
    let mut text = format!("PostgreSQL: {e}");
    let mut cause = std::error::Error::source(e);
    while let Some(c) = cause {
        let s = c.to_string();
        if !text.ends_with(&s) {
            text.push_str(": ");
            text.push_str(&s);
        }
        cause = c.source();
    }
    unavailable(text)
}

fn to_i64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// The PostgreSQL backend.
pub(crate) struct PostgresBackend {
    config: Config,
    tls: Option<MakeRustlsConnect>,
    pub(crate) client: Client,
    statements: HashMap<&'static str, Statement>,
}

/// A password holding a raw `@` ends the user information early: the rest of the password
/// is then read as the host, and the connection fails far from the cause. Refused here with
/// what to do; the message never shows the password.
fn check_userinfo(url: &str) -> Result<()> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?']).next().unwrap_or("");
    if authority.matches('@').count() > 1 {
        return Err(Error::new(
            labourlink_protocol::ErrorCode::InputInvalid,
            "store URL: the user name or password holds a raw @ (the URL has more than one @ \
             before the host): percent-encode it as %40 (and : / ? # % as %3A %2F %3F %23 %25)",
        ));
    }
    Ok(())
}

/// The TCP user timeout of a connection whose URL sets none: how long data sent to the
/// database may stay unacknowledged before the connection is given up.
pub(crate) const TCP_USER_TIMEOUT: Duration = Duration::from_secs(30);

impl PostgresBackend {
    /// Connects (10 s timeout unless the URL sets `connect_timeout`; 30 s TCP user timeout
    /// unless it sets `tcp_user_timeout`), over TLS as `sslmode`
    /// asks (see [`crate::postgres_tls`]).
    pub(crate) fn connect(url: &str) -> Result<Self> {
        let (config, tls_params) = Self::config(url)?;
        let tls = postgres_tls::connector(&tls_params)?;
        let client = Self::client(&config, tls.as_ref())?;
        Ok(Self {
            config,
            tls,
            client,
            statements: HashMap::new(),
        })
    }

    /// The connection settings of `url`, with labourlink's defaults where it sets none.
    fn config(url: &str) -> Result<(Config, postgres_tls::TlsParams)> {
        Self::config_with(url, &|name| std::env::var(name).ok())
    }

    /// [`PostgresBackend::config`] reading the environment through `env`: a URL without a
    /// password takes `PGPASSWORD`, as libpq does — a password in a `--store` URL on the
    /// command line is shown to every local user by `ps` (audit s43 privacy F4).
    fn config_with(
        url: &str,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<(Config, postgres_tls::TlsParams)> {
        check_userinfo(url)?;
        let (url, tls_params) = postgres_tls::split_url(url)?;
        let mut config: Config = url.parse().map_err(|_| {
            Error::new(
                labourlink_protocol::ErrorCode::InputInvalid,
                "store URL: not a valid PostgreSQL connection URL (postgresql://user:password@host:port/database; \
                 percent-encode @ : / ? # % in the user name or password, e.g. @ as %40)",
            )
        })?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(Duration::from_secs(10));
        }
        // A database that vanishes without a reset (a failover, a network path cut) had each
        // call wait until the kernel gave up on the connection, about 15 minutes on Linux
        // (audit s41 PostgreSQL F3): sent data unacknowledged for 30 s now closes it, and the
        // call fails with `store.unavailable`. A long query is not affected (its request is
        // acknowledged at once). `tcp_user_timeout` in the URL overrides it.
        if config.get_tcp_user_timeout().is_none() {
            config.tcp_user_timeout(TCP_USER_TIMEOUT);
        }
        if config.get_application_name().is_none() {
            config.application_name("labourlink");
        }
        if config.get_password().is_none() {
            if let Some(password) = env("PGPASSWORD").filter(|p| !p.is_empty()) {
                config.password(password);
            }
        }
        config.ssl_mode(postgres_tls::pg_mode(tls_params.mode));
        Ok((config, tls_params))
    }

    fn client(config: &Config, tls: Option<&MakeRustlsConnect>) -> Result<Client> {
        let mut client = match tls {
            Some(tls) => config.connect(tls.clone()),
            None => config.connect(NoTls),
        }
        .map_err(|e| pg_err(&e))?;
        client
            .batch_execute("SET synchronous_commit = on; SET client_min_messages = warning;")
            .map_err(|e| pg_err(&e))?;
        Ok(client)
    }

    /// A closed connection (server restart, network) is replaced at the next call; the call
    /// that met the closed connection has failed with `store.unavailable`, never retried
    /// blindly (its commit may or may not have happened).
    pub(crate) fn ready(&mut self) -> Result<()> {
        if self.client.is_closed() {
            self.client = Self::client(&self.config, self.tls.as_ref())?;
            self.statements.clear();
        }
        Ok(())
    }

    pub(crate) fn stmt(&mut self, sql: &'static str) -> Result<Statement> {
        self.ready()?;
        if let Some(s) = self.statements.get(sql) {
            return Ok(s.clone());
        }
        let s = self.client.prepare(sql).map_err(|e| pg_err(&e))?;
        self.statements.insert(sql, s.clone());
        Ok(s)
    }

    /// The migrations from the store's version to `target`, in one transaction (the
    /// caller holds the migration lock).
    fn migrate_locked(&mut self, target: u32) -> Result<Option<u32>> {
        let mut tx = self.client.transaction().map_err(|e| pg_err(&e))?;
        let found = Self::version_in(&mut tx)?;
        let current = found.unwrap_or(0);
        if current > target {
            return Err(too_new(current));
        }
        if current == target {
            return Ok(found);
        }
        if current == 0 {
            tx.batch_execute(
                "CREATE TABLE ll_schema (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)",
            )
            .map_err(|e| pg_err(&e))?;
        }
        let now = labourlink_protocol::time::Clock::now(&labourlink_protocol::time::SystemClock)
            .unix_millis();
        for v in (current + 1)..=target {
            let Some(sql) = usize::try_from(v - 1).ok().and_then(|i| MIGRATIONS.get(i)) else {
                return Err(unavailable(format!(
                    "no PostgreSQL migration to version {v}"
                )));
            };
            tx.batch_execute(sql).map_err(|e| pg_err(&e))?;
            let version = i32::try_from(v).unwrap_or(i32::MAX);
            tx.execute(
                "INSERT INTO ll_schema (version, applied_at) VALUES ($1, $2)",
                &[&version, &now],
            )
            .map_err(|e| pg_err(&e))?;
        }
        tx.commit().map_err(|e| pg_err(&e))?;
        Ok(found)
    }

    fn version_in(client: &mut impl postgres::GenericClient) -> Result<Option<u32>> {
        let exists: bool = client
            .query_one("SELECT to_regclass('ll_schema') IS NOT NULL", &[])
            .and_then(|r| r.try_get(0))
            .map_err(|e| pg_err(&e))?;
        if !exists {
            // A store this role cannot see is not "no store": `store init` would create a
            // second, empty one wherever the search path allows, which accepts again what the
            // first accepted (audit s41 PostgreSQL F2). The catalog shows every schema's
            // tables to every role; USAGE decides whether a name resolves. Only the schemas
            // of the connection's search path count (other schemas may hold other stores),
            // each entry read as PostgreSQL reads it (`parse_ident`: quotes, case, spaces).
            let hidden: Option<String> = client
                .query_opt(
                    "SELECT n.nspname::TEXT FROM pg_catalog.pg_class c
                     JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                     WHERE c.relname = 'll_schema' AND c.relkind = 'r'
                       AND NOT has_schema_privilege(n.oid, 'USAGE')
                       AND n.nspname IN (
                         SELECT CASE WHEN trim(e) IN ('$user', '\"$user\"') THEN current_user::TEXT
                                     ELSE (parse_ident(trim(e), false))[1] END
                         FROM unnest(string_to_array(current_setting('search_path'), ',')) AS e
                         WHERE trim(e) <> '')
                     ORDER BY 1 LIMIT 1",
                    &[],
                )
                .and_then(|r| r.map(|r| r.try_get(0)).transpose())
                .map_err(|e| pg_err(&e))?;
            if let Some(schema) = hidden {
                let schema = labourlink_protocol::error::shown(&schema);
                return Err(unavailable(format!(
                    "a labourlink store exists in the schema {schema} of this database, which this role may not use (no USAGE on the schema): grant it USAGE on that schema and the rights EXCHANGE.md lists on its ll_* tables, or connect as the store's owner; no second store is made beside it"
                ))
                .zh(format!(
                    "该数据库的模式 {schema} 中已有 labourlink 存储库，但当前角色无权使用该模式（没有 USAGE 权限）：请授予其对该模式的 USAGE 权限以及 EXCHANGE.zh-CN.md 所列的对其中 ll_* 表的权限，或以存储库所有者的身份连接；不会在其旁边另建存储库"
                )));
            }
            return Ok(None);
        }
        let v: Option<i32> = client
            .query_one("SELECT max(version) FROM ll_schema", &[])
            .and_then(|r| r.try_get(0))
            .map_err(|e| pg_err(&e))?;
        match v.map(u32::try_from) {
            Some(Ok(v)) => Ok(Some(v)),
            _ => Err(corrupt(
                "the store's schema version table is empty or invalid",
            )),
        }
    }
}

fn archived_row(r: &postgres::Row) -> std::result::Result<ArchivedRow, postgres::Error> {
    Ok(ArchivedRow {
        seq: r.try_get(0)?,
        direction: r.try_get(1)?,
        id: r.try_get(2)?,
        message_type: r.try_get(3)?,
        from_region: r.try_get(4)?,
        from_agency: r.try_get(5)?,
        to_region: r.try_get(6)?,
        to_agency: r.try_get(7)?,
        case_id: r.try_get(8)?,
        case_type: r.try_get(9)?,
        digest: r.try_get(10)?,
        jws: r.try_get(11)?,
        outcome: r.try_get(12)?,
        warnings: r.try_get(13)?,
        at: r.try_get(14)?,
        body_purged_at: r.try_get(15)?,
        signers: r.try_get(16)?,
    })
}

fn case_row(r: &postgres::Row) -> std::result::Result<CaseRow, postgres::Error> {
    Ok(CaseRow {
        case_id: r.try_get(0)?,
        case_type: r.try_get(1)?,
        status: r.try_get(2)?,
        opened_by: (r.try_get(3)?, r.try_get(4)?),
        counterparty: (r.try_get(5)?, r.try_get(6)?),
        opened_at: r.try_get(7)?,
        last_type: r.try_get(8)?,
        last_id: r.try_get(9)?,
        last_from: (r.try_get(10)?, r.try_get(11)?),
        last_to: (r.try_get(12)?, r.try_get(13)?),
        last_issued: r.try_get(14)?,
        awaited: r.try_get(15)?,
        due_on: r.try_get(16)?,
        deadline: r.try_get(17)?,
        updated_at: r.try_get(18)?,
    })
}

/// One statement decides a replay, under the primary key: insert, or replace a record that
/// has expired.
const REPLAY_INSERT: &str =
    "INSERT INTO ll_replay (region, agency, id, digest, first_seen, keep_until)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (region, agency, id) DO UPDATE
     SET digest = EXCLUDED.digest, first_seen = EXCLUDED.first_seen,
         keep_until = EXCLUDED.keep_until
     WHERE ll_replay.keep_until < EXCLUDED.first_seen";

pub(crate) const MESSAGE_INSERT: &str =
    "INSERT INTO ll_message (direction, id, type, from_region, from_agency,
     to_region, to_agency, case_id, case_type, digest, jws, outcome, warnings, at, signers)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
     ON CONFLICT (direction, from_region, from_agency, id) DO NOTHING";

/// Appends a message and writes its case, in the caller's transaction; `false` when the
/// archive already holds it.
pub(crate) fn insert_message(
    tx: &mut postgres::Transaction<'_>,
    insert: &Statement,
    m: &NewMessage,
    case: Option<&CaseWrite>,
) -> Result<bool> {
    insert_message_raw(tx, insert, m, case).map_err(|e| pg_err(&e))
}

fn insert_message_raw(
    tx: &mut postgres::Transaction<'_>,
    insert: &Statement,
    m: &NewMessage,
    case: Option<&CaseWrite>,
) -> std::result::Result<bool, postgres::Error> {
    let n = tx.execute(
        insert,
        &[
            &m.direction.as_str(),
            &m.id,
            &m.message_type,
            &m.from_region,
            &m.from_agency,
            &m.to_region,
            &m.to_agency,
            &m.case_id,
            &m.case_type,
            &m.digest,
            &m.jws,
            &m.outcome,
            &m.warnings_json(),
            &m.at.unix_millis(),
            &m.signers_json(),
        ],
    )?;
    if n == 1 {
        if let Some(c) = case {
            write_case(tx, c)?;
        }
    }
    Ok(n == 1)
}

fn write_case(
    tx: &mut postgres::Transaction<'_>,
    c: &CaseWrite,
) -> std::result::Result<(), postgres::Error> {
    let status = c.status.map_or("open", |st| st.as_str());
    let values: [&(dyn postgres::types::ToSql + Sync); 15] = [
        &c.case_type,
        &c.case_id,
        &status,
        &c.from.region,
        &c.from.agency,
        &c.to.region,
        &c.to.agency,
        &c.issued_ms,
        &c.message_type,
        &c.message_id,
        &c.awaited,
        &c.due_on,
        &c.deadline,
        &c.now_ms,
        &c.in_reply_to,
    ];
    // The update takes the reply's in_reply_to as its 15th parameter; the insert-only form
    // has 14.
    match c.status {
        Some(_) => tx.execute(format!("{CASE_UPSERT}{CASE_UPDATE}").as_str(), &values)?,
        None => tx.execute(
            format!("{CASE_UPSERT} ON CONFLICT (case_type, case_id) DO NOTHING").as_str(),
            &values[..14],
        )?,
    };
    Ok(())
}

const REPLAY_LOOKUP: &str =
    "SELECT digest, first_seen FROM ll_replay WHERE region = $1 AND agency = $2 AND id = $3";

const QUARANTINE_INSERT: &str = "INSERT INTO ll_quarantine (at, code, digest, bytes, truncated,
    unauthenticated) VALUES ($1, $2, $3, $4, $5, $6)";

/// The prepared statements of a group.
struct GroupStatements {
    replay: Statement,
    replay_many: Statement,
    lookup: Statement,
    lookup_many: Statement,
    insert: Statement,
    insert_many: Statement,
    quarantine: Statement,
    trim: Statement,
}

/// Inserts the replay records of a group's first writes of each key in one statement, in
/// key order; returns the keys it recorded.
const REPLAY_INSERT_MANY: &str =
    "INSERT INTO ll_replay (region, agency, id, digest, first_seen, keep_until)
     SELECT * FROM unnest($1::TEXT[], $2::TEXT[], $3::TEXT[], $4::TEXT[], $5::BIGINT[], $6::BIGINT[])
         AS w (region, agency, id, digest, first_seen, keep_until)
     ORDER BY region, agency, id
     ON CONFLICT (region, agency, id) DO UPDATE
     SET digest = EXCLUDED.digest, first_seen = EXCLUDED.first_seen,
         keep_until = EXCLUDED.keep_until
     WHERE ll_replay.keep_until < EXCLUDED.first_seen
     RETURNING region, agency, id";

/// The recorded digests of the keys a group could not record.
const REPLAY_LOOKUP_MANY: &str = "SELECT r.region, r.agency, r.id, r.digest FROM ll_replay r
     JOIN unnest($1::TEXT[], $2::TEXT[], $3::TEXT[]) AS k (region, agency, id)
       ON r.region = k.region AND r.agency = k.agency AND r.id = k.id";

/// Appends a group's new messages in one statement, in input order; returns the issuer and
/// id of each row it inserted.
const MESSAGE_INSERT_MANY: &str = "INSERT INTO ll_message (direction, id, type, from_region,
     from_agency, to_region, to_agency, case_id, case_type, digest, jws, outcome, warnings, at,
     signers)
     SELECT * FROM unnest($1::TEXT[], $2::TEXT[], $3::TEXT[], $4::TEXT[], $5::TEXT[], $6::TEXT[],
         $7::TEXT[], $8::TEXT[], $9::TEXT[], $10::TEXT[], $11::BYTEA[], $12::TEXT[], $13::TEXT[],
         $14::BIGINT[], $15::TEXT[])
     ON CONFLICT (direction, from_region, from_agency, id) DO NOTHING
     RETURNING from_region, from_agency, id";

type Key<'a> = (&'a str, &'a str, &'a str);

/// The columns of a multi-row replay insert: region, agency, id, digest, first seen, keep
/// until.
#[derive(Default)]
struct ReplayColumns<'a>(
    Vec<&'a str>,
    Vec<&'a str>,
    Vec<&'a str>,
    Vec<&'a str>,
    Vec<i64>,
    Vec<i64>,
);

/// One attempt at a group: one transaction, committed at the end, in a handful of
/// statements whatever its size (a round trip each):
///
/// 1. the replay records of the first write of each key, one multi-row `INSERT … ON
///    CONFLICT` in key order — so that groups of several processes lock the keys they share
///    in the same order and cannot deadlock on them; a later write of the same key in the
///    group is decided against the first (duplicate or conflict), as it would be one by one;
/// 2. one look-up of the digests of the keys not recorded;
/// 3. the archive entries of the recorded messages, one multi-row insert in input order;
/// 4. the cases: per case, its first write (which may create it) and the last of the writes
///    with the latest `issued_at` — the state the writes one by one would leave, since each
///    update applies only over an earlier `issued_at`;
/// 5. the quarantined messages, then the quarantine's trim.
#[allow(clippy::too_many_lines)]
fn try_group(
    client: &mut Client,
    st: &GroupStatements,
    writes: &[GroupWrite<'_>],
    capacity: u64,
) -> std::result::Result<Vec<ReplayOutcome>, postgres::Error> {
    let mut tx = client.transaction()?;
    let mut out = vec![ReplayOutcome::Recorded; writes.len()];
    // The first write of each key (in input order) and, for the others, that first one.
    let mut first_of: HashMap<Key<'_>, usize> = HashMap::new();
    let mut follows: Vec<Option<usize>> = vec![None; writes.len()];
    let mut leads: Vec<usize> = Vec::new();
    for (i, w) in writes.iter().enumerate() {
        if let GroupWrite::Receive { key, .. } = w {
            match first_of.entry((key.region, key.agency, key.id)) {
                std::collections::hash_map::Entry::Occupied(e) => follows[i] = Some(*e.get()),
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(i);
                    leads.push(i);
                }
            }
        }
    }
    // 1.
    let mut cols = ReplayColumns::default();
    for &i in &leads {
        if let GroupWrite::Receive {
            key,
            digest,
            now,
            keep_until,
            ..
        } = writes[i]
        {
            cols.0.push(key.region);
            cols.1.push(key.agency);
            cols.2.push(key.id);
            cols.3.push(digest);
            cols.4.push(now);
            cols.5.push(keep_until);
        }
    }
    let mut recorded: std::collections::HashSet<(String, String, String)> =
        std::collections::HashSet::new();
    if !leads.is_empty() {
        for r in tx.query(
            &st.replay_many,
            &[&cols.0, &cols.1, &cols.2, &cols.3, &cols.4, &cols.5],
        )? {
            recorded.insert((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?));
        }
    }
    // 2.
    let refused: Vec<usize> = leads
        .iter()
        .copied()
        .filter(|&i| match writes[i] {
            GroupWrite::Receive { key, .. } => !recorded.contains(&(
                key.region.to_owned(),
                key.agency.to_owned(),
                key.id.to_owned(),
            )),
            GroupWrite::Quarantine { .. } => false,
        })
        .collect();
    let mut existing: HashMap<(String, String, String), String> = HashMap::new();
    if !refused.is_empty() {
        let mut k: (Vec<&str>, Vec<&str>, Vec<&str>) = Default::default();
        for &i in &refused {
            if let GroupWrite::Receive { key, .. } = writes[i] {
                k.0.push(key.region);
                k.1.push(key.agency);
                k.2.push(key.id);
            }
        }
        for r in tx.query(&st.lookup_many, &[&k.0, &k.1, &k.2])? {
            existing.insert((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?), r.try_get(3)?);
        }
    }
    for &i in &refused {
        let GroupWrite::Receive {
            key,
            digest,
            now,
            keep_until,
            ..
        } = writes[i]
        else {
            continue;
        };
        let owned = (
            key.region.to_owned(),
            key.agency.to_owned(),
            key.id.to_owned(),
        );
        out[i] = match existing.get(&owned) {
            Some(d) => ReplayOutcome::Exists { digest: d.clone() },
            // Gone between the two statements (expired and purged by another process): one
            // by one, as `record_replay` does.
            None => {
                let mut outcome = ReplayOutcome::Vanished;
                for _ in 0..3 {
                    let n = tx.execute(
                        &st.replay,
                        &[
                            &key.region,
                            &key.agency,
                            &key.id,
                            &digest,
                            &now,
                            &keep_until,
                        ],
                    )?;
                    if n == 1 {
                        outcome = ReplayOutcome::Recorded;
                        break;
                    }
                    if let Some(r) =
                        tx.query_opt(&st.lookup, &[&key.region, &key.agency, &key.id])?
                    {
                        outcome = ReplayOutcome::Exists {
                            digest: r.try_get(0)?,
                        };
                        break;
                    }
                }
                outcome
            }
        };
    }
    for i in 0..writes.len() {
        let Some(lead) = follows[i] else { continue };
        out[i] = match (&out[lead], writes[lead]) {
            (ReplayOutcome::Recorded, GroupWrite::Receive { digest, .. }) => {
                ReplayOutcome::Exists {
                    digest: digest.to_owned(),
                }
            }
            (ReplayOutcome::Exists { digest }, _) => ReplayOutcome::Exists {
                digest: digest.clone(),
            },
            _ => ReplayOutcome::Vanished,
        };
    }
    // 3.
    let new: Vec<(usize, &NewMessage)> = writes
        .iter()
        .enumerate()
        .filter(|(i, _)| follows[*i].is_none() && out[*i] == ReplayOutcome::Recorded)
        .filter_map(|(i, w)| match w {
            GroupWrite::Receive { message, .. } => Some((i, *message)),
            GroupWrite::Quarantine { .. } => None,
        })
        .collect();
    let messages: Vec<&NewMessage> = new.iter().map(|(_, m)| *m).collect();
    let archived = insert_rows(&mut tx, st, &messages)?;
    // A message recorded one by one above (a vanished record) is archived one by one too.
    let mut cases: Vec<&CaseWrite> = Vec::new();
    for (i, w) in writes.iter().enumerate() {
        let GroupWrite::Receive { message, case, .. } = *w else {
            continue;
        };
        if follows[i].is_some() || out[i] != ReplayOutcome::Recorded {
            continue;
        }
        let owned = (
            message.from_region.clone(),
            message.from_agency.clone(),
            message.id.clone(),
        );
        let inserted = if new.iter().any(|(j, _)| *j == i) {
            archived.contains(&owned)
        } else {
            tx.execute(
                &st.insert,
                &[
                    &message.direction.as_str(),
                    &message.id,
                    &message.message_type,
                    &message.from_region,
                    &message.from_agency,
                    &message.to_region,
                    &message.to_agency,
                    &message.case_id,
                    &message.case_type,
                    &message.digest,
                    &message.jws,
                    &message.outcome,
                    &message.warnings_json(),
                    &message.at.unix_millis(),
                    &message.signers_json(),
                ],
            )? == 1
        };
        if let (true, Some(c)) = (inserted, case) {
            cases.push(c);
        }
    }
    // The answers (signed receipts) of the messages recorded now, in the same transaction.
    let answers: Vec<(&NewMessage, Option<&CaseWrite>)> = writes
        .iter()
        .enumerate()
        .filter(|(i, _)| follows[*i].is_none() && out[*i] == ReplayOutcome::Recorded)
        .filter_map(|(_, w)| match *w {
            GroupWrite::Receive { answer, .. } => answer,
            GroupWrite::Quarantine { .. } => None,
        })
        .collect();
    if !answers.is_empty() {
        let rows: Vec<&NewMessage> = answers.iter().map(|(m, _)| *m).collect();
        let inserted = insert_rows(&mut tx, st, &rows)?;
        for (m, case) in &answers {
            let owned = (m.from_region.clone(), m.from_agency.clone(), m.id.clone());
            if let (true, Some(c)) = (inserted.contains(&owned), case) {
                cases.push(c);
            }
        }
    }
    // 4.
    for c in collapse_cases(&cases) {
        write_case(&mut tx, c)?;
    }
    // 5.
    let mut quarantined = false;
    for w in writes {
        if let GroupWrite::Quarantine {
            at,
            code,
            digest,
            bytes,
            truncated,
        } = *w
        {
            let unauthenticated = i32::from(crate::is_unauthenticated_code(code));
            tx.execute(
                &st.quarantine,
                &[&at, &code, &digest, &bytes, &truncated, &unauthenticated],
            )?;
            quarantined = true;
        }
    }
    if quarantined {
        for class in [1i32, 0] {
            tx.execute(&st.trim, &[&class, &to_i64(capacity)])?;
        }
    }
    tx.commit()?;
    Ok(out)
}

/// Archives `messages` with one multi-row `INSERT … ON CONFLICT DO NOTHING`; returns the
/// (issuer region, agency, id) of those inserted.
fn insert_rows(
    tx: &mut postgres::Transaction<'_>,
    st: &GroupStatements,
    messages: &[&NewMessage],
) -> std::result::Result<std::collections::HashSet<(String, String, String)>, postgres::Error> {
    let mut archived = std::collections::HashSet::new();
    if messages.is_empty() {
        return Ok(archived);
    }
    let col =
        |f: &dyn Fn(&NewMessage) -> &str| -> Vec<&str> { messages.iter().map(|m| f(m)).collect() };
    let directions = col(&|m| m.direction.as_str());
    let ids = col(&|m| m.id.as_str());
    let types = col(&|m| m.message_type.as_str());
    let from_regions = col(&|m| m.from_region.as_str());
    let from_agencies = col(&|m| m.from_agency.as_str());
    let to_regions = col(&|m| m.to_region.as_str());
    let to_agencies = col(&|m| m.to_agency.as_str());
    let case_ids: Vec<Option<&str>> = messages.iter().map(|m| m.case_id.as_deref()).collect();
    let case_types: Vec<Option<&str>> = messages.iter().map(|m| m.case_type.as_deref()).collect();
    let digests = col(&|m| m.digest.as_str());
    let bodies: Vec<&[u8]> = messages.iter().map(|m| m.jws.as_slice()).collect();
    let outcomes = col(&|m| m.outcome.as_str());
    let warnings: Vec<String> = messages.iter().map(|m| m.warnings_json()).collect();
    let ats: Vec<i64> = messages.iter().map(|m| m.at.unix_millis()).collect();
    let signers: Vec<Option<String>> = messages.iter().map(|m| m.signers_json()).collect();
    for r in tx.query(
        &st.insert_many,
        &[
            &directions,
            &ids,
            &types,
            &from_regions,
            &from_agencies,
            &to_regions,
            &to_agencies,
            &case_ids,
            &case_types,
            &digests,
            &bodies,
            &outcomes,
            &warnings,
            &ats,
            &signers,
        ],
    )? {
        archived.insert((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?));
    }
    Ok(archived)
}

/// The case writes that leave a case record as `writes` applied one by one would, in their
/// order: for each case, its first write (it creates the record, or updates it unless a
/// later-issued message set it), then the last of the status-setting writes with the latest
/// `issued_at` among the others (each later update applies only over an earlier-or-equal
/// `issued_at`, and writes without a status change nothing once the record exists).
fn collapse_cases<'a>(writes: &[&'a CaseWrite]) -> Vec<&'a CaseWrite> {
    let mut first: Vec<usize> = Vec::new();
    let mut best: HashMap<(&str, &str), usize> = HashMap::new();
    let mut seen: std::collections::HashSet<(&str, &str)> = std::collections::HashSet::new();
    // A case with a reply among its writes is written one by one: whether a reply advances
    // the case depends on which message set it last, so no write of it can be left out.
    let replied: std::collections::HashSet<(&str, &str)> = writes
        .iter()
        .filter(|c| c.in_reply_to.is_some() && c.status.is_some())
        .map(|c| (c.case_type.as_str(), c.case_id.as_str()))
        .collect();
    let mut all: Vec<usize> = Vec::new();
    for (i, c) in writes.iter().enumerate() {
        let k = (c.case_type.as_str(), c.case_id.as_str());
        if replied.contains(&k) {
            all.push(i);
            continue;
        }
        if seen.insert(k) {
            first.push(i);
            continue;
        }
        if c.status.is_none() {
            continue;
        }
        match best.get(&k) {
            Some(&b) if writes[b].issued_ms > c.issued_ms => {}
            _ => {
                best.insert(k, i);
            }
        }
    }
    let mut keep: Vec<usize> = first;
    keep.extend(best.values().copied());
    keep.extend(all);
    keep.sort_unstable();
    keep.into_iter().map(|i| writes[i]).collect()
}

fn count(n: u64) -> u64 {
    n
}

impl StorageBackend for PostgresBackend {
    fn kind(&self) -> BackendKind {
        BackendKind::Postgres
    }

    fn schema_version(&mut self) -> Result<Option<u32>> {
        self.ready()?;
        Self::version_in(&mut self.client)
    }

    fn size_bytes(&mut self) -> Result<u64> {
        self.ready()?;
        let row = self
            .client
            .query_one(
                "SELECT COALESCE(sum(pg_total_relation_size(c.oid)), 0)::BIGINT FROM pg_class c
                 WHERE c.relkind = 'r' AND c.relname LIKE 'll\\_%'
                   AND c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())",
                &[],
            )
            .map_err(|e| pg_err(&e))?;
        let n: i64 = row.try_get(0).map_err(|e| pg_err(&e))?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    fn compact(&mut self) -> Result<()> {
        self.ready()?;
        self.client
            .batch_execute(
                "VACUUM (ANALYZE) ll_message, ll_quarantine, ll_replay, ll_outbox, ll_case",
            )
            .map_err(|e| pg_err(&e))
    }

    fn forget_signed(&mut self, kind: SignedKind, anchor: &str) -> Result<Option<i64>> {
        self.ready()?;
        self.client
            .query_opt(
                &format!(
                    "DELETE FROM {} WHERE anchor = $1 RETURNING sequence",
                    kind.table()
                ),
                &[&anchor],
            )
            .and_then(|r| r.map(|r| r.try_get(0)).transpose())
            .map_err(|e| pg_err(&e))
    }

    fn check_integrity(&mut self) -> Result<Vec<String>> {
        self.ready()?;
        let mut found = Vec::new();
        for table in crate::copy::TABLES {
            // Every row read whole, its out-of-line (TOAST) values too — a count could be
            // answered from an index alone: a damaged page, or a checksum failure when the
            // cluster has data checksums, fails the read.
            if let Err(e) = self.client.query_one(
                &format!("SELECT sum(octet_length(x::text)) FROM {table} AS x"),
                &[],
            ) {
                if self.client.is_closed() {
                    return Err(pg_err(&e));
                }
                found.push(format!("{table}: {}", pg_err(&e).message()));
            }
        }
        // The triggers that keep the archive append-only, there and firing in ordinary sessions
        // (`O`rigin or `A`lways: a replica-only trigger does not): the database's owner can
        // drop or disable them, and then edit rows (audit s43 archive F3, review L3).
        for name in crate::backend::APPEND_ONLY_TRIGGERS_POSTGRES {
            let n: i64 = self
                .client
                .query_one(
                    "SELECT count(*) FROM pg_trigger WHERE tgrelid = to_regclass('ll_message') \
                     AND tgname = $1 AND tgenabled IN ('O', 'A')",
                    &[&name],
                )
                .and_then(|r| r.try_get(0))
                .map_err(|e| pg_err(&e))?;
            if n == 0 {
                found.push(crate::backend::missing_trigger(name));
            }
        }
        Ok(found)
    }

    fn newest_received(&mut self, limit: u64) -> Result<Vec<Vec<u8>>> {
        self.ready()?;
        let rows = self
            .client
            .query(crate::backend::NEWEST_RECEIVED, &[&to_i64(limit)])
            .map_err(|e| pg_err(&e))?;
        rows.iter()
            .map(|r| r.try_get(0).map_err(|e| pg_err(&e)))
            .collect()
    }

    fn export_rows(&mut self, sink: &mut crate::copy::RowSink<'_>) -> Result<Vec<(String, u64)>> {
        use postgres::fallible_iterator::FallibleIterator as _;
        use postgres::types::Type;
        self.ready()?;
        // One snapshot, taken after SHARE locks that hold the store's writers off until the
        // copy ends (readers go on).
        // A lock not granted within 30 s (another process writing, the target being this very
        // database) ends the copy rather than waiting for good.
        if let Err(e) = self.client.batch_execute(&format!(
            "BEGIN ISOLATION LEVEL REPEATABLE READ; SET LOCAL lock_timeout = '30s'; \
             LOCK TABLE {} IN SHARE MODE",
            crate::copy::TABLES.join(", ")
        )) {
            let _ = self.client.batch_execute("ROLLBACK");
            return Err(pg_err(&e));
        }
        let copied = (|| -> Result<Vec<(String, u64)>> {
            let mut counts = Vec::with_capacity(crate::copy::TABLES.len());
            for table in crate::copy::TABLES {
                let none: [&(dyn postgres::types::ToSql + Sync); 0] = [];
                let mut rows = self
                    .client
                    .query_raw(&format!("SELECT * FROM {table}"), none)
                    .map_err(|e| pg_err(&e))?;
                let mut columns: Vec<String> = Vec::new();
                let mut batch = Vec::with_capacity(crate::copy::BATCH_ROWS);
                let mut n = 0u64;
                while let Some(row) = rows.next().map_err(|e| pg_err(&e))? {
                    if columns.is_empty() {
                        columns = row.columns().iter().map(|c| c.name().to_owned()).collect();
                        crate::copy::check_names(table, &columns)?;
                    }
                    let mut cells = Vec::with_capacity(columns.len());
                    for (i, c) in row.columns().iter().enumerate() {
                        let bad = |e: postgres::Error| {
                            corrupt(format!(
                                "PostgreSQL: {table}.{} cannot be read ({e})",
                                c.name()
                            ))
                        };
                        let t = c.type_();
                        let cell = if *t == Type::INT8 {
                            row.try_get::<_, Option<i64>>(i)
                                .map_err(bad)?
                                .map(crate::copy::Cell::Int)
                        } else if *t == Type::INT4 {
                            row.try_get::<_, Option<i32>>(i)
                                .map_err(bad)?
                                .map(|v| crate::copy::Cell::Int(i64::from(v)))
                        } else if *t == Type::BOOL {
                            row.try_get::<_, Option<bool>>(i)
                                .map_err(bad)?
                                .map(|v| crate::copy::Cell::Int(i64::from(v)))
                        } else if *t == Type::TEXT || *t == Type::VARCHAR {
                            row.try_get::<_, Option<String>>(i)
                                .map_err(bad)?
                                .map(crate::copy::Cell::Text)
                        } else if *t == Type::BYTEA {
                            row.try_get::<_, Option<Vec<u8>>>(i)
                                .map_err(bad)?
                                .map(crate::copy::Cell::Bytes)
                        } else {
                            return Err(corrupt(format!(
                                "PostgreSQL: {table}.{} has the unexpected type {t}",
                                c.name()
                            )));
                        };
                        cells.push(cell.unwrap_or(crate::copy::Cell::Null));
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
            Ok(counts)
        })();
        // Nothing was written: ending the transaction gives the locks back.
        let ended = self
            .client
            .batch_execute("ROLLBACK")
            .map_err(|e| pg_err(&e));
        let counts = copied?;
        ended?;
        Ok(counts)
    }

    fn import_begin(&mut self) -> Result<()> {
        self.ready()?;
        // ACCESS EXCLUSIVE: nothing else reads or writes the target until the copy is in.
        if let Err(e) = self.client.batch_execute(&format!(
            "BEGIN; SET LOCAL lock_timeout = '30s'; LOCK TABLE {} IN ACCESS EXCLUSIVE MODE",
            crate::copy::TABLES.join(", ")
        )) {
            let _ = self.client.batch_execute("ROLLBACK");
            return Err(pg_err(&e));
        }
        for table in crate::copy::TABLES {
            let any = self
                .client
                .query_one(&format!("SELECT EXISTS (SELECT 1 FROM {table})"), &[])
                .and_then(|r| r.try_get::<_, bool>(0));
            match any {
                Ok(false) => {}
                Ok(true) => {
                    let _ = self.client.batch_execute("ROLLBACK");
                    return Err(crate::copy::not_empty(table));
                }
                Err(e) => {
                    let _ = self.client.batch_execute("ROLLBACK");
                    return Err(pg_err(&e));
                }
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
        use crate::copy::Cell;
        use postgres::types::{ToSql, Type};
        crate::copy::check_names(table, columns)?;
        let stmt = self
            .client
            .prepare(&crate::copy::insert_sql(table, columns))
            .map_err(|e| pg_err(&e))?;
        let types = stmt.params().to_vec();
        for row in rows {
            let mut values: Vec<Box<dyn ToSql + Sync>> = Vec::with_capacity(row.len());
            for ((cell, t), column) in row.iter().zip(&types).zip(columns) {
                let wrong = || {
                    corrupt(format!(
                        "PostgreSQL: {table}.{column} ({t}) cannot take the source's value"
                    ))
                };
                let v: Box<dyn ToSql + Sync> = match cell {
                    Cell::Null if *t == Type::INT8 => Box::new(None::<i64>),
                    Cell::Null if *t == Type::INT4 => Box::new(None::<i32>),
                    Cell::Null if *t == Type::BOOL => Box::new(None::<bool>),
                    Cell::Null if *t == Type::BYTEA => Box::new(None::<Vec<u8>>),
                    Cell::Null => Box::new(None::<String>),
                    Cell::Int(v) if *t == Type::INT8 => Box::new(*v),
                    Cell::Int(v) if *t == Type::INT4 => {
                        Box::new(i32::try_from(*v).map_err(|_| wrong())?)
                    }
                    Cell::Int(v) if *t == Type::BOOL && (*v == 0 || *v == 1) => Box::new(*v == 1),
                    Cell::Text(s) if *t == Type::TEXT || *t == Type::VARCHAR => Box::new(s.clone()),
                    Cell::Bytes(b) if *t == Type::BYTEA => Box::new(b.clone()),
                    _ => return Err(wrong()),
                };
                values.push(v);
            }
            let refs: Vec<&(dyn ToSql + Sync)> = values.iter().map(AsRef::as_ref).collect();
            self.client.execute(&stmt, &refs).map_err(|e| pg_err(&e))?;
        }
        Ok(())
    }

    fn counters(&mut self) -> Result<Vec<(String, i64)>> {
        self.ready()?;
        let mut out = Vec::new();
        for table in crate::copy::NUMBERED {
            let row = self
                .client
                .query_one(
                    "SELECT pg_get_serial_sequence($1, 'seq')",
                    &[&(*table).to_owned()],
                )
                .map_err(|e| pg_err(&e))?;
            let Some(sequence): Option<String> = row.try_get(0).map_err(|e| pg_err(&e))? else {
                continue;
            };
            // The name as PostgreSQL quotes it (schema-qualified): safe to put in the text.
            let row = self
                .client
                .query_one(
                    &format!("SELECT last_value, is_called FROM {sequence}"),
                    &[],
                )
                .map_err(|e| pg_err(&e))?;
            let last: i64 = row.try_get(0).map_err(|e| pg_err(&e))?;
            let called: bool = row.try_get(1).map_err(|e| pg_err(&e))?;
            out.push(((*table).to_owned(), if called { last } else { last - 1 }));
        }
        Ok(out)
    }

    fn import_end(&mut self, commit: bool, counters: &[(String, i64)]) -> Result<()> {
        if !commit {
            return self
                .client
                .batch_execute("ROLLBACK")
                .map_err(|e| pg_err(&e));
        }
        // The serial counters go on after the copied rows and the source's counters.
        let mut sql = String::new();
        for table in crate::copy::NUMBERED {
            let counter = counters
                .iter()
                .find(|(t, _)| t == table)
                .map_or(0, |(_, n)| (*n).max(0));
            sql.push_str(&format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'seq'), \
                 GREATEST(COALESCE((SELECT max(seq) FROM {table}), 0), {counter}, 1), \
                 GREATEST(COALESCE((SELECT max(seq) FROM {table}), 0), {counter}) > 0);"
            ));
        }
        sql.push_str("COMMIT");
        let done = self.client.batch_execute(&sql).map_err(|e| pg_err(&e));
        if done.is_err() {
            let _ = self.client.batch_execute("ROLLBACK");
        }
        done
    }

    fn migrate(&mut self, target: u32) -> Result<Option<u32>> {
        self.ready()?;
        // Concurrent migrations (several processes starting at once) run one after another,
        // under a session lock taken *before* the transaction begins: a transaction begun
        // before the wait kept the catalog it had seen, so after a concurrent `store init`
        // committed it still found no `ll_schema` and failed creating it (`relation
        // "ll_schema" already exists`; audit s41 PostgreSQL F1). The lock goes with the
        // session if the connection breaks.
        self.client
            .execute("SELECT pg_advisory_lock($1)", &[&MIGRATION_LOCK])
            .map_err(|e| pg_err(&e))?;
        let migrated = self.migrate_locked(target);
        let unlocked = self
            .client
            .execute("SELECT pg_advisory_unlock($1)", &[&MIGRATION_LOCK])
            .map_err(|e| pg_err(&e));
        let found = migrated?;
        unlocked.map(|_| found)
    }

    fn record_replay(
        &mut self,
        key: &ReplayKey<'_>,
        digest: &str,
        now: i64,
        keep_until: i64,
    ) -> Result<ReplayOutcome> {
        // One statement decides, under the primary key: a concurrent insert of the same key
        // waits for the other transaction and then sees its row.
        let s = self.stmt(REPLAY_INSERT)?;
        let n = self
            .client
            .execute(
                &s,
                &[
                    &key.region,
                    &key.agency,
                    &key.id,
                    &digest,
                    &now,
                    &keep_until,
                ],
            )
            .map_err(|e| pg_err(&e))?;
        if n == 1 {
            return Ok(ReplayOutcome::Recorded);
        }
        Ok(match self.replay_record(key)? {
            Some((d, _)) => ReplayOutcome::Exists { digest: d },
            None => ReplayOutcome::Vanished,
        })
    }

    fn replay_record(&mut self, key: &ReplayKey<'_>) -> Result<Option<(String, i64)>> {
        let s = self.stmt(REPLAY_LOOKUP)?;
        let row = self
            .client
            .query_opt(&s, &[&key.region, &key.agency, &key.id])
            .map_err(|e| pg_err(&e))?;
        row.map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
            .transpose()
            .map_err(|e: postgres::Error| pg_err(&e))
    }

    fn purge_replay(&mut self, now: i64, limit: u64) -> Result<u64> {
        let s = self.stmt(
            "DELETE FROM ll_replay WHERE (region, agency, id) IN
             (SELECT region, agency, id FROM ll_replay WHERE keep_until < $1 LIMIT $2)",
        )?;
        self.client
            .execute(&s, &[&now, &to_i64(limit)])
            .map(count)
            .map_err(|e| pg_err(&e))
    }

    fn archive(&mut self, m: &NewMessage, case: Option<&CaseWrite>) -> Result<bool> {
        let insert = self.stmt(MESSAGE_INSERT)?;
        let mut tx = self.client.transaction().map_err(|e| pg_err(&e))?;
        let new = insert_message(&mut tx, &insert, m, case)?;
        tx.commit().map_err(|e| pg_err(&e))?;
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
        let replay = self.stmt(REPLAY_INSERT)?;
        let insert = self.stmt(MESSAGE_INSERT)?;
        let mut tx = self.client.transaction().map_err(|e| pg_err(&e))?;
        // A concurrent insert of the same key waits for the other transaction (its replay
        // record and archive entry commit together) and then sees its row.
        let n = tx
            .execute(
                &replay,
                &[
                    &key.region,
                    &key.agency,
                    &key.id,
                    &digest,
                    &now,
                    &keep_until,
                ],
            )
            .map_err(|e| pg_err(&e))?;
        if n == 1 {
            insert_message(&mut tx, &insert, m, case)?;
            tx.commit().map_err(|e| pg_err(&e))?;
            return Ok(ReplayOutcome::Recorded);
        }
        tx.rollback().map_err(|e| pg_err(&e))?;
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
        let st = GroupStatements {
            replay: self.stmt(REPLAY_INSERT)?,
            replay_many: self.stmt(REPLAY_INSERT_MANY)?,
            lookup: self.stmt(REPLAY_LOOKUP)?,
            lookup_many: self.stmt(REPLAY_LOOKUP_MANY)?,
            insert: self.stmt(MESSAGE_INSERT)?,
            insert_many: self.stmt(MESSAGE_INSERT_MANY)?,
            quarantine: self.stmt(QUARANTINE_INSERT)?,
            trim: self.stmt(crate::QUARANTINE_TRIM)?,
        };
        // The replay keys are locked in key order (see `try_group`), but groups updating the
        // same cases may still deadlock: PostgreSQL aborts one of them, whose group is then
        // written again (nothing of it was committed, nothing reported).
        let mut attempts = 0;
        loop {
            attempts += 1;
            match try_group(&mut self.client, &st, writes, capacity) {
                Ok(out) => return Ok(out),
                Err(e)
                    if attempts < 5
                        && e.code().is_some_and(|c| {
                            *c == SqlState::T_R_DEADLOCK_DETECTED
                                || *c == SqlState::T_R_SERIALIZATION_FAILURE
                        }) => {}
                Err(e) => return Err(pg_err(&e)),
            }
        }
    }

    fn messages(&mut self, q: &MessageQuery) -> Result<Vec<ArchivedMessage>> {
        self.ready()?;
        let (filter, values) = crate::backend::message_filter(q);
        let sql = format!("SELECT {ARCHIVE_COLUMNS} FROM ll_message{filter}");
        let rows = self
            .client
            .query(sql.as_str(), &text_params(&values))
            .map_err(|e| pg_err(&e))?;
        rows.iter()
            .map(|r| {
                archived_row(r)
                    .map_err(|e| {
                        corrupt(format!("PostgreSQL: an archive row cannot be read ({e})"))
                    })?
                    .into_message()
            })
            .collect()
    }

    fn cases(&mut self, q: &CaseQuery) -> Result<Vec<CaseRecord>> {
        self.ready()?;
        let (filter, values) = crate::backend::case_filter(q);
        let sql = format!("SELECT {CASE_COLUMNS} FROM ll_case{filter}");
        let rows = self
            .client
            .query(sql.as_str(), &text_params(&values))
            .map_err(|e| pg_err(&e))?;
        rows.iter()
            .map(|r| {
                case_row(r)
                    .map_err(|e| corrupt(format!("PostgreSQL: a case row cannot be read ({e})")))?
                    .into_record()
            })
            .collect()
    }

    fn archived(
        &mut self,
        direction: Direction,
        region: &str,
        agency: &str,
        id: &str,
    ) -> Result<Option<ArchivedMessage>> {
        self.ready()?;
        let sql = format!(
            "SELECT {ARCHIVE_COLUMNS} FROM ll_message
             WHERE direction = $1 AND from_region = $2 AND from_agency = $3 AND id = $4"
        );
        let row = self
            .client
            .query_opt(sql.as_str(), &[&direction.as_str(), &region, &agency, &id])
            .map_err(|e| pg_err(&e))?;
        match row {
            None => Ok(None),
            Some(r) => archived_row(&r)
                .map_err(|e| corrupt(format!("PostgreSQL: an archive row cannot be read ({e})")))?
                .into_message()
                .map(Some),
        }
    }

    fn archive_len(&mut self) -> Result<u64> {
        self.ready()?;
        let n: i64 = self
            .client
            .query_one("SELECT count(*) FROM ll_message", &[])
            .and_then(|r| r.try_get(0))
            .map_err(|e| pg_err(&e))?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    fn purge_bodies(&mut self, before: i64, now: i64, limit: u64) -> Result<u64> {
        let s = self.stmt(crate::BODY_PURGE)?;
        self.client
            .execute(&s, &[&now, &before, &to_i64(limit)])
            .map(count)
            .map_err(|e| pg_err(&e))
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
        self.ready()?;
        let mut tx = self.client.transaction().map_err(|e| pg_err(&e))?;
        let unauthenticated = i32::from(crate::is_unauthenticated_code(code));
        tx.execute(
            QUARANTINE_INSERT,
            &[&at, &code, &digest, &bytes, &truncated, &unauthenticated],
        )
        .map_err(|e| pg_err(&e))?;
        for class in [1i32, 0] {
            tx.execute(crate::QUARANTINE_TRIM, &[&class, &to_i64(capacity)])
                .map_err(|e| pg_err(&e))?;
        }
        tx.commit().map_err(|e| pg_err(&e))
    }

    fn quarantined(&mut self, limit: u64, code: Option<&str>) -> Result<Vec<QuarantinedMessage>> {
        self.ready()?;
        let rows = self
            .client
            .query(
                "SELECT seq, at, code, digest, bytes, truncated FROM ll_quarantine
                 WHERE $2::text IS NULL OR code = $2 ORDER BY seq DESC LIMIT $1",
                &[&to_i64(limit), &code],
            )
            .map_err(|e| pg_err(&e))?;
        rows.iter()
            .map(|r| {
                Ok(QuarantinedMessage {
                    seq: r.try_get(0)?,
                    at: labourlink_protocol::time::Timestamp::from_unix_millis(r.try_get(1)?),
                    code: r.try_get(2)?,
                    digest: r.try_get(3)?,
                    bytes: r.try_get(4)?,
                    truncated: r.try_get(5)?,
                })
            })
            .collect::<std::result::Result<Vec<_>, postgres::Error>>()
            .map_err(|e| corrupt(format!("PostgreSQL: a quarantine row cannot be read ({e})")))
    }

    fn purge_quarantine(&mut self, before: i64, limit: u64) -> Result<u64> {
        let s = self.stmt(
            "DELETE FROM ll_quarantine WHERE seq IN
             (SELECT seq FROM ll_quarantine WHERE at < $1 LIMIT $2)",
        )?;
        self.client
            .execute(&s, &[&before, &to_i64(limit)])
            .map(count)
            .map_err(|e| pg_err(&e))
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
        self.ready()?;
        let table = kind.table();
        let rows = self
            .client
            .query(
                &format!(
                    "SELECT anchor, sequence, digest, jws, accepted_at FROM {table} ORDER BY anchor"
                ),
                &[],
            )
            .map_err(|e| pg_err(&e))?;
        rows.iter().map(signed_row).collect()
    }
}

/// The last accepted anchor-signed document per anchor: `ll_trust_state` (trust lists) or
/// `ll_reference_state` (reference data); `table` is [`SignedKind::table`].
impl PostgresBackend {
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
        self.ready()?;
        let mut tx = self.client.transaction().map_err(|e| pg_err(&e))?;
        // The sequence goes on across anchors (a rotation signs `--after` the old anchor's last
        // list): older than the newest document of any anchor, or as new with other content,
        // is a rollback — an old anchor's genuine older list during an overlap too. The lock
        // (which conflicts with itself) takes updates of the table one at a time, so two
        // documents of different anchors cannot both pass this check.
        tx.batch_execute(&format!("LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE"))
            .map_err(|e| pg_err(&e))?;
        // The documents recorded so far, read under that lock: no other process records one
        // between this check and the write (review s42b F7).
        let earlier = tx
            .query(
                &format!(
                    "SELECT anchor, sequence, digest, jws, accepted_at FROM {table} ORDER BY anchor"
                ),
                &[],
            )
            .map_err(|e| pg_err(&e))?
            .iter()
            .map(signed_row)
            .collect::<Result<Vec<_>>>()?;
        check(&earlier)?;
        let newest = tx
            .query_opt(
                &format!("SELECT sequence, digest FROM {table} ORDER BY sequence DESC LIMIT 1"),
                &[],
            )
            .map_err(|e| pg_err(&e))?;
        if let Some(row) = newest {
            let stored: i64 = row.try_get(0).map_err(|e| pg_err(&e))?;
            let stored_digest: String = row.try_get(1).map_err(|e| pg_err(&e))?;
            if stored > sequence || (stored == sequence && stored_digest != digest) {
                return Ok(TrustOutcome::Rollback {
                    stored_sequence: stored,
                });
            }
        }
        for anchor in anchors {
            // The upsert locks the anchor's row: a concurrent update of the same anchor
            // waits, then compares with what this one committed.
            let n = tx
                .execute(
                    &format!(
                        "INSERT INTO {table} (anchor, sequence, digest, jws, accepted_at)
                     VALUES ($1, $2, $3, $4, $5)
                     ON CONFLICT (anchor) DO UPDATE
                     SET sequence = EXCLUDED.sequence, digest = EXCLUDED.digest,
                         jws = EXCLUDED.jws, accepted_at = EXCLUDED.accepted_at
                     WHERE {table}.sequence < EXCLUDED.sequence"
                    ),
                    &[anchor, &sequence, &digest, &jws, &now],
                )
                .map_err(|e| pg_err(&e))?;
            if n == 1 {
                continue;
            }
            let row = tx
                .query_one(
                    &format!("SELECT sequence, digest FROM {table} WHERE anchor = $1"),
                    &[anchor],
                )
                .map_err(|e| pg_err(&e))?;
            let stored: i64 = row.try_get(0).map_err(|e| pg_err(&e))?;
            let stored_digest: String = row.try_get(1).map_err(|e| pg_err(&e))?;
            if stored != sequence || stored_digest != digest {
                // Dropping the transaction rolls back the anchors already updated.
                return Ok(TrustOutcome::Rollback {
                    stored_sequence: stored,
                });
            }
        }
        tx.commit().map_err(|e| pg_err(&e))?;
        Ok(TrustOutcome::Accepted)
    }

    fn signed_state(
        &mut self,
        table: &str,
        anchor: Option<&str>,
    ) -> Result<Option<StoredTrustList>> {
        self.ready()?;
        let row = self
            .client
            .query_opt(
                &format!(
                    "SELECT anchor, sequence, digest, jws, accepted_at FROM {table}
                 WHERE $1::text IS NULL OR anchor = $1 ORDER BY sequence DESC, anchor LIMIT 1"
                ),
                &[&anchor],
            )
            .map_err(|e| pg_err(&e))?;
        row.as_ref().map(signed_row).transpose()
    }
}

/// A row of `ll_trust_state` or `ll_reference_state` (anchor, sequence, digest, jws,
/// accepted_at).
fn signed_row(r: &postgres::Row) -> Result<StoredTrustList> {
    let read = || -> std::result::Result<_, postgres::Error> {
        Ok((
            r.try_get::<_, String>(0)?,
            r.try_get::<_, i64>(1)?,
            r.try_get::<_, String>(2)?,
            r.try_get::<_, Vec<u8>>(3)?,
            r.try_get::<_, i64>(4)?,
        ))
    };
    let (a, s, d, j, t) = read()
        .map_err(|e| corrupt(format!("PostgreSQL: a trust-list row cannot be read ({e})")))?;
    stored_trust_list(a, s, d, j, t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CaseParty, CaseStatus};

    /// A connection without settings of its own gets labourlink's timeouts (10 s to connect,
    /// 30 s of unacknowledged data before a silent database is given up); the URL's win.
    #[test]
    fn connections_have_bounded_timeouts_unless_the_url_sets_them() {
        let (c, _) = PostgresBackend::config("postgresql://ll@127.0.0.1:1/db")
            .unwrap_or_else(|e| unreachable!("{e}"));
        assert_eq!(c.get_tcp_user_timeout(), Some(&TCP_USER_TIMEOUT));
        assert_eq!(c.get_connect_timeout(), Some(&Duration::from_secs(10)));
        let (c, _) = PostgresBackend::config(
            "postgresql://ll@127.0.0.1:1/db?tcp_user_timeout=5&connect_timeout=3",
        )
        .unwrap_or_else(|e| unreachable!("{e}"));
        assert_eq!(c.get_tcp_user_timeout(), Some(&Duration::from_secs(5)));
        assert_eq!(c.get_connect_timeout(), Some(&Duration::from_secs(3)));
    }

    #[test]
    fn a_url_without_a_password_takes_pgpassword() {
        let env = |name: &str| (name == "PGPASSWORD").then(|| "from-env".to_owned());
        let (c, _) = PostgresBackend::config_with("postgresql://ll@127.0.0.1:1/db", &env)
            .unwrap_or_else(|e| unreachable!("{e}"));
        assert_eq!(c.get_password(), Some(&b"from-env"[..]));
        // A password in the URL wins; none anywhere stays none.
        let (c, _) = PostgresBackend::config_with("postgresql://ll:given@127.0.0.1:1/db", &env)
            .unwrap_or_else(|e| unreachable!("{e}"));
        assert_eq!(c.get_password(), Some(&b"given"[..]));
        let (c, _) = PostgresBackend::config_with("postgresql://ll@127.0.0.1:1/db", &|_| None)
            .unwrap_or_else(|e| unreachable!("{e}"));
        assert_eq!(c.get_password(), None);
    }

    #[test]
    fn a_raw_at_sign_in_the_password_is_named_without_showing_the_password() {
        // Refused before any connection is tried (the port is closed anyway).
        let err = PostgresBackend::connect("postgresql://ll:se@cret@127.0.0.1:1/db")
            .err()
            .map(|e| (e.code(), e.message().to_owned()));
        let (code, message) = err.unwrap_or((
            labourlink_protocol::ErrorCode::InternalCrypto,
            String::new(),
        ));
        assert_eq!(code, labourlink_protocol::ErrorCode::InputInvalid);
        assert!(message.contains("%40"), "{message}");
        assert!(
            !message.contains("se@cret") && !message.contains("cret"),
            "{message}"
        );
        // One @ (or an encoded one) passes this check.
        assert!(check_userinfo("postgresql://ll:se%40cret@127.0.0.1:1/db").is_ok());
        assert!(check_userinfo("postgresql://ll@h/db?sslmode=require").is_ok());
        assert!(check_userinfo("postgresql://h/db?options=a@b").is_ok());
    }

    fn write(case: &str, id: usize, issued: i64, status: Option<CaseStatus>) -> CaseWrite {
        CaseWrite {
            case_id: case.to_owned(),
            case_type: "t".to_owned(),
            from: CaseParty::new("1", "a"),
            to: CaseParty::new("2", "b"),
            message_type: "m".to_owned(),
            message_id: id.to_string(),
            issued_ms: issued,
            in_reply_to: None,
            status,
            awaited: String::new(),
            due_on: None,
            deadline: None,
            now_ms: 0,
        }
    }

    /// The case table after `writes` one by one, as CASE_UPSERT / CASE_UPDATE do it:
    /// case → (message that opened it, message that last set it, its issued_at, its sender).
    #[allow(clippy::type_complexity)]
    fn apply(
        mut table: HashMap<String, (String, String, i64, String)>,
        writes: &[&CaseWrite],
    ) -> HashMap<String, (String, String, i64, String)> {
        for w in writes {
            match table.get_mut(&w.case_id) {
                None => {
                    table.insert(
                        w.case_id.clone(),
                        (
                            w.message_id.clone(),
                            w.message_id.clone(),
                            w.issued_ms,
                            w.from.region.clone(),
                        ),
                    );
                }
                Some(row) => {
                    let reply = w.in_reply_to.as_ref() == Some(&row.1) && row.3 == w.to.region;
                    if w.status.is_some() && (row.2 <= w.issued_ms || reply) {
                        row.1.clone_from(&w.message_id);
                        row.2 = w.issued_ms;
                        row.3.clone_from(&w.from.region);
                    }
                }
            }
        }
        table
    }

    /// The collapsed writes leave every case as the writes one by one would, from an empty
    /// table and from one holding the cases already.
    #[test]
    fn collapsed_case_writes_leave_the_same_state() {
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        for round in 0..2000 {
            let len = usize::try_from(1 + next(8)).unwrap_or(1);
            let writes: Vec<CaseWrite> = (0..len)
                .map(|i| {
                    let case = ["A", "B"][usize::try_from(next(2)).unwrap_or(0)];
                    let status = match next(3) {
                        0 => None,
                        1 => Some(CaseStatus::Open),
                        _ => Some(CaseStatus::Closed),
                    };
                    let mut w = write(case, i, i64::try_from(next(4)).unwrap_or(0), status);
                    // Either party sends it (a reply names the other party's message).
                    if next(2) == 0 {
                        std::mem::swap(&mut w.from, &mut w.to);
                    }
                    // Now and then a reply to an earlier write (or to the seeded row).
                    if next(3) == 0 {
                        let to = next(u64::try_from(i).unwrap_or(0) + 1);
                        w.in_reply_to = Some(if to == 0 && round % 2 == 1 {
                            "x".to_owned()
                        } else {
                            to.saturating_sub(1).to_string()
                        });
                    }
                    w
                })
                .collect();
            let refs: Vec<&CaseWrite> = writes.iter().collect();
            let collapsed = collapse_cases(&refs);
            let mut before = HashMap::new();
            if round % 2 == 1 {
                before.insert(
                    "A".to_owned(),
                    ("x".to_owned(), "x".to_owned(), 2, "2".to_owned()),
                );
            }
            assert_eq!(
                apply(before.clone(), &refs),
                apply(before, &collapsed),
                "round {round}"
            );
        }
    }
}
