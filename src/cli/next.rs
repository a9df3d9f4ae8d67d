//! `incident next <id>`: finds the first step A–H not yet done and walks the person
//! through it with the same prompts as the step's own command, then offers to go on.

use crate::cli::Context;
use crate::cli::prompt::{Prompter, TerminalPrompter};
use crate::cli::ui::Ui;
use crate::cli::{assess, close, contacted, log, new::next_hint, notified};
use crate::domain::steps::{Step, next_step};
use crate::error::{Error, Result};

#[derive(Debug, clap::Args)]
pub struct NextArgs {
    /// The incident id, YYYY-NNNN
    pub id: String,
}

pub fn run(context: &Context, args: NextArgs) -> Result<i32> {
    let register = context.open_register()?;
    let lang = context.lang(Some(&register));
    let ui = Ui::new(lang);
    let id = register.resolve(&args.id)?;
    drop(register);
    continue_from(context, &ui, &id.to_string())
}

/// Walks through the open steps one at a time, asking before each whether to go on.
pub fn continue_from(context: &Context, ui: &Ui, id: &str) -> Result<i32> {
    let lang = ui.lang;
    let context = &Context {
        guided: true,
        ..context.clone()
    };
    loop {
        let register = context.open_register()?;
        let incident_id = register.resolve(id)?;
        let incident = register.load(&incident_id)?;
        let Some(step) = next_step(&incident) else {
            ui.say(ui.t("Alla steg A–H är klara.", "All steps A–H are done."));
            return Ok(0);
        };
        ui.say(&next_hint(lang, &incident_id, step));
        if !context.interactive {
            return Ok(0);
        }
        let mut prompter = TerminalPrompter::new(lang);
        let question = format!(
            "{} {}: {}?",
            ui.t("Gå vidare med steg", "Go on with step"),
            step.letter(),
            step.title(lang)
        );
        if !prompter.confirm(&question, true)? {
            return Ok(0);
        }
        drop(register);
        match step {
            Step::A => contacted::run(
                context,
                contacted::ContactedArgs {
                    who: contacted::Who::Manager(person(id)),
                },
            )?,
            Step::B => contacted::run(
                context,
                contacted::ContactedArgs {
                    who: contacted::Who::Dpo(person(id)),
                },
            )?,
            Step::C => assess::run(
                context,
                assess::AssessArgs {
                    id: id.to_string(),
                    ..Default::default()
                },
            )?,
            Step::D => log::run(
                context,
                log::LogArgs {
                    id: id.to_string(),
                    ..Default::default()
                },
            )?,
            Step::E => log::run(
                context,
                log::LogArgs {
                    id: id.to_string(),
                    planned: true,
                    ..Default::default()
                },
            )?,
            Step::F => notify(context, ui, &mut prompter, &incident, id)?,
            Step::G | Step::H => close::close(
                context,
                close::CloseArgs {
                    id: id.to_string(),
                    ..Default::default()
                },
            )?,
        };
    }
}

fn person(id: &str) -> contacted::PersonArgs {
    contacted::PersonArgs {
        id: id.to_string(),
        ..Default::default()
    }
}

/// Step F: record the notification to IMY and the information to the data subjects, as
/// far as they are done; otherwise say how to produce the texts.
fn notify(
    context: &Context,
    ui: &Ui,
    prompter: &mut TerminalPrompter,
    incident: &crate::domain::incident::Incident,
    id: &str,
) -> Result<i32> {
    let decision = incident
        .assessment
        .as_ref()
        .map(|a| a.decision.clone())
        .ok_or_else(|| Error::Refused {
            message: format!("{id} has no risk assessment; step C comes first"),
        })?;
    let notification = incident.notification.as_ref();
    let submitted = notification
        .and_then(|n| n.imy.as_ref())
        .is_some_and(|i| i.submitted_at.is_some());
    if decision.notify_imy && !submitted {
        if !prompter.confirm(
            ui.t(
                "Har anmälan skickats in till IMY?",
                "Has the notification been submitted to IMY?",
            ),
            false,
        )? {
            ui.say(&format!(
                "{} `incident export imy {id}`",
                ui.t(
                    "Texten till IMY:s e-tjänst:",
                    "The text for IMY's e-service:"
                )
            ));
            return Ok(0);
        }
        let case_number = prompter.text(
            ui.t("IMY:s diarienummer", "IMY's case number"),
            None,
            false,
            &|_| Ok(()),
        )?;
        let supplement = prompter.confirm(
            ui.t(
                "Kommer ni att komplettera anmälan? (fråga 36)",
                "Will you supplement the notification? (question 36)",
            ),
            false,
        )?;
        notified::run(
            context,
            notified::NotifiedArgs {
                what: notified::NotifiedWhat::Imy(notified::ImyArgs {
                    id: id.to_string(),
                    at: None,
                    case_number,
                    supplement_planned: Some(supplement),
                    late_reason: None,
                    secrecy: None,
                }),
            },
        )?;
    }
    let informed = notification
        .and_then(|n| n.data_subjects.as_ref())
        .is_some_and(|d| d.informed);
    if decision.inform_data_subjects && !informed {
        if !prompter.confirm(
            ui.t(
                "Har de registrerade informerats?",
                "Have the data subjects been informed?",
            ),
            false,
        )? {
            ui.say(&format!(
                "{} `incident export letter {id}`",
                ui.t(
                    "Brevet till de registrerade:",
                    "The letter to the data subjects:"
                )
            ));
            return Ok(0);
        }
        let how = prompter.text(
            ui.t("Hur? (brev, e-post, ...)", "How? (letter, e-mail, ...)"),
            None,
            false,
            &|_| Ok(()),
        )?;
        let now = context.now.to_rfc3339();
        notified::run(
            context,
            notified::NotifiedArgs {
                what: notified::NotifiedWhat::Subjects(notified::SubjectsArgs {
                    id: id.to_string(),
                    informed_at: Some(now),
                    how,
                    will_inform_on: None,
                    not_informing: Vec::new(),
                }),
            },
        )?;
    }
    Ok(0)
}
