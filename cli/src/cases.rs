//! `labourlink cases …` and `labourlink archive …`: read a durable store's case records and
//! message archive. Strings from messages (case ids, agencies) are shown escaped.

use std::io::Write as _;

use labourlink::error::shown;
use labourlink::rules::Date;
use labourlink::time::{Clock as _, SystemClock};
use labourlink_store::{ArchivedMessage, CaseQuery, CaseRecord, CaseStatus, Store};

use crate::args::{ArchiveCmd, CasesArgs, CasesCmd};
use crate::{CmdResult, Failure, pretty};

fn write_line(out: &mut (impl std::io::Write + ?Sized), line: &str) -> CmdResult {
    writeln!(out, "{line}").map_err(|e| Failure::Io(format!("cannot write: {e}")))
}

fn today() -> String {
    Date::from_instant_china(SystemClock.now())
        .map(|d| d.to_string())
        .unwrap_or_default()
}

/// `labourlink cases …`.
pub(crate) fn cases(a: CasesArgs) -> CmdResult {
    match a.sub {
        Some(CasesCmd::Show {
            case_id,
            store,
            json,
        }) => show(&Store::open(&store)?, &case_id, json),
        Some(CasesCmd::Remind {
            case_id,
            store,
            case_type,
            json,
        }) => {
            let s = Store::open(&store)?;
            let draft = s.reminder_draft(&case_id, case_type.as_deref())?;
            let text = if json {
                draft.to_string()
            } else {
                pretty(&draft)
            };
            write_line(&mut std::io::stdout().lock(), &text)
        }
        None => list(a),
    }
}

fn list(a: CasesArgs) -> CmdResult {
    let l = a.list;
    let Some(url) = l.store else {
        return Err(crate::usage(&["cases"], "--store URL is required"));
    };
    let at = match l.at {
        None => today(),
        Some(at) => as_of_date(&at).ok_or_else(|| {
            crate::usage(
                &["cases"],
                format!(
                    "--at {}: not a date (YYYY-MM-DD) nor an RFC 3339 time (2026-12-05T14:30:00+08:00)",
                    shown(&at)
                ),
            )
        })?,
    };
    let s = Store::open(&url)?;
    let records = if l.overdue {
        s.overdue_cases(&at)?
    } else if let Some(n) = l.due_within {
        s.cases_due_within(&at, n)?
    } else if l.open {
        s.open_cases()?
    } else {
        s.cases(&CaseQuery::default())?
    };
    let mut out = std::io::stdout().lock();
    if l.json {
        for r in &records {
            let mut v = r.to_json();
            v["overdue"] = r.is_overdue(&at).into();
            write_line(&mut out, &v.to_string())?;
        }
        return Ok(());
    }
    if records.is_empty() {
        return write_line(&mut out, &format!("no cases (as of {at})"));
    }
    for r in &records {
        write_line(&mut out, &line(r, &at))?;
    }
    Ok(())
}

/// `--at`: a date as typed, or the date in China Standard Time of an RFC 3339 time (with `Z`
/// or an offset).
fn as_of_date(at: &str) -> Option<String> {
    if labourlink::time::parse_date(at).is_some() {
        return Some(at.to_owned());
    }
    let t =
        labourlink::time::Timestamp::parse_typed(at, labourlink::time::DateOnly::Refused).ok()?;
    Date::from_instant_china(t).map(|d| d.to_string())
}

fn party(p: &labourlink_store::CaseParty) -> String {
    format!("{}/{}", shown(&p.region), shown(&p.agency))
}

/// One line per case: id, type, status, due date, what is awaited from whom.
fn line(r: &CaseRecord, at: &str) -> String {
    let status = match r.status {
        CaseStatus::Closed => "closed".to_owned(),
        CaseStatus::Open if r.is_overdue(at) => "OVERDUE".to_owned(),
        CaseStatus::Open => "open".to_owned(),
    };
    let due = r.due.as_ref().map_or_else(
        || "no deadline".to_owned(),
        |d| {
            format!(
                "due {} ({} {} from {}{})",
                d.on,
                d.days,
                d.unit.replace('_', " "),
                d.start,
                if d.calendar_confirmed {
                    ""
                } else {
                    "; provisional holiday calendar"
                }
            )
        },
    );
    let awaited: Vec<String> = r
        .awaited
        .iter()
        .map(|a| match &a.from {
            Some(p) => format!("{} from {}", shown(&a.message_type), party(p)),
            None => format!("{} from either party", shown(&a.message_type)),
        })
        .collect();
    let awaiting = if awaited.is_empty() {
        "awaiting nothing".to_owned()
    } else {
        format!("awaiting {}", awaited.join(" or "))
    };
    format!(
        "{}  {}  {status}  {due}  {awaiting}  (last: {} from {})",
        shown(&r.case_id),
        shown(&r.case_type),
        shown(&r.last_type),
        party(&r.last_from)
    )
}

