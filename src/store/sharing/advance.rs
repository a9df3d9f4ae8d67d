//! Moving the register's branch to the merged entries, and the work tree and Git's index
//! with it; and finishing that when a process was killed in the middle.
//!
//! Before the branch moves, the commit it moves from is written to `.git/incident-sync`;
//! the file goes once the work tree and the index follow. A change that finds it (a sync
//! that was killed) brings every file that is still as it was at that commit to the
//! journal's version: a file changed by a sync is never mistaken for an edit by hand that
//! undoes the server's entries.

use std::path::Path;

use git2::{Oid, Repository};

use super::super::files;
use super::super::journal::{PathChange, git_error};
use super::super::lock;
use super::super::register::Register;
use crate::error::{Error, Result};

/// Names the commit a sync moved the branch from, until the work tree follows.
const MARKER: &str = "incident-sync";

impl Register {
    /// Moves the branch from `from` to `to` (refused if it moved meanwhile), then writes
    /// the files that differ and updates the index. Once the branch has moved the journal
    /// holds the entries: a file that fails after is returned, not raised.
    pub(super) fn advance(&self, from: Oid, to: Oid) -> Result<Option<Error>> {
        if from == to {
            return Ok(None);
        }
        let journal = self.journal()?;
        let repo = journal.repo();
        let changes = tree_changes(repo, Some(from), to)?;
        let index = journal.lock_index(lock::configured_wait()?)?;
        let marker = repo.path().join(MARKER);
        files::write_atomically(&marker, format!("{from}\n").as_bytes())?;
        let branch = format!("refs/heads/{}", journal.branch());
        repo.reference_matching(&branch, to, true, from, "incident sync")
            .map_err(|error| Error::Concurrent {
                what: crate::error::Meanwhile::Branch {
                    detail: error.message().to_string(),
                },
            })?;
        let unfinished = files::apply(&self.root, &changes)
            .and_then(|()| journal.update_index(&index, &changes))
            .and_then(|()| remove(&marker))
            .err();
        Ok(unfinished)
    }

    /// Whether a sync was killed after it moved the branch and before the work tree
    /// followed (the next change finishes it).
    pub fn interrupted_sync(&self) -> bool {
        self.journal
            .as_ref()
            .is_some_and(|journal| journal.repo().path().join(MARKER).exists())
    }

    /// Finishes an interrupted sync now, under the register lock: what a change does
    /// first, before it reads the incident it names.
    pub fn finish_sync(&self) -> Result<()> {
        let _lock = lock::acquire(&self.root, lock::configured_wait()?)?;
        self.finish_interrupted_sync()
    }

    /// Finishes a sync that was killed after it moved the branch: the files still as
    /// they were before it get the journal's version. Under the register lock.
    pub(in crate::store) fn finish_interrupted_sync(&self) -> Result<()> {
        let journal = self.journal()?;
        let repo = journal.repo();
        let marker = repo.path().join(MARKER);
        let Ok(text) = std::fs::read_to_string(&marker) else {
            return Ok(());
        };
        let (Ok(from), Some(head)) = (Oid::from_str(text.trim()), journal.head()) else {
            return remove(&marker);
        };
        let old_tree = repo.find_commit(from).and_then(|c| c.tree()).ok();
        let mut finished = Vec::new();
        for change in tree_changes(repo, Some(from), head)? {
            let path = change.path().to_string();
            let on_disk = std::fs::read(self.root.join(&path)).ok();
            let before = old_tree.as_ref().and_then(|tree| {
                let entry = tree.get_path(Path::new(&path)).ok()?;
                repo.find_blob(entry.id())
                    .ok()
                    .map(|b| b.content().to_vec())
            });
            let after = match &change {
                PathChange::Write { bytes, .. } => Some(bytes.clone()),
                PathChange::Delete { .. } => None,
            };
            // Still as before the sync, or already as after it (the index may lag).
            if on_disk == before || on_disk == after {
                finished.push(change);
            }
        }
        files::apply(&self.root, &finished)?;
        let index = journal.lock_index(lock::configured_wait()?)?;
        journal.update_index(&index, &finished)?;
        remove(&marker)
    }
}

fn remove(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Err(source) if source.kind() != std::io::ErrorKind::NotFound => Err(Error::Io {
            action: "remove",
            path: path.to_path_buf(),
            source,
        }),
        _ => Ok(()),
    }
}

/// The files that differ between the trees of `from` (none: empty) and `to`, as the
/// writes and removals that bring a work tree from one to the other.
pub(super) fn tree_changes(
    repo: &Repository,
    from: Option<Oid>,
    to: Oid,
) -> Result<Vec<PathChange>> {
    let old = match from {
        Some(from) => Some(
            repo.find_commit(from)
                .and_then(|c| c.tree())
                .map_err(git_error("read a tree"))?,
        ),
        None => None,
    };
    let new = repo
        .find_commit(to)
        .and_then(|c| c.tree())
        .map_err(git_error("read a tree"))?;
    let diff = repo
        .diff_tree_to_tree(old.as_ref(), Some(&new), None)
        .map_err(git_error("compare two entries"))?;
    let mut changes = Vec::new();
    for delta in diff.deltas() {
        let new_file = delta.new_file();
        let Some(path) = new_file
            .path()
            .or_else(|| delta.old_file().path())
            .and_then(Path::to_str)
        else {
            continue;
        };
        if delta.status() == git2::Delta::Deleted {
            changes.push(PathChange::Delete {
                path: path.to_string(),
            });
        } else {
            let blob = repo
                .find_blob(new_file.id())
                .map_err(git_error(format!("read {path}")))?;
            changes.push(PathChange::Write {
                path: path.to_string(),
                bytes: blob.content().to_vec(),
            });
        }
    }
    Ok(changes)
}
