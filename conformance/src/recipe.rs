//! Recipes: the small description in a vector (`"recipe"`) from which `regen` builds a signed
//! message — including valid signatures over deliberately bad payloads and headers.
//!
//! The vector file always carries the finished message too, so foreign implementations never
//! need this logic. A recipe is an object:
//!
//! ```json
//! {"payload": {…document…} | "payload_text": "…" | "payload_hex": "…",
//!  "signers": [{"key": "liangshan", "kid": "…", "alg": "…", "header": {…}, "header_text": "…",
//!               "sm2_user_id": "…", "sm2_without_z": true}],
//!  "mutations": [{"op": "…", …}]}
//! ```
//!
//! `payload` is written in RFC 8785 canonical form (an object `{"$jwk": "<key name>"}` anywhere
//! in it stands for that test key's public JWK, `{"$example": "<message type>"}` for the
//! catalogue's example document `schemas/examples/<type>.json`), after the recipe's `edits`
//! (`[{"op": "set", "pointer", "value"} | {"op": "remove", "pointer"}]`, RFC 6901 pointers into
//! the document) are applied to it; `payload_text`/`payload_hex` are used as they are. A
//! `validate` vector's recipe has only `payload` and `edits`: the document. Each signer signs with the named test key; its protected header is `header_text`, or
//! `header` in canonical form, or the canonical `{"alg", "kid", "typ": "labourlink+jws"}` with
//! the key's algorithm and key id unless `alg`/`kid` override them. An SM2 signer with
//! `sm2_user_id` signs with that user id instead of the default `1234567812345678` (a signature
//! that must not verify); with `sm2_without_z` it signs `e = SM3(M)` instead of
//! `SM3(Z_A ‖ M)` (a common interoperability bug: the identity hash left out). The JWS object is
//! written in
//! canonical form, then the mutations are applied in order:
//!
//! | op | members | effect |
//! |---|---|---|
//! | `set` | `pointer`, `value` | sets a member of the JWS object |
//! | `remove` | `pointer` | removes a member of the JWS object |
//! | `replace_payload` | `payload` / `payload_text` | replaces the payload after signing |
//! | `duplicate_signature` | `index` | appends a copy of a signature object |
//! | `signature` | `index`, `action` (+ `byte`, `len`, `hex`, `multiple`) | changes signature bytes: `flip_bit`, `truncate`, `append_hex`, `replace_hex`, `add_l` (Ed25519 S + k·L), `es256_negate_s` (r, n−s), `es256_zero_s`, `replace_r_hex` / `replace_s_hex` (one 32-byte half of `r‖s`), `sm2_s_n_minus_r` (s ← n − r for the SM2 order n, so that r + s ≡ 0), `der_encode` (`r‖s` → DER `SEQUENCE { INTEGER r, INTEGER s }`) |
//! | `text_replace` | `from`, `to`, `count` | edits the serialised text (after all structural ops) |
//! | `insert_hex` | `at`, `hex` | inserts raw bytes into the serialised text |

use labourlink::b64;
use labourlink::canonical;
use serde_json::{Value, json};

use crate::keys::Registry;
use crate::util::{remove_pointer, set_pointer, unhex};

/// The group order L of edwards25519, little-endian.
const ED25519_L: [u8; 32] = [
    0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
];

/// The order n of P-256, big-endian.
const P256_N: [u8; 32] = [
    0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17, 0x9e, 0x84, 0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63, 0x25, 0x51,
];

/// The order n of the SM2 curve (GB/T 32918.5), big-endian.
const SM2_N: [u8; 32] = [
    0xff, 0xff, 0xff, 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0x72, 0x03, 0xdf, 0x6b, 0x21, 0xc6, 0x05, 0x2b, 0x53, 0xbb, 0xf4, 0x09, 0x39, 0xd5, 0x41, 0x23,
];

