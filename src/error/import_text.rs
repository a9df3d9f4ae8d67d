//! The words of `incident import`'s refusals (a CSV file or its mapping that cannot be
//! taken in), in Swedish and in English. Nothing is imported after any of them.

use crate::domain::Lang;
use crate::domain::import::{CsvProblem, RowProblem};
use crate::domain::terminal::for_terminal;

/// What is wrong with the file, naming its line.
pub(super) fn message(file: &str, problem: &CsvProblem, lang: Lang) -> String {
    let file = for_terminal(file);
    match (problem, lang) {
        (CsvProblem::Empty, Lang::Sv) => {
            format!("{file} är tom: ingen rubrikrad och inga rader; ingenting importerades")
        }
        (CsvProblem::Empty, Lang::En) => {
            format!("{file} is empty: no header and no rows; nothing was imported")
        }
        (CsvProblem::NoRows, Lang::Sv) => format!(
            "{file} har bara en rubrikrad och inga rader att importera; ingenting importerades"
        ),
        (CsvProblem::NoRows, Lang::En) => {
            format!("{file} holds a header and no rows to import; nothing was imported")
        }
        (CsvProblem::NotUtf8 { line, windows_1252 }, Lang::Sv) => format!(
            "{file} rad {line}: inte UTF-8{}; ingenting importerades",
            if *windows_1252 {
                " (den ser ut att vara sparad som Windows-1252, Excels vanliga \"CSV\")"
            } else {
                ""
            }
        ),
        (CsvProblem::NotUtf8 { line, windows_1252 }, Lang::En) => format!(
            "{file} line {line}: not UTF-8{}; nothing was imported",
            if *windows_1252 {
                " (it looks saved as Windows-1252, Excel's plain \"CSV\")"
            } else {
                ""
            }
        ),
        (
            CsvProblem::MissingColumn {
                column,
                field,
                header,
            },
            Lang::Sv,
        ) => format!(
            "{file}: kolumnen \"{}\" ({field} i mappningsfilen) finns inte i rubrikraden, som har: {}; ingenting importerades",
            for_terminal(column),
            for_terminal(&header.join(", "))
        ),
        (
            CsvProblem::MissingColumn {
                column,
                field,
                header,
            },
            Lang::En,
        ) => format!(
            "{file}: the column \"{}\" ({field} in the mapping file) is not in the header, which has: {}; nothing was imported",
            for_terminal(column),
            for_terminal(&header.join(", "))
        ),
        (
            CsvProblem::Cells {
                line,
                found,
                expected,
            },
            Lang::Sv,
        ) => format!(
            "{file} rad {line}: {found} celler, men rubrikraden har {expected}: ett citattecken som inte stängs, eller ett skiljetecken i en cell utan citattecken; ingenting importerades"
        ),
        (
            CsvProblem::Cells {
                line,
                found,
                expected,
            },
            Lang::En,
        ) => format!(
            "{file} line {line}: {found} cells, but the header has {expected}: a quote mark not closed, or a delimiter in a cell without quotes; nothing was imported"
        ),
        (CsvProblem::Quote { line }, Lang::Sv) => format!(
            "{file} rad {line}: ett citattecken öppnas och stängs aldrig; ingenting importerades"
        ),
        (CsvProblem::Quote { line }, Lang::En) => format!(
            "{file} line {line}: a quote mark is opened and never closed; nothing was imported"
        ),
        (CsvProblem::Unreadable { line, detail }, Lang::Sv) => format!(
            "{file} rad {line}: kan inte läsas som CSV ({}); ingenting importerades",
            for_terminal(detail)
        ),
        (CsvProblem::Unreadable { line, detail }, Lang::En) => format!(
            "{file} line {line}: cannot be read as CSV ({}); nothing was imported",
            for_terminal(detail)
        ),
        (CsvProblem::Mapping { detail }, Lang::Sv) => format!(
            "mappningsfilen {file} kan inte användas: {}; ingenting importerades",
            for_terminal(detail.get(lang))
        ),
        (CsvProblem::Mapping { detail }, Lang::En) => format!(
            "the mapping file {file} cannot be used: {}; nothing was imported",
            for_terminal(detail.get(lang))
        ),
        (CsvProblem::RowsRefused { rows, total }, _) => refused(&file, rows, *total, lang),
    }
}

