//! Reading files: a register file (UTF-8, no link, at most 1 MiB) and a file a person
//! names with `--from` (the same limit, also for a device or a pipe).

use std::io::Read;
use std::path::Path;

use serde::de::DeserializeOwned;

use super::yaml::parse_yaml;
use super::{normalize, problem};
use crate::domain::Bilingual;
use crate::domain::input::InputError;
use crate::error::{Error, FileProblem, Result};

/// Reads a partial document for `--from FILE`: typed, with the file, line and column of
/// any error.
pub fn read_partial<T: DeserializeOwned>(path: &Path) -> Result<T> {
    let text = normalize(&read_given("--from", path)?);
    parse_yaml(path, &text).map_err(|problem| {
        let location = match (problem.line, problem.column) {
            (Some(line), Some(column)) => format!(":{line}:{column}"),
            (Some(line), None) => format!(":{line}"),
            _ => String::new(),
        };
        Error::bad_input(
            format!("--from {}{location}", path.display()),
            InputError::UnreadableFile {
                message: problem.message,
            },
        )
    })
}

/// Reads a file a person named (`--from`, `--from-notice`) with the limit of register files: a regular
/// file by its size; a device or a pipe (`/dev/zero`) by reading no more than the limit;
/// a named pipe no program writes to is given up after the lock wait.
pub fn read_given(flag: &str, path: &Path) -> Result<String> {
    let refused = |problem| Error::bad_input(format!("{flag} {}", path.display()), problem);
    let io_error = |source| Error::Io {
        action: "read",
        path: path.to_path_buf(),
        source,
    };
    let metadata = std::fs::metadata(path).map_err(io_error)?;
    if metadata.is_file() && metadata.len() > MAX_FILE_BYTES {
        return Err(refused(InputError::TooLarge {
            limit: MAX_FILE_BYTES,
        }));
    }
    let owned = path.to_path_buf();
    let read = move || -> std::io::Result<Vec<u8>> {
        let mut bytes = Vec::new();
        std::fs::File::open(owned)?
            .take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)?;
        Ok(bytes)
    };
    let bytes = if is_named_pipe(&metadata) {
        // Opening a named pipe waits for a writer: the wait is bounded.
        let wait = crate::store::lock::configured_wait()?;
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || sender.send(read()));
        match receiver.recv_timeout(wait) {
            Ok(result) => result.map_err(io_error)?,
            Err(_) => {
                return Err(refused(InputError::NoWriter {
                    seconds: wait.as_secs(),
                }));
            }
        }
    } else {
        read().map_err(io_error)?
    };
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(refused(InputError::TooLarge {
            limit: MAX_FILE_BYTES,
        }));
    }
    String::from_utf8(bytes).map_err(|_| {
        refused(InputError::UnreadableFile {
            message: Bilingual::new(
                "är inte UTF-8-text; spara filen som UTF-8 (YAML:s och JSON:s teckenkodning)",
                "is not UTF-8 text; save the file as UTF-8 (the encoding of YAML and JSON)",
            ),
        })
    })
}

#[cfg(unix)]
fn is_named_pipe(metadata: &std::fs::Metadata) -> bool {
    std::os::unix::fs::FileTypeExt::is_fifo(&metadata.file_type())
}

#[cfg(not(unix))]
fn is_named_pipe(_metadata: &std::fs::Metadata) -> bool {
    false
}

/// The largest register file read: far above any real incident file (the longest seed,
/// an action log of 25 entries, is 12 kB), and small enough that a file grown by accident
/// or on purpose cannot exhaust memory or time.
pub const MAX_FILE_BYTES: u64 = 1 << 20;

/// Reads a register file: an I/O failure is an error; text that is not UTF-8 (an editor
/// that saved Latin-1, say) is a problem in the file, named so the person can mend it.
pub fn read_utf8(path: &Path, display: &Path) -> Result<Result<String, FileProblem>> {
    let io_error = |source| Error::Io {
        action: "read",
        path: path.to_path_buf(),
        source,
    };
    let metadata = std::fs::symlink_metadata(path).map_err(io_error)?;
    if metadata.file_type().is_symlink() {
        return Ok(Err(linked_file(display)));
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Ok(Err(too_large(display, metadata.len())));
    }
    let bytes = std::fs::read(path).map_err(io_error)?;
    Ok(utf8_text(bytes, display))
}

/// A register file that is a symbolic link, which is never followed.
pub fn linked_file(display: &Path) -> FileProblem {
    problem(
        display,
        None,
        None,
        None,
        Bilingual::new(
            "är en symbolisk länk; registret följer aldrig länkar (en kan leda utanför det): lägg själva filen på dess plats",
            "is a symbolic link; the register never follows links (one could lead outside it): put the file itself in its place",
        ),
    )
}

/// A register file of `size` bytes, above [`MAX_FILE_BYTES`].
pub fn too_large(display: &Path, size: u64) -> FileProblem {
    problem(
        display,
        None,
        None,
        None,
        Bilingual::new(
            format!(
                "är {size} byte; en fil i registret rymmer högst {MAX_FILE_BYTES} byte (1 MiB): håll bilagor och loggar utanför registret och hänvisa till dem"
            ),
            format!(
                "is {size} bytes; a register file holds at most {MAX_FILE_BYTES} bytes (1 MiB): keep attachments and logs outside the register and refer to them"
            ),
        ),
    )
}

/// The bytes of a register file as text, or the line where they stop being UTF-8.
pub fn utf8_text(bytes: Vec<u8>, display: &Path) -> Result<String, FileProblem> {
    String::from_utf8(bytes).map_err(|error| {
        let before = &error.as_bytes()[..error.utf8_error().valid_up_to()];
        let line = before.iter().filter(|b| **b == b'\n').count() as u64 + 1;
        problem(
            display,
            Some(line),
            None,
            None,
            Bilingual::new(
                "är inte UTF-8-text; spara filen som UTF-8 (YAML:s och TOML:s teckenkodning)",
                "is not UTF-8 text; save the file as UTF-8 (the encoding of YAML and TOML)",
            ),
        )
    })
}

/// Reads a file as UTF-8 text.
pub fn read_text(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|source| Error::Io {
        action: "read",
        path: path.to_path_buf(),
        source,
    })
}
