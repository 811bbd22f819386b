//! The generated vectors and trust lists: defined here, written by `regen`, checked in CI.
//!
//! Everything is deterministic: Ed25519 keys from fixed seeds, fixed message ids, fixed clocks.

use std::path::Path;

use serde_json::{Value, json};

use crate::util::{hex, read_text, unhex};

/// The instant most vectors verify at.
pub const NOW: &str = "2026-11-27T08:00:00Z";
/// The id of most documents.
pub const DOC_ID: &str = "01a21c04-b400-7000-8000-000000000001";

/// A vector to generate: everything but `expected` and `intermediate`, which `regen` computes.
#[derive(Debug, Clone)]
pub struct Spec {
    /// File `vectors/<area>/<id>.json`.
    pub id: String,
    /// Area.
    pub area: &'static str,
    /// Kind.
    pub kind: &'static str,
    /// What it checks.
    pub description: String,
    /// Requirement ids.
    pub requirements: Vec<&'static str>,
    /// A message recipe (verify) that `regen` materialises into `input.message`.
    pub recipe: Option<Value>,
    /// The input (without the message for recipes).
    pub input: Value,
    /// For canonicalize vectors from reference data: the expected result, which the core must
    /// reproduce.
    pub expected: Option<Value>,
    /// For verify vectors: must the message be accepted (a generator bug otherwise)? For
    /// validate vectors: must the document be valid?
    pub must_accept: bool,
    /// For reply vectors: the recipe of the earlier message (`input.earlier`).
    pub earlier: Option<Value>,
}

/// A trust list to generate into `keys/trust-lists/<name>.jws`.
#[derive(Debug, Clone)]
pub struct TrustListSpec {
    /// File name without extension.
    pub name: &'static str,
    /// What it is for.
    pub description: &'static str,
    /// The recipe (a trust-list document signed by the anchor).
    pub recipe: Value,
}

/// The document most verify vectors start from: a Liangshan → Ningbo contact letter.
#[must_use]
pub fn doc(message_type: &str, issued_at: &str) -> Value {
    json!({
        "spec": "labourlink/1", "type": message_type, "schema_version": "1.0",
        "id": DOC_ID,
        "case": {"id": "330200-SI-2026-000123", "type": "social_insurance.pension_transfer"},
        "from": {"region": "513400", "agency": "LS-SI", "name": "凉山州社会保险事业管理局"},
        "to": {"region": "330200", "agency": "NB-SI", "name": "宁波市社会保险管理局"},
        "issued_at": issued_at,
        "body": {"person": {"name": "阿苏拉则"}, "total_fen": 1_234_567}
    })
}

fn record(key: &str, kid: &str, region: &str, agency: &str, alg: &str) -> Value {
    json!({"kid": kid, "region": region, "agency": agency, "alg": alg,
           "jwk": {"$jwk": key}, "valid_from": "2026-01-01T00:00:00Z", "status": "active"})
}

/// The key records of the standard trust lists.
#[must_use]
pub fn standard_records() -> Vec<Value> {
    let mut ls = record("liangshan", "513400-si-2026a", "513400", "LS-SI", "Ed25519");
    ls["valid_until"] = "2027-12-31T00:00:00Z".into();
    ls["message_types"] = json!(["social_insurance.*", "receipt"]);
    let mut nb = record("ningbo", "330200-si-2026a", "330200", "NB-SI", "Ed25519");
    nb["message_types"] = json!(["*"]);
    let mut qx = record("qianxinan", "522300-hr-2026a", "522300", "QXN-HR", "ES256");
    qx["message_types"] = json!(["worker_transfer.*"]);
    vec![ls, nb, qx]
}

/// The standard records plus Liangshan's SM2 key (`trust-lists/sm2.jws`).
#[must_use]
pub fn sm2_records() -> Vec<Value> {
    let mut records = standard_records();
    let mut sm2 = record(
        "liangshan-sm2",
        "513400-si-sm2a",
        "513400",
        "LS-SI",
        "SM2SM3",
    );
    sm2["message_types"] = json!(["social_insurance.*", "receipt"]);
    records.push(sm2);
    records
}

/// A trust-list document (issued by the anchor party, at a fixed instant, with a fixed id).
#[must_use]
pub fn trust_list_doc(n: u32, sequence: u64, next_update: &str, keys: Vec<Value>) -> Value {
    let anchor =
        json!({"region": "330200", "agency": "NB-ANCHOR", "name": "Ningbo trust anchor (TEST)"});
    json!({
        "spec": "labourlink/1", "type": "trust_list", "schema_version": "1.0",
        "id": format!("01a2a0b0-0000-7000-8000-{n:012}"),
        "from": anchor, "to": anchor,
        "issued_at": "2026-01-01T00:00:00Z",
        "body": {"sequence": sequence, "next_update": next_update, "keys": keys}
    })
}

fn anchor_signed(payload: Value) -> Value {
    json!({"payload": payload, "signers": [{"key": "anchor"}]})
}

