//! The implementation of [`crate::envelope`] (private: its public items are re-exported there).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error_imp::{Error, ErrorCode, Result};
use crate::time_imp::{Clock, Timestamp};

/// The only `spec` value of this major version of the format.
pub const SPEC: &str = "labourlink/1";

/// Schema major versions this library understands.
pub(crate) const SUPPORTED_SCHEMA_MAJORS: &[u64] = &[1];

/// Whether `t` has the form of a message type: dot-separated segments of `a-z`, `0-9` and `_`
/// (which types exist is the catalogue's business: [`crate::verify::Profile::knows_type`]).
#[must_use]
pub(crate) fn is_type_name(t: &str) -> bool {
    !t.is_empty()
        && t.split('.').all(|seg| {
            !seg.is_empty()
                && seg
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        })
}

/// A party: a region (GB/T 2260 six-digit code) and an agency within it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Party {
    /// GB/T 2260 administrative division code, six digits (e.g. `330200` Ningbo).
    pub region: String,
    /// The agency: a unified social credit code or an agency code agreed in the trust list.
    pub agency: String,
    /// Human-readable name, e.g. `宁波市社会保险管理局`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl Party {
    /// A party without a display name.
    #[must_use]
    pub fn new(region: impl Into<String>, agency: impl Into<String>) -> Self {
        Self {
            region: region.into(),
            agency: agency.into(),
            name: None,
        }
    }

    /// Sets the display name.
    #[must_use]
    pub fn named(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }
}

/// The case a message belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseRef {
    /// Case identifier, unique for the issuing region (e.g. `330200-SI-2026-000123`).
    pub id: String,
    /// Case type, e.g. `social_insurance.pension_transfer`.
    #[serde(rename = "type")]
    pub case_type: String,
}

/// The envelope fields of a document (the body stays JSON until the schema stage).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Always [`SPEC`].
    pub spec: String,
    /// The message type, e.g. `social_insurance.contact_letter`.
    #[serde(rename = "type")]
    pub message_type: String,
    /// `major.minor` of the body schema.
    pub schema_version: String,
    /// Message id: a UUID (version 7 when made by labourlink), unique per issuer.
    pub id: String,
    /// The case this message belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case: Option<CaseRef>,
    /// The id of the message this one answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_reply_to: Option<String>,
    /// The sender.
    pub from: Party,
    /// The receiver.
    pub to: Party,
    /// When the message was issued (RFC 3339 UTC).
    pub issued_at: String,
    /// When the message stops being valid, if ever.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<String>,
    /// The type-specific body.
    pub body: Value,
}

fn invalid(msg: impl Into<String>, path: impl Into<String>) -> Error {
    Error::new(ErrorCode::EnvelopeInvalid, msg).at(path)
}

fn get_str<'a>(
    obj: &'a Map<String, Value>,
    key: &str,
    base: &str,
    required: bool,
) -> Result<Option<&'a str>> {
    match obj.get(key) {
        Some(Value::String(s)) if !s.is_empty() => Ok(Some(s)),
        Some(Value::String(_)) => Err(invalid(
            format!("'{key}' must not be empty"),
            format!("{base}/{key}"),
        )),
        Some(_) => Err(invalid(
            format!("'{key}' must be a string"),
            format!("{base}/{key}"),
        )),
        None if required => Err(invalid(
            format!("required field '{key}' is missing"),
            base.to_owned(),
        )),
        None => Ok(None),
    }
}

/// Refuses a string field longer than `max` characters (Unicode scalar values: JSON
/// Schema's `maxLength`, as `core/schemas/defs.schema.json` gives it); the value itself is
/// not shown.
fn check_length(value: &str, max: usize, pointer: &str) -> Result<()> {
    let n = value.chars().count();
    if n > max {
        return Err(invalid(
            format!("'{pointer}' is {n} characters long, more than the {max} allowed"),
            pointer.to_owned(),
        ));
    }
    Ok(())
}

/// A case type's form (`defs.schema.json` `case_type`): `domain.name`, two segments of
/// `a-z 0-9 _`, at most 64 characters.
fn is_case_type(t: &str) -> bool {
    let seg = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    };
    t.len() <= MAX_CODE_CHARS && t.split_once('.').is_some_and(|(a, b)| seg(a) && seg(b))
}

