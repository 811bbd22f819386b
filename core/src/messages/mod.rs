//! Typed message bodies: one plain Rust struct per message type of the catalogue (DESIGN §4),
//! mirroring the normative JSON Schemas of `schemas/`.
//!
//! The schemas are the contract; these types are written to match them and tested against them
//! (every example of `schemas/examples/` round-trips byte for byte through its type, and random
//! values of every type validate against their schema). Field names are the wire names, optional
//! members are `Option`s that are left out when `None`, string enumerations are Rust enums with
//! the exact wire values, money is integer fen (`i64`), and every struct refuses unknown members
//! (`#[serde(deny_unknown_fields)]`) as the schemas do. Identifiers, dates and periods stay
//! `String`s: their shape is checked by the schema stage and their check digits and calendars by
//! [`crate::rules`].
//!
//! | module | message types |
//! |---|---|
//! | [`receipt`] | `receipt` |
//! | [`trust_list`] | `trust_list` |
//! | [`control`] | `control.*`: reminders, clarifications, invalidation, rejection, case close and reopen |
//! | [`worker_transfer`] | `worker_transfer.*`: job demand → roster → arrival → enrolment, retention, separation |
//! | [`family_planning`] | `family_planning.*`: certificates, arrival and birth notices, verification |
//! | [`social_insurance`] | `social_insurance.*`: application → contact letter → information → funds → completion |
//! | [`common`] | the shared vocabulary of `defs.schema.json`: persons, agencies, periods, reasons… |
//!
//! Every body type implements [`MessageBody`], which ties it to its [`MessageType`]. Each has a
//! constructor taking the required fields (optional ones start as `None`), so a valid message can
//! be written without reading the schema; [`document`] wraps a body in an envelope and
//! [`TypedVerified::typed`] reads it back after verification:
//!
//! ```
//! use labourlink::envelope::Party;
//! use labourlink::keys::SigningKey;
//! use labourlink::messages::common::{Address, BankAccount, Person, Sex, TransferScheme};
//! use labourlink::messages::social_insurance::{ContactLetter, ContactLetterKind, ReceivingAgency};
//! use labourlink::messages::{self, MessageBody as _};
//! use labourlink::time::{FixedClock, Timestamp};
//! use labourlink::trust::{KeyRecord, TrustList};
//! use labourlink::{TypedVerified as _, Verifier};
//!
//! let t = |s: &str| Timestamp::parse(s).unwrap();
//! let clock = FixedClock(t("2026-10-16T02:00:00Z"));
//!
//! // Ningbo writes the contact letter (联系函) of a pension transfer…
//! let person = Person::new("马测试", "513401199004180574", Sex::Male, "1990-04-18");
//! let agency = ReceivingAgency::new(
//!     "330200",
//!     "宁波市社会保险管理局",
//!     Address::new("330203", "海曙区样例路1号"),
//!     "0574-87000002",
//! );
//! let account = BankAccount::new("中国工商银行宁波分行营业部", "宁波市社会保险管理局", "3901110009000123456");
//! let letter = ContactLetter::new(
//!     "330200-LXH-2026-004512",
//!     ContactLetterKind::ConsentToReceive,
//!     TransferScheme::EnterprisePension,
//!     person,
//!     agency,
//!     account,
//!     "2026-10-16",
//! );
//! letter.validate()?; // the schema check a receiver will run
//!
//! // …wraps it in an envelope and signs it.
//! let key = SigningKey::from_ed25519_seed(&[2; 32], "330200-si-2026a")?;
//! let doc = messages::document(&letter, Party::new("330200", "NB-SI"), Party::new("513400", "LS-SI"))
//!     .case("330200-SI-2026-000123", "social_insurance.pension_transfer")
//!     .build(&clock)?;
//! let jws = labourlink::sign(&doc.to_value(), &[&key])?;
//!
//! // Liangshan verifies it and reads the typed body.
//! let mut list = TrustList::new(1, t("2027-01-01T00:00:00Z"));
//! list.add_key(KeyRecord::new("330200-si-2026a", "330200", "NB-SI", key.verifying_key(),
//!     t("2026-01-01T00:00:00Z"), None, vec!["social_insurance.*".into()]))?;
//! let verifier = Verifier::builder().trust_list(list).region("513400").clock(clock).build()?;
//! let verified = verifier.verify(jws.as_bytes())?;
//! let received: ContactLetter = verified.typed()?;
//! assert_eq!(received, letter);
//! # Ok::<(), labourlink::Error>(())
//! ```

