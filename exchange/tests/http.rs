//! The inbox over real HTTP on 127.0.0.1: each test starts a node on a random port with a
//! fresh SQLite store, talks to it, and stops it. Bounded: a few requests each, short
//! timeouts.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{Read as _, Write as _};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use labourlink::envelope::{Document, Party};
use labourlink::keys::SigningKey;
use labourlink::time::{Clock as _, SystemClock, Timestamp};
use labourlink::trust::{DEFAULT_GRACE_SECONDS, KeyRecord, TrustList};
use labourlink::verify::Verifier;
use labourlink_exchange::client::{self, SendOptions};
use labourlink_exchange::outbox::{DeliveryPolicy, Outbox};
use labourlink_exchange::server::RunningServer;
use labourlink_exchange::{Node, NodeConfig};
use labourlink_store::{OutboxQuery, OutboxState, Store};
use serde_json::Value;

const NB: (&str, &str) = ("330200", "11330200MB0P21461X");
const LS: (&str, &str) = ("513400", "11513400MB1H7703X8");
/// A second Ningbo agency, served by the same node in `start_two_agencies`.
const NB2: (&str, &str) = ("330200", "12330200MB0K617093");

struct Fixture {
    dir: PathBuf,
    server: Option<RunningServer>,
    node: Arc<Node>,
    trust_list: Vec<u8>,
    reference_data: Vec<u8>,
    liangshan: SigningKey,
}

impl Drop for Fixture {
    fn drop(&mut self) {
        if let Some(s) = self.server.take() {
            s.stop();
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn fresh_dir() -> PathBuf {
    static N: AtomicU32 = AtomicU32::new(0);
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "exchange-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn now() -> Timestamp {
    SystemClock.now()
}

/// A Ningbo inbox node made from a `node.toml`, with Liangshan's key in its trust list.
fn start() -> Fixture {
    start_with(64)
}

fn start_with(max_concurrent_requests: usize) -> Fixture {
    start_full(max_concurrent_requests, false, "")
}

/// A Ningbo node receiving for two agencies (`NB` and `NB2`), each with its own receipt key.
fn start_two_agencies() -> Fixture {
    start_full(64, true, "")
}

/// `extra`: more `[limits]` lines.
fn start_full(max_concurrent_requests: usize, two_agencies: bool, extra: &str) -> Fixture {
    let dir = fresh_dir();
    let anchor = SigningKey::from_seed(&[9; 32], "330200-anchor").unwrap();
    let ningbo = SigningKey::from_seed(&[2; 32], "330200-si-2026a").unwrap();
    let ningbo2 = SigningKey::from_seed(&[3; 32], "330200-lab-2026a").unwrap();
    let liangshan = SigningKey::from_seed(&[1; 32], "513400-hr-2026a").unwrap();
    let t = now();
    let mut list = TrustList::new(1, t.add_seconds(30 * 86_400));
    let second = two_agencies.then_some((&ningbo2, NB2, vec!["receipt".to_owned()]));
    for (k, (region, agency), types) in [
        (
            &ningbo,
            NB,
            vec!["receipt".to_owned(), "worker_transfer.*".to_owned()],
        ),
        (
            &liangshan,
            LS,
            vec!["worker_transfer.*".to_owned(), "receipt".to_owned()],
        ),
    ]
    .into_iter()
    .chain(second)
    {
        list.add_key(listed(k, region, agency, t, types)).unwrap();
    }
    let tl = list
        .sign(
            &anchor,
            Party::new("330200", "330200-trust-anchor"),
            &SystemClock,
        )
        .unwrap();
    let mut jwk = anchor.verifying_key().to_jwk();
    jwk["kid"] = "330200-anchor".into();
    std::fs::write(dir.join("tl.jws"), &tl).unwrap();
    // Reference data signed by the same anchor (a test-only region code: no rule a test
    // message meets changes).
    let rd = labourlink::refdata::ReferenceData::from_body(&serde_json::json!({
        "sequence": 1,
        "next_update": t.add_seconds(30 * 86_400).to_string(),
        "regions": {"as_of": "2026-06-30", "source": "test",
                    "added": [{"code": "330299", "name": "test"}]}
    }))
    .unwrap()
    .sign(
        &anchor,
        Party::new("330200", "330200-trust-anchor"),
        &SystemClock,
    )
    .unwrap();
    std::fs::write(dir.join("rd.jws"), &rd).unwrap();
    std::fs::write(dir.join("anchor.jwk"), jwk.to_string()).unwrap();
    std::fs::write(dir.join("node.pem"), ningbo.to_pem().as_bytes()).unwrap();
    std::fs::write(dir.join("node2.pem"), ningbo2.to_pem().as_bytes()).unwrap();
    let agencies = if two_agencies {
        format!(
            "[[agencies]]\nagency = \"{}\"\nname = \"宁波市就业管理服务中心\"\nsigning_key = {{ path = \"node2.pem\", kid = \"330200-lab-2026a\" }}\n",
            NB2.1
        )
    } else {
        String::new()
    };
    let store = format!("sqlite://{}", dir.join("store.db").display());
    Store::init(&store).unwrap();
    let header_timeout = if extra.contains("header_read_timeout_seconds") {
        ""
    } else {
        "header_read_timeout_seconds = 1\n"
    };
    // `extra` with this comment: a node that publishes no reference data.
    let reference = if extra.contains("# no reference data") {
        ""
    } else {
        "[reference_data]\npath = \"rd.jws\"\n"
    };
    // Top-level settings in `extra` (trusted_proxies, listen) go before the tables.
    let (top, extra): (Vec<&str>, Vec<&str>) = extra
        .lines()
        .partition(|l| l.starts_with("trusted_proxies") || l.starts_with("listen"));
    let listen = if top.iter().any(|l| l.starts_with("listen")) {
        ""
    } else {
        "listen = \"127.0.0.1:0\""
    };
    let (top, extra) = (top.join("\n"), extra.join("\n"));
    let toml = format!(
        r#"{listen}
{top}
store = "{store}"
region = "{}"
agency = "{}"
name = "宁波市人力资源和社会保障局"
[signing_key]
path = "node.pem"
kid = "330200-si-2026a"
{agencies}[trust_list]
path = "tl.jws"
anchor = "anchor.jwk"
{reference}[limits]
{header_timeout}body_read_timeout_seconds = 1
max_concurrent_requests = {max_concurrent_requests}
retry_after_seconds = 2
{extra}
"#,
        NB.0, NB.1
    );
    std::fs::write(dir.join("node.toml"), toml).unwrap();
    let cfg = NodeConfig::load(&dir.join("node.toml")).unwrap();
    let node = Arc::new(Node::from_config(&cfg).unwrap());
    let server = RunningServer::start(Arc::clone(&node), cfg.listen).unwrap();
    Fixture {
        dir,
        server: Some(server),
        node,
        trust_list: tl.into_bytes(),
        reference_data: rd.into_bytes(),
        liangshan,
    }
}

impl Fixture {
    fn addr(&self) -> SocketAddr {
        self.server.as_ref().unwrap().local_addr()
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr())
    }

    /// A roster from Liangshan to Ningbo, signed now; `body` replaces the example body.
    fn roster(&self, id: Option<&str>, case: &str, body: Option<Value>) -> Vec<u8> {
        self.roster_to(NB, id, case, body)
    }

    /// A roster from Liangshan to the Ningbo agency `to`.
    fn roster_to(
        &self,
        to: (&str, &str),
        id: Option<&str>,
        case: &str,
        body: Option<Value>,
    ) -> Vec<u8> {
        let body = body.unwrap_or_else(|| {
            labourlink::schema::example("worker_transfer.roster").unwrap()["body"].clone()
        });
        let mut b = Document::builder(
            "worker_transfer.roster",
            Party::new(LS.0, LS.1).named("凉山彝族自治州人力资源和社会保障局"),
            Party::new(to.0, to.1),
        )
        .case(case, "worker_transfer.placement")
        .body(body);
        if let Some(id) = id {
            b = b.id(id);
        }
        let doc = b.build(&SystemClock).unwrap();
        labourlink::sign(&doc.to_value(), &[&self.liangshan])
            .unwrap()
            .into_bytes()
    }

    /// Liangshan's verifier, for the receipts it gets back.
    fn sender_verifier(&self) -> Verifier {
        let anchor = labourlink::trust::Anchor::from_jwk(
            &serde_json::from_slice(&std::fs::read(self.dir.join("anchor.jwk")).unwrap()).unwrap(),
        )
        .unwrap();
        let list = TrustList::load(
            &self.trust_list,
            &[anchor],
            &SystemClock,
            DEFAULT_GRACE_SECONDS,
        )
        .unwrap();
        Verifier::builder()
            .trust_list(list)
            .region(LS.0)
            .agency(LS.1)
            .build()
            .unwrap()
    }

    fn post(&self, body: &[u8], content_type: &str) -> (u16, String, Vec<u8>) {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(10)))
            .build()
            .into();
        let mut r = agent
            .post(&self.url("/v1/messages"))
            .header("content-type", content_type)
            .send(body)
            .unwrap();
        let ct = r
            .headers()
            .get("content-type")
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default();
        (r.status().as_u16(), ct, r.body_mut().read_to_vec().unwrap())
    }

    fn get(&self, path: &str, if_none_match: Option<&str>) -> (u16, Option<String>, Vec<u8>) {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(10)))
            .build()
            .into();
        let mut req = agent.get(&self.url(path));
        if let Some(e) = if_none_match {
            req = req.header("if-none-match", e);
        }
        let mut r = req.call().unwrap();
        let etag = r
            .headers()
            .get("etag")
            .map(|v| v.to_str().unwrap().to_owned());
        (
            r.status().as_u16(),
            etag,
            r.body_mut().read_to_vec().unwrap(),
        )
    }

    /// Sends raw bytes and returns what the server answered before closing (bounded).
    fn raw(&self, request: &[u8], wait: Duration) -> String {
        raw_at(self.addr(), request, wait)
    }

    /// Asks `GET /healthz` until the node answers 200 ([`wait_until_served`]).
    fn wait_until_served(&self, within: Duration) {
        wait_until_served(self.addr(), within);
    }
}

/// Asks `GET /healthz` at `addr` on a new connection every 100 ms until the node answers
/// 200, failing the test with the last answer after `within`.
fn wait_until_served(addr: SocketAddr, within: Duration) {
    let t0 = Instant::now();
    loop {
        let answer = raw_at(
            addr,
            b"GET /healthz HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n",
            Duration::from_secs(5),
        );
        if answer.starts_with("HTTP/1.1 200") {
            return;
        }
        assert!(t0.elapsed() < within, "still refused: {answer}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Sends raw bytes to `addr` and returns what the server answered before closing (bounded).
fn raw_at(addr: SocketAddr, request: &[u8], wait: Duration) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(wait)).unwrap();
    let _ = s.write_all(request);
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}

fn problem_code(body: &[u8]) -> String {
    let v: Value = serde_json::from_slice(body).unwrap();
    v["errors"][0]["code"].as_str().unwrap().to_owned()
}

#[test]
fn accepted_receipt_verifies_and_redelivery_gets_the_same_bytes() {
    let f = start();
    let msg = f.roster(None, "513400-WT-2026-0001", None);
    let (status, ct, receipt) = f.post(&msg, "application/jose+json");
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&receipt));
    assert_eq!(ct, "application/jose+json");
    let checked = client::check_receipt(&f.sender_verifier(), &receipt, &msg).unwrap();
    assert!(checked.body.accepted);
    let (doc, digest) = labourlink_exchange::node::decode_sent(&msg).unwrap();
    assert_eq!(checked.body.received_id, doc.id);
    assert_eq!(checked.body.received_digest, digest);
    assert!(checked.body.received_at.is_some());
    assert_eq!(checked.verified.signers()[0].kid, "330200-si-2026a");
    assert_eq!(checked.verified.document().from.region, "330200");

    // The message and the receipt are committed in the store before the answer.
    let store = f.node.store();
    assert!(
        store
            .archived(labourlink_store::Direction::Received, LS.0, LS.1, &doc.id)
            .unwrap()
            .is_some()
    );
    let rid = checked.verified.id().to_owned();
    let kept = store
        .archived(labourlink_store::Direction::Sent, NB.0, NB.1, &rid)
        .unwrap()
        .unwrap();
    assert_eq!(kept.jws.as_deref(), Some(&receipt[..]));

    // Redelivery (through the client, as `labourlink send` does): 200 and the same bytes.
    let again = client::deliver(
        &f.url("/v1/messages"),
        &msg,
        &SendOptions::default().attempts(2),
    )
    .unwrap();
    assert_eq!(again.status, 200);
    assert_eq!(again.receipt, receipt);
    assert_eq!(again.attempts, 1);
    // A receipt is bound to its message: it does not verify as the answer to another one.
    let other = f.roster(None, "513400-WT-2026-0003", None);
    let e = client::check_receipt(&f.sender_verifier(), &receipt, &other).unwrap_err();
    assert_eq!(e.code().as_str(), "envelope.unexpected_reply");

    // A conflicting message under the same id: 409 with a signed rejected receipt.
    let conflict = f.roster(Some(&doc.id), "513400-WT-2026-0002", None);
    let (status, _, r) = f.post(&conflict, "application/jose+json");
    assert_eq!(status, 409);
    let c = client::check_receipt(&f.sender_verifier(), &r, &conflict).unwrap();
    assert!(!c.body.accepted);
    assert_eq!(c.body.errors[0].code, "replay.conflict");

    let (_, _, metrics) = f.get("/metrics", None);
    let m = String::from_utf8(metrics).unwrap();
    assert!(m.contains("labourlink_messages_accepted_total 1\n"), "{m}");
    assert!(
        m.contains("labourlink_messages_redelivered_total 1\n"),
        "{m}"
    );
    assert!(
        m.contains("labourlink_messages_rejected_total{code=\"replay.conflict\"} 1\n"),
        "{m}"
    );
}

