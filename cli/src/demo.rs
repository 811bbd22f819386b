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
    let clock = SystemClock;
    let now = clock.now().unix_seconds();
    let day = 86_400;
    println!(
        "labourlink demo — Liangshan (513400) ⇄ Ningbo (330200), example keys only (示例密钥，仅供演示)"
    );

    step(
        1,
        "Ningbo's trust anchor signs a trust list with both partners' keys.",
        "宁波信任锚签发包含双方公钥的信任列表。",
    );
    let roster_ex = example("worker_transfer.roster")?;
    let ls = agency_of(&roster_ex, "from")?;
    let nb = agency_of(&roster_ex, "to")?;
    let anchor = example_key("labourlink demo: Ningbo trust anchor", "330200-anchor-demo")?;
    let mut list = TrustList::new(2, Timestamp::from_unix_seconds(now + 30 * day));
    for a in [&ls, &nb] {
        list.add_key(KeyRecord::new(
            a.key.kid(),
            &a.party.region,
            &a.party.agency,
            a.key.verifying_key(),
            Timestamp::from_unix_seconds(now - day),
            None,
            vec!["worker_transfer.*".into(), "receipt".into()],
        ))?;
    }
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
        "    trust list sequence {} with {} keys ({}, {}), verified against the pinned anchor '{}'",
        loaded.sequence,
        loaded.keys().len(),
        ls.key.kid(),
        nb.key.kid(),
        anchor.kid()
    );

    step(
        2,
        "Liangshan signs a worker roster (劳务输出人员名单) addressed to Ningbo.",
        "凉山签发发往宁波的务工人员名单。",
    );
    let (case_id, case_type) = case_of(&roster_ex);
    let roster = Document::builder("worker_transfer.roster", ls.party.clone(), nb.party.clone())
        .case(case_id, case_type)
        .body(roster_ex["body"].clone())
        .build(&clock)?;
    let roster_jws = labourlink::sign(&roster.to_value(), &[&ls.key])?;
    println!(
        "    message {} ({} bytes of JWS, signed by '{}')",
        roster.id,
        roster_jws.len(),
        ls.key.kid()
    );

    step(
        3,
        "Ningbo verifies it: JSON limits, JWS profile, key, signature, canonical payload, envelope, schema, business rules, replay.",
        "宁波验证：JSON 限制、JWS 格式、密钥、签名、规范化载荷、信封、模式、业务规则、防重放。",
    );
    let replay = Arc::new(InMemoryReplayGuard::default());
    let ningbo_verifier = full_verifier(&loaded, &nb.party.region)?
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
        "      {} workers in roster {}; {} warning(s)",
        verified.body()["workers"].as_array().map_or(0, Vec::len),
        verified.body()["roster_number"],
        verified.warnings().len()
    );

    step(
        4,
        "Ningbo answers with a signed receipt; Liangshan verifies it.",
        "宁波回复签名回执，凉山验证回执。",
    );
    let receipt = Document::builder("receipt", nb.party.clone(), ls.party.clone())
        .case(case_id, case_type)
        .in_reply_to(verified.id())
        .body(json!({"received_id": verified.id(), "received_digest": verified.digest(), "status": "accepted"}))
        .build(&clock)?;
    let receipt_jws = labourlink::sign(&receipt.to_value(), &[&nb.key])?;
    let liangshan_verifier = full_verifier(&loaded, &ls.party.region)?.build()?;
    let r = liangshan_verifier.verify_reply(receipt_jws.as_bytes(), &verified)?;
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
    let name = roster_ex["body"]["workers"][0]["person"]["name"]
        .as_str()
        .unwrap_or("吉克样例");
    let altered = String::from_utf8_lossy(&payload).replacen(name, "张三", 1);
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
    exchanges(&clock)?;
    println!(
        "\ndone. Try `labourlink inspect` on a message, or see README.md for the CLI walk-through."
    );
    Ok(())
}

/// One party of the example exchanges, with its own example key.
struct Agency {
    party: Party,
    key: SigningKey,
}

fn agency_of(doc: &serde_json::Value, side: &str) -> Result<Agency> {
    let p = &doc[side];
    let region = p["region"].as_str().unwrap_or_default();
    let agency = p["agency"].as_str().unwrap_or_default();
    let kid = format!("{region}-{}-demo", agency.to_lowercase());
    let mut party = Party::new(region, agency);
    party.name = p["name"].as_str().map(str::to_owned);
    Ok(Agency {
        party,
        key: example_key(&format!("labourlink demo: {kid}"), &kid)?,
    })
}

fn example(t: &str) -> Result<serde_json::Value> {
    labourlink::schema::example(t).ok_or_else(|| {
        Error::new(
            labourlink::ErrorCode::InputInvalid,
            format!("no example for {t}"),
        )
    })
}

fn case_of(doc: &serde_json::Value) -> (&str, &str) {
    let c = &doc["case"];
    (
        c["id"].as_str().unwrap_or_default(),
        c["type"].as_str().unwrap_or_default(),
    )
}

