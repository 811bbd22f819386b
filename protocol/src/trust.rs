//! The implementation of [`crate::trust`] (private: its public items are re-exported there).

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use serde_json::{Map, Value, json};

use crate::envelope_imp::{Document, Party};
use crate::error_imp::{Error, ErrorCode, Result};
use crate::json_imp::Limits;
use crate::jws_imp::{self as jws, AlgorithmPolicy};
use crate::keys_imp::{Algorithm, Signer, VerifyingKey};
use crate::time_imp::{Clock, Timestamp};

/// Default grace period after `next_update` before a list is stale: 7 days.
pub const DEFAULT_GRACE_SECONDS: i64 = 7 * 24 * 3600;

/// The status of a key record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyStatus {
    /// In use.
    Active,
    /// Replaced in a routine rollover: messages issued before `status_since` stay valid.
    Retired,
    /// Compromised: nothing signed with the key verifies.
    Revoked,
}

impl KeyStatus {
    /// The wire name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Retired => "retired",
            Self::Revoked => "revoked",
        }
    }
}

/// One partner key in a trust list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyRecord {
    /// Key id, unique in the list (e.g. `513400-si-2026a`).
    pub kid: String,
    /// The region the key signs for.
    pub region: String,
    /// The agency the key signs for.
    pub agency: String,
    /// The one algorithm this key is used with.
    pub alg: Algorithm,
    /// The public key.
    pub key: VerifyingKey,
    /// Start of validity (messages issued earlier are refused: `key.not_yet_valid`).
    pub valid_from: Timestamp,
    /// End of validity, if any (messages issued later are refused: `key.expired`).
    pub valid_until: Option<Timestamp>,
    /// Status.
    pub status: KeyStatus,
    /// Since when the status holds (required for retired and revoked keys).
    pub status_since: Option<Timestamp>,
    /// Type patterns the key may sign: `*`, `domain.*` or an exact type.
    pub message_types: Vec<String>,
    /// The party's inbox (`https://…/v1/messages`), if it runs one (schema version 1.1): a
    /// sender finds where to deliver in the signed list instead of a URL typed by hand.
    pub endpoint: Option<String>,
}

impl KeyRecord {
    /// A new active record.
    #[must_use]
    pub fn new(
        kid: impl Into<String>,
        region: impl Into<String>,
        agency: impl Into<String>,
        key: VerifyingKey,
        valid_from: Timestamp,
        valid_until: Option<Timestamp>,
        message_types: Vec<String>,
    ) -> Self {
        Self {
            kid: kid.into(),
            region: region.into(),
            agency: agency.into(),
            alg: key.algorithm(),
            key,
            valid_from,
            valid_until,
            status: KeyStatus::Active,
            status_since: None,
            message_types,
            endpoint: None,
        }
    }

    /// Sets the party's inbox URL (see [`KeyRecord::endpoint`]).
    ///
    /// # Errors
    /// `trust_list.invalid` when `url` is not an absolute `https://` or `http://` URL without
    /// user information or fragment (at most 2 048 printable ASCII characters).
    pub fn with_endpoint(mut self, url: impl Into<String>) -> Result<Self> {
        let url = url.into();
        check_endpoint(&url, "/endpoint")?;
        self.endpoint = Some(url);
        Ok(self)
    }

    /// Whether the key may sign messages of `message_type`.
    #[must_use]
    pub fn allows_type(&self, message_type: &str) -> bool {
        self.message_types
            .iter()
            .any(|p| type_matches(p, message_type))
    }

    /// Checks the record's validity and status for a message issued at `issued_at`.
    ///
    /// # Errors
    /// `key.revoked`, `key.not_yet_valid`, `key.expired`, `key.retired`.
    pub fn check_issued_at(&self, issued_at: Timestamp) -> Result<()> {
        let kid = &self.kid;
        if self.status == KeyStatus::Revoked {
            return Err(Error::new(
                ErrorCode::KeyRevoked,
                format!("key '{kid}' is revoked"),
            ));
        }
        if issued_at < self.valid_from {
            return Err(Error::new(
                ErrorCode::KeyNotYetValid,
                format!(
                    "message issued at {issued_at}, key '{kid}' is valid from {}",
                    self.valid_from
                ),
            )
            .at("/issued_at"));
        }
        if let Some(until) = self.valid_until {
            if issued_at > until {
                return Err(Error::new(
                    ErrorCode::KeyExpired,
                    format!("message issued at {issued_at}, key '{kid}' was valid until {until}"),
                )
                .at("/issued_at"));
            }
        }
        if self.status == KeyStatus::Retired {
            let since = self.status_since.unwrap_or(self.valid_from);
            if issued_at >= since {
                return Err(Error::new(
                    ErrorCode::KeyRetired,
                    format!("message issued at {issued_at}, key '{kid}' was retired at {since}"),
                )
                .at("/issued_at"));
            }
        }
        Ok(())
    }

    fn to_value(&self) -> Value {
        let mut jwk = self.key.to_jwk();
        if let Value::Object(m) = &mut jwk {
            m.insert("kid".into(), self.kid.clone().into());
        }
        let mut m = Map::new();
        m.insert("kid".into(), self.kid.clone().into());
        m.insert("region".into(), self.region.clone().into());
        m.insert("agency".into(), self.agency.clone().into());
        m.insert("alg".into(), self.alg.as_str().into());
        m.insert("jwk".into(), jwk);
        m.insert("valid_from".into(), self.valid_from.to_string().into());
        if let Some(u) = self.valid_until {
            m.insert("valid_until".into(), u.to_string().into());
        }
        m.insert("status".into(), self.status.as_str().into());
        if let Some(s) = self.status_since {
            m.insert("status_since".into(), s.to_string().into());
        }
        m.insert("message_types".into(), json!(self.message_types));
        if let Some(e) = &self.endpoint {
            m.insert("endpoint".into(), e.clone().into());
        }
        Value::Object(m)
    }
}

/// Whether a `message_types` pattern matches a type: `*`, `domain.*` or exact.
#[must_use]
pub fn type_matches(pattern: &str, message_type: &str) -> bool {
    if pattern == "*" {
        return true;
    }
    match pattern.strip_suffix(".*") {
        Some(prefix) => message_type
            .strip_prefix(prefix)
            .is_some_and(|rest| rest.starts_with('.')),
        None => pattern == message_type,
    }
}

/// A trust list: sequence, next update and the key records, indexed by kid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustList {
    /// Strictly increasing version number.
    pub sequence: u64,
    /// When the issuer promises the next list.
    pub next_update: Timestamp,
    keys: Vec<KeyRecord>,
    index: HashMap<String, usize>,
    /// The digest of the signed message this list was loaded from (None when built in memory).
    digest: Option<String>,
    /// The signed list's envelope `expires_at`, when it has one: after it (and the leeway) the
    /// list is stale whatever its `next_update` says.
    expires_at: Option<Timestamp>,
}

fn tl_invalid(msg: impl Into<String>, path: impl Into<String>) -> Error {
    Error::new(ErrorCode::TrustListInvalid, msg).at(path)
}

impl TrustList {
    /// An empty list.
    ///
    /// ```
    /// use labourlink_protocol::trust::{TrustList, KeyRecord};
    /// use labourlink_protocol::keys::SigningKey;
    /// use labourlink_protocol::time::Timestamp;
    /// let t = |s: &str| Timestamp::parse(s).unwrap();
    /// let partner = SigningKey::from_seed(&[2; 32], "513400-si-2026a").unwrap();
    /// let mut list = TrustList::new(1, t("2027-01-01T00:00:00Z"));
    /// list.add_key(KeyRecord::new("513400-si-2026a", "513400", "LS-SI", partner.verifying_key(),
    ///     t("2026-01-01T00:00:00Z"), None, vec!["social_insurance.*".into()])).unwrap();
    /// assert!(list.key("513400-si-2026a").unwrap().allows_type("social_insurance.contact_letter"));
    /// ```
    #[must_use]
    pub fn new(sequence: u64, next_update: Timestamp) -> Self {
        Self {
            sequence,
            next_update,
            keys: Vec::new(),
            index: HashMap::new(),
            digest: None,
            expires_at: None,
        }
    }

