//! JSON-pointer segments of every member of every message body, the envelope and the
//! object definitions, generated from the schemas by `cargo xtask regen`
//! (xtask/src/pointers.rs); do not edit (CI runs `cargo xtask check`).
//!
//! The business rules name body fields through these constants, so a field that does not
//! exist in the schema is a compile error instead of a rule that silently never runs.
//! A constant is one segment (`"/workers"`); an inline object member, or an array of
//! inline objects, has a submodule of the same name with its members. A member that
//! refers to a definition of `defs.schema.json` has none: see [`defs`].

/// The envelope's members (`envelope.schema.json`).
pub mod envelope {
    /// `/spec`: 规范版本
    pub const SPEC: &str = "/spec";
    /// `/type`: 消息类型
    pub const TYPE: &str = "/type";
    /// `/schema_version`: 结构版本
    pub const SCHEMA_VERSION: &str = "/schema_version";
    /// `/id`: 消息标识
    pub const ID: &str = "/id";
    /// `/case`: 案件
    pub const CASE: &str = "/case";
    /// `/in_reply_to`: 答复消息
    pub const IN_REPLY_TO: &str = "/in_reply_to";
    /// `/from`: 发送方
    pub const FROM: &str = "/from";
    /// `/to`: 接收方
    pub const TO: &str = "/to";
    /// `/issued_at`: 签发时间
    pub const ISSUED_AT: &str = "/issued_at";
    /// `/expires_at`: 失效时间
    pub const EXPIRES_AT: &str = "/expires_at";
    /// `/body`: 正文
    pub const BODY: &str = "/body";

    /// The members of `/case`.
    pub mod case {
        /// `/id`: 案件编号
        pub const ID: &str = "/id";
        /// `/type`: 案件类型
        pub const TYPE: &str = "/type";
    }

    /// The members of `/from`.
    pub mod from {
        /// `/region`: 行政区划代码
        pub const REGION: &str = "/region";
        /// `/agency`: 机构代码
        pub const AGENCY: &str = "/agency";
        /// `/name`: 机构名称
        pub const NAME: &str = "/name";
    }

    /// The members of `/to`.
    pub mod to {
        /// `/region`: 行政区划代码
        pub const REGION: &str = "/region";
        /// `/agency`: 机构代码
        pub const AGENCY: &str = "/agency";
        /// `/name`: 机构名称
        pub const NAME: &str = "/name";
    }
}

/// The object definitions of `defs.schema.json`.
pub mod defs {
    /// `$defs/period_range`: 起止年月.
    pub mod period_range {
        /// `/start`: 开始年月
        pub const START: &str = "/start";
        /// `/end`: 终止年月
        pub const END: &str = "/end";
    }

    /// `$defs/person`: 人员.
    pub mod person {
        /// `/name`: 姓名
        pub const NAME: &str = "/name";
        /// `/citizen_id`: 公民身份号码
        pub const CITIZEN_ID: &str = "/citizen_id";
        /// `/sex`: 性别
        pub const SEX: &str = "/sex";
        /// `/birth_date`: 出生日期
        pub const BIRTH_DATE: &str = "/birth_date";
        /// `/ethnicity`: 民族
        pub const ETHNICITY: &str = "/ethnicity";
        /// `/phone`: 联系电话
        pub const PHONE: &str = "/phone";
    }

    /// `$defs/person_ref`: 人员标识.
    pub mod person_ref {
        /// `/name`: 姓名
        pub const NAME: &str = "/name";
        /// `/citizen_id`: 公民身份号码
        pub const CITIZEN_ID: &str = "/citizen_id";
    }

    /// `$defs/address`: 地址.
    pub mod address {
        /// `/region`: 所在行政区划
        pub const REGION: &str = "/region";
        /// `/detail`: 详细地址
        pub const DETAIL: &str = "/detail";
        /// `/postcode`: 邮政编码
        pub const POSTCODE: &str = "/postcode";
    }

    /// `$defs/agency`: 经办机构.
    pub mod agency {
        /// `/region`: 行政区划代码
        pub const REGION: &str = "/region";
        /// `/code`: 机构代码
        pub const CODE: &str = "/code";
        /// `/name`: 机构名称
        pub const NAME: &str = "/name";
        /// `/phone`: 联系电话
        pub const PHONE: &str = "/phone";
        /// `/address`: 地址 (a [`defs::address`](crate::messages::pointers::defs::address))
        pub const ADDRESS: &str = "/address";
    }

    /// `$defs/organisation`: 单位.
    pub mod organisation {
        /// `/uscc`: 统一社会信用代码
        pub const USCC: &str = "/uscc";
        /// `/name`: 单位名称
        pub const NAME: &str = "/name";
        /// `/region`: 所在行政区划
        pub const REGION: &str = "/region";
    }

    /// `$defs/bank_account`: 银行账户.
    pub mod bank_account {
        /// `/bank_name`: 开户银行
        pub const BANK_NAME: &str = "/bank_name";
        /// `/account_name`: 户名
        pub const ACCOUNT_NAME: &str = "/account_name";
        /// `/account_number`: 账号
        pub const ACCOUNT_NUMBER: &str = "/account_number";
    }

    /// `$defs/reason`: 原因.
    pub mod reason {
        /// `/code`: 原因代码
        pub const CODE: &str = "/code";
        /// `/detail`: 说明
        pub const DETAIL: &str = "/detail";
        /// `/pointer`: 数据位置
        pub const POINTER: &str = "/pointer";
        /// `/periods`: 涉及期间 (a [`defs::period_range`](crate::messages::pointers::defs::period_range)), an array
        pub const PERIODS: &str = "/periods";
    }

    /// `$defs/attachment`: 附件.
    pub mod attachment {
        /// `/filename`: 文件名
        pub const FILENAME: &str = "/filename";
        /// `/media_type`: 媒体类型
        pub const MEDIA_TYPE: &str = "/media_type";
        /// `/sha256`: SHA-256摘要
        pub const SHA256: &str = "/sha256";
        /// `/size`: 字节数
        pub const SIZE: &str = "/size";
        /// `/description`: 说明
        pub const DESCRIPTION: &str = "/description";
        /// `/content`: 内容
        pub const CONTENT: &str = "/content";
    }
}

/// The `control.*` message bodies.
pub mod control {

    /// The body of `control.case_close`: 结案.
    pub mod case_close {
        /// `/outcome`: 结案结果
        pub const OUTCOME: &str = "/outcome";
        /// `/closed_on`: 结案日期
        pub const CLOSED_ON: &str = "/closed_on";
        /// `/remarks`: 备注
        pub const REMARKS: &str = "/remarks";
        /// `/attachments`: 附件
        pub const ATTACHMENTS: &str = "/attachments";
        /// `/extensions`: 扩展字段
        pub const EXTENSIONS: &str = "/extensions";
    }

    /// The body of `control.case_reopen`: 重新开启案件.
    pub mod case_reopen {
        /// `/reason`: 原因
        pub const REASON: &str = "/reason";
        /// `/reason_code`: 原因代码
        pub const REASON_CODE: &str = "/reason_code";
        /// `/attachments`: 附件
        pub const ATTACHMENTS: &str = "/attachments";
        /// `/extensions`: 扩展字段
        pub const EXTENSIONS: &str = "/extensions";
    }

    /// The body of `control.clarification_reply`: 澄清答复.
    pub mod clarification_reply {
        /// `/answers`: 答复列表, an array
        pub const ANSWERS: &str = "/answers";
        /// `/corrected_by`: 更正消息
        pub const CORRECTED_BY: &str = "/corrected_by";
        /// `/remarks`: 备注
        pub const REMARKS: &str = "/remarks";
        /// `/attachments`: 附件
        pub const ATTACHMENTS: &str = "/attachments";
        /// `/extensions`: 扩展字段
        pub const EXTENSIONS: &str = "/extensions";

        /// The members of the items of `/answers`.
        pub mod answers {
            /// `/question_index`: 问题序号
            pub const QUESTION_INDEX: &str = "/question_index";
            /// `/answer`: 答复
            pub const ANSWER: &str = "/answer";
        }
    }

    /// The body of `control.clarification_request`: 澄清请求.
    pub mod clarification_request {
        /// `/questions`: 问题列表, an array
        pub const QUESTIONS: &str = "/questions";
        /// `/reply_by`: 答复期限
        pub const REPLY_BY: &str = "/reply_by";
        /// `/remarks`: 备注
        pub const REMARKS: &str = "/remarks";
        /// `/attachments`: 附件
        pub const ATTACHMENTS: &str = "/attachments";
        /// `/extensions`: 扩展字段
        pub const EXTENSIONS: &str = "/extensions";

        /// The members of the items of `/questions`.
        pub mod questions {
            /// `/pointer`: 数据位置
            pub const POINTER: &str = "/pointer";
            /// `/question`: 问题
            pub const QUESTION: &str = "/question";
        }
    }

    /// The body of `control.invalidate`: 撤销消息.
    pub mod invalidate {
        /// `/reason`: 撤销原因
        pub const REASON: &str = "/reason";
        /// `/replaced_by`: 替代消息
        pub const REPLACED_BY: &str = "/replaced_by";
        /// `/attachments`: 附件
        pub const ATTACHMENTS: &str = "/attachments";
        /// `/extensions`: 扩展字段
        pub const EXTENSIONS: &str = "/extensions";
    }

    /// The body of `control.reject`: 业务拒绝.
    pub mod reject {
        /// `/reasons`: 拒绝原因
        pub const REASONS: &str = "/reasons";
        /// `/remarks`: 备注
        pub const REMARKS: &str = "/remarks";
        /// `/attachments`: 附件
        pub const ATTACHMENTS: &str = "/attachments";
        /// `/extensions`: 扩展字段
        pub const EXTENSIONS: &str = "/extensions";
    }

    /// The body of `control.reminder`: 催办.
    pub mod reminder {
        /// `/awaited_types`: 期待的回复类型, an array
        pub const AWAITED_TYPES: &str = "/awaited_types";
        /// `/due_date`: 原定期限
        pub const DUE_DATE: &str = "/due_date";
        /// `/reminder_number`: 催办次数
        pub const REMINDER_NUMBER: &str = "/reminder_number";
        /// `/remarks`: 备注
        pub const REMARKS: &str = "/remarks";
        /// `/attachments`: 附件
        pub const ATTACHMENTS: &str = "/attachments";
        /// `/extensions`: 扩展字段
        pub const EXTENSIONS: &str = "/extensions";
    }

    /// The body of `control.reminder_reply`: 催办答复.
    pub mod reminder_reply {
        /// `/status`: 答复状态
        pub const STATUS: &str = "/status";
        /// `/expected_date`: 预计日期
        pub const EXPECTED_DATE: &str = "/expected_date";
        /// `/what`: 待提供内容
        pub const WHAT: &str = "/what";
        /// `/reasons`: 原因
        pub const REASONS: &str = "/reasons";
        /// `/remarks`: 备注
        pub const REMARKS: &str = "/remarks";
        /// `/attachments`: 附件
        pub const ATTACHMENTS: &str = "/attachments";
        /// `/extensions`: 扩展字段
        pub const EXTENSIONS: &str = "/extensions";
    }
}

/// The `family_planning.*` message bodies.
pub mod family_planning {

    /// The body of `family_planning.arrival_notice`: 到达登记通报.
    pub mod arrival_notice {
        /// `/person`: 本人 (a [`defs::person`](crate::messages::pointers::defs::person))
        pub const PERSON: &str = "/person";
        /// `/registration_region`: 户籍地区划
        pub const REGISTRATION_REGION: &str = "/registration_region";
        /// `/residence_address`: 现居住地址 (a [`defs::address`](crate::messages::pointers::defs::address))
        pub const RESIDENCE_ADDRESS: &str = "/residence_address";
        /// `/arrival_date`: 到达日期
        pub const ARRIVAL_DATE: &str = "/arrival_date";
        /// `/registered_on`: 登记日期
        pub const REGISTERED_ON: &str = "/registered_on";
        /// `/certificate_number`: 婚育证明编号
        pub const CERTIFICATE_NUMBER: &str = "/certificate_number";
        /// `/certificate_status`: 婚育证明情况
        pub const CERTIFICATE_STATUS: &str = "/certificate_status";
        /// `/services_informed`: 已告知服务
        pub const SERVICES_INFORMED: &str = "/services_informed";
        /// `/employer`: 工作单位 (a [`defs::organisation`](crate::messages::pointers::defs::organisation))
        pub const EMPLOYER: &str = "/employer";
        /// `/attachments`: 附件
        pub const ATTACHMENTS: &str = "/attachments";
        /// `/extensions`: 扩展字段
        pub const EXTENSIONS: &str = "/extensions";
    }

    /// The body of `family_planning.benefit_notice`: 奖励优待通报.
    pub mod benefit_notice {
        /// `/kind`: 类型
        pub const KIND: &str = "/kind";
        /// `/person`: 本人 (a [`defs::person`](crate::messages::pointers::defs::person))
        pub const PERSON: &str = "/person";
        /// `/benefit`: 奖励优待项目
        pub const BENEFIT: &str = "/benefit";
        /// `/decision`: 处理结论
        pub const DECISION: &str = "/decision";
        /// `/reasons`: 原因
        pub const REASONS: &str = "/reasons";
        /// `/attachments`: 附件
        pub const ATTACHMENTS: &str = "/attachments";
        /// `/extensions`: 扩展字段
        pub const EXTENSIONS: &str = "/extensions";

        /// The members of `/benefit`.
        pub mod benefit {
            /// `/name`: 项目名称
            pub const NAME: &str = "/name";
            /// `/period`: 期间 (a [`defs::period_range`](crate::messages::pointers::defs::period_range))
            pub const PERIOD: &str = "/period";
            /// `/amount_fen`: 金额（分）
            pub const AMOUNT_FEN: &str = "/amount_fen";
            /// `/payer_region`: 支付地区划
            pub const PAYER_REGION: &str = "/payer_region";
        }
    }

    /// The body of `family_planning.birth_registration_notice`: 生育登记通报.
    pub mod birth_registration_notice {
        /// `/registration_number`: 登记编号
        pub const REGISTRATION_NUMBER: &str = "/registration_number";
        /// `/kind`: 登记类型
        pub const KIND: &str = "/kind";
        /// `/mother`: 母亲 (a [`defs::person`](crate::messages::pointers::defs::person))
        pub const MOTHER: &str = "/mother";
        /// `/father`: 父亲 (a [`defs::person`](crate::messages::pointers::defs::person))
        pub const FATHER: &str = "/father";
        /// `/child`: 子女
        pub const CHILD: &str = "/child";
        /// `/registered_on`: 登记日期
        pub const REGISTERED_ON: &str = "/registered_on";
        /// `/registered_at`: 登记地区划
        pub const REGISTERED_AT: &str = "/registered_at";
        /// `/evidence`: 依据, an array
        pub const EVIDENCE: &str = "/evidence";
        /// `/attachments`: 附件
        pub const ATTACHMENTS: &str = "/attachments";
        /// `/extensions`: 扩展字段
        pub const EXTENSIONS: &str = "/extensions";

        /// The members of `/child`.
        pub mod child {
            /// `/order`: 孩次
            pub const ORDER: &str = "/order";
            /// `/expected_month`: 预产年月
            pub const EXPECTED_MONTH: &str = "/expected_month";
            /// `/birth_date`: 出生日期
            pub const BIRTH_DATE: &str = "/birth_date";
            /// `/sex`: 性别
            pub const SEX: &str = "/sex";
        }
    }

    /// The body of `family_planning.certificate`: 电子婚育证明.
    pub mod certificate {
        /// `/action`: 操作
        pub const ACTION: &str = "/action";
        /// `/certificate_number`: 证明编号
        pub const CERTIFICATE_NUMBER: &str = "/certificate_number";
        /// `/person`: 本人 (a [`defs::person`](crate::messages::pointers::defs::person))
        pub const PERSON: &str = "/person";
        /// `/registration_region`: 户籍地区划
        pub const REGISTRATION_REGION: &str = "/registration_region";
        /// `/residence_region`: 现居住地区划
        pub const RESIDENCE_REGION: &str = "/residence_region";
        /// `/marital_status`: 婚姻状况
        pub const MARITAL_STATUS: &str = "/marital_status";
        /// `/spouse`: 配偶 (a [`defs::person_ref`](crate::messages::pointers::defs::person_ref))
        pub const SPOUSE: &str = "/spouse";
        /// `/children`: 生育情况, an array
        pub const CHILDREN: &str = "/children";
        /// `/contraception`: 避孕节育情况
        pub const CONTRACEPTION: &str = "/contraception";
        /// `/issued_on`: 开具日期
        pub const ISSUED_ON: &str = "/issued_on";
        /// `/status`: 状态
        pub const STATUS: &str = "/status";
        /// `/cancel_reason`: 注销原因
        pub const CANCEL_REASON: &str = "/cancel_reason";
        /// `/attachments`: 附件
        pub const ATTACHMENTS: &str = "/attachments";
        /// `/extensions`: 扩展字段
        pub const EXTENSIONS: &str = "/extensions";

