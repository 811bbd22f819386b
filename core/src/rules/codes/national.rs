//! National code tables (国家标准代码表), embedded and versioned, with their Chinese names.
//!
//! Message fields that name a person's ethnicity, marital status or education, an industry or
//! an occupation carry the code of the national table, not free text (issue 11 item 12); the
//! rules stage checks membership (`rule.ethnicity_code`, `rule.marital_status_code`,
//! `rule.education_code`, `rule.industry_code`, `rule.occupation_code`). Sex stays `male` /
//! `female` on the wire (it was never free text); [`SEX`] gives the GB/T 2261.1 codes and
//! [`sex_code`] the mapping.
//!
//! | table | standard | what the rule checks |
//! |---|---|---|
//! | [`SEX`] | GB/T 2261.1-2003 | — (wire values `male` / `female`; [`sex_code`]) |
//! | [`MARITAL_STATUS`] | GB/T 2261.2-2003 | the 2-digit code is in the table |
//! | [`ETHNICITY`] | GB/T 3304-1991 | the 2-digit code is in the table (56 groups, 97, 98) |
//! | [`EDUCATION`] | GB/T 4658-2006 | the 2-digit code is in the table |
//! | [`INDUSTRY_SECTIONS`], [`INDUSTRY_DIVISIONS`] | GB/T 4754-2017 (2019 amendment) | section letter, and the division under it ([`check_industry`]) |
//! | [`OCCUPATION_MAJOR_GROUPS`] | 职业分类大典 (2022) | the major group ([`check_occupation`]); finer levels by shape only |
//!
//! Every entry says whether its code and name were checked against a source
//! ([`CodeEntry::verified`]; `false` is the **K** mark of `domain.md`), and every table says what
//! it was checked against ([`CodeTable::source`]). "Verified" means read in a public copy or in
//! independent public reuses of the standard (the standards' own texts are sold, not published).
//!
//! ```
//! use labourlink::rules::codes::national::{self, ETHNICITY, INDUSTRY_DIVISIONS};
//! assert_eq!(ETHNICITY.name_zh("07"), Some("彝族"));
//! assert!(!ETHNICITY.contains("57"));
//! assert_eq!(INDUSTRY_DIVISIONS.get("39").map(|e| e.section), Some("C"));
//! assert!(national::check_industry("C3911").is_ok());
//! assert!(national::check_industry("D39").is_err()); // division 39 is in section C
//! assert!(national::check_occupation("6-31-01-03").is_ok());
//! assert!(national::check_occupation("9").is_err());
//! ```

use crate::rules::Sex;

/// One row of a national code table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeEntry {
    /// The code as written on the wire (`"07"`, `"C"`, `"39"`, `"6"`).
    pub code: &'static str,
    /// The Chinese name of the standard.
    pub name_zh: &'static str,
    /// An English name (the standard's romanisation for GB/T 3304, a translation elsewhere).
    pub name_en: &'static str,
    /// For a GB/T 4754 division, its section letter; empty elsewhere.
    pub section: &'static str,
    /// Whether the code and name were checked against a source (see [`CodeTable::source`]);
    /// `false` is a **K** mark: taken from background knowledge, check it against the standard.
    pub verified: bool,
}

/// A national code table: the standard, its version and its rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeTable {
    /// A stable identifier of the table (`"gb_t_3304"`).
    pub id: &'static str,
    /// The standard and its version, e.g. `"GB/T 3304-1991"`.
    pub standard: &'static str,
    /// The year of the version embedded here.
    pub year: u16,
    /// The standard's Chinese title.
    pub title_zh: &'static str,
    /// An English title.
    pub title_en: &'static str,
    /// What the rows were checked against and what is unverified (**K**).
    pub source: &'static str,
    /// The rows, in the standard's order.
    pub entries: &'static [CodeEntry],
}

impl CodeTable {
    /// The row of `code`, if the table has it.
    #[must_use]
    pub fn get(&self, code: &str) -> Option<&'static CodeEntry> {
        self.entries.iter().find(|e| e.code == code)
    }

    /// Whether `code` is in the table.
    #[must_use]
    pub fn contains(&self, code: &str) -> bool {
        self.get(code).is_some()
    }

    /// The Chinese name of `code`.
    #[must_use]
    pub fn name_zh(&self, code: &str) -> Option<&'static str> {
        self.get(code).map(|e| e.name_zh)
    }

    /// The English name of `code`.
    #[must_use]
    pub fn name_en(&self, code: &str) -> Option<&'static str> {
        self.get(code).map(|e| e.name_en)
    }

    /// The code whose Chinese name is `name` (to convert legacy free text), if exactly that
    /// name is in the table.
    #[must_use]
    pub fn code_of_name(&self, name: &str) -> Option<&'static str> {
        self.entries
            .iter()
            .find(|e| e.name_zh == name)
            .map(|e| e.code)
    }

    /// Whether every row is verified (no **K** mark).
    #[must_use]
    pub fn fully_verified(&self) -> bool {
        self.entries.iter().all(|e| e.verified)
    }
}