    /// Adds a key record.
    ///
    /// # Errors
    /// `trust_list.invalid` when the kid is already listed, the same public key is already
    /// listed (under another kid or party), the kid or agency holds control, bidi, invisible
    /// or fullwidth characters, the record's algorithm differs from its key's, or it has no
    /// message types.
    pub fn add_key(&mut self, record: KeyRecord) -> Result<()> {
        check_identifier("key id", &record.kid, "/body/keys")?;
        if let Some(url) = &record.endpoint {
            check_endpoint(url, "/body/keys")?;
        }
        check_identifier("agency", &record.agency, "/body/keys")?;
        if record.kid.is_empty() || record.agency.is_empty() {
            return Err(tl_invalid(
                "a key record needs a non-empty kid and agency",
                "/body/keys",
            ));
        }
        if self.index.contains_key(&record.kid) {
            return Err(tl_invalid(
                format!("key id '{}' is already in the list", record.kid),
                "/body/keys",
            ));
        }
        if let Some(other) = self.keys.iter().find(|r| r.key == record.key) {
            return Err(tl_invalid(
                format!(
                    "the public key of '{}' is already listed as '{}': one key under two ids or two parties would count as two signers",
                    record.kid, other.kid
                ),
                "/body/keys",
            ));
        }
        if record.alg != record.key.algorithm() {
            return Err(tl_invalid(
                format!(
                    "key '{}': alg {} differs from its key's algorithm",
                    record.kid, record.alg
                ),
                "/body/keys",
            ));
        }
        if record.message_types.is_empty() {
            return Err(tl_invalid(
                format!("key '{}' has no message_types", record.kid),
                "/body/keys",
            ));
        }
        if record.valid_until.is_some_and(|u| u < record.valid_from) {
            return Err(tl_invalid(
                format!(
                    "key '{}': valid_until is before valid_from (it would never be valid)",
                    record.kid
                ),
                "/body/keys",
            ));
        }
        if !crate::envelope_imp::is_region_code(&record.region) {
            return Err(tl_invalid(
                format!(
                    "key '{}': region '{}' is not a six-digit GB/T 2260 code",
                    record.kid, record.region
                ),
                "/body/keys",
            ));
        }
        if let Some(p) = record.message_types.iter().find(|p| !valid_pattern(p)) {
            return Err(tl_invalid(
                format!(
                    "key '{}': '{p}' is not a message type pattern ('*', 'domain.*' or a type)",
                    record.kid
                ),
                "/body/keys",
            ));
        }
        self.index.insert(record.kid.clone(), self.keys.len());
        self.keys.push(record);
        self.digest = None;
        Ok(())
    }

    fn set_status(&mut self, kid: &str, status: KeyStatus, since: Timestamp) -> Result<()> {
        let i = *self.index.get(kid).ok_or_else(|| {
            Error::new(
                ErrorCode::TrustListKeyNotFound,
                format!("no key '{kid}' in the trust list"),
            )
        })?;
        if let Some(r) = self.keys.get_mut(i) {
            if r.status == KeyStatus::Revoked && status == KeyStatus::Retired {
                return Err(tl_invalid(
                    format!("key '{kid}' is revoked and cannot be retired"),
                    format!("/body/keys/{i}/status"),
                ));
            }
            r.status = status;
            r.status_since = Some(since);
        }
        self.digest = None;
        Ok(())
    }

    /// Retires a key: messages issued before `since` stay valid.
    ///
    /// # Errors
    /// `trust_list.key_not_found`, or `trust_list.invalid` for a revoked key.
    pub fn retire(&mut self, kid: &str, since: Timestamp) -> Result<()> {
        self.set_status(kid, KeyStatus::Retired, since)
    }

    /// Revokes a key: nothing it signed verifies any more.
    ///
    /// # Errors
    /// `trust_list.key_not_found`.
    pub fn revoke(&mut self, kid: &str, since: Timestamp) -> Result<()> {
        self.set_status(kid, KeyStatus::Revoked, since)
    }

    /// Looks a key up by id.
    #[must_use]
    pub fn key(&self, kid: &str) -> Option<&KeyRecord> {
        self.index.get(kid).and_then(|i| self.keys.get(*i))
    }

    /// All records, in list order.
    #[must_use]
    pub fn keys(&self) -> &[KeyRecord] {
        &self.keys
    }

    /// The inbox URL of a party: the `endpoint` of its first active key record that has a
    /// usable one ([`check_inbox_url`]; a retired or revoked record's endpoint is not used).
    #[must_use]
    pub fn endpoint(&self, region: &str, agency: &str) -> Option<&str> {
        self.keys
            .iter()
            .filter(|r| r.region == region && r.agency == agency && r.status == KeyStatus::Active)
            .filter_map(|r| r.endpoint.as_deref())
            .find(|url| check_inbox_url(url).is_ok())
    }

