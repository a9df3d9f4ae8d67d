//! A Git merge of entries (a plain `git pull` through the tool's merge driver) is not an
//! entry, but its result must be the merge of its two sides: a file the merge changed
//! beyond that was edited inside the merge, where no entry records it.

use std::path::Path;

use git2::Repository;

use super::finding::Finding;
use crate::error::Result;
use crate::store::journal::git_error;
use crate::store::sharing::{FileMerge, merge_file};

/// The finding of merge commit `commit`, when a file of `paths` (register files it changed
/// against its first parent) is not what merging its sides gives. A field both sides gave
/// different values is a conflict a person settled: any value of it is accepted there.
pub(super) fn check_merge(
    repo: &Repository,
    commit: &git2::Commit<'_>,
    paths: &[String],
    incidents: Vec<String>,
) -> Result<Option<Finding>> {
    let (Ok(ours), Ok(theirs)) = (commit.parent(0), commit.parent(1)) else {
        return Ok(None);
    };
    let base = repo
        .merge_base(ours.id(), theirs.id())
        .ok()
        .and_then(|base| repo.find_commit(base).ok());
    let result = tree_of(commit)?;
    let ours_tree = tree_of(&ours)?;
    let theirs_tree = tree_of(&theirs)?;
    let base_tree = match &base {
        Some(base) => Some(tree_of(base)?),
        None => None,
    };
    let bytes = |tree: Option<&git2::Tree<'_>>, path: &str| -> Option<Vec<u8>> {
        let entry = tree?.get_path(Path::new(path)).ok()?;
        repo.find_blob(entry.id())
            .ok()
            .map(|b| b.content().to_vec())
    };
    let mut changed = Vec::new();
    for path in paths {
        let made = bytes(Some(&result), path);
        let merged = match merge_file(
            path,
            bytes(base_tree.as_ref(), path).as_deref(),
            bytes(Some(&ours_tree), path).as_deref(),
            bytes(Some(&theirs_tree), path).as_deref(),
        ) {
            FileMerge::Clean(merged) => merged,
            FileMerge::Conflicted { .. } => continue,
        };
        if merged != made {
            changed.push(path.clone());
        }
    }
    Ok((!changed.is_empty()).then(|| Finding::MergeChanged {
        commit: commit.id().to_string(),
        subject: crate::domain::terminal::for_terminal(
            commit.summary().ok().flatten().unwrap_or_default(),
        )
        .into_owned(),
        incidents,
        paths: changed,
    }))
}

fn tree_of<'r>(commit: &git2::Commit<'r>) -> Result<git2::Tree<'r>> {
    commit.tree().map_err(git_error("read a merge's sides"))
}
