//! RFC 8785 conformance: the reference test data of the RFC author and labourlink's own vectors.
#![allow(clippy::unwrap_used, clippy::panic)] // test helpers outside #[test] functions

use std::fs;
use std::path::{Path, PathBuf};

use labourlink::canonical::{canonicalize, to_vec};
use labourlink::json::{Limits, Numbers, parse};

/// The vectors shipped with the crate (a copy of cyberphone/json-canonicalization testdata).
const RFC8785: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors/rfc8785");
/// The shared copy in the development tree (absent on CI, which has only the repository).
const RFC8785_SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/vectors/rfc8785");
const EXTRA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors/canonical-extra");

fn decode_hex(text: &str) -> Vec<u8> {
    let clean: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    hex::decode(clean).unwrap()
}

fn input_names(dir: &Path) -> Vec<PathBuf> {
    let mut names: Vec<PathBuf> = fs::read_dir(dir.join("input"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    names.sort();
    names
}

fn check_rfc8785_dir(dir: &Path) -> usize {
    let inputs = input_names(dir);
    for input in &inputs {
        let name = input.file_stem().unwrap().to_str().unwrap();
        let got = canonicalize(&fs::read(input).unwrap()).unwrap_or_else(|e| panic!("{name}: {e}"));
        let expected = fs::read(dir.join("output").join(format!("{name}.json"))).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&got),
            String::from_utf8_lossy(&expected),
            "{name}: output/"
        );
        assert_eq!(got, expected, "{name}: output/ bytes");
        let hex = fs::read_to_string(dir.join("outhex").join(format!("{name}.txt"))).unwrap();
        assert_eq!(got, decode_hex(&hex), "{name}: outhex/");
        // Canonical output is a fixed point.
        assert_eq!(canonicalize(&got).unwrap(), got, "{name}: idempotent");
    }
    inputs.len()
}

#[test]
fn rfc8785_reference_vectors() {
    let n = check_rfc8785_dir(Path::new(RFC8785));
    assert_eq!(n, 6, "expected the six reference files");
}

#[test]
fn rfc8785_shared_copy_matches_when_present() {
    let shared = Path::new(RFC8785_SHARED);
    if !shared.is_dir() {
        return; // CI has only the repository.
    }
    assert_eq!(check_rfc8785_dir(shared), 6);
    for sub in ["input", "output", "outhex"] {
        for entry in fs::read_dir(shared.join(sub)).unwrap() {
            let path = entry.unwrap().path();
            let ours = Path::new(RFC8785).join(sub).join(path.file_name().unwrap());
            assert_eq!(
                fs::read(&path).unwrap(),
                fs::read(&ours).unwrap(),
                "{ours:?}"
            );
        }
    }
}

#[test]
fn reference_unicode_keeps_nfd_bytes() {
    // RFC 8785 does not normalise: "A" + U+030A stays 41 CC 8A.
    let got =
        canonicalize(&fs::read(Path::new(RFC8785).join("input/unicode.json")).unwrap()).unwrap();
    assert!(got.windows(3).any(|w| w == [0x41, 0xCC, 0x8A]));
}

#[derive(serde::Deserialize)]
struct Case {
    description: String,
    input: String,
    expected: String,
}

#[derive(serde::Deserialize)]
struct Reject {
    description: String,
    input: String,
    error: String,
    path: String,
}

#[test]
fn canonical_extra_cases() {
    let cases: Vec<Case> =
        serde_json::from_slice(&fs::read(Path::new(EXTRA).join("cases.json")).unwrap()).unwrap();
    assert!(cases.len() >= 20);
    for case in &cases {
        let got = canonicalize(case.input.as_bytes())
            .unwrap_or_else(|e| panic!("{}: {e}", case.description));
        assert_eq!(
            String::from_utf8(got.clone()).unwrap(),
            case.expected,
            "{}",
            case.description
        );
        assert_eq!(
            canonicalize(&got).unwrap(),
            got,
            "{}: idempotent",
            case.description
        );
        // The in-memory path gives the same bytes.
        let value = parse(case.input.as_bytes(), Limits::default(), Numbers::Any).unwrap();
        assert_eq!(to_vec(&value), got, "{}: to_vec", case.description);
    }
}

#[test]
fn canonical_extra_rejections() {
    let cases: Vec<Reject> =
        serde_json::from_slice(&fs::read(Path::new(EXTRA).join("reject.json")).unwrap()).unwrap();
    assert!(cases.len() >= 15);
    for case in &cases {
        let err = canonicalize(case.input.as_bytes())
            .map(|v| String::from_utf8_lossy(&v).into_owned())
            .expect_err(&case.description);
        assert_eq!(
            err.code().as_str(),
            case.error,
            "{}: {err}",
            case.description
        );
        assert_eq!(
            err.path(),
            Some(case.path.as_str()),
            "{}: {err}",
            case.description
        );
    }
}

#[test]
fn utf16_order_differs_from_code_point_order() {
    let value = serde_json::json!({"\u{FB33}": 1, "\u{1F602}": 2, "\u{E000}": 3, "a": 4});
    assert_eq!(
        String::from_utf8(to_vec(&value)).unwrap(),
        "{\"a\":4,\"\u{1F602}\":2,\"\u{E000}\":3,\"\u{FB33}\":1}"
    );
}

#[test]
fn nan_and_infinity_are_not_written_as_null() {
    use labourlink::canonical::format_number;
    assert_eq!(format_number(f64::NAN), "NaN");
    assert_eq!(format_number(f64::INFINITY), "Infinity");
    assert_eq!(format_number(f64::NEG_INFINITY), "-Infinity");
}

#[test]
fn canonical_extra_numbers_match_javascript() {
    use labourlink::canonical::format_number;
    let text = fs::read_to_string(Path::new(EXTRA).join("numbers.txt")).unwrap();
    let mut count = 0;
    for line in text.lines().filter(|l| !l.is_empty()) {
        let (bits, expected) = line.split_once(',').unwrap();
        let value = f64::from_bits(u64::from_str_radix(bits, 16).unwrap());
        assert_eq!(format_number(value), expected, "bits {bits}");
        // The JavaScript text parses back to the same double and is already canonical.
        assert_eq!(
            canonicalize(expected.as_bytes()).unwrap(),
            expected.as_bytes(),
            "{bits}"
        );
        count += 1;
    }
    assert!(count >= 2000);
}
