//! Several people, one register: clones of a register on a Git server (a bare repository
//! by path, `git daemon` or smart HTTP on localhost, guarded by the pre-receive hook), each person
//! with their own author, syncing with `incident sync` or `sync = "auto"`.

#![cfg(unix)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a helper fails the test by panicking"
)]

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Output;

use common::servers::{BareRepo, Daemon, HttpServer, Remote};
use tempfile::TempDir;

pub const NOW: &str = "2026-12-01T10:00:00+01:00";

/// How the clones reach the server.
#[derive(Clone, Copy)]
enum Transport {
    /// The bare repository's path (a file share).
    Path,
    /// `git daemon` on localhost (git://).
    Daemon,
    /// Smart HTTP: `git http-backend` behind a small CGI server on localhost.
    Http,
}

/// A server (a bare repository, served by `transport`) and the clones of the people who
/// share it.
struct Team {
    dir: TempDir,
    home: TempDir,
    bare: BareRepo,
    url: String,
    _daemon: Option<Daemon>,
    _http: Option<HttpServer>,
}

/// One person's clone.
struct Member<'t> {
    team: &'t Team,
    folder: PathBuf,
    author: String,
}

impl Team {
    /// A register made by `incident init` (with `extra` flags), pushed to a new server
    /// reached by path.
    fn new(extra: &[&str]) -> Team {
        Team::over(Transport::Path, extra)
    }

    fn over(transport: Transport, extra: &[&str]) -> Team {
        let bare = BareRepo::new("register");
        let (url, daemon, http) = match transport {
            Transport::Path => (bare.url(), None, None),
            Transport::Daemon => {
                let daemon = Daemon::start(&bare);
                (daemon.url(), Some(daemon), None)
            }
            Transport::Http => {
                let http = HttpServer::start(&bare);
                (http.url(), None, Some(http))
            }
        };
        let team = Team {
            dir: TempDir::new().unwrap(),
            home: TempDir::new().unwrap(),
            bare,
            url,
            _daemon: daemon,
            _http: http,
        };
        let founder = team.member_at("founder", "Grundare <grundare@example.org>");
        let mut args = vec!["init", ".", "--organisation", "Exempel kommun"];
        args.extend_from_slice(extra);
        let init = founder.run(&args);
        assert!(init.status.success(), "{}", common::stderr(&init));
        assert!(
            founder
                .git(&["remote", "add", "origin", &team.url])
                .status
                .success()
        );
        let sync = founder.run(&["sync"]);
        assert!(sync.status.success(), "{}", common::transcript(&sync));
        team
    }

    fn server_url(&self) -> String {
        self.url.clone()
    }

    fn member_at(&self, name: &str, author: &str) -> Member<'_> {
        let folder = self.dir.path().join(name);
        std::fs::create_dir_all(&folder).unwrap();
        Member {
            team: self,
            folder,
            author: author.to_string(),
        }
    }

    /// A person's clone made with `incident clone`.
    fn join(&self, name: &str, author: &str) -> Member<'_> {
        let member = Member {
            team: self,
            folder: self.dir.path().join(name),
            author: author.to_string(),
        };
        let output = member
            .command(self.dir.path())
            .args(["clone", &self.server_url(), name])
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", common::stderr(&output));
        member
    }

    fn git(&self, folder: &Path, args: &[&str]) -> Output {
        std::process::Command::new("git")
            .args(args)
            .current_dir(folder)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("HOME", self.home.path())
            .output()
            .unwrap()
    }

    /// The server's journal: (author, subject) of every entry, oldest first.
    fn server_log(&self) -> Vec<(String, String)> {
        let out = self.git(
            &self.bare.path(),
            &["log", "--reverse", "--format=%an|%s", "main"],
        );
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|line| {
                let (who, subject) = line.split_once('|').unwrap();
                (who.to_string(), subject.to_string())
            })
            .collect()
    }

    fn server_head(&self) -> String {
        self.bare.rev("main").unwrap_or_default()
    }

    /// Installs `incident hook pre-receive` as the server's hook.
    fn guard_with_hook(&self) {
        let hook = self.bare.path().join("hooks/pre-receive");
        let binary = assert_cmd::cargo::cargo_bin("incident");
        std::fs::write(
            &hook,
            format!("#!/bin/sh\nexec '{}' hook pre-receive\n", binary.display()),
        )
        .unwrap();
        std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}

