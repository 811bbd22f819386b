//! The verifier (`_Verifier`, wrapped by `Verifier` in `lib/api.js`): the core's, built with the
//! core's defaults (every stage on); `options.dangerous` holds the only switches that weaken it,
//! one per method of the core's `DangerousBuilder`.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::sync::Arc;

use js_sys::{Array, Object};
use labourlink::envelope::{Document, Party};
use labourlink::json::{self, Limits};
use labourlink::keys::Algorithm;
use labourlink::trust::{DEFAULT_GRACE_SECONDS, TrustList, TrustStore};
use labourlink::verify::{InMemoryReplayGuard, Verified, Verifier};
use serde_json::Value;
use wasm_bindgen::prelude::*;

use crate::convert::{
    JsClock, Options, SharedClock, from_js, input_bytes, put, req_string, ser_to_js_camel,
    timestamp,
};
use crate::errors::{js_err, js_setting_err, type_error};
use crate::trust::{ReplayGuard, TrustListHandle, anchors, party};

/// The option names `new Verifier(trustList, options)` accepts.
const OPTIONS: &[&str] = &[
    "region",
    "agency",
    "anchors",
    "clock",
    "leewaySeconds",
    "maxAgeSeconds",
    "maxAgeForTypes",
    "retiredKeyWindowSeconds",
    "allowEddsaAlias",
    "replayGuard",
    "staleGraceSeconds",
    "requiredSigners",
    "requiredParties",
    "algorithms",
    "maxBytes",
    "maxDepth",
    "referenceData",
    "dangerous",
];

/// The switches of `options.dangerous`, one per method of the core's `DangerousBuilder`.
const DANGEROUS: &[&str] = &[
    "skipSchema",
    "skipRules",
    "noReplayGuard",
    "noMaxAge",
    "noMaxAgeForTypes",
    "acceptAnyAudience",
];

/// The class instances `new Verifier` was given (a Rust export cannot take an optional
/// borrowed instance, so `lib/api.js` hands them over through this holder).
#[wasm_bindgen(js_name = "_VerifierInputs", skip_typescript)]
#[derive(Default)]
pub struct VerifierInputs {
    list: Option<TrustList>,
    guard: Option<Arc<InMemoryReplayGuard>>,
    reference: Option<labourlink::refdata::ReferenceData>,
}

#[wasm_bindgen(js_class = "_VerifierInputs")]
impl VerifierInputs {
    /// An empty holder.
    #[wasm_bindgen(constructor)]
    pub fn new() -> VerifierInputs {
        VerifierInputs::default()
    }

    /// The trust list (copied).
    #[wasm_bindgen(js_name = setList)]
    pub fn set_list(&mut self, list: &TrustListHandle) {
        self.list = Some(list.inner.clone());
    }

    /// The reference data (copied): `options.referenceData`.
    #[wasm_bindgen(js_name = setReferenceData)]
    pub fn set_reference_data(&mut self, data: &crate::refdata::ReferenceDataHandle) {
        self.reference = Some(data.inner.clone());
    }

    /// The replay guard (shared).
    #[wasm_bindgen(js_name = setGuard)]
    pub fn set_guard(&mut self, guard: &ReplayGuard) {
        self.guard = Some(Arc::clone(&guard.inner));
    }
}

/// The low-level verifier; `lib/api.js` exposes it as `Verifier`.
#[wasm_bindgen(js_name = "_Verifier", skip_typescript)]
pub struct VerifierHandle {
    verifier: Verifier,
    store: Arc<TrustStore>,
    clock: JsClock,
    shared: SharedClock,
}

/// How many accepted messages (of every verifier) are remembered for `verifyReply`.
pub const REPLY_MEMORY: usize = 256;

/// The most payload bytes the reply memory holds (8 MiB): the oldest messages go first when a
/// new one would pass it, so large messages are remembered fewer at a time (WebAssembly memory,
/// once grown, is never given back to the system).
pub(crate) const REPLY_MEMORY_BYTES: usize = 8 << 20;