/// Replaces every `{"$jwk": name}` by the public JWK of that test key, every `{"$x": name}` by
/// the `x` member of that JWK, and every `{"$example": type}` by the catalogue's example
/// document of that message type.
///
/// # Errors
/// A message for an unknown key name or message type.
pub fn resolve_placeholders(v: &Value, reg: &Registry) -> Result<Value, String> {
    Ok(match v {
        Value::Object(m) if m.len() == 1 && m.contains_key("$example") => {
            let name = m
                .get("$example")
                .and_then(Value::as_str)
                .ok_or("$example needs a message type")?;
            labourlink::schema::example(name)
                .ok_or_else(|| format!("no example document for message type {name:?}"))?
        }
        Value::Object(m) if m.len() == 1 && m.contains_key("$jwk") => {
            let name = m
                .get("$jwk")
                .and_then(Value::as_str)
                .ok_or("$jwk needs a key name")?;
            reg.get(name)?.public_jwk.clone()
        }
        Value::Object(m) if m.len() == 1 && m.contains_key("$x") => {
            let name = m
                .get("$x")
                .and_then(Value::as_str)
                .ok_or("$x needs a key name")?;
            reg.get(name)?
                .public_jwk
                .get("x")
                .cloned()
                .ok_or("the key has no x")?
        }
        Value::Object(m) => {
            let mut out = serde_json::Map::new();
            for (k, x) in m {
                out.insert(k.clone(), resolve_placeholders(x, reg)?);
            }
            Value::Object(out)
        }
        Value::Array(a) => Value::Array(
            a.iter()
                .map(|x| resolve_placeholders(x, reg))
                .collect::<Result<_, _>>()?,
        ),
        other => other.clone(),
    })
}

/// The document of a recipe: its `payload` with placeholders resolved and `edits` applied.
///
/// # Errors
/// A message when the recipe has no `payload`, names an unknown key or example, or an edit
/// does not apply.
pub fn document(recipe: &Value, reg: &Registry) -> Result<Value, String> {
    let payload = recipe
        .get("payload")
        .ok_or("the recipe has no payload document")?;
    let mut doc = resolve_placeholders(payload, reg)?;
    for (i, e) in recipe
        .get("edits")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        let pointer = e
            .get("pointer")
            .and_then(Value::as_str)
            .ok_or_else(|| format!("edit {i} needs a pointer"))?;
        match e.get("op").and_then(Value::as_str) {
            Some("set") => {
                let value = resolve_placeholders(e.get("value").unwrap_or(&Value::Null), reg)?;
                set_pointer(&mut doc, pointer, value).map_err(|m| format!("edit {i}: {m}"))?;
            }
            Some("remove") => {
                remove_pointer(&mut doc, pointer).map_err(|m| format!("edit {i}: {m}"))?;
            }
            other => return Err(format!("edit {i}: unknown op {other:?}")),
        }
    }
    Ok(doc)
}

fn payload_bytes(spec: &Value, reg: &Registry) -> Result<Vec<u8>, String> {
    if spec.get("payload").is_some() {
        Ok(canonical::to_vec(&document(spec, reg)?))
    } else if let Some(t) = spec.get("payload_text").and_then(Value::as_str) {
        Ok(t.as_bytes().to_vec())
    } else if let Some(h) = spec.get("payload_hex").and_then(Value::as_str) {
        unhex(h)
    } else {
        Err("a recipe needs payload, payload_text or payload_hex".into())
    }
}

/// Whether the recipe gives the same bytes every time (no ES256 signer).
#[must_use]
pub fn is_deterministic(recipe: &Value, reg: &Registry) -> bool {
    recipe
        .get("signers")
        .and_then(Value::as_array)
        .is_none_or(|signers| {
            signers.iter().all(|s| {
                s.get("key")
                    .and_then(Value::as_str)
                    .and_then(|n| reg.get(n).ok())
                    .is_some_and(crate::keys::TestKey::deterministic)
            })
        })
}

fn header_bytes(signer: &Value, alg: &str, kid: &str) -> Vec<u8> {
    if let Some(t) = signer.get("header_text").and_then(Value::as_str) {
        return t.as_bytes().to_vec();
    }
    if let Some(h) = signer.get("header") {
        return canonical::to_vec(h);
    }
    let alg = signer.get("alg").and_then(Value::as_str).unwrap_or(alg);
    let kid = signer.get("kid").and_then(Value::as_str).unwrap_or(kid);
    canonical::to_vec(&json!({"alg": alg, "kid": kid, "typ": labourlink::jws::TYP}))
}

