//! Regression tests for the adversarial review (issue "Security: replay windows, co-signers,
//! receipt binding, backdating, amplification"): the library's default verifier, and the
//! findings that are not observable from a single conformance vector.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use labourlink::envelope::{Document, Party};
use labourlink::keys::SigningKey;
use labourlink::time::{FixedClock, Timestamp};
use labourlink::trust::{Anchor, KeyRecord, TrustList};
use labourlink::verify::Verifier;
use labourlink::{ErrorCode, sign};
use serde_json::json;

fn t(s: &str) -> Timestamp {
    Timestamp::parse(s).unwrap()
}

const NOW: &str = "2026-10-16T04:00:00Z";

/// Ningbo's social-insurance agency (as in the catalogue examples) and a Liangshan verifier.
fn setup() -> (SigningKey, TrustList) {
    let nb = SigningKey::from_seed(&[9; 32], "330200-si-2026a").unwrap();
    let mut list = TrustList::new(1, t("2027-01-01T00:00:00Z"));
    list.add_key(KeyRecord::new(
        nb.kid(),
        "330200",
        "12330200MB0K617093",
        nb.verifying_key(),
        t("2026-01-01T00:00:00Z"),
        None,
        vec!["social_insurance.*".into(), "receipt".into()],
    ))
    .unwrap();
    (nb, list)
}

fn example_letter(edit: impl FnOnce(&mut serde_json::Value)) -> serde_json::Value {
    let mut doc = labourlink::schema::example("social_insurance.contact_letter").unwrap();
    edit(&mut doc);
    doc
}

fn default_verifier(list: TrustList) -> Verifier {
    Verifier::builder()
        .trust_list(list)
        .region("513400")
        .clock(FixedClock(t(NOW)))
        .build()
        .unwrap()
}

#[test]
fn the_default_verifier_runs_schema_rules_and_replay() {
    let (nb, list) = setup();
    let v = default_verifier(list);
    assert_eq!(v.stages(), (true, true, true));
    assert_eq!(v.custom_stages(), (false, false));
    // A valid letter is accepted once; its redelivery is a duplicate.
    let good = sign(&example_letter(|_| {}), &[&nb]).unwrap();
    v.verify(good.as_bytes()).unwrap();
    assert_eq!(
        v.verify(good.as_bytes()).unwrap_err().code(),
        ErrorCode::ReplayDuplicate
    );
    // A body that breaks its schema.
    let bad_schema = sign(
        &example_letter(|d| {
            d["id"] = json!("01a1340f-9980-7f57-9108-b4def719f1a1");
            d["body"] = json!({"scheme": "110"});
        }),
        &[&nb],
    )
    .unwrap();
    let e = v.verify(bad_schema.as_bytes()).unwrap_err();
    assert_eq!(e.code(), ErrorCode::SchemaInvalid);
    // A business rule: a citizen ID whose check character is wrong.
    let bad_rule = sign(
        &example_letter(|d| {
            d["id"] = json!("01a1340f-9980-7f57-9108-b4def719f1a2");
            let id = d["body"]["person"]["citizen_id"]
                .as_str()
                .unwrap()
                .to_owned();
            let last = if id.ends_with('0') { "1" } else { "0" };
            d["body"]["person"]["citizen_id"] = json!(format!("{}{last}", &id[..17]));
        }),
        &[&nb],
    )
    .unwrap();
    let e = v.verify(bad_rule.as_bytes()).unwrap_err();
    assert_eq!(e.code(), ErrorCode::RuleViolation, "{e}");
    assert!(e.violations().iter().any(|x| x.code.starts_with("rule.")));
}

#[test]
fn batch_duplicates_are_decided_in_input_order() {
    let (nb, list) = setup();
    let a = sign(&example_letter(|_| {}), &[&nb]).unwrap();
    let conflict = sign(
        &example_letter(|d| {
            let at = d["issued_at"].as_str().unwrap().replace(":00Z", ":01Z");
            d["issued_at"] = json!(at);
        }),
        &[&nb],
    )
    .unwrap();
    for threads in [1, 2, 4] {
        let v = default_verifier(list.clone());
        let inputs = vec![a.clone(), conflict.clone(), a.clone(), a.clone()];
        let mut codes = Vec::new();
        v.verify_many(inputs, threads, |i, r| {
            codes.push((i, r.err().map(|e| e.code())));
        });
        assert_eq!(
            codes,
            [
                (0, None),
                (1, Some(ErrorCode::ReplayConflict)),
                (2, Some(ErrorCode::ReplayDuplicate)),
                (3, Some(ErrorCode::ReplayDuplicate)),
            ],
            "threads {threads}"
        );
    }
}

