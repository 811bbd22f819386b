//! The implementation of [`crate::b64`] (private: its public items are re-exported there).

use base64_simd::URL_SAFE_NO_PAD;

use crate::error_imp::{Error, ErrorCode, Result};

/// Encodes bytes as base64url without padding.
#[must_use]
pub fn encode(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode_to_string(bytes)
}

/// Decodes base64url without padding. Padding (`=`), the standard alphabet (`+`, `/`),
/// whitespace and non-canonical trailing bits are refused with `jws.base64`; `what` names the
/// member in the message and `path` is its JSON pointer.
pub fn decode(text: &str, what: &str, path: &str) -> Result<Vec<u8>> {
    URL_SAFE_NO_PAD
        .decode_to_vec(text)
        .map_err(|_| decode_error(text, what, path))
}

/// Why `text` is not base64url without padding (only called once decoding failed).
#[cold]
fn decode_error(text: &str, what: &str, path: &str) -> Error {
    let bad = text
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'));
    let message = match bad {
        Some((_, '=')) => {
            format!("{what} has base64 padding ('='); JWS uses base64url without padding")
        }
        Some((at, c)) => format!(
            "{what} is not valid base64url without padding: {} at offset {at}",
            describe(c)
        ),
        None if text.len() % 4 == 1 => format!(
            "{what} is not valid base64url without padding: its length ({}) leaves a single character over",
            text.len()
        ),
        None => format!(
            "{what} is not valid base64url without padding: the last character has bits set \
             that encode nothing (not the canonical encoding)"
        ),
    };
    Error::new(ErrorCode::JwsBase64, message).at(path)
}

/// A character for a message: quoted when printable ASCII, else its code point.
fn describe(c: char) -> String {
    if c.is_ascii_graphic() {
        format!("'{c}'")
    } else {
        format!("U+{:04X}", u32::from(c))
    }
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

    /// Each refusal says what is wrong, in words a reader can act on.
    #[test]
    fn messages() {
        let message = |text: &str| decode(text, "the payload", "/p").unwrap_err().to_string();
        assert!(
            message("-_8=").contains("padding ('=')"),
            "{}",
            message("-_8=")
        );
        assert!(
            message("ab+c").contains("'+' at offset 2"),
            "{}",
            message("ab+c")
        );
        assert!(message("ab\ncd").contains("U+000A at offset 2"));
        assert!(
            message("abcde").contains("length (5)"),
            "{}",
            message("abcde")
        );
        assert!(message("-_9").contains("not the canonical encoding"));
        assert!(message("ab中").contains("U+4E2D at offset 2"));
    }

    /// The same acceptance and bytes as the `base64` crate's strict engine (URL-safe alphabet,
    /// no padding, canonical trailing bits), on every string of up to four characters over an
    /// alphabet that mixes valid characters with `=`, `+`, `/`, whitespace and a non-ASCII one.
    #[test]
    fn the_same_acceptance_as_the_base64_crate() {
        use base64::Engine as _;
        let reference = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let alphabet = [
            'A', 'B', 'Q', 'g', 'w', '8', '9', '-', '_', '=', '+', '/', ' ', 'é',
        ];
        let mut texts = vec![String::new()];
        let mut layer = vec![String::new()];
        for _ in 0..4 {
            layer = layer
                .iter()
                .flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}")))
                .collect();
            texts.extend(layer.iter().cloned());
        }
        for text in &texts {
            assert_eq!(
                decode(text, "x", "/p").ok(),
                reference.decode(text).ok(),
                "{text:?}"
            );
        }
        for n in 0..200_u8 {
            let bytes: Vec<u8> = (0..n).map(|i| i.wrapping_mul(37) ^ n).collect();
            assert_eq!(encode(&bytes), reference.encode(&bytes));
        }
    }
}
