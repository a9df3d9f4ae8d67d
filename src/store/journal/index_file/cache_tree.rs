//! Git's cache tree (the index's `TREE` extension): the tree ids of the index's folders,
//! so that a commit need not hash every folder again. A folder whose entries change is
//! marked invalid, as `git add` marks it, or given its new tree id when the caller knows
//! it (the folder as the change's commit holds it).

use std::collections::HashSet;

use super::{HASH, Update};

/// Every folder on a touched path, with its trailing slash; the root is "".
pub(super) fn touched_folders(updates: &[&Update]) -> HashSet<Vec<u8>> {
    let mut folders = HashSet::new();
    folders.insert(Vec::new());
    for update in updates {
        let path = update.path();
        for (i, &byte) in path.iter().enumerate() {
            if byte == b'/' {
                folders.insert(path[..=i].to_vec());
            }
        }
    }
    folders
}

/// Gives a touched folder (its path with a trailing slash, "" for the root) its new tree
/// id from its old one, or `None` to mark it invalid.
pub type Renew<'a> = &'a dyn Fn(&[u8], &[u8]) -> Option<[u8; HASH]>;

/// The cache tree with every node on a touched path renewed by `renew` or marked invalid
/// (an entry count of -1 and no object id, so that Git computes that tree again); `None`
/// when it cannot be read (it is optional: Git then builds it again).
pub(super) fn updated_tree(
    data: &[u8],
    touched: &HashSet<Vec<u8>>,
    renew: Option<Renew<'_>>,
) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len());
    let mut offset = 0;
    // Per open node: the length of its path prefix and the subtrees still to come.
    let mut stack: Vec<(usize, usize)> = Vec::new();
    let mut prefix: Vec<u8> = Vec::new();
    while offset < data.len() {
        while let Some(&(length, 0)) = stack.last() {
            stack.pop();
            prefix.truncate(length);
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
        if let Some(parent) = stack.last_mut() {
            parent.1 -= 1;
        }
        let length = prefix.len();
        if !stack.is_empty() || length > 0 {
            prefix.extend_from_slice(&data[offset..name_end]);
            prefix.push(b'/');
        }
        if entries >= 0 && touched.contains(&prefix) {
            let old = &data[line_end + 1..end];
            match renew.and_then(|renew| renew(&prefix, old)) {
                Some(new) => {
                    out.extend_from_slice(&data[offset..=line_end]);
                    out.extend_from_slice(&new);
                }
                None => {
                    out.extend_from_slice(&data[offset..=name_end]);
                    out.extend_from_slice(format!("-1 {subtrees}\n").as_bytes());
                }
            }
        } else {
            out.extend_from_slice(&data[offset..end]);
        }
        stack.push((length, subtrees));
        offset = end;
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
