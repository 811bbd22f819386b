//! Runs one resolved case with the labourlink core library: the Rust harness, and the
//! reference `regen` uses to fill in expectations and check hand-written vectors.
//!
//! A *resolved* case is a vector with its references expanded by [`crate::vectors::resolve`]
//! (trust-list files read, anchors and signer keys looked up): exactly what a harness receives.

use std::sync::Arc;

use labourlink::b64;
use labourlink::canonical;
use labourlink::envelope::Party;
use labourlink::json::{self, Limits, Numbers};
use labourlink::keys::{Algorithm, Signer, SigningKey};
use labourlink::time::{FixedClock, Timestamp};
use labourlink::trust::{Anchor, DEFAULT_GRACE_SECONDS, TrustList, TrustStore};
use labourlink::verify::{
    InMemoryReplayGuard, ReplayGuard as _, ReplayKey, Verifier, VerifierBuilder, digest,
};
use labourlink::{Error, ErrorCode, Violation};
use serde_json::{Map, Value, json};

use crate::util::{hex, unb64_std, unhex};

/// Runs a resolved case. `Ok` is the protocol's `result` object; `Err` means the case could
/// not be run (reported as `errored`).
///
/// # Errors
/// A message when the case is malformed (missing members, bad test setup).
pub fn execute(case: &Value) -> Result<Value, String> {
    let input = case.get("input").ok_or("case has no input")?;
    match case.get("kind").and_then(Value::as_str) {
        Some("canonicalize") => canonicalize(input),
        Some("sign") => sign(input),
        Some("verify") => verify(input),
        Some("validate") => validate(input),
        Some(other) => Err(format!("kind {other:?} is not supported by this harness")),
        None => Err("case has no kind".into()),
    }
}

fn rejection(e: &Error) -> Value {
    let mut m = Map::new();
    m.insert("error".into(), e.code().as_str().into());
    if let Some(p) = e.path() {
        m.insert("path".into(), p.into());
    }
    if !e.violations().is_empty() {
        m.insert("violations".into(), code_paths(e.violations()));
    }
    Value::Object(m)
}

/// `[{code, path}]` of violations (schema violations, rule findings, warnings).
fn code_paths(list: &[Violation]) -> Value {
    Value::Array(
        list.iter()
            .map(|v| json!({"code": v.code, "path": v.path}))
            .collect(),
    )
}

/// A `validate` case: the document through [`labourlink::validate::validate`] (envelope, then
/// schema, then rules, stopping after the first stage with errors).
fn validate(input: &Value) -> Result<Value, String> {
    let document = input
        .get("document")
        .ok_or("validate input has no document")?;
    let report = labourlink::validate::validate(document);
    let findings: Vec<Value> = report
        .findings
        .iter()
        .map(|f| json!({"code": f.code(), "path": f.path(), "severity": f.severity.as_str()}))
        .collect();
    Ok(json!({"valid": report.is_valid(), "findings": findings}))
}

/// The bytes of an `input` that carries them as `<name>` (UTF-8 text) or `<name>_b64`.
///
/// # Errors
/// A message when neither is present or the base64 is bad.
pub fn input_bytes(input: &Value, name: &str) -> Result<Vec<u8>, String> {
    if let Some(t) = input.get(name).and_then(Value::as_str) {
        return Ok(t.as_bytes().to_vec());
    }
    if let Some(b) = input.get(format!("{name}_b64")).and_then(Value::as_str) {
        return unb64_std(b);
    }
    Err(format!("input has neither {name} nor {name}_b64"))
}

fn canonicalize(input: &Value) -> Result<Value, String> {
    let bytes = input_bytes(input, "text")?;
    Ok(match canonical::canonicalize(&bytes) {
        Ok(out) => json!({"canonical": String::from_utf8(out).map_err(|_| "output not UTF-8")?}),
        Err(e) => rejection(&e),
    })
}