fn show(s: &Store, case_id: &str, json: bool) -> CmdResult {
    let records = s.case(case_id)?;
    let today = today();
    let mut out = std::io::stdout().lock();
    for r in &records {
        let history = s.case_history(&r.case_type, &r.case_id)?;
        if json {
            let mut v = r.to_json();
            v["overdue"] = r.is_overdue(&today).into();
            v["history"] = history.iter().map(|m| m.to_json(false)).collect();
            // One object per line (several case types may use the id).
            write_line(&mut out, &v.to_string())?;
            continue;
        }
        write_line(&mut out, &line(r, &today))?;
        write_line(
            &mut out,
            &format!(
                "  opened {} by {} with {}",
                r.opened_at,
                party(&r.opened_by),
                party(&r.counterparty)
            ),
        )?;
        for m in &history {
            write_line(&mut out, &format!("  {}", history_line(m)))?;
        }
    }
    Ok(())
}

fn history_line(m: &ArchivedMessage) -> String {
    format!(
        "#{} {} {} {} {}/{} -> {}/{} id {} {}{}",
        m.seq,
        m.at,
        m.direction.as_str(),
        shown(&m.message_type),
        shown(&m.from_region),
        shown(&m.from_agency),
        shown(&m.to_region),
        shown(&m.to_agency),
        shown(&m.id),
        m.outcome,
        if m.body_purged_at.is_some() {
            " (body purged)"
        } else {
            ""
        }
    )
}

/// `labourlink archive …`.
pub(crate) fn archive(cmd: ArchiveCmd) -> CmdResult {
    match cmd {
        ArchiveCmd::Verify(a) => crate::evidence::verify(&a),
        ArchiveCmd::Show {
            id,
            store,
            jws,
            json,
        } => {
            let s = Store::open(&store)?;
            let found = s.archived_by_id(&id)?;
            let mut out = std::io::stdout().lock();
            if jws {
                let [m] = found.as_slice() else {
                    return Err(crate::usage(
                        &["archive", "show"],
                        format!(
                            "{} archived messages have this id (several issuers or directions): use --json",
                            found.len()
                        ),
                    ));
                };
                let Some(body) = &m.jws else {
                    let at = m.body_purged_at.map(|t| t.to_string()).unwrap_or_default();
                    return Err(Failure::from(
                        labourlink::Error::new(
                            labourlink::ErrorCode::StoreNotFound,
                            format!(
                                "the body of this message was purged at {at} (retention); its \
                                 metadata remains (archive show --json)"
                            ),
                        )
                        .zh(format!(
                            "该消息的正文已于 {at} 按保存期限清除；其元数据仍保留（archive show --json）"
                        )),
                    ));
                };
                return out
                    .write_all(body)
                    .map_err(|e| Failure::Io(format!("cannot write: {e}")));
            }
            for m in &found {
                if json {
                    write_line(&mut out, &m.to_json(true).to_string())?;
                } else {
                    write_line(&mut out, &history_line(m))?;
                    write_line(&mut out, &format!("  digest {}", m.digest))?;
                    if let (Some(c), Some(t)) = (&m.case_id, &m.case_type) {
                        write_line(&mut out, &format!("  case {} ({})", shown(c), shown(t)))?;
                    }
                    for (code, path) in &m.warnings {
                        write_line(&mut out, &format!("  warning {code} at {}", shown(path)))?;
                    }
                    let signers = match &m.signers {
                        Some(kids) => kids.iter().map(|k| shown(k)).collect::<Vec<_>>().join(", "),
                        None => "not recorded (archived before store schema version 7)".to_owned(),
                    };
                    write_line(&mut out, &format!("  signed by {signers}"))?;
                    let body = match &m.jws {
                        Some(b) => format!("{} bytes (--jws prints it)", b.len()),
                        None => "purged".to_owned(),
                    };
                    write_line(&mut out, &format!("  body {body}"))?;
                }
            }
            Ok(())
        }
        ArchiveCmd::Quarantine {
            store,
            code,
            limit,
            json,
        } => {
            let s = Store::open(&store)?;
            let mut out = std::io::stdout().lock();
            // The newest `limit` rows with that code (the store filters: each row holds up to
            // 1 MiB of input).
            let rows = match code.as_deref() {
                Some(c) => s.quarantined_with_code(c, limit)?,
                None => s.quarantined(limit)?,
            };
            for q in rows {
                let kids = claimed_kids(&q.bytes);
                if json {
                    let v = serde_json::json!({
                        "seq": q.seq,
                        "at": q.at.to_string(),
                        "code": q.code,
                        "digest": q.digest,
                        "bytes": q.bytes.len(),
                        "truncated": q.truncated,
                        "claimed_kids": kids,
                    });
                    write_line(&mut out, &v.to_string())?;
                } else {
                    let kids = if kids.is_empty() {
                        "no readable signature header".to_owned()
                    } else {
                        format!(
                            "claims key {} (not verified)",
                            kids.iter().map(|k| shown(k)).collect::<Vec<_>>().join(", ")
                        )
                    };
                    write_line(
                        &mut out,
                        &format!(
                            "#{} {} {} digest {} {} bytes{} — {kids}",
                            q.seq,
                            q.at,
                            shown(&q.code),
                            q.digest,
                            q.bytes.len(),
                            if q.truncated { " (cut)" } else { "" },
                        ),
                    )?;
                }
            }
            Ok(())
        }
        ArchiveCmd::Export {
            store,
            no_bodies,
            signer,
            receipts_from,
            json: _,
            out: Some(path),
            force,
        } => {
            // Personal data: written whole or not at all, readable by its owner only.
            crate::output::check_free(&path, force)?;
            let s = Store::open(&store)?;
            let mut unknown = 0;
            let only = Only {
                signer: signer.as_deref(),
                receipts_from: receipts_from.as_deref(),
            };
            crate::output::write_with(&path, crate::output::WriteOpts::secret(force), |w| {
                unknown = export(&s, no_bodies, &only, w)?;
                Ok(())
            })?;
            note_unrecorded(unknown);
            Ok(())
        }
        ArchiveCmd::Export {
            store,
            no_bodies,
            signer,
            receipts_from,
            json: _,
            out: None,
            force: _,
        } => {
            let s = Store::open(&store)?;
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            let only = Only {
                signer: signer.as_deref(),
                receipts_from: receipts_from.as_deref(),
            };
            let unknown = export(&s, no_bodies, &only, &mut out)?;
            out.flush()
                .map_err(|e| Failure::Io(format!("cannot write: {e}")))?;
            note_unrecorded(unknown);
            Ok(())
        }
    }
}

