//! The command line: `run`, `regen`, `list`, `harness`.
//!
//! [`ConformanceCommand`] is a `clap` subcommand type: the standalone `labourlink-conformance`
//! command ([`Cli`]) and `labourlink conformance …` embed the same definition, so flags, help
//! and errors are identical in both.

use std::io::Write as _;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use clap::{Args, CommandFactory as _, Parser, Subcommand};

use crate::suite::{DIR_ENV, SuiteFiles};
use crate::util::{default_root, write_file};

const AFTER_HELP: &str = "\
Exit status: 0 success; 1 failure (failing, erroring or unexpectedly passing vectors, a harness
that cannot be started, regen changes); 2 usage error (also an unknown --area, an --id that
matches no vector); 3 nothing tested (no vector ran, or every selected vector was skipped
without --allow-skip).
Data: the vectors and keys embedded in this runner, unless --vectors/--keys or
$LABOURLINK_CONFORMANCE_DIR (a directory holding vectors/ and keys/) name others.
See conformance/README.md for the harness protocol and the vector format.";

/// The `labourlink-conformance` command.
#[derive(Debug, Parser)]
#[command(
    name = "labourlink-conformance",
    version,
    about = "labourlink-conformance — the labourlink conformance suite",
    after_help = AFTER_HELP,
    propagate_version = true
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: ConformanceCommand,
}

/// The conformance subcommands (also `labourlink conformance …`).
#[derive(Debug, Subcommand)]
pub enum ConformanceCommand {
    /// Run a harness over the vectors and compare its results
    ///
    /// Starts the harness command (sh -c), sends every selected vector, compares the results
    /// and exits 0 only when at least one vector ran, none failed, errored or passed
    /// unexpectedly, and not every one was skipped (1 on failures, 2 on usage errors, 3 when
    /// nothing was tested).
    Run(RunArgs),
    /// Rewrite the generated keys, trust lists and vectors
    ///
    /// Rewrites the generated keys, trust lists and vectors and completes hand-written vectors
    /// from their recipes; --check writes nothing and exits 1 listing what would change.
    Regen(RegenArgs),
    /// List the selected vectors
    List(ListArgs),
    /// The Rust harness on stdin/stdout
    Harness,
}

/// Which vectors: `--area`, `--id`, `--vectors`, `--keys`.
#[derive(Debug, Clone, Args)]
pub struct Selection {
    /// Only these areas (comma-separated; may repeat); an unknown area is an error
    #[arg(long = "area", value_name = "A")]
    pub areas: Vec<String>,
    /// Only these vector ids (comma-separated; may repeat); an id ending in * is a prefix; a
    /// pattern that matches no vector (of the selected areas) is an error
    #[arg(long = "id", value_name = "ID")]
    pub ids: Vec<String>,
    /// The vectors directory [default: $LABOURLINK_CONFORMANCE_DIR/vectors when that variable
    /// is set, else the vectors embedded in this runner]
    #[arg(long, value_name = "DIR")]
    pub vectors: Option<PathBuf>,
    /// The keys directory [default: with --vectors, its sibling keys/ if there is one;
    /// $LABOURLINK_CONFORMANCE_DIR/keys when that variable is set; else the keys embedded in
    /// this runner]
    #[arg(long, value_name = "DIR")]
    pub keys: Option<PathBuf>,
}

