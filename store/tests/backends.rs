//! The shared backend suite: every test runs on SQLite (a file in a temporary directory) and
//! on a real PostgreSQL (a fresh schema per test in the database named by
//! `LABOURLINK_TEST_POSTGRES_URL`). Without that variable the PostgreSQL half prints SKIP on
//! standard error and passes — unless `LABOURLINK_REQUIRE_POSTGRES=1` (CI), where it fails.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write as _;
use std::path::PathBuf;
use std::sync::{Arc, Barrier};

use labourlink::envelope::{Document, Party};
use labourlink::keys::SigningKey;
use labourlink::time::{FixedClock, Timestamp};
use labourlink::trust::{Anchor, KeyRecord, TrustList};
use labourlink::verify::{ReplayGuard, ReplayKey, Verifier};
use labourlink::{ErrorCode, sign};
use labourlink_store::{Direction, NewMessage, PurgeOptions, Store};

enum Db {
    Sqlite(PathBuf),
    Postgres { url: String, admin: String },
}

impl Db {
    fn sqlite(name: &str) -> Self {
        let dir =
            std::env::temp_dir().join(format!("labourlink-store-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Self::Sqlite(dir.join("store.db"))
    }

    fn postgres(name: &str) -> Option<Self> {
        let Ok(admin) = std::env::var("LABOURLINK_TEST_POSTGRES_URL") else {
            assert!(
                std::env::var("LABOURLINK_REQUIRE_POSTGRES").as_deref() != Ok("1"),
                "LABOURLINK_REQUIRE_POSTGRES=1 but LABOURLINK_TEST_POSTGRES_URL is not set"
            );
            // Straight to the file descriptor: the test harness does not capture this line.
            let _ = writeln!(
                std::io::stderr(),
                "SKIP postgres::{name}: LABOURLINK_TEST_POSTGRES_URL is not set (source .ci/postgres.sh; pg_start && pg_env)"
            );
            return None;
        };
        let schema = format!("t_{name}_{}", std::process::id());
        let mut c = ::postgres::Client::connect(&admin, ::postgres::NoTls).unwrap();
        c.batch_execute(&format!(
            "SET client_min_messages = warning; DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}"
        ))
        .unwrap();
        let sep = if admin.contains('?') { '&' } else { '?' };
        let url = format!("{admin}{sep}options=-c%20search_path%3D{schema}");
        Some(Self::Postgres { url, admin: schema })
    }

    fn url(&self) -> String {
        match self {
            Self::Sqlite(p) => format!("sqlite://{}", p.display()),
            Self::Postgres { url, .. } => url.clone(),
        }
    }

    /// Runs SQL directly against the database (as an operator or an attacker would).
    fn exec(&self, sql: &str) -> Result<(), String> {
        match self {
            Self::Sqlite(p) => rusqlite::Connection::open(p)
                .unwrap()
                .execute_batch(sql)
                .map_err(|e| e.to_string()),
            Self::Postgres { url, .. } => ::postgres::Client::connect(url, ::postgres::NoTls)
                .unwrap()
                .batch_execute(sql)
                .map_err(|e| {
                    e.as_db_error()
                        .map_or(e.to_string(), |d| d.message().to_owned())
                }),
        }
    }
}

impl Drop for Db {
    fn drop(&mut self) {
        match self {
            Self::Sqlite(p) => {
                if let Some(d) = p.parent() {
                    let _ = std::fs::remove_dir_all(d);
                }
            }
            Self::Postgres { url, admin } => {
                if let Ok(mut c) = ::postgres::Client::connect(url, ::postgres::NoTls) {
                    let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {admin} CASCADE"));
                }
            }
        }
    }
}

macro_rules! suite {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $( #[test] fn $name() { super::$name(&super::Db::sqlite(stringify!($name))); } )*
        }
        mod postgres {
            $( #[test] fn $name() {
                if let Some(db) = super::Db::postgres(stringify!($name)) { super::$name(&db); }
            } )*
        }
    };
}

suite!(
    init_open_and_versions,
    newer_schema_is_refused,
    replay_duplicate_conflict_and_expiry,
    replay_survives_reopen,
    purge_is_bounded_and_keeps_live_records,
    archive_is_append_only,
    retention_drops_bodies_keeps_audit,
    quarantine_is_bounded,
    trust_list_rollback_after_restart,
    concurrent_delivery_accepts_exactly_once,
    receive_archives_quarantines_and_repairs,
);

