//! End-to-end tests of the whole path A–H by flags: intake, the other parties, assessment,
//! actions, export, recorded notification, customer notice and closing; then the journal
//! and `show`; closing rules; reopening; and the annual follow-up.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a helper outside a #[test] fails the test by panicking"
)]

mod common;

use common::{TestRegister, assess_sensitive, run, transcript};

const ID: &str = "2026-0001";

/// A low risk: document only, nothing to notify (GDPR Art. 33(1)).
fn assess_low(register: &TestRegister, id: &str) {
    run(
        register,
        &common::assess_low(id, "An old address list, recovered at once."),
    );
}

/// An incident of a vendor acting as processor for a customer, taken from intake to close.
fn whole_path(register: &TestRegister) {
    register.new_incident(&[
        "--title",
        "Support export with customers' tenants visible to another customer",
        "--observed",
        "A customer saw another customer's residents in an export.",
        "--discovered",
        "2026-03-27 10:00",
        "--occurred",
        "2026-03-26 16:00",
        "--what-happened",
        "free_text",
        "--what-happened-comment",
        "Obehörig åtkomst: felaktig behörighet",
        "--description",
        "An export job ignored the tenant filter for one night.",
        "--breach-type",
        "confidentiality",
        "--cause",
        "technical_error",
        "--ongoing",
        "no",
        "--ended",
        "2026-03-27 08:00",
        "--groups",
        "service_users",
        "--data-subjects",
        "11-100",
        "--categories",
        "identifying,contact_details",
        "--consequences",
        "loss_of_control",
        "--no-processors",
    ]);
    run(
        register,
        &[
            "contacted",
            "manager",
            ID,
            "--name",
            "Head of support",
            "--at",
            "2026-03-27 10:15",
        ],
    );
    run(
        register,
        &["contacted", "dpo", ID, "--at", "2026-03-27 10:30"],
    );
    run(
        register,
        &[
            "assess",
            ID,
            "--category",
            "simple",
            "--dpc-score",
            "2",
            "--dpc-justification",
            "Residents of one landlord: assumptions on their social status",
            "--ease",
            "maximum",
            "--confidentiality",
            "known_recipients",
            "--integrity",
            "none",
            "--availability",
            "none",
            "--reasoning",
            "Contact details of residents reached one known customer, who deleted them.",
        ],
    );
    run(
        register,
        &[
            "log",
            ID,
            "--action",
            "Export job stopped and the tenant filter fixed.",
            "--at",
            "2026-03-27 11:00",
            "--by",
            "Operations",
        ],
    );
    run(
        register,
        &[
            "log",
            ID,
            "--planned",
            "--action",
            "Add a test for the tenant filter",
            "--purpose",
            "prevent",
            "--due",
            "2026-04-15",
            "--by",
            "Development",
        ],
    );
    run(
        register,
        &[
            "log",
            ID,
            "--planned",
            "--action",
            "Ask the customer to confirm the deletion",
            "--purpose",
            "mitigate",
        ],
    );
    run(
        register,
        &[
            "contacted",
            "customer",
            ID,
            "--name",
            "Bostad AB",
            "--notice",
            "acknowledgement",
            "--at",
            "2026-03-27 12:00",
        ],
    );
    run(
        register,
        &[
            "contacted",
            "customer",
            ID,
            "--name",
            "Bostad AB",
            "--notice",
            "detailed",
            "--at",
            "2026-03-28 12:00",
        ],
    );
    run(
        register,
        &[
            "notified",
            "imy",
            ID,
            "--at",
            "2026-03-29 09:00",
            // The story runs days ahead of the fixed clock: each such time is confirmed.
            "--confirm-time",
            "--case-number",
            "IMY-2026-0042",
            "--supplement-planned",
            "no",
        ],
    );
    run(
        register,
        &[
            "notified",
            "subjects",
            ID,
            "--not-informing",
            "no_high_risk",
        ],
    );
    let done = |number, at| ["log", ID, "--done", number, "--at", at, "--confirm-time"];
    run(register, &done("1", "2026-04-10"));
    run(register, &done("2", "2026-04-02"));
    run(
        register,
        &[
            "contacted",
            "customer",
            ID,
            "--name",
            "Bostad AB",
            "--notice",
            "resolution",
            "--at",
            "2026-04-10 15:00",
            "--confirm-time",
        ],
    );
    run(
        register,
        &[
            "close",
            ID,
            "--root-cause",
            "A refactoring removed the tenant filter from the export query.",
            "--lessons",
            "Tenant isolation gets its own tests.",
        ],
    );
}

