//! Receipts (技术回执): what an inbox answers, signed with the node's key.
//!
//! An **accepted** receipt has an id derived from what it acknowledges ([`receipt_id`]), so
//! it is found again in the archive and the same bytes answer every redelivery. A
//! **rejected** receipt gets a fresh id and is not archived (the rejected message is in the
//! quarantine).

use labourlink::envelope::{CaseRef, Document, Party};
use labourlink::time::{FixedClock, MAX_LEEWAY_SECONDS, Timestamp};
use labourlink::{Error, ErrorCode, Result, Signer};
use labourlink_store::{Direction, NewMessage};
use serde_json::{Value, json};

/// What a receipt acknowledges: the received message's envelope facts and digest.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Acknowledged {
    /// The received message's `id`.
    pub id: String,
    /// The SHA-256 (base64url) of its payload.
    pub digest: String,
    /// Its `type`.
    pub message_type: String,
    /// Its sender (the receipt's addressee).
    pub from: Party,
    /// Its case, copied into the receipt (a reply stays in its case).
    pub case: Option<CaseRef>,
    /// Its `issued_at`, when it could be read: the receipt is not dated before it
    /// ([`sign_receipt`]; a reply is never issued before what it answers, LL-REPLY-008).
    pub issued_at: Option<Timestamp>,
}

/// One entry of a receipt's `errors` — the catalogue's type, which fits what it holds to the
/// receipt schema (pointer length, message length).
pub use labourlink::messages::receipt::ReportedError as ReceiptError;

/// The id of the accepted receipt for the message `id` of `region`/`agency`: a UUID
/// (version 8, RFC 9562) made from a SHA-256 of the three, so the receipt can be found again.
#[must_use]
pub fn receipt_id(region: &str, agency: &str, id: &str) -> String {
    let mut input = Vec::with_capacity(64 + agency.len());
    for part in ["labourlink receipt", region, agency, id] {
        input.extend_from_slice(part.as_bytes());
        input.push(0);
    }
    let d = ring::digest::digest(&ring::digest::SHA256, &input);
    let mut b = [0u8; 16];
    b.copy_from_slice(&d.as_ref()[..16]);
    labourlink::envelope::uuid_string(b, 8)
}

/// A receipt this node signed, with what its archive entry needs (no need to read the JWS
/// back).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct SignedReceipt {
    /// The JWS (general JSON serialization).
    pub jws: String,
    /// The receipt's document.
    pub document: Document,
    /// The SHA-256 (base64url) of its payload: the receipt's digest.
    pub digest: String,
    /// The key id it is signed with.
    pub kid: String,
}

impl SignedReceipt {
    /// The JWS bytes, and the receipt's archive entry (direction `sent`, at `at`).
    #[must_use]
    pub fn into_archived(self, at: Timestamp) -> (Vec<u8>, NewMessage) {
        let jws = self.jws.into_bytes();
        let archived = NewMessage::signed(Direction::Sent, &jws, self.document, self.digest, at)
            .with_signers(vec![self.kid]);
        (jws, archived)
    }
}

/// The `issued_at` a receipt signed at `now` for a message issued at `message_issued_at`
/// gets ([`sign_receipt`]): not before the message it acknowledges (LL-REPLY-008: a sender
/// whose clock is ahead of this node's, within the leeway, would otherwise refuse the receipt
/// as issued before its message), later than `now` by at most the largest leeway a verifier
/// may have (the message's `issued_at` is the sender's to write), and rounded up to the whole
/// second (a document's `issued_at` is whole seconds; never before the `received_at` it
/// states). The receipt key must be usable at this instant, not only at `now`.
#[must_use]
pub fn receipt_time(message_issued_at: Option<Timestamp>, now: Timestamp) -> Timestamp {
    let at = match message_issued_at {
        Some(issued) if issued > now => issued.min(now.add_seconds(MAX_LEEWAY_SECONDS)),
        _ => now,
    };
    let whole = Timestamp::from_unix_seconds(at.unix_seconds());
    if whole < at {
        whole.add_seconds(1)
    } else {
        whole
    }
}

