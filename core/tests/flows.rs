//! `verify_reply` over the example exchanges of `schemas/examples/`: every example that answers
//! another verifies as its reply; the wrong type, the wrong party or another case is
//! `envelope.unexpected_reply`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::HashMap;

use labourlink::envelope::MESSAGE_TYPES;
use labourlink::keys::SigningKey;
use labourlink::time::{FixedClock, Timestamp};
use labourlink::trust::{KeyRecord, TrustList};
use labourlink::verify::{Verified, Verifier};
use labourlink::{ErrorCode, sign};
use serde_json::{Value, json};

fn examples() -> Vec<Value> {
    MESSAGE_TYPES
        .iter()
        .map(|t| {
            let p = format!(
                "{}/../schemas/examples/{t}.json",
                env!("CARGO_MANIFEST_DIR")
            );
            labourlink::json::parse_document(&std::fs::read(p).unwrap()).unwrap()
        })
        .collect()
}

struct World {
    keys: HashMap<(String, String), SigningKey>,
    list: TrustList,
}

fn world(docs: &[Value]) -> World {
    let mut keys = HashMap::new();
    let mut list = TrustList::new(1, Timestamp::parse("2099-01-01T00:00:00Z").unwrap());
    for d in docs {
        for side in ["from", "to"] {
            let region = d[side]["region"].as_str().unwrap().to_owned();
            let agency = d[side]["agency"].as_str().unwrap().to_owned();
            keys.entry((region.clone(), agency.clone()))
                .or_insert_with(|| {
                    let kid = format!("{region}-{agency}");
                    let seed: [u8; 32] =
                        ring::digest::digest(&ring::digest::SHA256, kid.as_bytes())
                            .as_ref()
                            .try_into()
                            .unwrap();
                    let key = SigningKey::from_seed(&seed, &kid).unwrap();
                    list.add_key(KeyRecord::new(
                        &kid,
                        &region,
                        &agency,
                        key.verifying_key(),
                        Timestamp::parse("2000-01-01T00:00:00Z").unwrap(),
                        None,
                        vec!["*".into()],
                    ))
                    .unwrap();
                    key
                });
        }
    }
    World { keys, list }
}

impl World {
    fn sign(&self, d: &Value) -> String {
        let k = &self.keys[&(
            d["from"]["region"].as_str().unwrap().to_owned(),
            d["from"]["agency"].as_str().unwrap().to_owned(),
        )];
        sign(d, &[k]).unwrap()
    }

    fn verifier_for(&self, d: &Value) -> Verifier {
        let at = Timestamp::parse(d["issued_at"].as_str().unwrap())
            .unwrap()
            .add_seconds(60);
        Verifier::builder()
            .trust_list(self.list.clone())
            .region(d["to"]["region"].as_str().unwrap())
            .clock(FixedClock(at))
            .build()
            .unwrap()
    }

    fn verify(&self, d: &Value) -> Verified {
        self.verifier_for(d)
            .verify(self.sign(d).as_bytes())
            .unwrap_or_else(|e| panic!("{}: {e}", d["type"]))
    }

    fn reply(&self, reply: &Value, earlier: &Verified) -> labourlink::Result<Verified> {
        self.verifier_for(reply)
            .verify_reply(self.sign(reply).as_bytes(), earlier)
    }
}

#[test]
fn example_replies_verify_as_replies() {
    let docs = examples();
    let w = world(&docs);
    let by_id: HashMap<&str, &Value> = docs
        .iter()
        .map(|d| (d["id"].as_str().unwrap(), d))
        .collect();
    let mut pairs = 0;
    for d in &docs {
        let Some(prev) = d.get("in_reply_to").and_then(Value::as_str) else {
            continue;
        };
        let Some(earlier) = by_id.get(prev) else {
            continue;
        };
        let e = w.verify(earlier);
        w.reply(d, &e)
            .unwrap_or_else(|err| panic!("{} answering {}: {err}", d["type"], earlier["type"]));
        pairs += 1;
    }
    assert!(pairs >= 10, "only {pairs} reply pairs among the examples");
}

fn pension_pair() -> (Value, Value) {
    let docs = examples();
    let find = |t: &str| docs.iter().find(|d| d["type"] == t).unwrap().clone();
    (
        find("social_insurance.transfer_information"),
        find("social_insurance.contact_letter"),
    )
}

