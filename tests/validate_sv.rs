//! The problems `incident validate` finds in the register's files, in the interface's
//! language: the rules' own messages and the libraries' (the YAML reader's unknown and
//! missing fields and wrong types, the JSON Schema's), Swedish with `--lang sv` and
//! English with `--lang en`; file, line and field stay as they are (issue 17).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a helper fails the test by panicking"
)]

mod common;

use common::{TestRegister, transcript};

/// `incident validate` in both languages, after `edit` broke the first incident's report.
fn validate_both(edit: impl Fn(&str) -> String) -> (String, String) {
    let register = TestRegister::new();
    register.new_incident(&[]);
    let report = "incidents/2026/2026-0001/report.yaml";
    register.write(report, &edit(&register.read(report)));
    let run = |lang: &str| {
        let output = register
            .cmd()
            .args(["--lang", lang, "validate"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "an invalid file exits 1");
        transcript(&output)
    };
    (run("sv"), run("en"))
}

#[test]
fn a_rule_over_the_dates_is_told_in_swedish_and_in_english() {
    let (swedish, english) = validate_both(|text| {
        text.replace(
            "occurred:\n  date: \"2026-03-27\"",
            "occurred:\n  date: \"2026-03-29\"",
        )
    });
    insta::assert_snapshot!("rule_sv", swedish);
    insta::assert_snapshot!("rule_en", english);
}

#[test]
fn an_unknown_field_is_told_in_swedish_and_in_english() {
    let (swedish, english) =
        validate_both(|text| text.replace("id: 2026-0001", "id: 2026-0001\nowner: someone"));
    insta::assert_snapshot!("unknown_field_sv", swedish);
    insta::assert_snapshot!("unknown_field_en", english);
}

#[test]
fn a_missing_field_is_told_in_swedish_and_in_english() {
    let (swedish, english) = validate_both(|text| {
        text.lines()
            .filter(|line| !line.starts_with("title:"))
            .map(|line| format!("{line}\n"))
            .collect()
    });
    insta::assert_snapshot!("missing_field_sv", swedish);
    insta::assert_snapshot!("missing_field_en", english);
}

#[test]
fn a_value_of_the_wrong_type_is_told_in_swedish_and_in_english() {
    let (swedish, english) = validate_both(|text| {
        text.replace(
            "title: E-mail with health data to the wrong recipient",
            "title:\n- E-mail\n- health data",
        )
    });
    insta::assert_snapshot!("wrong_type_sv", swedish);
    insta::assert_snapshot!("wrong_type_en", english);
}

#[test]
fn a_schema_violation_is_told_in_swedish_and_in_english() {
    let (swedish, english) = validate_both(|text| {
        format!(
            "{text}processors:\n- name: Molntjänst AB\n  org_number: '12345'\ndata_categories:\n  keys:\n  - helth\n"
        )
    });
    insta::assert_snapshot!("schema_sv", swedish);
    insta::assert_snapshot!("schema_en", english);
}

#[test]
fn a_command_refuses_a_broken_hand_edit_in_the_readers_language() {
    let register = TestRegister::new();
    let id = register.new_incident(&[]);
    let report = "incidents/2026/2026-0001/report.yaml";
    let broken = register.read(report).replace(
        "title: E-mail with health data to the wrong recipient",
        "title: ' '",
    );
    register.write(report, &broken);
    let before = register.head();
    let log = |lang: &str| {
        register
            .cmd()
            .args([
                "--lang",
                lang,
                "log",
                &id,
                "--action",
                "Mail recalled",
                "--no-input",
            ])
            .output()
            .unwrap()
    };
    let swedish = log("sv");
    assert_eq!(swedish.status.code(), Some(1), "an invalid file exits 1");
    insta::assert_snapshot!("hand_edit_refused_sv", transcript(&swedish));
    let english = log("en");
    assert!(
        String::from_utf8_lossy(&english.stderr)
            .contains("incidents/2026/2026-0001/report.yaml:4: title: must not be empty"),
        "{english:?}"
    );
    assert_eq!(register.head(), before, "nothing recorded");
    assert_eq!(register.read(report), broken, "the person's edit is kept");
}
