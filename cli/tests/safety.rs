//! The command line's safety rails (issue 17, item 3): nothing the user named is overwritten
//! without `--force` and keys are written whole; errors say whose signature failed (the trust
//! list's or the message's); `--json` on every command that reports, errors included; times
//! typed with an offset or as a date are normalised to UTC; progress only on a terminal.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

mod common;
use common::{bin, ok, run, stdout, text};

fn tmpdir(name: &str) -> PathBuf {
    common::tmpdir("safety", name)
}

/// The one JSON object a `--json` command printed on stdout.
fn json(o: &std::process::Output) -> Value {
    let out = stdout(o);
    assert_eq!(out.lines().count(), 1, "one line of JSON: {}", text(o));
    let parsed = serde_json::from_str(out.trim());
    assert!(parsed.is_ok(), "not JSON: {}", text(o));
    parsed.unwrap()
}

/// Anchor and partner keys, a signed trust list (`tl.jws`, sequence 1) and a signed receipt
/// `msg.jws` from the partner key `ls-1`.
fn setup(dir: &Path) {
    for args in [
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
        ][..],
        &[
            "keygen",
            "--alg",
            "ES256",
            "--out",
            "ls.pem",
            "--public-out",
            "ls.jwk",
        ],
        &[
            "trust-list",
            "new",
            "--out",
            "tl.json",
            "--next-update",
            "2027-06-01T00:00:00Z",
        ],
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
        &[
            "trust-list",
            "sign",
            "tl.json",
            "--key",
            "anchor.pem",
            "--kid",
            "330200-anchor-1",
            "--out",
            "tl.jws",
            "--at",
            "2026-11-27T08:00:00Z",
        ],
    ] {
        ok(dir, args);
    }
    std::fs::write(dir.join("doc.json"), DOC).unwrap();
    ok(
        dir,
        &[
            "sign",
            "--key",
            "ls.pem",
            "--kid",
            "ls-1",
            "--at",
            "2026-11-27T08:00:00Z",
            "doc.json",
            "--out",
            "msg.jws",
        ],
    );
}

const DOC: &str = r#"{"type":"receipt","in_reply_to":"01a21c04-b400-7000-8000-000000000001","from":{"region":"513400","agency":"LS"},"to":{"region":"330200","agency":"NB"},"body":{"received_id":"01a21c04-b400-7000-8000-000000000001","received_digest":"gBLsgOpVawKmVsNppvuaHTwUDiAS3Kfn4rc-_FD9w_s","status":"accepted"}}"#;

const VERIFY: &[&str] = &[
    "verify",
    "--trust-list",
    "tl.jws",
    "--anchor",
    "anchor.jwk",
    "--region",
    "330200",
    "--at",
    "2026-11-27T09:00:00Z",
];

/// Asserts that `args` is refused with exit 2 naming `file` and `--force`, and that `file`
/// is unchanged.
fn refused(dir: &Path, args: &[&str], file: &str) {
    let before = std::fs::read(dir.join(file)).unwrap();
    let o = run(dir, args);
    assert_eq!(o.status.code(), Some(2), "{args:?}: {}", text(&o));
    let t = text(&o);
    assert!(t.contains(file) && t.contains("--force"), "{args:?}: {t}");
    assert_eq!(std::fs::read(dir.join(file)).unwrap(), before, "{file}");
}

/// No temporary file is left next to the outputs.
fn no_temp_files(dir: &Path) {
    for e in std::fs::read_dir(dir).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        assert!(!name.ends_with(".tmp"), "left behind: {name}");
    }
}

