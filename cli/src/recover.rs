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
    /// Lines whose body the partner's retention dropped (nothing to verify).
    purged: u64,
    /// Receipts dated before the backup (more than the leeway): for messages the restored
    /// store holds; not taken, whatever they claim.
    before_backup: u64,
    /// Receipts that did not verify or could not be read: line, code.
    refused: Vec<(String, String)>,
    /// A replay record with another digest for the same message: line, message id.
    conflicts: Vec<(String, String)>,
}

/// How far before the backup a receipt may be dated and still be taken: the node's clock and
/// its partners' differ by up to a verifier's leeway, an hour at most (review s43 L6: with 5
/// minutes, a store that had accepted messages under a larger leeway skipped genuine receipts).
const BACKUP_LEEWAY_SECONDS: i64 = labourlink::time::MAX_LEEWAY_SECONDS;

/// What one input line holds.
enum Line {
    /// A receipt's JWS.
    Receipt(Vec<u8>),
    /// An `archive export` line whose body the partner's retention dropped (`"jws": null`).
    Purged,
    /// Neither.
    Unreadable,
}

/// The receipt in one input line: an `archive export` object's `jws`, or the JWS itself.
fn receipt_bytes(line: &str) -> Line {
    let Ok(v) = serde_json::from_str::<Value>(line) else {
        return Line::Unreadable;
    };
    match v.get("jws") {
        Some(Value::String(s)) => Line::Receipt(s.as_bytes().to_vec()),
        Some(Value::Null) => Line::Purged,
        Some(_) => Line::Unreadable,
        None if v.get("payload").is_some() => Line::Receipt(line.as_bytes().to_vec()),
        None => Line::Unreadable,
    }
}

/// The trust list in the file at `path` or the one `store` accepted last, whichever is newer:
/// a key the store's list revokes or retires must not vouch for a message because an older
/// file still lists it (review s42b F2). A note on standard error says when the store's is
/// taken.
pub(crate) fn newer_trust_list(
    path: &str,
    anchors: &[labourlink::trust::Anchor],
    store: &Store,
) -> Result<TrustList, Failure> {
    let mut list = TrustList::load(
        &read_file(path)?,
        anchors,
        &SystemClock,
        DEFAULT_GRACE_SECONDS,
    )
    .map_err(|e| trust_list_failure(e, path, anchors))?;
    if let Some(stored) = store.trust_list_of(&crate::anchor_kids(anchors))? {
        if stored.sequence > list.sequence {
            list = TrustList::load(&stored.jws, anchors, &SystemClock, DEFAULT_GRACE_SECONDS)
                .map_err(|e| trust_list_failure(e, "last accepted into the store", anchors))?;
            eprintln!(
                "note: using the trust list (sequence {}) the store accepted last, newer than {path}",
                list.sequence
            );
        }
    }
    Ok(list)
}

pub(crate) fn recover(a: &StoreRecoverArgs) -> CmdResult {
    let anchors = read_anchors(&a.anchor)?;
    let store = Store::open(&a.store)?;
    let list = newer_trust_list(&a.trust_list, &anchors, &store)?;
    let now = SystemClock.now();
    // When the backup was made, at the latest: what the node accepted before it is in the
    // restored store. A receipt dated earlier is skipped — a receipt key retired before the
    // backup, had it leaked, could otherwise sign a backdated receipt and put a replay record
    // (for good, for a long-lived type) and an archive row in the store (audit s43 archive F7).
    let backup = match a.since {
        Some(t) => Some(t),
        None => store.newest_received_issued_at()?,
    };
    if backup.is_none() {
        eprintln!(
            "note: the store holds no received message with its body (and --since is not given): receipts of any date are taken"
        );
    }
    let floor = backup.map(|b| b.add_seconds(-BACKUP_LEEWAY_SECONDS));
    let from = if a.since.is_some() {
        "--since"
    } else {
        "the newest issued_at the restored store received"
    };
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
            let bytes = match receipt_bytes(line) {
                Line::Receipt(b) => b,
                Line::Purged => {
                    t.purged += 1;
                    continue;
                }
                Line::Unreadable => {
                    t.refused.push((place, "input.invalid".to_owned()));
                    continue;
                }
            };
            recover_one(
                a,
                &store,
                &list,
                &mut verifiers,
                &bytes,
                &place,
                (now, floor),
                &mut t,
            )?;
        }
    }
    report(a, &t, floor.map(|f| (f, from)))
}

