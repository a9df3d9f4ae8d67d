//! Output: data on stdout, messages on stderr, tables, colour (off with NO_COLOR or when
//! the stream is not a terminal). Commands print only through this module.

use std::io::{IsTerminal, Write};

use comfy_table::{ContentArrangement, Table, presets};

use crate::domain::Lang;

pub struct Ui {
    pub lang: Lang,
    color: bool,
}

impl Ui {
    pub fn new(lang: Lang) -> Ui {
        let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            && std::io::stdout().is_terminal();
        Ui { lang, color }
    }

    pub fn t<'a>(&self, sv: &'a str, en: &'a str) -> &'a str {
        self.lang.pick(sv, en)
    }

    /// Data for the caller: stdout. A closed pipe (`incident list | head`) is not an error.
    pub fn out(&self, text: &str) {
        let mut stdout = std::io::stdout().lock();
        let _ = stdout.write_all(text.as_bytes());
        if !text.ends_with('\n') {
            let _ = stdout.write_all(b"\n");
        }
        let _ = stdout.flush();
    }

    /// A message for the person: stderr.
    pub fn say(&self, text: &str) {
        let mut stderr = std::io::stderr().lock();
        let _ = writeln!(stderr, "{text}");
    }

    pub fn json<T: serde::Serialize>(&self, value: &T) {
        let text = serde_json::to_string_pretty(value)
            .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
        self.out(&text);
    }

    /// A table styled for the terminal, or plain ASCII when piped.
    pub fn table(&self, header: Vec<&str>) -> Table {
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
        table.set_header(header);
        table
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
            done: Default::default(),
            started: std::time::Instant::now(),
            shown: Default::default(),
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