#[test]
fn nothing_is_overwritten_without_force() {
    let dir = tmpdir("force");
    setup(&dir);
    let key = ["keygen", "--alg", "Ed25519", "--out", "ls.pem"];
    refused(&dir, &key, "ls.pem");
    // --public-out existing: refused before the private key is written.
    refused(
        &dir,
        &[
            "keygen",
            "--alg",
            "Ed25519",
            "--out",
            "new.pem",
            "--public-out",
            "ls.jwk",
        ],
        "ls.jwk",
    );
    assert!(!dir.join("new.pem").exists());
    let new = [
        "trust-list",
        "new",
        "--out",
        "tl.json",
        "--next-update",
        "2027-06-01",
    ];
    refused(&dir, &new, "tl.json");
    let tl_sign = [
        "trust-list",
        "sign",
        "tl.json",
        "--key",
        "anchor.pem",
        "--kid",
        "330200-anchor-1",
        "--out",
        "tl.jws",
        "--at",
        "2026-11-27T08:30:00Z",
    ];
    refused(&dir, &tl_sign, "tl.jws");
    let sign = [
        "sign",
        "--key",
        "ls.pem",
        "--kid",
        "ls-1",
        "--at",
        "2026-11-27T08:00:00Z",
        "doc.json",
        "--out",
        "msg.jws",
    ];
    refused(&dir, &sign, "msg.jws");
    // send --receipt-out: refused before anything is sent (nothing listens on port 9).
    std::fs::write(dir.join("receipt.jws"), "an earlier receipt\n").unwrap();
    refused(
        &dir,
        &[
            "send",
            "--to",
            "http://127.0.0.1:9/v1/messages",
            "msg.jws",
            "--attempts",
            "1",
            "--dangerous-unchecked-receipts",
            "--receipt-out",
            "receipt.jws",
        ],
        "receipt.jws",
    );
    // archive export --out (personal data: mode 0600).
    let store = format!("sqlite://{}", dir.join("s.db").display());
    ok(&dir, &["store", "init", "--store", &store]);
    std::fs::write(dir.join("export.ndjson"), "old export\n").unwrap();
    let export = [
        "archive",
        "export",
        "--store",
        &store,
        "--out",
        "export.ndjson",
    ];
    refused(&dir, &export, "export.ndjson");

    // With --force each one replaces the file.
    let old_key = std::fs::read(dir.join("ls.pem")).unwrap();
    ok(&dir, &[&key[..], &["--force"]].concat());
    assert_ne!(std::fs::read(dir.join("ls.pem")).unwrap(), old_key);
    ok(&dir, &[&new[..], &["--force"]].concat());
    ok(&dir, &[&tl_sign[..], &["--force"]].concat());
    ok(&dir, &[&sign[..], &["--force"]].concat());
    ok(&dir, &[&export[..], &["--force"]].concat());
    assert_eq!(std::fs::read(dir.join("export.ndjson")).unwrap(), b"");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        // A signed message carries personal data too (audit s43 privacy F8: it was 0644).
        for secret in ["ls.pem", "anchor.pem", "export.ndjson", "msg.jws"] {
            let mode = std::fs::metadata(dir.join(secret))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600, "{secret}");
        }
    }
    // An empty file (as `mktemp` makes) is not a filled file: written without --force.
    std::fs::write(dir.join("empty.pem"), "").unwrap();
    ok(&dir, &["keygen", "--alg", "Ed25519", "--out", "empty.pem"]);
    assert!(
        std::fs::read_to_string(dir.join("empty.pem"))
            .unwrap()
            .starts_with("-----BEGIN PRIVATE KEY-----")
    );
    // Editing a draft in place needs no --force.
    ok(
        &dir,
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
            "2026-12-01",
        ],
    );
    no_temp_files(&dir);
}

/// Replaces one character in the middle of the first signature of a JWS file.
fn tamper_signature(path: &Path) {
    let mut v: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let sig = v["signatures"][0]["signature"].as_str().unwrap().to_owned();
    let mid = sig.len() / 2;
    let c = if &sig[mid..=mid] == "A" { "B" } else { "A" };
    v["signatures"][0]["signature"] = format!("{}{c}{}", &sig[..mid], &sig[mid + 1..]).into();
    std::fs::write(path, v.to_string()).unwrap();
}

