//! End-to-end tests of NIS2 (Directive (EU) 2022/2555 Art. 23; cybersäkerhetslagen
//! (2025:1506)): classifying an incident as significant after `new`, recording each report
//! to the CSIRT, and the reports in `deadlines` and `show`, in Swedish and English.

#![allow(
    clippy::unwrap_used,
    reason = "test code: a helper outside a #[test] fails the test by panicking"
)]

mod common;

use common::{TestRegister, assess_low, stderr, transcript};
use serde_json::Value;

const ID: &str = "2026-0001";
const NOTIFICATION: &str = "incidents/2026/2026-0001/notification.yaml";
const REPORT: &str = "incidents/2026/2026-0001/report.yaml";

/// A register with one incident discovered 2026-03-27 10:00, then classified significant.
fn significant(extra: &[&str]) -> TestRegister {
    let register = TestRegister::new();
    register.new_incident(extra);
    register
        .cmd()
        .args([
            "nis2",
            ID,
            "--significant",
            "yes",
            "--reason",
            "The booking system was down for six hours.",
        ])
        .assert()
        .success();
    register
}

fn nis2(register: &TestRegister, args: &[&str]) -> std::process::Output {
    // The reports are recorded at times after the test's fixed clock.
    let mut full = vec!["--confirm-time", "notified", "nis2", ID];
    full.extend_from_slice(args);
    register.cmd().args(&full).output().unwrap()
}

