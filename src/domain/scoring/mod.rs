//! The severity of a breach by the ENISA method ("Recommendations for a methodology of the
//! assessment of severity of personal data breaches", ENISA 2013), which the EDPB
//! Guidelines 9/2022 point to: SE = DPC × EI + CB, its bands, and the recommendation that
//! follows from GDPR Art. 33(1) and 34(1)–(3). Pure functions; every rule names its source.
//! This file holds the formula; the factors, the recommendation, the suggestions from the
//! report and the explanation live beside it.

#[cfg(test)]
mod edpb_cases;
mod explain;
mod factors;
mod recommendation;
mod suggest;
#[cfg(test)]
mod tests;
mod weighing;

pub use explain::explain;
pub use recommendation::{
    Recommendation, departs, exception_text, moving_factors, recommend, recommendation_of,
    recommendation_text,
};
pub use suggest::{
    Suggestions, category_below_report, enisa_category_of, report_category, suggest,
};
pub use weighing::{Effect, OWN_FACTORS, find_factors};

use super::model::assessment::{Band, Circumstances, EaseOfIdentification};

/// ENISA 2013 Annex 3: malicious intent adds 0.5.
pub const MALICIOUS_INTENT: f64 = 0.5;

/// CB, the Circumstances of the Breach: the sum of its elements (ENISA 2013 §3.1.3).
pub fn circumstances_score(circumstances: &Circumstances) -> f64 {
    circumstances.confidentiality.value()
        + circumstances.integrity.value()
        + circumstances.availability.value()
        + if circumstances.malicious {
            MALICIOUS_INTENT
        } else {
            0.0
        }
}

/// SE = DPC × EI + CB (ENISA 2013 §3.1). All values are multiples of 1/16, so the result
/// is exact in floating point.
pub fn severity(dpc_score: u8, ease: EaseOfIdentification, circumstances: &Circumstances) -> f64 {
    f64::from(dpc_score) * ease.value() + circumstances_score(circumstances)
}

/// ENISA 2013 §3.2: low SE < 2, medium 2 ≤ SE < 3, high 3 ≤ SE < 4, very high SE ≥ 4.
pub fn band(severity: f64) -> Band {
    if severity < 2.0 {
        Band::Low
    } else if severity < 3.0 {
        Band::Medium
    } else if severity < 4.0 {
        Band::High
    } else {
        Band::VeryHigh
    }
}

/// IMY question 29's scale 1–4 from the band (low 1, medium 2, high 3, very high 4).
pub fn imy_severity(band: Band) -> u8 {
    match band {
        Band::Low => 1,
        Band::Medium => 2,
        Band::High => 3,
        Band::VeryHigh => 4,
    }
}
