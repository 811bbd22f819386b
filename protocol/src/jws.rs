//! The implementation of [`crate::jws`] (private: its public items are re-exported there).

use serde_json::Value;

use crate::b64_imp as b64;
use crate::canonical_imp as canonical;
use crate::error_imp::{Error, ErrorCode, Result};
use crate::json_imp::{self as json, Limits, Numbers};
use crate::keys_imp::{Algorithm, Signer};

/// The `typ` header value of every labourlink message.
pub const TYP: &str = "labourlink+jws";

/// Header members that would carry or point to key material.
const EMBEDDED_KEY_MEMBERS: &[&str] = &["jwk", "jku", "x5u", "x5c", "x5t", "x5t#S256"];

/// What the JWS layer accepts for `alg` (the verifier's algorithm policy).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlgorithmPolicy {
    /// Algorithms accepted in `alg`.
    pub allowed: Vec<Algorithm>,
    /// Accept the polymorphic `EdDSA` (deprecated by RFC 9864) as a name for `Ed25519`.
    pub allow_eddsa_alias: bool,
}

impl Default for AlgorithmPolicy {
    fn default() -> Self {
        Self {
            allowed: Algorithm::ALL.to_vec(),
            allow_eddsa_alias: false,
        }
    }
}

/// The protected header of one signature, after the profile checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProtectedHeader {
    /// The algorithm (an `EdDSA` header, when allowed, reads as [`Algorithm::Ed25519`]).
    pub alg: Algorithm,
    /// The key id.
    pub kid: String,
}

/// One signature of a parsed JWS.
#[derive(Debug, Clone)]
pub struct ParsedSignature {
    /// The checked protected header.
    pub header: ProtectedHeader,
    /// The `protected` member exactly as received (base64url).
    pub protected_b64: String,
    /// The decoded signature bytes.
    pub signature: Vec<u8>,
    /// The JSON pointer of this signature object (`/signatures/N`).
    pub pointer: String,
}

/// A JWS whose structure passed the profile; nothing is verified yet.
#[derive(Debug, Clone)]
pub struct ParsedJws {
    /// The `payload` member exactly as received (base64url).
    pub payload_b64: String,
    /// The decoded payload bytes.
    pub payload: Vec<u8>,
    /// The signatures, in order.
    pub signatures: Vec<ParsedSignature>,
}

impl ParsedJws {
    /// The JWS signing input of signature `sig`: `ASCII(protected || '.' || payload)`.
    #[must_use]
    pub fn signing_input(&self, sig: &ParsedSignature) -> Vec<u8> {
        signing_input(&sig.protected_b64, &self.payload_b64)
    }

    /// [`ParsedJws::signing_input`] written into `buf` (cleared first), so that the signatures
    /// of one message share one allocation.
    pub(crate) fn signing_input_into<'b>(
        &self,
        sig: &ParsedSignature,
        buf: &'b mut Vec<u8>,
    ) -> &'b [u8] {
        buf.clear();
        write_signing_input(buf, &sig.protected_b64, &self.payload_b64);
        buf
    }
}

/// `ASCII(protected_b64 || '.' || payload_b64)`.
#[must_use]
pub(crate) fn signing_input(protected_b64: &str, payload_b64: &str) -> Vec<u8> {
    let mut v = Vec::new();
    write_signing_input(&mut v, protected_b64, payload_b64);
    v
}

/// Appends `ASCII(protected_b64 || '.' || payload_b64)` to `buf`.
fn write_signing_input(buf: &mut Vec<u8>, protected_b64: &str, payload_b64: &str) {
    buf.reserve(protected_b64.len() + 1 + payload_b64.len());
    buf.extend_from_slice(protected_b64.as_bytes());
    buf.push(b'.');
    buf.extend_from_slice(payload_b64.as_bytes());
}

fn malformed(msg: impl Into<String>, path: &str) -> Error {
    Error::new(ErrorCode::JwsMalformed, msg).at(path)
}

/// Takes the string member `member` out of `obj` (moved, not copied: the payload is most of a
/// message's bytes).
fn take_string(
    obj: &mut serde_json::Map<String, Value>,
    member: &str,
    path: &str,
) -> Result<String> {
    match obj.remove(member) {
        Some(Value::String(s)) => Ok(s),
        Some(_) => Err(malformed(
            format!("member '{member}' must be a string"),
            &format!("{path}/{member}"),
        )),
        None => Err(malformed(format!("member '{member}' is missing"), path)),
    }
}

