//! `serve`, `send`, `outbox` and `trust-list fetch`: labourlink over HTTP (docs/EXCHANGE.md).

use std::io::Write as _;
use std::sync::Arc;
use std::time::Duration;

use labourlink::Error;
use labourlink::time::{Clock as _, SystemClock};
use labourlink::trust::{Anchor, DEFAULT_GRACE_SECONDS, TrustList, TrustStore};
use labourlink::verify::Verifier;
use labourlink_exchange::client;
use labourlink_exchange::outbox::{self as ob, DeliveryPolicy, Outbox};
use labourlink_exchange::receipt::ReceiptBody;
use labourlink_store::{OutboxItem, OutboxQuery, OutboxState, Store};
use serde_json::Value;

use crate::args::{OutboxCmd, SendArgs};
use crate::output::{self, WriteOpts};
use crate::{CmdResult, Failure, print_json, read_file, trust_list_failure};

/// Installs the log writer of a long-running command: text or JSON lines on stderr, from
/// `--log-level` up. Only the first call in a process takes effect.
pub(crate) fn init_logs(args: &crate::args::LogArgs) {
    use crate::args::{LogFormat, LogLevel};
    let level = match args.level {
        LogLevel::Error => tracing::Level::ERROR,
        LogLevel::Warn => tracing::Level::WARN,
        LogLevel::Info => tracing::Level::INFO,
        LogLevel::Debug => tracing::Level::DEBUG,
    };
    let builder = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_max_level(level)
        .with_target(true);
    let _ = match args.format {
        LogFormat::Text => builder.with_ansi(false).try_init(),
        LogFormat::Json => builder
            .json()
            .with_current_span(true)
            .with_span_list(false)
            .try_init(),
    };
}

/// How long before its certificate expires `serve` warns at start: three weeks.
const TLS_RENEW_WARNING_SECONDS: i64 = 21 * 86_400;

/// `serve --config node.toml`: an inbox node (and its outbox worker and trust-list
/// refresher) until SIGINT/SIGTERM.
pub(crate) fn serve(config: &str) -> CmdResult {
    let cfg = labourlink_exchange::NodeConfig::load(std::path::Path::new(config))?;
    // The TLS files and the listening addresses first: a start refused for them records
    // nothing (making the node accepts its trust list into the store).
    let tls = match &cfg.tls {
        Some(t) => Some(labourlink_exchange::server::TlsAcceptor::from_pem_files(
            &t.cert, &t.key,
        )?),
        None => None,
    };
    let listeners = labourlink_exchange::server::Listeners::bind(cfg.listen, cfg.admin.as_ref())?;
    let node = Arc::new(labourlink_exchange::Node::from_config(&cfg)?);
    // The certificate's end, known in advance (audit s43 on-call F8: a node had started with
    // an expired one without a word).
    if let Some(not_after) = tls
        .as_ref()
        .and_then(labourlink_exchange::server::TlsAcceptor::not_after)
    {
        node.metrics().tls_certificate(not_after);
        let left = not_after.unix_seconds() - labourlink::time::SystemClock.now().unix_seconds();
        if left <= 0 {
            tracing::error!(
                target: "labourlink::serve",
                not_after = %not_after,
                "the TLS certificate has expired: every client refuses the connection; renew it ([tls] cert and key) and restart"
            );
        } else if left < TLS_RENEW_WARNING_SECONDS {
            tracing::warn!(
                target: "labourlink::serve",
                not_after = %not_after,
                days_left = left / 86_400,
                "the TLS certificate expires soon: renew it ([tls] cert and key) and restart before then"
            );
        }
    }
    let scheme = if tls.is_some() { "https" } else { "http" };
    let background = ob::Background::start(&node, &cfg)?;
    let (region, agency) = (cfg.region.clone(), cfg.agency.clone());
    let outbox = cfg.outbox.enabled;
    let refresh = cfg.trust_list.url.clone();
    let admin_login = match cfg.admin.as_ref().map(|a| a.token_file.is_some()) {
        Some(true) => "Authorization: Bearer <token_file>",
        _ => "no token: every local account can query it",
    };
    let reference = if cfg.reference_data.is_some() {
        "GET /v1/reference-data, "
    } else {
        ""
    };
    labourlink_exchange::server::serve_listeners_until_signal(
        node,
        listeners,
        tls,
        |addr, admin| {
            println!(
                "labourlink inbox (收件端) {region} / {agency} listening on {scheme}://{addr}"
            );
            if let Some(a) = admin {
                println!(
                    "  admin (cases, archive, outbox; personal data) on http://{a}/admin/v1/ ({admin_login})"
                );
            }
            println!(
                "  POST /v1/messages, GET /v1/trust-list, {reference}/healthz, /metrics; Ctrl-C stops"
            );
            if outbox {
                println!(
                    "  outbox worker (发件箱): delivering what `send --store` queues in this store"
                );
            }
            if let Some(u) = &refresh {
                println!(
                    "  trust list: refreshes from {u} (a refresh that fails keeps the current list; the log says why)"
                );
            }
            let _ = std::io::stdout().flush();
        },
    )?;
    background.stop();
    println!("stopped");
    Ok(())
}

