//! Files edited by hand: found by comparing the work tree with the journal's last entry,
//! validated (all of an incident's files, or every incident under edited settings), and
//! recorded as their own journal entry, or refused with every problem and kept on disk.

use std::path::Path;

use super::journal::{Edited, Message, PathChange};
use super::layout::{SETTINGS_FILE, evidence_edited, is_evidence, stray};
use super::load::parse_settings;
use super::register::{Recorded, Register, Stamp};
use super::{files, lock};
use crate::domain::event::Event;
use crate::domain::terminal::for_terminal;
use crate::domain::{Bilingual, IncidentId, Lang};
use crate::error::{Error, FileProblem, Result};

/// What changed by hand since the last commit, and the problems found in it.
#[derive(Debug, Default, Clone, PartialEq)]
pub(super) struct HandEdits {
    pub edited: Vec<Edited>,
    /// The incidents whose folders hold an edit, in the order first met.
    pub incidents: Vec<IncidentId>,
    pub settings: bool,
    pub problems: Vec<FileProblem>,
}

impl HandEdits {
    pub fn is_empty(&self) -> bool {
        self.edited.is_empty()
    }
}

/// Sorts the edited paths into the incidents and the settings they touch; a path outside
/// every incident folder, or the settings deleted, is a problem. Pure: no file is read.
fn classify(edited: Vec<Edited>) -> HandEdits {
    let mut edits = HandEdits {
        edited,
        ..HandEdits::default()
    };
    for edit in &edits.edited {
        if is_evidence(&edit.path) {
            edits.problems.push(evidence_edited(edit.path.clone()));
        } else if edit.path == SETTINGS_FILE {
            edits.settings = true;
            if edit.deleted {
                edits.problems.push(stray(
                    SETTINGS_FILE.into(),
                    Bilingual::new(
                        "togs bort; återställ den med `git checkout -- incident.toml`",
                        "was deleted; restore it with `git checkout -- incident.toml`",
                    ),
                ));
            }
        } else if let Some(rest) = edit.path.strip_prefix("incidents/") {
            let id = rest
                .split('/')
                .nth(1)
                .and_then(|name| name.parse::<IncidentId>().ok());
            match id {
                Some(id) if rest.starts_with(&format!("{:04}/", id.year())) => {
                    if !edits.incidents.contains(&id) {
                        edits.incidents.push(id);
                    }
                }
                _ => edits.problems.push(stray(
                    edit.path.clone(),
                    Bilingual::new(
                        "ligger inte i en incidentmapp (incidents/ÅÅÅÅ/ÅÅÅÅ-NNNN/); flytta den ut ur registret",
                        "is not in an incident folder (incidents/YYYY/YYYY-NNNN/); move it out of the register",
                    ),
                )),
            }
        }
    }
    edits
}

/// What the journal entry that records `edits` says: one incident's files by name, else
/// a count of the register's; with the incident's id for the subject.
fn event_of(edits: &HandEdits) -> (Event, String) {
    let names: Vec<String> = edits
        .edited
        .iter()
        .map(|e| e.path.rsplit('/').next().unwrap_or(&e.path).to_string())
        .collect();
    match edits.incidents.as_slice() {
        [id] if !edits.settings => (Event::EditedByHand { files: names }, id.to_string()),
        _ => (
            Event::RegisterEditedByHand {
                files: edits.edited.len(),
            },
            String::new(),
        ),
    }
}

/// The subject of the journal entry that records `edits`, in `lang` (the register's).
fn subject_of(edits: &HandEdits, lang: Lang) -> String {
    let (event, id) = event_of(edits);
    for_terminal(&event.subject(&id, lang)).into_owned()
}

