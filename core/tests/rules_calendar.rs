//! Working days with the embedded holiday calendar (调休 included), dates and periods.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use labourlink::rules::Date;
use labourlink::rules::calendar::{self, DayKind, HolidayCalendar};
use labourlink::rules::periods::{self, Period, PeriodRange};

fn d(s: &str) -> Date {
    Date::parse(s).unwrap()
}

#[test]
fn spring_festival_2026_with_adjusted_saturdays() {
    let cal = HolidayCalendar::embedded();
    // Sat 2026-02-14 and Sat 2026-02-28 are adjusted working days; 02-15 … 02-23 are off.
    assert!(cal.is_working_day(d("2026-02-14")));
    assert!(cal.is_working_day(d("2026-02-28")));
    for day in 15..=23 {
        assert!(
            !cal.is_working_day(Date::new(2026, 2, day).unwrap()),
            "{day}"
        );
    }
    assert_eq!(
        calendar::add_working_days(d("2026-02-12"), 1),
        Some(d("2026-02-13"))
    );
    assert_eq!(
        calendar::add_working_days(d("2026-02-12"), 2),
        Some(d("2026-02-14"))
    );
    assert_eq!(
        calendar::add_working_days(d("2026-02-12"), 3),
        Some(d("2026-02-24"))
    );
    assert_eq!(
        calendar::working_days_between(d("2026-02-13"), d("2026-03-02")),
        7
    );
    // A 15-working-day pension leg starting on 2026-02-10 is due on 2026-03-09 …
    assert_eq!(
        calendar::add_working_days(d("2026-02-10"), 15),
        Some(d("2026-03-09"))
    );
    // … whereas counting weekends only would say 2026-03-03.
    assert_eq!(
        HolidayCalendar::weekends_only().add_working_days(d("2026-02-10"), 15),
        Some(d("2026-03-03"))
    );
}

#[test]
fn spring_festival_2025_and_2024() {
    // 2025: Sun 01-26 worked, 01-28 … 02-04 off, Sat 02-08 worked.
    assert_eq!(
        calendar::add_working_days(d("2025-01-24"), 1),
        Some(d("2025-01-26"))
    );
    assert_eq!(
        calendar::add_working_days(d("2025-01-24"), 2),
        Some(d("2025-01-27"))
    );
    assert_eq!(
        calendar::add_working_days(d("2025-01-24"), 3),
        Some(d("2025-02-05"))
    );
    assert_eq!(
        calendar::add_working_days(d("2025-02-07"), 1),
        Some(d("2025-02-08"))
    );
    // 2024: 除夕 02-09 was a working day, 02-10 … 02-17 off, Sun 02-18 worked.
    assert_eq!(
        calendar::add_working_days(d("2024-02-08"), 1),
        Some(d("2024-02-09"))
    );
    assert_eq!(
        calendar::add_working_days(d("2024-02-08"), 2),
        Some(d("2024-02-18"))
    );
    assert_eq!(
        calendar::working_days_between(d("2024-02-04"), d("2024-02-04")),
        0
    );
    assert_eq!(
        calendar::working_days_between(d("2024-02-03"), d("2024-02-04")),
        1
    );
}

#[test]
fn yearly_totals_match_the_notices() {
    // Weekday holidays and weekend working days per year, as counted from the State Council
    // notices (and PyPI chinesecalendar 1.11.0).
    let cal = HolidayCalendar::embedded();
    for (year, weekday_off, weekend_on) in [(2024, 19, 8), (2025, 18, 5), (2026, 19, 6)] {
        let mut off = 0;
        let mut on = 0;
        let mut day = Date::new(year, 1, 1).unwrap();
        while day.year() == year {
            if !day.is_weekend() && !cal.is_working_day(day) {
                off += 1;
            }
            if day.is_weekend() && cal.is_working_day(day) {
                on += 1;
            }
            day = day.add_days(1).unwrap();
        }
        assert_eq!((off, on), (weekday_off, weekend_on), "{year}");
        assert!(cal.is_confirmed(year));
    }
    assert_eq!(
        calendar::working_days_between(d("2024-12-31"), d("2025-12-31")),
        248
    );
}

