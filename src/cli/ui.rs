//! Output: data on stdout, messages on stderr, tables, colour (off with NO_COLOR or when
//! the stream is not a terminal). Commands print only through this module.

use std::io::{IsTerminal, Write};

use comfy_table::{ContentArrangement, Table, presets};

use crate::domain::Lang;
use crate::domain::terminal::{for_terminal, is_unsafe};
use crate::store::{Outcome, Recorded};

/// Rows a table lays out at a time (see [`Ui::print_table`]).
const TABLE_CHUNK: usize = 1000;

#[derive(Clone)]
pub struct Ui {
    pub lang: Lang,
    color: bool,
    /// The pager that data on stdout goes through, if any (see [`Ui::with_pager`]).
    pager: Option<String>,
}

impl Ui {
    pub fn new(lang: Lang) -> Ui {
        let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            && std::io::stdout().is_terminal();
        Ui {
            lang,
            color,
            pager: None,
        }
    }

    /// The interface with its data on stdout paged by `pager` (see [`super::pager`]): for
    /// the long output of `show`, `list` and `export imy`. Messages on stderr are not paged.
    pub fn with_pager(self, pager: Option<String>) -> Ui {
        Ui { pager, ..self }
    }

    /// Writes data through `write` to stdout, or through the pager. A closed pipe
    /// (`incident list | head`) is not an error.
    fn write_out(&self, write: &dyn Fn(&mut dyn Write) -> std::io::Result<()>) {
        match &self.pager {
            Some(command) => super::pager::page(command, write),
            None => {
                let mut stdout = std::io::stdout().lock();
                let _ = write(&mut stdout);
                let _ = stdout.flush();
            }
        }
    }

    pub fn t<'a>(&self, sv: &'a str, en: &'a str) -> &'a str {
        self.lang.pick(sv, en)
    }

    /// Data for the caller: stdout, safe for a terminal (nothing a person typed controls
    /// it: see [`for_terminal`]). A closed pipe (`incident list | head`) is not an error.
    pub fn out(&self, text: &str) {
        self.out_styled(&for_terminal(text));
    }

    /// As [`Ui::out`], for text that carries the tool's own styling (colours): the caller
    /// has made every piece of a person's text in it safe with [`for_terminal`].
    pub fn out_styled(&self, text: &str) {
        self.write_out(&|out| {
            out.write_all(text.as_bytes())?;
            if !text.ends_with('\n') {
                out.write_all(b"\n")?;
            }
            Ok(())
        });
    }

    /// A file for another program on stdout, byte for byte (an iCalendar file's CRLF line
    /// ends are the format's): the caller has escaped a person's text in it by the format's
    /// rules and left out the control characters.
    pub fn out_document(&self, text: &str) {
        self.write_out(&|out| out.write_all(text.as_bytes()));
    }

    /// A message for the person: stderr, safe for a terminal.
    pub fn say(&self, text: &str) {
        self.say_styled(&for_terminal(text));
    }

    /// As [`Ui::say`], for text with the tool's own styling (bold); the caller has made a
    /// person's text in it safe.
    pub fn say_styled(&self, text: &str) {
        let mut stderr = std::io::stderr().lock();
        let _ = writeln!(stderr, "{text}");
    }

    /// JSON on stdout. serde_json escapes the C0 controls; the C1 controls and the
    /// bidirectional overrides, valid in JSON strings, are escaped too (`\u009b`): the
    /// data are the same, and a terminal shows them instead of obeying them.
    pub fn json<T: serde::Serialize>(&self, value: &T) {
        let text = serde_json::to_string_pretty(value)
            .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
        let mut safe = String::with_capacity(text.len());
        for c in text.chars() {
            if is_unsafe(c) {
                safe.push_str(&format!("\\u{:04x}", u32::from(c)));
            } else {
                safe.push(c);
            }
        }
        self.out_styled(&safe);
    }

