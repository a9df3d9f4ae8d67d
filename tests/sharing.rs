//! Several people, one register: clones of a register on a Git server (a bare repository
//! by path here; tests/sharing_servers.rs runs the same over git:// and HTTP), each person
//! with their own author, syncing with `incident sync` or `sync = "auto"`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a helper fails the test by panicking"
)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use tempfile::TempDir;

pub const NOW: &str = "2026-12-01T10:00:00+01:00";

/// A server (a bare repository) and the clones of the people who share it.
struct Team {
    dir: TempDir,
    home: TempDir,
}

/// One person's clone.
struct Member<'t> {
    team: &'t Team,
    folder: PathBuf,
    author: String,
}

impl Team {
    /// A register made by `incident init` (with `extra` flags), pushed to a new server.
    fn new(extra: &[&str]) -> Team {
        let team = Team {
            dir: TempDir::new().unwrap(),
            home: TempDir::new().unwrap(),
        };
        assert!(
            team.git(
                team.dir.path(),
                &["init", "--quiet", "--bare", "server.git"]
            )
            .status
            .success()
        );
        let founder = team.member_at("founder", "Grundare <grundare@example.org>");
        let mut args = vec!["init", ".", "--organisation", "Exempel kommun"];
        args.extend_from_slice(extra);
        let init = founder.run(&args);
        assert!(init.status.success(), "{}", common::stderr(&init));
        assert!(
            founder
                .git(&["remote", "add", "origin", &team.server_url()])
                .status
                .success()
        );
        let sync = founder.run(&["sync"]);
        assert!(sync.status.success(), "{}", common::stderr(&sync));
        team
    }

    fn server_url(&self) -> String {
        self.dir.path().join("server.git").display().to_string()
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
            &self.dir.path().join("server.git"),
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
        let out = self.git(&self.dir.path().join("server.git"), &["rev-parse", "main"]);
        String::from_utf8(out.stdout).unwrap().trim().to_string()
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
    let gone = team.dir.path().join("gone.git");
    std::fs::rename(team.dir.path().join("server.git"), &gone).unwrap();
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
    std::fs::rename(&gone, team.dir.path().join("server.git")).unwrap();
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