#[test]
fn year_2027_is_provisional_and_others_unknown() {
    let cal = HolidayCalendar::embedded();
    assert!(!cal.is_confirmed(2027));
    assert!(!cal.is_confirmed(2023));
    assert!(!cal.is_confirmed(2028));
    assert!(cal.is_confirmed_between(d("2024-03-01"), d("2026-12-31")));
    assert!(!cal.is_confirmed_between(d("2026-12-20"), d("2027-01-10")));
    // Statutory days are still listed for 2027.
    assert_eq!(cal.listed(d("2027-02-08")), Some(DayKind::Holiday));
    assert!(!cal.is_working_day(d("2027-02-08")));
    assert_eq!(cal.version(), "2026-11-27");
}

#[test]
fn add_and_between_are_inverse() {
    let cal = HolidayCalendar::embedded();
    let mut start = d("2023-12-01");
    while start < d("2028-01-31") {
        for n in [0, 1, 2, 5, 7, 10, 15, 20, 45] {
            let due = cal.add_working_days(start, n).unwrap();
            assert_eq!(
                cal.working_days_between(start, due),
                i64::from(n),
                "{start} {n}"
            );
            assert_eq!(cal.working_days_between(due, start), -i64::from(n));
            assert!(n == 0 || cal.is_working_day(due));
        }
        start = start.add_days(3).unwrap();
    }
}

#[test]
fn extreme_inputs_do_not_panic() {
    let cal = HolidayCalendar::embedded();
    assert_eq!(cal.add_working_days(Date::MAX, 1), None);
    assert_eq!(cal.add_working_days(d("2026-01-01"), u32::MAX), None);
    assert_eq!(cal.add_working_days(Date::MAX, 0), Some(Date::MAX));
    let n = cal.working_days_between(Date::MIN, Date::MAX);
    assert!(n > 2_000_000 && n < 2_700_000, "{n}");
    assert_eq!(cal.working_days_between(Date::MAX, Date::MIN), -n);
}

#[test]
fn loading_a_calendar() {
    let good = "# version: test-1\ndate\tkind\tname\tstatus\n2030-01-01\tholiday\t元旦\tofficial\n\
                2030-01-05\tworkday\tx\tofficial\n";
    let cal = HolidayCalendar::from_tsv(good).unwrap();
    assert_eq!(cal.version(), "test-1");
    assert!(!cal.is_working_day(d("2030-01-01")));
    assert!(cal.is_working_day(d("2030-01-05"))); // a Saturday
    assert!(cal.is_confirmed(2030));
    for bad in [
        "date\tkind\tname\tstatus\n2030-01-01\tholiday\tx\tofficial\n", // no version
        "# version: 1\n2030-02-30\tholiday\tx\tofficial\n",
        "# version: 1\n2030-01-01\tday-off\tx\tofficial\n",
        "# version: 1\n2030-01-01\tholiday\tx\tmaybe\n",
        "# version: 1\n2030-01-01\tholiday\tx\n",
        "# version: 1\n2030-01-01\tholiday\tx\tofficial\n2030-01-01\tworkday\tx\tofficial\n",
    ] {
        let e = HolidayCalendar::from_tsv(bad).unwrap_err();
        assert_eq!(e.code(), labourlink::ErrorCode::InputInvalid, "{bad}");
    }
}

#[test]
fn dates() {
    assert_eq!(d("2026-11-27").weekday(), 5);
    assert_eq!(d("1970-01-01").weekday(), 4);
    assert!(d("2026-11-28").is_weekend());
    assert_eq!(
        Date::from_days(d("2000-03-01").days()),
        Some(d("2000-03-01"))
    );
    assert_eq!(Date::MIN.add_days(-1), None);
    assert!(Date::new(2026, 2, 29).is_none());
    assert!(Date::new(0, 1, 1).is_none());
    assert!(Date::new(10_000, 1, 1).is_none());
    assert!(Date::parse("2026-1-01").is_none());
    // Age in completed years; a 29 February birthday completes on 1 March in common years.
    let leap = d("2008-02-29");
    assert_eq!(leap.age_on(d("2026-02-28")), Some(17));
    assert_eq!(leap.age_on(d("2026-03-01")), Some(18));
    assert_eq!(leap.age_on(d("2028-02-29")), Some(20));
    assert_eq!(leap.age_on(d("2008-02-28")), None);
}

