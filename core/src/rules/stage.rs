//! The business-rules stage (stage 7 of the verifier, DESIGN §7): [`RulesStage`] walks a
//! message body by the schema's field names and applies every rule of domain.md §2.5, §3.4,
//! §4.4 and §5 that the body's fields allow, using the rule functions of
//! [`crate::rules::checks`].
//!
//! Error findings reject the message (`rule.violation`, see [`Stage::check`] below); warnings
//! (a missed deadline, a personal-account credit off the recording rate, a temporary account
//! that looks required but is not declared…) are returned with the verified message.
//!
//! Rules that need two messages cannot run inside a single-message stage; they are functions
//! here, to call once both messages are verified:
//! - [`check_fund_matches_information`]: information-table amount = fund-transfer amount;
//! - [`check_deadline`] (or [`RulesStage::check_deadline`]): deadlines counted from the
//!   earlier message (`in_reply_to`);
//! - [`check_arrival_against_roster`]: arrival (start date) not before the roster's departure.
//!
//! **Reference date.** "Today" for the rules (an ID's birth date not in the future, a
//! certificate not issued after the message, open periods counted through…) is the message's
//! `issued_at` as a calendar date **in China Standard Time (UTC+8)**, the time zone of every
//! party; [`ReferenceDate::Fixed`] overrides it. Deadlines always end at the message's own
//! `issued_at` date (UTC+8).
//!
//! **What is checked where** (pointers are into the document, e.g. `/body/person/citizen_id`):
//!
//! | message type | rules |
//! |---|---|
//! | every type | `/from/region`, `/to/region`: current GB/T 2260 code |
//! | every person block (`person`, `mother`, `father`, `workers/i/person`, children) | citizen ID (MOD 11-2, birth date ≤ reference date, address code current ∪ historic); declared `sex` and `birth_date` = the ID's |
//! | every `citizen_id` of a person reference, `spouse`, `decisions/i` | citizen ID |
//! | every organisation (`employer`, `agency`, `issuer`, `new_employer`) | USCC (errors; registration pair and region as warnings); `region` current |
//! | every other region field (`hukou_region`, `registration_region`, `residence_region`, `registered_at`, `payer_region`, `insured_region`, agency and address regions, reconciliation counties, agreement parties) | current GB/T 2260 code |
//! | `worker_transfer.job_demand`, `.arrival`, `.insurance_enrolment` | workplace / insured region inside the sender's prefecture (the receiving city, domain.md §2.5 "3302xx") |
//! | `worker_transfer.roster` | minimum working age at `departure_date` (else the reference date), 16–17 a minor-worker warning; training certificate numbers plausible |
//! | `worker_transfer.roster_reply` | minimum working age (and minor-worker warning) at `expected_start` of accepted workers (birth date from the ID) |
//! | `worker_transfer.arrival` | minimum working age (and minor-worker warning) at `start_date` (birth date from the ID) |
//! | `worker_transfer.insurance_enrolment` | `enrolled_on` ≤ 30 days after `start_date` (社会保险法 art. 58, warning) |
//! | `worker_transfer.cooperation_agreement` | milestones strictly ascending; subsidy milestones among them; `valid_until` ≥ `valid_from` |
//! | `social_insurance.benefit_place_decision` | `benefit_region` = the four rules over `places`, and `rule` the one that gives it (warning); `statutory_retirement_month` = the 2025 reform's; bridging at or after it and in the direction the employee months give; aggregation covers every place outside the benefit area (temporary accounts as such) and none inside |
//! | `worker_transfer.certificate_attestation` | certificate number against kind, level and issue year (§1.4); issued on or before the message date |
//! | `worker_transfer.retention` | `claimed_total_fen` = Σ claims, `approved_total_fen` = Σ decisions; a claim's worker has wage-payment evidence (warning) |
//! | `worker_transfer.reconciliation` | `totals` = Σ `rows` per count |
//! | `family_planning.certificate` | issue/update only for women aged 18–49 on `issued_on` |
//! | `family_planning.arrival_notice` | registration ≤ 30 calendar days after arrival (warning) |
//! | `family_planning.verification_request`, `.birth_registration_notice`, `social_insurance.contact_letter`, `.application_refusal` | deadlines counted from a date in the body (warnings, flow table) |
//! | `family_planning.benefit_notice`, `.service_notice` | period ranges well-formed |
//! | `social_insurance.contribution_certificate` | insured periods (format, order, no overlap), `contribution_months` = months of the periods, personal account principal + interest = balance |
//! | `social_insurance.transfer_application` | temporary-account rule (scheme 110, when `hukou_region` is given) |
//! | `social_insurance.transfer_information` | insured periods; Σ `years/i/months` = `totals/contribution_months` = insured months less withheld months; pooled fund 12% per year ≥ 1998 and rows = total; personal-account rows = total (rate as warning); `totals/base_fen` = Σ rows; `transfer_fen` = its components per scheme; back-payments of ≥ 3 years without a prior legal document are withheld; unemployment tier, remaining months, supplement and 1.5×; personal account principal + interest = balance; every period's `months` = its range |
//! | `social_insurance.fund_transfer` | `amount_fen` = Σ `components` |
//! | `social_insurance.transfer_completion` | overlap-clearing periods; medical waiting period against the gap class |
//! | `worker_rights.wage_arrears_referral` | unpaid period ordered and not after the message month; each `monthly` month inside it, listed once; `amount_owed_fen` = Σ `monthly`; report date not in the future |
//! | `worker_rights.wage_arrears_outcome` | paid ≤ owed; `paid` = owed, `partly_paid` between 0 and owed; dates not in the future |
//! | `worker_rights.work_injury_notice` | accident, filing and acceptance not in the future and in order; filing within the employer's 30 days / the worker's 1 year (warning) |
//! | `worker_rights.work_injury_decision` | decision not before acceptance, assessment not before decision; grade 1–10; no assessment or benefits when not recognised; benefits total = Σ items; 60-day decision deadline (warning, flow table) |
//! | `worker_rights.dispute_referral` | dates not in the future; arbitration not before the dispute, within the 1-year limitation (warning; wages only: from the end of employment, none while it lasts) |
//! | `worker_rights.dispute_outcome` | paid ≤ awarded; date not in the future |
//!
//! Not wired (no field carries the input): the scheme-switch 2-year test (no body says a scheme is switched),
//! duplicate placements and birth registrations (need other messages or a register).
//!
//! Every code it emits is a [`crate::rules::RuleCode`].
//!
//! Body fields are named through the generated constants of [`crate::messages::pointers`]
//! (`b::WORKERS`, `b::workers::PERSON`, `ptr::defs::person::CITIZEN_ID`), never through
//! hand-written pointer strings: a field the schema does not have does not compile.

use std::borrow::Cow;

use serde_json::Value;

use crate::envelope::Document;
use crate::error::{Error, ErrorCode, Result, Violation};
use crate::flows_imp::{self as flows, FlowTable};
use crate::messages::pointers as ptr;
use crate::rules::amounts::{self, PersonalAccountRow, PooledFundRow};
use crate::rules::calendar::HolidayCalendar;
use crate::rules::checks::{self, MedicalScheme, MedicalWaitingCase, TemporaryAccountCase};
use crate::rules::codes::national::{self, CodeProblem, CodeTable};
use crate::rules::ids::ParsedCitizenId;
use crate::rules::params::{RetirementCategory, RuleParameters};
use crate::rules::periods::{Period, PeriodRange};
use crate::rules::regions::{self, RegionTable};
use crate::rules::{Date, Finding, RuleCode, Severity, Sex, findings_to_error, has_errors};
use crate::time::Timestamp;
use crate::verify::Stage;

/// `date` plus `months` calendar months, the day clamped to the month's end (2025-02-28 for
/// 2024-02-29 plus 12 months).
fn add_months(date: Date, months: u32) -> Option<Date> {
    let index = i64::from(date.year()) * 12 + i64::from(date.month()) - 1 + i64::from(months);
    let year = i32::try_from(index.div_euclid(12)).ok()?;
    let month = u32::try_from(index.rem_euclid(12)).ok()? + 1;
    (0..4).find_map(|back| Date::new(year, month, date.day().saturating_sub(back)))
}

/// China Standard Time offset from UTC, in seconds (UTC+8, no daylight saving).
pub(crate) const CHINA_UTC_OFFSET_SECONDS: i64 = 8 * 3600;

/// Which date the rules treat as "today".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReferenceDate {
    /// The message's `issued_at`, as a date in China Standard Time (UTC+8).
    #[default]
    IssuedAt,
    /// A fixed date (e.g. re-checking an archive as of a given day).
    Fixed(Date),
}

/// The business-rules stage (stage 7) of the catalogue's verifier profile; give one with other
/// parameters through [`crate::Catalogue::with_rules`].
///
/// ```
/// use labourlink::rules::Date;
/// use labourlink::rules::stage::{ReferenceDate, RulesStage};
/// use labourlink::verify::Verifier;
/// use labourlink::Catalogue;
/// let day = Date::new(2026, 12, 1).unwrap();
/// let rules = RulesStage::default().with_reference_date(ReferenceDate::Fixed(day));
/// let builder = Verifier::builder().profile(Catalogue::with_rules(rules));
/// # let _ = builder;
/// ```
#[derive(Debug, Clone)]
pub struct RulesStage {
    params: RuleParameters,
    calendar: Cow<'static, HolidayCalendar>,
    regions: Cow<'static, RegionTable>,
    reference: ReferenceDate,
}

impl Default for RulesStage {
    fn default() -> Self {
        Self::new(RuleParameters::default())
    }
}

impl RulesStage {
    /// A stage with these parameters, the embedded holiday calendar and the message date as
    /// reference date.
    #[must_use]
    pub fn new(params: RuleParameters) -> Self {
        Self {
            params,
            calendar: Cow::Borrowed(HolidayCalendar::embedded()),
            regions: Cow::Borrowed(RegionTable::embedded()),
            reference: ReferenceDate::IssuedAt,
        }
    }

    /// Uses another GB/T 2260 table (the embedded lists with the changes of a signed
    /// reference-data document applied) for every region and address-code check.
    #[must_use]
    pub fn with_regions(mut self, regions: RegionTable) -> Self {
        self.regions = Cow::Owned(regions);
        self
    }

    /// Uses another holiday calendar (e.g. a newer file loaded with
    /// [`HolidayCalendar::from_tsv`]).
    #[must_use]
    pub fn with_calendar(mut self, calendar: HolidayCalendar) -> Self {
        self.calendar = Cow::Owned(calendar);
        self
    }

    /// Sets the reference date.
    #[must_use]
    pub fn with_reference_date(mut self, reference: ReferenceDate) -> Self {
        self.reference = reference;
        self
    }

    /// The parameters.
    #[must_use]
    pub fn params(&self) -> &RuleParameters {
        &self.params
    }

    /// The holiday calendar.
    #[must_use]
    pub fn calendar(&self) -> &HolidayCalendar {
        &self.calendar
    }

    /// The GB/T 2260 table.
    #[must_use]
    pub fn regions(&self) -> &RegionTable {
        &self.regions
    }

    /// The reference date for `document` (see [`ReferenceDate`]); [`Date::MAX`] when the
    /// document's `issued_at` does not parse (the envelope check refuses such documents), and
    /// the nearest representable date when it falls outside the years 1 to 9999 in China
    /// Standard Time — [`Date::MIN`] for an `issued_at` in year 0000, so that every "not
    /// after the message date" rule applies instead of none (a far-future fallback had let
    /// `validate` pass such a document without a finding).
    #[must_use]
    pub fn reference_date(&self, document: &Document) -> Date {
        match self.reference {
            ReferenceDate::Fixed(d) => d,
            ReferenceDate::IssuedAt => match Timestamp::parse(&document.issued_at) {
                Ok(t) => Date::from_instant_china(t).unwrap_or(if t.unix_seconds() < 0 {
                    Date::MIN
                } else {
                    Date::MAX
                }),
                Err(_) => Date::MAX,
            },
        }
    }

    /// Every finding (errors and warnings) for one document, in body order.
    #[must_use]
    pub fn findings(&self, document: &Document) -> Vec<Finding> {
        let mut w = Walk {
            doc: document,
            body: &document.body,
            params: &self.params,
            calendar: &self.calendar,
            regions: &self.regions,
            today: self.reference_date(document),
            out: Vec::new(),
            parent: std::cell::RefCell::new((String::new(), None)),
        };
        w.run();
        w.out
    }

    /// [`check_deadline`] with this stage's parameters and calendar.
    #[must_use]
    pub fn check_deadline(&self, reply: &Document, earlier: &Document) -> Vec<Finding> {
        deadline_findings(reply, Some(earlier), &self.params, &self.calendar)
    }
}

impl Stage for RulesStage {
    /// Runs [`RulesStage::findings`]. With at least one error: `Err(rule.violation)` whose
    /// violations are **all** findings, errors first, then warnings (in body order within
    /// each group) — a [`Violation`] carries no severity, use [`RulesStage::findings`] or
    /// [`crate::validate`] to tell them apart. Without errors: the warnings.
    fn check(&self, document: &Document) -> Result<Vec<Violation>> {
        into_stage_result(self.findings(document))
    }

    /// The two-message rules of a reply: deadlines counted from the earlier message (warnings),
    /// the fund transfer's amount against the information table it follows, the arrival against
    /// the roster it follows.
    fn check_reply(&self, reply: &Document, earlier: &Document) -> Result<Vec<Violation>> {
        let mut findings = self.check_deadline(reply, earlier);
        findings.extend(check_fund_matches_information(earlier, reply));
        findings.extend(check_arrival_against_roster(reply, earlier));
        into_stage_result(findings)
    }
}

/// Errors reject (`rule.violation` carrying every finding, errors first); otherwise the
/// warnings are returned.
fn into_stage_result(findings: Vec<Finding>) -> Result<Vec<Violation>> {
    if !has_errors(&findings) {
        return Ok(findings.into_iter().map(|f| f.violation).collect());
    }
    let err = findings_to_error(&findings).unwrap_or_else(|| {
        Error::new(
            ErrorCode::RuleViolation,
            "a business rule rejected the message",
        )
    });
    let (errors, warnings): (Vec<Finding>, Vec<Finding>) =
        findings.into_iter().partition(Finding::is_error);
    let all = errors
        .into_iter()
        .chain(warnings)
        .map(|f| f.violation)
        .collect();
    Err(err.with_violations(all))
}

/// The `issued_at` of a document as a calendar date in China Standard Time (UTC+8).
#[must_use]
pub(crate) fn issued_date(document: &Document) -> Option<Date> {
    Date::from_instant_china(Timestamp::parse(&document.issued_at).ok()?)
}

// ---------------------------------------------------------------------------------------------
// Two-message rules

