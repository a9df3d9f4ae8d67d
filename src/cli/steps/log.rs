//! Steps D and E: the action log and the planned measures (IMY question 30): an action
//! taken, a measure planned, a measure marked done or deferred. One journal entry each.

use chrono::Timelike;

use crate::cli::prompt::{Prompter, TerminalPrompter};
use crate::cli::times::vouch;
use crate::cli::{Context, ui::Ui};
use crate::domain::IncidentId;
use crate::domain::event::Event;
use crate::domain::model::SCHEMA_VERSION;
use crate::domain::model::actions::{
    ActionTaken, Actions, MeasureStatus, NoSuchMeasure, PlannedMeasure, Purpose,
};
use crate::domain::moment::{ClockTime, Moment, parse_date, parse_date_and_time};
use crate::domain::plausibility::{Facts, Recorded, When};
use crate::domain::steps::Step;
use crate::error::{Error, Result};
use crate::store::{Entry, Register};

/// What to log; what is `None` is asked at a terminal (or named as missing without one).
#[derive(Debug, Clone)]
pub enum Request {
    /// An action taken (step D): what, when (`--at`), by whom.
    Action {
        text: Option<String>,
        at: Option<String>,
        by: Option<String>,
    },
    /// A measure planned (step E): what, why, by when, whose.
    Planned {
        text: Option<String>,
        purpose: Option<Purpose>,
        due: Option<String>,
        owner: Option<String>,
    },
    /// Planned measure `number` (as `incident show` numbers them) done, on `at` or today.
    Done { number: usize, at: Option<String> },
    /// Planned measure `number` deferred, with the reason.
    Defer { number: usize, reason: String },
}

impl Request {
    /// An action taken, every answer still to be asked.
    pub fn action() -> Request {
        Request::Action {
            text: None,
            at: None,
            by: None,
        }
    }

    /// A planned measure, every answer still to be asked.
    pub fn planned() -> Request {
        Request::Planned {
            text: None,
            purpose: None,
            due: None,
            owner: None,
        }
    }
}

