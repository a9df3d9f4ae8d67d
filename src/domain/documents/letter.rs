//! The communication to the data subjects (GDPR Art. 34(2)), under the five points of the
//! municipal process.

use crate::domain::Lang;
use crate::domain::incident::Incident;
use crate::domain::labels;
use crate::domain::model::Settings;
use crate::domain::model::actions::Purpose;
use crate::domain::model::settings::Person;
use crate::domain::moment::Moment;

/// The communication to the data subjects (GDPR Art. 34(2)): the nature of the breach in
/// clear and plain language, and the five points the municipal process lists: the cause,
/// the contacts (the DPO and someone who knows the case), the likely consequences, what
/// was done and will be done, and what was done to mitigate the effects.
pub fn letter(incident: &Incident, settings: &Settings, lang: Lang) -> String {
    let report = &incident.report;
    let t = |sv: &'static str, en: &'static str| lang.pick(sv, en);
    let mut out = String::new();
    out.push_str(&format!(
        "{}\n\n",
        t(
            "Information om en personuppgiftsincident",
            "Information about a personal data breach"
        )
    ));
    out.push_str(&format!(
        "{} {}\n\n",
        settings.organisation.name,
        t(
            "vill informera dig om en personuppgiftsincident som berör dina personuppgifter, så att du kan skydda dig mot följderna.",
            "wants to inform you of a personal data breach that concerns your personal data, so that you can protect yourself against its effects."
        )
    ));
    out.push_str(&format!("{}\n", t("Vad har hänt?", "What happened?")));
    let what = report
        .description
        .as_deref()
        .or(report.observed.as_deref())
        .unwrap_or(&report.title);
    out.push_str(&format!("{}\n", what.trim()));
    out.push_str(&format!(
        "{} {}.\n\n",
        t("Vi upptäckte incidenten", "We discovered the breach on"),
        Moment::on(report.discovered.date, report.discovered.time)
    ));
    // 1. The cause.
    out.push_str(&format!(
        "{}\n",
        t("Varför hände det?", "Why did it happen?")
    ));
    match &report.cause {
        Some(cause) => out.push_str(&format!("{}\n\n", labels::choice_label(cause, lang))),
        None => out.push_str(&format!(
            "{}\n\n",
            t(
                "Vi utreder fortfarande orsaken.",
                "We are still investigating the cause."
            )
        )),
    }
    if let Some(categories) = &report.data_categories {
        out.push_str(&format!(
            "{}\n",
            t(
                "Vilka uppgifter om dig berörs?",
                "Which of your data are concerned?"
            )
        ));
        out.push_str(&bullets(&labels::selection_labels(categories, lang)));
        out.push('\n');
    }
    // 3. Likely consequences.
    out.push_str(&format!(
        "{}\n",
        t(
            "Vilka följder kan det få för dig?",
            "What could the consequences be for you?"
        )
    ));
    match &report.consequences {
        Some(consequences) => out.push_str(&bullets(&labels::selection_labels(consequences, lang))),
        None => out.push_str(&format!(
            "{}\n",
            t(
                "Vi bedömer fortfarande de sannolika följderna.",
                "We are still assessing the likely consequences."
            )
        )),
    }
    out.push('\n');
    // 4. What was done and will be done.
    let actions = incident.actions.as_ref();
    out.push_str(&format!(
        "{}\n",
        t(
            "Vad har vi gjort, och vad kommer vi att göra?",
            "What have we done, and what will we do?"
        )
    ));
    let taken: Vec<String> = actions
        .map(|a| {
            a.taken
                .iter()
                .map(|a| {
                    format!(
                        "{}: {}",
                        Moment::on(a.date, a.time),
                        a.action.lines().next().unwrap_or("").trim()
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let planned: Vec<String> = actions
        .map(|a| {
            a.planned
                .iter()
                .filter(|m| m.purpose == Purpose::Prevent)
                .map(|m| {
                    format!(
                        "{}{}",
                        m.measure,
                        m.due
                            .map(|d| format!(" ({} {d})", t("senast", "by")))
                            .unwrap_or_default()
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    if taken.is_empty() && planned.is_empty() {
        out.push_str(&format!(
            "{}\n",
            t(
                "Vi arbetar med att utreda och åtgärda incidenten.",
                "We are investigating and remedying the breach."
            )
        ));
    }
    out.push_str(&bullets(&taken));
    out.push_str(&bullets(&planned));
    out.push('\n');
    // 5. Mitigation.
    let mitigating: Vec<String> = actions
        .map(|a| {
            a.planned
                .iter()
                .filter(|m| m.purpose == Purpose::Mitigate)
                .map(|m| m.measure.clone())
                .collect()
        })
        .unwrap_or_default();
    if !mitigating.is_empty() {
        out.push_str(&format!(
            "{}\n",
            t(
                "Vad har vi gjort för att mildra följderna?",
                "What have we done to mitigate the effects?"
            )
        ));
        out.push_str(&bullets(&mitigating));
        out.push('\n');
    }
    // 2. Contacts.
    out.push_str(&format!(
        "{}\n",
        t("Vem kan du kontakta?", "Whom can you contact?")
    ));
    let person = |role: &str, p: &Person| {
        let details: Vec<&str> = [p.email.as_deref(), p.phone.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        format!(
            "{role}: {}{}",
            p.name,
            if details.is_empty() {
                String::new()
            } else {
                format!(", {}", details.join(", "))
            }
        )
    };
    if let Some(dpo) = &settings.dpo {
        out.push_str(&format!(
            "- {}\n",
            person(t("Dataskyddsombud", "Data protection officer"), dpo)
        ));
    }
    let contacts = if report.contacts.is_empty() {
        &settings.contacts
    } else {
        &report.contacts
    };
    for contact in contacts {
        out.push_str(&format!(
            "- {}\n",
            person(
                contact
                    .role
                    .as_deref()
                    .unwrap_or(t("Kontaktperson", "Contact")),
                contact
            )
        ));
    }
    out.push_str(&format!(
        "\n{}\n",
        t(
            "Du har rätt att lämna klagomål till Integritetsskyddsmyndigheten (IMY).",
            "You have the right to lodge a complaint with the Swedish Authority for Privacy Protection (IMY)."
        )
    ));
    out
}

fn bullets(items: &[String]) -> String {
    items.iter().map(|item| format!("- {item}\n")).collect()
}