/// The trust lists in `keys/trust-lists/`.
#[must_use]
pub fn trust_lists() -> Vec<TrustListSpec> {
    let std = standard_records;
    let mut variant = std();
    variant[1]["message_types"] = json!(["receipt", "control.*"]);
    let mut retired = std();
    retired[0]["status"] = "retired".into();
    retired[0]["status_since"] = "2026-11-01T00:00:00Z".into();
    let mut revoked = std();
    revoked[0]["status"] = "revoked".into();
    revoked[0]["status_since"] = "2026-11-01T00:00:00Z".into();
    vec![
        TrustListSpec {
            name: "main",
            description: "sequence 5, next_update 2026-12-27: Liangshan, Ningbo, Qianxinan (ES256), all active",
            recipe: anchor_signed(trust_list_doc(1, 5, "2026-12-27T00:00:00Z", std())),
        },
        TrustListSpec {
            name: "older",
            description: "sequence 4 with the keys of main: loading it after main is a rollback",
            recipe: anchor_signed(trust_list_doc(2, 4, "2026-12-27T00:00:00Z", std())),
        },
        TrustListSpec {
            name: "variant",
            description: "sequence 5 like main but with other content (Ningbo's types): a rollback after main",
            recipe: anchor_signed(trust_list_doc(3, 5, "2026-12-27T00:00:00Z", variant)),
        },
        TrustListSpec {
            name: "retired",
            description: "sequence 6: Liangshan's key retired since 2026-11-01",
            recipe: anchor_signed(trust_list_doc(4, 6, "2026-12-27T00:00:00Z", retired)),
        },
        TrustListSpec {
            name: "revoked",
            description: "sequence 7: Liangshan's key revoked since 2026-11-01",
            recipe: anchor_signed(trust_list_doc(5, 7, "2026-12-27T00:00:00Z", revoked)),
        },
        TrustListSpec {
            name: "catalogue",
            description: "sequence 9, next_update 2026-12-27: the parties of schemas/examples under their USCC agency codes (schema, rule and reply vectors)",
            recipe: anchor_signed(trust_list_doc(
                9,
                9,
                "2026-12-27T00:00:00Z",
                catalogue_records(),
            )),
        },
        TrustListSpec {
            name: "sm2",
            description: "sequence 5, next_update 2026-12-27: the keys of main plus Liangshan's SM2 key (SM2SM3, 513400-si-sm2a)",
            recipe: anchor_signed(trust_list_doc(7, 5, "2026-12-27T00:00:00Z", sm2_records())),
        },
        TrustListSpec {
            name: "long",
            description: "sequence 8, next_update 2046-12-31: for verifying long after signing",
            recipe: anchor_signed(trust_list_doc(6, 8, "2046-12-31T00:00:00Z", std())),
        },
    ]
}

/// The message types a medical-insurance agency (医疗保障局 / 医保经办机构) of the catalogue trust
/// list may sign: those of the medical transfer case (`social_insurance.medical_transfer`).
pub const MEDICAL_TRANSFER_TYPES: &[&str] = &[
    "social_insurance.contribution_certificate",
    "social_insurance.transfer_application",
    "social_insurance.contact_letter",
    "social_insurance.application_refusal",
    "social_insurance.transfer_information",
    "social_insurance.fund_transfer",
    "social_insurance.transfer_completion",
];

/// The trust list of the catalogue vectors (`schema`, `rule`, `reply`): the parties of the
/// examples in `schemas/examples/`, each allowed its domain, `control.*` and `receipt`, and the
/// medical-insurance agencies of the medical transfer vectors, allowed the medical-transfer types.
#[must_use]
pub fn catalogue_records() -> Vec<Value> {
    crate::keys::KEY_DEFS
        .iter()
        .filter(|d| d.kid.ends_with("-cat"))
        .map(|d| {
            let mut r = record(d.name, d.kid, d.region, d.agency, d.alg);
            let domain = match d.name {
                "nb-si" | "ls-si" => "social_insurance.*",
                "nb-wj" | "qxn-wj" => "family_planning.*",
                _ => "worker_transfer.*",
            };
            r["message_types"] = match d.name {
                "xc-school" => json!(["worker_transfer.certificate_attestation"]),
                // Medical-insurance agencies: the types of the medical transfer procedure
                // (医保办发〔2021〕43号 and the 2016 procedure with its 联系函), named one by one.
                "nb-yb" | "ls-yb" => json!(
                    MEDICAL_TRANSFER_TYPES
                        .iter()
                        .copied()
                        .chain(["control.*", "receipt"])
                        .collect::<Vec<_>>()
                ),
                // HRSS bureaus (labour inspection, 劳务协作站): worker transfer and the
                // worker-rights cases (wage arrears, work injury, labour disputes).
                "nb-hr" | "ls-hr" => json!([domain, "worker_rights.*", "control.*", "receipt"]),
                _ => json!([domain, "control.*", "receipt"]),
            };
            r
        })
        .collect()
}

/// The message types of the catalogue, in file order of `schemas/examples/`.
#[must_use]
pub fn catalogue_types() -> Vec<&'static str> {
    let mut t: Vec<&'static str> = labourlink::envelope::MESSAGE_TYPES.to_vec();
    t.sort_unstable();
    t
}

/// The generated `validate` vectors: every example of `schemas/examples/` is valid (no error
/// finding).
#[must_use]
pub fn example_specs() -> Vec<Spec> {
    catalogue_types()
        .into_iter()
        .filter_map(|t| {
            let document = labourlink::schema::example(t)?;
            Some(Spec {
                id: format!("example-{t}"),
                area: "schema",
                kind: "validate",
                description: format!(
                    "The catalogue's example {t} (schemas/examples/{t}.json) conforms to its schema and breaks no business rule"
                ),
                requirements: vec!["LL-SCHEMA-001", "LL-SCHEMA-005"],
                recipe: None,
                input: json!({"document": document}),
                expected: None,
                must_accept: true,
                earlier: None,
            })
        })
        .collect()
}

/// The signer (test key name) of an example document: the key of its `from` party.
#[must_use]
pub fn example_signer(message_type: &str) -> Option<&'static str> {
    let doc = labourlink::schema::example(message_type)?;
    let region = doc.pointer("/from/region")?.as_str()?;
    let agency = doc.pointer("/from/agency")?.as_str()?;
    crate::keys::key_for_party(region, agency).map(|d| d.name)
}

/// The context of a catalogue vector: the receiver of `message_type`'s example verifies it an
/// hour after it was issued, with the given `stages`.
#[must_use]
pub fn catalogue_ctx(message_type: &str, stages: Value) -> Value {
    let doc = labourlink::schema::example(message_type).unwrap_or_default();
    let issued = doc
        .get("issued_at")
        .and_then(Value::as_str)
        .and_then(|t| labourlink::time::Timestamp::parse(t).ok());
    let now = issued.map_or_else(|| NOW.to_owned(), |t| t.add_seconds(3600).to_string());
    json!({"now": now, "region": doc.pointer("/to/region").cloned().unwrap_or_default(),
           "anchors": ["330200-anchor-2026"], "stages": stages})
}

/// The recipe of an example signed by its sender.
#[must_use]
pub fn example_recipe(message_type: &str) -> Value {
    json!({"payload": {"$example": message_type},
           "signers": [{"key": example_signer(message_type).unwrap_or("ningbo")}]})
}

