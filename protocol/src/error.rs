//! The implementation of [`crate::error`] (private: its public items are re-exported there).

use std::fmt;

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

macro_rules! error_codes {
    ($( $(#[$doc:meta])* $variant:ident = $code:literal, $stage:literal, $en:literal, $zh:literal; )*) => {
        /// A stable, dotted error code. The string form ([`ErrorCode::as_str`]) never changes
        /// once released; new codes may be added (the enum is `#[non_exhaustive]`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum ErrorCode {
            $( $(#[$doc])* $variant, )*
        }

        impl ErrorCode {
            /// Every code, in table order.
            pub const ALL: &'static [ErrorCode] = &[ $( ErrorCode::$variant, )* ];

            /// The stable dotted string, e.g. `"signature.invalid"`.
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                match self { $( ErrorCode::$variant => $code, )* }
            }

            /// The verification stage (DESIGN §7) or area the code belongs to.
            #[must_use]
            pub const fn stage(self) -> &'static str {
                match self { $( ErrorCode::$variant => $stage, )* }
            }

            /// A one-line English summary of what the code means.
            #[must_use]
            pub const fn summary(self) -> &'static str {
                match self { $( ErrorCode::$variant => $en, )* }
            }

            /// A one-line Chinese summary of what the code means.
            #[must_use]
            pub const fn summary_zh(self) -> &'static str {
                match self { $( ErrorCode::$variant => $zh, )* }
            }
        }
    };
}

