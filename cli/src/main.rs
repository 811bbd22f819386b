//! `labourlink` — keys, trust lists, signing, verification and an end-to-end demo.
//!
//! Exit status: 0 success, 1 rejection or failed operation (code, message and JSON pointer
//! printed), 2 usage error. The command never panics on any input.
#![forbid(unsafe_code)]
// A command-line tool prints to stdout by design.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod args;
mod cases;
mod demo;
mod exchange;

use std::io::{Read as _, Write as _};
use std::process::ExitCode;

use labourlink::envelope::{Document, Party};
use labourlink::keys::{Algorithm, SigningKey, VerifyingKey};
use labourlink::time::{Clock, FixedClock, SystemClock, Timestamp};
use labourlink::trust::{Anchor, DEFAULT_GRACE_SECONDS, KeyRecord, TrustList};
use labourlink::verify::Verifier;
use labourlink::{Error, ErrorCode};
use serde_json::Value;

use clap::{CommandFactory as _, Parser as _};

use args::{
    Cli, Cmd, KeygenArgs, SignArgs, StoreCmd, StorePurgeArgs, TlAddKeyArgs, TlCheckArgs, TlNewArgs,
    TlSignArgs, TlStatusArgs, TrustListCmd, VerifyArgs,
};
use labourlink_store::Store;

/// What a command failed with.
enum Failure {
    /// A usage error found after parsing, in clap's format; exit 2.
    Usage(Box<clap::Error>),
    Lib(Error),
    Io(String),
    /// Already reported on stdout/stderr; exit 1.
    Quiet,
    /// Already reported on stdout/stderr; exit with this status (`conformance run`: 3 when
    /// nothing was tested).
    Status(u8),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Self::Lib(e)
    }
}

type CmdResult = Result<(), Failure>;

/// A usage error of the subcommand at `path` (e.g. `["verify"]`), with its usage line.
fn usage(path: &[&str], message: impl std::fmt::Display) -> Failure {
    Failure::Usage(Box::new(labourlink_conformance::cli::usage_error(
        Cli::command(),
        path,
        &message.to_string(),
    )))
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Usage errors exit 2; `--help` and `--version` print to stdout and exit 0.
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    let json_errors = matches!(
        cli.command,
        Cmd::Verify(VerifyArgs { json: true, .. }) | Cmd::Validate { json: true, .. }
    );
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(e)) => {
            let _ = e.print();
            ExitCode::from(2)
        }
        Err(Failure::Quiet) => ExitCode::from(1),
        Err(Failure::Status(code)) => ExitCode::from(code),
        Err(Failure::Io(msg)) => {
            eprintln!("error: {msg}");
            ExitCode::from(1)
        }
        Err(Failure::Lib(e)) => {
            if json_errors {
                let mut j = e.to_json();
                if let Value::Object(m) = &mut j {
                    m.insert("status".into(), "rejected".into());
                }
                println!("{j}");
            } else {
                print_error(&e);
            }
            ExitCode::from(1)
        }
    }
}

fn print_error(e: &Error) {
    eprintln!("rejected: {}", e.code());
    eprintln!("  {}", e.message());
    if let Some(p) = e.path() {
        eprintln!(
            "  at: {}",
            if p.is_empty() {
                "/ (the whole document)"
            } else {
                p
            }
        );
    }
    eprintln!("  {}", e.message_zh());
    for v in e.violations() {
        eprintln!("  - {} at {}: {}", v.code, v.path, v.message);
    }
}

