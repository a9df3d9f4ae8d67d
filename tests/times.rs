//! Times that cannot be true are refused, times more than a day ahead are asked about (and
//! refused without a terminal unless confirmed), by the binary: issue 16, item 7. The
//! fixed clock is 2026-03-27 12:00 +01:00; the incident was discovered at 10:00 that day.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a helper fails the test by panicking"
)]

mod common;

use common::{TestRegister, stderr, transcript};

/// Runs `args` and asserts it is refused as bad input (exit 2) with nothing recorded;
/// returns what it said.
fn refused(register: &TestRegister, args: &[&str]) -> String {
    let before = register.head();
    let output = register.cmd().args(args).output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(2),
        "{args:?}: {}",
        stderr(&output)
    );
    assert_eq!(register.head(), before, "{args:?}: nothing is committed");
    assert!(register.dirty().is_empty(), "{:?}", register.dirty());
    stderr(&output)
}

#[test]
fn a_discovery_months_ahead_is_refused_without_a_terminal_and_taken_when_confirmed() {
    let register = TestRegister::new();
    let said = refused(
        &register,
        &[
            "new",
            "--title",
            "Fel mottagare",
            "--discovered",
            "2026-09-01 10:00",
        ],
    );
    for expected in [
        "--discovered: the discovery (2026-09-01 10:00) is more than 24 hours after now (2026-03-27 12:00)",
        "GDPR Art. 33(1)",
        "--confirm-time",
    ] {
        assert!(said.contains(expected), "{expected} in:\n{said}");
    }
    assert!(!register.path("incidents/2026").exists());

    for flag in ["--confirm-time", "--bekrafta-tid"] {
        let id = register.new_incident(&["--discovered", "2026-09-01 10:00", flag]);
        let report = register.read(&format!("incidents/2026/{id}/report.yaml"));
        assert!(report.contains("date: \"2026-09-01\""), "{report}");
    }
}

#[test]
fn within_a_day_ahead_is_taken_as_given() {
    let register = TestRegister::new();
    let id = register.new_incident(&["--discovered", "2026-03-28 11:00"]);
    register
        .cmd()
        .args([
            "log",
            &id,
            "--action",
            "Mail recalled",
            "--at",
            "2026-03-28 12:00",
        ])
        .assert()
        .success();
}

#[test]
fn a_notification_to_imy_before_the_discovery_is_refused_and_nothing_recorded() {
    let register = TestRegister::new();
    let id = register.new_incident(&[]);
    let said = refused(
        &register,
        &["notified", "imy", &id, "--at", "2026-03-27 09:00"],
    );
    assert!(
        said.contains("--at: the notification to IMY (2026-03-27 09:00) cannot come before the discovery (2026-03-27 10:00)"),
        "{said}"
    );
    assert!(
        !register
            .path(&format!("incidents/2026/{id}/notification.yaml"))
            .exists()
    );
    // The same in Swedish and English, as a person reads it.
    for lang in ["sv", "en"] {
        let output = register
            .cmd()
            .args([
                "--lang",
                lang,
                "notified",
                "imy",
                &id,
                "--at",
                "2026-03-27 09:00",
            ])
            .output()
            .unwrap();
        insta::assert_snapshot!(format!("imy_before_discovery_{lang}"), transcript(&output));
    }
}

#[test]
fn every_notice_before_the_discovery_is_refused() {
    let register = TestRegister::new();
    let id = register.new_incident(&["--role", "processor", "--controller", "Kunden AB"]);
    let before = "2026-03-26 17:00";
    for args in [
        vec!["notified", "subjects", &id, "--informed-at", before],
        vec!["contacted", "controller", &id, "--at", before],
        vec![
            "contacted",
            "customer",
            &id,
            "--name",
            "Kunden AB",
            "--notice",
            "acknowledgement",
            "--at",
            before,
        ],
        vec![
            "contacted",
            "manager",
            &id,
            "--name",
            "Chefen",
            "--at",
            before,
        ],
        vec!["contacted", "dpo", &id, "--at", before],
    ] {
        let said = refused(&register, &args);
        assert!(
            said.contains("cannot come before the discovery"),
            "{args:?}: {said}"
        );
    }
    let said = refused(
        &register,
        &[
            "new",
            "--discovered",
            "2026-03-27 10:00",
            "--manager-informed",
            before,
            "--title",
            "x",
        ],
    );
    assert!(
        said.starts_with("error: --manager-informed: when the responsible manager was told"),
        "{said}"
    );
}

