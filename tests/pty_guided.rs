//! The guided path (`incident next`) where a step is not done in one sitting, driven
//! through a pseudo-terminal (expectrl):
//! - step F shows the text for IMY's e-service before asking whether it was submitted, and
//!   "not yet" ends the walk with the command to run later, never the same question again;
//! - the data subjects "not yet" informed get a planned date (IMY question 34), and the next
//!   walk asks about that date;
//! - steps G–H settle an open measure (deferred with a reason) instead of refusing;
//! - `incident notified subjects` at a terminal asks what is missing.
//!
//! The tests wait for prompt texts (English, INCIDENT_LANG=en), never for fixed sleeps.

#![cfg(unix)]

mod common;

use common::pty::{
    ARROW_DOWN, ENTER, Pty, PtyRegister, SPACE, assert_clean, head_commit, read_yaml,
};

const ID: &str = "2026-0001";

/// A case reported, told, assessed (notify IMY, inform the data subjects), with an action
/// logged: the next open step is E.
fn case_at_step_e() -> PtyRegister {
    let register = PtyRegister::init("Dora Dataskydd");
    register.report_quietly(&[
        "--title",
        "Letter to the wrong patient",
        "--discovered",
        "2026-03-27 10:00",
        "--description",
        "A letter with test results was posted to another patient.",
    ]);
    let steps: [&[&str]; 4] = [
        &["contacted", "manager", ID, "--name", "Maria Chef"],
        &["contacted", "dpo", ID],
        &[
            "assess",
            ID,
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
            "--reasoning",
            "Health data of one patient reached one known wrong recipient.",
        ],
        &[
            "log",
            ID,
            "--action",
            "Called the recipient",
            "--at",
            "2026-03-27 11:00",
        ],
    ];
    for args in steps {
        register.run_quietly(args, &format!("incident {}", args.join(" ")));
    }
    register
}

/// The case of [`case_at_step_e`] with a measure planned: the next open step is F.
fn case_at_step_f() -> PtyRegister {
    let register = case_at_step_e();
    let measure: &[&str] = &[
        "log",
        ID,
        "--planned",
        "--action",
        "Check addresses before posting",
        "--purpose",
        "prevent",
        "--due",
        "2026-04-30",
    ];
    register.run_quietly(measure, "incident log --planned");
    register
}

/// The case of [`case_at_step_f`] with IMY notified: what is left of step F is the data
/// subjects.
fn case_with_imy_notified() -> PtyRegister {
    let register = case_at_step_f();
    register.run_quietly(
        &["notified", "imy", ID, "--case-number", "IMY-2026-1234"],
        "incident notified imy",
    );
    register
}

/// `incident next` at step F once IMY is notified: the hint names the letter and the data
/// subjects, and the walk goes on.
fn go_on_to_the_data_subjects(pty: &mut Pty) {
    pty.go_on(
        'F',
        "Notify IMY and inform the data subjects",
        &format!("incident export letter {ID}`, then `incident notified subjects {ID}"),
        "y\r",
    );
}

#[test]
fn step_f_shows_the_imy_text_first_and_not_yet_ends_the_walk_without_a_loop() {
    let register = case_at_step_f();
    let before = register.commit_count();

    let mut pty = register.spawn(&["next", ID]);
    pty.go_on(
        'F',
        "Notify IMY and inform the data subjects",
        &format!("incident export imy {ID}`, then `incident notified imy {ID}"),
        "y\r",
    );
    pty.answer("Show the text for IMY's e-service now?", "y\r");
    // The form itself, as `incident export imy` writes it.
    pty.expect("Anmäl personuppgiftsincident");
    pty.expect(&format!("Incident {ID}"));
    pty.answer("Has the notification been submitted to IMY?", "n\r");
    // 72 hours from 10:00 on 27 March, across the change to summer time on 29 March.
    pty.expect("Notify IMY by Monday 30 March 11:00 (GDPR Art. 33(1)).");
    pty.expect(&format!(
        "The text for IMY's e-service: `incident export imy {ID}`; once it is submitted: `incident notified imy {ID} --case-number IMY-…`"
    ));
    assert_eq!(pty.finish(), 0);
    let terminal = pty.terminal();
    assert_eq!(
        terminal
            .matches("Has the notification been submitted to IMY? ·")
            .count(),
        1,
        "the question is asked once, not again in a loop:\n{terminal}"
    );
    assert_eq!(
        register.commit_count(),
        before,
        "nothing recorded:\n{terminal}"
    );
}

