//! Instruction counts per message under callgrind, for the messages of `benches/common`: the
//! figures that do not move with the machine's load.
//!
//! ```text
//! cargo build --release -p labourlink --example profile_pipeline
//! valgrind --tool=callgrind --toggle-collect='*measured*' \
//!     target/release/examples/profile_pipeline 3kb 200 pipeline
//! ```
//!
//! `profile_pipeline SIZE N MODE` verifies message 0 of SIZE (1kb|3kb|30kb) N times in the
//! function `measured` (callgrind's `--toggle-collect` counts only that), where MODE is
//! `ring` (a bare ring Ed25519 verify of the signing input: the floor), `pipeline` (stages
//! 1–5), `schema` (1–6) or `rules` (1–7). Divide the total by N.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

#[path = "../benches/common/mod.rs"]
mod common;

use std::hint::black_box;

use labourlink::verify::Verifier;
use ring::signature::{ED25519, UnparsedPublicKey};

enum Work<'a> {
    Ring {
        public: &'a [u8],
        input: &'a [u8],
        sig: &'a [u8],
    },
    Verify(&'a Verifier, &'a [u8]),
    VerifyEach(&'a Verifier, &'a [String]),
}

#[inline(never)]
fn measured(work: &Work<'_>, n: usize) -> usize {
    let mut ok = 0;
    for i in 0..n {
        ok += usize::from(match work {
            Work::Ring { public, input, sig } => {
                UnparsedPublicKey::new(&ED25519, black_box(public))
                    .verify(black_box(input), black_box(sig))
                    .is_ok()
            }
            Work::Verify(v, jws) => v.verify(black_box(jws)).is_ok(),
            Work::VerifyEach(v, all) => v.verify(black_box(all[i].as_bytes())).is_ok(),
        });
    }
    ok
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(size), Some(n), Some(mode)) = (
        args.first().and_then(|s| common::Size::from_name(s)),
        args.get(1).and_then(|s| s.parse::<usize>().ok()),
        args.get(2),
    ) else {
        eprintln!(
            "usage: profile_pipeline 1kb|3kb|30kb N ring|pipeline|schema|rules|rules-distinct|default"
        );
        std::process::exit(2);
    };
    let fx = common::fixture();
    let jws = fx.message(size, 0);
    let (input, sig) = common::signed_parts(&jws);
    let public = fx.signer(size).verifying_key().as_bytes().to_vec();
    let verifier = match mode.as_str() {
        "ring" | "pipeline" => fx.verifier(false, false, false),
        "schema" => fx.verifier(true, false, false),
        "rules" | "rules-distinct" => fx.verifier(true, true, false),
        "default" => fx.verifier(true, true, true),
        other => {
            eprintln!("unknown MODE {other}");
            std::process::exit(2);
        }
    };
    // Compile the schemas and warm everything up outside the measured function (message 0,
    // which the distinct modes never verify again).
    verifier.verify(jws.as_bytes()).unwrap();
    let distinct: Vec<String> = if mode == "default" || mode == "rules-distinct" {
        (1..=n).map(|i| fx.message(size, i)).collect()
    } else {
        Vec::new()
    };
    let work = if !distinct.is_empty() {
        Work::VerifyEach(&verifier, &distinct)
    } else if mode == "ring" {
        Work::Ring {
            public: &public,
            input: &input,
            sig: &sig,
        }
    } else {
        Work::Verify(&verifier, jws.as_bytes())
    };
    let ok = measured(&work, n);
    println!(
        "{ok}/{n} verified ({mode}), {} bytes of JWS ({})",
        jws.len(),
        size.name()
    );
}