    /// The schema version a signed list must declare: `1.1` when a record carries an
    /// `endpoint` (added in 1.1), else `1.0` (readable by every 1.x verifier).
    #[must_use]
    pub fn schema_version(&self) -> &'static str {
        if self.keys.iter().any(|r| r.endpoint.is_some()) {
            "1.1"
        } else {
            "1.0"
        }
    }

    /// The digest of the signed list this was loaded from.
    #[must_use]
    pub fn digest(&self) -> Option<&str> {
        self.digest.as_deref()
    }

    /// The envelope's `expires_at` of the signed list this was loaded from, if it had one.
    #[must_use]
    pub fn expires_at(&self) -> Option<Timestamp> {
        self.expires_at
    }

    /// Checks staleness at `now` with `grace_seconds` after `next_update`, and the signed
    /// list's own `expires_at` (with the 300 s leeway, as at loading): a verifier that runs
    /// on stops trusting a list when its anchor said it ends, as a restart would.
    ///
    /// # Errors
    /// `input.invalid` for a grace outside 0 to 100 years ([`check_grace_seconds`]),
    /// `trust_list.stale`.
    pub fn check_fresh(&self, now: Timestamp, grace_seconds: i64) -> Result<()> {
        check_grace_seconds(grace_seconds)?;
        if let Some(exp) = self.expires_at {
            if exp.add_seconds(crate::time_imp::DEFAULT_LEEWAY_SECONDS) < now {
                return Err(Error::new(
                    ErrorCode::TrustListStale,
                    format!(
                        "trust list {} expired at {exp} (its expires_at); load a newer list",
                        self.sequence
                    ),
                )
                .zh(format!(
                    "信任列表 {} 已于 {exp} 失效（其 expires_at）；请加载更新的列表",
                    self.sequence
                )));
            }
        }
        let limit = self.next_update.add_seconds(grace_seconds);
        if now > limit {
            return Err(Error::new(
                ErrorCode::TrustListStale,
                format!(
                    "trust list {} was due for renewal at {} and the grace period ended at {limit}; load a newer list",
                    self.sequence, self.next_update
                ),
            ));
        }
        Ok(())
    }

    /// Refuses a list older than `min_sequence` — the highest sequence this verifier has
    /// accepted before (persisted by the caller or the store), so that an older anchor-signed
    /// list, in which a since-revoked key is still active, cannot be replayed after a restart.
    ///
    /// # Errors
    /// `trust_list.rollback`.
    pub fn check_min_sequence(&self, min_sequence: u64) -> Result<()> {
        if self.sequence < min_sequence {
            return Err(Error::new(
                ErrorCode::TrustListRollback,
                format!(
                    "trust list sequence {} is older than the minimum accepted sequence {min_sequence}",
                    self.sequence
                ),
            )
            .at("/body/sequence"));
        }
        Ok(())
    }

    /// Hygiene checks for `labourlink trust-list check` and before signing a list: findings
    /// (code `trust_list.invalid`) that a loaded list would not already refuse, or that are
    /// risky without being invalid. Errors: an anchor's key listed as a partner key. Warnings:
    /// kids or agencies that are not plain ASCII (they may have look-alike or non-NFC
    /// spellings), the same agency code in two regions, a key valid for more than five
    /// years, `*` (every type) for a partner key.
    #[must_use]
    pub fn lint(&self, anchors: &[Anchor]) -> Vec<crate::error_imp::Finding> {
        use crate::error_imp::{Finding, Severity};
        let mut out = Vec::new();
        let mut push = |severity: Severity, path: String, en: String, zh: String| {
            out.push(Finding {
                violation: crate::error_imp::Violation::new("trust_list.invalid", path, en, zh),
                severity,
            });
        };
        for (i, r) in self.keys.iter().enumerate() {
            let base = format!("/body/keys/{i}");
            if let Some(a) = anchors.iter().find(|a| a.key == r.key) {
                push(
                    Severity::Error,
                    format!("{base}/jwk"),
                    format!(
                        "key '{}' is the trust anchor '{}': the anchor signs trust lists only, never messages",
                        r.kid, a.kid
                    ),
                    "信任锚密钥被登记为业务签名密钥".to_owned(),
                );
            }
            for (field, value) in [("kid", &r.kid), ("agency", &r.agency)] {
                if !value.is_ascii() {
                    push(
                        Severity::Warning,
                        format!("{base}/{field}"),
                        format!(
                            "{field} '{}' is not plain ASCII: look-alike and differently normalised spellings are possible; prefer letters, digits, '-', '.', '_'",
                            crate::error_imp::shown(value)
                        ),
                        format!("{field} 含有非 ASCII 字符，可能存在形近或不同规范化形式"),
                    );
                }
            }
            if let Some(other) = self
                .keys
                .iter()
                .find(|o| o.agency == r.agency && o.region != r.region)
            {
                push(
                    Severity::Warning,
                    format!("{base}/agency"),
                    format!(
                        "agency '{}' is also used in region {} (key '{}'): agency codes should identify one agency",
                        r.agency, other.region, other.kid
                    ),
                    "同一单位代码出现在不同地区".to_owned(),
                );
            }
            if let Some(until) = r.valid_until {
                if until.unix_seconds() - r.valid_from.unix_seconds() > 5 * 366 * 86_400 {
                    push(
                        Severity::Warning,
                        format!("{base}/valid_until"),
                        format!("key '{}' is valid for more than five years", r.kid),
                        "密钥有效期超过五年".to_owned(),
                    );
                }
            }
            if let Some(url) = &r.endpoint {
                // Loadable (LL-TRUST-012) but not an address a client can connect to (a port
                // over 65535, a host a host name cannot be): every sender refuses it, and a
                // node's outbox keeps the old URL (audit s42 hostile F6).
                if let Err(e) = check_inbox_url(url) {
                    push(
                        Severity::Error,
                        format!("{base}/endpoint"),
                        format!("key '{}': {}", r.kid, e.message()),
                        "收件地址不是客户端可以连接的地址（主机或端口无效），发送方会拒绝使用"
                            .to_owned(),
                    );
                }
                if url.starts_with("http://") && !is_loopback_url(url) {
                    push(
                        Severity::Warning,
                        format!("{base}/endpoint"),
                        format!(
                            "key '{}' names a plain-HTTP inbox off loopback: messages carry personal data; use https://",
                            r.kid
                        ),
                        "收件地址使用明文 HTTP 且不在本机，报文含个人信息，应使用 https://"
                            .to_owned(),
                    );
                }
                if let Some(other) = self.keys.iter().find(|o| {
                    o.region == r.region
                        && o.agency == r.agency
                        && o.endpoint.as_ref().is_some_and(|e| e != url)
                }) {
                    push(
                        Severity::Warning,
                        format!("{base}/endpoint"),
                        format!(
                            "agency '{}' has two inbox URLs (also on key '{}'): senders use the first active record's",
                            r.agency, other.kid
                        ),
                        "同一单位登记了两个不同的收件地址".to_owned(),
                    );
                }
            }
            if r.message_types.iter().any(|p| p == "*") {
                push(
                    Severity::Warning,
                    format!("{base}/message_types"),
                    format!(
                        "key '{}' may sign every message type ('*'); list the domains it needs",
                        r.kid
                    ),
                    "密钥可签发所有消息类型".to_owned(),
                );
            }
        }
        out
    }

    /// The body (`sequence`, `next_update`, `keys`) as JSON.
    #[must_use]
    pub fn to_body(&self) -> Value {
        json!({
            "sequence": self.sequence,
            "next_update": self.next_update.to_string(),
            "keys": self.keys.iter().map(KeyRecord::to_value).collect::<Vec<_>>(),
        })
    }

    /// Reads a body. Every problem is reported with its pointer under `/body`.
    ///
    /// # Errors
    /// `trust_list.invalid`, or `key.*` when a listed key is refused (pointer of its `jwk`).
    pub fn from_body(body: &Value) -> Result<Self> {
        let Value::Object(obj) = body else {
            return Err(tl_invalid("the trust list body must be an object", "/body"));
        };
        for k in obj.keys() {
            if !matches!(k.as_str(), "sequence" | "next_update" | "keys") {
                return Err(tl_invalid(
                    format!("unknown field '{k}'"),
                    format!("/body/{}", crate::error_imp::escape_pointer_token(k)),
                ));
            }
        }
        let sequence = obj.get("sequence").and_then(Value::as_u64).ok_or_else(|| {
            tl_invalid(
                "'sequence' must be a non-negative integer",
                "/body/sequence",
            )
        })?;
        let next_update = req_time(obj, "next_update", "/body")?;
        let Some(Value::Array(keys)) = obj.get("keys") else {
            return Err(tl_invalid("'keys' must be an array", "/body/keys"));
        };
        let mut list = Self::new(sequence, next_update);
        for (i, k) in keys.iter().enumerate() {
            let base = format!("/body/keys/{i}");
            let record = record_from_value(k, &base)?;
            if list.index.contains_key(&record.kid) {
                return Err(tl_invalid(
                    format!("key id '{}' appears twice", record.kid),
                    format!("{base}/kid"),
                ));
            }
            if let Some(other) = list.keys.iter().find(|r| r.key == record.key) {
                return Err(tl_invalid(
                    format!(
                        "the public key of '{}' is already listed as '{}': one key under two ids or two parties would count as two signers",
                        record.kid, other.kid
                    ),
                    format!("{base}/jwk"),
                ));
            }
            list.index.insert(record.kid.clone(), list.keys.len());
            list.keys.push(record);
        }
        Ok(list)
    }

    /// Signs the list with an anchor key and returns the JWS. `issuer` is the anchor's party;
    /// the document is addressed to the same party (a trust list has no single receiver).
    ///
    /// # Errors
    /// The signer's error, or `envelope.*` if `issuer` is invalid.
    pub fn sign(&self, anchor: &dyn Signer, issuer: Party, clock: &dyn Clock) -> Result<String> {
        let doc = Document::builder("trust_list", issuer.clone(), issuer)
            .schema_version(self.schema_version())
            .body(self.to_body())
            .build(clock)?;
        crate::signing::sign(&doc.to_value(), &[anchor])
    }

    /// Loads and verifies a signed trust list: every signature must come from a pinned anchor
    /// and verify; the payload must be canonical; the type must be `trust_list`; like any
    /// message it must not be issued in the future nor past its `expires_at` (300 s leeway);
    /// the list must not be stale at `clock.now()`.
    ///
    /// # Errors
    /// `json.*`, `jws.*`, `trust_list.untrusted_anchor`, `key.algorithm_mismatch`,
    /// `signature.invalid`, `payload.not_canonical`, `envelope.*` (`envelope.issued_in_future`,
    /// `envelope.expired`), `trust_list.invalid`, `trust_list.stale`.
    pub fn load(
        bytes: &[u8],
        anchors: &[Anchor],
        clock: &dyn Clock,
        grace_seconds: i64,
    ) -> Result<Self> {
        let (checked, digest) = load_anchor_signed(bytes, anchors, clock, AnchorSigned::TrustList)?;
        let now = clock.now();
        let mut list = Self::from_body(&checked.document.body)?;
        list.digest = Some(digest);
        list.expires_at = checked.expires_at;
        list.check_fresh(now, grace_seconds)?;
        Ok(list)
    }
}

