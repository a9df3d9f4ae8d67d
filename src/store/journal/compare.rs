//! Comparing: the work tree with the last commit (edits by hand), and two commits' trees,
//! at the cost of what changed rather than of the register.

use std::collections::BTreeMap;
use std::path::Path;

use git2::{Oid, Repository, Status, StatusOptions};

use super::{Edited, Journal, git_error, is_temporary};
use crate::error::{Error, Result};

impl Journal {
    /// Paths in the working tree that differ from the last commit: edits by hand.
    pub fn edited_paths(&self) -> Result<Vec<Edited>> {
        let mut options = StatusOptions::new();
        options
            .include_untracked(true)
            .recurse_untracked_dirs(true)
            .include_ignored(false)
            .exclude_submodules(true);
        let statuses = self
            .repo
            .statuses(Some(&mut options))
            .map_err(git_error("read the working tree's status"))?;
        let mut edited: Vec<Edited> = statuses
            .iter()
            .filter(|entry| entry.status() != Status::CURRENT && !entry.status().is_ignored())
            .filter(|entry| {
                let name = entry
                    .path()
                    .unwrap_or_default()
                    .rsplit('/')
                    .next()
                    .unwrap_or_default();
                !is_temporary(name)
            })
            .filter_map(|entry| {
                let path = entry.path().ok()?.to_string();
                let deleted = entry.status().intersects(Status::WT_DELETED)
                    || (entry.status().intersects(Status::INDEX_DELETED)
                        && !entry.status().intersects(Status::WT_NEW));
                Some(Edited { path, deleted })
            })
            .collect();
        edited.sort_by(|a, b| a.path.cmp(&b.path));
        edited.dedup_by(|a, b| a.path == b.path);
        Ok(edited)
    }

    /// The files under `roots` (files or folders relative to the register root) whose
    /// content differs from the last commit: the edits by hand there. Content hashes are
    /// compared with HEAD's tree directly, so the cost is that of these paths alone, not of
    /// the register (a status scan stats every file of the work tree).
    pub fn edited_in(&self, roots: &[String]) -> Result<Vec<Edited>> {
        // Every tree under the roots is read once: libgit2's object cache would keep them
        // all (at 100,000 incidents, 85 MB more and 27 s slower for a full comparison).
        git2::opts::enable_caching(false);
        // Through a repository of its own, closed after: the pack and its index stay mapped
        // while a repository is open, and a walk of every tree leaves most of their pages
        // resident (at 100,000 incidents, 60 MB of files).
        let opened = self.repo.workdir().unwrap_or(self.repo.path());
        let result = Repository::open(opened)
            .map_err(git_error("open the repository"))
            .and_then(|repo| edited_in_walk(&repo, self.head(), roots));
        git2::opts::enable_caching(true);
        result
    }
    /// The paths that differ between commit `since` and the last commit, down to an
    /// incident's folder (`incidents/YYYY/ID`, which stands for any change inside it), or
    /// `None` when `since` is no longer in the repository. Subtrees with the same id are
    /// skipped, so the cost is that of the changes: libgit2's tree-to-tree diff walks every
    /// entry (0.5 s and 130 MB at 100,000 incidents, for one change).
    pub fn changed_since(&self, since: &str) -> Result<Option<Vec<String>>> {
        let Ok(since) = Oid::from_str(since) else {
            return Ok(None);
        };
        let Ok(old) = self.repo.find_commit(since).and_then(|c| c.tree()) else {
            return Ok(None);
        };
        let Some(new) = self.head_tree()? else {
            return Ok(None);
        };
        let mut changed = Vec::new();
        self.compare_trees(
            Some(&old),
            Some(&new),
            "",
            Some(2),
            usize::MAX,
            &mut changed,
        )?;
        Ok(Some(changed))
    }