fn t(s: i64) -> Timestamp {
    Timestamp::from_unix_seconds(s)
}

fn key<'a>(id: &'a str) -> ReplayKey<'a> {
    ReplayKey {
        region: "513400",
        agency: "LS-SI",
        id,
    }
}

fn init_open_and_versions(db: &Db) {
    let err = Store::open(&db.url()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::StoreNotInitialized, "{err}");
    let s = Store::init(&db.url()).unwrap();
    assert_eq!(
        s.schema_version().unwrap(),
        labourlink_store::SCHEMA_VERSION
    );
    drop(s);
    // init again and open: the existing store is kept.
    Store::init(&db.url()).unwrap();
    let s = Store::open(&db.url()).unwrap();
    assert_eq!(s.archive_len().unwrap(), 0);
}

fn newer_schema_is_refused(db: &Db) {
    drop(Store::init(&db.url()).unwrap());
    db.exec("INSERT INTO ll_schema (version, applied_at) VALUES (99, 0)")
        .unwrap();
    for r in [Store::open(&db.url()), Store::init(&db.url())] {
        let e = r.unwrap_err();
        assert_eq!(e.code(), ErrorCode::StoreSchemaTooNew, "{e}");
        assert!(e.message().contains("99"), "{e}");
    }
}

fn replay_duplicate_conflict_and_expiry(db: &Db) {
    let s = Store::init(&db.url()).unwrap();
    s.check_and_record(&key("a"), "d1", t(0), t(100)).unwrap();
    let dup = s
        .check_and_record(&key("a"), "d1", t(10), t(100))
        .unwrap_err();
    assert_eq!(dup.code(), ErrorCode::ReplayDuplicate);
    assert_eq!(
        dup,
        labourlink::verify::replay_error(&key("a"), true),
        "same text as the in-memory guard"
    );
    let conflict = s
        .check_and_record(&key("a"), "d2", t(10), t(100))
        .unwrap_err();
    assert_eq!(conflict.code(), ErrorCode::ReplayConflict);
    // Another issuer may use the same id.
    let other = ReplayKey {
        agency: "LS-HR",
        ..key("a")
    };
    s.check_and_record(&other, "d2", t(10), t(100)).unwrap();
    // Kept up to and including keep_until…
    assert_eq!(
        s.check_and_record(&key("a"), "d1", t(100), t(200))
            .unwrap_err()
            .code(),
        ErrorCode::ReplayDuplicate
    );
    // …and replaced once it has expired (the message could no longer verify anyway).
    s.check_and_record(&key("a"), "d3", t(101), t(300)).unwrap();
    assert_eq!(
        s.check_and_record(&key("a"), "d3", t(102), t(300))
            .unwrap_err()
            .code(),
        ErrorCode::ReplayDuplicate
    );
}

fn replay_survives_reopen(db: &Db) {
    let s = Store::init(&db.url()).unwrap();
    s.check_and_record(&key("x"), "d", t(0), t(1000)).unwrap();
    drop(s);
    let s = Store::open(&db.url()).unwrap();
    assert_eq!(
        s.check_and_record(&key("x"), "d", t(5), t(1000))
            .unwrap_err()
            .code(),
        ErrorCode::ReplayDuplicate
    );
}

fn purge_is_bounded_and_keeps_live_records(db: &Db) {
    let s = Store::init(&db.url()).unwrap();
    for i in 0..25 {
        s.check_and_record(&key(&format!("old{i}")), "d", t(0), t(50))
            .unwrap();
    }
    s.check_and_record(&key("live"), "d", t(0), t(1000))
        .unwrap();
    let opts = PurgeOptions::default().batch(10).max_batches(2);
    let r = s.purge(t(100), opts).unwrap();
    assert_eq!(r.replay_records, 20);
    assert!(r.more, "the bound stopped the job");
    let r = s.purge(t(100), opts).unwrap();
    assert_eq!(r.replay_records, 5);
    assert!(!r.more);
    // The live record is still there.
    assert_eq!(
        s.check_and_record(&key("live"), "d", t(100), t(1000))
            .unwrap_err()
            .code(),
        ErrorCode::ReplayDuplicate
    );
    // The purged ones are gone (and could be recorded again).
    s.check_and_record(&key("old3"), "d", t(100), t(1000))
        .unwrap();
}

