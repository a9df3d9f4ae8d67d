//! End-to-end tests of `list --format csv` and `stats --format csv` (issue 19,
//! "Spreadsheets"): UTF-8 with a byte order mark for Excel, a semicolon for Excel in
//! Swedish, headers in the interface's language, and cells that begin like a formula
//! made text (OWASP, CSV injection).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a helper outside a #[test] fails the test by panicking"
)]

mod common;

use common::{TestRegister, transcript};

fn stdout(register: &TestRegister, lang: &str, args: &[&str]) -> String {
    let output = register
        .cmd()
        .env("INCIDENT_LANG", lang)
        .args(args)
        .output()
        .unwrap();
    assert!(output.status.success(), "{args:?}: {}", transcript(&output));
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn list_as_csv_for_excel_in_swedish_and_in_english() {
    let register = TestRegister::new();
    register.new_incident(&["--title", "=HYPERLINK(\"http://x.example\";\"Klicka\")"]);
    register.new_incident(&["--title", "Brev till fel mottagare; två sidor"]);
    let swedish = stdout(
        &register,
        "sv",
        &["list", "--format", "csv", "--delimiter", "semicolon"],
    );
    insta::assert_snapshot!("list_csv_sv_semicolon", swedish);
    assert!(swedish.starts_with('\u{feff}'));
    let english = stdout(&register, "en", &["list", "--format", "csv"]);
    let mut lines = english.lines();
    assert_eq!(
        lines.next().unwrap(),
        "\u{feff}Id,Title,Discovered,Steps A–H,Severity,Verdict,Status"
    );
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("2026-0001,\"'=HYPERLINK(\"\"http://x.example\"\";\"\"Klicka\"\")\",")
    );
    // --json stays for scripts, the same as --format json.
    assert_eq!(
        stdout(&register, "en", &["list", "--json"]),
        stdout(&register, "en", &["list", "--format", "json"])
    );
}

#[test]
fn stats_as_csv_with_swedish_headers_and_decimal_commas() {
    let register = TestRegister::new();
    let id = register.new_incident(&[]);
    let notified = register
        .cmd()
        .args([
            "notified",
            "imy",
            &id,
            "--at",
            "2026-03-27 11:30",
            "--case-number",
            "IMY-1",
        ])
        .output()
        .unwrap();
    assert!(notified.status.success(), "{}", transcript(&notified));
    let swedish = stdout(
        &register,
        "sv",
        &["stats", "--format", "csv", "--delimiter", "semicolon"],
    );
    insta::assert_snapshot!("stats_csv_sv_semicolon", swedish);
    assert!(swedish.contains("Anmälan till IMY;tid till anmälan, median (timmar);1,5\n"));
    let english = stdout(&register, "en", &["stats", "--format", "csv"]);
    assert!(english.starts_with("\u{feff}Section,Item,Value\n"));
    assert!(english.contains("Notification to IMY,\"time to notification, median (hours)\",1.5\n"));
    assert_eq!(
        stdout(&register, "en", &["stats", "--json"]),
        stdout(&register, "en", &["stats", "--format", "json"])
    );
}

#[test]
fn stats_as_csv_is_written_to_the_output_file_when_one_is_given() {
    let register = TestRegister::new();
    register.new_incident(&["--title", "Brev till fel mottagare"]);
    let file = register.outside("uppfoljning.csv");
    let output = register
        .cmd()
        .args([
            "stats",
            "--format",
            "csv",
            "--delimiter",
            "semicolon",
            "--output",
        ])
        .arg(&file)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", transcript(&output));
    assert!(output.stdout.is_empty(), "{}", transcript(&output));
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(
        written.starts_with("\u{feff}Section;Item;Value\n"),
        "{written}"
    );
    assert!(written.contains("Incidents;all;1\n"), "{written}");
}
