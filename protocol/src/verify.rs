//! The implementation of [`crate::verify`] (private: its public items are re-exported there).

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::envelope_imp::{CheckedDocument, Document, Party};
use crate::error_imp::{Error, ErrorCode, Result, Violation};
use crate::json_imp::Limits;
use crate::jws_imp::{self as jws, AlgorithmPolicy};
use crate::keys_imp::Algorithm;
use crate::time_imp::{Clock, SystemClock, Timestamp};
use crate::trust_imp::{DEFAULT_GRACE_SECONDS, KeyRecord, KeyStatus, TrustList, TrustStore};

pub use crate::time_imp::{DEFAULT_LEEWAY_SECONDS, MAX_LEEWAY_SECONDS, MAX_TIME_SETTING_SECONDS};

pub use crate::envelope_imp::{digest, parse_canonical_payload};

/// A pluggable pipeline stage (schema, business rules). It sees a document whose signature,
/// canonical form and envelope have been verified.
pub trait Stage: Send + Sync {
    /// Checks the document. An `Err` rejects the message; the returned violations are kept as
    /// warnings on the [`Verified`] result.
    ///
    /// # Errors
    /// The stage's rejection (`schema.invalid`, `rule.*`).
    fn check(&self, document: &Document) -> Result<Vec<Violation>>;

    /// Checks that involve the earlier message a reply answers (run by
    /// [`Verifier::verify_reply`] after [`Stage::check`]): e.g. the fund transfer's amount
    /// against the information table's, a deadline counted from the earlier message.
    /// The default checks nothing.
    ///
    /// # Errors
    /// The stage's rejection.
    fn check_reply(&self, reply: &Document, earlier: &Document) -> Result<Vec<Violation>> {
        let _ = (reply, earlier);
        Ok(Vec::new())
    }
}

/// What a verifier knows of the message catalogue: which types exist, which are long-lived
/// documents, the schema and rules stages, and the reply rules. The `labourlink` crate's
/// `Catalogue` is the profile applications use; [`ProtocolOnly`] knows no catalogue (every
/// well-formed type, no schema or rules stage, replies checked by `in_reply_to` only).
pub trait Profile: Send + Sync + 'static {
    /// Whether `message_type` exists (`envelope.unknown_type` otherwise).
    fn knows_type(&self, message_type: &str) -> bool {
        crate::envelope_imp::is_type_name(message_type)
    }

    /// Whether `message_type` is a long-lived document: no maximum age in live verification.
    fn is_long_lived(&self, message_type: &str) -> bool {
        let _ = message_type;
        false
    }

    /// The schema stage (stage 6) a default verifier runs.
    fn schema_stage(&self) -> Option<Arc<dyn Stage>> {
        None
    }

    /// The business-rules stage (stage 7) a default verifier runs.
    fn rules_stage(&self) -> Option<Arc<dyn Stage>> {
        None
    }

    /// Whether this profile is code of the application's own rather than one this SDK ships
    /// ([`ProtocolOnly`] and the `labourlink` crate's `Catalogue`, which return `false`). A
    /// profile decides which types are long-lived (no maximum age) and which schema and rules
    /// stages run, so a profile of your own weakens verification as a custom stage does: a
    /// verifier is built on one only through
    /// [`DangerousBuilder::custom_profile`], and [`Verifier::custom_stages`] reports its stages
    /// as custom. Keep the default (`true`) in a profile of your own.
    fn is_custom(&self) -> bool {
        true
    }

    /// Checks that `reply` may answer `earlier` (the flow table), run by the reply methods of
    /// [`Verifier`] before the schema stage. The default checks `in_reply_to` only.
    ///
    /// # Errors
    /// `envelope.unexpected_reply`.
    fn check_reply(&self, reply: &Document, earlier: &Document) -> Result<()> {
        if reply.in_reply_to.as_deref() == Some(earlier.id.as_str()) {
            Ok(())
        } else {
            Err(Error::new(
                ErrorCode::EnvelopeUnexpectedReply,
                "in_reply_to is not the id of the earlier message",
            )
            .at("/in_reply_to"))
        }
    }
}

/// The profile without a catalogue: the protocol alone (see [`Profile`]'s defaults).
#[derive(Debug, Clone, Copy, Default)]
pub struct ProtocolOnly;

impl Profile for ProtocolOnly {
    fn is_custom(&self) -> bool {
        false
    }
}

/// What a replay record is keyed by: the issuer (`from.region`, `from.agency`) and the message
/// id, since ids are unique per issuer (DESIGN §5), not globally.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ReplayKey<'a> {
    /// `from.region` of the message.
    pub region: &'a str,
    /// `from.agency` of the message.
    pub agency: &'a str,
    /// The message `id`.
    pub id: &'a str,
}

/// Replay protection: remembers the issuers, ids and digests of accepted messages.
///
/// The contract every implementation keeps (in memory, SQLite, PostgreSQL): **an entry is
/// never dropped before `keep_until`** — the verifier sets `keep_until` to the last instant the
/// message would still verify (see [`Verifier`]: maximum age, `expires_at`, leeway), so a
/// message can never be accepted twice. A guard that cannot record a new entry without
/// dropping a live one refuses the message (`replay.capacity`) instead: fail closed.
pub trait ReplayGuard: Send + Sync {
    /// Records `(key, digest)` or refuses it. The check and the record are one atomic step.
    ///
    /// # Errors
    /// `replay.duplicate` for the same key and digest, `replay.conflict` for the same key with
    /// another digest, `replay.capacity` when the guard is full of live entries.
    fn check_and_record(
        &self,
        key: &ReplayKey<'_>,
        digest: &str,
        now: Timestamp,
        keep_until: Timestamp,
    ) -> Result<()>;

    /// Whether several verifiers, with settings of their own, record in this guard (a durable
    /// store): their records are then kept at least as long as a verifier with the default
    /// maximum age would accept the message ([`Verifier::replay_keep_until`]), not only for
    /// the recording verifier's window. `false` by default (a guard of one verifier).
    fn is_shared(&self) -> bool {
        false
    }
}

/// The least time a replay record shared by several verifiers (a durable store) is kept for
/// a message issued at `issued_at`, first seen at `now`: until a verifier with default
/// settings would no longer accept it — for a `long_lived` type (no maximum age by default)
/// for good, otherwise the default maximum age ([`DEFAULT_MAX_AGE_SECONDS`]) with the largest
/// leeway a verifier may have — or its `expires_at` plus that leeway, whichever is earlier,
/// and not before `now`.
///
/// ```
/// use labourlink_protocol::time::Timestamp;
/// use labourlink_protocol::verify::{shared_keep_until, DEFAULT_MAX_AGE_SECONDS};
/// let t = Timestamp::from_unix_seconds;
/// let kept = shared_keep_until(t(0), None, false, t(60));
/// assert!(kept >= t(DEFAULT_MAX_AGE_SECONDS));
/// assert!(shared_keep_until(t(0), Some(t(3600)), false, t(60)) < t(86_400));
/// // A long-lived document (a certificate): for good, unless it expires.
/// assert!(shared_keep_until(t(0), None, true, t(60)) > t(100 * 365 * 86_400));
/// assert!(shared_keep_until(t(0), Some(t(3600)), true, t(60)) < t(86_400));
/// ```
#[must_use]
pub fn shared_keep_until(
    issued_at: Timestamp,
    expires_at: Option<Timestamp>,
    long_lived: bool,
    now: Timestamp,
) -> Timestamp {
    let leeway = crate::time_imp::MAX_LEEWAY_SECONDS;
    let by_age = if long_lived {
        Timestamp::from_unix_seconds(i64::MAX)
    } else {
        issued_at
            .add_seconds(DEFAULT_MAX_AGE_SECONDS)
            .add_seconds(leeway)
    };
    let until = expires_at.map_or(by_age, |e| by_age.min(e.add_seconds(leeway)));
    until.add_seconds(leeway).max(now.add_seconds(leeway))
}

/// An in-memory [`ReplayGuard`] with expiry and a size bound; the verifier's default.
///
/// Entries are kept until their `keep_until`. When the guard is full of entries that have not
/// expired, it **refuses** new messages with `replay.capacity` rather than evicting an entry
/// (evicting would let a partner flush other partners' entries by sending many messages, and
/// make the evicted messages acceptable again). Size the capacity above the number of
/// messages received per maximum-age window; a durable store is the answer for restarts and
/// several processes.
///
/// ```
/// use labourlink_protocol::verify::{InMemoryReplayGuard, ReplayGuard, ReplayKey};
/// use labourlink_protocol::time::Timestamp;
/// let t = Timestamp::from_unix_seconds;
/// let guard = InMemoryReplayGuard::new(1);
/// let key = ReplayKey { region: "513400", agency: "LS-SI", id: "a" };
/// guard.check_and_record(&key, "d", t(0), t(100)).unwrap();
/// let other = ReplayKey { id: "b", ..key };
/// // Full of a live entry: refused, not evicted…
/// assert_eq!(guard.check_and_record(&other, "d", t(1), t(100)).unwrap_err().code().as_str(),
///            "replay.capacity");
/// // …until the entry has expired.
/// guard.check_and_record(&other, "d", t(101), t(200)).unwrap();
/// ```
#[derive(Debug)]
pub struct InMemoryReplayGuard {
    capacity: usize,
    state: Mutex<ReplayState>,
}

/// One key for an issuer and message id: the three parts, each after its length in bytes, in
/// one string (unambiguous whatever the parts contain; one allocation instead of three).
fn replay_id(key: &ReplayKey<'_>) -> String {
    use std::fmt::Write as _;
    let mut id = String::with_capacity(key.region.len() + key.agency.len() + key.id.len() + 12);
    for part in [key.region, key.agency] {
        // Writing to a String cannot fail.
        let _ = write!(id, "{}:", part.len());
        id.push_str(part);
    }
    id.push_str(key.id);
    id
}

/// What the guard holds for one key.
#[derive(Debug)]
struct ReplayEntry {
    digest: String,
}

#[derive(Debug, Default)]
struct ReplayState {
    entries: HashMap<String, ReplayEntry>,
    /// Entries by the instant they may go, then by insertion: integer keys only, so an insert
    /// compares no strings however many entries share a `keep_until`.
    by_expiry: BTreeMap<(Timestamp, u64), String>,
    inserted: u64,
}

impl InMemoryReplayGuard {
    /// Default capacity: one million entries.
    pub const DEFAULT_CAPACITY: usize = 1_000_000;

    /// A guard holding at most `capacity` entries.
    #[must_use]
    pub fn new(capacity: usize) -> Self {
        Self {
            capacity: capacity.max(1),
            state: Mutex::new(ReplayState::default()),
        }
    }

    /// The number of entries held.
    #[must_use]
    pub fn len(&self) -> usize {
        self.lock().entries.len()
    }

