//! The rules of the regimes beside the GDPR in the incident files: a classification
//! agrees with the flag it explains and gives its reason; a CSIRT's request is answered
//! after it was made (NIS2 Art. 23(4)(c)).

use super::{Problem, non_empty};
use crate::domain::model::notification::Nis2Reports;
use crate::domain::model::{Notification, Report};
use crate::domain::regimes::{GDPR, regimes};

/// report.yaml: `classifications`.
pub fn check_classifications(report: &Report) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (key, classification) in &report.classifications {
        let field = format!("classifications.{key}");
        if regimes().get(key).is_none() {
            problems.push(Problem::new(
                field.clone(),
                format!(
                    "`{key}` är inget regelverk som verktyget känner till: {}",
                    regimes().keys()[1..].join(", ")
                ),
                format!(
                    "`{key}` is not a regime the tool knows: {}",
                    regimes().keys()[1..].join(", ")
                ),
            ));
        }
        non_empty(
            &mut problems,
            &format!("{field}.reason"),
            &classification.reason,
        );
        non_empty(&mut problems, &format!("{field}.by"), &classification.by);
    }
    if let Some(nis2) = report.classifications.get("nis2")
        && report.nis2_significant != Some(nis2.applies)
    {
        problems.push(Problem::new(
            "nis2_significant",
            format!(
                "`classifications.nis2.applies` är {} men `nis2_significant` är det inte: sätt båda (det gör `incident nis2 ID --significant yes|no --reason TEXT`)",
                nis2.applies
            ),
            format!(
                "`classifications.nis2.applies` is {} but `nis2_significant` is not: set both (`incident nis2 ID --significant yes|no --reason TEXT` does)",
                nis2.applies
            ),
        ));
    }
    problems
}

/// notification.yaml: `regime_reports` names known regimes (NIS2's reports are under
/// `nis2`) and their reports.
pub fn check_regime_reports(notification: &Notification) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (key, reports) in &notification.regime_reports {
        let field = format!("regime_reports.{key}");
        let Some(regime) = regimes().get(key).filter(|r| r.key != "nis2") else {
            let known = regimes().keys()[1..]
                .iter()
                .filter(|k| **k != "nis2")
                .copied()
                .collect::<Vec<_>>()
                .join(", ");
            problems.push(Problem::new(
                field,
                format!(
                    "`{key}` är inget regelverk vars rapporter hålls här: {known} (NIS2:s ligger under `nis2`)"
                ),
                format!(
                    "`{key}` is not a regime whose reports are kept here: {known} (NIS2's are under `nis2`)"
                ),
            ));
            continue;
        };
        for report in reports.keys() {
            if regime.report(report).is_none() {
                let known: Vec<&str> = regime.reports.iter().map(|r| r.key.as_str()).collect();
                problems.push(Problem::new(
                    format!("{field}.{report}"),
                    format!("`{report}` är ingen rapport i {key}: {}", known.join(", ")),
                    format!("`{report}` is not a report of {key}: {}", known.join(", ")),
                ));
            }
        }
    }
    problems
}

/// notification.yaml: `nis2`.
pub fn check_nis2_reports(nis2: &Nis2Reports) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (index, request) in nis2.intermediate.iter().enumerate() {
        let field = format!("nis2.intermediate[{index}]");
        if request.due < request.requested_at {
            problems.push(Problem::new(
                format!("{field}.due"),
                "rapporten ska lämnas innan CSIRT:en bad om den (NIS2 art. 23.4 c): rätta `due` eller `requested_at`",
                "the report is due before the CSIRT asked for it (NIS2 Art. 23(4)(c)): correct `due` or `requested_at`",
            ));
        }
        if request
            .answered_at
            .is_some_and(|a| a < request.requested_at)
        {
            problems.push(Problem::new(
                format!("{field}.answered_at"),
                "rapporten skickades innan CSIRT:en bad om den (NIS2 art. 23.4 c): rätta `answered_at` eller `requested_at`",
                "the report was sent before the CSIRT asked for it (NIS2 Art. 23(4)(c)): correct `answered_at` or `requested_at`",
            ));
        }
    }
    problems
}

/// incident.toml: `regimes` names known regimes, the GDPR among them, each once.
pub fn check_chosen(chosen: &[String]) -> Vec<Problem> {
    let known = regimes().keys();
    let mut problems = Vec::new();
    for (index, key) in chosen.iter().enumerate() {
        if !known.contains(&key.as_str()) {
            problems.push(Problem::new(
                format!("regimes[{index}]"),
                format!(
                    "`{key}` är inget regelverk som verktyget känner till: {}",
                    known.join(", ")
                ),
                format!(
                    "`{key}` is not a regime the tool knows: {}",
                    known.join(", ")
                ),
            ));
        } else if chosen[..index].contains(key) {
            problems.push(Problem::new(
                format!("regimes[{index}]"),
                format!("`{key}` står två gånger"),
                format!("`{key}` is named twice"),
            ));
        }
    }
    if !chosen.iter().any(|k| k == GDPR) {
        problems.push(Problem::new(
            "regimes",
            "`gdpr` kan inte utelämnas: registret är dokumentationen av varje incident som GDPR kräver (GDPR art. 33.5)",
            "`gdpr` cannot be left out: the register is the GDPR's documentation of every breach (GDPR Art. 33(5))",
        ));
    }
    problems
}
