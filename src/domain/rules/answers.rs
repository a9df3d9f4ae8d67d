//! The rules of an answer to one of IMY's questions: option keys the catalogue knows, the
//! comment an option needs, a count that is exact or an interval.

use super::Problem;
use crate::domain::Bilingual;
use crate::domain::Lang;
use crate::domain::catalogue::AnswerOption;
use crate::domain::input::{InputError, known_option};
use crate::domain::model::answers::FormQuestion;
use crate::domain::model::{Choice, Count, Selection};

/// Checks an option key against the catalogue. The message names the known keys and the
/// closest one, so a typo is easy to mend.
pub fn check_option_key(
    question_number: u8,
    key: &str,
) -> Result<&'static AnswerOption, Bilingual> {
    known_option(question_number, key).map_err(|problem| in_both(&problem))
}

/// The message of a key that IMY question `question_number` does not have.
pub fn unknown_option_message(question_number: u8, key: &str) -> Bilingual {
    in_both(&InputError::unknown_option(question_number, key))
}

fn in_both(problem: &InputError) -> Bilingual {
    Bilingual::new(problem.describe(Lang::Sv), problem.describe(Lang::En))
}

fn check_comment(
    problems: &mut Vec<Problem>,
    field: &str,
    option: &AnswerOption,
    comment: Option<&str>,
) {
    if option.needs_comment() && comment.unwrap_or("").trim().is_empty() {
        problems.push(Problem::new(
            format!("{field}.comment"),
            format!("`{}` behöver en kommentar som säger vad det är", option.key),
            format!("`{}` needs a comment saying what it is", option.key),
        ));
    }
}

pub(super) fn check_choice<Q: FormQuestion>(
    problems: &mut Vec<Problem>,
    field: &str,
    choice: &Choice<Q>,
) {
    match check_option_key(Q::NUMBER, &choice.key) {
        Ok(option) => check_comment(problems, field, option, choice.comment.as_deref()),
        Err(message) => problems.push(Problem {
            field: format!("{field}.key"),
            message,
        }),
    }
}

pub(super) fn check_selection<Q: FormQuestion>(
    problems: &mut Vec<Problem>,
    field: &str,
    selection: &Selection<Q>,
) {
    let mut seen = std::collections::HashSet::new();
    let mut needs_comment = None;
    for (index, key) in selection.keys.iter().enumerate() {
        if !seen.insert(key) {
            problems.push(Problem::new(
                format!("{field}.keys[{index}]"),
                format!("`{key}` står två gånger"),
                format!("`{key}` is listed twice"),
            ));
        }
        match check_option_key(Q::NUMBER, key) {
            Ok(option) if option.needs_comment() => needs_comment = Some(option),
            Ok(_) => {}
            Err(message) => problems.push(Problem {
                field: format!("{field}.keys[{index}]"),
                message,
            }),
        }
    }
    if let Some(option) = needs_comment {
        check_comment(problems, field, option, selection.comment.as_deref());
    }
}

pub(super) fn check_count(problems: &mut Vec<Problem>, field: &str, count: &Count) {
    match (&count.exact, &count.interval) {
        (Some(_), Some(_)) => problems.push(Problem::new(
            field,
            "ange antingen `exact` eller `interval`, inte båda (IMY frågar efter det exakta antalet, eller ett intervall när det inte är känt)",
            "give either `exact` or `interval`, not both (IMY asks for the exact number, or an interval when it is not known)",
        )),
        (None, None) => problems.push(Problem::new(
            field,
            "ange `exact` eller `interval`, eller utelämna hela fältet så länge antalet är okänt",
            "give `exact` or `interval`, or leave the whole field out while it is unknown",
        )),
        (None, Some(interval)) => {
            if let Some(to) = interval.to
                && to < interval.from
            {
                problems.push(Problem::new(
                    format!("{field}.interval"),
                    format!("intervallet {} - {to} går baklänges; `to` måste vara minst `from`", interval.from),
                    format!("the interval {} - {to} runs backwards; `to` must be at least `from`", interval.from),
                ));
            }
        }
        (Some(_), None) => {}
    }
}
