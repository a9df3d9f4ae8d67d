//! Many people at once against one server (git daemon, smart HTTP, a path), guarded by
//! the pre-receive hook: new incidents, actions on shared incidents, assessments, closings
//! and reopenings, syncs at random moments, some people offline for a while.

#![cfg(unix)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a helper fails the test by panicking"
)]

mod common;

use common::team::{Member, Team, Transport};

/// A small deterministic generator, so that a failing run can be repeated.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, sides: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % sides
    }
}

/// What one person did, to be found on the server afterwards.
#[derive(Default)]
struct Done {
    titles: Vec<String>,
    actions: Vec<String>,
    assessed: usize,
    closings: usize,
    syncs: usize,
    conflicts: usize,
    offline_syncs: usize,
}

/// One person's working session: changes of new and shared incidents, syncs at random
/// moments, the first part of it offline for some.
fn work(member: &Member<'_>, index: u64, rounds: usize, offline_first: bool) -> Done {
    let mut dice = Dice(0x9E37_79B9_7F4A_7C15 ^ (index + 1).wrapping_mul(0x2545_F491_4F6C_DD1D));
    let mut done = Done::default();
    let server = member.team.server_url();
    if offline_first {
        assert!(
            member
                .git(&["remote", "set-url", "origin", "/nonexistent/server.git"])
                .status
                .success()
        );
    }
    for round in 0..rounds {
        if offline_first && round == rounds / 2 {
            assert!(
                member
                    .git(&["remote", "set-url", "origin", &server])
                    .status
                    .success()
            );
        }
        match dice.roll(5) {
            0 => {
                let title = format!("Report {index}-{round}");
                member.ok(&[
                    "new",
                    "--no-input",
                    "--title",
                    &title,
                    "--discovered",
                    "2026-12-01 08:00",
                ]);
                done.titles.push(title);
            }
            1 | 2 => {
                let shared = format!("2026-000{}", 1 + dice.roll(3));
                let action = format!("Action {index}-{round} on {shared}");
                let at = format!("2026-12-01 {:02}:{:02}", 8 + dice.roll(2), dice.roll(60));
                member.ok(&["log", &shared, "--action", &action, "--at", &at]);
                done.actions.push(action);
            }
            4 => {
                // Closing the low-risk shared incident, or reopening it when it is closed
                // here: two people may well do either at once.
                if member
                    .folder
                    .join("incidents/2026/2026-0004/closure.yaml")
                    .exists()
                {
                    let reason = format!("Reopened by {index} in round {round}.");
                    member.ok(&["reopen", "2026-0004", "--no-input", "--reason", &reason]);
                } else {
                    let cause = format!("Cause found by {index} in round {round}.");
                    member.ok(&[
                        "close",
                        "2026-0004",
                        "--no-input",
                        "--root-cause",
                        &cause,
                        "--lessons",
                        "Check the recipient.",
                    ]);
                }
                done.closings += 1;
            }
            _ => {
                let reasoning = format!("Assessed by {index} in round {round}.");
                member.ok(&common::assess_sensitive(
                    "2026-0003",
                    &["--no-input", "--reasoning", &reasoning],
                ));
                done.assessed += 1;
            }
        }
        if dice.roll(2) == 0 {
            sync_settling(member, &mut done);
        }
    }
    if offline_first {
        assert!(
            member
                .git(&["remote", "set-url", "origin", &server])
                .status
                .success()
        );
    }
    done
}

/// `incident sync`; a true conflict (two assessments of one incident) is counted and
/// settled for the server's value, as a person would after reading it.
fn sync_settling(member: &Member<'_>, done: &mut Done) {
    done.syncs += 1;
    let output = member.run(&["sync"]);
    match output.status.code() {
        Some(0) => {}
        Some(10) => done.offline_syncs += 1,
        Some(4) if common::stderr(&output).contains("given different values") => {
            done.conflicts += 1;
            member.ok(&["sync", "--keep", "theirs"]);
        }
        _ => panic!("sync failed: {}", common::transcript(&output)),
    }
}

