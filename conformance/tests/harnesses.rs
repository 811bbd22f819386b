//! The runner against real harnesses: the Rust harness and the independent Python harness pass
//! everything; the Python harness with a deliberate defect fails, naming the requirement.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::path::PathBuf;
use std::process::Command;
use std::sync::Arc;
use std::time::Duration;

use labourlink_conformance::report;
use labourlink_conformance::runner::{RunOptions, RunReport, Status, run};
use labourlink_conformance::suite::SuiteFiles;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn options(harness: String) -> RunOptions {
    let suite = SuiteFiles::from_dirs(&root().join("vectors"), &root().join("keys")).unwrap();
    let mut opts = RunOptions::new(harness, Arc::new(suite));
    opts.timeout = Duration::from_secs(20);
    opts
}

fn failures(r: &RunReport) -> String {
    r.cases
        .iter()
        .filter(|c| c.status.is_bad())
        .map(|c| format!("{}: {} ({:?})", c.id, c.message, c.stage))
        .collect::<Vec<_>>()
        .join("\n")
}

fn quote(p: &str) -> String {
    format!("'{}'", p.replace('\'', "'\\''"))
}

#[test]
fn rust_harness_passes_everything() {
    let harness = quote(env!("CARGO_BIN_EXE_labourlink-conformance-harness"));
    let r = run(&options(harness)).unwrap();
    assert!(r.cases.len() >= 150);
    assert!(r.ok(), "{}", failures(&r));
    assert_eq!(r.count(Status::Passed), r.cases.len());
    assert!(
        r.cases.iter().all(|c| c.notes.is_empty()),
        "the reference must match every path"
    );
    // One JUnit testcase per vector, with the requirement ids.
    let junit = report::junit(&r);
    assert_eq!(junit.matches("<testcase ").count(), r.cases.len());
    assert!(junit.contains("<property name=\"requirement\" value=\"LL-JWS-009\"/>"));
    let md = report::markdown(&r);
    assert!(md.contains("| passed | failed |") && md.contains("✅ passed"));
    let json = report::json_report(&r);
    assert_eq!(json["ok"], true);
}

#[test]
fn filters_xfail_and_crashes() {
    let harness = quote(env!("CARGO_BIN_EXE_labourlink-conformance-harness"));
    let mut opts = options(harness);
    opts.areas = vec!["replay".into()];
    opts.ids = vec!["replay-d*".into()];
    opts.xfail.insert(
        "replay-duplicate".into(),
        "pretend this implementation has no replay store".into(),
    );
    let r = run(&opts).unwrap();
    assert!(r.cases.iter().all(|c| c.id.starts_with("replay-d")));
    let xpass = r.cases.iter().find(|c| c.id == "replay-duplicate").unwrap();
    assert_eq!(xpass.status, Status::UnexpectedPass);
    assert!(!r.ok(), "an unexpected pass fails the run");

    // A harness that dies on every case: errored, restarted, the run goes on.
    let mut opts = options("read line; echo '{\"implementation\":{\"name\":\"dies\",\"language\":\"sh\",\"version\":\"0\"}}'; read line; exit 3".into());
    opts.ids = vec!["accept-contact-letter".into(), "jws-alg-none".into()];
    let r = run(&opts).unwrap();
    assert_eq!(r.cases.len(), 2);
    assert!(r.cases.iter().all(|c| c.status == Status::Errored), "{r:?}");
    assert!(r.cases[0].message.contains("crashed"));

    // A harness that never answers: timeout, errored, expected failure when declared.
    let mut opts = options("read line; echo '{\"implementation\":{\"name\":\"slow\",\"language\":\"sh\",\"version\":\"0\"}}'; sleep 30".into());
    opts.ids = vec!["jws-alg-none".into()];
    opts.timeout = Duration::from_millis(300);
    opts.xfail
        .insert("jws-alg-none".into(), "known to hang".into());
    let r = run(&opts).unwrap();
    assert_eq!(r.cases[0].status, Status::ExpectedFailure);
    assert!(r.cases[0].message.contains("no answer within 300 ms"));
    assert!(r.ok());
}

/// The Python interpreter with `cryptography`, `rfc8785` and `jsonschema`, or `None` (the test
/// then skips).
fn python() -> Option<String> {
    let mut candidates = Vec::new();
    if let Some(p) = std::env::var_os("LABOURLINK_CONFORMANCE_PYTHON") {
        candidates.push(PathBuf::from(p));
    }
    if let Some(v) = std::env::var_os("LABOURLINK_VENV") {
        candidates.push(PathBuf::from(v).join("bin").join("python"));
    }
    candidates.push(PathBuf::from("python3"));
    for c in candidates {
        let ok = Command::new(&c)
            .args(["-c", "import cryptography, rfc8785, jsonschema"])
            .output()
            .is_ok_and(|o| o.status.success());
        if ok {
            return Some(c.to_string_lossy().into_owned());
        }
    }
    println!(
        "SKIPPED: no Python with `cryptography`, `rfc8785` and `jsonschema` (pip install cryptography rfc8785 jsonschema, or set LABOURLINK_CONFORMANCE_PYTHON)"
    );
    None
}

