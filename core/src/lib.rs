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
//! let liangshan = SigningKey::from_seed(&[1; 32], "513400-hr-2026a")?;
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
//! the 44 message types with their schemas, typed bodies, business rules and flow table, and
//! [`Catalogue`], the verifier profile that makes [`Verifier::builder`] run all of it.
#![forbid(unsafe_code)]

pub use labourlink_protocol::{b64, canonical, error, json, jws, keys, time, trust};

// Private implementation modules behind public facades with a deliberate `pub use` list (as in
// labourlink-protocol; docs/ARCHITECTURE.md lists the public API). `messages` (the typed bodies,
// one module per domain) and `rules` (the rule building blocks, one module per subject) are
// public namespaces: every `pub` item in them is API, helpers are `pub(crate)`, and the
// workspace's `unreachable_pub` lint keeps `pub` from leaking out of the private modules.
#[path = "cases.rs"]
mod cases_imp;
mod catalogue;
mod embedded;
#[path = "flows.rs"]
mod flows_imp;
pub mod messages;
#[path = "refdata.rs"]
mod refdata_imp;
pub mod rules;
mod schema_engine;
#[path = "schema.rs"]
mod schema_imp;
#[path = "validate.rs"]
mod validate_imp;

pub mod cases {
    //! Case progress from the flow table (`schemas/flows.json`): after a message of a case, which
    //! message the case awaits, from whom, and by which date — counted in working days with the
    //! rule parameters ([`RuleParameters::deadlines`](crate::rules::RuleParameters::deadlines)) and the holiday calendar (调休 make-up
    //! days included). A durable store (`labourlink-store`) records this per case; this module
    //! only decides.
    //!
    //! After a message M of case type C:
    //! - `control.case_close` closes the case ([`CaseEffect::Close`]);
    //! - receipts, reminders and their replies, clarifications and invalidations leave the case as
    //!   it was ([`CaseEffect::Unchanged`]): they are part of its history, not a step;
    //! - any other message advances it ([`CaseEffect::Advance`]): the awaited messages are the
    //!   non-control message types T of the flow table that occur in C and have an `answers`
    //!   entry matching M's type (in C), each from M's receiver (`counterparty`), M's sender
    //!   (`same`) or either party (`either`). Nothing awaited means the case waits for no one
    //!   (it stays open until a `control.case_close`).
    //! - The deadline is the earliest among the awaited types' flow-table deadlines that apply in
    //!   C when answering M: counted from M's `issued_at` date (UTC+8) for `in_reply_to`, or from
    //!   the date at the same pointer in M (`/body/application_date` also reads M's
    //!   `/body/applied_on`, the application's date); a deadline whose start M does not carry is
    //!   not known in advance and is left out. The length is the [`RuleParameters`](crate::rules::RuleParameters) value the
    //!   flow-table parameter names, else its default (`null` = not checked).
    //!
    //! ```
    //! use labourlink::cases::CaseRules;
    //! use labourlink::rules::Date;
    //! let d = |s| Date::parse(s).unwrap();
    //! // 15 working days after Friday 2026-02-13: Saturday 02-14 and 02-28 are make-up working
    //! // days, 02-15 to 02-23 the Spring Festival.
    //! assert_eq!(CaseRules::default().add_working_days(d("2026-02-13"), 15), Some(d("2026-03-12")));
    //! ```

    pub use crate::cases_imp::{Awaited, CaseDeadline, CaseEffect, CaseRules, DeadlineUnit};
}

pub mod flows {
    //! The flow table (`schemas/flows.json`): which message may answer which, from which party, in
    //! which case types. [`check_reply`] applies it; [`crate::verify::Verifier::verify_reply`] runs
    //! it after the whole pipeline.
    //!
    //! For a reply R to an earlier verified message E (`R.in_reply_to == E.id`):
    //! 1. some entry of `messages[R.type].answers` matches `E.type` (`*`, `domain.*` or exact) and,
    //!    when the entry lists `case_types`, R's case type is among them;
    //! 2. the sender relation of that entry holds: `counterparty` (R.from = E.to and R.to = E.from),
    //!    `same` (R.from = E.from and R.to = E.to) or `either` (R.from is one of E's parties and R.to
    //!    the other); parties compare by region and agency;
    //! 3. when E has a case, R has the same case (id and type);
    //! 4. R's case type is in `messages[R.type].case_types` (`*` = any).
    //!
    //! Any failure is `envelope.unexpected_reply`, with the pointer of the field at fault.

    pub use crate::flows_imp::{
        Answer, Deadline, FlowTable, MessageFlow, Parameter, SenderRelation, check_reply, table,
    };
}

