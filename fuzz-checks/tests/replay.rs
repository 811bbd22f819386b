//! Replays every committed fuzz corpus (`fuzz/corpus/<target>/*`) through the same check the
//! fuzz target runs, on the stable toolchain: CI catches a regression on any input the
//! campaigns found interesting without nightly or libFuzzer. Crash inputs kept as regression
//! cases live in `fuzz/regressions/<target>/` and are replayed the same way.

// A test: a failed read or check is a test failure.
#![allow(clippy::panic)]

use std::path::{Path, PathBuf};

use labourlink_fuzz_checks::TARGETS;

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

fn replay(kind: &str) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fuzz")
        .join(kind);
    let mut n = 0;
    for (name, check) in TARGETS {
        for file in files(&root.join(name)) {
            let data = match std::fs::read(&file) {
                Ok(data) => data,
                // A running campaign replaces corpus files while it reduces them.
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => panic!("cannot read {}: {e}", file.display()),
            };
            check(&data);
            n += 1;
        }
    }
    n
}

#[test]
fn corpora_replay() {
    let n = replay("corpus");
    assert!(n > 0, "no corpus files under fuzz/corpus");
    eprintln!("replayed {n} corpus inputs");
}

#[test]
fn regressions_replay() {
    let n = replay("regressions");
    eprintln!("replayed {n} regression inputs");
}

/// Every target has a corpus directory and a cargo-fuzz target of the same name.
#[test]
fn every_target_has_a_corpus_and_a_fuzz_target() {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz");
    for (name, _) in TARGETS {
        assert!(
            !files(&fuzz.join("corpus").join(name)).is_empty(),
            "fuzz/corpus/{name} is empty"
        );
        assert!(
            fuzz.join("fuzz_targets")
                .join(format!("{name}.rs"))
                .is_file(),
            "no fuzz/fuzz_targets/{name}.rs"
        );
    }
}

/// The verify target's signed mode reaches the end of the pipeline: the catalogue examples,
/// signed by their sender's key in the catalogue trust list, verify (the schema and rules
/// stages of every domain run on them). The exceptions are the documents only a trust anchor
/// signs, the trust list's and the reference data's examples: no catalogue party may sign a
/// `trust_list` or a `reference_data`.
#[test]
fn signed_catalogue_examples_verify() {
    let (ok, mut refused) = over_examples(|bytes| {
        labourlink_fuzz_checks::verify_signed(0, bytes)
            .map(|r| r.map_err(|e| e.code().as_str()))
            .or(Some(Err("not signed")))
    });
    eprintln!("{ok} verified; refused: {refused:#?}");
    assert!(ok > 0);
    refused.sort();
    assert!(
        refused.len() == 2
            && refused[0].ends_with("reference_data.json: envelope.type_not_allowed")
            && refused[1].ends_with("trust_list.json: envelope.type_not_allowed"),
        "{refused:#?}"
    );
}

/// Runs `check` over every catalogue example (`schemas/examples/*.json`): how many gave
/// `Some(Ok)`, and `"file: code"` for each `Some(Err(code))` (`None`: not counted).
fn over_examples(
    check: impl Fn(&[u8]) -> Option<Result<(), &'static str>>,
) -> (usize, Vec<String>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schemas/examples");
    let mut ok = 0;
    let mut refused = Vec::new();
    for file in files(&dir) {
        let Ok(bytes) = std::fs::read(&file) else {
            panic!("cannot read {}", file.display())
        };
        match check(&bytes) {
            Some(Ok(())) => ok += 1,
            Some(Err(code)) => refused.push(format!("{}: {code}", file.display())),
            None => {}
        }
    }
    (ok, refused)
}

/// The catalogue examples answer one another (`in_reply_to`): each reply, verified as a reply
/// to the example it names, passes the reply rules (the flow table, the parties, the case),
/// live and archived alike — so the `verify` target's reply property is reached from its seeds.
#[test]
fn catalogue_replies_verify_as_replies() {
    let (ok, refused) = over_examples(|bytes| {
        labourlink_fuzz_checks::reply_to_catalogue_example(bytes).map(|r| r.map_err(|c| c.as_str()))
    });
    eprintln!("{ok} replies verified; refused: {refused:#?}");
    assert!(ok >= 20, "only {ok} catalogue replies verified as replies");
    assert!(refused.is_empty(), "{refused:#?}");
}