fn run(cmd: Cmd) -> CmdResult {
    match cmd {
        Cmd::Keygen(a) => keygen(&a),
        Cmd::TrustList(sub) => trust_list(sub),
        Cmd::Sign(a) => sign(&a),
        Cmd::Verify(a) => verify(&a),
        Cmd::Canonicalize { file } => canonicalize(&file),
        Cmd::Inspect { message } => inspect(&message),
        Cmd::Validate { json, document } => validate(&document, json),
        Cmd::Example { message_type } => {
            let doc = labourlink::schema::example(&message_type).ok_or_else(|| {
                usage(
                    &["example"],
                    format!(
                        "no example for '{message_type}'; the types are: {}",
                        labourlink::envelope::MESSAGE_TYPES.join(", ")
                    ),
                )
            })?;
            println!("{}", pretty(&doc));
            Ok(())
        }
        Cmd::ErrorCodes => {
            print!("{}", labourlink::rules::codes::error_codes_page());
            Ok(())
        }
        Cmd::Rules => {
            print!("{}", labourlink::RuleCode::rules_page());
            Ok(())
        }
        Cmd::Conformance { command } => match command.execute() {
            Ok(0) => Ok(()),
            Ok(code) => Err(u8::try_from(code).map_or(Failure::Quiet, Failure::Status)),
            Err(e) => Err(usage(&["conformance", command.name()], e)),
        },
        Cmd::Store(sub) => store_cmd(sub),
        Cmd::Cases(a) => cases::cases(a),
        Cmd::Archive(sub) => cases::archive(sub),
        Cmd::Serve { config, log } => {
            exchange::init_logs(&log);
            exchange::serve(&config)
        }
        Cmd::Send(a) => exchange::send(&a),
        Cmd::Outbox(c) => exchange::outbox(c),
        Cmd::Demo => demo::run().map_err(Failure::Lib),
        Cmd::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "labourlink", &mut script);
            std::io::stdout()
                .write_all(&script)
                .map_err(|e| Failure::Io(format!("cannot write: {e}")))
        }
    }
}

fn read_file(path: &str) -> Result<Vec<u8>, Failure> {
    if path == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| Failure::Io(format!("cannot read standard input: {e}")))?;
        return Ok(buf);
    }
    std::fs::read(path).map_err(|e| Failure::Io(format!("cannot read {path}: {e}")))
}

fn read_text(path: &str) -> Result<String, Failure> {
    String::from_utf8(read_file(path)?)
        .map_err(|_| Failure::Io(format!("{path} is not UTF-8 text")))
}

fn write_file(path: &str, data: &[u8]) -> CmdResult {
    std::fs::write(path, data).map_err(|e| Failure::Io(format!("cannot write {path}: {e}")))
}

/// Writes a secret file readable by its owner only (where the platform supports it).
fn write_secret(path: &str, data: &[u8]) -> CmdResult {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        opts.mode(0o600);
    }
    let mut f = opts
        .open(path)
        .map_err(|e| Failure::Io(format!("cannot write {path}: {e}")))?;
    f.write_all(data)
        .map_err(|e| Failure::Io(format!("cannot write {path}: {e}")))
}

fn read_json(path: &str) -> Result<Value, Failure> {
    let bytes = read_file(path)?;
    labourlink::json::parse_document(&bytes).map_err(|e| {
        let msg = format!("{path}: {}", e.message());
        let mut out = Error::new(e.code(), msg);
        if let Some(p) = e.path() {
            out = out.at(p);
        }
        Failure::Lib(out)
    })
}

fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default()
}

fn clock_from(at: Option<Timestamp>) -> Box<dyn Clock> {
    match at {
        Some(t) => Box::new(FixedClock(t)),
        None => Box::new(SystemClock),
    }
}

fn load_key(path: &str, kid: &str) -> Result<SigningKey, Failure> {
    let pem = zeroize::Zeroizing::new(read_text(path)?);
    Ok(SigningKey::from_pem(&pem, kid)?)
}

fn keygen(a: &KeygenArgs) -> CmdResult {
    let alg: Algorithm = a.alg;
    let out = a.out.as_str();
    let kid = a.kid.as_deref().unwrap_or("");
    let key = SigningKey::generate(alg, kid)?;
    write_secret(out, key.to_pem().as_bytes())?;
    let mut jwk = key.verifying_key().to_jwk();
    if !kid.is_empty() {
        if let Value::Object(m) = &mut jwk {
            m.insert("kid".into(), kid.into());
        }
    }
    if let Some(p) = &a.public_out {
        write_file(p, format!("{}\n", pretty(&jwk)).as_bytes())?;
    }
    println!("wrote {alg} private key to {out} (PKCS#8 PEM, mode 0600; keep it secret)");
    if let Some(p) = &a.public_out {
        println!("wrote public JWK to {p}");
    }
    println!(
        "thumbprint (RFC 7638): {}",
        key.verifying_key().thumbprint()
    );
    Ok(())
}