const fn e(code: &'static str, name_zh: &'static str, name_en: &'static str) -> CodeEntry {
    CodeEntry {
        code,
        name_zh,
        name_en,
        section: "",
        verified: true,
    }
}

const fn k(code: &'static str, name_zh: &'static str, name_en: &'static str) -> CodeEntry {
    CodeEntry {
        code,
        name_zh,
        name_en,
        section: "",
        verified: false,
    }
}

const fn d(
    section: &'static str,
    code: &'static str,
    name_zh: &'static str,
    name_en: &'static str,
) -> CodeEntry {
    CodeEntry {
        code,
        name_zh,
        name_en,
        section,
        verified: true,
    }
}

/// GB/T 2261.1-2003 人的性别代码. The wire keeps `male` / `female` ([`sex_code`]).
pub static SEX: CodeTable = CodeTable {
    id: "gb_t_2261_1",
    standard: "GB/T 2261.1-2003",
    year: 2003,
    title_zh: "个人基本信息分类与代码 第1部分：人的性别代码",
    title_en: "Classification and codes of basic personal information, part 1: sex",
    source: "all four codes read in a public copy of the table (wener.me notes on GB/T 2261)",
    entries: &[
        e("0", "未知的性别", "not known"),
        e("1", "男性", "male"),
        e("2", "女性", "female"),
        e("9", "未说明的性别", "not stated"),
    ],
};

/// The GB/T 2261.1 code of a sex as carried on the wire (`Male` → `"1"`, `Female` → `"2"`).
#[must_use]
pub const fn sex_code(sex: Sex) -> &'static str {
    match sex {
        Sex::Male => "1",
        Sex::Female => "2",
    }
}

/// The sex of a GB/T 2261.1 code, for codes 1 and 2 (0 and 9 name no sex).
#[must_use]
pub fn sex_of_code(code: &str) -> Option<Sex> {
    match code {
        "1" => Some(Sex::Male),
        "2" => Some(Sex::Female),
        _ => None,
    }
}

/// GB/T 2261.2-2003 婚姻状况代码 (`family_planning.certificate.marital_status`).
pub static MARITAL_STATUS: CodeTable = CodeTable {
    id: "gb_t_2261_2",
    standard: "GB/T 2261.2-2003",
    year: 2003,
    title_zh: "个人基本信息分类与代码 第2部分：婚姻状况代码",
    title_en: "Classification and codes of basic personal information, part 2: marital status",
    source: "all eight codes read in a public copy of the table (wener.me notes on GB/T 2261); the same list is in domain-review §1 B1",
    entries: &[
        e("10", "未婚", "never married"),
        e("20", "已婚", "married"),
        e("21", "初婚", "first marriage"),
        e("22", "再婚", "remarried"),
        e("23", "复婚", "remarried to the former spouse"),
        e("30", "丧偶", "widowed"),
        e("40", "离婚", "divorced"),
        e("90", "未说明的婚姻状况", "not stated"),
    ],
};