/// Builds the message bytes of a recipe.
///
/// # Errors
/// A message when the recipe is malformed or names an unknown key.
pub fn materialize(recipe: &Value, reg: &Registry) -> Result<Vec<u8>, String> {
    let payload = payload_bytes(recipe, reg)?;
    let payload_b64 = b64::encode(&payload);
    let mut signatures = Vec::new();
    let signers = recipe
        .get("signers")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    for s in &signers {
        let name = s
            .get("key")
            .and_then(Value::as_str)
            .ok_or("a signer needs a key name")?;
        let key = reg.get(name)?;
        let header = header_bytes(s, &key.alg, &key.kid);
        let protected = b64::encode(&header);
        let signing_input = format!("{protected}.{payload_b64}");
        let signing = key.signing_key()?;
        let user_id = s.get("sm2_user_id").and_then(Value::as_str);
        let without_z = s.get("sm2_without_z") == Some(&Value::Bool(true));
        let sig = if user_id.is_some() || without_z {
            use sm2::dsa::signature::Signer as _;
            use sm2::dsa::signature::hazmat::PrehashSigner as _;
            use sm3::Digest as _;
            let d = signing
                .sm2_private_key()
                .ok_or("sm2_user_id / sm2_without_z need an SM2 key")?;
            let sm2_key = sm2::dsa::SigningKey::from_slice(
                user_id.unwrap_or(labourlink::keys::SM2_DEFAULT_USER_ID),
                &d[..],
            )
            .map_err(|e| e.to_string())?;
            let sig = if without_z {
                sm2_key.sign_prehash(&sm3::Sm3::digest(signing_input.as_bytes()))
            } else {
                sm2_key.try_sign(signing_input.as_bytes())
            };
            sig.map_err(|e| e.to_string())?.to_bytes().to_vec()
        } else {
            signing
                .sign(signing_input.as_bytes())
                .map_err(|e| e.to_string())?
        };
        signatures.push(json!({"protected": protected, "signature": b64::encode(&sig)}));
    }
    let mut jws = json!({"payload": payload_b64, "signatures": signatures});
    let mutations = recipe
        .get("mutations")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let mut text: Option<Vec<u8>> = None;
    for m in &mutations {
        let op = m.get("op").and_then(Value::as_str).unwrap_or_default();
        let structural = !matches!(op, "text_replace" | "insert_hex");
        if structural && text.is_some() {
            return Err(format!("mutation {op} after a text mutation"));
        }
        match op {
            "set" => set_pointer(
                &mut jws,
                ptr(m)?,
                m.get("value").cloned().unwrap_or_default(),
            )?,
            "remove" => remove_pointer(&mut jws, ptr(m)?)?,
            "replace_payload" => {
                jws["payload"] = b64::encode(&payload_bytes(m, reg)?).into();
            }
            "duplicate_signature" => {
                let i = index(m);
                let copy = jws["signatures"]
                    .get(i)
                    .cloned()
                    .ok_or("no such signature")?;
                if let Some(a) = jws["signatures"].as_array_mut() {
                    a.push(copy);
                }
            }
            "signature" => mutate_signature(&mut jws, m)?,
            "text_replace" => {
                let t = text.take().unwrap_or_else(|| canonical::to_vec(&jws));
                let mut s = String::from_utf8(t).map_err(|_| "text is not UTF-8")?;
                let from = m.get("from").and_then(Value::as_str).ok_or("from")?;
                let to = m.get("to").and_then(Value::as_str).ok_or("to")?;
                let count = m.get("count").and_then(Value::as_u64).unwrap_or(1);
                if !s.contains(from) {
                    return Err(format!("text_replace: {from:?} not found"));
                }
                s = s.replacen(from, to, usize::try_from(count).unwrap_or(1));
                text = Some(s.into_bytes());
            }
            "insert_hex" => {
                let mut t = text.take().unwrap_or_else(|| canonical::to_vec(&jws));
                let at = usize::try_from(m.get("at").and_then(Value::as_u64).unwrap_or(0))
                    .unwrap_or(0)
                    .min(t.len());
                let bytes = unhex(m.get("hex").and_then(Value::as_str).unwrap_or_default())?;
                t.splice(at..at, bytes);
                text = Some(t);
            }
            other => return Err(format!("unknown mutation {other:?}")),
        }
    }
    Ok(text.unwrap_or_else(|| canonical::to_vec(&jws)))
}

fn ptr(m: &Value) -> Result<&str, String> {
    m.get("pointer")
        .and_then(Value::as_str)
        .ok_or_else(|| "mutation needs a pointer".to_owned())
}

fn index(m: &Value) -> usize {
    usize::try_from(m.get("index").and_then(Value::as_u64).unwrap_or(0)).unwrap_or(0)
}