        /// The members of the items of `/children`.
        pub mod children {
            /// `/order`: 孩次
            pub const ORDER: &str = "/order";
            /// `/birth_date`: 出生日期
            pub const BIRTH_DATE: &str = "/birth_date";
            /// `/sex`: 性别
            pub const SEX: &str = "/sex";
            /// `/name`: 姓名
            pub const NAME: &str = "/name";
            /// `/citizen_id`: 公民身份号码
            pub const CITIZEN_ID: &str = "/citizen_id";
        }

        /// The members of `/contraception`.
        pub mod contraception {
            /// `/method`: 方法
            pub const METHOD: &str = "/method";
            /// `/since`: 日期
            pub const SINCE: &str = "/since";
        }
    }

    /// The body of `family_planning.service_agreement`: 协作服务协议.
    pub mod service_agreement {
        /// `/agreement_number`: 协议编号
        pub const AGREEMENT_NUMBER: &str = "/agreement_number";
        /// `/title`: 协议名称
        pub const TITLE: &str = "/title";
        /// `/parties`: 协议各方, an array
        pub const PARTIES: &str = "/parties";
        /// `/scope`: 协作内容, an array
        pub const SCOPE: &str = "/scope";
        /// `/effective_from`: 生效日期
        pub const EFFECTIVE_FROM: &str = "/effective_from";
        /// `/effective_until`: 终止日期
        pub const EFFECTIVE_UNTIL: &str = "/effective_until";
        /// `/statistics_interval_months`: 统计报送周期（月）
        pub const STATISTICS_INTERVAL_MONTHS: &str = "/statistics_interval_months";
        /// `/terms`: 主要条款
        pub const TERMS: &str = "/terms";
        /// `/attachments`: 附件
        pub const ATTACHMENTS: &str = "/attachments";
        /// `/extensions`: 扩展字段
        pub const EXTENSIONS: &str = "/extensions";

        /// The members of the items of `/parties`.
        pub mod parties {
            /// `/region`: 行政区划代码
            pub const REGION: &str = "/region";
            /// `/name`: 名称
            pub const NAME: &str = "/name";
            /// `/agency`: 机构代码
            pub const AGENCY: &str = "/agency";
        }
    }

    /// The body of `family_planning.service_notice`: 服务情况通报.
    pub mod service_notice {
        /// `/kind`: 类型
        pub const KIND: &str = "/kind";
        /// `/person`: 本人 (a [`defs::person`](crate::messages::pointers::defs::person))
        pub const PERSON: &str = "/person";
        /// `/contraception`: 避孕节育情况
        pub const CONTRACEPTION: &str = "/contraception";
        /// `/services`: 服务项目, an array
        pub const SERVICES: &str = "/services";
        /// `/statistics`: 统计数据
        pub const STATISTICS: &str = "/statistics";
        /// `/issued_on`: 出具日期
        pub const ISSUED_ON: &str = "/issued_on";
        /// `/attachments`: 附件
        pub const ATTACHMENTS: &str = "/attachments";
        /// `/extensions`: 扩展字段
        pub const EXTENSIONS: &str = "/extensions";

        /// The members of `/contraception`.
        pub mod contraception {
            /// `/method`: 方法
            pub const METHOD: &str = "/method";
            /// `/since`: 日期
            pub const SINCE: &str = "/since";
        }

        /// The members of the items of `/services`.
        pub mod services {
            /// `/service`: 服务项目
            pub const SERVICE: &str = "/service";
            /// `/date`: 日期
            pub const DATE: &str = "/date";
        }

        /// The members of `/statistics`.
        pub mod statistics {
            /// `/period`: 统计期间 (a [`defs::period_range`](crate::messages::pointers::defs::period_range))
            pub const PERIOD: &str = "/period";
            /// `/arrivals`: 到达登记人数
            pub const ARRIVALS: &str = "/arrivals";
            /// `/certificates_checked`: 婚育证明查验数
            pub const CERTIFICATES_CHECKED: &str = "/certificates_checked";
            /// `/verifications`: 协查件数
            pub const VERIFICATIONS: &str = "/verifications";
            /// `/births_registered`: 生育登记数
            pub const BIRTHS_REGISTERED: &str = "/births_registered";
            /// `/services`: 服务人次
            pub const SERVICES: &str = "/services";
        }
    }

    /// The body of `family_planning.verification_reply`: 婚育情况协查答复.
    pub mod verification_reply {
        /// `/request_number`: 协查编号
        pub const REQUEST_NUMBER: &str = "/request_number";
        /// `/result`: 协查结论
        pub const RESULT: &str = "/result";
        /// `/recorded_marital_status`: 登记婚姻状况
        pub const RECORDED_MARITAL_STATUS: &str = "/recorded_marital_status";
        /// `/recorded_children`: 登记生育情况, an array
        pub const RECORDED_CHILDREN: &str = "/recorded_children";
        /// `/discrepancies`: 不符情况, an array
        pub const DISCREPANCIES: &str = "/discrepancies";
        /// `/remarks`: 备注
        pub const REMARKS: &str = "/remarks";
        /// `/attachments`: 附件
        pub const ATTACHMENTS: &str = "/attachments";
        /// `/extensions`: 扩展字段
        pub const EXTENSIONS: &str = "/extensions";

        /// The members of the items of `/recorded_children`.
        pub mod recorded_children {
            /// `/order`: 孩次
            pub const ORDER: &str = "/order";
            /// `/birth_date`: 出生日期
            pub const BIRTH_DATE: &str = "/birth_date";
            /// `/sex`: 性别
            pub const SEX: &str = "/sex";
            /// `/name`: 姓名
            pub const NAME: &str = "/name";
            /// `/citizen_id`: 公民身份号码
            pub const CITIZEN_ID: &str = "/citizen_id";
        }

        /// The members of the items of `/discrepancies`.
        pub mod discrepancies {
            /// `/item`: 项目
            pub const ITEM: &str = "/item";
            /// `/recorded`: 登记情况
            pub const RECORDED: &str = "/recorded";
        }
    }

    /// The body of `family_planning.verification_request`: 婚育情况协查请求.
    pub mod verification_request {
        /// `/request_number`: 协查编号
        pub const REQUEST_NUMBER: &str = "/request_number";
        /// `/purpose`: 协查事由
        pub const PURPOSE: &str = "/purpose";
        /// `/person`: 当事人 (a [`defs::person`](crate::messages::pointers::defs::person))
        pub const PERSON: &str = "/person";
        /// `/spouse`: 配偶 (a [`defs::person_ref`](crate::messages::pointers::defs::person_ref))
        pub const SPOUSE: &str = "/spouse";
        /// `/declared_marital_status`: 申报婚姻状况
        pub const DECLARED_MARITAL_STATUS: &str = "/declared_marital_status";
        /// `/declared_children`: 申报生育情况, an array
        pub const DECLARED_CHILDREN: &str = "/declared_children";
        /// `/items`: 协查项目, an array
        pub const ITEMS: &str = "/items";
        /// `/application_date`: 申请日期
        pub const APPLICATION_DATE: &str = "/application_date";
        /// `/reply_by`: 答复期限
        pub const REPLY_BY: &str = "/reply_by";
        /// `/attachments`: 附件
        pub const ATTACHMENTS: &str = "/attachments";
        /// `/extensions`: 扩展字段
        pub const EXTENSIONS: &str = "/extensions";

        /// The members of the items of `/declared_children`.
        pub mod declared_children {
            /// `/order`: 孩次
            pub const ORDER: &str = "/order";
            /// `/birth_date`: 出生日期
            pub const BIRTH_DATE: &str = "/birth_date";
            /// `/sex`: 性别
            pub const SEX: &str = "/sex";
            /// `/name`: 姓名
            pub const NAME: &str = "/name";
            /// `/citizen_id`: 公民身份号码
            pub const CITIZEN_ID: &str = "/citizen_id";
        }
    }
}

/// The body of `receipt`: 技术回执.
pub mod receipt {
    /// `/received_id`: 所收消息标识
    pub const RECEIVED_ID: &str = "/received_id";
    /// `/received_digest`: 所收消息摘要
    pub const RECEIVED_DIGEST: &str = "/received_digest";
    /// `/received_type`: 所收消息类型
    pub const RECEIVED_TYPE: &str = "/received_type";
    /// `/received_at`: 接收时间
    pub const RECEIVED_AT: &str = "/received_at";
    /// `/status`: 状态
    pub const STATUS: &str = "/status";
    /// `/errors`: 错误列表, an array
    pub const ERRORS: &str = "/errors";
    /// `/extensions`: 扩展字段
    pub const EXTENSIONS: &str = "/extensions";

    /// The members of the items of `/errors`.
    pub mod errors {
        /// `/code`: 错误代码
        pub const CODE: &str = "/code";
        /// `/path`: 数据位置
        pub const PATH: &str = "/path";
        /// `/message`: 错误说明
        pub const MESSAGE: &str = "/message";
    }
}

/// The body of `reference_data`: 参考数据.
pub mod reference_data {
    /// `/sequence`: 序号
    pub const SEQUENCE: &str = "/sequence";
    /// `/next_update`: 下次更新时间
    pub const NEXT_UPDATE: &str = "/next_update";
    /// `/calendar`: 节假日安排
    pub const CALENDAR: &str = "/calendar";
    /// `/regions`: 行政区划代码变更
    pub const REGIONS: &str = "/regions";

    /// The members of `/calendar`.
    pub mod calendar {
        /// `/version`: 日历版本
        pub const VERSION: &str = "/version";
        /// `/years`: 年度安排, an array
        pub const YEARS: &str = "/years";

        /// The members of the items of `/years`.
        pub mod years {
            /// `/year`: 年份
            pub const YEAR: &str = "/year";
            /// `/status`: 状态
            pub const STATUS: &str = "/status";
            /// `/source`: 依据
            pub const SOURCE: &str = "/source";
            /// `/days`: 日期列表, an array
            pub const DAYS: &str = "/days";

            /// The members of the items of `/days`.
            pub mod days {
                /// `/date`: 日期
                pub const DATE: &str = "/date";
                /// `/kind`: 类型
                pub const KIND: &str = "/kind";
                /// `/name`: 名称
                pub const NAME: &str = "/name";
            }
        }
    }

    /// The members of `/regions`.
    pub mod regions {
        /// `/as_of`: 截止日期
        pub const AS_OF: &str = "/as_of";
        /// `/source`: 依据
        pub const SOURCE: &str = "/source";
        /// `/added`: 新增代码, an array
        pub const ADDED: &str = "/added";
        /// `/retired`: 撤销代码, an array
        pub const RETIRED: &str = "/retired";

        /// The members of the items of `/added`.
        pub mod added {
            /// `/code`: 代码
            pub const CODE: &str = "/code";
            /// `/name`: 名称
            pub const NAME: &str = "/name";
        }

        /// The members of the items of `/retired`.
        pub mod retired {
            /// `/code`: 代码
            pub const CODE: &str = "/code";
            /// `/note`: 说明
            pub const NOTE: &str = "/note";
        }
    }
}

/// The `social_insurance.*` message bodies.
pub mod social_insurance {

    /// The body of `social_insurance.application_refusal`: 不予受理说明.
    pub mod application_refusal {
        /// `/scheme`: 险种
        pub const SCHEME: &str = "/scheme";
        /// `/person`: 申请人 (a [`defs::person_ref`](crate::messages::pointers::defs::person_ref))
        pub const PERSON: &str = "/person";
        /// `/application_number`: 申请编号
        pub const APPLICATION_NUMBER: &str = "/application_number";
        /// `/application_date`: 申请日期
        pub const APPLICATION_DATE: &str = "/application_date";
        /// `/reasons`: 原因
        pub const REASONS: &str = "/reasons";
        /// `/explanation`: 书面说明
        pub const EXPLANATION: &str = "/explanation";
        /// `/applicant_notified_on`: 告知日期
        pub const APPLICANT_NOTIFIED_ON: &str = "/applicant_notified_on";
        /// `/attachments`: 附件
        pub const ATTACHMENTS: &str = "/attachments";
        /// `/extensions`: 扩展字段
        pub const EXTENSIONS: &str = "/extensions";
    }

    /// The body of `social_insurance.benefit_place_decision`: 待遇领取地确定结果.
    pub mod benefit_place_decision {
        /// `/decision_number`: 决定编号
        pub const DECISION_NUMBER: &str = "/decision_number";
        /// `/person`: 参保人员 (a [`defs::person`](crate::messages::pointers::defs::person))
        pub const PERSON: &str = "/person";
        /// `/retirement_category`: 退休人员类别
        pub const RETIREMENT_CATEGORY: &str = "/retirement_category";
        /// `/statutory_retirement_month`: 法定退休年月
        pub const STATUTORY_RETIREMENT_MONTH: &str = "/statutory_retirement_month";
        /// `/hukou_region`: 户籍所在地
        pub const HUKOU_REGION: &str = "/hukou_region";
        /// `/places`: 参保地记录, an array
        pub const PLACES: &str = "/places";
        /// `/benefit_region`: 待遇领取地
        pub const BENEFIT_REGION: &str = "/benefit_region";
        /// `/benefit_agency`: 待遇领取地经办机构 (a [`defs::agency`](crate::messages::pointers::defs::agency))
        pub const BENEFIT_AGENCY: &str = "/benefit_agency";
        /// `/rule`: 判定规则
        pub const RULE: &str = "/rule";
        /// `/decided_on`: 决定日期
        pub const DECIDED_ON: &str = "/decided_on";
        /// `/aggregation`: 归集安排, an array
        pub const AGGREGATION: &str = "/aggregation";
        /// `/bridging`: 城乡衔接
        pub const BRIDGING: &str = "/bridging";
        /// `/remarks`: 备注
        pub const REMARKS: &str = "/remarks";
        /// `/attachments`: 附件
        pub const ATTACHMENTS: &str = "/attachments";
        /// `/extensions`: 扩展字段
        pub const EXTENSIONS: &str = "/extensions";

        /// The members of the items of `/places`.
        pub mod places {
            /// `/line`: 行号
            pub const LINE: &str = "/line";
            /// `/region`: 参保地
            pub const REGION: &str = "/region";
            /// `/agency`: 经办机构 (a [`defs::agency`](crate::messages::pointers::defs::agency))
            pub const AGENCY: &str = "/agency";
            /// `/period`: 参保期间 (a [`defs::period_range`](crate::messages::pointers::defs::period_range))
            pub const PERIOD: &str = "/period";
            /// `/months`: 缴费月数
            pub const MONTHS: &str = "/months";
            /// `/temporary`: 是否临时缴费账户
            pub const TEMPORARY: &str = "/temporary";
            /// `/sealed`: 是否已封存
            pub const SEALED: &str = "/sealed";
        }

        /// The members of the items of `/aggregation`.
        pub mod aggregation {
            /// `/line`: 行号
            pub const LINE: &str = "/line";
            /// `/region`: 转出地
            pub const REGION: &str = "/region";
            /// `/agency`: 转出地经办机构 (a [`defs::agency`](crate::messages::pointers::defs::agency))
            pub const AGENCY: &str = "/agency";
            /// `/kind`: 归集方式
            pub const KIND: &str = "/kind";
            /// `/months`: 缴费月数
            pub const MONTHS: &str = "/months";
        }

        /// The members of `/bridging`.
        pub mod bridging {
            /// `/direction`: 衔接方向
            pub const DIRECTION: &str = "/direction";
            /// `/employee_contribution_months`: 职工养老保险缴费月数
            pub const EMPLOYEE_CONTRIBUTION_MONTHS: &str = "/employee_contribution_months";
            /// `/retirement_month`: 退休年月
            pub const RETIREMENT_MONTH: &str = "/retirement_month";
        }
    }

    /// The body of `social_insurance.benefit_place_request`: 待遇领取地确定请求.
    pub mod benefit_place_request {
        /// `/request_number`: 请求编号
        pub const REQUEST_NUMBER: &str = "/request_number";
        /// `/person`: 参保人员 (a [`defs::person`](crate::messages::pointers::defs::person))
        pub const PERSON: &str = "/person";
        /// `/retirement_category`: 退休人员类别
        pub const RETIREMENT_CATEGORY: &str = "/retirement_category";
        /// `/hukou_region`: 户籍所在地
        pub const HUKOU_REGION: &str = "/hukou_region";
        /// `/applied_on`: 申领日期
        pub const APPLIED_ON: &str = "/applied_on";
        /// `/places`: 参保地记录, an array
        pub const PLACES: &str = "/places";
        /// `/proposed_benefit_region`: 拟定待遇领取地
        pub const PROPOSED_BENEFIT_REGION: &str = "/proposed_benefit_region";
        /// `/remarks`: 备注
        pub const REMARKS: &str = "/remarks";
        /// `/attachments`: 附件
        pub const ATTACHMENTS: &str = "/attachments";
        /// `/extensions`: 扩展字段
        pub const EXTENSIONS: &str = "/extensions";

