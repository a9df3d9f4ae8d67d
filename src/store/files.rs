//! Reading and writing the register's files: YAML (serde-saphyr) and TOML, each parsed
//! typed first (for located errors), then checked against its JSON Schema.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;
use unicode_normalization::UnicodeNormalization;

use super::journal::conflict_marker_lines;
use super::locate::line_of_pointer;
use super::schemas;
use crate::domain::input::InputError;
use crate::error::{Error, FileProblem, Result};

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

fn yaml_options() -> serde_saphyr::Options {
    // strict_booleans: only true/false are booleans, so "no" stays a string (YAML 1.1 trap).
    // reject_*: an application tag (`!secret`) would otherwise be dropped without a word;
    // `first_tag` below refuses the standard ones too.
    serde_saphyr::options! {
        strict_booleans: true,
        with_snippet: false,
        reject_unsupported_tags: true,
        reject_tagged_field_names: true,
    }
}

/// What a tagged node is told: register files are plain YAML.
const NO_TAGS: &str = "YAML tags are not accepted in register files";

/// The first explicit YAML tag in a document that parses, with its line and column.
///
/// Register files are plain YAML: a tag makes a value mean something other than its text
/// shows (`!!binary` hides text in base64) and other YAML tools act on tags (construct
/// objects), so a file another tool would read differently is refused. A tag needs a `!`,
/// so text without one is not scanned at all.
fn first_tag(text: &str) -> Option<(u64, u64, String)> {
    use serde_saphyr::granit_parser::{Event, Parser};
    if !text.contains('!') {
        return None;
    }
    for item in Parser::new_from_str(text) {
        // A syntax error is the typed parse's to report, with its own message.
        let (event, span) = item.ok()?;
        let tag = match &event {
            Event::Scalar(_, _, _, tag)
            | Event::SequenceStart(_, _, tag)
            | Event::MappingStart(_, _, tag) => tag.as_ref(),
            _ => None,
        };
        if let Some(tag) = tag {
            return Some((
                span.start.line() as u64,
                span.start.col() as u64 + 1,
                tag.original(),
            ));
        }
    }
    None
}

/// Parses YAML typed, after refusing explicit tags (see `first_tag`).
fn parse_yaml<T: DeserializeOwned>(display_path: &Path, text: &str) -> Result<T, FileProblem> {
    let typed = serde_saphyr::from_str_with_options(text, yaml_options())
        .map_err(|error| yaml_problem(display_path, &error))?;
    // Checked after the typed parse, whose budget has bounded the document's size and depth.
    match first_tag(text) {
        Some((line, column, tag)) => Err(problem(
            display_path,
            Some(line),
            Some(column),
            None,
            format!("{NO_TAGS}: remove `{tag}` and write the value as plain text"),
        )),
        None => Ok(typed),
    }
}

fn yaml_writer_options() -> serde_saphyr::SerializerOptions {
    // Pinned so that a crate upgrade does not reformat every file and fill the journal
    // with noise; the golden-file tests catch a change.
    serde_saphyr::ser_options! {
        indent_step: 2,
        compact_list_indent: true,
        prefer_block_scalars: true,
        folded_wrap_chars: 88,
        min_fold_chars: 32,
        quote_all: false,
        yaml_12: false,
    }
}

/// What a file with Git's conflict markers is told: a merge (a `git pull`) that was not
/// finished left both sides in it.
pub const CONFLICT_MARKERS: &str = "holds Git's conflict markers (<<<<<<<, =======, >>>>>>>) from a merge that was not finished: keep the right lines of each conflict, remove the markers, then `git add` the file and `git merge --continue`; or undo the merge with `git merge --abort`";