#[test]
fn a_value_nested_deeper_than_the_stack_is_refused_not_a_crash() {
    // Built in code, 100 000 levels: no parser allows that, but sign, validate and
    // Document::from_value walk what they are given.
    let (nb, _) = setup();
    let mut deep = json!(1);
    for _ in 0..100_000 {
        deep = serde_json::Value::Array(vec![deep]);
    }
    let doc = example_letter(|d| d["body"]["x"] = std::mem::take(&mut deep));
    assert_eq!(
        sign(&doc, &[&nb]).unwrap_err().code(),
        ErrorCode::JsonTooDeep
    );
    let report = labourlink::validate::validate(&doc);
    assert!(
        report.findings.iter().any(|f| f.code() == "json.too_deep"),
        "{}",
        report.to_json()
    );
    assert_eq!(
        Document::from_value(&doc).err().map(|e| e.code()),
        Some(ErrorCode::JsonTooDeep)
    );
    // Taken apart without recursion (dropping it whole would overflow this test's stack).
    let mut doc = doc;
    let mut v = doc["body"]["x"].take();
    while let serde_json::Value::Array(mut a) = v {
        v = a.pop().unwrap_or_default();
    }
}

/// A rules stage that panics on the message whose id ends in `...0000000000ff`.
struct PanicsOnOne;

impl labourlink::verify::Stage for PanicsOnOne {
    fn check(&self, document: &Document) -> labourlink::Result<Vec<labourlink::Violation>> {
        assert!(
            !document.id.ends_with("0000000000ff"),
            "a region's stage broke"
        );
        Ok(Vec::new())
    }
}

#[test]
fn a_stage_that_panics_in_a_batch_reaches_the_caller_instead_of_hanging() {
    let (nb, list) = setup();
    let inputs: Vec<String> = (0..400_u32)
        .map(|i| {
            let letter = example_letter(|d| {
                d["id"] = json!(format!("01a21c04-b400-7000-8000-{i:012x}"));
            });
            sign(&letter, &[&nb]).unwrap()
        })
        .collect();
    for threads in [1, 2, 4] {
        for many_map in [false, true] {
            let verifier = Verifier::builder()
                .trust_list(list.clone())
                .region("513400")
                .clock(FixedClock(t(NOW)))
                .dangerous()
                .custom_rules_stage(std::sync::Arc::new(PanicsOnOne))
                .done()
                .build()
                .unwrap();
            let inputs = inputs.clone();
            // On its own thread, so that a hang fails the test instead of holding it.
            let (tx, rx) = std::sync::mpsc::channel();
            std::thread::spawn(move || {
                let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    let mut seen = 0usize;
                    if many_map {
                        verifier.verify_many_map(
                            inputs.iter(),
                            threads,
                            |_, r| r.is_ok(),
                            |_, _| {
                                seen += 1;
                            },
                        );
                    } else {
                        verifier.verify_many(inputs.iter(), threads, |_, _| seen += 1);
                    }
                    seen
                }));
                let _ = tx.send(run.is_err());
            });
            let panicked = rx
                .recv_timeout(std::time::Duration::from_secs(120))
                .unwrap_or_else(|_| panic!("threads {threads}: the batch hung"));
            assert!(
                panicked,
                "threads {threads}: the stage's panic reached the caller"
            );
        }
    }
}

