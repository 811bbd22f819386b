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
    /// The bytes verify as of the archive time, and the row says what they say; for a
    /// receipt, how its binding to the message it acknowledges was checked.
    Verified(Box<Verified>, Binding),
    /// The signatures, keys, times and envelope hold as of the archive time, but the schema
    /// or the rules of this version find something (a message the partner rejected for it,
    /// or a rule added since): not a sign of tampering, reported apart (review s43 M4).
    Findings(labourlink::Error),
    /// The body was purged: only the metadata is left, nothing to verify.
    Purged,
    /// The row's columns do not match its bytes (named).
    Altered(Vec<&'static str>),
    /// The bytes do not verify as of the archive time, or a receipt of an acceptance whose
    /// message this archive should hold does not have it.
    Failed(labourlink::Error),
}

/// How a receipt was bound to the message it acknowledges (review s43 M2: it had been
/// verified alone, silently, when that message was missing).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Binding {
    /// Not a receipt.
    None,
    /// Checked against the archived message (its digest, parties and reply rules).
    Checked,
    /// The acknowledged message's body was purged: the receipt checked alone.
    MessagePurged,
    /// A receipt of a rejection: the rejected message is quarantined, not archived.
    Rejection,
}

impl Binding {
    fn as_str(self) -> &'static str {
        match self {
            Self::None => "",
            Self::Checked => "checked",
            Self::MessagePurged => "message_purged",
            Self::Rejection => "rejection",
        }
    }
}

/// The message a receipt acknowledges, as this archive holds it.
enum Acknowledged {
    /// Its document and payload digest, from its own bytes.
    Found(Box<labourlink::envelope::Document>, String),
    /// Its body was purged.
    Purged,
    /// Not in this archive.
    Missing,
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
    let mut counts = (0u64, 0u64, 0u64, 0u64);
    let mut one = |m: &ArchivedMessage| -> Result<(), Failure> {
        let outcome = check_row(&store, &list, reference.as_ref(), &mut verifiers, m)?;
        match &outcome {
            Outcome::Verified(..) => counts.0 += 1,
            Outcome::Purged => counts.1 += 1,
            Outcome::Altered(_) | Outcome::Failed(_) => counts.2 += 1,
            Outcome::Findings(_) => counts.3 += 1,
        }
        report_row(a.json, &list, m, &outcome);
        Ok(())
    };
    if a.ids.is_empty() {
        store.each_message(&mut one)?;
    } else {
        // `archived_by_id` says `store.not_found` for an id the archive does not hold.
        let mut seen = std::collections::BTreeSet::new();
        for id in a.ids.iter().filter(|id| seen.insert(id.as_str())) {
            for m in &store.archived_by_id(id)? {
                one(m)?;
            }
        }
    }
    let (verified, purged, failed, findings) = counts;
    if a.json {
        print_json(&json!({
            "summary": {"verified": verified, "findings": findings, "purged": purged,
                        "failed": failed, "trust_list_sequence": list.sequence},
        }));
    } else {
        println!(
            "{verified} verified as of when this store first saw them, {findings} signed as stated but with schema or rule findings, {purged} with the body purged (metadata only: nothing to verify), {failed} failed — against trust list sequence {}",
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
    let (earlier, binding) = if m.message_type == "receipt" {
        match acknowledged(store, m, jws)? {
            (Acknowledged::Found(doc, digest), _) => (Some((*doc, digest)), Binding::Checked),
            (Acknowledged::Purged, _) => (None, Binding::MessagePurged),
            (Acknowledged::Missing, false) => (None, Binding::Rejection),
            // An acceptance whose message is not here: the sent message is archived before
            // it is posted, a received one in the transaction its receipt is archived with.
            (Acknowledged::Missing, true) => {
                return Ok(Outcome::Failed(labourlink::Error::new(
                    labourlink::ErrorCode::StoreNotFound,
                    "the receipt acknowledges an acceptance of a message this archive does not hold: its binding cannot be checked",
                )));
            }
        }
    } else {
        (None, Binding::None)
    };
    let result = match &earlier {
        Some((doc, digest)) => verifier.verify_archived_reply_to(jws, doc, digest, m.at),
        None => verifier.verify_archived(jws, m.at),
    };
    Ok(match result {
        Ok(v) => Outcome::Verified(Box::new(v), binding),
        Err(e) if matches!(e.code().family(), "schema" | "rule") => Outcome::Findings(e),
        Err(e) => Outcome::Failed(e),
    })
}

/// The archived message a receipt acknowledges (the other direction: a received receipt
/// answers a sent message), decoded from its own bytes, and whether the receipt says
/// `accepted`. The receipt is read to find the row only: the verification decides.
fn acknowledged(
    store: &Store,
    receipt: &ArchivedMessage,
    jws: &[u8],
) -> Result<(Acknowledged, bool), Failure> {
    let Ok((doc, _)) = labourlink_exchange::node::decode_sent(jws) else {
        return Ok((Acknowledged::Missing, false));
    };
    let accepted = doc.body.get("status").and_then(Value::as_str) == Some("accepted");
    let Some(id) = doc.body.get("received_id").and_then(Value::as_str) else {
        return Ok((Acknowledged::Missing, accepted));
    };
    let direction = match receipt.direction {
        Direction::Received => Direction::Sent,
        Direction::Sent => Direction::Received,
    };
    let Some(earlier) = store.archived(direction, &doc.to.region, &doc.to.agency, id)? else {
        return Ok((Acknowledged::Missing, accepted));
    };
    let Some(bytes) = &earlier.jws else {
        return Ok((Acknowledged::Purged, accepted));
    };
    Ok((
        match labourlink_exchange::node::decode_sent(bytes) {
            Ok((d, digest)) => Acknowledged::Found(Box::new(d), digest),
            Err(_) => Acknowledged::Missing,
        },
        accepted,
    ))
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
        Outcome::Verified(v, binding) => (
            "verified",
            json!({
                "signers": v.signers().iter().map(|s| json!({
                    "kid": s.kid, "region": s.region, "agency": s.agency,
                    "key_status": key_status(list, &s.kid, m.at),
                })).collect::<Vec<_>>(),
                "warnings": v.warnings().iter().map(|w| json!({"code": w.code, "path": w.path})).collect::<Vec<_>>(),
                "binding": (*binding != Binding::None).then(|| binding.as_str()),
            }),
        ),
        Outcome::Findings(e) => (
            "findings",
            json!({"code": e.code().as_str(), "path": e.path(), "message": e.message()}),
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
        Outcome::Verified(v, binding) => {
            match binding {
                Binding::MessagePurged => println!(
                    "{head}: the acknowledged message's body was purged, the receipt checked alone"
                ),
                Binding::Rejection => println!("{head}: a receipt of a rejection"),
                Binding::None | Binding::Checked => println!("{head}"),
            }
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
        Outcome::Findings(e) => println!(
            "{head}: signed as stated, but {}{}: {}",
            e.code(),
            e.path().map(|p| format!(" at {p}")).unwrap_or_default(),
            e.message()
        ),
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
