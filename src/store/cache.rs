//! The derived cache of whole-register reads: for each incident, what `list` shows and what
//! `validate` found, keyed by the file metadata of its folder and files. It lives in
//! `.git/incident-cache.json`, where Git neither tracks nor shows it; it is never the
//! source of truth: a missing, unreadable or foreign cache is rebuilt from the files, and
//! an entry whose files changed in any way (size, modification or change time, inode, a
//! file added or removed) is read again.
//!
//! Staleness follows Git's "racy clean" rule: a file changed within the same timestamp
//! tick as the cache was written could keep its metadata, so an entry whose files are not
//! older than the cache file itself is never trusted.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use super::files::FileKind;
use super::journal::{Deletion, Edited};
use crate::domain::IncidentId;
use crate::domain::incident::Summary;
use crate::domain::stats::Tally;
use crate::error::FileProblem;

/// Bumped whenever what an entry holds changes meaning.
const FORMAT: u32 = 5;
const FILE: &str = ".git/incident-cache.json";

/// What was found in one incident's folder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Examined {
    pub problems: Vec<FileProblem>,
    /// None when the incident is invalid.
    pub summary: Option<Summary>,
    /// What a person should look at, though the files are valid (personal data in text
    /// bound for IMY).
    #[serde(default)]
    pub warnings: Vec<FileProblem>,
    /// A duty of the law is open or waived (`deadlines` reads a closed case that has one);
    /// whether it is does not depend on the moment, so it can be kept.
    #[serde(default)]
    pub owes_law: bool,
    /// What `stats` counts of a valid incident, so that a warm `stats` parses nothing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tally: Option<Tally>,
}

impl Examined {
    /// A copy without the tally, for the reads that do not count (`list`, `validate`): a
    /// whole register's tallies are not copied for nothing.
    pub fn untallied(&self) -> Examined {
        Examined {
            problems: self.problems.clone(),
            summary: self.summary.clone(),
            warnings: self.warnings.clone(),
            owes_law: self.owes_law,
            tally: None,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    /// Which of the incident files exist, one bit per [`FileKind`] in [`KINDS`] order.
    kinds: u8,
    /// Hash of the metadata of the folder and of each file.
    fingerprint: u64,
    /// Newest modification or change time among them, in nanoseconds since 1970.
    newest: i128,
    examined: Examined,
}

#[derive(Debug, Serialize, Deserialize)]
struct CacheFile {
    format: u32,
    /// The binary and the settings the entries were computed with.
    key: String,
    entries: HashMap<String, Entry>,
    #[serde(default)]
    unrecorded: Option<Unrecorded>,
    #[serde(default)]
    deleted: Option<DeletedFolders>,
}

/// The incident folders that commits deleted, found by `validate` in the history up to
/// `head`; the next run looks only at the commits since.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeletedFolders {
    pub head: String,
    pub found: Vec<(IncidentId, Deletion)>,
}

/// The changes not in the journal that `validate` found, so that the next run compares
/// again only what can have changed since: incidents whose files changed (their entries
/// miss), what commits since `head` changed, these paths, and `recheck`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Unrecorded {
    /// The last commit they were compared with.
    pub head: String,
    pub edited: Vec<Edited>,
    /// Folders of incidents examined anew since (by `list`), to compare next time.
    #[serde(default)]
    pub recheck: Vec<String>,
}

/// The incident files, in the order of [`Entry::kinds`]'s bits.
const KINDS: [FileKind; 5] = [
    FileKind::Report,
    FileKind::Assessment,
    FileKind::Actions,
    FileKind::Notification,
    FileKind::Closure,
];

/// The file metadata of one incident's folder, as found now.
pub struct Observed {
    pub(super) kinds: u8,
    pub(super) fingerprint: u64,
    pub(super) newest: i128,
}

pub struct Cache {
    path: Option<PathBuf>,
    key: String,
    /// Modification time of the cache file as read: entries not older are racy.
    written: Option<i128>,
    entries: HashMap<String, Entry>,
    unrecorded: Option<Unrecorded>,
    deleted: Option<DeletedFolders>,
    changed: bool,
}

fn nanos(time: std::io::Result<SystemTime>) -> i128 {
    time.ok()
        .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
        .and_then(|d| i128::try_from(d.as_nanos()).ok())
        .unwrap_or(0)
}

