# Generated from the labourlink core's code tables (labourlink::ErrorCode::ALL,
# labourlink::RuleCode::ALL) by `cargo xtask regen` (xtask/src/codes.rs). Do not edit
# (CI runs `cargo xtask check`).
"""The stable dotted codes as ``Literal`` types (docs/error-codes.md, docs/RULES.md).

``ErrorCode`` is the code of a :class:`labourlink.LabourlinkError` (and of schema
violations); ``RuleCode`` the code of a business-rule finding, carried by the violations
of a ``rule.violation`` error and by findings.
"""

from __future__ import annotations

from typing import Literal

__all__ = ["ErrorCode", "RuleCode"]

ErrorCode = Literal[
    # input is larger than the size limit — 输入超过大小上限
    "json.too_large",
    # nesting is deeper than the depth limit — 嵌套层数超过上限
    "json.too_deep",
    # input is not well-formed JSON — 输入不是合法的 JSON
    "json.syntax",
    # input is not valid UTF-8 — 输入不是合法的 UTF-8 编码
    "json.invalid_utf8",
    # string contains a lone surrogate escape — 字符串包含孤立的代理项转义
    "json.lone_surrogate",
    # object has a duplicate member name — 对象含有重复的成员名
    "json.duplicate_key",
    # number is not an integer (documents forbid fractions and exponents) — 数值不是整数（文档禁止小数和指数形式）
    "json.not_integer",
    # integer is outside ±(2^53−1) — 整数超出 ±(2^53−1) 范围
    "json.integer_out_of_range",
    # number is not representable as a finite IEEE 754 double — 数值无法表示为有限的 IEEE 754 双精度数
    "json.number_out_of_range",
    # not a JWS in general JSON serialization — 不是通用 JSON 序列化格式的 JWS
    "jws.malformed",
    # member is not base64url without padding — 成员不是无填充的 base64url 编码
    "jws.base64",
    # JWS has no signatures — JWS 没有签名
    "jws.no_signatures",
    # unprotected header is not allowed — 不允许未受保护的头部
    "jws.unprotected_header",
    # protected header is invalid — 受保护头部无效
    "jws.header_invalid",
    # algorithm is not allowed — 不允许的签名算法
    "jws.algorithm_not_allowed",
    # header typ is not labourlink+jws — 头部 typ 不是 labourlink+jws
    "jws.wrong_typ",
    # header lists a critical parameter that is not understood — 头部 crit 含有无法识别的关键参数
    "jws.unknown_crit",
    # header carries or references key material; keys come only from the trust list — 头部携带或引用密钥；密钥只能来自信任列表
    "jws.embedded_key",
    # header has a member that is not allowed — 头部含有不允许的成员
    "jws.unknown_header",
    # two signatures name the same key — 两个签名指明同一密钥标识（kid）
    "jws.duplicate_signer",
    # key id is not in the trust list — 信任列表中没有该密钥标识
    "key.unknown",
    # header alg differs from the key record's algorithm — 头部算法与密钥记录的算法不一致
    "key.algorithm_mismatch",
    # message was issued before the key became valid — 消息签发时密钥尚未生效
    "key.not_yet_valid",
    # message was issued after the key expired — 消息签发时密钥已过期
    "key.expired",
    # message was issued after the key was retired — 消息签发时密钥已停用
    "key.retired",
    # key is revoked; nothing it signed is accepted — 密钥已吊销，其签名一律不予接受
    "key.revoked",
    # key material is refused (weak, malformed or not on the curve) — 密钥材料被拒绝（弱密钥、格式错误或不在曲线上）
    "key.rejected",
    # key encoding cannot be decoded — 密钥编码无法解析
    "key.invalid_format",
    # encrypted private key cannot be decrypted (wrong or missing password?) — 加密私钥无法解密（口令错误或未提供口令？）
    "key.decryption_failed",
    # signature is invalid — 签名无效
    "signature.invalid",
    # payload is not in RFC 8785 canonical form — 载荷不是 RFC 8785 规范化形式
    "payload.not_canonical",
    # document envelope is invalid — 文档信封字段无效
    "envelope.invalid",
    # spec is not supported — 不支持的规范版本
    "envelope.unsupported_spec",
    # message type is unknown — 未知的消息类型
    "envelope.unknown_type",
    # schema major version is not supported — 不支持的模式主版本
    "envelope.unsupported_version",
    # message is addressed to another region or agency — 消息的接收地区或机构不是本方
    "envelope.wrong_audience",
    # sender differs from the signing key's record — 发送方与签名密钥的登记信息不一致
    "envelope.issuer_mismatch",
    # key is not allowed to sign this message type — 该密钥无权签发此类型消息
    "envelope.type_not_allowed",
    # message is issued in the future (beyond the allowed clock skew) — 消息签发时间晚于当前时间（超出允许的时钟偏差）
    "envelope.issued_in_future",
    # message has expired — 消息已过期
    "envelope.expired",
    # message is older than the maximum age — 消息超过允许的最长时效
    "envelope.too_old",
    # message is not a valid reply to the earlier message — 消息不是对先前消息的有效答复
    "envelope.unexpected_reply",
    # a required signer is missing — 缺少必需的签名方
    "envelope.missing_signer",
    # body does not conform to its schema — 消息体不符合其模式
    "schema.invalid",
    # member from a newer minor version, ignored (a warning) — 来自更高次版本的成员，已忽略（警告）
    "schema.unknown_member",
    # more than 100 schema violations; the rest are not reported — 模式违规超过 100 处，其余未列出
    "schema.truncated",
    # business rules rejected the message — 业务规则校验未通过
    "rule.violation",
    # message was already received — 消息已接收过（重复投递）
    "replay.duplicate",
    # another message with the same id was already received — 已接收过相同标识但内容不同的消息
    "replay.conflict",
    # replay guard is full; new messages are refused until entries expire — 防重放记录已满，在记录到期前拒收新消息
    "replay.capacity",
    # trust list is invalid — 信任列表无效
    "trust_list.invalid",
    # trust list is not signed by a pinned trust anchor — 信任列表不是由本方固定（pinned）的信任锚签发
    "trust_list.untrusted_anchor",
    # trust list sequence goes back — 信任列表序号回退
    "trust_list.rollback",
    # trust list is stale (past next_update and the grace period) — 信任列表逾期未更新（超过下次更新时间及宽限期）
    "trust_list.stale",
    # no such key id in the trust list — 信任列表中没有该密钥标识
    "trust_list.key_not_found",
    # a key id is re-bound to another key or party — 密钥标识被重新绑定到其他密钥或其他一方
    "trust_list.key_rebound",
    # a revoked key is listed as not revoked, or left out — 已吊销的密钥被列为未吊销或被删除
    "trust_list.revocation_undone",
    # reference-data document is invalid — 参考数据文件无效
    "reference_data.invalid",
    # reference-data document is not signed by a pinned trust anchor — 参考数据文件不是由本方固定（pinned）的信任锚签发
    "reference_data.untrusted_anchor",
    # reference-data sequence goes back — 参考数据序号回退
    "reference_data.rollback",
    # reference-data document is stale (past next_update and the grace period) — 参考数据逾期未更新（超过下次更新时间及宽限期）
    "reference_data.stale",
    # the store cannot be opened, reached or written — 存储不可用（无法打开、连接或写入）
    "store.unavailable",
    # the database holds no labourlink store; initialise it first — 数据库中尚无 labourlink 存储，请先初始化
    "store.not_initialized",
    # the store was created by a newer version (schema version too new) — 存储由更新的版本创建（数据库结构版本过新）
    "store.schema_too_new",
    # the store's file or data is corrupt — 存储文件或数据已损坏
    "store.corrupt",
    # the store holds no such record — 存储中没有该记录
    "store.not_found",
    # the request's content type is not application/jose+json — 请求的内容类型不是 application/jose+json
    "exchange.unsupported_media_type",
    # the request body is larger than the inbox accepts — 请求体超过收件端允许的大小
    "exchange.payload_too_large",
    # the request body did not arrive in time — 请求体未在规定时间内到达
    "exchange.timeout",
    # the request body was cut short or malformed at the HTTP level — 请求体被截断或在 HTTP 层格式错误
    "exchange.body_incomplete",
    # the inbox is busy or cannot store messages now; try again later — 收件端繁忙或暂时无法存储消息，请稍后重试
    "exchange.overloaded",
    # this client sent too many messages; try again after Retry-After seconds — 该客户端发送消息过于频繁，请在 Retry-After 指定的秒数后重试
    "exchange.rate_limited",
    # the partner's server (inbox or trust-list source) could not be reached — 无法连接对方服务器（收件端或信任列表来源）
    "exchange.unreachable",
    # the partner's inbox answered without a receipt — 对方收件端的应答不是回执
    "exchange.bad_response",
    # this listener has no such path (see the node's OpenAPI document) — 此监听地址上没有该路径（见节点的 OpenAPI 文档）
    "exchange.not_found",
    # this path does not take the request's method (see the Allow header) — 该路径不接受此请求方法（见 Allow 头）
    "exchange.method_not_allowed",
    # the request's head is not HTTP/1.1 the node can read (request line, headers, or their size) — 请求首部（请求行和各请求头）不是节点可读取的 HTTP/1.1（请求行、请求头或其大小有误）
    "exchange.malformed_request",
    # the admin listener needs its access token (Authorization: Bearer …) — 管理端口需要其访问令牌（Authorization: Bearer …）
    "exchange.unauthorized",
    # an argument is invalid — 参数无效
    "input.invalid",
    # cryptographic operation failed — 密码运算失败
    "internal.crypto",
    # the embedded schemas cannot be compiled — 内置模式无法编译
    "internal.schemas",
    # an internal error stopped the operation (a defect, not the input) — 内部错误导致操作中止（程序缺陷，并非输入有误）
    "internal.error",
]