/// The examples that answer another example (`in_reply_to`), as (reply, earlier).
pub const EXAMPLE_REPLIES: &[(&str, &str)] = &[
    ("control.case_close", "social_insurance.transfer_completion"),
    ("control.case_reopen", "control.case_close"),
    (
        "control.clarification_reply",
        "control.clarification_request",
    ),
    (
        "control.clarification_request",
        "social_insurance.transfer_information",
    ),
    ("control.invalidate", "worker_transfer.reconciliation"),
    ("control.reject", "family_planning.benefit_notice"),
    ("control.reminder", "social_insurance.contact_letter"),
    ("control.reminder_reply", "control.reminder"),
    (
        "family_planning.arrival_notice",
        "family_planning.certificate",
    ),
    (
        "family_planning.birth_registration_notice",
        "family_planning.verification_reply",
    ),
    (
        "family_planning.verification_reply",
        "family_planning.verification_request",
    ),
    ("receipt", "social_insurance.transfer_information"),
    (
        "social_insurance.application_refusal",
        "social_insurance.transfer_application",
    ),
    (
        "social_insurance.benefit_place_decision",
        "social_insurance.benefit_place_request",
    ),
    (
        "social_insurance.contact_letter",
        "social_insurance.transfer_application",
    ),
    (
        "social_insurance.fund_transfer",
        "social_insurance.transfer_information",
    ),
    (
        "social_insurance.transfer_completion",
        "social_insurance.fund_transfer",
    ),
    (
        "social_insurance.transfer_information",
        "social_insurance.contact_letter",
    ),
    ("worker_transfer.arrival", "worker_transfer.roster_reply"),
    (
        "worker_transfer.insurance_enrolment",
        "worker_transfer.arrival",
    ),
    (
        "worker_transfer.retention",
        "worker_transfer.insurance_enrolment",
    ),
    ("worker_transfer.roster", "worker_transfer.job_demand"),
    ("worker_transfer.roster_reply", "worker_transfer.roster"),
    ("worker_transfer.separation", "worker_transfer.retention"),
    (
        "worker_rights.dispute_outcome",
        "worker_rights.dispute_referral",
    ),
    (
        "worker_rights.wage_arrears_outcome",
        "worker_rights.wage_arrears_referral",
    ),
    (
        "worker_rights.work_injury_decision",
        "worker_rights.work_injury_notice",
    ),
];

/// The generated reply vectors: each example that answers another, signed by its sender and
/// verified by its receiver as a reply to the signed earlier example, with the schema stage on:
/// accepted. (The rules stage is left off so that implementations without the domain rules run
/// them too; `rule` vectors verify with it.)
#[must_use]
pub fn reply_specs() -> Vec<Spec> {
    EXAMPLE_REPLIES
        .iter()
        .map(|(reply, earlier)| {
            let answer = labourlink::flows::table()
                .ok()
                .and_then(|t| t.messages.get(*reply))
                .and_then(|f| {
                    f.answers.iter().find(|a| {
                        labourlink::trust::type_matches(&a.answers_type, earlier)
                    })
                })
                .map_or("?", |a| match a.sender {
                    labourlink::flows::SenderRelation::Counterparty => "the earlier message's receiver",
                    labourlink::flows::SenderRelation::Same => "the earlier message's sender (a follow-up)",
                    labourlink::flows::SenderRelation::Either => "either party",
                });
            Spec {
                id: format!("reply-accept-{reply}"),
                area: "reply",
                kind: "verify",
                description: format!(
                    "The example {reply} answers the example {earlier} (in_reply_to, same case, a type the flow table allows, sent by {answer}); both signed by their senders, schema stage on: accepted"
                ),
                requirements: vec![
                    "LL-REPLY-001", "LL-REPLY-002", "LL-REPLY-003", "LL-REPLY-004",
                    "LL-REPLY-005", "LL-SCHEMA-001",
                ],
                recipe: Some(example_recipe(reply)),
                input: json!({"trust_lists": tl("catalogue"), "context": catalogue_ctx(reply, json!({"schema": true}))}),
                expected: None,
                must_accept: true,
                earlier: Some(example_recipe(earlier)),
            }
        })
        .collect()
}

/// The default verification context (Ningbo verifies at [`NOW`] with the pinned anchor).
#[must_use]
pub fn ctx() -> Value {
    json!({"now": NOW, "region": "330200", "anchors": ["330200-anchor-2026"]})
}

fn tl(name: &str) -> Value {
    json!([{"file": format!("trust-lists/{name}.jws")}])
}

fn signed_by(payload: Value, keys: &[&str]) -> Value {
    let signers: Vec<Value> = keys.iter().map(|k| json!({"key": k})).collect();
    json!({"payload": payload, "signers": signers})
}

#[allow(clippy::too_many_arguments)]
fn accept(
    id: &str,
    area: &'static str,
    description: &str,
    requirements: Vec<&'static str>,
    recipe: Value,
    trust_lists: Value,
    context: Value,
) -> Spec {
    Spec {
        id: id.into(),
        area,
        kind: "verify",
        description: description.into(),
        requirements,
        recipe: Some(recipe),
        input: json!({"trust_lists": trust_lists, "context": context}),
        expected: None,
        must_accept: true,
        earlier: None,
    }
}

fn with(mut v: Value, pointer: &str, x: Value) -> Value {
    if let Some(slot) = v.pointer_mut(pointer) {
        *slot = x;
    } else if let Some((parent, last)) = pointer.rsplit_once('/') {
        if let Some(Value::Object(m)) = v.pointer_mut(parent) {
            m.insert(last.into(), x);
        }
    }
    v
}

/// A reference-data document (LL-REF) issued by the anchor party, at a fixed instant, with a
/// fixed id; `sections` holds `calendar` and/or `regions`. TEST data: not a real schedule.
#[must_use]
pub fn reference_data_doc(n: u32, sequence: u64, next_update: &str, sections: Value) -> Value {
    let anchor =
        json!({"region": "330200", "agency": "NB-ANCHOR", "name": "Ningbo trust anchor (TEST)"});
    let mut body = json!({"sequence": sequence, "next_update": next_update});
    if let (Value::Object(b), Value::Object(extra)) = (&mut body, sections) {
        b.extend(extra);
    }
    json!({
        "spec": "labourlink/1", "type": "reference_data", "schema_version": "1.0",
        "id": format!("01a2a0b0-0000-7000-8000-{:012}", 900 + n),
        "from": anchor, "to": anchor,
        "issued_at": "2026-01-01T00:00:00Z",
        "body": body
    })
}

