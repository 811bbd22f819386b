//! The rule functions. Each takes typed arguments plus the JSON pointer of the value it
//! judges, and returns [`Finding`]s (empty when the rule is satisfied). JSON walking is kept to
//! [`check_person`] and [`str_at`] because the body schemas are not final; callers extract
//! the fields and pass them in.
//!
//! | function | rule | code | source |
//! |---|---|---|---|
//! | [`check_citizen_id`] | MOD 11-2, birth date, address code | `rule.citizen_id_*` | §1.1, §5 |
//! | [`check_uscc`] | MOD 31, embedded GB/T 11714; registration pair and region as warnings | `rule.uscc_*` | §1.3 |
//! | [`check_region_code`], [`check_region_within`] | current GB/T 2260 code; inside e.g. 3302xx | `rule.region_*` | §1.2, §2.5 |
//! | [`check_sex_matches_id`], [`check_birth_date_matches_id`] | declared sex / birth date = ID | `rule.sex_id_mismatch`, `rule.birth_date_id_mismatch` | §2.5 |
//! | [`check_arrival_after_departure`] | arrival ≥ departure | `rule.arrival_before_departure` | §2.3 A3 |
//! | [`check_minimum_working_age`] | age ≥ 16 at start (K) | `rule.minimum_working_age` | §2.5 |
//! | [`check_minor_worker`] | 16–17 at start: 未成年工 (warning) | `rule.minor_worker` | domain-review §1 A2 |
//! | [`check_insurance_enrolment_delay`] | enrolment ≤ 30 days after start (warning) | `rule.insurance_enrolment_late` | 社会保险法 art. 58 |
//! | [`check_statutory_retirement_month`], [`check_bridging`] | 2025 retirement ages; 城乡衔接 at retirement age, 15 years rising from 2030 | `rule.retirement_age`, `rule.bridging_direction` | §4.1 [S19] |
//! | [`check_marriage_certificate`] | 婚育证明 only for women 18–49 | `rule.marriage_certificate_eligibility` | §3.4 |
//! | [`check_temporary_account`] | men ≥ 50 / women ≥ 40, cross-province, not hukou province | `rule.temporary_account` | §4.1 |
//! | [`decide_benefit_place`], [`check_benefit_place`] | the four rules, 10 years | `rule.benefit_place` | §4.1 |
//! | [`medical_gap_class`], [`check_medical_waiting_period`] | gap ≤ 3 months: no waiting; else ≤ 6 | `rule.medical_waiting_period` | §4.2 |
//! | [`unemployment_benefit_months`], [`check_unemployment_months`] | tiers 12/18/24, cap 24 | `rule.unemployment_months` | §4.3 |
//! | [`check_unemployment_transfer`] | transfer = 1.5 × remaining | `rule.unemployment_transfer_amount` | §4.3 |
//! | [`check_pooled_fund`] | 12% × base per year ≥ 1998, rows sum to total | `rule.pooled_fund_*` | §4.1, §4.4 |
//! | [`check_personal_account`] | rows sum to total; recording rate (warning) | `rule.personal_account_*` | §4.1 |
//! | [`check_amount_match`] | information amount = fund-transfer amount | `rule.amount_mismatch` | §4.4 |
//! | [`check_period_range`], [`check_periods_no_overlap`], [`check_months_total`] | `YYYY-MM`, no overlap within a scheme, months = periods | `rule.period_*`, `rule.months_mismatch` | §4.4 |
//! | [`check_deadline`], [`check_step_deadline`], [`check_calendar_days_deadline`] | working-day deadlines: **warnings** | `rule.deadline_missed`, `rule.calendar_provisional` | §4.4 |
//!
//! ```
//! use labourlink::rules::{checks, Date, RuleParameters, Severity};
//! let today = Date::new(2026, 11, 27).unwrap();
//! let f = checks::check_citizen_id("330203199001011234", "/body/person/citizen_id", today,
//!                                  &RuleParameters::default());
//! assert_eq!(f[0].code(), "rule.citizen_id_checksum");
//! assert_eq!(f[0].severity, Severity::Error);
//! assert_eq!(f[0].violation.message,
//!            "the citizen ID at /body/person/citizen_id has a wrong check digit");
//! assert!(!f[0].violation.message.contains("330203"));
//! ```

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use crate::rules::amounts::{self, PersonalAccountRow, PooledFundRow};
use crate::rules::calendar::HolidayCalendar;
use crate::rules::ids::{self, IdError, ParsedCitizenId, show};
use crate::rules::params::{DeadlineStep, RetirementCategory, RuleParameters};
use crate::rules::periods::{self, Period, PeriodRange};
use crate::rules::regions::{self, RegionTable};
use crate::rules::{Date, Finding, RuleCode, Severity, Sex};

/// A refused identifier is an error — `rule.citizen_id_region` (a warning by default) reaches
/// here only when `citizen_id_region_is_error` makes it one (see [`parse_citizen_id_finding`]).
fn id_finding(e: IdError, pointer: &str) -> Finding {
    Finding::with_severity(
        e.code(),
        Severity::Error,
        pointer,
        e.message(pointer),
        e.message_zh(pointer),
    )
}

fn at(base: &str, i: usize) -> String {
    format!("{base}/{i}")
}

/// The string at `pointer` in `body`, if there is one.
#[must_use]
pub(crate) fn str_at<'a>(body: &'a Value, pointer: &str) -> Option<&'a str> {
    crate::rules::lookup(body, pointer).and_then(Value::as_str)
}

// ---------------------------------------------------------------------------------------------
// Identifiers and regions

/// ID number at `pointer`: format, MOD 11-2 check, birth date (≥ `citizen_id_min_birth_year`,
/// ≤ `reference`), address code current or historic. domain.md §1.1. An address code in
/// neither list is a **warning** `rule.citizen_id_region` unless
/// `citizen_id_region_is_error` (genuine registry IDs carry non-standard codes).
#[must_use]
pub fn check_citizen_id(
    value: &str,
    pointer: &str,
    reference: Date,
    params: &RuleParameters,
) -> Vec<Finding> {
    let at = || pointer.to_owned();
    match parse_citizen_id_finding(value, &at, reference, params, RegionTable::embedded()) {
        (_, Some(f)) => vec![f],
        (_, None) => Vec::new(),
    }
}

/// Parses an ID number for the rules: the parsed ID (also when only its address code is
/// unknown, unless that is an error by the parameters) and the finding, if any. `pointer` is
/// called only for a finding (the rules walk builds no pointer string for a valid field).
#[must_use]
pub(crate) fn parse_citizen_id_finding(
    value: &str,
    pointer: &dyn Fn() -> String,
    reference: Date,
    params: &RuleParameters,
    regions: &RegionTable,
) -> (Option<ParsedCitizenId>, Option<Finding>) {
    match ids::parse_citizen_id_in(value, reference, params, regions) {
        Ok(p) => (Some(p), None),
        Err(IdError::CitizenIdRegion) if !params.citizen_id_region_is_error => {
            let e = IdError::CitizenIdRegion;
            let pointer = pointer();
            let warning = Finding::new(
                e.code(),
                &pointer,
                e.message(&pointer),
                e.message_zh(&pointer),
            );
            (
                ids::parse_citizen_id_any_region(value, reference, params, regions).ok(),
                Some(warning),
            )
        }
        Err(e) => (None, Some(id_finding(e, &pointer()))),
    }
}

