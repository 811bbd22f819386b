//! The verification pipeline (DESIGN §7).
//!
//! [`Verifier::verify`] runs every stage in order; the first failure wins:
//!
//! 1. JSON limits on the JWS (`json.*`): size (default 1 MiB), depth 32, duplicates, surrogates.
//! 2. JWS profile (`jws.*`), see [`crate::jws`].
//! 3. Key resolution (`key.*`, `trust_list.stale`): every `kid` in the trust list, header `alg`
//!    equal to the key record's, key not revoked, trust list not stale.
//! 4. Signatures (`signature.invalid`): every signature must verify.
//! 5. Payload (`json.*` inside the payload, integers only; `payload.not_canonical`), then the
//!    envelope (`envelope.*`) and the key records at `issued_at` (`key.not_yet_valid`,
//!    `key.expired`, `key.retired`): spec, type, major version, issuer = first signer's record,
//!    type allowed for every signer, audience, `issued_at` not beyond `now + leeway`, not
//!    expired, not older than the optional maximum age.
//! 6. Schema — a pluggable [`Stage`] (`schema.invalid`).
//! 7. Business rules — a pluggable [`Stage`] (`rule.*`; warnings are kept on the result).
//! 8. Replay (`replay.duplicate`, `replay.conflict`) — only messages that passed everything are
//!    recorded.
//!
//! **Leeway** defaults to 300 s: partner systems' clocks drift, and a message a few seconds
//! "from the future" is normal; more than five minutes is not. **Maximum age** is off by default:
//! a contribution certificate must verify decades after it was signed. Key validity is judged
//! at `issued_at`, not at verification time, for the same reason (see [`crate::trust`]).

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::canonical;
use crate::envelope::{CheckedDocument, Document};
use crate::error::{Error, ErrorCode, Result, Violation};
use crate::json::{self, Limits, Numbers};
use crate::jws::{self, AlgorithmPolicy};
use crate::keys::Algorithm;
use crate::time::{Clock, SystemClock, Timestamp};
use crate::trust::{DEFAULT_GRACE_SECONDS, KeyRecord, KeyStatus, TrustList, TrustStore};

/// Default clock leeway: 300 seconds.
pub const DEFAULT_LEEWAY_SECONDS: i64 = 300;

/// Parses payload bytes as a strict document (integers only), checks that they are the RFC 8785
/// canonical form, and returns the value with its digest (SHA-256, base64url).
///
/// # Errors
/// `json.*` with the pointer inside the document, `payload.not_canonical`.
pub fn parse_canonical_payload(payload: &[u8], limits: Limits) -> Result<(Value, String)> {
    let value = json::parse(payload, limits, Numbers::IntegersOnly).map_err(|e| {
        let msg = format!("in the payload: {}", e.message());
        let mut out = Error::new(e.code(), msg);
        if let Some(p) = e.path() {
            out = out.at(p);
        }
        out
    })?;
    // Fast single-pass check first; on doubt, re-serialise and compare (the definition).
    if canonical::is_canonical_document(payload) {
        return Ok((value, digest(payload)));
    }
    let canonical = canonical::to_vec(&value);
    if canonical != payload {
        let at = canonical
            .iter()
            .zip(payload)
            .position(|(a, b)| a != b)
            .unwrap_or(canonical.len().min(payload.len()));
        return Err(Error::new(
            ErrorCode::PayloadNotCanonical,
            format!(
                "the payload is not the RFC 8785 canonical form of its document (first difference at byte {at}: whitespace, member order, number or string escaping)"
            ),
        ));
    }
    Ok((value, digest(payload)))
}

/// SHA-256 of bytes, base64url without padding: the digest of a message's payload.
#[must_use]
pub fn digest(payload: &[u8]) -> String {
    crate::b64::encode(ring::digest::digest(&ring::digest::SHA256, payload).as_ref())
}

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

/// Replay protection: remembers the ids and digests of accepted messages.
pub trait ReplayGuard: Send + Sync {
    /// Records `(id, digest)` or refuses it. `keep_until` is how long the entry must be kept.
    ///
    /// # Errors
    /// `replay.duplicate` for the same id and digest, `replay.conflict` for the same id with
    /// another digest.
    fn check_and_record(
        &self,
        id: &str,
        digest: &str,
        now: Timestamp,
        keep_until: Timestamp,
    ) -> Result<()>;
}

