//! The trust list body (`trust_list`, 信任列表): the partner keys a verifier accepts, signed by a
//! trust anchor (DESIGN §6).
//!
//! This is the wire form. To resolve keys and verify messages, load the list with
//! [`crate::trust::TrustList::from_body`] (or [`crate::trust::TrustStore`]), which also checks
//! the keys themselves; [`TrustListBody::from_trust_list`] goes the other way.

use serde::{Deserialize, Serialize};

use super::{MessageBody, MessageType};
use crate::error::Result;
use crate::trust::TrustList;

/// 信任列表 — The signed list of partner keys a verifier accepts, issued by a pinned trust anchor
/// (DESIGN §6; core/src/trust.rs). Verification never depends on a live network call (domain.md
/// §7.6: expired central configuration stopped X-Road servers).
///
/// The body of `trust_list`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrustListBody {
    /// 序号 — Strictly increasing version number; a lower one is refused (trust_list.rollback).
    pub sequence: u64,
    /// 下次更新时间 — When the next list is promised; after it plus a grace period the list is stale
    /// (trust_list.stale).
    ///
    /// Format: RFC 3339 UTC with `Z`, e.g. `2026-11-27T08:00:00Z`.
    pub next_update: String,
    /// 密钥列表 — The key records.
    pub keys: Vec<KeyEntry>,
}

impl MessageBody for TrustListBody {
    const TYPE: MessageType = MessageType::TrustList;
}

impl TrustListBody {
    /// A list with its sequence number, next update instant (RFC 3339 UTC) and keys.
    #[must_use]
    pub fn new(sequence: u64, next_update: impl Into<String>, keys: Vec<KeyEntry>) -> Self {
        Self {
            sequence,
            next_update: next_update.into(),
            keys,
        }
    }

    /// The wire form of a loaded trust list.
    ///
    /// # Errors
    /// `schema.invalid` if the list's body does not fit this type (not expected).
    pub fn from_trust_list(list: &TrustList) -> Result<Self> {
        Self::from_json(&list.to_body())
    }
}

/// One key record of the trust list: who the key signs for, the key itself, its validity and the
/// message types it may sign (DESIGN §5, §6).
///
/// Schema conditions the type does not express. A `retired` or `revoked` key needs `status_since`.
/// The constructors meet them; \[`MessageBody::validate`\] checks them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyEntry {
    /// 密钥标识 — Key id chosen by the issuer, unique in the list, e.g. 513400-si-2026a (DESIGN §5).
    pub kid: String,
    /// 行政区划代码 — Region the key signs for; must equal a message's from.region.
    ///
    /// Format: six-digit GB/T 2260 code.
    pub region: String,
    /// 机构代码 — Agency the key signs for; must equal a message's from.agency.
    pub agency: String,
    /// 算法 — The one algorithm the key is used with (DESIGN §5; domain.md §1.6 asks for algorithm
    /// agility).
    pub alg: KeyAlgorithm,
    /// 公钥 — The public key as a JWK (public members only; `d` is refused).
    pub jwk: Jwk,
    /// 生效时间 — Messages issued earlier are refused (key.not_yet_valid).
    ///
    /// Format: RFC 3339 UTC with `Z`, e.g. `2026-11-27T08:00:00Z`.
    pub valid_from: String,
    /// 失效时间 — Messages issued later are refused (key.expired); absent = no end.
    ///
    /// Format: RFC 3339 UTC with `Z`, e.g. `2026-11-27T08:00:00Z`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<String>,
    /// 状态 — active; retired (messages issued before status_since stay valid); revoked (nothing
    /// verifies) — DESIGN §6.
    pub status: KeyEntryStatus,
    /// 状态起始时间 — Since when the status holds; required for retired and revoked keys.
    ///
    /// Format: RFC 3339 UTC with `Z`, e.g. `2026-11-27T08:00:00Z`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_since: Option<String>,
    /// 允许的消息类型 — Type patterns the key may sign: `*`, `domain.*` or an exact type.
    pub message_types: Vec<String>,
    /// 收件地址 — Since schema version 1.1, optional: the party's inbox URL
    /// (`https://…/v1/messages`, docs/EXCHANGE.md) where senders deliver messages for this region
    /// and agency. Absolute https:// (http:// only on loopback behind a proxy), printable ASCII,
    /// no user information, no fragment; at most 2048 characters. Senders use the first active
    /// record's endpoint of the addressee.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<String>,
}

impl KeyEntry {
    /// An active key record; `alg` follows the JWK (`OKP` → Ed25519, `EC` with `P-256` → ES256,
    /// `EC` with `SM2` → SM2SM3).
    #[must_use]
    pub fn new(
        kid: impl Into<String>,
        region: impl Into<String>,
        agency: impl Into<String>,
        jwk: Jwk,
        valid_from: impl Into<String>,
        message_types: Vec<String>,
    ) -> Self {
        let alg = match (jwk.kty, jwk.crv) {
            (KeyType::Okp, _) => KeyAlgorithm::Ed25519,
            (KeyType::Ec, Curve::Sm2) => KeyAlgorithm::Sm2,
            (KeyType::Ec, _) => KeyAlgorithm::Es256,
        };
        Self {
            kid: kid.into(),
            region: region.into(),
            agency: agency.into(),
            alg,
            jwk,
            valid_from: valid_from.into(),
            valid_until: None,
            status: KeyEntryStatus::Active,
            status_since: None,
            message_types,
            endpoint: None,
        }
    }
}