/// USCC at `pointer`: errors for format, MOD 31 and the embedded organisation-code check;
/// warnings for an unknown registration-authority/category pair and an unknown region.
/// domain.md §1.3.
#[must_use]
pub fn check_uscc(value: &str, pointer: &str) -> Vec<Finding> {
    check_uscc_in(value, pointer, RegionTable::embedded())
}

/// [`check_uscc`] against a GB/T 2260 table instead of the embedded lists.
#[must_use]
pub fn check_uscc_in(value: &str, pointer: &str, regions: &RegionTable) -> Vec<Finding> {
    let parsed = match ids::parse_uscc_in(value, regions) {
        Ok(p) => p,
        Err(e) => return vec![id_finding(e, pointer)],
    };
    let p = show(pointer);
    let mut out = Vec::new();
    if !parsed.registration_known {
        out.push(Finding::new(
            RuleCode::UsccRegistrationCode,
            pointer,
            format!(
                "the unified social credit code at {p} has a registration-authority/category pair \
                 ({}{}) that is not in the GB 32100 table",
                parsed.registration_authority, parsed.category
            ),
            format!(
                "{p} 处的统一社会信用代码的登记管理部门码/机构类别码（{}{}）不在 GB 32100 代码表中",
                parsed.registration_authority, parsed.category
            ),
        ));
    }
    if !parsed.region_known {
        out.push(Finding::new(
            RuleCode::UsccRegion,
            pointer,
            format!(
                "the unified social credit code at {p} has a region code (positions 3-8) that is \
                 not a known GB/T 2260 code"
            ),
            format!("{p} 处的统一社会信用代码第3-8位不是已知的 GB/T 2260 行政区划代码"),
        ));
    }
    out
}

/// Region code at `pointer` that must be in the current GB/T 2260 list (agencies,
/// workplaces). domain.md §1.2.
#[must_use]
pub fn check_region_code(value: &str, pointer: &str) -> Vec<Finding> {
    check_region_code_in(value, pointer, RegionTable::embedded())
}

/// [`check_region_code`] against a GB/T 2260 table (e.g. one updated by signed reference data).
#[must_use]
pub fn check_region_code_in(value: &str, pointer: &str, regions: &RegionTable) -> Vec<Finding> {
    region_code_finding(value, &|| pointer.to_owned(), regions)
        .into_iter()
        .collect()
}

/// [`check_region_code_in`] with the pointer built only for a finding.
pub(crate) fn region_code_finding(
    value: &str,
    pointer: &dyn Fn() -> String,
    regions: &RegionTable,
) -> Option<Finding> {
    ids::parse_region_code_in(value, regions)
        .err()
        .map(|e| id_finding(e, &pointer()))
}

/// Region code at `pointer` that must lie inside `parent` (e.g. a workplace in 330200 宁波市,
/// domain.md §2.5). Only containment is checked; combine with [`check_region_code`].
#[must_use]
pub fn check_region_within(value: &str, parent: &str, pointer: &str) -> Vec<Finding> {
    check_region_within_in(value, parent, pointer, RegionTable::embedded())
}

/// [`check_region_within`] naming `parent` from a GB/T 2260 table.
#[must_use]
pub fn check_region_within_in(
    value: &str,
    parent: &str,
    pointer: &str,
    regions: &RegionTable,
) -> Vec<Finding> {
    if regions::is_within(value, parent) {
        return Vec::new();
    }
    let p = show(pointer);
    let name = regions.name(parent).unwrap_or("");
    vec![Finding::new(
        RuleCode::RegionOutside,
        pointer,
        format!("the region code at {p} is not inside {parent} {name}"),
        format!("{p} 处的行政区划代码不在 {parent} {name} 范围内"),
    )]
}

/// Declared sex at `pointer` = the ID number's sex digit (nothing to check when the ID
/// carries no sex, e.g. a foreign permanent-resident card). domain.md §2.5.
#[must_use]
pub fn check_sex_matches_id(id: &ParsedCitizenId, declared: Sex, pointer: &str) -> Vec<Finding> {
    sex_mismatch(id, declared, &|| pointer.to_owned())
        .into_iter()
        .collect()
}

/// [`check_sex_matches_id`] with the pointer built only for a finding.
pub(crate) fn sex_mismatch(
    id: &ParsedCitizenId,
    declared: Sex,
    pointer: &dyn Fn() -> String,
) -> Option<Finding> {
    match id.sex {
        Some(s) if s != declared => {
            let pointer = pointer();
            let p = show(&pointer);
            Some(Finding::new(
                RuleCode::SexIdMismatch,
                &pointer,
                format!(
                    "the sex at {p} ({}) differs from the sex encoded in the citizen ID",
                    declared.as_str()
                ),
                format!(
                    "{p} 处的性别（{}）与公民身份号码中的性别不一致",
                    declared.as_zh()
                ),
            ))
        }
        _ => None,
    }
}

/// Declared birth date at `pointer` = the ID number's. domain.md §2.5.
#[must_use]
pub fn check_birth_date_matches_id(
    id: &ParsedCitizenId,
    declared: Date,
    pointer: &str,
) -> Vec<Finding> {
    birth_date_mismatch(id, declared, &|| pointer.to_owned())
        .into_iter()
        .collect()
}

/// [`check_birth_date_matches_id`] with the pointer built only for a finding.
pub(crate) fn birth_date_mismatch(
    id: &ParsedCitizenId,
    declared: Date,
    pointer: &dyn Fn() -> String,
) -> Option<Finding> {
    match id.birth_date {
        Some(b) if b != declared => {
            let pointer = pointer();
            let p = show(&pointer);
            Some(Finding::new(
                RuleCode::BirthDateIdMismatch,
                &pointer,
                format!("the birth date at {p} differs from the birth date in the citizen ID"),
                format!("{p} 处的出生日期与公民身份号码中的出生日期不一致"),
            ))
        }
        _ => None,
    }
}

/// Field names [`check_person`] reads inside a person object (the schema is not final).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PersonFields {
    /// Member holding the ID number (default `citizen_id`).
    pub citizen_id: &'static str,
    /// Member holding the sex (default `sex`; values per [`Sex::parse`]).
    pub sex: &'static str,
    /// Member holding the birth date (default `birth_date`, `YYYY-MM-DD`).
    pub birth_date: &'static str,
}

impl Default for PersonFields {
    fn default() -> Self {
        Self {
            citizen_id: "citizen_id",
            sex: "sex",
            birth_date: "birth_date",
        }
    }
}

