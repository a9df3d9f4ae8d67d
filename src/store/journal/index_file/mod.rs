//! Git's index file (`.git/index`), read and rewritten for a few paths without building an
//! in-memory map of every entry.
//!
//! libgit2 reads every entry into a map, checksums with SHA-1DC and writes every entry
//! again: at 100,000 incidents (462,000 entries, 39 MB) about 440 ms a change, nearly all
//! of it. Here the entries are walked once in their sorted order and copied as bytes; only
//! the touched paths are encoded, together with the entry after each (format 4 stores a
//! path as a difference from the one before). The format is Git's
//! `Documentation/gitformat-index.txt`: formats 2, 3 and 4; of the extensions, the
//! cache tree (`TREE`) is kept with the touched folders invalidated, as `git add` does,
//! and resolve-undo (`REUC`) is kept as it is. The other optional extensions are dropped,
//! as Git allows for any extension whose signature starts with a capital letter: their
//! contents (the untracked cache, the file system monitor's token, entry offsets) describe
//! the old entries, and Git rebuilds them when it is set up to. A mandatory extension (a
//! split index's `link`, a sparse index's `sdir`, or one this code does not know) cannot be
//! kept honestly, so such an index is refused before anything is committed.

mod cache_tree;
mod checksum;
mod varint;

use std::collections::HashSet;

use sha1::Sha1;

pub use cache_tree::{Renew, Renewed};
use cache_tree::{Touched, root_id, updated_tree};
use checksum::{checksum_of, checksum_states};
use varint::{read_varint, write_varint};

use crate::error::IndexDamage;
pub use crate::error::IndexProblem as Unusable;

const SIGNATURE: &[u8; 4] = b"DIRC";
const HEADER: usize = 12;
pub(super) const HASH: usize = 20;
/// ctime, mtime (seconds and nanoseconds), dev, ino, mode, uid, gid, size, the object id
/// and the flags: the fixed part of every entry.
const FIXED: usize = 40 + HASH + 2;
const EXTENDED_FLAG: u16 = 0x4000;
const NAME_MASK: u16 = 0x0FFF;
/// The checksum's state is kept every this many bytes while the index is verified, so
/// that the new index's checksum starts from the last one before its first changed byte.
const CHECKPOINT: usize = 1 << 20;
/// Every this many entries the path is kept, so that a rewrite finds a touched path by a
/// binary search and copies the entries before it as they lie, without decoding them.
const MARK_EVERY: usize = 64;

/// One path's new entry: what `git add` would record for the file as it is now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEntry {
    pub path: String,
    /// ctime s, ctime ns, mtime s, mtime ns, dev, ino, mode, uid, gid, size: Git's stat
    /// data, each cut to 32 bits as Git stores them.
    pub stat: [u32; 10],
    pub oid: [u8; HASH],
}

/// A change of one path in the index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Update {
    Put(NewEntry),
    Remove(String),
}

impl Update {
    fn path(&self) -> &[u8] {
        match self {
            Update::Put(entry) => entry.path.as_bytes(),
            Update::Remove(path) => path.as_bytes(),
        }
    }
}

/// An index as read, checked to be one this code can rewrite.
pub struct IndexFile {
    bytes: Vec<u8>,
    version: u32,
    /// Where the entries end and the extensions begin.
    entries_end: usize,
    /// Signature and byte range (header included) of each extension.
    extensions: Vec<([u8; 4], std::ops::Range<usize>)>,
    /// The checksum's state at every [`CHECKPOINT`] bytes; empty when the index has no
    /// checksum (`index.skipHash`).
    checkpoints: Vec<Sha1>,
    marks: Vec<Mark>,
}

/// An entry's offset, its path and the path before it (format 4 encodes one by the other).
struct Mark {
    offset: usize,
    path: Vec<u8>,
    previous: Vec<u8>,
}

/// A part of the new index: bytes of the old one as they lie, or new bytes.
enum Piece {
    Old(std::ops::Range<usize>),
    New(Vec<u8>),
}

