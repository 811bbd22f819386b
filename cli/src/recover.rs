//! `labourlink store recover`: after a store was restored from a backup, what the node accepted
//! since the backup is known again from the receipts it signed, which its partners hold (their
//! outboxes archive every verified receipt). Each receipt is verified against the trust list;
//! an accepted one gives back the replay record of the message it acknowledges — so a
//! redelivery is a duplicate, answered with that same receipt — and the receipt is archived
//! again as sent.

use std::collections::HashMap;

use labourlink::envelope::is_long_lived_type;
use labourlink::time::{Clock as _, SystemClock, Timestamp};
use labourlink::trust::{DEFAULT_GRACE_SECONDS, TrustList};
use labourlink::verify::{ReplayGuard as _, ReplayKey, Verifier, shared_keep_until};
use labourlink::{Error, ErrorCode};
use labourlink_store::{Direction, NewMessage, Store};
use serde_json::Value;

use crate::args::StoreRecoverArgs;
use crate::{CmdResult, Failure, print_json, read_anchors, read_file, trust_list_failure};

/// What recovering one receipt came to.
#[derive(Debug, Default)]
struct Tally {
    recorded: u64,
    known: u64,
    expired: u64,
    not_ours: u64,
    rejections: u64,
    receipts_archived: u64,
    /// Receipts that did not verify or could not be read: line, code.
    refused: Vec<(String, String)>,
    /// A replay record with another digest for the same message: line, message id.
    conflicts: Vec<(String, String)>,
}

/// The receipt in one input line: an `archive export` object's `jws`, or the JWS itself.
fn receipt_bytes(line: &str) -> Option<Vec<u8>> {
    let v: Value = serde_json::from_str(line).ok()?;
    match v.get("jws") {
        Some(Value::String(s)) => Some(s.as_bytes().to_vec()),
        Some(_) => None,
        None if v.get("payload").is_some() => Some(line.as_bytes().to_vec()),
        None => None,
    }
}

pub(crate) fn recover(a: &StoreRecoverArgs) -> CmdResult {
    let anchors = read_anchors(&a.anchor)?;
    let list = TrustList::load(
        &read_file(&a.trust_list)?,
        &anchors,
        &SystemClock,
        DEFAULT_GRACE_SECONDS,
    )
    .map_err(|e| trust_list_failure(e, &a.trust_list, &anchors))?;
    let store = Store::open(&a.store)?;
    let now = SystemClock.now();
    // A receipt is addressed to the partner: one verifier per partner region.
    let mut verifiers: HashMap<String, Verifier> = HashMap::new();
    let mut t = Tally::default();
    for file in &a.files {
        let text = String::from_utf8(read_file(file)?).map_err(|_| {
            Failure::Lib(
                Error::new(ErrorCode::InputInvalid, format!("{file} is not UTF-8 text"))
                    .zh(format!("{file} 不是 UTF-8 文本")),
            )
        })?;
        for (n, line) in text.lines().enumerate() {
            let place = format!("{file}:{}", n + 1);
            if line.trim().is_empty() {
                continue;
            }
            let Some(bytes) = receipt_bytes(line) else {
                t.refused.push((place, "input.invalid".to_owned()));
                continue;
            };
            recover_one(
                a,
                &store,
                &list,
                &mut verifiers,
                &bytes,
                &place,
                now,
                &mut t,
            )?;
        }
    }
    report(a, &t)
}

