//! The vendor's notice as a file, end to end between two registers: the vendor (a
//! processor) records an incident and exports its notice (`export controller|customer
//! --format json`); the municipality (the controller) takes it in with `new
//! --from-notice`, and its IMY notification has the processor and the facts filled.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a helper fails the test by panicking"
)]

mod common;

use common::{TestRegister, stderr};

/// The vendor's register, with a processor's incident and an action logged.
fn vendor() -> TestRegister {
    let vendor = TestRegister::empty();
    vendor
        .cmd()
        .args([
            "init",
            ".",
            "--organisation",
            "Leverantören AB",
            "--org-number",
            "556000-0000",
            "--postal-code",
            "111 11",
            "--city",
            "Stockholm",
            "--dpo-name",
            "Dataskyddsombud Leverantören",
            "--dpo-email",
            "dso@leverantoren.example",
        ])
        .assert()
        .success();
    vendor.new_incident(&[
        "--title",
        "Kunder såg varandras ärenden i portalen",
        "--discovered",
        "2026-03-26 08:30",
        "--occurred",
        "2026-03-25",
        "--ongoing",
        "no",
        "--ended",
        "2026-03-26 10:00",
        "--role",
        "processor",
        "--controller",
        "Exempel kommun;212000-0000",
        "--internal-reference",
        "LEV-2026-17",
        "--what-happened",
        "disclosure_other",
        "--what-happened-comment",
        "Fel behörighet i kundportalen",
        "--description",
        "Efter en uppdatering visade portalen andra kunders ärenden.",
        "--cause",
        "technical_error",
        "--breach-type",
        "confidentiality",
        "--data-subjects",
        "12",
        "--records",
        "1-10",
        "--groups",
        "children",
        "--categories",
        "health,contact_details",
        "--encrypted",
        "no",
        "--consequences",
        "loss_of_control",
        "--processor",
        "Driftbolaget AB;559000-0000",
    ]);
    vendor
        .cmd()
        .args([
            "log",
            "2026-0001",
            "--action",
            "Stängde portalen och återställde behörigheterna",
            "--at",
            "2026-03-26 09:00",
        ])
        .assert()
        .success();
    vendor
}

/// The notice file the vendor exports, written where the municipality can read it.
fn export_notice(vendor: &TestRegister, command: &[&str]) -> std::path::PathBuf {
    let output = vendor.cmd().args(command).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let path = vendor.path("notice.json");
    std::fs::write(&path, &output.stdout).unwrap();
    path
}

