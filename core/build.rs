//! Embeds the normative JSON Schemas of `schemas/` (inside the crate, so that it packages;
//! the repository root's `schemas` is a link to it), their examples, the flow table and the
//! reference tables of `data/` into the crate, as one deflated bundle in `OUT_DIR`
//! (`bundle.deflate`, indexed by the generated `bundle.rs`; read by `src/embedded.rs`).
//!
//! `rerun-if-changed` names every file relative to the package. With one target directory
//! shared by several checkouts (git worktrees), cargo's fingerprints can be the same for all of
//! them, so a bundle made in one checkout could serve another whose files are older than that
//! run: the unit test `embedded::tests::the_bundle_is_the_files_on_disk` compares the bundle
//! with the files byte for byte and fails on such a stale build.

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
    // Every embedded file goes into one bundle, deflated (RFC 1951): the catalogue (schemas,
    // examples, flow table: 440 KB of indented JSON) and the reference tables of `data/`
    // (260 KB of TSV) take about a sixth of that compressed, which is what keeps the WASM
    // package small. `embedded.rs` inflates the bundle once, on first use.
    let mut entries: Vec<(String, std::path::PathBuf)> = Vec::new();
    for p in &files {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if name.ends_with(".schema.json") {
            entries.push((format!("schemas/{name}"), p.clone()));
        }
    }
    let examples = dir.join("examples");
    println!("cargo:rerun-if-changed=schemas/examples");
    let mut ex: Vec<_> = std::fs::read_dir(&examples)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    ex.sort();
    for p in &ex {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if name.ends_with(".json") {
            entries.push((format!("schemas/examples/{name}"), p.clone()));
        }
    }
    let flows = dir.join("flows.json");
    if !flows.exists() {
        println!(
            "cargo::error=the flow table is missing: {}",
            flows.display()
        );
        return;
    }
    entries.push(("schemas/flows.json".to_owned(), flows));
    let data = Path::new(&manifest).join("data");
    println!("cargo:rerun-if-changed=data");
    for name in ["gbt2260.tsv", "gbt2260-historic.tsv", "holidays-cn.tsv"] {
        entries.push((format!("data/{name}"), data.join(name)));
    }
    let mut bundle = String::new();
    let mut out = String::from(
        "/// `(path in the crate, start, end)` of each embedded file in the inflated bundle.\npub(crate) static BUNDLE_FILES: &[(&str, usize, usize)] = &[\n",
    );
    // Every `pattern` of the schemas, collected as the files are read, then compiled below.
    let mut patterns = std::collections::BTreeSet::new();
    for (path, file) in &entries {
        println!("cargo:rerun-if-changed={path}");
        let text = match std::fs::read_to_string(file) {
            Ok(t) => t,
            Err(e) => {
                println!("cargo::error=cannot read {}: {e}", file.display());
                return;
            }
        };
        if path.ends_with(".schema.json") {
            match serde_json::from_str::<serde_json::Value>(&text) {
                Ok(v) => collect_patterns(&v, &mut patterns),
                Err(e) => {
                    println!("cargo::error={path}: {e}");
                    return;
                }
            }
        }
        let start = bundle.len();
        bundle.push_str(&text);
        let _ = writeln!(out, "    ({path:?}, {start}, {}),", bundle.len());
    }
    out.push_str("];\n");
    let _ = writeln!(
        out,
        "/// The length of the inflated bundle.\npub(crate) const BUNDLE_LEN: usize = {};",
        bundle.len()
    );
    out.push_str(
        "/// The bundle, deflated.\npub(crate) static BUNDLE: &[u8] = include_bytes!(concat!(env!(\"OUT_DIR\"), \"/bundle.deflate\"));\n",
    );
    // Each pattern compiled here into a minimal dense DFA (serialised for the target's byte
    // order): the library links only the DFA search, not a regex compiler.
    let big_endian = std::env::var("CARGO_CFG_TARGET_ENDIAN").is_ok_and(|e| e == "big");
    let mut dfas: Vec<u8> = Vec::new();
    out.push_str(
        "/// `(pattern, start, end)` of each schema pattern's dense DFA in [`PATTERN_DFAS`].\npub(crate) static PATTERNS: &[(&str, usize, usize)] = &[\n",
    );
    for p in &patterns {
        let dfa = regex_automata::dfa::dense::Builder::new()
            .configure(regex_automata::dfa::dense::Config::new().minimize(true))
            .build(p);
        let dfa = match dfa {
            Ok(d) => d,
            Err(e) => {
                println!("cargo::error=the schema pattern {p:?} does not compile: {e}");
                return;
            }
        };
        let (bytes, pad) = if big_endian {
            dfa.to_bytes_big_endian()
        } else {
            dfa.to_bytes_little_endian()
        };
        // Each DFA starts at a multiple of 8 in the blob, which is 8-aligned once inflated (embedded::pattern_dfas).
        while dfas.len() % 8 != 0 {
            dfas.push(0);
        }
        let start = dfas.len();
        dfas.extend_from_slice(bytes.get(pad..).unwrap_or_default());
        let _ = writeln!(out, "    ({p:?}, {start}, {}),", dfas.len());
    }
    out.push_str("];\n");
    // The dense DFAs are mostly transitions to the dead state: 62 KB that deflate to 3 KB,
    // inflated once (embedded::pattern_dfas) into an aligned buffer for `DFA::from_bytes`.
    let _ = writeln!(
        out,
        "/// The length of the schema patterns' DFAs, inflated.\npub(crate) const PATTERN_DFAS_LEN: usize = {};",
        dfas.len()
    );
    out.push_str(
        "/// The schema patterns' dense DFAs, deflated.\npub(crate) static PATTERN_DFAS_DEFLATED: &[u8] = include_bytes!(concat!(env!(\"OUT_DIR\"), \"/patterns.dfa.deflate\"));\n",
    );
    let out_dir = std::env::var("OUT_DIR").unwrap_or_default();
    let deflated = miniz_oxide::deflate::compress_to_vec(bundle.as_bytes(), 10);
    let dfas_deflated = miniz_oxide::deflate::compress_to_vec(&dfas, 10);
    for (name, bytes) in [
        ("bundle.deflate", deflated.as_slice()),
        ("patterns.dfa.deflate", dfas_deflated.as_slice()),
        ("bundle.rs", out.as_bytes()),
    ] {
        let target = Path::new(&out_dir).join(name);
        if let Err(e) = std::fs::write(&target, bytes) {
            println!("cargo::error=cannot write {}: {e}", target.display());
            return;
        }
    }
}

/// Every string value of a member named `pattern`, anywhere in `v`.
fn collect_patterns(v: &serde_json::Value, out: &mut std::collections::BTreeSet<String>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                match (k.as_str(), x) {
                    ("pattern", serde_json::Value::String(p)) => {
                        out.insert(p.clone());
                    }
                    _ => collect_patterns(x, out),
                }
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| collect_patterns(x, out)),
        _ => {}
    }
}
