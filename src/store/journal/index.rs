//! Git's index, shared with the people who run git in the register. A change holds Git's
//! own lock on it (`.git/index.lock`, which every git command that writes the index or
//! commits takes) from before its commit until its files are written and the index is
//! updated: a person's `git commit -a` meanwhile waits or fails instead of committing the
//! files as they were before the change, over it.
//!
//! The index is read when the lock is taken, before anything is committed, and refused
//! there when it cannot be updated (a split or sparse index, an unknown format): a change
//! never commits and then fails on the index. Once the files are written, the touched
//! paths are spliced into it (`index_file`), and the new index is written under another
//! name (`.git/index.incident`), flushed to disk (fsync), renamed over the index while the
//! lock is still held, and the folder flushed; then the lock is let go. The lock file holds
//! a marker: one left by a killed run of this tool (found under the register lock, so no
//! other run holds it) is removed; one of git's is waited for, then named.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use git2::{Index, ObjectType, Oid};

use super::commit::PathChange;
use super::index_file::{IndexFile, NewEntry, Renew, Renewed, Update};
use super::{Journal, git_error};
use crate::error::{Error, GitBlocker, Result};

const LOCK: &str = "index.lock";
/// Where the new index is written before it replaces the index.
const STAGING: &str = "index.incident";
/// The index a change replaced, kept to be overwritten by the next change: replacing a
/// large index then frees no blocks and writes into blocks already there (at 100,000
/// incidents, 39 MB: freeing it took about as long as writing it).
const SPARE: &str = "index.incident-spare";
/// The replaced index's second name, until it becomes the spare.
const PREVIOUS: &str = "index.incident-previous";
/// The first bytes of a lock file this tool made.
const MARKER: &str = "incident: held by the register's change of pid ";
const POLL: Duration = Duration::from_millis(20);

/// Git's lock on the index, held by this process until dropped, with the index as read
/// under it.
pub struct IndexLock {
    path: PathBuf,
    index: Option<ReadIndex>,
}