        /// The members of the items of `/places`.
        pub mod places {
            /// `/line`: 行号
            pub const LINE: &str = "/line";
            /// `/region`: 参保地
            pub const REGION: &str = "/region";
            /// `/agency`: 经办机构 (a [`defs::agency`](crate::messages::pointers::defs::agency))
            pub const AGENCY: &str = "/agency";
            /// `/period`: 参保期间 (a [`defs::period_range`](crate::messages::pointers::defs::period_range))
            pub const PERIOD: &str = "/period";
            /// `/months`: 缴费月数
            pub const MONTHS: &str = "/months";
            /// `/temporary`: 是否临时缴费账户
            pub const TEMPORARY: &str = "/temporary";
            /// `/sealed`: 是否已封存
            pub const SEALED: &str = "/sealed";
        }
    }

    /// The body of `social_insurance.contact_letter`: 联系函.
    pub mod contact_letter {
        /// `/letter_number`: 联系函编号
        pub const LETTER_NUMBER: &str = "/letter_number";
        /// `/kind`: 联系函类型
        pub const KIND: &str = "/kind";
        /// `/scheme`: 险种
        pub const SCHEME: &str = "/scheme";
        /// `/person`: 参保人 (a [`defs::person`](crate::messages::pointers::defs::person))
        pub const PERSON: &str = "/person";
        /// `/personal_number`: 原个人编号
        pub const PERSONAL_NUMBER: &str = "/personal_number";
        /// `/receiving_agency`: 转入地经办机构
        pub const RECEIVING_AGENCY: &str = "/receiving_agency";
        /// `/bank_account`: 接收账户 (a [`defs::bank_account`](crate::messages::pointers::defs::bank_account))
        pub const BANK_ACCOUNT: &str = "/bank_account";
        /// `/application_date`: 申请日期
        pub const APPLICATION_DATE: &str = "/application_date";
        /// `/new_insured_since`: 转入地参保年月
        pub const NEW_INSURED_SINCE: &str = "/new_insured_since";
        /// `/issued_on`: 出具日期
        pub const ISSUED_ON: &str = "/issued_on";
        /// `/attachments`: 附件
        pub const ATTACHMENTS: &str = "/attachments";
        /// `/extensions`: 扩展字段
        pub const EXTENSIONS: &str = "/extensions";

        /// The members of `/receiving_agency`.
        pub mod receiving_agency {
            /// `/region`: 行政区划代码
            pub const REGION: &str = "/region";
            /// `/code`: 机构代码
            pub const CODE: &str = "/code";
            /// `/name`: 机构名称
            pub const NAME: &str = "/name";
            /// `/address`: 地址 (a [`defs::address`](crate::messages::pointers::defs::address))
            pub const ADDRESS: &str = "/address";
            /// `/phone`: 联系电话
            pub const PHONE: &str = "/phone";
        }
    }

    /// The body of `social_insurance.contribution_certificate`: 参保缴费凭证.
    pub mod contribution_certificate {
        /// `/certificate_number`: 凭证编号
        pub const CERTIFICATE_NUMBER: &str = "/certificate_number";
        /// `/scheme`: 险种
        pub const SCHEME: &str = "/scheme";
        /// `/person`: 参保人 (a [`defs::person`](crate::messages::pointers::defs::person))
        pub const PERSON: &str = "/person";
        /// `/personal_number`: 原个人编号
        pub const PERSONAL_NUMBER: &str = "/personal_number";
        /// `/issued_on`: 开具日期
        pub const ISSUED_ON: &str = "/issued_on";
        /// `/first_insured_month`: 首次参保年月
        pub const FIRST_INSURED_MONTH: &str = "/first_insured_month";
        /// `/insured_periods`: 本地参保期间 (a [`defs::period_range`](crate::messages::pointers::defs::period_range)), an array
        pub const INSURED_PERIODS: &str = "/insured_periods";
        /// `/contribution_months`: 实际缴费月数
        pub const CONTRIBUTION_MONTHS: &str = "/contribution_months";
        /// `/deemed_contribution_months`: 视同缴费月数
        pub const DEEMED_CONTRIBUTION_MONTHS: &str = "/deemed_contribution_months";
        /// `/participation_status`: 参保状态
        pub const PARTICIPATION_STATUS: &str = "/participation_status";
        /// `/suspended_on`: 中止参保日期
        pub const SUSPENDED_ON: &str = "/suspended_on";
        /// `/personal_account`: 个人账户
        pub const PERSONAL_ACCOUNT: &str = "/personal_account";
        /// `/yearly_bases`: 历年缴费基数, an array
        pub const YEARLY_BASES: &str = "/yearly_bases";
        /// `/temporary_account`: 临时缴费账户
        pub const TEMPORARY_ACCOUNT: &str = "/temporary_account";
        /// `/attachments`: 附件
        pub const ATTACHMENTS: &str = "/attachments";
        /// `/extensions`: 扩展字段
        pub const EXTENSIONS: &str = "/extensions";

        /// The members of `/personal_account`.
        pub mod personal_account {
            /// `/principal_fen`: 本金（分）
            pub const PRINCIPAL_FEN: &str = "/principal_fen";
            /// `/interest_fen`: 利息（分）
            pub const INTEREST_FEN: &str = "/interest_fen";
            /// `/balance_fen`: 储存额（分）
            pub const BALANCE_FEN: &str = "/balance_fen";
            /// `/as_of`: 截至日期
            pub const AS_OF: &str = "/as_of";
        }

        /// The members of the items of `/yearly_bases`.
        pub mod yearly_bases {
            /// `/year`: 年度
            pub const YEAR: &str = "/year";
            /// `/months`: 缴费月数
            pub const MONTHS: &str = "/months";
            /// `/base_fen`: 缴费基数合计（分）
            pub const BASE_FEN: &str = "/base_fen";
        }
    }

    /// The body of `social_insurance.fund_transfer`: 基金划转.
    pub mod fund_transfer {
        /// `/scheme`: 险种
        pub const SCHEME: &str = "/scheme";
        /// `/person`: 参保人 (a [`defs::person_ref`](crate::messages::pointers::defs::person_ref))
        pub const PERSON: &str = "/person";
        /// `/information_id`: 信息表消息
        pub const INFORMATION_ID: &str = "/information_id";
        /// `/payment_reference`: 划转凭证号
        pub const PAYMENT_REFERENCE: &str = "/payment_reference";
        /// `/amount_fen`: 划转金额（分）
        pub const AMOUNT_FEN: &str = "/amount_fen";
        /// `/components`: 划转构成
        pub const COMPONENTS: &str = "/components";
        /// `/paid_on`: 划转日期
        pub const PAID_ON: &str = "/paid_on";
        /// `/payer_account`: 付款账户 (a [`defs::bank_account`](crate::messages::pointers::defs::bank_account))
        pub const PAYER_ACCOUNT: &str = "/payer_account";
        /// `/payee_account`: 收款账户 (a [`defs::bank_account`](crate::messages::pointers::defs::bank_account))
        pub const PAYEE_ACCOUNT: &str = "/payee_account";
        /// `/attachments`: 附件
        pub const ATTACHMENTS: &str = "/attachments";
        /// `/extensions`: 扩展字段
        pub const EXTENSIONS: &str = "/extensions";

        /// The members of `/components`.
        pub mod components {
            /// `/personal_account_fen`: 个人账户部分（分）
            pub const PERSONAL_ACCOUNT_FEN: &str = "/personal_account_fen";
            /// `/pooled_fund_fen`: 统筹基金部分（分）
            pub const POOLED_FUND_FEN: &str = "/pooled_fund_fen";
            /// `/temporary_account_fen`: 临时账户部分（分）
            pub const TEMPORARY_ACCOUNT_FEN: &str = "/temporary_account_fen";
            /// `/unemployment_fen`: 失业保险部分（分）
            pub const UNEMPLOYMENT_FEN: &str = "/unemployment_fen";
        }
    }

    /// The body of `social_insurance.transfer_application`: 关系转移接续申请.
    pub mod transfer_application {
        /// `/application_number`: 申请编号
        pub const APPLICATION_NUMBER: &str = "/application_number";
        /// `/scheme`: 险种
        pub const SCHEME: &str = "/scheme";
        /// `/person`: 申请人 (a [`defs::person`](crate::messages::pointers::defs::person))
        pub const PERSON: &str = "/person";
        /// `/personal_number`: 原个人编号
        pub const PERSONAL_NUMBER: &str = "/personal_number";
        /// `/hukou_region`: 户籍地区划
        pub const HUKOU_REGION: &str = "/hukou_region";
        /// `/original_agency`: 转出地经办机构 (a [`defs::agency`](crate::messages::pointers::defs::agency))
        pub const ORIGINAL_AGENCY: &str = "/original_agency";
        /// `/new_agency`: 转入地经办机构 (a [`defs::agency`](crate::messages::pointers::defs::agency))
        pub const NEW_AGENCY: &str = "/new_agency";
        /// `/new_insured_since`: 转入地参保年月
        pub const NEW_INSURED_SINCE: &str = "/new_insured_since";
        /// `/new_employer`: 现工作单位 (a [`defs::organisation`](crate::messages::pointers::defs::organisation))
        pub const NEW_EMPLOYER: &str = "/new_employer";
        /// `/applied_on`: 申请日期
        pub const APPLIED_ON: &str = "/applied_on";
        /// `/channel`: 申请渠道
        pub const CHANNEL: &str = "/channel";
        /// `/contact`: 联系方式
        pub const CONTACT: &str = "/contact";
        /// `/proxy`: 代办人
        pub const PROXY: &str = "/proxy";
        /// `/temporary_account`: 临时缴费账户转移
        pub const TEMPORARY_ACCOUNT: &str = "/temporary_account";
        /// `/opens_temporary_account`: 转入地建立临时缴费账户
        pub const OPENS_TEMPORARY_ACCOUNT: &str = "/opens_temporary_account";
        /// `/organised_transfer`: 组织调动
        pub const ORGANISED_TRANSFER: &str = "/organised_transfer";
        /// `/attachments`: 附件
        pub const ATTACHMENTS: &str = "/attachments";
        /// `/extensions`: 扩展字段
        pub const EXTENSIONS: &str = "/extensions";

        /// The members of `/contact`.
        pub mod contact {
            /// `/phone`: 电话
            pub const PHONE: &str = "/phone";
            /// `/address`: 地址 (a [`defs::address`](crate::messages::pointers::defs::address))
            pub const ADDRESS: &str = "/address";
        }

        /// The members of `/proxy`.
        pub mod proxy {
            /// `/name`: 代办人姓名
            pub const NAME: &str = "/name";
            /// `/phone`: 代办人电话
            pub const PHONE: &str = "/phone";
            /// `/relation`: 与本人关系
            pub const RELATION: &str = "/relation";
            /// `/address`: 代办人地址 (a [`defs::address`](crate::messages::pointers::defs::address))
            pub const ADDRESS: &str = "/address";
        }
    }

    /// The body of `social_insurance.transfer_completion`: 转移接续办结.
    pub mod transfer_completion {
        /// `/scheme`: 险种
        pub const SCHEME: &str = "/scheme";
        /// `/person`: 参保人 (a [`defs::person_ref`](crate::messages::pointers::defs::person_ref))
        pub const PERSON: &str = "/person";
        /// `/status`: 办理结果
        pub const STATUS: &str = "/status";
        /// `/information_id`: 信息表消息
        pub const INFORMATION_ID: &str = "/information_id";
        /// `/fund_transfer_id`: 基金划转消息
        pub const FUND_TRANSFER_ID: &str = "/fund_transfer_id";
        /// `/received_fen`: 到账金额（分）
        pub const RECEIVED_FEN: &str = "/received_fen";
        /// `/payment_reference`: 划转凭证号
        pub const PAYMENT_REFERENCE: &str = "/payment_reference";
        /// `/credited_months`: 记录缴费月数
        pub const CREDITED_MONTHS: &str = "/credited_months";
        /// `/completed_on`: 办结日期
        pub const COMPLETED_ON: &str = "/completed_on";
        /// `/mismatches`: 不符情况
        pub const MISMATCHES: &str = "/mismatches";
        /// `/overlap_clearing`: 重复缴费清理, an array
        pub const OVERLAP_CLEARING: &str = "/overlap_clearing";
        /// `/medical_continuity`: 医保待遇衔接
        pub const MEDICAL_CONTINUITY: &str = "/medical_continuity";
        /// `/attachments`: 附件
        pub const ATTACHMENTS: &str = "/attachments";
        /// `/extensions`: 扩展字段
        pub const EXTENSIONS: &str = "/extensions";

        /// The members of the items of `/overlap_clearing`.
        pub mod overlap_clearing {
            /// `/period`: 重叠期间 (a [`defs::period_range`](crate::messages::pointers::defs::period_range))
            pub const PERIOD: &str = "/period";
            /// `/months`: 月数
            pub const MONTHS: &str = "/months";
            /// `/kept`: 保留关系
            pub const KEPT: &str = "/kept";
            /// `/refund_fen`: 退还金额（分）
            pub const REFUND_FEN: &str = "/refund_fen";
        }

        /// The members of `/medical_continuity`.
        pub mod medical_continuity {
            /// `/gap_months`: 中断月数
            pub const GAP_MONTHS: &str = "/gap_months";
            /// `/back_paid`: 已补缴
            pub const BACK_PAID: &str = "/back_paid";
            /// `/scheme`: 转入地参保险种
            pub const SCHEME: &str = "/scheme";
            /// `/waiting_months`: 待遇等待期（月）
            pub const WAITING_MONTHS: &str = "/waiting_months";
            /// `/reduced_rate_bp`: 等待期待遇比例（万分比）
            pub const REDUCED_RATE_BP: &str = "/reduced_rate_bp";
            /// `/benefits_from`: 待遇享受起始日期
            pub const BENEFITS_FROM: &str = "/benefits_from";
        }
    }

    /// The body of `social_insurance.transfer_information`: 参保信息表.
    pub mod transfer_information {
        /// `/information_number`: 信息表编号
        pub const INFORMATION_NUMBER: &str = "/information_number";
        /// `/scheme`: 险种
        pub const SCHEME: &str = "/scheme";
        /// `/person`: 参保人 (a [`defs::person`](crate::messages::pointers::defs::person))
        pub const PERSON: &str = "/person";
        /// `/personal_number`: 原个人编号
        pub const PERSONAL_NUMBER: &str = "/personal_number";
        /// `/first_insured_month`: 首次参保年月
        pub const FIRST_INSURED_MONTH: &str = "/first_insured_month";
        /// `/insured_periods`: 本地参保期间 (a [`defs::period_range`](crate::messages::pointers::defs::period_range)), an array
        pub const INSURED_PERIODS: &str = "/insured_periods";
        /// `/deemed_contribution_months`: 视同缴费月数
        pub const DEEMED_CONTRIBUTION_MONTHS: &str = "/deemed_contribution_months";
        /// `/temporary_account`: 临时缴费账户
        pub const TEMPORARY_ACCOUNT: &str = "/temporary_account";
        /// `/years`: 分年度明细, an array
        pub const YEARS: &str = "/years";
        /// `/totals`: 合计
        pub const TOTALS: &str = "/totals";
        /// `/personal_account`: 个人账户
        pub const PERSONAL_ACCOUNT: &str = "/personal_account";
        /// `/unemployment`: 失业保险
        pub const UNEMPLOYMENT: &str = "/unemployment";
        /// `/medical`: 医疗保险
        pub const MEDICAL: &str = "/medical";
        /// `/back_payments`: 一次性补缴, an array
        pub const BACK_PAYMENTS: &str = "/back_payments";
        /// `/withheld_periods`: 不予转移期间, an array
        pub const WITHHELD_PERIODS: &str = "/withheld_periods";
        /// `/transfer_fen`: 转移总额（分）
        pub const TRANSFER_FEN: &str = "/transfer_fen";
        /// `/relation_terminated_on`: 终止本地关系日期
        pub const RELATION_TERMINATED_ON: &str = "/relation_terminated_on";
        /// `/issued_on`: 出具日期
        pub const ISSUED_ON: &str = "/issued_on";
        /// `/attachments`: 附件
        pub const ATTACHMENTS: &str = "/attachments";
        /// `/extensions`: 扩展字段
        pub const EXTENSIONS: &str = "/extensions";

        /// The members of the items of `/years`.
        pub mod years {
            /// `/year`: 年度
            pub const YEAR: &str = "/year";
            /// `/months`: 缴费月数
            pub const MONTHS: &str = "/months";
            /// `/base_fen`: 缴费基数合计（分）
            pub const BASE_FEN: &str = "/base_fen";
            /// `/personal_account_fen`: 个人账户记账额（分）
            pub const PERSONAL_ACCOUNT_FEN: &str = "/personal_account_fen";
            /// `/pooled_fund_fen`: 统筹基金转移额（分）
            pub const POOLED_FUND_FEN: &str = "/pooled_fund_fen";
            /// `/interest_fen`: 个人账户利息（分）
            pub const INTEREST_FEN: &str = "/interest_fen";
            /// `/employer_contribution_fen`: 单位缴费（分）
            pub const EMPLOYER_CONTRIBUTION_FEN: &str = "/employer_contribution_fen";
        }

