//! A laptop that dies mid-sync: `incident sync` killed at random moments (seeded) while a
//! colleague keeps pushing. Afterwards one plain `incident sync` brings everything to the
//! server: every entry of both people once, under its author, no action lost or doubled,
//! the clone valid, its work tree clean, `git fsck` clean.

#![cfg(unix)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a helper fails the test by panicking"
)]

mod common;

use std::process::Stdio;
use std::time::Duration;

use common::team::Team;

/// Killed syncs: enough that kills land in the fetch, the replay, the branch move, the
/// file writes and the push.
const ROUNDS: u64 = 40;

/// SplitMix64, for reproducible kill moments.
fn next(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[test]
fn syncs_killed_at_random_moments_lose_and_double_nothing() {
    let team = Team::new(&[]);
    let anna = team.join("anna", "Anna Andersson <anna@example.org>");
    let bo = team.join("bo", "Bo Berg <bo@example.org>");
    anna.report("Shared");
    anna.ok(&["sync"]);
    bo.ok(&["sync"]);
    #[expect(clippy::unreadable_literal, reason = "a date, 2026-12-01, as the seed")]
    let mut seed = 20261201;
    let mut actions = Vec::new();
    let (mut finished, mut mid_move, mut before_move, mut pushing) = (0, 0, 0, 0);
    for round in 0..ROUNDS {
        let minute = round % 60;
        let theirs = format!("Bo's action {round}.");
        bo.ok(&[
            "log",
            "2026-0001",
            "--action",
            &theirs,
            "--at",
            &format!("2026-12-01 09:{minute:02}"),
        ]);
        bo.ok(&["sync"]);
        let mine = format!("Anna's action {round}.");
        anna.ok(&[
            "log",
            "2026-0001",
            "--action",
            &mine,
            "--at",
            &format!("2026-12-01 10:{minute:02}"),
        ]);
        actions.extend([theirs, mine]);
        let head_before = anna.head();
        let mut sync = anna.command(&anna.folder);
        let mut child = sync
            .arg("sync")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_micros(60_000 + next(&mut seed) % 120_000));
        let _ = child.kill();
        child.wait().unwrap();
        if anna.folder.join(".git/incident-sync").exists() {
            mid_move += 1;
        } else if anna.head() == team.server_head() {
            finished += 1;
        } else if anna.head() == head_before {
            before_move += 1;
        } else {
            pushing += 1;
        }
        // What validate says of a lock left behind is followed, as a person would.
        let validate = anna.run(&["validate"]);
        for line in String::from_utf8_lossy(&validate.stdout)
            .lines()
            .filter(|l| l.contains("it blocks"))
        {
            let path = line.split(':').next().unwrap();
            let _ = std::fs::remove_file(anna.folder.join(path));
        }
    }
    eprintln!(
        "{ROUNDS} syncs killed: {before_move} before the branch moved, {mid_move} between the branch and the files, {pushing} before the push was through, {finished} after it"
    );
    // Any git child of a killed sync may still be pushing: a settled sync on each side.
    std::thread::sleep(Duration::from_millis(300));
    anna.ok(&["sync"]);
    bo.ok(&["sync"]);
    assert_eq!(anna.head(), team.server_head());
    assert_eq!(bo.head(), team.server_head());
    let log = anna.read("incidents/2026/2026-0001/actions.yaml");
    for action in &actions {
        assert_eq!(
            log.matches(action.as_str()).count(),
            1,
            "{action} once: {log}"
        );
    }
    let entries = team.server_log();
    for (author, count) in [("Anna Andersson", ROUNDS + 1), ("Bo Berg", ROUNDS)] {
        let made = entries
            .iter()
            .filter(|(who, subject)| who == author && !subject.contains("edited by hand"))
            .count();
        assert_eq!(
            made,
            usize::try_from(count).unwrap(),
            "every entry of {author}'s once: {entries:#?}"
        );
    }
    anna.assert_sound();
    bo.assert_sound();
}
