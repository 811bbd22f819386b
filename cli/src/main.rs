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
mod evidence;
mod exchange;
mod output;
mod recover;
mod refdata;

use std::io::{IsTerminal as _, Write as _};
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
    Cli, Cmd, KeyPasswordArgs, KeygenArgs, SignArgs, StoreCmd, StorePurgeArgs, TlAddKeyArgs,
    TlCheckArgs, TlNewArgs, TlSignArgs, TlStatusArgs, TrustListCmd, VerifyArgs,
};
use labourlink_exchange::config::KeyConfig;
use labourlink_store::Store;

/// The binary's allocator: see `Cargo.toml`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// What a command failed with.
enum Failure {
    /// A usage error found after parsing, in clap's format; exit 2.
    Usage(Box<clap::Error>),
    /// A file the command would write exists (and `--force` was not given); exit 2.
    Exists(String),
    Lib(Error),
    /// The message given to `verify` was rejected (exit 1, `"status": "rejected"`).
    Rejected(Error),
    /// A trust list was refused: its file (or where it came from) and the pinned anchor's
    /// kid, so the error cannot be read as the message's own (exit 1).
    TrustList {
        source: String,
        anchor: String,
        error: Error,
    },
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

/// Whether a panic's payload is a write to a closed pipe (`labourlink … | head`): Rust ignores
/// SIGPIPE, so the write fails and `println!` panics with the error's text.
fn is_closed_pipe(p: &(dyn std::any::Any + Send)) -> bool {
    let msg = p
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| p.downcast_ref::<&str>().copied())
        .unwrap_or_default();
    msg.contains("Broken pipe") || msg.contains("os error 32")
}

/// A reader that closes our standard output early ends the command quietly with status 141,
/// as Unix tools end on SIGPIPE, instead of a panic message and a backtrace: the panic is not
/// reported, it unwinds (so what the command holds is released: the demo's node processes are
/// stopped) and `main` turns it into the exit status. Every other panic is reported as before.
fn quiet_on_closed_stdout() {
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !is_closed_pipe(info.payload()) {
            report(info);
        }
    }));
}

fn main() -> ExitCode {
    quiet_on_closed_stdout();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Usage errors exit 2; `--help` and `--version` print to stdout and exit 0.
            let code = u8::try_from(e.exit_code()).unwrap_or(2);
            if code == 2 && json_requested() {
                return report_failure(Failure::Usage(Box::new(e)), true);
            }
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let json = wants_json(&cli.command);
    let command = cli.command;
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || run(command))) {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(f)) => report_failure(f, json),
        Err(p) if is_closed_pipe(p.as_ref()) => ExitCode::from(141),
        Err(p) => std::panic::resume_unwind(p),
    }
}

/// Whether a command line that did not parse asked for `--json` (outside `conformance`, whose
/// `--json` names a report file): its usage error is then a JSON object too.
fn json_requested() -> bool {
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    args.first().is_none_or(|a| a != "conformance") && args.iter().any(|a| a == "--json")
}

/// Whether the command was given `--json` (its errors are then JSON on stdout too).
fn wants_json(cmd: &Cmd) -> bool {
    use args::{ArchiveCmd, CasesCmd, OutboxCmd};
    match cmd {
        Cmd::Keygen(a) => a.json,
        Cmd::Sign(a) => a.json,
        Cmd::Verify(a) => a.json,
        Cmd::Validate { json, .. } | Cmd::Inspect { json, .. } => *json,
        Cmd::Send(a) => a.json,
        Cmd::TrustList(t) => match t {
            TrustListCmd::New(a) => a.json,
            TrustListCmd::AddKey(a) => a.json,
            TrustListCmd::Retire(a) | TrustListCmd::Revoke(a) => a.json,
            TrustListCmd::Sign(a) => a.json,
            TrustListCmd::Check(a) => a.json,
            TrustListCmd::Fetch { json, .. }
            | TrustListCmd::Show { json, .. }
            | TrustListCmd::ForgetAnchor { json, .. } => *json,
        },
        Cmd::ReferenceData(r) => match r {
            args::RefDataCmd::Sign(a) => a.json,
            args::RefDataCmd::Verify(a) => a.json,
            args::RefDataCmd::Show { json, .. } | args::RefDataCmd::Fetch { json, .. } => *json,
        },
        Cmd::Store(s) => match s {
            StoreCmd::Init { json, .. }
            | StoreCmd::Migrate { json, .. }
            | StoreCmd::Compact { json, .. }
            | StoreCmd::Copy { json, .. }
            | StoreCmd::Check { json, .. } => *json,
            StoreCmd::Purge(a) => a.json,
            StoreCmd::Recover(a) => a.json,
        },
        Cmd::Cases(a) => match &a.sub {
            Some(CasesCmd::Show { json, .. } | CasesCmd::Remind { json, .. }) => *json,
            None => a.list.json,
        },
        Cmd::Archive(ArchiveCmd::Show { json, .. } | ArchiveCmd::Export { json, .. }) => *json,
        Cmd::Archive(ArchiveCmd::Verify(a)) => a.json,
        Cmd::Outbox(o) => match o {
            OutboxCmd::Status { json, .. }
            | OutboxCmd::Retry { json, .. }
            | OutboxCmd::Drop { json, .. }
            | OutboxCmd::Run { json, .. } => *json,
        },
        _ => false,
    }
}