error_codes! {
    /// The input is larger than the configured limit.
    JsonTooLarge = "json.too_large", "1 json", "input is larger than the size limit", "输入超过大小上限";
    /// Arrays or objects are nested deeper than the configured limit.
    JsonTooDeep = "json.too_deep", "1 json", "nesting is deeper than the depth limit", "嵌套层数超过上限";
    /// The input is not well-formed JSON (this includes `NaN`, `Infinity`, comments, trailing commas).
    JsonSyntax = "json.syntax", "1 json", "input is not well-formed JSON", "输入不是合法的 JSON";
    /// The input is not valid UTF-8.
    JsonInvalidUtf8 = "json.invalid_utf8", "1 json", "input is not valid UTF-8", "输入不是合法的 UTF-8 编码";
    /// A string contains an unpaired UTF-16 surrogate escape such as `\ud800`.
    JsonLoneSurrogate = "json.lone_surrogate", "1 json", "string contains a lone surrogate escape", "字符串包含孤立的代理项转义";
    /// An object has the same member name twice.
    JsonDuplicateKey = "json.duplicate_key", "1 json", "object has a duplicate member name", "对象含有重复的成员名";
    /// A number in a document is not an integer (documents forbid floating-point numbers).
    JsonNotInteger = "json.not_integer", "1 json", "number is not an integer (documents forbid fractions and exponents)", "数值不是整数（文档禁止小数和指数形式）";
    /// An integer lies outside ±(2^53−1), the range every language represents exactly.
    JsonIntegerOutOfRange = "json.integer_out_of_range", "1 json", "integer is outside ±(2^53−1)", "整数超出 ±(2^53−1) 范围";
    /// A number cannot be represented as an IEEE 754 double (e.g. `1e400`).
    JsonNumberOutOfRange = "json.number_out_of_range", "1 json", "number is not representable as a finite IEEE 754 double", "数值无法表示为有限的 IEEE 754 双精度数";

    /// The JWS is not a JSON object with the members of the general JSON serialization.
    JwsMalformed = "jws.malformed", "2 jws", "not a JWS in general JSON serialization", "不是通用 JSON 序列化格式的 JWS";
    /// A base64url member has padding, characters outside the URL-safe alphabet, or bad length.
    JwsBase64 = "jws.base64", "2 jws", "member is not base64url without padding", "成员不是无填充的 base64url 编码";
    /// The JWS has no signatures.
    JwsNoSignatures = "jws.no_signatures", "2 jws", "JWS has no signatures", "JWS 没有签名";
    /// A signature carries an unprotected `header`; labourlink allows only protected headers.
    JwsUnprotectedHeader = "jws.unprotected_header", "2 jws", "unprotected header is not allowed", "不允许未受保护的头部";
    /// The protected header is not a JSON object with string `alg`, `kid` and `typ`.
    JwsHeaderInvalid = "jws.header_invalid", "2 jws", "protected header is invalid", "受保护头部无效";
    /// The header's `alg` is not one labourlink accepts (`none`, HMAC, RSA, or not in the verifier's policy).
    JwsAlgorithmNotAllowed = "jws.algorithm_not_allowed", "2 jws", "algorithm is not allowed", "不允许的签名算法";
    /// The header's `typ` is not `labourlink+jws`.
    JwsWrongType = "jws.wrong_typ", "2 jws", "header typ is not labourlink+jws", "头部 typ 不是 labourlink+jws";
    /// The header lists in `crit` a parameter labourlink does not understand.
    JwsUnknownCritical = "jws.unknown_crit", "2 jws", "header lists a critical parameter that is not understood", "头部 crit 含有无法识别的关键参数";
    /// The header tries to carry or point to key material (`jwk`, `jku`, `x5u`, `x5c`, `x5t`…).
    JwsEmbeddedKey = "jws.embedded_key", "2 jws", "header carries or references key material; keys come only from the trust list", "头部携带或引用密钥；密钥只能来自信任列表";
    /// The header has a member that is neither standard for labourlink nor listed in `crit`.
    JwsUnknownHeader = "jws.unknown_header", "2 jws", "header has a member that is not allowed", "头部含有不允许的成员";
    /// Two signatures name the same key id.
    JwsDuplicateSigner = "jws.duplicate_signer", "2 jws", "two signatures name the same key", "两个签名指明同一密钥标识（kid）";

    /// The key id is not in the trust list.
    KeyUnknown = "key.unknown", "3 key", "key id is not in the trust list", "信任列表中没有该密钥标识";
    /// The header's `alg` differs from the algorithm of the key record.
    KeyAlgorithmMismatch = "key.algorithm_mismatch", "3 key", "header alg differs from the key record's algorithm", "头部算法与密钥记录的算法不一致";
    /// The message was issued before the key's `valid_from`.
    KeyNotYetValid = "key.not_yet_valid", "3 key", "message was issued before the key became valid", "消息签发时密钥尚未生效";
    /// The message was issued after the key's `valid_until`.
    KeyExpired = "key.expired", "3 key", "message was issued after the key expired", "消息签发时密钥已过期";
    /// The key was retired before the message was issued.
    KeyRetired = "key.retired", "3 key", "message was issued after the key was retired", "消息签发时密钥已停用";
    /// The key is revoked: nothing it signed verifies any more.
    KeyRevoked = "key.revoked", "3 key", "key is revoked; nothing it signed is accepted", "密钥已吊销，其签名一律不予接受";
    /// Key material was refused when loaded (small-order or non-canonical Ed25519 key, point not on P-256 or SM2, wrong size).
    KeyRejected = "key.rejected", "3 key", "key material is refused (weak, malformed or not on the curve)", "密钥材料被拒绝（弱密钥、格式错误或不在曲线上）";
    /// A key file or JWK cannot be decoded (PEM, PKCS#8, JWK members).
    KeyInvalidFormat = "key.invalid_format", "3 key", "key encoding cannot be decoded", "密钥编码无法解析";
    /// An encrypted private key (encrypted PKCS#8) cannot be decrypted: wrong password or a damaged file.
    KeyDecryptionFailed = "key.decryption_failed", "3 key", "encrypted private key cannot be decrypted (wrong or missing password?)", "加密私钥无法解密（口令错误或未提供口令？）";

    /// The signature does not verify. Deliberately without detail.
    SignatureInvalid = "signature.invalid", "4 signature", "signature is invalid", "签名无效";

    /// The payload is not the RFC 8785 canonical form of the document it encodes.
    PayloadNotCanonical = "payload.not_canonical", "5 payload", "payload is not in RFC 8785 canonical form", "载荷不是 RFC 8785 规范化形式";

    /// The document is not an object with the envelope fields of the right types.
    EnvelopeInvalid = "envelope.invalid", "5 envelope", "document envelope is invalid", "文档信封字段无效";
    /// The `spec` field is not `labourlink/1`.
    EnvelopeUnsupportedSpec = "envelope.unsupported_spec", "5 envelope", "spec is not supported", "不支持的规范版本";
    /// The message `type` is not one this verifier knows.
    EnvelopeUnknownType = "envelope.unknown_type", "5 envelope", "message type is unknown", "未知的消息类型";
    /// The `schema_version` has a major version this verifier does not know.
    EnvelopeUnsupportedVersion = "envelope.unsupported_version", "5 envelope", "schema major version is not supported", "不支持的模式主版本";
    /// `to.region` is not the verifier's own region, or `to.agency` not an agency it receives for.
    EnvelopeWrongAudience = "envelope.wrong_audience", "5 envelope", "message is addressed to another region or agency", "消息的接收地区或机构不是本方";
    /// `from.region` or `from.agency` differ from the signing key's record.
    EnvelopeIssuerMismatch = "envelope.issuer_mismatch", "5 envelope", "sender differs from the signing key's record", "发送方与签名密钥的登记信息不一致";
    /// The key may not sign messages of this type.
    EnvelopeTypeNotAllowed = "envelope.type_not_allowed", "5 envelope", "key is not allowed to sign this message type", "该密钥无权签发此类型消息";
    /// `issued_at` is later than the verifier's clock plus the leeway.
    EnvelopeIssuedInFuture = "envelope.issued_in_future", "5 envelope", "message is issued in the future (beyond the allowed clock skew)", "消息签发时间晚于当前时间（超出允许的时钟偏差）";
    /// `expires_at` has passed.
    EnvelopeExpired = "envelope.expired", "5 envelope", "message has expired", "消息已过期";
    /// The message is older than the verifier's maximum age.
    EnvelopeTooOld = "envelope.too_old", "5 envelope", "message is older than the maximum age", "消息超过允许的最长时效";
    /// A reply has the wrong type, comes from the wrong party or belongs to another case.
    EnvelopeUnexpectedReply = "envelope.unexpected_reply", "5 envelope", "message is not a valid reply to the earlier message", "消息不是对先前消息的有效答复";
    /// The verifier's policy requires a signer that is missing.
    EnvelopeMissingSigner = "envelope.missing_signer", "5 envelope", "a required signer is missing", "缺少必需的签名方";

    /// The body does not conform to the message type's JSON Schema.
    SchemaInvalid = "schema.invalid", "6 schema", "body does not conform to its schema", "消息体不符合其模式";
    /// (A violation code, in warnings.) A member unknown to this version's schema, tolerated because the message has a newer minor version.
    SchemaUnknownMember = "schema.unknown_member", "6 schema", "member from a newer minor version, ignored (a warning)", "来自更高次版本的成员，已忽略（警告）";
    /// (A violation code.) More violations than the 100 reported; the schema check stopped there.
    SchemaTruncated = "schema.truncated", "6 schema", "more than 100 schema violations; the rest are not reported", "模式违规超过 100 处，其余未列出";

    /// A business rule rejected the message (the findings say which).
    RuleViolation = "rule.violation", "7 rules", "business rules rejected the message", "业务规则校验未通过";

    /// The same message (same id and digest) was already accepted: an idempotent redelivery.
    ReplayDuplicate = "replay.duplicate", "8 replay", "message was already received", "消息已接收过（重复投递）";
    /// A different message with an already accepted id: a conflict or an attack.
    ReplayConflict = "replay.conflict", "8 replay", "another message with the same id was already received", "已接收过相同标识但内容不同的消息";
    /// The replay guard is full of entries it must still keep: it refuses new messages rather than forget accepted ones (fail closed).
    ReplayCapacity = "replay.capacity", "8 replay", "replay guard is full; new messages are refused until entries expire", "防重放记录已满，在记录到期前拒收新消息";

    /// The trust list body is invalid (missing fields, duplicate kids, unknown status).
    TrustListInvalid = "trust_list.invalid", "trust list", "trust list is invalid", "信任列表无效";
    /// The trust list is not signed by a pinned trust anchor.
    TrustListUntrustedAnchor = "trust_list.untrusted_anchor", "trust list", "trust list is not signed by a pinned trust anchor", "信任列表不是由本方固定（pinned）的信任锚签发";
    /// The trust list's `sequence` is lower than (or equal to, with other content) one already accepted.
    TrustListRollback = "trust_list.rollback", "trust list", "trust list sequence goes back", "信任列表序号回退";
    /// The trust list is past `next_update` plus the grace period.
    TrustListStale = "trust_list.stale", "trust list", "trust list is stale (past next_update and the grace period)", "信任列表逾期未更新（超过下次更新时间及宽限期）";
    /// A trust-list edit names a key id that is not in the list, or adds one twice.
    TrustListKeyNotFound = "trust_list.key_not_found", "trust list", "no such key id in the trust list", "信任列表中没有该密钥标识";
    /// A newer trust list binds a key id already in use to another public key, region or agency.
    TrustListKeyRebound = "trust_list.key_rebound", "trust list", "a key id is re-bound to another key or party", "密钥标识被重新绑定到其他密钥或其他一方";
    /// A newer trust list lists a key the current list revoked (by its key id or its public key) as not revoked.
    TrustListRevocationUndone = "trust_list.revocation_undone", "trust list", "a revoked key is listed as not revoked, or left out", "已吊销的密钥被列为未吊销或被删除";

    /// The reference-data body is invalid (missing fields, malformed calendar or region entries, wrong type).
    ReferenceDataInvalid = "reference_data.invalid", "reference data", "reference-data document is invalid", "参考数据文件无效";
    /// The reference-data document is not signed by a pinned trust anchor.
    ReferenceDataUntrustedAnchor = "reference_data.untrusted_anchor", "reference data", "reference-data document is not signed by a pinned trust anchor", "参考数据文件不是由本方固定（pinned）的信任锚签发";
    /// The reference-data `sequence` is lower than (or equal to, with other content) one already accepted.
    ReferenceDataRollback = "reference_data.rollback", "reference data", "reference-data sequence goes back", "参考数据序号回退";
    /// The reference-data document is past `next_update` plus the grace period.
    ReferenceDataStale = "reference_data.stale", "reference data", "reference-data document is stale (past next_update and the grace period)", "参考数据逾期未更新（超过下次更新时间及宽限期）";

    /// The durable store cannot be opened, reached or written (file, permissions, server, disk, lock timeout).
    StoreUnavailable = "store.unavailable", "store", "the store cannot be opened, reached or written", "存储不可用（无法打开、连接或写入）";
    /// The database holds no labourlink store yet (`labourlink store init` creates it).
    StoreNotInitialized = "store.not_initialized", "store", "the database holds no labourlink store; initialise it first", "数据库中尚无 labourlink 存储，请先初始化";
    /// The store's schema was written by a newer labourlink than this one.
    StoreSchemaTooNew = "store.schema_too_new", "store", "the store was created by a newer version (schema version too new)", "存储由更新的版本创建（数据库结构版本过新）";
    /// The store's file or data is damaged (not a database, failed integrity, unreadable rows).
    StoreCorrupt = "store.corrupt", "store", "the store's file or data is corrupt", "存储文件或数据已损坏";
    /// The store holds no record with the id asked for (an archived message, a case).
    StoreNotFound = "store.not_found", "store", "the store holds no such record", "存储中没有该记录";

    /// The inbox refused the request's content type: messages are posted as `application/jose+json` (HTTP 415).
    ExchangeUnsupportedMediaType = "exchange.unsupported_media_type", "exchange", "the request's content type is not application/jose+json", "请求的内容类型不是 application/jose+json";
    /// The request body is larger than the inbox accepts (HTTP 413; 1 MiB by default).
    ExchangePayloadTooLarge = "exchange.payload_too_large", "exchange", "the request body is larger than the inbox accepts", "请求体超过收件端允许的大小";
    /// The request body did not arrive within the inbox's read timeout (HTTP 408).
    ExchangeTimeout = "exchange.timeout", "exchange", "the request body did not arrive in time", "请求体未在规定时间内到达";
    /// The request body ended before its declared length, or its chunked encoding was broken (HTTP 400); nothing was read or stored.
    ExchangeBodyIncomplete = "exchange.body_incomplete", "exchange", "the request body was cut short or malformed at the HTTP level", "请求体被截断或在 HTTP 层格式错误";
    /// The inbox is at its concurrency limit, or its store is unavailable; try again later (HTTP 503, Retry-After).
    ExchangeOverloaded = "exchange.overloaded", "exchange", "the inbox is busy or cannot store messages now; try again later", "收件端繁忙或暂时无法存储消息，请稍后重试";
    /// The client sent more messages than the inbox's per-client rate allows (HTTP 429, Retry-After).
    ExchangeRateLimited = "exchange.rate_limited", "exchange", "this client sent too many messages; try again after Retry-After seconds", "该客户端发送消息过于频繁，请在 Retry-After 指定的秒数后重试";
    /// The partner's inbox could not be reached or kept failing (connection errors, HTTP 5xx) after the bounded retries.
    ExchangeUnreachable = "exchange.unreachable", "exchange", "the partner's server (inbox or trust-list source) could not be reached", "无法连接对方服务器（收件端或信任列表来源）";
    /// The partner's inbox answered with something that is not a receipt (unexpected status, content type or body).
    ExchangeBadResponse = "exchange.bad_response", "exchange", "the partner's inbox answered without a receipt", "对方收件端的应答不是回执";
    /// No route of the listener has this path (HTTP 404): the public routes are in `docs/openapi.json`, the admin listener's in `docs/openapi-admin.json`.
    ExchangeNotFound = "exchange.not_found", "exchange", "this listener has no such path (see the node's OpenAPI document)", "此监听地址上没有该路径（见节点的 OpenAPI 文档）";
    /// The path exists but does not take the request's method (HTTP 405); the `Allow` header lists those it takes.
    ExchangeMethodNotAllowed = "exchange.method_not_allowed", "exchange", "this path does not take the request's method (see the Allow header)", "该路径不接受此请求方法（见 Allow 头）";
    /// The request's head could not be read as HTTP/1.1 (HTTP 400: the request line, a header, two `Content-Length`s, an unknown `Transfer-Encoding`), was over 64 KiB or 100 header lines (431), or its target was too long (414); nothing was read further and the connection is closed.
    ExchangeMalformedRequest = "exchange.malformed_request", "exchange", "the request's head is not HTTP/1.1 the node can read (request line, headers, or their size)", "请求首部（请求行和各请求头）不是节点可读取的 HTTP/1.1（请求行、请求头或其大小有误）";
    /// The admin listener has a token (`[admin] token_file`) and the request did not carry it as `Authorization: Bearer …` (HTTP 401, `WWW-Authenticate: Bearer`); nothing was read.
    ExchangeUnauthorized = "exchange.unauthorized", "exchange", "the admin listener needs its access token (Authorization: Bearer …)", "管理端口需要其访问令牌（Authorization: Bearer …）";

    /// A value given to an API call is invalid (a builder field, a time string, an option).
    InputInvalid = "input.invalid", "api", "an argument is invalid", "参数无效";
    /// Randomness or a cryptographic primitive failed unexpectedly.
    InternalCrypto = "internal.crypto", "api", "cryptographic operation failed", "密码运算失败";
    /// The schemas embedded at build time do not compile (a defect of the build, not of the input).
    InternalSchemas = "internal.schemas", "api", "the embedded schemas cannot be compiled", "内置模式无法编译";
    /// An operation stopped on a defect of labourlink itself (a task that panicked, a result it
    /// made and cannot read back), not on the input; an HTTP inbox answers it with 500.
    InternalError = "internal.error", "api", "an internal error stopped the operation (a defect, not the input)", "内部错误导致操作中止（程序缺陷，并非输入有误）";
}

