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

mod common;

use common::pty::{
    ARROW_DOWN, ENTER, PtyRegister, SPACE, assert_clean, assert_committed, head_commit, read_yaml,
};

const TITLE: &str = "Provsvar skickat till fel mottagare i Västerås";
const OBSERVED: &str = "A letter with test results was sent to the wrong patient";
const DISCOVERED: &str = "2026-03-26 09:30";
const DPO: &str = "Dora Dataskydd";
const VERDICT_REASON: &str = "Patient data reached a person not entitled to them";

/// `incident new` with the answers every intake test gives by flag, and `extra`.
fn intake_flags<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
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
    ];
    args.extend_from_slice(extra);
    args
}

#[test]
fn new_answers_the_real_prompts_and_commits_the_report() {
    let register = PtyRegister::init(DPO);

    let mut pty = register.spawn(&intake_flags(&[]));

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
        "y\r",
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

    // The verdict, with the seeds' guidance; "undecided" is offered first. The second
    // item, a personal data breach, asks for its reason.
    pty.expect("If in doubt: treat it as an incident");
    pty.expect("❯ undecided (treated as a possible personal data breach)");
    pty.send(ARROW_DOWN);
    pty.send(ENTER);
    pty.answer(
        "Reason: what was established, and by whom",
        &format!("{VERDICT_REASON}{ENTER}"),
    );

    // The result: the new id on stdout, the journal entry on stderr.
    pty.expect("Recorded: 2026-0001: reported:");
    pty.expect("\n2026-0001");
    // The flow offers to go on with the next step; decline.
    pty.expect("Go on with step");
    pty.send("n\r");
    let code = pty.finish();
    assert_eq!(code, 0, "exit code of `incident new`\n{}", pty.terminal());

    if std::env::var_os("PTY_NEW_DEBUG").is_some() {
        eprintln!("--- terminal ---\n{}\n---", pty.terminal());
    }

    // The report on disk.
    assert!(
        !register.path(".drafts").exists(),
        "no draft is saved after a successful intake"
    );
    let (report, parsed) = read_yaml(&register.path("incidents/2026/2026-0001/report.yaml"));
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
        parsed["verdict"]["kind"], "personal_data_breach",
        "{report}"
    );
    assert_eq!(parsed["verdict"]["reason"], VERDICT_REASON, "{report}");
    assert_eq!(
        parsed["verdict"]["decided_by"], "Test Author",
        "who decided is who records the report:\n{report}"
    );
    assert_eq!(
        parsed["dpo_contacted"]["name"], DPO,
        "the default name accepted:\n{report}"
    );
    assert_eq!(
        parsed["dpo_contacted"]["date"], "2026-03-27",
        "the default date accepted:\n{report}"
    );

    // The journal entry.
    let repo = register.repo();
    let head = head_commit(&repo);
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
    assert_committed(&repo, "incidents/2026/2026-0001/report.yaml", &report);

    // Nothing left uncommitted.
    assert_clean(&repo);
}

/// Every answer but the three typed ones (what was observed, the title, the discovery).
const ALL_BUT_TYPED: &[&str] = &[
    "--dpo-contacted",
    "2026-03-26 11:00",
    "--what-happened",
    "disclosure_other",
    "--categories",
    "health",
];

