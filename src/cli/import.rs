//! `incident import FILE.csv --mapping MAP.toml`: historical incidents from an old
//! register's spreadsheet, every row read and validated before anything is recorded, all
//! of them in one journal entry; the refused rows named by line, column and field.

use std::path::{Path, PathBuf};

use crate::cli::Context;
use crate::cli::csv_out::Delimiter;
use crate::cli::ui::Ui;
use crate::domain::Bilingual;
use crate::domain::event::Event;
use crate::domain::import::{
    AlreadyHeld, CsvProblem, ImportedRow, Mapping, RowContext, RowProblem, build_row, decode,
    read_table, set_aside_held,
};
use crate::error::{Error, Result, exit};

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The CSV file: UTF-8 (a byte order mark is fine), a header row, one incident a row
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The mapping file (TOML): which column holds which field, value maps for option keys, the date format
    #[arg(long, value_name = "FILE")]
    pub mapping: PathBuf,
    /// The cells' separator [default: found from the header: semicolon or comma]
    #[arg(long, value_enum, value_name = "DELIMITER")]
    pub delimiter: Option<Delimiter>,
    /// Import the valid rows and skip the refused ones (the journal entry lists their lines)
    #[arg(long)]
    pub skip_invalid: bool,
    /// Read and check every row and tell what would be imported; record nothing
    #[arg(long)]
    pub dry_run: bool,
}

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|source| Error::Io {
        action: "read",
        path: path.to_path_buf(),
        source,
    })
}

fn refused(file: &Path, problem: CsvProblem) -> Error {
    Error::Import {
        file: file.display().to_string(),
        problem,
    }
}

