//! The fixed world the targets run in: the conformance test keys (`conformance/keys`), their
//! signed trust lists, the pinned anchor, and a fixed clock. Everything is built once per
//! process and shared; nothing reads the system clock except the inbox node, whose trust list
//! must be fresh when the node starts (see [`node`]).

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use labourlink::envelope::Party;
use labourlink::keys::SigningKey;
use labourlink::time::{FixedClock, Timestamp};
use labourlink::trust::{Anchor, DEFAULT_GRACE_SECONDS, TrustList};
use labourlink_exchange::{Limits, Node};
use labourlink_store::Store;
use serde_json::Value;

/// The instant most conformance vectors verify at.
pub const NOW: &str = "2026-11-27T08:00:00Z";

/// The key files of `conformance/keys` (public JWK, Ed25519 seed or the PEM file's name).
const KEY_FILES: &[&str] = &[
    include_str!("../../conformance/keys/ningbo.json"),
    include_str!("../../conformance/keys/liangshan.json"),
    include_str!("../../conformance/keys/qianxinan.json"),
    include_str!("../../conformance/keys/liangshan-sm2.json"),
    include_str!("../../conformance/keys/nb-si.json"),
    include_str!("../../conformance/keys/nb-hr.json"),
    include_str!("../../conformance/keys/nb-wj.json"),
    include_str!("../../conformance/keys/ls-si.json"),
    include_str!("../../conformance/keys/ls-hr.json"),
    include_str!("../../conformance/keys/xc-school.json"),
    include_str!("../../conformance/keys/qxn-wj.json"),
];

/// The private keys that are PEM files, by file name.
const PEM_FILES: &[(&str, &str)] = &[
    (
        "qianxinan.pem",
        include_str!("../../conformance/keys/qianxinan.pem"),
    ),
    (
        "liangshan-sm2.pem",
        include_str!("../../conformance/keys/liangshan-sm2.pem"),
    ),
];

const ANCHOR: &str = include_str!("../../conformance/keys/anchor.json");

/// The signed trust lists the verify target chooses from: the catalogue parties (USCC agency
/// codes, the `schemas/examples` documents) and the SM2 list (Ningbo, Liangshan with Ed25519
/// and SM2, Qianxinan with ES256).
const TRUST_LISTS: &[&str] = &[
    include_str!("../../conformance/keys/trust-lists/catalogue.jws"),
    include_str!("../../conformance/keys/trust-lists/sm2.jws"),
];

/// The shared fixtures.
pub struct Fixtures {
    /// The pinned trust anchor (`330200-anchor-2026`).
    pub anchors: Vec<Anchor>,
    /// The anchor's private key, to sign fuzzed trust lists.
    pub anchor_key: SigningKey,
    /// Every conformance signing key, by kid.
    pub keys: BTreeMap<String, SigningKey>,
    /// The trust lists of [`TRUST_LISTS`], loaded at [`NOW`].
    pub lists: Vec<TrustList>,
    /// [`NOW`].
    pub now: Timestamp,
}

fn hex(s: &str) -> Option<[u8; 32]> {
    let b = s.as_bytes();
    if b.len() != 64 {
        return None;
    }
    let mut out = [0_u8; 32];
    for (i, pair) in b.chunks(2).enumerate() {
        let text = std::str::from_utf8(pair).ok()?;
        out[i] = u8::from_str_radix(text, 16).ok()?;
    }
    Some(out)
}

fn signing_key(file: &Value) -> Option<SigningKey> {
    let kid = file["kid"].as_str()?;
    if let Some(seed) = file["seed_hex"].as_str() {
        return SigningKey::from_seed(&hex(seed)?, kid).ok();
    }
    let name = file["private_pem_file"].as_str()?;
    let pem = PEM_FILES.iter().find(|(n, _)| *n == name)?.1;
    SigningKey::from_pem(pem, kid).ok()
}