/// Several people at once against one server: afterwards every change is on the server
/// with its author, no id is used twice, no file holds a conflict marker, and every clone
/// validates and passes `git fsck`.
fn many_people_at_once(transport: Transport, people: u64, rounds: usize) {
    let started = std::time::Instant::now();
    let team = Team::over(transport, &[]);
    // The server refuses what the tool would refuse: every sync's push passes it.
    team.guard_with_hook();
    let founder = Member {
        team: &team,
        folder: team.dir.path().join("founder"),
        author: "Grundare <grundare@example.org>".into(),
    };
    for title in ["Shared one", "Shared two", "Shared three", "Shared four"] {
        founder.report(title);
    }
    founder.ok(&[
        "assess",
        "2026-0004",
        "--no-input",
        "--category",
        "simple",
        "--ease",
        "negligible",
        "--confidentiality",
        "none",
        "--integrity",
        "none",
        "--availability",
        "temporary",
        "--reasoning",
        "A short outage of a register of addresses; no risk.",
    ]);
    founder.ok(&["sync"]);
    let members: Vec<Member<'_>> = (0..people)
        .map(|i| {
            team.join(
                &format!("person{i}"),
                &format!("Person {i} <person{i}@example.org>"),
            )
        })
        .collect();
    let results: Vec<Done> = std::thread::scope(|scope| {
        let handles: Vec<_> = members
            .iter()
            .enumerate()
            .map(|(i, member)| {
                let index = i as u64;
                scope.spawn(move || work(member, index, rounds, index % 3 == 2))
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    // Everyone syncs until the server holds everything and every clone has it all.
    let mut settle = Done::default();
    for _ in 0..2 {
        for member in &members {
            sync_settling(member, &mut settle);
        }
    }
    let titles: Vec<String> = results.iter().flat_map(|d| d.titles.clone()).collect();
    let actions: Vec<String> = results.iter().flat_map(|d| d.actions.clone()).collect();
    let server_tree = team.git(&team.bare.path(), &["ls-tree", "-r", "--name-only", "main"]);
    let server_files = String::from_utf8(server_tree.stdout).unwrap();
    let reports: Vec<&str> = server_files
        .lines()
        .filter(|f| f.ends_with("report.yaml"))
        .collect();
    assert_eq!(
        reports.len(),
        4 + titles.len(),
        "one folder per incident, no id twice"
    );
    for member in &members {
        assert_eq!(member.head(), team.server_head());
        member.assert_sound();
        let held: Vec<String> = member.titles().into_iter().map(|(_, t)| t).collect();
        for title in &titles {
            assert_eq!(
                held.iter().filter(|t| *t == title).count(),
                1,
                "{title} once"
            );
        }
    }
    let everything: String = (1..=3)
        .map(|n| members[0].read(&format!("incidents/2026/2026-000{n}/actions.yaml")))
        .collect();
    for action in &actions {
        assert_eq!(
            everything.matches(action.as_str()).count(),
            1,
            "{action} kept once"
        );
    }
    let log = team.server_log();
    for (i, done) in results.iter().enumerate() {
        let author = format!("Person {i}");
        for title in &done.titles {
            assert!(
                log.iter()
                    .any(|(who, s)| *who == author && s.ends_with(&format!("reported: {title}"))),
                "{title} by {author}"
            );
        }
        for action in &done.actions {
            assert!(
                log.iter()
                    .any(|(who, s)| *who == author && s.contains(action.as_str())),
                "{action} by {author}"
            );
        }
    }
    for (i, done) in results.iter().enumerate() {
        let author = format!("Person {i}");
        let entries: Vec<&String> = log
            .iter()
            .filter(|(who, _)| *who == author)
            .map(|(_, s)| s)
            .collect();
        assert_eq!(
            entries.len(),
            done.titles.len() + done.actions.len() + done.assessed + done.closings,
            "every entry of {author}'s on the server: {entries:#?} for {:?} {:?} and {} assessment(s)",
            done.titles,
            done.actions,
            done.assessed
        );
    }
    let fsck = team.git(&team.bare.path(), &["fsck", "--strict"]);
    assert!(fsck.status.success());
    let changes: usize = results
        .iter()
        .map(|d| d.titles.len() + d.actions.len() + d.assessed + d.closings)
        .sum();
    let syncs: usize = results.iter().map(|d| d.syncs).sum::<usize>() + settle.syncs;
    let conflicts: usize = results.iter().map(|d| d.conflicts).sum::<usize>() + settle.conflicts;
    let offline: usize = results.iter().map(|d| d.offline_syncs).sum();
    eprintln!(
        "{people} people: {changes} changes, {syncs} syncs ({offline} offline), {conflicts} conflicts settled, {} entries on the server, {:.1} s",
        log.len(),
        started.elapsed().as_secs_f64()
    );
}

#[test]
fn two_people_at_once_over_http() {
    many_people_at_once(Transport::Http, 2, 8);
}

#[test]
fn eight_people_at_once_over_git_daemon() {
    many_people_at_once(Transport::Daemon, 8, 8);
}

#[test]
fn eight_people_at_once_on_a_file_share() {
    many_people_at_once(Transport::Path, 8, 6);
}

#[test]
fn a_notice_with_a_provisional_case_number_says_so_until_it_is_synced() {
    let team = Team::new(&[]);
    let anna = team.join("anna", "Anna Andersson <anna@example.org>");
    anna.report("Misdirected e-mail");
    let args = [
        "export",
        "customer",
        "2026-0001",
        "--notice",
        "acknowledgement",
    ];
    let before = anna.run(&args);
    assert!(before.status.success());
    let said = common::stderr(&before);
    assert!(
        said.contains(
            "Note: the case number 2026-0001 is provisional until the register is synced"
        ),
        "{said}"
    );
    anna.ok(&["sync"]);
    let after = anna.run(&args);
    assert!(
        !common::stderr(&after).contains("is provisional"),
        "{}",
        common::stderr(&after)
    );
}