fn sign(input: &Value) -> Result<Value, String> {
    let document = input.get("document").ok_or("sign input has no document")?;
    let keys = input
        .get("signer_keys")
        .and_then(Value::as_array)
        .ok_or("sign input has no signer_keys (resolve the case first)")?;
    let mut signers = Vec::new();
    for k in keys {
        signers.push(signing_key(k)?);
    }
    let refs: Vec<&dyn Signer> = signers.iter().map(|k| k as &dyn Signer).collect();
    Ok(match labourlink::sign(document, &refs) {
        Ok(jws) => {
            let intermediate = sign_intermediates(jws.as_bytes());
            json!({"jws": jws, "intermediate": intermediate})
        }
        Err(e) => rejection(&e),
    })
}

fn signing_key(k: &Value) -> Result<SigningKey, String> {
    let kid = k
        .get("kid")
        .and_then(Value::as_str)
        .ok_or("key without kid")?;
    if let Some(seed) = k.get("seed_hex").and_then(Value::as_str) {
        let seed: [u8; 32] = unhex(seed)?
            .try_into()
            .map_err(|_| "seed is not 32 bytes")?;
        SigningKey::from_seed(&seed, kid).map_err(|e| e.to_string())
    } else if let Some(pem) = k.get("private_pem").and_then(Value::as_str) {
        SigningKey::from_pem(pem, kid).map_err(|e| e.to_string())
    } else {
        Err(format!("key {kid} has no private material"))
    }
}

fn timestamp(ctx: &Value, name: &str) -> Result<Timestamp, String> {
    let s = ctx
        .get(name)
        .and_then(Value::as_str)
        .ok_or_else(|| format!("context.{name} is missing"))?;
    Timestamp::parse(s).map_err(|e| format!("context.{name}: {e}"))
}

fn int(ctx: &Value, name: &str) -> Option<i64> {
    ctx.get(name).and_then(Value::as_i64)
}

