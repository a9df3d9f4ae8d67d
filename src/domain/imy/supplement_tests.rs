//! The supplement lists exactly what changed since the filing: answers added or changed
//! with their previous values, and the actions logged since.

use chrono::{DateTime, TimeZone};
use chrono_tz::Europe::Stockholm;

use super::*;
use crate::domain::incident::Incident;
use crate::domain::lang::Lang;
use crate::domain::model::Settings;

fn incident(report: &str, actions: &str, notification: &str) -> Incident {
    let mut incident = Incident::new(
        serde_saphyr::from_str(&format!(
            "id: 2026-0001\ntitle: t\ndiscovered:\n  date: 2026-03-27\n  time: \"10:00\"\n{report}"
        ))
        .unwrap(),
    );
    incident.actions = Some(serde_saphyr::from_str(actions).unwrap());
    incident.notification = Some(serde_saphyr::from_str(notification).unwrap());
    incident
}

const FILED: &str = "imy:\n  submitted_at: 2026-03-27T11:00:00+01:00\n  case_number: IMY-2026-1\n";
const ONE_ACTION: &str =
    "taken:\n  - date: 2026-03-27\n    time: \"10:30\"\n    action: Mottagaren ombedd att radera\n";

fn compare(before: &Incident, now: &Incident) -> Supplement {
    let settings: Settings = toml::from_str("[organisation]\nname = \"X\"\n").unwrap();
    let at = Stockholm.with_ymd_and_hms(2026, 3, 28, 12, 0, 0).unwrap();
    supplement(before, now, &settings, Stockholm, at)
}

#[test]
fn two_changed_answers_one_added_and_the_actions_logged_since_nothing_else() {
    let unchanged = "ongoing: false\n";
    let before = incident(
        &format!("{unchanged}description: Fel mottagare\ndata_subjects:\n  exact: 1\n"),
        ONE_ACTION,
        FILED,
    );
    let now = incident(
        &format!(
            "{unchanged}description: Fel mottagare, två gånger\ndata_subjects:\n  exact: 3\nencrypted: false\n"
        ),
        &format!(
            "{ONE_ACTION}  - date: 2026-03-28\n    time: \"09:00\"\n    action: Rutinen ses över\n"
        ),
        FILED,
    );
    let found = compare(&before, &now);
    let numbers: Vec<u8> = found.changed.iter().map(|c| c.number).collect();
    assert_eq!(numbers, [16, 23, 27], "{found:#?}");
    let description = &found.changed[0];
    assert_eq!(
        description.before[0].content,
        Content::Text("Fel mottagare".into())
    );
    assert_eq!(
        description.now[0].content,
        Content::Text("Fel mottagare, två gånger".into())
    );
    assert!(found.changed[2].was_missing(), "27 was not answered then");
    assert_eq!(found.actions_added.len(), 1);
    assert_eq!(found.actions_added[0][2].1, "Rutinen ses över");
    assert!(found.actions_removed.is_empty());
    assert_eq!(found.filed, Filed::Notification);
    assert_eq!(found.case_number.as_deref(), Some("IMY-2026-1"));

    let compared = ComparedWith {
        tag: Some("filed/2026-0001/imy".into()),
        commit: "abc1234".into(),
    };
    let text = render_supplement_text(&found, &compared, Lang::Sv);
    assert!(
        text.contains("\n16. Kort beskrivning av incidenten\nFel mottagare, två gånger\n"),
        "{text}"
    );
    assert!(text.contains("Tidigare: Fel mottagare\n"), "{text}");
    assert!(text.contains("Tidigare: (saknades)\n"), "{text}");
    assert!(text.contains("Åtgärd: Rutinen ses över"), "{text}");
    assert!(!text.contains("Mottagaren ombedd"), "filed already: {text}");
    assert!(!text.contains("\n12. "), "unchanged: {text}");
    assert!(text.contains("endast ska lämna den information som tidigare saknades"));
    let english = render_supplement_text(&found, &compared, Lang::En);
    assert!(english.contains("Previously: (missing)\n"), "{english}");
    let json = render_supplement_json(&found, &compared);
    assert_eq!(json["changed"][1]["question"], 23);
    assert_eq!(json["changed"][2]["previous"], serde_json::Value::Null);
    assert_eq!(json["actions_logged_since"].as_array().unwrap().len(), 1);
}

#[test]
fn the_last_supplement_is_the_filing_and_nothing_changed_says_so() {
    let filed_twice = format!(
        "{FILED}  supplements:\n    - submitted_at: 2026-03-30T09:00:00+02:00\n      summary: s\n"
    );
    let before = incident("description: d\n", ONE_ACTION, &filed_twice);
    let found = compare(&before, &before.clone());
    assert!(found.is_empty());
    assert_eq!(found.filed, Filed::Supplement(1));
    assert_eq!(
        found.filed_at,
        Some(DateTime::parse_from_rfc3339("2026-03-30T09:00:00+02:00").unwrap())
    );
    let text = render_supplement_text(
        &found,
        &ComparedWith {
            tag: None,
            commit: "abc1234".into(),
        },
        Lang::En,
    );
    assert!(
        text.contains(
            "Compared with: supplement 1 2026-03-30 09:00 +02:00 (journal entry abc1234)"
        ),
        "{text}"
    );
    assert!(text.contains("nothing to supplement"), "{text}");
}

#[test]
fn an_action_changed_since_the_filing_is_listed_as_given_before() {
    let before = incident("", ONE_ACTION, FILED);
    let now = incident(
        "",
        "taken:\n  - date: 2026-03-27\n    time: \"10:30\"\n    action: Mottagaren ombedd att radera mejlet\n",
        FILED,
    );
    let found = compare(&before, &now);
    assert!(found.changed.is_empty(), "{:?}", found.changed);
    assert_eq!(found.actions_added.len(), 1);
    assert_eq!(found.actions_removed.len(), 1);
    assert_eq!(
        found.actions_removed[0][2].1,
        "Mottagaren ombedd att radera"
    );
}

#[test]
fn the_actions_stand_at_question_30_between_the_answers_before_and_after_it() {
    let before = incident("description: Fel mottagare\n", ONE_ACTION, FILED);
    let now = incident(
        "description: Fel mottagare, två gånger\n",
        &format!(
            "{ONE_ACTION}  - date: 2026-03-28\n    time: \"09:00\"\n    action: Rutinen ses över\n"
        ),
        &format!(
            "{FILED}data_subjects:\n  informed: true\n  informed_at: 2026-03-28T10:00:00+01:00\n"
        ),
    );
    let found = compare(&before, &now);
    assert!(
        found.changed.iter().any(|c| c.number > ACTIONS_QUESTION),
        "{found:#?}"
    );
    let compared = ComparedWith {
        tag: None,
        commit: "abc1234".into(),
    };
    for text in [
        render_supplement_text(&found, &compared, Lang::Sv),
        render_supplement_markdown(&found, &compared, Lang::Sv),
    ] {
        let at = |number: &str| {
            text.find(number)
                .unwrap_or_else(|| panic!("{number}: {text}"))
        };
        assert!(at("16. ") < at("30. "), "{text}");
        assert!(at("30. ") < at("31. "), "{text}");
    }
}
