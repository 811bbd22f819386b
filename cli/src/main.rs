//! `labourlink` — keys, trust lists, signing, verification and an end-to-end demo.
//!
//! Exit status: 0 success, 1 rejection or failed operation (code, message and JSON pointer
//! printed), 2 usage error. The command never panics on any input.
#![forbid(unsafe_code)]
// A command-line tool prints to stdout by design.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod args;
mod demo;

use std::io::{Read as _, Write as _};
use std::process::ExitCode;

use labourlink::envelope::{Document, Party};
use labourlink::keys::{Algorithm, SigningKey, VerifyingKey};
use labourlink::time::{Clock, FixedClock, SystemClock, Timestamp};
use labourlink::trust::{Anchor, DEFAULT_GRACE_SECONDS, KeyRecord, TrustList};
use labourlink::verify::Verifier;
use labourlink::{Error, ErrorCode};
use serde_json::Value;

use args::{Args, Usage};

const USAGE: &str = "\
labourlink — signed, verifiable messages between Ningbo and its partner regions

USAGE:
  labourlink keygen --alg Ed25519|ES256 --out KEY.pem [--public-out KEY.jwk] [--kid K]
  labourlink trust-list new --out TL.json [--sequence N] [--next-update TIME]
                            [--region R] [--agency A] [--name NAME]
  labourlink trust-list add-key TL.json --kid K --region R --agency A --public KEY.jwk
                            --types 'social_insurance.*,receipt' --valid-from T [--valid-until T]
  labourlink trust-list retire|revoke TL.json --kid K --since TIME
  labourlink trust-list sign TL.json --key ANCHOR.pem --kid ANCHOR_KID --out TL.jws [--at TIME]
  labourlink trust-list show TL.jws|TL.json
  labourlink sign --key KEY.pem --kid K [--at TIME] DOCUMENT.json
  labourlink verify --trust-list TL.jws --anchor ANCHOR.jwk --region 330200 [--at TIME]
                    [--leeway SECONDS] [--max-age SECONDS] [--json] MESSAGE.jws
  labourlink verify ... --batch FILE.ndjson [--threads N]   (one message per line; NDJSON results)
  labourlink canonicalize FILE.json            (use - for standard input)
  labourlink inspect MESSAGE.jws
  labourlink validate [--json] DOCUMENT.json   (envelope, schema and business rules; no signature)
  labourlink example TYPE                      (a complete example document, e.g. receipt)
  labourlink error-codes                       (the Markdown table of every error code)
  labourlink conformance run --harness CMD [--junit F] [--markdown F] [--json F] [--xfail F]
  labourlink conformance regen [--check]       (the conformance suite; see conformance/README.md)
  labourlink demo

TIME is RFC 3339 UTC, e.g. 2026-11-27T08:00:00Z. Exit status: 0 ok, 1 rejected/failed, 2 usage.
";

/// What a command failed with.
enum Failure {
    Usage(String),
    Lib(Error),
    Io(String),
    /// Already reported on stdout/stderr; exit 1.
    Quiet,
}

impl From<Usage> for Failure {
    fn from(u: Usage) -> Self {
        Self::Usage(u.0)
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Self::Lib(e)
    }
}

