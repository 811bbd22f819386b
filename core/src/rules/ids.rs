//! Identifiers: citizen ID numbers (GB 11643-1999) and the numbers that share their format,
//! unified social credit codes (GB 32100-2015) with the embedded organisation code
//! (GB/T 11714-1997), and region codes (GB/T 2260). domain.md §1.1–§1.3.
//!
//! Each parser returns the parsed value or an [`IdError`], whose [`IdError::code`] is the
//! finding code:
//!
//! | code | meaning |
//! |---|---|
//! | `rule.citizen_id_format` | not 17 digits + digit/`X`, nor 3 letters + 12 digits (old foreign permanent-resident card) |
//! | `rule.citizen_id_legacy_15` | a 15-digit pre-1999 number: convert it with [`convert_15_to_18`] first |
//! | `rule.citizen_id_checksum` | ISO 7064 MOD 11-2 check character wrong |
//! | `rule.citizen_id_birth_date` | birth date not a real date, before the minimum year (1900) or after the reference date |
//! | `rule.citizen_id_region` | address code neither current nor historic GB/T 2260 |
//! | `rule.uscc_format` | not 18 characters of `0123456789ABCDEFGHJKLMNPQRTUWXY` |
//! | `rule.uscc_checksum` | MOD 31 check character wrong |
//! | `rule.uscc_org_code_checksum` | embedded GB/T 11714 check character (position 17) wrong |
//! | `rule.region_code_format` | region code not 6 digits |
//! | `rule.region_code_unknown` | region code not in the current list |
//! | `rule.region_code_abolished` | region code historic only |
//!
//! Two USCC properties are reported as warnings by [`crate::rules::checks::check_uscc`]
//! rather than errors, because implementations disagree (domain.md §1.3):
//! `rule.uscc_registration_code` (authority/category pair not in the table) and
//! `rule.uscc_region` (positions 3–8 not a known GB/T 2260 code; `100000`, used for
//! national-level registrations, is accepted).
//!
//! Decisions:
//! - A lower-case `x` check character is accepted and normalised to `X` (domain.md §1.1:
//!   "accept lower-case 'x' on input, emit upper-case"). USCCs are upper-case only: a
//!   lower-case letter is `rule.uscc_format`.
//! - Numbers beginning with `9` are foreign permanent-resident ID cards of the 2023 edition:
//!   only the leading `9`, the 17 digits and the MOD 11-2 check are verified, because
//!   domain.md §1.1 documents no more of their layout; birth date and sex are not read.
//! - Old-edition foreign permanent-resident numbers (3 upper-case letters + 12 digits) are
//!   accepted on format alone (they have no check character).
//! - Address codes 810000 / 820000 / 830000 are HK / Macao / Taiwan residence permits: all
//!   checks of a citizen ID apply except the region lookup.
//!
//! ```
//! use labourlink::rules::{ids, Date, Sex};
//! let today = Date::new(2026, 11, 27).unwrap();
//! let id = ids::parse_citizen_id("330203199001011236", today).unwrap();
//! assert_eq!(id.sex, Some(Sex::Male));
//! assert_eq!(id.birth_date, Date::new(1990, 1, 1));
//! let err = ids::parse_citizen_id("330203199001011234", today).unwrap_err();
//! assert_eq!(err.code(), "rule.citizen_id_checksum");
//! assert_eq!(ids::convert_15_to_18("110105491231002").unwrap(), "11010519491231002X");
//! assert!(ids::parse_uscc("91350100M000100Y43").is_ok());
//! ```

use std::fmt;

use crate::error::Violation;
use crate::rules::codes::RuleCode;
use crate::rules::params::RuleParameters;
use crate::rules::regions::{self, RegionTable};
use crate::rules::{Date, Sex};

/// Why an identifier was refused. [`IdError::code`] is the `rule.*` finding code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IdError {
    /// `rule.citizen_id_format`.
    CitizenIdFormat,
    /// `rule.citizen_id_legacy_15`.
    CitizenIdLegacy15,
    /// `rule.citizen_id_checksum`.
    CitizenIdChecksum,
    /// `rule.citizen_id_birth_date`.
    CitizenIdBirthDate,
    /// `rule.citizen_id_region`.
    CitizenIdRegion,
    /// `rule.uscc_format`.
    UsccFormat,
    /// `rule.uscc_checksum`.
    UsccChecksum,
    /// `rule.uscc_org_code_checksum`.
    UsccOrgCodeChecksum,
    /// `rule.region_code_format`.
    RegionCodeFormat,
    /// `rule.region_code_unknown`.
    RegionCodeUnknown,
    /// `rule.region_code_abolished`.
    RegionCodeAbolished,
}

