//! What `stats` counts of every incident, through the derived cache: each incident's
//! tally is kept beside what `list` shows of it, under the same key (its files' metadata),
//! so that a warm `stats` parses no incident and costs what `list` costs.

use std::collections::HashSet;
use std::path::Path;

use super::cache::Cache;
use super::examine::{EXAMINED_AT_ONCE, examine};
use super::journal;
use super::parallel;
use super::register::Register;
use crate::domain::IncidentId;
use crate::domain::stats::{Tally, tally};
use crate::error::{FileProblem, Result};

/// A temporary file an interrupted write left: `examine` tells it, but it does not make
/// the incident unreadable, and `stats` never told it.
fn is_temporary_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|name| name.to_str())
        .is_some_and(journal::is_temporary)
}

impl Register {
    /// The tallies of the valid incidents discovered in `year` (all when `None`), in the
    /// order of their ids, and the problems of the invalid ones. In a journaled register
    /// through the derived cache; otherwise (no Git, or the register as a commit held it)
    /// each incident is parsed.
    pub fn tallies(&self, year: Option<i32>) -> Result<(Vec<Tally>, Vec<FileProblem>)> {
        let (settings, zone) = (&self.settings, self.zone);
        let wanted = |id: &IncidentId| year.is_none_or(|year| id.year() == year);
        if self.at.is_some() || self.journal.is_none() {
            return self.map_incidents(wanted, |incident| tally(&incident, settings, zone));
        }
        // Every incident is looked at, not only the year's: the cache keeps the entries of
        // those looked at, and `list` would otherwise parse the other years again. Only
        // the tallies (or problems) are taken from the cache, never whole entries: the
        // register's summaries are not copied.
        let ids = self.ids()?;
        let mut cache = Cache::open(&self.root, &self.settings_text, true);
        cache.reserve(ids.len());
        let (root, allowed) = (&self.root, &self.contact_emails());
        let mut tallies = Vec::new();
        let mut problems = Vec::new();
        // Folders whose files may have changed since the cache last saw them, for
        // `validate` to compare with the journal (as `list` notes them).
        let mut renewed = Vec::new();
        // A chunk at a time, as `examine_all` does: a cold run's results for the whole
        // register, waiting for the cache beside it, were 232 MB at 100,000 incidents.
        for chunk in ids.chunks(EXAMINED_AT_ONCE) {
            let cached = &cache;
            let found = parallel::map(chunk, |id| {
                if let Some(observed) = cached.observe(root, id)
                    && let Some(hit) = cached.get(id, &observed)
                {
                    let counted = match &hit.tally {
                        Some(tally) => Ok(tally.clone()),
                        None if wanted(id) => Err(hit.problems.clone()),
                        None => Err(Vec::new()),
                    };
                    return Ok((counted, None));
                }
                examine(root, zone, settings, allowed, id).map(|(examined, observed)| {
                    let counted = examined.tally.clone().ok_or(examined.problems.clone());
                    (counted, Some((examined, observed)))
                })
            });
            for (id, result) in chunk.iter().zip(found) {
                let (counted, fresh) = result?;
                if let Some((examined, observed)) = fresh {
                    renewed.push(id.folder());
                    match observed {
                        Some(observed) => cache.put(id, observed, examined),
                        None => cache.forget(id),
                    }
                }
                if !wanted(id) {
                    continue;
                }
                match counted {
                    Ok(tally) => tallies.push(tally),
                    Err(found) => problems.extend(
                        found
                            .into_iter()
                            .filter(|problem| !is_temporary_file(&problem.file)),
                    ),
                }
            }
        }
        let present: HashSet<String> = ids.iter().map(ToString::to_string).collect();
        renewed.extend(
            cache
                .ids()
                .into_iter()
                .filter(|id| !present.contains(id))
                .filter_map(|id| id.parse::<IncidentId>().ok())
                .map(|id| id.folder()),
        );
        cache.recheck(renewed);
        cache.retain(&ids);
        cache.save();
        Ok((tallies, problems))
    }
}