    /// Adds to `changed` the entries that differ between two versions of folder `prefix`,
    /// looking inside differing folders until `max_depth` (folders below the root; `None`:
    /// down to the files). Subtrees with the same id are skipped; it stops once `changed`
    /// holds more than `limit` paths.
    pub(super) fn compare_trees(
        &self,
        old: Option<&git2::Tree>,
        new: Option<&git2::Tree>,
        prefix: &str,
        max_depth: Option<usize>,
        limit: usize,
        changed: &mut Vec<String>,
    ) -> Result<()> {
        if old.map(git2::Tree::id) == new.map(git2::Tree::id) || changed.len() > limit {
            return Ok(());
        }
        let entries = |tree: Option<&git2::Tree>| -> BTreeMap<String, (Oid, bool)> {
            tree.map(|tree| {
                tree.iter()
                    .filter_map(|e| {
                        let is_tree = e.kind() == Some(git2::ObjectType::Tree);
                        Some((e.name().ok()?.to_string(), (e.id(), is_tree)))
                    })
                    .collect()
            })
            .unwrap_or_default()
        };
        let (before, after) = (entries(old), entries(new));
        let depth = if prefix.is_empty() {
            0
        } else {
            prefix.matches('/').count() + 1
        };
        let names: std::collections::BTreeSet<&String> =
            before.keys().chain(after.keys()).collect();
        for name in names {
            let (was, is) = (before.get(name), after.get(name));
            if was.map(|e| e.0) == is.map(|e| e.0) {
                continue;
            }
            let path = if prefix.is_empty() {
                name.clone()
            } else {
                format!("{prefix}/{name}")
            };
            let subtree = |entry: Option<&(Oid, bool)>| -> Result<Option<git2::Tree<'_>>> {
                match entry {
                    Some((id, true)) => self
                        .repo
                        .find_tree(*id)
                        .map(Some)
                        .map_err(git_error(format!("read {path}"))),
                    _ => Ok(None),
                }
            };
            let is_folder = was.is_some_and(|e| e.1) || is.is_some_and(|e| e.1);
            let is_file = was.is_some_and(|e| !e.1) || is.is_some_and(|e| !e.1);
            if is_folder && max_depth.is_none_or(|max| depth < max) {
                let (was_tree, is_tree) = (subtree(was)?, subtree(is)?);
                self.compare_trees(
                    was_tree.as_ref(),
                    is_tree.as_ref(),
                    &path,
                    max_depth,
                    limit,
                    changed,
                )?;
                if is_file {
                    changed.push(path);
                }
            } else {
                changed.push(path);
            }
        }
        Ok(())
    }
}

/// [`Journal::edited_in`] in `repo`, against commit `head`'s tree.
fn edited_in_walk(repo: &Repository, head: Option<Oid>, roots: &[String]) -> Result<Vec<Edited>> {
    let workdir = repo
        .workdir()
        .ok_or_else(|| git_error("find the work tree")(git2::Error::from_str("bare repository")))?
        .to_path_buf();
    let head_tree = match head {
        Some(head) => Some(
            repo.find_commit(head)
                .and_then(|c| c.tree())
                .map_err(git_error("read the last commit's tree"))?,
        ),
        None => None,
    };
    let mut edited = Vec::new();
    for root in roots {
        let mut committed: BTreeMap<String, Oid> = BTreeMap::default();
        if let Some(tree) = &head_tree
            && let Ok(entry) = tree.get_path(Path::new(root))
        {
            match entry.kind() {
                Some(git2::ObjectType::Tree) => {
                    let subtree = repo
                        .find_tree(entry.id())
                        .map_err(git_error(format!("read {root}")))?;
                    subtree
                        .walk(git2::TreeWalkMode::PreOrder, |folder, item| {
                            if item.kind() == Some(git2::ObjectType::Blob) {
                                let name = item.name().unwrap_or_default();
                                committed.insert(format!("{root}/{folder}{name}"), item.id());
                            }
                            git2::TreeWalkResult::Ok
                        })
                        .map_err(git_error(format!("read {root}")))?;
                }
                _ => {
                    committed.insert(root.clone(), entry.id());
                }
            }
        }
        let mut on_disk = Vec::new();
        collect_files(&workdir, root, &mut on_disk)?;
        for path in on_disk {
            let full = workdir.join(&path);
            let bytes = std::fs::read(&full).map_err(|source| Error::Io {
                action: "read",
                path: full.clone(),
                source,
            })?;
            let oid = Oid::hash_object(git2::ObjectType::Blob, &bytes)
                .map_err(git_error(format!("hash {path}")))?;
            // Taken out as met: what remains was deleted (a lookup in the files found
            // instead made a year of 45,000 files cost 10⁹ comparisons).
            if committed.remove(&path) != Some(oid) {
                edited.push(Edited {
                    path,
                    deleted: false,
                });
            }
        }
        edited.extend(committed.into_keys().map(|path| Edited {
            path,
            deleted: true,
        }));
    }
    edited.sort_by(|a, b| a.path.cmp(&b.path));
    edited.dedup_by(|a, b| a.path == b.path);
    Ok(edited)
}

