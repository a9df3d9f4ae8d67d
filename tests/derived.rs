//! `stats` and `deadlines` through the derived caches (issue 20): a warm run answers from
//! what the cache keeps, and says exactly what a cold run (no cache) says, also after an
//! edit by hand.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a helper outside a #[test] fails the test by panicking"
)]

mod common;

use common::{TestRegister, assess_low, assess_sensitive};

const CACHE: &str = ".git/incident-cache.json";

fn output(register: &TestRegister, args: &[&str]) -> (Option<i32>, String, String) {
    let output = register.cmd().args(args).output().unwrap();
    (
        output.status.code(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// Timestamps are coarse: a cache written in the same tick as a file is not trusted for
/// it (the racy-clean rule), so the tests let one tick pass before a warm run.
fn tick() {
    std::thread::sleep(std::time::Duration::from_millis(50));
}

/// Three incidents: one notified to IMY, one closed with nothing owed, one just reported.
fn register_for_stats() -> TestRegister {
    let register = TestRegister::new();
    let notified = register.new_incident(&[]);
    register
        .cmd()
        .args(assess_sensitive(
            &notified,
            &["--reasoning", "Health data."],
        ))
        .assert()
        .success();
    register
        .cmd()
        .args(["notified", "imy", &notified, "--case-number", "IMY-2026-1"])
        .assert()
        .success();
    let closed = register.new_incident(&["--title", "Lost laptop"]);
    register
        .cmd()
        .args(assess_low(&closed, "The disk was encrypted."))
        .assert()
        .success();
    register
        .cmd()
        .args([
            "close",
            &closed,
            "--root-cause",
            "Left on a train.",
            "--lessons",
            "Encrypt every disk.",
        ])
        .assert()
        .success();
    register.new_incident(&["--title", "Printout left in the printer"]);
    register
}

const STATS_FORMATS: [&[&str]; 4] = [
    &["stats"],
    &["stats", "--format", "json"],
    &["stats", "--format", "csv"],
    &["stats", "--format", "html"],
];

/// Every format of `stats`, with the cache deleted first.
fn cold_stats(register: &TestRegister, extra: &[&str]) -> Vec<(Option<i32>, String, String)> {
    STATS_FORMATS
        .iter()
        .map(|args| {
            let _ = std::fs::remove_file(register.path(CACHE));
            output(register, &[args, extra].concat())
        })
        .collect()
}

fn warm_stats(register: &TestRegister, extra: &[&str]) -> Vec<(Option<i32>, String, String)> {
    STATS_FORMATS
        .iter()
        .map(|args| output(register, &[args, extra].concat()))
        .collect()
}

#[test]
fn stats_from_the_cache_say_what_a_cold_run_says_also_after_an_edit_by_hand() {
    let register = register_for_stats();
    let cold = cold_stats(&register, &[]);
    assert!(cold[1].1.contains("\"notified\": 1"), "{}", cold[1].1);
    // `stats` keeps each incident's tally in the derived cache, beside `list`'s summary.
    let cache = register.read(CACHE);
    assert!(
        cache.contains("\"tally\":{\"i\":\"2026-0002\""),
        "the cache keeps the tallies: {cache}"
    );
    tick();
    // The first warm run may renew the entries (the files were as new as the cache).
    output(&register, &["list"]);
    tick();
    assert_eq!(warm_stats(&register, &[]), cold, "warm as cold");
    assert_eq!(
        warm_stats(&register, &["--year", "2026"]),
        cold_stats(&register, &["--year", "2026"]),
    );
    tick();
    output(&register, &["list"]);
    tick();

    // An edit by hand in place, of the same size: the month of discovery changes.
    let report = "incidents/2026/2026-0003/report.yaml";
    let before = register.read(report);
    std::fs::write(
        register.path(report),
        before.replace("2026-03-27", "2026-02-27"),
    )
    .unwrap();
    let warm = warm_stats(&register, &[]);
    assert!(warm[1].1.contains("\"2026-02\": 1"), "{}", warm[1].1);
    assert_eq!(warm, cold_stats(&register, &[]), "edited: warm as cold");
    assert_ne!(warm, cold);

    // An invalid edit is told, not counted, warm as cold.
    std::fs::write(
        register.path(report),
        before.replace("discovered:", "discoverd:"),
    )
    .unwrap();
    tick();
    output(&register, &["list"]);
    tick();
    let warm = warm_stats(&register, &[]);
    assert_eq!(warm[1].0, Some(1));
    assert!(warm[1].2.contains("discoverd"), "{}", warm[1].2);
    assert_eq!(warm, cold_stats(&register, &[]), "invalid: warm as cold");
}

const DUE_CACHE: &str = ".git/incident-deadlines.json";

/// `deadlines --json` with both caches deleted first: what the files say.
fn cold_deadlines(register: &TestRegister) -> (Option<i32>, String, String) {
    let _ = std::fs::remove_file(register.path(CACHE));
    let _ = std::fs::remove_file(register.path(DUE_CACHE));
    output(register, &["deadlines", "--json"])
}

fn warm_deadlines(register: &TestRegister) -> (Option<i32>, String, String) {
    output(register, &["deadlines", "--json"])
}

/// Lets the cache be trusted: a run in a later tick than the files renews its entries,
/// and the next one reads them.
fn settle(register: &TestRegister) {
    tick();
    warm_deadlines(register);
    tick();
}

/// An open case awaiting IMY's notification, a case the tool closed with every duty met, a
/// case closed by hand that owes nothing, and a case just reported.
fn register_for_deadlines() -> TestRegister {
    let register = TestRegister::new();
    let open = register.new_incident(&[]);
    register
        .cmd()
        .args(assess_sensitive(&open, &["--reasoning", "Health data."]))
        .assert()
        .success();
    for title in ["Closed by the tool", "Closed by hand"] {
        let id = register.new_incident(&["--title", title]);
        register
            .cmd()
            .args(assess_low(&id, "The disk was encrypted."))
            .assert()
            .success();
    }
    register
        .cmd()
        .args([
            "close",
            "2026-0002",
            "--root-cause",
            "Left on a train.",
            "--lessons",
            "Encrypt every disk.",
        ])
        .assert()
        .success();
    register.write(
        "incidents/2026/2026-0003/closure.yaml",
        "schema_version: 1\nclosed_at: \"2026-03-27T11:00:00+01:00\"\nclosed_by: Test Author\nroot_cause: r\nlessons_learned: l\n",
    );
    register
        .cmd()
        .args(["record", "-m", "closed by hand"])
        .assert()
        .success();
    register.new_incident(&["--title", "Printout left in the printer"]);
    register
}

#[test]
fn deadlines_from_their_cache_say_what_a_cold_run_says_also_after_edits_by_hand() {
    let register = register_for_deadlines();
    let cold = cold_deadlines(&register);
    assert_eq!(cold.0, Some(0), "{}", cold.2);
    assert!(cold.1.contains("\"incident\": \"2026-0001\""), "{}", cold.1);
    assert!(!cold.1.contains("2026-0002") && !cold.1.contains("2026-0003"));
    let kept = register.read(DUE_CACHE);
    assert!(
        kept.contains("\"settled\":[[2026,2,") && kept.contains("[2026,3,"),
        "the closed cases that owe nothing are kept by their folder: {kept}"
    );
    settle(&register);
    assert_eq!(warm_deadlines(&register), cold, "warm as cold");
    assert_eq!(warm_deadlines(&register), cold, "and again");
    let table = output(&register, &["deadlines"]);
    let _ = std::fs::remove_file(register.path(DUE_CACHE));
    assert_eq!(output(&register, &["deadlines"]), table, "the table too");
    settle(&register);

    // An open case's notification written by hand: IMY notified.
    let notification = "incidents/2026/2026-0001/notification.yaml";
    register.write(
        notification,
        "schema_version: 1\nimy:\n  submitted_at: \"2026-03-27T11:00:00+01:00\"\n  case_number: IMY-2026-1\n",
    );
    let warm = warm_deadlines(&register);
    assert_eq!(warm, cold_deadlines(&register), "new notification");
    assert_ne!(warm, cold);
    settle(&register);
    // Then edited in place, to the same size: a supplement announced.
    let text = register.read(notification);
    std::fs::write(
        register.path(notification),
        text.replace("case_number: IMY-2026-1", "supplement_planned: true"),
    )
    .unwrap();
    let warm = warm_deadlines(&register);
    assert!(
        warm.1.contains("\"obligation\": \"supplement\""),
        "{}",
        warm.1
    );
    assert_eq!(
        warm,
        cold_deadlines(&register),
        "notification edited in place"
    );
    settle(&register);

    // A closed case's closure replaced by hand (as an editor saves, or Git checks a file
    // out: a new file renamed into place) with one that breaks the rules.
    let closure = "incidents/2026/2026-0002/closure.yaml";
    let broken = register.read(closure).replace(
        "legal_obligations_at_close: met",
        "legal_obligations_at_close: meet",
    );
    register.write("incidents/2026/2026-0002/.closure.yaml.new", &broken);
    std::fs::rename(
        register.path("incidents/2026/2026-0002/.closure.yaml.new"),
        register.path(closure),
    )
    .unwrap();
    let warm = warm_deadlines(&register);
    assert_eq!(warm.0, Some(1), "{}", warm.2);
    assert!(warm.2.contains("meet"), "{}", warm.2);
    assert_eq!(warm, cold_deadlines(&register), "closure replaced");
    let closure_text = register.read(closure).replace(": meet", ": met");
    std::fs::write(register.path(closure), closure_text).unwrap();
    settle(&register);
    assert_eq!(warm_deadlines(&register), cold_deadlines(&register));
    settle(&register);

    // A closed case edited in place by hand and committed (as a colleague's commit or
    // `incident record`): IMY's notification is owed after all. The folder's metadata does
    // not change; the journal's commit shows it.
    let assessment = "incidents/2026/2026-0003/assessment.yaml";
    let text = register.read(assessment);
    assert!(text.contains("notify_imy: false"), "{text}");
    std::fs::write(
        register.path(assessment),
        text.replace(
            "  notify_imy: false\n",
            "  notify_imy: true\n  departure_reason: The board wants IMY told.\n",
        ),
    )
    .unwrap();
    let committed = register.git_as_colleague(&["commit", "-qam", "IMY after all"]);
    assert!(committed.status.success(), "{committed:?}");
    let warm = warm_deadlines(&register);
    assert!(
        warm.1.contains("\"incident\": \"2026-0003\""),
        "the committed edit is seen: {warm:?}"
    );
    assert_eq!(
        warm,
        cold_deadlines(&register),
        "closed case edited, committed"
    );
}

#[test]
fn deadlines_read_an_open_case_again_when_its_kept_text_cannot_be_read() {
    let register = register_for_deadlines();
    let cold = cold_deadlines(&register);
    settle(&register);
    // The cache file is the tool's own, but a person or a crash may garble it: an open
    // case kept as text this binary cannot read is parsed from its files again.
    let kept = register.read(DUE_CACHE);
    let title = "\"title\":\"Printout left in the printer\"";
    assert!(kept.contains(title), "{kept}");
    std::fs::write(
        register.path(DUE_CACHE),
        kept.replace(title, "\"title\":42"),
    )
    .unwrap();
    assert_eq!(warm_deadlines(&register), cold, "garbled entry");
    assert!(
        register.read(DUE_CACHE).contains(title),
        "the entry is written again"
    );
}

#[test]
fn a_settings_text_found_valid_once_is_not_trusted_once_it_changes() {
    let register = register_for_stats();
    let (code, _, stderr) = output(&register, &["list"]);
    assert_eq!(code, Some(0), "{stderr}");
    let memo = register.read(".git/incident-settings-checked");
    assert!(!memo.is_empty(), "the valid text is noted");
    let settings = register.read("incident.toml");
    assert!(
        settings.contains("email = \"dso@example.org\""),
        "{settings}"
    );
    // A value only the schema refuses (no @): the note is for the old text.
    register.write(
        "incident.toml",
        &settings.replace("email = \"dso@example.org\"", "email = \"dso.example.org\""),
    );
    let (code, _, stderr) = output(&register, &["list"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("incident.toml") && stderr.contains("dso.example.org"),
        "{stderr}"
    );
    register.write("incident.toml", &settings);
    assert_eq!(output(&register, &["list"]).0, Some(0));
    // `validate --no-cache` checks the settings again and leaves no note behind.
    let (code, _, stderr) = output(&register, &["validate", "--no-cache"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(!register.path(".git/incident-settings-checked").exists());
}