fn build() -> Fixtures {
    let parse = |s: &str| serde_json::from_str::<Value>(s).unwrap_or(Value::Null);
    let anchor_file = parse(ANCHOR);
    let anchors: Vec<Anchor> = Anchor::from_jwk(&anchor_file["public_jwk"])
        .into_iter()
        .collect();
    assert_eq!(anchors.len(), 1, "conformance/keys/anchor.json must load");
    let anchor_key = signing_key(&anchor_file);
    let keys: BTreeMap<String, SigningKey> = KEY_FILES
        .iter()
        .filter_map(|f| signing_key(&parse(f)))
        .map(|k| (k.kid().to_owned(), k))
        .collect();
    assert_eq!(keys.len(), KEY_FILES.len(), "every test key must load");
    let now = Timestamp::parse(NOW).ok();
    let now = now.unwrap_or_else(|| unreachable_fixture("NOW"));
    let lists: Vec<TrustList> = TRUST_LISTS
        .iter()
        .filter_map(|jws| {
            TrustList::load(
                jws.trim().as_bytes(),
                &anchors,
                &FixedClock(now),
                DEFAULT_GRACE_SECONDS,
            )
            .ok()
        })
        .collect();
    assert_eq!(lists.len(), TRUST_LISTS.len(), "every trust list must load");
    Fixtures {
        anchors,
        anchor_key: anchor_key.unwrap_or_else(|| unreachable_fixture("anchor key")),
        keys,
        lists,
        now,
    }
}

fn unreachable_fixture(what: &str) -> ! {
    panic!("fixture {what} does not load")
}

/// The shared fixtures, built on first use.
pub fn fixtures() -> &'static Fixtures {
    static F: OnceLock<Fixtures> = OnceLock::new();
    F.get_or_init(build)
}

impl Fixtures {
    /// The signing key a trust list gives to `from` (region, agency), or its first key.
    pub fn key_for(&self, list: &TrustList, from: Option<(&str, &str)>) -> Option<&SigningKey> {
        let record = from
            .and_then(|(region, agency)| {
                list.keys()
                    .iter()
                    .find(|r| r.region == region && r.agency == agency)
            })
            .or_else(|| list.keys().first())?;
        self.keys.get(&record.kid)
    }
}

/// An inbox node (Ningbo, `330200` / `12330200MB0K617093`, the catalogue key `330200-si-cat`)
/// with a **fresh** in-memory SQLite store, trusting the catalogue parties through a list the
/// conformance anchor signed once per process, valid from [`NODE_LIST_FROM`] to
/// [`NODE_LIST_UNTIL`]: a node loads its trust list at the system clock, and a list that went
/// stale, or a store that remembered earlier inputs, would make an input's outcome depend on
/// the day or on what ran before it. Each call builds a new node (a few hundred
/// microseconds), so every fuzz input meets the same empty store.
///
/// # Panics
/// When the fixture cannot be built (a broken fixture, not a finding).
#[must_use]
pub fn node() -> Node {
    build_node().unwrap_or_else(|e| panic!("inbox node fixture: {e}"))
}

/// When the node's trust list was issued: before every catalogue example's `issued_at`, so
/// that a message judged an hour after it was issued is judged under this list.
pub const NODE_LIST_FROM: &str = "2026-01-01T00:00:00Z";
/// The node's trust list's `next_update`: far enough ahead that the list never goes stale
/// while the corpus is in use.
pub const NODE_LIST_UNTIL: &str = "2036-01-01T00:00:00Z";

/// The node's trust list, signed by the conformance anchor (once per process).
fn node_list() -> Result<&'static [u8], String> {
    static L: OnceLock<Result<Vec<u8>, String>> = OnceLock::new();
    L.get_or_init(|| {
        let f = fixtures();
        let from = Timestamp::parse(NODE_LIST_FROM).map_err(|e| e.to_string())?;
        let catalogue = f.lists.first().ok_or("no catalogue trust list")?;
        let mut body = catalogue.to_body();
        body["next_update"] = Value::String(NODE_LIST_UNTIL.to_owned());
        let list = TrustList::from_body(&body).map_err(|e| e.to_string())?;
        let anchor_party = Party::new("330200", "NB-ANCHOR");
        let jws = list
            .sign(&f.anchor_key, anchor_party, &FixedClock(from))
            .map_err(|e| e.to_string())?;
        Ok(jws.into_bytes())
    })
    .as_ref()
    .map(Vec::as_slice)
    .map_err(Clone::clone)
}

fn build_node() -> Result<Node, String> {
    let f = fixtures();
    let jws = node_list()?;
    // In memory: the decisions are the same as on a file, without an fsync per message and
    // without files left behind by every fuzzing or test process.
    let store = Arc::new(Store::init("sqlite::memory:").map_err(|e| e.to_string())?);
    let me = Party::new("330200", "12330200MB0K617093");
    let key = f.keys.get("330200-si-cat").ok_or("no key 330200-si-cat")?;
    // A receipt key of the node's own: SigningKey is not Clone.
    let key = SigningKey::from_pkcs8(&key.to_pkcs8(), key.kid()).map_err(|e| e.to_string())?;
    Node::new(
        store,
        jws,
        &f.anchors,
        key,
        me,
        Limits::default().client_rate(0, 0),
    )
    .map_err(|e| e.to_string())
}
