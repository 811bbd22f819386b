//! # labourlink-protocol
//!
//! The `labourlink/1` wire protocol, which a partner re-implements from the specification: strict
//! JSON, the RFC 8785 canonical form, Ed25519, ES256 and SM2 keys, the JWS profile, the document
//! envelope, trust lists of partner keys, and the verification pipeline with its seams
//! ([`verify::Profile`], [`verify::Stage`], [`verify::ReplayGuard`]). It knows nothing of
//! pensions or rosters: the message catalogue (types, schemas, business rules, flows) is the
//! `labourlink` crate, which installs itself as the verifier's profile. Applications depend on
//! `labourlink`; this crate is for alternative catalogues, tools and audits.
//!
//! ```
//! use labourlink_protocol::envelope::{Document, Party};
//! use labourlink_protocol::keys::SigningKey;
//! use labourlink_protocol::time::{FixedClock, Timestamp};
//! use labourlink_protocol::trust::{KeyRecord, TrustList};
//! use labourlink_protocol::verify::{ProtocolOnly, Verifier};
//!
//! let t = |s: &str| Timestamp::parse(s).unwrap();
//! let clock = FixedClock(t("2026-11-27T08:00:00Z"));
//! let key = SigningKey::from_ed25519_seed(&[1; 32], "513400-si-2026a")?;
//! let doc = Document::builder("receipt", Party::new("513400", "LS-SI"), Party::new("330200", "NB-SI"))
//!     .body(serde_json::json!({"status": "accepted"}))
//!     .build(&clock)?;
//! let jws = labourlink_protocol::sign(&doc.to_value(), &[&key])?;
//! let mut list = TrustList::new(1, t("2027-01-01T00:00:00Z"));
//! list.add_key(KeyRecord::new(key.kid(), "513400", "LS-SI", key.verifying_key(),
//!     t("2026-01-01T00:00:00Z"), None, vec!["receipt".into()]))?;
//! // The protocol alone: signature, envelope, time rules and replay — no schema, no rules.
//! let verifier: Verifier<ProtocolOnly> =
//!     Verifier::builder().trust_list(list).region("330200").clock(clock).build()?;
//! assert_eq!(verifier.verify(jws.as_bytes())?.message_type(), "receipt");
//! # Ok::<(), labourlink_protocol::Error>(())
//! ```
#![forbid(unsafe_code)]

pub mod b64;
pub mod canonical;
pub mod envelope;
pub mod error;
pub mod json;
pub mod jws;
pub mod keys;
mod signing;
pub mod time;
pub mod trust;
pub mod verify;

pub use error::{Error, ErrorCode, ErrorKind, Finding, Result, Severity, Violation};
pub use keys::{Algorithm, Signer, SigningKey, VerifyingKey};
pub use signing::{sign, sign_checked};
pub use verify::{Verified, Verifier};
