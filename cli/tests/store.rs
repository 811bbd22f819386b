//! `labourlink verify --store` and `labourlink store …` as a user runs them, on SQLite and on a
//! real PostgreSQL (`LABOURLINK_TEST_POSTGRES_URL`; SKIP printed when absent, a failure under
//! `LABOURLINK_REQUIRE_POSTGRES=1`), and a crash test: `verify --batch --store` killed with
//! SIGKILL at several points.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{BufRead as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use labourlink::envelope::{Document, Party};
use labourlink::keys::SigningKey;
use labourlink::time::{FixedClock, Timestamp};
use labourlink_store::{Direction, Store};

mod common;
use common::{bin, ok, run, text};

fn tmpdir(name: &str) -> PathBuf {
    common::tmpdir("store", name)
}

/// Keys, trust lists of sequence 1 and 2 (tl1.jws, tl2.jws; tl.jws = tl2), and a signer.
fn setup(dir: &Path) -> SigningKey {
    ok(
        dir,
        &[
            "keygen",
            "--alg",
            "Ed25519",
            "--out",
            "anchor.pem",
            "--public-out",
            "anchor.jwk",
            "--kid",
            "330200-anchor-1",
        ],
    );
    ok(
        dir,
        &[
            "keygen",
            "--alg",
            "Ed25519",
            "--out",
            "ls.pem",
            "--public-out",
            "ls.jwk",
        ],
    );
    for seq in ["1", "2"] {
        ok(
            dir,
            &[
                "trust-list",
                "new",
                "--out",
                "tl.json",
                "--sequence",
                seq,
                "--next-update",
                "2027-06-01T00:00:00Z",
                // The second round replaces the first draft.
                "--force",
            ],
        );
        ok(
            dir,
            &[
                "trust-list",
                "add-key",
                "tl.json",
                "--kid",
                "ls-1",
                "--region",
                "513400",
                "--agency",
                "LS",
                "--public",
                "ls.jwk",
                "--types",
                "receipt",
                "--valid-from",
                "2026-01-01T00:00:00Z",
            ],
        );
        let out = format!("tl{seq}.jws");
        ok(
            dir,
            &[
                "trust-list",
                "sign",
                "tl.json",
                "--key",
                "anchor.pem",
                "--kid",
                "330200-anchor-1",
                "--out",
                &out,
                "--at",
                "2026-11-27T08:00:00Z",
            ],
        );
    }
    std::fs::copy(dir.join("tl2.jws"), dir.join("tl.jws")).unwrap();
    let pem = std::fs::read_to_string(dir.join("ls.pem")).unwrap();
    SigningKey::from_pem(&pem, "ls-1").unwrap()
}

/// A signed receipt from Liangshan to Ningbo with a fresh id.
fn receipt(key: &SigningKey, n: usize) -> String {
    let clock = FixedClock(Timestamp::parse("2026-11-27T08:00:00Z").unwrap());
    let digest = format!("gBLsgOpVawKmVsNppvuaHTwUDiAS3Kfn4rc-_FD{:03}s", n % 1000);
    let doc = Document::builder(
        "receipt",
        Party::new("513400", "LS"),
        Party::new("330200", "NB"),
    )
    .in_reply_to("01a21c04-b400-7000-8000-000000000001")
    .body(serde_json::json!({
            "received_id": "01a21c04-b400-7000-8000-000000000001",
            "received_digest": digest,
            "status": "accepted"}))
    .build(&clock)
    .unwrap();
    labourlink::sign(&doc.to_value(), &[key]).unwrap()
}

fn verify_args<'a>(store: &'a str, tl: &'a str) -> Vec<&'a str> {
    vec![
        "verify",
        "--trust-list",
        tl,
        "--anchor",
        "anchor.jwk",
        "--at",
        "2026-11-27T09:00:00Z",
        "--region",
        "330200",
        "--json",
        "--store",
        store,
        // Test stores, judged as of a fixed day.
        "--dangerous-archive-time",
    ]
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|_| panic!("not JSON: {}", text(o)))
}

