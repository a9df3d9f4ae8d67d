//! Replaying the clone's unpublished entries on top of the server's: each local commit is
//! made again, with its author, its time and its message, on the server's newest commit;
//! its files merged by their meaning with what the server holds ([`super::merge_files`]).
//! An incident created here whose id the server has meanwhile given gets the next free id
//! (folder, the id in report.yaml, the journal entries' subjects and trailers).
//!
//! Nothing here moves a branch or writes a file: the result is a commit id that the caller
//! makes the branch's, or drops.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, FixedOffset};
use git2::{Commit, Oid, Repository, Signature, Tree, build::TreeUpdateBuilder};

use super::merge_files::{FieldConflict, FileMerge, merge_file};
use super::{Conflict, Side};
use crate::domain::IncidentId;
use crate::domain::filing::{TRAILER as FILING, recorded_again};
use crate::error::Result;
use crate::store::journal::{Author, Signer, create_commit, git_error, parse_trailers, time_of};

/// What replaying the local entries made.
pub struct Replayed {
    /// The new tip: the server's commit with the local entries on top.
    pub head: Oid,
    /// Local entries made again on top of the server's.
    pub made_again: usize,
    /// Of those, entries whose every change the server already held: made again as
    /// entries that change no file, so that the journal keeps them.
    pub already_there: usize,
    /// Incidents created here that took the next free id: (the id they had, the new one).
    pub renumbered: Vec<(IncidentId, IncidentId)>,
    /// Local entries and the commits that made them again: (was, is).
    pub rewritten: Vec<(String, String)>,
    /// Conflicts met and how the person chose.
    pub resolved: Vec<(Conflict, Side)>,
    /// Conflicts nobody chose for: the replay is to be dropped.
    pub unresolved: Vec<Conflict>,
}

/// The person whose choice settles a conflict; `None` leaves it unresolved.
pub type Chooser<'a> = dyn FnMut(&Conflict) -> Option<Side> + 'a;

pub struct Replay<'r> {
    repo: &'r Repository,
    committer: Signature<'static>,
    /// Signs each entry made again, when the Git configuration asks (as `git rebase`
    /// signs the commits it makes again).
    signer: Option<Signer>,
    /// The server's newest commit, whose ids are published.
    server: Option<Oid>,
    /// The clone's head before the replay: the server's entries it lacks are the new ones.
    local_head: Option<Oid>,
    renumbered: BTreeMap<IncidentId, IncidentId>,
    /// The names of the server's filed tags, and those the replay has given: a local
    /// filing under one of them takes the next free name (`imy.2`), never the server's.
    filed_names: BTreeSet<String>,
}

impl<'r> Replay<'r> {
    /// The server's filed tags, by name (see [`Replay::filed_names`]).
    pub fn with_server_filings(mut self, names: impl IntoIterator<Item = String>) -> Self {
        self.filed_names.extend(names);
        self
    }

