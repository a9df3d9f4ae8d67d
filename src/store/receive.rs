//! The shared server's check of a push (`incident hook pre-receive`): what the tool would
//! refuse in a clone, the server refuses too. On the register's branch a push may not
//! delete the branch, rewrite the journal (a force-push), bring files that are invalid, or
//! merge two incidents that were given one id on two clones. A filed tag
//! (`refs/tags/filed/*`) may be added on a commit of the branch, never deleted or moved.
//! Other refs pass.
//!
//! Git runs the hook in the bare repository with the pushed objects in a quarantine folder
//! that `GIT_OBJECT_DIRECTORY` and `GIT_ALTERNATE_OBJECT_DIRECTORIES` name; libgit2 reads
//! them when the repository is opened from the environment. The cost follows the push, not
//! the register: trees are compared (an unchanged folder is skipped by its id), and only
//! the incident folders the push touches are read.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use git2::{Delta, ObjectType, Oid, Repository, Tree, TreeEntry};

use super::files::{self, FileKind, MAX_FILE_BYTES};
use super::journal::{git_error, register_branch};
use super::layout::{
    SETTINGS_FILE, evidence_edited, is_evidence, not_a_year_folder, not_an_incident_file,
    not_an_incident_folder, stray,
};
use super::load::{IncidentTexts, parse_incident, parse_settings, with_strays};
use crate::domain::filing::TAG_PREFIX;
use crate::domain::{Bilingual, IncidentId, Lang};
use crate::error::{Error, FileProblem, Refusal, Result};

/// What the hook decided about a push.
#[derive(Debug)]
pub struct PushVerdict {
    /// The register's branch, without `refs/heads/`.
    pub branch: String,
    /// Empty when the push is accepted.
    pub refusals: Vec<Refusal>,
    /// The register's language, from the settings of the pushed tip, for the messages.
    pub language: Option<Lang>,
}

/// One line of the hook's standard input: `<old-oid> <new-oid> <refname>`.
struct RefUpdate {
    old: Oid,
    new: Oid,
    name: String,
}

/// Checks the updates that git gives the `pre-receive` hook on its standard input, in the
/// repository of the environment the hook runs in (the bare repository, with the push's
/// quarantined objects).
pub fn check_push(updates: &str) -> Result<PushVerdict> {
    let repo =
        Repository::open_from_env().map_err(git_error("open the repository the push goes to"))?;
    let branch = register_branch(&repo);
    let branch_ref = format!("refs/heads/{branch}");
    let mut verdict = PushVerdict {
        branch,
        refusals: Vec::new(),
        language: None,
    };
    let updates = parse_updates(updates)?;
    for update in &updates {
        if update.name == branch_ref {
            check_branch_update(&repo, update, &mut verdict)?;
        }
    }
    // The branch as it will be: the pushed tip, else the server's.
    let tip = updates
        .iter()
        .find(|u| u.name == branch_ref && !u.new.is_zero())
        .map(|u| u.new)
        .or_else(|| repo.refname_to_id(&branch_ref).ok());
    for update in &updates {
        if let Some(tag) = update.name.strip_prefix("refs/tags/")
            && tag.starts_with(TAG_PREFIX)
            && let Some(refusal) = check_filed_tag(&repo, update, tag, tip)
        {
            verdict.refusals.push(refusal);
        }
    }
    Ok(verdict)
}

/// A filed tag may be added, pointing at a commit of the branch; never deleted or moved
/// (a filing is a fixed point of the journal: see [`crate::domain::filing`]).
fn check_filed_tag(
    repo: &Repository,
    update: &RefUpdate,
    tag: &str,
    tip: Option<Oid>,
) -> Option<Refusal> {
    if !update.old.is_zero() {
        return (update.old != update.new).then(|| Refusal::FiledTagChanged {
            tag: tag.to_string(),
            deleted: update.new.is_zero(),
        });
    }
    let commit = repo
        .find_object(update.new, None)
        .and_then(|object| object.peel_to_commit())
        .map(|commit| commit.id())
        .ok();
    let in_branch = commit.zip(tip).is_some_and(|(commit, tip)| {
        commit == tip || repo.graph_descendant_of(tip, commit).unwrap_or(false)
    });
    (!in_branch).then(|| Refusal::FiledTagOutside {
        tag: tag.to_string(),
        commit: commit.unwrap_or(update.new).to_string(),
    })
}

