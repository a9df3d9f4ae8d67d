//! The filed tags' names and messages.

use chrono_tz::Europe::Stockholm;

use super::*;
use crate::domain::model::Notification;

/// An incident whose notification.yaml is `notification`.
fn incident(notification: &str) -> Incident {
    let report = "id: 2026-0007\ntitle: t\ndiscovered:\n  date: 2026-03-27\n  time: \"10:00\"\n";
    let mut incident = Incident::new(serde_saphyr::from_str(report).unwrap());
    let parsed: Notification = serde_saphyr::from_str(notification).unwrap();
    incident.notification = Some(parsed);
    incident
}

const NOTIFIED: &str = "imy:\n  submitted_at: 2026-03-30T09:15:00+02:00\n  case_number: IMY-2026-1234\n  supplements:\n  - submitted_at: 2026-04-02T10:00:00+02:00\n    summary: s\n";

#[test]
fn every_filing_has_a_git_ref_safe_name_and_reads_back_from_it() {
    let id: IncidentId = "2026-0007".parse().unwrap();
    let kinds = [
        (FilingKind::Imy, "filed/2026-0007/imy"),
        (FilingKind::Supplement(2), "filed/2026-0007/supplement-2"),
        (FilingKind::Subjects, "filed/2026-0007/subjects"),
        (FilingKind::Public, "filed/2026-0007/public"),
        (
            FilingKind::Regime {
                regime: "nis2".into(),
                report: "early_warning".into(),
            },
            "filed/2026-0007/nis2-early-warning",
        ),
        (
            FilingKind::Regime {
                regime: "dora".into(),
                report: "initial_notification".into(),
            },
            "filed/2026-0007/dora-initial-notification",
        ),
        (
            FilingKind::CsirtReport(1),
            "filed/2026-0007/nis2-intermediate-1",
        ),
    ];
    for (kind, name) in kinds {
        assert_eq!(tag_name(&id, &kind), name);
        let (parsed_id, slug) = parse_tag_name(name).unwrap();
        assert_eq!(parsed_id, id);
        assert_eq!(FilingKind::of_slug(&slug), Some(kind));
        assert!(
            name.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-/".contains(&b)),
            "{name}"
        );
    }
    let again = recorded_again("filed/2026-0007/imy", 2);
    assert_eq!(again, "filed/2026-0007/imy.2");
    assert_eq!(parse_tag_name(&again).unwrap().1, "imy");
    assert_eq!(parse_tag_name("v1.0"), None);
}

#[test]
fn only_entries_that_send_something_are_filings() {
    assert_eq!(
        FilingKind::of_event(&Event::ImyNotified { case_number: None }),
        Some(FilingKind::Imy)
    );
    assert_eq!(
        FilingKind::of_event(&Event::SupplementSent { number: 3 }),
        Some(FilingKind::Supplement(3))
    );
    assert_eq!(
        FilingKind::of_event(&Event::SubjectsWillBeInformed { when: "x".into() }),
        None
    );
    assert_eq!(
        FilingKind::of_event(&Event::CsirtRequest { number: 1 }),
        None
    );
}

#[test]
fn the_message_names_what_when_to_whom_and_imys_case_number() {
    let incident = incident(NOTIFIED);
    let filing = Filing::of(&incident, FilingKind::Imy).unwrap();
    assert_eq!(
        filing.message(Lang::Sv, Stockholm),
        "2026-0007: anmälan av personuppgiftsincident till IMY (GDPR art. 33) inlämnad 2026-03-30 09:15 +02:00\n\
         \n\
         Till: Integritetsskyddsmyndigheten (IMY)\n\
         IMY:s diarienummer: IMY-2026-1234\n\
         \n\
         Incident: 2026-0007\n\
         Filed: imy\n\
         Filed-At: 2026-03-30T09:15:00+02:00\n\
         Case-Number: IMY-2026-1234\n"
    );
    let supplement = Filing::of(&incident, FilingKind::Supplement(1)).unwrap();
    let english = supplement.message(Lang::En, Stockholm);
    assert!(english.lines().count() <= 9, "git tag -n9 shows it whole");
    assert!(
        english.starts_with(
            "2026-0007: supplement 1 to IMY (GDPR Art. 33(4)) filed 2026-04-02 10:00 +02:00\n"
        ),
        "{english}"
    );
    assert_eq!(
        filed_at(&english).unwrap().to_rfc3339(),
        "2026-04-02T10:00:00+02:00"
    );
    assert_eq!(Filing::of(&incident, FilingKind::Supplement(2)), None);
    assert_eq!(Filing::of(&incident, FilingKind::Subjects), None);
}

#[test]
fn what_a_person_typed_is_made_safe_for_a_terminal() {
    let incident = incident(
        "data_subjects:\n  informed: true\n  informed_at: 2026-03-31T08:00:00+02:00\n  how: \"Brev \\e[31m\"\n",
    );
    let message = Filing::of(&incident, FilingKind::Subjects)
        .unwrap()
        .message(Lang::En, Stockholm);
    assert!(!message.contains('\u{1b}'), "{message:?}");
    assert!(message.contains("To: the data subjects (Brev"), "{message}");
}
