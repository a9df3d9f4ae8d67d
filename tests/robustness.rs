//! The register under stress: files edited badly by hand, a commit that fails, settings
//! that change under existing incidents, and the cases found in review (re-assessment,
//! repeated recording, processors).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a helper outside a #[test] fails the test by panicking"
)]

mod common;

use common::{TestRegister, assess_sensitive, run};

const ID: &str = "2026-0001";
const REPORT: &str = "incidents/2026/2026-0001/report.yaml";

#[test]
fn text_that_is_not_utf8_is_named_and_never_recorded() {
    let register = TestRegister::new();
    register.new_incident(&[]);
    let mut bytes = std::fs::read(register.path(REPORT)).unwrap();
    bytes.extend_from_slice(b"description: m\xe5ngd\n");
    std::fs::write(register.path(REPORT), bytes).unwrap();
    let validate = register.cmd().args(["validate"]).output().unwrap();
    assert_eq!(validate.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&validate.stdout);
    assert!(
        stdout.contains("report.yaml:") && stdout.contains("is not UTF-8 text"),
        "{stdout}"
    );
    let before = register.head();
    let record = register.cmd().args(["record"]).output().unwrap();
    assert_eq!(record.status.code(), Some(4));
    assert_eq!(register.head(), before);
}

#[test]
fn a_commit_that_fails_leaves_nothing_written() {
    let register = TestRegister::new();
    register.new_incident(&[]);
    let lock = register.path(".git/refs/heads/main.lock");
    std::fs::write(&lock, "").unwrap();
    let failed = register
        .cmd()
        .args(["new", "--title", "Second", "--discovered", "2026-03-28"])
        .output()
        .unwrap();
    // Git's lock on the branch is named with what clears it, before anything is done.
    let said = String::from_utf8_lossy(&failed.stderr);
    assert_eq!(failed.status.code(), Some(4), "{said}");
    assert!(
        said.contains(".git/refs/heads/main.lock is a lock file of git's")
            && said.contains(
                "hint: if no git command is running, delete it: `rm .git/refs/heads/main.lock`"
            ),
        "{said}"
    );
    assert!(
        !register.path("incidents/2026/2026-0002").exists(),
        "nothing half-written"
    );
    std::fs::remove_file(&lock).unwrap();
    assert_eq!(
        register.new_incident(&["--title", "Second", "--discovered", "2026-03-28"]),
        "2026-0002"
    );
    assert!(
        register
            .commits()
            .iter()
            .all(|c| !c.subject.contains("edited by hand"))
    );
}

#[test]
fn a_bad_author_leaves_no_register_behind() {
    let register = TestRegister::empty();
    let failed = register
        .cmd()
        .env("INCIDENT_AUTHOR", "A <b <c@d>>")
        .args(["init", "reg", "--organisation", "K"])
        .output()
        .unwrap();
    assert_ne!(failed.status.code(), Some(0));
    assert!(!register.path("reg/incident.toml").exists());
    register
        .cmd()
        .args(["init", "reg", "--organisation", "K"])
        .assert()
        .success();
}

#[test]
fn settings_edited_by_hand_are_checked_against_every_incident() {
    let register = TestRegister::new();
    register.new_incident(&["--discovered", "2026-03-27 10:00"]);
    run(
        &register,
        &["notified", "imy", ID, "--at", "2026-03-28 12:00"],
    );
    let settings = register
        .read("incident.toml")
        .replace("notify_imy_hours = 72", "notify_imy_hours = 24");
    register.write("incident.toml", &settings);
    // The organisation's 24 hours are its own target: the notification 26 hours after the
    // discovery is within the law's 72 (GDPR Art. 33(1)), so no reason for a delay is owed
    // and the settings are recorded.
    let record = register
        .cmd()
        .args(["record", "-m", "24 hours"])
        .output()
        .unwrap();
    assert_eq!(
        record.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&record.stderr)
    );
    let deadlines = register
        .cmd()
        .args(["--lang", "en", "deadlines", "--all"])
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&deadlines.stdout);
    assert!(
        shown.contains("Notify IMY (internal target)")
            && shown.contains("internal target; the law's deadline is 72 hours (GDPR Art. 33(1))"),
        "{shown}"
    );

    let unbounded = register
        .read("incident.toml")
        .replace("notify_imy_hours = 24", "notify_imy_hours = 72")
        .replace("close_days = 90", "close_days = 4294967295");
    register.write("incident.toml", &unbounded);
    let record = register.cmd().args(["record"]).output().unwrap();
    assert_eq!(
        record.status.code(),
        Some(1),
        "a deadline beyond the schema's bound is an invalid file, never a panic"
    );
    assert!(String::from_utf8_lossy(&record.stderr).contains("deadlines.close_days"));
}

