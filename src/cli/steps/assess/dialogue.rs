//! The guided risk assessment: each ENISA factor with its own plain-language descriptions
//! of the levels, the running computation, then the recommendation and the decision.

use crate::cli::hints::processor_recommendation;
use crate::cli::prompt::Prompter;
use crate::cli::ui::Ui;
use crate::domain::Lang;
use crate::domain::draft::assessment::Scored;
use crate::domain::draft::{AssessmentDraft, ExceptionAnswer};
use crate::domain::incident::Incident;
use crate::domain::labels::option_label;
use crate::domain::model::assessment::{
    Art34Exception, AvailabilityLoss, ConfidentialityLoss, DataCategory, Decision,
    EaseOfIdentification, Flags, IntegrityLoss,
};
use crate::domain::model::report::Role;
use crate::domain::scoring::{self, Suggestions};
use crate::error::Result;

/// The guided assessment: each factor with ENISA's own descriptions of its levels, the
/// running computation, then the recommendation and the decision.
pub struct Dialogue<'a> {
    pub lang: Lang,
    pub ui: &'a Ui,
    pub suggestions: &'a Suggestions,
    pub assessor: &'a str,
}

impl Dialogue<'_> {
    fn t<'b>(&self, sv: &'b str, en: &'b str) -> &'b str {
        self.lang.pick(sv, en)
    }

    pub fn ask(
        &self,
        prompter: &mut dyn Prompter,
        draft: &mut AssessmentDraft,
        incident: &Incident,
    ) -> Result<()> {
        let lang = self.lang;
        let report = &incident.report;
        self.ui.say(&format!(
            "{} {} — {}",
            self.t("Riskbedömning (steg C) för", "Risk assessment (step C) of"),
            report.id,
            report.title
        ));
        self.ui.say(self.t(
            "Väg samman allvarlighet och sannolikhet (EDPB:s riktlinjer 9/2022): typ av incident, uppgifternas art och mängd, hur lätt personerna kan identifieras, konsekvensernas allvar, särskilt utsatta personer, antal berörda.",
            "Weigh severity and likelihood (EDPB Guidelines 9/2022): type of breach, nature and volume of the data, ease of identification, severity of consequences, vulnerable individuals, number affected.",
        ));
        if draft.data_processing_context.category.is_none() {
            let items: Vec<String> = DataCategory::ALL
                .iter()
                .map(|c| c.describe(lang).to_string())
                .collect();
            let default = DataCategory::ALL
                .iter()
                .position(|c| *c == self.suggestions.category)
                .unwrap_or(0);
            let index = prompter.select(
                self.t(
                    "Vilken är den känsligaste kategorin av uppgifter? (DPC)",
                    "Which is the most sensitive category of data? (DPC)",
                ),
                &items,
                default,
            )?;
            draft.data_processing_context.category = Some(DataCategory::ALL[index]);
        }
        let Some(category) = draft.data_processing_context.category else {
            return Ok(());
        };
        if draft.data_processing_context.score.is_none() {
            let scores = [1u8, 2, 3, 4];
            let items: Vec<String> = scores
                .into_iter()
                .map(|score| {
                    let marker = if score == category.base_score() {
                        self.t(" (grundvärde)", " (base score)")
                    } else {
                        ""
                    };
                    format!(
                        "{score}{marker}: {}",
                        category.adjustment_trigger(score, lang)
                    )
                })
                .collect();
            let suggested = self
                .suggestions
                .adjusted_score
                .filter(|_| category == self.suggestions.category);
            if let Some(score) = suggested {
                self.ui.say(&format!(
                    "{} {score}: {}",
                    self.t("Förslag:", "Suggested:"),
                    self.t(VULNERABLE_REASON.0, VULNERABLE_REASON.1)
                ));
            }
            let default = usize::from(suggested.unwrap_or(category.base_score()) - 1);
            let index = prompter.select(
                self.t(
                    "Poäng efter sammanhanget (ENISA tabell 1)",
                    "Score in context (ENISA Table 1)",
                ),
                &items,
                default,
            )?;
            draft.data_processing_context.score = Some(scores[index]);
        }
        let below = scoring::category_below_report(category, report);
        if let Some((implied, keys)) = &below {
            // ENISA 2013 §3.2: the highest category concerned; a lower one needs its reason.
            self.ui.say(&format!(
                "{} ({}) {} {}: {} ({})",
                self.t("Rapportens uppgifter", "The report's data"),
                keys.iter()
                    .map(|k| option_label(26, k, lang))
                    .collect::<Vec<_>>()
                    .join(", "),
                self.t("pekar på", "imply"),
                implied.label(lang),
                self.t(
                    "den högsta berörda kategorin gäller; en lägre kräver en skriftlig motivering",
                    "the highest category concerned applies; a lower one needs a written reason"
                ),
                self.t(
                    "ENISA 2013 §3.2; EDPB:s riktlinjer 9/2022",
                    "ENISA 2013 §3.2; EDPB Guidelines 9/2022"
                )
            ));
        }
        if (draft.data_processing_context.score != Some(category.base_score()) || below.is_some())
            && draft.data_processing_context.justification.is_none()
        {
            let prompt = if below.is_some() {
                self.t(
                    "Varför är kategorin lägre än rapportens uppgifter visar?",
                    "Why is the category lower than the report's data show?",
                )
            } else {
                self.t(
                    "Motivera justeringen av grundvärdet",
                    "Justify the adjustment of the base score",
                )
            };
            // The tool's own suggestion, taken, comes with its reason: offered, not retyped.
            let suggestion_taken = below.is_none()
                && self.suggestions.adjusted_score.is_some()
                && self.suggestions.category == category
                && draft.data_processing_context.score == self.suggestions.adjusted_score;
            let offered = suggestion_taken
                .then(|| capitalised(self.t(VULNERABLE_REASON.0, VULNERABLE_REASON.1)));
            draft.data_processing_context.justification =
                prompter.long_text(prompt, offered.as_deref(), true)?;
        }
        if draft.ease_of_identification.is_none() {
            let items: Vec<String> = EaseOfIdentification::ALL
                .iter()
                .map(|e| format!("{}: {}", lang.decimal(e.value()), e.describe(lang)))
                .collect();
            let index = prompter.select(
                self.t(
                    "Hur lätt kan personerna identifieras? (EI)",
                    "How easily can the individuals be identified? (EI)",
                ),
                &items,
                3,
            )?;
            draft.ease_of_identification = Some(EaseOfIdentification::ALL[index]);
        }
        if draft.circumstances.confidentiality.is_none() {
            let prompt = self.t("Förlust av konfidentialitet", "Loss of confidentiality");
            let suggested = self.suggestions.confidentiality;
            draft.circumstances.confidentiality = Some(choose_level(
                prompter,
                prompt,
                &ConfidentialityLoss::ALL,
                suggested,
                |c| c.describe(lang),
            )?);
        }
        if draft.circumstances.integrity.is_none() {
            let prompt = self.t("Förlust av riktighet", "Loss of integrity");
            let suggested = self.suggestions.integrity;
            draft.circumstances.integrity = Some(choose_level(
                prompter,
                prompt,
                &IntegrityLoss::ALL,
                suggested,
                |c| c.describe(lang),
            )?);
        }
        if draft.circumstances.availability.is_none() {
            let prompt = self.t("Förlust av tillgänglighet", "Loss of availability");
            let suggested = self.suggestions.availability;
            draft.circumstances.availability = Some(choose_level(
                prompter,
                prompt,
                &AvailabilityLoss::ALL,
                suggested,
                |c| c.describe(lang),
            )?);
        }
        if draft.circumstances.malicious.is_none() {
            draft.circumstances.malicious = Some(prompter.confirm(
                self.t(
                    "Skedde det med uppsåt att skada (t.ex. stöld, intrång, försäljning)?",
                    "Was it malicious (e.g. theft, hacking, selling the data)?",
                ),
                false,
            )?);
        }
        // The report says the data were not encrypted (IMY question 27): they are not
        // unintelligible, and the question would only invite a contradiction.
        if draft.flags.unintelligible.is_none() && report.encrypted == Some(false) {
            draft.flags.unintelligible = Some(false);
        }
        if draft.flags.unintelligible.is_none() {
            draft.flags.unintelligible = Some(prompter.confirm(
                self.t("Är uppgifterna oläsbara för obehöriga (t.ex. stark kryptering, nyckeln säker)?", "Are the data unintelligible to the unauthorised (e.g. strong encryption, key safe)?"),
                self.suggestions.unintelligible,
            )?);
        }
        let Some(Scored {
            score,
            ease,
            circumstances,
            severity,
            band,
            ..
        }) = draft.scored()
        else {
            return Ok(());
        };
        // The tool's own words and numbers only: styled as they are.
        self.ui.say_styled(&format!(
            "SE = {score} × {} + {} = {} → {}",
            lang.decimal(ease.value()),
            lang.decimal(scoring::circumstances_score(&circumstances)),
            lang.decimal(severity),
            self.ui.bold(band.label(lang))
        ));
        let flags = Flags {
            more_than_100_data_subjects: draft
                .flags
                .more_than_100_data_subjects
                .unwrap_or(self.suggestions.more_than_100),
            unintelligible: draft.flags.unintelligible.unwrap_or(false),
        };
        let factors = scoring::find_factors(category, &circumstances, &flags, report);
        let moving = scoring::moving_factors(band, &factors);
        for factor in &factors {
            let moved = if moving.contains(factor) {
                self.t(" (flyttar rekommendationen)", " (moves the recommendation)")
            } else {
                ""
            };
            self.ui.say(&format!(
                "{}: {} → {}{moved}",
                self.t("EDPB-faktor", "EDPB factor"),
                factor.describe(lang),
                factor.effect_text(lang)
            ));
        }
        let high_risk = scoring::recommend(band, None, Some(&factors)).high_risk;
        if draft.decision.exception.is_none() && high_risk {
            // Art. 34(3)(a) needs the data unintelligible: not offered to whoever said no.
            let offered: Vec<Art34Exception> = Art34Exception::ALL
                .into_iter()
                .filter(|e| *e != Art34Exception::Unintelligible || flags.unintelligible)
                .collect();
            let mut items = vec![
                self.t(
                    "Inget undantag: de registrerade ska informeras",
                    "No exception: the data subjects are to be informed",
                )
                .to_string(),
            ];
            items.extend(
                offered
                    .iter()
                    .map(|e| scoring::exception_text(*e, lang).to_string()),
            );
            let default = usize::from(flags.unintelligible);
            let index = prompter.select(
                self.t(
                    "Gäller ett undantag i GDPR art. 34.3?",
                    "Does a GDPR Art. 34(3) exception apply?",
                ),
                &items,
                default,
            )?;
            draft.decision.exception =
                Some(ExceptionAnswer(index.checked_sub(1).map(|i| offered[i])));
        }
        let exception = draft.exception();
        let recommendation = scoring::recommend(band, exception, Some(&factors));
        self.ui.say(&format!(
            "{}: {}",
            self.t("Rekommendation", "Recommendation"),
            scoring::recommendation_text(recommendation, exception, lang)
        ));
        if report.role == Role::Processor {
            let controller = report.controller.as_ref().map(|c| c.name.as_str());
            self.ui.say(&processor_recommendation(lang, controller));
        }
        if draft.decision.notify_imy.is_none() && draft.decision.inform_data_subjects.is_none() {
            let follow = prompter.confirm(
                self.t(
                    "Följer ni rekommendationen?",
                    "Do you follow the recommendation?",
                ),
                true,
            )?;
            if follow {
                draft.decision.notify_imy = Some(recommendation.notify_imy);
                draft.decision.inform_data_subjects = Some(recommendation.inform_data_subjects);
            } else {
                draft.decision.notify_imy = Some(prompter.confirm(
                    self.t("Anmäla till IMY?", "Notify IMY?"),
                    recommendation.notify_imy,
                )?);
                draft.decision.inform_data_subjects = Some(prompter.confirm(
                    self.t("Informera de registrerade?", "Inform the data subjects?"),
                    recommendation.inform_data_subjects,
                )?);
            }
        }
        let decision = Decision {
            notify_imy: draft
                .decision
                .notify_imy
                .unwrap_or(recommendation.notify_imy),
            inform_data_subjects: draft
                .decision
                .inform_data_subjects
                .unwrap_or(recommendation.inform_data_subjects),
            exception,
            departure_reason: None,
        };
        if scoring::departs(&decision, recommendation) && draft.decision.departure_reason.is_none()
        {
            draft.decision.departure_reason = prompter.long_text(
                self.t(
                    "Varför avviker beslutet från rekommendationen?",
                    "Why does the decision depart from the recommendation?",
                ),
                None,
                true,
            )?;
        }
        if draft.reasoning.is_none() {
            draft.reasoning = prompter.long_text(
                self.t(
                    "Motivering till ställningstagandet (obligatorisk)",
                    "Reasoning for the decision (mandatory)",
                ),
                None,
                true,
            )?;
        }
        if draft.assessed_by.is_none() {
            draft.assessed_by = prompter.text(
                self.t("Vem gjorde bedömningen?", "Who made the assessment?"),
                Some(self.assessor),
                false,
                &|_| Ok(()),
            )?;
        }
        Ok(())
    }
}

/// Asks for one of ENISA's levels, each shown with its description, the suggestion first
/// selected.
fn choose_level<T: Copy + PartialEq>(
    prompter: &mut dyn Prompter,
    prompt: &str,
    levels: &[T],
    suggested: T,
    describe: impl Fn(T) -> &'static str,
) -> Result<T> {
    let items: Vec<String> = levels
        .iter()
        .map(|level| describe(*level).to_string())
        .collect();
    let default = levels
        .iter()
        .position(|level| *level == suggested)
        .unwrap_or(0);
    Ok(levels[prompter.select(prompt, &items, default)?])
}

/// Why the score in context is raised when children or vulnerable persons are among the
/// data subjects (Swedish, English).
const VULNERABLE_REASON: (&str, &str) = (
    "barn eller särskilt utsatta personer finns bland de registrerade (EDPB:s riktlinjer 9/2022; ENISA 2013 bilaga A2)",
    "children or vulnerable persons are among the data subjects (EDPB Guidelines 9/2022; ENISA 2013 Annex A2)",
);

/// A sentence of its own: the first letter in capitals.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}
