//! The three signature algorithms side by side (`algorithms` group): for Ed25519, ES256 and
//! SM2SM3, `sign/<alg>` (`SigningKey::sign`), `verify/<alg>` (`VerifyingKey::verify`) and
//! `load_jwk/<alg>` (`VerifyingKey::from_jwk`, which validates the point) over the same
//! 1 KB signing input.
//!
//! Run: `cargo bench -p labourlink-bench --bench algorithms`.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use labourlink::keys::{Algorithm, SigningKey, VerifyingKey};

fn bench(c: &mut Criterion) {
    // A signing input the size of a 1 KB message's (ASCII base64url, as JWS signs).
    let input: Vec<u8> = (0..1400u32)
        .map(|i| b"abcdefghijklmnop"[(i % 16) as usize])
        .collect();
    let mut g = c.benchmark_group("algorithms");
    for alg in Algorithm::ALL {
        let key = SigningKey::generate(alg, "bench").unwrap();
        let public = key.verifying_key();
        let sig = key.sign(&input).unwrap();
        let jwk = public.to_jwk();
        g.bench_function(format!("sign/{alg}"), |b| {
            b.iter(|| key.sign(black_box(&input)).unwrap());
        });
        g.bench_function(format!("verify/{alg}"), |b| {
            b.iter(|| public.verify(black_box(&input), black_box(&sig)).unwrap());
        });
        g.bench_function(format!("load_jwk/{alg}"), |b| {
            b.iter(|| VerifyingKey::from_jwk(black_box(&jwk)).unwrap());
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = bench
}
criterion_main!(benches);