/// One entry as it lies in the file.
struct Raw {
    start: usize,
    end: usize,
    flags: u16,
    extended: Option<u16>,
}

impl IndexFile {
    /// Reads the structure of `bytes` and verifies its checksum; refuses an index this
    /// code could not rewrite without losing something Git relies on.
    pub fn parse(bytes: Vec<u8>) -> Result<IndexFile, Unusable> {
        if bytes.len() < HEADER + HASH || &bytes[..4] != SIGNATURE {
            return Err(Unusable::Damaged(IndexDamage::NotAnIndex));
        }
        let version = be32(&bytes, 4);
        if !(2..=4).contains(&version) {
            return Err(Unusable::Version(version));
        }
        let count = be32(&bytes, 8);
        let trailer = bytes.len() - HASH;
        let mut file = IndexFile {
            bytes,
            version,
            entries_end: HEADER,
            extensions: Vec::new(),
            checkpoints: Vec::new(),
            marks: Vec::new(),
        };
        // The checksum is verified on the other core while the entries are walked.
        let (walked, checkpoints) = std::thread::scope(|scope| {
            let hashing = scope.spawn(|| checksum_states(&file.bytes, trailer));
            (file.walk_entries(count, trailer), hashing.join())
        });
        let (entries_end, marks) = walked?;
        file.entries_end = entries_end;
        file.marks = marks;
        file.checkpoints = checkpoints.map_err(|_| Unusable::Damaged(IndexDamage::Checksum))??;
        let mut offset = entries_end;
        while offset < trailer {
            if offset + 8 > trailer {
                return Err(Unusable::Damaged(IndexDamage::CutShort));
            }
            let signature: [u8; 4] = file.bytes[offset..offset + 4]
                .try_into()
                .map_err(|_| Unusable::Damaged(IndexDamage::CutShort))?;
            let end = offset + 8 + be32(&file.bytes, offset + 4) as usize;
            if end > trailer {
                return Err(Unusable::Damaged(IndexDamage::CutShort));
            }
            // Git: "If the first byte is 'A'..'Z' the extension is optional and can be
            // ignored"; any other must be understood.
            if !signature[0].is_ascii_uppercase() {
                return Err(match &signature {
                    b"link" => Unusable::Split,
                    b"sdir" => Unusable::Sparse,
                    // Only printable letters of it reach a terminal.
                    _ => Unusable::Extension(
                        signature
                            .iter()
                            .map(|&b| {
                                if b.is_ascii_graphic() {
                                    char::from(b)
                                } else {
                                    '?'
                                }
                            })
                            .collect(),
                    ),
                });
            }
            file.extensions.push((signature, offset..end));
            offset = end;
        }
        Ok(file)
    }

    /// Walks the `count` entries: where they end, and a [`Mark`] every [`MARK_EVERY`].
    fn walk_entries(&self, count: u32, trailer: usize) -> Result<(usize, Vec<Mark>), Unusable> {
        let mut marks = Vec::new();
        let mut offset = HEADER;
        let mut path = Vec::new();
        for number in 0..count as usize {
            let previous = (number % MARK_EVERY == 0).then(|| path.clone());
            let raw = self
                .entry_at(offset, &mut path, trailer)
                .ok_or(Unusable::Damaged(IndexDamage::CutShort))?;
            if let Some(previous) = previous {
                marks.push(Mark {
                    offset,
                    path: path.clone(),
                    previous,
                });
            }
            offset = raw.end;
        }
        Ok((offset, marks))
    }