thread_local! {
    /// The last [`REPLY_MEMORY`] messages any verifier accepted, as much of each as the reply
    /// rules read ([`Remembered`]). A plain JS result object cannot carry the core's
    /// `Verified`; keeping one per result object instead would hold WebAssembly memory until
    /// the garbage collector's finalizers run, which a synchronous loop never lets happen.
    static RECENT: RefCell<VecDeque<Remembered>> = RefCell::new(VecDeque::with_capacity(REPLY_MEMORY));
}

/// What the reply memory keeps of an accepted message: its payload (the document is parsed
/// from it again when a reply asks, which is rare) and the payload's digest once known. The
/// document's tree is freed as soon as the result is made: freed 256 messages later, as when
/// the whole `Verified` was kept, it cost 5–7 % of a 3 KB verification; and keeping copies of
/// the envelope's strings instead left small blocks among the freed ones, which slowed the
/// next message's allocations by as much (docs/PERFORMANCE.md).
#[derive(Clone)]
struct Remembered {
    /// The payload as signed (the document's canonical JSON).
    payload: Vec<u8>,
    /// SHA-256 of the payload (base64url): the verifier's when its replay guard computed it,
    /// else computed on first use.
    digest: std::cell::OnceCell<String>,
}

impl Remembered {
    fn of(v: Verified) -> Self {
        let digest = std::cell::OnceCell::new();
        if let Some(known) = v.digest_if_computed() {
            let _ = digest.set(known.to_owned());
        }
        Self {
            payload: v.into_payload(),
            digest,
        }
    }

    fn digest(&self) -> &str {
        self.digest.get_or_init(|| payload_digest(&self.payload))
    }

    /// The document again (it was verified when it was remembered, under limits that may
    /// have been raised: the payload's own size and the deepest nesting allowed bound it).
    fn document(&self) -> Result<Document, JsValue> {
        let limits = Limits::new(self.payload.len(), json::MAX_DEPTH_CEILING);
        let value =
            json::parse(&self.payload, limits, json::Numbers::IntegersOnly).map_err(js_err)?;
        Ok(Document::from_json(value).map_err(js_err)?.document)
    }
}

/// The remembered message whose payload digest is `digest`, newest first.
fn recalled(digest: &str) -> Option<Remembered> {
    RECENT.with_borrow(|recent| recent.iter().rev().find(|r| r.digest() == digest).cloned())
}

/// A non-negative integer option as `usize`.
fn size_option(o: &Options, name: &str) -> Result<Option<usize>, JsValue> {
    o.opt_int(name)?
        .map(|n| {
            usize::try_from(n).map_err(|_| {
                type_error(
                    format!("options.{name} must be a non-negative integer"),
                    None,
                )
            })
        })
        .transpose()
}

/// `options.requiredParties`: an array of `{region, agency, name?}`, read by the core's own
/// (strict) deserializer.
fn required_parties(v: &JsValue) -> Result<Vec<Party>, JsValue> {
    let Some(arr) = crate::convert::array_items(v)? else {
        return Err(type_error(
            "options.requiredParties must be an array of {region, agency}",
            None,
        ));
    };
    arr.iter()
        .enumerate()
        .map(|(i, item)| {
            let what = format!("options.requiredParties[{i}]");
            party(from_js(item, "")?, &what, "")
        })
        .collect()
}

/// `options.maxAgeForTypes`: `{pattern: seconds | null}`.
fn max_age_for_types(v: &JsValue) -> Result<Vec<(String, Option<i64>)>, JsValue> {
    let bad = || {
        type_error(
            "options.maxAgeForTypes must be an object {pattern: seconds (an integer) or null}",
            None,
        )
    };
    let Value::Object(map) = from_js(v, "")? else {
        return Err(bad());
    };
    map.into_iter()
        .map(|(pattern, secs)| match secs {
            Value::Null => Ok((pattern, None)),
            Value::Number(n) => n.as_i64().map(|s| (pattern, Some(s))).ok_or_else(bad),
            _ => Err(bad()),
        })
        .collect()
}

