//! `labourlink serve` and `labourlink send` as a user runs them: keys and a trust list made
//! with the CLI, an inbox process on 127.0.0.1 (a random port), messages delivered and their
//! receipts verified, then SIGTERM. Bounded: a handful of requests, every wait has a limit.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::BufRead as _;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use labourlink::time::{Clock as _, SystemClock};

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
    let store = format!("sqlite://{}", dir.join("store.db").display());
    ok(&dir, &["store", "init", "--store", &store]);
    std::fs::write(
        dir.join("node.toml"),
        format!(
            "listen = \"127.0.0.1:0\"\nstore = \"{store}\"\nregion = \"330200\"\nagency = \"11330200MB0P21461X\"\n\
             [signing_key]\npath = \"nb.pem\"\nkid = \"nb-1\"\n\
             [trust_list]\npath = \"tl.jws\"\nanchor = \"anchor.jwk\"\n"
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

    let child = Command::new(bin())
        .args(["serve", "--config", "node.toml"])
        .current_dir(&dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
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

    // Redelivery: accepted again, the same receipt bytes.
    let mut args = vec!["send", "--to", &url, "msg.jws", "--receipt-out", "r2.jws"];
    args.extend(verified);
    ok(&dir, &args);
    assert_eq!(
        std::fs::read(dir.join("r1.jws")).unwrap(),
        std::fs::read(dir.join("r2.jws")).unwrap()
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

    // Without a trust list the receipt is read, and said to be unchecked.
    let o = ok(&dir, &["send", "--to", &url, "msg.jws"]);
    assert!(text(&o).contains("NOT checked"), "{}", text(&o));

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
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).contains("exchange.unreachable"), "{}", text(&o));

    // The durable outbox: Liangshan's own store queues, delivers and keeps the receipt.
    let ls_store = format!("sqlite://{}", dir.join("ls.db").display());
    ok(&dir, &["store", "init", "--store", &ls_store]);
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
    std::fs::write(dir.join("msg2.jws"), &o.stdout).unwrap();
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
    std::fs::write(dir.join("msg3.jws"), &o.stdout).unwrap();
    let o = run(
        &dir,
        &[
            "send",
            "--to",
            "http://127.0.0.1:9/v1/messages",
            "msg3.jws",
            "--store",
            &ls_store,
        ],
    );
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
    let t = text(&ok(
        &dir,
        &["outbox", "run", "--store", &ls_store, "--once"],
    ));
    assert!(t.contains("attempted 0"), "{t}");

    // The trust list travels: fetched from the node, verified, recorded; then 304.
    let tl_url = format!("{base}/v1/trust-list");
    let args = [
        "trust-list",
        "fetch",
        &tl_url,
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
    let t = text(&ok(&dir, &args));
    assert!(t.contains("not modified"), "{t}");

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
    let _ = std::fs::remove_dir_all(&dir);
}