impl ErrorCode {
    /// Looks a code up by its dotted string.
    #[must_use]
    pub fn from_code_str(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|c| c.as_str() == s)
    }

    /// The family (the part before the dot), e.g. `"signature"`.
    #[must_use]
    pub fn family(self) -> &'static str {
        let s = self.as_str();
        match s.find('.') {
            Some(i) => &s[..i],
            None => s,
        }
    }

    /// Whether a message refused with this code carries no signature that vouches for it now:
    /// refused before any of its signatures verified — malformed JSON or JWS (`json.*`,
    /// `jws.*`), a stale trust list (`trust_list.stale`), an unknown, mismatched or revoked key,
    /// a signer missing from the signature set (`envelope.missing_signer`), a signature that
    /// does not verify (`signature.*`) — or signed by a key that was not valid when it says it
    /// signed (`key.retired`, `key.expired`, `key.not_yet_valid`, checked after the
    /// signatures). Nothing in it is known to come from a party now trusted. A store keeps less
    /// of such a message (anyone can send it).
    ///
    /// ```
    /// use labourlink_protocol::error::ErrorCode;
    /// assert!(ErrorCode::SignatureInvalid.is_before_signatures());
    /// assert!(ErrorCode::EnvelopeMissingSigner.is_before_signatures());
    /// assert!(!ErrorCode::SchemaInvalid.is_before_signatures());
    /// ```
    #[must_use]
    pub fn is_before_signatures(self) -> bool {
        matches!(self.family(), "json" | "jws" | "key" | "signature")
            || matches!(self, Self::TrustListStale | Self::EnvelopeMissingSigner)
    }

    /// The Markdown table of every code (the content of `docs/error-codes.md`).
    #[must_use]
    pub fn markdown_table() -> String {
        let mut out = String::from(
            "# labourlink error codes\n\n\
             Generated by `cargo xtask regen` (the page `labourlink error-codes` prints) from\n\
             `protocol/src/error.rs` and `core/src/rules/codes.rs`; do not edit by hand.\n\
             Codes are stable: programs match on them in Rust, Python and JavaScript.\n\n\
             | code | stage | meaning | 说明 |\n|---|---|---|---|\n",
        );
        for c in Self::ALL {
            out.push_str(&format!(
                "| `{}` | {} | {} | {} |\n",
                c.as_str(),
                c.stage(),
                c.summary(),
                c.summary_zh()
            ));
        }
        out
    }
}

