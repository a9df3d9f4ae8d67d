//! The verdict (is it a personal data breach at all?) and the moment of awareness, by the
//! binary: what they record, and how the deadlines, the IMY form, closing, `list`, `show`
//! and `stats` follow them.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a helper fails the test by panicking"
)]

mod common;

use common::{TestRegister, stderr, transcript};

fn duties(register: &TestRegister, id: &str) -> Vec<(String, String)> {
    let output = register
        .cmd()
        .args(["deadlines", "--all", "--json", "--incident", id])
        .output()
        .unwrap();
    let parsed: serde_json::Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|_| panic!("deadlines --json: {}", stderr(&output)));
    parsed["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["obligation"].as_str().unwrap().to_string(),
                o["due"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// The IMY form of `id` as `export imy --draft` prints it.
fn imy_form(register: &TestRegister, id: &str) -> String {
    let export = register
        .cmd()
        .args(["export", "imy", id, "--draft"])
        .output()
        .unwrap();
    String::from_utf8_lossy(&export.stdout).into_owned()
}

fn duty_keys(register: &TestRegister, id: &str) -> Vec<String> {
    duties(register, id).into_iter().map(|(k, _)| k).collect()
}

#[test]
fn a_bug_is_documented_and_closed_without_the_gdprs_duties() {
    let register = TestRegister::new();
    let id = register.new_incident(&["--title", "Rubriken i rapporten är felstavad"]);
    assert!(duty_keys(&register, &id).contains(&"notify_imy".to_string()));

    // Without a reason the verdict is not recorded: exit 2, naming the flag.
    let refused = register
        .cmd()
        .args(["verdict", &id, "not_an_incident"])
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    assert!(
        stderr(&refused).contains("--reason"),
        "{}",
        stderr(&refused)
    );
    let before = register.commits().len();

    // It takes away the notification to IMY still owed: refused until confirmed, listing it.
    let unconfirmed = register
        .cmd()
        .args([
            "--lang",
            "sv",
            "verdict",
            &id,
            "not_an_incident",
            "--reason",
            "A cosmetic flaw: no data is wrong or missing",
        ])
        .output()
        .unwrap();
    assert_eq!(unconfirmed.status.code(), Some(4));
    insta::assert_snapshot!("verdict_drops_duties_sv", transcript(&unconfirmed));
    assert_eq!(register.commits().len(), before, "nothing recorded");
    register
        .cmd()
        .args([
            "verdict",
            &id,
            "not_an_incident",
            "--reason",
            "A cosmetic flaw: no data is wrong or missing",
            "--confirm",
        ])
        .assert()
        .success();
    let commits = register.commits();
    assert_eq!(commits.len(), before + 1, "one journal entry");
    assert_eq!(
        commits[0].subject,
        format!("{id}: verdict: not_an_incident")
    );
    assert!(commits[0].message.contains("A cosmetic flaw"));
    let report = register.read(&format!("incidents/2026/{id}/report.yaml"));
    for expected in [
        "kind: not_an_incident",
        "decided_by: Test Author",
        "decided_at: \"2026-03-27T12:00:00+01:00\"",
    ] {
        assert!(report.contains(expected), "{expected} in:\n{report}");
    }

    // Only closing is left; no IMY notification is owed.
    assert_eq!(duty_keys(&register, &id), ["close_case"]);

    // No IMY form for it: refused with the reason, in the user's language.
    let export = register
        .cmd()
        .args(["--lang", "sv", "export", "imy", &id])
        .output()
        .unwrap();
    insta::assert_snapshot!("verdict_no_imy_form_sv", transcript(&export));
    assert_eq!(export.status.code(), Some(4));

    // Documented and closable without a risk assessment.
    register
        .cmd()
        .args([
            "close",
            &id,
            "--root-cause",
            "A typo in a template",
            "--lessons",
            "Templates are read by two people",
        ])
        .assert()
        .success();
}

#[test]
fn the_verdict_is_shown_in_list_show_and_stats_and_can_be_changed() {
    let register = TestRegister::new();
    let first = register.new_incident(&[
        "--verdict",
        "no_personal_data",
        "--verdict-reason",
        "Only the server's configuration was exposed",
    ]);
    register.new_incident(&["--title", "Stolen laptop"]);
    let show = register.cmd().args(["show", &first]).output().unwrap();
    let text = String::from_utf8_lossy(&show.stdout);
    assert!(
        text.contains(
            "Verdict: incident without personal data (Test Author, 2026-03-27 12:00): Only the server's configuration was exposed"
        ),
        "{text}"
    );
    assert!(text.contains("GDPR Art. 33 and 34 do not apply"), "{text}");

    let list = register.cmd().args(["list", "--json"]).output().unwrap();
    let rows: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(rows[0]["verdict"], "no_personal_data");
    assert_eq!(rows[1]["verdict"], "undecided");

    // Changed later with a reason: a journal entry of its own.
    register
        .cmd()
        .args([
            "verdict",
            &first,
            "personal_data_breach",
            "--reason",
            "The configuration held the admin's home address",
        ])
        .assert()
        .success();
    let history = register.cmd().args(["history", &first]).output().unwrap();
    let history = String::from_utf8_lossy(&history.stdout);
    assert!(
        history.contains("verdict: personal_data_breach"),
        "{history}"
    );
    assert!(duty_keys(&register, &first).contains(&"notify_imy".to_string()));

    let stats = register.cmd().args(["stats", "--json"]).output().unwrap();
    let figures: serde_json::Value = serde_json::from_slice(&stats.stdout).unwrap();
    assert_eq!(
        figures["verdict"],
        serde_json::json!({ "personal_data_breach": 1, "undecided": 1 })
    );
}

#[test]
fn the_72_hours_run_from_a_later_awareness_with_its_reason() {
    let register = TestRegister::new();
    let id = register.new_incident(&["--discovered", "2026-03-27 10:00"]);
    let due_of = |register: &TestRegister| {
        duties(register, &id)
            .into_iter()
            .find(|(duty, _)| duty == "notify_imy")
            .unwrap()
            .1
    };
    assert_eq!(due_of(&register), "2026-03-30T11:00:00+02:00");

    // Before the discovery: bad input naming the flag, nothing recorded.
    let before = register.commits().len();
    let refused = register
        .cmd()
        .args(["aware", &id, "--at", "2026-03-26 10:00", "--reason", "x"])
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        stderr(&refused)
            .contains("--at: awareness (2026-03-26 10:00) cannot come before the discovery"),
        "{}",
        stderr(&refused)
    );
    assert_eq!(register.commits().len(), before);

    register
        .cmd()
        .args([
            "aware",
            &id,
            "--at",
            "2026-03-28 09:00",
            "--reason",
            "The processor confirmed that the file held names",
        ])
        .assert()
        .success();
    assert_eq!(due_of(&register), "2026-03-31T10:00:00+02:00");
    // Only the GDPR's clock moves: NIS2 concerns the incident, not the personal data, and
    // its early warning still runs from the discovery.
    register
        .cmd()
        .args([
            "nis2",
            &id,
            "--significant",
            "yes",
            "--reason",
            "Booking down",
        ])
        .assert()
        .success();
    let early_warning = duties(&register, &id)
        .into_iter()
        .find(|(duty, _)| duty == "nis2_early_warning")
        .unwrap()
        .1;
    assert_eq!(early_warning, "2026-03-28T10:00:00+01:00");
    let form = imy_form(&register, &id);
    assert!(
        form.contains(
            "Vetskap om personuppgiftsincidenten (GDPR art. 33.1): 2026-03-28 09:00; fristen räknas därifrån. Skäl: The processor confirmed that the file held names"
        ),
        "{form}"
    );
    let show = register
        .cmd()
        .args(["--lang", "sv", "show", &id])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&show.stdout);
    assert!(
        text.contains("Vetskap (GDPR art. 33.1)")
            && text.contains(
                "2026-03-28 09:00: The processor confirmed that the file held names (72 timmar räknas härifrån)"
            ),
        "{text}"
    );
}