/// An in-memory [`ReplayGuard`] with expiry and a size bound.
///
/// Entries are kept until `keep_until` (the message's `expires_at`, or `issued_at` plus the
/// retention, default 30 days, whichever is later). When full, the entry expiring first is
/// dropped — so size the capacity above the number of messages you receive per retention
/// period; a durable store (database) is the answer for longer horizons.
#[derive(Debug)]
pub struct InMemoryReplayGuard {
    capacity: usize,
    state: Mutex<ReplayState>,
}

#[derive(Debug, Default)]
struct ReplayState {
    entries: HashMap<String, (String, Timestamp)>,
    by_expiry: BTreeMap<(Timestamp, String), ()>,
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

impl ReplayGuard for InMemoryReplayGuard {
    fn check_and_record(
        &self,
        id: &str,
        digest: &str,
        now: Timestamp,
        keep_until: Timestamp,
    ) -> Result<()> {
        let mut st = self.lock();
        // Drop expired entries.
        while let Some(((exp, key), ())) = st.by_expiry.first_key_value() {
            if *exp >= now {
                break;
            }
            let key = key.clone();
            st.by_expiry.pop_first();
            st.entries.remove(&key);
        }
        if let Some((d, _)) = st.entries.get(id) {
            return Err(if d == digest {
                Error::new(
                    ErrorCode::ReplayDuplicate,
                    format!(
                        "message {id} was already received (same content): an idempotent redelivery"
                    ),
                )
                .at("/id")
            } else {
                Error::new(
                    ErrorCode::ReplayConflict,
                    format!("another message with id {id} was already received"),
                )
                .at("/id")
            });
        }
        while st.entries.len() >= self.capacity {
            let Some(((_, key), ())) = st.by_expiry.pop_first() else {
                break;
            };
            st.entries.remove(&key);
        }
        st.entries
            .insert(id.to_owned(), (digest.to_owned(), keep_until));
        st.by_expiry.insert((keep_until, id.to_owned()), ());
        Ok(())
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
    digest: String,
    signers: Vec<SignerInfo>,
    warnings: Vec<Violation>,
}

impl Verified {
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
    #[must_use]
    pub fn digest(&self) -> &str {
        &self.digest
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

/// Verifies messages. Build one with [`Verifier::builder`]; it is `Send + Sync` and cheap to
/// share between threads.
///
/// ```
/// use labourlink::{sign, verify::Verifier};
/// use labourlink::envelope::{Document, Party};
/// use labourlink::keys::SigningKey;
/// use labourlink::time::{FixedClock, Timestamp};
/// use labourlink::trust::{KeyRecord, TrustList};
///
/// let t = |s: &str| Timestamp::parse(s).unwrap();
/// let clock = FixedClock(t("2026-11-27T08:00:00Z"));
/// // Liangshan's key, listed in Ningbo's trust list.
/// let key = SigningKey::from_ed25519_seed(&[7; 32], "513400-si-2026a").unwrap();
/// let mut list = TrustList::new(1, t("2027-01-01T00:00:00Z"));
/// list.add_key(KeyRecord::new("513400-si-2026a", "513400", "LS-SI", key.verifying_key(),
///     t("2026-01-01T00:00:00Z"), None, vec!["receipt".into()])).unwrap();
///
/// let doc = Document::builder("receipt", Party::new("513400", "LS-SI"), Party::new("330200", "NB-SI"))
///     .body(serde_json::json!({"status": "accepted"}))
///     .build(&clock).unwrap();
/// let jws = sign(&doc.to_value(), &[&key]).unwrap();
///
/// let verifier = Verifier::builder().trust_list(list).region("330200").clock(clock).build().unwrap();
/// let verified = verifier.verify(jws.as_bytes()).unwrap();
/// assert_eq!(verified.body()["status"], "accepted");
///
/// let tampered = jws.replacen("eyJ", "eyK", 1);
/// assert!(verifier.verify(tampered.as_bytes()).is_err());
/// ```
#[derive(Clone)]
pub struct Verifier {
    trust: TrustSource,
    region: String,
    clock: Arc<dyn Clock>,
    leeway: i64,
    max_age: Option<i64>,
    policy: AlgorithmPolicy,
    limits: Limits,
    grace: i64,
    replay: Option<Arc<dyn ReplayGuard>>,
    replay_retention: i64,
    schema: Option<Arc<dyn Stage>>,
    rules: Option<Arc<dyn Stage>>,
    any_audience: bool,
    required_signers: usize,
}

impl std::fmt::Debug for Verifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Verifier")
            .field("region", &self.region)
            .field("leeway", &self.leeway)
            .field("max_age", &self.max_age)
            .field("policy", &self.policy)
            .finish_non_exhaustive()
    }
}

/// Builds a [`Verifier`].
#[must_use]
pub struct VerifierBuilder {
    trust: Option<TrustSource>,
    region: Option<String>,
    clock: Arc<dyn Clock>,
    leeway: i64,
    max_age: Option<i64>,
    policy: AlgorithmPolicy,
    limits: Limits,
    grace: i64,
    replay: Option<Arc<dyn ReplayGuard>>,
    replay_retention: i64,
    schema: Option<Arc<dyn Stage>>,
    rules: Option<Arc<dyn Stage>>,
    any_audience: bool,
    required_signers: usize,
}

impl VerifierBuilder {
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

