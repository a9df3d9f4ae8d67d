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
//! - step D: yes; the action typed, then an empty answer to "anything else?";
//! - step E: yes; the planned measure typed, its purpose picked with arrow-down, its owner
//!   (the manager, offered) accepted and its due date typed, then an empty answer;
//! - step F: no, so the command ends with exit code 0.
//!
//! Each step must leave one commit with the trailers `Incident: 2026-0001` and `Step: X`.
//! The test waits for prompt texts (English, INCIDENT_LANG=en), never for fixed sleeps.

#![cfg(unix)]

mod common;

use common::pty::{
    ARROW_DOWN, ENTER, PtyRegister, assert_clean, assert_committed, head_commit, read_yaml,
};

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
const MEASURE_DUE: &str = "2026-04-15";

#[test]
fn next_walks_steps_a_to_e_and_commits_each() {
    let register = PtyRegister::init(DPO);

    register.report_quietly(&[
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

    let mut pty = register.spawn(&["next", "2026-0001"]);

    // Step A: the manager's name (no default) and the time, typed over the default, now.
    pty.go_on(
        'A',
        "Detect and tell the responsible manager",
        "incident contacted manager 2026-0001",
        "y\r",
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
        "y\r",
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
        "y\r",
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
        "y\r",
    );
    pty.expect("· yes");
    pty.answer(
        "What was done? (step D, IMY question 30; empty answer: nothing yet) (:e opens $EDITOR)",
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
    // Several actions in one go: an empty answer ends the step.
    pty.answer("Anything else that was done? (empty answer: done)", ENTER);

    // Step E: the planned measure, and its purpose: the second option, prevent.
    pty.go_on(
        'E',
        "List measures",
        "incident log 2026-0001 --planned --action TEXT --purpose PURPOSE --by NAME --due DATE",
        "y\r",
    );
    pty.expect("· yes");
    pty.answer(
        "Planned measure (step E; empty answer: none yet) (:e opens $EDITOR)",
        &format!("{MEASURE}{ENTER}"),
    );
    pty.expect(&format!("· {MEASURE}"));
    pty.expect("Purpose");
    pty.expect("❯ Mitigate the consequences for the data subjects");
    pty.send(ARROW_DOWN);
    pty.select_default("Prevent recurrence");
    pty.expect("· Prevent recurrence");
    // Its owner: the manager told in step A, offered; its due date: typed.
    pty.expect("Who owns the measure?");
    pty.answer(&format!("({MANAGER})"), ENTER);
    pty.expect(&format!("· {MANAGER}"));
    pty.expect("Done by [YYYY-MM-DD] (becomes a deadline in `incident deadlines`)");
    pty.answer("(2026-04-26)", &format!("{MEASURE_DUE}{ENTER}"));
    pty.expect(&format!("· {MEASURE_DUE}"));
    pty.expect(&format!("Recorded: 2026-0001: measure planned: {MEASURE}"));
    pty.answer("Another planned measure? (empty answer: done)", ENTER);

    // Step F: declined; the command ends.
    pty.go_on(
        'F',
        "Notify IMY and inform the data subjects",
        "incident export imy 2026-0001`, then `incident notified imy 2026-0001",
        "n\r",
    );
    pty.expect("· no");
    let code = pty.finish();
    if std::env::var_os("PTY_NEXT_DEBUG").is_some() {
        eprintln!("--- terminal ---\n{}\n---", pty.terminal());
    }
    assert_eq!(code, 0, "exit code of `incident next`\n{}", pty.terminal());
    let terminal = pty.terminal();
    assert!(
        !terminal.contains("Go on with step G"),
        "declining step F ends the walk:\n{terminal}"
    );

    // The files on disk.
    let folder = register.path("incidents/2026/2026-0001");
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
    assert_eq!(planned[0]["owner"], MANAGER, "{actions_text}");
    assert_eq!(planned[0]["due"], MEASURE_DUE, "{actions_text}");
    assert_eq!(planned[0]["status"], "open", "{actions_text}");

    // The journal: one commit per step, newest first, on top of the report.
    let repo = register.repo();
    let mut commit = head_commit(&repo);
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
    for (name, text) in [
        ("report.yaml", &report_text),
        ("assessment.yaml", &assessment_text),
        ("actions.yaml", &actions_text),
    ] {
        assert_committed(&repo, &format!("incidents/2026/2026-0001/{name}"), text);
    }

    // Nothing left uncommitted.
    assert_clean(&repo);
}
