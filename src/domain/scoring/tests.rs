//! The ENISA formula, its bands and the recommendation over every component.

use super::*;
use crate::domain::Lang;
use crate::domain::model::assessment::{
    Art34Exception, AvailabilityLoss, ConfidentialityLoss, DataCategory, EdpbFactor, Flags,
    IntegrityLoss,
};

fn cb(
    c: ConfidentialityLoss,
    i: IntegrityLoss,
    a: AvailabilityLoss,
    malicious: bool,
) -> Circumstances {
    Circumstances {
        confidentiality: c,
        integrity: i,
        availability: a,
        malicious,
    }
}

const NONE: Circumstances = Circumstances {
    confidentiality: ConfidentialityLoss::None,
    integrity: IntegrityLoss::None,
    availability: AvailabilityLoss::None,
    malicious: false,
};

#[test]
fn severity_and_band_over_every_component() {
    use AvailabilityLoss as A;
    use ConfidentialityLoss as C;
    use EaseOfIdentification as E;
    use IntegrityLoss as I;
    let cases: &[(u8, E, Circumstances, f64, Band)] = &[
        // the minimum and the maximum of the method
        (1, E::Negligible, NONE, 0.25, Band::Low),
        (
            4,
            E::Maximum,
            cb(C::UnknownRecipients, I::Irrecoverable, A::Full, true),
            6.0,
            Band::VeryHigh,
        ),
        // each EI level
        (4, E::Limited, NONE, 2.0, Band::Medium),
        (4, E::Significant, NONE, 3.0, Band::High),
        (4, E::Maximum, NONE, 4.0, Band::VeryHigh),
        // band edges: exactly 2, 3, 4 and just below
        (2, E::Maximum, NONE, 2.0, Band::Medium),
        (
            1,
            E::Maximum,
            cb(C::KnownRecipients, I::Recoverable, A::Temporary, false),
            1.75,
            Band::Low,
        ),
        (
            2,
            E::Maximum,
            cb(C::UnknownRecipients, I::Recoverable, A::Temporary, false),
            3.0,
            Band::High,
        ),
        (
            3,
            E::Maximum,
            cb(C::None, I::Irrecoverable, A::Full, false),
            4.0,
            Band::VeryHigh,
        ),
        (
            3,
            E::Significant,
            cb(C::UnknownRecipients, I::None, A::None, false),
            2.75,
            Band::Medium,
        ),
        (
            3,
            E::Maximum,
            cb(C::KnownRecipients, I::None, A::None, false),
            3.25,
            Band::High,
        ),
        (
            3,
            E::Maximum,
            cb(C::KnownRecipients, I::Recoverable, A::Temporary, false),
            3.75,
            Band::High,
        ),
        // each circumstance alone
        (
            1,
            E::Maximum,
            cb(C::KnownRecipients, I::None, A::None, false),
            1.25,
            Band::Low,
        ),
        (
            1,
            E::Maximum,
            cb(C::None, I::Irrecoverable, A::None, false),
            1.5,
            Band::Low,
        ),
        (
            1,
            E::Maximum,
            cb(C::None, I::None, A::Full, false),
            1.5,
            Band::Low,
        ),
        (
            1,
            E::Maximum,
            cb(C::None, I::None, A::None, true),
            1.5,
            Band::Low,
        ),
        // worked by hand: sensitive, fully identifiable, unknown recipients, malicious
        (
            4,
            E::Maximum,
            cb(C::UnknownRecipients, I::None, A::None, true),
            5.0,
            Band::VeryHigh,
        ),
    ];
    for (dpc, ease, circumstances, expected, expected_band) in cases {
        let se = severity(*dpc, *ease, circumstances);
        assert_eq!(se, *expected, "{dpc} {ease:?} {circumstances:?}");
        assert_eq!(band(se), *expected_band, "SE {se}");
    }
}

fn rec(notify_imy: bool, inform_data_subjects: bool, high_risk: bool) -> Recommendation {
    Recommendation {
        notify_imy,
        inform_data_subjects,
        high_risk,
    }
}

#[test]
fn recommendation_follows_the_band_and_the_exceptions() {
    assert_eq!(recommend(Band::Low, None, None), rec(false, false, false));
    assert_eq!(recommend(Band::Medium, None, None), rec(true, false, false));
    assert_eq!(recommend(Band::High, None, None), rec(true, true, true));
    assert_eq!(recommend(Band::VeryHigh, None, None), rec(true, true, true));
    assert_eq!(
        recommend(Band::High, Some(Art34Exception::Unintelligible), None),
        rec(true, false, true)
    );
    // No factor present: the band alone, as for an assessment made before the factors.
    assert_eq!(
        recommend(Band::Low, None, Some(&[])),
        rec(false, false, false)
    );
    assert_eq!(
        [Band::Low, Band::Medium, Band::High, Band::VeryHigh].map(imy_severity),
        [1, 2, 3, 4]
    );
    assert!(
        recommendation_text(rec(true, false, false), None, Lang::En).contains("GDPR Art. 33(1)")
    );
    assert!(
        recommendation_text(
            rec(true, false, true),
            Some(Art34Exception::DisproportionateEffort),
            Lang::Sv
        )
        .contains("allmänheten")
    );
}

