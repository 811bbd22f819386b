//! The implementation of [`crate::b64`] (private: its public items are re-exported there).

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::error_imp::{Error, ErrorCode, Result};

/// Encodes bytes as base64url without padding.
#[must_use]
pub fn encode(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Decodes base64url without padding. Padding (`=`), the standard alphabet (`+`, `/`),
/// whitespace and non-canonical trailing bits are refused with `jws.base64`; `what` names the
/// member in the message and `path` is its JSON pointer.
pub fn decode(text: &str, what: &str, path: &str) -> Result<Vec<u8>> {
    if text.contains('=') {
        return Err(Error::new(
            ErrorCode::JwsBase64,
            format!("{what} has base64 padding ('='); JWS uses base64url without padding"),
        )
        .at(path));
    }
    URL_SAFE_NO_PAD.decode(text).map_err(|e| {
        Error::new(
            ErrorCode::JwsBase64,
            format!("{what} is not valid base64url without padding: {e}"),
        )
        .at(path)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict() {
        assert_eq!(encode(b"\xfb\xff"), "-_8");
        assert_eq!(decode("-_8", "x", "/p").unwrap(), b"\xfb\xff");
        assert_eq!(
            decode("-_8=", "x", "/p").unwrap_err().code(),
            ErrorCode::JwsBase64
        );
        assert_eq!(
            decode("+/8", "x", "/p").unwrap_err().code(),
            ErrorCode::JwsBase64
        );
        assert_eq!(
            decode("-_9", "x", "/p").unwrap_err().code(),
            ErrorCode::JwsBase64
        );
        assert_eq!(decode("a b", "x", "/p").unwrap_err().path(), Some("/p"));
    }
}
