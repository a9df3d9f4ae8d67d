//! The form's words for chosen options, counts and moments.

use super::answers::{choice, count, moment, selection};
use super::*;
use crate::domain::catalogue::catalogue;
use crate::domain::model::answers::{Q18, Q26};
use crate::domain::model::{Choice, Count, Selection};
use crate::domain::moment::Moment;

#[test]
fn choices_render_the_forms_words() {
    assert_eq!(
        choice(Some(&Choice::<Q18>::new("technical_error", None))),
        (
            Content::Text("Tekniskt fel, till exempel fel i mjukvara, programinställningar".into()),
            None
        )
    );
    let (content, comment) = choice(Some(&Choice::<Q18>::new(
        "other",
        Some("Okänd orsak".into()),
    )));
    assert_eq!(content, Content::Text("Övrigt:".into()));
    assert_eq!(comment.as_deref(), Some("Okänd orsak"));
    assert_eq!(choice::<Q18>(None).0, Content::Empty);
}

#[test]
fn selections_list_each_option_and_keep_the_other_comment() {
    let one = selection(Some(&Selection::<Q26>::new(vec!["health".into()], None)));
    assert_eq!(one, (Content::List(vec!["Hälsa".into()]), None));
    let several = selection(Some(&Selection::<Q26>::new(
        vec![
            "health".into(),
            "personal_identity_number".into(),
            "other".into(),
        ],
        Some("Barns förhållanden".into()),
    )));
    assert_eq!(
        several,
        (
            Content::List(vec![
                "Hälsa".into(),
                "Personnummer".into(),
                "Övrigt:".into()
            ]),
            Some("Barns förhållanden".into())
        )
    );
    assert_eq!(selection::<Q26>(None).0, Content::Empty);
}

#[test]
fn counts_are_exact_or_an_interval() {
    let question = catalogue().question(23);
    assert_eq!(
        count(question, Some(&Count::exact(3))),
        Content::Fields(vec![("Exakt antal registrerade".into(), "3".into())])
    );
    let interval = count(question, Some(&Count::parse("1-10").unwrap()));
    match interval {
        Content::Fields(fields) => assert_eq!(fields[0].1, "1 - 10"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn moments_split_date_time_and_comment() {
    let question = catalogue().question(11);
    let without_time = Moment::on(chrono::NaiveDate::from_ymd_opt(2021, 4, 13).unwrap(), None);
    assert_eq!(
        moment(question, Some(&without_time)),
        Content::Fields(vec![
            ("Datum".into(), "2021-04-13".into()),
            ("Klockslag".into(), String::new()),
            ("Eventuell kommentar".into(), String::new())
        ])
    );
}