/// Checks the person object at `person_pointer` of `body`: its ID number, and the declared
/// sex and birth date against it. Missing or malformed members are left to the schema stage.
#[must_use]
pub fn check_person(
    body: &Value,
    person_pointer: &str,
    fields: PersonFields,
    reference: Date,
    params: &RuleParameters,
) -> Vec<Finding> {
    let id_ptr = format!("{person_pointer}/{}", fields.citizen_id);
    let Some(id) = str_at(body, &id_ptr) else {
        return Vec::new();
    };
    let (parsed, finding) = parse_citizen_id_finding(
        id,
        &|| id_ptr.clone(),
        reference,
        params,
        RegionTable::embedded(),
    );
    let mut out: Vec<Finding> = finding.into_iter().collect();
    let Some(parsed) = parsed else {
        return out;
    };
    let sex_ptr = format!("{person_pointer}/{}", fields.sex);
    if let Some(sex) = str_at(body, &sex_ptr).and_then(Sex::parse) {
        out.extend(check_sex_matches_id(&parsed, sex, &sex_ptr));
    }
    let birth_ptr = format!("{person_pointer}/{}", fields.birth_date);
    if let Some(birth) = str_at(body, &birth_ptr).and_then(Date::parse) {
        out.extend(check_birth_date_matches_id(&parsed, birth, &birth_ptr));
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Worker transfer and family planning

/// The arrival (or start) date at `pointer` is not before the departure date. domain.md §2.3
/// A3 ("start date before departure").
#[must_use]
pub fn check_arrival_after_departure(
    departure: Date,
    arrival: Date,
    pointer: &str,
) -> Vec<Finding> {
    if arrival >= departure {
        return Vec::new();
    }
    let p = show(pointer);
    vec![Finding::new(
        RuleCode::ArrivalBeforeDeparture,
        pointer,
        format!("the date at {p} ({arrival}) is before the departure date ({departure})"),
        format!("{p} 处的日期（{arrival}）早于离开日期（{departure}）"),
    )]
}

/// The worker is at least `minimum_working_age` (16, **K**) on the start date at `pointer`.
/// domain.md §2.3 A2, §2.5.
#[must_use]
pub fn check_minimum_working_age(
    birth: Date,
    start: Date,
    pointer: &str,
    params: &RuleParameters,
) -> Vec<Finding> {
    let min = params.minimum_working_age;
    if birth.age_on(start).is_some_and(|a| a >= min) {
        return Vec::new();
    }
    let p = show(pointer);
    vec![Finding::new(
        RuleCode::MinimumWorkingAge,
        pointer,
        format!(
            "the worker is younger than {min} on {start}, the date the check uses (at {p}; the message's own date when the row has none)"
        ),
        format!("劳动者在 {start}（检查所用日期，位置 {p}；该行无日期时为消息日期）未满{min}周岁"),
    )]
}

/// A worker at least `minimum_working_age` but younger than `minor_worker_below_age` (16–17)
/// on `start` is a minor worker (未成年工): a **warning** at `pointer` — the employer registers
/// them (未成年工登记) and keeps them from prohibited work (《未成年工特殊保护规定》 art. 2, 6, 9).
/// Younger workers are [`check_minimum_working_age`]'s error, not this warning.
#[must_use]
pub fn check_minor_worker(
    birth: Date,
    start: Date,
    pointer: &str,
    params: &RuleParameters,
) -> Vec<Finding> {
    let Some(age) = birth.age_on(start) else {
        return Vec::new();
    };
    let adult = params.minor_worker_below_age;
    if age < params.minimum_working_age || age >= adult {
        return Vec::new();
    }
    let p = show(pointer);
    vec![Finding::new(
        RuleCode::MinorWorker,
        pointer,
        format!(
            "the worker is {age} on {start} (the date at {p}; the message's own date when the row has none), a minor worker (under {adult}): register them (未成年工登记) and keep them from prohibited work"
        ),
        format!(
            "劳动者在 {start}（位置 {p}；该行无日期时为消息日期）为{age}周岁，是未成年工（未满{adult}周岁）：须办理未成年工登记，不得安排禁忌劳动"
        ),
    )]
}

/// Social-insurance enrolment (`enrolled_on`, at `pointer`) at most
/// `insurance_enrolment_max_days` calendar days after the start of employment (社会保险法
/// art. 58); later is a **warning**. Not checked when the parameter is `None`.
#[must_use]
pub fn check_insurance_enrolment_delay(
    start: Date,
    enrolled_on: Date,
    pointer: &str,
    params: &RuleParameters,
) -> Vec<Finding> {
    let Some(max) = params.insurance_enrolment_max_days else {
        return Vec::new();
    };
    let days = enrolled_on.days() - start.days();
    if days <= i64::from(max) {
        return Vec::new();
    }
    let p = show(pointer);
    vec![Finding::new(
        RuleCode::InsuranceEnrolmentLate,
        pointer,
        format!(
            "the enrolment at {p} is {days} days after the start of employment (at most {max}, 社会保险法 art. 58)"
        ),
        format!("{p} 处的参保登记在用工之日后{days}天（社会保险法第五十八条：{max}天内）"),
    )]
}

/// The stated statutory retirement month (at `pointer`) equals
/// [`RuleParameters::statutory_retirement_month`] for the birth month and category.
#[must_use]
pub fn check_statutory_retirement_month(
    stated: Period,
    birth: Date,
    category: RetirementCategory,
    pointer: &str,
    params: &RuleParameters,
) -> Vec<Finding> {
    let Some(expected) = params.statutory_retirement_month(Period::of_date(birth), category) else {
        return Vec::new();
    };
    if stated == expected {
        return Vec::new();
    }
    let p = show(pointer);
    let c = category.as_str();
    vec![Finding::new(
        RuleCode::RetirementAge,
        pointer,
        format!(
            "the statutory retirement month at {p} should be {expected} for this birth month and category {c} (2025 reform)"
        ),
        format!(
            "{p} 处的法定退休年月按出生年月和人员类别 {c} 应为 {expected}（2025年渐进式延迟退休改革）"
        ),
    )]
}

/// Urban–rural bridging (城乡衔接, 人社部发〔2014〕17号): only at or after the earliest lawful
/// retirement month (`earliest`: the statutory month, or up to 3 years before it under flexible
/// early retirement, never before the original age — [`RuleParameters::earliest_retirement_month`];
/// else `rule.retirement_age` at `month_pointer`), and in the direction the
/// employee contribution months give — at least the minimum for the retirement year
/// ([`RuleParameters::minimum_contribution_months`]: 15 years, rising from 2030) moves the
/// resident account into the employee scheme (`to_employee` true), fewer moves the employee
/// account into the resident scheme (`rule.bridging_direction` at `direction_pointer`).
/// `earliest` is `None` when the birth month or category is unknown (not checked).
#[must_use]
pub fn check_bridging(
    retirement_month: Period,
    earliest: Option<Period>,
    employee_months: u32,
    to_employee: bool,
    month_pointer: &str,
    direction_pointer: &str,
    params: &RuleParameters,
) -> Vec<Finding> {
    let mut out = Vec::new();
    if let Some(st) = earliest {
        if retirement_month < st {
            let p = show(month_pointer);
            out.push(Finding::new(
                RuleCode::RetirementAge,
                month_pointer,
                format!("urban-rural bridging at {p} is before the earliest lawful retirement month {st} (人社部发〔2014〕17号: only at the statutory retirement age; flexible early retirement at most 3 years earlier)"),
                format!("{p} 处的城乡衔接早于最早可退休年月 {st}（人社部发〔2014〕17号：达到法定退休年龄后办理；弹性提前退休最多提前3年）"),
            ));
        }
    }
    let min = params.minimum_contribution_months(retirement_month.year());
    let should_go_to_employee = employee_months >= min;
    if should_go_to_employee != to_employee {
        let p = show(direction_pointer);
        let (en, zh) = if should_go_to_employee {
            ("resident_to_employee", "城乡居民养老保险转入职工养老保险")
        } else {
            ("employee_to_resident", "职工养老保险转入城乡居民养老保险")
        };
        out.push(Finding::new(
            RuleCode::BridgingDirection,
            direction_pointer,
            format!("with {employee_months} employee contribution months (minimum {min} for a retirement in {}) the bridging at {p} must be {en}", retirement_month.year()),
            format!("职工养老保险缴费{employee_months}个月（{}年退休的最低缴费{min}个月），{p} 处应为{zh}", retirement_month.year()),
        ));
    }
    out
}

/// A marriage-and-childbearing certificate (婚育证明) issued on `issue_date` (at `pointer`)
/// is only for a woman aged 18–49 on that date. domain.md §3.1, §3.4.
#[must_use]
pub fn check_marriage_certificate(
    sex: Sex,
    birth: Date,
    issue_date: Date,
    pointer: &str,
    params: &RuleParameters,
) -> Vec<Finding> {
    let (lo, hi) = (
        params.marriage_certificate_min_age,
        params.marriage_certificate_max_age,
    );
    let age_ok = birth
        .age_on(issue_date)
        .is_some_and(|a| (lo..=hi).contains(&a));
    if sex == Sex::Female && age_ok {
        return Vec::new();
    }
    let p = show(pointer);
    vec![Finding::new(
        RuleCode::MarriageCertificateEligibility,
        pointer,
        format!(
            "the marriage-and-childbearing certificate at {p} is only for women aged {lo}-{hi} \
             on the issue date"
        ),
        format!("{p} 处的婚育证明仅适用于签发日年满{lo}至{hi}周岁的女性"),
    )]
}

/// Calendar-day deadline (e.g. arrival registration ≤ 30 days after arrival, domain.md §3.1
/// art. 8): a **warning** when `done` is more than `days` days after `start`.
#[must_use]
pub fn check_calendar_days_deadline(
    start: Date,
    done: Date,
    days: u32,
    pointer: &str,
) -> Vec<Finding> {
    let taken = done.days() - start.days();
    if taken <= i64::from(days) {
        return Vec::new();
    }
    let p = show(pointer);
    vec![Finding::new(
        RuleCode::DeadlineMissed,
        pointer,
        format!("the step at {p} took {taken} days, more than the deadline of {days} days"),
        format!("{p} 处的环节用时{taken}天，超过{days}天的时限"),
    )]
}

// ---------------------------------------------------------------------------------------------
// Pension: temporary account and benefit place

/// The facts the temporary-account rule needs (domain.md §4.1 \[S5\]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TemporaryAccountCase<'a> {
    /// Sex of the insured person.
    pub sex: Sex,
    /// Birth date.
    pub birth_date: Date,
    /// First day of the first insured month at the new place.
    pub move_date: Date,
    /// Hukou (household registration) region code.
    pub hukou_region: &'a str,
    /// Region code of the previous insured place; `None` when this is the first insured
    /// place ever (then the rule compares the new place with the hukou province).
    pub from_region: Option<&'a str>,
    /// Region code of the new insured place.
    pub to_region: &'a str,
    /// Transfer approved by a county-level-or-above party organisation or HRSS department
    /// (组织调动): not subject to the age rule.
    pub organised_transfer: bool,
}

/// Whether a temporary account (临时基本养老保险缴费账户) is required: a move across provinces
/// (or a first insured place outside the hukou province), not back to the hukou province,
/// not an organised transfer, by a man aged ≥ 50 or a woman aged ≥ 40 at the move.
#[must_use]
pub fn temporary_account_required(
    case: &TemporaryAccountCase<'_>,
    params: &RuleParameters,
) -> bool {
    let outside_hukou = regions::is_cross_province(case.to_region, case.hukou_region);
    let moved_across = match case.from_region {
        Some(from) => regions::is_cross_province(from, case.to_region),
        None => true,
    };
    let min_age = match case.sex {
        Sex::Male => params.temporary_account_min_age_male,
        Sex::Female => params.temporary_account_min_age_female,
    };
    let old_enough = case
        .birth_date
        .age_on(case.move_date)
        .is_some_and(|a| a >= min_age);
    outside_hukou && moved_across && !case.organised_transfer && old_enough
}

/// The declared flag "a temporary account is **opened at the new place**" at `pointer`
/// against the rule: an **error** when one is declared but the rule does not apply, a
/// **warning** when the rule applies but none is declared (exceptions such as the post-2010
/// contribution-gap rule cannot be seen in a message).
///
/// Transferring an **existing** temporary account (back to the original insured place or the
/// benefit place, 国办发〔2009〕66号 art. 6 "转移归集到原参保地或待遇领取地") is a different fact and
/// is never age-checked: do not pass it here.
#[must_use]
pub fn check_temporary_account(
    case: &TemporaryAccountCase<'_>,
    declared: bool,
    pointer: &str,
    params: &RuleParameters,
) -> Vec<Finding> {
    let required = temporary_account_required(case, params);
    let p = show(pointer);
    let (m, f) = (
        params.temporary_account_min_age_male,
        params.temporary_account_min_age_female,
    );
    match (declared, required) {
        (true, false) => vec![Finding::new(
            RuleCode::TemporaryAccount,
            pointer,
            format!(
                "the temporary account to be opened at the new place, declared at {p}, does not \
                 fit the rule (cross-province move, not to the hukou province, men aged {m}+ / \
                 women {f}+, not an organised transfer)"
            ),
            format!(
                "{p} 处声明在转入地建立临时缴费账户，不符合规定（跨省流动、非户籍所在省、男性满{m}周岁/女性满{f}周岁、非组织调动）"
            ),
        )],
        (false, true) => vec![Finding::with_severity(
            RuleCode::TemporaryAccount,
            Severity::Warning,
            pointer,
            format!(
                "a temporary account at the new place is expected at {p} (cross-province move, \
                 not to the hukou province, men aged {m}+ / women {f}+) unless an exception \
                 applies"
            ),
            format!(
                "{p} 处应在转入地建立临时缴费账户（跨省流动、非户籍所在省、男性满{m}周岁/女性满{f}周岁），除非适用例外情形"
            ),
        )],
        _ => Vec::new(),
    }
}

/// One insured place in a person's history, in chronological order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InsuredPlace<'a> {
    /// Region code of the place (agency / pooling area).
    pub region: &'a str,
    /// Contribution months accumulated there in this stint.
    pub months: u32,
    /// Whether the stint was on a temporary account (does not make a "10-year place").
    pub temporary: bool,
}

