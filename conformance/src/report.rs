//! Reports of a run: terminal text, JSON, JUnit XML and Markdown.

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
    let _ = writeln!(
        out,
        "{} vectors in {:.1} s: {}",
        r.cases.len(),
        r.duration.as_secs_f64(),
        counts_line(r)
    );
    let bad = r.count(Status::Failed) + r.count(Status::Errored) + r.count(Status::UnexpectedPass);
    let _ = writeln!(
        out,
        "conformance: {} passed, {bad} failed, {} skipped",
        r.count(Status::Passed) + r.count(Status::ExpectedFailure),
        r.count(Status::Skipped)
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
                "stage": c.stage, "notes": c.notes,
                "duration_ms": u64::try_from(c.duration.as_millis()).unwrap_or(u64::MAX),
                "response": c.response,
            })
        })
        .collect();
    json!({
        "runner": "labourlink-conformance",
        "protocol_version": crate::runner::PROTOCOL_VERSION,
        "harness": r.harness,
        "implementation": r.implementation,
        "ok": r.ok(),
        "counts": counts,
        "duration_ms": u64::try_from(r.duration.as_millis()).unwrap_or(u64::MAX),
        "unused_xfails": r.unused_xfails,
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

fn md(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// A Markdown summary (for `$GITHUB_STEP_SUMMARY` and merge-request notes).
#[must_use]
pub fn markdown(r: &RunReport) -> String {
    let mut out = String::new();
    let verdict = if r.ok() { "✅ passed" } else { "❌ failed" };
    let _ = writeln!(
        out,
        "## labourlink conformance: {} — {verdict}\n",
        md(&r.implementation_name())
    );
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
            "\n### Failures\n\n| vector | requirements | status | first diverging stage | detail |"
        );
        let _ = writeln!(out, "|---|---|---|---|---|");
        for c in bad {
            let _ = writeln!(
                out,
                "| `{}/{}` | {} | {} | {} | {} |",
                c.area,
                c.id,
                c.requirements.join(", "),
                c.status.as_str(),
                md(c.stage.as_deref().unwrap_or("")),
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
