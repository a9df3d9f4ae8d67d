//! End-to-end tests of `incident new --from-mail` with messages as real mail programs and
//! mail flows make them: Gmail's and Outlook's HTML, the Swedish template filled in, a
//! message met again (another case of its Message-ID, no Message-ID), a reply to a report
//! taken in, empty input, and the evidence edited by hand.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a helper outside a #[test] fails the test by panicking"
)]

mod common;

use common::mail::{EVIDENCE, REPORT, base64, message, plain, take_in};
use common::{TestRegister, stderr};

/// Gmail and Apple Mail write each line of an HTML body as a `<div>`, and a form pasted
/// into Outlook is a table: each heading is still a line of its own, and `&nbsp;` a space.
#[test]
fn an_html_only_message_of_divs_and_a_table_is_read_by_its_headings() {
    let register = TestRegister::in_language("sv");
    let html = "<div dir=\"ltr\"><div>Observation och yttrande</div><div>Fel&nbsp;kunds brukare syns<br>i&nbsp;listan.</div><div><br></div><table><tr><td><b>P&aring;verkan p&aring; personuppgifter:</b></td><td>Nej</td></tr></table><div>Tid och varaktighet</div><div>Uppt&auml;cktes 27 mars 2026 kl.&nbsp;08.15</div></div>";
    let bytes = message(
        &[
            "From: Kalle Kund <kalle@kund.example>",
            "Subject: Incidentrapport - Fel kund i listan",
            "Date: Fri, 27 Mar 2026 10:00:00 +0100",
            "Message-ID: <CAF=gmail-1@mail.gmail.com>",
            "MIME-Version: 1.0",
            "Content-Type: text/html; charset=\"UTF-8\"",
        ],
        html,
    );
    let output = take_in(&register, &bytes, &[]);
    let report = register.read(REPORT);
    for expected in [
        "observed: |-\n  Fel kunds brukare syns\n  i listan.",
        "  date: \"2026-03-27\"\n  time: 08:15",
    ] {
        assert!(report.contains(expected), "{expected}\n{report}");
    }
    assert!(
        stderr(&output)
            .contains("No: proposal no_personal_data (a person decides) — line 5: ”Nej”"),
        "{}",
        stderr(&output)
    );
}

/// The same message met again: its Message-ID written in another case (a gateway that
/// lowercases headers) is the same message; a message without a Message-ID is recognised
/// when it is the same bytes, and the person is told that only a copy is recognised.
#[test]
fn a_message_met_again_is_recognised_without_its_exact_message_id() {
    let register = TestRegister::new();
    let first = message(
        &[
            "From: bo@kund.example",
            "Subject: Incidentrapport: Inloggning nere",
            "Date: Sat, 28 Mar 2026 07:00:00 +0100",
            "Message-ID: <DB9PR01MB1234@eurprd01.prod.OUTLOOK.com>",
        ],
        "Observation och yttrande\nIngen kan logga in.\n",
    );
    take_in(&register, &first, &[]);
    let lowered = String::from_utf8(first.clone()).unwrap().replace(
        "<DB9PR01MB1234@eurprd01.prod.OUTLOOK.com>",
        "db9pr01mb1234@eurprd01.prod.outlook.com",
    );
    let again = take_in(&register, lowered.as_bytes(), &[]);
    assert!(
        stderr(&again).contains("was already taken in as 2026-0001; skipped"),
        "{}",
        stderr(&again)
    );
    assert_eq!(
        register.commits().len(),
        2,
        "init and the first message only"
    );

    let without = message(
        &[
            "From: bo@kund.example",
            "Subject: Incidentrapport: Utskrift nere",
            "Date: Sat, 28 Mar 2026 08:00:00 +0100",
        ],
        "Observation och yttrande\nIngen kan skriva ut.\n",
    );
    let output = take_in(&register, &without, &[]);
    assert!(
        stderr(&output).contains("The message has no Message-ID"),
        "{}",
        stderr(&output)
    );
    let copy = take_in(&register, &without, &[]);
    assert!(
        stderr(&copy).contains("The same message (SHA-256 "),
        "{}",
        stderr(&copy)
    );
    assert!(
        stderr(&copy).contains("was already taken in as 2026-0002; skipped"),
        "{}",
        stderr(&copy)
    );
    assert_eq!(copy.status.code(), Some(0));
    assert_eq!(
        register.commits().len(),
        3,
        "the copy is not recorded again"
    );
}

/// The evidence is kept as it was received: an edit of it by hand is a problem that
/// `validate` names, and `record` refuses to put it in the journal.
#[test]
fn evidence_edited_by_hand_is_refused_not_recorded() {
    let register = TestRegister::new();
    take_in(&register, &plain(), &[]);
    let mut edited = plain();
    edited.extend_from_slice(b"P.S. added later\r\n");
    std::fs::write(register.path(EVIDENCE), &edited).unwrap();
    let validate = register.cmd().arg("validate").output().unwrap();
    assert_ne!(validate.status.code(), Some(0), "{}", stderr(&validate));
    let told = format!(
        "{}{}",
        String::from_utf8_lossy(&validate.stdout),
        stderr(&validate)
    );
    assert!(
        told.contains("is evidence, kept as it was received"),
        "{told}"
    );
    assert!(
        !told.contains("`incident record -m WHY` records it"),
        "{told}"
    );
    let record = register
        .cmd()
        .args(["record", "-m", "typo"])
        .output()
        .unwrap();
    assert_ne!(record.status.code(), Some(0), "{}", stderr(&record));
    assert_eq!(register.commits().len(), 2, "nothing recorded");
    assert_eq!(
        std::fs::read(register.path(EVIDENCE)).unwrap(),
        edited,
        "kept on disk"
    );
}

