//! TEMPORARY stub (replaced by the strict parser).
#![allow(missing_docs)]
use crate::error::{Error, ErrorCode, Result};
pub const DEFAULT_MAX_BYTES: usize = 1024 * 1024;
pub const DEFAULT_MAX_DEPTH: usize = 32;
pub const MAX_SAFE_INTEGER: i64 = 9_007_199_254_740_991;
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    pub max_bytes: usize,
    pub max_depth: usize,
}
impl Limits {
    #[must_use]
    pub const fn new(max_bytes: usize, max_depth: usize) -> Self {
        Self {
            max_bytes,
            max_depth,
        }
    }
}
impl Default for Limits {
    fn default() -> Self {
        Self::new(DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH)
    }
}
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Numbers {
    IntegersOnly,
    Any,
}
pub fn parse(bytes: &[u8], limits: Limits, _numbers: Numbers) -> Result<serde_json::Value> {
    if bytes.len() > limits.max_bytes {
        return Err(Error::new(ErrorCode::JsonTooLarge, "too large").at(""));
    }
    serde_json::from_slice(bytes)
        .map_err(|e| Error::new(ErrorCode::JsonSyntax, e.to_string()).at(""))
}
pub fn parse_document(bytes: &[u8]) -> Result<serde_json::Value> {
    parse(bytes, Limits::default(), Numbers::IntegersOnly)
}
