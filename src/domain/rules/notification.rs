//! The rules of `actions.yaml` and `notification.yaml` (steps D–F): a deferred measure
//! has its reason, IMY questions 31–36 agree, a late notification gives its reasons, and
//! nothing is sent before the incident is discovered.

use crate::domain::obligations::GDPR_NOTIFY_IMY_HOURS;
use chrono::{DateTime, FixedOffset};
use chrono_tz::Tz;

use super::answers::check_selection;
use super::{Problem, non_empty};
use crate::domain::incident::Incident;
use crate::domain::model::actions::MeasureStatus;
use crate::domain::model::notification::same_customer;
use crate::domain::model::{Actions, Notification};
use crate::domain::obligations::add_hours;
use crate::domain::plausibility::{When, before_discovery};

pub fn check_actions(actions: &Actions) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (index, action) in actions.taken.iter().enumerate() {
        non_empty(
            &mut problems,
            &format!("taken[{index}].action"),
            &action.action,
        );
    }
    for (index, measure) in actions.planned.iter().enumerate() {
        let field = format!("planned[{index}]");
        non_empty(&mut problems, &format!("{field}.measure"), &measure.measure);
        let reason = measure.deferred_reason.as_deref().unwrap_or("").trim();
        if measure.status == MeasureStatus::Deferred && reason.is_empty() {
            problems.push(Problem::new(
                format!("{field}.deferred_reason"),
                "en uppskjuten åtgärd behöver skälet till att den sköts upp",
                "a deferred measure needs the reason it was deferred",
            ));
        }
    }
    problems
}

/// The answers of IMY questions 31–36 must agree with each other.
pub fn check_notification(notification: &Notification) -> Vec<Problem> {
    let mut problems = Vec::new();
    if let Some(public) = &notification.public_communication {
        super::non_empty(&mut problems, "public_communication.how", &public.how);
    }
    if let Some(subjects) = &notification.data_subjects {
        if subjects.informed && subjects.informed_at.is_none() {
            problems.push(Problem::new(
                "data_subjects.informed_at",
                "de registrerade är informerade: ange när (IMY fråga 32)",
                "the data subjects are informed: say when (IMY question 32)",
            ));
        }
        if subjects.informed
            && (subjects.will_inform.is_some() || subjects.reasons_not_to_inform.is_some())
        {
            problems.push(Problem::new(
                "data_subjects",
                "de registrerade är informerade: `will_inform` och `reasons_not_to_inform` (IMY fråga 33–35) gäller bara så länge de inte är det; ta bort dem",
                "the data subjects are informed: `will_inform` and `reasons_not_to_inform` (IMY questions 33–35) only apply while they are not",
            ));
        }
        if subjects.will_inform == Some(true) && subjects.reasons_not_to_inform.is_some() {
            problems.push(Problem::new(
                "data_subjects.reasons_not_to_inform",
                "skäl att inte informera (IMY fråga 35) hör ihop med `will_inform: false`",
                "reasons not to inform (IMY question 35) go with `will_inform: false`",
            ));
        }
        if let Some(reasons) = &subjects.reasons_not_to_inform {
            check_selection(
                &mut problems,
                "data_subjects.reasons_not_to_inform",
                reasons,
            );
        }
    }
    if let Some(imy) = &notification.imy
        && imy.submitted_at.is_none()
        && !imy.supplements.is_empty()
    {
        problems.push(Problem::new(
            "imy.supplements",
            "kompletteringar följer på en anmälan (GDPR art. 33.4): registrera `submitted_at` först",
            "supplements follow a notification (GDPR Art. 33(4)): record `submitted_at` first",
        ));
    }
    // IMY's case number is one line: it goes into a journal entry's subject and a filing
    // tag's trailers, where a line break would forge another line.
    if let Some(case_number) = notification
        .imy
        .as_ref()
        .and_then(|imy| imy.case_number.as_ref())
        && case_number.chars().any(char::is_control)
    {
        problems.push(Problem::new(
            "imy.case_number",
            "IMY:s diarienummer är en rad utan radbrytningar eller styrtecken, t.ex. IMY-2026-1234",
            "IMY's case number is one line without line breaks or control characters, e.g. IMY-2026-1234",
        ));
    }
    if let Some(nis2) = &notification.nis2 {
        problems.extend(super::regimes::check_nis2_reports(nis2));
    }
    problems.extend(super::regimes::check_regime_reports(notification));
    check_customers(&mut problems, notification);
    problems
}

/// A customer is listed once: names are compared without regard to case, so "Exempelby
/// Kommun" beside "Exempelby kommun" would split one customer's notices in two.
fn check_customers(problems: &mut Vec<Problem>, notification: &Notification) {
    let customers = &notification.customers;
    for (index, customer) in customers.iter().enumerate() {
        let field = format!("customers[{index}].name");
        non_empty(problems, &field, &customer.name);
        let earlier = customers[..index]
            .iter()
            .position(|c| same_customer(&c.name, &customer.name));
        if let Some(earlier) = earlier {
            problems.push(Problem::new(
                field,
                format!(
                    "samma kund som customers[{earlier}] (namnen jämförs utan hänsyn till stora och små bokstäver): behåll en post, med bådas meddelanden"
                ),
                format!(
                    "the same customer as customers[{earlier}] (names are compared without regard to case): keep one entry, with the notices of both"
                ),
            ));
        }
    }
}

