//! Shared fixtures of the benchmarks (`benches/verify.rs`) and of the comparison inputs
//! (`examples/bench_inputs.rs`, `examples/compare_native.rs`): the same keys, trust list and
//! messages everywhere, so that every number is about the same work.
//!
//! Three message sizes, all realistic and schema-valid (the examples of `schemas/examples/`):
//!
//! | size | message | JWS |
//! |---|---|---|
//! | `1kb` | `receipt` | ≈ 1.2 KB |
//! | `3kb` | `social_insurance.transfer_information` | ≈ 3.5 KB |
//! | `30kb` | `worker_transfer.roster` with [`ROSTER_WORKERS`] workers | ≈ 30 KB |
//!
//! Message `i` of a size differs from message `j` in its `id` only (and, for the roster, not
//! otherwise): distinct messages for the replay stage, identical work for everything else.
#![allow(dead_code, unreachable_pub)]

use std::sync::Arc;

use labourlink::SigningKey;
use labourlink::envelope::Party;
use labourlink::time::{FixedClock, Timestamp};
use labourlink::trust::{KeyRecord, TrustList};
use labourlink::verify::{InMemoryReplayGuard, Verifier};
use serde_json::{Value, json};

/// The verifier's "now": after every example's `issued_at`.
pub const NOW: &str = "2026-11-27T08:00:00Z";
/// The verifier's region (Ningbo).
pub const REGION: &str = "330200";
/// Workers in the ~30 KB roster. (200 workers of the example's shape would be ≈ 110 KB of JWS.)
pub const ROSTER_WORKERS: usize = 42;
/// Liangshan social-insurance agency (issuer of the 1 KB and 3 KB messages).
pub const SI_AGENCY: &str = "12513400MB1F30256L";
/// Liangshan HR bureau (issuer of the roster).
pub const HR_AGENCY: &str = "11513400MB1H7703X8";
/// Key ids.
pub const SI_KID: &str = "513400-si-2026a";
/// Key id of the HR bureau's key.
pub const HR_KID: &str = "513400-hr-2026a";
/// Key id of Ningbo's trust anchor.
pub const ANCHOR_KID: &str = "330200-anchor-2026";

#[must_use]
pub fn t(s: &str) -> Timestamp {
    Timestamp::parse(s).unwrap()
}

/// The message sizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
    Kb1,
    Kb3,
    Kb30,
}

impl Size {
    pub const ALL: [Self; 3] = [Self::Kb1, Self::Kb3, Self::Kb30];

    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Kb1 => "1kb",
            Self::Kb3 => "3kb",
            Self::Kb30 => "30kb",
        }
    }

    #[must_use]
    pub fn from_name(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|z| z.name() == s)
    }

    #[must_use]
    pub fn message_type(self) -> &'static str {
        match self {
            Self::Kb1 => "receipt",
            Self::Kb3 => "social_insurance.transfer_information",
            Self::Kb30 => "worker_transfer.roster",
        }
    }
}

/// Keys, clock and the trust list (both partner keys), as a receiver in Ningbo has them.
pub struct Fixture {
    pub clock: FixedClock,
    pub si_key: SigningKey,
    pub hr_key: SigningKey,
    pub anchor: SigningKey,
    pub list: TrustList,
}

/// The signing input and the signature of a JWS's first signature: what a bare Ed25519 verify
/// of the same bytes checks (the floor the benchmarks set verification against).
#[must_use]
pub fn signed_parts(jws: &str) -> (Vec<u8>, Vec<u8>) {
    let parsed = labourlink::jws::parse(
        jws.as_bytes(),
        labourlink::json::Limits::default(),
        &labourlink::jws::AlgorithmPolicy::default(),
    )
    .unwrap();
    let signature = &parsed.signatures[0];
    (parsed.signing_input(signature), signature.signature.clone())
}

#[must_use]
pub fn fixture() -> Fixture {
    let si_key = SigningKey::from_seed(&[7; 32], SI_KID).unwrap();
    let hr_key = SigningKey::from_seed(&[8; 32], HR_KID).unwrap();
    let anchor = SigningKey::from_seed(&[9; 32], ANCHOR_KID).unwrap();
    let mut list = TrustList::new(1, t("2027-01-01T00:00:00Z"));
    for (key, agency, types) in [
        (&si_key, SI_AGENCY, ["social_insurance.*", "receipt"]),
        (&hr_key, HR_AGENCY, ["worker_transfer.*", "receipt"]),
    ] {
        list.add_key(KeyRecord::new(
            key.kid(),
            "513400",
            agency,
            key.verifying_key(),
            t("2026-01-01T00:00:00Z"),
            None,
            types.iter().map(|s| (*s).to_owned()).collect(),
        ))
        .unwrap();
    }
    Fixture {
        clock: FixedClock(t(NOW)),
        si_key,
        hr_key,
        anchor,
        list,
    }
}