fn trust_list(cmd: TrustListCmd) -> CmdResult {
    match cmd {
        TrustListCmd::New(a) => tl_new(&a),
        TrustListCmd::AddKey(a) => tl_add_key(&a),
        TrustListCmd::Retire(a) => tl_status(&a, false),
        TrustListCmd::Revoke(a) => tl_status(&a, true),
        TrustListCmd::Sign(a) => tl_sign(&a),
        TrustListCmd::Check(a) => tl_check(&a),
        TrustListCmd::Fetch {
            url,
            anchor,
            store,
            out,
        } => exchange::tl_fetch(&url, &anchor, store.as_deref(), out.as_deref()),
        TrustListCmd::Show { file } => tl_show(&file),
    }
}

/// The unsigned trust-list draft (TL.json) is a full `trust_list` document; `sign` refreshes
/// its id and `issued_at`.
fn read_draft(path: &str) -> Result<(Value, TrustList), Failure> {
    let v = read_json(path)?;
    let checked = Document::from_value(&v)?;
    if checked.document.message_type != "trust_list" {
        return Err(Failure::Lib(
            Error::new(
                ErrorCode::TrustListInvalid,
                format!(
                    "{path} is a '{}' document, not a trust list",
                    checked.document.message_type
                ),
            )
            .at("/type"),
        ));
    }
    let list = TrustList::from_body(&checked.document.body)?;
    Ok((v, list))
}

fn write_draft(path: &str, mut doc: Value, list: &TrustList) -> CmdResult {
    doc["body"] = list.to_body();
    // `endpoint` arrived in 1.1; a list without one stays readable by 1.0 verifiers.
    if list.schema_version() != "1.0" {
        doc["schema_version"] = list.schema_version().into();
    }
    write_file(path, format!("{}\n", pretty(&doc)).as_bytes())
}

fn tl_new(a: &TlNewArgs) -> CmdResult {
    let out = a.out.as_str();
    let sequence = a.sequence;
    let next_update = match a.next_update {
        Some(t) => t,
        None => Timestamp::from_unix_seconds(SystemClock.now().unix_seconds() + 30 * 86_400),
    };
    let mut issuer = Party::new(a.region.as_str(), a.agency.as_str());
    issuer.name = Some(a.name.clone());
    let list = TrustList::new(sequence, next_update);
    let doc = Document::builder("trust_list", issuer.clone(), issuer)
        .body(list.to_body())
        .build(&SystemClock)?;
    write_draft(out, doc.to_value(), &list)?;
    println!("wrote trust list draft {out} (sequence {sequence}, next update {next_update})");
    Ok(())
}

fn tl_add_key(a: &TlAddKeyArgs) -> CmdResult {
    let path = a.file.as_str();
    let (doc, mut list) = read_draft(path)?;
    let jwk = read_json(&a.public)?;
    let key = VerifyingKey::from_jwk(&jwk)?;
    let types: Vec<String> = a
        .types
        .split(',')
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect();
    let mut record = KeyRecord::new(
        a.kid.as_str(),
        a.region.as_str(),
        a.agency.as_str(),
        key,
        a.valid_from,
        a.valid_until,
        types,
    );
    if let Some(url) = &a.endpoint {
        record = record.with_endpoint(url.as_str())?;
    }
    list.add_key(record)?;
    // Re-read what we wrote through the same checks a verifier applies.
    TrustList::from_body(&list.to_body())?;
    for f in list.lint(&[]) {
        if f.path()
            .starts_with(&format!("/body/keys/{}", list.keys().len() - 1))
        {
            println!("{}: {}", f.severity.as_str(), f.violation.message);
        }
    }
    write_draft(path, doc, &list)?;
    println!(
        "added key '{}' to {path} ({} keys)",
        a.kid,
        list.keys().len()
    );
    Ok(())
}

fn tl_status(a: &TlStatusArgs, revoke: bool) -> CmdResult {
    let path = a.file.as_str();
    let (doc, mut list) = read_draft(path)?;
    let since = a.since;
    let kid = a.kid.as_str();
    if revoke {
        list.revoke(kid, since)?;
    } else {
        list.retire(kid, since)?;
    }
    write_draft(path, doc, &list)?;
    println!(
        "{} key '{kid}' since {since} in {path}",
        if revoke { "revoked" } else { "retired" }
    );
    Ok(())
}

