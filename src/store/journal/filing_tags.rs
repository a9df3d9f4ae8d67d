//! The tags that mark an incident's filings with IMY (`filed/<id>/imy`,
//! `filed/<id>/supplement-<N>`), read back: the supplement's comparison starts from the
//! newest of them.

use git2::Oid;

use super::{Journal, git_error};
use crate::error::Result;

impl Journal {
    /// The newest filing with IMY that a tag marks for incident `id`: the supplement with
    /// the highest number, else the notification; its tag name and the commit it points at.
    pub fn last_imy_filing_tag(&self, id: &str) -> Result<Option<(String, Oid)>> {
        let prefix = format!("filed/{id}/");
        let names = self
            .repo
            .tag_names(Some(&format!("{prefix}*")))
            .map_err(git_error("list the filing tags"))?;
        // The notification ranks below every supplement.
        let rank = |name: &str| -> Option<usize> {
            let rest = name.strip_prefix(&prefix)?;
            if rest == "imy" {
                return Some(0);
            }
            rest.strip_prefix("supplement-")?.parse::<usize>().ok()
        };
        // A name that is not UTF-8 is no tag of the tool's.
        let newest = names
            .iter()
            .filter_map(|name| name.ok().flatten())
            .filter_map(|name| rank(name).map(|r| (r, name)))
            .max_by_key(|(r, _)| *r)
            .map(|(_, name)| name.to_string());
        Ok(newest.and_then(|name| {
            self.resolve_commit(&format!("refs/tags/{name}"))
                .map(|commit| (name, commit))
        }))
    }
}
