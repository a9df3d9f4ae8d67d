//! What changing an incident's verdict takes away: the duties of the law still open that
//! the new verdict would no longer list. A verdict is a person's decision with its reason;
//! dropping an owed notification with it is asked about, never done silently.

use chrono::DateTime;
use chrono_tz::Tz;

use super::incident::Incident;
use super::model::{Settings, Verdict, VerdictKind};
use super::obligations::{DiscoveryNotInZone, Obligation, State, of_incidents};

/// The open duties of the law (GDPR Art. 33 and 34, and the regimes' reports) of
/// `incident` at `now` that the verdict `to` would take away.
pub fn dropped_duties(
    incident: &Incident,
    to: VerdictKind,
    settings: &Settings,
    zone: Tz,
    now: DateTime<Tz>,
) -> Result<Vec<Obligation>, DiscoveryNotInZone> {
    let before = of_incidents(std::slice::from_ref(incident), settings, zone, now)?;
    let mut changed = incident.clone();
    changed.report.verdict = Some(Verdict {
        kind: to,
        decided_by: String::new(),
        decided_at: now.fixed_offset(),
        reason: String::new(),
    });
    let after = of_incidents(std::slice::from_ref(&changed), settings, zone, now)?;
    Ok(before
        .into_iter()
        .filter(|o| owed(o) && o.duty.is_law())
        .filter(|o| !after.iter().any(|a| a.duty == o.duty && owed(a)))
        .collect())
}

/// Not met: open, or waived at a closing (still unmet, only excused).
fn owed(obligation: &Obligation) -> bool {
    obligation.state.is_open() || obligation.state == State::Waived
}

#[cfg(test)]
mod tests {
    use chrono_tz::Europe::Stockholm;

    use super::*;

    #[test]
    fn a_verdict_outside_the_gdpr_names_the_owed_notification_it_drops() {
        let report = serde_saphyr::from_str(
            "id: 2026-0001\ntitle: t\ndiscovered:\n  date: 2026-03-27\n  time: \"10:00\"\n",
        )
        .unwrap();
        let incident = Incident::new(report);
        let settings: Settings = toml::from_str("[organisation]\nname = \"X\"\n").unwrap();
        let now = DateTime::parse_from_rfc3339("2026-03-27T12:00:00+01:00")
            .unwrap()
            .with_timezone(&Stockholm);
        let dropped = |to| -> Vec<&'static str> {
            dropped_duties(&incident, to, &settings, Stockholm, now)
                .unwrap()
                .iter()
                .map(|o| o.duty.key())
                .collect()
        };
        assert_eq!(dropped(VerdictKind::NoPersonalData), ["notify_imy"]);
        assert!(dropped(VerdictKind::PersonalDataBreach).is_empty());
        assert!(dropped(VerdictKind::Undecided).is_empty());
    }
}
