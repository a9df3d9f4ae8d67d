//! The notice file: written and read back, a newer version and a bad field refused with
//! the field named, and the controller's draft made from it.

use super::*;
use crate::domain::Lang;
use crate::domain::model::Report;
use chrono::NaiveDate;

fn vendor_incident() -> Incident {
    let report: Report = serde_saphyr::from_str(
        "id: 2026-0003\ntitle: Fel i kundportalen\ninternal_reference: LEV-17\n\
         discovered:\n  date: 2026-03-25\n  time: \"08:30\"\n\
         occurred:\n  date: 2026-03-24\nongoing: false\nended:\n  date: 2026-03-25\n  time: \"11:00\"\n\
         role: processor\ncontroller:\n  name: Exempel kommun\n  org_number: 212000-0000\n\
         cause:\n  key: technical_error\nbreach_types: [confidentiality]\n\
         data_subjects:\n  exact: 12\nsubject_groups:\n  keys: [children]\nencrypted: false\n",
    )
    .unwrap();
    Incident::new(report)
}

fn settings() -> Settings {
    toml::from_str("[organisation]\nname = \"Leverantören AB\"\norg_number = \"556000-0000\"\n")
        .unwrap()
}

fn exported() -> String {
    let now = chrono::DateTime::parse_from_rfc3339("2026-03-25T12:00:00+01:00").unwrap();
    to_json(&build(
        &vendor_incident(),
        &settings(),
        "Europe/Stockholm",
        NoticeKind::Controller,
        Some("a".repeat(40)),
        now,
    ))
}

#[test]
fn a_notice_written_is_read_back_the_same() {
    let text = exported();
    assert!(text.contains("\"format\": \"incident-notice/1\""));
    let notice = parse(&text).unwrap();
    assert_eq!(notice.sender.incident, "2026-0003");
    assert_eq!(notice.sender.internal_reference.as_deref(), Some("LEV-17"));
    assert_eq!(notice.facts.data_subjects.as_ref().unwrap().exact, Some(12));
    assert_eq!(to_json(&notice), text);
}

#[test]
fn a_newer_version_is_refused_naming_the_format() {
    let text = exported().replace("incident-notice/1", "incident-notice/2");
    let problem = parse(&text).unwrap_err();
    assert_eq!(problem.field, "format");
    assert!(problem.message.en.contains("newer version"));
    let problem = parse("{\"title\": 1}").unwrap_err();
    assert_eq!(problem.field, "format");
}

#[test]
fn a_bad_fact_is_named_by_its_field() {
    let text = exported().replace("\"exact\": 12", "\"exact\": \"tolv\"");
    let problem = parse(&text).unwrap_err();
    assert_eq!(problem.field, "facts.data_subjects", "{problem:?}");
    let text = exported().replace("\"children\"", "\"kids\"");
    assert_eq!(parse(&text).unwrap_err().field, "facts.subject_groups");
    let text = exported().replace("\"kind\": \"controller\"", "\"kind\": \"letter\"");
    assert_eq!(parse(&text).unwrap_err().field, "kind");
    let text = exported().replace("\"facts\": {", "\"extra\": 1,\n  \"facts\": {");
    assert_eq!(parse(&text).unwrap_err().field, "extra");
    assert_eq!(parse("not json").unwrap_err().field, "(JSON)");
}

#[test]
fn the_controller_s_draft_records_the_processor_and_the_receipt() {
    let notice = parse(&exported()).unwrap();
    let received = Moment::on(
        NaiveDate::from_ymd_opt(2026, 3, 26).unwrap(),
        Some("09:15".parse().unwrap()),
    );
    let draft = into_draft(
        notice,
        received,
        "0".repeat(64),
        chrono_tz::Europe::Stockholm,
        Lang::Sv,
    );
    assert_eq!(draft.role, Some(Role::Controller));
    assert_eq!(draft.processors_involved, Some(true));
    assert_eq!(draft.processors[0].name, "Leverantören AB");
    assert_eq!(
        draft.processors[0].org_number.as_deref(),
        Some("556000-0000")
    );
    let discovered = draft.discovered.as_ref().unwrap();
    assert_eq!(discovered.to_string(), "2026-03-26 09:15");
    assert!(discovered.comment.as_deref().unwrap().contains("2026-0003"));
    let origin = draft.from_notice.as_ref().unwrap();
    assert_eq!(origin.incident, "2026-0003");
    assert_eq!(origin.commit.as_deref(), Some("a".repeat(40).as_str()));
    assert_eq!(draft.occurred.as_ref().unwrap().to_string(), "2026-03-24");
}

#[test]
fn the_sender_s_clock_times_are_moved_to_the_register_s_zone() {
    let text = exported().replace("Europe/Stockholm", "Europe/London");
    let notice = parse(&text).unwrap();
    let actions = {
        let mut with_action = notice.clone();
        with_action.facts.taken = vec![ActionTaken {
            date: NaiveDate::from_ymd_opt(2026, 3, 25).unwrap(),
            time: Some("23:30".parse().unwrap()),
            action: "Stängde".into(),
            by: None,
        }];
        actions_taken(&with_action, chrono_tz::Europe::Stockholm).unwrap()
    };
    // 23:30 in London (GMT) is 00:30 the next day in Stockholm (CET).
    assert_eq!(actions.taken[0].date.to_string(), "2026-03-26");
    assert_eq!(actions.taken[0].by.as_deref(), Some("Leverantören AB"));
    let received = Moment::on(NaiveDate::from_ymd_opt(2026, 3, 26).unwrap(), None);
    let draft = into_draft(
        notice,
        received,
        "0".repeat(64),
        chrono_tz::Europe::Stockholm,
        Lang::En,
    );
    // 11:00 in London is 12:00 in Stockholm; a date alone stays.
    let ended = draft.ended.unwrap();
    assert_eq!(ended.to_string(), "2026-03-25 12:00");
    assert!(
        ended
            .comment
            .unwrap()
            .contains("the sender's time: 2026-03-25 11:00 Europe/London")
    );
    assert_eq!(draft.occurred.unwrap().to_string(), "2026-03-24");
    let bad = exported().replace("Europe/Stockholm", "Mars/Olympus");
    assert_eq!(parse(&bad).unwrap_err().field, "sender.timezone");
}

#[test]
fn the_processor_s_discovery_in_the_comment_is_moved_to_the_register_s_zone() {
    // Discovered 08:30 in London: 09:30 in Stockholm, the sender's own reading beside it.
    let text = exported().replace("Europe/Stockholm", "Europe/London");
    let received = Moment::on(NaiveDate::from_ymd_opt(2026, 3, 26).unwrap(), None);
    let draft = into_draft(
        parse(&text).unwrap(),
        received,
        "0".repeat(64),
        chrono_tz::Europe::Stockholm,
        Lang::En,
    );
    let comment = draft.discovered.unwrap().comment.unwrap();
    assert!(
        comment.contains(
            "the processor discovered it 2026-03-25 09:30 (the sender's time: 2026-03-25 08:30 Europe/London)"
        ),
        "{comment}"
    );
}