/// The kind of an error: which exception class (Python) or `Error` subclass name (JavaScript)
/// a code maps to. The one place that decides it; the bindings only translate.
///
/// ```
/// use labourlink_protocol::error::{ErrorCode, ErrorKind};
/// assert_eq!(ErrorCode::KeyRejected.kind(), ErrorKind::KeyRejected);
/// assert_eq!(ErrorCode::KeyRevoked.kind().class_name(), "KeyResolutionError");
/// assert_eq!(ErrorKind::of_code("rule.citizen_id_checksum").class_name(), "RuleError");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// `input.*`, `internal.*` and anything unknown: `LabourlinkError`.
    Api,
    /// `json.*`: `JsonError`.
    Json,
    /// `jws.*`: `JwsError`.
    Jws,
    /// `key.rejected`, `key.invalid_format`, `key.decryption_failed` (key material refused):
    /// `KeyRejectedError`.
    KeyRejected,
    /// Other `key.*` (unknown, expired, retired, revoked, algorithm mismatch): `KeyResolutionError`.
    KeyResolution,
    /// `signature.*`: `SignatureError`.
    Signature,
    /// `payload.*`, `envelope.*`: `EnvelopeError`.
    Envelope,
    /// `trust_list.*` and `reference_data.*` (the two documents a trust anchor signs):
    /// `TrustListError`.
    TrustList,
    /// `schema.*`: `SchemaError`.
    Schema,
    /// `rule.*`: `RuleError`.
    Rule,
    /// `replay.*`: `ReplayError`.
    Replay,
}