/// The same message posted by several clients at once (they meet in one commit group or in
/// consecutive ones): one acceptance, and every client gets 200 with the same receipt bytes,
/// the one archived. Different messages posted at the same time are each accepted once.
#[test]
fn concurrent_deliveries_of_one_message_are_accepted_once_with_one_receipt() {
    let f = start();
    let msg = Arc::new(f.roster(None, "513400-WT-2026-0101", None));
    let others: Vec<Vec<u8>> = (0..6)
        .map(|i| f.roster(None, &format!("513400-WT-2026-02{i:02}"), None))
        .collect();
    let fr = &f;
    let answers: Vec<(u16, Vec<u8>)> = std::thread::scope(|s| {
        let same: Vec<_> = (0..6)
            .map(|_| {
                let m = Arc::clone(&msg);
                s.spawn(move || {
                    let (status, _, r) = fr.post(&m, "application/jose+json");
                    (status, r)
                })
            })
            .collect();
        let distinct: Vec<_> = others
            .iter()
            .map(|m| s.spawn(move || fr.post(m, "application/jose+json").0))
            .collect();
        for d in distinct {
            assert_eq!(d.join().unwrap(), 200);
        }
        same.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let first = &answers[0].1;
    for (status, receipt) in &answers {
        assert_eq!(*status, 200, "{}", String::from_utf8_lossy(receipt));
        assert_eq!(receipt, first, "every delivery gets the same receipt bytes");
    }
    let checked = client::check_receipt(&f.sender_verifier(), first, &msg).unwrap();
    assert!(checked.body.accepted);
    let kept = f
        .node
        .store()
        .archived(
            labourlink_store::Direction::Sent,
            NB.0,
            NB.1,
            checked.verified.id(),
        )
        .unwrap()
        .unwrap();
    assert_eq!(kept.jws.as_deref(), Some(&first[..]));
    let (_, _, metrics) = f.get("/metrics", None);
    let m = String::from_utf8(metrics).unwrap();
    assert!(m.contains("labourlink_messages_accepted_total 7\n"), "{m}");
    assert!(
        m.contains("labourlink_messages_redelivered_total 5\n"),
        "{m}"
    );
}

/// A client that goes away mid-request (its future dropped after the first poll) does not cut
/// the inbox's work short: a conflicting message is still quarantined.
#[test]
fn a_request_dropped_mid_way_still_finishes_its_work() {
    let f = start();
    let first = f.roster(None, "513400-WT-2026-0301", None);
    assert_eq!(f.post(&first, "application/jose+json").0, 200);
    let (doc, _) = labourlink_exchange::node::decode_sent(&first).unwrap();
    let conflict = f.roster(Some(&doc.id), "513400-WT-2026-0302", None);
    let before = f.node.store().quarantined(1000).unwrap().len();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    // On a current-thread runtime the first poll only starts the work (nothing has run yet).
    let mut request = Box::pin(Arc::clone(&f.node).receive_async(conflict, now()));
    let pending = rt.block_on(std::future::poll_fn(|cx| {
        std::task::Poll::Ready(request.as_mut().poll(cx).is_pending())
    }));
    assert!(pending);
    drop(request);
    let deadline = Instant::now() + Duration::from_secs(10);
    rt.block_on(async {
        while f.node.store().quarantined(1000).unwrap().len() == before {
            assert!(
                Instant::now() < deadline,
                "the conflict was never quarantined"
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    });
}

#[test]
fn schema_invalid_is_422_with_the_code_and_the_pointer() {
    let f = start();
    let msg = f.roster(
        None,
        "513400-WT-2026-0001",
        Some(serde_json::json!({"workers": []})),
    );
    let (status, ct, r) = f.post(&msg, "application/jose+json; charset=utf-8");
    assert_eq!(status, 422);
    assert_eq!(ct, "application/jose+json");
    let c = client::check_receipt(&f.sender_verifier(), &r, &msg).unwrap();
    assert!(!c.body.accepted);
    assert_eq!(c.body.errors[0].code, "schema.invalid");
    assert!(c.body.errors.len() > 1, "the violations travel too");
    assert!(
        c.body
            .errors
            .iter()
            .skip(1)
            .all(|e| e.path.starts_with("/body"))
    );
    // Rejected messages are quarantined with their code.
    let q = f.node.store().quarantined(10).unwrap();
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].code, "schema.invalid");

    // Not a message at all: no receipt can name it; 400 with the code.
    let (status, ct, body) = f.post(b"{\"payload\": 1}", "application/jose+json");
    assert_eq!(status, 400);
    assert_eq!(ct, "application/json");
    assert!(
        problem_code(&body).starts_with("jws."),
        "{}",
        problem_code(&body)
    );

    let (_, _, metrics) = f.get("/metrics", None);
    let m = String::from_utf8(metrics).unwrap();
    assert!(
        m.contains("labourlink_messages_rejected_total{code=\"schema.invalid\"} 1\n"),
        "{m}"
    );
    assert!(m.contains("labourlink_messages_accepted_total 0\n"), "{m}");
}

#[test]
fn http_limits_wrong_type_oversized_slow() {
    let f = start();
    let msg = f.roster(None, "513400-WT-2026-0001", None);
    let (status, ct, body) = f.post(&msg, "application/json");
    assert_eq!((status, ct.as_str()), (415, "application/json"));
    assert_eq!(problem_code(&body), "exchange.unsupported_media_type");
    // A member name as long as the body: the pointer in the answer is cut at 256 bytes.
    let long = format!("{{\"{}\":1}}", "m".repeat(10_000));
    let (status, _, body) = f.post(long.as_bytes(), "application/jose+json");
    assert_eq!(status, 400);
    let v: Value = serde_json::from_slice(&body).unwrap();
    let path = v["errors"][0]["path"].as_str().unwrap();
    assert!(path.len() < 300 && path.ends_with('…'), "{}", path.len());
    // A compact JWS: json.syntax, and the answer says what it is and what to send instead.
    let (status, _, body) = f.post(
        b"eyJhbGciOiJFZDI1NTE5In0.eyJ9.c2ln",
        "application/jose+json",
    );
    assert_eq!(status, 400);
    assert_eq!(problem_code(&body), "json.syntax");
    assert!(
        String::from_utf8_lossy(&body).contains("compact JWS"),
        "{}",
        String::from_utf8_lossy(&body)
    );

    // A declared body over 1 MiB is refused before it is read.
    let head = format!(
        "POST /v1/messages HTTP/1.1\r\nhost: x\r\ncontent-type: application/jose+json\r\ncontent-length: {}\r\n\r\n",
        (1 << 20) + 1
    );
    let answer = f.raw(head.as_bytes(), Duration::from_secs(5));
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(answer.contains("exchange.payload_too_large"), "{answer}");

    // A client that writes the whole oversized request before it reads (Python's
    // http.client, most blocking clients) gets the 413 too: the body is read and thrown away
    // (up to 16 times the limit), not left to reset the connection under the client's write.
    for size in [(1 << 20) + 10, 4 << 20] {
        let mut whole = format!(
            "POST /v1/messages HTTP/1.1\r\nhost: x\r\ncontent-type: application/jose+json\r\ncontent-length: {size}\r\n\r\n"
        )
        .into_bytes();
        whole.resize(whole.len() + size, b'a');
        let answer = f.raw(&whole, Duration::from_secs(10));
        assert!(answer.starts_with("HTTP/1.1 413"), "{size}: {answer}");
        assert!(answer.contains("connection: close"), "{answer}");
    }

    // The same without a declared length (chunked): refused once 1 MiB has been read.
    let mut chunked = String::from(
        "POST /v1/messages HTTP/1.1\r\nhost: x\r\ncontent-type: application/jose+json\r\ntransfer-encoding: chunked\r\n\r\n",
    );
    let chunk = "a".repeat(64 * 1024);
    for _ in 0..17 {
        chunked.push_str(&format!("{:x}\r\n{chunk}\r\n", chunk.len()));
    }
    chunked.push_str("0\r\n\r\n");
    let answer = f.raw(chunked.as_bytes(), Duration::from_secs(5));
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(answer.contains("exchange.payload_too_large"), "{answer}");

    // A broken chunked encoding: 400 with its code.
    let broken = "POST /v1/messages HTTP/1.1\r\nhost: x\r\ncontent-type: application/jose+json\r\ntransfer-encoding: chunked\r\n\r\n5\r\n{\"pay\r\nzz\r\n";
    let answer = f.raw(broken.as_bytes(), Duration::from_secs(5));
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
    assert!(answer.contains("exchange.body_incomplete"), "{answer}");

    // A body cut short: the client stops sending (half-close) after 5 of 100 bytes.
    let mut s = TcpStream::connect(f.addr()).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    s.write_all(b"POST /v1/messages HTTP/1.1\r\nhost: x\r\ncontent-type: application/jose+json\r\ncontent-length: 100\r\n\r\n{\"pay")
        .unwrap();
    s.shutdown(std::net::Shutdown::Write).unwrap();
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    let answer = String::from_utf8_lossy(&out);
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
    assert!(answer.contains("exchange.body_incomplete"), "{answer}");

    // A body that does not come (body read timeout 1 s in this node): 408.
    let t0 = Instant::now();
    let slow = "POST /v1/messages HTTP/1.1\r\nhost: x\r\ncontent-type: application/jose+json\r\ncontent-length: 100\r\n\r\n{\"pay";
    let answer = f.raw(slow.as_bytes(), Duration::from_secs(5));
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("exchange.timeout"), "{answer}");
    assert!(t0.elapsed() < Duration::from_secs(4));

    // Headers that never end (header read timeout 1 s): the connection is closed.
    let t0 = Instant::now();
    let answer = f.raw(
        b"POST /v1/messages HTTP/1.1\r\nhost: x\r\n",
        Duration::from_secs(5),
    );
    assert!(t0.elapsed() < Duration::from_secs(4), "{answer}");
    assert!(!answer.contains(" 200 "), "{answer}");

    // The server is still up and counts what it refused.
    let (status, _, body) = f.get("/healthz", None);
    assert_eq!((status, &body[..]), (200, &b"ok\n"[..]));
    let (_, _, metrics) = f.get("/metrics", None);
    let m = String::from_utf8(metrics).unwrap();
    for (s, n) in [("400", 2), ("408", 1), ("413", 4), ("415", 1)] {
        assert!(
            m.contains(&format!(
                "labourlink_http_refused_total{{status=\"{s}\"}} {n}\n"
            )),
            "{m}"
        );
    }
}

#[test]
fn trust_list_etag_and_304() {
    let f = start();
    let (status, etag, body) = f.get("/v1/trust-list", None);
    assert_eq!(status, 200);
    assert_eq!(body, f.trust_list);
    let etag = etag.unwrap();
    let (_, digest) = f.node.trust_list();
    assert_eq!(etag, format!("\"{digest}\""));
    let (status, etag2, body) = f.get("/v1/trust-list", Some(&etag));
    assert_eq!(status, 304);
    assert!(body.is_empty());
    assert_eq!(etag2.as_deref(), Some(etag.as_str()));
    let (status, _, _) = f.get("/v1/trust-list", Some("\"something-else\""));
    assert_eq!(status, 200);
}

#[test]
fn a_node_without_reference_data_says_so() {
    let f = start_full(64, false, "# no reference data");
    let (status, _, body) = f.get("/v1/reference-data", None);
    assert_eq!(status, 404);
    let v: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(v["errors"][0]["code"], "store.not_found", "{v}");
    let said = v["errors"][0]["message"].as_str().unwrap();
    assert!(
        said.contains("publishes no signed reference data"),
        "{said}"
    );
    let e =
        client::fetch_reference_data(&f.url("/v1/reference-data"), None, Duration::from_secs(5))
            .unwrap_err();
    assert_eq!(e.code().as_str(), "exchange.bad_response", "{e}");
    assert!(
        e.message().contains("HTTP 404")
            && e.message().contains("publishes no signed reference data"),
        "{e}"
    );
}

#[test]
fn reference_data_etag_and_304() {
    let f = start();
    let (status, etag, body) = f.get("/v1/reference-data", None);
    assert_eq!(status, 200);
    assert_eq!(body, f.reference_data);
    let etag = etag.unwrap();
    let (_, digest) = f.node.reference_data().unwrap();
    assert_eq!(etag, format!("\"{digest}\""));
    let (status, etag2, body) = f.get("/v1/reference-data", Some(&etag));
    assert_eq!(status, 304);
    assert!(body.is_empty());
    assert_eq!(etag2.as_deref(), Some(etag.as_str()));
    let (status, _, _) = f.get("/v1/reference-data", Some("\"something-else\""));
    assert_eq!(status, 200);
    // The store recorded it: an older document is refused across restarts.
    let stored = f.node.store().reference_data(None).unwrap().unwrap();
    assert_eq!((stored.sequence, stored.jws), (1, f.reference_data.clone()));
}

#[test]
fn client_gives_up_boundedly_when_nobody_listens() {
    // A port that was free a moment ago: connection refused, every attempt.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let t0 = Instant::now();
    let opts = SendOptions::default()
        .attempts(3)
        .backoff(Duration::from_millis(20), Duration::from_millis(50))
        .timeout(Duration::from_secs(2));
    let e = client::deliver(
        &format!("http://127.0.0.1:{port}/v1/messages"),
        b"{}",
        &opts,
    )
    .unwrap_err();
    assert_eq!(e.code().as_str(), "exchange.unreachable");
    assert!(e.message().contains("3 attempt"), "{}", e.message());
    assert!(t0.elapsed() < Duration::from_secs(5));
}

#[test]
fn client_retries_a_503_and_honours_retry_after() {
    // A one-shot stand-in that answers 503 (Retry-After: 1), then the real node's answer.
    // The client's own backoff is 10 ms: only the header makes it wait a second (at least
    // 750 ms with the jitter), which the stand-in measures between the two requests.
    let f = start();
    let msg = f.roster(None, "513400-WT-2026-0001", None);
    let answered_503 = Arc::new(std::sync::Mutex::new(None::<Instant>));
    let first_done = Arc::clone(&answered_503);
    let (front_addr, proxy) = stand_in(
        f.addr(),
        move |c, _, _| {
            c.write_all(b"HTTP/1.1 503 Service Unavailable\r\nretry-after: 1\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")
                .unwrap();
            *first_done.lock().unwrap() = Some(Instant::now());
        },
        move || {
            let waited = answered_503.lock().unwrap().map(|t| t.elapsed()).unwrap();
            assert!(
                waited >= Duration::from_millis(750),
                "the client came back after {waited:?}, not after Retry-After: 1"
            );
        },
    );
    let d = delivered_on_the_second_attempt(front_addr, proxy, &msg, Duration::from_secs(5));
    assert!(
        client::check_receipt(&f.sender_verifier(), &d.receipt, &msg)
            .unwrap()
            .body
            .accepted
    );
}

/// A stand-in in front of the node at `backend` for two connections: the first request is
/// handed to `first` (the client connection, the request, the backend), the second is
/// forwarded to the node as it came, after `before_second` ran. Returns its address and
/// thread.
fn stand_in(
    backend: SocketAddr,
    first: impl FnOnce(&mut TcpStream, &[u8], SocketAddr) + Send + 'static,
    before_second: impl FnOnce() + Send + 'static,
) -> (SocketAddr, std::thread::JoinHandle<()>) {
    let front = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = front.local_addr().unwrap();
    let thread = std::thread::spawn(move || {
        let (mut c, _) = front.accept().unwrap();
        c.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        let req = read_request(&mut c);
        first(&mut c, &req, backend);
        drop(c);
        let (mut c, _) = front.accept().unwrap();
        c.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        let req = read_request(&mut c);
        before_second();
        let mut b = TcpStream::connect(backend).unwrap();
        b.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        b.write_all(&req).unwrap();
        let mut out = Vec::new();
        let _ = b.read_to_end(&mut out);
        c.write_all(&out).unwrap();
    });
    (addr, thread)
}

/// `k`'s record for `region`/`agency`, valid from a day before `t`, for the message `types`.
fn listed(
    k: &SigningKey,
    region: &str,
    agency: &str,
    t: Timestamp,
    types: Vec<String>,
) -> KeyRecord {
    KeyRecord::new(
        k.kid(),
        region,
        agency,
        k.verifying_key(),
        t.add_seconds(-86_400),
        None,
        types,
    )
}

/// Delivers `msg` through a [`stand_in`] at `front_addr` (3 attempts, backoff from 10 ms up to
/// `max_backoff`), waits for the stand-in's thread and checks that the second attempt got the
/// node's 200.
fn delivered_on_the_second_attempt(
    front_addr: SocketAddr,
    stand_in: std::thread::JoinHandle<()>,
    msg: &[u8],
    max_backoff: Duration,
) -> client::Delivery {
    let d = client::deliver(
        &format!("http://{front_addr}/v1/messages"),
        msg,
        &SendOptions::default()
            .attempts(3)
            .backoff(Duration::from_millis(10), max_backoff),
    )
    .unwrap();
    stand_in.join().unwrap();
    assert_eq!((d.status, d.attempts), (200, 2));
    d
}

/// Reads one HTTP/1.1 request with a content-length body, rewritten to close the connection.
fn read_request(c: &mut TcpStream) -> Vec<u8> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    let head_end = loop {
        let n = c.read(&mut chunk).unwrap();
        assert!(n > 0);
        buf.extend_from_slice(&chunk[..n]);
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_ascii_lowercase();
    let len: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .map_or(0, |v| v.trim().parse().unwrap());
    while buf.len() < head_end + len {
        let n = c.read(&mut chunk).unwrap();
        assert!(n > 0);
        buf.extend_from_slice(&chunk[..n]);
    }
    let mut out = String::from_utf8_lossy(&buf[..head_end - 2]).into_owned();
    out.push_str("connection: close\r\n\r\n");
    let mut out = out.into_bytes();
    out.extend_from_slice(&buf[head_end..]);
    out
}

/// One slow upload, started by `addr`'s client with `forwarded` as its X-Forwarded-For (if
/// any), that never completes its body: the answer it gets in the end.
fn slow_upload(addr: SocketAddr, forwarded: Option<&str>) -> std::thread::JoinHandle<String> {
    let xff = forwarded.map_or_else(String::new, |f| format!("x-forwarded-for: {f}\r\n"));
    std::thread::spawn(move || {
        let mut s = TcpStream::connect(addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        s.write_all(format!("POST /v1/messages HTTP/1.1\r\nhost: x\r\ncontent-type: application/jose+json\r\n{xff}content-length: 100\r\n\r\n{{").as_bytes())
            .unwrap();
        let mut out = Vec::new();
        let _ = s.read_to_end(&mut out);
        String::from_utf8_lossy(&out).into_owned()
    })
}

#[test]
fn saturated_inbox_sheds_load_with_503_and_retry_after() {
    let f = start_full(1, false, "trusted_proxies = [\"127.0.0.1\"]");
    // Four slow uploads from four clients hold every body slot (four per work slot, one per
    // client at this size) until their 1 s body timeout…
    let slow: Vec<_> = (1..=4)
        .map(|i| slow_upload(f.addr(), Some(&format!("203.0.113.{i}"))))
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    // …so the next message is refused at once, not queued.
    let msg = f.roster(None, "513400-WT-2026-0001", None);
    let t0 = Instant::now();
    let answer = f.raw(
        &[
            format!(
                "POST /v1/messages HTTP/1.1\r\nhost: x\r\ncontent-type: application/jose+json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                msg.len()
            )
            .into_bytes(),
            msg.clone(),
        ]
        .concat(),
        Duration::from_secs(5),
    );
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
    assert!(
        answer.to_ascii_lowercase().contains("retry-after: 2"),
        "{answer}"
    );
    assert!(answer.contains("exchange.overloaded"), "{answer}");
    assert!(t0.elapsed() < Duration::from_millis(900));
    for s in slow {
        assert!(s.join().unwrap().starts_with("HTTP/1.1 408"));
    }
    // The slots are free again.
    let (status, _, _) = f.post(&msg, "application/jose+json");
    assert_eq!(status, 200);
}

/// A client that pipelines requests and never reads the answers loses its connection once a
/// write has made no progress for the body read timeout (1 s here): with every connection
/// slot taken by such clients, a partner gets in again afterwards instead of 503 for ever.
#[test]
fn clients_that_never_read_their_answers_do_not_hold_the_slots() {
    let f = start_full(64, false, "max_connections = 2");
    let hogs: Vec<TcpStream> = (0..2)
        .map(|_| {
            let s = TcpStream::connect(f.addr()).unwrap();
            let mut w = s.try_clone().unwrap();
            std::thread::spawn(move || {
                let req = b"GET /metrics HTTP/1.1\r\nhost: x\r\n\r\n".repeat(20_000);
                let _ = w.write_all(&req);
            });
            s
        })
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    assert!(
        f.raw(
            b"GET /healthz HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n",
            Duration::from_secs(5)
        )
        .starts_with("HTTP/1.1 503")
    );
    f.wait_until_served(Duration::from_secs(15));
    drop(hogs);
}

/// One client's unfinished bodies take at most a quarter of the body slots (16 at most):
/// another partner's message is still verified and receipted meanwhile (before, bodies in
/// reading held the work slots, and one client kept every partner out for the body timeout;
/// then, with a share of 16 whatever the size, one client still took all 16 body slots of a
/// node with `max_concurrent_requests = 4`). An IPv6 client is its /64.
#[test]
fn one_clients_slow_bodies_do_not_keep_other_partners_out() {
    for (max_concurrent, share, client, partner) in [
        (8, 8, "203.0.113.66", "198.51.100.8"),
        (4, 4, "203.0.113.66", "198.51.100.8"),
        (64, 16, "2001:db8:66::1", "2001:db8:8::1"),
    ] {
        let f = start_full(max_concurrent, false, "trusted_proxies = [\"127.0.0.1\"]");
        // In the IPv6 case each upload comes from another address of the same /64.
        let from = |i: usize| {
            if client.contains(':') {
                format!("2001:db8:66::{:x}", i + 1)
            } else {
                client.to_owned()
            }
        };
        let slow: Vec<_> = (0..share)
            .map(|i| slow_upload(f.addr(), Some(&from(i))))
            .collect();
        std::thread::sleep(Duration::from_millis(300));
        // The same client's next is refused at once…
        let extra = slow_upload(f.addr(), Some(&from(share))).join().unwrap();
        assert!(
            extra.starts_with("HTTP/1.1 503"),
            "{max_concurrent}: {extra}"
        );
        // …while another partner's message goes through.
        let msg = f.roster(None, "513400-WT-2026-0777", None);
        let answer = f.raw(
            &[
                format!(
                    "POST /v1/messages HTTP/1.1\r\nhost: x\r\ncontent-type: application/jose+json\r\nx-forwarded-for: {partner}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                    msg.len()
                )
                .into_bytes(),
                msg,
            ]
            .concat(),
            Duration::from_secs(5),
        );
        assert!(
            answer.starts_with("HTTP/1.1 200"),
            "{max_concurrent}: {answer}"
        );
        for s in slow {
            assert!(s.join().unwrap().starts_with("HTTP/1.1 408"));
        }
    }
}

/// The fixture's pinned anchor and its trust list, loaded as a sender would.
fn pinned_list(f: &Fixture) -> (labourlink::trust::Anchor, TrustList) {
    let anchor = labourlink::trust::Anchor::from_jwk(
        &serde_json::from_slice(&std::fs::read(f.dir.join("anchor.jwk")).unwrap()).unwrap(),
    )
    .unwrap();
    let list = TrustList::load(
        &f.trust_list,
        std::slice::from_ref(&anchor),
        &SystemClock,
        DEFAULT_GRACE_SECONDS,
    )
    .unwrap();
    (anchor, list)
}

/// Liangshan's outbox over a SQLite store of its own in the fixture's folder.
fn sender_outbox(f: &Fixture, policy: DeliveryPolicy) -> (Arc<Store>, Outbox) {
    sender_outbox_in(f, "liangshan.db", policy)
}

/// [`sender_outbox`] over the SQLite file `file` of the fixture's folder.
fn sender_outbox_in(f: &Fixture, file: &str, policy: DeliveryPolicy) -> (Arc<Store>, Outbox) {
    let url = format!("sqlite://{}", f.dir.join(file).display());
    let store = Arc::new(Store::init(&url).unwrap());
    let (anchor, list) = pinned_list(f);
    let trust = Arc::new(labourlink::trust::TrustStore::new(
        vec![anchor],
        list,
        DEFAULT_GRACE_SECONDS,
    ));
    let outbox = Outbox::new(Arc::clone(&store), trust, policy);
    (store, outbox)
}

fn fast_policy() -> DeliveryPolicy {
    DeliveryPolicy::default()
        .backoff(Duration::from_millis(5), Duration::from_millis(40))
        .timeout(Duration::from_secs(3))
        .give_up_after(Duration::from_secs(120))
}

/// Runs the outbox until nothing is pending or `limit` passes.
fn drain(store: &Store, outbox: &Outbox, limit: Duration) {
    let end = Instant::now() + limit;
    while Instant::now() < end {
        outbox.run_once(now()).unwrap();
        let pending = store
            .outbox_counts()
            .unwrap()
            .into_iter()
            .find(|(s, _)| *s == OutboxState::Pending)
            .map_or(0, |(_, n)| n);
        if pending == 0 {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("the outbox did not drain within {limit:?}");
}

/// A proxy on 127.0.0.1 that misbehaves by turns — drops the connection unread, forwards
/// but loses the answer (the inbox has accepted), answers 503, cuts the answer short,
/// delays it, or forwards it whole — until `stop` is set (bounded: at most 400 connections).
fn faulty_proxy(
    backend: SocketAddr,
    stop: Arc<std::sync::atomic::AtomicBool>,
) -> (SocketAddr, std::thread::JoinHandle<u32>) {
    let front = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    front.set_nonblocking(true).unwrap();
    let addr = front.local_addr().unwrap();
    let h = std::thread::spawn(move || {
        let mut n = 0u32;
        while !stop.load(Ordering::Relaxed) && n < 400 {
            let Ok((mut c, _)) = front.accept() else {
                std::thread::sleep(Duration::from_millis(5));
                continue;
            };
            c.set_nonblocking(false).unwrap();
            c.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
            let fault = n % 6;
            n += 1;
            if fault == 0 {
                drop(c); // reset before the request is read
                continue;
            }
            let req = read_request(&mut c);
            if fault == 2 {
                let _ = c.write_all(b"HTTP/1.1 503 Service Unavailable\r\nretry-after: 0\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
                continue;
            }
            let mut b = TcpStream::connect(backend).unwrap();
            b.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
            b.write_all(&req).unwrap();
            let mut out = Vec::new();
            let _ = b.read_to_end(&mut out);
            match fault {
                1 => drop(c), // the inbox committed, the sender never hears it
                3 => {
                    let _ = c.write_all(&out[..out.len() * 2 / 3]); // cut short
                }
                4 => {
                    std::thread::sleep(Duration::from_millis(150));
                    let _ = c.write_all(&out);
                }
                _ => {
                    let _ = c.write_all(&out);
                }
            }
        }
        n
    });
    (addr, h)
}

#[test]
fn outbox_delivers_each_message_once_in_effect_through_a_faulty_proxy() {
    let f = start();
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let (proxy, handle) = faulty_proxy(f.addr(), Arc::clone(&stop));
    let (store, outbox) = sender_outbox(&f, fast_policy());
    let url = format!("http://{proxy}/v1/messages");
    let n = 12;
    let mut sent = Vec::new();
    for i in 0..n {
        let msg = f.roster(None, &format!("513400-WT-2026-{i:04}"), None);
        labourlink_exchange::outbox::enqueue(&store, &msg, &url, now(), &fast_policy()).unwrap();
        sent.push(msg);
    }
    drain(&store, &outbox, Duration::from_secs(60));
    stop.store(true, Ordering::Relaxed);
    let connections = handle.join().unwrap();
    assert!(
        connections > n,
        "the proxy saw {connections} connections: faults happened"
    );

    // Every message delivered, with its verified receipt archived at the sender…
    let items = store.outbox(&OutboxQuery::all()).unwrap();
    assert_eq!(items.len(), n as usize);
    for item in &items {
        assert_eq!(item.state, OutboxState::Delivered, "{:?}", item.last_error);
        let receipt = item.receipt.as_ref().unwrap();
        assert!(
            client::check_receipt(&f.sender_verifier(), receipt, &item.jws)
                .unwrap()
                .body
                .accepted
        );
    }
    assert!(items.iter().any(|i| i.attempts > 1), "some attempts failed");
    // …and accepted exactly once by the inbox: one archive entry each, redeliveries answered
    // with the earlier receipt.
    for msg in &sent {
        let (doc, _) = labourlink_exchange::node::decode_sent(msg).unwrap();
        let at_inbox = f.node.store().archived_by_id(&doc.id).unwrap();
        assert_eq!(
            at_inbox
                .iter()
                .filter(|m| m.direction == labourlink_store::Direction::Received)
                .count(),
            1
        );
    }
    let metrics = f.node.metrics().render();
    assert!(
        metrics.contains(&format!("labourlink_messages_accepted_total {n}\n")),
        "{metrics}"
    );
}

#[test]
fn outbox_waits_for_a_receiver_that_is_down_and_survives_a_restart() {
    let mut f = start();
    // The inbox is down: stop it and remember its port.
    let addr = f.addr();
    f.server.take().unwrap().stop();
    let (store, outbox) = sender_outbox(&f, fast_policy());
    let msg = f.roster(None, "513400-WT-2026-0042", None);
    let item = labourlink_exchange::outbox::enqueue(
        &store,
        &msg,
        &format!("http://{addr}/v1/messages"),
        now(),
        &fast_policy(),
    )
    .unwrap();
    let r = outbox.run_once(now()).unwrap();
    assert_eq!((r.attempted, r.retrying), (1, 1));
    // The sender restarts: the queue is in its store.
    drop(outbox);
    drop(store);
    let (store, outbox) = sender_outbox(&f, fast_policy());
    let waiting = store.outbox(&OutboxQuery::all()).unwrap();
    assert_eq!(waiting[0].state, OutboxState::Pending);
    assert!(waiting[0].last_error.is_some());
    // The receiver comes back on its port; the message goes through.
    f.server = Some(RunningServer::start(Arc::clone(&f.node), addr).unwrap());
    let done = outbox.deliver_now(item.seq, now().add_seconds(30)).unwrap();
    assert_eq!(done.state, OutboxState::Delivered);
    assert!(done.attempts >= 2);
}

/// A hostile or broken answerer on loopback: every connection gets `status` with
/// `content_type` and `body`, after `delay`; it counts the requests it read. Stops after
/// `limit` connections.
fn answerer(
    status: u16,
    content_type: &'static str,
    body: Vec<u8>,
    delay: Duration,
    limit: usize,
) -> (SocketAddr, Arc<AtomicU32>) {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap();
    let seen = Arc::new(AtomicU32::new(0));
    let counted = Arc::clone(&seen);
    std::thread::spawn(move || {
        for c in l.incoming().take(limit) {
            let Ok(mut c) = c else { continue };
            let body = body.clone();
            let counted = Arc::clone(&counted);
            std::thread::spawn(move || {
                c.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
                let _ = read_request(&mut c);
                counted.fetch_add(1, Ordering::SeqCst);
                std::thread::sleep(delay);
                let _ = c.write_all(
                    format!(
                        "HTTP/1.1 {status} X\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                        body.len()
                    )
                    .as_bytes(),
                );
                let _ = c.write_all(&body);
            });
        }
    });
    (addr, seen)
}

/// A late redelivery (its first answer lost, an operator's retry after an outage) is answered
/// with the inbox's first receipt, as old as the acceptance: the sender takes it and the
/// message ends `delivered` — the 30-day maximum age had refused it (`envelope.too_old`) and
/// left a message the partner holds as accepted undeliverable (audit s42 hostile F1).
#[test]
fn a_late_redelivery_is_delivered_on_the_first_receipt() {
    use labourlink::time::FixedClock;
    let dir = fresh_dir();
    let then = now().add_seconds(-35 * 86_400);
    let anchor = SigningKey::from_seed(&[9; 32], "330200-anchor").unwrap();
    let ningbo = SigningKey::from_seed(&[2; 32], "330200-si-2026a").unwrap();
    let liangshan = SigningKey::from_seed(&[1; 32], "513400-hr-2026a").unwrap();
    let mut list = TrustList::new(1, now().add_seconds(30 * 86_400));
    for (k, (region, agency)) in [(&ningbo, NB), (&liangshan, LS)] {
        list.add_key(listed(
            k,
            region,
            agency,
            then.add_seconds(-30 * 86_400),
            vec!["receipt".to_owned(), "worker_transfer.*".to_owned()],
        ))
        .unwrap();
    }
    let tl = list
        .sign(
            &anchor,
            Party::new("330200", "330200-trust-anchor"),
            &FixedClock(then.add_seconds(-86_400)),
        )
        .unwrap();
    let pinned = labourlink::trust::Anchor::from_jwk(&{
        let mut j = anchor.verifying_key().to_jwk();
        j["kid"] = "330200-anchor".into();
        j
    })
    .unwrap();
    // Ningbo accepted the message 35 days ago; its answer was lost.
    let store = Store::init(&format!("sqlite://{}", dir.join("nb.db").display())).unwrap();
    let node = Arc::new(
        Node::new(
            Arc::new(store),
            tl.as_bytes(),
            std::slice::from_ref(&pinned),
            ningbo,
            Party::new(NB.0, NB.1),
            labourlink_exchange::Limits::default(),
        )
        .unwrap(),
    );
    let msg = roster_from(&liangshan, LS, "513400-WT-2026-0001", &FixedClock(then));
    assert_eq!(node.receive(&msg, then.add_seconds(10)).status, 200);
    let server = RunningServer::start(Arc::clone(&node), "127.0.0.1:0".parse().unwrap()).unwrap();
    // Liangshan sends it again today.
    let sender =
        Arc::new(Store::init(&format!("sqlite://{}", dir.join("ls.db").display())).unwrap());
    let loaded = TrustList::load(
        tl.as_bytes(),
        std::slice::from_ref(&pinned),
        &SystemClock,
        DEFAULT_GRACE_SECONDS,
    )
    .unwrap();
    let trust = Arc::new(labourlink::trust::TrustStore::new(
        vec![pinned.clone()],
        loaded.clone(),
        DEFAULT_GRACE_SECONDS,
    ));
    let outbox = Outbox::new(Arc::clone(&sender), trust, fast_policy());
    let url = format!("http://{}/v1/messages", server.local_addr());
    let item =
        labourlink_exchange::outbox::enqueue(&sender, &msg, &url, now(), &fast_policy()).unwrap();
    let done = outbox.deliver_now(item.seq, now().add_seconds(10)).unwrap();
    assert_eq!(done.state, OutboxState::Delivered, "{:?}", done.last_error);
    // The same without a store (`labourlink send`): the first receipt is taken too.
    let verifier = Verifier::builder()
        .trust_list(loaded)
        .region(LS.0)
        .agency(LS.1)
        .max_age_for_type("receipt", Some(client::receipt_max_age(then, now())))
        .build()
        .unwrap();
    let (d, checked) = client::deliver_checked(
        &client::agent(Duration::from_secs(5)),
        &url,
        &msg,
        &SendOptions::default().attempts(1),
        &|r| client::check_receipt(&verifier, r, &msg),
    )
    .unwrap();
    assert_eq!(d.status, 200);
    assert!(checked.body.accepted);
}

/// A sender given an older trust-list file checks receipts against the newer list its own
/// store accepted: a receipt signed with a key that list revokes does not mark the message
/// delivered (audit s42 hostile F2: `send --store`, `outbox run` and Python's `Outbox` took
/// the file's word).
#[test]
fn the_outbox_checks_receipts_against_the_newer_list_of_its_store() {
    let f = start();
    let (store, outbox) = sender_outbox(&f, fast_policy());
    // The store accepted list 2, which revokes Ningbo's receipt key (the outbox was given
    // list 1).
    let two = fixture_list_edited(2, true, &[], 30, None, |l| {
        l.revoke("330200-si-2026a", now().add_seconds(-3_600))
            .unwrap();
    });
    let anchor = pinned_list(&f).0;
    let loaded = TrustList::load(
        &two,
        std::slice::from_ref(&anchor),
        &SystemClock,
        DEFAULT_GRACE_SECONDS,
    )
    .unwrap();
    store.accept_trust_list(&two, &loaded, now()).unwrap();
    // The node still signs with that key (its own list is list 1).
    let msg = f.roster(None, "513400-WT-2026-0077", None);
    let item = labourlink_exchange::outbox::enqueue(
        &store,
        &msg,
        &f.url("/v1/messages"),
        now(),
        &fast_policy(),
    )
    .unwrap();
    outbox.run_once(now()).unwrap();
    let row = store
        .outbox(&OutboxQuery::all().seq(item.seq))
        .unwrap()
        .remove(0);
    assert_eq!(row.state, OutboxState::Pending, "{:?}", row.last_error);
    assert!(
        row.last_error
            .as_deref()
            .is_some_and(|e| e.contains("key.revoked")),
        "{:?}",
        row.last_error
    );
}

/// An endpoint that answers what does not verify, slowly, is counted as failing for the pass:
/// its other messages wait for its next attempt and another partner's message goes through at
/// once; a pass asked to stop gives back what it did not attempt (audit s42 hostile F3, F4).
/// A 403 page of a proxy in front of an inbox is retried, not final for every message queued
/// (F5).
#[test]
fn a_hostile_endpoint_holds_up_neither_the_outbox_nor_its_stop() {
    let f = start();
    let (store, outbox) = sender_outbox(&f, fast_policy());
    let (slow, seen) = answerer(
        200,
        "application/jose+json",
        b"not a receipt".to_vec(),
        Duration::from_millis(300),
        50,
    );
    let slow_url = format!("http://{slow}/v1/messages");
    for i in 0..5 {
        let m = f.roster(None, &format!("513400-WT-2026-01{i:02}"), None);
        labourlink_exchange::outbox::enqueue(&store, &m, &slow_url, now(), &fast_policy()).unwrap();
    }
    let good = f.roster(None, "513400-WT-2026-0199", None);
    let good_item = labourlink_exchange::outbox::enqueue(
        &store,
        &good,
        &f.url("/v1/messages"),
        now(),
        &fast_policy(),
    )
    .unwrap();
    let r = outbox.run_once(now()).unwrap();
    assert_eq!(
        seen.load(Ordering::SeqCst),
        1,
        "one attempt on the failing endpoint"
    );
    assert_eq!(r.deferred, 4, "{r:?}");
    assert_eq!(r.delivered, 1, "{r:?}");
    let row = store
        .outbox(&OutboxQuery::all().seq(good_item.seq))
        .unwrap()
        .remove(0);
    assert_eq!(row.state, OutboxState::Delivered);

    // A pass told to stop after its first message gives the rest back, due at once.
    let (store2, outbox2) = sender_outbox_in(&f, "stop.db", fast_policy());
    for i in 0..3 {
        let (dead, _) = answerer(503, "text/plain", b"busy".to_vec(), Duration::ZERO, 5);
        let m = f.roster(None, &format!("513400-WT-2026-02{i:02}"), None);
        labourlink_exchange::outbox::enqueue(
            &store2,
            &m,
            &format!("http://{dead}/v1/messages"),
            now(),
            &fast_policy(),
        )
        .unwrap();
    }
    let t0 = now();
    let r = outbox2.run_once_while(t0, &|| false).unwrap();
    assert_eq!(r.attempted, 1, "{r:?}");
    let due = store2.claim_due(t0, 10).unwrap();
    assert_eq!(due.len(), 2, "the two not attempted are due at once");

    // A proxy's 403 page: retried, not final — and for its message only: the endpoint's other
    // message is attempted in the same pass (a page about one message's size must not hold the
    // others back, review s42 F2).
    let (wall, walled) = answerer(
        403,
        "text/html",
        b"<h1>Access denied</h1>".to_vec(),
        Duration::ZERO,
        5,
    );
    let mut blocked_items = Vec::new();
    for id in ["0300", "0301"] {
        let m = f.roster(None, &format!("513400-WT-2026-{id}"), None);
        blocked_items.push(
            labourlink_exchange::outbox::enqueue(
                &store,
                &m,
                &format!("http://{wall}/v1/messages"),
                now(),
                &fast_policy(),
            )
            .unwrap(),
        );
    }
    let blocked = blocked_items[0].clone();
    outbox
        .run_once_while(now().add_seconds(3_600), &|| true)
        .unwrap();
    assert_eq!(walled.load(Ordering::SeqCst), 2, "both attempted");
    let row = store
        .outbox(&OutboxQuery::all().seq(blocked.seq))
        .unwrap()
        .remove(0);
    assert_eq!(row.state, OutboxState::Pending, "{:?}", row.last_error);
    assert!(
        row.last_error
            .as_deref()
            .is_some_and(|e| e.contains("HTTP 403") && e.contains("not a labourlink inbox")),
        "{:?}",
        row.last_error
    );
}

/// A message the inbox rejects ends `rejected`, and its row says why — the receipt's codes
/// and pointers as `last_error` (`outbox status`), not only in the receipt: an operator saw
/// `rejected` and nothing else (audit s41 keys F9: messages signed with a key revoked since).
#[test]
fn a_rejected_message_names_its_reasons_in_the_outbox() {
    let f = start();
    let (store, outbox) = sender_outbox(&f, fast_policy());
    let deliver = |msg: &[u8]| {
        let item = labourlink_exchange::outbox::enqueue(
            &store,
            msg,
            &f.url("/v1/messages"),
            now(),
            &fast_policy(),
        )
        .unwrap();
        outbox.deliver_now(item.seq, now().add_seconds(30)).unwrap()
    };
    let mut body = labourlink::schema::example("worker_transfer.roster").unwrap()["body"].clone();
    body["unknown_member"] = serde_json::json!(1);
    let done = deliver(&f.roster(None, "513400-WT-2026-0055", Some(body)));
    assert_eq!(done.state, OutboxState::Rejected);
    assert_eq!(done.http_status, Some(422));
    let why = done.last_error.unwrap_or_default();
    assert!(why.starts_with("rejected: schema."), "{why}");
    assert!(why.contains(" at /"), "{why}");
    // A delivered message has none.
    let done = deliver(&f.roster(None, "513400-WT-2026-0056", None));
    assert_eq!(done.state, OutboxState::Delivered);
    assert_eq!(done.last_error, None);
}

#[test]
fn outbox_gives_up_after_its_time_and_at_once_on_a_refusal() {
    let f = start();
    let (store, outbox) = sender_outbox(&f, fast_policy().give_up_after(Duration::from_millis(0)));
    // Nobody listens and the time is up at the first failure.
    let dead = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let a = f.roster(None, "513400-WT-2026-0050", None);
    labourlink_exchange::outbox::enqueue(
        &store,
        &a,
        &format!("http://{dead}/v1/messages"),
        now(),
        &fast_policy().give_up_after(Duration::from_millis(0)),
    )
    .unwrap();
    // An answer without a receipt that the same bytes cannot change (405 on /healthz).
    let b = f.roster(None, "513400-WT-2026-0051", None);
    labourlink_exchange::outbox::enqueue(&store, &b, &f.url("/healthz"), now(), &fast_policy())
        .unwrap();
    let r = outbox.run_once(now()).unwrap();
    assert_eq!((r.attempted, r.undeliverable), (2, 2));
    let und = store
        .outbox(&OutboxQuery::all().state(OutboxState::Undeliverable))
        .unwrap();
    assert_eq!(und.len(), 2);
    assert!(und.iter().any(|i| {
        i.last_error
            .as_deref()
            .is_some_and(|e| e.starts_with("exchange.bad_response"))
    }));
    // Undeliverable messages wait for an operator: the worker leaves them alone.
    assert_eq!(
        outbox.run_once(now().add_seconds(3600)).unwrap().attempted,
        0
    );
}

/// A throwaway CA and a certificate for 127.0.0.1 and localhost signed by it (PEM).
fn test_ca() -> (String, String, String) {
    use rcgen::{BasicConstraints, CertificateParams, IsCa, KeyPair};
    let ca_key = KeyPair::generate().unwrap();
    let mut ca = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca.distinguished_name
        .push(rcgen::DnType::CommonName, "labourlink test CA");
    let ca_cert = ca.self_signed(&ca_key).unwrap();
    let key = KeyPair::generate().unwrap();
    let mut leaf =
        CertificateParams::new(vec!["127.0.0.1".to_owned(), "localhost".to_owned()]).unwrap();
    leaf.not_after = rcgen::date_time_ymd(2031, 1, 1);
    let leaf = leaf.signed_by(&key, &ca_cert, &ca_key).unwrap();
    (ca_cert.pem(), leaf.pem(), key.serialize_pem())
}

#[test]
fn tls_in_process_with_a_private_ca() {
    use labourlink_exchange::server::TlsAcceptor;
    let mut f = start();
    let (ca, cert, key) = test_ca();
    std::fs::write(f.dir.join("inbox.pem"), &cert).unwrap();
    std::fs::write(f.dir.join("inbox.key"), &key).unwrap();
    let tls =
        TlsAcceptor::from_pem_files(&f.dir.join("inbox.pem"), &f.dir.join("inbox.key")).unwrap();
    // The served certificate's end, for `serve`'s warning and the gauge (audit s43 on-call F8).
    let not_after = Timestamp::parse("2031-01-01T00:00:00Z").unwrap();
    assert_eq!(tls.not_after(), Some(not_after));
    f.node.metrics().tls_certificate(not_after);
    assert!(f.node.metrics_text().contains(&format!(
        "labourlink_tls_certificate_not_after_timestamp_seconds {}\n",
        not_after.unix_seconds()
    )));
    // Wrong inputs are clear errors that name the file, not panics.
    let e = TlsAcceptor::from_pem(cert.as_bytes(), b"not a key").unwrap_err();
    assert_eq!(e.code(), labourlink::ErrorCode::InputInvalid);
    let e = TlsAcceptor::from_pem_files(&f.dir.join("inbox.key"), &f.dir.join("inbox.key"))
        .unwrap_err();
    assert!(e.message().contains("inbox.key"), "{}", e.message());
    // The node over TLS on its own port.
    f.server.take().unwrap().stop();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    f.server = Some(RunningServer::start_on(Arc::clone(&f.node), listener, Some(tls)).unwrap());
    let url = format!("https://127.0.0.1:{}/v1/messages", addr.port());
    let msg = f.roster(None, "513400-WT-2026-0077", None);
    // A client that trusts only the public roots refuses the private certificate…
    let e = client::deliver(&url, &msg, &SendOptions::default().attempts(1)).unwrap_err();
    assert_eq!(
        e.code(),
        labourlink::ErrorCode::ExchangeUnreachable,
        "{}",
        e.message()
    );
    // … and says what to do about it.
    assert!(
        e.message().contains("give its CA with --ca"),
        "{}",
        e.message()
    );
    // …one given the CA delivers, and the receipt verifies.
    let agent = client::agent_with_roots(Duration::from_secs(10), ca.as_bytes()).unwrap();
    let d = client::deliver_with(&agent, &url, &msg, &SendOptions::default().attempts(1)).unwrap();
    assert_eq!(d.status, 200);
    assert!(
        client::check_receipt(&f.sender_verifier(), &d.receipt, &msg)
            .unwrap()
            .body
            .accepted
    );
    // The outbox with the CA, too.
    let (store, outbox) = sender_outbox(&f, fast_policy());
    let outbox = outbox.with_roots(ca.as_bytes()).unwrap();
    let m2 = f.roster(None, "513400-WT-2026-0078", None);
    let item =
        labourlink_exchange::outbox::enqueue(&store, &m2, &url, now(), &fast_policy()).unwrap();
    let done = outbox.deliver_now(item.seq, now().add_seconds(20)).unwrap();
    assert_eq!(done.state, OutboxState::Delivered);
    // Plain HTTP to the TLS port gets no answer, and the server stays up.
    let plain = f.raw(
        b"GET /healthz HTTP/1.1\r\nhost: x\r\n\r\n",
        Duration::from_secs(3),
    );
    assert!(!plain.contains("200"), "{plain}");
    assert!(client::agent_with_roots(Duration::from_secs(1), b"no pem").is_err());
}

/// The OpenAPI document `docs/{file}` and its (METHOD, path) pairs, after checking that they
/// are exactly `routes`; also returns the routes, sorted, and a client that reads any status.
fn documented_routes(
    file: &str,
    routes: &[(&str, &str)],
) -> (Value, Vec<(String, String)>, ureq::Agent) {
    let path = format!("{}/../docs/{file}", env!("CARGO_MANIFEST_DIR"));
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut documented: Vec<(String, String)> = Vec::new();
    for (path, ops) in doc["paths"].as_object().unwrap() {
        for method in ops.as_object().unwrap().keys() {
            documented.push((method.to_ascii_uppercase(), path.clone()));
        }
    }
    documented.sort();
    let mut routes: Vec<(String, String)> = routes
        .iter()
        .map(|(m, p)| ((*m).to_owned(), (*p).to_owned()))
        .collect();
    routes.sort();
    assert_eq!(
        documented, routes,
        "docs/{file} and the server's routes differ"
    );
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(10)))
        .build()
        .into();
    (doc, routes, agent)
}

/// `docs/openapi.json` describes exactly the server's routes, and each of them answers on a
/// running node (no 404/405), while a path it does not list is 404.
#[test]
fn openapi_document_matches_the_routes() {
    let (doc, routes, agent) =
        documented_routes("openapi.json", labourlink_exchange::server::ROUTES);
    let f = start();
    for (method, path) in &routes {
        let status = match method.as_str() {
            "GET" => agent.get(&f.url(path)).call().unwrap().status().as_u16(),
            _ => agent
                .post(&f.url(path))
                .header("content-type", "application/jose+json")
                .send(&b"{}"[..])
                .unwrap()
                .status()
                .as_u16(),
        };
        assert!(status != 404 && status != 405, "{method} {path}: {status}");
        let declared = doc["paths"][path][method.to_ascii_lowercase()]["responses"]
            .as_object()
            .unwrap();
        assert!(
            declared.contains_key(&status.to_string()),
            "{method} {path}: {status} undocumented"
        );
    }
    let s = agent
        .get(&f.url("/v1/cases"))
        .call()
        .unwrap()
        .status()
        .as_u16();
    assert_eq!(s, 404, "case queries are never on the public listener");
    // What no route takes is answered with the problem JSON of every other refusal: 404
    // `exchange.not_found` (a trailing slash is another path), 405
    // `exchange.method_not_allowed` with the methods the path takes in `Allow`.
    for path in ["/v1/messages/", "/v1/nothing", "/"] {
        let (s, _, body) = f.get(path, None);
        assert_eq!(s, 404, "{path}");
        assert_eq!(problem_code(&body), "exchange.not_found", "{path}");
    }
    let mut r = agent.get(&f.url("/v1/messages")).call().unwrap();
    assert_eq!(r.status().as_u16(), 405);
    assert_eq!(
        r.headers().get("allow").and_then(|v| v.to_str().ok()),
        Some("POST")
    );
    assert_eq!(
        r.headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/json")
    );
    let body = r.body_mut().read_to_vec().unwrap();
    assert_eq!(problem_code(&body), "exchange.method_not_allowed");
    let r = agent.put(&f.url("/v1/trust-list")).send(&b""[..]).unwrap();
    assert_eq!(r.status().as_u16(), 405);
    assert!(
        r.headers()
            .get("allow")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|a| a.contains("GET")),
        "{:?}",
        r.headers()
    );
}

/// A reply to a message the node sent is checked against it (the flow table, same case); a
/// reply to a message it never sent is verified as a message on its own.
#[test]
fn replies_are_checked_against_the_archived_message_they_answer() {
    let f = start();
    let ningbo = SigningKey::from_seed(&[2; 32], "330200-si-2026a").unwrap();
    let nb = Party::new(NB.0, NB.1);
    let ls = Party::new(LS.0, LS.1);
    let case = "513400-WT-2026-0100";
    let demand = Document::builder("worker_transfer.job_demand", nb.clone(), ls.clone())
        .case(case, "worker_transfer.placement")
        .body(labourlink::schema::example("worker_transfer.job_demand").unwrap()["body"].clone())
        .build(&SystemClock)
        .unwrap();
    let demand_jws = labourlink::sign(&demand.to_value(), &[&ningbo]).unwrap();
    // Ningbo sent it (archived as sent, as its outbox does).
    f.node
        .store()
        .archive(
            &labourlink_store::NewMessage::from_jws(
                labourlink_store::Direction::Sent,
                demand_jws.as_bytes(),
                now(),
            )
            .unwrap(),
        )
        .unwrap();
    let roster_body =
        labourlink::schema::example("worker_transfer.roster").unwrap()["body"].clone();
    let reply = |case_id: &str| {
        let doc = Document::builder("worker_transfer.roster", ls.clone(), nb.clone())
            .case(case_id, "worker_transfer.placement")
            .in_reply_to(demand.id.as_str())
            .body(roster_body.clone())
            .build(&SystemClock)
            .unwrap();
        labourlink::sign(&doc.to_value(), &[&f.liangshan])
            .unwrap()
            .into_bytes()
    };
    // A roster answering the demand in its case: accepted.
    let (status, _, receipt) = f.post(&reply(case), "application/jose+json");
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&receipt));
    // One claiming to answer it from another case: refused with the reply rule's code.
    let wrong = reply("513400-WT-2026-0199");
    let (status, _, receipt) = f.post(&wrong, "application/jose+json");
    assert_eq!(status, 422);
    let body = client::read_receipt_unverified(&receipt, &wrong).unwrap();
    assert_eq!(body.errors[0].code, "envelope.unexpected_reply");
    // The same on a current-thread runtime, where the archive lookup cannot be moved off
    // the worker (no block_in_place): the task waits for it, and decides alike.
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let good = rt.block_on(Arc::clone(&f.node).receive_async(reply(case), now()));
    assert_eq!(good.status, 200, "{}", String::from_utf8_lossy(&good.body));
    let wrong = reply("513400-WT-2026-0198");
    let refused = rt.block_on(Arc::clone(&f.node).receive_async(wrong.clone(), now()));
    assert_eq!(refused.status, 422);
    let body = client::read_receipt_unverified(&refused.body, &wrong).unwrap();
    assert_eq!(body.errors[0].code, "envelope.unexpected_reply");
}