/// Which of the four rules (domain.md §4.1, 部规5号) decided the benefit place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BenefitPlaceRule {
    /// 1: the basic relation is at the hukou place → the hukou place.
    HukouPlace,
    /// 2: not at the hukou place, ≥ 10 years at the current place → the current place.
    CurrentPlace,
    /// 3: not at the hukou place, < 10 years at the current place → the last previous place
    /// with ≥ 10 years.
    PreviousPlace,
    /// 4: < 10 years everywhere → relation and funds aggregated at the hukou place.
    HukouFallback,
}

impl BenefitPlaceRule {
    /// The wire name of a decision's `rule` (`hukou_place`, `current_place`, `previous_place`,
    /// `hukou_fallback`).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::HukouPlace => "hukou_place",
            Self::CurrentPlace => "current_place",
            Self::PreviousPlace => "previous_place",
            Self::HukouFallback => "hukou_fallback",
        }
    }

    /// The rule number, 1–4.
    #[must_use]
    pub const fn number(self) -> u8 {
        match self {
            Self::HukouPlace => 1,
            Self::CurrentPlace => 2,
            Self::PreviousPlace => 3,
            Self::HukouFallback => 4,
        }
    }
}

/// The decided benefit-claiming place (待遇领取地).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BenefitPlaceDecision {
    /// Region code of the place.
    pub region: String,
    /// The rule that decided it.
    pub rule: BenefitPlaceRule,
}