    /// Whether the guard is empty.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The capacity.
    #[must_use]
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// Drops the entries whose `keep_until` is before `now` and returns how many were dropped.
    pub fn purge_expired(&self, now: Timestamp) -> usize {
        let mut st = self.lock();
        Self::purge(&mut st, now)
    }

    fn purge(st: &mut ReplayState, now: Timestamp) -> usize {
        let mut n = 0;
        while let Some(((exp, _), _)) = st.by_expiry.first_key_value() {
            if *exp >= now {
                break;
            }
            if let Some((_, key)) = st.by_expiry.pop_first() {
                st.entries.remove(&key);
                n += 1;
            }
        }
        n
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, ReplayState> {
        match self.state.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        }
    }
}

impl Default for InMemoryReplayGuard {
    fn default() -> Self {
        Self::new(Self::DEFAULT_CAPACITY)
    }
}

/// The error for a key already recorded: a duplicate (same digest) or a conflict. Shared by
/// every guard implementation so the codes and texts agree.
#[must_use]
pub fn replay_error(key: &ReplayKey<'_>, same_digest: bool) -> Error {
    let who = format!(
        "{}/{}",
        crate::error_imp::shown(key.region),
        crate::error_imp::shown(key.agency)
    );
    let id = crate::error_imp::shown(key.id);
    if same_digest {
        Error::new(
            ErrorCode::ReplayDuplicate,
            format!("message {id} from {who} was already received (same content): an idempotent redelivery"),
        )
        .at("/id")
    } else {
        Error::new(
            ErrorCode::ReplayConflict,
            format!("another message with id {id} from {who} was already received"),
        )
        .at("/id")
    }
}

impl ReplayGuard for InMemoryReplayGuard {
    fn check_and_record(
        &self,
        key: &ReplayKey<'_>,
        digest: &str,
        now: Timestamp,
        keep_until: Timestamp,
    ) -> Result<()> {
        let id = replay_id(key);
        let mut st = self.lock();
        Self::purge(&mut st, now);
        let full = st.entries.len() >= self.capacity;
        let ReplayState {
            entries,
            by_expiry,
            inserted,
        } = &mut *st;
        match entries.entry(id) {
            std::collections::hash_map::Entry::Occupied(e) => {
                Err(replay_error(key, e.get().digest == digest))
            }
            std::collections::hash_map::Entry::Vacant(_) if full => Err(Error::new(
                ErrorCode::ReplayCapacity,
                format!(
                    "the replay guard holds {} entries that must still be kept; the message is refused (fail closed) — raise the capacity or use a durable store",
                    self.capacity
                ),
            )),
            std::collections::hash_map::Entry::Vacant(e) => {
                by_expiry.insert((keep_until, *inserted), e.key().clone());
                *inserted += 1;
                e.insert(ReplayEntry {
                    digest: digest.to_owned(),
                });
                Ok(())
            }
        }
    }
}

/// Who signed a verified message.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SignerInfo {
    /// Key id.
    pub kid: String,
    /// Algorithm.
    pub alg: Algorithm,
    /// Region of the key record.
    pub region: String,
    /// Agency of the key record.
    pub agency: String,
}

/// A message that passed every stage. Only a `Verified` exposes the body.
#[derive(Debug, Clone)]
pub struct Verified {
    checked: CheckedDocument,
    payload: Vec<u8>,
    /// SHA-256 of `payload`, computed on first use: the replay guard, a receipt or the caller
    /// asks for it; a verification without them does not hash the payload a second time.
    digest: std::sync::OnceLock<String>,
    signers: Vec<SignerInfo>,
    warnings: Vec<Violation>,
}

impl Verified {
    /// The payload as signed: the document's RFC 8785 canonical JSON (stage 5 checked that it
    /// is canonical), whose SHA-256 is [`Verified::digest`]. Parsing it gives
    /// [`Verified::to_value`]; a caller that needs the document as JSON text (a binding, an
    /// archive, a forwarder) takes these bytes instead of serialising the document again.
    #[must_use]
    pub fn payload(&self) -> &[u8] {
        &self.payload
    }

    /// The payload, taking the result apart: for a caller that keeps only the payload (the
    /// document can be parsed from it again; its digest is [`Verified::digest`]) and lets the document's
    /// tree go now rather than later.
    #[must_use]
    pub fn into_payload(self) -> Vec<u8> {
        self.payload
    }

    /// The envelope fields.
    #[must_use]
    pub fn document(&self) -> &Document {
        &self.checked.document
    }

    /// The whole document as JSON (built on demand).
    #[must_use]
    pub fn to_value(&self) -> Value {
        self.checked.document.to_value()
    }

    /// The body as JSON.
    #[must_use]
    pub fn body(&self) -> &Value {
        &self.checked.document.body
    }

    /// The body as a typed Rust value.
    ///
    /// # Errors
    /// `schema.invalid` when the body does not fit `T`.
    pub fn body_as<T: DeserializeOwned>(&self) -> Result<T> {
        // serde's message quotes the offending value, which may be personal data: keep it out.
        T::deserialize(self.body()).map_err(|_| {
            Error::new(
                ErrorCode::SchemaInvalid,
                format!(
                    "the {} body does not fit the requested Rust type (use Verified::typed for the type's own checks)",
                    self.message_type()
                ),
            )
            .at("/body")
        })
    }

    /// The message type.
    #[must_use]
    pub fn message_type(&self) -> &str {
        &self.checked.document.message_type
    }

    /// The message id.
    #[must_use]
    pub fn id(&self) -> &str {
        &self.checked.document.id
    }

    /// `issued_at`, parsed.
    #[must_use]
    pub fn issued_at(&self) -> Timestamp {
        self.checked.issued_at
    }

    /// SHA-256 of the payload bytes, base64url: what receipts and duplicate detection use.
    /// Computed on first use (the replay guard asks for it during verification; without one,
    /// a verification that is never asked for its digest does not hash the payload).
    #[must_use]
    pub fn digest(&self) -> &str {
        self.digest
            .get_or_init(|| crate::envelope_imp::digest(&self.payload))
    }

    /// [`Verified::digest`] if it has been computed already (by the replay guard, or by an
    /// earlier call), without computing it: for a binding that hands the digest over lazily.
    #[must_use]
    pub fn digest_if_computed(&self) -> Option<&str> {
        self.digest.get().map(String::as_str)
    }

    /// The signers, in signature order; the first is the issuer.
    #[must_use]
    pub fn signers(&self) -> &[SignerInfo] {
        &self.signers
    }

    /// Warnings from the schema and rules stages (e.g. a missed deadline).
    #[must_use]
    pub fn warnings(&self) -> &[Violation] {
        &self.warnings
    }
}

#[derive(Clone)]
enum TrustSource {
    Fixed(Arc<TrustList>),
    Store(Arc<TrustStore>),
}

impl TrustSource {
    fn current(&self) -> Arc<TrustList> {
        match self {
            Self::Fixed(l) => Arc::clone(l),
            Self::Store(s) => s.current(),
        }
    }
}

/// Default maximum age of a transactional message in live verification: 30 days. A message
/// must reach the verifier within this time of its `issued_at`; the replay guard keeps each
/// entry at least this long, so what it forgets can no longer verify.
pub const DEFAULT_MAX_AGE_SECONDS: i64 = 30 * 24 * 3600;

/// Default live window for signatures of a key that was retired or reached `valid_until`, on
/// long-lived documents (no maximum age): 30 days after the retirement or expiry. Older ones
/// are checked with [`Verifier::verify_archived`].
pub const DEFAULT_RETIRED_KEY_WINDOW_SECONDS: i64 = 30 * 24 * 3600;

/// How a message is checked against time: as it arrives, or re-checked from an archive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Arriving now: maximum age per type, retired/expired keys only within their window,
    /// replay recorded.
    Live,
    /// Re-checked from storage: key retirement and expiry judged at `first_seen` (when the
    /// message was first received and recorded, or acknowledged by a receipt), no maximum age,
    /// no replay record.
    Archival { first_seen: Timestamp },
}

/// Finds the earlier message a document answers (its `in_reply_to`): its document and digest,
/// or `None` when it is not known (then the document is checked on its own).
pub type EarlierLookup<'a> = dyn Fn(&Document) -> Option<(Document, String)> + 'a;

/// The earlier message a reply answers, with its digest when known.
#[derive(Clone, Copy)]
struct Earlier<'a> {
    document: &'a Document,
    digest: Option<&'a str>,
}

/// Which replay guard a verifier uses.
#[derive(Clone)]
enum ReplaySetting {
    /// A new [`InMemoryReplayGuard`] with the default capacity, made by `build()`.
    Default,
    /// The caller's guard (e.g. a durable store).
    Given(Arc<dyn ReplayGuard>),
    /// None (only through [`DangerousBuilder::without_replay_guard`]).
    Off,
}

/// Every setting of a verifier, held once by the builder and once by the verifier.
#[derive(Clone)]
struct Settings {
    agencies: Vec<String>,
    clock: Arc<dyn Clock>,
    leeway: i64,
    max_age: Option<i64>,
    max_age_types: Vec<(String, Option<i64>)>,
    retired_window: i64,
    policy: AlgorithmPolicy,
    limits: Limits,
    grace: i64,
    schema: Option<Arc<dyn Stage>>,
    rules: Option<Arc<dyn Stage>>,
    /// The schema stage is code given through [`DangerousBuilder::custom_schema_stage`].
    custom_schema: bool,
    /// The rules stage is code given through [`DangerousBuilder::custom_rules_stage`].
    custom_rules: bool,
    /// A profile of the application's own ([`Profile::is_custom`]) was accepted through
    /// [`DangerousBuilder::custom_profile`].
    custom_profile: bool,
    any_audience: bool,
    required_signers: usize,
    required_parties: Vec<Party>,
}

