//! Regression fixtures: the worked examples of EDPB Guidelines 01/2021 on examples regarding
//! personal data breach notification (v2.0), the cases whose conclusions a source states
//! (`shared/reference/edpb-01-2021.md`, tags S1–S11 there). Each case: the facts in our own
//! words, the inputs a careful DPO would choose from those facts alone (report facts and
//! ENISA 2013 inputs) with the reasoning beside them, and the EDPB's conclusion on notifying
//! the supervisory authority (Art. 33) and informing the data subjects (Art. 34) as the
//! expected recommendation. The inputs are chosen from the facts, never to make a case pass.

use super::{band, find_factors, recommend, severity};
use crate::domain::model::Report;
use crate::domain::model::assessment::{
    AvailabilityLoss as A, Circumstances, ConfidentialityLoss as C, DataCategory as D,
    EaseOfIdentification as E, EdpbFactor, Flags, IntegrityLoss as I,
};

/// One EDPB case: facts, the DPO's inputs, the EDPB's answer.
pub(super) struct Case {
    pub number: &'static str,
    /// The source tag(s) of `edpb-01-2021.md` that state the conclusion.
    pub source: &'static str,
    /// The facts, in our own words; why the inputs below were chosen.
    pub reasoning: &'static str,
    /// The report's facts (report.yaml fields: IMY questions 23–28, breach types).
    pub report: &'static str,
    pub category: D,
    pub ease: E,
    pub confidentiality: C,
    pub integrity: I,
    pub availability: A,
    pub malicious: bool,
    /// ENISA 2013 §3.3 flags.
    pub unintelligible: bool,
    pub more_than_100: bool,
    /// The EDPB's conclusion: (notify the supervisory authority, inform the data subjects).
    pub edpb: (bool, bool),
}

