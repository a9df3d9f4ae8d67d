//! The derived cache (`.git/incident-cache.json`) never makes a read show stale facts: an
//! edit by hand, of any size, is seen by every read command at once.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a helper outside a #[test] fails the test by panicking"
)]

mod common;

use common::{TestRegister, assess_sensitive};

const CACHE: &str = ".git/incident-cache.json";
const REPORT: &str = "incidents/2026/2026-0001/report.yaml";

fn stdout(register: &TestRegister, args: &[&str]) -> (Option<i32>, String, String) {
    let output = register.cmd().args(args).output().unwrap();
    (
        output.status.code(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// A register of two incidents whose cache has been written and trusted: the files are
/// older than the cache file (the racy-clean rule).
fn cached_register() -> TestRegister {
    let register = TestRegister::new();
    register.new_incident(&[]);
    register.new_incident(&["--title", "Lost laptop"]);
    register
        .cmd()
        .args(assess_sensitive(
            "2026-0001",
            &["--reasoning", "One known recipient."],
        ))
        .assert()
        .success();
    // Timestamps are coarse (a few ms): let the cache be written in a later tick than the
    // files, so its entries are trusted by the next run.
    std::thread::sleep(std::time::Duration::from_millis(50));
    register.cmd().args(["validate"]).assert().success();
    assert!(register.path(CACHE).exists(), "validate writes the cache");
    let cache = register.read(CACHE);
    assert!(
        cache.contains("Lost laptop"),
        "the cache holds the summaries"
    );
    register
}

#[test]
fn a_same_size_edit_by_hand_is_seen_by_every_read_command() {
    let register = cached_register();
    let before = register.read(REPORT);
    let title = "E-mail with health data to the wrong recipient";
    let edited = "E-MAIL WITH HEALTH DATA TO THE WRONG RECIPIENT";
    assert_eq!(title.len(), edited.len());
    // In place: same inode, same size; only the times change.
    std::fs::write(register.path(REPORT), before.replace(title, edited)).unwrap();

    let (code, list, _) = stdout(&register, &["list"]);
    assert_eq!(code, Some(0));
    assert!(list.contains(edited), "list sees the edit: {list}");
    let (_, json, _) = stdout(&register, &["list", "--json"]);
    assert!(json.contains(edited));
    let (_, show, _) = stdout(&register, &["show", "2026-0001"]);
    assert!(show.contains(edited), "show sees the edit: {show}");
    let (code, _, _) = stdout(&register, &["validate"]);
    assert_eq!(code, Some(0));
    // The cache now holds the edited title, not the old one.
    let cache = register.read(CACHE);
    assert!(cache.contains(edited) && !cache.contains(title));
}

#[test]
fn an_invalid_edit_by_hand_is_seen_by_every_read_command() {
    let register = cached_register();
    let broken = register.read(REPORT).replace("discovered:", "discoverd:");
    std::fs::write(register.path(REPORT), broken).unwrap();

    let (code, _, err) = stdout(&register, &["validate"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("1 problem found"), "{err}");
    let (code, list, err) = stdout(&register, &["list"]);
    assert_eq!(code, Some(1));
    // Never hidden: its row says it cannot be read (issue: list hid it and said "no
    // incidents" when none was valid).
    assert!(
        list.lines()
            .any(|l| l.contains("2026-0001") && l.contains("invalid, see below")),
        "an invalid incident is listed as such: {list}"
    );
    assert!(err.contains("unknown field `discoverd`"), "{err}");
    let (code, _, err) = stdout(&register, &["deadlines"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("report.yaml"), "{err}");
    let (code, _, _) = stdout(&register, &["show", "2026-0001"]);
    assert_eq!(code, Some(1));
}

#[test]
fn a_file_added_or_removed_by_hand_is_seen() {
    let register = cached_register();
    let closure = "incidents/2026/2026-0002/closure.yaml";
    register.write(
        closure,
        "schema_version: 1\nclosed_at: \"2026-03-28T10:00:00+01:00\"\nclosed_by: DPO\nroot_cause: A laptop left on a train.\nlessons_learned: Encrypt every disk.\n",
    );
    let (_, json, _) = stdout(&register, &["list", "--json"]);
    let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(rows[1]["id"], "2026-0002");
    assert_eq!(rows[1]["closed"], true, "{json}");

    std::fs::remove_file(register.path(closure)).unwrap();
    let (_, json, _) = stdout(&register, &["list", "--json"]);
    let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(rows[1]["closed"], false, "{json}");

    register.write("incidents/2026/2026-0002/notes.txt", "stray");
    let (code, problems, _) = stdout(&register, &["validate"]);
    assert_eq!(code, Some(1));
    assert!(problems.contains("notes.txt"), "{problems}");
}

#[test]
fn a_broken_cache_is_rebuilt_and_validate_can_ignore_it() {
    let register = cached_register();
    std::fs::write(register.path(CACHE), "{ not json").unwrap();
    let (code, list, _) = stdout(&register, &["list"]);
    assert_eq!(code, Some(0));
    assert!(list.contains("Lost laptop"));
    assert!(register.read(CACHE).contains("Lost laptop"), "rebuilt");
    let (code, _, err) = stdout(&register, &["validate", "--no-cache"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("2 incidents"), "{err}");
    assert_eq!(
        register.dirty(),
        Vec::<String>::new(),
        "the cache is not in git status"
    );
}

/// `validate` compares with the journal only what can have changed since its last run;
/// whatever route a change takes, the warning appears and goes exactly when it should.
#[test]
fn changes_not_in_the_journal_are_seen_through_the_cache() {
    let register = cached_register();
    let unrecorded = |register: &TestRegister| -> Vec<String> {
        let (code, out, _) = stdout(register, &["validate"]);
        assert_eq!(code, Some(0), "{out}");
        out.lines()
            .filter(|line| line.contains("not in the journal") || line.contains("not yet recorded"))
            .map(|line| line.split(": ").nth(1).unwrap_or_default().to_string())
            .collect()
    };
    assert_eq!(unrecorded(&register), Vec::<String>::new());

    // An edit by hand, seen first by `list` (which renews the cache entry without
    // comparing with the journal), is still named by the next validate.
    register.write(REPORT, &(register.read(REPORT) + "# checked\n"));
    register.cmd().args(["list"]).assert().success();
    std::thread::sleep(std::time::Duration::from_millis(50));
    assert_eq!(unrecorded(&register), vec![REPORT.to_string()]);
    // And on the run after, when the cache holds the edited file's entry.
    assert_eq!(unrecorded(&register), vec![REPORT.to_string()]);

    // Committed with git itself: the journal moved, the warning goes.
    assert!(register.git(&["add", REPORT]).status.success());
    assert!(
        register
            .git(&[
                "-c",
                "user.name=T",
                "-c",
                "user.email=t@example.org",
                "commit",
                "-qm",
                "checked"
            ])
            .status
            .success()
    );
    assert_eq!(unrecorded(&register), Vec::<String>::new());

    // A new file by hand, and then a change by the tool to the other incident.
    register.write("notes.md", "Kontakt med IT-avdelningen.\n");
    register
        .cmd()
        .args(["log", "2026-0002", "--action", "Wiped the laptop remotely."])
        .assert()
        .success();
    std::thread::sleep(std::time::Duration::from_millis(50));
    let (code, out, _) = stdout(&register, &["validate"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("warning: notes.md: is new"), "{out}");
    assert!(!out.contains("2026-0002/actions.yaml"), "{out}");

    // Deleted again: nothing to say.
    std::fs::remove_file(register.path("notes.md")).unwrap();
    assert_eq!(unrecorded(&register), Vec::<String>::new());
}

/// Without the cache, `validate` compares every year folder with the journal (one year at
/// a time): edits by hand in two years and a folder deleted by a commit are all named, as
/// through the cache.
#[test]
fn changes_not_in_the_journal_are_all_found_without_the_cache() {
    let register = TestRegister::new();
    let earlier = register.new_incident(&[
        "--discovered",
        "2025-11-03 10:00",
        "--occurred",
        "2025-11-03 09:00",
    ]);
    assert_eq!(earlier, "2025-0001");
    for _ in 0..3 {
        register.new_incident(&[]);
    }
    // A colleague deletes an incident with git.
    assert!(
        register
            .git_as_colleague(&["rm", "-rq", "incidents/2026/2026-0002"])
            .status
            .success()
    );
    assert!(
        register
            .git_as_colleague(&["commit", "-qm", "remove 2026-0002"])
            .status
            .success()
    );
    let edited = [
        "incidents/2025/2025-0001/report.yaml",
        "incidents/2026/2026-0001/report.yaml",
    ];
    for file in edited {
        register.write(file, &(register.read(file) + "# checked\n"));
    }
    register.cmd().args(["validate"]).assert().success();

    let (code, out, err) = stdout(&register, &["validate", "--no-cache"]);
    assert_eq!(code, Some(0), "{out}{err}");
    for file in edited {
        assert!(
            out.contains(&format!("warning: {file}: differs from the journal")),
            "{out}"
        );
    }
    assert!(
        out.contains("warning: incidents/2026/2026-0002: was deleted from the register by commit"),
        "{out}"
    );
    assert!(err.contains("3 incidents"), "{err}");
}