/// `run`: drive a harness through the vectors.
#[derive(Debug, Clone, Args)]
#[command(args_override_self = true)]
pub struct RunArgs {
    /// The harness command line, run with sh -c (quote it)
    #[arg(long, value_name = "COMMAND")]
    pub harness: String,
    /// Which vectors
    #[command(flatten)]
    pub selection: Selection,
    /// Expected failures: a JSON list [{"id": "…", "reason": "…"}]
    #[arg(long, value_name = "FILE")]
    pub xfail: Option<PathBuf>,
    /// Per-case timeout in milliseconds, at least 1 [default: 5000]
    #[arg(long = "timeout-ms", value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub timeout_ms: Option<u64>,
    /// Write the JSON report to FILE
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,
    /// Write the JUnit XML report to FILE
    #[arg(long, value_name = "FILE")]
    pub junit: Option<PathBuf>,
    /// Write the Markdown report to FILE
    #[arg(long, value_name = "FILE")]
    pub markdown: Option<PathBuf>,
    /// Write a self-contained HTML report to FILE (no scripts, no external assets)
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
    /// Let a run pass in which every selected vector is skipped, for this reason (named in
    /// every report); without it such a run exits 3
    #[arg(long = "allow-skip", value_name = "REASON")]
    pub allow_skip: Option<String>,
    /// Also list skipped cases, expected failures and passing cases with notes
    #[arg(long)]
    pub verbose: bool,
    /// No progress line (it is drawn on standard error only when that is a terminal)
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

/// `regen`: regenerate (or check) the generated files.
#[derive(Debug, Clone, Args)]
#[command(args_override_self = true)]
pub struct RegenArgs {
    /// Write nothing; exit 1 listing what would change
    #[arg(long)]
    pub check: bool,
    /// The conformance directory [default: $LABOURLINK_CONFORMANCE_DIR, else ./conformance or .
    /// when they hold vectors/ and keys/, else the directory this crate was built from]
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// The core crate's test vectors [default: ROOT/../core/tests/vectors]
    #[arg(long = "core-vectors", value_name = "DIR")]
    pub core_vectors: Option<PathBuf>,
}

/// `list`: print the selected vectors.
#[derive(Debug, Clone, Args)]
#[command(args_override_self = true)]
pub struct ListArgs {
    /// Which vectors
    #[command(flatten)]
    pub selection: Selection,
}

/// A usage error found after parsing (for example an unreadable `--xfail` file): exit status 2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

impl From<String> for UsageError {
    fn from(s: String) -> Self {
        Self(s)
    }
}

impl ConformanceCommand {
    /// The subcommand's name as typed (`run`, `regen`, `list`, `harness`).
    #[must_use]
    pub fn name(&self) -> &'static str {
        match self {
            Self::Run(_) => "run",
            Self::Regen(_) => "regen",
            Self::List(_) => "list",
            Self::Harness => "harness",
        }
    }

    /// Runs the command. Returns the exit status (0 success, 1 failure, 3 nothing tested) or a
    /// usage error, which the caller reports with exit status 2.
    ///
    /// # Errors
    ///
    /// A [`UsageError`] when an argument is well-formed but unusable (an unreadable or
    /// malformed `--xfail` file, an unknown `--area`, an `--id` that matches no vector, an
    /// empty `--allow-skip` reason).
    pub fn execute(&self) -> Result<i32, UsageError> {
        match self {
            Self::Run(a) => run(a),
            Self::Regen(a) => Ok(regen(a)),
            Self::List(a) => list(a),
            Self::Harness => Ok(crate::harness::harness_main()),
        }
    }
}

/// A usage error in `clap`'s format, with the usage line of the subcommand at `path` under
/// `root` (for example `["run"]`, or `["conformance", "run"]` under `labourlink`). Falls back to
/// the deepest subcommand found when `path` names one that does not exist.
#[must_use]
pub fn usage_error(root: clap::Command, path: &[&str], message: &str) -> clap::Error {
    let mut cmd = root;
    cmd.build();
    for name in path {
        match cmd.find_subcommand(name).cloned() {
            Some(sub) => cmd = sub,
            None => break,
        }
    }
    cmd.error(clap::error::ErrorKind::ValueValidation, message)
}

/// Runs the command line; `argv` are the arguments after the program name (for
/// `labourlink conformance run …`, pass `["run", …]`). Returns the exit status: 0 success, 1
/// failure (failing vectors, regen changes), 2 usage error, 3 nothing tested; `--help` and
/// `--version` print to stdout and return 0.
#[must_use]
pub fn cli_main(argv: &[String]) -> i32 {
    main_from(std::iter::once("labourlink-conformance".to_owned()).chain(argv.iter().cloned()))
}