/// TEST reference-data sections: an official 2027 (two made-up days off) and a made-up county.
#[must_use]
pub fn reference_data_sections() -> Value {
    json!({
        "calendar": {"version": "test-2027", "years": [{
            "year": 2027, "status": "official", "source": "TEST schedule, not the State Council's",
            "days": [
                {"date": "2027-01-01", "kind": "holiday", "name": "元旦"},
                {"date": "2027-01-04", "kind": "holiday", "name": "TEST day off"}
            ]}]},
        "regions": {"as_of": "2026-06-30", "source": "TEST list",
            "added": [{"code": "513499", "name": "TEST county"}]}
    })
}

/// `input.reference_data`: anchor-signed reference-data recipes, loaded in order.
#[must_use]
pub fn reference_data_input(docs: Vec<Value>) -> Value {
    Value::Array(
        docs.into_iter()
            .map(|d| json!({"recipe": anchor_signed(d)}))
            .collect(),
    )
}

fn with_reference_data(mut spec: Spec, docs: Vec<Value>) -> Spec {
    if let Value::Object(m) = &mut spec.input {
        m.insert("reference_data".into(), reference_data_input(docs));
    }
    spec
}

/// The generated reference-data vectors (LL-REF) that must be accepted.
fn reference_data_specs() -> Vec<Spec> {
    let cl = || doc("social_insurance.contact_letter", NOW);
    let rd = |n, seq| reference_data_doc(n, seq, "2027-12-01T00:00:00Z", reference_data_sections());
    // The roster example with a worker from the TEST county only the reference data lists.
    let roster = json!({"payload": {"$example": "worker_transfer.roster"},
        "edits": [{"op": "set", "pointer": "/body/workers/0/hukou_region", "value": "513499"}],
        "signers": [{"key": example_signer("worker_transfer.roster").unwrap_or("ningbo")}]});
    // The contact letter of rule-calendar-provisional: counted over 2027, official in the data.
    let letter = json!({"payload": {"$example": "social_insurance.contact_letter"},
        "edits": [{"op": "set", "pointer": "/body/application_date", "value": "2026-12-28"},
                  {"op": "set", "pointer": "/issued_at", "value": "2027-01-05T02:00:00Z"}],
        "signers": [{"key": example_signer("social_insurance.contact_letter").unwrap_or("ningbo")}]});
    let mut letter_ctx = catalogue_ctx(
        "social_insurance.contact_letter",
        json!({"schema": true, "rules": true}),
    );
    letter_ctx["now"] = "2027-01-05T03:00:00Z".into();
    // The catalogue list's next_update is 2026-12-27: a 30-day grace keeps it fresh.
    letter_ctx["grace_seconds"] = 2_592_000.into();
    vec![
        with_reference_data(
            accept(
                "accept-reference-data",
                "trust",
                "Reference data signed by the pinned anchor loads (an official 2027, a TEST county); the message then verifies",
                vec!["LL-REF-001", "LL-REF-002"],
                signed_by(cl(), &["liangshan"]),
                tl("main"),
                ctx(),
            ),
            vec![rd(1, 1)],
        ),
        with_reference_data(
            accept(
                "accept-reference-data-update",
                "trust",
                "Reference data sequence 1, then sequence 2, then sequence 2 again: each loads (a higher sequence replaces, the same document is no rollback)",
                vec!["LL-REF-003"],
                signed_by(cl(), &["liangshan"]),
                tl("main"),
                ctx(),
            ),
            vec![rd(1, 1), rd(2, 2), rd(2, 2)],
        ),
        with_reference_data(
            accept(
                "rule-reference-data-region-added",
                "rule",
                "A roster whose worker's hukou_region 513499 is in no embedded GB/T 2260 list (rule.region_code_unknown without reference data) is accepted with reference data that adds it",
                vec!["LL-REF-004", "LL-RULE-005"],
                roster,
                tl("catalogue"),
                catalogue_ctx(
                    "worker_transfer.roster",
                    json!({"schema": true, "rules": true}),
                ),
            ),
            vec![rd(1, 1)],
        ),
        with_reference_data(
            accept(
                "rule-reference-data-official-year",
                "rule",
                "The contact letter of rule-calendar-provisional (counted over 2027) with reference data making 2027 official: no rule.calendar_provisional warning — the deadline is counted with the loaded calendar",
                vec!["LL-REF-004", "LL-RULE-015"],
                letter,
                tl("catalogue"),
                letter_ctx,
            ),
            vec![rd(1, 1)],
        ),
    ]
}

