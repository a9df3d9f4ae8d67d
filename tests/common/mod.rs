//! A hermetic test register: a temporary folder, a fixed clock and author, a HOME of its
//! own (so the machine's git config is never read), and helpers to read files and commits.

#![allow(dead_code)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a helper fails the test by panicking"
)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

/// The harness of the pseudo-terminal tests (expectrl); Unix only.
#[cfg(unix)]
pub mod keys;
pub mod pty;

/// Messages for the e-mail intake's tests.
pub mod mail;

/// Real Git servers on localhost (a bare repository by path, git daemon, smart HTTP).
pub mod servers;

/// A team sharing a register through a Git server; Unix only, as the servers.
#[cfg(unix)]
pub mod team;

pub const AUTHOR: &str = "Test Author <test@example.org>";
pub const NOW: &str = "2026-03-27T12:00:00+01:00";

/// `incident assess` of health data disclosed to one known recipient (SE 4.25, very
/// high), with the extra flags given.
pub fn assess_sensitive<'a>(id: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "assess",
        id,
        "--category",
        "sensitive",
        "--ease",
        "maximum",
        "--confidentiality",
        "known_recipients",
        "--integrity",
        "none",
        "--availability",
        "none",
    ];
    args.extend_from_slice(extra);
    args
}

/// `incident assess` of a breach that put nothing at risk (SE 0.25, low: document only),
/// with the reasoning given.
pub fn assess_low<'a>(id: &'a str, reasoning: &'a str) -> Vec<&'a str> {
    vec![
        "assess",
        id,
        "--category",
        "simple",
        "--ease",
        "negligible",
        "--confidentiality",
        "none",
        "--integrity",
        "none",
        "--availability",
        "none",
        "--reasoning",
        reasoning,
    ]
}

pub struct TestRegister {
    home: TempDir,
    dir: TempDir,
}

/// A commit as the tests look at it.
#[derive(Debug)]
pub struct CommitInfo {
    pub id: String,
    pub message: String,
    pub subject: String,
    pub author: String,
    pub email: String,
    pub time: i64,
    pub offset_minutes: i32,
    pub files: Vec<String>,
}

impl TestRegister {
    /// An empty folder, no register yet.
    pub fn empty() -> TestRegister {
        TestRegister {
            home: TempDir::new().unwrap(),
            dir: TempDir::new().unwrap(),
        }
    }

    /// A register made by `incident init` with flags, in English.
    pub fn new() -> TestRegister {
        TestRegister::in_language("en")
    }

