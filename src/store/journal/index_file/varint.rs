//! The counter of format 4's path compression.

/// Git's offset encoding (as in a pack's delta offsets), used by format 4 for the bytes
/// to strip from the previous path.
pub(super) fn read_varint(bytes: &[u8]) -> Option<(usize, usize)> {
    let mut read = 0;
    let mut byte = *bytes.first()?;
    read += 1;
    let mut value = usize::from(byte & 0x7f);
    while byte & 0x80 != 0 {
        byte = *bytes.get(read)?;
        read += 1;
        value = value.checked_add(1)?.checked_mul(128)? | usize::from(byte & 0x7f);
    }
    Some((value, read))
}

#[expect(clippy::cast_possible_truncation, reason = "seven bits at a time")]
pub(super) fn write_varint(out: &mut Vec<u8>, mut value: usize) {
    let mut buffer = [0u8; 16];
    let mut position = buffer.len() - 1;
    buffer[position] = (value & 0x7f) as u8;
    while value >> 7 != 0 {
        value = (value >> 7) - 1;
        position -= 1;
        buffer[position] = 0x80 | (value & 0x7f) as u8;
    }
    out.extend_from_slice(&buffer[position..]);
}
