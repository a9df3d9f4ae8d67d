//! The YAML and TOML readers and writer as the register uses them: options pinned, tags
//! refused, and every error of the libraries said in the register's words with its file,
//! line and column.

use std::path::Path;

use serde::de::DeserializeOwned;

use super::problem;
use crate::domain::Bilingual;
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
const NO_TAGS_SV: &str = "YAML-taggar tas inte emot i registrets filer";

/// What a tag `tag` is told, with what to do.
fn no_tags(tag: &str) -> Bilingual {
    Bilingual::new(
        format!("{NO_TAGS_SV}: ta bort `{tag}` och skriv värdet som vanlig text"),
        format!("{NO_TAGS}: remove `{tag}` and write the value as plain text"),
    )
}

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
            no_tags(&tag),
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
    let english = english_message(error);
    let message = super::library_text::yaml_message(error, english);
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

/// The reader's own English words, without the location it repeats (it goes in front).
fn english_message(error: &serde_saphyr::Error) -> String {
    let mut message = error.without_snippet().to_string();
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
    message
}

/// The reader's own words name its internals (`ScalarBytes { .. }`, its options): the
/// tags, a key written twice and the reader's limits are said in the register's words,
/// with what to do, in both languages; `None` for the other errors.
pub(super) fn register_words(error: &serde_saphyr::Error) -> Option<Bilingual> {
    match error {
        serde_saphyr::Error::UnsupportedTag { tag, .. }
        | serde_saphyr::Error::TaggedStructFieldName { tag, .. } => Some(no_tags(tag)),
        serde_saphyr::Error::DuplicateMappingKey { key, .. } => Some(match key {
            Some(key) => Bilingual::new(
                format!("nyckeln `{key}` står två gånger på samma ställe; behåll en"),
                format!("the key `{key}` is written twice in one place; keep one"),
            ),
            None => Bilingual::new(
                "en nyckel står två gånger på samma ställe; behåll en",
                "a key is written twice in one place; keep one",
            ),
        }),
        serde_saphyr::Error::Budget { breach, .. } => Some(budget_message(breach)),
        _ => None,
    }
}

/// A limit of the YAML reader, in the register's words.
pub(super) fn budget_message(breach: &serde_saphyr::budget::BudgetBreach) -> Bilingual {
    use serde_saphyr::budget::BudgetBreach;
    match breach {
        BudgetBreach::Aliases { .. }
        | BudgetBreach::Anchors { .. }
        | BudgetBreach::AliasAnchorRatio { .. }
        | BudgetBreach::MergeKeys { .. } => Bilingual::new(
            "använder fler YAML-ankare och alias (&namn, *namn, <<) än en fil i registret får, som en fil gjord för att tömma minnet gör; skriv ut värdena",
            "uses more YAML anchors and aliases (&name, *name, <<) than a register file may, the way a file made to exhaust memory does; write the values out",
        ),
        BudgetBreach::Depth { depth } => Bilingual::new(
            format!(
                "är kapslad {depth} nivåer djupt, djupare än en fil i registret får vara; en fil i registret är några nivåer djup"
            ),
            format!(
                "is nested {depth} levels deep, deeper than a register file may be; a register file is a few levels deep"
            ),
        ),
        _ => Bilingual::new(
            "innehåller mer än YAML-läsaren läser i en fil i registret (en fil i registret är några kilobyte); håll långa texter och bilagor utanför registret",
            "holds more than the YAML reader reads in one register file (a register file is a few kilobytes); keep long texts and attachments outside the register",
        ),
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
    problem(
        file,
        line,
        column,
        None,
        super::library_text::toml_message(error.message().trim()),
    )
}
