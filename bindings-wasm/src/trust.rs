//! Trust lists (`_TrustList`, wrapped by `TrustList` in `lib/api.js`) and the replay guard.

use labourlink::json::Limits;
use std::sync::Arc;

use js_sys::Array;
use labourlink::envelope::Party;
use labourlink::trust::{Anchor, DEFAULT_GRACE_SECONDS, KeyRecord, TrustList};
use labourlink::verify::{InMemoryReplayGuard, ReplayGuard as _, ReplayKey};
use labourlink::{Error, ErrorCode};
use serde_json::Value;
use wasm_bindgen::prelude::*;

use crate::convert::{Options, from_js, input_bytes, req_int, req_string, timestamp, to_js};
use crate::errors::{js_err, js_setting_err, type_error};
use crate::keys::SigningKey;
use crate::rules::findings;

/// A party `{region, agency, name?}` read by the core's own (strict) deserializer.
/// `what` names it in the message, `path` is its JSON pointer.
pub(crate) fn party(value: Value, what: &str, path: &str) -> Result<Party, JsValue> {
    serde_json::from_value::<Party>(value).map_err(|e| {
        js_err(
            Error::new(
                ErrorCode::InputInvalid,
                format!("{what} must be {{region, agency, name?}} with strings: {e}"),
            )
            .at(path),
        )
    })
}

/// Reads the anchors array: public JWKs with a `kid` (the JS layer turns `{kid, key}` pairs
/// into that form).
pub(crate) fn anchors(v: &JsValue) -> Result<Vec<Anchor>, JsValue> {
    let Some(arr) = crate::convert::array_items(v)? else {
        return Err(type_error("anchors must be an array", None));
    };
    let mut out = Vec::with_capacity(arr.len());
    for (i, item) in arr.into_iter().enumerate() {
        let base = format!("/{i}");
        let jwk = from_js(&item, &base)?;
        out.push(Anchor::from_jwk(&jwk).map_err(|e| js_err(e.within(&base)))?);
    }
    Ok(out)
}

/// The low-level trust list; `lib/api.js` exposes it as `TrustList`.
#[wasm_bindgen(js_name = "_TrustList", skip_typescript)]
pub struct TrustListHandle {
    pub(crate) inner: TrustList,
}

#[wasm_bindgen(js_class = "_TrustList")]
impl TrustListHandle {
    /// An empty list.
    #[wasm_bindgen(constructor)]
    pub fn new(sequence: JsValue, next_update: JsValue) -> Result<TrustListHandle, JsValue> {
        let seq = req_int(&sequence, "sequence")?;
        let seq = u64::try_from(seq)
            .map_err(|_| type_error("sequence must be a non-negative integer", None))?;
        Ok(Self {
            inner: TrustList::new(seq, timestamp(&next_update, "nextUpdate")?),
        })
    }

    /// Adds a key record; `record.key` is a public JWK here; `record.endpoint` the party's
    /// inbox URL (trust-list schema 1.1).
    #[wasm_bindgen(js_name = addKey)]
    pub fn add_key(&mut self, record: JsValue) -> Result<(), JsValue> {
        let o = Options::new(
            &record,
            "record",
            &[
                "kid",
                "region",
                "agency",
                "key",
                "validFrom",
                "validUntil",
                "messageTypes",
                "endpoint",
            ],
        )?;
        let jwk = o
            .json("key", "/key")?
            .ok_or_else(|| type_error("record.key is required", None))?;
        let key =
            labourlink::keys::VerifyingKey::from_jwk(&jwk).map_err(|e| js_err(e.within("/key")))?;
        let types = o.req("messageTypes")?;
        let Some(types) = crate::convert::array_items(&types)? else {
            return Err(type_error(
                "record.messageTypes must be an array of strings",
                None,
            ));
        };
        let types = types
            .iter()
            .map(|t| req_string(t, "record.messageTypes[]"))
            .collect::<Result<Vec<_>, _>>()?;
        let rec = KeyRecord::new(
            o.string("kid")?,
            o.string("region")?,
            o.string("agency")?,
            key,
            o.time("validFrom")?,
            o.opt_time("validUntil")?,
            types,
        );
        let rec = match o.opt_string("endpoint")? {
            Some(url) => rec.with_endpoint(url).map_err(js_err)?,
            None => rec,
        };
        self.inner.add_key(rec).map_err(js_err)
    }

    /// Retires a key: messages issued before `since` stay valid.
    pub fn retire(&mut self, kid: JsValue, since: JsValue) -> Result<(), JsValue> {
        self.inner
            .retire(&req_string(&kid, "kid")?, timestamp(&since, "since")?)
            .map_err(js_err)
    }

    /// Revokes a key: nothing it signed verifies any more.
    pub fn revoke(&mut self, kid: JsValue, since: JsValue) -> Result<(), JsValue> {
        self.inner
            .revoke(&req_string(&kid, "kid")?, timestamp(&since, "since")?)
            .map_err(js_err)
    }

