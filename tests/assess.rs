//! End-to-end tests of `incident assess`: by flags and by `--from`, the decision override,
//! re-assessment in the journal, `--explain`, and a score edited by hand.

mod common;

use common::{TestRegister, transcript};

const ASSESSMENT: &str = "incidents/2026/2026-0001/assessment.yaml";

fn register_with_incident() -> TestRegister {
    let register = TestRegister::new();
    register.new_incident(&[
        "--what-happened",
        "misdirected_communication",
        "--categories",
        "health",
        "--groups",
        "patients",
        "--data-subjects",
        "1",
        "--breach-type",
        "confidentiality",
    ]);
    register
}

const FLAGS: &[&str] = &[
    "assess",
    "2026-0001",
    "--category",
    "sensitive",
    "--ease",
    "maximum",
    "--confidentiality",
    "known_recipients",
    "--integrity",
    "none",
    "--availability",
    "none",
    "--reasoning",
    "Health data about one patient reached one known recipient, a care provider.",
    "--assessed-by",
    "Unit manager with the DPO",
];

#[test]
fn assess_by_flags_writes_the_assessment_and_commits_step_c() {
    let register = register_with_incident();
    let output = register.cmd().args(FLAGS).output().unwrap();
    insta::assert_snapshot!("assess_by_flags_output", transcript(&output));
    insta::assert_snapshot!("assess_by_flags_file", register.read(ASSESSMENT));
    let commit = &register.commits()[0];
    assert_eq!(
        commit.subject,
        "2026-0001: risk assessed: very high (SE 4.25), notify IMY, inform data subjects"
    );
    assert!(
        commit
            .message
            .contains("\nIncident: 2026-0001\nStep: C\nSeverity: very_high (IMY 4)\n"),
        "{}",
        commit.message
    );
    assert!(
        commit.message.contains("Health data about one patient"),
        "the reasoning is in the journal"
    );
    assert_eq!(commit.files, vec![ASSESSMENT.to_string()]);
    assert_eq!(register.dirty(), Vec::<String>::new());

    let list = register.cmd().args(["list", "--json"]).output().unwrap();
    let rows: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(rows[0]["severity"], "very_high");
    assert_eq!(rows[0]["notify_imy"], true);
    let show = register.cmd().args(["show", "2026-0001"]).output().unwrap();
    let text = String::from_utf8_lossy(&show.stdout);
    assert!(
        text.contains("Risk assessment (C)") && text.contains("very high (SE 4.25)"),
        "{text}"
    );
    assert!(text.contains("[x] C"), "{text}");
}

#[test]
fn assess_from_a_file_with_flags_overriding() {
    let register = register_with_incident();
    let file = register.root().join("../assess-input.yaml");
    std::fs::write(
        &file,
        "data_processing_context:\n  category: simple\n  score: 3\n  justification: Contact list of a psychiatric clinic reveals health\nease_of_identification: maximum\ncircumstances:\n  confidentiality: unknown_recipients\n  integrity: none\n  availability: none\n  malicious: false\nreasoning: Published on the web.\n",
    )
    .unwrap();
    register
        .cmd()
        .args([
            "assess",
            "2026-0001",
            "--from",
            file.to_str().unwrap(),
            "--malicious",
            "yes",
        ])
        .assert()
        .success();
    let text = register.read(ASSESSMENT);
    assert!(text.contains("score: 3"), "{text}");
    assert!(text.contains("malicious: true"), "{text}");
    assert!(
        text.contains("severity_score: 4.0") || text.contains("severity_score: 4\n"),
        "{text}"
    );
    assert!(text.contains("band: very_high"), "{text}");
    std::fs::remove_file(file).unwrap();
}

#[test]
fn a_departure_without_a_reason_is_refused_and_with_one_recorded() {
    let register = register_with_incident();
    let before = register.head();
    let mut args = FLAGS.to_vec();
    args.extend(["--inform", "no"]);
    let output = register.cmd().args(&args).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("departs from the recommendation") && stderr.contains("--departure-reason"),
        "{stderr}"
    );
    assert_eq!(register.head(), before);
    assert!(!register.path(ASSESSMENT).exists());

    args.extend([
        "--departure-reason",
        "The recipient is a care provider bound by professional secrecy and deleted the e-mail.",
    ]);
    register.cmd().args(&args).assert().success();
    let text = register.read(ASSESSMENT);
    assert!(
        text.contains("inform_data_subjects: false") && text.contains("departure_reason:"),
        "{text}"
    );
}

#[test]
fn an_exception_of_art_34_3_removes_the_duty_to_inform() {
    let register = register_with_incident();
    let mut args = FLAGS.to_vec();
    args.extend(["--exception", "risk_removed"]);
    register.cmd().args(&args).assert().success();
    assert!(
        register
            .read(ASSESSMENT)
            .contains("exception: risk_removed")
    );
    assert!(register.commits()[0].subject.ends_with(", notify IMY"));
}

