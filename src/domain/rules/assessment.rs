//! The rules of `assessment.yaml` (step C): inputs, score, band and decision agree.

use super::{Problem, non_empty};
use crate::domain::model::assessment::{Art34Exception, DataCategory, EdpbFactor};
use crate::domain::model::{Assessment, Report};
use crate::domain::scoring;

/// The assessment's inputs, score, band, EDPB factors and decision must agree (ENISA 2013;
/// EDPB Guidelines 9/2022; GDPR Art. 33(1), 34(1) and 34(3)), and with the report's facts
/// when the report is given; a number edited by hand is caught here.
pub fn check_assessment(assessment: &Assessment, report: Option<&Report>) -> Vec<Problem> {
    let mut problems = Vec::new();
    non_empty(&mut problems, "reasoning", &assessment.reasoning);
    non_empty(&mut problems, "assessed_by", &assessment.assessed_by);
    let context = &assessment.data_processing_context;
    let justified = context
        .justification
        .as_deref()
        .is_some_and(|j| !j.trim().is_empty());
    if context.score != context.category.base_score() && !justified {
        problems.push(Problem::new(
            "data_processing_context.justification",
            format!(
                "poängen {} skiljer sig från baspoängen {} för uppgifter av kategorin {}; ENISA 2013 kräver att justeringen motiveras skriftligt i data_processing_context.justification",
                context.score,
                context.category.base_score(),
                context.category.key()
            ),
            format!(
                "the score {} differs from the base score {} of {} data; ENISA 2013 asks for the adjustment to be justified in writing",
                context.score,
                context.category.base_score(),
                context.category.key()
            ),
        ));
    }
    // ENISA 2013 §3.2: the highest category concerned, and any change justified in writing.
    // `incident assess` demands the reason against the report of the moment. Here, on every
    // load, only what the report already showed when it was assessed counts (its special
    // categories, in the stored factors): a fact added to the report later must not lock
    // the incident (phased reporting, GDPR Art. 33(4)); `--explain` says to assess again.
    // Assessments recorded before this rule (no edpb_factors) are left as they were.
    let showed_special_categories = assessment.edpb_factors.as_ref().is_some_and(|stored| {
        stored.contains(&EdpbFactor::SpecialCategories)
            || stored.contains(&EdpbFactor::SpecialCategoriesDisclosed)
    });
    if let Some((implied, keys)) = report
        .filter(|_| showed_special_categories)
        .and_then(|r| scoring::category_below_report(context.category, r))
        .filter(|(implied, _)| *implied == DataCategory::Sensitive)
        && !justified
    {
        problems.push(Problem::new(
            "data_processing_context.justification",
            format!(
                "kategorin {} ligger under {}, som rapportens uppgifter ({}, IMY fråga 26) innebär; ENISA 2013 §3.2 och EDPB:s riktlinjer 9/2022 kräver den högsta berörda kategorin och ett skriftligt skäl för varje justering: skriv varför i data_processing_context.justification, eller sätt kategorin till {} och bedöm igen",
                context.category.key(),
                implied.key(),
                keys.join(", "),
                implied.key()
            ),
            format!(
                "the category {} is below {}, which the report's data ({}, IMY question 26) imply; ENISA 2013 §3.2 and EDPB Guidelines 9/2022 ask for the highest category concerned and a written reason for any adjustment: write why in data_processing_context.justification, or set the category to {} and assess again",
                context.category.key(),
                implied.key(),
                keys.join(", "),
                implied.key()
            ),
        ));
    }
    if let (Some(stored), Some(report)) = (&assessment.edpb_factors, report) {
        // Only the factors that follow from this file's own answers are checked: one that
        // follows from the report is what the report said when it was assessed, and a
        // later edit of the report must not lock the register (explain shows the change).
        let found = scoring::find_factors(
            context.category,
            &assessment.circumstances,
            &assessment.flags,
            report,
        );
        let differs: Vec<&str> = scoring::OWN_FACTORS
            .iter()
            .filter(|f| stored.contains(f) != found.contains(f))
            .map(|f| f.key())
            .collect();
        if !differs.is_empty() {
            problems.push(Problem::new(
                "edpb_factors",
                format!(
                    "{} stämmer inte med svaren i den här filen (flags, circumstances); EDPB-faktorerna (EDPB:s riktlinjer 9/2022) räknas fram och redigeras inte: ångra ändringen, eller kör `incident assess` igen",
                    differs.join(", ")
                ),
                format!(
                    "{} does not match the answers of this file (flags, circumstances); the EDPB factors (EDPB Guidelines 9/2022) are computed, not edited: undo the edit, or run `incident assess` again",
                    differs.join(", ")
                ),
            ));
        }
    }
    let severity = scoring::severity(
        context.score,
        assessment.ease_of_identification,
        &assessment.circumstances,
    );
    if assessment.severity_score != severity {
        problems.push(Problem::new(
            "severity_score",
            format!(
                "{} stämmer inte med underlaget: DPC × EI + CB = {} × {} + {} = {severity} (ENISA 2013); poängen räknas fram och redigeras inte (kör `incident assess` igen)",
                assessment.severity_score,
                context.score,
                assessment.ease_of_identification.value(),
                scoring::circumstances_score(&assessment.circumstances)
            ),
            format!(
                "{} does not match the inputs: DPC × EI + CB = {} × {} + {} = {severity} (ENISA 2013); the score is computed, not edited (run `incident assess` again)",
                assessment.severity_score,
                context.score,
                assessment.ease_of_identification.value(),
                scoring::circumstances_score(&assessment.circumstances)
            ),
        ));
    }
    let band = scoring::band(severity);
    if assessment.band != band {
        problems.push(Problem::new(
            "band",
            format!(
                "SE {severity} ligger i nivån {} (ENISA 2013 §3.2), inte {}",
                band.key(),
                assessment.band.key()
            ),
            format!(
                "SE {severity} is in the band {} (ENISA 2013 §3.2), not {}",
                band.key(),
                assessment.band.key()
            ),
        ));
    }
    let decision = &assessment.decision;
    let recommendation =
        scoring::recommend(band, decision.exception, assessment.edpb_factors.as_deref());
    if let Some(exception) = decision.exception {
        if !recommendation.high_risk {
            problems.push(Problem::new(
                "decision.exception",
                format!(
                    "undantaget `{}` i GDPR art. 34.3 gäller bara vid hög risk; nivån här är {} och ingen EDPB-faktor pekar på hög risk",
                    exception.key(),
                    band.key()
                ),
                format!(
                    "the GDPR Art. 34(3) exception `{}` only applies to a high risk; this band is {} and no EDPB factor points to a high risk",
                    exception.key(),
                    band.key()
                ),
            ));
        } else if exception == Art34Exception::Unintelligible && !assessment.flags.unintelligible {
            problems.push(Problem::new(
                "decision.exception",
                "undantaget i GDPR art. 34.3 a kräver att uppgifterna var obegripliga för obehöriga: sätt flags.unintelligible: true om de var det, eller välj ett annat undantag",
                "the GDPR Art. 34(3)(a) exception needs the data to be unintelligible to anyone not authorised: set flags.unintelligible: true if they were, or choose another exception",
            ));
        } else if decision.inform_data_subjects {
            problems.push(Problem::new(
                "decision.exception",
                "ett undantag enligt GDPR art. 34.3 är skälet att inte informera de registrerade; ta bort det eller sätt inform_data_subjects: false",
                "a GDPR Art. 34(3) exception is the reason not to inform the data subjects; remove it or set inform_data_subjects: false",
            ));
        }
    }
    let reason_given = decision
        .departure_reason
        .as_deref()
        .is_some_and(|r| !r.trim().is_empty());
    if scoring::departs(decision, recommendation) && !reason_given {
        let with_factors = assessment
            .edpb_factors
            .as_ref()
            .is_some_and(|f| !f.is_empty());
        let yes_no = |sv: bool| if sv { "ja" } else { "nej" };
        problems.push(Problem::new(
            "decision.departure_reason",
            format!(
                "beslutet avviker från rekommendationen för risknivån {}{} (anmäl till IMY, GDPR art. 33.1: {}; informera de registrerade, GDPR art. 34.1: {}); skriv varför",
                band.key(),
                if with_factors {
                    " och dess EDPB-faktorer (edpb_factors)"
                } else {
                    ""
                },
                yes_no(recommendation.notify_imy),
                yes_no(recommendation.inform_data_subjects)
            ),
            format!(
                "the decision departs from the recommendation for a {} risk{} (notify IMY, GDPR Art. 33(1): {}; inform the data subjects, GDPR Art. 34(1): {}); write why",
                band.key(),
                if with_factors {
                    " and its EDPB factors (edpb_factors)"
                } else {
                    ""
                },
                recommendation.notify_imy,
                recommendation.inform_data_subjects
            ),
        ));
    }
    problems
}
