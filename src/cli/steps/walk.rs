//! The guided walk's dialogues for the steps whose commands record one thing at a time:
//! several actions (step D) and measures (step E) in one go, and the open measures settled
//! (done, or deferred with a reason) before the case is closed (steps G–H). Each answer is
//! recorded by the step's own command as its own journal entry, so what was typed before a
//! stop stays recorded.

use chrono::Days;

use super::log::{self, Request};
use crate::cli::prompt::{Prompter, TerminalPrompter};
use crate::cli::{Context, ui::Ui};
use crate::domain::IncidentId;
use crate::domain::incident::Incident;
use crate::domain::model::actions::{MeasureStatus, Purpose};
use crate::domain::moment::{parse_date, parse_date_and_time};
use crate::error::Result;
use crate::store::Register;

/// How a guided step ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Walked {
    /// The step is recorded: the walk may go on with the next one.
    Recorded,
    /// The person stopped here for now; what to run once it is done.
    Later(String),
}

/// The due date offered for a planned measure: a suggestion the person types over, not a
/// rule of the law or of the organisation.
const SUGGESTED_DUE_DAYS: u64 = 30;

/// Step D: the actions taken, one after the other until an empty answer.
pub fn actions(
    context: &Context,
    register: &Register,
    ui: &Ui,
    prompter: &mut TerminalPrompter,
    id: &IncidentId,
) -> Result<Walked> {
    let lang = ui.lang;
    let now = context
        .now_in(Some(register))
        .format("%Y-%m-%d %H:%M")
        .to_string();
    let mut logged = 0;
    loop {
        let prompt = if logged == 0 {
            lang.pick(
                "Vad gjordes? (steg D, IMY fråga 30; tomt svar: inget än)",
                "What was done? (step D, IMY question 30; empty answer: nothing yet)",
            )
        } else {
            lang.pick(
                "Något mer som gjordes? (tomt svar: klart)",
                "Anything else that was done? (empty answer: done)",
            )
        };
        let Some(text) = prompter
            .long_text(prompt, None, false)?
            .filter(|text| !text.trim().is_empty())
        else {
            if logged > 0 {
                return Ok(Walked::Recorded);
            }
            // Nothing done yet is an answer too: the step waits, and says how to go on.
            return Ok(Walked::Later(format!(
                "{} `incident log {id} --action TEXT --at {}`",
                lang.pick(
                    "Ingen åtgärd loggad. När något är gjort:",
                    "No action logged. Once something is done:"
                ),
                lang.pick("TID", "TIME"),
            )));
        };
        // The course of events needs when it was done, not when it was logged.
        let at = prompter.text(
            lang.pick(
                "När gjordes det? [ÅÅÅÅ-MM-DD TT:MM]",
                "When was it done? [YYYY-MM-DD HH:MM]",
            ),
            Some(&now),
            true,
            &|text| {
                parse_date_and_time(text)
                    .map(|_| ())
                    .map_err(|e| e.describe(lang))
            },
        )?;
        let request = Request::Action {
            text: Some(text),
            at,
            by: None,
        };
        log::record(context, register, ui, id, request)?;
        logged += 1;
    }
}

/// Step E: the planned measures, each with its purpose, owner and due date (so that it
/// becomes a deadline), until an empty answer.
pub fn measures(
    context: &Context,
    register: &Register,
    ui: &Ui,
    prompter: &mut TerminalPrompter,
    incident: &Incident,
) -> Result<Walked> {
    let lang = ui.lang;
    let id = &incident.report.id;
    let today = context.now_in(Some(register)).date_naive();
    let suggested_due = today
        .checked_add_days(Days::new(SUGGESTED_DUE_DAYS))
        .unwrap_or(today)
        .to_string();
    // The manager who owns the case is the likely owner of its measures.
    let mut owner_default = incident
        .report
        .manager_informed
        .as_ref()
        .and_then(|told| told.name.clone());
    let purposes = vec![
        lang.pick(
            "Mildra följderna för de registrerade",
            "Mitigate the consequences for the data subjects",
        )
        .to_string(),
        lang.pick("Förebygga att det händer igen", "Prevent recurrence")
            .to_string(),
    ];
    let mut planned = 0;
    loop {
        let prompt = if planned == 0 {
            lang.pick(
                "Planerad åtgärd (steg E; tomt svar: ingen än)",
                "Planned measure (step E; empty answer: none yet)",
            )
        } else {
            lang.pick(
                "Ännu en planerad åtgärd? (tomt svar: klart)",
                "Another planned measure? (empty answer: done)",
            )
        };
        let Some(text) = prompter
            .long_text(prompt, None, false)?
            .filter(|text| !text.trim().is_empty())
        else {
            if planned > 0 {
                return Ok(Walked::Recorded);
            }
            return Ok(Walked::Later(format!(
                "{} `incident log {id} --planned --action TEXT --purpose {} --by {} --due {}`",
                lang.pick(
                    "Ingen åtgärd planerad. När en är bestämd:",
                    "No measure planned. Once one is decided:"
                ),
                lang.pick("SYFTE", "PURPOSE"),
                lang.pick("NAMN", "NAME"),
                lang.pick("DATUM", "DATE"),
            )));
        };
        let purpose = match prompter.select(lang.pick("Syfte", "Purpose"), &purposes, 0)? {
            0 => Purpose::Mitigate,
            _ => Purpose::Prevent,
        };
        let owner = prompter.text(
            lang.pick("Vem ansvarar för åtgärden?", "Who owns the measure?"),
            owner_default.as_deref(),
            true,
            &|_| Ok(()),
        )?;
        let due = prompter.text(
            lang.pick(
                "Klar senast [ÅÅÅÅ-MM-DD] (blir en tidsfrist i `incident deadlines`)",
                "Done by [YYYY-MM-DD] (becomes a deadline in `incident deadlines`)",
            ),
            Some(&suggested_due),
            true,
            &|text| parse_date(text).map(|_| ()).map_err(|e| e.describe(lang)),
        )?;
        owner_default.clone_from(&owner);
        let request = Request::Planned {
            text: Some(text),
            purpose: Some(purpose),
            due,
            owner,
        };
        log::record(context, register, ui, id, request)?;
        planned += 1;
    }
}