/// Information-table amount = fund-transfer amount ("信息、资金匹配一致", domain.md §0.2,
/// §4.4): `info` is a `social_insurance.transfer_information`, `fund` a
/// `social_insurance.fund_transfer`; the finding (`rule.amount_mismatch`, error) points at
/// `/body/amount_fen` **of the fund transfer**. Nothing is reported when either document is
/// of another type or lacks the amount (the schema stage reports that).
#[must_use]
pub fn check_fund_matches_information(info: &Document, fund: &Document) -> Vec<Finding> {
    if info.message_type != "social_insurance.transfer_information"
        || fund.message_type != "social_insurance.fund_transfer"
    {
        return Vec::new();
    }
    let amount = |d: &Document, p: &str| d.body.pointer(p).and_then(Value::as_i64);
    let (info_amount, fund_amount) = (
        ptr::social_insurance::transfer_information::TRANSFER_FEN,
        ptr::social_insurance::fund_transfer::AMOUNT_FEN,
    );
    match (amount(info, info_amount), amount(fund, fund_amount)) {
        (Some(i), Some(f)) => {
            checks::check_amount_match(i, f, &format!("{}{fund_amount}", ptr::envelope::BODY))
        }
        _ => Vec::new(),
    }
}

/// Deadline warnings of `reply` that count from the earlier message `earlier` (the message it
/// answers): the flow table's `deadlines` of the reply's type whose start is `in_reply_to`
/// (`earlier`'s `issued_at` date) or which apply only when answering a given type, with the
/// reply's `issued_at` date (UTC+8) as the end, pointer `/issued_at`. Plus, for a
/// `social_insurance.transfer_information` answering a `social_insurance.contact_letter`,
/// each `withheld_periods/i/person_notified_on` within `deadlines.pension_back_payment_notice`
/// working days of the contact letter (domain.md §4.1 \[S8\]).
///
/// The deadline is the parameter of [`RuleParameters`] the flow table's parameter names
/// (`deadline.social_insurance.contact_letter` → `deadlines.pension_contact_letter`, …), else
/// the flow table's default (`null` = not checked). Working days use the embedded calendar
/// (a `rule.calendar_provisional` warning joins a deadline counted over an unconfirmed
/// year). Deadlines counted from a date inside the reply are checked by [`RulesStage`]
/// itself. Whether `reply` really answers `earlier` is [`flows::check_reply`]'s business; all
/// findings are warnings.
#[must_use]
pub fn check_deadline(
    reply: &Document,
    earlier: &Document,
    params: &RuleParameters,
) -> Vec<Finding> {
    deadline_findings(reply, Some(earlier), params, HolidayCalendar::embedded())
}