/// Checks a grace period after `next_update` (a trust list's or reference data's): from 0 to
/// [`crate::time::MAX_TIME_SETTING_SECONDS`] (100 years), as the verifier builder's
/// `stale_grace_seconds` — a larger one would load a list long stale, in which a since-revoked
/// key may still be active.
///
/// ```
/// use labourlink_protocol::trust::check_grace_seconds;
/// assert!(check_grace_seconds(7 * 86_400).is_ok());
/// assert!(check_grace_seconds(-1).is_err());
/// assert!(check_grace_seconds(i64::MAX).is_err());
/// ```
///
/// # Errors
/// `input.invalid`.
pub fn check_grace_seconds(grace_seconds: i64) -> Result<()> {
    let max = crate::time_imp::MAX_TIME_SETTING_SECONDS;
    if (0..=max).contains(&grace_seconds) {
        Ok(())
    } else {
        Err(Error::new(
            ErrorCode::InputInvalid,
            format!(
                "grace_seconds is {grace_seconds}: it must be from 0 to {max} seconds (100 years)"
            ),
        )
        .zh(format!(
            "grace_seconds 为 {grace_seconds}：须在 0 到 {max} 秒（100 年）之间"
        )))
    }
}

/// The two documents a trust anchor signs: trust lists and reference data. They are verified
/// the same way and differ only in their type and error codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnchorSigned {
    /// `trust_list` (`trust_list.*` codes).
    TrustList,
    /// `reference_data` (`reference_data.*` codes).
    ReferenceData,
}

impl AnchorSigned {
    /// The message type.
    #[must_use]
    pub const fn message_type(self) -> &'static str {
        match self {
            Self::TrustList => "trust_list",
            Self::ReferenceData => "reference_data",
        }
    }

    /// What the document is called in messages.
    const fn noun(self) -> &'static str {
        match self {
            Self::TrustList => "trust list",
            Self::ReferenceData => "reference-data document",
        }
    }

    /// The code of an invalid document (`*.invalid`).
    #[must_use]
    pub const fn invalid_code(self) -> ErrorCode {
        match self {
            Self::TrustList => ErrorCode::TrustListInvalid,
            Self::ReferenceData => ErrorCode::ReferenceDataInvalid,
        }
    }

    const fn untrusted_code(self) -> ErrorCode {
        match self {
            Self::TrustList => ErrorCode::TrustListUntrustedAnchor,
            Self::ReferenceData => ErrorCode::ReferenceDataUntrustedAnchor,
        }
    }
}

/// What an "is not a pinned trust anchor" message adds: the kids that are pinned (their
/// signer must use one of them), or that none is.
fn pinned_hint(anchors: &[Anchor]) -> String {
    const SHOWN: usize = 5;
    if anchors.is_empty() {
        return ": no trust anchor is pinned — pass the anchors' public keys (anchors), or a \
                trust list already loaded against them"
            .to_owned();
    }
    let mut kids: Vec<String> = anchors
        .iter()
        .take(SHOWN)
        .map(|a| format!("'{}'", a.kid))
        .collect();
    if anchors.len() > SHOWN {
        kids.push(format!("and {} more", anchors.len() - SHOWN));
    }
    format!(
        " (pinned: {}); the anchor holder signs with a pinned anchor's key and its kid",
        kids.join(", ")
    )
}

/// Pinned anchors name one key each: two different keys under one kid would let the first
/// silently win (a list signed with the second would fail as `signature.invalid`, with nothing
/// saying why). The same key given twice is harmless.
fn check_distinct_anchors(anchors: &[Anchor]) -> Result<()> {
    for (i, a) in anchors.iter().enumerate() {
        let earlier = anchors.get(..i).unwrap_or_default();
        if earlier.iter().any(|b| b.kid == a.kid && b.key != a.key) {
            return Err(Error::new(
                ErrorCode::InputInvalid,
                format!(
                    "two pinned trust anchors share the key id '{}' with different keys; an anchor's kid names one key",
                    crate::error_imp::shown(&a.kid)
                ),
            )
            .zh(format!(
                "两个固定的信任锚使用同一密钥标识“{}”但密钥不同；信任锚的密钥标识只能对应一个密钥",
                crate::error_imp::shown(&a.kid)
            )));
        }
    }
    Ok(())
}

/// Verifies a document signed by trust anchors (a trust list or reference data) and returns
/// its checked envelope and payload digest: every signature must come from a pinned anchor and
/// verify; the payload must be canonical; the type must be `kind`'s; like any message it must
/// not be issued in the future nor past its `expires_at` (300 s leeway). The body is not read.
///
/// # Errors
/// `json.*`, `jws.*`, `*.untrusted_anchor`, `key.algorithm_mismatch`, `signature.invalid`,
/// `payload.not_canonical`, `envelope.*`, `*.invalid` (another type); `input.invalid` for two
/// pinned anchors with one kid and different keys.
pub fn load_anchor_signed(
    bytes: &[u8],
    anchors: &[Anchor],
    clock: &dyn Clock,
    kind: AnchorSigned,
) -> Result<(crate::envelope_imp::CheckedDocument, String)> {
    let noun = kind.noun();
    let expected = kind.message_type();
    check_distinct_anchors(anchors)?;

    let parsed = jws::parse(bytes, Limits::default(), &AlgorithmPolicy::default())?;
    for sig in &parsed.signatures {
        let anchor = anchors
            .iter()
            .find(|a| a.kid == sig.header.kid)
            .ok_or_else(|| {
                Error::new(
                    kind.untrusted_code(),
                    format!(
                        "{noun} is signed by '{}', which is not a pinned trust anchor{}",
                        sig.header.kid,
                        pinned_hint(anchors)
                    ),
                )
                .at(format!("{}/protected", sig.pointer))
            })?;
        if anchor.key.algorithm() != sig.header.alg {
            return Err(Error::new(
                ErrorCode::KeyAlgorithmMismatch,
                format!(
                    "header alg {} differs from anchor '{}' ({})",
                    sig.header.alg,
                    anchor.kid,
                    anchor.key.algorithm()
                ),
            )
            .at(format!("{}/protected", sig.pointer)));
        }
        anchor
            .key
            .verify(&parsed.signing_input(sig), &sig.signature)
            .map_err(|e| {
                Error::new(
                    e.code(),
                    format!(
                        "the {noun}'s signature {} by anchor '{}' does not verify with the pinned anchor key: it was altered after signing, or signed with another key under that kid",
                        sig.pointer, anchor.kid
                    ),
                )
            })?;
    }
    let (value, digest) =
        crate::envelope_imp::parse_canonical_payload(&parsed.payload, Limits::default())?;
    // LL-TRUST-002: the envelope with the type-name form only — this layer does not know the
    // catalogue, and the only type a trust list can have is `trust_list` (reference data:
    // `reference_data`); any other type, in a catalogue or not, is `*.invalid` at `/type`.
    let checked = Document::from_value(&value)?;
    if checked.document.message_type != expected {
        return Err(Error::new(
            kind.invalid_code(),
            format!(
                "message type is '{}', expected '{expected}'",
                checked.document.message_type
            ),
        )
        .at("/type"));
    }
    let now = clock.now();
    if checked.issued_at > now.add_seconds(crate::time_imp::DEFAULT_LEEWAY_SECONDS) {
        return Err(Error::new(
            ErrorCode::EnvelopeIssuedInFuture,
            format!(
                "the {noun} is issued at {}, later than now ({now}) plus the leeway",
                checked.document.issued_at
            ),
        )
        .at("/issued_at"));
    }
    if let Some(exp) = checked.expires_at {
        if exp.add_seconds(crate::time_imp::DEFAULT_LEEWAY_SECONDS) < now {
            return Err(Error::new(
                ErrorCode::EnvelopeExpired,
                format!("the {noun} expired at {exp}"),
            )
            .at("/expires_at"));
        }
    }
    Ok((checked, digest))
}

