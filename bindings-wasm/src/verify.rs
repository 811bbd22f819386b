//! The verifier (`_Verifier`, wrapped by `Verifier` in `lib/api.js`).

use std::cell::RefCell;
use std::collections::VecDeque;
use std::sync::Arc;

use js_sys::{Array, Object};
use labourlink::json::{self, Limits};
use labourlink::keys::Algorithm;
use labourlink::rules::stage::RulesStage;
use labourlink::schema::SchemaStage;
use labourlink::trust::{DEFAULT_GRACE_SECONDS, TrustList, TrustStore};
use labourlink::verify::{InMemoryReplayGuard, Verified, Verifier};
use wasm_bindgen::prelude::*;

use crate::convert::{JsClock, Options, SharedClock, input_bytes, put, req_string, ser_to_js};
use crate::errors::{js_err, type_error};
use crate::trust::{ReplayGuard, TrustListHandle, anchors};

/// The option names `new Verifier(trustList, options)` accepts.
const OPTIONS: &[&str] = &[
    "region",
    "anchors",
    "clock",
    "leewaySeconds",
    "maxAgeSeconds",
    "allowEddsaAlias",
    "replayGuard",
    "staleGraceSeconds",
    "requiredSigners",
    "algorithms",
    "maxBytes",
    "maxDepth",
    "schema",
    "rules",
    "dangerous",
];

/// The class instances `new Verifier` was given (a Rust export cannot take an optional
/// borrowed instance, so `lib/api.js` hands them over through this holder).
#[wasm_bindgen(js_name = "_VerifierInputs", skip_typescript)]
#[derive(Default)]
pub struct VerifierInputs {
    list: Option<TrustList>,
    guard: Option<Arc<InMemoryReplayGuard>>,
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

thread_local! {
    /// The last [`REPLY_MEMORY`] messages any verifier accepted. The core's `verify_reply` takes
    /// the earlier message as a `Verified`, which a plain JS result object cannot carry; keeping
    /// one per result object instead would hold WebAssembly memory until the garbage collector's
    /// finalizers run, which a synchronous loop never lets happen.
    static RECENT: RefCell<VecDeque<Verified>> = RefCell::new(VecDeque::with_capacity(REPLY_MEMORY));
}

#[wasm_bindgen(js_class = "_Verifier")]
impl VerifierHandle {
    /// A verifier over `inputs.list`, or over the signed list `signed` loaded with
    /// `options.anchors`; `inputs.guard` is the `ReplayGuard` given as `options.replayGuard`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        inputs: &VerifierInputs,
        signed: JsValue,
        options: JsValue,
    ) -> Result<VerifierHandle, JsValue> {
        let guard = inputs.guard.as_ref();
        let o = Options::new(&options, "options", OPTIONS)?;
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
                let bytes = input_bytes(&signed, "trustList")?;
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
        if let Some(secs) = o.opt_int("leewaySeconds")? {
            b = b.leeway_seconds(secs);
        }
        if let Some(secs) = o.opt_int("maxAgeSeconds")? {
            b = b.max_age_seconds(Some(secs));
        }
        if let Some(allow) = o.opt_bool("allowEddsaAlias")? {
            b = b.allow_eddsa_alias(allow);
        }
        if let Some(n) = o.opt_int("requiredSigners")? {
            let n = usize::try_from(n).map_err(|_| {
                type_error("options.requiredSigners must be a positive integer", None)
            })?;
            b = b.required_signers(n);
        }
        if let Some(algs) = o.get("algorithms")? {
            let Some(algs) = algs.dyn_ref::<Array>() else {
                return Err(type_error(
                    "options.algorithms must be an array of algorithm names",
                    None,
                ));
            };
            let algs = algs
                .iter()
                .map(|a| {
                    Algorithm::from_jws_name(&req_string(&a, "options.algorithms[]")?)
                        .map_err(js_err)
                })
                .collect::<Result<Vec<_>, _>>()?;
            b = b.algorithms(&algs);
        }
        if o.get("maxBytes")?.is_some() || o.get("maxDepth")?.is_some() {
            let size = |name: &str, default: usize| -> Result<usize, JsValue> {
                match o.opt_int(name)? {
                    None => Ok(default),
                    Some(n) => usize::try_from(n).map_err(|_| {
                        type_error(format!("options.{name} must be a positive integer"), None)
                    }),
                }
            };
            b = b.limits(Limits::new(
                size("maxBytes", json::DEFAULT_MAX_BYTES)?,
                size("maxDepth", json::DEFAULT_MAX_DEPTH)?,
            ));
        }
        if let Some(d) = o.get("dangerous")? {
            let d = Options::new(&d, "options.dangerous", &["acceptAnyAudience"])?;
            if d.opt_bool("acceptAnyAudience")? == Some(true) {
                b = b.dangerous().accept_any_audience().done();
            }
        }
        if o.opt_bool("schema")? == Some(true) {
            b = b.schema_stage(Arc::new(SchemaStage));
        }
        if o.opt_bool("rules")? == Some(true) {
            b = b.rules_stage(Arc::new(RulesStage::default()));
        }
        match (guard, o.get("replayGuard")?) {
            (Some(g), _) => b = b.replay_guard(Arc::clone(g) as _),
            (None, None) => {}
            (None, Some(v)) => match v.as_bool() {
                Some(true) => b = b.replay_guard(Arc::new(InMemoryReplayGuard::default())),
                Some(false) => {}
                None => {
                    return Err(type_error(
                        "options.replayGuard must be a boolean or a ReplayGuard",
                        None,
                    ));
                }
            },
        }
        Ok(Self {
            verifier: b.build().map_err(js_err)?,
            store,
            clock,
            shared,
        })
    }

