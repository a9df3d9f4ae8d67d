//! `incident assess <id>`: the risk assessment of step C on the ENISA 2013 method, with
//! the recommendation that follows from GDPR Art. 33 and 34, the people's decision and
//! its written reasoning. Flags, `--from FILE`, or a guided dialogue for every answer.

use std::path::PathBuf;

use serde::Deserialize;

use crate::cli::new::{next_hint, parse_yes_no};
use crate::cli::prompt::{Prompter, TerminalPrompter};
use crate::cli::ui::Ui;
use crate::cli::{Context, Opened};
use crate::domain::Lang;
use crate::domain::incident::Incident;
use crate::domain::model::assessment::{
    Art34Exception, AvailabilityLoss, Circumstances, ConfidentialityLoss, DataCategory,
    DataProcessingContext, Decision, EaseOfIdentification, Flags, IntegrityLoss,
};
use crate::domain::model::{Assessment, SCHEMA_VERSION};
use crate::domain::scoring::{self, Suggestions};
use crate::domain::steps::next_step;
use crate::error::{Error, Result};
use crate::store::files::{self, FileKind};

#[derive(Debug, Default, clap::Args)]
pub struct AssessArgs {
    /// The incident id, YYYY-NNNN
    pub id: String,
    /// Read answers from a partial assessment.yaml; flags override it
    #[arg(long, value_name = "FILE")]
    pub from: Option<PathBuf>,
    /// ENISA data category: simple (1), behavioural (2), financial (3), sensitive (4)
    #[arg(long, value_name = "CATEGORY", value_parser = parse_key::<DataCategory>)]
    pub category: Option<DataCategory>,
    /// The data processing context score 1–4 after adjustment [default: the category's base score]
    #[arg(long, value_name = "1-4", value_parser = clap::value_parser!(u8).range(1..=4))]
    pub dpc_score: Option<u8>,
    /// Why the score differs from the base score (required when it does; ENISA 2013)
    #[arg(long, value_name = "TEXT")]
    pub dpc_justification: Option<String>,
    /// Ease of identification: negligible, limited, significant, maximum
    #[arg(long, value_name = "LEVEL", value_parser = parse_key::<EaseOfIdentification>)]
    pub ease: Option<EaseOfIdentification>,
    /// Loss of confidentiality: none, known_recipients, unknown_recipients
    #[arg(long, value_name = "LEVEL", value_parser = parse_key::<ConfidentialityLoss>)]
    pub confidentiality: Option<ConfidentialityLoss>,
    /// Loss of integrity: none, recoverable, irrecoverable
    #[arg(long, value_name = "LEVEL", value_parser = parse_key::<IntegrityLoss>)]
    pub integrity: Option<IntegrityLoss>,
    /// Loss of availability: none, temporary, full
    #[arg(long, value_name = "LEVEL", value_parser = parse_key::<AvailabilityLoss>)]
    pub availability: Option<AvailabilityLoss>,
    /// Malicious intent, yes or no [default: no]
    #[arg(long, value_name = "YES|NO", value_parser = parse_yes_no)]
    pub malicious: Option<bool>,
    /// The data are unintelligible to anyone not authorised (e.g. encrypted, key safe) [default: no]
    #[arg(long, value_name = "YES|NO", value_parser = parse_yes_no)]
    pub unintelligible: Option<bool>,
    /// More than 100 data subjects [default: from the report's count]
    #[arg(long, value_name = "YES|NO", value_parser = parse_yes_no)]
    pub more_than_100: Option<bool>,
    /// GDPR Art. 34(3) exception: unintelligible (a), risk_removed (b), disproportionate_effort (c), or none
    #[arg(long, value_name = "EXCEPTION", value_parser = parse_exception)]
    pub exception: Option<ExceptionChoice>,
    /// Decision: notify IMY, yes or no [default: the recommendation]
    #[arg(long, value_name = "YES|NO", value_parser = parse_yes_no)]
    pub notify_imy: Option<bool>,
    /// Decision: inform the data subjects, yes or no [default: the recommendation]
    #[arg(long, value_name = "YES|NO", value_parser = parse_yes_no)]
    pub inform: Option<bool>,
    /// Why the decision departs from the recommendation (required when it does)
    #[arg(long, value_name = "TEXT")]
    pub departure_reason: Option<String>,
    /// The reasoning for the decision (motivering; mandatory)
    #[arg(long, value_name = "TEXT")]
    pub reasoning: Option<String>,
    /// Who made the assessment [default: the journal's author]
    #[arg(long, value_name = "NAMES")]
    pub assessed_by: Option<String>,
    /// Print every factor, its value, why, and the arithmetic (alone: explain the stored assessment)
    #[arg(long)]
    pub explain: bool,
}