impl ErrorKind {
    /// Every kind; `ALL[i].class_name()` lists the binding classes.
    pub const ALL: &'static [ErrorKind] = &[
        Self::Api,
        Self::Json,
        Self::Jws,
        Self::KeyRejected,
        Self::KeyResolution,
        Self::Signature,
        Self::Envelope,
        Self::TrustList,
        Self::Schema,
        Self::Rule,
        Self::Replay,
    ];

    /// The kind of a dotted code, including `rule.*` finding codes that are not an
    /// [`ErrorCode`]: by family (the part before the dot), the `key` family split into refused
    /// key material and key-resolution failures.
    #[must_use]
    pub fn of_code(code: &str) -> Self {
        let family = code.split_once('.').map_or(code, |(f, _)| f);
        match family {
            "json" => Self::Json,
            "jws" => Self::Jws,
            "key"
                if matches!(
                    code,
                    "key.rejected" | "key.invalid_format" | "key.decryption_failed"
                ) =>
            {
                Self::KeyRejected
            }
            "key" => Self::KeyResolution,
            "signature" => Self::Signature,
            "payload" | "envelope" => Self::Envelope,
            "trust_list" | "reference_data" => Self::TrustList,
            "schema" => Self::Schema,
            "rule" => Self::Rule,
            "replay" => Self::Replay,
            _ => Self::Api,
        }
    }

    /// The class name shared by the Python and JavaScript bindings, e.g. `"SignatureError"`.
    #[must_use]
    pub const fn class_name(self) -> &'static str {
        match self {
            Self::Api => "LabourlinkError",
            Self::Json => "JsonError",
            Self::Jws => "JwsError",
            Self::KeyRejected => "KeyRejectedError",
            Self::KeyResolution => "KeyResolutionError",
            Self::Signature => "SignatureError",
            Self::Envelope => "EnvelopeError",
            Self::TrustList => "TrustListError",
            Self::Schema => "SchemaError",
            Self::Rule => "RuleError",
            Self::Replay => "ReplayError",
        }
    }
}

impl ErrorCode {
    /// The kind of the code (see [`ErrorKind`]).
    #[must_use]
    pub fn kind(self) -> ErrorKind {
        ErrorKind::of_code(self.as_str())
    }
}

/// Serializes as the stable dotted string ([`ErrorCode::as_str`]).
impl Serialize for ErrorCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem at one place of a document (a schema violation or a business-rule finding).
///
/// Serializes (serde) as `{"code", "path", "message", "message_zh"}`: the names of the CLI's
/// `--json` output and of the Python binding's dicts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Violation {
    /// Dotted code, e.g. `schema.invalid` or `rule.citizen_id_checksum`.
    pub code: String,
    /// RFC 6901 JSON pointer of the offending value in the document.
    pub path: String,
    /// English description.
    pub message: String,
    /// Chinese description.
    pub message_zh: String,
}