fn take_in(
    municipality: &TestRegister,
    file: &std::path::Path,
    extra: &[&str],
) -> std::process::Output {
    municipality
        .cmd()
        .args(["new", "--from-notice"])
        .arg(file)
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn the_vendor_s_notice_becomes_the_municipality_s_prefilled_notification() {
    let vendor = vendor();
    let file = export_notice(
        &vendor,
        &["export", "controller", "2026-0001", "--format", "json"],
    );
    let notice: serde_json::Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(notice["format"], "incident-notice/1");
    assert_eq!(notice["kind"], "controller");
    assert_eq!(notice["sender"]["incident"], "2026-0001");
    assert_eq!(notice["sender"]["internal_reference"], "LEV-2026-17");
    assert_eq!(
        notice["sender"]["organisation"]["org_number"],
        "556000-0000"
    );
    assert_eq!(notice["sender"]["commit"], vendor.head().as_str());
    assert_eq!(notice["exported_at"], "2026-03-27T12:00:00+01:00");
    assert_eq!(notice["facts"]["data_subjects"]["exact"], 12);
    // Who did an action is a name the controller's notification does not need.
    assert!(notice["facts"]["taken"][0].get("by").is_none());

    // A Swedish register: what the tool writes into the report is in its language.
    let municipality = TestRegister::in_language("sv");
    let before = municipality.commits().len();
    let output = take_in(&municipality, &file, &["--received", "2026-03-26 14:05"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(String::from_utf8_lossy(&output.stdout).trim(), "2026-0001");
    let said = stderr(&output);
    assert!(
        said.contains("Received and discovered: 2026-03-26 14:05 (as --received gives)"),
        "{said}"
    );
    assert!(
        said.contains("EDPB Guidelines 9/2022 section II.A.4"),
        "{said}"
    );

    let report: serde_json::Value =
        serde_saphyr::from_str(&municipality.read("incidents/2026/2026-0001/report.yaml")).unwrap();
    assert_eq!(report["role"], "controller");
    assert_eq!(report["processors_involved"], true);
    assert_eq!(report["processors"][0]["name"], "Leverantören AB");
    assert_eq!(report["processors"][0]["org_number"], "556000-0000");
    assert_eq!(report["processors"][1]["name"], "Driftbolaget AB");
    assert_eq!(report["discovered"]["date"], "2026-03-26");
    assert_eq!(report["discovered"]["time"], "14:05");
    assert_eq!(report["occurred"]["date"], "2026-03-25");
    assert_eq!(report["cause"]["key"], "technical_error");
    assert_eq!(report["from_notice"]["incident"], "2026-0001");
    assert_eq!(report["from_notice"]["commit"], vendor.head().as_str());
    assert_eq!(report["from_notice"]["sender"]["org_number"], "556000-0000");
    assert_eq!(report["from_notice"]["sha256"].as_str().unwrap().len(), 64);
    // No internal reference of the municipality's own is invented from the vendor's.
    assert!(report.get("internal_reference").is_none());

    let commits = municipality.commits();
    assert_eq!(commits.len(), before + 1);
    let entry = &commits[0];
    assert!(
        entry
            .message
            .contains("Notice-From: Leverantören AB (556000-0000)"),
        "{}",
        entry.message
    );
    assert!(entry.message.contains("Notice-Incident: 2026-0001"));
    assert!(
        entry
            .message
            .contains(&format!("Notice-Commit: {}", vendor.head()))
    );
    assert_eq!(
        entry.files,
        [
            "incidents/2026/2026-0001/actions.yaml",
            "incidents/2026/2026-0001/report.yaml"
        ]
    );
    let actions = municipality.read("incidents/2026/2026-0001/actions.yaml");
    assert!(
        actions.contains("Stängde portalen") && actions.contains("by: Leverantören AB"),
        "{actions}"
    );

    municipality.cmd().arg("validate").assert().success();
    let documentation = municipality
        .cmd()
        .args(["export", "report", "2026-0001"])
        .output()
        .unwrap();
    let documentation = String::from_utf8(documentation.stdout).unwrap();
    assert!(
        documentation.contains(&format!(
            "From the notice: Leverantören AB (556000-0000), case 2026-0001, commit {}, exported 2026-03-27 12:00 +01:00, SHA-256 ",
            vendor.head()
        )),
        "{documentation}"
    );
    let imy = municipality
        .cmd()
        .args(["export", "imy", "2026-0001", "--draft"])
        .output()
        .unwrap();
    assert!(imy.status.success(), "{}", stderr(&imy));
    let text = String::from_utf8(imy.stdout).unwrap();
    let from = text.find("10. När inträffade").unwrap();
    let to = text.find("31. Har ni informerat").unwrap();
    insta::assert_snapshot!(&text[from..to]);
}

#[test]
fn received_now_by_default_and_flags_override_the_notice() {
    let vendor = vendor();
    let file = export_notice(
        &vendor,
        &["export", "customer", "2026-0001", "--format", "json"],
    );
    let kind: serde_json::Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(kind["kind"], "detailed");
    let municipality = TestRegister::new();
    let output = take_in(
        &municipality,
        &file,
        &["--title", "Leverantörens portal visade fel ärenden"],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stderr(&output).contains("2026-03-27 12:00 (now; give --received if it came earlier)"));
    let report = municipality.read("incidents/2026/2026-0001/report.yaml");
    assert!(
        report.contains("title: Leverantörens portal visade fel ärenden"),
        "{report}"
    );
    assert!(report.contains("time: \"12:00\""), "{report}");
}

#[test]
fn a_notice_taken_in_before_is_refused_with_the_incident_it_became() {
    let vendor = vendor();
    let file = export_notice(
        &vendor,
        &["export", "controller", "2026-0001", "--format", "json"],
    );
    let municipality = TestRegister::new();
    assert!(take_in(&municipality, &file, &[]).status.success());
    let before = municipality.commits().len();
    let again = take_in(&municipality, &file, &["--received", "2026-03-27 08:00"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(
        stderr(&again).contains("already taken in as incident 2026-0001"),
        "{}",
        stderr(&again)
    );
    assert_eq!(municipality.commits().len(), before);
}

#[test]
fn a_newer_or_malformed_notice_is_refused_naming_file_and_field() {
    let vendor = vendor();
    let file = export_notice(
        &vendor,
        &["export", "controller", "2026-0001", "--format", "json"],
    );
    let text = std::fs::read_to_string(&file).unwrap();
    let municipality = TestRegister::new();
    let before = municipality.commits().len();
    let cases = [
        (
            text.replace("incident-notice/1", "incident-notice/2"),
            "format",
            "är en nyare version",
        ),
        (
            text.replace("\"exact\": 12", "\"exact\": \"tolv\""),
            "facts.data_subjects",
            "kan inte läsas",
        ),
        (
            text.replace("\"children\"", "\"kids\""),
            "facts.subject_groups",
            "`kids`",
        ),
        ("{".to_string(), "(JSON)", "är inte JSON"),
    ];
    for (bad, field, words) in cases {
        let path = municipality.path("bad.json");
        std::fs::write(&path, bad).unwrap();
        let output = municipality
            .cmd()
            .env("INCIDENT_LANG", "sv")
            .args(["new", "--from-notice"])
            .arg(&path)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
        let said = stderr(&output);
        assert!(said.contains(&format!("bad.json: {field}")), "{said}");
        assert!(said.contains(words), "{said}");
    }
    assert_eq!(municipality.commits().len(), before);
    assert!(!municipality.path("incidents/2026").exists());
}

/// A notice whose sender is the register's own organisation (its own export, taken in by
/// mistake) would record the organisation as its own processor (IMY questions 21–22):
/// refused, nothing recorded.
#[test]
fn a_notice_from_the_register_s_own_organisation_is_refused() {
    let vendor = vendor();
    let file = export_notice(
        &vendor,
        &["export", "controller", "2026-0001", "--format", "json"],
    );
    let before = vendor.commits().len();
    let output = take_in(&vendor, &file, &["--received", "2026-03-27 08:00"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let said = stderr(&output);
    assert!(said.contains("sender.organisation.org_number"), "{said}");
    assert!(said.contains("556000-0000"), "{said}");
    assert_eq!(vendor.commits().len(), before);
}

/// `--processor` adds to the processors the notice names: the sender that notified stays
/// recorded as the processor involved (IMY questions 21–22).
#[test]
fn a_processor_given_by_flag_keeps_the_sender_recorded() {
    let vendor = vendor();
    let file = export_notice(
        &vendor,
        &["export", "controller", "2026-0001", "--format", "json"],
    );
    let municipality = TestRegister::new();
    let output = take_in(
        &municipality,
        &file,
        &["--processor", "Annan Drift AB;559111-1111"],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let report: serde_json::Value =
        serde_saphyr::from_str(&municipality.read("incidents/2026/2026-0001/report.yaml")).unwrap();
    let names: Vec<&str> = report["processors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"Leverantören AB"), "{names:?}");
    assert!(names.contains(&"Annan Drift AB"), "{names:?}");
}

/// A receipt in the future is refused naming the flag that gave it, `--received`.
#[test]
fn a_receipt_in_the_future_names_received() {
    let vendor = vendor();
    let file = export_notice(
        &vendor,
        &["export", "controller", "2026-0001", "--format", "json"],
    );
    let municipality = TestRegister::new();
    let output = take_in(&municipality, &file, &["--received", "2026-04-15 09:00"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let said = stderr(&output);
    assert!(said.contains("error: --received: "), "{said}");
    assert!(said.contains("--confirm-time"), "{said}");
}
