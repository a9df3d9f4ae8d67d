//! How an answer to one of IMY's choice questions reads: the label of an option key in a
//! language (the Swedish label is the form's exact words), and of a chosen option or
//! several with their comment. The one wording of answers for `show`, the documents, the
//! follow-up and the IMY export.

use super::Lang;
use super::catalogue::{AnswerOption, Question, catalogue};
use super::model::answers::FormQuestion;
use super::model::{Choice, Selection};

/// Where an answer's comment goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CommentPlace {
    /// After the chosen option's label, whichever option it is: the person's words are
    /// kept even where the option needs no comment.
    AfterTheChoice,
    /// After the label of the option among several that needs it ("Övrigt:").
    AfterTheOptionThatNeedsIt,
    /// As IMY's form takes it: an "Övrigt" comment in the question's own comment field
    /// where it has one, and no comment on an option the form gives no field for.
    AsTheFormTakesIt,
}

/// The labels of the chosen options, and the comment for the form's own comment field.
struct Answered {
    labels: Vec<String>,
    own_field_comment: Option<String>,
}

/// The label of an option key: the option's words in `lang`, or the key itself when the
/// catalogue does not know it.
pub fn option_label(question_number: u8, key: &str, lang: Lang) -> String {
    let question = catalogue().question(question_number);
    key_label(question.option(key), key, None, lang)
}

/// A chosen option: its label; the typed answer where the comment is the answer; a
/// comment after the label.
pub fn choice_label<Q: FormQuestion>(choice: &Choice<Q>, lang: Lang) -> String {
    let keys = std::slice::from_ref(&choice.key);
    let comment = choice.comment.as_deref();
    let answered = answered::<Q>(keys, comment, lang, CommentPlace::AfterTheChoice);
    answered.labels.into_iter().next().unwrap_or_default()
}

/// Several chosen options: each label, with the comment after the option that needs it.
pub fn selection_labels<Q: FormQuestion>(selection: &Selection<Q>, lang: Lang) -> Vec<String> {
    let (keys, comment) = (&selection.keys, selection.comment.as_deref());
    answered::<Q>(keys, comment, lang, CommentPlace::AfterTheOptionThatNeedsIt).labels
}

/// A chosen option as IMY's form takes it: the Swedish label, and the "Övrigt" comment
/// apart when the question has a field of its own for it.
pub fn form_choice<Q: FormQuestion>(choice: &Choice<Q>) -> (String, Option<String>) {
    let keys = std::slice::from_ref(&choice.key);
    let comment = choice.comment.as_deref();
    let answered = answered::<Q>(keys, comment, Lang::Sv, CommentPlace::AsTheFormTakesIt);
    let label = answered.labels.into_iter().next().unwrap_or_default();
    (label, answered.own_field_comment)
}

/// Several chosen options as IMY's form takes them: the Swedish labels, and the "Övrigt"
/// comment apart when the question has a field of its own for it.
pub fn form_selection<Q: FormQuestion>(selection: &Selection<Q>) -> (Vec<String>, Option<String>) {
    let (keys, comment) = (&selection.keys, selection.comment.as_deref());
    let answered = answered::<Q>(keys, comment, Lang::Sv, CommentPlace::AsTheFormTakesIt);
    (answered.labels, answered.own_field_comment)
}

/// The one implementation behind the entry points.
fn answered<Q: FormQuestion>(
    keys: &[String],
    comment: Option<&str>,
    lang: Lang,
    place: CommentPlace,
) -> Answered {
    let question: &Question = catalogue().question(Q::NUMBER);
    // Whitespace alone is no comment, as the rules see it.
    let comment = comment.map(str::trim).filter(|c| !c.is_empty());
    let own_field = place == CommentPlace::AsTheFormTakesIt && question.other_comment_sv.is_some();
    let mut own_field_comment = None;
    let labels = keys
        .iter()
        .map(|key| {
            let option = question.option(key);
            if own_field && option.is_some_and(|o| o.comment) {
                own_field_comment = Some(comment.unwrap_or_default().to_string());
                return key_label(option, key, None, lang);
            }
            let belongs = place == CommentPlace::AfterTheChoice
                || option.is_some_and(AnswerOption::needs_comment);
            key_label(option, key, comment.filter(|_| belongs), lang)
        })
        .collect();
    Answered {
        labels,
        own_field_comment,
    }
}

