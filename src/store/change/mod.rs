//! One change, one transaction (design.md §12). A command starts a change of an incident
//! (or of a new one), mutates typed values through it, and finishes it with the journal
//! entry; the transaction does the rest, in this order:
//!
//! - start: the register lock; Git's state checked (HEAD on the register's branch, no merge
//!   in progress, no lock of git's: see [`crate::error::GitBlocker`]); interrupted writes of
//!   the incident finished; its files read and validated (the base); edits by hand in its
//!   folder and the settings checked, so a person never types answers that a bad edit would
//!   refuse at the end;
//! - finish: the lock again if it was let go while a person answered prompts (with Git's
//!   state and the interrupted writes checked again); a refusal when the base changed
//!   meanwhile (recording would undo that change); the new files rendered and the incident
//!   as it will be validated; a command run again minutes after it recorded is told so,
//!   not recorded twice; then, under Git's own lock on the index, the edits by hand as
//!   their own entry, one commit, the files written atomically and the index updated.
//!   Once the commit exists the change is recorded: what fails after it is reported in
//!   the [`Outcome`], never as a failure of the change.
//!
//! Nothing of the YAML text, the temporary files, the commit message or git2 leaves it.

use std::collections::BTreeSet;

use chrono::{DateTime, FixedOffset};

use super::files::FileKind;
use super::journal::Message;
use super::layout::{incident_file, render_file};
use super::load::{incident_of, texts_of};
use super::register::{Recorded, Register, Stamp};
use crate::domain::draft::ReportDraft;
use crate::domain::event::Event;
use crate::domain::incident::Incident;
use crate::domain::model::{Actions, Assessment, Closure, Notification, Report};
use crate::domain::steps::Step;
use crate::domain::terminal::for_terminal;
use crate::domain::{IncidentId, Lang};
use crate::error::{Error, Result};
use transaction::Transaction;

mod import;
#[cfg(test)]
mod tests;
mod transaction;

pub use import::Imported;

/// How long a change holds the register lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockHold {
    /// From start to finish: scripted changes of one incident then run one after the
    /// other instead of one being refused.
    Throughout,
    /// At the start and at the finish only, for a change that asks a person between the
    /// two: nobody waits on someone typing, and the finish refuses the change when the
    /// incident changed meanwhile.
    StartAndFinish,
}

/// A journal entry: what happened (its event, rendered as the subject after the incident's
/// id in the register's language), an optional body, the steps A–H it records and further
/// trailers.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub event: Event,
    pub body: Option<String>,
    pub steps: Vec<Step>,
    pub trailers: Vec<(String, String)>,
}

impl Entry {
    pub fn new(event: Event, steps: &[Step]) -> Entry {
        Entry {
            event,
            body: None,
            steps: steps.to_vec(),
            trailers: Vec::new(),
        }
    }

    pub fn with_body(mut self, body: impl Into<String>) -> Entry {
        self.body = Some(body.into());
        self
    }

    pub fn with_trailer(mut self, key: &str, value: impl Into<String>) -> Entry {
        self.trailers.push((key.to_string(), value.into()));
        self
    }

    /// The commit message: `<id>: <subject>` in `lang` (the register's: the journal is
    /// shared), the body, and the trailers `Incident`, `Step` (one per step), the entry's
    /// own and the event's.
    fn message(self, id: &IncidentId, lang: Lang) -> Message {
        let mut trailers = vec![("Incident".to_string(), id.to_string())];
        trailers.extend(
            self.steps
                .iter()
                .map(|step| ("Step".to_string(), step.letter().to_string())),
        );
        trailers.extend(self.trailers);
        trailers.extend(self.event.trailers());
        // `git log` shows the message in a terminal as it is: what a person typed in it
        // is escaped there (the files keep it as typed).
        Message {
            subject: for_terminal(&self.event.subject(&id.to_string(), lang)).into_owned(),
            body: self.body.map(|body| for_terminal(&body).into_owned()),
            trailers,
        }
    }
}

