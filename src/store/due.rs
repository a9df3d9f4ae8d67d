//! What `deadlines` reads of the register, near the floor of reading it at all: through
//! its own derived cache (`due_cache.rs`), a warm run parses nothing that did not change.
//!
//! An incident that can owe something (open, or closed with a duty of the law open or
//! waived) is kept as parsed, keyed by the metadata of its folder and of every file, as
//! `list`'s entries are: any change to any of its files is seen.
//!
//! A closed case that owes nothing to the law is passed over after ONE stat, of its
//! folder, when the folder's metadata is as when the case was found settled and no
//! commit since touched it. That one stat sees a file added, removed or replaced in the
//! folder: a reopening, every write of the tool (a new file renamed into place), Git's
//! checkouts and pulls, an editor that saves by renaming, a file created by hand. Commits
//! since the last run (`incident record`, a colleague's change pulled) are found in the
//! journal, so their folders are looked at in full. What one stat cannot see is a file
//! rewritten in place and not committed: of the closure.yaml, such an edit cannot open a
//! duty of the law (a closure only waives what is open, and its closing time is the
//! organisation's own target); of another file, it reaches `incident validate`, which
//! tells it as differing from the journal and, when it opens a duty the closure says was
//! met, the closure as invalid (`legal_obligations_at_close`); once recorded, `deadlines`
//! sees it through the journal.

use std::collections::HashSet;
use std::path::Path;

use chrono_tz::Tz;

use super::cache::{self, Observed};
use super::due_cache::{DueCache, folder_stamp};
use super::journal::Journal;
use super::layout::linked_folder;
use super::load::{Closing, closing_of, incident_of, read_texts};
use super::parallel;
use super::register::Register;
use crate::domain::IncidentId;
use crate::domain::incident::Incident;
use crate::domain::model::Settings;
use crate::domain::obligations::law_still_owed;
use crate::error::{Error, FileProblem, Result};

/// What was found of one incident: small, since there is one per incident of the
/// register (an incident inline would cost its size each).
enum Found {
    /// Closed, owing nothing: not listed.
    Passed,
    /// Closed, owing nothing, found now: its folder's metadata hash, observed first.
    Settled(u64),
    /// As kept in the cache.
    Kept(Box<Incident>),
    /// Parsed now; the metadata is `None` when the folder holds other files too.
    Parsed(Box<Incident>, Option<Observed>),
    /// Invalid.
    Problems(Vec<FileProblem>),
}

/// The incident folder a changed path lies in (or the path itself).
fn folder_of(path: &str) -> String {
    let parts: Vec<&str> = path.splitn(4, '/').collect();
    match parts.as_slice() {
        ["incidents", year, id, ..] => format!("incidents/{year}/{id}"),
        _ => path.to_string(),
    }
}

impl Register {
    /// [`Register::load_unsettled`] in a journaled register, through the cache of
    /// `deadlines`: the same incidents and problems, in the order of their ids.
    pub(super) fn unsettled_through_cache(
        &self,
        journal: &Journal,
    ) -> Result<(Vec<Incident>, Vec<FileProblem>)> {
        // The cache file is read and parsed on another core while the folders are listed.
        let (cache, entries) = std::thread::scope(|scope| {
            let (root, settings_text) = (&self.root, &self.settings_text);
            let reading = scope.spawn(move || DueCache::open(root, settings_text));
            let entries = self.id_entries();
            let cache = reading
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (cache, entries)
        });
        let mut cache = cache;
        let entries = entries?;
        let head = journal.head_id();
        // The folders commits changed since the cache was written; `None` when that is not
        // known (no cache, or its commit is gone): then no settled case is trusted.
        let committed: Option<HashSet<String>> = match cache.head() {
            Some(known) if head.as_deref() == Some(known) => Some(HashSet::new()),
            Some(known) => journal
                .changed_since(known)?
                .map(|paths| paths.iter().map(|path| folder_of(path)).collect()),
            None => None,
        };
        let cached = &cache;
        // First the closed cases that owed nothing and whose folder is as then, by one
        // stat each, relative to the year folder; a byte per incident, since they are
        // nearly all of them.
        let passed = parallel::map(&entries, |(id, entry)| {
            let untouched = committed
                .as_ref()
                .is_some_and(|changed| changed.is_empty() || !changed.contains(&id.folder()));
            untouched
                && cached.is_settled(id)
                && entry
                    .metadata()
                    .is_ok_and(|metadata| cached.still_settled(id, &metadata))
        });
        let ids: Vec<IncidentId> = entries.into_iter().map(|(id, _)| id).collect();
        let looked_at: Vec<&IncidentId> = ids
            .iter()
            .zip(&passed)
            .filter(|(_, passed)| !**passed)
            .map(|(id, _)| id)
            .collect();
        let (root, zone, settings) = (&self.root, self.zone, &self.settings);
        let found = parallel::map(&looked_at, |id| {
            if !cached.is_settled(id)
                && let Some(incident) = cached.kept(id, &root.join(id.folder()))
            {
                return Ok(Found::Kept(Box::new(incident)));
            }
            find_due(root, zone, settings, id)
        });
        let mut incidents = Vec::new();
        let mut problems = Vec::new();
        for (id, found) in looked_at.iter().zip(found) {
            match found? {
                Found::Passed => {}
                Found::Settled(hash) => cache.settle(id, hash),
                Found::Kept(incident) => incidents.push(*incident),
                Found::Parsed(incident, observed) => {
                    match observed {
                        Some(observed) => cache.keep(id, observed, &incident),
                        None => cache.forget(id),
                    }
                    incidents.push(*incident);
                }
                Found::Problems(found) => {
                    cache.forget(id);
                    problems.extend(found);
                }
            }
        }
        // A case passed over kept its entry; of the others, those that have one now.
        let present = passed.iter().filter(|passed| **passed).count()
            + looked_at.iter().filter(|id| cache.has(id)).count();
        cache.retain(&ids, present, head);
        cache.save();
        Ok((incidents, problems))
    }
}

/// Incident `id` looked at in full, as `deadlines` did without the cache: a case the
/// tool closed with every duty of the law met is passed over by its closure.yaml's
/// line (when no other file is newer); any other is parsed, and a closed one that owes
/// nothing is passed over too.
fn find_due(root: &Path, zone: Tz, settings: &Settings, id: &IncidentId) -> Result<Found> {
    let folder = root.join(id.folder());
    // Observed before anything in the folder is read: a change made meanwhile shows as
    // other metadata next time.
    let stamp = folder_stamp(&folder).map(|(hash, _)| hash);
    let settled = || Ok(stamp.map_or(Found::Passed, Found::Settled));
    let closing = closing_of(root, id);
    if closing == Closing::AllMet {
        return settled();
    }
    let (texts, strays, observed) = if let Some(problem) = linked_folder(root, id) {
        (std::collections::BTreeMap::new(), vec![problem], None)
    } else {
        let (observed, names) = cache::observe_folder(&folder).map_err(|source| Error::Io {
            action: "read the folder",
            path: folder.clone(),
            source,
        })?;
        let (texts, strays) = read_texts(root, id, &names)?;
        (texts, strays, observed)
    };
    let incident = match incident_of(id, &texts, strays, zone, settings) {
        Ok(incident) => incident,
        Err(Error::Invalid { problems, .. }) => return Ok(Found::Problems(problems)),
        Err(other) => return Err(other),
    };
    if closing == Closing::Unsettled && !law_still_owed(&incident, settings, zone) {
        return settled();
    }
    Ok(Found::Parsed(Box::new(incident), observed))
}
