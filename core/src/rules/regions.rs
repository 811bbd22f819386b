//! GB/T 2260 administrative division codes (domain.md §1.2).
//!
//! Two embedded, dated data files (parsed once per process into a `HashMap`):
//! - `core/data/gbt2260.tsv` — the **current** list (province, prefecture and county levels) as
//!   of [`CURRENT_LIST_AS_OF`]. Agency, workplace and other region fields are checked against it.
//! - `core/data/gbt2260-historic.tsv` — codes of earlier lists that are no longer current
//!   (Ningbo's 330204 江东区 and 330283 奉化市 among them). An ID number keeps the address code
//!   of its first registration forever, so ID address codes are checked against current ∪
//!   historic ([`is_known_region`]).
//!
//! The headers of both files name their sources (registry packages with versions) and dates.
//!
//! The free functions below read the embedded lists. A [`RegionTable`] is the embedded lists
//! with the changes of a signed reference-data document applied (codes added to or retired
//! from the current list after [`CURRENT_LIST_AS_OF`]): the rules stage reads the table it was
//! given ([`crate::rules::RulesStage::with_regions`]), so a newer GB/T 2260 list needs no
//! release.
//!
//! ```
//! use labourlink::rules::regions;
//! assert!(regions::is_current_region("330213"));          // 奉化区
//! assert!(!regions::is_current_region("330283"));         // 奉化市, historic
//! assert!(regions::is_known_region("330283"));
//! assert_eq!(regions::region_name("513400"), Some("凉山彝族自治州"));
//! assert_eq!(regions::province_of("330203"), Some("330000"));
//! assert!(regions::is_cross_province("513426", "330203"));
//! ```

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// Date of the current list in `core/data/gbt2260.tsv` (the cut-off date of its source).
pub const CURRENT_LIST_AS_OF: &str = "2023-06-30";

/// The level of a division, read from the shape of its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegionLevel {
    /// `PP0000`: province, autonomous region, municipality, SAR.
    Province,
    /// `PPCC00`: prefecture-level city, autonomous prefecture, league.
    Prefecture,
    /// Anything else: county-level division.
    County,
}

impl RegionLevel {
    /// How many leading digits identify a division of this level (2, 4 or 6).
    #[must_use]
    pub const fn prefix_len(self) -> usize {
        match self {
            Self::Province => 2,
            Self::Prefecture => 4,
            Self::County => 6,
        }
    }

    /// The level of a 6-digit code (`None` when it is not 6 ASCII digits).
    #[must_use]
    pub fn of(code: &str) -> Option<Self> {
        if !is_code_format(code) {
            return None;
        }
        Some(if code.ends_with("0000") {
            Self::Province
        } else if code.ends_with("00") {
            Self::Prefecture
        } else {
            Self::County
        })
    }
}

#[derive(Debug)]
struct Entry {
    name: &'static str,
    current: bool,
    note: Option<&'static str>,
}

struct Table {
    map: HashMap<&'static str, Entry>,
    current: usize,
    historic: usize,
}

fn parse_into(text: &'static str, current: bool, map: &mut HashMap<&'static str, Entry>) -> usize {
    let mut n = 0;
    for line in text.lines() {
        if line.starts_with('#') || line.starts_with("code\t") || line.trim().is_empty() {
            continue;
        }
        let mut cols = line.split('\t');
        let (Some(code), Some(name)) = (cols.next(), cols.next()) else {
            continue;
        };
        if !is_code_format(code) {
            continue;
        }
        let third = cols.next();
        let note = if current { None } else { third };
        // The current list wins over a historic entry of the same code.
        if !current && map.contains_key(code) {
            continue;
        }
        map.insert(
            code,
            Entry {
                name,
                current,
                note,
            },
        );
        n += 1;
    }
    n
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut map = HashMap::with_capacity(7200);
        let text = |name| crate::embedded::file(name).unwrap_or_default();
        let current = parse_into(text("data/gbt2260.tsv"), true, &mut map);
        let historic = parse_into(text("data/gbt2260-historic.tsv"), false, &mut map);
        Table {
            map,
            current,
            historic,
        }
    })
}