impl Violation {
    /// Makes a violation.
    #[must_use]
    pub fn new(
        code: impl Into<String>,
        path: impl Into<String>,
        message: impl Into<String>,
        message_zh: impl Into<String>,
    ) -> Self {
        Self {
            code: code.into(),
            path: path.into(),
            message: sanitize(message.into()),
            message_zh: sanitize(message_zh.into()),
        }
    }
}

#[derive(Clone, PartialEq, Eq)]
struct Inner {
    code: ErrorCode,
    message: String,
    /// The Chinese detail (what and what to do), when the place that made the error gave one.
    zh: Option<String>,
    path: Option<String>,
    violations: Vec<Violation>,
}

/// The error of every fallible labourlink operation.
///
/// ```
/// use labourlink_protocol::{canonical, ErrorCode};
/// let err = canonical::canonicalize(br#"{"a":1,"a":2}"#).unwrap_err();
/// assert_eq!(err.code(), ErrorCode::JsonDuplicateKey);
/// assert_eq!(err.code().as_str(), "json.duplicate_key");
/// assert_eq!(err.path(), Some("/a"));
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Error(Box<Inner>);

impl Error {
    /// Makes an error with a code and an English message.
    #[must_use]
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self(Box::new(Inner {
            code,
            message: sanitize(message.into()),
            zh: None,
            path: None,
            violations: Vec::new(),
        }))
    }

    /// Adds a Chinese detail: what was wrong and what to do, as the English message says it.
    /// [`Error::message_zh`] then gives the code's Chinese summary followed by it, so a reader
    /// of Chinese alone learns as much as from the English line.
    ///
    /// ```
    /// use labourlink_protocol::{Error, ErrorCode};
    /// let e = Error::new(ErrorCode::InputInvalid, "cannot read node.toml: not found")
    ///     .zh("无法读取 node.toml：文件不存在");
    /// assert_eq!(e.message_zh(), "参数无效：无法读取 node.toml：文件不存在");
    /// ```
    #[must_use]
    pub fn zh(mut self, detail: impl Into<String>) -> Self {
        self.0.zh = Some(sanitize(detail.into()));
        self
    }

    /// Sets the JSON pointer of the offending place.
    #[must_use]
    pub fn at(mut self, path: impl Into<String>) -> Self {
        self.0.path = Some(path.into());
        self
    }

    /// Prefixes the JSON pointer (used when a nested document is parsed, e.g. a payload).
    #[must_use]
    pub fn within(mut self, prefix: &str) -> Self {
        self.0.path = Some(match self.0.path.take() {
            Some(p) => format!("{prefix}{p}"),
            None => prefix.to_owned(),
        });
        self
    }

    /// Attaches the individual violations (schema errors, rule findings).
    #[must_use]
    pub fn with_violations(mut self, violations: Vec<Violation>) -> Self {
        self.0.violations = violations;
        self
    }

    /// The stable code.
    #[must_use]
    pub fn code(&self) -> ErrorCode {
        self.0.code
    }

    /// The English message: what was wrong.
    #[must_use]
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// The Chinese message: the code's Chinese summary, then the Chinese detail when the
    /// error has one ([`Error::zh`]), with the place when there is one.
    #[must_use]
    pub fn message_zh(&self) -> String {
        let summary = self.0.code.summary_zh();
        let text = match &self.0.zh {
            Some(d) => format!("{summary}：{d}"),
            None => summary.to_owned(),
        };
        match &self.0.path {
            Some(p) => format!("{text}（位置：{}）", display_path(p)),
            None => text,
        }
    }

    /// The RFC 6901 JSON pointer of the offending place, when there is one (`""` is the root).
    #[must_use]
    pub fn path(&self) -> Option<&str> {
        self.0.path.as_deref()
    }

    /// The individual violations behind a `schema.invalid` or `rule.violation` error.
    #[must_use]
    pub fn violations(&self) -> &[Violation] {
        &self.0.violations
    }

    /// A JSON object `{code, message, message_zh, path}` (path `null` when there is none),
    /// plus `violations` when there are any: the error's serde form (see the `Serialize`
    /// implementation). This is the CLI's `--json` output.
    #[must_use]
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or_default()
    }
}

/// Serializes as `{"code", "message", "message_zh", "path"}` (`path` is `null` when there is
/// none), plus `"violations"` (a list of [`Violation`]) when there are any.
impl Serialize for Error {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let with_violations = !self.0.violations.is_empty();
        let mut st = serializer.serialize_struct("Error", 4 + usize::from(with_violations))?;
        st.serialize_field("code", &self.0.code)?;
        st.serialize_field("message", &self.0.message)?;
        st.serialize_field("message_zh", &self.message_zh())?;
        st.serialize_field("path", &self.0.path)?;
        if with_violations {
            st.serialize_field("violations", &self.0.violations)?;
        }
        st.end()
    }
}

fn display_path(p: &str) -> &str {
    if p.is_empty() { "/" } else { p }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.0.code.as_str(), self.0.message)?;
        if let Some(p) = &self.0.path {
            write!(f, " (at {})", sanitize(display_path(p).to_owned()))?;
        }
        Ok(())
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("code", &self.0.code.as_str())
            .field("message", &self.0.message)
            .field("path", &self.0.path)
            .field("violations", &self.0.violations.len())
            .finish()
    }
}

