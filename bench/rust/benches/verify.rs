//! Verification cost against the signature floor, for three message sizes (see
//! `benches/common`): `verify_1kb`, `verify_3kb`, `verify_30kb`, and per stage in
//! `stages_1kb`, `stages_3kb`, `stages_30kb`.
//!
//! In each `verify_<size>` group:
//!
//! - `ring_verify_only` — the floor: a bare ring Ed25519 verify of the same signing input;
//! - `verify_pipeline` — `Verifier::verify` with the default stages (1–5 of DESIGN §7); the
//!   ratio to the floor is the cost labourlink adds around the signature check (target ≤ 1.25×
//!   for 1 KB and 3 KB);
//! - `verify_schema` — plus the schema stage (6);
//! - `verify_full` — plus the rules stage (7) and an in-memory replay guard (8), over distinct
//!   messages (a replay guard refuses the same message twice);
//! - `sign` — `labourlink::sign` of the document (canonicalise, re-parse, envelope, sign), and
//!   `ring_sign_only`, a bare ring Ed25519 signature of the same signing input;
//! - `canonicalize_payload` — `canonical::canonicalize` of the payload bytes.
//!
//! The `stages_<size>` groups time the public function behind each stage on the same message:
//! `json_parse` (the JWS text), `jws_parse` (includes `json_parse`), `key_lookup`, `signature`
//! (`VerifyingKey::verify`), `canonical_payload` (`parse_canonical_payload`: payload JSON,
//! canonical-form check, SHA-256), `envelope` (`Document::from_json`), `schema`
//! (`schema::validate_body`), `rules` (`RulesStage`), `replay`
//! (`InMemoryReplayGuard::check_and_record`, distinct ids).
//!
//! Run: `cargo bench -p labourlink --bench verify` (one group: append e.g. `-- verify_3kb/`).
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::hint::black_box;
use std::time::{Duration, Instant};

use common::{Fixture, Size};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use labourlink::envelope::Document;
use labourlink::json::{Limits, Numbers};
use labourlink::jws::{AlgorithmPolicy, ParsedJws};
use labourlink::time::Timestamp;
use labourlink::verify::{InMemoryReplayGuard, ReplayGuard, Stage};
use ring::signature::{ED25519, Ed25519KeyPair, UnparsedPublicKey};

/// Distinct messages verified by `verify_full` before the replay guard is replaced.
fn pool_len(size: Size) -> usize {
    match size {
        Size::Kb1 | Size::Kb3 => 2048,
        Size::Kb30 => 256,
    }
}

fn parse(jws: &str) -> ParsedJws {
    labourlink::jws::parse(
        jws.as_bytes(),
        Limits::default(),
        &AlgorithmPolicy::default(),
    )
    .unwrap()
}

fn seed(size: Size) -> [u8; 32] {
    match size {
        Size::Kb1 | Size::Kb3 => [7; 32],
        Size::Kb30 => [8; 32],
    }
}

fn verify_group(c: &mut Criterion, fx: &Fixture, size: Size) {
    let jws = fx.message(size, 0);
    let parsed = parse(&jws);
    let input = parsed.signing_input(&parsed.signatures[0]);
    let sig = parsed.signatures[0].signature.clone();
    let public = fx.signer(size).verifying_key().as_bytes().to_vec();
    let ring_key = Ed25519KeyPair::from_seed_unchecked(&seed(size)).unwrap();
    assert_eq!(ring_key.sign(&input).as_ref(), &sig[..]);
    eprintln!(
        "{}: {} ({} bytes of JWS, {} bytes of payload)",
        size.name(),
        size.message_type(),
        jws.len(),
        parsed.payload.len()
    );
    let default = fx.verifier(false, false, false);
    let schema = fx.verifier(true, false, false);
    for v in [&default, &schema] {
        v.verify(jws.as_bytes()).unwrap();
    }
    let pool: Vec<String> = (0..pool_len(size)).map(|i| fx.message(size, i)).collect();
    let full = fx.verifier(true, true, true);
    for m in &pool {
        full.verify(m.as_bytes()).unwrap();
    }
    let document = common::document(size, 0);

    let mut g = c.benchmark_group(format!("verify_{}", size.name()));
    g.bench_function("ring_verify_only", |b| {
        b.iter(|| {
            UnparsedPublicKey::new(&ED25519, black_box(&public))
                .verify(black_box(&input), black_box(&sig))
                .unwrap();
        });
    });
    g.bench_function("verify_pipeline", |b| {
        b.iter(|| default.verify(black_box(jws.as_bytes())).unwrap());
    });
    g.bench_function("verify_schema", |b| {
        b.iter(|| schema.verify(black_box(jws.as_bytes())).unwrap());
    });
    g.bench_function("verify_full", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            let mut done = 0u64;
            while done < iters {
                // A fresh guard for each pass over the pool (built outside the timing).
                let v = fx.verifier(true, true, true);
                let n = usize::try_from(iters - done)
                    .unwrap_or(usize::MAX)
                    .min(pool.len());
                let start = Instant::now();
                for m in &pool[..n] {
                    v.verify(black_box(m.as_bytes())).unwrap();
                }
                total += start.elapsed();
                done += n as u64;
            }
            total
        });
    });
    g.bench_function("sign", |b| {
        b.iter(|| labourlink::sign(black_box(&document), &[fx.signer(size)]).unwrap());
    });
    g.bench_function("ring_sign_only", |b| {
        b.iter(|| ring_key.sign(black_box(&input)));
    });
    g.bench_function("canonicalize_payload", |b| {
        b.iter(|| labourlink::canonical::canonicalize(black_box(&parsed.payload)).unwrap());
    });
    g.finish();
}