impl IdError {
    /// The finding code, e.g. [`RuleCode::CitizenIdChecksum`] (`"rule.citizen_id_checksum"`).
    #[must_use]
    pub const fn code(self) -> RuleCode {
        match self {
            Self::CitizenIdFormat => RuleCode::CitizenIdFormat,
            Self::CitizenIdLegacy15 => RuleCode::CitizenIdLegacy15,
            Self::CitizenIdChecksum => RuleCode::CitizenIdChecksum,
            Self::CitizenIdBirthDate => RuleCode::CitizenIdBirthDate,
            Self::CitizenIdRegion => RuleCode::CitizenIdRegion,
            Self::UsccFormat => RuleCode::UsccFormat,
            Self::UsccChecksum => RuleCode::UsccChecksum,
            Self::UsccOrgCodeChecksum => RuleCode::UsccOrgCodeChecksum,
            Self::RegionCodeFormat => RuleCode::RegionCodeFormat,
            Self::RegionCodeUnknown => RuleCode::RegionCodeUnknown,
            Self::RegionCodeAbolished => RuleCode::RegionCodeAbolished,
        }
    }

    const fn texts(self) -> (&'static str, &'static str, &'static str, &'static str) {
        // (subject en, problem en, subject zh, problem zh)
        match self {
            Self::CitizenIdFormat => (
                "the citizen ID",
                "is not 17 digits followed by a digit or X",
                "公民身份号码",
                "格式错误（应为17位数字加1位数字或X）",
            ),
            Self::CitizenIdLegacy15 => (
                "the citizen ID",
                "is a 15-digit pre-1999 number; send the 18-character form",
                "公民身份号码",
                "为15位旧号码，请转换为18位后发送",
            ),
            Self::CitizenIdChecksum => (
                "the citizen ID",
                "has a wrong check digit",
                "公民身份号码",
                "校验码错误",
            ),
            Self::CitizenIdBirthDate => (
                "the citizen ID",
                "contains an impossible birth date (not a calendar date, too early, or in the future)",
                "公民身份号码",
                "中的出生日期无效（不是有效日期、过早或晚于参考日期）",
            ),
            Self::CitizenIdRegion => (
                "the citizen ID",
                "has an address code that is not a current or historic GB/T 2260 code",
                "公民身份号码",
                "的地址码不是现行或历史 GB/T 2260 行政区划代码",
            ),
            Self::UsccFormat => (
                "the unified social credit code",
                "is not 18 characters from 0-9 and A-Y without I, O, S, V, Z",
                "统一社会信用代码",
                "格式错误（应为18位，字符取自0-9及除I、O、S、V、Z外的大写字母）",
            ),
            Self::UsccChecksum => (
                "the unified social credit code",
                "has a wrong check character",
                "统一社会信用代码",
                "校验码错误",
            ),
            Self::UsccOrgCodeChecksum => (
                "the unified social credit code",
                "embeds an organisation code (positions 9-17) with a wrong check character",
                "统一社会信用代码",
                "中的组织机构代码（第9-17位）校验码错误",
            ),
            Self::RegionCodeFormat => (
                "the region code",
                "is not 6 digits",
                "行政区划代码",
                "不是6位数字",
            ),
            Self::RegionCodeUnknown => (
                "the region code",
                "is not in the current GB/T 2260 list",
                "行政区划代码",
                "不在现行 GB/T 2260 代码表中",
            ),
            Self::RegionCodeAbolished => (
                "the region code",
                "is an abolished GB/T 2260 code",
                "行政区划代码",
                "是已撤销的 GB/T 2260 代码",
            ),
        }
    }

    /// English message naming the place, never the value: "the citizen ID at
    /// /body/person/citizen_id has a wrong check digit".
    #[must_use]
    pub fn message(self, pointer: &str) -> String {
        let (s, p, _, _) = self.texts();
        format!("{s} at {} {p}", show(pointer))
    }

