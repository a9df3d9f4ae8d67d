//! The merged entries checked before the branch moves to them: every incident the merge
//! touched is read from the merged tree and validated like a change's files, so that a
//! mix of two sides' values that breaks a rule (an end before the start) is refused, not
//! recorded.

use std::collections::BTreeMap;
use std::path::Path;

use git2::Oid;

use super::super::files::FileKind;
use super::super::journal::git_error;
use super::super::load::parse_incident;
use super::super::register::Register;
use super::advance::tree_changes;
use crate::domain::IncidentId;
use crate::error::{Error, Result};

impl Register {
    /// Validates the incidents that differ between the server's `server` and the merged
    /// `merged`; refuses with their problems.
    pub(super) fn check_merged(&self, server: Oid, merged: Oid) -> Result<()> {
        let repo = self.journal()?.repo();
        let tree = repo
            .find_commit(merged)
            .and_then(|c| c.tree())
            .map_err(git_error("read the merged tree"))?;
        let mut touched: Vec<IncidentId> = tree_changes(repo, Some(server), merged)?
            .iter()
            .filter_map(
                |change| match change.path().split('/').collect::<Vec<_>>().as_slice() {
                    ["incidents", _, id, _] => id.parse().ok(),
                    _ => None,
                },
            )
            .collect();
        touched.sort();
        touched.dedup();
        let mut problems = Vec::new();
        for id in touched {
            let Ok(entry) = tree.get_path(Path::new(&id.folder())) else {
                continue;
            };
            let folder = repo
                .find_tree(entry.id())
                .map_err(git_error(format!("read {}", id.folder())))?;
            let mut texts = BTreeMap::new();
            for item in &folder {
                let Some(kind) = item.name().ok().and_then(FileKind::from_file_name) else {
                    continue;
                };
                let blob = repo
                    .find_blob(item.id())
                    .map_err(git_error(format!("read {}", id.folder())))?;
                texts.insert(kind, String::from_utf8_lossy(blob.content()).into_owned());
            }
            if let Err(found) = parse_incident(&id, &texts, self.zone, &self.settings) {
                problems.extend(found);
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::MergedInvalid { problems })
        }
    }
}