/// GB/T 3304-1991 中国各民族名称的罗马字母拼写法和代码 (`person.ethnicity`): the 56 groups, 97
/// 其他 (unrecognised groups) and 98 外国血统中国籍人士 (Chinese citizens of foreign origin).
pub static ETHNICITY: CodeTable = CodeTable {
    id: "gb_t_3304",
    standard: "GB/T 3304-1991",
    year: 1991,
    title_zh: "中国各民族名称的罗马字母拼写法和代码",
    title_en: "Names of ethnic groups in China in romanisation and their codes",
    source: "codes 01–56, 97 and 98 and the Chinese names compared with several independent public code tables that reproduce GB/T 3304 (ID-card readers, school registries); the romanised names are the standard's as remembered (K for the spelling only); 46 德昂族 and 36 毛南族 are the current names (older copies have 崩龙族, 毛难族)",
    entries: &[
        e("01", "汉族", "Han"),
        e("02", "蒙古族", "Mongol"),
        e("03", "回族", "Hui"),
        e("04", "藏族", "Zang"),
        e("05", "维吾尔族", "Uygur"),
        e("06", "苗族", "Miao"),
        e("07", "彝族", "Yi"),
        e("08", "壮族", "Zhuang"),
        e("09", "布依族", "Buyei"),
        e("10", "朝鲜族", "Chosen"),
        e("11", "满族", "Man"),
        e("12", "侗族", "Dong"),
        e("13", "瑶族", "Yao"),
        e("14", "白族", "Bai"),
        e("15", "土家族", "Tujia"),
        e("16", "哈尼族", "Hani"),
        e("17", "哈萨克族", "Kazak"),
        e("18", "傣族", "Dai"),
        e("19", "黎族", "Li"),
        e("20", "傈僳族", "Lisu"),
        e("21", "佤族", "Va"),
        e("22", "畲族", "She"),
        e("23", "高山族", "Gaoshan"),
        e("24", "拉祜族", "Lahu"),
        e("25", "水族", "Sui"),
        e("26", "东乡族", "Dongxiang"),
        e("27", "纳西族", "Naxi"),
        e("28", "景颇族", "Jingpo"),
        e("29", "柯尔克孜族", "Kirgiz"),
        e("30", "土族", "Tu"),
        e("31", "达斡尔族", "Daur"),
        e("32", "仫佬族", "Mulao"),
        e("33", "羌族", "Qiang"),
        e("34", "布朗族", "Blang"),
        e("35", "撒拉族", "Salar"),
        e("36", "毛南族", "Maonan"),
        e("37", "仡佬族", "Gelao"),
        e("38", "锡伯族", "Xibe"),
        e("39", "阿昌族", "Achang"),
        e("40", "普米族", "Pumi"),
        e("41", "塔吉克族", "Tajik"),
        e("42", "怒族", "Nu"),
        e("43", "乌孜别克族", "Uzbek"),
        e("44", "俄罗斯族", "Russ"),
        e("45", "鄂温克族", "Ewenki"),
        e("46", "德昂族", "Deang"),
        e("47", "保安族", "Bonan"),
        e("48", "裕固族", "Yugur"),
        e("49", "京族", "Gin"),
        e("50", "塔塔尔族", "Tatar"),
        e("51", "独龙族", "Derung"),
        e("52", "鄂伦春族", "Oroqen"),
        e("53", "赫哲族", "Hezhen"),
        e("54", "门巴族", "Monba"),
        e("55", "珞巴族", "Lhoba"),
        e("56", "基诺族", "Jino"),
        e("97", "其他", "other (unrecognised group)"),
        e(
            "98",
            "外国血统中国籍人士",
            "Chinese citizen of foreign origin",
        ),
    ],
};

/// GB/T 4658-2006 学历代码 (`worker_transfer.roster` `workers[].education`). The category codes
/// (10, 20, 30, 40, 60, 70, 80, 90) may be used when the completion status is unknown.
pub static EDUCATION: CodeTable = CodeTable {
    id: "gb_t_4658",
    standard: "GB/T 4658-2006",
    year: 2006,
    title_zh: "学历代码",
    title_en: "Codes for record of formal schooling",
    source: "the standard's identity (GB/T 4658-2006, replaces GB/T 4658-1984 文化程度代码, in force 2007-03-01), its hierarchical 2-digit coding and code 10 研究生教育 read in a public copy of its first pages; the other rows are from background knowledge (K)",
    entries: &[
        e("10", "研究生教育", "postgraduate education"),
        k("11", "博士研究生毕业", "doctoral programme, graduated"),
        k(
            "12",
            "博士研究生结业",
            "doctoral programme, completed without graduating",
        ),
        k("13", "博士研究生肄业", "doctoral programme, not completed"),
        k("14", "硕士研究生毕业", "master's programme, graduated"),
        k(
            "15",
            "硕士研究生结业",
            "master's programme, completed without graduating",
        ),
        k("16", "硕士研究生肄业", "master's programme, not completed"),
        k("17", "研究生班毕业", "postgraduate class, graduated"),
        k(
            "18",
            "研究生班结业",
            "postgraduate class, completed without graduating",
        ),
        k("19", "研究生班肄业", "postgraduate class, not completed"),
        k("20", "大学本科教育", "undergraduate (bachelor) education"),
        k("21", "大学本科毕业", "bachelor programme, graduated"),
        k(
            "22",
            "大学本科结业",
            "bachelor programme, completed without graduating",
        ),
        k("23", "大学本科肄业", "bachelor programme, not completed"),
        k(
            "28",
            "大学普通班毕业",
            "university ordinary class (1970–1976), graduated",
        ),
        k("30", "大学专科教育", "junior college education"),
        k("31", "大学专科毕业", "junior college, graduated"),
        k(
            "32",
            "大学专科结业",
            "junior college, completed without graduating",
        ),
        k("33", "大学专科肄业", "junior college, not completed"),
        k("40", "中等职业教育", "secondary vocational education"),
        k(
            "41",
            "中等专科毕业",
            "secondary specialised school, graduated",
        ),
        k(
            "42",
            "中等专科结业",
            "secondary specialised school, completed without graduating",
        ),
        k(
            "43",
            "中等专科肄业",
            "secondary specialised school, not completed",
        ),
        k("44", "职业高中毕业", "vocational high school, graduated"),
        k(
            "45",
            "职业高中结业",
            "vocational high school, completed without graduating",
        ),
        k(
            "46",
            "职业高中肄业",
            "vocational high school, not completed",
        ),
        k("47", "技工学校毕业", "technical school, graduated"),
        k(
            "48",
            "技工学校结业",
            "technical school, completed without graduating",
        ),
        k("49", "技工学校肄业", "technical school, not completed"),
        k(
            "60",
            "普通高级中学教育",
            "general senior secondary education",
        ),
        k("61", "普通高中毕业", "senior secondary school, graduated"),
        k(
            "62",
            "普通高中结业",
            "senior secondary school, completed without graduating",
        ),
        k(
            "63",
            "普通高中肄业",
            "senior secondary school, not completed",
        ),
        k("70", "初级中学教育", "junior secondary education"),
        k("71", "初中毕业", "junior secondary school, graduated"),
        k("73", "初中肄业", "junior secondary school, not completed"),
        k("80", "小学教育", "primary education"),
        k("81", "小学毕业", "primary school, graduated"),
        k("83", "小学肄业", "primary school, not completed"),
        k("90", "其他", "other"),
    ],
};