#[test]
fn a_discovery_without_a_time_says_the_clock_runs_from_midnight() {
    let register = TestRegister::new();
    let id = register.new_incident(&["--discovered", "2026-03-27", "--occurred", "2026-03-26"]);
    let show = register.cmd().args(["show", &id]).output().unwrap();
    let text = String::from_utf8_lossy(&show.stdout);
    assert!(
        text.contains("2026-03-27 (no clock time: the 72 hours run from 00:00)"),
        "{text}"
    );
    let form = imy_form(&register, &id);
    assert!(
        form.contains("Eventuell kommentar: Klockslag saknas; 72-timmarsfristen räknas från kl. 00:00 denna dag."),
        "{form}"
    );
}

#[test]
fn a_security_protection_incident_goes_to_saepo_not_imy() {
    let register = TestRegister::new();
    let id = register.new_incident(&[
        "--verdict",
        "security_protection",
        "--verdict-reason",
        "Classified information under säkerhetsskyddslagen",
    ]);
    assert!(!duty_keys(&register, &id).contains(&"notify_imy".to_string()));
    let export = register
        .cmd()
        .args(["export", "imy", &id])
        .output()
        .unwrap();
    assert_eq!(export.status.code(), Some(4));
    assert!(
        stderr(&export)
            .contains("Swedish Security Service under säkerhetsskyddslagen (2018:585), not to IMY"),
        "{}",
        stderr(&export)
    );
}