fn req_str<'a>(obj: &'a Map<String, Value>, key: &str, base: &str) -> Result<&'a str> {
    match obj.get(key) {
        Some(Value::String(s)) if !s.is_empty() => Ok(s),
        _ => Err(tl_invalid(
            format!("'{key}' must be a non-empty string"),
            format!("{base}/{key}"),
        )),
    }
}

fn req_time(obj: &Map<String, Value>, key: &str, base: &str) -> Result<Timestamp> {
    Timestamp::parse(req_str(obj, key, base)?)
        .map_err(|e| tl_invalid(e.message().to_owned(), format!("{base}/{key}")))
}

fn opt_time(obj: &Map<String, Value>, key: &str, base: &str) -> Result<Option<Timestamp>> {
    if obj.contains_key(key) {
        req_time(obj, key, base).map(Some)
    } else {
        Ok(None)
    }
}

/// Refuses a key id or agency code that could look like another one or forge output:
/// control, bidi, zero-width and other invisible characters, and fullwidth/halfwidth forms
/// (U+FF00–U+FFEF, e.g. `ＮＢ-SI` for `NB-SI`).
fn check_identifier(what: &str, value: &str, at: &str) -> Result<()> {
    if let Some(c) = value
        .chars()
        .find(|c| crate::error_imp::is_unsafe_char(*c) || ('\u{FF00}'..='\u{FFEF}').contains(c))
    {
        return Err(tl_invalid(
            format!(
                "{what} '{}' contains U+{:04X}: control, bidirectional, invisible and fullwidth characters are not allowed (they make look-alike identifiers)",
                crate::error_imp::shown(value),
                u32::from(c)
            ),
            at.to_owned(),
        ));
    }
    Ok(())
}

fn record_from_value(v: &Value, base: &str) -> Result<KeyRecord> {
    let Value::Object(obj) = v else {
        return Err(tl_invalid("a key record must be an object", base));
    };
    const FIELDS: &[&str] = &[
        "kid",
        "region",
        "agency",
        "alg",
        "jwk",
        "valid_from",
        "valid_until",
        "status",
        "status_since",
        "message_types",
        "endpoint",
    ];
    for k in obj.keys() {
        if !FIELDS.contains(&k.as_str()) {
            return Err(tl_invalid(
                format!("unknown field '{k}' in a key record"),
                format!("{base}/{}", crate::error_imp::escape_pointer_token(k)),
            ));
        }
    }
    let kid = req_str(obj, "kid", base)?;
    check_identifier("key id", kid, &format!("{base}/kid"))?;
    let region = req_str(obj, "region", base)?;
    if !crate::envelope_imp::is_region_code(region) {
        return Err(tl_invalid(
            format!("region '{region}' is not a six-digit code"),
            format!("{base}/region"),
        ));
    }
    let agency = req_str(obj, "agency", base)?;
    check_identifier("agency", agency, &format!("{base}/agency"))?;
    let alg = Algorithm::from_jws_name(req_str(obj, "alg", base)?)
        .map_err(|e| tl_invalid(e.message().to_owned(), format!("{base}/alg")))?;
    let jwk = obj
        .get("jwk")
        .ok_or_else(|| tl_invalid("'jwk' is missing", base.to_owned()))?;
    if let Some(Value::String(jkid)) = jwk.get("kid") {
        if jkid != kid {
            return Err(tl_invalid(
                format!("jwk kid '{jkid}' differs from the record's kid '{kid}'"),
                format!("{base}/jwk/kid"),
            ));
        }
    }
    let key = VerifyingKey::from_jwk(jwk).map_err(|e| e.within(&format!("{base}/jwk")))?;
    if key.algorithm() != alg {
        return Err(tl_invalid(
            format!("alg {alg} does not fit the key type of the jwk"),
            format!("{base}/alg"),
        ));
    }
    let valid_from = req_time(obj, "valid_from", base)?;
    let valid_until = opt_time(obj, "valid_until", base)?;
    if valid_until.is_some_and(|u| u < valid_from) {
        return Err(tl_invalid(
            "valid_until is before valid_from",
            format!("{base}/valid_until"),
        ));
    }
    let status = match req_str(obj, "status", base)? {
        "active" => KeyStatus::Active,
        "retired" => KeyStatus::Retired,
        "revoked" => KeyStatus::Revoked,
        other => {
            return Err(tl_invalid(
                format!("status '{other}' is not active, retired or revoked"),
                format!("{base}/status"),
            ));
        }
    };
    let status_since = opt_time(obj, "status_since", base)?;
    if status != KeyStatus::Active && status_since.is_none() {
        return Err(tl_invalid(
            format!("a {} key needs 'status_since'", status.as_str()),
            base.to_owned(),
        ));
    }
    let types = match obj.get("message_types") {
        Some(Value::Array(a)) if !a.is_empty() => a,
        _ => {
            return Err(tl_invalid(
                "'message_types' must be a non-empty array of patterns",
                format!("{base}/message_types"),
            ));
        }
    };
    let mut message_types = Vec::with_capacity(types.len());
    for (j, t) in types.iter().enumerate() {
        match t.as_str() {
            Some(s) if valid_pattern(s) => message_types.push(s.to_owned()),
            _ => {
                return Err(tl_invalid(
                    "a message type pattern must be '*', 'domain.*' or a type name",
                    format!("{base}/message_types/{j}"),
                ));
            }
        }
    }
    let endpoint = match obj.get("endpoint") {
        None => None,
        Some(Value::String(u)) => {
            check_endpoint(u, &format!("{base}/endpoint"))?;
            Some(u.clone())
        }
        Some(_) => {
            return Err(tl_invalid(
                "'endpoint' must be a string (an inbox URL)",
                format!("{base}/endpoint"),
            ));
        }
    };
    Ok(KeyRecord {
        kid: kid.to_owned(),
        region: region.to_owned(),
        agency: agency.to_owned(),
        alg,
        key,
        valid_from,
        valid_until,
        status,
        status_since,
        message_types,
        endpoint,
    })
}

/// The longest inbox URL a key record may carry.
pub const MAX_ENDPOINT_LEN: usize = 2048;

/// Checks an inbox URL: absolute `https://` (or `http://`, which `lint` warns about off
/// loopback), a host, printable ASCII only, no user information (`@`) and no fragment.
fn check_endpoint(url: &str, ptr: &str) -> Result<()> {
    match endpoint_problem(url) {
        Some(why) => Err(tl_invalid(
            format!("the endpoint is not a usable inbox URL: {why}"),
            ptr.to_owned(),
        )),
        None => Ok(()),
    }
}

