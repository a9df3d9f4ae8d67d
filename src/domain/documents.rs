//! The texts an incident produces besides IMY's form: the communication to the data
//! subjects (GDPR Art. 34(2), with the five points of the municipal process) and the
//! incident's full documentation for the register (step G; GDPR Art. 33(5)). Pure
//! functions from the incident to text.

use super::Lang;
use super::catalogue::catalogue;
use super::incident::Incident;
use super::model::actions::{MeasureStatus, Purpose};
use super::model::answers::FormQuestion;
use super::model::{Choice, Selection, Settings};
use super::moment::Moment;
use super::obligations::{Obligation, State};
use super::scoring;
use super::steps::checklist;

fn option_label<Q: FormQuestion>(choice: &Choice<Q>, lang: Lang) -> String {
    let question = catalogue().question(Q::NUMBER);
    match question.option(&choice.key) {
        Some(option) if option.answer_is_comment => choice.comment.clone().unwrap_or_default(),
        Some(option) if option.comment => format!(
            "{} {}",
            option.label(lang),
            choice.comment.clone().unwrap_or_default()
        ),
        Some(option) => option.label(lang).to_string(),
        None => choice.key.clone(),
    }
}

fn selection_labels<Q: FormQuestion>(selection: &Selection<Q>, lang: Lang) -> Vec<String> {
    let question = catalogue().question(Q::NUMBER);
    selection
        .keys
        .iter()
        .map(|key| match question.option(key) {
            Some(option) if option.comment => format!(
                "{} {}",
                option.label(lang),
                selection.comment.clone().unwrap_or_default()
            )
            .trim()
            .to_string(),
            Some(option) => option.label(lang).to_string(),
            None => key.clone(),
        })
        .collect()
}

