//! Drives `incident close <id>` through a pseudo-terminal (expectrl): a supplement to IMY
//! is announced and not sent, so the closing asks whether to waive it (GDPR Art. 33(4)),
//! asks why, then the root cause and the lessons, and records the waiver in closure.yaml
//! and in the journal entry. The test waits for prompt texts (English), never for sleeps.

#![cfg(unix)]

mod common;

use common::pty::{ENTER, PtyRegister, assert_clean, head_commit, read_yaml};

const REASON: &str = "IMY closed its case without asking for more";

#[test]
fn close_asks_to_waive_an_open_duty_of_the_law_and_journals_the_reason() {
    let register = PtyRegister::init("Dora Dataskydd");
    register.report_quietly(&[
        "--title",
        "Letter to the wrong patient",
        "--discovered",
        "2026-03-27 10:00",
    ]);
    register.run_quietly(
        &[
            "assess",
            "2026-0001",
            "--category",
            "simple",
            "--ease",
            "maximum",
            "--confidentiality",
            "known_recipients",
            "--integrity",
            "none",
            "--availability",
            "none",
            "--reasoning",
            "One known recipient.",
        ],
        "incident assess",
    );
    register.run_quietly(
        &[
            "notified",
            "imy",
            "2026-0001",
            "--supplement-planned",
            "yes",
        ],
        "incident notified imy",
    );

    let mut pty = register.spawn(&["close", "2026-0001"]);
    pty.answer(
        "Supplement the IMY notification (GDPR Art. 33(4); IMY: 4 weeks) is open: pending. Waive it and close all the same? The reason is journaled.",
        "y\r",
    );
    pty.answer("Why is it not met?", &format!("{REASON}{ENTER}"));
    pty.answer("Root cause analysis", &format!("A wrong address{ENTER}"));
    pty.answer("Lessons learned", &format!("Check the address{ENTER}"));
    pty.expect("Recorded: 2026-0001: closed, 1 obligation of the law waived");
    assert_eq!(pty.finish(), 0);

    let (text, closure) = read_yaml(&register.path("incidents/2026/2026-0001/closure.yaml"));
    assert_eq!(closure["legal_obligations_at_close"], "waived", "{text}");
    assert_eq!(closure["waived"][0]["obligation"], "supplement", "{text}");
    assert_eq!(closure["waived"][0]["reason"], REASON, "{text}");
    let repo = register.repo();
    let message = head_commit(&repo).message().unwrap_or_default().to_string();
    assert!(
        message.contains(&format!(
            "Waived: supplement (GDPR Art. 33(4); IMY: 4 weeks): {REASON}"
        )),
        "{message}"
    );
    assert_clean(&repo);
}