impl Member<'_> {
    fn command(&self, folder: &Path) -> std::process::Command {
        let mut command = std::process::Command::new(assert_cmd::cargo::cargo_bin("incident"));
        command
            .current_dir(folder)
            .env("INCIDENT_AUTHOR", &self.author)
            .env("INCIDENT_NOW", NOW)
            .env("INCIDENT_LANG", "en")
            .env("HOME", self.team.home.path())
            .env("XDG_CONFIG_HOME", self.team.home.path())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("NO_COLOR", "1")
            .env_remove("INCIDENT_REGISTER")
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE");
        command
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(&self.folder).args(args).output().unwrap()
    }

    /// Runs and asserts success; returns stdout.
    fn ok(&self, args: &[&str]) -> String {
        let output = self.run(args);
        assert!(
            output.status.success(),
            "{args:?}: {}",
            common::transcript(&output)
        );
        String::from_utf8(output.stdout).unwrap()
    }

    fn git(&self, args: &[&str]) -> Output {
        let mut full = vec![
            "-c",
            "user.name=Git User",
            "-c",
            "user.email=git@example.org",
        ];
        full.extend_from_slice(args);
        self.team.git(&self.folder, &full)
    }

    fn report(&self, title: &str) -> String {
        self.ok(&[
            "new",
            "--no-input",
            "--title",
            title,
            "--discovered",
            "2026-12-01 09:00",
        ])
        .trim()
        .to_string()
    }

    fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.folder.join(relative)).unwrap()
    }

    fn head(&self) -> String {
        let out = self.git(&["rev-parse", "HEAD"]);
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    }

    fn titles(&self) -> Vec<(String, String)> {
        let mut found = Vec::new();
        let year = self.folder.join("incidents/2026");
        let Ok(entries) = std::fs::read_dir(&year) else {
            return found;
        };
        for entry in entries {
            let id = entry.unwrap().file_name().to_string_lossy().into_owned();
            let report = std::fs::read_to_string(year.join(&id).join("report.yaml")).unwrap();
            let title = report
                .lines()
                .find_map(|l| l.strip_prefix("title: "))
                .unwrap()
                .to_string();
            found.push((id, title));
        }
        found.sort();
        found
    }

    /// `git fsck` and `incident validate` pass, and no file holds a conflict marker.
    fn assert_sound(&self) {
        let fsck = self.git(&["fsck", "--strict"]);
        assert!(
            fsck.status.success(),
            "{}",
            String::from_utf8_lossy(&fsck.stderr)
        );
        let validate = self.run(&["validate"]);
        assert!(
            validate.status.success(),
            "{}",
            common::transcript(&validate)
        );
        let grep = self.git(&["grep", "-l", "-E", "^(<<<<<<<|>>>>>>>)"]);
        assert!(
            grep.stdout.is_empty(),
            "conflict markers in {}",
            String::from_utf8_lossy(&grep.stdout)
        );
        let status = self.git(&["status", "--porcelain"]);
        assert!(
            status.stdout.is_empty(),
            "work tree not clean: {}",
            String::from_utf8_lossy(&status.stdout)
        );
    }
}

