//! Reports of a run: terminal text, JSON, JUnit XML, Markdown and HTML.
//!
//! Every report names the suite it ran — the suite version and the SHA-256 hashes of the
//! vector set and the key set ([`crate::suite`]) — and, when given, the `--allow-skip` reason.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::{Value, json};

use crate::runner::{RunReport, Status};

fn counts_line(r: &RunReport) -> String {
    format!(
        "{} passed, {} failed, {} errored, {} skipped, {} expected failures, {} unexpected passes",
        r.count(Status::Passed),
        r.count(Status::Failed),
        r.count(Status::Errored),
        r.count(Status::Skipped),
        r.count(Status::ExpectedFailure),
        r.count(Status::UnexpectedPass),
    )
}

/// The terminal summary: every failing case with its requirements and first diverging stage,
/// counts per area, and the closing line `conformance: N passed, M failed, K skipped` (errors
/// and unexpected passes count as failed there).
#[must_use]
pub fn terminal(r: &RunReport, verbose: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "implementation: {}", r.implementation_name());
    let _ = writeln!(out, "harness: {}", r.harness);
    let _ = writeln!(
        out,
        "suite: {} ({}), vectors sha256 {}, keys sha256 {}",
        r.suite.version, r.suite.source, r.suite.vectors_sha256, r.suite.keys_sha256
    );
    if let Some(reason) = &r.allow_skip {
        let _ = writeln!(out, "skips allowed: {reason}");
    }
    for c in &r.cases {
        let label = match c.status {
            Status::Failed => "FAIL ",
            Status::Errored => "ERROR",
            Status::UnexpectedPass => "XPASS",
            Status::Skipped if verbose => "SKIP ",
            Status::ExpectedFailure if verbose => "XFAIL",
            Status::Passed if verbose && !c.notes.is_empty() => "NOTE ",
            _ => continue,
        };
        let _ = writeln!(
            out,
            "{label} {}/{} [{}]",
            c.area,
            c.id,
            c.requirements.join(", ")
        );
        if !c.message.is_empty() {
            let _ = writeln!(out, "      {}", c.message);
        }
        if let Some(stage) = &c.stage {
            let _ = writeln!(out, "      first diverging stage: {stage}");
        }
        if verbose {
            for n in &c.notes {
                let _ = writeln!(out, "      note: {n}");
            }
        }
    }
    let notes: usize = r.cases.iter().map(|c| c.notes.len()).sum();
    let _ = writeln!(out, "\nby area:");
    for (area, row) in by_area(r) {
        let _ = writeln!(
            out,
            "  {area:<10} {:>4} passed {:>3} failed {:>3} errored {:>3} skipped {:>3} xfail",
            row[0], row[1], row[2], row[3], row[4]
        );
    }
    if notes > 0 {
        let _ = writeln!(
            out,
            "{notes} note(s) (e.g. a different error path; not failures): use --verbose or --json"
        );
    }
    for id in &r.unused_xfails {
        let _ = writeln!(
            out,
            "warning: expected failure {id} matches no vector of this run"
        );
    }
    for w in &r.warnings {
        let _ = writeln!(out, "warning: {w}");
    }
    let _ = writeln!(
        out,
        "{} vectors in {:.1} s: {}",
        r.cases.len(),
        r.duration.as_secs_f64(),
        counts_line(r)
    );
    let bad = r.count(Status::Failed) + r.count(Status::Errored) + r.count(Status::UnexpectedPass);
    // Expected failures are not passes: the last line (what CI tallies) says how many there
    // were, so a run that lists its failures as expected cannot read as a clean pass.
    let xfail = r.count(Status::ExpectedFailure);
    let _ = writeln!(
        out,
        "conformance: {} passed, {bad} failed, {} skipped{}",
        r.count(Status::Passed),
        r.count(Status::Skipped),
        if xfail > 0 {
            format!(", {xfail} expected to fail (--xfail, each with its reason)")
        } else {
            String::new()
        }
    );
    out
}