#[allow(clippy::too_many_arguments)] // one receipt, with what every receipt shares
fn recover_one(
    a: &StoreRecoverArgs,
    store: &Store,
    list: &TrustList,
    verifiers: &mut HashMap<String, Verifier>,
    bytes: &[u8],
    place: &str,
    (now, floor): (Timestamp, Option<Timestamp>),
    t: &mut Tally,
) -> Result<(), Failure> {
    // Read the addressee and the date first (not trusted: the verification below decides).
    let (to_region, claimed) = match labourlink_exchange::node::decode_sent(bytes) {
        Ok((doc, _)) => (
            doc.to.region.as_str().to_owned(),
            Timestamp::parse(&doc.issued_at).ok(),
        ),
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
    if let (Some(c), Some(f)) = (claimed, floor) {
        if c < f {
            t.before_backup += 1;
            return Ok(());
        }
    }
    // Judged as of when it was signed (no later than now, no earlier than the backup): a
    // receipt key retired since, in an ordinary rotation, still vouches for what it signed
    // before; a revoked one never does.
    let first_seen = claimed.map_or(now, |c| c.min(now));
    let verified = match verifier.verify_archived(bytes, first_seen) {
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

fn report(a: &StoreRecoverArgs, t: &Tally, floor: Option<(Timestamp, &str)>) -> CmdResult {
    // Nothing of this region at all: a mistyped --region, or files of another node.
    let none_ours = t.not_ours > 0 && t.recorded + t.known + t.expired + t.rejections == 0;
    let failed = !t.refused.is_empty() || !t.conflicts.is_empty() || none_ours;
    if a.json {
        print_json(&serde_json::json!({
            "status": if failed { "incomplete" } else { "ok" },
            "recorded": t.recorded,
            "already_recorded": t.known,
            "expired": t.expired,
            "not_this_region": t.not_ours,
            "rejections": t.rejections,
            "receipts_archived": t.receipts_archived,
            "bodies_purged": t.purged,
            "before_backup": t.before_backup,
            "taken_from": floor.map(|(f, _)| f.to_string()),
            "taken_from_source": floor.map(|(_, source)| source),
            "note": none_ours.then(|| format!("none of the receipts was signed for region {}: check --region", a.region)),
            "refused": t.refused.iter().map(|(at, code)| serde_json::json!({"at": at, "code": code})).collect::<Vec<_>>(),
            "conflicts": t.conflicts.iter().map(|(at, id)| serde_json::json!({"at": at, "id": id})).collect::<Vec<_>>(),
        }));
    } else {
        println!(
            "recovered {} replay record(s) ({} already there, {} past their keep-until), archived {} receipt(s); skipped {} receipt(s) of other regions and {} rejection(s)",
            t.recorded, t.known, t.expired, t.receipts_archived, t.not_ours, t.rejections
        );
        if let Some((f, source)) = floor {
            println!(
                "  receipts taken from {f} on (the backup's time from {source}, less an hour for clocks); {} dated earlier are for messages the restored store holds (not taken){}",
                t.before_backup,
                if t.before_backup > 0 && a.since.is_none() {
                    ": if the node has run on the restored store already, give --since the backup's time"
                } else {
                    ""
                }
            );
        }
        if t.purged > 0 {
            println!(
                "  {} line(s) without a body (dropped by the partner's retention): nothing to recover from them",
                t.purged
            );
        }
        if none_ours {
            println!(
                "  none of the receipts was signed for region {}: check --region",
                labourlink::error::shown(&a.region)
            );
        }
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