fn key_label(
    option: Option<&AnswerOption>,
    key: &str,
    comment: Option<&str>,
    lang: Lang,
) -> String {
    match (option, comment) {
        (Some(option), Some(comment)) if option.answer_is_comment => comment.to_string(),
        (Some(option), Some(comment)) => format!("{} {comment}", option.label(lang)),
        (Some(option), None) => option.label(lang).to_string(),
        (None, Some(comment)) => format!("{key} {comment}"),
        (None, None) => key.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::answers::{Q18, Q26};

    fn choice(key: &str, comment: Option<&str>) -> Choice<Q18> {
        Choice::new(key, comment.map(String::from))
    }

    fn selection(keys: &[&str], comment: Option<&str>) -> Selection<Q26> {
        Selection::new(
            keys.iter().map(ToString::to_string).collect(),
            comment.map(String::from),
        )
    }

    const TECHNICAL_ERROR: &str = "Tekniskt fel, till exempel fel i mjukvara, programinställningar";

    #[test]
    fn option_keys_read_as_the_forms_words_or_in_english() {
        for (number, key, lang, expected) in [
            (26, "health", Lang::Sv, "Hälsa"),
            (26, "health", Lang::En, "Health"),
            (18, "other", Lang::Sv, "Övrigt:"),
            (18, "no_such_key", Lang::Sv, "no_such_key"),
        ] {
            assert_eq!(option_label(number, key, lang), expected, "{key} {lang:?}");
        }
    }

    #[test]
    fn a_choice_keeps_its_comment() {
        for (key, comment, expected) in [
            ("technical_error", None, TECHNICAL_ERROR.to_string()),
            (
                "free_text",
                Some("Brand i serverhallen"),
                "Brand i serverhallen".into(),
            ),
            ("free_text", None, "Annat svar (skrivs in som text)".into()),
            ("other", Some("Okänd orsak"), "Övrigt: Okänd orsak".into()),
            (
                "other",
                Some("  Okänd orsak\n"),
                "Övrigt: Okänd orsak".into(),
            ),
            ("other", Some("  "), "Övrigt:".into()),
            ("other", None, "Övrigt:".into()),
            // A comment written to an option that needs none is still the person's words.
            (
                "technical_error",
                Some("patch 3"),
                format!("{TECHNICAL_ERROR} patch 3"),
            ),
            ("no_such_key", Some("x"), "no_such_key x".into()),
        ] {
            assert_eq!(
                choice_label(&choice(key, comment), Lang::Sv),
                expected,
                "{key} {comment:?}"
            );
        }
    }

    #[test]
    fn the_form_takes_the_other_comment_in_its_own_field() {
        for (key, comment, expected) in [
            ("technical_error", None, (TECHNICAL_ERROR, None)),
            ("technical_error", Some("patch 3"), (TECHNICAL_ERROR, None)),
            ("free_text", Some("Brand"), ("Brand", None)),
            (
                "other",
                Some("Okänd orsak"),
                ("Övrigt:", Some("Okänd orsak")),
            ),
            ("no_such_key", Some("x"), ("no_such_key", None)),
        ] {
            let (label, own_field) = form_choice(&choice(key, comment));
            assert_eq!(
                (label.as_str(), own_field.as_deref()),
                expected,
                "{key} {comment:?}"
            );
        }
    }

    #[test]
    fn a_selection_gives_its_comment_to_the_option_that_needs_it() {
        let several = selection(
            &["health", "personal_identity_number", "other"],
            Some("Barns förhållanden"),
        );
        assert_eq!(
            selection_labels(&several, Lang::Sv),
            ["Hälsa", "Personnummer", "Övrigt: Barns förhållanden"]
        );
        assert_eq!(
            selection_labels(&several, Lang::En)[0],
            "Health",
            "English labels"
        );
        assert_eq!(
            form_selection(&several),
            (
                vec!["Hälsa".into(), "Personnummer".into(), "Övrigt:".into()],
                Some("Barns förhållanden".into())
            )
        );
        let plain = selection(&["health"], Some("stray"));
        assert_eq!(selection_labels(&plain, Lang::Sv), ["Hälsa"]);
        assert_eq!(form_selection(&plain), (vec!["Hälsa".into()], None));
    }
}