fn verify(input: &Value) -> Result<Value, String> {
    let message = input_bytes(input, "message")?;
    let ctx = input.get("context").ok_or("verify input has no context")?;
    let now = timestamp(ctx, "now")?;
    let clock = FixedClock(now);
    let grace = int(ctx, "grace_seconds").unwrap_or(DEFAULT_GRACE_SECONDS);
    let mut anchors = Vec::new();
    for jwk in ctx
        .get("anchor_jwks")
        .and_then(Value::as_array)
        .ok_or("context.anchor_jwks is missing (resolve the case first)")?
    {
        anchors.push(Anchor::from_jwk(jwk).map_err(|e| format!("anchor: {e}"))?);
    }
    let lists = input
        .get("trust_lists")
        .and_then(Value::as_array)
        .ok_or("input.trust_lists is missing")?;
    let mut store: Option<TrustStore> = None;
    let min_sequence = ctx.get("min_sequence").and_then(Value::as_u64);
    for (i, l) in lists.iter().enumerate() {
        let jws = input_bytes(l, "jws").map_err(|e| format!("trust_lists/{i}: {e}"))?;
        match &store {
            None => match TrustList::load(&jws, &anchors, &clock, grace).and_then(|list| {
                if let Some(min) = min_sequence {
                    list.check_min_sequence(min)?;
                }
                Ok(list)
            }) {
                Ok(list) => store = Some(TrustStore::new(anchors.clone(), list, grace)),
                Err(e) => return Ok(verify_rejection(&e, &message)),
            },
            Some(s) => {
                if let Err(e) = s.update(&jws, &clock) {
                    return Ok(verify_rejection(&e, &message));
                }
            }
        }
    }
    let store = Arc::new(store.ok_or("input.trust_lists is empty")?);
    // LL-REF: reference data after the trust lists, with the same anchors, clock and grace;
    // each later document must not roll back (context `reference_data_min_sequence` for the
    // first).
    let mut reference: Option<labourlink::refdata::ReferenceData> = None;
    if let Some(docs) = input.get("reference_data").and_then(Value::as_array) {
        let min = ctx
            .get("reference_data_min_sequence")
            .and_then(Value::as_u64);
        for (i, d) in docs.iter().enumerate() {
            let jws = input_bytes(d, "jws").map_err(|e| format!("reference_data/{i}: {e}"))?;
            let loaded = labourlink::refdata::ReferenceData::load(&jws, &anchors, &clock, grace)
                .and_then(|rd| {
                    let accepted = match &reference {
                        Some(cur) => Some((cur.sequence, cur.digest())),
                        None => min.map(|m| (m, None)),
                    };
                    rd.check_not_rollback(accepted)?;
                    Ok(rd)
                });
            match loaded {
                Ok(rd) => reference = Some(rd),
                Err(e) => return Ok(verify_rejection(&e, &message)),
            }
        }
    }
    let stage = |name: &str| {
        ctx.pointer(&format!("/stages/{name}"))
            .and_then(Value::as_bool)
            .unwrap_or(false)
    };
    let (schema_on, rules_on) = (stage("schema"), stage("rules"));
    let builder = || -> Result<VerifierBuilder, String> {
        let b = configure(
            Verifier::builder().trust_store(Arc::clone(&store)),
            ctx,
            clock,
        )?
        .stale_grace_seconds(grace);
        let b = match &reference {
            Some(rd) => labourlink::refdata::VerifierBuilderExt::reference_data(b, rd),
            None => b,
        };
        // Vectors switch the catalogue stages on explicitly (context `stages`); the library's
        // default runs them, so a vector without them is a dangerous() verifier.
        let mut d = b.dangerous();
        if !schema_on {
            d = d.skip_schema();
        }
        if !rules_on {
            d = d.skip_rules();
        }
        Ok(d.done())
    };
    let archival = match ctx.get("mode").and_then(Value::as_str) {
        None | Some("live") => None,
        Some("archival") => Some(timestamp(ctx, "first_seen")?),
        Some(other) => return Err(format!("context.mode {other:?} is not live or archival")),
    };
    // LL-REPLY-006: the earlier message is verified first, with the same context (in archival
    // mode archivally, at the same `first_seen`) but without replay protection and with any
    // audience (it is usually the verifier's own message).
    let earlier = if input.get("earlier").is_some() || input.get("earlier_b64").is_some() {
        let bytes = input_bytes(input, "earlier")?;
        let v = builder()?
            .dangerous()
            .accept_any_audience()
            .no_max_age()
            .without_replay_guard()
            .done()
            .build()
            .map_err(|e| format!("verifier: {e}"))?;
        let verified = match archival {
            Some(first_seen) => v.verify_archived(&bytes, first_seen),
            None => v.verify(&bytes),
        };
        match verified {
            Ok(e) => Some(e),
            Err(e) => {
                return Err(format!(
                    "the earlier message is not accepted: {} at {:?} ({e})",
                    e.code().as_str(),
                    e.path().unwrap_or("")
                ));
            }
        }
    } else {
        None
    };
    let capacity = int(ctx, "replay_capacity")
        .map_or(Ok(InMemoryReplayGuard::DEFAULT_CAPACITY), usize::try_from)
        .map_err(|_| "replay_capacity")?;
    let guard = Arc::new(InMemoryReplayGuard::new(capacity));
    let own_issuer = message_issuer(&message);
    for entry in ctx
        .get("replay_preload")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
    {
        let id = entry
            .get("id")
            .and_then(Value::as_str)
            .ok_or("preload id")?;
        let d = entry
            .get("digest")
            .and_then(Value::as_str)
            .ok_or("preload digest")?;
        // The preloaded entry's issuer: given, or the message's own.
        let (region, agency) = match entry.get("issuer") {
            Some(p) => (
                p.get("region")
                    .and_then(Value::as_str)
                    .ok_or("preload issuer.region")?
                    .to_owned(),
                p.get("agency")
                    .and_then(Value::as_str)
                    .ok_or("preload issuer.agency")?
                    .to_owned(),
            ),
            None => own_issuer.clone().unwrap_or_default(),
        };
        let key = ReplayKey {
            region: &region,
            agency: &agency,
            id,
        };
        guard
            .check_and_record(&key, d, now, now.add_seconds(366 * 86_400))
            .map_err(|e| format!("replay preload: {e}"))?;
    }
    let verifier = builder()?
        .replay_guard(guard)
        .build()
        .map_err(|e| format!("verifier: {e}"))?;
    let intermediate = verify_intermediates(&message);
    let outcome = match (&earlier, archival) {
        (Some(e), Some(first_seen)) => verifier.verify_archived_reply(&message, e, first_seen),
        (None, Some(first_seen)) => verifier.verify_archived(&message, first_seen),
        (Some(e), None) => verifier.verify_reply(&message, e),
        (None, None) => verifier.verify(&message),
    };
    Ok(match outcome {
        Ok(v) => {
            let mut r = json!({
                "accepted": true,
                "digest": v.digest(),
                "type": v.message_type(),
                "id": v.id(),
                "signers": v.signers().iter().map(|s| s.kid.clone()).collect::<Vec<_>>(),
                "intermediate": intermediate,
            });
            if !v.warnings().is_empty() {
                r["warnings"] = code_paths(v.warnings());
            }
            r
        }
        Err(e) => verify_rejection(&e, &message),
    })
}