fn message(id: &str, at: i64) -> NewMessage {
    let clock = FixedClock(t(1_795_000_000));
    let partner = SigningKey::from_ed25519_seed(&[2; 32], "513400-si-2026a").unwrap();
    let doc = Document::builder(
        "receipt",
        Party::new("513400", "LS-SI"),
        Party::new("330200", "NB-SI"),
    )
    .id(id)
    .case("513400-SI-2026-000001", "social_insurance.pension_transfer")
    .body(serde_json::json!({"status": "accepted"}))
    .build(&clock)
    .unwrap();
    let jws = sign(&doc.to_value(), &[&partner]).unwrap();
    NewMessage::from_jws(Direction::Received, jws.as_bytes(), t(at)).unwrap()
}

const ID1: &str = "01a1340f-9980-7f57-9108-b4def719f101";
const ID2: &str = "01a1340f-9980-7f57-9108-b4def719f102";

fn archive_is_append_only(db: &Db) {
    let s = Store::init(&db.url()).unwrap();
    let m = message(ID1, 10);
    assert!(s.archive(&m).unwrap());
    assert!(
        !s.archive(&m).unwrap(),
        "the same message again: no new row"
    );
    assert_eq!(s.archive_len().unwrap(), 1);
    let a = s
        .archived(Direction::Received, "513400", "LS-SI", ID1)
        .unwrap()
        .unwrap();
    assert_eq!(a.jws.as_deref(), Some(&m.jws[..]));
    assert_eq!(a.digest, m.digest);
    assert_eq!(a.message_type, "receipt");
    assert_eq!(a.case_id.as_deref(), Some("513400-SI-2026-000001"));
    assert_eq!(
        (a.to_region.as_str(), a.to_agency.as_str()),
        ("330200", "NB-SI")
    );
    assert_eq!(a.at, t(10));
    // The database itself refuses rewrites and deletions.
    for sql in [
        "UPDATE ll_message SET digest = 'x'",
        "UPDATE ll_message SET jws = 'x'",
        "UPDATE ll_message SET outcome = 'rejected'",
        "DELETE FROM ll_message",
    ] {
        let e = db.exec(sql).unwrap_err();
        assert!(e.contains("append-only"), "{sql}: {e}");
    }
    assert_eq!(s.archive_len().unwrap(), 1);
}

fn retention_drops_bodies_keeps_audit(db: &Db) {
    let s = Store::init(&db.url()).unwrap();
    s.archive(&message(ID1, 0)).unwrap();
    s.archive(&message(ID2, 40 * 86_400)).unwrap();
    let r = s
        .purge(
            t(45 * 86_400),
            PurgeOptions::default().retention_days(Some(30)),
        )
        .unwrap();
    assert_eq!(r.bodies, 1);
    let old = s
        .archived(Direction::Received, "513400", "LS-SI", ID1)
        .unwrap()
        .unwrap();
    assert_eq!(old.jws, None);
    assert_eq!(old.body_purged_at, Some(t(45 * 86_400)));
    assert_eq!(old.outcome, "accepted");
    assert!(!old.digest.is_empty());
    let new = s
        .archived(Direction::Received, "513400", "LS-SI", ID2)
        .unwrap()
        .unwrap();
    assert!(new.jws.is_some());
    // Once purged, the body cannot be put back.
    let e = db
        .exec("UPDATE ll_message SET jws = 'x' WHERE jws IS NULL")
        .unwrap_err();
    assert!(e.contains("append-only"), "{e}");
}

fn quarantine_is_bounded(db: &Db) {
    let s = Store::init(&db.url()).unwrap().with_quarantine_capacity(3);
    let err = labourlink::Error::new(ErrorCode::SignatureInvalid, "signature is invalid");
    for i in 0..5u8 {
        s.quarantine(&[b'x', i], &err, t(i64::from(i))).unwrap();
    }
    let q = s.quarantined(10).unwrap();
    assert_eq!(q.len(), 3);
    assert_eq!(q[0].bytes, vec![b'x', 4], "newest first");
    assert_eq!(q[2].bytes, vec![b'x', 2]);
    assert_eq!(q[0].code, "signature.invalid");
    assert!(!q[0].truncated);
    let big = vec![b'y'; labourlink_store::QUARANTINE_MAX_BYTES + 10];
    s.quarantine(&big, &err, t(9)).unwrap();
    let q = s.quarantined(1).unwrap();
    assert!(q[0].truncated);
    assert_eq!(q[0].bytes.len(), labourlink_store::QUARANTINE_MAX_BYTES);
    let r = s
        .purge(
            t(86_400 * 2),
            PurgeOptions::default().retention_days(Some(1)),
        )
        .unwrap();
    assert_eq!(r.quarantined, 3);
    assert!(s.quarantined(10).unwrap().is_empty());
}