/// (modification time, change time, inode, size); without change time and inode off Unix.
pub(super) fn stamp(metadata: &std::fs::Metadata) -> (i128, i128, u64, u64) {
    let modified = nanos(metadata.modified());
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let changed =
            i128::from(metadata.ctime()) * 1_000_000_000 + i128::from(metadata.ctime_nsec());
        (modified, changed, metadata.ino(), metadata.len())
    }
    #[cfg(not(unix))]
    {
        (modified, modified, 0, metadata.len())
    }
}

/// The metadata of an incident's folder and of the incident files that `kinds` says exist;
/// `None` when one of them cannot be read (the caller then reads the folder in full).
pub(super) fn observe(folder: &Path, kinds: u8) -> Option<Observed> {
    let folder_metadata = std::fs::symlink_metadata(folder).ok()?;
    fingerprint(folder, &folder_metadata, kinds)
}

fn fingerprint(folder: &Path, folder_metadata: &std::fs::Metadata, kinds: u8) -> Option<Observed> {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    let folder_stamp = stamp(folder_metadata);
    folder_stamp.hash(&mut hasher);
    let mut newest = folder_stamp.0.max(folder_stamp.1);
    for (bit, kind) in KINDS.iter().enumerate() {
        if kinds & (1 << bit) == 0 {
            continue;
        }
        let metadata = std::fs::symlink_metadata(folder.join(kind.file_name())).ok()?;
        let file_stamp = stamp(&metadata);
        (bit, file_stamp).hash(&mut hasher);
        newest = newest.max(file_stamp.0).max(file_stamp.1);
    }
    Some(Observed {
        kinds,
        fingerprint: hasher.finish(),
        newest,
    })
}

/// The metadata of an incident's folder and its files, observed before they are read (the
/// folder first, then its entries, then each file), so a change made while they are read
/// shows as a different fingerprint next time. Also returns the folder's entries. The
/// metadata is `None` when the folder holds anything but incident files.
pub fn observe_folder(folder: &Path) -> std::io::Result<(Option<Observed>, Vec<String>)> {
    let folder_metadata = std::fs::symlink_metadata(folder)?;
    let mut names = Vec::new();
    for entry in std::fs::read_dir(folder)? {
        names.push(entry?.file_name().to_string_lossy().into_owned());
    }
    names.sort();
    let observed = kinds_of(&names).and_then(|kinds| fingerprint(folder, &folder_metadata, kinds));
    Ok((observed, names))
}

/// Which incident files exist in `names` (a folder's entries); `None` when anything else
/// is there, so that the folder is always examined in full.
pub fn kinds_of(names: &[String]) -> Option<u8> {
    let mut kinds = 0;
    for name in names {
        let bit = KINDS.iter().position(|k| k.file_name() == name)?;
        kinds |= 1 << bit;
    }
    Some(kinds)
}

/// A derived cache file as written, with its modification time (entries not older than
/// it are racy); `None` when it is missing or not of this shape.
pub(super) fn read_file<T: serde::de::DeserializeOwned>(path: &Path) -> Option<(T, Option<i128>)> {
    let bytes = std::fs::read(path).ok()?;
    let written = std::fs::metadata(path).map(|m| stamp(&m).0).ok();
    serde_json::from_slice(&bytes)
        .ok()
        .map(|file| (file, written))
}

impl Cache {
    /// Opens the cache of the register at `root` (a Git work tree) for the binary that
    /// runs and the given settings text; an empty cache when there is none yet, or when it
    /// was made by another binary or under other settings.
    pub fn open(root: &Path, settings_text: &str, journaled: bool) -> Cache {
        let path = (journaled && root.join(".git").is_dir()).then(|| root.join(FILE));
        let key = cache_key(settings_text);
        let mut cache = Cache {
            path: path.clone(),
            key,
            written: None,
            entries: HashMap::new(),
            unrecorded: None,
            deleted: None,
            changed: false,
        };
        let Some(path) = path else {
            return cache;
        };
        if let Some((file, written)) = read_file::<CacheFile>(&path)
            && file.format == FORMAT
            && file.key == cache.key
        {
            cache.entries = file.entries;
            cache.unrecorded = file.unrecorded;
            cache.deleted = file.deleted;
            cache.written = written;
        }
        cache
    }

