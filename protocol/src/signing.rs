//! Signing a document: the canonical payload, checked as a verifier would, then the JWS.

use crate::error_imp::{self as error, Error, ErrorCode, Result};
use crate::keys_imp::Signer;
use crate::{
    canonical_imp as canonical, envelope_imp as envelope, json_imp as json, jws_imp as jws,
};

/// Signs a document with one or several signers and returns the JWS (general JSON
/// serialization) as text. The payload is the document's RFC 8785 canonical form.
///
/// The document must be a JSON object without floating-point numbers and with integers within
/// ±(2^53−1), and its envelope must be valid: a signer never emits a message a verifier would
/// refuse for its shape.
///
/// # Errors
/// `json.not_integer`/`json.integer_out_of_range` (with the pointer), `envelope.*`,
/// `input.invalid` without signers, or a signer's error.
pub fn sign(document: &serde_json::Value, signers: &[&dyn Signer]) -> Result<String> {
    sign_checked(document, signers, &|_| true)
}

/// [`sign`] with a catalogue: `known` says which message types exist
/// (`envelope.unknown_type` for the others), as the verifier's profile does.
///
/// # Errors
/// Those of [`sign`].
pub fn sign_checked(
    document: &serde_json::Value,
    signers: &[&dyn Signer],
    known: &dyn Fn(&str) -> bool,
) -> Result<String> {
    jws::sign_payload(checked_payload(document, signers, known)?, signers)
}

/// A signed document: the JWS and the digest of its payload — the SHA-256 (base64url) a
/// verifier reports as [`crate::Verified::digest`] and a receipt acknowledges.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Signed {
    /// The JWS (general JSON serialization).
    pub jws: String,
    /// The SHA-256 of the payload, base64url.
    pub digest: String,
}

/// [`sign_checked`], with the payload's digest: for a signer that records what it sent (an
/// archive, an outbox) without reading its own JWS back.
///
/// # Errors
/// Those of [`sign`].
pub fn sign_checked_with_digest(
    document: &serde_json::Value,
    signers: &[&dyn Signer],
    known: &dyn Fn(&str) -> bool,
) -> Result<Signed> {
    let payload = checked_payload(document, signers, known)?;
    let digest = envelope::digest(&payload);
    Ok(Signed {
        jws: jws::sign_payload(payload, signers)?,
        digest,
    })
}

/// The payload of [`sign_checked`]: the document's canonical bytes, checked as a verifier
/// would check them.
fn checked_payload(
    document: &serde_json::Value,
    signers: &[&dyn Signer],
    known: &dyn Fn(&str) -> bool,
) -> Result<Vec<u8>> {
    if signers.is_empty() {
        return Err(Error::new(
            ErrorCode::InputInvalid,
            "at least one signer is needed",
        ));
    }
    reject_floats(document, &mut String::new())?;
    let payload = canonical::to_vec(document);
    // Re-read the canonical bytes with the verifier's strict parser: this rejects floats and
    // unsafe integers with their pointer, exactly as a verifier would.
    let value = json::parse(
        &payload,
        json::Limits::default(),
        json::Numbers::IntegersOnly,
    )?;
    envelope::Document::from_json_with(value, known)?;
    Ok(payload)
}

/// Refuses floating-point numbers anywhere in an in-memory document, even integral ones such as
/// `4500.0` or `-0.0`: documents carry integers only (DESIGN §3), and a float would be signed as
/// its canonical integer form, hiding a type error of the caller.
fn reject_floats(v: &serde_json::Value, path: &mut String) -> Result<()> {
    match v {
        serde_json::Value::Number(n) if n.is_f64() => Err(Error::new(
            ErrorCode::JsonNotInteger,
            "a floating-point number in the document; documents carry integers only (money in fen)",
        )
        .at(path.clone())),
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = path.len();
                path.push_str(&format!("/{i}"));
                reject_floats(item, path)?;
                path.truncate(len);
            }
            Ok(())
        }
        serde_json::Value::Object(members) => {
            for (k, item) in members {
                let len = path.len();
                path.push('/');
                path.push_str(&error::escape_pointer_token(k));
                reject_floats(item, path)?;
                path.truncate(len);
            }
            Ok(())
        }
        _ => Ok(()),
    }
}
