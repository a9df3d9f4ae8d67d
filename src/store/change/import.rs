//! Many new incidents as one transaction and one journal entry (`incident import`): each
//! row's files rendered and validated as a file edited by hand is (schema and rules), the
//! next free ids of each year of discovery given under the register lock, one commit for
//! all, then the files written and the index updated. The entry carries an `Incident:`
//! trailer per incident, so that its history, the ids given and a sync see each one.

use std::collections::{BTreeMap, HashMap};

use super::transaction::Transaction;
use crate::domain::IncidentId;
use crate::domain::event::Event;
use crate::domain::import::ImportedRow;
use crate::domain::terminal::for_terminal;
use crate::error::{Error, FileProblem, Result};
use crate::store::files::{self, FileKind};
use crate::store::journal::{Message, PathChange};
use crate::store::layout::{incident_file, render_file};
use crate::store::load::parse_incident;
use crate::store::lock;
use crate::store::register::{Recorded, Register, Stamp};

/// What an import recorded.
#[derive(Debug)]
pub struct Imported {
    /// Each row's line in the file and the id it was given, in the file's order.
    pub ids: Vec<(u64, IncidentId)>,
    pub entry: Recorded,
    /// The edits by hand recorded first, as their own entry.
    pub hand_edits: Option<Recorded>,
    /// What failed after the commit (see [`super::Outcome::unfinished`]).
    pub unfinished: Option<Error>,
}

/// The files of one row under `id`.
fn texts_of_row(id: &IncidentId, row: &ImportedRow) -> Result<BTreeMap<FileKind, String>> {
    let mut report = row.report.clone();
    report.id = id.clone();
    let mut texts = BTreeMap::new();
    let path = |kind| incident_file(id, kind);
    texts.insert(
        FileKind::Report,
        render_file(FileKind::Report, &path(FileKind::Report), &report)?,
    );
    if let Some(notification) = &row.notification {
        texts.insert(
            FileKind::Notification,
            render_file(
                FileKind::Notification,
                &path(FileKind::Notification),
                notification,
            )?,
        );
    }
    if let Some(closure) = &row.closure {
        texts.insert(
            FileKind::Closure,
            render_file(FileKind::Closure, &path(FileKind::Closure), closure)?,
        );
    }
    Ok(texts)
}

impl Register {
    /// The problems of the files `row` would make, found as in a file edited by hand:
    /// rendered under its provisional id, parsed, checked against the schema and the rules.
    pub fn check_imported(&self, row: &ImportedRow) -> Result<Vec<FileProblem>> {
        let id = &row.report.id;
        let texts = texts_of_row(id, row)?;
        Ok(parse_incident(id, &texts, self.zone, &self.settings)
            .err()
            .unwrap_or_default())
    }

    /// Records `rows` as new incidents in one journal entry: `event` is its subject and
    /// `body` its body. Every row must have passed [`Register::check_imported`]; each is
    /// validated again under its id before the commit, and nothing is recorded when one
    /// fails.
    pub fn import(
        &self,
        stamp: &Stamp,
        rows: &[ImportedRow],
        event: &Event,
        body: Option<String>,
    ) -> Result<Imported> {
        let transaction = Transaction::start(self, stamp, None)?;
        let edits = transaction.valid_hand_edits(None)?;
        let mut next: HashMap<i32, u32> = HashMap::new();
        let mut ids = Vec::with_capacity(rows.len());
        let mut changes = Vec::new();
        let mut problems = Vec::new();
        for row in rows {
            let year = row.report.id.year();
            let sequence = match next.get(&year) {
                Some(last) => last
                    .checked_add(1)
                    .ok_or(Error::SequenceExhausted { year, last: *last })?,
                None => self.next_id(year)?.sequence(),
            };
            next.insert(year, sequence);
            let id = IncidentId::new(year, sequence);
            let texts = texts_of_row(&id, row)?;
            if let Err(found) = parse_incident(&id, &texts, self.zone, &self.settings) {
                problems.extend(found);
            }
            for (kind, text) in texts {
                changes.push(PathChange::Write {
                    path: incident_file(&id, kind),
                    bytes: text.into_bytes(),
                });
            }
            ids.push((row.line, id));
        }
        if !problems.is_empty() {
            return Err(Error::invalid(problems));
        }
        let lang = self.settings.register.language;
        let mut trailers = vec![("Change".to_string(), "import".to_string())];
        trailers.extend(event.trailers());
        trailers.extend(
            ids.iter()
                .map(|(_, id)| ("Incident".to_string(), id.to_string())),
        );
        let message = Message {
            subject: for_terminal(&event.subject("", lang)).into_owned(),
            body: body.map(|body| for_terminal(&body).into_owned()),
            trailers,
        };
        let journal = self.journal()?;
        // Git's lock on the index from before the first commit until the index follows
        // the files, as for every change.
        let index = journal.lock_index(lock::configured_wait()?)?;
        let (hand_edits, mut paths) = match self.commit_edits(&edits, &transaction.stamp, None)? {
            Some((recorded, paths)) => (Some(recorded), paths),
            None => (None, Vec::new()),
        };
        // One pack for the thousand objects, then the commit on its tree.
        let tree = journal.write_objects_at_once(&changes)?;
        let commit = journal.commit_tree(tree, &message, &stamp.author, stamp.when)?;
        // Recorded from here: what fails next is reported, never as "nothing happened".
        let mut unfinished = files::apply_at_once(&self.root, &changes)
            .and_then(|()| {
                paths.extend(changes);
                journal.update_index(&index, &paths)
            })
            .err();
        for (year, last) in next {
            if let Err(error) = journal.set_last_issued(year, last) {
                unfinished.get_or_insert(error);
            }
        }
        Ok(Imported {
            ids,
            entry: Recorded {
                commit,
                subject: message.subject,
            },
            hand_edits,
            unfinished,
        })
    }
}