    /// Runs the whole pipeline on one message; returns the plain result object.
    pub fn verify(&self, data: JsValue) -> Result<JsValue, JsValue> {
        let bytes = input_bytes(&data, "data")?;
        self.shared.set(self.clock.now()?);
        let verified = self.verifier.verify(&bytes).map_err(js_err)?;
        Ok(remember(verified))
    }

    /// Verifies a message that answers the earlier message with digest `earlier` (one of the
    /// last [`REPLY_MEMORY`] accepted by any verifier): the flow table's reply rules on top.
    #[wasm_bindgen(js_name = verifyReply)]
    pub fn verify_reply(&self, data: JsValue, earlier: &str) -> Result<JsValue, JsValue> {
        let bytes = input_bytes(&data, "data")?;
        let prior = RECENT
            .with_borrow(|recent| recent.iter().rev().find(|v| v.digest() == earlier).cloned());
        let Some(prior) = prior else {
            return Err(type_error(
                format!(
                    "verifyReply: earlier must be the result of one of the last {REPLY_MEMORY} messages accepted by a verifier"
                ),
                None,
            ));
        };
        self.shared.set(self.clock.now()?);
        let verified = self.verifier.verify_reply(&bytes, &prior).map_err(js_err)?;
        Ok(remember(verified))
    }

    /// Verifies a newer signed trust list against the anchors and makes it current.
    #[wasm_bindgen(js_name = updateTrustList)]
    pub fn update_trust_list(&self, data: JsValue) -> Result<(), JsValue> {
        let bytes = input_bytes(&data, "data")?;
        self.store
            .update(&bytes, &self.clock.fixed()?)
            .map(|_| ())
            .map_err(js_err)
    }

    /// The verifier's region.
    #[wasm_bindgen(getter)]
    pub fn region(&self) -> String {
        self.verifier.region().to_owned()
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
    RECENT.with_borrow_mut(|recent| {
        if recent.len() == REPLY_MEMORY {
            recent.pop_front();
        }
        recent.push_back(verified);
    });
    out
}

/// `{document, body, type, id, digest, signers, warnings}` as a plain object; `body` is the
/// same object as `document.body`.
fn verified_to_js(v: &Verified) -> JsValue {
    let out: JsValue = Object::new().into();
    let document = ser_to_js(v.document());
    let body = js_sys::Reflect::get(&document, &JsValue::from_str("body")).unwrap_or(JsValue::NULL);
    put(&out, "document", &document);
    put(&out, "body", &body);
    put(&out, "type", &JsValue::from_str(v.message_type()));
    put(&out, "id", &JsValue::from_str(v.id()));
    put(&out, "digest", &JsValue::from_str(v.digest()));
    let signers = Array::new();
    for s in v.signers() {
        let o: JsValue = Object::new().into();
        put(&o, "kid", &JsValue::from_str(&s.kid));
        put(&o, "alg", &JsValue::from_str(s.alg.as_str()));
        put(&o, "region", &JsValue::from_str(&s.region));
        put(&o, "agency", &JsValue::from_str(&s.agency));
        signers.push(&o);
    }
    put(&out, "signers", &signers);
    let warnings = Array::new();
    for w in v.warnings() {
        let o: JsValue = Object::new().into();
        put(&o, "code", &JsValue::from_str(&w.code));
        put(&o, "path", &JsValue::from_str(&w.path));
        put(&o, "message", &JsValue::from_str(&w.message));
        put(&o, "messageZh", &JsValue::from_str(&w.message_zh));
        warnings.push(&o);
    }
    put(&out, "warnings", &warnings);
    out
}