    /// The entry at `offset`; `path` holds the previous entry's path and is set to this
    /// one's (format 4 needs the previous path to read a path).
    fn entry_at(&self, offset: usize, path: &mut Vec<u8>, limit: usize) -> Option<Raw> {
        let bytes = &self.bytes[..limit];
        let flags = u16::from_be_bytes(
            bytes
                .get(offset + FIXED - 2..offset + FIXED)?
                .try_into()
                .ok()?,
        );
        let mut cursor = offset + FIXED;
        let extended = if self.version >= 3 && flags & EXTENDED_FLAG != 0 {
            let value = u16::from_be_bytes(bytes.get(cursor..cursor + 2)?.try_into().ok()?);
            cursor += 2;
            Some(value)
        } else {
            None
        };
        if self.version == 4 {
            let (strip, read) = read_varint(bytes.get(cursor..)?)?;
            cursor += read;
            let keep = path.len().checked_sub(strip)?;
            let suffix_len = bytes.get(cursor..)?.iter().position(|&b| b == 0)?;
            path.truncate(keep);
            path.extend_from_slice(&bytes[cursor..cursor + suffix_len]);
            cursor += suffix_len + 1;
        } else {
            let name_len = bytes.get(cursor..)?.iter().position(|&b| b == 0)?;
            path.clear();
            path.extend_from_slice(&bytes[cursor..cursor + name_len]);
            // Padded with one to eight NULs to a multiple of eight bytes.
            cursor = offset + (cursor - offset + name_len + 8) / 8 * 8;
            if cursor > limit {
                return None;
            }
        }
        Some(Raw {
            start: offset,
            end: cursor,
            flags,
            extended,
        })
    }

    /// The index with `updates` applied, in format `version` (2, 3 or 4), its cache tree
    /// invalidated along the touched paths, and its checksum (zeros when `skip_hash`).
    /// Each path of `updates` loses every entry it had (every stage, as `git add` resolves
    /// a conflict); a `Put` gives it its new one.
    #[cfg(test)]
    pub fn updated(&self, updates: &[Update], version: u32, skip_hash: bool) -> Vec<u8> {
        let mut out = Vec::new();
        for piece in self.rewrite(updates, version, skip_hash, None) {
            match piece {
                Piece::Old(range) => out.extend_from_slice(&self.bytes[range]),
                Piece::New(bytes) => out.extend_from_slice(&bytes),
            }
        }
        out
    }

    /// [`IndexFile::updated`] written to `writer` piece by piece, without the whole new
    /// index in memory.
    pub fn write_updated(
        &self,
        updates: &[Update],
        version: u32,
        skip_hash: bool,
        renew: Option<Renew<'_>>,
        writer: &mut impl std::io::Write,
    ) -> std::io::Result<()> {
        for piece in self.rewrite(updates, version, skip_hash, renew) {
            match piece {
                Piece::Old(range) => writer.write_all(&self.bytes[range])?,
                Piece::New(bytes) => writer.write_all(&bytes)?,
            }
        }
        Ok(())
    }

