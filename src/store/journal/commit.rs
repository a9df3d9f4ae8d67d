//! Making a commit from bytes, and bringing the index in line with it.

use chrono::{DateTime, FixedOffset};
use git2::{Signature, build::TreeUpdateBuilder};

use super::{Author, Journal, git_error};
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
    /// Records `changes` as one commit on HEAD. The parent is the HEAD that was read
    /// before the change was computed; if HEAD moved meanwhile, libgit2 refuses and
    /// nothing is recorded.
    pub fn commit(
        &self,
        changes: &[PathChange],
        message: &Message,
        author: &Author,
        when: DateTime<FixedOffset>,
    ) -> Result<String> {
        let repo = &self.repo;
        let parent = match self.head() {
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
        let tree = repo
            .find_tree(tree_id)
            .map_err(git_error("read the new tree"))?;
        let time = git2::Time::new(when.timestamp(), when.offset().local_minus_utc() / 60);
        let signature = Signature::new(&author.name, &author.email, &time)
            .map_err(git_error("make the author signature"))?;
        let parents: Vec<&git2::Commit> = parent.iter().collect();
        let oid = repo
            .commit(
                Some("HEAD"),
                &signature,
                &signature,
                &message.render(),
                &tree,
                &parents,
            )
            .map_err(|error| {
                if error
                    .message()
                    .contains("current tip is not the first parent")
                {
                    Error::Concurrent {
                        what: Meanwhile::Branch {
                            detail: error.message().to_string(),
                        },
                    }
                } else {
                    git_error("record the commit")(error)
                }
            })?;
        Ok(oid.to_string())
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
}
