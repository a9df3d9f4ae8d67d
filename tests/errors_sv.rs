//! Errors and their hints in the interface's language, by the binary: Swedish from the
//! prefix on with `--lang sv`, English unchanged with `--lang en` (issue 17, first part).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a helper fails the test by panicking"
)]

mod common;

use common::{TestRegister, stderr, transcript};

#[test]
fn an_unknown_incident_is_named_in_swedish_and_in_english() {
    let register = TestRegister::new();
    let swedish = register
        .cmd()
        .args(["--lang", "sv", "show", "2026-0009"])
        .output()
        .unwrap();
    insta::assert_snapshot!("unknown_incident_sv", transcript(&swedish));
    let english = register.cmd().args(["show", "2026-0009"]).output().unwrap();
    assert_eq!(english.status.code(), swedish.status.code());
    assert_eq!(
        stderr(&english),
        "error: no incident 2026-0009 in this register\n  hint: `incident list` shows the incidents\n"
    );
}

#[test]
fn a_date_that_does_not_exist_is_refused_in_swedish() {
    let register = TestRegister::new();
    let before = register.head();
    let output = register
        .cmd()
        .args([
            "--lang",
            "sv",
            "new",
            "--no-input",
            "--title",
            "Fel mottagare",
            "--discovered",
            "2026-02-30",
        ])
        .output()
        .unwrap();
    insta::assert_snapshot!("date_not_existing_sv", transcript(&output));
    assert_eq!(register.head(), before, "nothing is recorded");
}

#[test]
fn a_missing_measure_number_is_refused_in_swedish() {
    let register = TestRegister::new();
    let id = register.new_incident(&[]);
    let output = register
        .cmd()
        .args(["--lang", "sv", "log", &id, "--done", "1", "--no-input"])
        .output()
        .unwrap();
    insta::assert_snapshot!("no_planned_measures_sv", transcript(&output));
}

#[test]
fn outside_a_register_the_error_is_swedish_by_default() {
    let register = TestRegister::empty();
    let output = register
        .cmd()
        .env_remove("INCIDENT_LANG")
        .args(["list"])
        .output()
        .unwrap();
    let said = stderr(&output);
    assert!(
        said.starts_with("fel: inget register hittades i "),
        "{said}"
    );
    assert!(
        said.contains("\n  tips: skapa ett med `incident init`, eller peka ut ett med --register MAPP eller INCIDENT_REGISTER\n"),
        "{said}"
    );
}

#[test]
fn the_missing_answers_are_listed_in_swedish() {
    let register = TestRegister::new();
    let before = register.head();
    let new = register
        .cmd()
        .args(["--lang", "sv", "new", "--observed", "Något"])
        .output()
        .unwrap();
    insta::assert_snapshot!("new_missing_answers_sv", transcript(&new));
    assert_eq!(register.head(), before, "nothing is recorded");

    let id = register.new_incident(&[]);
    let assess = register
        .cmd()
        .args(["--lang", "sv", "assess", &id, "--ease", "maximum"])
        .output()
        .unwrap();
    insta::assert_snapshot!("assess_missing_answers_sv", transcript(&assess));
}

#[test]
fn a_value_a_flag_does_not_take_is_refused_in_swedish_with_the_values_it_takes() {
    let register = TestRegister::new();
    for (args, allowed) in [
        (
            &[
                "log",
                "2026-0001",
                "--planned",
                "--action",
                "x",
                "--purpose",
                "foo",
            ][..],
            "mitigate, prevent",
        ),
        (&["assess", "2026-0001", "--dpc-score", "7"], "1, 2, 3, 4"),
        (
            &["assess", "2026-0001", "--exception", "maybe"],
            "none, unintelligible, risk_removed, disproportionate_effort",
        ),
        (&["sync", "--keep", "both"], "mine (mina), theirs (deras)"),
    ] {
        let output = register
            .cmd()
            .args(["--lang", "sv"])
            .args(args)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains(&format!("är inget av de tillåtna värdena: {allowed}")),
            "{args:?}:\n{stderr}"
        );
        assert!(!stderr.contains("is not"), "{args:?}:\n{stderr}");
    }
}

#[test]
fn missing_answers_name_their_flags_with_swedish_placeholders_and_words() {
    let register = TestRegister::new();
    register.new_incident(&["--discovered", "2026-03-27 10:00"]);
    for (args, expected) in [
        (
            &["notified", "subjects", "2026-0001", "--no-input"][..],
            &[
                "--informed-at TID [--how TEXT]",
                "de har informerats",
                "--will-inform-on NÄR",
                "--not-informing NYCKLAR",
                "eller: varför inte (IMY fråga 35; GDPR art. 34.3)",
            ][..],
        ),
        (
            &["log", "2026-0001", "--no-input"],
            &[
                "--action TEXT",
                "vad som gjordes (eller, med --planned, vad som ska göras)",
            ],
        ),
    ] {
        let output = register
            .cmd()
            .args(["--lang", "sv"])
            .args(args)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let said = stderr(&output);
        for line in expected {
            assert!(said.contains(line), "{args:?} lacks {line:?}:\n{said}");
        }
        for english in ["they were", "what was done", " TIME", " WHEN", " KEYS"] {
            assert!(
                !said.contains(english),
                "{args:?} says {english:?}:\n{said}"
            );
        }
    }
}

#[test]
fn a_number_that_is_not_one_is_refused_in_swedish() {
    let register = TestRegister::new();
    for args in [
        &["stats", "--year", "abc"][..],
        &["log", "2026-0001", "--done", "x"],
    ] {
        let output = register
            .cmd()
            .args(["--lang", "sv"])
            .args(args)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let said = stderr(&output);
        assert!(said.contains(": inte ett heltal"), "{args:?}:\n{said}");
        assert!(!said.contains("invalid digit"), "{args:?}:\n{said}");
    }
}

#[test]
fn answers_of_a_new_report_that_disagree_are_bad_input_naming_the_flag() {
    let register = TestRegister::new();
    let output = register
        .cmd()
        .args([
            "--lang",
            "sv",
            "new",
            "--no-input",
            "--title",
            "x",
            "--discovered",
            "2026-03-27 09:00",
            "--occurred",
            "2026-03-27 10:00",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let said = stderr(&output);
    assert!(
        said.starts_with(
            "fel: svaren går inte ihop, så ingenting registrerades:\n  --discovered: "
        ),
        "{said}"
    );
    assert!(!said.contains("report.yaml"), "no file was written: {said}");
    assert!(!register.path("incidents/2026/2026-0001").exists());
}