/// The index as read, and which file it was read from (Git replaces the index by a rename,
/// so the same identity is the same bytes).
pub struct ReadIndex {
    file: IndexFile,
    identity: Identity,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Identity {
    device: u64,
    inode: u64,
    size: u64,
    modified: Option<std::time::SystemTime>,
}

impl Identity {
    fn of(path: &Path) -> Option<Identity> {
        let metadata = std::fs::metadata(path).ok()?;
        #[cfg(unix)]
        let (device, inode) = {
            use std::os::unix::fs::MetadataExt;
            (metadata.dev(), metadata.ino())
        };
        #[cfg(not(unix))]
        let (device, inode) = (0, 0);
        Some(Identity {
            device,
            inode,
            size: metadata.len(),
            modified: metadata.modified().ok(),
        })
    }
}

impl IndexLock {
    /// Lets go of the lock and keeps the index as read, for a later [`Journal::lock_index`]
    /// to use again when the index is still the same file.
    pub fn release(mut self) -> Option<ReadIndex> {
        self.index.take()
    }
}

impl Drop for IndexLock {
    fn drop(&mut self) {
        // Only our own file: if something replaced it, it is not ours to remove.
        if is_ours(&self.path) {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

fn is_ours(lock: &Path) -> bool {
    std::fs::read(lock).is_ok_and(|bytes| bytes.starts_with(MARKER.as_bytes()))
}

impl Journal {
    /// Takes Git's lock on the index, waiting up to `wait` for a git command that holds
    /// it. To be called under the register lock: a lock file of this tool's found then was
    /// left by a run that was killed, and is removed.
    pub fn lock_index(&self, wait: Duration) -> Result<IndexLock> {
        self.lock_index_again(wait, None)
    }

    /// [`Journal::lock_index`], using `earlier` (the index as read under an earlier lock)
    /// when the index is still the same file: a change reads Git's index once.
    pub fn lock_index_again(
        &self,
        wait: Duration,
        earlier: Option<ReadIndex>,
    ) -> Result<IndexLock> {
        let mut lock = self.take_index_lock(wait)?;
        let index_path = self.repo.path().join("index");
        let identity = Identity::of(&index_path);
        lock.index = match (earlier, identity) {
            (Some(read), Some(now)) if read.identity == now => Some(read),
            (_, Some(identity)) => Some(read_index(&index_path, identity)?),
            (_, None) => None,
        };
        Ok(lock)
    }

    fn take_index_lock(&self, wait: Duration) -> Result<IndexLock> {
        let git_dir = self.repo.path();
        let path = git_dir.join(LOCK);
        let started = Instant::now();
        loop {
            match OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(mut file) => {
                    let marker = format!("{MARKER}{}\n", std::process::id());
                    file.write_all(marker.as_bytes())
                        .map_err(|source| Error::Io {
                            action: "write",
                            path: path.clone(),
                            source,
                        })?;
                    // What a killed change left of its new index (libgit2's lock on it
                    // too) is ours to remove while we hold the index.
                    for leftover in [STAGING.to_string(), format!("{STAGING}.lock")] {
                        let _ = std::fs::remove_file(git_dir.join(leftover));
                    }
                    return Ok(IndexLock { path, index: None });
                }
                Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
                    if is_ours(&path) {
                        std::fs::remove_file(&path).map_err(|source| Error::Io {
                            action: "remove the lock a killed change left,",
                            path: path.clone(),
                            source,
                        })?;
                    } else if started.elapsed() < wait {
                        std::thread::sleep(POLL);
                    } else {
                        return Err(Error::GitState {
                            blocker: GitBlocker::Locked {
                                path: format!(".git/{LOCK}"),
                            },
                        });
                    }
                }
                Err(source) => {
                    return Err(Error::Io {
                        action: "create",
                        path,
                        source,
                    });
                }
            }
        }
    }

    /// Brings the index in line with the commit for the touched paths only, once the files
    /// are written, under Git's lock on the index: each written path gets the entry
    /// `git add` would give it (its stat data and the hash of its bytes in the work tree),
    /// each deleted one loses its entries.
    pub fn update_index(&self, lock: &IndexLock, changes: &[PathChange]) -> Result<()> {
        let git_dir = self.repo.path();
        let (index_path, staging) = (git_dir.join("index"), git_dir.join(STAGING));
        let Some(read) = &lock.index else {
            return self.create_index(changes);
        };
        let root = self.repo.workdir().unwrap_or(git_dir).to_path_buf();
        let updates = changes
            .iter()
            .map(|change| match change {
                PathChange::Write { path, .. } => entry_of(&root, path).map(Update::Put),
                PathChange::Delete { path } => Ok(Update::Remove(path.clone())),
            })
            .collect::<Result<Vec<_>>>()?;
        let (version, skip_hash) = self.index_settings();
        // The cache tree keeps its ids where the last commit says what they become.
        let trees = self.last_commit_trees();
        let renew = |folder: &[u8], old: &[u8], children: &[&[u8]]| {
            renewed(&self.repo, trees.as_ref()?, folder, old, children)
        };
        let committed_as_written =
            updates
                .iter()
                .zip(changes)
                .all(|(update, change)| match (update, change) {
                    (Update::Put(entry), PathChange::Write { bytes, .. }) => {
                        Oid::hash_object(ObjectType::Blob, bytes)
                            .is_ok_and(|oid| oid.as_bytes() == entry.oid)
                    }
                    _ => true,
                });
        let renew: Option<Renew<'_>> = committed_as_written.then_some(&renew);
        let spare = git_dir.join(SPARE);
        let in_place = is_another_file(&spare, &index_path);
        let target = if in_place { spare.clone() } else { staging };
        write_flushed(&target, in_place, |file| {
            read.file
                .write_updated(&updates, version, skip_hash, renew, file)
        })?;
        let previous = git_dir.join(PREVIOUS);
        let _ = std::fs::remove_file(&previous);
        let kept = std::fs::hard_link(&index_path, &previous).is_ok();
        // The rename must not reach the disk before the index's bytes do (flushed above),
        // and the rename itself is made durable by flushing the folder.
        std::fs::rename(&target, &index_path)
            .and_then(|()| std::fs::File::open(git_dir)?.sync_all())
            .map_err(|source| Error::Io {
                action: "replace the index with",
                path: target,
                source,
            })?;
        if kept {
            let _ = std::fs::rename(&previous, &spare);
        }
        self.mark_settled();
        Ok(())
    }

    /// The tree id of the whole index as its cache tree holds it, when it holds a valid
    /// one (the index read as a change reads it, checksum included).
    pub fn index_tree_id(&self) -> Option<Oid> {
        let bytes = std::fs::read(self.repo.path().join("index")).ok()?;
        let id = IndexFile::parse(bytes).ok()?.tree_id()?;
        Oid::from_bytes(&id).ok()
    }

    /// The trees of the last commit and of its parent.
    fn last_commit_trees(&self) -> Option<(git2::Tree<'_>, git2::Tree<'_>)> {
        let head = self.repo.find_commit(self.head()?).ok()?;
        let parent = head.parent(0).ok()?;
        Some((head.tree().ok()?, parent.tree().ok()?))
    }

    /// The format and checksum Git would write: `index.version` when set, else format 4
    /// (its path compression makes the index a quarter smaller at 10,000 incidents; Git
    /// reads it since 1.8 and keeps the format when it writes); no checksum when
    /// `index.skipHash` (or `feature.manyFiles`) says so.
    fn index_settings(&self) -> (u32, bool) {
        let config = self.repo.config().ok();
        let get_bool = |key: &str| config.as_ref().and_then(|c| c.get_bool(key).ok());
        let version = config
            .as_ref()
            .and_then(|c| c.get_i32("index.version").ok())
            .and_then(|v| u32::try_from(v).ok())
            .filter(|v| (2..=4).contains(v))
            .unwrap_or(4);
        let skip_hash = get_bool("index.skipHash")
            .or_else(|| get_bool("feature.manyFiles"))
            .unwrap_or(false);
        (version, skip_hash)
    }

    /// No index yet (a repository whose index was deleted): libgit2 makes one from the
    /// last commit with the touched paths as they are now.
    fn create_index(&self, changes: &[PathChange]) -> Result<()> {
        let git_dir = self.repo.path();
        let (index_path, staging) = (git_dir.join("index"), git_dir.join(STAGING));
        let mut index = Index::open(&staging).map_err(git_error("read the index"))?;
        self.repo
            .set_index(&mut index)
            .map_err(git_error("read the index"))?;
        if let Some(tree) = self.head_tree()? {
            index
                .read_tree(&tree)
                .map_err(git_error("read the last commit into the index"))?;
        }
        for change in changes {
            let path = Path::new(change.path());
            match change {
                PathChange::Write { .. } => index.add_path(path),
                PathChange::Delete { .. } => index.remove_path(path),
            }
            .map_err(git_error(format!("update the index for {}", change.path())))?;
        }
        index.write().map_err(git_error("write the index"))?;
        std::fs::File::open(&staging)
            .and_then(|file| file.sync_all())
            .and_then(|()| std::fs::rename(&staging, &index_path))
            .and_then(|()| std::fs::File::open(git_dir)?.sync_all())
            .map_err(|source| Error::Io {
                action: "replace the index with",
                path: staging,
                source,
            })?;
        self.mark_settled();
        Ok(())
    }
}

fn read_index(path: &Path, identity: Identity) -> Result<ReadIndex> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        action: "read",
        path: path.to_path_buf(),
        source,
    })?;
    let file = IndexFile::parse(bytes).map_err(|unusable| Error::GitState {
        blocker: GitBlocker::Index { unusable },
    })?;
    Ok(ReadIndex { file, identity })
}