/// The user-visible flow on one store URL.
fn verify_with_store(dir: &Path, url: &str) {
    let key = setup(dir);
    std::fs::write(dir.join("m1.jws"), receipt(&key, 1)).unwrap();
    // Not initialised: refused, not silently created.
    let o = run(dir, &[verify_args(url, "tl.jws"), vec!["m1.jws"]].concat());
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(json(&o)["code"], "store.not_initialized", "{}", text(&o));
    assert!(
        text(&ok(dir, &["store", "init", "--store", url])).contains(&format!(
            "schema version {}",
            labourlink_store::SCHEMA_VERSION
        ))
    );
    assert!(text(&ok(dir, &["store", "migrate", "--store", url])).contains("current"));
    let o = ok(dir, &[verify_args(url, "tl.jws"), vec!["m1.jws"]].concat());
    let first = json(&o);
    assert_eq!(first["status"], "accepted");
    // Another process (a restart): the replay record is still there.
    let o = run(dir, &[verify_args(url, "tl.jws"), vec!["m1.jws"]].concat());
    assert_eq!(json(&o)["code"], "replay.duplicate", "{}", text(&o));
    let store = Store::open(url).unwrap();
    let a = store
        .archived(
            Direction::Received,
            "513400",
            "LS",
            first["id"].as_str().unwrap(),
        )
        .unwrap()
        .unwrap();
    let first_id = first["id"].as_str().unwrap().to_owned();
    assert_eq!(a.jws.unwrap(), std::fs::read(dir.join("m1.jws")).unwrap());
    // Rollback of the trust list after a restart: sequence 2 was accepted, 1 is refused.
    std::fs::write(dir.join("m2.jws"), receipt(&key, 2)).unwrap();
    let o = run(dir, &[verify_args(url, "tl1.jws"), vec!["m2.jws"]].concat());
    assert_eq!(json(&o)["code"], "trust_list.rollback", "{}", text(&o));
    // The list's source unreachable: the stored list is used.
    let o = ok(
        dir,
        &[verify_args(url, "missing.jws"), vec!["m2.jws"]].concat(),
    );
    assert_eq!(json(&o)["status"], "accepted");
    assert!(
        text(&o).contains("last accepted into the store"),
        "{}",
        text(&o)
    );
    // Batch: accepted, garbage (quarantined), redelivery.
    let m3 = receipt(&key, 3);
    let batch = [
        m3.trim(),
        "garbage",
        m3.trim(),
        std::fs::read_to_string(dir.join("m1.jws")).unwrap().trim(),
    ]
    .join("\n");
    std::fs::write(dir.join("b.ndjson"), batch + "\n").unwrap();
    let mut args = verify_args(url, "tl.jws");
    args.retain(|a| *a != "--json");
    let o = run(
        dir,
        &[args, vec!["--batch", "b.ndjson", "--threads", "2"]].concat(),
    );
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let codes: Vec<&str> = lines
        .iter()
        .map(|l| l["code"].as_str().unwrap_or("accepted"))
        .collect();
    assert_eq!(
        codes,
        [
            "accepted",
            "json.syntax",
            "replay.duplicate",
            "replay.duplicate"
        ]
    );
    assert_eq!(store.archive_len().unwrap(), 3);
    let q = store.quarantined(10).unwrap();
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].code, "json.syntax");
    assert_eq!(q[0].bytes, b"garbage");
    // A forged signature under the partner's key id: quarantined; `archive quarantine` lists
    // what was rejected and the key each input claims (not verified), never its bytes.
    let mut forged: serde_json::Value = serde_json::from_str(&receipt(&key, 4)).unwrap();
    let sig = forged["signatures"][0]["signature"]
        .as_str()
        .unwrap()
        .to_owned();
    let flipped = if sig.starts_with('A') { "B" } else { "A" };
    forged["signatures"][0]["signature"] = format!("{flipped}{}", &sig[1..]).into();
    std::fs::write(dir.join("forged.jws"), forged.to_string()).unwrap();
    let o = run(
        dir,
        &[verify_args(url, "tl.jws"), vec!["forged.jws"]].concat(),
    );
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let listed: Vec<serde_json::Value> = String::from_utf8_lossy(
        &ok(dir, &["archive", "quarantine", "--store", url, "--json"]).stdout,
    )
    .lines()
    .map(|l| serde_json::from_str(l).unwrap())
    .collect();
    assert_eq!(listed.len(), 2, "{listed:?}");
    assert_eq!(listed[0]["code"], "signature.invalid");
    assert_eq!(listed[0]["claimed_kids"][0], key.kid());
    assert_eq!(listed[1]["code"], "json.syntax");
    assert_eq!(listed[1]["claimed_kids"], serde_json::json!([]));
    let only = ok(
        dir,
        &[
            "archive",
            "quarantine",
            "--store",
            url,
            "--code",
            "json.syntax",
            "--limit",
            "1",
        ],
    );
    // The newest one with that code, although a newer input was rejected with another.
    let only = text(&only);
    assert_eq!(only.lines().count(), 1, "{only}");
    assert!(only.contains("no readable signature header"), "{only}");
    assert!(!only.contains("garbage"), "the bytes are not shown: {only}");
    let o = ok(
        dir,
        &[
            "store",
            "purge",
            "--store",
            url,
            "--retention-days",
            "0",
            "--at",
            "2026-11-28T00:00:00Z",
        ],
    );
    assert!(text(&o).contains("3 message bod"), "{}", text(&o));
    // Their space given back (SQLite: the file rewritten; PostgreSQL: vacuumed).
    let o = ok(dir, &["store", "compact", "--store", url, "--json"]);
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(j["status"], "ok", "{j}");
    assert!(j["bytes_after"].as_u64().is_some_and(|n| n > 0), "{j}");
    let o = ok(dir, &["store", "compact", "--store", url]);
    assert!(text(&o).contains("compacted the store: "), "{}", text(&o));
    // A purged body: `archive show --jws` says so with a stable code (the metadata remains).
    let id = first_id.as_str();
    let o = run(dir, &["archive", "show", id, "--store", url, "--jws"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(
        text(&o).contains("store.not_found") && text(&o).contains("was purged at"),
        "{}",
        text(&o)
    );
    // A purge at a future time would delete live replay records: refused, nothing purged.
    let future = run(
        dir,
        &[
            "store",
            "purge",
            "--store",
            url,
            "--at",
            "2062-11-28T00:00:00Z",
        ],
    );
    assert_eq!(future.status.code(), Some(1), "{}", text(&future));
    assert!(
        text(&future).contains("input.invalid") && text(&future).contains("is later than now"),
        "{}",
        text(&future)
    );
    // `trust-list forget-anchor` (after an anchor's key leaked): what the store accepted from
    // it is forgotten, once; run against a copy, the store itself goes on below.
    let forgetting = format!("sqlite://{}", dir.join("forget.db").display());
    ok(dir, &["store", "copy", "--from", url, "--to", &forgetting]);
    let forget = [
        "trust-list",
        "forget-anchor",
        "--store",
        &forgetting,
        "--kid",
        "330200-anchor-1",
        "--json",
    ];
    let j: serde_json::Value = serde_json::from_slice(&ok(dir, &forget).stdout).unwrap();
    assert!(j["trust_list_sequence"].as_u64().is_some(), "{j}");
    let j: serde_json::Value = serde_json::from_slice(&ok(dir, &forget).stdout).unwrap();
    assert_eq!(j["trust_list_sequence"], serde_json::Value::Null, "{j}");
    // `store copy` refuses to copy a store into itself, however the path is spelt.
    if url.starts_with("sqlite://") {
        let other = format!(
            "sqlite://{}/../{}/store.db",
            dir.display(),
            dir.file_name().unwrap().to_string_lossy()
        );
        let o = run(dir, &["store", "copy", "--from", url, "--to", &other]);
        assert_eq!(o.status.code(), Some(1), "{}", text(&o));
        assert!(text(&o).contains("the same store"), "{}", text(&o));
    }
    // `store check`: the whole store read, nothing found.
    let o = ok(dir, &["store", "check", "--store", url, "--json"]);
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(j["status"], "ok", "{j}");
    // `store copy` into a new SQLite file (made by the copy): every row, the archive the same;
    // a second copy into it is refused (never a merge).
    let copy = format!("sqlite://{}", dir.join("copied.db").display());
    let o = ok(
        dir,
        &["store", "copy", "--from", url, "--to", &copy, "--json"],
    );
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(j["status"], "ok", "{j}");
    assert_eq!(j["rows"]["ll_message"], 3, "{j}");
    assert_eq!(j["rows"]["ll_replay"], 3, "{j}");
    let export =
        |store: &str| ok(dir, &["archive", "export", "--store", store, "--no-bodies"]).stdout;
    assert_eq!(export(url), export(&copy));
    let o = run(dir, &["store", "copy", "--from", url, "--to", &copy]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("is not empty"), "{}", text(&o));
}

#[test]
fn verify_with_store_sqlite() {
    let dir = tmpdir("sqlite");
    let url = format!("sqlite://{}", dir.join("store.db").display());
    verify_with_store(&dir, &url);
    let _ = std::fs::remove_dir_all(dir);
}

/// A fresh schema in the test database; `None` (SKIP printed) without a URL.
fn postgres_url(name: &str) -> Option<String> {
    let Ok(admin) = std::env::var("LABOURLINK_TEST_POSTGRES_URL") else {
        assert!(
            std::env::var("LABOURLINK_REQUIRE_POSTGRES").as_deref() != Ok("1"),
            "LABOURLINK_REQUIRE_POSTGRES=1 but LABOURLINK_TEST_POSTGRES_URL is not set"
        );
        let _ = writeln!(
            std::io::stderr(),
            "SKIP {name}: LABOURLINK_TEST_POSTGRES_URL is not set (source .ci/postgres.sh; pg_start && pg_env)"
        );
        return None;
    };
    let schema = format!("cli_{name}_{}", std::process::id());
    let mut c = postgres::Client::connect(&admin, postgres::NoTls).unwrap();
    c.batch_execute(&format!(
        "SET client_min_messages = warning; DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}"
    ))
    .unwrap();
    let sep = if admin.contains('?') { '&' } else { '?' };
    Some(format!("{admin}{sep}options=-c%20search_path%3D{schema}"))
}

#[test]
fn verify_with_store_postgres() {
    let Some(url) = postgres_url("verify") else {
        return;
    };
    let dir = tmpdir("postgres");
    verify_with_store(&dir, &url);
    let _ = std::fs::remove_dir_all(dir);
}

/// kill -9 of `verify --batch --store` after K reported acceptances: every message reported
/// accepted is archived exactly once, and redelivering the whole batch accepts nothing that
/// was reported before (replay.duplicate) and completes the archive. The batch is written in
/// groups of 8 (group commit): a kill falls between or inside groups, and what a group had
/// not committed was never reported.
fn crash(dir: &Path, url: &str) {
    let key = setup(dir);
    ok(dir, &["store", "init", "--store", url]);
    const N: usize = 120;
    let msgs: Vec<String> = (0..N).map(|i| receipt(&key, i).trim().to_owned()).collect();
    std::fs::write(dir.join("all.ndjson"), msgs.join("\n") + "\n").unwrap();
    let mut args = verify_args(url, "tl.jws");
    args.retain(|a| *a != "--json");
    args.extend(["--group-size", "8", "--group-wait-ms", "20"]);
    let mut reported: Vec<String> = Vec::new();
    let mut killed = 0;
    let points = [
        0usize, 1, 3, 5, 7, 8, 9, 12, 15, 16, 17, 20, 23, 24, 31, 40, 47, 55, 64, 72, 80, 88, 100,
        110,
    ];
    for kill_after in points {
        let mut child = Command::new(bin())
            .args(&args)
            .args(["--batch", "all.ndjson", "--threads", "2"])
            .current_dir(dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
        let mut seen = 0;
        let mut line = String::new();
        while seen <= kill_after {
            line.clear();
            if out.read_line(&mut line).unwrap() == 0 {
                break;
            }
            let v: serde_json::Value = serde_json::from_str(&line).unwrap();
            if v["status"] == "accepted" {
                reported.push(v["id"].as_str().unwrap().to_owned());
            }
            seen += 1;
        }
        let _ = child.kill(); // SIGKILL
        let status = child.wait().unwrap();
        if status.code().is_none() {
            killed += 1;
        }
        // Every message reported accepted so far is in the archive, exactly once.
        let store = Store::open(url).unwrap();
        for id in &reported {
            assert!(
                store
                    .archived(Direction::Received, "513400", "LS", id)
                    .unwrap()
                    .is_some(),
                "kill after {kill_after}: {id} reported accepted but not archived"
            );
        }
        assert!(store.archive_len().unwrap() as usize <= N);
    }
    assert!(
        killed >= points.len() / 2,
        "only {killed} of {} runs were killed mid-batch",
        points.len()
    );
    // Redelivery of everything: nothing reported before is accepted again.
    let o = run(dir, &[args.clone(), vec!["--batch", "all.ndjson"]].concat());
    for l in String::from_utf8_lossy(&o.stdout).lines() {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        if v["status"] == "accepted" {
            assert!(
                !reported.contains(&v["id"].as_str().unwrap().to_owned()),
                "accepted twice: {l}"
            );
        } else {
            assert_eq!(v["code"], "replay.duplicate", "{l}");
        }
    }
    let store = Store::open(url).unwrap();
    assert_eq!(
        store.archive_len().unwrap() as usize,
        N,
        "each message archived exactly once"
    );
    let o = run(dir, &[args, vec!["--batch", "all.ndjson"]].concat());
    assert_eq!(
        String::from_utf8_lossy(&o.stdout)
            .matches("replay.duplicate")
            .count(),
        N
    );
}

#[test]
fn crash_during_batch_sqlite() {
    let dir = tmpdir("crash-sqlite");
    let url = format!("sqlite://{}", dir.join("store.db").display());
    crash(&dir, &url);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn crash_during_batch_postgres() {
    let Some(url) = postgres_url("crash") else {
        return;
    };
    let dir = tmpdir("crash-postgres");
    crash(&dir, &url);
    let _ = std::fs::remove_dir_all(dir);
}