pub fn run(context: &Context, args: ImportArgs) -> Result<i32> {
    let register = context.open_register()?;
    let ui = Ui::new(context.lang(Some(&register)));
    let mapping_text = read(&args.mapping)?;
    let mapping = std::str::from_utf8(&mapping_text)
        .map_err(|_| Bilingual::new("inte UTF-8", "not UTF-8"))
        .and_then(Mapping::parse)
        .map_err(|detail| refused(&args.mapping, CsvProblem::Mapping { detail }))?;
    let bytes = read(&args.file)?;
    let text = decode(&bytes).map_err(|problem| refused(&args.file, problem))?;
    let delimiter = args.delimiter.map(|d| match d {
        Delimiter::Comma => b',',
        Delimiter::Semicolon => b';',
    });
    let table = read_table(text, delimiter).map_err(|problem| refused(&args.file, problem))?;
    for (field, column) in &mapping.columns {
        if table.column(column).is_none() {
            return Err(refused(
                &args.file,
                CsvProblem::MissingColumn {
                    column: column.clone(),
                    field: field.clone(),
                    header: table.header.clone(),
                },
            ));
        }
    }
    let stamp = context.stamp(Some(&register))?;
    let name = args.file.file_name().map_or_else(
        || args.file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let row_context = RowContext {
        file: name.clone(),
        lang: register.settings.register.language,
        zone: register.zone,
        now: stamp.when,
        author: stamp.author.name.clone(),
    };
    let mut rows: Vec<ImportedRow> = Vec::with_capacity(table.rows.len());
    let mut problems: Vec<RowProblem> = Vec::new();
    for (line, cells) in &table.rows {
        match build_row(&mapping, &table, *line, cells, &row_context) {
            Err(found) => problems.extend(found),
            Ok(row) => {
                let found = register.check_imported(&row)?;
                if found.is_empty() {
                    rows.push(row);
                } else {
                    problems.extend(found.into_iter().map(|problem| {
                        let field = problem.field.unwrap_or_default();
                        RowProblem {
                            line: *line,
                            column: mapping.column_of(&field).map(str::to_string),
                            field,
                            message: problem.message,
                        }
                    }));
                }
            }
        }
    }
    // Rows an earlier import took in already (an incident holds their old id) are not
    // imported again: an import run twice, or after rows were added, doubles nothing.
    let (references, _) = register.map_incidents(
        |_| true,
        |incident| {
            let report = &incident.report;
            let reference = report.internal_reference.as_deref()?.trim().to_string();
            Some((reference, report.id.clone()))
        },
    )?;
    let held = references.into_iter().flatten().collect();
    let (rows, already) = set_aside_held(rows, &held);
    for line in already_held_lines(&already, ui.lang) {
        ui.say(&line);
    }
    if rows.is_empty() && problems.is_empty() {
        ui.say(ui.t(
            "Ingenting nytt att importera: varje rad finns redan i registret. Ingenting registrerades.",
            "Nothing new to import: every row is in the register already. Nothing was recorded.",
        ));
        return Ok(exit::OK);
    }
    let mut skipped: Vec<u64> = problems.iter().map(|p| p.line).collect();
    skipped.dedup();
    if !problems.is_empty() && (!args.skip_invalid || rows.is_empty()) {
        return Err(refused(
            &args.file,
            CsvProblem::RowsRefused {
                rows: problems,
                total: table.rows.len(),
            },
        ));
    }
    for line in skipped_lines(&skipped, &problems, ui.lang) {
        ui.say(&line);
    }
    if args.dry_run {
        let incidents = if rows.len() == 1 {
            ui.t("incident", "incident")
        } else {
            ui.t("incidenter", "incidents")
        };
        ui.say(&format!(
            "{} {} {incidents}{}",
            ui.t("Provkörning: skulle importera", "Dry run: would import"),
            rows.len(),
            ui.t("; ingenting registrerades.", "; nothing was recorded.")
        ));
        return Ok(exit::OK);
    }
    let event = Event::Imported {
        incidents: rows.len(),
        file: name,
    };
    // The journal's words are the register's.
    let lang = register.settings.register.language;
    let mut body_lines = skipped_lines(&skipped, &problems, lang);
    body_lines.extend(already_held_lines(&already, lang));
    let body = (!body_lines.is_empty()).then(|| body_lines.join("\n"));
    let imported = register.import(&stamp, &rows, &event, body)?;
    if let Some(hand_edits) = &imported.hand_edits {
        ui.entry(hand_edits);
    }
    // The lowest and highest id given: the rows' years may come in any order.
    let given = || imported.ids.iter().map(|(_, id)| id);
    if let (Some(first), Some(last)) = (given().min(), given().max()) {
        let (words, ids) = if first == last {
            (
                ui.t("incident importerad", "incident imported"),
                first.to_string(),
            )
        } else {
            (
                ui.t("incidenter importerade", "incidents imported"),
                format!("{first} … {last}"),
            )
        };
        ui.say(&format!("{} {words} ({ids})", imported.ids.len()));
    }
    ui.entry(&imported.entry);
    ui.unfinished(imported.unfinished.as_ref());
    Ok(exit::OK)
}

/// The rows set aside as imported already, a heading and one line each: the old id and
/// the incident that holds it.
fn already_held_lines(already: &[AlreadyHeld], lang: crate::domain::Lang) -> Vec<String> {
    if already.is_empty() {
        return Vec::new();
    }
    let mut lines =
        vec![lang
        .pick(
            "Rader som redan finns i registret (importerade tidigare) och inte importeras igen:",
            "Rows already in the register (imported before), not imported again:",
        )
        .to_string()];
    lines.extend(already.iter().map(|held| {
        format!(
            "  {} {}: {} → {}",
            lang.pick("rad", "line"),
            held.line,
            held.reference,
            held.id
        )
    }));
    lines
}

/// The rows skipped with `--skip-invalid`, a heading with their lines and one line a
/// problem: said on stderr in the reader's language, and written in the journal entry's
/// body in the register's.
fn skipped_lines(
    skipped: &[u64],
    problems: &[RowProblem],
    lang: crate::domain::Lang,
) -> Vec<String> {
    if skipped.is_empty() {
        return Vec::new();
    }
    let numbers: Vec<String> = skipped.iter().map(u64::to_string).collect();
    let mut lines = vec![format!(
        "{} {}",
        lang.pick(
            "Rader som hoppas över (--skip-invalid):",
            "Rows skipped (--skip-invalid):"
        ),
        numbers.join(", ")
    )];
    lines.extend(problems.iter().map(|problem| {
        format!(
            "  {} {}: {}: {}",
            lang.pick("rad", "line"),
            problem.line,
            problem.field,
            problem.message.get(lang)
        )
    }));
    lines
}
