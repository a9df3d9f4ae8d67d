//! Prompts behind a small trait, so commands ask through one interface; the dialoguer
//! implementation drives a real terminal (and tests drive it through a pseudo-terminal).

use dialoguer::theme::ColorfulTheme;
use dialoguer::{Confirm, Editor, Input, MultiSelect, Select};

use crate::domain::terminal::for_terminal;
use crate::error::{Error, Result};

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
    fn confirm(&mut self, prompt: &str, default: bool) -> Result<bool>;
    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> Result<usize>;
    fn multi_select(
        &mut self,
        prompt: &str,
        items: &[String],
        chosen: &[bool],
    ) -> Result<Vec<usize>>;
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

pub struct TerminalPrompter {
    theme: ColorfulTheme,
    editor_hint: &'static str,
}

impl TerminalPrompter {
    pub fn new(lang: crate::domain::Lang) -> TerminalPrompter {
        TerminalPrompter {
            theme: ColorfulTheme::default(),
            editor_hint: lang.pick("(:e öppnar $EDITOR)", "(:e opens $EDITOR)"),
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
        let mut input = Input::<String>::with_theme(&self.theme)
            .with_prompt(for_terminal(prompt))
            .allow_empty(!required);
        if let Some(default) = default {
            // Shown as the terminal shows it, and taken so when accepted.
            input = input.default(for_terminal(default).into_owned());
        }
        let answer = input
            .validate_with(|text: &String| -> Result<(), String> {
                if text.trim().is_empty() {
                    return if required {
                        Err("required".into())
                    } else {
                        Ok(())
                    };
                }
                check(text)
            })
            .interact_text()
            .map_err(prompt_error)?;
        let answer = answer.trim().to_string();
        Ok((!answer.is_empty()).then_some(answer))
    }

    fn long_text(
        &mut self,
        prompt: &str,
        default: Option<&str>,
        required: bool,
    ) -> Result<Option<String>> {
        let prompt = format!("{prompt} {}", self.editor_hint);
        let line = self.text(&prompt, default, required, &|_| Ok(()))?;
        if line.as_deref() != Some(":e") {
            return Ok(line);
        }
        let written = Editor::new()
            .edit(default.unwrap_or(""))
            .map_err(prompt_error)?;
        let written = written
            .map(|text| text.trim().to_string())
            .filter(|text| !text.is_empty());
        match written {
            None if required => self.long_text(&prompt, default, required),
            other => Ok(other),
        }
    }

    fn confirm(&mut self, prompt: &str, default: bool) -> Result<bool> {
        Confirm::with_theme(&self.theme)
            .with_prompt(for_terminal(prompt))
            .default(default)
            .interact()
            .map_err(prompt_error)
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
        MultiSelect::with_theme(&self.theme)
            .with_prompt(for_terminal(prompt))
            .items(safe(items))
            .defaults(chosen)
            .interact()
            .map_err(prompt_error)
    }
}