/// A failure as the user sees it: text on stderr, or with `--json` one JSON object on stdout
/// (`{"status": "error"|"rejected", "code", "message", "message_zh", "path", …}`); the exit
/// status is the same either way.
fn report_failure(f: Failure, json: bool) -> ExitCode {
    let (status, mut obj) = match f {
        Failure::Quiet => return ExitCode::from(1),
        Failure::Status(code) => return ExitCode::from(code),
        Failure::Usage(e) => {
            if !json {
                let _ = e.print();
                return ExitCode::from(2);
            }
            // clap's text up to the usage line, on one line: "the following required
            // arguments were not provided: --trust-list <TL.jws>", not only its first line.
            let text = e.render().to_string();
            let msg = text
                .lines()
                .take_while(|l| !l.starts_with("Usage:"))
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            let msg = msg.strip_prefix("error: ").unwrap_or(&msg).to_owned();
            (
                2,
                cli_error("cli.usage", &msg, "命令行用法错误（参见 --help）"),
            )
        }
        Failure::Exists(path) => {
            let msg =
                format!("{path} exists; refusing to overwrite it (give --force to replace it)");
            if !json {
                eprintln!("error: {msg}");
                return ExitCode::from(2);
            }
            let mut o = cli_error(
                "cli.file_exists",
                &msg,
                "文件已存在，未覆盖（如需覆盖请加 --force）",
            );
            o.insert("file".into(), path.into());
            (2, o)
        }
        Failure::Io(msg) => {
            if !json {
                eprintln!("error: {msg}");
                return ExitCode::from(1);
            }
            (1, cli_error("cli.io", &msg, "无法读取或写入文件"))
        }
        Failure::Lib(e) => {
            if !json {
                print_error("error", &e);
                return ExitCode::from(1);
            }
            (1, error_object(&e, "error"))
        }
        Failure::Rejected(e) => {
            if !json {
                print_error("rejected", &e);
                return ExitCode::from(1);
            }
            let mut o = error_object(&e, "rejected");
            o.insert("subject".into(), "message".into());
            (1, o)
        }
        Failure::TrustList {
            source,
            anchor,
            error,
        } => {
            if !json {
                eprintln!(
                    "error: the trust list {source} (pinned anchor '{anchor}') was refused: {}",
                    error.code()
                );
                eprintln!("  {}", error.message());
                if let Some(p) = error.path() {
                    eprintln!("  at: {}", if p.is_empty() { "/" } else { p });
                }
                eprintln!("  信任列表未通过校验：{}", error.message_zh());
                for v in error.violations() {
                    eprintln!("  - {} at {}: {}", v.code, v.path, v.message);
                }
                return ExitCode::from(1);
            }
            let mut o = error_object(&error, "error");
            o.insert(
                "message".into(),
                format!(
                    "the trust list {source} (pinned anchor '{anchor}'): {}",
                    error.message()
                )
                .into(),
            );
            o.insert(
                "message_zh".into(),
                format!("信任列表未通过校验：{}", error.message_zh()).into(),
            );
            o.insert("subject".into(), "trust_list".into());
            o.insert("file".into(), source.into());
            o.insert("anchor_kid".into(), anchor.into());
            (1, o)
        }
    };
    // "rejected" for a message `verify` refused, "error" for every other failure.
    obj.entry("status").or_insert_with(|| "error".into());
    println!("{}", Value::Object(obj));
    ExitCode::from(status)
}

/// `{code, message, message_zh, path: null}` of a failure that is not a library error.
fn cli_error(code: &str, message: &str, message_zh: &str) -> serde_json::Map<String, Value> {
    let mut o = serde_json::Map::new();
    o.insert("code".into(), code.into());
    o.insert("message".into(), message.into());
    o.insert("message_zh".into(), message_zh.into());
    o.insert("path".into(), Value::Null);
    o
}

/// A library error's JSON object with its status.
fn error_object(e: &Error, status: &str) -> serde_json::Map<String, Value> {
    match e.to_json() {
        Value::Object(mut m) => {
            m.insert("status".into(), status.into());
            m
        }
        _ => cli_error(e.code().as_str(), e.message(), &e.message_zh()),
    }
}

fn print_error(label: &str, e: &Error) {
    eprintln!("{label}: {}", e.code());
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
        Cmd::ReferenceData(sub) => refdata::reference_data(sub),
        Cmd::Sign(a) => sign(&a),
        Cmd::Verify(a) => verify(&a),
        Cmd::Canonicalize { file } => canonicalize(&file),
        Cmd::Inspect { message, json } => inspect(&message, json),
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
            match exchange::serve(&config) {
                // With JSON logs the reason a node does not start is one JSON event like the
                // others, not text lines a log collector cannot read (audit s43 on-call F5:
                // the one event that explains a restart loop).
                Err(Failure::Lib(e)) if log.format == args::LogFormat::Json => {
                    tracing::error!(
                        target: "labourlink::serve",
                        code = e.code().as_str(),
                        path = e.path().unwrap_or(""),
                        error = e.message(),
                        error_zh = e.message_zh(),
                        "the node did not start"
                    );
                    Err(Failure::Quiet)
                }
                other => other,
            }
        }
        Cmd::Send(a) => exchange::send(&a),
        Cmd::Outbox(c) => exchange::outbox(c),
        Cmd::Demo { processes } => demo::run(processes).map_err(Failure::Lib),
        Cmd::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "labourlink", &mut script);
            std::io::stdout()
                .write_all(&script)
                .map_err(|e| Failure::Io(format!("cannot write: {e}")))
        }
    }
}

/// A whole input file (`-`: standard input), at most
/// [`MAX_FILE_BYTES`](labourlink_exchange::config::MAX_FILE_BYTES): a wrong path such as
/// `/dev/zero` is refused after 64 MiB instead of filling memory.
fn read_file(path: &str) -> Result<Vec<u8>, Failure> {
    use labourlink_exchange::config::{MAX_FILE_BYTES, read_file_limited, read_limited};
    if path == "-" {
        return read_limited(std::io::stdin().lock(), MAX_FILE_BYTES)
            .map_err(|e| Failure::Io(format!("cannot read standard input: {e}")));
    }
    read_file_limited(std::path::Path::new(path), MAX_FILE_BYTES)
        .map_err(|e| Failure::Io(format!("cannot read {path}: {e}")))
}

