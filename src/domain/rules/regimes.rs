//! The rules of the regimes beside the GDPR in the incident files: a classification
//! agrees with the flag it explains and gives its reason; a CSIRT's request is answered
//! after it was made (NIS2 Art. 23(4)(c)).

use super::{Problem, non_empty};
use crate::domain::model::Report;
use crate::domain::model::notification::Nis2Reports;

/// report.yaml: `classifications`.
pub fn check_classifications(report: &Report) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (key, classification) in &report.classifications {
        let field = format!("classifications.{key}");
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
                "`classifications.nis2.applies` is {} but `nis2_significant` is not: set both (`incident nis2 ID --significant yes|no --reason TEXT` does)",
                nis2.applies
            ),
        ));
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
                "the report is due before the CSIRT asked for it",
            ));
        }
        if request
            .answered_at
            .is_some_and(|a| a < request.requested_at)
        {
            problems.push(Problem::new(
                format!("{field}.answered_at"),
                "the report was sent before the CSIRT asked for it",
            ));
        }
    }
    problems
}
