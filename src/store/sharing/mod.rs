//! Several people, one register (design.md §13): the register's branch on a Git server, a
//! clone per person, `incident sync` between them.
//!
//! A sync fetches the server's branch, makes the clone's unpublished entries again on top
//! of it (a rebase of the entries, not a merge commit: the journal stays one line of
//! entries, each with its author, time and subject, as a diarium reads), merges every file
//! both sides changed by its meaning, gives an incident created here whose id the server
//! has meanwhile given the next free id, and pushes; when someone pushed in between, it
//! does it again. A conflict nobody chose for stops it before anything is written or pushed.
//!
//! One concept a file: the network through the `git` command ([`remote`]), replaying the
//! entries ([`replay`]), merging one file ([`merge_files`]), moving the branch and the work
//! tree ([`advance`]), what `show`/`list` say of the clone ([`status`]) and setting a
//! clone up ([`setup`]).

mod advance;
mod check;
mod merge_files;
mod remote;
mod replay;
mod setup;
mod status;
mod tags;

use git2::Oid;

use super::journal::git_error;
use super::layout::{edit_scope, incident_folder_of};
use super::lock;
use super::register::{Recorded, Register, Stamp};
use crate::domain::IncidentId;
use crate::error::{Error, Result};
pub use merge_files::{FieldConflict, FileMerge, merge_driver, merge_file};
use remote::{Fetched, Pushed};
pub use setup::{ATTRIBUTES, ATTRIBUTES_FILE, MergeSetup};
pub use status::SharingStatus;

/// The remote the register's `branch` is shared through (its upstream, else `origin`, else
/// the only remote).
pub(super) fn remote_name(repo: &git2::Repository, branch: &str) -> Result<String> {
    setup::remote_of(repo, branch)
}

/// What a push sent: the entries, and the filed tags with them.
type Sent = (usize, Vec<String>);

/// How many times a sync integrates and pushes again when others keep pushing first.
const PUSH_ATTEMPTS: usize = 16;

/// Which side's value a conflict keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// This clone's (the local entry's).
    Mine,
    /// The server's.
    Theirs,
}

/// A field both sides gave different values, as a person is shown it.
pub use crate::error::SyncConflict as Conflict;

/// What a sync is to do.
pub struct SyncOptions<'a> {
    /// Push after integrating (a sync before a change only fetches).
    pub push: bool,
    /// Try the push before fetching: right after a sync, the server has most likely not
    /// moved, and a push it refuses costs one round trip (then the sync fetches as usual).
    pub push_first: bool,
    /// Chooses for a conflict, or leaves it (`None`): then nothing is recorded or pushed.
    pub choose: &'a mut replay::Chooser<'a>,
}

/// What a sync did.
#[derive(Debug, Default)]
pub struct SyncReport {
    /// The remote's name (`origin`).
    pub remote: String,
    /// The server could not be reached: git's words. The clone's entries wait.
    pub offline: Option<String>,
    /// Edits by hand recorded first, as their own entry.
    pub hand_edits: Option<Recorded>,
    /// The `.gitattributes` that make Git merge the files by meaning, recorded first.
    pub attributes: Option<Recorded>,
    /// Entries of the server's that this clone did not have.
    pub received: usize,
    /// Local entries made again on top of the server's (counted in every round).
    pub replayed: usize,
    /// Of those, entries whose changes the server already held (kept as entries).
    pub already_there: usize,
    /// Incidents created here that took the next free id: (was, is).
    pub renumbered: Vec<(IncidentId, IncidentId)>,
    /// Local entries and the commits that made them again on the server's: (was, is).
    pub rewritten: Vec<(String, String)>,
    /// Conflicts met and the side kept.
    pub resolved: Vec<(Conflict, Side)>,
    /// Entries pushed (0 when there was nothing to push or the server was not reached).
    pub pushed: usize,
    /// Rounds of fetch, integrate and push (more than one when others pushed meanwhile).
    pub rounds: usize,
    /// A file or the index that could not follow the journal after the branch moved.
    pub unfinished: Option<Error>,
    /// The server's filed tags made here (this clone lacked them).
    pub filed_received: usize,
    /// Filed tags the server holds under a name this clone's tag of another commit has:
    /// neither is moved (`incident verify` names them).
    pub filed_differ: Vec<String>,
    /// Filed tags made again on the entries a sync made again (a renumbered id in the name).
    pub retagged: Vec<String>,
    /// Filed tags pushed with the branch.
    pub filed_pushed: Vec<String>,
}

