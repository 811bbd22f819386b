//! Property test of the typed bodies against their schemas, without external crates: a
//! deterministic pseudo-random generator makes at least 200 random **valid** bodies of every
//! message type from the Rust types (one [`Arbitrary`] impl per type, conditional requirements
//! included), and for each body checks that
//!
//! - its JSON validates against the type's schema (`schema::validate_body`), deserialises back
//!   to an equal value, and builds a document whose envelope and body check out (every tenth one
//!   is also signed, verified and read back with `Verified::typed`);
//! - removing a member the schema requires there (its `required` arrays, including those of
//!   `if`/`then`/`else` branches that apply) never validates;
//! - replacing a member's value by one of another JSON type never validates.
//!
//! Over the run every required member seen is removed at least once, and every property the
//! schema defines appears in at least one body (so the Rust types cover the schemas); the
//! value sets of the schemas' enumerations are exactly those of the Rust enums.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use labourlink::TypedVerified as _;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Debug;

use labourlink::envelope::{Document, Party};
use labourlink::keys::SigningKey;
use labourlink::messages::common::*;
use labourlink::messages::control::*;
use labourlink::messages::family_planning::*;
use labourlink::messages::receipt::*;
use labourlink::messages::reference_data::*;
use labourlink::messages::social_insurance::*;
use labourlink::messages::trust_list::*;
use labourlink::messages::worker_rights::*;
use labourlink::messages::worker_transfer::*;
use labourlink::messages::{self, MessageBody, MessageType};
use labourlink::rules::ids::{USCC_ALPHABET, citizen_id_check_char, uscc_check_char};
use labourlink::schema;
use labourlink::time::{FixedClock, Timestamp};
use labourlink::trust::{KeyRecord, TrustList};
use labourlink::{Verifier, canonical};
use serde_json::{Map, Value, json};

/// Random bodies per message type.
const CASES: usize = 200;
/// Largest integer every language represents exactly (2^53 − 1).
const MAX_SAFE: u64 = 9_007_199_254_740_991;

// ---------------------------------------------------------------------------------------------
// The generator

/// SplitMix64: small, fast and deterministic.
struct Gen(u64);

