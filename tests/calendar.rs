//! End-to-end tests of `incident deadlines --format ics`: the file read back by a strict
//! parser, its CRLF line ends, folding and escaping, stable UIDs, an owner's measures.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a helper fails the test by panicking"
)]

mod common;

use common::{TestRegister, stderr};
use icalendar::Component;

/// One incident whose title holds a `;`, a `,` and a line break, with two planned measures.
fn register_with_measures() -> TestRegister {
    let register = TestRegister::new();
    register.new_incident(&[
        "--title",
        "Brev till fel mottagare; lista, bilaga\nandra raden",
        "--discovered",
        "2026-03-26 09:00",
        "--occurred",
        "2026-03-26",
    ]);
    for (what, by, due) in [
        ("Byt lösenord på delade kontot", "Eva Ek", "2026-04-10"),
        ("Utbilda handläggarna i utskick", "Olle Ö", "2026-04-20"),
    ] {
        register
            .cmd()
            .args([
                "log",
                "2026-0001",
                "--planned",
                "--action",
                what,
                "--purpose",
                "prevent",
                "--by",
                by,
                "--due",
                due,
            ])
            .assert()
            .success();
    }
    register
}

fn calendar(register: &TestRegister, extra: &[&str]) -> String {
    let output = register
        .cmd()
        .args(["deadlines", "--format", "ics"])
        .args(extra)
        .output()
        .unwrap();
    assert!(
        output.status.code() == Some(0) || output.status.code() == Some(5),
        "{}",
        stderr(&output)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn the_calendar_is_strict_rfc_5545_with_crlf_folding_and_escaping() {
    let register = register_with_measures();
    let text = calendar(&register, &[]);
    assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"));
    // Every content line ends in CRLF and is at most 75 octets (RFC 5545 §3.1).
    assert!(text.ends_with("\r\n"));
    for line in text.split_terminator("\r\n") {
        assert!(!line.contains('\n') && !line.contains('\r'), "{line:?}");
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
    // Long lines were folded: a continuation line begins with a space.
    assert!(text.contains("\r\n "));
    // The title's `;`, `,` and line break are escaped (RFC 5545 §3.3.11).
    let unfolded = icalendar::parser::unfold(&text);
    assert!(
        unfolded.contains(r"Brev till fel mottagare\; lista\, bilaga\nandra raden"),
        "{unfolded}"
    );
    // The crate's strict parser reads it back, text unescaped.
    let parsed = icalendar::parser::read_calendar(&unfolded).unwrap();
    let calendar: icalendar::Calendar = parsed.into();
    let events: Vec<_> = calendar.events().collect();
    assert!(events.len() >= 4, "{events:?}");
    let imy = events
        .iter()
        .find(|e| e.get_uid().unwrap().starts_with("2026-0001-notify_imy@"))
        .unwrap();
    assert!(
        imy.get_description()
            .unwrap()
            .contains("Brev till fel mottagare; lista, bilaga\nandra raden")
    );
    assert!(
        imy.get_description()
            .unwrap()
            .contains("GDPR Art. 33(1): notify IMY within 72 hours")
    );
    assert_eq!(
        imy.property_value("DTSTART"),
        Some("20260329T080000Z"),
        "72 elapsed hours after 09:00 CET, in UTC"
    );
    for event in &events {
        // Each has its alarm, a DTSTAMP from the fixed clock, a SEQUENCE.
        assert_eq!(event.property_value("DTSTAMP"), Some("20260327T110000Z"));
        assert!(event.get_sequence().is_some());
        assert_eq!(event.components().len(), 1);
        assert_eq!(
            event.components()[0].property_value("TRIGGER"),
            Some("-PT24H")
        );
    }
}

#[test]
fn a_later_export_keeps_the_uids_and_raises_the_sequence() {
    let register = register_with_measures();
    let uids_and_sequence = |text: &str| {
        let calendar: icalendar::Calendar = text.parse().unwrap();
        let mut uids: Vec<String> = calendar
            .events()
            .map(|e| e.get_uid().unwrap().to_string())
            .collect();
        uids.sort();
        let sequence = calendar.events().next().unwrap().get_sequence().unwrap();
        (uids, sequence)
    };
    let first = calendar(&register, &[]);
    let later = register
        .cmd()
        .env("INCIDENT_NOW", "2026-03-28T12:00:00+01:00")
        .args(["deadlines", "--format", "ics"])
        .output()
        .unwrap();
    let later = String::from_utf8(later.stdout).unwrap();
    let (first_uids, first_sequence) = uids_and_sequence(&first);
    let (later_uids, later_sequence) = uids_and_sequence(&later);
    assert_eq!(first_uids, later_uids);
    assert!(later_sequence > first_sequence);
    // The register's organisation, not a name, is in the UIDs' domain.
    assert!(
        first_uids
            .iter()
            .all(|uid| uid.ends_with(".incident.invalid"))
    );
}

#[test]
fn an_owner_gets_their_own_measures_and_the_file_can_be_written() {
    let register = register_with_measures();
    let path = register.path("eva.ics");
    let output = register
        .cmd()
        .args([
            "deadlines",
            "--format",
            "ics",
            "--owner",
            "eva ek",
            "--alarm-hours",
            "48",
            "--output",
        ])
        .arg(&path)
        .output()
        .unwrap();
    assert!(output.stdout.is_empty());
    assert!(stderr(&output).contains("(1 event)"), "{}", stderr(&output));
    let text = std::fs::read_to_string(&path).unwrap();
    let calendar: icalendar::Calendar = text.parse().unwrap();
    let events: Vec<_> = calendar.events().collect();
    assert_eq!(events.len(), 1);
    assert!(
        events[0]
            .get_uid()
            .unwrap()
            .starts_with("2026-0001-planned_measure-1@")
    );
    assert_eq!(
        events[0].property_value("DTSTART"),
        Some("20260410T215900Z")
    );
    assert_eq!(
        events[0].components()[0].property_value("TRIGGER"),
        Some("-PT48H")
    );
}

#[test]
fn the_calendar_flags_need_the_calendar() {
    let register = register_with_measures();
    let output = register
        .cmd()
        .args(["deadlines", "--format", "table", "--owner", "Eva Ek"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--owner"), "{}", stderr(&output));
}

#[test]
fn a_small_calendar_in_swedish() {
    let register = TestRegister::new();
    register.new_incident(&[
        "--title",
        "Fel mottagare",
        "--discovered",
        "2026-03-26 09:00",
        "--occurred",
        "2026-03-26",
    ]);
    let output = register
        .cmd()
        .env("INCIDENT_LANG", "sv")
        .args(["deadlines", "--format", "ics", "--incident", "2026-0001"])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    insta::assert_snapshot!(text.replace("\r\n", "⏎\n"));
}

/// `--output NAME`, a bare file name as people type it, is written in the current folder
/// (it was refused: "could not flush : No such file or directory", exit 10).
#[test]
fn a_bare_file_name_is_written_in_the_current_folder() {
    let register = register_with_measures();
    let output = register
        .cmd()
        .args(["deadlines", "--format", "ics", "--output", "frister.ics"])
        .output()
        .unwrap();
    // 5: the register's DPO contact is overdue, as the listing says.
    assert_eq!(output.status.code(), Some(5), "{}", stderr(&output));
    let text = register.read("frister.ics");
    let calendar: icalendar::Calendar = text.parse().unwrap();
    assert!(calendar.events().count() > 0);
}

/// A measure due on 10 April is open to the end of that day; its event is on 10 April
/// (its last minute, 23:59 in the register's zone), not at 00:00 on 11 April, where a
/// calendar would show it a day late.
#[test]
fn a_measure_s_event_is_on_its_due_day() {
    let register = register_with_measures();
    let text = calendar(&register, &["--owner", "Eva Ek"]);
    let calendar: icalendar::Calendar = text.parse().unwrap();
    let events: Vec<_> = calendar.events().collect();
    assert_eq!(events.len(), 1);
    assert_eq!(
        events[0].property_value("DTSTART"),
        Some("20260410T215900Z")
    );
    let description = events[0].property_value("DESCRIPTION").unwrap();
    assert!(
        description.contains("Due: 2026-04-10 23:59 +02:00"),
        "{description}"
    );
}

/// `--at` evaluates the obligations at another moment; the file is still made now. Its
/// DTSTAMP and SEQUENCE come from the clock: a look a week ahead must not give a SEQUENCE
/// that the real exports after it stay below (a calendar would ignore their updates).
#[test]
fn at_moves_the_states_not_the_stamp_nor_the_sequence() {
    let register = register_with_measures();
    let now = calendar(&register, &[]);
    let ahead = calendar(&register, &["--at", "2026-04-20 12:00"]);
    let event = |text: &str, what: &str| -> String {
        let calendar: icalendar::Calendar = text.parse().unwrap();
        let first = calendar.events().next().unwrap();
        first.property_value(what).unwrap().to_string()
    };
    assert_eq!(event(&ahead, "DTSTAMP"), "20260327T110000Z");
    assert_eq!(event(&ahead, "SEQUENCE"), event(&now, "SEQUENCE"));
    // The states are those of 20 April: the measure due 10 April is overdue by then.
    assert!(
        ahead.contains("FÖRSENAD") || ahead.contains("OVERDUE"),
        "{ahead}"
    );
}

/// `--as-of` reads the register as it was; the file is still made now (DTSTAMP).
#[test]
fn as_of_reads_the_past_and_stamps_the_file_now() {
    let register = register_with_measures();
    let output = register
        .cmd()
        .env("INCIDENT_NOW", "2026-03-28T12:00:00+01:00")
        .args([
            "deadlines",
            "--format",
            "ics",
            "--as-of",
            "2026-03-27 12:00",
        ])
        .output()
        .unwrap();
    assert!(
        output.status.code() == Some(0) || output.status.code() == Some(5),
        "{}",
        stderr(&output)
    );
    let text = String::from_utf8(output.stdout).unwrap();
    let calendar: icalendar::Calendar = text.parse().unwrap();
    let first = calendar.events().next().unwrap();
    assert_eq!(first.property_value("DTSTAMP"), Some("20260328T110000Z"));
}

#[test]
fn with_an_owner_the_exit_code_tells_of_that_person_s_measures_alone() {
    let register = register_with_measures();
    // On 15 April the notification to IMY and Eva's measure are overdue; Olle's is not.
    let exit_for = |owner: &str| {
        register
            .cmd()
            .args(["deadlines", "--format", "ics", "--at", "2026-04-15 12:00"])
            .args(["--owner", owner])
            .output()
            .unwrap()
            .status
            .code()
    };
    assert_eq!(exit_for("Olle Ö"), Some(0));
    assert_eq!(exit_for("Eva Ek"), Some(5));
    let everyone = register
        .cmd()
        .args(["deadlines", "--format", "ics", "--at", "2026-04-15 12:00"])
        .output()
        .unwrap();
    assert_eq!(everyone.status.code(), Some(5));
}

/// Python's `icalendar` (Debian's python3-icalendar), a parser written apart from the one
/// that writes the file: it must read every event with the properties RFC 5545 requires
/// (§3.6.1: UID, DTSTAMP, DTSTART; §3.6.6: a display alarm's ACTION, TRIGGER and
/// DESCRIPTION) and give back the register's text as it was. `.ci/run` installs it and
/// sets INCIDENT_REQUIRE_ICALENDAR=1, so that CI fails rather than skips without it.
#[test]
fn a_second_parser_reads_every_event_with_its_required_properties() {
    const CHECK: &str = r"
import sys, json, icalendar
calendar = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
assert calendar.get('VERSION') == '2.0' and calendar.get('PRODID')
events = []
for event in calendar.walk('VEVENT'):
    for name in ('UID', 'DTSTAMP', 'DTSTART', 'SUMMARY'):
        assert event.get(name) is not None, (name, event)
    assert event.decoded('DTSTART').utcoffset().total_seconds() == 0
    alarms = event.walk('VALARM')
    assert len(alarms) == 1
    for name in ('ACTION', 'TRIGGER', 'DESCRIPTION'):
        assert alarms[0].get(name) is not None, (name, alarms[0])
    events.append({'uid': str(event['UID']), 'summary': str(event['SUMMARY']),
                   'description': str(event['DESCRIPTION'])})
print(json.dumps(events))
";
    let python = std::path::Path::new("/usr/bin/python3");
    let present = python.exists()
        && std::process::Command::new(python)
            .args(["-c", "import icalendar"])
            .output()
            .is_ok_and(|o| o.status.success());
    if !present {
        assert!(
            std::env::var_os("INCIDENT_REQUIRE_ICALENDAR").is_none(),
            "python3-icalendar is required (INCIDENT_REQUIRE_ICALENDAR) and missing"
        );
        eprintln!("skipped: /usr/bin/python3 with icalendar (python3-icalendar) is missing");
        return;
    }
    let register = register_with_measures();
    let text = calendar(&register, &[]);
    let mut child = std::process::Command::new(python)
        .args(["-c", CHECK])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
    }
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let events: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    assert!(events.len() >= 4, "{events:?}");
    let imy = events
        .iter()
        .find(|e| {
            e["uid"]
                .as_str()
                .unwrap()
                .starts_with("2026-0001-notify_imy@")
        })
        .unwrap();
    assert!(
        imy["summary"]
            .as_str()
            .unwrap()
            .contains("Brev till fel mottagare; lista, bilaga"),
        "{imy}"
    );
    assert!(
        imy["description"]
            .as_str()
            .unwrap()
            .contains("Brev till fel mottagare; lista, bilaga\nandra raden"),
        "{imy}"
    );
}