impl Register {
    /// Fetches, integrates the server's entries with this clone's, and pushes (see the
    /// module's documentation). Refused, with nothing written, in a Git state a change
    /// could not finish in, when a remote is missing, or on a conflict nobody chose for.
    pub fn sync(&self, stamp: &Stamp, options: SyncOptions<'_>) -> Result<SyncReport> {
        let journal = self.journal()?;
        let branch = journal.branch();
        let remote = setup::remote_of(journal.repo(), &branch)?;
        let mut report = SyncReport {
            remote: remote.clone(),
            ..SyncReport::default()
        };
        let _lock = lock::acquire(&self.root, lock::configured_wait()?)?;
        self.check_git_state()?;
        // Entries that must be signed and cannot be are refused where one is to be made
        // (a replay takes its signer before it makes anything): a sync that only fetches
        // and moves forward records nothing and needs no key, so a reader's clone syncs.
        // The settings and the journal's last entries, as any change: a sync costs what
        // it moves, not what the register holds.
        self.complete_interrupted(Some(&edit_scope(None)))?;
        report.attributes = self.record_attributes(stamp)?;
        let SyncOptions {
            push,
            push_first,
            choose,
        } = options;
        if push
            && push_first
            && let Some(done) = self.push_directly(&remote, &branch)?
        {
            report.rounds = 1;
            match done {
                Ok((pushed, tags)) => {
                    report.pushed = pushed;
                    report.filed_pushed = tags;
                }
                Err(offline) => report.offline = Some(offline),
            }
            if report.offline.is_some() || report.pushed > 0 {
                return Ok(report);
            }
        }
        loop {
            report.rounds += 1;
            if let Fetched::Unreachable(message) =
                remote::fetch(&self.root, &remote, &branch, lock::configured_wait()?)?
            {
                report.offline = Some(message);
                return Ok(report);
            }
            let repo = journal.repo();
            let server = repo
                .refname_to_id(&format!("refs/remotes/{remote}/{branch}"))
                .ok();
            let Some(head) = journal.head() else {
                return Err(Error::GitState {
                    blocker: crate::error::GitBlocker::NotAdopted,
                });
            };
            let new_head = match server {
                None => head,
                Some(server) => {
                    // Edits by hand where the server's entries will write are recorded
                    // first, as their own entry, so that the merge takes them along.
                    let head = match self.record_edits_where(head, server, stamp)? {
                        Some(recorded) => {
                            report.hand_edits.get_or_insert(recorded);
                            journal.head().unwrap_or(head)
                        }
                        None => head,
                    };
                    self.integrate(head, server, stamp, choose, &mut report)?
                }
            };
            // The server's filings, after the entries made again have their new tags.
            let (received, differ) = self.import_server_tags(&remote)?;
            report.filed_received += received;
            report.filed_differ = differ;
            if !push {
                return Ok(report);
            }
            let unpublished = match server {
                Some(server) => count_between(repo, new_head, server)?,
                None => count_between(repo, new_head, Oid::ZERO_SHA1)?,
            };
            let tags = self.filed_to_push(&remote, new_head)?;
            if unpublished == 0 && tags.is_empty() {
                return Ok(report);
            }
            match remote::push(&self.root, &remote, &branch, &new_head.to_string(), &tags)? {
                Pushed::Done => {
                    report.pushed = unpublished;
                    self.note_pushed_tags(&remote, &tags);
                    report.filed_pushed = tags;
                    // The remote-tracking branch follows, as after `git push`.
                    let _ = repo.reference(
                        &format!("refs/remotes/{remote}/{branch}"),
                        new_head,
                        true,
                        "incident sync: pushed",
                    );
                    return Ok(report);
                }
                Pushed::Unreachable(message) => {
                    report.offline = Some(message);
                    return Ok(report);
                }
                Pushed::Behind if report.rounds < PUSH_ATTEMPTS => back_off(report.rounds),
                Pushed::Behind => {
                    return Err(Error::PushRaced {
                        rounds: report.rounds,
                    });
                }
            }
        }
    }

