//! `incident log <id>`: the action log and planned measures (steps D and E; IMY question
//! 30): add an action taken, add a planned measure, mark one done or defer it. One commit
//! per entry.

use crate::cli::prompt::{Prompter, TerminalPrompter};
use crate::cli::{Context, Opened};
use crate::domain::model::SCHEMA_VERSION;
use crate::domain::model::actions::{ActionTaken, Actions, MeasureStatus, PlannedMeasure, Purpose};
use crate::domain::moment::{parse_date, parse_date_and_time};
use crate::error::{Error, Result};
use crate::store::FileKind;

#[derive(Debug, Default, clap::Args)]
pub struct LogArgs {
    /// The incident id, YYYY-NNNN
    pub id: String,
    /// What was done (or, with --planned, what is to be done)
    #[arg(long, value_name = "TEXT")]
    pub action: Option<String>,
    /// When it was done: YYYY-MM-DD or "YYYY-MM-DD HH:MM" [default: now]
    #[arg(long, value_name = "DATE[ TIME]")]
    pub at: Option<String>,
    /// Who did it, or (with --planned) who owns it
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
    /// Add a planned measure (step E) instead of an action taken
    #[arg(long, conflicts_with_all = ["done", "defer"])]
    pub planned: bool,
    /// The planned measure's due date, YYYY-MM-DD (it becomes an obligation in `incident deadlines`)
    #[arg(long, value_name = "DATE", requires = "planned")]
    pub due: Option<String>,
    /// The planned measure's purpose: mitigate (the consequences) or prevent (recurrence)
    #[arg(long, value_name = "PURPOSE", requires = "planned", value_parser = parse_purpose)]
    pub purpose: Option<Purpose>,
    /// Mark planned measure N (as numbered by `incident show`) done
    #[arg(long, value_name = "N", conflicts_with_all = ["defer", "action", "by"])]
    pub done: Option<usize>,
    /// Defer planned measure N; needs --reason
    #[arg(long, value_name = "N", requires = "reason")]
    pub defer: Option<usize>,
    /// Why the measure is deferred
    #[arg(long, value_name = "TEXT", requires = "defer")]
    pub reason: Option<String>,
}

fn parse_purpose(text: &str) -> Result<Purpose, String> {
    match text.trim() {
        "mitigate" => Ok(Purpose::Mitigate),
        "prevent" => Ok(Purpose::Prevent),
        other => Err(format!(
            "`{other}` is not a purpose: use mitigate or prevent"
        )),
    }
}

pub fn run(context: &Context, args: LogArgs) -> Result<i32> {
    let Opened {
        mut register,
        ui,
        id,
        incident,
    } = context.open_incident_to_change(&args.id)?;
    let lang = ui.lang;
    register.require_journal()?;
    let stamp = context.stamp(Some(&register))?;
    context.before_prompting(&register, Some(&id))?;
    let today = context.now_in(Some(&register));
    let mut actions = incident.actions.clone().unwrap_or(Actions {
        schema_version: SCHEMA_VERSION,
        taken: Vec::new(),
        planned: Vec::new(),
    });
    let mut prompter = context.interactive.then(|| TerminalPrompter::new(lang));
    let (subject, step) = if let Some(number) = args.done.or(args.defer) {
        let count = actions.planned.len();
        let measure = number.checked_sub(1).and_then(|i| actions.planned.get_mut(i)).ok_or_else(|| {
            Error::bad_input(
                if args.done.is_some() { "--done" } else { "--defer" },
                format!("{id} has {count} planned measure(s); give a number from 1 to {count} (see `incident show {id}`)"),
            )
        })?;
        let what = measure
            .measure
            .lines()
            .next()
            .unwrap_or_default()
            .to_string();
        if args.done.is_some() {
            let on = match &args.at {
                Some(text) => {
                    parse_date_and_time(text)
                        .map_err(|m| Error::bad_input("--at", m))?
                        .0
                }
                None => today.date_naive(),
            };
            measure.status = MeasureStatus::Done;
            measure.done_on = Some(on);
            measure.deferred_reason = None;
            (format!("measure done: {what}"), "E")
        } else {
            measure.status = MeasureStatus::Deferred;
            measure.deferred_reason = args.reason.clone();
            (format!("measure deferred: {what}"), "E")
        }
    } else {
        let action = match (&args.action, prompter.as_mut()) {
            (Some(action), _) => action.clone(),
            (None, Some(prompter)) => {
                let prompt = if args.planned {
                    lang.pick("Planerad åtgärd (steg E)", "Planned measure (step E)")
                } else {
                    lang.pick(
                        "Vad gjordes? (steg D, IMY fråga 30)",
                        "What was done? (step D, IMY question 30)",
                    )
                };
                prompter.long_text(prompt, None, true)?.unwrap_or_default()
            }
            (None, None) => {
                return Err(Error::MissingAnswers {
                    command: format!("log {id}"),
                    missing: vec![(
                        "--action TEXT".into(),
                        "what was done (or, with --planned, what is to be done)".into(),
                    )],
                    from_file: false,
                });
            }
        };
        let first_line = action.lines().next().unwrap_or_default().to_string();
        if args.planned {
            let purpose = match (args.purpose, prompter.as_mut()) {
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
                            "mitigate the consequences, or prevent recurrence".into(),
                        )],
                        from_file: false,
                    });
                }
            };
            let due = args
                .due
                .as_deref()
                .map(parse_date)
                .transpose()
                .map_err(|m| Error::bad_input("--due", m))?;
            actions.planned.push(PlannedMeasure {
                measure: action,
                owner: args.by.clone(),
                due,
                purpose,
                status: MeasureStatus::Open,
                done_on: None,
                deferred_reason: None,
            });
            (format!("measure planned: {first_line}"), "E")
        } else {
            // The course of events needs when it was done, not when it was logged.
            let asked = match (&args.at, prompter.as_mut()) {
                (None, Some(prompter)) => prompter.text(
                    lang.pick(
                        "När gjordes det? [ÅÅÅÅ-MM-DD TT:MM]",
                        "When was it done? [YYYY-MM-DD HH:MM]",
                    ),
                    Some(&today.format("%Y-%m-%d %H:%M").to_string()),
                    true,
                    &|text| parse_date_and_time(text).map(|_| ()),
                )?,
                (at, _) => at.clone(),
            };
            let (date, time) = match &asked {
                Some(text) => parse_date_and_time(text).map_err(|m| Error::bad_input("--at", m))?,
                None => (
                    today.date_naive(),
                    crate::domain::ClockTime::new(
                        chrono::Timelike::hour(&today),
                        chrono::Timelike::minute(&today),
                    ),
                ),
            };
            actions.taken.push(ActionTaken {
                date,
                time,
                action,
                by: args.by.clone(),
            });
            actions.taken.sort_by_key(|a| (a.date, a.time));
            (format!("action logged: {first_line}"), "D")
        }
    };
    let text = super::render_incident_file(&id, FileKind::Actions, &actions)?;
    super::warn_if_comments_lost(&register, &ui, &id, FileKind::Actions);
    super::commit_incident(
        &mut register,
        &ui,
        &stamp,
        &id,
        vec![(FileKind::Actions, Some(text))],
        super::Entry {
            subject,
            body: None,
            steps: &[step],
            trailers: Vec::new(),
        },
    )?;
    Ok(0)
}
