//! The journal in the register's language: subjects written in it whoever runs the
//! command, `history` in the reader's language, entries without the trailers as stored.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a helper fails the test by panicking"
)]

mod common;

use common::{TestRegister, assess_sensitive, copy_dir, stderr, transcript};

const REASONING: &str = "Hälsouppgifter om en patient nådde en känd vårdgivare.";

fn run(register: &TestRegister, args: &[&str]) -> std::process::Output {
    let output = register.cmd().args(args).output().unwrap();
    assert!(output.status.success(), "{args:?}: {}", stderr(&output));
    output
}

/// A register in `lang` with one incident reported, assessed very high and one action.
fn register_with_entries(lang: &str) -> TestRegister {
    let register = TestRegister::in_language(lang);
    let id = register.new_incident(&["--title", "Fel mottagare"]);
    run(
        &register,
        &assess_sensitive(&id, &["--reasoning", REASONING]),
    );
    run(
        &register,
        &[
            "log",
            &id,
            "--action",
            "Bad mottagaren radera mejlet",
            "--at",
            "2026-03-27 11:00",
        ],
    );
    register
}

fn subjects(register: &TestRegister) -> Vec<String> {
    register
        .commits()
        .iter()
        .map(|c| c.subject.clone())
        .collect()
}

#[test]
fn a_swedish_register_writes_its_journal_in_swedish_whoever_runs_the_command() {
    // The commands run with `INCIDENT_LANG=en`: the journal follows the register.
    let register = register_with_entries("sv");
    assert_eq!(
        subjects(&register),
        [
            "2026-0001: åtgärd loggad: Bad mottagaren radera mejlet",
            "2026-0001: riskbedömd: mycket hög (SE 4,25), anmäl till IMY, informera de registrerade",
            "2026-0001: rapporterad: Fel mottagare",
            "registret skapat: Exempel kommun",
        ]
    );
    let reported = &register.commits()[2].message;
    assert!(
        reported.contains("\n\nUpptäckt 2026-03-27 10:00.\n\n"),
        "the body too: {reported}"
    );
    let assessed = &register.commits()[1].message;
    assert!(
        assessed.ends_with(
            "\nIncident: 2026-0001\nStep: C\nSeverity: very_high (IMY 4)\nEvent: assessed\nBand: very_high\nScore: 4.25\nNotify-IMY: yes\nInform-Subjects: yes\n"
        ),
        "the trailers stay machine keys: {assessed}"
    );
}

