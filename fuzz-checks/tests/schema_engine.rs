//! The schema engine (`core/src/schema_engine.rs`) against `jsonschema`, the general engine it
//! replaced (the reference lives in this crate: `reference_pointers`):
//! on every example body, every schema-area conformance document and tens of thousands of
//! mutations of the examples (members removed, values of every JSON type and many string forms
//! put in every place, unknown members added, items repeated, several changes at once), both
//! must give the same verdict and the same set of violation pointers (LL-SCHEMA-002 compares
//! violations as a set of pointers).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use labourlink::schema;
use labourlink_fuzz_checks::{engine_pointers, reference_pointers, schema_types};
use serde_json::{Value, json};

/// A small deterministic generator (xorshift), so that a failure can be reproduced.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % (n as u64)).unwrap()
    }
}

/// Every pointer inside `v` (not the root).
fn pointers(v: &Value, at: &str, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                let p = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
                out.push(p.clone());
                pointers(x, &p, out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                let p = format!("{at}/{i}");
                out.push(p.clone());
                pointers(x, &p, out);
            }
        }
        _ => {}
    }
}

/// Values put in place of others: every JSON type, and strings near the catalogue's formats.
fn replacements() -> Vec<Value> {
    vec![
        json!(null),
        json!(true),
        json!(0),
        json!(-1),
        json!(1.5),
        json!(2.0),
        json!(1e300),
        json!(18_446_744_073_709_551_615_u64),
        json!(""),
        json!("x"),
        json!("X"),
        json!("2026-02-30"),
        json!("2024-02-29"),
        json!("2026-12-05T23:59:60Z"),
        json!("2026-12-05T10:00:00.123Z"),
        json!("2026-13"),
        json!("2026-01"),
        json!("01A1C333-94E0-76F3-A860-910CA0FB2A20"),
        json!("01a1c333-94e0-76f3-a860-910ca0fb2a20"),
        json!("513401199004180574"),
        json!("５１３４００"),
        json!("513400"),
        json!("330200"),
        json!("male"),
        json!("1.0"),
        json!("a\u{200b}"),
        json!("x".repeat(300)),
        json!([]),
        json!([1, 1]),
        json!(["a", "a"]),
        json!({}),
        json!({"unknown": 1}),
    ]
}

/// Applies one random change to `body`.
fn mutate(body: &mut Value, rng: &mut Rng, values: &[Value]) {
    let mut all = Vec::new();
    pointers(body, "", &mut all);
    if all.is_empty() {
        return;
    }
    let p = all[rng.below(all.len())].clone();
    let (parent, last) = p.rsplit_once('/').unwrap();
    match rng.below(5) {
        0 => {
            // remove
            match body.pointer_mut(parent) {
                Some(Value::Object(m)) => {
                    m.remove(&last.replace("~1", "/").replace("~0", "~"));
                }
                Some(Value::Array(a)) => {
                    let i: usize = last.parse().unwrap();
                    a.remove(i);
                }
                _ => {}
            }
        }
        1 => {
            // an unknown member next to it, or a repeated item
            match body.pointer_mut(parent) {
                Some(Value::Object(m)) => {
                    m.insert("zz_unknown".into(), json!(1));
                }
                Some(Value::Array(a)) => {
                    let first = a[0].clone();
                    a.push(first);
                }
                _ => {}
            }
        }
        _ => {
            if let Some(slot) = body.pointer_mut(&p) {
                *slot = values[rng.below(values.len())].clone();
            }
        }
    }
}

#[test]
fn same_verdict_and_pointers_as_jsonschema() {
    let values = replacements();
    let types = schema_types();
    let mut checked = 0usize;
    let mut invalid = 0usize;
    let mut differing = 0usize;
    let mut differences = Vec::new();
    let mut compare = |t: &str, body: &Value, what: &str| {
        let want = reference_pointers(t, body);
        let (got, truncated) = engine_pointers(t, body);
        assert!(!truncated, "{t} ({what}): no truncation expected here");
        checked += 1;
        invalid += usize::from(want.is_some());
        differing += usize::from(want != got);
        if want != got && differences.len() < 20 {
            differences.push(format!(
                "{t} ({what}): jsonschema {want:?}, engine {got:?}\n  body: {body}"
            ));
        }
    };
    let mut examples = 0;
    for t in &types {
        let Some(example) = schema::example(t) else {
            continue;
        };
        examples += 1;
        let body = example["body"].clone();
        compare(t, &body, "example");
        // Every single change, at every place.
        let mut all = Vec::new();
        pointers(&body, "", &mut all);
        for p in &all {
            for v in &values {
                let mut b = body.clone();
                *b.pointer_mut(p).unwrap() = v.clone();
                compare(t, &b, &format!("{p} = {v}"));
            }
            let (parent, last) = p.rsplit_once('/').unwrap();
            let mut b = body.clone();
            match b.pointer_mut(parent) {
                Some(Value::Object(m)) => {
                    m.remove(last);
                }
                Some(Value::Array(a)) => {
                    a.remove(last.parse::<usize>().unwrap());
                }
                _ => {}
            }
            compare(t, &b, &format!("{p} removed"));
        }
        for v in &values {
            compare(t, v, "the whole body replaced");
        }
        // Several changes at once (the order and the set of violations together).
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ (examples as u64));
        for round in 0..300 {
            let mut b = body.clone();
            for _ in 0..=(round % 4) {
                mutate(&mut b, &mut rng, &values);
            }
            compare(t, &b, &format!("random round {round}"));
        }
    }
    // The documents of the schema area's conformance vectors.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../conformance/vectors/schema");
    let mut vectors = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let vector: Value = serde_json::from_str(&text).unwrap();
        let document = &vector["input"]["document"];
        if let (Some(t), Some(body)) = (document["type"].as_str(), document.get("body")) {
            if types.contains(&t) {
                vectors += 1;
                compare(t, body, "conformance vector");
            }
        }
    }
    assert!(examples >= 44, "only {examples} examples");
    assert!(vectors >= 15, "only {vectors} vector documents");
    assert!(
        differences.is_empty(),
        "{differing} of {checked} checks differ; the first {}:\n{}",
        differences.len(),
        differences.join("\n")
    );
    println!("{checked} bodies checked ({invalid} invalid), engine = jsonschema on every one");
    assert!(
        invalid * 4 > checked,
        "too few invalid bodies: {invalid} of {checked}"
    );
}
