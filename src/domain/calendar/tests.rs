//! The calendar of an incident's obligations, read back with the icalendar crate's parser.

use super::*;
use crate::domain::model::actions::{Actions, PlannedMeasure, Purpose};
use crate::domain::model::report::Report;
use crate::domain::model::settings::DeadlineSettings;
use crate::domain::obligations::obligations;
use chrono_tz::Europe::Stockholm;

fn incident(title: &str) -> Incident {
    let text = format!(
        "id: 2026-0007\ntitle: {title:?}\ndiscovered:\n  date: 2026-03-02\n  time: \"09:00\"\n"
    );
    let report: Report = serde_saphyr::from_str(&text).unwrap();
    let mut incident = Incident::new(report);
    let measure = |text: &str, owner: Option<&str>, day: u32| PlannedMeasure {
        measure: text.into(),
        owner: owner.map(str::to_string),
        due: chrono::NaiveDate::from_ymd_opt(2026, 3, day),
        purpose: Purpose::Prevent,
        status: MeasureStatus::Open,
        done_on: None,
        deferred_reason: None,
    };
    incident.actions = Some(Actions {
        schema_version: 1,
        taken: Vec::new(),
        planned: vec![
            measure("Byt lösenord", Some("Eva Ek"), 20),
            measure("Utbilda personalen", Some("Olle"), 25),
        ],
    });
    incident
}

fn input<'a>(
    obligations: &'a [Obligation],
    incidents: &'a [Incident],
    now: DateTime<Tz>,
    owner: Option<&'a str>,
) -> CalendarInput<'a> {
    CalendarInput {
        obligations,
        incidents,
        organisation: "Kommunen",
        org_number: Some("212000-0000"),
        now,
        lang: Lang::Sv,
        alarm_hours: DEFAULT_ALARM_HOURS,
        owner,
    }
}

fn now(text: &str) -> DateTime<Tz> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Stockholm)
}

#[test]
fn each_open_obligation_is_an_event_the_parser_reads_back() {
    let incidents = [incident("Fel mottagare; brev\nandra raden, med \\ tecken")];
    let at = now("2026-03-03T10:00:00+01:00");
    let listed = obligations(&incidents[0], &DeadlineSettings::default(), Stockholm, at).unwrap();
    let text = render(&input(&listed, &incidents, at, None));
    let calendar: icalendar::Calendar = text.parse().unwrap();
    let events: Vec<&Event> = calendar.events().collect();
    let open = listed.iter().filter(|o| o.state.is_open()).count();
    assert_eq!(events.len(), open);
    let imy = events
        .iter()
        .find(|e| e.get_uid().unwrap().starts_with("2026-0007-notify_imy@"))
        .unwrap();
    // The title's `;`, `,`, `\` and newline survive the round trip.
    assert!(
        imy.get_description()
            .unwrap()
            .contains("Fel mottagare; brev\nandra raden, med \\ tecken"),
        "{:?}",
        imy.get_description()
    );
    assert!(imy.get_description().unwrap().contains("GDPR art. 33.1"));
    // 72 elapsed hours after 09:00 on 2 March (CET) is 08:00 UTC on 5 March.
    assert_eq!(
        imy.get_start(),
        Some(Utc.with_ymd_and_hms(2026, 3, 5, 8, 0, 0).unwrap().into())
    );
    assert!(text.contains("\r\n") && !text.replace("\r\n", "").contains('\n'));
}

#[test]
fn the_same_register_gives_the_same_uids_and_a_later_export_a_higher_sequence() {
    let incidents = [incident("Fel mottagare")];
    let first = now("2026-03-03T10:00:00+01:00");
    let later = now("2026-03-04T10:00:00+01:00");
    let at_first = obligations(
        &incidents[0],
        &DeadlineSettings::default(),
        Stockholm,
        first,
    );
    let at_later = obligations(
        &incidents[0],
        &DeadlineSettings::default(),
        Stockholm,
        later,
    );
    let (at_first, at_later) = (at_first.unwrap(), at_later.unwrap());
    let uids = |list: &[Obligation], at| -> Vec<String> {
        entries(&input(list, &incidents, at, None))
            .into_iter()
            .map(|e| e.uid)
            .collect()
    };
    assert_eq!(uids(&at_first, first), uids(&at_later, later));
    assert!(sequence_of(later.with_timezone(&Utc)) > sequence_of(first.with_timezone(&Utc)));
}

#[test]
fn an_owner_gets_only_the_measures_they_own() {
    let incidents = [incident("Fel mottagare")];
    let at = now("2026-03-03T10:00:00+01:00");
    let listed = obligations(&incidents[0], &DeadlineSettings::default(), Stockholm, at).unwrap();
    let mine = entries(&input(&listed, &incidents, at, Some(" eva ek ")));
    assert_eq!(mine.len(), 1);
    assert!(mine[0].uid.starts_with("2026-0007-planned_measure-1@"));
    assert!(mine[0].summary.contains("Byt lösenord"));
    assert!(mine[0].description.contains("ansvarig: Eva Ek"));
    assert!(entries(&input(&listed, &incidents, at, Some("Ingen"))).is_empty());
}

#[test]
fn overdue_obligations_are_marked_and_met_ones_left_out() {
    let incidents = [incident("Fel mottagare")];
    let at = now("2026-03-21T10:00:00+01:00");
    let listed = obligations(&incidents[0], &DeadlineSettings::default(), Stockholm, at).unwrap();
    let all = entries(&input(&listed, &incidents, at, None));
    let imy = all.iter().find(|e| e.uid.contains("-notify_imy@")).unwrap();
    assert!(imy.overdue && imy.summary.starts_with("FÖRSENAD: "));
    let open = listed.iter().filter(|o| o.state.is_open()).count();
    assert_eq!(all.len(), open);
}

#[test]
fn control_characters_of_a_person_s_text_go() {
    assert_eq!(inert("a\r\nb\rc\u{7}\td\u{202e}"), "a\nb\nc d");
}