#[test]
fn wrong_party_wrong_case_wrong_type_are_unexpected() {
    let docs = examples();
    let w = world(&docs);
    let (info, letter) = pension_pair();
    let verified_letter = w.verify(&letter);
    assert_eq!(
        info["in_reply_to"], letter["id"],
        "examples: the information table answers the contact letter"
    );
    w.reply(&info, &verified_letter).unwrap();

    // another case
    let mut other_case = info.clone();
    other_case["case"]["id"] = json!("330200-SI-2026-999999");
    let e = w.reply(&other_case, &verified_letter).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::EnvelopeUnexpectedReply, Some("/case"))
    );

    // not addressed back: a third region answers
    let mut third = info.clone();
    let ningbo = letter["from"].clone();
    third["from"] = json!({"region": "522300", "agency": docs.iter().find_map(|d| (d["from"]["region"] == "522300").then(|| d["from"]["agency"].clone())).unwrap_or(json!("X"))});
    third["to"] = ningbo;
    if let Some(k) = w.keys.get(&(
        third["from"]["region"].as_str().unwrap().to_owned(),
        third["from"]["agency"].as_str().unwrap().to_owned(),
    )) {
        let msg = sign(&third, &[k]).unwrap();
        let e = w
            .verifier_for(&third)
            .verify_reply(msg.as_bytes(), &verified_letter)
            .unwrap_err();
        assert_eq!(e.code(), ErrorCode::EnvelopeUnexpectedReply, "{e}");
    }

    // wrong type: a fund transfer cannot answer a transfer application
    let app = docs
        .iter()
        .find(|d| d["type"] == "social_insurance.transfer_application")
        .unwrap();
    let verified_app = w.verify(app);
    let mut fund = docs
        .iter()
        .find(|d| d["type"] == "social_insurance.fund_transfer")
        .unwrap()
        .clone();
    fund["in_reply_to"] = app["id"].clone();
    fund["case"] = app["case"].clone();
    fund["from"] = app["to"].clone();
    fund["to"] = app["from"].clone();
    let e = w.reply(&fund, &verified_app).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::EnvelopeUnexpectedReply, Some("/type")),
        "{e}"
    );

    // in_reply_to naming another message
    let mut stray = info.clone();
    stray["in_reply_to"] = json!("01a21c04-b400-7000-8000-000000000009");
    let e = w.reply(&stray, &verified_letter).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::EnvelopeUnexpectedReply, Some("/in_reply_to"))
    );
}

#[test]
fn reply_rules_run_in_verify_reply() {
    let docs = examples();
    let w = world(&docs);
    let find = |t: &str| docs.iter().find(|d| d["type"] == t).unwrap().clone();
    let full = |d: &Value| {
        let at = Timestamp::parse(d["issued_at"].as_str().unwrap())
            .unwrap()
            .add_seconds(60);
        Verifier::builder()
            .trust_list(w.list.clone())
            .region(d["to"]["region"].as_str().unwrap())
            .clock(FixedClock(at))
            .build()
            .unwrap()
    };
    let (letter, info, fund) = (
        find("social_insurance.contact_letter"),
        find("social_insurance.transfer_information"),
        find("social_insurance.fund_transfer"),
    );
    let letter_v = full(&letter).verify(w.sign(&letter).as_bytes()).unwrap();
    // The example information table comes 17 working days after the contact letter: a warning.
    let info_v = full(&info)
        .verify_reply(w.sign(&info).as_bytes(), &letter_v)
        .unwrap();
    assert!(
        info_v
            .warnings()
            .iter()
            .any(|v| v.code == "rule.deadline_missed"),
        "{:?}",
        info_v.warnings()
    );
    // The fund transfer must carry the information table's amount.
    full(&fund)
        .verify_reply(w.sign(&fund).as_bytes(), &info_v)
        .unwrap();
    let mut short = fund.clone();
    let amount = short["body"]["amount_fen"].as_i64().unwrap();
    short["body"]["amount_fen"] = json!(amount - 1);
    // keep the fund transfer consistent in itself (components sum to its amount)
    let c0 = short["body"]["components"]["pooled_fund_fen"]
        .as_i64()
        .unwrap();
    short["body"]["components"]["pooled_fund_fen"] = json!(c0 - 1);
    let e = full(&short)
        .verify_reply(w.sign(&short).as_bytes(), &info_v)
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::RuleViolation);
    assert!(
        e.violations()
            .iter()
            .any(|v| v.code == "rule.amount_mismatch" && v.path == "/body/amount_fen"),
        "{:?}",
        e.violations()
    );
}

#[test]
fn archival_verification_of_a_reply_keeps_the_reply_checks() {
    // A stored reply re-checked from the archive years later: no maximum age, but still a
    // reply to exactly the earlier message (LL-REPLY-006 in archival mode).
    let (info, letter) = pension_pair();
    let docs = examples();
    let w = world(&docs);
    let verified_letter = w.verify(&letter);
    let first_seen = Timestamp::parse(info["issued_at"].as_str().unwrap())
        .unwrap()
        .add_seconds(60);
    let later = Verifier::builder()
        .trust_list(w.list.clone())
        .region(info["to"]["region"].as_str().unwrap())
        .clock(FixedClock(first_seen.add_seconds(5 * 365 * 86_400)))
        .build()
        .unwrap();
    later
        .verify_archived_reply(w.sign(&info).as_bytes(), &verified_letter, first_seen)
        .unwrap();
    let mut stray = info.clone();
    stray["in_reply_to"] = json!("01a21c04-b400-7000-8000-000000000009");
    let e = later
        .verify_archived_reply(w.sign(&stray).as_bytes(), &verified_letter, first_seen)
        .unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::EnvelopeUnexpectedReply, Some("/in_reply_to"))
    );
    // Archival on its own checks no reply rules: the same message is accepted.
    later
        .verify_archived(w.sign(&stray).as_bytes(), first_seen)
        .unwrap();
    // The same with the earlier message as its envelope and digest (what the WebAssembly
    // package remembers): its body plays no part in the reply rules.
    assert_eq!(
        verified_letter.clone().into_payload(),
        verified_letter.payload()
    );
    let mut envelope = verified_letter.document().clone();
    envelope.body = json!({});
    later
        .verify_archived_reply_to(
            w.sign(&info).as_bytes(),
            &envelope,
            verified_letter.digest(),
            first_seen,
        )
        .unwrap();
    let e = later
        .verify_archived_reply_to(
            w.sign(&stray).as_bytes(),
            &envelope,
            verified_letter.digest(),
            first_seen,
        )
        .unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::EnvelopeUnexpectedReply, Some("/in_reply_to"))
    );
}
