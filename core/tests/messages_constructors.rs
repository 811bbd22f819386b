//! The constructors of `labourlink::messages`: every one makes a body that validates against its
//! schema (one or more per message type), and the helpers that compute amounts reproduce the
//! examples to the fen.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;
use std::fmt::Debug;

use labourlink::messages::common::*;
use labourlink::messages::control::*;
use labourlink::messages::family_planning::*;
use labourlink::messages::receipt::*;
use labourlink::messages::reference_data::*;
use labourlink::messages::social_insurance::*;
use labourlink::messages::trust_list::*;
use labourlink::messages::worker_rights::*;
use labourlink::messages::worker_transfer::*;
use labourlink::messages::{MessageBody, MessageType};
use labourlink::time::Timestamp;
use labourlink::{Error, ErrorCode, Violation};

fn man() -> Person {
    Person::new("马测试", "513401199004180574", Sex::Male, "1990-04-18")
}

fn woman() -> Person {
    Person::new("王样例", "522301199508210269", Sex::Female, "1995-08-21")
}

fn employer() -> Organisation {
    Organisation::new("91330206MA2J8LT46U", "宁波样例制衣有限公司")
}

fn account() -> BankAccount {
    BankAccount::new(
        "中国工商银行宁波分行营业部",
        "宁波市社会保险管理局",
        "3901110009000123456",
    )
}

fn reasons() -> Vec<Reason> {
    vec![Reason::new(ReasonCode::Other, "材料不全，请补充。").at("/body/person")]
}

const ID: &str = "01a1c32f-0100-7960-bfba-516dae3d85be";
const DIGEST: &str = "AN9r6VlzPRsrePfmukWgAGmQpQPa-t646Q77riauCuc";

/// Checks the body against its schema and returns its type.
fn valid<T: MessageBody + Debug>(body: T) -> MessageType {
    if let Err(e) = body.validate() {
        panic!("{}: {e}\n{:#?}\n{body:#?}", T::TYPE, e.violations());
    }
    T::TYPE
}

