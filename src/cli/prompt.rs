//! Prompts behind a small trait, so commands ask through one interface; the dialoguer
//! implementation drives a real terminal (and tests drive it through a pseudo-terminal).
//!
//! At the terminal: a yes/no question takes j/ja/n/nej or y/yes/no in either language, in
//! any case, and echoes "ja"/"nej" ("yes"/"no"); an answer written in `$EDITOR` (`:e`) is
//! echoed as its first line; a multi-select says how to choose and marks the current line
//! and the chosen items without relying on colour (see `prompt/theme.rs`).

mod theme;

use dialoguer::console::Term;
use dialoguer::{Editor, Input, MultiSelect, Select};

use crate::cli::args::parse_yes_no;
use crate::domain::Lang;
use crate::domain::terminal::for_terminal;
use crate::error::{Error, Result};
use theme::{IncidentTheme, YesNoTheme, editor_echo, yes_no_hint, yes_no_word};

pub type Check<'a> = &'a dyn Fn(&str) -> Result<(), String>;

pub trait Prompter {
    /// One line of text; empty means "not known yet" unless `required`.
    fn text(
        &mut self,
        prompt: &str,
        default: Option<&str>,
        required: bool,
        check: Check,
    ) -> Result<Option<String>>;
    /// A longer text: one line, or `:e` to write it in $EDITOR.
    fn long_text(
        &mut self,
        prompt: &str,
        default: Option<&str>,
        required: bool,
    ) -> Result<Option<String>>;
    /// Yes or no, `default` taken on enter.
    fn confirm(&mut self, prompt: &str, default: bool) -> Result<bool>;
    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> Result<usize>;
    /// Any number of the items, `chosen` checked at first. Choosing none is a valid answer
    /// (usually "not known yet"), so it is confirmed before it is taken.
    fn multi_select(
        &mut self,
        prompt: &str,
        items: &[String],
        chosen: &[bool],
    ) -> Result<Vec<usize>>;
    /// As [`Prompter::multi_select`], for a caller that needs at least one item: choosing
    /// none is refused and asked again. A prompter without that notion confirms instead.
    fn multi_select_at_least_one(
        &mut self,
        prompt: &str,
        items: &[String],
        chosen: &[bool],
    ) -> Result<Vec<usize>> {
        self.multi_select(prompt, items, chosen)
    }
}

/// Items of a list as a terminal may show them.
fn safe(items: &[String]) -> Vec<String> {
    items
        .iter()
        .map(|item| for_terminal(item).into_owned())
        .collect()
}

fn prompt_error(error: dialoguer::Error) -> Error {
    Error::Prompt {
        message: error.to_string(),
    }
}

/// A line printed under the prompts (an answer's echo, an error), on stderr as dialoguer
/// prints its own.
fn print(line: &str) -> Result<()> {
    Term::stderr()
        .write_line(line)
        .map_err(|error| prompt_error(error.into()))
}

/// The line under a yes/no question answered with neither: what to type.
fn not_yes_or_no(lang: Lang, typed: &str) -> String {
    let typed = for_terminal(typed.trim());
    match lang {
        _ if typed.is_empty() => lang
            .pick("Svara j (ja) eller n (nej).", "Answer y (yes) or n (no).")
            .to_string(),
        Lang::Sv => format!("”{typed}” är varken ja eller nej: svara j (ja) eller n (nej)."),
        Lang::En => format!("“{typed}” is neither yes nor no: answer y (yes) or n (no)."),
    }
}

pub struct TerminalPrompter {
    theme: IncidentTheme,
    lang: Lang,
}

impl TerminalPrompter {
    pub fn new(lang: Lang) -> TerminalPrompter {
        TerminalPrompter {
            theme: IncidentTheme::new(lang),
            lang,
        }
    }

    fn t<'a>(&self, sv: &'a str, en: &'a str) -> &'a str {
        self.lang.pick(sv, en)
    }

    /// One line of text, not echoed: the caller echoes what the answer is.
    fn line(
        &self,
        prompt: &str,
        default: Option<&str>,
        required: bool,
        check: Check,
    ) -> Result<String> {
        let needed = self.t("Ett svar behövs här.", "An answer is needed here.");
        let mut input = Input::<String>::with_theme(&self.theme)
            .with_prompt(prompt)
            .allow_empty(!required)
            .report(false);
        if let Some(default) = default {
            // Shown as the terminal shows it, and taken so when accepted.
            input = input.default(for_terminal(default).into_owned());
        }
        let answer = input
            .validate_with(|text: &String| -> Result<(), String> {
                if text.trim().is_empty() {
                    return if required { Err(needed.into()) } else { Ok(()) };
                }
                check(text)
            })
            .interact_text()
            .map_err(prompt_error)?;
        Ok(answer.trim().to_string())
    }

