//! The journal (diarium): the register's Git history. Every change is one commit made
//! straight from the bytes written (blob, tree update of the touched paths, commit), so a
//! commit costs the same whatever the register's size; the index is then updated for the
//! touched paths only, so `git status` stays clean.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, FixedOffset, TimeZone};
use git2::{Oid, Repository, Signature, Sort, Status, StatusOptions, build::TreeUpdateBuilder};

use crate::error::{Error, Result};

/// Who is recorded as the author of a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Author {
    pub name: String,
    pub email: String,
}

impl Author {
    /// Parses `Name <email>`.
    pub fn parse(text: &str) -> Option<Author> {
        let (name, rest) = text.split_once('<')?;
        let email = rest.strip_suffix('>')?.trim();
        let name = name.trim();
        (!name.is_empty() && !email.is_empty()).then(|| Author {
            name: name.to_string(),
            email: email.to_string(),
        })
    }
}

/// One path a commit writes or removes, relative to the register root with `/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Write { path: String, bytes: Vec<u8> },
    Delete { path: String },
}

impl Change {
    pub fn path(&self) -> &str {
        match self {
            Change::Write { path, .. } | Change::Delete { path } => path,
        }
    }
}

/// A commit message: subject, optional body, trailers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub subject: String,
    pub body: Option<String>,
    pub trailers: Vec<(String, String)>,
}

impl Message {
    pub fn render(&self) -> String {
        let mut text = self.subject.clone();
        text.push('\n');
        if let Some(body) = &self.body {
            text.push('\n');
            text.push_str(body.trim_end());
            text.push('\n');
        }
        if !self.trailers.is_empty() {
            text.push('\n');
            for (key, value) in &self.trailers {
                text.push_str(&format!("{key}: {value}\n"));
            }
        }
        text
    }
}

/// A path in the working tree that differs from the last commit.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Edited {
    pub path: String,
    pub deleted: bool,
}

/// One entry of an incident's journal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryEntry {
    pub commit: String,
    pub time: DateTime<FixedOffset>,
    pub author: String,
    pub email: String,
    pub subject: String,
    pub trailers: Vec<(String, String)>,
    /// Files of the incident the commit added, changed or removed: (name, what).
    pub files: Vec<(String, &'static str)>,
}

pub struct Journal {
    repo: Repository,
}

/// The author from the user's global git configuration, for a register not yet created.
pub fn global_author() -> Option<Author> {
    let config = git2::Config::open_default().ok()?;
    let name = config.get_string("user.name").ok()?;
    let email = config.get_string("user.email").ok()?;
    Some(Author { name, email })
}

fn git_error(action: impl Into<String>) -> impl FnOnce(git2::Error) -> Error {
    let action = action.into();
    move |error| Error::Git {
        action,
        message: error.message().to_string(),
    }
}

/// Makes libgit2 flush every object, reference and index it writes to disk (fsync), and
/// their folders, before it reports success. Off by default in libgit2; without it, a
/// power cut just after a change can lose a commit that the command said it recorded.
fn flush_git_writes() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        libgit2_sys::init();
        // SAFETY: a process-wide libgit2 setting that takes one int, set once, after
        // libgit2 is initialised and before any repository is opened.
        unsafe {
            libgit2_sys::git_libgit2_opts(libgit2_sys::GIT_OPT_ENABLE_FSYNC_GITDIR as _, 1);
        }
    });
}

impl Journal {
    /// Opens the repository at `root`, if the folder is one.
    pub fn open(root: &Path) -> Result<Option<Journal>> {
        if !root.join(".git").exists() {
            return Ok(None);
        }
        flush_git_writes();
        let repo = Repository::open(root)
            .map_err(git_error(format!("open the repository {}", root.display())))?;
        Ok(Some(Journal { repo }))
    }

    /// Creates a repository at `root` with `main` as its first branch.
    pub fn init(root: &Path) -> Result<Journal> {
        flush_git_writes();
        let mut options = git2::RepositoryInitOptions::new();
        options.initial_head("main");
        let repo = Repository::init_opts(root, &options).map_err(git_error(format!(
            "create a repository in {}",
            root.display()
        )))?;
        Ok(Journal { repo })
    }

