//! The derived cache of `deadlines` (`.git/incident-deadlines.json`), apart from `list`'s
//! so that a warm `deadlines` reads a small file: for each incident that can owe something
//! (open, or closed with a duty of the law open or waived) its files as parsed, keyed by
//! the metadata of its folder and every file; for each closed case that owes nothing only
//! the metadata of its folder, so that it is passed over after one stat. Never the source
//! of truth: a missing, unreadable or foreign file is rebuilt, and the racy-clean rule of
//! `cache.rs` holds (nothing as new as the cache file is trusted).

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::cache::{Observed, cache_key, observe, read_file, stamp};
use crate::domain::IncidentId;
use crate::domain::incident::Incident;
use crate::domain::model::{Actions, Assessment, Closure, Notification, Report};

/// Bumped whenever what an entry holds changes meaning.
const FORMAT: u32 = 1;
const FILE: &str = ".git/incident-deadlines.json";

/// An incident's files as parsed (and checked) when its entry was made.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Stored {
    report: Report,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    assessment: Option<Assessment>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    actions: Option<Actions>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    notification: Option<Notification>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    closure: Option<Closure>,
}

impl From<&Incident> for Stored {
    fn from(incident: &Incident) -> Stored {
        Stored {
            report: incident.report.clone(),
            assessment: incident.assessment.clone(),
            actions: incident.actions.clone(),
            notification: incident.notification.clone(),
            closure: incident.closure.clone(),
        }
    }
}

impl From<Stored> for Incident {
    fn from(stored: Stored) -> Incident {
        Incident {
            report: stored.report,
            assessment: stored.assessment,
            actions: stored.actions,
            notification: stored.notification,
            closure: stored.closure,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Kept {
    kinds: u8,
    fingerprint: u64,
    incident: Stored,
}

#[derive(Debug, Serialize, Deserialize)]
struct DueFile {
    format: u32,
    /// The binary and the settings the entries were computed with.
    key: String,
    /// The journal's last commit when the file was written: the folders that commits
    /// changed since are looked at again, whatever their metadata says.
    head: Option<String>,
    /// Closed cases that owe nothing: the hash of their folder's metadata.
    settled: HashMap<String, u64>,
    kept: HashMap<String, Kept>,
}

/// The hash of a folder's metadata and the newest of its times, by one stat.
pub(super) fn folder_stamp(folder: &Path) -> Option<(u64, i128)> {
    let metadata = std::fs::symlink_metadata(folder).ok()?;
    let stamp = stamp(&metadata);
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    stamp.hash(&mut hasher);
    Some((hasher.finish(), stamp.0.max(stamp.1)))
}

pub(super) struct DueCache {
    path: Option<PathBuf>,
    key: String,
    /// Modification time of the cache file as read: entries not older are racy.
    written: Option<i128>,
    head: Option<String>,
    settled: HashMap<String, u64>,
    kept: HashMap<String, Kept>,
    changed: bool,
}

impl DueCache {
    /// The cache of the register at `root` (a Git work tree) for this binary and settings
    /// text; empty when there is none yet or it was made by another binary or settings.
    pub(super) fn open(root: &Path, settings_text: &str) -> DueCache {
        let path = root.join(".git").is_dir().then(|| root.join(FILE));
        let mut cache = DueCache {
            path: path.clone(),
            key: cache_key(settings_text),
            written: None,
            head: None,
            settled: HashMap::new(),
            kept: HashMap::new(),
            changed: false,
        };
        let Some(path) = path else {
            return cache;
        };
        if let Some((file, written)) = read_file::<DueFile>(&path)
            && file.format == FORMAT
            && file.key == cache.key
        {
            cache.head = file.head;
            cache.settled = file.settled;
            cache.kept = file.kept;
            cache.written = written;
        }
        cache
    }

    /// The journal's last commit when the cache was written.
    pub(super) fn head(&self) -> Option<&str> {
        self.head.as_deref()
    }

    pub(super) fn is_settled(&self, id: &str) -> bool {
        self.settled.contains_key(id)
    }

    /// Whether the closed case `id`, which owed nothing, has its folder as then: one stat.
    pub(super) fn still_settled(&self, id: &str, folder: &Path) -> bool {
        let (Some(known), Some(written)) = (self.settled.get(id), self.written) else {
            return false;
        };
        folder_stamp(folder).is_some_and(|(hash, newest)| hash == *known && newest < written)
    }

    /// The incident `id` as kept, if its folder and files are exactly as when it was parsed.
    pub(super) fn kept(&self, id: &str, folder: &Path) -> Option<Incident> {
        let kept = self.kept.get(id)?;
        let written = self.written?;
        let now = observe(folder, kept.kinds)?;
        let fresh = now.kinds == kept.kinds && now.fingerprint == kept.fingerprint;
        (fresh && now.newest < written).then(|| kept.incident.clone().into())
    }

    /// Remembers that closed case `id` owes nothing, by its folder's metadata as observed
    /// before its files were read.
    pub(super) fn settle(&mut self, id: &IncidentId, folder_hash: u64) {
        let id = id.to_string();
        self.kept.remove(&id);
        if self.settled.insert(id, folder_hash) != Some(folder_hash) {
            self.changed = true;
        }
    }

    /// Keeps incident `id` as parsed, by its files' metadata observed before they were read.
    pub(super) fn keep(&mut self, id: &IncidentId, observed: Observed, incident: &Incident) {
        let id = id.to_string();
        self.settled.remove(&id);
        self.kept.insert(
            id,
            Kept {
                kinds: observed.kinds,
                fingerprint: observed.fingerprint,
                incident: incident.into(),
            },
        );
        self.changed = true;
    }

    /// Forgets `id`: it is looked at in full next time.
    pub(super) fn forget(&mut self, id: &IncidentId) {
        let id = id.to_string();
        let removed = self.settled.remove(&id).is_some() | self.kept.remove(&id).is_some();
        self.changed |= removed;
    }

    /// Drops the entries of incidents that no longer exist, and notes the journal's head.
    pub(super) fn retain(&mut self, ids: &[IncidentId], head: Option<String>) {
        let keep: std::collections::HashSet<String> = ids.iter().map(ToString::to_string).collect();
        let before = self.settled.len() + self.kept.len();
        self.settled.retain(|id, _| keep.contains(id));
        self.kept.retain(|id, _| keep.contains(id));
        self.changed |= self.settled.len() + self.kept.len() != before;
        if self.head != head {
            self.head = head;
            self.changed = true;
        }
    }

    /// Writes the cache back when anything changed: a temporary file, then a rename. A
    /// failure is ignored, since the cache only saves time.
    pub(super) fn save(self) {
        let Some(path) = self.path.filter(|_| self.changed) else {
            return;
        };
        let file = DueFile {
            format: FORMAT,
            key: self.key,
            head: self.head,
            settled: self.settled,
            kept: self.kept,
        };
        let Ok(bytes) = serde_json::to_vec(&file) else {
            return;
        };
        let temporary = path.with_extension(format!("{}.tmp", std::process::id()));
        if std::fs::write(&temporary, bytes).is_ok() && std::fs::rename(&temporary, &path).is_err()
        {
            let _ = std::fs::remove_file(&temporary);
        }
    }
}

/// Removes the cache of `deadlines` of the register at `root`, if there is one.
pub(super) fn clear(root: &Path) {
    let _ = std::fs::remove_file(root.join(FILE));
}