/// The verifier options of a context: region, clock, leeway, maximum age, signers, limits,
/// algorithms, EdDSA alias.
fn configure(
    mut b: VerifierBuilder,
    ctx: &Value,
    clock: FixedClock,
) -> Result<VerifierBuilder, String> {
    b = b
        .region(
            ctx.get("region")
                .and_then(Value::as_str)
                .ok_or("context.region is missing")?,
        )
        .clock(clock)
        .allow_eddsa_alias(
            ctx.get("allow_eddsa_alias")
                .and_then(Value::as_bool)
                .unwrap_or(false),
        );
    if let Some(a) = int(ctx, "max_age_seconds") {
        b = b.max_age_seconds(a);
    }
    if let Some(a) = ctx.get("agency").and_then(Value::as_str) {
        b = b.agency(a);
    }
    if let Some(parties) = ctx.get("required_parties").and_then(Value::as_array) {
        let mut list = Vec::new();
        for p in parties {
            let field = |n: &str| {
                p.get(n)
                    .and_then(Value::as_str)
                    .map(str::to_owned)
                    .ok_or(format!("required_parties: {n} is missing"))
            };
            list.push(Party::new(field("region")?, field("agency")?));
        }
        b = b.required_parties(list);
    }
    if let Some(l) = int(ctx, "leeway_seconds") {
        b = b.leeway_seconds(l);
    }
    if let Some(n) = int(ctx, "required_signers") {
        b = b.required_signers(usize::try_from(n).map_err(|_| "required_signers")?);
    }
    let max_bytes = int(ctx, "max_bytes").map_or(Ok(json::DEFAULT_MAX_BYTES), usize::try_from);
    let max_depth = int(ctx, "max_depth").map_or(Ok(json::DEFAULT_MAX_DEPTH), usize::try_from);
    b = b.limits(Limits::new(
        max_bytes.map_err(|_| "max_bytes")?,
        max_depth.map_err(|_| "max_depth")?,
    ));
    if let Some(algs) = ctx.get("algorithms").and_then(Value::as_array) {
        let mut list = Vec::new();
        for a in algs {
            let name = a.as_str().unwrap_or_default();
            list.push(Algorithm::from_jws_name(name).map_err(|e| e.to_string())?);
        }
        b = b.algorithms(&list);
    }
    Ok(b)
}

/// `(from.region, from.agency)` of a message's payload, when it can be read.
fn message_issuer(message: &[u8]) -> Option<(String, String)> {
    let jws: Value = serde_json::from_slice(message).ok()?;
    let payload = b64::decode(jws.get("payload")?.as_str()?, "payload", "/payload").ok()?;
    let doc: Value = serde_json::from_slice(&payload).ok()?;
    let from = doc.get("from")?;
    Some((
        from.get("region")?.as_str()?.to_owned(),
        from.get("agency")?.as_str()?.to_owned(),
    ))
}

fn verify_rejection(e: &Error, message: &[u8]) -> Value {
    let mut v = rejection(e);
    v["accepted"] = false.into();
    v["intermediate"] = verify_intermediates(message);
    v
}

