//! The verify ÷ floor ratio measured in interleaved slices, for a shared or loaded machine.
//!
//! Criterion times one benchmark after another, so a neighbour's load that comes and goes
//! lands on one side of a ratio. Here each slice times 20 bare ring Ed25519 verifies of the
//! signing input and then 20 `Verifier::verify` calls of the same message, a few milliseconds
//! apart; the ratio of each slice is taken and the median over all slices reported, together
//! with the fastest slice of each kind. The `default` row verifies a pool of distinct
//! messages (its replay guard refuses repeats), so its floor verifies the signing inputs and
//! signatures of the same messages in the same order: the same bytes, from the same caches.
//!
//! `floor_ratio [SECONDS_PER_SIZE]` (default 5) prints a Markdown table for the messages of
//! `benches/common` (1, 3, 30 KB) and the pipelines `pipeline` (stages 1–5), `schema` (1–6)
//! `rules` (1–7) and `default` (1–8: the library's default verifier, replay guard included).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

/// `--features mimalloc`: the `labourlink` binary's allocator instead of the system's.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "../benches/common/mod.rs"]
mod common;

use std::hint::black_box;
use std::time::{Duration, Instant};

use ring::signature::{ED25519, UnparsedPublicKey};

const PER_SLICE: u32 = 20;

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        f64::midpoint(v[n / 2 - 1], v[n / 2])
    }
}

/// Distinct messages per size for the default pipeline (its replay guard refuses repeats).
const POOL: usize = 400;

fn main() {
    let seconds: f64 = std::env::args()
        .nth(1)
        .map_or(5.0, |s| s.parse().expect("SECONDS_PER_SIZE"));
    let fx = common::fixture();
    println!(
        "| size | pipeline | fastest ring verify | fastest verify | median of slice ratios | slices |"
    );
    println!("|---|---|---:|---:|---:|---:|");
    for size in common::Size::ALL {
        let jws = fx.message(size, 0);
        let (input, sig) = common::signed_parts(&jws);
        let public = fx.signer(size).verifying_key().as_bytes().to_vec();
        // The library's default pipeline records every message in its replay guard: it gets
        // a pool of distinct messages and a fresh guard (outside the timed slice) when the
        // pool is used up.
        let pool: Vec<String> = (1..=POOL).map(|i| fx.message(size, i)).collect();
        // The floor of the default row verifies the same bytes as the pipeline: the signing
        // input and signature of each pool message, in the same order (not one message again
        // and again, whose bytes stay in the cache while the pipeline reads 400 others).
        let ring_pool: Vec<(Vec<u8>, Vec<u8>)> =
            pool.iter().map(|m| common::signed_parts(m)).collect();
        for (name, mut v, replay) in [
            ("pipeline (1–5)", fx.verifier(false, false, false), false),
            ("schema (1–6)", fx.verifier(true, false, false), false),
            ("rules (1–7)", fx.verifier(true, true, false), false),
            ("default (1–8)", fx.verifier(true, true, true), true),
        ] {
            let mut next = 0usize;
            if !replay {
                v.verify(jws.as_bytes()).unwrap();
            }
            let (mut ratios, mut best_ring, mut best_verify) = (Vec::new(), f64::MAX, f64::MAX);
            let deadline = Instant::now() + Duration::from_secs_f64(seconds / 3.0);
            while ratios.len() < 20 || Instant::now() < deadline {
                if replay && next + PER_SLICE as usize > pool.len() {
                    v = fx.verifier(true, true, true);
                    next = 0;
                }
                let t0 = Instant::now();
                for k in 0..PER_SLICE as usize {
                    let (input, sig) = if replay {
                        let (i, s) = &ring_pool[next + k];
                        (i, s)
                    } else {
                        (&input, &sig)
                    };
                    UnparsedPublicKey::new(&ED25519, black_box(&public))
                        .verify(black_box(input), black_box(sig))
                        .unwrap();
                }
                let t1 = Instant::now();
                for _ in 0..PER_SLICE {
                    let m = if replay {
                        next += 1;
                        pool[next - 1].as_bytes()
                    } else {
                        jws.as_bytes()
                    };
                    v.verify(black_box(m)).unwrap();
                }
                let t2 = Instant::now();
                let ring = (t1 - t0).as_secs_f64() / f64::from(PER_SLICE);
                let verify = (t2 - t1).as_secs_f64() / f64::from(PER_SLICE);
                best_ring = best_ring.min(ring);
                best_verify = best_verify.min(verify);
                ratios.push(verify / ring);
            }
            let n = ratios.len();
            println!(
                "| {} | {name} | {:.1} µs | {:.1} µs | {:.2}× | {n} |",
                size.name(),
                best_ring * 1e6,
                best_verify * 1e6,
                median(&mut ratios)
            );
        }
    }
}