        /// The members of `/totals`.
        pub mod totals {
            /// `/contribution_months`: 缴费月数合计
            pub const CONTRIBUTION_MONTHS: &str = "/contribution_months";
            /// `/base_fen`: 缴费基数总额（分）
            pub const BASE_FEN: &str = "/base_fen";
            /// `/personal_account_fen`: 个人账户记账额合计（分）
            pub const PERSONAL_ACCOUNT_FEN: &str = "/personal_account_fen";
            /// `/pooled_fund_fen`: 统筹基金转移额合计（分）
            pub const POOLED_FUND_FEN: &str = "/pooled_fund_fen";
            /// `/personal_account_balance_fen`: 个人账户储存额（分）
            pub const PERSONAL_ACCOUNT_BALANCE_FEN: &str = "/personal_account_balance_fen";
            /// `/employer_contribution_fen`: 单位缴费合计（分）
            pub const EMPLOYER_CONTRIBUTION_FEN: &str = "/employer_contribution_fen";
        }

        /// The members of `/personal_account`.
        pub mod personal_account {
            /// `/principal_fen`: 本金（分）
            pub const PRINCIPAL_FEN: &str = "/principal_fen";
            /// `/interest_fen`: 利息（分）
            pub const INTEREST_FEN: &str = "/interest_fen";
            /// `/balance_fen`: 储存额（分）
            pub const BALANCE_FEN: &str = "/balance_fen";
            /// `/as_of`: 截至日期
            pub const AS_OF: &str = "/as_of";
        }

        /// The members of `/unemployment`.
        pub mod unemployment {
            /// `/contribution_months`: 累计缴费月数
            pub const CONTRIBUTION_MONTHS: &str = "/contribution_months";
            /// `/relation_only`: 只转关系
            pub const RELATION_ONLY: &str = "/relation_only";
            /// `/entitled_months`: 应领月数
            pub const ENTITLED_MONTHS: &str = "/entitled_months";
            /// `/carried_over_months`: 结转月数
            pub const CARRIED_OVER_MONTHS: &str = "/carried_over_months";
            /// `/drawn_months`: 已领月数
            pub const DRAWN_MONTHS: &str = "/drawn_months";
            /// `/remaining_months`: 剩余月数
            pub const REMAINING_MONTHS: &str = "/remaining_months";
            /// `/remaining_benefit_fen`: 剩余失业保险金（分）
            pub const REMAINING_BENEFIT_FEN: &str = "/remaining_benefit_fen";
            /// `/supplementary_fen`: 医疗补助金及培训介绍补贴（分）
            pub const SUPPLEMENTARY_FEN: &str = "/supplementary_fen";
        }

        /// The members of `/medical`.
        pub mod medical {
            /// `/contribution_months`: 累计缴费月数
            pub const CONTRIBUTION_MONTHS: &str = "/contribution_months";
            /// `/continuous_months`: 连续参保月数
            pub const CONTINUOUS_MONTHS: &str = "/continuous_months";
            /// `/military_service_months`: 军龄月数
            pub const MILITARY_SERVICE_MONTHS: &str = "/military_service_months";
            /// `/last_contribution_month`: 最后缴费年月
            pub const LAST_CONTRIBUTION_MONTH: &str = "/last_contribution_month";
            /// `/suspended_on`: 中止参保日期
            pub const SUSPENDED_ON: &str = "/suspended_on";
            /// `/personal_account_balance_fen`: 个人账户余额（分）
            pub const PERSONAL_ACCOUNT_BALANCE_FEN: &str = "/personal_account_balance_fen";
        }

        /// The members of the items of `/back_payments`.
        pub mod back_payments {
            /// `/period`: 补缴期间 (a [`defs::period_range`](crate::messages::pointers::defs::period_range))
            pub const PERIOD: &str = "/period";
            /// `/months`: 补缴月数
            pub const MONTHS: &str = "/months";
            /// `/paid_on`: 补缴日期
            pub const PAID_ON: &str = "/paid_on";
            /// `/legal_document`: 依据文书
            pub const LEGAL_DOCUMENT: &str = "/legal_document";

            /// The members of `/legal_document`.
            pub mod legal_document {
                /// `/kind`: 文书类型
                pub const KIND: &str = "/kind";
                /// `/number`: 文书编号
                pub const NUMBER: &str = "/number";
                /// `/dated`: 文书日期
                pub const DATED: &str = "/dated";
            }
        }

        /// The members of the items of `/withheld_periods`.
        pub mod withheld_periods {
            /// `/period`: 不予转移期间 (a [`defs::period_range`](crate::messages::pointers::defs::period_range))
            pub const PERIOD: &str = "/period";
            /// `/months`: 月数
            pub const MONTHS: &str = "/months";
            /// `/reason`: 原因 (a [`defs::reason`](crate::messages::pointers::defs::reason))
            pub const REASON: &str = "/reason";
            /// `/person_notified_on`: 告知本人日期
            pub const PERSON_NOTIFIED_ON: &str = "/person_notified_on";
        }
    }
}

/// The body of `trust_list`: 信任列表.
pub mod trust_list {
    /// `/sequence`: 序号
    pub const SEQUENCE: &str = "/sequence";
    /// `/next_update`: 下次更新时间
    pub const NEXT_UPDATE: &str = "/next_update";
    /// `/keys`: 密钥列表, an array
    pub const KEYS: &str = "/keys";

    /// The members of the items of `/keys`.
    pub mod keys {
        /// `/kid`: 密钥标识
        pub const KID: &str = "/kid";
        /// `/region`: 行政区划代码
        pub const REGION: &str = "/region";
        /// `/agency`: 机构代码
        pub const AGENCY: &str = "/agency";
        /// `/alg`: 算法
        pub const ALG: &str = "/alg";
        /// `/jwk`: 公钥
        pub const JWK: &str = "/jwk";
        /// `/valid_from`: 生效时间
        pub const VALID_FROM: &str = "/valid_from";
        /// `/valid_until`: 失效时间
        pub const VALID_UNTIL: &str = "/valid_until";
        /// `/status`: 状态
        pub const STATUS: &str = "/status";
        /// `/status_since`: 状态起始时间
        pub const STATUS_SINCE: &str = "/status_since";
        /// `/message_types`: 允许的消息类型, an array
        pub const MESSAGE_TYPES: &str = "/message_types";
        /// `/endpoint`: 收件地址
        pub const ENDPOINT: &str = "/endpoint";

        /// The members of `/jwk`.
        pub mod jwk {
            /// `/kty`: 密钥类型
            pub const KTY: &str = "/kty";
            /// `/crv`: 曲线
            pub const CRV: &str = "/crv";
            /// `/x`: 公钥x
            pub const X: &str = "/x";
            /// `/y`: 公钥y
            pub const Y: &str = "/y";
            /// `/kid`: 密钥标识
            pub const KID: &str = "/kid";
            /// `/alg`: 算法
            pub const ALG: &str = "/alg";
            /// `/use`: 用途
            pub const USE: &str = "/use";
            /// `/key_ops`: 密钥操作, an array
            pub const KEY_OPS: &str = "/key_ops";
        }
    }
}

/// The `worker_rights.*` message bodies.
pub mod worker_rights {

    /// The body of `worker_rights.dispute_outcome`: 劳动争议处理结果.
    pub mod dispute_outcome {
        /// `/person`: 劳动者 (a [`defs::person_ref`](crate::messages::pointers::defs::person_ref))
        pub const PERSON: &str = "/person";
        /// `/outcome`: 处理结果
        pub const OUTCOME: &str = "/outcome";
        /// `/decided_on`: 处理日期
        pub const DECIDED_ON: &str = "/decided_on";
        /// `/document_number`: 文书编号
        pub const DOCUMENT_NUMBER: &str = "/document_number";
        /// `/awarded_fen`: 确认金额（分）
        pub const AWARDED_FEN: &str = "/awarded_fen";
        /// `/paid_fen`: 已履行金额（分）
        pub const PAID_FEN: &str = "/paid_fen";
        /// `/reasons`: 原因
        pub const REASONS: &str = "/reasons";
        /// `/explanation`: 情况说明
        pub const EXPLANATION: &str = "/explanation";
        /// `/attachments`: 附件
        pub const ATTACHMENTS: &str = "/attachments";
        /// `/extensions`: 扩展字段
        pub const EXTENSIONS: &str = "/extensions";
    }

    /// The body of `worker_rights.dispute_referral`: 劳动争议移交.
    pub mod dispute_referral {
        /// `/person`: 劳动者 (a [`defs::person_ref`](crate::messages::pointers::defs::person_ref))
        pub const PERSON: &str = "/person";
        /// `/employer`: 用人单位 (a [`defs::organisation`](crate::messages::pointers::defs::organisation))
        pub const EMPLOYER: &str = "/employer";
        /// `/dispute_kinds`: 争议类型, an array
        pub const DISPUTE_KINDS: &str = "/dispute_kinds";
        /// `/dispute_arose_on`: 争议发生日期
        pub const DISPUTE_AROSE_ON: &str = "/dispute_arose_on";
        /// `/employment_ended_on`: 劳动关系终止日期
        pub const EMPLOYMENT_ENDED_ON: &str = "/employment_ended_on";
        /// `/claim_fen`: 请求金额（分）
        pub const CLAIM_FEN: &str = "/claim_fen";
        /// `/referred_for`: 移交事项
        pub const REFERRED_FOR: &str = "/referred_for";
        /// `/arbitration_filed_on`: 仲裁申请日期
        pub const ARBITRATION_FILED_ON: &str = "/arbitration_filed_on";
        /// `/summary`: 争议概要
        pub const SUMMARY: &str = "/summary";
        /// `/attachments`: 附件
        pub const ATTACHMENTS: &str = "/attachments";
        /// `/extensions`: 扩展字段
        pub const EXTENSIONS: &str = "/extensions";
    }

    /// The body of `worker_rights.wage_arrears_outcome`: 欠薪处理结果.
    pub mod wage_arrears_outcome {
        /// `/person`: 劳动者 (a [`defs::person_ref`](crate::messages::pointers::defs::person_ref))
        pub const PERSON: &str = "/person";
        /// `/outcome`: 处理结果
        pub const OUTCOME: &str = "/outcome";
        /// `/amount_owed_fen`: 认定欠薪金额（分）
        pub const AMOUNT_OWED_FEN: &str = "/amount_owed_fen";
        /// `/amount_paid_fen`: 已支付金额（分）
        pub const AMOUNT_PAID_FEN: &str = "/amount_paid_fen";
        /// `/paid_on`: 支付日期
        pub const PAID_ON: &str = "/paid_on";
        /// `/payment_path`: 清偿途径
        pub const PAYMENT_PATH: &str = "/payment_path";
        /// `/decided_on`: 处理日期
        pub const DECIDED_ON: &str = "/decided_on";
        /// `/reasons`: 原因
        pub const REASONS: &str = "/reasons";
        /// `/explanation`: 情况说明
        pub const EXPLANATION: &str = "/explanation";
        /// `/attachments`: 附件
        pub const ATTACHMENTS: &str = "/attachments";
        /// `/extensions`: 扩展字段
        pub const EXTENSIONS: &str = "/extensions";
    }

    /// The body of `worker_rights.wage_arrears_referral`: 欠薪线索移交.
    pub mod wage_arrears_referral {
        /// `/person`: 劳动者 (a [`defs::person_ref`](crate::messages::pointers::defs::person_ref))
        pub const PERSON: &str = "/person";
        /// `/employer`: 用人单位 (a [`defs::organisation`](crate::messages::pointers::defs::organisation))
        pub const EMPLOYER: &str = "/employer";
        /// `/project`: 工程项目
        pub const PROJECT: &str = "/project";
        /// `/general_contractor`: 施工总承包单位 (a [`defs::organisation`](crate::messages::pointers::defs::organisation))
        pub const GENERAL_CONTRACTOR: &str = "/general_contractor";
        /// `/unpaid_period`: 欠薪期间 (a [`defs::period_range`](crate::messages::pointers::defs::period_range))
        pub const UNPAID_PERIOD: &str = "/unpaid_period";
        /// `/monthly`: 分月欠薪, an array
        pub const MONTHLY: &str = "/monthly";
        /// `/amount_owed_fen`: 欠薪总额（分）
        pub const AMOUNT_OWED_FEN: &str = "/amount_owed_fen";
        /// `/payment_path`: 清偿途径
        pub const PAYMENT_PATH: &str = "/payment_path";
        /// `/reported_on`: 反映日期
        pub const REPORTED_ON: &str = "/reported_on";
        /// `/complaint_reference`: 投诉编号
        pub const COMPLAINT_REFERENCE: &str = "/complaint_reference";
        /// `/explanation`: 情况说明
        pub const EXPLANATION: &str = "/explanation";
        /// `/attachments`: 附件
        pub const ATTACHMENTS: &str = "/attachments";
        /// `/extensions`: 扩展字段
        pub const EXTENSIONS: &str = "/extensions";

        /// The members of the items of `/monthly`.
        pub mod monthly {
            /// `/period`: 工资月份
            pub const PERIOD: &str = "/period";
            /// `/amount_fen`: 欠薪金额（分）
            pub const AMOUNT_FEN: &str = "/amount_fen";
        }
    }

    /// The body of `worker_rights.work_injury_decision`: 工伤认定及待遇.
    pub mod work_injury_decision {
        /// `/person`: 劳动者 (a [`defs::person_ref`](crate::messages::pointers::defs::person_ref))
        pub const PERSON: &str = "/person";
        /// `/decision`: 认定结论
        pub const DECISION: &str = "/decision";
        /// `/decision_number`: 认定书编号
        pub const DECISION_NUMBER: &str = "/decision_number";
        /// `/application_accepted_on`: 受理日期
        pub const APPLICATION_ACCEPTED_ON: &str = "/application_accepted_on";
        /// `/decided_on`: 认定日期
        pub const DECIDED_ON: &str = "/decided_on";
        /// `/disability_assessment`: 劳动能力鉴定
        pub const DISABILITY_ASSESSMENT: &str = "/disability_assessment";
        /// `/benefits`: 工伤待遇, an array
        pub const BENEFITS: &str = "/benefits";
        /// `/benefits_total_fen`: 待遇合计（分）
        pub const BENEFITS_TOTAL_FEN: &str = "/benefits_total_fen";
        /// `/residence_region`: 现居住地
        pub const RESIDENCE_REGION: &str = "/residence_region";
        /// `/reasons`: 原因
        pub const REASONS: &str = "/reasons";
        /// `/explanation`: 情况说明
        pub const EXPLANATION: &str = "/explanation";
        /// `/attachments`: 附件
        pub const ATTACHMENTS: &str = "/attachments";
        /// `/extensions`: 扩展字段
        pub const EXTENSIONS: &str = "/extensions";

        /// The members of `/disability_assessment`.
        pub mod disability_assessment {
            /// `/grade`: 伤残等级
            pub const GRADE: &str = "/grade";
            /// `/nursing_level`: 生活自理障碍等级
            pub const NURSING_LEVEL: &str = "/nursing_level";
            /// `/assessed_on`: 鉴定日期
            pub const ASSESSED_ON: &str = "/assessed_on";
            /// `/conclusion_number`: 鉴定结论书编号
            pub const CONCLUSION_NUMBER: &str = "/conclusion_number";
        }

        /// The members of the items of `/benefits`.
        pub mod benefits {
            /// `/item`: 待遇项目
            pub const ITEM: &str = "/item";
            /// `/amount_fen`: 金额（分）
            pub const AMOUNT_FEN: &str = "/amount_fen";
            /// `/payer`: 支付方
            pub const PAYER: &str = "/payer";
            /// `/paid_to_region`: 支付地
            pub const PAID_TO_REGION: &str = "/paid_to_region";
        }
    }

    /// The body of `worker_rights.work_injury_notice`: 工伤事故通报.
    pub mod work_injury_notice {
        /// `/person`: 劳动者 (a [`defs::person_ref`](crate::messages::pointers::defs::person_ref))
        pub const PERSON: &str = "/person";
        /// `/employer`: 用人单位 (a [`defs::organisation`](crate::messages::pointers::defs::organisation))
        pub const EMPLOYER: &str = "/employer";
        /// `/accident_date`: 事故日期
        pub const ACCIDENT_DATE: &str = "/accident_date";
        /// `/accident_region`: 事故发生地
        pub const ACCIDENT_REGION: &str = "/accident_region";
        /// `/occupational_disease`: 职业病
        pub const OCCUPATIONAL_DISEASE: &str = "/occupational_disease";
        /// `/injury`: 伤情
        pub const INJURY: &str = "/injury";
        /// `/insured`: 已参加工伤保险
        pub const INSURED: &str = "/insured";
        /// `/application`: 工伤认定申请
        pub const APPLICATION: &str = "/application";
        /// `/reported_on`: 报告日期
        pub const REPORTED_ON: &str = "/reported_on";
        /// `/explanation`: 情况说明
        pub const EXPLANATION: &str = "/explanation";
        /// `/attachments`: 附件
        pub const ATTACHMENTS: &str = "/attachments";
        /// `/extensions`: 扩展字段
        pub const EXTENSIONS: &str = "/extensions";

        /// The members of `/application`.
        pub mod application {
            /// `/applicant`: 申请人
            pub const APPLICANT: &str = "/applicant";
            /// `/filed_on`: 申请日期
            pub const FILED_ON: &str = "/filed_on";
            /// `/accepted_on`: 受理日期
            pub const ACCEPTED_ON: &str = "/accepted_on";
        }
    }
}