/// Per area: passed, failed (incl. unexpected passes), errored, skipped, expected failures.
fn by_area(r: &RunReport) -> BTreeMap<String, [usize; 5]> {
    let mut m: BTreeMap<String, [usize; 5]> = BTreeMap::new();
    for c in &r.cases {
        let row = m.entry(c.area.clone()).or_default();
        let i = match c.status {
            Status::Passed => 0,
            Status::Failed | Status::UnexpectedPass => 1,
            Status::Errored => 2,
            Status::Skipped => 3,
            Status::ExpectedFailure => 4,
        };
        row[i] += 1;
    }
    m
}

/// The JSON report.
#[must_use]
pub fn json_report(r: &RunReport) -> Value {
    let counts: serde_json::Map<String, Value> = r
        .counts()
        .into_iter()
        .map(|(s, n)| (s.as_str().to_owned(), n.into()))
        .collect();
    let cases: Vec<Value> = r
        .cases
        .iter()
        .map(|c| {
            json!({
                "id": c.id, "area": c.area, "kind": c.kind, "requirements": c.requirements,
                "description": c.description, "status": c.status.as_str(), "message": c.message,
                "stage": c.stage, "notes": c.notes, "expected": c.expected, "actual": c.actual,
                "duration_ms": u64::try_from(c.duration.as_millis()).unwrap_or(u64::MAX),
                "response": c.response,
            })
        })
        .collect();
    json!({
        "runner": "labourlink-conformance",
        "protocol_version": crate::runner::PROTOCOL_VERSION,
        "suite": r.suite.to_json(),
        "selection": {"areas": r.areas, "ids": r.ids},
        "allow_skip": r.allow_skip,
        "harness": r.harness,
        "implementation": r.implementation,
        "ok": r.ok(),
        "exit_status": r.exit_status(),
        "nothing_tested": r.nothing_tested(),
        "counts": counts,
        "duration_ms": u64::try_from(r.duration.as_millis()).unwrap_or(u64::MAX),
        "unused_xfails": r.unused_xfails,
        "warnings": r.warnings,
        "cases": cases,
    })
}

/// Escapes text for XML attributes and content (and drops characters XML 1.0 forbids).
fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if u32::from(c) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

