//! End-to-end tests of `incident new --from-mail`: a corpus of real-looking messages built
//! here (plain, HTML-only, forwarded in the body and as an attachment, base64,
//! quoted-printable Windows-1252 with åäö, no headings, too large), each recorded as one
//! entry with the original kept as evidence and its SHA-256 as a trailer; a Maildir with a
//! message taken in twice; the printed template read back; the acknowledgement.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a helper outside a #[test] fails the test by panicking"
)]

mod common;

use std::io::Write;

use common::mail::{EVIDENCE, REPORT, base64, message, plain, sha256, take_in, trailer};
use common::{TestRegister, stderr, transcript};

#[test]
fn a_plain_template_mail_is_one_entry_with_its_evidence() {
    let register = TestRegister::in_language("sv");
    let bytes = plain();
    let output = take_in(&register, &bytes, &[]);
    insta::assert_snapshot!(transcript(&output));
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    // The original, byte for byte, in the incident's folder.
    assert_eq!(std::fs::read(register.path(EVIDENCE)).unwrap(), bytes);
    let report = register.read(REPORT);
    for expected in [
        "title: Export med fel kunds brukare",
        "observed: En kund såg en annan kunds brukare i en export.",
        "  email: anna@kund.example",
        "  received_at: \"2026-03-27T11:30:00+01:00\"",
        "    phone: 070-123 45 67",
        "ongoing: true",
        "  Påverkan enligt rapporten: Vi kan inte använda exporten.",
    ] {
        assert!(report.contains(expected), "{expected}\n{report}");
    }
    // "Nej" is a proposal only: no verdict without a person.
    assert!(!report.contains("verdict"), "{report}");
    let commits = register.commits();
    assert_eq!(commits.len(), 2, "init and one entry");
    let entry = &commits[0];
    assert_eq!(entry.files, [EVIDENCE, REPORT]);
    assert_eq!(
        trailer(&entry.message, "Evidence-Sha256"),
        Some(sha256(&bytes).as_str())
    );
    assert_eq!(
        trailer(&entry.message, "Message-Id"),
        Some("plain-1@kund.example")
    );
    // `show` names the reporter and the persons they named.
    let shown = register.cmd().args(["show", "2026-0001"]).output().unwrap();
    assert!(
        String::from_utf8_lossy(&shown.stdout)
            .contains("Anna Kund <anna@kund.example>; contacts: Bo Ansvarig"),
        "{}",
        String::from_utf8_lossy(&shown.stdout)
    );
    // The register stays valid, and the journal verifies with the evidence in it.
    register.cmd().arg("validate").assert().success();
    register.cmd().arg("verify").assert().success();
}

#[test]
fn an_html_only_base64_message_is_read_as_text() {
    let register = TestRegister::new();
    let html = "<html><body><p><b>Observation and symptoms</b></p><p>A list of residents was sent to the wrong customer &amp; opened.</p><p><b>Time and duration:</b> first discovered 2026-03-27 at 09:40</p></body></html>";
    let encoded = base64(html.as_bytes());
    let bytes = message(
        &[
            "From: bo@kund.example",
            "Subject: Incident report: List to the wrong customer",
            "Date: Fri, 27 Mar 2026 10:00:00 +0100",
            "Message-ID: <html-1@kund.example>",
            "MIME-Version: 1.0",
            "Content-Type: text/html; charset=utf-8",
            "Content-Transfer-Encoding: base64",
        ],
        &encoded,
    );
    let output = take_in(&register, &bytes, &[]);
    let report = register.read(REPORT);
    assert!(
        report.contains("title: List to the wrong customer"),
        "{report}"
    );
    assert!(
        report.contains("observed: A list of residents was sent to the wrong customer & opened."),
        "{report}"
    );
    assert!(report.contains("  time: 09:40"), "{report}");
    assert!(!report.contains("<p>"), "{report}");
    // Headings missing from the mail are listed; it is recorded all the same.
    assert_eq!(output.status.code(), Some(8), "{}", stderr(&output));
    assert!(stderr(&output).contains("Contact persons (reported_by.contacts): the heading \"Contact details\" is not in the message"), "{}", stderr(&output));
}

#[test]
fn quoted_printable_windows_1252_keeps_its_letters() {
    let register = TestRegister::new();
    let body = "Observation och yttrande\nEn l=E4kare s=E5g fel patients journal i v=E5r =F6versikt.\n\nP=E5verkan p=E5 personuppgifter: Ja\n";
    let bytes = message(
        &[
            "From: =?windows-1252?Q?=C5sa_L=E4kare?= <asa@vard.example>",
            "Subject: =?windows-1252?Q?Incidentrapport_=96_Fel_journal_i_=F6versikt?=",
            "Date: Thu, 26 Mar 2026 08:00:00 +0100",
            "Message-ID: <qp-1@vard.example>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=windows-1252",
            "Content-Transfer-Encoding: quoted-printable",
        ],
        body,
    );
    take_in(&register, &bytes, &[]);
    let report = register.read(REPORT);
    assert!(report.contains("title: Fel journal i översikt"), "{report}");
    assert!(
        report.contains("observed: En läkare såg fel patients journal i vår översikt."),
        "{report}"
    );
    assert!(report.contains("  name: Åsa Läkare"), "{report}");
}

