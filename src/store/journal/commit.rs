//! Making a commit from bytes, and bringing the index in line with it.

use chrono::{DateTime, FixedOffset};
use git2::{Oid, Signature, build::TreeUpdateBuilder};

use super::{Author, Journal, create_commit, git_error};
use crate::error::{Error, Meanwhile, Result};

/// One path a commit writes or removes, relative to the register root with `/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathChange {
    Write { path: String, bytes: Vec<u8> },
    Delete { path: String },
}

impl PathChange {
    pub fn path(&self) -> &str {
        match self {
            PathChange::Write { path, .. } | PathChange::Delete { path } => path,
        }
    }
}

/// A commit message: subject, optional body, trailers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub subject: String,
    pub body: Option<String>,
    pub trailers: Vec<(String, String)>,
}

impl Message {
    pub fn render(&self) -> String {
        let mut text = self.subject.clone();
        text.push('\n');
        if let Some(body) = &self.body {
            text.push('\n');
            text.push_str(body.trim_end());
            text.push('\n');
        }
        if !self.trailers.is_empty() {
            text.push('\n');
            for (key, value) in &self.trailers {
                text.push_str(&format!("{key}: {value}\n"));
            }
        }
        text
    }
}

impl Journal {
    /// Records `changes` as one commit on HEAD, signed when the Git configuration asks
    /// (see [`super::signing`]). The parent is the HEAD that was read before the change was
    /// computed; if HEAD moved meanwhile, the branch is not moved and nothing is recorded.
    pub fn commit(
        &self,
        changes: &[PathChange],
        message: &Message,
        author: &Author,
        when: DateTime<FixedOffset>,
    ) -> Result<String> {
        self.commit_on(self.head(), changes, message, author, when)
    }

    /// [`Journal::commit`] on `parent`, the HEAD the change was computed from.
    fn commit_on(
        &self,
        parent: Option<Oid>,
        changes: &[PathChange],
        message: &Message,
        author: &Author,
        when: DateTime<FixedOffset>,
    ) -> Result<String> {
        // Before anything is made: a commit that must be signed and cannot be is refused.
        self.signer()?;
        let repo = &self.repo;
        let parent = match parent {
            Some(oid) => Some(
                repo.find_commit(oid)
                    .map_err(git_error("read the last commit"))?,
            ),
            None => None,
        };
        let baseline = match &parent {
            Some(commit) => commit
                .tree()
                .map_err(git_error("read the last commit's tree"))?,
            None => {
                let empty = repo
                    .treebuilder(None)
                    .and_then(|b| b.write())
                    .map_err(git_error("create an empty tree"))?;
                repo.find_tree(empty)
                    .map_err(git_error("read the empty tree"))?
            }
        };
        let mut update = TreeUpdateBuilder::new();
        for change in changes {
            match change {
                PathChange::Write { path, bytes } => {
                    let blob = repo
                        .blob(bytes)
                        .map_err(git_error(format!("store {path}")))?;
                    update.upsert(path.as_str(), blob, git2::FileMode::Blob);
                }
                PathChange::Delete { path } => {
                    update.remove(path.as_str());
                }
            }
        }
        let tree_id = update
            .create_updated(repo, &baseline)
            .map_err(git_error("build the new tree"))?;
        self.commit_tree_on(parent.as_ref(), tree_id, message, author, when)
    }

    /// Commits the tree `tree_id`, already written (see [`Journal::write_objects_at_once`]),
    /// on the last commit: the rest of [`Journal::commit`].
    pub fn commit_tree(
        &self,
        tree_id: Oid,
        message: &Message,
        author: &Author,
        when: DateTime<FixedOffset>,
    ) -> Result<String> {
        let parent = match self.head() {
            Some(oid) => Some(
                self.repo
                    .find_commit(oid)
                    .map_err(git_error("read the last commit"))?,
            ),
            None => None,
        };
        self.commit_tree_on(parent.as_ref(), tree_id, message, author, when)
    }

