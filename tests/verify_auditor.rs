//! `incident verify` in an auditor's plain `git clone`: the journal is the server's default
//! branch whatever is checked out; a shallow clone is refused, not passed; a move of the
//! branch that calls itself the sync's but leaves an entry out is found.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a helper fails the test by panicking"
)]

mod common;

use common::{TestRegister, stderr};
use serde_json::Value;

fn git_in(folder: &std::path::Path, args: &[&str]) -> String {
    let output = std::process::Command::new("git")
        .args(args)
        .current_dir(folder)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "Revisor")
        .env("GIT_AUTHOR_EMAIL", "revisor@example.org")
        .env("GIT_COMMITTER_NAME", "Revisor")
        .env("GIT_COMMITTER_EMAIL", "revisor@example.org")
        .output()
        .unwrap();
    assert!(output.status.success(), "git {args:?}: {}", stderr(&output));
    String::from_utf8(output.stdout).unwrap()
}

/// `incident verify --json` run in `folder`, and its exit code.
fn verify_in(register: &TestRegister, folder: &std::path::Path) -> (i32, Value) {
    let output = register
        .cmd()
        .current_dir(folder)
        .args(["verify", "--json"])
        .output()
        .unwrap();
    let json = serde_json::from_slice(&output.stdout).unwrap_or(Value::Null);
    (output.status.code().unwrap(), json)
}

/// A register with three entries and a filing, on a branch named `master`.
fn register_on_master() -> TestRegister {
    let register = TestRegister::new();
    let id = register.new_incident(&[]);
    register
        .cmd()
        .args(["notified", "imy", &id, "--at", "2026-03-27 11:15"])
        .assert()
        .success();
    git_in(register.root(), &["branch", "-m", "main", "master"]);
    git_in(register.root(), &["config", "--unset", "incident.branch"]);
    register
}

#[test]
fn in_a_plain_clone_the_default_branch_is_verified_whatever_is_checked_out() {
    let register = register_on_master();
    let audit = tempfile::TempDir::new().unwrap();
    let clone = audit.path().join("audit");
    git_in(
        audit.path(),
        &["clone", "-q", register.root().to_str().unwrap(), "audit"],
    );
    let (code, json) = verify_in(&register, &clone);
    assert_eq!(code, 0, "{json}");
    assert_eq!(
        (json["entries"].as_u64(), json["filings"].as_u64()),
        (Some(3), Some(1))
    );
    assert_eq!(json["branch"], "master");
    // Looking at an older entry, or at a branch of one's own, changes nothing.
    git_in(&clone, &["checkout", "-q", "--detach", "HEAD~1"]);
    let (code, json) = verify_in(&register, &clone);
    assert_eq!((code, json["entries"].as_u64()), (0, Some(3)), "{json}");
    git_in(&clone, &["checkout", "-q", "-b", "granskning", "master~1"]);
    let (code, json) = verify_in(&register, &clone);
    assert_eq!((code, json["entries"].as_u64()), (0, Some(3)), "{json}");
    // A server whose HEAD names no branch of its (`git init --bare` names master): its one
    // branch is the journal.
    git_in(&clone, &["remote", "set-head", "origin", "-d"]);
    let (code, json) = verify_in(&register, &clone);
    assert_eq!(
        (code, json["branch"].as_str()),
        (0, Some("master")),
        "{json}"
    );
}

#[test]
fn a_shallow_clone_is_refused_with_what_to_do() {
    let register = register_on_master();
    let audit = tempfile::TempDir::new().unwrap();
    let url = format!("file://{}", register.root().display());
    git_in(
        audit.path(),
        &["clone", "-q", "--depth", "1", &url, "audit"],
    );
    let output = register
        .cmd()
        .current_dir(audit.path().join("audit"))
        .env("INCIDENT_LANG", "sv")
        .arg("verify")
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(4),
        "{}",
        common::transcript(&output)
    );
    let text = stderr(&output);
    assert!(text.contains("grund klon"), "{text}");
    assert!(text.contains("git fetch --unshallow"), "{text}");
}

#[test]
fn a_move_named_as_the_syncs_that_drops_an_entry_is_found() {
    let register = TestRegister::new();
    register.new_incident(&[]);
    let dropped = register.head();
    git_in(
        register.root(),
        &[
            "update-ref",
            "-m",
            "incident sync",
            "refs/heads/main",
            "HEAD~1",
        ],
    );
    git_in(register.root(), &["reset", "-q", "--hard"]);
    let (code, json) = verify_in(&register, register.root());
    assert_eq!(code, 7, "{json}");
    assert_eq!(json["findings"][0]["kind"], "branch_rewritten");
    assert_eq!(
        json["findings"][0]["left_out"][0]["commit"],
        dropped.as_str()
    );
}

#[test]
fn a_change_made_inside_a_git_merge_is_found() {
    use common::team::{Member, Team};
    let team = Team::new(&[]);
    let anna = team.join("anna", "Anna Andersson <anna@example.org>");
    anna.report("Misdirected e-mail");
    anna.ok(&["sync"]);
    let bo = team.join("bo", "Bo Berg <bo@example.org>");
    let log = |member: &Member<'_>, action: &str, at: &str| {
        member.ok(&["log", "2026-0001", "--action", action, "--at", at]);
    };
    log(&anna, "Called the recipient.", "2026-12-01 09:10");
    anna.ok(&["sync"]);
    log(&bo, "Told the manager.", "2026-12-01 09:05");
    // Bo pulls with git, and changes the title inside the merge before committing it.
    let pull = bo.git(&["pull", "--no-rebase", "--no-commit", "origin", "main"]);
    assert!(pull.status.success(), "{}", stderr(&pull));
    let report = "incidents/2026/2026-0001/report.yaml";
    let text = bo
        .read(report)
        .replace("Misdirected e-mail", "Nothing happened");
    std::fs::write(bo.folder.join(report), text).unwrap();
    let commit = bo.git(&["commit", "-q", "-a", "--no-edit"]);
    assert!(commit.status.success(), "{}", stderr(&commit));
    let output = bo.run(&["verify", "--json"]);
    assert_eq!(
        output.status.code(),
        Some(7),
        "{}",
        common::transcript(&output)
    );
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["findings"][0]["kind"], "merge_changed", "{json}");
    assert_eq!(json["findings"][0]["paths"][0], report);
    assert_eq!(json["findings"].as_array().unwrap().len(), 1, "{json}");
}

#[test]
fn an_invalid_settings_file_at_the_tip_is_a_finding_not_a_refusal() {
    let register = TestRegister::new();
    register.new_incident(&[]);
    let settings = register.read("incident.toml");
    register.write("incident.toml", &format!("{settings}foo = [\n"));
    git_in(
        register.root(),
        &["commit", "-q", "-a", "-m", "settings by hand"],
    );
    let bad = register.head();
    let (code, json) = verify_in(&register, register.root());
    assert_eq!(code, 7, "{json}");
    let kinds: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["not_an_entry", "invalid_file"], "{json}");
    assert_eq!(json["findings"][1]["commit"], bad.as_str());
    assert_eq!(json["findings"][1]["problems"][0]["file"], "incident.toml");
}
