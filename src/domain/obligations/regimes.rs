//! The reports an incident owes under the regimes a register follows beside the GDPR, as
//! `catalogue/regimes.toml` describes them (NIS2 / cybersäkerhetslagen, DORA, CERT-SE):
//! whether the incident is in the regime, and per report the moment its clock runs from,
//! its due instant and when it was sent.

use chrono::{DateTime, FixedOffset};
use chrono_tz::Tz;

use super::schedule::Builder;
use super::{Duty, add_days, add_hours, add_months};
use crate::domain::incident::Incident;
use crate::domain::moment::TimeProblem;
use crate::domain::regimes::{Anchor, Period, Regime, RegimeReport, Trigger};

/// Whether `incident` is in `regime`: classified into it (NIS2: significant), or, for a
/// regime of every incident, not classified out of it.
pub fn is_in(regime: &Regime, incident: &Incident) -> bool {
    let report = &incident.report;
    let classification = report.classifications.get(&regime.key);
    match regime.trigger {
        Trigger::Nis2Significant => report.nis2_significant == Some(true),
        Trigger::Classified => classification.is_some_and(|c| c.applies),
        Trigger::EveryIncident => classification.is_none_or(|c| c.applies),
    }
}

/// When a report was sent: NIS2's in notification.yaml's `nis2`, the others' in
/// `regime_reports`.
pub fn sent_at(incident: &Incident, regime: &str, report: &str) -> Option<DateTime<FixedOffset>> {
    let notification = incident.notification.as_ref()?;
    if regime == "nis2" {
        let nis2 = notification.nis2.as_ref()?;
        return match report {
            "early_warning" => nis2.early_warning_at,
            "notification" => nis2.notification_at,
            "final_report" => nis2.final_report_at,
            "progress_report" => nis2.progress_report_at,
            _ => None,
        };
    }
    notification
        .regime_reports
        .get(regime)?
        .get(report)
        .copied()
}

fn after(from: DateTime<Tz>, period: Period) -> DateTime<Tz> {
    match period {
        Period::Hours(hours) => add_hours(from, hours),
        Period::Days(days) => add_days(from, days),
        Period::Months(months) => add_months(from, months),
    }
}