#[test]
fn every_constructor_makes_a_schema_valid_body() {
    let r = man().to_ref();
    let w = woman().to_ref();
    let periods = vec![
        PeriodRange::closed("2019-07", "2025-12"),
        PeriodRange::open("2026-03"),
    ];
    let years = vec![PensionYear::new(2025, 12, 6_213_337, 497_067, 745_600)];
    let types = [
        // receipt, trust_list, reference_data
        valid(Receipt::accepted(ID, DIGEST)),
        valid(ReferenceDataBody::with_calendar(
            2,
            "2027-12-01T00:00:00Z",
            CalendarSection {
                version: "2026-12-01".into(),
                years: vec![CalendarYearEntry {
                    year: 2027,
                    status: CalendarStatus::Provisional,
                    source: "全国年节及纪念日放假办法".into(),
                    days: vec![CalendarDayEntry {
                        date: "2027-01-01".into(),
                        kind: CalendarDayKind::Holiday,
                        name: "元旦".into(),
                    }],
                }],
            },
        )),
        valid(ReferenceDataBody::with_regions(
            3,
            "2027-12-01T00:00:00Z",
            RegionSection {
                as_of: "2024-12-31".into(),
                source: "民政部".into(),
                added: vec![RegionAdded {
                    code: "330299".into(),
                    name: "测试区".into(),
                }],
                retired: Vec::new(),
            },
        )),
        valid(Receipt::rejected(
            ID,
            DIGEST,
            vec![ReportedError::new("signature.invalid", "", "签名无效")],
        )),
        valid(TrustListBody::new(
            7,
            "2026-12-27T00:00:00Z",
            vec![
                KeyEntry::new(
                    "513400-si-2026a",
                    "513400",
                    "12513400MB1F30256L",
                    Jwk::ed25519("NKLukQdVEEy7d-09YVU81wnZC1zzI7vlh-4vlsk8lLw"),
                    "2026-01-01T00:00:00Z",
                    vec!["social_insurance.*".into(), "receipt".into()],
                ),
                KeyEntry::new(
                    "330200-hr-2026a",
                    "330200",
                    "NB-HR",
                    Jwk::p256(DIGEST, DIGEST),
                    "2026-01-01T00:00:00Z",
                    vec!["*".into()],
                ),
            ],
        )),
        // control
        valid(Reminder::new(
            vec![MessageType::SocialInsuranceContactLetter],
            1,
        )),
        valid(ReminderReply::later("2026-12-10")),
        valid(ReminderReply::not_available(reasons())),
        valid(ClarificationRequest::new(vec![
            Question::new("请说明2019年缴费月数。"),
            Question::at("/body/years/0/months", "为何只有6个月？"),
        ])),
        valid(ClarificationReply::new(vec![Answer::new(
            0,
            "2019年7月起参保。",
        )])),
        valid(Invalidate::new("金额有误，另行发送。")),
        valid(Reject::new(reasons())),
        valid(CaseClose::new(CaseOutcome::Completed, "2026-12-01")),
        valid(CaseReopen::new("发现重复缴费期间。")),
        // worker_transfer
        valid(JobDemand::new(
            "330200-XQ-2026-0042",
            employer(),
            vec![Position::new("P1", "缝纫工", 20, 450_000, "330206")],
        )),
        valid(Roster::new(
            "513400-MD-2026-0007",
            vec![RosterWorker::new(1, man(), "513401", true, "2026-11-01")],
        )),
        valid(RosterReply::new(
            Outcome::PartiallyAccepted,
            vec![
                RosterDecision::accepted(1, "513401199004180574"),
                RosterDecision::rejected(2, "522301199508210269", reasons()),
            ],
        )),
        valid(Arrival::new(vec![Placement::new(
            1,
            r.clone(),
            employer(),
            "330206",
            "缝纫工",
            "2026-11-20",
            480_000,
        )])),
        valid(InsuranceEnrolment::new(vec![Enrolment::new(
            1,
            r.clone(),
            employer(),
            "330206",
            vec![Scheme::EnterprisePension, Scheme::WorkInjury],
            "2026-11-25",
            "2026-11",
        )])),
        valid(Retention::report(vec![Milestone::new(
            1,
            r.clone(),
            "2026-03-01",
            6,
            6,
            true,
            "2026-09-01",
        )])),
        valid(Retention::decision(
            vec![
                ClaimDecision::accepted(1, 100_000),
                ClaimDecision::partially_accepted(2, 50_000, reasons()),
                ClaimDecision::rejected(3, reasons()),
            ],
            150_000,
        )),
        valid(Separation::new(vec![
            SeparationEvent::separation(1, r.clone(), "2026-12-01"),
            SeparationEvent::job_change(2, w.clone(), "2026-12-01", employer()),
            SeparationEvent::return_home(3, r.clone(), "2026-12-15"),
        ])),
        valid(CertificateAttestation::new(
            Organisation::new("12513401MB1Q55605C", "西昌样例技工学校"),
            vec![AttestedCertificate::new(
                1,
                r.clone(),
                CertificateKind::SkillLevel,
                "S000051340101255000123",
                "6",
                4,
                "2025-12-20",
            )],
        )),
        valid(Reconciliation::statement(
            "2026-11",
            vec![CountyRow::new(
                "513401",
                Counts {
                    sent: 3,
                    arrived: 2,
                    ..Counts::default()
                },
            )],
            Counts {
                sent: 3,
                arrived: 2,
                ..Counts::default()
            },
        )),
        valid(Reconciliation::confirmation("2026-11")),
        valid(Reconciliation::mismatch(
            "2026-11",
            vec![Difference::new("513401", CountField::Arrived, 2, 3)],
        )),
        // family_planning
        valid(ServiceAgreement::new(
            "NB-LS-2026-01",
            "流动人口计划生育服务协作协议",
            vec![
                AgreementParty::new("330200", "宁波市卫生健康委员会"),
                AgreementParty::new("513400", "凉山州卫生健康委员会"),
            ],
            vec![ServiceScope::InformationSharing, ServiceScope::Statistics],
            "2026-01-01",
            "双方互通流动人口婚育信息。",
        )),
        valid(Certificate::issue(
            "HY-2026-001",
            woman(),
            "522301",
            "20",
            "2026-10-01",
        )),
        valid(Certificate::update(
            "HY-2026-001",
            woman(),
            "522301",
            "20",
            "2026-10-02",
        )),
        valid(Certificate::cancel(
            "HY-2026-001",
            woman(),
            "522301",
            "20",
            "2026-10-03",
            "本人申请注销。",
        )),
        valid(ArrivalNotice::new(
            woman(),
            "522301",
            "2026-09-01",
            "2026-09-10",
            CertificatePresentation::Electronic,
        )),
        valid(VerificationRequest::new(
            "XC-2026-001",
            VerificationPurpose::BirthRegistration,
            woman(),
            vec![VerificationItem::MaritalStatus, VerificationItem::Children],
            "2026-10-01",
        )),
        valid(VerificationReply::confirmed("XC-2026-001")),
        valid(VerificationReply::discrepancy(
            "XC-2026-001",
            vec![Discrepancy::new(DiscrepancyItem::Children, "登记有一孩。")],
        )),
        valid(VerificationReply::cannot_confirm("XC-2026-001")),
        valid(BirthRegistrationNotice::new(
            "SY-2026-001",
            BirthRegistrationKind::BeforeBirth,
            woman(),
            RegisteredChild::new(1),
            "2026-10-01",
            "330203",
            vec![Evidence::IdDocuments],
        )),
        valid(ServiceNotice::contraception_status(
            woman(),
            Contraception::new("宫内节育器"),
            "2026-10-01",
        )),
        valid(ServiceNotice::services(
            woman(),
            vec![ServiceRecord::new("孕前优生健康检查", "2026-09-20")],
            "2026-10-01",
        )),
        valid(ServiceNotice::statistics(
            ServiceStatistics::new(PeriodRange::closed("2026-07", "2026-09")),
            "2026-10-01",
        )),
        valid(BenefitNotice::notice(
            woman(),
            Benefit::new("独生子女父母奖励"),
        )),
        valid(BenefitNotice::accepted(
            woman(),
            Benefit::new("独生子女父母奖励"),
        )),
        valid(BenefitNotice::rejected(
            woman(),
            Benefit::new("独生子女父母奖励"),
            reasons(),
        )),
        // social_insurance
        valid(ContributionCertificate::new(
            "513400-PZ-2026-001",
            Scheme::EnterprisePension,
            man(),
            "2026-03-01",
            periods.clone(),
            78,
            ParticipationStatus::Suspended,
        )),
        valid(TransferApplication::new(
            "330200-SQ-2026-001",
            TransferScheme::EnterprisePension,
            man(),
            Agency::new("513400", "凉山州社会保险事业管理局"),
            Agency::new("330200", "宁波市社会保险管理局"),
            "2026-10-13",
            ApplicationChannel::OnlinePlatform,
        )),
        valid(ContactLetter::new(
            "330200-LXH-2026-004512",
            ContactLetterKind::ConsentToReceive,
            TransferScheme::EnterprisePension,
            man(),
            ReceivingAgency::new(
                "330200",
                "宁波市社会保险管理局",
                Address::new("330203", "海曙区样例路1号"),
                "0574-87000002",
            ),
            account(),
            "2026-10-16",
        )),
        valid(ApplicationRefusal::new(
            TransferScheme::Unemployment,
            r.clone(),
            "330200-SQ-2026-002",
            reasons(),
            "缴费不满一年，不符合转移条件。",
        )),
        valid(TransferInformation::pension(
            "513400-XXB-2026-002207",
            man(),
            periods.clone(),
            years.clone(),
            PensionTotals::sum(&years, 2_944_074),
            "2026-11-10",
        )),
        valid(TransferInformation::resident_pension(
            "513400-XXB-2026-002208",
            man(),
            periods.clone(),
            PersonalAccount::new(1_000_000, 52_345),
            "2026-11-10",
        )),
        valid(TransferInformation::unemployment(
            "513400-XXB-2026-002209",
            man(),
            periods.clone(),
            UnemploymentDetails::new(36, 12, 3, 1_512_345),
            "2026-11-10",
        )),
        valid(TransferInformation::medical(
            "513400-XXB-2026-002210",
            MedicalScheme::EmployeeMedical,
            man(),
            periods.clone(),
            MedicalDetails::new(78, "2026-02-28"),
            "2026-11-10",
        )),
        valid(FundTransfer::new(
            TransferScheme::EnterprisePension,
            r.clone(),
            "ICBC-2026-1110-0001",
            7_040_057,
            "2026-11-12",
            account(),
        )),
        valid(TransferCompletion::completed(
            TransferScheme::EnterprisePension,
            r.clone(),
            7_040_057,
            "2026-11-20",
        )),
        valid(TransferCompletion::mismatch(
            TransferScheme::EnterprisePension,
            r.clone(),
            reasons(),
        )),
        valid(CooperationAgreement::new(
            "330200-513400-LWXZ-2026",
            "宁波市—凉山州2026年度劳务协作协议",
            vec![
                Agency::new("330200", "宁波市人力资源和社会保障局"),
                Agency::new("513400", "凉山彝族自治州人力资源和社会保障局"),
            ],
            "2026-01-15",
            "2026-01-01",
            vec![3, 6, 9],
            vec![AgreementSubsidy::new(
                1,
                SubsidyKind::Transport,
                100_000,
                SubsidyPayer::SendingRegion,
            )],
        )),
        valid(BenefitPlaceRequest::new(
            "330200-DYD-2026-000031",
            man(),
            RetirementCategory::Male,
            "513401",
            "2026-07-06",
            vec![
                InsuredPlace::new(1, "513400", 168, false),
                InsuredPlace::new(2, "330200", 78, false),
            ],
        )),
        valid(BenefitPlaceDecision::new(
            "513400-DYD-2026-000012",
            man(),
            "513401",
            vec![
                InsuredPlace::new(1, "513400", 168, false),
                InsuredPlace::new(2, "330200", 78, false),
            ],
            "513400",
            BenefitPlaceRuleApplied::PreviousPlace,
            "2026-07-10",
        )),
        valid(WageArrearsReferral::new(
            r.clone(),
            employer(),
            PeriodRange::closed("2026-07", "2026-09"),
            1_526_000,
            "2026-10-09",
        )),
        valid(WageArrearsOutcome::new(
            r.clone(),
            WageArrearsOutcomeKind::ReferredToArbitration,
            1_526_000,
            "2026-11-05",
        )),
        valid(WageArrearsOutcome::paid(
            r.clone(),
            1_526_000,
            "2026-11-03",
            "2026-11-05",
        )),
        valid(WorkInjuryNotice::new(
            r.clone(),
            employer(),
            "2026-10-08",
            "330203",
        )),
        valid(WorkInjuryDecision::new(
            r.clone(),
            InjuryDecision::Recognised,
            "2026-11-20",
        )),
        valid(DisputeReferral::new(
            r.clone(),
            employer(),
            vec![DisputeKind::Wages],
            "2026-08-31",
            DisputeReferralPurpose::Arbitration,
        )),
        valid(DisputeOutcome::new(
            r,
            DisputeOutcomeKind::MediationAgreement,
            "2026-11-27",
        )),
    ];
    let types: BTreeSet<MessageType> = types.into_iter().collect();
    let all: BTreeSet<MessageType> = MessageType::ALL.iter().copied().collect();
    assert_eq!(types, all, "a constructor for every message type");
}

