//! The walk of the branch's history, oldest first: each commit that changes register files
//! is an entry of the tool (or a Git merge), and every incident it changes is valid as of
//! that commit, under the settings of that commit.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc::SyncSender;
use std::sync::{Mutex, PoisonError};

use chrono_tz::Tz;
use git2::{Oid, Repository};

use super::finding::Finding;
use super::saved::RecordedFiling;
use crate::domain::IncidentId;
use crate::domain::model::Settings;
use crate::error::{FileProblem, Result};
use crate::store::Register;
use crate::store::journal::{git_error, parse_trailers};
use crate::store::layout::SETTINGS_FILE;
use crate::store::load::{parse_incident, parse_settings};

/// Trailers only the tool writes on its entries: `Event` (every entry since the journal's
/// events), `Change` (init, edits by hand) and `Incident` (entries of older versions).
const ENTRY_TRAILERS: [&str; 3] = ["Event", "Change", "Incident"];
/// The trailer of an entry that records a filing, naming its tag.
pub use crate::domain::filing::TRAILER as FILING_TRAILER;
/// Incidents read and waiting to be checked, at most: bounds the memory a long history
/// takes while keeping the cores busy.
const BATCH: usize = 512;
/// Most threads that check incidents: beyond this, reading Git is the limit.
const MAX_WORKERS: usize = 8;

/// What the walk carries from one commit to the next (and from one run to the next).
#[derive(Default)]
pub(super) struct WalkState {
    pub settings: Option<Arc<(Settings, Tz)>>,
    pub settings_blob: Option<Oid>,
    pub signed_since: Option<String>,
    /// The allowed-signers file as the last commit walked holds it (its blob).
    pub allowed_signers: Option<Oid>,
    pub filings: Vec<RecordedFiling>,
    /// Commit findings, in the order of the commits.
    pub findings: Vec<Finding>,
    /// Commits in the branch's history walked so far.
    pub entries: usize,
    /// The commits walked in this run.
    pub walked: HashSet<Oid>,
}

/// The check of one commit's signature, where signing is required: the commit, its subject
/// and incident, and the allowed-signers file (its blob) its parent held; a finding when
/// it fails.
pub(super) type SignatureCheck<'a> =
    &'a mut dyn FnMut(Oid, &str, Option<String>, Option<Oid>) -> Result<Option<Finding>>;

/// Whether the settings the walk holds ask for signed entries.
fn requires_signing(state: &WalkState) -> bool {
    state
        .settings
        .as_ref()
        .is_some_and(|settings| settings.0.register.require_signed)
}

/// One incident of one commit, read and waiting to be checked.
struct Check {
    commit: Oid,
    subject: String,
    id: IncidentId,
    texts: std::collections::BTreeMap<crate::store::FileKind, String>,
    strays: Vec<FileProblem>,
    settings: Arc<(Settings, Tz)>,
}

/// Walks the commits reachable from `head` and not from `since`, oldest first. Git is read
/// on this thread; the incidents read are checked on the other cores meanwhile.
pub(super) fn walk(
    register: &Register,
    repo: &Repository,
    head: Oid,
    since: Option<Oid>,
    state: &mut WalkState,
    signature: SignatureCheck<'_>,
) -> Result<usize> {
    let (sender, receiver) = std::sync::mpsc::sync_channel::<Check>(BATCH);
    let receiver = Mutex::new(receiver);
    let found: Mutex<Vec<Finding>> = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let first_new_finding = state.findings.len();
    let mut order: HashMap<String, usize> = HashMap::new();
    let walked = std::thread::scope(|scope| {
        for _ in 0..workers.min(MAX_WORKERS) {
            scope.spawn(|| {
                loop {
                    // The lock is held only while waiting for the next incident.
                    let next = receiver
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .recv();
                    let Ok(check) = next else { break };
                    if let Some(finding) = check_one(check) {
                        found
                            .lock()
                            .unwrap_or_else(PoisonError::into_inner)
                            .push(finding);
                    }
                }
            });
        }
        let sender = sender;
        // Every commit's trees are read once or twice and then never again: libgit2's
        // object cache would keep them all (at 10,000 incidents, 20,001 entries, 73 of the
        // walk's 96 MB).
        git2::opts::enable_caching(false);
        let walked = walk_commits(
            register, repo, head, since, state, signature, &sender, &mut order,
        );
        git2::opts::enable_caching(true);
        walked
    })?;
    state
        .findings
        .extend(found.into_inner().unwrap_or_else(PoisonError::into_inner));
    // The incidents were checked out of order: every finding is put back in commit order.
    state.findings[first_new_finding..]
        .sort_by_key(|finding| order.get(finding.commit()).copied().unwrap_or(usize::MAX));
    Ok(walked)
}

