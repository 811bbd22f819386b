//! TEMPORARY stub (replaced by RFC 8785).
#![allow(missing_docs)]
use crate::error::Result;
pub fn canonicalize(bytes: &[u8]) -> Result<Vec<u8>> {
    Ok(to_vec(&crate::json::parse(
        bytes,
        crate::json::Limits::default(),
        crate::json::Numbers::Any,
    )?))
}
#[must_use]
pub fn to_vec(value: &serde_json::Value) -> Vec<u8> {
    let mut v = Vec::new();
    write(value, &mut v);
    v
}
pub fn write(value: &serde_json::Value, out: &mut Vec<u8>) {
    out.extend_from_slice(value.to_string().as_bytes());
}
#[must_use]
pub fn format_number(value: f64) -> String {
    value.to_string()
}
