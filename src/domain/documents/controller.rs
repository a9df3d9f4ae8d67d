//! A processor's notice to its controller (GDPR Art. 33(2)): the controller, not the
//! processor, notifies IMY, so the notice carries what the controller needs for its own
//! notification under Art. 33(3): the nature of the breach with the categories and
//! approximate numbers of data subjects and records, a contact point, the likely
//! consequences, and the measures taken or proposed.

use crate::domain::Lang;
use crate::domain::incident::Incident;
use crate::domain::labels;
use crate::domain::model::Settings;

/// The notice to the controller, in `lang`.
pub fn controller_notice(incident: &Incident, settings: &Settings, lang: Lang) -> String {
    let report = &incident.report;
    let t = |sv: &'static str, en: &'static str| lang.pick(sv, en);
    let controller = report
        .controller
        .as_ref()
        .map_or(t("den personuppgiftsansvarige", "the controller"), |c| {
            c.name.as_str()
        });
    let mut out = format!(
        "{}: {}\n{}: {}\n{}: {}\n\n",
        t("Till", "To"),
        controller,
        t("Från (personuppgiftsbiträde)", "From (processor)"),
        settings.organisation.name,
        t("Ärende", "Case"),
        report.id
    );
    out.push_str(&format!(
        "{}\n\n",
        t(
            "Underrättelse om en personuppgiftsincident (GDPR art. 33.2). Som personuppgiftsansvarig är det ni som bedömer och vid behov anmäler incidenten till IMY inom 72 timmar från det att ni fick vetskap om den (art. 33.1). Nedan står det vi vet nu; vi kompletterar när vi vet mer (art. 33.4).",
            "Notice of a personal data breach (GDPR Art. 33(2)). As the controller, you assess the breach and, where required, notify IMY within 72 hours of becoming aware of it (Art. 33(1)). Below is what we know now; we will add to it as we learn more (Art. 33(4)).",
        )
    ));
    let unknown = t("ännu inte känt", "not yet known");
    let mut section = |heading: &str, body: String| {
        out.push_str(&format!("{heading}\n{}\n\n", body.trim()));
    };
    section(
        t("Vad har hänt", "What happened"),
        report
            .description
            .as_deref()
            .or(report.observed.as_deref())
            .unwrap_or(&report.title)
            .to_string(),
    );
    let mut when = format!("{}: {}", t("Upptäckt", "Discovered"), report.discovered);
    if let Some(occurred) = &report.occurred {
        when.push_str(&format!("\n{}: {occurred}", t("Inträffade", "Occurred")));
    }
    match (report.ongoing, &report.ended) {
        (_, Some(ended)) => when.push_str(&format!("\n{}: {ended}", t("Upphörde", "Ended"))),
        (Some(true), None) => when.push_str(&format!(
            "\n{}",
            t(
                "Incidenten pågår fortfarande.",
                "The breach is still going on."
            )
        )),
        _ => {}
    }
    section(t("När", "When"), when);
    let count = |c: &Option<crate::domain::model::Count>| {
        c.as_ref().map_or(unknown.to_string(), ToString::to_string)
    };
    section(
        t(
            "Berörda registrerade och personuppgifter (art. 33.3 a)",
            "Data subjects and personal data concerned (Art. 33(3)(a))",
        ),
        format!(
            "{}: {}\n{}: {}\n{}: {}\n{}: {}",
            t("Grupper", "Groups"),
            report
                .subject_groups
                .as_ref()
                .map_or(unknown.to_string(), |s| {
                    labels::selection_labels(s, lang).join(", ")
                }),
            t(
                "Ungefärligt antal registrerade",
                "Approximate number of data subjects"
            ),
            count(&report.data_subjects),
            t("Sorts personuppgifter", "Kinds of personal data"),
            report
                .data_categories
                .as_ref()
                .map_or(unknown.to_string(), |s| {
                    labels::selection_labels(s, lang).join(", ")
                }),
            t("Ungefärligt antal poster", "Approximate number of records"),
            count(&report.records),
        ),
    );
    section(
        t(
            "Sannolika konsekvenser (art. 33.3 c)",
            "Likely consequences (Art. 33(3)(c))",
        ),
        report
            .consequences
            .as_ref()
            .map_or(unknown.to_string(), |s| {
                labels::selection_labels(s, lang).join(", ")
            }),
    );
    let mut measures: Vec<String> = incident
        .actions
        .iter()
        .flat_map(|a| a.taken.iter())
        .map(|a| format!("- {}: {}", a.date, a.action.trim()))
        .collect();
    measures.extend(
        incident
            .actions
            .iter()
            .flat_map(|a| a.planned.iter())
            .map(|m| format!("- {}: {}", t("planerat", "planned"), m.measure.trim())),
    );
    section(
        t(
            "Vidtagna och planerade åtgärder (art. 33.3 d)",
            "Measures taken and proposed (Art. 33(3)(d))",
        ),
        if measures.is_empty() {
            unknown.to_string()
        } else {
            measures.join("\n")
        },
    );
    let contacts = if report.contacts.is_empty() {
        &settings.contacts
    } else {
        &report.contacts
    };
    let contact_lines: Vec<String> = contacts
        .iter()
        .chain(settings.dpo.iter())
        .map(|p| {
            let details: Vec<&str> = [p.email.as_deref(), p.phone.as_deref()]
                .into_iter()
                .flatten()
                .collect();
            if details.is_empty() {
                format!("- {}", p.name)
            } else {
                format!("- {}, {}", p.name, details.join(", "))
            }
        })
        .collect();
    section(
        t(
            "Kontaktpunkt (art. 33.3 b)",
            "Contact point (Art. 33(3)(b))",
        ),
        if contact_lines.is_empty() {
            unknown.to_string()
        } else {
            contact_lines.join("\n")
        },
    );
    out.trim_end().to_string() + "\n"
}
