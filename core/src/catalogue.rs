//! The message catalogue's lists: the types of DESIGN §4 and the long-lived documents.
//! The verifier learns them through [`crate::Catalogue`], its profile.

/// The message types of DESIGN §4 (the catalogue).
pub const MESSAGE_TYPES: &[&str] = &[
    "receipt",
    "trust_list",
    "control.reminder",
    "control.reminder_reply",
    "control.clarification_request",
    "control.clarification_reply",
    "control.invalidate",
    "control.reject",
    "control.case_close",
    "control.case_reopen",
    "worker_transfer.job_demand",
    "worker_transfer.roster",
    "worker_transfer.roster_reply",
    "worker_transfer.arrival",
    "worker_transfer.insurance_enrolment",
    "worker_transfer.retention",
    "worker_transfer.separation",
    "worker_transfer.certificate_attestation",
    "worker_transfer.reconciliation",
    "family_planning.service_agreement",
    "family_planning.certificate",
    "family_planning.arrival_notice",
    "family_planning.verification_request",
    "family_planning.verification_reply",
    "family_planning.birth_registration_notice",
    "family_planning.service_notice",
    "family_planning.benefit_notice",
    "social_insurance.contribution_certificate",
    "social_insurance.transfer_application",
    "social_insurance.contact_letter",
    "social_insurance.application_refusal",
    "social_insurance.transfer_information",
    "social_insurance.fund_transfer",
    "social_insurance.transfer_completion",
];

/// Long-lived documents: message types that must verify years after they were signed
/// (a contribution certificate is checked when the worker retires; a family-planning
/// certificate or a service agreement stays in force for years). A live verifier applies no
/// maximum age to them (DESIGN §7, SECURITY.md "time rules"); every other type is
/// *transactional* and must arrive within the verifier's maximum age.
pub const LONG_LIVED_TYPES: &[&str] = &[
    "social_insurance.contribution_certificate",
    "family_planning.certificate",
    "family_planning.service_agreement",
];

/// Whether `t` is a long-lived document type ([`LONG_LIVED_TYPES`]).
#[must_use]
pub fn is_long_lived_type(t: &str) -> bool {
    LONG_LIVED_TYPES.contains(&t)
}

/// Whether `t` is a message type of the catalogue.
#[must_use]
pub fn is_known_type(t: &str) -> bool {
    MESSAGE_TYPES.contains(&t)
}
