//! Reading and writing the register's files: YAML (serde-saphyr) and TOML, each parsed
//! typed first (for located errors), then checked against its JSON Schema.

pub(in crate::store) mod library_text;
mod read;
#[cfg(test)]
mod tests;
mod yaml;

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;
use unicode_normalization::UnicodeNormalization;

use super::journal::conflict_marker_lines;
use super::locate::line_of_pointer;
use super::schemas;
use crate::domain::Bilingual;
use crate::error::{Error, FileProblem, Result};
pub use read::{
    MAX_FILE_BYTES, linked_file, read_given, read_partial, read_text, read_utf8, too_large,
    utf8_text,
};
use yaml::{parse_yaml, toml_problem, yaml_writer_options};

/// The kinds of file a register holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FileKind {
    Settings,
    Report,
    Assessment,
    Actions,
    Notification,
    Closure,
}

impl FileKind {
    pub const ALL: [FileKind; 6] = [
        FileKind::Settings,
        FileKind::Report,
        FileKind::Assessment,
        FileKind::Actions,
        FileKind::Notification,
        FileKind::Closure,
    ];

    /// The incident files, in the order of the steps that write them.
    pub const INCIDENT_FILES: [FileKind; 5] = [
        FileKind::Report,
        FileKind::Assessment,
        FileKind::Actions,
        FileKind::Notification,
        FileKind::Closure,
    ];

    pub fn file_name(self) -> &'static str {
        match self {
            FileKind::Settings => "incident.toml",
            FileKind::Report => "report.yaml",
            FileKind::Assessment => "assessment.yaml",
            FileKind::Actions => "actions.yaml",
            FileKind::Notification => "notification.yaml",
            FileKind::Closure => "closure.yaml",
        }
    }

    pub fn schema_file(self) -> &'static str {
        match self {
            FileKind::Settings => "settings.schema.json",
            FileKind::Report => "report.schema.json",
            FileKind::Assessment => "assessment.schema.json",
            FileKind::Actions => "actions.schema.json",
            FileKind::Notification => "notification.schema.json",
            FileKind::Closure => "closure.schema.json",
        }
    }

    pub fn from_file_name(name: &str) -> Option<FileKind> {
        FileKind::ALL
            .into_iter()
            .find(|kind| kind.file_name() == name)
    }
}

/// Normalises text to NFC, so that "hög" typed as o + combining diaeresis is the same
/// string as the precomposed one the schema and the catalogue hold.
pub fn normalize(text: &str) -> String {
    text.nfc().collect()
}

/// What a file with Git's conflict markers is told: a merge (a `git pull`) that was not
/// finished left both sides in it.
pub fn conflict_markers() -> Bilingual {
    Bilingual::new(
        "innehåller Gits konfliktmarkeringar (<<<<<<<, =======, >>>>>>>) från en sammanslagning som inte avslutades: behåll de rätta raderna i varje konflikt, ta bort markeringarna, sedan `git add` på filen och `git merge --continue`; eller ångra sammanslagningen med `git merge --abort`",
        "holds Git's conflict markers (<<<<<<<, =======, >>>>>>>) from a merge that was not finished: keep the right lines of each conflict, remove the markers, then `git add` the file and `git merge --continue`; or undo the merge with `git merge --abort`",
    )
}

/// Parses one file of the given kind: typed parse with located errors, then the schema.
/// `display_path` names the file in messages.
pub fn parse<T: DeserializeOwned + Serialize>(
    kind: FileKind,
    display_path: &Path,
    text: &str,
) -> Result<T, Vec<FileProblem>> {
    parse_checked_before(kind, display_path, text, false)
}

/// [`parse`], without the schema's check when `checked_before` says that this binary
/// found this very text valid before (the check's result cannot differ).
pub fn parse_checked_before<T: DeserializeOwned + Serialize>(
    kind: FileKind,
    display_path: &Path,
    text: &str,
    checked_before: bool,
) -> Result<T, Vec<FileProblem>> {
    let text = normalize(text);
    if let Some(&line) = conflict_marker_lines(&text).first() {
        return Err(vec![problem(
            display_path,
            Some(line as u64),
            None,
            None,
            conflict_markers(),
        )]);
    }
    let typed: T = match kind {
        FileKind::Settings => toml::from_str(&text)
            .map_err(|error| vec![toml_problem(display_path, &text, &error)])?,
        _ => parse_yaml(display_path, &text).map_err(|problem| vec![problem])?,
    };
    if checked_before {
        return Ok(typed);
    }
    let value = serde_json::to_value(&typed).map_err(|error| {
        vec![problem(
            display_path,
            None,
            None,
            None,
            Bilingual::new(
                format!("kan inte återges som JSON: {error}"),
                format!("cannot be represented as JSON: {error}"),
            ),
        )]
    })?;
    let problems = schemas::check(kind, &value)
        .into_iter()
        .map(|violation| {
            let line = match kind {
                FileKind::Settings => None,
                _ => line_of_pointer(&text, &violation.pointer),
            };
            problem(
                display_path,
                line,
                None,
                Some(violation.field),
                violation.message,
            )
        })
        .collect::<Vec<_>>();
    if problems.is_empty() {
        Ok(typed)
    } else {
        Err(problems)
    }
}

pub(super) fn problem(
    file: &Path,
    line: Option<u64>,
    column: Option<u64>,
    field: Option<String>,
    message: Bilingual,
) -> FileProblem {
    FileProblem {
        file: file.to_path_buf(),
        line,
        column,
        field,
        message,
    }
}

