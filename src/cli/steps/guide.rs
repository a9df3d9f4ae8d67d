//! The guided walk (`incident next`, and `incident new` going on): the first open step
//! A–H, with that step's own prompts, then an offer to go on with the next one.

use super::{assess, close, contact, log, notify};
use crate::cli::Context;
use crate::cli::hints::next_hint;
use crate::cli::prompt::{Prompter, TerminalPrompter};
use crate::cli::ui::Ui;
use crate::domain::IncidentId;
use crate::domain::draft::AssessmentDraft;
use crate::domain::model::report::Role;
use crate::domain::steps::{Step, next_step};
use crate::error::Result;

/// Walks through the open steps one at a time, asking before each whether to go on.
pub fn continue_from(context: &Context, ui: &Ui, id: &IncidentId) -> Result<i32> {
    let lang = ui.lang;
    let context = &Context {
        guided: true,
        ..context.clone()
    };
    let mut walked = None;
    loop {
        let register = context.open_register()?;
        register.require(id)?;
        let incident = register.load(id)?;
        let Some(step) = next_step(&incident) else {
            ui.say(ui.t("Alla steg A–H är klara.", "All steps A–H are done."));
            return Ok(0);
        };
        // A step left open after its walk ("not yet") has said what to run later: asking
        // to go on with it again would be a loop.
        if walked == Some(step) {
            return Ok(0);
        }
        walked = Some(step);
        let role = incident.report.role;
        ui.say(&next_hint(lang, id, step, role));
        if !context.interactive {
            return Ok(0);
        }
        let mut prompter = TerminalPrompter::new(lang);
        let question = format!(
            "{} {}: {}?",
            ui.t("Gå vidare med steg", "Go on with step"),
            step.letter(),
            step.title_as(role, lang)
        );
        if !prompter.confirm(&question, true)? {
            return Ok(0);
        }
        match step {
            Step::A => contact::record(
                context,
                &register,
                ui,
                id,
                contact::Request::Manager {
                    name: None,
                    at: None,
                },
            )?,
            Step::B => contact::record(
                context,
                &register,
                ui,
                id,
                contact::Request::Dpo {
                    name: None,
                    at: None,
                },
            )?,
            Step::C => {
                assess::assess(
                    context,
                    &register,
                    ui,
                    id,
                    AssessmentDraft::default(),
                    false,
                )?;
            }
            Step::D => log::record(context, &register, ui, id, log::Request::action())?,
            Step::E => log::record(context, &register, ui, id, log::Request::planned())?,
            // A processor notifies its controller, which notifies IMY (GDPR Art. 33(2)).
            Step::F if role == Role::Processor => {
                contact::controller_walk(context, &register, ui, &mut prompter, &incident)?;
            }
            Step::F => notify::walk(context, &register, ui, &mut prompter, &incident)?,
            Step::G | Step::H => {
                close::close(context, &register, ui, id, close::Closing::default())?;
            }
        }
    }
}