pub mod schema {
    //! The schema stage: the normative JSON Schemas of `schemas/`, embedded at build time and
    //! compiled once per process (draft 2020-12, `format` assertions on, no network: every `$ref`
    //! resolves inside the embedded set).
    //!
    //! Each message type `T` has `schemas/T.schema.json` describing its **body**; `defs.schema.json`
    //! holds the shared vocabulary and `envelope.schema.json` the envelope (checked in Rust by
    //! [`crate::envelope`], and provided for other implementations).
    //!
    //! ```
    //! use labourlink::schema;
    //! let errs = schema::validate_body("receipt", &serde_json::json!({"status": "maybe"})).unwrap_err();
    //! assert_eq!(errs.code().as_str(), "schema.invalid");
    //! assert!(!errs.violations().is_empty());
    //! ```

    pub use crate::schema_imp::{
        MAX_VIOLATIONS, SCHEMA_MINOR, SchemaStage, example, files, flows_text, has_schema,
        schema_id, validate_body,
    };
}

pub mod validate {
    //! Validation of an unsigned document, for partners and tools (`labourlink validate`, the
    //! bindings): the verifier's stages 5–7 without signatures, keys, audience or clock.
    //!
    //! [`validate`] runs, in order, and **stops after the first stage that reports an error**
    //! (as the verifier does, so "valid" here means "would pass stages 5–7"):
    //! 1. the envelope check ([`Document::from_value_with`](crate::envelope::Document::from_value_with) with the catalogue, `envelope.*`,
    //!    so a type outside the catalogue is `envelope.unknown_type` before the later envelope
    //!    checks, as in the verifier): one finding with the error's code and pointer;
    //! 2. the schema stage, exactly as the verifier's ([`schema::SchemaStage`](crate::schema::SchemaStage)): one finding per
    //!    violation, code `schema.invalid`, with its pointer (the offending value is cut out of the
    //!    message: it may be personal data); for a newer minor `schema_version` an unknown member
    //!    with a plain name is a warning `schema.unknown_member` (LL-SCHEMA-006);
    //! 3. the rules stage ([`RulesStage::findings`](crate::rules::RulesStage::findings)): every finding, errors and warnings.
    //!
    //! Every finding of stage 1 and every `schema.invalid` of stage 2 is an error. [`validate_json`] first parses bytes with the
    //! verifier's strict JSON reader (`json.*`: duplicate keys, floats, integers out of range,
    //! size and depth limits).
    //!
    //! The result is a [`Report`]: the findings in stage order, [`Report::is_valid`] when none is
    //! an error (warnings allowed).
    //!
    //! ```
    //! use labourlink::validate;
    //! let doc = serde_json::json!({
    //!     "spec": "labourlink/1", "type": "social_insurance.application_refusal",
    //!     "schema_version": "1.0", "id": "01a1340f-9980-7f57-9108-b4def719f102",
    //!     "case": {"id": "330200-SI-2026-000123", "type": "social_insurance.pension_transfer"},
    //!     "from": {"region": "330200", "agency": "NB-SI"},
    //!     "to": {"region": "513400", "agency": "LS-SI"},
    //!     "issued_at": "2026-10-16T03:00:00Z",
    //!     "body": {"scheme": "110",
    //!              "person": {"name": "马测试", "citizen_id": "513401199004180575"},
    //!              "application_number": "513400-SQ-2026-003318",
    //!              "reasons": [{"code": "incomplete_documents"}],
    //!              "explanation": "材料不全。"}});
    //! let report = validate::validate(&doc);
    //! assert!(!report.is_valid());
    //! let f = &report.findings[0];
    //! assert_eq!(f.code(), "rule.citizen_id_checksum");
    //! assert_eq!(f.path(), "/body/person/citizen_id");
    //! ```

    pub use crate::validate_imp::{
        Report, validate, validate_json, validate_json_with, validate_with,
    };
}

