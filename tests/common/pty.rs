//! The harness of the pseudo-terminal tests: a hermetic register made by `incident init`,
//! the binary spawned in a PTY (expectrl), waits for prompt texts that print the terminal
//! so far when they time out, and readers for the YAML files and the commits they leave.
//!
//! The tests wait for prompt texts (English, INCIDENT_LANG=en), never for fixed sleeps.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use expectrl::process::unix::WaitStatus;
use expectrl::{Eof, Expect, Regex, Session};
use tempfile::TempDir;

use super::{AUTHOR, NOW};

const BIN: &str = env!("CARGO_BIN_EXE_incident");
const TIMEOUT: Duration = Duration::from_secs(10);

pub const ARROW_DOWN: &str = "\x1b[B";
pub const ENTER: &str = "\r";
pub const SPACE: &str = " ";

/// The binary with a hermetic environment: fixed author, clock and language, no user or
/// system git configuration, no colours, no editor, no pager (a test that pages sets
/// INCIDENT_PAGER), and no register from the caller's environment.
pub fn incident(home: &Path) -> Command {
    let mut command = Command::new(BIN);
    command
        .env("INCIDENT_AUTHOR", AUTHOR)
        .env("INCIDENT_NOW", NOW)
        .env("INCIDENT_LANG", "en")
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .env_remove("INCIDENT_REGISTER")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("EDITOR")
        .env_remove("VISUAL")
        // Empty: no pager, whatever PAGER the caller has.
        .env("INCIDENT_PAGER", "")
        .env_remove("PAGER");
    command
}

/// Runs a command without a terminal and fails the test with its output if it fails.
pub fn run_quietly(mut command: Command, what: &str) {
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("run {what}: {e}"));
    assert!(
        output.status.success(),
        "{what} failed ({}):\n{}{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A register made by `incident init --no-input` in a temporary folder, with a HOME of its
/// own.
pub struct PtyRegister {
    home: TempDir,
    _base: TempDir,
    root: PathBuf,
}

impl PtyRegister {
    /// A new register of "Testkommunen" whose incident.toml names `dpo` as the DPO.
    pub fn init(dpo: &str) -> PtyRegister {
        PtyRegister::init_in("en", dpo)
    }

    /// A new register as [`PtyRegister::init`] makes it, created in `lang` (`sv` or `en`):
    /// the language of its journal.
    pub fn init_in(lang: &str, dpo: &str) -> PtyRegister {
        let home = tempfile::tempdir().expect("temporary home");
        let base = tempfile::tempdir().expect("temporary folder");
        let root = base.path().join("register");
        let mut init = incident(home.path());
        init.env("INCIDENT_LANG", lang);
        init.arg("init").arg(&root).args([
            "--organisation",
            "Testkommunen",
            "--dpo-name",
            dpo,
            "--no-input",
        ]);
        run_quietly(init, "incident init");
        PtyRegister {
            home,
            _base: base,
            root,
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }

    /// The binary with `args`, run in the register.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = incident(self.home.path());
        command.current_dir(&self.root).args(args);
        command
    }

    /// Runs the binary with `args` in the register, without a terminal; see [`run_quietly`].
    pub fn run_quietly(&self, args: &[&str], what: &str) {
        run_quietly(self.command(args), what);
    }

    /// Reports an incident without prompts: `incident new --no-input` with `flags`.
    pub fn report_quietly(&self, flags: &[&str]) {
        let args = [&["new", "--no-input"][..], flags].concat();
        self.run_quietly(&args, "incident new --no-input");
    }

    /// Runs the binary with `args` in the register, in a pseudo-terminal, in Swedish (the
    /// product's default language).
    pub fn spawn_swedish(&self, args: &[&str]) -> Pty {
        let name = format!("`incident {}`", args.first().copied().unwrap_or_default());
        let mut command = self.command(args);
        command.env("INCIDENT_LANG", "sv");
        Pty::spawn(command, name)
    }

    /// Runs the binary with `args` in the register, in a pseudo-terminal.
    pub fn spawn(&self, args: &[&str]) -> Pty {
        let name = format!("`incident {}`", args.first().copied().unwrap_or_default());
        Pty::spawn(self.command(args), name)
    }

    /// The register's repository.
    pub fn repo(&self) -> git2::Repository {
        git2::Repository::open(&self.root).expect("open the register's repository")
    }

    /// How many commits the journal holds.
    pub fn commit_count(&self) -> usize {
        let repo = self.repo();
        let mut walk = repo.revwalk().expect("a revision walk");
        walk.push_head().expect("the journal's HEAD");
        walk.count()
    }
}

/// The terminal output without ANSI escape sequences, for failure messages.
pub fn readable(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            if chars.peek() == Some(&'[') {
                chars.next();
                // Parameters and intermediates, then one final byte in @..~.
                for c in chars.by_ref() {
                    if ('@'..='~').contains(&c) {
                        break;
                    }
                }
            }
            continue;
        }
        out.push(c);
    }
    out
}

/// A PTY session with a transcript of everything matched so far, for failure messages.
pub struct Pty {
    name: String,
    session: expectrl::session::OsSession,
    transcript: Vec<u8>,
    /// Keys sent so far: a character or an escape sequence (an arrow key) is one key.
    keystrokes: usize,
}