    /// Brings `head` together with the server's `server`: nothing to do, a fast-forward,
    /// or the local entries replayed on top. Moves the branch and the work tree; returns
    /// the new head.
    fn integrate(
        &self,
        head: Oid,
        server: Oid,
        stamp: &Stamp,
        choose: &mut replay::Chooser<'_>,
        report: &mut SyncReport,
    ) -> Result<Oid> {
        let repo = self.journal()?.repo();
        if head == server || repo.graph_descendant_of(head, server).unwrap_or(false) {
            return Ok(head);
        }
        // Replaying a register onto another register's history would mix the two.
        if repo.merge_base(head, server).is_err() {
            return Err(Error::UnrelatedServer {
                remote: setup::remote_of(repo, &self.journal()?.branch())?,
            });
        }
        let received = count_between(repo, server, head)?;
        let mut rewritten = Vec::new();
        let new_head = if repo.graph_descendant_of(server, head).unwrap_or(false) {
            server
        } else {
            let local = local_entries(repo, head, server)?;
            let signer = self.journal()?.signer()?;
            let replayed = replay::Replay::new(
                repo,
                signer,
                &stamp.author,
                stamp.when,
                Some(server),
                Some(head),
            )?
            .with_server_filings(
                self.server_filing_names(&setup::remote_of(repo, &self.journal()?.branch())?)?,
            )
            .run(&local, server, choose)?;
            if !replayed.unresolved.is_empty() {
                return Err(Error::SyncConflicts {
                    conflicts: replayed.unresolved,
                    recorded_first: report
                        .hand_edits
                        .as_ref()
                        .map(|entry| entry.subject.clone()),
                });
            }
            // Nothing merged into an invalid file reaches the journal.
            self.check_merged(server, replayed.head)?;
            report.replayed += replayed.made_again;
            report.already_there += replayed.already_there;
            // A second round (someone pushed in between) renames what the first made: an
            // id or a commit is reported as it was before the sync and as it ends.
            chain(&mut report.renumbered, replayed.renumbered);
            chain(&mut report.rewritten, replayed.rewritten.clone());
            report.resolved.extend(replayed.resolved);
            rewritten = replayed.rewritten;
            replayed.head
        };
        report.received += received;
        report.unfinished = self.advance(head, new_head)?;
        // The branch has moved: the filings' tags follow their entries. One that cannot be
        // made now is made by the next change, from its entry's trailer.
        match self.retag_rewritten(&rewritten) {
            Ok(made) => report.retagged.extend(made),
            Err(error) => {
                report.unfinished.get_or_insert(error);
            }
        }
        Ok(new_head)
    }
}

impl Register {
    /// Pushes without fetching when the clone is ahead of the server's branch as last
    /// fetched: `Some(Ok((entries pushed, filed tags pushed)))`, `Some(Err(git's words))` when the server could
    /// not be reached; `None` when that does not apply or the server moved meanwhile.
    fn push_directly(
        &self,
        remote: &str,
        branch: &str,
    ) -> Result<Option<std::result::Result<Sent, String>>> {
        let journal = self.journal()?;
        let repo = journal.repo();
        let (Some(head), Ok(server)) = (
            journal.head(),
            repo.refname_to_id(&format!("refs/remotes/{remote}/{branch}")),
        ) else {
            return Ok(None);
        };
        if head == server || !repo.graph_descendant_of(head, server).unwrap_or(false) {
            return Ok(None);
        }
        let ahead = count_between(repo, head, server)?;
        let tags = self.filed_to_push(remote, head)?;
        Ok(
            match remote::push(&self.root, remote, branch, &head.to_string(), &tags)? {
                Pushed::Done => {
                    self.note_pushed_tags(remote, &tags);
                    let _ = repo.reference(
                        &format!("refs/remotes/{remote}/{branch}"),
                        head,
                        true,
                        "incident sync: pushed",
                    );
                    Some(Ok((ahead, tags)))
                }
                Pushed::Unreachable(message) => Some(Err(message)),
                Pushed::Behind => None,
            },
        )
    }