    /// Chinese message naming the place, never the value.
    #[must_use]
    pub fn message_zh(self, pointer: &str) -> String {
        let (_, _, s, p) = self.texts();
        format!("{} 处的{s}{p}", show(pointer))
    }

    /// The violation for a value at `pointer`.
    #[must_use]
    pub fn to_violation(self, pointer: &str) -> Violation {
        Violation::new(
            self.code().as_str(),
            pointer,
            self.message(pointer),
            self.message_zh(pointer),
        )
    }
}

pub(crate) fn show(pointer: &str) -> &str {
    if pointer.is_empty() { "/" } else { pointer }
}

impl fmt::Display for IdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (s, p, _, _) = self.texts();
        write!(f, "{}: {s} {p}", self.code())
    }
}

impl std::error::Error for IdError {}

// ---------------------------------------------------------------------------------------------
// Citizen ID

const ID_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// The ISO 7064 MOD 11-2 check character of the first 17 digits of an ID number
/// (`None` unless `first17` is exactly 17 ASCII digits).
///
/// ```
/// assert_eq!(labourlink::rules::ids::citizen_id_check_char("11010519491231002"), Some('X'));
/// ```
#[must_use]
pub fn citizen_id_check_char(first17: &str) -> Option<char> {
    if first17.len() != 17 {
        return None;
    }
    let mut sum: u32 = 0;
    for (b, w) in first17.bytes().zip(ID_WEIGHTS) {
        if !b.is_ascii_digit() {
            return None;
        }
        sum += u32::from(b - b'0') * w;
    }
    ID_CHECK.get(usize::try_from(sum % 11).ok()?).copied()
}

/// What kind of number an ID-format string is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PersonIdKind {
    /// 公民身份号码 of a PRC citizen.
    Citizen,
    /// Residence permit of a Hong Kong (810000), Macao (820000) or Taiwan (830000) resident.
    HkMoTwResidencePermit,
    /// Foreign permanent-resident ID card, 2023 edition (18 characters, first digit 9).
    ForeignPermanentResident,
    /// Foreign permanent-resident ID card, older edition (3 letters + 12 digits, no check).
    ForeignPermanentResidentLegacy,
}

impl PersonIdKind {
    /// The wire name, identical in every language: `citizen`, `hk_mo_tw_residence_permit`,
    /// `foreign_permanent_resident`, `foreign_permanent_resident_legacy`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Citizen => "citizen",
            Self::HkMoTwResidencePermit => "hk_mo_tw_residence_permit",
            Self::ForeignPermanentResident => "foreign_permanent_resident",
            Self::ForeignPermanentResidentLegacy => "foreign_permanent_resident_legacy",
        }
    }
}

/// A parsed ID number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedCitizenId {
    /// The number with an upper-case `X`.
    pub normalized: String,
    /// What kind of number it is.
    pub kind: PersonIdKind,
    /// The 6-digit address code (citizens and HK/MO/TW permits).
    pub address_code: Option<String>,
    /// Whether the address code is historic only (still valid in an ID number).
    pub historic_address: bool,
    /// The birth date (citizens and HK/MO/TW permits).
    pub birth_date: Option<Date>,
    /// Sex from the 17th digit (odd = male; citizens and HK/MO/TW permits).
    pub sex: Option<Sex>,
}

/// Parses and validates an ID number with the default parameters (birth year ≥ 1900).
/// `reference` is the date the birth date may not be after (usually the message date).
///
/// # Errors
/// The first failing check, in the order format, checksum, birth date, region.
pub fn parse_citizen_id(id: &str, reference: Date) -> Result<ParsedCitizenId, IdError> {
    parse_citizen_id_with(id, reference, &RuleParameters::default())
}

/// [`parse_citizen_id`] with explicit parameters (`citizen_id_min_birth_year`).
///
/// # Errors
/// As [`parse_citizen_id`].
pub fn parse_citizen_id_with(
    id: &str,
    reference: Date,
    params: &RuleParameters,
) -> Result<ParsedCitizenId, IdError> {
    parse_18(id, reference, params, true, RegionTable::embedded())
}

