//! Steps G and H: closing the case once every planned measure is done or deferred with a
//! reason and the law's duties are met (or waived, each with a reason the journal keeps),
//! with the root cause and the lessons learned; and
//! reopening a closed case (the closure stays in the journal).

use crate::cli::prompt::{Prompter, TerminalPrompter};
use crate::cli::{Context, ui::Ui};
use crate::domain::closing::{CannotClose, open_legal, why_not_closable};
use crate::domain::event::Event;
use crate::domain::incident::Incident;
use crate::domain::input::InputError;
use crate::domain::model::closure::{AtClose, Waiver};
use crate::domain::model::{Closure, SCHEMA_VERSION};
use crate::domain::obligations::{Obligation, of_incidents};
use crate::domain::steps::Step;
use crate::domain::{IncidentId, Lang};
use crate::error::{Error, Result};
use crate::store::{Entry, Register};

/// The answers of a closing; what is `None` is asked at a terminal.
#[derive(Debug, Clone, Default)]
pub struct Closing {
    pub root_cause: Option<String>,
    pub lessons: Option<String>,
    /// Who closes the case [default: the journal's author].
    pub by: Option<String>,
    /// Keys of open obligations of the law to waive (`--waive`), each with `reason`.
    pub waive: Vec<String>,
    /// Why the waived obligations are not met (`--reason`).
    pub reason: Option<String>,
}

/// Closes incident `id`, or refuses with what stands in the way.
pub fn close(
    context: &Context,
    register: &Register,
    ui: &Ui,
    id: &IncidentId,
    closing: Closing,
) -> Result<bool> {
    let lang = ui.lang;
    let mut change = context.start_change(register, id)?;
    let incident = change.incident();
    // The law's duties are not closed away: the case stays open while one is due, unless it
    // is waived with a reason that the journal keeps.
    let now = context.now.with_timezone(&register.zone);
    let (settings, zone) = (&register.settings, register.zone);
    let obligations = of_incidents(std::slice::from_ref(incident), settings, zone, now)
        .map_err(Error::discovery_not_in_zone)?;
    let Closing {
        mut root_cause,
        mut lessons,
        by,
        waive,
        reason,
    } = closing;
    let mut waived: Vec<Waiver> = waive
        .iter()
        .map(|key| Waiver {
            obligation: key.clone(),
            reason: reason.clone().unwrap_or_default(),
        })
        .collect();
    if context.interactive && why_not_closable(incident, &obligations, &[]).is_some() {
        ask_waivers(lang, incident, &obligations, reason.as_deref(), &mut waived)?;
    }
    let waiving: Vec<String> = waived.iter().map(|w| w.obligation.clone()).collect();
    if let Some(refusal) = why_not_closable(incident, &obligations, &waiving) {
        let id = id.clone();
        return Err(match refusal {
            CannotClose::AlreadyClosed => Error::AlreadyClosed { id },
            CannotClose::OpenMeasures(measures) => Error::OpenMeasures { id, measures },
            CannotClose::NotAssessed => Error::NotAssessed { id, step: Step::H },
            CannotClose::NotWaivable { key } => {
                Error::bad_input("--waive", InputError::NotWaivable { key })
            }
            CannotClose::NothingToWaive { key, open } => Error::bad_input(
                "--waive",
                InputError::NothingToWaive {
                    key,
                    open: open.iter().map(|o| o.duty.key().to_string()).collect(),
                },
            ),
            CannotClose::ObligationsOpen(obligations) => Error::ObligationsOpen { id, obligations },
        });
    }
    if waived.iter().any(|w| w.reason.trim().is_empty()) {
        return Err(Error::MissingAnswers {
            command: format!("close {id}"),
            missing: vec![(
                "--reason TEXT".to_string(),
                lang.pick(
                    "varför de avskrivna skyldigheterna enligt lag inte är uppfyllda (sparas i closure.yaml och journalen)",
                    "why the waived obligations of the law are not met (kept in closure.yaml and the journal)",
                )
                .to_string(),
            )],
            from_file: false,
        });
    }
    if context.interactive {
        let mut prompter = TerminalPrompter::new(lang);
        if root_cause.is_none() {
            root_cause = prompter.long_text(
                lang.pick(
                    "Grundorsaksanalys: varför hände det? (tomt svar: avsluta senare)",
                    "Root cause analysis: why did it happen? (empty answer: close later)",
                ),
                None,
                false,
            )?;
        }
        if root_cause.is_some() && lessons.is_none() {
            lessons = prompter.long_text(
                lang.pick(
                    "Lärdomar: vad ändras så att det inte händer igen? (tomt svar: avsluta senare)",
                    "Lessons learned: what changes so it does not happen again? (empty answer: close later)",
                ),
                None,
                false,
            )?;
        }
        // Not written yet is an answer at a terminal: nothing is closed, and the command
        // to close later is said.
        if root_cause.is_none() || lessons.is_none() {
            ui.say(&format!(
                "{} `incident close {id} --root-cause TEXT --lessons TEXT`",
                lang.pick(
                    "Ärendet är inte avslutat. När grundorsaken och lärdomarna är skrivna:",
                    "The case is not closed. Once the root cause and the lessons are written:"
                ),
            ));
            return Ok(false);
        }
    }
    let (Some(root_cause), Some(lessons)) = (root_cause.clone(), lessons.clone()) else {
        let mut missing = Vec::new();
        if root_cause.is_none() {
            missing.push((
                "--root-cause TEXT".to_string(),
                lang.pick("grundorsaksanalysen", "the root cause analysis")
                    .to_string(),
            ));
        }
        if lessons.is_none() {
            missing.push((
                "--lessons TEXT".to_string(),
                lang.pick("lärdomarna", "the lessons learned").to_string(),
            ));
        }
        return Err(Error::MissingAnswers {
            command: format!("close {id}"),
            missing,
            from_file: false,
        });
    };
    let stamp = change.stamp().clone();
    // The body in the register's language, as the subject.
    let journal = settings.register.language;
    let mut body = format!(
        "{} {}\n\n{} {}",
        journal.pick("Grundorsak:", "Root cause:"),
        root_cause.trim(),
        journal.pick("Lärdomar:", "Lessons learned:"),
        lessons.trim()
    );
    for waiver in &waived {
        let rule = obligations
            .iter()
            .find(|o| o.duty.key() == waiver.obligation)
            .map(|o| o.duty.rule_in(journal))
            .unwrap_or_default();
        body.push_str(&format!(
            "\n\n{} {} ({rule}): {}",
            journal.pick("Avskriven:", "Waived:"),
            waiver.obligation,
            waiver.reason.trim()
        ));
    }
    let event = Event::Closed {
        waived: waived.len(),
    };
    let closure = Closure {
        schema_version: SCHEMA_VERSION,
        closed_at: stamp.when,
        closed_by: by.unwrap_or_else(|| stamp.author.name.clone()),
        root_cause,
        lessons_learned: lessons,
        legal_obligations_at_close: Some(if waived.is_empty() {
            AtClose::Met
        } else {
            AtClose::Waived
        }),
        waived,
    };
    change.set_closure(Some(closure));
    ui.outcome(&change.finish(Entry::new(event, &[Step::G, Step::H]).with_body(body))?);
    Ok(true)
}