pub(super) const CASES: &[Case] = &[
    Case {
        number: "01 ransomware with proper backup, no exfiltration",
        source: "S1 (v2.0 text and table); S5 agrees for 1.0",
        reasoning: "Clients' and employees' ordinary data (a few dozen people): simple. The data \
            identify people directly (EI maximum), but were encrypted at rest with the key safe: \
            unintelligible. Logs show nothing left: no loss of confidentiality. Restored from \
            backup within hours: availability recoverable without difficulty. Ransomware is an \
            attack: malicious.",
        report: "breach_types: [availability]\ndata_subjects: {exact: 40}\n\
            subject_groups: {keys: [customers, employees]}\n\
            data_categories: {keys: [identifying, contact_details]}\nencrypted: true\n",
        category: D::Simple,
        ease: E::Maximum,
        confidentiality: C::None,
        integrity: I::None,
        availability: A::None,
        malicious: true,
        unintelligible: true,
        more_than_100: false,
        edpb: (false, false),
    },
    Case {
        number: "03 ransomware with backup, no exfiltration, in a hospital",
        source: "S5 (1.0)",
        reasoning: "Patients' health data: sensitive, identifying directly. Certainly not \
            exfiltrated: no loss of confidentiality. Restoring took days and delayed care: \
            temporary unavailability. An attack: malicious. Encryption at rest not stated.",
        report: "breach_types: [availability]\nsubject_groups: {keys: [patients]}\n\
            data_categories: {keys: [health, identifying]}\n",
        category: D::Sensitive,
        ease: E::Maximum,
        confidentiality: C::None,
        integrity: I::None,
        availability: A::Temporary,
        malicious: true,
        unintelligible: false,
        more_than_100: false,
        edpb: (true, true),
    },
    Case {
        number: "05 exfiltration of job application data from a website",
        source: "S6 (1.0), title from S1",
        reasoning: "Job applications: names, contact details, CVs (education, experience): \
            simple, identifying directly. Taken by an attacker who exploited the website: \
            disclosed to an unknown number of recipients, malicious. The volume is large \
            (enough for unsolicited marketing): more than 100. Encryption not stated.",
        report: "breach_types: [confidentiality]\ndata_subjects: {interval: {from: 101}}\n\
            subject_groups: {keys: [other], comment: Job applicants}\n\
            data_categories: {keys: [identifying, contact_details]}\n",
        category: D::Simple,
        ease: E::Maximum,
        confidentiality: C::UnknownRecipients,
        integrity: I::None,
        availability: A::None,
        malicious: true,
        unintelligible: false,
        more_than_100: true,
        edpb: (true, true),
    },
    Case {
        number: "08 exfiltration of business data by an employee",
        source: "S2 (2.0); S7 (1.0)",
        reasoning: "Clients' basic contact data, no special categories: simple, identifying \
            directly. Copied by one departing employee, later used for his own business: one \
            known recipient; an intentional misuse against the controller: malicious. The \
            database is intact. The number of clients is not given.",
        report: "breach_types: [confidentiality]\nsubject_groups: {keys: [customers]}\n\
            data_categories: {keys: [identifying, contact_details]}\n",
        category: D::Simple,
        ease: E::Maximum,
        confidentiality: C::KnownRecipients,
        integrity: I::None,
        availability: A::None,
        malicious: true,
        unintelligible: false,
        more_than_100: false,
        edpb: (true, false),
    },
    Case {
        number: "09 accidental transmission of data to a trusted third party",
        source: "S4",
        reasoning: "A spreadsheet of customer data, nothing sensitive: simple, identifying \
            directly. E-mailed by mistake to one known, trusted recipient bound by secrecy, \
            who deleted it: known recipients, not malicious. Sent unencrypted.",
        report: "breach_types: [confidentiality]\n\
            what_happened: {key: misdirected_communication}\n\
            subject_groups: {keys: [customers]}\n\
            data_categories: {keys: [identifying, contact_details]}\nencrypted: false\n",
        category: D::Simple,
        ease: E::Maximum,
        confidentiality: C::KnownRecipients,
        integrity: I::None,
        availability: A::None,
        malicious: false,
        unintelligible: false,
        more_than_100: false,
        edpb: (false, false),
    },
    Case {
        number: "10 stolen material storing encrypted personal data",
        source: "S9 (1.0)",
        reasoning: "A stolen device; which data it held is not given, so the DPO records \
            customers' ordinary data (simple) and relies on the encryption: strong, key not \
            compromised, so unintelligible. Stolen, no sign anyone read it: no loss of \
            confidentiality; the theft aimed at the device, not the data: not malicious.",
        report: "breach_types: [confidentiality]\nsubject_groups: {keys: [customers]}\n\
            data_categories: {keys: [identifying, contact_details]}\nencrypted: true\n",
        category: D::Simple,
        ease: E::Maximum,
        confidentiality: C::None,
        integrity: I::None,
        availability: A::None,
        malicious: false,
        unintelligible: true,
        more_than_100: false,
        edpb: (false, false),
    },
    Case {
        number: "11 stolen material storing non-encrypted personal data",
        source: "S3 (2.0); S9 (1.0)",
        reasoning: "Names, sex, addresses and dates of birth of more than 100,000 customers: \
            simple by ENISA's categories; name with date of birth identifies directly (EI \
            maximum, ENISA Annex 2). No password, no encryption. Stolen, no sign anyone read \
            it yet: no loss of confidentiality (ENISA's lost-laptop example); the theft aimed \
            at the notebook: not malicious. Daily backups: nothing lost. Name, address and \
            date of birth together are what identity fraud needs: the DPO lists it among the \
            possible consequences (IMY question 28).",
        report: "breach_types: [confidentiality]\ndata_subjects: {interval: {from: 100000}}\n\
            subject_groups: {keys: [customers]}\n\
            data_categories: {keys: [identifying, contact_details, other], \
            comment: 'Kön, födelsedatum'}\n\
            encrypted: false\nconsequences: {keys: [identity_theft_or_fraud, loss_of_control]}\n",
        category: D::Simple,
        ease: E::Maximum,
        confidentiality: C::None,
        integrity: I::None,
        availability: A::None,
        malicious: false,
        unintelligible: false,
        more_than_100: true,
        edpb: (true, true),
    },
    Case {
        number: "13 postal mail mistake (webshop)",
        source: "S4",
        reasoning: "An order with its invoice (name, address, items, price) sent to another \
            customer, who is asked to delete it: simple, identifying directly; one known \
            recipient; not malicious. A paper letter: not encrypted.",
        report: "breach_types: [confidentiality]\n\
            what_happened: {key: misdirected_communication}\ndata_subjects: {exact: 1}\n\
            subject_groups: {keys: [customers]}\n\
            data_categories: {keys: [identifying, contact_details]}\nencrypted: false\n",
        category: D::Simple,
        ease: E::Maximum,
        confidentiality: C::KnownRecipients,
        integrity: I::None,
        availability: A::None,
        malicious: false,
        unintelligible: false,
        more_than_100: false,
        edpb: (false, false),
    },
    Case {
        number: "14 highly confidential personal data sent by mail by mistake",
        source: "S4 (title from S1)",
        reasoning: "Sensitive (special category) data e-mailed to the wrong recipients by \
            mistake: sensitive, identifying directly; known recipients; not malicious.",
        report: "breach_types: [confidentiality]\n\
            what_happened: {key: misdirected_communication}\n\
            data_categories: {keys: [health, identifying]}\nencrypted: false\n",
        category: D::Sensitive,
        ease: E::Maximum,
        confidentiality: C::KnownRecipients,
        integrity: I::None,
        availability: A::None,
        malicious: false,
        unintelligible: false,
        more_than_100: false,
        edpb: (true, true),
    },
    Case {
        number: "16 postal mail mistake (motor insurance)",
        source: "S4; S10 shows 1.0 differed",
        reasoning: "One policy letter (name, address, policy and car details, nothing \
            sensitive) sent to another policyholder, asked to destroy or return it: simple, \
            identifying directly; one known recipient; not malicious; a paper letter.",
        report: "breach_types: [confidentiality]\n\
            what_happened: {key: misdirected_communication}\ndata_subjects: {exact: 1}\n\
            subject_groups: {keys: [customers]}\n\
            data_categories: {keys: [identifying, contact_details]}\nencrypted: false\n",
        category: D::Simple,
        ease: E::Maximum,
        confidentiality: C::KnownRecipients,
        integrity: I::None,
        availability: A::None,
        malicious: false,
        unintelligible: false,
        more_than_100: false,
        edpb: (true, false),
    },
    Case {
        number: "18 e-mail exfiltration (business e-mail compromise)",
        source: "S8 (1.0)",
        reasoning: "Names and wages of some employees: financial, identifying directly. \
            Forwarded to an attacker who took over a mailbox by social engineering: an \
            unknown party with unknown further spread (unknown recipients), malicious.",
        report: "breach_types: [confidentiality]\nsubject_groups: {keys: [employees]}\n\
            data_categories: {keys: [identifying, financial]}\n",
        category: D::Financial,
        ease: E::Maximum,
        confidentiality: C::UnknownRecipients,
        integrity: I::None,
        availability: A::None,
        malicious: true,
        unintelligible: false,
        more_than_100: false,
        edpb: (true, true),
    },
];