/// Arrival after departure (domain.md §2.3 A3): each placement of a
/// `worker_transfer.arrival` whose roster line (`roster_line`, else the same citizen ID) has a
/// `departure_date` in the `worker_transfer.roster` must start (`start_date`) on or after it
/// (`rule.arrival_before_departure`, error, at `/body/placements/i/start_date`).
#[must_use]
pub fn check_arrival_against_roster(arrival: &Document, roster: &Document) -> Vec<Finding> {
    if arrival.message_type != "worker_transfer.arrival"
        || roster.message_type != "worker_transfer.roster"
    {
        return Vec::new();
    }
    use ptr::defs::person_ref;
    use ptr::worker_transfer::{arrival as a, roster as r};
    let empty = Vec::new();
    let workers = roster
        .body
        .pointer(r::WORKERS)
        .and_then(Value::as_array)
        .unwrap_or(&empty);
    let placements = arrival
        .body
        .pointer(a::PLACEMENTS)
        .and_then(Value::as_array)
        .unwrap_or(&empty);
    let placement_id = cat(a::placements::PERSON, person_ref::CITIZEN_ID);
    let worker_id = cat(r::workers::PERSON, ptr::defs::person::CITIZEN_ID);
    let mut out = Vec::new();
    for (i, p) in placements.iter().enumerate() {
        let line = p
            .pointer(a::placements::ROSTER_LINE)
            .and_then(Value::as_i64);
        let id = p.pointer(&placement_id).and_then(Value::as_str);
        let worker = workers.iter().find(|w| match line {
            Some(l) => w.pointer(r::workers::LINE).and_then(Value::as_i64) == Some(l),
            None => id.is_some() && w.pointer(&worker_id).and_then(Value::as_str) == id,
        });
        let departure = worker
            .and_then(|w| w.pointer(r::workers::DEPARTURE_DATE))
            .and_then(Value::as_str)
            .and_then(Date::parse);
        let start = p
            .pointer(a::placements::START_DATE)
            .and_then(Value::as_str)
            .and_then(Date::parse);
        if let (Some(dep), Some(start)) = (departure, start) {
            out.extend(checks::check_arrival_after_departure(
                dep,
                start,
                &format!(
                    "{}{}/{i}{}",
                    ptr::envelope::BODY,
                    a::PLACEMENTS,
                    a::placements::START_DATE
                ),
            ));
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Deadlines

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    WorkingDays,
    CalendarDays,
}

const ARRIVAL_REGISTRATION: &str = "deadline.family_planning.arrival_registration";

/// The deadline a flow-table parameter names: the [`RuleParameters`] value when there is
/// one, else the table's default.
pub(crate) fn deadline_value(
    name: &str,
    params: &RuleParameters,
    table: &FlowTable,
) -> Option<(u32, Unit)> {
    let d = &params.deadlines;
    let days = match name {
        ARRIVAL_REGISTRATION => Some(params.arrival_registration_days),
        // Not checked by default (`None`): the flow table's default (null) then applies.
        "deadline.family_planning.verification_request" => d.fp_verification_request,
        "deadline.family_planning.verification_reply" => d.fp_verification_reply,
        "deadline.family_planning.birth_registration_notice" => d.fp_birth_notice,
        "deadline.social_insurance.contact_letter" => Some(d.pension_contact_letter),
        "deadline.social_insurance.information_table" => Some(d.pension_transfer),
        "deadline.social_insurance.withheld_notice" => Some(d.pension_back_payment_notice),
        "deadline.social_insurance.completion" => Some(d.pension_completion),
        "deadline.social_insurance.medical_information_table" => Some(d.medical_sender),
        "deadline.social_insurance.medical_completion" => Some(d.medical_receiver),
        "deadline.worker_rights.work_injury_decision" => Some(params.work_injury_decision_days),
        _ => None,
    };
    let entry = table.parameters.get(name);
    let unit = match entry.map(|p| p.unit.as_str()) {
        Some("calendar_days") => Unit::CalendarDays,
        _ => Unit::WorkingDays,
    };
    let days = match days {
        Some(v) => v,
        None => u32::try_from(entry?.default?).ok()?,
    };
    Some((days, unit))
}

pub(crate) fn body_date(doc: &Document, pointer: &str) -> Option<Date> {
    let rel = pointer.strip_prefix("/body")?;
    crate::rules::lookup(&doc.body, rel)
        .and_then(Value::as_str)
        .and_then(Date::parse)
}

/// Deadline findings. `earlier == None`: the entries measurable from the reply alone (start
/// in the body, no `answering`). `Some`: the entries that need the earlier message.
fn deadline_findings(
    reply: &Document,
    earlier: Option<&Document>,
    params: &RuleParameters,
    calendar: &HolidayCalendar,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let Ok(table) = flows::table() else {
        return out;
    };
    let Some(flow) = table.messages.get(&reply.message_type) else {
        return out;
    };
    let Some(issued) = issued_date(reply) else {
        return out;
    };
    let case_type = reply.case.as_ref().map(|c| c.case_type.as_str());
    for entry in &flow.deadlines {
        if let Some(list) = &entry.case_types {
            if !case_type.is_some_and(|c| list.iter().any(|l| l == c)) {
                continue;
            }
        }
        let needs_earlier = entry.from == "in_reply_to" || entry.answering.is_some();
        let start = match earlier {
            None if needs_earlier => continue,
            None => body_date(reply, &entry.from),
            Some(_) if !needs_earlier => continue,
            Some(e) => {
                if entry
                    .answering
                    .as_ref()
                    .is_some_and(|a| *a != e.message_type)
                {
                    continue;
                }
                if entry.from == "in_reply_to" {
                    issued_date(e)
                } else {
                    body_date(reply, &entry.from)
                }
            }
        };
        let Some(start) = start else { continue };
        let Some((days, unit)) = deadline_value(&entry.parameter, params, table) else {
            continue;
        };
        // Arrival registration is judged by the registration date, not by the notice's.
        let (done, pointer) = if entry.parameter == ARRIVAL_REGISTRATION {
            let registered = cat(
                ptr::envelope::BODY,
                ptr::family_planning::arrival_notice::REGISTERED_ON,
            );
            match body_date(reply, &registered) {
                Some(d) => (d, Cow::Owned(registered)),
                None => continue,
            }
        } else {
            (issued, Cow::Borrowed(ptr::envelope::ISSUED_AT))
        };
        out.extend(match unit {
            Unit::CalendarDays => checks::check_calendar_days_deadline(start, done, days, &pointer),
            Unit::WorkingDays => checks::check_deadline(start, done, days, &pointer, calendar),
        });
    }
    if let Some(e) = earlier {
        if reply.message_type == "social_insurance.transfer_information"
            && e.message_type == "social_insurance.contact_letter"
        {
            if let (Some(start), Some((days, _))) = (
                issued_date(e),
                deadline_value("deadline.social_insurance.withheld_notice", params, table),
            ) {
                let n = reply
                    .body
                    .get("withheld_periods")
                    .and_then(Value::as_array)
                    .map_or(0, Vec::len);
                for i in 0..n {
                    use ptr::social_insurance::transfer_information::{
                        WITHHELD_PERIODS, withheld_periods,
                    };
                    let ptr = format!(
                        "{}{WITHHELD_PERIODS}/{i}{}",
                        ptr::envelope::BODY,
                        withheld_periods::PERSON_NOTIFIED_ON
                    );
                    if let Some(done) = body_date(reply, &ptr) {
                        out.extend(checks::check_deadline(start, done, days, &ptr, calendar));
                    }
                }
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// The body walk

fn bp(rel: &str) -> String {
    cat("/body", rel)
}

/// `lookup(body, rel)`, resumed from the last pointer's parent (kept in `parent`) when `rel`
/// lies under it: the same value, since a pointer's tokens are resolved one after another.
fn get_from<'a>(
    body: &'a Value,
    parent: &std::cell::RefCell<(String, Option<&'a Value>)>,
    rel: &str,
) -> Option<&'a Value> {
    let Ok(mut parent) = parent.try_borrow_mut() else {
        return crate::rules::lookup(body, rel);
    };
    let (path, value) = &mut *parent;
    if let (Some(from), Some(rest)) = (*value, rel.strip_prefix(path.as_str())) {
        // An empty parent (the root) is not reused: it would match every pointer and the
        // parent would never move on to the rows being read.
        if rest.starts_with('/') && !path.is_empty() {
            return crate::rules::lookup(from, rest);
        }
    }
    // Remember `rel`'s parent (the pointer up to its last `/`) for the next call.
    let cut = rel.rfind('/').unwrap_or(0);
    let (head, tail) = rel.split_at(cut);
    let found = crate::rules::lookup(body, head);
    path.clear();
    path.push_str(head);
    *value = found;
    found.and_then(|v| crate::rules::lookup(v, tail))
}

/// `lookup(body, base + tail)` without joining the two (`base` a pointer, `tail` one relative
/// to it, starting with `/`, or empty): `base` becomes the remembered parent, so the fields of
/// one row (`at(row, "/year")`, `at(row, "/months")`, …) are read from the row's value.
fn get_at_from<'a>(
    body: &'a Value,
    parent: &std::cell::RefCell<(String, Option<&'a Value>)>,
    base: &str,
    tail: &str,
) -> Option<&'a Value> {
    if tail.is_empty() {
        // `base` is the whole pointer: its own parent is remembered, as for any pointer.
        return get_from(body, parent, base);
    }
    if base.is_empty() || !tail.starts_with('/') {
        return get_from(body, parent, &cat(base, tail));
    }
    let Ok(mut parent) = parent.try_borrow_mut() else {
        return crate::rules::lookup(body, base).and_then(|v| crate::rules::lookup(v, tail));
    };
    let (path, value) = &mut *parent;
    if path.as_str() != base {
        *value = crate::rules::lookup(body, base);
        path.clear();
        path.push_str(base);
    }
    value.and_then(|v| crate::rules::lookup(v, tail))
}

/// `{base}/{index}`: the pointer of an array item (without `format!`'s machinery: the walk
/// builds one or more per row).
fn item(base: &str, index: usize) -> String {
    item_at(base, index, "")
}

/// `{base}/{index}{field}`: the pointer of a field of an array item.
fn item_at(base: &str, index: usize, field: &str) -> String {
    let mut digits = itoa::Buffer::new();
    let digits = digits.format(index);
    let mut s = String::with_capacity(base.len() + 1 + digits.len() + field.len());
    s.push_str(base);
    s.push('/');
    s.push_str(digits);
    s.push_str(field);
    s
}

/// The parts one after another: the pointers of the walk, built without the formatting
/// machinery (`format!` costs several times a plain copy, and the walk builds a few per body
/// field).
fn join(parts: &[&str]) -> String {
    let mut s = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        s.push_str(p);
    }
    s
}

/// `a` followed by `b` (see [`join`]).
/// The row where `key` was first seen, or `None` (and `row` is remembered as its first).
fn earlier_row<K: std::hash::Hash + Eq>(
    seen: &mut std::collections::HashMap<K, usize>,
    key: K,
    row: usize,
) -> Option<usize> {
    match seen.entry(key) {
        std::collections::hash_map::Entry::Occupied(o) => Some(*o.get()),
        std::collections::hash_map::Entry::Vacant(v) => {
            v.insert(row);
            None
        }
    }
}

fn cat(a: &str, b: &str) -> String {
    join(&[a, b])
}

/// Birth date of the person object `person`: the ID's, else the declared one.
fn birth_in(person: Option<&Value>, id: Option<&ParsedCitizenId>) -> Option<Date> {
    id.and_then(|p| p.birth_date)
        .or_else(|| str_in(person, ptr::defs::person::BIRTH_DATE).and_then(Date::parse))
}

/// The string at the relative pointer `p` inside `obj`, when both are there: how the walk reads
/// a member of a row it holds (no pointer string built).
fn str_in<'v>(obj: Option<&'v Value>, p: &str) -> Option<&'v str> {
    obj.and_then(|o| crate::rules::lookup(o, p))
        .and_then(Value::as_str)
}

struct Walk<'a> {
    doc: &'a Document,
    body: &'a Value,
    params: &'a RuleParameters,
    calendar: &'a HolidayCalendar,
    regions: &'a RegionTable,
    today: Date,
    out: Vec<Finding>,
    /// The parent of the last pointer resolved and its value: the walk reads the fields of one
    /// row after another (`/years/3/year`, `/years/3/months`, …), so the next pointer usually
    /// starts from there instead of from the body's root.
    parent: std::cell::RefCell<(String, Option<&'a Value>)>,
}

impl<'a> Walk<'a> {
    // -- access ---------------------------------------------------------------------------

    fn get(&self, rel: &str) -> Option<&'a Value> {
        get_from(self.body, &self.parent, rel)
    }

    fn str(&self, rel: &str) -> Option<&'a str> {
        self.get(rel).and_then(Value::as_str)
    }

    fn date(&self, rel: &str) -> Option<Date> {
        self.str(rel).and_then(Date::parse)
    }

    fn int(&self, rel: &str) -> Option<i64> {
        self.get(rel).and_then(Value::as_i64)
    }

    fn uint(&self, rel: &str) -> Option<u32> {
        self.int(rel).and_then(|v| u32::try_from(v).ok())
    }

    fn len(&self, rel: &str) -> usize {
        self.get(rel).and_then(Value::as_array).map_or(0, Vec::len)
    }

    fn has(&self, rel: &str) -> bool {
        self.get(rel).is_some()
    }

    /// The boolean at `rel`, false when absent.
    fn flag(&self, rel: &str) -> bool {
        self.get(rel).and_then(Value::as_bool).unwrap_or(false)
    }

    // The same, for the pointer `base` followed by `tail` (see [`get_at_from`]): no string is
    // built for a field read.

    fn at(&self, base: &str, tail: &str) -> Option<&'a Value> {
        get_at_from(self.body, &self.parent, base, tail)
    }

    fn str_at(&self, base: &str, tail: &str) -> Option<&'a str> {
        self.at(base, tail).and_then(Value::as_str)
    }

    fn date_at(&self, base: &str, tail: &str) -> Option<Date> {
        self.str_at(base, tail).and_then(Date::parse)
    }

    fn int_at(&self, base: &str, tail: &str) -> Option<i64> {
        self.at(base, tail).and_then(Value::as_i64)
    }

    fn uint_at(&self, base: &str, tail: &str) -> Option<u32> {
        self.int_at(base, tail).and_then(|v| u32::try_from(v).ok())
    }

    fn has_at(&self, base: &str, tail: &str) -> bool {
        self.at(base, tail).is_some()
    }

    fn flag_at(&self, base: &str, tail: &str) -> bool {
        self.at(base, tail)
            .and_then(Value::as_bool)
            .unwrap_or(false)
    }

    fn as_of(&self) -> Period {
        Period::of_date(self.today)
    }

    fn push(&mut self, findings: Vec<Finding>) {
        self.out.extend(findings);
    }

    /// A finding with the code's default severity at `/body` + `rel`.
    fn finding(&mut self, code: RuleCode, rel: &str, en: String, zh: String) {
        self.out.push(Finding::new(code, &bp(rel), en, zh));
    }

    // -- identifiers and regions ----------------------------------------------------------

    /// The citizen ID at `rel` (a string member), when present and valid.
    fn citizen_id(&mut self, rel: &str) -> Option<ParsedCitizenId> {
        self.citizen_id_at(rel, "")
    }

    /// The citizen ID at the field `tail` of the object at `base` (`tail` empty: at `base`),
    /// when present and valid; the pointer is joined only for a finding.
    fn citizen_id_at(&mut self, base: &str, tail: &str) -> Option<ParsedCitizenId> {
        let value = self.str_at(base, tail)?;
        self.citizen_id_value(value, &|| bp(&cat(base, tail)))
    }

    /// An ID number found at `pointer` (called only for a finding): parsed once.
    fn citizen_id_value(
        &mut self,
        value: &str,
        pointer: &dyn Fn() -> String,
    ) -> Option<ParsedCitizenId> {
        let (parsed, finding) =
            checks::parse_citizen_id_finding(value, pointer, self.today, self.params, self.regions);
        self.out.extend(finding);
        parsed
    }

    /// A person object at `rel`: ethnicity code, ID, and declared sex and birth date against it.
    fn person(&mut self, rel: &str) -> Option<ParsedCitizenId> {
        self.person_of(self.get(rel), &|| rel.to_owned())
    }

    /// The same for the person object `obj`, found at `rel()` (called only for a finding).
    fn person_of(
        &mut self,
        obj: Option<&'a Value>,
        rel: &dyn Fn() -> String,
    ) -> Option<ParsedCitizenId> {
        use ptr::defs::person as f;
        // The person object is found once; a field's pointer string is built only when a
        // check reports it (the checks take their pointer lazily).
        let field = |p: &str| str_in(obj, p);
        self.table_code_of(
            field(f::ETHNICITY),
            &|| cat(&rel(), f::ETHNICITY),
            RuleCode::EthnicityCode,
            &national::ETHNICITY,
        );
        let id = field(f::CITIZEN_ID)?;
        let parsed = self.citizen_id_value(id, &|| bp(&cat(&rel(), f::CITIZEN_ID)))?;
        if let Some(sex) = field(f::SEX).and_then(Sex::parse) {
            let finding = checks::sex_mismatch(&parsed, sex, &|| bp(&cat(&rel(), f::SEX)));
            self.out.extend(finding);
        }
        if let Some(birth) = field(f::BIRTH_DATE).and_then(Date::parse) {
            let finding =
                checks::birth_date_mismatch(&parsed, birth, &|| bp(&cat(&rel(), f::BIRTH_DATE)));
            self.out.extend(finding);
        }
        Some(parsed)
    }

    /// Sex of a person object: the ID's, else the declared one.
    fn sex_of(&self, rel: &str, id: Option<&ParsedCitizenId>) -> Option<Sex> {
        id.and_then(|p| p.sex).or_else(|| {
            self.str_at(rel, ptr::defs::person::SEX)
                .and_then(Sex::parse)
        })
    }

    /// Birth date of a person object: the ID's, else the declared one.
    fn birth_of(&self, rel: &str, id: Option<&ParsedCitizenId>) -> Option<Date> {
        birth_in(self.get(rel), id)
    }

    fn children(&mut self, rel: &str) {
        for i in 0..self.len(rel) {
            self.person(&item(rel, i));
        }
    }

    // -- national code tables (LL-RULE-017) --------------------------------------------------

    /// The code at `rel`, when present, is in `table` (else `code` at `rel`).
    fn table_code(&mut self, rel: &str, code: RuleCode, table: &'static CodeTable) {
        self.table_code_of(self.str(rel), &|| rel.to_owned(), code, table);
    }

    /// The same for the code `value`, found at `rel()` (called only for a finding).
    fn table_code_of(
        &mut self,
        value: Option<&str>,
        rel: &dyn Fn() -> String,
        code: RuleCode,
        table: &'static CodeTable,
    ) {
        let Some(value) = value else { return };
        if !table.contains(value) {
            let rel = rel();
            let p = bp(&rel);
            self.finding(
                code,
                &rel,
                format!(
                    "the code at {p} is not in {} ({})",
                    table.standard, table.title_en
                ),
                format!(
                    "{p} 处的代码不在 {}《{}》中",
                    table.standard, table.title_zh
                ),
            );
        }
    }

    /// The GB/T 4754 industry code at `rel`, when present: a known section and, when given,
    /// a division of that section (`rule.industry_code`).
    fn industry(&mut self, rel: &str) {
        let Some(value) = self.str(rel) else { return };
        let (en, zh) = match national::check_industry(value) {
            Ok(()) => return,
            Err(CodeProblem::WrongSection) => (
                "its division belongs to another GB/T 4754-2017 section",
                "其大类不属于该门类（GB/T 4754-2017）",
            ),
            Err(CodeProblem::UnknownDivision) => (
                "its division is not a GB/T 4754-2017 division (01–97)",
                "其大类不是 GB/T 4754-2017 的大类（01–97）",
            ),
            Err(_) => (
                "it is not a GB/T 4754-2017 section (A–T)",
                "不是 GB/T 4754-2017 的门类（A–T）",
            ),
        };
        let p = bp(rel);
        self.finding(
            RuleCode::IndustryCode,
            rel,
            format!("the industry code at {p} is refused: {en}"),
            format!("{p} 处的行业代码无效：{zh}"),
        );
    }

    /// The occupation code at `rel`, when present: its major group is one of the 2022
    /// classification's (`rule.occupation_code`).
    fn occupation(&mut self, rel: &str) {
        let Some(value) = self.str(rel) else { return };
        if national::check_occupation(value).is_err() {
            let p = bp(rel);
            self.finding(
                RuleCode::OccupationCode,
                rel,
                format!(
                    "the occupation code at {p} is not in a major group (1–8) of the 2022 occupational classification"
                ),
                format!("{p} 处的职业代码不属于《职业分类大典（2022年版）》第1–8大类"),
            );
        }
    }

    /// The region code at the field `tail` of the object at `base` (`tail` empty: at `base`),
    /// when present, is a known code; the pointer is joined only for a finding.
    fn region_at(&mut self, base: &str, tail: &str) {
        self.region_of(self.str_at(base, tail), &|| cat(base, tail));
    }

    /// The region code `code`, when present, is a known code; `rel()` (called only for a
    /// finding) is where it was found.
    fn region_of(&mut self, code: Option<&str>, rel: &dyn Fn() -> String) {
        if let Some(code) = code {
            let finding = checks::region_code_finding(code, &|| bp(&rel()), self.regions);
            self.out.extend(finding);
        }
    }

    /// The region code at `rel`, when present, is a known code.
    fn region(&mut self, rel: &str) {
        self.region_at(rel, "");
    }

    fn uscc(&mut self, rel: &str) {
        if let Some(code) = self.str(rel) {
            self.push(checks::check_uscc_in(code, &bp(rel), self.regions));
        }
    }

    fn organisation(&mut self, rel: &str) {
        if self.has(rel) {
            self.uscc(&cat(rel, ptr::defs::organisation::USCC));
            self.region_at(rel, ptr::defs::organisation::REGION);
        }
    }

    fn address(&mut self, rel: &str) {
        self.region_at(rel, ptr::defs::address::REGION);
    }

    /// The region at `rel` lies inside the sender's prefecture (the receiving city for the
    /// types its callers handle, domain.md §2.5 "workplace code ∈ 3302xx").
    fn within_sender_area(&mut self, rel: &str) {
        let Some(code) = self.str(rel) else { return };
        if !regions::is_code_format(code) {
            return;
        }
        let Some(parent) = self.regions.prefecture_of(&self.doc.from.region) else {
            return;
        };
        self.push(checks::check_region_within_in(
            code,
            parent,
            &bp(rel),
            self.regions,
        ));
    }

    fn minimum_age(&mut self, birth: Option<Date>, start: Date, rel: &str) {
        self.minimum_age_of(birth, start, &|| rel.to_owned());
    }

    /// The same with the pointer `rel()`, built only when a check may report.
    fn minimum_age_of(&mut self, birth: Option<Date>, start: Date, rel: &dyn Fn() -> String) {
        let Some(b) = birth else { return };
        // An adult on that date: neither check has anything to say.
        let adult = self
            .params
            .minor_worker_below_age
            .max(self.params.minimum_working_age);
        if b.age_on(start).is_some_and(|age| age >= adult) {
            return;
        }
        let p = bp(&rel());
        self.push(checks::check_minimum_working_age(b, start, &p, self.params));
        self.push(checks::check_minor_worker(b, start, &p, self.params));
    }

    /// The region of an agency object at `rel` (and its address's), when present.
    fn agency(&mut self, rel: &str) {
        if self.has(rel) {
            self.region_at(rel, ptr::defs::agency::REGION);
            let address = cat(rel, ptr::defs::agency::ADDRESS);
            if self.has(&address) {
                self.address(&address);
            }
        }
    }

    // -- periods and amounts --------------------------------------------------------------

    /// The period range object at `rel` (`start`, optional `end`).
    fn range(&mut self, rel: &str) -> Option<PeriodRange> {
        self.range_of(self.get(rel), &|| rel.to_owned())
    }

    /// The period range object `obj`, found at `rel()` (called only for a finding: a
    /// well-formed range costs no pointer string).
    fn range_of(
        &mut self,
        obj: Option<&'a Value>,
        rel: &dyn Fn() -> String,
    ) -> Option<PeriodRange> {
        use ptr::defs::period_range as f;
        let start = str_in(obj, f::START)?;
        let end = str_in(obj, f::END);
        if let Ok(r) = checks::period_range(start, end) {
            return Some(r);
        }
        match checks::check_period_range(start, end, &bp(&rel())) {
            Ok(r) => Some(r),
            Err(f) => {
                self.push(f);
                None
            }
        }
    }

    /// A list of ranges of one scheme at `rel`: each well-formed, none overlapping.
    fn ranges(&mut self, rel: &str, scheme: &str) -> Option<Vec<PeriodRange>> {
        let items = self.get(rel).and_then(Value::as_array);
        let mut ranges = Vec::with_capacity(items.map_or(0, Vec::len));
        let mut all = true;
        for (i, obj) in items.into_iter().flatten().enumerate() {
            match self.range_of(Some(obj), &|| item(rel, i)) {
                Some(r) => ranges.push(r),
                None => all = false,
            }
        }
        if !all {
            return None;
        }
        let tagged: Vec<(&str, PeriodRange)> = ranges.iter().map(|r| (scheme, *r)).collect();
        if !crate::rules::periods::find_overlaps(&tagged).is_empty() {
            self.push(checks::check_periods_no_overlap(&tagged, &bp(rel)));
        }
        Some(ranges)
    }

    /// An object at `rel` with a `period` range and a `months` count that must agree.
    fn period_with_months(&mut self, rel: &str) -> Option<PeriodRange> {
        self.period_with_months_of(self.get(rel), &|| rel.to_owned())
    }

    /// The same for the object `obj`, found at `rel()` (called only for a finding).
    fn period_with_months_of(
        &mut self,
        obj: Option<&'a Value>,
        rel: &dyn Fn() -> String,
    ) -> Option<PeriodRange> {
        // The same two members in each body's items that use this (named here).
        use ptr::social_insurance::transfer_completion::overlap_clearing as o;
        use ptr::social_insurance::transfer_information::{back_payments, withheld_periods};
        const _SAME: [&str; 4] = [
            back_payments::PERIOD,
            back_payments::MONTHS,
            withheld_periods::PERIOD,
            withheld_periods::MONTHS,
        ];
        let member = |p: &str| obj.and_then(|v| crate::rules::lookup(v, p));
        let range = self.range_of(member(o::PERIOD), &|| cat(&rel(), o::PERIOD))?;
        let months = member(o::MONTHS)
            .and_then(Value::as_i64)
            .and_then(|v| u64::try_from(v).ok());
        if let Some(m) = months {
            let as_of = self.as_of();
            if crate::rules::periods::total_months(&[range], as_of) != m {
                self.push(checks::check_months_total(
                    &[range],
                    m,
                    as_of,
                    &bp(&cat(&rel(), o::MONTHS)),
                ));
            }
        }
        Some(range)
    }

    fn total_mismatch(
        &mut self,
        rel: &str,
        stated: i64,
        expected: i64,
        what_en: &str,
        what_zh: &str,
    ) {
        if stated == expected {
            return;
        }
        let p = bp(rel);
        self.finding(
            RuleCode::TotalMismatch,
            rel,
            format!("the total at {p} is {stated}; {what_en} is {expected}"),
            format!("{p} 处的合计为{stated}，{what_zh}为{expected}"),
        );
    }

    /// `total_rel` = Σ `items_rel/i/field`.
    /// `total_rel` against the sum of the member `field` (a pointer segment, `/amount_fen`)
    /// over the items of the array at `items_rel`.
    fn sum_check(&mut self, items_rel: &str, field: &str, total_rel: &str) {
        let Some(stated) = self.int(total_rel) else {
            return;
        };
        // The texts are built only for a finding.
        let Some(sum) = self
            .column_sum(items_rel, field)
            .filter(|&sum| sum != stated)
        else {
            return;
        };
        let items = bp(items_rel);
        let field = field.trim_start_matches('/');
        self.total_mismatch(
            total_rel,
            stated,
            sum,
            &format!("the sum of {field} over {items}"),
            &format!("{items} 各项 {field} 之和"),
        );
    }

    /// Σ of the integer at `field` (a pointer relative to each item) over the items of the
    /// array at `items_rel` (0 when it is absent; items without the integer are skipped),
    /// `None` on overflow. The array is found once, not once per item.
    fn column_sum(&self, items_rel: &str, field: &str) -> Option<i64> {
        self.get(items_rel)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|item| crate::rules::lookup(item, field).and_then(Value::as_i64))
            .try_fold(0i64, i64::checked_add)
    }

    /// A personal-account block at `rel`: principal + interest = balance.
    fn account_balance(&mut self, rel: &str) {
        // The same members in both bodies that call this (named here).
        use ptr::social_insurance::contribution_certificate::personal_account as a;
        use ptr::social_insurance::transfer_information::personal_account as t;
        const _SAME: [&str; 3] = [t::PRINCIPAL_FEN, t::INTEREST_FEN, t::BALANCE_FEN];
        let (Some(principal), Some(interest), Some(balance)) = (
            self.int_at(rel, a::PRINCIPAL_FEN),
            self.int_at(rel, a::INTEREST_FEN),
            self.int_at(rel, a::BALANCE_FEN),
        ) else {
            return;
        };
        let Some(sum) = principal.checked_add(interest) else {
            return;
        };
        if sum != balance {
            let p = bp(&cat(rel, a::BALANCE_FEN));
            self.out.push(Finding::new(
                RuleCode::PersonalAccountTotal,
                &p,
                format!("the personal-account balance at {p} is {balance} fen; principal plus interest is {sum} fen"),
                format!("{p} 处的个人账户余额为{balance}分，本金与利息之和为{sum}分"),
            ));
        }
    }

    // -- certificates (domain.md §1.4) ----------------------------------------------------

    /// A certificate number at `rel`: plausibility (level digit 1–5, province code of a
    /// skill-level number known) and, when given, agreement with kind, level and issue year.
    fn certificate_number(
        &mut self,
        rel: &str,
        kind: Option<&str>,
        level: Option<i64>,
        issued: Option<Date>,
    ) {
        self.certificate_number_of(self.str(rel), &|| rel.to_owned(), kind, level, issued);
    }

    /// The same for the certificate number `number`, found at `rel()` (called only for a
    /// finding).
    fn certificate_number_of(
        &mut self,
        number: Option<&str>,
        rel: &dyn Fn() -> String,
        kind: Option<&str>,
        level: Option<i64>,
        issued: Option<Date>,
    ) {
        let Some(number) = number else { return };
        let b = number.as_bytes();
        let digit = |i: usize| {
            b.get(i)
                .filter(|c| c.is_ascii_digit())
                .map(|c| i64::from(*c - b'0'))
        };
        let two = |i: usize| Some(digit(i)? * 10 + digit(i + 1)?);
        // (format name, year position, level position, province position)
        let (skill, year, lvl, province) = match b.len() {
            22 => (true, two(13), digit(15), number.get(5..7)),
            16 => (false, two(0), digit(10), None),
            _ => return, // the schema's pattern reports it
        };
        let mut problems: Vec<(&str, &str)> = Vec::new();
        match kind {
            Some("skill_level") if !skill => problems.push((
                "a skill-level certificate has a 22-character number",
                "职业技能等级证书编号应为22位",
            )),
            Some("vocational_qualification") if skill => problems.push((
                "a vocational-qualification certificate has a 16-digit number",
                "职业资格证书编号应为16位数字",
            )),
            _ => {}
        }
        if !lvl.is_some_and(|l| (1..=5).contains(&l)) {
            problems.push(("its level digit is not 1 to 5", "其等级位不是1至5"));
        } else if level.is_some_and(|l| Some(l) != lvl) {
            problems.push((
                "its level digit differs from the declared level",
                "其等级位与所填等级不一致",
            ));
        }
        if let Some(pp) = province {
            // The province's own code, pp0000, without a heap string.
            let mut code = *b"000000";
            if let (Some(head), Some(pp)) = (code.get_mut(..2), pp.as_bytes().get(..2)) {
                head.copy_from_slice(pp);
            }
            if !std::str::from_utf8(&code).is_ok_and(|code| self.regions.is_current(code)) {
                problems.push((
                    "its province code (positions 6-7) is unknown",
                    "其省份代码（第6-7位）未知",
                ));
            }
        }
        if let (Some(d), Some(y)) = (issued, year) {
            if i64::from(d.year().rem_euclid(100)) != y {
                problems.push((
                    "its issue-year digits differ from the issue date",
                    "其发证年份位与发证日期不一致",
                ));
            }
        }
        if problems.is_empty() {
            return;
        }
        let p = bp(&rel());
        for (en, zh) in problems {
            self.out.push(Finding::new(
                RuleCode::CertificateNumber,
                &p,
                format!("the certificate number at {p} does not fit: {en}"),
                format!("{p} 处的证书编号不符：{zh}"),
            ));
        }
    }

    // -- dispatch -------------------------------------------------------------------------

    fn run(&mut self) {
        let (from, to) = (&self.doc.from.region, &self.doc.to.region);
        let (env, party) = (ptr::envelope::FROM, ptr::envelope::from::REGION);
        let finding = checks::region_code_finding(from, &|| format!("{env}{party}"), self.regions);
        self.out.extend(finding);
        let (env, party) = (ptr::envelope::TO, ptr::envelope::to::REGION);
        let finding = checks::region_code_finding(to, &|| format!("{env}{party}"), self.regions);
        self.out.extend(finding);
        match self.doc.message_type.as_str() {
            "worker_transfer.job_demand" => self.job_demand(),
            "worker_transfer.roster" => self.roster(),
            "worker_transfer.roster_reply" => self.roster_reply(),
            "worker_transfer.arrival" => self.arrival(),
            "worker_transfer.insurance_enrolment" => self.insurance_enrolment(),
            "worker_transfer.retention" => self.retention(),
            "worker_transfer.separation" => self.separation(),
            "worker_transfer.certificate_attestation" => self.certificate_attestation(),
            "worker_transfer.reconciliation" => self.reconciliation(),
            "worker_transfer.cooperation_agreement" => self.cooperation_agreement(),
            "family_planning.service_agreement" => self.service_agreement(),
            "family_planning.certificate" => self.fp_certificate(),
            "family_planning.arrival_notice" => self.arrival_notice(),
            "family_planning.verification_request" => self.verification_request(),
            "family_planning.verification_reply" => {
                use ptr::family_planning::verification_reply as b;
                self.children(b::RECORDED_CHILDREN);
                self.table_code(
                    b::RECORDED_MARITAL_STATUS,
                    RuleCode::MaritalStatusCode,
                    &national::MARITAL_STATUS,
                );
            }
            "family_planning.birth_registration_notice" => self.birth_registration(),
            "family_planning.service_notice" => self.service_notice(),
            "family_planning.benefit_notice" => self.benefit_notice(),
            "social_insurance.contribution_certificate" => self.contribution_certificate(),
            "social_insurance.transfer_application" => self.transfer_application(),
            "social_insurance.contact_letter" => self.contact_letter(),
            "social_insurance.application_refusal" => {
                use ptr::social_insurance::application_refusal as b;
                self.citizen_id_at(b::PERSON, ptr::defs::person::CITIZEN_ID);
            }
            "social_insurance.transfer_information" => self.transfer_information(),
            "social_insurance.fund_transfer" => self.fund_transfer(),
            "social_insurance.transfer_completion" => self.transfer_completion(),
            "social_insurance.benefit_place_request" => self.benefit_place_request(),
            "social_insurance.benefit_place_decision" => self.benefit_place_decision(),
            "worker_rights.wage_arrears_referral" => self.wage_arrears_referral(),
            "worker_rights.wage_arrears_outcome" => self.wage_arrears_outcome(),
            "worker_rights.work_injury_notice" => self.work_injury_notice(),
            "worker_rights.work_injury_decision" => self.work_injury_decision(),
            "worker_rights.dispute_referral" => self.dispute_referral(),
            "worker_rights.dispute_outcome" => self.dispute_outcome(),
            _ => {}
        }
        let deadlines = deadline_findings(self.doc, None, self.params, self.calendar);
        self.push(deadlines);
    }

    // -- worker transfer (domain.md §2) ---------------------------------------------------

    fn job_demand(&mut self) {
        use ptr::worker_transfer::job_demand as b;
        self.organisation(b::EMPLOYER);
        self.organisation(b::AGENCY);
        for i in 0..self.len(b::POSITIONS) {
            let rel = item_at(b::POSITIONS, i, b::positions::WORKPLACE_REGION);
            self.region(&rel);
            self.within_sender_area(&rel);
            self.industry(&item_at(b::POSITIONS, i, b::positions::INDUSTRY));
            self.occupation(&item_at(b::POSITIONS, i, b::positions::OCCUPATION));
        }
    }

    fn roster(&mut self) {
        use ptr::worker_transfer::roster as b;
        self.organisation(b::AGENCY);
        // The rows are read where they are; a pointer is built only for a finding.
        let mut seen_ids: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        let mut seen_lines: std::collections::HashMap<i64, usize> =
            std::collections::HashMap::new();
        let workers = self.get(b::WORKERS).and_then(Value::as_array);
        for (i, w) in workers.into_iter().flatten().enumerate() {
            let row = || item(b::WORKERS, i);
            let member = |p: &str| crate::rules::lookup(w, p);
            let text = |p: &str| str_in(Some(w), p);
            let person = member(b::workers::PERSON);
            // One row per worker (LL-RULE-021): the later of two rows is the duplicate, named
            // by the earlier row's pointer, never by the ID number.
            let id = str_in(person, ptr::defs::person::CITIZEN_ID);
            if let Some(first) = id.and_then(|id| earlier_row(&mut seen_ids, id, i)) {
                let id_rel = join(&[&row(), b::workers::PERSON, ptr::defs::person::CITIZEN_ID]);
                self.duplicate_row(&id_rel, &item(b::WORKERS, first), |p, earlier| {
                    (
                        format!("the person at {p} is already listed at {earlier} (the same citizen ID): one row per worker"),
                        format!("{p} 处的人员已列于 {earlier}（身份号码相同）：每名劳动者只列一行"),
                    )
                });
            }
            let line = member(b::workers::LINE).and_then(Value::as_i64);
            if let Some((line, first)) =
                line.and_then(|l| earlier_row(&mut seen_lines, l, i).map(|f| (l, f)))
            {
                self.duplicate_row(
                    &cat(&row(), b::workers::LINE),
                    &item(b::WORKERS, first),
                    |p, earlier| {
                        (
                            format!("line {line} at {p} is already the line of {earlier}"),
                            format!("{p} 处的序号 {line} 已用于 {earlier}"),
                        )
                    },
                );
            }
            let person_rel = || cat(&row(), b::workers::PERSON);
            let id = self.person_of(person, &person_rel);
            self.region_of(text(b::workers::HUKOU_REGION), &|| {
                cat(&row(), b::workers::HUKOU_REGION)
            });
            self.table_code_of(
                text(b::workers::EDUCATION),
                &|| cat(&row(), b::workers::EDUCATION),
                RuleCode::EducationCode,
                &national::EDUCATION,
            );
            let birth = birth_in(person, id.as_ref());
            match text(b::workers::DEPARTURE_DATE).and_then(Date::parse) {
                Some(dep) => {
                    self.minimum_age_of(birth, dep, &|| cat(&row(), b::workers::DEPARTURE_DATE));
                }
                None => {
                    let today = self.today;
                    self.minimum_age_of(birth, today, &row);
                }
            }
            let training = member(b::workers::TRAINING).and_then(Value::as_array);
            for (j, t) in training.into_iter().flatten().enumerate() {
                let number = crate::rules::lookup(t, b::workers::training::CERTIFICATE_NUMBER)
                    .and_then(Value::as_str);
                self.certificate_number_of(
                    number,
                    &|| {
                        item_at(
                            &cat(&row(), b::workers::TRAINING),
                            j,
                            b::workers::training::CERTIFICATE_NUMBER,
                        )
                    },
                    None,
                    None,
                    None,
                );
            }
        }
    }

    /// `rule.duplicate_worker` at `rel` (in the later row), the texts made from the pointers
    /// of `rel` and of the earlier row `earlier_rel`.
    fn duplicate_row(
        &mut self,
        rel: &str,
        earlier_rel: &str,
        texts: impl FnOnce(&str, &str) -> (String, String),
    ) {
        let (en, zh) = texts(&bp(rel), &bp(earlier_rel));
        self.finding(RuleCode::DuplicateWorker, rel, en, zh);
    }

    fn roster_reply(&mut self) {
        use ptr::worker_transfer::roster_reply as b;
        for i in 0..self.len(b::DECISIONS) {
            let d = item(b::DECISIONS, i);
            let id = self.citizen_id_at(&d, b::decisions::CITIZEN_ID);
            self.organisation(&cat(&d, b::decisions::EMPLOYER));
            let start_rel = cat(&d, b::decisions::EXPECTED_START);
            if self.str_at(&d, b::decisions::DECISION) == Some("accepted") {
                if let Some(start) = self.date(&start_rel) {
                    self.minimum_age(id.and_then(|p| p.birth_date), start, &start_rel);
                }
            }
        }
    }

    fn arrival(&mut self) {
        use ptr::worker_transfer::arrival as b;
        for i in 0..self.len(b::PLACEMENTS) {
            let p = item(b::PLACEMENTS, i);
            let id = self.citizen_id(&join(&[
                &p,
                b::placements::PERSON,
                ptr::defs::person_ref::CITIZEN_ID,
            ]));
            self.organisation(&cat(&p, b::placements::EMPLOYER));
            self.organisation(&cat(&p, b::placements::AGENCY));
            let wp = cat(&p, b::placements::WORKPLACE_REGION);
            self.region(&wp);
            self.within_sender_area(&wp);
            self.industry(&cat(&p, b::placements::INDUSTRY));
            let start_rel = cat(&p, b::placements::START_DATE);
            if let Some(start) = self.date(&start_rel) {
                self.minimum_age(id.and_then(|p| p.birth_date), start, &start_rel);
            }
        }
    }

    fn insurance_enrolment(&mut self) {
        use ptr::worker_transfer::insurance_enrolment as b;
        for i in 0..self.len(b::ENROLMENTS) {
            let e = item(b::ENROLMENTS, i);
            self.citizen_id(&join(&[
                &e,
                b::enrolments::PERSON,
                ptr::defs::person_ref::CITIZEN_ID,
            ]));
            self.organisation(&cat(&e, b::enrolments::EMPLOYER));
            let r = cat(&e, b::enrolments::INSURED_REGION);
            self.region(&r);
            self.within_sender_area(&r);
            let on_rel = cat(&e, b::enrolments::ENROLLED_ON);
            let start = self.date_at(&e, b::enrolments::START_DATE);
            if let (Some(start), Some(on)) = (start, self.date(&on_rel)) {
                self.push(checks::check_insurance_enrolment_delay(
                    start,
                    on,
                    &bp(&on_rel),
                    self.params,
                ));
            }
        }
    }

    fn retention(&mut self) {
        use ptr::worker_transfer::retention as b;
        for i in 0..self.len(b::MILESTONES) {
            let m = item(b::MILESTONES, i);
            self.citizen_id(&join(&[
                &m,
                b::milestones::PERSON,
                ptr::defs::person_ref::CITIZEN_ID,
            ]));
            self.organisation(&cat(&m, b::milestones::EMPLOYER));
        }
        for i in 0..self.len(b::CLAIMS) {
            self.citizen_id(&format!(
                "{}/{i}{}{}",
                b::CLAIMS,
                b::claims::PERSON,
                ptr::defs::person_ref::CITIZEN_ID
            ));
        }
        self.wage_evidence();
        self.sum_check(b::CLAIMS, b::claims::AMOUNT_FEN, b::CLAIMED_TOTAL_FEN);
        self.sum_check(
            b::DECISIONS,
            b::decisions::APPROVED_FEN,
            b::APPROVED_TOTAL_FEN,
        );
    }

    /// A subsidy claim names a worker with wage-payment evidence in one of the report's
    /// milestones (warning `rule.wage_evidence_missing` at the claim's person).
    fn wage_evidence(&mut self) {
        use ptr::worker_transfer::retention as b;
        let id_of = |w: &Self, rel: &str| {
            w.str(&cat(rel, ptr::defs::person_ref::CITIZEN_ID))
                .map(str::to_owned)
        };
        let evidenced: Vec<String> = (0..self.len(b::MILESTONES))
            .map(|i| item(b::MILESTONES, i))
            .filter(|m| self.has_at(m, b::milestones::WAGE_PAYMENT))
            .filter_map(|m| id_of(self, &cat(&m, b::milestones::PERSON)))
            .collect();
        for i in 0..self.len(b::CLAIMS) {
            let rel = item_at(b::CLAIMS, i, b::claims::PERSON);
            let Some(id) = id_of(self, &rel) else {
                continue;
            };
            if !evidenced.contains(&id) {
                self.finding(
                    RuleCode::WageEvidenceMissing,
                    &rel,
                    format!(
                        "the subsidy claim at {} names a worker without wage-payment evidence in this report (months paid, amount, payroll or bank statement)",
                        bp(&rel)
                    ),
                    format!(
                        "{} 处的补贴申请所涉劳动者在本报告中没有工资支付凭证（已发放月数、金额、工资表或银行流水）",
                        bp(&rel)
                    ),
                );
            }
        }
    }

    /// A labour-cooperation agreement: party regions; milestones strictly ascending; a
    /// subsidy's milestone is one of them; the agreement does not end before it starts
    /// (`rule.agreement_terms`).
    fn cooperation_agreement(&mut self) {
        use ptr::worker_transfer::cooperation_agreement as b;
        for i in 0..self.len(b::PARTIES) {
            self.agency(&item(b::PARTIES, i));
        }
        let milestones: Vec<i64> = (0..self.len(b::RETENTION_MILESTONES))
            .filter_map(|i| self.int(&item(b::RETENTION_MILESTONES, i)))
            .collect();
        if let Some(i) = milestones.windows(2).position(|w| w[0] >= w[1]) {
            let rel = format!("{}/{}", b::RETENTION_MILESTONES, i + 1);
            self.finding(
                RuleCode::AgreementTerms,
                &rel,
                format!(
                    "the retention milestones are not strictly ascending at {}",
                    bp(&rel)
                ),
                format!("{} 处的稳岗节点未严格递增", bp(&rel)),
            );
        }
        for i in 0..self.len(b::SUBSIDIES) {
            let rel = item_at(b::SUBSIDIES, i, b::subsidies::MILESTONE_MONTHS);
            if let Some(m) = self.int(&rel) {
                if !milestones.contains(&m) {
                    self.finding(
                        RuleCode::AgreementTerms,
                        &rel,
                        format!(
                            "the subsidy at {} names a milestone the agreement does not have",
                            bp(&rel)
                        ),
                        format!("{} 处的补贴项目引用了协议中没有的稳岗节点", bp(&rel)),
                    );
                }
            }
        }
        let until_rel = b::VALID_UNTIL;
        if let (Some(from), Some(until)) = (self.date(b::VALID_FROM), self.date(until_rel)) {
            if until < from {
                self.finding(
                    RuleCode::AgreementTerms,
                    until_rel,
                    format!("the agreement ends at {} before it starts", bp(until_rel)),
                    format!("{} 处的协议终止日期早于生效日期", bp(until_rel)),
                );
            }
        }
    }

    fn separation(&mut self) {
        use ptr::worker_transfer::separation as b;
        for i in 0..self.len(b::EVENTS) {
            let e = item(b::EVENTS, i);
            self.citizen_id(&join(&[
                &e,
                b::events::PERSON,
                ptr::defs::person_ref::CITIZEN_ID,
            ]));
            self.organisation(&cat(&e, b::events::EMPLOYER));
            self.organisation(&cat(&e, b::events::NEW_EMPLOYER));
        }
    }

    fn certificate_attestation(&mut self) {
        use ptr::worker_transfer::certificate_attestation as b;
        self.organisation(b::ISSUER);
        for i in 0..self.len(b::CERTIFICATES) {
            let c = item(b::CERTIFICATES, i);
            self.citizen_id(&join(&[
                &c,
                b::certificates::PERSON,
                ptr::defs::person_ref::CITIZEN_ID,
            ]));
            self.occupation(&cat(&c, b::certificates::OCCUPATION));
            let kind = self.str_at(&c, b::certificates::KIND);
            let level = self.int_at(&c, b::certificates::LEVEL);
            let issued_rel = cat(&c, b::certificates::ISSUED_ON);
            let issued = self.date(&issued_rel);
            self.certificate_number(&cat(&c, b::certificates::NUMBER), kind, level, issued);
            if let Some(d) = issued {
                if d > self.today {
                    let p = bp(&issued_rel);
                    self.finding(
                        RuleCode::CertificateIssueDate,
                        &issued_rel,
                        format!("the certificate issue date at {p} is after the message date"),
                        format!("{p} 处的发证日期晚于消息日期"),
                    );
                }
            }
        }
    }

    fn reconciliation(&mut self) {
        use ptr::worker_transfer::reconciliation as b;
        for i in 0..self.len(b::ROWS) {
            self.region(&item_at(b::ROWS, i, b::rows::COUNTY));
        }
        for i in 0..self.len(b::DIFFERENCES) {
            self.region(&item_at(b::DIFFERENCES, i, b::differences::COUNTY));
        }
        if self.has(b::ROWS) {
            use b::{rows::counts, totals};
            for (count, total) in [
                (counts::SENT, totals::SENT),
                (counts::ARRIVED, totals::ARRIVED),
                (counts::ACTIVE, totals::ACTIVE),
                (counts::SEPARATED, totals::SEPARATED),
                (counts::RETURNED, totals::RETURNED),
            ] {
                let field = count.trim_start_matches('/');
                let sum = self.column_sum(b::ROWS, &cat(b::rows::COUNTS, count));
                let stated = self.int_at(b::TOTALS, total);
                if let (Some(sum), Some(stated)) = (sum, stated) {
                    if sum == stated {
                        continue;
                    }
                    let total_rel = cat(b::TOTALS, total);
                    self.total_mismatch(
                        &total_rel,
                        stated,
                        sum,
                        &format!("the sum of {field} over /body/rows"),
                        &format!("/body/rows 各行 {field} 之和"),
                    );
                }
            }
        }
    }

    // -- worker rights (issue 11 item 9, LL-RULE-020) ------------------------------------

    /// The citizen ID of the person reference at `rel`.
    fn person_ref(&mut self, rel: &str) {
        self.citizen_id_at(rel, ptr::defs::person_ref::CITIZEN_ID);
    }

    /// The date at `rel`, reported as `rule.date_future` when after the reference date.
    fn past_date(&mut self, rel: &str, what_en: &str, what_zh: &str) -> Option<Date> {
        let d = self.date(rel)?;
        if d > self.today {
            let p = bp(rel);
            self.finding(
                RuleCode::DateFuture,
                rel,
                format!("the {what_en} at {p} is after the message date"),
                format!("{p} 处的{what_zh}晚于消息日期"),
            );
        }
        Some(d)
    }

    /// `rule.date_order` at `later_rel` when `later` is before `earlier`.
    fn date_not_before(
        &mut self,
        later: Option<Date>,
        earlier: Option<Date>,
        later_rel: &str,
        what_en: &str,
        what_zh: &str,
    ) {
        if let (Some(l), Some(e)) = (later, earlier) {
            if l < e {
                let p = bp(later_rel);
                self.finding(
                    RuleCode::DateOrder,
                    later_rel,
                    format!("the date at {p} is before {what_en}"),
                    format!("{p} 处的日期早于{what_zh}"),
                );
            }
        }
    }

    /// `rule.paid_amount` at `paid_rel` when the paid amount exceeds `owed`.
    fn paid_not_above(&mut self, paid_rel: &str, owed: Option<i64>, what_en: &str, what_zh: &str) {
        if let (Some(paid), Some(owed)) = (self.int(paid_rel), owed) {
            if paid > owed {
                let p = bp(paid_rel);
                self.finding(
                    RuleCode::PaidAmount,
                    paid_rel,
                    format!("the amount paid at {p} exceeds {what_en}"),
                    format!("{p} 处的已支付金额超过{what_zh}"),
                );
            }
        }
    }

    fn wage_arrears_referral(&mut self) {
        use ptr::worker_rights::wage_arrears_referral as b;
        self.person_ref(b::PERSON);
        self.organisation(b::EMPLOYER);
        self.organisation(b::GENERAL_CONTRACTOR);
        let unpaid = self.range(b::UNPAID_PERIOD);
        if let Some(r) = unpaid {
            let as_of = self.as_of();
            if r.end_or(as_of) > as_of || r.start > as_of {
                let rel = b::UNPAID_PERIOD;
                let p = bp(rel);
                self.finding(
                    RuleCode::DateFuture,
                    rel,
                    format!("the unpaid period at {p} runs after the message month"),
                    format!("{p} 处的欠薪期间晚于消息所在月份"),
                );
            }
        }
        let mut seen: Vec<Period> = Vec::new();
        for i in 0..self.len(b::MONTHLY) {
            let rel = item_at(b::MONTHLY, i, b::monthly::PERIOD);
            let month = self.str(&rel).and_then(Period::parse);
            // Each month is one of the unpaid period's, and listed once.
            if let (Some(m), Some(r)) = (month, unpaid) {
                if !r.contains(m) {
                    let p = bp(&rel);
                    self.finding(
                        RuleCode::ArrearsMonth,
                        &rel,
                        format!("the wage month at {p} lies outside the unpaid period"),
                        format!("{p} 处的工资月份不在欠薪期间内"),
                    );
                }
            }
            if let Some(m) = month {
                if seen.contains(&m) {
                    let p = bp(&rel);
                    self.finding(
                        RuleCode::ArrearsMonth,
                        &rel,
                        format!("the wage month at {p} is listed twice"),
                        format!("{p} 处的工资月份重复列出"),
                    );
                }
                seen.push(m);
            }
            if month.is_some_and(|p| p > self.as_of()) {
                let p = bp(&rel);
                self.finding(
                    RuleCode::DateFuture,
                    &rel,
                    format!("the wage month at {p} is after the message month"),
                    format!("{p} 处的工资月份晚于消息所在月份"),
                );
            }
        }
        if self.has(b::MONTHLY) {
            self.sum_check(b::MONTHLY, b::monthly::AMOUNT_FEN, b::AMOUNT_OWED_FEN);
        }
        self.past_date(b::REPORTED_ON, "report date", "反映日期");
    }

    fn wage_arrears_outcome(&mut self) {
        use ptr::worker_rights::wage_arrears_outcome as b;
        self.person_ref(b::PERSON);
        self.past_date(b::PAID_ON, "payment date", "支付日期");
        self.past_date(b::DECIDED_ON, "outcome date", "处理日期");
        let owed = self.int(b::AMOUNT_OWED_FEN);
        self.paid_not_above(b::AMOUNT_PAID_FEN, owed, "the wages owed", "欠薪金额");
        let paid = self.int(b::AMOUNT_PAID_FEN);
        let (Some(owed), outcome) = (owed, self.str(b::OUTCOME)) else {
            return;
        };
        let wrong = match outcome {
            Some("paid") => paid != Some(owed),
            Some("partly_paid") => !paid.is_some_and(|p| p > 0 && p < owed),
            _ => false,
        };
        if wrong {
            let rel = b::AMOUNT_PAID_FEN;
            let p = bp(rel);
            self.finding(
                RuleCode::PaidAmount,
                rel,
                format!("the amount paid at {p} does not fit the outcome (paid in full = owed; partly paid between 0 and owed)"),
                format!("{p} 处的已支付金额与处理结果不符（全额支付应等于欠薪额；部分支付应在0与欠薪额之间）"),
            );
        }
    }

    fn work_injury_notice(&mut self) {
        use ptr::worker_rights::work_injury_notice as b;
        self.person_ref(b::PERSON);
        self.organisation(b::EMPLOYER);
        self.region(b::ACCIDENT_REGION);
        let accident = self.past_date(b::ACCIDENT_DATE, "accident date", "事故日期");
        self.past_date(b::REPORTED_ON, "report date", "报告日期");
        let app = b::APPLICATION;
        let filed_rel = cat(app, b::application::FILED_ON);
        let accepted_rel = cat(app, b::application::ACCEPTED_ON);
        let filed = self.past_date(&filed_rel, "application date", "申请日期");
        let accepted = self.past_date(&accepted_rel, "acceptance date", "受理日期");
        self.date_not_before(filed, accident, &filed_rel, "the accident", "事故日期");
        self.date_not_before(
            accepted,
            filed,
            &accepted_rel,
            "the application",
            "申请日期",
        );
        let applicant = self.str_at(app, b::application::APPLICANT);
        let (Some(accident), Some(filed), Some(applicant)) = (accident, filed, applicant) else {
            return;
        };
        let (last, window_en, window_zh) = if applicant == "employer" {
            let days = self.params.work_injury_employer_application_days;
            (
                accident.add_days(i64::from(days)),
                format!("{days} days"),
                format!("{days}日"),
            )
        } else {
            let months = self.params.work_injury_worker_application_months;
            (
                add_months(accident, months),
                format!("{months} months"),
                format!("{months}个月"),
            )
        };
        if last.is_some_and(|last| filed > last) {
            let p = bp(&filed_rel);
            self.finding(
                RuleCode::WorkInjuryApplicationWindow,
                &filed_rel,
                format!(
                    "the application at {p} was filed more than {window_en} after the accident"
                ),
                format!("{p} 处的工伤认定申请晚于事故发生后{window_zh}"),
            );
        }
    }

    fn work_injury_decision(&mut self) {
        use ptr::worker_rights::work_injury_decision as b;
        self.person_ref(b::PERSON);
        self.region(b::RESIDENCE_REGION);
        let accepted = self.past_date(b::APPLICATION_ACCEPTED_ON, "acceptance date", "受理日期");
        let decided = self.past_date(b::DECIDED_ON, "decision date", "认定日期");
        self.date_not_before(
            decided,
            accepted,
            b::DECIDED_ON,
            "the acceptance of the application",
            "受理日期",
        );
        let da = b::DISABILITY_ASSESSMENT;
        let assessed_rel = cat(da, b::disability_assessment::ASSESSED_ON);
        let assessed = self.past_date(&assessed_rel, "assessment date", "鉴定日期");
        self.date_not_before(
            assessed,
            decided,
            &assessed_rel,
            "the 工伤认定 decision",
            "工伤认定日期",
        );
        let grade_rel = cat(da, b::disability_assessment::GRADE);
        if let Some(grade) = self.int(&grade_rel) {
            if !(1..=10).contains(&grade) {
                let p = bp(&grade_rel);
                self.finding(
                    RuleCode::DisabilityAssessment,
                    &grade_rel,
                    format!("the disability grade at {p} is not 1 to 10"),
                    format!("{p} 处的伤残等级不在1至10级之间"),
                );
            }
        }
        if self.str(b::DECISION) == Some("not_recognised") {
            for rel in [da, b::BENEFITS] {
                if self.has(rel) {
                    let p = bp(rel);
                    self.finding(
                        RuleCode::DisabilityAssessment,
                        rel,
                        format!("{p} is given for an injury not recognised as a work injury"),
                        format!("不予认定工伤却给出了 {p}"),
                    );
                }
            }
        }
        for i in 0..self.len(b::BENEFITS) {
            self.region(&format!(
                "{}/{i}{}",
                b::BENEFITS,
                b::benefits::PAID_TO_REGION
            ));
        }
        if self.has(b::BENEFITS) {
            self.sum_check(b::BENEFITS, b::benefits::AMOUNT_FEN, b::BENEFITS_TOTAL_FEN);
        }
    }

    fn dispute_referral(&mut self) {
        use ptr::worker_rights::dispute_referral as b;
        self.person_ref(b::PERSON);
        self.organisation(b::EMPLOYER);
        let arose = self.past_date(
            b::DISPUTE_AROSE_ON,
            "date the dispute arose",
            "争议发生日期",
        );
        let ended = self.past_date(
            b::EMPLOYMENT_ENDED_ON,
            "end of employment",
            "劳动关系终止日期",
        );
        let filed = self.past_date(
            b::ARBITRATION_FILED_ON,
            "arbitration application date",
            "仲裁申请日期",
        );
        self.date_not_before(
            filed,
            arose,
            b::ARBITRATION_FILED_ON,
            "the dispute arose",
            "争议发生日期",
        );
        // 劳动争议调解仲裁法 art. 27 ¶4: unpaid wages during employment are not limited; once
        // the employment has ended, the year runs from its end (or the later dispute).
        // A dispute about wages only; with other claims the year runs from the dispute.
        let wages_only = self
            .get(b::DISPUTE_KINDS)
            .and_then(Value::as_array)
            .is_some_and(|k| !k.is_empty() && k.iter().all(|v| v.as_str() == Some("wages")));
        let start = if wages_only {
            ended.map(|e| arose.map_or(e, |a| a.max(e)))
        } else {
            arose
        };
        let (Some(start), Some(filed)) = (start, filed) else {
            return;
        };
        let months = self.params.labour_dispute_limitation_months;
        if add_months(start, months).is_some_and(|last| filed > last) {
            let rel = b::ARBITRATION_FILED_ON;
            let p = bp(rel);
            self.finding(
                RuleCode::DisputeLimitation,
                rel,
                format!("arbitration at {p} was applied for more than {months} months after the limitation began"),
                format!("{p} 处的仲裁申请晚于仲裁时效起算后{months}个月"),
            );
        }
    }

    fn dispute_outcome(&mut self) {
        use ptr::worker_rights::dispute_outcome as b;
        self.person_ref(b::PERSON);
        self.past_date(b::DECIDED_ON, "outcome date", "处理日期");
        let awarded = self.int(b::AWARDED_FEN);
        self.paid_not_above(
            b::PAID_FEN,
            awarded,
            "the amount agreed or awarded",
            "确认金额",
        );
    }

    // -- family planning (domain.md §3) ---------------------------------------------------

    fn service_agreement(&mut self) {
        use ptr::family_planning::service_agreement as b;
        for i in 0..self.len(b::PARTIES) {
            self.region(&item_at(b::PARTIES, i, b::parties::REGION));
        }
    }

    fn fp_certificate(&mut self) {
        use ptr::family_planning::certificate as b;
        let id = self.person(b::PERSON);
        self.region(b::REGISTRATION_REGION);
        self.region(b::RESIDENCE_REGION);
        self.table_code(
            b::MARITAL_STATUS,
            RuleCode::MaritalStatusCode,
            &national::MARITAL_STATUS,
        );
        self.citizen_id_at(b::SPOUSE, ptr::defs::person_ref::CITIZEN_ID);
        self.children(b::CHILDREN);
        if matches!(self.str(b::ACTION), Some("issue" | "update")) {
            let sex = self.sex_of(b::PERSON, id.as_ref());
            let birth = self.birth_of(b::PERSON, id.as_ref());
            if let (Some(sex), Some(birth), Some(issued)) = (sex, birth, self.date(b::ISSUED_ON)) {
                self.push(checks::check_marriage_certificate(
                    sex,
                    birth,
                    issued,
                    &cat(ptr::envelope::BODY, b::PERSON),
                    self.params,
                ));
            }
        }
    }

    fn arrival_notice(&mut self) {
        use ptr::family_planning::arrival_notice as b;
        self.person(b::PERSON);
        self.region(b::REGISTRATION_REGION);
        self.address(b::RESIDENCE_ADDRESS);
        self.organisation(b::EMPLOYER);
    }

    fn verification_request(&mut self) {
        use ptr::family_planning::verification_request as b;
        self.person(b::PERSON);
        self.table_code(
            b::DECLARED_MARITAL_STATUS,
            RuleCode::MaritalStatusCode,
            &national::MARITAL_STATUS,
        );
        self.citizen_id_at(b::SPOUSE, ptr::defs::person_ref::CITIZEN_ID);
        self.children(b::DECLARED_CHILDREN);
    }

    fn birth_registration(&mut self) {
        use ptr::family_planning::birth_registration_notice as b;
        self.person(b::MOTHER);
        self.person(b::FATHER);
        self.region(b::REGISTERED_AT);
    }

    fn service_notice(&mut self) {
        use ptr::family_planning::service_notice as b;
        self.person(b::PERSON);
        if self.has_at(b::STATISTICS, b::statistics::PERIOD) {
            self.range(&cat(b::STATISTICS, b::statistics::PERIOD));
        }
    }

    fn benefit_notice(&mut self) {
        use ptr::family_planning::benefit_notice as b;
        self.person(b::PERSON);
        if self.has_at(b::BENEFIT, b::benefit::PERIOD) {
            self.range(&cat(b::BENEFIT, b::benefit::PERIOD));
        }
        self.region_at(b::BENEFIT, b::benefit::PAYER_REGION);
    }

    // -- social insurance (domain.md §4) --------------------------------------------------

    /// The `scheme` of a social-insurance body: the same member in each body that calls this
    /// (named here, so a body that loses it no longer compiles).
    fn scheme(&self) -> &'a str {
        use ptr::social_insurance::{
            contribution_certificate, transfer_application, transfer_completion,
            transfer_information,
        };
        const SCHEME: [&str; 4] = [
            contribution_certificate::SCHEME,
            transfer_application::SCHEME,
            transfer_completion::SCHEME,
            transfer_information::SCHEME,
        ];
        self.str(SCHEME[0]).unwrap_or("")
    }

    fn contribution_certificate(&mut self) {
        use ptr::social_insurance::contribution_certificate as b;
        self.person(b::PERSON);
        let scheme = self.scheme();
        if let Some(ranges) = self.ranges(b::INSURED_PERIODS, scheme) {
            if let Some(m) = self
                .int(b::CONTRIBUTION_MONTHS)
                .and_then(|v| u64::try_from(v).ok())
            {
                let as_of = self.as_of();
                self.push(checks::check_months_total(
                    &ranges,
                    m,
                    as_of,
                    &cat(ptr::envelope::BODY, b::CONTRIBUTION_MONTHS),
                ));
            }
        }
        if self.has(b::PERSONAL_ACCOUNT) {
            self.account_balance(b::PERSONAL_ACCOUNT);
        }
    }

    fn transfer_application(&mut self) {
        use ptr::social_insurance::transfer_application as b;
        let id = self.person(b::PERSON);
        self.region(b::HUKOU_REGION);
        for agency in [b::ORIGINAL_AGENCY, b::NEW_AGENCY] {
            self.region_at(agency, ptr::defs::agency::REGION);
            if self.has_at(agency, ptr::defs::agency::ADDRESS) {
                self.address(&cat(agency, ptr::defs::agency::ADDRESS));
            }
        }
        self.organisation(b::NEW_EMPLOYER);
        for a in [
            &cat(b::CONTACT, b::contact::ADDRESS),
            &cat(b::PROXY, b::proxy::ADDRESS),
        ] {
            if self.has(a) {
                self.address(a);
            }
        }
        // Temporary-account rule (domain.md §4.1 [S5], 国办发〔2009〕66号 art. 6): enterprise
        // pension only, and only for opening a temporary account at the new place. Moving an
        // existing one (`temporary_account`) is never age-checked.
        if self.scheme() != "110" {
            return;
        }
        let (Some(hukou), Some(from), Some(to)) = (
            self.str(b::HUKOU_REGION),
            self.str_at(b::ORIGINAL_AGENCY, ptr::defs::agency::REGION),
            self.str_at(b::NEW_AGENCY, ptr::defs::agency::REGION),
        ) else {
            return;
        };
        let sex = self.sex_of(b::PERSON, id.as_ref());
        let birth = self.birth_of(b::PERSON, id.as_ref());
        let move_date = self
            .str(b::NEW_INSURED_SINCE)
            .and_then(Period::parse)
            .and_then(Period::first_day)
            .or_else(|| self.date(b::APPLIED_ON));
        let (Some(sex), Some(birth), Some(move_date)) = (sex, birth, move_date) else {
            return;
        };
        let case = TemporaryAccountCase {
            sex,
            birth_date: birth,
            move_date,
            hukou_region: hukou,
            from_region: Some(from),
            to_region: to,
            organised_transfer: self.flag(b::ORGANISED_TRANSFER),
        };
        let declared = self.flag(b::OPENS_TEMPORARY_ACCOUNT);
        self.push(checks::check_temporary_account(
            &case,
            declared,
            &cat(ptr::envelope::BODY, b::OPENS_TEMPORARY_ACCOUNT),
            self.params,
        ));
    }

    fn contact_letter(&mut self) {
        use ptr::social_insurance::contact_letter as b;
        self.person(b::PERSON);
        self.region_at(b::RECEIVING_AGENCY, b::receiving_agency::REGION);
        self.address(&cat(b::RECEIVING_AGENCY, b::receiving_agency::ADDRESS));
    }

    fn fund_transfer(&mut self) {
        use ptr::social_insurance::fund_transfer as b;
        self.citizen_id_at(b::PERSON, ptr::defs::person_ref::CITIZEN_ID);
        let Some(components) = self.get(b::COMPONENTS).and_then(Value::as_object) else {
            return;
        };
        let sum = components
            .values()
            .filter_map(Value::as_i64)
            .try_fold(0i64, i64::checked_add);
        if let (Some(sum), Some(amount)) = (sum, self.int(b::AMOUNT_FEN)) {
            self.total_mismatch(
                b::AMOUNT_FEN,
                amount,
                sum,
                "the sum of /body/components",
                "/body/components 各项之和",
            );
        }
    }

    fn transfer_completion(&mut self) {
        use ptr::social_insurance::transfer_completion as b;
        self.citizen_id_at(b::PERSON, ptr::defs::person_ref::CITIZEN_ID);
        for i in 0..self.len(b::OVERLAP_CLEARING) {
            self.period_with_months(&item(b::OVERLAP_CLEARING, i));
        }
        let m = b::MEDICAL_CONTINUITY;
        if let (Some(gap), Some(waiting)) = (
            self.int_at(m, b::medical_continuity::GAP_MONTHS),
            self.uint_at(m, b::medical_continuity::WAITING_MONTHS),
        ) {
            // The scheme joined at the new place: `medical_continuity/scheme`, else the scheme
            // transferred. A switch with unknown continuous months is judged with 0 months
            // (the lenient class: a short gap then allows the long-gap waiting period).
            let transferred = MedicalScheme::parse(self.scheme());
            let joined = self
                .str(&cat(m, b::medical_continuity::SCHEME))
                .and_then(MedicalScheme::parse)
                .or(transferred);
            let Some(scheme) = joined else { return };
            let case = MedicalWaitingCase {
                scheme,
                year: self.today.year(),
                gap_months: gap,
                back_paid: self
                    .get(&cat(m, b::medical_continuity::BACK_PAID))
                    .and_then(Value::as_bool),
                switching_scheme: transferred.is_some_and(|t| t != scheme),
                continuous_months_before: 0,
            };
            self.push(checks::check_medical_waiting_period(
                &case,
                waiting,
                &bp(&cat(m, b::medical_continuity::WAITING_MONTHS)),
                self.params,
            ));
        }
    }

    /// The insured places of a benefit-place message at `rel`: regions and agencies checked,
    /// returned as (region, months, temporary) in order.
    fn insured_places(&mut self, rel: &str) -> Vec<(String, u32, bool)> {
        use ptr::social_insurance::benefit_place_decision::places as pl;
        let mut out = Vec::new();
        for i in 0..self.len(rel) {
            let p = item(rel, i);
            let region_rel = cat(&p, pl::REGION);
            self.region(&region_rel);
            self.agency(&cat(&p, pl::AGENCY));
            if self.has_at(&p, pl::PERIOD) {
                self.range(&cat(&p, pl::PERIOD));
            }
            if let (Some(region), Some(months)) =
                (self.str(&region_rel), self.uint_at(&p, pl::MONTHS))
            {
                let temporary = self.flag_at(&p, pl::TEMPORARY);
                out.push((region.to_owned(), months, temporary));
            }
        }
        out
    }

    fn benefit_place_request(&mut self) {
        use ptr::social_insurance::benefit_place_request as b;
        self.person(b::PERSON);
        self.region(b::HUKOU_REGION);
        self.region(b::PROPOSED_BENEFIT_REGION);
        self.insured_places(b::PLACES);
    }

    /// The benefit place against the four rules (`rule.benefit_place`), the statutory
    /// retirement month and urban–rural bridging against the 2025 reform
    /// (`rule.retirement_age`, `rule.bridging_direction`), and the aggregation instructions
    /// against the places (`rule.aggregation`).
    fn benefit_place_decision(&mut self) {
        use ptr::social_insurance::benefit_place_decision as b;
        let id = self.person(b::PERSON);
        self.region(b::HUKOU_REGION);
        self.region(b::BENEFIT_REGION);
        self.agency(b::BENEFIT_AGENCY);
        let places = self.insured_places(b::PLACES);
        let level = self.params.benefit_place_match_level;
        let (Some(hukou), Some(benefit)) = (self.str(b::HUKOU_REGION), self.str(b::BENEFIT_REGION))
        else {
            return;
        };
        if regions::is_code_format(hukou) && regions::is_code_format(benefit) {
            let typed: Vec<checks::InsuredPlace<'_>> = places
                .iter()
                .map(|(region, months, temporary)| checks::InsuredPlace {
                    region,
                    months: *months,
                    temporary: *temporary,
                })
                .collect();
            let f = checks::check_benefit_place(
                benefit,
                hukou,
                &typed,
                &bp(b::BENEFIT_REGION),
                self.params,
            );
            let place_right = f.is_empty();
            self.push(f);
            // The place is right: the rule the decision names is the one that gives it.
            let decided = checks::decide_benefit_place(hukou, &typed, self.params);
            if let Some(stated) = self.str(b::RULE) {
                if place_right && stated != decided.rule.as_str() {
                    let p = bp(b::RULE);
                    let n = decided.rule.number();
                    self.finding(
                        RuleCode::BenefitPlaceRule,
                        b::RULE,
                        format!(
                            "the decision at {p} names another rule than the one that gives the place (rule {n} of the four, `{}`)",
                            decided.rule.as_str()
                        ),
                        format!(
                            "{p} 处引用的判定规则与得出该领取地的规则不同（应为四条规则中的第{n}条，`{}`）",
                            decided.rule.as_str()
                        ),
                    );
                }
            }
        }
        // Retirement month and bridging.
        let birth = self.birth_of(b::PERSON, id.as_ref());
        let category = self
            .str(b::RETIREMENT_CATEGORY)
            .and_then(RetirementCategory::parse);
        let earliest = match (birth, category) {
            (Some(birth), Some(c)) => self
                .params
                .earliest_retirement_month(Period::of_date(birth), c),
            _ => None,
        };
        if let (Some(stated), Some(birth), Some(c)) = (
            self.str(b::STATUTORY_RETIREMENT_MONTH)
                .and_then(Period::parse),
            birth,
            category,
        ) {
            let f = checks::check_statutory_retirement_month(
                stated,
                birth,
                c,
                &bp(b::STATUTORY_RETIREMENT_MONTH),
                self.params,
            );
            self.push(f);
        }
        let month_rel = cat(b::BRIDGING, b::bridging::RETIREMENT_MONTH);
        let dir_rel = cat(b::BRIDGING, b::bridging::DIRECTION);
        let months_rel = cat(b::BRIDGING, b::bridging::EMPLOYEE_CONTRIBUTION_MONTHS);
        if let (Some(month), Some(direction), Some(months)) = (
            self.str(&month_rel).and_then(Period::parse),
            self.str(&dir_rel),
            self.uint(&months_rel),
        ) {
            let f = checks::check_bridging(
                month,
                earliest,
                months,
                direction == "resident_to_employee",
                &bp(&month_rel),
                &bp(&dir_rel),
                self.params,
            );
            self.push(f);
        }
        // Aggregation: every place outside the benefit area has a line of the right kind; no
        // line is inside the benefit area.
        if !self.has(b::AGGREGATION) || !regions::is_code_format(benefit) {
            return;
        }
        use b::aggregation as ag;
        let lines: Vec<(String, String)> = (0..self.len(b::AGGREGATION))
            .filter_map(|i| {
                let l = item(b::AGGREGATION, i);
                Some((
                    self.str_at(&l, ag::REGION)?.to_owned(),
                    self.str_at(&l, ag::KIND)?.to_owned(),
                ))
            })
            .collect();
        let benefit = benefit.to_owned();
        for (i, (region, _)) in lines.iter().enumerate() {
            if regions::same_area(region, &benefit, level) {
                let rel = item_at(b::AGGREGATION, i, ag::REGION);
                self.finding(
                    RuleCode::Aggregation,
                    &rel,
                    format!("the aggregation line at {} is inside the benefit place's area: nothing moves there", bp(&rel)),
                    format!("{} 处的归集安排位于待遇领取地统筹范围内，无需归集", bp(&rel)),
                );
            }
        }
        for (i, (region, _, temporary)) in places.iter().enumerate() {
            if !regions::is_code_format(region) || regions::same_area(region, &benefit, level) {
                continue;
            }
            let covered = lines.iter().any(|(r, kind)| {
                regions::same_area(r, region, level)
                    && if *temporary {
                        kind == "temporary_account"
                    } else {
                        kind != "temporary_account"
                    }
            });
            if !covered {
                let rel = item(b::PLACES, i);
                let what = if *temporary {
                    "its temporary account"
                } else {
                    "its relation and funds"
                };
                let what_zh = if *temporary {
                    "临时缴费账户"
                } else {
                    "关系和资金"
                };
                self.finding(
                    RuleCode::Aggregation,
                    &rel,
                    format!("the insured place at {} lies outside the benefit place's area but the aggregation does not move {what}", bp(&rel)),
                    format!("{} 处的参保地位于待遇领取地统筹范围以外，但归集安排未包括其{what_zh}", bp(&rel)),
                );
            }
        }
    }

    fn transfer_information(&mut self) {
        use ptr::social_insurance::transfer_information as b;
        self.person(b::PERSON);
        let scheme = self.scheme();
        let insured = self.ranges(b::INSURED_PERIODS, scheme);
        let mut withheld: Vec<PeriodRange> = Vec::new();
        let mut withheld_ok = true;
        // Each item read where it is; pointers only for findings.
        let items = self.get(b::WITHHELD_PERIODS).and_then(Value::as_array);
        for (i, w) in items.into_iter().flatten().enumerate() {
            let w_rel = || item(b::WITHHELD_PERIODS, i);
            match self.period_with_months_of(Some(w), &w_rel) {
                Some(r) => withheld.push(r),
                None => withheld_ok = false,
            }
            let reason_periods = crate::rules::lookup(w, b::withheld_periods::REASON)
                .and_then(|r| crate::rules::lookup(r, ptr::defs::reason::PERIODS))
                .and_then(Value::as_array);
            for (j, period) in reason_periods.into_iter().flatten().enumerate() {
                self.range_of(Some(period), &|| {
                    let list = join(&[
                        &w_rel(),
                        b::withheld_periods::REASON,
                        ptr::defs::reason::PERIODS,
                    ]);
                    item(&list, j)
                });
            }
        }
        self.back_payments(&withheld);
        if self.has(b::YEARS) {
            self.pension_rows();
            if let (Some(insured), true) = (insured, withheld_ok) {
                self.insured_less_withheld(&insured, &withheld);
            }
        }
        if self.has(b::PERSONAL_ACCOUNT) {
            self.account_balance(b::PERSONAL_ACCOUNT);
        }
        if self.has(b::UNEMPLOYMENT) {
            self.unemployment();
        }
        self.transfer_amount(scheme);
    }

    /// Σ rows.months = totals.contribution_months = insured months not withheld.
    fn insured_less_withheld(&mut self, insured: &[PeriodRange], withheld: &[PeriodRange]) {
        use ptr::social_insurance::transfer_information as b;
        let Some(stated) = self
            .int(&cat(b::TOTALS, b::totals::CONTRIBUTION_MONTHS))
            .and_then(|v| u64::try_from(v).ok())
        else {
            return;
        };
        let as_of = self.as_of();
        let mut months = 0u64;
        for r in insured {
            let (a, b) = (r.start.index(), r.end_or(as_of).index());
            for idx in a..=b {
                let Some(p) = Period::from_index(idx) else {
                    continue;
                };
                if !withheld.iter().any(|w| w.contains(p)) {
                    months += 1;
                }
            }
        }
        if months != stated {
            let p = join(&[
                ptr::envelope::BODY,
                b::TOTALS,
                b::totals::CONTRIBUTION_MONTHS,
            ]);
            self.out.push(Finding::new(
                RuleCode::MonthsMismatch,
                &p,
                format!(
                    "the month count at {p} is {stated}; the insured periods less the withheld periods cover {months} months"
                ),
                format!("{p} 处的月数为{stated}，参保期间扣除不予转移期间后共{months}个月"),
            ));
        }
    }

    /// Per-year rows of a pension information table against `totals`.
    fn pension_rows(&mut self) {
        use ptr::social_insurance::transfer_information as b;
        let n = self.len(b::YEARS);
        let first = self.params.pooled_fund_first_year;
        let mut pooled = Vec::with_capacity(n);
        let mut index_map = Vec::with_capacity(n);
        let mut personal = Vec::with_capacity(n);
        let (mut months_sum, mut base_sum) = (Some(0u64), Some(0i64));
        // The rows are read where they are: a row's pointer is built only for a finding.
        let rows = self.get(b::YEARS).and_then(Value::as_array);
        for (i, row) in rows.into_iter().flatten().enumerate() {
            let int = |field: &str| crate::rules::lookup(row, field).and_then(Value::as_i64);
            let year = int(b::years::YEAR).and_then(|v| i32::try_from(v).ok());
            let months = int(b::years::MONTHS).and_then(|v| u32::try_from(v).ok());
            let base = int(b::years::BASE_FEN);
            let amount = int(b::years::POOLED_FUND_FEN);
            let credit = int(b::years::PERSONAL_ACCOUNT_FEN);
            months_sum = months_sum.zip(months).map(|(a, b)| a + u64::from(b));
            base_sum = base_sum.zip(base).and_then(|(a, b)| a.checked_add(b));
            let (Some(year), Some(months), Some(base)) = (year, months, base) else {
                continue;
            };
            if let Some(credit) = credit {
                personal.push(PersonalAccountRow {
                    year,
                    annual_base_fen: base,
                    credit_fen: credit,
                    interest_fen: 0,
                    months,
                });
            }
            let Some(amount) = amount else { continue };
            if year < first {
                if amount != 0 {
                    let p = bp(&item_at(b::YEARS, i, b::years::POOLED_FUND_FEN));
                    self.out.push(Finding::new(
                        RuleCode::PooledFundRow,
                        &p,
                        format!("the pooled-fund amount at {p} is {amount} fen; years before {first} transfer none"),
                        format!("{p} 处的统筹基金金额为{amount}分，{first}年以前的年度不转移统筹基金"),
                    ));
                }
                continue;
            }
            pooled.push(PooledFundRow {
                year,
                months,
                annual_base_fen: base,
                amount_fen: amount,
            });
            index_map.push(i);
        }
        if let Some(total) = self.int_at(b::TOTALS, b::totals::POOLED_FUND_FEN) {
            let found = checks::check_pooled_fund(
                &pooled,
                total,
                &cat(ptr::envelope::BODY, b::YEARS),
                &join(&[ptr::envelope::BODY, b::TOTALS, b::totals::POOLED_FUND_FEN]),
                self.params,
            );
            self.out.extend(
                found
                    .into_iter()
                    .map(|f| reindex(f, &cat(ptr::envelope::BODY, b::YEARS), &index_map)),
            );
        }
        if let Some(total) = self.int_at(b::TOTALS, b::totals::PERSONAL_ACCOUNT_FEN) {
            if personal.len() == n {
                self.push(checks::check_personal_account(
                    &personal,
                    total,
                    &cat(ptr::envelope::BODY, b::YEARS),
                    &join(&[
                        ptr::envelope::BODY,
                        b::TOTALS,
                        b::totals::PERSONAL_ACCOUNT_FEN,
                    ]),
                    self.params,
                ));
            }
        }
        if let (Some(sum), Some(stated)) = (
            months_sum,
            self.int_at(b::TOTALS, b::totals::CONTRIBUTION_MONTHS)
                .and_then(|v| u64::try_from(v).ok()),
        ) {
            if sum != stated {
                let p = join(&[
                    ptr::envelope::BODY,
                    b::TOTALS,
                    b::totals::CONTRIBUTION_MONTHS,
                ]);
                self.out.push(Finding::new(
                    RuleCode::MonthsMismatch,
                    &p,
                    format!("the month count at {p} is {stated}; the rows of /body/years add up to {sum} months"),
                    format!("{p} 处的月数为{stated}，/body/years 各行合计{sum}个月"),
                ));
            }
        }
        if let (Some(sum), Some(stated)) = (base_sum, self.int_at(b::TOTALS, b::totals::BASE_FEN)) {
            self.total_mismatch(
                &cat(b::TOTALS, b::totals::BASE_FEN),
                stated,
                sum,
                "the sum of base_fen over /body/years",
                "/body/years 各行 base_fen 之和",
            );
        }
        if self.has_at(b::TOTALS, b::totals::EMPLOYER_CONTRIBUTION_FEN) {
            self.sum_check(
                b::YEARS,
                b::years::EMPLOYER_CONTRIBUTION_FEN,
                &cat(b::TOTALS, b::totals::EMPLOYER_CONTRIBUTION_FEN),
            );
        }
    }

    /// One-off back-payments covering ≥ `back_payment_document_min_months` (3 years) need
    /// their document, else their months must be withheld (人社厅发〔2019〕94号, domain.md §4.1
    /// \[S8\]). Paid **before** `back_payment_rule_effective_date` (人社部规〔2016〕5号): the
    /// sender's written commitment (书面承诺书, written at transfer time, any date) or an
    /// official document dated no later than the payment. Paid on or after it: only a court,
    /// audit, labour-inspection or arbitration document dated **before** the payment.
    fn back_payments(&mut self, withheld: &[PeriodRange]) {
        use ptr::social_insurance::transfer_information as b;
        let as_of = self.as_of();
        let min_months = u64::from(self.params.back_payment_document_min_months);
        let effective = self.params.back_payment_rule_effective();
        let items = self.get(b::BACK_PAYMENTS).and_then(Value::as_array);
        for (i, payment) in items.into_iter().flatten().enumerate() {
            let row = || item(b::BACK_PAYMENTS, i);
            let Some(range) = self.period_with_months_of(Some(payment), &row) else {
                continue;
            };
            if range.months(as_of) < min_months {
                continue;
            }
            let document = crate::rules::lookup(payment, b::back_payments::LEGAL_DOCUMENT);
            let paid = str_in(Some(payment), b::back_payments::PAID_ON).and_then(Date::parse);
            let dated =
                str_in(document, b::back_payments::legal_document::DATED).and_then(Date::parse);
            let kind = str_in(document, b::back_payments::legal_document::KIND);
            let before_rule = matches!((paid, effective), (Some(p), Some(e)) if p < e);
            let documented = match (kind, dated, paid) {
                (Some("commitment"), Some(_), Some(_)) => before_rule,
                (Some(_), Some(d), Some(p)) if before_rule => d <= p,
                (Some(_), Some(d), Some(p)) => d < p,
                _ => false,
            };
            if documented {
                continue;
            }
            let (a, z) = (range.start.index(), range.end_or(as_of).index());
            let all_withheld = (a..=z).all(|idx| {
                Period::from_index(idx).is_none_or(|p| withheld.iter().any(|w| w.contains(p)))
            });
            if !all_withheld {
                let b = row();
                let p = bp(&b);
                let y = min_months / 12;
                let (en, zh) = if before_rule {
                    (
                        "a written commitment or a legal document dated no later than the payment",
                        "书面承诺书或补缴前形成的法律文书",
                    )
                } else {
                    (
                        "a court, audit, labour-inspection or arbitration document dated before the payment",
                        "补缴前形成的法院、审计、劳动保障监察或仲裁文书",
                    )
                };
                self.finding(
                    RuleCode::BackPaymentDocument,
                    &b,
                    format!(
                        "the back-payment at {p} covers {y} years or more without {en}, but its months are not all withheld"
                    ),
                    format!("{p} 处的一次性补缴达{y}年以上且无{zh}，但其期间未全部列为不予转移"),
                );
            }
        }
    }

    /// Whether the sender and the receiver are in different provinces (the 1.5× unemployment
    /// transfer applies across provinces only, 部长令8号 art. 22–23).
    fn cross_province(&self) -> bool {
        regions::is_cross_province(&self.doc.from.region, &self.doc.to.region)
    }

    /// Scheme 210 (失业保险条例 art. 17; 部长令8号 art. 22–24; 社会保险法 art. 52). A
    /// relation-only transfer (an employed worker changing jobs) carries no benefit figures.
    /// Entitled months above the national maximum are an error when the carried-over months
    /// are stated, a warning otherwise (they may be carried over); fewer are lawful, except
    /// that a configured provincial table that grants a different number gives a warning.
    fn unemployment(&mut self) {
        use ptr::social_insurance::transfer_information as b;
        let u = b::UNEMPLOYMENT;
        if self.flag_at(u, b::unemployment::RELATION_ONLY) {
            return;
        }
        let (Some(contrib), Some(entitled)) = (
            self.uint_at(u, b::unemployment::CONTRIBUTION_MONTHS),
            self.uint_at(u, b::unemployment::ENTITLED_MONTHS),
        ) else {
            return;
        };
        let ent_ptr = bp(&cat(u, b::unemployment::ENTITLED_MONTHS));
        let carried = self.uint_at(u, b::unemployment::CARRIED_OVER_MONTHS);
        let tier = checks::unemployment_benefit_months(contrib, 0, self.params);
        let cap = self.params.unemployment_max_months;
        if let Some(c) = carried {
            self.push(checks::check_unemployment_months(
                contrib,
                c,
                entitled,
                &ent_ptr,
                self.params,
            ));
        } else if entitled > cap {
            self.out.push(Finding::new(
                RuleCode::UnemploymentMonths,
                &ent_ptr,
                format!(
                    "the benefit months at {ent_ptr} ({entitled}) exceed the national cap of {cap} months"
                ),
                format!("{ent_ptr} 处的领取月数（{entitled}）超过全国最长{cap}个月"),
            ));
        } else if entitled > tier {
            self.out.push(Finding::with_severity(
                RuleCode::UnemploymentMonths,
                Severity::Warning,
                &ent_ptr,
                format!(
                    "the benefit months at {ent_ptr} ({entitled}) exceed the {tier} months of the tier for {contrib} contribution months: valid only with entitlement carried over from an earlier period"
                ),
                format!(
                    "{ent_ptr} 处的领取月数（{entitled}）超过缴费{contrib}个月对应的{tier}个月，仅在结转以前未领完的期限时成立"
                ),
            ));
        }
        let region = &self.doc.from.region;
        if let Some(regional) = checks::unemployment_regional_benefit_months(
            region,
            contrib,
            carried.unwrap_or(0),
            self.params,
        ) {
            let differs = match carried {
                Some(_) => entitled != regional,
                None => entitled < regional,
            };
            if differs {
                self.out.push(Finding::with_severity(
                    RuleCode::UnemploymentMonths,
                    Severity::Warning,
                    &ent_ptr,
                    format!(
                        "the benefit months at {ent_ptr} ({entitled}) differ from the {regional} months of the regional table for {region} ({contrib} contribution months)"
                    ),
                    format!(
                        "{ent_ptr} 处的领取月数（{entitled}）与 {region} 地方标准（缴费{contrib}个月）的{regional}个月不一致"
                    ),
                ));
            }
        }
        if let (Some(drawn), Some(remaining)) = (
            self.uint_at(u, b::unemployment::DRAWN_MONTHS),
            self.uint_at(u, b::unemployment::REMAINING_MONTHS),
        ) {
            if entitled.checked_sub(drawn) != Some(remaining) {
                let p = bp(&cat(u, b::unemployment::REMAINING_MONTHS));
                self.out.push(Finding::new(
                    RuleCode::UnemploymentMonths,
                    &p,
                    format!("the remaining months at {p} ({remaining}) are not the entitled months ({entitled}) less the months drawn ({drawn})"),
                    format!("{p} 处的剩余月数（{remaining}）不等于应领月数（{entitled}）减已领月数（{drawn}）"),
                ));
            }
        }
        if !self.cross_province() {
            // Within a province the province sets the amounts (部长令8号 art. 23).
            return;
        }
        let (Some(remaining), Some(supplement)) = (
            self.int_at(u, b::unemployment::REMAINING_BENEFIT_FEN),
            self.int_at(u, b::unemployment::SUPPLEMENTARY_FEN),
        ) else {
            return;
        };
        if let Some(expected) = amounts::unemployment_transfer_amount(remaining, self.params)
            .and_then(|t| t.checked_sub(remaining))
        {
            if expected != supplement {
                let p = bp(&cat(u, b::unemployment::SUPPLEMENTARY_FEN));
                let r = self.params.unemployment_transfer_factor;
                self.out.push(Finding::new(
                    RuleCode::UnemploymentTransferAmount,
                    &p,
                    format!(
                        "the supplement at {p} is {supplement} fen; with a transfer of {}/{} of the remaining benefit it is {expected} fen",
                        r.numerator, r.denominator
                    ),
                    format!(
                        "{p} 处的补助金额为{supplement}分；按剩余待遇的{}/{}转移应为{expected}分",
                        r.numerator, r.denominator
                    ),
                ));
            }
        }
    }

    /// `transfer_fen` against its components, per scheme (domain.md §4.1 art. 4, §4.3).
    fn transfer_amount(&mut self, scheme: &str) {
        use ptr::social_insurance::transfer_information as b;
        let Some(stated) = self.int(b::TRANSFER_FEN) else {
            return;
        };
        let temporary = self
            .get(b::TEMPORARY_ACCOUNT)
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let (expected, en, zh) = match scheme {
            // A temporary account transfers all contributions with interest: the body does
            // not itemise that sum, so it is not recomputed.
            "110" if temporary => return,
            "110" => {
                let (Some(balance), Some(pooled)) = (
                    self.int_at(b::TOTALS, b::totals::PERSONAL_ACCOUNT_BALANCE_FEN),
                    self.int_at(b::TOTALS, b::totals::POOLED_FUND_FEN),
                ) else {
                    return;
                };
                (
                    balance.checked_add(pooled),
                    "the personal-account balance plus the pooled fund",
                    "个人账户余额与统筹基金之和",
                )
            }
            "170" => (
                self.int_at(b::PERSONAL_ACCOUNT, b::personal_account::BALANCE_FEN),
                "the personal-account balance",
                "个人账户余额",
            ),
            "210" if self.flag_at(b::UNEMPLOYMENT, b::unemployment::RELATION_ONLY) => {
                // 只转关系不转钱: an employed worker's relation and years move, no money
                // (社会保险法 art. 52).
                if stated != 0 {
                    self.finding(
                        RuleCode::UnemploymentTransferAmount,
                        b::TRANSFER_FEN,
                        format!(
                            "the transfer amount at /body/transfer_fen is {stated} fen; a relation-only unemployment transfer (employed worker) moves no money"
                        ),
                        format!(
                            "/body/transfer_fen 处的转移金额为{stated}分；在职人员失业保险关系转移只转关系不转资金"
                        ),
                    );
                }
                return;
            }
            "210" if !self.cross_province() => return,
            "210" => {
                if let Some(remaining) =
                    self.int_at(b::UNEMPLOYMENT, b::unemployment::REMAINING_BENEFIT_FEN)
                {
                    self.push(checks::check_unemployment_transfer(
                        remaining,
                        stated,
                        &cat(ptr::envelope::BODY, b::TRANSFER_FEN),
                        self.params,
                    ));
                }
                return;
            }
            "310" | "390" => (
                Some(
                    self.int_at(b::MEDICAL, b::medical::PERSONAL_ACCOUNT_BALANCE_FEN)
                        .unwrap_or(0),
                ),
                "the medical personal-account balance (0 when none)",
                "医保个人账户余额（无则为0）",
            ),
            _ => return,
        };
        if let Some(expected) = expected {
            self.total_mismatch(b::TRANSFER_FEN, stated, expected, en, zh);
        }
    }
}