fn stages_group(c: &mut Criterion, fx: &Fixture, size: Size) {
    let jws = fx.message(size, 0);
    let parsed = parse(&jws);
    let kid = parsed.signatures[0].header.kid.clone();
    let input = parsed.signing_input(&parsed.signatures[0]);
    let sig = parsed.signatures[0].signature.clone();
    let record = fx.list.key(&kid).unwrap();
    let (value, digest) =
        labourlink::verify::parse_canonical_payload(&parsed.payload, Limits::default()).unwrap();
    let checked = Document::from_json(value.clone()).unwrap();
    let doc = &checked.document;
    let rules = common::rules_stage();
    labourlink::schema::validate_body(&doc.message_type, &doc.body).unwrap();
    rules.check(doc).unwrap();
    let now = Timestamp::parse(common::NOW).unwrap();
    let keep = now.add_seconds(30 * 24 * 3600);
    let ids: Vec<String> = (0..100_000u32)
        .map(|i| format!("01a1c32f-0100-7960-bfba-{i:012x}"))
        .collect();

    let mut g = c.benchmark_group(format!("stages_{}", size.name()));
    g.bench_function("json_parse", |b| {
        b.iter(|| {
            labourlink::json::parse(
                black_box(jws.as_bytes()),
                Limits::default(),
                Numbers::IntegersOnly,
            )
            .unwrap()
        });
    });
    g.bench_function("jws_parse", |b| {
        b.iter(|| {
            labourlink::jws::parse(
                black_box(jws.as_bytes()),
                Limits::default(),
                &AlgorithmPolicy::default(),
            )
            .unwrap()
        });
    });
    g.bench_function("key_lookup", |b| {
        b.iter(|| fx.list.key(black_box(&kid)).unwrap().alg);
    });
    g.bench_function("signature", |b| {
        b.iter(|| {
            record
                .key
                .verify(black_box(&input), black_box(&sig))
                .unwrap()
        });
    });
    g.bench_function("canonical_payload", |b| {
        b.iter(|| {
            labourlink::verify::parse_canonical_payload(
                black_box(&parsed.payload),
                Limits::default(),
            )
            .unwrap()
        });
    });
    g.bench_function("envelope", |b| {
        b.iter_batched(
            || value.clone(),
            |v| Document::from_json(v).unwrap(),
            BatchSize::SmallInput,
        );
    });
    g.bench_function("schema", |b| {
        b.iter(|| {
            labourlink::schema::validate_body(&doc.message_type, black_box(&doc.body)).unwrap()
        });
    });
    g.bench_function("rules", |b| {
        b.iter(|| rules.check(black_box(doc)).unwrap());
    });
    g.bench_function("replay", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            let mut done = 0u64;
            while done < iters {
                let guard = InMemoryReplayGuard::default();
                let n = usize::try_from(iters - done)
                    .unwrap_or(usize::MAX)
                    .min(ids.len());
                let start = Instant::now();
                for id in &ids[..n] {
                    let key = labourlink::verify::ReplayKey {
                        region: "513400",
                        agency: "LS-SI",
                        id: black_box(id),
                    };
                    guard.check_and_record(&key, &digest, now, keep).unwrap();
                }
                total += start.elapsed();
                done += n as u64;
            }
            total
        });
    });
    g.finish();
}

fn bench(c: &mut Criterion) {
    let fx = common::fixture();
    for size in Size::ALL {
        verify_group(c, &fx, size);
    }
    for size in Size::ALL {
        stages_group(c, &fx, size);
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = bench
}
criterion_main!(benches);
