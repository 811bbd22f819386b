//! The gate cannot pass empty: the `labourlink-conformance` command fails, with a message naming
//! the cause, when no vector ran, when every vector was skipped (unless `--allow-skip REASON`),
//! on an unknown area and on an `--id` that matches nothing; a harness that dies shows its own
//! stderr and exit status; an installed runner carries its vectors; every report names the
//! suite version and the hashes of the vector and key sets.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn runner() -> &'static str {
    env!("CARGO_BIN_EXE_labourlink-conformance")
}

fn rust_harness() -> String {
    quote(env!("CARGO_BIN_EXE_labourlink-conformance-harness"))
}

/// The Rust harness with its answers rewritten by `sed -u` expression `sed` (a harness that
/// answers the way a broken one would).
fn rust_harness_through(sed: &str) -> String {
    format!("{} | sed -u '{sed}'", rust_harness())
}

fn quote(p: &str) -> String {
    format!("'{}'", p.replace('\'', "'\\''"))
}

/// A fresh, empty directory under the target dir (no extra dev-dependency for temp dirs).
fn temp_dir(name: &str) -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("gate-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Runs the runner binary `exe` in `cwd` with `args`, without `$LABOURLINK_CONFORMANCE_DIR`.
fn run_in(exe: &Path, cwd: &Path, args: &[&str]) -> Output {
    Command::new(exe)
        .args(args)
        .current_dir(cwd)
        .env_remove("LABOURLINK_CONFORMANCE_DIR")
        .output()
        .unwrap()
}

fn conformance(args: &[&str]) -> (i32, String, String) {
    let o = run_in(Path::new(runner()), &root(), args);
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// The vector-set hash as the README defines it, computed here independently of the runner:
/// SHA-256 of the `sha256sum` manifest of the files, sorted by relative path.
fn manifest_hash(dir: &Path, only_json: bool) -> String {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(dir, &mut files);
    let mut rel: Vec<(String, PathBuf)> = files
        .into_iter()
        .filter(|p| !only_json || p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            let r = p
                .strip_prefix(dir)
                .unwrap()
                .to_str()
                .unwrap()
                .replace('\\', "/");
            (r, p)
        })
        .collect();
    rel.sort();
    let hex = |b: &[u8]| b.iter().map(|x| format!("{x:02x}")).collect::<String>();
    let mut manifest = String::new();
    for (r, p) in rel {
        let d = ring::digest::digest(&ring::digest::SHA256, &std::fs::read(p).unwrap());
        manifest.push_str(&format!("{}  {r}\n", hex(d.as_ref())));
    }
    hex(ring::digest::digest(&ring::digest::SHA256, manifest.as_bytes()).as_ref())
}

/// A harness that answers `start`, then `skipped` to every case.
const SKIP_ALL: &str = r#"read -r line; echo '{"implementation":{"name":"skipper","language":"sh","version":"0"}}'; while read -r line; do seq=$(printf '%s' "$line" | sed -n 's/.*"seq":\([0-9]*\).*/\1/p'); [ -n "$seq" ] || exit 0; echo "{\"seq\":$seq,\"skipped\":true,\"reason\":\"not implemented here\"}"; done"#;

#[test]
fn an_unknown_area_fails_and_suggests_the_closest() {
    let (code, out, err) = conformance(&["run", "--harness", &rust_harness(), "--area", "jsw"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        err.contains(r#"unknown area "jsw" (did you mean "jws"?); the areas are: canonical, "#),
        "{err}"
    );
    let (code, _, err) = conformance(&["list", "--area", "envelop"]);
    assert_eq!(code, 2);
    assert!(err.contains(r#"did you mean "envelope"?"#), "{err}");
}

#[test]
fn an_id_that_matches_nothing_fails() {
    let (code, out, err) =
        conformance(&["run", "--harness", &rust_harness(), "--id", "jws-alg-nope*"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        err.contains(
            r#"--id "jws-alg-nope*" matches no vector (the closest id is "jws-alg-none")"#
        ),
        "{err}"
    );
    // One good pattern does not hide a bad one.
    let (code, _, err) = conformance(&["list", "--id", "jws-alg-none,replay-dupe"]);
    assert_eq!(code, 2);
    assert!(
        err.contains(r#"--id "replay-dupe" matches no vector"#),
        "{err}"
    );
    // An id of another area than the selected ones.
    let (code, _, err) = conformance(&["list", "--area", "jws", "--id", "replay-d*"]);
    assert_eq!(code, 2);
    assert!(
        err.contains(r#"--id "replay-d*" matches no vector in the selected area(s) jws (it matches vectors in area(s) replay)"#),
        "{err}"
    );
}

#[test]
fn zero_vectors_fail() {
    let empty = temp_dir("empty-vectors");
    let keys = root().join("keys");
    let (code, out, err) = conformance(&[
        "run",
        "--harness",
        &rust_harness(),
        "--vectors",
        empty.to_str().unwrap(),
        "--keys",
        keys.to_str().unwrap(),
    ]);
    assert_eq!(code, 3, "{out}{err}");
    assert!(
        err.contains("error: no vector ran: the suite (vectors "),
        "{err}"
    );
    assert!(err.contains(") has no vector file"), "{err}");
}

#[test]
fn every_vector_skipped_fails_unless_allowed_with_a_reason() {
    let dir = temp_dir("skip-all");
    let json = dir.join("r.json");
    let (code, out, err) = conformance(&[
        "run",
        "--harness",
        SKIP_ALL,
        "--area",
        "replay",
        "--json",
        json.to_str().unwrap(),
    ]);
    assert_eq!(code, 3, "{out}{err}");
    assert!(
        err.contains("error: every one of the ")
            && err.contains(" selected vectors was skipped by the harness or the runner (")
            && err.contains(
                "× \"not implemented here\"); pass --allow-skip REASON if that is intended"
            ),
        "{err}"
    );
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(report["ok"], false);
    assert_eq!(report["exit_status"], 3);
    assert!(
        report["nothing_tested"]
            .as_str()
            .unwrap()
            .contains("was skipped")
    );

    // With a reason: passes, and the reason is in every report.
    let reason = "our replay store ships in 2.0 <ACME-7>";
    let paths: Vec<PathBuf> = ["r.json", "r.xml", "r.md", "r.html"]
        .iter()
        .map(|f| dir.join(f))
        .collect();
    let p = |i: usize| paths[i].to_str().unwrap().to_owned();
    let (code, out, err) = conformance(&[
        "run",
        "--harness",
        SKIP_ALL,
        "--area",
        "replay",
        "--allow-skip",
        reason,
        "--json",
        &p(0),
        "--junit",
        &p(1),
        "--markdown",
        &p(2),
        "--html",
        &p(3),
    ]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains(&format!("skips allowed: {reason}")), "{out}");
    let read = |i: usize| std::fs::read_to_string(&paths[i]).unwrap();
    let report: serde_json::Value = serde_json::from_str(&read(0)).unwrap();
    assert_eq!(report["allow_skip"], reason);
    assert_eq!(report["ok"], true);
    assert!(read(1).contains(
        "<property name=\"allow_skip\" value=\"our replay store ships in 2.0 &lt;ACME-7&gt;\"/>"
    ));
    assert!(read(2).contains("Skips allowed: our replay store ships in 2.0 &lt;ACME-7&gt;"));
    assert!(
        read(3).contains("<td id=\"allow-skip\">our replay store ships in 2.0 &lt;ACME-7&gt;</td>")
    );

    // An empty reason is a usage error.
    let (code, _, err) = conformance(&["run", "--harness", SKIP_ALL, "--allow-skip", " "]);
    assert_eq!(code, 2);
    assert!(err.contains("--allow-skip needs a reason"), "{err}");
}

#[test]
fn some_skips_do_not_trip_the_gate() {
    // A harness that skips one kind and answers the rest passes without --allow-skip (the rule
    // fires only when ALL selected vectors are skipped).
    let harness = rust_harness_through(
        r#"s/^{"result":{"canonical":.*"seq":\([0-9]*\)}$/{"seq":\1,"skipped":true,"reason":"no canonical"}/"#,
    );
    // (sed above rewrites canonicalize answers only; serde_json sorts members.)
    let (code, out, err) = conformance(&[
        "run",
        "--harness",
        &harness,
        "--id",
        "jcs-numbers-0*,jws-alg-none",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    let last = out.lines().last().unwrap();
    assert!(
        last.starts_with("conformance: 1 passed, 0 failed, "),
        "{out}"
    );
    assert!(!last.ends_with(" 0 skipped"), "{out}");
}

#[test]
fn a_harness_that_fails_to_start_shows_its_stderr_and_status() {
    let (code, out, err) = conformance(&[
        "run",
        "--harness",
        "echo 'harness: cannot open /etc/acme/harness.toml: No such file or directory' >&2; exit 7",
    ]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        err.contains("error: the harness could not be started: \"echo ")
            && err.contains("exited (exit status: 7) before answering the start request; its stderr (last 1 line):\n    | harness: cannot open /etc/acme/harness.toml: No such file or directory"),
        "{err}"
    );
    assert!(!err.contains("Broken pipe"), "{err}");

    // A command that does not exist: the shell's own message and the 127 hint.
    let (code, _, err) = conformance(&["run", "--harness", "no-such-harness-xyz --flag"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("exited (exit status: 127 — the shell did not find the command)")
            && err.contains("no-such-harness-xyz"),
        "{err}"
    );
    assert!(!err.contains("Broken pipe"), "{err}");

    // Stderr is bounded: only the last 20 lines, each cut.
    let (code, _, err) = conformance(&[
        "run",
        "--harness",
        "i=0; while [ $i -lt 100 ]; do echo \"line $i $(printf '%0400d' 0)\" >&2; i=$((i+1)); done; exit 1",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("its stderr (last 20 lines):"), "{err}");
    assert!(
        err.contains("| line 99 ") && !err.contains("| line 79 "),
        "{err}"
    );
    assert!(err.len() < 20 * 320 + 1000, "{} bytes", err.len());
}

#[test]
fn a_harness_that_dies_mid_run_shows_its_stderr_and_status() {
    let harness = r#"read -r line; echo '{"implementation":{"name":"dies","language":"sh","version":"0"}}'; read -r line; echo 'Traceback: KeyError: signer_keys' >&2; exit 3"#;
    let (code, out, err) = conformance(&["run", "--harness", harness, "--id", "jws-alg-none"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.contains("the harness crashed and was restarted: ")
            && out.contains("exited (exit status: 3) while running this case; its stderr (last 1 line):\n    | Traceback: KeyError: signer_keys"),
        "{out}"
    );
}

#[test]
fn an_installed_runner_carries_its_vectors() {
    // Copy the binary elsewhere and run it from an unrelated directory: it runs every vector
    // from the data embedded at build time.
    let bin_dir = temp_dir("installed-bin");
    let cwd = temp_dir("installed-cwd");
    let exe = bin_dir.join("labourlink-conformance");
    std::fs::copy(runner(), &exe).unwrap();
    let files = manifest_files(&root().join("vectors"));
    let o = run_in(&exe, &cwd, &["list"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success());
    assert!(
        out.lines().last().unwrap().starts_with(&format!(
            "{files} vectors (suite {}, embedded in this runner",
            env!("CARGO_PKG_VERSION")
        )),
        "{out}"
    );
    let json = cwd.join("r.json");
    let o = run_in(
        &exe,
        &cwd,
        &[
            "run",
            "--harness",
            &rust_harness(),
            "--json",
            json.to_str().unwrap(),
        ],
    );
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "{out}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(
        out.lines().last().unwrap(),
        format!("conformance: {files} passed, 0 failed, 0 skipped")
    );
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(json).unwrap()).unwrap();
    assert_eq!(report["suite"]["source"], "embedded in this runner");
    assert_eq!(
        report["suite"]["vectors_sha256"],
        manifest_hash(&root().join("vectors"), true)
    );
}

fn manifest_files(dir: &Path) -> usize {
    fn count(dir: &Path) -> usize {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .map(|p| {
                if p.is_dir() {
                    count(&p)
                } else {
                    usize::from(p.extension().is_some_and(|x| x == "json"))
                }
            })
            .sum()
    }
    count(dir)
}

#[test]
fn every_report_names_the_suite_version_and_hashes() {
    let dir = temp_dir("reports");
    let files: Vec<PathBuf> = ["r.json", "r.xml", "r.md", "r.html"]
        .iter()
        .map(|f| dir.join(f))
        .collect();
    let p = |i: usize| files[i].to_str().unwrap().to_owned();
    // A harness that gets one vector wrong, with markup in its answer.
    let harness = format!(
        r#"{} | sed -u 's/"error":"jws.algorithm_not_allowed"/"error":"<img src=x onerror=alert(1)>"/'"#,
        rust_harness()
    );
    let (code, out, err) = conformance(&[
        "run",
        "--harness",
        &harness,
        "--area",
        "jws",
        "--id",
        "jws-alg-*",
        "--json",
        &p(0),
        "--junit",
        &p(1),
        "--markdown",
        &p(2),
        "--html",
        &p(3),
    ]);
    assert_eq!(code, 1, "{out}{err}");
    let version = env!("CARGO_PKG_VERSION");
    let vectors = manifest_hash(&root().join("vectors"), true);
    let keys = manifest_hash(&root().join("keys"), false);
    assert!(out.contains(&format!(
        "suite: {version} (embedded in this runner), vectors sha256 {vectors}, keys sha256 {keys}"
    )));
    let read = |i: usize| std::fs::read_to_string(&files[i]).unwrap();

    let json: serde_json::Value = serde_json::from_str(&read(0)).unwrap();
    assert_eq!(json["suite"]["version"], version);
    assert_eq!(json["suite"]["vectors_sha256"], vectors);
    assert_eq!(json["suite"]["keys_sha256"], keys);
    assert_eq!(json["selection"]["areas"][0], "jws");
    let failed: Vec<&serde_json::Value> = json["cases"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["status"] == "failed")
        .collect();
    assert!(!failed.is_empty());
    assert_eq!(failed[0]["expected"], "jws.algorithm_not_allowed");
    assert_eq!(failed[0]["actual"], "<img src=x onerror=alert(1)>");

    let junit = read(1);
    assert!(junit.contains(&format!(
        "<property name=\"suite_version\" value=\"{version}\"/>"
    )));
    assert!(junit.contains(&format!(
        "<property name=\"vectors_sha256\" value=\"{vectors}\"/>"
    )));
    assert!(junit.contains(&format!(
        "<property name=\"keys_sha256\" value=\"{keys}\"/>"
    )));

    let md = read(2);
    assert!(
        md.contains(&format!("Suite {version} — vectors SHA-256 `{vectors}`")),
        "{md}"
    );
    assert!(md.contains(&format!("keys SHA-256 `{keys}`")));
    assert!(
        md.contains("| jws.algorithm_not_allowed | &lt;img src=x onerror=alert(1)&gt; |"),
        "{md}"
    );

    let html = read(3);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains(&format!("<td id=\"suite-version\">{version}</td>")));
    assert!(html.contains(&format!("<code>{vectors}</code>")));
    assert!(html.contains(&format!("<code>{keys}</code>")));
    assert!(html.contains("<p class=\"verdict fail\" id=\"verdict\">FAILED</p>"));
    // The failing vector: first diverging stage, expected vs actual code, all escaped.
    assert!(html.contains("<td class=\"mono\">jws.algorithm_not_allowed</td><td class=\"mono\">&lt;img src=x onerror=alert(1)&gt;</td>"), "{html}");
    assert!(!html.contains("<img"));
    // Per area and per requirement.
    assert!(html.contains("<tr><td>jws</td><td class=\"v fail\">fail</td>"));
    assert!(
        html.contains("<tr><td>LL-JWS-009</td><td class=\"v fail\">fail</td>"),
        "{html}"
    );
    // Self-contained: no script, no external reference of any kind.
    for banned in [
        "<script", "<link", "<img", "<iframe", "http://", "https://", "url(", "@import", "src=",
    ] {
        let bare = html.replace("&lt;img src=x onerror=alert(1)&gt;", "");
        assert!(!bare.contains(banned), "the page contains {banned}");
    }
    assert!(html.contains("default-src 'none'"));
}

/// A harness that hangs on a case is killed with everything its shell started (its own
/// process group), and the timeout says what it printed instead of a response.
#[cfg(unix)]
#[test]
fn a_hung_harness_is_killed_with_its_children_and_its_stray_output_is_shown() {
    // Answers start, then prints a log line for the case and hangs in a child process.
    let marker = format!("30{}.25", std::process::id() % 1000);
    let harness = format!(
        r#"read -r line; echo '{{"implementation":{{"name":"hangs","language":"sh","version":"0"}}}}'; read -r line; echo 'verifying the case…'; sleep {marker}"#
    );
    let (code, out, err) = conformance(&[
        "run",
        "--harness",
        &harness,
        "--id",
        "jws-alg-none",
        "--timeout-ms",
        "500",
    ]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.contains(
            "no answer within 500 ms (it printed a line that is not JSON: verifying the case…)"
        ),
        "{out}"
    );
    // The sleep the shell started is gone too (the whole group was killed).
    std::thread::sleep(std::time::Duration::from_millis(300));
    let running: Vec<String> = std::fs::read_dir("/proc")
        .unwrap()
        .filter_map(|e| std::fs::read(e.ok()?.path().join("cmdline")).ok())
        .map(|c| String::from_utf8_lossy(&c).replace('\0', " "))
        .filter(|c| c.starts_with("sleep ") && c.contains(&marker))
        .collect();
    assert!(running.is_empty(), "left running: {running:?}");
}

/// The report's case entry with this id.
fn case<'a>(report: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    report["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap()
}

#[test]
fn declared_kinds_are_honoured_and_unknown_names_are_warned_about() {
    let dir = temp_dir("kinds");
    let json = dir.join("r.json");
    // The Rust harness, declaring only verify and a misspelt validate.
    let harness = rust_harness_through(r#"s/"kinds":\[[^]]*\]/"kinds":["verify","validat"]/"#);
    let (code, out, err) = conformance(&[
        "run",
        "--harness",
        &harness,
        "--id",
        "jcs-numbers-0*,jws-alg-none",
        "--json",
        json.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains(
            r#"warning: the start response declares the unknown kind "validat" (did you mean "validate"?)"#
        ),
        "{out}"
    );
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(case(&report, "jws-alg-none")["status"], "passed");
    let skipped: Vec<&serde_json::Value> = report["cases"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["kind"] == "canonicalize")
        .collect();
    assert!(!skipped.is_empty());
    for c in skipped {
        assert_eq!(c["status"], "skipped", "{c}");
        assert_eq!(c["actual"], "not sent", "{c}");
        assert!(
            c["message"]
                .as_str()
                .unwrap()
                .contains("the harness declares only the kinds verify, validat"),
            "{c}"
        );
    }
    assert!(
        report["warnings"][0]
            .as_str()
            .unwrap()
            .contains("unknown kind")
    );
}

#[test]
fn a_harness_that_dies_on_every_case_stops_the_run_after_five_in_a_row() {
    let dir = temp_dir("dies");
    let json = dir.join("r.json");
    let harness = r#"read -r line; echo '{"implementation":{"name":"dies","language":"sh","version":"0"}}'; read -r line; exit 7"#;
    let t0 = std::time::Instant::now();
    let (code, out, err) = conformance(&[
        "run",
        "--harness",
        harness,
        "--area",
        "jws",
        "--json",
        json.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{out}{err}");
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let cases = report["cases"].as_array().unwrap();
    assert!(cases.len() > 10, "{}", cases.len());
    let actual = |a: &str| cases.iter().filter(|c| c["actual"] == a).count();
    assert_eq!(actual("crashed"), 5, "{out}");
    assert_eq!(actual("not run"), cases.len() - 5, "{out}");
    assert!(
        cases[5]["message"]
            .as_str()
            .unwrap()
            .starts_with("not run: the run stopped after 5 cases in a row got no answer"),
        "{}",
        cases[5]
    );
    assert!(
        out.contains("warning: the run stopped after 5 cases in a row got no answer"),
        "{out}"
    );
    // Five harness starts, not one per vector.
    assert!(t0.elapsed() < std::time::Duration::from_secs(60));
    let last = out.lines().last().unwrap();
    assert!(last.starts_with("conformance: 0 passed, "), "{out}");
}

#[test]
fn malformed_answers_are_named_as_such() {
    let dir = temp_dir("shapes");
    let json = dir.join("r.json");
    let read = || -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap()
    };
    let j = json.to_str().unwrap().to_owned();
    // A response with both a result and `skipped` breaks the protocol's oneOf.
    let both = rust_harness_through(r#"s/^{"result"/{"skipped":true,"result"/"#);
    let (code, out, err) = conformance(&[
        "run",
        "--harness",
        &both,
        "--id",
        "jws-alg-none",
        "--json",
        &j,
    ]);
    assert_eq!(code, 1, "{out}{err}");
    let c = &case(&read(), "jws-alg-none").clone();
    assert_eq!(c["status"], "errored");
    assert!(
        c["message"]
            .as_str()
            .unwrap()
            .contains("carries result and skipped"),
        "{c}"
    );
    // `"accepted": "yes"` is not a success for a negative vector either.
    let yes = rust_harness_through(
        r#"s/^{"result":.*"seq":\([0-9]*\)}$/{"seq":\1,"result":{"accepted":"yes"}}/"#,
    );
    let (code, out, err) = conformance(&[
        "run",
        "--harness",
        &yes,
        "--id",
        "jws-alg-none",
        "--json",
        &j,
    ]);
    assert_eq!(code, 1, "{out}{err}");
    let c = case(&read(), "jws-alg-none").clone();
    assert!(
        c["message"]
            .as_str()
            .unwrap()
            .contains("but the result has no error code (it reads: no accepted outcome)"),
        "{c}"
    );
    // A validate result is labelled by `valid`, even when the harness also says `accepted`.
    let both_words = rust_harness_through(
        r#"s/^{"result":.*"seq":\([0-9]*\)}$/{"seq":\1,"result":{"accepted":true,"valid":true,"findings":[],"digest":"x"}}/"#,
    );
    let (_, out, err) = conformance(&[
        "run",
        "--harness",
        &both_words,
        "--id",
        "rule-back-payment-with-document",
        "--json",
        &j,
    ]);
    let c = case(&read(), "rule-back-payment-with-document").clone();
    assert!(
        c["actual"].as_str().unwrap().starts_with("valid"),
        "{c}{out}{err}"
    );
}

#[test]
fn an_expected_failures_file_with_a_repeated_id_or_an_unknown_member_is_refused() {
    let dir = temp_dir("xfail-shape");
    for (name, text, says) in [
        (
            "dup.json",
            r#"[{"id":"jws-alg-none","reason":"a"},{"id":"jws-alg-none","reason":"b"}]"#,
            r#"entry 1 lists "jws-alg-none" again"#,
        ),
        (
            "extra.json",
            r#"[{"id":"jws-alg-none","reason":"a","ticket":"X-1"}]"#,
            r#"entry 0 has the unknown member "ticket""#,
        ),
    ] {
        let f = dir.join(name);
        std::fs::write(&f, text).unwrap();
        let (code, out, err) = conformance(&[
            "run",
            "--harness",
            &rust_harness(),
            "--id",
            "jws-alg-none",
            "--xfail",
            f.to_str().unwrap(),
        ]);
        assert_eq!(code, 2, "{out}{err}");
        assert!(err.contains(says), "{err}");
    }
}
