//! The communication to the data subjects (GDPR Art. 34(2)), under the five points of the
//! municipal process, written to its reader in plain words (see [`super::plain`]).

use super::plain::{Reader, Voice, advice, cause, consequence, long_date, wrap};
use crate::domain::Lang;
use crate::domain::incident::Incident;
use crate::domain::labels;
use crate::domain::model::Settings;
use crate::domain::model::actions::{MeasureStatus, PlannedMeasure, Purpose};
use crate::domain::model::report::Role;
use crate::domain::model::settings::Person;

/// The width a letter is wrapped at: whole words, never cut.
const WIDTH: usize = 72;

/// The communication to the data subjects (GDPR Art. 34(2)): the nature of the breach in
/// clear and plain language, and the five points the municipal process lists: the cause,
/// the contacts (the DPO and someone who knows the case), the likely consequences, what
/// was done and will be done, and what was done to mitigate the effects; then what the
/// reader can do (the process: "ge dem möjlighet att vidta egna åtgärder").
pub fn letter(incident: &Incident, settings: &Settings, lang: Lang, reader: Reader) -> String {
    let report = &incident.report;
    let voice = Voice { lang, reader };
    let t = |sv: &'static str, en: &'static str| lang.pick(sv, en);
    let mut out = String::new();
    let paragraph = |out: &mut String, text: &str| {
        out.push_str(&wrap(text, WIDTH, "", ""));
    };
    let heading = |out: &mut String, text: &str| {
        out.push('\n');
        out.push_str(text);
        out.push('\n');
    };
    out.push_str(t(
        "Information om en personuppgiftsincident\n\n",
        "Information about a personal data breach\n\n",
    ));
    let opening = voice.say(
        "vill berätta om en personuppgiftsincident som gäller dina personuppgifter. Här får du veta vad som har hänt, vad det kan innebära för dig, vad vi har gjort och vad du själv kan göra.",
        "vill berätta om en personuppgiftsincident som gäller ditt barns personuppgifter. Här får du veta vad som har hänt, vad det kan innebära för ditt barn, vad vi har gjort och vad du själv kan göra.",
        "wants to tell you about a personal data breach that concerns your personal data. Here you can read what happened, what it may mean for you, what we have done and what you can do yourself.",
        "wants to tell you about a personal data breach that concerns your child's personal data. Here you can read what happened, what it may mean for your child, what we have done and what you can do yourself.",
    );
    // A processor's letter is a draft for its controller, who informs the data subjects
    // (GDPR Art. 34(1)): written in the controller's name.
    let controller = report
        .controller
        .as_ref()
        .filter(|_| report.role == Role::Processor);
    let sender = controller.map_or(settings.organisation.name.trim(), |c| c.name.trim());
    paragraph(&mut out, &format!("{sender} {opening}"));

    heading(&mut out, t("Vad har hänt?", "What happened?"));
    let what = report
        .description
        .as_deref()
        .or(report.observed.as_deref())
        .unwrap_or(&report.title);
    paragraph(&mut out, what);
    let discovered = long_date(report.discovered.date, lang);
    let when = match &report.occurred {
        Some(occurred) if occurred.date != report.discovered.date => format!(
            "{} {}{} {discovered}.",
            t("Det hände den", "It happened on"),
            long_date(occurred.date, lang),
            t(", och vi upptäckte det den", ", and we discovered it on"),
        ),
        _ => format!(
            "{} {discovered}.",
            t("Vi upptäckte det den", "We discovered it on")
        ),
    };
    paragraph(&mut out, &when);
    if report.ongoing == Some(true) && report.ended.is_none() {
        paragraph(
            &mut out,
            t(
                "Det pågår fortfarande, och vi arbetar med att stoppa det.",
                "It is still going on, and we are working to stop it.",
            ),
        );
    }

    if let Some(categories) = &report.data_categories {
        heading(
            &mut out,
            voice.say(
                "Vilka uppgifter om dig gäller det?",
                "Vilka uppgifter om ditt barn gäller det?",
                "Which data about you are concerned?",
                "Which data about your child are concerned?",
            ),
        );
        for label in labels::selection_labels(categories, lang) {
            out.push_str(&wrap(&label, WIDTH, "- ", "  "));
        }
    }

    // 1. The cause.
    heading(&mut out, t("Varför hände det?", "Why did it happen?"));
    paragraph(&mut out, &cause(report, voice));

    // 3. The likely consequences, said to the reader.
    heading(
        &mut out,
        voice.say(
            "Vad kan det innebära för dig?",
            "Vad kan det innebära för ditt barn?",
            "What may it mean for you?",
            "What may it mean for your child?",
        ),
    );
    let consequences: Vec<String> = report
        .consequences
        .iter()
        .flat_map(|c| {
            c.keys
                .iter()
                .filter_map(|key| consequence(key, c.comment.as_deref(), voice))
        })
        .collect();
    if consequences.is_empty() {
        paragraph(
            &mut out,
            t(
                "Vi bedömer fortfarande vilka följder det kan få. Vi hör av oss när vi vet mer.",
                "We are still assessing what the consequences may be. We will contact you when we know more.",
            ),
        );
    }
    for sentence in &consequences {
        out.push_str(&wrap(sentence, WIDTH, "- ", "  "));
    }

    // 4 and 5. What was done (the action log and the measures done), and what will be:
    // only the measures still open are promised; deferred ones are not.
    let actions = incident.actions.as_ref();
    let mut done: Vec<String> = actions
        .map(|a| {
            a.taken
                .iter()
                .map(|a| format!("{}: {}", long_date(a.date, lang), a.action.trim()))
                .collect()
        })
        .unwrap_or_default();
    let measures = actions.map(|a| a.planned.as_slice()).unwrap_or_default();
    done.extend(
        measures
            .iter()
            .filter(|m| m.status == MeasureStatus::Done)
            .map(|m| done_measure(m, voice)),
    );
    let planned: Vec<String> = measures
        .iter()
        .filter(|m| m.status == MeasureStatus::Open)
        .map(|m| planned_measure(m, voice))
        .collect();
    heading(&mut out, t("Det här har vi gjort", "What we have done"));
    if done.is_empty() {
        paragraph(
            &mut out,
            t(
                "Vi har börjat utreda vad som har hänt och hur vi ska åtgärda det.",
                "We have begun to look into what happened and how to put it right.",
            ),
        );
    }
    for item in &done {
        out.push_str(&wrap(item, WIDTH, "- ", "  "));
    }
    if !planned.is_empty() {
        heading(&mut out, t("Det här kommer vi att göra", "What we will do"));
        for item in &planned {
            out.push_str(&wrap(item, WIDTH, "- ", "  "));
        }
    }

    heading(
        &mut out,
        t("Vad du själv kan göra", "What you can do yourself"),
    );
    for item in advice(report, voice) {
        out.push_str(&wrap(&item, WIDTH, "- ", "  "));
    }

    // 2. The contacts: the DPO (Art. 33(3)(b)) and someone who knows the case.
    heading(&mut out, t("Vem kan du kontakta?", "Whom can you contact?"));
    if let Some(controller) = controller {
        // The processor's own people are not the reader's contact: the controller's are.
        out.push_str(&format!(
            "- {}: [{}]\n",
            controller.name.trim(),
            t(
                "den personuppgiftsansvariges dataskyddsombud och kontaktuppgifter",
                "the controller's data protection officer and contact details"
            )
        ));
    } else if let Some(dpo) = &settings.dpo {
        let role = t("Dataskyddsombud", "Data protection officer");
        out.push_str(&person(role, dpo));
    }
    let contacts = if report.contacts.is_empty() {
        &settings.contacts
    } else {
        &report.contacts
    };
    for contact in contacts.iter().filter(|_| controller.is_none()) {
        let role = contact
            .role
            .as_deref()
            .unwrap_or(t("Kontaktperson", "Contact"));
        out.push_str(&person(role, contact));
    }
    out.push('\n');
    paragraph(
        &mut out,
        t(
            "Du har rätt att lämna klagomål till Integritetsskyddsmyndigheten (IMY), imy.se.",
            "You have the right to lodge a complaint with the Swedish Authority for Privacy Protection (IMY), imy.se.",
        ),
    );
    out
}