/// The generated verify vectors: messages that must be accepted.
#[must_use]
pub fn verify_specs() -> Vec<Spec> {
    let cl = || doc("social_insurance.contact_letter", NOW);
    let ctx_with = |k: &str, v: Value| with(ctx(), &format!("/{k}"), v);
    let mut out = vec![
        accept(
            "sm2-accept-contact-letter",
            "jws",
            "A contact letter from Liangshan signed with its SM2 key (alg SM2SM3: SM2 with SM3, default user id 1234567812345678, 64-byte r‖s), verified by Ningbo: accepted",
            vec![
                "LL-JWS-009",
                "LL-JWS-014",
                "LL-JWS-017",
                "LL-KEY-009",
                "LL-KEY-011",
            ],
            signed_by(cl(), &["liangshan-sm2"]),
            tl("sm2"),
            ctx(),
        ),
        accept(
            "sm2-accept-two-algorithms",
            "jws",
            "A contact letter signed by Liangshan's Ed25519 key and then its SM2 key: both signatures verify",
            vec!["LL-JWS-014", "LL-JWS-017"],
            signed_by(cl(), &["liangshan", "liangshan-sm2"]),
            tl("sm2"),
            ctx(),
        ),
        accept(
            "accept-contact-letter",
            "envelope",
            "A contact letter from Liangshan, signed with its Ed25519 key, verified by Ningbo: accepted with its digest, type, id and signer",
            vec!["LL-ENV-001", "LL-ENV-004", "LL-JWS-014", "LL-KEY-001"],
            signed_by(cl(), &["liangshan"]),
            tl("main"),
            ctx(),
        ),
        accept(
            "accept-receipt-exact-type-pattern",
            "trust",
            "Liangshan's key lists the exact type 'receipt': a receipt is accepted",
            vec!["LL-TRUST-006"],
            signed_by(doc("receipt", NOW), &["liangshan"]),
            tl("main"),
            ctx(),
        ),
        accept(
            "accept-star-type-pattern",
            "trust",
            "Ningbo's key lists '*': a worker_transfer.roster from Ningbo to Ningbo is accepted",
            vec!["LL-TRUST-006"],
            signed_by(
                with(
                    doc("worker_transfer.roster", NOW),
                    "/from",
                    json!({"region": "330200", "agency": "NB-SI"}),
                ),
                &["ningbo"],
            ),
            tl("main"),
            ctx(),
        ),
        accept(
            "accept-two-signers-required",
            "envelope",
            "Signed by Liangshan (the issuer, first) and countersigned by Ningbo; the verifier requires two signers",
            vec!["LL-ENV-015", "LL-ENV-009", "LL-ENV-010", "LL-JWS-014"],
            signed_by(doc("receipt", NOW), &["liangshan", "ningbo"]),
            tl("main"),
            ctx_with("required_signers", json!(2)),
        ),
        accept(
            "accept-eddsa-alias-by-policy",
            "jws",
            "Header alg 'EdDSA' (deprecated polymorphic name) is accepted as Ed25519 when the verifier's policy allows the alias",
            vec!["LL-JWS-010"],
            json!({"payload": cl(), "signers": [{"key": "liangshan", "alg": "EdDSA"}]}),
            tl("main"),
            ctx_with("allow_eddsa_alias", json!(true)),
        ),
        accept(
            "accept-noncanonical-protected-header",
            "jws",
            "The protected header need not be canonical: whitespace and member order are signed as sent (signing input uses the received base64url text)",
            vec!["LL-JWS-014", "LL-JWS-005"],
            json!({"payload": cl(), "signers": [{"key": "liangshan",
                "header_text": "{ \"typ\": \"labourlink+jws\", \"kid\": \"513400-si-2026a\", \"alg\": \"Ed25519\" }"}]}),
            tl("main"),
            ctx(),
        ),
        accept(
            "accept-retired-key-before-retirement",
            "key",
            "Liangshan's key was retired on 2026-11-01; a message issued on 2026-10-31 still verifies",
            vec!["LL-KEY-006"],
            signed_by(doc("receipt", "2026-10-31T00:00:00Z"), &["liangshan"]),
            tl("retired"),
            ctx(),
        ),
        accept(
            "accept-long-after-key-validity",
            "key",
            "Archival verification: signed and first received 2026-11-27 while the key was valid, re-checked from the archive in 2046 after valid_until (2027-12-31)",
            vec!["LL-KEY-005", "LL-TIME-003"],
            signed_by(cl(), &["liangshan"]),
            tl("long"),
            json!({"now": "2046-11-27T08:00:00Z", "region": "330200", "anchors": ["330200-anchor-2026"],
                   "mode": "archival", "first_seen": NOW}),
        ),
        accept(
            "accept-key-valid-from-boundary",
            "key",
            "issued_at equal to the key's valid_from (2026-01-01T00:00:00Z) is inside the validity (maximum age raised to 366 days)",
            vec!["LL-KEY-004"],
            signed_by(doc("receipt", "2026-01-01T00:00:00Z"), &["liangshan"]),
            tl("main"),
            ctx_with("max_age_seconds", json!(366 * 86_400)),
        ),
        accept(
            "accept-key-valid-until-boundary",
            "key",
            "issued_at equal to the key's valid_until (2027-12-31T00:00:00Z) is inside the validity",
            vec!["LL-KEY-005"],
            signed_by(doc("receipt", "2027-12-31T00:00:00Z"), &["liangshan"]),
            tl("long"),
            ctx_with("now", json!("2027-12-31T00:00:00Z")),
        ),
        accept(
            "accept-future-within-leeway",
            "envelope",
            "issued_at 300 s after the verifier's clock: exactly the default leeway, accepted",
            vec!["LL-ENV-012"],
            signed_by(doc("receipt", "2026-11-27T08:05:00Z"), &["liangshan"]),
            tl("main"),
            ctx(),
        ),
        accept(
            "accept-expiry-within-leeway",
            "envelope",
            "expires_at 07:55:00, clock 08:00:00: expired by exactly the leeway (300 s), still accepted",
            vec!["LL-ENV-013"],
            signed_by(
                with(
                    doc("receipt", "2026-11-27T07:00:00Z"),
                    "/expires_at",
                    json!("2026-11-27T07:55:00Z"),
                ),
                &["liangshan"],
            ),
            tl("main"),
            ctx(),
        ),
        accept(
            "accept-max-age-boundary",
            "envelope",
            "max_age 86400 s and a message issued exactly 86400 s ago: accepted",
            vec!["LL-ENV-014"],
            signed_by(doc("receipt", "2026-11-26T08:00:00Z"), &["liangshan"]),
            tl("main"),
            ctx_with("max_age_seconds", json!(86_400)),
        ),
        accept(
            "accept-unknown-minor-version",
            "envelope",
            "schema_version 1.7: an unknown minor of a known major is accepted",
            vec!["LL-ENV-007"],
            signed_by(with(cl(), "/schema_version", json!("1.7")), &["liangshan"]),
            tl("main"),
            ctx(),
        ),
        accept(
            "accept-fractional-seconds",
            "envelope",
            "issued_at with fractional seconds (2026-11-27T07:59:59.123456789Z) is a valid instant",
            vec!["LL-ENV-005"],
            signed_by(
                doc("receipt", "2026-11-27T07:59:59.123456789Z"),
                &["liangshan"],
            ),
            tl("main"),
            ctx(),
        ),
        accept(
            "accept-minimal-envelope",
            "envelope",
            "No case, no names, with in_reply_to and expires_at, empty body",
            vec!["LL-ENV-005"],
            signed_by(
                json!({"spec": "labourlink/1", "type": "receipt", "schema_version": "1.0",
                       "id": "01a21c04-b400-7000-8000-000000000002",
                       "in_reply_to": "01a21c04-b400-7000-8000-0000000000ff",
                       "from": {"region": "513400", "agency": "LS-SI"},
                       "to": {"region": "330200", "agency": "NB-SI"},
                       "issued_at": NOW, "expires_at": "2026-12-27T08:00:00Z", "body": {}}),
                &["liangshan"],
            ),
            tl("main"),
            ctx(),
        ),
        accept(
            "accept-unicode-payload",
            "envelope",
            "A payload whose canonical form needs UTF-16 member order, escapes of control characters and literal U+2028: verifies",
            vec!["LL-ENV-003", "LL-CANON-002", "LL-CANON-003"],
            signed_by(
                with(
                    cl(),
                    "/body",
                    json!({"\u{FB33}": 1, "\u{1F602}": 2, "a": "tab\tquote\"back\\slash\u{2028}\u{7f}/é", "名字": "阿苏拉则"}),
                ),
                &["liangshan"],
            ),
            tl("main"),
            ctx(),
        ),
        accept(
            "accept-safe-integer-limits",
            "json",
            "Integers ±(2^53−1) in the payload are accepted",
            vec!["LL-JSON-008"],
            signed_by(
                with(
                    cl(),
                    "/body",
                    json!({"max": 9_007_199_254_740_991_i64, "min": -9_007_199_254_740_991_i64, "zero": 0}),
                ),
                &["liangshan"],
            ),
            tl("main"),
            ctx(),
        ),
        accept(
            "accept-depth-32",
            "json",
            "The document nests 32 containers (the root object is depth 1): at the limit, accepted",
            vec!["LL-JSON-005"],
            signed_by(with(cl(), "/body", nested(30)), &["liangshan"]),
            tl("main"),
            ctx(),
        ),
        accept(
            "accept-trust-list-within-grace",
            "trust",
            "The trust list's next_update was 2026-12-27; with the default grace of 7 days it is still usable on 2027-01-03T00:00:00Z (message issued 2026-11-27, maximum age raised to 60 days)",
            vec!["LL-TRUST-004"],
            signed_by(cl(), &["liangshan"]),
            tl("main"),
            json!({"now": "2027-01-03T00:00:00Z", "region": "330200", "anchors": ["330200-anchor-2026"],
                   "max_age_seconds": 60 * 86_400}),
        ),
        accept(
            "accept-trust-list-update",
            "trust",
            "A newer trust list (sequence 6, Liangshan retired since 2026-11-01) replaces sequence 5; a message issued before the retirement verifies",
            vec!["LL-TRUST-005", "LL-KEY-006"],
            signed_by(doc("receipt", "2026-10-31T00:00:00Z"), &["liangshan"]),
            json!([{"file": "trust-lists/main.jws"}, {"file": "trust-lists/retired.jws"}]),
            ctx(),
        ),
        accept(
            "accept-same-trust-list-twice",
            "trust",
            "Loading the same trust list again is a no-op, not a rollback",
            vec!["LL-TRUST-005"],
            signed_by(cl(), &["liangshan"]),
            json!([{"file": "trust-lists/main.jws"}, {"file": "trust-lists/main.jws"}]),
            ctx(),
        ),
        accept(
            "accept-replay-other-id",
            "replay",
            "The replay store holds another message id: this message is new and accepted",
            vec!["LL-REPLAY-001"],
            signed_by(cl(), &["liangshan"]),
            tl("main"),
            ctx_with(
                "replay_preload",
                json!([{"id": "01a21c04-b400-7000-8000-0000000000aa",
                        "digest": "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU"}]),
            ),
        ),
        accept(
            "accept-jwk-alg-eddsa-in-trust-list",
            "key",
            "A trust-list JWK may say alg 'EdDSA' for an Ed25519 key (RFC 8037); the list loads and the message verifies",
            vec!["LL-KEY-009"],
            signed_by(cl(), &["liangshan"]),
            json!([{"recipe": anchor_signed(trust_list_doc(7, 5, "2026-12-27T00:00:00Z", {
                let mut r = standard_records();
                r[0]["jwk"] = json!({"kty": "OKP", "crv": "Ed25519", "alg": "EdDSA", "use": "sig",
                    "key_ops": ["verify"], "kid": "513400-si-2026a", "x": {"$x": "liangshan"}});
                r
            }))}]),
            ctx(),
        ),
    ];
    // The speccheck keys of cases 6 and 7 are prime-order: they load.
    out.push(accept(
        "accept-speccheck-prime-order-key-loads",
        "key",
        "ed25519-speccheck cases 6-7 use a prime-order public key (442aad9f…a623): a trust list listing it loads",
        vec!["LL-KEY-007"],
        signed_by(cl(), &["liangshan"]),
        json!([{"recipe": anchor_signed(trust_list_doc(8, 5, "2026-12-27T00:00:00Z", {
            let mut r = standard_records();
            let mut extra = record("", "110000-speccheck-6", "110000", "SPECCHECK", "Ed25519");
            extra["jwk"] = speccheck_jwk("442aad9f089ad9e14647b1ef9099a1ff4798d78589e66f28eca69c11f582a623");
            extra["message_types"] = json!(["receipt"]);
            r.push(extra);
            r
        }))}]),
        ctx(),
    ));
    out.extend(reference_data_specs());
    out
}