/// The longest agency code, case id and case type, in characters (`defs.schema.json`).
const MAX_CODE_CHARS: usize = 64;
/// The longest party name, in characters (`envelope.schema.json`).
const MAX_NAME_CHARS: usize = 100;

fn check_members(obj: &Map<String, Value>, allowed: &[&str], base: &str) -> Result<()> {
    for k in obj.keys() {
        if !allowed.contains(&k.as_str()) {
            return Err(invalid(
                format!("unknown field '{k}' (allowed: {})", allowed.join(", ")),
                format!("{base}/{}", crate::error_imp::escape_pointer_token(k)),
            ));
        }
    }
    Ok(())
}

/// Whether `s` has the shape of a GB/T 2260 code: six ASCII digits, the first 1–8 (as
/// `defs.schema.json` says; whether the code exists is a business rule, see
/// the catalogue's region table).
#[must_use]
pub(crate) fn is_region_code(s: &str) -> bool {
    s.len() == 6
        && s.bytes().all(|b| b.is_ascii_digit())
        && (b'1'..=b'8').contains(&s.as_bytes()[0])
}

/// Whether `s` is a UUID in lowercase hyphenated form (`8-4-4-4-12` hex digits).
#[must_use]
pub fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_digit() || (b'a'..=b'f').contains(c),
        })
}

fn party(obj: &Map<String, Value>, key: &str) -> Result<Party> {
    let base = format!("/{key}");
    let Some(v) = obj.get(key) else {
        return Err(invalid(format!("required field '{key}' is missing"), ""));
    };
    let Value::Object(p) = v else {
        return Err(invalid(
            format!("'{key}' must be an object with region and agency"),
            base,
        ));
    };
    check_members(p, &["region", "agency", "name"], &base)?;
    let region = get_str(p, "region", &base, true)?.unwrap_or_default();
    if !is_region_code(region) {
        return Err(invalid(
            format!("region '{region}' is not a six-digit GB/T 2260 code"),
            format!("{base}/region"),
        ));
    }
    let agency = get_str(p, "agency", &base, true)?.unwrap_or_default();
    check_length(agency, MAX_CODE_CHARS, &format!("{base}/agency"))?;
    let name = get_str(p, "name", &base, false)?;
    if let Some(n) = name {
        check_length(n, MAX_NAME_CHARS, &format!("{base}/name"))?;
    }
    Ok(Party {
        region: region.to_owned(),
        agency: agency.to_owned(),
        name: name.map(str::to_owned),
    })
}

fn instant(
    obj: &Map<String, Value>,
    key: &str,
    required: bool,
) -> Result<Option<(String, Timestamp)>> {
    match get_str(obj, key, "", required)? {
        Some(s) => {
            let t = Timestamp::parse(s)
                .map_err(|e| invalid(e.message().to_owned(), format!("/{key}")))?;
            Ok(Some((s.to_owned(), t)))
        }
        None => Ok(None),
    }
}

/// A document whose envelope fields have been checked, with its parsed instants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedDocument {
    /// The envelope fields.
    pub document: Document,
    /// `issued_at`, parsed.
    pub issued_at: Timestamp,
    /// `expires_at`, parsed.
    pub expires_at: Option<Timestamp>,
}

impl Document {
    /// Checks the envelope of a parsed document and returns its typed form.
    ///
    /// Order of checks: object shape and field types (`envelope.invalid`), `spec`
    /// (`envelope.unsupported_spec`), `schema_version` major (`envelope.unsupported_version`),
    /// `type` (`envelope.unknown_type`: here only its form is checked; the catalogue's
    /// [`Document::from_value_with`] checks that it exists).
    ///
    /// # Errors
    /// `envelope.*` with the pointer of the offending field.
    pub fn from_value(value: &Value) -> Result<CheckedDocument> {
        Self::from_value_with(value, &is_type_name)
    }

