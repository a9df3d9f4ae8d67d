//! One change, one transaction (design.md §12). A command starts a change of an incident
//! (or of a new one), mutates typed values through it, and finishes it with the journal
//! entry; the transaction does the rest, in this order:
//!
//! - start: the register lock; interrupted writes of the incident finished; its files read
//!   and validated (the base); edits by hand in its folder and the settings checked, so a
//!   person never types answers that a bad edit would refuse at the end;
//! - finish: the lock again if it was let go while a person answered prompts (and the
//!   interrupted writes finished again, since another change may have died meanwhile); a
//!   refusal when the base changed meanwhile (recording would undo that change); the edits
//!   by hand recorded as their own entry; the new files rendered and the incident as it
//!   will be validated; one commit; the files written atomically; the index updated.
//!
//! Nothing of the YAML text, the temporary files, the commit message or git2 leaves it.

use std::collections::{BTreeMap, BTreeSet};

use super::files::FileKind;
use super::journal::{Message, PathChange};
use super::layout::{SETTINGS_FILE, edit_scope, incident_file, render_file};
use super::load::{incident_of, parse_incident, texts_of};
use super::lock::{self, RegisterLock};
use super::register::{Recorded, Register, Stamp};
use super::{files, hand_edits::HandEdits};
use crate::domain::IncidentId;
use crate::domain::draft::ReportDraft;
use crate::domain::incident::Incident;
use crate::domain::model::{Actions, Assessment, Closure, Notification, Report};
use crate::domain::steps::Step;
use crate::error::{Error, Meanwhile, Result};

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

/// A journal entry: what happened (the subject after the incident's id), an optional body,
/// the steps A–H it records and further trailers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub subject: String,
    pub body: Option<String>,
    pub steps: Vec<Step>,
    pub trailers: Vec<(String, String)>,
}

impl Entry {
    pub fn new(subject: impl Into<String>, steps: &[Step]) -> Entry {
        Entry {
            subject: subject.into(),
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

    /// The commit message: `<id>: <subject>`, the body, and the trailers `Incident`,
    /// `Step` (one per step) and the entry's own.
    fn message(self, id: &IncidentId) -> Message {
        let mut trailers = vec![("Incident".to_string(), id.to_string())];
        trailers.extend(
            self.steps
                .iter()
                .map(|step| ("Step".to_string(), step.letter().to_string())),
        );
        trailers.extend(self.trailers);
        Message {
            subject: format!("{id}: {}", self.subject),
            body: self.body,
            trailers,
        }
    }
}

/// What a finished change recorded, for the person to be told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub id: IncidentId,
    /// The change's journal entry.
    pub entry: Recorded,
    /// The edits by hand recorded first, as their own entry.
    pub hand_edits: Option<Recorded>,
    /// Files rewritten that held comments a person wrote: they are not kept (the journal
    /// keeps the earlier text).
    pub comments_lost: Vec<String>,
}

/// What a change of an existing incident and a new incident share: the lock, the base it
/// was computed from, and the recording.
struct Transaction<'r> {
    register: &'r Register,
    stamp: Stamp,
    lock: Option<RegisterLock>,
    /// The incident's files as read at the start; empty for a new incident.
    base: BTreeMap<FileKind, String>,
}

