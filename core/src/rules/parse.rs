//! Identifier parsing with the verdict every binding reports: the parsed value, or the
//! `rule.violation` error carrying the findings of the matching check (so a failed parse says
//! exactly what [`crate::rules::checks`] would say). The bindings call these and translate.

use crate::error::{Error, ErrorCode, Result};
use crate::rules::codes::national;
use crate::rules::ids::{self, ParsedCitizenId, ParsedUscc};
use crate::rules::{Date, Finding, RuleCode, RuleParameters, checks, findings_to_error};

/// The error for a refused identifier: `rule.violation` with the error findings, or — should
/// a check ever report none — a plain one.
fn refused(findings: &[Finding], what: &str) -> Error {
    findings_to_error(findings)
        .unwrap_or_else(|| Error::new(ErrorCode::RuleViolation, format!("the {what} is refused")))
}

/// Parses a citizen ID number (GB 11643) as of the date `on` (birth date not after it).
///
/// ```
/// use labourlink::rules::{parse, Date, RuleParameters};
/// let on = Date::new(2026, 11, 27).unwrap();
/// let p = parse::citizen_id("513401199004180575", on, &RuleParameters::default());
/// assert_eq!(p.unwrap_err().code().as_str(), "rule.violation");
/// ```
///
/// # Errors
/// `rule.violation` with the findings of [`checks::check_citizen_id`].
pub fn citizen_id(value: &str, on: Date, params: &RuleParameters) -> Result<ParsedCitizenId> {
    ids::parse_citizen_id_with(value, on, params).map_err(|_| {
        refused(
            &checks::check_citizen_id(value, "", on, params),
            "citizen ID number",
        )
    })
}

/// Parses a unified social credit code (GB 32100).
///
/// # Errors
/// `rule.violation` with the findings of [`checks::check_uscc`].
pub fn uscc(value: &str) -> Result<ParsedUscc> {
    ids::parse_uscc(value)
        .map_err(|_| refused(&checks::check_uscc(value, ""), "unified social credit code"))
}

/// The name of a current GB/T 2260 division.
///
/// # Errors
/// `rule.violation` with the findings of [`checks::check_region_code`].
pub fn region_name(code: &str) -> Result<&'static str> {
    ids::parse_region_code(code)
        .map_err(|_| refused(&checks::check_region_code(code, ""), "region code"))
}

/// The Chinese name of `code` in the national code table `table`
/// ([`CodeTable::id`](crate::rules::codes::national::CodeTable::id): `gb_t_2261_1`,
/// `gb_t_2261_2`, `gb_t_3304`, `gb_t_4658`, `gb_t_4754_sections`, `gb_t_4754_divisions`,
/// `occupation_2022`).
///
/// ```
/// use labourlink::rules::parse;
/// assert_eq!(parse::code_name("gb_t_3304", "07").unwrap(), "彝族");
/// assert_eq!(parse::code_name("gb_t_3304", "57").unwrap_err().code().as_str(), "rule.violation");
/// assert_eq!(parse::code_name("nope", "07").unwrap_err().code().as_str(), "input.invalid");
/// ```
///
/// # Errors
/// `input.invalid` for an unknown table; `rule.violation` for a code not in the table (with the
/// table's `rule.*_code` finding, or a plain error for the sex table, which has no rule).
pub fn code_name(table: &str, code: &str) -> Result<&'static str> {
    let Some(t) = national::TABLES.iter().find(|t| t.id == table) else {
        return Err(Error::new(
            ErrorCode::InputInvalid,
            format!(
                "no national code table {table:?}; the tables are {}",
                national::TABLES
                    .iter()
                    .map(|t| t.id)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    };
    if let Some(name) = t.name_zh(code) {
        return Ok(name);
    }
    let rule = match t.id {
        "gb_t_2261_2" => Some(RuleCode::MaritalStatusCode),
        "gb_t_3304" => Some(RuleCode::EthnicityCode),
        "gb_t_4658" => Some(RuleCode::EducationCode),
        "gb_t_4754_sections" | "gb_t_4754_divisions" => Some(RuleCode::IndustryCode),
        "occupation_2022" => Some(RuleCode::OccupationCode),
        _ => None,
    };
    let findings: Vec<Finding> = rule
        .map(|r| {
            Finding::new(
                r,
                "",
                format!("the code is not in {} ({})", t.standard, t.title_en),
                format!("代码不在 {}《{}》中", t.standard, t.title_zh),
            )
        })
        .into_iter()
        .collect();
    Err(refused(&findings, "code"))
}

/// Converts a 15-digit pre-1999 ID number to its 18-character form (not otherwise validated).
///
/// # Errors
/// `rule.violation` with one finding naming what is wrong.
pub fn convert_15_to_18(id15: &str) -> Result<String> {
    ids::convert_15_to_18(id15).map_err(|e| {
        refused(
            &[Finding::new(e.code(), "", e.message(""), e.message_zh(""))],
            "15-digit ID number",
        )
    })
}