#[test]
fn an_intake_killed_midway_keeps_its_answers_and_the_next_new_resumes_it() {
    let register = PtyRegister::init(DPO);
    let draft = register.path(".drafts/new.yaml");

    // Two answers typed, then the process dies at the third question.
    let mut pty = register.spawn(&intake_flags(ALL_BUT_TYPED));
    pty.answer(
        "What was observed? How does the incident show itself?",
        &format!("{OBSERVED}{ENTER}"),
    );
    pty.answer("Short title for lists", &format!("{TITLE}{ENTER}"));
    pty.expect("When did you discover the incident? (IMY question 11)");
    pty.kill();

    let (saved, parsed) = read_yaml(&draft);
    assert_eq!(parsed["observed"], OBSERVED, "{saved}");
    assert_eq!(parsed["title"], TITLE, "{saved}");
    let repo = register.repo();
    assert_eq!(
        head_commit(&repo).parent_count(),
        0,
        "nothing recorded by the killed intake"
    );
    assert_clean(&repo);

    // `validate` explains the leftover draft without failing.
    let validate = register.command(&["validate"]).output().unwrap();
    let said = String::from_utf8_lossy(&validate.stdout);
    assert_eq!(validate.status.code(), Some(0), "{said}");
    assert!(
        said.contains(".drafts/new.yaml") && said.contains("offers to resume"),
        "{said}"
    );

    // The next intake offers the saved answers; accepted, it asks only what is missing.
    let mut pty = register.spawn(&intake_flags(ALL_BUT_TYPED));
    pty.expect("An intake that was not finished is saved in");
    pty.answer(&format!("”{TITLE}”). Resume it?"), "y\r");
    pty.expect("When did you discover the incident? (IMY question 11)");
    pty.answer("(2026-03-27)", &format!("{DISCOVERED}{ENTER}"));
    pty.answer("Comment, if any", ENTER);
    pty.select_default("undecided (treated as a possible personal data breach)");
    pty.expect("Recorded: 2026-0001: reported:");
    pty.expect("Go on with step");
    pty.send("n\r");
    let code = pty.finish();
    assert_eq!(code, 0, "{}", pty.terminal());
    assert!(
        !pty.terminal().contains("What was observed?"),
        "the saved answers are not asked again:\n{}",
        pty.terminal()
    );

    let (report, parsed) = read_yaml(&register.path("incidents/2026/2026-0001/report.yaml"));
    assert_eq!(parsed["observed"], OBSERVED, "{report}");
    assert_eq!(parsed["title"], TITLE, "{report}");
    assert_eq!(parsed["discovered"]["time"], "09:30", "{report}");
    assert!(
        !draft.exists(),
        "the draft has served once the report is recorded"
    );
    assert!(
        !register.path(".drafts").exists(),
        "no empty folder is left"
    );
    assert_clean(&repo);
}

#[test]
fn a_declined_draft_is_set_aside_not_deleted() {
    let register = PtyRegister::init(DPO);
    let mut pty = register.spawn(&intake_flags(ALL_BUT_TYPED));
    pty.answer(
        "What was observed? How does the incident show itself?",
        &format!("{OBSERVED}{ENTER}"),
    );
    pty.expect("Short title for lists");
    pty.kill();

    let mut pty = register.spawn(&intake_flags(ALL_BUT_TYPED));
    pty.answer("Resume it?", "n\r");
    pty.expect("The saved intake is kept in");
    // A fresh intake: the first question is asked again.
    pty.expect("What was observed? How does the incident show itself?");
    pty.kill();

    assert!(!register.path(".drafts/new.yaml").exists());
    let aside = register.path(".drafts/new-20260327T120000.yaml");
    let (saved, parsed) = read_yaml(&aside);
    assert_eq!(parsed["observed"], OBSERVED, "{saved}");
}

#[test]
fn a_discovery_given_as_a_date_alone_is_asked_its_time_and_a_mistyped_time_is_asked_again() {
    let register = PtyRegister::init(DPO);
    let mut pty = register.spawn(&intake_flags(ALL_BUT_TYPED));
    pty.answer(
        "What was observed? How does the incident show itself?",
        &format!("{OBSERVED}{ENTER}"),
    );
    pty.answer("Short title for lists", &format!("{TITLE}{ENTER}"));
    pty.expect("When did you discover the incident? (IMY question 11)");
    pty.answer("(2026-03-27)", &format!("2026-03-26{ENTER}"));
    pty.answer("Comment, if any", ENTER);
    // A date alone: the clock would run from 00:00, so the time is asked for.
    pty.expect("No clock time given: the 72 hours then run from 00:00.");
    // "8.15" looks like a time but is none: asked again, not kept as a comment.
    pty.send(&format!("8.15{ENTER}"));
    pty.expect("is not a clock time");
    pty.send(&format!("08:15{ENTER}"));
    pty.select_default("undecided (treated as a possible personal data breach)");
    pty.expect("Recorded: 2026-0001: reported:");
    pty.expect("Go on with step");
    pty.send("n\r");
    let code = pty.finish();
    assert_eq!(code, 0, "{}", pty.terminal());
    let (report, parsed) = read_yaml(&register.path("incidents/2026/2026-0001/report.yaml"));
    assert_eq!(parsed["discovered"]["time"], "08:15", "{report}");
    assert!(parsed["discovered"]["comment"].is_null(), "{report}");
}
