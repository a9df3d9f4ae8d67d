//! The transaction through the store itself, on a register in a temporary folder.

use super::*;
use crate::domain::model::actions::ActionTaken;
use crate::error::Meanwhile;
use crate::store::journal::Author;
use crate::store::testing::{TestRegister, draft, logged, reported};

fn action(text: &str) -> ActionTaken {
    ActionTaken {
        date: chrono::NaiveDate::from_ymd_opt(2026, 3, 27).unwrap(),
        time: None,
        action: text.into(),
        by: None,
    }
}

fn log(change: &mut Change<'_>, text: &str) {
    let mut actions = change.incident().actions.clone().unwrap_or(Actions {
        schema_version: SCHEMA_VERSION,
        taken: Vec::new(),
        planned: Vec::new(),
    });
    actions.taken.push(action(text));
    change.set_actions(actions);
}

use crate::domain::model::SCHEMA_VERSION;

#[test]
fn a_new_incident_takes_the_next_id_of_its_year_and_one_commit() {
    let test = TestRegister::new();
    let register = test.open();
    for expected in ["2026-0001", "2026-0002"] {
        let outcome = register
            .start_new(&test.stamp(), LockHold::Throughout)
            .unwrap()
            .finish(draft("Fel mottagare"), Entry::new(reported(), &[Step::A]))
            .unwrap();
        assert_eq!(outcome.id.to_string(), expected);
        assert_eq!(
            outcome.entry.subject,
            format!("{expected}: reported: Fel mottagare")
        );
        assert_eq!(outcome.hand_edits, None);
    }
    assert_eq!(test.commit_count(), 3, "init and two reports");
    assert!(
        test.root()
            .join("incidents/2026/2026-0002/report.yaml")
            .is_file()
    );
}

#[test]
fn a_change_of_files_changed_meanwhile_is_refused_and_writes_nothing() {
    let test = TestRegister::new();
    let register = test.open();
    let id = test.new_incident(&register);
    let mut change = register
        .start_change(&id, &test.stamp(), LockHold::StartAndFinish)
        .unwrap();
    // While a person answers prompts, another command records a change.
    let mut other = register
        .start_change(&id, &test.stamp(), LockHold::Throughout)
        .unwrap();
    log(&mut other, "Recipient asked to delete the e-mail.");
    other.finish(Entry::new(logged(), &[Step::D])).unwrap();
    let head = test.commit_count();
    log(&mut change, "Computed from the old file.");
    let refused = change.finish(Entry::new(logged(), &[Step::D]));
    assert!(
        matches!(
            &refused,
            Err(Error::Concurrent {
                what: Meanwhile::Incident { created: false, .. }
            })
        ),
        "{refused:?}"
    );
    assert_eq!(test.commit_count(), head, "nothing recorded");
    let actions = test.read(&format!("{}/actions.yaml", id.folder()));
    assert!(actions.contains("Recipient asked") && !actions.contains("old file"));
}

#[test]
fn edits_by_hand_are_recorded_first_and_comments_a_rewrite_drops_are_named() {
    let test = TestRegister::new();
    let register = test.open();
    let id = test.new_incident(&register);
    let report = format!("{}/report.yaml", id.folder());
    let edited = test.read(&report) + "# Checked with the unit.\nongoing: false\n";
    test.write(&report, &edited);
    let mut change = register
        .start_change(&id, &test.stamp(), LockHold::Throughout)
        .unwrap();
    assert_eq!(
        change.incident().report.ongoing,
        Some(false),
        "the base is the edit"
    );
    let mut report_value = change.incident().report.clone();
    report_value.discovered_by = Some("Kontaktcenter".into());
    change.set_report(report_value);
    let outcome = change.finish(Entry::new(logged(), &[Step::D])).unwrap();
    assert_eq!(
        outcome.hand_edits.map(|r| r.subject),
        Some(format!("{id}: edited by hand (report.yaml)"))
    );
    assert_eq!(outcome.comments_lost, vec![report.clone()]);
    let now = test.read(&report);
    assert!(now.contains("ongoing: false") && now.contains("Kontaktcenter"));
    assert!(
        !now.contains("# Checked"),
        "the rewrite does not keep the comment"
    );
}

#[test]
fn an_invalid_edit_by_hand_refuses_the_change_at_its_start() {
    let test = TestRegister::new();
    let register = test.open();
    test.new_incident(&register);
    test.write(
        "incident.toml",
        &test
            .read("incident.toml")
            .replace("Europe/Stockholm", "Mars/Olympus"),
    );
    let refused = register.start_new(&test.stamp(), LockHold::StartAndFinish);
    assert!(matches!(refused, Err(Error::HandEditsInvalid { .. })));
}

#[test]
fn a_change_without_an_author_that_git_accepts_commits_nothing() {
    let test = TestRegister::new();
    let register = test.open();
    let stamp = Stamp {
        author: Author {
            name: "<>".into(),
            email: "<>".into(),
        },
        ..test.stamp()
    };
    let failed = register
        .start_new(&stamp, LockHold::Throughout)
        .unwrap()
        .finish(draft("Fel mottagare"), Entry::new(reported(), &[Step::A]));
    assert!(failed.is_err());
    assert!(
        !test.root().join("incidents").exists(),
        "nothing half-written"
    );
}
