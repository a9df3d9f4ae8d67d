//! CSV for spreadsheets (`list --format csv`, `stats --format csv`): UTF-8 with a byte
//! order mark, so that Excel reads å, ä and ö; a comma between the cells, or a semicolon
//! for Excel in Swedish, where the comma is the decimal separator (and decimals then take
//! a comma); every cell from the register guarded against formula injection.

use crate::cli::ui::Ui;
use crate::domain::Lang;
use crate::domain::terminal::for_terminal;

/// The byte order mark Excel needs to read a CSV file as UTF-8.
pub const BOM: &str = "\u{feff}";

/// The character between the cells of a CSV file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Delimiter {
    /// A comma, as RFC 4180 and English spreadsheets have it
    #[default]
    Comma,
    /// A semicolon, for Excel in Swedish (the comma is its decimal separator); decimals take a comma
    Semicolon,
}

impl Delimiter {
    fn byte(self) -> u8 {
        match self {
            Delimiter::Comma => b',',
            Delimiter::Semicolon => b';',
        }
    }

    /// A decimal number as the spreadsheet reads it: a comma beside semicolons, a point
    /// beside commas.
    pub fn decimal(self, value: f64, places: usize) -> String {
        match self {
            Delimiter::Comma => Lang::En.decimal_places(value, places),
            Delimiter::Semicolon => Lang::Sv.decimal_places(value, places),
        }
    }
}

/// A cell a spreadsheet will not take for a formula. A text beginning with `=`, `+`, `-`,
/// `@`, a tab or a carriage return is run as a formula by Excel and LibreOffice (CSV
/// injection, OWASP "CSV Injection"): OWASP's advice is to begin such a cell with a single
/// quote, which the spreadsheet shows as text.
pub fn guarded(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// The CSV text of `header` and `rows`: the byte order mark, then one record a line.
/// Each cell is guarded against formula injection ([`guarded`]) and its control
/// characters shown as escapes (the text may reach a terminal); the csv crate quotes
/// what needs quoting. Cells the tool computes (numbers) are passed in `rows` as well:
/// none of them begins with a formula character but a negative number, which no figure
/// of the register is.
pub fn to_csv(header: &[&str], rows: &[Vec<String>], delimiter: Delimiter) -> String {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(delimiter.byte())
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let cell = |text: &str| for_terminal(&guarded(text)).into_owned();
    // Writing to a Vec cannot fail; a record that could not be written would be a bug.
    let _ = writer.write_record(header.iter().map(|h| cell(h)));
    for row in rows {
        let _ = writer.write_record(row.iter().map(|c| cell(c)));
    }
    let bytes = writer.into_inner().unwrap_or_default();
    format!("{BOM}{}", String::from_utf8_lossy(&bytes))
}

/// Prints the CSV of `header` and `rows` on stdout.
pub fn print(ui: &Ui, header: &[&str], rows: &[Vec<String>], delimiter: Delimiter) {
    // Each cell is safe already: the record separators are the tool's own.
    ui.out_styled(&to_csv(header, rows, delimiter));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_take_a_quote_first() {
        let cases = [
            ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"),
            ("+46 8 123", "'+46 8 123"),
            ("-1", "'-1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tindrag", "'\tindrag"),
            ("\rx", "'\rx"),
            ("Fel mottagare", "Fel mottagare"),
            ("2026-0001", "2026-0001"),
            ("", ""),
        ];
        for (cell, want) in cases {
            assert_eq!(guarded(cell), want, "{cell:?}");
        }
    }

    #[test]
    fn csv_has_a_bom_quotes_and_the_delimiter() {
        let rows = vec![vec!["2026-0001".into(), "Brev; fel \"mottagare\"".into()]];
        let text = to_csv(&["Id", "Rubrik"], &rows, Delimiter::Semicolon);
        assert_eq!(
            text,
            "\u{feff}Id;Rubrik\n2026-0001;\"Brev; fel \"\"mottagare\"\"\"\n"
        );
        let text = to_csv(&["Id", "Title"], &rows, Delimiter::Comma);
        assert_eq!(
            text,
            "\u{feff}Id,Title\n2026-0001,\"Brev; fel \"\"mottagare\"\"\"\n"
        );
    }

    #[test]
    fn decimals_follow_the_delimiter() {
        assert_eq!(Delimiter::Semicolon.decimal(12.34, 1), "12,3");
        assert_eq!(Delimiter::Comma.decimal(12.5, 1), "12.5");
    }

    #[test]
    fn control_characters_are_escaped_in_cells() {
        let rows = vec![vec!["a\u{1b}[2Jb".into()]];
        assert_eq!(
            to_csv(&["x"], &rows, Delimiter::Comma),
            "\u{feff}x\na\\u{1b}[2Jb\n"
        );
    }
}