#[test]
fn one_incident_from_intake_to_closed_by_flags() {
    let register = TestRegister::new();
    whole_path(&register);
    let subjects: Vec<String> = register
        .commits()
        .iter()
        .rev()
        .skip(1)
        .map(|c| c.subject.clone())
        .collect();
    insta::assert_snapshot!("path_journal", subjects.join("\n"));
    let history = register.cmd().args(["history", ID]).output().unwrap();
    insta::assert_snapshot!(
        "path_history",
        register.mask_known_commits(&transcript(&history))
    );
    let show = register
        .cmd()
        .env("INCIDENT_NOW", "2026-04-11T09:00:00+02:00")
        .args(["show", ID])
        .output()
        .unwrap();
    insta::assert_snapshot!("path_show", transcript(&show));
    let imy = register.cmd().args(["export", "imy", ID]).output().unwrap();
    assert_eq!(
        imy.status.code(),
        Some(0),
        "complete: {}",
        String::from_utf8_lossy(&imy.stderr)
    );
    let customer = register
        .cmd()
        .args([
            "export",
            "customer",
            ID,
            "--notice",
            "resolution",
            "--language",
            "sv",
        ])
        .output()
        .unwrap();
    insta::assert_snapshot!("path_customer_notice", transcript(&customer));
    let deadlines = register
        .cmd()
        .args(["deadlines", "--at", "2026-04-11 09:00"])
        .output()
        .unwrap();
    assert_eq!(
        deadlines.status.code(),
        Some(0),
        "a closed case has nothing due: {}",
        String::from_utf8_lossy(&deadlines.stdout)
    );
    assert_eq!(register.dirty(), Vec::<String>::new());
}

#[test]
fn closing_is_refused_while_a_measure_is_open_and_allowed_when_deferred_with_a_reason() {
    let register = TestRegister::new();
    register.new_incident(&[]);
    assess_low(&register, ID);
    run(
        &register,
        &[
            "log",
            ID,
            "--planned",
            "--action",
            "Train the unit",
            "--purpose",
            "prevent",
        ],
    );
    let before = register.head();
    let refused = register
        .cmd()
        .args([
            "close",
            ID,
            "--root-cause",
            "Human error.",
            "--lessons",
            "Training.",
        ])
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(4));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("planned measures are open") && stderr.contains("1. Train the unit"),
        "{stderr}"
    );
    assert_eq!(register.head(), before);

    let no_reason = register
        .cmd()
        .args(["log", ID, "--defer", "1"])
        .output()
        .unwrap();
    assert_eq!(no_reason.status.code(), Some(2), "--defer needs --reason");
    run(
        &register,
        &[
            "log",
            ID,
            "--defer",
            "1",
            "--reason",
            "Part of next year's training plan.",
        ],
    );
    run(
        &register,
        &[
            "close",
            ID,
            "--root-cause",
            "Human error.",
            "--lessons",
            "Training.",
        ],
    );
    let commit = &register.commits()[0];
    assert_eq!(commit.subject, "2026-0001: closed");
    assert!(
        commit.message.contains("Step: G\nStep: H\n"),
        "{}",
        commit.message
    );
    assert!(
        register
            .path("incidents/2026/2026-0001/closure.yaml")
            .is_file()
    );
}

#[test]
fn reopening_is_journaled_and_the_closure_stays_in_the_history() {
    let register = TestRegister::new();
    register.new_incident(&[]);
    assess_low(&register, ID);
    run(
        &register,
        &[
            "close",
            ID,
            "--root-cause",
            "Unknown.",
            "--lessons",
            "None yet.",
        ],
    );
    let missing_reason = register.cmd().args(["reopen", ID]).output().unwrap();
    assert_eq!(missing_reason.status.code(), Some(2));
    run(
        &register,
        &[
            "reopen",
            ID,
            "--reason",
            "The recipient reported a second e-mail.",
        ],
    );
    assert!(
        !register
            .path("incidents/2026/2026-0001/closure.yaml")
            .exists()
    );
    let commit = &register.commits()[0];
    assert_eq!(commit.subject, "2026-0001: reopened");
    assert!(
        commit
            .message
            .contains("The recipient reported a second e-mail.")
    );
    let history = register
        .cmd()
        .args(["history", ID, "--json"])
        .output()
        .unwrap();
    let value: serde_json::Value = serde_json::from_slice(&history.stdout).unwrap();
    let files: Vec<String> = value["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["files"][0]["change"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(files, ["added", "added", "added", "removed"]);
}

#[test]
fn a_controller_is_notified_only_by_a_processor() {
    let register = TestRegister::new();
    register.new_incident(&[]);
    let refused = register
        .cmd()
        .args(["contacted", "controller", ID])
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("GDPR Art. 33(2)"));
    register.new_incident(&[
        "--role",
        "processor",
        "--controller",
        "Kommunen;212000-0001",
    ]);
    run(
        &register,
        &[
            "contacted",
            "controller",
            "2026-0002",
            "--at",
            "2026-03-27 14:00",
        ],
    );
    assert_eq!(
        register.commits()[0].subject,
        "2026-0002: controller notified (Kommunen)"
    );
}