/// The `worker_transfer.*` message bodies.
pub mod worker_transfer {

    /// The body of `worker_transfer.arrival`: 到岗确认.
    pub mod arrival {
        /// `/placements`: 到岗人员, an array
        pub const PLACEMENTS: &str = "/placements";
        /// `/remarks`: 备注
        pub const REMARKS: &str = "/remarks";
        /// `/attachments`: 附件
        pub const ATTACHMENTS: &str = "/attachments";
        /// `/extensions`: 扩展字段
        pub const EXTENSIONS: &str = "/extensions";

        /// The members of the items of `/placements`.
        pub mod placements {
            /// `/line`: 行号
            pub const LINE: &str = "/line";
            /// `/person`: 人员 (a [`defs::person_ref`](crate::messages::pointers::defs::person_ref))
            pub const PERSON: &str = "/person";
            /// `/roster_line`: 名单行号
            pub const ROSTER_LINE: &str = "/roster_line";
            /// `/employer`: 用人单位 (a [`defs::organisation`](crate::messages::pointers::defs::organisation))
            pub const EMPLOYER: &str = "/employer";
            /// `/agency`: 人力资源服务机构 (a [`defs::organisation`](crate::messages::pointers::defs::organisation))
            pub const AGENCY: &str = "/agency";
            /// `/workplace_region`: 工作地区划
            pub const WORKPLACE_REGION: &str = "/workplace_region";
            /// `/job_title`: 岗位
            pub const JOB_TITLE: &str = "/job_title";
            /// `/industry`: 行业
            pub const INDUSTRY: &str = "/industry";
            /// `/start_date`: 到岗日期
            pub const START_DATE: &str = "/start_date";
            /// `/contract`: 劳动合同
            pub const CONTRACT: &str = "/contract";
            /// `/monthly_wage_fen`: 月工资（分）
            pub const MONTHLY_WAGE_FEN: &str = "/monthly_wage_fen";
            /// `/organised`: 有组织输出
            pub const ORGANISED: &str = "/organised";

            /// The members of `/contract`.
            pub mod contract {
                /// `/type`: 合同类型
                pub const TYPE: &str = "/type";
                /// `/signed_on`: 签订日期
                pub const SIGNED_ON: &str = "/signed_on";
                /// `/start_date`: 合同开始日期
                pub const START_DATE: &str = "/start_date";
                /// `/end_date`: 合同结束日期
                pub const END_DATE: &str = "/end_date";
            }
        }
    }

    /// The body of `worker_transfer.certificate_attestation`: 证书核验.
    pub mod certificate_attestation {
        /// `/issuer`: 发证机构 (a [`defs::organisation`](crate::messages::pointers::defs::organisation))
        pub const ISSUER: &str = "/issuer";
        /// `/evaluation_org_code`: 评价机构代码
        pub const EVALUATION_ORG_CODE: &str = "/evaluation_org_code";
        /// `/certificates`: 证书, an array
        pub const CERTIFICATES: &str = "/certificates";
        /// `/remarks`: 备注
        pub const REMARKS: &str = "/remarks";
        /// `/attachments`: 附件
        pub const ATTACHMENTS: &str = "/attachments";
        /// `/extensions`: 扩展字段
        pub const EXTENSIONS: &str = "/extensions";

        /// The members of the items of `/certificates`.
        pub mod certificates {
            /// `/line`: 行号
            pub const LINE: &str = "/line";
            /// `/person`: 人员 (a [`defs::person_ref`](crate::messages::pointers::defs::person_ref))
            pub const PERSON: &str = "/person";
            /// `/kind`: 证书类别
            pub const KIND: &str = "/kind";
            /// `/number`: 证书编号
            pub const NUMBER: &str = "/number";
            /// `/occupation`: 职业（工种）代码
            pub const OCCUPATION: &str = "/occupation";
            /// `/occupation_name`: 职业（工种）名称
            pub const OCCUPATION_NAME: &str = "/occupation_name";
            /// `/level`: 等级
            pub const LEVEL: &str = "/level";
            /// `/issued_on`: 发证日期
            pub const ISSUED_ON: &str = "/issued_on";
            /// `/status`: 状态
            pub const STATUS: &str = "/status";
        }
    }

    /// The body of `worker_transfer.cooperation_agreement`: 劳务协作协议.
    pub mod cooperation_agreement {
        /// `/agreement_number`: 协议编号
        pub const AGREEMENT_NUMBER: &str = "/agreement_number";
        /// `/title`: 协议名称
        pub const TITLE: &str = "/title";
        /// `/parties`: 协议各方 (a [`defs::agency`](crate::messages::pointers::defs::agency)), an array
        pub const PARTIES: &str = "/parties";
        /// `/signed_on`: 签订日期
        pub const SIGNED_ON: &str = "/signed_on";
        /// `/valid_from`: 生效日期
        pub const VALID_FROM: &str = "/valid_from";
        /// `/valid_until`: 终止日期
        pub const VALID_UNTIL: &str = "/valid_until";
        /// `/retention_milestones`: 稳岗节点（月）, an array
        pub const RETENTION_MILESTONES: &str = "/retention_milestones";
        /// `/subsidies`: 补贴项目, an array
        pub const SUBSIDIES: &str = "/subsidies";
        /// `/remarks`: 备注
        pub const REMARKS: &str = "/remarks";
        /// `/attachments`: 附件
        pub const ATTACHMENTS: &str = "/attachments";
        /// `/extensions`: 扩展字段
        pub const EXTENSIONS: &str = "/extensions";

        /// The members of the items of `/subsidies`.
        pub mod subsidies {
            /// `/line`: 行号
            pub const LINE: &str = "/line";
            /// `/kind`: 补贴类别
            pub const KIND: &str = "/kind";
            /// `/name`: 补贴名称
            pub const NAME: &str = "/name";
            /// `/milestone_months`: 稳岗节点（月）
            pub const MILESTONE_MONTHS: &str = "/milestone_months";
            /// `/amount_fen`: 金额（分）
            pub const AMOUNT_FEN: &str = "/amount_fen";
            /// `/payer`: 支付方
            pub const PAYER: &str = "/payer";
            /// `/wage_evidence_required`: 是否需要工资支付凭证
            pub const WAGE_EVIDENCE_REQUIRED: &str = "/wage_evidence_required";
            /// `/conditions`: 条件
            pub const CONDITIONS: &str = "/conditions";
        }
    }

    /// The body of `worker_transfer.insurance_enrolment`: 参保情况.
    pub mod insurance_enrolment {
        /// `/enrolments`: 参保记录, an array
        pub const ENROLMENTS: &str = "/enrolments";
        /// `/remarks`: 备注
        pub const REMARKS: &str = "/remarks";
        /// `/attachments`: 附件
        pub const ATTACHMENTS: &str = "/attachments";
        /// `/extensions`: 扩展字段
        pub const EXTENSIONS: &str = "/extensions";

        /// The members of the items of `/enrolments`.
        pub mod enrolments {
            /// `/line`: 行号
            pub const LINE: &str = "/line";
            /// `/person`: 人员 (a [`defs::person_ref`](crate::messages::pointers::defs::person_ref))
            pub const PERSON: &str = "/person";
            /// `/employer`: 参保单位 (a [`defs::organisation`](crate::messages::pointers::defs::organisation))
            pub const EMPLOYER: &str = "/employer";
            /// `/insured_region`: 参保地区划
            pub const INSURED_REGION: &str = "/insured_region";
            /// `/schemes`: 参保险种, an array
            pub const SCHEMES: &str = "/schemes";
            /// `/start_date`: 到岗日期
            pub const START_DATE: &str = "/start_date";
            /// `/enrolled_on`: 参保日期
            pub const ENROLLED_ON: &str = "/enrolled_on";
            /// `/insured_from`: 缴费起始年月
            pub const INSURED_FROM: &str = "/insured_from";
        }
    }

    /// The body of `worker_transfer.job_demand`: 岗位需求.
    pub mod job_demand {
        /// `/demand_number`: 需求编号
        pub const DEMAND_NUMBER: &str = "/demand_number";
        /// `/employer`: 用人单位 (a [`defs::organisation`](crate::messages::pointers::defs::organisation))
        pub const EMPLOYER: &str = "/employer";
        /// `/agency`: 人力资源服务机构 (a [`defs::organisation`](crate::messages::pointers::defs::organisation))
        pub const AGENCY: &str = "/agency";
        /// `/positions`: 岗位列表, an array
        pub const POSITIONS: &str = "/positions";
        /// `/expected_start`: 预计到岗日期
        pub const EXPECTED_START: &str = "/expected_start";
        /// `/valid_until`: 需求有效期
        pub const VALID_UNTIL: &str = "/valid_until";
        /// `/contact`: 联系人
        pub const CONTACT: &str = "/contact";
        /// `/remarks`: 备注
        pub const REMARKS: &str = "/remarks";
        /// `/attachments`: 附件
        pub const ATTACHMENTS: &str = "/attachments";
        /// `/extensions`: 扩展字段
        pub const EXTENSIONS: &str = "/extensions";

        /// The members of the items of `/positions`.
        pub mod positions {
            /// `/position_id`: 岗位编号
            pub const POSITION_ID: &str = "/position_id";
            /// `/job_title`: 岗位名称
            pub const JOB_TITLE: &str = "/job_title";
            /// `/industry`: 行业
            pub const INDUSTRY: &str = "/industry";
            /// `/occupation`: 职业
            pub const OCCUPATION: &str = "/occupation";
            /// `/headcount`: 需求人数
            pub const HEADCOUNT: &str = "/headcount";
            /// `/wage_min_fen`: 月工资下限（分）
            pub const WAGE_MIN_FEN: &str = "/wage_min_fen";
            /// `/wage_max_fen`: 月工资上限（分）
            pub const WAGE_MAX_FEN: &str = "/wage_max_fen";
            /// `/workplace_region`: 工作地区划
            pub const WORKPLACE_REGION: &str = "/workplace_region";
            /// `/contract_type`: 合同类型
            pub const CONTRACT_TYPE: &str = "/contract_type";
            /// `/conditions`: 岗位条件
            pub const CONDITIONS: &str = "/conditions";
        }

        /// The members of `/contact`.
        pub mod contact {
            /// `/name`: 姓名
            pub const NAME: &str = "/name";
            /// `/phone`: 电话
            pub const PHONE: &str = "/phone";
        }
    }

    /// The body of `worker_transfer.reconciliation`: 定期对账.
    pub mod reconciliation {
        /// `/kind`: 类型
        pub const KIND: &str = "/kind";
        /// `/month`: 对账月份
        pub const MONTH: &str = "/month";
        /// `/rows`: 分县数据, an array
        pub const ROWS: &str = "/rows";
        /// `/totals`: 合计
        pub const TOTALS: &str = "/totals";
        /// `/differences`: 差异, an array
        pub const DIFFERENCES: &str = "/differences";
        /// `/remarks`: 备注
        pub const REMARKS: &str = "/remarks";
        /// `/attachments`: 附件
        pub const ATTACHMENTS: &str = "/attachments";
        /// `/extensions`: 扩展字段
        pub const EXTENSIONS: &str = "/extensions";

        /// The members of the items of `/rows`.
        pub mod rows {
            /// `/county`: 输出县（市）
            pub const COUNTY: &str = "/county";
            /// `/counts`: 人数
            pub const COUNTS: &str = "/counts";

            /// The members of `/counts`.
            pub mod counts {
                /// `/sent`: 输出人数
                pub const SENT: &str = "/sent";
                /// `/arrived`: 到岗人数
                pub const ARRIVED: &str = "/arrived";
                /// `/active`: 在岗人数
                pub const ACTIVE: &str = "/active";
                /// `/separated`: 离岗人数
                pub const SEPARATED: &str = "/separated";
                /// `/returned`: 返乡人数
                pub const RETURNED: &str = "/returned";
            }
        }

        /// The members of `/totals`.
        pub mod totals {
            /// `/sent`: 输出人数
            pub const SENT: &str = "/sent";
            /// `/arrived`: 到岗人数
            pub const ARRIVED: &str = "/arrived";
            /// `/active`: 在岗人数
            pub const ACTIVE: &str = "/active";
            /// `/separated`: 离岗人数
            pub const SEPARATED: &str = "/separated";
            /// `/returned`: 返乡人数
            pub const RETURNED: &str = "/returned";
        }

        /// The members of the items of `/differences`.
        pub mod differences {
            /// `/county`: 输出县（市）
            pub const COUNTY: &str = "/county";
            /// `/field`: 项目
            pub const FIELD: &str = "/field";
            /// `/own_count`: 本方数
            pub const OWN_COUNT: &str = "/own_count";
            /// `/counterpart_count`: 对方数
            pub const COUNTERPART_COUNT: &str = "/counterpart_count";
        }
    }

    /// The body of `worker_transfer.retention`: 稳岗情况.
    pub mod retention {
        /// `/kind`: 类型
        pub const KIND: &str = "/kind";
        /// `/agreement_number`: 劳务协作协议编号
        pub const AGREEMENT_NUMBER: &str = "/agreement_number";
        /// `/milestones`: 稳岗节点, an array
        pub const MILESTONES: &str = "/milestones";
        /// `/claims`: 补贴申请, an array
        pub const CLAIMS: &str = "/claims";
        /// `/claimed_total_fen`: 申请合计（分）
        pub const CLAIMED_TOTAL_FEN: &str = "/claimed_total_fen";
        /// `/decisions`: 审核结论, an array
        pub const DECISIONS: &str = "/decisions";
        /// `/approved_total_fen`: 核定合计（分）
        pub const APPROVED_TOTAL_FEN: &str = "/approved_total_fen";
        /// `/remarks`: 备注
        pub const REMARKS: &str = "/remarks";
        /// `/attachments`: 附件
        pub const ATTACHMENTS: &str = "/attachments";
        /// `/extensions`: 扩展字段
        pub const EXTENSIONS: &str = "/extensions";

        /// The members of the items of `/milestones`.
        pub mod milestones {
            /// `/line`: 行号
            pub const LINE: &str = "/line";
            /// `/person`: 人员 (a [`defs::person_ref`](crate::messages::pointers::defs::person_ref))
            pub const PERSON: &str = "/person";
            /// `/employer`: 用人单位 (a [`defs::organisation`](crate::messages::pointers::defs::organisation))
            pub const EMPLOYER: &str = "/employer";
            /// `/start_date`: 到岗日期
            pub const START_DATE: &str = "/start_date";
            /// `/milestone_months`: 稳岗节点（月）
            pub const MILESTONE_MONTHS: &str = "/milestone_months";
            /// `/months_employed`: 在岗月数
            pub const MONTHS_EMPLOYED: &str = "/months_employed";
            /// `/continuous`: 是否连续在岗
            pub const CONTINUOUS: &str = "/continuous";
            /// `/employer_changed`: 是否变更单位
            pub const EMPLOYER_CHANGED: &str = "/employer_changed";
            /// `/as_of`: 统计截止日期
            pub const AS_OF: &str = "/as_of";
            /// `/wage_payment`: 工资支付凭证
            pub const WAGE_PAYMENT: &str = "/wage_payment";

            /// The members of `/wage_payment`.
            pub mod wage_payment {
                /// `/months_paid`: 已发放月数
                pub const MONTHS_PAID: &str = "/months_paid";
                /// `/amount_fen`: 已发放金额（分）
                pub const AMOUNT_FEN: &str = "/amount_fen";
                /// `/evidence_kind`: 凭证类型
                pub const EVIDENCE_KIND: &str = "/evidence_kind";
                /// `/reference`: 凭证编号
                pub const REFERENCE: &str = "/reference";
            }
        }

        /// The members of the items of `/claims`.
        pub mod claims {
            /// `/line`: 行号
            pub const LINE: &str = "/line";
            /// `/person`: 人员 (a [`defs::person_ref`](crate::messages::pointers::defs::person_ref))
            pub const PERSON: &str = "/person";
            /// `/item`: 补贴项目
            pub const ITEM: &str = "/item";
            /// `/milestone_months`: 稳岗节点（月）
            pub const MILESTONE_MONTHS: &str = "/milestone_months";
            /// `/amount_fen`: 申请金额（分）
            pub const AMOUNT_FEN: &str = "/amount_fen";
        }

        /// The members of the items of `/decisions`.
        pub mod decisions {
            /// `/claim_line`: 申请行号
            pub const CLAIM_LINE: &str = "/claim_line";
            /// `/decision`: 结论
            pub const DECISION: &str = "/decision";
            /// `/approved_fen`: 核定金额（分）
            pub const APPROVED_FEN: &str = "/approved_fen";
            /// `/reasons`: 原因
            pub const REASONS: &str = "/reasons";
        }
    }