#[test]
fn two_people_reporting_at_once_get_different_ids_and_keep_their_entries() {
    let team = Team::new(&[]);
    let anna = team.join("anna", "Anna Andersson <anna@example.org>");
    let bo = team.join("bo", "Bo Berg <bo@example.org>");
    assert!(anna.read(".gitattributes").contains("merge=incident"));

    let first = anna.report("Misdirected e-mail");
    let second = bo.report("Stolen laptop");
    assert_eq!(
        (first.as_str(), second.as_str()),
        ("2026-0001", "2026-0001"),
        "offline, both take the next id they see"
    );
    // The id is provisional until synced, and said so.
    let listed = bo.run(&["list"]);
    assert!(
        common::stderr(&listed).contains("Provisional ids (not synced): 2026-0001"),
        "{}",
        common::stderr(&listed)
    );

    anna.ok(&["sync"]);
    let sync = bo.run(&["sync"]);
    assert!(sync.status.success(), "{}", common::transcript(&sync));
    assert!(
        common::stderr(&sync).contains("New id: 2026-0001 → 2026-0002"),
        "{}",
        common::stderr(&sync)
    );
    anna.ok(&["sync"]);

    let expected = vec![
        ("2026-0001".to_string(), "Misdirected e-mail".to_string()),
        ("2026-0002".to_string(), "Stolen laptop".to_string()),
    ];
    assert_eq!(anna.titles(), expected);
    assert_eq!(bo.titles(), expected);
    assert!(
        bo.read("incidents/2026/2026-0002/report.yaml")
            .contains("id: 2026-0002")
    );
    // Every entry on the server with its author, the renumbered one under its new id.
    let log = team.server_log();
    assert!(
        log.contains(&(
            "Anna Andersson".into(),
            "2026-0001: reported: Misdirected e-mail".into()
        )),
        "{log:?}"
    );
    assert!(
        log.contains(&(
            "Bo Berg".into(),
            "2026-0002: reported: Stolen laptop".into()
        )),
        "{log:?}"
    );
    assert_eq!(anna.head(), team.server_head());
    assert_eq!(bo.head(), team.server_head());
    anna.assert_sound();
    bo.assert_sound();
    // Nothing left to share: show says nothing of the server.
    assert!(!common::stderr(&bo.run(&["list"])).contains("not pushed"));
}

#[test]
fn with_auto_sync_the_id_is_published_before_it_is_shown() {
    let team = Team::new(&["--sync", "auto"]);
    let anna = team.join("anna", "Anna Andersson <anna@example.org>");
    let bo = team.join("bo", "Bo Berg <bo@example.org>");
    assert_eq!(anna.report("Misdirected e-mail"), "2026-0001");
    // Bo's clone has not fetched Anna's report; the auto sync before the change does.
    assert_eq!(bo.report("Stolen laptop"), "2026-0002");
    assert_eq!(team.server_log().len(), 3, "{:?}", team.server_log());
    assert_eq!(bo.head(), team.server_head());
    // A change of Anna's fetches Bo's report first, then pushes.
    anna.ok(&[
        "contacted",
        "manager",
        "2026-0002",
        "--name",
        "Chef Exempel",
        "--at",
        "2026-12-01 09:30",
    ]);
    assert_eq!(anna.head(), team.server_head());
    anna.assert_sound();
}

#[test]
fn with_the_server_away_an_auto_change_is_kept_and_its_id_marked_provisional() {
    let team = Team::new(&["--sync", "auto"]);
    let anna = team.join("anna", "Anna Andersson <anna@example.org>");
    let gone = team.bare.base().join("gone.git");
    std::fs::rename(team.bare.path(), &gone).unwrap();
    let output = anna.run(&[
        "new",
        "--no-input",
        "--title",
        "Offline",
        "--discovered",
        "2026-12-01 09:00",
    ]);
    assert!(output.status.success(), "{}", common::transcript(&output));
    let said = common::stderr(&output);
    assert!(said.contains("could not be reached"), "{said}");
    assert!(said.contains("2026-0001 is provisional"), "{said}");
    let sync = anna.run(&["sync"]);
    assert_eq!(
        sync.status.code(),
        Some(10),
        "{}",
        common::transcript(&sync)
    );
    std::fs::rename(&gone, team.bare.path()).unwrap();
    anna.ok(&["sync"]);
    assert_eq!(anna.head(), team.server_head());
}

