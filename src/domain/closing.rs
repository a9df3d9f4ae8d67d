//! When a case may be closed (steps G and H): not twice, not while a planned measure is
//! open, not before the risk is assessed, and not while a duty of the law is still due,
//! unless that duty is waived with a reason.

use super::incident::Incident;
use super::model::actions::MeasureStatus;
use super::obligations::Obligation;

/// Why an incident cannot be closed now, in the order the reasons are checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CannotClose {
    AlreadyClosed,
    /// Planned measures still open (the municipal process, step H: close after the
    /// measures): each with its number as `incident show` numbers them, and its first line.
    OpenMeasures(Vec<(usize, String)>),
    /// Every incident is assessed and documented before it is closed (step C; GDPR
    /// Art. 33(5)).
    NotAssessed,
    /// A waiver names no obligation of the law that is open: the key, and the open ones.
    NothingToWaive {
        key: String,
        open: Vec<Obligation>,
    },
    /// A waiver of a duty closing cannot waive: notifying IMY is owed unless the risk
    /// assessment finds the breach unlikely to result in a risk (GDPR Art. 33(1)), which is
    /// decided there with its reason, and the reason for a late notification goes with the
    /// notification itself.
    NotWaivable {
        key: String,
    },
    /// Duties of the law still due and not waived; closing does not close them away.
    ObligationsOpen(Vec<Obligation>),
}

/// Why `incident` cannot be closed given its `obligations` at the moment of closing and
/// the keys of the obligations `waiving` (each waived with a reason), or `None` when it can.
pub fn why_not_closable(
    incident: &Incident,
    obligations: &[Obligation],
    waiving: &[String],
) -> Option<CannotClose> {
    if incident.is_closed() {
        return Some(CannotClose::AlreadyClosed);
    }
    let open_measures: Vec<(usize, String)> = incident
        .actions
        .iter()
        .flat_map(|a| a.planned.iter().enumerate())
        .filter(|(_, m)| m.status == MeasureStatus::Open)
        .map(|(index, m)| {
            let first_line = m.measure.lines().next().unwrap_or_default();
            (index + 1, first_line.to_string())
        })
        .collect();
    if !open_measures.is_empty() {
        return Some(CannotClose::OpenMeasures(open_measures));
    }
    // A case the verdict takes out of the GDPR (no personal data, not an incident) is
    // documented without a risk assessment.
    if incident.assessment.is_none() && incident.report.verdict_kind().gdpr_applies() {
        return Some(CannotClose::NotAssessed);
    }
    if let Some(key) = waiving
        .iter()
        .find(|key| matches!(key.as_str(), "notify_imy" | "late_reason"))
    {
        return Some(CannotClose::NotWaivable { key: key.clone() });
    }
    let legal = open_legal(obligations);
    if let Some(key) = waiving
        .iter()
        .find(|key| !legal.iter().any(|o| o.duty.key() == key.as_str()))
    {
        return Some(CannotClose::NothingToWaive {
            key: key.clone(),
            open: legal,
        });
    }
    let unwaived: Vec<Obligation> = legal
        .into_iter()
        .filter(|o| !waiving.iter().any(|key| key == o.duty.key()))
        .collect();
    if !unwaived.is_empty() {
        return Some(CannotClose::ObligationsOpen(unwaived));
    }
    None
}