/// JUnit XML: one `testsuite`, one `testcase` per vector (`classname` = area, `name` = id and
/// requirement ids), requirement ids also as `properties`; `failure` for failures and
/// unexpected passes, `error` for errors, `skipped` for skips and expected failures.
#[must_use]
pub fn junit(r: &RunReport) -> String {
    let failures = r.count(Status::Failed) + r.count(Status::UnexpectedPass);
    let errors = r.count(Status::Errored);
    let skipped = r.count(Status::Skipped) + r.count(Status::ExpectedFailure);
    let name = format!("labourlink conformance: {}", r.implementation_name());
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"{}\" tests=\"{}\" failures=\"{failures}\" errors=\"{errors}\" skipped=\"{skipped}\" time=\"{:.3}\">",
        xml(&name),
        r.cases.len(),
        r.duration.as_secs_f64()
    );
    let _ = writeln!(
        out,
        "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" errors=\"{errors}\" skipped=\"{skipped}\" time=\"{:.3}\">",
        xml(&name),
        r.cases.len(),
        r.duration.as_secs_f64()
    );
    out.push_str("    <properties>\n");
    for (name, value) in suite_properties(r) {
        let _ = writeln!(
            out,
            "      <property name=\"{}\" value=\"{}\"/>",
            xml(name),
            xml(&value)
        );
    }
    out.push_str("    </properties>\n");
    for c in &r.cases {
        let _ = writeln!(
            out,
            "    <testcase classname=\"{}\" name=\"{} [{}]\" time=\"{:.3}\">",
            xml(&c.area),
            xml(&c.id),
            xml(&c.requirements.join(", ")),
            c.duration.as_secs_f64()
        );
        out.push_str("      <properties>\n");
        for req in &c.requirements {
            let _ = writeln!(
                out,
                "        <property name=\"requirement\" value=\"{}\"/>",
                xml(req)
            );
        }
        let _ = writeln!(
            out,
            "        <property name=\"kind\" value=\"{}\"/>",
            xml(&c.kind)
        );
        out.push_str("      </properties>\n");
        let detail = {
            let mut d = format!(
                "{}\nrequirements: {}\n{}",
                c.message,
                c.requirements.join(", "),
                c.description
            );
            if let Some(s) = &c.stage {
                let _ = write!(d, "\nfirst diverging stage: {s}");
            }
            d
        };
        match c.status {
            Status::Passed => {}
            Status::Failed | Status::UnexpectedPass => {
                let _ = writeln!(
                    out,
                    "      <failure message=\"{}\" type=\"{}\">{}</failure>",
                    xml(&c.message),
                    c.status.as_str(),
                    xml(&detail)
                );
            }
            Status::Errored => {
                let _ = writeln!(
                    out,
                    "      <error message=\"{}\" type=\"errored\">{}</error>",
                    xml(&c.message),
                    xml(&detail)
                );
            }
            Status::Skipped | Status::ExpectedFailure => {
                let _ = writeln!(out, "      <skipped message=\"{}\"/>", xml(&c.message));
            }
        }
        out.push_str("    </testcase>\n");
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

/// The run-level facts every report carries (JUnit `properties` of the `testsuite`).
fn suite_properties(r: &RunReport) -> Vec<(&'static str, String)> {
    let mut p = vec![
        ("suite_version", r.suite.version.clone()),
        ("vectors_sha256", r.suite.vectors_sha256.clone()),
        ("keys_sha256", r.suite.keys_sha256.clone()),
        ("vector_files", r.suite.vector_files.to_string()),
        ("suite_source", r.suite.source.clone()),
        ("implementation", r.implementation_name()),
        ("harness", r.harness.clone()),
    ];
    if !r.areas.is_empty() {
        p.push(("areas", r.areas.join(",")));
    }
    if !r.ids.is_empty() {
        p.push(("ids", r.ids.join(",")));
    }
    if let Some(reason) = &r.allow_skip {
        p.push(("allow_skip", reason.clone()));
    }
    if let Some(reason) = r.nothing_tested() {
        p.push(("nothing_tested", reason));
    }
    p
}

fn md(s: &str) -> String {
    s.replace('|', "\\|")
        .replace('\n', " ")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The verdict words of a run (Markdown and HTML).
fn verdict(r: &RunReport) -> &'static str {
    if r.cases.iter().any(|c| c.status.is_bad()) {
        "❌ failed"
    } else if r.nothing_tested().is_some() {
        "❌ nothing tested"
    } else {
        "✅ passed"
    }
}

/// A Markdown summary (for `$GITHUB_STEP_SUMMARY` and merge-request notes).
#[must_use]
pub fn markdown(r: &RunReport) -> String {
    let mut out = String::new();
    let verdict = verdict(r);
    let _ = writeln!(
        out,
        "## labourlink conformance: {} — {verdict}\n",
        md(&r.implementation_name())
    );
    let _ = writeln!(
        out,
        "Suite {} — vectors SHA-256 `{}` ({} files), keys SHA-256 `{}`.\n",
        md(&r.suite.version),
        r.suite.vectors_sha256,
        r.suite.vector_files,
        r.suite.keys_sha256
    );
    if let Some(reason) = r.nothing_tested() {
        let _ = writeln!(out, "**Nothing tested:** {}\n", md(&reason));
    }
    if let Some(reason) = &r.allow_skip {
        let _ = writeln!(out, "Skips allowed: {}\n", md(reason));
    }
    for w in &r.warnings {
        let _ = writeln!(out, "**Warning:** {}\n", md(w));
    }
    let _ = writeln!(
        out,
        "| passed | failed | errored | skipped | expected failures | unexpected passes | total |"
    );
    let _ = writeln!(out, "|---:|---:|---:|---:|---:|---:|---:|");
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} | {} | {} | {} |\n",
        r.count(Status::Passed),
        r.count(Status::Failed),
        r.count(Status::Errored),
        r.count(Status::Skipped),
        r.count(Status::ExpectedFailure),
        r.count(Status::UnexpectedPass),
        r.cases.len()
    );
    let _ = writeln!(
        out,
        "| area | passed | failed | errored | skipped | xfail |"
    );
    let _ = writeln!(out, "|---|---:|---:|---:|---:|---:|");
    for (area, row) in by_area(r) {
        let _ = writeln!(
            out,
            "| {area} | {} | {} | {} | {} | {} |",
            row[0], row[1], row[2], row[3], row[4]
        );
    }
    let bad: Vec<_> = r.cases.iter().filter(|c| c.status.is_bad()).collect();
    if !bad.is_empty() {
        let _ = writeln!(
            out,
            "\n### Failures\n\n| vector | requirements | status | first diverging stage | expected | actual | detail |"
        );
        let _ = writeln!(out, "|---|---|---|---|---|---|---|");
        for c in bad {
            let _ = writeln!(
                out,
                "| `{}/{}` | {} | {} | {} | {} | {} | {} |",
                c.area,
                c.id,
                c.requirements.join(", "),
                c.status.as_str(),
                md(c.stage.as_deref().unwrap_or("")),
                md(&c.expected),
                md(&c.actual),
                md(&c.message)
            );
        }
    }
    let skipped: Vec<_> = r
        .cases
        .iter()
        .filter(|c| matches!(c.status, Status::Skipped | Status::ExpectedFailure))
        .collect();
    if !skipped.is_empty() {
        let _ = writeln!(
            out,
            "\n<details><summary>{} skipped or expected failures</summary>\n",
            skipped.len()
        );
        let _ = writeln!(out, "| vector | status | reason |\n|---|---|---|");
        for c in skipped {
            let _ = writeln!(
                out,
                "| `{}/{}` | {} | {} |",
                c.area,
                c.id,
                c.status.as_str(),
                md(&c.message)
            );
        }
        let _ = writeln!(out, "\n</details>");
    }
    out
}