/// At a terminal: for each open obligation of the law not waived yet, whether to waive it,
/// and why (the reason given with `--reason` is offered as the answer).
fn ask_waivers(
    lang: Lang,
    incident: &Incident,
    obligations: &[Obligation],
    reason: Option<&str>,
    waived: &mut Vec<Waiver>,
) -> Result<()> {
    // Measures and the assessment come first: waiving is offered only when the law's
    // duties are all that stand in the way.
    if !matches!(
        why_not_closable(incident, obligations, &[]),
        Some(CannotClose::ObligationsOpen(_))
    ) {
        return Ok(());
    }
    let mut prompter = TerminalPrompter::new(lang);
    for obligation in open_legal(obligations) {
        let key = obligation.duty.key();
        // Not offered: the IMY notification is decided in the assessment (GDPR Art. 33(1)).
        if waived.iter().any(|w| w.obligation == key) || matches!(key, "notify_imy" | "late_reason")
        {
            continue;
        }
        let question = format!(
            "{} ({}) {}: {}. {}",
            obligation.duty.label(lang),
            obligation.duty.rule_in(lang),
            lang.pick("är öppen", "is open"),
            obligation.state.label(lang),
            lang.pick(
                "Skriva av den och avsluta ändå? Skälet journalförs.",
                "Waive it and close all the same? The reason is journaled."
            )
        );
        if !prompter.confirm(&question, false)? {
            continue;
        }
        let why = prompter
            .long_text(
                lang.pick("Varför uppfylls den inte?", "Why is it not met?"),
                reason,
                true,
            )?
            .unwrap_or_default();
        waived.push(Waiver {
            obligation: key.to_string(),
            reason: why,
        });
    }
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
    ui.outcome(&change.finish(Entry::new(Event::Reopened, &[]).with_body(reason))?);
    Ok(())
}
