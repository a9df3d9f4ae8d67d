//! What the law asks given the ENISA band and the EDPB's factors (GDPR Art. 33(1), 33(5),
//! 34(1) and 34(3)), in words, and whether a decision departs from it.

use super::weighing::Effect;
use crate::domain::Lang;
use crate::domain::model::Assessment;
use crate::domain::model::assessment::{Art34Exception, Band, Decision, EdpbFactor};

/// What the law asks, given the band and the factors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recommendation {
    /// GDPR Art. 33(1): notify unless the breach is unlikely to result in a risk.
    pub notify_imy: bool,
    /// GDPR Art. 34(1): inform the data subjects when the risk is high, unless an
    /// Art. 34(3) exception applies.
    pub inform_data_subjects: bool,
    /// The risk is high (band high or very high, or a factor pointing to a high risk):
    /// where an Art. 34(3) exception can apply.
    pub high_risk: bool,
}

/// The recommendation. By the ENISA band: low → document only (Art. 33(5)); medium →
/// notify IMY (Art. 33(1)); high and very high → notify IMY and inform the data subjects
/// (Art. 34(1)), unless an Art. 34(3) exception applies. The EDPB's factors (`factors`;
/// `None` for an assessment made before they were weighed) then move it: "unlikely to
/// result in a risk" only when no factor is present, a high risk when a factor points to
/// one, and document only when the data were unintelligible and nothing was lost or
/// altered (the other factors then concern data nobody can read).
pub fn recommend(
    band: Band,
    exception: Option<Art34Exception>,
    factors: Option<&[EdpbFactor]>,
) -> Recommendation {
    let factors = factors.unwrap_or_default();
    let has = |effect: Effect| factors.iter().any(|f| f.effect() == effect);
    let high_risk = band >= Band::High || has(Effect::HighRisk);
    if has(Effect::Lowers) {
        return Recommendation {
            notify_imy: false,
            inform_data_subjects: false,
            high_risk,
        };
    }
    Recommendation {
        notify_imy: band >= Band::Medium || high_risk || has(Effect::Risk),
        inform_data_subjects: high_risk && exception.is_none(),
        high_risk,
    }
}

/// The recommendation a recorded assessment's band, exception and factors give.
pub fn recommendation_of(assessment: &Assessment) -> Recommendation {
    recommend(
        assessment.band,
        assessment.decision.exception,
        assessment.edpb_factors.as_deref(),
    )
}

/// The factors that move the recommendation away from what the band alone gives; the
/// raising ones do not when the data were unintelligible, which outweighs them.
pub fn moving_factors(band: Band, factors: &[EdpbFactor]) -> Vec<EdpbFactor> {
    let lowers = factors.iter().any(|f| f.effect() == Effect::Lowers);
    let raising: Vec<EdpbFactor> = factors
        .iter()
        .copied()
        .filter(|f| f.effect() != Effect::Lowers)
        .collect();
    let without = recommend(band, None, Some(&raising));
    factors
        .iter()
        .copied()
        .filter(|f| match f.effect() {
            Effect::Risk => !lowers && band == Band::Low,
            Effect::HighRisk => !lowers && band < Band::High,
            Effect::Lowers => without.notify_imy,
        })
        .collect()
}

/// The recommendation in words, with the rule it comes from.
pub fn recommendation_text(
    recommendation: Recommendation,
    exception: Option<Art34Exception>,
    lang: Lang,
) -> String {
    let Recommendation {
        notify_imy,
        inform_data_subjects,
        high_risk,
    } = recommendation;
    match (notify_imy, inform_data_subjects, exception) {
        (false, _, _) => lang
            .pick(
                "Dokumentera incidenten; anmälan till IMY krävs inte, då incidenten sannolikt inte medför en risk (GDPR art. 33.1, 33.5)",
                "Document the breach; notifying IMY is not required as it is unlikely to result in a risk (GDPR Art. 33(1), 33(5))",
            )
            .to_string(),
        (true, true, _) => lang
            .pick(
                "Anmäl till IMY inom 72 timmar (GDPR art. 33.1) och informera de registrerade utan onödigt dröjsmål (art. 34.1)",
                "Notify IMY within 72 hours (GDPR Art. 33(1)) and inform the data subjects without undue delay (Art. 34(1))",
            )
            .to_string(),
        (true, false, Some(exception)) if high_risk => format!(
            "{} ({})",
            lang.pick(
                "Anmäl till IMY inom 72 timmar (GDPR art. 33.1); de registrerade behöver inte informeras enskilt",
                "Notify IMY within 72 hours (GDPR Art. 33(1)); the data subjects need not be informed individually",
            ),
            exception_text(exception, lang)
        ),
        (true, false, _) => lang
            .pick(
                "Anmäl till IMY inom 72 timmar från vetskapen, upptäckten om ingen senare vetskap anges (GDPR art. 33.1)",
                "Notify IMY within 72 hours of becoming aware, the discovery unless a later awareness is given (GDPR Art. 33(1))",
            )
            .to_string(),
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
