//! The texts an incident produces besides IMY's form: the communication to the data
//! subjects (GDPR Art. 34(2), with the five points of the municipal process) and the
//! incident's full documentation for the register (step G; GDPR Art. 33(5)), and a vendor's
//! notices to its customers. Pure functions from the incident to text, one document a
//! file; this one holds what they share.

mod customer;
mod letter;
mod report;

pub use customer::{CustomerNotice, customer_notice};
pub use letter::letter;
pub use report::report;

use super::Lang;
use super::catalogue::catalogue;
use super::model::answers::FormQuestion;
use super::model::{Choice, Selection};

fn option_label<Q: FormQuestion>(choice: &Choice<Q>, lang: Lang) -> String {
    let question = catalogue().question(Q::NUMBER);
    match question.option(&choice.key) {
        Some(option) if option.answer_is_comment => choice.comment.clone().unwrap_or_default(),
        Some(option) if option.comment => format!(
            "{} {}",
            option.label(lang),
            choice.comment.clone().unwrap_or_default()
        ),
        Some(option) => option.label(lang).to_string(),
        None => choice.key.clone(),
    }
}

fn selection_labels<Q: FormQuestion>(selection: &Selection<Q>, lang: Lang) -> Vec<String> {
    let question = catalogue().question(Q::NUMBER);
    selection
        .keys
        .iter()
        .map(|key| match question.option(key) {
            Some(option) if option.comment => format!(
                "{} {}",
                option.label(lang),
                selection.comment.clone().unwrap_or_default()
            )
            .trim()
            .to_string(),
            Some(option) => option.label(lang).to_string(),
            None => key.clone(),
        })
        .collect()
}

fn bullets(items: &[String]) -> String {
    items.iter().map(|item| format!("- {item}\n")).collect()
}