/// The refused rows, one problem a line: `line N, column "C" (field): what to do`.
fn refused(file: &str, rows: &[RowProblem], total: usize, lang: Lang) -> String {
    let mut lines: Vec<u64> = rows.iter().map(|p| p.line).collect();
    lines.dedup();
    let mut text = match lang {
        Lang::Sv => format!(
            "{file}: {} av {total} rader kan inte importeras, så ingenting importerades:",
            lines.len()
        ),
        Lang::En => format!(
            "{file}: {} of {total} rows cannot be imported, so nothing was imported:",
            lines.len()
        ),
    };
    for problem in rows {
        let place = match (&problem.column, lang) {
            (Some(column), Lang::Sv) => format!(
                "rad {}, kolumn \"{}\" ({})",
                problem.line,
                for_terminal(column),
                problem.field
            ),
            (Some(column), Lang::En) => format!(
                "line {}, column \"{}\" ({})",
                problem.line,
                for_terminal(column),
                problem.field
            ),
            (None, Lang::Sv) => format!("rad {} ({})", problem.line, problem.field),
            (None, Lang::En) => format!("line {} ({})", problem.line, problem.field),
        };
        text.push_str(&format!(
            "\n  {place}: {}",
            for_terminal(problem.message.get(lang))
        ));
    }
    text
}

/// What to do next.
pub(super) fn hint(problem: &CsvProblem, lang: Lang) -> String {
    match problem {
        CsvProblem::NotUtf8 { .. } => lang.pick(
            "spara filen som \"CSV UTF-8 (kommaavgränsad)\" i Excel (Arkiv > Spara som), eller som UTF-8 i LibreOffice, och importera igen",
            "save the file as \"CSV UTF-8 (Comma delimited)\" in Excel (File > Save As), or as UTF-8 in LibreOffice, and import it again",
        ),
        // A header read as one cell that holds the other delimiter: the file was read
        // with the wrong one (`--delimiter comma` on Excel's semicolons, or the reverse).
        CsvProblem::MissingColumn { header, .. }
            if header.len() == 1 && header[0].contains([';', ',']) =>
        {
            lang.pick(
                "rubrikraden lästes som en enda kolumn: filen har ett annat skiljetecken; ange det med --delimiter comma|semicolon, eller utelämna --delimiter så avgörs det av rubrikraden",
                "the header was read as one column: the file has another delimiter; give it with --delimiter comma|semicolon, or leave --delimiter out to have it found from the header",
            )
        }
        CsvProblem::MissingColumn { .. } => lang.pick(
            "rätta kolumnens namn under [columns] i mappningsfilen så att det står som i rubrikraden",
            "correct the column's name under [columns] in the mapping file to read as in the header",
        ),
        CsvProblem::Cells { .. } | CsvProblem::Quote { .. } | CsvProblem::Unreadable { .. } => lang.pick(
            "rätta raden i filen; är skiljetecknet fel, ange det med --delimiter comma|semicolon",
            "correct the row in the file; if the delimiter is wrong, give it with --delimiter comma|semicolon",
        ),
        CsvProblem::RowsRefused { .. } => lang.pick(
            "rätta raderna i filen eller i mappningsfilen och importera igen, eller importera de övriga med --skip-invalid",
            "correct the rows in the file or the mapping file and import again, or import the others with --skip-invalid",
        ),
        CsvProblem::Empty | CsvProblem::NoRows => lang.pick(
            "exportera registret igen med en rubrikrad och minst en rad",
            "export the register again with a header and at least one row",
        ),
        CsvProblem::Mapping { .. } => lang.pick(
            "se README:s avsnitt om kalkylblad och exemplet examples/import/mapping.toml",
            "see the README's section on spreadsheets and the example examples/import/mapping.toml",
        ),
    }
    .to_string()
}