/// What makes `url` unusable as an inbox URL (LL-TRUST-012), or `None`.
fn endpoint_problem(url: &str) -> Option<&'static str> {
    if url.len() > MAX_ENDPOINT_LEN {
        return Some("longer than 2048 characters");
    }
    if !url.bytes().all(|b| b.is_ascii_graphic()) {
        return Some(
            "only printable ASCII without spaces is allowed (punycode for IDN hosts, percent-encoding for paths)",
        );
    }
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return Some("it must start with https:// (or http:// behind a proxy on loopback)");
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.is_empty() {
        return Some("it names no host");
    }
    if authority.contains('@') {
        return Some(
            "user information (user@host) is not allowed: credentials never travel in a trust list",
        );
    }
    if url.contains('#') {
        return Some("a fragment (#…) is not allowed");
    }
    None
}

/// Checks a URL given for an inbox by hand (`labourlink send --to`, the outbox): what a trust
/// list's `endpoint` must be (LL-TRUST-012), and a host and port a client can connect to (an
/// IPv6 address in brackets, a port of digits up to 65535). A URL refused here would only
/// ever fail, so it is refused before anything is queued.
///
/// ```
/// use labourlink_protocol::trust::check_inbox_url;
/// assert!(check_inbox_url("https://inbox.example.invalid/v1/messages").is_ok());
/// assert!(check_inbox_url("http://[::1]:8480/v1/messages").is_ok());
/// for bad in ["ftp://x/y", "not a url", "http://[::1", "http://h:99999/", "https://u:p@h/"] {
///     assert_eq!(check_inbox_url(bad).unwrap_err().code().as_str(), "input.invalid");
/// }
/// ```
///
/// # Errors
/// `input.invalid` saying what is wrong (the URL is quoted without any user information).
pub fn check_inbox_url(url: &str) -> Result<()> {
    check_url(url, "inbox URL", "收件端 URL")
}

/// Checks a URL a trust list or reference data is fetched from (`labourlink trust-list
/// fetch`, a node's `trust_list.url`) as [`check_inbox_url`] checks an inbox's: a URL that
/// can never be fetched is a mistake to fix, not a network failure to wait out.
///
/// ```
/// use labourlink_protocol::trust::check_fetch_url;
/// assert!(check_fetch_url("https://anchor.example.invalid/v1/trust-list").is_ok());
/// assert_eq!(check_fetch_url("file:///etc/passwd").unwrap_err().code().as_str(), "input.invalid");
/// ```
///
/// # Errors
/// `input.invalid` saying what is wrong (the URL is quoted without any user information).
pub fn check_fetch_url(url: &str) -> Result<()> {
    check_url(url, "URL to fetch from", "获取地址")
}

fn check_url(url: &str, what: &str, what_zh: &str) -> Result<()> {
    let why = endpoint_problem(url).or_else(|| {
        let rest = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"))?;
        let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
        let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
            let Some((addr, after)) = v6.split_once(']') else {
                return Some("an IPv6 host must be closed with ']'");
            };
            if addr.is_empty()
                || !addr
                    .bytes()
                    .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.')
            {
                return Some("the IPv6 host in brackets is not an address");
            }
            match after.strip_prefix(':') {
                Some(p) => ("v6", Some(p)),
                None if after.is_empty() => ("v6", None),
                None => return Some("only ':PORT' may follow an IPv6 host"),
            }
        } else {
            match authority.rsplit_once(':') {
                Some((h, p)) => (h, Some(p)),
                None => (authority, None),
            }
        };
        if host.is_empty() {
            return Some("it names no host");
        }
        if !host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.' || b == b'_')
        {
            return Some("the host has characters a host name cannot have");
        }
        if let Some(p) = port {
            if p.is_empty()
                || p.len() > 5
                || !p.bytes().all(|b| b.is_ascii_digit())
                || p.parse::<u32>().map_or(true, |n| n > 65_535)
            {
                return Some("the port must be a number from 0 to 65535");
            }
        }
        None
    });
    match why {
        None => Ok(()),
        Some(why) => {
            let shown = crate::error_imp::shown(&without_user_info(url));
            Err(Error::new(
                ErrorCode::InputInvalid,
                format!("'{shown}' is not a usable {what}: {why}"),
            )
            .zh(format!("'{shown}' 不是可用的{what_zh}（{why}）")))
        }
    }
}

/// `url` without the user information of its authority (`scheme://user:password@host/…`, also
/// scheme-relative `//user@host`): everything up to the authority's last `@` goes, so a URL's
/// credentials are never shown in a message or a log.
///
/// ```
/// use labourlink_protocol::trust::without_user_info;
/// assert_eq!(without_user_info("https://u:p@ss@host/x?a=@b"), "https://host/x?a=@b");
/// assert_eq!(without_user_info("//u@host:8/x"), "//host:8/x");
/// assert_eq!(without_user_info("/relative"), "/relative");
/// ```
#[must_use]
pub fn without_user_info(url: &str) -> std::borrow::Cow<'_, str> {
    let Some(start) = url.find("//").map(|i| i + 2) else {
        return url.into();
    };
    let rest = &url[start..];
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest[..end].rfind('@') {
        Some(at) => format!("{}{}", &url[..start], &rest[at + 1..]).into(),
        None => url.into(),
    }
}

/// Whether a URL names a loopback host: `localhost`, or an address of 127.0.0.0/8 or `[::1]`
/// — read as an address, so that a DNS name such as `127.partner.example` (which can resolve
/// anywhere) is not taken for one (audit s42 hostile F7).
///
/// ```
/// use labourlink_protocol::trust::is_loopback_url;
/// assert!(is_loopback_url("http://127.0.0.1:8480/v1/trust-list"));
/// assert!(!is_loopback_url("http://127.inbox.example/v1/trust-list"));
/// ```
#[must_use]
pub fn is_loopback_url(url: &str) -> bool {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(url);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = if let Some(v6) = authority.strip_prefix('[') {
        v6.split(']').next().unwrap_or("")
    } else {
        authority.split(':').next().unwrap_or("")
    };
    // Four decimal numbers up to 255, the first 127 (no address parser: the WebAssembly
    // package is size-bound; other spellings of a loopback address only get a needless warning).
    let v4_loopback = {
        let parts: Vec<&str> = host.split('.').collect();
        parts.len() == 4
            && parts[0] == "127"
            && parts.iter().all(|p| {
                // Decimal without leading zeros (`08` is no address: a resolver asks DNS).
                !p.is_empty()
                    && p.len() <= 3
                    && p.bytes().all(|b| b.is_ascii_digit())
                    && (p.len() == 1 || !p.starts_with('0'))
                    && p.parse::<u16>().is_ok_and(|n| n <= 255)
            })
    };
    host.eq_ignore_ascii_case("localhost") || host == "::1" || v4_loopback
}

pub(crate) fn valid_pattern(p: &str) -> bool {
    let name = p.strip_suffix(".*").unwrap_or(p);
    p == "*"
        || (!name.is_empty()
            && name.split('.').all(|seg| {
                !seg.is_empty()
                    && seg
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
            }))
}

/// A pinned trust anchor: a key id and the public key that signs trust lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    /// The anchor's key id (the `kid` of trust-list signatures).
    pub kid: String,
    /// The anchor's public key.
    pub key: VerifyingKey,
}

impl Anchor {
    /// An anchor from a kid and key.
    #[must_use]
    pub fn new(kid: impl Into<String>, key: VerifyingKey) -> Self {
        Self {
            kid: kid.into(),
            key,
        }
    }

    /// An anchor from a public JWK that has a `kid` member.
    ///
    /// # Errors
    /// `key.invalid_format` without a `kid`, or the key errors of [`VerifyingKey::from_jwk`].
    pub fn from_jwk(jwk: &Value) -> Result<Self> {
        let kid = match jwk.get("kid") {
            Some(Value::String(s)) if !s.is_empty() => s.clone(),
            _ => {
                return Err(Error::new(
                    ErrorCode::KeyInvalidFormat,
                    "an anchor JWK needs a non-empty 'kid' member",
                )
                .at("/kid"));
            }
        };
        Ok(Self {
            kid,
            key: VerifyingKey::from_jwk(jwk)?,
        })
    }
}

