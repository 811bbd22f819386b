//! `labourlink cases …` and `labourlink archive …` against a store filled with real signed
//! messages, on SQLite and on a real PostgreSQL (`LABOURLINK_TEST_POSTGRES_URL`; SKIP printed
//! when absent, a failure under `LABOURLINK_REQUIRE_POSTGRES=1`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write as _;
use std::path::{Path, PathBuf};

use labourlink::envelope::{Document, Party};
use labourlink::keys::SigningKey;
use labourlink::time::{FixedClock, Timestamp};
use labourlink_store::{Direction, NewMessage, Store};

mod common;
use common::{run, stdout, text};

fn tmpdir(name: &str) -> PathBuf {
    common::tmpdir("cases", name)
}

/// Runs `labourlink ARGS`, asserts success, and returns standard output.
fn ok(dir: &Path, args: &[&str]) -> String {
    stdout(&common::ok(dir, args))
}

fn lines(s: &str) -> Vec<serde_json::Value> {
    s.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

const PENSION: &str = "social_insurance.pension_transfer";

/// Type, sender, receiver, case id, issued_at, body.
type Msg<'a> = (
    &'a str,
    (&'a str, &'a str),
    (&'a str, &'a str),
    &'a str,
    &'a str,
    serde_json::Value,
);

/// Two pension-transfer cases from Liangshan: one opened on Friday 2026-12-18 (due
/// 2027-01-11), one on Tuesday 2026-12-01 answered by Ningbo's contact letter on Monday
/// 2026-12-14 (then due 2027-01-05 from Liangshan: 15 working days, New Year's Day off).
fn fill(url: &str) -> (String, String) {
    let store = Store::init(url).unwrap();
    let key = SigningKey::from_seed(&[2; 32], "ls-1").unwrap();
    let mut ids: Vec<String> = Vec::new();
    let msgs: [Msg<'_>; 3] = [
        (
            "social_insurance.transfer_application",
            ("513400", "LS-SI"),
            ("330200", "NB-SI"),
            "A-1218",
            "2026-12-18T01:00:00Z",
            serde_json::json!({"applied_on": "2026-12-18", "person": {"name": "张三"}}),
        ),
        (
            "social_insurance.transfer_application",
            ("513400", "LS-SI"),
            ("330200", "NB-SI"),
            "A-1201",
            "2026-12-01T01:00:00Z",
            serde_json::json!({"applied_on": "2026-12-01"}),
        ),
        (
            "social_insurance.contact_letter",
            ("330200", "NB-SI"),
            ("513400", "LS-SI"),
            "A-1201",
            "2026-12-14T01:00:00Z",
            serde_json::json!({"application_date": "2026-12-01"}),
        ),
    ];
    for (t, from, to, case, issued, body) in msgs {
        let at = Timestamp::parse(issued).unwrap();
        let mut b = Document::builder(t, Party::new(from.0, from.1), Party::new(to.0, to.1))
            .case(case, PENSION)
            .body(body);
        if t == "social_insurance.contact_letter" {
            b = b.in_reply_to(ids[1].clone());
        }
        let doc = b.build(&FixedClock(at)).unwrap();
        let jws = labourlink::sign(&doc.to_value(), &[&key]).unwrap();
        let dir = if from.0 == "330200" {
            Direction::Sent
        } else {
            Direction::Received
        };
        let m = NewMessage::from_jws(dir, jws.as_bytes(), at.add_seconds(60)).unwrap();
        ids.push(m.id.clone());
        assert!(store.archive(&m).unwrap());
    }
    (ids[0].clone(), ids[2].clone())
}

