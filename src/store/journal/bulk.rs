//! The objects of a change of many files (an import of a thousand incidents) written as
//! one pack: written one by one, each loose object is a folder, a file, a rename and a
//! flush to disk (libgit2's fsync, see [`super::flush_git_writes`]), seconds for a
//! thousand-row import; gathered in memory (libgit2's mempack) and written as one pack,
//! they are one file and its index, flushed once. The commit made on their tree after
//! them flushes itself and the branch as every commit does.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;

use git2::{Buf, Repository, build::TreeUpdateBuilder};

use super::{Journal, PathChange, git_error};
use crate::error::{Error, Result};

impl Journal {
    /// Writes the blobs and trees `changes` make on the last commit as one pack. A
    /// repository handle of its own is opened for it: its object store gathers the
    /// objects in memory, the journal's keeps writing as always.
    /// Returns the new tree, for [`Journal::commit_tree`].
    pub fn write_objects_at_once(&self, changes: &[PathChange]) -> Result<git2::Oid> {
        let head = self.head().ok_or_else(|| Error::Git {
            action: "write the objects".into(),
            message: "the journal has no commit yet".into(),
        })?;
        let repo = Repository::open(self.repo.path()).map_err(git_error("open the repository"))?;
        let odb = repo.odb().map_err(git_error("open the object store"))?;
        // Above the loose and packed stores: every object written goes to memory.
        let _mempack = odb
            .add_new_mempack_backend(1000)
            .map_err(git_error("gather the objects in memory"))?;
        let baseline = repo
            .find_commit(head)
            .and_then(|commit| commit.tree())
            .map_err(git_error("read the last commit's tree"))?;
        let mut update = TreeUpdateBuilder::new();
        let mut objects = Vec::new();
        let mut folders = BTreeSet::from([String::new()]);
        for change in changes {
            if let PathChange::Write { path, bytes } = change {
                let blob = repo
                    .blob(bytes)
                    .map_err(git_error(format!("store {path}")))?;
                update.upsert(path.as_str(), blob, git2::FileMode::Blob);
                objects.push(blob);
                let mut folder = path.as_str();
                while let Some((parent, _)) = folder.rsplit_once('/') {
                    folders.insert(parent.to_string());
                    folder = parent;
                }
            }
        }
        let tree = update
            .create_updated(&repo, &baseline)
            .map_err(git_error("build the new tree"))?;
        // The new objects: the blobs and the trees of the folders they are in (mempack's
        // own dump packs only what its commits reach, and there is no commit yet).
        let root = repo
            .find_tree(tree)
            .map_err(git_error("read the new tree"))?;
        objects.push(tree);
        for folder in folders.iter().filter(|f| !f.is_empty()) {
            let entry = root
                .get_path(Path::new(folder))
                .map_err(git_error(format!("read the tree of {folder}")))?;
            objects.push(entry.id());
        }
        let mut builder = repo.packbuilder().map_err(git_error("pack the objects"))?;
        for object in objects {
            builder
                .insert_object(object, None)
                .map_err(git_error("pack the objects"))?;
        }
        let mut pack = Buf::new();
        builder
            .write_buf(&mut pack)
            .map_err(git_error("pack the objects"))?;
        drop(builder);
        let store = self
            .repo
            .odb()
            .map_err(git_error("open the object store"))?;
        let mut writer = store.packwriter().map_err(git_error("write the pack"))?;
        writer.write_all(&pack).map_err(|source| Error::Io {
            action: "write the pack",
            path: self.repo.path().join("objects/pack"),
            source,
        })?;
        writer.commit().map_err(git_error("write the pack"))?;
        // The journal's store looks for packs again, so that it finds the objects there.
        store.refresh().map_err(git_error("read the new pack"))?;
        Ok(tree)
    }
}