#[test]
fn adding_a_case_number_keeps_the_submission_time() {
    let register = TestRegister::new();
    register.new_incident(&["--discovered", "2026-03-27 10:00"]);
    run(
        &register,
        &["notified", "imy", ID, "--at", "2026-03-28 09:00"],
    );
    let later = register
        .cmd()
        .env("INCIDENT_NOW", "2026-04-10T12:00:00+02:00")
        .args(["notified", "imy", ID, "--case-number", "IMY-2026-1"])
        .output()
        .unwrap();
    assert!(
        later.status.success(),
        "{}",
        String::from_utf8_lossy(&later.stderr)
    );
    let text = register.read("incidents/2026/2026-0001/notification.yaml");
    assert!(
        text.contains("submitted_at: \"2026-03-28T09:00:00+01:00\"") && text.contains("IMY-2026-1"),
        "{text}"
    );
}

#[test]
fn a_re_assessment_keeps_the_deadlines_of_the_first() {
    let register = TestRegister::new();
    register.new_incident(&["--categories", "health"]);
    let assess = assess_sensitive(ID, &["--reasoning", "r"]);
    run(&register, &assess);
    register
        .cmd()
        .env("INCIDENT_NOW", "2026-04-05T12:00:00+02:00")
        .args(assess)
        .assert()
        .success();
    assert!(
        register
            .read("incidents/2026/2026-0001/assessment.yaml")
            .contains("first_assessed_at: \"2026-03-27T12:00:00+01:00\"")
    );
    let json = register
        .cmd()
        .args(["deadlines", "--all", "--json", "--at", "2026-04-05 12:00"])
        .output()
        .unwrap();
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let inform = value["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["obligation"] == "inform_data_subjects")
        .unwrap()
        .clone();
    assert_eq!(inform["due"], "2026-03-30T13:00:00+02:00");
    assert_eq!(inform["state"], "overdue");
}

#[test]
fn a_processors_step_f_is_notifying_its_controller() {
    let register = TestRegister::new();
    register.new_incident(&[
        "--role",
        "processor",
        "--controller",
        "Kund AB",
        "--categories",
        "health",
    ]);
    run(&register, &assess_sensitive(ID, &["--reasoning", "r"]));
    let show = |register: &TestRegister| {
        String::from_utf8_lossy(&register.cmd().args(["show", ID]).output().unwrap().stdout)
            .to_string()
    };
    assert!(show(&register).contains("[ ] F"));
    run(
        &register,
        &["contacted", "controller", ID, "--at", "2026-03-27 14:00"],
    );
    let text = show(&register);
    assert!(text.contains("[x] F"), "{text}");
    assert!(
        !text.contains("Inform the data subjects  overdue"),
        "{text}"
    );
}

#[test]
fn flags_that_need_their_partner_say_so_and_defaults_apply() {
    let register = TestRegister::new();
    let orphan = register
        .cmd()
        .args([
            "new",
            "--title",
            "x",
            "--discovered",
            "2026-03-27",
            "--cause-comment",
            "why",
        ])
        .output()
        .unwrap();
    assert_eq!(orphan.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&orphan.stderr).contains("--cause <KEY>"));
    register.new_incident(&["--dpo-contacted", "2026-03-27 11:00"]);
    assert!(
        register
            .read(REPORT)
            .contains("dpo_contacted:\n  name: Dataskyddsombud Exempel"),
        "the DPO of incident.toml"
    );
    run(
        &register,
        &[
            "log",
            ID,
            "--planned",
            "--action",
            "Train",
            "--purpose",
            "prevent",
        ],
    );
    run(
        &register,
        &[
            "log",
            ID,
            "--done",
            "1",
            "--at",
            "2026-04-05 10:00",
            "--confirm-time",
        ],
    );
    assert!(
        register
            .read("incidents/2026/2026-0001/actions.yaml")
            .contains("done_on: \"2026-04-05\"")
    );
    let close = register.cmd().args(["close", ID]).output().unwrap();
    assert!(
        !String::from_utf8_lossy(&close.stderr).contains("--from FILE"),
        "close has no --from"
    );
}

#[test]
fn init_takes_the_register_option_as_its_folder() {
    let register = TestRegister::empty();
    register
        .cmd()
        .args(["--register", "elsewhere", "init", "--organisation", "K"])
        .assert()
        .success();
    assert!(register.path("elsewhere/incident.toml").is_file());
    assert!(!register.path("incident.toml").exists());
}
