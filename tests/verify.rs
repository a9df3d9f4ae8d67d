//! `incident verify`: the journal checked from the repository alone. An untouched register
//! verifies clean; each way of rewriting or bypassing the journal is found and named, with
//! its commit and incident; a second run checks only the entries made since.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a helper fails the test by panicking"
)]

mod common;

use common::{TestRegister, verify_json};
use serde_json::Value;

/// `incident verify` in Swedish exits 0 and prints only `summary`.
fn assert_clean_in_swedish(register: &TestRegister, summary: &str) {
    let output = register
        .cmd()
        .env("INCIDENT_LANG", "sv")
        .arg("verify")
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        common::transcript(&output)
    );
    assert_eq!(String::from_utf8(output.stdout).unwrap(), summary);
}

fn kinds(json: &Value) -> Vec<String> {
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["kind"].as_str().unwrap().to_string())
        .collect()
}

fn git_ok(register: &TestRegister, args: &[&str]) -> String {
    let output = register.git_as_colleague(args);
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        common::stderr(&output)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn an_untouched_register_verifies_clean_with_a_summary_to_paste() {
    let register = TestRegister::in_language("sv");
    let id = register.new_incident(&[]);
    register
        .cmd()
        .args(["contacted", "manager", &id, "--name", "Chef Exempel"])
        .assert()
        .success();
    assert_clean_in_swedish(
        &register,
        "3 journalposter, 0 avvikelser, kontrollerat mot 0 inlämningar\n",
    );
    let (code, json) = verify_json(&register);
    assert_eq!(code, 0);
    assert_eq!(json["entries"], 3);
    assert_eq!(json["deviations"], 0);
    assert_eq!(json["head"], register.head());
    // A detached HEAD (someone looking at an old entry) is not the journal: the branch is.
    git_ok(&register, &["checkout", "-q", "--detach", "HEAD~1"]);
    let (code, json) = verify_json(&register);
    assert_eq!((code, json["entries"].as_u64()), (0, Some(3)), "{json}");
}

#[test]
fn an_amended_entry_is_found_and_the_entry_it_replaced_named() {
    let register = TestRegister::new();
    let id = register.new_incident(&[]);
    let original = register.head();
    // Someone changes the title in the recorded entry itself, keeping its message.
    let report = format!("incidents/2026/{id}/report.yaml");
    let text = register
        .read(&report)
        .replace("wrong recipient", "right recipient");
    register.write(&report, &text);
    git_ok(&register, &["commit", "-q", "-a", "--amend", "--no-edit"]);
    let (code, json) = verify_json(&register);
    assert_eq!(code, 7, "{json}");
    assert_eq!(kinds(&json), ["branch_rewritten"]);
    let finding = &json["findings"][0];
    assert_eq!(finding["from"], original.as_str());
    assert_eq!(finding["to"], register.head().as_str());
    assert!(
        finding["how"]
            .as_str()
            .unwrap()
            .starts_with("commit (amend)")
    );
    assert_eq!(finding["left_out"][0]["commit"], original.as_str());
    // Same author, time and subject: the entry was made again, with other content.
    assert_eq!(
        finding["left_out"][0]["made_again"],
        register.head().as_str()
    );
    let text = common::transcript(&register.cmd().arg("verify").output().unwrap());
    assert!(text.contains("was moved from"), "{text}");
    assert!(
        text.contains("2 journal entries, 1 deviation, checked against 0 filings"),
        "{text}"
    );
}

#[test]
fn a_dropped_entry_is_found_and_named_missing() {
    let register = TestRegister::new();
    let id = register.new_incident(&[]);
    register
        .cmd()
        .args(["contacted", "manager", &id, "--name", "Chef Exempel"])
        .assert()
        .success();
    let dropped = register.head();
    git_ok(&register, &["reset", "-q", "--hard", "HEAD~1"]);
    let (code, json) = verify_json(&register);
    assert_eq!(code, 7, "{json}");
    assert_eq!(kinds(&json), ["branch_rewritten"]);
    let left_out = &json["findings"][0]["left_out"][0];
    assert_eq!(left_out["commit"], dropped.as_str());
    assert_eq!(left_out["made_again"], Value::Null);
    assert!(
        left_out["subject"].as_str().unwrap().contains("manager"),
        "{left_out}"
    );
    assert!(
        json["findings"][0]["how"]
            .as_str()
            .unwrap()
            .starts_with("reset:")
    );
    // The reset undone: the entry is back, and nothing is missing any more.
    git_ok(&register, &["reset", "-q", "--hard", &dropped]);
    let (code, json) = verify_json(&register);
    assert_eq!(code, 0, "{json}");
    // A commit beside the register is not an entry of the journal.
    git_ok(
        &register,
        &["commit", "-q", "--allow-empty", "-m", "a note"],
    );
    assert_eq!(verify_json(&register).1["entries"], 3);
}

#[test]
fn an_invalid_file_committed_with_git_is_found_with_its_commit_incident_and_field() {
    let register = TestRegister::new();
    let id = register.new_incident(&[]);
    let report = format!("incidents/2026/{id}/report.yaml");
    let text = register
        .read(&report)
        .replace("  time: \"10:00\"", "  time: \"late morning\"");
    assert_ne!(
        text,
        register.read(&report),
        "the seed holds the discovery time"
    );
    register.write(&report, &text);
    git_ok(&register, &["commit", "-q", "-a", "-m", "quick fix"]);
    let bad = register.head();
    let (code, json) = verify_json(&register);
    assert_eq!(code, 7, "{json}");
    assert_eq!(kinds(&json), ["not_an_entry", "invalid_file"]);
    for finding in json["findings"].as_array().unwrap() {
        assert_eq!(finding["commit"], bad.as_str());
    }
    assert_eq!(json["findings"][0]["incidents"][0], id.as_str());
    assert_eq!(json["findings"][1]["incident"], id.as_str());
    let problem = &json["findings"][1]["problems"][0];
    assert_eq!(problem["file"], report.as_str());
    let text = common::transcript(&register.cmd().arg("verify").output().unwrap());
    assert!(text.contains(&bad[..10]), "{text}");
    assert!(
        text.contains("without being an entry of the tool"),
        "{text}"
    );
    assert!(text.contains(&report), "{text}");

    // Mended through the tool, the journal still shows what happened.
    register.write(
        &report,
        &register
            .read(&report)
            .replace("  time: \"late morning\"", "  time: \"10:00\""),
    );
    register
        .cmd()
        .args(["record", "--message", "restored the discovery time"])
        .assert()
        .success();
    let (code, json) = verify_json(&register);
    assert_eq!(
        (code, kinds(&json)),
        (
            7,
            vec!["not_an_entry".to_string(), "invalid_file".to_string()]
        )
    );
    assert_eq!(
        json["walked"], 1,
        "only the new entry is checked again: {json}"
    );
}

#[test]
fn a_force_pushed_server_is_found_with_the_entries_it_dropped() {
    let register = TestRegister::new();
    let id = register.new_incident(&[]);
    register
        .cmd()
        .args(["contacted", "manager", &id, "--name", "Chef Exempel"])
        .assert()
        .success();
    let server = tempfile::TempDir::new().unwrap();
    let bare = server.path().join("register.git");
    git_ok(&register, &["init", "-q", "--bare", bare.to_str().unwrap()]);
    git_ok(
        &register,
        &["remote", "add", "origin", bare.to_str().unwrap()],
    );
    git_ok(&register, &["push", "-q", "-u", "origin", "main"]);
    let (code, json) = verify_json(&register);
    assert_eq!(code, 0, "{json}");
    assert_eq!(json["server"]["remote_branch"], "origin/main");
    assert_eq!(
        (
            json["server"]["ahead"].as_u64(),
            json["server"]["behind"].as_u64()
        ),
        (Some(0), Some(0))
    );

    // A colleague drops the last entry on the server.
    let dropped = register.head();
    git_ok(
        &register,
        &["push", "-q", "--force", "origin", "HEAD~1:main"],
    );
    git_ok(&register, &["fetch", "-q", "origin"]);
    let (code, json) = verify_json(&register);
    assert_eq!(code, 7, "{json}");
    assert_eq!(kinds(&json), ["server_rewritten"]);
    assert_eq!(json["findings"][0]["remote_branch"], "origin/main");
    assert_eq!(
        json["findings"][0]["left_out"][0]["commit"],
        dropped.as_str()
    );
    assert_eq!(json["server"]["ahead"], 1);
}

#[test]
fn a_deleted_filing_tag_and_a_filing_dropped_from_the_journal_are_found() {
    let register = TestRegister::in_language("sv");
    let id = register.new_incident(&[]);
    let notified = register
        .cmd()
        .args(["notified", "imy", &id, "--at", "2026-03-27 11:15"])
        .output()
        .unwrap();
    assert!(
        notified.status.success(),
        "{}",
        common::transcript(&notified)
    );
    let filing = register.head();
    let tag = format!("filed/{id}/imy");
    assert_clean_in_swedish(
        &register,
        "3 journalposter, 0 avvikelser, kontrollerat mot 1 inlämning\n",
    );

    // The tag made again by hand with another time: its entry tells otherwise.
    let message = git_ok(&register, &["tag", "-l", "--format=%(contents)", &tag]);
    assert!(message.contains("11:15"), "{message}");
    let forged = message.replace("11:15", "09:15");
    git_ok(
        &register,
        &[
            "tag",
            "-f",
            "-a",
            &tag,
            &format!("{tag}^{{}}"),
            "-m",
            &forged,
        ],
    );
    let (code, json) = verify_json(&register);
    assert_eq!(code, 7, "{json}");
    assert_eq!(kinds(&json), ["filing_tag_altered"]);
    assert_eq!(json["findings"][0]["commit"], filing.as_str());

    // A lightweight tag in its place says nothing of what was filed.
    git_ok(&register, &["tag", "-d", &tag]);
    git_ok(&register, &["tag", &tag, &filing]);
    let (code, json) = verify_json(&register);
    assert_eq!(
        (code, kinds(&json)),
        (7, vec!["filing_tag_altered".to_string()])
    );

    // The tag deleted: the entry that recorded the filing names it.
    git_ok(&register, &["tag", "-d", &tag]);
    let (code, json) = verify_json(&register);
    assert_eq!(code, 7, "{json}");
    assert_eq!(kinds(&json), ["filing_tag_missing"]);
    assert_eq!(json["findings"][0]["tag"], tag.as_str());
    assert_eq!(json["findings"][0]["commit"], filing.as_str());
    assert_eq!(json["findings"][0]["incident"], id.as_str());
    // `incident record` makes it again from the entry's trailer: the fixed point is back.
    register.cmd().arg("record").assert().success();
    assert_eq!(verify_json(&register).0, 0);

    // The filing's entry dropped from the journal: its tag points outside it.
    git_ok(&register, &["reset", "-q", "--hard", "HEAD~1"]);
    let (code, json) = verify_json(&register);
    assert_eq!(code, 7, "{json}");
    assert_eq!(kinds(&json), ["branch_rewritten", "filing_not_in_journal"]);
    assert_eq!(json["findings"][1]["tag"], tag.as_str());
    assert_eq!(json["findings"][1]["commit"], filing.as_str());
    assert_eq!(json["filings"], 0);
}

#[test]
fn a_published_entry_amended_here_is_found_even_without_the_reflog() {
    let register = TestRegister::new();
    let id = register.new_incident(&[]);
    let server = tempfile::TempDir::new().unwrap();
    let bare = server.path().join("register.git");
    git_ok(&register, &["init", "-q", "--bare", bare.to_str().unwrap()]);
    git_ok(
        &register,
        &["remote", "add", "origin", bare.to_str().unwrap()],
    );
    git_ok(&register, &["push", "-q", "-u", "origin", "main"]);
    let published = register.head();
    // The pushed entry changed in place, and the reflog that would tell it cleared.
    let report = format!("incidents/2026/{id}/report.yaml");
    register.write(
        &report,
        &register
            .read(&report)
            .replace("wrong recipient", "right recipient"),
    );
    git_ok(&register, &["commit", "-q", "-a", "--amend", "--no-edit"]);
    git_ok(&register, &["reflog", "expire", "--expire=now", "--all"]);
    let (code, json) = verify_json(&register);
    assert_eq!(code, 7, "{json}");
    assert_eq!(kinds(&json), ["published_rewritten"]);
    let left_out = &json["findings"][0]["left_out"][0];
    assert_eq!(left_out["commit"], published.as_str());
    assert_eq!(left_out["made_again"], register.head().as_str());
}
