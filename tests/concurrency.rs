//! Two colleagues at once: changes from two processes are serialised by the register lock;
//! every change is committed, none is lost, and no id is assigned twice. A change that
//! cannot get the lock in time is refused as busy, with nothing recorded.

mod common;

use std::collections::BTreeSet;

use common::TestRegister;

const ROUNDS: usize = 8;

#[test]
fn two_processes_making_many_changes_at_once_lose_nothing() {
    let register = TestRegister::new();
    register.new_incident(&[]);
    std::thread::scope(|scope| {
        for writer in ["A", "B"] {
            let register = &register;
            scope.spawn(move || {
                for round in 0..ROUNDS {
                    // Alternate a new incident (which takes the next id) and an action
                    // appended to the shared incident (a read-modify-write of one file).
                    let output = register
                        .cmd()
                        .args(["new", "--title", &format!("{writer} {round}")])
                        .args(["--discovered", "2026-03-27 10:00"])
                        .output()
                        .unwrap();
                    assert!(
                        output.status.success(),
                        "new by {writer}: {}",
                        String::from_utf8_lossy(&output.stderr)
                    );
                    let output = register
                        .cmd()
                        .args(["log", "2026-0001", "--action"])
                        .arg(format!("Action {writer} {round}"))
                        .output()
                        .unwrap();
                    assert!(
                        output.status.success(),
                        "log by {writer}: {}",
                        String::from_utf8_lossy(&output.stderr)
                    );
                }
            });
        }
    });

    // Every change is one commit: init, the first incident, and 2 × 2 × ROUNDS more.
    let commits = register.commits();
    assert_eq!(commits.len(), 2 + 4 * ROUNDS);
    // Every new incident has its own id and its own title.
    let titles: BTreeSet<String> = (2..=1 + 2 * ROUNDS)
        .map(|n| {
            let report = register.read(&format!("incidents/2026/2026-{n:04}/report.yaml"));
            report
                .lines()
                .find_map(|l| l.strip_prefix("title: "))
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(titles.len(), 2 * ROUNDS, "{titles:?}");
    assert!(
        !register
            .path(&format!("incidents/2026/2026-{:04}", 2 + 2 * ROUNDS))
            .exists()
    );
    // Every action is in the shared incident's log.
    let actions = register.read("incidents/2026/2026-0001/actions.yaml");
    for writer in ["A", "B"] {
        for round in 0..ROUNDS {
            assert!(
                actions.contains(&format!("Action {writer} {round}")),
                "{actions}"
            );
        }
    }
    register.cmd().args(["validate"]).assert().success();
    assert_eq!(register.dirty(), Vec::<String>::new());
    let fsck = register.git(&["fsck", "--strict"]);
    assert!(
        fsck.status.success(),
        "{}",
        String::from_utf8_lossy(&fsck.stderr)
    );
}

#[test]
fn a_change_that_cannot_get_the_lock_is_refused_as_busy_and_records_nothing() {
    let register = TestRegister::new();
    register.new_incident(&[]);
    let before = register.head();
    let actions = register.path("incidents/2026/2026-0001/actions.yaml");
    // Another command holds the lock.
    let held = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(register.path(".git/incident.lock"))
        .unwrap();
    held.lock().unwrap();
    let output = register
        .cmd()
        .env("INCIDENT_LOCK_WAIT", "0.2")
        .args(["log", "2026-0001", "--action", "Deleted the e-mail."])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(75));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("the register is busy"), "{stderr}");
    assert!(stderr.contains("try again"), "{stderr}");
    assert_eq!(register.head(), before);
    assert!(!actions.exists());
    // Once the lock is free, the same command goes through.
    drop(held);
    register
        .cmd()
        .args(["log", "2026-0001", "--action", "Deleted the e-mail."])
        .assert()
        .success();
    assert!(actions.exists());
}
