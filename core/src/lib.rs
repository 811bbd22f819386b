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
//!
//! ## Two crates
//!
//! The wire protocol — strict JSON, RFC 8785, keys, the JWS profile, envelopes, trust lists and
//! the verification pipeline — is the crate `labourlink-protocol`, re-exported here module by
//! module (`labourlink::envelope`, `labourlink::verify`, …). This crate adds the catalogue:
//! the 34 message types with their schemas, typed bodies, business rules and flow table, and
//! [`Catalogue`], the verifier profile that makes [`Verifier::builder`] run all of it.
#![forbid(unsafe_code)]

pub use labourlink_protocol::{b64, canonical, error, json, jws, keys, time, trust};

pub mod cases;
mod catalogue;
pub mod flows;
pub mod messages;
pub mod rules;
pub mod schema;
pub mod validate;

/// Documents and their envelope (re-exported from `labourlink-protocol`), with the catalogue's
/// lists of message types.
pub mod envelope {
    pub use crate::catalogue::{
        LONG_LIVED_TYPES, MESSAGE_TYPES, is_known_type, is_long_lived_type,
    };
    pub use labourlink_protocol::envelope::*;
}

/// The verification pipeline (re-exported from `labourlink-protocol`) with the catalogue
/// installed: [`verify::Verifier`] here is the protocol's verifier with the [`Catalogue`]
/// profile, so `Verifier::builder()` runs the schema and business-rules stages too.
pub mod verify {
    pub use labourlink_protocol::verify::*;

    /// The verifier with the catalogue (schema, business rules, flow table) installed.
    pub type Verifier = labourlink_protocol::verify::Verifier<crate::Catalogue>;
    /// Builds a [`Verifier`].
    pub type VerifierBuilder = labourlink_protocol::verify::VerifierBuilder<crate::Catalogue>;
    /// Options that weaken verification (see `VerifierBuilder::dangerous`).
    pub type DangerousBuilder = labourlink_protocol::verify::DangerousBuilder<crate::Catalogue>;
}

pub use error::{Error, ErrorCode, ErrorKind, Result, Violation};
pub use keys::{Algorithm, Signer, SigningKey, VerifyingKey};
pub use messages::TypedVerified;
pub use rules::RuleCode;
pub use verify::{Verified, Verifier};

/// The catalogue as a verifier profile: the message types of [`envelope::MESSAGE_TYPES`], the
/// long-lived documents of [`envelope::LONG_LIVED_TYPES`], the schema stage
/// ([`schema::SchemaStage`]), the business rules with their default parameters
/// ([`rules::RulesStage`]) and the flow table's reply rules ([`flows::check_reply`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct Catalogue;

impl verify::Profile for Catalogue {
    fn knows_type(&self, message_type: &str) -> bool {
        catalogue::is_known_type(message_type)
    }

    fn is_long_lived(&self, message_type: &str) -> bool {
        catalogue::is_long_lived_type(message_type)
    }

    fn schema_stage(&self) -> Option<std::sync::Arc<dyn verify::Stage>> {
        Some(std::sync::Arc::new(schema::SchemaStage))
    }

    fn rules_stage(&self) -> Option<std::sync::Arc<dyn verify::Stage>> {
        Some(std::sync::Arc::new(rules::RulesStage::default()))
    }

    fn check_reply(&self, reply: &envelope::Document, earlier: &envelope::Document) -> Result<()> {
        flows::check_reply(reply, earlier)
    }
}

/// Signs a document with one or several signers and returns the JWS (general JSON
/// serialization) as text. The payload is the document's RFC 8785 canonical form.
///
/// The document must be a JSON object without floating-point numbers and with integers within
/// ±(2^53−1), and its envelope must be valid with a type of the catalogue: a signer never emits
/// a message a verifier would refuse for its shape.
///
/// # Errors
/// `json.not_integer`/`json.integer_out_of_range` (with the pointer), `envelope.*`
/// (`envelope.unknown_type` outside the catalogue), `input.invalid` without signers, or a
/// signer's error.
pub fn sign(document: &serde_json::Value, signers: &[&dyn Signer]) -> Result<String> {
    labourlink_protocol::sign_checked(document, signers, &catalogue::is_known_type)
}

/// The README's Rust example, compiled and run as a doc-test.
// (README.zh-CN.md holds the same block: tools/check_translations.py checks it byte for byte.)
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
