//! The checks of what moves: the branch and the server's branch only ever move forward
//! (their reflogs), and every filing's tag is in the journal and where its entry says.

use std::collections::{HashMap, HashSet};

use git2::{Oid, Repository};

use super::finding::{Finding, LeftOut};
use super::saved::{RecordedFiling, ReflogRead};
use crate::domain::filing::TAG_PREFIX;

/// The reflog message of the tool's sync, the one move of the branch that is not a
/// fast-forward by design: it makes the clone's unpublished entries again on top of the
/// server's (every entry kept).
const SYNC_MOVE: &str = "incident sync";
/// The most left-out entries named in one finding.
const LEFT_OUT_NAMED: usize = 20;

/// Whose reflog is read: the register's branch (the tool's sync may move it sideways) or
/// the server's branch as fetched (which must only move forward).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Moved {
    Branch,
    Server,
}

/// Reads `reference`'s reflog on from where `previous` stopped, and finds every move that
/// is not a fast-forward.
pub(super) fn check_reflog(
    repo: &Repository,
    reference: &str,
    kind: Moved,
    previous: Option<&ReflogRead>,
) -> ReflogRead {
    let mut read = ReflogRead {
        reference: reference.to_string(),
        ..ReflogRead::default()
    };
    let Ok(reflog) = repo.reflog(reference) else {
        return read;
    };
    let count = reflog.len();
    // git2 numbers the newest entry 0; the oldest is `count - 1`.
    let at = |position: usize| reflog.get(count - 1 - position);
    let mut start = 0;
    if let Some(previous) = previous.filter(|p| p.entries <= count && p.entries > 0)
        && at(previous.entries - 1).map(|e| e.id_new().to_string()) == previous.last
    {
        start = previous.entries;
        read.findings.clone_from(&previous.findings);
    }
    for position in start..count {
        let Some(entry) = at(position) else { continue };
        let (from, to) = (entry.id_old(), entry.id_new());
        let how = entry
            .message()
            .ok()
            .flatten()
            .unwrap_or_default()
            .to_string();
        if from.is_zero() || to.is_zero() || from == to || moves_forward(repo, from, to) {
            continue;
        }
        let left_out = left_out(repo, from, to);
        // The sync's move keeps every entry, made again on top of the server's: one that
        // left an entry out is not the sync's, whatever its reflog message says.
        if kind == Moved::Branch
            && how.starts_with(SYNC_MOVE)
            && left_out.iter().all(|entry| entry.made_again.is_some())
        {
            continue;
        }
        read.findings.push(match kind {
            Moved::Branch => Finding::BranchRewritten {
                branch: reference.trim_start_matches("refs/heads/").to_string(),
                from: from.to_string(),
                to: to.to_string(),
                how: crate::domain::terminal::for_terminal(&how).into_owned(),
                left_out,
            },
            Moved::Server => Finding::ServerRewritten {
                remote_branch: reference.trim_start_matches("refs/remotes/").to_string(),
                from: from.to_string(),
                to: to.to_string(),
                left_out,
            },
        });
    }
    read.entries = count;
    read.last = (count > 0)
        .then(|| at(count - 1).map(|e| e.id_new().to_string()))
        .flatten();
    read
}

/// Whether `to` contains `from`: a parent first (the common case, one entry), then Git's
/// graph search.
fn moves_forward(repo: &Repository, from: Oid, to: Oid) -> bool {
    if let Ok(commit) = repo.find_commit(to)
        && commit.parent_ids().any(|parent| parent == from)
    {
        return true;
    }
    repo.graph_descendant_of(to, from).unwrap_or(false)
}

