//! `labourlink demo`: an end-to-end exchange on built-in example keys.
//!
//! The keys are derived from fixed labels (SHA-256 of the label is the Ed25519 seed). They are
//! EXAMPLE KEYS, public by construction: never use them for real messages.

use std::sync::Arc;
use std::time::Duration;

use labourlink::envelope::{Document, Party};
use labourlink::keys::SigningKey;
use labourlink::time::{Clock, SystemClock, Timestamp};
use labourlink::trust::{Anchor, DEFAULT_GRACE_SECONDS, KeyRecord, TrustList, TrustStore};
use labourlink::verify::Verifier;
use labourlink::{Error, Result};
use labourlink_exchange::client::{self, SendOptions};
use labourlink_exchange::outbox::{self, DeliveryPolicy, Outbox};
use labourlink_exchange::server::RunningServer;
use labourlink_exchange::{Limits, Node};
use labourlink_store::{OutboxState, Store};

fn example_key(label: &str, kid: &str) -> Result<SigningKey> {
    let d = ring::digest::digest(&ring::digest::SHA256, label.as_bytes());
    let mut seed = [0u8; 32];
    seed.copy_from_slice(d.as_ref());
    SigningKey::from_seed(&seed, kid)
}

fn step(n: u32, en: &str, zh: &str) {
    println!("\n[{n}] {en}\n    {zh}");
}

fn show_rejection(e: &Error) {
    println!("    → rejected: {}", e.code());
    println!("      {}", e.message());
    if let Some(p) = e.path() {
        println!("      at {}", if p.is_empty() { "/" } else { p });
    }
    println!("      {}", e.message_zh());
}

/// One inbox node of the demo: a region's node receiving for its agencies, its store and
/// its running server (in this process, or a `labourlink serve` child process).
struct DemoNode {
    agencies: Vec<Party>,
    label: &'static str,
    store: Arc<Store>,
    running: Running,
}

/// Where a demo node runs.
enum Running {
    /// Inside the demo's process.
    InProcess {
        node: Arc<Node>,
        server: RunningServer,
    },
    /// A `labourlink serve --config` child process (held until the node is dropped), and its
    /// address.
    Process { _child: ChildNode, addr: String },
}

impl DemoNode {
    /// The node's counters (`/metrics`): in process, or asked over HTTP.
    fn metrics_text(&self) -> String {
        match &self.running {
            Running::InProcess { node, .. } => node.metrics_text(),
            Running::Process { addr, .. } => http_get(addr, "/metrics"),
        }
    }

    fn stop(self) {
        if let Running::InProcess { server, .. } = self.running {
            server.stop();
        }
        // A child process is stopped by the drop below.
    }
}

/// A `labourlink serve` child process that never outlives the demo, whatever ends it (an
/// error, a closed pipe): it is killed when this is dropped.
struct ChildNode(std::process::Child);

