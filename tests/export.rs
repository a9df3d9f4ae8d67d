//! End-to-end tests of the exports (IMY notification, letter, report) and of recording what
//! was sent (`incident notified`). The two seed notifications in examples/register are
//! snapshot in every format.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a helper outside a #[test] fails the test by panicking"
)]

mod common;

use common::{TestRegister, assess_sensitive, transcript};

fn example(args: &[&str]) -> std::process::Output {
    let register = TestRegister::empty();
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/register");
    register
        .cmd()
        .arg("--register")
        .arg(example)
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn the_seed_notifications_in_every_format() {
    for id in ["2021-0001", "2023-0001"] {
        for format in ["text", "markdown", "json"] {
            let output = example(&["export", "imy", id, "--format", format, "--draft"]);
            assert_eq!(output.status.code(), Some(0), "{id} {format}");
            insta::assert_snapshot!(format!("imy_{id}_{format}"), transcript(&output));
        }
    }
}

#[test]
fn every_heading_is_imys_and_every_seed_answer_is_there() {
    let output = example(&["export", "imy", "2021-0001", "--draft"]);
    let text = String::from_utf8(output.stdout).unwrap();
    let catalogue: toml::Value =
        toml::from_str(&std::fs::read_to_string("catalogue/imy-form.toml").unwrap()).unwrap();
    for question in catalogue["question"].as_array().unwrap() {
        let number = question["number"].as_integer().unwrap();
        let heading = question["sv"].as_str().unwrap();
        // 32 and 34 are shown only when 31 = Ja and 33 = Ja (the form's conditions).
        if [32, 34].contains(&number) {
            assert!(
                !text.contains(&format!("{number}. {heading}")),
                "q{number} is conditional"
            );
            continue;
        }
        assert!(
            text.contains(&format!("\n{number}. {heading}")),
            "q{number} `{heading}` missing"
        );
    }
    for answer in [
        "Box 503",
        "127 26",
        "Datum: 2021-04-13\nKlockslag: 08:30",
        "Enheten upplevde att definition av incidenten varit olika",
        "Obehörigt röjande: Övrigt",
        "USB-stickan är nu trasig",
        "En anställd informerade oss",
        "Mänskliga faktorn: Fel i det enskilda fallet",
        "Offentlig sektor",
        "Socialtjänst",
        "Känsliga personuppgifter om barns privata förhållanden",
        "4. Mycket allvarlig",
        "Personuppgiftsincident är registrerad i Stockholms stads incidentrapporteringssystem IA med ärendenummer: IA 2021-95.",
        "Klockslag: 12:09",
    ] {
        assert!(text.contains(answer), "missing seed answer `{answer}`");
    }
    let halland =
        String::from_utf8(example(&["export", "imy", "2023-0001", "--draft"]).stdout).unwrap();
    for answer in [
        "Box 517",
        "301 80",
        "Halmstad",
        "Annan roll",
        "Klockslag: 00:08",
        "Obehörigt röjande genom felaktigt utskick av mejl/brev/sms",
        "Kazoku IT AB",
        "Exakt antal registrerade: 3",
        "Hälsa- och sjukvård",
        "Genom en automatiserad process: Tekniska säkerhetsåtgärder",
    ] {
        assert!(halland.contains(answer), "missing seed answer `{answer}`");
    }
}

#[test]
fn a_fresh_incident_lists_exactly_the_missing_answers_and_draft_exits_0() {
    let register = TestRegister::new();
    register.new_incident(&[]);
    let output = register
        .cmd()
        .args(["export", "imy", "2026-0001"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(6));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let listed: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("  "))
        .map(|l| l.trim().split('.').next().unwrap())
        .collect();
    assert_eq!(
        listed,
        ["12", "15", "16", "23", "25", "26", "28", "29", "30", "31"],
        "{stderr}"
    );
    assert!(
        stderr.contains("GDPR Art. 33(4)"),
        "within 72 hours the note says a first notification may lack facts: {stderr}"
    );
    let draft = register
        .cmd()
        .args(["export", "imy", "2026-0001", "--draft"])
        .output()
        .unwrap();
    assert_eq!(draft.status.code(), Some(0));
    assert_eq!(
        draft.stdout, output.stdout,
        "the draft prints the same text"
    );

    // A register with no address and no contact lacks the form's mandatory (*) fields.
    let bare = TestRegister::empty();
    bare.cmd()
        .args(["init", ".", "--organisation", "Bare AB"])
        .assert()
        .success();
    bare.new_incident(&[]);
    let output = bare
        .cmd()
        .args(["export", "imy", "2026-0001"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let mandatory: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("  ") && l.contains(" *:"))
        .map(|l| l.trim().split('.').next().unwrap())
        .collect();
    assert_eq!(mandatory, ["3", "5", "9"], "{stderr}");
}

#[test]
fn recording_the_notification_a_supplement_and_the_data_subjects() {
    let register = TestRegister::new();
    register.new_incident(&["--discovered", "2026-03-27 10:00"]);
    register
        .cmd()
        .args([
            "notified",
            "imy",
            "2026-0001",
            "--at",
            "2026-03-28 09:00",
            "--case-number",
            "IMY-2026-1234",
            "--supplement-planned",
            "yes",
        ])
        .assert()
        .success();
    let commit = &register.commits()[0];
    assert_eq!(commit.subject, "2026-0001: IMY notified (IMY-2026-1234)");
    assert!(commit.message.contains("\nStep: F\n"), "{}", commit.message);
    register
        .cmd()
        .args([
            "notified",
            "supplement",
            "2026-0001",
            "--at",
            "2026-04-10 14:00",
            "--confirm-time",
            "--summary",
            "The number of data subjects is confirmed.",
        ])
        .assert()
        .success();
    assert_eq!(
        register.commits()[0].subject,
        "2026-0001: supplement 1 sent to IMY"
    );
    register
        .cmd()
        .args([
            "notified",
            "subjects",
            "2026-0001",
            "--not-informing",
            "no_high_risk",
        ])
        .assert()
        .success();
    insta::assert_snapshot!(
        "notification_yaml",
        register.read("incidents/2026/2026-0001/notification.yaml")
    );
    let export = register
        .cmd()
        .args(["export", "imy", "2026-0001", "--draft"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&export.stdout);
    assert!(text.contains("36. Avser ni att komplettera er anmälan? Om ni ska komplettera anmälan så måste det ske skyndsamt\nJa"), "{text}");
    assert!(text.contains("33. Kommer ni att informera de registrerade?\nNej\n\n35. Varför kommer ni inte att informera de registrerade?\n- Incidenten medför inte hög risk för personers fri- och rättigheter"), "{text}");
    let deadlines = register
        .cmd()
        .args(["deadlines", "--all", "--json", "--at", "2026-04-11 12:00"])
        .output()
        .unwrap();
    let value: serde_json::Value = serde_json::from_slice(&deadlines.stdout).unwrap();
    let states: Vec<(String, String)> = value["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["obligation"].as_str().unwrap().to_string(),
                o["state"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(
        states.contains(&("notify_imy".into(), "met".into())),
        "{states:?}"
    );
    assert!(
        states.contains(&("supplement".into(), "met".into())),
        "{states:?}"
    );
}

#[test]
fn a_late_notification_needs_its_reason() {
    let register = TestRegister::new();
    register.new_incident(&[
        "--discovered",
        "2026-03-20 10:00",
        "--occurred",
        "2026-03-20",
    ]);
    let before = register.head();
    let output = register
        .cmd()
        .args(["notified", "imy", "2026-0001", "--at", "2026-03-24 10:00"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--late-reason TEXT"));
    assert_eq!(register.head(), before);
    register
        .cmd()
        .args([
            "notified",
            "imy",
            "2026-0001",
            "--at",
            "2026-03-24 10:00",
            "--late-reason",
            "The processor told us four days late.",
        ])
        .assert()
        .success();
    let export = register
        .cmd()
        .args(["export", "imy", "2026-0001", "--draft"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&export.stdout)
            .contains("beskriv varför.\nThe processor told us four days late.")
    );
}

#[test]
fn the_letter_in_swedish_and_english() {
    for language in ["sv", "en"] {
        let output = example(&["export", "letter", "2023-0001", "--language", language]);
        assert!(output.status.success());
        insta::assert_snapshot!(format!("letter_{language}"), transcript(&output));
    }
}

#[test]
fn the_report_names_its_commit_and_is_the_same_each_time() {
    let register = TestRegister::new();
    register.new_incident(&["--categories", "health"]);
    register
        .cmd()
        .args(assess_sensitive(
            "2026-0001",
            &["--reasoning", "One known recipient."],
        ))
        .assert()
        .success();
    let first = register
        .cmd()
        .args(["export", "report", "2026-0001"])
        .output()
        .unwrap();
    let second = register
        .cmd()
        .env("INCIDENT_NOW", "2026-05-01T12:00:00+02:00")
        .args(["export", "report", "2026-0001"])
        .output()
        .unwrap();
    assert_eq!(
        first.stdout, second.stdout,
        "deterministic: the same commit, the same bytes"
    );
    let text = String::from_utf8_lossy(&first.stdout);
    assert!(
        text.contains(&format!(
            "Generated from journal entry: {}",
            register.head()
        )),
        "{text}"
    );
    insta::assert_snapshot!("report", transcript(&first));
}