#[test]
fn an_english_register_writes_english_and_tells_a_swedish_reader_in_swedish() {
    let register = TestRegister::new();
    let id = register.new_incident(&["--title", "Wrong recipient"]);
    let output = register
        .cmd()
        .env("INCIDENT_LANG", "sv")
        .args(["log", &id, "--action", "Asked the recipient to delete it"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        subjects(&register)[0],
        "2026-0001: action logged: Asked the recipient to delete it"
    );
    assert!(
        stderr(&output)
            .contains("Registrerad: 2026-0001: action logged: Asked the recipient to delete it"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn history_shows_each_entry_in_the_readers_language() {
    let swedish = register_with_entries("sv");
    let english_reader = run(&swedish, &["history", "2026-0001", "--lang", "en"]);
    let table = String::from_utf8_lossy(&english_reader.stdout);
    for line in [
        "2026-0001: reported: Fel mottagare",
        "2026-0001: risk assessed: very high (SE 4.25), notify IMY, inform data subjects",
        "2026-0001: action logged: Bad mottagaren radera mejlet",
    ] {
        assert!(table.contains(line), "{line} in {table}");
    }
    assert!(!table.contains("rapporterad"), "{table}");

    let english = register_with_entries("en");
    let swedish_reader = run(&english, &["history", "2026-0001", "--lang", "sv"]);
    insta::assert_snapshot!(
        "history_of_an_english_register_read_in_swedish",
        english.mask_known_commits(&String::from_utf8_lossy(&swedish_reader.stdout))
    );

    let json = run(
        &swedish,
        &["history", "2026-0001", "--json", "--lang", "en"],
    );
    let parsed: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let entries = parsed["entries"].as_array().unwrap();
    let events: Vec<&str> = entries
        .iter()
        .map(|e| e["event"].as_str().unwrap())
        .collect();
    assert_eq!(events, ["reported", "assessed", "action_logged"]);
    assert_eq!(
        entries[0]["subject"], "2026-0001: rapporterad: Fel mottagare",
        "JSON keeps the subject as stored"
    );
}

#[test]
fn an_entry_without_the_trailers_is_shown_as_it_was_written() {
    let register = TestRegister::new();
    let id = register.new_incident(&["--title", "Wrong recipient"]);
    // An entry as an older version wrote it, made here by plain git: no `Event` trailer.
    let report = "incidents/2026/2026-0001/report.yaml";
    let text = register.read(report);
    register.write(report, &format!("{text}description: From the phone call\n"));
    let committed = register.git_as_colleague(&[
        "commit",
        "-q",
        "-a",
        "-m",
        "2026-0001: reported: as an older version wrote it\n\nIncident: 2026-0001\nStep: A",
    ]);
    assert!(committed.status.success(), "{committed:?}");
    let shown = run(&register, &["history", &id, "--lang", "sv"]);
    let table = String::from_utf8_lossy(&shown.stdout);
    assert!(
        table.contains("2026-0001: reported: as an older version wrote it"),
        "{table}"
    );
    assert!(
        table.contains("2026-0001: rapporterad: Wrong recipient"),
        "{table}"
    );
    let json = run(&register, &["history", &id, "--json"]);
    let parsed: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(parsed["entries"][1]["event"], serde_json::Value::Null);
}

#[test]
fn a_command_run_again_in_a_swedish_register_is_still_told_it_was_recorded() {
    let register = register_with_entries("sv");
    let before = register.commits().len();
    let again = run(
        &register,
        &[
            "log",
            "2026-0001",
            "--action",
            "Bad mottagaren radera mejlet",
            "--at",
            "2026-03-27 11:00",
            "--lang",
            "sv",
        ],
    );
    assert_eq!(register.commits().len(), before, "nothing recorded twice");
    assert!(
        stderr(&again)
            .contains("Redan registrerad: 2026-0001: åtgärd loggad: Bad mottagaren radera mejlet"),
        "{}",
        stderr(&again)
    );
}

#[test]
fn init_says_whether_it_created_the_register_or_adopted_one_in_the_readers_language() {
    for lang in ["sv", "en"] {
        let created = TestRegister::empty();
        let output = created
            .cmd()
            .env("INCIDENT_LANG", lang)
            .args(["init", ".", "--organisation", "Exempel kommun"])
            .output()
            .unwrap();
        insta::assert_snapshot!(format!("init_created_{lang}"), transcript(&output));

        // The example register is Swedish: its first entry is, whoever adopts it.
        let adopted = TestRegister::empty();
        copy_dir(std::path::Path::new("examples/register"), adopted.root());
        let output = adopted
            .cmd()
            .env("INCIDENT_LANG", lang)
            .args(["init", "."])
            .output()
            .unwrap();
        insta::assert_snapshot!(format!("init_adopted_{lang}"), transcript(&output));
    }
}

#[test]
fn a_hand_edit_in_a_swedish_register_is_journaled_in_swedish_and_keeps_its_reason() {
    let register = TestRegister::in_language("sv");
    let id = register.new_incident(&["--title", "Fel mottagare"]);
    let report = "incidents/2026/2026-0001/report.yaml";
    let text = register.read(report);
    register.write(
        report,
        &format!("{text}description: Från telefonsamtalet\n"),
    );
    run(
        &register,
        &["record", "-m", "Beskrivningen som uppringaren gav"],
    );
    let entry = &register.commits()[0];
    assert_eq!(entry.subject, "2026-0001: handredigerad (report.yaml)");
    assert!(
        entry
            .message
            .contains("\n\nändrad incidents/2026/2026-0001/report.yaml\n"),
        "{}",
        entry.message
    );
    let json = run(&register, &["history", &id, "--json"]);
    let parsed: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(
        parsed["entries"][1]["why"], "Beskrivningen som uppringaren gav",
        "the reason still reads back"
    );
    assert_eq!(parsed["entries"][1]["event"], "edited_by_hand");
}