/// Serialises a value of the given kind to the text the tool writes, with the schema
/// modeline at the top of YAML files so editors validate hand edits.
pub fn render<T: Serialize>(kind: FileKind, value: &T, schema_href: &str) -> Result<String> {
    match kind {
        FileKind::Settings => {
            let body = toml::to_string_pretty(value).map_err(|error| Error::Unrenderable {
                file: kind.file_name().to_string(),
                message: error.to_string(),
            })?;
            Ok(normalize(&format!("#:schema {schema_href}\n{body}")))
        }
        _ => {
            let body = serde_saphyr::to_string_with_options(value, yaml_writer_options()).map_err(
                |error| Error::Unrenderable {
                    file: kind.file_name().to_string(),
                    message: error.to_string(),
                },
            )?;
            Ok(normalize(&format!(
                "# yaml-language-server: $schema={schema_href}\n{body}"
            )))
        }
    }
}

/// Writes a file atomically: a temporary file beside it, flushed to disk, then renamed
/// over the target, so a crash leaves the old file or the new one, never half of one.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let io_error = |action: &'static str, path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Io {
            action,
            path,
            source,
        }
    };
    // A bare file name (`--output frister.ics`) has the empty path as its parent: the
    // current folder, where the temporary file goes and which is flushed.
    let parent = path
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(io_error("create the folder", parent))?;
    let file_name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let temporary: PathBuf = parent.join(format!(".{file_name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&temporary).map_err(io_error("create", &temporary))?;
        file.write_all(bytes)
            .map_err(io_error("write", &temporary))?;
        file.sync_all().map_err(io_error("flush", &temporary))?;
        std::fs::rename(&temporary, path).map_err(io_error("replace", path))?;
        sync_folder(parent).map_err(io_error("flush", parent))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result
}

/// Writes the new files of a commit of many (an import) into the work tree: each
/// atomically (a temporary file renamed), none flushed on its own, then the file system
/// flushed once ([`flush_file_system`]): a thousand flushes cost a thousand waits for the
/// disk. The commit is flushed before: a file a crash leaves unwritten is in the journal,
/// and the next change writes it from there, as after any interrupted change.
pub fn apply_at_once(root: &Path, changes: &[crate::store::journal::PathChange]) -> Result<()> {
    use crate::store::journal::PathChange;
    for change in changes {
        let PathChange::Write { path, bytes } = change else {
            apply(root, std::slice::from_ref(change))?;
            continue;
        };
        let path = root.join(path);
        let parent = path.parent().unwrap_or(Path::new("."));
        let io = |action: &'static str, at: &Path| {
            let at = at.to_path_buf();
            move |source| Error::Io {
                action,
                path: at,
                source,
            }
        };
        std::fs::create_dir_all(parent).map_err(io("create the folder", parent))?;
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
        let temporary = parent.join(format!(".{name}.{}.tmp", std::process::id()));
        std::fs::write(&temporary, bytes).map_err(io("write", &temporary))?;
        std::fs::rename(&temporary, &path).map_err(io("replace", &path))?;
    }
    flush_file_system(root)
}

/// Flushes what was written on the file system that holds `path` to disk: one wait for
/// the disk instead of one a file (syncfs(2) on Linux, sync(2) on other Unix systems;
/// Windows has no such call, and NTFS journals the renames).
pub fn flush_file_system(path: &Path) -> Result<()> {
    #[cfg(target_os = "linux")]
    {
        let folder = std::fs::File::open(path).map_err(|source| Error::Io {
            action: "open",
            path: path.to_path_buf(),
            source,
        })?;
        // SAFETY: syncfs takes an open file descriptor, which `folder` holds until after.
        let failed = unsafe { libc::syncfs(std::os::fd::AsRawFd::as_raw_fd(&folder)) } != 0;
        if failed {
            return Err(Error::Io {
                action: "flush",
                path: path.to_path_buf(),
                source: std::io::Error::last_os_error(),
            });
        }
    }
    #[cfg(all(unix, not(target_os = "linux")))]
    {
        let _ = path;
        // SAFETY: sync takes no arguments and cannot fail.
        unsafe { libc::sync() };
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Writes the files of a commit into the work tree atomically, or removes them.
pub fn apply(root: &Path, changes: &[crate::store::journal::PathChange]) -> Result<()> {
    use crate::store::journal::PathChange;
    for change in changes {
        match change {
            PathChange::Write { path, bytes } => write_atomically(&root.join(path), bytes)?,
            PathChange::Delete { path } => {
                let full = root.join(path);
                match std::fs::remove_file(&full) {
                    Ok(()) => {}
                    // Already gone is what was wanted.
                    Err(source) if source.kind() == std::io::ErrorKind::NotFound => {}
                    Err(source) => {
                        return Err(Error::Io {
                            action: "remove",
                            path: full,
                            source,
                        });
                    }
                }
            }
        }
    }
    Ok(())
}

/// Flushes a folder's entries, so that a rename in it survives a power cut: the rename is
/// an entry of the folder, which `sync_all` on the file does not cover (fsync(2)).
#[cfg(unix)]
fn sync_folder(folder: &Path) -> std::io::Result<()> {
    std::fs::File::open(folder)?.sync_all()
}

/// Windows has no handle to flush a folder with; NTFS journals the rename itself.
#[cfg(not(unix))]
fn sync_folder(_folder: &Path) -> std::io::Result<()> {
    Ok(())
}
