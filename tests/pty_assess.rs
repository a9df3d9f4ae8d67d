//! Drives the real dialoguer prompts of `incident assess <id>` through a pseudo-terminal
//! (expectrl), from the first question of step C to the commit in the register.
//!
//! The incident is reported without prompts first (`incident new --no-input`): health data
//! of three children, a letter sent to the wrong recipient. Every answer of the assessment
//! is then typed:
//! - selects whose suggested defaults are accepted with enter: the ENISA data category
//!   (Sensitive, from the health data), the DPC score (4, the base score, so no
//!   justification is asked), the ease of identification (Maximum), the losses of
//!   confidentiality (known recipients, from the misdirected letter), integrity and
//!   availability (none), and the Art. 34(3) exception (none, as the band is very high);
//! - confirms: not malicious, not unintelligible, the recommendation not followed, notify
//!   IMY yes, inform the data subjects no;
//! - text inputs: why the decision departs from the recommendation, the reasoning, and who
//!   made the assessment.
//!
//! Between the questions the running computation SE = DPC × EI + CB is checked. Before
//! each select is answered, the highlighted item is checked, so a wrong default fails here
//! rather than in the stored file. The test waits for prompt texts (English,
//! INCIDENT_LANG=en), never for fixed sleeps.

#![cfg(unix)]

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use expectrl::process::unix::WaitStatus;
use expectrl::{Eof, Expect, Regex, Session};

const BIN: &str = env!("CARGO_BIN_EXE_incident");
const TIMEOUT: Duration = Duration::from_secs(10);

const TITLE: &str = "Provsvar om barn skickat till fel vårdnadshavare";
const DEPARTURE: &str = "The guardians were told in person at the clinic on the same day";
const REASONING: &str =
    "Health data of three children reached one known wrong recipient, who returned the letter";
