//! The runner: drives a harness process over newline-delimited JSON, compares its results with
//! the vectors, applies expected failures, and collects a [`RunReport`].

use std::collections::{BTreeMap, VecDeque};
use std::io::{BufRead as _, BufReader, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::compare::compare;
use crate::keys::Registry;
use crate::util::read_json;
use crate::vectors::{Vector, load_dir, resolve};

/// The protocol version spoken by this runner.
pub const PROTOCOL_VERSION: u64 = 1;

/// The default per-case timeout.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(5);

/// Optional protocol features a harness declares in its start response
/// (`implementation.features`). A case that needs a feature the harness does not declare is
/// not sent; it is reported as skipped. This way a harness written before a feature existed
/// never silently ignores an input member it does not know.
///
/// * `verify.stages` — `context.stages` of verify cases (the schema and rules stages);
/// * `verify.earlier` — `input.earlier` of verify cases (verifying a reply to an earlier
///   message).
pub const FEATURES: &[&str] = &["verify.stages", "verify.earlier"];

/// The protocol features a case needs (see [`FEATURES`]).
#[must_use]
pub fn required_features(vector: &Value) -> Vec<&'static str> {
    let mut out = Vec::new();
    if vector.get("kind").and_then(Value::as_str) != Some("verify") {
        return out;
    }
    let stages_on = vector
        .pointer("/input/context/stages")
        .and_then(Value::as_object)
        .is_some_and(|m| m.values().any(|v| v == &Value::Bool(true)));
    if stages_on {
        out.push("verify.stages");
    }
    let input = vector.get("input");
    if input.is_some_and(|i| i.get("earlier").is_some() || i.get("earlier_b64").is_some()) {
        out.push("verify.earlier");
    }
    out
}

/// The start request: the protocol version, and what a harness needs to check documents
/// without reading files — the normative JSON Schemas of `schemas/` (`schemas`: file name →
/// schema, as embedded in this build of the core) and the flow table `schemas/flows.json`
/// (`flows`).
#[must_use]
pub fn start_request() -> Value {
    let mut schemas = serde_json::Map::new();
    for (name, text) in labourlink::schema::files() {
        if let Ok(v) = serde_json::from_str::<Value>(text) {
            schemas.insert((*name).to_owned(), v);
        }
    }
    let flows = labourlink::schema::flows_text()
        .and_then(|t| serde_json::from_str::<Value>(t).ok())
        .unwrap_or(Value::Null);
    json!({"cmd": "start", "version": PROTOCOL_VERSION, "schemas": schemas, "flows": flows})
}

/// What to run.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// The harness command line (run with `sh -c`, or `cmd /C` on Windows).
    pub harness: String,
    /// The vectors directory (read recursively).
    pub vectors_dir: PathBuf,
    /// The keys directory (trust-list files and test keys).
    pub keys_dir: PathBuf,
    /// Only these areas (empty: all).
    pub areas: Vec<String>,
    /// Only these ids (empty: all; a trailing `*` matches a prefix).
    pub ids: Vec<String>,
    /// Expected failures: id → reason.
    pub xfail: BTreeMap<String, String>,
    /// Per-case timeout.
    pub timeout: Duration,
}

/// The outcome of one case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// The result meets the expectation.
    Passed,
    /// The result does not meet the expectation.
    Failed,
    /// The harness reported an error, crashed, timed out or answered nonsense.
    Errored,
    /// The harness skipped the case.
    Skipped,
    /// Failed or errored, as declared in the expected-failures file.
    ExpectedFailure,
    /// Declared as an expected failure but passed: counts as a failure.
    UnexpectedPass,
}

impl Status {
    /// A lowercase name (`passed`, `failed`, `errored`, `skipped`, `xfail`, `xpass`).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Status::Passed => "passed",
            Status::Failed => "failed",
            Status::Errored => "errored",
            Status::Skipped => "skipped",
            Status::ExpectedFailure => "xfail",
            Status::UnexpectedPass => "xpass",
        }
    }

    /// Whether this outcome makes the run fail.
    #[must_use]
    pub const fn is_bad(self) -> bool {
        matches!(
            self,
            Status::Failed | Status::Errored | Status::UnexpectedPass
        )
    }
}