impl Drop for ChildNode {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A `GET` over loopback with the exchange client's agent (the demo's only use: a child
/// node's `/metrics`); empty on any failure.
fn http_get(addr: &str, path: &str) -> String {
    client::agent(Duration::from_secs(5))
        .get(&format!("http://{addr}{path}"))
        .call()
        .ok()
        .and_then(|mut r| r.body_mut().read_to_string().ok())
        .unwrap_or_default()
}

/// Writes a node's files into `dir` (its agencies' keys, the trust list, the anchor, a
/// `node.toml`) and starts `labourlink serve --config` on `addr`; returns once the node says
/// it listens.
fn spawn_node(
    dir: &std::path::Path,
    region: &str,
    addr: &str,
    store_url: &str,
    served: &[(Party, SigningKey)],
    tl_jws: &str,
    anchor: &SigningKey,
) -> Result<ChildNode> {
    use std::io::BufRead as _;
    let io = |e: std::io::Error| lib_err(format!("demo node {region}: {e}"));
    let node_dir = dir.join(region);
    std::fs::create_dir_all(&node_dir).map_err(io)?;
    std::fs::write(node_dir.join("tl.jws"), tl_jws).map_err(io)?;
    let mut jwk = anchor.verifying_key().to_jwk();
    jwk["kid"] = anchor.kid().into();
    std::fs::write(node_dir.join("anchor.jwk"), jwk.to_string()).map_err(io)?;
    let mut agencies = String::new();
    let mut first = String::new();
    for (i, (p, key)) in served.iter().enumerate() {
        let file = format!("key-{i}.pem");
        std::fs::write(node_dir.join(&file), key.to_pem().as_bytes()).map_err(io)?;
        let name = p.name.as_deref().unwrap_or_default();
        if i == 0 {
            first = format!(
                "agency = \"{}\"\nname = \"{name}\"\n[signing_key]\npath = \"{file}\"\nkid = \"{}\"\n",
                p.agency,
                key.kid()
            );
        } else {
            agencies.push_str(&format!(
                "[[agencies]]\nagency = \"{}\"\nname = \"{name}\"\nsigning_key = {{ path = \"{file}\", kid = \"{}\" }}\n",
                p.agency,
                key.kid()
            ));
        }
    }
    // The demo's own outboxes deliver; the node only receives.
    let toml = format!(
        "listen = \"{addr}\"\nstore = \"{store_url}\"\nregion = \"{region}\"\n{first}{agencies}\
         [trust_list]\npath = \"tl.jws\"\nanchor = \"anchor.jwk\"\n[outbox]\nenabled = false\n"
    );
    std::fs::write(node_dir.join("node.toml"), toml).map_err(io)?;
    let exe = std::env::current_exe().map_err(io)?;
    let mut child = std::process::Command::new(exe)
        .args(["serve", "--config", "node.toml", "--log-level", "error"])
        .current_dir(&node_dir)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::inherit())
        .spawn()
        .map_err(io)?;
    let Some(stdout) = child.stdout.take() else {
        return Err(lib_err("demo node: no standard output"));
    };
    let mut lines = std::io::BufReader::new(stdout);
    let mut first_line = String::new();
    let _ = lines.read_line(&mut first_line);
    if !first_line.contains(addr) {
        let _ = child.kill();
        return Err(lib_err(format!(
            "demo node {region} did not start: {}",
            first_line.trim()
        )));
    }
    // Keep reading: a closed pipe would fail the node's later lines.
    std::thread::spawn(move || std::io::copy(&mut lines, &mut std::io::sink()));
    Ok(ChildNode(child))
}

fn lib_err(msg: impl Into<String>) -> Error {
    Error::new(labourlink::ErrorCode::InputInvalid, msg)
}