fn parse_updates(text: &str) -> Result<Vec<RefUpdate>> {
    text.lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let unreadable = || Error::Git {
                action: "read the pushed refs from standard input".into(),
                message: format!("not `<old-oid> <new-oid> <refname>`: {line}"),
            };
            let mut parts = line.split_whitespace();
            let (Some(old), Some(new), Some(name), None) =
                (parts.next(), parts.next(), parts.next(), parts.next())
            else {
                return Err(unreadable());
            };
            Ok(RefUpdate {
                old: Oid::from_str(old).map_err(|_| unreadable())?,
                new: Oid::from_str(new).map_err(|_| unreadable())?,
                name: name.to_string(),
            })
        })
        .collect()
}

fn check_branch_update(
    repo: &Repository,
    update: &RefUpdate,
    verdict: &mut PushVerdict,
) -> Result<()> {
    if update.new.is_zero() {
        verdict.refusals.push(Refusal::Deleted);
        return Ok(());
    }
    let old = (!update.old.is_zero()).then_some(update.old);
    if let Some(old) = old {
        let fast_forward = old == update.new
            || repo
                .graph_descendant_of(update.new, old)
                .map_err(git_error("compare the pushed commit with the server's"))?;
        if !fast_forward {
            verdict.refusals.push(Refusal::Rewritten {
                old: old.to_string(),
                new: update.new.to_string(),
            });
            return Ok(());
        }
    }
    let new_tree = tree_of(repo, update.new)?;
    let old_tree = old.map(|old| tree_of(repo, old)).transpose()?;
    let (problems, language) = changed_files_problems(repo, old_tree.as_ref(), &new_tree)?;
    verdict.language = language;
    if !problems.is_empty() {
        verdict.refusals.push(Refusal::InvalidFiles {
            commit: update.new.to_string(),
            problems,
        });
    }
    verdict
        .refusals
        .extend(duplicated_ids(repo, update.new, old)?);
    Ok(())
}

fn tree_of(repo: &Repository, commit: Oid) -> Result<Tree<'_>> {
    repo.find_commit(commit)
        .and_then(|commit| commit.tree())
        .map_err(git_error(format!("read the tree of commit {commit}")))
}

/// Where a changed path lies in the register's layout.
#[derive(Debug, PartialEq, Eq)]
enum Place {
    Settings,
    /// In an incident's folder (the folder itself is read to judge it).
    Incident(IncidentId),
    /// Inside `incidents/` but not where the layout puts anything.
    Stray(FileProblem),
    /// Elsewhere: the schemas, `.gitignore`, a README; not the register's data.
    Elsewhere,
}

fn place_of(path: &str) -> Place {
    if path == SETTINGS_FILE {
        return Place::Settings;
    }
    let parts: Vec<&str> = path.splitn(4, '/').collect();
    let is_year = |year: &str| year.len() == 4 && year.parse::<i32>().is_ok();
    match parts.as_slice() {
        ["incidents", year, _] | ["incidents", year, _, _] if !is_year(year) => {
            Place::Stray(not_a_year_folder(year))
        }
        ["incidents", name] => Place::Stray(not_a_year_folder(name)),
        ["incidents", year, name, _] => match name.parse::<IncidentId>() {
            Ok(id) if year.parse() == Ok(id.year()) => Place::Incident(id),
            _ => Place::Stray(not_an_incident_folder(year, name)),
        },
        // A file straight in a year folder: not an incident's folder.
        ["incidents", year, name] => Place::Stray(not_an_incident_folder(year, name)),
        _ => Place::Elsewhere,
    }
}

/// The paths that differ between two trees, each with whether the new tree still has it.
fn changed_paths(repo: &Repository, old: Option<&Tree>, new: &Tree) -> Result<Vec<(String, bool)>> {
    let diff = repo
        .diff_tree_to_tree(old, Some(new), None)
        .map_err(git_error("compare the pushed tree with the server's"))?;
    Ok(diff
        .deltas()
        .filter_map(|delta| {
            let file = match delta.status() {
                Delta::Deleted => delta.old_file(),
                _ => delta.new_file(),
            };
            let path = file.path()?.to_string_lossy().into_owned();
            Some((path, delta.status() != Delta::Deleted))
        })
        .collect())
}

