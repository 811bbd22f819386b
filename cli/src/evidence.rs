//! `labourlink archive verify`: the archive as evidence — each archived message re-checked as
//! of when this store first saw it (its archive time): its signatures against the trust list
//! (a key retired since, in an ordinary rotation, still vouches for what it signed before; a
//! revoked one never does), its envelope, schema and rules, a receipt's binding to the
//! archived message it acknowledges, and the row's columns against its own signed bytes.

use std::collections::HashMap;

use labourlink::time::Timestamp;
use labourlink::trust::{KeyStatus, TrustList};
use labourlink::verify::{Verified, Verifier};
use labourlink_store::{ArchivedMessage, Direction, Store};
use serde_json::{Value, json};

use crate::args::ArchiveVerifyArgs;
use crate::{CmdResult, Failure, print_json, read_anchors};

/// What re-checking one archived row came to.
enum Outcome {
    /// The bytes verify as of the archive time, and the row says what they say.
    Verified(Box<Verified>),
    /// The body was purged: only the metadata is left, nothing to verify.
    Purged,
    /// The row's columns do not match its bytes (named).
    Altered(Vec<&'static str>),
    /// The bytes do not verify as of the archive time.
    Failed(labourlink::Error),
}

pub(crate) fn verify(a: &ArchiveVerifyArgs) -> CmdResult {
    let anchors = read_anchors(&a.anchor)?;
    let store = Store::open(&a.store)?;
    let list = crate::recover::newer_trust_list(&a.trust_list, &anchors, &store)?;
    let reference = match &a.reference_data {
        Some(path) => Some(labourlink::refdata::ReferenceData::load(
            &crate::read_file(path)?,
            &anchors,
            &labourlink::time::SystemClock,
            labourlink::trust::DEFAULT_GRACE_SECONDS,
        )?),
        None => None,
    };
    let mut verifiers: HashMap<String, Verifier> = HashMap::new();
    let mut counts = (0u64, 0u64, 0u64);
    let mut one = |m: &ArchivedMessage| -> Result<(), Failure> {
        let outcome = check_row(&store, &list, reference.as_ref(), &mut verifiers, m)?;
        match &outcome {
            Outcome::Verified(_) => counts.0 += 1,
            Outcome::Purged => counts.1 += 1,
            Outcome::Altered(_) | Outcome::Failed(_) => counts.2 += 1,
        }
        report_row(a.json, &list, m, &outcome);
        Ok(())
    };
    if a.ids.is_empty() {
        store.each_message(&mut one)?;
    } else {
        for id in &a.ids {
            let found = store.archived_by_id(id)?;
            if found.is_empty() {
                return Err(Failure::Lib(
                    labourlink::Error::new(
                        labourlink::ErrorCode::StoreNotFound,
                        format!(
                            "the archive holds no message with id {}",
                            labourlink::error::shown(id)
                        ),
                    )
                    .zh(format!(
                        "归档中没有 id 为 {} 的消息",
                        labourlink::error::shown(id)
                    )),
                ));
            }
            for m in &found {
                one(m)?;
            }
        }
    }
    let (verified, purged, failed) = counts;
    if a.json {
        print_json(&json!({
            "summary": {"verified": verified, "purged": purged, "failed": failed,
                        "trust_list_sequence": list.sequence},
        }));
    } else {
        println!(
            "{verified} verified as of when this store first saw them, {purged} with the body purged (metadata only: nothing to verify), {failed} failed — against trust list sequence {}",
            list.sequence
        );
    }
    if failed > 0 {
        Err(Failure::Quiet)
    } else {
        Ok(())
    }
}

/// Re-checks one row: its columns against its bytes, then the bytes as of the archive time
/// (a receipt as a reply to the archived message it acknowledges, when that is here).
fn check_row(
    store: &Store,
    list: &TrustList,
    reference: Option<&labourlink::refdata::ReferenceData>,
    verifiers: &mut HashMap<String, Verifier>,
    m: &ArchivedMessage,
) -> Result<Outcome, Failure> {
    let Some(jws) = &m.jws else {
        return Ok(Outcome::Purged);
    };
    let altered = m.mismatches();
    if !altered.is_empty() {
        return Ok(Outcome::Altered(altered));
    }
    // Every message is addressed to its `to` region: received ones to this node, sent ones
    // (and this node's receipts) to the partner.
    let verifier = match verifiers.get(&m.to_region) {
        Some(v) => v,
        None => {
            let mut b = Verifier::builder()
                .trust_list(list.clone())
                .region(m.to_region.as_str());
            if let Some(r) = reference {
                b = labourlink::refdata::VerifierBuilderExt::reference_data(b, r);
            }
            verifiers.entry(m.to_region.clone()).or_insert(b.build()?)
        }
    };
    let earlier = if m.message_type == "receipt" {
        acknowledged(store, m, jws)?
    } else {
        None
    };
    let result = match &earlier {
        Some((doc, digest)) => verifier.verify_archived_reply_to(jws, doc, digest, m.at),
        None => verifier.verify_archived(jws, m.at),
    };
    Ok(match result {
        Ok(v) => Outcome::Verified(Box::new(v)),
        Err(e) => Outcome::Failed(e),
    })
}

/// The archived message a receipt acknowledges (the other direction: a received receipt
/// answers a sent message), decoded, with its digest; `None` when the store does not hold it
/// or its body was purged (the receipt is then checked on its own).
fn acknowledged(
    store: &Store,
    receipt: &ArchivedMessage,
    jws: &[u8],
) -> Result<Option<(labourlink::envelope::Document, String)>, Failure> {
    // Read to find the row only: the verification below decides.
    let Ok((doc, _)) = labourlink_exchange::node::decode_sent(jws) else {
        return Ok(None);
    };
    let Some(id) = doc.body.get("received_id").and_then(Value::as_str) else {
        return Ok(None);
    };
    let direction = match receipt.direction {
        Direction::Received => Direction::Sent,
        Direction::Sent => Direction::Received,
    };
    let Some(earlier) = store.archived(direction, &doc.to.region, &doc.to.agency, id)? else {
        return Ok(None);
    };
    let Some(bytes) = &earlier.jws else {
        return Ok(None);
    };
    Ok(labourlink_exchange::node::decode_sent(bytes)
        .ok()
        .map(|(d, _)| (d, earlier.digest.clone())))
}

/// What the trust list says of a signing key today, against the time the message was first
/// seen: what the verification proved.
fn key_status(list: &TrustList, kid: &str, first_seen: Timestamp) -> String {
    let Some(k) = list.key(kid) else {
        return "not in the list".to_owned();
    };
    match (k.status, k.status_since) {
        (KeyStatus::Retired, Some(since)) if since > first_seen => format!(
            "retired since {since}, after this message was first seen: it vouched for it then"
        ),
        (KeyStatus::Retired, Some(since)) => format!("retired since {since}"),
        (KeyStatus::Active, _) => match k.valid_until {
            Some(until) => format!("active, valid until {until}"),
            None => "active".to_owned(),
        },
        (status, _) => status.as_str().to_owned(),
    }
}

fn report_row(json: bool, list: &TrustList, m: &ArchivedMessage, outcome: &Outcome) {
    let (status, detail): (&str, Value) = match outcome {
        Outcome::Verified(v) => (
            "verified",
            json!({
                "signers": v.signers().iter().map(|s| json!({
                    "kid": s.kid, "region": s.region, "agency": s.agency,
                    "key_status": key_status(list, &s.kid, m.at),
                })).collect::<Vec<_>>(),
                "warnings": v.warnings().iter().map(|w| json!({"code": w.code, "path": w.path})).collect::<Vec<_>>(),
            }),
        ),
        Outcome::Purged => (
            "purged",
            json!({"body_purged_at": m.body_purged_at.map(|t| t.to_string())}),
        ),
        Outcome::Altered(columns) => ("altered", json!({"columns": columns})),
        Outcome::Failed(e) => (
            "failed",
            json!({"code": e.code().as_str(), "path": e.path(), "message": e.message()}),
        ),
    };
    if json {
        let mut row = json!({
            "seq": m.seq,
            "direction": m.direction.as_str(),
            "id": m.id,
            "type": m.message_type,
            "first_seen": m.at.to_string(),
            "status": status,
        });
        if let (Value::Object(row), Value::Object(more)) = (&mut row, detail) {
            row.extend(more);
        }
        print_json(&row);
        return;
    }
    let head = format!(
        "{status:<8} #{} {} {} {} (first seen {})",
        m.seq,
        m.direction.as_str(),
        m.message_type,
        m.id,
        m.at
    );
    match outcome {
        Outcome::Verified(v) => {
            println!("{head}");
            for s in v.signers() {
                println!(
                    "         signed by {} ({} / {}): {}",
                    s.kid,
                    s.region,
                    s.agency,
                    key_status(list, &s.kid, m.at)
                );
            }
        }
        Outcome::Purged => println!("{head}: body purged, metadata only"),
        Outcome::Altered(columns) => println!(
            "{head}: its {} do not match its signed bytes — altered after it was archived",
            columns.join(", ")
        ),
        Outcome::Failed(e) => println!(
            "{head}: {}{}: {}",
            e.code(),
            e.path().map(|p| format!(" at {p}")).unwrap_or_default(),
            e.message()
        ),
    }
}