fn tl_sign(a: &TlSignArgs) -> CmdResult {
    let path = a.file.as_str();
    let (doc, list) = read_draft(path)?;
    let key = load_key(&a.key, &a.kid)?;
    // Hygiene first: an error (the anchor's own key listed as a partner key) stops signing.
    let findings = list.lint(&[Anchor::new(key.kid(), key.verifying_key())]);
    report_findings(&findings, false)?;
    let issuer = Document::from_value(&doc)?.document.from;
    let clock = clock_from(a.at);
    let jws = list.sign(&key, issuer, clock.as_ref())?;
    let out = a.out.as_str();
    write_file(out, format!("{jws}\n").as_bytes())?;
    println!(
        "signed trust list sequence {} with '{}' → {out}",
        list.sequence,
        key.kid()
    );
    Ok(())
}

/// The document of a trust-list file, signed (TL.jws: the payload, signature not checked) or
/// draft (TL.json).
fn trust_list_document(bytes: &[u8]) -> Result<(Value, Option<Vec<String>>), Failure> {
    let value = labourlink::json::parse_document(bytes)?;
    if value.get("payload").is_none() {
        return Ok((value, None));
    }
    let parsed = labourlink::jws::parse(
        bytes,
        labourlink::json::Limits::default(),
        &labourlink::jws::AlgorithmPolicy::default(),
    )?;
    let doc = labourlink::json::parse_document(&parsed.payload)?;
    let kids = parsed
        .signatures
        .iter()
        .map(|s| s.header.kid.clone())
        .collect();
    Ok((doc, Some(kids)))
}

/// Prints hygiene findings (text or JSON); `Err(Quiet)` when one is an error.
fn report_findings(findings: &[labourlink::rules::Finding], json: bool) -> CmdResult {
    let errors = findings.iter().filter(|f| f.is_error()).count();
    if json {
        println!(
            "{}",
            serde_json::json!({"valid": errors == 0, "findings": findings})
        );
    } else {
        for f in findings {
            println!(
                "{}: {} at {}: {}",
                f.severity.as_str(),
                f.code(),
                f.path(),
                f.violation.message
            );
        }
    }
    if errors > 0 {
        return Err(Failure::Quiet);
    }
    Ok(())
}

fn tl_check(a: &TlCheckArgs) -> CmdResult {
    let bytes = read_file(&a.file)?;
    let (doc_value, _) = trust_list_document(&bytes)?;
    let checked = Document::from_value(&doc_value)?;
    let list = TrustList::from_body(&checked.document.body)?;
    let mut anchors = Vec::new();
    for path in &a.anchor {
        anchors.push(Anchor::from_jwk(&read_json(path)?)?);
    }
    let findings = list.lint(&anchors);
    if !a.json {
        println!(
            "trust list sequence {}: {} key(s), {} finding(s)",
            list.sequence,
            list.keys().len(),
            findings.len()
        );
    }
    report_findings(&findings, a.json)
}

fn tl_show(path: &str) -> CmdResult {
    let bytes = read_file(path)?;
    let (doc_value, signed_by) = trust_list_document(&bytes)?;
    let checked = Document::from_value(&doc_value)?;
    let list = TrustList::from_body(&checked.document.body)?;
    println!(
        "trust list (信任列表) sequence {}, next update {}",
        list.sequence, list.next_update
    );
    println!(
        "issuer: {} / {}",
        checked.document.from.region, checked.document.from.agency
    );
    match signed_by {
        Some(k) => println!(
            "signed by: {} (signature NOT checked here; `verify` checks it against a pinned anchor)",
            k.join(", ")
        ),
        None => println!("unsigned draft"),
    }
    for r in list.keys() {
        println!(
            "- {}  {} {}  {}  {}  valid {} .. {}  types {}{}",
            r.kid,
            r.region,
            r.agency,
            r.alg,
            r.status.as_str(),
            r.valid_from,
            r.valid_until
                .map_or_else(|| "(open)".to_owned(), |t| t.to_string()),
            r.message_types.join(","),
            r.status_since
                .map_or_else(String::new, |t| format!("  since {t}")),
        );
    }
    Ok(())
}