/// A store in a fresh schema of the test database (`LABOURLINK_TEST_POSTGRES_URL`): the admin
/// URL and the store's URL (`application_name` the schema's name); `None` (SKIP on stderr)
/// without a database, unless `LABOURLINK_REQUIRE_POSTGRES=1`.
fn postgres_store(name: &str) -> Option<PgSchema> {
    let Ok(admin) = std::env::var("LABOURLINK_TEST_POSTGRES_URL") else {
        assert!(
            std::env::var("LABOURLINK_REQUIRE_POSTGRES").as_deref() != Ok("1"),
            "LABOURLINK_REQUIRE_POSTGRES=1 but LABOURLINK_TEST_POSTGRES_URL is not set"
        );
        let _ = writeln!(
            std::io::stderr(),
            "SKIP {name}: LABOURLINK_TEST_POSTGRES_URL is not set"
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
    let url = format!("{admin}{sep}options=-c%20search_path%3D{schema}&application_name={schema}");
    Store::init(&url).unwrap();
    Some(PgSchema { admin, url, schema })
}

/// Ningbo's node (the fixture's list, key and party) on the store at `url`, with a connection
/// of its own (as another process would have).
fn node_on_store(f: &Fixture, url: &str) -> Arc<Node> {
    let anchor = labourlink::trust::Anchor::from_jwk(
        &serde_json::from_slice(&std::fs::read(f.dir.join("anchor.jwk")).unwrap()).unwrap(),
    )
    .unwrap();
    Arc::new(
        Node::new(
            Arc::new(Store::open(url).unwrap()),
            &f.trust_list,
            std::slice::from_ref(&anchor),
            SigningKey::from_seed(&[2; 32], "330200-si-2026a").unwrap(),
            Party::new(NB.0, NB.1),
            labourlink_exchange::Limits::default(),
        )
        .unwrap(),
    )
}

/// `GET http://addr/path`: the status and the body (any status; 10 s at most).
/// `POST /v1/messages` with `body` as a signed message; the status answered.
fn http_post(addr: SocketAddr, body: &[u8], timeout: Duration) -> Result<u16, ureq::Error> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(timeout))
        .build()
        .into();
    agent
        .post(&format!("http://{addr}/v1/messages"))
        .header("content-type", "application/jose+json")
        .send(body)
        .map(|r| r.status().as_u16())
}

fn http_get(addr: SocketAddr, path: &str) -> (u16, Vec<u8>) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(10)))
        .build()
        .into();
    let mut r = agent.get(&format!("http://{addr}{path}")).call().unwrap();
    (r.status().as_u16(), r.body_mut().read_to_vec().unwrap())
}

/// A test's schema in the test database, dropped with it.
struct PgSchema {
    admin: String,
    url: String,
    schema: String,
}

impl Drop for PgSchema {
    fn drop(&mut self) {
        if let Ok(mut c) = ::postgres::Client::connect(&self.admin, ::postgres::NoTls) {
            let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.schema));
        }
    }
}

