//! Git's cache tree (the index's `TREE` extension): the tree ids of the index's folders,
//! so that a commit need not hash every folder again. A folder whose entries change is
//! marked invalid, as `git add` marks it, or given its new tree id, entry count and
//! subfolders when the caller knows them (the folder as the change's commit holds it).
//!
//! Each node is `name NUL entries SP subtrees LF [id]`, then its subfolders' nodes; Git
//! and libgit2 read the subfolders in any order, so a new one is written after the others.

use std::collections::{HashMap, HashSet};

use super::{HASH, Update};

/// What a touched folder becomes, from the caller who knows the commit.
pub struct Renewed {
    pub id: [u8; HASH],
    /// Whole nodes of subfolders the change created, each with its own subfolders.
    pub added: Vec<Vec<u8>>,
    /// Names of subfolders the change emptied.
    pub removed: Vec<Vec<u8>>,
}

/// Renews a touched folder (its path with a trailing slash, "" for the root) from its old
/// id and the names of its subfolders the change touched; `None` marks it invalid.
pub type Renew<'a> = &'a dyn Fn(&[u8], &[u8], &[&[u8]]) -> Option<Renewed>;

/// The folders on the touched paths, with their trailing slash ("" is the root), each
/// with the change in its number of entries and the names of its touched subfolders.
pub(super) struct Touched<'p> {
    folders: HashMap<Vec<u8>, (i64, Vec<&'p [u8]>)>,
}

impl<'p> Touched<'p> {
    /// `existed` tells whether a path had an entry before.
    pub(super) fn of(updates: &[&'p Update], existed: &HashSet<&[u8]>) -> Touched<'p> {
        let mut folders: HashMap<Vec<u8>, (i64, Vec<&'p [u8]>)> = HashMap::new();
        for update in updates {
            let path = update.path();
            let delta = match (update, existed.contains(path)) {
                (Update::Put(_), false) => 1,
                (Update::Remove(_), true) => -1,
                _ => 0,
            };
            let mut start = 0;
            loop {
                let folder = path[..start].to_vec();
                let rest = &path[start..];
                let next = rest.iter().position(|&b| b == b'/');
                let entry = folders.entry(folder).or_default();
                entry.0 += delta;
                let Some(slash) = next else { break };
                let child = &rest[..slash];
                if !entry.1.contains(&child) {
                    entry.1.push(child);
                }
                start += slash + 1;
            }
        }
        Touched { folders }
    }
}

/// An open node while the tree is read.
struct Open {
    /// The length of the path prefix before this node's name.
    parent_length: usize,
    /// Subfolders still to come, as the old tree says.
    remaining: usize,
    /// Whether this node is written (not inside an emptied subfolder).
    written: bool,
    /// Nodes to write once its old subfolders are done.
    append: Vec<Vec<u8>>,
    /// Subfolders to leave out.
    removed: Vec<Vec<u8>>,
}

/// The cache tree with every node on a touched path renewed by `renew` or marked invalid
/// (an entry count of -1 and no object id, so that Git computes that tree again); `None`
/// when it cannot be read (it is optional: Git then builds it again).
pub(super) fn updated_tree(
    data: &[u8],
    touched: &Touched<'_>,
    renew: Option<Renew<'_>>,
) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len());
    let mut offset = 0;
    let mut stack: Vec<Open> = Vec::new();
    let mut prefix: Vec<u8> = Vec::new();
    let close = |stack: &mut Vec<Open>, prefix: &mut Vec<u8>, out: &mut Vec<u8>| {
        if let Some(node) = stack.pop() {
            prefix.truncate(node.parent_length);
            if node.written {
                for appended in node.append {
                    out.extend_from_slice(&appended);
                }
            }
        }
    };
    while offset < data.len() {
        while stack.last().is_some_and(|node| node.remaining == 0) {
            close(&mut stack, &mut prefix, &mut out);
        }
        let name_end = offset + data[offset..].iter().position(|&b| b == 0)?;
        let line_end = name_end + data[name_end..].iter().position(|&b| b == b'\n')?;
        let line = std::str::from_utf8(&data[name_end + 1..line_end]).ok()?;
        let (entries, subtrees) = line.split_once(' ')?;
        let entries: i64 = entries.parse().ok()?;
        let subtrees: usize = subtrees.parse().ok()?;
        let end = line_end + 1 + if entries >= 0 { HASH } else { 0 };
        if end > data.len() {
            return None;
        }
        let name = &data[offset..name_end];
        let written = match stack.last_mut() {
            Some(parent) => {
                parent.remaining = parent.remaining.checked_sub(1)?;
                // A node the caller thought new is there already: the tree is not what
                // the caller was told, and is left out whole (Git builds it again).
                if parent
                    .append
                    .iter()
                    .any(|node| node.split(|&b| b == 0).next() == Some(name))
                {
                    return None;
                }
                parent.written && !parent.removed.iter().any(|r| r.as_slice() == name)
            }
            None => true,
        };
        let parent_length = prefix.len();
        if !stack.is_empty() {
            prefix.extend_from_slice(name);
            prefix.push(b'/');
        }
        let mut node = Open {
            parent_length,
            remaining: subtrees,
            written,
            append: Vec::new(),
            removed: Vec::new(),
        };
        match touched.folders.get(&prefix) {
            Some((delta, children)) if entries >= 0 && written => {
                let old = &data[line_end + 1..end];
                let renewed = renew.and_then(|renew| renew(&prefix, old, children));
                match renewed {
                    Some(renewed) => {
                        let count = entries + delta;
                        let folders =
                            (subtrees + renewed.added.len()).checked_sub(renewed.removed.len())?;
                        out.extend_from_slice(name);
                        out.push(0);
                        out.extend_from_slice(format!("{count} {folders}\n").as_bytes());
                        out.extend_from_slice(&renewed.id);
                        node.append = renewed.added;
                        node.removed = renewed.removed;
                    }
                    None => {
                        out.extend_from_slice(&data[offset..=name_end]);
                        out.extend_from_slice(format!("-1 {subtrees}\n").as_bytes());
                    }
                }
            }
            _ if written => out.extend_from_slice(&data[offset..end]),
            _ => {}
        }
        stack.push(node);
        offset = end;
    }
    while !stack.is_empty() {
        close(&mut stack, &mut prefix, &mut out);
    }
    Some(out)
}

/// The root's tree id when the cache tree holds a valid one.
pub(super) fn root_id(data: &[u8]) -> Option<[u8; HASH]> {
    let name_end = data.iter().position(|&b| b == 0)?;
    let line_end = name_end + data[name_end..].iter().position(|&b| b == b'\n')?;
    let line = std::str::from_utf8(&data[name_end + 1..line_end]).ok()?;
    let entries: i64 = line.split_once(' ')?.0.parse().ok()?;
    if name_end != 0 || entries < 0 {
        return None;
    }
    data.get(line_end + 1..line_end + 1 + HASH)?.try_into().ok()
}
