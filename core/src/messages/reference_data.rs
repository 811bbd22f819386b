//! The reference-data body (`reference_data`, 参考数据): the holiday calendar and GB/T 2260
//! changes, signed by a trust anchor (issue 11 item 13).
//!
//! This is the wire form. To use the data in the rules, load the signed document with
//! [`crate::refdata::ReferenceData::load`], which verifies it like a trust list and builds the
//! calendar and region table.

use serde::{Deserialize, Serialize};

use super::{MessageBody, MessageType};

/// 参考数据 — Reference data that changes every year (holiday calendar, GB/T 2260 region
/// list), signed by a pinned trust anchor and verified like a trust list.
///
/// The body of `reference_data`. A condition neither the schema nor the type expresses: at
/// least one of `calendar` and `regions` ([`crate::refdata::ReferenceData::from_body`] refuses
/// a body with neither: `reference_data.invalid`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferenceDataBody {
    /// 序号 — Strictly increasing version number (reference_data.rollback).
    pub sequence: u64,
    /// 下次更新时间 — When the next document is promised (reference_data.stale after it plus
    /// a grace period).
    ///
    /// Format: RFC 3339 UTC with `Z`, e.g. `2026-11-27T08:00:00Z`.
    pub next_update: String,
    /// 节假日安排 — Holiday calendar years.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<CalendarSection>,
    /// 行政区划代码变更 — GB/T 2260 changes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regions: Option<RegionSection>,
}

impl MessageBody for ReferenceDataBody {
    const TYPE: MessageType = MessageType::ReferenceData;
}

impl ReferenceDataBody {
    /// A document with holiday calendar years.
    #[must_use]
    pub fn with_calendar(
        sequence: u64,
        next_update: impl Into<String>,
        calendar: CalendarSection,
    ) -> Self {
        Self {
            sequence,
            next_update: next_update.into(),
            calendar: Some(calendar),
            regions: None,
        }
    }

    /// A document with GB/T 2260 changes.
    #[must_use]
    pub fn with_regions(
        sequence: u64,
        next_update: impl Into<String>,
        regions: RegionSection,
    ) -> Self {
        Self {
            sequence,
            next_update: next_update.into(),
            calendar: None,
            regions: Some(regions),
        }
    }
}

/// 状态 — Whether a year's schedule is the State Council's published one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CalendarStatus {
    /// `official`: the published notice.
    Official,
    /// `provisional`: statutory days only (`rule.calendar_provisional`).
    Provisional,
}

/// 类型 — A day off or an adjusted working day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CalendarDayKind {
    /// `holiday`: a day off.
    Holiday,
    /// `workday`: an adjusted working day (调休上班).
    Workday,
}

/// 节假日安排 — Holiday calendar years; each replaces the embedded entries of its year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarSection {
    /// 日历版本 — The calendar's version.
    pub version: String,
    /// 年度安排 — One entry per year.
    pub years: Vec<CalendarYearEntry>,
}

/// 年度安排 — One year of the calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarYearEntry {
    /// 年份 — The year.
    pub year: u16,
    /// 状态 — `official` or `provisional`.
    pub status: CalendarStatus,
    /// 依据 — The notice the days follow.
    pub source: String,
    /// 日期列表 — Holidays and adjusted working days.
    pub days: Vec<CalendarDayEntry>,
}

/// 日期 — One listed day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarDayEntry {
    /// 日期 — `YYYY-MM-DD`.
    pub date: String,
    /// 类型 — `holiday` or `workday`.
    pub kind: CalendarDayKind,
    /// 名称 — The holiday's name.
    pub name: String,
}

/// 行政区划代码变更 — Changes to the GB/T 2260 list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionSection {
    /// 截止日期 — The date of the list these changes lead to.
    pub as_of: String,
    /// 依据 — Where the list comes from.
    pub source: String,
    /// 新增代码 — Codes added (or renamed).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub added: Vec<RegionAdded>,
    /// 撤销代码 — Codes retired.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub retired: Vec<RegionRetired>,
}

/// 新增代码 — An added code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionAdded {
    /// 代码 — Six digits.
    pub code: String,
    /// 名称 — The division's name.
    pub name: String,
}

/// 撤销代码 — A retired code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionRetired {
    /// 代码 — Six digits.
    pub code: String,
    /// 说明 — When and why.
    pub note: String,
}
