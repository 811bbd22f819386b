//! # labourlink
//!
//! Signed, verifiable messages between Ningbo (330200) and the labour-exporting regions it works
//! with — worker transfer, family-planning service cooperation and social-insurance
//! continuation — plus receipts, control messages and trust lists of partner keys.
//!
//! A message is a JWS in JSON serialization (general syntax) whose payload is the RFC 8785
//! canonical form of a document; any standard JOSE library can check the signature, and
//! [`verify::Verifier`] runs the whole pipeline — strict JSON, JWS profile, trust-list key
//! resolution, signature, canonical payload, envelope and time rules, schema, business rules,
//! replay — by default; only [`verify::VerifierBuilder::dangerous`] switches parts off.
//!
//! ```
//! use labourlink::envelope::{Document, Party};
//! use labourlink::keys::SigningKey;
//! use labourlink::time::{FixedClock, Timestamp};
//! use labourlink::trust::{KeyRecord, TrustList};
//! use labourlink::verify::Verifier;
//!
//! let t = |s: &str| Timestamp::parse(s).unwrap();
//! let clock = FixedClock(t("2026-11-27T08:00:00Z"));
//!
//! // Liangshan (513400) signs a roster (人员名单) with its key — here the catalogue's example
//! // body, which the schema and business rules accept…
//! let liangshan = SigningKey::from_ed25519_seed(&[1; 32], "513400-hr-2026a")?;
//! let body = labourlink::schema::example("worker_transfer.roster").unwrap()["body"].clone();
//! let doc = Document::builder("worker_transfer.roster",
//!         Party::new("513400", "11513400MB1H7703X8").named("凉山彝族自治州人力资源和社会保障局"),
//!         Party::new("330200", "11330200MB0P21461X").named("宁波市人力资源和社会保障局"))
//!     .case("513400-WT-2026-0001", "worker_transfer.placement")
//!     .body(body)
//!     .build(&clock)?;
//! let jws = labourlink::sign(&doc.to_value(), &[&liangshan])?;
//!
//! // …and Ningbo (330200) verifies it against its trust list: every stage by default
//! // (signature, envelope, maximum age, schema, business rules, replay).
//! let mut list = TrustList::new(1, t("2027-01-01T00:00:00Z"));
//! list.add_key(KeyRecord::new("513400-hr-2026a", "513400", "11513400MB1H7703X8",
//!     liangshan.verifying_key(), t("2026-01-01T00:00:00Z"), None,
//!     vec!["worker_transfer.*".into(), "receipt".into()]))?;
//! let verifier = Verifier::builder().trust_list(list).region("330200").clock(clock).build()?;
//! let verified = verifier.verify(jws.as_bytes())?;
//! assert_eq!(verified.message_type(), "worker_transfer.roster");
//! assert_eq!(verified.signers()[0].region, "513400");
//!
//! // A body that breaks its schema is refused, with the place.
//! let bad = Document::builder("worker_transfer.roster",
//!         Party::new("513400", "11513400MB1H7703X8"), Party::new("330200", "11330200MB0P21461X"))
//!     .case("513400-WT-2026-0001", "worker_transfer.placement")
//!     .body(serde_json::json!({"workers": []}))
//!     .build(&clock)?;
//! let err = verifier.verify(labourlink::sign(&bad.to_value(), &[&liangshan])?.as_bytes()).unwrap_err();
//! assert_eq!(err.code().as_str(), "schema.invalid");
//! # Ok::<(), labourlink::Error>(())
//! ```
//!
//! Every error has a stable dotted code; the table is in `docs/error-codes.md` and
//! [`ErrorCode::ALL`].
#![forbid(unsafe_code)]

pub mod b64;
pub mod canonical;
pub mod envelope;
pub mod error;
pub mod flows;
pub mod json;
pub mod jws;
pub mod keys;
pub mod messages;
pub mod rules;
pub mod schema;
pub mod time;
pub mod trust;
pub mod validate;
pub mod verify;

pub use error::{Error, ErrorCode, ErrorKind, Result, Violation};
pub use keys::{Algorithm, Signer, SigningKey, VerifyingKey};
pub use verify::{Verified, Verifier};

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
    envelope::Document::from_value(&value)?;
    jws::sign_payload(payload, signers)
}

/// The README's Rust example, compiled and run as a doc-test.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;

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