    /// The metadata of `id`'s folder now, for [`Cache::get`] and [`Cache::put`]: the files
    /// are those the entry knows of (a file added or removed changes the folder's times).
    pub fn observe(&self, root: &Path, id: &IncidentId) -> Option<Observed> {
        let kinds = self.entries.get(&id.to_string()).map(|e| e.kinds)?;
        observe(&root.join(id.folder()), kinds)
    }

    /// The cached result for `id` if its files are exactly as when it was computed.
    pub fn get(&self, id: &IncidentId, observed: &Observed) -> Option<&Examined> {
        let entry = self.entries.get(&id.to_string())?;
        let written = self.written?;
        let fresh = entry.kinds == observed.kinds
            && entry.fingerprint == observed.fingerprint
            && observed.newest < written;
        fresh.then_some(&entry.examined)
    }

    /// What the cache holds for `id`, once [`Cache::get`] has found it fresh.
    pub fn examined(&self, id: &IncidentId) -> Option<&Examined> {
        self.entries
            .get(&id.to_string())
            .map(|entry| &entry.examined)
    }

    /// Room for `incidents` entries in all, made at once: a map grown entry by entry
    /// holds its old and new tables together at each doubling.
    pub fn reserve(&mut self, incidents: usize) {
        if self.path.is_some() {
            self.entries
                .reserve(incidents.saturating_sub(self.entries.len()));
        }
    }

    /// Remembers what was found for `id`, given the metadata observed (by
    /// [`observe_folder`]) before its files were read.
    pub fn put(&mut self, id: &IncidentId, observed: Observed, examined: Examined) {
        if self.path.is_none() {
            return;
        }
        self.entries.insert(
            id.to_string(),
            Entry {
                kinds: observed.kinds,
                fingerprint: observed.fingerprint,
                newest: observed.newest,
                examined,
            },
        );
        self.changed = true;
    }

    /// Forgets `id` (its folder holds other files, so it is always examined in full).
    pub fn forget(&mut self, id: &IncidentId) {
        self.changed |= self.entries.remove(&id.to_string()).is_some();
    }

    /// What the last `validate` found of changes not in the journal, if the cache holds it.
    pub fn deleted(&self) -> Option<&DeletedFolders> {
        self.deleted.as_ref()
    }

    pub fn set_deleted(&mut self, deleted: DeletedFolders) {
        if self.deleted.as_ref() != Some(&deleted) {
            self.deleted = Some(deleted);
            self.changed = true;
        }
    }

    pub fn unrecorded(&self) -> Option<&Unrecorded> {
        self.unrecorded.as_ref()
    }

    pub fn set_unrecorded(&mut self, unrecorded: Unrecorded) {
        if self.unrecorded.as_ref() != Some(&unrecorded) {
            self.unrecorded = Some(unrecorded);
            self.changed = true;
        }
    }

    /// Notes folders to compare with the journal at the next `validate`: their entries
    /// were renewed by a command that did not compare them.
    pub fn recheck(&mut self, folders: impl IntoIterator<Item = String>) {
        if let Some(unrecorded) = self.unrecorded.as_mut() {
            let before = unrecorded.recheck.len();
            unrecorded.recheck.extend(folders);
            unrecorded.recheck.sort();
            unrecorded.recheck.dedup();
            self.changed |= unrecorded.recheck.len() != before;
        }
    }

    /// The ids the cache holds entries for.
    pub fn ids(&self) -> Vec<String> {
        self.entries.keys().cloned().collect()
    }

    /// Drops the entries of incidents that no longer exist.
    pub fn retain(&mut self, ids: &[IncidentId]) {
        let keep: std::collections::HashSet<String> = ids.iter().map(ToString::to_string).collect();
        let before = self.entries.len();
        self.entries.retain(|id, _| keep.contains(id));
        self.changed |= self.entries.len() != before;
    }

