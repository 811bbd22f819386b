//! Ningbo verifies a worker roster (人员名单) from Liangshan: the trust list, the full default
//! pipeline (signature, envelope, maximum age, schema, business rules, replay), the warnings,
//! and what a redelivery and a tampered copy get.
//!
//! ```text
//! cargo run -p labourlink --example verify_inbound_roster
//! ```
//!
//! In production the trust list is the anchor-signed JWS (`TrustList::load` with the pinned
//! anchor, or a `TrustStore` that takes newer lists), and the message arrives over HTTP.
#![allow(clippy::print_stdout)]

use labourlink::envelope::{Document, Party};
use labourlink::keys::SigningKey;
use labourlink::time::{SystemClock, Timestamp};
use labourlink::trust::{KeyRecord, TrustList};
use labourlink::verify::Verifier;

fn main() -> Result<(), labourlink::Error> {
    // Liangshan's side: a roster built from the catalogue example, signed with its key.
    let liangshan = SigningKey::from_seed(&[43; 32], "513400-hr-2026a")?; // TEST KEY ONLY
    let example = labourlink::schema::example("worker_transfer.roster").ok_or_else(|| {
        labourlink::Error::new(labourlink::ErrorCode::InputInvalid, "no example roster")
    })?;
    let roster = Document::builder(
        "worker_transfer.roster",
        Party::new("513400", "11513400MB1H7703X8").named("凉山彝族自治州人力资源和社会保障局"),
        Party::new("330200", "11330200MB0P21461X").named("宁波市人力资源和社会保障局"),
    )
    .case("513400-WT-2026-0001", "worker_transfer.placement")
    .body(example["body"].clone())
    .build(&SystemClock)?;
    let inbound = labourlink::sign(&roster.to_value(), &[&liangshan])?;

    // Ningbo's side: its trust list lists Liangshan's key for worker-transfer messages.
    let mut list = TrustList::new(7, Timestamp::from_unix_seconds(i64::MAX / 2));
    list.add_key(KeyRecord::new(
        liangshan.kid(),
        "513400",
        "11513400MB1H7703X8",
        liangshan.verifying_key(),
        Timestamp::from_unix_seconds(0),
        None,
        vec!["worker_transfer.*".into(), "receipt".into()],
    ))?;
    let verifier = Verifier::builder()
        .trust_list(list)
        .region("330200")
        .agency("11330200MB0P21461X")
        .build()?;

    let verified = verifier.verify(inbound.as_bytes())?;
    let workers = verified.body()["workers"].as_array().map_or(0, Vec::len);
    println!(
        "accepted (已验证): {} from {} with {workers} worker(s), digest {}",
        verified.message_type(),
        verified.document().from.name.as_deref().unwrap_or("?"),
        verified.digest()
    );
    for w in verified.warnings() {
        println!("  warning {} at {}: {}", w.code, w.path, w.message);
    }
    // The same message again: an idempotent redelivery, answered with the earlier receipt.
    match verifier.verify(inbound.as_bytes()) {
        Err(e) => println!("redelivery: {}", e.code()),
        Ok(_) => println!("redelivery accepted?! (never)"),
    }
    // A tampered copy.
    match verifier.verify(inbound.replacen("eyJ", "eyK", 1).as_bytes()) {
        Err(e) => println!("tampered copy: {}", e.code()),
        Ok(_) => println!("tampered copy accepted?! (never)"),
    }
    Ok(())
}