#[expect(
    clippy::too_many_arguments,
    reason = "the walk's own parts, passed once from walk()"
)]
fn walk_commits(
    register: &Register,
    repo: &Repository,
    head: Oid,
    since: Option<Oid>,
    state: &mut WalkState,
    signature: SignatureCheck<'_>,
    checks: &SyncSender<Check>,
    order: &mut HashMap<String, usize>,
) -> Result<usize> {
    let mut revwalk = repo.revwalk().map_err(git_error("walk the journal"))?;
    revwalk
        .set_sorting(git2::Sort::TOPOLOGICAL | git2::Sort::REVERSE)
        .map_err(git_error("walk the journal"))?;
    revwalk.push(head).map_err(git_error("walk the journal"))?;
    if let Some(since) = since {
        revwalk.hide(since).map_err(git_error("walk the journal"))?;
    }
    let mut walked = 0;
    // The commit before, with its tree: usually the next one's parent, whose tree is then
    // not read again.
    let mut previous: Option<(Oid, git2::Tree<'_>)> = None;
    for oid in revwalk {
        let oid = oid.map_err(git_error("walk the journal"))?;
        walked += 1;
        order.insert(oid.to_string(), walked);
        state.walked.insert(oid);
        let commit = repo
            .find_commit(oid)
            .map_err(git_error(format!("read commit {oid}")))?;
        let tree = commit.tree().map_err(git_error("read a commit's tree"))?;
        let parent_tree = match (commit.parent_id(0), previous.take()) {
            (Ok(parent), Some((before, tree))) if parent == before => Some(tree),
            (Ok(_), _) => Some(
                commit
                    .parent(0)
                    .and_then(|parent| parent.tree())
                    .map_err(git_error("read a commit's tree"))?,
            ),
            (Err(_), _) => None,
        };
        let mut paths: Vec<String> = Vec::new();
        changed_paths(repo, parent_tree.as_ref(), Some(&tree), "", &mut paths)?;
        drop(parent_tree);
        previous = Some((oid, tree.clone()));
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
        let is_entry = trailers
            .iter()
            .any(|(key, _)| ENTRY_TRAILERS.contains(&key.as_str()));
        // The journal's entries: the tool's, and any other commit that changes the
        // register. Git's merges join entries, and a commit beside the register (an empty
        // one, `.allowed_signers`) is none.
        if commit.parent_count() < 2 && (is_entry || !register_paths.is_empty()) {
            state.entries += 1;
        }
        if !register_paths.is_empty() {
            // A merge Git made (a plain `git pull`, through the tool's merge driver) is
            // not an entry, but not a deviation either: its result is checked below.
            if commit.parent_count() > 1 {
                let named = incidents.iter().map(ToString::to_string).collect();
                if let Some(finding) =
                    super::merges::check_merge(repo, &commit, &register_paths, named)?
                {
                    state.findings.push(finding);
                }
            } else if !is_entry {
                state.findings.push(Finding::NotAnEntry {
                    commit: oid.to_string(),
                    subject: subject.clone(),
                    incidents: incidents.iter().map(ToString::to_string).collect(),
                    paths: register_paths.clone(),
                });
            }
        }
        // An entry is checked against the rules that held before it: the settings and
        // the list of allowed signers of its parent. So an unsigned entry cannot switch
        // signing off, nor a key sign the entry that adds it to the list.
        let required_before = requires_signing(state);
        let allowed_before = state.allowed_signers;
        if settings_changed {
            check_settings(repo, oid, &tree, &subject, state)?;
        }
        if let Some(settings) = &state.settings {
            let path = settings.0.register.allowed_signers_path();
            if state.allowed_signers.is_none() || paths.iter().any(|p| p == path) {
                state.allowed_signers = tree.get_path(Path::new(path)).ok().map(|e| e.id());
            }
        }
        // Signatures are required from the entry whose settings first ask for them, and
        // of the entry that stops asking.
        let required = required_before || requires_signing(state);
        if required {
            if state.signed_since.is_none() {
                state.signed_since = Some(oid.to_string());
            }
            if let Some(finding) = signature(oid, &subject, trailer_incident, allowed_before)? {
                state.findings.push(finding);
            }
        } else {
            state.signed_since = None;
        }
        if let Some(settings) = &state.settings {
            for id in incidents {
                let (texts, strays) = register.texts_at(&id, &oid.to_string())?;
                if texts.is_empty() && strays.is_empty() {
                    continue; // removed by this commit
                }
                // A worker gone means one panicked: the scope raises that panic.
                let _ = checks.send(Check {
                    commit: oid,
                    subject: subject.clone(),
                    id,
                    texts,
                    strays,
                    settings: Arc::clone(settings),
                });
            }
        }
    }
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

/// Checks one incident as of its commit: its finding, if it is invalid.
fn check_one(check: Check) -> Option<Finding> {
    let (settings, zone) = &*check.settings;
    let mut problems = match parse_incident(&check.id, &check.texts, *zone, settings) {
        Ok(_) => Vec::new(),
        Err(problems) => problems,
    };
    problems.extend(check.strays);
    (!problems.is_empty()).then(|| Finding::InvalidFile {
        commit: check.commit.to_string(),
        subject: check.subject,
        incident: Some(check.id.to_string()),
        problems,
    })
}

/// The paths of the files that differ between the trees `old` and `new` (either missing),
/// under `prefix`. A subtree whose id is the same on both sides is not entered: a commit
/// that changes one incident costs the folders on its path, not the register's size (Git's
/// own tree diff, through libgit2, walks every entry).
fn changed_paths(
    repo: &Repository,
    old: Option<&git2::Tree<'_>>,
    new: Option<&git2::Tree<'_>>,
    prefix: &str,
    paths: &mut Vec<String>,
) -> Result<()> {
    let (old_len, new_len) = (
        old.map_or(0, git2::Tree::len),
        new.map_or(0, git2::Tree::len),
    );
    let (mut i, mut j) = (0, 0);
    // Both lists are in Git's order (a folder's name compared as if it ended in '/'): one
    // pass over them side by side, without copying a name.
    while i < old_len || j < new_len {
        let was = old.and_then(|tree| tree.get(i)).filter(|_| i < old_len);
        let is = new.and_then(|tree| tree.get(j)).filter(|_| j < new_len);
        let order = match (&was, &is) {
            (Some(a), Some(b)) => git_order(a, b),
            (Some(_), None) => std::cmp::Ordering::Less,
            _ => std::cmp::Ordering::Greater,
        };
        let (was, is) = match order {
            std::cmp::Ordering::Less => {
                i += 1;
                (was, None)
            }
            std::cmp::Ordering::Greater => {
                j += 1;
                (None, is)
            }
            std::cmp::Ordering::Equal => {
                i += 1;
                j += 1;
                (was, is)
            }
        };
        if let (Some(a), Some(b)) = (&was, &is)
            && a.id() == b.id()
            && a.filemode() == b.filemode()
        {
            continue;
        }
        let name = was
            .as_ref()
            .or(is.as_ref())
            .map(|entry| String::from_utf8_lossy(entry.name_bytes()).into_owned())
            .unwrap_or_default();
        let path = if prefix.is_empty() {
            name
        } else {
            format!("{prefix}/{name}")
        };
        let subtree = |side: &Option<git2::TreeEntry<'_>>| -> Result<Option<git2::Tree<'_>>> {
            match side {
                Some(entry) if entry.kind() == Some(git2::ObjectType::Tree) => repo
                    .find_tree(entry.id())
                    .map(Some)
                    .map_err(git_error("read a folder of a commit")),
                _ => Ok(None),
            }
        };
        let (old_tree, new_tree) = (subtree(&was)?, subtree(&is)?);
        if old_tree.is_some() || new_tree.is_some() {
            changed_paths(repo, old_tree.as_ref(), new_tree.as_ref(), &path, paths)?;
        } else {
            paths.push(path);
        }
    }
    Ok(())
}

/// Two tree entries in Git's order: a folder's name compared as if it ended in '/'.
fn git_order(a: &git2::TreeEntry<'_>, b: &git2::TreeEntry<'_>) -> std::cmp::Ordering {
    fn tail(entry: &git2::TreeEntry<'_>) -> &'static [u8] {
        if entry.kind() == Some(git2::ObjectType::Tree) {
            b"/"
        } else {
            b""
        }
    }
    a.name_bytes()
        .iter()
        .chain(tail(a))
        .cmp(b.name_bytes().iter().chain(tail(b)))
}

/// The incident whose folder holds `path` (`incidents/YYYY/YYYY-NNNN/…`).
fn incident_of_path(path: &str) -> Option<IncidentId> {
    let mut parts = path.split('/');
    (parts.next()? == "incidents").then_some(())?;
    let year = parts.next()?;
    let id: IncidentId = parts.next()?.parse().ok()?;
    (id.year().to_string() == year).then_some(id)
}
