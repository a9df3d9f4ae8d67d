//! End-to-end tests of `incident import FILE.csv --mapping MAP.toml` (issue 19,
//! "Spreadsheets"): a 1,000-row file with errors in chosen rows, refused whole or imported
//! without them in one journal entry; the CSV files that cannot be read at all (another
//! encoding, a missing column, a quote never closed, nothing in it), each exit 2 with
//! nothing committed; and the README's example.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a helper outside a #[test] fails the test by panicking"
)]

mod common;

use common::{TestRegister, transcript};

const MAPPING: &str = r#"
date_format = "%Y-%m-%d"
[columns]
internal_reference = "Diarienr"
title = "Rubrik"
occurred = "Inträffade"
discovered = "Upptäckt"
what_happened = "Typ"
data_subjects = "Antal"
closed = "Avslutad"
[values.what_happened]
"Felskick" = "misdirected_communication"
"#;

const HEADER: &str = "Diarienr;Rubrik;Inträffade;Upptäckt;Typ;Antal;Avslutad";

/// Line `line` of the generated file (the header is line 1): a valid row, or one with
/// an error of its own at lines 17 (a date that does not exist), 503 (a word the mapping
/// does not translate) and 999 (occurred after discovered, a rule of report.yaml).
fn row(line: usize) -> String {
    let year = 2019 + line % 3;
    let day = 1 + line % 28;
    let discovered = match line {
        17 => format!("{year}-02-30"),
        _ => format!("{year}-03-{day:02} 10:00"),
    };
    let occurred = match line {
        999 => format!("{year}-04-{day:02}"),
        _ => format!("{year}-03-{day:02}"),
    };
    let kind = if line == 503 { "Brevduva" } else { "Felskick" };
    format!(
        "DNR {year}/{line};Brev {line} till fel mottagare;{occurred};{discovered};{kind};{};{year}-05-01",
        line % 40 + 1
    )
}

fn thousand_rows() -> String {
    let mut text = format!("\u{feff}{HEADER}\n");
    for line in 2..=1001 {
        text.push_str(&row(line));
        text.push('\n');
    }
    text
}

fn import(register: &TestRegister, csv: &[u8], extra: &[&str]) -> std::process::Output {
    std::fs::write(register.outside("old.csv"), csv).unwrap();
    std::fs::write(register.outside("map.toml"), MAPPING).unwrap();
    let old = register.outside("old.csv");
    let map = register.outside("map.toml");
    let mut args = vec![
        "import".to_string(),
        old.display().to_string(),
        "--mapping".into(),
        map.display().to_string(),
    ];
    args.extend(extra.iter().map(|a| (*a).to_string()));
    register.cmd().args(&args).output().unwrap()
}

fn masked(register: &TestRegister, output: &std::process::Output) -> String {
    let old = register.outside("old.csv").display().to_string();
    transcript(output).replace(&old, "old.csv")
}

#[test]
fn a_thousand_rows_with_three_refused_import_nothing_and_name_the_three() {
    let register = TestRegister::new();
    let before = register.commits().len();
    let started = std::time::Instant::now();
    let output = import(&register, thousand_rows().as_bytes(), &[]);
    eprintln!("1,000 rows checked and refused in {:?}", started.elapsed());
    assert_eq!(output.status.code(), Some(2), "{}", transcript(&output));
    assert_eq!(register.commits().len(), before);
    assert!(!register.path("incidents").exists());
    insta::assert_snapshot!("refused_rows_en", masked(&register, &output));
    // The same report in Swedish.
    std::fs::write(register.outside("old.csv"), thousand_rows()).unwrap();
    let swedish = register
        .cmd()
        .env("INCIDENT_LANG", "sv")
        .arg("import")
        .arg(register.outside("old.csv"))
        .arg("--mapping")
        .arg(register.outside("map.toml"))
        .output()
        .unwrap();
    insta::assert_snapshot!("refused_rows_sv", masked(&register, &swedish));
}