/// Like [`cli_main`], with the program name first (as [`std::env::args_os`] gives it); arguments
/// need not be UTF-8 (one that has to be is a usage error, not a panic).
#[must_use]
pub fn main_from<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return e.exit_code();
        }
    };
    match cli.command.execute() {
        Ok(code) => code,
        Err(UsageError(m)) => {
            let e = usage_error(Cli::command(), &[cli.command.name()], &m);
            let _ = e.print();
            2
        }
    }
}

fn out(text: &str) {
    let mut o = std::io::stdout().lock();
    let _ = o.write_all(text.as_bytes());
    let _ = o.flush();
}

fn err(text: &str) {
    let mut o = std::io::stderr().lock();
    let _ = o.write_all(text.as_bytes());
    let _ = o.flush();
}

/// Comma-separated, repeatable list values: split, trimmed, empty entries dropped.
fn split_list(values: &[String]) -> Vec<String> {
    values
        .iter()
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The suite data a selection names: `--vectors`/`--keys`, else
/// `$LABOURLINK_CONFORMANCE_DIR`, else the data embedded in this runner.
fn suite_files(sel: &Selection) -> Result<SuiteFiles, String> {
    let env_dir = std::env::var_os(DIR_ENV)
        .filter(|d| !d.is_empty())
        .map(PathBuf::from);
    let vectors = sel
        .vectors
        .clone()
        .or_else(|| env_dir.as_ref().map(|d| d.join("vectors")));
    let keys = sel.keys.clone().or_else(|| {
        let sibling = sel
            .vectors
            .as_ref()
            .map(|v| v.join("..").join("keys"))
            .filter(|k| k.is_dir());
        sibling.or_else(|| env_dir.as_ref().map(|d| d.join("keys")))
    });
    SuiteFiles::open(vectors.as_deref(), keys.as_deref())
}

/// A [`crate::runner::RunError`] as the command reports it: usage errors (exit 2) as
/// [`UsageError`], the others on stderr with their exit status.
fn run_error(e: &crate::runner::RunError) -> Result<i32, UsageError> {
    match e.exit_status() {
        2 => Err(UsageError(e.to_string())),
        status => {
            err(&format!("error: {e}\n"));
            Ok(status)
        }
    }
}

fn run(args: &RunArgs) -> Result<i32, UsageError> {
    let timeout = args
        .timeout_ms
        .map_or(crate::runner::DEFAULT_TIMEOUT, Duration::from_millis);
    let xfail = match &args.xfail {
        Some(f) => crate::runner::read_xfail(f)?,
        None => Default::default(),
    };
    let allow_skip = match &args.allow_skip {
        Some(r) if r.trim().is_empty() => {
            return Err(UsageError(
                "--allow-skip needs a reason (why skipping every selected vector is acceptable)"
                    .to_owned(),
            ));
        }
        Some(r) => Some(r.trim().to_owned()),
        None => None,
    };
    let suite = match suite_files(&args.selection) {
        Ok(s) => s,
        Err(e) => {
            err(&format!("error: cannot read the suite: {e}\n"));
            return Ok(1);
        }
    };
    let mut opts = crate::runner::RunOptions::new(args.harness.clone(), Arc::new(suite));
    opts.areas = split_list(&args.selection.areas);
    opts.ids = split_list(&args.selection.ids);
    opts.xfail = xfail;
    opts.timeout = timeout;
    opts.allow_skip = allow_skip;
    let line = Arc::new(crate::progress::ProgressLine::new(
        None, "vectors", args.quiet,
    ));
    if line.is_shown() {
        let l = Arc::clone(&line);
        opts.progress = Some(crate::runner::Progress(Arc::new(move |done, total| {
            l.set_total(total);
            l.set(done);
        })));
    }
    let result = crate::runner::run(&opts);
    line.clear();
    let report = match result {
        Ok(r) => r,
        Err(e) => return run_error(&e),
    };
    out(&crate::report::terminal(&report, args.verbose));
    let mut status = report.exit_status();
    if let Some(reason) = report.nothing_tested() {
        err(&format!("error: {reason}\n"));
    }
    let outputs: [(&Option<PathBuf>, String); 4] = [
        (
            &args.json,
            crate::util::pretty(&crate::report::json_report(&report)) + "\n",
        ),
        (&args.junit, crate::report::junit(&report)),
        (&args.markdown, crate::report::markdown(&report)),
        (&args.html, crate::report::html(&report)),
    ];
    for (path, content) in outputs {
        if let Some(path) = path {
            if let Err(e) = write_file(path, content.as_bytes()) {
                err(&format!("error: {e}\n"));
                status = status.max(1);
            }
        }
    }
    Ok(status)
}

fn regen(args: &RegenArgs) -> i32 {
    let root = args.root.clone().unwrap_or_else(default_root);
    let core = args
        .core_vectors
        .clone()
        .unwrap_or_else(|| root.join("..").join("core").join("tests").join("vectors"));
    let check = args.check;
    let outcome = match crate::regen::regen(&root, &core, check) {
        Ok(o) => o,
        Err(e) => {
            err(&format!("error: {e}\n"));
            return 1;
        }
    };
    let verb = if check { "would change" } else { "wrote" };
    for f in &outcome.changed {
        out(&format!("{verb}: {f}\n"));
    }
    let verb = if check { "would remove" } else { "removed" };
    for f in &outcome.removed {
        out(&format!("{verb}: {f}\n"));
    }
    for p in &outcome.problems {
        out(&format!("problem: {p}\n"));
    }
    out(&format!(
        "{} vectors; {} file(s) {}, {} removed, {} problem(s)\n",
        outcome.vectors,
        outcome.changed.len(),
        if check { "out of date" } else { "written" },
        outcome.removed.len(),
        outcome.problems.len()
    ));
    if outcome.problems.is_empty() && (!check || outcome.clean()) {
        0
    } else {
        1
    }
}

fn list(args: &ListArgs) -> Result<i32, UsageError> {
    let suite = match suite_files(&args.selection) {
        Ok(s) => s,
        Err(e) => {
            err(&format!("error: cannot read the suite: {e}\n"));
            return Ok(1);
        }
    };
    let mut opts = crate::runner::RunOptions::new(String::new(), Arc::new(suite));
    opts.areas = split_list(&args.selection.areas);
    opts.ids = split_list(&args.selection.ids);
    match crate::runner::select(&opts) {
        Ok(vs) => {
            for v in &vs {
                out(&format!(
                    "{}/{} {} [{}]\n",
                    v.area,
                    v.id,
                    v.kind,
                    v.requirements.join(", ")
                ));
            }
            let id = opts.suite.identity();
            out(&format!(
                "{} vectors (suite {}, {}, vectors sha256 {})\n",
                vs.len(),
                id.version,
                id.source,
                id.vectors_sha256
            ));
            Ok(0)
        }
        Err(e) => run_error(&e),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn the_command_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn lists_accumulate_and_single_values_take_the_last() {
        let cli = Cli::try_parse_from([
            "x",
            "run",
            "--harness",
            "a",
            "--area",
            "jws, keys",
            "--area",
            "canonical",
            "--timeout-ms",
            "10",
            "--timeout-ms=20",
            "--harness",
            "b",
        ])
        .unwrap();
        let ConformanceCommand::Run(r) = cli.command else {
            unreachable!()
        };
        assert_eq!(r.harness, "b");
        assert_eq!(r.timeout_ms, Some(20));
        assert_eq!(split_list(&r.selection.areas), ["jws", "keys", "canonical"]);
    }

    #[test]
    fn usage_errors_are_status_2() {
        for argv in [
            &[][..],
            &["run"],
            &["run", "--harness"],
            &["run", "--harness", "x", "--timeout-ms", "soon"],
            // A zero timeout would fail every case at once: a usage error.
            &["run", "--harness", "x", "--timeout-ms", "0"],
            &["frobnicate"],
        ] {
            let argv: Vec<String> = argv.iter().map(|s| (*s).to_owned()).collect();
            assert_eq!(cli_main(&argv), 2, "{argv:?}");
        }
        assert_eq!(cli_main(&["run".to_owned(), "--help".to_owned()]), 0);
    }
}
