//! `labourlink reference-data sign|show|verify`: signed reference data (参考数据) — the holiday
//! calendar and GB/T 2260 changes — issued by the trust anchor (like `trust-list`).

use labourlink::envelope::Document;
use labourlink::refdata::ReferenceData;
use labourlink::trust::DEFAULT_GRACE_SECONDS;
use labourlink::{Error, ErrorCode};
use labourlink_store::Store;
use serde_json::{Value, json};

use crate::args::{RdSignArgs, RdVerifyArgs, RefDataCmd};
use crate::{
    CmdResult, Failure, clock_from, load_key, output, print_json, read_file, read_json,
    trust_list_document, usage,
};

pub(crate) fn reference_data(cmd: RefDataCmd) -> CmdResult {
    match cmd {
        RefDataCmd::Sign(a) => sign(&a),
        RefDataCmd::Show { file, json } => show(&file, json),
        RefDataCmd::Verify(a) => verify(&a),
        RefDataCmd::Fetch {
            url,
            anchor,
            store,
            out,
            force,
            json,
        } => fetch(&url, &anchor, store.as_deref(), out.as_deref(), force, json),
    }
}

/// `reference-data fetch`: the conditional GET of `trust-list fetch`, for reference data.
fn fetch(
    url: &str,
    anchor: &[String],
    store: Option<&str>,
    out: Option<&str>,
    force: bool,
    json: bool,
) -> CmdResult {
    use labourlink::time::{Clock as _, SystemClock};
    let Some(crate::exchange::FetchedDoc {
        anchors,
        store,
        jws,
    }) = crate::exchange::conditional_fetch(
        crate::exchange::Fetch::ReferenceData,
        url,
        anchor,
        store,
        out,
        force,
        json,
    )?
    else {
        return Ok(());
    };
    let data = ReferenceData::load(&jws, &anchors, &SystemClock, DEFAULT_GRACE_SECONDS)?;
    if let Some(s) = &store {
        s.accept_reference_data(
            &jws,
            data.sequence,
            data.digest().unwrap_or_default(),
            SystemClock.now(),
        )?;
    }
    if let Some(o) = out {
        output::write(o, &jws, output::WriteOpts::new_file(force))?;
    }
    if json {
        let mut v = summary(&data);
        if let Value::Object(m) = &mut v {
            m.insert("status".into(), "ok".into());
            m.insert("recorded".into(), store.is_some().into());
            m.insert("out".into(), json!(out));
        }
        print_json(&v);
        return Ok(());
    }
    println!(
        "fetched reference data sequence {} from {url}{}",
        data.sequence,
        if store.is_some() {
            " (recorded in the store)"
        } else {
            ""
        }
    );
    Ok(())
}

/// Reads a reference-data document (signed: its payload, signature not checked; or a draft)
/// and its body.
fn read_document(path: &str) -> Result<(Document, ReferenceData, Option<Vec<String>>), Failure> {
    let bytes = read_file(path)?;
    let (value, signed_by) = trust_list_document(&bytes)?;
    let checked = Document::from_value(&value)?;
    if checked.document.message_type != labourlink::refdata::MESSAGE_TYPE {
        return Err(Failure::Lib(
            Error::new(
                ErrorCode::ReferenceDataInvalid,
                format!(
                    "{path} is a '{}' document, not reference data",
                    checked.document.message_type
                ),
            )
            .at("/type"),
        ));
    }
    let data = ReferenceData::from_body(&checked.document.body)?;
    Ok((checked.document, data, signed_by))
}