#[test]
fn with_skip_invalid_the_other_997_are_one_journal_entry() {
    let register = TestRegister::new();
    // An incident of 2020 already there: the import takes the next free ids.
    register.new_incident(&["--discovered", "2020-01-05", "--occurred", "2020-01-05"]);
    let before = register.commits().len();
    let started = std::time::Instant::now();
    let output = import(&register, thousand_rows().as_bytes(), &["--skip-invalid"]);
    eprintln!("997 rows imported in {:?}", started.elapsed());
    assert!(output.status.success(), "{}", transcript(&output));
    let commits = register.commits();
    assert_eq!(
        commits.len(),
        before + 1,
        "one journal entry for the import"
    );
    let entry = &commits[0];
    assert_eq!(
        entry.subject,
        "register: 997 incidents imported from old.csv"
    );
    assert!(
        entry
            .message
            .contains("Rows skipped (--skip-invalid): 17, 503, 999"),
        "{}",
        entry.message
    );
    assert_eq!(entry.message.matches("\nIncident: ").count(), 997);
    // report.yaml and closure.yaml of each incident.
    assert_eq!(entry.files.len(), 2 * 997);
    // Lines 2.. take the years 2019, 2020, 2021 in turn; 2020 had one incident already.
    let report = register.read("incidents/2019/2019-0001/report.yaml");
    assert!(
        report.contains("internal_reference: DNR 2019/3\n"),
        "{report}"
    );
    assert!(
        register
            .path("incidents/2020/2020-0002/report.yaml")
            .exists()
    );
    // 333 rows of 2020 after the one there.
    let last_2020 = register.read("incidents/2020/2020-0334/report.yaml");
    assert!(last_2020.contains("DNR 2020/1000"), "{last_2020}");
    assert!(!register.path("incidents/2020/2020-0335").exists());
    let closure = register.read("incidents/2019/2019-0001/closure.yaml");
    assert!(
        closure.contains("closed_at: \"2019-05-01T00:00:00+02:00\""),
        "{closure}"
    );
    assert!(register.dirty().is_empty(), "{:?}", register.dirty());
    let validate = register.cmd().arg("validate").output().unwrap();
    assert!(validate.status.success(), "{}", transcript(&validate));
    // The next incident of 2020 takes the id after the imported ones.
    let next = register.new_incident(&["--discovered", "2020-12-01", "--occurred", "2020-12-01"]);
    assert_eq!(next, "2020-0335");
    let history = register
        .cmd()
        .args(["history", "2021-0001"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&history.stdout).contains("997 incidents imported"),
        "{}",
        transcript(&history)
    );
}

#[test]
fn a_dry_run_checks_every_row_and_records_nothing() {
    let register = TestRegister::new();
    let before = register.commits().len();
    let output = import(
        &register,
        thousand_rows().as_bytes(),
        &["--skip-invalid", "--dry-run"],
    );
    assert!(output.status.success(), "{}", transcript(&output));
    assert!(common::stderr(&output).contains("Dry run: would import 997 incidents"));
    assert_eq!(register.commits().len(), before);
}

#[test]
fn files_that_cannot_be_read_are_refused_with_their_line_and_nothing_is_committed() {
    let register = TestRegister::new();
    let before = register.commits().len();
    // Windows-1252, as Excel in Swedish saves plain "CSV": ö is the single byte 0xf6.
    let mut windows = format!("{HEADER}\n{}\n", row(2)).into_bytes();
    windows.extend_from_slice(b"DNR 1;Brev till G\xf6teborg;2021-01-01;2021-01-02;Felskick;1;\n");
    let cases: [(&str, Vec<u8>, &[&str]); 5] = [
        (
            "windows_1252",
            windows,
            &["line 3: not UTF-8", "Windows-1252", "CSV UTF-8"],
        ),
        (
            "missing_column",
            format!(
                "Diarienr;Titel;Inträffade;Upptäckt;Typ;Antal;Avslutad\n{}\n",
                row(2)
            )
            .into_bytes(),
            &["the column \"Rubrik\" (title in the mapping file) is not in the header"],
        ),
        (
            "quote",
            format!(
                "{HEADER}\n{}\nDNR 2;\"Brev;2021-01-01;2021-01-02;Felskick;1;\n{}\n",
                row(2),
                row(4)
            )
            .into_bytes(),
            &["line 3: a quote mark is opened and never closed"],
        ),
        (
            "cells",
            format!(
                "{HEADER}\n{}\nDNR 2;Brev; med semikolon;2021-01-01;2021-01-02;Felskick;1;\n",
                row(2)
            )
            .into_bytes(),
            &["line 3: 8 cells, but the header has 7"],
        ),
        ("empty", Vec::new(), &["is empty"]),
    ];
    for (name, bytes, said) in cases {
        let output = import(&register, &bytes, &[]);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{name}: {}",
            transcript(&output)
        );
        let text = common::stderr(&output);
        for words in said {
            assert!(text.contains(words), "{name}: {text}");
        }
        assert!(text.contains("nothing was imported"), "{name}: {text}");
        assert_eq!(register.commits().len(), before, "{name}");
    }
    let windows = import(
        &register,
        &[b"Rubrik\nBrev till G\xf6teborg\n".as_slice()].concat(),
        &[],
    );
    insta::assert_snapshot!("windows_1252_en", masked(&register, &windows));
}