/// Verifies messages. Build one with [`Verifier::builder`]; it is `Send + Sync` and cheap to
/// share between threads (clones share the replay guard).
///
/// **Secure by default**: a built verifier runs every stage — limits, JWS profile, key
/// resolution, signatures, canonical payload, envelope (audience, clock, a maximum age per
/// message type), the catalogue's schema, the business rules, and a replay guard (an
/// in-memory one unless you give a durable one). Weakening any of them is only possible
/// through [`VerifierBuilder::dangerous`].
///
/// ```
/// use labourlink_protocol::{sign, verify::Verifier};
/// use labourlink_protocol::envelope::{Document, Party};
/// use labourlink_protocol::keys::SigningKey;
/// use labourlink_protocol::time::{FixedClock, Timestamp};
/// use labourlink_protocol::trust::{KeyRecord, TrustList};
///
/// let t = |s: &str| Timestamp::parse(s).unwrap();
/// let clock = FixedClock(t("2026-11-27T08:00:00Z"));
/// // Ningbo's key, listed in Liangshan's trust list.
/// let key = SigningKey::from_seed(&[7; 32], "330200-si-2026a").unwrap();
/// let mut list = TrustList::new(1, t("2027-01-01T00:00:00Z"));
/// list.add_key(KeyRecord::new("330200-si-2026a", "330200", "NB-SI", key.verifying_key(),
///     t("2026-01-01T00:00:00Z"), None, vec!["receipt".into()])).unwrap();
///
/// // Ningbo acknowledges Liangshan's contact letter with a signed receipt.
/// let doc = Document::builder("receipt", Party::new("330200", "NB-SI"), Party::new("513400", "LS-SI"))
///     .in_reply_to("01a1340f-9980-7f57-9108-b4def719f101")
///     .body(serde_json::json!({
///         "received_id": "01a1340f-9980-7f57-9108-b4def719f101",
///         "received_digest": "B_zY3nqQ8y732wFt3HkWnz8VqHsHfi9UaA5L6Hwomso",
///         "status": "accepted"}))
///     .build(&clock).unwrap();
/// let jws = sign(&doc.to_value(), &[&key]).unwrap();
///
/// let verifier: Verifier = Verifier::builder().trust_list(list).region("513400").clock(clock).build().unwrap();
/// let verified = verifier.verify(jws.as_bytes()).unwrap();
/// assert_eq!(verified.body()["status"], "accepted");
/// // The same message again is a redelivery: the default replay guard refuses it.
/// assert_eq!(verifier.verify(jws.as_bytes()).unwrap_err().code().as_str(), "replay.duplicate");
///
/// let tampered = jws.replacen("eyJ", "eyK", 1);
/// assert!(verifier.verify(tampered.as_bytes()).is_err());
/// ```
pub struct Verifier<P: Profile = ProtocolOnly> {
    trust: TrustSource,
    region: String,
    replay: Option<Arc<dyn ReplayGuard>>,
    s: Settings,
    profile: Arc<P>,
}

impl<P: Profile> Clone for Verifier<P> {
    fn clone(&self) -> Self {
        Self {
            trust: self.trust.clone(),
            region: self.region.clone(),
            replay: self.replay.clone(),
            s: self.s.clone(),
            profile: Arc::clone(&self.profile),
        }
    }
}

impl<P: Profile> std::fmt::Debug for Verifier<P> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Verifier")
            .field("region", &self.region)
            .field("agencies", &self.s.agencies)
            .field("leeway", &self.s.leeway)
            .field("max_age", &self.s.max_age)
            .field("policy", &self.s.policy)
            .field("schema", &self.s.schema.is_some())
            .field("rules", &self.s.rules.is_some())
            .field("custom_schema", &self.s.custom_schema)
            .field("custom_rules", &self.s.custom_rules)
            .field("replay", &self.replay.is_some())
            .finish_non_exhaustive()
    }
}

/// Builds a [`Verifier`].
#[must_use]
pub struct VerifierBuilder<P: Profile = ProtocolOnly> {
    trust: Option<TrustSource>,
    region: Option<String>,
    replay: ReplaySetting,
    schema: StageSetting,
    rules: StageSetting,
    /// Patterns given no maximum age outside `dangerous()`: refused by `build`.
    exempted: Vec<String>,
    s: Settings,
    profile: Arc<P>,
}

/// Where the schema or rules stage of a verifier being built comes from.
#[derive(Clone)]
enum StageSetting {
    /// The profile's own (none for [`ProtocolOnly`]).
    Profile,
    /// Skipped through [`VerifierBuilder::dangerous`].
    Skipped,
    /// Code given through [`VerifierBuilder::dangerous`].
    Custom(Arc<dyn Stage>),
}

impl StageSetting {
    /// The stage a verifier runs, and whether it is custom code (given through
    /// `dangerous()`, or the stage of a profile of the application's own).
    fn resolve(
        self,
        own: Option<Arc<dyn Stage>>,
        custom_profile: bool,
    ) -> (Option<Arc<dyn Stage>>, bool) {
        match self {
            Self::Profile => {
                let custom = custom_profile && own.is_some();
                (own, custom)
            }
            Self::Skipped => (None, false),
            Self::Custom(stage) => (Some(stage), true),
        }
    }
}

impl<P: Profile> VerifierBuilder<P> {
    /// The trust list (a fixed one).
    pub fn trust_list(mut self, list: TrustList) -> Self {
        self.trust = Some(TrustSource::Fixed(Arc::new(list)));
        self
    }

    /// A trust store whose current list is used at each verification.
    pub fn trust_store(mut self, store: Arc<TrustStore>) -> Self {
        self.trust = Some(TrustSource::Store(store));
        self
    }

    /// The verifier's own region (GB/T 2260 code): messages must be addressed to it.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// The verifier's own agency (e.g. `NB-SI`): when set, `to.agency` must be it too
    /// (`envelope.wrong_audience` at `/to/agency`). Without it only `to.region` is checked.
    pub fn agency(mut self, agency: impl Into<String>) -> Self {
        self.s.agencies = vec![agency.into()];
        self
    }

    /// The agencies of the verifier's region it receives for (a node serving several
    /// agencies, e.g. a city's social-insurance and labour bureaus): `to.agency` must be one
    /// of them (`envelope.wrong_audience` at `/to/agency`). Replaces [`Self::agency`].
    pub fn agencies<I, S>(mut self, agencies: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.s.agencies = agencies.into_iter().map(Into::into).collect();
        self
    }

    /// The clock (default: the system clock).
    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        self.s.clock = Arc::new(clock);
        self
    }

    /// A shared clock.
    pub fn shared_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.s.clock = clock;
        self
    }

    /// Tolerated clock skew in seconds (default 300).
    ///
    /// [`VerifierBuilder::build`] refuses a negative value and one above
    /// [`MAX_LEEWAY_SECONDS`] (`input.invalid`): a larger "skew" would accept messages dated
    /// that far in the future.
    pub fn leeway_seconds(mut self, secs: i64) -> Self {
        self.s.leeway = secs;
        self
    }

    /// The maximum age of transactional messages, in seconds (default
    /// [`DEFAULT_MAX_AGE_SECONDS`], 30 days): older ones are `envelope.too_old`. Long-lived
    /// documents (the profile's long-lived documents) have none unless set with
    /// [`VerifierBuilder::max_age_for_type`]. To switch the limit off entirely (an archive
    /// or a relay) use [`DangerousBuilder::no_max_age`].
    /// A negative value is refused by [`VerifierBuilder::build`].
    pub fn max_age_seconds(mut self, secs: i64) -> Self {
        self.s.max_age = Some(secs);
        self
    }

    /// The maximum age for the types matching `pattern` (`*`, `domain.*` or a type), overriding
    /// the default. Later calls win over earlier ones for the same type.
    /// [`VerifierBuilder::build`] refuses a pattern of another form (`worker_*`), a type the
    /// profile does not know, and a negative age: a misspelt pattern would otherwise leave the
    /// default in force unnoticed. It also refuses `None` (no maximum age: any old message of
    /// those types accepted) — that weakens verification and is
    /// [`DangerousBuilder::no_max_age_for_type`]; the catalogue's long-lived documents need
    /// neither (they have no maximum age already).
    pub fn max_age_for_type(mut self, pattern: impl Into<String>, secs: Option<i64>) -> Self {
        let pattern = pattern.into();
        if secs.is_none() {
            self.exempted.push(pattern.clone());
        }
        self.s.max_age_types.insert(0, (pattern, secs));
        self
    }

    /// How long after a key's retirement (or `valid_until`) a live verifier still accepts the
    /// long-lived documents it signed before (default [`DEFAULT_RETIRED_KEY_WINDOW_SECONDS`]).
    /// Transactional messages are bounded by their maximum age instead.
    /// A negative value is refused by [`VerifierBuilder::build`].
    pub fn retired_key_window_seconds(mut self, secs: i64) -> Self {
        self.s.retired_window = secs;
        self
    }

    /// The algorithms accepted (default: all of [`Algorithm::ALL`]: Ed25519, ES256 and SM2SM3).
    pub fn algorithms(mut self, algs: &[Algorithm]) -> Self {
        self.s.policy.allowed = algs.to_vec();
        self
    }

    /// Accept the deprecated polymorphic `EdDSA` header as `Ed25519` (default: off).
    pub fn allow_eddsa_alias(mut self, allow: bool) -> Self {
        self.s.policy.allow_eddsa_alias = allow;
        self
    }

    /// JSON limits (default 1 MiB, depth 32; the depth is clamped to
    /// [`crate::json::MAX_DEPTH_CEILING`]).
    pub fn limits(mut self, limits: Limits) -> Self {
        self.s.limits = Limits::new(limits.max_bytes, limits.max_depth);
        self
    }

    /// Grace period after the trust list's `next_update` (default 7 days).
    /// A negative value is refused by [`VerifierBuilder::build`].
    pub fn stale_grace_seconds(mut self, secs: i64) -> Self {
        self.s.grace = secs;
        self
    }

    /// The replay guard (default: a new [`InMemoryReplayGuard`] per built verifier, shared by
    /// its clones). Give a durable one to survive restarts and to share between processes.
    pub fn replay_guard(mut self, guard: Arc<dyn ReplayGuard>) -> Self {
        self.replay = ReplaySetting::Given(guard);
        self
    }

    /// Replaces the profile, and with it the schema and rules stages the verifier runs
    /// (those skipped or replaced through [`VerifierBuilder::dangerous`] stay so). This is
    /// how the catalogue's own rules run with a region's parameters or signed reference data
    /// (`labourlink::refdata::VerifierBuilderExt`): the profile's stages are its checks, not
    /// code given in their place.
    pub fn profile(mut self, profile: P) -> Self {
        self.profile = Arc::new(profile);
        self
    }

    /// Require signatures of at least `n` **distinct parties** (region + agency) with distinct
    /// key material (default 1), e.g. 2 for a bilateral agreement. Two keys of one agency, or
    /// one key under two kids, count once.
    pub fn required_signers(mut self, n: usize) -> Self {
        self.s.required_signers = n.max(1);
        self
    }

    /// Require a signature of each of these parties (region + agency; names are ignored),
    /// e.g. both agencies of a bilateral agreement.
    pub fn required_parties(mut self, parties: Vec<Party>) -> Self {
        self.s.required_parties = parties;
        self
    }

    /// Switches that weaken verification. Use only when you know why.
    pub fn dangerous(self) -> DangerousBuilder<P> {
        DangerousBuilder(self)
    }

    /// Builds the verifier.
    ///
    /// # Errors
    /// `input.invalid` without a trust list, without a region or with a region that is not six
    /// digits, with an empty agency, with an empty algorithm list, with a negative time
    /// setting or a leeway above [`MAX_LEEWAY_SECONDS`], or with a `max_age_for_type` pattern
    /// that is not `*`, `domain.*` or a known type, or with a profile of your own
    /// ([`Profile::is_custom`]) not accepted through [`DangerousBuilder::custom_profile`].
    pub fn build(self) -> Result<Verifier<P>> {
        self.check_times()?;
        let trust = self
            .trust
            .ok_or_else(|| Error::new(ErrorCode::InputInvalid, "a trust list is required"))?;
        let region = self.region.ok_or_else(|| {
            Error::new(
                ErrorCode::InputInvalid,
                "the verifier's own region (e.g. 330200) is required",
            )
        })?;
        if !crate::envelope_imp::is_region_code(&region) {
            return Err(Error::new(
                ErrorCode::InputInvalid,
                format!(
                    "region '{}' is not a six-digit GB/T 2260 code",
                    crate::error_imp::shown(&region)
                ),
            ));
        }
        if self.s.agencies.iter().any(String::is_empty) {
            return Err(Error::new(
                ErrorCode::InputInvalid,
                "the verifier's agency must not be empty",
            ));
        }
        if self.s.policy.allowed.is_empty() {
            return Err(Error::new(
                ErrorCode::InputInvalid,
                "at least one algorithm must be allowed",
            ));
        }
        let replay = match self.replay {
            ReplaySetting::Default => {
                Some(Arc::new(InMemoryReplayGuard::default()) as Arc<dyn ReplayGuard>)
            }
            ReplaySetting::Given(g) => Some(g),
            ReplaySetting::Off => None,
        };
        let custom_profile = self.profile.is_custom();
        if custom_profile && !self.s.custom_profile {
            return Err(Error::new(
                ErrorCode::InputInvalid,
                "this verifier's profile is code of your own (Profile::is_custom): it decides which types have no maximum age and which schema and rules stages run, so it is accepted only through dangerous().custom_profile()",
            ));
        }
        let mut s = self.s;
        (s.schema, s.custom_schema) = self
            .schema
            .resolve(self.profile.schema_stage(), custom_profile);
        (s.rules, s.custom_rules) = self
            .rules
            .resolve(self.profile.rules_stage(), custom_profile);
        Ok(Verifier {
            trust,
            region,
            replay,
            s,
            profile: self.profile,
        })
    }
}

