//! A vendor's notices to an affected customer, under the headings of the Boet template.

use crate::domain::Lang;
use crate::domain::incident::Incident;
use crate::domain::labels;
use crate::domain::model::Settings;
use crate::domain::moment::Moment;

/// Which of a vendor's three notices to a customer (the Boet process: acknowledgement with
/// the case number, a detailed notice within 72 hours, the resolution).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CustomerNotice {
    Acknowledgement,
    Detailed,
    Resolution,
}

/// A notice to an affected customer under the headings of the Boet template: observation
/// and how the incident shows itself, impact, impact on personal data, time and duration,
/// contacts.
pub fn customer_notice(
    incident: &Incident,
    settings: &Settings,
    lang: Lang,
    notice: CustomerNotice,
) -> String {
    let report = &incident.report;
    let t = |sv: &'static str, en: &'static str| lang.pick(sv, en);
    let mut out = format!(
        "{} {}: {}\n",
        t("Incidentrapport", "Incident report"),
        report.id,
        report.title
    );
    out.push_str(&format!(
        "{}: {}\n\n",
        t("Ärendenummer", "Case number"),
        report.id
    ));
    out.push_str(match notice {
        CustomerNotice::Acknowledgement => t(
            "Vi har tagit emot rapporten om incidenten och öppnat ett ärende. Använd ärendenumret ovan vid frågor. Ni får ett mer detaljerat besked inom 72 timmar.",
            "We have received the report of the incident and opened a case. Please quote the case number above. You will receive a detailed notice within 72 hours.",
        ),
        CustomerNotice::Detailed => t(
            "Incidenten är analyserad och kartlagd. Här följer mer detaljerad information om konsekvenser och omfattning.",
            "The incident has been analysed and mapped. Here is more detailed information about its consequences and extent.",
        ),
        CustomerNotice::Resolution => t("Incidenten är löst. Här följer en sammanfattning.", "The incident is resolved. Here is a summary."),
    });
    out.push_str("\n\n");
    out.push_str(&format!(
        "{}\n",
        t(
            "Observation och yttrande",
            "Observation and how the incident shows itself"
        )
    ));
    let observed = report
        .observed
        .as_deref()
        .or(report.description.as_deref())
        .unwrap_or(&report.title);
    out.push_str(&format!("{}\n\n", observed.trim()));
    out.push_str(&format!("{}\n", t("Påverkan", "Impact")));
    let mut impact: Vec<String> = report
        .breach_types
        .iter()
        .map(|b| b.label(lang).to_string())
        .collect();
    if let Some(description) = report
        .description
        .as_deref()
        .filter(|d| Some(*d) != report.observed.as_deref())
    {
        impact.insert(0, description.trim().to_string());
    }
    if impact.is_empty() {
        out.push_str(&format!(
            "{}\n\n",
            t("Påverkan utreds.", "The impact is being investigated.")
        ));
    } else {
        out.push_str(&format!("{}\n\n", impact.join("\n")));
    }
    out.push_str(&format!(
        "{}\n",
        t("Påverkan på personuppgifter", "Impact on personal data")
    ));
    match &report.data_categories {
        Some(categories) => {
            out.push_str(&format!(
                "{}: {}",
                t("Ja", "Yes"),
                labels::selection_labels(categories, lang).join(", ")
            ));
            if let Some(count) = &report.data_subjects {
                out.push_str(&format!(
                    "; {} {}",
                    count,
                    t("registrerade", "data subjects")
                ));
            }
            out.push_str("\n\n");
        }
        None => out.push_str(&format!(
            "{}\n\n",
            t(
                "Ja, befaras; omfattningen utreds.",
                "Yes, feared; the extent is being investigated."
            )
        )),
    }
    out.push_str(&format!(
        "{}\n",
        t("Tid och varaktighet", "Time and duration")
    ));
    out.push_str(&format!(
        "{}: {}\n",
        t("Upptäcktes", "Discovered"),
        Moment::on(report.discovered.date, report.discovered.time)
    ));
    if let Some(occurred) = &report.occurred {
        out.push_str(&format!(
            "{}: {}\n",
            t("Inträffade", "Occurred"),
            Moment::on(occurred.date, occurred.time)
        ));
    }
    match (report.ongoing, &report.ended) {
        (_, Some(ended)) => out.push_str(&format!(
            "{}: {}\n",
            t("Upphörde", "Ended"),
            Moment::on(ended.date, ended.time)
        )),
        (Some(true), None) => out.push_str(&format!(
            "{}\n",
            t(
                "Incidenten pågår fortfarande.",
                "The incident is still going on."
            )
        )),
        _ => {}
    }
    if notice == CustomerNotice::Resolution
        && let Some(closure) = &incident.closure
    {
        out.push_str(&format!(
            "{}: {}\n",
            t("Orsak", "Cause"),
            closure.root_cause.trim()
        ));
    }
    out.push_str(&format!("\n{}\n", t("Kontaktuppgifter", "Contacts")));
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
        out.push_str(&format!(
            "- {}{}\n",
            person.name,
            if details.is_empty() {
                String::new()
            } else {
                format!(", {}", details.join(", "))
            }
        ));
    }
    out
}
