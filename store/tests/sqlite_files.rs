//! SQLite files that are not a good store: a clear error code, never a panic, never a silent
//! in-memory fallback.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use labourlink::ErrorCode;
use labourlink_store::Store;

fn dir(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("labourlink-sqlite-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn garbage_file_is_corrupt() {
    let d = dir("garbage");
    let p = d.join("store.db");
    std::fs::write(&p, vec![0x5a; 8192]).unwrap();
    for r in [
        Store::open(&format!("sqlite://{}", p.display())),
        Store::init(&format!("sqlite://{}", p.display())),
    ] {
        assert_eq!(r.unwrap_err().code(), ErrorCode::StoreCorrupt);
    }
    let _ = std::fs::remove_dir_all(d);
}

#[test]
fn damaged_store_is_corrupt_or_unavailable_never_a_panic() {
    let d = dir("damaged");
    let p = d.join("store.db");
    let url = format!("sqlite://{}", p.display());
    drop(Store::init(&url).unwrap());
    // Overwrite the file's header (the first page) with garbage.
    let mut bytes = std::fs::read(&p).unwrap();
    for b in bytes.iter_mut().take(100) {
        *b = 0xff;
    }
    std::fs::write(&p, bytes).unwrap();
    let _ = std::fs::remove_file(d.join("store.db-wal"));
    let e = Store::open(&url).unwrap_err();
    assert!(
        matches!(
            e.code(),
            ErrorCode::StoreCorrupt | ErrorCode::StoreUnavailable
        ),
        "{e}"
    );
    let _ = std::fs::remove_dir_all(d);
}

#[test]
fn missing_file_is_not_created_by_open() {
    let d = dir("missing");
    let p = d.join("typo.db");
    let e = Store::open(&format!("sqlite://{}", p.display())).unwrap_err();
    assert_eq!(e.code(), ErrorCode::StoreNotInitialized);
    assert!(!p.exists(), "open must not create a new, empty store");
    // The error repeats the URL in the form the user can give back (STORE.md).
    assert!(
        e.message()
            .contains(&format!("--store sqlite://{}`", p.display())),
        "{}",
        e.message()
    );
    let e = Store::open("sqlite:no-such-relative-store.db").unwrap_err();
    assert!(
        e.message()
            .contains("--store sqlite:no-such-relative-store.db`"),
        "{}",
        e.message()
    );
    // A folder that does not exist is named (SQLite says only "unable to open database file").
    let missing = d.join("no/such");
    let e = Store::init(&format!("sqlite://{}", missing.join("dir.db").display())).unwrap_err();
    assert_eq!(e.code(), ErrorCode::StoreUnavailable);
    assert!(
        e.message()
            .contains(&format!("the folder {} ", missing.display()))
            && e.message().contains("does not exist"),
        "{}",
        e.message()
    );
    assert!(e.message_zh().contains("目录"), "{}", e.message_zh());
    // A folder a shell would split is quoted in the suggested command, and a long one is not
    // cut short (review s40 F7).
    let spaced = d.join(format!("with space {}", "x".repeat(80))).join("no");
    let e = Store::init(&format!("sqlite://{}", spaced.join("s.db").display())).unwrap_err();
    assert!(
        e.message()
            .contains(&format!("(mkdir -p '{}')", spaced.display())),
        "{}",
        e.message()
    );
    let _ = std::fs::remove_dir_all(d);
}

#[test]
fn wal_mode_and_full_sync() {
    let d = dir("wal");
    let p = d.join("store.db");
    drop(Store::init(&format!("sqlite://{}", p.display())).unwrap());
    let c = rusqlite::Connection::open(&p).unwrap();
    let mode: String = c
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let _ = std::fs::remove_dir_all(d);
}

#[cfg(unix)]
#[test]
fn read_only_file_is_refused() {
    use std::os::unix::fs::PermissionsExt as _;
    let d = dir("readonly");
    let p = d.join("store.db");
    let url = format!("sqlite://{}", p.display());
    drop(Store::init(&url).unwrap());
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o444)).unwrap();
    if std::fs::OpenOptions::new().write(true).open(&p).is_ok() {
        // root ignores file modes: nothing to test here.
        use std::io::Write as _;
        let _ = writeln!(
            std::io::stderr(),
            "SKIP read_only_file_is_refused: running as root"
        );
    } else {
        assert_eq!(
            Store::open(&url).unwrap_err().code(),
            ErrorCode::StoreUnavailable
        );
    }
    let _ = std::fs::remove_dir_all(d);
}