impl Pty {
    /// Spawns `command` in a pseudo-terminal; `name` is the command in messages.
    pub fn spawn(command: Command, name: String) -> Pty {
        let mut session = Session::spawn(command)
            .unwrap_or_else(|e| panic!("spawn {name} in a pseudo-terminal: {e}"));
        session.set_expect_timeout(Some(TIMEOUT));
        // Room for every option of a select on one page and long prompts, hints and
        // descriptions on one line.
        session
            .get_process_mut()
            .set_window_size(200, 50)
            .expect("set the terminal size");
        Pty {
            name,
            session,
            transcript: Vec::new(),
            keystrokes: 0,
        }
    }

    /// Everything matched so far, without ANSI escape sequences.
    pub fn terminal(&self) -> String {
        readable(&self.transcript)
    }

    fn fail(&mut self, what: &str, error: expectrl::Error) -> ! {
        // Whatever arrived after the last match, without waiting for more.
        self.session
            .set_expect_timeout(Some(Duration::from_millis(200)));
        if let Ok(rest) = self.session.check(Regex("(?s).+")) {
            self.transcript.extend_from_slice(rest.as_bytes());
        }
        panic!(
            "waiting for {what}: {error}\n--- terminal so far ---\n{}\n---",
            self.terminal()
        );
    }

    /// How many keys were pressed so far (for the keystroke count of a walkthrough).
    pub fn keystrokes(&self) -> usize {
        self.keystrokes
    }

    /// Waits until `text` is drawn.
    pub fn expect(&mut self, text: &str) {
        match self.session.expect(text) {
            Ok(found) => self.transcript.extend_from_slice(found.as_bytes()),
            Err(error) => self.fail(&format!("{text:?}"), error),
        }
    }

    pub fn send(&mut self, keys: &str) {
        self.keystrokes += keys.chars().count() - 2 * keys.matches("\x1b[").count();
        if let Err(error) = self.session.send(keys) {
            self.fail(&format!("sending {keys:?}"), error);
        }
    }

    /// Waits for the prompt, then answers it.
    pub fn answer(&mut self, prompt: &str, keys: &str) {
        self.expect(prompt);
        self.send(keys);
    }

    /// Waits until `item` is drawn as the highlighted item of a select, then accepts it
    /// with enter: the default the product offers is the one expected.
    pub fn select_default(&mut self, item: &str) {
        self.expect(&format!("❯ {item}"));
        self.send(ENTER);
    }

    /// Waits for the hint and the question of `incident next` for one step, and answers it.
    pub fn go_on(&mut self, letter: char, title: &str, command: &str, keys: &str) {
        self.expect(&format!("Next step {letter}: {title} — `{command}`"));
        self.answer(&format!("Go on with step {letter}: {title}?"), keys);
    }

    /// Kills the process at once (SIGKILL), as a laptop that dies or a closed terminal
    /// would, and waits until it is gone.
    pub fn kill(&mut self) {
        let process = self.session.get_process_mut();
        process
            .kill(expectrl::process::unix::Signal::SIGKILL)
            .unwrap_or_else(|e| panic!("kill {}: {e}", self.name));
        match process.wait() {
            Ok(WaitStatus::Signaled(_, expectrl::process::unix::Signal::SIGKILL, _)) => {}
            other => panic!("{} was not killed: {other:?}", self.name),
        }
    }

    /// Waits for the end of the output and returns the exit code.
    pub fn finish(&mut self) -> i32 {
        match self.session.expect(Eof) {
            Ok(found) => self.transcript.extend_from_slice(found.as_bytes()),
            Err(error) => self.fail("the end of the output", error),
        }
        match self.session.get_process().wait() {
            Ok(WaitStatus::Exited(_, code)) => code,
            other => panic!(
                "{} did not exit normally: {other:?}\n{}",
                self.name,
                self.terminal()
            ),
        }
    }
}

/// A YAML file as text and as a value.
pub fn read_yaml(path: &Path) -> (String, serde_json::Value) {
    let text =
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    let parsed: serde_json::Value = serde_saphyr::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not YAML: {e}\n{text}", path.display()));
    (text, parsed)
}

/// The commit HEAD points to.
pub fn head_commit(repo: &git2::Repository) -> git2::Commit<'_> {
    repo.head()
        .expect("HEAD")
        .peel_to_commit()
        .expect("HEAD is a commit")
}

/// Asserts that the file at `relative` in HEAD holds `text`, the file on disk.
pub fn assert_committed(repo: &git2::Repository, relative: &str, text: &str) {
    let name = relative.rsplit('/').next().unwrap_or(relative);
    let entry = head_commit(repo)
        .tree()
        .expect("HEAD's tree")
        .get_path(Path::new(relative))
        .unwrap_or_else(|e| panic!("HEAD holds {relative}: {e}"));
    let blob = repo
        .find_blob(entry.id())
        .unwrap_or_else(|e| panic!("{name} blob: {e}"));
    assert_eq!(
        blob.content(),
        text.as_bytes(),
        "the committed {name} is the one on disk"
    );
}

/// Asserts that nothing is left uncommitted.
pub fn assert_clean(repo: &git2::Repository) {
    let mut options = git2::StatusOptions::new();
    options
        .include_untracked(true)
        .recurse_untracked_dirs(true)
        .include_ignored(false);
    let statuses = repo.statuses(Some(&mut options)).expect("git status");
    let dirty: Vec<String> = statuses
        .iter()
        .map(|s| format!("{:?} {}", s.status(), s.path().unwrap_or("?")))
        .collect();
    assert!(
        dirty.is_empty(),
        "the working tree is clean, but: {dirty:?}"
    );
}