/// The trust list and anchor of `--trust-list`/`--anchor`, verified now.
fn load_trust(tl: &str, anchors: &[String]) -> Result<(Vec<Anchor>, TrustList), Failure> {
    let anchors = crate::read_anchors(anchors)?;
    let list = TrustList::load(
        &read_file(tl)?,
        &anchors,
        &SystemClock,
        DEFAULT_GRACE_SECONDS,
    )
    .map_err(|e| trust_list_failure(e, tl, &anchors))?;
    Ok((anchors, list))
}

/// What `send --json` prints: the message, the delivery and what the receipt says.
struct SendReport<'a> {
    id: &'a str,
    message_type: &'a str,
    http_status: Option<u16>,
    attempts: u32,
    outbox_seq: Option<i64>,
    receipt_verified: bool,
}

impl SendReport<'_> {
    fn json(&self, status: &str, body: Option<&ReceiptBody>, detail: Option<&str>) -> Value {
        serde_json::json!({
            "status": status,
            "id": self.id,
            "type": self.message_type,
            "http_status": self.http_status,
            "attempts": self.attempts,
            "outbox_seq": self.outbox_seq,
            "receipt_verified": self.receipt_verified && body.is_some(),
            "received_at": body.and_then(|b| b.received_at.clone()),
            "errors": body.map_or_else(Vec::new, |b| b.errors.iter().map(|e| serde_json::json!({
                "code": e.code, "path": e.path, "message": e.message,
            })).collect()),
            "detail": detail,
        })
    }
}

/// Prints what a receipt says (with `json`, one object); `Err(Quiet)` unless it is `accepted`.
fn report_receipt(
    body: &ReceiptBody,
    what: &str,
    status: u16,
    note: &str,
    json: Option<&SendReport<'_>>,
) -> CmdResult {
    if let Some(r) = json {
        let word = if body.accepted {
            "accepted"
        } else {
            "rejected"
        };
        print_json(&r.json(word, Some(body), None));
        return if body.accepted {
            Ok(())
        } else {
            Err(Failure::Quiet)
        };
    }
    if body.accepted {
        println!(
            "accepted (已接收): {what} at {}{note}",
            body.received_at.as_deref().unwrap_or("?")
        );
        for w in &body.errors {
            println!("warning: {} at {}: {}", w.code, w.path, w.message);
        }
        return Ok(());
    }
    eprintln!("rejected (已拒收) by the inbox, HTTP {status}: {what}{note}");
    for e in &body.errors {
        let at = if e.path.is_empty() { "/" } else { &e.path };
        eprintln!("  {} at {at}: {}", e.code, e.message);
    }
    Err(Failure::Quiet)
}

