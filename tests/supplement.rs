//! `incident export imy ID --supplement`: a case notified to IMY, then two answers changed
//! and one action logged, lists exactly those, each answer with its previous value;
//! after `notified supplement`, a further change is compared with the supplement; a
//! filing's tag is preferred to the journal entry.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a helper fails the test by panicking"
)]

mod common;

use common::{TestRegister, assess_sensitive, stderr};

const ID: &str = "2026-0001";
const REPORT: &str = "incidents/2026/2026-0001/report.yaml";

fn run(register: &TestRegister, args: &[&str]) -> std::process::Output {
    let output = register.cmd().args(args).output().unwrap();
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// The seed case: reported with a description and one data subject, assessed, one action
/// logged, notified to IMY with a supplement announced (question 36).
fn notified_case() -> TestRegister {
    let register = TestRegister::new();
    register.new_incident(&[
        "--description",
        "Ett mejl med hälsouppgifter skickades till fel mottagare.",
        "--data-subjects",
        "1",
        "--ongoing",
        "no",
        "--ended",
        "2026-03-27 09:20",
    ]);
    run(
        &register,
        &assess_sensitive(
            ID,
            &["--reasoning", "Hälsouppgifter till en känd mottagare."],
        ),
    );
    run(
        &register,
        &[
            "log",
            ID,
            "--action",
            "Mottagaren ombedd att radera mejlet",
            "--at",
            "2026-03-27 10:30",
        ],
    );
    run(
        &register,
        &[
            "notified",
            "imy",
            ID,
            "--at",
            "2026-03-27 11:00",
            "--case-number",
            "IMY-2026-1234",
            "--supplement-planned",
            "yes",
        ],
    );
    register
}

/// Two answers changed by hand and recorded (questions 16 and 23), one action logged.
fn two_answers_and_an_action(register: &TestRegister) {
    let text = register
        .read(REPORT)
        .replace(
            "Ett mejl med hälsouppgifter skickades till fel mottagare.",
            "Två mejl med hälsouppgifter skickades till fel mottagare.",
        )
        .replace("exact: 1", "exact: 2");
    register.write(REPORT, &text);
    run(
        register,
        &["record", "-m", "Ett andra mejl hittades i loggen"],
    );
    run(
        register,
        &[
            "log",
            ID,
            "--action",
            "Rutinen för utskick ses över",
            "--at",
            "2026-03-27 11:30",
        ],
    );
}

fn supplement(register: &TestRegister, lang: &str, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["--lang", lang, "export", "imy", ID, "--supplement"];
    args.extend_from_slice(extra);
    register.cmd().args(&args).output().unwrap()
}

fn transcript(register: &TestRegister, output: &std::process::Output) -> String {
    register.mask_known_commits(&format!(
        "exit: {}\n--- stdout\n{}--- stderr\n{}",
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    ))
}

/// The questions the text lists, by number.
fn questions(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|line| {
            let (number, _) = line.split_once(". ")?;
            number
                .chars()
                .all(|c| c.is_ascii_digit())
                .then(|| number.to_string())
        })
        .filter(|n| !n.is_empty())
        .collect()
}

