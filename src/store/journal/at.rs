//! Reading the register as one commit of the journal held it: the files of a folder and
//! the bytes of one file. The base of `--as-of`, of the supplement's comparison with a
//! filing, and of `verify`'s check of each entry.

use std::path::Path;

use chrono::{DateTime, FixedOffset};
use git2::{ObjectType, Oid};

use super::{Journal, git_error};
use crate::error::Result;

impl Journal {
    /// The commit `commit` names (a full or abbreviated id, a tag, `HEAD`), peeled to a
    /// commit; `None` when the journal holds no such commit.
    pub fn resolve_commit(&self, commit: &str) -> Option<Oid> {
        self.repo
            .revparse_single(commit)
            .ok()
            .and_then(|object| object.peel_to_commit().ok())
            .map(|found| found.id())
    }

    fn tree_at(&self, commit: Oid) -> Result<git2::Tree<'_>> {
        self.repo
            .find_commit(commit)
            .and_then(|found| found.tree())
            .map_err(git_error(format!("read the tree of commit {commit}")))
    }

    /// The files directly in `folder` at `commit`, by name, with their bytes; empty when the
    /// folder did not exist then. Links and subfolders are not files of the register and are
    /// left out.
    pub fn files_at(&self, commit: Oid, folder: &str) -> Result<Vec<(String, Vec<u8>)>> {
        let tree = self.tree_at(commit)?;
        let Ok(entry) = tree.get_path(Path::new(folder)) else {
            return Ok(Vec::new());
        };
        let Ok(subtree) = self.repo.find_tree(entry.id()) else {
            return Ok(Vec::new());
        };
        self.blobs_of(&subtree, folder)
    }

    /// [`Journal::files_at`] of each of `folders` (paths `parent/name`), in their order:
    /// each parent folder's tree is read once, so that reading every incident of a year
    /// does not read the year's folder once per incident (libgit2 keeps no large tree in
    /// its cache).
    pub fn files_of_each(&self, commit: Oid, folders: &[String]) -> Result<Vec<Files>> {
        let tree = self.tree_at(commit)?;
        let mut parents: std::collections::HashMap<&str, Option<git2::Tree<'_>>> =
            std::collections::HashMap::new();
        let mut all = Vec::with_capacity(folders.len());
        for folder in folders {
            let (parent, name) = folder.rsplit_once('/').unwrap_or(("", folder));
            let parent_tree = parents.entry(parent).or_insert_with(|| {
                tree.get_path(Path::new(parent))
                    .ok()
                    .and_then(|entry| self.repo.find_tree(entry.id()).ok())
            });
            let subtree = parent_tree
                .as_ref()
                .and_then(|t| t.get_name(name))
                .and_then(|entry| self.repo.find_tree(entry.id()).ok());
            all.push(match subtree {
                Some(subtree) => self.blobs_of(&subtree, folder)?,
                None => Vec::new(),
            });
        }
        Ok(all)
    }

    /// The files directly in `subtree` (the folder `folder`), links and subfolders left out.
    fn blobs_of(&self, subtree: &git2::Tree<'_>, folder: &str) -> Result<Vec<(String, Vec<u8>)>> {
        let mut files = Vec::new();
        for entry in subtree {
            let Ok(name) = entry.name() else { continue };
            if entry.kind() != Some(ObjectType::Blob) || entry.filemode() == 0o120_000 {
                continue;
            }
            let blob = self
                .repo
                .find_blob(entry.id())
                .map_err(git_error(format!("read {folder}/{name}")))?;
            files.push((name.to_string(), blob.content().to_vec()));
        }
        Ok(files)
    }

    /// The bytes of `path` at `commit`, or `None` when the commit holds no such file.
    pub fn file_at(&self, commit: Oid, path: &str) -> Result<Option<Vec<u8>>> {
        let tree = self.tree_at(commit)?;
        let Ok(entry) = tree.get_path(Path::new(path)) else {
            return Ok(None);
        };
        match self.repo.find_blob(entry.id()) {
            Ok(blob) => Ok(Some(blob.content().to_vec())),
            Err(_) => Ok(None),
        }
    }

    /// The names of the entries directly in `folder` at `commit` (files and folders).
    pub fn names_at(&self, commit: Oid, folder: &str) -> Result<Vec<String>> {
        let tree = self.tree_at(commit)?;
        let subtree = if folder.is_empty() {
            Some(tree)
        } else {
            tree.get_path(Path::new(folder))
                .ok()
                .and_then(|entry| self.repo.find_tree(entry.id()).ok())
        };
        Ok(subtree
            .map(|t| {
                t.iter()
                    .filter_map(|e| e.name().ok().map(String::from))
                    .collect()
            })
            .unwrap_or_default())
    }
}