fn python_harness(flags: &str) -> Option<String> {
    let py = python()?;
    let script = root()
        .join("harnesses")
        .join("independent-python")
        .join("harness.py");
    Some(format!(
        "{} {} {flags}",
        quote(&py),
        quote(&script.to_string_lossy())
    ))
}

#[test]
fn independent_python_harness_passes_everything() {
    let Some(harness) = python_harness("") else {
        return;
    };
    let r = run(&options(harness)).unwrap();
    assert!(r.ok(), "{}", failures(&r));
    assert_eq!(
        r.implementation["name"], "labourlink-independent-python",
        "{:?}",
        r.implementation
    );
    assert!(r.count(Status::Passed) >= 150);
    // It implements the schemas (validate, schema stage) and the reply rules, and skips exactly
    // the cases that need the domain business rules.
    for c in &r.cases {
        let rules = c.requirements.iter().any(|q| q.starts_with("LL-RULE-"));
        assert_eq!(
            c.status == Status::Skipped,
            rules,
            "{}: {:?} {}",
            c.id,
            c.status,
            c.message
        );
    }
    assert!(
        r.cases
            .iter()
            .filter(|c| c.kind == "validate" && c.status == Status::Passed)
            .count()
            >= 40
    );
    assert!(
        r.cases
            .iter()
            .filter(|c| c.area == "reply" && c.status == Status::Passed)
            .count()
            >= 20
    );
}

#[test]
fn undeclared_features_are_skipped_by_the_runner() {
    // A harness that declares no features gets no case with context.stages or input.earlier:
    // the runner reports them as skipped without sending them (this one would crash on any).
    let mut opts = options("read line; echo '{\"implementation\":{\"name\":\"old\",\"language\":\"sh\",\"version\":\"0\"}}'; read line; exit 3".into());
    opts.ids = vec![
        "reply-wrong-type".into(),
        "schema-verify-invalid".into(),
        "rule-verify-violation".into(),
    ];
    let r = run(&opts).unwrap();
    assert_eq!(r.cases.len(), 3);
    for c in &r.cases {
        assert_eq!(c.status, Status::Skipped, "{}: {}", c.id, c.message);
        assert!(
            c.message.contains("implementation.features"),
            "{}",
            c.message
        );
    }
    // Every selected vector skipped: nothing was tested, the run fails (exit status 3) …
    assert!(!r.ok());
    assert_eq!(r.exit_status(), 3);
    assert!(
        r.nothing_tested()
            .unwrap()
            .contains("every one of the 3 selected vectors was skipped")
    );
    // … unless skipping was allowed, with a reason.
    opts.allow_skip = Some("this harness predates the features".into());
    let r = run(&opts).unwrap();
    assert!(r.ok());
    assert_eq!(r.exit_status(), 0);
}

#[test]
fn skipping_the_canonical_check_is_caught_and_named() {
    let Some(harness) = python_harness("--skip-canonical-check") else {
        return;
    };
    let r = run(&options(harness)).unwrap();
    assert!(
        !r.ok(),
        "a harness that skips the canonical check must fail"
    );
    let failed: Vec<_> = r
        .cases
        .iter()
        .filter(|c| c.status == Status::Failed)
        .collect();
    assert!(!failed.is_empty());
    for c in &failed {
        assert!(
            c.requirements.iter().any(|q| q == "LL-ENV-003"),
            "{} failed without naming LL-ENV-003: {:?}",
            c.id,
            c.requirements
        );
        assert!(c.stage.is_some(), "{} names no stage", c.id);
    }
    assert!(
        failed
            .iter()
            .any(|c| c.id == "payload-not-canonical-whitespace")
    );
    let text = report::terminal(&r, false);
    assert!(text.contains("FAIL  envelope/payload-not-canonical-whitespace [LL-ENV-003]"));
    assert!(text.contains("first diverging stage"));
    let junit = report::junit(&r);
    assert!(junit.contains("<failure message=\"expected error payload.not_canonical"));
    let md = report::markdown(&r);
    assert!(
        md.contains("❌ failed")
            && md.contains("| `envelope/payload-not-canonical-whitespace` | LL-ENV-003 |")
    );
}
