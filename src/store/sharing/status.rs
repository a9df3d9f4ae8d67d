//! What `show` and `list` say of a shared clone, read from what the last fetch brought
//! (no network): entries not yet pushed, entries of the server's not yet here, and the
//! ids that are provisional until they are pushed.

use std::path::Path;

use git2::Oid;

use super::super::register::Register;
use super::setup::remote_of;
use crate::domain::IncidentId;

/// How many unpushed entries are looked through for provisional ids: a clone that has
/// not synced for longer than that is told so by its count anyway.
const LOOKED_AT: usize = 500;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharingStatus {
    pub remote: String,
    /// Entries here that the server does not have.
    pub unpushed: usize,
    /// Entries the server had at the last fetch that are not here.
    pub behind: usize,
    /// The clone has never fetched the register's branch (or the server has none yet).
    pub never_synced: bool,
    /// Incidents created here and not yet pushed: their ids may still change at the sync.
    pub provisional: Vec<IncidentId>,
    /// A sync was killed before the work tree followed the journal.
    pub interrupted: bool,
}

impl Register {
    /// The clone's standing against the server's branch as last fetched; `None` when the
    /// register has no remote.
    pub fn sharing_status(&self) -> Option<SharingStatus> {
        let journal = self.journal.as_ref()?;
        let repo = journal.repo();
        let branch = journal.branch();
        let remote = remote_of(repo, &branch).ok()?;
        let head = journal.head()?;
        let server = repo
            .refname_to_id(&format!("refs/remotes/{remote}/{branch}"))
            .ok();
        let interrupted = self.interrupted_sync();
        // Never pushed: the whole journal is the clone's own, and said so in one line
        // rather than counted (a walk of every entry on every `list`).
        let Some(server) = server else {
            return Some(SharingStatus {
                remote,
                unpushed: 0,
                behind: 0,
                never_synced: true,
                provisional: Vec::new(),
                interrupted,
            });
        };
        let (unpushed, behind) = repo.graph_ahead_behind(head, server).ok()?;
        let provisional = if unpushed == 0 {
            Vec::new()
        } else {
            created_between(repo, head, server)
        };
        Some(SharingStatus {
            remote,
            unpushed,
            behind,
            never_synced: false,
            provisional,
            interrupted,
        })
    }
}

/// The incidents whose report.yaml a commit in `head` and not in `server` added, still
/// in `head`'s tree.
fn created_between(repo: &git2::Repository, head: Oid, server: Oid) -> Vec<IncidentId> {
    let Ok(mut walk) = repo.revwalk() else {
        return Vec::new();
    };
    if walk.push(head).is_err() || walk.hide(server).is_err() {
        return Vec::new();
    }
    let head_tree = repo.find_commit(head).and_then(|c| c.tree()).ok();
    let mut ids = Vec::new();
    for oid in walk.flatten().take(LOOKED_AT) {
        let Ok(commit) = repo.find_commit(oid) else {
            continue;
        };
        let (Ok(tree), parent) = (commit.tree(), commit.parent(0).and_then(|p| p.tree()).ok())
        else {
            continue;
        };
        let Ok(diff) = repo.diff_tree_to_tree(parent.as_ref(), Some(&tree), None) else {
            continue;
        };
        for delta in diff.deltas() {
            if delta.status() != git2::Delta::Added {
                continue;
            }
            let Some(path) = delta.new_file().path().and_then(Path::to_str) else {
                continue;
            };
            if let ["incidents", _, id, "report.yaml"] =
                path.split('/').collect::<Vec<_>>().as_slice()
                && let Ok(id) = id.parse::<IncidentId>()
                && head_tree
                    .as_ref()
                    .is_some_and(|tree| tree.get_path(Path::new(path)).is_ok())
            {
                ids.push(id);
            }
        }
    }
    ids.sort();
    ids.dedup();
    ids
}
