//! Drives `incident next <id>` through a pseudo-terminal for a processor (GDPR Art. 33(2)):
//! step F is named and walked as the notice to the controller, never as IMY's form. Steps
//! A–E are recorded without prompts first. Answered yes, the notice is recorded in
//! notification.yaml and the walk goes on to step G; answered "not yet", the step ends with
//! the command to run later, without asking again.

#![cfg(unix)]

mod common;

use common::pty::{PtyRegister, read_yaml};

const NOTIFICATION: &str = "incidents/2026/2026-0001/notification.yaml";
const STEP_F: &str = "Notify the controller (GDPR Art. 33(2))";

/// A processor's incident with steps A–E recorded: only the notice to the controller is open.
fn processor_at_step_f() -> PtyRegister {
    let register = PtyRegister::init("Dora Dataskydd");
    register.report_quietly(&[
        "--title",
        "Export med fel kunds brukare",
        "--discovered",
        "2026-03-27 10:00",
        "--description",
        "Ett exportjobb hoppade över kundfiltret under en natt.",
        "--role",
        "processor",
        "--controller",
        "Exempelby kommun;212000-0001",
        "--categories",
        "health",
        "--breach-type",
        "confidentiality",
    ]);
    for args in [
        &["contacted", "manager", "2026-0001", "--name", "Chef"][..],
        &["contacted", "dpo", "2026-0001"],
        &common::assess_sensitive("2026-0001", &["--reasoning", "Hälsouppgifter"]),
        &["log", "2026-0001", "--action", "Exporten stoppades"],
        &[
            "log",
            "2026-0001",
            "--planned",
            "--action",
            "Test av kundfiltret",
            "--purpose",
            "prevent",
        ],
    ] {
        register.run_quietly(args, &args.join(" "));
    }
    register
}

#[test]
fn a_processors_step_f_is_the_notice_to_its_controller() {
    let register = processor_at_step_f();
    let mut pty = register.spawn(&["next", "2026-0001"]);
    pty.go_on(
        'F',
        STEP_F,
        "incident export controller 2026-0001`, then `incident contacted controller 2026-0001",
        "y\r",
    );
    // No customer listed: the walk asks; none besides the controller here.
    pty.answer("Is the customer affected: Exempelby kommun?", "n\r");
    pty.answer("Which customers are affected?", "\r");
    // The notice itself first, to read before answering.
    pty.answer("Show the notice to the controller now?", "y\r");
    pty.expect("Exempelby kommun");
    pty.answer(
        "Has the notice been sent to Exempelby kommun? (GDPR Art. 33(2))",
        "y\r",
    );
    pty.expect("Recorded: 2026-0001: controller notified (Exempelby kommun)");
    pty.answer("Go on with step G", "n\r");
    assert_eq!(pty.finish(), 0, "{}", pty.terminal());
    let screen = pty.terminal();
    assert!(!screen.contains("submitted to IMY"), "{screen}");
    assert!(!screen.contains("export imy"), "{screen}");
    let (text, notification) = read_yaml(&register.path(NOTIFICATION));
    assert_eq!(
        notification["controller_notified_at"], "2026-03-27T12:00:00+01:00",
        "{text}"
    );
    assert!(notification.get("imy").is_none(), "{text}");
}

#[test]
fn not_yet_ends_the_step_with_the_command_for_later() {
    let register = processor_at_step_f();
    let mut pty = register.spawn(&["next", "2026-0001"]);
    pty.go_on(
        'F',
        STEP_F,
        "incident export controller 2026-0001`, then `incident contacted controller 2026-0001",
        "y\r",
    );
    pty.answer("Is the customer affected: Exempelby kommun?", "n\r");
    pty.answer("Which customers are affected?", "\r");
    pty.answer("Show the notice to the controller now?", "n\r");
    pty.answer(
        "Has the notice been sent to Exempelby kommun? (GDPR Art. 33(2))",
        "n\r",
    );
    pty.expect(
        "The notice, without undue delay (GDPR Art. 33(2)): `incident export controller 2026-0001`; once it is sent: `incident contacted controller 2026-0001`",
    );
    assert_eq!(pty.finish(), 0, "{}", pty.terminal());
    assert!(!register.path(NOTIFICATION).exists());
}