/// Escapes text for HTML content and attribute values; C0 control characters other than tab
/// and line breaks become U+FFFD.
fn h(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Counts of one group of cases (an area or a requirement).
#[derive(Default)]
struct Tally {
    passed: usize,
    failed: usize,
    errored: usize,
    skipped: usize,
    xfail: usize,
}

impl Tally {
    fn add(&mut self, s: Status) {
        match s {
            Status::Passed => self.passed += 1,
            Status::Failed | Status::UnexpectedPass => self.failed += 1,
            Status::Errored => self.errored += 1,
            Status::Skipped => self.skipped += 1,
            Status::ExpectedFailure => self.xfail += 1,
        }
    }

    /// `fail`, `skipped` (every case skipped), or `pass`.
    fn verdict(&self) -> &'static str {
        if self.failed + self.errored > 0 {
            "fail"
        } else if self.passed + self.xfail == 0 {
            "skipped"
        } else {
            "pass"
        }
    }

    fn cells(&self) -> String {
        let v = self.verdict();
        format!(
            "<td class=\"v {v}\">{v}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>",
            self.passed, self.failed, self.errored, self.skipped, self.xfail
        )
    }
}

/// The current time as `YYYY-MM-DD HH:MM:SS UTC`.
fn now_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (days, rem) = (secs / 86_400, secs % 86_400);
    // Civil date from days since 1970-01-01 (H. Hinnant's algorithm), in unsigned arithmetic.
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z % 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02} UTC",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