/// Options that weaken verification, reachable only through [`VerifierBuilder::dangerous`].
/// Each is named for what it gives up, so that it stands out in code review.
#[must_use]
pub struct DangerousBuilder<P: Profile = ProtocolOnly>(VerifierBuilder<P>);

impl<P: Profile> DangerousBuilder<P> {
    /// Accept messages addressed to any region (an archive or a relay, never a receiver).
    pub fn accept_any_audience(mut self) -> Self {
        self.0.s.any_audience = true;
        self
    }

    /// Skip the schema stage (stage 6): bodies are not checked against their JSON Schema.
    pub fn skip_schema(mut self) -> Self {
        self.0.schema = StageSetting::Skipped;
        self
    }

    /// Skip the business-rules stage (stage 7).
    pub fn skip_rules(mut self) -> Self {
        self.0.rules = StageSetting::Skipped;
        self
    }

    /// Runs `stage` — code of yours — as the schema stage (stage 6) instead of the profile's
    /// (for [`ProtocolOnly`], which has none, in addition to stages 1–5). The verifier then
    /// checks bodies only as well as `stage` does; [`Verifier::custom_stages`] tells.
    pub fn custom_schema_stage(mut self, stage: Arc<dyn Stage>) -> Self {
        self.0.schema = StageSetting::Custom(stage);
        self
    }

    /// Runs `stage` — code of yours — as the business-rules stage (stage 7) instead of the
    /// profile's. To run the catalogue's own rules with other parameters or reference data,
    /// change the profile instead ([`VerifierBuilder::profile`]): that needs no `dangerous()`.
    pub fn custom_rules_stage(mut self, stage: Arc<dyn Stage>) -> Self {
        self.0.rules = StageSetting::Custom(stage);
        self
    }

    /// Accepts a profile of your own ([`Profile::is_custom`]): its long-lived types have no
    /// maximum age and its schema and rules stages are code of yours, which
    /// [`Verifier::custom_stages`] then reports. Without this, [`VerifierBuilder::build`]
    /// refuses such a profile.
    pub fn custom_profile(mut self) -> Self {
        self.0.s.custom_profile = true;
        self
    }

    /// No replay guard: a message is accepted every time it is delivered.
    pub fn without_replay_guard(mut self) -> Self {
        self.0.replay = ReplaySetting::Off;
        self
    }

    /// No maximum age for the types matching `pattern` (`*`, `domain.*` or a type): a message
    /// of those types is accepted however old it is (replay protection then keeps its entry
    /// until `expires_at`, or for ever). Later calls of
    /// [`VerifierBuilder::max_age_for_type`] for the same types win.
    pub fn no_max_age_for_type(mut self, pattern: impl Into<String>) -> Self {
        self.0.s.max_age_types.insert(0, (pattern.into(), None));
        self
    }

    /// No maximum age for any type (an archive or a relay). Keys retired or expired are still
    /// bounded by the retired-key window; a replay guard then keeps entries until
    /// `expires_at`, or for ever.
    pub fn no_max_age(mut self) -> Self {
        self.0.s.max_age = None;
        self.0.s.max_age_types.clear();
        self
    }

    /// Back to the normal builder.
    pub fn done(self) -> VerifierBuilder<P> {
        self.0
    }
}

/// Why a signature may not verify, for the message: a length other than the 64 bytes every
/// algorithm of the profile uses (an ECDSA signature in DER — what Java's `SHA256withECDSA`,
/// .NET's default and Python's `cryptography` write — named as such), otherwise tampering or
/// another key. The length is the sender's own choice: saying it leaks nothing.
fn signature_hint(alg: Algorithm, signature: &[u8]) -> String {
    let len = signature.len();
    if len == 64 {
        return "the message was altered after signing, or signed with another key".to_owned();
    }
    let der = alg != Algorithm::Ed25519
        && signature.first() == Some(&0x30)
        && signature.get(1).map(|&l| usize::from(l) + 2) == Some(len);
    if der {
        format!(
            "it is {len} bytes of DER (an ASN.1 SEQUENCE of r and s); a JWS {alg} signature is the 64 bytes r‖s (RFC 7518 §3.4, IEEE P1363) — convert it, e.g. Java's SHA256withECDSAinP1363Format, .NET's DSASignatureFormat.IeeeP1363FixedFieldConcatenation"
        )
    } else {
        format!("it is {len} bytes; a JWS {alg} signature is 64 bytes")
    }
}

fn party_string(region: &str, agency: &str) -> String {
    format!(
        "{}/{}",
        crate::error_imp::shown(region),
        crate::error_imp::shown(agency)
    )
}

impl<P: Profile + Default> Verifier<P> {
    /// A builder with the defaults described in the module docs: every stage on — those of
    /// the profile `P` included. `labourlink_protocol::Verifier` is `Verifier<ProtocolOnly>`:
    /// no schema and no business rules (a profile without a catalogue); the application crate's
    /// `labourlink::Verifier` is `Verifier<Catalogue>`, with both.
    pub fn builder() -> VerifierBuilder<P> {
        Self::builder_with(P::default())
    }
}

impl<P: Profile> VerifierBuilder<P> {
    /// The time settings in range: no negative seconds, a leeway of at most
    /// [`MAX_LEEWAY_SECONDS`], `max_age_for_type` patterns of a known form and type.
    fn check_times(&self) -> Result<()> {
        let bad = |m: String| Err(Error::new(ErrorCode::InputInvalid, m));
        let s = &self.s;
        if !(0..=MAX_LEEWAY_SECONDS).contains(&s.leeway) {
            return bad(format!(
                "leeway_seconds {} is outside 0 to {MAX_LEEWAY_SECONDS}: clocks that far apart are \
                 not skew, and a larger leeway would accept messages dated in the future",
                s.leeway
            ));
        }
        for (name, v) in [
            ("max_age_seconds", s.max_age),
            ("retired_key_window_seconds", Some(s.retired_window)),
            ("stale_grace_seconds", Some(s.grace)),
        ] {
            if let Some(v) = v.filter(|v| !(0..=MAX_TIME_SETTING_SECONDS).contains(v)) {
                let hint = if name == "max_age_seconds" {
                    "; no maximum age at all is dangerous: Rust dangerous().no_max_age(), \
                     Python dangerous_no_max_age=True, JavaScript dangerous: {noMaxAge: true}"
                } else {
                    ""
                };
                return bad(format!(
                    "{name} is {v}: it must be from 0 to {MAX_TIME_SETTING_SECONDS} seconds (100 \
                     years){hint}"
                ));
            }
        }
        if let Some(pattern) = self.exempted.first() {
            return bad(format!(
                "max_age_for_type '{}' is None: accepting its messages however old they are \
                 weakens verification, and is dangerous — Rust \
                 dangerous().no_max_age_for_type(…), Python dangerous_no_max_age_for_types=[…], \
                 JavaScript dangerous: {{noMaxAgeForTypes: […]}}",
                crate::error_imp::shown(pattern)
            ));
        }
        for (pattern, secs) in &s.max_age_types {
            let exact = !pattern.ends_with(".*") && pattern != "*";
            if !crate::trust_imp::valid_pattern(pattern)
                || (exact && !self.profile.knows_type(pattern))
            {
                return bad(format!(
                    "max_age_for_type '{}' is neither '*', 'domain.*' nor a message type this \
                     verifier knows",
                    crate::error_imp::shown(pattern)
                ));
            }
            if let Some(v) = secs.filter(|v| !(0..=MAX_TIME_SETTING_SECONDS).contains(v)) {
                return bad(format!(
                    "max_age_for_type '{}' is {v}: it must be from 0 to \
                     {MAX_TIME_SETTING_SECONDS} seconds (100 years)",
                    crate::error_imp::shown(pattern)
                ));
            }
        }
        Ok(())
    }
}

impl<P: Profile> Verifier<P> {
    /// A builder for a given profile instance.
    pub fn builder_with(profile: P) -> VerifierBuilder<P> {
        let profile = Arc::new(profile);
        VerifierBuilder {
            trust: None,
            region: None,
            replay: ReplaySetting::Default,
            schema: StageSetting::Profile,
            rules: StageSetting::Profile,
            exempted: Vec::new(),
            profile,
            s: Settings {
                agencies: Vec::new(),
                clock: Arc::new(SystemClock),
                leeway: DEFAULT_LEEWAY_SECONDS,
                max_age: Some(DEFAULT_MAX_AGE_SECONDS),
                max_age_types: Vec::new(),
                retired_window: DEFAULT_RETIRED_KEY_WINDOW_SECONDS,
                policy: AlgorithmPolicy::default(),
                limits: Limits::default(),
                grace: DEFAULT_GRACE_SECONDS,
                schema: None,
                rules: None,
                custom_schema: false,
                custom_rules: false,
                custom_profile: false,
                any_audience: false,
                required_signers: 1,
                required_parties: Vec::new(),
            },
        }
    }