    /// The body of `worker_transfer.roster`: 输出名单.
    pub mod roster {
        /// `/roster_number`: 名单编号
        pub const ROSTER_NUMBER: &str = "/roster_number";
        /// `/agency`: 输出机构 (a [`defs::organisation`](crate::messages::pointers::defs::organisation))
        pub const AGENCY: &str = "/agency";
        /// `/workers`: 人员名单, an array
        pub const WORKERS: &str = "/workers";
        /// `/remarks`: 备注
        pub const REMARKS: &str = "/remarks";
        /// `/attachments`: 附件
        pub const ATTACHMENTS: &str = "/attachments";
        /// `/extensions`: 扩展字段
        pub const EXTENSIONS: &str = "/extensions";

        /// The members of the items of `/workers`.
        pub mod workers {
            /// `/line`: 行号
            pub const LINE: &str = "/line";
            /// `/person`: 人员 (a [`defs::person`](crate::messages::pointers::defs::person))
            pub const PERSON: &str = "/person";
            /// `/hukou_region`: 户籍地区划
            pub const HUKOU_REGION: &str = "/hukou_region";
            /// `/education`: 文化程度
            pub const EDUCATION: &str = "/education";
            /// `/poverty_status`: 帮扶身份
            pub const POVERTY_STATUS: &str = "/poverty_status";
            /// `/organised`: 有组织输出
            pub const ORGANISED: &str = "/organised";
            /// `/position_id`: 岗位编号
            pub const POSITION_ID: &str = "/position_id";
            /// `/departure_date`: 离开输出地日期
            pub const DEPARTURE_DATE: &str = "/departure_date";
            /// `/consent_on`: 本人同意日期
            pub const CONSENT_ON: &str = "/consent_on";
            /// `/training`: 培训记录, an array
            pub const TRAINING: &str = "/training";
            /// `/transport_subsidy_fen`: 交通补贴（分）
            pub const TRANSPORT_SUBSIDY_FEN: &str = "/transport_subsidy_fen";

            /// The members of the items of `/training`.
            pub mod training {
                /// `/course`: 培训项目
                pub const COURSE: &str = "/course";
                /// `/provider`: 培训机构
                pub const PROVIDER: &str = "/provider";
                /// `/completed_on`: 结业日期
                pub const COMPLETED_ON: &str = "/completed_on";
                /// `/certificate_number`: 证书编号
                pub const CERTIFICATE_NUMBER: &str = "/certificate_number";
            }
        }
    }

    /// The body of `worker_transfer.roster_reply`: 名单接收结果.
    pub mod roster_reply {
        /// `/outcome`: 总体结论
        pub const OUTCOME: &str = "/outcome";
        /// `/decisions`: 逐人结论, an array
        pub const DECISIONS: &str = "/decisions";
        /// `/remarks`: 备注
        pub const REMARKS: &str = "/remarks";
        /// `/attachments`: 附件
        pub const ATTACHMENTS: &str = "/attachments";
        /// `/extensions`: 扩展字段
        pub const EXTENSIONS: &str = "/extensions";

        /// The members of the items of `/decisions`.
        pub mod decisions {
            /// `/line`: 行号
            pub const LINE: &str = "/line";
            /// `/citizen_id`: 公民身份号码
            pub const CITIZEN_ID: &str = "/citizen_id";
            /// `/decision`: 结论
            pub const DECISION: &str = "/decision";
            /// `/reasons`: 原因
            pub const REASONS: &str = "/reasons";
            /// `/employer`: 用人单位 (a [`defs::organisation`](crate::messages::pointers::defs::organisation))
            pub const EMPLOYER: &str = "/employer";
            /// `/expected_start`: 预计到岗日期
            pub const EXPECTED_START: &str = "/expected_start";
        }
    }

    /// The body of `worker_transfer.separation`: 离岗转岗返乡.
    pub mod separation {
        /// `/events`: 事件, an array
        pub const EVENTS: &str = "/events";
        /// `/remarks`: 备注
        pub const REMARKS: &str = "/remarks";
        /// `/attachments`: 附件
        pub const ATTACHMENTS: &str = "/attachments";
        /// `/extensions`: 扩展字段
        pub const EXTENSIONS: &str = "/extensions";

        /// The members of the items of `/events`.
        pub mod events {
            /// `/line`: 行号
            pub const LINE: &str = "/line";
            /// `/person`: 人员 (a [`defs::person_ref`](crate::messages::pointers::defs::person_ref))
            pub const PERSON: &str = "/person";
            /// `/kind`: 类型
            pub const KIND: &str = "/kind";
            /// `/effective_date`: 生效日期
            pub const EFFECTIVE_DATE: &str = "/effective_date";
            /// `/employer`: 原用人单位 (a [`defs::organisation`](crate::messages::pointers::defs::organisation))
            pub const EMPLOYER: &str = "/employer";
            /// `/new_employer`: 新用人单位 (a [`defs::organisation`](crate::messages::pointers::defs::organisation))
            pub const NEW_EMPLOYER: &str = "/new_employer";
            /// `/reason`: 原因
            pub const REASON: &str = "/reason";
            /// `/reemployment_service`: 需要再就业服务
            pub const REEMPLOYMENT_SERVICE: &str = "/reemployment_service";
        }
    }
}

