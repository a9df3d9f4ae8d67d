//! What the law asks given the band (GDPR Art. 33(1), 33(5), 34(1) and 34(3)), in words,
//! and whether a decision departs from it.

use crate::domain::Lang;
use crate::domain::model::assessment::{Art34Exception, Band, Decision};

/// What the law asks, given the band.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recommendation {
    /// GDPR Art. 33(1): notify unless the breach is unlikely to result in a risk.
    pub notify_imy: bool,
    /// GDPR Art. 34(1): inform the data subjects when the risk is high, unless an
    /// Art. 34(3) exception applies.
    pub inform_data_subjects: bool,
}

/// The recommendation: low → document only (Art. 33(5)); medium → notify IMY
/// (Art. 33(1)); high and very high → notify IMY and inform the data subjects (Art. 34(1)),
/// unless an Art. 34(3) exception applies.
pub fn recommend(band: Band, exception: Option<Art34Exception>) -> Recommendation {
    match band {
        Band::Low => Recommendation {
            notify_imy: false,
            inform_data_subjects: false,
        },
        Band::Medium => Recommendation {
            notify_imy: true,
            inform_data_subjects: false,
        },
        Band::High | Band::VeryHigh => Recommendation {
            notify_imy: true,
            inform_data_subjects: exception.is_none(),
        },
    }
}

/// The recommendation in words, with the rule it comes from.
pub fn recommendation_text(band: Band, exception: Option<Art34Exception>, lang: Lang) -> String {
    match (band, exception) {
        (Band::Low, _) => lang
            .pick(
                "Dokumentera incidenten; anmälan till IMY krävs inte, då incidenten sannolikt inte medför en risk (GDPR art. 33.1, 33.5)",
                "Document the breach; notifying IMY is not required as it is unlikely to result in a risk (GDPR Art. 33(1), 33(5))",
            )
            .to_string(),
        (Band::Medium, _) => lang
            .pick(
                "Anmäl till IMY inom 72 timmar från upptäckten (GDPR art. 33.1)",
                "Notify IMY within 72 hours of discovery (GDPR Art. 33(1))",
            )
            .to_string(),
        (_, None) => lang
            .pick(
                "Anmäl till IMY inom 72 timmar (GDPR art. 33.1) och informera de registrerade utan onödigt dröjsmål (art. 34.1)",
                "Notify IMY within 72 hours (GDPR Art. 33(1)) and inform the data subjects without undue delay (Art. 34(1))",
            )
            .to_string(),
        (_, Some(exception)) => format!(
            "{} ({})",
            lang.pick(
                "Anmäl till IMY inom 72 timmar (GDPR art. 33.1); de registrerade behöver inte informeras enskilt",
                "Notify IMY within 72 hours (GDPR Art. 33(1)); the data subjects need not be informed individually",
            ),
            exception_text(exception, lang)
        ),
    }
}

/// GDPR Art. 34(3)'s exceptions in words.
pub fn exception_text(exception: Art34Exception, lang: Lang) -> &'static str {
    match exception {
        Art34Exception::Unintelligible => lang.pick(
            "art. 34.3 a: uppgifterna är oläsbara för obehöriga, t.ex. genom kryptering",
            "Art. 34(3)(a): the data are unintelligible to anyone not authorised, e.g. encrypted",
        ),
        Art34Exception::RiskRemoved => lang.pick(
            "art. 34.3 b: vidtagna åtgärder gör att den höga risken sannolikt inte längre realiseras",
            "Art. 34(3)(b): subsequent measures ensure the high risk is no longer likely to materialise",
        ),
        Art34Exception::DisproportionateEffort => lang.pick(
            "art. 34.3 c: oproportionell ansträngning; allmänheten informeras i stället",
            "Art. 34(3)(c): disproportionate effort; a public communication is made instead",
        ),
    }
}

impl Art34Exception {
    pub const ALL: [Art34Exception; 3] = [
        Art34Exception::Unintelligible,
        Art34Exception::RiskRemoved,
        Art34Exception::DisproportionateEffort,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Art34Exception::Unintelligible => "unintelligible",
            Art34Exception::RiskRemoved => "risk_removed",
            Art34Exception::DisproportionateEffort => "disproportionate_effort",
        }
    }
}

/// Whether a decision departs from the recommendation.
pub fn departs(decision: &Decision, recommendation: Recommendation) -> bool {
    decision.notify_imy != recommendation.notify_imy
        || decision.inform_data_subjects != recommendation.inform_data_subjects
}