fn sign(a: &SignArgs) -> CmdResult {
    let key = load_key(&a.key, &a.kid)?;
    let mut doc = read_json(&a.document)?;
    let clock = clock_from(a.at);
    // A draft may leave out what the signer fills in: spec, id, issued_at, schema_version.
    if let Value::Object(m) = &mut doc {
        let now = clock.now();
        if a.reissue {
            m.remove("id");
            m.remove("issued_at");
        }
        m.entry("spec")
            .or_insert_with(|| labourlink::envelope::SPEC.into());
        m.entry("schema_version").or_insert_with(|| "1.0".into());
        if !m.contains_key("id") {
            m.insert("id".into(), labourlink::envelope::uuid_v7(now)?.into());
        }
        m.entry("issued_at").or_insert_with(|| {
            Timestamp::from_unix_seconds(now.unix_seconds())
                .to_string()
                .into()
        });
    }
    let jws = labourlink::sign(&doc, &[&key])?;
    println!("{jws}");
    Ok(())
}

/// An error of the trust list given on the command line, said as such: a bare
/// `signature.invalid` would read as if the message's signature were wrong.
fn in_trust_list(e: Error, path: &str) -> Error {
    let mut out = Error::new(
        e.code(),
        format!("in the trust list {path}: {}", e.message()),
    );
    if let Some(p) = e.path() {
        out = out.at(p);
    }
    out.with_violations(e.violations().to_vec())
}

fn verify(a: &VerifyArgs) -> CmdResult {
    let clock = clock_from(a.at);
    let now = clock.now();
    let anchor_jwk = read_json(&a.anchor)?;
    let anchor = Anchor::from_jwk(&anchor_jwk)?;
    let store = match &a.store {
        Some(url) => Some(std::sync::Arc::new(Store::open(url)?)),
        None => None,
    };
    let tl_bytes = match (read_file(&a.trust_list), &store) {
        (Ok(bytes), _) => bytes,
        // The list's source is unreachable: the last list accepted into the store, which
        // must still load (signature, staleness) like any other.
        (Err(e), Some(s)) => match s.trust_list(Some(&anchor.kid))? {
            Some(stored) => {
                eprintln!(
                    "warning: {}; using the trust list (sequence {}) last accepted into the store",
                    failure_text(&e),
                    stored.sequence
                );
                stored.jws
            }
            None => return Err(e),
        },
        (Err(e), None) => return Err(e),
    };
    let list = TrustList::load(&tl_bytes, &[anchor], clock.as_ref(), DEFAULT_GRACE_SECONDS)
        .map_err(|e| in_trust_list(e, &a.trust_list))?;
    if let Some(min) = a.min_sequence {
        list.check_min_sequence(min)
            .map_err(|e| in_trust_list(e, &a.trust_list))?;
    }
    if let Some(s) = &store {
        // Refuses a list older than one accepted before, across restarts and processes.
        s.accept_trust_list(&tl_bytes, &list, now)
            .map_err(|e| in_trust_list(e, &a.trust_list))?;
    }
    // The library's default verifier runs every stage (schema, rules, replay included).
    let mut b = Verifier::builder()
        .trust_list(list)
        .region(a.region.as_str());
    if let Some(s) = &store {
        b = b.replay_guard(
            std::sync::Arc::clone(s) as std::sync::Arc<dyn labourlink::verify::ReplayGuard>
        );
    }
    if let Some(agency) = &a.agency {
        b = b.agency(agency.as_str());
    }
    if let Some(t) = a.at {
        b = b.clock(FixedClock(t));
    }
    if let Some(l) = a.leeway {
        b = b.leeway_seconds(l);
    }
    if let Some(m) = a.max_age {
        b = b.max_age_seconds(m);
    }
    if a.at.is_none() {
        b = b.clock(FixedClock(now));
    }
    let verifier = b.build().map_err(|e| usage(&["verify"], e.message()))?;
    let store = store.as_deref();
    let path = match (&a.batch, &a.message) {
        (Some(batch), _) => {
            let group = labourlink_store::GroupCommit::default()
                .max_messages(a.group_size)
                .max_wait(std::time::Duration::from_millis(a.group_wait_ms));
            return verify_batch(&verifier, batch, a.threads, store.map(|s| (s, group)), now);
        }
        (None, Some(path)) => path.as_str(),
        // clap requires MESSAGE.jws unless --batch is given.
        (None, None) => return Err(usage(&["verify"], "MESSAGE.jws is required")),
    };
    let message = read_file(path)?;
    // With a store: the replay record and the archive entry are committed before "accepted"
    // is printed; a rejection is quarantined.
    let v = match store {
        Some(s) => s.receive(&verifier, &message, now)?,
        None => verifier.verify_at(&message, now)?,
    };
    if a.json {
        let out = serde_json::json!({
            "status": "accepted",
            "digest": v.digest(),
            "type": v.message_type(),
            "id": v.id(),
            "signers": v.signers().iter().map(|s| serde_json::json!({"kid": s.kid, "alg": s.alg.as_str(), "region": s.region, "agency": s.agency})).collect::<Vec<_>>(),
            "warnings": v.warnings().iter().map(|w| serde_json::json!({"code": w.code, "path": w.path, "message": w.message})).collect::<Vec<_>>(),
            "document": v.to_value(),
        });
        println!("{out}");
    } else {
        println!("accepted (已验证): {} {}", v.message_type(), v.id());
        println!("digest: {}", v.digest());
        for s in v.signers() {
            println!(
                "signed by: {} ({} / {}, {})",
                s.kid, s.region, s.agency, s.alg
            );
        }
        for w in v.warnings() {
            println!("warning: {} at {}: {}", w.code, w.path, w.message);
        }
        println!("{}", pretty(&v.to_value()));
    }
    Ok(())
}