#[test]
fn a_true_conflict_stops_the_sync_names_both_sides_and_is_settled_by_a_flag() {
    let team = Team::new(&[]);
    let anna = team.join("anna", "Anna Andersson <anna@example.org>");
    anna.report("Misdirected e-mail");
    anna.ok(&["sync"]);
    let bo = team.join("bo", "Bo Berg <bo@example.org>");
    let assess = |member: &Member<'_>, reasoning: &str| {
        member.ok(&common::assess_sensitive(
            "2026-0001",
            &["--no-input", "--reasoning", reasoning],
        ));
    };
    assess(&anna, "Health data to one known recipient.");
    assess(&bo, "Health data; the recipient deleted it.");
    anna.ok(&["sync"]);
    let server_before = team.server_head();
    let bo_before = bo.head();
    let refused = bo.run(&["sync"]);
    let said = common::stderr(&refused);
    assert_eq!(refused.status.code(), Some(4), "{said}");
    assert!(said.contains("2026-0001, assessment.yaml"), "{said}");
    assert!(
        said.contains("Bo Berg <bo@example.org>") && said.contains("Anna Andersson"),
        "{said}"
    );
    assert!(said.contains("--keep mine"), "{said}");
    insta::assert_snapshot!("sync_conflict", said);
    assert_eq!(team.server_head(), server_before, "nothing pushed");
    assert_eq!(bo.head(), bo_before, "nothing recorded");

    let settled = bo.run(&["sync", "--keep", "theirs"]);
    assert!(settled.status.success(), "{}", common::transcript(&settled));
    assert!(
        common::stderr(&settled).contains("Conflict settled"),
        "{}",
        common::stderr(&settled)
    );
    assert_eq!(bo.head(), team.server_head());
    assert_eq!(
        bo.read("incidents/2026/2026-0001/assessment.yaml"),
        anna.read("incidents/2026/2026-0001/assessment.yaml")
    );
    bo.assert_sound();
}

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
fn a_plain_git_pull_merges_two_action_logs_without_markers() {
    let team = Team::new(&[]);
    let anna = team.join("anna", "Anna Andersson <anna@example.org>");
    anna.report("Misdirected e-mail");
    anna.ok(&["sync"]);
    let bo = team.join("bo", "Bo Berg <bo@example.org>");
    anna.ok(&[
        "log",
        "2026-0001",
        "--action",
        "Called the recipient.",
        "--at",
        "2026-12-01 09:10",
    ]);
    anna.ok(&["sync"]);
    bo.ok(&[
        "log",
        "2026-0001",
        "--action",
        "Told the manager.",
        "--at",
        "2026-12-01 09:05",
    ]);
    // Bo uses git, not the tool: the merge driver that `incident clone` set up merges.
    let pull = bo.git(&["pull", "--no-rebase", "--no-edit", "origin", "main"]);
    assert!(
        pull.status.success(),
        "{}",
        String::from_utf8_lossy(&pull.stderr)
    );
    let actions = bo.read("incidents/2026/2026-0001/actions.yaml");
    let (told, called) = (
        actions.find("Told the manager.").unwrap(),
        actions.find("Called the recipient.").unwrap(),
    );
    assert!(told < called, "in date order: {actions}");
    bo.assert_sound();
    bo.ok(&["sync"]);
    assert_eq!(bo.head(), team.server_head());
}