/// `options.dangerous.noMaxAgeForTypes`: an array of patterns.
fn patterns(v: &JsValue) -> Result<Vec<String>, JsValue> {
    let bad = || {
        type_error(
            "options.dangerous.noMaxAgeForTypes must be an array of patterns ('*', 'domain.*' or a type)",
            None,
        )
    };
    let Value::Array(items) = from_js(v, "")? else {
        return Err(bad());
    };
    items
        .into_iter()
        .map(|p| match p {
            Value::String(s) => Ok(s),
            _ => Err(bad()),
        })
        .collect()
}

/// A `TypeError` for two options that contradict each other.
fn contradiction(a: &str, b: &str) -> JsValue {
    type_error(
        format!("options.{a} and options.{b} contradict each other: give one of them"),
        None,
    )
}

#[wasm_bindgen(js_class = "_Verifier")]
impl VerifierHandle {
    /// A verifier over `inputs.list`, or over the signed list `signed` loaded with
    /// `options.anchors`; `inputs.guard` is the `ReplayGuard` given as `options.replayGuard`.
    /// Every stage runs unless `options.dangerous` says otherwise.
    #[wasm_bindgen(constructor)]
    pub fn new(
        inputs: &VerifierInputs,
        signed: JsValue,
        options: JsValue,
    ) -> Result<VerifierHandle, JsValue> {
        let o = Options::new(&options, "options", OPTIONS)?;
        let d = Options::new(
            &o.get("dangerous")?.unwrap_or(JsValue::UNDEFINED),
            "options.dangerous",
            DANGEROUS,
        )?;
        let dangerous =
            |name: &str| -> Result<bool, JsValue> { Ok(d.opt_bool(name)?.unwrap_or(false)) };
        let guard = match (&inputs.guard, o.get("replayGuard")?) {
            (Some(g), _) => Some(Arc::clone(g)),
            (None, None) => None,
            (None, Some(_)) => {
                return Err(type_error(
                    "options.replayGuard must be a ReplayGuard: every verifier has its own \
                     in-memory guard unless you give one (options.dangerous.noReplayGuard \
                     switches replay protection off)",
                    None,
                ));
            }
        };
        if guard.is_some() && dangerous("noReplayGuard")? {
            return Err(contradiction("replayGuard", "dangerous.noReplayGuard"));
        }
        if dangerous("noMaxAge")?
            && (o.get("maxAgeSeconds")?.is_some() || o.get("maxAgeForTypes")?.is_some())
        {
            return Err(contradiction(
                "maxAgeSeconds / maxAgeForTypes",
                "dangerous.noMaxAge",
            ));
        }
        let clock = o.clock("clock")?;
        let grace = o
            .opt_int("staleGraceSeconds")?
            .unwrap_or(DEFAULT_GRACE_SECONDS);
        let anchors = match o.get("anchors")? {
            Some(a) => anchors(&a)?,
            None => Vec::new(),
        };
        let list = match &inputs.list {
            Some(l) => l.clone(),
            None => {
                let bytes = input_bytes(&signed, "trustList", Limits::default())?;
                TrustList::load(&bytes, &anchors, &clock.fixed()?, grace).map_err(js_err)?
            }
        };
        let store = Arc::new(TrustStore::new(anchors, list, grace));
        let shared = SharedClock::default();
        let mut b = Verifier::builder()
            .trust_store(Arc::clone(&store))
            .region(o.string("region")?)
            .clock(shared.clone())
            .stale_grace_seconds(grace);
        if let Some(agency) = o.opt_string("agency")? {
            b = b.agency(agency);
        }
        if let Some(secs) = o.opt_int("leewaySeconds")? {
            b = b.leeway_seconds(secs);
        }
        if let Some(secs) = o.opt_int("maxAgeSeconds")? {
            b = b.max_age_seconds(secs);
        }
        if let Some(types) = o.get("maxAgeForTypes")? {
            for (pattern, secs) in max_age_for_types(&types)? {
                b = b.max_age_for_type(pattern, secs);
            }
        }
        if let Some(secs) = o.opt_int("retiredKeyWindowSeconds")? {
            b = b.retired_key_window_seconds(secs);
        }
        if let Some(allow) = o.opt_bool("allowEddsaAlias")? {
            b = b.allow_eddsa_alias(allow);
        }
        if let Some(n) = size_option(&o, "requiredSigners")? {
            b = b.required_signers(n);
        }
        if let Some(p) = o.get("requiredParties")? {
            b = b.required_parties(required_parties(&p)?);
        }
        if let Some(algs) = o.get("algorithms")? {
            let Some(algs) = crate::convert::array_items(&algs)? else {
                return Err(type_error(
                    "options.algorithms must be an array of algorithm names",
                    None,
                ));
            };
            let algs = algs
                .iter()
                .map(|a| {
                    Algorithm::from_jws_name(&req_string(a, "options.algorithms[]")?)
                        .map_err(js_err)
                })
                .collect::<Result<Vec<_>, _>>()?;
            b = b.algorithms(&algs);
        }
        if o.get("maxBytes")?.is_some() || o.get("maxDepth")?.is_some() {
            b = b.limits(Limits::new(
                size_option(&o, "maxBytes")?.unwrap_or(json::DEFAULT_MAX_BYTES),
                size_option(&o, "maxDepth")?.unwrap_or(json::DEFAULT_MAX_DEPTH),
            ));
        }
        if let Some(g) = guard {
            b = b.replay_guard(g as _);
        }
        if let Some(rd) = &inputs.reference {
            b = labourlink::refdata::VerifierBuilderExt::reference_data(b, rd);
        } else if o.get("referenceData")?.is_some() {
            return Err(type_error(
                "options.referenceData must be a ReferenceData",
                None,
            ));
        }
        let mut weak = b.dangerous();
        if dangerous("skipSchema")? {
            weak = weak.skip_schema();
        }
        if dangerous("skipRules")? {
            weak = weak.skip_rules();
        }
        if dangerous("noReplayGuard")? {
            weak = weak.without_replay_guard();
        }
        if dangerous("noMaxAge")? {
            weak = weak.no_max_age();
        }
        if let Some(list) = d.get("noMaxAgeForTypes")? {
            for pattern in patterns(&list)? {
                weak = weak.no_max_age_for_type(pattern);
            }
        }
        if dangerous("acceptAnyAudience")? {
            weak = weak.accept_any_audience();
        }
        Ok(Self {
            verifier: weak.done().build().map_err(js_setting_err)?,
            store,
            clock,
            shared,
        })
    }