/// The problems of the files that differ between `old` (none for a new branch) and
/// `new`, read from `new`; and the register's language when its settings are valid.
fn changed_files_problems(
    repo: &Repository,
    old: Option<&Tree>,
    new: &Tree,
) -> Result<(Vec<FileProblem>, Option<Lang>)> {
    let mut settings_changed = false;
    let mut incidents = BTreeSet::new();
    let mut problems = Vec::new();
    for (path, present) in changed_paths(repo, old, new)? {
        match place_of(&path) {
            Place::Settings => settings_changed = true,
            Place::Incident(id) => {
                // Evidence is kept as it was received (its SHA-256 is in the entry that
                // added it): a push may add it, never change or remove it.
                if is_evidence(&path)
                    && old.is_some_and(|old| old.get_path(Path::new(&path)).is_ok())
                {
                    problems.push(evidence_edited(path.clone()));
                }
                incidents.insert(id);
            }
            // Removing a stray mends the register: only one that is there is refused.
            Place::Stray(problem) if present && !problems.contains(&problem) => {
                problems.push(problem);
            }
            Place::Stray(_) | Place::Elsewhere => {}
        }
    }
    if !settings_changed && incidents.is_empty() {
        return Ok((problems, None));
    }
    let settings_path = Path::new(SETTINGS_FILE);
    let settings = match tree_file(repo, new, SETTINGS_FILE)? {
        None => Err(vec![stray(
            SETTINGS_FILE.into(),
            Bilingual::new(
                "saknas; registrets inställningar finns i varje post i journalen (återställ filen med `git checkout HEAD~ -- incident.toml`)",
                "is missing; the register's settings are in every commit of the journal (restore it with `git checkout HEAD~ -- incident.toml`)",
            ),
        )]),
        Some(Err(problem)) => Err(vec![problem]),
        Some(Ok(text)) => parse_settings(settings_path, &text),
    };
    let (settings, zone) = match settings {
        Ok(parsed) => parsed,
        // Without valid settings no incident can be judged (its deadlines and timezone
        // come from them): the settings are the problem to mend first.
        Err(found) => {
            problems.extend(found);
            return Ok((problems, None));
        }
    };
    for id in &incidents {
        let Some((texts, strays)) = incident_texts(repo, new, id)? else {
            continue;
        };
        match parse_incident(id, &texts, zone, &settings) {
            Ok(_) => problems.extend(strays),
            Err(found) => problems.extend(with_strays(found, strays)),
        }
    }
    Ok((problems, Some(settings.register.language)))
}

/// The text of the file at `path` in `tree`: `None` when there is none, a problem when it
/// cannot be a register file (a link, a folder, too large, not UTF-8).
fn tree_file(
    repo: &Repository,
    tree: &Tree,
    path: &str,
) -> Result<Option<Result<String, FileProblem>>> {
    match tree.get_path(Path::new(path)) {
        Ok(entry) => entry_text(repo, &entry, Path::new(path)).map(Some),
        Err(_) => Ok(None),
    }
}

/// Git's file mode of a symbolic link.
const LINK_MODE: i32 = 0o120_000;

fn entry_text(
    repo: &Repository,
    entry: &TreeEntry,
    display: &Path,
) -> Result<Result<String, FileProblem>> {
    if entry.filemode() == LINK_MODE {
        return Ok(Err(files::linked_file(display)));
    }
    if entry.kind() != Some(ObjectType::Blob) {
        return Ok(Err(stray(
            display.to_string_lossy().into_owned(),
            not_an_incident_file(),
        )));
    }
    let read_error = git_error(format!("read {} from the push", display.display()));
    // The size first: a file grown past the limit is refused without reading it.
    let (size, _) = repo
        .odb()
        .and_then(|odb| odb.read_header(entry.id()))
        .map_err(read_error)?;
    if size as u64 > MAX_FILE_BYTES {
        return Ok(Err(files::too_large(display, size as u64)));
    }
    let blob = repo.find_blob(entry.id()).map_err(git_error(format!(
        "read {} from the push",
        display.display()
    )))?;
    Ok(files::utf8_text(blob.content().to_vec(), display))
}

/// The texts of incident `id`'s files in `tree` and its stray files, as
/// [`super::load::read_texts`] reads them from disk; `None` when the folder is gone.
fn incident_texts(
    repo: &Repository,
    tree: &Tree,
    id: &IncidentId,
) -> Result<Option<IncidentTexts>> {
    let folder = id.folder();
    let Ok(entry) = tree.get_path(Path::new(&folder)) else {
        return Ok(None);
    };
    if entry.kind() != Some(ObjectType::Tree) {
        let year = format!("{:04}", id.year());
        return Ok(Some((
            BTreeMap::new(),
            vec![not_an_incident_folder(&year, &id.to_string())],
        )));
    }
    let subtree = repo
        .find_tree(entry.id())
        .map_err(git_error(format!("read {folder} from the push")))?;
    let mut texts = BTreeMap::new();
    let mut strays = Vec::new();
    for entry in &subtree {
        let name = String::from_utf8_lossy(entry.name_bytes()).into_owned();
        let display = PathBuf::from(format!("{folder}/{name}"));
        if name == super::layout::EVIDENCE_FOLDER && entry.kind() == Some(ObjectType::Tree) {
            continue;
        }
        match FileKind::from_file_name(&name).filter(|kind| *kind != FileKind::Settings) {
            Some(kind) => match entry_text(repo, &entry, &display)? {
                Ok(text) => {
                    texts.insert(kind, text);
                }
                Err(problem) => strays.push(problem),
            },
            None if name.starts_with('.') => {}
            None => strays.push(stray(
                display.to_string_lossy().into_owned(),
                not_an_incident_file(),
            )),
        }
    }
    Ok(Some((texts, strays)))
}