    /// The clock (default: the system clock).
    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// A shared clock.
    pub fn shared_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// Tolerated clock skew in seconds (default 300).
    pub fn leeway_seconds(mut self, secs: i64) -> Self {
        self.leeway = secs.max(0);
        self
    }

    /// Refuse messages issued more than `secs` ago (default: no limit).
    pub fn max_age_seconds(mut self, secs: Option<i64>) -> Self {
        self.max_age = secs;
        self
    }

    /// The algorithms accepted (default: Ed25519 and ES256).
    pub fn algorithms(mut self, algs: &[Algorithm]) -> Self {
        self.policy.allowed = algs.to_vec();
        self
    }

    /// Accept the deprecated polymorphic `EdDSA` header as `Ed25519` (default: off).
    pub fn allow_eddsa_alias(mut self, allow: bool) -> Self {
        self.policy.allow_eddsa_alias = allow;
        self
    }

    /// JSON limits (default 1 MiB, depth 32).
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Grace period after the trust list's `next_update` (default 7 days).
    pub fn stale_grace_seconds(mut self, secs: i64) -> Self {
        self.grace = secs.max(0);
        self
    }

    /// A replay guard (default: none).
    pub fn replay_guard(mut self, guard: Arc<dyn ReplayGuard>) -> Self {
        self.replay = Some(guard);
        self
    }

    /// How long replay entries are kept at least, in seconds (default 30 days).
    pub fn replay_retention_seconds(mut self, secs: i64) -> Self {
        self.replay_retention = secs.max(0);
        self
    }

    /// The schema stage (stage 6).
    pub fn schema_stage(mut self, stage: Arc<dyn Stage>) -> Self {
        self.schema = Some(stage);
        self
    }

    /// The business-rules stage (stage 7).
    pub fn rules_stage(mut self, stage: Arc<dyn Stage>) -> Self {
        self.rules = Some(stage);
        self
    }

    /// Require at least `n` signatures (default 1), e.g. 2 for a bilateral agreement.
    pub fn required_signers(mut self, n: usize) -> Self {
        self.required_signers = n.max(1);
        self
    }

    /// Switches that weaken verification. Use only when you know why.
    pub fn dangerous(self) -> DangerousBuilder {
        DangerousBuilder(self)
    }

    /// Builds the verifier.
    ///
    /// # Errors
    /// `input.invalid` without a trust list, without a region or with a region that is not six
    /// digits, or with an empty algorithm list.
    pub fn build(self) -> Result<Verifier> {
        let trust = self
            .trust
            .ok_or_else(|| Error::new(ErrorCode::InputInvalid, "a trust list is required"))?;
        let region = self.region.ok_or_else(|| {
            Error::new(
                ErrorCode::InputInvalid,
                "the verifier's own region (e.g. 330200) is required",
            )
        })?;
        if !crate::envelope::is_region_code(&region) {
            return Err(Error::new(
                ErrorCode::InputInvalid,
                format!("region '{region}' is not a six-digit GB/T 2260 code"),
            ));
        }
        if self.policy.allowed.is_empty() {
            return Err(Error::new(
                ErrorCode::InputInvalid,
                "at least one algorithm must be allowed",
            ));
        }
        Ok(Verifier {
            trust,
            region,
            clock: self.clock,
            leeway: self.leeway,
            max_age: self.max_age,
            policy: self.policy,
            limits: self.limits,
            grace: self.grace,
            replay: self.replay,
            replay_retention: self.replay_retention,
            schema: self.schema,
            rules: self.rules,
            any_audience: self.any_audience,
            required_signers: self.required_signers,
        })
    }
}

/// Options that weaken verification, reachable only through [`VerifierBuilder::dangerous`].
#[must_use]
pub struct DangerousBuilder(VerifierBuilder);

impl DangerousBuilder {
    /// Accept messages addressed to any region (an archive or a relay, never a receiver).
    pub fn accept_any_audience(mut self) -> Self {
        self.0.any_audience = true;
        self
    }

