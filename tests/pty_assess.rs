//! Drives the real dialoguer prompts of `incident assess <id>` through a pseudo-terminal
//! (expectrl), from the first question of step C to the commit in the register.
//!
//! The incident is reported without prompts first (`incident new --no-input`): health data
//! of three children, a letter sent to the wrong recipient. Every answer of the assessment
//! is then typed:
//! - selects whose suggested defaults are accepted with enter: the ENISA data category
//!   (Sensitive, from the health data), the DPC score (4, the base score, so no
//!   justification is asked), the ease of identification (Maximum), the losses of
//!   confidentiality (known recipients, from the misdirected letter), integrity and
//!   availability (none), and the Art. 34(3) exception (none, as the band is very high;
//!   Art. 34(3)(a) not offered, as the data were answered not unintelligible);
//! - confirms: not malicious, not unintelligible, the recommendation not followed, notify
//!   IMY yes, inform the data subjects no;
//! - text inputs: why the decision departs from the recommendation, the reasoning, and who
//!   made the assessment.
//!
//! Between the questions the running computation SE = DPC × EI + CB and the EDPB factors
//! found are checked. Before
//! each select is answered, the highlighted item is checked, so a wrong default fails here
//! rather than in the stored file. The test waits for prompt texts (English,
//! INCIDENT_LANG=en), never for fixed sleeps.

#![cfg(unix)]

mod common;

use common::pty::{
    ARROW_DOWN, ENTER, PtyRegister, assert_clean, assert_committed, head_commit, read_yaml,
};

const TITLE: &str = "Provsvar om barn skickat till fel vårdnadshavare";
const DEPARTURE: &str = "The guardians were told in person at the clinic on the same day";
const REASONING: &str =
    "Health data of three children reached one known wrong recipient, who returned the letter";
const ASSESSOR: &str = "Maria Chef och Dora Dataskydd";