fn cases_and_archive(dir: &Path, url: &str) {
    let (app_id, letter_id) = fill(url);
    let s = ["--store", url];

    // All cases, by due date.
    let all = lines(&ok(dir, &["cases", s[0], s[1], "--json"]));
    let ids: Vec<&str> = all.iter().map(|c| c["case_id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["A-1201", "A-1218"]);
    assert_eq!(all[0]["due"]["on"], "2027-01-05");
    assert_eq!(all[0]["awaited"][0]["from"]["region"], "513400");
    assert_eq!(all[1]["due"]["on"], "2027-01-11");
    assert_eq!(all[1]["due"]["calendar_confirmed"], false);

    // Overdue as of a date, across the year boundary.
    let over = |at: &str| {
        lines(&ok(
            dir,
            &["cases", s[0], s[1], "--overdue", "--at", at, "--json"],
        ))
        .iter()
        .map(|c| c["case_id"].as_str().unwrap().to_owned())
        .collect::<Vec<_>>()
    };
    assert!(over("2027-01-05").is_empty());
    assert_eq!(over("2027-01-06"), ["A-1201"]);
    assert_eq!(over("2027-01-12"), ["A-1201", "A-1218"]);
    let txt = ok(
        dir,
        &["cases", s[0], s[1], "--overdue", "--at", "2027-01-12"],
    );
    assert!(txt.contains("A-1218") && txt.contains("OVERDUE"), "{txt}");
    assert!(
        txt.contains("social_insurance.contact_letter from 330200/NB-SI"),
        "{txt}"
    );
    // Due within 3 working days of 2027-01-06 (01-07, 01-08, 01-11).
    let within = lines(&ok(
        dir,
        &[
            "cases",
            s[0],
            s[1],
            "--due-within",
            "3",
            "--at",
            "2027-01-06",
            "--json",
        ],
    ));
    assert_eq!(within.len(), 1);
    assert_eq!(within[0]["case_id"], "A-1218");
    assert_eq!(
        ok(dir, &["cases", s[0], s[1], "--open", "--json"])
            .lines()
            .count(),
        2
    );
    // Usage errors: two filters, a bad date.
    let o = run(dir, &["cases", s[0], s[1], "--open", "--overdue"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    let o = run(
        dir,
        &["cases", s[0], s[1], "--overdue", "--at", "2027-02-30"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));

    // show: the record and its history, without bodies.
    let shown = ok(dir, &["cases", "show", "A-1201", s[0], s[1], "--json"]);
    let v: serde_json::Value = serde_json::from_str(&shown).unwrap();
    assert_eq!(v["history"].as_array().unwrap().len(), 2);
    assert!(v["history"][0].get("jws").is_none());
    let txt = ok(dir, &["cases", "show", "A-1201", s[0], s[1]]);
    assert!(txt.contains("social_insurance.contact_letter"), "{txt}");
    let o = run(dir, &["cases", "show", "nope", s[0], s[1]]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).contains("store.not_found"), "{}", text(&o));

    // remind: this store is Ningbo's. A-1218 awaits Ningbo's own contact letter: no draft
    // (it would be Liangshan's to sign). A-1201 awaits Liangshan's answer to the letter
    // Ningbo sent: a draft the signer completes.
    let o = run(dir, &["cases", "remind", "A-1218", s[0], s[1]]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(
        text(&o).contains("input.invalid") && text(&o).contains("answer the message instead"),
        "{}",
        text(&o)
    );
    let draft = ok(dir, &["cases", "remind", "A-1201", s[0], s[1]]);
    let d: serde_json::Value = serde_json::from_str(&draft).unwrap();
    assert_eq!(d["type"], "control.reminder");
    assert_eq!(d["from"]["region"], "330200");
    assert_eq!(d["to"]["region"], "513400");
    assert_eq!(d["in_reply_to"], letter_id.as_str());
    assert_eq!(d["body"]["due_date"], "2027-01-05");
    assert_eq!(d["body"]["reminder_number"], 1);
    std::fs::write(dir.join("reminder.json"), &draft).unwrap();
    ok(dir, &["keygen", "--alg", "Ed25519", "--out", "nb.pem"]);
    let signed = ok(
        dir,
        &[
            "sign",
            "reminder.json",
            "--key",
            "nb.pem",
            "--kid",
            "nb-1",
            "--at",
            "2027-01-12T01:00:00Z",
        ],
    );
    assert!(signed.contains("signatures"), "{signed}");
    let signed: serde_json::Value = serde_json::from_str(&signed).unwrap();
    assert_eq!(signed["signatures"].as_array().unwrap().len(), 1);

    // archive show / export.
    let show = lines(&ok(
        dir,
        &["archive", "show", &letter_id, s[0], s[1], "--json"],
    ));
    assert_eq!(show.len(), 1);
    assert_eq!(show[0]["direction"], "sent");
    assert!(show[0]["jws"].as_str().unwrap().contains("signatures"));
    let raw = ok(dir, &["archive", "show", &app_id, s[0], s[1], "--jws"]);
    std::fs::write(dir.join("app.jws"), &raw).unwrap();
    let inspected = ok(dir, &["inspect", "app.jws"]);
    assert!(inspected.contains("A-1218"), "{inspected}");
    let txt = ok(dir, &["archive", "show", &app_id, s[0], s[1]]);
    assert!(
        !txt.contains("张三"),
        "metadata only without --jws/--json: {txt}"
    );
    let o = run(dir, &["archive", "show", "nope", s[0], s[1]]);
    assert!(text(&o).contains("store.not_found"), "{}", text(&o));
    let export = lines(&ok(dir, &["archive", "export", s[0], s[1]]));
    assert_eq!(export.len(), 3);
    assert!(export.iter().all(|m| m["jws"].is_string()));
    let seqs: Vec<i64> = export.iter().map(|m| m["seq"].as_i64().unwrap()).collect();
    assert!(seqs.windows(2).all(|w| w[0] < w[1]), "archive order");
    let meta = ok(dir, &["archive", "export", s[0], s[1], "--no-bodies"]);
    assert_eq!(meta.lines().count(), 3);
    assert!(!meta.contains("jws"), "{meta}");
    let help = ok(dir, &["archive", "export", "--help"]);
    assert!(help.contains("PERSONAL DATA"), "{help}");
    // What a key signed (after it leaked): every message here is signed by ls-1, none by
    // another key; `archive show` names the signer (audit s41 keys F4).
    assert!(meta.contains(r#""signers":["ls-1"]"#), "{meta}");
    let by = |kid: &str| {
        ok(
            dir,
            &[
                "archive",
                "export",
                s[0],
                s[1],
                "--no-bodies",
                "--signer",
                kid,
            ],
        )
        .lines()
        .count()
    };
    assert_eq!((by("ls-1"), by("ls-2")), (3, 0));
    assert!(txt.contains("signed by ls-1"), "{txt}");
}

#[test]
fn cases_and_archive_sqlite() {
    let dir = tmpdir("sqlite");
    let url = format!("sqlite://{}", dir.join("store.db").display());
    cases_and_archive(&dir, &url);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn cases_and_archive_postgres() {
    let Ok(admin) = std::env::var("LABOURLINK_TEST_POSTGRES_URL") else {
        assert!(
            std::env::var("LABOURLINK_REQUIRE_POSTGRES").as_deref() != Ok("1"),
            "LABOURLINK_REQUIRE_POSTGRES=1 but LABOURLINK_TEST_POSTGRES_URL is not set"
        );
        let _ = writeln!(
            std::io::stderr(),
            "SKIP cases_and_archive_postgres: LABOURLINK_TEST_POSTGRES_URL is not set (source .ci/postgres.sh; pg_start && pg_env)"
        );
        return;
    };
    let schema = format!("cli_cases_{}", std::process::id());
    let mut c = postgres::Client::connect(&admin, postgres::NoTls).unwrap();
    c.batch_execute(&format!(
        "SET client_min_messages = warning; DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}"
    ))
    .unwrap();
    let sep = if admin.contains('?') { '&' } else { '?' };
    let url = format!("{admin}{sep}options=-c%20search_path%3D{schema}");
    let dir = tmpdir("postgres");
    cases_and_archive(&dir, &url);
    let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"));
    let _ = std::fs::remove_dir_all(dir);
}