#[test]
fn art_34_3_a_needs_the_data_answered_unintelligible_and_is_bad_input_otherwise() {
    let register = register_with_incident();
    let before = register.commits().len();
    let mut args = FLAGS.to_vec();
    args.extend(["--exception", "unintelligible", "--unintelligible", "no"]);
    let refused = register.cmd().args(&args).output().unwrap();
    let said = transcript(&refused);
    assert_eq!(refused.status.code(), Some(2), "{said}");
    assert!(
        said.contains("--exception: GDPR Art. 34(3)(a) applies only to data made unintelligible")
            && said.contains("answer --unintelligible yes"),
        "{said}"
    );
    assert_eq!(register.commits().len(), before, "nothing recorded");
    let mut args = FLAGS.to_vec();
    args.extend(["--exception", "unintelligible", "--unintelligible", "yes"]);
    register.cmd().args(&args).assert().success();
    assert!(
        register
            .read(ASSESSMENT)
            .contains("exception: unintelligible")
    );
}

#[test]
fn an_exception_for_a_risk_that_is_not_high_is_bad_input_naming_the_flag() {
    // Contact details only, unavailable for a while: a low band and no EDPB factor.
    let register = TestRegister::new();
    register.new_incident(&[
        "--categories",
        "contact_details",
        "--groups",
        "customers",
        "--data-subjects",
        "3",
        "--breach-type",
        "availability",
    ]);
    let refused = register
        .cmd()
        .args([
            "assess",
            "2026-0001",
            "--category",
            "simple",
            "--ease",
            "negligible",
            "--confidentiality",
            "none",
            "--integrity",
            "none",
            "--availability",
            "temporary",
            "--reasoning",
            "A short outage.",
            "--exception",
            "risk_removed",
        ])
        .output()
        .unwrap();
    let said = transcript(&refused);
    assert_eq!(refused.status.code(), Some(2), "{said}");
    assert!(
        said.contains("--exception: the GDPR Art. 34(3) exception `risk_removed` applies only where the risk is high")
            && !said.contains("in the register:"),
        "{said}"
    );
}

#[test]
fn re_assessment_replaces_the_file_and_the_history_keeps_both() {
    let register = register_with_incident();
    register.cmd().args(FLAGS).assert().success();
    let mut args = FLAGS.to_vec();
    args[5] = "limited";
    register.cmd().args(&args).assert().success();
    let commits = register.commits();
    assert_eq!(
        commits[0].subject,
        "2026-0001: risk re-assessed: medium (SE 2.25), notify IMY, inform data subjects",
        "health data disclosed point to a high risk whatever the band (EDPB 9/2022 para. 102)"
    );
    assert_eq!(
        commits[1].subject,
        "2026-0001: risk assessed: very high (SE 4.25), notify IMY, inform data subjects"
    );
    let history = register
        .cmd()
        .args(["history", "2026-0001"])
        .output()
        .unwrap();
    insta::assert_snapshot!("assess_history", transcript(&history));
}

#[test]
fn explain_prints_every_factor_and_the_arithmetic() {
    let register = register_with_incident();
    let mut args = FLAGS.to_vec();
    args.extend([
        "--dpc-score",
        "3",
        "--dpc-justification",
        "Only that a referral was made",
        "--malicious",
        "no",
    ]);
    register.cmd().args(&args).assert().success();
    let explained = register
        .cmd()
        .args(["assess", "2026-0001", "--explain"])
        .output()
        .unwrap();
    insta::assert_snapshot!("assess_explain_en", transcript(&explained));
    let swedish = register
        .cmd()
        .args(["--lang", "sv", "assess", "2026-0001", "--explain"])
        .output()
        .unwrap();
    insta::assert_snapshot!("assess_explain_sv", transcript(&swedish));
}

#[test]
fn an_adjustment_without_justification_is_refused() {
    let register = register_with_incident();
    let mut args = FLAGS.to_vec();
    args.extend(["--dpc-score", "1"]);
    let output = register.cmd().args(&args).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("data_processing_context.justification")
            && stderr.contains("justified in writing"),
        "{stderr}"
    );
    assert!(!register.path(ASSESSMENT).exists());
}

#[test]
fn without_a_terminal_the_missing_answers_are_named_with_the_reports_suggestions() {
    let register = register_with_incident();
    let output = register
        .cmd()
        .args(["assess", "2026-0001", "--ease", "maximum"])
        .output()
        .unwrap();
    insta::assert_snapshot!("assess_missing_answers", transcript(&output));
}

#[test]
fn a_score_edited_by_hand_is_an_error() {
    let register = register_with_incident();
    register.cmd().args(FLAGS).assert().success();
    register.write(
        ASSESSMENT,
        &register
            .read(ASSESSMENT)
            .replace("severity_score: 4.25", "severity_score: 1.5"),
    );
    let output = register.cmd().args(["validate"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("assessment.yaml:")
            && stdout.contains("severity_score: 1.5 does not match the inputs"),
        "{stdout}"
    );
    let record = register.cmd().args(["record"]).output().unwrap();
    assert_eq!(
        record.status.code(),
        Some(4),
        "an invalid hand edit is not recorded"
    );
}

#[test]
fn explain_without_an_assessment_says_so() {
    let register = register_with_incident();
    let output = register
        .cmd()
        .args(["assess", "2026-0001", "--explain"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&output.stderr).contains("has no risk assessment yet"));
}
