//! End-to-end tests of the regimes chosen in incident.toml (`regimes`), read from the data
//! file catalogue/regimes.toml: DORA's clocks from a major incident's classification, the
//! state agencies' reports to CERT-SE, and what is refused.

#![allow(
    clippy::unwrap_used,
    reason = "test code: a helper outside a #[test] fails the test by panicking"
)]

mod common;

use common::{TestRegister, stderr, transcript};
use serde_json::Value;

const ID: &str = "2026-0001";

/// A register made by `init --regimes ...` with one incident discovered 2026-03-27 10:00.
fn register_with(regimes: &str) -> TestRegister {
    let register = TestRegister::empty();
    register
        .cmd()
        .args([
            "init",
            ".",
            "--organisation",
            "Exempel bank",
            "--regimes",
            regimes,
        ])
        .assert()
        .success();
    register.new_incident(&[]);
    register
}

/// The obligations of the incident at `at` whose key starts with `prefix`: (key, due, state).
fn duties(register: &TestRegister, prefix: &str, at: &str) -> Vec<(String, String, String)> {
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
        .filter(|o| o["obligation"].as_str().unwrap().starts_with(prefix))
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
fn init_writes_the_regimes_and_refuses_one_it_does_not_know() {
    let register = register_with("dora");
    let settings = register.read("incident.toml");
    assert!(
        settings.contains("regimes = [\n    \"gdpr\",\n    \"dora\",\n]"),
        "{settings}"
    );
    let other = TestRegister::empty();
    let output = other
        .cmd()
        .args([
            "init",
            ".",
            "--organisation",
            "X",
            "--regimes",
            "gdpr,dorra",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output)
            .contains("`dorra` is not a regime the tool knows: gdpr, nis2, dora, cert_se"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn gdpr_and_dora_give_the_dora_clocks_from_the_classification_as_major() {
    let register = register_with("gdpr,dora");
    // Not classified as major: no DORA report is owed.
    assert!(duties(&register, "dora", "2026-03-27 12:00").is_empty());
    register
        .cmd()
        .args([
            "regime",
            ID,
            "dora",
            "--applies",
            "yes",
            "--at",
            "2026-03-27 11:30",
            "--reason",
            "Card payments down for every customer.",
        ])
        .assert()
        .success();
    assert_eq!(register.commits()[0].subject, "2026-0001: DORA: applies");
    assert_eq!(
        duties(&register, "dora", "2026-03-27 12:00"),
        vec![
            duty(
                "dora_initial_notification",
                "2026-03-27T15:30:00+01:00",
                "pending"
            ),
            duty(
                "dora_intermediate_report",
                "2026-03-30T16:30:00+02:00",
                "pending"
            ),
            duty("dora_final_report", "2026-04-30T16:30:00+02:00", "pending"),
        ]
    );
    let output = register
        .cmd()
        .args([
            "notified",
            "regime",
            ID,
            "dora",
            "--report",
            "initial_notification",
            "--at",
            "2026-03-27 14:00",
        ])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let notification = register.read("incidents/2026/2026-0001/notification.yaml");
    assert!(
        notification.contains(
            "regime_reports:\n  dora:\n    initial_notification: \"2026-03-27T14:00:00+01:00\"\n"
        ),
        "{notification}"
    );
    // The intermediate report runs 72 hours from the initial notification as sent.
    assert_eq!(
        duties(&register, "dora", "2026-03-27 15:00")[..2],
        [
            duty(
                "dora_initial_notification",
                "2026-03-27T15:30:00+01:00",
                "met"
            ),
            duty(
                "dora_intermediate_report",
                "2026-03-30T15:00:00+02:00",
                "pending"
            ),
        ]
    );
    // NIS2 is not followed by this register: it owes nothing under it, and refuses it.
    let output = register
        .cmd()
        .args(["nis2", ID, "--significant", "yes", "--reason", "r"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(4));
    insta::assert_snapshot!("regime_not_followed", transcript(&output));
}

#[test]
fn cert_se_owes_every_incident_its_reports_until_classified_out() {
    let register = register_with("cert_se");
    let output = register
        .cmd()
        .args(["deadlines", "--at", "2026-03-27 17:00"])
        .output()
        .unwrap();
    insta::assert_snapshot!("regime_cert_se_deadlines", transcript(&output));
    let output = register
        .cmd()
        .args(["notified", "regime", ID, "cert_se", "--report", "bogus"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("first_report, final_report"),
        "{}",
        stderr(&output)
    );
    register
        .cmd()
        .args([
            "regime",
            ID,
            "cert_se",
            "--applies",
            "no",
            "--reason",
            "A letter sent to the wrong address: no IT incident.",
        ])
        .assert()
        .success();
    assert!(duties(&register, "cert_se", "2026-03-27 17:00").is_empty());
    let output = register
        .cmd()
        .args([
            "notified",
            "regime",
            ID,
            "cert_se",
            "--report",
            "first_report",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(4), "{}", stderr(&output));
}

#[test]
fn a_register_without_regimes_keeps_the_gdpr_and_nis2_and_an_unknown_one_is_invalid() {
    let register = TestRegister::new();
    register.new_incident(&["--nis2-significant", "yes"]);
    let settings = register.read("incident.toml");
    let old = settings.replace("regimes = [\n    \"gdpr\",\n    \"nis2\",\n]\n", "");
    assert_ne!(old, settings);
    register.write("incident.toml", &old);
    register
        .cmd()
        .args(["record", "-m", "older settings"])
        .assert()
        .success();
    assert_eq!(duties(&register, "nis2", "2026-03-27 12:00").len(), 3);

    register.write(
        "incident.toml",
        &old.replace(
            "schema_version = 1\n",
            "schema_version = 1\nregimes = [\"gdpr\", \"nis3\"]\n",
        ),
    );
    let output = register.cmd().args(["validate"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let text = transcript(&output);
    assert!(
        text.contains(
            "regimes[1]: `nis3` is not a regime the tool knows: gdpr, nis2, dora, cert_se"
        ),
        "{text}"
    );
}
