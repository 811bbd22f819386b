// Generated from the labourlink core's error-code table (labourlink::ErrorCode::ALL) by
// bindings-wasm/tests/generated.rs. Do not edit: run
// `LABOURLINK_REGEN=1 cargo test -p labourlink-wasm --test generated`.

/** A stable dotted error code, identical in Rust, Python and JavaScript (docs/error-codes.md). */
export type ErrorCode =
  /** input is larger than the size limit — 输入超过大小上限 */
  | "json.too_large"
  /** nesting is deeper than the depth limit — 嵌套层数超过上限 */
  | "json.too_deep"
  /** input is not well-formed JSON — 输入不是合法的 JSON */
  | "json.syntax"
  /** input is not valid UTF-8 — 输入不是合法的 UTF-8 编码 */
  | "json.invalid_utf8"
  /** string contains a lone surrogate escape — 字符串包含孤立的代理项转义 */
  | "json.lone_surrogate"
  /** object has a duplicate member name — 对象含有重复的成员名 */
  | "json.duplicate_key"
  /** number is not an integer (documents forbid fractions and exponents) — 数值不是整数（文档禁止小数和指数形式） */
  | "json.not_integer"
  /** integer is outside ±(2^53−1) — 整数超出 ±(2^53−1) 范围 */
  | "json.integer_out_of_range"
  /** number is not representable as a finite IEEE 754 double — 数值无法表示为有限的 IEEE 754 双精度数 */
  | "json.number_out_of_range"
  /** not a JWS in general JSON serialization — 不是通用 JSON 序列化格式的 JWS */
  | "jws.malformed"
  /** member is not base64url without padding — 成员不是无填充的 base64url 编码 */
  | "jws.base64"
  /** JWS has no signatures — JWS 没有签名 */
  | "jws.no_signatures"
  /** unprotected header is not allowed — 不允许未受保护的头部 */
  | "jws.unprotected_header"
  /** protected header is invalid — 受保护头部无效 */
  | "jws.header_invalid"
  /** algorithm is not allowed — 不允许的签名算法 */
  | "jws.algorithm_not_allowed"
  /** header typ is not labourlink+jws — 头部 typ 不是 labourlink+jws */
  | "jws.wrong_typ"
  /** header lists a critical parameter that is not understood — 头部 crit 含有无法识别的关键参数 */
  | "jws.unknown_crit"
  /** header carries or references key material; keys come only from the trust list — 头部携带或引用密钥；密钥只能来自信任列表 */
  | "jws.embedded_key"
  /** header has a member that is not allowed — 头部含有不允许的成员 */
  | "jws.unknown_header"
  /** two signatures name the same key — 两个签名使用同一密钥 */
  | "jws.duplicate_signer"
  /** key id is not in the trust list — 信任列表中没有该密钥标识 */
  | "key.unknown"
  /** header alg differs from the key record's algorithm — 头部算法与密钥记录的算法不一致 */
  | "key.algorithm_mismatch"
  /** message was issued before the key became valid — 消息签发时密钥尚未生效 */
  | "key.not_yet_valid"
  /** message was issued after the key expired — 消息签发时密钥已过期 */
  | "key.expired"
  /** message was issued after the key was retired — 消息签发时密钥已停用 */
  | "key.retired"
  /** key is revoked; nothing it signed is accepted — 密钥已吊销，其签名一律不予接受 */
  | "key.revoked"
  /** key material is refused (weak, malformed or not on the curve) — 密钥材料被拒绝（弱密钥、格式错误或不在曲线上） */
  | "key.rejected"
  /** key encoding cannot be decoded — 密钥编码无法解析 */
  | "key.invalid_format"
  /** signature is invalid — 签名无效 */
  | "signature.invalid"
  /** payload is not in RFC 8785 canonical form — 载荷不是 RFC 8785 规范化形式 */
  | "payload.not_canonical"
  /** document envelope is invalid — 文档信封字段无效 */
  | "envelope.invalid"
  /** spec is not supported — 不支持的规范版本 */
  | "envelope.unsupported_spec"
  /** message type is unknown — 未知的消息类型 */
  | "envelope.unknown_type"
  /** schema major version is not supported — 不支持的模式主版本 */
  | "envelope.unsupported_version"
  /** message is addressed to another region — 消息的接收地区不是本地区 */
  | "envelope.wrong_audience"
  /** sender differs from the signing key's record — 发送方与签名密钥的登记信息不一致 */
  | "envelope.issuer_mismatch"
  /** key is not allowed to sign this message type — 该密钥无权签发此类型消息 */
  | "envelope.type_not_allowed"
  /** message is issued in the future — 消息签发时间晚于当前时间 */
  | "envelope.issued_in_future"
  /** message has expired — 消息已过期 */
  | "envelope.expired"
  /** message is older than the maximum age — 消息超过允许的最长时效 */
  | "envelope.too_old"
  /** message is not a valid reply to the earlier message — 消息不是对先前消息的有效答复 */
  | "envelope.unexpected_reply"
  /** a required signer is missing — 缺少必需的签名方 */
  | "envelope.missing_signer"
  /** body does not conform to its schema — 消息内容不符合其模式 */
  | "schema.invalid"
  /** member from a newer minor version, ignored (a warning) — 来自更高次版本的成员，已忽略（警告） */
  | "schema.unknown_member"
  /** more than 100 schema violations; the rest are not reported — 模式违规超过 100 处，其余未列出 */
  | "schema.truncated"
  /** business rules rejected the message — 业务规则校验未通过 */
  | "rule.violation"
  /** message was already received — 消息已接收过（重复投递） */
  | "replay.duplicate"
  /** another message with the same id was already received — 已接收过相同标识但内容不同的消息 */
  | "replay.conflict"
  /** replay guard is full; new messages are refused until entries expire — 防重放记录已满，在记录到期前拒收新消息 */
  | "replay.capacity"
  /** trust list is invalid — 信任列表无效 */
  | "trust_list.invalid"
  /** trust list is not signed by a pinned trust anchor — 信任列表不是由预置的信任锚签发 */
  | "trust_list.untrusted_anchor"
  /** trust list sequence goes back — 信任列表序号回退 */
  | "trust_list.rollback"
  /** trust list is stale (past next_update and the grace period) — 信任列表已过期（超过下次更新时间及宽限期） */
  | "trust_list.stale"
  /** no such key id in the trust list — 信任列表中没有该密钥标识 */
  | "trust_list.key_not_found"
  /** a key id is re-bound to another key or party — 密钥标识被重新绑定到其他密钥或单位 */
  | "trust_list.key_rebound"
  /** the store cannot be opened, reached or written — 存储不可用（无法打开、连接或写入） */
  | "store.unavailable"
  /** the database holds no labourlink store; initialise it first — 数据库中尚无 labourlink 存储，请先初始化 */
  | "store.not_initialized"
  /** the store was created by a newer version (schema version too new) — 存储由更新的版本创建（模式版本过新） */
  | "store.schema_too_new"
  /** the store's file or data is corrupt — 存储文件或数据已损坏 */
  | "store.corrupt"
  /** the store holds no such record — 存储中没有该记录 */
  | "store.not_found"
  /** an argument is invalid — 参数无效 */
  | "input.invalid"
  /** cryptographic operation failed — 密码运算失败 */
  | "internal.crypto"
  /** the embedded schemas cannot be compiled — 内置模式无法编译 */
  | "internal.schemas";
