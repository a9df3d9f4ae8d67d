//! `incident close <id>` (steps G and H) and `incident reopen <id>`: closing needs every
//! planned measure done or deferred with a reason, and the root cause analysis and lessons
//! learned; reopening removes the closure in a journaled commit.

use crate::cli::prompt::{Prompter, TerminalPrompter};
use crate::cli::{Context, Opened};
use crate::domain::model::actions::MeasureStatus;
use crate::domain::model::{Closure, SCHEMA_VERSION};
use crate::domain::obligations::Duty;
use crate::error::{Error, Result};
use crate::store::FileKind;

#[derive(Debug, Default, clap::Args)]
pub struct CloseArgs {
    /// The incident id, YYYY-NNNN
    pub id: String,
    /// The root cause analysis (grundorsaksanalys)
    #[arg(long, value_name = "TEXT")]
    pub root_cause: Option<String>,
    /// Lessons learned, to prevent recurrence
    #[arg(long, value_name = "TEXT")]
    pub lessons: Option<String>,
    /// Who closes the case [default: the journal's author]
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct ReopenArgs {
    /// The incident id, YYYY-NNNN
    pub id: String,
    /// Why the case is reopened
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
}

pub fn close(context: &Context, args: CloseArgs) -> Result<i32> {
    let Opened {
        mut register,
        ui,
        id,
        incident,
    } = context.open_incident_to_change(&args.id)?;
    let lang = ui.lang;
    register.require_journal()?;
    if incident.is_closed() {
        return Err(Error::Refused {
            message: format!("{id} is already closed\n  hint: `incident reopen {id}` first"),
        });
    }
    let open: Vec<String> = incident
        .actions
        .iter()
        .flat_map(|a| a.planned.iter().enumerate())
        .filter(|(_, m)| m.status == MeasureStatus::Open)
        .map(|(i, m)| {
            format!(
                "  {}. {}",
                i + 1,
                m.measure.lines().next().unwrap_or_default()
            )
        })
        .collect();
    if !open.is_empty() {
        return Err(Error::Refused {
            message: format!(
                "{id} cannot be closed while planned measures are open (the municipal process, step H: close after the measures):\n{}\n  hint: `incident log {id} --done N`, or `incident log {id} --defer N --reason TEXT`",
                open.join("\n")
            ),
        });
    }
    if incident.assessment.is_none() {
        return Err(Error::Refused {
            message: format!(
                "{id} has no risk assessment: every incident is assessed and documented before it is closed (step C; GDPR Art. 33(5))\n  hint: `incident assess {id}`"
            ),
        });
    }
    // The law's duties are not closed away: the case stays open while one is due.
    let now = context.now.with_timezone(&register.zone);
    let legal: Vec<String> =
        super::deadlines::collect(&register, std::slice::from_ref(&incident), now)?
            .into_iter()
            .filter(|o| o.state.is_open())
            .filter(|o| {
                matches!(
                    o.duty,
                    Duty::NotifyImy
                        | Duty::LateReason
                        | Duty::InformDataSubjects
                        | Duty::NotifyController
                )
            })
            .map(|o| {
                format!(
                    "  {} ({}), {}",
                    o.duty.label(lang),
                    o.duty.rule(),
                    super::deadlines::local(o.due)
                )
            })
            .collect();
    if !legal.is_empty() {
        return Err(Error::Refused {
            message: format!(
                "{id} cannot be closed while these obligations are open:\n{}\n  hint: record them with `incident notified` or `incident contacted controller`",
                legal.join("\n")
            ),
        });
    }
    let stamp = context.stamp(Some(&register))?;
    context.before_prompting(&register, Some(&id))?;
    let mut root_cause = args.root_cause;
    let mut lessons = args.lessons;
    if context.interactive {
        let mut prompter = TerminalPrompter::new(lang);
        if root_cause.is_none() {
            root_cause = prompter.long_text(
                lang.pick(
                    "Grundorsaksanalys: varför hände det?",
                    "Root cause analysis: why did it happen?",
                ),
                None,
                true,
            )?;
        }
        if lessons.is_none() {
            lessons = prompter.long_text(
                lang.pick(
                    "Lärdomar: vad ändras så att det inte händer igen?",
                    "Lessons learned: what changes so it does not happen again?",
                ),
                None,
                true,
            )?;
        }
    }
    let mut missing = Vec::new();
    if root_cause.is_none() {
        missing.push((
            "--root-cause TEXT".to_string(),
            "the root cause analysis".to_string(),
        ));
    }
    if lessons.is_none() {
        missing.push((
            "--lessons TEXT".to_string(),
            "the lessons learned".to_string(),
        ));
    }
    if !missing.is_empty() {
        return Err(Error::MissingAnswers {
            command: format!("close {id}"),
            missing,
            from_file: false,
        });
    }
    let closure = Closure {
        schema_version: SCHEMA_VERSION,
        closed_at: stamp.when,
        closed_by: args.by.unwrap_or_else(|| stamp.author.name.clone()),
        root_cause: root_cause.expect("checked"),
        lessons_learned: lessons.expect("checked"),
    };
    let text = super::render_incident_file(&id, FileKind::Closure, &closure)?;
    let body = Some(format!(
        "Root cause: {}\n\nLessons learned: {}",
        closure.root_cause.trim(),
        closure.lessons_learned.trim()
    ));
    super::commit_incident(
        &mut register,
        &ui,
        &stamp,
        &id,
        vec![(FileKind::Closure, Some(text))],
        super::Entry {
            subject: "closed".into(),
            body,
            steps: &["G", "H"],
            trailers: Vec::new(),
        },
    )?;
    Ok(0)
}

pub fn reopen(context: &Context, args: ReopenArgs) -> Result<i32> {
    let Opened {
        mut register,
        ui,
        id,
        incident,
    } = context.open_incident_to_change(&args.id)?;
    let lang = ui.lang;
    if !incident.is_closed() {
        return Err(Error::Refused {
            message: format!("{id} is not closed"),
        });
    }
    let stamp = context.stamp(Some(&register))?;
    context.before_prompting(&register, Some(&id))?;
    let reason = match args.reason {
        Some(reason) => reason,
        None if context.interactive => TerminalPrompter::new(lang)
            .long_text(
                lang.pick("Varför öppnas ärendet igen?", "Why is the case reopened?"),
                None,
                true,
            )?
            .unwrap_or_default(),
        None => {
            return Err(Error::MissingAnswers {
                command: format!("reopen {id}"),
                missing: vec![("--reason TEXT".into(), "why the case is reopened".into())],
                from_file: false,
            });
        }
    };
    super::commit_incident(
        &mut register,
        &ui,
        &stamp,
        &id,
        vec![(FileKind::Closure, None)],
        super::Entry {
            subject: "reopened".into(),
            body: Some(reason),
            steps: &[],
            trailers: Vec::new(),
        },
    )?;
    Ok(0)
}