    /// Records the edits by hand in the folders that differ between `head` and the
    /// server's `server` (and the settings): the only files a sync writes. Under the lock.
    fn record_edits_where(
        &self,
        head: Oid,
        server: Oid,
        stamp: &Stamp,
    ) -> Result<Option<Recorded>> {
        if head == server {
            return Ok(None);
        }
        let journal = self.journal()?;
        let mut scope = edit_scope(None);
        for change in advance::tree_changes(journal.repo(), Some(head), server)? {
            let folder = incident_folder_of(change.path());
            if !scope.contains(&folder) {
                scope.push(folder);
            }
        }
        let edits = self.hand_edits(Some(&scope))?;
        if edits.is_empty() {
            return Ok(None);
        }
        let index = journal.lock_index(lock::configured_wait()?)?;
        let Some((recorded, changes)) =
            self.commit_edits(&edits, stamp, Some("recorded before a sync"))?
        else {
            return Ok(None);
        };
        journal.update_index(&index, &changes)?;
        Ok(Some(recorded))
    }
}

/// Adds the renames `next` to `so_far`, following a rename of what an earlier one made.
fn chain<T: PartialEq + Clone>(so_far: &mut Vec<(T, T)>, next: Vec<(T, T)>) {
    for (was, is) in next {
        match so_far.iter_mut().find(|(_, made)| *made == was) {
            Some(earlier) => earlier.1 = is,
            None => so_far.push((was, is)),
        }
    }
}

/// Waits a little longer after each lost race to the server, by a varying amount, so that
/// clones that keep pushing at the same moment stop meeting there.
fn back_off(round: usize) {
    let jitter = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |since| {
            u64::from(since.subsec_nanos() ^ std::process::id()) % 100
        });
    let base = 25 * u64::try_from(round * round).unwrap_or(u64::MAX).min(80);
    std::thread::sleep(std::time::Duration::from_millis(base + jitter));
}

/// The local entries not on the server, oldest first.
fn local_entries(repo: &git2::Repository, head: Oid, server: Oid) -> Result<Vec<Oid>> {
    let mut walk = repo.revwalk().map_err(git_error("walk the history"))?;
    walk.set_sorting(git2::Sort::TOPOLOGICAL | git2::Sort::REVERSE)
        .map_err(git_error("walk the history"))?;
    walk.push(head).map_err(git_error("walk the history"))?;
    walk.hide(server).map_err(git_error("walk the history"))?;
    walk.collect::<std::result::Result<Vec<_>, _>>()
        .map_err(git_error("walk the history"))
}

/// The commits reachable from `from` and not from `other` (`other` zero: all of them).
fn count_between(repo: &git2::Repository, from: Oid, other: Oid) -> Result<usize> {
    if other.is_zero() {
        let mut walk = repo.revwalk().map_err(git_error("walk the history"))?;
        walk.push(from).map_err(git_error("walk the history"))?;
        return Ok(walk.count());
    }
    let (ahead, _) = repo
        .graph_ahead_behind(from, other)
        .map_err(git_error("compare with the server's branch"))?;
    Ok(ahead)
}

#[cfg(test)]
mod tests {
    use super::chain;

    #[test]
    fn a_second_round_renames_what_the_first_made_and_adds_the_rest() {
        let mut so_far = vec![("2026-0001", "2026-0002"), ("c0", "c1")];
        chain(
            &mut so_far,
            vec![
                ("2026-0002", "2026-0003"),
                ("c1", "c2"),
                ("2026-0005", "2026-0006"),
            ],
        );
        assert_eq!(
            so_far,
            [
                ("2026-0001", "2026-0003"),
                ("c0", "c2"),
                ("2026-0005", "2026-0006")
            ]
        );
    }
}