/// What a finished change recorded, for the person to be told.
#[derive(Debug)]
pub struct Outcome {
    pub id: IncidentId,
    /// The change's journal entry.
    pub entry: Recorded,
    /// The edits by hand recorded first, as their own entry.
    pub hand_edits: Option<Recorded>,
    /// Files rewritten that held comments a person wrote: they are not kept (the journal
    /// keeps the earlier text).
    pub comments_lost: Vec<String>,
    /// What failed after the change was committed: its files or Git's index are not yet
    /// as the journal holds them. The change is recorded all the same; the next change of
    /// the incident, or `incident record`, finishes the work tree from the journal.
    pub unfinished: Option<Error>,
    /// The same entry was recorded by the same author at this time, minutes ago: the
    /// command ran again after it had recorded; nothing was recorded now, and `entry` is
    /// the earlier one.
    pub repeated: Option<DateTime<FixedOffset>>,
    /// The filed tag made for the entry (`filed/<id>/<what>`), when it records a filing.
    pub filed: Option<String>,
}

/// A change of one existing incident: its files as read, the values the command set.
pub struct Change<'r> {
    transaction: Transaction<'r>,
    id: IncidentId,
    /// The incident as it will be: as read, with the values set since.
    incident: Incident,
    touched: BTreeSet<FileKind>,
}

impl Register {
    /// Starts a change of incident `id` (see the module's documentation).
    pub fn start_change(
        &self,
        id: &IncidentId,
        stamp: &Stamp,
        hold: LockHold,
    ) -> Result<Change<'_>> {
        self.journal()?;
        self.require(id)?;
        let mut transaction = Transaction::start(self, stamp, Some(id))?;
        let (texts, strays) = texts_of(&self.root, id)?;
        let incident = incident_of(id, &texts, strays, self.zone, &self.settings)?;
        transaction.valid_hand_edits(Some(id))?;
        transaction.base = texts;
        transaction.let_go(hold);
        Ok(Change {
            transaction,
            id: id.clone(),
            incident,
            touched: BTreeSet::new(),
        })
    }

    /// Starts the recording of a new incident: the id is taken when it finishes.
    pub fn start_new(&self, stamp: &Stamp, hold: LockHold) -> Result<NewIncident<'_>> {
        let mut transaction = Transaction::start(self, stamp, None)?;
        transaction.valid_hand_edits(None)?;
        transaction.let_go(hold);
        Ok(NewIncident {
            transaction,
            notification: None,
        })
    }
}

impl Change<'_> {
    pub fn id(&self) -> &IncidentId {
        &self.id
    }

    /// Who and when this change is recorded as.
    pub fn stamp(&self) -> &Stamp {
        &self.transaction.stamp
    }

    /// The incident as it will be recorded: as read at the start, with what was set since.
    pub fn incident(&self) -> &Incident {
        &self.incident
    }

    pub fn set_report(&mut self, report: Report) {
        self.incident.report = report;
        self.touched.insert(FileKind::Report);
    }

    pub fn set_assessment(&mut self, assessment: Assessment) {
        self.incident.assessment = Some(assessment);
        self.touched.insert(FileKind::Assessment);
    }

    pub fn set_actions(&mut self, actions: Actions) {
        self.incident.actions = Some(actions);
        self.touched.insert(FileKind::Actions);
    }

    pub fn set_notification(&mut self, notification: Notification) {
        self.incident.notification = Some(notification);
        self.touched.insert(FileKind::Notification);
    }

    /// Sets the closure, or removes it (`None`: the case is reopened).
    pub fn set_closure(&mut self, closure: Option<Closure>) {
        self.incident.closure = closure;
        self.touched.insert(FileKind::Closure);
    }

    /// Records the change as one journal entry (see the module's documentation).
    pub fn finish(self, entry: Entry) -> Result<Outcome> {
        let mut updates = Vec::new();
        for kind in &self.touched {
            let text = match kind {
                FileKind::Report => Some(self.render(*kind, &self.incident.report)?),
                FileKind::Assessment => {
                    self.render_some(*kind, self.incident.assessment.as_ref())?
                }
                FileKind::Actions => self.render_some(*kind, self.incident.actions.as_ref())?,
                FileKind::Notification => {
                    self.render_some(*kind, self.incident.notification.as_ref())?
                }
                FileKind::Closure => self.render_some(*kind, self.incident.closure.as_ref())?,
                FileKind::Settings => None,
            };
            updates.push((*kind, text));
        }
        self.transaction.record(&self.id, updates, entry)
    }

    fn render<T: serde::Serialize>(&self, kind: FileKind, value: &T) -> Result<String> {
        render_file(kind, &incident_file(&self.id, kind), value)
    }

    fn render_some<T: serde::Serialize>(
        &self,
        kind: FileKind,
        value: Option<&T>,
    ) -> Result<Option<String>> {
        value.map(|value| self.render(kind, value)).transpose()
    }
}