/// Runs the demo: two inbox nodes on loopback — Ningbo's and Liangshan's, each receiving for
/// its region's social-insurance, medical-insurance and human-resources agencies with their own
/// receipt keys —
/// SQLite stores in a temporary folder, and real HTTP between them.
pub(crate) fn run(processes: bool) -> Result<()> {
    let clock = SystemClock;
    let now = clock.now().unix_seconds();
    let day = 86_400;
    println!(
        "labourlink demo — Liangshan (513400) ⇄ Ningbo (330200) over HTTP on 127.0.0.1, example keys only (示例密钥，仅供演示)"
    );
    // A fresh folder of the demo's own, with a name no other user can guess and readable by
    // its owner only: made, never taken over if it exists (audit s43 privacy F11: the
    // process id had named it, mode 0755, removed first whatever stood there).
    let dir = std::env::temp_dir().join(format!(
        "labourlink-demo-{}",
        labourlink::envelope::uuid_v7(clock.now())?
    ));
    let mut folder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut folder, 0o700);
    folder
        .create(&dir)
        .map_err(|e| lib_err(format!("cannot create {}: {e}", dir.display())))?;
    let result = run_in(&dir, &clock, now, day, processes);
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn run_in(
    dir: &std::path::Path,
    clock: &SystemClock,
    now: i64,
    day: i64,
    processes: bool,
) -> Result<()> {
    step(
        1,
        "Ningbo's trust anchor signs a trust list: each agency's key and where its inbox is.",
        "宁波信任锚签发信任列表：各单位的公钥及其收件地址。",
    );
    let pension = example("social_insurance.transfer_application")?;
    let roster_ex = example("worker_transfer.roster")?;
    let parties = [
        (agency_of(&pension, "to")?, "social_insurance.*"),
        (agency_of(&pension, "from")?, "social_insurance.*"),
        (agency_of(&roster_ex, "to")?, "worker_transfer.*"),
        (agency_of(&roster_ex, "from")?, "worker_transfer.*"),
        // The medical-insurance agencies (医疗保障局), distinct from the HRSS ones.
        (agency_from(&NB_MEDICAL)?, "social_insurance.*"),
        (agency_from(&LS_MEDICAL)?, "social_insurance.*"),
    ];
    let regions = [
        ("330200", "Ningbo node (宁波节点)"),
        ("513400", "Liangshan node (凉山节点)"),
    ];
    // Bind the listeners first: their ports go into the signed list. One node per region.
    let mut listeners = Vec::new();
    for _ in &regions {
        listeners.push(
            std::net::TcpListener::bind("127.0.0.1:0")
                .map_err(|e| lib_err(format!("cannot listen on 127.0.0.1: {e}")))?,
        );
    }
    let anchor = example_key("labourlink demo: Ningbo trust anchor", "330200-anchor-demo")?;
    let mut list = TrustList::new(2, Timestamp::from_unix_seconds(now + 30 * day));
    for (a, domain) in &parties {
        let l = regions
            .iter()
            .position(|(r, _)| *r == a.party.region)
            .and_then(|i| listeners.get(i))
            .ok_or_else(|| lib_err("no demo node for the region"))?;
        let port = l.local_addr().map_err(|e| lib_err(e.to_string()))?.port();
        list.add_key(
            KeyRecord::new(
                a.key.kid(),
                &a.party.region,
                &a.party.agency,
                a.key.verifying_key(),
                Timestamp::from_unix_seconds(now - day),
                None,
                demo_types(domain),
            )
            .with_endpoint(format!("http://127.0.0.1:{port}/v1/messages"))?,
        )?;
    }
    let anchor_party =
        Party::new("330200", "330200-trust-anchor").named("宁波市人力资源和社会保障局 信任锚");
    let tl_jws = list.sign(&anchor, anchor_party, clock)?;
    let pinned = vec![Anchor::new(anchor.kid(), anchor.verifying_key())];
    let loaded = TrustList::load(tl_jws.as_bytes(), &pinned, clock, DEFAULT_GRACE_SECONDS)?;
    println!(
        "    trust list sequence {} (schema {}), {} keys, verified against the pinned anchor '{}'",
        loaded.sequence,
        loaded.schema_version(),
        loaded.keys().len(),
        anchor.kid()
    );
    let trust = Arc::new(TrustStore::new(
        pinned.clone(),
        loaded.clone(),
        DEFAULT_GRACE_SECONDS,
    ));

    step(
        2,
        "Each region starts one inbox node for its agencies: an HTTP server with a SQLite store (收件端); each agency answers with receipts signed by its own key.",
        "两地各启动一个收件节点，为本地区各单位收件：HTTP 服务与 SQLite 存储；各单位以自己的密钥签发回执。",
    );
    let mut nodes = Vec::new();
    for ((region, label), l) in regions.into_iter().zip(listeners) {
        let file = dir.join(format!("{region}.db"));
        let store_url = format!("sqlite://{}", file.display());
        let store = Arc::new(Store::init(&store_url)?);
        let mut served = Vec::new();
        for (a, _) in parties.iter().filter(|(a, _)| a.party.region == region) {
            served.push((a.party.clone(), key_of(&a.party)?));
        }
        let agencies: Vec<Party> = served.iter().map(|(p, _)| p.clone()).collect();
        let (running, shown) = if processes {
            // The port is in the signed list: free it for the child, which binds it again.
            let addr = l
                .local_addr()
                .map_err(|e| lib_err(e.to_string()))?
                .to_string();
            drop(l);
            let child = spawn_node(dir, region, &addr, &store_url, &served, &tl_jws, &anchor)?;
            let shown = format!("http://{addr}  process {}", child.0.id());
            let running = Running::Process {
                _child: child,
                addr,
            };
            (running, shown)
        } else {
            let node = Arc::new(Node::serving(
                Arc::clone(&store),
                tl_jws.as_bytes(),
                &pinned,
                served,
                Limits::default(),
            )?);
            let server = RunningServer::start_on(Arc::clone(&node), l, None)?;
            let shown = format!("http://{}", server.local_addr());
            (Running::InProcess { node, server }, shown)
        };
        println!(
            "    {region} {label:<28} {shown}  receiving for {}",
            agencies
                .iter()
                .map(|p| p.agency.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
        nodes.push(DemoNode {
            agencies,
            label,
            store,
            running,
        });
    }

    let policy = DeliveryPolicy::default()
        .backoff(Duration::from_millis(50), Duration::from_millis(500))
        .give_up_after(Duration::from_secs(60));
    let mut n = 2;
    // Every chain runs between the same nodes, trust list, policy and clock.
    let mut chain = |title: &str,
                     title_zh: &str,
                     types: &[&str],
                     adapt: fn(&str, &mut serde_json::Value) -> Result<()>| {
        exchange_chain(
            title, title_zh, types, adapt, &nodes, &trust, &loaded, policy, clock, &mut n,
        )
    };
    let pension_case = case_of(&pension).0.to_owned();
    chain(
        "A pension transfer case over HTTP (养老保险关系转移接续): application → contact letter → information table → fund transfer → completion. Each message goes into its sender's outbox, is posted to the inbox named in the trust list, verified there (every stage), stored, and answered with a signed receipt that the sender verifies.",
        "养老保险关系转移：申请 → 联系函 → 信息表 → 基金划转 → 办结；每条报文先入发件箱，按信任列表中的地址投递，收件端全量验证、存储并回复签名回执，发件方验证回执。",
        &[
            "social_insurance.transfer_application",
            "social_insurance.contact_letter",
            "social_insurance.transfer_information",
            "social_insurance.fund_transfer",
            "social_insurance.transfer_completion",
        ],
        keep,
    )?;
    chain(
        "The benefit place at retirement (待遇领取地确定, 国办发〔2009〕66号 art. 6): Ningbo asks Liangshan, the last place with ten years, to be the benefit place; Liangshan decides and lists what is aggregated (Ningbo's relation and funds, a temporary account elsewhere).",
        "待遇领取地确定：宁波向最后一个累计缴费满10年的参保地凉山提出确定请求；凉山作出决定并列明归集安排（宁波的关系和资金、外地临时缴费账户）。",
        &[
            "social_insurance.benefit_place_request",
            "social_insurance.benefit_place_decision",
        ],
        keep,
    )?;
    chain(
        "A medical transfer between the medical-insurance agencies (医保关系转移接续, 医保办发〔2021〕43号): application at the new place → information table → personal-account funds → completion.",
        "医保关系转移接续（医疗保障局之间）：转入地申请 → 参保信息表 → 个人账户资金划转 → 办结。",
        &[
            "social_insurance.transfer_application",
            "social_insurance.transfer_information",
            "social_insurance.fund_transfer",
            "social_insurance.transfer_completion",
        ],
        medical,
    )?;
    chain(
        "The labour-cooperation agreement (劳务协作协议) that fixes the retention milestones (3, 6, 9 months) and the subsidies (交通补贴, 稳岗补助, 劳务补助) retention reports claim.",
        "劳务协作协议：约定稳岗节点（3、6、9个月）和补贴项目（交通补贴、稳岗补助、劳务补助），稳岗报告据此申请。",
        &["worker_transfer.cooperation_agreement"],
        keep,
    )?;
    let roster = chain(
        "A worker transfer over HTTP (劳务协作): roster → roster reply → arrival.",
        "劳务协作：人员名单 → 名单接收结果 → 到岗确认。",
        &[
            "worker_transfer.roster",
            "worker_transfer.roster_reply",
            "worker_transfer.arrival",
        ],
        keep,
    )?;

    chain(
        "A work-injury case between the HRSS bureaus (工伤, 工伤保险条例 art. 17–23): Ningbo reports the accident and the employer's application for 工伤认定; the decision follows — recognised, disability grade 10, the one-off subsidy paid to the worker who has gone home.",
        "工伤案件（两地人社局之间）：宁波通报事故及用人单位的工伤认定申请；随后通报认定结论——认定工伤、十级伤残，一次性伤残补助金支付给已返乡的职工。",
        &[
            "worker_rights.work_injury_notice",
            "worker_rights.work_injury_decision",
        ],
        keep,
    )?;

    n += 1;
    step(
        n,
        "The roster is delivered a second time (a retry after a lost answer): the inbox answers with the same receipt and accepts nothing twice.",
        "名单被再次投递（应答丢失后的重试）：收件端返回同一回执，不重复接收。",
    );
    let first_roster = roster
        .first()
        .ok_or_else(|| lib_err("no roster was sent"))?;
    let again = client::deliver(
        &first_roster.endpoint,
        &first_roster.jws,
        &SendOptions::default(),
    )?;
    println!(
        "    → HTTP {}; the same receipt bytes as the first time: {}",
        again.status,
        Some(&again.receipt) == first_roster.receipt.as_ref()
    );

    n += 1;
    step(
        n,
        "Someone alters a worker's name in transit; the inbox refuses it with a signed 'rejected' receipt that names the reason.",
        "有人在传输中篡改了人员姓名；收件端以签名的“拒收”回执说明原因。",
    );
    let tampered = tamper(&first_roster.jws, &roster_ex)?;
    let refused = client::deliver(&first_roster.endpoint, &tampered, &SendOptions::default())?;
    let body = client::read_receipt_unverified(&refused.receipt, &tampered)?;
    println!(
        "    → HTTP {}, receipt status rejected: {}",
        refused.status, !body.accepted
    );
    for e in &body.errors {
        println!(
            "      {} at {}: {}",
            e.code,
            if e.path.is_empty() { "/" } else { &e.path },
            e.message
        );
    }

    n += 1;
    step(
        n,
        "What the nodes remember (their SQLite stores): cases with the next step and its deadline, the archive, the outbox.",
        "各节点的记录（SQLite）：案件的下一步与期限、报文存档、发件箱。",
    );
    for d in &nodes {
        let store = &d.store;
        let archived = store.archive_len()?;
        let delivered = store
            .outbox_counts()?
            .into_iter()
            .find(|(s, _)| *s == OutboxState::Delivered)
            .map_or(0, |(_, n)| n);
        println!(
            "    {} — {archived} messages archived, {delivered} delivered from its outbox",
            d.label
        );
        for case_id in [
            pension_case.as_str(),
            "330200-SI-2026-000207",
            MEDICAL_CASE_ID,
            "330200-WT-2026-000042",
            "330200-QY-2026-000044",
        ] {
            for c in store.case(case_id).unwrap_or_default() {
                println!(
                    "      case {} ({}): {}, last {}, {}",
                    c.case_id,
                    c.case_type,
                    c.status.as_str(),
                    c.last_type,
                    match (c.awaited.first(), &c.due) {
                        (Some(w), Some(due)) => format!(
                            "awaiting {} by {} ({})",
                            w.message_type, due.on, due.parameter
                        ),
                        (Some(w), None) => format!("awaiting {}", w.message_type),
                        _ => "nothing awaited".to_owned(),
                    }
                );
            }
        }
    }
    let metrics = nodes
        .iter()
        .find(|d| {
            d.agencies
                .iter()
                .any(|p| p.agency == first_roster.to_agency)
        })
        .map(DemoNode::metrics_text)
        .unwrap_or_default();
    for l in metrics
        .lines()
        .filter(|l| l.starts_with("labourlink_messages_"))
    {
        println!("      {l}");
    }
    for d in nodes {
        d.stop();
    }
    wrong_party(clock, n + 1)?;
    println!(
        "\ndone. Run a node yourself: docs/EXCHANGE.md (labourlink serve --config node.toml); see README.md for the CLI walk-through."
    );
    Ok(())
}

/// A sent message of the demo: where it went and what came back.
struct Sent {
    jws: Vec<u8>,
    endpoint: String,
    to_agency: String,
    receipt: Option<Vec<u8>>,
}

/// The message types a demo party's key is allowed: its domain and receipts; the HRSS
/// bureaus also the worker-rights cases (labour inspection, 劳务协作站; issue 11 item 9).
fn demo_types(domain: &str) -> Vec<String> {
    let mut types = vec![domain.to_owned(), "receipt".to_owned()];
    if domain == "worker_transfer.*" {
        types.push("worker_rights.*".to_owned());
    }
    types
}

/// Re-issues the example bodies of `types` (each changed by `adapt`) as a case: each message
/// answers the one before,
/// is signed by its sender, queued in the sender node's outbox, delivered over HTTP to the
/// addressee's inbox (its URL from the trust list) and receipted; the receipt is verified
/// by the sender's outbox.
#[allow(clippy::too_many_arguments)]
fn exchange_chain(
    title: &str,
    title_zh: &str,
    types: &[&str],
    adapt: fn(&str, &mut serde_json::Value) -> Result<()>,
    nodes: &[DemoNode],
    trust: &Arc<TrustStore>,
    list: &TrustList,
    policy: DeliveryPolicy,
    clock: &SystemClock,
    n: &mut u32,
) -> Result<Vec<Sent>> {
    *n += 1;
    step(*n, title, title_zh);
    let mut previous: Option<String> = None;
    let mut out = Vec::new();
    for t in types {
        let mut ex = example(t)?;
        adapt(t, &mut ex)?;
        let (from, to) = (agency_of(&ex, "from")?, agency_of(&ex, "to")?);
        let (case_id, case_type) = case_of(&ex);
        let mut b = Document::builder(*t, from.party.clone(), to.party.clone())
            .case(case_id, case_type)
            .body(ex["body"].clone());
        if let Some(p) = &previous {
            b = b.in_reply_to(p.as_str());
        }
        let doc = b.build(clock)?;
        let jws = labourlink::sign(&doc.to_value(), &[&from.key])?.into_bytes();
        let sender = nodes
            .iter()
            .find(|d| d.agencies.contains(&from.party))
            .ok_or_else(|| lib_err("no demo node for the sender"))?;
        let endpoint = outbox::resolve_destination(&jws, None, Some(list))?;
        let outbox = Outbox::new(Arc::clone(&sender.store), Arc::clone(trust), policy);
        let queued = outbox::enqueue(&sender.store, &jws, &endpoint, clock.now(), &policy)?;
        let item = outbox.deliver_now(queued.seq, clock.now().add_seconds(30))?;
        let status = match (item.state, &item.receipt) {
            (OutboxState::Delivered, Some(_)) => "accepted, receipt verified".to_owned(),
            (OutboxState::Rejected, Some(r)) => {
                let body = client::read_receipt_unverified(r, &jws)?;
                format!(
                    "REJECTED: {}",
                    body.errors
                        .iter()
                        .map(|e| e.code.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
            (state, _) => format!(
                "{} ({})",
                state.as_str(),
                item.last_error.as_deref().unwrap_or("")
            ),
        };
        println!(
            "    {} → {}  {:<40} HTTP {} {}",
            from.party.region,
            to.party.region,
            t,
            item.http_status.map_or("-".to_owned(), |s| s.to_string()),
            status
        );
        previous = Some(doc.id.clone());
        out.push(Sent {
            jws,
            endpoint: endpoint.url,
            to_agency: to.party.agency.clone(),
            receipt: item.receipt,
        });
    }
    Ok(out)
}

/// The example as it is.
fn keep(_: &str, _: &mut serde_json::Value) -> Result<()> {
    Ok(())
}

/// Ningbo's medical-insurance agency (the catalogue test key `nb-yb`'s party).
const NB_MEDICAL: [&str; 3] = ["330200", "11330200MB0Y20619P", "宁波市医疗保障局"];
/// Liangshan's medical-insurance agency (`ls-yb`).
const LS_MEDICAL: [&str; 3] = ["513400", "11513400MB1Y340788", "凉山彝族自治州医疗保障局"];
/// The medical transfer case of the demo.
const MEDICAL_CASE_ID: &str = "330200-YB-2026-000031";

/// The pension example of `t` turned into the same step of an employee medical transfer
/// (scheme 310) between the medical-insurance agencies: the 2021 procedure, applied for at the
/// new place (Ningbo), the information table and the personal-account balance from the
/// original place (Liangshan), the completion from Ningbo.
fn medical(t: &str, ex: &mut serde_json::Value) -> Result<()> {
    use serde_json::json;
    let party = |p: &[&str; 3]| json!({"region": p[0], "agency": p[1], "name": p[2]});
    let (nb, ls) = (party(&NB_MEDICAL), party(&LS_MEDICAL));
    let (from, to) = match t {
        "social_insurance.transfer_application" | "social_insurance.transfer_completion" => {
            (nb.clone(), ls.clone())
        }
        _ => (ls.clone(), nb.clone()),
    };
    ex["from"] = from;
    ex["to"] = to;
    ex["case"] = json!({"id": MEDICAL_CASE_ID, "type": "social_insurance.medical_transfer"});
    let balance = 356_820; // 个人账户余额, fen
    let body = &mut ex["body"];
    body["scheme"] = "310".into();
    match t {
        "social_insurance.transfer_application" => {
            body["application_number"] = "330200-YB-SQ-2026-000031".into();
            body["original_agency"] =
                json!({"region": LS_MEDICAL[0], "code": LS_MEDICAL[1], "name": LS_MEDICAL[2]});
            body["new_agency"] =
                json!({"region": NB_MEDICAL[0], "code": NB_MEDICAL[1], "name": NB_MEDICAL[2]});
        }
        "social_insurance.transfer_information" => {
            let Some(b) = body.as_object_mut() else {
                return Err(lib_err("the information-table example has no body"));
            };
            for pension_only in [
                "years",
                "totals",
                "back_payments",
                "withheld_periods",
                "temporary_account",
                "attachments",
            ] {
                b.remove(pension_only);
            }
            b.insert(
                "information_number".into(),
                "513400-YB-XXB-2026-000031".into(),
            );
            // 36 + 78 months of the example's two insured periods.
            b.insert(
                "medical".into(),
                json!({
                    "contribution_months": 114,
                    "continuous_months": 78,
                    "last_contribution_month": "2025-12",
                    "suspended_on": "2026-01-05",
                    "personal_account_balance_fen": balance
                }),
            );
            b.insert("transfer_fen".into(), balance.into());
        }
        "social_insurance.fund_transfer" => {
            body["amount_fen"] = balance.into();
            body["components"] = json!({"personal_account_fen": balance});
            body["payment_reference"] = "LSYB20261112000031".into();
            body["payer_account"]["account_name"] =
                "凉山彝族自治州职工基本医疗保险基金支出户".into();
            body["payee_account"]["account_name"] = "宁波市职工基本医疗保险基金收入户".into();
        }
        _ => {
            body["received_fen"] = balance.into();
            body["payment_reference"] = "LSYB20261112000031".into();
            body["credited_months"] = 114.into();
            body["medical_continuity"] =
                json!({"scheme": "310", "gap_months": 2, "back_paid": true, "waiting_months": 0});
        }
    }
    Ok(())
}

/// The JWS with a worker's name changed in its payload (the signature no longer fits).
fn tamper(jws: &[u8], roster_ex: &serde_json::Value) -> Result<Vec<u8>> {
    let mut v: serde_json::Value =
        serde_json::from_slice(jws).map_err(|e| lib_err(e.to_string()))?;
    let payload =
        labourlink::b64::decode(v["payload"].as_str().unwrap_or(""), "payload", "/payload")?;
    let name = roster_ex["body"]["workers"][0]["person"]["name"]
        .as_str()
        .unwrap_or("吉克样例");
    let altered = String::from_utf8_lossy(&payload).replacen(name, "张三", 1);
    v["payload"] = labourlink::b64::encode(altered.as_bytes()).into();
    Ok(v.to_string().into_bytes())
}

/// One party of the example exchanges, with its own example key.
struct Agency {
    party: Party,
    key: SigningKey,
}

/// A party given as region, agency code and name, with its example key.
fn agency_from(p: &[&str; 3]) -> Result<Agency> {
    let party = Party::new(p[0], p[1]).named(p[2]);
    Ok(Agency {
        key: key_of(&party)?,
        party,
    })
}

fn agency_of(doc: &serde_json::Value, side: &str) -> Result<Agency> {
    let p = &doc[side];
    let region = p["region"].as_str().unwrap_or_default();
    let agency = p["agency"].as_str().unwrap_or_default();
    let mut party = Party::new(region, agency);
    party.name = p["name"].as_str().map(str::to_owned);
    Ok(Agency {
        key: key_of(&party)?,
        party,
    })
}

/// The example key of a party (derived from its region and agency).
fn key_of(party: &Party) -> Result<SigningKey> {
    let kid = format!("{}-{}-demo", party.region, party.agency.to_lowercase());
    example_key(&format!("labourlink demo: {kid}"), &kid)
}

fn example(t: &str) -> Result<serde_json::Value> {
    labourlink::schema::example(t).ok_or_else(|| {
        Error::new(
            labourlink::ErrorCode::InputInvalid,
            format!("no example for {t}"),
        )
    })
}

fn case_of(doc: &serde_json::Value) -> (&str, &str) {
    let c = &doc["case"];
    (
        c["id"].as_str().unwrap_or_default(),
        c["type"].as_str().unwrap_or_default(),
    )
}

/// The last step, in memory: a reply from the wrong party is refused by the flow table.
fn wrong_party(clock: &SystemClock, n: u32) -> Result<()> {
    step(
        n,
        "Ningbo sends the information table that Liangshan owes: a reply from the wrong party is refused (the flow table, in memory).",
        "宁波代替凉山发出信息表：错误一方发出的答复被拒绝（流程表，内存中验证）。",
    );
    let letter_ex = example("social_insurance.contact_letter")?;
    let (nb, ls) = (agency_of(&letter_ex, "from")?, agency_of(&letter_ex, "to")?);
    let mut list = TrustList::new(
        3,
        Timestamp::from_unix_seconds(clock.now().unix_seconds() + 86_400),
    );
    for a in [&ls, &nb] {
        list.add_key(KeyRecord::new(
            a.key.kid(),
            &a.party.region,
            &a.party.agency,
            a.key.verifying_key(),
            Timestamp::from_unix_seconds(0),
            None,
            vec!["social_insurance.*".into()],
        ))?;
    }
    let (case_id, case_type) = case_of(&letter_ex);
    let letter = Document::builder(
        "social_insurance.contact_letter",
        nb.party.clone(),
        ls.party.clone(),
    )
    .case(case_id, case_type)
    .body(letter_ex["body"].clone())
    .build(clock)?;
    let at_ls = Verifier::builder()
        .trust_list(list)
        .region(ls.party.region.clone())
        .build()?;
    let letter_v = at_ls.verify(labourlink::sign(&letter.to_value(), &[&nb.key])?.as_bytes())?;
    let table = example("social_insurance.transfer_information")?;
    let wrong = Document::builder(
        "social_insurance.transfer_information",
        nb.party.clone(),
        ls.party.clone(),
    )
    .case(case_id, case_type)
    .in_reply_to(letter_v.id())
    .body(table["body"].clone())
    .build(clock)?;
    match at_ls.verify_reply(
        labourlink::sign(&wrong.to_value(), &[&nb.key])?.as_bytes(),
        &letter_v,
    ) {
        Ok(_) => println!("    → UNEXPECTEDLY ACCEPTED"),
        Err(e) => show_rejection(&e),
    }
    Ok(())
}
