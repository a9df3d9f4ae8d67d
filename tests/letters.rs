//! End-to-end tests of the letter to the data subjects (GDPR Art. 34(2)): to a guardian when
//! the data subjects are pupils, to the data subject otherwise, in both languages; measures
//! done and planned apart; the action log wrapped between whole words; and the refusal
//! (exit 4) when the decision recorded is not to inform them, unless `--anyway`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a helper outside a #[test] fails the test by panicking"
)]

mod common;

use common::{TestRegister, assess_sensitive, stderr, transcript};

const ID: &str = "2026-0001";

const LONG_ACTION: &str = "Rektor ringde den felaktiga mottagaren, som bekräftade att mejlet \
    med elevens åtgärdsprogram var raderat både i inkorgen och i papperskorgen, och skolan \
    bytte sändlista i lärplattformen samma eftermiddag.";

fn run(register: &TestRegister, args: &[&str]) {
    let output = register.cmd().args(args).output().unwrap();
    assert!(output.status.success(), "{args:?}: {}", stderr(&output));
}

fn letter(register: &TestRegister, extra: &[&str]) -> std::process::Output {
    register
        .cmd()
        .args(["export", "letter", ID])
        .args(extra)
        .output()
        .unwrap()
}

/// The school case: a pupil's support plan (health data) e-mailed to the wrong guardian,
/// with an action, a measure done, one open and one deferred.
fn school_case() -> TestRegister {
    let register = TestRegister::new();
    register.new_incident(&[
        "--title",
        "Åtgärdsprogram till fel vårdnadshavare",
        "--discovered",
        "2026-03-27 10:00",
        "--occurred",
        "2026-03-26 15:00",
        "--description",
        "Ett mejl med en elevs åtgärdsprogram skickades till fel vårdnadshavare.",
        "--what-happened",
        "misdirected_communication",
        "--cause",
        "human_error_individual",
        "--groups",
        "pupils",
        "--categories",
        "health,identifying",
        "--consequences",
        "loss_of_control,damage_to_reputation,loss_of_professional_secrecy",
        "--breach-type",
        "confidentiality",
        "--ongoing",
        "no",
        "--ended",
        "2026-03-26 15:00",
    ]);
    run(
        &register,
        &assess_sensitive(ID, &["--reasoning", "Hälsouppgifter om ett barn."]),
    );
    run(
        &register,
        &[
            "log",
            ID,
            "--action",
            LONG_ACTION,
            "--at",
            "2026-03-27 11:00",
        ],
    );
    for (measure, purpose, due) in [
        (
            "Stänga av autokomplettering av adresser",
            "prevent",
            "2026-03-27",
        ),
        ("Erbjuda samtal med skolkurator", "mitigate", "2026-04-03"),
        ("Byta e-postsystem i hela kommunen", "prevent", "2026-12-31"),
    ] {
        run(
            &register,
            &[
                "log",
                ID,
                "--planned",
                "--action",
                measure,
                "--purpose",
                purpose,
                "--due",
                due,
            ],
        );
    }
    run(&register, &["log", ID, "--done", "1", "--at", "2026-03-27"]);
    run(
        &register,
        &["log", ID, "--defer", "3", "--reason", "Budget"],
    );
    register
}

/// An adult case: employees' salary specifications with personal identity numbers sent by a
/// faulty payroll run to the wrong employees.
fn adult_case() -> TestRegister {
    let register = TestRegister::new();
    register.new_incident(&[
        "--title",
        "Lönespecifikationer till fel anställda",
        "--discovered",
        "2026-03-27 10:00",
        "--occurred",
        "2026-03-25 06:00",
        "--description",
        "Lönespecifikationer för mars skickades till fel anställda.",
        "--what-happened",
        "misdirected_communication",
        "--cause",
        "technical_error",
        "--cause-comment",
        "En uppdatering av lönesystemet blandade ihop mottagarlistan.",
        "--groups",
        "employees",
        "--categories",
        "personal_identity_number,financial,contact_details",
        "--consequences",
        "identity_theft_or_fraud,financial_loss,other",
        "--consequences-comment",
        "Kollegor kan få veta din lön.",
        "--breach-type",
        "confidentiality",
    ]);
    run(
        &register,
        &assess_sensitive(ID, &["--reasoning", "Personnummer och lön till andra."]),
    );
    run(
        &register,
        &[
            "log",
            ID,
            "--action",
            "Bad mottagarna att radera mejlen.",
            "--at",
            "2026-03-27 11:00",
        ],
    );
    register
}