/// Decides the benefit-claiming place from the hukou region and the chronological list of
/// insured places (domain.md §4.1, the four rules). Places are compared at
/// `benefit_place_match_level` (prefecture by default, **K**); months are accumulated per
/// place over all its non-temporary stints; the current place is the last non-temporary one;
/// temporary-account stints never count as 10-year places.
#[must_use]
pub fn decide_benefit_place(
    hukou_region: &str,
    places: &[InsuredPlace<'_>],
    params: &RuleParameters,
) -> BenefitPlaceDecision {
    let level = params.benefit_place_match_level;
    let threshold = u64::from(params.benefit_place_min_years) * 12;
    let key = |r: &str| r.get(..level.prefix_len()).map(str::to_owned);
    let mut months: HashMap<String, u64> = HashMap::new();
    for p in places.iter().filter(|p| !p.temporary) {
        if let Some(k) = key(p.region) {
            *months.entry(k).or_default() += u64::from(p.months);
        }
    }
    let total = |r: &str| key(r).and_then(|k| months.get(&k).copied()).unwrap_or(0);
    let fallback = BenefitPlaceDecision {
        region: hukou_region.to_owned(),
        rule: BenefitPlaceRule::HukouFallback,
    };
    let Some(current) = places.iter().rev().find(|p| !p.temporary) else {
        return fallback;
    };
    if regions::same_area(current.region, hukou_region, level) {
        return BenefitPlaceDecision {
            region: current.region.to_owned(),
            rule: BenefitPlaceRule::HukouPlace,
        };
    }
    if total(current.region) >= threshold {
        return BenefitPlaceDecision {
            region: current.region.to_owned(),
            rule: BenefitPlaceRule::CurrentPlace,
        };
    }
    places
        .iter()
        .rev()
        .filter(|p| !p.temporary && !regions::same_area(p.region, current.region, level))
        .find(|p| total(p.region) >= threshold)
        .map_or(fallback, |p| BenefitPlaceDecision {
            region: p.region.to_owned(),
            rule: BenefitPlaceRule::PreviousPlace,
        })
}

/// The declared benefit place at `pointer` equals [`decide_benefit_place`]'s (compared at
/// `benefit_place_match_level`).
#[must_use]
pub fn check_benefit_place(
    declared: &str,
    hukou_region: &str,
    places: &[InsuredPlace<'_>],
    pointer: &str,
    params: &RuleParameters,
) -> Vec<Finding> {
    let d = decide_benefit_place(hukou_region, places, params);
    if regions::same_area(declared, &d.region, params.benefit_place_match_level) {
        return Vec::new();
    }
    let p = show(pointer);
    let n = d.rule.number();
    vec![Finding::new(
        RuleCode::BenefitPlace,
        pointer,
        format!(
            "the benefit-claiming place at {p} should be {} (rule {n} of the four, {}-year threshold)",
            d.region, params.benefit_place_min_years
        ),
        format!(
            "{p} 处的待遇领取地应为 {}（依四条规则中的第{n}条，{}年门槛）",
            d.region, params.benefit_place_min_years
        ),
    )]
}

// ---------------------------------------------------------------------------------------------
// Medical and unemployment

/// Continuity class of a medical-insurance gap (domain.md §4.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MedicalGapClass {
    /// No gap.
    Continuous,
    /// Gap of at most `medical_no_wait_max_gap_months` (3): back-payment, no waiting period.
    ShortGap,
    /// Longer gap (or a short gap when switching schemes with fewer than 24 continuous
    /// months): a waiting period of at most `medical_max_waiting_months` (6).
    LongGap,
}

/// The class of a gap of `gap_months` (see [`periods::gap_months`]). When switching between
/// employee and resident schemes, a short gap keeps its treatment only after
/// `medical_scheme_switch_min_months` (24) continuous months.
#[must_use]
pub fn medical_gap_class(
    gap_months: i64,
    switching_scheme: bool,
    continuous_months_before: u32,
    params: &RuleParameters,
) -> MedicalGapClass {
    if gap_months <= 0 {
        MedicalGapClass::Continuous
    } else if gap_months > i64::from(params.medical_no_wait_max_gap_months)
        || (switching_scheme && continuous_months_before < params.medical_scheme_switch_min_months)
    {
        MedicalGapClass::LongGap
    } else {
        MedicalGapClass::ShortGap
    }
}

/// The medical scheme joined at the new place (AAE140 / insutype, domain.md §1.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MedicalScheme {
    /// 310 职工基本医疗保险 — employee medical insurance.
    Employee,
    /// 390 城乡居民基本医疗保险 — resident medical insurance.
    Resident,
}

impl MedicalScheme {
    /// `"310"` → employee, `"390"` → resident, anything else `None`.
    #[must_use]
    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "310" => Some(Self::Employee),
            "390" => Some(Self::Resident),
            _ => None,
        }
    }
}

/// The facts the medical waiting-period rule needs (domain.md §4.2; domain-review §3 item 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MedicalWaitingCase {
    /// Scheme joined at the new place.
    pub scheme: MedicalScheme,
    /// Year the rule is judged in (the message's reference date): resident insurance uses
    /// 国办发〔2024〕38号 from `medical_resident_waiting_from_year`.
    pub year: i32,
    /// Months between the last contribution and the new insurance.
    pub gap_months: i64,
    /// Whether the gap was back-paid (`None`: not stated).
    pub back_paid: Option<bool>,
    /// Whether the person switches between the employee and resident schemes.
    pub switching_scheme: bool,
    /// Continuous months before the gap (2-year test when switching; 0 when unknown).
    pub continuous_months_before: u32,
}

