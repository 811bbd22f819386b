//! A bounded load generator against one inbox on loopback (`bench/inbox.sh`): N signed
//! information tables (`social_insurance.transfer_information`, the catalogue example: a
//! 3.7 KB document) posted by C client threads to a node with a SQLite store, every answer a
//! verified-and-committed signed receipt; next to the same messages verified in memory, one
//! thread and with the engine of `verify --batch` (`Verifier::verify_many_map`, all cores,
//! each result reduced and dropped on the worker that verified it, as the CLI does), in the
//! same run. Prints a Markdown table: messages per second (wall), the
//! server's CPU seconds (the process's, less what the client threads used: each reads its own
//! `/proc/thread-self/schedstat`), p50 and p99 latency.
//!
//! ```text
//! cargo run --release -p labourlink-exchange --example inbox_load -- [N=2000] [C=8]
//! ```
//!
//! It allocates with mimalloc, as the `labourlink` binary that runs `serve` does
//! (`cli/Cargo.toml`), so that the figures are those of the inbox a partner runs; built for a
//! musl target (`cargo zigbuild --release --target x86_64-unknown-linux-musl`), those of the
//! static binary.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::panic
)]

/// The `labourlink` binary's allocator (see the module documentation).
#[cfg(feature = "server")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::sync::Arc;
use std::time::{Duration, Instant};

use labourlink::envelope::{Document, Party};
use labourlink::keys::SigningKey;
use labourlink::time::{Clock as _, SystemClock};
use labourlink::trust::{Anchor, KeyRecord, TrustList};
use labourlink::verify::Verifier;
use labourlink_exchange::client;
use labourlink_exchange::server::RunningServer;
use labourlink_exchange::{Limits, Node};
use labourlink_store::Store;

/// User + system CPU seconds of this process so far (Linux `/proc/self/stat`, 100 ticks/s).
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let rest = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    // Fields 14 and 15 (utime, stime) are at 11 and 12 after the command name.
    (ticks(11) + ticks(12)) / 100.0
}

/// CPU seconds of the calling thread so far (Linux `/proc/thread-self/schedstat`: time on a
/// CPU in nanoseconds).
fn thread_cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(0.0, |ns| ns / 1e9)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// What one HTTP run measured.
struct HttpRun {
    wall: Duration,
    server_cpu: f64,
    client_cpu: f64,
    latencies: Vec<Duration>,
}