/// GB/T 4754-2017 国民经济行业分类, the 20 sections (门类) A–T.
pub static INDUSTRY_SECTIONS: CodeTable = CodeTable {
    id: "gb_t_4754_sections",
    standard: "GB/T 4754-2017 (with amendment No. 1, 2019)",
    year: 2017,
    title_zh: "国民经济行业分类（门类）",
    title_en: "Industrial classification for national economic activities (sections)",
    source: "section letters and names compared with public copies of the 2011 and 2017 editions' tables of contents and with public reuses of the 2017 division list",
    entries: &[
        e(
            "A",
            "农、林、牧、渔业",
            "Agriculture, forestry, animal husbandry and fishery",
        ),
        e("B", "采矿业", "Mining"),
        e("C", "制造业", "Manufacturing"),
        e(
            "D",
            "电力、热力、燃气及水生产和供应业",
            "Production and supply of electricity, heat, gas and water",
        ),
        e("E", "建筑业", "Construction"),
        e("F", "批发和零售业", "Wholesale and retail trade"),
        e(
            "G",
            "交通运输、仓储和邮政业",
            "Transport, storage and postal services",
        ),
        e("H", "住宿和餐饮业", "Accommodation and catering"),
        e(
            "I",
            "信息传输、软件和信息技术服务业",
            "Information transmission, software and information technology services",
        ),
        e("J", "金融业", "Finance"),
        e("K", "房地产业", "Real estate"),
        e("L", "租赁和商务服务业", "Leasing and business services"),
        e(
            "M",
            "科学研究和技术服务业",
            "Scientific research and technical services",
        ),
        e(
            "N",
            "水利、环境和公共设施管理业",
            "Water conservancy, environment and public facilities management",
        ),
        e(
            "O",
            "居民服务、修理和其他服务业",
            "Resident services, repair and other services",
        ),
        e("P", "教育", "Education"),
        e("Q", "卫生和社会工作", "Health and social work"),
        e(
            "R",
            "文化、体育和娱乐业",
            "Culture, sports and entertainment",
        ),
        e(
            "S",
            "公共管理、社会保障和社会组织",
            "Public administration, social security and social organisations",
        ),
        e("T", "国际组织", "International organisations"),
    ],
};

