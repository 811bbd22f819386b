//! `verify_pipeline` (stages 1–5 and 8 of DESIGN §7) against `ring_verify_only` (a bare ring
//! Ed25519 verify of the same signing input) on the same ~3 KB message: the ratio is the cost
//! labourlink adds around the signature check (target ≤ 1.25×).
//!
//! Run: `cargo bench -p labourlink --bench verify`
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use labourlink::envelope::{Document, Party};
use labourlink::keys::SigningKey;
use labourlink::time::{FixedClock, Timestamp};
use labourlink::trust::{KeyRecord, TrustList};
use labourlink::verify::Verifier;
use serde_json::json;

fn t(s: &str) -> Timestamp {
    Timestamp::parse(s).unwrap()
}

/// A pension transfer information table with ten year rows: about 3 KB of payload.
fn information_table() -> serde_json::Value {
    let rows: Vec<_> = (2016..2026)
        .map(|y| {
            json!({"year": y, "months": 12, "base_fen": 512_300 + (y - 2016) * 21_000,
                   "personal_fen": 40_984 + (y - 2016) * 1_680, "pooled_fen": 61_476 + (y - 2016) * 2_520,
                   "unit": "913302007204893621", "period": {"start": format!("{y}-01"), "end": format!("{y}-12")}})
        })
        .collect();
    json!({
        "scheme": "110",
        "person": {"name": "阿苏拉则", "citizen_id": "513401199803140017", "sex": "male", "birth_date": "1998-03-14"},
        "contact_letter_id": "01a21c04-b400-7000-8000-000000000001",
        "years": rows,
        "personal_account": {"total_fen": 5_432_100, "interest_fen": 412_300},
        "pooled_fund": {"total_fen": 7_654_300},
        "transfer_total_fen": 13_086_400,
        "remarks": "按国办发〔2009〕66号文件转移接续。"
    })
}

fn bench(c: &mut Criterion) {
    let clock = FixedClock(t("2026-11-27T08:00:00Z"));
    let key = SigningKey::from_ed25519_seed(&[7; 32], "513400-si-2026a").unwrap();
    let mut list = TrustList::new(1, t("2027-01-01T00:00:00Z"));
    list.add_key(KeyRecord::new(
        key.kid(),
        "513400",
        "LS-SI",
        key.verifying_key(),
        t("2026-01-01T00:00:00Z"),
        None,
        vec!["social_insurance.*".into()],
    ))
    .unwrap();
    let doc = Document::builder(
        "social_insurance.transfer_information",
        Party::new("513400", "LS-SI").named("凉山州社会保险事业管理局"),
        Party::new("330200", "NB-SI").named("宁波市社会保险管理局"),
    )
    .case("330200-SI-2026-000123", "social_insurance.pension_transfer")
    .body(information_table())
    .build(&clock)
    .unwrap();
    let jws = labourlink::sign(&doc.to_value(), &[&key]).unwrap();
    let verifier = Verifier::builder()
        .trust_list(list)
        .region("330200")
        .clock(clock)
        .build()
        .unwrap();
    verifier.verify(jws.as_bytes()).unwrap();

    let parsed = labourlink::jws::parse(
        jws.as_bytes(),
        labourlink::json::Limits::default(),
        &labourlink::jws::AlgorithmPolicy::default(),
    )
    .unwrap();
    let input = parsed.signing_input(&parsed.signatures[0]);
    let sig = parsed.signatures[0].signature.clone();
    let public = key.verifying_key().as_bytes().to_vec();
    eprintln!(
        "message: {} bytes of JWS, {} bytes of payload",
        jws.len(),
        parsed.payload.len()
    );

    let mut g = c.benchmark_group("verify_3kb");
    g.bench_function("ring_verify_only", |b| {
        b.iter(|| {
            ring::signature::UnparsedPublicKey::new(&ring::signature::ED25519, black_box(&public))
                .verify(black_box(&input), black_box(&sig))
                .unwrap();
        });
    });
    g.bench_function("verify_pipeline", |b| {
        b.iter(|| verifier.verify(black_box(jws.as_bytes())).unwrap())
    });
    g.bench_function("canonicalize_payload", |b| {
        b.iter(|| labourlink::canonical::canonicalize(black_box(&parsed.payload)).unwrap())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
