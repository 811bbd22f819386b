//! The runner: drives a harness process over newline-delimited JSON, compares its results with
//! the vectors, applies expected failures, and collects a [`RunReport`].

use std::collections::{BTreeMap, VecDeque};
use std::io::{BufRead as _, BufReader, Write as _};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::compare::{compare, outcome};
use crate::suite::{SuiteFiles, SuiteIdentity};
use crate::util::read_json;
use crate::vectors::{Vector, resolve_with};

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

/// The kinds of case a harness may declare in its start response (`implementation.kinds`).
/// A harness that declares kinds is sent only cases of those kinds; the others are reported
/// as skipped. A harness that declares none is sent every case.
pub const KINDS: &[&str] = &["canonicalize", "sign", "verify", "validate"];

/// How many cases in a row may end without an answer (the harness crashed, hung or could not
/// be restarted) before the run stops: the remaining cases are reported as errored, not run.
/// A harness that dies on every case would otherwise cost a timeout per vector (779 × 5 s).
pub const MAX_CASES_LOST_IN_A_ROW: usize = 5;

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
    /// The vector and key files (embedded or read from directories).
    pub suite: Arc<SuiteFiles>,
    /// Only these areas (empty: all). Each must be an area of the suite.
    pub areas: Vec<String>,
    /// Only these ids (empty: all; a trailing `*` matches a prefix). Each pattern must match a
    /// vector of the selected areas.
    pub ids: Vec<String>,
    /// Expected failures: id → reason.
    pub xfail: BTreeMap<String, String>,
    /// Per-case timeout.
    pub timeout: Duration,
    /// Why a run in which every selected vector is skipped may pass (`--allow-skip REASON`);
    /// without it such a run fails. Named in every report.
    pub allow_skip: Option<String>,
    /// Told how far the run is (`done` of `total` vectors) before each vector and at the end;
    /// the command line draws its progress bar with it.
    pub progress: Option<Progress>,
}

/// A callback told `(done, total)` as a run goes on (see [`RunOptions::progress`]).
#[derive(Clone)]
pub struct Progress(pub Arc<dyn Fn(u64, u64) + Send + Sync>);

impl std::fmt::Debug for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Progress(..)")
    }
}

impl RunOptions {
    /// Every vector of `suite` through `harness`, no expected failures, the default timeout.
    #[must_use]
    pub fn new(harness: impl Into<String>, suite: Arc<SuiteFiles>) -> Self {
        Self {
            harness: harness.into(),
            suite,
            areas: Vec::new(),
            ids: Vec::new(),
            xfail: BTreeMap::new(),
            timeout: DEFAULT_TIMEOUT,
            allow_skip: None,
            progress: None,
        }
    }
}

/// Why a run could not produce a report.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RunError {
    /// The vectors or keys cannot be read.
    Suite(String),
    /// An `--area` names no area of the suite.
    UnknownArea {
        /// The area as given.
        area: String,
        /// The closest known area.
        closest: Option<String>,
        /// Every known area.
        known: Vec<String>,
    },
    /// An `--id` pattern matches no vector of the selected areas.
    NoMatchingId {
        /// The pattern as given.
        pattern: String,
        /// The `--area` filter (empty: all areas).
        areas: Vec<String>,
        /// Where it would match, or the closest id.
        hint: String,
    },
    /// The filters together, or an empty vector directory, leave no vector to run.
    NothingSelected(String),
    /// The harness could not be started (with its exit status and stderr when it died).
    Harness(String),
}