/// The journal entry that records `edits`, with the person's reason first in its body.
fn message_of(edits: &HandEdits, reason: Option<&str>, lang: Lang) -> Message {
    let mut trailers: Vec<(String, String)> = edits
        .incidents
        .iter()
        .map(|id| ("Incident".to_string(), id.to_string()))
        .collect();
    trailers.push(("Change".into(), "edited by hand".into()));
    trailers.extend(event_of(edits).0.trailers());
    let mut body = edits
        .edited
        .iter()
        .map(|e| {
            format!(
                "{} {}",
                if e.deleted {
                    lang.pick("borttagen", "removed")
                } else {
                    lang.pick("ändrad", "edited")
                },
                e.path
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    if let Some(reason) = reason.map(str::trim).filter(|r| !r.is_empty()) {
        body = format!("{reason}\n\n{body}");
    }
    Message {
        subject: subject_of(edits, lang),
        body: Some(body),
        trailers,
    }
}

impl Register {
    /// The files edited by hand since the last commit, and the problems they hold: in the
    /// whole register (`None`, a scan of the work tree), or under the given paths only.
    pub(super) fn hand_edits(&self, scope: Option<&[String]>) -> Result<HandEdits> {
        let journal = self.journal()?;
        let edited = match scope {
            None => journal.edited_paths()?,
            Some(roots) => journal.edited_in(roots)?,
        };
        let mut edits = classify(edited);
        if !edits.problems.is_empty() {
            return Ok(edits);
        }
        if edits.settings {
            // New settings (timezone, deadline hours) can make any incident invalid: all are
            // checked under them.
            let path = self.root.join(SETTINGS_FILE);
            let settings = match files::read_utf8(&path, Path::new(SETTINGS_FILE))? {
                Ok(text) => parse_settings(Path::new(SETTINGS_FILE), &text).map(|s| (s, text)),
                Err(problem) => Err(vec![problem]),
            };
            match settings {
                Ok(((settings, zone), text)) => {
                    let under_new = Register::unjournaled(self.root.clone(), settings, zone, text);
                    edits.problems.extend(under_new.check_all()?);
                }
                Err(found) => edits.problems.extend(found),
            }
        } else {
            for id in &edits.incidents {
                match self.load(id) {
                    Err(Error::Invalid { problems, .. }) => edits.problems.extend(problems),
                    Err(other) => return Err(other),
                    Ok(_) => {}
                }
            }
        }
        Ok(edits)
    }

    /// Commits `edits` as they are on disk as their own journal entry; refuses, recording
    /// nothing, when any of them is invalid. To be called under the register lock and Git's
    /// lock on the index; returns the entry and its paths, for the index to follow.
    pub(super) fn commit_edits(
        &self,
        edits: &HandEdits,
        stamp: &Stamp,
        reason: Option<&str>,
    ) -> Result<Option<(Recorded, Vec<PathChange>)>> {
        if edits.is_empty() {
            return Ok(None);
        }
        if !edits.problems.is_empty() {
            return Err(Error::HandEditsInvalid {
                problems: edits.problems.clone(),
            });
        }
        let mut changes = Vec::new();
        for edit in &edits.edited {
            let path = self.root.join(&edit.path);
            if edit.deleted || !path.exists() {
                changes.push(PathChange::Delete {
                    path: edit.path.clone(),
                });
            } else {
                let bytes = std::fs::read(&path).map_err(|source| Error::Io {
                    action: "read",
                    path: path.clone(),
                    source,
                })?;
                changes.push(PathChange::Write {
                    path: edit.path.clone(),
                    bytes,
                });
            }
        }
        let message = message_of(edits, reason, self.settings.register.language);
        // The files are on disk already; the commit records them as they are.
        let journal = self.journal()?;
        let commit = journal.commit(&changes, &message, &stamp.author, stamp.when)?;
        let recorded = Recorded {
            commit,
            subject: message.subject,
        };
        Ok(Some((recorded, changes)))
    }

    /// Commits the files edited by hand anywhere in the register as their own journal
    /// entry, after validating them; refuses, recording nothing, when any is invalid.
    /// Returns the entry, if there was one. A register-wide transaction: the lock, the
    /// interrupted writes finished, the edits found and checked, one commit.
    pub fn record_hand_edits(
        &self,
        stamp: &Stamp,
        reason: Option<&str>,
    ) -> Result<Option<(Recorded, Option<Error>)>> {
        let journal = self.journal()?;
        let _lock = lock::acquire(&self.root, lock::configured_wait()?)?;
        self.check_git_state()?;
        self.complete_interrupted(None)?;
        let edits = self.hand_edits(None)?;
        let index = journal.lock_index(lock::configured_wait()?)?;
        let Some((recorded, changes)) = self.commit_edits(&edits, stamp, reason)? else {
            return Ok(None);
        };
        // Recorded from here: an index that cannot follow is told, not an error.
        let unfinished = journal.update_index(&index, &changes).err();
        Ok(Some((recorded, unfinished)))
    }

    /// Files of one incident edited by hand and not yet recorded.
    pub fn unrecorded_edits(&self, id: &IncidentId) -> Result<Vec<String>> {
        // As of an entry of the journal, the work tree is not looked at.
        if self.at.is_some() {
            return Ok(Vec::new());
        }
        Ok(self
            .journal()?
            .edited_in(&[id.folder()])?
            .into_iter()
            .map(|edit| edit.path)
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edited(path: &str, deleted: bool) -> Edited {
        Edited {
            path: path.into(),
            deleted,
        }
    }

    #[test]
    fn edits_are_sorted_into_incidents_and_settings() {
        let edits = classify(vec![
            edited("incidents/2026/2026-0001/report.yaml", false),
            edited("incidents/2026/2026-0001/actions.yaml", true),
            edited("incidents/2025/2025-0042/closure.yaml", false),
            edited(SETTINGS_FILE, false),
        ]);
        let ids: Vec<String> = edits.incidents.iter().map(ToString::to_string).collect();
        assert_eq!(ids, ["2026-0001", "2025-0042"]);
        assert!(edits.settings);
        assert!(edits.problems.is_empty());
        assert_eq!(
            subject_of(&edits, Lang::En),
            "register: edited by hand (4 files)"
        );
        assert_eq!(
            subject_of(&edits, Lang::Sv),
            "registret: handredigerat (4 filer)"
        );
    }

    #[test]
    fn a_file_outside_an_incident_folder_or_the_settings_deleted_is_a_problem() {
        let edits = classify(vec![
            edited("incidents/2026/notes.txt", false),
            edited("incidents/2025/2026-0001/report.yaml", false),
            edited(SETTINGS_FILE, true),
        ]);
        let files: Vec<String> = edits
            .problems
            .iter()
            .map(|p| p.file.display().to_string())
            .collect();
        assert_eq!(
            files,
            [
                "incidents/2026/notes.txt",
                "incidents/2025/2026-0001/report.yaml",
                SETTINGS_FILE
            ]
        );
        assert!(
            edits.incidents.is_empty(),
            "a folder in the wrong year is no incident's"
        );
    }

    #[test]
    fn one_incidents_edits_are_named_in_the_subject_and_the_reason_leads_the_body() {
        let edits = classify(vec![
            edited("incidents/2026/2026-0001/report.yaml", false),
            edited("incidents/2026/2026-0001/notification.yaml", true),
        ]);
        let message = message_of(&edits, Some("  Rättat av dataskyddsombudet \n"), Lang::En);
        assert_eq!(
            message.subject,
            "2026-0001: edited by hand (report.yaml, notification.yaml)"
        );
        assert_eq!(
            message.body.as_deref(),
            Some(
                "Rättat av dataskyddsombudet\n\nedited incidents/2026/2026-0001/report.yaml\nremoved incidents/2026/2026-0001/notification.yaml"
            )
        );
        assert_eq!(
            message.trailers,
            [
                ("Incident".to_string(), "2026-0001".to_string()),
                ("Change".to_string(), "edited by hand".to_string()),
                ("Event".to_string(), "edited_by_hand".to_string()),
                (
                    "Files".to_string(),
                    "report.yaml, notification.yaml".to_string()
                )
            ]
        );
    }
}