/// The current trust list of a long-running verifier, replaced atomically by newer lists.
#[derive(Debug)]
pub struct TrustStore {
    anchors: Vec<Anchor>,
    grace_seconds: i64,
    current: RwLock<Arc<TrustList>>,
}

impl TrustList {
    /// Checks that `newer`, of a higher sequence, may follow this accepted list: a key id
    /// keeps its key and party for good (`trust_list.key_rebound`, LL-TRUST-010), and a key
    /// this list revoked stays revoked — under its own kid or any other — in `newer`
    /// (`trust_list.revocation_undone`, LL-TRUST-013): a list drafted from a copy made before
    /// a revocation cannot bring a compromised key back. `newer` must keep every revoked key
    /// listed as `revoked` (under its kid or another): a list that dropped it could not stop
    /// the list after it from bringing the key back, since each list is checked against the
    /// one it replaces. The sequence (rollback, LL-TRUST-005, checked between the two) is the
    /// caller's check.
    ///
    /// # Errors
    /// `trust_list.key_rebound` or `trust_list.revocation_undone` at `/body/keys/N` of `newer`
    /// (a revoked key listed otherwise) or at `/body/keys` (a revoked key left out).
    pub fn check_successor(&self, newer: &TrustList) -> Result<()> {
        self.check_no_rebinding(newer)?;
        self.check_revocations_kept(newer)
    }

    /// LL-TRUST-010: refuses a newer list that re-binds a key id of this one to another
    /// public key, region or agency — a kid names one key of one party for good (signatures
    /// and receipts refer to it).
    fn check_no_rebinding(&self, newer: &TrustList) -> Result<()> {
        for (i, r) in newer.keys.iter().enumerate() {
            if let Some(old) = self.key(&r.kid) {
                if old.key != r.key || old.region != r.region || old.agency != r.agency {
                    return Err(Error::new(
                        ErrorCode::TrustListKeyRebound,
                        format!(
                            "key id '{}' was bound to another key or party ({}/{}) in the accepted list {}; a key id is never reused — give the new key a new id",
                            r.kid, old.region, old.agency, self.sequence
                        ),
                    )
                    .at(format!("/body/keys/{i}")));
                }
            }
        }
        Ok(())
    }

    /// LL-TRUST-013 (see [`TrustList::check_successor`]).
    fn check_revocations_kept(&self, newer: &TrustList) -> Result<()> {
        for (i, r) in newer.keys.iter().enumerate() {
            if r.status == KeyStatus::Revoked {
                continue;
            }
            let revoked = self.keys.iter().find(|old| {
                old.status == KeyStatus::Revoked && (old.kid == r.kid || old.key == r.key)
            });
            if let Some(old) = revoked {
                let under = if old.kid == r.kid {
                    String::new()
                } else {
                    format!(" (here under key id '{}')", r.kid)
                };
                return Err(Error::new(
                    ErrorCode::TrustListRevocationUndone,
                    format!(
                        "key '{}' is revoked in the accepted list {} and is listed as {}{under}; a revoked key stays revoked — sign a list that keeps it listed as revoked",
                        old.kid,
                        self.sequence,
                        r.status.as_str()
                    ),
                )
                .at(format!("/body/keys/{i}")));
            }
        }
        // Kept, not dropped: a later list cannot leave a revoked key out and a list after it
        // bring the key back, because every list carries the revocations of the one before.
        for old in self.keys.iter().filter(|k| k.status == KeyStatus::Revoked) {
            let kept = newer
                .keys
                .iter()
                .any(|r| r.status == KeyStatus::Revoked && (r.kid == old.kid || r.key == old.key));
            if !kept {
                return Err(Error::new(
                    ErrorCode::TrustListRevocationUndone,
                    format!(
                        "key '{}' is revoked in the accepted list {} and is missing from this list; a revoked key stays listed as revoked in every later list (otherwise a list after this one could bring it back)",
                        old.kid, self.sequence
                    ),
                )
                .at("/body/keys"));
            }
        }
        Ok(())
    }
}

impl TrustStore {
    /// A store starting from a verified list.
    #[must_use]
    pub fn new(anchors: Vec<Anchor>, initial: TrustList, grace_seconds: i64) -> Self {
        Self {
            anchors,
            grace_seconds,
            current: RwLock::new(Arc::new(initial)),
        }
    }

    /// The pinned anchors.
    #[must_use]
    pub fn anchors(&self) -> &[Anchor] {
        &self.anchors
    }

    /// The grace period after a list's `next_update` before it is stale, in seconds.
    #[must_use]
    pub fn grace_seconds(&self) -> i64 {
        self.grace_seconds
    }

    /// Whether the current list is still fresh at `now` ([`TrustList::check_fresh`] with this
    /// store's grace period): a verifier with a stale list refuses every message
    /// (`trust_list.stale`), so a service answers "unavailable", not "rejected", meanwhile.
    ///
    /// # Errors
    /// `trust_list.stale`.
    pub fn check_fresh(&self, now: Timestamp) -> Result<()> {
        self.current().check_fresh(now, self.grace_seconds)
    }

    /// The current list.
    #[must_use]
    pub fn current(&self) -> Arc<TrustList> {
        match self.current.read() {
            Ok(g) => Arc::clone(&g),
            Err(p) => Arc::clone(&p.into_inner()),
        }
    }

    /// Verifies a newer signed list and makes it current. The same list again is a no-op.
    ///
    /// # Errors
    /// Those of [`TrustList::load`], `trust_list.rollback` for a lower sequence or the same
    /// sequence with different content (or any list of the same sequence when the current one
    /// was built in memory), and those of [`TrustList::check_successor`].
    pub fn update(&self, bytes: &[u8], clock: &dyn Clock) -> Result<Arc<TrustList>> {
        let list = TrustList::load(bytes, &self.anchors, clock, self.grace_seconds)?;
        let mut guard = match self.current.write() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        check_replacement(&guard, &list)?;
        let list = Arc::new(list);
        *guard = Arc::clone(&list);
        Ok(list)
    }

    /// Whether [`TrustStore::update`] would take `list` (already verified with
    /// [`TrustList::load`]) in place of the current list, without taking it: a caller that
    /// records a list elsewhere first (a node's durable store) checks here before it records,
    /// so that it never records a list the verifier then refuses. The same signed list again
    /// is `Ok` (against a current list built in memory, which has no digest, only a higher
    /// sequence is).
    ///
    /// # Errors
    /// As [`TrustStore::update`], less those of loading.
    pub fn check_update(&self, list: &TrustList) -> Result<()> {
        check_replacement(&self.current(), list)
    }
}

