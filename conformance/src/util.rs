//! Small helpers: hex, base64, JSON pointers, file writing, the vector file layout.

use std::path::{Path, PathBuf};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde_json::Value;

/// Lowercase hex of bytes.
#[must_use]
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0xF)]));
    }
    out
}

/// Decodes hex (either case; whitespace ignored).
///
/// # Errors
/// A message when the text is not an even number of hex digits.
pub fn unhex(text: &str) -> Result<Vec<u8>, String> {
    let clean: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    if clean.len() % 2 != 0 {
        return Err(format!("odd number of hex digits in {text:?}"));
    }
    let digit = |b: u8| -> Result<u8, String> {
        match b {
            b'0'..=b'9' => Ok(b - b'0'),
            b'a'..=b'f' => Ok(b - b'a' + 10),
            b'A'..=b'F' => Ok(b - b'A' + 10),
            _ => Err(format!("not a hex digit: {:?}", char::from(b))),
        }
    };
    clean
        .chunks(2)
        .map(|pair| match pair {
            [hi, lo] => Ok((digit(*hi)? << 4) | digit(*lo)?),
            _ => Err("odd number of hex digits".to_owned()),
        })
        .collect()
}

/// Standard base64 (RFC 4648 §4, with padding): how vectors carry bytes that are not UTF-8.
#[must_use]
pub fn b64_std(bytes: &[u8]) -> String {
    STANDARD.encode(bytes)
}

/// Decodes standard base64 with padding.
///
/// # Errors
/// A message when the text is not standard base64.
pub fn unb64_std(text: &str) -> Result<Vec<u8>, String> {
    STANDARD
        .decode(text)
        .map_err(|e| format!("not standard base64: {e}"))
}

/// Sets the value at an RFC 6901 pointer, creating the last member (objects) or appending
/// (arrays, token `-`).
///
/// # Errors
/// A message when the parent does not exist or the token does not fit.
pub fn set_pointer(root: &mut Value, pointer: &str, new: Value) -> Result<(), String> {
    if pointer.is_empty() {
        *root = new;
        return Ok(());
    }
    let (parent, last) = pointer
        .rsplit_once('/')
        .ok_or_else(|| format!("bad pointer {pointer:?}"))?;
    let last = last.replace("~1", "/").replace("~0", "~");
    let target = root
        .pointer_mut(parent)
        .ok_or_else(|| format!("no value at {parent:?}"))?;
    match target {
        Value::Object(m) => {
            m.insert(last, new);
            Ok(())
        }
        Value::Array(a) => {
            if last == "-" {
                a.push(new);
                return Ok(());
            }
            let i: usize = last
                .parse()
                .map_err(|_| format!("bad array index {last:?}"))?;
            match a.get_mut(i) {
                Some(slot) => {
                    *slot = new;
                    Ok(())
                }
                None => Err(format!("index {i} out of range at {parent:?}")),
            }
        }
        _ => Err(format!("{parent:?} is not a container")),
    }
}

/// Removes the value at an RFC 6901 pointer.
///
/// # Errors
/// A message when there is nothing to remove.
pub fn remove_pointer(root: &mut Value, pointer: &str) -> Result<(), String> {
    let (parent, last) = pointer
        .rsplit_once('/')
        .ok_or_else(|| format!("bad pointer {pointer:?}"))?;
    let last = last.replace("~1", "/").replace("~0", "~");
    match root.pointer_mut(parent) {
        Some(Value::Object(m)) => m
            .remove(&last)
            .map(|_| ())
            .ok_or_else(|| format!("nothing at {pointer:?}")),
        Some(Value::Array(a)) => {
            let i: usize = last
                .parse()
                .map_err(|_| format!("bad array index {last:?}"))?;
            if i < a.len() {
                a.remove(i);
                Ok(())
            } else {
                Err(format!("nothing at {pointer:?}"))
            }
        }
        _ => Err(format!("nothing at {pointer:?}")),
    }
}

