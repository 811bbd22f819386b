//! Every JSON-pointer constant of `labourlink::messages::pointers` (generated from the schemas by
//! `cargo xtask regen`, used by the business rules) resolves in the embedded schemas: a rule
//! that names a field the schema does not have cannot exist.

use std::collections::BTreeMap;

use labourlink::messages::pointers::{self, PATHS};
use serde_json::Value;

const DEFS_PREFIX: &str = "urn:labourlink:schema:defs:1#/$defs/";

fn schemas() -> BTreeMap<String, Value> {
    labourlink::schema::files()
        .iter()
        .filter_map(|(file, text)| {
            let name = file.strip_suffix(".schema.json")?;
            Some((name.to_owned(), serde_json::from_str(text).ok()?))
        })
        .collect()
}

/// The member `name` of the object schema `schema`, following `$ref`s into `defs`.
fn member<'a>(schema: &'a Value, name: &str, defs: &'a Value) -> Option<&'a Value> {
    let schema = deref(schema, defs);
    if name == "*" {
        return schema.get("items").map(|i| deref(i, defs));
    }
    schema.get("properties")?.get(name).map(|m| deref(m, defs))
}

fn deref<'a>(schema: &'a Value, defs: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => r
            .strip_prefix(DEFS_PREFIX)
            .and_then(|d| defs.get(d))
            .map_or(schema, |d| deref(d, defs)),
        None => schema,
    }
}

#[test]
fn every_pointer_constant_resolves_in_its_schema() {
    let schemas = schemas();
    let defs = &schemas["defs"]["$defs"];
    assert!(PATHS.len() > 500, "only {} pointer constants", PATHS.len());
    for (owner, path) in PATHS {
        let root = match owner.strip_prefix("defs#") {
            Some(def) => &defs[def],
            None => &schemas[*owner],
        };
        assert!(root.is_object(), "{owner}: no such schema");
        let mut at = root;
        for name in path.trim_start_matches('/').split('/') {
            at = member(at, name, defs)
                .unwrap_or_else(|| panic!("{owner} {path}: no member {name:?} in the schema"));
        }
    }
}

#[test]
fn constants_are_the_segments_the_rules_compose() {
    use pointers::worker_transfer::roster::{self, workers};
    assert_eq!(roster::WORKERS, "/workers");
    assert_eq!(
        format!(
            "{}/3{}{}",
            roster::WORKERS,
            workers::PERSON,
            pointers::defs::person::CITIZEN_ID
        ),
        "/workers/3/person/citizen_id"
    );
    assert_eq!(pointers::envelope::from::REGION, "/region");
}
