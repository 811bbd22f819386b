//! `cargo xtask`: the one generator of labourlink's generated files.
//!
//! ```text
//! cargo xtask regen    # write every generated file
//! cargo xtask check    # regenerate in memory; fail listing every file that differs (CI)
//! ```
//!
//! The generated files (never edit them by hand):
//!
//! * the schema enums that repeat the catalogue: `core/schemas/defs.schema.json`'s
//!   `$defs/message_type` list (only that array; the rest of the file is hand-written);
//! * `conformance/` — the generated keys, trust lists and vectors, and the expectations of the
//!   hand-written vectors (the conformance crate's `regen`);
//! * `docs/error-codes.md`, `docs/RULES.md` — from the core's code tables;
//! * `bindings-wasm/types/error-codes.d.ts`, `bindings-python/python/labourlink/codes.py` — the
//!   TypeScript and Python error-code and rule-code unions;
//! * `bindings-wasm/types/messages.d.ts`, `bindings-python/python/labourlink/messages.py` — the
//!   TypeScript interfaces and Python TypedDicts of the message bodies, from the JSON Schemas;
//! * `core/src/messages/pointers.rs` — JSON-pointer constants of every body member, which the
//!   business rules use.

mod codes;
mod json;
mod pointers;
mod python;
mod schema_enums;
mod schemas;
mod typescript;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::schemas::Schemas;

/// A generated file: its path relative to the repository root and its content.
type Generated = (&'static str, String);

/// Every generated file but the conformance directory (which its own `regen` writes).
fn generated(root: &Path) -> Result<Vec<Generated>, String> {
    let dir = root.join("core").join("schemas");
    let defs_path = dir.join("defs.schema.json");
    let defs_now =
        std::fs::read_to_string(&defs_path).map_err(|e| format!("{}: {e}", defs_path.display()))?;
    let defs = schema_enums::defs_schema(&defs_now)?;
    let mut schemas = Schemas::load(&dir)?;
    // The other generators read the regenerated `defs`, not the file as it is on disk.
    schemas.set("defs", crate::json::Json::parse(&defs)?);
    Ok(vec![
        ("core/schemas/defs.schema.json", defs),
        (
            "docs/error-codes.md",
            labourlink::rules::codes::error_codes_page(),
        ),
        ("docs/RULES.md", labourlink::RuleCode::rules_page()),
        (
            "bindings-wasm/types/error-codes.d.ts",
            codes::error_codes_d_ts(),
        ),
        (
            "bindings-python/python/labourlink/codes.py",
            codes::codes_py(),
        ),
        (
            "bindings-wasm/types/messages.d.ts",
            typescript::messages_d_ts(&schemas)?,
        ),
        (
            "bindings-python/python/labourlink/messages.py",
            python::messages_py(&schemas)?,
        ),
        (
            "core/src/messages/pointers.rs",
            pointers::pointers_rs(&schemas)?,
        ),
    ])
}

fn say(line: &str) {
    let _ = writeln!(std::io::stdout().lock(), "{line}");
}

/// Writes (`check == false`) or compares every generated file; returns the number of files
/// that differ (check) or the problems found.
fn run(root: &Path, check: bool) -> Result<usize, String> {
    let mut differ = 0;
    for (rel, content) in generated(root)? {
        let path = root.join(rel);
        let current = std::fs::read_to_string(&path).ok();
        if current.as_deref() == Some(content.as_str()) {
            continue;
        }
        differ += 1;
        if check {
            say(&format!("differs: {rel}"));
        } else {
            std::fs::write(&path, content).map_err(|e| format!("{}: {e}", path.display()))?;
            say(&format!("wrote: {rel}"));
        }
    }
    let conformance = root.join("conformance");
    let core_vectors = root.join("core").join("tests").join("vectors");
    let outcome = labourlink_conformance::regen::regen(&conformance, &core_vectors, check)?;
    let (changed, removed) = if check {
        ("differs", "would remove")
    } else {
        ("wrote", "removed")
    };
    for f in &outcome.changed {
        say(&format!("{changed}: conformance/{f}"));
    }
    for f in &outcome.removed {
        say(&format!("{removed}: conformance/{f}"));
    }
    for p in &outcome.problems {
        say(&format!("problem: conformance: {p}"));
    }
    differ += outcome.changed.len() + outcome.removed.len();
    if !outcome.problems.is_empty() {
        return Err(format!(
            "{} conformance problem(s) (listed above)",
            outcome.problems.len()
        ));
    }
    Ok(differ)
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let check = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["regen"] => false,
        ["check"] => true,
        _ => {
            eprintln!("usage: cargo xtask regen | cargo xtask check");
            return ExitCode::from(2);
        }
    };
    match run(&root(), check) {
        Ok(0) => {
            say(if check {
                "xtask check: every generated file is current"
            } else {
                "xtask regen: every generated file was already current"
            });
            ExitCode::SUCCESS
        }
        Ok(n) if check => {
            eprintln!(
                "xtask check: {n} generated file(s) differ: run `cargo xtask regen` and commit"
            );
            ExitCode::FAILURE
        }
        Ok(n) => {
            say(&format!("xtask regen: {n} file(s) written"));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}