/// What `git add` records for `path`: its stat data, taken before its bytes are read and
/// hashed (a write after the stat makes Git look at the file again).
pub(super) fn entry_of(root: &Path, path: &str) -> Result<NewEntry> {
    use std::io::Read;
    let full = root.join(path);
    let io_error = |source| Error::Io {
        action: "read",
        path: full.clone(),
        source,
    };
    let mut file = std::fs::File::open(&full).map_err(io_error)?;
    let metadata = file.metadata().map_err(io_error)?;
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    file.read_to_end(&mut bytes).map_err(io_error)?;
    let oid =
        Oid::hash_object(ObjectType::Blob, &bytes).map_err(git_error(format!("hash {path}")))?;
    let mut id = [0u8; 20];
    id.copy_from_slice(oid.as_bytes());
    Ok(NewEntry {
        path: path.to_string(),
        stat: stat_data(&metadata),
        oid: id,
    })
}

/// Git's stat data of a file, each field cut to its low 32 bits as the index stores it.
#[cfg(unix)]
#[expect(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "Git's index keeps the low 32 bits of each field"
)]
fn stat_data(metadata: &std::fs::Metadata) -> [u32; 10] {
    use std::os::unix::fs::MetadataExt;
    let mode = if metadata.mode() & 0o111 != 0 {
        0o100_755
    } else {
        0o100_644
    };
    [
        metadata.ctime() as u32,
        metadata.ctime_nsec() as u32,
        metadata.mtime() as u32,
        metadata.mtime_nsec() as u32,
        metadata.dev() as u32,
        metadata.ino() as u32,
        mode,
        metadata.uid(),
        metadata.gid(),
        metadata.size() as u32,
    ]
}