/// `GET /healthz` asks the store: when the database drops the node's connections (a restart,
/// a failover), the next health check answers `503` naming the store, and the one after the
/// node reconnected `ok` again; `/metrics` has `labourlink_store_up`. It had stayed `200`
/// through every outage (audit s41 PostgreSQL F3).
#[test]
fn the_health_check_asks_the_store() {
    let Some(pg) = postgres_store("health") else {
        return;
    };
    let (admin, url) = (pg.admin.as_str(), pg.url.as_str());
    let f = start();
    let node = node_on_store(&f, url);
    let server = RunningServer::start(Arc::clone(&node), "127.0.0.1:0".parse().unwrap()).unwrap();
    let get = |path: &str| {
        let (status, body) = http_get(server.local_addr(), path);
        (status, String::from_utf8(body).unwrap())
    };
    assert_eq!(get("/healthz"), (200, "ok\n".to_owned()));
    assert!(get("/metrics").1.contains("labourlink_store_up 1"));
    // An answer younger than a second is reused: wait it out, then drop the connections.
    std::thread::sleep(Duration::from_millis(1_100));
    let app = url.rsplit("application_name=").next().unwrap().to_owned();
    ::postgres::Client::connect(admin, ::postgres::NoTls)
        .unwrap()
        .batch_execute(&format!(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '{app}'"
        ))
        .unwrap();
    let (status, text) = get("/healthz");
    assert_eq!(status, 503, "{text}");
    assert!(
        text.starts_with("store unavailable: store.unavailable"),
        "{text}"
    );
    // The next call reconnects.
    let t0 = Instant::now();
    while get("/healthz").0 != 200 {
        assert!(t0.elapsed() < Duration::from_secs(10), "no reconnection");
        std::thread::sleep(Duration::from_millis(200));
    }
    assert!(get("/metrics").1.contains("labourlink_store_up 1"));
}

/// A store that answers reads but fails writes (a full disk, a damaged page) is not healthy:
/// after a failed write `/healthz` answers `503` naming it and `labourlink_store_up` is 0, with
/// the failures counted by code, until a write succeeds again (audit s42 DR F2: both had
/// stayed green while every message was answered 503). `fail_writes(true)` makes every insert
/// into the replay records fail, as on a full disk, while reads still answer;
/// `fail_writes(false)` gives the space back.
fn writes_failing_make_the_node_unhealthy(f: &Fixture, url: &str, fail_writes: &dyn Fn(bool)) {
    let node = node_on_store(f, url);
    let server = RunningServer::start(Arc::clone(&node), "127.0.0.1:0".parse().unwrap()).unwrap();
    let addr = server.local_addr();
    let get = |path: &str| {
        let (status, body) = http_get(addr, path);
        (status, String::from_utf8(body).unwrap())
    };
    let post = |body: &[u8]| http_post(addr, body, Duration::from_secs(10)).unwrap();
    assert_eq!(get("/healthz"), (200, "ok\n".to_owned()));
    fail_writes(true);
    assert_eq!(post(&f.roster(None, "513400-WT-2026-0001", None)), 503);
    let (status, text) = get("/healthz");
    assert_eq!(status, 503, "{text}");
    assert!(
        text.contains("the last write to the store failed") && text.contains("store.unavailable"),
        "{text}"
    );
    let metrics = get("/metrics").1;
    assert!(metrics.contains("labourlink_store_up 0\n"), "{metrics}");
    assert!(
        metrics.contains("labourlink_store_write_failures_total{code=\"store.unavailable\"} 1\n"),
        "{metrics}"
    );
    // Space again: the next message is accepted and the node is healthy.
    fail_writes(false);
    assert_eq!(post(&f.roster(None, "513400-WT-2026-0002", None)), 200);
    assert_eq!(get("/healthz"), (200, "ok\n".to_owned()));
    assert!(get("/metrics").1.contains("labourlink_store_up 1\n"));
}

/// A scrape of a node whose store hangs (another process holds it locked) answers within the
/// health probe's time with every family the store is not needed for and
/// `labourlink_store_up 0`, instead of timing out — which had made every metric vanish at once
/// while `labourlink_store_up` never read 0 (audit s43 on-call F6).
#[test]
fn a_scrape_answers_while_the_store_hangs() {
    let f = start();
    let addr = f.server.as_ref().unwrap().local_addr();
    let get = |path: &str| {
        let (status, body) = http_get(addr, path);
        (status, String::from_utf8(body).unwrap())
    };
    assert!(get("/metrics").1.contains("labourlink_store_up 1\n"));
    // Another process holds the write lock (a stuck script, a long manual transaction): a
    // message posted meanwhile waits for it, and with it the node's store connection.
    let holder = rusqlite::Connection::open(f.dir.join("store.db")).unwrap();
    holder.busy_timeout(Duration::from_secs(10)).unwrap();
    holder
        .execute_batch("BEGIN IMMEDIATE; INSERT INTO ll_schema VALUES (1000, 0);")
        .unwrap();
    let msg = f.roster(None, "513400-WT-2026-0970", None);
    let poster = std::thread::spawn(move || http_post(addr, &msg, Duration::from_secs(60)));
    std::thread::sleep(Duration::from_millis(1500)); // the post waits; the probe's answer expires
    let t0 = Instant::now();
    let (status, text) = get("/metrics");
    let took = t0.elapsed();
    assert_eq!(status, 200, "{text}");
    assert!(text.contains("labourlink_store_up 0\n"), "{text}");
    assert!(text.contains("labourlink_trust_list_sequence "), "{text}");
    assert!(!text.contains("labourlink_outbox_messages{"), "{text}");
    assert!(took < Duration::from_secs(9), "{took:?}");
    // While that query still waits, the next scrape does not queue another: it answers at once.
    let t0 = Instant::now();
    assert!(get("/metrics").1.contains("labourlink_store_up 0\n"));
    assert!(t0.elapsed() < Duration::from_secs(3), "{:?}", t0.elapsed());
    holder.execute_batch("ROLLBACK").unwrap();
    drop(holder);
    // The message waited, and is answered (accepted, or 503 if its wait ran out first).
    let answered = poster.join().unwrap().unwrap();
    assert!(answered == 200 || answered == 503, "{answered}");
    let t0 = Instant::now();
    while !get("/metrics").1.contains("labourlink_store_up 1\n") {
        assert!(
            t0.elapsed() < Duration::from_secs(30),
            "the store did not come back"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// [`writes_failing_make_the_node_unhealthy`] on PostgreSQL: a trigger raises the error a
/// full disk gives (`could not extend file`).
#[test]
fn a_postgres_store_that_fails_writes_is_not_healthy() {
    let Some(pg) = postgres_store("writes") else {
        return;
    };
    let f = start();
    let admin = |sql: &str| {
        ::postgres::Client::connect(&pg.admin, ::postgres::NoTls)
            .unwrap()
            .batch_execute(&format!("SET search_path = {}; {sql}", pg.schema))
            .unwrap();
    };
    writes_failing_make_the_node_unhealthy(&f, &pg.url, &|fail| {
        if fail {
            admin(
                "CREATE FUNCTION full_disk() RETURNS trigger LANGUAGE plpgsql AS $$
                 BEGIN RAISE EXCEPTION 'could not extend file: No space left on device'; END $$;
                 CREATE TRIGGER full_disk BEFORE INSERT ON ll_replay
                     FOR EACH ROW EXECUTE FUNCTION full_disk();",
            );
        } else {
            admin("DROP TRIGGER full_disk ON ll_replay");
        }
    });
}

/// The same on SQLite (the embedded default, so this runs on every machine, not only where
/// a PostgreSQL is given): another connection to the store file adds a trigger that aborts
/// every insert into the replay records.
#[test]
fn a_sqlite_store_that_fails_writes_is_not_healthy() {
    let f = start();
    let path = f.dir.join("writes.db");
    let url = format!("sqlite://{}", path.display());
    Store::init(&url).unwrap();
    let other = rusqlite::Connection::open(&path).unwrap();
    writes_failing_make_the_node_unhealthy(&f, &url, &|fail| {
        other
            .execute_batch(if fail {
                "CREATE TRIGGER full_disk BEFORE INSERT ON ll_replay
                 BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;"
            } else {
                "DROP TRIGGER full_disk"
            })
            .unwrap();
    });
}

/// Two inbox processes (here: two nodes with their own connections and servers) on one
/// PostgreSQL database receive the same message at once, several times: it is accepted once,
/// archived once, and every answer is the same receipt. Needs `LABOURLINK_TEST_POSTGRES_URL`
/// (`.ci/run` sets it and `LABOURLINK_REQUIRE_POSTGRES=1`); otherwise SKIP on stderr.
#[test]
fn two_inboxes_on_one_postgres_accept_a_message_once() {
    let Some(pg) = postgres_store("exchange") else {
        return;
    };
    let url = pg.url.as_str();
    let f = start();
    let servers: Vec<(Arc<Node>, RunningServer)> = (0..2)
        .map(|_| {
            let node = node_on_store(&f, url);
            let s =
                RunningServer::start(Arc::clone(&node), "127.0.0.1:0".parse().unwrap()).unwrap();
            (node, s)
        })
        .collect();
    let urls: Vec<String> = servers
        .iter()
        .map(|(_, s)| format!("http://{}/v1/messages", s.local_addr()))
        .collect();
    for round in 0..5 {
        let msg = Arc::new(f.roster(None, &format!("513400-WT-2026-07{round:02}"), None));
        let barrier = Arc::new(std::sync::Barrier::new(4));
        let answers: Vec<Vec<u8>> = (0..4)
            .map(|i| {
                let (m, b, u) = (Arc::clone(&msg), Arc::clone(&barrier), urls[i % 2].clone());
                std::thread::spawn(move || {
                    b.wait();
                    let d = client::deliver(&u, &m, &SendOptions::default().attempts(3)).unwrap();
                    assert_eq!(d.status, 200);
                    d.receipt
                })
            })
            .collect::<Vec<_>>()
            .into_iter()
            .map(|h| h.join().unwrap())
            .collect();
        assert!(
            answers.iter().all(|a| *a == answers[0]),
            "one receipt for every answer"
        );
        let (doc, _) = labourlink_exchange::node::decode_sent(&msg).unwrap();
        let archived = servers[0].0.store().archived_by_id(&doc.id).unwrap();
        assert_eq!(
            archived
                .iter()
                .filter(|m| m.direction == labourlink_store::Direction::Received)
                .count(),
            1,
            "accepted once"
        );
        // Written by the group commit's multi-row insert, signers included.
        assert!(
            archived
                .iter()
                .all(|m| m.signers == Some(vec!["513400-hr-2026a".to_owned()])),
            "{archived:?}"
        );
    }
    let accepted: u64 = servers
        .iter()
        .map(|(n, _)| {
            let t = n.metrics().render();
            t.lines()
                .find_map(|l| l.strip_prefix("labourlink_messages_accepted_total "))
                .unwrap()
                .parse::<u64>()
                .unwrap()
        })
        .sum();
    assert_eq!(
        accepted, 5,
        "five messages, each accepted by exactly one of the two inboxes"
    );
    drop(servers);
}

/// A node whose trust list has gone stale answers every message 503 (`trust_list.stale`,
/// `Retry-After`) and says so on /healthz and /metrics, instead of a signed, final `rejected`
/// receipt for the receiver's own out-of-date list (audit s38 time F1): nothing is verified,
/// stored or receipted, and the same message is accepted once the list is fresh.
#[test]
fn a_node_with_a_stale_trust_list_answers_503_not_rejected() {
    let f = start();
    let msg = f.roster(None, "513400-WT-2026-0900", None);
    // The fixture's list is due in 30 days; 7 days of grace after that.
    let later = now().add_seconds(40 * 86_400);
    let e = f.node.ready(later).unwrap_err();
    assert_eq!(e.code().as_str(), "trust_list.stale", "{e}");
    let a = f.node.receive(&msg, later);
    assert_eq!(a.status, 503);
    assert!(a.retry_after.is_some());
    let body = String::from_utf8_lossy(&a.body);
    assert!(body.contains("trust_list.stale"), "{body}");
    let (doc, _) = labourlink_exchange::node::decode_sent(&msg).unwrap();
    let archived = f.node.store().archived_by_id(&doc.id).unwrap_err();
    assert_eq!(archived.code().as_str(), "store.not_found");
    let metrics = f.node.metrics_text();
    assert!(
        metrics.contains("labourlink_trust_list_stale 0"),
        "{metrics}"
    );
    let (status, _, _) = f.get("/healthz", None);
    assert_eq!(status, 200);
    // Now (fresh), the same bytes are accepted.
    assert_eq!(f.node.receive(&msg, now()).status, 200);
}

/// Reference data that goes stale while the node runs: messages are answered 503
/// (`reference_data.stale`), as for a stale trust list — the node went on using it with
/// `/healthz` at 200 and then refused to start at the next restart (audit s38 long-run F3).
#[test]
fn a_node_with_stale_reference_data_answers_503() {
    let f = start();
    // A trust list fresh for 90 days; the fixture's reference data is due in 30 (+7 grace).
    let signed = fixture_list_due(2, true, None, &[], 90, None);
    assert!(f.node.update_trust_list(&signed).unwrap());
    let t = now();
    // Overdue (day 33: past next_update, within the grace) is told before it is stale, for
    // the node's log (audit s43 on-call F9); stale (day 40) it is not overdue any more.
    assert_eq!(f.node.reference_data_overdue(t), None);
    let (_, next_update, stale_at) = f
        .node
        .reference_data_overdue(t.add_seconds(33 * 86_400))
        .unwrap();
    assert_eq!(stale_at, next_update.add_seconds(7 * 86_400));
    let later = t.add_seconds(40 * 86_400);
    assert_eq!(f.node.reference_data_overdue(later), None);
    let e = f.node.ready(later).unwrap_err();
    assert_eq!(e.code().as_str(), "reference_data.stale", "{e}");
    let msg = f.roster(None, "513400-WT-2026-0970", None);
    let a = f.node.receive(&msg, later);
    assert_eq!(a.status, 503);
    assert!(String::from_utf8_lossy(&a.body).contains("reference_data.stale"));
    assert!(
        f.node
            .metrics_text()
            .contains("labourlink_reference_data_next_update_seconds ")
    );
    assert_eq!(f.node.receive(&msg, now()).status, 200);
}

/// The work slot of a message goes with its work: when the client hangs up (the handler's
/// future dropped) the verification and commit go on, and the slot is given back only when
/// they are done — so `max_concurrent_requests` bounds the messages in work, not only those
/// whose clients still wait (audit s38 long-run F7).
#[test]
fn a_hung_up_client_keeps_its_work_slot_until_the_work_is_done() {
    struct Slot(Option<std::sync::mpsc::Sender<bool>>, Arc<Node>, String);
    impl Drop for Slot {
        fn drop(&mut self) {
            // Done when the slot goes: the message is committed by then.
            let archived = self.1.store().archived_by_id(&self.2).is_ok();
            if let Some(tx) = self.0.take() {
                let _ = tx.send(archived);
            }
        }
    }
    let f = start();
    let msg = f.roster(None, "513400-WT-2026-0980", None);
    let (doc, _) = labourlink_exchange::node::decode_sent(&msg).unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let slot = Slot(Some(tx), Arc::clone(&f.node), doc.id.clone());
        let handler =
            tokio::spawn(Arc::clone(&f.node).receive_async_holding(msg.clone(), now(), slot));
        // The handler runs until it waits for the work, then its client goes away.
        tokio::task::yield_now().await;
        handler.abort();
        let done = tokio::task::spawn_blocking(move || rx.recv_timeout(Duration::from_secs(10)))
            .await
            .unwrap();
        assert_eq!(
            done,
            Ok(true),
            "the slot was given back before the work was done"
        );
    });
}

/// Hundreds of idle connections (opened, nothing sent) neither stop the node from answering
/// nor stay open: each is closed after the header read timeout (1 s in this node). Bounded:
/// 600 connections (below the default open-file limit of the test process).
#[test]
fn idle_connections_are_closed_and_the_node_keeps_answering() {
    // Through a trusted proxy (all from 127.0.0.1): one plain address would be capped at a
    // sixteenth of max_connections (`one_address_holds_a_share_of_the_connections`).
    let f = start_full(64, false, "trusted_proxies = [\"127.0.0.1\"]");
    let idle: Vec<TcpStream> = (0..600)
        .map(|_| TcpStream::connect(f.addr()).unwrap())
        .collect();
    let t0 = Instant::now();
    let (status, _, _) = f.get("/healthz", None);
    assert_eq!(status, 200);
    assert!(
        t0.elapsed() < Duration::from_secs(5),
        "answered while 600 connections idle"
    );
    let msg = f.roster(None, "513400-WT-2026-0800", None);
    let (status, _, _) = f.post(&msg, "application/jose+json");
    assert_eq!(status, 200);
    // Every idle connection is closed by the server within a few seconds.
    let deadline = Instant::now() + Duration::from_secs(10);
    for mut c in idle {
        let left = deadline.saturating_duration_since(Instant::now());
        c.set_read_timeout(Some(left.max(Duration::from_millis(10))))
            .unwrap();
        let mut b = [0u8; 1];
        match c.read(&mut b) {
            // Closed (EOF) or reset by the server.
            Ok(0) => {}
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => {}
            other => panic!("an idle connection was not closed: {other:?}"),
        }
    }
}

/// The admin listener answers case, archive and outbox queries (personal data) and the public
/// one does not; a non-loopback admin address is refused by the configuration.
#[test]
fn admin_listener_serves_cases_archive_and_outbox_on_loopback_only() {
    let f = start();
    let msg = f.roster(None, "513400-WT-2026-0900", None);
    let (status, _, _) = f.post(&msg, "application/jose+json");
    assert_eq!(status, 200);
    let second = f.roster(None, "513400-WT-2026-0901", None);
    assert_eq!(f.post(&second, "application/jose+json").0, 200);
    let (doc, _) = labourlink_exchange::node::decode_sent(&msg).unwrap();
    let admin = RunningServer::start_admin(Arc::clone(&f.node), &loopback_admin()).unwrap();
    let get = |path: &str| {
        let (status, body) = http_get(admin.local_addr(), path);
        let body: Value = serde_json::from_slice(&body).unwrap();
        (status, body)
    };
    let (s, cases) = get("/admin/v1/cases?status=open");
    assert_eq!(s, 200, "{cases}");
    assert!(
        cases["cases"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["case_id"] == "513400-WT-2026-0900"),
        "{cases}"
    );
    assert_eq!(
        (cases["limit"].as_u64(), cases["truncated"].as_bool()),
        (Some(1000), Some(false))
    );
    // The listing is bounded: `limit` (1 to 10 000, default 1 000), `truncated` when there
    // are more.
    let (s, first) = get("/admin/v1/cases?status=open&limit=1");
    assert_eq!(s, 200, "{first}");
    assert_eq!(first["cases"].as_array().unwrap().len(), 1, "{first}");
    assert_eq!(first["truncated"], true, "{first}");
    for bad in ["0", "10001", "x", "-1"] {
        let (s, e) = get(&format!("/admin/v1/cases?limit={bad}"));
        assert_eq!(s, 400, "{bad}");
        assert!(
            e.to_string()
                .contains("limit must be a number from 1 to 10000"),
            "{e}"
        );
    }
    let (s, case) = get("/admin/v1/cases/513400-WT-2026-0900");
    assert_eq!(s, 200);
    assert!(
        case["messages"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["id"] == doc.id.as_str()),
        "{case}"
    );
    // Without body=true no message bytes leave the node.
    let (_, meta) = get(&format!("/admin/v1/messages/{}", doc.id));
    assert!(!meta.to_string().contains("\"payload\""), "{meta}");
    let (_, full) = get(&format!("/admin/v1/messages/{}?body=true", doc.id));
    assert!(full.to_string().contains("payload"), "{full}");
    let (s, outbox) = get("/admin/v1/outbox");
    assert_eq!(s, 200);
    assert!(outbox["counts"].get("pending").is_some(), "{outbox}");
    // Bad parameters and unknown ids: codes, not crashes.
    assert_eq!(get("/admin/v1/cases?due_within=x").0, 400);
    assert_eq!(get("/admin/v1/cases?status=closed-ish").0, 400);
    // Query names and values are percent-decoded; an id that is not text once decoded gets
    // the problem JSON too (the body parses as JSON here).
    assert_eq!(get("/admin/v1/cases?status=%6fpen").0, 200);
    let (s, e) = get("/admin/v1/cases/%FF%FE");
    assert_eq!(s, 400);
    assert_eq!(e["errors"][0]["code"], "input.invalid", "{e}");
    assert_eq!(get("/admin/v1/messages/%FF").0, 400);
    // status is checked with due_within too, and overdue with due_within is refused.
    assert_eq!(get("/admin/v1/cases?status=bogus&due_within=3").0, 400);
    let (s, e) = get("/admin/v1/cases?status=overdue&due_within=3");
    assert_eq!(s, 400);
    assert!(e.to_string().contains("contradict"), "{e}");
    assert_eq!(get("/admin/v1/cases?status=open&due_within=3").0, 200);
    // A count past the calendar's range says so, not that there is no case policy.
    let (s, e) = get("/admin/v1/cases?due_within=4294967295");
    assert_eq!(s, 400);
    assert!(!e.to_string().contains("no case policy"), "{e}");
    assert_eq!(get("/admin/v1/outbox?state=nope").0, 400);
    let (s, e) = get("/admin/v1/messages/01a2a0b0-0000-7000-8000-00000000dead");
    assert_eq!(s, 404);
    assert_eq!(e["errors"][0]["code"], "store.not_found", "{e}");
    assert!(
        e["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("01a2a0b0-0000-7000-8000-00000000dead"),
        "the message names the id asked for: {e}"
    );
    // A 400 says which parameter and what it takes; a misspelt, repeated or unknown
    // parameter is refused instead of being ignored (which would list every case).
    for (path, says) in [
        (
            "/admin/v1/cases?status=closed-ish",
            "status must be open or overdue",
        ),
        (
            "/admin/v1/cases?stauts=overdue",
            "stauts is unknown here (this path takes: status, due_within, as_of, limit)",
        ),
        (
            "/admin/v1/cases?status=open&status=overdue",
            "status is given more than once",
        ),
        (
            "/admin/v1/cases/513400-WT-2026-0900?x=1",
            "x is unknown here",
        ),
        (
            &format!("/admin/v1/messages/{}?body=yes", doc.id),
            "body must be true or false",
        ),
        ("/admin/v1/outbox?limit=-1", "limit must be a number"),
    ] {
        let (s, e) = get(path);
        assert_eq!(s, 400, "{path}: {e}");
        assert_eq!(e["errors"][0]["code"], "input.invalid", "{path}: {e}");
        let m = e["errors"][0]["message"].as_str().unwrap();
        assert!(m.contains(says), "{path}: {m}");
    }
    // Unknown paths and methods: problem JSON too.
    let (s, e) = get("/admin/v1/nothing");
    assert_eq!(s, 404);
    assert_eq!(e["errors"][0]["code"], "exchange.not_found", "{e}");
    // None of it on the public listener.
    let (s, _, _) = f.get("/admin/v1/cases", None);
    assert_eq!(s, 404);
    admin.stop();
    // The configuration refuses an admin listener off loopback unless told.
    let base = std::fs::read_to_string(f.dir.join("node.toml")).unwrap();
    let e = NodeConfig::from_toml(
        &format!("{base}\n[admin]\nlisten = \"0.0.0.0:8481\"\n"),
        &f.dir,
    )
    .unwrap_err();
    assert!(
        e.message().contains("not a loopback address"),
        "{}",
        e.message()
    );
    // ... and one off loopback without an access token even when told.
    let e = NodeConfig::from_toml(
        &format!("{base}\n[admin]\nlisten = \"0.0.0.0:8481\"\nallow_non_loopback = true\n"),
        &f.dir,
    )
    .unwrap_err();
    assert!(e.message().contains("needs token_file"), "{}", e.message());
    let cfg = NodeConfig::from_toml(
        &format!(
            "{base}\n[admin]\nlisten = \"0.0.0.0:8481\"\nallow_non_loopback = true\ntoken_file = \"admin.token\"\n"
        ),
        &f.dir,
    )
    .unwrap();
    let admin = cfg.admin.unwrap();
    assert_eq!(admin.token_file, Some(f.dir.join("admin.token")));
}

/// One node, two agencies of Ningbo: a message to either is received and answered with a
/// receipt signed by the addressed agency's own key; one to an agency the node does not serve
/// is refused (`envelope.wrong_audience` at `/to/agency`).
#[test]
fn one_node_receives_for_several_agencies_each_with_its_own_receipt_key() {
    let f = start_two_agencies();
    assert_eq!(
        f.node
            .parties()
            .map(|p| p.agency.as_str())
            .collect::<Vec<_>>(),
        [NB.1, NB2.1]
    );
    for (to, kid) in [(NB, "330200-si-2026a"), (NB2, "330200-lab-2026a")] {
        let msg = f.roster_to(to, None, "513400-WT-2026-0101", None);
        let (status, _, receipt) = f.post(&msg, "application/jose+json");
        assert_eq!(status, 200, "{}", String::from_utf8_lossy(&receipt));
        let checked = client::check_receipt(&f.sender_verifier(), &receipt, &msg).unwrap();
        assert!(checked.body.accepted);
        assert_eq!(checked.verified.signers()[0].kid, kid);
        assert_eq!(checked.verified.document().from.agency, to.1);
        // Redelivered: the same receipt, from the archive of the addressed agency.
        let (status, _, again) = f.post(&msg, "application/jose+json");
        assert_eq!((status, &again), (200, &receipt));
    }
    let elsewhere = f.roster_to(
        ("330200", "12330200MB0000000X"),
        None,
        "513400-WT-2026-0102",
        None,
    );
    let (status, _, r) = f.post(&elsewhere, "application/jose+json");
    // No receipt: the node cannot sign as the agency addressed, and one signed by another
    // agency would fail the sender's check (it would retry for days). The problem JSON is
    // final for the sender's outbox.
    assert_eq!(status, 400);
    assert_eq!(problem_code(&r), "envelope.wrong_audience");
    let v: Value = serde_json::from_slice(&r).unwrap();
    assert_eq!(v["errors"][0]["path"], "/to/agency");
    let (store, outbox) = sender_outbox(&f, fast_policy());
    labourlink_exchange::outbox::enqueue(
        &store,
        &elsewhere,
        &f.url("/v1/messages"),
        now(),
        &fast_policy(),
    )
    .unwrap();
    let run = outbox.run_once(now()).unwrap();
    assert_eq!((run.attempted, run.undeliverable), (1, 1));
    let und = store
        .outbox(&OutboxQuery::all().state(OutboxState::Undeliverable))
        .unwrap();
    assert!(
        und[0]
            .last_error
            .as_deref()
            .is_some_and(|e| e.contains("envelope.wrong_audience")),
        "{:?}",
        und[0].last_error
    );
}

/// The per-client rate limit: past its burst a client gets 429 with `Retry-After` and
/// `exchange.rate_limited` before its body is read; the refusal is counted; from a peer that
/// is not a trusted proxy, `X-Forwarded-For` changes nothing.
#[test]
fn a_client_over_its_rate_gets_429_with_retry_after() {
    let f = start_full(
        64,
        false,
        "client_messages_per_minute = 6\nclient_burst = 2",
    );
    for i in 0..2 {
        let msg = f.roster(None, &format!("513400-WT-2026-02{i:02}"), None);
        let (status, _, _) = f.post(&msg, "application/jose+json");
        assert_eq!(status, 200);
    }
    let msg = f.roster(None, "513400-WT-2026-0299", None);
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut r = agent
        .post(&f.url("/v1/messages"))
        .header("content-type", "application/jose+json")
        .header("x-forwarded-for", "203.0.113.9")
        .send(&msg[..])
        .unwrap();
    assert_eq!(r.status().as_u16(), 429);
    assert_eq!(
        r.headers().get("retry-after").unwrap().to_str().unwrap(),
        "10"
    );
    assert_eq!(
        problem_code(&r.body_mut().read_to_vec().unwrap()),
        "exchange.rate_limited"
    );
    // Nothing of it was stored; the trust list and health are not rate-limited.
    let (doc, _) = labourlink_exchange::node::decode_sent(&msg).unwrap();
    assert!(
        f.node
            .store()
            .archived(labourlink_store::Direction::Received, LS.0, LS.1, &doc.id)
            .unwrap()
            .is_none()
    );
    assert_eq!(f.get("/healthz", None).0, 200);
    let (_, _, metrics) = f.get("/metrics", None);
    let m = String::from_utf8(metrics).unwrap();
    assert!(m.contains("status=\"429\"} 1"), "{m}");
}

/// A request head the HTTP layer cannot read gets its status **and** a code: garbage, control
/// bytes in a header, two `Content-Length`s and an unknown `Transfer-Encoding` are `400`, over
/// 100 header lines `431`, each with the problem JSON of `exchange.malformed_request` saying
/// what was wrong (hyper's own answers had an empty body); counted in `/metrics`. Ordinary
/// answers on the same kind of connection pass through unchanged, and the node stays up.
#[test]
fn a_request_head_the_node_cannot_read_gets_its_status_and_code() {
    let f = start();
    let many_headers = format!(
        "GET /healthz HTTP/1.1\r\nhost: x\r\n{}\r\n",
        (0..120)
            .map(|i| format!("x-h{i}: v\r\n"))
            .collect::<String>()
    );
    for (request, status, why) in [
        ("\x16\x03\x01garbage\r\n\r\n".to_owned(), 400, "request line"),
        ("POST /v1/messages HTTP/1.1\r\nhost: x\r\nx-bad: a\x01b\r\n\r\n".to_owned(), 400, "a header"),
        (
            "POST /v1/messages HTTP/1.1\r\nhost: x\r\ncontent-length: 5\r\ncontent-length: 6\r\n\r\nhello".to_owned(),
            400,
            "Content-Length",
        ),
        (
            "POST /v1/messages HTTP/1.1\r\nhost: x\r\ntransfer-encoding: gzip\r\n\r\n".to_owned(),
            400,
            "Transfer-Encoding",
        ),
        (many_headers, 431, "100 header lines"),
    ] {
        let answer = f.raw(request.as_bytes(), Duration::from_secs(5));
        assert!(answer.starts_with(&format!("HTTP/1.1 {status} ")), "{request:?}: {answer}");
        let (head, body) = answer.split_once("\r\n\r\n").unwrap();
        assert!(head.contains("content-type: application/json"), "{answer}");
        assert!(head.contains("connection: close"), "{answer}");
        assert_eq!(problem_code(body.as_bytes()), "exchange.malformed_request", "{answer}");
        assert!(body.contains(why), "{why}: {body}");
    }
    // An ordinary 400 of the node's own, and a 200, are what they were.
    let answer = f.raw(
        b"POST /v1/messages HTTP/1.1\r\nhost: x\r\ncontent-type: application/jose+json\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{}",
        Duration::from_secs(5),
    );
    assert!(answer.starts_with("HTTP/1.1 400 "), "{answer}");
    assert!(!answer.contains("exchange.malformed_request"), "{answer}");
    assert_eq!(f.get("/healthz", None).0, 200);
    let (_, _, metrics) = f.get("/metrics", None);
    let m = String::from_utf8(metrics).unwrap();
    assert!(
        m.contains("labourlink_http_refused_total{status=\"400\"} 4\n"),
        "{m}"
    );
    assert!(
        m.contains("labourlink_http_refused_total{status=\"431\"} 1\n"),
        "{m}"
    );
}

/// A request head still unfinished at 64 KiB is refused at once (431, or the connection
/// closed): a slow client cannot make the node buffer some 400 KiB per connection until its
/// header read timeout.
#[test]
fn an_unfinished_request_head_over_64_kib_is_refused_at_once() {
    let f = start_full(64, false, "header_read_timeout_seconds = 10");
    let mut s = TcpStream::connect(f.addr()).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(8))).unwrap();
    let head = format!(
        "GET /healthz HTTP/1.1\r\nhost: x\r\nx-pad: {}",
        "p".repeat(70 * 1024)
    );
    let t0 = Instant::now();
    let _ = s.write_all(head.as_bytes());
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    let answer = String::from_utf8_lossy(&out);
    assert!(
        t0.elapsed() < Duration::from_secs(5),
        "held for {:?}",
        t0.elapsed()
    );
    assert!(
        answer.is_empty() || answer.starts_with("HTTP/1.1 431"),
        "{answer}"
    );
    assert_eq!(f.get("/healthz", None).0, 200);
}