/// The report of one case.
#[derive(Debug, Clone)]
pub struct CaseReport {
    /// Vector id.
    pub id: String,
    /// Area.
    pub area: String,
    /// Kind.
    pub kind: String,
    /// Description.
    pub description: String,
    /// Requirement ids.
    pub requirements: Vec<String>,
    /// Outcome.
    pub status: Status,
    /// Failure reasons, the error message, the skip reason or the xfail reason.
    pub message: String,
    /// The first diverging stage of a failure.
    pub stage: Option<String>,
    /// Non-failing differences.
    pub notes: Vec<String>,
    /// Wall time.
    pub duration: Duration,
    /// The harness's raw response (for the JSON report).
    pub response: Option<Value>,
}

/// The report of a run.
#[derive(Debug, Clone)]
pub struct RunReport {
    /// The harness command.
    pub harness: String,
    /// What the harness said in answer to `start` (`{name, language, version}`).
    pub implementation: Value,
    /// One entry per vector run, in order.
    pub cases: Vec<CaseReport>,
    /// Expected-failure ids that matched no vector of the run.
    pub unused_xfails: Vec<String>,
    /// Total wall time.
    pub duration: Duration,
}

impl RunReport {
    /// Counts per status.
    #[must_use]
    pub fn counts(&self) -> BTreeMap<Status, usize> {
        let mut m = BTreeMap::new();
        for c in &self.cases {
            *m.entry(c.status).or_insert(0) += 1;
        }
        m
    }

    /// The count of one status.
    #[must_use]
    pub fn count(&self, s: Status) -> usize {
        self.cases.iter().filter(|c| c.status == s).count()
    }

    /// Whether the run passes: no failure, error or unexpected pass.
    #[must_use]
    pub fn ok(&self) -> bool {
        !self.cases.iter().any(|c| c.status.is_bad())
    }

    /// The implementation's display name.
    #[must_use]
    pub fn implementation_name(&self) -> String {
        let f = |k: &str| {
            self.implementation
                .get(k)
                .and_then(Value::as_str)
                .unwrap_or("?")
                .to_owned()
        };
        format!("{} {} ({})", f("name"), f("version"), f("language"))
    }
}

/// Reads an expected-failures file: `[{"id": "...", "reason": "..."}]`.
///
/// # Errors
/// A message when the file is unreadable or an entry lacks a reason.
pub fn read_xfail(path: &Path) -> Result<BTreeMap<String, String>, String> {
    let v = read_json(path)?;
    let list = v
        .as_array()
        .ok_or_else(|| format!("{}: expected a JSON array", path.display()))?;
    let mut out = BTreeMap::new();
    for (i, e) in list.iter().enumerate() {
        let id = e.get("id").and_then(Value::as_str);
        let reason = e.get("reason").and_then(Value::as_str);
        match (id, reason) {
            (Some(id), Some(r)) if !r.trim().is_empty() => {
                out.insert(id.to_owned(), r.to_owned());
            }
            _ => {
                return Err(format!(
                    "{}: entry {i} needs a string id and a non-empty reason",
                    path.display()
                ));
            }
        }
    }
    Ok(out)
}

fn id_matches(patterns: &[String], id: &str) -> bool {
    patterns.is_empty()
        || patterns.iter().any(|p| match p.strip_suffix('*') {
            Some(prefix) => id.starts_with(prefix),
            None => p == id,
        })
}

/// The vectors selected by the options' filters.
///
/// # Errors
/// A message when the vectors cannot be read.
pub fn select(opts: &RunOptions) -> Result<Vec<Vector>, String> {
    Ok(load_dir(&opts.vectors_dir)?
        .into_iter()
        .filter(|v| opts.areas.is_empty() || opts.areas.contains(&v.area))
        .filter(|v| id_matches(&opts.ids, &v.id))
        .collect())
}

/// A running harness process.
struct Harness {
    child: Child,
    stdin: ChildStdin,
    lines: Receiver<Option<String>>,
    stderr: Arc<Mutex<VecDeque<String>>>,
}

enum Failure {
    Timeout,
    Crashed(String),
}

