//! Crash recovery: a change whose commit was made but whose files were not all written
//! (the process died in between) is finished from the journal, which holds them; temporary
//! files of interrupted writes are removed; what cannot be mended here is explained.

use super::files;
use super::journal::{self, IndexDifference, PathChange};
use super::layout::{edit_scope, linked_folder, read_dir_names, stray};
use super::register::Register;
use crate::domain::{Bilingual, IncidentId};
use crate::error::{Error, FileProblem, Result};

impl Register {
    /// Finishes a change whose commit was made but whose files were not all written (the
    /// process died in between): the journal holds them, so they are written from it. Also
    /// removes temporary files of interrupted writes in the folders of `scope`. Runs under
    /// the register lock, so no other change is writing.
    ///
    /// Besides `scope`, the paths of the journal's last entries are looked at: a change of
    /// any incident that was killed is finished by the very next change, whichever
    /// incident that changes (a few small tree comparisons), not left until its own
    /// incident changes or `incident record` runs.
    pub(super) fn complete_interrupted(&self, scope: Option<&[String]>) -> Result<()> {
        let journal = self.journal()?;
        self.finish_interrupted_sync()?;
        let edited = match scope {
            None => journal.edited_paths()?,
            Some(roots) => {
                let mut edited = journal.edited_in(roots)?;
                // Only a change that did not finish leaves the journal's last entries
                // unwritten; when the last one to finish left the branch where it is,
                // none did since.
                if !journal.settled() {
                    edited.extend(journal.recently_changed_and_edited()?);
                }
                edited.sort_by(|a, b| a.path.cmp(&b.path));
                edited.dedup_by(|a, b| a.path == b.path);
                edited
            }
        };
        let interrupted = journal.interrupted(&edited)?;
        // Temporary files are left only by a write after a commit: in the change's folder
        // (the scope), or beside a file the write did not finish.
        let mut folders: Vec<String> = scope.unwrap_or_default().to_vec();
        folders.extend(
            interrupted
                .iter()
                .filter_map(|path| path.rsplit_once('/').map(|(folder, _)| folder.to_string())),
        );
        for folder in folders
            .iter()
            .map(|f| self.root.join(f))
            .filter(|f| f.is_dir())
        {
            for name in read_dir_names(&folder)? {
                if journal::is_temporary(&name) {
                    let _ = std::fs::remove_file(folder.join(name));
                }
            }
        }
        let mut changes = Vec::new();
        // A process that died after writing but before updating Git's index leaves paths
        // whose content is the journal's while the index still holds the old: refresh them.
        for edit in &edited {
            if let Some(bytes) = journal.committed_bytes(&edit.path)?
                && std::fs::read(self.root.join(&edit.path)).is_ok_and(|disk| disk == bytes)
            {
                changes.push(PathChange::Write {
                    path: edit.path.clone(),
                    bytes,
                });
            }
        }
        for path in interrupted {
            let full = self.root.join(&path);
            match journal.committed_bytes(&path)? {
                Some(bytes) => {
                    files::write_atomically(&full, &bytes)?;
                    changes.push(PathChange::Write { path, bytes });
                }
                None => {
                    std::fs::remove_file(&full).map_err(|source| Error::Io {
                        action: "remove",
                        path: full.clone(),
                        source,
                    })?;
                    changes.push(PathChange::Delete { path });
                }
            }
        }
        if !changes.is_empty() {
            let index = journal.lock_index(super::lock::configured_wait()?)?;
            journal.update_index(&index, &changes)?;
        }
        // A filing's tag not made after its commit: made from the entry's trailer (for
        // the whole journal, `incident record` calls `restore_filing_tags` and says so).
        // One that cannot be made now does not stop the change: its entry keeps naming it,
        // and `incident record` says what fails.
        if scope.is_some() {
            let _ = self.tag_recent_filings();
        }
        journal.mark_settled();
        Ok(())
    }

    /// Finishes an interrupted change of `id` (see [`Register::complete_interrupted`]);
    /// to be called under the register lock.
    pub(super) fn finish_interrupted(&self, id: &IncidentId) -> Result<()> {
        // A linked folder is never written through; loading the incident refuses it.
        if self.journal.is_none() || linked_folder(&self.root, id).is_some() {
            return Ok(());
        }
        self.complete_interrupted(Some(&edit_scope(Some(id.folder()))))
    }

