//! The question asked at a terminal before a time more than a day ahead is recorded
//! (issue 16, item 7): the default is no; yes records it. The intake of `incident new`
//! asks the moment again when the answer is no. Driven through a pseudo-terminal.

#![cfg(unix)]

mod common;

use common::pty::{ENTER, PtyRegister, assert_clean, read_yaml};

const QUESTION: &str = "is more than a day after now (2026-03-27 12:00), a time that has not come yet. Is the time right?";

#[test]
fn an_action_ahead_is_asked_about_no_by_default_and_recorded_on_yes() {
    let register = PtyRegister::init("Dora Dataskydd");
    register.report_quietly(&[
        "--title",
        "Fel mottagare",
        "--discovered",
        "2026-03-27 10:00",
    ]);
    let args = [
        "log",
        "2026-0001",
        "--action",
        "Mail recalled",
        "--at",
        "2030-01-01 09:00",
    ];
    let actions = register.path("incidents/2026/2026-0001/actions.yaml");

    let mut pty = register.spawn(&args);
    pty.expect("When the action was taken (2030-01-01 09:00) ");
    pty.answer(QUESTION, ENTER);
    pty.expect("Nothing was recorded.");
    assert_eq!(pty.finish(), 2, "{}", pty.terminal());
    assert!(!actions.exists());
    assert_clean(&register.repo());

    let mut pty = register.spawn(&args);
    pty.answer(QUESTION, "y\r");
    pty.expect("Recorded: 2026-0001: action logged: Mail recalled");
    assert_eq!(pty.finish(), 0, "{}", pty.terminal());
    let (_, parsed) = read_yaml(&actions);
    assert_eq!(parsed["taken"][0]["date"], "2030-01-01");
}

#[test]
fn the_intake_asks_a_discovery_ahead_again_when_it_is_not_right() {
    let register = PtyRegister::init("Dora Dataskydd");
    let mut pty = register.spawn(&[
        "new",
        "--title",
        "Fel mottagare",
        "--observed",
        "A letter to the wrong patient",
        "--occurred",
        "2026-03-27 08:00",
        "--discovered-by",
        "Anna Andersson",
        "--manager-informed",
        "2026-03-27 10:30",
        "--manager",
        "Maria Chef",
        "--dpo-contacted",
        "2026-03-27 11:00",
        "--what-happened",
        "misdirected_communication",
        "--description",
        "Test results were posted to another patient.",
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
        "2026-03-27 09:00",
        "--groups",
        "patients",
        "--data-subjects",
        "1",
        "--records",
        "3",
        "--categories",
        "health",
        "--encrypted",
        "no",
        "--consequences",
        "loss_of_control",
        "--no-processors",
        "--role",
        "controller",
        "--verdict",
        "personal_data_breach",
        "--verdict-reason",
        "Patient data reached a person not entitled to them",
    ]);
    pty.expect("When did you discover the incident? (IMY question 11)");
    pty.answer("(2026-03-27)", &format!("2026-09-01 10:00{ENTER}"));
    pty.expect("The discovery (2026-09-01 10:00) ");
    pty.answer(QUESTION, "n\r");
    // Asked again; the right time is taken.
    pty.expect("When did you discover the incident? (IMY question 11)");
    pty.answer("(2026-03-27)", &format!("2026-03-27 10:00{ENTER}"));
    pty.answer("Comment, if any", ENTER);
    pty.expect("Recorded: 2026-0001: reported:");
    pty.expect("Go on with step");
    pty.send("n\r");
    assert_eq!(pty.finish(), 0, "{}", pty.terminal());
    let (report, parsed) = read_yaml(&register.path("incidents/2026/2026-0001/report.yaml"));
    assert_eq!(parsed["discovered"]["date"], "2026-03-27", "{report}");
}

#[test]
fn a_person_told_before_the_discovery_is_asked_again_at_the_prompt() {
    let register = PtyRegister::init("Dora Dataskydd");
    register.report_quietly(&[
        "--title",
        "Fel mottagare",
        "--discovered",
        "2026-03-27 10:00",
    ]);
    let mut pty = register.spawn(&["contacted", "manager", "2026-0001", "--name", "Maria Chef"]);
    pty.answer(
        "When? [YYYY-MM-DD HH:MM]",
        &format!("2026-03-27 09:00{ENTER}"),
    );
    pty.expect("cannot come before the discovery (2026-03-27 10:00)");
    pty.send(&format!("{}2026-03-27 10:30{ENTER}", "\x7f".repeat(16)));
    pty.expect("Recorded: 2026-0001: manager told (Maria Chef)");
    assert_eq!(pty.finish(), 0, "{}", pty.terminal());
    let (report, parsed) = read_yaml(&register.path("incidents/2026/2026-0001/report.yaml"));
    assert_eq!(parsed["manager_informed"]["time"], "10:30", "{report}");
}
