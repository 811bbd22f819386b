//! (e) labourlink native in the peer-stack comparison (`bench/compare/run.sh`): the inputs of
//! `bench_inputs compare DIR`, verified one by one on one thread with `Verifier::verify` and
//! the schema stage (the work the peer stacks do: JWS, key by kid, signature, canonical
//! payload, schema — plus labourlink's envelope and key checks).
//!
//! `compare_native DIR SIZE SECONDS [--no-schema]` prints one JSON line, as the other runners:
//! `{"impl","size","messages","passes","best_rate","median_rate","note"}` — every message once
//! (warm-up, each must verify), then passes over all of them until SECONDS have gone by (at
//! least 3); `best_rate` is messages per second of the fastest pass.
//!
//! `compare_native DIR SIZE SECONDS --many THREADS` times the batch instead: the **default**
//! pipeline (stages 1–8, replay guard included: a fresh verifier per pass, built outside the
//! timing) over all the messages with `Verifier::verify_many(messages, THREADS, …)` — the
//! native counterpart of `bench/python_threads.py`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::path::Path;
use std::time::{Duration, Instant};

use labourlink::time::{FixedClock, Timestamp};
use labourlink::trust::{Anchor, DEFAULT_GRACE_SECONDS, TrustList};
use labourlink::verify::Verifier;
use serde_json::{Value, json};

/// The 30 KB roster carries the catalogue example's date (March): a maximum age of a year keeps
/// it live at the fixture's "now", as in `benches/common` (the check costs the same whatever
/// the limit).
const MAX_AGE: i64 = 366 * 86_400;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 3 {
        eprintln!("usage: compare_native DIR SIZE SECONDS [--no-schema]");
        std::process::exit(2);
    }
    let dir = Path::new(&args[0]);
    let size = &args[1];
    let seconds: f64 = args[2].parse().expect("SECONDS");
    let schema = !args.iter().any(|a| a == "--no-schema");
    let many: Option<usize> = args
        .iter()
        .position(|a| a == "--many")
        .map(|i| args[i + 1].parse().expect("THREADS"));

    let read = |name: &str| std::fs::read(dir.join(name)).unwrap();
    let meta: Value = serde_json::from_slice(&read("meta.json")).unwrap();
    let clock = FixedClock(Timestamp::parse(meta["now"].as_str().unwrap()).unwrap());
    let anchor = Anchor::from_jwk(&serde_json::from_slice(&read("anchor.jwk")).unwrap()).unwrap();
    let list = TrustList::load(
        &read("trust_list.jws"),
        &[anchor],
        &clock,
        DEFAULT_GRACE_SECONDS,
    )
    .unwrap();
    // The same work as the Python and Node stacks compared against (signature, canonical
    // form, schema): no business rules, and no replay guard since every message is verified
    // many times over.
    let text = read(&format!("messages-{size}.ndjson"));
    let messages: Vec<&[u8]> = text
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .collect();
    if let Some(threads) = many {
        let fresh = || -> Verifier {
            Verifier::builder()
                .trust_list(list.clone())
                .region(meta["region"].as_str().unwrap())
                .clock(clock)
                .max_age_seconds(MAX_AGE)
                .build()
                .unwrap()
        };
        let pass = |v: &Verifier| {
            let mut ok = 0usize;
            v.verify_many(messages.iter().copied(), threads, |_, r| {
                r.unwrap();
                ok += 1;
            });
            assert_eq!(ok, messages.len());
        };
        pass(&fresh());
        let mut rates = Vec::new();
        let deadline = Instant::now() + Duration::from_secs_f64(seconds);
        while rates.len() < 3 || Instant::now() < deadline {
            let v = fresh();
            let t0 = Instant::now();
            pass(&v);
            rates.push(messages.len() as f64 / t0.elapsed().as_secs_f64());
        }
        rates.sort_by(f64::total_cmp);
        let n = rates.len();
        println!(
            "{}",
            json!({"impl": format!("labourlink native verify_many, {threads} thread(s)"),
                   "size": size, "messages": messages.len(), "passes": n,
                   "best_rate": rates[n - 1], "median_rate": rates[n / 2],
                   "note": "default pipeline (stages 1-8)"})
        );
        return;
    }
    let mut d = Verifier::builder()
        .trust_list(list)
        .region(meta["region"].as_str().unwrap())
        .clock(clock)
        .max_age_seconds(MAX_AGE)
        .dangerous()
        .skip_rules()
        .without_replay_guard();
    if !schema {
        d = d.skip_schema();
    }
    let verifier = d.done().build().unwrap();
    for m in &messages {
        verifier.verify(m).unwrap();
    }
    let mut rates = Vec::new();
    let deadline = Instant::now() + Duration::from_secs_f64(seconds);
    while rates.len() < 3 || Instant::now() < deadline {
        let t0 = Instant::now();
        for m in &messages {
            verifier.verify(m).unwrap();
        }
        rates.push(messages.len() as f64 / t0.elapsed().as_secs_f64());
    }
    rates.sort_by(f64::total_cmp);
    let n = rates.len();
    let median = if n % 2 == 1 {
        rates[n / 2]
    } else {
        f64::midpoint(rates[n / 2 - 1], rates[n / 2])
    };
    let (name, note) = if schema {
        ("labourlink native (Rust)", "")
    } else {
        ("labourlink native, no schema", "stages 1-5 only")
    };
    println!(
        "{}",
        json!({"impl": name, "size": size, "messages": messages.len(), "passes": n,
               "best_rate": rates[n - 1], "median_rate": median, "note": note})
    );
}
