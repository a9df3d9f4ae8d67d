//! The transaction under a change: the locks, the base it was computed from, and the
//! recording (see the parent module for the order of its steps).

use std::collections::BTreeMap;

use super::{Entry, LockHold, Outcome};
use crate::domain::IncidentId;
use crate::domain::filing::{Filing, FilingKind, TRAILER, tag_name};
use crate::error::{Error, Meanwhile, Result};
use crate::store::files::{self, FileKind};
use crate::store::filings::{NameFor, Tagged, name_for};
use crate::store::hand_edits::HandEdits;
use crate::store::journal::{PathChange, ReadIndex};
use crate::store::layout::{SETTINGS_FILE, edit_scope, incident_file};
use crate::store::load::{parse_incident, texts_of};
use crate::store::lock::{self, RegisterLock};
use crate::store::register::{Recorded, Register, Stamp};

/// What a change of an existing incident and a new incident share: the lock, the base it
/// was computed from, and the recording.
pub(super) struct Transaction<'r> {
    pub register: &'r Register,
    pub stamp: Stamp,
    lock: Option<RegisterLock>,
    /// The incident's files as read at the start; empty for a new incident.
    pub base: BTreeMap<FileKind, String>,
    /// Evidence files recorded with the change (name in the evidence folder, bytes).
    pub evidence: Vec<(String, Vec<u8>)>,
    /// Git's index as read at the start, used again at the end if Git did not replace it.
    index: std::cell::Cell<Option<ReadIndex>>,
}

impl<'r> Transaction<'r> {
    /// Takes the lock, finishes interrupted writes under `folder` and checks the edits by
    /// hand there and in the settings.
    pub fn start(
        register: &'r Register,
        stamp: &Stamp,
        folder: Option<&IncidentId>,
    ) -> Result<Transaction<'r>> {
        register.journal()?;
        // The incident's files are checked against their schemas once the locks are held.
        crate::store::schemas::prepare();
        let lock = lock::acquire(&register.root, lock::configured_wait()?)?;
        register.check_git_state()?;
        // An entry that must be signed and cannot be is refused now, before a person
        // answers anything (each commit checks it again).
        register.journal()?.signer()?;
        // A lock of git's on the index that does not go away, or an index this tool cannot
        // update (a split index), would refuse the change at its end: find them now,
        // before a person answers anything (a lock a killed change of this tool left is
        // removed).
        let index = register
            .journal()?
            .lock_index(lock::configured_wait()?)?
            .release();
        let transaction = Transaction {
            register,
            stamp: stamp.clone(),
            lock: Some(lock),
            base: BTreeMap::new(),
            evidence: Vec::new(),
            index: std::cell::Cell::new(index),
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
    pub fn valid_hand_edits(&self, id: Option<&IncidentId>) -> Result<HandEdits> {
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
    pub fn let_go(&mut self, hold: LockHold) {
        if hold == LockHold::StartAndFinish {
            self.lock = None;
        }
    }

    /// Takes the lock again if it was let go, and finishes what an interrupted change of
    /// the incident left meanwhile.
    pub fn hold_again(&mut self, id: Option<&IncidentId>) -> Result<()> {
        if self.lock.is_none() {
            self.lock = Some(lock::acquire(
                &self.register.root,
                lock::configured_wait()?,
            )?);
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
    pub fn record(
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
        for (name, bytes) in std::mem::take(&mut self.evidence) {
            changes.push(PathChange::Write {
                path: crate::store::layout::evidence_file(id, &name),
                bytes,
            });
        }
        let register = self.register;
        let closes = changes.iter().any(|c| match c {
            PathChange::Write { path, .. } | PathChange::Delete { path } => {
                *path == incident_file(id, FileKind::Closure)
            }
        });
        let incident =
            parse_incident(id, &texts, register.zone, &register.settings).map_err(|problems| {
                // A change to a closed case that would open a duty of the law again: the case
                // is reopened first, rather than its untouched closure.yaml called invalid.
                let reopens_duty = !closes
                    && !problems.is_empty()
                    && problems.iter().all(|p| {
                        p.field.as_deref() == Some("legal_obligations_at_close")
                            && p.file == incident_file(id, FileKind::Closure)
                    });
                if reopens_duty {
                    Error::CaseClosed { id: id.clone() }
                } else {
                    Error::invalid(problems)
                }
            })?;
        let journal = register.journal()?;
        // A filing (what was sent to IMY, the data subjects, a CSIRT) is named in the entry
        // so that its tag can always be made again from the journal.
        let filing = FilingKind::of_event(&entry.event)
            .and_then(|kind| Filing::of(&incident, kind))
            .map(|filing| name_for(journal.repo(), &tag_name(id, &filing.kind), filing.at))
            .transpose()?;
        let mut message = entry.message(id, register.settings.register.language);
        if let Some(NameFor::New(name) | NameFor::Same(name)) = &filing {
            message.trailers.push((TRAILER.to_string(), name.clone()));
        }
        // A command run again after it recorded (a lost terminal, an error after the
        // commit) is told so instead of recording the same entry twice.
        if let Some((commit, at)) =
            journal.same_entry_recently(&message, &self.stamp.author, self.stamp.when)
        {
            return Ok(Outcome {
                id: id.clone(),
                entry: Recorded {
                    commit,
                    subject: message.subject,
                },
                hand_edits: None,
                comments_lost: Vec::new(),
                unfinished: None,
                repeated: Some(at),
                filed: None,
            });
        }
        // The same time as the filing's last tag (`notified imy` again to add the case
        // number): nothing new was sent, so no new tag.
        if let Some(NameFor::Same(_)) = filing {
            message.trailers.retain(|(key, _)| key != TRAILER);
        }
        // Git's lock on the index from before the first commit until the index follows the
        // files, so that a person's `git commit -a` cannot commit them as they were.
        let index = journal.lock_index_again(lock::configured_wait()?, self.index.take())?;
        let (hand_edits, mut paths) = match register.commit_edits(&edits, &self.stamp, None)? {
            Some((recorded, paths)) => (Some(recorded), paths),
            None => (None, Vec::new()),
        };
        // Committed from the bytes first: if the commit fails, nothing has been written.
        let commit = journal.commit(&changes, &message, &self.stamp.author, self.stamp.when)?;
        // Recorded from here, whatever fails next: a file or the index that cannot be
        // written is told with the command that finishes it, never as "nothing happened".
        let mut unfinished = files::apply(&register.root, &changes)
            .and_then(|()| {
                paths.extend(changes);
                journal.update_index(&index, &paths)
            })
            .err();
        let mut filed = None;
        if let Some(NameFor::New(name)) = filing {
            // Made from the commit, as it is made again after an interruption.
            match register.tag_filing(&commit) {
                Ok(Tagged::Made(made) | Tagged::Present(made)) => filed = Some(made),
                Ok(_) => {}
                Err(error) => {
                    unfinished.get_or_insert(Error::FilingNotTagged {
                        tag: name,
                        detail: error.to_string(),
                    });
                }
            }
        }
        Ok(Outcome {
            id: id.clone(),
            entry: Recorded {
                commit,
                subject: message.subject,
            },
            hand_edits,
            comments_lost,
            unfinished,
            repeated: None,
            filed,
        })
    }
}

/// Whether a file's text holds a comment line besides the schema modeline the tool writes.
fn holds_comments(text: &str) -> bool {
    text.lines()
        .skip(1)
        .any(|line| line.trim_start().starts_with('#'))
}