    /// Runs the whole pipeline on one message at the clock's instant; returns the plain result
    /// object.
    pub fn verify(&self, data: JsValue) -> Result<JsValue, JsValue> {
        let bytes = input_bytes(&data, "data", self.verifier.limits())?;
        let now = self.clock.now()?;
        let verified = self.verifier.verify_at(&bytes, now).map_err(js_err)?;
        Ok(remember(verified))
    }

    /// Verifies a message that answers the earlier message with digest `earlier` (one of the
    /// last [`REPLY_MEMORY`] accepted by any verifier): the flow table's reply rules and a
    /// receipt's binding on top.
    #[wasm_bindgen(js_name = verifyReply)]
    pub fn verify_reply(&self, data: JsValue, earlier: &str) -> Result<JsValue, JsValue> {
        let bytes = input_bytes(&data, "data", self.verifier.limits())?;
        let Some(prior) = recalled(earlier) else {
            return Err(type_error(
                format!(
                    "verifyReply: earlier must be the result of one of the last {REPLY_MEMORY} messages accepted by a verifier, 8 MiB of them at most (for a stored message use verifyReplyTo(data, document, digest))"
                ),
                None,
            ));
        };
        self.shared.set(self.clock.now()?);
        let earlier_document = prior.document()?;
        let verified = self
            .verifier
            .verify_reply_to(&bytes, &earlier_document, prior.digest())
            .map_err(js_err)?;
        Ok(remember(verified))
    }