impl Fixture {
    /// The key that signs messages of `size`.
    #[must_use]
    pub fn signer(&self, size: Size) -> &SigningKey {
        match size {
            Size::Kb1 | Size::Kb3 => &self.si_key,
            Size::Kb30 => &self.hr_key,
        }
    }

    /// Message `index` of `size`: the signed JWS (general JSON serialization).
    #[must_use]
    pub fn message(&self, size: Size, index: usize) -> String {
        labourlink::sign(&document(size, index), &[self.signer(size)]).unwrap()
    }

    /// The trust list signed by Ningbo's anchor (what `labourlink verify` loads).
    #[must_use]
    pub fn signed_trust_list(&self) -> String {
        self.list
            .sign(
                &self.anchor,
                Party::new(REGION, "11330200MB0P21461X").named("宁波市人力资源和社会保障局"),
                &self.clock,
            )
            .unwrap()
    }

    /// A verifier: stages 1–5, plus the schema stage (6), the rules stage (7) and replay
    /// protection (8) as asked (the library's default runs all of them; the others are
    /// switched off through `dangerous()` to measure each stage's cost).
    #[must_use]
    pub fn verifier(&self, schema: bool, rules: bool, replay: bool) -> Verifier {
        // The 30 KB roster is the catalogue example's date (March): a maximum age of a year
        // keeps it live; the check costs the same whatever the limit.
        let mut d = Verifier::builder()
            .trust_list(self.list.clone())
            .region(REGION)
            .clock(self.clock)
            .max_age_seconds(366 * 86_400)
            .dangerous();
        if !schema {
            d = d.skip_schema();
        }
        if !rules {
            d = d.skip_rules();
        }
        let b = if replay {
            d.done()
                .replay_guard(Arc::new(InMemoryReplayGuard::default()))
        } else {
            d.without_replay_guard().done()
        };
        b.build().unwrap()
    }
}

/// The business-rules stage with its default parameters.
#[must_use]
pub fn rules_stage() -> labourlink::rules::stage::RulesStage {
    labourlink::rules::stage::RulesStage::default()
}

/// The document of message `index` of `size`.
#[must_use]
pub fn document(size: Size, index: usize) -> Value {
    let mut doc = labourlink::schema::example(size.message_type()).unwrap();
    match size {
        Size::Kb1 => {
            // The example receipt goes from Ningbo to Liangshan: turn it round so that every
            // message is addressed to the verifier (330200) and signed by a Liangshan key.
            let from = doc["from"].clone();
            doc["from"] = doc["to"].clone();
            doc["to"] = from;
        }
        Size::Kb3 => {}
        Size::Kb30 => doc["body"]["workers"] = Value::Array(workers(&doc, ROSTER_WORKERS)),
    }
    // A distinct UUID per message (the example's, with the last 12 hex digits replaced).
    let id = doc["id"].as_str().unwrap();
    doc["id"] = Value::String(format!("{}{index:012x}", &id[..24]));
    doc
}

/// `n` workers built from the roster example's first worker: lines 1..=n, distinct names,
/// citizen IDs (valid check characters, same birth date and sex) and phone numbers.
fn workers(doc: &Value, n: usize) -> Vec<Value> {
    const SURNAMES: [&str; 10] = [
        "吉克", "阿说", "沙马", "阿苏", "马海", "曲比", "勒格", "吉伍", "海来", "俄木",
    ];
    const GIVEN: [&str; 10] = [
        "样例", "测试", "示例", "演示", "拉则", "木呷", "阿依", "伍呷", "子哈", "尔古",
    ];
    let template = &doc["body"]["workers"][0];
    let id0 = template["person"]["citizen_id"].as_str().unwrap();
    (0..n)
        .map(|i| {
            let mut w = template.clone();
            w["line"] = json!(i + 1);
            w["person"]["name"] = json!(format!("{}{}", SURNAMES[i % 10], GIVEN[(i / 10) % 10]));
            // Serial digits 15–16 vary, digit 17 stays odd (male), check character recomputed.
            let first17 = format!("{}{:02}{}", &id0[..14], i % 100, 2 * ((i / 100) % 5) + 1);
            let check = labourlink::rules::ids::citizen_id_check_char(&first17).unwrap();
            w["person"]["citizen_id"] = json!(format!("{first17}{check}"));
            w["person"]["phone"] = json!(format!("138{:08}", i + 1));
            w
        })
        .collect()
}

/// A replay guard large enough for a benchmark run.
#[must_use]
pub fn replay_guard() -> Arc<InMemoryReplayGuard> {
    Arc::new(InMemoryReplayGuard::default())
}
