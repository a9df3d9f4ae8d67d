//! `incident history`: the journal of one incident as people read it.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a helper fails the test by panicking"
)]

mod common;

use common::TestRegister;

#[test]
fn the_reason_given_to_record_shows_in_the_history() {
    let register = TestRegister::new();
    let id = register.new_incident(&[]);
    let report = "incidents/2026/2026-0001/report.yaml";
    let text = register.read(report);
    register.write(report, &format!("{text}description: From the phone call\n"));
    register
        .cmd()
        .args(["record", "-m", "The description the caller gave"])
        .assert()
        .success();
    let text = register.read(report);
    register.write(report, &format!("{text}observed: A letter came back\n"));
    register.cmd().args(["record"]).assert().success();

    let shown = register.cmd().args(["history", &id]).output().unwrap();
    let table = String::from_utf8_lossy(&shown.stdout);
    assert!(table.contains("The description the caller gave"), "{table}");
    let json = register
        .cmd()
        .args(["history", &id, "--json"])
        .output()
        .unwrap();
    let parsed: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let whys: Vec<&serde_json::Value> = parsed["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["why"])
        .collect();
    assert_eq!(
        whys,
        [
            &serde_json::Value::Null,
            &serde_json::json!("The description the caller gave"),
            &serde_json::Value::Null
        ],
        "only the entry recorded with a reason has one"
    );
}
