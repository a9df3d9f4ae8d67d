//! Setting a clone up for sharing: the remote a sync talks to, the merge driver that makes
//! a plain `git pull` merge the files by meaning, and `incident clone`.
//!
//! Git takes a merge driver from two places: `.gitattributes`, committed, says which files
//! use it (the same in every clone); the clone's own `.git/config` says what command it
//! is. The tool writes both: the attributes as a journal entry (`init`, or the first sync
//! of an older register), the command at `clone`, `init` and every sync.

use std::path::Path;

use git2::Repository;

use super::super::journal::{Journal, PathChange, git_error};
use super::super::register::{Recorded, Register, Stamp};
use super::remote;
use crate::domain::event::Event;
use crate::error::{Error, Result};

pub const ATTRIBUTES_FILE: &str = ".gitattributes";

/// What `.gitattributes` holds for the register's files.
pub const ATTRIBUTES: &str = "# Git merges the register's files by their meaning with `incident merge-driver`\n# (set up in each clone by `incident clone` and `incident sync`), never with conflict markers.\nincident.toml merge=incident\nincidents/** merge=incident\n";

const DRIVER_KEY: &str = "merge.incident.driver";
const DRIVER_NAME_KEY: &str = "merge.incident.name";
const PULL_REBASE_KEY: &str = "pull.rebase";

/// How far the merge driver is set up in this clone, for `validate`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeSetup {
    /// `.gitattributes` in the journal names the driver for the register's files.
    pub attributes: bool,
    /// The program the command names exists.
    pub driver_runs: bool,
}

impl MergeSetup {
    pub fn is_complete(&self) -> bool {
        self.attributes && self.driver_runs
    }
}

/// The remote a sync of `branch` talks to: the branch's upstream, else `origin`, else the
/// only remote there is.
pub(super) fn remote_of(repo: &Repository, branch: &str) -> Result<String> {
    if let Ok(remote) = repo
        .config()
        .and_then(|config| config.get_string(&format!("branch.{branch}.remote")))
    {
        return Ok(remote);
    }
    let remotes = repo.remotes().map_err(git_error("read the remotes"))?;
    let names: Vec<&str> = remotes.iter().flatten().flatten().collect();
    if names.contains(&"origin") {
        return Ok("origin".to_string());
    }
    match names.as_slice() {
        [only] => Ok((*only).to_string()),
        _ => Err(Error::NoRemote {
            remotes: names.iter().map(|n| (*n).to_string()).collect(),
        }),
    }
}

/// The driver's command: this program, by its full path, as Git runs it through the shell.
fn driver_command() -> String {
    let program = std::env::current_exe().map_or_else(
        |_| "incident".to_string(),
        |path| path.display().to_string(),
    );
    format!("{} merge-driver %O %A %B %P", shell_quoted(&program))
}

fn shell_quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}

/// The program a driver command names (its first word, unquoted).
fn program_of(command: &str) -> String {
    let command = command.trim_start();
    if let Some(rest) = command.strip_prefix('\'') {
        let mut program = String::new();
        let mut rest = rest;
        while let Some(end) = rest.find('\'') {
            program.push_str(&rest[..end]);
            rest = &rest[end + 1..];
            if let Some(after) = rest.strip_prefix("\\''") {
                program.push('\'');
                rest = after;
            } else {
                break;
            }
        }
        program
    } else {
        command
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_string()
    }
}

impl Journal {
    /// Sets the merge driver's command in the clone's `.git/config` (unchanged when it is
    /// already this program's).
    pub fn configure_merge_driver(&self) -> Result<()> {
        let command = driver_command();
        let mut config = self
            .repo()
            .config()
            .map_err(git_error("read .git/config"))?;
        // A plain `git pull` of two sides with new entries merges (through the driver), as
        // the README promises, instead of Git 2.27+ refusing to choose; a choice of the
        // person's own, in the clone's config, stays.
        if config.get_entry(PULL_REBASE_KEY).is_err() {
            config
                .set_bool(PULL_REBASE_KEY, false)
                .map_err(git_error("set pull.rebase in .git/config"))?;
        }
        if config.get_string(DRIVER_KEY).ok().as_deref() == Some(command.as_str()) {
            return Ok(());
        }
        config
            .set_str(
                DRIVER_NAME_KEY,
                "incident: the register's files merged by their meaning",
            )
            .and_then(|()| config.set_str(DRIVER_KEY, &command))
            .map_err(git_error("set the merge driver in .git/config"))
    }
}

