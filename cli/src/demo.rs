//! `labourlink demo`: an end-to-end exchange on built-in example keys.
//!
//! The keys are derived from fixed labels (SHA-256 of the label is the Ed25519 seed). They are
//! EXAMPLE KEYS, public by construction: never use them for real messages.

use std::sync::Arc;

use labourlink::envelope::{Document, Party};
use labourlink::keys::SigningKey;
use labourlink::time::{Clock, SystemClock, Timestamp};
use labourlink::trust::{Anchor, KeyRecord, TrustList};
use labourlink::verify::{InMemoryReplayGuard, Verifier};
use labourlink::{Error, Result};
use serde_json::json;

fn example_key(label: &str, kid: &str) -> Result<SigningKey> {
    let d = ring::digest::digest(&ring::digest::SHA256, label.as_bytes());
    let mut seed = [0u8; 32];
    seed.copy_from_slice(d.as_ref());
    SigningKey::from_ed25519_seed(&seed, kid)
}

fn step(n: u32, en: &str, zh: &str) {
    println!("\n[{n}] {en}\n    {zh}");
}

fn show_rejection(e: &Error) {
    println!("    → rejected: {}", e.code());
    println!("      {}", e.message());
    if let Some(p) = e.path() {
        println!("      at {}", if p.is_empty() { "/" } else { p });
    }
    println!("      {}", e.message_zh());
}