    fn rewrite(
        &self,
        updates: &[Update],
        version: u32,
        skip_hash: bool,
        renew: Option<Renew<'_>>,
    ) -> Vec<Piece> {
        // The last update of a path wins: reversed, a stable sort and `dedup` keep it.
        let mut sorted: Vec<&Update> = updates.iter().rev().collect();
        sorted.sort_by(|a, b| a.path().cmp(b.path()));
        sorted.dedup_by(|later, earlier| later.path() == earlier.path());
        // A version 2 index cannot hold an entry's extended flags: Git writes 3 then.
        let mut version = version;
        let mut pieces = vec![Piece::New(Vec::new())];
        let mut new = Vec::new();
        let trailer = self.bytes.len() - HASH;
        let same_format = version == self.version;
        let (mut read_path, mut written_path) = (Vec::new(), Vec::<u8>::new());
        let mut last_read = Vec::new();
        let mut pending = sorted.iter().peekable();
        // Entries dropped (every entry of a touched path) and added (one per `Put`), and
        // the puts that replaced a path's entries.
        let (mut dropped, mut added) = (0u32, 0u32);
        // The touched paths that had entries, and whether one had more than one (stages of
        // a conflict: the cache tree is then left for Git to compute).
        let mut existed: HashSet<&[u8]> = HashSet::new();
        let mut staged = false;
        let mut offset = HEADER;
        // Bytes copied as they lie, gathered into one run until new bytes come.
        let mut run = offset..offset;
        while offset < self.entries_end {
            // In step (the entry at `offset` is encoded after the path written last): the
            // entries up to the last mark before the next update are copied undecoded.
            let in_step = self.version != 4 || read_path == written_path;
            if same_format && in_step {
                let target = match pending.peek() {
                    Some(update) => self.mark_before(update.path(), offset),
                    None => None,
                };
                let jump = match (pending.peek(), target) {
                    (None, _) => Some((self.entries_end, None)),
                    (Some(_), Some(mark)) => Some((mark.offset, Some(mark))),
                    (Some(_), None) => None,
                };
                if let Some((to, mark)) = jump {
                    run.end = to;
                    offset = to;
                    if let Some(mark) = mark {
                        read_path.clone_from(&mark.previous);
                        written_path.clone_from(&mark.previous);
                    }
                    continue;
                }
            }
            last_read.clone_from(&read_path);
            let Some(raw) = self.entry_at(offset, &mut read_path, trailer) else {
                break;
            };
            offset = raw.end;
            while let Some(update) = pending.next_if(|u| u.path() < read_path.as_slice()) {
                flush(&mut pieces, &mut run, &mut new, raw.start);
                added += put(&mut new, update, version, &mut written_path);
            }
            if pending
                .peek()
                .is_some_and(|u| u.path() == read_path.as_slice())
            {
                flush(&mut pieces, &mut run, &mut new, raw.end);
                dropped += 1;
                if let Some(update) = pending.peek() {
                    staged |= !existed.insert(update.path());
                }
                // The last entry of this path (its stages follow one another) places
                // the update.
                let next_same = self.next_path_is(raw.end, &read_path, trailer);
                if !next_same && let Some(update) = pending.next() {
                    added += put(&mut new, update, version, &mut written_path);
                }
                continue;
            }
            // Copied as it lies when the format is the same and, in format 4, the path
            // before it in the new index is the one before it in the old.
            let copyable = same_format && (self.version != 4 || last_read == written_path);
            if copyable && run.end == raw.start {
                run.end = raw.end;
            } else {
                flush(&mut pieces, &mut run, &mut new, raw.end);
                if raw.extended.is_some() && version == 2 {
                    version = 3;
                }
                let fixed = &self.bytes[raw.start..raw.start + FIXED - 2];
                encode(
                    &mut new,
                    version,
                    fixed,
                    raw.flags,
                    raw.extended,
                    &read_path,
                    &written_path,
                );
            }
            written_path.clone_from(&read_path);
        }
        flush(&mut pieces, &mut run, &mut new, self.entries_end);
        for update in pending {
            added += put(&mut new, update, version, &mut written_path);
        }
        let count = be32(&self.bytes, 8) - dropped + added;
        let mut header = Vec::with_capacity(HEADER);
        header.extend_from_slice(SIGNATURE);
        header.extend_from_slice(&version.to_be_bytes());
        header.extend_from_slice(&count.to_be_bytes());
        pieces[0] = Piece::New(header);
        let touched = Touched::of(&sorted, &existed);
        let renew = renew.filter(|_| !staged);
        for (signature, range) in &self.extensions {
            match signature {
                b"TREE" => {
                    let data = &self.bytes[range.start + 8..range.end];
                    if let Some(tree) = updated_tree(data, &touched, renew) {
                        new.extend_from_slice(b"TREE");
                        new.extend_from_slice(&u32_len(tree.len()).to_be_bytes());
                        new.extend_from_slice(&tree);
                    }
                }
                b"REUC" => {
                    let at = range.start;
                    flush(&mut pieces, &mut (at..at), &mut new, at);
                    pieces.push(Piece::Old(range.clone()));
                }
                _ => {}
            }
        }
        let end = self.bytes.len();
        flush(&mut pieces, &mut (end..end), &mut new, end);
        let checksum = if skip_hash {
            [0; HASH]
        } else {
            checksum_of(&self.bytes, &self.checkpoints, &pieces)
        };
        pieces.push(Piece::New(checksum.to_vec()));
        pieces
    }