/// Behind a trusted proxy, every `X-Forwarded-For` line counts, in order: a client cannot
/// pick its own bucket with a first line of its own when the proxy appends its line apart.
#[test]
fn every_forwarded_for_line_counts_behind_a_trusted_proxy() {
    let f = start_full(
        64,
        false,
        "trusted_proxies = [\"127.0.0.1\"]\nclient_messages_per_minute = 6\nclient_burst = 1",
    );
    let post = |first: &str| {
        let body = b"{}";
        let head = format!(
            "POST /v1/messages HTTP/1.1\r\nhost: x\r\ncontent-type: application/jose+json\r\nx-forwarded-for: {first}\r\nx-forwarded-for: 198.51.100.7\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
            body.len()
        );
        let mut req = head.into_bytes();
        req.extend_from_slice(body);
        f.raw(&req, Duration::from_secs(5))
    };
    // The first request of 198.51.100.7 uses its burst of one; the next, whatever its first
    // line says, is the same client's.
    assert!(post("203.0.113.1").starts_with("HTTP/1.1 400"));
    for forged in ["203.0.113.2", "203.0.113.3"] {
        let answer = post(forged);
        assert!(answer.starts_with("HTTP/1.1 429"), "{answer}");
    }
}

/// The admin listener refuses a request whose Host is a DNS name (a browser led there by
/// DNS rebinding) before reading anything; its address or localhost is served.
#[test]
fn the_admin_listener_refuses_a_dns_name_as_host() {
    let f = start();
    let admin = RunningServer::start_admin(Arc::clone(&f.node), &loopback_admin()).unwrap();
    let ask = |host: &str| {
        let mut s = TcpStream::connect(admin.local_addr()).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        let req =
            format!("GET /admin/v1/outbox HTTP/1.1\r\nhost: {host}\r\nconnection: close\r\n\r\n");
        s.write_all(req.as_bytes()).unwrap();
        let mut out = Vec::new();
        let _ = s.read_to_end(&mut out);
        String::from_utf8_lossy(&out).into_owned()
    };
    let port = admin.local_addr().port();
    for ok in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        "[::1]".to_owned(),
    ] {
        assert!(ask(&ok).starts_with("HTTP/1.1 200"), "{ok}");
    }
    for bad in [
        "attacker.example",
        "attacker.example:8481",
        "localhost.attacker.example",
    ] {
        let answer = ask(bad);
        assert!(answer.starts_with("HTTP/1.1 403"), "{bad}: {answer}");
        assert!(answer.contains("DNS rebinding"), "{answer}");
    }
}

/// An admin listener with an access token (`[admin] token_file`) answers a query only with
/// `Authorization: Bearer <token>`: without it, or with another token, `401`
/// `exchange.unauthorized` with `WWW-Authenticate` and nothing read (an unknown path too: the
/// routes are not shown); `/healthz` stays open; a DNS name as `Host` is still refused first.
#[test]
fn the_admin_listener_with_a_token_answers_only_requests_that_carry_it() {
    let f = start();
    let token = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    let file = f.dir.join("admin.token");
    std::fs::write(&file, format!("{token}\n")).unwrap();
    let admin = RunningServer::start_admin(
        Arc::clone(&f.node),
        &loopback_admin().with_token_file(&file),
    )
    .unwrap();
    let ask = |path: &str, host: &str, auth: Option<&str>| {
        let mut s = TcpStream::connect(admin.local_addr()).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        let auth = auth
            .map(|a| format!("authorization: {a}\r\n"))
            .unwrap_or_default();
        let req = format!("GET {path} HTTP/1.1\r\nhost: {host}\r\n{auth}connection: close\r\n\r\n");
        s.write_all(req.as_bytes()).unwrap();
        let mut out = Vec::new();
        let _ = s.read_to_end(&mut out);
        String::from_utf8_lossy(&out).into_owned()
    };
    let host = admin.local_addr().to_string();
    let bearer = format!("Bearer {token}");
    for good in [bearer.clone(), format!("bearer  {token} ")] {
        let answer = ask("/admin/v1/outbox", &host, Some(&good));
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    }
    let wrong = format!("Bearer {}", token.replace('0', "1"));
    for (path, auth) in [
        ("/admin/v1/outbox", None),
        ("/admin/v1/outbox", Some(wrong.as_str())),
        ("/admin/v1/outbox", Some(token)),
        ("/admin/v1/outbox", Some("Basic YWRtaW46YWRtaW4=")),
        ("/admin/v1/outbox", Some("Bearer")),
        ("/admin/v1/cases/513400-WT-2026-0001", None),
        ("/admin/v1/no-such-route", None),
    ] {
        let answer = ask(path, &host, auth);
        assert!(
            answer.starts_with("HTTP/1.1 401"),
            "{path} {auth:?}: {answer}"
        );
        let lower = answer.to_ascii_lowercase();
        assert!(
            lower.contains("www-authenticate: bearer realm=\"labourlink-admin\""),
            "{answer}"
        );
        assert!(answer.contains("\"exchange.unauthorized\""), "{answer}");
        assert!(
            !answer.contains(token),
            "the token is never shown: {answer}"
        );
    }
    assert!(ask("/healthz", &host, None).starts_with("HTTP/1.1 200"));
    let rebinding = ask("/admin/v1/outbox", "attacker.example", Some(&bearer));
    assert!(rebinding.starts_with("HTTP/1.1 403"), "{rebinding}");

    // A token file that cannot serve refuses the start, naming the file, never its content.
    std::fs::write(&file, "short-secret\n").unwrap();
    let e = RunningServer::start_admin(
        Arc::clone(&f.node),
        &loopback_admin().with_token_file(&file),
    )
    .unwrap_err();
    assert!(e.message().contains("admin.token"), "{}", e.message());
    assert!(e.message().contains("at least 32"), "{}", e.message());
    assert!(!e.message().contains("short-secret"), "{}", e.message());
    assert!(
        e.message_zh().contains("admin.token") && e.message_zh().contains("至少需要 32"),
        "{}",
        e.message_zh()
    );
    // Padding adds no secret: one character and 40 `=` is refused.
    std::fs::write(&file, format!("a{}\n", "=".repeat(40))).unwrap();
    let e = RunningServer::start_admin(
        Arc::clone(&f.node),
        &loopback_admin().with_token_file(&file),
    )
    .unwrap_err();
    assert!(
        e.message().contains("before any = padding"),
        "{}",
        e.message()
    );
    std::fs::write(&file, format!("{token}!\n")).unwrap();
    let e = RunningServer::start_admin(
        Arc::clone(&f.node),
        &loopback_admin().with_token_file(&file),
    )
    .unwrap_err();
    assert!(e.message().contains("may hold only"), "{}", e.message());
    let e = labourlink_exchange::server::Listeners::bind(
        "127.0.0.1:0".parse().unwrap(),
        Some(&loopback_admin().with_token_file(f.dir.join("absent.token"))),
    )
    .unwrap_err();
    assert!(e.message().contains("absent.token"), "{}", e.message());
}

/// An admin listener on the loopback address with a port the system chooses, no token.
/// What the process logged to target `labourlink::access` (the admin listener's access
/// record) and the inbox's warnings, as JSON lines: a global subscriber, set once for this
/// test binary, captures those targets only (the listeners' workers are threads of their
/// own).
fn access_records() -> String {
    use tracing_subscriber::Layer as _;
    use tracing_subscriber::layer::SubscriberExt as _;
    static BUF: std::sync::OnceLock<Arc<std::sync::Mutex<Vec<u8>>>> = std::sync::OnceLock::new();
    struct Capture(Arc<std::sync::Mutex<Vec<u8>>>);
    impl std::io::Write for Capture {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let buf = BUF.get_or_init(|| {
        let buf = Arc::new(std::sync::Mutex::new(Vec::new()));
        let sink = Arc::clone(&buf);
        let layer = tracing_subscriber::fmt::layer()
            .json()
            .with_writer(move || Capture(Arc::clone(&sink)))
            .with_filter(
                tracing_subscriber::filter::Targets::new()
                    .with_target("labourlink::access", tracing::Level::INFO)
                    .with_target("labourlink::inbox", tracing::Level::WARN)
                    .with_target("labourlink::outbox", tracing::Level::WARN),
            );
        tracing::subscriber::set_global_default(tracing_subscriber::registry().with(layer))
            .unwrap();
        buf
    });
    String::from_utf8(buf.lock().unwrap().clone()).unwrap()
}

/// Every read through the admin listener is recorded — who (the client's address), what (the
/// path, ids only) and whether message bodies were read — and nothing of the content (audit
/// s43 privacy F3: bodies and cases were read without a trace).
#[test]
fn the_admin_listener_records_every_read() {
    access_records();
    let f = start();
    let msg = f.roster(None, "513400-WT-2026-0950", None);
    assert_eq!(f.post(&msg, "application/jose+json").0, 200);
    let (doc, _) = labourlink_exchange::node::decode_sent(&msg).unwrap();
    let id = doc.id.clone();
    let admin = RunningServer::start_admin(Arc::clone(&f.node), &loopback_admin()).unwrap();
    let (s, body) = http_get(
        admin.local_addr(),
        &format!("/admin/v1/messages/{id}?body=true"),
    );
    assert_eq!(s, 200);
    assert!(String::from_utf8(body).unwrap().contains("\"jws\""));
    assert_eq!(
        http_get(admin.local_addr(), "/admin/v1/cases/513400-WT-2026-0950").0,
        200
    );
    // The query as the handler reads it (percent-decoded): bodies read are recorded as read
    // (review s43 M1: `body=%74rue` returned them, recorded as not).
    let (s, body) = http_get(
        admin.local_addr(),
        &format!("/admin/v1/messages/{id}?body=%74rue"),
    );
    assert_eq!(s, 200);
    assert!(String::from_utf8(body).unwrap().contains("\"jws\":\"{"));
    assert_eq!(http_get(admin.local_addr(), "/healthz").0, 200);
    drop(admin);
    let log = access_records();
    let records: Vec<Value> = log
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|e| {
            e["fields"]["path"]
                .as_str()
                .is_some_and(|p| p.contains(&id) || p.contains("2026-0950"))
        })
        .collect();
    assert_eq!(records.len(), 3, "{log}");
    assert_eq!(records[2]["fields"]["bodies"], true, "{log}");
    let read = &records[0]["fields"];
    assert_eq!(read["message"], "admin read");
    assert_eq!(read["client"], "127.0.0.1");
    assert_eq!(read["method"], "GET");
    assert_eq!(read["path"], format!("/admin/v1/messages/{id}"));
    assert_eq!(read["bodies"], true);
    assert_eq!(read["status"], 200);
    assert_eq!(
        records[1]["fields"]["path"],
        "/admin/v1/cases/513400-WT-2026-0950"
    );
    assert_eq!(records[1]["fields"]["bodies"], false);
    assert!(!log.contains("/healthz"), "{log}");
    // Nothing of the message: not its signature, not a name from its body.
    let signature = String::from_utf8(msg.clone()).unwrap();
    let signature = signature.split('"').rev().nth(1).unwrap();
    assert!(!log.contains(signature), "{log}");
}

/// A partner's signed message rejected for its envelope is logged with its sender and what
/// was wrong (here: its clock two hours ahead), so the operator knows whom to call; a forged
/// one (its signature does not verify) is logged as from `unverified`, whatever its envelope
/// claims (audit s43 on-call F7).
#[test]
fn a_rejection_names_the_partner_once_its_signature_verified() {
    use labourlink::time::FixedClock;
    access_records();
    let f = start();
    let ahead = FixedClock(SystemClock.now().add_seconds(7200));
    let future = roster_from(&f.liangshan, LS, "513400-WT-2026-0960", &ahead);
    assert_eq!(f.post(&future, "application/jose+json").0, 422);
    let forger = SigningKey::from_seed(&[9; 32], "513400-si-2026a").unwrap();
    let forged = roster_from(&forger, LS, "513400-WT-2026-0961", &SystemClock);
    let (forged_status, _, _) = f.post(&forged, "application/jose+json");
    let ids: Vec<String> = [&future, &forged]
        .iter()
        .map(|m| labourlink_exchange::node::decode_sent(m).unwrap().0.id)
        .collect();
    let log = access_records();
    let line = |id: &str| -> Value {
        log.lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap())
            .find(|e| e["fields"]["id"] == id)
            .unwrap_or_else(|| panic!("{id}: {log}"))
    };
    let future = line(&ids[0]);
    assert_eq!(future["fields"]["code"], "envelope.issued_in_future");
    assert_eq!(future["fields"]["from"], format!("{}/{}", LS.0, LS.1));
    assert!(
        future["fields"]["error"]
            .as_str()
            .is_some_and(|e| e.contains("issued_at")),
        "{future}"
    );
    let forged = line(&ids[1]);
    assert_eq!(forged["fields"]["status"], forged_status, "{forged}");
    assert_eq!(forged["fields"]["from"], "unverified", "{forged}");
    assert_eq!(forged["fields"]["error"], "", "{forged}");
}

/// A failed delivery's log line names the endpoint it tried and when it tries next (audit s43
/// on-call F12: "nothing listens at that address" without the address).
#[test]
fn a_failed_delivery_is_logged_with_its_endpoint_and_next_attempt() {
    access_records();
    let f = start();
    let policy = DeliveryPolicy::default()
        .backoff(Duration::from_secs(60), Duration::from_secs(120))
        .timeout(Duration::from_secs(3))
        .give_up_after(Duration::from_secs(3600));
    let (store, outbox) = sender_outbox_in(&f, "retry-log.db", policy);
    let msg = roster_from(&f.liangshan, LS, "513400-WT-2026-0980", &SystemClock);
    let id = labourlink_exchange::node::decode_sent(&msg).unwrap().0.id;
    labourlink_exchange::outbox::enqueue(
        &store,
        &msg,
        "http://127.0.0.1:9/v1/messages",
        now(),
        &policy,
    )
    .unwrap();
    outbox.run_once(now()).unwrap();
    let log = access_records();
    let line: Value = log
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|e| e["fields"]["id"] == id.as_str())
        .unwrap_or_else(|| panic!("{log}"));
    assert_eq!(
        line["fields"]["message"], "delivery failed, will retry",
        "{line}"
    );
    assert_eq!(
        line["fields"]["endpoint"], "http://127.0.0.1:9/v1/messages",
        "{line}"
    );
    let next = Timestamp::parse(line["fields"]["next_attempt_at"].as_str().unwrap()).unwrap();
    assert!(
        next > now().add_seconds(20),
        "the next attempt, not the one made: {line}"
    );
}

/// A message dated ahead of the sender's clock by more than the leeway is refused before it is
/// queued, naming the clock: the partner would refuse it, and its receipt dated as far ahead
/// made the outbox retry until it gave up, blaming the partner (audit s43 on-call F11).
#[test]
fn a_message_dated_ahead_of_this_clock_is_not_queued() {
    use labourlink::time::FixedClock;
    let f = start();
    let (store, _) = sender_outbox_in(&f, "ahead.db", fast_policy());
    let ahead = FixedClock(SystemClock.now().add_seconds(3600));
    let msg = roster_from(&f.liangshan, LS, "513400-WT-2026-0990", &ahead);
    let e = labourlink_exchange::outbox::enqueue(
        &store,
        &msg,
        &f.url("/v1/messages"),
        now(),
        &fast_policy(),
    )
    .unwrap_err();
    assert_eq!(e.code().as_str(), "envelope.issued_in_future", "{e}");
    assert_eq!(e.path(), Some("/issued_at"));
    assert!(e.message().contains("ahead of this host's clock"), "{e}");
    assert!(store.outbox(&OutboxQuery::all()).unwrap().is_empty());
    // Within the leeway: queued.
    let near = FixedClock(SystemClock.now().add_seconds(120));
    let msg = roster_from(&f.liangshan, LS, "513400-WT-2026-0991", &near);
    labourlink_exchange::outbox::enqueue(
        &store,
        &msg,
        &f.url("/v1/messages"),
        now(),
        &fast_policy(),
    )
    .unwrap();
}