/// The obligations of the incident at `at`, as `deadlines --all --json` gives them.
fn duties(register: &TestRegister, at: &str) -> Vec<(String, String, String)> {
    let output = register
        .cmd()
        .args(["deadlines", "--all", "--json", "--incident", ID, "--at", at])
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    json["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["obligation"].as_str().unwrap().starts_with("nis2"))
        .map(|o| {
            (
                o["obligation"].as_str().unwrap().to_string(),
                o["due"].as_str().unwrap().to_string(),
                o["state"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn duty(key: &str, due: &str, state: &str) -> (String, String, String) {
    (key.into(), due.into(), state.into())
}

#[test]
fn the_flag_is_set_after_new_with_who_when_and_why_as_its_own_entry() {
    let register = significant(&[]);
    let report = register.read(REPORT);
    assert!(report.contains("nis2_significant: true"), "{report}");
    assert!(report.contains("classifications:\n  nis2:\n    applies: true\n    at: \"2026-03-27T12:00:00+01:00\"\n    by: Test Author\n    reason: The booking system was down for six hours.\n"), "{report}");
    let commit = &register.commits()[0];
    assert_eq!(commit.subject, "2026-0001: NIS2: significant incident");
    assert!(
        commit
            .message
            .contains("The booking system was down for six hours.")
    );
    assert!(
        commit.message.contains("Regime: nis2"),
        "{}",
        commit.message
    );

    // Cleared later, with its reason: the reports are no longer owed.
    register
        .cmd()
        .args([
            "nis2",
            ID,
            "--significant",
            "no",
            "--reason",
            "Only one user was affected.",
        ])
        .assert()
        .success();
    let report = register.read(REPORT);
    assert!(report.contains("nis2_significant: false"), "{report}");
    assert!(report.contains("applies: false"), "{report}");
    assert!(duties(&register, "2026-03-29 12:00").is_empty());
    assert_eq!(
        register.commits()[0].subject,
        "2026-0001: NIS2: not a significant incident"
    );
}

#[test]
fn a_classification_needs_its_reason() {
    let register = TestRegister::new();
    register.new_incident(&[]);
    let output = register
        .cmd()
        .args(["--no-input", "nis2", ID, "--significant", "yes"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("--reason TEXT"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_report_of_an_incident_not_significant_is_refused() {
    let register = TestRegister::new();
    register.new_incident(&[]);
    let output = nis2(&register, &["--report", "early-warning"]);
    assert_eq!(output.status.code(), Some(4));
    insta::assert_snapshot!("nis2_not_significant", transcript(&output));
    assert!(!register.path(NOTIFICATION).exists());
}

#[test]
fn each_report_is_recorded_and_meets_its_duty() {
    let register = significant(&["--ongoing", "no", "--ended", "2026-03-28 08:00"]);
    assert_eq!(
        duties(&register, "2026-03-27 12:00"),
        vec![
            duty("nis2_early_warning", "2026-03-28T10:00:00+01:00", "pending"),
            duty("nis2_notification", "2026-03-30T11:00:00+02:00", "pending"),
            duty("nis2_final_report", "2026-04-30T11:00:00+02:00", "pending"),
        ]
    );
    for (report, at) in [
        ("early-warning", "2026-03-27 14:00"),
        ("notification", "2026-03-29 09:00"),
    ] {
        let output = nis2(&register, &["--report", report, "--at", at]);
        assert!(output.status.success(), "{}", stderr(&output));
    }
    // The CSIRT asks for an intermediate report (Art. 23(4)(c)); answered a day later.
    let output = nis2(
        &register,
        &[
            "--report",
            "intermediate",
            "--requested-at",
            "2026-04-01 09:00",
            "--due",
            "2026-04-03 12:00",
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        register.commits()[0].subject,
        "2026-0001: NIS2: intermediate report 1 requested by the CSIRT"
    );
    let output = nis2(
        &register,
        &["--report", "intermediate", "--at", "2026-04-02 10:00"],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let output = nis2(
        &register,
        &["--report", "final", "--at", "2026-04-20 10:00"],
    );
    assert!(output.status.success(), "{}", stderr(&output));

    insta::assert_snapshot!("nis2_notification_yaml", register.read(NOTIFICATION));
    // The final report runs from the notification as sent: a month after 29 March.
    assert_eq!(
        duties(&register, "2026-04-21 12:00"),
        vec![
            duty("nis2_early_warning", "2026-03-28T10:00:00+01:00", "met"),
            duty("nis2_notification", "2026-03-30T11:00:00+02:00", "met"),
            duty(
                "nis2_intermediate_report",
                "2026-04-03T12:00:00+02:00",
                "met"
            ),
            duty("nis2_final_report", "2026-04-29T09:00:00+02:00", "met"),
        ]
    );
    let subjects: Vec<String> = register.commits()[..5]
        .iter()
        .map(|c| c.subject.clone())
        .collect();
    assert_eq!(
        subjects,
        [
            "2026-0001: NIS2: final report sent to the CSIRT",
            "2026-0001: NIS2: intermediate report 1 sent to the CSIRT",
            "2026-0001: NIS2: intermediate report 1 requested by the CSIRT",
            "2026-0001: NIS2: incident notification sent to the CSIRT",
            "2026-0001: NIS2: early warning sent to the CSIRT",
        ]
    );
}

#[test]
fn an_answer_without_a_request_and_a_request_for_another_report_are_refused() {
    let register = significant(&[]);
    let output = nis2(&register, &["--report", "intermediate"]);
    assert_eq!(output.status.code(), Some(4));
    assert!(
        stderr(&output).contains("--requested-at TIME --due TIME"),
        "{}",
        stderr(&output)
    );
    let output = nis2(
        &register,
        &[
            "--report",
            "final",
            "--requested-at",
            "2026-04-01",
            "--due",
            "2026-04-02",
        ],
    );
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("--report intermediate"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn ongoing_at_the_final_reports_deadline_a_progress_report_is_due_and_the_final_after_the_end() {
    let register = significant(&["--ongoing", "yes"]);
    // Before the deadline the final report is due as usual.
    assert_eq!(
        duties(&register, "2026-04-01 12:00")[2],
        duty("nis2_final_report", "2026-04-30T11:00:00+02:00", "pending")
    );
    // Still going at the deadline: the progress report is owed instead (Art. 23(4)(e)),
    // and the final report stays owed, at the earliest a month after the deadline, until
    // the end is known, so the case cannot close without it.
    assert_eq!(
        duties(&register, "2026-05-01 12:00")[2..],
        [
            duty(
                "nis2_progress_report",
                "2026-04-30T11:00:00+02:00",
                "overdue"
            ),
            duty("nis2_final_report", "2026-05-30T11:00:00+02:00", "pending"),
        ]
    );
    let output = nis2(
        &register,
        &["--report", "progress", "--at", "2026-04-29 10:00"],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    // It ends on 20 May: the final report is due one month after.
    let report = register.read(REPORT).replace(
        "ongoing: true\n",
        "ongoing: false\nended:\n  date: 2026-05-20\n  time: \"16:00\"\n",
    );
    register.write(REPORT, &report);
    register
        .cmd()
        .args(["record", "-m", "ended"])
        .assert()
        .success();
    assert_eq!(
        duties(&register, "2026-05-21 12:00")[2..],
        [
            duty("nis2_progress_report", "2026-04-30T11:00:00+02:00", "met"),
            duty("nis2_final_report", "2026-06-20T16:00:00+02:00", "pending"),
        ]
    );
}

#[test]
fn a_hand_edited_classification_must_agree_with_the_flag() {
    let register = significant(&[]);
    let report = register
        .read(REPORT)
        .replace("nis2_significant: true", "nis2_significant: false");
    register.write(REPORT, &report);
    let output = register.cmd().args(["validate"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let text = transcript(&output);
    assert!(
        text.contains("nis2_significant: `classifications.nis2.applies` is true"),
        "{text}"
    );
}

/// A significant incident at 2 April: the early warning sent, the notification overdue, a
/// request of the CSIRT's open.
fn midway() -> TestRegister {
    let register = significant(&[]);
    for args in [
        &["--report", "early-warning", "--at", "2026-03-27 15:30"][..],
        &[
            "--report",
            "intermediate",
            "--requested-at",
            "2026-04-01 09:00",
            "--due",
            "2026-04-03 12:00",
        ][..],
    ] {
        let output = nis2(&register, args);
        assert!(output.status.success(), "{}", stderr(&output));
    }
    register
}

#[test]
fn deadlines_show_every_report_with_both_rules_in_swedish_and_english() {
    let register = midway();
    for lang in ["sv", "en"] {
        let output = register
            .cmd()
            .args([
                "--lang",
                lang,
                "deadlines",
                "--all",
                "--at",
                "2026-04-02 12:00",
            ])
            .output()
            .unwrap();
        insta::assert_snapshot!(format!("nis2_deadlines_{lang}"), transcript(&output));
    }
}

#[test]
fn show_lists_the_reports_in_swedish_and_english() {
    let register = midway();
    for lang in ["sv", "en"] {
        let output = register
            .cmd()
            .env("INCIDENT_NOW", "2026-04-02T12:00:00+02:00")
            .args(["--lang", lang, "show", ID])
            .output()
            .unwrap();
        let text = transcript(&output);
        let classified = match lang {
            "sv" => {
                "NIS2 / cybersäkerhetslagen  omfattas (2026-03-27 12:00 +01:00, Test Author): The booking system was down for six hours."
            }
            _ => {
                "NIS2 / cybersäkerhetslagen  applies (2026-03-27 12:00 +01:00, Test Author): The booking system was down for six hours."
            }
        };
        assert!(text.contains(classified), "{text}");
        let deadlines = &text[text.find("Deadlines").or(text.find("Frister")).unwrap_or(0)..];
        insta::assert_snapshot!(format!("nis2_show_{lang}"), deadlines);
    }
}

#[test]
fn a_significant_incident_does_not_close_while_a_report_to_the_csirt_is_owed() {
    let register = significant(&["--ongoing", "no", "--ended", "2026-03-27 11:00"]);
    register
        .cmd()
        .args(assess_low(ID, "No personal data at risk."))
        .assert()
        .success();
    let close = [
        "close",
        ID,
        "--root-cause",
        "A disk filled up.",
        "--lessons",
        "Monitor the disks.",
    ];
    let output = register.cmd().args(close).output().unwrap();
    assert_eq!(output.status.code(), Some(4), "{}", stderr(&output));
    let text = stderr(&output);
    for owed in [
        "NIS2: early warning",
        "NIS2: incident notification",
        "NIS2: final report",
    ] {
        assert!(text.contains(owed), "{owed}: {text}");
    }
    for (report, at) in [
        ("early-warning", "2026-03-27 11:00"),
        ("notification", "2026-03-27 11:30"),
        ("final", "2026-03-27 11:45"),
    ] {
        let output = nis2(&register, &["--report", report, "--at", at]);
        assert!(output.status.success(), "{}", stderr(&output));
    }
    let output = register.cmd().args(close).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
}

#[test]
fn a_request_given_with_its_answer_is_the_one_answered() {
    let register = significant(&[]);
    let request = |requested: &'static str, due: &'static str, at: Option<&'static str>| {
        let mut args = vec![
            "--report",
            "intermediate",
            "--requested-at",
            requested,
            "--due",
            due,
        ];
        args.extend(at.iter().flat_map(|at| ["--at", at]));
        let output = nis2(&register, &args);
        assert!(output.status.success(), "{}", stderr(&output));
    };
    request("2026-03-28 09:00", "2026-03-30 12:00", None);
    request(
        "2026-03-29 09:00",
        "2026-03-29 18:00",
        Some("2026-03-29 17:00"),
    );
    let states: Vec<(String, String)> = duties(&register, "2026-03-31 12:00")
        .into_iter()
        .filter(|(key, ..)| key == "nis2_intermediate_report")
        .map(|(_, due, state)| (due, state))
        .collect();
    assert_eq!(
        states,
        [
            // Sorted by due: the second request, answered, then the first, still open.
            ("2026-03-29T18:00:00+02:00".to_string(), "met".to_string()),
            (
                "2026-03-30T12:00:00+02:00".to_string(),
                "overdue".to_string()
            ),
        ]
    );
}

#[test]
fn times_that_cannot_be_true_are_refused_for_the_reports_too() {
    let register = significant(&[]);
    let before = register.commits().len();
    // An early warning before the incident was discovered (27 March 10:00).
    let early = nis2(
        &register,
        &["--report", "early-warning", "--at", "2026-03-01 09:00"],
    );
    assert_eq!(early.status.code(), Some(2), "{}", stderr(&early));
    assert!(stderr(&early).contains("--at"), "{}", stderr(&early));
    // The CSIRT's deadline before its own request: bad input, not an invalid file.
    let due = nis2(
        &register,
        &[
            "--report",
            "intermediate",
            "--requested-at",
            "2026-03-27 11:00",
            "--due",
            "2026-03-27 10:30",
        ],
    );
    assert_eq!(due.status.code(), Some(2), "{}", stderr(&due));
    assert!(stderr(&due).contains("--due"), "{}", stderr(&due));
    // A classification dated before the discovery.
    let classified = register
        .cmd()
        .args([
            "nis2",
            ID,
            "--significant",
            "no",
            "--reason",
            "r",
            "--at",
            "2026-01-01 09:00",
        ])
        .output()
        .unwrap();
    assert_eq!(classified.status.code(), Some(2), "{}", stderr(&classified));
    assert_eq!(register.commits().len(), before, "nothing recorded");
}