/// The longest waiting period the rules allow for `case`, and how serious a longer one is:
///
/// - no gap: none (error above);
/// - resident insurance (390) from `medical_resident_waiting_from_year` (2025): the fixed
///   period (3) plus `medical_resident_waiting_months_per_lapse_year` (1) per year of lapse
///   begun (国办发〔2024〕38号; a warning above: "原则上", **K**);
/// - otherwise (2021 rule, 医保办发〔2021〕43号): a gap of at most 3 months that was back-paid:
///   none (error above); a short gap not (or not stated as) back-paid: the transfer-in place's
///   rules, at most `medical_max_waiting_months` (warning above); a longer gap: at most
///   `medical_max_waiting_months` (6, error above).
#[must_use]
pub fn medical_waiting_limit(
    case: &MedicalWaitingCase,
    params: &RuleParameters,
) -> (u32, Severity) {
    if case.gap_months <= 0 {
        return (0, Severity::Error);
    }
    if case.scheme == MedicalScheme::Resident
        && case.year >= params.medical_resident_waiting_from_year
    {
        let lapse_years = u32::try_from((case.gap_months + 11) / 12).unwrap_or(u32::MAX);
        let max = params.medical_resident_fixed_waiting_months.saturating_add(
            params
                .medical_resident_waiting_months_per_lapse_year
                .saturating_mul(lapse_years),
        );
        return (max, Severity::Warning);
    }
    match medical_gap_class(
        case.gap_months,
        case.switching_scheme,
        case.continuous_months_before,
        params,
    ) {
        MedicalGapClass::Continuous => (0, Severity::Error),
        MedicalGapClass::ShortGap if case.back_paid == Some(true) => (0, Severity::Error),
        MedicalGapClass::ShortGap => (params.medical_max_waiting_months, Severity::Warning),
        MedicalGapClass::LongGap => (params.medical_max_waiting_months, Severity::Error),
    }
}

/// The declared waiting period at `pointer` against [`medical_waiting_limit`]:
/// `rule.medical_waiting_period`, an error or a warning as the limit says.
#[must_use]
pub fn check_medical_waiting_period(
    case: &MedicalWaitingCase,
    declared_waiting_months: u32,
    pointer: &str,
    params: &RuleParameters,
) -> Vec<Finding> {
    let (max, severity) = medical_waiting_limit(case, params);
    if declared_waiting_months <= max {
        return Vec::new();
    }
    let p = show(pointer);
    let gap = case.gap_months;
    let (why_en, why_zh) = if case.scheme == MedicalScheme::Resident
        && case.year >= params.medical_resident_waiting_from_year
    {
        (
            format!(
                "resident insurance from {}: a fixed {} months plus {} per year of lapse",
                params.medical_resident_waiting_from_year,
                params.medical_resident_fixed_waiting_months,
                params.medical_resident_waiting_months_per_lapse_year
            ),
            format!(
                "{}年起居民医保：固定等待期{}个月，每断保1年增加{}个月",
                params.medical_resident_waiting_from_year,
                params.medical_resident_fixed_waiting_months,
                params.medical_resident_waiting_months_per_lapse_year
            ),
        )
    } else {
        let g = params.medical_no_wait_max_gap_months;
        (
            format!("no waiting after a back-paid gap of up to {g} months"),
            format!("中断不超过{g}个月且已补缴的无等待期"),
        )
    };
    let en = format!(
        "the waiting period at {p} ({declared_waiting_months} months) exceeds the {max} months \
         allowed after a gap of {gap} months ({why_en})"
    );
    let zh = format!(
        "{p} 处的等待期（{declared_waiting_months}个月）超过中断{gap}个月时允许的{max}个月（{why_zh}）"
    );
    // The severity comes from the scheme, year and gap class above: the row documents both.
    vec![Finding::with_severity(
        RuleCode::MedicalWaitingPeriod,
        severity,
        pointer,
        en,
        zh,
    )]
}

/// The national **maximum** of unemployment benefit months (失业保险条例 art. 17 "最长为"): the
/// tier of the contribution years (whole years of `contribution_months`), plus unused months
/// carried over from an earlier entitlement, capped at `unemployment_max_months` (domain.md
/// §4.3). Provinces grant fewer months by their own tables
/// ([`unemployment_regional_benefit_months`]).
#[must_use]
pub fn unemployment_benefit_months(
    contribution_months: u32,
    carried_over_months: u32,
    params: &RuleParameters,
) -> u32 {
    let years = contribution_months / 12;
    let tier = params
        .unemployment_tiers
        .iter()
        .filter(|t| years >= t.min_contribution_years)
        .map(|t| t.benefit_months)
        .max()
        .unwrap_or(0);
    tier.saturating_add(carried_over_months)
        .min(params.unemployment_max_months)
}

/// The months a provincial (or prefectural) table of `unemployment_regional_tiers` grants an
/// agency in `region` for `contribution_months`, plus carried-over months, capped at
/// `unemployment_max_months`; `None` when no table is configured for the region.
#[must_use]
pub fn unemployment_regional_benefit_months(
    region: &str,
    contribution_months: u32,
    carried_over_months: u32,
    params: &RuleParameters,
) -> Option<u32> {
    let table = params.unemployment_regional_table(region)?;
    let years = contribution_months / 12;
    let months = table
        .iter()
        .filter(|t| years >= t.min_contribution_years)
        .map(|t| t.benefit_months)
        .max()
        .unwrap_or(0);
    Some(
        months
            .saturating_add(carried_over_months)
            .min(params.unemployment_max_months),
    )
}

/// The declared benefit months at `pointer` do not exceed the national maximum
/// [`unemployment_benefit_months`] (an **error** above it); fewer months are lawful
/// (provincial tables). 失业保险条例 art. 17, LL-RULE-010.
#[must_use]
pub fn check_unemployment_months(
    contribution_months: u32,
    carried_over_months: u32,
    declared_months: u32,
    pointer: &str,
    params: &RuleParameters,
) -> Vec<Finding> {
    let max = unemployment_benefit_months(contribution_months, carried_over_months, params);
    if declared_months <= max {
        return Vec::new();
    }
    let p = show(pointer);
    vec![Finding::new(
        RuleCode::UnemploymentMonths,
        pointer,
        format!(
            "the benefit months at {p} ({declared_months}) exceed the national maximum of {max} \
             for {contribution_months} contribution months plus {carried_over_months} carried over"
        ),
        format!(
            "{p} 处的领取月数（{declared_months}）超过缴费{contribution_months}个月、结转{carried_over_months}个月时的全国最长期限{max}个月"
        ),
    )]
}

/// The unemployment transfer amount at `pointer` equals the remaining benefit × 1.5
/// (half-up to the fen; domain.md §4.3).
#[must_use]
pub fn check_unemployment_transfer(
    remaining_benefit_fen: i64,
    stated_fen: i64,
    pointer: &str,
    params: &RuleParameters,
) -> Vec<Finding> {
    let Some(expected) = amounts::unemployment_transfer_amount(remaining_benefit_fen, params)
    else {
        return vec![amount_invalid(pointer)];
    };
    if stated_fen == expected {
        return Vec::new();
    }
    let p = show(pointer);
    let r = params.unemployment_transfer_factor;
    vec![Finding::new(
        RuleCode::UnemploymentTransferAmount,
        pointer,
        format!(
            "the transfer amount at {p} is {stated_fen} fen; {}/{} of the remaining benefit is \
             {expected} fen",
            r.numerator, r.denominator
        ),
        format!(
            "{p} 处的转移金额为{stated_fen}分，应为剩余待遇的{}/{}即{expected}分",
            r.numerator, r.denominator
        ),
    )]
}

