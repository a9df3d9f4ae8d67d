//! The journal (diarium): the register's Git history. Every change is one commit made
//! straight from the bytes written (blob, tree update of the touched paths, commit), so a
//! commit costs the same whatever the register's size; the index is then updated for the
//! touched paths only, so `git status` stays clean.
//!
//! One concept a file: making a commit and updating the index ([`commit`]), reading an
//! incident's history and the trailers ([`history`]), comparing trees and the work tree
//! ([`compare`]), and finding changes that were interrupted ([`interrupted`]).

mod at;
mod bulk;
mod commit;
mod compare;
mod evidence;
mod history;
mod ids;
mod index;
mod index_file;
mod interrupted;
mod signature;
mod signing;
mod state;

use std::path::Path;

use git2::{Oid, Repository};

use crate::error::{Error, Result};

pub use at::EntryAt;
pub(in crate::store) use at::filed_tags;
pub use commit::{Message, PathChange};
pub use compare::IndexDifference;
pub use evidence::{EVIDENCE, EVIDENCE_SHA256, MESSAGE_ID};
pub use history::{HistoryEntry, parse_trailers};
pub use ids::Deletion;
pub use index::{IndexLock, ReadIndex};
pub use signature::SignatureCheck;
pub(in crate::store) use signing::create_commit;
pub use signing::{Format as SignatureFormat, Signer};
pub(super) use state::register_branch;
pub use state::{BRANCH_KEY, conflict_marker_lines};

/// Who is recorded as the author of a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Author {
    pub name: String,
    pub email: String,
}

impl Author {
    /// Parses `Name <email>`.
    pub fn parse(text: &str) -> Option<Author> {
        let (name, rest) = text.split_once('<')?;
        let email = rest.strip_suffix('>')?.trim();
        let name = name.trim();
        (!name.is_empty() && !email.is_empty()).then(|| Author {
            name: name.to_string(),
            email: email.to_string(),
        })
    }
}

/// A path in the working tree that differs from the last commit.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Edited {
    pub path: String,
    pub deleted: bool,
}

pub struct Journal {
    repo: Repository,
    /// The register requires every entry signed (`[register] require_signed`): a commit
    /// the Git configuration would not sign is refused.
    require_signed: bool,
}

/// The author from the user's global git configuration, for a register not yet created.
pub fn global_author() -> Option<Author> {
    let config = git2::Config::open_default().ok()?;
    let name = config.get_string("user.name").ok()?;
    let email = config.get_string("user.email").ok()?;
    Some(Author { name, email })
}

/// A Git time (an author's, a committer's, a tagger's) as a date and time with the offset
/// it was recorded in.
pub(in crate::store) fn time_of(time: &git2::Time) -> chrono::DateTime<chrono::FixedOffset> {
    use chrono::{Offset, TimeZone};
    let offset = chrono::FixedOffset::east_opt(time.offset_minutes() * 60)
        .unwrap_or_else(|| chrono::Utc.fix());
    offset
        .timestamp_opt(time.seconds(), 0)
        .single()
        .unwrap_or_default()
}

pub(in crate::store) fn git_error(action: impl Into<String>) -> impl FnOnce(git2::Error) -> Error {
    let action = action.into();
    move |error| Error::Git {
        action,
        message: error.message().to_string(),
    }
}

/// Makes libgit2 flush every object, reference and index it writes to disk (fsync), and
/// their folders, before it reports success. Off by default in libgit2; without it, a
/// power cut just after a change can lose a commit that the command said it recorded.
#[expect(
    clippy::cast_possible_wrap,
    reason = "GIT_OPT_ENABLE_FSYNC_GITDIR is a small libgit2 option number"
)]
fn flush_git_writes() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        libgit2_sys::init();
        // SAFETY: a process-wide libgit2 setting that takes one int, set once, after
        // libgit2 is initialised and before any repository is opened.
        unsafe {
            libgit2_sys::git_libgit2_opts(libgit2_sys::GIT_OPT_ENABLE_FSYNC_GITDIR as _, 1);
        }
    });
}

/// Stops libgit2 from hashing every object again as it reads it (on by default). For
/// `incident verify` only, which reads every tree and blob of the history once: the check
/// of the objects' integrity is `git fsck`'s, which the README names beside it; verify
/// checks what the journal means. Process-wide, so called only by a command that makes no
/// change.
#[expect(
    clippy::cast_possible_wrap,
    reason = "GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION is a small libgit2 option number"
)]
pub(in crate::store) fn trust_object_hashes() {
    libgit2_sys::init();
    // SAFETY: a process-wide libgit2 setting that takes one int, set after libgit2 is
    // initialised, by a read-only command.
    unsafe {
        libgit2_sys::git_libgit2_opts(libgit2_sys::GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION as _, 0);
    }
}