    /// Like `verifyReply`, with the earlier message given as its stored document and the digest
    /// of its payload; the caller vouches for it (it is not verified again).
    #[wasm_bindgen(js_name = verifyReplyTo)]
    pub fn verify_reply_to(
        &self,
        data: JsValue,
        document: JsValue,
        digest: JsValue,
    ) -> Result<JsValue, JsValue> {
        let bytes = input_bytes(&data, "data", self.verifier.limits())?;
        let value = from_js(&document, "")?;
        let earlier = Document::from_json(value).map_err(js_err)?.document;
        let digest = req_string(&digest, "earlierDigest")?;
        self.shared.set(self.clock.now()?);
        let verified = self
            .verifier
            .verify_reply_to(&bytes, &earlier, &digest)
            .map_err(js_err)?;
        Ok(remember(verified))
    }

    /// Archival verification of a stored message first received at `firstSeen`: no maximum age
    /// and no replay record; key retirement and expiry judged at `firstSeen`.
    #[wasm_bindgen(js_name = verifyArchived)]
    pub fn verify_archived(&self, data: JsValue, first_seen: JsValue) -> Result<JsValue, JsValue> {
        let bytes = input_bytes(&data, "data", self.verifier.limits())?;
        let first_seen = timestamp(&first_seen, "firstSeen")?;
        self.shared.set(self.clock.now()?);
        let verified = self
            .verifier
            .verify_archived(&bytes, first_seen)
            .map_err(js_err)?;
        Ok(remember(verified))
    }

    /// Archival verification of a stored reply to the earlier message with digest `earlier`
    /// (one of the last [`REPLY_MEMORY`] accepted, e.g. by `verifyArchived`): the reply rules
    /// apply in archival mode too.
    #[wasm_bindgen(js_name = verifyArchivedReply)]
    pub fn verify_archived_reply(
        &self,
        data: JsValue,
        earlier: &str,
        first_seen: JsValue,
    ) -> Result<JsValue, JsValue> {
        let bytes = input_bytes(&data, "data", self.verifier.limits())?;
        let first_seen = timestamp(&first_seen, "firstSeen")?;
        let Some(prior) = recalled(earlier) else {
            return Err(type_error(
                format!(
                    "verifyArchivedReply: earlier must be the result of one of the last {REPLY_MEMORY} messages accepted by a verifier"
                ),
                None,
            ));
        };
        self.shared.set(self.clock.now()?);
        let earlier_document = prior.document()?;
        let verified = self
            .verifier
            .verify_archived_reply_to(&bytes, &earlier_document, prior.digest(), first_seen)
            .map_err(js_err)?;
        Ok(remember(verified))
    }

    /// Verifies a newer signed trust list against the anchors and makes it current.
    #[wasm_bindgen(js_name = updateTrustList)]
    pub fn update_trust_list(&self, data: JsValue) -> Result<(), JsValue> {
        let bytes = input_bytes(&data, "data", Limits::default())?;
        self.store
            .update(&bytes, &self.clock.fixed()?)
            .map(|_| ())
            .map_err(js_err)
    }

    /// The maximum age in seconds for `messageType` (`null`: no limit).
    #[wasm_bindgen(js_name = maxAgeFor)]
    pub fn max_age_for(&self, message_type: JsValue) -> Result<Option<f64>, JsValue> {
        let message_type = req_string(&message_type, "messageType")?;
        // Ages are seconds set from JS safe integers or the core's defaults.
        #[allow(clippy::cast_precision_loss)]
        Ok(self.verifier.max_age_for(&message_type).map(|s| s as f64))
    }

    /// Which optional stages run: `{schema, rules, replay}`.
    #[wasm_bindgen(getter)]
    pub fn stages(&self) -> JsValue {
        let (schema, rules, replay) = self.verifier.stages();
        let out: JsValue = Object::new().into();
        put(&out, "schema", &JsValue::from_bool(schema));
        put(&out, "rules", &JsValue::from_bool(rules));
        put(&out, "replay", &JsValue::from_bool(replay));
        out
    }

    /// The verifier's region.
    #[wasm_bindgen(getter)]
    pub fn region(&self) -> String {
        self.verifier.region().to_owned()
    }