fn sign(a: &RdSignArgs) -> CmdResult {
    let (path, out) = (a.file.as_str(), a.out.as_str());
    if out == path {
        return Err(usage(
            &["reference-data", "sign"],
            "--out names the draft itself; write the signed document to another file",
        ));
    }
    output::check_free(out, a.force)?;
    let _ = read_json(path)?;
    let (doc, data, _) = read_document(path)?;
    let key = load_key(&a.key, &a.kid, &a.password)?;
    let clock = clock_from(a.at);
    let jws = data.sign(&key, doc.from, clock.as_ref())?;
    output::write(
        out,
        format!("{jws}\n").as_bytes(),
        output::WriteOpts::new_file(a.force),
    )?;
    if a.json {
        print_json(&json!({
            "status": "ok",
            "out": out,
            "sequence": data.sequence,
            "kid": key.kid(),
            "next_update": data.next_update.to_string(),
        }));
        return Ok(());
    }
    println!(
        "signed reference data sequence {} with '{}' → {out}",
        data.sequence,
        key.kid()
    );
    Ok(())
}

fn summary(data: &ReferenceData) -> Value {
    let years: Vec<Value> = data
        .years
        .iter()
        .map(|y| {
            json!({"year": y.year, "status": y.status.as_str(), "source": y.source,
                   "days": y.days.len()})
        })
        .collect();
    let regions = data.region_changes.as_ref().map(|r| {
        json!({"as_of": r.as_of.to_string(), "source": r.source,
               "added": r.added.len(), "retired": r.retired.len()})
    });
    json!({
        "sequence": data.sequence,
        "next_update": data.next_update.to_string(),
        "calendar_version": data.calendar_version,
        "years": years,
        "regions": regions,
    })
}

fn print_summary(data: &ReferenceData) {
    println!(
        "reference data (参考数据) sequence {}, next update {}",
        data.sequence, data.next_update
    );
    if let Some(v) = &data.calendar_version {
        println!("holiday calendar version {v}");
    }
    for y in &data.years {
        println!(
            "- {} {} ({} day(s)): {}",
            y.year,
            y.status.as_str(),
            y.days.len(),
            y.source
        );
    }
    if let Some(r) = &data.region_changes {
        println!(
            "GB/T 2260 as of {}: {} added, {} retired ({})",
            r.as_of,
            r.added.len(),
            r.retired.len(),
            r.source
        );
    }
}

fn show(path: &str, json: bool) -> CmdResult {
    let (doc, data, signed_by) = read_document(path)?;
    if json {
        let mut v = summary(&data);
        if let Value::Object(m) = &mut v {
            m.insert("status".into(), "ok".into());
            m.insert("file".into(), path.into());
            m.insert(
                "issuer".into(),
                json!({"region": doc.from.region, "agency": doc.from.agency}),
            );
            m.insert("signed_by".into(), json!(signed_by));
            m.insert("signature_checked".into(), false.into());
        }
        print_json(&v);
        return Ok(());
    }
    print_summary(&data);
    println!("issuer: {} / {}", doc.from.region, doc.from.agency);
    match signed_by {
        Some(k) => println!(
            "signed by: {} (signature NOT checked here; `reference-data verify` checks it against a pinned anchor)",
            k.join(", ")
        ),
        None => println!("unsigned draft"),
    }
    Ok(())
}

fn verify(a: &RdVerifyArgs) -> CmdResult {
    let bytes = read_file(&a.file)?;
    let anchors = crate::read_anchors(&a.anchor)?;
    let clock = clock_from(a.at);
    let fail = Failure::Lib;
    let data = ReferenceData::load(&bytes, &anchors, clock.as_ref(), DEFAULT_GRACE_SECONDS)
        .map_err(fail)?;
    if let Some(min) = a.min_sequence {
        data.check_not_rollback(Some((min, None))).map_err(fail)?;
    }
    if let Some(url) = &a.store {
        let store = Store::open(url)?;
        let digest = data.digest().unwrap_or_default();
        store
            .accept_reference_data(&bytes, data.sequence, digest, clock.now())
            .map_err(fail)?;
    }
    if a.json {
        let mut v = summary(&data);
        if let Value::Object(m) = &mut v {
            m.insert("status".into(), "ok".into());
            m.insert("valid".into(), true.into());
            m.insert("digest".into(), json!(data.digest()));
        }
        print_json(&v);
        return Ok(());
    }
    print_summary(&data);
    println!("valid: signed by a pinned anchor, not stale");
    Ok(())
}
