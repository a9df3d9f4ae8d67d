//! Nothing a person typed controls the terminal it is shown on: control sequences, the
//! bell, an OSC 52 clipboard write and a right-to-left override in a title are shown
//! escaped by every command and in the journal's subject, while the files keep them;
//! validate warns of them in text bound for IMY.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a helper outside a #[test] fails the test by panicking"
)]

mod common;

use common::TestRegister;

/// Clears the screen, writes the clipboard, rings the bell, a C1 CSI, and reverses text.
const TITLE: &str = "Fel\u{1b}[2J mottagare\u{1b}]52;c;aGVq\u{7} \u{9b}31m abc\u{202e}fed";

fn assert_safe(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    for (name, raw) in [
        ("ESC", '\u{1b}'),
        ("BEL", '\u{7}'),
        ("CSI", '\u{9b}'),
        ("RLO", '\u{202e}'),
    ] {
        assert!(!text.contains(raw), "{what} shows a raw {name}: {text:?}");
    }
}

#[test]
fn a_title_with_control_sequences_is_shown_escaped_everywhere_and_kept_in_the_file() {
    let register = TestRegister::new();
    let new = register
        .cmd()
        .args(["new", "--title", TITLE, "--discovered", "2026-03-27 10:00"])
        .output()
        .unwrap();
    assert!(
        new.status.success(),
        "{}",
        String::from_utf8_lossy(&new.stderr)
    );
    assert_safe("new", &new.stderr);
    assert!(
        String::from_utf8_lossy(&new.stderr).contains("Fel\\u{1b}[2J mottagare"),
        "shown as its escape"
    );
    for args in [
        &["list"][..],
        &["list", "--json"],
        &["show", "2026-0001"],
        &["show", "2026-0001", "--json"],
        &["history", "2026-0001"],
        &["export", "imy", "2026-0001", "--draft"],
        &["export", "report", "2026-0001"],
        &["deadlines"],
    ] {
        let output = register.cmd().args(args).output().unwrap();
        assert_safe(&format!("{args:?} stdout"), &output.stdout);
        assert_safe(&format!("{args:?} stderr"), &output.stderr);
    }
    // The journal's subject is escaped; the file keeps what was typed.
    let subject = &register.commits()[0].subject;
    assert!(
        subject.starts_with("2026-0001: reported: Fel\\u{1b}[2J"),
        "{subject}"
    );
    let show = register
        .cmd()
        .args(["show", "2026-0001", "--json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&show.stdout).unwrap();
    assert_eq!(json["report"]["title"], TITLE, "the data are unchanged");
    // validate warns of each, with the file and line.
    let validate = register.cmd().args(["validate"]).output().unwrap();
    let said = String::from_utf8_lossy(&validate.stdout);
    assert_eq!(validate.status.code(), Some(0), "{said}");
    assert!(
        said.contains("warning: incidents/2026/2026-0001/report.yaml:")
            && said.contains("holds the invisible control character \\u{202e}"),
        "{said}"
    );
    assert_safe("validate", &validate.stdout);
}

#[test]
fn an_error_quoting_what_was_typed_is_escaped() {
    let register = TestRegister::new();
    let output = register
        .cmd()
        .args(["new", "--title", "x", "--discovered", "\u{1b}[2J2026"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_safe("error", &output.stderr);
    assert!(String::from_utf8_lossy(&output.stderr).contains("\\u{1b}[2J2026"));
}