impl Register {
    /// How far the merge driver is set up; `None` for a register without a journal.
    pub fn merge_setup(&self) -> Option<MergeSetup> {
        let journal = self.journal.as_ref()?;
        let attributes = journal
            .committed_bytes(ATTRIBUTES_FILE)
            .ok()
            .flatten()
            .is_some_and(|bytes| String::from_utf8_lossy(&bytes).contains("merge=incident"));
        let driver = journal
            .repo()
            .config()
            .and_then(|config| config.get_string(DRIVER_KEY))
            .ok();
        let driver_runs = driver.as_deref().is_some_and(|command| {
            Path::new(&program_of(command)).is_file() || program_of(command) == "incident"
        });
        Some(MergeSetup {
            attributes,
            driver_runs,
        })
    }

    /// Whether a remote is configured (the register is shared).
    pub fn has_remote(&self) -> bool {
        self.journal.as_ref().is_some_and(|journal| {
            journal
                .repo()
                .remotes()
                .is_ok_and(|remotes| !remotes.is_empty())
        })
    }

    /// Sets the merge driver up (the command in `.git/config`) and records `.gitattributes`
    /// naming it when the journal lacks it, as its own entry. Under the register lock.
    pub(super) fn record_attributes(&self, stamp: &Stamp) -> Result<Option<Recorded>> {
        let journal = self.journal()?;
        journal.configure_merge_driver()?;
        let current = journal.committed_bytes(ATTRIBUTES_FILE)?;
        let text = match &current {
            Some(bytes) if String::from_utf8_lossy(bytes).contains("merge=incident") => {
                return Ok(None);
            }
            // A person's own attributes are kept; the register's lines go after them.
            Some(bytes) => format!(
                "{}\n{ATTRIBUTES}",
                String::from_utf8_lossy(bytes).trim_end()
            ),
            None => ATTRIBUTES.to_string(),
        };
        let changes = [PathChange::Write {
            path: ATTRIBUTES_FILE.into(),
            bytes: text.into_bytes(),
        }];
        let event = Event::MergeByMeaning;
        let message = super::super::journal::Message {
            subject: event.subject("", self.settings.register.language),
            body: Some(
                "Git merges the register's files with `incident merge-driver` from now on, so that a `git pull` never writes conflict markers into them.".into(),
            ),
            trailers: event.trailers(),
        };
        let index = journal.lock_index(super::super::lock::configured_wait()?)?;
        let commit = journal.commit(&changes, &message, &stamp.author, stamp.when)?;
        super::super::files::apply(&self.root, &changes)?;
        journal.update_index(&index, &changes)?;
        Ok(Some(Recorded {
            commit,
            subject: message.subject,
        }))
    }

    /// Clones the register at `url` into `folder` and sets the clone up: the register's
    /// branch named, the merge driver's command set. Refuses a repository that holds no
    /// register (the clone is left for the person to look at, and said so).
    pub fn clone_from(url: &str, folder: &Path) -> Result<Register> {
        if folder.exists()
            && std::fs::read_dir(folder).is_ok_and(|mut entries| entries.next().is_some())
        {
            return Err(Error::RegisterExists {
                path: folder.to_path_buf(),
            });
        }
        remote::clone(url, folder)?;
        let register = Register::open(folder)?;
        let journal = register.journal()?;
        let branch = journal.branch();
        journal.set_branch(&branch)?;
        journal.configure_merge_driver()?;
        // The filed tags came with the clone, from the server: noted as the server's, so
        // that the first sync does not push them back.
        register.note_cloned_tags();
        Ok(register)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_driver_program_is_read_back_from_its_quoted_command() {
        let command = format!(
            "{} merge-driver %O %A %B %P",
            shell_quoted("/opt/it's here/incident")
        );
        assert_eq!(program_of(&command), "/opt/it's here/incident");
        assert_eq!(program_of("incident merge-driver %O"), "incident");
    }
}