// ---------------------------------------------------------------------------------------------
// Amounts

fn amount_invalid(pointer: &str) -> Finding {
    let p = show(pointer);
    Finding::new(
        RuleCode::AmountInvalid,
        pointer,
        format!("the amount at {p} is negative or too large"),
        format!("{p} 处的金额为负数或超出范围"),
    )
}

/// The pooled-fund table: each row (at `rows_pointer/i`) has a year ≥ 1998 not repeated,
/// 1–12 months, and amount = 12% × base rounded half-up; the total at `total_pointer` is the
/// sum of the rows ([`amounts::ROUNDING_RULE`]; domain.md §4.1, §4.4). The regulation does not
/// define rounding: a row within `pooled_fund_rounding_tolerance_fen_per_month` × its months
/// of the SDK's amount (a total within that × the rows' months of their sum) is a **warning**,
/// beyond it an error.
#[must_use]
pub fn check_pooled_fund(
    rows: &[PooledFundRow],
    stated_total_fen: i64,
    rows_pointer: &str,
    total_pointer: &str,
    params: &RuleParameters,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut seen = HashSet::with_capacity(rows.len());
    let first = params.pooled_fund_first_year;
    let rate = params.pooled_fund_rate_bp;
    for (i, r) in rows.iter().enumerate() {
        // The row's pointer is built only for a finding: a clean row allocates nothing.
        let row = || at(rows_pointer, i);
        let y = r.year;
        if y < first || !seen.insert(y) {
            let p = row();
            out.push(Finding::new(
                RuleCode::PooledFundYear,
                &p,
                format!("the pooled-fund row at {p} has year {y}, before {first} or repeated"),
                format!("{p} 处的统筹基金行年度为{y}，早于{first}年或重复"),
            ));
        }
        if !(1..=12).contains(&r.months) {
            let m = r.months;
            let p = row();
            out.push(Finding::new(
                RuleCode::PooledFundMonths,
                &p,
                format!("the pooled-fund row at {p} has {m} months; a year has 1 to 12"),
                format!("{p} 处的统筹基金行月数为{m}，应为1至12"),
            ));
        }
        match amounts::pooled_fund_amount(r.annual_base_fen, params) {
            None => out.push(amount_invalid(&row())),
            Some(_) if r.amount_fen < 0 => out.push(amount_invalid(&row())),
            Some(expected) if expected != r.amount_fen => {
                let p = row();
                let p = p.as_str();
                let (a, b) = (r.amount_fen, r.annual_base_fen);
                let tolerance = rounding_tolerance(u64::from(r.months), params);
                let within = a.abs_diff(expected) <= tolerance;
                let en = format!(
                    "the pooled-fund row at {p} states {a} fen; {rate} basis points of the \
                     base {b} fen, rounded half-up, is {expected} fen{}",
                    if within {
                        format!(" (within the rounding tolerance of {tolerance} fen)")
                    } else {
                        String::new()
                    }
                );
                let zh = format!(
                    "{p} 处的统筹基金金额为{a}分；缴费基数{b}分的万分之{rate}（四舍五入到分）应为{expected}分{}",
                    if within {
                        format!("（在{tolerance}分的舍入容差内）")
                    } else {
                        String::new()
                    }
                );
                out.push(if within {
                    Finding::with_severity(RuleCode::PooledFundRow, Severity::Warning, p, en, zh)
                } else {
                    Finding::new(RuleCode::PooledFundRow, p, en, zh)
                });
            }
            Some(_) => {}
        }
    }
    let months: u64 = rows.iter().map(|r| u64::from(r.months)).sum();
    out.extend(total_of_rows(
        RuleCode::PooledFundTotal,
        ("pooled-fund", "统筹基金"),
        amounts::sum_fen(rows.iter().map(|r| r.amount_fen)),
        stated_total_fen,
        total_pointer,
        rounding_tolerance(months, params),
    ));
    out
}

/// `pooled_fund_rounding_tolerance_fen_per_month` × `months`, in fen.
fn rounding_tolerance(months: u64, params: &RuleParameters) -> u64 {
    months.saturating_mul(u64::from(
        params.pooled_fund_rounding_tolerance_fen_per_month,
    ))
}

/// The stated total at `total_pointer` against the sum of its rows (`None`: the sum overflowed,
/// `rule.amount_invalid`). `what` names the table in English and Chinese. A difference of at
/// most `tolerance_fen` (rounding, see [`check_pooled_fund`]) is a warning.
fn total_of_rows(
    code: RuleCode,
    what: (&str, &str),
    sum: Option<i64>,
    stated_total_fen: i64,
    total_pointer: &str,
    tolerance_fen: u64,
) -> Option<Finding> {
    let p = show(total_pointer);
    let (en, zh) = what;
    match sum {
        Some(sum) if sum == stated_total_fen => None,
        Some(sum) if sum.abs_diff(stated_total_fen) <= tolerance_fen => {
            Some(Finding::with_severity(
                code,
                Severity::Warning,
                total_pointer,
                format!(
                    "the {en} total at {p} is {stated_total_fen} fen; its rows sum to {sum} fen \
                 (within the rounding tolerance of {tolerance_fen} fen)"
                ),
                format!(
                    "{p} 处的{zh}合计为{stated_total_fen}分，各行之和为{sum}分（在{tolerance_fen}分的舍入容差内）"
                ),
            ))
        }
        Some(sum) => Some(Finding::new(
            code,
            total_pointer,
            format!("the {en} total at {p} is {stated_total_fen} fen; its rows sum to {sum} fen"),
            format!("{p} 处的{zh}合计为{stated_total_fen}分，各行之和为{sum}分"),
        )),
        None => Some(amount_invalid(total_pointer)),
    }
}

/// The personal-account table: the total at `total_pointer` = Σ (credit + interest) of the
/// rows (error); each row from 1998 with a known base credits the normalised recording rate
/// (11% 1998–2005, 8% from 2006) — a **warning** when it does not (domain.md §4.1, §4.4).
#[must_use]
pub fn check_personal_account(
    rows: &[PersonalAccountRow],
    stated_total_fen: i64,
    rows_pointer: &str,
    total_pointer: &str,
    params: &RuleParameters,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        // As in check_pooled_fund: the pointer only for a finding.
        let row = || at(rows_pointer, i);
        if r.credit_fen < 0 || r.interest_fen < 0 || r.annual_base_fen < 0 {
            out.push(amount_invalid(&row()));
            continue;
        }
        if r.annual_base_fen == 0 {
            continue;
        }
        let expected = amounts::expected_personal_credit(r.year, r.annual_base_fen, params);
        let rate = amounts::personal_account_rate_bp(r.year, params);
        if let (Some(expected), Some(rate)) = (expected, rate) {
            if expected != r.credit_fen {
                let c = r.credit_fen;
                let p = row();
                out.push(Finding::new(
                    RuleCode::PersonalAccountCredit,
                    &p,
                    format!(
                        "the personal-account row at {p} credits {c} fen; the recording rate of \
                         {rate} basis points gives {expected} fen"
                    ),
                    format!(
                        "{p} 处的个人账户记账额为{c}分；按万分之{rate}记账比例应为{expected}分"
                    ),
                ));
            }
        }
    }
    out.extend(total_of_rows(
        RuleCode::PersonalAccountTotal,
        ("personal-account", "个人账户"),
        amounts::personal_account_total(rows),
        stated_total_fen,
        total_pointer,
        rounding_tolerance(rows.iter().map(|r| u64::from(r.months)).sum(), params),
    ));
    out
}