    /// The verifier's region.
    #[must_use]
    pub fn region(&self) -> &str {
        &self.region
    }

    /// The verifier's agency, when configured (the first, when it has several).
    #[must_use]
    pub fn agency(&self) -> Option<&str> {
        self.s.agencies.first().map(String::as_str)
    }

    /// Every agency the verifier receives for (empty: only `to.region` is checked).
    #[must_use]
    pub fn agencies(&self) -> &[String] {
        &self.s.agencies
    }

    /// The trust list in use now.
    #[must_use]
    pub fn trust_list(&self) -> Arc<TrustList> {
        self.trust.current()
    }

    /// The maximum age in seconds that applies to `message_type` in live verification
    /// (`None`: no limit, a long-lived document or a verifier built with `no_max_age`).
    #[must_use]
    pub fn max_age_for(&self, message_type: &str) -> Option<i64> {
        if let Some((_, a)) = self
            .s
            .max_age_types
            .iter()
            .find(|(p, _)| crate::trust_imp::type_matches(p, message_type))
        {
            return *a;
        }
        if self.profile.is_long_lived(message_type) {
            return None;
        }
        self.s.max_age
    }

    /// The size and depth limits this verifier parses with ([`VerifierBuilder::limits`]).
    #[must_use]
    pub fn limits(&self) -> Limits {
        self.s.limits
    }

    /// Which stages run: `(schema, rules, replay)`. A stage given through
    /// [`DangerousBuilder::custom_schema_stage`] or [`DangerousBuilder::custom_rules_stage`]
    /// counts as running; [`Verifier::custom_stages`] tells it apart.
    #[must_use]
    pub fn stages(&self) -> (bool, bool, bool) {
        (
            self.s.schema.is_some(),
            self.s.rules.is_some(),
            self.replay.is_some(),
        )
    }

    /// Whether the schema and rules stages are code of the application's own: given through
    /// `dangerous()` instead of the profile's, or the stages of a profile of its own
    /// ([`DangerousBuilder::custom_profile`]): `(schema, rules)`.
    #[must_use]
    pub fn custom_stages(&self) -> (bool, bool) {
        (self.s.custom_schema, self.s.custom_rules)
    }

    /// Runs the whole pipeline on one message, at the verifier clock's current time.
    ///
    /// # Errors
    /// The first failing stage's error; see the module docs for the order.
    pub fn verify(&self, bytes: &[u8]) -> Result<Verified> {
        self.verify_at(bytes, self.s.clock.now())
    }

    /// [`Verifier::verify`] at the instant `now` instead of the clock's (bindings pass the
    /// host's time; tests pass a fixed one).
    ///
    /// # Errors
    /// Those of [`Verifier::verify`].
    pub fn verify_at(&self, bytes: &[u8], now: Timestamp) -> Result<Verified> {
        let v = self.check(bytes, now, Mode::Live, None)?;
        self.record(&v, now)?;
        Ok(v)
    }

    /// Stages 1–7 of [`Verifier::verify_at`] **without stage 8**: nothing is recorded in the
    /// replay guard, so a message passed by `check_at` alone is not protected against replay.
    ///
    /// For a durable store that writes the replay record together with other state (its
    /// archive entry) in one transaction: call `check_at`, then record `(from.region,
    /// from.agency, id) → digest` until [`Verifier::replay_keep_until`] with the same
    /// contract as [`ReplayGuard::check_and_record`], refusing an existing live record with
    /// [`replay_error`] (`replay.duplicate` for the same digest, `replay.conflict` otherwise).
    ///
    /// # Errors
    /// Those of [`Verifier::verify`] but replay.
    pub fn check_at(&self, bytes: &[u8], now: Timestamp) -> Result<Verified> {
        self.check(bytes, now, Mode::Live, None)
    }

    /// [`Verifier::check_at`] for a message that answers `earlier` (with its digest): stages
    /// 1–7 plus the reply rules of [`Verifier::verify_reply_to`], nothing recorded. For a
    /// durable store that receives a reply to a message it archived as sent.
    ///
    /// # Errors
    /// Those of [`Verifier::verify_reply_to`] but replay.
    pub fn check_reply_to_at(
        &self,
        bytes: &[u8],
        earlier: &Document,
        earlier_digest: &str,
        now: Timestamp,
    ) -> Result<Verified> {
        let e = Earlier {
            document: earlier,
            digest: Some(earlier_digest),
        };
        self.check(bytes, now, Mode::Live, Some(e))
    }

    /// [`Verifier::check_at`] for a message that may be a reply to one the caller keeps (e.g.
    /// in its archive): once the document is read, and only when it has `in_reply_to`,
    /// `lookup` is asked for the earlier message; when it finds one, the reply rules of
    /// [`Verifier::check_reply_to_at`] apply. The message is parsed once.
    ///
    /// # Errors
    /// Those of [`Verifier::check_reply_to_at`].
    pub fn check_reply_lookup_at(
        &self,
        bytes: &[u8],
        now: Timestamp,
        lookup: &EarlierLookup<'_>,
    ) -> Result<Verified> {
        self.check_inner(bytes, now, Mode::Live, None, Some(lookup))
    }

    /// How long the durable replay record of `verified`, accepted at `now`, must be kept: the
    /// last instant it could still verify here (maximum age or `expires_at`), plus the leeway
    /// — the `keep_until` stage 8 passes to the replay guard — and never earlier than a
    /// verifier with default settings would still accept it ([`shared_keep_until`]: for good
    /// for a type this verifier's profile makes long-lived, even when this verifier gives it
    /// a maximum age): a store's records are shared by every verifier on it (a node,
    /// `verify --store`, a script with a shorter `max_age`), and a record purged after one
    /// verifier's shorter window could let another accept the same message again.
    #[must_use]
    pub fn replay_keep_until(&self, verified: &Verified, now: Timestamp) -> Timestamp {
        self.keep_until(verified, now).max(shared_keep_until(
            verified.issued_at(),
            verified.checked.expires_at,
            self.profile.is_long_lived(verified.message_type()),
            now,
        ))
    }

    /// Verifies a message that answers `earlier` (a message verified before): the whole
    /// pipeline, plus the profile's reply rules (the catalogue's flow table) — right type, from the
    /// right party, in the same case — and, for a `receipt`, that `received_id` and
    /// `received_digest` are the earlier message's; checked before the schema, rules and replay
    /// stages.
    ///
    /// # Errors
    /// Those of [`Verifier::verify`], and `envelope.unexpected_reply`.
    pub fn verify_reply(&self, bytes: &[u8], earlier: &Verified) -> Result<Verified> {
        self.verify_reply_to(bytes, earlier.document(), earlier.digest())
    }

    /// Like [`Verifier::verify_reply`], with the earlier message given as its document and the
    /// digest of its payload — for replies that arrive days later to a message you sent
    /// yourself or verified and stored (e.g. in a database). The caller vouches for `earlier`:
    /// it is not verified again.
    ///
    /// # Errors
    /// Those of [`Verifier::verify`], and `envelope.unexpected_reply`.
    pub fn verify_reply_to(
        &self,
        bytes: &[u8],
        earlier: &Document,
        earlier_digest: &str,
    ) -> Result<Verified> {
        let now = self.s.clock.now();
        let e = Earlier {
            document: earlier,
            digest: Some(earlier_digest),
        };
        let v = self.check(bytes, now, Mode::Live, Some(e))?;
        self.record(&v, now)?;
        Ok(v)
    }

    /// **Archival** verification: re-checks a message taken from storage, which was first
    /// received (recorded in the store, or acknowledged by a receipt) at `first_seen`.
    ///
    /// Differences from live [`Verifier::verify`]: no maximum age and no replay record; a key
    /// retired or past `valid_until` counts only if `first_seen` is before the retirement or
    /// the end of validity (so a retired key cannot sign new messages by backdating them,
    /// while genuine old messages keep verifying); `issued_at` must not be later than
    /// `first_seen` plus the leeway. Revoked keys still invalidate everything.
    ///
    /// # Errors
    /// Those of [`Verifier::verify`] but replay; `key.retired`/`key.expired` judged at
    /// `first_seen`.
    pub fn verify_archived(&self, bytes: &[u8], first_seen: Timestamp) -> Result<Verified> {
        self.check(
            bytes,
            self.s.clock.now(),
            Mode::Archival { first_seen },
            None,
        )
    }

    /// [`Verifier::verify_archived`] for a stored message that answers `earlier` (itself
    /// verified before, e.g. with [`Verifier::verify_archived`]): the archival time rules at
    /// `first_seen`, plus the reply rules of [`Verifier::verify_reply`] (LL-REPLY-001…005,
    /// and a receipt's binding to `earlier`) before the schema and rules stages; no replay
    /// record.
    ///
    /// # Errors
    /// Those of [`Verifier::verify_archived`], and `envelope.unexpected_reply`.
    pub fn verify_archived_reply(
        &self,
        bytes: &[u8],
        earlier: &Verified,
        first_seen: Timestamp,
    ) -> Result<Verified> {
        self.verify_archived_reply_to(bytes, earlier.document(), earlier.digest(), first_seen)
    }

    /// Like [`Verifier::verify_archived_reply`], with the earlier message given as its
    /// document and the digest of its payload, as [`Verifier::verify_reply_to`] takes them:
    /// the caller vouches for `earlier` (it is not verified again). The reply rules read the
    /// earlier message's envelope and digest only.
    ///
    /// # Errors
    /// Those of [`Verifier::verify_archived_reply`].
    pub fn verify_archived_reply_to(
        &self,
        bytes: &[u8],
        earlier: &Document,
        earlier_digest: &str,
        first_seen: Timestamp,
    ) -> Result<Verified> {
        let e = Earlier {
            document: earlier,
            digest: Some(earlier_digest),
        };
        self.check(
            bytes,
            self.s.clock.now(),
            Mode::Archival { first_seen },
            Some(e),
        )
    }

    /// Stage 8: records a message that passed stages 1–7 in the replay guard.
    fn record(&self, v: &Verified, now: Timestamp) -> Result<()> {
        let Some(guard) = &self.replay else {
            return Ok(());
        };
        let doc = v.document();
        let key = ReplayKey {
            region: &doc.from.region,
            agency: &doc.from.agency,
            id: &doc.id,
        };
        let keep_until = if guard.is_shared() {
            self.replay_keep_until(v, now)
        } else {
            self.keep_until(v, now)
        };
        guard.check_and_record(&key, v.digest(), now, keep_until)
    }

    /// The last instant a verified message would still verify here, plus the leeway: how
    /// long its replay entry must be kept.
    fn keep_until(&self, v: &Verified, now: Timestamp) -> Timestamp {
        let leeway = self.s.leeway;
        let by_age = self
            .max_age_for(v.message_type())
            .map(|a| v.issued_at().add_seconds(a).add_seconds(leeway));
        let by_expiry = v.checked.expires_at.map(|e| e.add_seconds(leeway));
        let until = match (by_age, by_expiry) {
            (Some(a), Some(e)) => a.min(e),
            (Some(a), None) => a,
            (None, Some(e)) => e,
            (None, None) => Timestamp::from_unix_seconds(i64::MAX),
        };
        until.add_seconds(leeway).max(now.add_seconds(leeway))
    }