/// The files of one folder: name and bytes.
pub type Files = Vec<(String, Vec<u8>)>;

/// What the first-parent walk of [`Journal::entry_at_or_before`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryAt {
    /// The last entry at or before the moment, and its committer time.
    Found(Oid, DateTime<FixedOffset>),
    /// The moment is before the first entry, which was made then.
    BeforeFirst(DateTime<FixedOffset>),
    /// The journal has no entry at all.
    Empty,
}

/// A commit's committer time, with the offset it was recorded in.
fn committed(commit: &git2::Commit<'_>) -> DateTime<FixedOffset> {
    super::time_of(&commit.committer().when())
}

impl Journal {
    /// The last entry of the register's branch, else HEAD's (a branch without a commit).
    pub fn branch_tip(&self) -> Option<Oid> {
        let branch = format!("refs/heads/{}", self.branch());
        self.repo
            .refname_to_id(&branch)
            .ok()
            .or_else(|| self.head())
    }

    /// Whether `commit` holds `path` (a file or a folder).
    pub fn holds_at(&self, commit: Oid, path: &str) -> Result<bool> {
        Ok(self.tree_at(commit)?.get_path(Path::new(path)).is_ok())
    }

    /// The last entry of the register's branch (HEAD when the branch has no commit, e.g. a
    /// detached HEAD in a fresh clone) committed at or before `moment`: the first-parent
    /// walk from the branch's tip stops at the first commit whose time is not after it, so
    /// its cost is the number of entries made since, not the journal's length.
    ///
    /// The time is the committer time, not the author time: an entry replayed by a sync
    /// keeps its author's (older) time but entered this branch when it was replayed, and
    /// the register as the journal held it at a moment holds only what the branch held
    /// then. Committer times also grow along the first-parent line, where author times of
    /// replayed entries do not, so the walk can stop at the first one found.
    pub fn entry_at_or_before(&self, moment: DateTime<FixedOffset>) -> Result<EntryAt> {
        let Some(tip) = self.branch_tip() else {
            return Ok(EntryAt::Empty);
        };
        let mut commit = self
            .repo
            .find_commit(tip)
            .map_err(git_error("read the journal's last entry"))?;
        loop {
            let time = committed(&commit);
            if time <= moment {
                return Ok(EntryAt::Found(commit.id(), time));
            }
            match commit.parent(0) {
                Ok(parent) => commit = parent,
                Err(_) => return Ok(EntryAt::BeforeFirst(time)),
            }
        }
    }
}

/// The filed tags under `pattern` (`filed/*`, `filed/2026-0007/*`), by their names without
/// `refs/tags/`, with their references: the one listing of them that the filings, the sync
/// and `verify` share.
pub(in crate::store) fn filed_tags<'r>(
    repo: &'r git2::Repository,
    pattern: &str,
) -> Result<Vec<(String, git2::Reference<'r>)>> {
    let references = repo
        .references_glob(&format!("refs/tags/{pattern}"))
        .map_err(git_error("list the filed tags"))?;
    let mut tags = Vec::new();
    for reference in references {
        let reference = reference.map_err(git_error("list the filed tags"))?;
        let name = reference
            .name()
            .ok()
            .and_then(|name| name.strip_prefix("refs/tags/"))
            .filter(|name| name.starts_with(crate::domain::filing::TAG_PREFIX))
            .map(String::from);
        if let Some(name) = name {
            tags.push((name, reference));
        }
    }
    Ok(tags)
}