/// `send MESSAGE.jws [--to URL] [--store URL [--wait [S]]]`.
pub(crate) fn send(a: &SendArgs) -> CmdResult {
    let message = read_file(&a.message)?;
    // Refuse to send what is not a signed document of ours to send (and learn its parties).
    let (doc, _) = labourlink_exchange::node::decode_sent(&message)?;
    let what = format!("{} {}", doc.message_type, doc.id);
    if let Some(out) = &a.receipt_out {
        output::check_free(out, a.force)?;
    }
    let trust = match &a.trust_list {
        Some(tl) => Some(load_trust(tl, &a.anchor)?),
        None => None,
    };
    let to = ob::resolve_destination(&message, a.to.as_deref(), trust.as_ref().map(|(_, l)| l))?;
    if trust.is_none() {
        eprintln!(
            "warning: the receipt's signature is NOT checked (--dangerous-unchecked-receipts)"
        );
    }
    let mut report = SendReport {
        id: &doc.id,
        message_type: &doc.message_type,
        http_status: None,
        attempts: 0,
        outbox_seq: None,
        receipt_verified: trust.is_some(),
    };
    if let Some(store_url) = &a.store {
        return send_via_outbox(a, store_url, &message, &to, trust, &what, &mut report);
    }
    eprintln!(
        "note: without --store nothing is kept: a message not delivered now must be sent again"
    );
    let opts = client::SendOptions::default().attempts(a.attempts);
    let agent = match &a.ca {
        Some(ca) => client::agent_with_roots(opts.timeout, &read_file(ca)?)?,
        None => client::agent(opts.timeout),
    };
    let (delivery, body) = match trust {
        Some((_, list)) => {
            // A redelivery is answered with the inbox's first receipt, as old as the message.
            let verifier = Verifier::builder()
                .trust_list(list)
                .region(doc.from.region.as_str())
                .agency(doc.from.agency.as_str())
                .max_age_for_type(
                    "receipt",
                    Some(client::receipt_max_age_for(
                        &message,
                        None,
                        SystemClock.now(),
                    )),
                )
                .build()?;
            // Each answer's receipt is checked within the attempts: one that does not verify
            // (a proxy, a man in the middle) is followed by the next attempt.
            let (delivery, checked) =
                client::deliver_checked(&agent, &to.url, &message, &opts, &|receipt| {
                    client::check_receipt(&verifier, receipt, &message)
                })
                .map_err(|e| {
                    if e.code().family() == "exchange" {
                        return e;
                    }
                    Error::new(
                        e.code(),
                        format!("the inbox's receipt was refused: {}", e.message()),
                    )
                    .with_violations(e.violations().to_vec())
                })?;
            if !a.json {
                print_receipt_signer(&checked.verified);
            }
            (delivery, checked.body)
        }
        None => {
            let delivery = client::deliver_with(&agent, &to.url, &message, &opts)?;
            let body = client::read_receipt_unverified(&delivery.receipt, &message)?;
            (delivery, body)
        }
    };
    // Written only once checked: a refused (forged, or another message's) receipt must not
    // be left where a script keeps proofs of delivery.
    if let Some(out) = &a.receipt_out {
        // A receipt may quote a finding's values (a worker's age, an amount): owner only.
        output::write(out, &delivery.receipt, WriteOpts::secret(a.force))?;
    }
    let note = if delivery.attempts > 1 {
        format!(" after {} attempts", delivery.attempts)
    } else {
        String::new()
    };
    report.http_status = Some(delivery.status);
    report.attempts = delivery.attempts;
    report_receipt(
        &body,
        &what,
        delivery.status,
        &note,
        a.json.then_some(&report),
    )
}