impl Case {
    /// The report: the case's facts over a minimal valid report.
    pub fn report(&self) -> Report {
        let text = format!(
            "id: 2026-0001\ntitle: EDPB 01/2021 case {}\ndiscovered: {{date: 2026-03-27}}\n{}",
            self.number, self.report
        );
        serde_saphyr::from_str(&text)
            .unwrap_or_else(|e| panic!("case {}: report: {e}\n{text}", self.number))
    }

    pub fn circumstances(&self) -> Circumstances {
        Circumstances {
            confidentiality: self.confidentiality,
            integrity: self.integrity,
            availability: self.availability,
            malicious: self.malicious,
        }
    }

    /// SE = DPC × EI + CB with the category's base score (no case adjusts it).
    pub fn severity(&self) -> f64 {
        severity(self.category.base_score(), self.ease, &self.circumstances())
    }

    /// The EDPB factors the case's report and inputs show.
    pub fn factors(&self) -> Vec<EdpbFactor> {
        let flags = Flags {
            more_than_100_data_subjects: self.more_than_100,
            unintelligible: self.unintelligible,
        };
        find_factors(self.category, &self.circumstances(), &flags, &self.report())
    }
}

/// The ENISA band alone (the recommendation before the EDPB factors were weighed, as for
/// an assessment recorded without them).
fn by_band(case: &Case) -> (bool, bool) {
    let recommendation = recommend(band(case.severity()), None, None);
    (
        recommendation.notify_imy,
        recommendation.inform_data_subjects,
    )
}