    /// The verifier's agency (`null` when not set).
    #[wasm_bindgen(getter)]
    pub fn agency(&self) -> Option<String> {
        self.verifier.agency().map(str::to_owned)
    }

    /// A copy of the trust list in use now.
    #[wasm_bindgen(js_name = trustList)]
    pub fn trust_list(&self) -> TrustListHandle {
        TrustListHandle {
            inner: (*self.store.current()).clone(),
        }
    }
}

/// Converts an accepted message and remembers it for `verifyReply`.
fn remember(verified: Verified) -> JsValue {
    let out = verified_to_js(&verified);
    // The document's tree goes now, while it is in the cache; the payload stays.
    let kept = Remembered::of(verified);
    if kept.payload.len() <= REPLY_MEMORY_BYTES {
        RECENT.with_borrow_mut(|recent| {
            let mut held: usize = recent.iter().map(|r| r.payload.len()).sum();
            while recent.len() >= REPLY_MEMORY || held + kept.payload.len() > REPLY_MEMORY_BYTES {
                match recent.pop_front() {
                    Some(old) => held -= old.payload.len(),
                    None => break,
                }
            }
            recent.push_back(kept);
        });
    }
    out
}

#[wasm_bindgen(raw_module = "../lib/results.js")]
extern "C" {
    /// `verifiedResult(...)` from `lib/results.js`: the plain result object, built on the JS side
    /// in one call, with `document` and `body` decoded and parsed from `json` (UTF-8 bytes,
    /// copied there) only when first read. `signers` is their JSON text; `warnings` is `None`
    /// when there are none (the JS side makes the empty array).
    #[wasm_bindgen(js_name = verifiedResult)]
    fn verified_result(
        json: &[u8],
        message_type: &str,
        id: &str,
        digest: Option<String>,
        issued_at: &str,
        signers: &str,
        warnings: Option<Array>,
    ) -> JsValue;
}

/// One signer of a result, as it crosses to JS (JSON text).
#[derive(serde::Serialize)]
struct SignerOut<'a> {
    kid: &'a str,
    alg: &'a str,
    region: &'a str,
    agency: &'a str,
}

/// `{document, body, type, id, digest, issuedAt, signers, warnings}` as a plain object; `body`
/// is the same object as `document.body`. `digest` crosses when the verifier computed it (its
/// replay guard); otherwise the JS side computes it on first read (through [`payload_digest`])
/// from the same bytes, so a caller that never reads it does not hash the payload. The document
/// crosses as its JSON text in UTF-8 — the payload as signed (its canonical form), so nothing is
/// serialised — in one byte copy; decoding and `JSON.parse` run on the JS side only if
/// `document` or `body` is read. The signers cross as one JSON text, parsed there in one
/// `JSON.parse`: before, each signer cost an object and four property sets across the boundary.
fn verified_to_js(v: &Verified) -> JsValue {
    let signers: Vec<SignerOut<'_>> = v
        .signers()
        .iter()
        .map(|s| SignerOut {
            kid: &s.kid,
            alg: s.alg.as_str(),
            region: &s.region,
            agency: &s.agency,
        })
        .collect();
    // Strings only: serialising them cannot fail; `[]` keeps the result well-formed regardless.
    let signers = serde_json::to_string(&signers).unwrap_or_else(|_| "[]".to_owned());
    let warnings = (!v.warnings().is_empty()).then(|| {
        let out = Array::new();
        for w in v.warnings() {
            out.push(&ser_to_js_camel(w));
        }
        out
    });
    verified_result(
        v.payload(),
        v.message_type(),
        v.id(),
        v.digest_if_computed().map(str::to_owned),
        &v.document().issued_at,
        &signers,
        warnings,
    )
}

/// The digest of a verified message's payload (SHA-256, base64url): what the lazy `digest` of a
/// result object (`lib/results.js`) computes on first read, from the payload bytes it holds.
/// The same function as every digest of the core (`labourlink::verify::digest`).
#[wasm_bindgen(js_name = "_payloadDigest", skip_typescript)]
pub fn payload_digest(payload: &[u8]) -> String {
    labourlink::verify::digest(payload)
}