/// The text of a failure for a warning line.
fn failure_text(f: &Failure) -> String {
    match f {
        Failure::Usage(e) => e.to_string(),
        Failure::Lib(e) => e.to_string(),
        Failure::Io(m) => m.clone(),
        Failure::Quiet | Failure::Status(_) => String::new(),
    }
}

/// One NDJSON result line of `verify --batch`.
fn batch_line(i: usize, r: &labourlink::Result<labourlink::verify::Verified>) -> Value {
    match r {
        Ok(v) => {
            serde_json::json!({"line": i + 1, "status": "accepted", "digest": v.digest(), "id": v.id(), "type": v.message_type()})
        }
        Err(e) => {
            let mut j = e.to_json();
            if let Value::Object(m) = &mut j {
                m.insert("line".into(), (i + 1).into());
                m.insert("status".into(), "rejected".into());
            }
            j
        }
    }
}

/// `verify --batch FILE.ndjson`: one message per line, one NDJSON result line per message, in
/// input order; memory stays flat however long the file is. With a store, the messages are
/// recorded with group commit ([`Store::receive_many`]): a line says "accepted" only after
/// the transaction of its group committed.
fn verify_batch(
    verifier: &Verifier,
    path: &str,
    threads: usize,
    store: Option<(&Store, labourlink_store::GroupCommit)>,
    now: Timestamp,
) -> CmdResult {
    use std::io::BufRead as _;
    let file =
        std::fs::File::open(path).map_err(|e| Failure::Io(format!("cannot read {path}: {e}")))?;
    let mut reader = std::io::BufReader::new(file);
    let mut read_error = None;
    let lines = std::iter::from_fn(|| {
        let mut buf = Vec::new();
        match reader.read_until(b'\n', &mut buf) {
            Ok(0) => None,
            Ok(_) => {
                while buf.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
                    buf.pop();
                }
                Some(buf)
            }
            Err(e) => {
                read_error = Some(e.to_string());
                None
            }
        }
    });
    let mut out = std::io::BufWriter::new(std::io::stdout());
    let (mut accepted, mut rejected) = (0u64, 0u64);
    let mut write_error = None;
    let mut write =
        |i: usize, r: &labourlink::Result<labourlink::verify::Verified>, flush: bool| {
            if r.is_ok() {
                accepted += 1;
            } else {
                rejected += 1;
            }
            if write_error.is_none() {
                let written = writeln!(out, "{}", batch_line(i, r))
                    .and_then(|()| if flush { out.flush() } else { Ok(()) });
                if let Err(e) = written {
                    write_error = Some(e.to_string());
                }
            }
        };
    match store {
        Some((s, group)) => {
            s.receive_many(verifier, lines, threads, group, now, |i, r| {
                if let Some(se) = &r.side_error {
                    eprintln!("warning: line {}: not quarantined: {se}", i + 1);
                }
                // Each line is written (and flushed at once) only after its group committed:
                // a reader sees every acceptance as soon as it is durable.
                write(i, &r.result, true);
            });
        }
        None => verifier.verify_many(lines, threads, |i, r| write(i, &r, false)),
    }
    out.flush()
        .map_err(|e| Failure::Io(format!("cannot write: {e}")))?;
    if let Some(e) = read_error {
        return Err(Failure::Io(format!("cannot read {path}: {e}")));
    }
    if let Some(e) = write_error {
        return Err(Failure::Io(format!("cannot write: {e}")));
    }
    eprintln!("{accepted} accepted, {rejected} rejected");
    if rejected > 0 {
        return Err(Failure::Quiet);
    }
    Ok(())
}