    /// Back to the normal builder.
    pub fn done(self) -> VerifierBuilder {
        self.0
    }
}

impl Verifier {
    /// A builder with the defaults described in the module docs.
    pub fn builder() -> VerifierBuilder {
        VerifierBuilder {
            trust: None,
            region: None,
            clock: Arc::new(SystemClock),
            leeway: DEFAULT_LEEWAY_SECONDS,
            max_age: None,
            policy: AlgorithmPolicy::default(),
            limits: Limits::default(),
            grace: DEFAULT_GRACE_SECONDS,
            replay: None,
            replay_retention: 30 * 24 * 3600,
            schema: None,
            rules: None,
            any_audience: false,
            required_signers: 1,
        }
    }

    /// The verifier's region.
    #[must_use]
    pub fn region(&self) -> &str {
        &self.region
    }

    /// The trust list in use now.
    #[must_use]
    pub fn trust_list(&self) -> Arc<TrustList> {
        self.trust.current()
    }

    /// Runs the whole pipeline on one message.
    ///
    /// # Errors
    /// The first failing stage's error; see the module docs for the order.
    pub fn verify(&self, bytes: &[u8]) -> Result<Verified> {
        self.run(bytes, None)
    }

    /// Verifies a message that answers `earlier` (a message verified before): the whole
    /// pipeline, plus the flow table's reply rules (see [`crate::flows`]) — right type, from the
    /// right party, in the same case — checked before the schema, rules and replay stages.
    ///
    /// # Errors
    /// Those of [`Verifier::verify`], and `envelope.unexpected_reply`.
    pub fn verify_reply(&self, bytes: &[u8], earlier: &Verified) -> Result<Verified> {
        self.run(bytes, Some(earlier.document()))
    }

    /// Like [`Verifier::verify_reply`], with the earlier message given as its document — for
    /// replies that arrive days later to a message you sent yourself or verified and stored
    /// (e.g. from a database). The caller vouches for `earlier`: it is not verified again.
    ///
    /// # Errors
    /// Those of [`Verifier::verify`], and `envelope.unexpected_reply`.
    pub fn verify_reply_to(&self, bytes: &[u8], earlier: &Document) -> Result<Verified> {
        self.run(bytes, Some(earlier))
    }