const ASSESSOR: &str = "Maria Chef och Dora Dataskydd";

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
            Session::spawn(command).expect("spawn `incident assess` in a pseudo-terminal");
        session.set_expect_timeout(Some(TIMEOUT));
        // Room for every option on one page and the long ENISA descriptions on one line.
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

    /// Waits for the end of the output and returns the exit code.
    fn finish(&mut self) -> i32 {
        match self.session.expect(Eof) {
            Ok(found) => self.transcript.extend_from_slice(found.as_bytes()),
            Err(error) => self.fail("the end of the output", error),
        }
        match self.session.get_process().wait() {
            Ok(WaitStatus::Exited(_, code)) => code,
            other => panic!(
                "`incident assess` did not exit normally: {other:?}\n{}",
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

#[test]
fn assess_answers_the_real_prompts_and_commits_the_assessment() {
    let home = tempfile::tempdir().expect("temporary home");
    let base = tempfile::tempdir().expect("temporary folder");
    let register = base.path().join("register");

    let mut init = incident(home.path());
    init.arg("init").arg(&register).args([
        "--organisation",
        "Testkommunen",
        "--dpo-name",
        "Dora Dataskydd",
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
        "--what-happened",
        "misdirected_communication",
        "--categories",
        "health",
        "--groups",
        "children",
        "--data-subjects",
        "3",
        "--breach-type",
        "confidentiality",
    ]);
    run_quietly(new, "incident new --no-input");

    let mut assess = incident(home.path());
    assess.current_dir(&register).args(["assess", "2026-0001"]);
    let mut pty = Pty::spawn(assess);

    pty.expect("Risk assessment (step C) of 2026-0001");

    // DPC, the category: health data suggest Sensitive, the last item.
    pty.expect("Which is the most sensitive category of data? (DPC)");
    pty.select_default("Sensitive: health, political affiliation");
    pty.expect("· Sensitive: health");

    // DPC, the score: the base score of Sensitive, 4, is the default; no justification.
    pty.expect("Score in context (ENISA Table 1)");
    pty.select_default("4 (base score)");
    pty.expect("· 4 (base score)");

    // EI: Maximum is the default.
    pty.expect("How easily can the individuals be identified? (EI)");
    pty.select_default("1: Maximum: the person is identified directly");
    pty.expect("· 1: Maximum");

    // CB: a misdirected letter suggests known recipients; nothing altered or lost.
    pty.expect("Loss of confidentiality");
    pty.select_default("Known recipients: disclosed to a number of known recipients");
    pty.expect("· Known recipients");
    pty.expect("Loss of integrity");
    pty.select_default("None: altered but no incorrect or illegal use identified");
    pty.expect("· None: altered");
    pty.expect("Loss of availability");
    pty.select_default("None: recoverable without difficulty");
    pty.expect("· None: recoverable");

    pty.answer(
        "Was it malicious (e.g. theft, hacking, selling the data)?",
        "n",
    );
    pty.expect("· no");
    pty.answer(
        "Are the data unintelligible to the unauthorised (e.g. strong encryption, key safe)?",
        "n",
    );
    pty.expect("· no");

    // The running computation: SE = DPC × EI + CB.
    pty.expect("SE = 4 × 1 + 0.25 = 4.25 → ");
    pty.expect("very high");

    // Very high: the Art. 34(3) exception, none by default.
    pty.expect("Does a GDPR Art. 34(3) exception apply?");
    pty.select_default("No exception: the data subjects are to be informed");
    pty.expect("· No exception");
    pty.expect(
        "Recommendation: Notify IMY within 72 hours (GDPR Art. 33(1)) and inform the data subjects",
    );

    // The decision departs from the recommendation: IMY yes, the data subjects no.
    pty.answer("Do you follow the recommendation?", "n");
    pty.expect("· no");
    pty.answer("Notify IMY?", "y");
    pty.expect("· yes");
    pty.answer("Inform the data subjects?", "n");
    pty.expect("· no");

    pty.answer(
        "Why does the decision depart from the recommendation? (:e opens $EDITOR)",
        &format!("{DEPARTURE}{ENTER}"),
    );
    pty.expect(&format!("· {DEPARTURE}"));
    pty.answer(
        "Reasoning for the decision (mandatory) (:e opens $EDITOR)",
        &format!("{REASONING}{ENTER}"),
    );
    pty.expect(&format!("· {REASONING}"));
    pty.answer("Who made the assessment?", &format!("{ASSESSOR}{ENTER}"));
    pty.expect(&format!("· {ASSESSOR}"));

    pty.expect("Recorded: 2026-0001: risk assessed: very high (SE 4.25), notify IMY");
    let code = pty.finish();
    if std::env::var_os("PTY_ASSESS_DEBUG").is_some() {
        eprintln!("--- terminal ---\n{}\n---", readable(&pty.transcript));
    }
    assert_eq!(
        code,
        0,
        "exit code of `incident assess`\n{}",
        readable(&pty.transcript)
    );

    // The assessment on disk.
    let path = register.join("incidents/2026/2026-0001/assessment.yaml");
    let text =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    if std::env::var_os("PTY_ASSESS_DEBUG").is_some() {
        eprintln!("--- assessment.yaml ---\n{text}---");
    }
    let parsed: serde_json::Value = serde_saphyr::from_str(&text).expect("assessment.yaml is YAML");
    assert_eq!(parsed["severity_score"], serde_json::json!(4.25), "{text}");
    assert_eq!(parsed["band"], "very_high", "{text}");
    assert_eq!(
        parsed["data_processing_context"],
        serde_json::json!({ "category": "sensitive", "score": 4 }),
        "the base score, so no justification:\n{text}"
    );
    assert_eq!(parsed["ease_of_identification"], "maximum", "{text}");
    assert_eq!(
        parsed["circumstances"],
        serde_json::json!({
            "confidentiality": "known_recipients",
            "integrity": "none",
            "availability": "none",
            "malicious": false,
        }),
        "{text}"
    );
    assert_eq!(
        parsed["flags"],
        serde_json::json!({ "more_than_100_data_subjects": false, "unintelligible": false }),
        "{text}"
    );
    assert_eq!(
        parsed["decision"],
        serde_json::json!({
            "notify_imy": true,
            "inform_data_subjects": false,
            "departure_reason": DEPARTURE,
        }),
        "no exception, the typed departure reason:\n{text}"
    );
    assert_eq!(parsed["reasoning"], REASONING, "{text}");
    assert_eq!(parsed["assessed_by"], ASSESSOR, "{text}");

    // The journal entry.
    let repo = git2::Repository::open(&register).expect("open the register's repository");
    let head = repo
        .head()
        .expect("HEAD")
        .peel_to_commit()
        .expect("HEAD is a commit");
    let message = head.message().expect("UTF-8 commit message");
    assert_eq!(
        message.lines().next(),
        Some("2026-0001: risk assessed: very high (SE 4.25), notify IMY"),
        "commit message:\n{message}"
    );
    for trailer in ["Incident: 2026-0001", "Step: C"] {
        assert!(
            message.lines().any(|line| line == trailer),
            "trailer {trailer:?} in:\n{message}"
        );
    }
    assert!(
        message.contains(REASONING),
        "the reasoning is the body:\n{message}"
    );
    assert_eq!(head.author().name().ok(), Some("Test Author"));
    assert_eq!(head.author().email().ok(), Some("test@example.org"));
    let entry = head
        .tree()
        .expect("tree")
        .get_path(Path::new("incidents/2026/2026-0001/assessment.yaml"))
        .expect("the commit holds assessment.yaml");
    let blob = repo.find_blob(entry.id()).expect("assessment.yaml blob");
    assert_eq!(
        blob.content(),
        text.as_bytes(),
        "the committed assessment.yaml is the one on disk"
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