    /// Signs the list with the anchor key: `issuer` is `{region, agency, name?, at?}`.
    pub fn sign(&self, anchor: &SigningKey, issuer: JsValue) -> Result<String, JsValue> {
        let o = Options::new(&issuer, "issuer", &["region", "agency", "name", "at"])?;
        let mut p = serde_json::Map::new();
        p.insert("region".into(), o.string("region")?.into());
        p.insert("agency".into(), o.string("agency")?.into());
        if let Some(n) = o.opt_string("name")? {
            p.insert("name".into(), n.into());
        }
        let issuer = party(Value::Object(p), "issuer", "")?;
        let clock = o.clock("at")?.fixed()?;
        self.inner
            .sign(anchor.inner.as_ref(), issuer, &clock)
            .map_err(js_err)
    }

    /// Loads and verifies a signed list against the pinned anchors (`options`: `{at?,
    /// graceSeconds?}`).
    pub fn load(
        data: JsValue,
        anchors: JsValue,
        options: JsValue,
    ) -> Result<TrustListHandle, JsValue> {
        let bytes = input_bytes(&data, "data", Limits::default())?;
        let anchors = self::anchors(&anchors)?;
        let o = Options::new(&options, "options", &["at", "graceSeconds"])?;
        let clock = o.clock("at")?.fixed()?;
        let grace = o.opt_int("graceSeconds")?.unwrap_or(DEFAULT_GRACE_SECONDS);
        TrustList::load(&bytes, &anchors, &clock, grace)
            .map(|inner| Self { inner })
            .map_err(js_setting_err)
    }

    /// The sequence number.
    #[wasm_bindgen(getter)]
    pub fn sequence(&self) -> f64 {
        // Sequences come from JS safe integers or the core's strict parser (±(2^53−1)).
        #[allow(clippy::cast_precision_loss)]
        let s = self.inner.sequence as f64;
        s
    }

    /// `next_update` as an RFC 3339 string.
    #[wasm_bindgen(getter, js_name = nextUpdate)]
    pub fn next_update(&self) -> String {
        self.inner.next_update.to_string()
    }

    /// The digest of the signed list this was loaded from (`null` when built in memory).
    #[wasm_bindgen(getter)]
    pub fn digest(&self) -> Option<String> {
        self.inner.digest().map(str::to_owned)
    }

    /// The key records in wire form (`kid`, `region`, `agency`, `alg`, `jwk`, `valid_from`, …).
    #[wasm_bindgen(getter)]
    pub fn keys(&self) -> JsValue {
        match self.inner.to_body() {
            Value::Object(mut m) => m.remove("keys").map_or(JsValue::NULL, |k| to_js(&k)),
            _ => JsValue::NULL,
        }
    }

    /// A list from a body `{sequence, next_update, keys}` in wire form (an unsigned draft) — as
    /// Python's `TrustList.from_body`.
    #[wasm_bindgen(js_name = fromBody)]
    pub fn from_body(body: JsValue) -> Result<TrustListHandle, JsValue> {
        let v = from_js(&body, "")?;
        TrustList::from_body(&v)
            .map(|inner| Self { inner })
            .map_err(js_err)
    }

    /// The record with this kid in wire form, or `null`.
    pub fn key(&self, kid: JsValue) -> Result<JsValue, JsValue> {
        let kid = req_string(&kid, "kid")?;
        let Value::Object(mut body) = self.inner.to_body() else {
            return Ok(JsValue::NULL);
        };
        let keys = match body.remove("keys") {
            Some(Value::Array(a)) => a,
            _ => return Ok(JsValue::NULL),
        };
        Ok(keys
            .into_iter()
            .find(|k| k.get("kid").and_then(Value::as_str) == Some(kid.as_str()))
            .map_or(JsValue::NULL, |k| to_js(&k)))
    }

    /// The body `{sequence, next_update, keys}` in wire form.
    #[wasm_bindgen(js_name = toBody)]
    pub fn to_body(&self) -> JsValue {
        to_js(&self.inner.to_body())
    }

    /// Throws `trust_list.rollback` when the list's sequence is below `minSequence`: the highest
    /// sequence accepted before (persisted by the caller), so that an older list in which a
    /// since-revoked key is still active cannot be replayed.
    #[wasm_bindgen(js_name = checkMinSequence)]
    pub fn check_min_sequence(&self, min_sequence: JsValue) -> Result<(), JsValue> {
        let min = u64::try_from(req_int(&min_sequence, "minSequence")?)
            .map_err(|_| type_error("minSequence must be a non-negative integer", None))?;
        self.inner.check_min_sequence(min).map_err(js_err)
    }