    /// The author from git configuration (repository, then global), if set.
    pub fn configured_author(&self) -> Option<Author> {
        let config = self.repo.config().ok()?;
        let name = config.get_string("user.name").ok()?;
        let email = config.get_string("user.email").ok()?;
        Some(Author { name, email })
    }

    pub fn head(&self) -> Option<Oid> {
        self.repo.head().ok().and_then(|head| head.target())
    }

    /// The commit id of HEAD, for exports that name what they were made from.
    pub fn head_id(&self) -> Option<String> {
        self.head().map(|oid| oid.to_string())
    }

    /// Records `changes` as one commit on HEAD. The parent is the HEAD that was read
    /// before the change was computed; if HEAD moved meanwhile, libgit2 refuses and
    /// nothing is recorded.
    pub fn commit(
        &self,
        changes: &[Change],
        message: &Message,
        author: &Author,
        when: DateTime<FixedOffset>,
    ) -> Result<String> {
        let repo = &self.repo;
        let parent = match self.head() {
            Some(oid) => Some(
                repo.find_commit(oid)
                    .map_err(git_error("read the last commit"))?,
            ),
            None => None,
        };
        let baseline = match &parent {
            Some(commit) => commit
                .tree()
                .map_err(git_error("read the last commit's tree"))?,
            None => {
                let empty = repo
                    .treebuilder(None)
                    .and_then(|b| b.write())
                    .map_err(git_error("create an empty tree"))?;
                repo.find_tree(empty)
                    .map_err(git_error("read the empty tree"))?
            }
        };
        let mut update = TreeUpdateBuilder::new();
        for change in changes {
            match change {
                Change::Write { path, bytes } => {
                    let blob = repo
                        .blob(bytes)
                        .map_err(git_error(format!("store {path}")))?;
                    update.upsert(path.as_str(), blob, git2::FileMode::Blob);
                }
                Change::Delete { path } => {
                    update.remove(path.as_str());
                }
            }
        }
        let tree_id = update
            .create_updated(repo, &baseline)
            .map_err(git_error("build the new tree"))?;
        let tree = repo
            .find_tree(tree_id)
            .map_err(git_error("read the new tree"))?;
        let time = git2::Time::new(when.timestamp(), when.offset().local_minus_utc() / 60);
        let signature = Signature::new(&author.name, &author.email, &time)
            .map_err(git_error("make the author signature"))?;
        let parents: Vec<&git2::Commit> = parent.iter().collect();
        let oid = repo
            .commit(
                Some("HEAD"),
                &signature,
                &signature,
                &message.render(),
                &tree,
                &parents,
            )
            .map_err(|error| {
                if error
                    .message()
                    .contains("current tip is not the first parent")
                {
                    Error::Concurrent {
                        message: error.message().to_string(),
                    }
                } else {
                    git_error("record the commit")(error)
                }
            })?;
        Ok(oid.to_string())
    }

    /// Brings the index in line with the commit for the touched paths only, once the files
    /// are written.
    pub fn update_index(&self, changes: &[Change]) -> Result<()> {
        let mut index = self.repo.index().map_err(git_error("read the index"))?;
        // libgit2 reads, checksums and rewrites the whole index on every change; format 4
        // compresses the shared path prefixes (incidents/YYYY/ID/), a quarter fewer bytes
        // at 10,000 incidents. Git reads it since 1.8 and keeps the format when it writes.
        if index.version() < 4 {
            index
                .set_version(4)
                .map_err(git_error("set the index format"))?;
        }
        for change in changes {
            let path = Path::new(change.path());
            match change {
                Change::Write { .. } => index.add_path(path),
                Change::Delete { .. } => index.remove_path(path),
            }
            .map_err(git_error(format!("update the index for {}", change.path())))?;
        }
        index.write().map_err(git_error("write the index"))
    }