    /// Where Git's index does not hold the journal's last entry, as warnings with what
    /// repairs it: a plain `git commit` would record the index, not the journal.
    pub fn index_warnings(&self) -> Result<Vec<FileProblem>> {
        let Some(journal) = &self.journal else {
            return Ok(Vec::new());
        };
        Ok(journal
            .index_differences()?
            .into_iter()
            .map(|(path, difference)| {
                let message = match difference {
                    IndexDifference::Missing => Bilingual::new(
                        format!(
                            "finns i journalen men saknas i Gits index (som efter `git rm --cached`): en vanlig `git commit` skulle ta bort den ur journalen; `git restore --staged {path}` lägger tillbaka den"
                        ),
                        format!(
                            "is in the journal but missing from Git's index (as after `git rm --cached`): a plain `git commit` would delete it from the journal; `git restore --staged {path}` puts it back"
                        ),
                    ),
                    IndexDifference::Staged => Bilingual::new(
                        format!(
                            "är köad i Gits index men finns inte i journalen: `incident record -m VARFÖR` registrerar den; `git restore --staged {path}` tar bort den ur kön"
                        ),
                        format!(
                            "is staged in Git's index but not in the journal: `incident record -m WHY` records it; `git restore --staged {path}` unstages it"
                        ),
                    ),
                };
                stray(path, message)
            })
            .collect())
    }

    /// What an interrupted command or git left behind: lock files that block every later
    /// write, and changes committed whose files were not all written; each with what to do.
    pub fn leftover_state(&self) -> Result<Vec<FileProblem>> {
        let Some(journal) = &self.journal else {
            return Ok(Vec::new());
        };
        let mut problems: Vec<FileProblem> = journal
            .leftover_locks()
            .into_iter()
            .map(|path| {
                // A lock on a remote-tracking reference blocks only `incident sync`.
                let (blocks_sv, blocks_en) = if path.starts_with(".git/refs/remotes/") {
                    ("den stoppar `incident sync`", "it blocks `incident sync`")
                } else {
                    ("den stoppar varje ändring", "it blocks every change")
                };
                stray(
                    path,
                    Bilingual::new(
                        format!("lämnades av ett git- eller incident-kommando som inte avslutades; {blocks_sv}: om inget git-kommando körs, ta bort den"),
                        format!("is left by a git or incident command that did not finish; {blocks_en}: if no git command is running, delete it"),
                    ),
                )
            })
            .collect();
        let edited = journal.recently_changed_and_edited()?;
        for path in journal.interrupted(&edited)? {
            problems.push(stray(
                path,
                Bilingual::new(
                    "är som före journalens senaste post, som ändrade den: ändringen avbröts innan dess filer skrevs; `incident record` (eller nästa ändring av incidenten) skriver dem från journalen",
                    "is as before the journal's last entry, which changed it: that change was interrupted before its files were written; `incident record` (or the next change to the incident) writes them from the journal",
                ),
            ));
        }
        Ok(problems)
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::steps::Step;
    use crate::store::testing::TestRegister;
    use crate::store::{Entry, LockHold};

    /// A register whose incident's last change was committed but, as if the process died
    /// before its write, the file on disk is still the one before it; returns the path
    /// and the text the journal holds.
    fn interrupted(test: &TestRegister) -> (String, String) {
        let register = test.open();
        let id = test.new_incident(&register);
        let path = format!("{}/report.yaml", id.folder());
        let before = test.read(&path);
        let mut change = register
            .start_change(&id, &test.stamp(), LockHold::Throughout)
            .unwrap();
        let mut report = change.incident().report.clone();
        report.discovered_by = Some("Kontaktcenter".into());
        change.set_report(report);
        change
            .finish(Entry::new(crate::store::testing::logged(), &[Step::D]))
            .unwrap();
        let committed = test.read(&path);
        test.write(&path, &before);
        (path, committed)
    }

    #[test]
    fn a_change_committed_but_not_written_is_explained_then_written_from_the_journal() {
        let test = TestRegister::new();
        let (path, committed) = interrupted(&test);
        let temporary = path.replace("report.yaml", ".report.yaml.4242.tmp");
        test.write(&temporary, "half a fi");
        let register = test.open();
        let problems = register.leftover_state().unwrap();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].file.display().to_string(), path);
        assert!(problems[0].message.contains("interrupted"));
        let id = path.split('/').nth(2).unwrap().parse().unwrap();
        register.finish_interrupted(&id).unwrap();
        assert_eq!(test.read(&path), committed);
        assert!(
            !test.root().join(&temporary).exists(),
            "the temporary file is removed"
        );
        assert!(register.leftover_state().unwrap().is_empty());
        assert_eq!(
            register.unrecorded_edits(&id).unwrap(),
            Vec::<String>::new()
        );
    }

    #[test]
    fn an_edit_by_hand_is_not_mistaken_for_an_interrupted_change() {
        let test = TestRegister::new();
        let (path, _) = interrupted(&test);
        let edited = test.read(&path) + "# A person's note.\n";
        test.write(&path, &edited);
        let register = test.open();
        assert!(register.leftover_state().unwrap().is_empty());
        let id = path.split('/').nth(2).unwrap().parse().unwrap();
        register.finish_interrupted(&id).unwrap();
        assert_eq!(
            test.read(&path),
            edited,
            "a person's edit is never overwritten"
        );
    }

    #[test]
    fn a_lock_left_by_a_git_command_is_explained() {
        let test = TestRegister::new();
        test.write(".git/index.lock", "");
        let problems = test.open().leftover_state().unwrap();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].file.display().to_string(), ".git/index.lock");
        assert!(problems[0].message.contains("delete it"));
    }
}
