//! The rules' messages in both languages: each problem says what to do in Swedish and in
//! English, with the rule's source in each language's style.

use super::tests::{assessment, check, fields, report};
use super::*;
use crate::domain::model::report::BreachType;
use crate::domain::model::{Count, Report, Selection};
use crate::domain::moment::{ClockTime, Moment, parse_date};

/// Reports broken in as many ways as the report's rules know, one way each.
fn broken_reports() -> Vec<Report> {
    let edits: Vec<fn(&mut Report)> = vec![
        |r| r.id = "2026-0002".parse().unwrap(),
        |r| r.title = " ".into(),
        |r| r.occurred = Some(Moment::on(parse_date("2026-03-29").unwrap(), None)),
        |r| r.ended = Some(Moment::on(parse_date("2026-03-01").unwrap(), None)),
        |r| {
            r.ongoing = Some(true);
            r.ended = Some(Moment::on(parse_date("2026-03-27").unwrap(), None));
        },
        |r| r.discovered = Moment::on(parse_date("2026-03-29").unwrap(), ClockTime::new(2, 30)),
        |r| r.breach_types = vec![BreachType::Integrity, BreachType::Integrity],
        |r| {
            r.data_subjects = Some(Count {
                exact: None,
                interval: None,
            });
        },
    ];
    edits
        .into_iter()
        .map(|edit| {
            let mut broken = report();
            edit(&mut broken);
            broken
        })
        .collect()
}

#[test]
fn every_problem_of_a_report_is_said_in_both_languages() {
    for broken in broken_reports() {
        let problems = check(&broken);
        assert!(!problems.is_empty(), "{broken:?} passes");
        for problem in problems {
            assert_ne!(
                problem.text(Lang::Sv),
                problem.text(Lang::En),
                "{} has one message for both",
                problem.field
            );
        }
    }
}

#[test]
fn the_order_of_the_moments_is_told_in_swedish_with_the_imy_questions() {
    let mut late = report();
    late.occurred = Some(Moment::on(parse_date("2026-03-29").unwrap(), None));
    let problems = check(&late);
    assert_eq!(fields(&problems), ["discovered"]);
    assert_eq!(
        problems[0].text(Lang::Sv),
        "discovered (2026-03-27 10:00) är före occurred (2026-03-29); en incident upptäcks när eller efter att den inträffar (IMY fråga 10 och 11): rätta någon av tiderna"
    );
    assert_eq!(
        problems[0].text(Lang::En),
        "discovered (2026-03-27 10:00) is before occurred (2026-03-29); an incident is discovered when or after it occurs (IMY questions 10 and 11): correct one of the times"
    );
}

#[test]
fn a_departure_names_the_articles_in_each_languages_style() {
    let mut departing = assessment();
    departing.decision.inform_data_subjects = false;
    let problems = check_assessment(&departing, None);
    assert_eq!(fields(&problems), ["decision.departure_reason"]);
    let swedish = problems[0].text(Lang::Sv);
    assert!(
        swedish.contains("GDPR art. 33.1: ja")
            && swedish.contains("GDPR art. 34.1: ja")
            && swedish.ends_with("skriv varför"),
        "{swedish}"
    );
    let english = problems[0].text(Lang::En);
    assert!(
        english.contains("GDPR Art. 33(1): true") && english.contains("GDPR Art. 34(1): true"),
        "{english}"
    );
}

#[test]
fn an_unknown_option_key_is_told_with_the_nearest_in_both_languages() {
    let mut typo = report();
    typo.data_categories = Some(Selection::new(vec!["helth".into()], None));
    let problems = check(&typo);
    assert_eq!(fields(&problems), ["data_categories.keys[0]"]);
    assert!(problems[0].text(Lang::Sv).contains("menade du `health`?"));
    assert!(
        problems[0]
            .text(Lang::En)
            .contains("did you mean `health`?")
    );
}

#[test]
fn settings_are_told_in_both_languages() {
    let problem = parse_timezone("Europe/Stokholm").unwrap_err();
    assert_eq!(
        problem.text(Lang::Sv),
        "`Europe/Stokholm` är ingen IANA-tidszon; skriv t.ex. Europe/Stockholm"
    );
    assert_eq!(
        problem.text(Lang::En),
        "`Europe/Stokholm` is not an IANA timezone; write e.g. Europe/Stockholm"
    );
    let problems = regimes::check_chosen(&["nis2".to_string()]);
    assert!(problems[0].text(Lang::Sv).contains("GDPR art. 33.5"));
    assert!(problems[0].text(Lang::En).contains("GDPR Art. 33(5)"));
}
