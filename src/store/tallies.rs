//! What `stats` counts of every incident, through the derived cache: each incident's
//! tally is kept beside what `list` shows of it, under the same key (its files' metadata),
//! so that a warm `stats` parses no incident and costs what `list` costs.

use std::path::Path;

use super::journal;
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
        // Every incident is examined, not only the year's: the cache keeps the entries of
        // those examined, and `list` would otherwise parse the other years again.
        let ids = self.ids()?;
        let examined = self.examine_all(&ids, &|| {})?;
        let mut tallies = Vec::new();
        let mut problems = Vec::new();
        for (id, examined) in ids.iter().zip(examined) {
            if !wanted(id) {
                continue;
            }
            match examined.tally {
                Some(tally) => tallies.push(tally),
                None => problems.extend(
                    examined
                        .problems
                        .into_iter()
                        .filter(|problem| !is_temporary_file(&problem.file)),
                ),
            }
        }
        Ok((tallies, problems))
    }
}