#[test]
fn the_pension_example_is_reproduced_to_the_fen() {
    let path = format!(
        "{}/../schemas/examples/social_insurance.transfer_information.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let example = TransferInformation::from_json(&doc["body"]).unwrap();
    let years = example.years.clone().unwrap();
    let totals = example.totals.clone().unwrap();
    assert_eq!(
        PensionTotals::sum(&years, totals.personal_account_balance_fen),
        totals
    );
    let rebuilt = TransferInformation::pension(
        example.information_number.clone(),
        example.person.clone(),
        example.insured_periods.clone(),
        years,
        totals,
        example.issued_on.clone(),
    );
    assert_eq!(rebuilt.transfer_fen, example.transfer_fen);
    assert_eq!(rebuilt.transfer_fen, 7_040_057);
}

#[test]
fn derived_amounts() {
    // Half of the remaining benefit, rounded half up to the fen (domain.md §4.3).
    let u = UnemploymentDetails::new(36, 12, 3, 1_512_345);
    assert_eq!(
        (u.remaining_months, u.supplementary_fen),
        (Some(9), Some(756_173))
    );
    assert_eq!(
        UnemploymentDetails::new(36, 12, 3, 1_000).supplementary_fen,
        Some(500)
    );
    // An employed worker's relation-only block moves no money (社会保险法 art. 52).
    let r = TransferInformation::unemployment(
        "N",
        man(),
        vec![PeriodRange::closed("2023-01", "2025-12")],
        UnemploymentDetails::relation_only(36),
        "2026-01-10",
    );
    assert_eq!(r.transfer_fen, 0);
    assert_eq!(
        r.unemployment.as_ref().and_then(|u| u.relation_only),
        Some(true)
    );
    let info = TransferInformation::unemployment(
        "N",
        man(),
        vec![PeriodRange::open("2020-01")],
        u,
        "2026-11-10",
    );
    assert_eq!(info.transfer_fen, 1_512_345 + 756_173);
    assert_eq!(
        PersonalAccount::new(1_000_000, 52_345).balance_fen,
        1_052_345
    );
    let mut medical = MedicalDetails::new(78, "2026-02-28");
    let no_account = TransferInformation::medical(
        "N",
        MedicalScheme::ResidentMedical,
        man(),
        vec![PeriodRange::open("2020-01")],
        medical.clone(),
        "2026-11-10",
    );
    assert_eq!(
        (no_account.scheme, no_account.transfer_fen),
        (TransferScheme::ResidentMedical, 0)
    );
    medical.personal_account_balance_fen = Some(12_345);
    let info = TransferInformation::medical(
        "N",
        MedicalScheme::EmployeeMedical,
        man(),
        vec![PeriodRange::open("2020-01")],
        medical,
        "2026-11-10",
    );
    assert_eq!(info.transfer_fen, 12_345);
}

#[test]
fn receipts_from_verification_results() {
    let e = Error::new(ErrorCode::SignatureInvalid, "signature does not verify");
    let errors = ReportedError::from_error(&e);
    assert_eq!(
        errors,
        vec![ReportedError::new(
            "signature.invalid",
            "",
            "signature does not verify"
        )]
    );
    let e = Error::new(ErrorCode::SchemaInvalid, "two problems").with_violations(vec![
        Violation::new("schema.invalid", "/body/a", "a", "甲"),
        Violation::new(
            "rule.citizen_id_checksum",
            "/body/person/citizen_id",
            "x".repeat(3000),
            "乙",
        ),
    ]);
    let errors = ReportedError::from_error(&e);
    assert_eq!(errors.len(), 2);
    assert_eq!(errors[1].path, "/body/person/citizen_id");
    assert_eq!(errors[1].message.chars().count(), 2000);
    valid(Receipt::rejected(ID, DIGEST, errors));
}

#[test]
fn trust_list_bodies_from_loaded_lists() {
    let t = |s: &str| Timestamp::parse(s).unwrap();
    let key = labourlink::SigningKey::from_seed(&[3; 32], "513400-si-2026a").unwrap();
    let mut list = labourlink::trust::TrustList::new(7, t("2026-12-27T00:00:00Z"));
    list.add_key(labourlink::trust::KeyRecord::new(
        "513400-si-2026a",
        "513400",
        "12513400MB1F30256L",
        key.verifying_key(),
        t("2026-01-01T00:00:00Z"),
        None,
        vec!["social_insurance.*".into()],
    ))
    .unwrap();
    let body = TrustListBody::from_trust_list(&list).unwrap();
    assert_eq!((body.sequence, body.keys.len()), (7, 1));
    assert_eq!(body.keys[0].alg, KeyAlgorithm::Ed25519);
    valid(body.clone());
    let back = labourlink::trust::TrustList::from_body(&body.to_json().unwrap()).unwrap();
    assert_eq!(back.keys(), list.keys());
}

#[test]
fn attachments_are_bound_by_digest() {
    let a = Attachment::for_bytes("联系函.pdf", "application/pdf", b"%PDF-1.7");
    assert_eq!(a.size, 8);
    assert_eq!(a.sha256, labourlink::verify::digest(b"%PDF-1.7"));
    assert_eq!(a.content, None);
    let b = Attachment::inline("联系函.pdf", "application/pdf", b"%PDF-1.7");
    assert_eq!(b.content.as_deref(), Some("JVBERi0xLjc"));
    let mut close = CaseClose::new(CaseOutcome::Completed, "2026-12-01");
    close.attachments = Some(vec![a, b]);
    valid(close);
}

#[test]
fn scheme_codes() {
    assert_eq!(
        Scheme::from(TransferScheme::ResidentMedical),
        Scheme::ResidentMedical
    );
    assert_eq!(TransferScheme::Unemployment.as_str(), "210");
    assert_eq!(Scheme::Maternity.as_str(), "510");
    for s in [
        Scheme::EnterprisePension,
        Scheme::LargeMedicalExpenses,
        Scheme::WorkInjury,
    ] {
        assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
    }
}