#[test]
fn subjects_not_yet_informed_get_a_planned_date_and_the_next_walk_asks_about_it() {
    let register = case_with_imy_notified();

    let mut pty = register.spawn(&["next", ID]);
    go_on_to_the_data_subjects(&mut pty);
    pty.expect("Have the data subjects been informed? (GDPR Art. 34(1))");
    pty.expect("❯ Yes, they are informed");
    pty.send(ARROW_DOWN);
    pty.expect("❯ Not yet: when they will be informed (IMY question 34)");
    pty.send(ENTER);
    pty.answer(
        "When will they be informed? (a date, or how it is decided)",
        &format!("2026-04-02{ENTER}"),
    );
    pty.expect(&format!(
        "Recorded: {ID}: data subjects will be informed (2026-04-02)"
    ));
    pty.expect(&format!(
        "once they are informed: `incident notified subjects {ID} --informed-at TIME --how TEXT`"
    ));
    assert_eq!(pty.finish(), 0);
    let (text, notification) =
        read_yaml(&register.path("incidents/2026/2026-0001/notification.yaml"));
    assert_eq!(
        notification["data_subjects"]["will_inform_on"], "2026-04-02",
        "{text}"
    );

    // The next walk asks about the planned date, and records the information.
    let mut pty = register.spawn(&["next", ID]);
    go_on_to_the_data_subjects(&mut pty);
    pty.expect(
        "The data subjects were to be informed 2026-04-02 (IMY question 34). Have they been informed?",
    );
    pty.expect("❯ Yes, they are informed");
    pty.send(ENTER);
    pty.answer("How? (letter, e-mail, ...)", &format!("A letter{ENTER}"));
    pty.expect(&format!("Recorded: {ID}: data subjects informed"));
    // Step F done: the walk goes on to closing; declined here.
    pty.go_on(
        'G',
        "Document the incident",
        &format!("incident close {ID}"),
        "n\r",
    );
    assert_eq!(pty.finish(), 0);
    let (text, notification) =
        read_yaml(&register.path("incidents/2026/2026-0001/notification.yaml"));
    assert_eq!(notification["data_subjects"]["informed"], true, "{text}");
    assert_eq!(notification["data_subjects"]["how"], "A letter", "{text}");
    assert_clean(&register.repo());
}

#[test]
fn closing_settles_an_open_measure_instead_of_refusing() {
    let register = case_at_step_f();
    for args in [
        &["notified", "imy", ID, "--case-number", "IMY-2026-1234"][..],
        &[
            "notified",
            "subjects",
            ID,
            "--informed-at",
            "2026-03-27 15:00",
            "--how",
            "Letter",
        ],
    ] {
        register.run_quietly(args, &format!("incident {}", args.join(" ")));
    }

    let mut pty = register.spawn(&["next", ID]);
    pty.go_on(
        'G',
        "Document the incident",
        &format!("incident close {ID}"),
        "y\r",
    );
    pty.expect("The case is closed once every planned measure is done or deferred with a reason.");
    pty.expect("Measure 1: Check addresses before posting (due 2026-04-30)");
    pty.expect("❯ Done");
    pty.send(ARROW_DOWN);
    pty.expect("❯ Deferred, with a reason");
    pty.send(ENTER);
    pty.answer(
        "Why is it deferred?",
        &format!("Part of the new mail system next year{ENTER}"),
    );
    pty.expect(&format!(
        "Recorded: {ID}: measure deferred: Check addresses before posting"
    ));
    pty.answer("Root cause analysis", &format!("A wrong address{ENTER}"));
    pty.answer("Lessons learned", &format!("Check the address{ENTER}"));
    pty.expect(&format!("Recorded: {ID}: closed"));
    pty.expect("All steps A–H are done.");
    assert_eq!(pty.finish(), 0);

    let folder = register.path("incidents/2026/2026-0001");
    let (text, actions) = read_yaml(&folder.join("actions.yaml"));
    assert_eq!(actions["planned"][0]["status"], "deferred", "{text}");
    assert_eq!(
        actions["planned"][0]["deferred_reason"], "Part of the new mail system next year",
        "{text}"
    );
    assert!(folder.join("closure.yaml").exists());
    let repo = register.repo();
    let message = head_commit(&repo).message().unwrap_or_default().to_string();
    assert!(message.starts_with(&format!("{ID}: closed")), "{message}");
    assert_clean(&repo);
}

#[test]
fn notified_subjects_at_a_terminal_asks_what_is_missing() {
    let register = case_at_step_f();
    let mut pty = register.spawn(&["notified", "subjects", ID]);
    pty.expect("Have the data subjects been informed? (GDPR Art. 34(1))");
    pty.send(ENTER);
    pty.answer("How? (letter, e-mail, ...)", &format!("E-mail{ENTER}"));
    pty.expect(&format!("Recorded: {ID}: data subjects informed"));
    assert_eq!(pty.finish(), 0);
    let (text, notification) =
        read_yaml(&register.path("incidents/2026/2026-0001/notification.yaml"));
    assert_eq!(notification["data_subjects"]["how"], "E-mail", "{text}");
    assert_eq!(
        notification["data_subjects"]["informed_at"], "2026-03-27T12:00:00+01:00",
        "informed now: {text}"
    );
}