/// A GB/T 2260 table: the embedded current and historic lists with later changes applied.
///
/// ```
/// use labourlink::rules::regions::RegionTable;
/// let mut t = RegionTable::embedded().clone();
/// t.apply_changes("2024-12-31", &[("330299".into(), "测试新区".into())],
///     &[("330213".into(), "retired 2024-12-31".into())]).unwrap();
/// assert!(t.is_current("330299"));
/// assert_eq!(t.name("330299"), Some("测试新区"));
/// assert!(t.is_historic("330213"));
/// assert_eq!(t.as_of(), "2024-12-31");
/// assert!(RegionTable::embedded().is_current("330213"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionTable {
    as_of: String,
    /// Codes whose entry differs from the embedded lists: added (current) or retired
    /// (historic, with a note).
    changes: HashMap<String, Change>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Change {
    name: String,
    current: bool,
    note: Option<String>,
}

impl RegionTable {
    /// The embedded lists, as of [`CURRENT_LIST_AS_OF`].
    #[must_use]
    pub fn embedded() -> &'static Self {
        static EMBEDDED: OnceLock<RegionTable> = OnceLock::new();
        EMBEDDED.get_or_init(|| Self {
            as_of: CURRENT_LIST_AS_OF.to_owned(),
            changes: HashMap::new(),
        })
    }

    /// The date of the current list (the embedded [`CURRENT_LIST_AS_OF`] or the `as_of` of
    /// the last applied changes).
    #[must_use]
    pub fn as_of(&self) -> &str {
        &self.as_of
    }

    /// Applies the changes of a newer list: `added` codes (with their names) become current,
    /// `retired` codes (with a note: when and why) become historic. A code of `added` that is
    /// already current is renamed.
    ///
    /// # Errors
    /// `input.invalid` when a code is not six digits, a name is empty, a code is both added
    /// and retired, or a retired code is neither current nor added earlier.
    pub fn apply_changes(
        &mut self,
        as_of: &str,
        added: &[(String, String)],
        retired: &[(String, String)],
    ) -> crate::error::Result<()> {
        use crate::error::{Error, ErrorCode};
        let bad = |m: String| Err(Error::new(ErrorCode::InputInvalid, m));
        for (code, name) in added {
            if !is_code_format(code) || name.trim().is_empty() {
                return bad(format!(
                    "region change: '{code}' needs six digits and a name"
                ));
            }
            if retired.iter().any(|(c, _)| c == code) {
                return bad(format!("region change: {code} is both added and retired"));
            }
        }
        for (code, _) in retired {
            if !is_code_format(code) {
                return bad(format!("region change: '{code}' is not six digits"));
            }
            if !self.is_current(code) && !added.iter().any(|(c, _)| c == code) {
                return bad(format!(
                    "region change: {code} is retired but not in the current list"
                ));
            }
        }
        for (code, name) in added {
            self.changes.insert(
                code.clone(),
                Change {
                    name: name.clone(),
                    current: true,
                    note: None,
                },
            );
        }
        for (code, note) in retired {
            let name = self.name(code).unwrap_or_default().to_owned();
            self.changes.insert(
                code.clone(),
                Change {
                    name,
                    current: false,
                    note: Some(note.clone()),
                },
            );
        }
        as_of.clone_into(&mut self.as_of);
        Ok(())
    }

    /// Whether `code` is in the current list.
    #[must_use]
    pub fn is_current(&self, code: &str) -> bool {
        match self.changes.get(code) {
            Some(c) => c.current,
            None => is_current_region(code),
        }
    }

    /// Whether `code` is a historic code only.
    #[must_use]
    pub fn is_historic(&self, code: &str) -> bool {
        match self.changes.get(code) {
            Some(c) => !c.current,
            None => is_historic_region(code),
        }
    }

    /// Whether `code` is current or historic (the test for ID address codes).
    #[must_use]
    pub fn is_known(&self, code: &str) -> bool {
        self.changes.contains_key(code) || is_known_region(code)
    }

    /// The name of a current code, or the last known name of a historic one.
    #[must_use]
    pub fn name(&self, code: &str) -> Option<&str> {
        match self.changes.get(code) {
            Some(c) => Some(c.name.as_str()),
            None => region_name(code),
        }
    }

    /// The validity note of a historic code.
    #[must_use]
    pub fn historic_note(&self, code: &str) -> Option<&str> {
        match self.changes.get(code) {
            Some(c) => c.note.as_deref(),
            None => historic_note(code),
        }
    }

    /// The province-level code (`PP0000`) of a code, when that province is known.
    #[must_use]
    pub fn province_of<'a>(&'a self, code: &str) -> Option<&'a str> {
        self.ancestor(code, RegionLevel::Province)
    }

    /// The prefecture-level code (`PPCC00`) of a code, when that code is known.
    #[must_use]
    pub fn prefecture_of<'a>(&'a self, code: &str) -> Option<&'a str> {
        self.ancestor(code, RegionLevel::Prefecture)
    }

    fn ancestor<'a>(&'a self, code: &str, level: RegionLevel) -> Option<&'a str> {
        if !is_code_format(code) {
            return None;
        }
        let prefix = code.get(..level.prefix_len())?;
        let key = format!("{prefix:0<6}");
        if let Some((k, _)) = self.changes.get_key_value(key.as_str()) {
            return Some(k.as_str());
        }
        table().map.get_key_value(key.as_str()).map(|(k, _)| *k)
    }

    /// Codes added to the current list and codes retired from it, relative to the embedded
    /// lists.
    #[must_use]
    pub fn changed_counts(&self) -> (usize, usize) {
        let added = self.changes.values().filter(|c| c.current).count();
        (added, self.changes.len() - added)
    }
}