#[allow(clippy::too_many_arguments)] // one receipt, with what every receipt shares
fn recover_one(
    a: &StoreRecoverArgs,
    store: &Store,
    list: &TrustList,
    verifiers: &mut HashMap<String, Verifier>,
    bytes: &[u8],
    place: &str,
    now: Timestamp,
    t: &mut Tally,
) -> Result<(), Failure> {
    // Read the addressee first (not trusted: the verification below decides).
    let to_region = match labourlink_exchange::node::decode_sent(bytes) {
        Ok((doc, _)) => doc.to.region.as_str().to_owned(),
        Err(e) => {
            t.refused
                .push((place.to_owned(), e.code().as_str().to_owned()));
            return Ok(());
        }
    };
    let verifier = match verifiers.get(&to_region) {
        Some(v) => v,
        None => {
            let v = Verifier::builder()
                .trust_list(list.clone())
                .region(to_region.as_str())
                .build()?;
            verifiers.entry(to_region).or_insert(v)
        }
    };
    let verified = match verifier.verify_archived(bytes, now) {
        Ok(v) => v,
        Err(e) => {
            t.refused
                .push((place.to_owned(), e.code().as_str().to_owned()));
            return Ok(());
        }
    };
    let doc = verified.document();
    if verified.message_type() != "receipt" || doc.from.region.as_str() != a.region {
        t.not_ours += 1;
        return Ok(());
    }
    let body = verified.body();
    let field = |k: &str| body.get(k).and_then(Value::as_str);
    if field("status") != Some("accepted") {
        t.rejections += 1;
        return Ok(());
    }
    let (Some(id), Some(digest)) = (field("received_id"), field("received_digest")) else {
        t.refused
            .push((place.to_owned(), "exchange.bad_response".to_owned()));
        return Ok(());
    };
    // The message was issued at the latest when it was received; kept as long as a verifier
    // with default settings would still accept it (for good for long-lived documents).
    let received_at = field("received_at")
        .and_then(|s| Timestamp::parse(s).ok())
        .unwrap_or_else(|| verified.issued_at());
    let long_lived = field("received_type").is_some_and(is_long_lived_type);
    let keep_until = shared_keep_until(received_at, None, long_lived, received_at);
    if keep_until < now {
        t.expired += 1;
    } else {
        let key = ReplayKey {
            region: doc.to.region.as_str(),
            agency: doc.to.agency.as_str(),
            id,
        };
        match store.check_and_record(&key, digest, received_at, keep_until) {
            Ok(()) => t.recorded += 1,
            Err(e) if e.code() == ErrorCode::ReplayDuplicate => t.known += 1,
            Err(e) if e.code() == ErrorCode::ReplayConflict => {
                t.conflicts.push((place.to_owned(), id.to_owned()));
                return Ok(());
            }
            Err(e) => return Err(e.into()),
        }
    }
    // The receipt itself, so that a redelivery gets these very bytes again.
    let kids = verified.signers().iter().map(|s| s.kid.clone()).collect();
    let m = NewMessage::from_jws(Direction::Sent, bytes, received_at)?.with_signers(kids);
    if store.archive(&m)? {
        t.receipts_archived += 1;
    }
    Ok(())
}

fn report(a: &StoreRecoverArgs, t: &Tally) -> CmdResult {
    let failed = !t.refused.is_empty() || !t.conflicts.is_empty();
    if a.json {
        print_json(&serde_json::json!({
            "status": if failed { "incomplete" } else { "ok" },
            "recorded": t.recorded,
            "already_recorded": t.known,
            "expired": t.expired,
            "not_this_region": t.not_ours,
            "rejections": t.rejections,
            "receipts_archived": t.receipts_archived,
            "refused": t.refused.iter().map(|(at, code)| serde_json::json!({"at": at, "code": code})).collect::<Vec<_>>(),
            "conflicts": t.conflicts.iter().map(|(at, id)| serde_json::json!({"at": at, "id": id})).collect::<Vec<_>>(),
        }));
    } else {
        println!(
            "recovered {} replay record(s) ({} already there, {} past their keep-until), archived {} receipt(s); skipped {} receipt(s) of other regions and {} rejection(s)",
            t.recorded, t.known, t.expired, t.receipts_archived, t.not_ours, t.rejections
        );
        for (at, code) in &t.refused {
            println!("  {at}: not taken ({code})");
        }
        for (at, id) in &t.conflicts {
            println!(
                "  {at}: message {} has a replay record with another digest: check it by hand",
                labourlink::error::shown(id)
            );
        }
    }
    if failed { Err(Failure::Quiet) } else { Ok(()) }
}