/// The `json.syntax` message of a compact JWS given where the JSON serialization is expected:
/// fixed text, nothing of the input, so an inbox may show it to any sender.
pub const COMPACT_JWS_MESSAGE: &str = "this is a compact JWS (three base64url parts separated by '.'); labourlink accepts \
     only the JWS JSON serialization, general syntax (RFC 7515 §7.2.1): \
     {\"payload\": \"…\", \"signatures\": [{\"protected\": \"…\", \"signature\": \"…\"}]}";

/// Whether `bytes` look like a compact JWS (RFC 7515 §7.1): three base64url parts separated by
/// two dots (the payload may be empty, as in a detached compact JWS), surrounding whitespace
/// aside.
fn looks_compact(bytes: &[u8]) -> bool {
    let text = bytes.trim_ascii();
    let mut parts = text.split(|&b| b == b'.');
    let base64url = |p: &[u8]| {
        p.iter()
            .all(|&b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    };
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(header), Some(payload), Some(signature), None) => {
            !header.is_empty()
                && !signature.is_empty()
                && base64url(header)
                && base64url(payload)
                && base64url(signature)
        }
        _ => false,
    }
}

/// Parses and checks the structure of a JWS (stage 2 of the pipeline; stage 1's JSON limits are
/// applied to the outer object and to each protected header).
///
/// # Errors
/// `json.*` for the JSON layer and `jws.*` for the profile rules in the module docs.
pub fn parse(bytes: &[u8], limits: Limits, policy: &AlgorithmPolicy) -> Result<ParsedJws> {
    let value = json::parse(bytes, limits, Numbers::IntegersOnly).map_err(|e| {
        if e.code() == ErrorCode::JsonSyntax && looks_compact(bytes) {
            Error::new(ErrorCode::JsonSyntax, COMPACT_JWS_MESSAGE).at("")
        } else {
            e
        }
    })?;
    let Value::Object(mut obj) = value else {
        return Err(malformed(
            "a JWS must be a JSON object with 'payload' and 'signatures'",
            "",
        ));
    };
    for key in obj.keys() {
        match key.as_str() {
            "payload" | "signatures" => {}
            "protected" | "signature" | "header" => {
                return Err(malformed(
                    format!(
                        "member '{key}' at the top level: the flattened JWS syntax is not accepted, use the general syntax with 'signatures'"
                    ),
                    &format!("/{key}"),
                ));
            }
            other => {
                return Err(malformed(
                    format!(
                        "unexpected member '{other}'; a JWS has only 'payload' and 'signatures'"
                    ),
                    &format!("/{}", crate::error_imp::escape_pointer_token(other)),
                ));
            }
        }
    }
    let payload_b64 = take_string(&mut obj, "payload", "")?;
    let payload = b64::decode(&payload_b64, "payload", "/payload")?;
    let sigs = match obj.get_mut("signatures") {
        Some(Value::Array(a)) => a,
        Some(_) => return Err(malformed("'signatures' must be an array", "/signatures")),
        None => return Err(malformed("member 'signatures' is missing", "")),
    };
    if sigs.is_empty() {
        return Err(
            Error::new(ErrorCode::JwsNoSignatures, "'signatures' is empty").at("/signatures"),
        );
    }
    let mut signatures: Vec<ParsedSignature> = Vec::with_capacity(sigs.len());
    for (i, s) in sigs.iter_mut().enumerate() {
        let pointer = format!("/signatures/{i}");
        let sig = parse_signature(s, &pointer, limits, policy)?;
        if signatures.iter().any(|o| o.header.kid == sig.header.kid) {
            return Err(Error::new(
                ErrorCode::JwsDuplicateSigner,
                format!("key id '{}' signs twice", sig.header.kid),
            )
            .at(pointer));
        }
        signatures.push(sig);
    }
    Ok(ParsedJws {
        payload_b64,
        payload,
        signatures,
    })
}