    /// Stages 1–7.
    #[allow(clippy::too_many_lines)]
    fn check(
        &self,
        bytes: &[u8],
        now: Timestamp,
        mode: Mode,
        earlier: Option<Earlier<'_>>,
    ) -> Result<Verified> {
        self.check_inner(bytes, now, mode, earlier, None)
    }

    /// [`Verifier::check`] with, instead of a given earlier message, a lookup asked for it
    /// once the document is read — only when it has `in_reply_to`.
    fn check_inner(
        &self,
        bytes: &[u8],
        now: Timestamp,
        mode: Mode,
        earlier: Option<Earlier<'_>>,
        lookup: Option<&EarlierLookup<'_>>,
    ) -> Result<Verified> {
        let s = &self.s;
        // Stages 1–2.
        let parsed = jws::parse(bytes, s.limits, &s.policy)?;
        // Stage 3: key resolution.
        let list = self.trust.current();
        list.check_fresh(now, s.grace)?;
        let mut records: Vec<&KeyRecord> = Vec::with_capacity(parsed.signatures.len());
        for sig in &parsed.signatures {
            // Built only when a check fails: nothing is formatted for a message that passes.
            let at = || format!("{}/protected", sig.pointer);
            let rec = list.key(&sig.header.kid).ok_or_else(|| {
                Error::new(
                    ErrorCode::KeyUnknown,
                    format!(
                        "key id '{}' is not in the trust list (sequence {})",
                        crate::error_imp::shown(&sig.header.kid),
                        list.sequence
                    ),
                )
                .at(at())
            })?;
            if rec.alg != sig.header.alg {
                return Err(Error::new(
                    ErrorCode::KeyAlgorithmMismatch,
                    format!(
                        "header alg {} differs from key '{}' ({})",
                        sig.header.alg, rec.kid, rec.alg
                    ),
                )
                .at(at()));
            }
            if rec.status == KeyStatus::Revoked {
                return Err(Error::new(
                    ErrorCode::KeyRevoked,
                    format!(
                        "key '{}' is revoked; nothing it signed is accepted",
                        rec.kid
                    ),
                )
                .at(at()));
            }
            records.push(rec);
        }
        self.check_signer_set(&records)?;
        // Stage 4: signatures.
        let mut input = Vec::new();
        for (sig, rec) in parsed.signatures.iter().zip(&records) {
            rec.key
                .verify(parsed.signing_input_into(sig, &mut input), &sig.signature)
                .map_err(|e| {
                    Error::new(
                        e.code(),
                        format!(
                            "the message's signature {} by key '{}' ({}) does not verify: {}",
                            sig.pointer,
                            rec.kid,
                            rec.alg,
                            signature_hint(rec.alg, &sig.signature)
                        ),
                    )
                })?;
        }
        // Stage 5: payload and envelope.
        let value = crate::envelope_imp::parse_canonical(&parsed.payload, s.limits)?;
        let profile = &*self.profile;
        let checked = Document::from_json_with(value, &|t| profile.knows_type(t))?;
        let doc = &checked.document;
        for rec in &records {
            rec.check_issued_at(checked.issued_at)?;
        }
        if let Some(issuer) = records.first() {
            if issuer.region != doc.from.region || issuer.agency != doc.from.agency {
                return Err(Error::new(
                    ErrorCode::EnvelopeIssuerMismatch,
                    format!(
                        "from is {}, but key '{}' is registered for {}",
                        party_string(&doc.from.region, &doc.from.agency),
                        issuer.kid,
                        party_string(&issuer.region, &issuer.agency)
                    ),
                )
                .at("/from"));
            }
        }
        for rec in &records {
            if !rec.allows_type(&doc.message_type) {
                return Err(Error::new(
                    ErrorCode::EnvelopeTypeNotAllowed,
                    format!(
                        "key '{}' may sign {:?}, not '{}'",
                        rec.kid, rec.message_types, doc.message_type
                    ),
                )
                .at("/type"));
            }
        }
        if !s.any_audience {
            if doc.to.region != self.region {
                return Err(Error::new(
                    ErrorCode::EnvelopeWrongAudience,
                    format!(
                        "message is addressed to region {}, this verifier is {}",
                        crate::error_imp::shown(&doc.to.region),
                        self.region
                    ),
                )
                .at("/to/region"));
            }
            if !s.agencies.is_empty() && !s.agencies.contains(&doc.to.agency) {
                return Err(Error::new(
                    ErrorCode::EnvelopeWrongAudience,
                    format!(
                        "message is addressed to agency {}, this verifier is {}",
                        crate::error_imp::shown(&doc.to.agency),
                        s.agencies.join(", ")
                    ),
                )
                .at("/to/agency"));
            }
        }
        if checked.issued_at > now.add_seconds(s.leeway) {
            return Err(Error::new(
                ErrorCode::EnvelopeIssuedInFuture,
                format!(
                    "issued_at {} is later than now ({now}) plus the leeway of {} s",
                    doc.issued_at, s.leeway
                ),
            )
            .at("/issued_at"));
        }
        if let Some(exp) = checked.expires_at {
            if exp.add_seconds(s.leeway) < now {
                return Err(Error::new(
                    ErrorCode::EnvelopeExpired,
                    format!("message expired at {exp}"),
                )
                .at("/expires_at"));
            }
        }
        match mode {
            Mode::Live => self.check_live_time(&checked, &records, now)?,
            Mode::Archival { first_seen } => {
                self.check_archival_time(&checked, &records, first_seen)?;
            }
        }
        let found = match lookup {
            Some(f) if doc.in_reply_to.is_some() => f(doc),
            _ => None,
        };
        let earlier = earlier.or_else(|| {
            found.as_ref().map(|(d, g)| Earlier {
                document: d,
                digest: Some(g.as_str()),
            })
        });
        if let Some(e) = earlier {
            self.profile.check_reply(doc, e.document)?;
            check_reply_time(&checked, e.document, s.leeway)?;
        }
        check_receipt_binding(doc, earlier)?;
        // Stages 6–7.
        let mut warnings = Vec::new();
        if let Some(st) = &s.schema {
            warnings.extend(st.check(doc)?);
        }
        if let Some(r) = &s.rules {
            warnings.extend(r.check(doc)?);
            if let Some(e) = earlier {
                warnings.extend(r.check_reply(doc, e.document)?);
            }
        }
        let signers = records
            .iter()
            .map(|r| SignerInfo {
                kid: r.kid.clone(),
                alg: r.alg,
                region: r.region.clone(),
                agency: r.agency.clone(),
            })
            .collect();
        Ok(Verified {
            checked,
            payload: parsed.payload,
            digest: std::sync::OnceLock::new(),
            signers,
            warnings,
        })
    }

    /// Co-signatures count signers, not signatures: distinct parties with distinct key
    /// material, and every required party present.
    fn check_signer_set(&self, records: &[&KeyRecord]) -> Result<()> {
        let mut parties: Vec<(&str, &str)> = Vec::new();
        let mut keys: Vec<&crate::keys_imp::VerifyingKey> = Vec::new();
        let mut distinct = 0usize;
        for rec in records {
            let party = (rec.region.as_str(), rec.agency.as_str());
            let new_party = !parties.contains(&party);
            let new_key = !keys.contains(&&rec.key);
            if new_party && new_key {
                distinct += 1;
            }
            if new_party {
                parties.push(party);
            }
            if new_key {
                keys.push(&rec.key);
            }
        }
        if distinct < self.s.required_signers {
            return Err(Error::new(
                ErrorCode::EnvelopeMissingSigner,
                format!(
                    "{} signature(s) from {distinct} distinct part(ies) with distinct keys; this verifier requires {} (two keys of one agency, or one key under two ids, count once)",
                    records.len(),
                    self.s.required_signers
                ),
            )
            .at("/signatures"));
        }
        for p in &self.s.required_parties {
            if !parties.contains(&(p.region.as_str(), p.agency.as_str())) {
                return Err(Error::new(
                    ErrorCode::EnvelopeMissingSigner,
                    format!(
                        "no signature of {}, which this verifier requires",
                        party_string(&p.region, &p.agency)
                    ),
                )
                .at("/signatures"));
            }
        }
        Ok(())
    }

    /// Live time rules: the maximum age of the type, and signatures of retired or expired
    /// keys only within their window (a retired key cannot backdate new messages).
    fn check_live_time(
        &self,
        checked: &CheckedDocument,
        records: &[&KeyRecord],
        now: Timestamp,
    ) -> Result<()> {
        let doc = &checked.document;
        let max_age = self.max_age_for(&doc.message_type);
        if let Some(max) = max_age {
            if checked.issued_at.add_seconds(max) < now {
                return Err(Error::new(
                    ErrorCode::EnvelopeTooOld,
                    format!(
                        "message issued at {} is older than the maximum age of {max} s for {} (live verification; stored messages are re-checked with archival verification)",
                        doc.issued_at, doc.message_type
                    ),
                )
                .at("/issued_at"));
            }
        }
        let window = max_age.unwrap_or(self.s.retired_window);
        for rec in records {
            if rec.status == KeyStatus::Retired {
                if let Some(since) = rec.status_since {
                    if since.add_seconds(window).add_seconds(self.s.leeway) < now {
                        return Err(Error::new(
                            ErrorCode::KeyRetired,
                            format!(
                                "key '{}' was retired at {since}; a live verifier accepts what it signed before then only until {} (use archival verification with the time the message was first received)",
                                rec.kid,
                                since.add_seconds(window)
                            ),
                        )
                        .at("/issued_at"));
                    }
                }
            }
            if let Some(until) = rec.valid_until {
                if until.add_seconds(window).add_seconds(self.s.leeway) < now {
                    return Err(Error::new(
                        ErrorCode::KeyExpired,
                        format!(
                            "key '{}' was valid until {until}; a live verifier accepts what it signed only until {} (use archival verification with the time the message was first received)",
                            rec.kid,
                            until.add_seconds(window)
                        ),
                    )
                    .at("/issued_at"));
                }
            }
        }
        Ok(())
    }