    fn run(&self, bytes: &[u8], earlier: Option<&Document>) -> Result<Verified> {
        let now = self.clock.now();
        // Stages 1–2.
        let parsed = jws::parse(bytes, self.limits, &self.policy)?;
        // Stage 3: key resolution.
        let list = self.trust.current();
        list.check_fresh(now, self.grace)?;
        let mut records: Vec<&KeyRecord> = Vec::with_capacity(parsed.signatures.len());
        for sig in &parsed.signatures {
            let at = format!("{}/protected", sig.pointer);
            let rec = list.key(&sig.header.kid).ok_or_else(|| {
                Error::new(
                    ErrorCode::KeyUnknown,
                    format!(
                        "key id '{}' is not in the trust list (sequence {})",
                        sig.header.kid, list.sequence
                    ),
                )
                .at(at.clone())
            })?;
            if rec.alg != sig.header.alg {
                return Err(Error::new(
                    ErrorCode::KeyAlgorithmMismatch,
                    format!(
                        "header alg {} differs from key '{}' ({})",
                        sig.header.alg, rec.kid, rec.alg
                    ),
                )
                .at(at));
            }
            if rec.status == KeyStatus::Revoked {
                return Err(Error::new(
                    ErrorCode::KeyRevoked,
                    format!(
                        "key '{}' is revoked; nothing it signed is accepted",
                        rec.kid
                    ),
                )
                .at(at));
            }
            records.push(rec);
        }
        if records.len() < self.required_signers {
            return Err(Error::new(
                ErrorCode::EnvelopeMissingSigner,
                format!(
                    "{} signature(s), this verifier requires {}",
                    records.len(),
                    self.required_signers
                ),
            )
            .at("/signatures"));
        }
        // Stage 4: signatures.
        for (sig, rec) in parsed.signatures.iter().zip(&records) {
            rec.key.verify(&parsed.signing_input(sig), &sig.signature)?;
        }
        // Stage 5: payload and envelope.
        let (value, digest) = parse_canonical_payload(&parsed.payload, self.limits)?;
        let checked = Document::from_json(value)?;
        let doc = &checked.document;
        for rec in &records {
            rec.check_issued_at(checked.issued_at)?;
        }
        if let Some(issuer) = records.first() {
            if issuer.region != doc.from.region || issuer.agency != doc.from.agency {
                return Err(Error::new(
                    ErrorCode::EnvelopeIssuerMismatch,
                    format!(
                        "from is {}/{}, but key '{}' is registered for {}/{}",
                        doc.from.region, doc.from.agency, issuer.kid, issuer.region, issuer.agency
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
        if !self.any_audience && doc.to.region != self.region {
            return Err(Error::new(
                ErrorCode::EnvelopeWrongAudience,
                format!(
                    "message is addressed to region {}, this verifier is {}",
                    doc.to.region, self.region
                ),
            )
            .at("/to/region"));
        }
        if checked.issued_at > now.add_seconds(self.leeway) {
            return Err(Error::new(
                ErrorCode::EnvelopeIssuedInFuture,
                format!(
                    "issued_at {} is later than now ({now}) plus the leeway of {} s",
                    doc.issued_at, self.leeway
                ),
            )
            .at("/issued_at"));
        }
        if let Some(exp) = checked.expires_at {
            if exp.add_seconds(self.leeway) < now {
                return Err(Error::new(
                    ErrorCode::EnvelopeExpired,
                    format!("message expired at {exp}"),
                )
                .at("/expires_at"));
            }
        }
        if let Some(max) = self.max_age {
            if checked.issued_at.add_seconds(max) < now {
                return Err(Error::new(
                    ErrorCode::EnvelopeTooOld,
                    format!(
                        "message issued at {} is older than the maximum age of {max} s",
                        doc.issued_at
                    ),
                )
                .at("/issued_at"));
            }
        }
        if let Some(e) = earlier {
            crate::flows::check_reply(doc, e)?;
        }
        // Stages 6–7.
        let mut warnings = Vec::new();
        if let Some(s) = &self.schema {
            warnings.extend(s.check(doc)?);
        }
        if let Some(r) = &self.rules {
            warnings.extend(r.check(doc)?);
            if let Some(e) = earlier {
                warnings.extend(r.check_reply(doc, e)?);
            }
        }
        // Stage 8.
        if let Some(guard) = &self.replay {
            let keep = checked
                .issued_at
                .add_seconds(self.replay_retention)
                .max(checked.expires_at.unwrap_or(checked.issued_at))
                .max(now.add_seconds(self.leeway));
            guard.check_and_record(&doc.id, &digest, now, keep)?;
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
            digest,
            signers,
            warnings,
        })
    }
}

/// Batch verification: many messages, in parallel on native targets, results in input order.
impl Verifier {
    /// Verifies every message of `inputs` with `threads` worker threads (0 = all cores) and
    /// hands each result to `sink` **in input order**, as soon as it and all earlier ones are
    /// done. Memory stays bounded whatever the number of messages: at most a few hundred
    /// messages per thread are in flight. Replay protection, when configured, applies across
    /// the batch (the first of two identical messages wins, in completion order).
    ///
    /// Under WebAssembly (no threads) the messages are verified one after another.
    ///
    /// ```
    /// # use labourlink::verify::Verifier;
    /// # use labourlink::trust::TrustList;
    /// # use labourlink::time::{FixedClock, Timestamp};
    /// # let list = TrustList::new(1, Timestamp::parse("2027-01-01T00:00:00Z").unwrap());
    /// # let verifier = Verifier::builder().trust_list(list).region("330200")
    /// #     .clock(FixedClock(Timestamp::parse("2026-11-27T08:00:00Z").unwrap())).build().unwrap();
    /// let messages = vec![b"not a message".to_vec(), b"{}".to_vec()];
    /// let mut codes = Vec::new();
    /// verifier.verify_many(messages, 2, |index, result| {
    ///     codes.push((index, result.unwrap_err().code().as_str()));
    /// });
    /// assert_eq!(codes, [(0, "json.syntax"), (1, "jws.malformed")]);
    /// ```
    pub fn verify_many<I, B, F>(&self, inputs: I, threads: usize, mut sink: F)
    where
        I: IntoIterator<Item = B>,
        B: AsRef<[u8]> + Send,
        F: FnMut(usize, Result<Verified>),
    {
        let threads = if threads == 0 {
            available_threads()
        } else {
            threads
        };
        if threads <= 1 || cfg!(all(target_arch = "wasm32", target_os = "unknown")) {
            for (i, m) in inputs.into_iter().enumerate() {
                sink(i, self.verify(m.as_ref()));
            }
            return;
        }
        self.verify_parallel(inputs, threads, &mut sink);
    }

    #[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
    fn verify_parallel<I, B, F>(&self, inputs: I, threads: usize, sink: &mut F)
    where
        I: IntoIterator<Item = B>,
        B: AsRef<[u8]> + Send,
        F: FnMut(usize, Result<Verified>),
    {
        use std::sync::mpsc;
        // Bounded queues give back-pressure: the reader never runs more than `window`
        // messages ahead of the oldest unfinished one.
        let window = threads * 256;
        let (work_tx, work_rx) = mpsc::sync_channel::<(usize, B)>(threads * 64);
        let work_rx = Arc::new(Mutex::new(work_rx));
        let (done_tx, done_rx) = mpsc::sync_channel::<(usize, Result<Verified>)>(window);
        std::thread::scope(|scope| {
            for _ in 0..threads {
                let rx = Arc::clone(&work_rx);
                let tx = done_tx.clone();
                scope.spawn(move || {
                    loop {
                        let next = match rx.lock() {
                            Ok(g) => g.recv(),
                            Err(p) => p.into_inner().recv(),
                        };
                        let Ok((i, m)) = next else { break };
                        if tx.send((i, self.verify(m.as_ref()))).is_err() {
                            break;
                        }
                    }
                });
            }
            drop(done_tx);
            let mut pending: BTreeMap<usize, Result<Verified>> = BTreeMap::new();
            let mut next_out = 0usize;
            let mut emit = |pending: &mut BTreeMap<usize, Result<Verified>>,
                            next_out: &mut usize| {
                while let Some(r) = pending.remove(next_out) {
                    sink(*next_out, r);
                    *next_out += 1;
                }
            };
            for (i, m) in inputs.into_iter().enumerate() {
                // Keep at most `window` messages between the oldest unfinished and the newest.
                while i - next_out >= window {
                    match done_rx.recv() {
                        Ok((j, r)) => {
                            pending.insert(j, r);
                            emit(&mut pending, &mut next_out);
                        }
                        Err(_) => break,
                    }
                }
                if work_tx.send((i, m)).is_err() {
                    break;
                }
                while let Ok((j, r)) = done_rx.try_recv() {
                    pending.insert(j, r);
                    emit(&mut pending, &mut next_out);
                }
            }
            drop(work_tx);
            while let Ok((j, r)) = done_rx.recv() {
                pending.insert(j, r);
                emit(&mut pending, &mut next_out);
            }
        });
    }

    #[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
    fn verify_parallel<I, B, F>(&self, inputs: I, _threads: usize, sink: &mut F)
    where
        I: IntoIterator<Item = B>,
        B: AsRef<[u8]> + Send,
        F: FnMut(usize, Result<Verified>),
    {
        for (i, m) in inputs.into_iter().enumerate() {
            sink(i, self.verify(m.as_ref()));
        }
    }
}

fn available_threads() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replay_guard_bounds() {
        let g = InMemoryReplayGuard::new(2);
        let t = Timestamp::from_unix_seconds;
        g.check_and_record("a", "d1", t(0), t(100)).unwrap();
        assert_eq!(
            g.check_and_record("a", "d1", t(1), t(100))
                .unwrap_err()
                .code(),
            ErrorCode::ReplayDuplicate
        );
        assert_eq!(
            g.check_and_record("a", "d2", t(1), t(100))
                .unwrap_err()
                .code(),
            ErrorCode::ReplayConflict
        );
        g.check_and_record("b", "d", t(1), t(50)).unwrap();
        g.check_and_record("c", "d", t(1), t(60)).unwrap(); // evicts b (expires first)
        assert_eq!(g.len(), 2);
        // b was evicted, so it is accepted again (the documented cost of the size bound)
        g.check_and_record("b", "d", t(2), t(50)).unwrap();
    }
}