    /// Refuses a `newer` list that may not follow this one (`trust_list.key_rebound`,
    /// `trust_list.revocation_undone`): [`TrustList::check_successor`].
    #[wasm_bindgen(js_name = checkSuccessor)]
    pub fn check_successor(&self, newer: &TrustListHandle) -> Result<(), JsValue> {
        self.inner.check_successor(&newer.inner).map_err(js_err)
    }

    /// Hygiene findings (code `trust_list.invalid`) that loading would not refuse: an anchor's
    /// key listed as a partner key (error); identifiers that are not plain ASCII, one agency
    /// code in two regions, keys valid for more than five years, `*` for a partner key
    /// (warnings). `anchors`: public JWKs with a `kid` (or `undefined`).
    #[wasm_bindgen(unchecked_return_type = "Finding[]")]
    pub fn lint(&self, anchors: JsValue) -> Result<Array, JsValue> {
        let anchors = if anchors.is_undefined() || anchors.is_null() {
            Vec::new()
        } else {
            self::anchors(&anchors)?
        };
        Ok(findings(&self.inner.lint(&anchors)))
    }

    /// Checks staleness at `at` (default now) with `graceSeconds` (default 7 days).
    #[wasm_bindgen(js_name = checkFresh)]
    pub fn check_fresh(&self, options: JsValue) -> Result<(), JsValue> {
        let o = Options::new(&options, "options", &["at", "graceSeconds"])?;
        let now = o.clock("at")?.now()?;
        let grace = o.opt_int("graceSeconds")?.unwrap_or(DEFAULT_GRACE_SECONDS);
        self.inner.check_fresh(now, grace).map_err(js_setting_err)
    }
}

/// Remembers accepted messages (issuer, id and digest) until they could no longer verify, so that
/// a redelivery is refused with `replay.duplicate` and a different message with a known issuer
/// and id with `replay.conflict`. A full guard refuses new messages (`replay.capacity`) rather
/// than forgetting live entries. Every verifier has its own; share one between verifiers, or
/// size it, with `{replayGuard: guard}`.
#[wasm_bindgen]
pub struct ReplayGuard {
    pub(crate) inner: Arc<InMemoryReplayGuard>,
}

#[wasm_bindgen]
impl ReplayGuard {
    /// An in-memory guard holding at most `capacity` entries (default one million).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "{ capacity?: number }")] options: Option<JsValue>,
    ) -> Result<ReplayGuard, JsValue> {
        let o = Options::new(&options.unwrap_or_default(), "options", &["capacity"])?;
        let capacity = match o.opt_int("capacity")? {
            None => InMemoryReplayGuard::DEFAULT_CAPACITY,
            Some(c) => usize::try_from(c)
                .map_err(|_| type_error("options.capacity must be a positive integer", None))?,
        };
        Ok(Self {
            inner: Arc::new(InMemoryReplayGuard::new(capacity)),
        })
    }

    /// Records the message `key` (`{region, agency, id}`: its issuer and id) with `digest` as
    /// received at `now`, kept until `keepUntil` (e.g. to preload the messages accepted before a
    /// restart); throws `replay.duplicate` / `replay.conflict` for a known key, `replay.capacity`
    /// when full of entries that must still be kept.
    #[wasm_bindgen(js_name = checkAndRecord)]
    pub fn check_and_record(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ReplayKey")] key: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] digest: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Date | string")] now: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Date | string", js_name = keepUntil)]
        keep_until: JsValue,
    ) -> Result<(), JsValue> {
        let k = Options::new(&key, "key", &["region", "agency", "id"])?;
        let (region, agency, id) = (k.string("region")?, k.string("agency")?, k.string("id")?);
        let key = ReplayKey {
            region: &region,
            agency: &agency,
            id: &id,
        };
        self.inner
            .check_and_record(
                &key,
                &req_string(&digest, "digest")?,
                timestamp(&now, "now")?,
                timestamp(&keep_until, "keepUntil")?,
            )
            .map_err(js_err)
    }

    /// Drops the entries whose `keepUntil` is before `now`; returns how many were dropped.
    #[wasm_bindgen(js_name = purgeExpired)]
    pub fn purge_expired(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Date | string")] now: JsValue,
    ) -> Result<f64, JsValue> {
        let n = self.inner.purge_expired(timestamp(&now, "now")?);
        #[allow(clippy::cast_precision_loss)]
        let n = n as f64;
        Ok(n)
    }

    /// The most entries the guard holds.
    #[wasm_bindgen(getter)]
    pub fn capacity(&self) -> f64 {
        #[allow(clippy::cast_precision_loss)]
        let n = self.inner.capacity() as f64;
        n
    }

    /// The number of messages remembered.
    #[wasm_bindgen(getter)]
    pub fn size(&self) -> f64 {
        #[allow(clippy::cast_precision_loss)]
        let n = self.inner.len() as f64;
        n
    }
}