fn mutate_signature(jws: &mut Value, m: &Value) -> Result<(), String> {
    let i = index(m);
    let slot = jws
        .pointer_mut(&format!("/signatures/{i}/signature"))
        .ok_or("no such signature")?;
    let mut sig = b64::decode(slot.as_str().unwrap_or_default(), "signature", "")
        .map_err(|e| e.to_string())?;
    let action = m.get("action").and_then(Value::as_str).unwrap_or_default();
    let num =
        |name: &str| usize::try_from(m.get(name).and_then(Value::as_u64).unwrap_or(0)).unwrap_or(0);
    match action {
        "flip_bit" => {
            let b = num("byte");
            let byte = sig.get_mut(b).ok_or("byte out of range")?;
            *byte ^= 1;
        }
        "truncate" => sig.truncate(num("len")),
        "append_hex" => sig.extend(unhex(
            m.get("hex").and_then(Value::as_str).unwrap_or_default(),
        )?),
        "replace_hex" => sig = unhex(m.get("hex").and_then(Value::as_str).unwrap_or_default())?,
        "add_l" => add_multiple_of_l(&mut sig, num("multiple"))?,
        "es256_negate_s" => {
            let s = sig.get_mut(32..64).ok_or("not a 64-byte ES256 signature")?;
            let neg = sub_be(&P256_N, s);
            s.copy_from_slice(&neg);
        }
        "es256_zero_s" => {
            let s = sig.get_mut(32..64).ok_or("not a 64-byte ES256 signature")?;
            s.fill(0);
        }
        "replace_r_hex" | "replace_s_hex" => {
            let half = unhex(m.get("hex").and_then(Value::as_str).unwrap_or_default())?;
            let range = if action == "replace_r_hex" {
                0..32
            } else {
                32..64
            };
            let slot = sig.get_mut(range).ok_or("not a 64-byte r||s signature")?;
            if half.len() != 32 {
                return Err("replace_r_hex / replace_s_hex need 32 bytes".into());
            }
            slot.copy_from_slice(&half);
        }
        "der_encode" => {
            let int = |b: &[u8]| {
                let mut b = b;
                while b.len() > 1 && b.first() == Some(&0) {
                    b = b.get(1..).unwrap_or_default();
                }
                let pad = b.first().is_some_and(|x| *x >= 0x80);
                let mut out = vec![0x02, u8::try_from(b.len() + usize::from(pad)).unwrap_or(0)];
                if pad {
                    out.push(0);
                }
                out.extend_from_slice(b);
                out
            };
            let (r, s) = sig
                .split_at_checked(32)
                .ok_or("not a 64-byte r||s signature")?;
            let body = [int(r), int(s)].concat();
            sig = [vec![0x30, u8::try_from(body.len()).unwrap_or(0)], body].concat();
        }
        "sm2_s_n_minus_r" => {
            let r = sig.get(..32).ok_or("not a 64-byte SM2 signature")?.to_vec();
            let s = sig.get_mut(32..64).ok_or("not a 64-byte SM2 signature")?;
            s.copy_from_slice(&sub_be(&SM2_N, &r));
        }
        other => return Err(format!("unknown signature action {other:?}")),
    }
    *slot = b64::encode(&sig).into();
    Ok(())
}

/// S ← S + k·L on the little-endian S half of an Ed25519 signature (must stay below 2^256).
fn add_multiple_of_l(sig: &mut [u8], k: usize) -> Result<(), String> {
    let s = sig
        .get_mut(32..64)
        .ok_or("not a 64-byte Ed25519 signature")?;
    let k = u32::try_from(k).map_err(|_| "multiple too large")?;
    let mut carry: u32 = 0;
    for (byte, l) in s.iter_mut().zip(ED25519_L) {
        let v = u32::from(*byte) + u32::from(l) * k + carry;
        *byte = (v & 0xff) as u8;
        carry = v >> 8;
    }
    if carry != 0 {
        return Err("S + k·L overflows 256 bits".into());
    }
    Ok(())
}

/// a − b for 32-byte big-endian numbers with a ≥ b.
fn sub_be(a: &[u8; 32], b: &[u8]) -> [u8; 32] {
    let mut out = [0u8; 32];
    let mut borrow: i16 = 0;
    for i in (0..32).rev() {
        let d = i16::from(a[i]) - i16::from(b.get(i).copied().unwrap_or(0)) - borrow;
        borrow = i16::from(d < 0);
        out[i] = (d + 256 * borrow) as u8;
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn arithmetic() {
        let mut sig = vec![0u8; 64];
        add_multiple_of_l(&mut sig, 1).unwrap();
        assert_eq!(&sig[32..], &ED25519_L);
        let mut one = [0u8; 32];
        one[31] = 1;
        let r = sub_be(&P256_N, &one);
        assert_eq!(r[31], 0x50);
        assert!(add_multiple_of_l(&mut [0xffu8; 64], 15).is_err());
    }
}