/// Before closing (steps G–H): each open planned measure marked done, deferred with a
/// reason, or left open; a case with a measure left open is not closed now.
pub fn settle_measures(
    context: &Context,
    register: &Register,
    ui: &Ui,
    prompter: &mut TerminalPrompter,
    incident: &Incident,
) -> Result<Walked> {
    let lang = ui.lang;
    let id = &incident.report.id;
    let open: Vec<(usize, String)> = incident
        .actions
        .as_ref()
        .map(|a| a.planned.as_slice())
        .unwrap_or_default()
        .iter()
        .enumerate()
        .filter(|(_, measure)| measure.status == MeasureStatus::Open)
        // Numbered from 1, as `incident show` and `incident log --done N` number them.
        .map(|(index, measure)| (index + 1, describe(measure, lang)))
        .collect();
    if open.is_empty() {
        return Ok(Walked::Recorded);
    }
    ui.say(lang.pick(
        "Ärendet stängs när varje planerad åtgärd är klar eller uppskjuten med ett skäl.",
        "The case is closed once every planned measure is done or deferred with a reason.",
    ));
    let choices = vec![
        lang.pick("Klar", "Done").to_string(),
        lang.pick("Skjuts upp, med ett skäl", "Deferred, with a reason")
            .to_string(),
        lang.pick("Fortfarande öppen", "Still open").to_string(),
    ];
    let mut still_open = Vec::new();
    for (number, described) in open {
        let question = format!("{} {number}: {described}", lang.pick("Åtgärd", "Measure"));
        match prompter.select(&question, &choices, 0)? {
            0 => {
                let request = Request::Done { number, at: None };
                log::record(context, register, ui, id, request)?;
            }
            1 => {
                let reason = prompter
                    .text(
                        lang.pick("Varför skjuts den upp?", "Why is it deferred?"),
                        None,
                        true,
                        &|_| Ok(()),
                    )?
                    .unwrap_or_default();
                log::record(context, register, ui, id, Request::Defer { number, reason })?;
            }
            _ => still_open.push(number),
        }
    }
    if still_open.is_empty() {
        return Ok(Walked::Recorded);
    }
    let first = still_open[0];
    Ok(Walked::Later(format!(
        "{} `incident log {id} --done {first}` {} `incident log {id} --defer {first} --reason TEXT`, {} `incident close {id}`",
        lang.pick(
            "Ärendet är inte stängt: en planerad åtgärd är öppen. När den är klar:",
            "The case is not closed: a planned measure is open. Once it is done:"
        ),
        lang.pick("eller", "or"),
        lang.pick("sedan", "then"),
    )))
}

/// A planned measure on one line: its first line, owner and due date.
fn describe(
    measure: &crate::domain::model::actions::PlannedMeasure,
    lang: crate::domain::Lang,
) -> String {
    let mut described = measure
        .measure
        .lines()
        .next()
        .unwrap_or_default()
        .to_string();
    let mut details = Vec::new();
    if let Some(owner) = &measure.owner {
        details.push(format!("{} {owner}", lang.pick("ansvarig", "owner")));
    }
    if let Some(due) = measure.due {
        details.push(format!("{} {due}", lang.pick("senast", "due")));
    }
    if !details.is_empty() {
        described.push_str(&format!(" ({})", details.join(", ")));
    }
    described
}