fn parse_signature(
    value: &mut Value,
    pointer: &str,
    limits: Limits,
    policy: &AlgorithmPolicy,
) -> Result<ParsedSignature> {
    let Value::Object(obj) = value else {
        return Err(malformed("a signature must be an object", pointer));
    };
    for key in obj.keys() {
        match key.as_str() {
            "protected" | "signature" => {}
            "header" => {
                return Err(Error::new(
                    ErrorCode::JwsUnprotectedHeader,
                    "an unprotected 'header' is not allowed; every header member must be in 'protected'",
                )
                .at(format!("{pointer}/header")));
            }
            other => {
                return Err(malformed(
                    format!("unexpected member '{other}' in a signature object"),
                    &format!(
                        "{pointer}/{}",
                        crate::error_imp::escape_pointer_token(other)
                    ),
                ));
            }
        }
    }
    let protected_b64 = take_string(obj, "protected", pointer)?;
    let signature_b64 = take_string(obj, "signature", pointer)?;
    let protected_ptr = format!("{pointer}/protected");
    let header_bytes = b64::decode(&protected_b64, "protected header", &protected_ptr)?;
    let signature = b64::decode(&signature_b64, "signature", &format!("{pointer}/signature"))?;
    let header = parse_header(&header_bytes, &protected_ptr, limits, policy)?;
    Ok(ParsedSignature {
        header,
        protected_b64,
        signature,
        pointer: pointer.to_owned(),
    })
}

fn header_err(code: ErrorCode, msg: impl Into<String>, path: &str) -> Error {
    Error::new(code, msg).at(path)
}