    /// A table styled for the terminal, or plain ASCII when piped.
    pub fn table(&self, header: Vec<&str>) -> Table {
        let mut table = self.styled_table();
        table.set_header(header);
        table
    }

    fn styled_table(&self) -> Table {
        let mut table = Table::new();
        table.load_style(if self.color {
            presets::UTF8_FULL_CONDENSED
        } else {
            presets::ASCII_FULL_CONDENSED
        });
        table.set_content_arrangement(ContentArrangement::Disabled);
        if !self.color {
            table.force_no_tty();
        }
        table
    }

    /// Prints a table of any number of rows with bounded memory: comfy-table holds every
    /// cell several times over, so many rows are laid out in chunks that share the column
    /// widths of the whole table; the printed text is the same as one table's.
    pub fn print_table(&self, header: Vec<&str>, rows: &[Vec<String>]) {
        // Made safe before the layout, so that the columns stay aligned.
        let rows: Vec<Vec<String>> = rows
            .iter()
            .map(|row| {
                row.iter()
                    .map(|cell| for_terminal(cell).into_owned())
                    .collect()
            })
            .collect();
        self.write_out(&|out| {
            for line in self.table_lines(&header, &rows, TABLE_CHUNK) {
                // A closed pipe ends the writing; it is not an error.
                writeln!(out, "{line}")?;
            }
            Ok(())
        });
    }