#[test]
fn errors_say_whose_signature_failed() {
    let dir = tmpdir("whose");
    setup(&dir);
    ok(&dir, &[VERIFY, &["msg.jws"]].concat());

    // The message's signature: named as the message's, with the signing key's kid.
    std::fs::copy(dir.join("msg.jws"), dir.join("bad-msg.jws")).unwrap();
    tamper_signature(&dir.join("bad-msg.jws"));
    let o = run(&dir, &[VERIFY, &["bad-msg.jws"]].concat());
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let t = text(&o);
    assert!(t.contains("rejected: signature.invalid"), "{t}");
    assert!(
        t.contains("the message's signature /signatures/0 by key 'ls-1' (ES256) does not verify"),
        "{t}"
    );
    assert!(!t.contains("trust list"), "{t}");
    let j = json(&run(&dir, &[VERIFY, &["--json", "bad-msg.jws"]].concat()));
    assert_eq!(
        (&j["status"], &j["code"], &j["subject"]),
        (
            &"rejected".into(),
            &"signature.invalid".into(),
            &"message".into()
        )
    );

    // The trust list's signature: named as the trust list's, with its file and the anchor.
    std::fs::copy(dir.join("tl.jws"), dir.join("bad-tl.jws")).unwrap();
    tamper_signature(&dir.join("bad-tl.jws"));
    let bad_tl = [
        "verify",
        "--trust-list",
        "bad-tl.jws",
        "--anchor",
        "anchor.jwk",
        "--region",
        "330200",
        "--at",
        "2026-11-27T09:00:00Z",
    ];
    let o = run(&dir, &[&bad_tl[..], &["msg.jws"]].concat());
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let t = text(&o);
    assert!(
        t.contains(
            "error: the trust list bad-tl.jws (pinned anchor '330200-anchor-1') was refused: signature.invalid"
        ),
        "{t}"
    );
    assert!(
        t.contains("the trust list's signature /signatures/0 by anchor '330200-anchor-1'"),
        "{t}"
    );
    assert!(t.contains("信任列表"), "{t}");
    assert!(!t.contains("message's signature"), "{t}");
    let j = json(&run(&dir, &[&bad_tl[..], &["--json", "msg.jws"]].concat()));
    assert_eq!(j["status"], "error");
    assert_eq!(j["code"], "signature.invalid");
    assert_eq!(j["subject"], "trust_list");
    assert_eq!(j["file"], "bad-tl.jws");
    assert_eq!(j["anchor_kid"], "330200-anchor-1");
    assert!(
        j["message"]
            .as_str()
            .unwrap()
            .starts_with("the trust list bad-tl.jws (pinned anchor '330200-anchor-1'): "),
        "{j}"
    );
    // `trust-list check --anchor` loads a signed list the same way.
    let o = run(
        &dir,
        &[
            "trust-list",
            "check",
            "bad-tl.jws",
            "--anchor",
            "anchor.jwk",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(
        text(&o).contains("the trust list bad-tl.jws"),
        "{}",
        text(&o)
    );
    // `send` refuses to use the list, before anything is sent.
    let o = run(
        &dir,
        &[
            "send",
            "--to",
            "http://127.0.0.1:9/v1/messages",
            "--trust-list",
            "bad-tl.jws",
            "--anchor",
            "anchor.jwk",
            "msg.jws",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(
        text(&o).contains("the trust list bad-tl.jws (pinned anchor '330200-anchor-1')"),
        "{}",
        text(&o)
    );

    // Another anchor pinned: the list is not signed by it.
    ok(
        &dir,
        &[
            "keygen",
            "--alg",
            "Ed25519",
            "--out",
            "other.pem",
            "--public-out",
            "other.jwk",
            "--kid",
            "330200-anchor-2",
        ],
    );
    let j = json(&run(
        &dir,
        &[
            "verify",
            "--trust-list",
            "tl.jws",
            "--anchor",
            "other.jwk",
            "--region",
            "330200",
            "--json",
            "msg.jws",
        ],
    ));
    assert_eq!(j["code"], "trust_list.untrusted_anchor");
    assert_eq!(j["subject"], "trust_list");
    assert_eq!(j["anchor_kid"], "330200-anchor-2");
    // Both pinned (an anchor rotation): the list signed by either is taken.
    let both = [
        "verify",
        "--trust-list",
        "tl.jws",
        "--anchor",
        "other.jwk",
        "--anchor",
        "anchor.jwk",
        "--region",
        "330200",
        "--json",
        "msg.jws",
    ];
    let j = json(&run(&dir, &both));
    assert_eq!(j["status"], "accepted", "{j}");
    // One anchor given twice: refused, naming it.
    let j = json(&run(
        &dir,
        &[
            "verify",
            "--trust-list",
            "tl.jws",
            "--anchor",
            "anchor.jwk",
            "--anchor",
            "anchor.jwk",
            "--region",
            "330200",
            "--json",
            "msg.jws",
        ],
    ));
    assert_eq!(j["code"], "input.invalid", "{j}");
    assert!(
        j["message"].as_str().unwrap().contains("pinned twice"),
        "{j}"
    );

    // A stale list (verified long after next_update): the trust list, not the message.
    let o = run(
        &dir,
        &[
            "verify",
            "--trust-list",
            "tl.jws",
            "--anchor",
            "anchor.jwk",
            "--region",
            "330200",
            "--at",
            "2028-01-01T00:00:00+08:00",
            "msg.jws",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(
        text(&o).contains(
            "the trust list tl.jws (pinned anchor '330200-anchor-1') was refused: trust_list.stale"
        ),
        "{}",
        text(&o)
    );
}

#[test]
fn json_on_every_reporting_command() {
    let dir = tmpdir("json");
    setup(&dir);
    let j = json(&ok(
        &dir,
        &[
            "keygen",
            "--alg",
            "SM2",
            "--out",
            "nb.pem",
            "--public-out",
            "nb.jwk",
            "--kid",
            "nb-1",
            "--json",
        ],
    ));
    assert_eq!(j["status"], "ok");
    assert_eq!(j["alg"], "SM2SM3");
    assert_eq!(j["private_key"], "nb.pem");
    assert_eq!(j["public_key"], "nb.jwk");
    assert_eq!(j["thumbprint"].as_str().unwrap().len(), 43);

    let j = json(&ok(
        &dir,
        &[
            "trust-list",
            "new",
            "--out",
            "t2.json",
            "--next-update",
            "2027-06-01",
            "--json",
        ],
    ));
    assert_eq!(
        (&j["status"], &j["out"], &j["sequence"]),
        (&"ok".into(), &"t2.json".into(), &1.into())
    );
    let j = json(&ok(
        &dir,
        &[
            "trust-list",
            "add-key",
            "t2.json",
            "--kid",
            "nb-1",
            "--region",
            "330200",
            "--agency",
            "NB",
            "--public",
            "nb.jwk",
            "--types",
            "receipt",
            "--valid-from",
            "2026-01-01",
            "--json",
        ],
    ));
    assert_eq!((&j["status"], &j["keys"]), (&"ok".into(), &1.into()));
    assert!(j["findings"].is_array());
    let j = json(&ok(
        &dir,
        &[
            "trust-list",
            "revoke",
            "t2.json",
            "--kid",
            "nb-1",
            "--since",
            "2026-12-05T14:30:00+08:00",
            "--json",
        ],
    ));
    assert_eq!(j["key_status"], "revoked");
    assert_eq!(j["since"], "2026-12-05T06:30:00Z");
    let j = json(&ok(
        &dir,
        &[
            "trust-list",
            "sign",
            "t2.json",
            "--key",
            "anchor.pem",
            "--kid",
            "330200-anchor-1",
            "--out",
            "t2.jws",
            "--json",
        ],
    ));
    assert_eq!((&j["status"], &j["out"]), (&"ok".into(), &"t2.jws".into()));
    let j = json(&ok(
        &dir,
        &[
            "trust-list",
            "check",
            "t2.jws",
            "--anchor",
            "anchor.jwk",
            "--json",
        ],
    ));
    assert_eq!((&j["status"], &j["valid"]), (&"ok".into(), &true.into()));
    let j = json(&ok(&dir, &["trust-list", "show", "t2.jws", "--json"]));
    assert_eq!(j["signed_by"][0], "330200-anchor-1");
    assert_eq!(j["signature_checked"], false);
    assert_eq!(j["keys"][0]["kid"], "nb-1");
    assert_eq!(j["keys"][0]["key_status"], "revoked");

    let j = json(&ok(
        &dir,
        &[
            "sign",
            "--key",
            "ls.pem",
            "--kid",
            "ls-1",
            "--reissue",
            "doc.json",
            "--json",
        ],
    ));
    assert_eq!(
        (&j["status"], &j["type"], &j["kid"]),
        (&"ok".into(), &"receipt".into(), &"ls-1".into())
    );
    assert!(j["jws"].as_str().unwrap().starts_with('{'));
    assert_eq!(j["out"], Value::Null);

    let j = json(&ok(&dir, &["inspect", "msg.jws", "--json"]));
    assert_eq!(
        (&j["verified"], &j["canonical"]),
        (&false.into(), &true.into())
    );
    assert_eq!(j["signatures"][0]["kid"], "ls-1");
    assert_eq!(j["document"]["type"], "receipt");

    let store = format!("sqlite://{}", dir.join("s.db").display());
    let j = json(&ok(&dir, &["store", "init", "--store", &store, "--json"]));
    assert_eq!((&j["status"], &j["created"]), (&"ok".into(), &true.into()));
    let j = json(&ok(
        &dir,
        &["store", "migrate", "--store", &store, "--json"],
    ));
    assert_eq!(
        (&j["status"], &j["migrated"]),
        (&"ok".into(), &false.into())
    );
    let j = json(&ok(&dir, &["store", "purge", "--store", &store, "--json"]));
    assert_eq!((&j["status"], &j["more"]), (&"ok".into(), &false.into()));
    let j = json(&ok(
        &dir,
        &["outbox", "status", "--store", &store, "--json"],
    ));
    assert_eq!(j["status"], "ok");
    assert!(j["messages"].as_array().unwrap().is_empty());
    let j = json(&ok(
        &dir,
        &[
            "outbox",
            "run",
            "--store",
            &store,
            "--once",
            "--json",
            "--dangerous-unchecked-receipts",
        ],
    ));
    assert_eq!((&j["status"], &j["attempted"]), (&"ok".into(), &0.into()));
    // Batch outputs are JSON lines: none for an empty store.
    for args in [
        &["cases", "--store", &store, "--json"][..],
        &["archive", "export", "--store", &store, "--json"],
    ] {
        let o = ok(&dir, args);
        assert!(stdout(&o).is_empty(), "{args:?}: {}", text(&o));
    }
    // With a store, --at is the time the archive records for good: a day a year away is
    // refused unless the store is a throwaway one said so (audit s43 archive F9).
    let o = run(
        &dir,
        &[VERIFY, &["--store", &store, "--json", "msg.jws"]].concat(),
    );
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(
        text(&o).contains("the time the archive records the message as received"),
        "{}",
        text(&o)
    );
    // A message verified into the store shows up in the archive, one JSON line each.
    let j = json(&ok(
        &dir,
        &[
            VERIFY,
            &[
                "--store",
                &store,
                "--dangerous-archive-time",
                "--json",
                "msg.jws",
            ],
        ]
        .concat(),
    ));
    assert_eq!(j["status"], "accepted");
    let o = ok(
        &dir,
        &["archive", "export", "--store", &store, "--no-bodies"],
    );
    let line: Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(line["type"], "receipt");

    // Errors with --json: one object on stdout, same exit status as without.
    let e = run(
        &dir,
        &["keygen", "--alg", "Ed25519", "--out", "nb.pem", "--json"],
    );
    assert_eq!(e.status.code(), Some(2));
    let j = json(&e);
    assert_eq!(
        (&j["status"], &j["code"], &j["file"]),
        (&"error".into(), &"cli.file_exists".into(), &"nb.pem".into())
    );
    assert!(j["message_zh"].as_str().unwrap().contains("--force"));
    assert_eq!(j["path"], Value::Null);
    let e = run(&dir, &["trust-list", "show", "missing.jws", "--json"]);
    assert_eq!(e.status.code(), Some(1));
    let j = json(&e);
    assert_eq!(
        (&j["status"], &j["code"]),
        (&"error".into(), &"cli.io".into())
    );
    let e = run(&dir, &["trust-list", "show", "doc.json", "--json"]);
    assert_eq!(e.status.code(), Some(1));
    let j = json(&e);
    assert_eq!(j["status"], "error");
    assert!(j["code"].as_str().unwrap().contains('.'), "{j}");
    for k in ["message", "message_zh", "path"] {
        assert!(j.get(k).is_some(), "{k}: {j}");
    }
    let e = run(
        &dir,
        &[
            "keygen",
            "--alg",
            "Ed25519",
            "--out",
            "x.pem",
            "--public-out",
            "x.pem",
            "--json",
        ],
    );
    assert_eq!(e.status.code(), Some(2));
    assert_eq!(json(&e)["code"], "cli.usage");
    // A usage error's message names what is missing, not only clap's first line.
    // `send` to a port nobody listens on.
    let send = ["send", "--to", "http://127.0.0.1:9/v1/messages", "msg.jws"];
    let e = run(&dir, &[&send[..], &["--json"]].concat());
    assert_eq!(e.status.code(), Some(2));
    let m = json(&e)["message"].as_str().unwrap().to_owned();
    assert!(
        m.contains("required") && m.contains("--trust-list <TL.jws>"),
        "{m}"
    );
    // Even a command line that does not parse.
    let e = run(
        &dir,
        &["keygen", "--alg", "RS256", "--out", "y.pem", "--json"],
    );
    assert_eq!(e.status.code(), Some(2));
    assert_eq!(json(&e)["code"], "cli.usage");
    let e = run(
        &dir,
        &[
            &send[..],
            &[
                "--attempts",
                "1",
                "--dangerous-unchecked-receipts",
                "--json",
            ],
        ]
        .concat(),
    );
    assert_eq!(e.status.code(), Some(1), "{}", text(&e));
    let j = json(&e);
    assert_eq!(j["status"], "error");
    assert!(j["code"].as_str().unwrap().starts_with("exchange."), "{j}");
    let e = run(
        &dir,
        &[
            "trust-list",
            "fetch",
            "http://127.0.0.1:9/v1/trust-list",
            "--anchor",
            "anchor.jwk",
            "--json",
        ],
    );
    assert_eq!(e.status.code(), Some(1), "{}", text(&e));
    assert_eq!(json(&e)["status"], "error");
}

#[test]
fn typed_times_with_offsets_and_dates_are_normalised_to_utc() {
    let dir = tmpdir("times");
    setup(&dir);
    ok(
        &dir,
        &[
            "trust-list",
            "new",
            "--out",
            "t.json",
            "--next-update",
            "2027-06-01T08:00:00+08:00",
        ],
    );
    ok(
        &dir,
        &[
            "trust-list",
            "add-key",
            "t.json",
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
            "2026-01-01",
            "--valid-until",
            "2030-12-31T23:59:59-05:00",
        ],
    );
    let draft: Value = serde_json::from_slice(&std::fs::read(dir.join("t.json")).unwrap()).unwrap();
    assert_eq!(draft["body"]["next_update"], "2027-06-01T00:00:00Z");
    let key = &draft["body"]["keys"][0];
    // A date is midnight China Standard Time.
    assert_eq!(key["valid_from"], "2025-12-31T16:00:00Z");
    assert_eq!(key["valid_until"], "2031-01-01T04:59:59Z");
    ok(
        &dir,
        &[
            "trust-list",
            "sign",
            "t.json",
            "--key",
            "anchor.pem",
            "--kid",
            "330200-anchor-1",
            "--out",
            "t.jws",
            "--at",
            "2026-11-27T16:00:00+08:00",
        ],
    );
    // sign --at with an offset: the document carries UTC Z.
    let j = json(&ok(
        &dir,
        &[
            "sign",
            "--key",
            "ls.pem",
            "--kid",
            "ls-1",
            "--reissue",
            "--at",
            "2026-11-27T16:30:00+08:00",
            "doc.json",
            "--out",
            "m.jws",
            "--json",
        ],
    ));
    assert_eq!(j["out"], "m.jws");
    let v = json(&ok(
        &dir,
        &[
            "verify",
            "--trust-list",
            "t.jws",
            "--anchor",
            "anchor.jwk",
            "--region",
            "330200",
            "--at",
            "2026-11-27T17:00:00+08:00",
            "--json",
            "m.jws",
        ],
    ));
    assert_eq!(v["document"]["issued_at"], "2026-11-27T08:30:00Z");
    // A date is refused where an instant is needed; nonsense is a usage error.
    for bad in ["2026-11-27", "2026-11-27T17:00:00+0800", "tomorrow"] {
        let o = run(
            &dir,
            &[
                "verify",
                "--trust-list",
                "t.jws",
                "--anchor",
                "anchor.jwk",
                "--region",
                "330200",
                "--at",
                bad,
                "m.jws",
            ],
        );
        assert_eq!(o.status.code(), Some(2), "{bad}: {}", text(&o));
        assert!(text(&o).contains("+08:00"), "{bad}: {}", text(&o));
    }
    // cases --at takes a time too (its date in China Standard Time).
    let store = format!("sqlite://{}", dir.join("s.db").display());
    ok(&dir, &["store", "init", "--store", &store]);
    let o = ok(
        &dir,
        &[
            "cases",
            "--store",
            &store,
            "--at",
            "2026-12-04T20:00:00-05:00",
        ],
    );
    assert!(stdout(&o).contains("as of 2026-12-05"), "{}", text(&o));
}

/// `count` copies of the signed message as an NDJSON batch (replays after the first).
fn batch(dir: &Path, count: usize) {
    let msg = std::fs::read_to_string(dir.join("msg.jws")).unwrap();
    let line = serde_json::from_str::<Value>(&msg).unwrap().to_string();
    let mut all = String::new();
    for _ in 0..count {
        all.push_str(&line);
        all.push('\n');
    }
    std::fs::write(dir.join("batch.ndjson"), all).unwrap();
}

#[test]
fn no_progress_when_piped() {
    let dir = tmpdir("piped");
    setup(&dir);
    batch(&dir, 300);
    let o = run(&dir, &[VERIFY, &["--batch", "batch.ndjson"]].concat());
    // Replays after the first: exit 1, and stderr holds only the summary.
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.trim(), "1 accepted, 299 rejected", "{err}");
    assert!(!err.contains('\r') && !err.contains('\u{1b}'));
    assert_eq!(stdout(&o).lines().count(), 300);
    let o = run(
        &dir,
        &[
            "conformance",
            "run",
            "--harness",
            &format!("{} conformance harness", bin()),
            "--area",
            "canonical",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let all = text(&o);
    assert!(!all.contains('\r') && !all.contains("ETA"), "{all}");
}

/// On a terminal (a pseudo-terminal made by `script`) the progress line is drawn on stderr,
/// and `--quiet` removes it.
#[test]
fn progress_on_a_terminal_unless_quiet() {
    if !Path::new("/usr/bin/script").exists() {
        eprintln!("skipped: no /usr/bin/script to make a terminal");
        return;
    }
    let dir = tmpdir("tty");
    setup(&dir);
    batch(&dir, 2000);
    let on_tty = |extra: &str| {
        let cmd = format!(
            "'{}' verify --trust-list tl.jws --anchor anchor.jwk --region 330200 --at 2026-11-27T09:00:00Z --batch batch.ndjson {extra} > out.ndjson",
            bin()
        );
        let o = Command::new("/usr/bin/script")
            .args(["-qec", &cmd, "/dev/null"])
            .current_dir(&dir)
            .output()
            .unwrap();
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let shown = on_tty("");
    assert!(shown.contains("messages"), "{shown:?}");
    assert!(shown.contains("1 accepted, 1999 rejected"), "{shown:?}");
    let quiet = on_tty("--quiet");
    assert!(!quiet.contains("messages"), "{quiet:?}");
    assert!(quiet.contains("1 accepted, 1999 rejected"), "{quiet:?}");
}

/// An encrypted PKCS#8 key (made by OpenSSL at test time) signs with its password from
/// `--key-password-file`, `--key-password-env` or a terminal prompt; without one, or with a
/// wrong one, the command fails with `key.decryption_failed` and never shows the password.
#[test]
fn encrypted_keys_take_their_password_from_a_file_a_variable_or_the_terminal() {
    let openssl = |dir: &Path, args: &[&str]| {
        Command::new("openssl")
            .args(args)
            .current_dir(dir)
            .output()
            .map(|o| o.status.success())
            .unwrap_or(false)
    };
    let dir = tmpdir("encrypted");
    setup(&dir);
    if !openssl(&dir, &["version"]) {
        eprintln!("skipped: no openssl command line");
        return;
    }
    assert!(openssl(
        &dir,
        &[
            "pkcs8",
            "-topk8",
            "-v2",
            "aes-256-cbc",
            "-in",
            "ls.pem",
            "-passout",
            "pass:s3cret word",
            "-out",
            "ls-enc.pem",
        ],
    ));
    std::fs::write(dir.join("pw.txt"), "s3cret word\n").unwrap();
    std::fs::write(dir.join("wrong.txt"), "hunter2\n").unwrap();
    let sign = |extra: &[&str], env: Option<&str>| {
        let mut cmd = Command::new(bin());
        cmd.args([
            "sign",
            "--key",
            "ls-enc.pem",
            "--kid",
            "ls-1",
            "--at",
            "2026-11-27T08:00:00Z",
            "doc.json",
        ])
        .args(extra)
        .current_dir(&dir)
        .stdin(std::process::Stdio::null());
        if let Some(v) = env {
            cmd.env("LS_KEY_PASSWORD", v);
        }
        cmd.output().unwrap()
    };

    let from_file = sign(&["--key-password-file", "pw.txt"], None);
    assert!(from_file.status.success(), "{}", text(&from_file));
    let from_env = sign(
        &["--key-password-env", "LS_KEY_PASSWORD"],
        Some("s3cret word"),
    );
    assert!(from_env.status.success(), "{}", text(&from_env));
    assert!(stdout(&from_env).contains("\"signatures\""));

    let none = sign(&[], None);
    assert!(!none.status.success());
    let shown = text(&none);
    assert!(shown.contains("key.decryption_failed"), "{shown}");
    assert!(shown.contains("--key-password-file"), "{shown}");
    let wrong = sign(&["--key-password-file", "wrong.txt", "--json"], None);
    assert!(!wrong.status.success());
    let shown = text(&wrong);
    assert!(
        shown.contains("key.decryption_failed") && shown.contains("ls-enc.pem"),
        "{shown}"
    );
    assert!(!shown.contains("hunter2"), "{shown}");
    let unset = sign(&["--key-password-env", "LS_KEY_PASSWORD"], None);
    assert!(
        text(&unset).contains("LS_KEY_PASSWORD, named for the key password, is not set"),
        "{}",
        text(&unset)
    );
    let both = sign(
        &[
            "--key-password-file",
            "pw.txt",
            "--key-password-env",
            "LS_KEY_PASSWORD",
        ],
        None,
    );
    assert_eq!(both.status.code(), Some(2), "{}", text(&both));

    // On a terminal the password is asked for (no echo) — `script` makes the terminal.
    if Path::new("/usr/bin/script").exists() {
        let cmd = format!(
            "'{}' sign --key ls-enc.pem --kid ls-1 --at 2026-11-27T08:00:00Z doc.json --out prompted.jws",
            bin()
        );
        let mut child = Command::new("/usr/bin/script")
            .args(["-qec", &cmd, "/dev/null"])
            .current_dir(&dir)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Type the password once the prompt is on the screen (and echo is off), as a person would.
        let mut screen_out = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel::<Vec<u8>>();
        let reader = std::thread::spawn(move || {
            use std::io::Read as _;
            let mut buf = [0u8; 256];
            while let Ok(n) = screen_out.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        let mut seen = Vec::new();
        while !String::from_utf8_lossy(&seen).contains("Password for") {
            match rx.recv_timeout(std::time::Duration::from_secs(30)) {
                Ok(chunk) => seen.extend(chunk),
                Err(_) => break,
            }
        }
        std::thread::sleep(std::time::Duration::from_millis(300));
        {
            use std::io::Write as _;
            let mut input = child.stdin.take().unwrap();
            input.write_all(b"s3cret word\n").unwrap();
        }
        let status = child.wait().unwrap();
        reader.join().unwrap();
        seen.extend(rx.try_iter().flatten());
        let screen = String::from_utf8_lossy(&seen);
        assert!(status.success(), "{screen:?}");
        assert!(screen.contains("Password for ls-enc.pem"), "{screen:?}");
        assert!(!screen.contains("s3cret"), "echoed: {screen:?}");
        assert!(dir.join("prompted.jws").exists(), "{screen:?}");
    }
}

/// `keygen` writes an encrypted key with the password from `--key-password-file` or
/// `--key-password-env` (or, with `--encrypt`, asked twice at a terminal); `sign` loads it
/// with the same options; the password is never printed.
#[test]
fn keygen_writes_an_encrypted_key_that_signs_with_its_password() {
    let dir = tmpdir("keygen-encrypted");
    setup(&dir);
    std::fs::write(dir.join("pw.txt"), "n1ngbo key pass\n").unwrap();
    let o = run(
        &dir,
        &[
            "keygen",
            "--alg",
            "Ed25519",
            "--out",
            "enc.pem",
            "--public-out",
            "enc.jwk",
            "--kid",
            "ls-9",
            "--key-password-file",
            "pw.txt",
            "--json",
        ],
    );
    assert!(o.status.success(), "{}", text(&o));
    let j = json(&o);
    assert_eq!(j["encrypted"], true, "{j}");
    assert!(!text(&o).contains("n1ngbo"), "{}", text(&o));
    let pem = std::fs::read_to_string(dir.join("enc.pem")).unwrap();
    assert!(
        pem.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----"),
        "{pem}"
    );
    let sign = |extra: &[&str]| {
        Command::new(bin())
            .args([
                "sign",
                "--key",
                "enc.pem",
                "--kid",
                "ls-9",
                "--at",
                "2026-11-27T08:00:00Z",
                "doc.json",
            ])
            .args(extra)
            .current_dir(&dir)
            .env("NEW_KEY_PASSWORD", "n1ngbo key pass")
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap()
    };
    let signed = sign(&["--key-password-file", "pw.txt"]);
    assert!(signed.status.success(), "{}", text(&signed));
    assert!(stdout(&signed).contains("\"signatures\""));
    let refused = sign(&[]);
    assert!(
        text(&refused).contains("key.decryption_failed"),
        "{}",
        text(&refused)
    );
    // From an environment variable, the same way.
    let o = Command::new(bin())
        .args([
            "keygen",
            "--alg",
            "SM2",
            "--out",
            "enc2.pem",
            "--kid",
            "ls-10",
            "--key-password-env",
            "NEW_KEY_PASSWORD",
        ])
        .current_dir(&dir)
        .env("NEW_KEY_PASSWORD", "n1ngbo key pass")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o));
    assert!(stdout(&o).contains("encrypted PKCS#8 PEM"), "{}", text(&o));
    // `--encrypt` asks at a terminal; without one it is a usage error and writes nothing.
    let o = Command::new(bin())
        .args([
            "keygen",
            "--alg",
            "Ed25519",
            "--out",
            "enc3.pem",
            "--encrypt",
        ])
        .current_dir(&dir)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("--key-password-file"), "{}", text(&o));
    assert!(!dir.join("enc3.pem").exists());
}

/// A wrong path cannot fill memory: a whole-file input stops at 64 MiB (`/dev/zero` has no
/// end), and a line of `verify --batch` past the message limit is rejected as `json.too_large`
/// after its first 1 MiB + 1 byte, the lines after it read as they are.
#[test]
fn inputs_past_the_limits_are_refused_without_filling_memory() {
    let dir = tmpdir("limits");
    setup(&dir);
    let o = run(&dir, &[VERIFY, &["--json", "/dev/zero"]].concat());
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let j = json(&o);
    assert_eq!(j["code"], "cli.io", "{j}");
    let m = j["message"].as_str().unwrap();
    assert!(
        m.contains("/dev/zero") && m.contains("more than 67108864 bytes"),
        "{m}"
    );
    let o = run(&dir, &["canonicalize", "/dev/zero"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(
        text(&o).contains("more than 67108864 bytes"),
        "{}",
        text(&o)
    );

    let msg = std::fs::read_to_string(dir.join("msg.jws")).unwrap();
    let line = serde_json::from_str::<Value>(&msg).unwrap().to_string();
    let mib = 1024 * 1024;
    // Line 2: the message, then carriage returns past the limit and a stray byte. Cut at the
    // limit it must not lose its tail and pass as the message.
    let tricky = format!("{line}{}X", "\r".repeat(2 * mib));
    let lines = [line.clone(), tricky, "A".repeat(3 * mib), line];
    std::fs::write(dir.join("big.ndjson"), lines.join("\n")).unwrap();
    let o = run(&dir, &[VERIFY, &["--batch", "big.ndjson"]].concat());
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let results: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(results.len(), 4, "{}", stdout(&o));
    assert_eq!(results[0]["status"], "accepted");
    assert_eq!(results[1]["code"], "json.too_large", "{}", results[1]);
    assert_eq!(results[2]["code"], "json.too_large", "{}", results[2]);
    // The last line (no line end) is read whole after the long ones: the message again.
    assert_eq!(results[3]["code"], "replay.duplicate", "{}", results[3]);
}
