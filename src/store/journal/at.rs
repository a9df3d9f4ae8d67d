//! Reading the register as one commit of the journal held it: the files of a folder and
//! the bytes of one file. The base of `--as-of`, of the supplement's comparison with a
//! filing, and of `verify`'s check of each entry.

use std::path::Path;

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
        let mut files = Vec::new();
        for entry in &subtree {
            let Ok(name) = entry.name() else { continue };
            if entry.kind() != Some(ObjectType::Blob) || entry.filemode() == 0o120_000 {
                continue;
            }
            let blob = self
                .repo
                .find_blob(entry.id())
                .map_err(git_error(format!("read {folder}/{name} at {commit}")))?;
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