/// The intermediate values of a message (what a verifier computes on the way), as far as the
/// message is strict JSON with the JWS members: the decoded payload (`payload_hex`, and
/// `payload_text` when UTF-8), its canonical form when it is a strict document
/// (`canonical_payload_hex`), the `digest`, and per signature the `header_text`, the
/// `signing_input` and the decoded `signature_hex`.
#[must_use]
pub fn verify_intermediates(message: &[u8]) -> Value {
    let mut out = Map::new();
    let Ok(Value::Object(jws)) = json::parse(message, Limits::default(), Numbers::Any) else {
        return Value::Object(out);
    };
    let payload_b64 = jws.get("payload").and_then(Value::as_str);
    if let Some(p64) = payload_b64 {
        if let Ok(payload) = b64::decode(p64, "payload", "") {
            out.insert("payload_hex".into(), hex(&payload).into());
            if let Ok(t) = std::str::from_utf8(&payload) {
                out.insert("payload_text".into(), t.into());
            }
            if let Ok(doc) = json::parse(&payload, Limits::default(), Numbers::IntegersOnly) {
                out.insert(
                    "canonical_payload_hex".into(),
                    hex(&canonical::to_vec(&doc)).into(),
                );
            }
            out.insert("digest".into(), digest(&payload).into());
        }
    }
    if let Some(Value::Array(sigs)) = jws.get("signatures") {
        let mut list = Vec::new();
        for s in sigs {
            let mut m = Map::new();
            if let Some(p) = s.get("protected").and_then(Value::as_str) {
                if let Ok(h) = b64::decode(p, "protected", "") {
                    if let Ok(t) = String::from_utf8(h) {
                        m.insert("header_text".into(), t.into());
                    }
                }
                if let Some(p64) = payload_b64 {
                    m.insert("signing_input".into(), format!("{p}.{p64}").into());
                }
            }
            if let Some(sig) = s.get("signature").and_then(Value::as_str) {
                if let Ok(bytes) = b64::decode(sig, "signature", "") {
                    m.insert("signature_hex".into(), hex(&bytes).into());
                }
            }
            list.push(Value::Object(m));
        }
        out.insert("signatures".into(), Value::Array(list));
    }
    Value::Object(out)
}

/// The intermediate values of a JWS made by a signer: `canonical_payload_text`/`_hex`,
/// `payload_b64`, `digest`, and per signature `kid`, `header_text`, `protected_b64`,
/// `signing_input`, `signature_hex`.
#[must_use]
pub fn sign_intermediates(jws: &[u8]) -> Value {
    let mut out = Map::new();
    let Ok(Value::Object(obj)) = json::parse(jws, Limits::default(), Numbers::Any) else {
        return Value::Object(out);
    };
    let payload_b64 = obj
        .get("payload")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let payload = b64::decode(payload_b64, "payload", "").unwrap_or_default();
    out.insert(
        "canonical_payload_text".into(),
        String::from_utf8_lossy(&payload).into_owned().into(),
    );
    out.insert("canonical_payload_hex".into(), hex(&payload).into());
    out.insert("payload_b64".into(), payload_b64.into());
    out.insert("digest".into(), digest(&payload).into());
    let mut list = Vec::new();
    for s in obj
        .get("signatures")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
    {
        let p = s
            .get("protected")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let header = b64::decode(p, "protected", "").unwrap_or_default();
        let header_text = String::from_utf8_lossy(&header).into_owned();
        let kid = serde_json::from_str::<Value>(&header_text)
            .ok()
            .and_then(|h| h.get("kid").cloned())
            .unwrap_or_default();
        let sig = s
            .get("signature")
            .and_then(Value::as_str)
            .unwrap_or_default();
        list.push(json!({
            "kid": kid,
            "header_text": header_text,
            "protected_b64": p,
            "signing_input": format!("{p}.{payload_b64}"),
            "signature_hex": hex(&b64::decode(sig, "signature", "").unwrap_or_default()),
        }));
    }
    out.insert("signatures".into(), Value::Array(list));
    Value::Object(out)
}

/// Every error code of the core, as strings (what vectors may expect).
#[must_use]
pub fn all_codes() -> Vec<&'static str> {
    ErrorCode::ALL.iter().map(|c| c.as_str()).collect()
}
