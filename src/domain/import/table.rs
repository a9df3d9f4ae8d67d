//! The CSV file as a table: decoded (UTF-8, with or without a byte order mark; a file
//! in another encoding named, with its line), its delimiter found, every row read with
//! its line in the file.

use super::CsvProblem;

/// The header and the rows of a CSV file, each row with the line it begins on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<(u64, Vec<String>)>,
}

impl Table {
    /// The index of a column by its name in the header (trimmed): as written, else the
    /// one column whose name differs only in case (a header typed `RUBRIK` or `rubrik`
    /// over the years of an old register).
    pub fn column(&self, name: &str) -> Option<usize> {
        let name = name.trim();
        if let Some(index) = self.header.iter().position(|h| h.trim() == name) {
            return Some(index);
        }
        let lower = name.to_lowercase();
        let mut same = (self.header.iter().enumerate())
            .filter(|(_, h)| h.trim().to_lowercase() == lower)
            .map(|(index, _)| index);
        match (same.next(), same.next()) {
            (Some(index), None) => Some(index),
            _ => None,
        }
    }
}

/// The file's text: UTF-8, a byte order mark at its start dropped. Other bytes are named
/// by their line; Windows-1252 (what Excel in Swedish saves as plain "CSV") is recognised
/// by its letters å, ä, ö, é in single bytes.
pub fn decode(bytes: &[u8]) -> Result<&str, CsvProblem> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|error| {
        let at = error.valid_up_to();
        let line = 1 + bytes[..at].iter().filter(|b| **b == b'\n').count() as u64;
        // å ä ö Å Ä Ö é É in Windows-1252; as a UTF-8 lead byte each would need a
        // continuation byte after it, which a Swedish word's next letter is not.
        let windows_1252 = bytes[at..]
            .iter()
            .take_while(|b| **b != b'\n')
            .any(|b| matches!(b, 0xe5 | 0xe4 | 0xf6 | 0xc5 | 0xc4 | 0xd6 | 0xe9 | 0xc9));
        CsvProblem::NotUtf8 { line, windows_1252 }
    })
}

/// The delimiter of a file whose header holds more semicolons than commas is a
/// semicolon (Excel in Swedish), else a comma.
pub fn detect_delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or_default();
    let count = |c: char| header.chars().filter(|x| *x == c).count();
    if count(';') > count(',') { b';' } else { b',' }
}

/// Reads the table of `text` with `delimiter` (`None`: detected). Every row must have the
/// header's number of cells: a quote mark not closed makes a row swallow the next ones,
/// and is found so, at the line where the row begins.
pub fn read_table(text: &str, delimiter: Option<u8>) -> Result<Table, CsvProblem> {
    if text.trim().is_empty() {
        return Err(CsvProblem::Empty);
    }
    let delimiter = delimiter.unwrap_or_else(|| detect_delimiter(text));
    // The line a record begins on, counted from the text's line feeds: after a CR LF (the
    // line end Excel writes) the csv reader starts the next record at the LF, and its own
    // count is one short, so a row of such a file would be named by the line above it.
    let newlines: Vec<usize> = text.match_indices('\n').map(|(at, _)| at).collect();
    let line_at = |byte: u64| {
        let start = offset(byte).min(text.len());
        let skipped = text[start..]
            .bytes()
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .count();
        1 + newlines.partition_point(|at| *at < start + skipped) as u64
    };
    let problem_of = |error: &csv::Error| {
        let problem = unreadable(error, &line_at);
        // A row too short that holds a quote mark never closed: the quote is the cause.
        if let (CsvProblem::Cells { line, .. }, Some(position)) = (&problem, error.position())
            && text
                .get(offset(position.byte())..)
                .is_some_and(|rest| rest.matches('"').count() % 2 == 1)
        {
            return CsvProblem::Quote { line: *line };
        }
        problem
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| problem_of(&e))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let mut rows = Vec::new();
    let mut starts = vec![(1, 0)];
    for record in reader.records() {
        let record = record.map_err(|e| problem_of(&e))?;
        let byte = record.position().map_or(0, csv::Position::byte);
        let line = line_at(byte);
        starts.push((line, byte));
        // A line with nothing on it (a trailing empty row of a spreadsheet) is no row.
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        // A line break inside a quoted cell as Windows writes it (CR LF), or an old Mac's
        // CR, is kept as the register's own line break (LF), as a hand-written text has it.
        let cells = record
            .iter()
            .map(|cell| cell.replace("\r\n", "\n").replace('\r', "\n"))
            .collect();
        rows.push((line, cells));
    }
    // The reader takes a quote mark never closed as a cell that runs to the end of the
    // file: a record whose text holds an odd number of quote marks is where it opened.
    for (index, (line, start)) in starts.iter().enumerate() {
        let end = starts
            .get(index + 1)
            .map_or(text.len(), |(_, byte)| offset(*byte));
        let slice = text.get(offset(*start)..end).unwrap_or_default();
        if slice.matches('"').count() % 2 == 1 {
            return Err(CsvProblem::Quote { line: *line });
        }
    }
    if rows.is_empty() {
        return Err(CsvProblem::NoRows);
    }
    Ok(Table { header, rows })
}

fn unreadable(error: &csv::Error, line_at: &dyn Fn(u64) -> u64) -> CsvProblem {
    let line = |pos: Option<&csv::Position>| pos.map_or(0, |p| line_at(p.byte()));
    match error.kind() {
        csv::ErrorKind::UnequalLengths {
            pos,
            expected_len,
            len,
        } => CsvProblem::Cells {
            line: line(pos.as_ref()),
            found: *len,
            expected: *expected_len,
        },
        _ => CsvProblem::Unreadable {
            line: line(error.position()),
            detail: error.to_string(),
        },
    }
}

/// A byte position of the reader as an index into the text it read (which fits, being in
/// memory).
fn offset(byte: u64) -> usize {
    usize::try_from(byte).unwrap_or(usize::MAX)
}