    /// Archival time rules: retirement and expiry judged at `first_seen`.
    fn check_archival_time(
        &self,
        checked: &CheckedDocument,
        records: &[&KeyRecord],
        first_seen: Timestamp,
    ) -> Result<()> {
        let doc = &checked.document;
        if checked.issued_at > first_seen.add_seconds(self.s.leeway) {
            return Err(Error::new(
                ErrorCode::EnvelopeIssuedInFuture,
                format!(
                    "issued_at {} is later than the time the message was first received ({first_seen}) plus the leeway",
                    doc.issued_at
                ),
            )
            .at("/issued_at"));
        }
        for rec in records {
            if rec.status == KeyStatus::Retired {
                if let Some(since) = rec.status_since {
                    if first_seen >= since {
                        return Err(Error::new(
                            ErrorCode::KeyRetired,
                            format!(
                                "key '{}' was retired at {since}, before the message was first received ({first_seen})",
                                rec.kid
                            ),
                        )
                        .at("/issued_at"));
                    }
                }
            }
            if let Some(until) = rec.valid_until {
                if first_seen > until.add_seconds(self.s.leeway) {
                    return Err(Error::new(
                        ErrorCode::KeyExpired,
                        format!(
                            "key '{}' was valid until {until}, before the message was first received ({first_seen})",
                            rec.kid
                        ),
                    )
                    .at("/issued_at"));
                }
            }
        }
        Ok(())
    }
}

/// LL-REPLY-008: a reply is not issued before the message it answers, less the clock leeway.
/// Without it, the holder of a key retired since the earlier message could sign a reply — a
/// receipt that marks a message delivered — dated before the retirement, which the key checks
/// would take as signed while the key was current.
fn check_reply_time(reply: &CheckedDocument, earlier: &Document, leeway: i64) -> Result<()> {
    let at = Timestamp::parse(&earlier.issued_at).map_err(|_| {
        Error::new(
            ErrorCode::EnvelopeUnexpectedReply,
            "the issued_at of the message this one answers cannot be read",
        )
        .at("/issued_at")
    })?;
    if reply.issued_at.add_seconds(leeway) < at {
        return Err(Error::new(
            ErrorCode::EnvelopeUnexpectedReply,
            format!(
                "issued_at {} is before the message it answers was issued ({}), less the leeway of {leeway} s: a reply cannot be issued before what it answers (or the two parties' clocks differ by more than the leeway)",
                reply.document.issued_at, earlier.issued_at
            ),
        )
        .at("/issued_at"));
    }
    Ok(())
}

/// A `receipt` is bound to what it acknowledges: `received_id` equals `in_reply_to`, and when
/// the acknowledged message is known, its id, digest and type.
fn check_receipt_binding(doc: &Document, earlier: Option<Earlier<'_>>) -> Result<()> {
    if doc.message_type != "receipt" {
        return Ok(());
    }
    let unexpected = |msg: String, at: &str| {
        Error::new(ErrorCode::EnvelopeUnexpectedReply, msg).at(at.to_owned())
    };
    let body = doc.body.as_object();
    let field = |name: &str| body.and_then(|b| b.get(name)).and_then(Value::as_str);
    let received_id = field("received_id");
    if let Some(rid) = received_id {
        if doc.in_reply_to.as_deref() != Some(rid) {
            return Err(unexpected(
                format!(
                    "the receipt acknowledges {} (received_id) but answers {} (in_reply_to)",
                    crate::error_imp::shown(rid),
                    doc.in_reply_to
                        .as_deref()
                        .map_or_else(|| "nothing".to_owned(), crate::error_imp::shown)
                ),
                "/body/received_id",
            ));
        }
    }
    let Some(e) = earlier else {
        return Ok(());
    };
    if received_id != Some(e.document.id.as_str()) {
        return Err(unexpected(
            format!(
                "the receipt's received_id is not the id of the acknowledged message ({})",
                e.document.id
            ),
            "/body/received_id",
        ));
    }
    if let Some(d) = e.digest {
        if field("received_digest") != Some(d) {
            return Err(unexpected(
                "the receipt's received_digest is not the digest of the acknowledged message's payload"
                    .to_owned(),
                "/body/received_digest",
            ));
        }
    }
    if let Some(t) = field("received_type") {
        if t != e.document.message_type {
            return Err(unexpected(
                format!(
                    "the receipt's received_type is {}, the acknowledged message is a {}",
                    crate::error_imp::shown(t),
                    e.document.message_type
                ),
                "/body/received_type",
            ));
        }
    }
    Ok(())
}

/// Batch verification: many messages, in parallel on native targets, results in input order.
impl<P: Profile> Verifier<P> {
    /// Verifies every message of `inputs` with `threads` worker threads (0 = all cores) and
    /// hands each result to `sink` **in input order**, as soon as it and all earlier ones are
    /// done. The inputs go to the workers in chunks of 16, so when the input arrives slowly
    /// (a pipe), a result can wait for the next 15 inputs or the end of the input. Memory
    /// stays bounded whatever the number of messages: at most a few hundred messages per
    /// thread are in flight. Replay protection applies across the batch and is
    /// decided **in input order** (stages 1–7 run in parallel; a worker records its chunk's
    /// messages in stage 8 only after the chunk before it): of two messages with the same
    /// issuer and id, the earlier line wins and the later one is `replay.duplicate` or
    /// `replay.conflict`, whatever the thread timing.
    /// All messages are judged at one instant, the clock's time when the batch starts.
    ///
    /// Under WebAssembly (no threads) the messages are verified one after another. At most
    /// [`MAX_BATCH_THREADS`] threads are started whatever `threads` asks for, and a thread
    /// the system refuses to create is done without (with none, the calling thread verifies
    /// every message): a batch never fails or panics for want of threads.
    ///
    /// ```
    /// # use labourlink_protocol::verify::Verifier;
    /// # use labourlink_protocol::trust::TrustList;
    /// # use labourlink_protocol::time::{FixedClock, Timestamp};
    /// # let list = TrustList::new(1, Timestamp::parse("2027-01-01T00:00:00Z").unwrap());
    /// # let verifier: Verifier = Verifier::builder().trust_list(list).region("330200")
    /// #     .clock(FixedClock(Timestamp::parse("2026-11-27T08:00:00Z").unwrap())).build().unwrap();
    /// let messages = vec![b"not a message".to_vec(), b"{}".to_vec()];
    /// let mut codes = Vec::new();
    /// verifier.verify_many(messages, 2, |index, result| {
    ///     codes.push((index, result.unwrap_err().code().as_str()));
    /// });
    /// assert_eq!(codes, [(0, "json.syntax"), (1, "jws.malformed")]);
    /// ```
    pub fn verify_many<I, B, F>(&self, inputs: I, threads: usize, sink: F)
    where
        I: IntoIterator<Item = B>,
        B: AsRef<[u8]> + Send,
        F: FnMut(usize, Result<Verified>),
    {
        self.verify_many_map(inputs, threads, |_, r| r, sink);
    }

