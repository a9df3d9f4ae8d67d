//! Git's index, shared with the people who run git in the register. A change holds Git's
//! own lock on it (`.git/index.lock`, which every git command that writes the index or
//! commits takes) from before its commit until its files are written and the index is
//! updated: a person's `git commit -a` meanwhile waits or fails instead of committing the
//! files as they were before the change, over it.
//!
//! libgit2 takes that same lock file to write an index, so the new index is written under
//! another name (`.git/index.incident`, a copy), flushed to disk, and renamed over the
//! index while the lock is still held; then the lock is let go. The lock file holds a
//! marker: one left by a killed run of this tool (found under the register lock, so no
//! other run holds it) is removed; one of git's is waited for, then named.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use git2::Index;

use super::commit::PathChange;
use super::{Journal, git_error};
use crate::error::{Error, GitBlocker, Result};

const LOCK: &str = "index.lock";
/// Where the new index is written before it replaces the index.
const STAGING: &str = "index.incident";
/// The first bytes of a lock file this tool made.
const MARKER: &str = "incident: held by the register's change of pid ";
const POLL: Duration = Duration::from_millis(20);

/// Git's lock on the index, held by this process until dropped.
pub struct IndexLock {
    path: PathBuf,
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
                    return Ok(IndexLock { path });
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
    /// are written, under Git's lock on the index.
    pub fn update_index(&self, _lock: &IndexLock, changes: &[PathChange]) -> Result<()> {
        let git_dir = self.repo.path();
        let (index_path, staging) = (git_dir.join("index"), git_dir.join(STAGING));
        if index_path.exists() {
            // A second name for the same file costs nothing; libgit2 writes the new index
            // beside it and renames it over this name, leaving the index itself as it was.
            // Where links are not to be had, a copy.
            std::fs::hard_link(&index_path, &staging)
                .or_else(|_| std::fs::copy(&index_path, &staging).map(|_| ()))
                .map_err(|source| Error::Io {
                    action: "copy the index to",
                    path: staging.clone(),
                    source,
                })?;
        }
        let mut index = Index::open(&staging).map_err(git_error("read the index"))?;
        // Bound to the repository, so that paths are added from the work tree as git does.
        self.repo
            .set_index(&mut index)
            .map_err(git_error("read the index"))?;
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
                PathChange::Write { .. } => index.add_path(path),
                PathChange::Delete { .. } => index.remove_path(path),
            }
            .map_err(git_error(format!("update the index for {}", change.path())))?;
        }
        index.write().map_err(git_error("write the index"))?;
        // libgit2 does not flush the index it writes; the rename below must not reach the
        // disk before the index's bytes do.
        let flushed = std::fs::File::open(&staging)
            .and_then(|file| file.sync_all())
            .and_then(|()| std::fs::rename(&staging, &index_path))
            .and_then(|()| std::fs::File::open(git_dir)?.sync_all());
        flushed.map_err(|source| Error::Io {
            action: "replace the index with",
            path: staging,
            source,
        })?;
        // The repository reads the index from its usual place again.
        let mut index = Index::open(&index_path).map_err(git_error("read the index"))?;
        self.repo
            .set_index(&mut index)
            .map_err(git_error("read the index"))
    }
}