/// The letter's words on one line, as a reader takes them in whatever the wrapping.
fn flat(output: &std::process::Output) -> String {
    let text = String::from_utf8_lossy(&output.stdout);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_letter_to_a_guardian_in_swedish_and_english() {
    let register = school_case();
    for language in ["sv", "en"] {
        let output = letter(&register, &["--language", language]);
        assert!(output.status.success(), "{}", stderr(&output));
        insta::assert_snapshot!(format!("letter_child_{language}"), transcript(&output));
    }
}

#[test]
fn the_letter_to_an_adult_in_swedish_and_english() {
    let register = adult_case();
    for language in ["sv", "en"] {
        let output = letter(&register, &["--language", language]);
        assert!(output.status.success(), "{}", stderr(&output));
        insta::assert_snapshot!(format!("letter_adult_{language}"), transcript(&output));
    }
}

#[test]
fn the_reader_is_chosen_from_the_groups_and_can_be_named() {
    let register = school_case();
    let to_guardian = flat(&letter(&register, &["--language", "sv"]));
    assert!(
        to_guardian.contains("ditt barns personuppgifter"),
        "{to_guardian}"
    );
    let to_pupil = flat(&letter(
        &register,
        &["--language", "sv", "--reader", "data-subject"],
    ));
    assert!(
        to_pupil.contains("gäller dina personuppgifter"),
        "{to_pupil}"
    );
    assert!(!to_pupil.contains("ditt barn"), "{to_pupil}");
    let adult = flat(&letter(&adult_case(), &[]));
    assert!(!adult.contains("barn"), "{adult}");
}

#[test]
fn measures_done_are_said_done_planned_ones_planned_and_deferred_ones_not_promised() {
    let output = letter(&school_case(), &["--language", "sv"]);
    let text = String::from_utf8(output.stdout).unwrap();
    let done = text.split("Det här har vi gjort").nth(1).unwrap();
    let (done, planned) = done.split_once("Det här kommer vi att göra").unwrap();
    let planned = planned.split("Vad du själv kan göra").next().unwrap();
    assert!(
        done.contains("Stänga av autokomplettering av adresser"),
        "{done}"
    );
    assert!(!done.contains("skolkurator"), "{done}");
    assert!(
        planned.contains(
            "Erbjuda samtal med skolkurator – för att minska följderna för ditt\n  barn (senast 3 april 2026)"
        ),
        "{planned}"
    );
    assert!(!planned.contains("autokomplettering"), "{planned}");
    assert!(!text.contains("e-postsystem"), "a deferred measure: {text}");
}

#[test]
fn a_long_action_is_wrapped_between_whole_words_and_kept_whole() {
    let output = letter(&school_case(), &["--language", "sv"]);
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.lines().all(|line| line.chars().count() <= 72),
        "{text}"
    );
    let start = text.find("- 27 mars 2026: Rektor").unwrap();
    let item: Vec<&str> = text[start..]
        .lines()
        .take_while(|line| line.starts_with("- 27 mars 2026: Rektor") || line.starts_with("  "))
        .collect();
    assert!(item.len() > 1, "wrapped: {item:?}");
    let words: Vec<&str> = item.iter().flat_map(|l| l.split_whitespace()).collect();
    let expected: Vec<&str> = ["-", "27", "mars", "2026:"]
        .into_iter()
        .chain(LONG_ACTION.split_whitespace())
        .collect();
    assert_eq!(words, expected);
}

#[test]
fn not_informing_is_refused_with_its_reason_unless_asked_anyway() {
    let register = school_case();
    run(
        &register,
        &[
            "notified",
            "subjects",
            ID,
            "--not-informing",
            "risk_removed",
        ],
    );
    let refused = letter(&register, &["--lang", "sv"]);
    assert_eq!(refused.status.code(), Some(4));
    assert!(refused.stdout.is_empty());
    let said = stderr(&refused);
    assert!(
        said.contains("beslutet för 2026-0001 är att inte informera de registrerade (enligt svaret på IMY fråga 35)")
            && said.contains("(GDPR art. 34.3 b)")
            && said.contains("`incident export letter 2026-0001 --anyway`"),
        "{said}"
    );
    let anyway = letter(&register, &["--anyway"]);
    assert_eq!(anyway.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&anyway.stdout).contains("What we have done"),
        "the letter is written"
    );
    assert!(
        stderr(&anyway).starts_with("Note: the decision for 2026-0001 is not to inform the data subjects (as the answer to IMY question 35 records), because:\n  - later measures ensure that the high risk is no longer likely to materialise (GDPR Art. 34(3)(b))"),
        "{}",
        stderr(&anyway)
    );
}

#[test]
fn an_assessment_without_high_risk_refuses_the_letter_too() {
    let register = TestRegister::new();
    register.new_incident(&["--groups", "employees"]);
    run(
        &register,
        &common::assess_low(ID, "An old address list, recovered at once."),
    );
    let refused = letter(&register, &[]);
    assert_eq!(refused.status.code(), Some(4));
    assert!(
        stderr(&refused).contains("as the risk assessment's decision records), because:\n  - the breach does not result in a high risk to the data subjects (GDPR Art. 34(1))"),
        "{}",
        stderr(&refused)
    );
}

#[test]
fn a_processors_letter_is_a_draft_for_its_controller() {
    let register = TestRegister::new();
    register.new_incident(&[
        "--title",
        "Schemat visade fel skolas elever",
        "--discovered",
        "2026-03-27 10:00",
        "--role",
        "processor",
        "--controller",
        "Exempelby kommun",
    ]);
    let output = letter(&register, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains(
            "The controller informs the data subjects (GDPR Art. 34(1)); the letter is a draft for it, and its DPO and contact details go where the letter leaves a place for them."
        ),
        "{}",
        stderr(&output)
    );
    let letter = String::from_utf8_lossy(&output.stdout);
    assert!(
        letter.contains("Exempelby kommun wants to tell you"),
        "{letter}"
    );
    assert!(
        letter.contains("[the controller's data protection officer and contact details]"),
        "{letter}"
    );
}

#[test]
fn a_letter_without_an_email_or_phone_to_contact_is_said_to_lack_them() {
    let register = school_case();
    let with_details = letter(&register, &[]);
    assert!(!stderr(&with_details).contains("no e-mail or phone"));

    // The settings without any e-mail or phone, recorded as a hand edit.
    let settings: String = register
        .read("incident.toml")
        .lines()
        .filter(|line| !line.starts_with("email") && !line.starts_with("phone"))
        .map(|line| format!("{line}\n"))
        .collect();
    register.write("incident.toml", &settings);
    run(&register, &["record", "-m", "No contact details"]);
    let without = letter(&register, &[]);
    assert!(without.status.success(), "{}", stderr(&without));
    assert!(
        stderr(&without).contains(
            "Note: the text gives no e-mail or phone to contact (GDPR Art. 33(3)(b), 34(2))"
        ),
        "{}",
        stderr(&without)
    );
}