/// Re-issues the example bodies of `types` as a chain: each message answers the one before, is
/// signed by its sender's example key, verified by its receiver (schema stage included) and
/// checked as a legal reply to the message before.
fn chain(
    title: &str,
    title_zh: &str,
    types: &[&str],
    clock: &SystemClock,
    n: &mut u32,
) -> Result<()> {
    *n += 1;
    step(*n, title, title_zh);
    let examples: Vec<serde_json::Value> =
        types.iter().map(|t| example(t)).collect::<Result<_>>()?;
    let mut parties: Vec<Agency> = Vec::new();
    for d in &examples {
        for side in ["from", "to"] {
            let a = agency_of(d, side)?;
            if !parties.iter().any(|p| p.party == a.party) {
                parties.push(a);
            }
        }
    }
    let now = clock.now().unix_seconds();
    let domain = types
        .first()
        .and_then(|t| t.split('.').next())
        .unwrap_or("*");
    let mut list = TrustList::new(2, Timestamp::from_unix_seconds(now + 30 * 86_400));
    for p in &parties {
        list.add_key(KeyRecord::new(
            p.key.kid(),
            &p.party.region,
            &p.party.agency,
            p.key.verifying_key(),
            Timestamp::from_unix_seconds(now - 86_400),
            None,
            vec![format!("{domain}.*"), "receipt".into()],
        ))?;
    }
    let mut previous: Option<labourlink::Verified> = None;
    for ex in &examples {
        let (from, to) = (agency_of(ex, "from")?.party, agency_of(ex, "to")?.party);
        let (case_id, case_type) = case_of(ex);
        let mut b = Document::builder(
            ex["type"].as_str().unwrap_or_default(),
            from.clone(),
            to.clone(),
        )
        .case(case_id, case_type)
        .body(ex["body"].clone());
        if let Some(p) = &previous {
            b = b.in_reply_to(p.id());
        }
        let doc = b.build(clock)?;
        let signer = parties.iter().find(|p| p.party == from).ok_or_else(|| {
            Error::new(
                labourlink::ErrorCode::KeyUnknown,
                "no demo key for the sender",
            )
        })?;
        let jws = labourlink::sign(&doc.to_value(), &[&signer.key])?;
        let verifier = full_verifier(&list, &to.region)?.build()?;
        let verified = match &previous {
            Some(p) => verifier.verify_reply(jws.as_bytes(), p)?,
            None => verifier.verify(jws.as_bytes())?,
        };
        println!(
            "    {} → {}  {:<40} {}",
            from.region,
            to.region,
            verified.message_type(),
            if previous.is_some() {
                "accepted, a legal reply to the message before"
            } else {
                "accepted"
            }
        );
        previous = Some(verified);
    }
    Ok(())
}

/// The library's default verifier builder: every stage on (schema, rules and replay too).
fn full_verifier(list: &TrustList, region: &str) -> Result<labourlink::verify::VerifierBuilder> {
    Ok(Verifier::builder().trust_list(list.clone()).region(region))
}

fn exchanges(clock: &SystemClock) -> Result<()> {
    let mut n = 6;
    chain(
        "A pension transfer case (养老保险关系转移接续): application → contact letter → information table → fund transfer → completion.",
        "养老保险关系转移：申请 → 联系函 → 信息表 → 基金划转 → 办结。",
        &[
            "social_insurance.transfer_application",
            "social_insurance.contact_letter",
            "social_insurance.transfer_information",
            "social_insurance.fund_transfer",
            "social_insurance.transfer_completion",
        ],
        clock,
        &mut n,
    )?;
    chain(
        "A worker transfer (劳务协作): roster → roster reply → arrival.",
        "劳务协作：人员名单 → 名单接收结果 → 到岗确认。",
        &[
            "worker_transfer.roster",
            "worker_transfer.roster_reply",
            "worker_transfer.arrival",
        ],
        clock,
        &mut n,
    )?;
    n += 1;
    step(
        n,
        "Ningbo sends the information table that Liangshan owes: a reply from the wrong party is refused.",
        "宁波代替凉山发出信息表：错误一方发出的答复被拒绝。",
    );
    let letter_ex = example("social_insurance.contact_letter")?;
    let (nb, ls) = (agency_of(&letter_ex, "from")?, agency_of(&letter_ex, "to")?);
    let mut list = TrustList::new(
        3,
        Timestamp::from_unix_seconds(clock.now().unix_seconds() + 86_400),
    );
    for a in [&ls, &nb] {
        list.add_key(KeyRecord::new(
            a.key.kid(),
            &a.party.region,
            &a.party.agency,
            a.key.verifying_key(),
            Timestamp::from_unix_seconds(0),
            None,
            vec!["social_insurance.*".into()],
        ))?;
    }
    let (case_id, case_type) = case_of(&letter_ex);
    let letter = Document::builder(
        "social_insurance.contact_letter",
        nb.party.clone(),
        ls.party.clone(),
    )
    .case(case_id, case_type)
    .body(letter_ex["body"].clone())
    .build(clock)?;
    let at_ls = Verifier::builder()
        .trust_list(list)
        .region(ls.party.region.clone())
        .build()?;
    let letter_v = at_ls.verify(labourlink::sign(&letter.to_value(), &[&nb.key])?.as_bytes())?;
    let table = example("social_insurance.transfer_information")?;
    let wrong = Document::builder(
        "social_insurance.transfer_information",
        nb.party.clone(),
        ls.party.clone(),
    )
    .case(case_id, case_type)
    .in_reply_to(letter_v.id())
    .body(table["body"].clone())
    .build(clock)?;
    match at_ls.verify_reply(
        labourlink::sign(&wrong.to_value(), &[&nb.key])?.as_bytes(),
        &letter_v,
    ) {
        Ok(_) => println!("    → UNEXPECTEDLY ACCEPTED"),
        Err(e) => show_rejection(&e),
    }
    Ok(())
}