#[test]
fn assess_answers_the_real_prompts_and_commits_the_assessment() {
    let register = PtyRegister::init("Dora Dataskydd");

    register.report_quietly(&[
        "--title",
        TITLE,
        "--discovered",
        "2026-03-27 10:00",
        "--what-happened",
        "misdirected_communication",
        "--categories",
        "health",
        "--groups",
        "children",
        "--data-subjects",
        "3",
        "--breach-type",
        "confidentiality",
    ]);

    let mut pty = register.spawn(&["assess", "2026-0001"]);

    pty.expect("Risk assessment (step C) of 2026-0001");

    // DPC, the category: health data suggest Sensitive, the last item.
    pty.expect("Which is the most sensitive category of data? (DPC)");
    pty.select_default("Sensitive: health, political affiliation");
    pty.expect("· Sensitive: health");

    // DPC, the score: the base score of Sensitive, 4, is the default; no justification.
    pty.expect("Score in context (ENISA Table 1)");
    pty.select_default("4 (base score)");
    pty.expect("· 4 (base score)");

    // EI: Maximum is the default.
    pty.expect("How easily can the individuals be identified? (EI)");
    pty.select_default("1: Maximum: the person is identified directly");
    pty.expect("· 1: Maximum");

    // CB: a misdirected letter suggests known recipients; nothing altered or lost.
    pty.expect("Loss of confidentiality");
    pty.select_default("Known recipients: disclosed to a number of known recipients");
    pty.expect("· Known recipients");
    pty.expect("Loss of integrity");
    pty.select_default("None: altered but no incorrect or illegal use identified");
    pty.expect("· None: altered");
    pty.expect("Loss of availability");
    pty.select_default("None: recoverable without difficulty");
    pty.expect("· None: recoverable");

    pty.answer(
        "Was it malicious (e.g. theft, hacking, selling the data)?",
        "n\r",
    );
    pty.expect("· no");
    pty.answer(
        "Are the data unintelligible to the unauthorised (e.g. strong encryption, key safe)?",
        "n\r",
    );
    pty.expect("· no");

    // The running computation: SE = DPC × EI + CB.
    pty.expect("SE = 4 × 1 + 0.25 = 4.25 → ");
    pty.expect("very high");

    // The EDPB factors the report and the answers show, each with its source.
    pty.expect(
        "EDPB factor: children or vulnerable persons among the data subjects (IMY question 25;",
    );
    pty.expect("EDPB factor: special categories of data disclosed: damage should be considered likely (GDPR Art. 9, 10; EDPB Guidelines 9/2022 para. 102;");

    // Very high: the Art. 34(3) exception, none by default. The data were answered not
    // unintelligible, so Art. 34(3)(a) is not offered: (b) and (c) are, (c) drawn last.
    pty.expect("Does a GDPR Art. 34(3) exception apply?");
    let asked_at = pty.terminal().len();
    pty.expect("❯ No exception: the data subjects are to be informed");
    pty.expect("Art. 34(3)(c): disproportionate effort");
    let offered = pty.terminal()[asked_at..].to_string();
    assert!(
        offered.contains("Art. 34(3)(b)") && !offered.contains("Art. 34(3)(a)"),
        "the exceptions offered:\n{offered}"
    );
    pty.send(ENTER);
    pty.expect("· No exception");
    pty.expect(
        "Recommendation: Notify IMY within 72 hours (GDPR Art. 33(1)) and inform the data subjects",
    );

    // The decision departs from the recommendation: IMY yes, the data subjects no.
    pty.answer("Do you follow the recommendation?", "n\r");
    pty.expect("· no");
    pty.answer("Notify IMY?", "y\r");
    pty.expect("· yes");
    pty.answer("Inform the data subjects?", "n\r");
    pty.expect("· no");

    pty.answer(
        "Why does the decision depart from the recommendation? (:e opens $EDITOR)",
        &format!("{DEPARTURE}{ENTER}"),
    );
    pty.expect(&format!("· {DEPARTURE}"));
    pty.answer(
        "Reasoning for the decision (mandatory) (:e opens $EDITOR)",
        &format!("{REASONING}{ENTER}"),
    );
    pty.expect(&format!("· {REASONING}"));
    pty.answer("Who made the assessment?", &format!("{ASSESSOR}{ENTER}"));
    pty.expect(&format!("· {ASSESSOR}"));

    pty.expect("Recorded: 2026-0001: risk assessed: very high (SE 4.25), notify IMY");
    let code = pty.finish();
    if std::env::var_os("PTY_ASSESS_DEBUG").is_some() {
        eprintln!("--- terminal ---\n{}\n---", pty.terminal());
    }
    assert_eq!(
        code,
        0,
        "exit code of `incident assess`\n{}",
        pty.terminal()
    );

    // The assessment on disk.
    let (text, parsed) = read_yaml(&register.path("incidents/2026/2026-0001/assessment.yaml"));
    if std::env::var_os("PTY_ASSESS_DEBUG").is_some() {
        eprintln!("--- assessment.yaml ---\n{text}---");
    }
    assert_eq!(parsed["severity_score"], serde_json::json!(4.25), "{text}");
    assert_eq!(parsed["band"], "very_high", "{text}");
    assert_eq!(
        parsed["data_processing_context"],
        serde_json::json!({ "category": "sensitive", "score": 4 }),
        "the base score, so no justification:\n{text}"
    );
    assert_eq!(parsed["ease_of_identification"], "maximum", "{text}");
    assert_eq!(
        parsed["circumstances"],
        serde_json::json!({
            "confidentiality": "known_recipients",
            "integrity": "none",
            "availability": "none",
            "malicious": false,
        }),
        "{text}"
    );
    assert_eq!(
        parsed["flags"],
        serde_json::json!({ "more_than_100_data_subjects": false, "unintelligible": false }),
        "{text}"
    );
    assert_eq!(
        parsed["decision"],
        serde_json::json!({
            "notify_imy": true,
            "inform_data_subjects": false,
            "departure_reason": DEPARTURE,
        }),
        "no exception, the typed departure reason:\n{text}"
    );
    assert_eq!(parsed["reasoning"], REASONING, "{text}");
    assert_eq!(parsed["assessed_by"], ASSESSOR, "{text}");

    // The journal entry.
    let repo = register.repo();
    let head = head_commit(&repo);
    let message = head.message().expect("UTF-8 commit message");
    assert_eq!(
        message.lines().next(),
        Some("2026-0001: risk assessed: very high (SE 4.25), notify IMY"),
        "commit message:\n{message}"
    );
    for trailer in ["Incident: 2026-0001", "Step: C"] {
        assert!(
            message.lines().any(|line| line == trailer),
            "trailer {trailer:?} in:\n{message}"
        );
    }
    assert!(
        message.contains(REASONING),
        "the reasoning is the body:\n{message}"
    );
    assert_eq!(head.author().name().ok(), Some("Test Author"));
    assert_eq!(head.author().email().ok(), Some("test@example.org"));
    assert_committed(&repo, "incidents/2026/2026-0001/assessment.yaml", &text);

    // Nothing left uncommitted.
    assert_clean(&repo);
}

