//! What closing may and may not do beside the open duties of the law (tests/closing.rs):
//! the IMY notification is not waived, a closed case is not changed into owing again, the
//! register's own regimes decide what a closing owes, and the public communication, its
//! waiver and the verdict agree with the law.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a helper fails the test by panicking"
)]

mod common;

use common::{TestRegister, assess_low, assess_sensitive, stderr};

const ID: &str = "2026-0001";

fn run(register: &TestRegister, args: &[&str]) -> std::process::Output {
    register.cmd().args(args).output().unwrap()
}

fn ok(register: &TestRegister, args: &[&str]) -> String {
    let output = run(register, args);
    assert!(output.status.success(), "{args:?}: {}", stderr(&output));
    String::from_utf8(output.stdout).unwrap()
}

const CLOSE: &[&str] = &[
    "close",
    ID,
    "--root-cause",
    "A mail merge took the wrong list.",
    "--lessons",
    "Two people check every merge.",
];

/// A low risk, so that nothing of the law is owed after the assessment.
fn assessed_low(register: &TestRegister) {
    register.new_incident(&[]);
    ok(register, &assess_low(ID, "Nothing left the organisation."));
}

#[test]
fn the_imy_notification_is_not_waived_at_closing() {
    let register = TestRegister::new();
    register.new_incident(&[]);
    ok(
        &register,
        &assess_sensitive(ID, &["--reasoning", "Health data to a known recipient."]),
    );
    let mut args = CLOSE.to_vec();
    args.extend(["--waive", "notify_imy", "--reason", "We decided not to"]);
    let refused = run(&register, &args);
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    assert!(
        stderr(&refused).contains("`notify_imy` cannot be waived at closing")
            && stderr(&refused).contains("GDPR Art. 33(1)"),
        "{}",
        stderr(&refused)
    );
    assert!(
        !register
            .path("incidents/2026/2026-0001/closure.yaml")
            .exists()
    );
}

#[test]
fn a_change_that_would_make_a_closed_case_owe_again_asks_to_reopen_it() {
    let register = TestRegister::new();
    assessed_low(&register);
    ok(&register, CLOSE);
    let before = register.commits().len();
    let refused = run(
        &register,
        &["notified", "imy", ID, "--supplement-planned", "yes"],
    );
    assert_eq!(refused.status.code(), Some(4), "{}", stderr(&refused));
    assert!(
        stderr(&refused).contains("the case is closed with every duty of the law met")
            && stderr(&refused).contains("incident reopen 2026-0001"),
        "{}",
        stderr(&refused)
    );
    assert_eq!(register.commits().len(), before, "nothing recorded");
}

#[test]
fn a_register_without_nis2_neither_takes_the_flag_nor_owes_its_reports_at_closing() {
    let register = TestRegister::empty();
    register
        .cmd()
        .args([
            "init",
            ".",
            "--organisation",
            "Exempel",
            "--regimes",
            "gdpr",
        ])
        .assert()
        .success();
    let refused = run(
        &register,
        &[
            "new",
            "--title",
            "t",
            "--discovered",
            "2026-03-27 10:00",
            "--nis2-significant",
            "yes",
        ],
    );
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    assert!(
        stderr(&refused)
            .contains("--nis2-significant: the register does not follow the regime `nis2`"),
        "{}",
        stderr(&refused)
    );
    assessed_low(&register);
    // Marked by hand (or by an older version): the register does not follow NIS2, so its
    // reports are not owed, and the closing's claim holds under the register's regimes.
    let report = "incidents/2026/2026-0001/report.yaml";
    let text = register.read(report);
    register.write(report, &format!("{text}nis2_significant: true\n"));
    ok(&register, &["record", "-m", "Marked significant by hand"]);
    ok(&register, CLOSE);
    ok(&register, &["validate"]);
}

#[test]
fn the_public_is_not_owed_once_everyone_was_told_directly() {
    let register = TestRegister::new();
    register.new_incident(&[]);
    ok(
        &register,
        &assess_sensitive(
            ID,
            &[
                "--exception",
                "disproportionate_effort",
                "--reasoning",
                "Forty thousand former pupils.",
            ],
        ),
    );
    ok(
        &register,
        &["notified", "imy", ID, "--case-number", "IMY-1"],
    );
    ok(
        &register,
        &[
            "notified",
            "subjects",
            ID,
            "--informed-at",
            "2026-03-27 11:30",
            "--how",
            "A letter to each",
        ],
    );
    ok(&register, CLOSE);
}