    /// The last mark after `offset` whose path sorts before `path`.
    fn mark_before(&self, path: &[u8], offset: usize) -> Option<&Mark> {
        let before = self
            .marks
            .partition_point(|mark| mark.path.as_slice() < path);
        let mark = self.marks.get(before.checked_sub(1)?)?;
        (mark.offset > offset).then_some(mark)
    }

    fn next_path_is(&self, offset: usize, path: &[u8], limit: usize) -> bool {
        if offset >= self.entries_end {
            return false;
        }
        let mut next = path.to_vec();
        self.entry_at(offset, &mut next, limit)
            .is_some_and(|_| next == path)
    }

    /// The tree id of the whole index as its cache tree holds it, when valid: equal to the
    /// last commit's, the index holds what the commit holds.
    pub fn tree_id(&self) -> Option<[u8; HASH]> {
        let (_, range) = self.extensions.iter().find(|(sig, _)| sig == b"TREE")?;
        root_id(&self.bytes[range.start + 8..range.end])
    }

    #[cfg(test)]
    pub fn cache_tree_bytes(&self) -> Option<&[u8]> {
        let (_, range) = self.extensions.iter().find(|(sig, _)| sig == b"TREE")?;
        Some(&self.bytes[range.start + 8..range.end])
    }
}

/// Moves the bytes gathered so far into `pieces`: the run of old bytes, then the new
/// bytes; the next run starts at `next`.
fn flush(
    pieces: &mut Vec<Piece>,
    run: &mut std::ops::Range<usize>,
    new: &mut Vec<u8>,
    next: usize,
) {
    if !new.is_empty() {
        pieces.push(Piece::New(std::mem::take(new)));
    }
    if run.start < run.end {
        pieces.push(Piece::Old(run.clone()));
    }
    *run = next..next;
}

/// Writes `update`'s entry when it puts one; returns the entries written (0 or 1).
fn put(out: &mut Vec<u8>, update: &Update, version: u32, written_path: &mut Vec<u8>) -> u32 {
    let Update::Put(entry) = update else {
        return 0;
    };
    let mut fixed = [0u8; FIXED - 2];
    for (i, value) in entry.stat.iter().enumerate() {
        fixed[i * 4..i * 4 + 4].copy_from_slice(&value.to_be_bytes());
    }
    fixed[40..].copy_from_slice(&entry.oid);
    let name_len = u16::try_from(entry.path.len()).map_or(NAME_MASK, |n| n.min(NAME_MASK));
    let path = entry.path.as_bytes();
    encode(out, version, &fixed, name_len, None, path, written_path);
    written_path.clear();
    written_path.extend_from_slice(path);
    1
}

/// One entry in `version`'s encoding; `previous` is the path of the entry written before.
fn encode(
    out: &mut Vec<u8>,
    version: u32,
    fixed: &[u8],
    flags: u16,
    extended: Option<u16>,
    path: &[u8],
    previous: &[u8],
) {
    let start = out.len();
    out.extend_from_slice(fixed);
    let flags = if extended.is_some() {
        flags | EXTENDED_FLAG
    } else {
        flags & !EXTENDED_FLAG
    };
    out.extend_from_slice(&flags.to_be_bytes());
    if let Some(extended) = extended {
        out.extend_from_slice(&extended.to_be_bytes());
    }
    if version == 4 {
        let common = path
            .iter()
            .zip(previous)
            .take_while(|(a, b)| a == b)
            .count();
        write_varint(out, previous.len() - common);
        out.extend_from_slice(&path[common..]);
        out.push(0);
    } else {
        out.extend_from_slice(path);
        let length = out.len() - start;
        let padded = (length + 8) / 8 * 8;
        out.resize(start + padded, 0);
    }
}

fn be32(bytes: &[u8], offset: usize) -> u32 {
    u32::from_be_bytes([
        bytes[offset],
        bytes[offset + 1],
        bytes[offset + 2],
        bytes[offset + 3],
    ])
}

fn u32_len(length: usize) -> u32 {
    u32::try_from(length).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests;