    /// Paths in the working tree that differ from the last commit: edits by hand.
    pub fn edited_paths(&self) -> Result<Vec<Edited>> {
        let mut options = StatusOptions::new();
        options
            .include_untracked(true)
            .recurse_untracked_dirs(true)
            .include_ignored(false)
            .exclude_submodules(true);
        let statuses = self
            .repo
            .statuses(Some(&mut options))
            .map_err(git_error("read the working tree's status"))?;
        let mut edited: Vec<Edited> = statuses
            .iter()
            .filter(|entry| entry.status() != Status::CURRENT && !entry.status().is_ignored())
            .filter(|entry| {
                let name = entry
                    .path()
                    .unwrap_or_default()
                    .rsplit('/')
                    .next()
                    .unwrap_or_default();
                !is_temporary(name)
            })
            .filter_map(|entry| {
                let path = entry.path().ok()?.to_string();
                let deleted = entry.status().intersects(Status::WT_DELETED)
                    || (entry.status().intersects(Status::INDEX_DELETED)
                        && !entry.status().intersects(Status::WT_NEW));
                Some(Edited { path, deleted })
            })
            .collect();
        edited.sort_by(|a, b| a.path.cmp(&b.path));
        edited.dedup_by(|a, b| a.path == b.path);
        Ok(edited)
    }

    /// The files under `roots` (files or folders relative to the register root) whose
    /// content differs from the last commit: the edits by hand there. Content hashes are
    /// compared with HEAD's tree directly, so the cost is that of these paths alone, not of
    /// the register (a status scan stats every file of the work tree).
    pub fn edited_in(&self, roots: &[String]) -> Result<Vec<Edited>> {
        // Every tree under the roots is read once: libgit2's object cache would keep them
        // all (at 100,000 incidents, 85 MB more and 27 s slower for a full comparison).
        git2::opts::enable_caching(false);
        let result = self.edited_in_walk(roots);
        git2::opts::enable_caching(true);
        result
    }

    fn edited_in_walk(&self, roots: &[String]) -> Result<Vec<Edited>> {
        let repo = &self.repo;
        let workdir = repo
            .workdir()
            .ok_or_else(|| {
                git_error("find the work tree")(git2::Error::from_str("bare repository"))
            })?
            .to_path_buf();
        let head_tree = self.head_tree()?;
        let mut edited = Vec::new();
        for root in roots {
            let mut committed: std::collections::BTreeMap<String, Oid> = Default::default();
            if let Some(tree) = &head_tree
                && let Ok(entry) = tree.get_path(Path::new(root))
            {
                match entry.kind() {
                    Some(git2::ObjectType::Tree) => {
                        let subtree = repo
                            .find_tree(entry.id())
                            .map_err(git_error(format!("read {root}")))?;
                        subtree
                            .walk(git2::TreeWalkMode::PreOrder, |folder, item| {
                                if item.kind() == Some(git2::ObjectType::Blob) {
                                    let name = item.name().unwrap_or_default();
                                    committed.insert(format!("{root}/{folder}{name}"), item.id());
                                }
                                git2::TreeWalkResult::Ok
                            })
                            .map_err(git_error(format!("read {root}")))?;
                    }
                    _ => {
                        committed.insert(root.clone(), entry.id());
                    }
                }
            }
            let mut on_disk = Vec::new();
            collect_files(&workdir, root, &mut on_disk)?;
            for path in &on_disk {
                let full = workdir.join(path);
                let bytes = std::fs::read(&full).map_err(|source| Error::Io {
                    action: "read",
                    path: full.clone(),
                    source,
                })?;
                let oid = Oid::hash_object(git2::ObjectType::Blob, &bytes)
                    .map_err(git_error(format!("hash {path}")))?;
                if committed.get(path) != Some(&oid) {
                    edited.push(Edited {
                        path: path.clone(),
                        deleted: false,
                    });
                }
            }
            for path in committed.keys() {
                if !on_disk.contains(path) {
                    edited.push(Edited {
                        path: path.clone(),
                        deleted: true,
                    });
                }
            }
        }
        edited.sort_by(|a, b| a.path.cmp(&b.path));
        edited.dedup_by(|a, b| a.path == b.path);
        Ok(edited)
    }