/// The key ids a quarantined input's signature headers name — what the sender claims, read
/// without verifying anything (the input was rejected); empty when it is no readable JWS.
fn claimed_kids(bytes: &[u8]) -> Vec<String> {
    labourlink::jws::parse(
        bytes,
        labourlink::json::Limits::default(),
        &labourlink::jws::AlgorithmPolicy::default(),
    )
    .map(|p| p.signatures.into_iter().map(|s| s.header.kid).collect())
    .unwrap_or_default()
}

/// Says on standard error how many messages `--signer` could not judge.
fn note_unrecorded(unknown: u64) {
    if unknown > 0 {
        eprintln!(
            "note: {unknown} archived message(s) have no recorded signers (archived before store schema version 7) and were left out; their bodies, while kept, name the key in signatures[].protected"
        );
    }
}

/// The archive as NDJSON, page by page (memory stays flat on standard output); with `signer`,
/// only the messages that key signed. Returns how many messages had no recorded signers
/// while `signer` was asked for.
/// Which archived messages `archive export` writes.
struct Only<'a> {
    /// Those this key id signed.
    signer: Option<&'a str>,
    /// The receipts received from this region.
    receipts_from: Option<&'a str>,
}

fn export(
    s: &Store,
    no_bodies: bool,
    only: &Only<'_>,
    out: &mut dyn std::io::Write,
) -> Result<u64, Failure> {
    let mut unknown = 0u64;
    s.each_message(|m| {
        if only.receipts_from.is_some_and(|r| {
            m.direction != labourlink_store::Direction::Received
                || m.message_type != "receipt"
                || m.from_region != r
        }) {
            return Ok(());
        }
        if let Some(kid) = only.signer {
            match &m.signers {
                None => {
                    unknown += 1;
                    return Ok(());
                }
                Some(kids) if !kids.iter().any(|k| k == kid) => return Ok(()),
                Some(_) => {}
            }
        }
        write_line(out, &m.to_json(!no_bodies).to_string())
    })?;
    Ok(unknown)
}
