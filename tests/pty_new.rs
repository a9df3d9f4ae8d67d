//! Drives the real dialoguer prompts of `incident new` through a pseudo-terminal (expectrl),
//! from the first question to the commit in the register.
//!
//! Some answers come from flags so the dialogue stays short, but every kind of prompt is
//! answered by "typing" at least once:
//! - text input: what was observed (a long text) and the title;
//! - date input with a default: the discovery time (typed over the default) and the time
//!   the DPO was contacted (the default accepted with enter);
//! - text input with a default: the DPO's name (from incident.toml, accepted);
//! - confirm: step B, "has the DPO been contacted?" (y);
//! - select: what happened (IMY question 15), the second option picked with arrow-down;
//! - multi-select: kinds of personal data (IMY question 26), one option toggled with space.
//!
//! The test waits for prompt texts (English, INCIDENT_LANG=en), never for fixed sleeps.

#![cfg(unix)]

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use expectrl::process::unix::WaitStatus;
use expectrl::{Eof, Expect, Regex, Session};

const BIN: &str = env!("CARGO_BIN_EXE_incident");
const TIMEOUT: Duration = Duration::from_secs(10);

const TITLE: &str = "Provsvar skickat till fel mottagare i Västerås";
const OBSERVED: &str = "A letter with test results was sent to the wrong patient";
const DISCOVERED: &str = "2026-03-26 09:30";
const DPO: &str = "Dora Dataskydd";

const ARROW_DOWN: &str = "\x1b[B";
const ENTER: &str = "\r";
const SPACE: &str = " ";

/// The binary with a hermetic environment: fixed author, clock and language, no user or
/// system git configuration, no colours, and no register from the caller's environment.
fn incident(home: &Path) -> Command {
    let mut command = Command::new(BIN);
    command
        .env("INCIDENT_AUTHOR", "Test Author <test@example.org>")
        .env("INCIDENT_NOW", "2026-03-27T12:00:00+01:00")
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
        .env_remove("CLICOLOR_FORCE");
    command
}

/// The terminal output without ANSI escape sequences, for failure messages.
fn readable(bytes: &[u8]) -> String {
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
struct Pty {
    session: expectrl::session::OsSession,
    transcript: Vec<u8>,
}

impl Pty {
    fn spawn(command: Command) -> Pty {
        let mut session =
            Session::spawn(command).expect("spawn `incident new` in a pseudo-terminal");
        session.set_expect_timeout(Some(TIMEOUT));
        // Room for every option of question 26 on one page and long prompts on one line.
        session
            .get_process_mut()
            .set_window_size(200, 50)
            .expect("set the terminal size");
        Pty {
            session,
            transcript: Vec::new(),
        }
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
            readable(&self.transcript)
        );
    }

    /// Waits until `text` is drawn.
    fn expect(&mut self, text: &str) {
        match self.session.expect(text) {
            Ok(found) => self.transcript.extend_from_slice(found.as_bytes()),
            Err(error) => self.fail(&format!("{text:?}"), error),
        }
    }

    fn send(&mut self, keys: &str) {
        if let Err(error) = self.session.send(keys) {
            self.fail(&format!("sending {keys:?}"), error);
        }
    }

    /// Waits for the prompt, then answers it.
    fn answer(&mut self, prompt: &str, keys: &str) {
        self.expect(prompt);
        self.send(keys);
    }

    /// Waits for the end of the output and returns the exit code.
    fn finish(&mut self) -> i32 {
        match self.session.expect(Eof) {
            Ok(found) => self.transcript.extend_from_slice(found.as_bytes()),
            Err(error) => self.fail("the end of the output", error),
        }
        match self.session.get_process().wait() {
            Ok(WaitStatus::Exited(_, code)) => code,
            other => panic!(
                "`incident new` did not exit normally: {other:?}\n{}",
                readable(&self.transcript)
            ),
        }
    }
}