fn keys() -> (SigningKey, SigningKey) {
    (
        SigningKey::from_ed25519_seed(&[1; 32], "330200-anchor-1").unwrap(),
        SigningKey::from_ed25519_seed(&[2; 32], "513400-si-2026a").unwrap(),
    )
}

/// A signed trust list with the partner key, and its loaded form.
fn signed_list(sequence: u64, next_update: &str) -> (Vec<u8>, TrustList) {
    let (anchor, partner) = keys();
    let clock = FixedClock(Timestamp::parse("2026-11-27T08:00:00Z").unwrap());
    let mut list = TrustList::new(sequence, Timestamp::parse(next_update).unwrap());
    list.add_key(KeyRecord::new(
        "513400-si-2026a",
        "513400",
        "LS-SI",
        partner.verifying_key(),
        Timestamp::parse("2026-01-01T00:00:00Z").unwrap(),
        None,
        vec!["receipt".into()],
    ))
    .unwrap();
    let issuer = Party::new("330200", "330200-trust-anchor");
    let jws = list.sign(&anchor, issuer, &clock).unwrap();
    let loaded = TrustList::load(
        jws.as_bytes(),
        &[Anchor::new(anchor.kid(), anchor.verifying_key())],
        &clock,
        labourlink::trust::DEFAULT_GRACE_SECONDS,
    )
    .unwrap();
    (jws.into_bytes(), loaded)
}

fn trust_list_rollback_after_restart(db: &Db) {
    let now = t(1_795_000_000);
    let (j2, l2) = signed_list(2, "2027-01-01T00:00:00Z");
    let (j2b, l2b) = signed_list(2, "2027-02-01T00:00:00Z");
    let (j1, l1) = signed_list(1, "2027-01-01T00:00:00Z");
    let (j3, l3) = signed_list(3, "2027-01-01T00:00:00Z");
    let s = Store::init(&db.url()).unwrap();
    assert!(s.trust_list(None).unwrap().is_none());
    s.accept_trust_list(&j2, &l2, now).unwrap();
    s.accept_trust_list(&j2, &l2, now).unwrap();
    drop(s);
    // After a restart: lower, and equal with other content, are rollbacks.
    let s = Store::open(&db.url()).unwrap();
    for (j, l) in [(&j1, &l1), (&j2b, &l2b)] {
        let e = s.accept_trust_list(j, l, now).unwrap_err();
        assert_eq!(e.code(), ErrorCode::TrustListRollback, "{e}");
    }
    let stored = s.trust_list(Some("330200-anchor-1")).unwrap().unwrap();
    assert_eq!((stored.sequence, stored.jws.as_slice()), (2, j2.as_slice()));
    s.accept_trust_list(&j3, &l3, now).unwrap();
    let latest = s.trust_list(None).unwrap().unwrap();
    assert_eq!(latest.sequence, 3);
    assert_eq!(latest.anchor, "330200-anchor-1");
    assert_eq!(latest.jws, j3);
    // The stored list loads as the last good one (the source being unreachable).
    let (anchor, _) = keys();
    let reloaded = TrustList::load(
        &latest.jws,
        &[Anchor::new(anchor.kid(), anchor.verifying_key())],
        &FixedClock(Timestamp::parse("2026-11-28T00:00:00Z").unwrap()),
        0,
    )
    .unwrap();
    assert_eq!(reloaded.sequence, 3);
}

