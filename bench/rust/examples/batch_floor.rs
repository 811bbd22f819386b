//! What Ed25519 batch verification would save, and what keeping its acceptance set identical to
//! labourlink's single verification would cost (issue #15's batch moonshot).
//!
//! For each size, 64 distinct messages of `benches/common`: their signing inputs and signatures
//! verified (a) one by one with *ring* (labourlink's single verification), (b) as one batch with
//! `ed25519_dalek::verify_batch` (random 128-bit coefficients, cofactored equation), and (c) the
//! check an identical acceptance set needs on top of (b): every `R` decoded and tested for a
//! small-order component (`is_torsion_free`, a multiplication by the group order). Prints the
//! time per signature and the ratios, three rounds.
//!
//! `batch_floor [ROUNDS]` (default 3).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

#[path = "../benches/common/mod.rs"]
mod common;

use std::hint::black_box;
use std::time::Instant;

use curve25519_dalek::edwards::CompressedEdwardsY;
use ring::signature::{ED25519, UnparsedPublicKey};

const BATCH: usize = 64;

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .map_or(3, |s| s.parse().expect("ROUNDS"));
    let fx = common::fixture();
    println!(
        "| size | ring, one by one | dalek verify_batch (64) | batch ÷ single | decode R + [L]R | (batch + check) ÷ single |"
    );
    println!("|---|---:|---:|---:|---:|---:|");
    for size in common::Size::ALL {
        let public = fx.signer(size).verifying_key().as_bytes().to_vec();
        let dalek_key =
            ed25519_dalek::VerifyingKey::from_bytes(&public.clone().try_into().unwrap()).unwrap();
        let (mut inputs, mut sigs) = (Vec::new(), Vec::new());
        for i in 1..=BATCH {
            let (input, sig) = common::signed_parts(&fx.message(size, i));
            inputs.push(input);
            sigs.push(sig);
        }
        let refs: Vec<&[u8]> = inputs.iter().map(Vec::as_slice).collect();
        let dalek_sigs: Vec<ed25519_dalek::Signature> = sigs
            .iter()
            .map(|s| ed25519_dalek::Signature::from_slice(s).unwrap())
            .collect();
        let keys = vec![dalek_key; BATCH];
        let reps = if matches!(size, common::Size::Kb30) {
            20
        } else {
            60
        };
        for _ in 0..rounds {
            let per = |t: Instant| t.elapsed().as_secs_f64() * 1e6 / (reps * BATCH) as f64;
            let t = Instant::now();
            for _ in 0..reps {
                for (input, sig) in inputs.iter().zip(&sigs) {
                    UnparsedPublicKey::new(&ED25519, black_box(&public))
                        .verify(black_box(input), black_box(sig))
                        .unwrap();
                }
            }
            let single = per(t);
            let t = Instant::now();
            for _ in 0..reps {
                ed25519_dalek::verify_batch(black_box(&refs), &dalek_sigs, &keys).unwrap();
            }
            let batch = per(t);
            let t = Instant::now();
            for _ in 0..reps {
                for sig in &sigs {
                    let r: [u8; 32] = sig[..32].try_into().unwrap();
                    let point = CompressedEdwardsY(r).decompress().unwrap();
                    assert!(black_box(point).is_torsion_free());
                }
            }
            let check = per(t);
            println!(
                "| {} | {single:.1} µs | {batch:.1} µs | {:.2}× | {check:.1} µs | {:.2}× |",
                size.name(),
                single / batch,
                single / (batch + check)
            );
        }
    }
}