#[test]
fn a_forwarded_mail_reports_its_original_sender_and_date() {
    let register = TestRegister::new();
    let body = "Vidarebefordrar kundens rapport.\n\n---------- Forwarded message ---------\nFrom: Cilla Chef <cilla@kund.example>\nDate: Wed, Mar 25, 2026 at 8:40 AM\nSubject: Incidentrapport: Inloggning visar fel konto\nTo: <support@leverantor.example>\n\n> Observation och yttrande\n> Inloggningen visade en annan brukares konto.\n> Påverkan på personuppgifter: Nej\n";
    let bytes = message(
        &[
            "From: Kollega <kollega@leverantor.example>",
            "Subject: Fwd: Incidentrapport: Inloggning visar fel konto",
            "Date: Fri, 27 Mar 2026 12:00:00 +0100",
            "Message-ID: <fwd-1@leverantor.example>",
            "Content-Type: text/plain; charset=utf-8",
        ],
        body,
    );
    let output = take_in(&register, &bytes, &[]);
    let report = register.read(REPORT);
    assert!(
        report.contains("  name: Cilla Chef\n  email: cilla@kund.example"),
        "{report}"
    );
    assert!(
        report.contains("title: Inloggning visar fel konto"),
        "{report}"
    );
    assert!(
        report.contains("  date: \"2026-03-25\"\n  time: 08:40"),
        "{report}"
    );
    assert!(stderr(&output).contains("forwarded"), "{}", stderr(&output));
    // The reporter's source in the interface's language only.
    assert!(
        stderr(&output).contains("— the sender (From, forwarded)"),
        "{}",
        stderr(&output)
    );
    assert!(
        !stderr(&output).contains("Från/From"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_mail_forwarded_as_an_attachment_is_read_from_the_attachment() {
    let register = TestRegister::new();
    let inner = "From: Dan Kund <dan@kund.example>\r\nSubject: Incidentrapport - Borttappad dator\r\nDate: Tue, 24 Mar 2026 13:00:00 +0100\r\nMessage-ID: <inner@kund.example>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nObservation och yttrande\r\nEn dator med kundregister har tappats bort.\r\n";
    let body = format!(
        "--XYZ\nContent-Type: text/plain; charset=utf-8\n\nSe bifogad rapport.\n--XYZ\nContent-Type: message/rfc822\nContent-Disposition: attachment\n\n{}\n--XYZ--\n",
        inner.replace("\r\n", "\n")
    );
    let bytes = message(
        &[
            "From: Kollega <kollega@leverantor.example>",
            "Subject: Fwd: rapport",
            "Date: Fri, 27 Mar 2026 12:00:00 +0100",
            "Message-ID: <outer@leverantor.example>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=\"XYZ\"",
        ],
        &body,
    );
    take_in(&register, &bytes, &[]);
    let report = register.read(REPORT);
    assert!(report.contains("title: Borttappad dator"), "{report}");
    assert!(report.contains("  email: dan@kund.example"), "{report}");
    assert!(
        report.contains("observed: En dator med kundregister har tappats bort."),
        "{report}"
    );
}

#[test]
fn a_mail_without_headings_is_the_observation_and_the_person_is_told() {
    let register = TestRegister::in_language("sv");
    let bytes = message(
        &[
            "From: Anna Kund <anna@kund.example>",
            "Subject: Incidentrapport",
            "Date: Fri, 27 Mar 2026 11:30:00 +0100",
            "Message-ID: <bare-1@kund.example>",
        ],
        "Vi fick en lista med en annan kunds brukare.\nRing mig på 070-111 22 33.\n",
    );
    let output = register
        .cmd()
        .env("INCIDENT_LANG", "sv")
        .args(["new", "--from-mail", "-"])
        .write_stdin(bytes)
        .output()
        .unwrap();
    insta::assert_snapshot!(transcript(&output));
    assert_eq!(output.status.code(), Some(8));
    let report = register.read(REPORT);
    assert!(report.contains("observed: |-\n  Vi fick en lista med en annan kunds brukare.\n  Ring mig på 070-111 22 33."), "{report}");
    // The discovery is when the mail was received: the report did not say.
    assert!(report.contains("discovered:\n  date: \"2026-03-27\"\n  time: \"11:30\"\n  comment: >-\n    När rapporten togs emot"), "{report}");
}

#[test]
fn flags_beside_the_mail_override_what_it_gave() {
    let register = TestRegister::new();
    take_in(
        &register,
        &plain(),
        &[
            "--title",
            "Exportfel hos Exempel kommun",
            "--internal-reference",
            "DNR 2026/117",
        ],
    );
    let report = register.read(REPORT);
    assert!(
        report.contains("title: Exportfel hos Exempel kommun"),
        "{report}"
    );
    assert!(
        report.contains("internal_reference: DNR 2026/117"),
        "{report}"
    );
    // The acknowledgement goes to the sender and the contacts, with both case numbers.
    let output = register
        .cmd()
        .args([
            "export",
            "customer",
            "2026-0001",
            "--notice",
            "acknowledgement",
            "--language",
            "en",
        ])
        .output()
        .unwrap();
    insta::assert_snapshot!(transcript(&output));
}

#[test]
fn a_message_over_the_limit_is_refused_before_it_is_read() {
    let register = TestRegister::new();
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(&plain()).unwrap();
    // 50 MB of attachment-like lines, written in pieces.
    let line = [b'A'; 1023];
    for _ in 0..50 * 1024 {
        file.write_all(&line).unwrap();
        file.write_all(b"\n").unwrap();
    }
    file.flush().unwrap();
    let output = register
        .cmd()
        .args(["new", "--from-mail", file.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("is 51 MB; messages over the limit of 25 MB are not taken in"),
        "{}",
        stderr(&output)
    );
    assert_eq!(register.commits().len(), 1, "nothing recorded");
}

#[test]
fn a_maildir_is_taken_in_once_per_message() {
    let register = TestRegister::new();
    let maildir = tempfile::TempDir::new().unwrap();
    for sub in ["new", "cur", "tmp"] {
        std::fs::create_dir(maildir.path().join(sub)).unwrap();
    }
    let second = message(
        &[
            "From: bo@kund.example",
            "Subject: Incidentrapport: Inloggning nere",
            "Date: Sat, 28 Mar 2026 07:00:00 +0100",
            "Message-ID: <second@kund.example>",
        ],
        "Observation och yttrande\nIngen kan logga in.\n",
    );
    std::fs::write(maildir.path().join("new/1.eml"), plain()).unwrap();
    std::fs::write(maildir.path().join("new/2.eml"), &second).unwrap();
    // The first message again, as a mail program keeps it once read.
    std::fs::write(maildir.path().join("cur/1.eml:2,S"), plain()).unwrap();
    let output = register
        .cmd()
        .args(["new", "--from-mail", maildir.path().to_str().unwrap()])
        .output()
        .unwrap();
    let told = stderr(&output);
    assert!(
        told.contains(
            "The message <plain-1@kund.example> was already taken in as 2026-0001; skipped"
        ),
        "{told}"
    );
    assert!(
        told.contains("Maildir: 2 taken in, 1 skipped (already taken in), 0 refused"),
        "{told}"
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "2026-0001\n2026-0002\n"
    );
    let commits = register.commits();
    assert_eq!(commits.len(), 3, "one entry a message taken in");
    // Run again: everything is known by its Message-ID.
    let again = register
        .cmd()
        .args(["new", "--from-mail", maildir.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        stderr(&again).contains("Maildir: 0 taken in, 3 skipped"),
        "{}",
        stderr(&again)
    );
    assert_eq!(register.commits().len(), 3);
}

#[test]
fn the_printed_template_filled_in_is_read_back() {
    let register = TestRegister::new();
    let template = register
        .cmd()
        .args(["template", "mail", "--language", "en"])
        .output()
        .unwrap();
    let template = String::from_utf8(template.stdout).unwrap();
    let (subject, body) = template.split_once('\n').unwrap();
    let subject = subject
        .strip_prefix("Subject: ")
        .unwrap()
        .replace("<short title>", "Wrong recipient");
    let filled = body
        .replace("<Describe what was observed and how the incident shows itself.>", "A letter went to the wrong address.")
        .replace("<Say whether personal data are or may be affected. If not, write \"No\".>", "No")
        .replace(
            "<Say when the incident was first discovered (YYYY-MM-DD HH:MM), when it began, and whether it is still going on or when it ended.>",
            "Discovered 2026-03-27 14:05, ended 2026-03-27 15:00",
        )
        .replace(
            "<Name, e-mail address and phone number of those to be kept informed of the handling, one person a line.>",
            "Eva Exempel, eva@kund.example, +46 70 555 66 77",
        );
    let bytes = message(
        &[
            "From: eva@kund.example",
            &format!("Subject: {subject}"),
            "Date: Fri, 27 Mar 2026 16:00:00 +0100",
            "Message-ID: <filled@kund.example>",
        ],
        &filled,
    );
    let output = register
        .cmd()
        .args(["new", "--from-mail", "-"])
        .write_stdin(bytes)
        .output()
        .unwrap();
    let report = register.read(REPORT);
    assert!(report.contains("title: Wrong recipient"), "{report}");
    assert!(
        report.contains("observed: A letter went to the wrong address."),
        "{report}"
    );
    assert!(
        report.contains("discovered:\n  date: \"2026-03-27\"\n  time: \"14:05\""),
        "{report}"
    );
    assert!(
        report.contains("ended:\n  date: \"2026-03-27\"\n  time: \"15:00\""),
        "{report}"
    );
    assert!(report.contains("ongoing: false"), "{report}");
    assert!(report.contains("    phone: +46 70 555 66 77"), "{report}");
    // The impact's hint left in place is no answer: listed, and exit 8.
    assert_eq!(output.status.code(), Some(8), "{}", stderr(&output));
    assert!(stderr(&output).contains("No: proposal no_personal_data (a person decides)"));
}

#[test]
fn times_that_cannot_all_be_true_are_left_out_and_listed() {
    let register = TestRegister::new();
    let bytes = message(
        &[
            "From: a@kund.example",
            "Subject: Incidentrapport: Ordning",
            "Message-ID: <order@kund.example>",
        ],
        "Tid och varaktighet\nUpptäcktes 2026-03-20 10:00, började 2026-03-25 12:00\n",
    );
    let output = take_in(&register, &bytes, &[]);
    assert_eq!(output.status.code(), Some(8), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("Occurred (occurred): left out: discovered (2026-03-20 10:00) is before occurred (2026-03-25 12:00)"),
        "{}",
        stderr(&output)
    );
    let report = register.read(REPORT);
    assert!(!report.contains("occurred:"), "{report}");
    assert!(
        report.contains("discovered:\n  date: \"2026-03-20\""),
        "{report}"
    );
}

#[test]
fn the_reporting_customer_is_listed_as_affected_in_the_same_entry() {
    let register = TestRegister::new();
    let output = take_in(&register, &plain(), &["--customer", "Exempelby kommun"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let notification = register.read("incidents/2026/2026-0001/notification.yaml");
    assert!(
        notification.contains("- name: Exempelby kommun"),
        "{notification}"
    );
    let commits = register.commits();
    assert_eq!(commits.len(), 2, "one entry");
    assert_eq!(
        commits[0].files,
        [
            EVIDENCE,
            "incidents/2026/2026-0001/notification.yaml",
            REPORT
        ]
    );
    // The acknowledgement is an obligation from the start.
    let deadlines = register
        .cmd()
        .args(["deadlines", "--json"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&deadlines.stdout).contains("acknowledge_customer"),
        "{}",
        String::from_utf8_lossy(&deadlines.stdout)
    );
}

/// The server's pre-receive hook accepts an incident with its evidence folder: the tool's
/// own entry is valid wherever it is checked. A later commit that changes the evidence
/// (plain Git, past the tool) is refused: evidence is kept as it was received.
#[test]
fn the_servers_hook_accepts_the_evidence_folder_and_refuses_a_change_to_it() {
    use common::servers::{BareRepo, Remote, hermetic};
    let bare = BareRepo::new("register");
    bare.guard_with_hook();
    let register = TestRegister::new();
    take_in(&register, &plain(), &[]);
    let mut push = std::process::Command::new("git");
    hermetic(&mut push)
        .args(["push", &bare.url(), "main"])
        .current_dir(register.root())
        .env("INCIDENT_LANG", "en");
    let output = push.output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(bare.rev("main"), Some(register.head()));

    // The evidence changed by hand and committed with plain Git: the hook refuses it.
    let evidence = "incidents/2026/2026-0001/evidence/mail.eml";
    let mut text = register.read(evidence);
    text.push_str("\nEn rad lagd till i efterhand.\n");
    register.write(evidence, &text);
    let commit = register.git_as_colleague(&["commit", "-am", "edit the mail"]);
    assert!(
        commit.status.success(),
        "{}{}",
        String::from_utf8_lossy(&commit.stdout),
        String::from_utf8_lossy(&commit.stderr)
    );
    let mut push = std::process::Command::new("git");
    hermetic(&mut push)
        .args(["push", &bare.url(), "main"])
        .current_dir(register.root())
        .env("INCIDENT_LANG", "en");
    let output = push.output().unwrap();
    assert!(!output.status.success());
    let said = stderr(&output);
    assert!(
        said.contains(evidence) && said.contains("is evidence, kept as it was received"),
        "{said}"
    );
    assert_ne!(bare.rev("main"), Some(register.head()));
}
