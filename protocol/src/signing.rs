//! Signing a document: the canonical payload, checked as a verifier would, then the JWS.

use crate::error_imp::{self as error, Error, ErrorCode, Result};
use crate::keys_imp::Signer;
use crate::time_imp::Clock;
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

// Here rather than in `envelope`, which `signing` depends on: the builder's signing step.
impl envelope::DocumentBuilder {
    /// Builds the document and signs it, checking it once: the signed payload is read back and
    /// checked as a verifier would (as [`crate::sign_checked`] does), which covers the
    /// envelope check of [`Self::build_checked`]. For a signer that makes many
    /// documents (an inbox's receipts): one conversion to JSON and one check instead of two.
    ///
    /// # Errors
    /// Those of [`Self::build_checked`] and of [`crate::sign`].
    pub fn build_and_sign(
        self,
        clock: &dyn Clock,
        known: &dyn Fn(&str) -> bool,
        signers: &[&dyn Signer],
    ) -> Result<(envelope::Document, Signed)> {
        let doc = self.assemble(clock)?;
        let signed = sign_checked_with_digest(&doc.to_value(), signers, known)?;
        Ok((doc, signed))
    }
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
    // Before any recursive walk: a value built in code may nest deeper than the stack allows.
    json::check_value_depth(document)?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn build_and_sign_is_build_checked_then_sign() {
        use crate::keys_imp::{Algorithm, SigningKey};
        let key = SigningKey::generate(Algorithm::Ed25519, "k1").unwrap();
        let clock = crate::time_imp::FixedClock(
            crate::time_imp::Timestamp::parse("2026-11-27T08:00:00Z").unwrap(),
        );
        let builder = || {
            envelope::Document::builder(
                "receipt",
                envelope::Party::new("330200", "NB"),
                envelope::Party::new("513400", "LS"),
            )
            .id("018f6d0e-7c1a-7b3e-9a55-2f1d3c4b5a69")
            .body(json!({"status": "accepted", "n": 3}))
        };
        let (doc, signed) = builder()
            .build_and_sign(&clock, &|_| true, &[&key])
            .unwrap();
        assert_eq!(doc, builder().build_checked(&clock, &|_| true).unwrap());
        let payload = crate::canonical_imp::to_vec(&doc.to_value());
        assert_eq!(signed.digest, envelope::digest(&payload));
        assert!(signed.jws.contains(&crate::b64_imp::encode(&payload)));
        // The same refusals as build_checked, with the same code and pointer.
        let refusals = [
            (
                builder().schema_version("1"),
                &(|_: &str| true) as &dyn Fn(&str) -> bool,
            ),
            (builder(), &|_: &str| false),
            (builder().body(json!({"fee": 1.5})), &|_: &str| true),
        ];
        for (b, known) in refusals {
            let signed = b
                .clone()
                .build_and_sign(&clock, known, &[&key])
                .unwrap_err();
            let checked = match b.build_checked(&clock, known) {
                Err(e) => e,
                // Floats are the signer's refusal, not the envelope's.
                Ok(doc) => {
                    crate::signing::sign_checked(&doc.to_value(), &[&key], known).unwrap_err()
                }
            };
            assert_eq!(
                (signed.code(), signed.path()),
                (checked.code(), checked.path())
            );
        }
    }
}