/// A reply to a report already taken in (its In-Reply-To or References names the report's
/// Message-ID: "SV: Incidentrapport …" quoting the report) is not a new incident: it is
/// skipped, naming the incident it belongs to, where it was recorded as a second incident
/// read from the quoted report.
#[test]
fn a_reply_to_a_report_taken_in_is_not_a_new_incident() {
    let register = TestRegister::new();
    take_in(&register, &plain(), &[]);
    let reply = message(
        &[
            "From: Anna Kund <anna@kund.example>",
            "Subject: SV: Incidentrapport - Export med fel kunds brukare",
            "Date: Fri, 27 Mar 2026 11:50:00 +0100",
            "Message-ID: <reply-1@kund.example>",
            "In-Reply-To: <PLAIN-1@kund.example>",
            "References: <older@kund.example> <plain-1@kund.example>",
        ],
        "Ett tillägg: även modulen Bistånd.\n\nDen 27 mars 2026 11:30 skrev Anna Kund:\n> Observation och yttrande\n> En kund såg en annan kunds brukare i en export.\n",
    );
    let output = take_in(&register, &reply, &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stderr(&output).contains(
            "The message <reply-1@kund.example> replies to a report taken in as 2026-0001: not a new incident; skipped. Add what it says to 2026-0001"
        ),
        "{}",
        stderr(&output)
    );
    assert_eq!(register.commits().len(), 2, "init and the report only");
}

/// Empty input (a mail filter that passed nothing on) is no message: refused (exit 2), not
/// an incident of nothing with an empty file as its evidence.
#[test]
fn empty_input_is_refused_not_recorded() {
    let register = TestRegister::new();
    let piped = register
        .cmd()
        .args(["new", "--from-mail", "-"])
        .write_stdin("\r\n")
        .output()
        .unwrap();
    assert_eq!(piped.status.code(), Some(2), "{}", stderr(&piped));
    assert!(
        stderr(&piped).contains("--from-mail: is empty: no message to take in"),
        "{}",
        stderr(&piped)
    );
    let output = take_in(&register, b"", &[]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert_eq!(register.commits().len(), 1, "nothing recorded");
    // A message without a sender says so, not "?".
    let output = take_in(&register, b"Subject: Incidentrapport\r\n\r\nText\r\n", &[]);
    assert!(
        stderr(&output).contains("Read from the message from (no sender):"),
        "{}",
        stderr(&output)
    );
    assert!(
        register.commits()[0]
            .message
            .contains("Report by e-mail from (no sender).")
    );
}

/// The Swedish template, printed, filled in by a customer (the answers written under the
/// hints, which are left in place), sent as base64 UTF-8 with an encoded-word subject.
#[test]
fn the_printed_swedish_template_filled_in_is_read_back() {
    let register = TestRegister::in_language("sv");
    let template = register
        .cmd()
        .args(["template", "mail", "--language", "sv"])
        .output()
        .unwrap();
    let template = String::from_utf8(template.stdout).unwrap();
    let body = template.splitn(3, '\n').nth(2).unwrap();
    let filled = body
        .replace(
            "<Beskriv vad som har observerats och hur incidenten yttrar sig.>",
            "<Beskriv vad som har observerats och hur incidenten yttrar sig.>\nRapporten visade brukare från en annan kommun.",
        )
        .replace("<Ange om personuppgifter påverkas eller befaras påverkas. Om inte, ange ”Nej”.>", "Ja, namn och personnummer.")
        .replace(
            "<Ange när incidenten först upptäcktes (ÅÅÅÅ-MM-DD TT:MM), när den började, och om den fortfarande pågår eller när den upphörde.>",
            "Upptäcktes igår kl. 8.05, började 25/3 2026 kl. 22. Pågår fortfarande.",
        )
        .replace(
            "<Namn, e-postadress och telefonnummer till dem som ska få information om hanteringen, en person per rad.>",
            "Lisa Lind, lisa@kommun.example, 0701234567",
        );
    let bytes = message(
        &[
            "From: Lisa Lind <lisa@kommun.example>",
            "Subject: =?UTF-8?Q?Incidentrapport_=E2=80=93_Brukare_fr=C3=A5n_annan_kommun?=",
            "Date: Fri, 27 Mar 2026 09:41:12 +0100",
            "Message-ID: <sv-filled@kommun.example>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8; format=flowed",
            "Content-Transfer-Encoding: base64",
        ],
        &base64(filled.as_bytes()),
    );
    let output = take_in(&register, &bytes, &[]);
    let report = register.read(REPORT);
    for expected in [
        "title: Brukare från annan kommun",
        "observed: Rapporten visade brukare från en annan kommun.",
        "discovered:\n  date: \"2026-03-26\"\n  time: 08:05",
        "occurred:\n  date: \"2026-03-25\"\n  time: \"22:00\"",
        "ongoing: true",
        "    phone: \"0701234567\"",
        "Påverkan på personuppgifter enligt rapporten: Ja, namn och personnummer.",
    ] {
        assert!(report.contains(expected), "{expected}\n{report}");
    }
    assert!(!report.contains("<Beskriv"), "{report}");
    // The impact's hint left in place is no answer: listed, and exit 8.
    assert_eq!(output.status.code(), Some(8), "{}", stderr(&output));
}
