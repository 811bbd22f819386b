//! Signed reference data (`_ReferenceData`, wrapped by `ReferenceData` in `lib/api.js`): the
//! holiday calendar and GB/T 2260 changes the business rules use instead of the embedded
//! tables. Verified like a trust list; the rules live in the core, this only translates.

use labourlink::json::Limits;
use labourlink::refdata::ReferenceData;
use labourlink::rules::Date;
use labourlink::trust::DEFAULT_GRACE_SECONDS;
use serde_json::Value;
use wasm_bindgen::prelude::*;

use crate::convert::{Options, from_js, input_bytes, req_int, req_string, to_js};
use crate::errors::{js_err, js_setting_err, type_error};
use crate::keys::SigningKey;
use crate::trust::{anchors, party};

/// The low-level reference data; `lib/api.js` exposes it as `ReferenceData`.
#[wasm_bindgen(js_name = "_ReferenceData", skip_typescript)]
pub struct ReferenceDataHandle {
    pub(crate) inner: ReferenceData,
}

fn date(v: &JsValue, what: &str) -> Result<Date, JsValue> {
    let s = req_string(v, what)?;
    Date::parse(&s).ok_or_else(|| type_error(format!("{what} must be a date YYYY-MM-DD"), None))
}

#[wasm_bindgen(js_class = "_ReferenceData")]
impl ReferenceDataHandle {
    /// Loads and verifies a signed document against the pinned anchors (`options`: `{at?,
    /// graceSeconds?}`).
    pub fn load(
        data: JsValue,
        anchors: JsValue,
        options: JsValue,
    ) -> Result<ReferenceDataHandle, JsValue> {
        let bytes = input_bytes(&data, "data", Limits::default())?;
        let anchors = self::anchors(&anchors)?;
        let o = Options::new(&options, "options", &["at", "graceSeconds"])?;
        let clock = o.clock("at")?.fixed()?;
        let grace = o.opt_int("graceSeconds")?.unwrap_or(DEFAULT_GRACE_SECONDS);
        ReferenceData::load(&bytes, &anchors, &clock, grace)
            .map(|inner| Self { inner })
            .map_err(js_setting_err)
    }

    /// From a body `{sequence, next_update, calendar?, regions?}` (unsigned).
    #[wasm_bindgen(js_name = fromBody)]
    pub fn from_body(body: JsValue) -> Result<ReferenceDataHandle, JsValue> {
        let v = from_js(&body, "")?;
        ReferenceData::from_body(&v)
            .map(|inner| Self { inner })
            .map_err(js_err)
    }

    /// The body in wire form.
    #[wasm_bindgen(js_name = toBody)]
    pub fn to_body(&self) -> JsValue {
        to_js(&self.inner.to_body())
    }

    /// Signs with the anchor key: `issuer` is `{region, agency, name?, at?}`.
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

    /// Throws `reference_data.stale` past `next_update` plus the grace period (`options`:
    /// `{at?, graceSeconds?}`).
    #[wasm_bindgen(js_name = checkFresh)]
    pub fn check_fresh(&self, options: JsValue) -> Result<(), JsValue> {
        let o = Options::new(&options, "options", &["at", "graceSeconds"])?;
        let clock = o.clock("at")?.fixed()?;
        let grace = o.opt_int("graceSeconds")?.unwrap_or(DEFAULT_GRACE_SECONDS);
        self.inner
            .check_fresh(labourlink::time::Clock::now(&clock), grace)
            .map_err(js_setting_err)
    }

    /// Throws `reference_data.rollback` below `sequence`, or at it with another `digest`.
    #[wasm_bindgen(js_name = checkNotRollback)]
    pub fn check_not_rollback(&self, sequence: JsValue, digest: JsValue) -> Result<(), JsValue> {
        let seq = u64::try_from(req_int(&sequence, "sequence")?)
            .map_err(|_| type_error("sequence must be a non-negative integer", None))?;
        let digest = if digest.is_undefined() || digest.is_null() {
            None
        } else {
            Some(req_string(&digest, "digest")?)
        };
        self.inner
            .check_not_rollback(Some((seq, digest.as_deref())))
            .map_err(js_err)
    }

    /// Whether `year` follows an official holiday schedule in this data's calendar.
    #[wasm_bindgen(js_name = isConfirmed)]
    pub fn is_confirmed(&self, year: JsValue) -> Result<bool, JsValue> {
        let year = i32::try_from(req_int(&year, "year")?)
            .map_err(|_| type_error("year must be a 32-bit integer", None))?;
        Ok(self.inner.calendar().is_confirmed(year))
    }

    /// The `n`th working day after `date` on this data's calendar (`null` past 9999).
    #[wasm_bindgen(js_name = addWorkingDays)]
    pub fn add_working_days(&self, date: JsValue, n: JsValue) -> Result<JsValue, JsValue> {
        let n = u32::try_from(req_int(&n, "n")?)
            .map_err(|_| type_error("n must be a whole number of days from 0", None))?;
        Ok(self
            .inner
            .calendar()
            .add_working_days(self::date(&date, "date")?, n)
            .map_or(JsValue::NULL, |d| JsValue::from(d.to_string())))
    }

    /// Whether `code` is in this data's current GB/T 2260 list.
    #[wasm_bindgen(js_name = isCurrentRegion)]
    pub fn is_current_region(&self, code: JsValue) -> Result<bool, JsValue> {
        Ok(self.inner.regions().is_current(&req_string(&code, "code")?))
    }

    /// The sequence number.
    #[wasm_bindgen(getter)]
    pub fn sequence(&self) -> f64 {
        // Sequences come from the core's strict parser (±(2^53−1)).
        #[allow(clippy::cast_precision_loss)]
        let s = self.inner.sequence as f64;
        s
    }

    /// `next_update` as an RFC 3339 string.
    #[wasm_bindgen(getter, js_name = nextUpdate)]
    pub fn next_update(&self) -> String {
        self.inner.next_update.to_string()
    }

    /// The payload digest of the signed document (`null` from a body).
    #[wasm_bindgen(getter)]
    pub fn digest(&self) -> Option<String> {
        self.inner.digest().map(str::to_owned)
    }
}
