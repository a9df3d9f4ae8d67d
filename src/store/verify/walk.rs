//! The walk of the branch's history, oldest first: each commit that changes register files
//! is an entry of the tool (or a Git merge), and every incident it changes is valid as of
//! that commit, under the settings of that commit.

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;

use chrono_tz::Tz;
use git2::{Oid, Repository};

use super::finding::Finding;
use super::saved::RecordedFiling;
use crate::domain::IncidentId;
use crate::domain::model::Settings;
use crate::error::{FileProblem, Result};
use crate::store::journal::{git_error, parse_trailers};
use crate::store::layout::SETTINGS_FILE;
use crate::store::load::{parse_incident, parse_settings};
use crate::store::{Register, parallel};

/// Trailers only the tool writes on its entries: `Event` (every entry since the journal's
/// events), `Change` (init, edits by hand) and `Incident` (entries of older versions).
const ENTRY_TRAILERS: [&str; 3] = ["Event", "Change", "Incident"];
/// The trailer of an entry that records a filing, naming its tag.
pub const FILING_TRAILER: &str = "Filing";
/// Incidents read before they are checked on all cores: bounds the memory a long history
/// takes while keeping the cores busy.
const BATCH: usize = 512;

/// What the walk carries from one commit to the next (and from one run to the next).
#[derive(Default)]
pub(super) struct WalkState {
    pub settings: Option<Arc<(Settings, Tz)>>,
    pub settings_blob: Option<Oid>,
    pub signed_since: Option<String>,
    pub filings: Vec<RecordedFiling>,
    /// Commit findings, in the order of the commits.
    pub findings: Vec<Finding>,
    /// Commits in the branch's history walked so far.
    pub entries: usize,
    /// The commits walked in this run.
    pub walked: HashSet<Oid>,
}

/// The check of one commit's signature: the commit, its subject and incident, and the walk
/// so far (whether signing is required yet); a finding when it fails.
pub(super) type SignatureCheck<'a> =
    &'a mut dyn FnMut(Oid, &str, Option<String>, &WalkState) -> Option<Finding>;

/// One incident of one commit, read and waiting to be checked.
struct Check {
    commit: Oid,
    subject: String,
    id: IncidentId,
    texts: std::collections::BTreeMap<crate::store::FileKind, String>,
    strays: Vec<FileProblem>,
    settings: Arc<(Settings, Tz)>,
}