RuleCode = Literal[
    # error: ID number is not 18 characters (17 digits + digit or X) nor an old-format foreign permanent-resident number — 公民身份号码不是18位（17位数字加1位数字或X），也不是旧版外国人永久居留身份证号码
    "rule.citizen_id_format",
    # error: 15-digit pre-1999 ID number; convert it with ids::convert_15_to_18 — 1999年以前的15位公民身份号码，请用 ids::convert_15_to_18 转换为18位
    "rule.citizen_id_legacy_15",
    # error: ID number check character (ISO 7064 MOD 11-2) is wrong — 公民身份号码校验码（ISO 7064 MOD 11-2）错误
    "rule.citizen_id_checksum",
    # error: ID birth date is not a real date, is before the minimum year or after the reference date — 公民身份号码中的出生日期不是有效日期、早于最早年份或晚于参考日期
    "rule.citizen_id_birth_date",
    # warning (or error): ID address code is neither a current nor a historic GB/T 2260 code (an error only with citizen_id_region_is_error) — 公民身份号码地址码既不是现行也不是历史 GB/T 2260 代码（仅在 citizen_id_region_is_error 时为错误）
    "rule.citizen_id_region",
    # error: USCC is not 18 characters of the GB 32100 alphabet — 统一社会信用代码不是由 GB 32100 字符集组成的18位代码
    "rule.uscc_format",
    # error: USCC check character (MOD 31) is wrong — 统一社会信用代码校验码（MOD 31）错误
    "rule.uscc_checksum",
    # error: embedded GB/T 11714 organisation code check character is wrong — 统一社会信用代码中的组织机构代码（GB/T 11714）校验码错误
    "rule.uscc_org_code_checksum",
    # warning: USCC registration-authority / category code pair is not in the GB 32100 table — 统一社会信用代码的登记管理部门码与机构类别码组合不在 GB 32100 代码表中
    "rule.uscc_registration_code",
    # warning: USCC region code (positions 3-8) is not a known GB/T 2260 code — 统一社会信用代码第3–8位的登记管理机关行政区划码不是已知的 GB/T 2260 代码
    "rule.uscc_region",
    # error: region code is not 6 digits — 行政区划代码不是6位数字
    "rule.region_code_format",
    # error: region code is not in the current GB/T 2260 list — 行政区划代码不在现行 GB/T 2260 代码表中
    "rule.region_code_unknown",
    # error: region code is a historic (abolished) GB/T 2260 code — 行政区划代码是已撤销的历史 GB/T 2260 代码
    "rule.region_code_abolished",
    # error: region code lies outside the region it must belong to — 行政区划代码不属于其应归属的地区
    "rule.region_outside",
    # error: declared sex differs from the ID number's sex digit — 申报的性别与公民身份号码的性别位不一致
    "rule.sex_id_mismatch",
    # error: declared birth date differs from the ID number's — 申报的出生日期与公民身份号码中的出生日期不一致
    "rule.birth_date_id_mismatch",
    # error: arrival / start date is before the departure date — 到岗（开始）日期早于出发日期
    "rule.arrival_before_departure",
    # error: worker is younger than the minimum working age at the start date — 劳动者在开始日期未满最低就业年龄
    "rule.minimum_working_age",
    # error: marriage-and-childbearing certificate for someone not a woman aged 18-49 — 为非18–49周岁女性出具婚育证明
    "rule.marriage_certificate_eligibility",
    # error (or warning): opening a temporary account at the new place contradicts the age / cross-province / organised-transfer rule (warning when one is expected but not declared) — 在新参保地建立临时养老保险缴费账户不符合年龄、跨省或组织调动规定（应建而未申报时为警告）
    "rule.temporary_account",
    # error: declared benefit-claiming place differs from the four-rule decision — 申报的待遇领取地与四条判定规则的结果不一致
    "rule.benefit_place",
    # error (or warning): medical waiting period longer than the scheme, year and gap allow (error for the 2021 rule's no-wait and 6-month limits, warning where local rules or 国办发〔2024〕38号 apply) — 医保待遇等待期超过险种、年度和断缴时长所允许的期限（违反2021年规定的免等待期和6个月上限为错误；适用地方规定或国办发〔2024〕38号时为警告）
    "rule.medical_waiting_period",
    # error (or warning): unemployment benefit months above the national maximum (error; warning when carried-over months are not stated), remaining ≠ entitled − drawn (error), or differing from a configured provincial table (warning) — 失业保险金领取月数超过国家规定上限（错误；未说明结转月数时为警告）、剩余月数不等于应领减已领（错误），或与配置的省级标准不符（警告）
    "rule.unemployment_months",
    # error: cross-province unemployment transfer amount differs from the factor times the remaining benefit, or a relation-only transfer moves money — 跨省转移的失业保险费用不等于剩余待遇乘以系数，或“只转关系不转钱”的转移带有资金
    "rule.unemployment_transfer_amount",
    # error: pooled-fund row year before the first year or repeated — 统筹基金明细的年度早于起始年度或重复
    "rule.pooled_fund_year",
    # error: pooled-fund row months not in 1-12 — 统筹基金明细的缴费月数不在1–12之间
    "rule.pooled_fund_months",
    # error (or warning): pooled-fund row amount differs from rate times base (rounded half-up); a warning within the rounding tolerance (1 fen per month) — 统筹基金明细金额不等于缴费基数乘以比例（四舍五入到分）；在舍入容差（每月1分）以内为警告
    "rule.pooled_fund_row",
    # error (or warning): pooled-fund total differs from the sum of its rows (a warning within the rounding tolerance) — 统筹基金合计不等于各年度明细之和（在舍入容差以内为警告）
    "rule.pooled_fund_total",
    # error (or warning): personal-account total differs from the sum of its rows (a warning within the rounding tolerance) — 个人账户合计不等于各行之和（在舍入容差以内为警告）
    "rule.personal_account_total",
    # warning: personal-account credit differs from the normalised recording rate — 个人账户记账额与规定的记账比例不符
    "rule.personal_account_credit",
    # error: amount is negative or the sum overflows — 金额为负数或合计溢出
    "rule.amount_invalid",
    # error: information-table amount differs from the fund-transfer amount — 信息表中的转移金额与资金划转金额不一致
    "rule.amount_mismatch",
    # error: period is not YYYY-MM — 期间不是 YYYY-MM 格式
    "rule.period_format",
    # error: period range ends before it starts — 期间的结束月份早于开始月份
    "rule.period_order",
    # error: two periods of the same scheme overlap — 同一险种的两个参保期间重叠
    "rule.period_overlap",
    # error: stated month count differs from the periods — 申报的月数与期间计算结果不一致
    "rule.months_mismatch",
    # warning: a step took longer than its deadline — 某一环节的办理时间超过了时限
    "rule.deadline_missed",
    # warning: the deadline was computed over a year whose holiday schedule is not confirmed — 时限计算涉及节假日安排尚未确定（暂定）的年份
    "rule.calendar_provisional",
    # error: a stated total (transfer amount, totals row, claimed/approved total, reconciliation total) differs from the sum of its items — 申报的合计（转移金额、合计行、申报/核准总额、对账合计）不等于各项之和
    "rule.total_mismatch",
    # error: a one-off back-payment covering 3 years or more is transferred instead of withheld without its document: paid before 人社部规〔2016〕5号, a written commitment (or an official document dated no later than the payment); paid after, a court, audit, labour-inspection or arbitration document dated before the payment — 一次性补缴3年及以上的缴费未被剔除，且缺少相应文书：人社部规〔2016〕5号施行前补缴的，需书面承诺书（或不晚于补缴日期的正式文书）；施行后补缴的，需补缴前出具的法院、审计、劳动保障监察或仲裁文书
    "rule.back_payment_document",
    # error: a training certificate number disagrees with its kind, level, issue year or province code — 培训证书编号与其证书类型、等级、发证年份或省份代码不一致
    "rule.certificate_number",
    # error: a certificate is issued after the message date — 证书的发证日期晚于消息日期
    "rule.certificate_issue_date",
    # error: marital status is not a GB/T 2261.2-2003 code (10, 20, 21, 22, 23, 30, 40, 90) — 婚姻状况不是 GB/T 2261.2-2003 代码（10、20、21、22、23、30、40、90）
    "rule.marital_status_code",
    # error: ethnicity is not a GB/T 3304-1991 code (01–56, 97 other, 98 foreign origin) — 民族不是 GB/T 3304-1991 代码（01–56、97 其他、98 外国血统中国籍人士）
    "rule.ethnicity_code",
    # error: education is not a GB/T 4658-2006 code — 文化程度不是 GB/T 4658-2006 学历代码
    "rule.education_code",
    # error: industry is not a GB/T 4754-2017 section (A–T) or its division is unknown or under another section — 行业不是 GB/T 4754-2017 门类（A–T），或其大类不存在、不属于该门类
    "rule.industry_code",
    # error: occupation code's major group is not one of the 2022 occupational classification's 1–8 — 职业代码的大类不是《职业分类大典（2022年版）》的第1–8大类
    "rule.occupation_code",
    # error: the same person (citizen ID) or the same line number appears twice in one roster; the later row is the duplicate — 同一名单中同一人员（公民身份号码）或同一序号出现两次；后出现的一行为重复
    "rule.duplicate_worker",
    # warning: the worker is a minor worker (未成年工, aged 16-17) at the start date: the employer must register them (未成年工登记) and keep them from prohibited work — 劳动者在开始日期为未成年工（16–17周岁）：用人单位须办理未成年工登记，并不得安排其从事禁忌劳动
    "rule.minor_worker",
    # warning: the worker was enrolled in social insurance more than 30 days after the start of employment — 用人单位未在用工之日起30日内为劳动者办理社会保险登记
    "rule.insurance_enrolment_late",
    # warning: a subsidy claim names a worker for whom the report carries no wage-payment evidence (months paid, amount, payroll or bank statement) — 补贴申请所涉劳动者在本报告中没有工资支付凭证（已发放月数、金额、工资表或银行流水）
    "rule.wage_evidence_missing",
    # error: agreement milestones are not strictly ascending, a subsidy names a milestone the agreement does not have, or the agreement ends before it starts — 协议的稳岗节点未严格递增、补贴项目引用了协议中没有的稳岗节点，或协议终止日期早于生效日期
    "rule.agreement_terms",
    # error: the stated statutory retirement month differs from the one computed from the birth month and category, or urban-rural bridging is decided before the earliest lawful retirement month (flexible early retirement at most 3 years earlier, never below the original age) — 申报的法定退休年月与按出生年月和人员类别计算的结果不一致，或在最早可退休年月（弹性提前退休最多提前3年，且不低于原法定退休年龄）之前办理城乡衔接
    "rule.retirement_age",
    # error: urban-rural bridging direction contradicts the employee contribution months: with the minimum (15 years, rising from 2030) the resident account moves into the employee scheme, below it the employee account moves into the resident scheme — 城乡衔接方向与职工养老保险缴费月数不符：达到最低缴费年限（15年，2030年起逐步提高）的由城乡居民养老保险转入职工养老保险，不足的由职工养老保险转入城乡居民养老保险
    "rule.bridging_direction",
    # error: an insured place outside the benefit place's area is not in the aggregation, a place inside it is, or a temporary-account place is aggregated as another kind — 待遇领取地统筹范围以外的参保地未列入归集安排、统筹范围内的参保地被列入，或临时缴费账户未按临时账户归集
    "rule.aggregation",
    # error: an event date (accident, report, filing, payment, decision, assessment, dispute) or an unpaid wage month is after the message date — 事件日期（事故、反映、申请、支付、认定、鉴定、争议）或欠薪月份晚于消息日期
    "rule.date_future",
    # error: dates out of order: an 工伤认定 application before the accident or a decision before its acceptance, an assessment before the decision, arbitration before the dispute arose — 日期顺序错误：工伤认定申请早于事故、认定早于受理、劳动能力鉴定早于工伤认定，或仲裁申请早于争议发生
    "rule.date_order",
    # warning: the application for 工伤认定 was filed after the employer's 30 days or the worker's 1 year (a warning: the window may be extended or suspended) — 工伤认定申请超过了用人单位30日或职工1年的申请时限（警告：时限可能延长或中止）
    "rule.work_injury_application_window",
    # warning: arbitration was applied for more than the limitation (1 year) after the dispute arose, or after the employment ended for unpaid wages (a warning: the limitation can be interrupted or suspended) — 劳动争议仲裁申请超过一年仲裁时效（拖欠劳动报酬的自劳动关系终止之日起计算；警告：时效可中断或中止）
    "rule.dispute_limitation",
    # error: a disability grade outside 1–10, or a disability assessment or benefits on an injury not recognised — 伤残等级不在1–10级之间，或对不予认定的工伤作出劳动能力鉴定或待遇
    "rule.disability_assessment",
    # error: a paid amount exceeds what was owed or awarded, or disagrees with the outcome (paid in full ≠ owed; partly paid not between 0 and owed) — 已支付金额超过欠薪或裁决金额，或与处理结果不符（全额支付却不等于欠薪额；部分支付却不在0与欠薪额之间）
    "rule.paid_amount",
    # error: a wage month of the arrears lies outside the unpaid period, or is listed twice — 分月欠薪中的工资月份不在欠薪期间内，或重复列出
    "rule.arrears_month",
    # warning: the decision names a different one of the four benefit-place rules than the one that gives the place (they apply in order; a warning: the place itself is right) — 决定所引用的待遇领取地判定规则与实际得出该地的规则不同（四条判定规则依次适用；警告：领取地本身正确）
    "rule.benefit_place_rule",
]