/// Asks what `request` lacks and records it as one journal entry.
pub fn record(
    context: &Context,
    register: &Register,
    ui: &Ui,
    id: &IncidentId,
    request: Request,
) -> Result<()> {
    let lang = ui.lang;
    let mut change = context.start_change(register, id)?;
    let today = context.now_in(Some(register));
    let facts = Facts::of(change.incident());
    let mut actions = change.incident().actions.clone().unwrap_or(Actions {
        schema_version: SCHEMA_VERSION,
        taken: Vec::new(),
        planned: Vec::new(),
    });
    let mut prompter = context.interactive.then(|| TerminalPrompter::new(lang));
    let entry = match request {
        Request::Done { number, at } => {
            let on = match &at {
                Some(text) => {
                    parse_date_and_time(text)
                        .map_err(|m| Error::bad_input("--at", m))?
                        .0
                }
                None => today.date_naive(),
            };
            let when = When::Local(Moment::on(on, None));
            vouch(
                context,
                register,
                &facts,
                Recorded::MeasureDone,
                "--at",
                &when,
            )?;
            let measure = actions
                .mark_done(number, on)
                .map_err(|missing| no_such_measure(id, missing, "--done"))?;
            let event = Event::MeasureDone {
                measure: first_line(&measure.measure).to_string(),
            };
            Entry::new(event, &[Step::E])
        }
        Request::Defer { number, reason } => {
            let measure = actions
                .defer(number, reason)
                .map_err(|missing| no_such_measure(id, missing, "--defer"))?;
            let event = Event::MeasureDeferred {
                measure: first_line(&measure.measure).to_string(),
            };
            Entry::new(event, &[Step::E])
        }
        Request::Planned {
            text,
            purpose,
            due,
            owner,
        } => {
            let text = what(text, prompter.as_mut(), id, true, lang)?;
            let purpose = match (purpose, prompter.as_mut()) {
                (Some(purpose), _) => purpose,
                (None, Some(prompter)) => {
                    let items = vec![
                        lang.pick(
                            "Mildra följderna för de registrerade",
                            "Mitigate the consequences for the data subjects",
                        )
                        .to_string(),
                        lang.pick("Förebygga att det händer igen", "Prevent recurrence")
                            .to_string(),
                    ];
                    if prompter.select(lang.pick("Syfte", "Purpose"), &items, 0)? == 0 {
                        Purpose::Mitigate
                    } else {
                        Purpose::Prevent
                    }
                }
                (None, None) => {
                    return Err(Error::MissingAnswers {
                        command: format!("log {id} --planned"),
                        missing: vec![(
                            "--purpose mitigate|prevent".into(),
                            lang.pick(
                                "mildra följderna, eller förebygga att det händer igen",
                                "mitigate the consequences, or prevent recurrence",
                            )
                            .into(),
                        )],
                        from_file: false,
                    });
                }
            };
            let due = due
                .as_deref()
                .map(parse_date)
                .transpose()
                .map_err(|m| Error::bad_input("--due", m))?;
            let event = Event::MeasurePlanned {
                measure: first_line(&text).to_string(),
            };
            actions.planned.push(PlannedMeasure {
                measure: text,
                owner,
                due,
                purpose,
                status: MeasureStatus::Open,
                done_on: None,
                deferred_reason: None,
            });
            Entry::new(event, &[Step::E])
        }
        Request::Action { text, at, by } => {
            let text = what(text, prompter.as_mut(), id, false, lang)?;
            // The course of events needs when it was done, not when it was logged.
            let asked = match (at, prompter.as_mut()) {
                (None, Some(prompter)) => prompter.text(
                    lang.pick(
                        "När gjordes det? [ÅÅÅÅ-MM-DD TT:MM]",
                        "When was it done? [YYYY-MM-DD HH:MM]",
                    ),
                    Some(&today.format("%Y-%m-%d %H:%M").to_string()),
                    true,
                    &|text| {
                        parse_date_and_time(text)
                            .map(|_| ())
                            .map_err(|e| e.describe(lang))
                    },
                )?,
                (at, _) => at,
            };
            let (date, time) = match &asked {
                Some(text) => parse_date_and_time(text).map_err(|m| Error::bad_input("--at", m))?,
                None => (
                    today.date_naive(),
                    ClockTime::new(today.hour(), today.minute()),
                ),
            };
            let when = When::Local(Moment::on(date, time));
            vouch(
                context,
                register,
                &facts,
                Recorded::ActionTaken,
                "--at",
                &when,
            )?;
            let event = Event::ActionLogged {
                action: first_line(&text).to_string(),
            };
            actions.taken.push(ActionTaken {
                date,
                time,
                action: text,
                by,
            });
            actions.taken.sort_by_key(|a| (a.date, a.time));
            Entry::new(event, &[Step::D])
        }
    };
    change.set_actions(actions);
    ui.outcome(&change.finish(entry)?);
    Ok(())
}

/// What was done (or is to be done): given, asked, or named as missing.
fn what(
    given: Option<String>,
    prompter: Option<&mut TerminalPrompter>,
    id: &IncidentId,
    planned: bool,
    lang: crate::domain::Lang,
) -> Result<String> {
    match (given, prompter) {
        (Some(text), _) => Ok(text),
        (None, Some(prompter)) => {
            let prompt = if planned {
                lang.pick("Planerad åtgärd (steg E)", "Planned measure (step E)")
            } else {
                lang.pick(
                    "Vad gjordes? (steg D, IMY fråga 30)",
                    "What was done? (step D, IMY question 30)",
                )
            };
            Ok(prompter.long_text(prompt, None, true)?.unwrap_or_default())
        }
        (None, None) => Err(Error::MissingAnswers {
            command: format!("log {id}"),
            missing: vec![(
                "--action TEXT".into(),
                lang.pick(
                    "vad som gjordes (eller, med --planned, vad som ska göras)",
                    "what was done (or, with --planned, what is to be done)",
                )
                .into(),
            )],
            from_file: false,
        }),
    }
}

/// The error for `flag` (`--done` or `--defer`) given a number no planned measure has.
fn no_such_measure(id: &IncidentId, NoSuchMeasure { count }: NoSuchMeasure, flag: &str) -> Error {
    Error::NoSuchMeasure {
        id: id.clone(),
        flag: flag.to_string(),
        count,
    }
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or_default()
}