    /// Like [`Verifier::verify_many`], with each final result (stage 8 included) turned into a
    /// `T` by `map` **on the worker thread that verified it**; `sink` receives the `T`s in input
    /// order. Replay protection is decided in input order as in `verify_many` (a worker waits
    /// for the messages before its chunk to be recorded first). Use it when the result is
    /// reduced to something small (an output line, a summary): the document trees are then
    /// built and dropped on one thread. With `verify_many` the ordering thread drops what
    /// the workers built, and with glibc's allocator those cross-thread frees cost the second
    /// thread of `labourlink verify --batch` 40–55 % more CPU time than one thread used.
    ///
    /// ```
    /// # use labourlink_protocol::verify::Verifier;
    /// # use labourlink_protocol::trust::TrustList;
    /// # use labourlink_protocol::time::{FixedClock, Timestamp};
    /// # let list = TrustList::new(1, Timestamp::parse("2027-01-01T00:00:00Z").unwrap());
    /// # let verifier: Verifier = Verifier::builder().trust_list(list).region("330200")
    /// #     .clock(FixedClock(Timestamp::parse("2026-11-27T08:00:00Z").unwrap())).build().unwrap();
    /// let messages = vec![b"not a message".to_vec(), b"{}".to_vec()];
    /// let mut codes = Vec::new();
    /// verifier.verify_many_map(
    ///     messages,
    ///     2,
    ///     |_, result| result.map_or_else(|e| e.code().as_str(), |_| "accepted"),
    ///     |index, code| codes.push((index, code)),
    /// );
    /// assert_eq!(codes, [(0, "json.syntax"), (1, "jws.malformed")]);
    /// ```
    pub fn verify_many_map<I, B, T, M, F>(&self, inputs: I, threads: usize, map: M, mut sink: F)
    where
        I: IntoIterator<Item = B>,
        B: AsRef<[u8]> + Send,
        T: Send,
        M: Fn(usize, Result<Verified>) -> T + Sync,
        F: FnMut(usize, T),
    {
        let now = self.s.clock.now();
        // Whose turn it is to record: the index of the first message not yet recorded.
        let turn = (Mutex::new(0usize), std::sync::Condvar::new());
        let work = |chunk: Vec<(usize, B)>| -> Vec<(usize, T)> {
            let (Some(&(first, _)), Some(&(last, _))) = (chunk.first(), chunk.last()) else {
                return Vec::new();
            };
            // A stage that panics (a custom one, say) must not leave the later chunks waiting
            // for their turn for ever: the turn moves on, then the panic goes on to the caller.
            let checked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                chunk
                    .into_iter()
                    .map(|(i, m)| (i, self.check(m.as_ref(), now, Mode::Live, None)))
                    .collect::<Vec<(usize, Result<Verified>)>>()
            }));
            // Chunks hold consecutive indexes and leave the reader in order, and every worker
            // takes them in that order: the chunk before this one is being worked on, or done.
            let mut next = match turn.0.lock() {
                Ok(g) => g,
                Err(p) => p.into_inner(),
            };
            while *next != first {
                next = match turn.1.wait(next) {
                    Ok(g) => g,
                    Err(p) => p.into_inner(),
                };
            }
            let recorded = checked.and_then(|checked| {
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    checked
                        .into_iter()
                        .map(|(i, r)| (i, r.and_then(|v| self.record(&v, now).map(|()| v))))
                        .collect::<Vec<(usize, Result<Verified>)>>()
                }))
            });
            *next = last + 1;
            drop(next);
            turn.1.notify_all();
            match recorded {
                Ok(recorded) => recorded.into_iter().map(|(i, r)| (i, map(i, r))).collect(),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        };
        self.run_chunks(inputs, threads, &work, &mut sink);
    }

    /// Stages 1–7 of [`Verifier::verify_many`] **without stage 8**, at the instant `now`:
    /// the batch counterpart of [`Verifier::check_at`], for a durable store that records
    /// replay and archive entries of many messages in one transaction (group commit). Each
    /// result is handed to `sink` **in input order** together with the input it came from
    /// (the store archives the exact bytes). Nothing is recorded in the replay guard: the
    /// caller must record every accepted message as [`Verifier::check_at`] describes, in
    /// input order, so that of two messages with the same issuer and id the earlier wins.
    ///
    /// ```
    /// # use labourlink_protocol::verify::Verifier;
    /// # use labourlink_protocol::trust::TrustList;
    /// # use labourlink_protocol::time::{FixedClock, Timestamp};
    /// # let now = Timestamp::parse("2026-11-27T08:00:00Z").unwrap();
    /// # let list = TrustList::new(1, Timestamp::parse("2027-01-01T00:00:00Z").unwrap());
    /// # let verifier: Verifier = Verifier::builder().trust_list(list).region("330200")
    /// #     .clock(FixedClock(now)).build().unwrap();
    /// let messages = vec![b"not a message".to_vec(), b"{}".to_vec()];
    /// let mut seen = Vec::new();
    /// verifier.check_many_at(messages, 2, now, |index, input, result| {
    ///     seen.push((index, input, result.unwrap_err().code().as_str()));
    /// });
    /// assert_eq!(seen[1], (1, b"{}".to_vec(), "jws.malformed"));
    /// ```
    pub fn check_many_at<I, B, F>(&self, inputs: I, threads: usize, now: Timestamp, mut sink: F)
    where
        I: IntoIterator<Item = B>,
        B: AsRef<[u8]> + Send,
        F: FnMut(usize, B, Result<Verified>),
    {
        let work = |chunk: Vec<(usize, B)>| -> Vec<(usize, (B, Result<Verified>))> {
            chunk
                .into_iter()
                .map(|(i, m)| {
                    let r = self.check(m.as_ref(), now, Mode::Live, None);
                    (i, (m, r))
                })
                .collect()
        };
        self.run_chunks(inputs, threads, &work, &mut |i, (m, r)| sink(i, m, r));
    }

    /// Runs `work` on chunks of `inputs` (consecutive indexes, in order) on `threads` worker
    /// threads (0 = all cores) and hands what it returns to `sink` in input order; with one
    /// thread, or under WebAssembly, on the calling thread, one input at a time.
    fn run_chunks<I, B, T, W, F>(&self, inputs: I, threads: usize, work: &W, sink: &mut F)
    where
        I: IntoIterator<Item = B>,
        B: Send,
        T: Send,
        W: Fn(Vec<(usize, B)>) -> Vec<(usize, T)> + Sync,
        F: FnMut(usize, T),
    {
        use std::sync::mpsc;
        let Some(threads) = batch_threads(threads) else {
            for (i, m) in inputs.into_iter().enumerate() {
                for (j, t) in work(vec![(i, m)]) {
                    sink(j, t);
                }
            }
            return;
        };
        // Messages go to the workers, and results come back, in chunks of `CHUNK`: one
        // hand-off (a lock, a wake-up) per chunk instead of per message, so the reading and
        // ordering thread stays out of the workers' way. Bounded queues give back-pressure:
        // the reader never runs more than `window` messages ahead of the oldest unfinished one.
        const CHUNK: usize = 16;
        let window = threads * 256;
        let (work_tx, work_rx) = mpsc::sync_channel::<Vec<(usize, B)>>(threads * 4);
        let work_rx = Arc::new(Mutex::new(work_rx));
        // A worker's result, or the panic of its `work` (passed on to the caller once the
        // other workers have stopped: a panic must not leave the batch waiting for ever).
        type Done<T> = std::thread::Result<Vec<(usize, T)>>;
        let (done_tx, done_rx) = mpsc::sync_channel::<Done<T>>(window / CHUNK + threads);
        std::thread::scope(|scope| {
            // A thread the system cannot create (a limit on threads or memory) is not an
            // error of the batch: the workers that did start do the work, and with none the
            // calling thread does it alone (`Scope::spawn` would panic instead).
            let mut workers = Vec::with_capacity(threads);
            for _ in 0..threads {
                let rx = Arc::clone(&work_rx);
                let tx = done_tx.clone();
                let spawned = std::thread::Builder::new()
                    .name("labourlink-verify".to_owned())
                    .spawn_scoped(scope, move || {
                        loop {
                            let next = match rx.lock() {
                                Ok(g) => g.recv(),
                                Err(p) => p.into_inner().recv(),
                            };
                            let Ok(chunk) = next else { break };
                            let out =
                                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                                    work(chunk)
                                }));
                            let failed = out.is_err();
                            if tx.send(out).is_err() || failed {
                                break;
                            }
                        }
                    });
                match spawned {
                    Ok(w) => workers.push(w),
                    Err(_) => break,
                }
            }
            drop(done_tx);
            if workers.is_empty() {
                for (i, m) in inputs.into_iter().enumerate() {
                    for (j, t) in work(vec![(i, m)]) {
                        sink(j, t);
                    }
                }
                return;
            }
            let mut pending: BTreeMap<usize, T> = BTreeMap::new();
            let mut next_out = 0usize;
            let mut panicked = None;
            let mut take = |done: Done<T>, next_out: &mut usize, panicked: &mut Option<_>| {
                let done = match done {
                    Ok(done) => done,
                    Err(panic) => {
                        // The first panic is the one passed on; nothing is handed out past
                        // the chunk that panicked (its results never come).
                        panicked.get_or_insert(panic);
                        return;
                    }
                };
                for (j, t) in done {
                    pending.insert(j, t);
                }
                while let Some(t) = pending.remove(next_out) {
                    sink(*next_out, t);
                    *next_out += 1;
                }
            };
            let mut chunk = Vec::with_capacity(CHUNK);
            for (i, m) in inputs.into_iter().enumerate() {
                chunk.push((i, m));
                if chunk.len() < CHUNK {
                    continue;
                }
                // Keep at most `window` messages between the oldest unfinished and the newest.
                // The oldest is in a chunk already sent (window ≥ CHUNK), so its result comes
                // (or its panic).
                while i + 1 - next_out > window && panicked.is_none() {
                    match done_rx.recv() {
                        Ok(done) => take(done, &mut next_out, &mut panicked),
                        Err(_) => break,
                    }
                }
                if panicked.is_some() {
                    break;
                }
                let full = std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK));
                if work_tx.send(full).is_err() {
                    break;
                }
                while let Ok(done) = done_rx.try_recv() {
                    take(done, &mut next_out, &mut panicked);
                }
            }
            if !chunk.is_empty() && panicked.is_none() {
                // A send fails only when every worker is gone; their results are drained below.
                let _ = work_tx.send(chunk);
            }
            drop(work_tx);
            while let Ok(done) = done_rx.recv() {
                take(done, &mut next_out, &mut panicked);
            }
            // Joined, not only waited for: when this returns the worker threads have exited,
            // their thread-locals freed (the scope alone waits for their closures only). A
            // worker's panic goes on as the scope would carry it.
            for w in workers {
                if let Err(p) = w.join() {
                    std::panic::resume_unwind(p);
                }
            }
            if let Some(panic) = panicked {
                std::panic::resume_unwind(panic);
            }
        });
    }
}

/// The most worker threads a batch starts, whatever it is asked for: verification is CPU
/// work, so threads past the cores only cost memory (a stack each).
pub const MAX_BATCH_THREADS: usize = 256;

/// The worker threads for a batch asked to use `threads` (0 = all cores), or `None` when it
/// runs on the calling thread (one thread, or WebAssembly without threads).
fn batch_threads(threads: usize) -> Option<usize> {
    let n = if threads == 0 {
        available_threads()
    } else {
        threads.min(MAX_BATCH_THREADS)
    };
    (n > 1 && !cfg!(all(target_arch = "wasm32", target_os = "unknown"))).then_some(n)
}

fn available_threads() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_der_signature_is_named_as_such() {
        let mut der = vec![0x30, 69, 0x02, 0x21, 0x00];
        der.resize(71, 7);
        let hint = signature_hint(Algorithm::Es256, &der);
        assert!(hint.contains("71 bytes of DER"), "{hint}");
        assert!(hint.contains("SHA256withECDSAinP1363Format"), "{hint}");
        assert!(signature_hint(Algorithm::Sm2, &der).contains("DER"));
        // Ed25519 has no DER form; a wrong length is only a length.
        let hint = signature_hint(Algorithm::Ed25519, &der);
        assert!(hint.contains("71 bytes") && !hint.contains("DER"), "{hint}");
        let hint = signature_hint(Algorithm::Es256, &[1; 63]);
        assert_eq!(hint, "it is 63 bytes; a JWS ES256 signature is 64 bytes");
        assert!(signature_hint(Algorithm::Es256, &[0x30; 64]).contains("altered"));
    }

    #[test]
    fn replay_guard_keys_by_issuer_and_fails_closed() {
        let g = InMemoryReplayGuard::new(2);
        let t = Timestamp::from_unix_seconds;
        let a = ReplayKey {
            region: "513400",
            agency: "LS-SI",
            id: "a",
        };
        g.check_and_record(&a, "d1", t(0), t(100)).unwrap();
        let code = |r: Result<()>| r.unwrap_err().code();
        assert_eq!(
            code(g.check_and_record(&a, "d1", t(1), t(100))),
            ErrorCode::ReplayDuplicate
        );
        assert_eq!(
            code(g.check_and_record(&a, "d2", t(1), t(100))),
            ErrorCode::ReplayConflict
        );
        // The same id from another issuer is another message.
        let other_issuer = ReplayKey {
            region: "522300",
            ..a
        };
        g.check_and_record(&other_issuer, "d1", t(1), t(50))
            .unwrap();
        // Full of live entries: refused, nothing evicted.
        let c = ReplayKey { id: "c", ..a };
        assert_eq!(
            code(g.check_and_record(&c, "d", t(2), t(60))),
            ErrorCode::ReplayCapacity
        );
        assert_eq!(g.len(), 2);
        assert_eq!(
            code(g.check_and_record(&a, "d1", t(3), t(100))),
            ErrorCode::ReplayDuplicate
        );
        // Once the 522300 entry has expired, there is room again.
        g.check_and_record(&c, "d", t(51), t(60)).unwrap();
        assert_eq!(g.purge_expired(t(101)), 2);
        assert!(g.is_empty());
    }

    #[test]
    fn replay_guard_keys_are_unambiguous_and_expire_in_order() {
        let g = InMemoryReplayGuard::default();
        let t = Timestamp::from_unix_seconds;
        // The same characters split differently between region, agency and id are three
        // different messages.
        for (region, agency, id) in [
            ("51", "3400:x", "1"),
            ("513", "400:x", "1"),
            ("51", "3", "400:x1"),
        ] {
            let key = ReplayKey { region, agency, id };
            g.check_and_record(&key, "d", t(0), t(10)).unwrap();
        }
        assert_eq!(g.len(), 3);
        // Entries sharing a keep_until all go when it passes, none before.
        let late = ReplayKey {
            region: "522300",
            agency: "QXN-SI",
            id: "late",
        };
        g.check_and_record(&late, "d", t(0), t(20)).unwrap();
        assert_eq!(g.purge_expired(t(10)), 0);
        assert_eq!(g.purge_expired(t(11)), 3);
        assert_eq!(g.len(), 1);
        assert_eq!(
            g.check_and_record(&late, "e", t(12), t(20))
                .unwrap_err()
                .code(),
            ErrorCode::ReplayConflict
        );
    }
}
