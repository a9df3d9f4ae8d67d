//! An incident's journal read back from Git: its commits, oldest first, with their
//! trailers and the files they changed.

use std::path::Path;

use chrono::{DateTime, FixedOffset, TimeZone};
use git2::{Oid, Sort};

use super::{Journal, git_error};
use crate::error::Result;

/// One entry of an incident's journal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryEntry {
    pub commit: String,
    pub time: DateTime<FixedOffset>,
    pub author: String,
    pub email: String,
    pub subject: String,
    /// Why, for an entry of edits by hand recorded with `record -m WHY`.
    pub why: Option<String>,
    pub trailers: Vec<(String, String)>,
    /// Files of the incident the commit added, changed or removed: (name, what).
    pub files: Vec<(String, &'static str)>,
}

impl Journal {
    /// The journal of one folder (`incidents/YYYY/ID`): every commit that changed it,
    /// oldest first.
    pub fn history(&self, folder: &str, incident: &str) -> Result<Vec<HistoryEntry>> {
        let repo = &self.repo;
        let Some(head) = self.head() else {
            return Ok(Vec::new());
        };
        let mut walk = repo.revwalk().map_err(git_error("walk the history"))?;
        walk.set_sorting(Sort::TOPOLOGICAL | Sort::REVERSE)
            .map_err(git_error("walk the history"))?;
        walk.push(head).map_err(git_error("walk the history"))?;
        let folder_path = Path::new(folder);
        let entry_at = |commit: &git2::Commit| {
            commit
                .tree()
                .ok()
                .and_then(|t| t.get_path(folder_path).ok())
                .map(|e| e.id())
        };
        let mut entries = Vec::new();
        for oid in walk {
            let oid = oid.map_err(git_error("walk the history"))?;
            let commit = repo.find_commit(oid).map_err(git_error("read a commit"))?;
            let message = commit.message().unwrap_or("");
            let trailers = parse_trailers(message);
            // Every commit this tool makes names the incidents it touches; reading the
            // message is far cheaper than comparing trees. Commits made otherwise (by git
            // itself) are compared tree by tree.
            let named: Vec<&str> = trailers
                .iter()
                .filter(|(k, _)| k == "Incident")
                .map(|(_, v)| v.as_str())
                .collect();
            if !named.is_empty() && !named.contains(&incident) {
                continue;
            }
            let here = entry_at(&commit);
            let before = commit.parent(0).ok().and_then(|parent| entry_at(&parent));
            if here == before {
                continue;
            }
            let files = self.changed_files(here, before)?;
            let author = commit.author();
            let time = super::time_of(&author.when());
            entries.push(HistoryEntry {
                commit: oid.to_string(),
                time,
                author: author.name().unwrap_or("").to_string(),
                email: author.email().unwrap_or("").to_string(),
                subject: message.lines().next().unwrap_or("").to_string(),
                why: reason_of_hand_edits(message, &trailers),
                trailers,
                files,
            });
        }
        Ok(entries)
    }

    fn changed_files(
        &self,
        here: Option<Oid>,
        before: Option<Oid>,
    ) -> Result<Vec<(String, &'static str)>> {
        let list = |oid: Option<Oid>| -> Result<Vec<(String, Oid)>> {
            let Some(oid) = oid else {
                return Ok(Vec::new());
            };
            let tree = self
                .repo
                .find_tree(oid)
                .map_err(git_error("read a folder"))?;
            Ok(tree
                .iter()
                .map(|e| (e.name().unwrap_or("").to_string(), e.id()))
                .collect())
        };
        let now = list(here)?;
        let then = list(before)?;
        let mut files = Vec::new();
        for (name, id) in &now {
            match then.iter().find(|(n, _)| n == name) {
                None => files.push((name.clone(), "added")),
                Some((_, old)) if old != id => files.push((name.clone(), "changed")),
                Some(_) => {}
            }
        }
        for (name, _) in &then {
            if !now.iter().any(|(n, _)| n == name) {
                files.push((name.clone(), "removed"));
            }
        }
        Ok(files)
    }
}

impl Journal {
    /// Calls `each` with the trailers of every entry of the history from HEAD, newest
    /// first: only the messages are read, not the trees.
    pub(super) fn each_entry_trailers(
        &self,
        mut each: impl FnMut(Vec<(String, String)>),
    ) -> Result<()> {
        let Some(head) = self.head() else {
            return Ok(());
        };
        let mut walk = self.repo.revwalk().map_err(git_error("walk the history"))?;
        walk.push(head).map_err(git_error("walk the history"))?;
        for oid in walk {
            let oid = oid.map_err(git_error("walk the history"))?;
            let commit = self
                .repo
                .find_commit(oid)
                .map_err(git_error("read a commit"))?;
            each(parse_trailers(commit.message().unwrap_or_default()));
        }
        Ok(())
    }
}

/// Trailers of a commit message: `Key: value` lines of its last paragraph.
pub fn parse_trailers(message: &str) -> Vec<(String, String)> {
    let last = message.trim_end().rsplit("\n\n").next().unwrap_or("");
    if !message.trim_end().contains("\n\n") {
        return Vec::new();
    }
    last.lines()
        .filter_map(|line| {
            let (key, value) = line.split_once(": ")?;
            let is_token =
                !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
            is_token.then(|| (key.to_string(), value.trim().to_string()))
        })
        .collect()
}

/// How far back a retried change is looked for: a command run again after a failure
/// or a lost terminal comes within minutes.
pub const RETRY_WINDOW_MINUTES: i64 = 10;
/// The most recent entries searched for a retried change.
const RETRY_ENTRIES: usize = 20;

impl Journal {
    /// The recent entry that `message` by `author` at `when` would repeat: the same
    /// message (subject, body and trailers) by the same author within
    /// [`RETRY_WINDOW_MINUTES`] before `when`, among the last entries of the branch.
    pub fn same_entry_recently(
        &self,
        message: &super::Message,
        author: &super::Author,
        when: DateTime<FixedOffset>,
    ) -> Option<(String, DateTime<FixedOffset>)> {
        let text = message.render();
        let since = when.timestamp() - RETRY_WINDOW_MINUTES * 60;
        let mut commit = self.repo.find_commit(self.head()?).ok()?;
        for _ in 0..RETRY_ENTRIES {
            let signature = commit.author();
            let time = signature.when();
            if time.seconds() < since {
                return None;
            }
            let same = commit.message().ok() == Some(text.as_str())
                && signature.name().ok() == Some(author.name.as_str())
                && signature.email().ok() == Some(author.email.as_str());
            drop(signature);
            if same {
                let offset = FixedOffset::east_opt(time.offset_minutes() * 60)?;
                let at = offset.timestamp_opt(time.seconds(), 0).single()?;
                return Some((commit.id().to_string(), at));
            }
            commit = commit.parent(0).ok()?;
        }
        None
    }
}

/// The reason of an entry recording edits by hand: the paragraph `record -m` puts before
/// the list of the files edited, when there is one (the subject, the reason, the files,
/// the trailers).
fn reason_of_hand_edits(message: &str, trailers: &[(String, String)]) -> Option<String> {
    if !trailers
        .iter()
        .any(|(k, v)| k == "Change" && v == "edited by hand")
    {
        return None;
    }
    let paragraphs: Vec<&str> = message
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    // Subject, reason, files, trailers: four paragraphs when a reason was given.
    (paragraphs.len() >= 4).then(|| paragraphs[1].lines().next().unwrap_or_default().to_string())
}
