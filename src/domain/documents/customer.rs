//! A vendor's notices to an affected customer, under the headings of the Boet template
//! (observation, impact, impact on personal data, time and duration, contacts), one for
//! each step of its process: the acknowledgement with the case number, the detailed notice
//! (consequences and extent) within 72 hours, and the resolution.

use super::plain::{long_date, wrap};
use crate::domain::Lang;
use crate::domain::incident::Incident;
use crate::domain::labels;
use crate::domain::model::Settings;
use crate::domain::model::actions::MeasureStatus;
use crate::domain::model::verdict::VerdictKind;
use crate::domain::moment::Moment;
use crate::domain::obligations::add_hours;

pub use crate::domain::model::notification::CustomerNotice;

const WIDTH: usize = 72;

/// Why a notice cannot be written as it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeGap {
    /// A resolution needs the moment the incident ended (IMY question 13); it is still
    /// going on, or no end is recorded.
    NotEnded { ongoing: bool },
}

/// The resolution of an incident that has not ended says nothing true about when it was
/// resolved: it waits for `ended` in report.yaml.
pub fn notice_gap(incident: &Incident, notice: CustomerNotice) -> Option<NoticeGap> {
    let report = &incident.report;
    (notice == CustomerNotice::Resolution && report.ended.is_none()).then_some(
        NoticeGap::NotEnded {
            ongoing: report.ongoing == Some(true),
        },
    )
}