/// GB/T 4754-2017 国民经济行业分类, the 97 divisions (大类) 01–97 with their sections.
pub static INDUSTRY_DIVISIONS: CodeTable = CodeTable {
    id: "gb_t_4754_divisions",
    standard: "GB/T 4754-2017 (with amendment No. 1, 2019)",
    year: 2017,
    title_zh: "国民经济行业分类（大类）",
    title_en: "Industrial classification for national economic activities (divisions)",
    source: "division codes, names and sections compared with a public copy of the 2017 edition's table of contents (A 01–05, B 06–12) and with independent public reuses of the full 2017 division list; English names are translations",
    entries: &[
        d("A", "01", "农业", "Agriculture"),
        d("A", "02", "林业", "Forestry"),
        d("A", "03", "畜牧业", "Animal husbandry"),
        d("A", "04", "渔业", "Fishery"),
        d(
            "A",
            "05",
            "农、林、牧、渔专业及辅助性活动",
            "Support activities for agriculture, forestry, animal husbandry and fishery",
        ),
        d("B", "06", "煤炭开采和洗选业", "Coal mining and washing"),
        d(
            "B",
            "07",
            "石油和天然气开采业",
            "Extraction of petroleum and natural gas",
        ),
        d(
            "B",
            "08",
            "黑色金属矿采选业",
            "Mining of ferrous metal ores",
        ),
        d(
            "B",
            "09",
            "有色金属矿采选业",
            "Mining of non-ferrous metal ores",
        ),
        d(
            "B",
            "10",
            "非金属矿采选业",
            "Mining of non-metallic minerals",
        ),
        d(
            "B",
            "11",
            "开采专业及辅助性活动",
            "Mining support activities",
        ),
        d("B", "12", "其他采矿业", "Other mining"),
        d(
            "C",
            "13",
            "农副食品加工业",
            "Processing of agricultural and sideline food products",
        ),
        d("C", "14", "食品制造业", "Manufacture of foods"),
        d(
            "C",
            "15",
            "酒、饮料和精制茶制造业",
            "Manufacture of liquor, beverages and refined tea",
        ),
        d("C", "16", "烟草制品业", "Manufacture of tobacco products"),
        d("C", "17", "纺织业", "Manufacture of textiles"),
        d(
            "C",
            "18",
            "纺织服装、服饰业",
            "Manufacture of textile garments and apparel",
        ),
        d(
            "C",
            "19",
            "皮革、毛皮、羽毛及其制品和制鞋业",
            "Manufacture of leather, fur, feathers and related products; footwear",
        ),
        d(
            "C",
            "20",
            "木材加工和木、竹、藤、棕、草制品业",
            "Processing of timber; manufacture of wood, bamboo, rattan, palm and straw products",
        ),
        d("C", "21", "家具制造业", "Manufacture of furniture"),
        d(
            "C",
            "22",
            "造纸和纸制品业",
            "Manufacture of paper and paper products",
        ),
        d(
            "C",
            "23",
            "印刷和记录媒介复制业",
            "Printing and reproduction of recording media",
        ),
        d(
            "C",
            "24",
            "文教、工美、体育和娱乐用品制造业",
            "Manufacture of articles for culture, education, arts and crafts, sport and entertainment",
        ),
        d(
            "C",
            "25",
            "石油、煤炭及其他燃料加工业",
            "Processing of petroleum, coal and other fuels",
        ),
        d(
            "C",
            "26",
            "化学原料和化学制品制造业",
            "Manufacture of chemical raw materials and chemical products",
        ),
        d("C", "27", "医药制造业", "Manufacture of medicines"),
        d(
            "C",
            "28",
            "化学纤维制造业",
            "Manufacture of chemical fibres",
        ),
        d(
            "C",
            "29",
            "橡胶和塑料制品业",
            "Manufacture of rubber and plastics products",
        ),
        d(
            "C",
            "30",
            "非金属矿物制品业",
            "Manufacture of non-metallic mineral products",
        ),
        d(
            "C",
            "31",
            "黑色金属冶炼和压延加工业",
            "Smelting and pressing of ferrous metals",
        ),
        d(
            "C",
            "32",
            "有色金属冶炼和压延加工业",
            "Smelting and pressing of non-ferrous metals",
        ),
        d("C", "33", "金属制品业", "Manufacture of metal products"),
        d(
            "C",
            "34",
            "通用设备制造业",
            "Manufacture of general-purpose machinery",
        ),
        d(
            "C",
            "35",
            "专用设备制造业",
            "Manufacture of special-purpose machinery",
        ),
        d("C", "36", "汽车制造业", "Manufacture of motor vehicles"),
        d(
            "C",
            "37",
            "铁路、船舶、航空航天和其他运输设备制造业",
            "Manufacture of railway, ship, aerospace and other transport equipment",
        ),
        d(
            "C",
            "38",
            "电气机械和器材制造业",
            "Manufacture of electrical machinery and equipment",
        ),
        d(
            "C",
            "39",
            "计算机、通信和其他电子设备制造业",
            "Manufacture of computers, communication and other electronic equipment",
        ),
        d(
            "C",
            "40",
            "仪器仪表制造业",
            "Manufacture of measuring instruments and meters",
        ),
        d("C", "41", "其他制造业", "Other manufacturing"),
        d(
            "C",
            "42",
            "废弃资源综合利用业",
            "Utilisation of waste resources",
        ),
        d(
            "C",
            "43",
            "金属制品、机械和设备修理业",
            "Repair of metal products, machinery and equipment",
        ),
        d(
            "D",
            "44",
            "电力、热力生产和供应业",
            "Production and supply of electricity and heat",
        ),
        d(
            "D",
            "45",
            "燃气生产和供应业",
            "Production and supply of gas",
        ),
        d(
            "D",
            "46",
            "水的生产和供应业",
            "Production and supply of water",
        ),
        d("E", "47", "房屋建筑业", "Construction of buildings"),
        d("E", "48", "土木工程建筑业", "Civil engineering"),
        d("E", "49", "建筑安装业", "Construction installation"),
        d(
            "E",
            "50",
            "建筑装饰、装修和其他建筑业",
            "Building decoration, renovation and other construction",
        ),
        d("F", "51", "批发业", "Wholesale trade"),
        d("F", "52", "零售业", "Retail trade"),
        d("G", "53", "铁路运输业", "Rail transport"),
        d("G", "54", "道路运输业", "Road transport"),
        d("G", "55", "水上运输业", "Water transport"),
        d("G", "56", "航空运输业", "Air transport"),
        d("G", "57", "管道运输业", "Pipeline transport"),
        d(
            "G",
            "58",
            "多式联运和运输代理业",
            "Multimodal transport and transport agency",
        ),
        d(
            "G",
            "59",
            "装卸搬运和仓储业",
            "Loading, unloading and warehousing",
        ),
        d("G", "60", "邮政业", "Postal services"),
        d("H", "61", "住宿业", "Accommodation"),
        d("H", "62", "餐饮业", "Catering"),
        d(
            "I",
            "63",
            "电信、广播电视和卫星传输服务",
            "Telecommunications, broadcasting and satellite transmission services",
        ),
        d(
            "I",
            "64",
            "互联网和相关服务",
            "Internet and related services",
        ),
        d(
            "I",
            "65",
            "软件和信息技术服务业",
            "Software and information technology services",
        ),
        d("J", "66", "货币金融服务", "Monetary and financial services"),
        d("J", "67", "资本市场服务", "Capital market services"),
        d("J", "68", "保险业", "Insurance"),
        d("J", "69", "其他金融业", "Other financial activities"),
        d("K", "70", "房地产业", "Real estate"),
        d("L", "71", "租赁业", "Leasing"),
        d("L", "72", "商务服务业", "Business services"),
        d(
            "M",
            "73",
            "研究和试验发展",
            "Research and experimental development",
        ),
        d(
            "M",
            "74",
            "专业技术服务业",
            "Professional technical services",
        ),
        d(
            "M",
            "75",
            "科技推广和应用服务业",
            "Technology promotion and application services",
        ),
        d("N", "76", "水利管理业", "Water conservancy management"),
        d(
            "N",
            "77",
            "生态保护和环境治理业",
            "Ecological protection and environmental management",
        ),
        d("N", "78", "公共设施管理业", "Public facilities management"),
        d("N", "79", "土地管理业", "Land management"),
        d("O", "80", "居民服务业", "Resident services"),
        d(
            "O",
            "81",
            "机动车、电子产品和日用产品修理业",
            "Repair of motor vehicles, electronic products and household goods",
        ),
        d("O", "82", "其他服务业", "Other services"),
        d("P", "83", "教育", "Education"),
        d("Q", "84", "卫生", "Health"),
        d("Q", "85", "社会工作", "Social work"),
        d("R", "86", "新闻和出版业", "News and publishing"),
        d(
            "R",
            "87",
            "广播、电视、电影和录音制作业",
            "Radio, television, film and sound recording",
        ),
        d("R", "88", "文化艺术业", "Culture and arts"),
        d("R", "89", "体育", "Sports"),
        d("R", "90", "娱乐业", "Entertainment"),
        d(
            "S",
            "91",
            "中国共产党机关",
            "Organs of the Communist Party of China",
        ),
        d("S", "92", "国家机构", "State organs"),
        d(
            "S",
            "93",
            "人民政协、民主党派",
            "CPPCC and democratic parties",
        ),
        d("S", "94", "社会保障", "Social security"),
        d(
            "S",
            "95",
            "群众团体、社会团体和其他成员组织",
            "Mass organisations, social organisations and other membership organisations",
        ),
        d(
            "S",
            "96",
            "基层群众自治组织及其他组织",
            "Grassroots self-governing organisations and others",
        ),
        d("T", "97", "国际组织", "International organisations"),
    ],
};

