//! Ningbo's social-insurance agency signs a contact letter (联系函) to Liangshan and prints the
//! JWS to send, then checks it exactly as the receiving side will.
//!
//! ```text
//! cargo run -p labourlink --example sign_contact_letter
//! ```
//!
//! In production the key comes from a PKCS#8 PEM file (`SigningKey::from_pem`) or an HSM
//! through the `Signer` trait; the test seed below is published and must never be used.
#![allow(clippy::print_stdout)]

use labourlink::envelope::{Document, Party};
use labourlink::keys::SigningKey;
use labourlink::time::{SystemClock, Timestamp};
use labourlink::trust::{KeyRecord, TrustList};
use labourlink::verify::Verifier;

fn main() -> Result<(), labourlink::Error> {
    let clock = SystemClock;
    let key = SigningKey::from_seed(&[42; 32], "330200-si-2026a")?; // TEST KEY ONLY

    // The body: the catalogue's example contact letter (scheme 110, the person, the
    // application it answers). A real system fills in its own case data.
    let example =
        labourlink::schema::example("social_insurance.contact_letter").ok_or_else(|| {
            labourlink::Error::new(
                labourlink::ErrorCode::InputInvalid,
                "no example contact letter",
            )
        })?;
    let letter = Document::builder(
        "social_insurance.contact_letter",
        Party::new("330200", "12330200MB0K617093").named("宁波市社会保险管理局"),
        Party::new("513400", "12513400MB1F30256L").named("凉山州社会保险事业管理局"),
    )
    .case("330200-SI-2026-000123", "social_insurance.pension_transfer")
    .body(example["body"].clone())
    .build(&clock)?;
    // sign() refuses a document a verifier would refuse for its shape (floats, bad envelope).
    let jws = labourlink::sign(&letter.to_value(), &[&key])?;
    println!("{jws}");

    // What Liangshan's verifier does with it, given a trust list that lists Ningbo's key.
    let mut list = TrustList::new(1, Timestamp::from_unix_seconds(i64::MAX / 2));
    list.add_key(KeyRecord::new(
        key.kid(),
        "330200",
        "12330200MB0K617093",
        key.verifying_key(),
        Timestamp::from_unix_seconds(0),
        None,
        vec!["social_insurance.*".into(), "receipt".into()],
    ))?;
    let verifier = Verifier::builder()
        .trust_list(list)
        .region("513400")
        .build()?;
    let verified = verifier.verify(jws.as_bytes())?;
    eprintln!(
        "checked as the receiver will: {} {} (digest {})",
        verified.message_type(),
        verified.id(),
        verified.digest()
    );
    Ok(())
}