use std::fmt;
use std::str::FromStr;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use crate::envelope::{Document, DocumentBuilder, MESSAGE_TYPES, Party};
use crate::error::{Error, ErrorCode, Result};
use crate::verify::Verified;

pub mod common;
pub mod control;
pub mod family_planning;
pub mod receipt;
pub mod social_insurance;
pub mod trust_list;
pub mod worker_transfer;

/// The domain a message type belongs to: the part of its name before the dot, or the type
/// itself for `receipt` and `trust_list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Domain {
    /// Technical receipts (`receipt`).
    Receipt,
    /// Trust lists of partner keys (`trust_list`).
    TrustList,
    /// Case-level control messages (`control.*`).
    Control,
    /// Organised labour transfer (`worker_transfer.*`, domain.md §2).
    WorkerTransfer,
    /// Family-planning service cooperation (`family_planning.*`, domain.md §3).
    FamilyPlanning,
    /// Social-insurance transfer and continuation (`social_insurance.*`, domain.md §4).
    SocialInsurance,
}

impl Domain {
    /// The wire name: `receipt`, `trust_list`, `control`, `worker_transfer`, `family_planning`
    /// or `social_insurance`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Receipt => "receipt",
            Self::TrustList => "trust_list",
            Self::Control => "control",
            Self::WorkerTransfer => "worker_transfer",
            Self::FamilyPlanning => "family_planning",
            Self::SocialInsurance => "social_insurance",
        }
    }
}

impl fmt::Display for Domain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