/// GDPR Art. 33(1): a notification later than the deadline "shall be accompanied by reasons
/// for the delay" (IMY question 14). Checked across files: the report's discovery (or
/// awareness) and the notification's time, against the law's 72 hours.
pub fn check_late_notification(incident: &Incident, zone: Tz) -> Vec<Problem> {
    let imy = incident.notification.as_ref().and_then(|n| n.imy.as_ref());
    let (Some(imy), Ok(aware)) = (imy, incident.report.clock_start().earliest_instant(zone)) else {
        return Vec::new();
    };
    let Some(submitted) = imy.submitted_at else {
        return Vec::new();
    };
    let due = add_hours(aware, GDPR_NOTIFY_IMY_HOURS);
    let reason_given = imy
        .late_reason
        .as_deref()
        .is_some_and(|r| !r.trim().is_empty());
    if submitted > due && !reason_given {
        let submitted = submitted.with_timezone(&zone).format("%Y-%m-%d %H:%M %:z");
        let due = due.format("%Y-%m-%d %H:%M %:z");
        let hours = GDPR_NOTIFY_IMY_HOURS;
        return vec![Problem::new(
            "imy.late_reason",
            format!(
                "anmälan skickades {submitted}, efter tidsfristen {due} ({hours} timmar efter vetskapen); GDPR art. 33.1 kräver skälen till förseningen (IMY fråga 14): skriv dem i imy.late_reason"
            ),
            format!(
                "the notification was submitted {submitted}, after the deadline {due} ({hours} hours after awareness); GDPR Art. 33(1) asks for the reasons for the delay (IMY question 14)"
            ),
        )];
    }
    Vec::new()
}

/// A notice cannot be sent before the incident is discovered, nor a supplement before the
/// notification it supplements (GDPR Art. 33(4)): a hand-edited time that says so is not
/// true. Checked across files (the report's discovery); the times ahead of now are the
/// commands' to ask about, as rules have no clock.
pub fn check_notices_after_discovery(incident: &Incident, zone: Tz) -> Vec<Problem> {
    let Some(notification) = &incident.notification else {
        return Vec::new();
    };
    let discovered = &incident.report.discovered;
    let mut notices: Vec<(String, DateTime<FixedOffset>)> = Vec::new();
    let submitted = notification.imy.as_ref().and_then(|i| i.submitted_at);
    if let Some(imy) = &notification.imy {
        notices.extend(submitted.map(|at| ("imy.submitted_at".to_string(), at)));
        for (index, supplement) in imy.supplements.iter().enumerate() {
            notices.push((
                format!("imy.supplements[{index}].submitted_at"),
                supplement.submitted_at,
            ));
        }
    }
    let informed = notification
        .data_subjects
        .as_ref()
        .and_then(|d| d.informed_at);
    notices.extend(informed.map(|at| ("data_subjects.informed_at".to_string(), at)));
    let controller = notification.controller_notified_at;
    notices.extend(controller.map(|at| ("controller_notified_at".to_string(), at)));
    for (index, customer) in notification.customers.iter().enumerate() {
        for (field, at) in [
            ("acknowledged_at", customer.acknowledged_at),
            ("detailed_notice_at", customer.detailed_notice_at),
            ("resolution_at", customer.resolution_at),
        ] {
            notices.extend(at.map(|at| (format!("customers[{index}].{field}"), at)));
        }
    }
    let shown = |at: DateTime<FixedOffset>| When::Instant(at).display(zone);
    let mut problems = Vec::new();
    for (field, at) in notices {
        if before_discovery(&When::Instant(at), discovered, zone) {
            problems.push(Problem::new(
                field,
                format!(
                    "{} är före upptäckten ({discovered}, report.yaml `discovered`, IMY fråga 11): ingen får veta om en incident innan den har upptäckts; rätta den här tiden, eller upptäckten",
                    shown(at)
                ),
                format!(
                    "{} is before the discovery ({discovered}, report.yaml `discovered`, IMY question 11): nobody is told of an incident before it is discovered; correct this time, or the discovery",
                    shown(at)
                ),
            ));
        } else if field.starts_with("imy.supplements")
            && let Some(submitted) = submitted
            && at < submitted
        {
            problems.push(Problem::new(
                field,
                format!(
                    "{} är före anmälan som den kompletterar ({}, imy.submitted_at); en komplettering följer på anmälan (GDPR art. 33.4)",
                    shown(at),
                    shown(submitted)
                ),
                format!(
                    "{} is before the notification it supplements ({}, imy.submitted_at); a supplement follows the notification (GDPR Art. 33(4))",
                    shown(at),
                    shown(submitted)
                ),
            ));
        }
    }
    problems
}
