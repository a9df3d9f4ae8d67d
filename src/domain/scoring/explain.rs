//! An assessment explained (`incident assess --explain`): every factor, its value and why,
//! the arithmetic, the recommendation and the decision.

use super::{
    MALICIOUS_INTENT, band, circumstances_score, imy_severity, moving_factors, recommendation_of,
    recommendation_text, report_category, severity,
};
use crate::domain::Lang;
use crate::domain::labels::option_label;
use crate::domain::model::assessment::{Band, EdpbFactor};
use crate::domain::model::{Assessment, Report};

/// Every factor of an assessment, its value and why, and the arithmetic (`--explain`);
/// with the report, what its data imply for the category.
pub fn explain(assessment: &Assessment, report: Option<&Report>, lang: Lang) -> String {
    let t = |sv: &'static str, en: &'static str| lang.pick(sv, en);
    let n = |value: f64| lang.decimal(value);
    let yes_no = |value: bool| {
        if value {
            t("ja", "yes")
        } else {
            t("nej", "no")
        }
    };
    let context = &assessment.data_processing_context;
    let circumstances = &assessment.circumstances;
    let severity = severity(
        context.score,
        assessment.ease_of_identification,
        circumstances,
    );
    let band = band(severity);
    let mut out = String::new();
    out.push_str(t(
        "Riskbedömning enligt ENISA 2013 (SE = DPC × EI + CB), som EDPB:s riktlinjer 9/2022 hänvisar till\n",
        "Risk assessment by ENISA 2013 (SE = DPC × EI + CB), as the EDPB Guidelines 9/2022 point to\n",
    ));
    out.push_str(&format!(
        "  DPC  {} = {}\n       {}\n",
        t("sammanhang", "data processing context"),
        context.score,
        context.category.describe(lang)
    ));
    if context.score == context.category.base_score() {
        out.push_str(&format!(
            "       {} {}\n",
            t("grundvärde", "base score"),
            context.score
        ));
    } else {
        out.push_str(&format!(
            "       {} {} → {}: {}\n       {}: {}\n",
            t("justerad från grundvärdet", "adjusted from the base score"),
            context.category.base_score(),
            context.score,
            context.category.adjustment_trigger(context.score, lang),
            t("motivering", "justification"),
            context.justification.as_deref().unwrap_or("")
        ));
    }
    if let Some((implied, keys)) = report.and_then(report_category) {
        out.push_str(&format!(
            "       {}: {} → {} (ENISA 2013 §3.2: {})\n",
            t(
                "rapportens uppgifter (IMY fråga 26)",
                "the report's data (IMY question 26)"
            ),
            keys.iter()
                .map(|k| option_label(26, k, lang))
                .collect::<Vec<_>>()
                .join(", "),
            implied.label(lang),
            t(
                "den högsta berörda kategorin",
                "the highest category concerned"
            )
        ));
        if context.category < implied && context.score == context.category.base_score() {
            out.push_str(&format!(
                "       {}: {}\n",
                t(
                    "lägre kategori än rapportens, motivering",
                    "a lower category than the report's, justification"
                ),
                context.justification.as_deref().unwrap_or("")
            ));
        }
    }
    out.push_str(&format!(
        "  EI   {} = {}\n       {}\n",
        t("identifierbarhet", "ease of identification"),
        n(assessment.ease_of_identification.value()),
        assessment.ease_of_identification.describe(lang)
    ));
    out.push_str(&format!(
        "  CB   {} = {}\n",
        t("omständigheter", "circumstances of the breach"),
        n(circumstances_score(circumstances))
    ));
    for (value, component, level) in [
        (
            circumstances.confidentiality.value(),
            t("konfidentialitet", "confidentiality"),
            circumstances.confidentiality.describe(lang),
        ),
        (
            circumstances.integrity.value(),
            t("riktighet", "integrity"),
            circumstances.integrity.describe(lang),
        ),
        (
            circumstances.availability.value(),
            t("tillgänglighet", "availability"),
            circumstances.availability.describe(lang),
        ),
    ] {
        out.push_str(&format!("       +{}  {component}: {level}\n", n(value)));
    }
    out.push_str(&format!(
        "       +{}  {}: {}\n",
        n(if circumstances.malicious {
            MALICIOUS_INTENT
        } else {
            0.0
        }),
        t("uppsåt att skada", "malicious intent"),
        yes_no(circumstances.malicious)
    ));
    out.push_str(&format!(
        "  SE = {} × {} + {} = {} → {} (ENISA 2013 §3.2: {})\n",
        context.score,
        n(assessment.ease_of_identification.value()),
        n(circumstances_score(circumstances)),
        n(severity),
        band.label(lang),
        band_rule(band, lang)
    ));
    out.push_str(&format!(
        "  {}: {}; {}: {}\n",
        t("Fler än 100 registrerade", "More than 100 data subjects"),
        yes_no(assessment.flags.more_than_100_data_subjects),
        t("uppgifterna oläsbara", "data unintelligible"),
        yes_no(assessment.flags.unintelligible)
    ));
    out.push_str(&format!(
        "  {}: {}\n",
        t(
            "Allvarlighet för IMY (fråga 29)",
            "Severity for IMY (question 29)"
        ),
        imy_severity(band)
    ));
    explain_factors(&mut out, assessment, band, lang);
    if let (Some(stored), Some(report)) = (&assessment.edpb_factors, report) {
        let now = super::find_factors(context.category, circumstances, &assessment.flags, report);
        if *stored != now {
            let keys: Vec<&str> = now.iter().map(|f| f.key()).collect();
            out.push_str(&format!(
                "  {}: [{}]; {}\n",
                t(
                    "Rapporten har ändrats sedan bedömningen; faktorerna nu",
                    "The report has changed since the assessment; the factors now"
                ),
                keys.join(", "),
                t(
                    "bedöm risken igen (`incident assess`)",
                    "assess the risk again (`incident assess`)"
                )
            ));
        }
    }
    let decision = &assessment.decision;
    out.push_str(&format!(
        "{}: {}\n",
        t("Rekommendation", "Recommendation"),
        recommendation_text(recommendation_of(assessment), decision.exception, lang)
    ));
    out.push_str(&format!(
        "{}: {} {}; {} {}\n",
        t("Beslut", "Decision"),
        t("anmäla till IMY", "notify IMY"),
        yes_no(decision.notify_imy),
        t("informera de registrerade", "inform the data subjects"),
        yes_no(decision.inform_data_subjects)
    ));
    if let Some(reason) = &decision.departure_reason {
        out.push_str(&format!(
            "{}: {reason}\n",
            t(
                "Skäl att avvika från rekommendationen",
                "Why it departs from the recommendation"
            )
        ));
    }
    out.push_str(&format!(
        "{}: {}\n",
        t("Motivering", "Reasoning"),
        assessment.reasoning.trim()
    ));
    out
}