#[test]
fn batch_map_decides_duplicates_in_input_order_across_chunks() {
    // Repeats of one message spread over several chunks of 16: whichever worker gets there
    // first, the first line is accepted and every later one is a duplicate, with the results
    // of verify_many_map equal to those of verify_many.
    let (nb, list) = setup();
    let a = sign(&example_letter(|_| {}), &[&nb]).unwrap();
    let inputs: Vec<String> = (0..120_u32)
        .map(|i| {
            if i % 17 == 5 {
                return a.clone();
            }
            let letter = example_letter(|d| {
                d["id"] = json!(format!("01a21c04-b400-7000-8000-{i:012x}"));
            });
            sign(&letter, &[&nb]).unwrap()
        })
        .collect();
    for threads in [1, 2, 4] {
        let mut plain = Vec::new();
        default_verifier(list.clone()).verify_many(inputs.iter(), threads, |i, r| {
            plain.push((i, r.err().map(|e| e.code())));
        });
        let mut mapped = Vec::new();
        default_verifier(list.clone()).verify_many_map(
            inputs.iter(),
            threads,
            |_, r| r.err().map(|e| e.code()),
            |i, code| mapped.push((i, code)),
        );
        assert_eq!(mapped, plain, "threads {threads}");
        for (i, code) in mapped {
            let want = match i {
                5 => None,
                i if i % 17 == 5 => Some(ErrorCode::ReplayDuplicate),
                _ => None,
            };
            assert_eq!(code, want, "line {i}, threads {threads}");
        }
    }
}

#[test]
fn schema_violations_are_capped() {
    // An unsigned 1.2 MB roster with one violation per item: at most 100 reported, then
    // schema.truncated — and validation stops there.
    let mut doc = labourlink::schema::example("worker_transfer.roster").unwrap();
    doc["body"]["workers"] = json!(vec![json!({"line": 0}); 4_000]);
    let report = labourlink::validate::validate(&doc);
    let codes: Vec<&str> = report.findings.iter().map(|f| f.code()).collect();
    assert_eq!(codes.len(), 101, "{codes:?}");
    assert_eq!(codes[100], "schema.truncated");
}

/// The trust anchor of the trust-store tests: its key, the pinned anchors, the clock and its
/// party.
fn anchor_setup() -> (SigningKey, Vec<Anchor>, FixedClock, Party) {
    let anchor = SigningKey::from_seed(&[3; 32], "330200-anchor").unwrap();
    let anchors = vec![Anchor::new(anchor.kid(), anchor.verifying_key())];
    (
        anchor,
        anchors,
        FixedClock(t(NOW)),
        Party::new("330200", "NB-ANCHOR"),
    )
}