impl Harness {
    fn spawn(command: &str) -> Result<Self, String> {
        let mut cmd = if cfg!(windows) {
            let mut c = Command::new("cmd");
            c.arg("/C").arg(command);
            c
        } else {
            let mut c = Command::new("sh");
            c.arg("-c").arg(command);
            c
        };
        let mut child = cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start the harness {command:?}: {e}"))?;
        let stdin = child.stdin.take().ok_or("no stdin")?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let stderr_pipe = child.stderr.take().ok_or("no stderr")?;
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut line = String::new();
                match reader.read_line(&mut line) {
                    Ok(0) | Err(_) => {
                        let _ = tx.send(None);
                        break;
                    }
                    Ok(_) => {
                        if tx.send(Some(line)).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        let stderr = Arc::new(Mutex::new(VecDeque::new()));
        let tail = Arc::clone(&stderr);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr_pipe).lines() {
                let Ok(line) = line else { break };
                if let Ok(mut t) = tail.lock() {
                    t.push_back(line);
                    while t.len() > 20 {
                        t.pop_front();
                    }
                }
            }
        });
        Ok(Self {
            child,
            stdin,
            lines: rx,
            stderr,
        })
    }

    fn stderr_tail(&self) -> String {
        // Give the stderr thread a moment to catch the last lines of a dying process.
        std::thread::sleep(Duration::from_millis(50));
        self.stderr
            .lock()
            .map(|t| t.iter().cloned().collect::<Vec<_>>().join("\n"))
            .unwrap_or_default()
    }

    /// Sends a request and waits for the response line (`want_seq`: the `seq` it must carry).
    fn request(
        &mut self,
        req: &Value,
        want_seq: Option<u64>,
        timeout: Duration,
    ) -> Result<Value, Failure> {
        let line = format!("{req}\n");
        if let Err(e) = self
            .stdin
            .write_all(line.as_bytes())
            .and_then(|()| self.stdin.flush())
        {
            return Err(Failure::Crashed(format!(
                "cannot write to the harness: {e}"
            )));
        }
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(Some(line)) => {
                    let Ok(v) = serde_json::from_str::<Value>(line.trim()) else {
                        continue; // not a protocol line (stray output): ignored
                    };
                    match want_seq {
                        Some(seq) if v.get("seq").and_then(Value::as_u64) != Some(seq) => {}
                        _ => return Ok(v),
                    }
                }
                Ok(None) | Err(RecvTimeoutError::Disconnected) => {
                    let status = self.child.wait().map(|s| s.to_string()).unwrap_or_default();
                    return Err(Failure::Crashed(format!(
                        "the harness exited ({status}); stderr: {}",
                        self.stderr_tail()
                    )));
                }
                Err(RecvTimeoutError::Timeout) => return Err(Failure::Timeout),
            }
        }
    }

    fn kill(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    fn stop(mut self) {
        let _ = self.stdin.write_all(b"{\"cmd\":\"stop\"}\n");
        let _ = self.stdin.flush();
        let deadline = Instant::now() + Duration::from_secs(2);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        self.kill();
    }
}

fn start(command: &str, request: &Value, timeout: Duration) -> Result<(Harness, Value), String> {
    let mut h = Harness::spawn(command)?;
    let wait = timeout.max(Duration::from_secs(10));
    match h.request(request, None, wait) {
        Ok(v) => match v.get("implementation") {
            Some(i) if i.is_object() => Ok((h, i.clone())),
            _ => {
                h.kill();
                Err(format!(
                    "the harness answered start without an implementation object: {v}"
                ))
            }
        },
        Err(Failure::Timeout) => {
            h.kill();
            Err(format!("the harness did not answer start within {wait:?}"))
        }
        Err(Failure::Crashed(m)) => Err(m),
    }
}

