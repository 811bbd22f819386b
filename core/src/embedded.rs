//! The files embedded in the crate (see `build.rs`): the catalogue's schemas, examples and flow
//! table, and the reference tables of `data/`, as one deflated bundle inflated once, on first
//! use (about 2 ms natively). Deflating them takes 0.6 MB off the WASM package.

use std::sync::OnceLock;

include!(concat!(env!("OUT_DIR"), "/bundle.rs"));

/// The inflated bundle; empty if it cannot be inflated (a broken build: every schema is then
/// missing and the schema stage answers `internal.schemas`, never a silent pass).
fn bundle() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        miniz_oxide::inflate::decompress_to_vec_with_limit(BUNDLE, BUNDLE_LEN)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .filter(|text| text.len() == BUNDLE_LEN)
            .unwrap_or_default()
    })
}

/// The schema patterns' dense DFAs, inflated once and 8-byte aligned as `DFA::from_bytes`
/// needs (each DFA starts at a multiple of 8); empty if they cannot be inflated (every
/// pattern then fails to load and the schema stage answers `internal.schemas`).
pub(crate) fn pattern_dfas() -> &'static [u8] {
    static DFAS: OnceLock<(Vec<u8>, usize)> = OnceLock::new();
    let (buf, at) = DFAS.get_or_init(|| {
        let Ok(raw) = miniz_oxide::inflate::decompress_to_vec_with_limit(
            PATTERN_DFAS_DEFLATED,
            PATTERN_DFAS_LEN,
        ) else {
            return (Vec::new(), 0);
        };
        let mut buf = vec![0u8; raw.len() + 8];
        let at = buf.as_ptr().align_offset(8).min(8);
        if let Some(dst) = buf.get_mut(at..at + raw.len()) {
            dst.copy_from_slice(&raw);
        }
        (buf, at)
    });
    buf.get(*at..*at + PATTERN_DFAS_LEN).unwrap_or_default()
}

/// The text of the embedded file at `path` (relative to the crate: `schemas/flows.json`,
/// `data/gbt2260.tsv`).
pub(crate) fn file(path: &str) -> Option<&'static str> {
    BUNDLE_FILES
        .iter()
        .find(|(p, ..)| *p == path)
        .and_then(|&(_, start, end)| bundle().get(start..end))
}

/// `(name, text)` of the embedded files directly in folder `dir` (`schemas/`) whose name ends
/// with `suffix`, the name without `dir`, in name order.
pub(crate) fn files_in(
    dir: &'static str,
    suffix: &'static str,
) -> impl Iterator<Item = (&'static str, &'static str)> {
    BUNDLE_FILES.iter().filter_map(move |&(path, start, end)| {
        let name = path.strip_prefix(dir)?;
        if name.contains('/') || !name.ends_with(suffix) {
            return None;
        }
        Some((name, bundle().get(start..end)?))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundle_is_the_files_on_disk() {
        assert!(BUNDLE_FILES.len() > 90, "{} files", BUNDLE_FILES.len());
        assert!(
            BUNDLE.len() * 4 < BUNDLE_LEN,
            "deflated to {} of {BUNDLE_LEN}",
            BUNDLE.len()
        );
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for (path, ..) in BUNDLE_FILES {
            let on_disk = std::fs::read_to_string(root.join(path)).unwrap_or_default();
            assert!(
                file(path) == Some(on_disk.as_str()),
                "{path}: the embedded copy is not the file on disk (a stale build: touch core/build.rs)"
            );
        }
        let schemas: Vec<_> = files_in("schemas/", ".schema.json").collect();
        assert!(schemas.len() >= 47, "{}", schemas.len());
        assert!(schemas.iter().all(|(n, _)| !n.contains('/')));
        assert_eq!(file("schemas/none.json"), None);
    }

    #[test]
    fn the_pattern_dfas_inflate_aligned() {
        let dfas = pattern_dfas();
        assert_eq!(dfas.len(), PATTERN_DFAS_LEN);
        assert!(PATTERN_DFAS_DEFLATED.len() * 4 < PATTERN_DFAS_LEN);
        assert_eq!(dfas.as_ptr().align_offset(8), 0);
        assert!(
            PATTERNS
                .iter()
                .all(|&(_, start, end)| start % 8 == 0 && end <= dfas.len())
        );
    }
}