    pub fn new(
        repo: &'r Repository,
        signer: Option<Signer>,
        committer: &Author,
        when: DateTime<FixedOffset>,
        server: Option<Oid>,
        local_head: Option<Oid>,
    ) -> Result<Replay<'r>> {
        let time = git2::Time::new(when.timestamp(), when.offset().local_minus_utc() / 60);
        let committer = Signature::new(&committer.name, &committer.email, &time)
            .map_err(git_error("make the committer signature"))?;
        Ok(Replay {
            repo,
            committer,
            signer,
            server,
            local_head,
            renumbered: BTreeMap::new(),
            filed_names: BTreeSet::new(),
        })
    }

    /// Makes `local` (oldest first) again on top of `onto`.
    pub fn run(mut self, local: &[Oid], onto: Oid, choose: &mut Chooser<'_>) -> Result<Replayed> {
        let mut tip = onto;
        let mut result = Replayed {
            head: onto,
            made_again: 0,
            already_there: 0,
            renumbered: Vec::new(),
            rewritten: Vec::new(),
            resolved: Vec::new(),
            unresolved: Vec::new(),
        };
        for &oid in local {
            let commit = self
                .repo
                .find_commit(oid)
                .map_err(git_error("read a local entry"))?;
            let new = self.replay_one(&commit, tip, choose, &mut result)?;
            tip = new;
            result.rewritten.push((oid.to_string(), new.to_string()));
            result.made_again += 1;
        }
        result.head = tip;
        result.renumbered = self.renumbered.into_iter().collect();
        Ok(result)
    }

    /// Makes one local commit again on `tip`.
    fn replay_one(
        &mut self,
        commit: &Commit<'_>,
        tip: Oid,
        choose: &mut Chooser<'_>,
        result: &mut Replayed,
    ) -> Result<Oid> {
        let repo = self.repo;
        let tip_commit = repo
            .find_commit(tip)
            .map_err(git_error("read the server's entry"))?;
        let tip_tree = tip_commit.tree().map_err(git_error("read a tree"))?;
        let tree = commit.tree().map_err(git_error("read a tree"))?;
        // A merge commit (a person's `git pull`) is replayed as what it changed against
        // its first parent: the rest came from the server and is merged again anyway.
        let parent_tree = match commit.parent(0) {
            Ok(parent) => Some(parent.tree().map_err(git_error("read a tree"))?),
            Err(_) => None,
        };
        let diff = repo
            .diff_tree_to_tree(parent_tree.as_ref(), Some(&tree), None)
            .map_err(git_error("compare an entry with the one before it"))?;
        let mut paths: Vec<String> = diff
            .deltas()
            .filter_map(|delta| {
                delta
                    .new_file()
                    .path()
                    .or_else(|| delta.old_file().path())
                    .and_then(|p| p.to_str())
                    .map(String::from)
            })
            .collect();
        paths.sort();
        paths.dedup();
        self.renumber_new_incidents(&paths, parent_tree.as_ref(), &tip_tree)?;

        let mut update = TreeUpdateBuilder::new();
        let mut changed = false;
        // The conflicts settled in this entry, as trailers: the entry stays in the journal
        // even when the other side's values were kept, so it says what was chosen.
        let mut settled: Vec<String> = Vec::new();
        let author = commit.author();
        let local_author = Author {
            name: author.name().unwrap_or_default().to_string(),
            email: author.email().unwrap_or_default().to_string(),
        };
        let local_time = time_of(&author.when());
        for path in &paths {
            let target = self.renamed_path(path);
            let base = self
                .blob_at(parent_tree.as_ref(), path)?
                .map(|b| self.renumber_text(path, b));
            let mine = self
                .blob_at(Some(&tree), path)?
                .map(|b| self.renumber_text(path, b));
            let theirs = self.blob_at(Some(&tip_tree), &target)?;
            let merged =
                match merge_file(&target, base.as_deref(), mine.as_deref(), theirs.as_deref()) {
                    FileMerge::Clean(bytes) => bytes,
                    FileMerge::Conflicted { fields, resolve } => {
                        let mut sides = Vec::new();
                        let mut open = false;
                        for field in fields {
                            let conflict =
                                self.conflict(&target, field, &local_author, local_time, tip);
                            match choose(&conflict) {
                                Some(side) => {
                                    sides.push(side);
                                    settled.push(format!(
                                        "{target} {}: kept {}",
                                        if conflict.field.is_empty() {
                                            "(the whole file)"
                                        } else {
                                            conflict.field.as_str()
                                        },
                                        match side {
                                            Side::Mine => "this entry's value",
                                            Side::Theirs => "the server's value",
                                        }
                                    ));
                                    result.resolved.push((conflict, side));
                                }
                                None => {
                                    open = true;
                                    sides.push(Side::Mine);
                                    result.unresolved.push(conflict);
                                }
                            }
                        }
                        if open {
                            continue;
                        }
                        resolve(&sides)?
                    }
                };
            if merged == theirs {
                continue;
            }
            changed = true;
            match merged {
                Some(bytes) => {
                    let blob = repo
                        .blob(&bytes)
                        .map_err(git_error(format!("store {target}")))?;
                    update.upsert(target.as_str(), blob, git2::FileMode::Blob);
                }
                None => {
                    update.remove(target.as_str());
                }
            }
        }
        // Every local entry is made again, also one whose changes the server holds already
        // (the same change made there, or values a person chose the server's for): the
        // journal never loses an entry of anyone's.
        if !changed {
            result.already_there += 1;
        }
        let tree_id = update
            .create_updated(repo, &tip_tree)
            .map_err(git_error("build the merged tree"))?;
        let new_tree = repo
            .find_tree(tree_id)
            .map_err(git_error("read the merged tree"))?;
        let mut message = self.renumber_message(commit.message().unwrap_or_default());
        message = self.free_filing_name(&message);
        for line in settled {
            // After the entry's own trailers, in the same block.
            message = format!("{}\nConflict: {line}\n", message.trim_end());
        }
        let oid = create_commit(
            repo,
            self.signer.as_ref(),
            &author,
            &self.committer,
            &message,
            &new_tree,
            &[&tip_commit],
        )?;
        Ok(oid)
    }

    /// Gives an incident created by this commit the next free id when the server holds
    /// its id, or any id of its year at or after it (an id the server gave is never given
    /// again, even if its folder was later removed there).
    fn renumber_new_incidents(
        &mut self,
        paths: &[String],
        parent: Option<&Tree<'_>>,
        tip: &Tree<'_>,
    ) -> Result<()> {
        for path in paths {
            let Some(id) = report_id_of(path) else {
                continue;
            };
            if self.renumbered.contains_key(&id) || self.blob_at(parent, path)?.is_some() {
                continue;
            }
            let published = self.highest_published(id.year())?;
            let taken_here = self.highest_in(tip, id.year());
            if tip.get_path(std::path::Path::new(&id.folder())).is_err()
                && published.is_none_or(|highest| id.sequence() > highest)
            {
                continue;
            }
            let mapped = self
                .renumbered
                .values()
                .filter(|new| new.year() == id.year())
                .map(IncidentId::sequence)
                .max();
            let highest = [published, taken_here, mapped]
                .into_iter()
                .flatten()
                .max()
                .unwrap_or(0);
            let next = highest
                .checked_add(1)
                .ok_or(crate::error::Error::SequenceExhausted {
                    year: id.year(),
                    last: highest,
                })?;
            let year = id.year();
            self.renumbered.insert(id, IncidentId::new(year, next));
        }
        Ok(())
    }

    /// The highest sequence of `year` among the incident folders of `tree`.
    fn highest_in(&self, tree: &Tree<'_>, year: i32) -> Option<u32> {
        let entry = tree
            .get_path(std::path::Path::new(&format!("incidents/{year:04}")))
            .ok()?;
        let folder = self.repo.find_tree(entry.id()).ok()?;
        folder
            .iter()
            .filter_map(|e| e.name().ok().and_then(|n| n.parse::<IncidentId>().ok()))
            .filter(|id| id.year() == year)
            .map(|id| id.sequence())
            .max()
    }

    /// The highest sequence of `year` the server has given: its folders, and the
    /// `Incident:` trailers of its entries this clone did not have (an id given there and
    /// its folder deleted since is not given again).
    fn highest_published(&self, year: i32) -> Result<Option<u32>> {
        let Some(server) = self.server else {
            return Ok(None);
        };
        let tree = self
            .repo
            .find_commit(server)
            .and_then(|c| c.tree())
            .map_err(git_error("read the server's tree"))?;
        let in_trailers = self.given_on_server(server, year)?;
        Ok(self.highest_in(&tree, year).max(in_trailers))
    }

    fn given_on_server(&self, server: Oid, year: i32) -> Result<Option<u32>> {
        let mut walk = self
            .repo
            .revwalk()
            .map_err(git_error("walk the server's entries"))?;
        walk.push(server)
            .map_err(git_error("walk the server's entries"))?;
        if let Some(local) = self.local_head {
            walk.hide(local)
                .map_err(git_error("walk the server's entries"))?;
        }
        let mut highest = None;
        for oid in walk {
            let commit = self
                .repo
                .find_commit(oid.map_err(git_error("walk the server's entries"))?)
                .map_err(git_error("read the server's entry"))?;
            for (key, value) in parse_trailers(commit.message().unwrap_or_default()) {
                if key == "Incident"
                    && let Ok(id) = value.parse::<IncidentId>()
                    && id.year() == year
                {
                    highest = highest.max(Some(id.sequence()));
                }
            }
        }
        Ok(highest)
    }

    fn renamed_path(&self, path: &str) -> String {
        let parts: Vec<&str> = path.splitn(4, '/').collect();
        if let ["incidents", year, id, rest] = parts.as_slice()
            && let Ok(old) = id.parse::<IncidentId>()
            && let Some(new) = self.renumbered.get(&old)
        {
            return format!("incidents/{year}/{new}/{rest}");
        }
        path.to_string()
    }

    /// The id inside report.yaml of a renumbered incident.
    fn renumber_text(&self, path: &str, bytes: Vec<u8>) -> Vec<u8> {
        let Some(old) = report_id_of(path) else {
            return bytes;
        };
        let Some(new) = self.renumbered.get(&old) else {
            return bytes;
        };
        let Ok(text) = String::from_utf8(bytes.clone()) else {
            return bytes;
        };
        let mut out = String::with_capacity(text.len());
        for line in text.split_inclusive('\n') {
            let bare = line.trim_end();
            let value = bare
                .strip_prefix("id:")
                .map(|v| v.trim().trim_matches(['\'', '"']));
            if value == Some(old.to_string().as_str()) {
                out.push_str(&format!("id: {new}\n"));
            } else {
                out.push_str(line);
            }
        }
        out.into_bytes()
    }

    /// A journal entry's message with every renumbered id replaced (subject, body and the
    /// `Incident:` trailer), whole ids only.
    fn renumber_message(&self, message: &str) -> String {
        replace_ids(message, &self.renumbered)
    }

    /// A message whose `Filing:` trailer names a tag the server holds (the same filing
    /// recorded on two clones) names the next free one instead: the server's is never
    /// overwritten, and this entry keeps a tag of its own.
    fn free_filing_name(&mut self, message: &str) -> String {
        let prefix = format!("{FILING}: ");
        let Some(name) = message
            .lines()
            .rev()
            .find_map(|line| line.strip_prefix(&prefix))
            .map(str::to_string)
        else {
            return message.to_string();
        };
        if !self.filed_names.contains(&name) {
            self.filed_names.insert(name);
            return message.to_string();
        }
        let first = name
            .split_once('.')
            .map_or(name.as_str(), |(first, _)| first);
        // Among one more name than are taken, one is free.
        let free = (2..=self.filed_names.len() + 2)
            .map(|n| recorded_again(first, n))
            .find(|candidate| !self.filed_names.contains(candidate))
            .unwrap_or_default();
        self.filed_names.insert(free.clone());
        message.replace(&format!("{prefix}{name}\n"), &format!("{prefix}{free}\n"))
    }

    fn blob_at(&self, tree: Option<&Tree<'_>>, path: &str) -> Result<Option<Vec<u8>>> {
        let Some(tree) = tree else { return Ok(None) };
        let Ok(entry) = tree.get_path(std::path::Path::new(path)) else {
            return Ok(None);
        };
        if entry.kind() != Some(git2::ObjectType::Blob) {
            return Ok(None);
        }
        let blob = self
            .repo
            .find_blob(entry.id())
            .map_err(git_error(format!("read {path}")))?;
        Ok(Some(blob.content().to_vec()))
    }

    /// A conflict as a person is shown it: whose values, from when.
    fn conflict(
        &self,
        path: &str,
        field: FieldConflict,
        mine_by: &Author,
        mine_at: DateTime<FixedOffset>,
        tip: Oid,
    ) -> Conflict {
        let theirs = self.last_change_on_server(path, tip);
        let person = |author: &Author| format!("{} <{}>", author.name, author.email);
        Conflict {
            path: path.to_string(),
            incident: incident_of_path(path),
            field: field.field,
            mine: field.mine,
            mine_by: person(mine_by),
            mine_at,
            theirs: field.theirs,
            theirs_by: theirs.map(|(author, at)| (person(&author), at)),
        }
    }

    /// Who last changed `path` on the server's side, and when: the newest commit of the
    /// server's history (from `tip`, first parents) whose tree differs there from its
    /// parent's. Looked for among the last entries only, so a conflict is shown at once.
    fn last_change_on_server(
        &self,
        path: &str,
        tip: Oid,
    ) -> Option<(Author, DateTime<FixedOffset>)> {
        let mut commit = self.repo.find_commit(tip).ok()?;
        for _ in 0..200 {
            let here = commit
                .tree()
                .ok()?
                .get_path(std::path::Path::new(path))
                .ok()
                .map(|e| e.id());
            let parent = commit.parent(0).ok();
            let before = parent
                .as_ref()
                .and_then(|p| p.tree().ok())
                .and_then(|t| t.get_path(std::path::Path::new(path)).ok().map(|e| e.id()));
            if here != before {
                let author = commit.author();
                return Some((
                    Author {
                        name: author.name().unwrap_or_default().to_string(),
                        email: author.email().unwrap_or_default().to_string(),
                    },
                    time_of(&author.when()),
                ));
            }
            commit = parent?;
        }
        None
    }
}

