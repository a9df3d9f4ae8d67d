//! End-to-end tests of a vendor's notices to its customers (the Boet process): a customer
//! listed as affected before any notice, matched without regard to case, each of the three
//! notices meeting only its own obligation, and the texts of the acknowledgement, the
//! detailed notice and the resolution.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a helper outside a #[test] fails the test by panicking"
)]

mod common;

use common::{TestRegister, stderr, transcript};

const ID: &str = "2026-0001";
const NOTIFICATION: &str = "incidents/2026/2026-0001/notification.yaml";

fn run(register: &TestRegister, args: &[&str]) -> std::process::Output {
    let output = register.cmd().args(args).output().unwrap();
    assert!(output.status.success(), "{args:?}: {}", stderr(&output));
    output
}

/// A vendor's incident: a support export showed one municipality's residents to another.
fn vendor_case(ended: bool) -> TestRegister {
    let register = TestRegister::new();
    let mut args = vec![
        "--title",
        "Export med fel kunds brukare",
        "--observed",
        "En kund såg en annan kunds brukare i en export.",
        "--description",
        "Ett exportjobb hoppade över kundfiltret under en natt.",
        "--discovered",
        "2026-03-27 10:00",
        "--occurred",
        "2026-03-26 16:00",
        "--breach-type",
        "confidentiality",
        "--cause",
        "technical_error",
        "--groups",
        "service_users,vulnerable_persons",
        "--data-subjects",
        "11-100",
        "--records",
        "240",
        "--categories",
        "identifying,health",
        "--consequences",
        "loss_of_control,loss_of_professional_secrecy",
        "--encrypted",
        "no",
        "--role",
        "processor",
        "--controller",
        "Exempelby kommun;212000-0001",
        "--no-processors",
    ];
    if ended {
        args.extend(["--ongoing", "no", "--ended", "2026-03-27 08:00"]);
    } else {
        args.extend(["--ongoing", "yes"]);
    }
    register.new_incident(&args);
    run(
        &register,
        &[
            "log",
            ID,
            "--action",
            "Exportjobbet stoppades och kundfiltret rättades.",
            "--at",
            "2026-03-27 11:00",
        ],
    );
    run(
        &register,
        &[
            "log",
            ID,
            "--planned",
            "--action",
            "Lägga till ett test av kundfiltret",
            "--purpose",
            "prevent",
            "--due",
            "2026-04-15",
        ],
    );
    register
}

