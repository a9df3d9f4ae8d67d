//! The regimes' reports in the schedule: DORA's initial notification between its two
//! clocks, CERT-SE's report of every incident unless classified out, and a regime the
//! register does not follow owing nothing.

use chrono::DateTime;
use chrono_tz::Europe::Stockholm;
use chrono_tz::Tz;

use super::{Obligation, obligations_under};
use crate::domain::incident::Incident;
use crate::domain::model::settings::DeadlineSettings;
use crate::domain::regimes::chosen;

/// An incident discovered 2026-03-27 10:00, with report.yaml's `extra` lines.
fn incident(extra: &str) -> Incident {
    let text = format!(
        "id: 2026-0001\ntitle: t\ndiscovered:\n  date: 2026-03-27\n  time: \"10:00\"\n{extra}"
    );
    Incident::new(serde_saphyr::from_str(&text).unwrap())
}

fn classified(regime: &str, applies: bool, at: &str) -> String {
    format!(
        "classifications:\n  {regime}:\n    applies: {applies}\n    at: \"{at}\"\n    by: x\n    reason: r\n"
    )
}

fn at(text: &str) -> DateTime<Tz> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Stockholm)
}

/// The regimes' obligations (key, due) under `regimes`.
fn reports(incident: &Incident, regimes: &[&str]) -> Vec<(String, String)> {
    let keys: Vec<String> = regimes.iter().map(ToString::to_string).collect();
    let found: Vec<Obligation> = obligations_under(
        incident,
        &DeadlineSettings::default(),
        &chosen(&keys),
        Stockholm,
        at("2026-03-27T12:00:00+01:00"),
    )
    .unwrap();
    found
        .into_iter()
        .filter(|o| matches!(o.duty, super::Duty::Report(..)))
        .map(|o| (o.duty.key().to_string(), o.due.fixed_offset().to_rfc3339()))
        .collect()
}

#[test]
fn doras_initial_notification_is_due_4_hours_after_classification_and_within_24_of_awareness() {
    let regimes = ["gdpr", "dora"];
    let initial = |classified_at: &str| {
        let incident = incident(&classified("dora", true, classified_at));
        reports(&incident, &regimes)[0].1.clone()
    };
    // Classified at 12:00: 16:00.
    assert_eq!(
        initial("2026-03-27T12:00:00+01:00"),
        "2026-03-27T16:00:00+01:00"
    );
    // Classified at 08:00 the next day: the 24 hours from awareness end first (10:00).
    assert_eq!(
        initial("2026-03-28T08:00:00+01:00"),
        "2026-03-28T10:00:00+01:00"
    );
    // Classified after the 24 hours: 4 hours after the classification.
    assert_eq!(
        initial("2026-03-28T14:00:00+01:00"),
        "2026-03-28T18:00:00+01:00"
    );
    // Not classified as major: nothing is owed.
    let minor = incident(&classified("dora", false, "2026-03-27T12:00:00+01:00"));
    assert!(reports(&minor, &regimes).is_empty());
    assert!(reports(&incident(""), &regimes).is_empty());
}

#[test]
fn doras_later_reports_run_from_the_reports_before_them() {
    let incident = incident(&classified("dora", true, "2026-03-27T12:00:00+01:00"));
    assert_eq!(
        reports(&incident, &["gdpr", "dora"]),
        [
            (
                "dora_initial_notification".into(),
                "2026-03-27T16:00:00+01:00".into()
            ),
            // 72 elapsed hours across the change to summer time.
            (
                "dora_intermediate_report".into(),
                "2026-03-30T17:00:00+02:00".into()
            ),
            (
                "dora_final_report".into(),
                "2026-04-30T17:00:00+02:00".into()
            ),
        ]
    );
}

#[test]
fn cert_se_owes_every_incident_a_6_hour_report_unless_classified_out() {
    let every = reports(&incident(""), &["gdpr", "cert_se"]);
    assert_eq!(
        every,
        [
            (
                "cert_se_first_report".into(),
                "2026-03-27T16:00:00+01:00".into()
            ),
            (
                "cert_se_final_report".into(),
                "2026-04-24T10:00:00+02:00".into()
            ),
        ]
    );
    let paper = incident(&classified("cert_se", false, "2026-03-27T12:00:00+01:00"));
    assert!(reports(&paper, &["gdpr", "cert_se"]).is_empty());
}

#[test]
fn a_regime_the_register_does_not_follow_owes_nothing() {
    let significant = incident("nis2_significant: true\n");
    assert_eq!(reports(&significant, &["gdpr", "nis2"]).len(), 3);
    assert!(reports(&significant, &["gdpr"]).is_empty());
    assert!(reports(&incident(""), &["gdpr", "dora"]).is_empty());
}