/// 中华人民共和国职业分类大典 (2022年版), the 8 major groups (大类). Codes below the major group
/// (`6-31-01-03`: major-middle-minor-detail) are checked for shape only.
pub static OCCUPATION_MAJOR_GROUPS: CodeTable = CodeTable {
    id: "occupation_2022",
    standard: "中华人民共和国职业分类大典（2022年版）",
    year: 2022,
    title_zh: "职业分类大典（大类）",
    title_en: "Occupational Classification of the People's Republic of China (major groups)",
    source: "major groups 1–4 read in a public summary of the 2015 edition; the 2022 edition kept the eight major groups of 2015 (K: the 2022 text was not read); 5–8 are from background knowledge (K)",
    entries: &[
        e(
            "1",
            "党的机关、国家机关、群众团体和社会组织、企事业单位负责人",
            "Heads of party and state organs, mass organisations, social organisations, enterprises and institutions",
        ),
        e("2", "专业技术人员", "Professional and technical personnel"),
        e("3", "办事人员和有关人员", "Clerks and related personnel"),
        e(
            "4",
            "社会生产服务和生活服务人员",
            "Production-service and personal-service personnel",
        ),
        k(
            "5",
            "农、林、牧、渔业生产及辅助人员",
            "Agriculture, forestry, animal husbandry and fishery production and support personnel",
        ),
        k(
            "6",
            "生产制造及有关人员",
            "Production, manufacturing and related personnel",
        ),
        k("7", "军人", "Military personnel"),
        k(
            "8",
            "不便分类的其他从业人员",
            "Other workers not elsewhere classified",
        ),
    ],
};