/// A measure done, with the day it was done, and for whom when it mitigates.
fn done_measure(measure: &PlannedMeasure, voice: Voice) -> String {
    let mut text = measure.measure.trim().to_string();
    if let Some(on) = measure.done_on {
        text = format!("{}: {text}", long_date(on, voice.lang));
    }
    format!("{text}{}", mitigating(measure, voice))
}

/// A measure still open: what will be done, and by when.
fn planned_measure(measure: &PlannedMeasure, voice: Voice) -> String {
    let mut text = format!("{}{}", measure.measure.trim(), mitigating(measure, voice));
    if let Some(due) = measure.due {
        text.push_str(&format!(
            " ({} {})",
            voice.t("senast", "by"),
            long_date(due, voice.lang)
        ));
    }
    text
}

/// The municipal process's fifth point: what mitigates the effects for the reader.
fn mitigating(measure: &PlannedMeasure, voice: Voice) -> &'static str {
    match measure.purpose {
        Purpose::Mitigate => voice.say(
            " – för att minska följderna för dig",
            " – för att minska följderna för ditt barn",
            " – to lessen the consequences for you",
            " – to lessen the consequences for your child",
        ),
        Purpose::Prevent => "",
    }
}

/// A contact as a list item: on one line when it fits, else the details on a line of their
/// own, so that a phone number or an address is never split.
fn person(role: &str, p: &Person) -> String {
    let details: Vec<&str> = [p.email.as_deref(), p.phone.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    let name = format!("- {role}: {}", p.name);
    if details.is_empty() {
        return format!("{name}\n");
    }
    let details = details.join(", ");
    if name.chars().count() + 2 + details.chars().count() <= WIDTH {
        format!("{name}, {details}\n")
    } else {
        format!("{name}\n  {details}\n")
    }
}