/// `{"a":{"a":…{}…}}` with `levels` objects.
#[must_use]
pub fn nested(levels: usize) -> Value {
    let mut v = json!({});
    for _ in 0..levels.saturating_sub(1) {
        v = json!({ "a": v });
    }
    v
}

/// The public JWK for raw Ed25519 public key bytes given in hex.
#[must_use]
pub fn speccheck_jwk(pub_hex: &str) -> Value {
    let bytes = unhex(pub_hex).unwrap_or_default();
    json!({"kty": "OKP", "crv": "Ed25519", "x": labourlink::b64::encode(&bytes)})
}

/// The generated sign vectors.
#[must_use]
pub fn sign_specs() -> Vec<Spec> {
    let sign =
        |id: &str, desc: &str, reqs: Vec<&'static str>, signers: &[&str], document: Value| Spec {
            id: id.into(),
            area: "sign",
            kind: "sign",
            description: desc.into(),
            requirements: reqs,
            recipe: None,
            input: json!({"signers": signers, "document": document}),
            expected: None,
            must_accept: true,
            earlier: None,
        };
    let ls = "513400-si-2026a";
    let ls_sm2 = "513400-si-sm2a";
    let nb = "330200-si-2026a";
    let cl = || doc("social_insurance.contact_letter", NOW);
    let nb_doc = |t: &str| {
        let d = doc(t, NOW);
        let d = with(
            d,
            "/from",
            json!({"region": "330200", "agency": "NB-SI", "name": "宁波市社会保险管理局"}),
        );
        with(d, "/to", json!({"region": "513400", "agency": "LS-SI"}))
    };
    vec![
        sign(
            "sm2-sign-contact-letter",
            "Liangshan signs a contact letter with its SM2 key: the exact JWS (labourlink's SM2 signer derives the nonce from the key and e, RFC 6979-style with HMAC-SM3, so the bytes are fixed; another signer's random nonce gives other, equally valid bytes)",
            vec!["LL-JWS-015", "LL-JWS-017"],
            &[ls_sm2],
            cl(),
        ),
        sign(
            "sign-contact-letter",
            "Liangshan signs a contact letter: the exact JWS (Ed25519 is deterministic)",
            vec!["LL-JWS-015", "LL-CANON-001"],
            &[ls],
            cl(),
        ),
        sign(
            "sign-receipt-minimal",
            "A minimal receipt without case or names, empty body",
            vec!["LL-JWS-015"],
            &[ls],
            json!({"spec": "labourlink/1", "type": "receipt", "schema_version": "1.0",
                   "id": "01a21c04-b400-7000-8000-000000000003",
                   "from": {"region": "513400", "agency": "LS-SI"},
                   "to": {"region": "330200", "agency": "NB-SI"},
                   "issued_at": NOW, "body": {}}),
        ),
        sign(
            "sign-two-signers",
            "Signed by Liangshan then Ningbo: two signatures over one payload, in signer order",
            vec!["LL-JWS-015"],
            &[ls, nb],
            doc("receipt", NOW),
        ),
        sign(
            "sign-ningbo-roster",
            "Ningbo signs a worker_transfer.roster with Chinese names and arrays",
            vec!["LL-JWS-015", "LL-CANON-003"],
            &[nb],
            with(
                nb_doc("worker_transfer.roster"),
                "/body",
                json!({"workers": [
                {"name": "阿苏拉则", "citizen_id": "513431199001011234", "skills": ["welding", "电工"]},
                {"name": "吉克石哈", "citizen_id": "51343119920202567X", "skills": []}]}),
            ),
        ),
        sign(
            "sign-utf16-member-order",
            "Body member names that sort differently by UTF-16 code units and by code points (U+1F602 before U+FB33)",
            vec!["LL-JWS-015", "LL-CANON-002"],
            &[ls],
            with(
                cl(),
                "/body",
                json!({"\u{FB33}": 1, "\u{1F602}": 2, "\u{E000}": 3, "a": 4, "é": 5, "\u{10000}": 6}),
            ),
        ),
        sign(
            "sign-string-escapes",
            "Strings with control characters, quote, backslash, solidus, U+007F, U+2028/2029 and non-BMP characters",
            vec!["LL-JWS-015", "LL-CANON-003"],
            &[ls],
            with(
                cl(),
                "/body",
                json!({"s": "\u{0}\u{1}\u{8}\t\n\u{b}\u{c}\r\u{1f}\"\\/\u{7f}\u{2028}\u{2029}😂"}),
            ),
        ),
        sign(
            "sign-integer-limits",
            "Integers 0, −1, ±(2^53−1) are written as decimal integers",
            vec!["LL-JWS-015", "LL-JSON-008", "LL-CANON-004"],
            &[ls],
            with(
                cl(),
                "/body",
                json!({"max": 9_007_199_254_740_991_i64, "min": -9_007_199_254_740_991_i64, "minus_one": -1, "zero": 0, "fen": 123_456_789}),
            ),
        ),
        sign(
            "sign-optional-envelope-fields",
            "in_reply_to, expires_at and fractional seconds are signed as given",
            vec!["LL-JWS-015", "LL-ENV-005"],
            &[ls],
            {
                let d = with(
                    doc("receipt", "2026-11-27T07:59:59.5Z"),
                    "/in_reply_to",
                    json!("01a21c04-b400-7000-8000-0000000000ff"),
                );
                with(d, "/expires_at", json!("2026-12-27T08:00:00Z"))
            },
        ),
        sign(
            "sign-unknown-minor",
            "schema_version 1.7 is signed as given",
            vec!["LL-JWS-015", "LL-ENV-007"],
            &[ls],
            with(cl(), "/schema_version", json!("1.7")),
        ),
        sign(
            "sign-nfc-name",
            "The name Å in NFC (U+00C5): compare with sign-nfd-name, whose bytes and signature differ",
            vec!["LL-JWS-015", "LL-CANON-005"],
            &[ls],
            with(cl(), "/body", json!({"name": "\u{C5}"})),
        ),
        sign(
            "sign-nfd-name",
            "The name Å in NFD (A + U+030A): not normalised, so another payload than sign-nfc-name",
            vec!["LL-JWS-015", "LL-CANON-005"],
            &[ls],
            with(cl(), "/body", json!({"name": "A\u{30A}"})),
        ),
        sign(
            "sign-deep-body",
            "A body nested 30 objects deep (32 with the root and body)",
            vec!["LL-JWS-015"],
            &[ls],
            with(cl(), "/body", nested(30)),
        ),
        sign(
            "sign-trust-list",
            "The anchor signs the main trust list document",
            vec!["LL-JWS-015", "LL-TRUST-001"],
            &["330200-anchor-2026"],
            trust_list_doc(1, 5, "2026-12-27T00:00:00Z", standard_records()),
        ),
        sign(
            "sign-receipt-by-ningbo",
            "Ningbo acknowledges a message with a receipt",
            vec!["LL-JWS-015"],
            &[nb],
            with(
                nb_doc("receipt"),
                "/body",
                json!({"received_id": DOC_ID, "received_digest": "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU", "status": "accepted", "errors": []}),
            ),
        ),
        sign(
            "sign-empty-strings-and-literals",
            "null, true, false, empty string, empty array and object in the body",
            vec!["LL-JWS-015", "LL-CANON-001"],
            &[ls],
            with(
                cl(),
                "/body",
                json!({"n": null, "t": true, "f": false, "e": "", "a": [], "o": {}}),
            ),
        ),
    ]
}