    /// The lines of the table of `rows`, laid out `chunk` rows at a time.
    fn table_lines<'a>(
        &'a self,
        header: &'a [&'a str],
        rows: &'a [Vec<String>],
        chunk: usize,
    ) -> impl Iterator<Item = String> + 'a {
        let table_of = move |part: &[Vec<String>], with_header: bool| {
            let mut table = self.styled_table();
            if with_header {
                table.set_header(header.to_vec());
            }
            for row in part {
                table.add_row(row.clone());
            }
            table
        };
        let mut widths = vec![0u16; header.len()];
        if rows.len() > chunk {
            for (index, part) in rows.chunks(chunk).enumerate() {
                let table = table_of(part, index == 0);
                for (width, found) in widths.iter_mut().zip(table.column_max_content_widths()) {
                    *width = (*width).max(found);
                }
            }
        }
        let parts = rows.chunks(chunk.max(1)).count().max(1);
        let chunks: Vec<&[Vec<String>]> = if rows.is_empty() {
            vec![&[]]
        } else {
            rows.chunks(chunk.max(1)).collect()
        };
        chunks
            .into_iter()
            .enumerate()
            .flat_map(move |(index, part)| {
                let mut table = table_of(part, index == 0);
                if parts > 1 {
                    // Padding of one space each side is outside the content width.
                    table.set_constraints(widths.iter().map(|width| {
                        comfy_table::ColumnConstraint::Absolute(comfy_table::Width::Fixed(
                            width + 2,
                        ))
                    }));
                }
                let lines: Vec<String> = table.lines().collect();
                // Chunks after the first lose their top border, all but the last their bottom.
                let first = usize::from(index > 0);
                let end = lines.len() - usize::from(index + 1 < parts);
                lines.into_iter().take(end).skip(first).collect::<Vec<_>>()
            })
    }

    /// Tells what a change recorded: the comments its rewrite did not keep, the edits by
    /// hand recorded first, and its own journal entry.
    pub fn outcome(&self, outcome: &Outcome) {
        if let Some(at) = outcome.repeated {
            self.say(&format!(
                "{} {} ({} {}, {}) — {}",
                self.t("Redan registrerad:", "Already recorded:"),
                outcome.entry.subject,
                self.t("journalpost", "journal entry"),
                short(&outcome.entry.commit),
                at.format("%Y-%m-%d %H:%M"),
                self.t(
                    "samma ändring av samma person för några minuter sedan; inget registrerades igen.",
                    "the same change by the same person minutes ago; nothing was recorded again."
                )
            ));
            return;
        }
        for file in &outcome.comments_lost {
            self.say(&format!(
                "{} {file} {}",
                self.t("Obs:", "Note:"),
                self.t(
                    "har kommentarer som inte behålls när filen skrivs om (journalen har dem kvar).",
                    "has comments that are not kept when the file is rewritten (the journal keeps them)."
                )
            ));
        }
        if let Some(edits) = &outcome.hand_edits {
            self.say(&format!(
                "{} {} ({})",
                self.t(
                    "Handredigeringar registrerade först:",
                    "Hand edits recorded first:"
                ),
                edits.subject,
                short(&edits.commit)
            ));
        }
        self.entry(&outcome.entry);
        if let Some(tag) = &outcome.filed {
            self.say(&format!(
                "{} {tag}",
                self.t("Inlämningen taggad:", "Filing tagged:")
            ));
        }
        self.unfinished(outcome.unfinished.as_ref());
    }

    /// Tells what failed after a change was recorded: the change stands (the exit code
    /// says so), and what finishes the work tree.
    pub fn unfinished(&self, failure: Option<&crate::error::Error>) {
        if let Some(failure) = failure {
            self.say(&format!(
                "{} {} {}",
                self.t(
                    "Varning: ändringen är registrerad, men filerna eller Gits index är inte i fas med journalen:",
                    "Warning: the change is recorded, but the files or Git's index are not yet as the journal holds them:"
                ),
                failure.full_text(self.lang),
                self.t(
                    "— nästa ändring av incidenten, eller `incident record`, gör klart dem från journalen; kör inte samma kommando igen.",
                    "— the next change of the incident, or `incident record`, finishes them from the journal; do not run the same command again."
                )
            ));
        }
    }

    /// Tells a reader that Git's state refuses changes now (a detached HEAD, a merge in
    /// progress), and what leaves it; reading goes on.
    pub fn git_state(&self, refusal: Option<crate::error::Error>) {
        if let Some(refusal) = refusal {
            self.say(&format!(
                "{} {}",
                self.t("Obs:", "Note:"),
                refusal.full_text(self.lang)
            ));
        }
    }

    /// Tells how a shared clone stands against its server, as last fetched: entries not
    /// yet pushed, entries of the server's not yet here, ids still provisional.
    pub fn sharing(&self, status: Option<&crate::store::sharing::SharingStatus>) {
        let Some(status) = status else { return };
        if status.interrupted {
            self.say(self.t(
                "Obs: en synk avbröts innan filerna hann skrivas; det som visas kan vara från före synken. Nästa ändring, eller `incident record`, gör klart den.",
                "Note: a sync was interrupted before the files were written; what is shown may be from before the sync. The next change, or `incident record`, finishes it.",
            ));
        }
        if status.never_synced {
            self.say(&format!(
                "{} {} {}{}",
                self.t("Obs:", "Note:"),
                self.t(
                    "registret har ännu inte skickats till servern",
                    "the register has not been pushed to the server"
                ),
                status.remote,
                self.t(
                    " — `incident sync` skickar det; till dess är alla id preliminära.",
                    " yet — `incident sync` pushes it; until then every id is provisional."
                ),
            ));
        }
        if status.unpushed > 0 {
            self.say(&format!(
                "{} {} {} {}{}",
                self.t("Obs:", "Note:"),
                status.unpushed,
                if status.unpushed == 1 {
                    self.t(
                        "journalpost här är inte skickad till servern",
                        "journal entry here is not pushed to the server",
                    )
                } else {
                    self.t(
                        "journalposter här är inte skickade till servern",
                        "journal entries here are not pushed to the server",
                    )
                },
                status.remote,
                self.t(
                    " än — `incident sync` skickar dem.",
                    " yet — `incident sync` pushes them."
                ),
            ));
        }
        if status.behind > 0 {
            self.say(&format!(
                "{} {} {} {}",
                self.t("Obs:", "Note:"),
                status.behind,
                if status.behind == 1 {
                    self.t(
                        "journalpost på servern finns inte här än (vid senaste hämtningen) —",
                        "journal entry on the server is not here yet (as last fetched) —",
                    )
                } else {
                    self.t(
                        "journalposter på servern finns inte här än (vid senaste hämtningen) —",
                        "journal entries on the server are not here yet (as last fetched) —",
                    )
                },
                self.t(
                    "`incident sync` hämtar dem.",
                    "`incident sync` fetches them."
                ),
            ));
        }
        if !status.provisional.is_empty() {
            let ids: Vec<String> = status.provisional.iter().map(ToString::to_string).collect();
            self.say(&format!(
                "{} {} {}",
                self.t("Preliminära id (inte synkade):", "Provisional ids (not synced):"),
                ids.join(", "),
                self.t(
                    "— ett id som servern redan gett byts vid synken; lämna inte ut dem förrän de är synkade.",
                    "— an id the server has given already is replaced at the sync; do not pass them on before they are synced."
                ),
            ));
        }
    }

    /// Tells the journal entry a command recorded.
    pub fn entry(&self, recorded: &Recorded) {
        self.say(&format!(
            "{} {} ({} {})",
            self.t("Registrerad:", "Recorded:"),
            recorded.subject,
            self.t("journalpost", "journal entry"),
            short(&recorded.commit)
        ));
    }

    pub fn bold(&self, text: &str) -> String {
        if self.color {
            format!("\u{1b}[1m{text}\u{1b}[0m")
        } else {
            text.to_string()
        }
    }

    pub fn colored(&self) -> bool {
        self.color
    }
}