#[test]
fn trust_store_keeps_a_revoked_key_revoked_and_an_in_memory_sequence_final() {
    let (anchor, anchors, clock, issuer) = anchor_setup();
    let (nb, mut list) = setup();
    // A list built in memory: a signed list of the same sequence cannot be shown to be the
    // same, so it is a rollback.
    let store = labourlink::trust::TrustStore::new(anchors.clone(), list.clone(), 0);
    let same = list.sign(&anchor, issuer.clone(), &clock).unwrap();
    let e = store.update(same.as_bytes(), &clock).unwrap_err();
    assert_eq!(e.code(), ErrorCode::TrustListRollback, "{e}");
    // Sequence 2 revokes the key; a message it signed no longer verifies.
    list.revoke(nb.kid(), t("2026-10-01T00:00:00Z")).unwrap();
    let mut revoked = TrustList::new(2, t("2027-01-01T00:00:00Z"));
    revoked.add_key(list.keys()[0].clone()).unwrap();
    let jws = revoked.sign(&anchor, issuer.clone(), &clock).unwrap();
    store.update(jws.as_bytes(), &clock).unwrap();
    // Sequence 3, drafted from a copy made before the revocation: refused, so the key stays
    // revoked for the verifier.
    let (_, before) = setup();
    let mut undone = TrustList::new(3, t("2027-01-01T00:00:00Z"));
    undone.add_key(before.keys()[0].clone()).unwrap();
    let jws = undone.sign(&anchor, issuer.clone(), &clock).unwrap();
    // check_update (what a node asks before its durable store records a list) refuses
    // what update refuses, and changes nothing.
    let loaded = TrustList::load(jws.as_bytes(), &anchors, &clock, 0).unwrap();
    let e = store.check_update(&loaded).unwrap_err();
    assert_eq!(e.code(), ErrorCode::TrustListRevocationUndone, "{e}");
    let e = store.update(jws.as_bytes(), &clock).unwrap_err();
    assert_eq!(e.code(), ErrorCode::TrustListRevocationUndone, "{e}");
    assert_eq!(e.path(), Some("/body/keys/0"));
    assert_eq!(store.current().sequence, 2);
    // The same public key under a new key id: refused too.
    let mut renamed = TrustList::new(3, t("2027-01-01T00:00:00Z"));
    let mut rec = before.keys()[0].clone();
    rec.kid = "330200-si-2026z".into();
    renamed.add_key(rec).unwrap();
    let jws = renamed.sign(&anchor, issuer.clone(), &clock).unwrap();
    let e = store.update(jws.as_bytes(), &clock).unwrap_err();
    assert_eq!(e.code(), ErrorCode::TrustListRevocationUndone, "{e}");
    // Left out (an empty list): refused too — otherwise sequence 4 could list the key as
    // active against a sequence 3 that no longer knows it was revoked.
    let empty = TrustList::new(3, t("2027-01-01T00:00:00Z"));
    let jws = empty.sign(&anchor, issuer.clone(), &clock).unwrap();
    let e = store.update(jws.as_bytes(), &clock).unwrap_err();
    assert_eq!(e.code(), ErrorCode::TrustListRevocationUndone, "{e}");
    assert_eq!(e.path(), Some("/body/keys"));
    // Kept revoked: taken.
    let mut kept = TrustList::new(3, t("2027-01-01T00:00:00Z"));
    kept.add_key(list.keys()[0].clone()).unwrap();
    let jws = kept.sign(&anchor, issuer.clone(), &clock).unwrap();
    let loaded = TrustList::load(jws.as_bytes(), &anchors, &clock, 0).unwrap();
    store.check_update(&loaded).unwrap();
    assert_eq!(store.current().sequence, 2, "check_update takes nothing");
    store.update(jws.as_bytes(), &clock).unwrap();
    assert_eq!(store.current().sequence, 3);
    store.check_update(&loaded).unwrap();
    let verifier = Verifier::builder()
        .trust_store(std::sync::Arc::new(store))
        .region("513400")
        .build()
        .unwrap();
    let msg = sign(&example_letter(|_| {}), &[&nb]).unwrap();
    let e = verifier.verify_at(msg.as_bytes(), t(NOW)).unwrap_err();
    assert_eq!(e.code(), ErrorCode::KeyRevoked, "{e}");
}

#[test]
fn trust_store_refuses_a_rebound_kid_and_lint_finds_the_anchor_key() {
    let (anchor, anchors, clock, issuer) = anchor_setup();
    let (nb, list) = setup();
    let store = labourlink::trust::TrustStore::new(anchors.clone(), list.clone(), 0);
    // Sequence 2 binds the same kid to another key.
    let other = SigningKey::from_seed(&[4; 32], nb.kid()).unwrap();
    let mut next = TrustList::new(2, t("2027-01-01T00:00:00Z"));
    let mut rec = list.keys()[0].clone();
    rec.key = other.verifying_key();
    next.add_key(rec).unwrap();
    let jws = next.sign(&anchor, issuer, &clock).unwrap();
    assert_eq!(
        store.update(jws.as_bytes(), &clock).unwrap_err().code(),
        ErrorCode::TrustListKeyRebound
    );
    // The anchor's own key listed as a partner key is an error finding.
    let mut bad = TrustList::new(3, t("2027-01-01T00:00:00Z"));
    bad.add_key(KeyRecord::new(
        "330200-x",
        "330200",
        "NB-SI",
        anchor.verifying_key(),
        t("2026-01-01T00:00:00Z"),
        None,
        vec!["receipt".into()],
    ))
    .unwrap();
    let findings = bad.lint(&anchors);
    assert!(
        findings
            .iter()
            .any(|f| f.is_error() && f.path() == "/body/keys/0/jwk")
    );
    // The same key under a second kid is refused when added.
    let mut dup = list.clone();
    let e = dup
        .add_key(KeyRecord::new(
            "330200-si-2026b",
            "330200",
            "NB-HR",
            nb.verifying_key(),
            t("2026-01-01T00:00:00Z"),
            None,
            vec!["receipt".into()],
        ))
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::TrustListInvalid);
}