/// Prints one JSON object on one line (the `--json` output of a command).
fn print_json(v: &Value) {
    println!("{v}");
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

/// The pinned anchors named by `--anchor` (public JWKs, one or more: during an anchor
/// rotation the old one and the new one); a key id given twice is refused.
pub(crate) fn read_anchors(paths: &[String]) -> Result<Vec<Anchor>, Failure> {
    Ok(labourlink_exchange::config::read_anchors(paths)?)
}

/// The key ids of `anchors`, for the store's lookups.
pub(crate) fn anchor_kids(anchors: &[Anchor]) -> Vec<&str> {
    anchors.iter().map(|a| a.kid.as_str()).collect()
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

/// Loads a signing key file; an encrypted one takes its password from `--key-password-file`,
/// `--key-password-env`, or else a terminal prompt (no echo) when standard input is one.
fn load_key(path: &str, kid: &str, password: &KeyPasswordArgs) -> Result<SigningKey, Failure> {
    let mut cfg = KeyConfig::new(path, kid);
    if let Some(file) = &password.key_password_file {
        cfg = cfg.with_password_file(file);
    }
    if let Some(var) = &password.key_password_env {
        cfg = cfg.with_password_env(var);
    }
    let no_source = password.key_password_file.is_none() && password.key_password_env.is_none();
    let at_terminal = std::io::stdin().is_terminal();
    cfg.load_with(|path| {
        if !at_terminal {
            return None;
        }
        rpassword::prompt_password(format!("Password for {}: ", path.display()))
            .ok()
            .map(zeroize::Zeroizing::new)
    })
    .map_err(|e| {
        // No password source and no terminal to ask at: name this command's options (the
        // library's message names node.toml's settings).
        if e.code() == ErrorCode::KeyDecryptionFailed && no_source && !at_terminal {
            Failure::from(Error::new(
                ErrorCode::KeyDecryptionFailed,
                format!(
                    "the signing key {path} is encrypted (ENCRYPTED PRIVATE KEY) and no password \
                     was given: pass --key-password-file FILE or --key-password-env VARIABLE, or \
                     run the command at a terminal to be asked for it"
                ),
            ))
        } else {
            Failure::from(e)
        }
    })
}

/// The password a new key is encrypted with: `--key-password-file`, `--key-password-env`, or
/// with `--encrypt` asked twice at the terminal; `None` writes the key unencrypted.
fn keygen_password(a: &KeygenArgs) -> Result<Option<zeroize::Zeroizing<String>>, Failure> {
    use labourlink_exchange::config::{read_password_env, read_password_file};
    if let Some(file) = &a.key_password_file {
        return Ok(Some(read_password_file(std::path::Path::new(file))?));
    }
    if let Some(var) = &a.key_password_env {
        return Ok(Some(read_password_env(var)?));
    }
    if !a.encrypt {
        return Ok(None);
    }
    if !std::io::stdin().is_terminal() {
        return Err(usage(
            &["keygen"],
            "--encrypt asks for the password at a terminal; without one give --key-password-file FILE or --key-password-env VAR",
        ));
    }
    let ask = |prompt: &str| {
        rpassword::prompt_password(prompt)
            .map(zeroize::Zeroizing::new)
            .map_err(|e| Failure::Io(format!("cannot read the password: {e}")))
    };
    let first = ask("Password for the new key: ")?;
    let again = ask("The same password again: ")?;
    if first.is_empty() || *first != *again {
        return Err(usage(
            &["keygen"],
            "the two passwords are empty or differ: nothing was written",
        ));
    }
    Ok(Some(first))
}

fn keygen(a: &KeygenArgs) -> CmdResult {
    let alg: Algorithm = a.alg;
    let out = a.out.as_str();
    if a.public_out.as_deref() == Some(out) {
        return Err(usage(
            &["keygen"],
            "--out and --public-out name the same file",
        ));
    }
    // Both files are checked before either is written: a refusal changes nothing.
    output::check_free(out, a.force)?;
    if let Some(p) = &a.public_out {
        output::check_free(p, a.force)?;
    }
    let password = keygen_password(a)?;
    let kid = a.kid.as_deref().unwrap_or("");
    let key = SigningKey::generate(alg, kid)?;
    let pem = match &password {
        Some(p) => key.to_encrypted_pem(p.as_bytes())?,
        None => key.to_pem(),
    };
    output::write(out, pem.as_bytes(), output::WriteOpts::secret(a.force))?;
    let mut jwk = key.verifying_key().to_jwk();
    if !kid.is_empty() {
        if let Value::Object(m) = &mut jwk {
            m.insert("kid".into(), kid.into());
        }
    }
    if let Some(p) = &a.public_out {
        output::write(
            p,
            format!("{}\n", pretty(&jwk)).as_bytes(),
            output::WriteOpts::new_file(a.force),
        )?;
    }
    let thumbprint = key.verifying_key().thumbprint();
    if a.json {
        print_json(&serde_json::json!({
            "status": "ok",
            "alg": alg.as_str(),
            "kid": a.kid,
            "private_key": out,
            "encrypted": password.is_some(),
            "public_key": a.public_out,
            "thumbprint": thumbprint,
        }));
        return Ok(());
    }
    if password.is_some() {
        println!(
            "wrote {alg} private key to {out} (encrypted PKCS#8 PEM: PBES2, PBKDF2-HMAC-SHA-256 \
             with {} iterations, AES-256-CBC; mode 0600); sign with --key-password-file or \
             --key-password-env, or password_file / password_env in node.toml",
            labourlink::keys::ENCRYPTED_KEY_ITERATIONS
        );
    } else {
        println!("wrote {alg} private key to {out} (PKCS#8 PEM, mode 0600; keep it secret)");
    }
    if let Some(p) = &a.public_out {
        println!("wrote public JWK to {p}");
    }
    println!("thumbprint (RFC 7638): {thumbprint}");
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
            force,
            json,
        } => exchange::tl_fetch(&url, &anchor, store.as_deref(), out.as_deref(), force, json),
        TrustListCmd::Show { file, json } => tl_show(&file, json),
        TrustListCmd::ForgetAnchor { store, kid, json } => {
            let (list, data) = Store::open(&store)?.forget_anchor(&kid)?;
            if json {
                print_json(&serde_json::json!({
                    "status": "ok",
                    "kid": kid,
                    "trust_list_sequence": list,
                    "reference_data_sequence": data,
                }));
                return Ok(());
            }
            let shown = labourlink::error::shown(&kid);
            match (list, data) {
                (None, None) => println!("the store holds nothing accepted from anchor '{shown}'"),
                _ => println!(
                    "forgot what the store accepted from anchor '{shown}': trust list {}, reference data {}; lists of the anchors still pinned are no longer checked against them",
                    list.map_or_else(|| "none".to_owned(), |s| format!("sequence {s}")),
                    data.map_or_else(|| "none".to_owned(), |s| format!("sequence {s}")),
                ),
            }
            Ok(())
        }
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

fn write_draft(path: &str, mut doc: Value, list: &TrustList, opts: output::WriteOpts) -> CmdResult {
    doc["body"] = list.to_body();
    // `endpoint` arrived in 1.1; a list without one stays readable by 1.0 verifiers.
    if list.schema_version() != "1.0" {
        doc["schema_version"] = list.schema_version().into();
    }
    output::write(path, format!("{}\n", pretty(&doc)).as_bytes(), opts)
}

fn tl_new(a: &TlNewArgs) -> CmdResult {
    let out = a.out.as_str();
    output::check_free(out, a.force)?;
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
    write_draft(
        out,
        doc.to_value(),
        &list,
        output::WriteOpts::new_file(a.force),
    )?;
    if a.json {
        print_json(&serde_json::json!({
            "status": "ok",
            "out": out,
            "sequence": sequence,
            "next_update": next_update.to_string(),
        }));
        return Ok(());
    }
    println!("wrote trust list draft {out} (sequence {sequence}, next update {next_update})");
    Ok(())
}

fn tl_add_key(a: &TlAddKeyArgs) -> CmdResult {
    let path = a.file.as_str();
    let (doc, mut list) = read_draft(path)?;
    let jwk = read_json(&a.public)?;
    let key = VerifyingKey::from_jwk(&jwk)?;
    // The list records the key under --kid; a signer or node configured with the key file's
    // own kid would not find it.
    if let Some(own) = jwk
        .get("kid")
        .and_then(Value::as_str)
        .filter(|own| *own != a.kid)
    {
        eprintln!(
            "warning: {} names the key '{}'; the list records it as '{}' — sign and configure nodes with '{}'",
            a.public,
            labourlink::error::shown(own),
            a.kid,
            a.kid
        );
    }
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
    let prefix = format!("/body/keys/{}", list.keys().len().saturating_sub(1));
    let findings: Vec<_> = list
        .lint(&[])
        .into_iter()
        .filter(|f| f.path().starts_with(&prefix))
        .collect();
    if !a.json {
        for f in &findings {
            println!("{}: {}", f.severity.as_str(), f.violation.message);
        }
    }
    write_draft(path, doc, &list, output::WriteOpts::in_place())?;
    if a.json {
        print_json(&serde_json::json!({
            "status": "ok",
            "file": path,
            "kid": a.kid,
            "keys": list.keys().len(),
            "findings": findings_json(&findings),
        }));
        return Ok(());
    }
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
        // LL-KEY-003: a revoked key verifies nothing from the moment a verifier holds the
        // list; a later --since does not postpone that (audit s41 keys F7).
        if since > SystemClock.now() {
            eprintln!(
                "warning: --since {since} is in the future, but a revoked key verifies nothing from the moment a node holds this list, whatever the message's date; to replace a key at a later time, use `trust-list retire`"
            );
        }
    } else {
        list.retire(kid, since)?;
    }
    write_draft(path, doc, &list, output::WriteOpts::in_place())?;
    let done = if revoke { "revoked" } else { "retired" };
    if a.json {
        print_json(&serde_json::json!({
            "status": "ok",
            "file": path,
            "kid": kid,
            "key_status": done,
            "since": since.to_string(),
        }));
        return Ok(());
    }
    println!("{done} key '{kid}' since {since} in {path}");
    Ok(())
}

fn tl_sign(a: &TlSignArgs) -> CmdResult {
    let path = a.file.as_str();
    let out = a.out.as_str();
    if out == path {
        return Err(usage(
            &["trust-list", "sign"],
            "--out names the draft itself; write the signed list to another file",
        ));
    }
    output::check_free(out, a.force)?;
    let (doc, mut list) = read_draft(path)?;
    let key = load_key(&a.key, &a.kid, &a.password)?;
    let mut dropped: Vec<String> = Vec::new();
    if let Some(previous) = &a.after {
        let before = published_list(previous, &key)?;
        // The checks a node makes of a newer list (the error names the key and its place).
        before.check_successor(&list)?;
        // A key left out of the new list no longer vouches for anything it signed: archived
        // messages and receipts then fail archival verification as `key.unknown` (audit s43
        // archive F5). Not refused — a list may end a partnership — but said.
        for k in before.keys() {
            if list.key(&k.kid).is_none() {
                let status = match (k.status, k.status_since) {
                    (labourlink::trust::KeyStatus::Retired, Some(s)) => {
                        format!("retired since {s}")
                    }
                    (s, _) => s.as_str().to_owned(),
                };
                if !a.json {
                    eprintln!(
                        "warning: key '{}' ({status}) of list {} is not in this one: what it signed (archived messages, receipts) no longer verifies as evidence (key.unknown); keep a retired key listed for as long as the records it signed are kept",
                        k.kid, before.sequence
                    );
                }
                dropped.push(k.kid.clone());
            }
        }
        list.sequence = before.sequence.checked_add(1).ok_or_else(|| {
            Failure::Lib(Error::new(
                ErrorCode::TrustListInvalid,
                format!("{previous} has the highest sequence there is; no list can follow it"),
            ))
        })?;
    } else if let Some(n) = a.sequence {
        list.sequence = n;
    }
    // Hygiene first: an error (the anchor's own key listed as a partner key) stops signing.
    let findings = list.lint(&[Anchor::new(key.kid(), key.verifying_key())]);
    if findings.iter().any(labourlink::rules::Finding::is_error) || !a.json {
        report_findings(&findings, a.json)?;
    }
    let issuer = Document::from_value(&doc)?.document.from;
    let clock = clock_from(a.at);
    let jws = list.sign(&key, issuer, clock.as_ref())?;
    output::write(
        out,
        format!("{jws}\n").as_bytes(),
        output::WriteOpts::new_file(a.force),
    )?;
    if a.json {
        print_json(&serde_json::json!({
            "status": "ok",
            "out": out,
            "sequence": list.sequence,
            "kid": key.kid(),
            "keys": list.keys().len(),
            "next_update": list.next_update.to_string(),
            "findings": findings_json(&findings),
            "dropped_keys": dropped,
        }));
        return Ok(());
    }
    println!(
        "signed trust list sequence {} with '{}' → {out}",
        list.sequence,
        key.kid()
    );
    Ok(())
}

/// The published list `--after` names: a signed trust list (a draft is refused). Signed with
/// the anchor key signing now, its signature is verified as of its own `issued_at` (a list
/// long stale still names the sequence to follow); signed by another anchor (the anchor key
/// was rotated), it is read as it stands and said so.
fn published_list(path: &str, key: &labourlink::keys::SigningKey) -> Result<TrustList, Failure> {
    let bytes = read_file(path)?;
    let (value, signed_by) = trust_list_document(&bytes)?;
    let Some(signers) = signed_by else {
        return Err(usage(
            &["trust-list", "sign"],
            format!("--after takes the published, signed list (TL.jws); {path} is a draft"),
        ));
    };
    let checked = Document::from_value(&value)?;
    if !signers.iter().any(|kid| kid == key.kid()) {
        eprintln!(
            "warning: {path} is signed by {}, not by '{}': its signature is not checked here",
            signers
                .iter()
                .map(|k| format!("'{}'", labourlink::error::shown(k)))
                .collect::<Vec<_>>()
                .join(", "),
            key.kid()
        );
        return Ok(TrustList::from_body(&checked.document.body)?);
    }
    let anchors = [Anchor::new(key.kid(), key.verifying_key())];
    let (verified, _) = labourlink::trust::load_anchor_signed(
        &bytes,
        &anchors,
        &FixedClock(checked.issued_at),
        labourlink::trust::AnchorSigned::TrustList,
    )?;
    Ok(TrustList::from_body(&verified.document.body)?)
}

/// Hygiene findings as JSON objects (their serde form: code, path, message, message_zh,
/// severity).
fn findings_json(findings: &[labourlink::rules::Finding]) -> Value {
    serde_json::to_value(findings).unwrap_or_default()
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
        print_json(&serde_json::json!({
            "status": if errors == 0 { "ok" } else { "rejected" },
            "valid": errors == 0,
            "findings": findings,
        }));
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
    let (doc_value, signed_by) = trust_list_document(&bytes)?;
    let checked = Document::from_value(&doc_value)?;
    let list = TrustList::from_body(&checked.document.body)?;
    let anchors = read_anchors(&a.anchor)?;
    // A signed list with anchors: loaded as a verifier loads it (signature, staleness).
    if signed_by.is_some() && !anchors.is_empty() {
        TrustList::load(
            &bytes,
            &anchors,
            clock_from(a.at).as_ref(),
            DEFAULT_GRACE_SECONDS,
        )
        .map_err(|e| trust_list_failure(e, &a.file, &anchors))?;
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

fn tl_show(path: &str, json: bool) -> CmdResult {
    let bytes = read_file(path)?;
    let (doc_value, signed_by) = trust_list_document(&bytes)?;
    let checked = Document::from_value(&doc_value)?;
    let list = TrustList::from_body(&checked.document.body)?;
    if json {
        let keys: Vec<Value> = list
            .keys()
            .iter()
            .map(|r| {
                serde_json::json!({
                    "kid": r.kid,
                    "region": r.region,
                    "agency": r.agency,
                    "alg": r.alg.as_str(),
                    "key_status": r.status.as_str(),
                    "status_since": r.status_since.map(|t| t.to_string()),
                    "valid_from": r.valid_from.to_string(),
                    "valid_until": r.valid_until.map(|t| t.to_string()),
                    "message_types": r.message_types,
                    "endpoint": r.endpoint,
                })
            })
            .collect();
        print_json(&serde_json::json!({
            "status": "ok",
            "file": path,
            "sequence": list.sequence,
            "next_update": list.next_update.to_string(),
            "issuer": {"region": checked.document.from.region, "agency": checked.document.from.agency},
            "signed_by": signed_by,
            "signature_checked": false,
            "keys": keys,
        }));
        return Ok(());
    }
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
            "- {}  {} {}  {}  {}  valid {} .. {}  types {}{}{}",
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
            r.endpoint
                .as_deref()
                .map_or_else(String::new, |e| format!("  inbox {e}")),
        );
    }
    Ok(())
}

fn sign(a: &SignArgs) -> CmdResult {
    if let Some(out) = &a.out {
        if out == &a.document {
            return Err(usage(
                &["sign"],
                "--out names the document itself; write the JWS to another file",
            ));
        }
        output::check_free(out, a.force)?;
    }
    let key = load_key(&a.key, &a.kid, &a.password)?;
    let mut doc = read_json(&a.document)?;
    let clock = clock_from(a.at);
    // A draft may leave out what the signer fills in: spec, id, issued_at, schema_version.
    if let Value::Object(m) = &mut doc {
        let now = clock.now();
        if a.reissue {
            m.remove("id");
            let old = m
                .remove("issued_at")
                .and_then(|v| v.as_str().and_then(|t| Timestamp::parse(t).ok()));
            // An expires_at moves with issued_at: the document keeps its validity span (a
            // catalogue example's would otherwise lie before the new issue time).
            let expires = m
                .get("expires_at")
                .and_then(Value::as_str)
                .and_then(|t| Timestamp::parse(t).ok());
            if let (Some(old), Some(expires)) = (old, expires) {
                let shifted = expires.add_seconds(now.unix_seconds() - old.unix_seconds());
                m.insert("expires_at".into(), shifted.to_string().into());
            }
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
    if let Some(out) = &a.out {
        // A signed message carries personal data (ID numbers, names, amounts): readable by
        // its owner only, whatever the umask (audit s43 privacy F8).
        output::write(
            out,
            format!("{jws}\n").as_bytes(),
            output::WriteOpts::secret(a.force),
        )?;
    }
    if a.json {
        print_json(&serde_json::json!({
            "status": "ok",
            "id": doc.get("id"),
            "type": doc.get("type"),
            "kid": key.kid(),
            "alg": key.algorithm().as_str(),
            "out": a.out,
            "jws": if a.out.is_some() { None } else { Some(&jws) },
        }));
    } else if let Some(out) = &a.out {
        eprintln!(
            "signed {} → {out}",
            doc.get("id").and_then(Value::as_str).unwrap_or("?")
        );
    } else {
        println!("{jws}");
    }
    Ok(())
}

/// An error of a trust list (its signature, its anchor, its staleness, its sequence), said as
/// such with the list's source and the pinned anchor's kid: a bare `signature.invalid` would
/// read as if the message's signature were wrong.
fn trust_list_failure(e: Error, source: &str, anchors: &[Anchor]) -> Failure {
    // An unsigned draft (`trust-list new`'s tl.json) read as the signed list: say so.
    let e = if e.code() == ErrorCode::JwsMalformed
        && matches!(e.path(), Some("/body" | "/spec" | "/type"))
    {
        Error::new(
            ErrorCode::JwsMalformed,
            format!(
                "{source} looks like an unsigned trust-list draft (it has {}, not payload and \
                 signatures): sign it with `labourlink trust-list sign {source} --key ANCHOR.pem \
                 --kid ANCHOR_KID --out tl.jws` and pass the .jws",
                e.path().unwrap_or_default().trim_start_matches('/')
            ),
        )
        .at(e.path().unwrap_or_default())
    } else {
        e
    };
    Failure::TrustList {
        source: source.to_owned(),
        anchor: anchors
            .iter()
            .map(|a| a.kid.as_str())
            .collect::<Vec<_>>()
            .join("', '"),
        error: e,
    }
}

/// How far `verify --store --at` may be from this machine's clock without
/// `--dangerous-archive-time`: the largest leeway a verifier takes, one hour.
const ARCHIVE_TIME_TOLERANCE_SECONDS: i64 = 3600;

fn verify(a: &VerifyArgs) -> CmdResult {
    // With a store, --at is the time the archive records for good (audit s43 archive F9: any
    // year went in, and archive verify judges a message as of it).
    if let (Some(_), Some(at)) = (&a.store, a.at) {
        let off = (at.unix_seconds() - SystemClock.now().unix_seconds()).abs();
        if off > ARCHIVE_TIME_TOLERANCE_SECONDS && !a.dangerous_archive_time {
            return Err(usage(
                &["verify"],
                format!(
                    "--at is {off} s from this machine's clock: with --store it is the time the archive records the message as received, which cannot be changed later; give a time within an hour of now (or --dangerous-archive-time, for a throwaway store in a test)"
                ),
            ));
        }
    }
    let clock = clock_from(a.at);
    let now = clock.now();
    let anchors = read_anchors(&a.anchor)?;
    // Signed reference data is loaded before the store opens: its calendar counts the store's
    // case deadlines too, as in an inbox node with `[reference_data]`.
    let reference = match &a.reference_data {
        Some(path) => {
            let bytes = read_file(path)?;
            let data = labourlink::refdata::ReferenceData::load(
                &bytes,
                &anchors,
                clock.as_ref(),
                DEFAULT_GRACE_SECONDS,
            )?;
            Some((bytes, data))
        }
        None => None,
    };
    let store = match &a.store {
        Some(url) => {
            let mut s = Store::open(url)?;
            if let Some((_, data)) = &reference {
                s = s.with_case_policy(Some(std::sync::Arc::new(
                    labourlink::cases::CaseRules::default().with_calendar(data.calendar().clone()),
                )));
            }
            Some(std::sync::Arc::new(s))
        }
        None => None,
    };
    let mut tl_source = a.trust_list.clone();
    let tl_bytes = match (read_file(&a.trust_list), &store) {
        (Ok(bytes), _) => bytes,
        // The list's source is unreachable: the last list accepted into the store, which
        // must still load (signature, staleness) like any other.
        (Err(e), Some(s)) => match s.trust_list_of(&anchor_kids(&anchors))? {
            Some(stored) => {
                eprintln!(
                    "warning: {}; using the trust list (sequence {}) last accepted into the store",
                    failure_text(&e),
                    stored.sequence
                );
                tl_source = format!(
                    "last accepted into the store (sequence {})",
                    stored.sequence
                );
                stored.jws
            }
            None => return Err(e),
        },
        (Err(e), None) => return Err(e),
    };
    let tl_err = |e| trust_list_failure(e, &tl_source, &anchors);
    let list = TrustList::load(&tl_bytes, &anchors, clock.as_ref(), DEFAULT_GRACE_SECONDS)
        .map_err(tl_err)?;
    if let Some(min) = a.min_sequence {
        list.check_min_sequence(min).map_err(tl_err)?;
    }
    if let Some(s) = &store {
        // Refuses a list older than one accepted before, across restarts and processes.
        s.accept_trust_list(&tl_bytes, &list, now).map_err(tl_err)?;
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
    if let Some((bytes, data)) = &reference {
        if let Some(s) = &store {
            s.accept_reference_data(bytes, data.sequence, data.digest().unwrap_or_default(), now)?;
        }
        b = labourlink::refdata::VerifierBuilderExt::reference_data(b, data);
    }
    let verifier = b.build().map_err(|e| usage(&["verify"], e.message()))?;
    let store = store.as_deref();
    let path = match (&a.batch, &a.message) {
        (Some(batch), _) => {
            let group = labourlink_store::GroupCommit::default()
                .max_messages(a.group_size)
                .max_wait(std::time::Duration::from_millis(a.group_wait_ms));
            return verify_batch(
                &verifier,
                batch,
                a.threads,
                store.map(|s| (s, group)),
                now,
                a.quiet,
            );
        }
        (None, Some(path)) => path.as_str(),
        // clap requires MESSAGE.jws unless --batch is given.
        (None, None) => return Err(usage(&["verify"], "MESSAGE.jws is required")),
    };
    let message = read_file(path)?;
    // With a store: the replay record and the archive entry are committed before "accepted"
    // is printed; a rejection is quarantined.
    let v = match store {
        Some(s) => s.receive(&verifier, &message, now),
        None => verifier.verify_at(&message, now),
    }
    .map_err(Failure::Rejected)?;
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
        Failure::Lib(e) | Failure::Rejected(e) | Failure::TrustList { error: e, .. } => {
            e.to_string()
        }
        Failure::Exists(p) => format!("{p} exists"),
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
    quiet: bool,
) -> CmdResult {
    let file =
        std::fs::File::open(path).map_err(|e| Failure::Io(format!("cannot read {path}: {e}")))?;
    let progress = labourlink_conformance::progress::ProgressLine::new(None, "messages", quiet);
    if progress.is_shown() {
        // Counting the lines first (a fast read) gives the bar its length and an ETA.
        if let Ok(n) = count_lines(path) {
            progress.set_total(n);
        }
    }
    let mut reader = std::io::BufReader::new(file);
    let mut read_error = None;
    // A line keeps at most one byte more than a message may have (and its line end): a longer
    // one is rejected as `json.too_large` all the same, and a file without line ends (a wrong
    // path, `/dev/zero`) cannot fill memory.
    let keep = labourlink::json::DEFAULT_MAX_BYTES.saturating_add(1);
    let lines = std::iter::from_fn(|| {
        let mut buf = Vec::new();
        match read_line_capped(&mut reader, keep, &mut buf) {
            Ok(0) => None,
            Ok(read) => {
                // A line cut at `keep` keeps its last bytes: stripping them could turn an
                // overlong line into a shorter message it does not consist of.
                if read == buf.len() {
                    while buf.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
                        buf.pop();
                    }
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
    let mut write = |ok: bool, line: &str, flush: bool| {
        if ok {
            accepted += 1;
        } else {
            rejected += 1;
        }
        progress.inc();
        if write_error.is_none() {
            let written =
                writeln!(out, "{line}").and_then(|()| if flush { out.flush() } else { Ok(()) });
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
                write(
                    r.result.is_ok(),
                    &batch_line(i, &r.result).to_string(),
                    true,
                );
            });
        }
        // Each line is made on the worker that verified the message, which also drops the
        // message there (see `Verifier::verify_many_map`).
        None => verifier.verify_many_map(
            lines,
            threads,
            |i, r| (r.is_ok(), batch_line(i, &r).to_string()),
            |_, (ok, line)| write(ok, &line, false),
        ),
    }
    progress.clear();
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

/// Reads one line (up to and including `\n`, or to the end of the input) from `reader`,
/// appending at most `keep` bytes of it to `buf` and skipping the rest; returns how many bytes
/// the line had (0 at the end of the input).
fn read_line_capped(
    reader: &mut impl std::io::BufRead,
    keep: usize,
    buf: &mut Vec<u8>,
) -> std::io::Result<usize> {
    let mut total = 0usize;
    loop {
        let (used, done) = {
            let available = match reader.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if available.is_empty() {
                return Ok(total);
            }
            let (line, done) = match available.iter().position(|b| *b == b'\n') {
                Some(i) => (available.get(..=i).unwrap_or(available), true),
                None => (available, false),
            };
            let room = keep.saturating_sub(buf.len());
            buf.extend_from_slice(line.get(..room.min(line.len())).unwrap_or_default());
            (line.len(), done)
        };
        reader.consume(used);
        total = total.saturating_add(used);
        if done {
            return Ok(total);
        }
    }
}

/// The number of lines of a file (a last line without a newline counts).
fn count_lines(path: &str) -> std::io::Result<u64> {
    use std::io::Read as _;
    let mut f = std::fs::File::open(path)?;
    let mut buf = vec![0u8; 1 << 16];
    let (mut n, mut last) = (0u64, b'\n');
    loop {
        let got = f.read(&mut buf)?;
        let Some(chunk) = buf.get(..got).filter(|c| !c.is_empty()) else {
            break;
        };
        n += u64::try_from(chunk.iter().filter(|b| **b == b'\n').count()).unwrap_or(0);
        if let Some(l) = chunk.last() {
            last = *l;
        }
    }
    Ok(n + u64::from(last != b'\n'))
}

fn store_cmd(cmd: StoreCmd) -> CmdResult {
    match cmd {
        StoreCmd::Init { store, json } => {
            let s = Store::init(&store)?;
            if json {
                print_json(&serde_json::json!({
                    "status": "ok",
                    "created": s.found_version().is_none(),
                    "was_version": s.found_version(),
                    "schema_version": s.schema_version()?,
                }));
                return Ok(());
            }
            match s.found_version() {
                None => println!("created the store (schema version {})", s.schema_version()?),
                Some(v) => println!(
                    "store ready: schema version {} (was {v})",
                    s.schema_version()?
                ),
            }
            Ok(())
        }
        StoreCmd::Migrate { store, json } => {
            let s = Store::open(&store)?;
            let now = s.schema_version()?;
            if json {
                let was = s.found_version();
                print_json(&serde_json::json!({
                    "status": "ok",
                    "migrated": was.is_some_and(|v| v < now),
                    "was_version": was,
                    "schema_version": now,
                }));
                return Ok(());
            }
            match s.found_version() {
                Some(v) if v < now => {
                    println!("migrated the store from schema version {v} to {now}")
                }
                _ => println!("the store is current (schema version {now})"),
            }
            Ok(())
        }
        StoreCmd::Purge(a) => store_purge(&a),
        StoreCmd::Recover(a) => recover::recover(&a),
        StoreCmd::Compact { store, json } => {
            let (before, after) = Store::open(&store)?.compact()?;
            if json {
                print_json(&serde_json::json!({
                    "status": "ok",
                    "bytes_before": before,
                    "bytes_after": after,
                }));
                return Ok(());
            }
            println!(
                "compacted the store: {} → {} ({} given back)",
                human_bytes(before),
                human_bytes(after),
                human_bytes(before.saturating_sub(after))
            );
            Ok(())
        }
        StoreCmd::Check { store, json } => {
            let found = Store::open(&store)?.check()?;
            if found.is_empty() {
                if json {
                    print_json(&serde_json::json!({"status": "ok", "problems": []}));
                } else {
                    println!("the store is whole: every page and index read without a fault");
                }
                return Ok(());
            }
            // SQLite answers one row of several lines: one problem a line (its own words).
            let found: Vec<&str> = found
                .iter()
                .flat_map(|f| f.lines())
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with("***"))
                .collect();
            let shown: Vec<&str> = found.iter().take(10).copied().collect();
            Err(Error::new(
                ErrorCode::StoreCorrupt,
                format!(
                    "the store is damaged or altered ({} problem(s)): {}; restore it from a backup (docs/STORE.md, \"Backup and restore\")",
                    found.len(),
                    shown.join("; ")
                ),
            )
            .zh(format!(
                "存储库已损坏或被改动（{} 处问题）：{}；请从备份恢复（见 docs/STORE.zh-CN.md“备份和恢复”）",
                found.len(),
                shown.join("；")
            ))
            .into())
        }
        StoreCmd::Copy { from, to, json } => {
            if same_store(&from, &to) {
                return Err(Error::new(
                    ErrorCode::InputInvalid,
                    "--from and --to name the same store: a copy goes into a new, empty one",
                )
                .zh("--from 与 --to 指向同一个存储库：只能复制到一个新的空存储库")
                .into());
            }
            let source = Store::open(&from)?;
            let target = Store::init(&to)?;
            let report = source.copy_into(&target)?;
            if json {
                print_json(&serde_json::json!({
                    "status": "ok",
                    "schema_version": report.schema_version,
                    "rows": report.rows.iter().map(|(t, n)| (t.clone(), serde_json::Value::from(*n))).collect::<serde_json::Map<_, _>>(),
                }));
                return Ok(());
            }
            println!(
                "copied {} rows (schema version {}) into the new store:",
                report.total_rows(),
                report.schema_version
            );
            for (table, n) in &report.rows {
                println!("  {table}: {n}");
            }
            println!(
                "point every process at the new store (node.toml `store`, cron jobs) before starting them again: what is written to the old store from now on is not in the new one; keep the old one, unused, as a backup"
            );
            Ok(())
        }
    }
}

/// Whether two store URLs name the same store: the same SQLite file (however the path is
/// spelt), or the same PostgreSQL URL. (Another URL of the same PostgreSQL database ends in the
/// copy's 30 s lock timeout instead.)
fn same_store(a: &str, b: &str) -> bool {
    let file = |u: &str| {
        let p = u
            .strip_prefix("sqlite://")
            .or_else(|| u.strip_prefix("sqlite:"))?;
        std::fs::canonicalize(p).ok()
    };
    match (file(a), file(b)) {
        (Some(x), Some(y)) => x == y,
        _ => a == b,
    }
}

/// A size for people: bytes, KB, MB or GB (powers of 1 000, one decimal).
fn human_bytes(n: u64) -> String {
    #[allow(clippy::cast_precision_loss)] // a size shown to one decimal
    let f = n as f64;
    match n {
        0..1_000 => format!("{n} B"),
        1_000..1_000_000 => format!("{:.1} KB", f / 1e3),
        1_000_000..1_000_000_000 => format!("{:.1} MB", f / 1e6),
        _ => format!("{:.1} GB", f / 1e9),
    }
}

fn store_purge(a: &StorePurgeArgs) -> CmdResult {
    let now = clock_from(a.at).now();
    // A purge "at" a later time deletes replay records whose messages still verify now: the
    // same message would then be accepted again (one mistyped year is enough).
    let real = SystemClock.now();
    if now > real.add_seconds(labourlink::verify::DEFAULT_LEEWAY_SECONDS) {
        return Err(Error::new(
            ErrorCode::InputInvalid,
            format!(
                "--at {now} is later than now ({real}): purging at a future time would delete \
                 replay records of messages that still verify, and they would be accepted again; \
                 give a time that has passed, or leave --at out"
            ),
        )
        .zh(format!(
            "--at {now} 晚于当前时间（{real}）：按将来的时间清理会删除仍可验证通过的消息的防重放记录，\
             这些消息将被再次接收；请给出已过去的时间，或不加 --at"
        ))
        .into());
    }
    let s = Store::open(&a.store)?;
    let opts = labourlink_store::PurgeOptions::default()
        .retention_days(a.retention_days)
        .quarantine_retention_days(a.quarantine_retention_days)
        .batch(a.batch)
        .max_batches(a.max_batches);
    // By this machine's clock: no later than a day past the newest issued_at the store received
    // (a clock months ahead would drop what still counts); --at is taken as given.
    let now = match (a.at, s.purge_time(now)?) {
        (None, (as_of, Some(newest))) if as_of < now => {
            eprintln!(
                "note: the clock ({now}) is more than a day past the newest issued_at of the messages the store received ({newest}): purging as of {as_of}; give --at to purge as of a later time you have checked"
            );
            as_of
        }
        _ => now,
    };
    let r = s.purge(now, opts)?;
    if a.json {
        print_json(&serde_json::json!({
            "status": "ok",
            "at": now.to_string(),
            "replay_records": r.replay_records,
            "bodies": r.bodies,
            "quarantined": r.quarantined,
            "outbox": r.outbox,
            "more": r.more,
        }));
        return Ok(());
    }
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

fn inspect(path: &str, json: bool) -> CmdResult {
    let bytes = read_file(path)?;
    let parsed = labourlink::jws::parse(
        &bytes,
        labourlink::json::Limits::default(),
        &labourlink::jws::AlgorithmPolicy::default(),
    )?;
    if json {
        let payload = labourlink::verify::parse_canonical_payload(
            &parsed.payload,
            labourlink::json::Limits::default(),
        );
        print_json(&serde_json::json!({
            "status": "ok",
            "verified": false,
            "payload_bytes": parsed.payload.len(),
            "digest": labourlink::verify::digest(&parsed.payload),
            "signatures": parsed.signatures.iter().map(|s| serde_json::json!({
                "pointer": s.pointer, "alg": s.header.alg.as_str(), "kid": s.header.kid,
                "bytes": s.signature.len(),
            })).collect::<Vec<_>>(),
            "canonical": payload.is_ok(),
            "payload_problem": payload.as_ref().err().map(|e| e.to_json()),
            "document": payload.ok().map(|(doc, _)| doc),
        }));
        return Ok(());
    }
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
