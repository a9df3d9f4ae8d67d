//! Drives `incident next <id>` through a pseudo-terminal (expectrl), over five steps in one
//! run: the guided path asks before each open step whether to go on, runs the step's own
//! dialogue, commits, and loops to the next open step.
//!
//! The incident is reported without prompts first (`incident new --no-input`): health data
//! of one patient in a letter sent to the wrong recipient, with a description (so that step
//! D is settled once an action is logged). Then, in one `incident next 2026-0001`:
//! - step A: yes; the manager's name typed; the time typed over the default (now);
//! - step B: yes; the DPO's name from incident.toml accepted; the time typed;
//! - step C: yes; every suggested default of the assessment accepted, the recommendation
//!   followed, a reasoning typed, the assessor's default accepted;
//! - step D: yes; the action typed;
//! - step E: yes; the planned measure typed, its purpose picked with arrow-down;
//! - step F: no, so the command ends with exit code 0.
//!
//! Each step must leave one commit with the trailers `Incident: 2026-0001` and `Step: X`.
//! The test waits for prompt texts (English, INCIDENT_LANG=en), never for fixed sleeps.

#![cfg(unix)]

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use expectrl::process::unix::WaitStatus;
use expectrl::{Eof, Expect, Regex, Session};

const BIN: &str = env!("CARGO_BIN_EXE_incident");
const TIMEOUT: Duration = Duration::from_secs(10);

const TITLE: &str = "Provsvar skickat till fel mottagare";
const DESCRIPTION: &str = "A letter with one patient's test results was posted to another patient.";
const DPO: &str = "Dora Dataskydd";
/// INCIDENT_NOW, 2026-03-27T12:00:00+01:00, in the register's time zone (Europe/Stockholm,
/// still on standard time): the default of every "When?" prompt.
const NOW_LOCAL: &str = "2026-03-27 12:00";
const MANAGER: &str = "Maria Chef";
const MANAGER_AT: &str = "2026-03-27 10:30";
const DPO_AT: &str = "2026-03-27 11:15";
const REASONING: &str = "Health data of one patient reached one known wrong recipient";
const ACTION: &str = "Called the recipient, who destroyed the letter";
const ACTION_AT: &str = "2026-03-27 11:40";
const MEASURE: &str = "Check the address against the patient register before posting";

const ARROW_DOWN: &str = "\x1b[B";
const ENTER: &str = "\r";

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
        .env_remove("CLICOLOR_FORCE")
        .env_remove("EDITOR")
        .env_remove("VISUAL");
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
            Session::spawn(command).expect("spawn `incident next` in a pseudo-terminal");
        session.set_expect_timeout(Some(TIMEOUT));
        // Room for every option on one page and the long prompts and hints on one line.
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

    /// Waits until `item` is drawn as the highlighted item of a select, then accepts it
    /// with enter: the default the product offers is the one expected.
    fn select_default(&mut self, item: &str) {
        self.expect(&format!("❯ {item}"));
        self.send(ENTER);
    }

    /// Waits for the hint and the question of `incident next` for one step, and answers it.
    fn go_on(&mut self, letter: char, title: &str, command: &str, keys: &str) {
        self.expect(&format!("Next step {letter}: {title} — `{command}`"));
        self.answer(&format!("Go on with step {letter}: {title}?"), keys);
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
                "`incident next` did not exit normally: {other:?}\n{}",
                readable(&self.transcript)
            ),
        }
    }
}

