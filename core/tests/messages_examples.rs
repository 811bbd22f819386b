//! Every example document of `schemas/examples/` through its Rust body type: the body
//! deserialises (unknown members refused) and serialises back to byte-identical canonical JSON,
//! the whole document rebuilt with [`messages::document`] is byte-identical too, and the signed
//! document reads back with `Verified::typed` — as its own type only.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use labourlink::TypedVerified as _;
use std::fmt::Debug;

use labourlink::envelope::Document;
use labourlink::keys::SigningKey;
use labourlink::messages::control::*;
use labourlink::messages::family_planning::*;
use labourlink::messages::receipt::*;
use labourlink::messages::reference_data::*;
use labourlink::messages::social_insurance::*;
use labourlink::messages::trust_list::*;
use labourlink::messages::worker_rights::*;
use labourlink::messages::worker_transfer::*;
use labourlink::messages::{self, MessageBody, MessageType};
use labourlink::time::FixedClock;
use labourlink::trust::{KeyRecord, TrustList};
use labourlink::{ErrorCode, Verified, Verifier, canonical};
use serde_json::{Map, Value, json};

fn example(t: MessageType) -> Value {
    let path = format!(
        "{}/../schemas/examples/{t}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    labourlink::json::parse_document(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Signs the document with a key of its sender and verifies it as its receiver would, with
/// the schema stage on.
fn sign_and_verify(document: &Value) -> Verified {
    let checked = Document::from_value(document).unwrap();
    let (from, to) = (&checked.document.from, &checked.document.to);
    let key = SigningKey::from_seed(&[9; 32], "example-key").unwrap();
    let mut list = TrustList::new(1, checked.issued_at.add_seconds(86_400));
    list.add_key(KeyRecord::new(
        "example-key",
        from.region.clone(),
        from.agency.clone(),
        key.verifying_key(),
        checked.issued_at.add_seconds(-86_400),
        None,
        vec!["*".into()],
    ))
    .unwrap();
    let verifier = Verifier::builder()
        .trust_list(list)
        .region(to.region.clone())
        .clock(FixedClock(checked.issued_at))
        .dangerous()
        .skip_rules()
        .done()
        .build()
        .unwrap();
    let jws = labourlink::sign(document, &[&key]).unwrap();
    verifier.verify(jws.as_bytes()).unwrap()
}

/// The first object nested in `v` (below the top level), if any.
fn nested_object(v: &mut Value) -> Option<&mut Map<String, Value>> {
    let children: Box<dyn Iterator<Item = &mut Value>> = match v {
        Value::Object(m) => Box::new(m.values_mut()),
        Value::Array(a) => Box::new(a.iter_mut()),
        _ => return None,
    };
    for child in children {
        if child.is_object() {
            return child.as_object_mut();
        }
        if let Some(found) = nested_object(child) {
            return Some(found);
        }
    }
    None
}

fn round_trip<T: MessageBody + PartialEq + Debug>() -> MessageType {
    let t = T::TYPE;
    let original = example(t);
    let checked = Document::from_value(&original).unwrap();
    let doc = &checked.document;
    assert_eq!(doc.message_type, t.as_str());

    // The body: into the Rust type and back, byte for byte in canonical form.
    let body = T::from_json(&doc.body).unwrap_or_else(|e| panic!("{t}: {e}"));
    let back = body.to_json().unwrap();
    assert_eq!(
        String::from_utf8(canonical::to_vec(&back)).unwrap(),
        String::from_utf8(canonical::to_vec(&doc.body)).unwrap(),
        "{t}: the body does not round-trip"
    );
    body.validate().unwrap_or_else(|e| panic!("{t}: {e}"));

    // The whole document, rebuilt from the envelope fields and the typed body.
    let mut builder = messages::document(&body, doc.from.clone(), doc.to.clone())
        .id(doc.id.clone())
        .schema_version(doc.schema_version.clone());
    if let Some(case) = &doc.case {
        builder = builder.case(case.id.clone(), case.case_type.clone());
    }
    if let Some(id) = &doc.in_reply_to {
        builder = builder.in_reply_to(id.clone());
    }
    if let Some(expires_at) = checked.expires_at {
        builder = builder.expires_at(expires_at);
    }
    let rebuilt = builder.build(&FixedClock(checked.issued_at)).unwrap();
    assert_eq!(
        canonical::to_vec(&rebuilt.to_value()),
        canonical::to_vec(&original),
        "{t}: the document does not round-trip"
    );

    // Unknown members are refused, at the top and further down.
    let mut extra = doc.body.clone();
    extra["unexpected"] = json!(1);
    let e = T::from_json(&extra).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::SchemaInvalid, Some("/body")),
        "{t}"
    );
    let mut extra = doc.body.clone();
    if let Some(inner) = nested_object(&mut extra) {
        inner.insert("unexpected".into(), json!(1));
        assert!(
            T::from_json(&extra).is_err(),
            "{t}: nested unknown member accepted"
        );
    }

    // Signed and verified, the body reads back as T, and only as T.
    let verified = sign_and_verify(&original);
    assert_eq!(verified.typed::<T>().unwrap(), body);
    let wrong = if t == MessageType::Receipt {
        verified.typed::<CaseClose>().map(|_| ())
    } else {
        verified.typed::<Receipt>().map(|_| ())
    };
    let e = wrong.unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::InputInvalid, Some("/type")),
        "{t}"
    );
    t
}