/// Whether `code` is exactly six ASCII digits.
#[must_use]
pub(crate) fn is_code_format(code: &str) -> bool {
    code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit())
}

/// Whether `code` is in the current list.
#[must_use]
pub fn is_current_region(code: &str) -> bool {
    table().map.get(code).is_some_and(|e| e.current)
}

/// Whether `code` is a historic code only (in an earlier list, not in the current one).
#[must_use]
pub fn is_historic_region(code: &str) -> bool {
    table().map.get(code).is_some_and(|e| !e.current)
}

/// Whether `code` is current or historic (the test for ID address codes).
#[must_use]
pub fn is_known_region(code: &str) -> bool {
    table().map.contains_key(code)
}

/// The name of a current code, or the last known name of a historic one.
#[must_use]
pub fn region_name(code: &str) -> Option<&'static str> {
    table().map.get(code).map(|e| e.name)
}

/// The validity note of a historic code (when and where it was listed).
#[must_use]
pub fn historic_note(code: &str) -> Option<&'static str> {
    table().map.get(code).and_then(|e| e.note)
}

/// The province-level code (`PP0000`) of a 6-digit code, when that province is known
/// (`None` for malformed codes and unknown provinces).
#[must_use]
pub fn province_of(code: &str) -> Option<&'static str> {
    ancestor(code, RegionLevel::Province)
}

/// The prefecture-level code (`PPCC00`) of a 6-digit code, when that code is known (current
/// or historic: e.g. `110105` gives the historic placeholder `110100` 市辖区).
#[must_use]
pub fn prefecture_of(code: &str) -> Option<&'static str> {
    ancestor(code, RegionLevel::Prefecture)
}

fn ancestor(code: &str, level: RegionLevel) -> Option<&'static str> {
    if !is_code_format(code) {
        return None;
    }
    let prefix = code.get(..level.prefix_len())?;
    let key = format!("{prefix:0<6}");
    table().map.get_key_value(key.as_str()).map(|(k, _)| *k)
}

/// Whether two 6-digit codes lie in different provinces (first two digits differ). `false`
/// when either is not six digits: the format rule reports that.
#[must_use]
pub fn is_cross_province(a: &str, b: &str) -> bool {
    is_code_format(a) && is_code_format(b) && a.get(..2) != b.get(..2)
}

/// Whether two 6-digit codes lie in the same division of `level` (same first 2, 4 or 6
/// digits). `false` when either is not six digits.
#[must_use]
pub(crate) fn same_area(a: &str, b: &str, level: RegionLevel) -> bool {
    let n = level.prefix_len();
    is_code_format(a) && is_code_format(b) && a.get(..n) == b.get(..n)
}

/// Whether `code` lies inside `parent` (a province `PP0000`, prefecture `PPCC00` or the same
/// county code). `false` when either is not six digits.
#[must_use]
pub fn is_within(code: &str, parent: &str) -> bool {
    RegionLevel::of(parent).is_some_and(|level| same_area(code, parent, level))
}

/// Number of codes in the current list and in the historic list.
#[must_use]
pub fn counts() -> (usize, usize) {
    let t = table();
    (t.current, t.historic)
}