type CmdResult = Result<(), Failure>;

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let json_errors = argv.iter().any(|a| a == "--json");
    match run(&argv) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(msg)) => {
            eprintln!("error: {msg}\n\n{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::Quiet) => ExitCode::from(1),
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

fn run(argv: &[String]) -> CmdResult {
    let Some((cmd, rest)) = argv.split_first() else {
        return Err(Failure::Usage("a command is required".into()));
    };
    match cmd.as_str() {
        "keygen" => keygen(rest),
        "trust-list" => trust_list(rest),
        "sign" => sign(rest),
        "verify" => verify(rest),
        "canonicalize" => canonicalize(rest),
        "inspect" => inspect(rest),
        "validate" => validate(rest),
        "example" => {
            let a = Args::parse(rest, &[], &[])?;
            let t = a.one_positional("TYPE")?;
            let doc = labourlink::schema::example(t).ok_or_else(|| {
                Failure::Usage(format!(
                    "no example for '{t}'; the types are: {}",
                    labourlink::envelope::MESSAGE_TYPES.join(", ")
                ))
            })?;
            println!("{}", pretty(&doc));
            Ok(())
        }
        "error-codes" => {
            Args::parse(rest, &[], &[])?.no_positionals()?;
            print!("{}", ErrorCode::markdown_table());
            Ok(())
        }
        "conformance" => match labourlink_conformance::cli_main(rest) {
            0 => Ok(()),
            2 => Err(Failure::Usage("see `labourlink conformance --help`".into())),
            _ => Err(Failure::Quiet),
        },
        "demo" => {
            Args::parse(rest, &[], &[])?.no_positionals()?;
            demo::run().map_err(Failure::Lib)
        }
        "help" | "--help" | "-h" => {
            print!("{USAGE}");
            Ok(())
        }
        other => Err(Failure::Usage(format!("unknown command '{other}'"))),
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

fn time_arg(args: &Args, name: &str) -> Result<Option<Timestamp>, Failure> {
    match args.get(name) {
        None => Ok(None),
        Some(s) => Timestamp::parse(s)
            .map(Some)
            .map_err(|e| Failure::Usage(format!("--{name}: {}", e.message()))),
    }
}

fn clock_from(args: &Args) -> Result<Box<dyn Clock>, Failure> {
    Ok(match time_arg(args, "at")? {
        Some(t) => Box::new(FixedClock(t)),
        None => Box::new(SystemClock),
    })
}

fn load_key(path: &str, kid: &str) -> Result<SigningKey, Failure> {
    let pem = zeroize::Zeroizing::new(read_text(path)?);
    Ok(SigningKey::from_pem(&pem, kid)?)
}

fn keygen(argv: &[String]) -> CmdResult {
    let a = Args::parse(argv, &["alg", "out", "public-out", "kid"], &[])?;
    a.no_positionals()?;
    let alg: Algorithm = a
        .require("alg")?
        .parse()
        .map_err(|_| Failure::Usage("--alg must be Ed25519 or ES256".into()))?;
    let out = a.require("out")?;
    let kid = a.get("kid").unwrap_or("");
    let key = SigningKey::generate(alg, kid)?;
    write_secret(out, key.to_pem().as_bytes())?;
    let mut jwk = key.verifying_key().to_jwk();
    if !kid.is_empty() {
        if let Value::Object(m) = &mut jwk {
            m.insert("kid".into(), kid.into());
        }
    }
    if let Some(p) = a.get("public-out") {
        write_file(p, format!("{}\n", pretty(&jwk)).as_bytes())?;
    }
    println!("wrote {alg} private key to {out} (PKCS#8 PEM, mode 0600; keep it secret)");
    if let Some(p) = a.get("public-out") {
        println!("wrote public JWK to {p}");
    }
    println!(
        "thumbprint (RFC 7638): {}",
        key.verifying_key().thumbprint()
    );
    Ok(())
}

fn trust_list(argv: &[String]) -> CmdResult {
    let Some((sub, rest)) = argv.split_first() else {
        return Err(Failure::Usage(
            "trust-list needs a subcommand: new, add-key, retire, revoke, sign, show".into(),
        ));
    };
    match sub.as_str() {
        "new" => tl_new(rest),
        "add-key" => tl_add_key(rest),
        "retire" | "revoke" => tl_status(rest, sub == "revoke"),
        "sign" => tl_sign(rest),
        "show" => tl_show(rest),
        other => Err(Failure::Usage(format!(
            "unknown trust-list subcommand '{other}'"
        ))),
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
    write_file(path, format!("{}\n", pretty(&doc)).as_bytes())
}

fn tl_new(argv: &[String]) -> CmdResult {
    let a = Args::parse(
        argv,
        &["out", "sequence", "next-update", "region", "agency", "name"],
        &[],
    )?;
    a.no_positionals()?;
    let out = a.require("out")?;
    let sequence: u64 = match a.get("sequence") {
        Some(s) => s
            .parse()
            .map_err(|_| Failure::Usage("--sequence must be a non-negative integer".into()))?,
        None => 1,
    };
    let next_update = match time_arg(&a, "next-update")? {
        Some(t) => t,
        None => Timestamp::from_unix_seconds(SystemClock.now().unix_seconds() + 30 * 86_400),
    };
    let mut issuer = Party::new(
        a.get("region").unwrap_or("330200"),
        a.get("agency").unwrap_or("330200-trust-anchor"),
    );
    issuer.name = Some(
        a.get("name")
            .unwrap_or("宁波市人力资源和社会保障局 信任锚")
            .to_owned(),
    );
    let list = TrustList::new(sequence, next_update);
    let doc = Document::builder("trust_list", issuer.clone(), issuer)
        .body(list.to_body())
        .build(&SystemClock)?;
    write_draft(out, doc.to_value(), &list)?;
    println!("wrote trust list draft {out} (sequence {sequence}, next update {next_update})");
    Ok(())
}

fn tl_add_key(argv: &[String]) -> CmdResult {
    let a = Args::parse(
        argv,
        &[
            "kid",
            "region",
            "agency",
            "public",
            "types",
            "valid-from",
            "valid-until",
        ],
        &[],
    )?;
    let path = a.one_positional("TL.json")?;
    let (doc, mut list) = read_draft(path)?;
    let jwk = read_json(a.require("public")?)?;
    let key = VerifyingKey::from_jwk(&jwk)?;
    let types: Vec<String> = a
        .require("types")?
        .split(',')
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect();
    let valid_from = time_arg(&a, "valid-from")?
        .ok_or_else(|| Failure::Usage("--valid-from is required".into()))?;
    let record = KeyRecord::new(
        a.require("kid")?,
        a.require("region")?,
        a.require("agency")?,
        key,
        valid_from,
        time_arg(&a, "valid-until")?,
        types,
    );
    list.add_key(record)?;
    // Re-read what we wrote through the same checks a verifier applies.
    TrustList::from_body(&list.to_body())?;
    write_draft(path, doc, &list)?;
    println!(
        "added key '{}' to {path} ({} keys)",
        a.require("kid")?,
        list.keys().len()
    );
    Ok(())
}

fn tl_status(argv: &[String], revoke: bool) -> CmdResult {
    let a = Args::parse(argv, &["kid", "since"], &[])?;
    let path = a.one_positional("TL.json")?;
    let (doc, mut list) = read_draft(path)?;
    let since =
        time_arg(&a, "since")?.ok_or_else(|| Failure::Usage("--since is required".into()))?;
    let kid = a.require("kid")?;
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

fn tl_sign(argv: &[String]) -> CmdResult {
    let a = Args::parse(argv, &["key", "kid", "out", "at"], &[])?;
    let path = a.one_positional("TL.json")?;
    let (doc, list) = read_draft(path)?;
    let key = load_key(a.require("key")?, a.require("kid")?)?;
    let issuer = Document::from_value(&doc)?.document.from;
    let clock = clock_from(&a)?;
    let jws = list.sign(&key, issuer, clock.as_ref())?;
    let out = a.require("out")?;
    write_file(out, format!("{jws}\n").as_bytes())?;
    println!(
        "signed trust list sequence {} with '{}' → {out}",
        list.sequence,
        key.kid()
    );
    Ok(())
}

fn tl_show(argv: &[String]) -> CmdResult {
    let a = Args::parse(argv, &[], &[])?;
    let path = a.one_positional("TL.jws or TL.json")?;
    let bytes = read_file(path)?;
    let value = labourlink::json::parse_document(&bytes)?;
    let (doc_value, signed_by) = if value.get("payload").is_some() {
        let parsed = labourlink::jws::parse(
            &bytes,
            labourlink::json::Limits::default(),
            &labourlink::jws::AlgorithmPolicy::default(),
        )?;
        let doc = labourlink::json::parse_document(&parsed.payload)?;
        let kids: Vec<String> = parsed
            .signatures
            .iter()
            .map(|s| s.header.kid.clone())
            .collect();
        (doc, Some(kids))
    } else {
        (value, None)
    };
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

fn sign(argv: &[String]) -> CmdResult {
    let a = Args::parse(argv, &["key", "kid", "at"], &[])?;
    let path = a.one_positional("DOCUMENT.json")?;
    let key = load_key(a.require("key")?, a.require("kid")?)?;
    let mut doc = read_json(path)?;
    let clock = clock_from(&a)?;
    // A draft may leave out what the signer fills in: spec, id, issued_at, schema_version.
    if let Value::Object(m) = &mut doc {
        let now = clock.now();
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

fn verify(argv: &[String]) -> CmdResult {
    let a = Args::parse(
        argv,
        &[
            "trust-list",
            "anchor",
            "region",
            "at",
            "leeway",
            "max-age",
            "batch",
            "threads",
        ],
        &["json"],
    )?;
    let path = match a.get("batch") {
        Some(_) => {
            a.no_positionals()?;
            ""
        }
        None => a.one_positional("MESSAGE.jws")?,
    };
    let clock = clock_from(&a)?;
    let anchor_jwk = read_json(a.require("anchor")?)?;
    let anchor = Anchor::from_jwk(&anchor_jwk)?;
    let tl_bytes = read_file(a.require("trust-list")?)?;
    let list = TrustList::load(&tl_bytes, &[anchor], clock.as_ref(), DEFAULT_GRACE_SECONDS)?;
    // The library's default verifier runs every stage (schema, rules, replay included).
    let mut b = Verifier::builder()
        .trust_list(list)
        .region(a.require("region")?);
    if let Some(t) = time_arg(&a, "at")? {
        b = b.clock(FixedClock(t));
    }
    if let Some(l) = a.get("leeway") {
        b = b.leeway_seconds(
            l.parse()
                .map_err(|_| Failure::Usage("--leeway must be whole seconds".into()))?,
        );
    }
    if let Some(m) = a.get("max-age") {
        b = b.max_age_seconds(
            m.parse()
                .map_err(|_| Failure::Usage("--max-age must be whole seconds".into()))?,
        );
    }
    let verifier = b
        .build()
        .map_err(|e| Failure::Usage(e.message().to_owned()))?;
    if let Some(batch) = a.get("batch") {
        let threads: usize = match a.get("threads") {
            Some(t) => t
                .parse()
                .map_err(|_| Failure::Usage("--threads must be a whole number".into()))?,
            None => 0,
        };
        return verify_batch(&verifier, batch, threads);
    }
    let message = read_file(path)?;
    let v = verifier.verify(&message)?;
    if a.switch("json") {
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

/// `verify --batch FILE.ndjson`: one message per line, one NDJSON result line per message, in
/// input order; memory stays flat however long the file is.
fn verify_batch(verifier: &Verifier, path: &str, threads: usize) -> CmdResult {
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
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let (mut accepted, mut rejected) = (0u64, 0u64);
    let mut write_error = None;
    verifier.verify_many(lines, threads, |i, r| {
        let line = match r {
            Ok(v) => {
                accepted += 1;
                serde_json::json!({"line": i + 1, "status": "accepted", "digest": v.digest(), "id": v.id(), "type": v.message_type()})
            }
            Err(e) => {
                rejected += 1;
                let mut j = e.to_json();
                if let Value::Object(m) = &mut j {
                    m.insert("line".into(), (i + 1).into());
                    m.insert("status".into(), "rejected".into());
                }
                j
            }
        };
        if write_error.is_none() {
            if let Err(e) = writeln!(out, "{line}") {
                write_error = Some(e.to_string());
            }
        }
    });
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

fn canonicalize(argv: &[String]) -> CmdResult {
    let a = Args::parse(argv, &[], &[])?;
    let path = a.one_positional("FILE.json")?;
    let bytes = read_file(path)?;
    let out = labourlink::canonical::canonicalize(&bytes)?;
    std::io::stdout()
        .write_all(&out)
        .map_err(|e| Failure::Io(format!("cannot write: {e}")))?;
    Ok(())
}

/// `validate DOCUMENT.json`: envelope, schema and business rules, without any signature.
fn validate(argv: &[String]) -> CmdResult {
    let a = Args::parse(argv, &[], &["json"])?;
    let path = a.one_positional("DOCUMENT.json")?;
    let bytes = read_file(path)?;
    let report = labourlink::validate::validate_json(&bytes);
    if a.switch("json") {
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

fn inspect(argv: &[String]) -> CmdResult {
    let a = Args::parse(argv, &[], &[])?;
    let path = a.one_positional("MESSAGE.jws")?;
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