impl Journal {
    /// Opens the repository at `root`, if the folder is one.
    pub fn open(root: &Path) -> Result<Option<Journal>> {
        if !root.join(".git").exists() {
            return Ok(None);
        }
        flush_git_writes();
        let repo = Repository::open(root)
            .map_err(git_error(format!("open the repository {}", root.display())))?;
        Ok(Some(Journal {
            repo,
            require_signed: false,
        }))
    }

    /// Creates a repository at `root` with `main` as its first branch.
    pub fn init(root: &Path) -> Result<Journal> {
        flush_git_writes();
        let mut options = git2::RepositoryInitOptions::new();
        options.initial_head("main");
        let repo = Repository::init_opts(root, &options).map_err(git_error(format!(
            "create a repository in {}",
            root.display()
        )))?;
        Ok(Journal {
            repo,
            require_signed: false,
        })
    }

    /// Makes every commit refused that the Git configuration would not sign (the
    /// register's `require_signed`).
    pub fn require_signatures(&mut self, required: bool) {
        self.require_signed = required;
    }

    /// The author from git configuration (repository, then global), if set.
    pub fn configured_author(&self) -> Option<Author> {
        let config = self.repo.config().ok()?;
        let name = config.get_string("user.name").ok()?;
        let email = config.get_string("user.email").ok()?;
        Some(Author { name, email })
    }

    /// The repository itself, for the store's sharing code (replaying commits, moving the
    /// branch), which works on Git's objects directly.
    pub(in crate::store) fn repo(&self) -> &Repository {
        &self.repo
    }

    pub fn head(&self) -> Option<Oid> {
        self.repo.head().ok().and_then(|head| head.target())
    }

    /// The commit id of HEAD, for exports that name what they were made from.
    pub fn head_id(&self) -> Option<String> {
        self.head().map(|oid| oid.to_string())
    }

    /// The names in folder `folder` ("" for the root) of the last commit.
    pub fn committed_names(&self, folder: &str) -> Result<Vec<String>> {
        match self.head() {
            Some(head) => self.names_at(head, folder),
            None => Ok(Vec::new()),
        }
    }

    /// The tree of the last commit; `None` before the first.
    fn head_tree(&self) -> Result<Option<git2::Tree<'_>>> {
        let Some(head) = self.head() else {
            return Ok(None);
        };
        self.repo
            .find_commit(head)
            .and_then(|c| c.tree())
            .map(Some)
            .map_err(git_error("read the last commit's tree"))
    }

    /// Whether Git ignores `path` (the register's .gitignore: drafts, editor leftovers).
    pub fn is_ignored(&self, path: &str) -> bool {
        self.repo.is_path_ignored(Path::new(path)).unwrap_or(false)
    }

    /// Whether the last commit holds `path` (a file or a folder).
    pub fn is_committed(&self, path: &str) -> Result<bool> {
        Ok(self
            .head_tree()?
            .is_some_and(|tree| tree.get_path(Path::new(path)).is_ok()))
    }

    /// The bytes of `path` in the last commit, or `None` when it holds no such file.
    pub fn committed_bytes(&self, path: &str) -> Result<Option<Vec<u8>>> {
        let Some(tree) = self.head_tree()? else {
            return Ok(None);
        };
        let Ok(entry) = tree.get_path(Path::new(path)) else {
            return Ok(None);
        };
        let blob = self
            .repo
            .find_blob(entry.id())
            .map_err(git_error(format!("read {path} from the journal")))?;
        Ok(Some(blob.content().to_vec()))
    }
}

/// Whether `path` is a symbolic link: never read or written through.
pub fn is_link(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// A temporary file of an atomic write (`.<name>.<pid>.tmp`): never an edit by hand, never
/// recorded; one left behind by a process that died is removed by the next change.
pub fn is_temporary(name: &str) -> bool {
    name.starts_with('.') && name.ends_with(".tmp")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn authors_parse_from_name_and_email() {
        assert_eq!(
            Author::parse("Ada Lovelace <ada@example.org>"),
            Some(Author {
                name: "Ada Lovelace".into(),
                email: "ada@example.org".into()
            })
        );
        assert_eq!(Author::parse("no email"), None);
        assert_eq!(Author::parse("<a@b>"), None);
    }
}