fn loopback_admin() -> labourlink_exchange::AdminConfig {
    labourlink_exchange::AdminConfig::new("127.0.0.1:0".parse().unwrap())
}

/// docs/openapi-admin.json documents exactly `server::ADMIN_ROUTES`, and each route answers on
/// an admin listener with a status the document declares.
#[test]
fn admin_openapi_document_matches_the_admin_routes() {
    let (doc, routes, agent) = documented_routes(
        "openapi-admin.json",
        labourlink_exchange::server::ADMIN_ROUTES,
    );
    let f = start();
    let admin = RunningServer::start_admin(Arc::clone(&f.node), &loopback_admin()).unwrap();
    let mut tried = Vec::new();
    for (_, path) in &routes {
        let concrete = path
            .replace("{case_id}", "513400-WT-2026-0001")
            .replace("{id}", "01a1340f-9980-7f57-9108-b4def719f101");
        let mut urls = vec![concrete.clone()];
        if path == "/admin/v1/cases" {
            urls.push(format!("{concrete}?status=nonsense"));
        }
        for u in urls {
            let status = agent
                .get(&format!("http://{}{u}", admin.local_addr()))
                .call()
                .unwrap()
                .status()
                .as_u16();
            let declared = doc["paths"][path]["get"]["responses"].as_object().unwrap();
            assert!(
                declared.contains_key(&status.to_string()),
                "GET {u}: {status} undocumented"
            );
            tried.push(status);
        }
    }
    assert!(tried.contains(&200) && tried.contains(&400), "{tried:?}");
    admin.stop();
}

/// Serves whatever `body` holds to every GET, as a plain web server publishing the file
/// would (200, `application/octet-stream`), until the test ends.
fn publisher(body: Arc<std::sync::Mutex<Vec<u8>>>) -> SocketAddr {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap();
    std::thread::spawn(move || {
        for c in l.incoming() {
            let Ok(mut c) = c else { continue };
            c.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
            let mut head = Vec::new();
            let mut b = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") && c.read(&mut b).is_ok_and(|n| n == 1) {
                head.push(b[0]);
            }
            let body = body.lock().unwrap().clone();
            let _ = c.write_all(
                format!(
                    // As a plain web server serves a .jws file: the type does not matter,
                    // the bytes are verified against the anchor.
                    "HTTP/1.1 200 OK\r\ncontent-type: application/octet-stream\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                    body.len()
                )
                .as_bytes(),
            );
            let _ = c.write_all(&body);
        }
    });
    addr
}

/// The catalogue's example roster from `from` (signed with `key`) to Ningbo in case `case`,
/// issued at `clock`'s time.
fn roster_from(
    key: &SigningKey,
    from: (&str, &str),
    case: &str,
    clock: &dyn labourlink::time::Clock,
) -> Vec<u8> {
    let doc = Document::builder(
        "worker_transfer.roster",
        Party::new(from.0, from.1),
        Party::new(NB.0, NB.1),
    )
    .case(case, "worker_transfer.placement")
    .body(labourlink::schema::example("worker_transfer.roster").unwrap()["body"].clone())
    .build(clock)
    .unwrap();
    labourlink::sign(&doc.to_value(), &[key])
        .unwrap()
        .into_bytes()
}

/// A trust list of `sequence` signed by the fixture's anchor, with the fixture's Ningbo and
/// Liangshan keys (`with_ningbo`: the node's own receipt key) and `extra` keys.
fn fixture_list(
    sequence: u64,
    with_ningbo: bool,
    extra: &[(&SigningKey, (&str, &str))],
) -> Vec<u8> {
    fixture_list_retiring(sequence, with_ningbo, None, extra)
}

/// [`fixture_list`] with the node's key retired since `retired` (when given).
fn fixture_list_retiring(
    sequence: u64,
    with_ningbo: bool,
    retired: Option<Timestamp>,
    extra: &[(&SigningKey, (&str, &str))],
) -> Vec<u8> {
    fixture_list_due(sequence, with_ningbo, retired, extra, 30, None)
}

/// [`fixture_list_retiring`], due for its next update in `due_days`, with the node's inbox URL
/// `ningbo_endpoint` when given.
fn fixture_list_due(
    sequence: u64,
    with_ningbo: bool,
    retired: Option<Timestamp>,
    extra: &[(&SigningKey, (&str, &str))],
    due_days: i64,
    ningbo_endpoint: Option<&str>,
) -> Vec<u8> {
    fixture_list_edited(
        sequence,
        with_ningbo,
        extra,
        due_days,
        ningbo_endpoint,
        |list| {
            if let Some(since) = retired {
                list.retire("330200-si-2026a", since).unwrap();
            }
        },
    )
}

/// The fixture list, changed by `edit` before it is signed (a key retired or revoked).
fn fixture_list_edited(
    sequence: u64,
    with_ningbo: bool,
    extra: &[(&SigningKey, (&str, &str))],
    due_days: i64,
    ningbo_endpoint: Option<&str>,
    edit: impl FnOnce(&mut TrustList),
) -> Vec<u8> {
    let anchor = SigningKey::from_seed(&[9; 32], "330200-anchor").unwrap();
    fixture_list_signed_by(
        &anchor,
        sequence,
        with_ningbo,
        extra,
        due_days,
        ningbo_endpoint,
        edit,
    )
}

/// [`fixture_list_edited`] signed by `anchor` (another than the fixture's: an anchor rotation).
fn fixture_list_signed_by(
    anchor: &SigningKey,
    sequence: u64,
    with_ningbo: bool,
    extra: &[(&SigningKey, (&str, &str))],
    due_days: i64,
    ningbo_endpoint: Option<&str>,
    edit: impl FnOnce(&mut TrustList),
) -> Vec<u8> {
    let ningbo = SigningKey::from_seed(&[2; 32], "330200-si-2026a").unwrap();
    let liangshan = SigningKey::from_seed(&[1; 32], "513400-hr-2026a").unwrap();
    let t = now();
    let mut list = TrustList::new(sequence, t.add_seconds(due_days * 86_400));
    let mut keys = vec![(&liangshan, LS)];
    if with_ningbo {
        keys.push((&ningbo, NB));
    }
    keys.extend_from_slice(extra);
    for (k, (region, agency)) in keys {
        let mut record = listed(
            k,
            region,
            agency,
            t,
            vec!["receipt".to_owned(), "worker_transfer.*".to_owned()],
        );
        if let (Some(url), true) = (ningbo_endpoint, k.kid() == ningbo.kid()) {
            record = record.with_endpoint(url).unwrap();
        }
        list.add_key(record).unwrap();
    }
    edit(&mut list);
    list.sign(
        anchor,
        Party::new("330200", "330200-trust-anchor"),
        &SystemClock,
    )
    .unwrap()
    .into_bytes()
}

/// A redelivery after the message's maximum age (its first answer lost, an operator's retry
/// after an outage) gets the first receipt again, not a signed, final `envelope.too_old` for a
/// message this inbox holds as accepted (audit s38 time F4); a message never accepted is
/// still refused as too old.
#[test]
fn a_redelivery_after_the_maximum_age_gets_the_first_receipt() {
    let f = start();
    let msg = f.roster(None, "513400-WT-2026-0960", None);
    let first = f.node.receive(&msg, now());
    assert_eq!(first.status, 200);
    let later = now().add_seconds(31 * 86_400);
    let again = f.node.receive(&msg, later);
    assert_eq!(
        again.status,
        200,
        "{}",
        String::from_utf8_lossy(&again.body)
    );
    assert_eq!(again.body, first.body, "the same receipt bytes");
    let never = f.roster(None, "513400-WT-2026-0961", None);
    let refused = f.node.receive(&never, later);
    assert_eq!(refused.status, 422);
    let body = client::read_receipt_unverified(&refused.body, &never).unwrap();
    assert_eq!(body.errors[0].code, "envelope.too_old", "{body:?}");
    // Archived as accepted by another program on the same store (`verify --store`), never
    // answered by this inbox: no receipt on that ground (review s38 F4).
    let elsewhere = f.roster(None, "513400-WT-2026-0962", None);
    let (_, list) = pinned_list(&f);
    let verifier = Verifier::builder()
        .trust_list(list)
        .region(NB.0)
        .build()
        .unwrap();
    f.node
        .store()
        .receive(&verifier, &elsewhere, now())
        .unwrap();
    assert_eq!(f.node.receive(&elsewhere, later).status, 422);
}

/// A redelivery of a message accepted before its signing key was revoked gets the first
/// receipt (200, the same bytes), not a new `422 key.revoked` for a message this inbox holds
/// as accepted (audit s41 keys F3: the sender's outbox then said `rejected`, the receiver's
/// archive `accepted`). A new message signed with the revoked key is refused, and so is a
/// message first seen after the revocation.
#[test]
fn a_redelivery_after_its_key_was_revoked_gets_the_first_receipt() {
    let f = start();
    let msg = f.roster(None, "513400-WT-2026-0970", None);
    let first = f.node.receive(&msg, now());
    assert_eq!(first.status, 200);
    // The archive names the key that signed the message and the one that signed the receipt
    // (what a leaked key signed can be listed: audit s41 keys F4).
    let signers = |jws: &[u8]| {
        let (doc, _) = labourlink_exchange::node::decode_sent(jws).unwrap();
        f.node.store().archived_by_id(&doc.id).unwrap()[0]
            .signers
            .clone()
    };
    assert_eq!(signers(&msg), Some(vec!["513400-hr-2026a".to_owned()]));
    assert_eq!(
        signers(&first.body),
        Some(vec!["330200-si-2026a".to_owned()])
    );
    let revoking = fixture_list_edited(2, true, &[], 30, None, |list| {
        list.revoke("513400-hr-2026a", now().add_seconds(-86_400))
            .unwrap();
    });
    assert!(f.node.update_trust_list(&revoking).unwrap());
    let later = now().add_seconds(60);
    let again = f.node.receive(&msg, later);
    assert_eq!(
        again.status,
        200,
        "{}",
        String::from_utf8_lossy(&again.body)
    );
    assert_eq!(again.body, first.body, "the same receipt bytes");
    for fresh in [
        f.roster(None, "513400-WT-2026-0971", None),
        f.roster(None, "513400-WT-2026-0970", None),
    ] {
        let refused = f.node.receive(&fresh, later);
        assert_eq!(refused.status, 422);
        let body = client::read_receipt_unverified(&refused.body, &fresh).unwrap();
        assert_eq!(body.errors[0].code, "key.revoked", "{body:?}");
    }
}

/// After the node's receipt key leaked and was revoked (EXCHANGE.md: revoke, not retire), a
/// redelivery of a message accepted before gets the same receipt (the first `received_at`)
/// signed again with the node's new key: the archived one, signed with the revoked key, is
/// refused by every sender, whose outbox would have retried until it gave up (audit s41 keys
/// F5). The sender verifies the new receipt against the new list.
#[test]
fn a_receipt_signed_with_a_revoked_key_is_signed_again_for_a_redelivery() {
    let f = start();
    let msg = f.roster(None, "513400-WT-2026-0990", None);
    let first = f.node.receive(&msg, now());
    assert_eq!(first.status, 200);
    let first_body = client::read_receipt_unverified(&first.body, &msg).unwrap();

    // The new key, listed; the old one revoked; the node restarted with the new key.
    let ningbo_b = SigningKey::from_seed(&[5; 32], "330200-si-2026b").unwrap();
    let revoking = fixture_list_edited(2, true, &[(&ningbo_b, NB)], 30, None, |list| {
        list.revoke("330200-si-2026a", now().add_seconds(-60))
            .unwrap();
    });
    std::fs::write(f.dir.join("tl.jws"), &revoking).unwrap();
    std::fs::write(f.dir.join("node-b.pem"), ningbo_b.to_pem().as_bytes()).unwrap();
    let toml = std::fs::read_to_string(f.dir.join("node.toml"))
        .unwrap()
        .replace(
            "path = \"node.pem\"\nkid = \"330200-si-2026a\"",
            "path = \"node-b.pem\"\nkid = \"330200-si-2026b\"",
        );
    assert!(toml.contains("node-b.pem"));
    std::fs::write(f.dir.join("node.toml"), toml).unwrap();
    let node = Node::from_config(&NodeConfig::load(&f.dir.join("node.toml")).unwrap()).unwrap();

    let again = node.receive(&msg, now().add_seconds(120));
    assert_eq!(
        again.status,
        200,
        "{}",
        String::from_utf8_lossy(&again.body)
    );
    assert!(
        again.body != first.body,
        "not the receipt of the revoked key"
    );
    let anchor = labourlink::trust::Anchor::from_jwk(
        &serde_json::from_slice(&std::fs::read(f.dir.join("anchor.jwk")).unwrap()).unwrap(),
    )
    .unwrap();
    let list = TrustList::load(&revoking, &[anchor], &SystemClock, DEFAULT_GRACE_SECONDS).unwrap();
    let sender = Verifier::builder()
        .trust_list(list)
        .region(LS.0)
        .agency(LS.1)
        .build()
        .unwrap();
    assert_eq!(
        client::check_receipt(&sender, &first.body, &msg)
            .unwrap_err()
            .code(),
        labourlink::ErrorCode::KeyRevoked,
        "the archived receipt no sender accepts now"
    );
    let checked = client::check_receipt(&sender, &again.body, &msg).unwrap();
    assert!(checked.body.accepted);
    // The first `received_at`, to the millisecond the archive keeps.
    let millis = |t: &Option<String>| {
        Timestamp::parse(t.as_deref().unwrap())
            .unwrap()
            .unix_millis()
    };
    assert_eq!(
        millis(&checked.body.received_at),
        millis(&first_body.received_at)
    );
    // Only for a message that verifies now: once its signer's key is revoked too, the
    // redelivery gets the first receipt as it was, never a new signature under the node's
    // current key (review s41 F4: a forged message accepted before a leak was found would
    // otherwise be vouched for again).
    let both = fixture_list_edited(3, true, &[(&ningbo_b, NB)], 30, None, |list| {
        list.revoke("330200-si-2026a", now().add_seconds(-60))
            .unwrap();
        list.revoke("513400-hr-2026a", now().add_seconds(-60))
            .unwrap();
    });
    assert!(node.update_trust_list(&both).unwrap());
    let late = node.receive(&msg, now().add_seconds(180));
    assert_eq!(late.status, 200);
    assert!(
        late.body == first.body,
        "the archived receipt, not signed again"
    );
}

/// A node whose receipt key the trust list revokes from a later date is not ready now: a
/// revoked key verifies nothing whatever the date (LL-KEY-003), so every sender would refuse
/// the receipts it signs (audit s41 keys F2: the node committed messages and answered 200
/// with receipts nobody accepted). A key retired from a later date still signs until then.
#[test]
fn a_receipt_key_revoked_from_a_later_date_is_not_usable_now() {
    let f = start();
    let revoked = fixture_list_edited(2, true, &[], 30, None, |list| {
        list.revoke("330200-si-2026a", now().add_seconds(86_400))
            .unwrap();
    });
    assert!(f.node.update_trust_list(&revoked).unwrap());
    let e = f.node.receipt_keys_usable(now()).unwrap_err();
    assert!(e.message().contains("revoked"), "{e}");
    assert!(e.message().contains("whatever the date"), "{e}");
    let msg = f.roster(None, "513400-WT-2026-0972", None);
    assert_eq!(f.node.receive(&msg, now()).status, 503);
    // (A revocation cannot be undone: the retired case on a node of its own.)
    let g = start();
    let retired = fixture_list_retiring(2, true, Some(now().add_seconds(86_400)), &[]);
    assert!(g.node.update_trust_list(&retired).unwrap());
    g.node.receipt_keys_usable(now()).unwrap();
    assert_eq!(g.node.receive(&msg, now()).status, 200);
}

/// A node that refreshed its trust list from `trust_list.url` restarts on the store's list
/// when its file has gone stale meanwhile (the refresh never rewrites the file): the restart
/// had failed with `trust_list.stale` although the store held a fresh list (audit s38
/// long-run F1). With neither loading, the start still fails.
#[test]
fn a_node_restarts_on_the_stores_list_when_its_file_is_stale() {
    let f = start();
    let two = fixture_list(2, true, &[]);
    assert!(f.node.update_trust_list(&two).unwrap());
    // The file: a list long past its next update (and grace).
    let anchor = SigningKey::from_seed(&[9; 32], "330200-anchor").unwrap();
    let stale = TrustList::new(1, now().add_seconds(-30 * 86_400))
        .sign(
            &anchor,
            Party::new("330200", "330200-trust-anchor"),
            &labourlink::time::FixedClock(now().add_seconds(-40 * 86_400)),
        )
        .unwrap();
    std::fs::write(f.dir.join("tl.jws"), &stale).unwrap();
    let cfg = NodeConfig::load(&f.dir.join("node.toml")).unwrap();
    let node = Node::from_config(&cfg).unwrap();
    assert_eq!(node.trust_store().current().sequence, 2);
    drop(node);
    // A file that does not verify is not passed over for the store's list: it may carry a
    // revocation (review s38 F1). Altered, and signed by an anchor the node does not pin.
    let mut altered = fixture_list(3, true, &[]);
    let at = altered.len() - 10;
    altered[at] = if altered[at] == b'A' { b'B' } else { b'A' };
    let stranger = SigningKey::from_seed(&[8; 32], "330200-anchor").unwrap();
    let foreign = TrustList::new(3, now().add_seconds(86_400))
        .sign(
            &stranger,
            Party::new("330200", "330200-trust-anchor"),
            &SystemClock,
        )
        .unwrap();
    for (name, bad) in [("altered", altered), ("foreign", foreign.into_bytes())] {
        std::fs::write(f.dir.join("tl.jws"), &bad).unwrap();
        let e = Node::from_config(&cfg).err().unwrap();
        assert_ne!(e.code().as_str(), "trust_list.stale", "{name}: {e}");
    }
}

/// A receipt is dated no earlier than the message it acknowledges (within the leeway), so a
/// message from a sender whose clock is ahead would get a receipt dated after the node key's
/// scheduled retirement — refused by the sender, and archived, so every redelivery got the
/// same unverifiable bytes (audit s38 time F2). The key is checked at the receipt's own date:
/// such a message is answered 503 and nothing is stored; one the key can still answer is
/// accepted.
#[test]
fn no_receipt_is_dated_after_the_node_keys_retirement() {
    let f = start();
    let list = fixture_list_retiring(2, true, Some(now().add_seconds(40)), &[]);
    assert!(f.node.update_trust_list(&list).unwrap());
    let ahead = roster_from(
        &f.liangshan,
        LS,
        "513400-WT-2026-0950",
        &labourlink::time::FixedClock(now().add_seconds(200)),
    );
    let a = f.node.receive(&ahead, now());
    assert_eq!(a.status, 503, "{}", String::from_utf8_lossy(&a.body));
    let (doc, _) = labourlink_exchange::node::decode_sent(&ahead).unwrap();
    assert!(
        f.node.store().archived_by_id(&doc.id).is_err(),
        "nothing stored"
    );
    let on_time = f.roster(None, "513400-WT-2026-0951", None);
    assert_eq!(f.node.receive(&on_time, now()).status, 200);
}

/// The node's trust-list refresh (`[trust_list] url`, `Node::refresh_trust_list`): a newer
/// list is taken hot (published at once, and a key only it lists verifies); an older one
/// (rollback), an unreachable publisher and garbage are refused with their codes, and the
/// last good list stays in use each time. A newer list that no longer vouches for the node's
/// receipt key (removed, or retired) is taken — its revocations must apply — and the node
/// answers 503 (and `/healthz` 503) until a list vouches for its key again: a receipt
/// signed with a retired key would be refused by every sender, redeliveries included.
#[test]
fn node_refreshes_its_trust_list_and_keeps_the_last_good_one() {
    let f = start();
    let published = Arc::new(std::sync::Mutex::new(Vec::new()));
    let url = format!("http://{}/trust-list", publisher(Arc::clone(&published)));
    let digest = |jws: &[u8]| {
        let (_, d) = labourlink_exchange::node::decode_sent(jws).unwrap();
        d
    };
    // A message from a partner only list 2 names: refused under list 1.
    let qianxinan = SigningKey::from_seed(&[4; 32], "522300-hr-2026a").unwrap();
    let qxn = ("522300", "11522300MB0000000X");
    let from_qxn = roster_from(&qianxinan, qxn, "522300-WT-2026-0001", &SystemClock);
    let (status, _, _) = f.post(&from_qxn, "application/jose+json");
    assert_eq!(status, 422, "a key no list names yet");
    let metrics = || String::from_utf8(f.get("/metrics", None).2).unwrap();
    assert!(
        !metrics().contains("labourlink_trust_list_last_refresh"),
        "no refresh attempted yet: no gauge an alert would read as 'never'"
    );

    // List 2 (Qianxinan added): taken, published, used.
    let two = fixture_list(2, true, &[(&qianxinan, qxn)]);
    *published.lock().unwrap() = two.clone();
    assert!(
        f.node.refresh_trust_list(&url).unwrap(),
        "a newer list is taken"
    );
    assert_eq!(f.node.trust_list().1, digest(&two));
    let (status, _, body) = f.get("/v1/trust-list", None);
    assert_eq!((status, body), (200, two.clone()), "published at once");
    let (status, _, receipt) = f.post(&from_qxn, "application/jose+json");
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&receipt));
    // The same list again: nothing changes.
    assert!(!f.node.refresh_trust_list(&url).unwrap());

    // Each refusal keeps list 2.
    let refusals: [(Vec<u8>, &str); 2] = [
        (fixture_list(1, true, &[]), "trust_list.rollback"),
        (b"not a trust list".to_vec(), "json.syntax"),
    ];
    for (jws, code) in refusals {
        *published.lock().unwrap() = jws;
        let e = f.node.refresh_trust_list(&url).unwrap_err();
        assert_eq!(e.code().as_str(), code, "{e}");
        assert_eq!(
            f.node.trust_list().1,
            digest(&two),
            "{code}: the last good list stays"
        );
    }
    let e = f
        .node
        .refresh_trust_list("http://127.0.0.1:9/trust-list")
        .unwrap_err();
    assert_eq!(e.code().as_str(), "exchange.unreachable");
    assert_eq!(f.node.trust_list().1, digest(&two));
    // Each failure is counted by code, and the last success stays where it was: a failing
    // refresh shows on a dashboard, not only in a log line (audit s43 on-call F1).
    let m = metrics();
    for code in ["trust_list.rollback", "json.syntax", "exchange.unreachable"] {
        assert!(
            m.contains(&format!(
                "labourlink_trust_list_refresh_failures_total{{code=\"{code}\"}} 1\n"
            )),
            "{m}"
        );
    }
    let last: i64 = m
        .lines()
        .find_map(|l| {
            l.strip_prefix("labourlink_trust_list_last_refresh_success_timestamp_seconds ")
        })
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        (SystemClock.now().unix_seconds() - last).abs() < 60,
        "the refreshes of list 2 succeeded just now: {last}"
    );
    // Verification went on under list 2 throughout.
    let again = f.roster(None, "513400-WT-2026-0002", None);
    let (status, _, _) = f.post(&again, "application/jose+json");
    assert_eq!(status, 200);

    // List 3 without the node's key, list 4 retiring it since a minute ago: taken, and
    // nothing is received (503, nothing verified or stored) while they are in force.
    let lists = [
        fixture_list(3, false, &[(&qianxinan, qxn)]),
        fixture_list_retiring(4, true, Some(now().add_seconds(-60)), &[]),
    ];
    for (i, list) in lists.iter().enumerate() {
        *published.lock().unwrap() = list.clone();
        assert!(f.node.refresh_trust_list(&url).unwrap(), "list {}", i + 3);
        assert_eq!(f.node.trust_list().1, digest(list));
        let msg = f.roster(None, &format!("513400-WT-2026-001{i}"), None);
        let (status, _, body) = f.post(&msg, "application/jose+json");
        assert_eq!(status, 503, "list {}", i + 3);
        assert_eq!(problem_code(&body), "exchange.overloaded");
        let (status, _, body) = f.get("/healthz", None);
        assert_eq!(status, 503);
        let text = String::from_utf8(body).unwrap();
        assert!(text.contains("330200-si-2026a"), "{text}");
        let (_, _, metrics) = f.get("/metrics", None);
        let m = String::from_utf8(metrics).unwrap();
        assert!(m.contains("labourlink_receipt_key_usable 0\n"), "{m}");
        // A key whose end has passed is not among the keys ending soon.
        assert!(
            !m.contains(
                "labourlink_trust_list_key_usable_until_timestamp_seconds{region=\"330200\""
            ),
            "{m}"
        );
        assert!(
            m.contains(&format!("labourlink_trust_list_sequence {}\n", i + 3)),
            "{m}"
        );
    }
    // Retired only from tomorrow (a scheduled rollover): receipts until then are valid.
    let tomorrow = now().add_seconds(86_400);
    let five = fixture_list_retiring(5, true, Some(tomorrow), &[]);
    *published.lock().unwrap() = five.clone();
    assert!(f.node.refresh_trust_list(&url).unwrap());
    let (status, _, _) = f.post(&again, "application/jose+json");
    assert_eq!(status, 200, "a redelivery gets its receipt again");
    let (status, _, _) = f.get("/healthz", None);
    assert_eq!(status, 200);
    // … and /metrics says when it ends, for an alert before the day (audit s43 on-call F3).
    let (_, _, metrics) = f.get("/metrics", None);
    let m = String::from_utf8(metrics).unwrap();
    assert!(
        m.contains(&format!(
            "labourlink_receipt_key_usable_until_timestamp_seconds{{kid=\"330200-si-2026a\"}} {}\n",
            tomorrow.unix_seconds()
        )) && m.contains("labourlink_receipt_key_usable 1\n"),
        "{m}"
    );
    // The same for every key of the list whose end is to come, partners' included.
    assert!(
        m.contains(&format!(
            "labourlink_trust_list_key_usable_until_timestamp_seconds{{region=\"330200\",kid=\"330200-si-2026a\"}} {}\n",
            tomorrow.unix_seconds()
        )),
        "{m}"
    );
    // A node started again on the same store refuses list 1 too: the sequence is kept.
    let store = Store::open(&format!("sqlite://{}", f.dir.join("store.db").display())).unwrap();
    assert_eq!(store.trust_list(None).unwrap().unwrap().sequence, 5);
    drop(store);
    // A node does not start on a list that retires its own key.
    let retired = fixture_list_retiring(6, true, Some(now().add_seconds(-60)), &[]);
    std::fs::write(f.dir.join("tl.jws"), &retired).unwrap();
    let cfg = NodeConfig::load(&f.dir.join("node.toml")).unwrap();
    let e = Node::from_config(&cfg).err().unwrap();
    assert!(
        e.message()
            .contains("marks this node's receipt key '330200-si-2026a' retired since"),
        "{}",
        e.message()
    );
    // The refused start left no trace, and a file older than the list the store accepted
    // last (the node refreshed past it) does not stop a restart: the store's list is used.
    std::fs::write(f.dir.join("tl.jws"), &two).unwrap();
    let again = Node::from_config(&cfg).unwrap();
    assert_eq!(again.trust_list().1, digest(&five));
}

