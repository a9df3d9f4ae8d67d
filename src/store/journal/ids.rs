//! The ids the journal has given: the highest sequence number of each year, kept in a
//! reference of its own (`refs/incident/last-id/<year>`, pointing at a blob holding the
//! number), so that an id once used is never given again, even after a commit deleted its
//! folder. A register from before this reference is read once from its history.

use std::collections::HashMap;

use super::{Journal, git_error};
use crate::domain::IncidentId;
use crate::error::Result;

fn reference(year: i32) -> String {
    format!("refs/incident/last-id/{year:04}")
}

impl Journal {
    /// The highest sequence number of `year` the journal has given: from the reference,
    /// else from the `Incident:` trailers of every commit (once; the reference is written
    /// then). `None` when it has given none.
    pub fn last_issued(&self, year: i32) -> Result<Option<u32>> {
        if let Some(recorded) = self.recorded_last(year) {
            return Ok(Some(recorded));
        }
        let found = self.last_in_history(year)?;
        if let Some(sequence) = found {
            self.set_last_issued(year, sequence)?;
        }
        Ok(found)
    }

    fn recorded_last(&self, year: i32) -> Option<u32> {
        let target = self.repo.find_reference(&reference(year)).ok()?.target()?;
        let blob = self.repo.find_blob(target).ok()?;
        std::str::from_utf8(blob.content())
            .ok()?
            .trim()
            .parse()
            .ok()
    }

    /// The highest sequence of `year` named by an `Incident:` trailer in the history.
    fn last_in_history(&self, year: i32) -> Result<Option<u32>> {
        let mut last = None;
        self.each_entry_trailers(|trailers| {
            for (key, value) in trailers {
                if key == "Incident"
                    && let Ok(id) = value.parse::<IncidentId>()
                    && id.year() == year
                {
                    last = last.max(Some(id.sequence()));
                }
            }
        })?;
        Ok(last)
    }

    /// Records that the journal has given `sequence` in `year`; never lowers the number.
    pub fn set_last_issued(&self, year: i32, sequence: u32) -> Result<()> {
        if self
            .recorded_last(year)
            .is_some_and(|last| last >= sequence)
        {
            return Ok(());
        }
        let blob = self
            .repo
            .blob(format!("{sequence}\n").as_bytes())
            .map_err(git_error("store the last id given"))?;

        self.repo
            .reference(&reference(year), blob, true, "incident: id given")
            .map_err(git_error("record the last id given"))?;
        Ok(())
    }

    /// The incident folders deleted by the commits since `since` (all commits when
    /// `None`): each commit compared with its first parent down to the incident folders,
    /// so the cost is that of the changes. `None` when `since` is not in the branch's
    /// history (it was rewritten): then the caller looks at all of it.
    pub fn deleted_since(
        &self,
        since: Option<&str>,
    ) -> Result<Option<Vec<(IncidentId, Deletion)>>> {
        let Some(head) = self.head() else {
            return Ok(Some(Vec::new()));
        };
        let mut walk = self.repo.revwalk().map_err(git_error("walk the history"))?;
        walk.push(head).map_err(git_error("walk the history"))?;
        if let Some(since) = since {
            let Ok(since) = git2::Oid::from_str(since) else {
                return Ok(None);
            };
            if since != head && !self.repo.graph_descendant_of(head, since).unwrap_or(false) {
                return Ok(None);
            }
            walk.hide(since).map_err(git_error("walk the history"))?;
        }
        let mut found = Vec::new();
        for oid in walk {
            let oid = oid.map_err(git_error("walk the history"))?;
            let commit = self
                .repo
                .find_commit(oid)
                .map_err(git_error("read a commit"))?;
            let Ok(parent) = commit.parent(0) else {
                continue;
            };
            let (Ok(now), Ok(before)) = (commit.tree(), parent.tree()) else {
                continue;
            };
            let mut changed = Vec::new();
            self.compare_trees(
                Some(&before),
                Some(&now),
                "",
                Some(2),
                usize::MAX,
                &mut changed,
            )?;
            // Each year's tree read once per commit: looking every changed folder up from
            // the root read the year's tree again each time (libgit2 caches no tree above
            // 4 KB; a year of 10,000 incidents is 243 KB), and the commit that added
            // 100,000 incidents took `validate --no-cache` 3.5 minutes.
            let mut years: HashMap<String, Option<git2::Tree<'_>>> = HashMap::new();
            for path in changed {
                let mut parts = path.split('/');
                let (Some("incidents"), Some(year), Some(name), None) =
                    (parts.next(), parts.next(), parts.next(), parts.next())
                else {
                    continue;
                };
                let Ok(id) = name.parse::<IncidentId>() else {
                    continue;
                };
                let year_tree = years.entry(year.to_string()).or_insert_with(|| {
                    now.get_path(std::path::Path::new(&format!("incidents/{year}")))
                        .ok()
                        .and_then(|entry| entry.to_object(&self.repo).ok())
                        .and_then(|object| object.into_tree().ok())
                });
                if year_tree
                    .as_ref()
                    .is_none_or(|tree| tree.get_name(name).is_none())
                {
                    let author = commit.author();
                    found.push((
                        id,
                        Deletion {
                            commit: oid.to_string(),
                            author: author.name().unwrap_or_default().to_string(),
                            seconds: author.when().seconds(),
                            offset_minutes: author.when().offset_minutes(),
                        },
                    ));
                }
            }
        }
        Ok(Some(found))
    }
}

/// The commit that deleted an incident's folder.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Deletion {
    pub commit: String,
    pub author: String,
    pub seconds: i64,
    pub offset_minutes: i32,
}