#[test]
fn the_readmes_example_imports_four_incidents() {
    let register = TestRegister::in_language("sv");
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/import");
    let output = register
        .cmd()
        .env("INCIDENT_LANG", "sv")
        .arg("import")
        .arg(example.join("old-register.csv"))
        .arg("--mapping")
        .arg(example.join("mapping.toml"))
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", transcript(&output));
    assert_eq!(
        register.commits()[0].subject,
        "registret: 4 incidenter importerade från old-register.csv"
    );
    let report = register.read("incidents/2022/2022-0002/report.yaml");
    assert!(report.contains("key: disclosure_other"), "{report}");
    assert!(report.contains("from: 10\n"), "{report}");
    let validate = register.cmd().arg("validate").output().unwrap();
    assert!(validate.status.success(), "{}", transcript(&validate));
    let notification = register.read("incidents/2021/2021-0002/notification.yaml");
    assert!(
        notification.contains("submitted_at: \"2021-06-11T16:40:00+02:00\"")
            && notification.contains("case_number: DI-2021-2290"),
        "{notification}"
    );
    // The closed cases notified to IMY owe nothing; the open one and the closed one
    // without a verdict of a breach are what `deadlines` lists.
    let deadlines = register
        .cmd()
        .args(["deadlines", "--json"])
        .output()
        .unwrap();
    let listed = String::from_utf8_lossy(&deadlines.stdout);
    assert!(
        !listed.contains("2021-0001") && !listed.contains("2021-0002"),
        "{listed}"
    );
    assert!(listed.contains("2022-0002"), "{listed}");
    // The entry is the tool's, every file valid as of it, its objects in place.
    let verify = register.cmd().arg("verify").output().unwrap();
    assert!(verify.status.success(), "{}", transcript(&verify));
    let fsck = register.git(&["fsck", "--strict"]);
    assert!(
        fsck.status.success(),
        "{}",
        String::from_utf8_lossy(&fsck.stderr)
    );
}

#[test]
fn an_import_run_again_doubles_nothing_and_takes_in_only_the_rows_added() {
    let register = TestRegister::new();
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/import");
    let csv = std::fs::read_to_string(example.join("old-register.csv")).unwrap();
    let mapping = example.join("mapping.toml");
    let old = register.outside("old.csv");
    let run = |text: &str| {
        std::fs::write(&old, text).unwrap();
        register
            .cmd()
            .arg("import")
            .arg(&old)
            .arg("--mapping")
            .arg(&mapping)
            .output()
            .unwrap()
    };
    let first = run(&csv);
    assert!(first.status.success(), "{}", transcript(&first));
    let entries = register.commits().len();

    // The same file again: every row is held already; nothing is recorded.
    let again = run(&csv);
    assert!(again.status.success(), "{}", transcript(&again));
    let said = String::from_utf8_lossy(&again.stderr);
    assert!(
        said.contains("line 2: DNR 2021/14 → 2021-0001")
            && said.contains("Nothing new to import")
            && said.contains("Nothing was recorded"),
        "{said}"
    );
    assert_eq!(register.commits().len(), entries);
    assert!(!register.path("incidents/2021/2021-0003").exists());

    // A row added to the old file: only it is imported, and the entry names the others.
    let added = format!(
        "{csv}DNR 2022/9;Lista på fel skärm;2022-03-01;2022-03-02;Felskick;En lista visades.;Mänskligt fel;3;;;;;;\n"
    );
    let third = run(&added);
    assert!(third.status.success(), "{}", transcript(&third));
    let commits = register.commits();
    assert_eq!(commits.len(), entries + 1);
    assert!(
        commits[0].subject.contains("1 incident"),
        "{}",
        commits[0].subject
    );
    assert!(
        commits[0].message.contains("DNR 2022/3 → 2022-0001"),
        "{}",
        commits[0].message
    );
    let report = register.read("incidents/2022/2022-0003/report.yaml");
    assert!(
        report.contains("internal_reference: DNR 2022/9"),
        "{report}"
    );
    assert!(!register.path("incidents/2022/2022-0004").exists());
}