#[test]
fn new_answers_the_real_prompts_and_commits_the_report() {
    let home = tempfile::tempdir().expect("temporary home");
    let base = tempfile::tempdir().expect("temporary folder");
    let register = base.path().join("register");

    let init = incident(home.path())
        .arg("init")
        .arg(&register)
        .args([
            "--organisation",
            "Testkommunen",
            "--dpo-name",
            DPO,
            "--no-input",
        ])
        .output()
        .expect("run incident init");
    assert!(
        init.status.success(),
        "incident init failed ({}):\n{}{}",
        init.status,
        String::from_utf8_lossy(&init.stdout),
        String::from_utf8_lossy(&init.stderr)
    );

    let mut new = incident(home.path());
    new.current_dir(&register).args([
        "new",
        "--occurred",
        "2026-03-25 08:00",
        "--discovered-by",
        "Anna Andersson",
        "--manager-informed",
        "2026-03-26 10:00",
        "--manager",
        "Maria Chef",
        "--description",
        "Test results for one patient were posted to another patient.",
        "--breach-type",
        "confidentiality",
        "--cause",
        "human_error_individual",
        "--how-discovered",
        "employee_informed",
        "--sector",
        "public",
        "--area",
        "health_care",
        "--ongoing",
        "no",
        "--ended",
        "2026-03-26 09:00",
        "--groups",
        "patients",
        "--data-subjects",
        "1",
        "--records",
        "3",
        "--encrypted",
        "no",
        "--consequences",
        "loss_of_control",
        "--no-processors",
        "--role",
        "controller",
    ]);
    let mut pty = Pty::spawn(new);

    // Text inputs.
    pty.answer(
        "What was observed? How does the incident show itself?",
        &format!("{OBSERVED}{ENTER}"),
    );
    pty.answer("Short title for lists", &format!("{TITLE}{ENTER}"));

    // A date input with today as its default, typed over; then its comment, left empty.
    pty.expect("When did you discover the incident? (IMY question 11)");
    pty.answer("(2026-03-27)", &format!("{DISCOVERED}{ENTER}"));
    pty.answer("Comment, if any", ENTER);

    // Step A is given by flags; step B is a Confirm, then a name and a date whose defaults
    // (the DPO from incident.toml, today) are accepted with enter.
    pty.answer(
        "Step B: has the data protection officer been contacted?",
        "y",
    );
    pty.expect("The DPO's name");
    pty.answer(&format!("({DPO})"), ENTER);
    pty.expect("When was the DPO contacted?");
    pty.answer("(2026-03-27)", ENTER);
    pty.answer("Comment, if any", ENTER);

    // Select: the cursor starts on the last item, "Not known yet"; arrow-down wraps to the
    // first option, a second arrow-down reaches the second one, disclosure_other.
    pty.expect("What happened in the incident? (IMY question 15)");
    pty.answer("Not known yet", &format!("{ARROW_DOWN}{ARROW_DOWN}{ENTER}"));
    pty.expect("· Unauthorised disclosure: other");

    // MultiSelect: once the last option is drawn, move to "Health" (the seventh option),
    // toggle it with space, and go on with enter.
    pty.expect("What kinds of personal data has the incident affected? (IMY question 26)");
    pty.expect("Other:");
    pty.send(&ARROW_DOWN.repeat(6));
    pty.send(SPACE);
    pty.send(ENTER);
    pty.expect("· Health");

    // The result: the new id on stdout, the journal entry on stderr.
    pty.expect("Recorded: 2026-0001: reported:");
    pty.expect("\n2026-0001");
    // The flow offers to go on with the next step; decline.
    pty.expect("Go on with step");
    pty.send("n");
    let code = pty.finish();
    assert_eq!(
        code,
        0,
        "exit code of `incident new`\n{}",
        readable(&pty.transcript)
    );

    if std::env::var_os("PTY_NEW_DEBUG").is_some() {
        eprintln!("--- terminal ---\n{}\n---", readable(&pty.transcript));
    }

    // The report on disk.
    assert!(
        !register.join(".drafts").exists(),
        "no draft is saved after a successful intake"
    );
    let report_path = register.join("incidents/2026/2026-0001/report.yaml");
    let report = std::fs::read_to_string(&report_path)
        .unwrap_or_else(|e| panic!("read {}: {e}", report_path.display()));
    for expected in [
        TITLE,
        OBSERVED,
        "key: disclosure_other",
        "health",
        "2026-03-26",
        "09:30",
        DPO,
        "2026-03-27",
    ] {
        assert!(
            report.contains(expected),
            "report.yaml lacks {expected:?}:\n{report}"
        );
    }
    if std::env::var_os("PTY_NEW_DEBUG").is_some() {
        eprintln!("--- report.yaml ---\n{report}---");
    }
    let parsed: serde_json::Value = serde_saphyr::from_str(&report).expect("report.yaml is YAML");
    assert_eq!(parsed["id"], "2026-0001", "{report}");
    assert_eq!(parsed["title"], TITLE, "{report}");
    assert_eq!(parsed["observed"], OBSERVED, "{report}");
    assert_eq!(
        parsed["what_happened"],
        serde_json::json!({ "key": "disclosure_other" }),
        "{report}"
    );
    assert_eq!(
        parsed["data_categories"],
        serde_json::json!({ "keys": ["health"] }),
        "only `health` was toggled:\n{report}"
    );
    assert_eq!(
        parsed["discovered"]["date"], "2026-03-26",
        "the typed date, not the default:\n{report}"
    );
    assert_eq!(parsed["discovered"]["time"], "09:30", "{report}");
    assert_eq!(
        parsed["dpo_contacted"]["name"], DPO,
        "the default name accepted:\n{report}"
    );
    assert_eq!(
        parsed["dpo_contacted"]["date"], "2026-03-27",
        "the default date accepted:\n{report}"
    );

    // The journal entry.
    let repo = git2::Repository::open(&register).expect("open the register's repository");
    let head = repo
        .head()
        .expect("HEAD")
        .peel_to_commit()
        .expect("HEAD is a commit");
    let message = head.message().expect("UTF-8 commit message");
    assert!(
        message.starts_with(&format!("2026-0001: reported: {TITLE}")),
        "commit message:\n{message}"
    );
    assert!(
        message.lines().any(|line| line == "Incident: 2026-0001"),
        "trailer Incident in:\n{message}"
    );
    assert!(
        message.lines().any(|line| line == "Step: B"),
        "the DPO was contacted, so trailer Step: B in:\n{message}"
    );
    assert_eq!(head.author().name().ok(), Some("Test Author"));
    assert_eq!(head.author().email().ok(), Some("test@example.org"));
    assert_eq!(
        head.parent_count(),
        1,
        "one commit on top of the register's first"
    );
    let entry = head
        .tree()
        .expect("tree")
        .get_path(Path::new("incidents/2026/2026-0001/report.yaml"))
        .expect("the commit holds report.yaml");
    let blob = repo.find_blob(entry.id()).expect("report.yaml blob");
    assert_eq!(
        blob.content(),
        report.as_bytes(),
        "the committed report.yaml is the one on disk"
    );

    // Nothing left uncommitted.
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