#[test]
fn a_waived_public_communication_is_told_as_it_is_in_the_form_and_the_report() {
    let register = TestRegister::new();
    register.new_incident(&[]);
    ok(
        &register,
        &assess_sensitive(
            ID,
            &[
                "--exception",
                "disproportionate_effort",
                "--reasoning",
                "Forty thousand former pupils.",
            ],
        ),
    );
    ok(
        &register,
        &["notified", "imy", ID, "--case-number", "IMY-1"],
    );
    let mut args = CLOSE.to_vec();
    args.extend([
        "--waive",
        "public_communication",
        "--reason",
        "IMY found the letters to the schools enough",
    ]);
    ok(&register, &args);
    let form = ok(&register, &["export", "imy", ID, "--draft"]);
    assert!(
        form.contains("var planerad men gjordes inte; den skrevs av när ärendet avslutades. Skäl: IMY found the letters to the schools enough"),
        "{form}"
    );
    assert!(
        !form.contains("Den är planerad och har ännu inte gjorts"),
        "{form}"
    );
    let report = ok(&register, &["export", "report", ID]);
    assert!(
        report.contains("Waived at closing: Inform the public (GDPR Art. 34(3)(c)")
            && report.contains("IMY found the letters to the schools enough"),
        "{report}"
    );
    // A verdict that would take the waived duty away is asked about too.
    let verdict = run(
        &register,
        &["verdict", ID, "no_personal_data", "--reason", "Test data"],
    );
    assert_eq!(verdict.status.code(), Some(4), "{}", stderr(&verdict));
}

#[test]
fn the_public_communication_is_the_controllers_and_says_how() {
    let register = TestRegister::new();
    register.new_incident(&["--role", "processor", "--controller", "Kommunen"]);
    let processor = run(
        &register,
        &["notified", "public", ID, "--how", "The website"],
    );
    assert_eq!(processor.status.code(), Some(4), "{}", stderr(&processor));
    let own = register.new_incident(&["--title", "Own case"]);
    let blank = run(&register, &["notified", "public", &own, "--how", "  "]);
    assert_eq!(blank.status.code(), Some(2), "{}", stderr(&blank));
    assert!(
        stderr(&blank).contains("--how: must not be empty"),
        "{}",
        stderr(&blank)
    );
}

#[test]
fn deadlines_sees_a_closed_case_edited_by_hand_after_its_closing() {
    let register = TestRegister::new();
    assessed_low(&register);
    ok(&register, CLOSE);
    let quiet = run(&register, &["deadlines", "--at", "2026-04-10 12:00"]);
    assert_eq!(quiet.status.code(), Some(0), "{}", stderr(&quiet));
    // Marked significant under NIS2 by hand after the closing: its reports are owed now.
    let report = "incidents/2026/2026-0001/report.yaml";
    let text = register.read(report);
    register.write(report, &format!("{text}nis2_significant: true\n"));
    // Rewritten in place and not committed, the edit leaves the folder's metadata as it
    // was: `deadlines` passes the settled case over after one stat (README, "Speed and the
    // derived cache"), and `validate` tells it: the closure's claim no longer holds.
    let checked = run(&register, &["validate"]);
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&checked.stdout),
        stderr(&checked)
    );
    assert_eq!(checked.status.code(), Some(1), "{said}");
    assert!(
        said.contains("NIS2") && said.contains("closure.yaml"),
        "{said}"
    );
    // Once committed, `deadlines` reads the case again: the journal shows the change.
    let committed = register.git_as_colleague(&["commit", "-qam", "NIS2 after all"]);
    assert!(committed.status.success(), "{committed:?}");
    let seen = run(&register, &["deadlines", "--at", "2026-04-10 12:00"]);
    let said = format!("{}{}", String::from_utf8_lossy(&seen.stdout), stderr(&seen));
    assert_ne!(seen.status.code(), Some(0), "{said}");
    assert!(said.contains("NIS2"), "{said}");
}