fn print_receipt_signer(v: &labourlink::Verified) {
    let s = v.signers();
    println!(
        "receipt {} verified: signed by {} for {} / {}",
        v.id(),
        s.iter()
            .map(|s| s.kid.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        v.document().from.region,
        v.document().from.agency
    );
}

fn send_via_outbox(
    a: &SendArgs,
    store_url: &str,
    message: &[u8],
    to: &ob::Destination,
    trust: Option<(Vec<Anchor>, TrustList)>,
    what: &str,
    report: &mut SendReport<'_>,
) -> CmdResult {
    let store = Arc::new(Store::open(store_url)?);
    let policy = DeliveryPolicy::default()
        .give_up_after(Duration::from_secs(a.give_up_after.saturating_mul(3600)));
    let mut outbox = match trust {
        Some((anchors, list)) => Outbox::new(
            Arc::clone(&store),
            Arc::new(TrustStore::new(anchors, list, DEFAULT_GRACE_SECONDS)),
            policy,
        ),
        // clap lets this through only with --dangerous-unchecked-receipts.
        None => Outbox::dangerous_unchecked_receipts(Arc::clone(&store), policy),
    };
    if let Some(ca) = &a.ca {
        outbox = outbox.with_roots(&read_file(ca)?)?;
    }
    let item = outbox.send(message, to, a.wait.map(Duration::from_secs))?;
    if !a.json {
        println!(
            "queued in the outbox (发件箱) as {} for {}",
            item.seq, item.endpoint
        );
    }
    report.outbox_seq = Some(item.seq);
    report.http_status = item.http_status;
    report.attempts = item.attempts;
    finish_report(&item, a, what, report)
}

fn finish_report(
    item: &OutboxItem,
    a: &SendArgs,
    what: &str,
    report: &SendReport<'_>,
) -> CmdResult {
    if let (Some(out), Some(r)) = (&a.receipt_out, &item.receipt) {
        output::write(out, r, WriteOpts::secret(a.force))?;
    }
    let json = a.json.then_some(report);
    let note = if item.attempts > 1 {
        format!(" after {} attempts", item.attempts)
    } else {
        String::new()
    };
    match (item.state, &item.receipt) {
        (OutboxState::Delivered | OutboxState::Rejected, Some(r)) => {
            let body = client::read_receipt_unverified(r, &item.jws)?;
            report_receipt(&body, what, item.http_status.unwrap_or(0), &note, json)
        }
        (OutboxState::Pending, _) if json.is_some() => {
            let detail = item.last_error.as_deref().unwrap_or("no attempt yet");
            print_json(&report.json("pending", None, Some(detail)));
            Err(Failure::Quiet)
        }
        (state, _) if json.is_some() => {
            let detail = item.last_error.as_deref().unwrap_or("");
            print_json(&report.json(state.as_str(), None, Some(detail)));
            Err(Failure::Quiet)
        }
        (OutboxState::Pending, _) => {
            eprintln!(
                "not delivered yet ({}); the outbox retries from {} (`labourlink outbox run` or a serving node on this store)",
                item.last_error.as_deref().unwrap_or("no attempt yet"),
                item.next_attempt_at
            );
            Err(Failure::Quiet)
        }
        (state, _) => {
            eprintln!(
                "{} (发送失败): {what}: {}; see `labourlink outbox status`",
                state.as_str(),
                item.last_error.as_deref().unwrap_or("")
            );
            Err(Failure::Quiet)
        }
    }
}

/// `outbox status|retry|drop|run`.
pub(crate) fn outbox(c: OutboxCmd) -> CmdResult {
    match c {
        OutboxCmd::Status {
            store,
            state,
            limit,
            json,
        } => {
            let store = Store::open(&store)?;
            let mut q = OutboxQuery::all().limit(limit);
            if let Some(s) = state {
                q = q.state(OutboxState::parse(&s)?);
            }
            let counts = store.outbox_counts()?;
            let items = store.outbox(&q)?;
            if json {
                let v = serde_json::json!({
                    "status": "ok",
                    "counts": counts.iter().map(|(s, n)| (s.as_str().to_owned(), serde_json::json!(n))).collect::<serde_json::Map<_, _>>(),
                    "messages": items.iter().map(OutboxItem::to_json).collect::<Vec<_>>(),
                });
                print_json(&v);
                return Ok(());
            }
            println!(
                "{}",
                counts
                    .iter()
                    .map(|(s, n)| format!("{}: {n}", s.as_str()))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            for i in &items {
                println!(
                    "{:>6}  {:<13} {} {} → {} / {}  attempts {}  {}",
                    i.seq,
                    i.state.as_str(),
                    i.message_type,
                    i.id,
                    i.to_region,
                    i.to_agency,
                    i.attempts,
                    match i.state {
                        OutboxState::Pending => format!("next {}", i.next_attempt_at),
                        _ => i.last_error.clone().unwrap_or_default(),
                    }
                );
            }
            Ok(())
        }
        OutboxCmd::Retry {
            store,
            seq,
            to,
            give_up_after,
            json,
        } => {
            // A URL that can never work is refused before anything changes.
            if let Some(u) = &to {
                labourlink::trust::check_inbox_url(u)?;
            }
            let store = Store::open(&store)?;
            let now = SystemClock.now();
            let hours = i64::try_from(give_up_after).unwrap_or(i64::MAX / 3600);
            let give_up = now.add_seconds(hours.saturating_mul(3600));
            store.retry_outbound_at(seq, to.as_deref(), now, give_up)?;
            if json {
                print_json(
                    &serde_json::json!({"status": "ok", "seq": seq, "state": "pending",
                    "next_attempt_at": now.to_string(), "give_up_at": give_up.to_string(),
                    "endpoint": to}),
                );
            } else if let Some(u) = &to {
                println!("{seq} is due now again, to {u} (as given: no longer the trust list's)");
            } else {
                println!("{seq} is due now again");
            }
            Ok(())
        }
        OutboxCmd::Drop { store, seq, json } => {
            Store::open(&store)?.drop_outbound(seq, SystemClock.now())?;
            if json {
                print_json(&serde_json::json!({"status": "ok", "seq": seq, "state": "dropped"}));
            } else {
                println!("{seq} dropped: it will not be sent");
            }
            Ok(())
        }
        OutboxCmd::Run {
            store,
            trust_list,
            anchor,
            dangerous_unchecked_receipts: _,
            once,
            ca,
            log,
            json,
        } => {
            init_logs(&log);
            let store = Arc::new(Store::open(&store)?);
            let mut outbox = match trust_list {
                Some(tl) => {
                    let (anchors, list) = load_trust(&tl, &anchor)?;
                    let trust = TrustStore::new(anchors, list, DEFAULT_GRACE_SECONDS);
                    Outbox::new(store, Arc::new(trust), DeliveryPolicy::default())
                }
                // clap lets this through only with --dangerous-unchecked-receipts.
                _ => {
                    eprintln!(
                        "warning: receipts' signatures are NOT checked (--dangerous-unchecked-receipts)"
                    );
                    Outbox::dangerous_unchecked_receipts(store, DeliveryPolicy::default())
                }
            };
            if let Some(ca) = &ca {
                outbox = outbox.with_roots(&read_file(ca)?)?;
            }
            if once {
                let r = outbox.run_once(SystemClock.now())?;
                if json {
                    print_json(&serde_json::json!({
                        "status": "ok",
                        "attempted": r.attempted,
                        "delivered": r.delivered,
                        "rejected": r.rejected,
                        "retrying": r.retrying,
                        "undeliverable": r.undeliverable,
                        "deferred": r.deferred,
                    }));
                    return Ok(());
                }
                println!(
                    "attempted {}: delivered {}, rejected {}, retrying {}, undeliverable {}; deferred {} (their endpoint was down)",
                    r.attempted, r.delivered, r.rejected, r.retrying, r.undeliverable, r.deferred
                );
                return Ok(());
            }
            let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
            let s = Arc::clone(&stop);
            ctrlc_flag(s);
            println!("delivering the outbox; Ctrl-C stops");
            let _ = outbox.spawn(Duration::from_secs(2), stop).join();
            Ok(())
        }
    }
}

/// Sets `flag` on SIGINT/SIGTERM (a small runtime-free watcher thread).
fn ctrlc_flag(flag: Arc<std::sync::atomic::AtomicBool>) {
    labourlink_exchange::server::on_signal(move || {
        flag.store(true, std::sync::atomic::Ordering::Relaxed);
    });
}

/// `trust-list fetch URL --anchor A.jwk [--store S] [--out TL.jws]`.
pub(crate) fn tl_fetch(
    url: &str,
    anchor: &[String],
    store: Option<&str>,
    out: Option<&str>,
    force: bool,
    json: bool,
) -> CmdResult {
    let Some(FetchedDoc {
        anchors,
        store,
        jws,
    }) = conditional_fetch(Fetch::TrustList, url, anchor, store, out, force, json)?
    else {
        return Ok(());
    };
    let failure = |e| trust_list_failure(e, &format!("fetched from {url}"), &anchors);
    let list =
        TrustList::load(&jws, &anchors, &SystemClock, DEFAULT_GRACE_SECONDS).map_err(failure)?;
    // Replacing a file with an older list (a man in the middle of a plain-HTTP publisher, a
    // stale mirror) would hand every `send` and `outbox run` that reads it a list in which a
    // key revoked since still verifies (audit s42 hostile F2): refused, as with --store.
    if let Some(o) = out {
        if let Ok(existing) = std::fs::read(o) {
            if let Ok(current) =
                TrustList::load(&existing, &anchors, &SystemClock, DEFAULT_GRACE_SECONDS)
            {
                if current.sequence > list.sequence {
                    return Err(failure(
                        Error::new(
                            labourlink::ErrorCode::TrustListRollback,
                            format!(
                                "the fetched list has sequence {}, older than the list in {o} (sequence {}): {o} is left as it is",
                                list.sequence, current.sequence
                            ),
                        )
                        .zh(format!(
                            "获取的列表序号为 {}，比 {o} 中的列表（序号 {}）旧：{o} 保持不变",
                            list.sequence, current.sequence
                        )),
                    ));
                }
            }
        }
    }
    if let Some(s) = &store {
        s.accept_trust_list(&jws, &list, SystemClock.now())
            .map_err(failure)?;
    }
    if let Some(o) = out {
        output::write(o, &jws, WriteOpts::new_file(force))?;
    }
    if json {
        print_json(&serde_json::json!({
            "status": "ok",
            "sequence": list.sequence,
            "keys": list.keys().len(),
            "next_update": list.next_update.to_string(),
            "recorded": store.is_some(),
            "out": out,
        }));
        return Ok(());
    }
    println!(
        "trust list sequence {} verified ({} keys, next update {}){}",
        list.sequence,
        list.keys().len(),
        list.next_update,
        if store.is_some() {
            ", recorded in the store"
        } else {
            ""
        }
    );
    Ok(())
}

/// A document `conditional_fetch` got: the pinned anchors, the store opened, the JWS.
pub(crate) struct FetchedDoc {
    pub(crate) anchors: Vec<Anchor>,
    pub(crate) store: Option<Store>,
    pub(crate) jws: Vec<u8>,
}

/// What `conditional_fetch` fetches.
#[derive(Clone, Copy)]
pub(crate) enum Fetch {
    TrustList,
    ReferenceData,
}

/// The part `trust-list fetch` and `reference-data fetch` share: checks `--out`, loads the
/// anchor, opens the store, and GETs `url` with `If-None-Match` (the digest of the document last
/// accepted into the store). Prints and returns `None` when the server answers "not modified";
/// on a network failure says that the last good document stays in use.
pub(crate) fn conditional_fetch(
    what: Fetch,
    url: &str,
    anchor: &[String],
    store: Option<&str>,
    out: Option<&str>,
    force: bool,
    json: bool,
) -> Result<Option<FetchedDoc>, Failure> {
    if let Some(o) = out {
        output::check_free(o, force)?;
    }
    let anchors = crate::read_anchors(anchor)?;
    let kids = crate::anchor_kids(&anchors);
    let store = store.map(Store::open).transpose()?;
    let (current, noun) = match (&store, what) {
        (Some(s), Fetch::TrustList) => (s.trust_list_of(&kids)?, "trust list"),
        (Some(s), Fetch::ReferenceData) => (s.reference_data_of(&kids)?, "reference data"),
        (None, Fetch::TrustList) => (None, "trust list"),
        (None, Fetch::ReferenceData) => (None, "reference data"),
    };
    let digest = current.as_ref().map(|c| c.digest.as_str());
    let timeout = Duration::from_secs(30);
    let fetched = match what {
        Fetch::TrustList => client::fetch_trust_list(url, digest, timeout),
        Fetch::ReferenceData => client::fetch_reference_data(url, digest, timeout),
    };
    match fetched {
        Ok(client::Fetched::NotModified) => {
            let sequence = current.as_ref().map_or(0, |c| c.sequence);
            // The server holds what the store accepted last: that document is the one `--out`
            // asks for (a cron job sharing the node's store keeps its file current this way).
            let written = match (out, &current) {
                (Some(o), Some(c)) => {
                    output::write(o, &c.jws, WriteOpts::new_file(force))?;
                    Some(o)
                }
                _ => None,
            };
            if json {
                print_json(
                    &serde_json::json!({"status": "not_modified", "sequence": sequence,
                    "recorded": false, "out": written}),
                );
            } else if let Some(o) = written {
                println!(
                    "not modified: the {noun} in the store (sequence {sequence}) is current; written to {o}"
                );
            } else {
                println!("not modified: the {noun} in the store (sequence {sequence}) is current");
            }
            Ok(None)
        }
        Ok(client::Fetched::List { jws, .. }) => Ok(Some(FetchedDoc {
            anchors,
            store,
            jws,
        })),
        Err(e) => {
            if let Some(c) = &current {
                eprintln!(
                    "the last good {noun} (sequence {}) stays in use",
                    c.sequence
                );
            }
            Err(e.into())
        }
    }
}
