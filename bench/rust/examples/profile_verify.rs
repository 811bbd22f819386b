//! A fixed loop of verifications for profiling with callgrind:
//! `valgrind --tool=callgrind target/release/examples/profile_verify`.
#![allow(clippy::unwrap_used, clippy::print_stdout)]

use labourlink::envelope::{Document, Party};
use labourlink::keys::SigningKey;
use labourlink::time::{FixedClock, Timestamp};
use labourlink::trust::{KeyRecord, TrustList};
use labourlink::verify::Verifier;
use serde_json::json;

fn main() {
    let t = |s: &str| Timestamp::parse(s).unwrap();
    let clock = FixedClock(t("2026-11-27T08:00:00Z"));
    let key = SigningKey::from_seed(&[7; 32], "513400-si-2026a").unwrap();
    let mut list = TrustList::new(1, t("2027-01-01T00:00:00Z"));
    list.add_key(KeyRecord::new(
        key.kid(),
        "513400",
        "LS-SI",
        key.verifying_key(),
        t("2026-01-01T00:00:00Z"),
        None,
        vec!["*".into()],
    ))
    .unwrap();
    let rows: Vec<_> = (2016..2026).map(|y| json!({"year": y, "months": 12, "base_fen": 512_300, "personal_fen": 40_984, "pooled_fen": 61_476, "unit": "913302007204893621", "period": {"start": format!("{y}-01"), "end": format!("{y}-12")}})).collect();
    let doc = Document::builder("social_insurance.transfer_information", Party::new("513400", "LS-SI").named("凉山州社会保险事业管理局"), Party::new("330200", "NB-SI"))
        .body(json!({"scheme": "110", "person": {"name": "阿苏拉则", "citizen_id": "513401199803140017"}, "years": rows, "remarks": "按国办发〔2009〕66号文件转移接续。"}))
        .build(&clock)
        .unwrap();
    let jws = labourlink::sign(&doc.to_value(), &[&key]).unwrap();
    let verifier = Verifier::builder()
        .trust_list(list)
        .region("330200")
        .clock(clock)
        .build()
        .unwrap();
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(200);
    let mut ok = 0;
    for _ in 0..n {
        ok += usize::from(verifier.verify(jws.as_bytes()).is_ok());
    }
    println!("{ok}/{n} verified, {} bytes", jws.len());
}