/// Every constant above: the schema it belongs to (a message type, `envelope`, or
/// `defs#<definition>`) and its path of member names from that schema's root (`*`: the
/// items of an array). A test resolves each one in the embedded schemas.
pub const PATHS: &[(&str, &str)] = &[
    ("envelope", "/spec"),
    ("envelope", "/type"),
    ("envelope", "/schema_version"),
    ("envelope", "/id"),
    ("envelope", "/case"),
    ("envelope", "/in_reply_to"),
    ("envelope", "/from"),
    ("envelope", "/to"),
    ("envelope", "/issued_at"),
    ("envelope", "/expires_at"),
    ("envelope", "/body"),
    ("envelope", "/case/id"),
    ("envelope", "/case/type"),
    ("envelope", "/from/region"),
    ("envelope", "/from/agency"),
    ("envelope", "/from/name"),
    ("envelope", "/to/region"),
    ("envelope", "/to/agency"),
    ("envelope", "/to/name"),
    ("defs#period_range", "/start"),
    ("defs#period_range", "/end"),
    ("defs#person", "/name"),
    ("defs#person", "/citizen_id"),
    ("defs#person", "/sex"),
    ("defs#person", "/birth_date"),
    ("defs#person", "/ethnicity"),
    ("defs#person", "/phone"),
    ("defs#person_ref", "/name"),
    ("defs#person_ref", "/citizen_id"),
    ("defs#address", "/region"),
    ("defs#address", "/detail"),
    ("defs#address", "/postcode"),
    ("defs#agency", "/region"),
    ("defs#agency", "/code"),
    ("defs#agency", "/name"),
    ("defs#agency", "/phone"),
    ("defs#agency", "/address"),
    ("defs#organisation", "/uscc"),
    ("defs#organisation", "/name"),
    ("defs#organisation", "/region"),
    ("defs#bank_account", "/bank_name"),
    ("defs#bank_account", "/account_name"),
    ("defs#bank_account", "/account_number"),
    ("defs#reason", "/code"),
    ("defs#reason", "/detail"),
    ("defs#reason", "/pointer"),
    ("defs#reason", "/periods"),
    ("defs#attachment", "/filename"),
    ("defs#attachment", "/media_type"),
    ("defs#attachment", "/sha256"),
    ("defs#attachment", "/size"),
    ("defs#attachment", "/description"),
    ("defs#attachment", "/content"),
    ("control.case_close", "/outcome"),
    ("control.case_close", "/closed_on"),
    ("control.case_close", "/remarks"),
    ("control.case_close", "/attachments"),
    ("control.case_close", "/extensions"),
    ("control.case_reopen", "/reason"),
    ("control.case_reopen", "/reason_code"),
    ("control.case_reopen", "/attachments"),
    ("control.case_reopen", "/extensions"),
    ("control.clarification_reply", "/answers"),
    ("control.clarification_reply", "/corrected_by"),
    ("control.clarification_reply", "/remarks"),
    ("control.clarification_reply", "/attachments"),
    ("control.clarification_reply", "/extensions"),
    ("control.clarification_reply", "/answers/*/question_index"),
    ("control.clarification_reply", "/answers/*/answer"),
    ("control.clarification_request", "/questions"),
    ("control.clarification_request", "/reply_by"),
    ("control.clarification_request", "/remarks"),
    ("control.clarification_request", "/attachments"),
    ("control.clarification_request", "/extensions"),
    ("control.clarification_request", "/questions/*/pointer"),
    ("control.clarification_request", "/questions/*/question"),
    ("control.invalidate", "/reason"),
    ("control.invalidate", "/replaced_by"),
    ("control.invalidate", "/attachments"),
    ("control.invalidate", "/extensions"),
    ("control.reject", "/reasons"),
    ("control.reject", "/remarks"),
    ("control.reject", "/attachments"),
    ("control.reject", "/extensions"),
    ("control.reminder", "/awaited_types"),
    ("control.reminder", "/due_date"),
    ("control.reminder", "/reminder_number"),
    ("control.reminder", "/remarks"),
    ("control.reminder", "/attachments"),
    ("control.reminder", "/extensions"),
    ("control.reminder_reply", "/status"),
    ("control.reminder_reply", "/expected_date"),
    ("control.reminder_reply", "/what"),
    ("control.reminder_reply", "/reasons"),
    ("control.reminder_reply", "/remarks"),
    ("control.reminder_reply", "/attachments"),
    ("control.reminder_reply", "/extensions"),
    ("family_planning.arrival_notice", "/person"),
    ("family_planning.arrival_notice", "/registration_region"),
    ("family_planning.arrival_notice", "/residence_address"),
    ("family_planning.arrival_notice", "/arrival_date"),
    ("family_planning.arrival_notice", "/registered_on"),
    ("family_planning.arrival_notice", "/certificate_number"),
    ("family_planning.arrival_notice", "/certificate_status"),
    ("family_planning.arrival_notice", "/services_informed"),
    ("family_planning.arrival_notice", "/employer"),
    ("family_planning.arrival_notice", "/attachments"),
    ("family_planning.arrival_notice", "/extensions"),
    ("family_planning.benefit_notice", "/kind"),
    ("family_planning.benefit_notice", "/person"),
    ("family_planning.benefit_notice", "/benefit"),
    ("family_planning.benefit_notice", "/decision"),
    ("family_planning.benefit_notice", "/reasons"),
    ("family_planning.benefit_notice", "/attachments"),
    ("family_planning.benefit_notice", "/extensions"),
    ("family_planning.benefit_notice", "/benefit/name"),
    ("family_planning.benefit_notice", "/benefit/period"),
    ("family_planning.benefit_notice", "/benefit/amount_fen"),
    ("family_planning.benefit_notice", "/benefit/payer_region"),
    ("family_planning.birth_registration_notice", "/registration_number"),
    ("family_planning.birth_registration_notice", "/kind"),
    ("family_planning.birth_registration_notice", "/mother"),
    ("family_planning.birth_registration_notice", "/father"),
    ("family_planning.birth_registration_notice", "/child"),
    ("family_planning.birth_registration_notice", "/registered_on"),
    ("family_planning.birth_registration_notice", "/registered_at"),
    ("family_planning.birth_registration_notice", "/evidence"),
    ("family_planning.birth_registration_notice", "/attachments"),
    ("family_planning.birth_registration_notice", "/extensions"),
    ("family_planning.birth_registration_notice", "/child/order"),
    ("family_planning.birth_registration_notice", "/child/expected_month"),
    ("family_planning.birth_registration_notice", "/child/birth_date"),
    ("family_planning.birth_registration_notice", "/child/sex"),
    ("family_planning.certificate", "/action"),
    ("family_planning.certificate", "/certificate_number"),
    ("family_planning.certificate", "/person"),
    ("family_planning.certificate", "/registration_region"),
    ("family_planning.certificate", "/residence_region"),
    ("family_planning.certificate", "/marital_status"),
    ("family_planning.certificate", "/spouse"),
    ("family_planning.certificate", "/children"),
    ("family_planning.certificate", "/contraception"),
    ("family_planning.certificate", "/issued_on"),
    ("family_planning.certificate", "/status"),
    ("family_planning.certificate", "/cancel_reason"),
    ("family_planning.certificate", "/attachments"),
    ("family_planning.certificate", "/extensions"),
    ("family_planning.certificate", "/children/*/order"),
    ("family_planning.certificate", "/children/*/birth_date"),
    ("family_planning.certificate", "/children/*/sex"),
    ("family_planning.certificate", "/children/*/name"),
    ("family_planning.certificate", "/children/*/citizen_id"),
    ("family_planning.certificate", "/contraception/method"),
    ("family_planning.certificate", "/contraception/since"),
    ("family_planning.service_agreement", "/agreement_number"),
    ("family_planning.service_agreement", "/title"),
    ("family_planning.service_agreement", "/parties"),
    ("family_planning.service_agreement", "/scope"),
    ("family_planning.service_agreement", "/effective_from"),
    ("family_planning.service_agreement", "/effective_until"),
    ("family_planning.service_agreement", "/statistics_interval_months"),
    ("family_planning.service_agreement", "/terms"),
    ("family_planning.service_agreement", "/attachments"),
    ("family_planning.service_agreement", "/extensions"),
    ("family_planning.service_agreement", "/parties/*/region"),
    ("family_planning.service_agreement", "/parties/*/name"),
    ("family_planning.service_agreement", "/parties/*/agency"),
    ("family_planning.service_notice", "/kind"),
    ("family_planning.service_notice", "/person"),
    ("family_planning.service_notice", "/contraception"),
    ("family_planning.service_notice", "/services"),
    ("family_planning.service_notice", "/statistics"),
    ("family_planning.service_notice", "/issued_on"),
    ("family_planning.service_notice", "/attachments"),
    ("family_planning.service_notice", "/extensions"),
    ("family_planning.service_notice", "/contraception/method"),
    ("family_planning.service_notice", "/contraception/since"),
    ("family_planning.service_notice", "/services/*/service"),
    ("family_planning.service_notice", "/services/*/date"),
    ("family_planning.service_notice", "/statistics/period"),
    ("family_planning.service_notice", "/statistics/arrivals"),
    ("family_planning.service_notice", "/statistics/certificates_checked"),
    ("family_planning.service_notice", "/statistics/verifications"),
    ("family_planning.service_notice", "/statistics/births_registered"),
    ("family_planning.service_notice", "/statistics/services"),
    ("family_planning.verification_reply", "/request_number"),
    ("family_planning.verification_reply", "/result"),
    ("family_planning.verification_reply", "/recorded_marital_status"),
    ("family_planning.verification_reply", "/recorded_children"),
    ("family_planning.verification_reply", "/discrepancies"),
    ("family_planning.verification_reply", "/remarks"),
    ("family_planning.verification_reply", "/attachments"),
    ("family_planning.verification_reply", "/extensions"),
    ("family_planning.verification_reply", "/recorded_children/*/order"),
    ("family_planning.verification_reply", "/recorded_children/*/birth_date"),
    ("family_planning.verification_reply", "/recorded_children/*/sex"),
    ("family_planning.verification_reply", "/recorded_children/*/name"),
    ("family_planning.verification_reply", "/recorded_children/*/citizen_id"),
    ("family_planning.verification_reply", "/discrepancies/*/item"),
    ("family_planning.verification_reply", "/discrepancies/*/recorded"),
    ("family_planning.verification_request", "/request_number"),
    ("family_planning.verification_request", "/purpose"),
    ("family_planning.verification_request", "/person"),
    ("family_planning.verification_request", "/spouse"),
    ("family_planning.verification_request", "/declared_marital_status"),
    ("family_planning.verification_request", "/declared_children"),
    ("family_planning.verification_request", "/items"),
    ("family_planning.verification_request", "/application_date"),
    ("family_planning.verification_request", "/reply_by"),
    ("family_planning.verification_request", "/attachments"),
    ("family_planning.verification_request", "/extensions"),
    ("family_planning.verification_request", "/declared_children/*/order"),
    ("family_planning.verification_request", "/declared_children/*/birth_date"),
    ("family_planning.verification_request", "/declared_children/*/sex"),
    ("family_planning.verification_request", "/declared_children/*/name"),
    ("family_planning.verification_request", "/declared_children/*/citizen_id"),
    ("receipt", "/received_id"),
    ("receipt", "/received_digest"),
    ("receipt", "/received_type"),
    ("receipt", "/received_at"),
    ("receipt", "/status"),
    ("receipt", "/errors"),
    ("receipt", "/extensions"),
    ("receipt", "/errors/*/code"),
    ("receipt", "/errors/*/path"),
    ("receipt", "/errors/*/message"),
    ("reference_data", "/sequence"),
    ("reference_data", "/next_update"),
    ("reference_data", "/calendar"),
    ("reference_data", "/regions"),
    ("reference_data", "/calendar/version"),
    ("reference_data", "/calendar/years"),
    ("reference_data", "/calendar/years/*/year"),
    ("reference_data", "/calendar/years/*/status"),
    ("reference_data", "/calendar/years/*/source"),
    ("reference_data", "/calendar/years/*/days"),
    ("reference_data", "/calendar/years/*/days/*/date"),
    ("reference_data", "/calendar/years/*/days/*/kind"),
    ("reference_data", "/calendar/years/*/days/*/name"),
    ("reference_data", "/regions/as_of"),
    ("reference_data", "/regions/source"),
    ("reference_data", "/regions/added"),
    ("reference_data", "/regions/retired"),
    ("reference_data", "/regions/added/*/code"),
    ("reference_data", "/regions/added/*/name"),
    ("reference_data", "/regions/retired/*/code"),
    ("reference_data", "/regions/retired/*/note"),
    ("social_insurance.application_refusal", "/scheme"),
    ("social_insurance.application_refusal", "/person"),
    ("social_insurance.application_refusal", "/application_number"),
    ("social_insurance.application_refusal", "/application_date"),
    ("social_insurance.application_refusal", "/reasons"),
    ("social_insurance.application_refusal", "/explanation"),
    ("social_insurance.application_refusal", "/applicant_notified_on"),
    ("social_insurance.application_refusal", "/attachments"),
    ("social_insurance.application_refusal", "/extensions"),
    ("social_insurance.benefit_place_decision", "/decision_number"),
    ("social_insurance.benefit_place_decision", "/person"),
    ("social_insurance.benefit_place_decision", "/retirement_category"),
    ("social_insurance.benefit_place_decision", "/statutory_retirement_month"),
    ("social_insurance.benefit_place_decision", "/hukou_region"),
    ("social_insurance.benefit_place_decision", "/places"),
    ("social_insurance.benefit_place_decision", "/benefit_region"),
    ("social_insurance.benefit_place_decision", "/benefit_agency"),
    ("social_insurance.benefit_place_decision", "/rule"),
    ("social_insurance.benefit_place_decision", "/decided_on"),
    ("social_insurance.benefit_place_decision", "/aggregation"),
    ("social_insurance.benefit_place_decision", "/bridging"),
    ("social_insurance.benefit_place_decision", "/remarks"),
    ("social_insurance.benefit_place_decision", "/attachments"),
    ("social_insurance.benefit_place_decision", "/extensions"),
    ("social_insurance.benefit_place_decision", "/places/*/line"),
    ("social_insurance.benefit_place_decision", "/places/*/region"),
    ("social_insurance.benefit_place_decision", "/places/*/agency"),
    ("social_insurance.benefit_place_decision", "/places/*/period"),
    ("social_insurance.benefit_place_decision", "/places/*/months"),
    ("social_insurance.benefit_place_decision", "/places/*/temporary"),
    ("social_insurance.benefit_place_decision", "/places/*/sealed"),
    ("social_insurance.benefit_place_decision", "/aggregation/*/line"),
    ("social_insurance.benefit_place_decision", "/aggregation/*/region"),
    ("social_insurance.benefit_place_decision", "/aggregation/*/agency"),
    ("social_insurance.benefit_place_decision", "/aggregation/*/kind"),
    ("social_insurance.benefit_place_decision", "/aggregation/*/months"),
    ("social_insurance.benefit_place_decision", "/bridging/direction"),
    ("social_insurance.benefit_place_decision", "/bridging/employee_contribution_months"),
    ("social_insurance.benefit_place_decision", "/bridging/retirement_month"),
    ("social_insurance.benefit_place_request", "/request_number"),
    ("social_insurance.benefit_place_request", "/person"),
    ("social_insurance.benefit_place_request", "/retirement_category"),
    ("social_insurance.benefit_place_request", "/hukou_region"),
    ("social_insurance.benefit_place_request", "/applied_on"),
    ("social_insurance.benefit_place_request", "/places"),
    ("social_insurance.benefit_place_request", "/proposed_benefit_region"),
    ("social_insurance.benefit_place_request", "/remarks"),
    ("social_insurance.benefit_place_request", "/attachments"),
    ("social_insurance.benefit_place_request", "/extensions"),
    ("social_insurance.benefit_place_request", "/places/*/line"),
    ("social_insurance.benefit_place_request", "/places/*/region"),
    ("social_insurance.benefit_place_request", "/places/*/agency"),
    ("social_insurance.benefit_place_request", "/places/*/period"),
    ("social_insurance.benefit_place_request", "/places/*/months"),
    ("social_insurance.benefit_place_request", "/places/*/temporary"),
    ("social_insurance.benefit_place_request", "/places/*/sealed"),
    ("social_insurance.contact_letter", "/letter_number"),
    ("social_insurance.contact_letter", "/kind"),
    ("social_insurance.contact_letter", "/scheme"),
    ("social_insurance.contact_letter", "/person"),
    ("social_insurance.contact_letter", "/personal_number"),
    ("social_insurance.contact_letter", "/receiving_agency"),
    ("social_insurance.contact_letter", "/bank_account"),
    ("social_insurance.contact_letter", "/application_date"),
    ("social_insurance.contact_letter", "/new_insured_since"),
    ("social_insurance.contact_letter", "/issued_on"),
    ("social_insurance.contact_letter", "/attachments"),
    ("social_insurance.contact_letter", "/extensions"),
    ("social_insurance.contact_letter", "/receiving_agency/region"),
    ("social_insurance.contact_letter", "/receiving_agency/code"),
    ("social_insurance.contact_letter", "/receiving_agency/name"),
    ("social_insurance.contact_letter", "/receiving_agency/address"),
    ("social_insurance.contact_letter", "/receiving_agency/phone"),
    ("social_insurance.contribution_certificate", "/certificate_number"),
    ("social_insurance.contribution_certificate", "/scheme"),
    ("social_insurance.contribution_certificate", "/person"),
    ("social_insurance.contribution_certificate", "/personal_number"),
    ("social_insurance.contribution_certificate", "/issued_on"),
    ("social_insurance.contribution_certificate", "/first_insured_month"),
    ("social_insurance.contribution_certificate", "/insured_periods"),
    ("social_insurance.contribution_certificate", "/contribution_months"),
    ("social_insurance.contribution_certificate", "/deemed_contribution_months"),
    ("social_insurance.contribution_certificate", "/participation_status"),
    ("social_insurance.contribution_certificate", "/suspended_on"),
    ("social_insurance.contribution_certificate", "/personal_account"),
    ("social_insurance.contribution_certificate", "/yearly_bases"),
    ("social_insurance.contribution_certificate", "/temporary_account"),
    ("social_insurance.contribution_certificate", "/attachments"),
    ("social_insurance.contribution_certificate", "/extensions"),
    ("social_insurance.contribution_certificate", "/personal_account/principal_fen"),
    ("social_insurance.contribution_certificate", "/personal_account/interest_fen"),
    ("social_insurance.contribution_certificate", "/personal_account/balance_fen"),
    ("social_insurance.contribution_certificate", "/personal_account/as_of"),
    ("social_insurance.contribution_certificate", "/yearly_bases/*/year"),
    ("social_insurance.contribution_certificate", "/yearly_bases/*/months"),
    ("social_insurance.contribution_certificate", "/yearly_bases/*/base_fen"),
    ("social_insurance.fund_transfer", "/scheme"),
    ("social_insurance.fund_transfer", "/person"),
    ("social_insurance.fund_transfer", "/information_id"),
    ("social_insurance.fund_transfer", "/payment_reference"),
    ("social_insurance.fund_transfer", "/amount_fen"),
    ("social_insurance.fund_transfer", "/components"),
    ("social_insurance.fund_transfer", "/paid_on"),
    ("social_insurance.fund_transfer", "/payer_account"),
    ("social_insurance.fund_transfer", "/payee_account"),
    ("social_insurance.fund_transfer", "/attachments"),
    ("social_insurance.fund_transfer", "/extensions"),
    ("social_insurance.fund_transfer", "/components/personal_account_fen"),
    ("social_insurance.fund_transfer", "/components/pooled_fund_fen"),
    ("social_insurance.fund_transfer", "/components/temporary_account_fen"),
    ("social_insurance.fund_transfer", "/components/unemployment_fen"),
    ("social_insurance.transfer_application", "/application_number"),
    ("social_insurance.transfer_application", "/scheme"),
    ("social_insurance.transfer_application", "/person"),
    ("social_insurance.transfer_application", "/personal_number"),
    ("social_insurance.transfer_application", "/hukou_region"),
    ("social_insurance.transfer_application", "/original_agency"),
    ("social_insurance.transfer_application", "/new_agency"),
    ("social_insurance.transfer_application", "/new_insured_since"),
    ("social_insurance.transfer_application", "/new_employer"),
    ("social_insurance.transfer_application", "/applied_on"),
    ("social_insurance.transfer_application", "/channel"),
    ("social_insurance.transfer_application", "/contact"),
    ("social_insurance.transfer_application", "/proxy"),
    ("social_insurance.transfer_application", "/temporary_account"),
    ("social_insurance.transfer_application", "/opens_temporary_account"),
    ("social_insurance.transfer_application", "/organised_transfer"),
    ("social_insurance.transfer_application", "/attachments"),
    ("social_insurance.transfer_application", "/extensions"),
    ("social_insurance.transfer_application", "/contact/phone"),
    ("social_insurance.transfer_application", "/contact/address"),
    ("social_insurance.transfer_application", "/proxy/name"),
    ("social_insurance.transfer_application", "/proxy/phone"),
    ("social_insurance.transfer_application", "/proxy/relation"),
    ("social_insurance.transfer_application", "/proxy/address"),
    ("social_insurance.transfer_completion", "/scheme"),
    ("social_insurance.transfer_completion", "/person"),
    ("social_insurance.transfer_completion", "/status"),
    ("social_insurance.transfer_completion", "/information_id"),
    ("social_insurance.transfer_completion", "/fund_transfer_id"),
    ("social_insurance.transfer_completion", "/received_fen"),
    ("social_insurance.transfer_completion", "/payment_reference"),
    ("social_insurance.transfer_completion", "/credited_months"),
    ("social_insurance.transfer_completion", "/completed_on"),
    ("social_insurance.transfer_completion", "/mismatches"),
    ("social_insurance.transfer_completion", "/overlap_clearing"),
    ("social_insurance.transfer_completion", "/medical_continuity"),
    ("social_insurance.transfer_completion", "/attachments"),
    ("social_insurance.transfer_completion", "/extensions"),
    ("social_insurance.transfer_completion", "/overlap_clearing/*/period"),
    ("social_insurance.transfer_completion", "/overlap_clearing/*/months"),
    ("social_insurance.transfer_completion", "/overlap_clearing/*/kept"),
    ("social_insurance.transfer_completion", "/overlap_clearing/*/refund_fen"),
    ("social_insurance.transfer_completion", "/medical_continuity/gap_months"),
    ("social_insurance.transfer_completion", "/medical_continuity/back_paid"),
    ("social_insurance.transfer_completion", "/medical_continuity/scheme"),
    ("social_insurance.transfer_completion", "/medical_continuity/waiting_months"),
    ("social_insurance.transfer_completion", "/medical_continuity/reduced_rate_bp"),
    ("social_insurance.transfer_completion", "/medical_continuity/benefits_from"),
    ("social_insurance.transfer_information", "/information_number"),
    ("social_insurance.transfer_information", "/scheme"),
    ("social_insurance.transfer_information", "/person"),
    ("social_insurance.transfer_information", "/personal_number"),
    ("social_insurance.transfer_information", "/first_insured_month"),
    ("social_insurance.transfer_information", "/insured_periods"),
    ("social_insurance.transfer_information", "/deemed_contribution_months"),
    ("social_insurance.transfer_information", "/temporary_account"),
    ("social_insurance.transfer_information", "/years"),
    ("social_insurance.transfer_information", "/totals"),
    ("social_insurance.transfer_information", "/personal_account"),
    ("social_insurance.transfer_information", "/unemployment"),
    ("social_insurance.transfer_information", "/medical"),
    ("social_insurance.transfer_information", "/back_payments"),
    ("social_insurance.transfer_information", "/withheld_periods"),
    ("social_insurance.transfer_information", "/transfer_fen"),
    ("social_insurance.transfer_information", "/relation_terminated_on"),
    ("social_insurance.transfer_information", "/issued_on"),
    ("social_insurance.transfer_information", "/attachments"),
    ("social_insurance.transfer_information", "/extensions"),
    ("social_insurance.transfer_information", "/years/*/year"),
    ("social_insurance.transfer_information", "/years/*/months"),
    ("social_insurance.transfer_information", "/years/*/base_fen"),
    ("social_insurance.transfer_information", "/years/*/personal_account_fen"),
    ("social_insurance.transfer_information", "/years/*/pooled_fund_fen"),
    ("social_insurance.transfer_information", "/years/*/interest_fen"),
    ("social_insurance.transfer_information", "/years/*/employer_contribution_fen"),
    ("social_insurance.transfer_information", "/totals/contribution_months"),
    ("social_insurance.transfer_information", "/totals/base_fen"),
    ("social_insurance.transfer_information", "/totals/personal_account_fen"),
    ("social_insurance.transfer_information", "/totals/pooled_fund_fen"),
    ("social_insurance.transfer_information", "/totals/personal_account_balance_fen"),
    ("social_insurance.transfer_information", "/totals/employer_contribution_fen"),
    ("social_insurance.transfer_information", "/personal_account/principal_fen"),
    ("social_insurance.transfer_information", "/personal_account/interest_fen"),
    ("social_insurance.transfer_information", "/personal_account/balance_fen"),
    ("social_insurance.transfer_information", "/personal_account/as_of"),
    ("social_insurance.transfer_information", "/unemployment/contribution_months"),
    ("social_insurance.transfer_information", "/unemployment/relation_only"),
    ("social_insurance.transfer_information", "/unemployment/entitled_months"),
    ("social_insurance.transfer_information", "/unemployment/carried_over_months"),
    ("social_insurance.transfer_information", "/unemployment/drawn_months"),
    ("social_insurance.transfer_information", "/unemployment/remaining_months"),
    ("social_insurance.transfer_information", "/unemployment/remaining_benefit_fen"),
    ("social_insurance.transfer_information", "/unemployment/supplementary_fen"),
    ("social_insurance.transfer_information", "/medical/contribution_months"),
    ("social_insurance.transfer_information", "/medical/continuous_months"),
    ("social_insurance.transfer_information", "/medical/military_service_months"),
    ("social_insurance.transfer_information", "/medical/last_contribution_month"),
    ("social_insurance.transfer_information", "/medical/suspended_on"),
    ("social_insurance.transfer_information", "/medical/personal_account_balance_fen"),
    ("social_insurance.transfer_information", "/back_payments/*/period"),
    ("social_insurance.transfer_information", "/back_payments/*/months"),
    ("social_insurance.transfer_information", "/back_payments/*/paid_on"),
    ("social_insurance.transfer_information", "/back_payments/*/legal_document"),
    ("social_insurance.transfer_information", "/back_payments/*/legal_document/kind"),
    ("social_insurance.transfer_information", "/back_payments/*/legal_document/number"),
    ("social_insurance.transfer_information", "/back_payments/*/legal_document/dated"),
    ("social_insurance.transfer_information", "/withheld_periods/*/period"),
    ("social_insurance.transfer_information", "/withheld_periods/*/months"),
    ("social_insurance.transfer_information", "/withheld_periods/*/reason"),
    ("social_insurance.transfer_information", "/withheld_periods/*/person_notified_on"),
    ("trust_list", "/sequence"),
    ("trust_list", "/next_update"),
    ("trust_list", "/keys"),
    ("trust_list", "/keys/*/kid"),
    ("trust_list", "/keys/*/region"),
    ("trust_list", "/keys/*/agency"),
    ("trust_list", "/keys/*/alg"),
    ("trust_list", "/keys/*/jwk"),
    ("trust_list", "/keys/*/valid_from"),
    ("trust_list", "/keys/*/valid_until"),
    ("trust_list", "/keys/*/status"),
    ("trust_list", "/keys/*/status_since"),
    ("trust_list", "/keys/*/message_types"),
    ("trust_list", "/keys/*/endpoint"),
    ("trust_list", "/keys/*/jwk/kty"),
    ("trust_list", "/keys/*/jwk/crv"),
    ("trust_list", "/keys/*/jwk/x"),
    ("trust_list", "/keys/*/jwk/y"),
    ("trust_list", "/keys/*/jwk/kid"),
    ("trust_list", "/keys/*/jwk/alg"),
    ("trust_list", "/keys/*/jwk/use"),
    ("trust_list", "/keys/*/jwk/key_ops"),
    ("worker_rights.dispute_outcome", "/person"),
    ("worker_rights.dispute_outcome", "/outcome"),
    ("worker_rights.dispute_outcome", "/decided_on"),
    ("worker_rights.dispute_outcome", "/document_number"),
    ("worker_rights.dispute_outcome", "/awarded_fen"),
    ("worker_rights.dispute_outcome", "/paid_fen"),
    ("worker_rights.dispute_outcome", "/reasons"),
    ("worker_rights.dispute_outcome", "/explanation"),
    ("worker_rights.dispute_outcome", "/attachments"),
    ("worker_rights.dispute_outcome", "/extensions"),
    ("worker_rights.dispute_referral", "/person"),
    ("worker_rights.dispute_referral", "/employer"),
    ("worker_rights.dispute_referral", "/dispute_kinds"),
    ("worker_rights.dispute_referral", "/dispute_arose_on"),
    ("worker_rights.dispute_referral", "/employment_ended_on"),
    ("worker_rights.dispute_referral", "/claim_fen"),
    ("worker_rights.dispute_referral", "/referred_for"),
    ("worker_rights.dispute_referral", "/arbitration_filed_on"),
    ("worker_rights.dispute_referral", "/summary"),
    ("worker_rights.dispute_referral", "/attachments"),
    ("worker_rights.dispute_referral", "/extensions"),
    ("worker_rights.wage_arrears_outcome", "/person"),
    ("worker_rights.wage_arrears_outcome", "/outcome"),
    ("worker_rights.wage_arrears_outcome", "/amount_owed_fen"),
    ("worker_rights.wage_arrears_outcome", "/amount_paid_fen"),
    ("worker_rights.wage_arrears_outcome", "/paid_on"),
    ("worker_rights.wage_arrears_outcome", "/payment_path"),
    ("worker_rights.wage_arrears_outcome", "/decided_on"),
    ("worker_rights.wage_arrears_outcome", "/reasons"),
    ("worker_rights.wage_arrears_outcome", "/explanation"),
    ("worker_rights.wage_arrears_outcome", "/attachments"),
    ("worker_rights.wage_arrears_outcome", "/extensions"),
    ("worker_rights.wage_arrears_referral", "/person"),
    ("worker_rights.wage_arrears_referral", "/employer"),
    ("worker_rights.wage_arrears_referral", "/project"),
    ("worker_rights.wage_arrears_referral", "/general_contractor"),
    ("worker_rights.wage_arrears_referral", "/unpaid_period"),
    ("worker_rights.wage_arrears_referral", "/monthly"),
    ("worker_rights.wage_arrears_referral", "/amount_owed_fen"),
    ("worker_rights.wage_arrears_referral", "/payment_path"),
    ("worker_rights.wage_arrears_referral", "/reported_on"),
    ("worker_rights.wage_arrears_referral", "/complaint_reference"),
    ("worker_rights.wage_arrears_referral", "/explanation"),
    ("worker_rights.wage_arrears_referral", "/attachments"),
    ("worker_rights.wage_arrears_referral", "/extensions"),
    ("worker_rights.wage_arrears_referral", "/monthly/*/period"),
    ("worker_rights.wage_arrears_referral", "/monthly/*/amount_fen"),
    ("worker_rights.work_injury_decision", "/person"),
    ("worker_rights.work_injury_decision", "/decision"),
    ("worker_rights.work_injury_decision", "/decision_number"),
    ("worker_rights.work_injury_decision", "/application_accepted_on"),
    ("worker_rights.work_injury_decision", "/decided_on"),
    ("worker_rights.work_injury_decision", "/disability_assessment"),
    ("worker_rights.work_injury_decision", "/benefits"),
    ("worker_rights.work_injury_decision", "/benefits_total_fen"),
    ("worker_rights.work_injury_decision", "/residence_region"),
    ("worker_rights.work_injury_decision", "/reasons"),
    ("worker_rights.work_injury_decision", "/explanation"),
    ("worker_rights.work_injury_decision", "/attachments"),
    ("worker_rights.work_injury_decision", "/extensions"),
    ("worker_rights.work_injury_decision", "/disability_assessment/grade"),
    ("worker_rights.work_injury_decision", "/disability_assessment/nursing_level"),
    ("worker_rights.work_injury_decision", "/disability_assessment/assessed_on"),
    ("worker_rights.work_injury_decision", "/disability_assessment/conclusion_number"),
    ("worker_rights.work_injury_decision", "/benefits/*/item"),
    ("worker_rights.work_injury_decision", "/benefits/*/amount_fen"),
    ("worker_rights.work_injury_decision", "/benefits/*/payer"),
    ("worker_rights.work_injury_decision", "/benefits/*/paid_to_region"),
    ("worker_rights.work_injury_notice", "/person"),
    ("worker_rights.work_injury_notice", "/employer"),
    ("worker_rights.work_injury_notice", "/accident_date"),
    ("worker_rights.work_injury_notice", "/accident_region"),
    ("worker_rights.work_injury_notice", "/occupational_disease"),
    ("worker_rights.work_injury_notice", "/injury"),
    ("worker_rights.work_injury_notice", "/insured"),
    ("worker_rights.work_injury_notice", "/application"),
    ("worker_rights.work_injury_notice", "/reported_on"),
    ("worker_rights.work_injury_notice", "/explanation"),
    ("worker_rights.work_injury_notice", "/attachments"),
    ("worker_rights.work_injury_notice", "/extensions"),
    ("worker_rights.work_injury_notice", "/application/applicant"),
    ("worker_rights.work_injury_notice", "/application/filed_on"),
    ("worker_rights.work_injury_notice", "/application/accepted_on"),
    ("worker_transfer.arrival", "/placements"),
    ("worker_transfer.arrival", "/remarks"),
    ("worker_transfer.arrival", "/attachments"),
    ("worker_transfer.arrival", "/extensions"),
    ("worker_transfer.arrival", "/placements/*/line"),
    ("worker_transfer.arrival", "/placements/*/person"),
    ("worker_transfer.arrival", "/placements/*/roster_line"),
    ("worker_transfer.arrival", "/placements/*/employer"),
    ("worker_transfer.arrival", "/placements/*/agency"),
    ("worker_transfer.arrival", "/placements/*/workplace_region"),
    ("worker_transfer.arrival", "/placements/*/job_title"),
    ("worker_transfer.arrival", "/placements/*/industry"),
    ("worker_transfer.arrival", "/placements/*/start_date"),
    ("worker_transfer.arrival", "/placements/*/contract"),
    ("worker_transfer.arrival", "/placements/*/monthly_wage_fen"),
    ("worker_transfer.arrival", "/placements/*/organised"),
    ("worker_transfer.arrival", "/placements/*/contract/type"),
    ("worker_transfer.arrival", "/placements/*/contract/signed_on"),
    ("worker_transfer.arrival", "/placements/*/contract/start_date"),
    ("worker_transfer.arrival", "/placements/*/contract/end_date"),
    ("worker_transfer.certificate_attestation", "/issuer"),
    ("worker_transfer.certificate_attestation", "/evaluation_org_code"),
    ("worker_transfer.certificate_attestation", "/certificates"),
    ("worker_transfer.certificate_attestation", "/remarks"),
    ("worker_transfer.certificate_attestation", "/attachments"),
    ("worker_transfer.certificate_attestation", "/extensions"),
    ("worker_transfer.certificate_attestation", "/certificates/*/line"),
    ("worker_transfer.certificate_attestation", "/certificates/*/person"),
    ("worker_transfer.certificate_attestation", "/certificates/*/kind"),
    ("worker_transfer.certificate_attestation", "/certificates/*/number"),
    ("worker_transfer.certificate_attestation", "/certificates/*/occupation"),
    ("worker_transfer.certificate_attestation", "/certificates/*/occupation_name"),
    ("worker_transfer.certificate_attestation", "/certificates/*/level"),
    ("worker_transfer.certificate_attestation", "/certificates/*/issued_on"),
    ("worker_transfer.certificate_attestation", "/certificates/*/status"),
    ("worker_transfer.cooperation_agreement", "/agreement_number"),
    ("worker_transfer.cooperation_agreement", "/title"),
    ("worker_transfer.cooperation_agreement", "/parties"),
    ("worker_transfer.cooperation_agreement", "/signed_on"),
    ("worker_transfer.cooperation_agreement", "/valid_from"),
    ("worker_transfer.cooperation_agreement", "/valid_until"),
    ("worker_transfer.cooperation_agreement", "/retention_milestones"),
    ("worker_transfer.cooperation_agreement", "/subsidies"),
    ("worker_transfer.cooperation_agreement", "/remarks"),
    ("worker_transfer.cooperation_agreement", "/attachments"),
    ("worker_transfer.cooperation_agreement", "/extensions"),
    ("worker_transfer.cooperation_agreement", "/subsidies/*/line"),
    ("worker_transfer.cooperation_agreement", "/subsidies/*/kind"),
    ("worker_transfer.cooperation_agreement", "/subsidies/*/name"),
    ("worker_transfer.cooperation_agreement", "/subsidies/*/milestone_months"),
    ("worker_transfer.cooperation_agreement", "/subsidies/*/amount_fen"),
    ("worker_transfer.cooperation_agreement", "/subsidies/*/payer"),
    ("worker_transfer.cooperation_agreement", "/subsidies/*/wage_evidence_required"),
    ("worker_transfer.cooperation_agreement", "/subsidies/*/conditions"),
    ("worker_transfer.insurance_enrolment", "/enrolments"),
    ("worker_transfer.insurance_enrolment", "/remarks"),
    ("worker_transfer.insurance_enrolment", "/attachments"),
    ("worker_transfer.insurance_enrolment", "/extensions"),
    ("worker_transfer.insurance_enrolment", "/enrolments/*/line"),
    ("worker_transfer.insurance_enrolment", "/enrolments/*/person"),
    ("worker_transfer.insurance_enrolment", "/enrolments/*/employer"),
    ("worker_transfer.insurance_enrolment", "/enrolments/*/insured_region"),
    ("worker_transfer.insurance_enrolment", "/enrolments/*/schemes"),
    ("worker_transfer.insurance_enrolment", "/enrolments/*/start_date"),
    ("worker_transfer.insurance_enrolment", "/enrolments/*/enrolled_on"),
    ("worker_transfer.insurance_enrolment", "/enrolments/*/insured_from"),
    ("worker_transfer.job_demand", "/demand_number"),
    ("worker_transfer.job_demand", "/employer"),
    ("worker_transfer.job_demand", "/agency"),
    ("worker_transfer.job_demand", "/positions"),
    ("worker_transfer.job_demand", "/expected_start"),
    ("worker_transfer.job_demand", "/valid_until"),
    ("worker_transfer.job_demand", "/contact"),
    ("worker_transfer.job_demand", "/remarks"),
    ("worker_transfer.job_demand", "/attachments"),
    ("worker_transfer.job_demand", "/extensions"),
    ("worker_transfer.job_demand", "/positions/*/position_id"),
    ("worker_transfer.job_demand", "/positions/*/job_title"),
    ("worker_transfer.job_demand", "/positions/*/industry"),
    ("worker_transfer.job_demand", "/positions/*/occupation"),
    ("worker_transfer.job_demand", "/positions/*/headcount"),
    ("worker_transfer.job_demand", "/positions/*/wage_min_fen"),
    ("worker_transfer.job_demand", "/positions/*/wage_max_fen"),
    ("worker_transfer.job_demand", "/positions/*/workplace_region"),
    ("worker_transfer.job_demand", "/positions/*/contract_type"),
    ("worker_transfer.job_demand", "/positions/*/conditions"),
    ("worker_transfer.job_demand", "/contact/name"),
    ("worker_transfer.job_demand", "/contact/phone"),
    ("worker_transfer.reconciliation", "/kind"),
    ("worker_transfer.reconciliation", "/month"),
    ("worker_transfer.reconciliation", "/rows"),
    ("worker_transfer.reconciliation", "/totals"),
    ("worker_transfer.reconciliation", "/differences"),
    ("worker_transfer.reconciliation", "/remarks"),
    ("worker_transfer.reconciliation", "/attachments"),
    ("worker_transfer.reconciliation", "/extensions"),
    ("worker_transfer.reconciliation", "/rows/*/county"),
    ("worker_transfer.reconciliation", "/rows/*/counts"),
    ("worker_transfer.reconciliation", "/rows/*/counts/sent"),
    ("worker_transfer.reconciliation", "/rows/*/counts/arrived"),
    ("worker_transfer.reconciliation", "/rows/*/counts/active"),
    ("worker_transfer.reconciliation", "/rows/*/counts/separated"),
    ("worker_transfer.reconciliation", "/rows/*/counts/returned"),
    ("worker_transfer.reconciliation", "/totals/sent"),
    ("worker_transfer.reconciliation", "/totals/arrived"),
    ("worker_transfer.reconciliation", "/totals/active"),
    ("worker_transfer.reconciliation", "/totals/separated"),
    ("worker_transfer.reconciliation", "/totals/returned"),
    ("worker_transfer.reconciliation", "/differences/*/county"),
    ("worker_transfer.reconciliation", "/differences/*/field"),
    ("worker_transfer.reconciliation", "/differences/*/own_count"),
    ("worker_transfer.reconciliation", "/differences/*/counterpart_count"),
    ("worker_transfer.retention", "/kind"),
    ("worker_transfer.retention", "/agreement_number"),
    ("worker_transfer.retention", "/milestones"),
    ("worker_transfer.retention", "/claims"),
    ("worker_transfer.retention", "/claimed_total_fen"),
    ("worker_transfer.retention", "/decisions"),
    ("worker_transfer.retention", "/approved_total_fen"),
    ("worker_transfer.retention", "/remarks"),
    ("worker_transfer.retention", "/attachments"),
    ("worker_transfer.retention", "/extensions"),
    ("worker_transfer.retention", "/milestones/*/line"),
    ("worker_transfer.retention", "/milestones/*/person"),
    ("worker_transfer.retention", "/milestones/*/employer"),
    ("worker_transfer.retention", "/milestones/*/start_date"),
    ("worker_transfer.retention", "/milestones/*/milestone_months"),
    ("worker_transfer.retention", "/milestones/*/months_employed"),
    ("worker_transfer.retention", "/milestones/*/continuous"),
    ("worker_transfer.retention", "/milestones/*/employer_changed"),
    ("worker_transfer.retention", "/milestones/*/as_of"),
    ("worker_transfer.retention", "/milestones/*/wage_payment"),
    ("worker_transfer.retention", "/milestones/*/wage_payment/months_paid"),
    ("worker_transfer.retention", "/milestones/*/wage_payment/amount_fen"),
    ("worker_transfer.retention", "/milestones/*/wage_payment/evidence_kind"),
    ("worker_transfer.retention", "/milestones/*/wage_payment/reference"),
    ("worker_transfer.retention", "/claims/*/line"),
    ("worker_transfer.retention", "/claims/*/person"),
    ("worker_transfer.retention", "/claims/*/item"),
    ("worker_transfer.retention", "/claims/*/milestone_months"),
    ("worker_transfer.retention", "/claims/*/amount_fen"),
    ("worker_transfer.retention", "/decisions/*/claim_line"),
    ("worker_transfer.retention", "/decisions/*/decision"),
    ("worker_transfer.retention", "/decisions/*/approved_fen"),
    ("worker_transfer.retention", "/decisions/*/reasons"),
    ("worker_transfer.roster", "/roster_number"),
    ("worker_transfer.roster", "/agency"),
    ("worker_transfer.roster", "/workers"),
    ("worker_transfer.roster", "/remarks"),
    ("worker_transfer.roster", "/attachments"),
    ("worker_transfer.roster", "/extensions"),
    ("worker_transfer.roster", "/workers/*/line"),
    ("worker_transfer.roster", "/workers/*/person"),
    ("worker_transfer.roster", "/workers/*/hukou_region"),
    ("worker_transfer.roster", "/workers/*/education"),
    ("worker_transfer.roster", "/workers/*/poverty_status"),
    ("worker_transfer.roster", "/workers/*/organised"),
    ("worker_transfer.roster", "/workers/*/position_id"),
    ("worker_transfer.roster", "/workers/*/departure_date"),
    ("worker_transfer.roster", "/workers/*/consent_on"),
    ("worker_transfer.roster", "/workers/*/training"),
    ("worker_transfer.roster", "/workers/*/transport_subsidy_fen"),
    ("worker_transfer.roster", "/workers/*/training/*/course"),
    ("worker_transfer.roster", "/workers/*/training/*/provider"),
    ("worker_transfer.roster", "/workers/*/training/*/completed_on"),
    ("worker_transfer.roster", "/workers/*/training/*/certificate_number"),
    ("worker_transfer.roster_reply", "/outcome"),
    ("worker_transfer.roster_reply", "/decisions"),
    ("worker_transfer.roster_reply", "/remarks"),
    ("worker_transfer.roster_reply", "/attachments"),
    ("worker_transfer.roster_reply", "/extensions"),
    ("worker_transfer.roster_reply", "/decisions/*/line"),
    ("worker_transfer.roster_reply", "/decisions/*/citizen_id"),
    ("worker_transfer.roster_reply", "/decisions/*/decision"),
    ("worker_transfer.roster_reply", "/decisions/*/reasons"),
    ("worker_transfer.roster_reply", "/decisions/*/employer"),
    ("worker_transfer.roster_reply", "/decisions/*/expected_start"),
    ("worker_transfer.separation", "/events"),
    ("worker_transfer.separation", "/remarks"),
    ("worker_transfer.separation", "/attachments"),
    ("worker_transfer.separation", "/extensions"),
    ("worker_transfer.separation", "/events/*/line"),
    ("worker_transfer.separation", "/events/*/person"),
    ("worker_transfer.separation", "/events/*/kind"),
    ("worker_transfer.separation", "/events/*/effective_date"),
    ("worker_transfer.separation", "/events/*/employer"),
    ("worker_transfer.separation", "/events/*/new_employer"),
    ("worker_transfer.separation", "/events/*/reason"),
    ("worker_transfer.separation", "/events/*/reemployment_service"),
];
