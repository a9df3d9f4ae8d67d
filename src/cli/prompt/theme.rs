//! How the prompts are drawn: dialoguer's colourful theme, with what colour alone would
//! otherwise say written out, so a terminal without colours (`NO_COLOR`) shows it too: the
//! current line of a list carries `❯`, the items of a multi-select `[x]` or `[ ]`, and a
//! multi-select says how to choose. The yes/no question is drawn in the interface's
//! language (`(J/n)`, `(Y/n)`), which dialoguer's `Confirm` cannot do.

use std::fmt;

use dialoguer::theme::{ColorfulTheme, Theme};

use crate::domain::Lang;

/// The theme of every prompt of the tool.
pub struct IncidentTheme {
    pub base: ColorfulTheme,
    pub lang: Lang,
}

impl IncidentTheme {
    pub fn new(lang: Lang) -> IncidentTheme {
        IncidentTheme {
            base: ColorfulTheme::default(),
            lang,
        }
    }

    /// How to choose in a multi-select.
    pub fn multi_select_hint(&self) -> &'static str {
        self.lang.pick(
            "(mellanslag väljer, enter går vidare)",
            "(space selects, enter continues)",
        )
    }

    /// The line a prompt leaves once answered: `✔ prompt · answer`.
    pub fn answered(&self, prompt: &str, answer: &str) -> String {
        let mut line = String::new();
        // Writing into a String cannot fail.
        let _ = self.format_input_prompt_selection(&mut line, prompt, answer);
        line
    }

    /// An error line: `✘ text`.
    pub fn error_line(&self, text: &str) -> String {
        let mut line = String::new();
        let _ = self.format_error(&mut line, text);
        line
    }
}

impl Theme for IncidentTheme {
    fn format_prompt(&self, f: &mut dyn fmt::Write, prompt: &str) -> fmt::Result {
        self.base.format_prompt(f, prompt)
    }

    fn format_error(&self, f: &mut dyn fmt::Write, err: &str) -> fmt::Result {
        self.base.format_error(f, err)
    }

    fn format_input_prompt(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        default: Option<&str>,
    ) -> fmt::Result {
        self.base.format_input_prompt(f, prompt, default)
    }

    fn format_input_prompt_selection(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        sel: &str,
    ) -> fmt::Result {
        self.base.format_input_prompt_selection(f, prompt, sel)
    }

    fn format_select_prompt_item(
        &self,
        f: &mut dyn fmt::Write,
        text: &str,
        active: bool,
    ) -> fmt::Result {
        // The colourful theme marks the current line with `❯`, visible without colour.
        self.base.format_select_prompt_item(f, text, active)
    }

    fn format_multi_select_prompt(&self, f: &mut dyn fmt::Write, prompt: &str) -> fmt::Result {
        if !prompt.is_empty() {
            write!(
                f,
                "{} {} {} ",
                self.base.prompt_prefix,
                self.base.prompt_style.apply_to(prompt),
                self.base.hint_style.apply_to(self.multi_select_hint())
            )?;
        }
        write!(f, "{}", self.base.prompt_suffix)
    }

    fn format_multi_select_prompt_item(
        &self,
        f: &mut dyn fmt::Write,
        text: &str,
        checked: bool,
        active: bool,
    ) -> fmt::Result {
        // The colourful theme tells the current line by its colour alone.
        let marker = if active {
            &self.base.active_item_prefix
        } else {
            &self.base.inactive_item_prefix
        };
        let check = if checked {
            self.base.values_style.apply_to("[x]")
        } else {
            self.base.inactive_item_style.apply_to("[ ]")
        };
        let text = if active {
            self.base.active_item_style.apply_to(text)
        } else {
            self.base.inactive_item_style.apply_to(text)
        };
        write!(f, "{marker} {check} {text}")
    }

    fn format_multi_select_prompt_selection(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        selections: &[&str],
    ) -> fmt::Result {
        if selections.is_empty() {
            let nothing = self.lang.pick("(inget valt)", "(nothing chosen)");
            return self.base.format_input_prompt_selection(f, prompt, nothing);
        }
        self.base
            .format_multi_select_prompt_selection(f, prompt, selections)
    }
}

/// The theme of one yes/no question: the question with its localised hint, `(J/n)`.
pub struct YesNoTheme<'t> {
    pub base: &'t IncidentTheme,
    pub hint: String,
}

impl Theme for YesNoTheme<'_> {
    fn format_input_prompt(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        _default: Option<&str>,
    ) -> fmt::Result {
        // The colourful theme draws a default as `(default)` in the hint's style.
        self.base.format_input_prompt(f, prompt, Some(&self.hint))
    }

    fn format_error(&self, f: &mut dyn fmt::Write, err: &str) -> fmt::Result {
        self.base.format_error(f, err)
    }
}

/// The hint of a yes/no question, as dialoguer draws its own: the default in capitals
/// (`J/n`, `j/N`), none when an answer must be typed (`j/n`).
pub fn yes_no_hint(lang: Lang, default: Option<bool>) -> String {
    let (yes, no) = match lang {
        Lang::Sv => ("j", "n"),
        Lang::En => ("y", "n"),
    };
    match default {
        Some(true) => format!("{}/{no}", yes.to_uppercase()),
        Some(false) => format!("{yes}/{}", no.to_uppercase()),
        None => format!("{yes}/{no}"),
    }
}

/// What an answer is echoed as: "ja"/"nej", "yes"/"no".
pub fn yes_no_word(lang: Lang, answer: bool) -> &'static str {
    match (lang, answer) {
        (Lang::Sv, true) => "ja",
        (Lang::Sv, false) => "nej",
        (Lang::En, true) => "yes",
        (Lang::En, false) => "no",
    }
}

/// Characters of a text written in an editor that its echo shows.
const ECHO_WIDTH: usize = 60;

/// The echo of a text written in `$EDITOR`: its first line, shortened with "…" when long
/// or when more lines follow.
pub fn editor_echo(text: &str) -> String {
    let mut lines = text.trim().lines();
    let first = lines.next().unwrap_or("").trim_end();
    let more = lines.next().is_some();
    if first.chars().count() > ECHO_WIDTH {
        let cut: String = first.chars().take(ECHO_WIDTH - 1).collect();
        return format!("{}…", cut.trim_end());
    }
    if more {
        format!("{first} …")
    } else {
        first.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hint_shows_the_default_in_capitals_in_the_language() {
        assert_eq!(yes_no_hint(Lang::Sv, Some(true)), "J/n");
        assert_eq!(yes_no_hint(Lang::Sv, Some(false)), "j/N");
        assert_eq!(yes_no_hint(Lang::Sv, None), "j/n");
        assert_eq!(yes_no_hint(Lang::En, Some(true)), "Y/n");
        assert_eq!(yes_no_hint(Lang::En, Some(false)), "y/N");
    }

    #[test]
    fn an_editor_text_is_echoed_as_its_first_line() {
        assert_eq!(editor_echo("Kort svar\n"), "Kort svar");
        assert_eq!(
            editor_echo("\nFörsta raden\nandra raden\n"),
            "Första raden …"
        );
        let long = "ord ".repeat(30);
        let echo = editor_echo(&long);
        assert!(echo.ends_with('…'), "{echo}");
        assert!(echo.chars().count() <= ECHO_WIDTH, "{echo}");
        assert!(long.starts_with(echo.trim_end_matches('…')), "{echo}");
    }
}