/// [`parse_citizen_id_with`] against a GB/T 2260 table (e.g. one updated by signed reference
/// data) instead of the embedded lists.
///
/// # Errors
/// As [`parse_citizen_id`].
pub fn parse_citizen_id_in(
    id: &str,
    reference: Date,
    params: &RuleParameters,
    regions: &RegionTable,
) -> Result<ParsedCitizenId, IdError> {
    parse_18(id, reference, params, true, regions)
}

/// [`parse_citizen_id_with`] that accepts an address code in neither the current nor the
/// historic GB/T 2260 list (registries hold genuine IDs with non-standard codes; the rules
/// report them as a warning). Such an ID is a [`PersonIdKind::Citizen`] with
/// `historic_address` false.
///
/// # Errors
/// As [`parse_citizen_id`], without [`IdError::CitizenIdRegion`].
pub(crate) fn parse_citizen_id_any_region(
    id: &str,
    reference: Date,
    params: &RuleParameters,
    regions: &RegionTable,
) -> Result<ParsedCitizenId, IdError> {
    parse_18(id, reference, params, false, regions)
}

fn parse_18(
    id: &str,
    reference: Date,
    params: &RuleParameters,
    known_region: bool,
    regions: &RegionTable,
) -> Result<ParsedCitizenId, IdError> {
    let b = id.as_bytes();
    match b.len() {
        15 => return parse_15(id),
        18 => {}
        _ => return Err(IdError::CitizenIdFormat),
    }
    let (first17, last) = (id.get(..17).ok_or(IdError::CitizenIdFormat)?, b.get(17));
    let last = match last {
        Some(c @ b'0'..=b'9') => char::from(*c),
        Some(b'X' | b'x') => 'X',
        _ => return Err(IdError::CitizenIdFormat),
    };
    let expected = citizen_id_check_char(first17).ok_or(IdError::CitizenIdFormat)?;
    if expected != last {
        return Err(IdError::CitizenIdChecksum);
    }
    let mut normalized = String::with_capacity(18);
    normalized.push_str(first17);
    normalized.push(last);
    if first17.starts_with('9') {
        return Ok(ParsedCitizenId {
            normalized,
            kind: PersonIdKind::ForeignPermanentResident,
            address_code: None,
            historic_address: false,
            birth_date: None,
            sex: None,
        });
    }
    let birth = parse_birth(first17.get(6..14), reference, params)?;
    let sex = match first17.as_bytes().get(16) {
        // b'0' is even, so a digit's byte has the digit's parity.
        Some(d) if d % 2 == 1 => Sex::Male,
        Some(_) => Sex::Female,
        None => return Err(IdError::CitizenIdFormat),
    };
    let address = first17.get(..6).ok_or(IdError::CitizenIdFormat)?;
    let (kind, historic) = match address {
        "810000" | "820000" | "830000" => (PersonIdKind::HkMoTwResidencePermit, false),
        a if regions.is_current(a) => (PersonIdKind::Citizen, false),
        a if regions.is_historic(a) => (PersonIdKind::Citizen, true),
        _ if !known_region => (PersonIdKind::Citizen, false),
        _ => return Err(IdError::CitizenIdRegion),
    };
    Ok(ParsedCitizenId {
        normalized,
        kind,
        address_code: Some(address.to_owned()),
        historic_address: historic,
        birth_date: Some(birth),
        sex: Some(sex),
    })
}

fn parse_birth(
    yyyymmdd: Option<&str>,
    reference: Date,
    params: &RuleParameters,
) -> Result<Date, IdError> {
    let s = yyyymmdd.ok_or(IdError::CitizenIdFormat)?;
    let num = |r: std::ops::Range<usize>| s.get(r).and_then(|t| t.parse::<u32>().ok());
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(4..6), num(6..8)) else {
        return Err(IdError::CitizenIdBirthDate);
    };
    let date = i32::try_from(y)
        .ok()
        .and_then(|y| Date::new(y, m, d))
        .ok_or(IdError::CitizenIdBirthDate)?;
    if date.year() < params.citizen_id_min_birth_year || date > reference {
        return Err(IdError::CitizenIdBirthDate);
    }
    Ok(date)
}