/// The order of the top-level members in a vector file (others follow, sorted).
const TOP_ORDER: &[&str] = &[
    "id",
    "area",
    "kind",
    "description",
    "requirements",
    "origin",
    "contributor",
    "recipe",
    "input",
    "expected",
    "intermediate",
];

/// Pretty-prints a vector (or any JSON object) with the top-level members in a fixed order,
/// two-space indentation and a final newline: the on-disk form of every generated file.
#[must_use]
pub fn pretty_vector(v: &Value) -> String {
    let Value::Object(map) = v else {
        return format!("{}\n", pretty(v));
    };
    let mut keys: Vec<&String> = map.keys().collect();
    keys.sort_by_key(|k| {
        (
            TOP_ORDER
                .iter()
                .position(|t| t == k)
                .unwrap_or(TOP_ORDER.len()),
            (*k).clone(),
        )
    });
    let mut out = String::from("{\n");
    for (i, k) in keys.iter().enumerate() {
        let value = pretty(&map[k.as_str()]).replace('\n', "\n  ");
        out.push_str(&format!(
            "  {}: {value}",
            serde_json::to_string(k).unwrap_or_default()
        ));
        out.push_str(if i + 1 < keys.len() { ",\n" } else { "\n" });
    }
    out.push_str("}\n");
    out
}

/// `serde_json` pretty printing (sorted members, two spaces).
#[must_use]
pub fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default()
}

/// Reads a file as UTF-8 text.
///
/// # Errors
/// A message naming the file.
pub fn read_text(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// Reads and parses a JSON file (with `serde_json`: vector files are trusted test data).
///
/// # Errors
/// A message naming the file.
pub fn read_json(path: &Path) -> Result<Value, String> {
    serde_json::from_str(&read_text(path)?)
        .map_err(|e| format!("{} is not JSON: {e}", path.display()))
}

/// Writes a file, creating its directory.
///
/// # Errors
/// A message naming the file.
pub fn write_file(path: &Path, data: &[u8]) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    std::fs::write(path, data).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Every `*.json` file under `dir`, recursively, sorted.
///
/// # Errors
/// A message when a directory cannot be read.
pub fn json_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries =
            std::fs::read_dir(&d).map_err(|e| format!("cannot read {}: {e}", d.display()))?;
        for entry in entries {
            let path = entry
                .map_err(|e| format!("cannot read {}: {e}", d.display()))?
                .path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "json") {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// The conformance directory: `$LABOURLINK_CONFORMANCE_DIR`, else `./conformance` or `.` when
/// they hold `vectors/`, else the directory this crate was built from.
#[must_use]
pub fn default_root() -> PathBuf {
    if let Some(dir) = std::env::var_os("LABOURLINK_CONFORMANCE_DIR") {
        return PathBuf::from(dir);
    }
    for candidate in ["conformance", "."] {
        let p = PathBuf::from(candidate);
        if p.join("vectors").is_dir() && p.join("keys").is_dir() {
            return p;
        }
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn hex_round_trip() {
        assert_eq!(hex(&[0, 0xab, 0xff]), "00abff");
        assert_eq!(unhex("00 AB ff").unwrap(), vec![0, 0xab, 0xff]);
        assert!(unhex("0").is_err());
    }

    #[test]
    fn pointers() {
        let mut v = serde_json::json!({"a": [1, {"b": 2}]});
        set_pointer(&mut v, "/a/1/c", serde_json::json!(3)).unwrap();
        set_pointer(&mut v, "/a/-", serde_json::json!(4)).unwrap();
        remove_pointer(&mut v, "/a/0").unwrap();
        assert_eq!(v, serde_json::json!({"a": [{"b": 2, "c": 3}, 4]}));
    }

    #[test]
    fn vector_layout() {
        let v = serde_json::json!({"input": {"x": 1}, "id": "a", "zzz": 0, "kind": "verify"});
        assert_eq!(
            pretty_vector(&v),
            "{\n  \"id\": \"a\",\n  \"kind\": \"verify\",\n  \"input\": {\n    \"x\": 1\n  },\n  \"zzz\": 0\n}\n"
        );
    }
}
