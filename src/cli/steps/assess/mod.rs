//! Step C: the risk assessment on the ENISA 2013 method, with the recommendation that
//! follows from GDPR Art. 33 and 34, the people's decision and its written reasoning. The
//! dialogue ([`dialogue`]) asks what the draft lacks; the draft becomes the assessment in
//! the domain; what a person typed is saved when it cannot be recorded.

mod dialogue;

use crate::cli::hints::next_hint;
use crate::cli::prompt::TerminalPrompter;
use crate::cli::{Context, ui::Ui};
use crate::domain::IncidentId;
use crate::domain::draft::{AssessmentDraft, Incomplete};
use crate::domain::event::Event;
use crate::domain::model::Assessment;
use crate::domain::scoring;
use crate::domain::steps::{Step, next_step};
use crate::error::{Error, Result};
use crate::store::drafts::Drafts;
use crate::store::{Change, Entry, Register, Stamp};
use dialogue::Dialogue;

/// Assesses incident `id` from `draft`, asking what it lacks at a terminal; with `explain`,
/// prints every factor and the arithmetic afterwards.
pub fn assess(
    context: &Context,
    register: &Register,
    ui: &Ui,
    id: &IncidentId,
    mut draft: AssessmentDraft,
    explain: bool,
) -> Result<()> {
    let lang = ui.lang;
    let change = context.start_change(register, id)?;
    let stamp = change.stamp().clone();
    let suggestions = scoring::suggest(&change.incident().report);
    if context.interactive {
        let mut prompter = TerminalPrompter::new(lang);
        Dialogue {
            lang,
            ui,
            suggestions: &suggestions,
            assessor: &stamp.author.name,
        }
        .ask(&mut prompter, &mut draft, change.incident())?;
    }
    let typed = context.interactive.then(|| draft.clone());
    let result = record(context, register, ui, change, draft, &stamp, explain);
    if let (Err(_), Some(typed)) = (&result, typed) {
        // What the person typed is kept for `--from` when it cannot be recorded.
        let saved =
            Drafts::of(&register.root).save_answers("assess", Some(id), context.now, &typed);
        match saved {
            Ok(path) => ui.say(&format!(
                "{} {} — {} `incident assess {id} --from {}`",
                ui.t("Dina svar är sparade i", "Your answers are saved in"),
                path.display(),
                ui.t("fortsätt med", "continue with"),
                path.display()
            )),
            Err(message) => ui.say(&format!(
                "{}: {message}",
                ui.t("Kunde inte spara svaren", "Could not save the answers")
            )),
        }
    }
    result
}

fn record(
    context: &Context,
    register: &Register,
    ui: &Ui,
    mut change: Change<'_>,
    draft: AssessmentDraft,
    stamp: &Stamp,
    explain: bool,
) -> Result<()> {
    let lang = ui.lang;
    let id = change.id().clone();
    let previous = change.incident().assessment.clone();
    let report = change.incident().report.clone();
    let missing = draft.missing_for(&report, lang);
    if !missing.is_empty() {
        return Err(Error::MissingAnswers {
            command: format!("assess {id}"),
            missing,
            from_file: true,
        });
    }
    let assessment = draft
        .into_assessment(
            &report,
            previous.as_ref(),
            stamp.author.name.clone(),
            stamp.when,
        )
        .map_err(|incomplete| match incomplete {
            Incomplete::Missing(missing) => Error::MissingAnswers {
                command: format!("assess {id}"),
                missing,
                from_file: true,
            },
            Incomplete::DepartureWithoutReason {
                band,
                severity,
                recommendation,
            } => Error::DepartureWithoutReason {
                band,
                severity,
                recommendation,
            },
            Incomplete::Exception(problem) => Error::bad_input("--exception", problem),
            Incomplete::Category(problem) => Error::bad_input("--dpc-justification", problem),
            Incomplete::Unintelligible(problem) => Error::bad_input("--unintelligible", problem),
        })?;
    let processor = report.role == crate::domain::model::report::Role::Processor;
    let entry = entry_of(&assessment, previous.is_some(), processor);
    change.set_assessment(assessment.clone());
    let next = next_step(change.incident());
    let assessed = change.incident().clone();
    ui.outcome(&change.finish(entry)?);
    if explain {
        ui.out(&scoring::explain(&assessment, Some(&report), lang));
    }
    let recommendation = scoring::recommendation_of(&assessment);
    // A processor decides nothing about IMY: it is told its own duty instead.
    if processor {
        let controller = assessed.report.controller.as_ref().map(|c| c.name.as_str());
        ui.say(&crate::cli::hints::processor_recommendation(
            lang, controller,
        ));
    } else if scoring::departs(&assessment.decision, recommendation) {
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
            scoring::recommendation_text(recommendation, assessment.decision.exception, lang)
        ));
    }
    // The deadline as a date and time, while the notification is owed and not made.
    let now = context.now.with_timezone(&register.zone);
    if let Ok(obligations) = crate::domain::obligations::of_incidents(
        std::slice::from_ref(&assessed),
        &register.settings,
        register.zone,
        now,
    ) && let Some(line) = crate::cli::hints::imy_deadline(lang, &obligations, true)
    {
        ui.say(&line);
    }
    if let Some(step) = next.filter(|_| !context.guided) {
        ui.say(&next_hint(lang, &assessed, step));
    }
    Ok(())
}

/// The journal entry of an assessment: band, score and decision in the subject, the
/// reasoning as the body, the severity as a trailer.
fn entry_of(assessment: &Assessment, reassessed: bool, processor: bool) -> Entry {
    let event = Event::Assessed {
        again: reassessed,
        band: assessment.band,
        score: assessment.severity_score,
        notify_imy: assessment.decision.notify_imy,
        inform_data_subjects: assessment.decision.inform_data_subjects,
        processor,
    };
    let severity = format!(
        "{} (IMY {})",
        assessment.band.key(),
        scoring::imy_severity(assessment.band)
    );
    Entry::new(event, &[Step::C])
        .with_body(assessment.reasoning.trim())
        .with_trailer("Severity", severity)
}