/// Elsewhere only the mode and size: Git finds the times unequal and compares the bytes.
#[cfg(not(unix))]
#[expect(clippy::cast_possible_truncation, reason = "Git's index keeps 32 bits")]
fn stat_data(metadata: &std::fs::Metadata) -> [u32; 10] {
    [0, 0, 0, 0, 0, 0, 0o100_644, 0, 0, metadata.len() as u32]
}

/// Whether `spare` is a plain file other than `index` (never a second name of the index:
/// writing into it would change the index before its rename).
fn is_another_file(spare: &Path, index: &Path) -> bool {
    let (Ok(spare), Ok(index)) = (std::fs::symlink_metadata(spare), std::fs::metadata(index))
    else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        spare.is_file() && (spare.dev(), spare.ino()) != (index.dev(), index.ino())
    }
    #[cfg(not(unix))]
    {
        let _ = (spare, index);
        false
    }
}

/// Writes the file at `path` with `write` (over its old bytes when `in_place`, else as a
/// new file) and flushes it to disk.
fn write_flushed(
    path: &Path,
    in_place: bool,
    write: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> Result<()> {
    use std::io::Seek;
    if !in_place {
        let _ = std::fs::remove_file(path);
    }
    OpenOptions::new()
        .write(true)
        .create_new(!in_place)
        .open(path)
        .and_then(|mut file| {
            write(&mut file)?;
            let length = file.stream_position()?;
            file.set_len(length)?;
            file.sync_all()
        })
        .map_err(|source| Error::Io {
            action: "write",
            path: path.to_path_buf(),
            source,
        })
}

/// What `folder` ("" or a path with a trailing slash) becomes in the cache tree: the last
/// commit's tree there, when the index's old id for it is the parent commit's (the
/// index's entries there were the parent's, and the change brought them to the commit's;
/// the caller checked that every written file is what the commit holds), with the
/// subfolders among `children` that the commit added or emptied. Otherwise none, and the
/// folder is marked for Git to compute again.
fn renewed(
    repo: &git2::Repository,
    (now, before): &(git2::Tree<'_>, git2::Tree<'_>),
    folder: &[u8],
    old: &[u8],
    children: &[&[u8]],
) -> Option<Renewed> {
    let tree_at = |tree: &git2::Tree<'_>| -> Option<Option<Oid>> {
        let Some(path) = folder.strip_suffix(b"/") else {
            return Some(Some(tree.id()));
        };
        match tree.get_path(Path::new(std::str::from_utf8(path).ok()?)) {
            Ok(entry) if entry.kind() == Some(ObjectType::Tree) => Some(Some(entry.id())),
            Ok(_) => None,
            Err(_) => Some(None),
        }
    };
    let was = tree_at(before)??;
    if was.as_bytes() != old {
        return None;
    }
    let id = tree_at(now)??;
    let (now_tree, before_tree) = (repo.find_tree(id).ok()?, repo.find_tree(was).ok()?);
    let mut renewed = Renewed {
        id: id.as_bytes().try_into().ok()?,
        added: Vec::new(),
        removed: Vec::new(),
    };
    let is_folder = |entry: &git2::TreeEntry<'_>| entry.kind() == Some(ObjectType::Tree);
    for &child in children {
        let name = std::str::from_utf8(child).ok()?;
        let was = before_tree.get_name(name).filter(is_folder);
        let is = now_tree.get_name(name).filter(is_folder);
        match (was, is) {
            (None, Some(entry)) => renewed.added.push(node_of(repo, child, entry.id())?.0),
            (Some(_), None) => renewed.removed.push(child.to_vec()),
            _ => {}
        }
    }
    Some(renewed)
}

/// The whole cache-tree node of the folder `name` holding the tree `id`, with its
/// subfolders' nodes, and the number of entries (files) under it.
fn node_of(repo: &git2::Repository, name: &[u8], id: Oid) -> Option<(Vec<u8>, usize)> {
    let tree = repo.find_tree(id).ok()?;
    let (mut entries, mut folders, mut children) = (0, 0, Vec::new());
    for entry in &tree {
        if entry.kind() == Some(ObjectType::Tree) {
            let (node, count) = node_of(repo, entry.name_bytes(), entry.id())?;
            children.extend_from_slice(&node);
            entries += count;
            folders += 1;
        } else {
            entries += 1;
        }
    }
    let mut node = name.to_vec();
    node.push(0);
    node.extend_from_slice(format!("{entries} {folders}\n").as_bytes());
    node.extend_from_slice(id.as_bytes());
    node.extend_from_slice(&children);
    Some((node, entries))
}