/// The entries `from` held and `to` does not, each with the entry of the same author, time
/// and subject that `to` holds instead, if any.
pub(super) fn left_out(repo: &Repository, from: Oid, to: Oid) -> Vec<LeftOut> {
    let commits = |include: Oid, exclude: Oid| -> Vec<Oid> {
        let Ok(mut walk) = repo.revwalk() else {
            return Vec::new();
        };
        if walk.push(include).is_err() || walk.hide(exclude).is_err() {
            return Vec::new();
        }
        walk.flatten().take(LEFT_OUT_NAMED * 10).collect()
    };
    let identity = |oid: Oid| {
        repo.find_commit(oid).ok().map(|c| {
            (
                c.author().name().unwrap_or_default().to_string(),
                c.author().when().seconds(),
                without_id(c.summary().ok().flatten().unwrap_or_default()).to_string(),
            )
        })
    };
    let instead: Vec<(Oid, (String, i64, String))> = commits(to, from)
        .into_iter()
        .filter_map(|oid| identity(oid).map(|id| (oid, id)))
        .collect();
    commits(from, to)
        .into_iter()
        .take(LEFT_OUT_NAMED)
        .map(|oid| {
            let found = identity(oid);
            LeftOut {
                commit: oid.to_string(),
                subject: repo
                    .find_commit(oid)
                    .ok()
                    .and_then(|c| {
                        c.summary()
                            .ok()
                            .flatten()
                            .map(|s| crate::domain::terminal::for_terminal(s).into_owned())
                    })
                    .unwrap_or_default(),
                made_again: found.and_then(|id| {
                    instead
                        .iter()
                        .find(|(_, other)| *other == id)
                        .map(|(again, _)| again.to_string())
                }),
            }
        })
        .collect()
}

/// The filing tags (`refs/tags/filed/*`): each must point into the journal, and each entry
/// that records a filing must have its tag pointing at it. Returns the tags found in the
/// journal, as (tag, tag object, commit), and the findings.
pub(super) fn check_filings(
    repo: &Repository,
    head: Oid,
    known: &[(String, String, String)],
    walked: &HashSet<Oid>,
    recorded: &[RecordedFiling],
) -> (Vec<(String, String, String)>, Vec<Finding>) {
    let known: HashMap<&str, (&str, &str)> = known
        .iter()
        .map(|(tag, object, commit)| (tag.as_str(), (object.as_str(), commit.as_str())))
        .collect();
    let mut in_journal = Vec::new();
    let mut findings = Vec::new();
    let mut tags: HashMap<String, String> = HashMap::new();
    let listed = crate::store::journal::filed_tags(repo, &format!("{TAG_PREFIX}*"));
    if let Ok(listed) = listed {
        for (tag, reference) in listed {
            let Some(object) = reference.target() else {
                continue;
            };
            let commit = match known.get(tag.as_str()) {
                Some((was, commit)) if *was == object.to_string() => Some(commit.to_string()),
                _ => reference.peel_to_commit().ok().map(|c| c.id().to_string()),
            };
            let Some(commit) = commit else { continue };
            tags.insert(tag.clone(), commit.clone());
            let contained = known
                .get(tag.as_str())
                .is_some_and(|(was, _)| *was == object.to_string())
                || Oid::from_str(&commit).is_ok_and(|oid| {
                    oid == head
                        || walked.contains(&oid)
                        || repo.graph_descendant_of(head, oid).unwrap_or(false)
                });
            if contained {
                in_journal.push((tag, object.to_string(), commit));
            } else {
                findings.push(Finding::FilingNotInJournal {
                    incident: crate::domain::filing::parse_tag_name(&tag)
                        .map(|(id, _)| id.to_string()),
                    tag,
                    commit,
                });
            }
        }
    }
    for filing in recorded {
        match tags.get(&filing.tag) {
            Some(commit) if *commit == filing.commit => {}
            other => findings.push(Finding::FilingTagMissing {
                tag: filing.tag.clone(),
                commit: filing.commit.clone(),
                incident: filing.incident.clone(),
                points_to: other.cloned(),
            }),
        }
    }
    in_journal.sort();
    (in_journal, findings)
}

/// A subject without its leading incident id (`2026-0001: reported: …`): the sync gives an
/// incident created offline the next free id, and its entries' subjects say so.
fn without_id(subject: &str) -> &str {
    match subject.split_once(": ") {
        Some((id, rest)) if id.parse::<crate::domain::IncidentId>().is_ok() => rest,
        _ => subject,
    }
}
