//! The ENISA formula, its bands and the recommendation over every component.

use super::*;
use crate::domain::Lang;
use crate::domain::model::assessment::{
    Art34Exception, AvailabilityLoss, ConfidentialityLoss, DataCategory, IntegrityLoss,
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

#[test]
fn recommendation_follows_the_band_and_the_exceptions() {
    assert_eq!(
        recommend(Band::Low, None),
        Recommendation {
            notify_imy: false,
            inform_data_subjects: false
        }
    );
    assert_eq!(
        recommend(Band::Medium, None),
        Recommendation {
            notify_imy: true,
            inform_data_subjects: false
        }
    );
    assert_eq!(
        recommend(Band::High, None),
        Recommendation {
            notify_imy: true,
            inform_data_subjects: true
        }
    );
    assert_eq!(
        recommend(Band::VeryHigh, None),
        Recommendation {
            notify_imy: true,
            inform_data_subjects: true
        }
    );
    assert_eq!(
        recommend(Band::High, Some(Art34Exception::Unintelligible)),
        Recommendation {
            notify_imy: true,
            inform_data_subjects: false
        }
    );
    assert_eq!(
        [Band::Low, Band::Medium, Band::High, Band::VeryHigh].map(imy_severity),
        [1, 2, 3, 4]
    );
    assert!(recommendation_text(Band::Medium, None, Lang::En).contains("GDPR Art. 33(1)"));
    assert!(
        recommendation_text(
            Band::High,
            Some(Art34Exception::DisproportionateEffort),
            Lang::Sv
        )
        .contains("allmänheten")
    );
}

#[test]
fn base_scores_are_enisas() {
    assert_eq!(
        DataCategory::ALL.map(DataCategory::base_score),
        [1, 2, 3, 4]
    );
}