#[test]
fn two_changed_answers_and_one_action_are_exactly_what_the_supplement_lists() {
    let register = notified_case();
    two_answers_and_an_action(&register);
    for lang in ["sv", "en"] {
        let output = supplement(&register, lang, &[]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let text = String::from_utf8_lossy(&output.stdout).into_owned();
        assert_eq!(questions(&text), ["16", "23", "30"], "{text}");
        insta::assert_snapshot!(
            format!("supplement_after_notification_{lang}"),
            transcript(&register, &output)
        );
    }
    let text = String::from_utf8(supplement(&register, "sv", &[]).stdout).unwrap();
    assert!(
        text.contains(
            "Två mejl med hälsouppgifter skickades till fel mottagare.\nTidigare: Ett mejl med hälsouppgifter skickades till fel mottagare.\n"
        ),
        "{text}"
    );
    assert!(text.contains("IMY:s diarienummer: IMY-2026-1234"), "{text}");
    assert!(
        text.contains("Åtgärd: Rutinen för utskick ses över"),
        "{text}"
    );
    assert!(
        !text.contains("Mottagaren ombedd"),
        "the action filed with the notification is not repeated: {text}"
    );
    let json = supplement(&register, "en", &["--format", "json"]);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(value["changed"][1]["question"], 23);
    assert_eq!(
        value["changed"][1]["previous"]["Exakt antal registrerade"],
        "1"
    );
    assert_eq!(value["compared_with"]["filing"], "notification");
    assert_eq!(value["compared_with"]["tag"], "filed/2026-0001/imy");
    assert_eq!(
        value["actions_logged_since"].as_array().unwrap().len(),
        1,
        "{value}"
    );
}

#[test]
fn after_the_supplement_a_further_change_is_compared_with_the_supplement() {
    let register = notified_case();
    two_answers_and_an_action(&register);
    // Without --summary and without a terminal, the list is the supplement's summary.
    let recorded = run(
        &register,
        &["notified", "supplement", ID, "--at", "2026-03-27 11:45"],
    );
    assert!(
        stderr(&recorded).contains("16, 23"),
        "{}",
        stderr(&recorded)
    );
    let entry = &register.commits()[0];
    assert!(
        entry
            .message
            .contains("Answers added or changed, IMY questions 16, 23; actions logged since: 1."),
        "{}",
        entry.message
    );
    // The four weeks of GDPR Art. 33(4) / IMY are met by it, as `show` says with the rule.
    let shown = String::from_utf8(run(&register, &["show", ID]).stdout).unwrap();
    assert!(
        shown.contains(
            "Supplement the IMY notification  met (supplement 1 2026-03-27 11:45 +01:00)  (GDPR Art. 33(4); IMY: 4 weeks)"
        ),
        "{shown}"
    );
    let nothing = supplement(&register, "en", &[]);
    assert_eq!(nothing.status.code(), Some(0), "{}", stderr(&nothing));
    let text = String::from_utf8_lossy(&nothing.stdout).into_owned();
    assert!(text.contains("there is nothing to supplement"), "{text}");
    assert!(
        text.contains("Compared with: supplement 1 2026-03-27 11:45 +01:00 (tag filed/2026-0001/supplement-1, journal entry"),
        "{text}"
    );
    assert!(questions(&text).is_empty(), "{text}");

    let report = register.read(REPORT).replace("exact: 2", "exact: 3");
    register.write(REPORT, &report);
    run(&register, &["record", "-m", "Ett tredje mejl"]);
    let output = supplement(&register, "en", &[]);
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    assert_eq!(questions(&text), ["23"], "{text}");
    assert!(
        text.contains("Exakt antal registrerade: 3\nPreviously: Exakt antal registrerade: 2\n"),
        "compared with the supplement, not the notification: {text}"
    );
}

#[test]
fn without_tags_the_journal_entry_is_the_filing_and_a_tag_is_preferred_to_it() {
    let register = notified_case();
    let notified = register.commits()[0].id.clone();
    two_answers_and_an_action(&register);
    run(
        &register,
        &[
            "notified",
            "supplement",
            ID,
            "--at",
            "2026-03-27 11:45",
            "--summary",
            "Beskrivning och antal",
        ],
    );
    // A register from before the filing tags: without them, the journal entry that
    // recorded the supplement is the last filing, and nothing changed since.
    for tag in ["filed/2026-0001/imy", "filed/2026-0001/supplement-1"] {
        let deleted = register.git_as_colleague(&["tag", "-d", tag]);
        assert!(deleted.status.success(), "{}", stderr(&deleted));
    }
    let before_tag = supplement(&register, "en", &[]);
    let text = String::from_utf8_lossy(&before_tag.stdout).into_owned();
    assert!(questions(&text).is_empty(), "{text}");
    assert!(text.contains("(journal entry"), "{text}");
    // A tag, even one made by hand on the notification, is preferred to the entries.
    let tagged = register.git_as_colleague(&[
        "tag",
        "-a",
        "filed/2026-0001/imy",
        &notified,
        "-m",
        "Anmäld till IMY",
    ]);
    assert!(tagged.status.success(), "{}", stderr(&tagged));
    let output = supplement(&register, "en", &[]);
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        text.contains(&format!(
            "Compared with: the notification 2026-03-27 11:00 +01:00 (tag filed/2026-0001/imy, journal entry {})",
            &notified[..7]
        )),
        "{text}"
    );
    assert_eq!(questions(&text), ["16", "23", "30"], "{text}");
}

#[test]
fn nothing_filed_yet_is_refused_and_names_notified_imy() {
    let register = TestRegister::new();
    register.new_incident(&[]);
    let output = supplement(&register, "en", &[]);
    assert_eq!(output.status.code(), Some(4), "{}", stderr(&output));
    assert!(
        stderr(&output).contains(&format!("`incident notified imy {ID}`")),
        "{}",
        stderr(&output)
    );
    assert!(output.stdout.is_empty());
}
