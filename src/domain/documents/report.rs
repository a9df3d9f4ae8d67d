//! The incident's full documentation for the register (step G; GDPR Art. 33(5)).

use crate::domain::Lang;
use crate::domain::incident::Incident;
use crate::domain::labels;
use crate::domain::model::Settings;
use crate::domain::model::actions::MeasureStatus;
use crate::domain::moment::Moment;
use crate::domain::obligations::{Obligation, State};
use crate::domain::scoring;
use crate::domain::steps::checklist;

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
    fact(
        t("Klassning", "Verdict"),
        Some(match &report.verdict {
            Some(v) => format!(
                "{} ({}, {}): {}{}",
                v.kind.label(lang),
                v.decided_by,
                v.decided_at.format("%Y-%m-%d %H:%M"),
                v.reason.trim(),
                v.kind
                    .consequence(lang)
                    .map(|c| format!("\n{c}"))
                    .unwrap_or_default()
            ),
            None => report.verdict_kind().label(lang).to_string(),
        }),
    );
    fact(t("Observerat", "Observed"), report.observed.clone());
    fact(
        t("Inträffade", "Occurred"),
        report.occurred.as_ref().map(ToString::to_string),
    );
    fact(
        t("Upptäckt", "Discovered"),
        Some(report.discovered.to_string()),
    );
    // Taken in from a processor's notice (`new --from-notice`): whose, and which file.
    fact(
        t("Från underrättelse", "From the notice"),
        report.from_notice.as_ref().map(|origin| {
            format!(
                "{} ({}), {} {}, commit {}, {} {}, SHA-256 {}",
                origin.sender.name,
                origin.sender.org_number.as_deref().unwrap_or("-"),
                t("ärende", "case"),
                origin.incident,
                origin.commit.as_deref().unwrap_or("-"),
                t("exporterad", "exported"),
                origin.exported_at.format("%Y-%m-%d %H:%M %:z"),
                origin.sha256
            )
        }),
    );
    fact(
        t(
            "Vetskap (GDPR art. 33.1; 72 timmar räknas härifrån)",
            "Aware (GDPR Art. 33(1); the 72 hours run from here)",
        ),
        report
            .aware
            .as_ref()
            .map(|a| format!("{}: {}", a.moment(), a.reason)),
    );
    fact(
        t("Upptäckt av", "Discovered by"),
        report.discovered_by.clone(),
    );
    fact(
        t("Upphörde", "Ended"),
        report.ended.as_ref().map(ToString::to_string),
    );
    fact(
        t("Vad har hänt", "What happened"),
        report
            .what_happened
            .as_ref()
            .map(|c| labels::choice_label(c, lang)),
    );
    fact(t("Beskrivning", "Description"), report.description.clone());
    fact(
        t("Orsak", "Cause"),
        report.cause.as_ref().map(|c| labels::choice_label(c, lang)),
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
        report.data_subjects.as_ref().map(ToString::to_string),
    );
    fact(
        t("Grupper", "Groups"),
        report
            .subject_groups
            .as_ref()
            .map(|s| labels::selection_labels(s, lang).join(", ")),
    );
    fact(
        t("Personuppgifter", "Data"),
        report
            .data_categories
            .as_ref()
            .map(|s| labels::selection_labels(s, lang).join(", ")),
    );
    fact(
        t("Konsekvenser", "Consequences"),
        report
            .consequences
            .as_ref()
            .map(|s| labels::selection_labels(s, lang).join(", ")),
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
            for line in scoring::explain(assessment, Some(report), lang).lines() {
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
    if let Some(public) = incident
        .notification
        .as_ref()
        .and_then(|n| n.public_communication.as_ref())
    {
        out.push_str(&format!(
            "  {} {} (GDPR {}): {}\n",
            t("Allmänheten informerad", "The public informed"),
            public.at.format("%Y-%m-%d"),
            t("art. 34.3 c", "Art. 34(3)(c)"),
            public.how.trim().replace('\n', "\n    ")
        ));
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
            // The duties of the law left open at the closing, with why (GDPR Art. 33(5)).
            for waiver in &closure.waived {
                let duty = obligations
                    .iter()
                    .find(|o| o.duty.key() == waiver.obligation)
                    .map_or_else(
                        || waiver.obligation.clone(),
                        |o| format!("{} ({})", o.duty.label(lang), o.duty.rule_in(lang)),
                    );
                out.push_str(&format!(
                    "  {} {duty}: {}\n",
                    t("Avskriven vid avslut:", "Waived at closing:"),
                    waiver.reason.trim().replace('\n', "\n    ")
                ));
            }
        }
        None => out.push_str(&format!(
            "  {}\n",
            t("Ärendet är öppet.", "The case is open.")
        )),
    }
    out
}