/// The id of the incident whose report.yaml `path` is.
fn report_id_of(path: &str) -> Option<IncidentId> {
    let parts: Vec<&str> = path.split('/').collect();
    match parts.as_slice() {
        ["incidents", _, id, "report.yaml"] => id.parse().ok(),
        _ => None,
    }
}

fn incident_of_path(path: &str) -> Option<IncidentId> {
    let parts: Vec<&str> = path.splitn(4, '/').collect();
    match parts.as_slice() {
        ["incidents", _, id, _] => id.parse().ok(),
        _ => None,
    }
}

/// Replaces every whole id (not part of a longer id or number) that `renamed` maps, in
/// one pass: ids renamed in a chain (0001 → 0002, 0002 → 0003) each get their own new id.
fn replace_ids(text: &str, renamed: &BTreeMap<IncidentId, IncidentId>) -> String {
    const LENGTH: usize = "YYYY-NNNN".len();
    let is_part = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '-');
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    while at < text.len() {
        let candidate = text.get(at..at + LENGTH).and_then(|slice| {
            let whole = !is_part(text[..at].chars().next_back())
                && !is_part(text[at + LENGTH..].chars().next());
            whole
                .then(|| slice.parse::<IncidentId>().ok())
                .flatten()
                .and_then(|id| renamed.get(&id))
        });
        match candidate {
            Some(new) => {
                out.push_str(&new.to_string());
                at += LENGTH;
            }
            None => {
                let c = text[at..].chars().next().unwrap_or_default();
                out.push(c);
                at += c.len_utf8().max(1);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(text: &str) -> IncidentId {
        text.parse().unwrap()
    }

    #[test]
    fn ids_are_replaced_whole_only_and_in_one_pass() {
        let renamed = BTreeMap::from([
            (id("2026-0001"), id("2026-0002")),
            (id("2026-0002"), id("2026-0003")),
        ]);
        assert_eq!(
            replace_ids("2026-0001: reported\n\nIncident: 2026-0001\n", &renamed),
            "2026-0002: reported\n\nIncident: 2026-0002\n"
        );
        assert_eq!(
            replace_ids("2026-0002: on ä 2026-0001", &renamed),
            "2026-0003: on ä 2026-0002"
        );
        assert_eq!(
            replace_ids("X2026-00011 2026-0001-b", &renamed),
            "X2026-00011 2026-0001-b"
        );
    }
}