/// 算法 — The one algorithm the key is used with (DESIGN §5; domain.md §1.6 asks for algorithm
/// agility).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum KeyAlgorithm {
    /// Ed25519 (EdDSA over Curve25519).
    #[serde(rename = "Ed25519")]
    Ed25519,
    /// ECDSA P-256 with SHA-256.
    #[serde(rename = "ES256")]
    Es256,
    /// SM2 with SM3, default user id (GM/T 0003, GM/T 0009).
    #[serde(rename = "SM2SM3")]
    Sm2,
}

/// 公钥 — The public key as a JWK (public members only; `d` is refused).
///
/// Schema conditions the type does not express. An `OKP` key has `crv` Ed25519 and no `y`; an `EC`
/// key has `crv` P-256 or SM2 and `y`; `key_ops`, if present, includes `verify`. The constructors meet
/// them; \[`MessageBody::validate`\] checks them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Jwk {
    /// 密钥类型 — JWK key type: OKP (Ed25519) or EC (P-256, SM2).
    pub kty: KeyType,
    /// 曲线 — Curve: Ed25519 with OKP, P-256 or SM2 with EC.
    pub crv: Curve,
    /// 公钥x — Public key (Ed25519) or x coordinate (P-256, SM2), 32 bytes base64url.
    pub x: String,
    /// 公钥y — y coordinate of a P-256 or SM2 key, 32 bytes base64url.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub y: Option<String>,
    /// 密钥标识 — Optional copy of the record's kid; must equal it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kid: Option<String>,
    /// 算法 — Optional JWK alg; must fit the key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alg: Option<JwkAlgorithm>,
    /// 用途 — Optional; only `sig`.
    #[serde(rename = "use", default, skip_serializing_if = "Option::is_none")]
    pub key_use: Option<KeyUse>,
    /// 密钥操作 — Optional; must include `verify`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_ops: Option<Vec<String>>,
}

impl Jwk {
    /// An Ed25519 public key (`kty` OKP), `x` = the 32 key bytes in base64url.
    #[must_use]
    pub fn ed25519(x: impl Into<String>) -> Self {
        Self {
            kty: KeyType::Okp,
            crv: Curve::Ed25519,
            x: x.into(),
            y: None,
            kid: None,
            alg: None,
            key_use: None,
            key_ops: None,
        }
    }

    /// A P-256 public key (`kty` EC) from its coordinates in base64url.
    #[must_use]
    pub fn p256(x: impl Into<String>, y: impl Into<String>) -> Self {
        Self {
            kty: KeyType::Ec,
            crv: Curve::P256,
            y: Some(y.into()),
            ..Self::ed25519(x)
        }
    }

    /// An SM2 public key (`kty` EC, `crv` SM2) from its coordinates in base64url.
    #[must_use]
    pub fn sm2(x: impl Into<String>, y: impl Into<String>) -> Self {
        Self {
            crv: Curve::Sm2,
            ..Self::p256(x, y)
        }
    }
}

/// 密钥类型 — JWK key type: OKP (Ed25519) or EC (P-256, SM2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum KeyType {
    /// Octet key pair (Ed25519).
    #[serde(rename = "OKP")]
    Okp,
    /// Elliptic curve (P-256, SM2).
    #[serde(rename = "EC")]
    Ec,
}

/// 曲线 — Curve: Ed25519 with OKP, P-256 or SM2 with EC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Curve {
    /// Ed25519.
    #[serde(rename = "Ed25519")]
    Ed25519,
    /// NIST P-256.
    #[serde(rename = "P-256")]
    P256,
    /// The SM2 recommended curve (GB/T 32918.5).
    #[serde(rename = "SM2")]
    Sm2,
}

/// 算法 — Optional JWK alg; must fit the key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum JwkAlgorithm {
    /// Ed25519.
    #[serde(rename = "Ed25519")]
    Ed25519,
    /// ECDSA P-256 with SHA-256.
    #[serde(rename = "ES256")]
    Es256,
    /// EdDSA (the generic JOSE name, for Ed25519 keys).
    #[serde(rename = "EdDSA")]
    EdDsa,
    /// SM2 with SM3.
    #[serde(rename = "SM2SM3")]
    Sm2,
}

/// 用途 — Optional; only `sig`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum KeyUse {
    /// Signature verification.
    #[serde(rename = "sig")]
    Signature,
}

/// 状态 — active; retired (messages issued before status_since stay valid); revoked (nothing
/// verifies) — DESIGN §6.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyEntryStatus {
    /// 有效 — In use.
    Active,
    /// 已停用 — Routine rollover: messages issued before status_since stay valid.
    Retired,
    /// 已撤销 — Compromised: nothing signed with the key verifies.
    Revoked,
}