/// The customer obligations of the incident: (key, state).
fn customer_duties(register: &TestRegister) -> Vec<(String, String)> {
    // Exit 5 when something is overdue: the JSON is there either way.
    let output = register
        .cmd()
        .args(["deadlines", "--all", "--json", "--at", "2026-03-28 12:00"])
        .output()
        .unwrap();
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    value["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["obligation"].as_str().unwrap().contains("customer"))
        .map(|o| {
            (
                o["obligation"].as_str().unwrap().to_string(),
                o["state"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn contacted(register: &TestRegister, name: &str, notice: &str, at: &str) {
    run(
        register,
        &[
            "contacted",
            "customer",
            ID,
            "--name",
            name,
            "--notice",
            notice,
            "--at",
            at,
        ],
    );
}

#[test]
fn a_customer_is_listed_before_any_notice_and_owes_all_three() {
    let register = vendor_case(true);
    let output = run(
        &register,
        &["customer", "add", ID, "--name", "Exempelby kommun"],
    );
    assert!(stderr(&output).contains("customers listed as affected: Exempelby kommun"));
    assert_eq!(
        register
            .read(NOTIFICATION)
            .split_once("customers:")
            .unwrap()
            .1,
        "\n- name: Exempelby kommun\n"
    );
    let commit = &register.commits()[0];
    assert!(
        commit.subject.contains("customers listed as affected"),
        "{}",
        commit.subject
    );
    assert_eq!(
        customer_duties(&register),
        [
            ("acknowledge_customer".to_string(), "overdue".to_string()),
            ("inform_customer".to_string(), "pending".to_string()),
            (
                "tell_customer_resolution".to_string(),
                "pending".to_string()
            ),
        ]
    );
    // The same customer in another case: nothing new to record.
    let commits = register.commits().len();
    let again = run(
        &register,
        &["customer", "add", ID, "--name", "EXEMPELBY KOMMUN"],
    );
    assert!(stderr(&again).contains("Already listed as affected: EXEMPELBY KOMMUN"));
    assert_eq!(register.commits().len(), commits);
}

#[test]
fn a_customer_is_matched_without_regard_to_case() {
    let register = vendor_case(true);
    run(
        &register,
        &["customer", "add", ID, "--name", "Exempelby kommun"],
    );
    contacted(
        &register,
        "Exempelby Kommun",
        "acknowledgement",
        "2026-03-27 12:00",
    );
    contacted(
        &register,
        " exempelby KOMMUN ",
        "detailed",
        "2026-03-28 09:00",
    );
    let file = register.read(NOTIFICATION);
    assert_eq!(file.matches("- name:").count(), 1, "{file}");
    assert!(
        file.contains(
            "- name: Exempelby kommun\n  acknowledged_at: \"2026-03-27T12:00:00+01:00\"\n  detailed_notice_at: \"2026-03-28T09:00:00+01:00\"\n"
        ),
        "{file}"
    );
    assert!(
        register.commits()[0]
            .subject
            .contains("detailed notice sent to customer Exempelby kommun"),
        "the name as first recorded"
    );
}

#[test]
fn each_notice_meets_only_its_own_obligation() {
    let register = vendor_case(true);
    contacted(
        &register,
        "Exempelby kommun",
        "acknowledgement",
        "2026-03-27 12:00",
    );
    assert_eq!(
        customer_duties(&register),
        [
            ("acknowledge_customer".to_string(), "met".to_string()),
            ("inform_customer".to_string(), "pending".to_string()),
            (
                "tell_customer_resolution".to_string(),
                "pending".to_string()
            ),
        ]
    );
    contacted(
        &register,
        "Exempelby kommun",
        "resolution",
        "2026-03-28 09:00",
    );
    assert_eq!(
        customer_duties(&register),
        [
            ("acknowledge_customer".to_string(), "met".to_string()),
            ("inform_customer".to_string(), "pending".to_string()),
            ("tell_customer_resolution".to_string(), "met".to_string()),
        ]
    );
}

#[test]
fn the_three_notices() {
    let register = vendor_case(true);
    for notice in ["acknowledgement", "detailed", "resolution"] {
        let output = run(
            &register,
            &[
                "export",
                "customer",
                ID,
                "--notice",
                notice,
                "--language",
                "sv",
            ],
        );
        insta::assert_snapshot!(format!("customer_{notice}"), transcript(&output));
    }
}

#[test]
fn the_resolution_says_when_and_never_that_the_impact_is_being_investigated() {
    let register = TestRegister::new();
    register.new_incident(&["--ongoing", "no", "--ended", "2026-03-27 11:30"]);
    for language in ["sv", "en"] {
        let output = run(
            &register,
            &[
                "export",
                "customer",
                ID,
                "--notice",
                "resolution",
                "--language",
                language,
            ],
        );
        let text = String::from_utf8(output.stdout).unwrap();
        assert!(
            text.contains("Löst: 27 mars 2026 11:30")
                || text.contains("Resolved: 27 March 2026 11:30"),
            "{text}"
        );
        for investigating in ["utreds", "investigat"] {
            assert!(!text.contains(investigating), "{text}");
        }
    }
}

#[test]
fn a_resolution_before_the_end_is_refused() {
    let register = vendor_case(false);
    let output = register
        .cmd()
        .args(["export", "customer", ID, "--notice", "resolution"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(4));
    assert!(output.stdout.is_empty());
    assert!(
        stderr(&output)
            .contains("2026-0001 is still going on as report.yaml records (IMY question 12)"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_resolution_before_the_end_is_not_recorded_as_sent() {
    let register = vendor_case(false);
    let before = register.commits().len();
    let output = register
        .cmd()
        .args([
            "contacted",
            "customer",
            ID,
            "--name",
            "Exempelby kommun",
            "--notice",
            "resolution",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(4), "{}", stderr(&output));
    assert_eq!(register.commits().len(), before, "nothing recorded");
}

#[test]
fn the_detailed_notice_says_no_personal_data_when_the_verdict_says_so() {
    let register = vendor_case(true);
    run(
        &register,
        &[
            "verdict",
            ID,
            "no_personal_data",
            "--reason",
            "Only the municipality's own routing data",
            "--confirm",
        ],
    );
    let output = run(
        &register,
        &[
            "--lang", "sv", "export", "customer", ID, "--notice", "detailed",
        ],
    );
    let text = String::from_utf8_lossy(&output.stdout);
    let impact = text
        .split("Påverkan på personuppgifter")
        .nth(1)
        .unwrap_or_default();
    assert!(impact.trim_start().starts_with("Nej."), "{text}");
}

#[test]
fn a_misspelt_customer_is_refused_with_the_name_meant() {
    let register = vendor_case(true);
    run(
        &register,
        &["customer", "add", ID, "--name", "Exempelby kommun"],
    );
    let before = register.commits().len();
    let output = register
        .cmd()
        .args([
            "contacted",
            "customer",
            ID,
            "--name",
            "Exempelby Kommn",
            "--notice",
            "acknowledgement",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("did you mean `Exempelby kommun`?"),
        "{}",
        stderr(&output)
    );
    assert_eq!(register.commits().len(), before, "nothing recorded");
}

#[test]
fn ended_records_the_end_and_the_resolution_follows() {
    let register = vendor_case(false);
    let refused = register
        .cmd()
        .args(["export", "customer", ID, "--notice", "resolution"])
        .output()
        .unwrap();
    assert!(
        stderr(&refused).contains("`incident ended 2026-0001 --at TIME`"),
        "{}",
        stderr(&refused)
    );
    run(&register, &["ended", ID, "--at", "2026-03-27 10:05"]);
    let report = register.read("incidents/2026/2026-0001/report.yaml");
    assert!(report.contains("ongoing: false"), "{report}");
    let last = &register.commits()[0];
    assert!(
        last.subject
            .starts_with("2026-0001: ended 2026-03-27 10:05"),
        "{}",
        last.subject
    );
    let output = run(
        &register,
        &["export", "customer", ID, "--notice", "resolution"],
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("27 March 2026 10:05"));
}

#[test]
fn an_end_the_rules_refuse_is_bad_input_and_a_closed_case_takes_no_end_or_customer() {
    let register = vendor_case(false);
    let before = register.commits().len();
    for at in ["2026-03-29 02:30", "2026-03-20 10:00"] {
        let output = register
            .cmd()
            .args(["ended", ID, "--at", at])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{at}: {}", stderr(&output));
        assert!(
            stderr(&output)
                .starts_with("error: the answers do not agree, so nothing was recorded:"),
            "{}",
            stderr(&output)
        );
    }
    let empty = register
        .cmd()
        .args(["customer", "add", ID, "--name", "  "])
        .output()
        .unwrap();
    assert_eq!(empty.status.code(), Some(2), "{}", stderr(&empty));
    assert_eq!(register.commits().len(), before, "nothing recorded");

    // A closed case: a plain incident, assessed and closed.
    let register = TestRegister::new();
    register.new_incident(&["--discovered", "2026-03-27 10:00"]);
    run(&register, &common::assess_low(ID, "Nothing was read"));
    run(
        &register,
        &["close", ID, "--root-cause", "A slip", "--lessons", "Check"],
    );
    for args in [
        &["ended", ID, "--at", "2026-03-27 13:00"][..],
        &["customer", "add", ID, "--name", "Late customer"],
    ] {
        let output = register.cmd().args(args).output().unwrap();
        assert_eq!(
            output.status.code(),
            Some(4),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(
            stderr(&output).contains("incident reopen"),
            "{}",
            stderr(&output)
        );
    }
}

#[test]
fn a_notice_recorded_again_keeps_its_first_time_and_records_nothing() {
    let register = vendor_case(true);
    contacted(
        &register,
        "Exempelby kommun",
        "acknowledgement",
        "2026-03-27 11:00",
    );
    let before = register.commits().len();
    let again = run(
        &register,
        &[
            "contacted",
            "customer",
            ID,
            "--name",
            "Exempelby kommun",
            "--notice",
            "acknowledgement",
            "--at",
            "2026-03-27 15:00",
        ],
    );
    assert!(
        stderr(&again).contains("Already recorded: Exempelby kommun"),
        "{}",
        stderr(&again)
    );
    assert_eq!(register.commits().len(), before);
    let notification = register.read(NOTIFICATION);
    assert!(notification.contains("11:00:00"), "{notification}");
    assert!(!notification.contains("15:00:00"), "{notification}");
}