/// Signs a receipt from `me` for `ack`, issued at `now`.
///
/// `accepted` receipts carry `received_at` and the warnings (if any) as `errors`, and have
/// the id [`receipt_id`]; rejected ones carry the reasons and a fresh id. When the received
/// message's case cannot be copied into a valid receipt, the receipt goes without it.
///
/// # Errors
/// `envelope.*` when no valid receipt can be made for `ack` (the caller answers without one),
/// or the signer's error.
pub fn sign_receipt(
    me: &Party,
    key: &dyn Signer,
    ack: &Acknowledged,
    accepted: bool,
    received_at: Timestamp,
    errors: &[ReceiptError],
    now: Timestamp,
) -> Result<SignedReceipt> {
    let mut body = json!({
        "received_id": ack.id,
        "received_digest": ack.digest,
        "received_type": ack.message_type,
        "received_at": received_at.to_string(),
        "status": if accepted { "accepted" } else { "rejected" },
    });
    if !errors.is_empty() {
        // The receipt schema allows 200 entries.
        body["errors"] = errors
            .iter()
            .take(200)
            .map(|e| json!({"code": e.code, "path": e.path, "message": e.message}))
            .collect();
    }
    let clock = FixedClock(receipt_time(ack.issued_at, now));
    let build = |with_case: bool| -> Result<SignedReceipt> {
        let mut b = Document::builder("receipt", me.clone(), ack.from.clone())
            .in_reply_to(ack.id.clone())
            .body(body.clone());
        if accepted {
            b = b.id(receipt_id(&ack.from.region, &ack.from.agency, &ack.id));
        }
        if let (true, Some(c)) = (with_case, &ack.case) {
            b = b.case(c.id.clone(), c.case_type.clone());
        }
        let (document, signed) =
            b.build_and_sign(&clock, &labourlink::envelope::is_known_type, &[key])?;
        Ok(SignedReceipt {
            jws: signed.jws,
            document,
            digest: signed.digest,
            kid: key.kid().to_owned(),
        })
    };
    match build(true) {
        Ok(signed) => Ok(signed),
        Err(e) if ack.case.is_some() && e.code().family() == "envelope" => build(false),
        Err(e) => Err(e),
    }
}

/// A receipt's body, decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ReceiptBody {
    /// `received_id`.
    pub received_id: String,
    /// `received_digest`.
    pub received_digest: String,
    /// Whether `status` is `accepted`.
    pub accepted: bool,
    /// `received_at`, when given.
    pub received_at: Option<String>,
    /// `errors`: the reasons of a rejection, the warnings of an acceptance — their code, path
    /// and message as they may be printed ([`labourlink::error::shown_text`]: controls and
    /// bidirectional characters escaped, the length bounded).
    pub errors: Vec<ReceiptError>,
}

