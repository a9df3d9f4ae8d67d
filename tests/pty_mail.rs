//! Drives `incident new --from-mail` through a pseudo-terminal (expectrl): each field read
//! from the message is offered as the default, one corrected by typing, the rest accepted;
//! the proposed verdict "no personal data" is decided by the person, and recorded so.

#![cfg(unix)]

mod common;

use common::pty::{ENTER, PtyRegister, read_yaml};

const MAIL: &str = "From: Anna Kund <anna@kund.example>\r\nSubject: Incidentrapport - Export med fel kunds brukare\r\nDate: Fri, 27 Mar 2026 11:30:00 +0100\r\nMessage-ID: <pty-1@kund.example>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nObservation och yttrande\r\nEn kund såg en annan kunds brukare i en export.\r\n\r\nPåverkan på personuppgifter\r\nNej, bara anonyma räknare.\r\n\r\nTid och varaktighet\r\nUpptäcktes 2026-03-27 10:00, pågår fortfarande.\r\n";

#[test]
fn each_field_read_is_confirmed_or_corrected_and_the_verdict_decided() {
    let register = PtyRegister::init("Dora Dataskydd");
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), MAIL).unwrap();
    let mut pty = register.spawn(&["new", "--from-mail", file.path().to_str().unwrap()]);
    pty.expect("Read from the message from anna@kund.example:");
    // The title typed over; the observation and the discovery accepted as read.
    pty.expect("Title");
    pty.answer(
        "(Export med fel kunds brukare)",
        &format!("Export showed another customer's residents{ENTER}"),
    );
    pty.answer("Observation (what was observed)", ENTER);
    pty.answer("(2026-03-27 10:00)", ENTER);
    // Nothing was read for these: left empty.
    pty.answer("Occurred", ENTER);
    pty.answer("Ended", ENTER);
    pty.answer("Is the incident still going on?", ENTER);
    pty.answer("Do you decide that no personal data are affected", "y\r");
    pty.expect("Recorded: 2026-0001: reported: Export showed another customer's residents");
    let code = pty.finish();
    assert_eq!(code, 0, "{}", pty.terminal());
    let (_, report) = read_yaml(&register.path("incidents/2026/2026-0001/report.yaml"));
    assert_eq!(
        report["title"],
        "Export showed another customer's residents"
    );
    assert_eq!(
        report["observed"],
        "En kund såg en annan kunds brukare i en export."
    );
    assert_eq!(report["discovered"]["time"], "10:00");
    assert_eq!(report["ongoing"], true);
    assert_eq!(report["verdict"]["kind"], "no_personal_data");
    assert!(
        report["verdict"]["reason"]
            .as_str()
            .unwrap()
            .contains("Nej, bara anonyma räknare."),
        "{report}"
    );
    assert!(
        register
            .path("incidents/2026/2026-0001/evidence/mail.eml")
            .is_file()
    );
}
