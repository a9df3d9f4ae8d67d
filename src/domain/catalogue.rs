//! The catalogue of IMY's notification form, questions 1–37, loaded from the one data file
//! `catalogue/imy-form.toml` (source: IMY's e-service "Anmäl personuppgiftsincident",
//! headings as in two filled-in copies of the form). Correct that file when IMY changes
//! its form; nothing else in the code spells a heading or an option text.

use std::sync::LazyLock;

use serde::Deserialize;

use super::lang::Lang;

const CATALOGUE_TOML: &str = include_str!("../../catalogue/imy-form.toml");

#[expect(
    clippy::expect_used,
    reason = "the file is embedded in the binary and parsed by this module's unit tests"
)]
static CATALOGUE: LazyLock<Catalogue> = LazyLock::new(|| {
    // The file is part of the binary and a unit test parses it, so a failure here is a
    // build defect, not a user error.
    toml::from_str(CATALOGUE_TOML).expect("catalogue/imy-form.toml is valid (see its unit test)")
});

/// The catalogue compiled into this binary.
pub fn catalogue() -> &'static Catalogue {
    &CATALOGUE
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    pub form_sv: String,
    pub form_en: String,
    #[serde(rename = "section")]
    pub sections: Vec<Section>,
    #[serde(rename = "question")]
    pub questions: Vec<Question>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub key: String,
    pub sv: String,
    pub en: String,
}

/// What kind of answer a question takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerKind {
    Text,
    YesNo,
    Choice,
    MultiChoice,
    Moment,
    Address,
    Count,
    Severity,
    Actions,
    Processors,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    pub question: u8,
    pub answer: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub number: u8,
    pub key: String,
    pub section: String,
    /// The exact Swedish heading of the form.
    pub sv: String,
    pub en: String,
    pub mandatory: bool,
    pub answer: AnswerKind,
    pub shown_when: Option<Condition>,
    /// False where IMY's option list is only partly known: other answers are accepted as text.
    pub options_complete: Option<bool>,
    pub instruction_sv: Option<String>,
    pub other_comment_sv: Option<String>,
    pub note: Option<String>,
    #[serde(default, rename = "field")]
    pub fields: Vec<Field>,
    #[serde(default, rename = "option")]
    pub options: Vec<AnswerOption>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    pub key: String,
    pub sv: String,
    pub en: String,
    pub mandatory: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerOption {
    pub key: String,
    /// The exact Swedish option text of the form.
    pub sv: String,
    pub en: String,
    /// An "Övrigt:" option: the answer needs a comment.
    #[serde(default)]
    pub comment: bool,
    /// The catalogue's stand-in for an option it does not know: the comment is the answer.
    #[serde(default)]
    pub answer_is_comment: bool,
}

impl AnswerOption {
    pub fn label(&self, lang: Lang) -> &str {
        lang.pick(&self.sv, &self.en)
    }

    /// Whether choosing this option needs a written comment.
    pub fn needs_comment(&self) -> bool {
        self.comment || self.answer_is_comment
    }
}

impl Question {
    pub fn heading(&self, lang: Lang) -> &str {
        lang.pick(&self.sv, &self.en)
    }

    pub fn option(&self, key: &str) -> Option<&AnswerOption> {
        self.options.iter().find(|option| option.key == key)
    }

    pub fn option_keys(&self) -> impl Iterator<Item = &str> {
        self.options.iter().map(|option| option.key.as_str())
    }

    pub fn field(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|field| field.key == key)
    }
}

impl Catalogue {
    /// The question with this number. Numbers 1–37 always exist (unit test).
    pub fn question(&self, number: u8) -> &Question {
        self.questions
            .iter()
            .find(|question| question.number == number)
            .unwrap_or_else(|| panic!("the catalogue has no question {number}"))
    }

    pub fn section(&self, key: &str) -> Option<&Section> {
        self.sections.iter().find(|section| section.key == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn the_catalogue_has_questions_1_to_37_in_order() {
        let catalogue = catalogue();
        let numbers: Vec<u8> = catalogue.questions.iter().map(|q| q.number).collect();
        assert_eq!(numbers, (1..=37).collect::<Vec<u8>>());
        for question in &catalogue.questions {
            assert!(
                catalogue.section(&question.section).is_some(),
                "q{}",
                question.number
            );
        }
    }

    #[test]
    fn keys_are_unique_and_choices_have_options() {
        let catalogue = catalogue();
        let mut question_keys = HashSet::new();
        for question in &catalogue.questions {
            assert!(
                question_keys.insert(&question.key),
                "duplicate key {}",
                question.key
            );
            let mut option_keys = HashSet::new();
            for option in &question.options {
                assert!(
                    option_keys.insert(&option.key),
                    "q{} {}",
                    question.number,
                    option.key
                );
                assert!(!option.sv.is_empty() && !option.en.is_empty());
            }
            let takes_options = matches!(
                question.answer,
                AnswerKind::Choice | AnswerKind::MultiChoice | AnswerKind::Severity
            );
            assert_eq!(
                takes_options,
                !question.options.is_empty(),
                "q{}",
                question.number
            );
            if question.options_complete == Some(false) && question.answer != AnswerKind::Severity {
                assert!(
                    question.options.iter().any(|o| o.answer_is_comment),
                    "q{} accepts other answers as text",
                    question.number
                );
            }
        }
    }

    #[test]
    fn headings_are_imys_exact_words() {
        let catalogue = catalogue();
        assert_eq!(catalogue.question(11).sv, "När upptäckte ni incidenten?");
        assert_eq!(
            catalogue.question(14).sv,
            "Om er anmälan kommer in senare än 72 timmar efter att ni upptäckte incidenten, beskriv varför."
        );
        assert_eq!(
            catalogue
                .question(26)
                .option("health")
                .map(|o| o.sv.as_str()),
            Some("Hälsa")
        );
        assert_eq!(
            catalogue
                .question(13)
                .shown_when
                .as_ref()
                .map(|c| c.question),
            Some(12)
        );
    }
}