#[test]
fn unknown_kids_are_escaped_in_error_text() {
    let (nb, list) = setup();
    let v = default_verifier(list);
    let evil = SigningKey::from_seed(&[5; 32], "x\nverified: accepted\u{202e}").unwrap();
    let doc: Document = Document::from_value(&example_letter(|_| {}))
        .unwrap()
        .document;
    let _ = nb;
    let jws = sign(&doc.to_value(), &[&evil]).unwrap();
    let e = v.verify(jws.as_bytes()).unwrap_err();
    assert_eq!(e.code(), ErrorCode::KeyUnknown);
    let text = e.to_string();
    assert!(!text.contains('\n') && !text.contains('\u{202e}'), "{text}");
}

#[test]
fn long_arrays_are_checked_in_windows_with_real_indices() {
    let mut doc = labourlink::schema::example("worker_transfer.roster").unwrap();
    let w = doc["body"]["workers"][0].clone();
    let mut items: Vec<serde_json::Value> = (0..5001)
        .map(|i| {
            let mut x = w.clone();
            x["line"] = json!(i + 1);
            x
        })
        .collect();
    doc["body"]["workers"] = json!(items.clone());
    // Only the array itself is wrong (maxItems 5000): found although every window is valid.
    let e = labourlink::schema::validate_body("worker_transfer.roster", &doc["body"]).unwrap_err();
    let paths: Vec<&str> = e.violations().iter().map(|v| v.path.as_str()).collect();
    assert_eq!(paths, ["/body/workers"]);
    // One bad item deep in the array is reported at its real index.
    items.truncate(4500);
    items[4321]["line"] = json!(0);
    doc["body"]["workers"] = json!(items);
    let e = labourlink::schema::validate_body("worker_transfer.roster", &doc["body"]).unwrap_err();
    let paths: Vec<&str> = e.violations().iter().map(|v| v.path.as_str()).collect();
    assert_eq!(paths, ["/body/workers/4321/line"]);
}

/// Code in place of a stage goes through `dangerous()` and the verifier says so; the
/// catalogue's own rules with other parameters or reference data are a profile, not custom
/// code, and a profile set after `skip_rules` does not bring the skipped stage back.
/// A stage of the application's own that accepts every body.
struct AcceptsAll;
impl labourlink::verify::Stage for AcceptsAll {
    fn check(
        &self,
        _: &labourlink::envelope::Document,
    ) -> labourlink::Result<Vec<labourlink::Violation>> {
        Ok(Vec::new())
    }
}

#[test]
fn custom_stages_are_dangerous_and_visible_profiles_are_not() {
    let (nb, list) = setup();
    let builder = || {
        Verifier::builder()
            .trust_list(list.clone())
            .region("513400")
            .clock(FixedClock(t(NOW)))
    };
    let custom = builder()
        .dangerous()
        .custom_schema_stage(std::sync::Arc::new(AcceptsAll))
        .done()
        .build()
        .unwrap();
    assert_eq!(custom.stages(), (true, true, true));
    assert_eq!(custom.custom_stages(), (true, false));
    assert!(format!("{custom:?}").contains("custom_schema: true"));
    // The custom stage runs instead of the schema: a body the schema refuses is accepted
    // (which is why it sits behind dangerous()); the default verifier refuses it.
    let bad_schema = sign(
        &example_letter(|d| d["body"] = json!({"scheme": "110"})),
        &[&nb],
    )
    .unwrap();
    custom.verify(bad_schema.as_bytes()).unwrap();
    let e = default_verifier(list.clone())
        .verify(bad_schema.as_bytes())
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::SchemaInvalid, "{e}");
    // The catalogue's rules with a fixed reference date: the profile's own stage.
    let rules = labourlink::rules::RulesStage::default().with_reference_date(
        labourlink::rules::stage::ReferenceDate::Fixed(
            labourlink::rules::Date::new(2026, 12, 1).unwrap(),
        ),
    );
    let own = builder()
        .profile(labourlink::Catalogue::with_rules(rules.clone()))
        .build()
        .unwrap();
    assert_eq!(own.stages(), (true, true, true));
    assert_eq!(own.custom_stages(), (false, false));
    let skipped = builder()
        .dangerous()
        .skip_rules()
        .done()
        .profile(labourlink::Catalogue::with_rules(rules))
        .build()
        .unwrap();
    assert_eq!(skipped.stages(), (true, false, true));
    assert_eq!(skipped.custom_stages(), (false, false));
}