/// Runs the selected vectors through the harness.
///
/// # Errors
/// A message when the vectors or keys cannot be read or the harness cannot be started at all.
pub fn run(opts: &RunOptions) -> Result<RunReport, String> {
    let t0 = Instant::now();
    let vectors = select(opts)?;
    let reg = Registry::load(&opts.keys_dir)?;
    let start_req = start_request();
    let (harness, implementation) = start(&opts.harness, &start_req, opts.timeout)?;
    let features: Vec<&str> = implementation
        .get("features")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let mut harness = Some(harness);
    let mut cases = Vec::with_capacity(vectors.len());
    for (seq, vector) in (1_u64..).zip(&vectors) {
        let t = Instant::now();
        let mut report = CaseReport {
            id: vector.id.clone(),
            area: vector.area.clone(),
            kind: vector.kind.clone(),
            description: vector
                .value
                .get("description")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned(),
            requirements: vector.requirements.clone(),
            status: Status::Errored,
            message: String::new(),
            stage: None,
            notes: Vec::new(),
            duration: Duration::ZERO,
            response: None,
        };
        let missing: Vec<&str> = required_features(&vector.value)
            .into_iter()
            .filter(|f| !features.contains(f))
            .collect();
        if !missing.is_empty() {
            report.status = Status::Skipped;
            report.message = format!(
                "needs the protocol feature(s) {} that the harness does not declare (start response: implementation.features)",
                missing.join(", ")
            );
            cases.push(finish(report, &opts.xfail, t));
            continue;
        }
        let case = match resolve(&vector.value, &opts.keys_dir, &reg) {
            Ok(c) => c,
            Err(e) => {
                report.message = format!("the vector cannot be resolved: {e}");
                cases.push(finish(report, &opts.xfail, t));
                continue;
            }
        };
        if harness.is_none() {
            match start(&opts.harness, &start_req, opts.timeout) {
                Ok((h, _)) => harness = Some(h),
                Err(e) => {
                    report.message = format!("the harness could not be restarted: {e}");
                    cases.push(finish(report, &opts.xfail, t));
                    continue;
                }
            }
        }
        let Some(h) = harness.as_mut() else {
            continue;
        };
        let req = json!({"cmd": "run", "seq": seq, "case": case});
        match h.request(&req, Some(seq), opts.timeout) {
            Ok(resp) => {
                judge(&mut report, &vector.value, &resp);
                report.response = Some(resp);
            }
            Err(Failure::Timeout) => {
                report.message = format!(
                    "no answer within {} ms; the harness was killed and restarted",
                    opts.timeout.as_millis()
                );
                if let Some(h) = harness.take() {
                    h.kill();
                }
            }
            Err(Failure::Crashed(m)) => {
                report.message = format!("the harness crashed and was restarted: {m}");
                if let Some(h) = harness.take() {
                    h.kill();
                }
            }
        }
        cases.push(finish(report, &opts.xfail, t));
    }
    if let Some(h) = harness {
        h.stop();
    }
    let unused_xfails = opts
        .xfail
        .keys()
        .filter(|id| !cases.iter().any(|c| &c.id == *id))
        .cloned()
        .collect();
    Ok(RunReport {
        harness: opts.harness.clone(),
        implementation,
        cases,
        unused_xfails,
        duration: t0.elapsed(),
    })
}

fn judge(report: &mut CaseReport, vector: &Value, resp: &Value) {
    if let Some(result) = resp.get("result") {
        let verdict = compare(vector, result);
        report.notes = verdict.notes;
        if verdict.passed {
            report.status = Status::Passed;
        } else {
            report.status = Status::Failed;
            report.message = verdict.failures.join("; ");
            report.stage = verdict.stage;
        }
    } else if resp.get("skipped") == Some(&Value::Bool(true)) {
        report.status = Status::Skipped;
        report.message = resp
            .get("reason")
            .and_then(Value::as_str)
            .unwrap_or("no reason given")
            .to_owned();
    } else if resp.get("errored") == Some(&Value::Bool(true)) {
        report.status = Status::Errored;
        report.message = resp
            .get("message")
            .and_then(Value::as_str)
            .unwrap_or("no message")
            .to_owned();
    } else {
        report.status = Status::Errored;
        report.message = format!("the response has neither result, skipped nor errored: {resp}");
    }
}

fn finish(mut report: CaseReport, xfail: &BTreeMap<String, String>, t: Instant) -> CaseReport {
    report.duration = t.elapsed();
    if let Some(reason) = xfail.get(&report.id) {
        match report.status {
            Status::Failed | Status::Errored => {
                report.status = Status::ExpectedFailure;
                report.message = format!("expected failure ({reason}): {}", report.message);
            }
            Status::Passed => {
                report.status = Status::UnexpectedPass;
                report.message = format!(
                    "declared as an expected failure ({reason}) but passed: remove it from the expected-failures file"
                );
            }
            _ => {}
        }
    }
    report
}
