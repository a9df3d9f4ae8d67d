//! `incident import` of files as Excel saves them (issue 19, "Spreadsheets", the third
//! review): "CSV UTF-8" with its byte order mark and CR LF line ends, a line break inside
//! a quoted cell, empty trailing columns and a trailing empty line, a header whose case
//! differs from the mapping's, Swedish dates (`1/3/2021`), a date that has not come yet.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a helper outside a #[test] fails the test by panicking"
)]

mod common;

use common::{TestRegister, transcript};

const MAPPING: &str = r#"
date_format = "%d/%m/%Y"
[columns]
internal_reference = "Diarienr"
title = "Rubrik"
discovered = "Upptäckt"
description = "Beskrivning"
data_subjects = "Antal"
"#;

fn import(register: &TestRegister, csv: &[u8], extra: &[&str]) -> std::process::Output {
    std::fs::write(register.outside("old.csv"), csv).unwrap();
    std::fs::write(register.outside("map.toml"), MAPPING).unwrap();
    register
        .cmd()
        .arg("import")
        .arg(register.outside("old.csv"))
        .arg("--mapping")
        .arg(register.outside("map.toml"))
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn a_file_as_excel_saves_it_is_imported_with_its_line_breaks_as_written() {
    let register = TestRegister::new();
    // The header as typed over the years: upper case, a space before a delimiter.
    let csv = "\u{feff}DIARIENR ;rubrik;Upptäckt;Beskrivning;Antal;;\r\n\
               A1;Brev;1/3/2021;\"rad ett\r\nrad två\";5;;\r\n\
               A2;Mejl;2/3/2021 14:05;x;10-50;;\r\n\
               A3;Fax;3/3/2021;y;1000+;;\r\n\
               ;;;;;;\r\n\r\n";
    let output = import(&register, csv.as_bytes(), &[]);
    assert!(output.status.success(), "{}", transcript(&output));
    assert!(
        common::stderr(&output).contains("3 incidents imported (2021-0001 … 2021-0003)"),
        "{}",
        transcript(&output)
    );
    let report =
        std::fs::read_to_string(register.path("incidents/2021/2021-0001/report.yaml")).unwrap();
    assert!(report.contains("internal_reference: A1"), "{report}");
    // The cell's line break is the register's own (LF), not Windows' CR LF.
    assert!(!report.contains("\\r"), "{report}");
    assert!(!report.contains('\r'), "{report}");
    assert!(report.contains("rad ett"), "{report}");
}

#[test]
fn one_incident_imported_is_said_in_the_singular() {
    let register = TestRegister::new();
    let csv = "Diarienr;Rubrik;Upptäckt;Beskrivning;Antal\nA1;Brev;1/3/2021;x;5\n";
    let dry = import(&register, csv.as_bytes(), &["--dry-run"]);
    assert!(
        common::stderr(&dry).contains("Dry run: would import 1 incident; nothing was recorded."),
        "{}",
        transcript(&dry)
    );
    let output = import(&register, csv.as_bytes(), &[]);
    assert!(output.status.success(), "{}", transcript(&output));
    assert!(
        common::stderr(&output).contains("1 incident imported (2021-0001)\n"),
        "{}",
        transcript(&output)
    );
}

#[test]
fn a_discovery_that_has_not_come_yet_is_refused_with_its_line() {
    // The tests' now is 2026-03-27: 1/3/2027 is a year ahead, a mistyped year.
    let register = TestRegister::new();
    let before = register.commits().len();
    let csv = "Diarienr;Rubrik;Upptäckt;Beskrivning;Antal\n\
               A1;Brev;1/3/2021;x;5\n\
               A2;Mejl;1/3/2027;x;5\n";
    let output = import(&register, csv.as_bytes(), &[]);
    assert_eq!(output.status.code(), Some(2), "{}", transcript(&output));
    let stderr = common::stderr(&output);
    assert!(
        stderr.contains(
            "line 3, column \"Upptäckt\" (discovered): `1/3/2027` is more than 24 hours after now"
        ),
        "{stderr}"
    );
    assert_eq!(register.commits().len(), before);
    // In Swedish too.
    let swedish = register
        .cmd()
        .env("INCIDENT_LANG", "sv")
        .arg("import")
        .arg(register.outside("old.csv"))
        .arg("--mapping")
        .arg(register.outside("map.toml"))
        .output()
        .unwrap();
    assert!(
        common::stderr(&swedish).contains("`1/3/2027` ligger mer än 24 timmar efter nu"),
        "{}",
        transcript(&swedish)
    );
}

#[test]
fn a_file_with_excels_cr_lf_line_ends_names_each_row_by_its_own_line() {
    let register = TestRegister::new();
    let csv = "Diarienr;Rubrik;Upptäckt;Beskrivning;Antal\r\n\
               A1;Ett;9/3/2021;\"x\r\ny\";1\r\n\
               A2;Två;9/3/2021;y;ca 2\r\n";
    let output = import(&register, csv.as_bytes(), &[]);
    assert_eq!(output.status.code(), Some(2), "{}", transcript(&output));
    // A1 takes lines 2 and 3 (a line break in its quoted cell): A2 is line 4.
    assert!(
        common::stderr(&output).contains("line 4, column \"Antal\" (data_subjects): `ca 2`"),
        "{}",
        transcript(&output)
    );
    let csv = "Diarienr;Rubrik;Upptäckt;Beskrivning;Antal\r\n\
               A1;Ett;9/3/2021;x;1\r\n\
               A2;Två;9/3/2021;y;2\r\n\
               A3;Tre;9/3/2021;y\r\n";
    let output = import(&register, csv.as_bytes(), &[]);
    assert!(
        common::stderr(&output).contains("line 4: 4 cells, but the header has 5"),
        "{}",
        transcript(&output)
    );
}

#[test]
fn a_case_closed_before_it_was_discovered_is_refused() {
    let register = TestRegister::new();
    let mapping = "date_format = \"%d/%m/%Y\"\n[columns]\ntitle = \"Rubrik\"\n\
                   discovered = \"Upptäckt\"\nclosed = \"Avslutad\"\n";
    std::fs::write(register.outside("closed.toml"), mapping).unwrap();
    std::fs::write(
        register.outside("closed.csv"),
        "Rubrik;Upptäckt;Avslutad\nA;5/3/2021;20/3/2021\nB;5/3/2021;1/3/2021\n",
    )
    .unwrap();
    let output = register
        .cmd()
        .arg("import")
        .arg(register.outside("closed.csv"))
        .arg("--mapping")
        .arg(register.outside("closed.toml"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", transcript(&output));
    assert!(
        common::stderr(&output).contains(
            "line 3, column \"Avslutad\" (closed): 2021-03-01 is before the discovery (2021-03-05"
        ),
        "{}",
        transcript(&output)
    );
}

#[test]
fn a_file_read_with_the_wrong_delimiter_is_told_to_give_the_right_one() {
    let register = TestRegister::new();
    let csv = "Diarienr;Rubrik;Upptäckt;Beskrivning;Antal\nA1;Brev;1/3/2021;x;5\n";
    let output = import(&register, csv.as_bytes(), &["--delimiter", "comma"]);
    assert_eq!(output.status.code(), Some(2), "{}", transcript(&output));
    assert!(
        common::stderr(&output)
            .contains("hint: the header was read as one column: the file has another delimiter"),
        "{}",
        transcript(&output)
    );
}