fn parse_15(id: &str) -> Result<ParsedCitizenId, IdError> {
    let b = id.as_bytes();
    if b.iter().all(u8::is_ascii_digit) {
        return Err(IdError::CitizenIdLegacy15);
    }
    let (letters, digits) = b.split_at(3);
    if letters.iter().all(u8::is_ascii_uppercase) && digits.iter().all(u8::is_ascii_digit) {
        return Ok(ParsedCitizenId {
            normalized: id.to_owned(),
            kind: PersonIdKind::ForeignPermanentResidentLegacy,
            address_code: None,
            historic_address: false,
            birth_date: None,
            sex: None,
        });
    }
    Err(IdError::CitizenIdFormat)
}

/// Converts a 15-digit pre-1999 ID number to 18 characters: inserts `19` before the 2-digit
/// year and appends the MOD 11-2 check character (domain.md §1.1; the rule is **K**, the
/// algorithm verified by computation). The result is not otherwise validated: parse it.
///
/// # Errors
/// `rule.citizen_id_format` unless the input is exactly 15 ASCII digits.
pub fn convert_15_to_18(id15: &str) -> Result<String, IdError> {
    if id15.len() != 15 || !id15.bytes().all(|b| b.is_ascii_digit()) {
        return Err(IdError::CitizenIdFormat);
    }
    let (head, tail) = id15.split_at(6);
    let first17 = format!("{head}19{tail}");
    let check = citizen_id_check_char(&first17).ok_or(IdError::CitizenIdFormat)?;
    Ok(format!("{first17}{check}"))
}

// ---------------------------------------------------------------------------------------------
// USCC

/// The 31-symbol alphabet of GB 32100 (no I, O, S, V, Z); a symbol's value is its index.
pub const USCC_ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];
const ORG_WEIGHTS: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];

fn uscc_value(b: u8) -> Option<u32> {
    USCC_ALPHABET
        .bytes()
        .position(|c| c == b)
        .and_then(|p| u32::try_from(p).ok())
}

/// The GB 32100 MOD 31 check character of the first 17 characters of a USCC (`None` unless
/// `first17` is 17 characters of [`USCC_ALPHABET`]).
///
/// ```
/// assert_eq!(labourlink::rules::ids::uscc_check_char("9144030071526726X"), Some('G'));
/// ```
#[must_use]
pub fn uscc_check_char(first17: &str) -> Option<char> {
    if first17.len() != 17 {
        return None;
    }
    let mut sum: u32 = 0;
    for (b, w) in first17.bytes().zip(USCC_WEIGHTS) {
        sum += uscc_value(b)? * w;
    }
    let c = (31 - sum % 31) % 31;
    USCC_ALPHABET
        .as_bytes()
        .get(usize::try_from(c).ok()?)
        .map(|&b| char::from(b))
}

/// The GB/T 11714-1997 check character of the first 8 characters of an organisation code
/// (`0-9`, `A-Z` valued 0–35): `11 − Σ mod 11`, 10 → `X`, 11 → `0`. `None` for other input.
///
/// ```
/// assert_eq!(labourlink::rules::ids::org_code_check_char("71526726"), Some('X'));
/// ```
#[must_use]
pub fn org_code_check_char(first8: &str) -> Option<char> {
    if first8.len() != 8 {
        return None;
    }
    let mut sum: u32 = 0;
    for (b, w) in first8.bytes().zip(ORG_WEIGHTS) {
        let v = match b {
            b'0'..=b'9' => u32::from(b - b'0'),
            b'A'..=b'Z' => u32::from(b - b'A') + 10,
            _ => return None,
        };
        sum += v * w;
    }
    Some(match 11 - sum % 11 {
        10 => 'X',
        11 => '0',
        n => char::from_digit(n, 10)?,
    })
}

/// Registration-authority codes (position 1) with their category codes (position 2), the
/// majority table of domain.md §1.3.
pub(crate) const USCC_REGISTRATION_TABLE: &[(char, &str, &str)] = &[
    ('1', "1239", "机构编制"),
    ('2', "19", "外交"),
    ('3', "123459", "司法行政"),
    ('4', "19", "文化"),
    ('5', "1239", "民政"),
    ('6', "129", "旅游"),
    ('7', "129", "宗教"),
    ('8', "19", "工会"),
    ('9', "123", "工商/市场监管"),
    ('A', "19", "中央军委改革和编制办公室"),
    ('N', "1239", "农业"),
    ('Y', "1", "其他"),
];