    fn commit_tree_on(
        &self,
        parent: Option<&git2::Commit<'_>>,
        tree_id: Oid,
        message: &Message,
        author: &Author,
        when: DateTime<FixedOffset>,
    ) -> Result<String> {
        let signer = self.signer()?;
        let repo = &self.repo;
        let tree = repo
            .find_tree(tree_id)
            .map_err(git_error("read the new tree"))?;
        let time = git2::Time::new(when.timestamp(), when.offset().local_minus_utc() / 60);
        let signature = Signature::new(&author.name, &author.email, &time)
            .map_err(git_error("make the author signature"))?;
        let parents: Vec<&git2::Commit> = parent.into_iter().collect();
        let text = message.render();
        let oid = create_commit(
            repo,
            signer.as_ref(),
            &signature,
            &signature,
            &text,
            &tree,
            &parents,
        )?;
        self.advance_head(parent.map(git2::Commit::id), oid, &message.subject)?;
        Ok(oid.to_string())
    }

    /// Moves the branch HEAD names (or a detached HEAD) from `expected` to `new`, only if
    /// it is still at `expected` (created only if it does not exist yet): a commit made
    /// meanwhile by another process is never overwritten.
    fn advance_head(&self, expected: Option<Oid>, new: Oid, subject: &str) -> Result<()> {
        let repo = &self.repo;
        let head = repo
            .find_reference("HEAD")
            .map_err(git_error("read HEAD"))?;
        let name = head
            .symbolic_target()
            .map_err(git_error("read HEAD"))?
            .unwrap_or("HEAD")
            .to_string();
        // The reflog's words, as `git commit` and libgit2 write them.
        let log = match expected {
            Some(_) => format!("commit: {subject}"),
            None => format!("commit (initial): {subject}"),
        };
        let moved = match expected {
            Some(old) => repo.reference_matching(&name, new, true, old, &log),
            None => repo.reference(&name, new, false, &log),
        };
        moved.map(drop).map_err(|error| {
            if matches!(
                error.code(),
                git2::ErrorCode::Modified | git2::ErrorCode::Exists
            ) {
                Error::Concurrent {
                    what: Meanwhile::Branch {
                        detail: error.message().to_string(),
                    },
                }
            } else {
                git_error("move the branch to the new commit")(error)
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::journal::parse_trailers;

    #[test]
    fn messages_render_with_trailers_and_parse_back() {
        let message = Message {
            subject: "2026-0001: reported".into(),
            body: Some("Misdirected e-mail".into()),
            trailers: vec![
                ("Incident".into(), "2026-0001".into()),
                ("Step".into(), "A".into()),
            ],
        };
        let text = message.render();
        assert_eq!(
            text,
            "2026-0001: reported\n\nMisdirected e-mail\n\nIncident: 2026-0001\nStep: A\n"
        );
        assert_eq!(parse_trailers(&text), message.trailers);
        assert_eq!(parse_trailers("subject only\n"), vec![]);
    }

    #[test]
    fn a_commit_on_a_head_that_moved_meanwhile_is_refused_and_the_branch_stays() {
        let test = crate::store::testing::TestRegister::new();
        let register = test.open();
        let journal = register.journal().unwrap();
        let stamp = test.stamp();
        let note = |text: &str| {
            vec![PathChange::Write {
                path: "notes.txt".into(),
                bytes: text.as_bytes().to_vec(),
            }]
        };
        let message = Message {
            subject: "note".into(),
            body: None,
            trailers: vec![],
        };
        let stale = journal.head();
        journal
            .commit(&note("first"), &message, &stamp.author, stamp.when)
            .unwrap();
        let moved = journal.head();
        for parent in [stale, None] {
            let refused =
                journal.commit_on(parent, &note("second"), &message, &stamp.author, stamp.when);
            assert!(
                matches!(
                    refused,
                    Err(Error::Concurrent {
                        what: Meanwhile::Branch { .. }
                    })
                ),
                "{refused:?}"
            );
            assert_eq!(
                journal.head(),
                moved,
                "the branch stays where the other commit put it"
            );
        }
    }
}