fn bullets(items: &[String]) -> String {
    items.iter().map(|item| format!("- {item}\n")).collect()
}

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
        Some(cause) => out.push_str(&format!("{}\n\n", option_label(cause, lang))),
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
        out.push_str(&bullets(&selection_labels(categories, lang)));
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
        Some(consequences) => out.push_str(&bullets(&selection_labels(consequences, lang))),
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
    let person = |role: &str, p: &super::model::settings::Person| {
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

/// The incident's full documentation for the register (step G): facts, risk assessment
/// with its reasoning, actions, decisions and notifications, and the journal commit it was
/// made from. Time-dependent states (pending, overdue) are shown as "open", so the same
/// commit always gives the same text.
pub fn report(
    incident: &Incident,
    settings: &Settings,
    lang: Lang,
    commit: Option<&str>,
    obligations: &[Obligation],
) -> String {
    let report = &incident.report;
    let t = |sv: &'static str, en: &'static str| lang.pick(sv, en);
    let mut out = format!(
        "{} {} — {}\n",
        t("Incidentrapport", "Incident report"),
        report.id,
        report.title
    );
    out.push_str(&format!(
        "{}: {}\n",
        t("Organisation", "Organisation"),
        settings.organisation.name
    ));
    out.push_str(&format!(
        "{}: {}\n",
        t("Genererad från journalpost", "Generated from journal entry"),
        commit.unwrap_or(t("(inte journalförd)", "(not journaled)"))
    ));
    out.push_str(&format!("\n{}\n", t("Steg A–H", "Steps A–H")));
    out.push_str(&checklist(incident, lang));
    out.push_str(&format!("\n{}\n", t("Händelsen", "The incident")));
    let mut fact = |label: &str, value: Option<String>| {
        if let Some(value) = value.filter(|v| !v.trim().is_empty()) {
            out.push_str(&format!(
                "  {label}: {}\n",
                value.trim().replace('\n', "\n    ")
            ));
        }
    };
    fact(t("Observerat", "Observed"), report.observed.clone());
    fact(
        t("Inträffade", "Occurred"),
        report.occurred.as_ref().map(|m| m.to_string()),
    );
    fact(
        t("Upptäckt", "Discovered"),
        Some(report.discovered.to_string()),
    );
    fact(
        t("Upptäckt av", "Discovered by"),
        report.discovered_by.clone(),
    );
    fact(
        t("Upphörde", "Ended"),
        report.ended.as_ref().map(|m| m.to_string()),
    );
    fact(
        t("Vad har hänt", "What happened"),
        report.what_happened.as_ref().map(|c| option_label(c, lang)),
    );
    fact(t("Beskrivning", "Description"), report.description.clone());
    fact(
        t("Orsak", "Cause"),
        report.cause.as_ref().map(|c| option_label(c, lang)),
    );
    fact(
        t("Typ av incident", "Type of breach"),
        Some(
            report
                .breach_types
                .iter()
                .map(|b| b.label(lang))
                .collect::<Vec<_>>()
                .join("; "),
        ),
    );
    fact(
        t("Registrerade", "Data subjects"),
        report.data_subjects.as_ref().map(|c| c.to_string()),
    );
    fact(
        t("Grupper", "Groups"),
        report
            .subject_groups
            .as_ref()
            .map(|s| selection_labels(s, lang).join(", ")),
    );
    fact(
        t("Personuppgifter", "Data"),
        report
            .data_categories
            .as_ref()
            .map(|s| selection_labels(s, lang).join(", ")),
    );
    fact(
        t("Konsekvenser", "Consequences"),
        report
            .consequences
            .as_ref()
            .map(|s| selection_labels(s, lang).join(", ")),
    );
    out.push_str(&format!(
        "\n{}\n",
        t("Riskbedömning (steg C)", "Risk assessment (step C)")
    ));
    match &incident.assessment {
        Some(assessment) => {
            out.push_str(&format!(
                "  {} {}, {}\n",
                t("Bedömd", "Assessed"),
                assessment.assessed_at.format("%Y-%m-%d %H:%M %:z"),
                assessment.assessed_by
            ));
            for line in scoring::explain(assessment, lang).lines() {
                out.push_str(&format!("  {line}\n"));
            }
        }
        None => out.push_str(&format!(
            "  {}\n",
            t("Ingen riskbedömning ännu.", "No risk assessment yet.")
        )),
    }
    out.push_str(&format!(
        "\n{}\n",
        t("Åtgärder (steg D och E)", "Actions (steps D and E)")
    ));
    let actions = incident.actions.as_ref();
    for action in actions.map(|a| a.taken.as_slice()).unwrap_or_default() {
        out.push_str(&format!(
            "  {}  {}{}\n",
            Moment::on(action.date, action.time),
            action.action.trim().replace('\n', "\n    "),
            action
                .by
                .as_ref()
                .map(|b| format!(" ({b})"))
                .unwrap_or_default()
        ));
    }
    for measure in actions.map(|a| a.planned.as_slice()).unwrap_or_default() {
        let status = match measure.status {
            MeasureStatus::Open => t("planerad", "planned"),
            MeasureStatus::Done => t("genomförd", "done"),
            MeasureStatus::Deferred => t("uppskjuten", "deferred"),
        };
        out.push_str(&format!("  [{status}] {}\n", measure.measure.trim()));
    }
    out.push_str(&format!(
        "\n{}\n",
        t(
            "Anmälan och information (steg F)",
            "Notification and information (step F)"
        )
    ));
    let imy = incident.notification.as_ref().and_then(|n| n.imy.as_ref());
    match imy.and_then(|i| i.submitted_at) {
        Some(at) => out.push_str(&format!(
            "  {} {}{}\n",
            t("Anmäld till IMY", "Notified to IMY"),
            at.format("%Y-%m-%d %H:%M %:z"),
            imy.and_then(|i| i.case_number.as_ref())
                .map(|n| format!(" ({n})"))
                .unwrap_or_default()
        )),
        None => out.push_str(&format!(
            "  {}\n",
            t("Inte anmäld till IMY.", "Not notified to IMY.")
        )),
    }
    if let Some(reason) = imy.and_then(|i| i.late_reason.as_ref()) {
        out.push_str(&format!(
            "  {}: {}\n",
            t("Skäl till sen anmälan", "Reason for late notification"),
            reason.trim().replace('\n', "\n    ")
        ));
    }
    for supplement in imy.map(|i| i.supplements.as_slice()).unwrap_or_default() {
        out.push_str(&format!(
            "  {} {}: {}\n",
            t("Komplettering", "Supplement"),
            supplement.submitted_at.format("%Y-%m-%d"),
            supplement.summary
        ));
    }
    match incident
        .notification
        .as_ref()
        .and_then(|n| n.data_subjects.as_ref())
    {
        Some(subjects) if subjects.informed => out.push_str(&format!(
            "  {} {}\n",
            t("De registrerade informerade", "Data subjects informed"),
            subjects
                .informed_at
                .map(|a| a.format("%Y-%m-%d").to_string())
                .unwrap_or_default()
        )),
        Some(_) => out.push_str(&format!(
            "  {}\n",
            t(
                "De registrerade har inte informerats.",
                "The data subjects have not been informed."
            )
        )),
        None => {}
    }
    out.push_str(&format!("\n{}\n", t("Frister", "Deadlines")));
    for obligation in obligations {
        let state = match obligation.state {
            State::Pending | State::Overdue => t("öppen", "open"),
            other => other.label(lang),
        };
        out.push_str(&format!(
            "  {}  {}: {state} ({})\n",
            obligation.due.format("%Y-%m-%d %H:%M %:z"),
            obligation.duty.label(lang),
            obligation.duty.rule_in(lang)
        ));
    }
    out.push_str(&format!(
        "\n{}\n",
        t("Avslut (steg G och H)", "Closing (steps G and H)")
    ));
    match &incident.closure {
        Some(closure) => {
            out.push_str(&format!(
                "  {} {}, {}\n",
                t("Avslutad", "Closed"),
                closure.closed_at.format("%Y-%m-%d"),
                closure.closed_by
            ));
            out.push_str(&format!(
                "  {}: {}\n",
                t("Grundorsak", "Root cause"),
                closure.root_cause.trim()
            ));
            out.push_str(&format!(
                "  {}: {}\n",
                t("Lärdomar", "Lessons learned"),
                closure.lessons_learned.trim()
            ));
        }
        None => out.push_str(&format!(
            "  {}\n",
            t("Ärendet är öppet.", "The case is open.")
        )),
    }
    out
}

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
                selection_labels(categories, lang).join(", ")
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
