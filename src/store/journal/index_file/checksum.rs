//! The index's checksum: SHA-1 of every byte before it (zeros with `index.skipHash`).

use sha1::{Digest, Sha1};

use super::{CHECKPOINT, HASH, Piece, Unusable};
use crate::error::IndexDamage;

/// SHA-1 of the new index, resumed from the old index's checksum state before the
/// first byte where the two differ: a change near the end hashes little more than its
/// tail.
pub(super) fn checksum_of(old: &[u8], checkpoints: &[Sha1], pieces: &[Piece]) -> [u8; HASH] {
    // Where the new index first differs from the old.
    let mut same = 0;
    for piece in pieces {
        match piece {
            Piece::Old(range) if range.start == same => same = range.end,
            Piece::Old(_) => break,
            Piece::New(bytes) => {
                let shared = common_prefix(bytes, old.get(same..).unwrap_or_default());
                same += shared;
                if shared < bytes.len() {
                    break;
                }
            }
        }
    }
    let (mut hasher, from) = match checkpoints.get(same / CHECKPOINT) {
        Some(state) => (state.clone(), same / CHECKPOINT * CHECKPOINT),
        None => (Sha1::new(), 0),
    };
    // From `from` on, the new index's bytes, piece by piece.
    let mut position = 0;
    for piece in pieces {
        let bytes = match piece {
            Piece::Old(range) => &old[range.clone()],
            Piece::New(bytes) => bytes.as_slice(),
        };
        let end = position + bytes.len();
        if end > from {
            hasher.update(&bytes[from.saturating_sub(position)..]);
        }
        position = end;
    }
    hasher.finalize().into()
}

/// The checksum's states every [`CHECKPOINT`] bytes of `bytes[..trailer]`, once its
/// checksum is found equal to the trailer; none for an index without one (`index.skipHash`
/// writes zeros there; Git reads that since 2.13).
pub(super) fn checksum_states(bytes: &[u8], trailer: usize) -> Result<Vec<Sha1>, Unusable> {
    if bytes[trailer..].iter().all(|&b| b == 0) {
        return Ok(Vec::new());
    }
    let mut states = Vec::new();
    let mut hasher = Sha1::new();
    let mut offset = 0;
    while offset < trailer {
        states.push(hasher.clone());
        let end = (offset + CHECKPOINT).min(trailer);
        hasher.update(&bytes[offset..end]);
        offset = end;
    }
    if hasher.finalize().as_slice() == &bytes[trailer..] {
        Ok(states)
    } else {
        Err(Unusable::Damaged(IndexDamage::Checksum))
    }
}

/// How many bytes `a` and `b` share from the start, compared a page at a time.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    const PAGE: usize = 4096;
    let length = a.len().min(b.len());
    let mut offset = 0;
    while offset + PAGE <= length && a[offset..offset + PAGE] == b[offset..offset + PAGE] {
        offset += PAGE;
    }
    offset
        + a[offset..length]
            .iter()
            .zip(&b[offset..length])
            .take_while(|(x, y)| x == y)
            .count()
}