/// Requirement ids of the canonical-extra cases, in file order.
const EXTRA_REQS: [&[&str]; 26] = [
    &["LL-CANON-002"],
    &["LL-CANON-002"],
    &["LL-CANON-003"],
    &["LL-CANON-003"],
    &["LL-CANON-003"],
    &["LL-CANON-003"],
    &["LL-CANON-004"],
    &["LL-CANON-004"],
    &["LL-CANON-004"],
    &["LL-CANON-004"],
    &["LL-CANON-004"],
    &["LL-CANON-004"],
    &["LL-CANON-004"],
    &["LL-CANON-004", "LL-JSON-009"],
    &["LL-CANON-004"],
    &["LL-CANON-004"],
    &["LL-CANON-004"],
    &["LL-CANON-001", "LL-CANON-002"],
    &["LL-CANON-001"],
    &["LL-CANON-001"],
    &["LL-CANON-001"],
    &["LL-CANON-002", "LL-CANON-003"],
    &["LL-CANON-005", "LL-CANON-002"],
    &["LL-CANON-005"],
    &["LL-CANON-001"],
    &["LL-CANON-002", "LL-JSON-003"],
];

fn reject_reqs(code: &str) -> Vec<&'static str> {
    match code {
        "json.duplicate_key" => vec!["LL-JSON-003", "LL-JSON-010"],
        "json.lone_surrogate" => vec!["LL-JSON-004", "LL-JSON-010"],
        "json.number_out_of_range" => vec!["LL-JSON-009", "LL-JSON-010"],
        "json.too_deep" => vec!["LL-JSON-005", "LL-JSON-010"],
        _ => vec!["LL-JSON-001"],
    }
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-')
        .chars()
        .take(48)
        .collect::<String>()
        .trim_end_matches('-')
        .to_owned()
}