/// The ENISA band with the EDPB factors weighed.
fn weighed(case: &Case) -> (bool, bool) {
    let recommendation = recommend(band(case.severity()), None, Some(&case.factors()));
    (
        recommendation.notify_imy,
        recommendation.inform_data_subjects,
    )
}

#[test]
fn every_case_has_a_valid_report() {
    for case in CASES {
        let report = case.report();
        assert!(
            crate::domain::rules::check_report(&report, None, chrono_tz::Europe::Stockholm)
                .is_empty(),
            "case {}",
            case.number
        );
    }
    assert_eq!(CASES.len(), 11, "the 11 cases with a sourced conclusion");
}

/// The flags agree with the report: "more than 100" with its count where one is given,
/// "unintelligible" only for data the report says were encrypted; each case is reasoned.
#[test]
fn the_inputs_agree_with_the_reports_facts() {
    for case in CASES {
        let report = case.report();
        let suggested = super::suggest(&report);
        if report.data_subjects.is_some() {
            assert_eq!(
                case.more_than_100, suggested.more_than_100,
                "{}",
                case.number
            );
        }
        assert!(
            !case.unintelligible || report.encrypted == Some(true),
            "{}",
            case.number
        );
        assert!(!case.reasoning.is_empty() && !case.source.is_empty());
    }
}

/// Measured on the recommendation by the ENISA band alone: 7 of 11 agree with the EDPB
/// on both notifying the authority and informing the data subjects. The four that do not:
/// 05 (medium: notify only; the EDPB also informs), 08 and 11 (low: document only; the
/// EDPB notifies, in 11 also informs) and 16 (low; the EDPB notifies).
#[test]
fn the_enisa_band_alone_agrees_with_the_edpb_on_7_of_11() {
    let disagree: Vec<&str> = CASES
        .iter()
        .filter(|case| by_band(case) != case.edpb)
        .map(|case| &case.number[..2])
        .collect();
    assert_eq!(disagree, ["05", "08", "11", "16"]);
}

/// With the EDPB factors weighed: 10 of 11 agree. The one that does not, 16 (a motor
/// insurance letter to one wrong policyholder: the EDPB notifies the authority), has the
/// same facts in our source as 13 (a webshop invoice to one wrong customer: the EDPB does
/// not notify); nothing in those facts tells them apart, so no rule from the facts can
/// agree with both. The v2.0 text of case 16 was not read (S4 gives one line).
#[test]
fn weighing_the_edpb_factors_agrees_with_the_edpb_on_10_of_11() {
    let disagree: Vec<&str> = CASES
        .iter()
        .filter(|case| weighed(case) != case.edpb)
        .map(|case| &case.number[..2])
        .collect();
    assert_eq!(disagree, ["16"]);
}

/// The factors each case shows, so a change in the rules shows where it moves.
#[test]
fn the_factors_each_case_shows() {
    use EdpbFactor::*;
    let expected: &[(&str, &[EdpbFactor])] = &[
        ("01", &[Unintelligible]),
        ("03", &[SpecialCategories]),
        ("05", &[ManyDataSubjects, MaliciousExfiltration]),
        ("08", &[MaliciousAccess]),
        ("09", &[]),
        ("10", &[Unintelligible]),
        ("11", &[ManyDataSubjects, IdentityFraud, NoProtection]),
        ("13", &[]),
        ("14", &[SpecialCategoriesDisclosed]),
        ("16", &[]),
        ("18", &[IdentityFraud, MaliciousExfiltration]),
    ];
    for (case, (number, factors)) in CASES.iter().zip(expected) {
        assert_eq!(&case.number[..2], *number);
        assert_eq!(case.factors(), *factors, "case {number}");
    }
}