/// Runs a command without a terminal and fails the test with its output if it fails.
fn run_quietly(mut command: Command, what: &str) {
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

fn read_yaml(path: &Path) -> (String, serde_json::Value) {
    let text =
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    let parsed: serde_json::Value = serde_saphyr::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not YAML: {e}\n{text}", path.display()));
    (text, parsed)
}

#[test]
fn next_walks_steps_a_to_e_and_commits_each() {
    let home = tempfile::tempdir().expect("temporary home");
    let base = tempfile::tempdir().expect("temporary folder");
    let register = base.path().join("register");

    let mut init = incident(home.path());
    init.arg("init").arg(&register).args([
        "--organisation",
        "Testkommunen",
        "--dpo-name",
        DPO,
        "--no-input",
    ]);
    run_quietly(init, "incident init");

    let mut new = incident(home.path());
    new.current_dir(&register).args([
        "new",
        "--no-input",
        "--title",
        TITLE,
        "--discovered",
        "2026-03-27 10:00",
        "--categories",
        "health",
        "--what-happened",
        "misdirected_communication",
        "--breach-type",
        "confidentiality",
        "--data-subjects",
        "1",
        "--description",
        DESCRIPTION,
    ]);
    run_quietly(new, "incident new --no-input");

    let mut next = incident(home.path());
    next.current_dir(&register).args(["next", "2026-0001"]);
    let mut pty = Pty::spawn(next);

    // Step A: the manager's name (no default) and the time, typed over the default, now.
    pty.go_on(
        'A',
        "Detect and tell the responsible manager",
        "incident contacted manager 2026-0001",
        "y",
    );
    pty.expect("· yes");
    pty.answer(
        "The responsible manager's name",
        &format!("{MANAGER}{ENTER}"),
    );
    pty.expect(&format!("· {MANAGER}"));
    pty.expect("When? [YYYY-MM-DD HH:MM]");
    pty.answer(&format!("({NOW_LOCAL})"), &format!("{MANAGER_AT}{ENTER}"));
    pty.expect(&format!("· {MANAGER_AT}"));
    pty.expect(&format!("Recorded: 2026-0001: manager told ({MANAGER})"));

    // Step B: the DPO's name from incident.toml accepted; the time typed.
    pty.go_on(
        'B',
        "Contact the data protection officer",
        "incident contacted dpo 2026-0001",
        "y",
    );
    pty.expect("· yes");
    pty.expect("The data protection officer's name");
    pty.answer(&format!("({DPO})"), ENTER);
    pty.expect(&format!("· {DPO}"));
    pty.expect("When? [YYYY-MM-DD HH:MM]");
    pty.answer(&format!("({NOW_LOCAL})"), &format!("{DPO_AT}{ENTER}"));
    pty.expect(&format!("· {DPO_AT}"));
    pty.expect(&format!("Recorded: 2026-0001: DPO contacted ({DPO})"));

    // Step C: every suggested answer accepted, the recommendation followed.
    pty.go_on(
        'C',
        "Risk assessment with reasoning",
        "incident assess 2026-0001",
        "y",
    );
    pty.expect("· yes");
    pty.expect(&format!("Risk assessment (step C) of 2026-0001 — {TITLE}"));
    pty.expect("Which is the most sensitive category of data? (DPC)");
    pty.select_default("Sensitive: health, political affiliation");
    pty.expect("Score in context (ENISA Table 1)");
    pty.select_default("4 (base score)");
    pty.expect("How easily can the individuals be identified? (EI)");
    pty.select_default("1: Maximum");
    pty.expect("Loss of confidentiality");
    pty.select_default("Known recipients");
    pty.expect("Loss of integrity");
    pty.select_default("None: altered");
    pty.expect("Loss of availability");
    pty.select_default("None: recoverable");
    pty.answer(
        "Was it malicious (e.g. theft, hacking, selling the data)?",
        ENTER,
    );
    pty.expect("· no");
    pty.answer(
        "Are the data unintelligible to the unauthorised (e.g. strong encryption, key safe)?",
        ENTER,
    );
    pty.expect("· no");
    pty.expect("SE = 4 × 1 + 0.25 = 4.25 → ");
    pty.expect("very high");
    pty.expect("Does a GDPR Art. 34(3) exception apply?");
    pty.select_default("No exception: the data subjects are to be informed");
    pty.expect("Recommendation: Notify IMY within 72 hours");
    pty.answer("Do you follow the recommendation?", ENTER);
    pty.expect("· yes");
    pty.answer(
        "Reasoning for the decision (mandatory) (:e opens $EDITOR)",
        &format!("{REASONING}{ENTER}"),
    );
    pty.expect(&format!("· {REASONING}"));
    pty.expect("Who made the assessment?");
    pty.answer("(Test Author)", ENTER);
    pty.expect("· Test Author");
    pty.expect(
        "Recorded: 2026-0001: risk assessed: very high (SE 4.25), notify IMY, inform data subjects",
    );

    // Step D: what was done, and when.
    pty.go_on(
        'D',
        "Document the course of events",
        "incident log 2026-0001 --action TEXT",
        "y",
    );
    pty.expect("· yes");
    pty.answer(
        "What was done? (step D, IMY question 30) (:e opens $EDITOR)",
        &format!("{ACTION}{ENTER}"),
    );
    pty.expect(&format!("· {ACTION}"));
    // When it was done, not when it is logged: type the real time over the default.
    pty.expect(&format!(
        "When was it done? [YYYY-MM-DD HH:MM] ({NOW_LOCAL})"
    ));
    pty.send(&format!("{ACTION_AT}{ENTER}"));
    pty.expect(&format!("· {ACTION_AT}"));
    pty.expect(&format!("Recorded: 2026-0001: action logged: {ACTION}"));

    // Step E: the planned measure, and its purpose: the second option, prevent.
    pty.go_on(
        'E',
        "List measures",
        "incident log 2026-0001 --planned --action TEXT --purpose mitigate|prevent",
        "y",
    );
    pty.expect("· yes");
    pty.answer(
        "Planned measure (step E) (:e opens $EDITOR)",
        &format!("{MEASURE}{ENTER}"),
    );
    pty.expect(&format!("· {MEASURE}"));
    pty.expect("Purpose");
    pty.expect("❯ Mitigate the consequences for the data subjects");
    pty.send(ARROW_DOWN);
    pty.select_default("Prevent recurrence");
    pty.expect("· Prevent recurrence");
    pty.expect(&format!("Recorded: 2026-0001: measure planned: {MEASURE}"));

    // Step F: declined; the command ends.
    pty.go_on(
        'F',
        "Notify IMY and inform the data subjects",
        "incident export imy 2026-0001`, then `incident notified imy 2026-0001",
        "n",
    );
    pty.expect("· no");
    let code = pty.finish();
    if std::env::var_os("PTY_NEXT_DEBUG").is_some() {
        eprintln!("--- terminal ---\n{}\n---", readable(&pty.transcript));
    }
    assert_eq!(
        code,
        0,
        "exit code of `incident next`\n{}",
        readable(&pty.transcript)
    );
    let terminal = readable(&pty.transcript);
    assert!(
        !terminal.contains("Go on with step G"),
        "declining step F ends the walk:\n{terminal}"
    );

    // The files on disk.
    let folder = register.join("incidents/2026/2026-0001");
    let (report_text, report) = read_yaml(&folder.join("report.yaml"));
    if std::env::var_os("PTY_NEXT_DEBUG").is_some() {
        eprintln!("--- report.yaml ---\n{report_text}---");
    }
    assert_eq!(
        report["manager_informed"],
        serde_json::json!({ "name": MANAGER, "date": "2026-03-27", "time": "10:30" }),
        "the typed name and time:\n{report_text}"
    );
    assert_eq!(
        report["dpo_contacted"],
        serde_json::json!({ "name": DPO, "date": "2026-03-27", "time": "11:15" }),
        "the default name, the typed time:\n{report_text}"
    );

    let (assessment_text, assessment) = read_yaml(&folder.join("assessment.yaml"));
    assert_eq!(assessment["band"], "very_high", "{assessment_text}");
    assert_eq!(assessment["reasoning"], REASONING, "{assessment_text}");
    assert_eq!(
        assessment["assessed_by"], "Test Author",
        "{assessment_text}"
    );
    assert_eq!(
        assessment["decision"]["notify_imy"], true,
        "{assessment_text}"
    );
    assert_eq!(
        assessment["decision"]["inform_data_subjects"], true,
        "the recommendation followed:\n{assessment_text}"
    );

    let (actions_text, actions) = read_yaml(&folder.join("actions.yaml"));
    if std::env::var_os("PTY_NEXT_DEBUG").is_some() {
        eprintln!("--- actions.yaml ---\n{actions_text}---");
    }
    let taken = actions["taken"]
        .as_array()
        .expect("a list of actions taken");
    assert_eq!(taken.len(), 1, "one action taken:\n{actions_text}");
    assert_eq!(taken[0]["action"], ACTION, "{actions_text}");
    assert_eq!(taken[0]["date"], "2026-03-27", "{actions_text}");
    assert_eq!(taken[0]["time"], "11:40", "the time typed:\n{actions_text}");
    let planned = actions["planned"]
        .as_array()
        .expect("a list of planned measures");
    assert_eq!(planned.len(), 1, "one planned measure:\n{actions_text}");
    assert_eq!(planned[0]["measure"], MEASURE, "{actions_text}");
    assert_eq!(
        planned[0]["purpose"], "prevent",
        "the second option picked:\n{actions_text}"
    );
    assert_eq!(planned[0]["status"], "open", "{actions_text}");

    // The journal: one commit per step, newest first, on top of the report.
    let repo = git2::Repository::open(&register).expect("open the register's repository");
    let mut commit = repo
        .head()
        .expect("HEAD")
        .peel_to_commit()
        .expect("HEAD is a commit");
    let expected = [
        ("E", format!("2026-0001: measure planned: {MEASURE}")),
        ("D", format!("2026-0001: action logged: {ACTION}")),
        (
            "C",
            "2026-0001: risk assessed: very high (SE 4.25), notify IMY, inform data subjects"
                .to_string(),
        ),
        ("B", format!("2026-0001: DPO contacted ({DPO})")),
        ("A", format!("2026-0001: manager told ({MANAGER})")),
    ];
    for (step, subject) in &expected {
        let message = commit.message().expect("UTF-8 commit message").to_string();
        assert_eq!(
            message.lines().next(),
            Some(subject.as_str()),
            "the commit of step {step}:\n{message}"
        );
        assert!(
            message.lines().any(|line| line == "Incident: 2026-0001"),
            "trailer Incident in the commit of step {step}:\n{message}"
        );
        let steps: Vec<&str> = message
            .lines()
            .filter_map(|line| line.strip_prefix("Step: "))
            .collect();
        assert_eq!(
            steps,
            vec![*step],
            "the Step trailer of the commit of step {step}:\n{message}"
        );
        assert_eq!(commit.author().name().ok(), Some("Test Author"));
        assert_eq!(commit.author().email().ok(), Some("test@example.org"));
        assert_eq!(commit.parent_count(), 1, "{message}");
        commit = commit.parent(0).expect("the parent commit");
    }
    let message = commit.message().expect("UTF-8 commit message");
    assert!(
        message.starts_with(&format!("2026-0001: reported: {TITLE}")),
        "below step A, the report of `incident new`:\n{message}"
    );

    // The committed files are the ones on disk.
    let tree = repo
        .head()
        .expect("HEAD")
        .peel_to_tree()
        .expect("HEAD's tree");
    for (name, text) in [
        ("report.yaml", &report_text),
        ("assessment.yaml", &assessment_text),
        ("actions.yaml", &actions_text),
    ] {
        let entry = tree
            .get_path(Path::new(&format!("incidents/2026/2026-0001/{name}")))
            .unwrap_or_else(|e| panic!("HEAD holds {name}: {e}"));
        let blob = repo.find_blob(entry.id()).expect("blob");
        assert_eq!(
            blob.content(),
            text.as_bytes(),
            "the committed {name} is the one on disk"
        );
    }

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