/// The canonicalize vectors generated from the core's reference data
/// (`core/tests/vectors/rfc8785` and `canonical-extra`).
///
/// # Errors
/// A message when the reference files cannot be read.
pub fn canonical_specs(core_vectors: &Path) -> Result<Vec<Spec>, String> {
    let mut out = Vec::new();
    let rfc = core_vectors.join("rfc8785");
    for name in [
        "arrays",
        "french",
        "structures",
        "unicode",
        "values",
        "weird",
    ] {
        let input = read_text(&rfc.join("input").join(format!("{name}.json")))?;
        let output = read_text(&rfc.join("output").join(format!("{name}.json")))?;
        let reqs = match name {
            "weird" | "french" => vec!["LL-CANON-002", "LL-CANON-003"],
            "values" => vec!["LL-CANON-004"],
            "unicode" => vec!["LL-CANON-005", "LL-CANON-003"],
            _ => vec!["LL-CANON-001"],
        };
        out.push(canon(
            &format!("rfc8785-{name}"),
            "canonical",
            &format!("RFC 8785 reference test data testdata/input/{name}.json (cyberphone/json-canonicalization, Apache-2.0)"),
            reqs,
            &input,
            Some(output.trim_end_matches('\n').to_owned()),
        ));
    }
    let extra = core_vectors.join("canonical-extra");
    let cases: Value =
        serde_json::from_str(&read_text(&extra.join("cases.json"))?).map_err(|e| e.to_string())?;
    for (i, c) in cases
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        let d = c["description"].as_str().unwrap_or_default();
        out.push(canon(
            &format!("jcs-{:02}-{}", i + 1, slug(d)),
            "canonical",
            d,
            EXTRA_REQS
                .get(i)
                .map(|r| r.to_vec())
                .unwrap_or_else(|| vec!["LL-CANON-001"]),
            c["input"].as_str().unwrap_or_default(),
            c["expected"].as_str().map(str::to_owned),
        ));
    }
    let rejects: Value =
        serde_json::from_str(&read_text(&extra.join("reject.json"))?).map_err(|e| e.to_string())?;
    for (i, c) in rejects
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        let d = c["description"].as_str().unwrap_or_default();
        let code = c["error"].as_str().unwrap_or_default();
        let mut spec = canon(
            &format!("parse-{:02}-{}", i + 1, slug(d)),
            "json",
            &format!("Strict parsing refuses: {d}"),
            reject_reqs(code),
            c["input"].as_str().unwrap_or_default(),
            None,
        );
        spec.expected = Some(json!({"error": code, "path": c["path"]}));
        out.push(spec);
    }
    let numbers = read_text(&extra.join("numbers.txt"))?;
    let lines: Vec<&str> = numbers.lines().filter(|l| !l.trim().is_empty()).collect();
    for (n, chunk) in lines.chunks(200).enumerate() {
        let mut inputs = Vec::new();
        let mut expected = Vec::new();
        for line in chunk {
            let (bits, text) = line
                .split_once(',')
                .ok_or("numbers.txt line without comma")?;
            let bits = u64::from_str_radix(bits.trim(), 16).map_err(|e| e.to_string())?;
            inputs.push(format!("{:e}", f64::from_bits(bits)));
            expected.push(text.trim().to_owned());
        }
        out.push(canon(
            &format!("jcs-numbers-{n:02}"),
            "canonical",
            &format!(
                "ECMAScript number serialisation of {} doubles (canonical-extra/numbers.txt lines {}-{}); the input writes each double in Rust's shortest exponent form",
                chunk.len(),
                n * 200 + 1,
                n * 200 + chunk.len()
            ),
            vec!["LL-CANON-004", "LL-JSON-009"],
            &format!("[{}]", inputs.join(",")),
            Some(format!("[{}]", expected.join(","))),
        ));
    }
    Ok(out)
}

fn canon(
    id: &str,
    area: &'static str,
    description: &str,
    requirements: Vec<&'static str>,
    text: &str,
    expected: Option<String>,
) -> Spec {
    Spec {
        id: id.into(),
        area,
        kind: "canonicalize",
        description: description.into(),
        requirements,
        recipe: None,
        input: json!({"text": text}),
        expected: expected.map(|c| json!({"canonical": c, "canonical_hex": hex(c.as_bytes())})),
        must_accept: false,
        earlier: None,
    }
}