impl std::error::Error for Error {}

/// How serious a finding is. Serializes as `"error"` or `"warning"` ([`Severity::as_str`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The message is rejected (`rule.violation`).
    Error,
    /// Reported to the receiver; the message is still accepted.
    Warning,
}

impl Severity {
    /// `"error"` or `"warning"`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One result of a check that reports several problems (business rules, trust-list
/// hygiene): what is wrong, where, and how serious it is.
///
/// Serializes flat, as `{"code", "path", "message", "message_zh", "severity"}` (the
/// [`Violation`]'s members, then the [`Severity`]): the names of the CLI's `--json` output and
/// of the Python binding's dicts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Code (`rule.*`), JSON pointer, English and Chinese message.
    #[serde(flatten)]
    pub violation: Violation,
    /// Whether the finding rejects the message.
    pub severity: Severity,
}

/// A typed finding code with a default severity: the catalogue's `RuleCode` implements it, so
/// [`Finding::new`] takes the severity from the code's table and a misspelt code does not
/// compile. Codes outside a typed table (`trust_list.*` hygiene) use [`Finding::error`] and
/// [`Finding::warning`].
pub trait FindingCode: Copy {
    /// The stable dotted code, e.g. `"rule.period_overlap"`.
    fn code_str(self) -> &'static str;
    /// The severity a finding with this code has unless its rule documents otherwise.
    fn default_severity(self) -> Severity;
}

impl Finding {
    /// A finding with a typed code and the code's default severity.
    #[must_use]
    pub fn new<C: FindingCode>(
        code: C,
        path: &str,
        message: impl Into<String>,
        message_zh: impl Into<String>,
    ) -> Self {
        Self::with_severity(code, code.default_severity(), path, message, message_zh)
    }

    /// A finding with a typed code and an explicit severity — only for a rule whose table row
    /// documents that severity (a warning inside a tolerance or where an exception may apply).
    #[must_use]
    pub fn with_severity<C: FindingCode>(
        code: C,
        severity: Severity,
        path: &str,
        message: impl Into<String>,
        message_zh: impl Into<String>,
    ) -> Self {
        Self {
            violation: Violation::new(code.code_str(), path, message, message_zh),
            severity,
        }
    }

    /// A finding that rejects the message, with an untyped code (non-rule findings such as
    /// `trust_list.*`; rules use [`Finding::new`]).
    #[must_use]
    pub fn error(
        code: &str,
        path: &str,
        message: impl Into<String>,
        message_zh: impl Into<String>,
    ) -> Self {
        Self {
            violation: Violation::new(code, path, message, message_zh),
            severity: Severity::Error,
        }
    }

    /// A finding that is reported but does not reject the message, with an untyped code
    /// (non-rule findings; rules use [`Finding::new`]).
    #[must_use]
    pub fn warning(
        code: &str,
        path: &str,
        message: impl Into<String>,
        message_zh: impl Into<String>,
    ) -> Self {
        Self {
            violation: Violation::new(code, path, message, message_zh),
            severity: Severity::Warning,
        }
    }

    /// The dotted code (`rule.*`, `trust_list.*`).
    #[must_use]
    pub fn code(&self) -> &str {
        &self.violation.code
    }

    /// The JSON pointer of the offending value.
    #[must_use]
    pub fn path(&self) -> &str {
        &self.violation.path
    }

    /// Whether the finding rejects the message.
    #[must_use]
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// `Result` with labourlink's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The longest message an [`Error`] or [`Violation`] keeps, in characters; longer ones are cut
/// and end in `…`.
pub const MAX_MESSAGE_CHARS: usize = 2000;

/// The longest attacker-controlled value (key id, member name) quoted in a message, in
/// characters (see [`shown`]).
pub const MAX_QUOTED_CHARS: usize = 64;

/// Whether a character must not reach a terminal or a log line raw: C0 and C1 controls
/// (newlines included: a fake "accepted" line), DEL, bidirectional overrides and isolates
/// (Trojan Source), zero-width and other invisible format characters.
#[must_use]
pub(crate) fn is_unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{061C}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{FEFF}'
                | '\u{FFF9}'..='\u{FFFB}'
        )
}

/// Escapes unsafe characters (controls, bidirectional and invisible format characters) as `\u{…}` and cuts the text at
/// [`MAX_MESSAGE_CHARS`]. Every [`Error`] and [`Violation`] message goes through it, so text
/// that quotes attacker-controlled strings (unknown key ids, member names) cannot forge output
/// lines or reorder what a clerk sees.
#[must_use]
pub(crate) fn sanitize(text: String) -> String {
    let long = text.len() > MAX_MESSAGE_CHARS && text.chars().count() > MAX_MESSAGE_CHARS;
    if !long && !text.chars().any(is_unsafe_char) {
        return text;
    }
    escaped(&text, MAX_MESSAGE_CHARS)
}