fn store_cmd(cmd: StoreCmd) -> CmdResult {
    match cmd {
        StoreCmd::Init { store } => {
            let s = Store::init(&store)?;
            match s.found_version() {
                None => println!("created the store (schema version {})", s.schema_version()?),
                Some(v) => println!(
                    "store ready: schema version {} (was {v})",
                    s.schema_version()?
                ),
            }
            Ok(())
        }
        StoreCmd::Migrate { store } => {
            let s = Store::open(&store)?;
            let now = s.schema_version()?;
            match s.found_version() {
                Some(v) if v < now => {
                    println!("migrated the store from schema version {v} to {now}")
                }
                _ => println!("the store is current (schema version {now})"),
            }
            Ok(())
        }
        StoreCmd::Purge(a) => store_purge(&a),
    }
}

fn store_purge(a: &StorePurgeArgs) -> CmdResult {
    let s = Store::open(&a.store)?;
    let now = clock_from(a.at).now();
    let opts = labourlink_store::PurgeOptions::default()
        .retention_days(a.retention_days)
        .batch(a.batch)
        .max_batches(a.max_batches);
    let r = s.purge(now, opts)?;
    println!(
        "purged {} expired replay record(s), {} message bod(ies), {} quarantined message(s), {} finished outbox row(s){}",
        r.replay_records,
        r.bodies,
        r.quarantined,
        r.outbox,
        if r.more {
            "; more remain (the run is bounded): run it again"
        } else {
            ""
        }
    );
    Ok(())
}

fn canonicalize(path: &str) -> CmdResult {
    let bytes = read_file(path)?;
    let out = labourlink::canonical::canonicalize(&bytes)?;
    std::io::stdout()
        .write_all(&out)
        .map_err(|e| Failure::Io(format!("cannot write: {e}")))?;
    Ok(())
}

/// `validate DOCUMENT.json`: envelope, schema and business rules, without any signature.
fn validate(path: &str, json: bool) -> CmdResult {
    let bytes = read_file(path)?;
    let report = labourlink::validate::validate_json(&bytes);
    if json {
        println!("{}", report.to_json());
    } else {
        for f in &report.findings {
            let v = &f.violation;
            println!(
                "{} {} at {}",
                f.severity,
                v.code,
                if v.path.is_empty() { "/" } else { &v.path }
            );
            println!("    {}", v.message);
            println!("    {}", v.message_zh);
        }
        let (e, w) = (report.errors().count(), report.warnings().count());
        println!(
            "{path}: {} ({e} error(s), {w} warning(s))",
            if report.is_valid() {
                "valid"
            } else {
                "INVALID"
            }
        );
    }
    if report.is_valid() {
        Ok(())
    } else {
        Err(Failure::Quiet)
    }
}

fn inspect(path: &str) -> CmdResult {
    let bytes = read_file(path)?;
    let parsed = labourlink::jws::parse(
        &bytes,
        labourlink::json::Limits::default(),
        &labourlink::jws::AlgorithmPolicy::default(),
    )?;
    println!("NOT VERIFIED — inspect only decodes. Use `labourlink verify` to check signatures.");
    println!(
        "payload: {} bytes, digest {}",
        parsed.payload.len(),
        labourlink::verify::digest(&parsed.payload)
    );
    for s in &parsed.signatures {
        println!(
            "signature {}: alg {}, kid {}, {} bytes",
            s.pointer,
            s.header.alg,
            s.header.kid,
            s.signature.len()
        );
    }
    match labourlink::verify::parse_canonical_payload(
        &parsed.payload,
        labourlink::json::Limits::default(),
    ) {
        Ok((doc, _)) => {
            println!("payload is canonical (RFC 8785)");
            println!("{}", pretty(&doc));
        }
        Err(e) => {
            println!("payload problem: {e}");
            if let Ok(text) = std::str::from_utf8(&parsed.payload) {
                println!("{text}");
            }
        }
    }
    Ok(())
}