/// Moves a finding at `base/k` (k an index into a filtered row list) to `base/map[k]`,
/// in its path and messages.
fn reindex(mut f: Finding, base: &str, map: &[usize]) -> Finding {
    let prefix = format!("{base}/");
    let Some(rest) = f.violation.path.strip_prefix(&prefix) else {
        return f;
    };
    let (k, tail) = rest.split_once('/').map_or((rest, ""), |(k, t)| (k, t));
    let Some(orig) = k.parse::<usize>().ok().and_then(|k| map.get(k).copied()) else {
        return f;
    };
    let old = f.violation.path.clone();
    let new = if tail.is_empty() {
        format!("{prefix}{orig}")
    } else {
        format!("{prefix}{orig}/{tail}")
    };
    if old != new {
        let (o, n) = (format!("{old} "), format!("{new} "));
        f.violation.message = f.violation.message.replace(&o, &n);
        f.violation.message_zh = f.violation.message_zh.replace(&o, &n);
        f.violation.path = new;
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `item`/`item_at` write what `format!` wrote, for every number of digits.
    #[test]
    fn item_pointers_are_formatted_as_before() {
        for i in [0, 1, 9, 10, 42, 99, 100, 12_345, usize::MAX] {
            assert_eq!(item("/years", i), format!("/years/{i}"));
            assert_eq!(item_at("/years", i, "/year"), format!("/years/{i}/year"));
            assert_eq!(item("", i), format!("/{i}"));
        }
    }

    /// `Walk::get` resumes from the last pointer's parent and answers as `lookup` from the
    /// root, whatever order pointers come in (siblings, other rows, prefixes that are not
    /// parents, missing members, escapes).
    /// An `issued_at` outside the years 1–9999 in China Standard Time gives the nearest date
    /// as "today": year 0000 the earliest, so every "not after the message date" rule applies
    /// (audit s38 time F7: the latest date had made `validate` pass such a document).
    #[test]
    fn reference_date_outside_the_calendar_is_clamped() {
        use crate::envelope::Party;
        let doc = |issued: &str| {
            let mut d = Document::builder(
                "worker_transfer.roster",
                Party::new("513400", "LS"),
                Party::new("330200", "NB"),
            )
            .build(&crate::time::FixedClock(
                Timestamp::parse("2026-12-01T00:00:00Z").unwrap(),
            ))
            .unwrap();
            d.issued_at = issued.to_owned();
            d
        };
        let stage = RulesStage::default();
        assert_eq!(
            stage.reference_date(&doc("0000-06-01T00:00:00Z")),
            Date::MIN
        );
        assert_eq!(
            stage.reference_date(&doc("9999-12-31T20:00:00Z")),
            Date::MAX
        );
        assert_eq!(
            stage.reference_date(&doc("2026-12-01T17:00:00Z")),
            Date::new(2026, 12, 2).unwrap()
        );
    }

    #[test]
    fn walk_get_is_lookup_from_the_root() {
        let body = serde_json::json!({
            "years": [{"year": 2019, "months": 12}, {"year": 2020, "a/b": 1, "t~": 2}],
            "years1": {"x": 1},
            "totals": {"months": 24},
            "": {"": 3}
        });
        let pointers = [
            "/years/0/year",
            "/years/0/months",
            "/years/1/year",
            "/years/1/month",
            "/years1/x",
            "/years/1/a~1b",
            "/years/1/t~0",
            "/years/10/year",
            "/years/0",
            "/years",
            "",
            "/",
            "//",
            "/totals/months",
            "/years/0/year/deeper",
            "/nothing/here",
            "/years/0/months",
            "/years/-/year",
            "/years/01/year",
        ];
        let walk_body = &body;
        let cache = std::cell::RefCell::new((String::new(), None));
        for round in 0..2 {
            for p in pointers {
                let expected = crate::rules::lookup(walk_body, p);
                let got = get_from(walk_body, &cache, p);
                assert_eq!(got, expected, "{p} (round {round})");
            }
        }
    }

    #[test]
    fn reindex_moves_path_and_messages() {
        let f = Finding::new(
            RuleCode::PooledFundRow,
            "/body/years/1",
            "the row at /body/years/1 is wrong",
            "/body/years/1 处错误",
        );
        let g = reindex(f, "/body/years", &[2, 5]);
        assert_eq!(g.path(), "/body/years/5");
        assert_eq!(g.violation.message, "the row at /body/years/5 is wrong");
        assert_eq!(g.violation.message_zh, "/body/years/5 处错误");
    }
}
