//! The command line: `run`, `regen`, `harness`, `list`.

use std::io::Write as _;
use std::path::PathBuf;
use std::time::Duration;

use crate::util::{default_root, write_file};

/// The usage text.
pub const USAGE: &str = "\
labourlink-conformance — the labourlink conformance suite

USAGE:
  labourlink-conformance run --harness '<command>' [--area A]... [--id ID]... [--xfail FILE]
        [--timeout-ms N] [--json FILE] [--junit FILE] [--markdown FILE]
        [--vectors DIR] [--keys DIR] [--verbose]
  labourlink-conformance regen [--check] [--root DIR] [--core-vectors DIR]
  labourlink-conformance list [--area A]... [--id ID]... [--vectors DIR]
  labourlink-conformance harness          (the Rust harness on stdin/stdout)

run    starts the harness command (sh -c), sends every selected vector, compares the results and
       exits 0 only without unexpected failures or errors (1 otherwise, 2 on usage errors).
       --area/--id take comma-separated lists and may repeat; an id ending in * is a prefix.
       --xfail FILE is a JSON list [{\"id\": \"…\", \"reason\": \"…\"}] of expected failures.
regen  rewrites the generated keys, trust lists and vectors and completes hand-written vectors
       from their recipes; --check writes nothing and exits 1 listing what would change.
";

struct Args {
    flags: Vec<(String, Option<String>)>,
}

impl Args {
    fn parse(argv: &[String], with_value: &[&str], switches: &[&str]) -> Result<Self, String> {
        let mut flags = Vec::new();
        let mut it = argv.iter();
        while let Some(a) = it.next() {
            let (name, inline) = match a.split_once('=') {
                Some((n, v)) if n.starts_with("--") => (n.to_owned(), Some(v.to_owned())),
                _ => (a.clone(), None),
            };
            if with_value.contains(&name.as_str()) {
                let v = match inline {
                    Some(v) => v,
                    None => it
                        .next()
                        .cloned()
                        .ok_or_else(|| format!("{name} needs a value"))?,
                };
                flags.push((name, Some(v)));
            } else if switches.contains(&name.as_str()) && inline.is_none() {
                flags.push((name, None));
            } else {
                return Err(format!("unknown argument {a:?}"));
            }
        }
        Ok(Self { flags })
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.flags
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .and_then(|(_, v)| v.as_deref())
    }

    fn has(&self, name: &str) -> bool {
        self.flags.iter().any(|(n, _)| n == name)
    }

    fn list(&self, name: &str) -> Vec<String> {
        self.flags
            .iter()
            .filter(|(n, _)| n == name)
            .filter_map(|(_, v)| v.as_deref())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
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

/// Runs the command line; `argv` are the arguments after the program name (for
/// `labourlink conformance run …`, pass `["run", …]`). Returns the exit status: 0 success, 1
/// failure (failing vectors, regen changes), 2 usage error.
#[must_use]
pub fn cli_main(argv: &[String]) -> i32 {
    let Some((cmd, rest)) = argv.split_first() else {
        err(&format!("error: a command is required\n\n{USAGE}"));
        return 2;
    };
    let result = match cmd.as_str() {
        "run" => run(rest),
        "regen" => regen(rest),
        "list" => list(rest),
        "harness" => return crate::harness::harness_main(),
        "help" | "--help" | "-h" => {
            out(USAGE);
            return 0;
        }
        other => Err(Usage(format!("unknown command {other:?}"))),
    };
    match result {
        Ok(code) => code,
        Err(Usage(m)) => {
            err(&format!("error: {m}\n\n{USAGE}"));
            2
        }
    }
}

struct Usage(String);

impl From<String> for Usage {
    fn from(s: String) -> Self {
        Self(s)
    }
}

fn dirs(args: &Args) -> (PathBuf, PathBuf) {
    let root = default_root();
    let vectors = args
        .get("--vectors")
        .map_or_else(|| root.join("vectors"), PathBuf::from);
    let keys = args.get("--keys").map_or_else(
        || {
            let sibling = vectors.join("..").join("keys");
            if sibling.is_dir() {
                sibling
            } else {
                root.join("keys")
            }
        },
        PathBuf::from,
    );
    (vectors, keys)
}

fn run(argv: &[String]) -> Result<i32, Usage> {
    let args = Args::parse(
        argv,
        &[
            "--harness",
            "--area",
            "--id",
            "--xfail",
            "--timeout-ms",
            "--json",
            "--junit",
            "--markdown",
            "--vectors",
            "--keys",
        ],
        &["--verbose"],
    )?;
    let harness = args
        .get("--harness")
        .ok_or_else(|| Usage("--harness '<command>' is required".into()))?
        .to_owned();
    let timeout = match args.get("--timeout-ms") {
        Some(t) => Duration::from_millis(
            t.parse()
                .map_err(|_| Usage(format!("--timeout-ms {t:?} is not a number")))?,
        ),
        None => crate::runner::DEFAULT_TIMEOUT,
    };
    let xfail = match args.get("--xfail") {
        Some(f) => crate::runner::read_xfail(&PathBuf::from(f))?,
        None => Default::default(),
    };
    let (vectors_dir, keys_dir) = dirs(&args);
    let opts = crate::runner::RunOptions {
        harness,
        vectors_dir,
        keys_dir,
        areas: args.list("--area"),
        ids: args.list("--id"),
        xfail,
        timeout,
    };
    let report = match crate::runner::run(&opts) {
        Ok(r) => r,
        Err(e) => {
            err(&format!("error: {e}\n"));
            return Ok(1);
        }
    };
    if report.cases.is_empty() {
        err("warning: no vector matched the filters\n");
    }
    out(&crate::report::terminal(&report, args.has("--verbose")));
    let mut status = i32::from(!report.ok());
    let outputs: [(&str, String); 3] = [
        (
            "--json",
            crate::util::pretty(&crate::report::json_report(&report)) + "\n",
        ),
        ("--junit", crate::report::junit(&report)),
        ("--markdown", crate::report::markdown(&report)),
    ];
    for (flag, content) in outputs {
        if let Some(path) = args.get(flag) {
            if let Err(e) = write_file(&PathBuf::from(path), content.as_bytes()) {
                err(&format!("error: {e}\n"));
                status = 1;
            }
        }
    }
    Ok(status)
}

fn regen(argv: &[String]) -> Result<i32, Usage> {
    let args = Args::parse(argv, &["--root", "--core-vectors"], &["--check"])?;
    let root = args.get("--root").map_or_else(default_root, PathBuf::from);
    let core = args.get("--core-vectors").map_or_else(
        || root.join("..").join("core").join("tests").join("vectors"),
        PathBuf::from,
    );
    let check = args.has("--check");
    let outcome = match crate::regen::regen(&root, &core, check) {
        Ok(o) => o,
        Err(e) => {
            err(&format!("error: {e}\n"));
            return Ok(1);
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
    Ok(
        if outcome.problems.is_empty() && (!check || outcome.clean()) {
            0
        } else {
            1
        },
    )
}

fn list(argv: &[String]) -> Result<i32, Usage> {
    let args = Args::parse(argv, &["--area", "--id", "--vectors", "--keys"], &[])?;
    let (vectors_dir, keys_dir) = dirs(&args);
    let opts = crate::runner::RunOptions {
        harness: String::new(),
        vectors_dir,
        keys_dir,
        areas: args.list("--area"),
        ids: args.list("--id"),
        xfail: Default::default(),
        timeout: crate::runner::DEFAULT_TIMEOUT,
    };
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
            out(&format!("{} vectors\n", vs.len()));
            Ok(0)
        }
        Err(e) => {
            err(&format!("error: {e}\n"));
            Ok(1)
        }
    }
}
