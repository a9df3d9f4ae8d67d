//! The reports of a significant incident under NIS2 (Directive (EU) 2022/2555 Art. 23(4);
//! in Swedish law cybersäkerhetslagen (2025:1506) 2 kap. 5–8 §§) to the CSIRT: early
//! warning, incident notification, the intermediate reports the CSIRT asks for, the final
//! report, and the progress report due instead while the incident still goes on.

use chrono::DateTime;
use chrono_tz::Tz;

use super::schedule::Builder;
use super::{Duty, add_hours, add_months};
use crate::domain::incident::Incident;
use crate::domain::moment::TimeProblem;

/// Adds the NIS2 reports of `incident`, whose clocks run from `aware`.
pub(super) fn schedule(
    b: &mut Builder<'_>,
    incident: &Incident,
    aware: DateTime<Tz>,
) -> Result<(), TimeProblem> {
    let zone = b.zone;
    let nis2 = incident
        .notification
        .as_ref()
        .and_then(|n| n.nis2.clone())
        .unwrap_or_default();
    // Art. 23(4)(a) and (b): within 24 and 72 hours of becoming aware.
    b.push(
        Duty::Nis2EarlyWarning,
        aware,
        add_hours(aware, 24),
        nis2.early_warning_at,
    );
    let notification_due = add_hours(aware, 72);
    b.push(
        Duty::Nis2Notification,
        aware,
        notification_due,
        nis2.notification_at,
    );
    // Art. 23(4)(c): on the CSIRT's request, by the time it asked for.
    for (index, request) in nis2.intermediate.iter().enumerate() {
        b.push(
            Duty::Nis2Intermediate(index + 1),
            request.requested_at.with_timezone(&zone),
            request.due.with_timezone(&zone),
            request.answered_at,
        );
    }
    // Art. 23(4)(d): one month after the notification (after its deadline while it is
    // not sent, so the final report is never computed late).
    let sent = nis2
        .notification_at
        .map_or(notification_due, |n| n.with_timezone(&zone));
    let final_due = add_months(sent, 1);
    let final_in_time = nis2.final_report_at.is_some_and(|f| f <= final_due);
    let ended = incident
        .report
        .ended
        .as_ref()
        .map(|e| e.earliest_instant(zone))
        .transpose()?;
    let still_going = incident.report.ongoing != Some(false);
    // Art. 23(4)(e): still ongoing when the final report is due, a progress report is
    // due then, and the final report one month after the incident is handled.
    let ongoing_at_final = !final_in_time
        && match ended {
            Some(ended) => ended > final_due,
            None => still_going && (b.now >= final_due || nis2.progress_report_at.is_some()),
        };
    if !ongoing_at_final {
        b.push(Duty::Nis2FinalReport, sent, final_due, nis2.final_report_at);
        return Ok(());
    }
    b.push(
        Duty::Nis2ProgressReport,
        sent,
        final_due,
        nis2.progress_report_at,
    );
    match ended {
        Some(ended) => b.push(
            Duty::Nis2FinalReport,
            ended,
            add_months(ended, 1),
            nis2.final_report_at,
        ),
        // Sent before the end was recorded: the end came after the progress report's
        // deadline, so a month after that deadline is the earliest the final was due.
        None if nis2.final_report_at.is_some() => b.push(
            Duty::Nis2FinalReport,
            final_due,
            add_months(final_due, 1),
            nis2.final_report_at,
        ),
        // Still going: the final report is due a month after the end, once it is known.
        None => {}
    }
    Ok(())
}
