//! SQLite files that are not a good store: a clear error code, never a panic, never a silent
//! in-memory fallback.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use labourlink::ErrorCode;
use labourlink::verify::ReplayGuard as _;
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
        let e = r.unwrap_err();
        assert_eq!(e.code(), ErrorCode::StoreCorrupt);
        // Which file, and what to do (audit s42 DR F8).
        assert!(
            e.message().contains(&p.display().to_string())
                && e.message().contains("restore it from a backup"),
            "{e}"
        );
    }
    let _ = std::fs::remove_dir_all(d);
}

/// A store damaged where opening it does not look (an index page) opens, and `Store::check`
/// finds the damage (`labourlink store check`); a whole store checks clean (audit s42 DR F3).
#[test]
fn check_finds_a_damaged_index_page() {
    let d = dir("check");
    let p = d.join("store.db");
    let url = format!("sqlite://{}", p.display());
    let s = Store::init(&url).unwrap();
    let clock = labourlink::time::FixedClock(labourlink::time::Timestamp::from_unix_millis(
        1_795_000_000_000,
    ));
    for i in 0..50u32 {
        let key = labourlink::verify::ReplayKey {
            region: "513400",
            agency: "LS-SI",
            id: &format!("id-{i:04}"),
        };
        s.check_and_record(&key, "d", clock.0, clock.0.add_seconds(86_400))
            .unwrap();
    }
    assert_eq!(s.check().unwrap(), Vec::<String>::new());
    drop(s);
    let conn = rusqlite::Connection::open(&p).unwrap();
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .unwrap();
    let root: i64 = conn
        .query_row(
            "SELECT rootpage FROM sqlite_master WHERE name = 'll_replay_keep_until'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let page: i64 = conn
        .query_row("PRAGMA page_size", [], |r| r.get(0))
        .unwrap();
    drop(conn);
    let mut bytes = std::fs::read(&p).unwrap();
    let at = usize::try_from((root - 1) * page + 8).unwrap();
    for b in &mut bytes[at..at + 200] {
        *b = 0x5a;
    }
    std::fs::write(&p, bytes).unwrap();
    let s = Store::open(&url).unwrap();
    let found = s.check().unwrap();
    assert!(!found.is_empty(), "the damaged index is found");
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