// ---------------------------------------------------------------------------------------------
// Periods

fn p(s: &str) -> Period {
    Period::parse(s).unwrap()
}

#[test]
fn period_parsing() {
    assert_eq!(p("2024-01").index() + 1, p("2024-02").index());
    assert_eq!(p("2024-12").index() + 1, p("2025-01").index());
    assert_eq!(Period::parse_compact("202401"), Some(p("2024-01")));
    assert_eq!(Period::from_index(p("1998-01").index()), Some(p("1998-01")));
    assert_eq!(p("1998-07").to_string(), "1998-07");
    for bad in [
        "2024-1",
        "2024-13",
        "2024-00",
        "2024/01",
        "202401",
        "0000-01",
        "２024-01",
        "2024-01-01",
    ] {
        assert!(Period::parse(bad).is_none(), "{bad}");
    }
    assert_eq!(Period::of_date(d("2026-11-27")), p("2026-11"));
}

#[test]
fn ranges_months_and_gaps() {
    let r = PeriodRange::parse("2019-03", Some("2020-02")).unwrap();
    assert_eq!(r.months(p("2026-11")), 12);
    let open = PeriodRange::parse("2026-01", None).unwrap();
    assert_eq!(open.months(p("2026-11")), 11);
    assert_eq!(open.months(p("2025-11")), 0);
    assert!(PeriodRange::parse("2020-02", Some("2020-01")).is_none());
    assert_eq!(periods::total_months(&[r, open], p("2026-11")), 23);
    assert_eq!(periods::gap_months(p("2020-02"), p("2020-03")), 0);
    assert_eq!(periods::gap_months(p("2020-02"), p("2020-06")), 3);
    assert_eq!(periods::gap_months(p("2020-02"), p("2020-01")), -2);
    assert!(r.contains(p("2019-03")) && r.contains(p("2020-02")) && !r.contains(p("2020-03")));
}

#[test]
fn overlaps() {
    let r = |a: &str, b: Option<&str>| PeriodRange::parse(a, b).unwrap();
    let list = vec![
        ("110", r("2010-01", Some("2012-12"))),
        ("110", r("2013-01", Some("2015-06"))), // adjacent, no overlap
        ("310", r("2012-06", Some("2014-01"))), // other scheme
        ("110", r("2015-06", None)),            // overlaps the second at 2015-06
        ("110", r("2020-01", Some("2020-12"))), // inside the open one
    ];
    assert_eq!(periods::find_overlaps(&list), vec![(1, 3), (3, 4)]);
    assert!(periods::find_overlaps(&list[..3]).is_empty());
}

#[test]
fn overlap_sweep_agrees_with_brute_force() {
    let mut seed: u64 = 0x5eed;
    let mut next = move |m: u64| {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        (seed >> 33) % m
    };
    for _ in 0..300 {
        let n = 1 + next(12) as usize;
        let list: Vec<(&str, PeriodRange)> = (0..n)
            .map(|_| {
                let scheme = ["110", "210", "310"][next(3) as usize];
                let s = Period::from_index(p("2000-01").index() + next(120) as i64).unwrap();
                let end = if next(5) == 0 {
                    None
                } else {
                    Period::from_index(s.index() + next(30) as i64)
                };
                (scheme, PeriodRange::new(s, end).unwrap())
            })
            .collect();
        let pairs = periods::find_overlaps(&list);
        let reported: std::collections::HashSet<usize> =
            pairs.iter().flat_map(|&(i, j)| [i, j]).collect();
        for (i, j) in &pairs {
            assert!(i < j);
            assert_eq!(list[*i].0, list[*j].0);
            assert!(list[*i].1.overlaps(&list[*j].1));
        }
        for i in 0..n {
            let overlapping =
                (0..n).any(|j| j != i && list[i].0 == list[j].0 && list[i].1.overlaps(&list[j].1));
            assert_eq!(overlapping, reported.contains(&i), "{list:?}");
        }
    }
}