#[test]
fn the_edpb_factors_move_the_recommendation() {
    use EdpbFactor::*;
    // Any factor: not "unlikely to result in a risk" (GDPR Art. 33(1)).
    for factor in [
        ManyDataSubjects,
        VulnerableDataSubjects,
        SpecialCategories,
        MaliciousAccess,
        NoProtection,
    ] {
        assert_eq!(
            recommend(Band::Low, None, Some(&[factor])),
            rec(true, false, false),
            "{factor:?}"
        );
    }
    // A factor pointing to a high risk: inform the data subjects (Art. 34(1)), unless an
    // Art. 34(3) exception applies, which a high risk allows.
    for factor in [
        SpecialCategoriesDisclosed,
        IdentityFraud,
        MaliciousExfiltration,
    ] {
        assert_eq!(
            recommend(Band::Low, None, Some(&[factor])),
            rec(true, true, true),
            "{factor:?}"
        );
        assert_eq!(
            recommend(
                Band::Medium,
                Some(Art34Exception::RiskRemoved),
                Some(&[factor])
            ),
            rec(true, false, true)
        );
    }
    // Unintelligible data, nothing lost: document only, even against other factors.
    assert_eq!(
        recommend(
            Band::VeryHigh,
            None,
            Some(&[ManyDataSubjects, IdentityFraud, Unintelligible])
        ),
        rec(false, false, true)
    );
    // Which factors moved it from the band's own recommendation.
    assert_eq!(
        moving_factors(Band::Medium, &[ManyDataSubjects, IdentityFraud]),
        [IdentityFraud]
    );
    assert_eq!(
        moving_factors(Band::Low, &[ManyDataSubjects, Unintelligible]),
        [Unintelligible],
        "the data unintelligible outweigh the number of people"
    );
    assert_eq!(
        moving_factors(Band::High, &[Unintelligible]),
        [Unintelligible]
    );
}

fn report(yaml: &str) -> crate::domain::model::Report {
    serde_saphyr::from_str(&format!(
        "id: 2026-0001\ntitle: t\ndiscovered: {{date: 2026-03-27}}\n{yaml}"
    ))
    .unwrap()
}

#[test]
fn the_factors_are_found_in_the_report_and_the_inputs() {
    use EdpbFactor::*;
    let flags = Flags::default();
    let known = cb(
        ConfidentialityLoss::KnownRecipients,
        IntegrityLoss::None,
        AvailabilityLoss::None,
        false,
    );
    let children = report(
        "breach_types: [confidentiality]\nsubject_groups: {keys: [children]}\n\
         data_categories: {keys: [health, personal_identity_number]}\nencrypted: false\n",
    );
    assert_eq!(
        find_factors(DataCategory::Simple, &known, &flags, &children),
        [
            VulnerableDataSubjects,
            SpecialCategoriesDisclosed,
            IdentityFraud
        ],
        "encryption would not have kept a misdirected letter from its known recipient"
    );
    let lost = report("breach_types: [availability]\ndata_categories: {keys: [health]}\n");
    assert_eq!(
        find_factors(DataCategory::Sensitive, &NONE, &flags, &lost),
        [SpecialCategories],
        "nothing disclosed: special categories, but no fraud"
    );
    let open = report("breach_types: [confidentiality]\nencrypted: false\n");
    let many = Flags {
        more_than_100_data_subjects: true,
        unintelligible: false,
    };
    assert_eq!(
        find_factors(DataCategory::Simple, &NONE, &many, &open),
        [ManyDataSubjects, NoProtection]
    );
    let hacked = cb(
        ConfidentialityLoss::UnknownRecipients,
        IntegrityLoss::None,
        AvailabilityLoss::None,
        true,
    );
    assert_eq!(
        find_factors(DataCategory::Financial, &hacked, &flags, &open),
        [IdentityFraud, MaliciousExfiltration, NoProtection]
    );
    let encrypted = Flags {
        more_than_100_data_subjects: false,
        unintelligible: true,
    };
    let gone = cb(
        ConfidentialityLoss::None,
        IntegrityLoss::None,
        AvailabilityLoss::Full,
        false,
    );
    let sealed = report("breach_types: [availability]\nencrypted: true\n");
    assert_eq!(
        find_factors(DataCategory::Simple, &NONE, &encrypted, &sealed),
        [Unintelligible]
    );
    assert_eq!(
        find_factors(DataCategory::Simple, &gone, &encrypted, &sealed),
        Vec::<EdpbFactor>::new(),
        "unintelligible does not lower when the data are lost"
    );
}

#[test]
fn the_reports_data_imply_the_highest_enisa_category() {
    let both = report("data_categories: {keys: [contact_details, health, financial]}\n");
    assert_eq!(
        report_category(&both),
        Some((DataCategory::Sensitive, vec!["health"]))
    );
    assert_eq!(
        category_below_report(DataCategory::Simple, &both).map(|(c, _)| c),
        Some(DataCategory::Sensitive)
    );
    assert_eq!(category_below_report(DataCategory::Sensitive, &both), None);
    assert_eq!(
        report_category(&report("data_categories: {keys: [other], comment: x}\n")),
        None
    );
    assert_eq!(
        enisa_category_of("location"),
        Some(DataCategory::Behavioural)
    );
    assert_eq!(
        enisa_category_of("personal_identity_number"),
        Some(DataCategory::Simple)
    );
}

#[test]
fn base_scores_are_enisas() {
    assert_eq!(
        DataCategory::ALL.map(DataCategory::base_score),
        [1, 2, 3, 4]
    );
}