    /// A yes/no question; without a default an answer must be typed. Asked again until
    /// the answer is one of j/ja/y/yes or n/nej/no, in any case and either language.
    fn yes_no(&self, prompt: &str, default: Option<bool>) -> Result<bool> {
        let prompt = for_terminal(prompt);
        let theme = YesNoTheme {
            base: &self.theme,
            hint: yes_no_hint(self.lang, default),
        };
        let lang = self.lang;
        let answer = Input::<String>::with_theme(&theme)
            .with_prompt(prompt.as_ref())
            .allow_empty(true)
            .report(false)
            .validate_with(|text: &String| -> Result<(), String> {
                if text.trim().is_empty() && default.is_some() {
                    return Ok(());
                }
                parse_yes_no(text)
                    .map(|_| ())
                    .map_err(|_| not_yes_or_no(lang, text))
            })
            .interact_text()
            .map_err(prompt_error)?;
        let answer = match parse_yes_no(&answer) {
            Ok(answer) => answer,
            // Only an empty answer passes the check unparsed, and only with a default.
            Err(_) => default.unwrap_or(false),
        };
        print(&self.theme.answered(&prompt, yes_no_word(self.lang, answer)))?;
        Ok(answer)
    }

    /// A multi-select that shows how to choose; an empty choice is confirmed, or refused
    /// when `at_least_one`.
    fn choose_many(
        &self,
        prompt: &str,
        items: &[String],
        chosen: &[bool],
        at_least_one: bool,
    ) -> Result<Vec<usize>> {
        let prompt = for_terminal(prompt);
        let items = safe(items);
        loop {
            let picked = MultiSelect::with_theme(&self.theme)
                .with_prompt(prompt.as_ref())
                .items(&items)
                .defaults(chosen)
                .interact()
                .map_err(prompt_error)?;
            if !picked.is_empty() {
                return Ok(picked);
            }
            if at_least_one {
                print(&self.theme.error_line(self.t(
                    "Välj minst ett: flytta med pilarna, mellanslag väljer, enter går vidare.",
                    "Choose at least one: move with the arrows, space selects, enter continues.",
                )))?;
                continue;
            }
            if self.yes_no(
                self.t(
                    "Inget valt – stämmer det?",
                    "Nothing chosen – is that right?",
                ),
                None,
            )? {
                return Ok(picked);
            }
        }
    }
}

impl Prompter for TerminalPrompter {
    fn text(
        &mut self,
        prompt: &str,
        default: Option<&str>,
        required: bool,
        check: Check,
    ) -> Result<Option<String>> {
        let prompt = for_terminal(prompt);
        let answer = self.line(&prompt, default, required, check)?;
        print(&self.theme.answered(&prompt, &for_terminal(&answer)))?;
        Ok((!answer.is_empty()).then_some(answer))
    }

    fn long_text(
        &mut self,
        prompt: &str,
        default: Option<&str>,
        required: bool,
    ) -> Result<Option<String>> {
        let prompt = format!(
            "{} {}",
            for_terminal(prompt),
            self.t("(:e öppnar $EDITOR)", "(:e opens $EDITOR)")
        );
        loop {
            let line = self.line(&prompt, default, required, &|_| Ok(()))?;
            if line != ":e" {
                print(&self.theme.answered(&prompt, &for_terminal(&line)))?;
                return Ok((!line.is_empty()).then_some(line));
            }
            let written = Editor::new()
                .edit(default.unwrap_or(""))
                .map_err(prompt_error)?;
            let written = written
                .map(|text| text.trim().to_string())
                .filter(|text| !text.is_empty());
            // What was written is echoed, not the `:e` that opened the editor.
            let echo = written.as_deref().map(editor_echo).unwrap_or_default();
            print(&self.theme.answered(&prompt, &for_terminal(&echo)))?;
            if written.is_some() || !required {
                return Ok(written);
            }
        }
    }

    fn confirm(&mut self, prompt: &str, default: bool) -> Result<bool> {
        self.yes_no(prompt, Some(default))
    }

    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> Result<usize> {
        Select::with_theme(&self.theme)
            .with_prompt(for_terminal(prompt))
            .items(safe(items))
            .default(default)
            .interact()
            .map_err(prompt_error)
    }

    fn multi_select(
        &mut self,
        prompt: &str,
        items: &[String],
        chosen: &[bool],
    ) -> Result<Vec<usize>> {
        self.choose_many(prompt, items, chosen, false)
    }

    fn multi_select_at_least_one(
        &mut self,
        prompt: &str,
        items: &[String],
        chosen: &[bool],
    ) -> Result<Vec<usize>> {
        self.choose_many(prompt, items, chosen, true)
    }
}