/// An anchor rotation without a switch day: a node that pins the new anchor beside the old one
/// (`next_anchors`) takes a list signed by either — at start, by refresh, from its store after
/// a restart — while a node pinning only the old anchor refuses the new anchor's list; the
/// sequence still only grows across the two anchors, and an anchor pinned twice is refused.
#[test]
fn an_anchor_rotation_pins_the_new_anchor_beside_the_old() {
    let f = start();
    let next = SigningKey::from_seed(&[10; 32], "330200-anchor-2027").unwrap();
    let mut jwk = next.verifying_key().to_jwk();
    jwk["kid"] = "330200-anchor-2027".into();
    std::fs::write(f.dir.join("anchor-2027.jwk"), jwk.to_string()).unwrap();
    let published = Arc::new(std::sync::Mutex::new(Vec::new()));
    let url = format!("http://{}/trust-list", publisher(Arc::clone(&published)));
    let by_next = |sequence| fixture_list_signed_by(&next, sequence, true, &[], 30, None, |_| {});
    // The fixture's node pins only the old anchor: the new anchor's list is refused.
    *published.lock().unwrap() = by_next(2);
    let e = f.node.refresh_trust_list(&url).unwrap_err();
    assert_eq!(e.code().as_str(), "trust_list.untrusted_anchor", "{e}");
    // The same node configured with the new anchor pinned too.
    let toml = std::fs::read_to_string(f.dir.join("node.toml")).unwrap();
    let rotating = toml.replace(
        "anchor = \"anchor.jwk\"\n",
        "anchor = \"anchor.jwk\"\nnext_anchors = [\"anchor-2027.jwk\"]\n",
    );
    assert_ne!(rotating, toml);
    std::fs::write(f.dir.join("node.toml"), &rotating).unwrap();
    let cfg = NodeConfig::load(&f.dir.join("node.toml")).unwrap();
    let node = Node::from_config(&cfg).unwrap();
    assert_eq!(
        node.trust_store().current().sequence,
        1,
        "the old anchor's file"
    );
    assert!(
        node.refresh_trust_list(&url).unwrap(),
        "the new anchor's list"
    );
    assert_eq!(node.trust_store().current().sequence, 2);
    // Back to the old anchor with a lower sequence: a rollback across the anchors.
    *published.lock().unwrap() = fixture_list(1, true, &[]);
    let e = node.refresh_trust_list(&url).unwrap_err();
    assert_eq!(e.code().as_str(), "trust_list.rollback", "{e}");
    // The old anchor signs list 3: taken too (the holder has not switched for good yet).
    *published.lock().unwrap() = fixture_list(3, true, &[]);
    assert!(node.refresh_trust_list(&url).unwrap());
    drop(node);
    // A restart on the file (the old anchor's list 1) takes the newest list the store holds
    // of either anchor; list 4 of the new anchor in the file is taken as it is.
    let node = Node::from_config(&cfg).unwrap();
    assert_eq!(node.trust_store().current().sequence, 3);
    drop(node);
    std::fs::write(f.dir.join("tl.jws"), by_next(4)).unwrap();
    let node = Node::from_config(&cfg).unwrap();
    assert_eq!(node.trust_store().current().sequence, 4);
    let b4 = node.trust_list().1;
    drop(node);
    // The old anchor's list of the same sequence in the file: the store's (the new anchor's) is
    // used, not refused at start as a rollback (audit s42 drill F3).
    std::fs::write(f.dir.join("tl.jws"), fixture_list(4, true, &[])).unwrap();
    let node = Node::from_config(&cfg).unwrap();
    assert_eq!(node.trust_list().1, b4);
    drop(node);
    // Step 4 of the rotation: the new anchor alone, the file still the old anchor's — refused
    // with how to bring the file up to date (audit s42 drill F4).
    std::fs::write(
        f.dir.join("node.toml"),
        toml.replace(
            "anchor = \"anchor.jwk\"\n",
            "anchor = \"anchor-2027.jwk\"\n",
        ),
    )
    .unwrap();
    let only_new = NodeConfig::load(&f.dir.join("node.toml")).unwrap();
    let e = Node::from_config(&only_new).err().unwrap();
    assert_eq!(e.code().as_str(), "trust_list.untrusted_anchor");
    assert!(
        e.message().contains("update the file first") && e.message().contains("list 4"),
        "{e}"
    );
    // One anchor pinned twice (the same file, or two keys under one kid): refused at start.
    std::fs::write(
        f.dir.join("node.toml"),
        toml.replace(
            "anchor = \"anchor.jwk\"\n",
            "anchor = \"anchor.jwk\"\nnext_anchors = [\"anchor.jwk\"]\n",
        ),
    )
    .unwrap();
    let cfg = NodeConfig::load(&f.dir.join("node.toml")).unwrap();
    let e = Node::from_config(&cfg).err().unwrap();
    assert_eq!(e.code().as_str(), "input.invalid");
    assert!(e.message().contains("pinned twice"), "{e}");
}

/// A 400 `exchange.body_incomplete` (the inbox read less than was sent: a proxy cut the body)
/// is worth another attempt; any other 400 is final.
#[test]
fn a_body_the_inbox_got_incomplete_is_sent_again() {
    let f = start();
    let msg = f.roster(None, "513400-WT-2026-0001", None);
    let (front_addr, proxy) = stand_in(
        f.addr(),
        |c, req, backend| {
            // Forward the head and part of the body, then stop sending.
            let mut b = TcpStream::connect(backend).unwrap();
            b.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
            b.write_all(&req[..req.len() - 200]).unwrap();
            b.shutdown(std::net::Shutdown::Write).unwrap();
            let mut out = Vec::new();
            let _ = b.read_to_end(&mut out);
            c.write_all(&out).unwrap();
        },
        || {},
    );
    delivered_on_the_second_attempt(front_addr, proxy, &msg, Duration::from_millis(100));
    // Any other 400 is final: not a message at all.
    let e = client::deliver(
        &f.url("/v1/messages"),
        b"{\"payload\": 1}",
        &SendOptions::default().attempts(3),
    )
    .unwrap_err();
    assert_eq!(e.code().as_str(), "exchange.bad_response", "{e}");
    // The inbox's explanation (code, place, message) and what to do next are in the message.
    assert!(
        e.message()
            .contains("without a receipt (its code: jws.malformed at /payload: ")
            && e.message().contains("fix the document or the inbox URL"),
        "{e}"
    );
}

/// A node with `[trust_list] url` takes the published list before it serves
/// (`Background::start` fetches it once): started with an older list file, it no longer
/// accepts, until its first periodic refresh, a message signed with a key the published list
/// revoked (audit s41 keys F1). An unreachable publisher does not stop the start: the node
/// serves with the list it has.
#[test]
fn a_node_takes_the_published_list_before_it_serves() {
    let f = start();
    let revoking = fixture_list_edited(2, true, &[], 30, None, |list| {
        list.revoke("513400-hr-2026a", now().add_seconds(-86_400))
            .unwrap();
    });
    let published = Arc::new(std::sync::Mutex::new(revoking.clone()));
    let mut cfg = NodeConfig::load(&f.dir.join("node.toml")).unwrap();
    cfg.outbox.enabled = false;
    cfg.purge.every_seconds = 0;
    cfg.trust_list.refresh_seconds = 3_600;

    // The publisher down: the start goes on with list 1, which still lists the key.
    cfg.trust_list.url = Some("http://127.0.0.1:9/trust-list".to_owned());
    let t0 = Instant::now();
    labourlink_exchange::outbox::Background::start(&f.node, &cfg)
        .unwrap()
        .stop();
    assert!(t0.elapsed() < labourlink_exchange::outbox::START_REFRESH_TIMEOUT);
    assert_eq!(f.node.trust_store().current().sequence, 1);

    cfg.trust_list.url = Some(format!("http://{}/trust-list", publisher(published)));
    let background = labourlink_exchange::outbox::Background::start(&f.node, &cfg).unwrap();
    // No waiting for a refresh: the list is in use when `start` returns.
    assert_eq!(f.node.trust_store().current().sequence, 2);
    let msg = f.roster(None, "513400-WT-2026-0980", None);
    let refused = f.node.receive(&msg, now());
    assert_eq!(refused.status, 422);
    let body = client::read_receipt_unverified(&refused.body, &msg).unwrap();
    assert_eq!(body.errors[0].code, "key.revoked", "{body:?}");
    background.stop();
}

/// A list past its `next_update` is overdue through the grace period (the node still serves
/// and `/healthz` is green, so the refresher logs a WARN with these dates: audit s41 keys F8),
/// and not once it is current again.
#[test]
fn an_overdue_trust_list_is_reported_until_it_is_renewed() {
    let f = start();
    assert_eq!(f.node.trust_list_overdue(now()), None);
    let overdue = fixture_list_due(2, true, None, &[], -1, None);
    assert!(f.node.update_trust_list(&overdue).unwrap());
    let (sequence, next_update, stale_at) = f.node.trust_list_overdue(now()).unwrap();
    assert_eq!(sequence, 2);
    assert!(next_update < now());
    assert_eq!(stale_at, next_update.add_seconds(DEFAULT_GRACE_SECONDS));
    assert_eq!(
        f.node.trust_list_overdue(stale_at.add_seconds(1)),
        None,
        "stale: ready() says so"
    );
    let renewed = fixture_list_due(3, true, None, &[], 30, None);
    assert!(f.node.update_trust_list(&renewed).unwrap());
    assert_eq!(f.node.trust_list_overdue(now()), None);
}