/// Walks the commits reachable from `head` and not from `since`, oldest first.
pub(super) fn walk(
    register: &Register,
    repo: &Repository,
    head: Oid,
    since: Option<Oid>,
    state: &mut WalkState,
    signature: SignatureCheck<'_>,
) -> Result<usize> {
    let mut revwalk = repo.revwalk().map_err(git_error("walk the journal"))?;
    revwalk
        .set_sorting(git2::Sort::TOPOLOGICAL | git2::Sort::REVERSE)
        .map_err(git_error("walk the journal"))?;
    revwalk.push(head).map_err(git_error("walk the journal"))?;
    if let Some(since) = since {
        revwalk.hide(since).map_err(git_error("walk the journal"))?;
    }
    let mut pending: Vec<Check> = Vec::new();
    let mut walked = 0;
    let first_new_finding = state.findings.len();
    let mut order: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for oid in revwalk {
        let oid = oid.map_err(git_error("walk the journal"))?;
        walked += 1;
        order.insert(oid.to_string(), walked);
        state.entries += 1;
        state.walked.insert(oid);
        let commit = repo
            .find_commit(oid)
            .map_err(git_error(format!("read commit {oid}")))?;
        let tree = commit.tree().map_err(git_error("read a commit's tree"))?;
        let parent_tree = match commit.parent(0) {
            Ok(parent) => Some(parent.tree().map_err(git_error("read a commit's tree"))?),
            Err(_) => None,
        };
        let diff = repo
            .diff_tree_to_tree(parent_tree.as_ref(), Some(&tree), None)
            .map_err(git_error("compare a commit with its parent"))?;
        let mut paths: Vec<String> = Vec::new();
        for delta in diff.deltas() {
            for file in [delta.old_file(), delta.new_file()] {
                if let Some(path) = file.path().and_then(Path::to_str)
                    && !paths.iter().any(|known| known == path)
                {
                    paths.push(path.to_string());
                }
            }
        }
        let settings_changed = paths.iter().any(|p| p == SETTINGS_FILE);
        let register_paths: Vec<String> = paths
            .iter()
            .filter(|p| *p == SETTINGS_FILE || p.starts_with("incidents/"))
            .cloned()
            .collect();
        let mut incidents: Vec<IncidentId> = Vec::new();
        for path in &register_paths {
            if let Some(id) = incident_of_path(path)
                && !incidents.contains(&id)
            {
                incidents.push(id);
            }
        }
        let message = commit.message().unwrap_or_default().to_string();
        let subject = commit
            .summary()
            .ok()
            .flatten()
            .unwrap_or_default()
            .to_string();
        let trailers = parse_trailers(&message);
        let trailer_incident = trailers
            .iter()
            .find(|(key, _)| key == "Incident")
            .map(|(_, value)| value.clone());
        for (key, value) in &trailers {
            if key == FILING_TRAILER {
                state.filings.push(RecordedFiling {
                    tag: value.clone(),
                    commit: oid.to_string(),
                    incident: trailer_incident.clone(),
                });
            }
        }
        if settings_changed {
            check_settings(repo, oid, &tree, &subject, state)?;
        }
        if !register_paths.is_empty() {
            let is_entry = trailers
                .iter()
                .any(|(key, _)| ENTRY_TRAILERS.contains(&key.as_str()));
            // A merge Git made (a plain `git pull`, through the tool's merge driver) is
            // not an entry, but not a deviation either: its result is checked below.
            if !is_entry && commit.parent_count() < 2 {
                state.findings.push(Finding::NotAnEntry {
                    commit: oid.to_string(),
                    subject: subject.clone(),
                    incidents: incidents.iter().map(ToString::to_string).collect(),
                    paths: register_paths.clone(),
                });
            }
        }
        if let Some(finding) = signature(oid, &subject, trailer_incident, state) {
            state.findings.push(finding);
        }
        if let Some(settings) = &state.settings {
            for id in incidents {
                let (texts, strays) = register.texts_at(&id, &oid.to_string())?;
                if texts.is_empty() && strays.is_empty() {
                    continue; // removed by this commit
                }
                pending.push(Check {
                    commit: oid,
                    subject: subject.clone(),
                    id,
                    texts,
                    strays,
                    settings: Arc::clone(settings),
                });
            }
        }
        if pending.len() >= BATCH {
            check_pending(&mut pending, state);
        }
    }
    check_pending(&mut pending, state);
    // The incidents are checked in batches: their findings are put back in commit order.
    state.findings[first_new_finding..]
        .sort_by_key(|finding| order.get(finding.commit()).copied().unwrap_or(usize::MAX));
    Ok(walked)
}

/// Reads the settings as `commit` holds them; invalid settings are a finding, and the
/// incidents are then checked under the last valid ones.
fn check_settings(
    repo: &Repository,
    commit: Oid,
    tree: &git2::Tree<'_>,
    subject: &str,
    state: &mut WalkState,
) -> Result<()> {
    let Ok(entry) = tree.get_path(Path::new(SETTINGS_FILE)) else {
        state.settings_blob = None;
        return Ok(());
    };
    if state.settings_blob == Some(entry.id()) {
        return Ok(());
    }
    state.settings_blob = Some(entry.id());
    let blob = repo
        .find_blob(entry.id())
        .map_err(git_error("read the settings of a commit"))?;
    let text = String::from_utf8_lossy(blob.content());
    match parse_settings(Path::new(SETTINGS_FILE), &text) {
        Ok(parsed) => state.settings = Some(Arc::new(parsed)),
        Err(problems) => state.findings.push(Finding::InvalidFile {
            commit: commit.to_string(),
            subject: subject.to_string(),
            incident: None,
            problems,
        }),
    }
    Ok(())
}

/// Checks the incidents read so far on all cores; their findings follow in commit order.
fn check_pending(pending: &mut Vec<Check>, state: &mut WalkState) {
    if pending.is_empty() {
        return;
    }
    let results = parallel::map(pending, |check| {
        let (settings, zone) = &*check.settings;
        let mut problems = match parse_incident(&check.id, &check.texts, *zone, settings) {
            Ok(_) => Vec::new(),
            Err(problems) => problems,
        };
        problems.extend(check.strays.iter().cloned());
        problems
    });
    for (check, problems) in pending.drain(..).zip(results) {
        if !problems.is_empty() {
            state.findings.push(Finding::InvalidFile {
                commit: check.commit.to_string(),
                subject: check.subject,
                incident: Some(check.id.to_string()),
                problems,
            });
        }
    }
}

/// The incident whose folder holds `path` (`incidents/YYYY/YYYY-NNNN/…`).
fn incident_of_path(path: &str) -> Option<IncidentId> {
    let mut parts = path.split('/');
    (parts.next()? == "incidents").then_some(())?;
    let year = parts.next()?;
    let id: IncidentId = parts.next()?.parse().ok()?;
    (id.year().to_string() == year).then_some(id)
}
