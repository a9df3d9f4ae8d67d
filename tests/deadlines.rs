//! End-to-end tests of `incident deadlines` and the obligations in `incident show`: a
//! register with incidents in different states, evaluated at fixed moments.

mod common;

use common::{TestRegister, transcript};

fn assess(register: &TestRegister, id: &str, low: bool) {
    let mut args = vec![
        "assess",
        id,
        "--category",
        "simple",
        "--integrity",
        "none",
        "--availability",
        "none",
        "--reasoning",
        "Assessed in the test.",
    ];
    if low {
        args.extend(["--ease", "negligible", "--confidentiality", "none"]);
    } else {
        // Medium (SE 2.75), notify IMY only: a known recipient, so no EDPB factor
        // pointing to a high risk (an attacker's exfiltration would).
        args.extend([
            "--ease",
            "maximum",
            "--confidentiality",
            "known_recipients",
            "--malicious",
            "yes",
            "--dpc-score",
            "2",
            "--dpc-justification",
            "The list shows the customers' standing",
        ]);
    }
    register.cmd().args(&args).assert().success();
}

fn record_notification(register: &TestRegister, id: &str, body: &str) {
    register.write(
        &format!("incidents/2026/{id}/notification.yaml"),
        &format!("schema_version: 1\nimy:\n{body}"),
    );
    register
        .cmd()
        .args(["record", "-m", "IMY notified"])
        .assert()
        .success();
}

/// Five incidents: unassessed; assessed low; notified on time; notified late with its
/// reason; a processor's.
fn register_with_states() -> TestRegister {
    let register = TestRegister::new();
    register.new_incident(&[
        "--title",
        "Unassessed",
        "--discovered",
        "2026-03-27 10:00",
        "--occurred",
        "2026-03-27",
    ]);
    register.new_incident(&[
        "--title",
        "Low risk",
        "--discovered",
        "2026-03-20 08:00",
        "--occurred",
        "2026-03-20",
        "--dpo-contacted",
        "2026-03-20 09:00",
    ]);
    assess(&register, "2026-0002", true);
    register.new_incident(&[
        "--title",
        "Notified on time",
        "--discovered",
        "2026-03-25 09:00",
        "--occurred",
        "2026-03-25",
    ]);
    assess(&register, "2026-0003", false);
    record_notification(
        &register,
        "2026-0003",
        "  submitted_at: 2026-03-26T15:00:00+01:00\n  case_number: IMY-2026-1001\n",
    );
    register.new_incident(&[
        "--title",
        "Notified late",
        "--discovered",
        "2026-03-20 10:00",
        "--occurred",
        "2026-03-20",
    ]);
    assess(&register, "2026-0004", false);
    record_notification(
        &register,
        "2026-0004",
        "  submitted_at: 2026-03-24T10:00:00+01:00\n  late_reason: The processor told us late.\n  supplement_planned: true\n",
    );
    register.new_incident(&[
        "--title",
        "As processor",
        "--discovered",
        "2026-03-28 09:00",
        "--occurred",
        "2026-03-28",
        "--role",
        "processor",
        "--controller",
        "Kund AB",
    ]);
    register
}

#[test]
fn the_table_lists_pending_and_overdue_soonest_first_and_exits_5_when_overdue() {
    let register = register_with_states();
    let output = register
        .cmd()
        .args(["deadlines", "--at", "2026-03-29 12:00"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(5), "something is overdue");
    insta::assert_snapshot!("deadlines_table", transcript(&output));
}

#[test]
fn all_includes_met_and_not_required_as_json() {
    let register = register_with_states();
    let output = register
        .cmd()
        .args([
            "deadlines",
            "--all",
            "--json",
            "--at",
            "2026-03-29T12:00:00+02:00",
        ])
        .output()
        .unwrap();
    insta::assert_snapshot!("deadlines_all_json", transcript(&output));
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let find = |id: &str, duty: &str| {
        value["obligations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["incident"] == id && o["obligation"] == duty)
            .cloned()
            .unwrap()
    };
    assert_eq!(
        find("2026-0001", "notify_imy")["due"],
        "2026-03-30T11:00:00+02:00",
        "72 elapsed hours across summer time"
    );
    assert_eq!(find("2026-0001", "notify_imy")["state"], "pending");
    assert_eq!(find("2026-0002", "notify_imy")["state"], "not_required");
    assert_eq!(find("2026-0003", "notify_imy")["state"], "met");
    assert_eq!(find("2026-0004", "notify_imy")["state"], "met_late");
    assert_eq!(find("2026-0004", "late_reason")["state"], "met");
    assert_eq!(
        find("2026-0004", "supplement")["due"],
        "2026-04-21T10:00:00+02:00"
    );
    assert_eq!(find("2026-0005", "notify_imy")["state"], "not_required");
    assert_eq!(
        find("2026-0005", "notify_controller")["rule"],
        "GDPR Art. 33(2): without undue delay; hours: internal target"
    );
}

#[test]
fn nothing_overdue_exits_0_and_one_incident_can_be_asked_for() {
    let register = TestRegister::new();
    register.new_incident(&[
        "--discovered",
        "2026-03-27 10:00",
        "--dpo-contacted",
        "2026-03-27 11:00",
    ]);
    let output = register
        .cmd()
        .args(["deadlines", "--at", "2026-03-27 12:00"])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let one = register
        .cmd()
        .args([
            "deadlines",
            "--incident",
            "2026-0001",
            "--all",
            "--at",
            "2026-03-27 12:00",
        ])
        .output()
        .unwrap();
    insta::assert_snapshot!("deadlines_one_incident", transcript(&one));
    let later = register
        .cmd()
        .args(["deadlines", "--at", "2026-03-30 11:00"])
        .output()
        .unwrap();
    assert_eq!(
        later.status.code(),
        Some(5),
        "at the due instant the notification is overdue"
    );
}

#[test]
fn show_lists_the_obligations() {
    let register = register_with_states();
    let output = register
        .cmd()
        .env("INCIDENT_NOW", "2026-03-29T12:00:00+02:00")
        .args(["show", "2026-0004"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("Deadlines"), "{text}");
    assert!(
        text.contains("2026-03-23 10:00 +01:00  Notify IMY  met late  (GDPR Art. 33(1))"),
        "{text}"
    );
    assert!(text.contains("Supplement the IMY notification"), "{text}");
}

#[test]
fn a_late_notification_without_its_reason_is_invalid() {
    let register = TestRegister::new();
    register.new_incident(&[
        "--discovered",
        "2026-03-20 10:00",
        "--occurred",
        "2026-03-20",
    ]);
    register.write(
        "incidents/2026/2026-0001/notification.yaml",
        "schema_version: 1\nimy:\n  submitted_at: 2026-03-24T10:00:00+01:00\n",
    );
    let before = register.head();
    let output = register.cmd().args(["record"]).output().unwrap();
    assert_eq!(output.status.code(), Some(4));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("notification.yaml:2: imy.late_reason: the notification was submitted 2026-03-24 10:00 +01:00, after the deadline 2026-03-23 10:00 +01:00"), "{stderr}");
    assert!(stderr.contains("GDPR Art. 33(1)"), "{stderr}");
    assert_eq!(register.head(), before);
}

#[test]
fn a_bad_at_is_a_usage_error() {
    let register = TestRegister::new();
    let output = register
        .cmd()
        .args(["deadlines", "--at", "2026-03-29 02:30"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("does not exist in Europe/Stockholm"));
}