/// A notice to an affected customer: each notice carries what its step of the process
/// promises (see the module's documentation).
pub fn customer_notice(
    incident: &Incident,
    settings: &Settings,
    lang: Lang,
    notice: CustomerNotice,
) -> String {
    let report = &incident.report;
    let t = |sv: &'static str, en: &'static str| lang.pick(sv, en);
    let case = report
        .internal_reference
        .clone()
        .unwrap_or_else(|| report.id.to_string());
    let kind = match notice {
        CustomerNotice::Acknowledgement => t("bekräftelse", "acknowledgement"),
        CustomerNotice::Detailed => t("detaljerat besked", "detailed notice"),
        CustomerNotice::Resolution => t("löst", "resolved"),
    };
    let mut out = String::new();
    if notice == CustomerNotice::Acknowledgement
        && let Some(to) = recipients(report.reported_by.as_ref())
    {
        out.push_str(&format!("{}: {to}\n", t("Till", "To")));
    }
    out.push_str(&format!(
        "{} {case}: {} – {kind}\n",
        t("Ärende", "Case"),
        report.title
    ));
    match (&report.internal_reference, notice) {
        // The acknowledgement gives both numbers the case is known by: the register's id
        // and the organisation's own diary number.
        (Some(reference), CustomerNotice::Acknowledgement) => out.push_str(&format!(
            "{}: {} ({}: {reference})\n\n",
            t("Ärendenummer", "Case number"),
            report.id,
            t("vårt diarienummer", "our reference")
        )),
        _ => out.push_str(&format!("{}: {case}\n\n", t("Ärendenummer", "Case number"))),
    }
    let hours = settings.deadlines.inform_customers_hours;
    // The promise as a date and time, counted from the discovery as the obligation is: "within
    // N hours" read hours after the discovery would promise a later moment.
    let by = settings
        .register
        .timezone
        .parse::<chrono_tz::Tz>()
        .ok()
        .and_then(|zone| report.discovered.earliest_instant(zone).ok())
        .map(|discovered| crate::domain::obligations::spoken(add_hours(discovered, hours), lang));
    let opening = match notice {
        CustomerNotice::Acknowledgement => match (lang, by) {
            (Lang::Sv, Some(by)) => format!(
                "Vi har tagit emot rapporten om incidenten och öppnat ett ärende. Ange ärendenumret när ni hör av er. När incidenten är analyserad och kartlagd får ni ett besked med mer detaljerad information om konsekvenser och omfattning, senast {by}."
            ),
            (Lang::En, Some(by)) => format!(
                "We have received the report of the incident and opened a case. Please quote the case number when you contact us. Once the incident has been analysed and mapped, you will receive a notice with more detailed information about its consequences and extent, by {by}."
            ),
            (Lang::Sv, None) => format!(
                "Vi har tagit emot rapporten om incidenten och öppnat ett ärende. Ange ärendenumret när ni hör av er. När incidenten är analyserad och kartlagd får ni ett besked med mer detaljerad information om konsekvenser och omfattning, inom {hours} timmar från upptäckten."
            ),
            (Lang::En, None) => format!(
                "We have received the report of the incident and opened a case. Please quote the case number when you contact us. Once the incident has been analysed and mapped, you will receive a notice with more detailed information about its consequences and extent, within {hours} hours of its discovery."
            ),
        },
        // Said as analysed only once the risk is assessed; before, as far as known.
        CustomerNotice::Detailed if incident.assessment.is_some() => t(
            "Incidenten är analyserad och kartlagd. Här följer mer detaljerad information om konsekvenser, omfattning och åtgärder.",
            "The incident has been analysed and mapped. Here is more detailed information about its consequences, extent and the actions taken.",
        )
        .to_string(),
        CustomerNotice::Detailed => t(
            "Här följer mer detaljerad information om konsekvenser, omfattning och åtgärder, så långt de är kända nu. Analysen pågår; ni får besked om det ändras.",
            "Here is more detailed information about its consequences, extent and the actions taken, as far as they are known now. The analysis goes on; you will be told if this changes.",
        )
        .to_string(),
        CustomerNotice::Resolution => match &report.ended {
            Some(ended) => format!(
                "{} {}. {}",
                t("Incidenten är löst sedan", "The incident has been resolved since"),
                spoken(ended, lang),
                t(
                    "Här följer vad som hände, vad som har åtgärdats och när.",
                    "Here is what happened, what was put right and when."
                )
            ),
            None => t("Incidenten är löst.", "The incident is resolved.").to_string(),
        },
    };
    out.push_str(&wrap(&opening, WIDTH, "", ""));

    section(
        &mut out,
        t(
            "Observation och yttrande",
            "Observation and how the incident shows itself",
        ),
    );
    let observed = report
        .observed
        .as_deref()
        .or(report.description.as_deref())
        .unwrap_or(&report.title);
    out.push_str(&wrap(observed, WIDTH, "", ""));

    if notice != CustomerNotice::Acknowledgement {
        impact(&mut out, incident, lang);
    }

    section(&mut out, t("Tid och varaktighet", "Time and duration"));
    let mut times = vec![format!(
        "{}: {}",
        t("Upptäcktes", "Discovered"),
        spoken(&report.discovered, lang)
    )];
    if let Some(occurred) = &report.occurred {
        times.push(format!(
            "{}: {}",
            t("Inträffade", "Occurred"),
            spoken(occurred, lang)
        ));
    }
    match (&report.ended, report.ongoing) {
        (Some(ended), _) => times.push(format!(
            "{}: {}",
            match notice {
                CustomerNotice::Resolution => t("Löst", "Resolved"),
                _ => t("Upphörde", "Ended"),
            },
            spoken(ended, lang)
        )),
        (None, Some(true)) => times.push(
            t(
                "Incidenten pågår fortfarande.",
                "The incident is still going on.",
            )
            .to_string(),
        ),
        _ => {}
    }
    for line in times {
        out.push_str(&wrap(&line, WIDTH, "", "  "));
    }

    if notice == CustomerNotice::Acknowledgement {
        next_steps(&mut out, report.reported_by.is_some(), lang);
    } else {
        actions(&mut out, incident, lang);
    }
    if notice == CustomerNotice::Resolution {
        // What was resolved: the root cause found at the closing, else the cause reported.
        let cause = match (&incident.closure, &report.cause) {
            (Some(closure), _) => Some(closure.root_cause.trim().to_string()),
            (None, Some(cause)) => Some(labels::choice_label(cause, lang)),
            (None, None) => None,
        };
        if let Some(cause) = cause {
            section(&mut out, t("Orsak", "Cause"));
            out.push_str(&wrap(&cause, WIDTH, "", ""));
        }
    }

    section(&mut out, t("Kontaktuppgifter", "Contacts"));
    let contacts = if report.contacts.is_empty() {
        &settings.contacts
    } else {
        &report.contacts
    };
    for person in contacts.iter().chain(settings.dpo.iter()) {
        let details: Vec<&str> = [person.email.as_deref(), person.phone.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        out.push_str(&format!("- {}", person.name));
        if !details.is_empty() {
            out.push_str(&format!(", {}", details.join(", ")));
        }
        out.push('\n');
    }
    out
}

/// Whom the acknowledgement goes to: the address the report came from and the persons it
/// named under "Kontaktuppgifter" (the vendor's template: communication goes to both).
fn recipients(reporter: Option<&crate::domain::model::report::Reporter>) -> Option<String> {
    let reporter = reporter?;
    let mut to: Vec<String> = Vec::new();
    let named = |name: Option<&str>, email: &str| match name {
        Some(name) => format!("{name} <{email}>"),
        None => email.to_string(),
    };
    if let Some(email) = &reporter.email {
        to.push(named(reporter.name.as_deref(), email));
    }
    for person in &reporter.contacts {
        if let Some(email) = &person.email
            && reporter.email.as_deref() != Some(email.as_str())
        {
            to.push(named(Some(&person.name), email));
        }
    }
    (!to.is_empty()).then(|| to.join(", "))
}

/// What happens after the acknowledgement, in the order of the vendor's process (the
/// Boet seed's "Vad händer efter rapporteringen?").
fn next_steps(out: &mut String, reported: bool, lang: Lang) {
    let t = |sv: &'static str, en: &'static str| lang.pick(sv, en);
    section(out, t("Vad händer nu", "What happens next"));
    let mut steps = vec![
        t(
            "Vi kan komma att kontakta er för fler uppgifter som hjälper oss att lösa incidenten.",
            "We may contact you for further details that help us resolve the incident.",
        ),
        t(
            "När incidenten är löst får ni ett besked om lösningen, och ärendet stängs.",
            "Once the incident is resolved, you will receive a notice of the resolution, and the case is closed.",
        ),
    ];
    if reported {
        steps.push(t(
            "Vi skriver till adressen som rapporten kom från och till de kontaktpersoner ni angav.",
            "We write to the address the report came from and to the contact persons you named.",
        ));
    }
    for step in steps {
        out.push_str(&wrap(step, WIDTH, "- ", "  "));
    }
}

fn section(out: &mut String, heading: &str) {
    out.push('\n');
    out.push_str(heading);
    out.push('\n');
}

/// A moment as a letter says it: "27 mars 2026 10:00".
fn spoken(moment: &Moment, lang: Lang) -> String {
    match moment.time {
        Some(time) => format!("{} {time}", long_date(moment.date, lang)),
        None => long_date(moment.date, lang),
    }
}

/// The impact and the consequences, then the scope: data subjects, records, kinds of
/// data (IMY questions 23–28, the IMY form's words: the customer is a controller).
fn impact(out: &mut String, incident: &Incident, lang: Lang) {
    let report = &incident.report;
    let t = |sv: &'static str, en: &'static str| lang.pick(sv, en);
    section(out, t("Påverkan", "Impact"));
    let known = report.description.is_some()
        || !report.breach_types.is_empty()
        || report.consequences.is_some();
    if !known {
        out.push_str(t("Inte känd än.\n", "Not known yet.\n"));
    }
    if let Some(description) = report
        .description
        .as_deref()
        .filter(|d| Some(*d) != report.observed.as_deref())
    {
        out.push_str(&wrap(description, WIDTH, "", ""));
    }
    for breach in &report.breach_types {
        out.push_str(&wrap(breach.label(lang), WIDTH, "- ", "  "));
    }
    if let Some(consequences) = &report.consequences {
        out.push_str(t(
            "Möjliga konsekvenser för de registrerade:\n",
            "Possible consequences for the data subjects:\n",
        ));
        for label in labels::selection_labels(consequences, lang) {
            out.push_str(&wrap(&label, WIDTH, "- ", "  "));
        }
    }

    section(
        out,
        t("Påverkan på personuppgifter", "Impact on personal data"),
    );
    // The vendor's template: "Om inte, ange 'Nej'" — the answer follows the verdict.
    // An undecided verdict with a risk assessment or a notification to IMY has been treated
    // as a personal data breach all along: the answer is yes.
    let treated_as_breach = incident.assessment.is_some()
        || incident
            .notification
            .as_ref()
            .is_some_and(|n| n.imy.is_some() || n.controller_notified_at.is_some());
    let affected = match report.verdict_kind() {
        VerdictKind::PersonalDataBreach => t("Ja.", "Yes."),
        VerdictKind::Undecided if treated_as_breach => t("Ja.", "Yes."),
        VerdictKind::Undecided => t(
            "Befaras; det är ännu inte avgjort om personuppgifter berörs.",
            "Feared; whether personal data are affected is not yet decided.",
        ),
        VerdictKind::NoPersonalData | VerdictKind::NotAnIncident => t("Nej.", "No."),
        VerdictKind::SecurityProtection => t(
            "Uppgifterna omfattas av säkerhetsskydd och lämnas inte här.",
            "The details are subject to security protection and are not given here.",
        ),
    };
    let mut scope = vec![affected.to_string()];
    if let Some(count) = &report.data_subjects {
        scope.push(format!("{}: {count}", t("Registrerade", "Data subjects")));
    }
    if let Some(groups) = &report.subject_groups {
        scope.push(format!(
            "{}: {}",
            t("Grupper", "Groups"),
            labels::selection_labels(groups, lang).join("; ")
        ));
    }
    if let Some(count) = &report.records {
        scope.push(format!("{}: {count}", t("Poster", "Records")));
    }
    if let Some(categories) = &report.data_categories {
        scope.push(format!(
            "{}: {}",
            t("Typer av uppgifter", "Kinds of data"),
            labels::selection_labels(categories, lang).join("; ")
        ));
    }
    if let Some(encrypted) = report.encrypted {
        scope.push(format!(
            "{}: {}",
            t("Krypterade", "Encrypted"),
            if encrypted {
                t("ja", "yes")
            } else {
                t("nej", "no")
            }
        ));
    }
    for line in scope {
        out.push_str(&wrap(&line, WIDTH, "", "  "));
    }
}

/// What was done, with its date, and what is planned, with its due date; deferred measures
/// are not promised.
fn actions(out: &mut String, incident: &Incident, lang: Lang) {
    let t = |sv: &'static str, en: &'static str| lang.pick(sv, en);
    let Some(actions) = &incident.actions else {
        return;
    };
    section(out, t("Åtgärder", "Actions"));
    for action in &actions.taken {
        let line = format!("{}: {}", long_date(action.date, lang), action.action.trim());
        out.push_str(&wrap(&line, WIDTH, "- ", "  "));
    }
    for measure in &actions.planned {
        let line = match (measure.status, measure.done_on, measure.due) {
            (MeasureStatus::Done, Some(on), _) => {
                format!("{}: {}", long_date(on, lang), measure.measure.trim())
            }
            (MeasureStatus::Done, None, _) => measure.measure.trim().to_string(),
            (MeasureStatus::Open, _, Some(due)) => format!(
                "{}: {} ({} {})",
                t("Planerat", "Planned"),
                measure.measure.trim(),
                t("senast", "by"),
                long_date(due, lang)
            ),
            (MeasureStatus::Open, _, None) => {
                format!("{}: {}", t("Planerat", "Planned"), measure.measure.trim())
            }
            (MeasureStatus::Deferred, _, _) => continue,
        };
        out.push_str(&wrap(&line, WIDTH, "- ", "  "));
    }
}
