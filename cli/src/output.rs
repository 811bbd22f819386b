//! Files the command writes: never over an existing file without `--force`, always through a
//! temporary file in the same directory and a rename, so a crash or a full disk leaves either
//! the old file or the whole new one — never half a key.

use std::path::{Path, PathBuf};

use crate::{CmdResult, Failure};

/// How a file is written.
#[derive(Debug, Clone, Copy)]
pub(crate) struct WriteOpts {
    /// Replace an existing file (`--force`).
    pub(crate) force: bool,
    /// Readable by its owner only (mode 0600 on Unix): private keys, exports with personal data.
    pub(crate) secret: bool,
}

impl WriteOpts {
    /// A new file the user named: refused when it exists, unless `force`.
    pub(crate) const fn new_file(force: bool) -> Self {
        Self {
            force,
            secret: false,
        }
    }

    /// A new secret file (mode 0600): refused when it exists, unless `force`.
    pub(crate) const fn secret(force: bool) -> Self {
        Self {
            force,
            secret: true,
        }
    }

    /// A file the command is asked to change in place (a trust-list draft).
    pub(crate) const fn in_place() -> Self {
        Self {
            force: true,
            secret: false,
        }
    }
}

/// Whether `path` names something the command must not replace without `--force`: an existing
/// file with content (an empty file, e.g. made by `mktemp`, and devices such as `/dev/null`
/// are written without asking).
fn is_filled(path: &Path) -> bool {
    match std::fs::metadata(path) {
        Ok(m) => m.is_file() && m.len() > 0,
        // A dangling symlink or an unreadable entry: refuse rather than guess.
        Err(e) => e.kind() != std::io::ErrorKind::NotFound,
    }
}

/// Refuses (exit 2) when `path` exists with content and `force` is not given. Called for
/// every output before anything is written, so that a refusal leaves every file as it was.
pub(crate) fn check_free(path: &str, force: bool) -> CmdResult {
    if !force && is_filled(Path::new(path)) {
        return Err(Failure::Exists(path.to_owned()));
    }
    Ok(())
}

fn io_err(path: &str, e: &std::io::Error) -> Failure {
    Failure::Io(format!("cannot write {path}: {e}"))
}

/// A fresh temporary name next to `path` (same directory, so the rename is atomic).
fn temp_name(path: &Path, attempt: u32) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    path.with_file_name(format!(
        ".{name}.{}-{nanos}-{attempt}.tmp",
        std::process::id()
    ))
}

/// Writes `data` to `path`: refused if the file exists with content and `opts.force` is not
/// set; otherwise written to a temporary file in the same directory (mode 0600 when secret),
/// flushed to disk and renamed over `path`. Without `force` the final step is a hard link,
/// which fails instead of replacing a file that appeared meanwhile.
pub(crate) fn write(path: &str, data: &[u8], opts: WriteOpts) -> CmdResult {
    write_with(path, opts, |w| {
        w.write_all(data).map_err(|e| io_err(path, &e))
    })
}

/// Like [`write`], with the content streamed by `fill` (an export of any size).
pub(crate) fn write_with(
    path: &str,
    opts: WriteOpts,
    fill: impl FnOnce(&mut dyn std::io::Write) -> CmdResult,
) -> CmdResult {
    check_free(path, opts.force)?;
    let target = Path::new(path);
    // Devices and pipes (`/dev/stdout`, a FIFO) cannot be renamed over: write them directly.
    if std::fs::metadata(target).is_ok_and(|m| !m.is_file()) {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .open(target)
            .map_err(|e| io_err(path, &e))?;
        return fill(&mut f);
    }
    let (tmp, file) = create_temp(target, opts.secret).map_err(|e| io_err(path, &e))?;
    let mut w = std::io::BufWriter::new(file);
    let filled = fill(&mut w).and_then(|()| {
        w.into_inner()
            .map_err(|e| io_err(path, e.error()))
            .and_then(|f| f.sync_all().map_err(|e| io_err(path, &e)))
    });
    if let Err(f) = filled {
        let _ = std::fs::remove_file(&tmp);
        return Err(f);
    }
    let placed = place(&tmp, target, opts.force);
    let _ = std::fs::remove_file(&tmp);
    match placed {
        Ok(()) => {
            sync_dir(target);
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            Err(Failure::Exists(path.to_owned()))
        }
        Err(e) => Err(io_err(path, &e)),
    }
}

fn create_temp(target: &Path, secret: bool) -> std::io::Result<(PathBuf, std::fs::File)> {
    let mut attempt = 0;
    loop {
        let tmp = temp_name(target, attempt);
        let mut opts = std::fs::OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt as _;
            opts.mode(if secret { 0o600 } else { 0o666 });
        }
        #[cfg(not(unix))]
        let _ = secret;
        match opts.open(&tmp) {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && attempt < 16 => {
                attempt += 1;
            }
            Err(e) => return Err(e),
        }
    }
}

/// Puts the finished temporary file at `target`: a rename with `force`; without it a hard
/// link (atomic and never replacing), falling back to a checked rename where the file system
/// has no hard links, or when `target` is an empty file (which may be replaced).
fn place(tmp: &Path, target: &Path, force: bool) -> std::io::Result<()> {
    if force {
        return std::fs::rename(tmp, target);
    }
    match std::fs::hard_link(tmp, target) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            if is_filled(target) {
                Err(e)
            } else {
                std::fs::rename(tmp, target)
            }
        }
        Err(_) if !is_filled(target) => std::fs::rename(tmp, target),
        Err(e) => Err(e),
    }
}

/// Makes the rename durable (the directory entry), where the platform allows it.
fn sync_dir(target: &Path) {
    #[cfg(unix)]
    {
        let dir = match target.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
    #[cfg(not(unix))]
    let _ = target;
}