/// The category chosen below what the report's data show (health data of children, Simple
/// chosen): the dialogue says which category the report implies and asks why, and the
/// EDPB factors still make the low band a high risk.
#[test]
fn a_category_below_the_reports_is_asked_for_its_reason() {
    const WHY: &str = "The letter says only that a school health visit was booked";
    let register = PtyRegister::init("Dora Dataskydd");
    register.report_quietly(&[
        "--title",
        TITLE,
        "--discovered",
        "2026-03-27 10:00",
        "--what-happened",
        "misdirected_communication",
        "--categories",
        "health",
        "--groups",
        "children",
        "--data-subjects",
        "3",
        "--breach-type",
        "confidentiality",
    ]);
    let mut pty = register.spawn(&["assess", "2026-0001"]);

    // Sensitive is suggested; one step down wraps to Simple, the first item.
    pty.expect("Which is the most sensitive category of data? (DPC)");
    pty.expect("❯ Sensitive: health");
    pty.send(&format!("{ARROW_DOWN}{ENTER}"));
    pty.expect("· Simple: biographical data");
    pty.expect("Score in context (ENISA Table 1)");
    pty.select_default("1 (base score)");
    pty.expect("The report's data (Health) imply sensitive: the highest category concerned applies; a lower one needs a written reason (ENISA 2013 §3.2; EDPB Guidelines 9/2022)");
    pty.answer(
        "Why is the category lower than the report's data show? (:e opens $EDITOR)",
        &format!("{WHY}{ENTER}"),
    );
    pty.expect(&format!("· {WHY}"));

    pty.expect("How easily can the individuals be identified? (EI)");
    pty.select_default("1: Maximum");
    pty.expect("Loss of confidentiality");
    pty.select_default("Known recipients");
    pty.expect("Loss of integrity");
    pty.select_default("None: altered");
    pty.expect("Loss of availability");
    pty.select_default("None: recoverable");
    pty.answer("Was it malicious", "n\r");
    pty.answer("Are the data unintelligible", "n\r");
    pty.expect("SE = 1 × 1 + 0.25 = 1.25 → ");
    pty.expect("low");
    pty.expect("special categories of data disclosed");
    pty.expect("(moves the recommendation)");

    // A high risk by the factor: the exceptions are offered though the band is low.
    pty.expect("Does a GDPR Art. 34(3) exception apply?");
    pty.select_default("No exception: the data subjects are to be informed");
    pty.expect(
        "Recommendation: Notify IMY within 72 hours (GDPR Art. 33(1)) and inform the data subjects",
    );
    pty.answer("Do you follow the recommendation?", "y\r");
    pty.answer(
        "Reasoning for the decision (mandatory) (:e opens $EDITOR)",
        &format!("{REASONING}{ENTER}"),
    );
    pty.answer("Who made the assessment?", &format!("{ASSESSOR}{ENTER}"));
    pty.expect(
        "Recorded: 2026-0001: risk assessed: low (SE 1.25), notify IMY, inform data subjects",
    );
    let code = pty.finish();
    assert_eq!(code, 0, "{}", pty.terminal());

    let (text, parsed) = read_yaml(&register.path("incidents/2026/2026-0001/assessment.yaml"));
    assert_eq!(
        parsed["data_processing_context"],
        serde_json::json!({ "category": "simple", "score": 1, "justification": WHY }),
        "{text}"
    );
    assert_eq!(
        parsed["edpb_factors"],
        serde_json::json!(["vulnerable_data_subjects", "special_categories_disclosed"]),
        "{text}"
    );
    assert_clean(&register.repo());
}
