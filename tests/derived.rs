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