/// Checks one decoded protected header against the profile. `path` is the pointer of the
/// `protected` member; problems inside the header are reported there.
///
/// # Errors
/// `json.*` when the header is not strict JSON, `jws.*` for the profile rules.
pub(crate) fn parse_header(
    bytes: &[u8],
    path: &str,
    limits: Limits,
    policy: &AlgorithmPolicy,
) -> Result<ProtectedHeader> {
    let value = json::parse(bytes, limits, Numbers::IntegersOnly).map_err(|e| {
        let msg = format!("in the protected header: {}", e.message());
        Error::new(e.code(), msg).at(path)
    })?;
    let Value::Object(obj) = value else {
        return Err(header_err(
            ErrorCode::JwsHeaderInvalid,
            "the protected header must be a JSON object",
            path,
        ));
    };
    for m in EMBEDDED_KEY_MEMBERS {
        if obj.contains_key(*m) {
            return Err(header_err(
                ErrorCode::JwsEmbeddedKey,
                format!(
                    "header member '{m}' is refused: keys are taken only from the trust list, never from a message"
                ),
                path,
            ));
        }
    }
    if let Some(crit) = obj.get("crit") {
        let names: Vec<&str> = match crit {
            Value::Array(a) if !a.is_empty() => a.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        let detail = if names.is_empty() {
            "'crit' must be a non-empty array of strings".to_owned()
        } else {
            format!("'crit' lists {names:?}, which labourlink does not understand")
        };
        return Err(header_err(ErrorCode::JwsUnknownCritical, detail, path));
    }
    for key in obj.keys() {
        if !matches!(key.as_str(), "alg" | "kid" | "typ") {
            return Err(header_err(
                ErrorCode::JwsUnknownHeader,
                format!("header member '{key}' is not allowed (only alg, kid, typ)"),
                path,
            ));
        }
    }
    let alg_name = match obj.get("alg") {
        Some(Value::String(s)) => s.as_str(),
        _ => {
            return Err(header_err(
                ErrorCode::JwsHeaderInvalid,
                "header 'alg' is missing or not a string",
                path,
            ));
        }
    };
    let alg = match alg_name {
        "EdDSA" if policy.allow_eddsa_alias => Algorithm::Ed25519,
        "EdDSA" => {
            return Err(header_err(
                ErrorCode::JwsAlgorithmNotAllowed,
                "alg 'EdDSA' (polymorphic, deprecated by RFC 9864) is not accepted; write 'Ed25519' in the protected header and sign again (the same key)",
                path,
            ));
        }
        other => Algorithm::from_jws_name(other).map_err(|e| e.at(path))?,
    };
    if !policy.allowed.contains(&alg) {
        return Err(header_err(
            ErrorCode::JwsAlgorithmNotAllowed,
            format!("alg '{alg}' is not in this verifier's allowed algorithms"),
            path,
        ));
    }
    let kid = match obj.get("kid") {
        Some(Value::String(s)) if !s.is_empty() => s.clone(),
        _ => {
            return Err(header_err(
                ErrorCode::JwsHeaderInvalid,
                "header 'kid' is missing, empty or not a string",
                path,
            ));
        }
    };
    match obj.get("typ") {
        Some(Value::String(s)) if s == TYP => {}
        Some(Value::String(s)) => {
            return Err(header_err(
                ErrorCode::JwsWrongType,
                format!("header typ is '{s}', expected '{TYP}'"),
                path,
            ));
        }
        _ => {
            return Err(header_err(
                ErrorCode::JwsWrongType,
                format!("header 'typ' is missing or not a string; expected '{TYP}'"),
                path,
            ));
        }
    }
    Ok(ProtectedHeader { alg, kid })
}

/// The canonical protected header `{"alg":…,"kid":…,"typ":"labourlink+jws"}`.
#[must_use]
pub(crate) fn header_bytes(alg: Algorithm, kid: &str) -> Vec<u8> {
    let v = serde_json::json!({"alg": alg.as_str(), "kid": kid, "typ": TYP});
    canonical::to_vec(&v)
}

/// A JWS prepared for signing: the payload is fixed; each signer signs its own signing input.
/// Use it when a signature is made elsewhere (an HSM, a remote service) and comes back later.
///
/// ```
/// use labourlink_protocol::jws::Prepared;
/// use labourlink_protocol::keys::{Algorithm, SigningKey};
/// let key = SigningKey::from_seed(&[1; 32], "k1").unwrap();
/// let prepared = Prepared::new(br#"{"a":1}"#.to_vec());
/// let input = prepared.signing_input(Algorithm::Ed25519, "k1");
/// let sig = key.sign(&input).unwrap();            // done by the HSM in real life
/// let jws = prepared.assemble(&[(Algorithm::Ed25519, "k1".into(), sig)]).unwrap();
/// assert!(jws.starts_with(r#"{"payload":"eyJhIjoxfQ","signatures":[{"protected":"#));
/// ```
#[derive(Debug, Clone)]
pub struct Prepared {
    payload_b64: String,
}

impl Prepared {
    /// Prepares the given payload bytes (they should be canonical JSON; see [`crate::sign`]).
    #[must_use]
    pub fn new(payload: Vec<u8>) -> Self {
        Self {
            payload_b64: b64::encode(&payload),
        }
    }

    /// The bytes the signer with `kid` must sign.
    #[must_use]
    pub fn signing_input(&self, alg: Algorithm, kid: &str) -> Vec<u8> {
        signing_input(&b64::encode(&header_bytes(alg, kid)), &self.payload_b64)
    }

    /// Assembles the JWS from `(alg, kid, signature)` triples, in order.
    ///
    /// # Errors
    /// `input.invalid` without signatures or with a key id used twice; `json.too_large` when
    /// the JWS would be longer than a default verifier reads ([`Limits::default`], 1 MiB: the
    /// payload grows by a third in base64url) — a message no receiver accepts is not made.
    pub fn assemble(&self, sigs: &[(Algorithm, String, Vec<u8>)]) -> Result<String> {
        if sigs.is_empty() {
            return Err(Error::new(
                ErrorCode::InputInvalid,
                "at least one signature is needed",
            ));
        }
        let mut list = Vec::with_capacity(sigs.len());
        for (i, (alg, kid, sig)) in sigs.iter().enumerate() {
            if sigs[..i].iter().any(|(_, k, _)| k == kid) {
                return Err(Error::new(
                    ErrorCode::InputInvalid,
                    format!("key id '{kid}' signs twice"),
                ));
            }
            list.push(serde_json::json!({
                "protected": b64::encode(&header_bytes(*alg, kid)),
                "signature": b64::encode(sig),
            }));
        }
        let jws = serde_json::json!({"payload": self.payload_b64, "signatures": list});
        let text = String::from_utf8(canonical::to_vec(&jws))
            .map_err(|_| Error::new(ErrorCode::InternalCrypto, "JWS serialisation is not UTF-8"))?;
        let max = Limits::default().max_bytes;
        if text.len() > max {
            return Err(Error::new(
                ErrorCode::JsonTooLarge,
                format!(
                    "the signed message would be {} bytes, more than the {max} a default verifier reads (the document's canonical form grows by a third in base64url): make the document smaller, e.g. split a roster",
                    text.len()
                ),
            ));
        }
        Ok(text)
    }
}

/// Signs payload bytes with one or several signers and returns the JWS text.
///
/// # Errors
/// A signer's error, or `input.invalid` without signers, with a repeated key id, or with an
/// empty one (no trust list can name it, so no verifier could accept the message).
pub(crate) fn sign_payload(payload: Vec<u8>, signers: &[&dyn Signer]) -> Result<String> {
    if signers.iter().any(|s| s.kid().is_empty()) {
        return Err(Error::new(
            ErrorCode::InputInvalid,
            "a signing key has an empty key id (kid): give it the kid of its trust-list record",
        ));
    }
    let prepared = Prepared::new(payload);
    let mut sigs = Vec::with_capacity(signers.len());
    for s in signers {
        let input = prepared.signing_input(s.algorithm(), s.kid());
        sigs.push((s.algorithm(), s.kid().to_owned(), s.sign(&input)?));
    }
    prepared.assemble(&sigs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enc(v: &str) -> String {
        b64::encode(v.as_bytes())
    }

    fn jws_with_header(h: &str) -> String {
        format!(
            r#"{{"payload":"{}","signatures":[{{"protected":"{}","signature":"AAAA"}}]}}"#,
            enc("{}"),
            enc(h)
        )
    }

    fn code(text: &str) -> ErrorCode {
        parse(
            text.as_bytes(),
            Limits::default(),
            &AlgorithmPolicy::default(),
        )
        .unwrap_err()
        .code()
    }

    #[test]
    fn a_message_too_large_for_a_default_verifier_is_not_signed() {
        let key = crate::keys_imp::SigningKey::from_seed(&[7; 32], "k").unwrap();
        // 800 000 bytes of payload are 1 066 667 in base64url: over 1 MiB once signed.
        let big = format!("{{\"pad\":\"{}\"}}", "x".repeat(800_000));
        let e = sign_payload(big.into_bytes(), &[&key]).unwrap_err();
        assert_eq!(e.code(), ErrorCode::JsonTooLarge);
        let fits = format!("{{\"pad\":\"{}\"}}", "x".repeat(700_000));
        let jws = sign_payload(fits.into_bytes(), &[&key]).unwrap();
        assert!(jws.len() <= Limits::default().max_bytes);
    }

    #[test]
    fn a_signer_without_a_kid_is_refused() {
        let key = crate::keys_imp::SigningKey::from_seed(&[7; 32], "").unwrap();
        let e = sign_payload(b"{}".to_vec(), &[&key]).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InputInvalid);
        assert!(e.message().contains("empty key id"), "{}", e.message());
    }

    #[test]
    fn compact_jws_is_refused_naming_the_json_serialization() {
        let compact = "eyJhbGciOiJFZDI1NTE5In0.eyJhIjoxfQ.c2lnbmF0dXJl\n";
        let err = parse(
            compact.as_bytes(),
            Limits::default(),
            &AlgorithmPolicy::default(),
        )
        .unwrap_err();
        assert_eq!(err.code(), ErrorCode::JsonSyntax);
        assert!(err.message().contains("compact JWS"), "{}", err.message());
        assert!(
            err.message().contains("JSON serialization"),
            "{}",
            err.message()
        );
        // Detached payload, too; other non-JSON keeps the parser's own message.
        assert!(looks_compact(b"eyJhbGciOiJFZDI1NTE5In0..c2ln"));
        for other in ["a.b", "a.b.c.d", "{\"a\".1}", "eyJ.e+J.x", ".a.b"] {
            assert!(!looks_compact(other.as_bytes()), "{other}");
        }
        let err = parse(b"nonsense", Limits::default(), &AlgorithmPolicy::default()).unwrap_err();
        assert!(!err.message().contains("compact"));
    }

    #[test]
    fn header_profile() {
        let ok = jws_with_header(r#"{"alg":"Ed25519","kid":"k","typ":"labourlink+jws"}"#);
        let p = parse(
            ok.as_bytes(),
            Limits::default(),
            &AlgorithmPolicy::default(),
        )
        .unwrap();
        assert_eq!(p.signatures[0].header.kid, "k");
        let cases = [
            (
                r#"{"alg":"none","kid":"k","typ":"labourlink+jws"}"#,
                ErrorCode::JwsAlgorithmNotAllowed,
            ),
            (
                r#"{"alg":"HS256","kid":"k","typ":"labourlink+jws"}"#,
                ErrorCode::JwsAlgorithmNotAllowed,
            ),
            (
                r#"{"alg":"EdDSA","kid":"k","typ":"labourlink+jws"}"#,
                ErrorCode::JwsAlgorithmNotAllowed,
            ),
            (
                r#"{"alg":"Ed25519","kid":"k","typ":"JWT"}"#,
                ErrorCode::JwsWrongType,
            ),
            (r#"{"alg":"Ed25519","kid":"k"}"#, ErrorCode::JwsWrongType),
            (
                r#"{"alg":"Ed25519","kid":"k","typ":"labourlink+jws","jwk":{}}"#,
                ErrorCode::JwsEmbeddedKey,
            ),
            (
                r#"{"alg":"Ed25519","kid":"k","typ":"labourlink+jws","jku":"https://x"}"#,
                ErrorCode::JwsEmbeddedKey,
            ),
            (
                r#"{"alg":"Ed25519","kid":"k","typ":"labourlink+jws","x5u":"https://x"}"#,
                ErrorCode::JwsEmbeddedKey,
            ),
            (
                r#"{"alg":"Ed25519","kid":"k","typ":"labourlink+jws","x5c":["AA"]}"#,
                ErrorCode::JwsEmbeddedKey,
            ),
            (
                r#"{"alg":"Ed25519","kid":"k","typ":"labourlink+jws","crit":["exp"],"exp":1}"#,
                ErrorCode::JwsUnknownCritical,
            ),
            (
                r#"{"alg":"Ed25519","kid":"k","typ":"labourlink+jws","cty":"json"}"#,
                ErrorCode::JwsUnknownHeader,
            ),
            (
                r#"{"alg":"Ed25519","typ":"labourlink+jws"}"#,
                ErrorCode::JwsHeaderInvalid,
            ),
            (r#"[1]"#, ErrorCode::JwsHeaderInvalid),
        ];
        for (h, c) in cases {
            assert_eq!(code(&jws_with_header(h)), c, "{h}");
        }
        let eddsa = AlgorithmPolicy {
            allow_eddsa_alias: true,
            ..AlgorithmPolicy::default()
        };
        let t = jws_with_header(r#"{"alg":"EdDSA","kid":"k","typ":"labourlink+jws"}"#);
        assert_eq!(
            parse(t.as_bytes(), Limits::default(), &eddsa)
                .unwrap()
                .signatures[0]
                .header
                .alg,
            Algorithm::Ed25519
        );
    }

    #[test]
    fn structure() {
        let h = enc(r#"{"alg":"Ed25519","kid":"k","typ":"labourlink+jws"}"#);
        assert_eq!(
            code(r#"{"payload":"e30","signatures":[]}"#),
            ErrorCode::JwsNoSignatures
        );
        assert_eq!(
            code(&format!(
                r#"{{"payload":"e30","signatures":[{{"protected":"{h}","signature":"AAAA","header":{{"kid":"k"}}}}]}}"#
            )),
            ErrorCode::JwsUnprotectedHeader
        );
        assert_eq!(
            code(&format!(
                r#"{{"payload":"e30=","signatures":[{{"protected":"{h}","signature":"AAAA"}}]}}"#
            )),
            ErrorCode::JwsBase64
        );
        assert_eq!(
            code(&format!(
                r#"{{"payload":"e30","protected":"{h}","signature":"AAAA"}}"#
            )),
            ErrorCode::JwsMalformed
        );
        assert_eq!(code(r#"{"payload":"e30"}"#), ErrorCode::JwsMalformed);
        assert_eq!(code(r#"[]"#), ErrorCode::JwsMalformed);
        assert_eq!(
            code(&format!(
                r#"{{"payload":"e30","signatures":[{{"protected":"{h}","signature":"AAAA"}},{{"protected":"{h}","signature":"AAAA"}}]}}"#
            )),
            ErrorCode::JwsDuplicateSigner
        );
    }
}