/// A commit's short id, as Git shows it.
pub fn short(commit: &str) -> &str {
    commit.get(..7).unwrap_or(commit)
}

/// A progress line on stderr for long whole-register work: shown only on a terminal and
/// only once the work has taken longer than a second, then cleared at the end.
pub struct Progress {
    label: String,
    total: usize,
    done: std::sync::atomic::AtomicUsize,
    started: std::time::Instant,
    shown: std::sync::atomic::AtomicBool,
    enabled: bool,
}

impl Progress {
    const DELAY: std::time::Duration = std::time::Duration::from_secs(1);

    pub fn new(label: &str, total: usize) -> Progress {
        Progress {
            label: label.to_string(),
            total,
            done: std::sync::atomic::AtomicUsize::default(),
            started: std::time::Instant::now(),
            shown: std::sync::atomic::AtomicBool::default(),
            enabled: std::io::stderr().is_terminal(),
        }
    }

    /// One more item done; redraws at most every 1 % of the items.
    pub fn tick(&self) {
        use std::sync::atomic::Ordering;
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        if !self.enabled || !done.is_multiple_of((self.total / 100).max(1)) {
            return;
        }
        if self.started.elapsed() < Self::DELAY {
            return;
        }
        self.shown.store(true, Ordering::Relaxed);
        let mut stderr = std::io::stderr().lock();
        let _ = write!(stderr, "\r{} {done}/{} ", self.label, self.total);
        let _ = stderr.flush();
    }

    /// Clears the line, if it was shown.
    pub fn finish(&self) {
        if self.shown.load(std::sync::atomic::Ordering::Relaxed) {
            let mut stderr = std::io::stderr().lock();
            let _ = write!(stderr, "\r\u{1b}[2K");
            let _ = stderr.flush();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_laid_out_in_chunks_reads_as_one_table() {
        let ui = Ui {
            lang: Lang::En,
            color: false,
            pager: None,
        };
        let rows: Vec<Vec<String>> = (1..=57)
            .map(|n| {
                vec![
                    format!("2026-{n:04}"),
                    "å".repeat(n % 13),
                    "x".repeat((n * 7) % 5),
                ]
            })
            .collect();
        let header = ["Id", "Rubrik", "Status"];
        let whole: Vec<String> = ui.table_lines(&header, &rows, 1000).collect();
        let chunked: Vec<String> = ui.table_lines(&header, &rows, 10).collect();
        assert_eq!(chunked, whole);
        assert_eq!(whole.len(), 57 + 4, "top, header, separator, rows, bottom");
    }
}