#[test]
fn a_processor_gets_the_notice_to_its_controller_not_the_imy_form() {
    let register = TestRegister::new();
    let id = register.new_incident(&[
        "--role",
        "processor",
        "--controller",
        "Västerås stad;212000-2080",
        "--description",
        "A backup file was readable from the internet for two days",
        "--data-subjects",
        "11-100",
        "--categories",
        "contact_details",
    ]);
    let show = register.cmd().args(["show", &id]).output().unwrap();
    let text = String::from_utf8_lossy(&show.stdout);
    assert!(
        text.contains("[ ] F  Notify the controller (GDPR Art. 33(2))"),
        "{text}"
    );

    let export = register
        .cmd()
        .args(["--lang", "sv", "export", "imy", &id])
        .output()
        .unwrap();
    assert_eq!(export.status.code(), Some(4));
    insta::assert_snapshot!("processor_no_imy_form_sv", transcript(&export));

    let notice = register
        .cmd()
        .args(["--lang", "sv", "export", "controller", &id])
        .output()
        .unwrap();
    assert_eq!(notice.status.code(), Some(0), "{}", stderr(&notice));
    insta::assert_snapshot!("processor_notice_to_controller_sv", transcript(&notice));

    // A controller has no controller to notify.
    let own = register.new_incident(&["--title", "Stolen laptop"]);
    let refused = register
        .cmd()
        .args(["export", "controller", &own])
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(4), "{}", stderr(&refused));
}

#[test]
fn an_awareness_after_the_notification_to_imy_is_refused() {
    let register = TestRegister::new();
    let id = register.new_incident(&[
        "--discovered",
        "2026-03-20 08:00",
        "--occurred",
        "2026-03-20 07:00",
    ]);
    register
        .cmd()
        .args([
            "notified",
            "imy",
            &id,
            "--at",
            "2026-03-26 10:00",
            "--late-reason",
            "slow",
        ])
        .assert()
        .success();
    let before = register.commits().len();
    let refused = register
        .cmd()
        .args(["aware", &id, "--at", "2026-03-26 11:00", "--reason", "r"])
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    assert!(
        stderr(&refused).contains("cannot come after the notification to IMY (2026-03-26 10:00)"),
        "{}",
        stderr(&refused)
    );
    assert_eq!(register.commits().len(), before, "nothing recorded");
}

#[test]
fn the_imy_form_explains_a_notification_in_time_from_a_later_awareness() {
    let register = TestRegister::new();
    let id = register.new_incident(&[
        "--discovered",
        "2026-03-20",
        "--occurred",
        "2026-03-19",
        "--aware",
        "2026-03-25 09:00",
        "--aware-reason",
        "The log analysis showed that the file held names",
    ]);
    register
        .cmd()
        .args(["notified", "imy", &id, "--at", "2026-03-26 10:00"])
        .assert()
        .success();
    let form = imy_form(&register, &id);
    // Question 14: more than 72 hours after the discovery, in time from the awareness.
    assert!(
        form.contains("Vetskap om att personuppgifter berörs fick vi först 2026-03-25 09:00, och anmälan görs inom 72 timmar från vetskapen (GDPR art. 33.1). The log analysis showed that the file held names"),
        "{form}"
    );
    // Question 11 says the clock runs from the awareness, not from 00:00 of the discovery.
    assert!(!form.contains("Klockslag saknas"), "{form}");
}

#[test]
fn a_blank_reason_given_by_flag_is_bad_input() {
    let register = TestRegister::new();
    let output = register
        .cmd()
        .args([
            "new",
            "--title",
            "t",
            "--discovered",
            "2026-03-27 10:00",
            "--verdict",
            "no_personal_data",
            "--verdict-reason",
            " ",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("--verdict-reason: must not be empty"),
        "{}",
        stderr(&output)
    );
    assert_eq!(register.commits().len(), 1, "nothing recorded");
}

#[test]
fn new_says_the_imy_deadline_as_a_date_and_time_in_swedish() {
    let register = TestRegister::new();
    let output = register
        .cmd()
        .args([
            "--lang",
            "sv",
            "new",
            "--title",
            "t",
            "--discovered",
            "2026-03-27 10:00",
        ])
        .output()
        .unwrap();
    assert!(
        stderr(&output).contains(
            "Anmäl till IMY senast måndag 30 mars 11:00 (GDPR art. 33.1), om inte riskbedömningen visar att incidenten sannolikt inte medför en risk."
        ),
        "{}",
        stderr(&output)
    );
}