    /// Writes the cache back when anything changed: a temporary file, then a rename. A
    /// failure is ignored, since the cache only saves time.
    pub fn save(self) {
        let Some(path) = self.path.filter(|_| self.changed) else {
            return;
        };
        let file_contents = CacheFile {
            format: FORMAT,
            key: self.key,
            entries: self.entries,
            unrecorded: self.unrecorded,
            deleted: self.deleted,
        };
        let temporary = path.with_extension(format!("{}.tmp", std::process::id()));
        // Streamed to the file: at 100,000 incidents the text is 38 MB, and a buffer of it
        // grew to 64 MB on top of the entries.
        let written = std::fs::File::create(&temporary).is_ok_and(|file| {
            let mut writer = std::io::BufWriter::new(file);
            serde_json::to_writer(&mut writer, &file_contents).is_ok()
                && std::io::Write::flush(&mut writer).is_ok()
        });
        if !written || std::fs::rename(&temporary, &path).is_err() {
            let _ = std::fs::remove_file(&temporary);
        }
    }
}

/// Removes the cache of the register at `root`, if there is one.
pub fn clear(root: &Path) {
    let _ = std::fs::remove_file(root.join(FILE));
    let _ = std::fs::remove_file(root.join(SETTINGS_CHECKED));
}

/// The key ([`cache_key`]) of the settings text this binary last found valid against its
/// schema: compiling the schema took 2–3 ms of every command's start, for a text that
/// rarely changes.
const SETTINGS_CHECKED: &str = ".git/incident-settings-checked";

/// Whether this binary found exactly `settings_text` valid against its schema before.
pub(super) fn settings_checked_before(root: &Path, settings_text: &str) -> bool {
    std::fs::read_to_string(root.join(SETTINGS_CHECKED))
        .is_ok_and(|known| known == cache_key(settings_text))
}

/// Notes that `settings_text` is valid, for [`settings_checked_before`]; only in a Git
/// work tree. A failure is ignored: the next run checks again.
pub(super) fn note_settings_checked(root: &Path, settings_text: &str) {
    if !root.join(".git").is_dir() {
        return;
    }
    let path = root.join(SETTINGS_CHECKED);
    let temporary = path.with_extension(format!("{}.tmp", std::process::id()));
    if std::fs::write(&temporary, cache_key(settings_text)).is_ok()
        && std::fs::rename(&temporary, &path).is_err()
    {
        let _ = std::fs::remove_file(&temporary);
    }
}

/// The binary that runs (its size and time, so a rebuilt tool recomputes everything) and
/// the settings text (timezone and deadline hours change what is valid).
/// The binary that runs, as the key of what a derived file was computed with.
pub(super) fn binary_key() -> String {
    cache_key("")
}

pub(super) fn cache_key(settings_text: &str) -> String {
    let binary = std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|m| format!("{}:{}", m.len(), nanos(m.modified())))
        .unwrap_or_default();
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    settings_text.hash(&mut hasher);
    format!(
        "{}:{binary}:{:x}",
        env!("CARGO_PKG_VERSION"),
        hasher.finish()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_is_used_until_a_file_or_the_settings_change() {
        let dir = tempfile::TempDir::new().unwrap();
        let root = dir.path();
        let id: IncidentId = "2026-0001".parse().unwrap();
        let folder = root.join(id.folder());
        std::fs::create_dir_all(root.join(".git")).unwrap();
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join("report.yaml"), "title: one\n").unwrap();
        let examined = Examined {
            problems: Vec::new(),
            summary: None,
            warnings: Vec::new(),
            owes_law: false,
            tally: None,
        };
        let (observed, names) = observe_folder(&folder).unwrap();
        assert_eq!(names, ["report.yaml"]);
        let mut cache = Cache::open(root, "settings", true);
        cache.put(&id, observed.unwrap(), examined.clone());
        // The cache file must be written in a later timestamp tick than the files.
        std::thread::sleep(std::time::Duration::from_millis(50));
        cache.save();

        let cache = Cache::open(root, "settings", true);
        let now = cache.observe(root, &id).unwrap();
        assert_eq!(cache.get(&id, &now), Some(&examined));
        let other_settings = Cache::open(root, "other settings", true);
        assert!(other_settings.observe(root, &id).is_none());

        std::fs::write(folder.join("report.yaml"), "title: two\n").unwrap();
        let now = cache.observe(root, &id).unwrap();
        assert_eq!(cache.get(&id, &now), None, "same size, new times");

        std::fs::write(folder.join("notes.txt"), "stray").unwrap();
        let (observed, _) = observe_folder(&folder).unwrap();
        assert!(
            observed.is_none(),
            "a folder with other files is never cached"
        );
    }
}