    /// [`Document::from_value`] with a catalogue: `known` says which message types exist;
    /// others are `envelope.unknown_type` at `/type`, in the place of the checks given above.
    ///
    /// # Errors
    /// `envelope.*` with the pointer of the offending field.
    pub fn from_value_with(value: &Value, known: &dyn Fn(&str) -> bool) -> Result<CheckedDocument> {
        // The copy recurses: a value built in code deeper than any parser allows is refused
        // first (`json.too_deep`) instead of overflowing the stack.
        crate::json_imp::check_value_depth(value)?;
        Self::from_json_with(value.clone(), known)
    }

    /// Like [`Document::from_value`], taking ownership: the body is moved, not copied (the
    /// verifier's path).
    ///
    /// # Errors
    /// `envelope.*` with the pointer of the offending field.
    pub fn from_json(value: Value) -> Result<CheckedDocument> {
        Self::from_json_with(value, &is_type_name)
    }

    /// [`Document::from_json`] with a catalogue (see [`Document::from_value_with`]).
    ///
    /// # Errors
    /// `envelope.*` with the pointer of the offending field.
    pub fn from_json_with(value: Value, known: &dyn Fn(&str) -> bool) -> Result<CheckedDocument> {
        let Value::Object(mut obj) = value else {
            return Err(invalid("a document must be a JSON object", ""));
        };
        let obj_ref = &obj;
        check_members(
            obj_ref,
            &[
                "spec",
                "type",
                "schema_version",
                "id",
                "case",
                "in_reply_to",
                "from",
                "to",
                "issued_at",
                "expires_at",
                "body",
            ],
            "",
        )?;
        let spec = get_str(obj_ref, "spec", "", true)?.unwrap_or_default();
        if spec != SPEC {
            return Err(Error::new(
                ErrorCode::EnvelopeUnsupportedSpec,
                format!("spec is '{spec}', this library implements '{SPEC}'"),
            )
            .at("/spec"));
        }
        let message_type = get_str(obj_ref, "type", "", true)?.unwrap_or_default();
        let schema_version = get_str(obj_ref, "schema_version", "", true)?.unwrap_or_default();
        let major = parse_version(schema_version).ok_or_else(|| {
            invalid(
                format!("schema_version '{schema_version}' is not 'major.minor'"),
                "/schema_version",
            )
        })?;
        if !SUPPORTED_SCHEMA_MAJORS.contains(&major.0) {
            return Err(Error::new(
                ErrorCode::EnvelopeUnsupportedVersion,
                format!("schema major version {} is not supported (supported: {SUPPORTED_SCHEMA_MAJORS:?}); unknown minors of a known major are accepted", major.0),
            )
            .at("/schema_version"));
        }
        if !is_type_name(message_type) || !known(message_type) {
            return Err(Error::new(
                ErrorCode::EnvelopeUnknownType,
                format!(
                    "message type '{}' is not in the catalogue",
                    crate::error_imp::shown(message_type)
                ),
            )
            .at("/type"));
        }
        let id = get_str(obj_ref, "id", "", true)?.unwrap_or_default();
        if !is_uuid(id) {
            return Err(invalid(
                format!("id '{id}' is not a lowercase hyphenated UUID"),
                "/id",
            ));
        }
        let case = match obj_ref.get("case") {
            None => None,
            Some(Value::Object(c)) => {
                check_members(c, &["id", "type"], "/case")?;
                let id = get_str(c, "id", "/case", true)?.unwrap_or_default();
                check_length(id, MAX_CODE_CHARS, "/case/id")?;
                let case_type = get_str(c, "type", "/case", true)?.unwrap_or_default();
                if !is_case_type(case_type) {
                    return Err(invalid(
                        "'/case/type' is not a case type: domain.name, two segments of a-z, \
                         0-9 and _, at most 64 characters (schemas/flows.json lists them)",
                        "/case/type",
                    ));
                }
                Some(CaseRef {
                    id: id.to_owned(),
                    case_type: case_type.to_owned(),
                })
            }
            Some(_) => {
                return Err(invalid(
                    "'case' must be an object with id and type",
                    "/case",
                ));
            }
        };
        let in_reply_to = get_str(obj_ref, "in_reply_to", "", false)?;
        if let Some(r) = in_reply_to {
            if !is_uuid(r) {
                return Err(invalid(
                    format!("in_reply_to '{r}' is not a lowercase hyphenated UUID"),
                    "/in_reply_to",
                ));
            }
        }
        let from = party(obj_ref, "from")?;
        let to = party(obj_ref, "to")?;
        let (issued_at_s, issued_at) = instant(obj_ref, "issued_at", true)?
            .ok_or_else(|| invalid("required field 'issued_at' is missing", ""))?;
        let expires = instant(obj_ref, "expires_at", false)?;
        if let Some((_, e)) = &expires {
            if *e < issued_at {
                return Err(invalid("expires_at is before issued_at", "/expires_at"));
            }
        }
        let (spec, message_type, schema_version, id) = (
            spec.to_owned(),
            message_type.to_owned(),
            schema_version.to_owned(),
            id.to_owned(),
        );
        let in_reply_to = in_reply_to.map(str::to_owned);
        let body = match obj.remove("body") {
            Some(b @ Value::Object(_)) => b,
            Some(_) => return Err(invalid("'body' must be an object", "/body")),
            None => return Err(invalid("required field 'body' is missing", "")),
        };
        Ok(CheckedDocument {
            document: Document {
                spec,
                message_type,
                schema_version,
                id,
                case,
                in_reply_to,
                from,
                to,
                issued_at: issued_at_s,
                expires_at: expires.as_ref().map(|(s, _)| s.clone()),
                body,
            },
            issued_at,
            expires_at: expires.map(|(_, t)| t),
        })
    }