/// The merges among the pushed commits (those of `new` not in `old`) whose parents each
/// added the same incident folder that their merge base lacks.
fn duplicated_ids(repo: &Repository, new: Oid, old: Option<Oid>) -> Result<Vec<Refusal>> {
    let walk_error = || git_error("walk the pushed commits");
    let mut walk = repo.revwalk().map_err(walk_error())?;
    walk.push(new).map_err(walk_error())?;
    if let Some(old) = old {
        walk.hide(old).map_err(walk_error())?;
    }
    let mut refusals = Vec::new();
    for oid in walk {
        let commit = repo
            .find_commit(oid.map_err(walk_error())?)
            .map_err(walk_error())?;
        let parents: Vec<Oid> = commit.parent_ids().collect();
        for (index, first) in parents.iter().enumerate() {
            for second in &parents[index + 1..] {
                for id in added_by_both(repo, *first, *second)? {
                    refusals.push(Refusal::DuplicateId {
                        commit: commit.id().to_string(),
                        id,
                        parents: [first.to_string(), second.to_string()],
                    });
                }
            }
        }
    }
    Ok(refusals)
}

/// The incidents whose folders both `first` and `second` added since their merge base.
fn added_by_both(repo: &Repository, first: Oid, second: Oid) -> Result<Vec<IncidentId>> {
    // Two histories without a common commit both added everything they hold.
    let base = repo.merge_base(first, second).ok();
    let base_tree = base.map(|base| tree_of(repo, base)).transpose()?;
    let added = |side: Oid| -> Result<BTreeSet<IncidentId>> {
        let tree = tree_of(repo, side)?;
        let mut ids = BTreeSet::new();
        for (path, present) in changed_paths(repo, base_tree.as_ref(), &tree)? {
            if let (Place::Incident(id), true) = (place_of(&path), present) {
                let in_base = base_tree
                    .as_ref()
                    .is_some_and(|base| base.get_path(Path::new(&id.folder())).is_ok());
                if !in_base {
                    ids.insert(id);
                }
            }
        }
        Ok(ids)
    };
    let (first, second) = (added(first)?, added(second)?);
    Ok(first.intersection(&second).cloned().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changed_paths_are_placed_in_the_registers_layout() {
        let id: IncidentId = "2026-0001".parse().unwrap();
        assert_eq!(place_of("incident.toml"), Place::Settings);
        assert_eq!(
            place_of("incidents/2026/2026-0001/report.yaml"),
            Place::Incident(id.clone())
        );
        assert_eq!(
            place_of("incidents/2026/2026-0001/notes/a.txt"),
            Place::Incident(id)
        );
        assert_eq!(place_of("schemas/report.schema.json"), Place::Elsewhere);
        assert_eq!(place_of("README.md"), Place::Elsewhere);
        for (path, stray) in [
            ("incidents/notes.txt", "incidents/notes.txt"),
            ("incidents/misc/2026-0001/report.yaml", "incidents/misc"),
            ("incidents/2026/notes.txt", "incidents/2026/notes.txt"),
            (
                "incidents/2026/2025-0001/report.yaml",
                "incidents/2026/2025-0001",
            ),
            ("incidents/2026/draft/report.yaml", "incidents/2026/draft"),
        ] {
            match place_of(path) {
                Place::Stray(problem) => assert_eq!(problem.file, PathBuf::from(stray), "{path}"),
                other => panic!("{path}: {other:?}"),
            }
        }
    }

    #[test]
    fn the_hooks_input_is_read_line_by_line() {
        let zero = "0".repeat(40);
        let one = "1".repeat(40);
        let updates = parse_updates(&format!(
            "{zero} {one} refs/heads/main\n{one} {zero} refs/tags/v1\n"
        ))
        .unwrap();
        assert_eq!(updates.len(), 2);
        assert!(updates[0].old.is_zero());
        assert_eq!(updates[1].name, "refs/tags/v1");
        assert!(parse_updates("not a line").is_err());
    }
}
