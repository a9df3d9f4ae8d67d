//! What an earlier `incident verify` established, kept in `.git/incident-verified.json` so
//! that the next run checks only what is new: the branch's commit it verified up to, the
//! findings of the commits before it, the settings then, the filings recorded, and how far
//! the reflogs were read. Never the source of truth: a missing, unreadable or foreign file
//! (another binary, another list of allowed signers) means a full run; a verified commit
//! that is no longer in the branch's history means a full run too.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::finding::Finding;

/// Bumped whenever what the file holds changes meaning.
const FORMAT: u32 = 2;
const FILE: &str = "incident-verified.json";

/// An entry recording a filing (its `Filing:` trailer): the tag it names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordedFiling {
    pub tag: String,
    pub commit: String,
    pub incident: Option<String>,
}

/// How far a reflog was read, and what was found in it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReflogRead {
    /// The reference (`refs/heads/main`, `refs/remotes/origin/main`).
    pub reference: String,
    /// Entries read, oldest first; a reflog shorter than this was expired or cut, and is
    /// read again from its start.
    pub entries: usize,
    /// The newest entry read (its new value), to tell a reflog rewritten under the count.
    pub last: Option<String>,
    pub findings: Vec<Finding>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Saved {
    pub format: u32,
    pub key: String,
    /// The branch's commit the commit findings below cover (it and all before it).
    pub head: String,
    /// Commits in the branch's history up to `head`.
    pub entries: usize,
    /// Findings of the commits up to `head` (not of the references, which are below).
    pub findings: Vec<Finding>,
    /// The settings file's blob at `head`, and whether signing was required there and
    /// since which commit.
    pub settings_blob: Option<String>,
    pub signed_since: Option<String>,
    /// The allowed-signers file's blob at `head`.
    #[serde(default)]
    pub allowed_signers: Option<String>,
    pub filings: Vec<RecordedFiling>,
    /// Filing tags found in the journal: (tag, the tag's object id, the commit).
    pub tags_in_journal: Vec<(String, String, String)>,
    pub reflogs: Vec<ReflogRead>,
}

fn path(git_dir: &Path) -> PathBuf {
    git_dir.join(FILE)
}

/// What an earlier run of this binary saved under the same `key`, if anything.
pub fn load(git_dir: &Path, key: &str) -> Option<Saved> {
    let bytes = std::fs::read(path(git_dir)).ok()?;
    let saved: Saved = serde_json::from_slice(&bytes).ok()?;
    (saved.format == FORMAT && saved.key == key).then_some(saved)
}

/// Writes what this run established: a temporary file, then a rename. A failure is
/// ignored, since the file only saves time.
pub fn store(git_dir: &Path, mut saved: Saved) {
    saved.format = FORMAT;
    let Ok(bytes) = serde_json::to_vec(&saved) else {
        return;
    };
    let target = path(git_dir);
    let temporary = target.with_extension(format!("{}.tmp", std::process::id()));
    if std::fs::write(&temporary, bytes).is_ok() && std::fs::rename(&temporary, &target).is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
}

/// Removes the saved verification, so the next run checks everything.
pub fn clear(git_dir: &Path) {
    let _ = std::fs::remove_file(path(git_dir));
}
