//! One answer of the register as the form's content: yes/no, texts, moments, addresses,
//! counts, chosen options, and the contact persons.

use super::Content;
use crate::domain::catalogue::Question;
use crate::domain::incident::Incident;
use crate::domain::labels;
use crate::domain::model::answers::FormQuestion;
use crate::domain::model::settings::{Person, PostalAddress};
use crate::domain::model::{Choice, Count, Selection, Settings};
use crate::domain::moment::Moment;

pub(super) fn yes_no(value: Option<bool>) -> Content {
    match value {
        Some(true) => Content::Text("Ja".into()),
        Some(false) => Content::Text("Nej".into()),
        None => Content::Empty,
    }
}

pub(super) fn text(value: Option<&str>) -> Content {
    match value.map(str::trim).filter(|t| !t.is_empty()) {
        Some(text) => Content::Text(text.to_string()),
        None => Content::Empty,
    }
}

pub(super) fn field(question: &Question, key: &str) -> String {
    question.field(key).map_or_else(
        || key.to_string(),
        |f| {
            if f.mandatory {
                format!("{} *", f.sv)
            } else {
                f.sv.clone()
            }
        },
    )
}

pub(super) fn moment(question: &Question, value: Option<&Moment>) -> Content {
    match value {
        None => Content::Empty,
        Some(m) => Content::Fields(vec![
            (
                field(question, "date"),
                m.date.format("%Y-%m-%d").to_string(),
            ),
            (
                field(question, "time"),
                m.time.map(|t| t.to_string()).unwrap_or_default(),
            ),
            (
                field(question, "comment"),
                m.comment.clone().unwrap_or_default(),
            ),
        ]),
    }
}

pub(super) fn address(question: &Question, value: Option<&PostalAddress>) -> Content {
    match value {
        None => Content::Empty,
        Some(a) => Content::Fields(vec![
            (
                field(question, "street"),
                a.street.clone().unwrap_or_default(),
            ),
            (field(question, "postal_code"), a.postal_code.clone()),
            (field(question, "city"), a.city.clone()),
            (
                field(question, "country"),
                a.country.clone().unwrap_or_else(|| "Sverige".into()),
            ),
        ]),
    }
}

/// A chosen option in the form's words, and the "Övrigt" comment for the form's own field.
pub(super) fn choice<Q: FormQuestion>(value: Option<&Choice<Q>>) -> (Content, Option<String>) {
    match value {
        None => (Content::Empty, None),
        Some(choice) => {
            let (label, own_field_comment) = labels::form_choice(choice);
            (Content::Text(label), own_field_comment)
        }
    }
}

/// The chosen options in the form's words, and the "Övrigt" comment for the form's own field.
pub(super) fn selection<Q: FormQuestion>(
    value: Option<&Selection<Q>>,
) -> (Content, Option<String>) {
    match value {
        None => (Content::Empty, None),
        Some(selection) => {
            let (labels, own_field_comment) = labels::form_selection(selection);
            (Content::List(labels), own_field_comment)
        }
    }
}

pub(super) fn count(question: &Question, value: Option<&Count>) -> Content {
    match value {
        None => Content::Empty,
        Some(count) if count.exact.is_some() => {
            Content::Fields(vec![(field(question, "exact"), count.to_string())])
        }
        Some(count) => Content::Fields(vec![(field(question, "interval"), count.to_string())]),
    }
}

pub(super) fn contacts_of<'a>(incident: &'a Incident, settings: &'a Settings) -> Vec<Person> {
    if !incident.report.contacts.is_empty() {
        return incident.report.contacts.clone();
    }
    if !settings.contacts.is_empty() {
        return settings.contacts.clone();
    }
    // GDPR Art. 33(3)(b): the DPO is the contact point when no other is named.
    settings
        .dpo
        .iter()
        .cloned()
        .map(|dpo| Person {
            role: dpo.role.clone().or(Some("Dataskyddsombud".into())),
            ..dpo
        })
        .collect()
}
