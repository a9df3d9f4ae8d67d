//! `incident import FILE.csv --mapping MAP.toml`: historical incidents from an old
//! register's spreadsheet. Pure: the file's bytes are decoded and read as a table
//! ([`table`]), the mapping file says which column holds which field of the report
//! ([`Mapping`]), and each row becomes a report and, when closed, a closure ([`row`]).
//! The store validates what the rows make against the same schemas and rules as a file
//! edited by hand, and records them as one journal entry.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::domain::Bilingual;

pub mod row;
pub mod table;
#[cfg(test)]
mod tests;

pub use row::{ImportedRow, RowContext, build_row};
pub use table::{Table, decode, read_table};

/// The fields a column can be mapped to, in the order the README lists them.
pub const FIELDS: [&str; 23] = [
    "internal_reference",
    "title",
    "discovered",
    "occurred",
    "ended",
    "observed",
    "description",
    "discovered_by",
    "what_happened",
    "how_discovered",
    "cause",
    "sector",
    "area",
    "data_subjects",
    "records",
    "verdict",
    "notified_imy",
    "imy_case_number",
    "late_reason",
    "closed",
    "closed_by",
    "root_cause",
    "lessons_learned",
];

/// The fields a mapping must name: a report cannot be recorded without them.
pub const REQUIRED: [&str; 2] = ["title", "discovered"];

/// The mapping file (TOML): which column holds which field, how dates are written, and
/// how the old register's words translate to the option keys of the IMY form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// The date format of the file, in chrono's `strftime` words (`%d/%m/%Y`);
    /// default `%Y-%m-%d`. A time after the date (`HH:MM`) is read in either case.
    #[serde(default)]
    pub date_format: Option<String>,
    /// Field → the column's name in the file's header.
    pub columns: BTreeMap<String, String>,
    /// Field → (the file's word → the option key): for what_happened, how_discovered,
    /// cause, sector, area and verdict. A word not listed is taken as the key itself.
    #[serde(default)]
    pub values: BTreeMap<String, BTreeMap<String, String>>,
}

impl Mapping {
    /// Reads a mapping file; the problem in words when it cannot be used.
    pub fn parse(text: &str) -> Result<Mapping, Bilingual> {
        let mapping: Mapping = toml::from_str(text).map_err(|e| {
            // The TOML reader's own words (English), with its line and column.
            let detail = e.to_string().trim().to_string();
            Bilingual::new(detail.clone(), detail)
        })?;
        for field in mapping.columns.keys().chain(mapping.values.keys()) {
            if !FIELDS.contains(&field.as_str()) {
                return Err(Bilingual::new(
                    format!(
                        "`{field}` är inget fält som en import fyller; de är: {}",
                        FIELDS.join(", ")
                    ),
                    format!(
                        "`{field}` is not a field an import fills; these are: {}",
                        FIELDS.join(", ")
                    ),
                ));
            }
        }
        for field in REQUIRED {
            if !mapping.columns.contains_key(field) {
                return Err(Bilingual::new(
                    format!("[columns] måste ange kolumnen för `{field}`"),
                    format!("[columns] must name the column of `{field}`"),
                ));
            }
        }
        Ok(mapping)
    }

    /// The column a field (or a field path, `what_happened.comment`) is read from.
    pub fn column_of(&self, field: &str) -> Option<&str> {
        let root = field.split(['.', '[']).next().unwrap_or(field);
        // The files' fields that are read from a column of another name.
        let root = match field {
            "closed_at" => "closed",
            "imy.submitted_at" => "notified_imy",
            "imy.case_number" => "imy_case_number",
            "imy.late_reason" => "late_reason",
            _ => root,
        };
        self.columns.get(root).map(String::as_str)
    }
}

/// What makes a CSV file unusable as a whole: nothing is imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CsvProblem {
    /// The file holds no header (or nothing at all).
    Empty,
    /// The file holds no row under its header.
    NoRows,
    /// Not UTF-8 from this line; `windows_1252` when the bytes read as Windows-1252
    /// (Excel's "CSV" in Swedish Windows saves that).
    NotUtf8 { line: u64, windows_1252: bool },
    /// A column the mapping names is not in the header.
    MissingColumn {
        column: String,
        field: String,
        header: Vec<String>,
    },
    /// A row with another number of cells than the header: a quote mark not closed, or
    /// a delimiter in an unquoted cell.
    Cells {
        line: u64,
        found: u64,
        expected: u64,
    },
    /// A quote mark opened at this line and never closed.
    Quote { line: u64 },
    /// The csv reader's own error at a line.
    Unreadable { line: u64, detail: String },
    /// The mapping file cannot be used.
    Mapping { detail: Bilingual },
    /// Rows refused (without `--skip-invalid`): each with its line, column and field.
    RowsRefused { rows: Vec<RowProblem>, total: usize },
}

/// One thing wrong in one row of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    /// The row's line in the file (the header is line 1).
    pub line: u64,
    /// The column the value came from, when one did.
    pub column: Option<String>,
    /// The report's field (dotted path).
    pub field: String,
    pub message: Bilingual,
}

/// A row whose old register's id (its `internal_reference`) an incident of the register
/// holds already: taken in by an earlier import of the same file. It is not imported
/// again, so running an import twice, or again after rows were added to the old file,
/// never doubles an incident.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlreadyHeld {
    pub line: u64,
    pub reference: String,
    pub id: crate::domain::IncidentId,
}

/// Sets aside the rows whose `internal_reference` is a key of `held` (the register's
/// incidents by their internal reference, compared trimmed): the rest are to import.
pub fn set_aside_held(
    rows: Vec<ImportedRow>,
    held: &BTreeMap<String, crate::domain::IncidentId>,
) -> (Vec<ImportedRow>, Vec<AlreadyHeld>) {
    let mut fresh = Vec::with_capacity(rows.len());
    let mut already = Vec::new();
    for row in rows {
        let found = row
            .report
            .internal_reference
            .as_deref()
            .map(str::trim)
            .and_then(|reference| held.get(reference).map(|id| (reference, id)));
        match found {
            Some((reference, id)) => already.push(AlreadyHeld {
                line: row.line,
                reference: reference.to_string(),
                id: id.clone(),
            }),
            None => fresh.push(row),
        }
    }
    (fresh, already)
}