#[test]
fn a_plain_git_pull_of_a_true_conflict_keeps_this_side_and_writes_no_marker() {
    let team = Team::new(&[]);
    let anna = team.join("anna", "Anna Andersson <anna@example.org>");
    anna.report("Misdirected e-mail");
    anna.ok(&["sync"]);
    let bo = team.join("bo", "Bo Berg <bo@example.org>");
    let assess = |member: &Member<'_>, reasoning: &str| {
        member.ok(&common::assess_sensitive(
            "2026-0001",
            &["--no-input", "--reasoning", reasoning],
        ));
    };
    assess(&anna, "Health data to one known recipient.");
    anna.ok(&["sync"]);
    assess(&bo, "Health data; the recipient deleted it.");
    let mine = bo.read("incidents/2026/2026-0001/assessment.yaml");
    let pull = bo.git(&["pull", "--no-rebase", "--no-edit", "origin", "main"]);
    assert!(!pull.status.success(), "git reports the conflict");
    let said =
        String::from_utf8_lossy(&pull.stderr).into_owned() + &String::from_utf8_lossy(&pull.stdout);
    assert!(
        said.contains("reasoning") && said.contains("`incident sync`"),
        "{said}"
    );
    assert_eq!(
        bo.read("incidents/2026/2026-0001/assessment.yaml"),
        mine,
        "this side's file, no markers"
    );
    // The tool refuses changes until the merge is left, and says how.
    let refused = bo.run(&[
        "log",
        "2026-0001",
        "--action",
        "More.",
        "--at",
        "2026-12-01 11:00",
    ]);
    assert_eq!(refused.status.code(), Some(4));
    assert!(bo.git(&["merge", "--abort"]).status.success());
    let settled = bo.run(&["sync", "--keep", "mine"]);
    assert!(settled.status.success(), "{}", common::transcript(&settled));
    assert!(
        bo.read("incidents/2026/2026-0001/assessment.yaml")
            .contains("the recipient deleted it")
    );
    assert_eq!(bo.head(), team.server_head());
    bo.assert_sound();
}

#[test]
fn at_a_terminal_the_sync_asks_which_value_holds() {
    let team = Team::new(&[]);
    let anna = team.join("anna", "Anna Andersson <anna@example.org>");
    anna.report("Misdirected e-mail");
    anna.ok(&["sync"]);
    let bo = team.join("bo", "Bo Berg <bo@example.org>");
    let assess = |member: &Member<'_>, reasoning: &str| {
        member.ok(&common::assess_sensitive(
            "2026-0001",
            &["--no-input", "--reasoning", reasoning],
        ));
    };
    assess(&anna, "Health data to one known recipient.");
    anna.ok(&["sync"]);
    assess(&bo, "Health data; the recipient deleted it.");
    let mut command = bo.command(&bo.folder);
    command.env("TERM", "xterm").arg("sync");
    let mut terminal = common::pty::Pty::spawn(command, "`incident sync`".into());
    for field in ["assessed_by", "reasoning"] {
        terminal.expect(&format!("2026-0001, assessment.yaml: {field}"));
        terminal.expect("Which value holds?");
        terminal.send(common::pty::ARROW_DOWN);
        terminal.send(common::pty::ENTER);
    }
    assert_eq!(terminal.finish(), 0, "{}", terminal.terminal());
    assert_eq!(
        bo.read("incidents/2026/2026-0001/assessment.yaml"),
        anna.read("incidents/2026/2026-0001/assessment.yaml")
    );
    assert_eq!(bo.head(), team.server_head());
}

#[test]
fn show_and_list_tell_what_is_not_pushed_and_what_is_behind() {
    let team = Team::new(&[]);
    let anna = team.join("anna", "Anna Andersson <anna@example.org>");
    let bo = team.join("bo", "Bo Berg <bo@example.org>");
    anna.report("Misdirected e-mail");
    let show = anna.run(&["show", "2026-0001"]);
    let said = common::stderr(&show);
    assert!(
        said.contains("1 journal entry(ies) here are not pushed to the server origin yet"),
        "{said}"
    );
    assert!(
        said.contains("Provisional ids (not synced): 2026-0001"),
        "{said}"
    );
    anna.ok(&["sync"]);
    assert!(!common::stderr(&anna.run(&["show", "2026-0001"])).contains("Note:"));
    // Bo's clone knows of Anna's entry once it has fetched (git fetch, or a sync).
    assert!(bo.git(&["fetch", "-q", "origin"]).status.success());
    let list = bo.run(&["list"]);
    assert!(
        common::stderr(&list)
            .contains("1 journal entry(ies) on the server are not here yet (as last fetched)"),
        "{}",
        common::stderr(&list)
    );
}

