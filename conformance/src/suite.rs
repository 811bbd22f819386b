//! The suite's data — vector files and key files — either embedded in this build (the default,
//! so an installed runner works from any directory) or read from directories (`--vectors`,
//! `--keys`, `$LABOURLINK_CONFORMANCE_DIR`), and the identity a report carries: the suite version
//! and SHA-256 hashes of the vector set and of the key set.
//!
//! # The hashes
//!
//! `vectors_sha256` is the SHA-256 of a manifest of the vector files: every `*.json` file under
//! the vectors directory, one line per file, sorted by path (byte order), each line the
//! lowercase hex SHA-256 of the file's bytes, two spaces, the path relative to the vectors
//! directory with `/` separators, and a line feed — exactly what `sha256sum` prints. From the
//! vectors directory, with GNU tools:
//!
//! ```text
//! find . -type f -name '*.json' -printf '%P\n' | LC_ALL=C sort | xargs -d '\n' sha256sum | sha256sum
//! ```
//!
//! `keys_sha256` is the same over every regular file under the keys directory (the trust lists
//! and test keys the vectors refer to): `find . -type f -printf '%P\n' | …` from `keys/`.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::keys::Registry;
use crate::vectors::Vector;

// `EMBEDDED_VECTORS` and `EMBEDDED_KEYS`: (relative path, bytes), sorted by path.
include!(concat!(env!("OUT_DIR"), "/embedded_suite.rs"));

/// The suite version: the version of this crate (the workspace version), which names the
/// vectors, keys and runner released together.
pub const SUITE_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The environment variable naming a conformance directory (holding `vectors/` and `keys/`)
/// that `run` and `list` use instead of the embedded data when no `--vectors` is given.
pub const DIR_ENV: &str = "LABOURLINK_CONFORMANCE_DIR";

/// One file of the suite.
#[derive(Clone)]
pub struct SuiteFile {
    /// The path relative to the vectors (or keys) directory, with `/` separators.
    pub path: String,
    /// The file's bytes.
    pub bytes: Cow<'static, [u8]>,
}

impl std::fmt::Debug for SuiteFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SuiteFile({}, {} bytes)", self.path, self.bytes.len())
    }
}

/// Where the data came from: a directory, or (`None`) the data embedded in this build.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Source {
    /// The vectors directory (`None`: embedded).
    pub vectors: Option<PathBuf>,
    /// The keys directory (`None`: embedded).
    pub keys: Option<PathBuf>,
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.vectors, &self.keys) {
            (None, None) => f.write_str("embedded in this runner"),
            (v, k) => {
                let show = |p: &Option<PathBuf>| {
                    p.as_ref()
                        .map_or_else(|| "embedded".to_owned(), |p| p.display().to_string())
                };
                write!(f, "vectors {}, keys {}", show(v), show(k))
            }
        }
    }
}

/// The vector and key files of a suite, with their hashes.
#[derive(Debug, Clone)]
pub struct SuiteFiles {
    /// Where they came from.
    pub source: Source,
    /// The vector files, sorted by path.
    pub vectors: Vec<SuiteFile>,
    /// The key files by path.
    pub keys: BTreeMap<String, SuiteFile>,
    vectors_sha256: String,
    keys_sha256: String,
}

/// What a report names: the suite version, where the data came from and its hashes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuiteIdentity {
    /// [`SUITE_VERSION`].
    pub version: String,
    /// Where the data came from ([`Source`] as text).
    pub source: String,
    /// The number of vector files.
    pub vector_files: usize,
    /// The SHA-256 (hex) of the vector set (see the module docs).
    pub vectors_sha256: String,
    /// The SHA-256 (hex) of the key set (see the module docs).
    pub keys_sha256: String,
}

impl SuiteIdentity {
    /// As a JSON object (`version`, `source`, `vector_files`, `vectors_sha256`, `keys_sha256`).
    #[must_use]
    pub fn to_json(&self) -> Value {
        json!({
            "version": self.version,
            "source": self.source,
            "vector_files": self.vector_files,
            "vectors_sha256": self.vectors_sha256,
            "keys_sha256": self.keys_sha256,
            "hash_definition": "SHA-256 of the sha256sum manifest of the files, sorted by path (conformance/README.md)",
        })
    }
}

/// The SHA-256 (lowercase hex) of the `sha256sum` manifest of `files`: for each file in the
/// given order, `<hex sha256 of bytes>  <path>\n`.
#[must_use]
pub fn manifest_sha256<'a>(files: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> String {
    let mut manifest = String::new();
    for (path, bytes) in files {
        let digest = ring::digest::digest(&ring::digest::SHA256, bytes);
        let _ = writeln!(manifest, "{}  {path}", crate::util::hex(digest.as_ref()));
    }
    crate::util::hex(ring::digest::digest(&ring::digest::SHA256, manifest.as_bytes()).as_ref())
}

impl SuiteFiles {
    fn new(source: Source, mut vectors: Vec<SuiteFile>, keys: Vec<SuiteFile>) -> Self {
        vectors.sort_by(|a, b| a.path.cmp(&b.path));
        let keys: BTreeMap<String, SuiteFile> =
            keys.into_iter().map(|f| (f.path.clone(), f)).collect();
        let vectors_sha256 = manifest_sha256(vectors.iter().map(|f| (&*f.path, &*f.bytes)));
        let keys_sha256 = manifest_sha256(keys.values().map(|f| (&*f.path, &*f.bytes)));
        Self {
            source,
            vectors,
            keys,
            vectors_sha256,
            keys_sha256,
        }
    }