macro_rules! message_types {
    ($( $(#[$doc:meta])* $variant:ident = $wire:literal, $domain:ident, $zh:literal; )*) => {
        /// A message type of the catalogue (DESIGN §4), as carried in the envelope's `type`.
        ///
        /// Serialises as its wire name (`"social_insurance.contact_letter"`); [`MessageType::ALL`]
        /// lists the catalogue in the order of [`crate::envelope::MESSAGE_TYPES`].
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum MessageType {
            $( $(#[$doc])* $variant, )*
        }

        impl MessageType {
            /// Every message type of the catalogue.
            pub const ALL: &'static [MessageType] = &[ $( MessageType::$variant, )* ];

            /// The wire name, e.g. `"social_insurance.contact_letter"`.
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                match self { $( MessageType::$variant => $wire, )* }
            }

            /// The domain the type belongs to.
            #[must_use]
            pub const fn domain(self) -> Domain {
                match self { $( MessageType::$variant => Domain::$domain, )* }
            }

            /// The Chinese title of the type (the schema's `title`), e.g. `联系函`.
            #[must_use]
            pub const fn title_zh(self) -> &'static str {
                match self { $( MessageType::$variant => $zh, )* }
            }
        }
    };
}

message_types! {
    /// `receipt` (技术回执); body [`receipt::Receipt`].
    Receipt = "receipt", Receipt, "技术回执";
    /// `trust_list` (信任列表); body [`trust_list::TrustListBody`].
    TrustList = "trust_list", TrustList, "信任列表";
    /// `control.reminder` (催办); body [`control::Reminder`].
    ControlReminder = "control.reminder", Control, "催办";
    /// `control.reminder_reply` (催办答复); body [`control::ReminderReply`].
    ControlReminderReply = "control.reminder_reply", Control, "催办答复";
    /// `control.clarification_request` (澄清请求); body [`control::ClarificationRequest`].
    ControlClarificationRequest = "control.clarification_request", Control, "澄清请求";
    /// `control.clarification_reply` (澄清答复); body [`control::ClarificationReply`].
    ControlClarificationReply = "control.clarification_reply", Control, "澄清答复";
    /// `control.invalidate` (撤销消息); body [`control::Invalidate`].
    ControlInvalidate = "control.invalidate", Control, "撤销消息";
    /// `control.reject` (业务拒绝); body [`control::Reject`].
    ControlReject = "control.reject", Control, "业务拒绝";
    /// `control.case_close` (结案); body [`control::CaseClose`].
    ControlCaseClose = "control.case_close", Control, "结案";
    /// `control.case_reopen` (重新开启案件); body [`control::CaseReopen`].
    ControlCaseReopen = "control.case_reopen", Control, "重新开启案件";
    /// `worker_transfer.job_demand` (岗位需求); body [`worker_transfer::JobDemand`].
    WorkerTransferJobDemand = "worker_transfer.job_demand", WorkerTransfer, "岗位需求";
    /// `worker_transfer.roster` (输出名单); body [`worker_transfer::Roster`].
    WorkerTransferRoster = "worker_transfer.roster", WorkerTransfer, "输出名单";
    /// `worker_transfer.roster_reply` (名单接收结果); body [`worker_transfer::RosterReply`].
    WorkerTransferRosterReply = "worker_transfer.roster_reply", WorkerTransfer, "名单接收结果";
    /// `worker_transfer.arrival` (到岗确认); body [`worker_transfer::Arrival`].
    WorkerTransferArrival = "worker_transfer.arrival", WorkerTransfer, "到岗确认";
    /// `worker_transfer.insurance_enrolment` (参保情况); body [`worker_transfer::InsuranceEnrolment`].
    WorkerTransferInsuranceEnrolment = "worker_transfer.insurance_enrolment", WorkerTransfer, "参保情况";
    /// `worker_transfer.retention` (稳岗情况); body [`worker_transfer::Retention`].
    WorkerTransferRetention = "worker_transfer.retention", WorkerTransfer, "稳岗情况";
    /// `worker_transfer.separation` (离岗转岗返乡); body [`worker_transfer::Separation`].
    WorkerTransferSeparation = "worker_transfer.separation", WorkerTransfer, "离岗转岗返乡";
    /// `worker_transfer.certificate_attestation` (证书核验); body [`worker_transfer::CertificateAttestation`].
    WorkerTransferCertificateAttestation = "worker_transfer.certificate_attestation", WorkerTransfer, "证书核验";
    /// `worker_transfer.reconciliation` (定期对账); body [`worker_transfer::Reconciliation`].
    WorkerTransferReconciliation = "worker_transfer.reconciliation", WorkerTransfer, "定期对账";
    /// `family_planning.service_agreement` (协作服务协议); body [`family_planning::ServiceAgreement`].
    FamilyPlanningServiceAgreement = "family_planning.service_agreement", FamilyPlanning, "协作服务协议";
    /// `family_planning.certificate` (电子婚育证明); body [`family_planning::Certificate`].
    FamilyPlanningCertificate = "family_planning.certificate", FamilyPlanning, "电子婚育证明";
    /// `family_planning.arrival_notice` (到达登记通报); body [`family_planning::ArrivalNotice`].
    FamilyPlanningArrivalNotice = "family_planning.arrival_notice", FamilyPlanning, "到达登记通报";
    /// `family_planning.verification_request` (婚育情况协查请求); body [`family_planning::VerificationRequest`].
    FamilyPlanningVerificationRequest = "family_planning.verification_request", FamilyPlanning, "婚育情况协查请求";
    /// `family_planning.verification_reply` (婚育情况协查答复); body [`family_planning::VerificationReply`].
    FamilyPlanningVerificationReply = "family_planning.verification_reply", FamilyPlanning, "婚育情况协查答复";
    /// `family_planning.birth_registration_notice` (生育登记通报); body [`family_planning::BirthRegistrationNotice`].
    FamilyPlanningBirthRegistrationNotice = "family_planning.birth_registration_notice", FamilyPlanning, "生育登记通报";
    /// `family_planning.service_notice` (服务情况通报); body [`family_planning::ServiceNotice`].
    FamilyPlanningServiceNotice = "family_planning.service_notice", FamilyPlanning, "服务情况通报";
    /// `family_planning.benefit_notice` (奖励优待通报); body [`family_planning::BenefitNotice`].
    FamilyPlanningBenefitNotice = "family_planning.benefit_notice", FamilyPlanning, "奖励优待通报";
    /// `social_insurance.contribution_certificate` (参保缴费凭证); body [`social_insurance::ContributionCertificate`].
    SocialInsuranceContributionCertificate = "social_insurance.contribution_certificate", SocialInsurance, "参保缴费凭证";
    /// `social_insurance.transfer_application` (关系转移接续申请); body [`social_insurance::TransferApplication`].
    SocialInsuranceTransferApplication = "social_insurance.transfer_application", SocialInsurance, "关系转移接续申请";
    /// `social_insurance.contact_letter` (联系函); body [`social_insurance::ContactLetter`].
    SocialInsuranceContactLetter = "social_insurance.contact_letter", SocialInsurance, "联系函";
    /// `social_insurance.application_refusal` (不予受理说明); body [`social_insurance::ApplicationRefusal`].
    SocialInsuranceApplicationRefusal = "social_insurance.application_refusal", SocialInsurance, "不予受理说明";
    /// `social_insurance.transfer_information` (参保信息表); body [`social_insurance::TransferInformation`].
    SocialInsuranceTransferInformation = "social_insurance.transfer_information", SocialInsurance, "参保信息表";
    /// `social_insurance.fund_transfer` (基金划转); body [`social_insurance::FundTransfer`].
    SocialInsuranceFundTransfer = "social_insurance.fund_transfer", SocialInsurance, "基金划转";
    /// `social_insurance.transfer_completion` (转移接续办结); body [`social_insurance::TransferCompletion`].
    SocialInsuranceTransferCompletion = "social_insurance.transfer_completion", SocialInsurance, "转移接续办结";
}

impl fmt::Display for MessageType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for MessageType {
    type Err = Error;

    /// Parses a wire name.
    ///
    /// # Errors
    /// `envelope.unknown_type` when `s` is not in the catalogue.
    fn from_str(s: &str) -> Result<Self> {
        Self::ALL
            .iter()
            .copied()
            .find(|t| t.as_str() == s)
            .ok_or_else(|| {
                Error::new(
                    ErrorCode::EnvelopeUnknownType,
                    format!("message type '{s}' is not in the catalogue"),
                )
            })
    }
}

impl Serialize for MessageType {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for MessageType {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse()
            .map_err(|_| serde::de::Error::unknown_variant(&s, MESSAGE_TYPES))
    }
}

/// A typed message body: a Rust type that is the body of exactly one message type.
///
/// Implemented by every body struct of this module (e.g.
/// [`social_insurance::ContactLetter`]); `Serialize` produces the wire JSON and
/// `Deserialize` refuses members the schema does not know.
pub trait MessageBody: Serialize + DeserializeOwned {
    /// The message type whose body this is.
    const TYPE: MessageType;

    /// The body as JSON.
    ///
    /// # Errors
    /// `input.invalid` if the value cannot be represented as JSON (not the case for the types of
    /// this module, whose maps all have string keys).
    fn to_json(&self) -> Result<Value> {
        serde_json::to_value(self).map_err(|e| {
            Error::new(
                ErrorCode::InputInvalid,
                format!("the {} body cannot be serialised: {e}", Self::TYPE),
            )
        })
    }

    /// Reads a body from JSON. Only the shape the Rust type enforces is checked (members,
    /// types, enumeration values); see [`MessageBody::validate`] for the whole schema.
    ///
    /// # Errors
    /// `schema.invalid` when the JSON does not fit the type (a missing required member, an
    /// unknown member, a wrong type or enumeration value), with the schema's violations and
    /// the pointer of the first (`/body/...`). Like the schema stage, the error never quotes
    /// the offending value, which may be personal data.
    fn from_json(body: &Value) -> Result<Self> {
        Self::deserialize(body).map_err(|_| {
            // serde's message would quote the value (a citizen ID, a name): let the schema
            // say what is wrong and where.
            match crate::schema_imp::validate_body(Self::TYPE.as_str(), body) {
                Err(e) => e,
                Ok(()) => Error::new(
                    ErrorCode::SchemaInvalid,
                    format!(
                        "the body passes the {} schema but does not fit its Rust type",
                        Self::TYPE
                    ),
                )
                .at("/body"),
            }
        })
    }

    /// Checks the body against its JSON Schema, as the receiver's schema stage will: patterns,
    /// lengths, ranges, formats and the conditional requirements the Rust types cannot express
    /// (e.g. `reasons` when a decision is `rejected`). Check digits and other business rules
    /// are [`crate::rules`].
    ///
    /// # Errors
    /// `schema.invalid` with every violation and its pointer (`/body/...`).
    fn validate(&self) -> Result<()> {
        crate::schema_imp::validate_body(Self::TYPE.as_str(), &self.to_json()?)
    }
}

/// Starts a document carrying `body`, with the envelope `type` set from the body's type.
/// Set the case and `in_reply_to` on the returned builder, then build it.
///
/// ```
/// use labourlink::envelope::Party;
/// use labourlink::messages::{self, control::CaseClose, control::CaseOutcome};
/// use labourlink::time::{FixedClock, Timestamp};
///
/// let clock = FixedClock(Timestamp::parse("2026-12-01T08:00:00Z").unwrap());
/// let close = CaseClose::new(CaseOutcome::Completed, "2026-12-01");
/// let doc = messages::document(&close, Party::new("330200", "NB-SI"), Party::new("513400", "LS-SI"))
///     .case("330200-SI-2026-000123", "social_insurance.pension_transfer")
///     .build(&clock)
///     .unwrap();
/// assert_eq!(doc.message_type, "control.case_close");
/// assert_eq!(doc.body["outcome"], "completed");
/// ```
pub fn document<T: MessageBody>(body: &T, from: Party, to: Party) -> DocumentBuilder {
    // Serialising the body types of this module cannot fail; if a foreign implementation did,
    // the null body is refused by `DocumentBuilder::build` (`envelope.invalid` at `/body`).
    let body = body.to_json().unwrap_or(Value::Null);
    Document::builder(T::TYPE.as_str(), from, to).body(body)
}

/// Reads a verified message's body as its typed Rust value (the catalogue's extension of the
/// protocol's `Verified`; in scope with `use labourlink::TypedVerified`).
pub trait TypedVerified {
    /// The body as its typed Rust value, after checking that the message is of type `T::TYPE`.
    ///
    /// ```no_run
    /// # fn f(verified: labourlink::Verified) -> labourlink::Result<()> {
    /// use labourlink::TypedVerified as _;
    /// use labourlink::messages::social_insurance::TransferInformation;
    /// let info: TransferInformation = verified.typed()?;
    /// println!("{} fen to transfer", info.transfer_fen);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// `input.invalid` (pointer `/type`) when the message is of another type;
    /// `schema.invalid` as for [`MessageBody::from_json`] when the body does not fit `T` (not
    /// expected when the verifier runs the schema stage).
    fn typed<T: MessageBody>(&self) -> Result<T>;
}

impl TypedVerified for Verified {
    fn typed<T: MessageBody>(&self) -> Result<T> {
        let actual = self.message_type();
        if actual != T::TYPE.as_str() {
            return Err(Error::new(
                ErrorCode::InputInvalid,
                format!(
                    "the message is a '{actual}', not a '{}'; read it as that type",
                    T::TYPE
                ),
            )
            .at("/type"));
        }
        T::from_json(self.body())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_matches_envelope() {
        let names: Vec<&str> = MessageType::ALL.iter().map(|t| t.as_str()).collect();
        assert_eq!(names, MESSAGE_TYPES);
        for t in MessageType::ALL {
            assert_eq!(t.as_str().parse::<MessageType>().ok(), Some(*t));
            let prefix = t.as_str().split('.').next().unwrap_or_default();
            assert_eq!(t.domain().as_str(), prefix);
            assert!(!t.title_zh().is_empty());
        }
        let e = "control.nope".parse::<MessageType>().err();
        assert_eq!(e.map(|e| e.code()), Some(ErrorCode::EnvelopeUnknownType));
    }

    #[test]
    fn serde_uses_wire_names() {
        let v = serde_json::to_value(MessageType::SocialInsuranceContactLetter).ok();
        assert_eq!(v, Some(Value::from("social_insurance.contact_letter")));
        let back: Option<MessageType> = serde_json::from_value(Value::from("receipt")).ok();
        assert_eq!(back, Some(MessageType::Receipt));
        assert!(serde_json::from_value::<MessageType>(Value::from("receipts")).is_err());
    }
}