#[test]
fn every_example_round_trips_through_its_type() {
    let checked = [
        round_trip::<Receipt>(),
        round_trip::<TrustListBody>(),
        round_trip::<ReferenceDataBody>(),
        round_trip::<Reminder>(),
        round_trip::<ReminderReply>(),
        round_trip::<ClarificationRequest>(),
        round_trip::<ClarificationReply>(),
        round_trip::<Invalidate>(),
        round_trip::<Reject>(),
        round_trip::<CaseClose>(),
        round_trip::<CaseReopen>(),
        round_trip::<JobDemand>(),
        round_trip::<Roster>(),
        round_trip::<RosterReply>(),
        round_trip::<Arrival>(),
        round_trip::<InsuranceEnrolment>(),
        round_trip::<Retention>(),
        round_trip::<Separation>(),
        round_trip::<CertificateAttestation>(),
        round_trip::<Reconciliation>(),
        round_trip::<CooperationAgreement>(),
        round_trip::<ServiceAgreement>(),
        round_trip::<Certificate>(),
        round_trip::<ArrivalNotice>(),
        round_trip::<VerificationRequest>(),
        round_trip::<VerificationReply>(),
        round_trip::<BirthRegistrationNotice>(),
        round_trip::<ServiceNotice>(),
        round_trip::<BenefitNotice>(),
        round_trip::<ContributionCertificate>(),
        round_trip::<TransferApplication>(),
        round_trip::<ContactLetter>(),
        round_trip::<ApplicationRefusal>(),
        round_trip::<TransferInformation>(),
        round_trip::<FundTransfer>(),
        round_trip::<TransferCompletion>(),
        round_trip::<BenefitPlaceRequest>(),
        round_trip::<BenefitPlaceDecision>(),
        round_trip::<WageArrearsReferral>(),
        round_trip::<WageArrearsOutcome>(),
        round_trip::<WorkInjuryNotice>(),
        round_trip::<WorkInjuryDecision>(),
        round_trip::<DisputeReferral>(),
        round_trip::<DisputeOutcome>(),
    ];
    assert_eq!(checked, MessageType::ALL, "one example per message type");
}

#[test]
fn a_body_of_the_wrong_shape_is_schema_invalid_with_its_pointer() {
    let mut body = example(MessageType::SocialInsuranceFundTransfer)["body"].clone();
    body["amount_fen"] = json!("7040057");
    let e = FundTransfer::from_json(&body).unwrap_err();
    assert_eq!(e.code(), ErrorCode::SchemaInvalid);
    assert_eq!(e.path(), Some("/body/amount_fen"), "{e}");
    assert!(!e.message().contains("7040057"), "the value is quoted: {e}");
    body.as_object_mut().unwrap().remove("amount_fen");
    let e = FundTransfer::from_json(&body).unwrap_err();
    assert!(e.message().contains("amount_fen"), "{e}");
    assert_eq!(e.path(), Some("/body"), "{e}");
    assert_eq!(e.violations().len(), 1, "{:?}", e.violations());
}