/// The duties of the law (GDPR, NIS2) still pending or overdue; internal targets and
/// agreements with customers do not keep a case open ([`Duty::is_law`]).
pub fn open_legal(obligations: &[Obligation]) -> Vec<Obligation> {
    obligations
        .iter()
        .filter(|o| o.state.is_open() && o.duty.is_law())
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;
    use chrono_tz::Europe::Stockholm;

    use super::*;
    use crate::domain::model::settings::DeadlineSettings;
    use crate::domain::obligations::{Duty, State, obligations};

    const REPORT: &str =
        "id: 2026-0001\ntitle: t\ndiscovered:\n  date: 2026-03-27\n  time: \"10:00\"\n";
    const ASSESSMENT_LOW: &str = "assessed_at: \"2026-03-27T12:00:00+01:00\"
assessed_by: x
data_processing_context: { category: simple, score: 1 }
ease_of_identification: negligible
circumstances: { confidentiality: none, integrity: none, availability: none, malicious: false }
severity_score: 0.25
band: low
decision: { notify_imy: false, inform_data_subjects: false }
reasoning: r
";
    const CLOSURE: &str = "closed_at: \"2026-04-01T12:00:00+02:00\"\nclosed_by: x\nroot_cause: r\nlessons_learned: l\n";

    fn incident(assessed: bool, planned: &[(&str, &str)], closed: bool) -> Incident {
        let mut incident = Incident::new(serde_saphyr::from_str(REPORT).unwrap());
        if assessed {
            incident.assessment = Some(serde_saphyr::from_str(ASSESSMENT_LOW).unwrap());
        }
        if !planned.is_empty() {
            let measures: String = planned
                .iter()
                .map(|(measure, status)| {
                    // A YAML escape, so that a measure of several lines stays several lines.
                    let measure = measure.replace('\n', "\\n");
                    format!("  - {{ measure: \"{measure}\", purpose: prevent, status: {status}, deferred_reason: later }}\n")
                })
                .collect();
            let yaml = format!("planned:\n{measures}");
            incident.actions = Some(serde_saphyr::from_str(&yaml).unwrap());
        }
        if closed {
            incident.closure = Some(serde_saphyr::from_str(CLOSURE).unwrap());
        }
        incident
    }

    fn at(incident: &Incident, now: &str) -> Vec<Obligation> {
        let now = DateTime::parse_from_rfc3339(now)
            .unwrap()
            .with_timezone(&Stockholm);
        obligations(incident, &DeadlineSettings::default(), Stockholm, now).unwrap()
    }

    const LATER: &str = "2026-06-01T12:00:00+02:00";

    #[test]
    fn reasons_are_checked_in_order() {
        let open = [("Train the staff\nin May", "open"), ("Patch", "done")];
        for (case, incident, expected) in [
            (
                "closed, with an open measure and no assessment",
                incident(false, &open, true),
                Some(CannotClose::AlreadyClosed),
            ),
            (
                "an open measure and no assessment",
                incident(false, &open, false),
                Some(CannotClose::OpenMeasures(vec![(
                    1,
                    "Train the staff".into(),
                )])),
            ),
            (
                "measures done or deferred, no assessment",
                incident(false, &[("Patch", "done"), ("Audit", "deferred")], false),
                Some(CannotClose::NotAssessed),
            ),
            (
                "assessed low: nothing of the law is due",
                incident(true, &[("Patch", "done")], false),
                None,
            ),
        ] {
            let obligations = at(&incident, LATER);
            assert_eq!(
                why_not_closable(&incident, &obligations, &[]),
                expected,
                "{case}"
            );
        }
    }

    #[test]
    fn open_measures_are_numbered_as_show_numbers_them() {
        let incident = incident(
            true,
            &[("Patch", "done"), ("Audit", "open"), ("Train", "open")],
            false,
        );
        assert_eq!(
            why_not_closable(&incident, &[], &[]),
            Some(CannotClose::OpenMeasures(vec![
                (2, "Audit".into()),
                (3, "Train".into())
            ]))
        );
    }

    #[test]
    fn only_the_laws_open_duties_keep_a_case_open() {
        let mut incident = incident(true, &[], false);
        // Assessed as notifiable, not yet notified: the 72 hours of Art. 33(1) run.
        incident.assessment.as_mut().unwrap().decision.notify_imy = true;
        let obligations = at(&incident, LATER);
        let Some(CannotClose::ObligationsOpen(open)) =
            why_not_closable(&incident, &obligations, &[])
        else {
            panic!("the IMY notification is due");
        };
        let duties: Vec<&Duty> = open.iter().map(|o| &o.duty).collect();
        assert_eq!(duties, [&Duty::NotifyImy]);
        assert_eq!(open[0].state, State::Overdue);
        // The internal targets (DPO, closing within the set days) are overdue too, but
        // they are the organisation's own: they do not refuse the closing.
        assert!(
            obligations
                .iter()
                .any(|o| o.duty == Duty::ContactDpo && o.state.is_open())
        );
        let without_imy: Vec<Obligation> = obligations
            .into_iter()
            .filter(|o| o.duty != Duty::NotifyImy)
            .collect();
        assert_eq!(why_not_closable(&incident, &without_imy, &[]), None);
    }

    #[test]
    fn an_announced_supplement_keeps_the_case_open_until_sent_or_waived() {
        let mut incident = incident(true, &[], false);
        incident.assessment.as_mut().unwrap().decision.notify_imy = true;
        incident.notification = Some(
            serde_saphyr::from_str(
                "imy:\n  submitted_at: \"2026-03-27T16:00:00+01:00\"\n  supplement_planned: true\n",
            )
            .unwrap(),
        );
        let obligations = at(&incident, LATER);
        let Some(CannotClose::ObligationsOpen(open)) =
            why_not_closable(&incident, &obligations, &[])
        else {
            panic!("the supplement of GDPR Art. 33(4) is due");
        };
        assert_eq!(open.len(), 1);
        assert_eq!(open[0].duty, Duty::Supplement);
        // Waived with a reason, it no longer stands in the way.
        assert_eq!(
            why_not_closable(&incident, &obligations, &["supplement".into()]),
            None
        );
        // A waiver of what is not an open duty of the law is refused, naming the open ones.
        for key in ["close_case", "nonsense"] {
            let Some(CannotClose::NothingToWaive { key: named, open }) =
                why_not_closable(&incident, &obligations, &[key.into()])
            else {
                panic!("{key} is not open or not law");
            };
            assert_eq!(named, key);
            assert_eq!(open[0].duty, Duty::Supplement);
        }
        // The IMY notification is decided in the assessment, never waived (Art. 33(1)).
        assert_eq!(
            why_not_closable(&incident, &obligations, &["notify_imy".into()]),
            Some(CannotClose::NotWaivable {
                key: "notify_imy".into()
            })
        );
    }

    #[test]
    fn the_law_and_the_organisations_own_targets_are_told_apart() {
        let mut law = vec![
            Duty::NotifyImy,
            Duty::LateReason,
            Duty::Supplement,
            Duty::InformDataSubjects,
            Duty::PublicCommunication,
            Duty::NotifyController,
        ];
        // Every report of every regime in catalogue/regimes.toml is marked law today.
        for regime in &crate::domain::regimes::regimes().list {
            law.extend(regime.reports.iter().map(|r| Duty::Report(r, None)));
        }
        let own = [
            Duty::InformCustomer {
                name: "Kund AB".into(),
                notice: crate::domain::model::notification::CustomerNotice::Detailed,
            },
            Duty::ContactDpo,
            Duty::AssessRisk,
            Duty::PlannedMeasure("Train".into()),
            Duty::CloseCase,
        ];
        assert!(law.iter().all(Duty::is_law));
        assert!(!own.iter().any(Duty::is_law));
    }
}