/// Every table, in the order of the module's table.
pub static TABLES: &[&CodeTable] = &[
    &SEX,
    &MARITAL_STATUS,
    &ETHNICITY,
    &EDUCATION,
    &INDUSTRY_SECTIONS,
    &INDUSTRY_DIVISIONS,
    &OCCUPATION_MAJOR_GROUPS,
];

/// Why a GB/T 4754 or occupation code was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum CodeProblem {
    /// Not of the form the field takes (the schema's pattern).
    Shape,
    /// The section (GB/T 4754) or major group (occupations) is not in the table.
    UnknownTop,
    /// The GB/T 4754 division is not in the table.
    UnknownDivision,
    /// The GB/T 4754 division belongs to another section.
    WrongSection,
}

/// Checks a GB/T 4754-2017 industry code as the wire carries it: the section letter, optionally
/// followed by the division (2 digits), group (3) or class (4 digits) — `"C"`, `"C39"`,
/// `"C391"`, `"C3911"`. The section must be in [`INDUSTRY_SECTIONS`]; the division, when
/// given, in [`INDUSTRY_DIVISIONS`] under that section. Groups and classes are not embedded:
/// their extra digits are accepted as they are.
///
/// # Errors
///
/// The [`CodeProblem`] found.
pub fn check_industry(code: &str) -> Result<(), CodeProblem> {
    let mut chars = code.chars();
    let section = chars.next().ok_or(CodeProblem::Shape)?;
    let digits = chars.as_str();
    if !section.is_ascii_uppercase()
        || !matches!(digits.len(), 0 | 2 | 3 | 4)
        || !digits.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(CodeProblem::Shape);
    }
    let section = &code[..1];
    if !INDUSTRY_SECTIONS.contains(section) {
        return Err(CodeProblem::UnknownTop);
    }
    if digits.is_empty() {
        return Ok(());
    }
    let division = INDUSTRY_DIVISIONS
        .get(&digits[..2])
        .ok_or(CodeProblem::UnknownDivision)?;
    if division.section != section {
        return Err(CodeProblem::WrongSection);
    }
    Ok(())
}

/// Checks an occupation code of the 2022 classification as the wire carries it: the major group
/// (`"6"`), optionally with the middle, minor and detailed groups as 2 digits each after
/// hyphens (`"6-31"`, `"6-31-01"`, `"6-31-01-03"`). Only the major group is checked against
/// [`OCCUPATION_MAJOR_GROUPS`].
///
/// # Errors
///
/// [`CodeProblem::Shape`] or [`CodeProblem::UnknownTop`].
pub fn check_occupation(code: &str) -> Result<(), CodeProblem> {
    let mut parts = code.split('-');
    let major = parts.next().unwrap_or_default();
    let rest: Vec<&str> = parts.collect();
    if major.len() != 1
        || !major.bytes().all(|b| b.is_ascii_digit())
        || rest.len() > 3
        || rest
            .iter()
            .any(|p| p.len() != 2 || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(CodeProblem::Shape);
    }
    if OCCUPATION_MAJOR_GROUPS.contains(major) {
        Ok(())
    } else {
        Err(CodeProblem::UnknownTop)
    }
}