/// The files at `relative` (a file, or every file in a folder and its subfolders), as
/// paths relative to `workdir` with `/`; nothing when it does not exist.
fn collect_files(workdir: &Path, relative: &str, found: &mut Vec<String>) -> Result<()> {
    let full = workdir.join(relative);
    let Ok(metadata) = std::fs::symlink_metadata(&full) else {
        return Ok(());
    };
    if metadata.file_type().is_symlink() {
        // Never followed: the register reports it as a problem of its own.
        return Ok(());
    }
    if !metadata.is_dir() {
        found.push(relative.to_string());
        return Ok(());
    }
    let entries = std::fs::read_dir(&full).map_err(|source| Error::Io {
        action: "read the folder",
        path: full.clone(),
        source,
    })?;
    for entry in entries {
        let entry = entry.map_err(|source| Error::Io {
            action: "read the folder",
            path: full.clone(),
            source,
        })?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !is_temporary(&name) {
            collect_files(workdir, &format!("{relative}/{name}"), found)?;
        }
    }
    Ok(())
}

/// How Git's index differs from the last commit for one path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndexDifference {
    /// Committed, but not in the index (as after `git rm --cached`): a plain `git commit`
    /// would delete it from the journal.
    Missing,
    /// In the index, but not as committed (staged with `git add`, not committed).
    Staged,
}

impl Journal {
    /// The paths where Git's index differs from the last commit. libgit2 compares the
    /// trees with the index's entries; an index in line with the commit costs one read.
    pub fn index_differences(&self) -> Result<Vec<(String, IndexDifference)>> {
        let Some(tree) = self.head_tree()? else {
            return Ok(Vec::new());
        };
        // The index's cache tree names the whole index's tree without libgit2 reading every
        // entry into memory (at 100,000 incidents: 300 ms and 100 MB): equal to the
        // commit's, nothing differs. A change of the tool keeps it valid.
        if self.index_tree_id().is_some_and(|id| id == tree.id()) {
            return Ok(Vec::new());
        }
        // Read on its own, not as the repository's index, which the repository would keep
        // for its lifetime (at 100,000 incidents about 100 MB under the whole examination).
        let path = self.repo.path().join("index");
        let mut index = if path.exists() {
            git2::Index::open(&path)
        } else {
            git2::Index::new()
        }
        .map_err(git_error("read the index"))?;
        // The index's own cache of tree ids makes its tree cheap to name: equal to the
        // commit's, nothing differs (and the objects it names are already there).
        if index
            .write_tree_to(&self.repo)
            .is_ok_and(|written| written == tree.id())
        {
            return Ok(Vec::new());
        }
        let diff = self
            .repo
            .diff_tree_to_index(Some(&tree), Some(&index), None)
            .map_err(git_error("compare the index with the last commit"))?;
        Ok(diff
            .deltas()
            .filter_map(|delta| {
                let file = delta.old_file().path().or(delta.new_file().path())?;
                let difference = match delta.status() {
                    git2::Delta::Deleted => IndexDifference::Missing,
                    _ => IndexDifference::Staged,
                };
                Some((file.to_string_lossy().into_owned(), difference))
            })
            .collect())
    }
}