impl<'r> Transaction<'r> {
    /// Takes the lock, finishes interrupted writes under `folder` and checks the edits by
    /// hand there and in the settings.
    fn start(
        register: &'r Register,
        stamp: &Stamp,
        folder: Option<&IncidentId>,
    ) -> Result<Transaction<'r>> {
        register.journal()?;
        let lock = lock::acquire(&register.root, lock::configured_wait())?;
        register.check_git_state()?;
        let transaction = Transaction {
            register,
            stamp: stamp.clone(),
            lock: Some(lock),
            base: BTreeMap::new(),
        };
        transaction.finish_interrupted(folder)?;
        Ok(transaction)
    }

    fn finish_interrupted(&self, id: Option<&IncidentId>) -> Result<()> {
        match id {
            Some(id) => self.register.finish_interrupted(id),
            None => self.register.complete_interrupted(Some(&edit_scope(None))),
        }
    }

    /// The edits by hand that recording a change of `id` (or of a new incident) takes
    /// along, refused when any of them is invalid.
    fn valid_hand_edits(&self, id: Option<&IncidentId>) -> Result<HandEdits> {
        let edits = self
            .register
            .hand_edits(Some(&edit_scope(id.map(IncidentId::folder))))?;
        if edits.problems.is_empty() {
            Ok(edits)
        } else {
            Err(Error::HandEditsInvalid {
                problems: edits.problems,
            })
        }
    }

    /// Lets go of the lock while a person answers prompts.
    fn let_go(&mut self, hold: LockHold) {
        if hold == LockHold::StartAndFinish {
            self.lock = None;
        }
    }

    /// Takes the lock again if it was let go, and finishes what an interrupted change of
    /// the incident left meanwhile.
    fn hold_again(&mut self, id: Option<&IncidentId>) -> Result<()> {
        if self.lock.is_none() {
            self.lock = Some(lock::acquire(&self.register.root, lock::configured_wait())?);
            // Git's state may have changed while a person answered prompts.
            self.register.check_git_state()?;
            self.finish_interrupted(id)?;
        }
        Ok(())
    }

    /// Refuses when the settings or the incident's files are no longer as read: the
    /// change was computed from them, and recording it would undo what changed them.
    fn check_base(&self, id: &IncidentId) -> Result<BTreeMap<FileKind, String>> {
        let settings = files::read_text(&self.register.root.join(SETTINGS_FILE))?;
        if settings != self.register.settings_text {
            return Err(Error::Concurrent {
                what: Meanwhile::Settings,
            });
        }
        let (texts, strays) = texts_of(&self.register.root, id)?;
        if !strays.is_empty() {
            return Err(Error::invalid(strays));
        }
        if texts != self.base {
            return Err(Error::Concurrent {
                what: Meanwhile::Incident {
                    id: id.clone(),
                    created: self.base.is_empty(),
                },
            });
        }
        Ok(texts)
    }

    /// Validates the incident as `updates` make it, records the edits by hand, commits the
    /// change and writes its files.
    fn record(
        mut self,
        id: &IncidentId,
        updates: Vec<(FileKind, Option<String>)>,
        entry: Entry,
    ) -> Result<Outcome> {
        self.hold_again(Some(id))?;
        let mut texts = self.check_base(id)?;
        let edits = self.valid_hand_edits(Some(id))?;
        let mut comments_lost = Vec::new();
        let mut changes = Vec::new();
        for (kind, text) in updates {
            let path = incident_file(id, kind);
            match text {
                Some(text) => {
                    if self.base.get(&kind).is_some_and(|old| holds_comments(old)) {
                        comments_lost.push(path.clone());
                    }
                    texts.insert(kind, text.clone());
                    changes.push(PathChange::Write {
                        path,
                        bytes: text.into_bytes(),
                    });
                }
                None => {
                    texts.remove(&kind);
                    changes.push(PathChange::Delete { path });
                }
            }
        }
        let register = self.register;
        parse_incident(id, &texts, register.zone, &register.settings.deadlines)
            .map_err(Error::invalid)?;
        let hand_edits = register.record_edits(&edits, &self.stamp, None)?;
        // Committed from the bytes first: if the commit fails, nothing has been written.
        // Then the files are written atomically and the index follows.
        let message = entry.message(id);
        let journal = register.journal()?;
        let commit = journal.commit(&changes, &message, &self.stamp.author, self.stamp.when)?;
        for change in &changes {
            match change {
                PathChange::Write { path, bytes } => {
                    files::write_atomically(&register.root.join(path), bytes)?;
                }
                PathChange::Delete { path } => {
                    let full = register.root.join(path);
                    std::fs::remove_file(&full).map_err(|source| Error::Io {
                        action: "remove",
                        path: full,
                        source,
                    })?;
                }
            }
        }
        journal.update_index(&changes)?;
        Ok(Outcome {
            id: id.clone(),
            entry: Recorded {
                commit,
                subject: message.subject,
            },
            hand_edits,
            comments_lost,
        })
    }
}

/// Whether a file's text holds a comment line besides the schema modeline the tool writes.
fn holds_comments(text: &str) -> bool {
    text.lines()
        .skip(1)
        .any(|line| line.trim_start().starts_with('#'))
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
        let incident = incident_of(id, &texts, strays, self.zone, &self.settings.deadlines)?;
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
        Ok(NewIncident { transaction })
    }
}

impl Change<'_> {
    pub fn id(&self) -> &IncidentId {
        &self.id
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
}