fn concurrent_delivery_accepts_exactly_once(db: &Db) {
    drop(Store::init(&db.url()).unwrap());
    const N: usize = 8;
    // Each thread has its own store (its own connection), like separate processes.
    let stores: Vec<Arc<Store>> = (0..N)
        .map(|_| Arc::new(Store::open(&db.url()).unwrap()))
        .collect();
    for round in 0..5 {
        let barrier = Arc::new(Barrier::new(N));
        let id = format!("msg-{round}");
        let handles: Vec<_> = stores
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let (s, b, id) = (Arc::clone(s), Arc::clone(&barrier), id.clone());
                std::thread::spawn(move || {
                    // Half the threads deliver the message, half a conflicting one.
                    let digest = if i % 2 == 0 { "same" } else { "other" };
                    b.wait();
                    (
                        digest,
                        s.check_and_record(&key(&id), digest, t(0), t(1000))
                            .map_err(|e| e.code()),
                    )
                })
            })
            .collect();
        let results: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
        let winners: Vec<_> = results.iter().filter(|(_, r)| r.is_ok()).collect();
        assert_eq!(winners.len(), 1, "round {round}: {results:?}");
        let won = winners[0].0;
        for (d, r) in &results {
            if let Err(code) = r {
                let want = if *d == won {
                    ErrorCode::ReplayDuplicate
                } else {
                    ErrorCode::ReplayConflict
                };
                assert_eq!(*code, want, "round {round}: {results:?}");
            }
        }
    }
}

fn receive_archives_quarantines_and_repairs(db: &Db) {
    let (_, partner) = keys();
    let now = Timestamp::parse("2026-11-27T09:00:00Z").unwrap();
    let clock = FixedClock(now);
    let (_, list) = signed_list(1, "2027-01-01T00:00:00Z");
    let store = Arc::new(Store::init(&db.url()).unwrap());
    let verifier = Verifier::builder()
        .trust_list(list)
        .region("330200")
        .clock(clock)
        .replay_guard(Arc::clone(&store) as Arc<dyn ReplayGuard>)
        .build()
        .unwrap();
    let receipt = |n: u8| {
        let doc = Document::builder(
            "receipt",
            Party::new("513400", "LS-SI"),
            Party::new("330200", "NB-SI"),
        )
        .in_reply_to("01a1340f-9980-7f57-9108-b4def719f101")
        .body(serde_json::json!({
            "received_id": "01a1340f-9980-7f57-9108-b4def719f101",
            "received_digest": format!("B_zY3nqQ8y732wFt3HkWnz8VqHsHfi9UaA5L6Hwoms{}", ["A", "E", "I", "M"][usize::from(n)]),
            "status": "accepted"}))
        .build(&clock)
        .unwrap();
        sign(&doc.to_value(), &[&partner]).unwrap().into_bytes()
    };
    let m1 = receipt(0);
    let v = store.receive(&verifier, &m1, now).unwrap();
    let a = store
        .archived(Direction::Received, "513400", "LS-SI", v.id())
        .unwrap()
        .unwrap();
    assert_eq!(a.jws.as_deref(), Some(&m1[..]));
    assert_eq!(a.outcome, "accepted");
    // Redelivery: replay.duplicate, archived once, not quarantined.
    let e = store.receive(&verifier, &m1, now).unwrap_err();
    assert_eq!(e.code(), ErrorCode::ReplayDuplicate);
    assert_eq!(store.archive_len().unwrap(), 1);
    assert!(store.quarantined(10).unwrap().is_empty());
    // A tampered message goes to the quarantine with its code.
    let bad = String::from_utf8(m1.clone())
        .unwrap()
        .replacen("eyJ", "eyK", 1);
    let e = store.receive(&verifier, bad.as_bytes(), now).unwrap_err();
    let q = store.quarantined(10).unwrap();
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].code, e.code().as_str());
    assert_eq!(q[0].bytes, bad.as_bytes());
    // A crash after the replay record and before the archive entry: the redelivery is a
    // duplicate, and the archive entry is written then.
    let m2 = receipt(1);
    let v2 = verifier.verify_at(&m2, now).unwrap();
    assert!(
        store
            .archived(Direction::Received, "513400", "LS-SI", v2.id())
            .unwrap()
            .is_none()
    );
    let e = store.receive(&verifier, &m2, now).unwrap_err();
    assert_eq!(e.code(), ErrorCode::ReplayDuplicate);
    let a2 = store
        .archived(Direction::Received, "513400", "LS-SI", v2.id())
        .unwrap()
        .unwrap();
    assert_eq!(a2.digest, v2.digest());
    assert_eq!(a2.at, now);
    assert_eq!(store.archive_len().unwrap(), 2);
}
