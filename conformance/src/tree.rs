//! The file walk shared by the build script (which embeds the suite) and the library (which
//! reads a suite from directories): both must see the same files under the same names, or the
//! embedded suite and the source tree would hash differently.
//!
//! Included by `build.rs` with `#[path]`, so it uses the standard library only.

use std::path::{Path, PathBuf};

/// Every regular file under `root` (only `*.json` when `only_json`; symbolic links followed),
/// as (path relative to `root` with `/` separators, path on disk), sorted by the relative
/// path's bytes. A name with a backslash or a line break is refused: the suite hash has one
/// manifest line per file.
pub(crate) fn files(root: &Path, only_json: bool) -> Result<Vec<(String, PathBuf)>, String> {
    if !root.is_dir() {
        return Err(format!("{} is not a directory", root.display()));
    }
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries =
            std::fs::read_dir(&dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        for entry in entries {
            let entry = entry.map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
            let path = entry.path();
            let kind = std::fs::metadata(&path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            if kind.is_dir() {
                stack.push(path);
                continue;
            }
            if !kind.is_file() || (only_json && path.extension().is_none_or(|x| x != "json")) {
                continue;
            }
            let rel = path
                .strip_prefix(root)
                .map_err(|e| format!("{}: {e}", path.display()))?
                .components()
                .map(|c| c.as_os_str().to_str().map(str::to_owned))
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| format!("{} is not a UTF-8 path", path.display()))?
                .join("/");
            if rel.contains(['\\', '\n', '\r']) {
                return Err(format!(
                    "{}: a file name with a backslash or line break is not allowed (the suite hash has one manifest line per file)",
                    path.display()
                ));
            }
            out.push((rel, path));
        }
    }
    out.sort();
    Ok(out)
}