/// The recording of a new incident: its id is the next free one of the year of discovery,
/// taken under the register lock when it is recorded, so two people never get the same.
pub struct NewIncident<'r> {
    transaction: Transaction<'r>,
    /// The notification recorded with the report, if any (customers listed as affected).
    notification: Option<Notification>,
}

impl NewIncident<'_> {
    /// Records `notification` with the report, in the same entry (e.g. the customer who
    /// reported the incident, listed as affected).
    pub fn set_notification(&mut self, notification: Notification) {
        self.notification = Some(notification);
    }

    /// Keeps `bytes` as evidence file `name` of the new incident, in the same commit as its
    /// report (see [`crate::store::layout::EVIDENCE_FOLDER`]).
    pub fn keep_evidence(&mut self, name: &str, bytes: Vec<u8>) {
        self.transaction.evidence.push((name.to_string(), bytes));
    }

    /// Records the report of `draft` under the next free id of its year of discovery.
    /// The draft must hold every required answer ([`ReportDraft::missing`] is empty).
    pub fn finish(self, draft: ReportDraft, entry: Entry) -> Result<Outcome> {
        self.finish_with(draft, None, entry)
    }

    /// As [`NewIncident::finish`], with an action log recorded in the same entry (the
    /// actions a processor's notice says were taken, `new --from-notice`).
    pub fn finish_with(
        mut self,
        draft: ReportDraft,
        actions: Option<Actions>,
        entry: Entry,
    ) -> Result<Outcome> {
        let missing = |missing| Error::MissingAnswers {
            command: "new".into(),
            missing,
            from_file: true,
        };
        let lang = self.transaction.register.settings.register.language;
        let year = draft
            .year_of_discovery()
            .ok_or_else(|| missing(draft.missing(lang)))?;
        self.transaction.hold_again(None)?;
        let id = self.transaction.register.next_id(year)?;
        let report = draft.into_report(id.clone(), lang).map_err(missing)?;
        let text = render_file(
            FileKind::Report,
            &incident_file(&id, FileKind::Report),
            &report,
        )?;
        let mut files = vec![(FileKind::Report, Some(text))];
        if let Some(actions) = &actions {
            let path = incident_file(&id, FileKind::Actions);
            files.push((
                FileKind::Actions,
                Some(render_file(FileKind::Actions, &path, actions)?),
            ));
        }
        if let Some(notification) = &self.notification {
            let path = incident_file(&id, FileKind::Notification);
            files.push((
                FileKind::Notification,
                Some(render_file(FileKind::Notification, &path, notification)?),
            ));
        }
        let register = self.transaction.register;
        let mut outcome = self.transaction.record(&id, files, entry)?;
        // Recorded: the id is given, also if its folder is deleted one day.
        if outcome.repeated.is_none()
            && let Err(error) = register.journal()?.set_last_issued(year, id.sequence())
        {
            outcome.unfinished.get_or_insert(error);
        }
        Ok(outcome)
    }
}