impl ReceiptBody {
    /// Reads a receipt's body.
    ///
    /// # Errors
    /// `exchange.bad_response` when it is not a receipt body.
    pub fn from_body(body: &Value) -> Result<Self> {
        let bad = || {
            Error::new(
                ErrorCode::ExchangeBadResponse,
                "the answer's body is not a receipt (received_id, received_digest, status)",
            )
        };
        let s = |k: &str| body.get(k).and_then(Value::as_str).map(str::to_owned);
        let accepted = match s("status").as_deref() {
            Some("accepted") => true,
            Some("rejected") => false,
            _ => return Err(bad()),
        };
        let errors = body
            .get("errors")
            .and_then(Value::as_array)
            .map(|list| {
                list.iter()
                    .map(|e| {
                        // Another party's text, shown to clerks and written to logs:
                        // escape controls (terminal escapes, a forged "accepted" line) and
                        // bidirectional characters, and bound its length, whoever signed it.
                        let f = |k: &str| {
                            labourlink::error::shown_text(
                                e.get(k).and_then(Value::as_str).unwrap_or(""),
                            )
                        };
                        ReceiptError::new(f("code"), f("path"), f("message"))
                    })
                    .collect()
            })
            .unwrap_or_default();
        Ok(Self {
            received_id: s("received_id").ok_or_else(bad)?,
            received_digest: s("received_digest").ok_or_else(bad)?,
            accepted,
            received_at: s("received_at"),
            errors,
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// A partner's signed receipt carrying terminal escapes, a line break and a bidi override
    /// in its error texts: read with them escaped, so a clerk's terminal shows them as text
    /// (they had cleared the screen and printed a forged "accepted" line).
    #[test]
    fn receipt_error_texts_are_escaped() {
        let body = serde_json::json!({
            "received_id": "x", "received_digest": "y", "status": "rejected",
            "errors": [{
                "code": "schema.invalid\u{1b}]0;t\u{7}",
                "path": "/body/\u{1b}[31m",
                "message": "\u{1b}[2J\r\nINJECTED: accepted (已接收) \u{202e}",
            }],
        });
        let r = ReceiptBody::from_body(&body).unwrap();
        let e = &r.errors[0];
        for text in [&e.code, &e.path, &e.message] {
            assert!(
                !text.chars().any(|c| c.is_control() || c == '\u{202e}'),
                "{text:?}"
            );
        }
        assert!(e.message.contains("\\u{000a}INJECTED"), "{}", e.message);
        let long = serde_json::json!({
            "received_id": "x", "received_digest": "y", "status": "rejected",
            "errors": [{"code": "c", "path": "/", "message": "m".repeat(100_000)}],
        });
        let r = ReceiptBody::from_body(&long).unwrap();
        assert!(r.errors[0].message.chars().count() <= 2001);
    }

    #[test]
    fn a_receipt_is_never_issued_before_it_says_the_message_came() {
        let key = labourlink::keys::SigningKey::from_seed(&[3; 32], "330200-si-2026a").unwrap();
        let me = Party::new("330200", "NB-SI");
        let ack = Acknowledged {
            id: "018f6d0e-7c1a-7b3e-9a55-2f1d3c4b5a69".into(),
            digest: "A".repeat(43),
            message_type: "social_insurance.contact_letter".into(),
            from: Party::new("513400", "LS-SI"),
            case: None,
            issued_at: None,
        };
        let at = Timestamp::parse("2026-12-07T08:19:22.308874018Z").unwrap();
        let r = sign_receipt(&me, &key, &ack, true, at, &[], at).unwrap();
        assert_eq!(r.document.issued_at, "2026-12-07T08:19:23Z");
        assert_eq!(
            r.document.body["received_at"],
            "2026-12-07T08:19:22.308874018Z"
        );
        // A whole second stays as it is.
        let at = Timestamp::parse("2026-12-07T08:19:22Z").unwrap();
        let r = sign_receipt(&me, &key, &ack, false, at, &[], at).unwrap();
        assert_eq!(r.document.issued_at, "2026-12-07T08:19:22Z");
        // A message issued ahead of this node's clock (within the leeway, its sender's clock
        // being ahead): the receipt is dated at the message, not before it (LL-REPLY-008) —
        // and never more than the largest leeway ahead, whatever the message says.
        let ahead = Acknowledged {
            issued_at: Some(Timestamp::parse("2026-12-07T08:23:00Z").unwrap()),
            ..ack.clone()
        };
        let r = sign_receipt(&me, &key, &ahead, true, at, &[], at).unwrap();
        assert_eq!(r.document.issued_at, "2026-12-07T08:23:00Z");
        assert_eq!(r.document.body["received_at"], "2026-12-07T08:19:22Z");
        let far = Acknowledged {
            issued_at: Some(Timestamp::parse("2099-01-01T00:00:00Z").unwrap()),
            ..ack
        };
        let r = sign_receipt(&me, &key, &far, false, at, &[], at).unwrap();
        assert_eq!(r.document.issued_at, "2026-12-07T09:19:22Z");
    }

    #[test]
    fn receipt_ids_are_stable_uuids() {
        let a = receipt_id("513400", "LS-SI", "018f6d0e-7c1a-7b3e-9a55-2f1d3c4b5a69");
        assert!(labourlink::envelope::is_uuid(&a), "{a}");
        assert_eq!(&a[14..15], "8");
        assert_eq!(
            a,
            receipt_id("513400", "LS-SI", "018f6d0e-7c1a-7b3e-9a55-2f1d3c4b5a69")
        );
        assert_ne!(
            a,
            receipt_id("513400", "LS-SJ", "018f6d0e-7c1a-7b3e-9a55-2f1d3c4b5a69")
        );
    }
}