pub mod refdata {
    //! Signed reference data (参考数据): the tables that change every year — the holiday
    //! calendar and the GB/T 2260 region list — updated without a new release.
    //!
    //! A reference-data document is a labourlink message of type `reference_data`, signed by a
    //! **trust anchor** (the same pinned anchors that sign trust lists) and verified exactly
    //! like a trust list: signatures by pinned anchors only (`reference_data.untrusted_anchor`),
    //! canonical payload, envelope time rules, staleness after `next_update` plus a grace
    //! period (`reference_data.stale`), and a `sequence` that never goes back
    //! (`reference_data.rollback`). Its body (schema `core/schemas/reference_data.schema.json`):
    //!
    //! ```json
    //! {"sequence": 2, "next_update": "2027-12-01T00:00:00Z",
    //!  "calendar": {"version": "2026-12-01", "years": [
    //!     {"year": 2027, "status": "official", "source": "国务院办公厅关于2027年部分节假日安排的通知",
    //!      "days": [{"date": "2027-01-01", "kind": "holiday", "name": "元旦"}]}]},
    //!  "regions": {"as_of": "2024-12-31", "source": "民政部 2024年行政区划代码",
    //!     "added": [{"code": "330299", "name": "…"}], "retired": [{"code": "…", "note": "…"}]}}
    //! ```
    //!
    //! Each listed calendar year **replaces** the embedded entries of that year; an `official`
    //! year no longer gives `rule.calendar_provisional`. Region changes add codes to the current
    //! list or move them to the historic one. Without a loaded document every verifier uses the
    //! embedded data, unchanged. Use it with [`VerifierBuilderExt::reference_data`] or
    //! [`crate::rules::RulesStage::with_reference_data`].
    //!
    //! ```
    //! use labourlink::refdata::{ReferenceData, VerifierBuilderExt};
    //! use labourlink::verify::Verifier;
    //! let body = serde_json::json!({"sequence": 1, "next_update": "2027-12-01T00:00:00Z",
    //!     "calendar": {"version": "2026-12-01", "years": [{"year": 2027, "status": "official",
    //!         "source": "notice", "days": [{"date": "2027-01-01", "kind": "holiday", "name": "元旦"}]}]}});
    //! let data = ReferenceData::from_body(&body)?;
    //! assert!(data.calendar().is_confirmed(2027));
    //! let builder = Verifier::builder().reference_data(&data);
    //! # let _ = builder;
    //! # Ok::<(), labourlink::Error>(())
    //! ```

    pub use crate::refdata_imp::{
        CalendarDay, CalendarYear, MESSAGE_TYPE, ReferenceData, RegionChanges, YearStatus,
    };

    /// The reference-data option of the verifier builder.
    pub trait VerifierBuilderExt: Sized {
        /// Runs the business rules with the calendar and region table of `data` (default
        /// parameters): the builder's profile becomes [`crate::Catalogue::with_rules`] of
        /// them (a rules stage skipped or replaced through `dangerous()` stays so).
        #[must_use]
        fn reference_data(self, data: &ReferenceData) -> Self;
    }

    impl VerifierBuilderExt for crate::verify::VerifierBuilder {
        fn reference_data(self, data: &ReferenceData) -> Self {
            self.profile(crate::Catalogue::with_rules(
                crate::rules::RulesStage::default().with_reference_data(data),
            ))
        }
    }
}

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

pub use error::{Error, ErrorCode, ErrorKind, Finding, Result, Severity, Violation};
pub use keys::{Algorithm, Signer, SigningKey, VerifyingKey};
pub use labourlink_protocol::Signed;
pub use messages::TypedVerified;
pub use rules::RuleCode;
pub use verify::{Verified, Verifier};

/// The catalogue as a verifier profile: the message types of [`envelope::MESSAGE_TYPES`], the
/// long-lived documents of [`envelope::LONG_LIVED_TYPES`], the schema stage
/// ([`schema::SchemaStage`]), the business rules with their default parameters
/// ([`rules::RulesStage`]) and the flow table's reply rules ([`flows::check_reply`]).
///
/// The rules may run with other parameters, holiday calendar or region table
/// ([`Catalogue::with_rules`]); they are still the catalogue's rules, so this needs no
/// `dangerous()` — unlike code of yours in place of a stage.
///
/// ```
/// use labourlink::rules::{RulesStage, params::RuleParameters};
/// use labourlink::verify::Verifier;
/// use labourlink::Catalogue;
/// let rules = RulesStage::new(RuleParameters::default());
/// let builder = Verifier::builder().profile(Catalogue::with_rules(rules));
/// # let _ = builder;
/// ```
#[derive(Debug, Clone, Default)]
pub struct Catalogue {
    rules: std::sync::Arc<rules::RulesStage>,
}

impl Catalogue {
    /// The catalogue with its business rules run by `rules` (e.g. a region's parameters, or
    /// [`rules::RulesStage::with_reference_data`]).
    #[must_use]
    pub fn with_rules(rules: rules::RulesStage) -> Self {
        Self {
            rules: std::sync::Arc::new(rules),
        }
    }

    /// The business-rules stage this profile runs.
    #[must_use]
    pub fn rules(&self) -> &rules::RulesStage {
        &self.rules
    }
}

impl verify::Profile for Catalogue {
    fn is_custom(&self) -> bool {
        false
    }

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
        Some(std::sync::Arc::clone(&self.rules) as std::sync::Arc<dyn verify::Stage>)
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

/// [`sign`], with the digest of the payload (SHA-256, base64url: what a verifier reports as
/// [`Verified::digest`] and a receipt acknowledges), for a signer that records what it sent
/// without reading its own JWS back.
///
/// # Errors
/// Those of [`sign`].
pub fn sign_with_digest(document: &serde_json::Value, signers: &[&dyn Signer]) -> Result<Signed> {
    labourlink_protocol::sign_checked_with_digest(document, signers, &catalogue::is_known_type)
}

/// The README's Rust example, compiled and run as a doc-test.
// (README.zh-CN.md holds the same block: tools/check_translations.py checks it byte for byte.)
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