/// Parses one file of the given kind: typed parse with located errors, then the schema.
/// `display_path` names the file in messages.
pub fn parse<T: DeserializeOwned + Serialize>(
    kind: FileKind,
    display_path: &Path,
    text: &str,
) -> Result<T, Vec<FileProblem>> {
    let text = normalize(text);
    if let Some(&line) = conflict_marker_lines(&text).first() {
        return Err(vec![problem(
            display_path,
            Some(line as u64),
            None,
            None,
            CONFLICT_MARKERS.to_string(),
        )]);
    }
    let typed: T = match kind {
        FileKind::Settings => toml::from_str(&text)
            .map_err(|error| vec![toml_problem(display_path, &text, &error)])?,
        _ => parse_yaml(display_path, &text).map_err(|problem| vec![problem])?,
    };
    let value = serde_json::to_value(&typed).map_err(|error| {
        vec![problem(
            display_path,
            None,
            None,
            None,
            format!("cannot be represented as JSON: {error}"),
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

fn problem(
    file: &Path,
    line: Option<u64>,
    column: Option<u64>,
    field: Option<String>,
    message: String,
) -> FileProblem {
    FileProblem {
        file: file.to_path_buf(),
        line,
        column,
        field,
        message,
    }
}

fn yaml_problem(file: &Path, error: &serde_saphyr::Error) -> FileProblem {
    let location = error.location();
    let mut message = error.without_snippet().to_string();
    if let serde_saphyr::Error::UnsupportedTag { tag, .. }
    | serde_saphyr::Error::TaggedStructFieldName { tag, .. } = error
    {
        message = format!("{NO_TAGS}: remove `{tag}` and write the value as plain text");
    }
    // The location goes in front as file:line:column; drop the parser's own prefix.
    if let Some(rest) = message.strip_prefix("error: ") {
        message = rest.to_string();
    }
    if let Some(index) = message.find(": ")
        && message[..index].starts_with("line ")
    {
        message = message[index + 2..].to_string();
    }
    // The parser repeats the location at the end; it is already in front.
    if let Some(index) = message.rfind(" at line ") {
        message.truncate(index);
    }
    problem(
        file,
        location
            .as_ref()
            .map(serde_saphyr::Location::line)
            .filter(|l| *l > 0),
        location
            .as_ref()
            .map(serde_saphyr::Location::column)
            .filter(|c| *c > 0),
        None,
        message,
    )
}

fn toml_problem(file: &Path, text: &str, error: &toml::de::Error) -> FileProblem {
    let (line, column) = match error.span() {
        Some(span) => {
            let before = &text[..span.start.min(text.len())];
            let line = before.matches('\n').count() as u64 + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u64 + 1;
            (Some(line), Some(column))
        }
        None => (None, None),
    };
    problem(file, line, column, None, error.message().trim().to_string())
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
    let parent = path.parent().unwrap_or(Path::new("."));
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

/// Reads a partial document for `--from FILE`: typed, with the file, line and column of
/// any error.
pub fn read_partial<T: DeserializeOwned>(path: &Path) -> Result<T> {
    let text = normalize(&read_given(path)?);
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

/// Reads a file a person named (`--from`) with the limit of register files: a regular
/// file by its size; a device or a pipe (`/dev/zero`) by reading no more than the limit;
/// a named pipe no program writes to is given up after the lock wait.
fn read_given(path: &Path) -> Result<String> {
    let refused = |problem| Error::bad_input(format!("--from {}", path.display()), problem);
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
        let wait = super::lock::configured_wait()?;
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
            message: "is not UTF-8 text; save the file as UTF-8 (the encoding of YAML)".into(),
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
        return Ok(Err(problem(
            display,
            None,
            None,
            None,
            "is a symbolic link; the register never follows links (one could lead outside it): put the file itself in its place".into(),
        )));
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Ok(Err(problem(
            display,
            None,
            None,
            None,
            format!(
                "is {} bytes; a register file holds at most {MAX_FILE_BYTES} bytes (1 MiB): keep attachments and logs outside the register and refer to them",
                metadata.len()
            ),
        )));
    }
    let bytes = std::fs::read(path).map_err(io_error)?;
    Ok(String::from_utf8(bytes).map_err(|error| {
        let before = &error.as_bytes()[..error.utf8_error().valid_up_to()];
        let line = before.iter().filter(|b| **b == b'\n').count() as u64 + 1;
        problem(
            display,
            Some(line),
            None,
            None,
            "is not UTF-8 text; save the file as UTF-8 (the encoding of YAML and TOML)".into(),
        )
    }))
}

/// Reads a file as UTF-8 text.
pub fn read_text(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|source| Error::Io {
        action: "read",
        path: path.to_path_buf(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::Closure;

    #[test]
    fn text_is_normalised_to_nfc_on_read_and_write() {
        let decomposed = "ho\u{308}g";
        assert_eq!(normalize(decomposed), "hög");
        let closure = Closure {
            schema_version: 1,
            closed_at: chrono::DateTime::parse_from_rfc3339("2026-03-27T12:00:00+01:00").unwrap(),
            closed_by: "DSO".into(),
            root_cause: decomposed.into(),
            lessons_learned: "Rutin".into(),
        };
        let text = render(FileKind::Closure, &closure, "x.json").unwrap();
        assert!(text.contains("root_cause: hög"), "{text}");
        let parsed: Closure = parse(
            FileKind::Closure,
            Path::new("closure.yaml"),
            &text.replace("hög", decomposed),
        )
        .unwrap();
        assert_eq!(parsed.root_cause, "hög");
    }

    #[test]
    fn yaml_1_1_spellings_stay_strings() {
        let text = "schema_version: 1\nclosed_at: 2026-03-27T12:00:00+01:00\nclosed_by: no\nroot_cause: 'on'\nlessons_learned: yes\n";
        let parsed: Closure = parse(FileKind::Closure, Path::new("closure.yaml"), text).unwrap();
        assert_eq!(
            (parsed.closed_by.as_str(), parsed.lessons_learned.as_str()),
            ("no", "yes")
        );
    }

    #[test]
    fn errors_carry_file_line_and_column() {
        let problems = parse::<Closure>(
            FileKind::Closure,
            Path::new("closure.yaml"),
            "schema_version: 1\nclosed_at: yesterday\n",
        )
        .unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].file, Path::new("closure.yaml"));
        assert_eq!(problems[0].line, Some(2));
        let problems = parse::<Closure>(FileKind::Closure, Path::new("closure.yaml"), "schema_version: 2\nclosed_at: 2026-03-27T12:00:00+01:00\nclosed_by: a\nroot_cause: b\nlessons_learned: c\n").unwrap_err();
        assert_eq!(problems[0].field.as_deref(), Some("schema_version"));
        assert_eq!(problems[0].line, Some(1));
    }

    #[test]
    fn explicit_tags_are_refused_with_their_line_and_column() {
        let base = "schema_version: 1\nclosed_at: 2026-03-27T12:00:00+01:00\nclosed_by: DSO\n";
        for (tagged, shown) in [
            ("root_cause: !!binary aMO2Zw==\n", "!!binary"),
            ("root_cause: !!str text\n", "!!str"),
            ("root_cause: !secret text\n", "!secret"),
            (
                "root_cause: !<tag:example.org,2026:x> text\n",
                "tag:example.org,2026:x",
            ),
            ("!!str root_cause: text\n", "!!str"),
            ("!odd root_cause: text\n", "!odd"),
        ] {
            let text = format!("{base}{tagged}lessons_learned: c\n");
            let problems =
                parse::<Closure>(FileKind::Closure, Path::new("closure.yaml"), &text).unwrap_err();
            assert_eq!(problems.len(), 1, "{tagged}");
            assert_eq!(problems[0].line, Some(4), "{tagged}");
            assert!(problems[0].column.is_some(), "{tagged}");
            assert!(
                problems[0].message.starts_with(NO_TAGS),
                "{tagged}: {}",
                problems[0].message
            );
            assert!(
                problems[0].message.contains(shown),
                "{tagged}: {}",
                problems[0].message
            );
        }
    }

    #[test]
    fn an_exclamation_mark_in_text_is_not_a_tag() {
        let text = "schema_version: 1\nclosed_at: 2026-03-27T12:00:00+01:00\nclosed_by: DSO!\nroot_cause: '!!binary is text here'\nlessons_learned: \"Observera! !x\"\n";
        let parsed: Closure = parse(FileKind::Closure, Path::new("closure.yaml"), text).unwrap();
        assert_eq!(parsed.root_cause, "!!binary is text here");
    }
}