/// Adds the reports of every regime in `regimes` that `incident` is in; clocks run from
/// `aware`, becoming aware of the incident itself (its discovery, not the GDPR's later
/// awareness that personal data were compromised), unless a report says otherwise.
pub(super) fn schedule(
    b: &mut Builder<'_>,
    incident: &Incident,
    regimes: &[&'static Regime],
    aware: DateTime<Tz>,
) -> Result<(), TimeProblem> {
    for regime in regimes.iter().copied() {
        if !is_in(regime, incident) {
            continue;
        }
        // The classification's moment; awareness when none is recorded (never later).
        let classified = incident
            .report
            .classifications
            .get(&regime.key)
            .map_or(aware, |c| c.at.with_timezone(&b.zone));
        let mut dues: Vec<(&str, DateTime<Tz>)> = Vec::new();
        for report in &regime.reports {
            let sent = sent_at(incident, &regime.key, &report.key);
            let runs_from = match &report.from {
                Anchor::Awareness => aware,
                Anchor::Classification => classified,
                Anchor::Sent(other) => sent_at(incident, &regime.key, other).map_or_else(
                    || due_of(&dues, other).unwrap_or(aware),
                    |s| s.with_timezone(&b.zone),
                ),
                Anchor::Request => {
                    requests(b, incident, regime, report);
                    continue;
                }
                // Scheduled with the report it stands in for.
                Anchor::OngoingAt(_) => continue,
            };
            let Some(period) = report.period() else {
                continue;
            };
            let mut due = after(runs_from, period);
            if let Some(hours) = report.no_later_than_hours_from_awareness {
                let cap = add_hours(aware, hours);
                if cap >= runs_from {
                    due = due.min(cap);
                }
            }
            dues.push((&report.key, due));
            let instead_sent = stand_in_for(regime, report)
                .and_then(|instead| sent_at(incident, &regime.key, &instead.key));
            if let Some(months) = report.after_end_months
                && ongoing_at(b, incident, due, sent, instead_sent.is_some())?
            {
                stand_in(b, incident, regime, report, (runs_from, due), months)?;
            } else {
                b.push(Duty::Report(report, None), runs_from, due, sent);
            }
        }
    }
    Ok(())
}

fn due_of(dues: &[(&str, DateTime<Tz>)], key: &str) -> Option<DateTime<Tz>> {
    dues.iter().find(|(k, _)| *k == key).map(|(_, due)| *due)
}

/// NIS2 Art. 23(4)(c): one report per request the CSIRT made, due as it asked.
fn requests(
    b: &mut Builder<'_>,
    incident: &Incident,
    regime: &Regime,
    report: &'static RegimeReport,
) {
    if regime.key != "nis2" {
        return;
    }
    let requests = incident
        .notification
        .as_ref()
        .and_then(|n| n.nis2.as_ref())
        .map(|n| n.intermediate.clone())
        .unwrap_or_default();
    for (index, request) in requests.iter().enumerate() {
        b.push(
            Duty::Report(report, Some(index + 1)),
            request.requested_at.with_timezone(&b.zone),
            request.due.with_timezone(&b.zone),
            request.answered_at,
        );
    }
}

/// Whether the incident is still going on at `due`, the deadline of a report that was not
/// sent by then: it ended after it, or has not ended and (at `now` past the deadline, or by
/// the stand-in report recorded) still goes on.
fn ongoing_at(
    b: &Builder<'_>,
    incident: &Incident,
    due: DateTime<Tz>,
    sent: Option<DateTime<FixedOffset>>,
    stand_in_sent: bool,
) -> Result<bool, TimeProblem> {
    if sent.is_some_and(|s| s <= due) {
        return Ok(false);
    }
    let report = &incident.report;
    let ended = report
        .ended
        .as_ref()
        .map(|e| e.earliest_instant(b.zone))
        .transpose()?;
    Ok(match ended {
        Some(ended) => ended > due,
        // Only an incident marked ongoing goes on: an unanswered question keeps the final
        // report due (the cautious reading; NIS2 Art. 23(4)(d)).
        None => report.ongoing == Some(true) && (b.now >= due || stand_in_sent),
    })
}

/// The report due at `report`'s deadline instead of it while the incident goes on.
fn stand_in_for(regime: &'static Regime, report: &RegimeReport) -> Option<&'static RegimeReport> {
    regime
        .reports
        .iter()
        .find(|r| r.from == Anchor::OngoingAt(report.key.clone()))
}

/// NIS2 Art. 23(4)(e): the incident still going on at `report`'s deadline, the report
/// standing in for it is due then, and `report` itself `months` after the incident ended.
fn stand_in(
    b: &mut Builder<'_>,
    incident: &Incident,
    regime: &'static Regime,
    report: &'static RegimeReport,
    (runs_from, due): (DateTime<Tz>, DateTime<Tz>),
    months: u32,
) -> Result<(), TimeProblem> {
    let key = &regime.key;
    if let Some(instead) = stand_in_for(regime, report) {
        b.push(
            Duty::Report(instead, None),
            runs_from,
            due,
            sent_at(incident, key, &instead.key),
        );
    }
    let sent = sent_at(incident, key, &report.key);
    let ended = incident
        .report
        .ended
        .as_ref()
        .map(|e| e.earliest_instant(b.zone))
        .transpose()?;
    match ended {
        Some(ended) => b.push(
            Duty::Report(report, None),
            ended,
            add_months(ended, months),
            sent,
        ),
        // No end recorded (still going, or sent before the end was written down): the end
        // comes after the deadline, so a month after the deadline is the earliest the report
        // can be due; it stays owed, and keeps the case open, until it is sent.
        None => {
            b.push(
                Duty::Report(report, None),
                due,
                add_months(due, months),
                sent,
            );
        }
    }
    Ok(())
}
