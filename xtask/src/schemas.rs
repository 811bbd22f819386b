//! The JSON Schemas of `core/schemas/` (the repository's `schemas/` links there), read in
//! document order.

use std::collections::BTreeMap;
use std::path::Path;

use crate::json::Json;

/// Schema files that are not message bodies.
pub(crate) const NOT_MESSAGES: &[&str] = &["defs", "envelope", "flows"];

/// Every `*.schema.json`, by name (the file name without `.schema.json`), sorted by name.
pub(crate) struct Schemas {
    by_name: BTreeMap<String, Json>,
}

impl Schemas {
    /// Reads `dir/*.schema.json`.
    pub(crate) fn load(dir: &Path) -> Result<Self, String> {
        let mut by_name = BTreeMap::new();
        let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for entry in entries {
            let entry = entry.map_err(|e| format!("{}: {e}", dir.display()))?;
            let file = entry.file_name().to_string_lossy().into_owned();
            let Some(name) = file.strip_suffix(".schema.json") else {
                continue;
            };
            let path = entry.path();
            let text =
                std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let json = Json::parse(&text).map_err(|e| format!("{}: {e}", path.display()))?;
            by_name.insert(name.to_owned(), json);
        }
        Ok(Self { by_name })
    }

    /// Replaces the schema `name` (with its regenerated text).
    pub(crate) fn set(&mut self, name: &str, schema: Json) {
        self.by_name.insert(name.to_owned(), schema);
    }

    /// The schema `name` (`defs`, `envelope`, a message type).
    pub(crate) fn get(&self, name: &str) -> Result<&Json, String> {
        self.by_name
            .get(name)
            .ok_or_else(|| format!("no schema {name}.schema.json"))
    }

    /// `defs.schema.json`'s `$defs`.
    pub(crate) fn defs(&self) -> Result<&Json, String> {
        self.get("defs")?
            .get("$defs")
            .ok_or_else(|| "defs.schema.json has no $defs".to_owned())
    }

    /// The message types (every schema but [`NOT_MESSAGES`]), sorted.
    pub(crate) fn message_types(&self) -> Vec<String> {
        self.by_name
            .keys()
            .filter(|n| !NOT_MESSAGES.contains(&n.as_str()))
            .cloned()
            .collect()
    }
}