/// A profile of the application's own (its own long-lived types and stages) is code of its
/// own like a custom stage: refused by build() unless accepted through
/// dangerous().custom_profile(), and reported by custom_stages() (it was built without
/// dangerous() and reported (false, false), with no maximum age for any type).
#[test]
fn a_profile_of_your_own_is_dangerous_and_visible() {
    struct Lenient;
    impl labourlink::verify::Profile for Lenient {
        fn is_long_lived(&self, _: &str) -> bool {
            true
        }
        fn schema_stage(&self) -> Option<std::sync::Arc<dyn labourlink::verify::Stage>> {
            Some(std::sync::Arc::new(AcceptsAll))
        }
    }
    type Own = labourlink_protocol::verify::Verifier<Lenient>;
    let (_, list) = setup();
    let e = Own::builder_with(Lenient)
        .trust_list(list.clone())
        .region("513400")
        .build()
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::InputInvalid, "{e}");
    assert!(e.message().contains("dangerous().custom_profile()"), "{e}");
    let own = Own::builder_with(Lenient)
        .trust_list(list)
        .region("513400")
        .dangerous()
        .custom_profile()
        .done()
        .build()
        .unwrap();
    assert_eq!(own.custom_stages(), (true, false));
    assert_eq!(own.stages(), (true, false, true));
}

/// LL-REPLY-008: a reply is not issued before the message it answers. The holder of a receipt
/// key retired since the message was sent signs a receipt for it dated before the retirement:
/// the key checks alone judge the key at that date and took the receipt (the sender's outbox
/// then marked a message delivered that no inbox had received). A receipt dated now is
/// `key.retired`, as before.
#[test]
fn a_retired_key_cannot_backdate_a_receipt_for_a_newer_message() {
    let (nb, mut list) = setup();
    let ls = SigningKey::from_seed(&[8; 32], "513400-si-2026a").unwrap();
    list.add_key(KeyRecord::new(
        ls.kid(),
        "513400",
        "12513400MB1F30256L",
        ls.verifying_key(),
        t("2026-01-01T00:00:00Z"),
        None,
        vec!["receipt".into()],
    ))
    .unwrap();
    list.retire(ls.kid(), t("2026-10-15T00:00:00Z")).unwrap();
    // Ningbo's letter to Liangshan, sent after the retirement, as Liangshan verified it.
    let letter = sign(&example_letter(|_| {}), &[&nb]).unwrap();
    let earlier = default_verifier(list.clone())
        .verify(letter.as_bytes())
        .unwrap();
    let receipt = |issued_at: &str| {
        let mut r = labourlink::schema::example("receipt").unwrap();
        r["from"] = json!({"region": "513400", "agency": "12513400MB1F30256L", "name": "凉山州社会保险事业管理局"});
        r["to"] = serde_json::to_value(&earlier.document().from).unwrap();
        r["case"] =
            json!({"id": "330200-SI-2026-000123", "type": "social_insurance.pension_transfer"});
        r["in_reply_to"] = json!(earlier.document().id);
        r["issued_at"] = json!(issued_at);
        r["body"] = json!({
            "received_id": earlier.document().id,
            "received_digest": earlier.digest(),
            "received_type": earlier.document().message_type,
            "received_at": issued_at,
            "status": "accepted",
        });
        sign(&r, &[&ls]).unwrap()
    };
    let ningbo = Verifier::builder()
        .trust_list(list)
        .region("330200")
        .clock(FixedClock(t(NOW)))
        .build()
        .unwrap();
    let backdated = receipt("2026-10-14T00:00:00Z");
    let e = ningbo
        .verify_reply_to(backdated.as_bytes(), earlier.document(), earlier.digest())
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::EnvelopeUnexpectedReply, "{e}");
    assert_eq!(e.path(), Some("/issued_at"));
    let current = receipt("2026-10-16T03:55:00Z");
    let e = ningbo
        .verify_reply_to(current.as_bytes(), earlier.document(), earlier.digest())
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::KeyRetired, "{e}");
}