const HTML_STYLE: &str = "
body{font:15px/1.45 system-ui,-apple-system,'Segoe UI','Noto Sans CJK SC','Microsoft YaHei',sans-serif;margin:2em auto;max-width:72em;padding:0 1em;color:#1d1d1f}
h1{font-size:1.6em;margin:0 0 .3em}h2{font-size:1.2em;margin:1.6em 0 .5em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:.3em 0;width:100%}th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}
th{background:#f2f2f2}td.n,th.n{text-align:right}table.facts th{width:14em}
code,.mono{font-family:ui-monospace,'SFMono-Regular',Menlo,Consolas,monospace;font-size:.92em;word-break:break-all}
.verdict{font-size:1.3em;font-weight:bold;padding:.4em .8em;display:inline-block;border-radius:4px}
.verdict.pass{background:#e3f4e6;color:#14522a}.verdict.fail{background:#fbe4e4;color:#8a1c1c}
td.v{font-weight:bold}td.pass{color:#14522a}td.fail{color:#8a1c1c}td.skipped{color:#6b5a00}
.detail{white-space:pre-wrap;font-size:.9em}footer{margin-top:2em;font-size:.85em;color:#555}
@media print{body{margin:0;max-width:none}details{display:block}summary{display:none}}
";

/// A self-contained HTML page for an acceptance file: the verdict, the suite version and
/// hashes, totals, pass/fail per area and per requirement, the failing vectors with their first
/// diverging stage and expected vs actual codes, and the skipped vectors with reasons. Inline
/// CSS only: no script, no external asset (a Content-Security-Policy forbids loading any);
/// every text taken from vectors or harness output is escaped.
#[must_use]
pub fn html(r: &RunReport) -> String {
    let mut o = String::new();
    let bad = r.cases.iter().any(|c| c.status.is_bad());
    let nothing = r.nothing_tested();
    let (vclass, vtext) = if bad {
        ("fail", "FAILED")
    } else if nothing.is_some() {
        ("fail", "NOTHING TESTED")
    } else {
        ("pass", "PASSED")
    };
    let name = r.implementation_name();
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <title>labourlink conformance: {} — {vtext}</title>\n<style>{HTML_STYLE}</style>\n</head>\n<body>\n",
        h(&name)
    );
    let _ = writeln!(
        o,
        "<h1>labourlink conformance report</h1>\n<p class=\"verdict {vclass}\" id=\"verdict\">{vtext}</p>"
    );
    if let Some(reason) = &nothing {
        let _ = writeln!(o, "<p id=\"nothing-tested\">{}</p>", h(reason));
    }
    o.push_str("<table class=\"facts\" id=\"facts\">\n");
    let selection = if r.areas.is_empty() && r.ids.is_empty() {
        "all vectors".to_owned()
    } else {
        let mut parts = Vec::new();
        if !r.areas.is_empty() {
            parts.push(format!("areas {}", r.areas.join(", ")));
        }
        if !r.ids.is_empty() {
            parts.push(format!("ids {}", r.ids.join(", ")));
        }
        parts.join("; ")
    };
    let facts: Vec<(&str, &str, String)> = vec![
        ("Implementation", "implementation", h(&name)),
        (
            "Harness command",
            "harness",
            format!("<code>{}</code>", h(&r.harness)),
        ),
        ("Suite version", "suite-version", h(&r.suite.version)),
        (
            "Vector set SHA-256",
            "vectors-sha256",
            format!(
                "<code>{}</code> ({} vector files)",
                h(&r.suite.vectors_sha256),
                r.suite.vector_files
            ),
        ),
        (
            "Key set SHA-256",
            "keys-sha256",
            format!("<code>{}</code>", h(&r.suite.keys_sha256)),
        ),
        ("Suite data", "suite-source", h(&r.suite.source)),
        ("Selection", "selection", h(&selection)),
        (
            "Skips allowed",
            "allow-skip",
            r.allow_skip.as_deref().map_or_else(|| "no".to_owned(), h),
        ),
        (
            "Run",
            "run",
            format!(
                "{} vectors in {:.1} s; report written {}",
                r.cases.len(),
                r.duration.as_secs_f64(),
                now_utc()
            ),
        ),
    ];
    for (label, id, value) in facts {
        let _ = writeln!(o, "<tr><th>{label}</th><td id=\"{id}\">{value}</td></tr>");
    }
    o.push_str("</table>\n");

    let _ = writeln!(
        o,
        "<h2>Totals</h2>\n<table id=\"totals\"><tr><th class=\"n\">total</th><th class=\"n\">passed</th>\
         <th class=\"n\">failed</th><th class=\"n\">errored</th><th class=\"n\">skipped</th>\
         <th class=\"n\">expected failures</th><th class=\"n\">unexpected passes</th></tr>\n\
         <tr><td class=\"n\" id=\"total\">{}</td><td class=\"n\" id=\"passed\">{}</td><td class=\"n\" id=\"failed\">{}</td>\
         <td class=\"n\" id=\"errored\">{}</td><td class=\"n\" id=\"skipped\">{}</td><td class=\"n\" id=\"xfail\">{}</td>\
         <td class=\"n\" id=\"xpass\">{}</td></tr></table>",
        r.cases.len(),
        r.count(Status::Passed),
        r.count(Status::Failed),
        r.count(Status::Errored),
        r.count(Status::Skipped),
        r.count(Status::ExpectedFailure),
        r.count(Status::UnexpectedPass),
    );

    let head = "<th>result</th><th>passed</th><th>failed</th><th>errored</th><th>skipped</th><th>expected failures</th>";
    let mut areas: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut reqs: BTreeMap<&str, Tally> = BTreeMap::new();
    for c in &r.cases {
        areas.entry(&c.area).or_default().add(c.status);
        for q in &c.requirements {
            reqs.entry(q).or_default().add(c.status);
        }
    }
    let _ = writeln!(
        o,
        "<h2>By area</h2>\n<table id=\"areas\"><tr><th>area</th>{head}</tr>"
    );
    for (area, t) in &areas {
        let _ = writeln!(o, "<tr><td>{}</td>{}</tr>", h(area), t.cells());
    }
    o.push_str("</table>\n");
    let _ = writeln!(
        o,
        "<h2>By requirement</h2>\n<p>Requirement ids as in REQUIREMENTS.md; a vector checking several counts for each.</p>\n\
         <table id=\"requirements\"><tr><th>requirement</th>{head}</tr>"
    );
    for (req, t) in &reqs {
        let _ = writeln!(o, "<tr><td>{}</td>{}</tr>", h(req), t.cells());
    }
    o.push_str("</table>\n");

    let failing: Vec<_> = r.cases.iter().filter(|c| c.status.is_bad()).collect();
    let _ = writeln!(o, "<h2>Failing vectors ({})</h2>", failing.len());
    if failing.is_empty() {
        o.push_str("<p id=\"failures\">None.</p>\n");
    } else {
        o.push_str(
            "<table id=\"failures\"><tr><th>vector</th><th>requirements</th><th>status</th>\
             <th>first diverging stage</th><th>expected</th><th>actual</th><th>detail</th></tr>\n",
        );
        for c in failing {
            let _ = writeln!(
                o,
                "<tr><td class=\"mono\">{}/{}</td><td>{}</td><td>{}</td><td>{}</td>\
                 <td class=\"mono\">{}</td><td class=\"mono\">{}</td><td class=\"detail\">{}</td></tr>",
                h(&c.area),
                h(&c.id),
                h(&c.requirements.join(", ")),
                h(c.status.as_str()),
                h(c.stage.as_deref().unwrap_or("—")),
                h(&c.expected),
                h(&c.actual),
                h(&c.message)
            );
        }
        o.push_str("</table>\n");
    }
    let others: Vec<_> = r
        .cases
        .iter()
        .filter(|c| matches!(c.status, Status::Skipped | Status::ExpectedFailure))
        .collect();
    if !others.is_empty() {
        let _ = writeln!(
            o,
            "<h2>Skipped vectors and expected failures ({})</h2>\n<details><summary>show</summary>\n\
             <table id=\"skipped-list\"><tr><th>vector</th><th>requirements</th><th>status</th><th>reason</th></tr>",
            others.len()
        );
        for c in others {
            let _ = writeln!(
                o,
                "<tr><td class=\"mono\">{}/{}</td><td>{}</td><td>{}</td><td class=\"detail\">{}</td></tr>",
                h(&c.area),
                h(&c.id),
                h(&c.requirements.join(", ")),
                h(c.status.as_str()),
                h(&c.message)
            );
        }
        o.push_str("</table>\n</details>\n");
    }
    if !r.unused_xfails.is_empty() {
        let _ = writeln!(
            o,
            "<p>Expected failures that match no vector of this run: {}</p>",
            h(&r.unused_xfails.join(", "))
        );
    }
    for w in &r.warnings {
        let _ = writeln!(o, "<p>Warning: {}</p>", h(w));
    }
    let _ = writeln!(
        o,
        "<footer>Written by labourlink-conformance {}. The vector set SHA-256 is the SHA-256 of the \
         <code>sha256sum</code> manifest of every <code>*.json</code> file under the vectors \
         directory, sorted by path (one line per file: the file's SHA-256 in hex, two spaces, its \
         path relative to the vectors directory with <code>/</code> separators); the key set \
         SHA-256 is the same over every file under the keys directory. See the suite's README.</footer>\n\
         </body>\n</html>",
        h(crate::suite::SUITE_VERSION)
    );
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escaping() {
        assert_eq!(
            h("<img src=\"x\" onerror='y'>&\u{7}"),
            "&lt;img src=&quot;x&quot; onerror=&#39;y&#39;&gt;&amp;\u{FFFD}"
        );
    }

    #[test]
    fn the_clock_formats_a_date() {
        let t = now_utc();
        assert_eq!(t.len(), "2026-11-27 08:00:00 UTC".len(), "{t}");
        assert!(t.starts_with("20"), "{t}");
    }
}
