//! Embeds the normative JSON Schemas of `schemas/` (inside the crate, so that it packages;
//! the repository root's `schemas` is a link to it) and the flow table into the crate.
//! Every `*.schema.json` there becomes an entry of `SCHEMA_FILES`; `flows.json` becomes `FLOWS`.
//!
//! The generated code includes the files by paths relative to `CARGO_MANIFEST_DIR`, resolved
//! when the crate is compiled, and `rerun-if-changed` names them relative to the package: with
//! one target directory shared by several checkouts (git worktrees), cargo's fingerprints are
//! the same for all of them, and absolute paths baked in by whichever checkout ran this script
//! last would embed that checkout's schemas into the others' builds.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    // Read at run time, not with `env!`: the compiled build script is shared by every checkout
    // that uses the same target directory, and `env!` would bake in the first one's path.
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default();
    let dir = Path::new(&manifest).join("schemas");
    println!("cargo:rerun-if-changed=schemas");
    let mut files: Vec<_> = match std::fs::read_dir(&dir) {
        Ok(rd) => rd.filter_map(Result::ok).map(|e| e.path()).collect(),
        Err(e) => {
            // Never build an empty catalogue silently: a crate without its schemas would
            // reject every message as `envelope.unknown_type` at run time.
            println!(
                "cargo::error=the message schemas are missing: cannot read {}: {e}",
                dir.display()
            );
            return;
        }
    };
    files.sort();
    if !files
        .iter()
        .any(|p| p.to_string_lossy().ends_with(".schema.json"))
    {
        println!(
            "cargo::error=no *.schema.json in {}: the catalogue cannot be built",
            dir.display()
        );
        return;
    }
    let mut out = String::from(
        "/// `(file name, contents)` of every schema in `schemas/`.\npub(crate) static SCHEMA_FILES: &[(&str, &str)] = &[\n",
    );
    for p in &files {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if name.ends_with(".schema.json") {
            println!("cargo:rerun-if-changed=schemas/{name}");
            let _ = writeln!(
                out,
                "    ({name:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), {:?}))),",
                format!("/schemas/{name}")
            );
        }
    }
    out.push_str("];\n");
    out.push_str("/// `(message type, contents)` of every example document in `schemas/examples/`.\npub(crate) static EXAMPLE_FILES: &[(&str, &str)] = &[\n");
    let examples = dir.join("examples");
    println!("cargo:rerun-if-changed=schemas/examples");
    let mut ex: Vec<_> = std::fs::read_dir(&examples)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    ex.sort();
    for p in &ex {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if let Some(t) = name.strip_suffix(".json") {
            println!("cargo:rerun-if-changed=schemas/examples/{name}");
            let _ = writeln!(
                out,
                "    ({t:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), {:?}))),",
                format!("/schemas/examples/{name}")
            );
        }
    }
    out.push_str("];\n");
    let flows = dir.join("flows.json");
    if flows.exists() {
        println!("cargo:rerun-if-changed=schemas/flows.json");
        let _ = writeln!(
            out,
            "/// `schemas/flows.json`.\npub(crate) static FLOWS: Option<&str> = Some(include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/schemas/flows.json\")));",
        );
    } else {
        println!(
            "cargo::error=the flow table is missing: {}",
            flows.display()
        );
        return;
    }
    let target = Path::new(&std::env::var("OUT_DIR").unwrap_or_default()).join("schemas.rs");
    if let Err(e) = std::fs::write(&target, out) {
        println!("cargo:warning=cannot write {}: {e}", target.display());
    }
}