impl NewIncident<'_> {
    /// Records the report of `draft` under the next free id of its year of discovery.
    /// The draft must hold every required answer ([`ReportDraft::missing`] is empty).
    pub fn finish(mut self, draft: ReportDraft, entry: Entry) -> Result<Outcome> {
        let missing = |missing| Error::MissingAnswers {
            command: "new".into(),
            missing,
            from_file: true,
        };
        let year = draft
            .year_of_discovery()
            .ok_or_else(|| missing(draft.missing()))?;
        self.transaction.hold_again(None)?;
        let id = self.transaction.register.next_id(year)?;
        let report = draft.into_report(id.clone()).map_err(missing)?;
        let text = render_file(
            FileKind::Report,
            &incident_file(&id, FileKind::Report),
            &report,
        )?;
        self.transaction
            .record(&id, vec![(FileKind::Report, Some(text))], entry)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::actions::ActionTaken;
    use crate::store::journal::Author;
    use crate::store::testing::{TestRegister, draft};

    fn action(text: &str) -> ActionTaken {
        ActionTaken {
            date: chrono::NaiveDate::from_ymd_opt(2026, 3, 27).unwrap(),
            time: None,
            action: text.into(),
            by: None,
        }
    }

    fn log(change: &mut Change<'_>, text: &str) {
        let mut actions = change.incident().actions.clone().unwrap_or(Actions {
            schema_version: SCHEMA_VERSION,
            taken: Vec::new(),
            planned: Vec::new(),
        });
        actions.taken.push(action(text));
        change.set_actions(actions);
    }

    use crate::domain::model::SCHEMA_VERSION;

    #[test]
    fn a_new_incident_takes_the_next_id_of_its_year_and_one_commit() {
        let test = TestRegister::new();
        let register = test.open();
        for expected in ["2026-0001", "2026-0002"] {
            let outcome = register
                .start_new(&test.stamp(), LockHold::Throughout)
                .unwrap()
                .finish(
                    draft("Fel mottagare"),
                    Entry::new("reported: Fel mottagare", &[Step::A]),
                )
                .unwrap();
            assert_eq!(outcome.id.to_string(), expected);
            assert_eq!(
                outcome.entry.subject,
                format!("{expected}: reported: Fel mottagare")
            );
            assert_eq!(outcome.hand_edits, None);
        }
        assert_eq!(test.commit_count(), 3, "init and two reports");
        assert!(
            test.root()
                .join("incidents/2026/2026-0002/report.yaml")
                .is_file()
        );
    }

    #[test]
    fn a_change_of_files_changed_meanwhile_is_refused_and_writes_nothing() {
        let test = TestRegister::new();
        let register = test.open();
        let id = test.new_incident(&register);
        let mut change = register
            .start_change(&id, &test.stamp(), LockHold::StartAndFinish)
            .unwrap();
        // While a person answers prompts, another command records a change.
        let mut other = register
            .start_change(&id, &test.stamp(), LockHold::Throughout)
            .unwrap();
        log(&mut other, "Recipient asked to delete the e-mail.");
        other
            .finish(Entry::new("action logged", &[Step::D]))
            .unwrap();
        let head = test.commit_count();
        log(&mut change, "Computed from the old file.");
        let refused = change.finish(Entry::new("action logged", &[Step::D]));
        assert!(
            matches!(
                &refused,
                Err(Error::Concurrent {
                    what: Meanwhile::Incident { created: false, .. }
                })
            ),
            "{refused:?}"
        );
        assert_eq!(test.commit_count(), head, "nothing recorded");
        let actions = test.read(&format!("{}/actions.yaml", id.folder()));
        assert!(actions.contains("Recipient asked") && !actions.contains("old file"));
    }

    #[test]
    fn edits_by_hand_are_recorded_first_and_comments_a_rewrite_drops_are_named() {
        let test = TestRegister::new();
        let register = test.open();
        let id = test.new_incident(&register);
        let report = format!("{}/report.yaml", id.folder());
        let edited = test.read(&report) + "# Checked with the unit.\nongoing: false\n";
        test.write(&report, &edited);
        let mut change = register
            .start_change(&id, &test.stamp(), LockHold::Throughout)
            .unwrap();
        assert_eq!(
            change.incident().report.ongoing,
            Some(false),
            "the base is the edit"
        );
        let mut report_value = change.incident().report.clone();
        report_value.discovered_by = Some("Kontaktcenter".into());
        change.set_report(report_value);
        let outcome = change.finish(Entry::new("edited", &[Step::D])).unwrap();
        assert_eq!(
            outcome.hand_edits.map(|r| r.subject),
            Some(format!("{id}: edited by hand (report.yaml)"))
        );
        assert_eq!(outcome.comments_lost, vec![report.clone()]);
        let now = test.read(&report);
        assert!(now.contains("ongoing: false") && now.contains("Kontaktcenter"));
        assert!(
            !now.contains("# Checked"),
            "the rewrite does not keep the comment"
        );
    }

    #[test]
    fn an_invalid_edit_by_hand_refuses_the_change_at_its_start() {
        let test = TestRegister::new();
        let register = test.open();
        test.new_incident(&register);
        test.write(
            "incident.toml",
            &test
                .read("incident.toml")
                .replace("Europe/Stockholm", "Mars/Olympus"),
        );
        let refused = register.start_new(&test.stamp(), LockHold::StartAndFinish);
        assert!(matches!(refused, Err(Error::HandEditsInvalid { .. })));
    }

    #[test]
    fn a_change_without_an_author_that_git_accepts_commits_nothing() {
        let test = TestRegister::new();
        let register = test.open();
        let stamp = Stamp {
            author: Author {
                name: "<>".into(),
                email: "<>".into(),
            },
            ..test.stamp()
        };
        let failed = register
            .start_new(&stamp, LockHold::Throughout)
            .unwrap()
            .finish(draft("Fel mottagare"), Entry::new("reported", &[Step::A]));
        assert!(failed.is_err());
        assert!(
            !test.root().join("incidents").exists(),
            "nothing half-written"
        );
    }
}