impl RunError {
    /// The exit status for this error: 2 for a usage error (an unknown area, an `--id` that
    /// matches nothing), 3 when nothing would be tested, 1 otherwise.
    #[must_use]
    pub const fn exit_status(&self) -> i32 {
        match self {
            RunError::UnknownArea { .. } | RunError::NoMatchingId { .. } => 2,
            RunError::NothingSelected(_) => EXIT_NOTHING_TESTED,
            RunError::Suite(_) | RunError::Harness(_) => 1,
        }
    }
}

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RunError::Suite(m) => write!(f, "cannot read the suite: {m}"),
            RunError::UnknownArea {
                area,
                closest,
                known,
            } => {
                write!(f, "unknown area {area:?}")?;
                if let Some(c) = closest {
                    write!(f, " (did you mean {c:?}?)")?;
                }
                write!(f, "; the areas are: {}", known.join(", "))
            }
            RunError::NoMatchingId {
                pattern,
                areas,
                hint,
            } => {
                write!(f, "--id {pattern:?} matches no vector")?;
                if !areas.is_empty() {
                    write!(f, " in the selected area(s) {}", areas.join(", "))?;
                }
                if !hint.is_empty() {
                    write!(f, " ({hint})")?;
                }
                Ok(())
            }
            RunError::NothingSelected(m) => write!(f, "no vector ran: {m}"),
            RunError::Harness(m) => write!(f, "the harness could not be started: {m}"),
        }
    }
}

impl std::error::Error for RunError {}

