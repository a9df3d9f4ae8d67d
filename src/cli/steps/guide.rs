//! The guided walk (`incident next`, and `incident new` going on): the first open step
//! A–H, with that step's own prompts, then an offer to go on with the next one.

use super::walk::{self, Walked};
use super::{assess, close, contact, customer_walk, notify_walk};
use crate::cli::Context;
use crate::cli::hints::next_hint;
use crate::cli::prompt::{Prompter, TerminalPrompter};
use crate::cli::ui::Ui;
use crate::domain::IncidentId;
use crate::domain::draft::AssessmentDraft;
use crate::domain::model::notification::CustomerNotice;
use crate::domain::steps::{Step, step_states};
use crate::error::Result;

/// Walks through the open steps one at a time, asking before each whether to go on. A
/// step the person leaves for later ends the walk with what to run once it is done; a step
/// still open after its dialogue ends it too, so no question comes back in a loop.
pub fn continue_from(context: &Context, ui: &Ui, id: &IncidentId) -> Result<i32> {
    let lang = ui.lang;
    let context = &Context {
        guided: true,
        ..context.clone()
    };
    let mut walked: Option<Step> = None;
    // Steps D and E left empty for now ("nothing yet"): the walk goes on past them, so the
    // law's step F is never held up by the organisation's own list.
    let mut passed: Vec<Step> = Vec::new();
    loop {
        let register = context.open_register()?;
        register.require(id)?;
        let incident = register.load(id)?;
        let open = step_states(&incident)
            .into_iter()
            .find(|(step, state)| !state.is_settled() && !passed.contains(step))
            .map(|(step, _)| step);
        let Some(step) = open else {
            if !passed.is_empty() {
                return Ok(0);
            }
            ui.say(ui.t("Alla steg A–H är klara.", "All steps A–H are done."));
            return Ok(0);
        };
        let role = incident.report.role;
        ui.say(&next_hint(lang, &incident, step));
        if !context.interactive || walked == Some(step) {
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
        walked = Some(step);
        let outcome = match step {
            Step::A => {
                let manager = contact::Request::Manager {
                    name: None,
                    at: None,
                };
                contact::record(context, &register, ui, id, manager)?;
                Walked::Recorded
            }
            Step::B => {
                let dpo = contact::Request::Dpo {
                    name: None,
                    at: None,
                };
                contact::record(context, &register, ui, id, dpo)?;
                Walked::Recorded
            }
            Step::C => {
                let draft = AssessmentDraft::default();
                assess::assess(context, &register, ui, id, draft, false)?;
                Walked::Recorded
            }
            Step::D | Step::E => {
                let walked = if step == Step::D {
                    walk::actions(context, &register, ui, &mut prompter, id)?
                } else {
                    walk::measures(context, &register, ui, &mut prompter, &incident)?
                };
                if let Walked::Later(then) = walked {
                    ui.say(&then);
                    passed.push(step);
                }
                Walked::Recorded
            }
            Step::F => notify_walk::walk(context, &register, ui, &mut prompter, &incident)?,
            Step::G | Step::H => {
                // Every notice to the customers before the case is closed, the resolution
                // last (customer_walk), then the open measures.
                let all = CustomerNotice::ALL;
                let customers =
                    customer_walk::notices(context, &register, ui, &mut prompter, id, &all)?;
                let settled = match customers {
                    Walked::Recorded => {
                        walk::settle_measures(context, &register, ui, &mut prompter, &incident)?
                    }
                    later @ Walked::Later(_) => later,
                };
                match settled {
                    Walked::Recorded => {
                        let closing = close::Closing::default();
                        if !close::close(context, &register, ui, id, closing)? {
                            // The command to close later is said already.
                            return Ok(0);
                        }
                        Walked::Recorded
                    }
                    later @ Walked::Later(_) => later,
                }
            }
        };
        if let Walked::Later(then) = outcome {
            ui.say(&then);
            return Ok(0);
        }
    }
}