/// The checks of [`TrustStore::update`]: no key id re-bound, no lower sequence (nor the same
/// sequence with other content), no revocation undone.
fn check_replacement(cur: &TrustList, list: &TrustList) -> Result<()> {
    cur.check_no_rebinding(list)?;
    // A current list built in memory has no digest: the same sequence again cannot be
    // shown to be the same list, so only a higher one replaces it.
    if list.sequence < cur.sequence
        || (list.sequence == cur.sequence && (cur.digest.is_none() || list.digest != cur.digest))
    {
        return Err(Error::new(
            ErrorCode::TrustListRollback,
            format!(
                "trust list sequence {} is not newer than the accepted sequence {}",
                list.sequence, cur.sequence
            ),
        )
        .at("/body/sequence"));
    }
    cur.check_revocations_kept(list)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns() {
        assert!(type_matches("*", "receipt"));
        assert!(type_matches(
            "social_insurance.*",
            "social_insurance.contact_letter"
        ));
        assert!(!type_matches("social_insurance.*", "social_insurance_x.a"));
        assert!(!type_matches("social_insurance.*", "receipt"));
        assert!(type_matches("receipt", "receipt"));
        assert!(valid_pattern("control.*") && !valid_pattern("*.x") && !valid_pattern("a..b"));
    }

    #[test]
    fn endpoints() {
        for ok in [
            "https://inbox.liangshan.example.invalid/v1/messages",
            "http://127.0.0.1:8480/v1/messages",
            "https://[::1]:8443/v1/messages?x=1",
        ] {
            assert!(check_endpoint(ok, "/e").is_ok(), "{ok}");
        }
        for bad in [
            "",
            "inbox.example/v1",
            "ftp://inbox.example/",
            "https://",
            "https:///v1/messages",
            "https://u:p@inbox.example/v1/messages",
            "https://inbox.example/v1/messages#x",
            "https://inbox.example/v1/ messages",
            "https://收件.example/v1/messages",
        ] {
            let e = check_endpoint(bad, "/e").unwrap_err();
            assert_eq!(e.code(), ErrorCode::TrustListInvalid, "{bad}");
            assert_eq!(e.path(), Some("/e"));
        }
        assert!(check_endpoint(&format!("https://a/{}", "x".repeat(2048)), "/e").is_err());
        assert!(is_loopback_url("http://127.0.0.1:1/x") && is_loopback_url("http://[::1]/"));
        assert!(is_loopback_url("http://LOCALHOST:9/") && !is_loopback_url("http://10.0.0.1/"));
        assert!(is_loopback_url("http://127.8.9.10:1/x"));
        // A DNS name that starts like a loopback address is a name: it can resolve anywhere.
        assert!(!is_loopback_url(
            "http://127.partner-inbox.example.com/v1/messages"
        ));
        for not_an_address in [
            "http://127.0.0.08/",
            "http://127.0.0.256/",
            "http://127.0.0/",
            "http://127.0.0.1.5/",
            "http://127..0.1/",
        ] {
            assert!(!is_loopback_url(not_an_address), "{not_an_address}");
        }
        assert!(is_loopback_url("http://127.0.0.0:8/") && is_loopback_url("http://127.255.10.1/"));
    }

    /// An endpoint a list can carry but no client can connect to (a port over 65535) is an
    /// error of `lint` (`trust-list sign` refuses), and `endpoint()` passes over it to the next
    /// usable one of the party's active records (audit s42 hostile F6).
    #[test]
    fn an_endpoint_no_client_can_use_is_linted_and_passed_over() {
        use crate::keys::SigningKey;
        let t = |s: &str| Timestamp::parse(s).unwrap();
        let record = |seed: u8, kid: &str, url: &str| {
            let k = SigningKey::from_seed(&[seed; 32], kid).unwrap();
            KeyRecord::new(
                kid,
                "513400",
                "LS-SI",
                k.verifying_key(),
                t("2026-01-01T00:00:00Z"),
                None,
                vec!["receipt".into()],
            )
            .with_endpoint(url)
            .unwrap()
        };
        let mut list = TrustList::new(1, t("2027-01-01T00:00:00Z"));
        list.add_key(record(1, "513400-a", "http://127.0.0.1:99999/v1/messages"))
            .unwrap();
        list.add_key(record(
            2,
            "513400-b",
            "https://inbox.ls.example/v1/messages",
        ))
        .unwrap();
        assert_eq!(
            list.endpoint("513400", "LS-SI"),
            Some("https://inbox.ls.example/v1/messages")
        );
        let findings = list.lint(&[]);
        assert!(
            findings
                .iter()
                .any(|f| f.severity == crate::error_imp::Severity::Error
                    && f.violation.path == "/body/keys/0/endpoint"),
            "{findings:?}"
        );
    }

    /// A list's own `expires_at` ends it for a verifier that keeps running, as it would at a
    /// restart (audit s38 time F5: it was checked only when the list was loaded).
    #[test]
    fn a_loaded_list_goes_stale_at_its_expires_at() {
        use crate::keys::SigningKey;
        use crate::time::FixedClock;
        let t = |s: &str| Timestamp::parse(s).unwrap();
        let anchor = SigningKey::from_seed(&[9; 32], "330200-anchor").unwrap();
        let issuer = Party::new("330200", "330200-trust-anchor");
        let list = TrustList::new(4, t("2026-12-31T00:00:00Z"));
        let doc = Document::builder("trust_list", issuer.clone(), issuer)
            .schema_version(list.schema_version())
            .expires_at(t("2026-11-15T00:00:00Z"))
            .body(list.to_body())
            .build(&FixedClock(t("2026-11-01T00:00:00Z")))
            .unwrap();
        let jws = crate::signing::sign(&doc.to_value(), &[&anchor]).unwrap();
        let anchors = [Anchor::new("330200-anchor", anchor.verifying_key())];
        let loaded = TrustList::load(
            jws.as_bytes(),
            &anchors,
            &FixedClock(t("2026-11-10T00:00:00Z")),
            DEFAULT_GRACE_SECONDS,
        )
        .unwrap();
        assert_eq!(loaded.expires_at(), Some(t("2026-11-15T00:00:00Z")));
        let store = TrustStore::new(anchors.to_vec(), loaded, DEFAULT_GRACE_SECONDS);
        // Within the leeway still fresh; after it stale, long before next_update.
        assert!(store.check_fresh(t("2026-11-15T00:04:00Z")).is_ok());
        let e = store.check_fresh(t("2026-11-20T00:00:00Z")).unwrap_err();
        assert_eq!(e.code(), ErrorCode::TrustListStale);
        assert!(
            e.message().contains("expired at 2026-11-15T00:00:00Z"),
            "{e}"
        );
        // A list built in memory has no expires_at.
        assert!(
            TrustList::new(1, t("2026-12-31T00:00:00Z"))
                .expires_at()
                .is_none()
        );
    }

    /// Two pinned anchors under one kid with different keys are refused, whichever order
    /// they come in (the first had silently won: audit s40 of the JS package); the same key
    /// twice is harmless.
    #[test]
    fn anchors_with_one_kid_name_one_key() {
        use crate::keys::SigningKey;
        use crate::time::FixedClock;
        let t = |s: &str| Timestamp::parse(s).unwrap();
        let anchor = SigningKey::from_seed(&[9; 32], "330200-anchor").unwrap();
        let other = SigningKey::from_seed(&[8; 32], "330200-anchor").unwrap();
        let issuer = Party::new("330200", "330200-trust-anchor");
        let list = TrustList::new(4, t("2026-12-31T00:00:00Z"));
        let doc = Document::builder("trust_list", issuer.clone(), issuer)
            .body(list.to_body())
            .build(&FixedClock(t("2026-11-01T00:00:00Z")))
            .unwrap();
        let jws = crate::signing::sign(&doc.to_value(), &[&anchor]).unwrap();
        let right = Anchor::new("330200-anchor", anchor.verifying_key());
        let wrong = Anchor::new("330200-anchor", other.verifying_key());
        let at = FixedClock(t("2026-11-10T00:00:00Z"));
        for anchors in [
            vec![wrong.clone(), right.clone()],
            vec![right.clone(), wrong.clone()],
        ] {
            let e =
                TrustList::load(jws.as_bytes(), &anchors, &at, DEFAULT_GRACE_SECONDS).unwrap_err();
            assert_eq!(e.code(), ErrorCode::InputInvalid, "{e}");
            assert!(
                e.message().contains("share the key id '330200-anchor'"),
                "{e}"
            );
        }
        let twice = [right.clone(), right];
        assert!(TrustList::load(jws.as_bytes(), &twice, &at, DEFAULT_GRACE_SECONDS).is_ok());
    }
}