fn parse_key<T: for<'de> Deserialize<'de>>(text: &str) -> Result<T, String> {
    serde_json::from_value(serde_json::Value::String(text.trim().to_string()))
        .map_err(|_| format!("`{text}` is not one of the allowed values (see --help)"))
}

/// An Art. 34(3) exception chosen on the command line, or explicitly none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExceptionChoice(pub Option<Art34Exception>);

fn parse_exception(text: &str) -> Result<ExceptionChoice, String> {
    match text.trim() {
        "none" | "" => Ok(ExceptionChoice(None)),
        other => parse_key(other).map(|e| ExceptionChoice(Some(e))),
    }
}

/// A partial assessment.yaml for `--from`: every field may be missing.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct AssessmentDraft {
    schema_version: Option<u32>,
    assessed_at: Option<String>,
    assessed_by: Option<String>,
    data_processing_context: Option<ContextDraft>,
    ease_of_identification: Option<EaseOfIdentification>,
    circumstances: Option<CircumstancesDraft>,
    flags: Option<FlagsDraft>,
    severity_score: Option<f64>,
    band: Option<String>,
    decision: Option<DecisionDraft>,
    reasoning: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct ContextDraft {
    category: Option<DataCategory>,
    score: Option<u8>,
    justification: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct CircumstancesDraft {
    confidentiality: Option<ConfidentialityLoss>,
    integrity: Option<IntegrityLoss>,
    availability: Option<AvailabilityLoss>,
    malicious: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct FlagsDraft {
    more_than_100_data_subjects: Option<bool>,
    unintelligible: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct DecisionDraft {
    notify_imy: Option<bool>,
    inform_data_subjects: Option<bool>,
    exception: Option<Art34Exception>,
    departure_reason: Option<String>,
}

fn read_draft(path: &std::path::Path) -> Result<AssessmentDraft> {
    let draft: AssessmentDraft = files::read_partial(path)?;
    // Computed fields in the file are recomputed; they are read only so that a copy of a
    // stored assessment.yaml is accepted.
    let _ = (
        &draft.schema_version,
        &draft.assessed_at,
        &draft.severity_score,
        &draft.band,
    );
    Ok(draft)
}

fn overlay<T>(flag: Option<T>, file: Option<T>) -> Option<T> {
    flag.or(file)
}

/// The answers gathered from the file and the flags.
#[derive(Debug, Default)]
struct Answers {
    category: Option<DataCategory>,
    dpc_score: Option<u8>,
    justification: Option<String>,
    ease: Option<EaseOfIdentification>,
    confidentiality: Option<ConfidentialityLoss>,
    integrity: Option<IntegrityLoss>,
    availability: Option<AvailabilityLoss>,
    malicious: Option<bool>,
    unintelligible: Option<bool>,
    more_than_100: Option<bool>,
    exception: Option<Option<Art34Exception>>,
    notify_imy: Option<bool>,
    inform: Option<bool>,
    departure_reason: Option<String>,
    reasoning: Option<String>,
    assessed_by: Option<String>,
}

impl Answers {
    fn gather(args: &AssessArgs, draft: AssessmentDraft) -> Answers {
        let context = draft.data_processing_context.unwrap_or_default();
        let circumstances = draft.circumstances.unwrap_or_default();
        let flags = draft.flags.unwrap_or_default();
        let decision = draft.decision;
        let has_decision = decision.is_some();
        let decision = decision.unwrap_or_default();
        Answers {
            category: overlay(args.category, context.category),
            dpc_score: overlay(args.dpc_score, context.score),
            justification: overlay(args.dpc_justification.clone(), context.justification),
            ease: overlay(args.ease, draft.ease_of_identification),
            confidentiality: overlay(args.confidentiality, circumstances.confidentiality),
            integrity: overlay(args.integrity, circumstances.integrity),
            availability: overlay(args.availability, circumstances.availability),
            malicious: overlay(args.malicious, circumstances.malicious),
            unintelligible: overlay(args.unintelligible, flags.unintelligible),
            more_than_100: overlay(args.more_than_100, flags.more_than_100_data_subjects),
            exception: overlay(
                args.exception.map(|e| e.0),
                has_decision.then_some(decision.exception),
            ),
            notify_imy: overlay(args.notify_imy, decision.notify_imy),
            inform: overlay(args.inform, decision.inform_data_subjects),
            departure_reason: overlay(args.departure_reason.clone(), decision.departure_reason),
            reasoning: overlay(args.reasoning.clone(), draft.reasoning),
            assessed_by: overlay(args.assessed_by.clone(), draft.assessed_by),
        }
    }

    /// The answers in the layout of assessment.yaml, for `--from` (unanswered fields left out).
    fn as_draft(&self) -> serde_json::Value {
        fn prune(value: serde_json::Value) -> serde_json::Value {
            match value {
                serde_json::Value::Object(map) => serde_json::Value::Object(
                    map.into_iter()
                        .map(|(k, v)| (k, prune(v)))
                        .filter(|(_, v)| {
                            !v.is_null() && v.as_object().is_none_or(|o| !o.is_empty())
                        })
                        .collect(),
                ),
                other => other,
            }
        }
        prune(serde_json::json!({
            "assessed_by": self.assessed_by,
            "data_processing_context": {
                "category": self.category,
                "score": self.dpc_score,
                "justification": self.justification,
            },
            "ease_of_identification": self.ease,
            "circumstances": {
                "confidentiality": self.confidentiality,
                "integrity": self.integrity,
                "availability": self.availability,
                "malicious": self.malicious,
            },
            "flags": {
                "more_than_100_data_subjects": self.more_than_100,
                "unintelligible": self.unintelligible,
            },
            "decision": {
                "notify_imy": self.notify_imy,
                "inform_data_subjects": self.inform,
                "exception": self.exception.flatten(),
                "departure_reason": self.departure_reason,
            },
            "reasoning": self.reasoning,
        }))
    }

    fn is_empty(&self) -> bool {
        self.as_draft()
            .as_object()
            .is_none_or(|fields| fields.is_empty())
    }

    fn missing(&self, suggestions: &Suggestions) -> Vec<(String, String)> {
        let mut missing = Vec::new();
        let mut need = |absent: bool, flag: &str, what: String| {
            if absent {
                missing.push((flag.to_string(), what));
            }
        };
        need(
            self.category.is_none(),
            "--category CATEGORY",
            format!(
                "ENISA data category (the report suggests {})",
                suggestions.category.key()
            ),
        );
        need(
            self.ease.is_none(),
            "--ease LEVEL",
            "ease of identification: negligible, limited, significant, maximum".into(),
        );
        need(
            self.confidentiality.is_none(),
            "--confidentiality LEVEL",
            format!(
                "loss of confidentiality (the report suggests {})",
                suggestions.confidentiality.key()
            ),
        );
        need(
            self.integrity.is_none(),
            "--integrity LEVEL",
            format!(
                "loss of integrity (the report suggests {})",
                suggestions.integrity.key()
            ),
        );
        need(
            self.availability.is_none(),
            "--availability LEVEL",
            format!(
                "loss of availability (the report suggests {})",
                suggestions.availability.key()
            ),
        );
        need(
            self.reasoning.is_none(),
            "--reasoning TEXT",
            "the reasoning for the decision (motivering), mandatory".into(),
        );
        missing
    }
}

pub fn run(context: &Context, args: AssessArgs) -> Result<i32> {
    let Opened {
        mut register,
        ui,
        id,
        incident,
    } = context.open_incident_to_change(&args.id)?;
    let lang = ui.lang;
    let draft = match &args.from {
        Some(path) => read_draft(path)?,
        None => AssessmentDraft::default(),
    };
    let mut answers = Answers::gather(&args, draft);
    if args.explain && answers.is_empty() && args.from.is_none() {
        if let Some(assessment) = &incident.assessment {
            ui.out(&scoring::explain(assessment, lang));
            return Ok(0);
        }
        if !context.interactive {
            return Err(Error::Refused {
                message: format!(
                    "{id} has no risk assessment yet to explain\n  hint: assess it with `incident assess {id}`"
                ),
            });
        }
    }
    register.require_journal()?;
    let stamp = context.stamp(Some(&register))?;
    context.before_prompting(&register, Some(&id))?;
    let suggestions = scoring::suggest(&incident.report);
    if context.interactive {
        let mut prompter = TerminalPrompter::new(lang);
        Dialogue {
            lang,
            ui: &ui,
            suggestions: &suggestions,
            assessor: &stamp.author.name,
        }
        .ask(&mut prompter, &mut answers, &incident)?;
    }
    let interactive_answers = context.interactive.then(|| answers.as_draft());
    let result = record_assessment(
        context,
        &mut register,
        &ui,
        &incident,
        &id,
        answers,
        &suggestions,
        &stamp,
        args.explain,
    );
    if let (Err(_), Some(draft)) = (&result, interactive_answers) {
        super::save_draft(
            &ui,
            &register.root,
            &format!("assess {id}"),
            &draft,
            context,
        );
    }
    result
}

#[allow(clippy::too_many_arguments)]
fn record_assessment(
    context: &Context,
    register: &mut crate::store::Register,
    ui: &Ui,
    incident: &Incident,
    id: &crate::domain::IncidentId,
    answers: Answers,
    suggestions: &Suggestions,
    stamp: &crate::store::register::Stamp,
    explain: bool,
) -> Result<i32> {
    let lang = ui.lang;
    let missing = answers.missing(suggestions);
    if !missing.is_empty() {
        return Err(Error::MissingAnswers {
            command: format!("assess {id}"),
            missing,
            from_file: true,
        });
    }
    let previous = incident.assessment.as_ref();
    let assessment = build(
        answers,
        suggestions,
        previous,
        stamp.author.name.clone(),
        stamp.when,
    )?;
    let text = super::render_incident_file(id, FileKind::Assessment, &assessment)?;
    let verb = if incident.assessment.is_some() {
        "risk re-assessed"
    } else {
        "risk assessed"
    };
    let subject = format!(
        "{verb}: {} (SE {}), {}",
        assessment.band.label(Lang::En),
        scoring::number(assessment.severity_score, Lang::En),
        scoring::decision_summary(&assessment.decision)
    );
    let severity = format!(
        "{} (IMY {})",
        assessment.band.key(),
        scoring::imy_severity(assessment.band)
    );
    let entry = super::Entry {
        subject,
        body: Some(assessment.reasoning.trim().to_string()),
        steps: &["C"],
        trailers: vec![("Severity".into(), severity)],
    };
    super::commit_incident(
        register,
        ui,
        stamp,
        id,
        vec![(FileKind::Assessment, Some(text))],
        entry,
    )?;
    if explain {
        ui.out(&scoring::explain(&assessment, lang));
    }
    let recommendation = scoring::recommend(assessment.band, assessment.decision.exception);
    if scoring::departs(&assessment.decision, recommendation) {
        let yes_no = |v: bool| {
            if v {
                ui.t("ja", "yes")
            } else {
                ui.t("nej", "no")
            }
        };
        ui.say(&format!(
            "{}: {} {}; {} {} ({})",
            ui.t("Beslut", "Decision"),
            ui.t("anmäla till IMY", "notify IMY"),
            yes_no(assessment.decision.notify_imy),
            ui.t("informera de registrerade", "inform the data subjects"),
            yes_no(assessment.decision.inform_data_subjects),
            ui.t(
                "avviker från rekommendationen, med skäl",
                "departs from the recommendation, with its reason"
            )
        ));
    } else {
        ui.say(&format!(
            "{}: {}",
            ui.t("Beslut enligt rekommendationen", "Decision as recommended"),
            scoring::recommendation_text(assessment.band, assessment.decision.exception, lang)
        ));
    }
    let mut updated = incident.clone();
    updated.assessment = Some(assessment);
    if let Some(step) = next_step(&updated).filter(|_| !context.guided) {
        ui.say(&next_hint(lang, id, step));
    }
    Ok(0)
}

/// Computes the score and band, applies the recommendation where the people did not decide
/// otherwise, and assembles the assessment. Refuses a departure without its reason.
fn build(
    answers: Answers,
    suggestions: &Suggestions,
    previous: Option<&Assessment>,
    author: String,
    now: chrono::DateTime<chrono::FixedOffset>,
) -> Result<Assessment> {
    let category = answers.category.expect("checked by missing()");
    let score = answers.dpc_score.unwrap_or(category.base_score());
    let circumstances = Circumstances {
        confidentiality: answers.confidentiality.expect("checked by missing()"),
        integrity: answers.integrity.expect("checked by missing()"),
        availability: answers.availability.expect("checked by missing()"),
        malicious: answers.malicious.unwrap_or(false),
    };
    let ease = answers.ease.expect("checked by missing()");
    let severity = scoring::severity(score, ease, &circumstances);
    let band = scoring::band(severity);
    let exception = answers.exception.flatten();
    let recommendation = scoring::recommend(band, exception);
    let decision = Decision {
        notify_imy: answers.notify_imy.unwrap_or(recommendation.notify_imy),
        inform_data_subjects: answers
            .inform
            .unwrap_or(recommendation.inform_data_subjects),
        exception,
        departure_reason: answers.departure_reason.filter(|r| !r.trim().is_empty()),
    };
    if scoring::departs(&decision, recommendation) && decision.departure_reason.is_none() {
        return Err(Error::bad_input(
            "--departure-reason",
            format!(
                "the decision departs from the recommendation for a {} risk (SE {severity}): {}; write why with --departure-reason TEXT",
                band.key(),
                scoring::recommendation_text(band, exception, Lang::En)
            ),
        ));
    }
    Ok(Assessment {
        schema_version: SCHEMA_VERSION,
        assessed_at: now,
        first_assessed_at: previous.map(Assessment::first_assessed),
        assessed_by: answers.assessed_by.unwrap_or(author),
        data_processing_context: DataProcessingContext {
            category,
            score,
            justification: answers.justification,
        },
        ease_of_identification: ease,
        circumstances,
        flags: Flags {
            more_than_100_data_subjects: answers.more_than_100.unwrap_or(suggestions.more_than_100),
            unintelligible: answers.unintelligible.unwrap_or(false),
        },
        severity_score: severity,
        band,
        decision,
        reasoning: answers.reasoning.expect("checked by missing()"),
    })
}

/// The guided assessment: each factor with ENISA's own descriptions of its levels, the
/// running computation, then the recommendation and the decision.
struct Dialogue<'a> {
    lang: Lang,
    ui: &'a Ui,
    suggestions: &'a Suggestions,
    assessor: &'a str,
}

impl Dialogue<'_> {
    fn t<'b>(&self, sv: &'b str, en: &'b str) -> &'b str {
        self.lang.pick(sv, en)
    }

    fn ask(
        &self,
        prompter: &mut dyn Prompter,
        answers: &mut Answers,
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
        if answers.category.is_none() {
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
            answers.category = Some(DataCategory::ALL[index]);
        }
        let category = answers.category.expect("just asked");
        if answers.dpc_score.is_none() {
            let items: Vec<String> = (1..=4u8)
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
                    self.t(
                        "barn eller särskilt utsatta personer finns bland de registrerade (EDPB:s riktlinjer 9/2022; ENISA 2013 bilaga A2)",
                        "children or vulnerable persons are among the data subjects (EDPB Guidelines 9/2022; ENISA 2013 Annex A2)"
                    )
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
            answers.dpc_score = Some(index as u8 + 1);
        }
        if answers.dpc_score != Some(category.base_score()) && answers.justification.is_none() {
            answers.justification = prompter.long_text(
                self.t(
                    "Motivera justeringen av grundvärdet",
                    "Justify the adjustment of the base score",
                ),
                None,
                true,
            )?;
        }
        if answers.ease.is_none() {
            let items: Vec<String> = EaseOfIdentification::ALL
                .iter()
                .map(|e| format!("{}: {}", scoring::number(e.value(), lang), e.describe(lang)))
                .collect();
            let index = prompter.select(
                self.t(
                    "Hur lätt kan personerna identifieras? (EI)",
                    "How easily can the individuals be identified? (EI)",
                ),
                &items,
                3,
            )?;
            answers.ease = Some(EaseOfIdentification::ALL[index]);
        }
        if answers.confidentiality.is_none() {
            let prompt = self.t("Förlust av konfidentialitet", "Loss of confidentiality");
            let suggested = self.suggestions.confidentiality;
            answers.confidentiality = Some(choose_level(
                prompter,
                prompt,
                &ConfidentialityLoss::ALL,
                suggested,
                |c| c.describe(lang),
            )?);
        }
        if answers.integrity.is_none() {
            let prompt = self.t("Förlust av riktighet", "Loss of integrity");
            let suggested = self.suggestions.integrity;
            answers.integrity = Some(choose_level(
                prompter,
                prompt,
                &IntegrityLoss::ALL,
                suggested,
                |c| c.describe(lang),
            )?);
        }
        if answers.availability.is_none() {
            let prompt = self.t("Förlust av tillgänglighet", "Loss of availability");
            let suggested = self.suggestions.availability;
            answers.availability = Some(choose_level(
                prompter,
                prompt,
                &AvailabilityLoss::ALL,
                suggested,
                |c| c.describe(lang),
            )?);
        }
        if answers.malicious.is_none() {
            answers.malicious = Some(prompter.confirm(
                self.t(
                    "Skedde det med uppsåt att skada (t.ex. stöld, intrång, försäljning)?",
                    "Was it malicious (e.g. theft, hacking, selling the data)?",
                ),
                false,
            )?);
        }
        if answers.unintelligible.is_none() {
            answers.unintelligible = Some(prompter.confirm(
                self.t("Är uppgifterna oläsbara för obehöriga (t.ex. stark kryptering, nyckeln säker)?", "Are the data unintelligible to the unauthorised (e.g. strong encryption, key safe)?"),
                self.suggestions.unintelligible,
            )?);
        }
        let score = answers.dpc_score.expect("asked");
        let ease = answers.ease.expect("asked");
        let circumstances = Circumstances {
            confidentiality: answers.confidentiality.expect("asked"),
            integrity: answers.integrity.expect("asked"),
            availability: answers.availability.expect("asked"),
            malicious: answers.malicious.unwrap_or(false),
        };
        let severity = scoring::severity(score, ease, &circumstances);
        let band = scoring::band(severity);
        self.ui.say(&format!(
            "SE = {score} × {} + {} = {} → {}",
            scoring::number(ease.value(), lang),
            scoring::number(scoring::circumstances_score(&circumstances), lang),
            scoring::number(severity, lang),
            self.ui.bold(band.label(lang))
        ));
        if answers.exception.is_none() && band >= crate::domain::model::assessment::Band::High {
            let mut items = vec![
                self.t(
                    "Inget undantag: de registrerade ska informeras",
                    "No exception: the data subjects are to be informed",
                )
                .to_string(),
            ];
            items.extend(
                Art34Exception::ALL
                    .iter()
                    .map(|e| scoring::exception_text(*e, lang).to_string()),
            );
            let default = if answers.unintelligible == Some(true) {
                1
            } else {
                0
            };
            let index = prompter.select(
                self.t(
                    "Gäller ett undantag i GDPR art. 34.3?",
                    "Does a GDPR Art. 34(3) exception apply?",
                ),
                &items,
                default,
            )?;
            answers.exception = Some(index.checked_sub(1).map(|i| Art34Exception::ALL[i]));
        }
        let exception = answers.exception.flatten();
        let recommendation = scoring::recommend(band, exception);
        self.ui.say(&format!(
            "{}: {}",
            self.t("Rekommendation", "Recommendation"),
            scoring::recommendation_text(band, exception, lang)
        ));
        if answers.notify_imy.is_none() && answers.inform.is_none() {
            let follow = prompter.confirm(
                self.t(
                    "Följer ni rekommendationen?",
                    "Do you follow the recommendation?",
                ),
                true,
            )?;
            if follow {
                answers.notify_imy = Some(recommendation.notify_imy);
                answers.inform = Some(recommendation.inform_data_subjects);
            } else {
                answers.notify_imy = Some(prompter.confirm(
                    self.t("Anmäla till IMY?", "Notify IMY?"),
                    recommendation.notify_imy,
                )?);
                answers.inform = Some(prompter.confirm(
                    self.t("Informera de registrerade?", "Inform the data subjects?"),
                    recommendation.inform_data_subjects,
                )?);
            }
        }
        let decision = Decision {
            notify_imy: answers.notify_imy.unwrap_or(recommendation.notify_imy),
            inform_data_subjects: answers
                .inform
                .unwrap_or(recommendation.inform_data_subjects),
            exception,
            departure_reason: None,
        };
        if scoring::departs(&decision, recommendation) && answers.departure_reason.is_none() {
            answers.departure_reason = prompter.long_text(
                self.t(
                    "Varför avviker beslutet från rekommendationen?",
                    "Why does the decision depart from the recommendation?",
                ),
                None,
                true,
            )?;
        }
        if answers.reasoning.is_none() {
            answers.reasoning = prompter.long_text(
                self.t(
                    "Motivering till ställningstagandet (obligatorisk)",
                    "Reasoning for the decision (mandatory)",
                ),
                None,
                true,
            )?;
        }
        if answers.assessed_by.is_none() {
            answers.assessed_by = prompter.text(
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saved_answers_read_back_as_a_partial_assessment() {
        let answers = Answers {
            category: Some(DataCategory::Sensitive),
            ease: Some(EaseOfIdentification::Maximum),
            confidentiality: Some(ConfidentialityLoss::KnownRecipients),
            notify_imy: Some(true),
            reasoning: Some("Hälsa till fel mottagare".into()),
            ..Answers::default()
        };
        let text = serde_saphyr::to_string(&answers.as_draft()).unwrap();
        let draft: AssessmentDraft = serde_saphyr::from_str(&text).unwrap();
        let args = AssessArgs {
            id: "2026-0001".into(),
            ..AssessArgs::default()
        };
        let again = Answers::gather(&args, draft);
        assert_eq!(again.category, Some(DataCategory::Sensitive));
        assert_eq!(
            again.confidentiality,
            Some(ConfidentialityLoss::KnownRecipients)
        );
        assert_eq!(again.integrity, None);
        assert_eq!(again.notify_imy, Some(true));
        assert_eq!(again.reasoning.as_deref(), Some("Hälsa till fel mottagare"));
    }
}
