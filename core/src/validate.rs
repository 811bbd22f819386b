//! The implementation of [`crate::validate`] (private: its public items are re-exported there).

use serde::ser::{Serialize, SerializeStruct, Serializer};
use serde_json::Value;

use crate::envelope::Document;
use crate::error::{Error, ErrorCode, Violation};
use crate::json::{self, Limits, Numbers};
use crate::rules::stage::RulesStage;
use crate::rules::{Finding, Severity};
use crate::schema_imp as schema;
use crate::verify::Stage;

/// The outcome of [`validate`]: every finding, in stage order (envelope, schema, rules) and
/// body order within a stage.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// The findings; errors reject, warnings do not.
    pub findings: Vec<Finding>,
}

impl Report {
    /// Whether no finding is an error (the document would pass stages 5–7 of the verifier;
    /// warnings are allowed).
    #[must_use]
    pub fn is_valid(&self) -> bool {
        !self.findings.iter().any(Finding::is_error)
    }

    /// The error findings.
    pub fn errors(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.is_error())
    }

    /// The warning findings.
    pub fn warnings(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| !f.is_error())
    }

    /// `{"valid": bool, "findings": [{code, path, message, message_zh, severity}]}` — the
    /// CLI's `--json` output (the report's serde form).
    #[must_use]
    pub fn to_json(&self) -> Value {
        serde_json::to_value(self).unwrap_or_default()
    }
}

/// Serializes as `{"valid": bool, "findings": [...]}`, each finding in its serde form
/// (`{code, path, message, message_zh, severity}`, see [`Finding`]).
impl Serialize for Report {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut st = serializer.serialize_struct("Report", 2)?;
        st.serialize_field("valid", &self.is_valid())?;
        st.serialize_field("findings", &self.findings)?;
        st.end()
    }
}

/// An error of a stage as one error finding (its code, pointer and messages).
fn error_finding(e: &Error) -> Finding {
    Finding {
        violation: Violation::new(
            e.code().as_str(),
            e.path().unwrap_or(""),
            e.message(),
            e.message_zh(),
        ),
        severity: Severity::Error,
    }
}

/// A schema violation without the offending value: the schema library quotes the instance
/// (`"5134…" does not match …`), which may be a citizen ID, a name or a birth date; the
/// value at the violation's pointer is replaced by "the value" / "该值".
fn redact(v: &Violation, document: &Value) -> Violation {
    let Some(instance) = document.pointer(&v.path) else {
        return v.clone();
    };
    let quoted = instance.to_string();
    let mut out = v.clone();
    out.message = out.message.replace(&quoted, "the value");
    out.message_zh = out.message_zh.replace(&quoted, "该值");
    out
}

/// Validates a document (the payload of a message, not a JWS) with the default rule
/// parameters. See the module docs for the stages.
#[must_use]
pub fn validate(document: &Value) -> Report {
    validate_with(document, &RulesStage::default())
}

/// [`validate`] with a configured rules stage (parameters, calendar, reference date).
#[must_use]
pub fn validate_with(document: &Value, rules: &RulesStage) -> Report {
    let checked = match Document::from_value_with(document, &crate::catalogue::is_known_type) {
        Ok(c) => c,
        Err(e) => {
            return Report {
                findings: vec![error_finding(&e)],
            };
        }
    };
    let doc = checked.document;
    let tolerated = match schema::SchemaStage.check(&doc) {
        Ok(tolerated) => tolerated,
        Err(e) => {
            let findings = if e.code() == ErrorCode::SchemaInvalid && !e.violations().is_empty() {
                e.violations()
                    .iter()
                    .map(|v| Finding {
                        violation: redact(v, document),
                        severity: Severity::Error,
                    })
                    .collect()
            } else {
                vec![error_finding(&e)]
            };
            return Report { findings };
        }
    };
    // LL-SCHEMA-006: members of a newer minor are warnings, then the rules run.
    let mut findings: Vec<Finding> = tolerated
        .iter()
        .map(|v| Finding {
            violation: redact(v, document),
            severity: Severity::Warning,
        })
        .collect();
    findings.extend(rules.findings(&doc));
    Report { findings }
}

/// Parses `bytes` with the verifier's strict JSON reader (default limits, integers only) and
/// validates the document; a parse error is the report's only finding (`json.*`, with its
/// pointer when there is one).
#[must_use]
pub fn validate_json(bytes: &[u8]) -> Report {
    validate_json_with(bytes, &RulesStage::default())
}

/// [`validate_json`] with a configured rules stage.
#[must_use]
pub fn validate_json_with(bytes: &[u8], rules: &RulesStage) -> Report {
    match json::parse(bytes, Limits::default(), Numbers::IntegersOnly) {
        Ok(v) => validate_with(&v, rules),
        Err(e) => Report {
            findings: vec![error_finding(&e)],
        },
    }
}