#[test]
fn validate_tells_a_clone_without_the_merge_driver_how_to_set_it_up() {
    let team = Team::new(&[]);
    let anna = team.join("anna", "Anna Andersson <anna@example.org>");
    assert!(
        anna.git(&["config", "--remove-section", "merge.incident"])
            .status
            .success()
    );
    let validate = anna.run(&["validate"]);
    assert!(validate.status.success(), "a warning, not a problem");
    let out = String::from_utf8_lossy(&validate.stdout);
    assert!(
        out.contains("warning: .git/config: Git's merge by meaning (`incident merge-driver`) is not set up in this clone")
            && out.contains("run `incident sync`"),
        "{out}"
    );
    anna.ok(&["sync"]);
    let again = anna.run(&["validate"]);
    assert!(!String::from_utf8_lossy(&again.stdout).contains("merge by meaning"));
}

#[test]
fn a_merge_of_two_valid_sides_that_breaks_a_rule_is_refused_before_anything_is_pushed() {
    let team = Team::new(&[]);
    let anna = team.join("anna", "Anna Andersson <anna@example.org>");
    anna.ok(&[
        "new",
        "--no-input",
        "--title",
        "Stolen laptop",
        "--occurred",
        "2026-12-01 08:00",
        "--discovered",
        "2026-12-01 09:30",
    ]);
    anna.ok(&["sync"]);
    let bo = team.join("bo", "Bo Berg <bo@example.org>");
    let report = "incidents/2026/2026-0001/report.yaml";
    // Anna: it began later than first thought. Bo: it ended at 08:30. Each is valid.
    let text = anna.read(report);
    assert!(text.contains("08:00"), "{text}");
    std::fs::write(anna.folder.join(report), text.replace("08:00", "09:00")).unwrap();
    anna.ok(&["record", "-m", "began at nine"]);
    anna.ok(&["sync"]);
    let text = bo.read(report);
    std::fs::write(
        bo.folder.join(report),
        format!("{text}ongoing: false\nended:\n  date: 2026-12-01\n  time: 08:30\n"),
    )
    .unwrap();
    bo.ok(&["record", "-m", "ended at half past eight"]);
    let (server, head) = (team.server_head(), bo.head());
    let refused = bo.run(&["sync"]);
    let said = common::stderr(&refused);
    assert_eq!(refused.status.code(), Some(4), "{said}");
    assert!(
        said.contains(report) && said.contains("would together make files that break a rule"),
        "{said}"
    );
    assert_eq!(team.server_head(), server, "nothing pushed");
    assert_eq!(bo.head(), head, "nothing recorded");
}

#[test]
fn a_server_that_holds_another_register_is_refused() {
    let ours = Team::new(&[]);
    // Another register (made with other settings, so its first entry differs).
    let theirs = Team::new(&["--timezone", "Europe/Helsinki"]);
    let anna = ours.join("anna", "Anna Andersson <anna@example.org>");
    anna.report("Misdirected e-mail");
    assert!(
        anna.git(&["remote", "set-url", "origin", &theirs.server_url()])
            .status
            .success()
    );
    let (server, head) = (theirs.server_head(), anna.head());
    let refused = anna.run(&["sync"]);
    let said = common::stderr(&refused);
    assert_eq!(refused.status.code(), Some(4), "{said}");
    assert!(
        said.contains("no history in common with this register"),
        "{said}"
    );
    assert_eq!(
        (theirs.server_head(), anna.head()),
        (server, head),
        "nothing moved"
    );
}