#[test]
fn stats_follow_up_a_register_with_incidents_in_different_states() {
    let register = TestRegister::new();
    whole_path(&register);
    register.new_incident(&[
        "--title",
        "Low",
        "--discovered",
        "2026-05-02 09:00",
        "--confirm-time",
        "--what-happened",
        "misdirected_communication",
        "--cause",
        "human_error_individual",
    ]);
    run(
        &register,
        &[
            "assess",
            "2026-0002",
            "--category",
            "simple",
            "--ease",
            "negligible",
            "--confidentiality",
            "none",
            "--integrity",
            "none",
            "--availability",
            "none",
            "--reasoning",
            "A letter to the right address with an old name.",
        ],
    );
    register.new_incident(&[
        "--title",
        "Late",
        "--discovered",
        "2026-06-01 08:00",
        "--confirm-time",
        "--what-happened",
        "misdirected_communication",
    ]);
    run(
        &register,
        &[
            "notified",
            "imy",
            "2026-0003",
            "--at",
            "2026-06-05 08:00",
            "--confirm-time",
            "--late-reason",
            "Found in the holidays.",
        ],
    );
    run(
        &register,
        &[
            "log",
            "2026-0003",
            "--planned",
            "--action",
            "Review routines",
            "--purpose",
            "prevent",
        ],
    );
    register.new_incident(&[
        "--title",
        "Last year",
        "--discovered",
        "2025-11-02 09:00",
        "--occurred",
        "2025-11-01",
    ]);
    let table = register
        .cmd()
        .args(["stats", "--year", "2026"])
        .output()
        .unwrap();
    insta::assert_snapshot!("stats_table", transcript(&table));
    let json = register
        .cmd()
        .args(["stats", "--year", "2026", "--json"])
        .output()
        .unwrap();
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(value["incidents"], 3);
    assert_eq!(value["notified"], 2);
    assert_eq!(value["notified_late"], 1);
    assert_eq!(value["not_notified"], 1, "the low one");
    assert_eq!(
        value["median_hours_to_notification"], 71.0,
        "46 h (across the change to summer time) and 96 h"
    );
    assert_eq!(value["worst_hours_to_notification"], 96.0);
    assert_eq!(value["open_measures"], 1);
    assert_eq!(value["what_happened"]["misdirected_communication"], 2);
    let all = register.cmd().args(["stats", "--json"]).output().unwrap();
    let value: serde_json::Value = serde_json::from_slice(&all.stdout).unwrap();
    assert_eq!(value["incidents"], 4);
}

#[test]
fn next_without_a_terminal_names_the_next_step() {
    let register = TestRegister::new();
    register.new_incident(&["--manager-informed", "2026-03-27 10:10"]);
    let output = register.cmd().args(["next", ID]).output().unwrap();
    assert!(output.status.success());
    assert_eq!(
        String::from_utf8_lossy(&output.stderr).trim(),
        "Next step B: Contact the data protection officer — `incident contacted dpo 2026-0001`"
    );
}

#[test]
fn closing_is_refused_before_the_assessment_and_while_imy_is_due() {
    let register = TestRegister::new();
    register.new_incident(&["--categories", "health"]);
    let unassessed = register
        .cmd()
        .args(["close", ID, "--root-cause", "r", "--lessons", "l"])
        .output()
        .unwrap();
    assert_eq!(unassessed.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&unassessed.stderr).contains("has no risk assessment"));
    run(
        &register,
        &assess_sensitive(
            ID,
            &[
                "--exception",
                "risk_removed",
                "--reasoning",
                "Health data to one known recipient.",
            ],
        ),
    );
    let due = register
        .cmd()
        .args(["close", ID, "--root-cause", "r", "--lessons", "l"])
        .output()
        .unwrap();
    assert_eq!(due.status.code(), Some(4));
    let stderr = String::from_utf8_lossy(&due.stderr);
    assert!(stderr.contains("Notify IMY (GDPR Art. 33(1))"), "{stderr}");
    assert!(
        !register
            .path("incidents/2026/2026-0001/closure.yaml")
            .exists()
    );
    run(
        &register,
        &["notified", "imy", ID, "--at", "2026-03-28 09:00"],
    );
    run(
        &register,
        &["close", ID, "--root-cause", "r", "--lessons", "l"],
    );
}