#[test]
fn a_supplement_before_its_notification_is_refused() {
    let register = TestRegister::new();
    let id = register.new_incident(&[]);
    register
        .cmd()
        .args(["notified", "imy", &id, "--at", "2026-03-27 11:00"])
        .assert()
        .success();
    let said = refused(
        &register,
        &[
            "notified",
            "supplement",
            &id,
            "--at",
            "2026-03-27 10:30",
            "--summary",
            "More",
        ],
    );
    assert!(said.contains("GDPR Art. 33(4)"), "{said}");
}

#[test]
fn a_notification_ahead_of_now_is_refused_unless_confirmed() {
    let register = TestRegister::new();
    let id = register.new_incident(&[]);
    let said = refused(
        &register,
        &["notified", "imy", &id, "--at", "2026-03-29 10:00"],
    );
    assert!(
        said.contains("would show the duty met before it is"),
        "{said}"
    );
    register
        .cmd()
        .args([
            "notified",
            "imy",
            &id,
            "--at",
            "2026-03-29 10:00",
            "--confirm-time",
        ])
        .assert()
        .success();
    let file = register.read(&format!("incidents/2026/{id}/notification.yaml"));
    assert!(
        file.contains("submitted_at: \"2026-03-29T10:00:00+02:00\""),
        "{file}"
    );
}

#[test]
fn an_action_in_2030_is_refused_unless_confirmed_while_a_measure_may_be_due_then() {
    let register = TestRegister::new();
    let id = register.new_incident(&[]);
    let said = refused(
        &register,
        &[
            "log",
            &id,
            "--action",
            "Mail recalled",
            "--at",
            "2030-01-01 09:00",
        ],
    );
    assert!(
        said.contains("when the action was taken (2030-01-01 09:00)"),
        "{said}"
    );
    register
        .cmd()
        .args([
            "log",
            &id,
            "--planned",
            "--action",
            "New mail filter",
            "--purpose",
            "prevent",
            "--due",
            "2030-01-01",
        ])
        .assert()
        .success();
    refused(
        &register,
        &["log", &id, "--done", "1", "--at", "2030-01-01"],
    );
    register
        .cmd()
        .args([
            "log",
            &id,
            "--action",
            "Mail recalled",
            "--at",
            "2030-01-01 09:00",
            "--confirm-time",
        ])
        .assert()
        .success();
    let said = refused(
        &register,
        &["aware", &id, "--at", "2026-05-01 08:00", "--reason", "x"],
    );
    assert!(said.contains("the awareness (2026-05-01 08:00)"), "{said}");
}

#[test]
fn a_hand_edited_notification_before_the_discovery_makes_the_file_invalid() {
    let register = TestRegister::new();
    let id = register.new_incident(&[]);
    register.write(
        &format!("incidents/2026/{id}/notification.yaml"),
        "schema_version: 1\nimy:\n  submitted_at: \"2026-03-27T09:00:00+01:00\"\n",
    );
    let output = register.cmd().args(["validate"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let said = String::from_utf8_lossy(&output.stdout).to_string() + &stderr(&output);
    assert!(
        said.contains(
            "imy.submitted_at: 2026-03-27 09:00 is before the discovery (2026-03-27 10:00"
        ),
        "{said}"
    );
}

#[test]
fn a_date_alone_is_midnight_and_the_refusal_says_so() {
    let register = TestRegister::new();
    let id = register.new_incident(&[]);
    let said = refused(&register, &["notified", "imy", &id, "--at", "2026-03-27"]);
    assert!(
        said.contains("(a date without a time counts as 00:00)"),
        "{said}"
    );
}