/// The EDPB factors weighed, what each does and whether it moved the recommendation.
fn explain_factors(out: &mut String, assessment: &Assessment, band: Band, lang: Lang) {
    let t = |sv: &'static str, en: &'static str| lang.pick(sv, en);
    let heading = t(
        "EDPB:s faktorer (riktlinjer 9/2022)",
        "EDPB factors (Guidelines 9/2022)",
    );
    let Some(factors) = &assessment.edpb_factors else {
        out.push_str(&format!(
            "{heading}: {}\n",
            t(
                "inte vägda (bedömd innan de vägdes in); rekommendationen följer ENISA-nivån",
                "not weighed (assessed before they were); the recommendation follows the ENISA band"
            )
        ));
        return;
    };
    if factors.is_empty() {
        out.push_str(&format!(
            "{heading}: {}\n",
            t(
                "inga finns; rekommendationen följer ENISA-nivån",
                "none present; the recommendation follows the ENISA band"
            )
        ));
        return;
    }
    out.push_str(&format!("{heading}:\n"));
    let moving = moving_factors(band, factors);
    let outweighed = factors.contains(&EdpbFactor::Unintelligible);
    for factor in factors {
        let moved = if moving.contains(factor) {
            t("flyttar rekommendationen", "moves the recommendation")
        } else if outweighed && *factor != EdpbFactor::Unintelligible {
            t(
                "vägs upp: uppgifterna är oläsbara",
                "outweighed: the data are unintelligible",
            )
        } else {
            t("ryms redan i nivån", "already within the band")
        };
        out.push_str(&format!(
            "  - {}\n    → {} ({moved})\n",
            factor.describe(lang),
            factor.effect_text(lang)
        ));
    }
}

fn band_rule(band: Band, lang: Lang) -> &'static str {
    match band {
        Band::Low => "SE < 2",
        Band::Medium => "2 ≤ SE < 3",
        Band::High => "3 ≤ SE < 4",
        Band::VeryHigh => lang.pick("SE ≥ 4", "SE ≥ 4"),
    }
}
