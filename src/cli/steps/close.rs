//! Steps G and H: closing the case once every planned measure is done or deferred with a
//! reason and the law's duties are met, with the root cause and the lessons learned; and
//! reopening a closed case (the closure stays in the journal).

use crate::cli::prompt::{Prompter, TerminalPrompter};
use crate::cli::{Context, ui::Ui};
use crate::domain::IncidentId;
use crate::domain::closing::{CannotClose, why_not_closable};
use crate::domain::model::{Closure, SCHEMA_VERSION};
use crate::domain::obligations::of_incidents;
use crate::domain::steps::Step;
use crate::error::{Error, Result};
use crate::store::{Entry, Register};

/// The answers of a closing; what is `None` is asked at a terminal.
#[derive(Debug, Clone, Default)]
pub struct Closing {
    pub root_cause: Option<String>,
    pub lessons: Option<String>,
    /// Who closes the case [default: the journal's author].
    pub by: Option<String>,
}

/// Closes incident `id`, or refuses with what stands in the way.
pub fn close(
    context: &Context,
    register: &Register,
    ui: &Ui,
    id: &IncidentId,
    closing: Closing,
) -> Result<()> {
    let lang = ui.lang;
    let mut change = context.start_change(register, id)?;
    let incident = change.incident();
    // The law's duties are not closed away: the case stays open while one is due.
    let now = context.now.with_timezone(&register.zone);
    let (settings, zone) = (&register.settings, register.zone);
    let obligations = of_incidents(std::slice::from_ref(incident), settings, zone, now)
        .map_err(Error::discovery_not_in_zone)?;
    if let Some(reason) = why_not_closable(incident, &obligations) {
        let id = id.clone();
        return Err(match reason {
            CannotClose::AlreadyClosed => Error::AlreadyClosed { id },
            CannotClose::OpenMeasures(measures) => Error::OpenMeasures { id, measures },
            CannotClose::NotAssessed => Error::NotAssessed { id, step: Step::H },
            CannotClose::ObligationsOpen(obligations) => Error::ObligationsOpen { id, obligations },
        });
    }
    let Closing {
        mut root_cause,
        mut lessons,
        by,
    } = closing;
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
    let (Some(root_cause), Some(lessons)) = (root_cause.clone(), lessons.clone()) else {
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
        return Err(Error::MissingAnswers {
            command: format!("close {id}"),
            missing,
            from_file: false,
        });
    };
    let stamp = change.stamp().clone();
    let closure = Closure {
        schema_version: SCHEMA_VERSION,
        closed_at: stamp.when,
        closed_by: by.unwrap_or_else(|| stamp.author.name.clone()),
        root_cause,
        lessons_learned: lessons,
    };
    let body = format!(
        "Root cause: {}\n\nLessons learned: {}",
        closure.root_cause.trim(),
        closure.lessons_learned.trim()
    );
    change.set_closure(Some(closure));
    ui.outcome(&change.finish(Entry::new("closed", &[Step::G, Step::H]).with_body(body))?);
    Ok(())
}

/// Reopens a closed case with the reason; the closure stays in the journal.
pub fn reopen(
    context: &Context,
    register: &Register,
    ui: &Ui,
    id: &IncidentId,
    reason: Option<String>,
) -> Result<()> {
    let lang = ui.lang;
    let mut change = context.start_change(register, id)?;
    if !change.incident().is_closed() {
        return Err(Error::NotClosed { id: id.clone() });
    }
    let reason = match reason {
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
    change.set_closure(None);
    ui.outcome(&change.finish(Entry::new("reopened", &[]).with_body(reason))?);
    Ok(())
}
