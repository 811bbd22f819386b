//! Copying a whole store into another, empty one: from SQLite to PostgreSQL when a node grows
//! to several inbox processes, or back ([`crate::Store::copy_into`], `labourlink store copy`).
//!
//! Every table is copied row for row — the replay records (so nothing accepted before is
//! accepted again), the archive with its bodies and signers, the cases, the outbox with its
//! pending rows, the quarantine and the last accepted trust list and reference data per
//! anchor (so no older list is taken after the move). Row numbers (`seq`) are kept, so outbox
//! and archive numbers an operator noted still name the same rows, and the target's counters
//! continue after them.
//!
//! The source is read from one snapshot while its writers are held off (SQLite: its write
//! lock; PostgreSQL: `SHARE` locks on its tables), and the target is written in one
//! transaction: a copy that fails leaves the target empty.

use labourlink_protocol::{Error, ErrorCode, Result};

/// The tables of a store, in the order they are copied.
pub const TABLES: &[&str] = &[
    "ll_trust_state",
    "ll_reference_state",
    "ll_replay",
    "ll_message",
    "ll_case",
    "ll_outbox",
    "ll_quarantine",
];

/// The tables whose `seq` column is numbered by the database (`AUTOINCREMENT`, `BIGSERIAL`).
pub(crate) const NUMBERED: &[&str] = &["ll_message", "ll_outbox", "ll_quarantine"];

/// How many rows the source hands the target at a time.
pub(crate) const BATCH_ROWS: usize = 256;

/// One value of a store table, as both backends hold it (booleans as `Int` 0 or 1).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Cell {
    /// SQL `NULL`.
    Null,
    /// An integer (SQLite `INTEGER`; PostgreSQL `BIGINT`, `INTEGER`, `BOOLEAN`).
    Int(i64),
    /// Text.
    Text(String),
    /// Bytes (SQLite `BLOB`, PostgreSQL `BYTEA`).
    Bytes(Vec<u8>),
}

/// Where the rows a source exports go: called with a table, its column names and a batch of
/// at most a few hundred rows, in the column order given.
pub type RowSink<'a> = dyn FnMut(&str, &[String], &[Vec<Cell>]) -> Result<()> + 'a;

/// What [`crate::Store::copy_into`] copied.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CopyReport {
    /// The schema version of both stores.
    pub schema_version: u32,
    /// Each table of [`TABLES`] with the rows copied, in that order.
    pub rows: Vec<(String, u64)>,
}

impl CopyReport {
    /// The rows copied, all tables together.
    #[must_use]
    pub fn total_rows(&self) -> u64 {
        self.rows.iter().map(|(_, n)| n).sum()
    }
}

/// Refuses a target that already holds rows: a copy never merges two stores.
pub(crate) fn not_empty(table: &str) -> Error {
    Error::new(
        ErrorCode::InputInvalid,
        format!(
            "the target store is not empty (table {table} holds rows): a copy goes only into a store just made with `labourlink store init`, never merges two stores"
        ),
    )
    .zh(format!(
        "目标存储库不是空的（表 {table} 中已有数据）：只能复制到刚用 `labourlink store init` 创建的存储库，绝不合并两个存储库"
    ))
}

/// Checks a table and the column names a source gives before they are written into SQL: a
/// store table, plain lower-case names.
pub(crate) fn check_names(table: &str, columns: &[String]) -> Result<()> {
    let plain = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    };
    if !TABLES.contains(&table) || columns.is_empty() || !columns.iter().all(|c| plain(c)) {
        return Err(crate::corrupt(format!(
            "the source store's table {} has unexpected columns",
            labourlink_protocol::error::shown(table)
        )));
    }
    Ok(())
}

/// `INSERT INTO table (a, b) VALUES ($1, $2)` (SQLite reads `$N` too).
pub(crate) fn insert_sql(table: &str, columns: &[String]) -> String {
    let marks: Vec<String> = (1..=columns.len()).map(|i| format!("${i}")).collect();
    format!(
        "INSERT INTO {table} ({}) VALUES ({})",
        columns.join(", "),
        marks.join(", ")
    )
}
