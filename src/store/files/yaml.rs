//! The YAML and TOML readers and writer as the register uses them: options pinned, tags
//! refused, and every error of the libraries said in the register's words with its file,
//! line and column.

use std::path::Path;

use serde::de::DeserializeOwned;

use super::problem;
use crate::error::FileProblem;

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
pub(super) const NO_TAGS: &str = "YAML tags are not accepted in register files";

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
pub(super) fn parse_yaml<T: DeserializeOwned>(
    display_path: &Path,
    text: &str,
) -> Result<T, FileProblem> {
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

pub(super) fn yaml_writer_options() -> serde_saphyr::SerializerOptions {
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

fn yaml_problem(file: &Path, error: &serde_saphyr::Error) -> FileProblem {
    let location = error.location();
    let mut message = error.without_snippet().to_string();
    // The reader's own words name its internals (`ScalarBytes { .. }`, its options):
    // these are said in the register's words, with what to do.
    match error {
        serde_saphyr::Error::UnsupportedTag { tag, .. }
        | serde_saphyr::Error::TaggedStructFieldName { tag, .. } => {
            message = format!("{NO_TAGS}: remove `{tag}` and write the value as plain text");
        }
        serde_saphyr::Error::DuplicateMappingKey { key, .. } => {
            message = match key {
                Some(key) => format!("the key `{key}` is written twice in one place; keep one"),
                None => "a key is written twice in one place; keep one".to_string(),
            };
        }
        serde_saphyr::Error::Budget { breach, .. } => message = budget_message(breach),
        _ => {}
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

/// A limit of the YAML reader, in the register's words.
pub(super) fn budget_message(breach: &serde_saphyr::budget::BudgetBreach) -> String {
    use serde_saphyr::budget::BudgetBreach;
    match breach {
        BudgetBreach::Aliases { .. }
        | BudgetBreach::Anchors { .. }
        | BudgetBreach::AliasAnchorRatio { .. }
        | BudgetBreach::MergeKeys { .. } => "uses more YAML anchors and aliases (&name, *name, <<) than a register file may, the way a file made to exhaust memory does; write the values out".to_string(),
        BudgetBreach::Depth { depth } => format!(
            "is nested {depth} levels deep, deeper than a register file may be; a register file is a few levels deep"
        ),
        _ => "holds more than the YAML reader reads in one register file (a register file is a few kilobytes); keep long texts and attachments outside the register".to_string(),
    }
}

pub(super) fn toml_problem(file: &Path, text: &str, error: &toml::de::Error) -> FileProblem {
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
