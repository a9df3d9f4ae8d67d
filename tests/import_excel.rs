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