/// An attacker-controlled value as it may be quoted in a message: unsafe characters escaped
/// (controls, bidirectional and invisible format characters) and at most [`MAX_QUOTED_CHARS`] characters, then `…`.
///
/// ```
/// use labourlink_protocol::error::shown;
/// assert_eq!(shown("513400-si-2026a"), "513400-si-2026a");
/// assert_eq!(shown("a\nOK accepted"), "a\\u{000a}OK accepted");
/// assert_eq!(shown(&"k".repeat(100)).chars().count(), 65);
/// ```
#[must_use]
pub fn shown(value: &str) -> String {
    escaped(value, MAX_QUOTED_CHARS)
}

/// A longer attacker-controlled text (another party's error message in its signed receipt)
/// as it may be printed: unsafe characters escaped like [`shown`]'s, at most
/// [`MAX_MESSAGE_CHARS`] characters, then `…`.
///
/// ```
/// use labourlink_protocol::error::shown_text;
/// assert_eq!(shown_text("\u{1b}[2J\r\naccepted"), "\\u{001b}[2J\\u{000d}\\u{000a}accepted");
/// ```
#[must_use]
pub fn shown_text(value: &str) -> String {
    escaped(value, MAX_MESSAGE_CHARS)
}

/// `text` with unsafe characters as `\u{…}`, cut after `limit` characters with `…`.
fn escaped(text: &str, limit: usize) -> String {
    let mut out = String::with_capacity(text.len().min(limit * 4));
    for (n, c) in text.chars().enumerate() {
        if n >= limit {
            out.push('…');
            break;
        }
        if is_unsafe_char(c) {
            out.push_str(&format!("\\u{{{:04x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// Escapes one reference token of a JSON pointer (RFC 6901 §3: `~` → `~0`, `/` → `~1`).
#[must_use]
pub fn escape_pointer_token(token: &str) -> String {
    if token.contains(['~', '/']) {
        token.replace('~', "~0").replace('/', "~1")
    } else {
        token.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_dotted_and_round_trip() {
        let mut seen = std::collections::HashSet::new();
        for c in ErrorCode::ALL {
            assert!(seen.insert(c.as_str()), "duplicate {}", c.as_str());
            assert!(c.as_str().contains('.'), "{} is not dotted", c.as_str());
            assert_eq!(ErrorCode::from_code_str(c.as_str()), Some(*c));
            assert!(!c.summary_zh().is_empty());
        }
    }

    #[test]
    fn display_and_json() {
        let e = Error::new(ErrorCode::JsonDuplicateKey, "duplicate member \"a\"").at("/body/a");
        assert_eq!(
            e.to_string(),
            "json.duplicate_key: duplicate member \"a\" (at /body/a)"
        );
        assert_eq!(e.message_zh(), "对象含有重复的成员名（位置：/body/a）");
        let j = e.to_json();
        assert_eq!(j["code"], "json.duplicate_key");
        assert_eq!(j["path"], "/body/a");
        assert!(std::mem::size_of::<Error>() <= 8);
    }

    /// The serde forms carry the member names the CLI's `--json` and the bindings expose; they
    /// are API and must not change.
    #[test]
    fn serde_member_names_are_stable() {
        let f = Finding::warning("trust_list.plain_http", "/keys/0", "m", "z");
        assert_eq!(
            serde_json::to_string(&f).unwrap(),
            r#"{"code":"trust_list.plain_http","path":"/keys/0","message":"m","message_zh":"z","severity":"warning"}"#
        );
        assert_eq!(serde_json::to_value(Severity::Error).unwrap(), "error");
        let e = Error::new(ErrorCode::SchemaInvalid, "bad")
            .at("/body")
            .with_violations(vec![Violation::new("schema.invalid", "/body/a", "m", "z")]);
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            serde_json::json!({"code": "schema.invalid", "message": "bad",
                "message_zh": e.message_zh(), "path": "/body",
                "violations": [{"code": "schema.invalid", "path": "/body/a",
                    "message": "m", "message_zh": "z"}]})
        );
        let plain = Error::new(ErrorCode::JsonSyntax, "x");
        assert_eq!(
            serde_json::to_value(&plain).unwrap()["path"],
            serde_json::Value::Null
        );
        assert!(
            serde_json::to_value(&plain)
                .unwrap()
                .get("violations")
                .is_none()
        );
    }

    #[test]
    fn messages_escape_controls_and_bidi() {
        let e = Error::new(
            ErrorCode::KeyUnknown,
            "key id 'x\nverified: accepted \u{202e}' is not in the trust list",
        );
        assert!(!e.message().contains('\n'));
        assert!(!e.message().contains('\u{202e}'));
        assert!(e.message().contains("\\u{000a}") && e.message().contains("\\u{202e}"));
        let long = Error::new(ErrorCode::InputInvalid, "x".repeat(10_000));
        assert_eq!(long.message().chars().count(), MAX_MESSAGE_CHARS + 1);
        let v = Violation::new("schema.invalid", "/body/a\u{1b}[2J", "m\r", "z");
        assert_eq!(
            v.path, "/body/a\u{1b}[2J",
            "pointers stay exact (data, not text)"
        );
        let at = Error::new(ErrorCode::SchemaInvalid, "m").at("/body/x\u{1b}");
        assert_eq!(at.to_string(), "schema.invalid: m (at /body/x\\u{001b})");
        assert_eq!(v.message, "m\\u{000d}");
        assert_eq!(sanitize("宁波 ok".to_owned()), "宁波 ok");
    }

    #[test]
    fn pointer_escape() {
        assert_eq!(escape_pointer_token("a/b~c"), "a~1b~0c");
    }
}