#[test]
fn a_customer_notice_not_yet_sent_ends_the_walk_before_closing_with_its_commands() {
    let register = case_at_step_f();
    for args in [
        &["notified", "imy", ID, "--case-number", "IMY-2026-1234"][..],
        &[
            "notified",
            "subjects",
            ID,
            "--informed-at",
            "2026-03-27 15:00",
            "--how",
            "Letter",
        ],
        &["customer", "add", ID, "--name", "Exempelby Kommun"],
    ] {
        register.run_quietly(args, &format!("incident {}", args.join(" ")));
    }
    let before = register.commit_count();

    let mut pty = register.spawn(&["next", ID]);
    pty.go_on(
        'G',
        "Document the incident",
        &format!("incident close {ID}"),
        "y\r",
    );
    pty.expect("Has the acknowledgement with the case number been sent to Exempelby Kommun?");
    pty.expect("❯ Yes, it is sent");
    pty.send(ARROW_DOWN);
    pty.expect("❯ Not yet");
    pty.send(ENTER);
    pty.expect(&format!(
        "The text: `incident export customer {ID} --notice acknowledgement`; once it is sent: `incident contacted customer {ID} --name \"Exempelby Kommun\" --notice acknowledgement`"
    ));
    assert_eq!(pty.finish(), 0);
    let terminal = pty.terminal();
    assert!(!terminal.contains("Root cause"), "not closed:\n{terminal}");
    assert_eq!(
        register.commit_count(),
        before,
        "nothing recorded:\n{terminal}"
    );
    assert!(
        !register
            .path("incidents/2026/2026-0001/closure.yaml")
            .exists()
    );
}

#[test]
fn not_informing_after_a_high_risk_records_the_reasons_and_names_the_assessment() {
    let register = case_with_imy_notified();

    let mut pty = register.spawn(&["next", ID]);
    go_on_to_the_data_subjects(&mut pty);
    pty.expect("Have the data subjects been informed? (GDPR Art. 34(1))");
    pty.expect("❯ Yes, they are informed");
    pty.send(&format!("{ARROW_DOWN}{ARROW_DOWN}"));
    pty.expect("❯ They will not be informed: the reasons (IMY question 35, GDPR Art. 34(3))");
    pty.send(ENTER);
    // Question 35's options; the first chosen.
    pty.expect("Why are they not informed? (IMY question 35)");
    pty.send(&format!("{SPACE}{ENTER}"));
    pty.expect(&format!("Recorded: {ID}: data subjects not informed"));
    let said = "The reasons not to inform are recorded, but the risk assessment says the data subjects are to be informed (GDPR Art. 34(1)). If an exception of Art. 34(3) applies, record it in the risk assessment:";
    pty.expect(said);
    assert_eq!(pty.finish(), 0);
    let (text, notification) =
        read_yaml(&register.path("incidents/2026/2026-0001/notification.yaml"));
    assert!(
        notification["data_subjects"]["reasons_not_to_inform"].is_object(),
        "{text}"
    );

    // The next walk does not ask again: it says what stands open.
    let mut pty = register.spawn(&["next", ID]);
    go_on_to_the_data_subjects(&mut pty);
    pty.expect(said);
    assert_eq!(pty.finish(), 0);
    let terminal = pty.terminal();
    assert!(
        !terminal.contains("Have the data subjects been informed"),
        "{terminal}"
    );
}

#[test]
fn an_empty_first_measure_names_the_command_and_the_walk_goes_on_to_step_f() {
    let register = case_at_step_e();
    let before = register.commit_count();
    let mut pty = register.spawn(&["next", ID]);
    pty.go_on(
        'E',
        "List measures",
        &format!(
            "incident log {ID} --planned --action TEXT --purpose PURPOSE --by NAME --due DATE"
        ),
        "y\r",
    );
    pty.answer("Planned measure (step E; empty answer: none yet)", ENTER);
    pty.expect(&format!(
        "No measure planned. Once one is decided: `incident log {ID} --planned --action TEXT --purpose PURPOSE --by NAME --due DATE`"
    ));
    // The walk goes on past it: the law's step F is not held up by the list of measures.
    pty.go_on(
        'F',
        "Notify IMY and inform the data subjects",
        &format!("incident export imy {ID}`, then `incident notified imy {ID}"),
        "n\r",
    );
    assert_eq!(pty.finish(), 0);
    assert_eq!(register.commit_count(), before);
    let terminal = pty.terminal();
    assert_eq!(
        terminal
            .matches("Planned measure (step E; empty answer: none yet) (:e opens $EDITOR) ·")
            .count(),
        1,
        "{terminal}"
    );
}