/// The exit status of a run in which nothing was tested: no vector selected, or every selected
/// vector skipped without `--allow-skip`.
pub const EXIT_NOTHING_TESTED: i32 = 3;

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
    /// The expected outcome as codes ([`crate::compare::outcome`] of the vector's `expected`).
    pub expected: String,
    /// The harness's outcome as codes (`skipped`, `errored` or the result's codes; empty when
    /// the case was not sent).
    pub actual: String,
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
    /// What the runner noticed about the harness's start response (unknown features or
    /// kinds, probably misspelt) and about the run (stopped after cases lost in a row).
    pub warnings: Vec<String>,
    /// Total wall time.
    pub duration: Duration,
    /// The suite version and the hashes of the vector and key sets.
    pub suite: SuiteIdentity,
    /// The `--area` filter (empty: all).
    pub areas: Vec<String>,
    /// The `--id` filter (empty: all).
    pub ids: Vec<String>,
    /// The `--allow-skip` reason, if given.
    pub allow_skip: Option<String>,
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

    /// Why nothing was tested, if so: no case at all, or every case skipped without an
    /// `--allow-skip` reason.
    #[must_use]
    pub fn nothing_tested(&self) -> Option<String> {
        if self.cases.is_empty() {
            return Some("no vector ran".to_owned());
        }
        if self.allow_skip.is_some() || self.count(Status::Skipped) < self.cases.len() {
            return None;
        }
        let mut reasons: BTreeMap<&str, usize> = BTreeMap::new();
        for c in &self.cases {
            *reasons.entry(c.message.as_str()).or_insert(0) += 1;
        }
        let mut by_count: Vec<(&str, usize)> = reasons.into_iter().collect();
        by_count.sort_by_key(|e| std::cmp::Reverse(e.1));
        let shown: Vec<String> = by_count
            .iter()
            .take(3)
            .map(|(r, n)| format!("{n}× \"{}\"", short_line(r, 160)))
            .collect();
        Some(format!(
            "every one of the {} selected vectors was skipped by the harness or the runner ({}{}); pass --allow-skip REASON if that is intended",
            self.cases.len(),
            shown.join(", "),
            if by_count.len() > 3 { ", …" } else { "" }
        ))
    }

    /// Whether the run passes: at least one case, no failure, error or unexpected pass, and not
    /// every case skipped (unless allowed with a reason).
    #[must_use]
    pub fn ok(&self) -> bool {
        !self.cases.iter().any(|c| c.status.is_bad()) && self.nothing_tested().is_none()
    }

    /// The exit status: 0 when [`RunReport::ok`], 1 with a failure, error or unexpected pass,
    /// otherwise [`EXIT_NOTHING_TESTED`].
    #[must_use]
    pub fn exit_status(&self) -> i32 {
        if self.cases.iter().any(|c| c.status.is_bad()) {
            1
        } else if self.nothing_tested().is_some() {
            EXIT_NOTHING_TESTED
        } else {
            0
        }
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

/// The first line of `text`, at most `max` characters (an ellipsis marks a cut).
fn short_line(text: &str, max: usize) -> String {
    let line = text.lines().next().unwrap_or_default();
    if line.chars().count() > max || line.len() < text.trim_end().len() {
        format!("{}…", line.chars().take(max).collect::<String>())
    } else {
        line.to_owned()
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
        if let Some(extra) = e
            .as_object()
            .and_then(|m| m.keys().find(|k| *k != "id" && *k != "reason"))
        {
            return Err(format!(
                "{}: entry {i} has the unknown member {extra:?} (an entry is {{\"id\": …, \"reason\": …}})",
                path.display()
            ));
        }
        let id = e.get("id").and_then(Value::as_str);
        let reason = e.get("reason").and_then(Value::as_str);
        match (id, reason) {
            (Some(id), Some(_)) if out.contains_key(id) => {
                return Err(format!(
                    "{}: entry {i} lists {id:?} again: give each id once, with one reason",
                    path.display()
                ));
            }
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

fn id_matches(pattern: &str, id: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => id.starts_with(prefix),
        None => pattern == id,
    }
}

/// The edit distance between two strings (characters; insertions, deletions, substitutions
/// and transpositions of neighbours cost 1), for "did you mean".
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0_usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

/// The candidate closest to `word` by edit distance (the first of equals).
fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates.into_iter().min_by_key(|c| distance(word, c))
}

/// The vectors selected by the options' filters (all when there are none).
///
/// # Errors
/// [`RunError::Suite`] when the vectors cannot be read, [`RunError::UnknownArea`] for an area
/// that the suite does not have, [`RunError::NoMatchingId`] for an `--id` pattern that matches
/// no vector of the selected areas, [`RunError::NothingSelected`] when no vector is left.
pub fn select(opts: &RunOptions) -> Result<Vec<Vector>, RunError> {
    let all = opts.suite.load_vectors().map_err(RunError::Suite)?;
    if all.is_empty() {
        return Err(RunError::NothingSelected(format!(
            "the suite ({}) has no vector file",
            opts.suite.source
        )));
    }
    let known: Vec<String> = all
        .iter()
        .map(|v| v.area.clone())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    for area in &opts.areas {
        if !known.contains(area) {
            return Err(RunError::UnknownArea {
                area: area.clone(),
                closest: closest(area, known.iter().map(String::as_str)).map(str::to_owned),
                known,
            });
        }
    }
    let in_areas: Vec<Vector> = all
        .iter()
        .filter(|v| opts.areas.is_empty() || opts.areas.contains(&v.area))
        .cloned()
        .collect();
    for pattern in &opts.ids {
        if in_areas.iter().any(|v| id_matches(pattern, &v.id)) {
            continue;
        }
        let elsewhere: Vec<&str> = all
            .iter()
            .filter(|v| id_matches(pattern, &v.id))
            .map(|v| v.area.as_str())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let hint = if elsewhere.is_empty() {
            let target = pattern.trim_end_matches('*');
            closest(target, all.iter().map(|v| v.id.as_str()))
                .map(|c| format!("the closest id is {c:?}"))
                .unwrap_or_default()
        } else {
            format!("it matches vectors in area(s) {}", elsewhere.join(", "))
        };
        return Err(RunError::NoMatchingId {
            pattern: pattern.clone(),
            areas: opts.areas.clone(),
            hint,
        });
    }
    let selected: Vec<Vector> = in_areas
        .into_iter()
        .filter(|v| opts.ids.is_empty() || opts.ids.iter().any(|p| id_matches(p, &v.id)))
        .collect();
    if selected.is_empty() {
        return Err(RunError::NothingSelected(
            "the filters select no vector".to_owned(),
        ));
    }
    Ok(selected)
}

/// What the harness's reader threads report.
enum Event {
    /// A line of stdout.
    Line(String),
    /// Stdout reached end of file (or failed).
    Eof,
    /// Writing to stdin failed (the harness is gone or closed it).
    WriteFailed,
}

/// At most this many of the harness's last stderr lines are kept …
const STDERR_LINES: usize = 20;
/// … each cut to this many characters.
const STDERR_LINE_CHARS: usize = 300;

/// A running harness process.
struct Harness {
    command: String,
    child: Child,
    /// Lines for stdin, written by a thread (a harness that does not read cannot block us).
    input: Option<Sender<Vec<u8>>>,
    events: Receiver<Event>,
    stderr: Arc<Mutex<VecDeque<String>>>,
    stderr_done: Receiver<()>,
}

enum Failure {
    /// No response in time; the last line it printed that was not the awaited response.
    Timeout(Option<String>),
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
            // Its own process group, so that killing it (a timeout) also ends what the shell
            // started: a JVM under ./gradlew, `dotnet run`'s child, a script's interpreter.
            #[cfg(unix)]
            {
                use std::os::unix::process::CommandExt as _;
                c.process_group(0);
            }
            c
        };
        let mut child = cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot run {command:?}: {e}"))?;
        let (Some(mut stdin), Some(stdout), Some(stderr_pipe)) =
            (child.stdin.take(), child.stdout.take(), child.stderr.take())
        else {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("{command:?}: no pipes to the process"));
        };
        let (tx, events) = channel();
        let write_tx = tx.clone();
        let (input, lines_in) = channel::<Vec<u8>>();
        std::thread::spawn(move || {
            for buf in lines_in {
                if stdin.write_all(&buf).and_then(|()| stdin.flush()).is_err() {
                    let _ = write_tx.send(Event::WriteFailed);
                    break;
                }
            }
        });
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut line = String::new();
                match reader.read_line(&mut line) {
                    Ok(0) | Err(_) => {
                        let _ = tx.send(Event::Eof);
                        break;
                    }
                    Ok(_) => {
                        if tx.send(Event::Line(line)).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        let stderr = Arc::new(Mutex::new(VecDeque::new()));
        let tail = Arc::clone(&stderr);
        let (done_tx, stderr_done) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stderr_pipe);
            let mut buf = Vec::new();
            while let Ok(n) = reader.read_until(b'\n', &mut buf) {
                if n == 0 {
                    break;
                }
                let text = String::from_utf8_lossy(&buf);
                let line = text.trim_end_matches(['\n', '\r']);
                let mut cut: String = line.chars().take(STDERR_LINE_CHARS).collect();
                if cut.len() < line.len() {
                    cut.push('…');
                }
                if let Ok(mut t) = tail.lock() {
                    t.push_back(cut);
                    while t.len() > STDERR_LINES {
                        t.pop_front();
                    }
                }
                buf.clear();
            }
            let _ = done_tx.send(());
        });
        Ok(Self {
            command: command.to_owned(),
            child,
            input: Some(input),
            events,
            stderr,
            stderr_done,
        })
    }

    /// The last lines the harness wrote to stderr (bounded), as an indented block, or a
    /// sentence saying there were none.
    fn stderr_tail(&self, wait: Duration) -> String {
        // Wait (bounded) for the stderr reader to reach the end: a dying process's last lines.
        let _ = self.stderr_done.recv_timeout(wait);
        let lines: Vec<String> = self
            .stderr
            .lock()
            .map(|t| t.iter().cloned().collect())
            .unwrap_or_default();
        if lines.iter().all(|l| l.trim().is_empty()) {
            return "it wrote nothing to stderr".to_owned();
        }
        let mut out = format!(
            "its stderr (last {} line{}):",
            lines.len(),
            if lines.len() == 1 { "" } else { "s" }
        );
        for l in lines {
            out.push_str("\n    | ");
            out.push_str(&l);
        }
        out
    }

    /// Why the harness stopped talking: waits (bounded) for it to exit and describes its exit
    /// status and stderr; kills it if it does not exit.
    fn death(&mut self, what: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(2);
        let status = loop {
            match self.child.try_wait() {
                Ok(Some(s)) => break Some(s),
                Ok(None) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                _ => break None,
            }
        };
        let head = match status {
            Some(s) => {
                let hint = match s.code() {
                    Some(127) => " — the shell did not find the command",
                    Some(126) => " — the command is not executable",
                    _ => "",
                };
                format!("{:?} exited ({s}{hint}) {what}", self.command)
            }
            None => {
                kill_group(&mut self.child);
                format!(
                    "{:?} closed its stdin or stdout {what} and did not exit within 2 s; it was killed",
                    self.command
                )
            }
        };
        format!("{head}; {}", self.stderr_tail(Duration::from_secs(1)))
    }

    /// Sends a request and waits for the response line (`want_seq`: the `seq` it must carry).
    fn request(
        &mut self,
        req: &Value,
        want_seq: Option<u64>,
        timeout: Duration,
        what: &str,
    ) -> Result<Value, Failure> {
        let sent = self
            .input
            .as_ref()
            .is_some_and(|i| i.send(format!("{req}\n").into_bytes()).is_ok());
        if !sent {
            return Err(Failure::Crashed(self.death(what)));
        }
        let deadline = Instant::now() + timeout;
        // Stray output (logging on stdout) and answers to another `seq` are skipped, and the
        // last of them is shown if no response comes: a harness that prints its answers in
        // another form learns why it "timed out".
        let mut stray: Option<String> = None;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.events.recv_timeout(left) {
                Ok(Event::Line(line)) => {
                    let Ok(v) = serde_json::from_str::<Value>(line.trim()) else {
                        stray = Some(format!(
                            "a line that is not JSON: {}",
                            short_line(line.trim(), 200)
                        ));
                        continue;
                    };
                    match want_seq {
                        Some(seq) if v.get("seq").and_then(Value::as_u64) != Some(seq) => {
                            stray = Some(format!(
                                "a response with seq {} instead of {seq}: {}",
                                v.get("seq")
                                    .map_or_else(|| "missing".to_owned(), Value::to_string),
                                short_line(&v.to_string(), 200)
                            ));
                        }
                        _ => return Ok(v),
                    }
                }
                Ok(Event::Eof | Event::WriteFailed) | Err(RecvTimeoutError::Disconnected) => {
                    return Err(Failure::Crashed(self.death(what)));
                }
                Err(RecvTimeoutError::Timeout) => return Err(Failure::Timeout(stray)),
            }
        }
    }

    fn kill(mut self) {
        kill_group(&mut self.child);
    }

    fn stop(mut self) {
        if let Some(input) = self.input.take() {
            let _ = input.send(b"{\"cmd\":\"stop\"}\n".to_vec());
            // Dropping the sender ends the writer thread, which closes stdin.
        }
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

/// Kills the harness and, on Unix, its whole process group (what its shell started), then
/// reaps it.
fn kill_group(child: &mut std::process::Child) {
    #[cfg(unix)]
    {
        // `kill -KILL -- -PGID`: the group is the child's own (`process_group(0)`). No
        // `unsafe` for a signal call; if `kill` is missing, the child alone is killed below.
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", child.id())])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
    let _ = child.kill();
    let _ = child.wait();
}

fn start(command: &str, request: &Value, timeout: Duration) -> Result<(Harness, Value), String> {
    let mut h = Harness::spawn(command)?;
    let wait = timeout.max(Duration::from_secs(10));
    match h.request(request, None, wait, "before answering the start request") {
        Ok(v) => match v.get("implementation") {
            Some(i) if i.is_object() => Ok((h, i.clone())),
            _ => {
                let tail = h.stderr_tail(Duration::ZERO);
                h.kill();
                Err(format!(
                    "{command:?} answered start without an implementation object: {}; {tail}",
                    short_line(&v.to_string(), 300)
                ))
            }
        },
        Err(Failure::Timeout(stray)) => {
            let tail = h.stderr_tail(Duration::ZERO);
            h.kill();
            Err(format!(
                "{command:?} did not answer the start request within {} s{}; {tail}",
                wait.as_secs(),
                stray.map_or_else(String::new, |s| format!(" (it printed {s})"))
            ))
        }
        Err(Failure::Crashed(m)) => Err(m),
    }
}

/// Runs the selected vectors through the harness.
///
/// # Errors
/// A [`RunError`] when the suite cannot be read, the filters are wrong or select nothing (see
/// [`select`]), or the harness cannot be started at all.
pub fn run(opts: &RunOptions) -> Result<RunReport, RunError> {
    let t0 = Instant::now();
    let vectors = select(opts)?;
    let reg = opts.suite.registry().map_err(RunError::Suite)?;
    let read_key = |p: &str| opts.suite.key_text(p);
    let start_req = start_request();
    let (harness, implementation) =
        start(&opts.harness, &start_req, opts.timeout).map_err(RunError::Harness)?;
    let mut warnings = Vec::new();
    let declared = |member: &str, known: &[&str], warnings: &mut Vec<String>| {
        let names: Option<Vec<String>> = implementation.get(member).map(|v| {
            v.as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_owned)
                        .collect()
                })
                .unwrap_or_default()
        });
        for n in names.iter().flatten() {
            if !known.contains(&n.as_str()) {
                let hint = closest(n, known.iter().copied())
                    .map_or_else(String::new, |c| format!(" (did you mean {c:?}?)"));
                warnings.push(format!(
                    "the start response declares the unknown {} {n:?}{hint}: this runner knows {}",
                    member.trim_end_matches('s'),
                    known.join(", ")
                ));
            }
        }
        names
    };
    let features = declared("features", FEATURES, &mut warnings).unwrap_or_default();
    let kinds = declared("kinds", KINDS, &mut warnings);
    let mut harness = Some(harness);
    let mut lost_in_a_row = 0_usize;
    let mut cases = Vec::with_capacity(vectors.len());
    let total = u64::try_from(vectors.len()).unwrap_or(u64::MAX);
    let tell = |done: u64| {
        if let Some(p) = &opts.progress {
            (p.0)(done, total);
        }
    };
    for (seq, vector) in (1_u64..).zip(&vectors) {
        tell(seq - 1);
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
            expected: outcome(
                &vector.kind,
                vector.value.get("expected").unwrap_or(&Value::Null),
            ),
            actual: String::new(),
        };
        if lost_in_a_row >= MAX_CASES_LOST_IN_A_ROW {
            report.message = format!(
                "not run: the run stopped after {MAX_CASES_LOST_IN_A_ROW} cases in a row got no answer (the harness crashed, hung or could not be restarted)"
            );
            report.actual = "not run".to_owned();
            cases.push(finish(report, &opts.xfail, t));
            continue;
        }
        if let Some(kinds) = kinds.as_ref().filter(|k| !k.contains(&vector.kind)) {
            report.status = Status::Skipped;
            report.message = format!(
                "a {} case: the harness declares only the kinds {} (start response: implementation.kinds)",
                vector.kind,
                if kinds.is_empty() {
                    "(none)".to_owned()
                } else {
                    kinds.join(", ")
                }
            );
            report.actual = "not sent".to_owned();
            cases.push(finish(report, &opts.xfail, t));
            continue;
        }
        let missing: Vec<&str> = required_features(&vector.value)
            .into_iter()
            .filter(|f| !features.iter().any(|d| d == f))
            .collect();
        if !missing.is_empty() {
            report.status = Status::Skipped;
            report.message = format!(
                "needs the protocol feature(s) {} that the harness does not declare (start response: implementation.features)",
                missing.join(", ")
            );
            report.actual = "not sent".to_owned();
            cases.push(finish(report, &opts.xfail, t));
            continue;
        }
        let case = match resolve_with(&vector.value, &reg, &read_key) {
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
                    report.actual = "errored".to_owned();
                    lost_in_a_row += 1;
                    cases.push(finish(report, &opts.xfail, t));
                    continue;
                }
            }
        }
        let Some(h) = harness.as_mut() else {
            continue;
        };
        let req = json!({"cmd": "run", "seq": seq, "case": case});
        match h.request(&req, Some(seq), opts.timeout, "while running this case") {
            Ok(resp) => {
                lost_in_a_row = 0;
                judge(&mut report, &vector.value, &resp);
                report.response = Some(resp);
            }
            Err(Failure::Timeout(stray)) => {
                report.message = format!(
                    "no answer within {} ms{}; the harness was killed and restarted",
                    opts.timeout.as_millis(),
                    stray.map_or_else(String::new, |s| format!(" (it printed {s})"))
                );
                report.actual = "no answer".to_owned();
                lost_in_a_row += 1;
                if let Some(h) = harness.take() {
                    h.kill();
                }
            }
            Err(Failure::Crashed(m)) => {
                report.message = format!("the harness crashed and was restarted: {m}");
                report.actual = "crashed".to_owned();
                lost_in_a_row += 1;
                if let Some(h) = harness.take() {
                    h.kill();
                }
            }
        }
        cases.push(finish(report, &opts.xfail, t));
    }
    tell(total);
    if lost_in_a_row >= MAX_CASES_LOST_IN_A_ROW {
        warnings.push(format!(
            "the run stopped after {MAX_CASES_LOST_IN_A_ROW} cases in a row got no answer; the cases after them were not run (errored): fix the harness (its stderr is quoted in the failures) and run again"
        ));
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
        warnings,
        duration: t0.elapsed(),
        suite: opts.suite.identity(),
        areas: opts.areas.clone(),
        ids: opts.ids.clone(),
        allow_skip: opts.allow_skip.clone(),
    })
}

