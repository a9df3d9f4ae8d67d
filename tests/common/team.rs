//! A team sharing one register: a Git server (a bare repository reached by path, `git
//! daemon` or smart HTTP on localhost) and the clones of the people who share it, each
//! with their own author, running the built binary hermetically.

use std::path::{Path, PathBuf};
use std::process::Output;

use tempfile::TempDir;

use super::servers::{BareRepo, Daemon, HttpServer, Remote};

pub const NOW: &str = "2026-12-01T10:00:00+01:00";

/// How the clones reach the server.
#[derive(Clone, Copy)]
pub enum Transport {
    /// The bare repository's path (a file share).
    Path,
    /// `git daemon` on localhost (git://).
    Daemon,
    /// Smart HTTP: `git http-backend` behind a small CGI server on localhost.
    Http,
}

/// A server (a bare repository, served by `transport`) and the clones of the people who
/// share it.
pub struct Team {
    pub dir: TempDir,
    home: TempDir,
    pub bare: BareRepo,
    pub url: String,
    _daemon: Option<Daemon>,
    _http: Option<HttpServer>,
}

/// One person's clone.
pub struct Member<'t> {
    pub team: &'t Team,
    pub folder: PathBuf,
    pub author: String,
}

impl Team {
    /// A register made by `incident init` (with `extra` flags), pushed to a new server
    /// reached by path.
    pub fn new(extra: &[&str]) -> Team {
        Team::over(Transport::Path, extra)
    }

    pub fn over(transport: Transport, extra: &[&str]) -> Team {
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
        assert!(init.status.success(), "{}", super::stderr(&init));
        assert!(
            founder
                .git(&["remote", "add", "origin", &team.url])
                .status
                .success()
        );
        let sync = founder.run(&["sync"]);
        assert!(sync.status.success(), "{}", super::transcript(&sync));
        team
    }

    pub fn server_url(&self) -> String {
        self.url.clone()
    }

    pub fn member_at(&self, name: &str, author: &str) -> Member<'_> {
        let folder = self.dir.path().join(name);
        std::fs::create_dir_all(&folder).unwrap();
        Member {
            team: self,
            folder,
            author: author.to_string(),
        }
    }

    /// A person's clone made with `incident clone`.
    pub fn join(&self, name: &str, author: &str) -> Member<'_> {
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
        assert!(output.status.success(), "{}", super::stderr(&output));
        member
    }

    pub fn git(&self, folder: &Path, args: &[&str]) -> Output {
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
    pub fn server_log(&self) -> Vec<(String, String)> {
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

    pub fn server_head(&self) -> String {
        self.bare.rev("main").unwrap_or_default()
    }

    /// Installs `incident hook pre-receive` as the server's hook.
    pub fn guard_with_hook(&self) {
        self.bare.guard_with_hook();
    }
}

impl Member<'_> {
    pub fn command(&self, folder: &Path) -> std::process::Command {
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

    pub fn run(&self, args: &[&str]) -> Output {
        self.command(&self.folder).args(args).output().unwrap()
    }

    /// Runs and asserts success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let output = self.run(args);
        assert!(
            output.status.success(),
            "{args:?}: {}",
            super::transcript(&output)
        );
        String::from_utf8(output.stdout).unwrap()
    }

    pub fn git(&self, args: &[&str]) -> Output {
        let mut full = vec![
            "-c",
            "user.name=Git User",
            "-c",
            "user.email=git@example.org",
        ];
        full.extend_from_slice(args);
        self.team.git(&self.folder, &full)
    }

    pub fn report(&self, title: &str) -> String {
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

    pub fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.folder.join(relative)).unwrap()
    }

    pub fn head(&self) -> String {
        let out = self.git(&["rev-parse", "HEAD"]);
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    }

    pub fn titles(&self) -> Vec<(String, String)> {
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
    pub fn assert_sound(&self) {
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
            super::transcript(&validate)
        );
        // The journal holds only the tool's entries (and Git's merges of them), valid,
        // never rewritten: whatever the sync and `git pull` did on the way.
        let verify = self.run(&["verify"]);
        assert!(verify.status.success(), "{}", super::transcript(&verify));
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