/// Posts `messages` from `c` client threads to a node on `store_url` (initialised here).
fn http_run(
    store_url: &str,
    messages: &[Arc<Vec<u8>>],
    c: usize,
    tl: &str,
    anchors: &[Anchor],
    receiver: &dyn Fn() -> SigningKey,
    to: &Party,
) -> HttpRun {
    let n = messages.len();
    let store = Arc::new(Store::init(store_url).unwrap());
    let node = Arc::new(
        Node::new(
            store,
            tl.as_bytes(),
            anchors,
            receiver(),
            to.clone(),
            // One client address sends everything: no per-client rate limit here.
            Limits::default().client_rate(0, 1),
        )
        .unwrap(),
    );
    let server = RunningServer::start(Arc::clone(&node), "127.0.0.1:0".parse().unwrap()).unwrap();
    let url = format!("http://{}/v1/messages", server.local_addr());
    let (cpu0, t0) = (cpu_seconds(), Instant::now());
    let handles: Vec<_> = (0..c)
        .map(|k| {
            let mine: Vec<Arc<Vec<u8>>> = messages.iter().skip(k).step_by(c).cloned().collect();
            let url = url.clone();
            std::thread::spawn(move || {
                let cpu0 = thread_cpu_seconds();
                let agent = client::agent(Duration::from_secs(30));
                let mut lat = Vec::with_capacity(mine.len());
                for m in mine {
                    let s = Instant::now();
                    match client::post_once(&agent, &url, &m) {
                        client::PostOutcome::Receipt { status: 200, .. } => lat.push(s.elapsed()),
                        other => panic!("not accepted: {other:?}"),
                    }
                }
                (lat, thread_cpu_seconds() - cpu0)
            })
        })
        .collect();
    let mut latencies: Vec<Duration> = Vec::with_capacity(n);
    let mut client_cpu = 0.0;
    for h in handles {
        let (l, cpu) = h.join().unwrap();
        latencies.extend(l);
        client_cpu += cpu;
    }
    let (wall, process_cpu) = (t0.elapsed(), cpu_seconds() - cpu0);
    server.stop();
    latencies.sort();
    assert_eq!(latencies.len(), n);
    // The server's share: the process's CPU without the client threads' own.
    HttpRun {
        wall,
        server_cpu: (process_cpu - client_cpu).max(0.0),
        client_cpu,
        latencies,
    }
}

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .map(|a| a.parse().expect("N and C are numbers"))
        .collect();
    let n = args.first().copied().unwrap_or(2000);
    let c = args.get(1).copied().unwrap_or(8).max(1);
    let ex = labourlink::schema::example("social_insurance.transfer_information").unwrap();
    let party = |side: &str| {
        Party::new(
            ex[side]["region"].as_str().unwrap(),
            ex[side]["agency"].as_str().unwrap(),
        )
    };
    let (from, to) = (party("from"), party("to"));
    let anchor = SigningKey::from_seed(&[9; 32], "330200-anchor-load").unwrap();
    let sender = SigningKey::from_seed(&[1; 32], "513400-si-load").unwrap();
    let receiver_key = || SigningKey::from_seed(&[2; 32], "330200-si-load").unwrap();
    let receiver = receiver_key();
    let now = SystemClock.now();
    // A PostgreSQL store outlives the run: each run's list must be newer than the last one's.
    let sequence = u64::try_from(now.unix_millis()).unwrap();
    let mut list = TrustList::new(sequence, now.add_seconds(30 * 86_400));
    for (k, p) in [(&sender, &from), (&receiver, &to)] {
        list.add_key(KeyRecord::new(
            k.kid(),
            &p.region,
            &p.agency,
            k.verifying_key(),
            now.add_seconds(-86_400),
            None,
            vec!["social_insurance.*".into(), "receipt".into()],
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
    let anchors = [Anchor::new(anchor.kid(), anchor.verifying_key())];
    let messages: Vec<Arc<Vec<u8>>> = (0..n)
        .map(|i| {
            let doc = Document::builder(ex["type"].as_str().unwrap(), from.clone(), to.clone())
                .case(
                    format!("513400-SI-2026-{i:06}"),
                    "social_insurance.pension_transfer",
                )
                .body(ex["body"].clone())
                .build(&SystemClock)
                .unwrap();
            Arc::new(
                labourlink::sign(&doc.to_value(), &[&sender])
                    .unwrap()
                    .into_bytes(),
            )
        })
        .collect();
    let bytes = messages[0].len();

    // In memory, in passes over the messages until a second of CPU is measured:
    // /proc/self/stat counts 10 ms ticks, and one pass of 3 000 messages takes about 0.15 s
    // (±7 % in one pass). Each pass verifies with a fresh verifier, so no message is a replay;
    // the figures are per pass.
    let fresh = || {
        Verifier::builder()
            .trust_list(TrustList::load(tl.as_bytes(), &anchors, &SystemClock, 604_800).unwrap())
            .region(to.region.as_str())
            .agency(to.agency.as_str())
            .build()
            .unwrap()
    };
    let in_passes = |pass: &dyn Fn()| -> (Duration, f64, u32) {
        let (cpu0, t0) = (cpu_seconds(), Instant::now());
        let mut passes = 0u32;
        loop {
            pass();
            passes += 1;
            let cpu = cpu_seconds() - cpu0;
            if cpu >= 1.0 || passes >= 50 {
                return (t0.elapsed() / passes, cpu / f64::from(passes), passes);
            }
        }
    };
    // One thread: the full default pipeline.
    let (mem_wall, mem_cpu, mem_passes) = in_passes(&|| {
        let verifier = fresh();
        for m in &messages {
            verifier.verify(m).unwrap();
        }
    });
    // The engine of `labourlink verify --batch` without a store (`Verifier::verify_many_map`,
    // one worker per core, each result reduced on its worker, results in input order).
    let (batch_wall, batch_cpu, batch_passes) = in_passes(&|| {
        let mut batch_ok = 0usize;
        fresh().verify_many_map(
            messages.iter().map(|m| m.as_slice()),
            0,
            |_, r| r.is_ok(),
            |_, ok| batch_ok += usize::from(ok),
        );
        assert_eq!(batch_ok, n);
    });

    // Over HTTP to a node with a SQLite store, then PostgreSQL when a URL is given.
    let dir = std::env::temp_dir().join(format!("labourlink-inbox-load-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut runs = vec![(
        "SQLite",
        http_run(
            &format!("sqlite://{}", dir.join("node.db").display()),
            &messages,
            c,
            &tl,
            &anchors,
            &receiver_key,
            &to,
        ),
    )];
    if let Ok(url) = std::env::var("LABOURLINK_BENCH_POSTGRES_URL") {
        runs.push((
            "PostgreSQL",
            http_run(&url, &messages, c, &tl, &anchors, &receiver_key, &to),
        ));
    }
    let _ = std::fs::remove_dir_all(&dir);

    let rate = |d: Duration| n as f64 / d.as_secs_f64();
    let per_cpu = |s: f64| if s > 0.0 { n as f64 / s } else { f64::NAN };
    println!(
        "{n} messages of {bytes} bytes (JWS), {c} client threads, {} CPUs",
        std::thread::available_parallelism().map_or(0, usize::from)
    );
    println!();
    println!("| run | msg/s (wall) | server CPU s | msg per server CPU-second | p50 | p99 |");
    println!("|---|---:|---:|---:|---:|---:|");
    println!(
        "| in memory, one thread (`Verifier::verify`; per pass, {mem_passes} passes) | {:.0} | {mem_cpu:.3} | {:.0} | | |",
        rate(mem_wall),
        per_cpu(mem_cpu)
    );
    println!(
        "| in memory, `verify --batch` engine (`Verifier::verify_many_map`, all cores; per pass, {batch_passes} passes) | {:.0} | {batch_cpu:.3} | {:.0} | | |",
        rate(batch_wall),
        per_cpu(batch_cpu)
    );
    for (name, r) in &runs {
        println!(
            "| HTTP inbox, {name}, signed receipts | {:.0} | {:.2} | {:.0} | {:.1} ms | {:.1} ms |",
            rate(r.wall),
            r.server_cpu,
            per_cpu(r.server_cpu),
            percentile(&r.latencies, 0.5).as_secs_f64() * 1e3,
            percentile(&r.latencies, 0.99).as_secs_f64() * 1e3
        );
    }
    println!();
    for (name, r) in &runs {
        println!(
            "{name}: per server CPU-second, HTTP ÷ in memory {:.0} % (one thread), {:.0} % (`verify --batch` engine) (target ≥ 40 %); with the client threads' {:.2} CPU s, {:.0} msg per CPU-second",
            100.0 * per_cpu(r.server_cpu) / per_cpu(mem_cpu),
            100.0 * per_cpu(r.server_cpu) / per_cpu(batch_cpu),
            r.client_cpu,
            per_cpu(r.server_cpu + r.client_cpu)
        );
    }
}
