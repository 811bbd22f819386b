//! The message catalogue's lists: the types of DESIGN §4 and the long-lived documents.
//! The verifier learns them through [`crate::Catalogue`], its profile.

/// The message types of DESIGN §4 (the catalogue).
pub const MESSAGE_TYPES: &[&str] = crate::messages::MessageType::WIRE_NAMES;

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