/// Runs the demo.
pub(crate) fn run() -> Result<()> {
    let now = SystemClock.now();
    let clock = SystemClock;
    let day = 86_400;
    println!(
        "labourlink demo — Liangshan (513400) ⇄ Ningbo (330200), example keys only (示例密钥，仅供演示)"
    );

    step(
        1,
        "Ningbo's trust anchor signs a trust list with both partners' keys.",
        "宁波信任锚签发包含双方公钥的信任列表。",
    );
    let anchor = example_key("labourlink demo: Ningbo trust anchor", "330200-anchor-demo")?;
    let liangshan = example_key("labourlink demo: Liangshan HRSS", "513400-hr-demo")?;
    let ningbo = example_key("labourlink demo: Ningbo HRSS", "330200-hr-demo")?;
    let ls = Party::new("513400", "513400-HRSS").named("凉山州人力资源和社会保障局");
    let nb = Party::new("330200", "330200-HRSS").named("宁波市人力资源和社会保障局");
    let valid_from = Timestamp::from_unix_seconds(now.unix_seconds() - day);
    let mut list = TrustList::new(
        1,
        Timestamp::from_unix_seconds(now.unix_seconds() + 30 * day),
    );
    list.add_key(KeyRecord::new(
        liangshan.kid(),
        "513400",
        "513400-HRSS",
        liangshan.verifying_key(),
        valid_from,
        None,
        vec!["worker_transfer.*".into(), "receipt".into()],
    ))?;
    list.add_key(KeyRecord::new(
        ningbo.kid(),
        "330200",
        "330200-HRSS",
        ningbo.verifying_key(),
        valid_from,
        None,
        vec!["worker_transfer.*".into(), "receipt".into()],
    ))?;
    let anchor_party =
        Party::new("330200", "330200-trust-anchor").named("宁波市人力资源和社会保障局 信任锚");
    let tl_jws = list.sign(&anchor, anchor_party, &clock)?;
    let pinned = [Anchor::new(anchor.kid(), anchor.verifying_key())];
    let loaded = TrustList::load(
        tl_jws.as_bytes(),
        &pinned,
        &clock,
        labourlink::trust::DEFAULT_GRACE_SECONDS,
    )?;
    println!(
        "    trust list sequence {} with {} keys, verified against the pinned anchor '{}'",
        loaded.sequence,
        loaded.keys().len(),
        anchor.kid()
    );

    step(
        2,
        "Liangshan signs a worker roster (劳务输出人员名单) addressed to Ningbo.",
        "凉山签发发往宁波的务工人员名单。",
    );
    let roster = Document::builder("worker_transfer.roster", ls.clone(), nb.clone())
        .case("513400-WT-2026-000042", "worker_transfer.organised_transfer")
        .body(json!({
            "batch_id": "LS-2026-11-B07",
            "workers": [
                {"name": "阿苏拉则", "sex": "male", "birth_date": "1998-03-14", "skill": "electrician"},
                {"name": "吉克曲布", "sex": "female", "birth_date": "2001-07-02", "skill": "garment worker"}
            ],
            "departure_date": "2026-12-01"
        }))
        .build(&clock)?;
    let roster_jws = labourlink::sign(&roster.to_value(), &[&liangshan])?;
    println!(
        "    message {} ({} bytes of JWS, signed by '{}')",
        roster.id,
        roster_jws.len(),
        liangshan.kid()
    );

    step(
        3,
        "Ningbo verifies it: JSON limits, JWS profile, key, signature, canonical payload, envelope, replay.",
        "宁波验证：JSON 限制、JWS 格式、密钥、签名、规范化载荷、信封、防重放。",
    );
    let replay = Arc::new(InMemoryReplayGuard::default());
    let ningbo_verifier = Verifier::builder()
        .trust_list(loaded.clone())
        .region("330200")
        .replay_guard(replay)
        .build()?;
    let verified = ningbo_verifier.verify(roster_jws.as_bytes())?;
    println!(
        "    → accepted (已验证): {} from {} ({})",
        verified.message_type(),
        verified.document().from.region,
        verified.document().from.name.as_deref().unwrap_or("")
    );
    println!("      digest {}", verified.digest());
    println!(
        "      {} workers in batch {}",
        verified.body()["workers"].as_array().map_or(0, Vec::len),
        verified.body()["batch_id"]
    );

    step(
        4,
        "Ningbo answers with a signed receipt; Liangshan verifies it.",
        "宁波回复签名回执，凉山验证回执。",
    );
    let receipt = Document::builder("receipt", nb, ls)
        .case("513400-WT-2026-000042", "worker_transfer.organised_transfer")
        .in_reply_to(verified.id())
        .body(json!({"received_id": verified.id(), "received_digest": verified.digest(), "status": "accepted", "errors": []}))
        .build(&clock)?;
    let receipt_jws = labourlink::sign(&receipt.to_value(), &[&ningbo])?;
    let liangshan_verifier = Verifier::builder()
        .trust_list(loaded)
        .region("513400")
        .build()?;
    let r = liangshan_verifier.verify(receipt_jws.as_bytes())?;
    println!(
        "    → accepted: receipt {} for message {}, status {}",
        r.id(),
        r.body()["received_id"],
        r.body()["status"]
    );
    println!(
        "      the receipt's received_digest equals the roster's digest: {}",
        r.body()["received_digest"] == verified.digest()
    );

    step(
        5,
        "Someone alters a worker's name in transit; Ningbo rejects the copy.",
        "有人在传输中篡改了人员姓名；宁波拒收该副本。",
    );
    let mut tampered: serde_json::Value = serde_json::from_str(&roster_jws)
        .map_err(|e| Error::new(labourlink::ErrorCode::InputInvalid, e.to_string()))?;
    let payload = labourlink::b64::decode(
        tampered["payload"].as_str().unwrap_or(""),
        "payload",
        "/payload",
    )?;
    let altered = String::from_utf8_lossy(&payload).replace("阿苏拉则", "张三");
    tampered["payload"] = labourlink::b64::encode(altered.as_bytes()).into();
    match ningbo_verifier.verify(tampered.to_string().as_bytes()) {
        Ok(_) => println!("    → UNEXPECTEDLY ACCEPTED"),
        Err(e) => show_rejection(&e),
    }

    step(
        6,
        "The same roster is delivered a second time; the replay guard recognises it.",
        "同一名单被再次投递；防重放机制识别出重复。",
    );
    match ningbo_verifier.verify(roster_jws.as_bytes()) {
        Ok(_) => println!("    → UNEXPECTEDLY ACCEPTED"),
        Err(e) => show_rejection(&e),
    }
    println!(
        "\ndone. Try `labourlink inspect` on a message, or see README.md for the CLI walk-through."
    );
    Ok(())
}