/// The node purges its own store (`[purge]`, `Background::start`, at the start and then on
/// schedule) as of a day before the clock: a replay record past that goes, one whose
/// keep-until passed less than a day ago stays (a clock set ahead by hours cannot drop it),
/// and so does a live one; `/metrics` counts what went; `every_seconds = 0` turns it off.
#[test]
fn the_node_purges_its_store_a_day_behind_the_clock() {
    use labourlink::verify::{ReplayGuard as _, ReplayKey};
    use labourlink_store::{Direction, NewMessage};
    let f = start();
    let store = f.node.store();
    let ago = |days: f64| now().add_seconds(-(days * 86_400.0) as i64);
    // A message archived 40 days ago, its body past a 30-day retention.
    let old = f.roster(None, "513400-WT-2026-0001", None);
    store
        .archive(&NewMessage::from_jws(Direction::Received, &old, ago(40.0)).unwrap())
        .unwrap();
    let (old_doc, _) = labourlink_exchange::node::decode_sent(&old).unwrap();
    for (id, keep_until) in [("old", ago(2.0)), ("recent", ago(0.5)), ("live", ago(-1.0))] {
        let key = ReplayKey {
            region: "513400",
            agency: "LS-SI",
            id,
        };
        store
            .check_and_record(&key, "d", ago(40.0), keep_until)
            .unwrap();
    }
    let metric = |name: &str| {
        let (_, _, body) = f.get("/metrics", None);
        let text = String::from_utf8(body).unwrap();
        text.lines()
            .find_map(|l| l.strip_prefix(name)?.strip_prefix(' ')?.parse::<i64>().ok())
            .unwrap_or_else(|| panic!("{name} not in {text}"))
    };
    let last = "labourlink_store_last_purge_timestamp_seconds";
    let mut cfg = NodeConfig::load(&f.dir.join("node.toml")).unwrap();
    cfg.outbox.enabled = false;
    cfg.purge.every_seconds = 0;
    cfg.purge.retention_days = Some(30);
    let off = labourlink_exchange::outbox::Background::start(&f.node, &cfg).unwrap();
    // Time enough for a purge at the start, if there were one.
    std::thread::sleep(Duration::from_millis(500));
    off.stop();
    assert_eq!(metric(last), 0, "every_seconds = 0: no purge");
    cfg.purge.every_seconds = 3_600;
    let background = labourlink_exchange::outbox::Background::start(&f.node, &cfg).unwrap();
    let t0 = Instant::now();
    while metric(last) == 0 {
        assert!(
            t0.elapsed() < Duration::from_secs(30),
            "no purge at the start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    background.stop();
    assert!(metric(last) >= now().unix_seconds() - 60);
    assert_eq!(
        metric("labourlink_store_purged_total{kind=\"replay_records\"}"),
        1,
        "only the record past the margin"
    );
    // The body went, noted as purged now (the day's margin is for replay records only).
    let purged = store
        .archived(
            Direction::Received,
            "513400",
            old_doc.from.agency.as_str(),
            old_doc.id.as_str(),
        )
        .unwrap()
        .unwrap();
    assert_eq!(purged.jws, None);
    assert!(purged.body_purged_at.unwrap() >= now().add_seconds(-60));
    assert_eq!(metric("labourlink_store_purged_total{kind=\"bodies\"}"), 1);
    // What is left past its keep-until now is the recent record alone.
    let r = store
        .purge(now(), labourlink_store::PurgeOptions::default())
        .unwrap();
    assert_eq!(r.replay_records, 1);
    // The configuration refuses a purge so frequent it would be a load, and retention 0.
    let base = std::fs::read_to_string(f.dir.join("node.toml")).unwrap();
    for bad in ["every_seconds = 5", "retention_days = 0"] {
        let e = NodeConfig::from_toml(&format!("{base}\n[purge]\n{bad}\n"), &f.dir).unwrap_err();
        assert!(e.message().contains("[purge]"), "{bad}: {}", e.message());
    }
    let cfg = NodeConfig::from_toml(
        &format!("{base}\n[purge]\nevery_seconds = 0\nretention_days = 1825\n"),
        &f.dir,
    )
    .unwrap();
    assert_eq!(cfg.purge.retention_days, Some(1825));
}

/// A rebuilt host whose clock runs months ahead does not purge, as of that clock, what its
/// store still needs (audit s42 DR F1): the node purges no later than a day past the newest
/// thing its store recorded, so a live replay record and a body inside the retention period
/// stay; with the clock right again the purge is the usual one.
#[test]
fn a_clock_months_ahead_purges_nothing_the_store_still_needs() {
    use labourlink::verify::{ReplayGuard as _, ReplayKey};
    use labourlink_store::{Direction, NewMessage};
    let f = start();
    let store = f.node.store();
    let msg = f.roster(None, "513400-WT-2026-0001", None);
    store
        .archive(&NewMessage::from_jws(Direction::Received, &msg, now()).unwrap())
        .unwrap();
    let key = ReplayKey {
        region: "513400",
        agency: "LS-SI",
        id: "live",
    };
    store
        .check_and_record(&key, "d", now(), now().add_seconds(35 * 86_400))
        .unwrap();
    let stop = std::sync::atomic::AtomicBool::new(false);
    let ahead = now().add_seconds(150 * 86_400);
    // What the node writes by its own (wrong) clock does not move the bound: garbage anyone
    // can post, quarantined at that time (audit s42 drill F2, review F1).
    let junk = labourlink::Error::new(labourlink::ErrorCode::JsonSyntax, "junk");
    store.quarantine(b"junk", &junk, ahead).unwrap();
    let mut retention = labourlink_exchange::PurgeConfig::default();
    retention.retention_days = Some(90);
    let r = labourlink_exchange::outbox::purge_store(&f.node, &retention, ahead, &stop).unwrap();
    assert_eq!((r.replay_records, r.bodies), (0, 0), "{r:?}");
    let e = store
        .check_and_record(&key, "d", now(), now().add_seconds(35 * 86_400))
        .unwrap_err();
    assert_eq!(e.code().as_str(), "replay.duplicate");
    let (doc, _) = labourlink_exchange::node::decode_sent(&msg).unwrap();
    let kept = store
        .archived(
            Direction::Received,
            "513400",
            doc.from.agency.as_str(),
            doc.id.as_str(),
        )
        .unwrap()
        .unwrap();
    assert!(
        kept.jws.is_some(),
        "the body inside the retention period stays"
    );
    // The store's own answer: as of a day past its newest record.
    let (as_of, newest) = store.purge_time(ahead).unwrap();
    assert!(newest.unwrap() >= now().add_seconds(-60));
    assert_eq!(as_of, newest.unwrap().add_seconds(86_400));
    let n = now();
    assert_eq!(store.purge_time(n).unwrap().0, n);
}

/// The node's own outbox worker (`[outbox]`, `Background::start`, as `labourlink serve` runs
/// it): it delivers what is queued in the node's store, and what cannot be delivered in time
/// becomes undeliverable; `/metrics` shows both states and the latency histogram.
#[test]
fn the_nodes_outbox_worker_delivers_and_metrics_surface_the_undeliverable() {
    let f = start();
    let mut cfg = NodeConfig::load(&f.dir.join("node.toml")).unwrap();
    cfg.outbox.enabled = true;
    cfg.outbox.poll_seconds = 1;
    let background = labourlink_exchange::outbox::Background::start(&f.node, &cfg).unwrap();
    let store = f.node.store();
    // One message for this node's own inbox (answered with a receipt the worker verifies),
    // one for an address nobody answers, given up after a second.
    let deliverable = f.roster(None, "513400-WT-2026-0001", None);
    let lost = f.roster(None, "513400-WT-2026-0002", None);
    let policy = DeliveryPolicy::default();
    labourlink_exchange::outbox::enqueue(
        store,
        &deliverable,
        &f.url("/v1/messages"),
        now(),
        &policy,
    )
    .unwrap();
    labourlink_exchange::outbox::enqueue(
        store,
        &lost,
        "http://127.0.0.1:9/v1/messages",
        now(),
        &policy.give_up_after(Duration::from_secs(1)),
    )
    .unwrap();
    let state_count = |state: OutboxState| {
        store
            .outbox_counts()
            .unwrap()
            .into_iter()
            .find(|(s, _)| *s == state)
            .map_or(0, |(_, n)| n)
    };
    let t0 = Instant::now();
    while (state_count(OutboxState::Delivered) < 1 || state_count(OutboxState::Undeliverable) < 1)
        && t0.elapsed() < Duration::from_secs(30)
    {
        std::thread::sleep(Duration::from_millis(50));
    }
    background.stop();
    assert_eq!(state_count(OutboxState::Delivered), 1);
    assert_eq!(state_count(OutboxState::Undeliverable), 1);
    let (_, _, metrics) = f.get("/metrics", None);
    let m = String::from_utf8(metrics).unwrap();
    for line in [
        "labourlink_outbox_messages{state=\"delivered\"} 1\n",
        "labourlink_outbox_messages{state=\"undeliverable\"} 1\n",
        "labourlink_messages_accepted_total 1\n",
        "labourlink_receive_seconds_count 1\n",
        "labourlink_trust_list_sequence 1\n",
        "labourlink_receipt_key_usable 1\n",
        "labourlink_trust_list_next_update_seconds ",
    ] {
        assert!(m.contains(line), "{line} not in {m}");
    }
    assert!(
        m.contains("labourlink_receive_seconds_bucket{le=\"+Inf\"} 1\n"),
        "{m}"
    );
    // Nothing pending: no age to show. A message waiting for a partner that does not answer:
    // how long it has waited and how long until it is given up (audit s43 on-call F4).
    assert!(
        !m.contains("labourlink_outbox_oldest_pending_age_seconds"),
        "{m}"
    );
    // Signed and queued ten minutes ago.
    let ten_ago = labourlink::time::FixedClock(now().add_seconds(-600));
    let waiting = roster_from(&f.liangshan, LS, "513400-WT-2026-0003", &ten_ago);
    labourlink_exchange::outbox::enqueue(
        store,
        &waiting,
        "http://127.0.0.1:9/v1/messages",
        now().add_seconds(-600),
        &policy.give_up_after(Duration::from_secs(3600)),
    )
    .unwrap();
    let (_, _, metrics) = f.get("/metrics", None);
    let m = String::from_utf8(metrics).unwrap();
    let gauge = |name: &str| -> i64 {
        m.lines()
            .find_map(|l| l.strip_prefix(name)?.strip_prefix(' ')?.parse().ok())
            .unwrap_or_else(|| panic!("{name} not in {m}"))
    };
    // The store's size, to watch its growth beside the disk's free space (on-call F10).
    assert!(gauge("labourlink_store_size_bytes") > 0, "{m}");
    let age = gauge("labourlink_outbox_oldest_pending_age_seconds");
    let left = gauge("labourlink_outbox_next_give_up_seconds");
    assert!((599..=660).contains(&age), "{age}");
    assert!((2900..=3001).contains(&left), "{left}");
}

/// One address holds at most a sixteenth of `max_connections` (at least 16): its seventeenth
/// connection is refused while other slots are free, so one client cannot take them all; a
/// trusted proxy, which carries many clients, is not capped — also on a dual-stack listener
/// (`[::]:…`), where the proxy's IPv4 address arrives as `::ffff:127.0.0.1` (it was capped
/// there, as an untrusted client, and its clients shared one rate bucket).
#[test]
fn one_address_holds_a_share_of_the_connections() {
    let trusted = "trusted_proxies = [\"127.0.0.1\"]\n";
    for (proxy, capped, dual_stack) in [
        ("", true, false),
        (trusted, false, false),
        (trusted, false, true),
    ] {
        // A [::] listener that also takes IPv4 (not so with bindv6only = 1, or without IPv6).
        let dual = || {
            let l = std::net::TcpListener::bind("[::]:0").ok()?;
            let port = l.local_addr().ok()?.port();
            TcpStream::connect(SocketAddr::from(([127, 0, 0, 1], port))).ok()
        };
        if dual_stack && dual().is_none() {
            eprintln!("SKIP the dual-stack case: no [::] listener here takes IPv4");
            continue;
        }
        let listen = if dual_stack {
            "listen = \"[::]:0\"\n"
        } else {
            ""
        };
        let f = start_full(
            64,
            false,
            &format!("{proxy}{listen}max_connections = 64\nheader_read_timeout_seconds = 60\n"),
        );
        // Over IPv4 in every case (on the dual-stack listener as a mapped address).
        let at = SocketAddr::from(([127, 0, 0, 1], f.addr().port()));
        let idle: Vec<TcpStream> = (0..16).map(|_| TcpStream::connect(at).unwrap()).collect();
        std::thread::sleep(Duration::from_millis(300));
        let answer = raw_at(
            at,
            b"GET /healthz HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n",
            Duration::from_secs(5),
        );
        if capped {
            assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
        } else {
            assert!(answer.starts_with("HTTP/1.1 200"), "{dual_stack}: {answer}");
        }
        drop(idle);
        // Once they are gone the address is served again.
        wait_until_served(at, Duration::from_secs(10));
    }
}

/// Idle connections past `max_connections` (16 here, with a 60 s header read timeout) do not
/// make the node silent: every connection over the limit, two thousand of them, is answered
/// `503` with `Retry-After` and `exchange.overloaded` and closed at once, without waiting for
/// the idle ones to time out; once they are gone the node answers again. Bounded: 16 idle
/// connections and 2 000 more in waves of 400.
#[test]
fn connections_past_the_limit_get_503_at_once() {
    let f = start_full(
        64,
        false,
        "max_connections = 16\nheader_read_timeout_seconds = 60\n",
    );
    let idle: Vec<TcpStream> = (0..16)
        .map(|_| TcpStream::connect(f.addr()).unwrap())
        .collect();
    // Let the server take all sixteen.
    std::thread::sleep(Duration::from_millis(300));
    // Five waves of 400 (open-file limits stay far away: at most about 430 at once).
    for _ in 0..5 {
        let over: Vec<TcpStream> = (0..400)
            .map(|_| TcpStream::connect(f.addr()).unwrap())
            .collect();
        for mut c in over {
            c.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
            let mut out = Vec::new();
            let _ = c.read_to_end(&mut out);
            let answer = String::from_utf8_lossy(&out);
            assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
            assert!(answer.contains("retry-after: 2"), "{answer}");
            assert!(answer.contains("exchange.overloaded"), "{answer}");
        }
    }
    // A client that sends its request at once gets the same answer, not a reset.
    let answer = f.raw(
        b"GET /healthz HTTP/1.1\r\nhost: x\r\n\r\n",
        Duration::from_secs(5),
    );
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
    drop(idle);
    f.wait_until_served(Duration::from_secs(10));
    let (_, _, metrics) = f.get("/metrics", None);
    let m = String::from_utf8(metrics).unwrap();
    assert!(
        m.contains("labourlink_http_refused_total{status=\"503\"}"),
        "{m}"
    );
}

/// A refusal before any receipt can name the message: for the JWS profile and the envelope
/// (which hold no personal data) the problem JSON says why; for the strict JSON of the
/// document only the code's fixed summary, so nothing of the body is echoed.
#[test]
fn refusals_of_the_header_and_envelope_say_why_the_body_is_not_echoed() {
    use labourlink::b64;
    let f = start();
    let msg = f.roster(None, "513400-WT-2026-0700", None);
    let mut v: Value = serde_json::from_slice(&msg).unwrap();
    let header = b64::decode(
        v["signatures"][0]["protected"].as_str().unwrap(),
        "header",
        "",
    )
    .unwrap();
    let header = String::from_utf8(header)
        .unwrap()
        .replace("\"Ed25519\"", "\"EdDSA\"");
    v["signatures"][0]["protected"] = b64::encode(header.as_bytes()).into();
    let (status, _, body) = f.post(v.to_string().as_bytes(), "application/jose+json");
    assert_eq!(status, 400);
    let p: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(p["errors"][0]["code"], "jws.algorithm_not_allowed", "{p}");
    assert_eq!(p["errors"][0]["path"], "/signatures/0/protected", "{p}");
    assert!(
        p["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("alg 'EdDSA'"),
        "{p}"
    );

    // A signed document with a name and a number that is not an integer: the summary only.
    let secret = "马测试";
    let payload = format!("{{\"body\":{{\"name\":\"{secret}\",\"n\":1.5}}}}");
    let mut v: Value = serde_json::from_slice(&msg).unwrap();
    let protected = v["signatures"][0]["protected"].as_str().unwrap().to_owned();
    let encoded = b64::encode(payload.as_bytes());
    let signature = f
        .liangshan
        .sign(format!("{protected}.{encoded}").as_bytes())
        .unwrap();
    v["payload"] = encoded.into();
    v["signatures"][0]["signature"] = b64::encode(&signature).into();
    let (status, _, body) = f.post(v.to_string().as_bytes(), "application/jose+json");
    assert_eq!(status, 400);
    let text = String::from_utf8(body).unwrap();
    assert!(text.contains("json.not_integer"), "{text}");
    assert!(!text.contains(secret) && !text.contains("1.5"), "{text}");
}

/// A node stopped (SIGTERM) while requests are on their way answers every request that
/// reached it before the stop: those whose connections it had accepted and those still in
/// the kernel's accept queue, which closing the listener would reset, request and all. The
/// answers carry `connection: close`; the rosters among them are committed and receipted.
#[test]
fn a_stopping_node_answers_the_requests_sent_before_the_stop() {
    let f = start();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let msgs: Vec<Vec<u8>> = (0..4)
        .map(|i| f.roster(None, &format!("513400-WT-2026-09{i:02}"), None))
        .collect();
    let mut conns = Vec::new();
    for i in 0..24 {
        let mut c = TcpStream::connect(addr).unwrap();
        c.set_read_timeout(Some(Duration::from_secs(15))).unwrap();
        let request = if let Some(msg) = msgs.get(i) {
            let mut r = format!(
                "POST /v1/messages HTTP/1.1\r\nhost: {addr}\r\ncontent-type: application/jose+json\r\ncontent-length: {}\r\n\r\n",
                msg.len()
            )
            .into_bytes();
            r.extend_from_slice(msg);
            r
        } else {
            format!("GET /healthz HTTP/1.1\r\nhost: {addr}\r\n\r\n").into_bytes()
        };
        // Sent in full before the server runs: each connection waits in the accept queue.
        c.write_all(&request).unwrap();
        conns.push(c);
    }
    listener.set_nonblocking(true).unwrap();
    let node = Arc::clone(&f.node);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async move {
        let l = tokio::net::TcpListener::from_std(listener).unwrap();
        // Told to stop before it has accepted anything: what follows is all shutdown.
        labourlink_exchange::server::serve(node, l, None, std::future::ready(()))
            .await
            .unwrap();
    });
    let verifier = f.sender_verifier();
    for (i, mut c) in conns.into_iter().enumerate() {
        let mut out = Vec::new();
        let read = c.read_to_end(&mut out);
        let text = String::from_utf8_lossy(&out);
        assert!(
            read.is_ok() && text.starts_with("HTTP/1.1 200 "),
            "connection {i} got no answer: {read:?} {text:?}"
        );
        assert!(
            text.to_ascii_lowercase()
                .contains("\r\nconnection: close\r\n"),
            "connection {i}: {text}"
        );
        if i < msgs.len() {
            let body = &out[text.find("\r\n\r\n").unwrap() + 4..];
            let checked = client::check_receipt(&verifier, body, &msgs[i]).unwrap();
            assert!(checked.body.accepted, "connection {i}");
        }
    }
}

/// A server on 127.0.0.1 that answers every connection with `answer` and counts them.
fn canned(answer: &'static [u8]) -> (SocketAddr, Arc<AtomicU32>) {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap();
    let hits = Arc::new(AtomicU32::new(0));
    let seen = Arc::clone(&hits);
    std::thread::spawn(move || {
        for c in l.incoming() {
            let Ok(mut c) = c else { continue };
            seen.fetch_add(1, Ordering::SeqCst);
            c.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
            let mut head = Vec::new();
            let mut b = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") && c.read(&mut b).is_ok_and(|n| n == 1) {
                head.push(b[0]);
            }
            let _ = c.write_all(answer);
        }
    });
    (addr, hits)
}

/// The sender's HTTP client follows no redirect (a hostile or moved inbox, or trust-list
/// publisher, sent it to internal addresses: the POST became a GET there and part of the
/// answer came back in the error): a 3xx is named with its target (the password in it never
/// shown) and retried, and the target gets nothing. A 200 without a receipt (a
/// portal or proxy page) is worth another attempt; a 304 to a fetch that named no copy is an
/// error, not "not modified".
#[test]
fn redirects_are_not_followed_and_odd_answers_are_named() {
    let (internal, internal_hits) =
        canned(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{}");
    let location: &'static str = Box::leak(
        format!("HTTP/1.1 302 Found\r\nlocation: http://user:secret@{internal}/admin\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")
            .into_boxed_str(),
    );
    let (redirecting, redirect_hits) = canned(location.as_bytes());
    let agent = client::agent(Duration::from_secs(5));
    match client::post_once(&agent, &format!("http://{redirecting}/v1/messages"), b"{}") {
        // Not followed, and not final for a queued message: the partner may take the redirect
        // away or publish its new URL in a trust list
        // (a_waiting_message_follows_the_partners_new_endpoint).
        client::PostOutcome::Redirected { error } => {
            assert!(error.contains("redirect"), "{error}");
            assert!(
                error.contains(&format!("'http://{internal}/admin'")),
                "{error}"
            );
            assert!(!error.contains("secret"), "{error}");
        }
        other => panic!("{other:?}"),
    }
    // `send` without a store: one attempt, and an error that says what to do (review s38 F7:
    // five attempts, and advice about an outbox entry that did not exist).
    let e = client::deliver_with(
        &agent,
        &format!("http://{redirecting}/v1/messages"),
        b"{}",
        &SendOptions::default(),
    )
    .unwrap_err();
    assert_eq!(e.code().as_str(), "exchange.bad_response");
    assert!(
        e.message().contains("--to") && !e.message().contains("outbox"),
        "{e}"
    );
    assert_eq!(redirect_hits.load(Ordering::SeqCst), 2, "one attempt each");
    let e = client::fetch_trust_list(
        &format!("http://{redirecting}/v1/trust-list"),
        None,
        Duration::from_secs(5),
    )
    .err()
    .unwrap();
    assert_eq!(e.code().as_str(), "exchange.bad_response");
    assert!(e.message().contains("redirect"), "{}", e.message());
    assert_eq!(
        internal_hits.load(Ordering::SeqCst),
        0,
        "the redirect target was asked"
    );

    let (portal, _) = canned(b"HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: 6\r\nconnection: close\r\n\r\n<html>");
    match client::post_once(&agent, &format!("http://{portal}/v1/messages"), b"{}") {
        client::PostOutcome::Retry { error, .. } => {
            assert!(error.contains("not a labourlink inbox's answer"), "{error}");
        }
        other => panic!("{other:?}"),
    }

    let (not_modified, _) = canned(b"HTTP/1.1 304 Not Modified\r\nconnection: close\r\n\r\n");
    let url = format!("http://{not_modified}/v1/trust-list");
    let e = client::fetch_trust_list(&url, None, Duration::from_secs(5))
        .err()
        .unwrap();
    assert_eq!(e.code().as_str(), "exchange.bad_response");
    assert!(e.message().contains("named no copy"), "{}", e.message());
    assert!(matches!(
        client::fetch_trust_list(&url, Some("abc"), Duration::from_secs(5)),
        Ok(client::Fetched::NotModified)
    ));
}

/// A partner moves its inbox (s38): a message addressed through the trust list waits while
/// the old URL answers with a redirect (not followed, not final, the endpoint's other message
/// deferred), and once the partner's new URL is in the worker's trust list it is delivered
/// there; a message whose URL was given keeps it.
#[test]
fn a_waiting_message_follows_the_partners_new_endpoint() {
    use labourlink_exchange::outbox::{enqueue, resolve_destination};
    use labourlink_store::EndpointSource;
    let f = start();
    let (moved, moved_hits) = canned(
        b"HTTP/1.1 301 Moved Permanently\r\nlocation: https://new.example.gov.cn/v1/messages\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
    );
    let old = format!("http://{moved}/v1/messages");
    let new = f.url("/v1/messages");
    let anchor = SigningKey::from_seed(&[9; 32], "330200-anchor").unwrap();
    let list_naming = |sequence: u64, url: &str| -> Vec<u8> {
        fixture_list_due(sequence, true, None, &[], 30, Some(url))
    };
    let mut jwk = anchor.verifying_key().to_jwk();
    jwk["kid"] = "330200-anchor".into();
    let pinned = labourlink::trust::Anchor::from_jwk(&jwk).unwrap();
    let first = TrustList::load(
        &list_naming(2, &old),
        std::slice::from_ref(&pinned),
        &SystemClock,
        DEFAULT_GRACE_SECONDS,
    )
    .unwrap();
    let trust = Arc::new(labourlink::trust::TrustStore::new(
        vec![pinned.clone()],
        first,
        DEFAULT_GRACE_SECONDS,
    ));
    let store =
        Arc::new(Store::init(&format!("sqlite://{}", f.dir.join("moved.db").display())).unwrap());
    let policy = fast_policy();
    let outbox = Outbox::new(Arc::clone(&store), Arc::clone(&trust), policy);
    let via_list = f.roster(None, "513400-WT-2026-0200", None);
    let given = f.roster(None, "513400-WT-2026-0201", None);
    let to = resolve_destination(&via_list, None, Some(&trust.current())).unwrap();
    assert_eq!(
        (to.url.as_str(), to.source),
        (old.as_str(), EndpointSource::TrustList { sequence: 2 })
    );
    let via_list = enqueue(&store, &via_list, &to, now(), &policy).unwrap();
    let given = enqueue(&store, &given, old.as_str(), now(), &policy).unwrap();
    assert_eq!(given.endpoint_source, EndpointSource::Given);

    let report = outbox.run_once(now()).unwrap();
    assert_eq!(
        (
            report.attempted,
            report.retrying,
            report.deferred,
            report.undeliverable
        ),
        (1, 1, 1, 0),
        "{report:?}"
    );
    let item = |seq: i64| {
        store
            .outbox(&OutboxQuery::all().seq(seq))
            .unwrap()
            .pop()
            .unwrap()
    };
    let waiting = [item(via_list.seq), item(given.seq)];
    assert!(waiting.iter().all(|i| i.state == OutboxState::Pending));
    assert!(
        waiting.iter().any(|i| i
            .last_error
            .as_deref()
            .is_some_and(|e| e.contains("redirect"))),
        "{waiting:?}"
    );
    // The attempted message's error says what can move it: a newer trust list only for a URL
    // taken from one (audit s40 #10).
    let attempted = waiting.iter().find(|i| i.attempts == 1).unwrap();
    let error = attempted.last_error.as_deref().unwrap_or_default();
    assert_eq!(
        error.contains("a newer trust list names another"),
        attempted.endpoint_source != EndpointSource::Given,
        "{attempted:?}"
    );

    // A worker with an older list (an old file) that names another URL does not move it
    // (review s38 F5).
    let older = TrustList::load(
        &list_naming(1, &new),
        std::slice::from_ref(&pinned),
        &SystemClock,
        DEFAULT_GRACE_SECONDS,
    )
    .unwrap();
    let old_worker = Outbox::new(
        Arc::clone(&store),
        Arc::new(labourlink::trust::TrustStore::new(
            vec![pinned.clone()],
            older,
            DEFAULT_GRACE_SECONDS,
        )),
        policy,
    );
    std::thread::sleep(Duration::from_millis(60));
    old_worker.run_once(now()).unwrap();
    assert_eq!(item(via_list.seq).endpoint, old, "not moved back by list 1");
    assert_eq!(item(via_list.seq).state, OutboxState::Pending);

    // The partner publishes its new URL; the worker's trust list is refreshed.
    trust.update(&list_naming(3, &new), &SystemClock).unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while item(via_list.seq).state == OutboxState::Pending && Instant::now() < deadline {
        outbox.run_once(now()).unwrap();
        std::thread::sleep(Duration::from_millis(20));
    }
    let delivered = item(via_list.seq);
    assert_eq!(delivered.state, OutboxState::Delivered, "{delivered:?}");
    assert_eq!(
        (delivered.endpoint.as_str(), delivered.endpoint_source),
        (new.as_str(), EndpointSource::TrustList { sequence: 3 })
    );
    let kept = item(given.seq);
    assert_eq!(
        (kept.state, kept.endpoint.as_str()),
        (OutboxState::Pending, old.as_str())
    );
    assert!(moved_hits.load(Ordering::SeqCst) >= 2);
    // Attempted on its own, the message with a given URL is not told a trust list may move it.
    let deadline = Instant::now() + Duration::from_secs(10);
    while item(given.seq).attempts == 0 && Instant::now() < deadline {
        outbox.run_once(now()).unwrap();
        std::thread::sleep(Duration::from_millis(20));
    }
    let kept = item(given.seq);
    let error = kept.last_error.as_deref().unwrap_or_default();
    assert!(
        kept.attempts >= 1 && error.contains("redirect") && !error.contains("a newer trust list"),
        "{kept:?}"
    );
}

/// A partner found down costs one attempt and one write for all its waiting messages, not a
/// claim and a release of each, batch after batch (the scale audit: with 30 000 waiting, every
/// backoff period rewrote each row in a transaction of its own, 722 MB): one pass attempts one
/// message, defers all the others to its next attempt, and a second pass finds nothing due.
#[test]
fn a_partner_found_down_defers_all_its_waiting_messages_at_once() {
    let f = start();
    let policy = fast_policy()
        .backoff(Duration::from_secs(60), Duration::from_secs(300))
        .batch(4);
    let (store, outbox) = sender_outbox(&f, policy);
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/v1/messages", closed.local_addr().unwrap());
    drop(closed);
    for i in 0..40 {
        let msg = f.roster(None, &format!("513400-WT-2026-{i:04}"), None);
        labourlink_exchange::outbox::enqueue(&store, &msg, &url, now(), &policy).unwrap();
    }
    let at = now();
    let report = outbox.run_once(at).unwrap();
    assert_eq!((report.attempted, report.deferred), (1, 39), "{report:?}");
    let again = outbox.run_once(at).unwrap();
    assert_eq!((again.attempted, again.deferred), (0, 0), "{again:?}");
    let items = store.outbox(&OutboxQuery::all()).unwrap();
    assert_eq!(items.len(), 40);
    assert!(items.iter().all(|i| i.state == OutboxState::Pending));
    assert!(
        items
            .iter()
            .all(|i| i.next_attempt_at == items[0].next_attempt_at),
        "all wait for the same next attempt"
    );
    assert_eq!(items.iter().map(|i| i.attempts).sum::<u32>(), 1);
}

/// Deferring a down partner's messages does not keep them past their give-up time (review
/// s39 F1): those whose give-up comes before the partner's next attempt are given up in the
/// same pass, in the batch or not, with the failure of the attempt that found it down.
#[test]
fn a_partner_down_past_the_give_up_time_gets_its_messages_given_up() {
    let f = start();
    let policy = fast_policy()
        .backoff(Duration::from_secs(60), Duration::from_secs(300))
        .give_up_after(Duration::from_secs(1))
        .batch(4);
    let (store, outbox) = sender_outbox(&f, policy);
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/v1/messages", closed.local_addr().unwrap());
    drop(closed);
    for i in 0..10 {
        let msg = f.roster(None, &format!("513400-WT-2026-{i:04}"), None);
        labourlink_exchange::outbox::enqueue(&store, &msg, &url, now(), &policy).unwrap();
    }
    let report = outbox.run_once(now()).unwrap();
    assert_eq!(
        (report.attempted, report.undeliverable, report.deferred),
        (1, 10, 0),
        "{report:?}"
    );
    let items = store.outbox(&OutboxQuery::all()).unwrap();
    assert!(
        items.iter().all(|i| i.state == OutboxState::Undeliverable
            && i.last_error.as_deref().is_some_and(|e| !e.is_empty())),
        "{items:?}"
    );
}

/// One partner's inbox that accepts connections and never answers does not hold up the
/// others (remote-side review s37 F5): after one attempt to it times out, its other messages
/// of the pass are not attempted one after another, each waiting for the timeout; they are
/// deferred to its next attempt, and another partner's message is delivered in the same pass.
#[test]
fn a_silent_partner_does_not_hold_up_the_others() {
    let f = start();
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let silent = l.local_addr().unwrap();
    let hits = Arc::new(AtomicU32::new(0));
    let seen = Arc::clone(&hits);
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for c in l.incoming().take(16) {
            seen.fetch_add(1, Ordering::SeqCst);
            held.push(c);
        }
    });
    let policy = fast_policy().timeout(Duration::from_secs(1));
    let (store, outbox) = sender_outbox(&f, policy);
    for i in 0..3 {
        let msg = f.roster(None, &format!("513400-WT-2026-{i:04}"), None);
        let url = format!("http://{silent}/v1/messages");
        labourlink_exchange::outbox::enqueue(&store, &msg, &url, now(), &policy).unwrap();
    }
    let msg = f.roster(None, "513400-WT-2026-0100", None);
    labourlink_exchange::outbox::enqueue(&store, &msg, &f.url("/v1/messages"), now(), &policy)
        .unwrap();
    let t0 = Instant::now();
    let report = outbox.run_once(now()).unwrap();
    assert!(t0.elapsed() < Duration::from_secs(3), "{:?}", t0.elapsed());
    assert_eq!((report.attempted, report.deferred), (2, 2), "{report:?}");
    assert_eq!(report.delivered, 1, "{report:?}");
    assert_eq!(
        hits.load(Ordering::SeqCst),
        1,
        "one attempt to the silent inbox"
    );
    let items = store.outbox(&OutboxQuery::all()).unwrap();
    let waiting: Vec<_> = items
        .iter()
        .filter(|i| i.state == OutboxState::Pending)
        .collect();
    assert_eq!(waiting.len(), 3);
    // All three wait for the same next attempt, the deferred ones without an attempt counted.
    assert!(
        waiting
            .iter()
            .all(|i| i.next_attempt_at == waiting[0].next_attempt_at)
    );
    assert_eq!(waiting.iter().map(|i| i.attempts).sum::<u32>(), 1);
}