    /// The vectors and keys embedded in this build.
    #[must_use]
    pub fn embedded() -> Self {
        Self::new(
            Source::default(),
            embedded_files(EMBEDDED_VECTORS),
            embedded_files(EMBEDDED_KEYS),
        )
    }

    /// Every `*.json` file under `vectors` and every file under `keys`.
    ///
    /// # Errors
    /// A message naming a directory or file that cannot be read, or a file name with a
    /// backslash or line break (it would not have one `sha256sum` manifest line).
    pub fn from_dirs(vectors: &Path, keys: &Path) -> Result<Self, String> {
        Self::open(Some(vectors), Some(keys))
    }

    /// The vectors and keys of these directories, the embedded ones where `None`.
    ///
    /// # Errors
    /// As [`SuiteFiles::from_dirs`].
    pub fn open(vectors: Option<&Path>, keys: Option<&Path>) -> Result<Self, String> {
        let vector_files = match vectors {
            Some(d) => read_tree(d, true)?,
            None => embedded_files(EMBEDDED_VECTORS),
        };
        let key_files = match keys {
            Some(d) => read_tree(d, false)?,
            None => embedded_files(EMBEDDED_KEYS),
        };
        let source = Source {
            vectors: vectors.map(Path::to_path_buf),
            keys: keys.map(Path::to_path_buf),
        };
        Ok(Self::new(source, vector_files, key_files))
    }

    /// The suite's identity for reports.
    #[must_use]
    pub fn identity(&self) -> SuiteIdentity {
        SuiteIdentity {
            version: SUITE_VERSION.to_owned(),
            source: self.source.to_string(),
            vector_files: self.vectors.len(),
            vectors_sha256: self.vectors_sha256.clone(),
            keys_sha256: self.keys_sha256.clone(),
        }
    }

    /// The SHA-256 of the vector set.
    #[must_use]
    pub fn vectors_sha256(&self) -> &str {
        &self.vectors_sha256
    }

    /// The SHA-256 of the key set.
    #[must_use]
    pub fn keys_sha256(&self) -> &str {
        &self.keys_sha256
    }

    /// A key file as text, by its path relative to the keys directory.
    ///
    /// # Errors
    /// A message when there is no such file or it is not UTF-8.
    pub fn key_text(&self, path: &str) -> Result<String, String> {
        let f = self
            .keys
            .get(path)
            .ok_or_else(|| format!("no key file {path:?} in the keys ({})", self.source))?;
        String::from_utf8(f.bytes.to_vec()).map_err(|_| format!("key file {path} is not UTF-8"))
    }

    /// The test keys.
    ///
    /// # Errors
    /// A message when a key file is missing or malformed.
    pub fn registry(&self) -> Result<Registry, String> {
        Registry::load_with(&|p: &str| self.key_text(p))
    }

    /// Every vector, sorted by area and id.
    ///
    /// # Errors
    /// A message for a malformed file or two vectors with the same id.
    pub fn load_vectors(&self) -> Result<Vec<Vector>, String> {
        let base = self
            .source
            .vectors
            .clone()
            .unwrap_or_else(|| PathBuf::from("vectors"));
        let mut out = Vec::with_capacity(self.vectors.len());
        for f in &self.vectors {
            let path = base.join(&f.path);
            let value: Value = serde_json::from_slice(&f.bytes)
                .map_err(|e| format!("{} is not JSON: {e}", path.display()))?;
            out.push(Vector::from_value(path, value)?);
        }
        crate::vectors::sort_and_check(out)
    }
}

fn embedded_files(list: &'static [(&'static str, &'static [u8])]) -> Vec<SuiteFile> {
    list.iter()
        .map(|(path, bytes)| SuiteFile {
            path: (*path).to_owned(),
            bytes: Cow::Borrowed(*bytes),
        })
        .collect()
}

/// The regular files under `root` (only `*.json` when `only_json`), sorted by relative path.
fn read_tree(root: &Path, only_json: bool) -> Result<Vec<SuiteFile>, String> {
    crate::tree::files(root, only_json)?
        .into_iter()
        .map(|(rel, path)| {
            let bytes =
                std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            Ok(SuiteFile {
                path: rel,
                bytes: Cow::Owned(bytes),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_manifest_hash_is_sha256sum_of_sha256sum() {
        // printf 'a' > x/a.json; printf '' > x/b/c.json;
        // (cd x && find . -type f -printf '%P\n' | LC_ALL=C sort | xargs sha256sum | sha256sum)
        let h = manifest_sha256([("a.json", &b"a"[..]), ("b/c.json", &b""[..])]);
        let manifest = "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb  a.json\n\
                        e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  b/c.json\n";
        let want = crate::util::hex(
            ring::digest::digest(&ring::digest::SHA256, manifest.as_bytes()).as_ref(),
        );
        assert_eq!(h, want);
    }

    #[test]
    fn the_embedded_data_equals_the_source_tree() {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let dirs = SuiteFiles::from_dirs(&root.join("vectors"), &root.join("keys")).unwrap();
        let embedded = SuiteFiles::embedded();
        assert!(embedded.vectors.len() >= 600);
        assert_eq!(embedded.vectors_sha256(), dirs.vectors_sha256());
        assert_eq!(embedded.keys_sha256(), dirs.keys_sha256());
        assert_eq!(
            embedded.load_vectors().unwrap().len(),
            embedded.vectors.len()
        );
        assert!(embedded.registry().is_ok());
    }
}