fn judge(report: &mut CaseReport, vector: &Value, resp: &Value) {
    let outcomes: Vec<&str> = ["result", "skipped", "errored"]
        .into_iter()
        .filter(|m| resp.get(m).is_some())
        .collect();
    if outcomes.len() > 1 {
        report.status = Status::Errored;
        report.actual = "no result".to_owned();
        report.message = format!(
            "the response carries {}: a run response has exactly one of result, skipped and errored (run-response.schema.json)",
            outcomes.join(" and ")
        );
        return;
    }
    if let Some(result) = resp.get("result") {
        report.actual = outcome(&report.kind, result);
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
        report.actual = "skipped".to_owned();
        report.message = resp
            .get("reason")
            .and_then(Value::as_str)
            .unwrap_or("no reason given")
            .to_owned();
    } else if resp.get("errored") == Some(&Value::Bool(true)) {
        report.status = Status::Errored;
        report.actual = "errored".to_owned();
        report.message = resp
            .get("message")
            .and_then(Value::as_str)
            .unwrap_or("no message")
            .to_owned();
    } else {
        report.status = Status::Errored;
        report.actual = "no result".to_owned();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transpositions_are_close() {
        assert_eq!(distance("jsw", "jws"), 1);
        assert_eq!(distance("jsw", "json"), 2);
        assert_eq!(distance("", "key"), 3);
        assert_eq!(closest("keys", ["json", "jws", "key"]), Some("key"));
        assert_eq!(closest("envelop", ["envelope", "replay"]), Some("envelope"));
    }
}