    /// A register made by `incident init` with flags in `lang` (`sv`, `en`): the
    /// language of its settings and of its journal.
    pub fn in_language(lang: &str) -> TestRegister {
        let register = TestRegister::empty();
        register
            .cmd()
            .env("INCIDENT_LANG", lang)
            .args([
                "init",
                ".",
                "--organisation",
                "Exempel kommun",
                "--org-number",
                "212000-0000",
                "--street",
                "Box 1",
                "--postal-code",
                "123 45",
                "--city",
                "Exempelstad",
                "--sector",
                "public",
                "--area",
                "social_services",
                "--dpo-name",
                "Dataskyddsombud Exempel",
                "--dpo-email",
                "dso@example.org",
                "--contact-name",
                "Kontakt Exempel",
                "--contact-email",
                "kontakt@example.org",
                "--contact-phone",
                "000-000 00 00",
            ])
            .assert()
            .success();
        register
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    /// A path outside the register, in this test's own folder (not shared with another
    /// test running at the same time): for files a command reads from elsewhere.
    pub fn outside(&self, name: &str) -> PathBuf {
        self.home.path().join(name)
    }

    pub fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.path(relative))
            .unwrap_or_else(|e| panic!("read {relative}: {e}"))
    }

    pub fn write(&self, relative: &str, text: &str) {
        let path = self.path(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// The binary, run in the register with the fixed clock, author and language.
    pub fn cmd(&self) -> Command {
        Command::from_std(self.process())
    }

    /// The binary as a plain process, to be started and killed: the register as the
    /// current folder, the fixed clock, author and language, a HOME of its own.
    pub fn process(&self) -> std::process::Command {
        let mut command = std::process::Command::new(assert_cmd::cargo::cargo_bin("incident"));
        command
            .current_dir(self.dir.path())
            .env("INCIDENT_AUTHOR", AUTHOR)
            .env("INCIDENT_NOW", NOW)
            .env("INCIDENT_LANG", "en")
            .env("HOME", self.home.path())
            .env("XDG_CONFIG_HOME", self.home.path())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("NO_COLOR", "1")
            .env("EDITOR", "false")
            .env_remove("INCIDENT_REGISTER")
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE");
        command
    }

    /// The git command line in the register, outside any user configuration.
    pub fn git(&self, args: &[&str]) -> std::process::Output {
        std::process::Command::new("git")
            .args(args)
            .current_dir(self.dir.path())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .output()
            .unwrap()
    }

    /// git as a colleague runs it in the register: an identity of its own, no user
    /// configuration.
    pub fn git_as_colleague(&self, args: &[&str]) -> std::process::Output {
        let mut full = vec![
            "-c",
            "user.name=Kollega",
            "-c",
            "user.email=kollega@example.org",
        ];
        full.extend_from_slice(args);
        self.git(&full)
    }

    /// A typical incident by flags; returns its id from stdout.
    pub fn new_incident(&self, extra: &[&str]) -> String {
        let defaults = [
            ("--title", "E-mail with health data to the wrong recipient"),
            ("--discovered", "2026-03-27 10:00"),
            ("--occurred", "2026-03-27 09:15"),
        ];
        let mut args = vec!["new"];
        for (flag, value) in defaults {
            if !extra.contains(&flag) {
                args.extend([flag, value]);
            }
        }
        args.extend_from_slice(extra);
        let output = self.cmd().args(&args).output().unwrap();
        assert!(
            output.status.success(),
            "new failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap().trim().to_string()
    }

    fn repo(&self) -> git2::Repository {
        git2::Repository::open(self.dir.path()).unwrap()
    }

    /// Every commit, newest first.
    pub fn commits(&self) -> Vec<CommitInfo> {
        let repo = self.repo();
        let mut walk = repo.revwalk().unwrap();
        walk.push_head().unwrap();
        walk.map(|oid| {
            let commit = repo.find_commit(oid.unwrap()).unwrap();
            let tree = commit.tree().unwrap();
            let parent_tree = commit.parent(0).ok().map(|p| p.tree().unwrap());
            let diff = repo
                .diff_tree_to_tree(parent_tree.as_ref(), Some(&tree), None)
                .unwrap();
            let files = diff
                .deltas()
                .map(|d| {
                    d.new_file()
                        .path()
                        .or(d.old_file().path())
                        .unwrap()
                        .to_string_lossy()
                        .into_owned()
                })
                .collect();
            let message = commit.message().unwrap().to_string();
            CommitInfo {
                id: commit.id().to_string(),
                subject: message.lines().next().unwrap().to_string(),
                message,
                author: commit.author().name().unwrap().to_string(),
                email: commit.author().email().unwrap().to_string(),
                time: commit.author().when().seconds(),
                offset_minutes: commit.author().when().offset_minutes(),
                files,
            }
        })
        .collect()
    }

    /// `text` with the short and full ids of every commit of the register masked, even
    /// an id of letters alone, which [`mask_commits`] cannot tell from a word.
    pub fn mask_known_commits(&self, text: &str) -> String {
        let mut masked = text.to_string();
        for commit in self.commits() {
            masked = masked
                .replace(&commit.id, "[commit]")
                .replace(&commit.id[..7], "[commit]");
        }
        mask_commits(&masked)
    }

    pub fn head(&self) -> String {
        self.repo().head().unwrap().target().unwrap().to_string()
    }

    /// Paths that differ between the working tree, the index and HEAD.
    pub fn dirty(&self) -> Vec<String> {
        let repo = self.repo();
        let mut options = git2::StatusOptions::new();
        options.include_untracked(true).recurse_untracked_dirs(true);
        let statuses = repo.statuses(Some(&mut options)).unwrap();
        statuses
            .iter()
            .map(|s| s.path().unwrap().to_string())
            .collect()
    }
}

/// Copies a folder and everything in it (the example register into a test's folder).
pub fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// What a run said on stderr.
pub fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Stdout and stderr of a run, for snapshots, with commit ids masked.
pub fn transcript(output: &std::process::Output) -> String {
    let text = format!(
        "exit: {}\n--- stdout\n{}--- stderr\n{}",
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    mask_commits(&text)
}

pub fn mask_commits(text: &str) -> String {
    // A commit id is a standalone run of 7 or 40 hexadecimal digits with at least one digit.
    let chars: Vec<char> = text.chars().collect();
    let mut masked = String::new();
    let mut index = 0;
    while index < chars.len() {
        let standalone_start = index == 0 || !chars[index - 1].is_alphanumeric();
        let run = chars[index..]
            .iter()
            .take_while(|c| c.is_ascii_digit() || ('a'..='f').contains(c))
            .count();
        let end = index + run;
        let standalone_end = end == chars.len() || !chars[end].is_alphanumeric();
        let has_digit = chars[index..end].iter().any(char::is_ascii_digit);
        let is_date_part = end < chars.len() && chars[end] == '-';
        if standalone_start
            && standalone_end
            && (run == 7 || run == 40)
            && has_digit
            && !is_date_part
        {
            masked.push_str("[commit]");
            index = end;
        } else {
            masked.push(chars[index]);
            index += 1;
        }
    }
    masked
}

/// `incident verify --json` in the register: its exit code and its JSON.
pub fn verify_json(register: &TestRegister) -> (i32, serde_json::Value) {
    let output = register.cmd().args(["verify", "--json"]).output().unwrap();
    let json = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", transcript(&output)));
    (output.status.code().unwrap(), json)
}

/// Runs the tool in `register` with `args` and fails the test, naming the arguments and
/// what the tool said, unless it succeeds.
pub fn run(register: &TestRegister, args: &[&str]) {
    let output = register.cmd().args(args).output().unwrap();
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}