    /// Lock files that Git (or libgit2) leaves when a process dies while it writes the
    /// index or a branch: they make every later write fail until removed.
    pub fn leftover_locks(&self) -> Vec<String> {
        let git_dir = self.repo.path();
        let mut found: Vec<String> = ["index.lock", "HEAD.lock", "config.lock"]
            .into_iter()
            .filter(|name| git_dir.join(name).exists())
            .map(|name| format!(".git/{name}"))
            .collect();
        if let Ok(entries) = std::fs::read_dir(git_dir.join("refs/heads")) {
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                if name.ends_with(".lock") {
                    found.push(format!(".git/refs/heads/{name}"));
                }
            }
        }
        found
    }

    /// The edited paths that are exactly as before the newest commit that changed them: a
    /// change committed whose files were not all written (the process died between the
    /// commit and the writes). Their content is in the journal.
    pub fn interrupted(&self, edited: &[Edited]) -> Result<Vec<String>> {
        let Some(head) = self.head() else {
            return Ok(Vec::new());
        };
        let head = self
            .repo
            .find_commit(head)
            .map_err(git_error("read the last commit"))?;
        let workdir = self
            .repo
            .workdir()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let mut interrupted = Vec::new();
        for edit in edited {
            if is_link(&workdir.join(&edit.path)) {
                continue;
            }
            let on_disk = match std::fs::read(workdir.join(&edit.path)) {
                Ok(bytes) => Some(
                    Oid::hash_object(git2::ObjectType::Blob, &bytes)
                        .map_err(git_error(format!("hash {}", edit.path)))?,
                ),
                Err(_) => None,
            };
            if self.is_before_last_change(&head, &edit.path, on_disk) {
                interrupted.push(edit.path.clone());
            }
        }
        Ok(interrupted)
    }

    /// Whether `on_disk` is `path` as it was before the newest of the last
    /// [`RECENT_ENTRIES`] commits that changed it (and so not as it is now).
    fn is_before_last_change(&self, head: &git2::Commit, path: &str, on_disk: Option<Oid>) -> bool {
        let blob_at = |commit: &git2::Commit| {
            commit
                .tree()
                .ok()
                .and_then(|tree| tree.get_path(Path::new(path)).ok().map(|e| e.id()))
        };
        let now = blob_at(head);
        if on_disk == now {
            return false;
        }
        let mut commit = head.clone();
        for _ in 0..RECENT_ENTRIES {
            let Ok(parent) = commit.parent(0) else {
                return false;
            };
            let before = blob_at(&parent);
            if before != blob_at(&commit) {
                return on_disk == before;
            }
            commit = parent;
        }
        false
    }

    /// The paths changed by the last [`RECENT_ENTRIES`] commits whose files differ from
    /// the journal: where an interrupted change would show. Tree diffs only: the cost is
    /// that of the changes, not of the register.
    pub fn recently_changed_and_edited(&self) -> Result<Vec<Edited>> {
        let Some(head) = self.head() else {
            return Ok(Vec::new());
        };
        let workdir = self
            .repo
            .workdir()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let mut commit = self
            .repo
            .find_commit(head)
            .map_err(git_error("read the last commit"))?;
        let mut paths = std::collections::BTreeSet::new();
        for _ in 0..RECENT_ENTRIES {
            let Ok(parent) = commit.parent(0) else {
                break;
            };
            // Only the tool's changes of incidents (with an `Incident:` trailer) write files
            // after committing them; other commits are not searched (nor diffed: a
            // commit that imported a register holds every file of it).
            let of_incident = parse_trailers(commit.message().unwrap_or_default())
                .iter()
                .any(|(key, _)| key == "Incident");
            if !of_incident {
                commit = parent;
                continue;
            }
            let (Ok(now), Ok(before)) = (commit.tree(), parent.tree()) else {
                break;
            };
            let mut changed = Vec::new();
            let limit = MAX_FILES_OF_A_CHANGE;
            self.compare_trees(Some(&before), Some(&now), "", None, limit, &mut changed)?;
            // A change of the tool touches one incident's few files; a commit of many (the
            // adoption of a folder, an import) is not one that a kill interrupts midway.
            if changed.len() > MAX_FILES_OF_A_CHANGE {
                commit = parent;
                continue;
            }
            paths.extend(changed);
            commit = parent;
        }
        let mut edited = Vec::new();
        for path in paths {
            if is_link(&workdir.join(&path)) {
                continue;
            }
            let committed = self.committed_bytes(&path)?;
            let on_disk = std::fs::read(workdir.join(&path)).ok();
            if committed != on_disk {
                edited.push(Edited {
                    deleted: on_disk.is_none(),
                    path,
                });
            }
        }
        Ok(edited)
    }

    /// The paths that differ between commit `since` and the last commit, down to an
    /// incident's folder (`incidents/YYYY/ID`, which stands for any change inside it), or
    /// `None` when `since` is no longer in the repository. Subtrees with the same id are
    /// skipped, so the cost is that of the changes: libgit2's tree-to-tree diff walks every
    /// entry (0.5 s and 130 MB at 100,000 incidents, for one change).
    pub fn changed_since(&self, since: &str) -> Result<Option<Vec<String>>> {
        let Ok(since) = Oid::from_str(since) else {
            return Ok(None);
        };
        let Ok(old) = self.repo.find_commit(since).and_then(|c| c.tree()) else {
            return Ok(None);
        };
        let Some(new) = self.head_tree()? else {
            return Ok(None);
        };
        let mut changed = Vec::new();
        self.compare_trees(
            Some(&old),
            Some(&new),
            "",
            Some(2),
            usize::MAX,
            &mut changed,
        )?;
        Ok(Some(changed))
    }

    /// Adds to `changed` the entries that differ between two versions of folder `prefix`,
    /// looking inside differing folders until `max_depth` (folders below the root; `None`:
    /// down to the files). Subtrees with the same id are skipped; it stops once `changed`
    /// holds more than `limit` paths.
    fn compare_trees(
        &self,
        old: Option<&git2::Tree>,
        new: Option<&git2::Tree>,
        prefix: &str,
        max_depth: Option<usize>,
        limit: usize,
        changed: &mut Vec<String>,
    ) -> Result<()> {
        if old.map(|t| t.id()) == new.map(|t| t.id()) || changed.len() > limit {
            return Ok(());
        }
        let entries = |tree: Option<&git2::Tree>| -> BTreeMap<String, (Oid, bool)> {
            tree.map(|tree| {
                tree.iter()
                    .filter_map(|e| {
                        let is_tree = e.kind() == Some(git2::ObjectType::Tree);
                        Some((e.name().ok()?.to_string(), (e.id(), is_tree)))
                    })
                    .collect()
            })
            .unwrap_or_default()
        };
        let (before, after) = (entries(old), entries(new));
        let depth = if prefix.is_empty() {
            0
        } else {
            prefix.matches('/').count() + 1
        };
        let names: std::collections::BTreeSet<&String> =
            before.keys().chain(after.keys()).collect();
        for name in names {
            let (was, is) = (before.get(name), after.get(name));
            if was.map(|e| e.0) == is.map(|e| e.0) {
                continue;
            }
            let path = if prefix.is_empty() {
                name.clone()
            } else {
                format!("{prefix}/{name}")
            };
            let subtree = |entry: Option<&(Oid, bool)>| -> Result<Option<git2::Tree<'_>>> {
                match entry {
                    Some((id, true)) => self
                        .repo
                        .find_tree(*id)
                        .map(Some)
                        .map_err(git_error(format!("read {path}"))),
                    _ => Ok(None),
                }
            };
            let is_folder = was.is_some_and(|e| e.1) || is.is_some_and(|e| e.1);
            let is_file = was.is_some_and(|e| !e.1) || is.is_some_and(|e| !e.1);
            if is_folder && max_depth.is_none_or(|max| depth < max) {
                let (was_tree, is_tree) = (subtree(was)?, subtree(is)?);
                self.compare_trees(
                    was_tree.as_ref(),
                    is_tree.as_ref(),
                    &path,
                    max_depth,
                    limit,
                    changed,
                )?;
                if is_file {
                    changed.push(path);
                }
            } else {
                changed.push(path);
            }
        }
        Ok(())
    }

    /// The names in folder `folder` ("" for the root) of the last commit.
    pub fn committed_names(&self, folder: &str) -> Result<Vec<String>> {
        let Some(tree) = self.head_tree()? else {
            return Ok(Vec::new());
        };
        let subtree = if folder.is_empty() {
            Some(tree)
        } else {
            tree.get_path(Path::new(folder))
                .ok()
                .and_then(|entry| self.repo.find_tree(entry.id()).ok())
        };
        Ok(subtree
            .map(|t| {
                t.iter()
                    .filter_map(|e| e.name().ok().map(String::from))
                    .collect()
            })
            .unwrap_or_default())
    }

    /// The tree of the last commit; `None` before the first.
    fn head_tree(&self) -> Result<Option<git2::Tree<'_>>> {
        let Some(head) = self.head() else {
            return Ok(None);
        };
        self.repo
            .find_commit(head)
            .and_then(|c| c.tree())
            .map(Some)
            .map_err(git_error("read the last commit's tree"))
    }

    /// Whether Git ignores `path` (the register's .gitignore: drafts, editor leftovers).
    pub fn is_ignored(&self, path: &str) -> bool {
        self.repo.is_path_ignored(Path::new(path)).unwrap_or(false)
    }

    /// Whether the last commit holds `path` (a file or a folder).
    pub fn is_committed(&self, path: &str) -> Result<bool> {
        Ok(self
            .head_tree()?
            .is_some_and(|tree| tree.get_path(Path::new(path)).is_ok()))
    }

    /// The bytes of `path` in the last commit, or `None` when it holds no such file.
    pub fn committed_bytes(&self, path: &str) -> Result<Option<Vec<u8>>> {
        let Some(tree) = self.head_tree()? else {
            return Ok(None);
        };
        let Ok(entry) = tree.get_path(Path::new(path)) else {
            return Ok(None);
        };
        let blob = self
            .repo
            .find_blob(entry.id())
            .map_err(git_error(format!("read {path} from the journal")))?;
        Ok(Some(blob.content().to_vec()))
    }

    /// The journal of one folder (`incidents/YYYY/ID`): every commit that changed it,
    /// oldest first.
    pub fn history(&self, folder: &str, incident: &str) -> Result<Vec<HistoryEntry>> {
        let repo = &self.repo;
        let Some(head) = self.head() else {
            return Ok(Vec::new());
        };
        let mut walk = repo.revwalk().map_err(git_error("walk the history"))?;
        walk.set_sorting(Sort::TOPOLOGICAL | Sort::REVERSE)
            .map_err(git_error("walk the history"))?;
        walk.push(head).map_err(git_error("walk the history"))?;
        let folder_path = Path::new(folder);
        let entry_at = |commit: &git2::Commit| {
            commit
                .tree()
                .ok()
                .and_then(|t| t.get_path(folder_path).ok())
                .map(|e| e.id())
        };
        let mut entries = Vec::new();
        for oid in walk {
            let oid = oid.map_err(git_error("walk the history"))?;
            let commit = repo.find_commit(oid).map_err(git_error("read a commit"))?;
            let message = commit.message().unwrap_or("");
            let trailers = parse_trailers(message);
            // Every commit this tool makes names the incidents it touches; reading the
            // message is far cheaper than comparing trees. Commits made otherwise (by git
            // itself) are compared tree by tree.
            let named: Vec<&str> = trailers
                .iter()
                .filter(|(k, _)| k == "Incident")
                .map(|(_, v)| v.as_str())
                .collect();
            if !named.is_empty() && !named.contains(&incident) {
                continue;
            }
            let here = entry_at(&commit);
            let before = commit.parent(0).ok().and_then(|parent| entry_at(&parent));
            if here == before {
                continue;
            }
            let files = self.changed_files(here, before)?;
            let author = commit.author();
            let offset = FixedOffset::east_opt(author.when().offset_minutes() * 60)
                .unwrap_or(FixedOffset::east_opt(0).expect("zero offset"));
            let time = offset
                .timestamp_opt(author.when().seconds(), 0)
                .single()
                .unwrap_or_default();
            entries.push(HistoryEntry {
                commit: oid.to_string(),
                time,
                author: author.name().unwrap_or("").to_string(),
                email: author.email().unwrap_or("").to_string(),
                subject: message.lines().next().unwrap_or("").to_string(),
                trailers,
                files,
            });
        }
        Ok(entries)
    }

    fn changed_files(
        &self,
        here: Option<Oid>,
        before: Option<Oid>,
    ) -> Result<Vec<(String, &'static str)>> {
        let list = |oid: Option<Oid>| -> Result<Vec<(String, Oid)>> {
            let Some(oid) = oid else {
                return Ok(Vec::new());
            };
            let tree = self
                .repo
                .find_tree(oid)
                .map_err(git_error("read a folder"))?;
            Ok(tree
                .iter()
                .map(|e| (e.name().unwrap_or("").to_string(), e.id()))
                .collect())
        };
        let now = list(here)?;
        let then = list(before)?;
        let mut files = Vec::new();
        for (name, id) in &now {
            match then.iter().find(|(n, _)| n == name) {
                None => files.push((name.clone(), "added")),
                Some((_, old)) if old != id => files.push((name.clone(), "changed")),
                Some(_) => {}
            }
        }
        for (name, _) in &then {
            if !now.iter().any(|(n, _)| n == name) {
                files.push((name.clone(), "removed"));
            }
        }
        Ok(files)
    }
}