/// The amount of the information table (信息表) at `pointer` equals the amount of the fund
/// transfer it refers to ("信息、资金匹配一致", domain.md §0.2, §4.4).
#[must_use]
pub fn check_amount_match(info_fen: i64, transferred_fen: i64, pointer: &str) -> Vec<Finding> {
    if info_fen < 0 || transferred_fen < 0 {
        return vec![amount_invalid(pointer)];
    }
    if info_fen == transferred_fen {
        return Vec::new();
    }
    let p = show(pointer);
    vec![Finding::new(
        RuleCode::AmountMismatch,
        pointer,
        format!(
            "the amount at {p} ({info_fen} fen) differs from the fund transfer ({transferred_fen} fen)"
        ),
        format!("{p} 处的金额（{info_fen}分）与基金划转金额（{transferred_fen}分）不一致"),
    )]
}

// ---------------------------------------------------------------------------------------------
// Periods

/// Parses a period range whose start is at `pointer/start` and end at `pointer/end`
/// (`None` = open).
///
/// # Errors
/// `rule.period_format` for a malformed month, `rule.period_order` when the end is before
/// the start.
pub fn check_period_range(
    start: &str,
    end: Option<&str>,
    pointer: &str,
) -> Result<PeriodRange, Vec<Finding>> {
    let fmt_err = |field: &str| {
        let ptr = format!("{pointer}/{field}");
        let p = ptr.clone();
        Finding::new(
            RuleCode::PeriodFormat,
            &ptr,
            format!("the period at {p} is not a month YYYY-MM"),
            format!("{p} 处的期间不是 YYYY-MM 格式的年月"),
        )
    };
    period_range(start, end).map_err(|bad| match bad {
        RangeFault::Start => vec![fmt_err("start")],
        RangeFault::End => vec![fmt_err("end")],
        RangeFault::Order => {
            let p = show(pointer);
            vec![Finding::new(
                RuleCode::PeriodOrder,
                pointer,
                format!("the period range at {p} ends before it starts"),
                format!("{p} 处的期间终止年月早于起始年月"),
            )]
        }
    })
}

/// What is wrong with a period range (see [`period_range`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RangeFault {
    /// `start` is not a month `YYYY-MM`.
    Start,
    /// `end` is not a month `YYYY-MM`.
    End,
    /// `end` comes before `start`.
    Order,
}

/// The decision of [`check_period_range`] without its texts: the rules walk asks this first
/// and builds the pointer and the findings only for a range that is wrong.
pub(crate) fn period_range(start: &str, end: Option<&str>) -> Result<PeriodRange, RangeFault> {
    let s = Period::parse(start).ok_or(RangeFault::Start)?;
    let e = match end {
        Some(t) => Some(Period::parse(t).ok_or(RangeFault::End)?),
        None => None,
    };
    PeriodRange::new(s, e).ok_or(RangeFault::Order)
}

/// No two ranges of the same scheme overlap (within one record: domain.md §4.4; overlaps
/// between sender and receiver are cleared after transfer, "先转后清"). Each overlapping range
/// is reported at `pointer/j`, naming the other.
#[must_use]
pub fn check_periods_no_overlap<S: AsRef<str>>(
    ranges: &[(S, PeriodRange)],
    pointer: &str,
) -> Vec<Finding> {
    periods::find_overlaps(ranges)
        .into_iter()
        .map(|(i, j)| {
            let pj = at(pointer, j);
            let pi = at(pointer, i);
            let scheme = ranges.get(j).map_or("", |(s, _)| s.as_ref());
            Finding::new(
                RuleCode::PeriodOverlap,
                &pj,
                format!(
                    "the period at {pj} overlaps the period at {pi} of the same scheme {scheme}"
                ),
                format!("{pj} 处的期间与同一险种（{scheme}）{pi} 处的期间重叠"),
            )
        })
        .collect()
}

/// The stated month count at `pointer` equals the months of the ranges (open ranges counted
/// through `as_of`). domain.md §4.4 ("sum of months = stated 实际缴费月数").
#[must_use]
pub fn check_months_total(
    ranges: &[PeriodRange],
    stated_months: u64,
    as_of: Period,
    pointer: &str,
) -> Vec<Finding> {
    let sum = periods::total_months(ranges, as_of);
    if sum == stated_months {
        return Vec::new();
    }
    let p = show(pointer);
    vec![Finding::new(
        RuleCode::MonthsMismatch,
        pointer,
        format!("the month count at {p} is {stated_months}; the periods cover {sum} months"),
        format!("{p} 处的月数为{stated_months}，各期间合计{sum}个月"),
    )]
}

// ---------------------------------------------------------------------------------------------
// Deadlines

/// A step started on `start` and done on `done` (at `pointer`) within `working_days`
/// working days: a **warning** `rule.deadline_missed` when late (never an error), plus a
/// **warning** `rule.calendar_provisional` when the dates touch a year whose holiday schedule
/// is not confirmed.
#[must_use]
pub fn check_deadline(
    start: Date,
    done: Date,
    working_days: u32,
    pointer: &str,
    calendar: &HolidayCalendar,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let p = show(pointer);
    let taken = calendar.working_days_between(start, done);
    if taken > i64::from(working_days) {
        let due = calendar
            .add_working_days(start, working_days)
            .map_or_else(String::new, |d| d.to_string());
        out.push(Finding::new(
            RuleCode::DeadlineMissed,
            pointer,
            format!(
                "the step at {p} took {taken} working days, more than the deadline of \
                 {working_days} (due {due})"
            ),
            format!("{p} 处的环节用时{taken}个工作日，超过{working_days}个工作日的时限（应于{due}前完成）"),
        ));
    }
    if !calendar.is_confirmed_between(start, done) {
        out.push(Finding::new(
            RuleCode::CalendarProvisional,
            pointer,
            format!(
                "the working days at {p} were counted with a holiday calendar ({}) whose schedule \
                 for these years is not confirmed",
                calendar.version()
            ),
            format!(
                "{p} 处的工作日按节假日历（{}）计算，相关年份的安排尚未确认",
                calendar.version()
            ),
        ));
    }
    out
}

/// [`check_deadline`] with the deadline of `step` from `params.deadlines`; nothing when that
/// deadline is `None` (not checked, e.g. the family-planning deadlines by default).
#[must_use]
pub fn check_step_deadline(
    step: DeadlineStep,
    start: Date,
    done: Date,
    pointer: &str,
    params: &RuleParameters,
    calendar: &HolidayCalendar,
) -> Vec<Finding> {
    match params.deadlines.working_days(step) {
        Some(days) => check_deadline(start, done, days, pointer, calendar),
        None => Vec::new(),
    }
}
