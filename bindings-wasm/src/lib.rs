//! `labourlink-wasm`: the JavaScript/WebAssembly bindings of labourlink (npm package `labourlink`).
//!
//! Bindings translate, never decide (DESIGN §1): every export converts JS values to Rust, calls
//! the core crate and converts the result back. Errors are thrown as real JS `Error` objects,
//! built in [`errors`], the only place that maps them; strings are never thrown.
//!
//! Layering (as automerge does it): this crate is the low-level module that `wasm-bindgen`
//! turns into `pkg/labourlink_wasm.js`; the package's public API is `lib/api.js`, which
//! re-exports most of it and adds the few functions that take key handles inside arrays or
//! options objects (`sign`, `TrustList`, `Verifier`), since a Rust export cannot borrow a class
//! instance out of a plain JS value. Names starting with `_` are internal.
#![forbid(unsafe_code)]

mod convert;
mod errors;
mod keys;
mod refdata;
mod rules;
mod trust;
mod verify;

use labourlink::json::Limits;
use std::rc::Rc;

use js_sys::Uint8Array;
use labourlink::envelope::Document;
use labourlink::keys::Signer;
use wasm_bindgen::prelude::*;

use crate::convert::{Options, from_js, input_bytes};
pub use crate::errors::js_type_error;
use crate::errors::{js_err, type_error};
pub use crate::keys::{SigningKey, VerifyingKey};
pub use crate::refdata::ReferenceDataHandle;
pub use crate::rules::{
    check_citizen_id, check_region_code, check_uscc, code_name, convert_15_to_18, error_codes,
    example, parse_citizen_id, parse_uscc, region_name, validate, validate_body,
};
pub use crate::trust::{ReplayGuard, TrustListHandle};
pub use crate::verify::payload_digest;
pub use crate::verify::{REPLY_MEMORY, VerifierHandle, VerifierInputs};

// The generated `pkg/labourlink_wasm.d.ts` names these types; they are declared by the
// package's hand-checked `index.d.ts`.
#[wasm_bindgen(typescript_custom_section)]
const TS_IMPORTS: &str = r#"import type { Algorithm, Document, DocumentInit, ErrorCode, Finding, Jwk, KeyObjectLike, MessageType, ParsedCitizenId, ParsedUscc, PrivateJwk, ReplayKey, ValidationReport } from "../index.js";"#;

/// The RFC 8785 (JCS) canonical form of a JSON text, as UTF-8 bytes. A string is taken as its
/// UTF-8 encoding. Throws an `Error` named `JsonError` (with `.code`, e.g.
/// `"json.duplicate_key"`, and `.path`) when the input is not acceptable JSON.
#[wasm_bindgen]
pub fn canonicalize(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] input: JsValue,
) -> Result<Uint8Array, JsValue> {
    let bytes = input_bytes(&input, "input", Limits::default())?;
    let out = labourlink::canonical::canonicalize(&bytes).map_err(js_err)?;
    Ok(Uint8Array::from(out.as_slice()))
}

/// The option names of `document(init)`.
const DOCUMENT_FIELDS: &[&str] = &[
    "type",
    "from",
    "to",
    "body",
    "case",
    "inReplyTo",
    "expiresAt",
    "at",
    "id",
    "schemaVersion",
];

/// Builds a document (the payload of a message): fills `spec`, `schema_version` (default
/// `1.0`), `id` (a fresh UUID v7) and `issued_at` (from `at`: a `Date`, an RFC 3339 string or a
/// function returning one; default now), and checks the envelope (`envelope.*`).
#[wasm_bindgen(js_name = document, unchecked_return_type = "Document")]
pub fn build_document(
    #[wasm_bindgen(unchecked_param_type = "DocumentInit")] init: JsValue,
) -> Result<JsValue, JsValue> {
    let o = Options::new(&init, "document", DOCUMENT_FIELDS)?;
    let party = |name: &str| -> Result<_, JsValue> {
        let path = format!("/{name}");
        let value = o
            .json(name, &path)?
            .ok_or_else(|| type_error(format!("document.{name} is required"), None))?;
        trust::party(value, &format!("document.{name}"), &path)
    };
    let mut b = Document::builder(o.string("type")?, party("from")?, party("to")?);
    if let Some(body) = o.json("body", "/body")? {
        b = b.body(body);
    }
    if let Some(case) = o.get("case")? {
        let c = Options::new(&case, "document.case", &["id", "type"])?;
        b = b.case(c.string("id")?, c.string("type")?);
    }
    if let Some(id) = o.opt_string("inReplyTo")? {
        b = b.in_reply_to(id);
    }
    if let Some(t) = o.opt_time("expiresAt")? {
        b = b.expires_at(t);
    }
    if let Some(id) = o.opt_string("id")? {
        b = b.id(id);
    }
    if let Some(v) = o.opt_string("schemaVersion")? {
        b = b.schema_version(v);
    }
    let doc = b
        .build_checked(
            &o.clock("at")?.fixed()?,
            &labourlink::envelope::is_known_type,
        )
        .map_err(js_err)?;
    Ok(convert::ser_to_js(&doc))
}

/// The signing keys of one `sign` call (built by `lib/api.js`).
#[wasm_bindgen(js_name = "_SignerSet", skip_typescript)]
#[derive(Default)]
pub struct SignerSet {
    keys: Vec<Rc<labourlink::keys::SigningKey>>,
}

#[wasm_bindgen(js_class = "_SignerSet")]
impl SignerSet {
    /// An empty set.
    #[wasm_bindgen(constructor)]
    pub fn new() -> SignerSet {
        SignerSet::default()
    }

    /// Adds a key (shared, not copied).
    pub fn push(&mut self, key: &SigningKey) {
        self.keys.push(Rc::clone(&key.inner));
    }
}

/// Signs a document with every key of `signers` and returns the JWS (general JSON
/// serialization) as text.
#[wasm_bindgen(js_name = "_sign", skip_typescript)]
pub fn sign_document(document: JsValue, signers: &SignerSet) -> Result<String, JsValue> {
    let value = from_js(&document, "")?;
    let refs: Vec<&dyn Signer> = signers.keys.iter().map(|k| &**k as &dyn Signer).collect();
    labourlink::sign(&value, &refs).map_err(js_err)
}