/// How far back an interrupted change is looked for: the entries since it was made.
const RECENT_ENTRIES: usize = 20;
/// Commits that touch more files than this are not searched for interrupted writes.
const MAX_FILES_OF_A_CHANGE: usize = 100;

/// Whether `path` is a symbolic link: never read or written through.
pub fn is_link(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// A temporary file of an atomic write (`.<name>.<pid>.tmp`): never an edit by hand, never
/// recorded; one left behind by a process that died is removed by the next change.
pub fn is_temporary(name: &str) -> bool {
    name.starts_with('.') && name.ends_with(".tmp")
}

/// The files at `relative` (a file, or every file in a folder and its subfolders), as
/// paths relative to `workdir` with `/`; nothing when it does not exist.
fn collect_files(workdir: &Path, relative: &str, found: &mut Vec<String>) -> Result<()> {
    let full = workdir.join(relative);
    let Ok(metadata) = std::fs::symlink_metadata(&full) else {
        return Ok(());
    };
    if metadata.file_type().is_symlink() {
        // Never followed: the register reports it as a problem of its own.
        return Ok(());
    }
    if !metadata.is_dir() {
        found.push(relative.to_string());
        return Ok(());
    }
    let entries = std::fs::read_dir(&full).map_err(|source| Error::Io {
        action: "read the folder",
        path: full.clone(),
        source,
    })?;
    for entry in entries {
        let entry = entry.map_err(|source| Error::Io {
            action: "read the folder",
            path: full.clone(),
            source,
        })?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !is_temporary(&name) {
            collect_files(workdir, &format!("{relative}/{name}"), found)?;
        }
    }
    Ok(())
}

/// Trailers of a commit message: `Key: value` lines of its last paragraph.
pub fn parse_trailers(message: &str) -> Vec<(String, String)> {
    let last = message.trim_end().rsplit("\n\n").next().unwrap_or("");
    if !message.trim_end().contains("\n\n") {
        return Vec::new();
    }
    last.lines()
        .filter_map(|line| {
            let (key, value) = line.split_once(": ")?;
            let is_token =
                !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
            is_token.then(|| (key.to_string(), value.trim().to_string()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_render_with_trailers_and_parse_back() {
        let message = Message {
            subject: "2026-0001: reported".into(),
            body: Some("Misdirected e-mail".into()),
            trailers: vec![
                ("Incident".into(), "2026-0001".into()),
                ("Step".into(), "A".into()),
            ],
        };
        let text = message.render();
        assert_eq!(
            text,
            "2026-0001: reported\n\nMisdirected e-mail\n\nIncident: 2026-0001\nStep: A\n"
        );
        assert_eq!(parse_trailers(&text), message.trailers);
        assert_eq!(parse_trailers("subject only\n"), vec![]);
    }

    #[test]
    fn authors_parse_from_name_and_email() {
        assert_eq!(
            Author::parse("Ada Lovelace <ada@example.org>"),
            Some(Author {
                name: "Ada Lovelace".into(),
                email: "ada@example.org".into()
            })
        );
        assert_eq!(Author::parse("no email"), None);
        assert_eq!(Author::parse("<a@b>"), None);
    }
}