/// The Markdown section "National code tables / 国家标准代码表" of `docs/RULES.md`: per table
/// its standard, version, source and the codes with their names, **K** where unverified.
#[must_use]
pub fn markdown() -> String {
    use std::fmt::Write as _;
    let mut out = String::from(
        "## National code tables / 国家标准代码表\n\n\
         Embedded in `core/src/rules/codes/national.rs`; the rules `rule.marital_status_code`,\n\
         `rule.ethnicity_code`, `rule.education_code`, `rule.industry_code` and\n\
         `rule.occupation_code` check membership. **K** marks a row not checked against a source.\n\
         各代码表内嵌于代码库；标 **K** 的条目尚未与标准原文核对。\n",
    );
    for t in TABLES {
        let _ = write!(
            out,
            "\n### {} — {} / {}\n\nVersion {}. Source / 依据: {}.\n\n| code | 名称 | name | verified |\n|---|---|---|---|\n",
            t.standard, t.title_zh, t.title_en, t.year, t.source
        );
        for r in t.entries {
            let code = if r.section.is_empty() {
                r.code.to_owned()
            } else {
                format!("{}{}", r.section, r.code)
            };
            let _ = writeln!(
                out,
                "| `{}` | {} | {} | {} |",
                code,
                r.name_zh,
                r.name_en,
                if r.verified { "V" } else { "**K**" }
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_have_unique_codes_and_names() {
        for t in TABLES {
            let mut codes: Vec<&str> = t.entries.iter().map(|e| e.code).collect();
            codes.sort_unstable();
            codes.dedup();
            assert_eq!(codes.len(), t.entries.len(), "{}", t.id);
            let mut names: Vec<&str> = t.entries.iter().map(|e| e.name_zh).collect();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), t.entries.len(), "{}", t.id);
        }
    }

    #[test]
    fn sizes_follow_the_standards() {
        assert_eq!(SEX.entries.len(), 4);
        assert_eq!(MARITAL_STATUS.entries.len(), 8);
        assert_eq!(ETHNICITY.entries.len(), 58); // 56 groups + 97 + 98
        assert_eq!(INDUSTRY_SECTIONS.entries.len(), 20);
        assert_eq!(INDUSTRY_DIVISIONS.entries.len(), 97);
        assert_eq!(OCCUPATION_MAJOR_GROUPS.entries.len(), 8);
        // Divisions are 01..=97 without gaps, and every section has at least one.
        for (i, div) in INDUSTRY_DIVISIONS.entries.iter().enumerate() {
            assert_eq!(div.code, format!("{:02}", i + 1));
            assert!(INDUSTRY_SECTIONS.contains(div.section));
        }
        for s in INDUSTRY_SECTIONS.entries {
            assert!(
                INDUSTRY_DIVISIONS
                    .entries
                    .iter()
                    .any(|d| d.section == s.code)
            );
        }
    }

    #[test]
    fn lookups() {
        assert_eq!(ETHNICITY.name_zh("01"), Some("汉族"));
        assert_eq!(ETHNICITY.code_of_name("彝族"), Some("07"));
        assert_eq!(ETHNICITY.code_of_name("布依族"), Some("09"));
        assert_eq!(
            ETHNICITY.name_en("98"),
            Some("Chinese citizen of foreign origin")
        );
        assert!(!ETHNICITY.contains("99"));
        assert!(!ETHNICITY.contains("7"));
        assert_eq!(MARITAL_STATUS.name_zh("21"), Some("初婚"));
        assert!(!MARITAL_STATUS.contains("first_marriage"));
        assert_eq!(EDUCATION.name_zh("61"), Some("普通高中毕业"));
        assert!(!EDUCATION.contains("72"));
        assert_eq!(INDUSTRY_SECTIONS.name_zh("C"), Some("制造业"));
        assert_eq!(
            OCCUPATION_MAJOR_GROUPS.name_zh("6"),
            Some("生产制造及有关人员")
        );
        assert_eq!(sex_code(Sex::Female), "2");
        assert_eq!(sex_of_code("1"), Some(Sex::Male));
        assert_eq!(sex_of_code("9"), None);
        assert!(SEX.fully_verified());
        assert!(!EDUCATION.fully_verified());
    }

    #[test]
    fn industry_codes() {
        for ok in ["A", "C", "C39", "C391", "C3911", "T97", "A05"] {
            assert_eq!(check_industry(ok), Ok(()), "{ok}");
        }
        assert_eq!(check_industry(""), Err(CodeProblem::Shape));
        assert_eq!(check_industry("c39"), Err(CodeProblem::Shape));
        assert_eq!(check_industry("C3"), Err(CodeProblem::Shape));
        assert_eq!(check_industry("C39111"), Err(CodeProblem::Shape));
        assert_eq!(check_industry("39"), Err(CodeProblem::Shape));
        assert_eq!(check_industry("U"), Err(CodeProblem::UnknownTop));
        assert_eq!(check_industry("T98"), Err(CodeProblem::UnknownDivision));
        assert_eq!(check_industry("C00"), Err(CodeProblem::UnknownDivision));
        assert_eq!(check_industry("D39"), Err(CodeProblem::WrongSection));
    }

    #[test]
    fn occupation_codes() {
        for ok in ["1", "6", "6-31", "6-31-01", "6-31-01-03", "8"] {
            assert_eq!(check_occupation(ok), Ok(()), "{ok}");
        }
        assert_eq!(check_occupation(""), Err(CodeProblem::Shape));
        assert_eq!(check_occupation("6-3"), Err(CodeProblem::Shape));
        assert_eq!(check_occupation("6-31-01-03-01"), Err(CodeProblem::Shape));
        assert_eq!(check_occupation("60"), Err(CodeProblem::Shape));
        assert_eq!(check_occupation("9-01"), Err(CodeProblem::UnknownTop));
        assert_eq!(check_occupation("0"), Err(CodeProblem::UnknownTop));
    }

    #[test]
    fn markdown_marks_unverified_rows() {
        let md = markdown();
        assert!(md.contains("| `07` | 彝族 | Yi | V |"));
        assert!(
            md.contains("| `61` | 普通高中毕业 | senior secondary school, graduated | **K** |")
        );
        assert!(md.contains("| `C39` | 计算机、通信和其他电子设备制造业 |"));
    }
}
