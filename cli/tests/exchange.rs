//! `labourlink serve` and `labourlink send` as a user runs them: keys and a trust list made
//! with the CLI, an inbox process on 127.0.0.1 (a random port), messages delivered and their
//! receipts verified, then SIGTERM. Bounded: a handful of requests, every wait has a limit.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{BufRead as _, Read as _, Write as _};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use labourlink::time::{Clock as _, SystemClock, Timestamp};

mod common;
use common::{bin, ok, run, text};

fn tmpdir(name: &str) -> PathBuf {
    common::tmpdir("exchange", name)
}

/// The inbox process; killed if the test fails before it is stopped.
struct Inbox(Option<Child>);

impl Drop for Inbox {
    fn drop(&mut self) {
        if let Some(mut c) = self.0.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

#[test]
fn serve_and_send_with_verified_receipts() {
    let dir = tmpdir("serve");
    let now = SystemClock.now();
    let next = now.add_seconds(30 * 86_400).to_string();
    let from = now.add_seconds(-86_400).to_string();
    for (out, kid) in [
        ("anchor", "330200-anchor-1"),
        ("ls", "ls-1"),
        ("nb", "nb-1"),
    ] {
        ok(
            &dir,
            &[
                "keygen",
                "--alg",
                "Ed25519",
                "--out",
                &format!("{out}.pem"),
                "--public-out",
                &format!("{out}.jwk"),
                "--kid",
                kid,
            ],
        );
    }
    ok(
        &dir,
        &[
            "trust-list",
            "new",
            "--out",
            "tl.json",
            "--next-update",
            &next,
        ],
    );
    for (kid, region, agency, public) in [
        ("ls-1", "513400", "11513400MB1H7703X8", "ls.jwk"),
        ("nb-1", "330200", "11330200MB0P21461X", "nb.jwk"),
    ] {
        ok(
            &dir,
            &[
                "trust-list",
                "add-key",
                "tl.json",
                "--kid",
                kid,
                "--region",
                region,
                "--agency",
                agency,
                "--public",
                public,
                "--types",
                "worker_transfer.*,receipt",
                "--valid-from",
                &from,
            ],
        );
    }
    ok(
        &dir,
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
        ],
    );
    // Reference data signed by the anchor (a TEST region code only), served by the node.
    let anchor_party = serde_json::json!({"region": "330200", "agency": "NB-ANCHOR"});
    let rd = serde_json::json!({
        "spec": "labourlink/1", "type": "reference_data", "schema_version": "1.0",
        "id": "01a2a0b0-0000-7000-8000-000000000001", "from": anchor_party, "to": anchor_party,
        "issued_at": "2026-01-01T00:00:00Z",
        "body": {"sequence": 1, "next_update": "2099-01-01T00:00:00Z",
                 "regions": {"as_of": "2026-06-30", "source": "TEST",
                             "added": [{"code": "513499", "name": "TEST county"}]}}
    });
    std::fs::write(dir.join("rd.json"), rd.to_string()).unwrap();
    ok(
        &dir,
        &[
            "reference-data",
            "sign",
            "rd.json",
            "--key",
            "anchor.pem",
            "--kid",
            "330200-anchor-1",
            "--out",
            "rd.jws",
        ],
    );
    let store = format!("sqlite://{}", dir.join("store.db").display());
    ok(&dir, &["store", "init", "--store", &store]);
    std::fs::write(
        dir.join("node.toml"),
        format!(
            "listen = \"127.0.0.1:0\"\nstore = \"{store}\"\nregion = \"330200\"\nagency = \"11330200MB0P21461X\"\n\
             [signing_key]\npath = \"nb.pem\"\nkid = \"nb-1\"\n\
             [trust_list]\npath = \"tl.jws\"\nanchor = \"anchor.jwk\"\n\
             [reference_data]\npath = \"rd.jws\"\n"
        ),
    )
    .unwrap();
    // A roster from Liangshan (the catalogue's example, reissued now) and a broken one.
    let example = ok(&dir, &["example", "worker_transfer.roster"]).stdout;
    std::fs::write(dir.join("roster.json"), &example).unwrap();
    let mut bad: serde_json::Value = serde_json::from_slice(&example).unwrap();
    bad["body"] = serde_json::json!({"workers": []});
    std::fs::write(dir.join("bad.json"), bad.to_string()).unwrap();
    for (doc, out) in [("roster.json", "msg.jws"), ("bad.json", "bad.jws")] {
        let o = ok(
            &dir,
            &["sign", "--key", "ls.pem", "--kid", "ls-1", "--reissue", doc],
        );
        std::fs::write(dir.join(out), &o.stdout).unwrap();
    }

    // A start refused because the port is taken records nothing: the list it was given (the
    // same sequence, other content) does not stand in the way of the real start below.
    let mut other: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("tl.json")).unwrap()).unwrap();
    other["body"]["next_update"] = serde_json::json!(now.add_seconds(20 * 86_400).to_string());
    std::fs::write(dir.join("tl-other.json"), other.to_string()).unwrap();
    ok(
        &dir,
        &[
            "trust-list",
            "sign",
            "tl-other.json",
            "--key",
            "anchor.pem",
            "--kid",
            "330200-anchor-1",
            "--out",
            "tl-other.jws",
        ],
    );
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let busy = std::fs::read_to_string(dir.join("node.toml"))
        .unwrap()
        .replace("127.0.0.1:0", &taken.local_addr().unwrap().to_string())
        .replace("tl.jws", "tl-other.jws");
    std::fs::write(dir.join("busy.toml"), busy).unwrap();
    let refused = run(&dir, &["serve", "--config", "busy.toml"]);
    assert!(!refused.status.success());
    assert!(
        text(&refused).contains("cannot listen on"),
        "{}",
        text(&refused)
    );
    drop(taken);
    // So is a start whose admin token file holds no usable token: the file is named, its
    // content never shown.
    std::fs::write(dir.join("admin.token"), "letmein\n").unwrap();
    let weak = format!(
        "{}[admin]\nlisten = \"127.0.0.1:0\"\ntoken_file = \"admin.token\"\n",
        std::fs::read_to_string(dir.join("node.toml"))
            .unwrap()
            .replace("tl.jws", "tl-other.jws")
    );
    std::fs::write(dir.join("weak.toml"), weak).unwrap();
    let refused = run(&dir, &["serve", "--config", "weak.toml"]);
    assert!(!refused.status.success());
    let t = text(&refused);
    assert!(
        t.contains("admin.token") && t.contains("at least 32"),
        "{t}"
    );
    assert!(!t.contains("letmein"), "{t}");
    // With JSON logs, the reason is one JSON event a log collector reads, like every other
    // line (audit s43 on-call F5); the exit status is the same.
    let refused = run(
        &dir,
        &["serve", "--config", "weak.toml", "--log-format", "json"],
    );
    assert_eq!(refused.status.code(), Some(1));
    let stderr = String::from_utf8(refused.stderr.clone()).unwrap();
    let events: Vec<serde_json::Value> = stderr
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    let last = events.last().unwrap();
    assert_eq!(last["level"], "ERROR", "{stderr}");
    assert_eq!(last["target"], "labourlink::serve", "{stderr}");
    assert_eq!(
        last["fields"]["message"], "the node did not start",
        "{stderr}"
    );
    assert!(
        last["fields"]["error"]
            .as_str()
            .is_some_and(|e| e.contains("admin.token") && !e.contains("letmein")),
        "{stderr}"
    );

    // A key file others can read still loads, with a WARN (checked at the end); so does a
    // store file others can read (restored from a backup by hand, say: audit s43 privacy F9).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        for shared in ["nb.pem", "store.db"] {
            std::fs::set_permissions(dir.join(shared), std::fs::Permissions::from_mode(0o640))
                .unwrap();
        }
    }
    // Structured logs (JSON lines) on stderr, kept in a file for the checks at the end.
    let log = std::fs::File::create(dir.join("serve.log")).unwrap();
    let child = Command::new(bin())
        .args(["serve", "--config", "node.toml", "--log-format", "json"])
        .current_dir(&dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::from(log))
        .spawn()
        .unwrap();
    let mut inbox = Inbox(Some(child));
    let stdout = inbox.0.as_mut().unwrap().stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut lines = std::io::BufReader::new(stdout).lines();
        while let Some(Ok(l)) = lines.next() {
            if tx.send(l).is_err() {
                break;
            }
        }
    });
    let first = rx.recv_timeout(Duration::from_secs(30)).unwrap();
    let base = first
        .split_once("http://")
        .map(|(_, a)| format!("http://{}", a.trim()))
        .unwrap_or_else(|| panic!("{first}"));
    let url = format!("{base}/v1/messages");
    let verified = ["--trust-list", "tl.jws", "--anchor", "anchor.jwk"];

    let mut args = vec!["send", "--to", &url, "msg.jws", "--receipt-out", "r1.jws"];
    args.extend(verified);
    let o = ok(&dir, &args);
    let t = text(&o);
    assert!(t.contains("accepted (已接收)"), "{t}");
    assert!(t.contains("verified: signed by nb-1"), "{t}");
    // The receipt may quote a finding's values: readable by its owner only.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(dir.join("r1.jws"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    // A URL that can never work is refused before anything is sent or queued.
    let bad_store = format!("sqlite://{}", dir.join("bad-url.db").display());
    ok(&dir, &["store", "init", "--store", &bad_store]);
    for bad in [
        "ftp://x/y",
        "not a url",
        "http://[::1",
        "https://u:secret@host/v1/messages",
    ] {
        let mut args = vec!["send", "--to", bad, "msg.jws", "--store", &bad_store];
        args.extend(verified);
        let o = run(&dir, &args);
        assert_eq!(o.status.code(), Some(1), "{bad}: {}", text(&o));
        let t = text(&o);
        assert!(
            t.contains("input.invalid") && t.contains("not a usable inbox URL"),
            "{t}"
        );
        assert!(!t.contains("secret"), "{t}");
    }
    let o = ok(&dir, &["outbox", "status", "--store", &bad_store, "--json"]);
    assert!(
        !text(&o).contains("\"seq\""),
        "nothing queued: {}",
        text(&o)
    );

    // Redelivery: accepted again, the same receipt bytes.
    let mut args = vec!["send", "--to", &url, "msg.jws", "--receipt-out", "r2.jws"];
    args.extend(verified);
    ok(&dir, &args);
    assert_eq!(
        std::fs::read(dir.join("r1.jws")).unwrap(),
        std::fs::read(dir.join("r2.jws")).unwrap()
    );

    // A receipt that is not for the message sent (msg.jws's, served for bad.jws by a
    // stand-in inbox): refused, and --receipt-out is not written (a forged or misbound
    // receipt had been left there although send failed).
    let stand_in = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = l.local_addr().unwrap();
        let receipt = std::fs::read(dir.join("r1.jws")).unwrap();
        std::thread::spawn(move || {
            use std::io::{Read as _, Write as _};
            for c in l.incoming().take(4) {
                let Ok(mut c) = c else { continue };
                c.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
                let mut buf = [0u8; 65_536];
                let _ = c.read(&mut buf);
                let _ = c.write_all(
                    format!(
                        "HTTP/1.1 200 OK\r\ncontent-type: application/jose+json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                        receipt.len()
                    )
                    .as_bytes(),
                );
                let _ = c.write_all(&receipt);
            }
        });
        format!("http://{addr}/v1/messages")
    };
    let mut args = vec![
        "send",
        "--to",
        &stand_in,
        "bad.jws",
        "--receipt-out",
        "r3.jws",
    ];
    args.extend(verified);
    let o = run(&dir, &args);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("receipt was refused"), "{}", text(&o));
    assert!(
        !dir.join("r3.jws").exists(),
        "a refused receipt was written"
    );

    // A schema-invalid roster: exit 1 with the code and the pointer.
    let mut args = vec!["send", "--to", &url, "bad.jws"];
    args.extend(verified);
    let o = run(&dir, &args);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let t = text(&o);
    assert!(
        t.contains("rejected (已拒收) by the inbox, HTTP 422"),
        "{t}"
    );
    assert!(t.contains("schema.invalid at /"), "{t}");
    // The same with --json: one object on stdout, the inbox's codes in it, exit 1 still.
    let mut args = vec!["send", "--to", &url, "bad.jws", "--json"];
    args.extend(verified);
    let o = run(&dir, &args);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        (&v["status"], &v["http_status"]),
        (&"rejected".into(), &422.into())
    );
    assert_eq!(v["errors"][0]["code"], "schema.invalid");
    assert_eq!(v["receipt_verified"], true);
    // An accepted delivery with --json (a redelivery: accepted again).
    let mut args = vec!["send", "--to", &url, "msg.jws", "--json"];
    args.extend(verified);
    let v: serde_json::Value = serde_json::from_slice(&ok(&dir, &args).stdout).unwrap();
    assert_eq!(
        (&v["status"], &v["type"]),
        (&"accepted".into(), &"worker_transfer.roster".into())
    );
    assert_eq!(v["outbox_seq"], serde_json::Value::Null);

    // Without a trust list nothing is sent: the receipt could not be checked.
    let o = run(&dir, &["send", "--to", &url, "msg.jws"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("--trust-list"), "{}", text(&o));
    // Unless asked for by name: then the receipt is read, and said to be unchecked.
    let args = [
        "send",
        "--to",
        &url,
        "msg.jws",
        "--dangerous-unchecked-receipts",
    ];
    let o = ok(&dir, &args);
    assert!(text(&o).contains("NOT checked"), "{}", text(&o));
    let o = run(
        &dir,
        &["outbox", "run", "--store", "sqlite::memory:", "--once"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("--trust-list"), "{}", text(&o));

    // Nobody listening: exit 1 after the bounded attempts.
    let o = run(
        &dir,
        &[
            "send",
            "--to",
            "http://127.0.0.1:9/v1/messages",
            "msg.jws",
            "--attempts",
            "1",
            "--dangerous-unchecked-receipts",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).contains("exchange.unreachable"), "{}", text(&o));

    // The durable outbox: Liangshan's own store queues, delivers and keeps the receipt.
    let ls_store = format!("sqlite://{}", dir.join("ls.db").display());
    ok(&dir, &["store", "init", "--store", &ls_store]);
    // The roster signed again under a new id, into `file`.
    let reissue = |file: &str| {
        let o = ok(
            &dir,
            &[
                "sign",
                "--key",
                "ls.pem",
                "--kid",
                "ls-1",
                "--reissue",
                "roster.json",
            ],
        );
        std::fs::write(dir.join(file), &o.stdout).unwrap();
    };
    reissue("msg2.jws");
    let mut args = vec![
        "send",
        "--to",
        &url,
        "msg2.jws",
        "--store",
        &ls_store,
        "--wait",
        "20",
        "--receipt-out",
        "r3.jws",
    ];
    args.extend(verified);
    let t = text(&ok(&dir, &args));
    assert!(t.contains("queued in the outbox"), "{t}");
    assert!(t.contains("accepted (已接收)"), "{t}");
    assert!(dir.join("r3.jws").exists());
    // Where no URL is given, the trust list must name the addressee's inbox.
    let mut args = vec!["send", "msg2.jws", "--store", &ls_store];
    args.extend(verified);
    let o = run(&dir, &args);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).contains("no inbox URL for 330200"), "{}", text(&o));
    // Nobody listening: queued, one attempt, still pending; an operator drops it.
    // (A new message each time: the roster signed again under a new id, sent where nothing
    // listens.)
    let queue_unreachable = |file: &str, extra: &[&str]| {
        reissue(file);
        let mut args = vec![
            "send",
            "--to",
            "http://127.0.0.1:9/v1/messages",
            file,
            "--store",
            &ls_store,
        ];
        args.extend(verified);
        args.extend(extra);
        run(&dir, &args)
    };
    let o = queue_unreachable("msg3.jws", &[]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("not delivered yet"), "{}", text(&o));
    let status: serde_json::Value = serde_json::from_slice(
        &ok(&dir, &["outbox", "status", "--store", &ls_store, "--json"]).stdout,
    )
    .unwrap();
    assert_eq!(status["counts"]["delivered"], 1, "{status}");
    assert_eq!(status["counts"]["pending"], 1, "{status}");
    let pending = status["messages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["state"] == "pending")
        .unwrap();
    assert!(
        pending.get("jws").is_none(),
        "listings carry no message bodies"
    );
    let seq = pending["seq"].to_string();
    ok(&dir, &["outbox", "drop", "--store", &ls_store, &seq]);
    let o = run(&dir, &["outbox", "retry", "--store", &ls_store, &seq]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).contains("store.not_found"), "{}", text(&o));
    let mut args = vec!["outbox", "run", "--store", &ls_store, "--once"];
    args.extend(verified);
    let t = text(&ok(&dir, &args));
    assert!(t.contains("attempted 0"), "{t}");
    // Undelivered where it was sent; an operator points it at where the inbox is now (a URL
    // that can never work is refused first), and the next pass delivers it there.
    let o = queue_unreachable("msg4.jws", &["--json"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let sent: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let seq = sent["outbox_seq"].to_string();
    let retry = ["outbox", "retry", "--store", &ls_store, &seq, "--to"];
    let o = run(&dir, &[&retry[..], &["ftp://127.0.0.1/inbox"]].concat());
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("input.invalid"), "{}", text(&o));
    let t = text(&ok(&dir, &[&retry[..], &[url.as_str()]].concat()));
    assert!(t.contains("due now again, to http://127.0.0.1"), "{t}");
    let mut args = vec!["outbox", "run", "--store", &ls_store, "--once"];
    args.extend(verified);
    let t = text(&ok(&dir, &args));
    assert!(t.contains("delivered 1"), "{t}");
    let status: serde_json::Value = serde_json::from_slice(
        &ok(&dir, &["outbox", "status", "--store", &ls_store, "--json"]).stdout,
    )
    .unwrap();
    let moved = status["messages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["seq"] == sent["outbox_seq"])
        .unwrap();
    assert_eq!(moved["state"], "delivered", "{moved}");
    assert_eq!(moved["endpoint"], url.as_str(), "{moved}");
    assert_eq!(moved["endpoint_source"], "given", "{moved}");

    // The trust list travels: fetched from the node, verified, recorded; then 304. Two
    // anchors pinned (a rotation): the list is signed by the second.
    ok(
        &dir,
        &[
            "keygen",
            "--alg",
            "Ed25519",
            "--out",
            "anchor-next.pem",
            "--public-out",
            "anchor-next.jwk",
            "--kid",
            "330200-anchor-next",
        ],
    );
    let tl_url = format!("{base}/v1/trust-list");
    let args = [
        "trust-list",
        "fetch",
        &tl_url,
        "--anchor",
        "anchor-next.jwk",
        "--anchor",
        "anchor.jwk",
        "--store",
        &ls_store,
        "--out",
        "fetched.jws",
    ];
    let t = text(&ok(&dir, &args));
    assert!(
        t.contains("verified") && t.contains("recorded in the store"),
        "{t}"
    );
    assert_eq!(
        std::fs::read(dir.join("fetched.jws")).unwrap(),
        std::fs::read(dir.join("tl.jws")).unwrap()
    );
    // The same --out again is refused without --force (before anything is fetched) …
    let again = run(&dir, &args);
    assert_eq!(again.status.code(), Some(2), "{}", text(&again));
    assert!(
        text(&again).contains("fetched.jws exists"),
        "{}",
        text(&again)
    );
    // … and with it the list is fetched again: 304, and --out gets the list the store holds
    // (a cron job sharing the node's store keeps an out-of-date file current).
    std::fs::write(dir.join("fetched.jws"), b"an older list").unwrap();
    let args = [&args[..], &["--force"]].concat();
    let t = text(&ok(&dir, &args));
    assert!(
        t.contains("not modified") && t.contains("written to fetched.jws"),
        "{t}"
    );
    assert_eq!(
        std::fs::read(dir.join("fetched.jws")).unwrap(),
        std::fs::read(dir.join("tl.jws")).unwrap()
    );

    // Without --store, a fetched list older than the --out file it would replace is refused
    // and the file kept (a man in the middle, a stale mirror: audit s42 hostile F2).
    ok(
        &dir,
        &[
            "trust-list",
            "sign",
            "tl.json",
            "--key",
            "anchor.pem",
            "--kid",
            "330200-anchor-1",
            "--after",
            "tl.jws",
            "--out",
            "tl-2.jws",
        ],
    );
    std::fs::copy(dir.join("tl-2.jws"), dir.join("newer.jws")).unwrap();
    let o = run(
        &dir,
        &[
            "trust-list",
            "fetch",
            &tl_url,
            "--anchor",
            "anchor.jwk",
            "--out",
            "newer.jws",
            "--force",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(
        text(&o).contains("trust_list.rollback")
            && text(&o).contains("older than the list in newer.jws"),
        "{}",
        text(&o)
    );
    assert_eq!(
        std::fs::read(dir.join("newer.jws")).unwrap(),
        std::fs::read(dir.join("tl-2.jws")).unwrap()
    );

    // After Ningbo restores its store from a backup that predates these deliveries: Liangshan
    // exports the receipts it holds from 330200 (no personal data), and `store recover` gives
    // the restored store back the replay records of what it had accepted — msg4 is a
    // duplicate there again — and the receipts themselves.
    let o = ok(
        &dir,
        &[
            "archive",
            "export",
            "--store",
            &ls_store,
            "--receipts-from",
            "330200",
            "--out",
            "receipts-for-ningbo.ndjson",
        ],
    );
    assert!(o.status.success());
    let exported = std::fs::read_to_string(dir.join("receipts-for-ningbo.ndjson")).unwrap();
    assert!(
        exported.lines().count() >= 2
            && exported
                .lines()
                .all(|l| l.contains("\"type\":\"receipt\"") && l.contains("\"jws\":\"")),
        "{exported}"
    );
    let restored = format!("sqlite://{}", dir.join("restored.db").display());
    ok(&dir, &["store", "init", "--store", &restored]);
    let recover = [
        "store",
        "recover",
        "--store",
        &restored,
        "--trust-list",
        "tl.jws",
        "--anchor",
        "anchor.jwk",
        "--region",
        "330200",
        "receipts-for-ningbo.ndjson",
        "--json",
    ];
    let j: serde_json::Value = serde_json::from_slice(&ok(&dir, &recover).stdout).unwrap();
    assert_eq!(j["status"], "ok", "{j}");
    assert!(j["recorded"].as_u64().unwrap() >= 2, "{j}");
    assert_eq!(j["receipts_archived"], j["recorded"], "{j}");
    let again: serde_json::Value = serde_json::from_slice(&ok(&dir, &recover).stdout).unwrap();
    assert_eq!(
        (
            again["recorded"].as_u64(),
            again["already_recorded"].clone()
        ),
        (Some(0), j["recorded"].clone()),
        "{again}"
    );
    let v = run(
        &dir,
        &[
            "verify",
            "--store",
            &restored,
            "--trust-list",
            "tl.jws",
            "--anchor",
            "anchor.jwk",
            "--region",
            "330200",
            "--json",
            "msg4.jws",
        ],
    );
    let v: serde_json::Value = serde_json::from_slice(&v.stdout).unwrap();
    assert_eq!(v["code"], "replay.duplicate", "{v}");
    // A mistyped --region recovers nothing and says so (exit 1, review s42b F4); a line whose
    // body the partner's retention dropped is counted, not refused (F5); a newer list in the
    // store is used, not the older file (F2).
    let mut wrong = recover.to_vec();
    wrong[9] = "513400";
    let o = run(&dir, &wrong);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("check --region"), "{}", text(&o));
    std::fs::write(
        dir.join("purged.ndjson"),
        format!(
            "{}\n{{\"type\":\"receipt\",\"jws\":null}}\n",
            exported.lines().next().unwrap()
        ),
    )
    .unwrap();
    let mut args = recover.to_vec();
    args[10] = "purged.ndjson";
    let j: serde_json::Value = serde_json::from_slice(&ok(&dir, &args).stdout).unwrap();
    assert_eq!(j["bodies_purged"], 1, "{j}");
    // (msg4 is a duplicate there: exit 1, but list 2 is recorded first.)
    run(
        &dir,
        &[
            "verify",
            "--store",
            &restored,
            "--trust-list",
            "tl-2.jws",
            "--anchor",
            "anchor.jwk",
            "--region",
            "330200",
            "msg4.jws",
        ],
    );
    let o = ok(&dir, &recover);
    assert!(
        text(&o).contains("using the trust list (sequence 2) the store accepted last"),
        "{}",
        text(&o)
    );
    // A receipt altered on the way is not taken, and says where.
    let forged = exported.replacen(
        "\"jws\":\"{\\\"payload\\\":\\\"e",
        "\"jws\":\"{\\\"payload\\\":\\\"f",
        1,
    );
    assert_ne!(forged, exported);
    std::fs::write(dir.join("forged.ndjson"), forged).unwrap();
    let o = run(&dir, &[&recover[..10], &["forged.ndjson"]].concat());
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(
        text(&o).contains("forged.ndjson:1: not taken"),
        "{}",
        text(&o)
    );
    // Receipts dated before the backup are for messages the backup holds: skipped, whatever
    // they claim — a leaked receipt key retired before the backup cannot put a backdated
    // receipt's message in the store (audit s43 archive F7). By default the backup's time is
    // the newest `issued_at` the restored store received; here it is given.
    let later = format!("sqlite://{}", dir.join("restored-later.db").display());
    ok(&dir, &["store", "init", "--store", &later]);
    let mut args = recover.to_vec();
    args[3] = &later;
    let since = Timestamp::from_unix_seconds(SystemClock.now().unix_seconds() + 7200).to_string();
    let args = [&args[..], &["--since", &since]].concat();
    let j: serde_json::Value = serde_json::from_slice(&ok(&dir, &args).stdout).unwrap();
    assert_eq!(
        (j["recorded"].as_u64(), j["receipts_archived"].as_u64()),
        (Some(0), Some(0)),
        "{j}"
    );
    assert_eq!(
        j["before_backup"].as_u64(),
        Some(exported.lines().count() as u64),
        "{j}"
    );
    assert_eq!(j["status"], "ok", "{j}");

    // The sender's archive as evidence: every sent message and every receipt re-checked as of
    // when the store first saw it — a receipt as the answer to the archived message it
    // acknowledges — signed by whom, and what the list says of that key now (audit s43
    // archive F2: no command did this).
    let evidence = [
        "archive",
        "verify",
        "--store",
        &ls_store,
        "--trust-list",
        "tl.jws",
        "--anchor",
        "anchor.jwk",
    ];
    let o = ok(&dir, &evidence);
    let t = text(&o);
    assert!(
        t.contains("verified #1 sent")
            && t.contains("signed by ls-1 (513400 / ")
            && t.contains(": active"),
        "{t}"
    );
    assert!(
        t.contains(" 0 failed — against trust list sequence 1"),
        "{t}"
    );
    let j = ok(&dir, &[&evidence[..], &["--json"]].concat());
    let lines: Vec<serde_json::Value> = text(&j)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // Each receipt bound to the archived message it acknowledges.
    let receipts = lines
        .iter()
        .filter(|l| {
            l["type"] == "receipt" && l["status"] == "verified" && l["binding"] == "checked"
        })
        .count();
    assert!(receipts >= 2, "{lines:?}");
    let summary = &lines.last().unwrap()["summary"];
    assert_eq!(summary["failed"], 0, "{summary}");
    // The receiving node's archive too: the messages it accepted, and its own receipts bound
    // to them.
    let mut args = evidence.to_vec();
    args[3] = &store;
    args.push("--json");
    let j = ok(&dir, &args);
    let nb_lines: Vec<serde_json::Value> = text(&j)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(
        nb_lines.iter().any(|l| l["direction"] == "sent"
            && l["type"] == "receipt"
            && l["status"] == "verified"),
        "{nb_lines:?}"
    );
    assert_eq!(
        nb_lines.last().unwrap()["summary"]["failed"],
        0,
        "{nb_lines:?}"
    );
    // One row edited behind dropped triggers: named, exit 1; `store check` finds it too.
    let id1 = lines[0]["id"].as_str().unwrap().to_owned();
    std::fs::copy(dir.join("ls.db"), dir.join("ls-edited.db")).unwrap();
    rusqlite::Connection::open(dir.join("ls-edited.db"))
        .unwrap()
        .execute_batch(&format!(
            "DROP TRIGGER ll_message_no_rewrite; UPDATE ll_message SET to_agency = 'X' WHERE id = '{id1}';"
        ))
        .unwrap();
    let edited = format!("sqlite://{}", dir.join("ls-edited.db").display());
    let mut args = evidence.to_vec();
    args[3] = &edited;
    args.push(&id1);
    let o = run(&dir, &args);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(
        text(&o).contains("altered") && text(&o).contains("its to do not match"),
        "{}",
        text(&o)
    );
    // The message a receipt of acceptance acknowledges, gone from the archive: the receipt
    // is not "verified" alone (review s43 M2).
    std::fs::copy(dir.join("ls.db"), dir.join("ls-unbound.db")).unwrap();
    rusqlite::Connection::open(dir.join("ls-unbound.db"))
        .unwrap()
        .execute_batch(&format!(
            "DROP TRIGGER ll_message_no_delete; DELETE FROM ll_message WHERE id = '{id1}';"
        ))
        .unwrap();
    let unbound = format!("sqlite://{}", dir.join("ls-unbound.db").display());
    let mut args = evidence.to_vec();
    args[3] = &unbound;
    args.push("--json");
    let o = run(&dir, &args);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(
        text(&o).contains("\"status\":\"failed\"")
            && text(&o).contains("an acceptance of a message this archive does not hold"),
        "{}",
        text(&o)
    );
    let o = run(&dir, &["store", "check", "--store", &edited]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(
        text(&o).contains("ll_message_no_rewrite") && text(&o).contains("row 1: its to"),
        "{}",
        text(&o)
    );

    // Reference data travels the same way: GET /v1/reference-data, verified, recorded; then 304.
    let rd_url = format!("{base}/v1/reference-data");
    let args = [
        "reference-data",
        "fetch",
        &rd_url,
        "--anchor",
        "anchor.jwk",
        "--store",
        &ls_store,
        "--out",
        "rd-fetched.jws",
    ];
    let t = text(&ok(&dir, &args));
    assert!(t.contains("recorded in the store"), "{t}");
    assert_eq!(
        std::fs::read(dir.join("rd-fetched.jws")).unwrap(),
        std::fs::read(dir.join("rd.jws")).unwrap()
    );
    std::fs::remove_file(dir.join("rd-fetched.jws")).unwrap();
    let t = text(&ok(&dir, &args));
    assert!(
        t.contains("not modified") && t.contains("written to rd-fetched.jws"),
        "{t}"
    );
    assert_eq!(
        std::fs::read(dir.join("rd-fetched.jws")).unwrap(),
        std::fs::read(dir.join("rd.jws")).unwrap()
    );
    let args = [&args[..], &["--force"]].concat();
    let t = text(&ok(&dir, &args));
    assert!(t.contains("not modified"), "{t}");

    // A flood of refused requests (wrong content type, then over the client's rate) is
    // answered and counted each time, but logged at most ten lines a second; the next line
    // says how many were left out.
    let addr = base.trim_start_matches("http://").to_owned();
    // A head the HTTP layer cannot read: 400 with its code, and a log line naming the client.
    {
        let mut c = std::net::TcpStream::connect(&addr).unwrap();
        c.write_all(b"NOT HTTP AT ALL\r\n\r\n").unwrap();
        let mut answer = String::new();
        let _ = c.read_to_string(&mut answer);
        assert!(
            answer.starts_with("HTTP/1.1 400") && answer.contains("exchange.malformed_request"),
            "{answer}"
        );
    }
    let flood = Instant::now();
    let refused_post = || {
        let mut c = std::net::TcpStream::connect(&addr).unwrap();
        c.write_all(
            b"POST /v1/messages HTTP/1.1\r\nhost: x\r\ncontent-type: text/plain\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{}",
        )
        .unwrap();
        let mut answer = String::new();
        let _ = c.read_to_string(&mut answer);
        assert!(
            answer.starts_with("HTTP/1.1 415") || answer.starts_with("HTTP/1.1 429"),
            "{answer}"
        );
    };
    for _ in 0..200 {
        refused_post();
    }
    let flood_seconds = flood.elapsed().as_secs();
    std::thread::sleep(Duration::from_millis(1100));
    refused_post();

    // SIGTERM stops the inbox cleanly.
    let mut child = inbox.0.take().unwrap();
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let t0 = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if t0.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            panic!("the inbox did not stop on SIGTERM");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success());
    let mut rest = Vec::new();
    while let Ok(l) = rx.recv_timeout(Duration::from_secs(5)) {
        rest.push(l);
    }
    assert!(rest.iter().any(|l| l == "stopped"), "{rest:?}");

    // The logs: one JSON object per line, what the node did with each request and from
    // which client — and nothing of the messages' personal data or the keys.
    let log = std::fs::read_to_string(dir.join("serve.log")).unwrap();
    let events: Vec<serde_json::Value> = log
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    let accepted = events
        .iter()
        .find(|e| e["fields"]["status"] == 200 && e["fields"]["message_type"].is_string())
        .unwrap_or_else(|| panic!("{log}"));
    assert_eq!(accepted["level"], "INFO");
    assert_eq!(accepted["target"], "labourlink::inbox");
    assert_eq!(accepted["fields"]["message_type"], "worker_transfer.roster");
    assert_eq!(accepted["span"]["client"], "127.0.0.1", "{accepted}");
    // Rejections and redeliveries name the message id (not personal data), so an operator
    // can match a partner's question to the event.
    // A signed message rejected names its sender (which partner to call: audit s43 on-call
    // F7), but not a schema's or a rule's text, which may state a value of the body.
    assert!(
        events.iter().any(|e| e["fields"]["status"] == 422
            && e["fields"]["code"] == "schema.invalid"
            && e["fields"]["id"].as_str().is_some_and(|id| id.len() == 36)
            && e["fields"]["from"]
                .as_str()
                .is_some_and(|f| f.starts_with("513400/"))
            && e["fields"]["error"] == ""
            && e["level"] == "WARN"),
        "{log}"
    );
    assert!(
        events
            .iter()
            .any(|e| e["fields"]["code"] == "replay.duplicate"
                && e["fields"]["id"].as_str().is_some_and(|id| id.len() == 36)),
        "{log}"
    );
    assert!(
        events
            .iter()
            .any(|e| e["fields"]["code"] == "exchange.malformed_request"
                && e["fields"]["client"] == "127.0.0.1"),
        "{log}"
    );
    let refusals = events
        .iter()
        .filter(|e| e["fields"]["status"] == 415 || e["fields"]["status"] == 429)
        .count();
    let most = usize::try_from(10 * (flood_seconds + 3)).unwrap();
    assert!(
        refusals <= most,
        "{refusals} refusal lines for 201 refusals in {flood_seconds} s"
    );
    assert!(
        events
            .iter()
            .any(|e| e["fields"]["suppressed"].as_u64().is_some_and(|n| n > 0)),
        "{log}"
    );
    #[cfg(unix)]
    for shared in ["nb.pem", "store.db"] {
        assert!(
            events.iter().any(|e| e["target"] == "labourlink::node"
                && e["level"] == "WARN"
                && e["fields"]["file"]
                    .as_str()
                    .is_some_and(|f| f.ends_with(shared))
                && e["fields"]["message"]
                    .as_str()
                    .is_some_and(|m| m.contains("can be read by other users"))),
            "{shared}: {log}"
        );
    }
    let roster: serde_json::Value = serde_json::from_slice(&example).unwrap();
    let person = &roster["body"]["workers"][0]["person"];
    for secret in [
        person["citizen_id"].as_str().unwrap(),
        person["name"].as_str().unwrap(),
        "PRIVATE KEY",
        "payload",
    ] {
        assert!(!log.contains(secret), "the log holds '{secret}'");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// kill -9 of the receiving `labourlink serve` during a burst from two outbox workers and a
/// client posting directly, with requests in flight: after it is started again (same store,
/// same port) everything is delivered, nothing acknowledged is lost (every receipt a sender
/// holds is, byte for byte, the receipt the receiver committed, and names a message in its
/// archive) and nothing is accepted twice (each message archived once).
#[test]
fn receiver_killed_during_a_burst_loses_nothing_acknowledged() {
    use std::sync::Arc;

    use labourlink::envelope::{Document, Party};
    use labourlink::keys::SigningKey;
    use labourlink::trust::{Anchor, KeyRecord, TrustList, TrustStore};
    use labourlink_exchange::outbox::{self, DeliveryPolicy, Outbox};
    use labourlink_store::{Direction, NewMessage, OutboxQuery, OutboxState, Store};

    let dir = tmpdir("crash");
    let now = SystemClock.now();
    let anchor = SigningKey::from_seed(&[9; 32], "330200-anchor-1").unwrap();
    let nb = SigningKey::from_seed(&[2; 32], "nb-1").unwrap();
    let ls = SigningKey::from_seed(&[1; 32], "ls-1").unwrap();
    let (nb_p, ls_p) = (
        Party::new("330200", "11330200MB0P21461X"),
        Party::new("513400", "11513400MB1H7703X8"),
    );
    let mut list = TrustList::new(1, now.add_seconds(30 * 86_400));
    for (k, p) in [(&nb, &nb_p), (&ls, &ls_p)] {
        list.add_key(KeyRecord::new(
            k.kid(),
            &p.region,
            &p.agency,
            k.verifying_key(),
            now.add_seconds(-86_400),
            None,
            vec!["worker_transfer.*".into(), "receipt".into()],
        ))
        .unwrap();
    }
    let tl = list
        .sign(
            &anchor,
            Party::new("330200", "330200-trust-anchor"),
            &SystemClock,
        )
        .unwrap();
    std::fs::write(dir.join("tl.jws"), &tl).unwrap();
    let mut jwk = anchor.verifying_key().to_jwk();
    jwk["kid"] = "330200-anchor-1".into();
    std::fs::write(dir.join("anchor.jwk"), jwk.to_string()).unwrap();
    std::fs::write(dir.join("nb.pem"), nb.to_pem().as_bytes()).unwrap();
    let store = format!("sqlite://{}", dir.join("nb.db").display());
    Store::init(&store).unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    std::fs::write(
        dir.join("node.toml"),
        format!(
            "listen = \"127.0.0.1:{port}\"\nstore = \"{store}\"\nregion = \"330200\"\nagency = \"11330200MB0P21461X\"\n\
             [signing_key]\npath = \"nb.pem\"\nkid = \"nb-1\"\n\
             [trust_list]\npath = \"tl.jws\"\nanchor = \"anchor.jwk\"\n"
        ),
    )
    .unwrap();
    let serve = || {
        let mut child = Command::new(bin())
            .args(["serve", "--config", "node.toml"])
            .current_dir(&dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
        let mut first = String::new();
        out.read_line(&mut first).unwrap();
        assert!(first.contains(&format!("127.0.0.1:{port}")), "{first}");
        // Keep reading: a closed pipe would fail the node's later lines.
        std::thread::spawn(move || std::io::copy(&mut out, &mut std::io::sink()));
        Inbox(Some(child))
    };

    // Liangshan's outbox with a burst of 40 rosters, worked by two outbox workers at once
    // (the store's claims keep them apart), and 30 more rosters posted straight by a third
    // thread that keeps posting through the kill: requests are in flight when it lands.
    let sender =
        Arc::new(Store::init(&format!("sqlite://{}", dir.join("ls.db").display())).unwrap());
    let anchors = vec![Anchor::new("330200-anchor-1", anchor.verifying_key())];
    let loaded = TrustList::load(tl.as_bytes(), &anchors, &SystemClock, 604_800).unwrap();
    let trust = Arc::new(TrustStore::new(anchors, loaded, 604_800));
    let policy = DeliveryPolicy::default()
        .backoff(Duration::from_millis(20), Duration::from_millis(200))
        .timeout(Duration::from_secs(5));
    let example = labourlink::schema::example("worker_transfer.roster").unwrap();
    let url = format!("http://127.0.0.1:{port}/v1/messages");
    let roster = |i: usize| {
        let doc = Document::builder("worker_transfer.roster", ls_p.clone(), nb_p.clone())
            .case(
                format!("513400-WT-2026-{i:04}"),
                "worker_transfer.placement",
            )
            .body(example["body"].clone())
            .build(&SystemClock)
            .unwrap();
        labourlink::sign(&doc.to_value(), &[&ls])
            .unwrap()
            .into_bytes()
    };
    let n = 40;
    for i in 0..n {
        outbox::enqueue(&sender, &roster(i), &url, SystemClock.now(), &policy).unwrap();
    }
    let direct: Vec<Vec<u8>> = (n..n + 30).map(roster).collect();
    let delivered = |s: &Store| {
        s.outbox_counts()
            .unwrap()
            .into_iter()
            .find(|(st, _)| *st == OutboxState::Delivered)
            .map_or(0, |(_, c)| c)
    };
    let mut inbox = serve();
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let deadline = Instant::now() + Duration::from_secs(90);
    let workers: Vec<_> = (0..2)
        .map(|_| {
            let ob = Outbox::new(Arc::clone(&sender), Arc::clone(&trust), policy.batch(2));
            let (sender, stop) = (Arc::clone(&sender), Arc::clone(&stop));
            std::thread::spawn(move || {
                while !stop.load(std::sync::atomic::Ordering::Relaxed)
                    && delivered(&sender) < n as u64
                    && Instant::now() < deadline
                {
                    ob.run_once(SystemClock.now()).unwrap();
                    std::thread::sleep(Duration::from_millis(2));
                }
            })
        })
        .collect();
    // The direct poster: each message until it gets a receipt (as a partner's own client
    // would), counting the attempts that failed (the kill, the restart).
    let poster = {
        let url = url.clone();
        std::thread::spawn(move || {
            let agent = labourlink_exchange::client::agent(Duration::from_secs(5));
            let mut receipts = Vec::new();
            let mut failed = 0;
            for jws in &direct {
                loop {
                    match labourlink_exchange::client::post_once(&agent, &url, jws) {
                        labourlink_exchange::client::PostOutcome::Receipt { status, receipt } => {
                            assert_eq!(status, 200, "{}", String::from_utf8_lossy(&receipt));
                            receipts.push((jws.clone(), receipt));
                            break;
                        }
                        _ if Instant::now() > deadline => return (receipts, failed),
                        _ => {
                            failed += 1;
                            std::thread::sleep(Duration::from_millis(10));
                        }
                    }
                }
                std::thread::sleep(Duration::from_millis(3));
            }
            (receipts, failed)
        })
    };
    // kill -9 the receiver while both keep sending.
    let t0 = Instant::now();
    while delivered(&sender) < 12 && t0.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(1));
    }
    let mut child = inbox.0.take().unwrap();
    child.kill().unwrap(); // SIGKILL
    let _ = child.wait();
    let before = delivered(&sender);
    assert!(
        before >= 12 && before < n as u64,
        "{before} delivered before the kill"
    );
    std::thread::sleep(Duration::from_millis(300));
    // Restart on the same store and port; the outbox and the poster finish.
    let _inbox = serve();
    let (receipts, failed) = poster.join().unwrap();
    for w in workers {
        w.join().unwrap();
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    assert_eq!(delivered(&sender), n as u64);
    assert_eq!(receipts.len(), 30, "the direct poster got every receipt");
    assert!(
        failed > 0,
        "no direct post failed: the kill missed the burst"
    );
    // Every receipt a sender holds is the receipt the receiver committed, byte for byte
    // (a receipt sent before its commit would have been lost with the process, and the
    // message answered again with another receipt), and every message acknowledged is in
    // the receiver's archive exactly once.
    let receiver = Store::open(&store).unwrap();
    let mut held: Vec<(Vec<u8>, Vec<u8>)> = sender
        .outbox(&OutboxQuery::all())
        .unwrap()
        .into_iter()
        .map(|item| {
            (
                item.jws,
                item.receipt.expect("a delivered item holds its receipt"),
            )
        })
        .collect();
    held.extend(receipts);
    assert_eq!(held.len(), n + 30);
    for (jws, receipt) in &held {
        let msg = NewMessage::from_jws(Direction::Received, jws, now).unwrap();
        let got = receiver.archived_by_id(&msg.id).unwrap();
        assert_eq!(
            got.iter()
                .filter(|m| m.direction == Direction::Received)
                .count(),
            1,
            "{} archived once",
            msg.id
        );
        let rid = NewMessage::from_jws(Direction::Sent, receipt, now)
            .unwrap()
            .id;
        let committed = receiver
            .archived(Direction::Sent, &nb_p.region, &nb_p.agency, &rid)
            .unwrap()
            .and_then(|m| m.jws);
        assert!(
            committed.as_deref() == Some(receipt.as_slice()),
            "the receipt held for {} is not the one the receiver committed",
            msg.id
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