/// A parsed unified social credit code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedUscc {
    /// Position 1: registration-authority code.
    pub registration_authority: char,
    /// Position 2: institution-category code.
    pub category: char,
    /// Positions 3–8: GB/T 2260 code of the registering authority.
    pub region_code: String,
    /// Positions 9–17: GB/T 11714 organisation code (with its own check character).
    pub org_code: String,
    /// Whether the authority/category pair is in [`USCC_REGISTRATION_TABLE`].
    pub registration_known: bool,
    /// Whether the region code is a current or historic GB/T 2260 code, or `100000`
    /// (national-level registration; practice, **K**).
    pub region_known: bool,
}

/// Parses and validates a USCC: alphabet, MOD 31 check, embedded organisation-code check.
/// The registration pair and the region are recorded in the result, not refused.
///
/// # Errors
/// `rule.uscc_format`, `rule.uscc_checksum` or `rule.uscc_org_code_checksum`.
pub fn parse_uscc(code: &str) -> Result<ParsedUscc, IdError> {
    parse_uscc_in(code, RegionTable::embedded())
}

/// [`parse_uscc`] against a GB/T 2260 table instead of the embedded lists.
///
/// # Errors
/// As [`parse_uscc`].
pub fn parse_uscc_in(code: &str, regions: &RegionTable) -> Result<ParsedUscc, IdError> {
    let b = code.as_bytes();
    if b.len() != 18 || !b.iter().all(|&c| uscc_value(c).is_some()) {
        return Err(IdError::UsccFormat);
    }
    let first17 = code.get(..17).ok_or(IdError::UsccFormat)?;
    let expected = uscc_check_char(first17).ok_or(IdError::UsccFormat)?;
    if b.get(17).map(|&c| char::from(c)) != Some(expected) {
        return Err(IdError::UsccChecksum);
    }
    let org = code.get(8..17).ok_or(IdError::UsccFormat)?;
    let org_expected = org
        .get(..8)
        .and_then(org_code_check_char)
        .ok_or(IdError::UsccFormat)?;
    if org.as_bytes().get(8).map(|&c| char::from(c)) != Some(org_expected) {
        return Err(IdError::UsccOrgCodeChecksum);
    }
    let authority = b.first().map_or('?', |&c| char::from(c));
    let category = b.get(1).map_or('?', |&c| char::from(c));
    let region = code.get(2..8).ok_or(IdError::UsccFormat)?;
    let registration_known = USCC_REGISTRATION_TABLE
        .iter()
        .any(|(a, cats, _)| *a == authority && cats.contains(category));
    let region_known = region == "100000" || regions.is_known(region);
    Ok(ParsedUscc {
        registration_authority: authority,
        category,
        region_code: region.to_owned(),
        org_code: org.to_owned(),
        registration_known,
        region_known,
    })
}

// ---------------------------------------------------------------------------------------------
// Region codes

/// Validates a region code that must be current (agencies, workplaces, places of residence).
/// Returns the division's name.
///
/// # Errors
/// `rule.region_code_format`, `rule.region_code_abolished` (historic only) or
/// `rule.region_code_unknown`.
pub fn parse_region_code(code: &str) -> Result<&'static str, IdError> {
    if !regions::is_code_format(code) {
        return Err(IdError::RegionCodeFormat);
    }
    if regions::is_current_region(code) {
        return regions::region_name(code).ok_or(IdError::RegionCodeUnknown);
    }
    if regions::is_historic_region(code) {
        return Err(IdError::RegionCodeAbolished);
    }
    Err(IdError::RegionCodeUnknown)
}

/// [`parse_region_code`] against a GB/T 2260 table instead of the embedded lists.
///
/// # Errors
/// As [`parse_region_code`].
pub fn parse_region_code_in<'a>(code: &str, table: &'a RegionTable) -> Result<&'a str, IdError> {
    if !regions::is_code_format(code) {
        return Err(IdError::RegionCodeFormat);
    }
    if table.is_current(code) {
        return table.name(code).ok_or(IdError::RegionCodeUnknown);
    }
    if table.is_historic(code) {
        return Err(IdError::RegionCodeAbolished);
    }
    Err(IdError::RegionCodeUnknown)
}
