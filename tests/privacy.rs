//! The register must not be the next breach: validate warns of personal identity numbers
//! and e-mail addresses (but the listed contacts') in text bound for IMY.

mod common;

use common::TestRegister;

#[test]
fn validate_warns_of_personal_data_in_text_bound_for_imy() {
    let register = TestRegister::new();
    register.new_incident(&[
        "--observed",
        "Bilagan med personnummer 19121212-1212 gick till anna.svensson@example.se.",
    ]);
    register
        .cmd()
        .args(["log", "2026-0001", "--action"])
        .arg("Kontakt med dso@example.org och kontakt@example.org om 121212-1212.")
        .assert()
        .success();
    let output = register.cmd().args(["validate"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "warnings do not invalidate");
    let text = String::from_utf8_lossy(&output.stdout);
    let warnings: Vec<&str> = text.lines().filter(|l| l.starts_with("warning:")).collect();
    assert_eq!(warnings.len(), 3, "{text}");
    assert!(
        warnings[0].contains("incidents/2026/2026-0001/report.yaml:"),
        "{text}"
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("19121212-1212") && w.contains("personal identity number"))
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("anna.svensson@example.se"))
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("actions.yaml") && w.contains("121212-1212"))
    );
    // The DPO's and the contact's addresses from incident.toml are not warned of.
    assert!(
        !text.contains("dso@example.org") && !text.contains("kontakt@example.org"),
        "{text}"
    );
    assert!(text.contains("public record"), "{text}");
}