impl Gen {
    fn new(seed: &str) -> Self {
        // FNV-1a of the seed, so that every type has its own reproducible stream.
        let mut h = 0xcbf2_9ce4_8422_2325_u64;
        for b in seed.bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        Self(h)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n as u64).unwrap()
    }

    /// In `lo..=hi`, with the bounds themselves drawn more often than chance.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        match self.next() % 8 {
            0 => lo,
            1 => hi,
            // Mostly small values, as real data has them.
            2..=5 => lo + self.next() % (hi - lo).min(1000).saturating_add(1),
            _ => lo + self.next() % (hi - lo).saturating_add(1).max(1),
        }
    }

    fn u32(&mut self, lo: u32, hi: u32) -> u32 {
        u32::try_from(self.range(u64::from(lo), u64::from(hi))).unwrap()
    }

    fn u64(&mut self, lo: u64, hi: u64) -> u64 {
        self.range(lo, hi)
    }

    fn count(&mut self) -> u64 {
        self.range(0, MAX_SAFE)
    }

    fn money(&mut self) -> i64 {
        i64::try_from(self.range(0, MAX_SAFE)).unwrap()
    }

    fn bool(&mut self) -> bool {
        self.next() % 2 == 0
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    fn opt<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> Option<T> {
        self.bool().then(|| f(self))
    }

    /// `Some` when the schema requires the member, otherwise maybe.
    fn opt_req<T>(&mut self, required: bool, f: impl FnOnce(&mut Self) -> T) -> Option<T> {
        if required { Some(f(self)) } else { self.opt(f) }
    }

    fn len(&mut self, lo: usize, hi: usize) -> usize {
        usize::try_from(self.range(lo as u64, hi as u64)).unwrap()
    }

    fn vec<T>(&mut self, lo: usize, hi: usize, mut f: impl FnMut(&mut Self) -> T) -> Vec<T> {
        let n = self.len(lo, hi);
        (0..n).map(|_| f(self)).collect()
    }

    /// Distinct items (`uniqueItems`); at least `lo` of them when the item space allows.
    fn unique_vec<T: PartialEq>(
        &mut self,
        lo: usize,
        hi: usize,
        mut f: impl FnMut(&mut Self) -> T,
    ) -> Vec<T> {
        let n = self.len(lo, hi);
        let mut out: Vec<T> = Vec::new();
        for _ in 0..n * 4 {
            if out.len() == n {
                break;
            }
            let item = f(self);
            if !out.contains(&item) {
                out.push(item);
            }
        }
        out
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }

    fn string_of(&mut self, alphabet: &[char], lo: usize, hi: usize) -> String {
        let n = self.len(lo, hi);
        (0..n).map(|_| self.pick(alphabet)).collect()
    }

    /// Free text of `lo..=hi` characters (code points, as JSON Schema counts them): ASCII,
    /// Chinese, escapes JSON must write (`"`, `\`, control characters), astral characters.
    fn text(&mut self, lo: usize, hi: usize) -> String {
        const POOL: &[char] = &[
            'a', 'b', 'z', 'A', 'Q', '0', '7', ' ', '-', '.', '/', '~', '宁', '波', '凉', '山',
            '彝', '族', '马', '测', '试', '·', '—', '（', '）', '"', '\\', '\n', '\t', '\u{1}',
            '\u{7f}', '\u{2028}', '\u{feff}', 'é', '€', '𝄞', '😀',
        ];
        let n = match self.next() % 10 {
            0 => hi,
            1 => lo,
            _ => lo + self.below(hi.min(lo + 12) - lo + 1),
        };
        (0..n).map(|_| self.pick(POOL)).collect()
    }

    fn digits(&mut self, lo: usize, hi: usize) -> String {
        const D: &[char] = &['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
        self.string_of(D, lo, hi)
    }

    fn snake(&mut self, lo: usize, hi: usize) -> String {
        const S: &[char] = &['a', 'e', 'i', 'm', 'r', 's', 't', 'z', '_'];
        self.string_of(S, lo, hi)
    }

    /// A code of the shape of the two-digit national tables (GB/T 2261.2, 3304, 4658).
    fn code2(&mut self) -> String {
        self.digits(2, 2)
    }

    /// A GB/T 4754 industry code shape: a section letter, optionally 2–4 digits.
    fn industry(&mut self) -> String {
        let mut s = String::from(self.pick(&['A', 'C', 'T', 'Z']));
        let n = self.pick(&[0usize, 2, 3, 4]);
        s.push_str(&self.digits(n, n));
        s
    }

    /// An occupation code shape: a digit, then up to three `-NN`.
    fn occupation(&mut self) -> String {
        let mut s = self.digits(1, 1);
        for _ in 0..self.below(4) {
            s.push('-');
            s.push_str(&self.digits(2, 2));
        }
        s
    }

    fn base64url(&mut self, lo: usize, hi: usize) -> String {
        const B: &[char] = &['A', 'Z', 'a', 'z', '0', '9', '-', '_', 'Q', 'w'];
        self.string_of(B, lo, hi)
    }

    fn digest(&mut self) -> String {
        let mut s = self.base64url(42, 42);
        s.push(self.pick(&[
            'A', 'E', 'I', 'M', 'Q', 'U', 'Y', 'c', 'g', 'k', 'o', 's', 'w', '0', '4', '8',
        ]));
        s
    }

    fn region(&mut self) -> String {
        match self.next() % 4 {
            0 => self
                .pick(&["330200", "330203", "513400", "513401", "522300", "110105"])
                .to_owned(),
            _ => format!("{}{}", self.range(1, 8), self.digits(5, 5)),
        }
    }

    fn ymd(&mut self) -> (u64, u64, u64) {
        let y = self.range(1900, 2099);
        let m = self.range(1, 12);
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        let days = match m {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        (y, m, self.range(1, days))
    }

    fn date(&mut self) -> String {
        let (y, m, d) = self.ymd();
        format!("{y:04}-{m:02}-{d:02}")
    }

    fn period(&mut self) -> String {
        let (y, m, _) = self.ymd();
        format!("{y:04}-{m:02}")
    }

    fn instant(&mut self) -> String {
        let fraction = self
            .opt(|g| format!(".{}", g.digits(1, 9)))
            .unwrap_or_default();
        format!(
            "{}T{:02}:{:02}:{:02}{fraction}Z",
            self.date(),
            self.range(0, 23),
            self.range(0, 59),
            self.range(0, 59)
        )
    }

    /// A citizen ID with a real birth date and the right check character.
    fn citizen_id(&mut self) -> String {
        let (y, m, d) = self.ymd();
        let first17 = format!("{}{y:04}{m:02}{d:02}{}", self.region(), self.digits(3, 3));
        let check = citizen_id_check_char(&first17).unwrap();
        format!("{first17}{check}")
    }

    /// A USCC with the right MOD 31 check character.
    fn uscc(&mut self) -> String {
        let alphabet: Vec<char> = USCC_ALPHABET.chars().collect();
        let head = self.string_of(&alphabet, 2, 2);
        let body = self.string_of(&alphabet, 9, 9);
        let first17 = format!("{head}{}{body}", self.region());
        let check = uscc_check_char(&first17).unwrap();
        format!("{first17}{check}")
    }

    fn uuid(&mut self) -> String {
        let h = format!("{:016x}{:016x}", self.next(), self.next());
        format!(
            "{}-{}-{}-{}-{}",
            &h[..8],
            &h[8..12],
            &h[12..16],
            &h[16..20],
            &h[20..]
        )
    }

    fn phone(&mut self) -> String {
        const P: &[char] = &['0', '1', '5', '7', '9', ' ', '-'];
        let plus = if self.bool() { "+" } else { "" };
        format!("{plus}{}{}", self.range(0, 9), self.string_of(P, 4, 30))
    }

    /// An RFC 6901 pointer (with `~0`/`~1` escapes), at most 500 characters.
    fn pointer(&mut self) -> String {
        let mut p = String::new();
        for _ in 0..self.below(5) {
            p.push('/');
            for _ in 0..self.below(7) {
                match self.next() % 6 {
                    0 => p.push_str("~0"),
                    1 => p.push_str("~1"),
                    _ => p.extend(self.text(1, 1).chars().filter(|c| *c != '~' && *c != '/')),
                }
            }
        }
        p
    }

    fn certificate_number(&mut self) -> String {
        if self.bool() {
            let letter = self.pick(&['A', 'S', 'Y', 'Z']);
            format!("{letter}{}", self.digits(21, 21))
        } else {
            self.digits(16, 16)
        }
    }

    fn media_type(&mut self) -> String {
        self.pick(&[
            "application/pdf",
            "application/ofd",
            "image/png",
            "application/vnd.a+json",
        ])
        .to_owned()
    }

    /// A dotted code such as `rule.citizen_id_checksum`.
    fn dotted_code(&mut self) -> String {
        (0..self.range(2, 3))
            .map(|_| self.snake(1, 12))
            .collect::<Vec<_>>()
            .join(".")
    }

    /// A trust-list type pattern: `*`, `domain.*` or an exact type.
    fn type_pattern(&mut self) -> String {
        match self.next() % 3 {
            0 => "*".to_owned(),
            1 => format!(
                "{}.*",
                self.pick(&["control", "worker_transfer", "social_insurance"])
            ),
            _ => self.message_type().as_str().to_owned(),
        }
    }

    fn message_type(&mut self) -> MessageType {
        self.pick(MessageType::ALL)
    }

    /// Up to four namespaced members with JSON values (integers only, as documents require).
    fn extensions(&mut self) -> Extensions {
        let mut map = Map::new();
        for _ in 0..self.below(5) {
            let key = format!(
                "{}.{}",
                self.pick(&["330200", "513400", "ls"]),
                self.snake(1, 20)
            );
            let value = self.json(2);
            map.insert(key, value);
        }
        map
    }

    fn json(&mut self, depth: u32) -> Value {
        match self.next() % if depth == 0 { 4 } else { 6 } {
            0 => Value::Null,
            1 => Value::Bool(self.bool()),
            2 => {
                let n = i64::try_from(self.range(0, MAX_SAFE)).unwrap();
                json!(if self.bool() { n } else { -n })
            }
            3 => Value::String(self.text(0, 10)),
            4 => Value::Array(self.vec(0, 3, |g| g.json(depth - 1))),
            _ => Value::Object(
                (0..self.below(4))
                    .map(|_| (self.text(0, 6), self.json(depth - 1)))
                    .collect(),
            ),
        }
    }
}

/// A random valid value.
trait Arbitrary: Sized {
    fn arbitrary(g: &mut Gen) -> Self;
}

/// [`Arbitrary`] for enums, uniform over the listed variants (the `match` does not compile when
/// a variant is missing), and the wire values of every listed enum.
macro_rules! enums {
    ($($name:ident: $($variant:ident),+;)+) => {
        $(
            impl Arbitrary for $name {
                fn arbitrary(g: &mut Gen) -> Self {
                    let v = g.pick(&[$($name::$variant),+]);
                    match v {
                        $($name::$variant)|+ => v,
                    }
                }
            }
        )+

        fn enum_wire_values() -> Vec<BTreeSet<String>> {
            let wire = |v: Value| v.as_str().unwrap().to_owned();
            vec![$(
                [$(wire(serde_json::to_value($name::$variant).unwrap())),+].into_iter().collect()
            ),+]
        }
    };
}

enums! {
    Sex: Male, Female;
    Scheme:
        EnterprisePension, ResidentPension, Unemployment, EmployeeMedical, LargeMedicalExpenses,
        ResidentMedical, WorkInjury, Maternity;
    TransferScheme:
        EnterprisePension, ResidentPension, Unemployment, EmployeeMedical, ResidentMedical;
    ReasonCode:
        IdentifierInvalid, IdentityMismatch, IncompleteDocuments, EligibilityNotMet,
        NoContributionRecord, AlreadyReceivingBenefits, ParticipationNotSuspended,
        NotEnrolledAtDestination, InYearResidentTransfer, DuplicateRelation,
        BackPaymentWithoutLegalDocument, TemporaryAccountRequired, NotResponsibleAgency,
        AmountMismatch, DataInconsistent, BelowMinimumWorkingAge, DuplicateRecord, ConsentMissing,
        EmployerNotEligible, WageBelowMinimum, StartBeforeDeparture, NoWrittenContract,
        LateEnrolment, RetentionNotContinuous, EmployerChanged, CertificateInvalid, IssuerUnknown,
        Other;
    Outcome: Accepted, PartiallyAccepted, Rejected;
    Decision: Accepted, Rejected;
    ReceiptStatus: Accepted, Rejected;
    KeyAlgorithm: Ed25519, Es256, Sm2;
    KeyType: Okp, Ec;
    Curve: Ed25519, P256, Sm2;
    JwkAlgorithm: Ed25519, Es256, EdDsa, Sm2;
    KeyUse: Signature;
    KeyEntryStatus: Active, Retired, Revoked;
    ReminderStatus: Later, NotAvailable;
    CaseOutcome: Completed, Refused, Withdrawn, Lapsed, Other;
    ContractType: FixedTerm, OpenEnded, TaskBased, Dispatch;
    RetentionKind: Report, Decision;
    WageEvidenceKind: Payroll, BankStatement, Other;
    SubsidyKind:
        Transport, Retention, LabourService, OrganisedTransfer, EmployerHiring, Other;
    SubsidyPayer: SendingRegion, ReceivingCity, Employer;
    RetirementCategory: Male, FemaleCadre, FemaleWorker;
    BenefitPlaceRuleApplied: HukouPlace, CurrentPlace, PreviousPlace, HukouFallback;
    AggregationKind: RelationAndFunds, TemporaryAccount, RecordOnly;
    BridgingDirection: ResidentToEmployee, EmployeeToResident;
    SeparationKind: Separation, JobChange, ReturnHome;
    CertificateKind: SkillLevel, VocationalQualification;
    AttestationStatus: Valid, Revoked;
    ReconciliationKind: Statement, Confirmation, Mismatch;
    CountField: Sent, Arrived, Active, Separated, Returned;
    ServiceScope:
        InformationSharing, EntrustedServices, ContraceptionServices, Benefits, Statistics;
    CertificateAction: Issue, Update, Cancel;
    CertificateStatus: Valid, Cancelled, Expired;
    CertificatePresentation: Presented, Electronic, Missing;
    VerificationPurpose: BirthRegistration, CertificateCheck, Benefit;
    VerificationItem: MaritalStatus, Children, Contraception;
    VerificationResult: Confirmed, Discrepancy, CannotConfirm;
    DiscrepancyItem: MaritalStatus, Children, Contraception, Identity;
    BirthRegistrationKind: BeforeBirth, AfterBirth;
    Evidence: IdDocuments, HealthRecords, SelfDeclaration, VerificationReply;
    ServiceNoticeKind: ContraceptionStatus, Services, Statistics;
    BenefitNoticeKind: Notice, Decision;
    ParticipationStatus: Active, Suspended, Terminated;
    CalendarStatus: Official, Provisional;
    CalendarDayKind: Holiday, Workday;
    ApplicationChannel: Counter, OnlinePlatform, MobileApp;
    ContactLetterKind: ConsentToReceive, TemporaryAccountReceipt;
    LegalDocumentKind: Commitment, Court, Audit, LabourInspection, Arbitration;
    CompletionStatus: Completed, Mismatch;
    MedicalScheme: EmployeeMedical, ResidentMedical;
    PaymentPath:
        Employer, GeneralContractor, WageGuaranteeDeposit, EmergencyFund, CourtEnforcement, Other;
    WageArrearsOutcomeKind: Paid, PartlyPaid, ReferredToArbitration, ReferredToCourt, Unfounded;
    InjuryApplicant: Employer, Worker, Family, TradeUnion;
    InjuryDecision: Recognised, Deemed, NotRecognised;
    NursingLevel: Full, Large, Partial;
    InjuryBenefitItem:
        MedicalCosts, SuspendedWages, OneOffDisabilitySubsidy, DisabilityAllowance,
        NursingAllowance, OneOffMedicalSubsidy, OneOffEmploymentSubsidy, DeathBenefits, Other;
    BenefitPayer: Fund, Employer;
    DisputeKind:
        Wages, WorkInjury, Contract, Compensation, SocialInsurance, WorkingTime, Other;
    DisputeReferralPurpose: Mediation, Arbitration, LegalAid;
    DisputeOutcomeKind:
        MediationAgreement, ArbitrationAward, CourtJudgment, Withdrawn, NotAccepted;
}

impl Arbitrary for Person {
    fn arbitrary(g: &mut Gen) -> Self {
        Person {
            name: g.text(1, 64),
            citizen_id: g.citizen_id(),
            sex: Sex::arbitrary(g),
            birth_date: g.date(),
            ethnicity: g.opt(Gen::code2),
            phone: g.opt(|g| g.phone()),
        }
    }
}

impl Arbitrary for PersonRef {
    fn arbitrary(g: &mut Gen) -> Self {
        PersonRef {
            name: g.text(1, 64),
            citizen_id: g.citizen_id(),
        }
    }
}

impl Arbitrary for PeriodRange {
    fn arbitrary(g: &mut Gen) -> Self {
        PeriodRange {
            start: g.period(),
            end: g.opt(|g| g.period()),
        }
    }
}

impl Arbitrary for Address {
    fn arbitrary(g: &mut Gen) -> Self {
        Address {
            region: g.region(),
            detail: g.text(1, 200),
            postcode: g.opt(|g| g.digits(6, 6)),
        }
    }
}

impl Arbitrary for Agency {
    fn arbitrary(g: &mut Gen) -> Self {
        Agency {
            region: g.region(),
            code: g.opt(|g| g.text(1, 64)),
            name: g.text(1, 100),
            phone: g.opt(|g| g.phone()),
            address: g.opt(Address::arbitrary),
        }
    }
}

impl Arbitrary for Organisation {
    fn arbitrary(g: &mut Gen) -> Self {
        Organisation {
            uscc: g.uscc(),
            name: g.text(1, 100),
            region: g.opt(|g| g.region()),
        }
    }
}

impl Arbitrary for BankAccount {
    fn arbitrary(g: &mut Gen) -> Self {
        BankAccount {
            bank_name: g.text(1, 100),
            account_name: g.text(1, 100),
            account_number: g.digits(6, 40),
        }
    }
}

impl Arbitrary for Reason {
    fn arbitrary(g: &mut Gen) -> Self {
        let code = ReasonCode::arbitrary(g);
        Reason {
            code,
            // `other` needs the written explanation.
            detail: g.opt_req(code == ReasonCode::Other, |g| g.text(1, 2000)),
            pointer: g.opt(|g| g.pointer()),
            periods: g.opt(|g| g.vec(1, 4, PeriodRange::arbitrary)),
        }
    }
}

impl Arbitrary for Attachment {
    fn arbitrary(g: &mut Gen) -> Self {
        Attachment {
            filename: g.text(1, 200),
            media_type: g.media_type(),
            sha256: g.digest(),
            size: g.count(),
            description: g.opt(|g| g.text(1, 2000)),
            content: g.opt(|g| g.base64url(0, 120)),
        }
    }
}

impl Arbitrary for Receipt {
    fn arbitrary(g: &mut Gen) -> Self {
        let status = ReceiptStatus::arbitrary(g);
        let errors = match status {
            // A rejected receipt says why.
            ReceiptStatus::Rejected => Some(g.vec(1, 3, ReportedError::arbitrary)),
            ReceiptStatus::Accepted => g.opt(|g| g.vec(0, 3, ReportedError::arbitrary)),
        };
        Receipt {
            received_id: g.uuid(),
            received_digest: g.digest(),
            received_type: g.opt(|g| g.message_type()),
            received_at: g.opt(|g| g.instant()),
            status,
            errors,
            extensions: g.opt(|g| g.extensions()),
        }
    }
}

impl Arbitrary for ReportedError {
    fn arbitrary(g: &mut Gen) -> Self {
        ReportedError {
            code: g.dotted_code(),
            path: g.pointer(),
            message: g.text(1, 2000),
        }
    }
}

impl Arbitrary for TrustListBody {
    fn arbitrary(g: &mut Gen) -> Self {
        TrustListBody {
            sequence: g.u64(0, 9007199254740991),
            next_update: g.instant(),
            keys: g.vec(0, 4, KeyEntry::arbitrary),
        }
    }
}

impl Arbitrary for ReferenceDataBody {
    fn arbitrary(g: &mut Gen) -> Self {
        // At least one of the two sections (the schema's anyOf).
        let (calendar, regions) = match g.below(3) {
            0 => (Some(CalendarSection::arbitrary(g)), None),
            1 => (None, Some(RegionSection::arbitrary(g))),
            _ => (
                Some(CalendarSection::arbitrary(g)),
                Some(RegionSection::arbitrary(g)),
            ),
        };
        ReferenceDataBody {
            sequence: g.u64(0, 9007199254740991),
            next_update: g.instant(),
            calendar,
            regions,
        }
    }
}

impl Arbitrary for CalendarSection {
    fn arbitrary(g: &mut Gen) -> Self {
        CalendarSection {
            version: g.text(1, 64),
            years: g.vec(1, 3, |g| CalendarYearEntry {
                year: u16::try_from(g.range(1900, 9999)).unwrap(),
                status: CalendarStatus::arbitrary(g),
                source: g.text(1, 500),
                days: g.vec(0, 4, |g| CalendarDayEntry {
                    date: g.date(),
                    kind: CalendarDayKind::arbitrary(g),
                    name: g.text(1, 100),
                }),
            }),
        }
    }
}

impl Arbitrary for RegionSection {
    fn arbitrary(g: &mut Gen) -> Self {
        RegionSection {
            as_of: g.date(),
            source: g.text(1, 500),
            added: g.vec(0, 3, |g| RegionAdded {
                code: g.region(),
                name: g.text(1, 100),
            }),
            retired: g.vec(0, 3, |g| RegionRetired {
                code: g.region(),
                note: g.text(1, 500),
            }),
        }
    }
}

impl Arbitrary for KeyEntry {
    fn arbitrary(g: &mut Gen) -> Self {
        let status = KeyEntryStatus::arbitrary(g);
        KeyEntry {
            kid: g.text(1, 128),
            region: g.region(),
            agency: g.text(1, 64),
            alg: KeyAlgorithm::arbitrary(g),
            jwk: Jwk::arbitrary(g),
            valid_from: g.instant(),
            valid_until: g.opt(|g| g.instant()),
            status,
            // Retired and revoked keys say since when.
            status_since: g.opt_req(status != KeyEntryStatus::Active, |g| g.instant()),
            message_types: g.unique_vec(1, 4, |g| g.type_pattern()),
            // Schema 1.1: an inbox URL (the schema's pattern: http(s):// and printable ASCII).
            endpoint: g.opt(|g| format!("https://{}.example/v1/messages", g.below(1000))),
        }
    }
}

impl Arbitrary for Jwk {
    fn arbitrary(g: &mut Gen) -> Self {
        // OKP keys are Ed25519 without `y`; EC keys are P-256 or SM2 with `y`.
        let kty = KeyType::arbitrary(g);
        let (crv, y) = match kty {
            KeyType::Okp => (Curve::Ed25519, None),
            KeyType::Ec if g.below(2) == 0 => (Curve::Sm2, Some(g.digest())),
            KeyType::Ec => (Curve::P256, Some(g.digest())),
        };
        Jwk {
            kty,
            crv,
            x: g.digest(),
            y,
            kid: g.opt(|g| g.text(1, 128)),
            alg: g.opt(JwkAlgorithm::arbitrary),
            key_use: g.opt(KeyUse::arbitrary),
            // `key_ops` must contain `verify`.
            key_ops: g.opt(|g| {
                let mut ops = g.unique_vec(0, 3, |g| g.text(0, 32));
                if !ops.iter().any(|o| o == "verify") {
                    let at = g.below(ops.len() + 1);
                    ops.insert(at, "verify".to_owned());
                }
                ops
            }),
        }
    }
}

impl Arbitrary for Reminder {
    fn arbitrary(g: &mut Gen) -> Self {
        Reminder {
            awaited_types: g.unique_vec(1, 4, |g| g.message_type()),
            due_date: g.opt(|g| g.date()),
            reminder_number: g.u32(1, 100),
            remarks: g.opt(|g| g.text(1, 2000)),
            attachments: g.opt(|g| g.vec(1, 3, Attachment::arbitrary)),
            extensions: g.opt(|g| g.extensions()),
        }
    }
}

impl Arbitrary for ReminderReply {
    fn arbitrary(g: &mut Gen) -> Self {
        let status = ReminderStatus::arbitrary(g);
        ReminderReply {
            status,
            expected_date: g.opt_req(status == ReminderStatus::Later, |g| g.date()),
            what: g.opt(|g| g.text(1, 2000)),
            reasons: g.opt_req(status == ReminderStatus::NotAvailable, |g| {
                g.vec(1, 3, Reason::arbitrary)
            }),
            remarks: g.opt(|g| g.text(1, 2000)),
            attachments: g.opt(|g| g.vec(1, 3, Attachment::arbitrary)),
            extensions: g.opt(|g| g.extensions()),
        }
    }
}

impl Arbitrary for ClarificationRequest {
    fn arbitrary(g: &mut Gen) -> Self {
        ClarificationRequest {
            questions: g.vec(1, 4, Question::arbitrary),
            reply_by: g.opt(|g| g.date()),
            remarks: g.opt(|g| g.text(1, 2000)),
            attachments: g.opt(|g| g.vec(1, 3, Attachment::arbitrary)),
            extensions: g.opt(|g| g.extensions()),
        }
    }
}

impl Arbitrary for Question {
    fn arbitrary(g: &mut Gen) -> Self {
        Question {
            pointer: g.opt(|g| g.pointer()),
            question: g.text(1, 2000),
        }
    }
}

impl Arbitrary for ClarificationReply {
    fn arbitrary(g: &mut Gen) -> Self {
        ClarificationReply {
            answers: g.vec(1, 4, Answer::arbitrary),
            corrected_by: g.opt(|g| g.uuid()),
            remarks: g.opt(|g| g.text(1, 2000)),
            attachments: g.opt(|g| g.vec(1, 3, Attachment::arbitrary)),
            extensions: g.opt(|g| g.extensions()),
        }
    }
}

impl Arbitrary for Answer {
    fn arbitrary(g: &mut Gen) -> Self {
        Answer {
            question_index: g.u32(0, 49),
            answer: g.text(1, 2000),
        }
    }
}

impl Arbitrary for Invalidate {
    fn arbitrary(g: &mut Gen) -> Self {
        Invalidate {
            reason: g.text(1, 2000),
            replaced_by: g.opt(|g| g.uuid()),
            attachments: g.opt(|g| g.vec(1, 3, Attachment::arbitrary)),
            extensions: g.opt(|g| g.extensions()),
        }
    }
}

impl Arbitrary for Reject {
    fn arbitrary(g: &mut Gen) -> Self {
        Reject {
            reasons: g.vec(1, 3, Reason::arbitrary),
            remarks: g.opt(|g| g.text(1, 2000)),
            attachments: g.opt(|g| g.vec(1, 3, Attachment::arbitrary)),
            extensions: g.opt(|g| g.extensions()),
        }
    }
}

impl Arbitrary for CaseClose {
    fn arbitrary(g: &mut Gen) -> Self {
        CaseClose {
            outcome: CaseOutcome::arbitrary(g),
            closed_on: g.date(),
            remarks: g.opt(|g| g.text(1, 2000)),
            attachments: g.opt(|g| g.vec(1, 3, Attachment::arbitrary)),
            extensions: g.opt(|g| g.extensions()),
        }
    }
}

impl Arbitrary for CaseReopen {
    fn arbitrary(g: &mut Gen) -> Self {
        CaseReopen {
            reason: g.text(1, 2000),
            reason_code: g.opt(ReasonCode::arbitrary),
            attachments: g.opt(|g| g.vec(1, 3, Attachment::arbitrary)),
            extensions: g.opt(|g| g.extensions()),
        }
    }
}

impl Arbitrary for JobDemand {
    fn arbitrary(g: &mut Gen) -> Self {
        JobDemand {
            demand_number: g.text(1, 64),
            employer: Organisation::arbitrary(g),
            agency: g.opt(Organisation::arbitrary),
            positions: g.vec(1, 4, Position::arbitrary),
            expected_start: g.opt(|g| g.date()),
            valid_until: g.opt(|g| g.date()),
            contact: g.opt(DemandContact::arbitrary),
            remarks: g.opt(|g| g.text(1, 2000)),
            attachments: g.opt(|g| g.vec(1, 3, Attachment::arbitrary)),
            extensions: g.opt(|g| g.extensions()),
        }
    }
}

impl Arbitrary for Position {
    fn arbitrary(g: &mut Gen) -> Self {
        Position {
            position_id: g.text(1, 32),
            job_title: g.text(1, 100),
            industry: g.opt(Gen::industry),
            occupation: g.opt(Gen::occupation),
            headcount: g.u32(1, 100000),
            wage_min_fen: g.money(),
            wage_max_fen: g.opt(|g| g.money()),
            workplace_region: g.region(),
            contract_type: g.opt(ContractType::arbitrary),
            conditions: g.opt(|g| g.text(1, 2000)),
        }
    }
}

impl Arbitrary for DemandContact {
    fn arbitrary(g: &mut Gen) -> Self {
        DemandContact {
            name: g.text(1, 64),
            phone: g.phone(),
        }
    }
}

impl Arbitrary for Roster {
    fn arbitrary(g: &mut Gen) -> Self {
        Roster {
            roster_number: g.text(1, 64),
            agency: g.opt(Organisation::arbitrary),
            workers: g.vec(1, 4, RosterWorker::arbitrary),
            remarks: g.opt(|g| g.text(1, 2000)),
            attachments: g.opt(|g| g.vec(1, 3, Attachment::arbitrary)),
            extensions: g.opt(|g| g.extensions()),
        }
    }
}

impl Arbitrary for RosterWorker {
    fn arbitrary(g: &mut Gen) -> Self {
        RosterWorker {
            line: g.u32(1, 100000),
            person: Person::arbitrary(g),
            hukou_region: g.region(),
            education: g.opt(Gen::code2),
            poverty_status: g.opt(|g| g.snake(1, 32)),
            organised: g.bool(),
            position_id: g.opt(|g| g.text(1, 32)),
            departure_date: g.opt(|g| g.date()),
            consent_on: g.date(),
            training: g.opt(|g| g.vec(1, 4, Training::arbitrary)),
            transport_subsidy_fen: g.opt(|g| g.money()),
        }
    }
}

impl Arbitrary for Training {
    fn arbitrary(g: &mut Gen) -> Self {
        Training {
            course: g.text(1, 200),
            provider: g.text(1, 200),
            completed_on: g.opt(|g| g.date()),
            certificate_number: g.opt(|g| g.certificate_number()),
        }
    }
}

impl Arbitrary for RosterReply {
    fn arbitrary(g: &mut Gen) -> Self {
        RosterReply {
            outcome: Outcome::arbitrary(g),
            decisions: g.vec(1, 4, RosterDecision::arbitrary),
            remarks: g.opt(|g| g.text(1, 2000)),
            attachments: g.opt(|g| g.vec(1, 3, Attachment::arbitrary)),
            extensions: g.opt(|g| g.extensions()),
        }
    }
}

impl Arbitrary for RosterDecision {
    fn arbitrary(g: &mut Gen) -> Self {
        let decision = Decision::arbitrary(g);
        RosterDecision {
            line: g.u32(1, 100000),
            citizen_id: g.citizen_id(),
            decision,
            reasons: g.opt_req(decision == Decision::Rejected, |g| {
                g.vec(1, 3, Reason::arbitrary)
            }),
            employer: g.opt(Organisation::arbitrary),
            expected_start: g.opt(|g| g.date()),
        }
    }
}

impl Arbitrary for Arrival {
    fn arbitrary(g: &mut Gen) -> Self {
        Arrival {
            placements: g.vec(1, 4, Placement::arbitrary),
            remarks: g.opt(|g| g.text(1, 2000)),
            attachments: g.opt(|g| g.vec(1, 3, Attachment::arbitrary)),
            extensions: g.opt(|g| g.extensions()),
        }
    }
}

impl Arbitrary for Placement {
    fn arbitrary(g: &mut Gen) -> Self {
        Placement {
            line: g.u32(1, 100000),
            person: PersonRef::arbitrary(g),
            roster_line: g.opt(|g| g.u32(1, 100000)),
            employer: Organisation::arbitrary(g),
            agency: g.opt(Organisation::arbitrary),
            workplace_region: g.region(),
            job_title: g.text(1, 100),
            industry: g.opt(Gen::industry),
            start_date: g.date(),
            contract: g.opt(Contract::arbitrary),
            monthly_wage_fen: g.money(),
            organised: g.opt(|g| g.bool()),
        }
    }
}

impl Arbitrary for Contract {
    fn arbitrary(g: &mut Gen) -> Self {
        Contract {
            contract_type: ContractType::arbitrary(g),
            signed_on: g.opt(|g| g.date()),
            start_date: g.date(),
            end_date: g.opt(|g| g.date()),
        }
    }
}

impl Arbitrary for InsuranceEnrolment {
    fn arbitrary(g: &mut Gen) -> Self {
        InsuranceEnrolment {
            enrolments: g.vec(1, 4, Enrolment::arbitrary),
            remarks: g.opt(|g| g.text(1, 2000)),
            attachments: g.opt(|g| g.vec(1, 3, Attachment::arbitrary)),
            extensions: g.opt(|g| g.extensions()),
        }
    }
}

impl Arbitrary for Enrolment {
    fn arbitrary(g: &mut Gen) -> Self {
        Enrolment {
            line: g.u32(1, 100000),
            person: PersonRef::arbitrary(g),
            employer: Organisation::arbitrary(g),
            insured_region: g.region(),
            schemes: g.unique_vec(1, 4, Scheme::arbitrary),
            start_date: g.opt(|g| g.date()),
            enrolled_on: g.date(),
            insured_from: g.period(),
        }
    }
}

impl Arbitrary for Retention {
    fn arbitrary(g: &mut Gen) -> Self {
        // A report has milestones and no decisions; a decision has decisions and an approved
        // total, and neither milestones nor claims.
        let kind = RetentionKind::arbitrary(g);
        let report = kind == RetentionKind::Report;
        Retention {
            kind,
            agreement_number: g.opt(|g| g.text(1, 50)),
            milestones: report.then(|| g.vec(1, 4, Milestone::arbitrary)),
            claims: if report {
                g.opt(|g| g.vec(1, 4, Claim::arbitrary))
            } else {
                None
            },
            claimed_total_fen: g.opt(|g| g.money()),
            decisions: (!report).then(|| g.vec(1, 4, ClaimDecision::arbitrary)),
            approved_total_fen: g.opt_req(!report, |g| g.money()),
            remarks: g.opt(|g| g.text(1, 2000)),
            attachments: g.opt(|g| g.vec(1, 3, Attachment::arbitrary)),
            extensions: g.opt(|g| g.extensions()),
        }
    }
}

impl Arbitrary for Milestone {
    fn arbitrary(g: &mut Gen) -> Self {
        Milestone {
            line: g.u32(1, 100000),
            person: PersonRef::arbitrary(g),
            employer: g.opt(Organisation::arbitrary),
            start_date: g.date(),
            milestone_months: g.u32(1, 120),
            months_employed: g.u32(0, 1200),
            continuous: g.bool(),
            employer_changed: g.opt(|g| g.bool()),
            as_of: g.date(),
            wage_payment: g.opt(WagePayment::arbitrary),
        }
    }
}

impl Arbitrary for WagePayment {
    fn arbitrary(g: &mut Gen) -> Self {
        WagePayment {
            months_paid: g.u32(0, 1200),
            amount_fen: g.money(),
            evidence_kind: WageEvidenceKind::arbitrary(g),
            reference: g.text(1, 100),
        }
    }
}

impl Arbitrary for CooperationAgreement {
    fn arbitrary(g: &mut Gen) -> Self {
        CooperationAgreement {
            agreement_number: g.text(1, 50),
            title: g.text(1, 200),
            parties: g.vec(2, 4, Agency::arbitrary),
            signed_on: g.date(),
            valid_from: g.date(),
            valid_until: g.opt(|g| g.date()),
            retention_milestones: g.vec(1, 4, |g| g.u32(1, 120)),
            subsidies: g.vec(1, 4, AgreementSubsidy::arbitrary),
            remarks: g.opt(|g| g.text(1, 2000)),
            attachments: g.opt(|g| g.vec(1, 3, Attachment::arbitrary)),
            extensions: g.opt(|g| g.extensions()),
        }
    }
}

impl Arbitrary for AgreementSubsidy {
    fn arbitrary(g: &mut Gen) -> Self {
        AgreementSubsidy {
            line: g.u32(1, 100000),
            kind: SubsidyKind::arbitrary(g),
            name: g.opt(|g| g.text(1, 100)),
            milestone_months: g.opt(|g| g.u32(1, 120)),
            amount_fen: g.money(),
            payer: SubsidyPayer::arbitrary(g),
            wage_evidence_required: g.opt(|g| g.bool()),
            conditions: g.opt(|g| g.text(1, 2000)),
        }
    }
}

impl Arbitrary for InsuredPlace {
    fn arbitrary(g: &mut Gen) -> Self {
        InsuredPlace {
            line: g.u32(1, 100000),
            region: g.region(),
            agency: g.opt(Agency::arbitrary),
            period: g.opt(PeriodRange::arbitrary),
            months: g.u32(0, 1200),
            temporary: g.bool(),
            sealed: g.opt(|g| g.bool()),
        }
    }
}

impl Arbitrary for BenefitPlaceRequest {
    fn arbitrary(g: &mut Gen) -> Self {
        BenefitPlaceRequest {
            request_number: g.text(1, 50),
            person: Person::arbitrary(g),
            retirement_category: RetirementCategory::arbitrary(g),
            hukou_region: g.region(),
            applied_on: g.date(),
            places: g.vec(1, 4, InsuredPlace::arbitrary),
            proposed_benefit_region: g.opt(|g| g.region()),
            remarks: g.opt(|g| g.text(1, 2000)),
            attachments: g.opt(|g| g.vec(1, 3, Attachment::arbitrary)),
            extensions: g.opt(|g| g.extensions()),
        }
    }
}

impl Arbitrary for AggregationLine {
    fn arbitrary(g: &mut Gen) -> Self {
        AggregationLine {
            line: g.u32(1, 100000),
            region: g.region(),
            agency: g.opt(Agency::arbitrary),
            kind: AggregationKind::arbitrary(g),
            months: g.opt(|g| g.u32(0, 1200)),
        }
    }
}

impl Arbitrary for Bridging {
    fn arbitrary(g: &mut Gen) -> Self {
        Bridging {
            direction: BridgingDirection::arbitrary(g),
            employee_contribution_months: g.u32(0, 1200),
            retirement_month: g.period(),
        }
    }
}

impl Arbitrary for BenefitPlaceDecision {
    fn arbitrary(g: &mut Gen) -> Self {
        BenefitPlaceDecision {
            decision_number: g.text(1, 50),
            person: Person::arbitrary(g),
            retirement_category: g.opt(RetirementCategory::arbitrary),
            statutory_retirement_month: g.opt(|g| g.period()),
            hukou_region: g.region(),
            places: g.vec(1, 4, InsuredPlace::arbitrary),
            benefit_region: g.region(),
            benefit_agency: g.opt(Agency::arbitrary),
            rule: BenefitPlaceRuleApplied::arbitrary(g),
            decided_on: g.date(),
            aggregation: g.opt(|g| g.vec(1, 4, AggregationLine::arbitrary)),
            bridging: g.opt(Bridging::arbitrary),
            remarks: g.opt(|g| g.text(1, 2000)),
            attachments: g.opt(|g| g.vec(1, 3, Attachment::arbitrary)),
            extensions: g.opt(|g| g.extensions()),
        }
    }
}

impl Arbitrary for Claim {
    fn arbitrary(g: &mut Gen) -> Self {
        Claim {
            line: g.u32(1, 100000),
            person: PersonRef::arbitrary(g),
            item: g.text(1, 100),
            milestone_months: g.opt(|g| g.u32(1, 120)),
            amount_fen: g.money(),
        }
    }
}

impl Arbitrary for ClaimDecision {
    fn arbitrary(g: &mut Gen) -> Self {
        let decision = Outcome::arbitrary(g);
        ClaimDecision {
            claim_line: g.u32(1, 100000),
            decision,
            approved_fen: g.money(),
            reasons: g.opt_req(decision != Outcome::Accepted, |g| {
                g.vec(1, 3, Reason::arbitrary)
            }),
        }
    }
}

impl Arbitrary for Separation {
    fn arbitrary(g: &mut Gen) -> Self {
        Separation {
            events: g.vec(1, 4, SeparationEvent::arbitrary),
            remarks: g.opt(|g| g.text(1, 2000)),
            attachments: g.opt(|g| g.vec(1, 3, Attachment::arbitrary)),
            extensions: g.opt(|g| g.extensions()),
        }
    }
}

impl Arbitrary for SeparationEvent {
    fn arbitrary(g: &mut Gen) -> Self {
        let kind = SeparationKind::arbitrary(g);
        SeparationEvent {
            line: g.u32(1, 100000),
            person: PersonRef::arbitrary(g),
            kind,
            effective_date: g.date(),
            employer: g.opt(Organisation::arbitrary),
            new_employer: g.opt_req(kind == SeparationKind::JobChange, Organisation::arbitrary),
            reason: g.opt(|g| g.text(1, 2000)),
            reemployment_service: g.opt(|g| g.bool()),
        }
    }
}

impl Arbitrary for CertificateAttestation {
    fn arbitrary(g: &mut Gen) -> Self {
        CertificateAttestation {
            issuer: Organisation::arbitrary(g),
            evaluation_org_code: g.opt(|g| g.digits(4, 4)),
            certificates: g.vec(1, 4, AttestedCertificate::arbitrary),
            remarks: g.opt(|g| g.text(1, 2000)),
            attachments: g.opt(|g| g.vec(1, 3, Attachment::arbitrary)),
            extensions: g.opt(|g| g.extensions()),
        }
    }
}

impl Arbitrary for AttestedCertificate {
    fn arbitrary(g: &mut Gen) -> Self {
        AttestedCertificate {
            line: g.u32(1, 100000),
            person: PersonRef::arbitrary(g),
            kind: CertificateKind::arbitrary(g),
            number: g.certificate_number(),
            occupation: g.occupation(),
            occupation_name: g.opt(|g| g.text(1, 100)),
            level: g.u32(1, 5),
            issued_on: g.date(),
            status: AttestationStatus::arbitrary(g),
        }
    }
}

impl Arbitrary for Reconciliation {
    fn arbitrary(g: &mut Gen) -> Self {
        let kind = ReconciliationKind::arbitrary(g);
        let statement = kind == ReconciliationKind::Statement;
        Reconciliation {
            kind,
            month: g.period(),
            rows: g.opt_req(statement, |g| g.vec(1, 4, CountyRow::arbitrary)),
            totals: g.opt_req(statement, Counts::arbitrary),
            differences: g.opt_req(kind == ReconciliationKind::Mismatch, |g| {
                g.vec(1, 4, Difference::arbitrary)
            }),
            remarks: g.opt(|g| g.text(1, 2000)),
            attachments: g.opt(|g| g.vec(1, 3, Attachment::arbitrary)),
            extensions: g.opt(|g| g.extensions()),
        }
    }
}

impl Arbitrary for CountyRow {
    fn arbitrary(g: &mut Gen) -> Self {
        CountyRow {
            county: g.region(),
            counts: Counts::arbitrary(g),
        }
    }
}

impl Arbitrary for Counts {
    fn arbitrary(g: &mut Gen) -> Self {
        Counts {
            sent: g.count(),
            arrived: g.count(),
            active: g.count(),
            separated: g.count(),
            returned: g.count(),
        }
    }
}

impl Arbitrary for Difference {
    fn arbitrary(g: &mut Gen) -> Self {
        Difference {
            county: g.region(),
            field: CountField::arbitrary(g),
            own_count: g.count(),
            counterpart_count: g.count(),
        }
    }
}

impl Arbitrary for ServiceAgreement {
    fn arbitrary(g: &mut Gen) -> Self {
        ServiceAgreement {
            agreement_number: g.text(1, 64),
            title: g.text(1, 200),
            parties: g.vec(2, 4, AgreementParty::arbitrary),
            scope: g.unique_vec(1, 4, ServiceScope::arbitrary),
            effective_from: g.date(),
            effective_until: g.opt(|g| g.date()),
            statistics_interval_months: g.opt(|g| g.u32(1, 12)),
            terms: g.text(1, 2000),
            attachments: g.opt(|g| g.vec(1, 3, Attachment::arbitrary)),
            extensions: g.opt(|g| g.extensions()),
        }
    }
}

impl Arbitrary for AgreementParty {
    fn arbitrary(g: &mut Gen) -> Self {
        AgreementParty {
            region: g.region(),
            name: g.text(1, 100),
            agency: g.opt(|g| g.text(1, 64)),
        }
    }
}

impl Arbitrary for Certificate {
    fn arbitrary(g: &mut Gen) -> Self {
        // Cancelling gives a reason and the status `cancelled`.
        let action = CertificateAction::arbitrary(g);
        let cancel = action == CertificateAction::Cancel;
        Certificate {
            action,
            certificate_number: g.text(1, 64),
            person: Person::arbitrary(g),
            registration_region: g.region(),
            residence_region: g.opt(|g| g.region()),
            marital_status: g.code2(),
            spouse: g.opt(PersonRef::arbitrary),
            children: g.vec(0, 4, Child::arbitrary),
            contraception: g.opt(Contraception::arbitrary),
            issued_on: g.date(),
            status: if cancel {
                CertificateStatus::Cancelled
            } else {
                CertificateStatus::arbitrary(g)
            },
            cancel_reason: g.opt_req(cancel, |g| g.text(1, 2000)),
            attachments: g.opt(|g| g.vec(1, 3, Attachment::arbitrary)),
            extensions: g.opt(|g| g.extensions()),
        }
    }
}

impl Arbitrary for Child {
    fn arbitrary(g: &mut Gen) -> Self {
        Child {
            order: g.u32(1, 20),
            birth_date: g.date(),
            sex: Sex::arbitrary(g),
            name: g.opt(|g| g.text(1, 64)),
            citizen_id: g.opt(|g| g.citizen_id()),
        }
    }
}

impl Arbitrary for Contraception {
    fn arbitrary(g: &mut Gen) -> Self {
        Contraception {
            method: g.text(1, 100),
            since: g.opt(|g| g.date()),
        }
    }
}

impl Arbitrary for ArrivalNotice {
    fn arbitrary(g: &mut Gen) -> Self {
        ArrivalNotice {
            person: Person::arbitrary(g),
            registration_region: g.region(),
            residence_address: g.opt(Address::arbitrary),
            arrival_date: g.date(),
            registered_on: g.date(),
            certificate_number: g.opt(|g| g.text(1, 64)),
            certificate_status: CertificatePresentation::arbitrary(g),
            services_informed: g.opt(|g| g.bool()),
            employer: g.opt(Organisation::arbitrary),
            attachments: g.opt(|g| g.vec(1, 3, Attachment::arbitrary)),
            extensions: g.opt(|g| g.extensions()),
        }
    }
}

impl Arbitrary for VerificationRequest {
    fn arbitrary(g: &mut Gen) -> Self {
        VerificationRequest {
            request_number: g.text(1, 64),
            purpose: VerificationPurpose::arbitrary(g),
            person: Person::arbitrary(g),
            spouse: g.opt(PersonRef::arbitrary),
            declared_marital_status: g.opt(Gen::code2),
            declared_children: g.opt(|g| g.vec(0, 4, Child::arbitrary)),
            items: g.unique_vec(1, 3, VerificationItem::arbitrary),
            application_date: g.date(),
            reply_by: g.opt(|g| g.date()),
            attachments: g.opt(|g| g.vec(1, 3, Attachment::arbitrary)),
            extensions: g.opt(|g| g.extensions()),
        }
    }
}

impl Arbitrary for VerificationReply {
    fn arbitrary(g: &mut Gen) -> Self {
        let result = VerificationResult::arbitrary(g);
        VerificationReply {
            request_number: g.text(1, 64),
            result,
            recorded_marital_status: g.opt(Gen::code2),
            recorded_children: g.opt(|g| g.vec(0, 4, Child::arbitrary)),
            discrepancies: g.opt_req(result == VerificationResult::Discrepancy, |g| {
                g.vec(1, 4, Discrepancy::arbitrary)
            }),
            remarks: g.opt(|g| g.text(1, 2000)),
            attachments: g.opt(|g| g.vec(1, 3, Attachment::arbitrary)),
            extensions: g.opt(|g| g.extensions()),
        }
    }
}

impl Arbitrary for Discrepancy {
    fn arbitrary(g: &mut Gen) -> Self {
        Discrepancy {
            item: DiscrepancyItem::arbitrary(g),
            recorded: g.text(1, 2000),
        }
    }
}

impl Arbitrary for BirthRegistrationNotice {
    fn arbitrary(g: &mut Gen) -> Self {
        BirthRegistrationNotice {
            registration_number: g.text(1, 64),
            kind: BirthRegistrationKind::arbitrary(g),
            mother: Person::arbitrary(g),
            father: g.opt(Person::arbitrary),
            child: RegisteredChild::arbitrary(g),
            registered_on: g.date(),
            registered_at: g.region(),
            evidence: g.unique_vec(1, 4, Evidence::arbitrary),
            attachments: g.opt(|g| g.vec(1, 3, Attachment::arbitrary)),
            extensions: g.opt(|g| g.extensions()),
        }
    }
}

impl Arbitrary for RegisteredChild {
    fn arbitrary(g: &mut Gen) -> Self {
        RegisteredChild {
            order: g.u32(1, 20),
            expected_month: g.opt(|g| g.period()),
            birth_date: g.opt(|g| g.date()),
            sex: g.opt(Sex::arbitrary),
        }
    }
}

impl Arbitrary for ServiceNotice {
    fn arbitrary(g: &mut Gen) -> Self {
        // Statistics need `statistics`, the other kinds the person; a contraception-status
        // notice also `contraception`.
        let kind = ServiceNoticeKind::arbitrary(g);
        let statistics = kind == ServiceNoticeKind::Statistics;
        ServiceNotice {
            kind,
            person: g.opt_req(!statistics, Person::arbitrary),
            contraception: g.opt_req(
                kind == ServiceNoticeKind::ContraceptionStatus,
                Contraception::arbitrary,
            ),
            services: g.opt(|g| g.vec(1, 4, ServiceRecord::arbitrary)),
            statistics: g.opt_req(statistics, ServiceStatistics::arbitrary),
            issued_on: g.date(),
            attachments: g.opt(|g| g.vec(1, 3, Attachment::arbitrary)),
            extensions: g.opt(|g| g.extensions()),
        }
    }
}

impl Arbitrary for ServiceRecord {
    fn arbitrary(g: &mut Gen) -> Self {
        ServiceRecord {
            service: g.text(1, 200),
            date: g.date(),
        }
    }
}

impl Arbitrary for ServiceStatistics {
    fn arbitrary(g: &mut Gen) -> Self {
        ServiceStatistics {
            period: PeriodRange::arbitrary(g),
            arrivals: g.opt(|g| g.count()),
            certificates_checked: g.opt(|g| g.count()),
            verifications: g.opt(|g| g.count()),
            births_registered: g.opt(|g| g.count()),
            services: g.opt(|g| g.count()),
        }
    }
}

impl Arbitrary for BenefitNotice {
    fn arbitrary(g: &mut Gen) -> Self {
        // A decision carries `decision`; a rejection carries reasons.
        let kind = BenefitNoticeKind::arbitrary(g);
        let decision = g.opt_req(kind == BenefitNoticeKind::Decision, Decision::arbitrary);
        BenefitNotice {
            kind,
            person: Person::arbitrary(g),
            benefit: Benefit::arbitrary(g),
            decision,
            reasons: g.opt_req(decision == Some(Decision::Rejected), |g| {
                g.vec(1, 3, Reason::arbitrary)
            }),
            attachments: g.opt(|g| g.vec(1, 3, Attachment::arbitrary)),
            extensions: g.opt(|g| g.extensions()),
        }
    }
}

impl Arbitrary for Benefit {
    fn arbitrary(g: &mut Gen) -> Self {
        Benefit {
            name: g.text(1, 100),
            period: g.opt(PeriodRange::arbitrary),
            amount_fen: g.opt(|g| g.money()),
            payer_region: g.opt(|g| g.region()),
        }
    }
}

impl Arbitrary for ContributionCertificate {
    fn arbitrary(g: &mut Gen) -> Self {
        ContributionCertificate {
            certificate_number: g.text(1, 64),
            scheme: Scheme::arbitrary(g),
            person: Person::arbitrary(g),
            personal_number: g.opt(|g| g.text(1, 20)),
            issued_on: g.date(),
            first_insured_month: g.opt(|g| g.period()),
            insured_periods: g.vec(1, 4, PeriodRange::arbitrary),
            contribution_months: g.u32(0, 1200),
            deemed_contribution_months: g.opt(|g| g.u32(0, 1200)),
            participation_status: ParticipationStatus::arbitrary(g),
            suspended_on: g.opt(|g| g.date()),
            personal_account: g.opt(PersonalAccount::arbitrary),
            yearly_bases: g.opt(|g| g.vec(1, 4, YearlyBase::arbitrary)),
            temporary_account: g.opt(|g| g.bool()),
            attachments: g.opt(|g| g.vec(1, 3, Attachment::arbitrary)),
            extensions: g.opt(|g| g.extensions()),
        }
    }
}

impl Arbitrary for PersonalAccount {
    fn arbitrary(g: &mut Gen) -> Self {
        PersonalAccount {
            principal_fen: g.money(),
            interest_fen: g.money(),
            balance_fen: g.money(),
            as_of: g.opt(|g| g.date()),
        }
    }
}

impl Arbitrary for YearlyBase {
    fn arbitrary(g: &mut Gen) -> Self {
        YearlyBase {
            year: g.u32(1900, 9999),
            months: g.u32(1, 12),
            base_fen: g.money(),
        }
    }
}

impl Arbitrary for TransferApplication {
    fn arbitrary(g: &mut Gen) -> Self {
        TransferApplication {
            application_number: g.text(1, 64),
            scheme: TransferScheme::arbitrary(g),
            person: Person::arbitrary(g),
            personal_number: g.opt(|g| g.text(1, 20)),
            hukou_region: g.opt(|g| g.region()),
            original_agency: Agency::arbitrary(g),
            new_agency: Agency::arbitrary(g),
            new_insured_since: g.opt(|g| g.period()),
            new_employer: g.opt(Organisation::arbitrary),
            applied_on: g.date(),
            channel: ApplicationChannel::arbitrary(g),
            contact: g.opt(ApplicantContact::arbitrary),
            proxy: g.opt(Proxy::arbitrary),
            temporary_account: g.opt(|g| g.bool()),
            opens_temporary_account: g.opt(|g| g.bool()),
            organised_transfer: g.opt(|g| g.bool()),
            attachments: g.opt(|g| g.vec(1, 3, Attachment::arbitrary)),
            extensions: g.opt(|g| g.extensions()),
        }
    }
}

impl Arbitrary for ApplicantContact {
    fn arbitrary(g: &mut Gen) -> Self {
        ApplicantContact {
            phone: g.phone(),
            address: g.opt(Address::arbitrary),
        }
    }
}

impl Arbitrary for Proxy {
    fn arbitrary(g: &mut Gen) -> Self {
        Proxy {
            name: g.text(1, 64),
            phone: g.phone(),
            relation: g.text(1, 50),
            address: g.opt(Address::arbitrary),
        }
    }
}

impl Arbitrary for ContactLetter {
    fn arbitrary(g: &mut Gen) -> Self {
        ContactLetter {
            letter_number: g.text(1, 64),
            kind: ContactLetterKind::arbitrary(g),
            scheme: TransferScheme::arbitrary(g),
            person: Person::arbitrary(g),
            personal_number: g.opt(|g| g.text(1, 20)),
            receiving_agency: ReceivingAgency::arbitrary(g),
            bank_account: BankAccount::arbitrary(g),
            application_date: g.opt(|g| g.date()),
            new_insured_since: g.opt(|g| g.period()),
            issued_on: g.date(),
            attachments: g.opt(|g| g.vec(1, 3, Attachment::arbitrary)),
            extensions: g.opt(|g| g.extensions()),
        }
    }
}

impl Arbitrary for ReceivingAgency {
    fn arbitrary(g: &mut Gen) -> Self {
        ReceivingAgency {
            region: g.region(),
            code: g.opt(|g| g.text(1, 64)),
            name: g.text(1, 100),
            address: Address::arbitrary(g),
            phone: g.phone(),
        }
    }
}

impl Arbitrary for ApplicationRefusal {
    fn arbitrary(g: &mut Gen) -> Self {
        ApplicationRefusal {
            scheme: TransferScheme::arbitrary(g),
            person: PersonRef::arbitrary(g),
            application_number: g.text(1, 64),
            application_date: g.opt(|g| g.date()),
            reasons: g.vec(1, 3, Reason::arbitrary),
            explanation: g.text(1, 2000),
            applicant_notified_on: g.opt(|g| g.date()),
            attachments: g.opt(|g| g.vec(1, 3, Attachment::arbitrary)),
            extensions: g.opt(|g| g.extensions()),
        }
    }
}

impl Arbitrary for TransferInformation {
    fn arbitrary(g: &mut Gen) -> Self {
        // Each scheme has its block: 110 years and totals, 170 the personal account, 210
        // unemployment, 310/390 medical.
        let scheme = TransferScheme::arbitrary(g);
        let pension = scheme == TransferScheme::EnterprisePension;
        let medical = matches!(
            scheme,
            TransferScheme::EmployeeMedical | TransferScheme::ResidentMedical
        );
        TransferInformation {
            information_number: g.text(1, 64),
            scheme,
            person: Person::arbitrary(g),
            personal_number: g.opt(|g| g.text(1, 20)),
            first_insured_month: g.opt(|g| g.period()),
            insured_periods: g.vec(1, 4, PeriodRange::arbitrary),
            deemed_contribution_months: g.opt(|g| g.u32(0, 1200)),
            temporary_account: g.opt(|g| g.bool()),
            years: g.opt_req(pension, |g| g.vec(1, 4, PensionYear::arbitrary)),
            totals: g.opt_req(pension, PensionTotals::arbitrary),
            personal_account: g.opt_req(
                scheme == TransferScheme::ResidentPension,
                PersonalAccount::arbitrary,
            ),
            unemployment: g.opt_req(
                scheme == TransferScheme::Unemployment,
                UnemploymentDetails::arbitrary,
            ),
            medical: g.opt_req(medical, MedicalDetails::arbitrary),
            back_payments: g.opt(|g| g.vec(1, 4, BackPayment::arbitrary)),
            withheld_periods: g.opt(|g| g.vec(1, 4, WithheldPeriod::arbitrary)),
            transfer_fen: g.money(),
            relation_terminated_on: g.opt(|g| g.date()),
            issued_on: g.date(),
            attachments: g.opt(|g| g.vec(1, 3, Attachment::arbitrary)),
            extensions: g.opt(|g| g.extensions()),
        }
    }
}

impl Arbitrary for PensionYear {
    fn arbitrary(g: &mut Gen) -> Self {
        PensionYear {
            year: g.u32(1900, 9999),
            months: g.u32(1, 12),
            base_fen: g.money(),
            personal_account_fen: g.money(),
            pooled_fund_fen: g.money(),
            interest_fen: g.opt(|g| g.money()),
            employer_contribution_fen: g.opt(|g| g.money()),
        }
    }
}

impl Arbitrary for PensionTotals {
    fn arbitrary(g: &mut Gen) -> Self {
        PensionTotals {
            contribution_months: g.u32(0, 1200),
            base_fen: g.money(),
            personal_account_fen: g.money(),
            pooled_fund_fen: g.money(),
            personal_account_balance_fen: g.money(),
            employer_contribution_fen: g.opt(|g| g.money()),
        }
    }
}

impl Arbitrary for UnemploymentDetails {
    fn arbitrary(g: &mut Gen) -> Self {
        // A relation-only block (社会保险法 art. 52) may omit the benefit members; any other
        // block carries them all (the schema's if/then).
        if g.bool() {
            UnemploymentDetails {
                contribution_months: g.u32(0, 1200),
                relation_only: Some(true),
                entitled_months: g.opt(|g| g.u32(0, 24)),
                carried_over_months: g.opt(|g| g.u32(0, 24)),
                drawn_months: g.opt(|g| g.u32(0, 24)),
                remaining_months: g.opt(|g| g.u32(0, 24)),
                remaining_benefit_fen: g.opt(|g| g.money()),
                supplementary_fen: g.opt(|g| g.money()),
            }
        } else {
            UnemploymentDetails {
                contribution_months: g.u32(0, 1200),
                relation_only: g.opt(|_| false),
                entitled_months: Some(g.u32(0, 24)),
                carried_over_months: g.opt(|g| g.u32(0, 24)),
                drawn_months: Some(g.u32(0, 24)),
                remaining_months: Some(g.u32(0, 24)),
                remaining_benefit_fen: Some(g.money()),
                supplementary_fen: Some(g.money()),
            }
        }
    }
}

impl Arbitrary for MedicalDetails {
    fn arbitrary(g: &mut Gen) -> Self {
        MedicalDetails {
            contribution_months: g.u32(0, 1200),
            continuous_months: g.opt(|g| g.u32(0, 1200)),
            military_service_months: g.opt(|g| g.u32(0, 1200)),
            last_contribution_month: g.opt(|g| g.period()),
            suspended_on: g.date(),
            personal_account_balance_fen: g.opt(|g| g.money()),
        }
    }
}

impl Arbitrary for BackPayment {
    fn arbitrary(g: &mut Gen) -> Self {
        BackPayment {
            period: PeriodRange::arbitrary(g),
            months: g.u32(0, 1200),
            paid_on: g.date(),
            legal_document: g.opt(LegalDocument::arbitrary),
        }
    }
}

impl Arbitrary for LegalDocument {
    fn arbitrary(g: &mut Gen) -> Self {
        LegalDocument {
            kind: LegalDocumentKind::arbitrary(g),
            number: g.text(1, 100),
            dated: g.date(),
        }
    }
}

impl Arbitrary for WithheldPeriod {
    fn arbitrary(g: &mut Gen) -> Self {
        WithheldPeriod {
            period: PeriodRange::arbitrary(g),
            months: g.u32(0, 1200),
            reason: Reason::arbitrary(g),
            person_notified_on: g.opt(|g| g.date()),
        }
    }
}

impl Arbitrary for FundTransfer {
    fn arbitrary(g: &mut Gen) -> Self {
        FundTransfer {
            scheme: TransferScheme::arbitrary(g),
            person: PersonRef::arbitrary(g),
            information_id: g.opt(|g| g.uuid()),
            payment_reference: g.text(1, 64),
            amount_fen: g.money(),
            components: g.opt(FundComponents::arbitrary),
            paid_on: g.date(),
            payer_account: g.opt(BankAccount::arbitrary),
            payee_account: BankAccount::arbitrary(g),
            attachments: g.opt(|g| g.vec(1, 3, Attachment::arbitrary)),
            extensions: g.opt(|g| g.extensions()),
        }
    }
}

impl Arbitrary for FundComponents {
    fn arbitrary(g: &mut Gen) -> Self {
        FundComponents {
            personal_account_fen: g.opt(|g| g.money()),
            pooled_fund_fen: g.opt(|g| g.money()),
            temporary_account_fen: g.opt(|g| g.money()),
            unemployment_fen: g.opt(|g| g.money()),
        }
    }
}

impl Arbitrary for TransferCompletion {
    fn arbitrary(g: &mut Gen) -> Self {
        // Completion states the amount received and the date; a mismatch lists the mismatches.
        let status = CompletionStatus::arbitrary(g);
        let completed = status == CompletionStatus::Completed;
        TransferCompletion {
            scheme: TransferScheme::arbitrary(g),
            person: PersonRef::arbitrary(g),
            status,
            information_id: g.opt(|g| g.uuid()),
            fund_transfer_id: g.opt(|g| g.uuid()),
            received_fen: g.opt_req(completed, |g| g.money()),
            payment_reference: g.opt(|g| g.text(1, 64)),
            credited_months: g.opt(|g| g.u32(0, 1200)),
            completed_on: g.opt_req(completed, |g| g.date()),
            mismatches: g.opt_req(!completed, |g| g.vec(1, 3, Reason::arbitrary)),
            overlap_clearing: g.opt(|g| g.vec(1, 4, OverlapClearing::arbitrary)),
            medical_continuity: g.opt(MedicalContinuity::arbitrary),
            attachments: g.opt(|g| g.vec(1, 3, Attachment::arbitrary)),
            extensions: g.opt(|g| g.extensions()),
        }
    }
}

impl Arbitrary for OverlapClearing {
    fn arbitrary(g: &mut Gen) -> Self {
        OverlapClearing {
            period: PeriodRange::arbitrary(g),
            months: g.u32(0, 1200),
            kept: g.opt(|g| g.text(1, 200)),
            refund_fen: g.money(),
        }
    }
}

impl Arbitrary for MedicalContinuity {
    fn arbitrary(g: &mut Gen) -> Self {
        MedicalContinuity {
            gap_months: g.u32(0, 1200),
            back_paid: g.opt(|g| g.bool()),
            scheme: g.opt(MedicalScheme::arbitrary),
            waiting_months: g.u32(0, 1200),
            reduced_rate_bp: g.opt(|g| g.u32(0, 10_000)),
            benefits_from: g.opt(|g| g.date()),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The schemas, read as data

/// The embedded schemas by `$id`, with just enough JSON Schema to find what is required where.
struct Schemas {
    by_id: BTreeMap<String, Value>,
}

/// A member present in a body.
struct Site {
    /// Pointer of the object holding the member.
    object: String,
    /// The member's name.
    key: String,
    /// Schema path of the member, array indices as `[]` (e.g. `/years/[]/base_fen`).
    path: String,
    /// Whether the schema requires the member here (including applicable `if`/`then`/`else`).
    required: bool,
    /// Whether the member's schema fixes its JSON type (`type`, `const`, `enum`).
    typed: bool,
}

impl Schemas {
    fn load() -> Self {
        let by_id = schema::files()
            .iter()
            .map(|(name, text)| {
                let v: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
                (v["$id"].as_str().unwrap().to_owned(), v)
            })
            .collect();
        Self { by_id }
    }

    fn body(&self, t: MessageType) -> &Value {
        &self.by_id[&schema::schema_id(t.as_str())]
    }

    fn resolve<'a>(&'a self, mut node: &'a Value) -> &'a Value {
        while let Some(r) = node.get("$ref").and_then(Value::as_str) {
            let (id, pointer) = r.split_once('#').unwrap();
            node = self.by_id[id].pointer(pointer).unwrap();
        }
        node
    }

    /// Every property path the schema defines.
    fn property_paths(&self, node: &Value, path: &str, out: &mut BTreeSet<String>) {
        let node = self.resolve(node);
        if let Some(props) = node.get("properties").and_then(Value::as_object) {
            for (k, p) in props {
                let path = format!("{path}/{k}");
                out.insert(path.clone());
                self.property_paths(p, &path, out);
            }
        }
        if let Some(items) = node.get("items") {
            self.property_paths(items, &format!("{path}/[]"), out);
        }
    }

    /// The value sets of the enumerations reachable through properties and items.
    fn enumerations(&self, node: &Value, out: &mut BTreeSet<BTreeSet<String>>) {
        let node = self.resolve(node);
        if let Some(values) = enumeration(node) {
            out.insert(values);
        }
        for p in node
            .get("properties")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            self.enumerations(p.1, out);
        }
        if let Some(items) = node.get("items") {
            self.enumerations(items, out);
        }
    }

    /// The members present in `instance`, with what the schema says about them.
    fn sites(
        &self,
        node: &Value,
        instance: &Value,
        pointer: &str,
        path: &str,
        out: &mut Vec<Site>,
    ) {
        let node = self.resolve(node);
        match instance {
            Value::Object(map) => {
                let mut required = BTreeSet::new();
                self.required(node, instance, &mut required);
                let props = node.get("properties");
                for (k, v) in map {
                    // Members of `extensions` are free: no schema of their own.
                    let Some(p) = props.and_then(|p| p.get(k)) else {
                        continue;
                    };
                    let member = format!("{pointer}/{}", k.replace('~', "~0").replace('/', "~1"));
                    let member_path = format!("{path}/{k}");
                    out.push(Site {
                        object: pointer.to_owned(),
                        key: k.clone(),
                        path: member_path.clone(),
                        required: required.contains(k),
                        typed: fixes_type(self.resolve(p)),
                    });
                    self.sites(p, v, &member, &member_path, out);
                }
            }
            Value::Array(items) => {
                if let Some(item) = node.get("items") {
                    for (i, v) in items.iter().enumerate() {
                        self.sites(
                            item,
                            v,
                            &format!("{pointer}/{i}"),
                            &format!("{path}/[]"),
                            out,
                        );
                    }
                }
            }
            _ => {}
        }
    }

    /// `required` of `node`, of its `allOf` members, and of the `then`/`else` branches that
    /// apply to `instance`.
    fn required(&self, node: &Value, instance: &Value, out: &mut BTreeSet<String>) {
        let node = self.resolve(node);
        out.extend(strings(node.get("required")));
        if let Some(cond) = node.get("if") {
            let branch = if matches_if(cond, instance) {
                "then"
            } else {
                "else"
            };
            if let Some(b) = node.get(branch) {
                self.required(b, instance, out);
            }
        }
        for member in node
            .get("allOf")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            self.required(member, instance, out);
        }
    }
}

fn strings(v: Option<&Value>) -> impl Iterator<Item = String> + '_ {
    v.and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|s| s.as_str().map(str::to_owned))
}

/// The `if` conditions of the schemas: `required` members and `const`/`enum` properties.
fn matches_if(cond: &Value, instance: &Value) -> bool {
    let Some(obj) = instance.as_object() else {
        return false;
    };
    strings(cond.get("required")).all(|k| obj.contains_key(&k))
        && cond
            .get("properties")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
            .all(|(k, s)| {
                obj.get(k).is_none_or(|v| {
                    s.get("const").is_none_or(|c| c == v)
                        && s.get("enum")
                            .and_then(Value::as_array)
                            .is_none_or(|e| e.contains(v))
                })
            })
}

/// The values of an `enum`, a `const`, or a `oneOf` of `const`s.
fn enumeration(node: &Value) -> Option<BTreeSet<String>> {
    if let Some(values) = node.get("enum").and_then(Value::as_array) {
        return values
            .iter()
            .map(|v| v.as_str().map(str::to_owned))
            .collect();
    }
    if let Some(c) = node.get("const") {
        return c.as_str().map(|c| BTreeSet::from([c.to_owned()]));
    }
    let one_of = node.get("oneOf").and_then(Value::as_array)?;
    one_of
        .iter()
        .map(|o| o.get("const").and_then(Value::as_str).map(str::to_owned))
        .collect()
}

fn fixes_type(node: &Value) -> bool {
    node.get("type").is_some() || enumeration(node).is_some()
}

/// A value of another JSON type.
fn other_type(v: &Value) -> Value {
    match v {
        Value::String(_) => json!(7),
        Value::Number(_) => json!("7"),
        Value::Bool(_) => json!("true"),
        Value::Array(_) => json!({}),
        Value::Object(_) => json!([]),
        Value::Null => json!(false),
    }
}

// ---------------------------------------------------------------------------------------------
// The property

const NOW: &str = "2026-11-27T08:00:00Z";

fn ts(s: &str) -> Timestamp {
    Timestamp::parse(s).unwrap()
}

/// Signs documents as Liangshan and verifies them as Ningbo, schema stage on.
struct Pipeline {
    key: SigningKey,
    verifier: Verifier,
}

impl Pipeline {
    fn new() -> Self {
        let key = SigningKey::from_seed(&[7; 32], "513400-test-2026a").unwrap();
        let mut list = TrustList::new(1, ts("2027-01-01T00:00:00Z"));
        list.add_key(KeyRecord::new(
            "513400-test-2026a",
            "513400",
            "LS-TEST",
            key.verifying_key(),
            ts("2026-01-01T00:00:00Z"),
            None,
            vec!["*".into()],
        ))
        .unwrap();
        // Schema stage on (the default); generated bodies are not meant to satisfy the business
        // rules, and the same message id is signed many times.
        let verifier = Verifier::builder()
            .trust_list(list)
            .region("330200")
            .clock(FixedClock(ts(NOW)))
            .dangerous()
            .skip_rules()
            .without_replay_guard()
            .done()
            .build()
            .unwrap();
        Self { key, verifier }
    }

    fn document<T: MessageBody>(&self, body: &T) -> Document {
        let builder = messages::document(
            body,
            Party::new("513400", "LS-TEST"),
            Party::new("330200", "NB-TEST"),
        )
        .id("01a21c04-b400-7000-8000-000000000001")
        .case("513400-TEST-0001", "test.property");
        // A receipt answers the message it acknowledges (LL-REPLY-007).
        let acknowledged = serde_json::to_value(body).ok().and_then(|v| {
            v.get("received_id")
                .and_then(|r| r.as_str())
                .map(str::to_owned)
        });
        let builder = match acknowledged {
            Some(id) if T::TYPE.as_str() == "receipt" => builder.in_reply_to(id),
            _ => builder,
        };
        builder.build(&FixedClock(ts(NOW))).unwrap()
    }

    fn round_trip<T: MessageBody + PartialEq + Debug>(&self, doc: &Document, body: &T) {
        let jws = labourlink::sign(&doc.to_value(), &[&self.key]).unwrap();
        let verified = self
            .verifier
            .verify(jws.as_bytes())
            .unwrap_or_else(|e| panic!("{}: {e} {:?}", T::TYPE, e.violations()));
        assert_eq!(&verified.typed::<T>().unwrap(), body);
    }
}

/// Required members removed per random body (members never removed before go first).
const REMOVALS: usize = 4;
/// Members given a value of another JSON type per random body.
const RETYPES: usize = 2;

/// The property for one message type.
fn check<T: MessageBody + Arbitrary + PartialEq + Debug>(schemas: &Schemas, pipeline: &Pipeline) {
    let t = T::TYPE;
    let schema = schemas.body(t);
    let mut defined = BTreeSet::new();
    schemas.property_paths(schema, "", &mut defined);
    let (mut present, mut required, mut removed) =
        (BTreeSet::new(), BTreeSet::new(), BTreeSet::new());
    let mut mutations = 0;
    let invalid = |mutated: &Value, what: &str| {
        assert!(
            schema::validate_body(t.as_str(), mutated).is_err(),
            "{t}: {what} still validates:\n{mutated:#}"
        );
    };
    let mut g = Gen::new(t.as_str());
    for case in 0..CASES {
        let body = T::arbitrary(&mut g);
        let value = body.to_json().unwrap();
        if let Err(e) = schema::validate_body(t.as_str(), &value) {
            panic!(
                "{t} #{case}: random valid body refused: {e}\n{:#?}\n{value:#}",
                e.violations()
            );
        }
        assert_eq!(
            T::from_json(&value).unwrap(),
            body,
            "{t} #{case}: JSON round trip"
        );
        assert_eq!(
            canonical::to_vec(&value),
            canonical::to_vec(&T::from_json(&value).unwrap().to_json().unwrap())
        );

        // As a document: the envelope checks out and the body still validates.
        let doc = pipeline.document(&body);
        let checked = Document::from_value(&doc.to_value()).unwrap();
        schema::validate_body(t.as_str(), &checked.document.body).unwrap();
        if case % 10 == 0 {
            pipeline.round_trip(&doc, &body);
        }

        let mut sites = Vec::new();
        schemas.sites(schema, &value, "", "", &mut sites);
        for s in &sites {
            present.insert(s.path.clone());
            if s.required {
                required.insert(s.path.clone());
            }
        }

        // Removing a required member: members never removed so far first.
        let (mut fresh, mut seen): (Vec<&Site>, Vec<&Site>) = sites
            .iter()
            .filter(|s| s.required)
            .partition(|s| !removed.contains(&s.path));
        g.shuffle(&mut fresh);
        g.shuffle(&mut seen);
        for s in fresh.into_iter().chain(seen).take(REMOVALS) {
            let mut mutated = value.clone();
            mutated
                .pointer_mut(&s.object)
                .and_then(Value::as_object_mut)
                .unwrap()
                .remove(&s.key);
            invalid(
                &mutated,
                &format!("without required {}/{}", s.object, s.key),
            );
            removed.insert(s.path.clone());
            mutations += 1;
        }

        // A value of the wrong JSON type, required member or not.
        let mut typed: Vec<&Site> = sites.iter().filter(|s| s.typed).collect();
        g.shuffle(&mut typed);
        for s in typed.into_iter().take(RETYPES) {
            let mut mutated = value.clone();
            let slot = mutated
                .pointer_mut(&s.object)
                .and_then(Value::as_object_mut)
                .and_then(|o| o.get_mut(&s.key))
                .unwrap();
            *slot = other_type(slot);
            invalid(&mutated, &format!("{}/{} of another type", s.object, s.key));
            mutations += 1;
        }
    }
    let never: Vec<_> = defined.difference(&present).collect();
    assert!(
        never.is_empty(),
        "{t}: properties never generated: {never:?}"
    );
    let kept: Vec<_> = required.difference(&removed).collect();
    assert!(
        kept.is_empty(),
        "{t}: required members never removed: {kept:?}"
    );
    assert!(mutations >= CASES * 2, "{t}: only {mutations} mutations");
}

/// One test per domain (they run in parallel), and a check that every type has its test.
macro_rules! property_tests {
    ($($domain:ident: [$($body:ty),+ $(,)?];)+) => {
        $(
            #[test]
            fn $domain() {
                let (schemas, pipeline) = (Schemas::load(), Pipeline::new());
                $( check::<$body>(&schemas, &pipeline); )+
            }
        )+

        #[test]
        fn every_message_type_has_its_property_test() {
            let checked = [$($(<$body as MessageBody>::TYPE,)+)+];
            assert_eq!(checked, MessageType::ALL);
        }
    };
}

// ---------------------------------------------------------------------------------------------
// worker_rights

impl Arbitrary for WageArrearsReferral {
    fn arbitrary(g: &mut Gen) -> Self {
        WageArrearsReferral {
            person: PersonRef::arbitrary(g),
            employer: Organisation::arbitrary(g),
            project: g.opt(|g| g.text(1, 200)),
            general_contractor: g.opt(Organisation::arbitrary),
            unpaid_period: PeriodRange::arbitrary(g),
            monthly: g.opt(|g| g.vec(1, 4, MonthlyArrears::arbitrary)),
            amount_owed_fen: g.money(),
            payment_path: g.opt(PaymentPath::arbitrary),
            reported_on: g.date(),
            complaint_reference: g.opt(|g| g.text(1, 64)),
            explanation: g.opt(|g| g.text(1, 2000)),
            attachments: g.opt(|g| g.vec(1, 3, Attachment::arbitrary)),
            extensions: g.opt(|g| g.extensions()),
        }
    }
}

impl Arbitrary for MonthlyArrears {
    fn arbitrary(g: &mut Gen) -> Self {
        MonthlyArrears {
            period: g.period(),
            amount_fen: g.money(),
        }
    }
}

impl Arbitrary for WageArrearsOutcome {
    fn arbitrary(g: &mut Gen) -> Self {
        WageArrearsOutcome {
            person: PersonRef::arbitrary(g),
            outcome: WageArrearsOutcomeKind::arbitrary(g),
            amount_owed_fen: g.money(),
            amount_paid_fen: g.opt(|g| g.money()),
            paid_on: g.opt(|g| g.date()),
            payment_path: g.opt(PaymentPath::arbitrary),
            decided_on: g.date(),
            reasons: g.opt(|g| g.vec(1, 3, Reason::arbitrary)),
            explanation: g.opt(|g| g.text(1, 2000)),
            attachments: g.opt(|g| g.vec(1, 3, Attachment::arbitrary)),
            extensions: g.opt(|g| g.extensions()),
        }
    }
}

impl Arbitrary for WorkInjuryNotice {
    fn arbitrary(g: &mut Gen) -> Self {
        WorkInjuryNotice {
            person: PersonRef::arbitrary(g),
            employer: Organisation::arbitrary(g),
            accident_date: g.date(),
            accident_region: g.region(),
            occupational_disease: g.opt(|g| g.bool()),
            injury: g.opt(|g| g.text(1, 2000)),
            insured: g.opt(|g| g.bool()),
            application: g.opt(InjuryApplication::arbitrary),
            reported_on: g.opt(|g| g.date()),
            explanation: g.opt(|g| g.text(1, 2000)),
            attachments: g.opt(|g| g.vec(1, 3, Attachment::arbitrary)),
            extensions: g.opt(|g| g.extensions()),
        }
    }
}

impl Arbitrary for InjuryApplication {
    fn arbitrary(g: &mut Gen) -> Self {
        InjuryApplication {
            applicant: InjuryApplicant::arbitrary(g),
            filed_on: g.date(),
            accepted_on: g.opt(|g| g.date()),
        }
    }
}

impl Arbitrary for WorkInjuryDecision {
    fn arbitrary(g: &mut Gen) -> Self {
        WorkInjuryDecision {
            person: PersonRef::arbitrary(g),
            decision: InjuryDecision::arbitrary(g),
            decision_number: g.opt(|g| g.text(1, 64)),
            application_accepted_on: g.opt(|g| g.date()),
            decided_on: g.date(),
            disability_assessment: g.opt(DisabilityAssessment::arbitrary),
            benefits: g.opt(|g| g.vec(1, 4, InjuryBenefit::arbitrary)),
            benefits_total_fen: g.opt(|g| g.money()),
            residence_region: g.opt(|g| g.region()),
            reasons: g.opt(|g| g.vec(1, 3, Reason::arbitrary)),
            explanation: g.opt(|g| g.text(1, 2000)),
            attachments: g.opt(|g| g.vec(1, 3, Attachment::arbitrary)),
            extensions: g.opt(|g| g.extensions()),
        }
    }
}

impl Arbitrary for DisabilityAssessment {
    fn arbitrary(g: &mut Gen) -> Self {
        DisabilityAssessment {
            grade: g.u32(1, 10),
            nursing_level: g.opt(NursingLevel::arbitrary),
            assessed_on: g.date(),
            conclusion_number: g.opt(|g| g.text(1, 64)),
        }
    }
}

impl Arbitrary for InjuryBenefit {
    fn arbitrary(g: &mut Gen) -> Self {
        InjuryBenefit {
            item: InjuryBenefitItem::arbitrary(g),
            amount_fen: g.money(),
            payer: BenefitPayer::arbitrary(g),
            paid_to_region: g.opt(|g| g.region()),
        }
    }
}

impl Arbitrary for DisputeReferral {
    fn arbitrary(g: &mut Gen) -> Self {
        // Distinct kinds (the schema's uniqueItems): a random non-empty subset, in order.
        let all = [
            DisputeKind::Wages,
            DisputeKind::WorkInjury,
            DisputeKind::Contract,
            DisputeKind::Compensation,
            DisputeKind::SocialInsurance,
            DisputeKind::WorkingTime,
            DisputeKind::Other,
        ];
        let mut kinds: Vec<DisputeKind> = all.into_iter().filter(|_| g.bool()).collect();
        if kinds.is_empty() {
            kinds.push(DisputeKind::arbitrary(g));
        }
        DisputeReferral {
            person: PersonRef::arbitrary(g),
            employer: Organisation::arbitrary(g),
            dispute_kinds: kinds,
            dispute_arose_on: g.date(),
            employment_ended_on: g.opt(|g| g.date()),
            claim_fen: g.opt(|g| g.money()),
            referred_for: DisputeReferralPurpose::arbitrary(g),
            arbitration_filed_on: g.opt(|g| g.date()),
            summary: g.opt(|g| g.text(1, 2000)),
            attachments: g.opt(|g| g.vec(1, 3, Attachment::arbitrary)),
            extensions: g.opt(|g| g.extensions()),
        }
    }
}

impl Arbitrary for DisputeOutcome {
    fn arbitrary(g: &mut Gen) -> Self {
        DisputeOutcome {
            person: PersonRef::arbitrary(g),
            outcome: DisputeOutcomeKind::arbitrary(g),
            decided_on: g.date(),
            document_number: g.opt(|g| g.text(1, 64)),
            awarded_fen: g.opt(|g| g.money()),
            paid_fen: g.opt(|g| g.money()),
            reasons: g.opt(|g| g.vec(1, 3, Reason::arbitrary)),
            explanation: g.opt(|g| g.text(1, 2000)),
            attachments: g.opt(|g| g.vec(1, 3, Attachment::arbitrary)),
            extensions: g.opt(|g| g.extensions()),
        }
    }
}

property_tests! {
    receipt_and_trust_list: [Receipt, TrustListBody, ReferenceDataBody];
    control: [
        Reminder,
        ReminderReply,
        ClarificationRequest,
        ClarificationReply,
        Invalidate,
        Reject,
        CaseClose,
        CaseReopen,
    ];
    worker_transfer: [
        JobDemand,
        Roster,
        RosterReply,
        Arrival,
        InsuranceEnrolment,
        Retention,
        Separation,
        CertificateAttestation,
        Reconciliation,
        CooperationAgreement,
    ];
    family_planning: [
        ServiceAgreement,
        Certificate,
        ArrivalNotice,
        VerificationRequest,
        VerificationReply,
        BirthRegistrationNotice,
        ServiceNotice,
        BenefitNotice,
    ];
    social_insurance: [
        ContributionCertificate,
        TransferApplication,
        ContactLetter,
        ApplicationRefusal,
        TransferInformation,
        FundTransfer,
        TransferCompletion,
        BenefitPlaceRequest,
        BenefitPlaceDecision,
    ];
    worker_rights: [
        WageArrearsReferral,
        WageArrearsOutcome,
        WorkInjuryNotice,
        WorkInjuryDecision,
        DisputeReferral,
        DisputeOutcome,
    ];
}

/// The value sets of the schemas' enumerations (`enum`, or `oneOf` of `const`s) are exactly
/// those of the Rust enums: no wire value is missing from Rust, none is invented.
#[test]
fn rust_enums_are_the_schema_enumerations() {
    let schemas = Schemas::load();
    let mut in_schemas = BTreeSet::new();
    for t in MessageType::ALL {
        schemas.enumerations(schemas.body(*t), &mut in_schemas);
    }
    let mut in_rust: BTreeSet<BTreeSet<String>> = enum_wire_values().into_iter().collect();
    in_rust.insert(
        MessageType::ALL
            .iter()
            .map(|t| t.as_str().to_owned())
            .collect(),
    );
    let missing: Vec<_> = in_schemas.difference(&in_rust).collect();
    assert!(
        missing.is_empty(),
        "schema enumerations without a Rust enum: {missing:?}"
    );
    let extra: Vec<_> = in_rust.difference(&in_schemas).collect();
    assert!(
        extra.is_empty(),
        "Rust enums without a schema enumeration: {extra:?}"
    );
}
