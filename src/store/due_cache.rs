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
use serde_json::value::RawValue;

use super::cache::{Observed, cache_key, observe, read_file, stamp};
use crate::domain::IncidentId;
use crate::domain::incident::Incident;
use crate::domain::model::{Actions, Assessment, Closure, Notification, Report};

/// Bumped whenever what an entry holds changes meaning.
const FORMAT: u32 = 2;
const FILE: &str = ".git/incident-deadlines.json";

/// An incident's files as parsed (and checked) when its entry was made.
#[derive(Debug, Serialize, Deserialize)]
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

/// An incident that can owe something, on disk: its files as parsed, kept as JSON text
/// and parsed only when used, on all cores (parsing the 5,000 open incidents of a
/// 100,000-incident register when the file was read took 40 ms on one).
#[derive(Debug, Serialize, Deserialize)]
struct KeptFile {
    year: i32,
    sequence: u32,
    kinds: u8,
    fingerprint: u64,
    incident: Box<RawValue>,
}

#[derive(Debug)]
struct Kept {
    kinds: u8,
    fingerprint: u64,
    incident: Box<RawValue>,
}

#[derive(Debug, Serialize, Deserialize)]
struct DueFile {
    format: u32,
    /// The binary and the settings the entries were computed with.
    key: String,
    /// The journal's last commit when the file was written: the folders that commits
    /// changed since are looked at again, whatever their metadata says.
    head: Option<String>,
    /// Closed cases that owe nothing: year, sequence and the hash of their folder's
    /// metadata (numbers, not id texts: 95,000 of them are read on every run).
    settled: Vec<(i32, u32, u64)>,
    kept: Vec<KeptFile>,
}

/// The hash of a folder's metadata and the newest of its times.
pub(super) fn metadata_stamp(metadata: &std::fs::Metadata) -> (u64, i128) {
    let stamp = stamp(metadata);
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    stamp.hash(&mut hasher);
    (hasher.finish(), stamp.0.max(stamp.1))
}

/// [`metadata_stamp`] of `folder`, by one stat.
pub(super) fn folder_stamp(folder: &Path) -> Option<(u64, i128)> {
    let metadata = std::fs::symlink_metadata(folder).ok()?;
    Some(metadata_stamp(&metadata))
}

pub(super) struct DueCache {
    path: Option<PathBuf>,
    key: String,
    /// Modification time of the cache file as read: entries not older are racy.
    written: Option<i128>,
    head: Option<String>,
    settled: HashMap<IncidentId, u64>,
    kept: HashMap<IncidentId, Kept>,
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
            cache.settled = file
                .settled
                .into_iter()
                .map(|(year, sequence, hash)| (IncidentId::new(year, sequence), hash))
                .collect();
            cache.kept = file
                .kept
                .into_iter()
                .map(|kept| {
                    let id = IncidentId::new(kept.year, kept.sequence);
                    let KeptFile {
                        kinds,
                        fingerprint,
                        incident,
                        ..
                    } = kept;
                    (
                        id,
                        Kept {
                            kinds,
                            fingerprint,
                            incident,
                        },
                    )
                })
                .collect();
            cache.written = written;
        }
        cache
    }

    /// The journal's last commit when the cache was written.
    pub(super) fn head(&self) -> Option<&str> {
        self.head.as_deref()
    }

    pub(super) fn is_settled(&self, id: &IncidentId) -> bool {
        self.settled.contains_key(id)
    }

    /// Whether the closed case `id`, which owed nothing, has its folder as then, given the
    /// folder's metadata (one stat).
    pub(super) fn still_settled(&self, id: &IncidentId, folder: &std::fs::Metadata) -> bool {
        let (Some(known), Some(written)) = (self.settled.get(id), self.written) else {
            return false;
        };
        let (hash, newest) = metadata_stamp(folder);
        hash == *known && newest < written
    }

    /// The incident `id` as kept, if its folder and files are exactly as when it was parsed.
    pub(super) fn kept(&self, id: &IncidentId, folder: &Path) -> Option<Incident> {
        let kept = self.kept.get(id)?;
        let written = self.written?;
        let now = observe(folder, kept.kinds)?;
        let fresh = now.kinds == kept.kinds && now.fingerprint == kept.fingerprint;
        if !fresh || now.newest >= written {
            return None;
        }
        // Text this binary wrote; one it cannot read is parsed from the files again.
        serde_json::from_str::<Stored>(kept.incident.get())
            .ok()
            .map(Incident::from)
    }

    /// Remembers that closed case `id` owes nothing, by its folder's metadata as observed
    /// before its files were read.
    pub(super) fn settle(&mut self, id: &IncidentId, folder_hash: u64) {
        self.kept.remove(id);
        if self.settled.insert(id.clone(), folder_hash) != Some(folder_hash) {
            self.changed = true;
        }
    }

    /// Keeps incident `id` as parsed, by its files' metadata observed before they were read.
    pub(super) fn keep(&mut self, id: &IncidentId, observed: Observed, incident: &Incident) {
        self.settled.remove(id);
        let Ok(text) = serde_json::value::to_raw_value(&Stored::from(incident)) else {
            self.forget(id);
            return;
        };
        self.kept.insert(
            id.clone(),
            Kept {
                kinds: observed.kinds,
                fingerprint: observed.fingerprint,
                incident: text,
            },
        );
        self.changed = true;
    }

    /// Forgets `id`: it is looked at in full next time.
    pub(super) fn forget(&mut self, id: &IncidentId) {
        let removed = self.settled.remove(id).is_some() | self.kept.remove(id).is_some();
        self.changed |= removed;
    }

    /// Whether there is an entry for `id`.
    pub(super) fn has(&self, id: &IncidentId) -> bool {
        self.settled.contains_key(id) || self.kept.contains_key(id)
    }

    /// Drops the entries of incidents that no longer exist, and notes the journal's head.
    /// `present` is how many of `ids` have an entry: when that is every entry, nothing is
    /// looked up (100,000 lookups at 100,000 incidents).
    pub(super) fn retain(&mut self, ids: &[IncidentId], present: usize, head: Option<String>) {
        if present != self.settled.len() + self.kept.len() {
            let keep: std::collections::HashSet<&IncidentId> = ids.iter().collect();
            self.settled.retain(|id, _| keep.contains(id));
            self.kept.retain(|id, _| keep.contains(id));
            self.changed = true;
        }
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
        let mut settled: Vec<(i32, u32, u64)> = self
            .settled
            .into_iter()
            .map(|(id, hash)| (id.year(), id.sequence(), hash))
            .collect();
        settled.sort_unstable();
        let mut kept: Vec<KeptFile> = self
            .kept
            .into_iter()
            .map(|(id, kept)| KeptFile {
                year: id.year(),
                sequence: id.sequence(),
                kinds: kept.kinds,
                fingerprint: kept.fingerprint,
                incident: kept.incident,
            })
            .collect();
        kept.sort_unstable_by_key(|kept| (kept.year, kept.sequence));
        let file = DueFile {
            format: FORMAT,
            key: self.key,
            head: self.head,
            settled,
            kept,
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
