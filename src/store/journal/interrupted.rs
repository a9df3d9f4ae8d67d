//! Changes that were interrupted: lock files left behind, and changes committed whose
//! files were not all written (the process died between the commit and the writes).

use std::path::Path;

use git2::Oid;

use super::{Edited, Journal, git_error, is_link, parse_trailers};
use crate::error::Result;

/// How far back an interrupted change is looked for: the entries since it was made.
const RECENT_ENTRIES: usize = 20;
/// Commits that touch more files than this are not searched for interrupted writes.
const MAX_FILES_OF_A_CHANGE: usize = 100;
/// The last entry after which every change had finished (its files and Git's index
/// written), in `.git`: the journal's tip when nothing is left to finish.
const SETTLED: &str = "incident-settled";

impl Journal {
    /// Notes that every change up to the branch's tip has finished. Not flushed: a lost
    /// or torn note only makes the next change look for interrupted ones again.
    pub fn mark_settled(&self) {
        if let Some(head) = self.head() {
            let _ = std::fs::write(self.repo.path().join(SETTLED), head.to_string());
        }
    }

    /// Whether the branch's tip is the one the last finished change left: no change was
    /// committed since without its files and index written (a change killed after its
    /// commit, a sync killed midway), so none is there to finish.
    pub fn settled(&self) -> bool {
        self.head().is_some_and(|head| {
            std::fs::read_to_string(self.repo.path().join(SETTLED))
                .is_ok_and(|text| text.trim() == head.to_string())
        })
    }

    /// Lock files that Git (or libgit2) leaves when a process dies while it writes the
    /// index or a branch: they make every later write fail until removed.
    pub fn leftover_locks(&self) -> Vec<String> {
        let git_dir = self.repo.path();
        let mut found: Vec<String> = ["index.lock", "HEAD.lock", "config.lock"]
            .into_iter()
            .filter(|name| git_dir.join(name).exists())
            .map(|name| format!(".git/{name}"))
            .collect();
        // A fetch killed with its laptop leaves its lock on the remote-tracking reference.
        if let Ok(remotes) = std::fs::read_dir(git_dir.join("refs/remotes")) {
            for remote in remotes.flatten() {
                let remote_name = remote.file_name().to_string_lossy().into_owned();
                for entry in std::fs::read_dir(remote.path())
                    .into_iter()
                    .flatten()
                    .flatten()
                {
                    let name = entry.file_name().to_string_lossy().into_owned();
                    if name.ends_with(".lock") {
                        found.push(format!(".git/refs/remotes/{remote_name}/{name}"));
                    }
                }
            }
        }
        if let Ok(entries) = std::fs::read_dir(git_dir.join("refs/heads")) {
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                if name.ends_with(".lock") {
                    found.push(format!(".git/refs/heads/{name}"));
                }
            }
        }
        found
    }

    /// The edited paths that are exactly as before the newest commit that changed them: a
    /// change committed whose files were not all written (the process died between the
    /// commit and the writes). Their content is in the journal.
    pub fn interrupted(&self, edited: &[Edited]) -> Result<Vec<String>> {
        let Some(head) = self.head() else {
            return Ok(Vec::new());
        };
        let head = self
            .repo
            .find_commit(head)
            .map_err(git_error("read the last commit"))?;
        let workdir = self
            .repo
            .workdir()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let mut interrupted = Vec::new();
        for edit in edited {
            if is_link(&workdir.join(&edit.path)) {
                continue;
            }
            let on_disk = match std::fs::read(workdir.join(&edit.path)) {
                Ok(bytes) => Some(
                    Oid::hash_object(git2::ObjectType::Blob, &bytes)
                        .map_err(git_error(format!("hash {}", edit.path)))?,
                ),
                Err(_) => None,
            };
            if Self::is_before_last_change(&head, &edit.path, on_disk) {
                interrupted.push(edit.path.clone());
            }
        }
        Ok(interrupted)
    }

    /// Whether `on_disk` is `path` as it was before the newest of the last
    /// [`RECENT_ENTRIES`] commits that changed it (and so not as it is now), and that
    /// commit is a change this tool writes after committing. A commit of git's (a person
    /// deleting or changing the file) or the tool's record of edits by hand is never taken
    /// for one: its files were as they are before it was made, and writing the journal's
    /// over them would destroy them.
    fn is_before_last_change(head: &git2::Commit, path: &str, on_disk: Option<Oid>) -> bool {
        let blob_at = |commit: &git2::Commit| {
            commit
                .tree()
                .ok()
                .and_then(|tree| tree.get_path(Path::new(path)).ok().map(|e| e.id()))
        };
        let now = blob_at(head);
        if on_disk == now {
            return false;
        }
        let mut commit = head.clone();
        for _ in 0..RECENT_ENTRIES {
            let Ok(parent) = commit.parent(0) else {
                return false;
            };
            let before = blob_at(&parent);
            if before != blob_at(&commit) {
                return on_disk == before && writes_after_commit(&commit);
            }
            commit = parent;
        }
        false
    }

    /// The paths changed by the last [`RECENT_ENTRIES`] commits whose files differ from
    /// the journal: where an interrupted change would show. Tree diffs only: the cost is
    /// that of the changes, not of the register.
    pub fn recently_changed_and_edited(&self) -> Result<Vec<Edited>> {
        let Some(head) = self.head() else {
            return Ok(Vec::new());
        };
        let workdir = self
            .repo
            .workdir()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let mut commit = self
            .repo
            .find_commit(head)
            .map_err(git_error("read the last commit"))?;
        let mut paths = std::collections::BTreeSet::new();
        for _ in 0..RECENT_ENTRIES {
            let Ok(parent) = commit.parent(0) else {
                break;
            };
            // Only the tool's changes of incidents (with an `Incident:` trailer) write files
            // after committing them; other commits are not searched (nor diffed: a
            // commit that imported a register holds every file of it).
            let of_incident = parse_trailers(commit.message().unwrap_or_default())
                .iter()
                .any(|(key, _)| key == "Incident");
            if !of_incident {
                commit = parent;
                continue;
            }
            let (Ok(now), Ok(before)) = (commit.tree(), parent.tree()) else {
                break;
            };
            let mut changed = Vec::new();
            let limit = MAX_FILES_OF_A_CHANGE;
            self.compare_trees(Some(&before), Some(&now), "", None, limit, &mut changed)?;
            // A change of the tool touches one incident's few files; a commit of many (the
            // adoption of a folder, an import) is not one that a kill interrupts midway.
            if changed.len() > MAX_FILES_OF_A_CHANGE {
                commit = parent;
                continue;
            }
            paths.extend(changed);
            commit = parent;
        }
        let mut edited = Vec::new();
        for path in paths {
            if is_link(&workdir.join(&path)) {
                continue;
            }
            let committed = self.committed_bytes(&path)?;
            let on_disk = std::fs::read(workdir.join(&path)).ok();
            if committed != on_disk {
                edited.push(Edited {
                    deleted: on_disk.is_none(),
                    path,
                });
            }
        }
        Ok(edited)
    }
}

/// Whether a commit is a change of this tool's that writes its files after committing
/// them: one with an `Incident:` trailer that is not a record of edits by hand.
fn writes_after_commit(commit: &git2::Commit) -> bool {
    let trailers = parse_trailers(commit.message().unwrap_or_default());
    trailers.iter().any(|(key, _)| key == "Incident")
        && !trailers
            .iter()
            .any(|(key, value)| key == "Change" && value == "edited by hand")
}