    /// Starts a document of `message_type` from one party to another.
    ///
    /// ```
    /// use labourlink_protocol::envelope::{Document, Party};
    /// use labourlink_protocol::time::{FixedClock, Timestamp};
    /// let clock = FixedClock(Timestamp::parse("2026-11-27T08:00:00Z").unwrap());
    /// let doc = Document::builder("receipt", Party::new("513400", "LS-SI"), Party::new("330200", "NB-SI"))
    ///     .body(serde_json::json!({"status": "accepted"}))
    ///     .build(&clock)
    ///     .unwrap();
    /// assert_eq!(doc.issued_at, "2026-11-27T08:00:00Z");
    /// assert_eq!(&doc.id[14..15], "7"); // UUID version 7
    /// ```
    pub fn builder(message_type: impl Into<String>, from: Party, to: Party) -> DocumentBuilder {
        DocumentBuilder {
            message_type: message_type.into(),
            schema_version: "1.0".to_owned(),
            from,
            to,
            case: None,
            in_reply_to: None,
            expires_at: None,
            body: Value::Object(Map::new()),
            id: None,
        }
    }

    /// The document as a JSON value.
    #[must_use]
    pub fn to_value(&self) -> Value {
        // Serialising these plain structs into a Value cannot fail (string keys, no floats).
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

fn parse_version(v: &str) -> Option<(u64, u64)> {
    let (a, b) = v.split_once('.')?;
    let num = |s: &str| -> Option<u64> {
        if s.is_empty()
            || s.len() > 6
            || !s.bytes().all(|c| c.is_ascii_digit())
            || (s.len() > 1 && s.starts_with('0'))
        {
            None
        } else {
            s.parse().ok()
        }
    };
    Some((num(a)?, num(b)?))
}

/// Builds a [`Document`], filling `id` (UUID v7) and `issued_at` from a clock.
#[derive(Debug, Clone)]
#[must_use]
pub struct DocumentBuilder {
    message_type: String,
    schema_version: String,
    from: Party,
    to: Party,
    case: Option<CaseRef>,
    in_reply_to: Option<String>,
    expires_at: Option<Timestamp>,
    body: Value,
    id: Option<String>,
}

impl DocumentBuilder {
    /// Sets the body.
    pub fn body(mut self, body: Value) -> Self {
        self.body = body;
        self
    }

    /// Sets the case.
    pub fn case(mut self, id: impl Into<String>, case_type: impl Into<String>) -> Self {
        self.case = Some(CaseRef {
            id: id.into(),
            case_type: case_type.into(),
        });
        self
    }

    /// Marks the document as a reply to the message with this id (and copies nothing else).
    pub fn in_reply_to(mut self, id: impl Into<String>) -> Self {
        self.in_reply_to = Some(id.into());
        self
    }

    /// Sets the expiry instant.
    pub fn expires_at(mut self, t: Timestamp) -> Self {
        self.expires_at = Some(t);
        self
    }

    /// Sets `schema_version` (default `1.0`).
    pub fn schema_version(mut self, v: impl Into<String>) -> Self {
        self.schema_version = v.into();
        self
    }

    /// Uses a fixed id instead of a fresh UUID v7 (tests, re-issuing a stored draft).
    pub fn id(mut self, id: impl Into<String>) -> Self {
        self.id = Some(id.into());
        self
    }

    /// Builds the document and checks its envelope (the type's form only; see
    /// [`DocumentBuilder::build_checked`]).
    ///
    /// # Errors
    /// `envelope.*` when a field is invalid; `internal.crypto` if no randomness is available.
    pub fn build(self, clock: &dyn Clock) -> Result<Document> {
        self.build_checked(clock, &is_type_name)
    }

    /// Builds the document and checks its envelope with a catalogue: `known` says which
    /// message types exist (`envelope.unknown_type` for the others).
    ///
    /// # Errors
    /// Those of [`DocumentBuilder::build`], and `envelope.unknown_type`.
    pub fn build_checked(
        self,
        clock: &dyn Clock,
        known: &dyn Fn(&str) -> bool,
    ) -> Result<Document> {
        let doc = self.assemble(clock)?;
        Document::from_json_with(doc.to_value(), known)?;
        Ok(doc)
    }

    /// The document with `id` and `issued_at` filled in, not yet checked (see
    /// [`DocumentBuilder::build_checked`] and `DocumentBuilder::build_and_sign`).
    pub(crate) fn assemble(self, clock: &dyn Clock) -> Result<Document> {
        let now = clock.now();
        let id = match self.id {
            Some(id) => id,
            None => uuid_v7(now)?,
        };
        let doc = Document {
            spec: SPEC.to_owned(),
            message_type: self.message_type,
            schema_version: self.schema_version,
            id,
            case: self.case,
            in_reply_to: self.in_reply_to,
            from: self.from,
            to: self.to,
            issued_at: Timestamp::from_unix_seconds(now.unix_seconds()).to_string(),
            expires_at: self.expires_at.map(|t| t.to_string()),
            body: self.body,
        };
        Ok(doc)
    }
}

/// A fresh UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then randomness.
///
/// # Errors
/// `internal.crypto` if the system random generator fails.
pub fn uuid_v7(now: Timestamp) -> Result<String> {
    use ring::rand::SecureRandom as _;
    let mut b = [0u8; 16];
    ring::rand::SystemRandom::new()
        .fill(&mut b[6..])
        .map_err(|_| {
            Error::new(
                ErrorCode::InternalCrypto,
                "the system random generator failed",
            )
        })?;
    let ms = u64::try_from(now.unix_millis()).unwrap_or(0).to_be_bytes();
    b[..6].copy_from_slice(&ms[2..]);
    Ok(uuid_string(b, 7))
}

/// The hyphenated lowercase UUID of 16 bytes with the RFC 9562 variant and the given version
/// (`7` time-ordered, `8` custom, e.g. an id derived from a hash).
///
/// ```
/// use labourlink_protocol::envelope::{is_uuid, uuid_string};
/// let id = uuid_string([0xab; 16], 8);
/// assert_eq!(id, "abababab-abab-8bab-abab-abababababab");
/// assert!(is_uuid(&id));
/// ```
#[must_use]
pub fn uuid_string(mut b: [u8; 16], version: u8) -> String {
    b[6] = ((version & 0x0f) << 4) | (b[6] & 0x0f);
    b[8] = 0x80 | (b[8] & 0x3f);
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

/// Parses payload bytes as a strict document (integers only), checks that they are the RFC 8785
/// canonical form, and returns the value with its digest (SHA-256, base64url).
///
/// # Errors
/// `json.*` with the pointer inside the document, `payload.not_canonical`.
pub fn parse_canonical_payload(
    payload: &[u8],
    limits: crate::json_imp::Limits,
) -> Result<(Value, String)> {
    parse_canonical(payload, limits).map(|value| (value, digest(payload)))
}

/// [`parse_canonical_payload`] without the digest, for the verifier, which computes it only when
/// it is asked for (the replay guard, a receipt, the caller).
pub(crate) fn parse_canonical(payload: &[u8], limits: crate::json_imp::Limits) -> Result<Value> {
    let (value, canonical) =
        crate::json_imp::parse_noting_canonical(payload, limits).map_err(|e| {
            let msg = format!("in the payload: {}", e.message());
            let mut out = Error::new(e.code(), msg);
            if let Some(p) = e.path() {
                out = out.at(p);
            }
            out
        })?;
    // The parser notes whether the bytes are canonical as it reads them; on doubt,
    // re-serialise and compare (the definition).
    if canonical {
        return Ok(value);
    }
    let canonical = crate::canonical_imp::to_vec(&value);
    if canonical != payload {
        let at = canonical
            .iter()
            .zip(payload)
            .position(|(a, b)| a != b)
            .unwrap_or(canonical.len().min(payload.len()));
        return Err(Error::new(
            ErrorCode::PayloadNotCanonical,
            format!(
                "the payload is not the RFC 8785 canonical form of its document (first difference at byte {at}: whitespace, member order, number or string escaping)"
            ),
        ));
    }
    Ok(value)
}

/// SHA-256 of bytes, base64url without padding: the digest of a message's payload.
#[must_use]
pub fn digest(payload: &[u8]) -> String {
    crate::b64_imp::encode(ring::digest::digest(&ring::digest::SHA256, payload).as_ref())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn doc() -> Value {
        json!({"spec":"labourlink/1","type":"receipt","schema_version":"1.3",
               "id":"018f6d0e-7c1a-7b3e-9a55-2f1d3c4b5a69",
               "from":{"region":"513400","agency":"LS","name":"凉山"},
               "to":{"region":"330200","agency":"NB"},
               "issued_at":"2026-11-27T08:00:00Z","body":{}})
    }

    #[test]
    fn accepts_and_rejects() {
        let c = Document::from_value(&doc()).unwrap();
        assert_eq!(c.document.from.region, "513400");
        let mutate = |f: &dyn Fn(&mut Value)| {
            let mut d = doc();
            f(&mut d);
            Document::from_value(&d).unwrap_err()
        };
        let e = mutate(&|d| d["spec"] = json!("labourlink/2"));
        assert_eq!(
            (e.code(), e.path()),
            (ErrorCode::EnvelopeUnsupportedSpec, Some("/spec"))
        );
        let e = mutate(&|d| d["schema_version"] = json!("2.0"));
        assert_eq!(e.code(), ErrorCode::EnvelopeUnsupportedVersion);
        // The protocol checks the form of a type; which types exist is the catalogue's.
        let e = mutate(&|d| d["type"] = json!("Worker Transfer"));
        assert_eq!(e.code(), ErrorCode::EnvelopeUnknownType);
        let v = doc();
        let mut odd = v.clone();
        odd["type"] = json!("worker_transfer.nope");
        Document::from_value(&odd).unwrap();
        let e = Document::from_value_with(&odd, &|t| t == "receipt").unwrap_err();
        assert_eq!(e.code(), ErrorCode::EnvelopeUnknownType);
        let e = mutate(&|d| d["from"]["region"] = json!("51340"));
        assert_eq!(
            (e.code(), e.path()),
            (ErrorCode::EnvelopeInvalid, Some("/from/region"))
        );
        let e = mutate(&|d| d["extra"] = json!(1));
        assert_eq!(e.path(), Some("/extra"));
        let e = mutate(&|d| d["issued_at"] = json!("2026-11-27T08:00:00+08:00"));
        assert_eq!(e.path(), Some("/issued_at"));
        let e = mutate(&|d| d["expires_at"] = json!("2026-11-26T08:00:00Z"));
        assert_eq!(e.path(), Some("/expires_at"));
        let e = mutate(&|d| {
            d.as_object_mut().unwrap().remove("body");
        });
        assert_eq!(e.code(), ErrorCode::EnvelopeInvalid);
    }

    #[test]
    fn uuid7_shape() {
        let t = Timestamp::parse("2026-11-27T08:00:00Z").unwrap();
        let a = uuid_v7(t).unwrap();
        assert!(is_uuid(&a));
        assert_ne!(a, uuid_v7(t).unwrap());
        assert!(a.starts_with("01a21c04-b400-7"), "{a}");
    }
}
