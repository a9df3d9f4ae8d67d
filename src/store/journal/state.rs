//! Git's own state, as a change must find it before it starts: HEAD on the register's
//! branch, no merge, rebase or other operation in progress, no lock file of Git's left on
//! the branch or HEAD, and the register adopted (its settings in the journal). Conflicts
//! are found as the operation that left them (a merge in progress) and as the markers in
//! the files; Git's index is not read here, which would cost its whole size on every
//! command. A change that starts otherwise could not finish honestly: a commit on
//! a detached HEAD is lost at the next `git switch`, one on top of an unfinished merge
//! records the merge's half-made files.

use std::path::Path;

use git2::{Repository, RepositoryState};

use super::Journal;
use crate::error::{GitBlocker, Operation};

/// The Git config key naming the register's branch, written by `incident init`.
pub const BRANCH_KEY: &str = "incident.branch";

fn operation(state: RepositoryState) -> Option<Operation> {
    match state {
        RepositoryState::Clean => None,
        RepositoryState::Merge => Some(Operation::Merge),
        RepositoryState::Revert | RepositoryState::RevertSequence => Some(Operation::Revert),
        RepositoryState::CherryPick | RepositoryState::CherryPickSequence => {
            Some(Operation::CherryPick)
        }
        RepositoryState::Bisect => Some(Operation::Bisect),
        RepositoryState::Rebase
        | RepositoryState::RebaseInteractive
        | RepositoryState::RebaseMerge => Some(Operation::Rebase),
        RepositoryState::ApplyMailbox | RepositoryState::ApplyMailboxOrRebase => {
            Some(Operation::ApplyMailbox)
        }
    }
}

impl Journal {
    /// The register's branch: the one `incident init` named in the repository's config,
    /// else the branch HEAD is on, else `main`.
    pub fn branch(&self) -> String {
        register_branch(&self.repo)
    }

    /// The branch HEAD points at (also when it has no commit yet), if it points at one.
    fn head_branch(&self) -> Option<String> {
        head_branch(&self.repo)
    }

    /// Names the branch as the register's, so that a change on any other is refused.
    pub fn set_branch(&self, branch: &str) -> crate::error::Result<()> {
        self.repo
            .config()
            .and_then(|mut config| config.set_str(BRANCH_KEY, branch))
            .map_err(super::git_error(
                "name the register's branch in .git/config",
            ))
    }

    /// What in Git's state stands in the way of a change, first found first.
    pub fn blocker(&self, settings_file: &str) -> Option<GitBlocker> {
        let git_dir = self.repo.path();
        let branch = self.branch();
        for lock in [
            "HEAD.lock",
            &format!("refs/heads/{branch}.lock"),
            "config.lock",
        ] {
            if git_dir.join(lock).exists() {
                return Some(GitBlocker::Locked {
                    path: format!(".git/{lock}"),
                });
            }
        }
        if let Some(operation) = operation(self.repo.state()) {
            return Some(GitBlocker::InProgress { operation });
        }
        match self.head_branch() {
            None => return Some(GitBlocker::Detached { branch }),
            Some(on) if on != branch => return Some(GitBlocker::OtherBranch { on, branch }),
            Some(_) => {}
        }
        let adopted = self
            .head_tree()
            .ok()
            .flatten()
            .is_some_and(|tree| tree.get_path(Path::new(settings_file)).is_ok());
        (!adopted).then_some(GitBlocker::NotAdopted)
    }
}

/// The register's branch in `repo`, a clone or the shared server's bare repository: the
/// one named by [`BRANCH_KEY`] in its config, else the branch HEAD is on, else `main`.
pub(in crate::store) fn register_branch(repo: &Repository) -> String {
    if let Ok(branch) = repo
        .config()
        .and_then(|config| config.get_string(BRANCH_KEY))
    {
        return branch;
    }
    head_branch(repo).unwrap_or_else(|| "main".to_string())
}

fn head_branch(repo: &Repository) -> Option<String> {
    let head = repo.find_reference("HEAD").ok()?;
    let target = head.symbolic_target_bytes()?;
    let target = std::str::from_utf8(target).ok()?;
    target.strip_prefix("refs/heads/").map(String::from)
}

/// The lines of `text` that are Git's conflict markers, 1-based: what a merge that was not
/// finished leaves in a file.
pub fn conflict_marker_lines(text: &str) -> Vec<usize> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| {
            line.starts_with("<<<<<<< ")
                || line.starts_with(">>>>>>> ")
                || *line == "======="
                || *line == "<<<<<<<"
                || *line == ">>>>>>>"
        })
        .map(|(index, _)| index + 1)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conflict_markers_are_found_by_their_lines() {
        let text =
            "title: x\n<<<<<<< HEAD\nongoing: true\n=======\nongoing: false\n>>>>>>> origin/main\n";
        assert_eq!(conflict_marker_lines(text), [2, 4, 6]);
        assert!(conflict_marker_lines("description: |\n  a ======= b\n").is_empty());
    }
}
