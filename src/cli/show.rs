//! `incident show <id>`: where one incident stands: steps A–H, what comes next, the facts.

use serde_json::json;

use crate::cli::args::incident_id;
use crate::cli::hints::next_hint;
use crate::cli::{Context, Opened};
use crate::domain::incident::Incident;
use crate::domain::labels;
use crate::domain::model::Count;
use crate::domain::model::actions::{MeasureStatus, Purpose};
use crate::domain::model::report::Role;
use crate::domain::moment::Moment;
use crate::domain::obligations::{Obligation, State, local, of_incidents, time_left};
use crate::domain::regimes::regimes;
use crate::domain::steps::{StepState, checklist, next_step, step_states};
use crate::domain::{IncidentId, Lang};
use crate::error::{Error, Result};
use chrono::DateTime;
use chrono_tz::Tz;

#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// The incident id, YYYY-NNNN
    #[arg(value_parser = incident_id)]
    pub id: IncidentId,
    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
    /// The register as the journal held it at this moment: RFC 3339, or local "YYYY-MM-DD HH:MM" (a date alone: the end of that day)
    #[arg(long, value_name = "TIME")]
    pub as_of: Option<String>,
}

pub fn run(context: &Context, args: ShowArgs) -> Result<i32> {
    let Opened {
        register,
        ui,
        id,
        incident,
    } = context.open_incident_as_of(&args.id, args.as_of.as_deref())?;
    // Long at a terminal: paged, as Git pages its log.
    let ui = ui.with_pager(context.pager.clone());
    let lang = ui.lang;
    let now = context.now_at(&register);
    let (settings, zone) = (&register.settings, register.zone);
    let obligations = of_incidents(std::slice::from_ref(&incident), settings, zone, now)
        .map_err(Error::discovery_not_in_zone)?;
    let mut filings = register.filings_of(&id)?;
    // In the order they were sent.
    filings.sort_by(|a, b| (a.filed_at, &a.name).cmp(&(b.filed_at, &b.name)));
    if args.json {
        let steps: Vec<_> = step_states(&incident)
            .into_iter()
            .map(|(step, state)| json!({ "step": step.letter().to_string(), "title": step.title_as(incident.report.role, lang), "state": state_key(state) }))
            .collect();
        ui.json(&json!({
            "id": id.to_string(),
            "closed": incident.is_closed(),
            "steps": steps,
            "next_step": next_step(&incident).map(|s| s.letter().to_string()),
            "report": incident.report,
            "assessment": incident.assessment,
            "actions": incident.actions,
            "notification": incident.notification,
            "closure": incident.closure,
            "obligations": obligations.iter().map(|o| json!({
                "obligation": o.duty.key(),
                "rule": o.duty.rule(),
                "due": o.due.fixed_offset().to_rfc3339(),
                "state": o.state.key(),
            })).collect::<Vec<_>>(),
            "filings": filings.iter().map(|f| json!({
                "tag": f.name,
                "commit": f.target,
                "filed_at": f.filed_at.map(|at| at.to_rfc3339()),
                "in_branch": f.in_branch,
            })).collect::<Vec<_>>(),
        }));
    } else {
        let mut text = render(&incident, lang, &obligations, now);
        text.push_str(&crate::cli::filings::section(&filings, lang, zone));
        ui.out(&text);
    }
    ui.git_state(register.git_state());
    // As of a moment of the journal, the clone's state now is not what is shown.
    if register.as_of().is_none() {
        ui.sharing(register.sharing_status().as_ref());
    }
    if !register.is_journaled() {
        ui.say(ui.t(
            "Obs: registret journalförs inte (inget Git-förråd).",
            "Note: the register is not journaled (no Git repository).",
        ));
    }
    Ok(0)
}

fn state_key(state: StepState) -> &'static str {
    match state {
        StepState::Done => "done",
        StepState::NotRequired => "not_required",
        StepState::Open => "open",
    }
}

fn moment_text(moment: &Moment) -> String {
    match &moment.comment {
        Some(comment) => format!("{moment} ({comment})"),
        None => moment.to_string(),
    }
}

/// The verdict: what the incident is, who decided, when and why; and what follows
/// from it when it takes the case out of the GDPR's route.
fn verdict_line(report: &crate::domain::model::Report, lang: Lang) -> String {
    let label = lang.pick("Klassning", "Verdict");
    let Some(verdict) = &report.verdict else {
        return format!("{label}: {}\n", report.verdict_kind().label(lang));
    };
    let mut line = format!(
        "{label}: {} ({}, {}): {}\n",
        verdict.kind.label(lang),
        verdict.decided_by,
        verdict.decided_at.format("%Y-%m-%d %H:%M"),
        verdict.reason.trim()
    );
    if let Some(consequence) = verdict.kind.consequence(lang) {
        line.push_str(&format!("  {consequence}\n"));
    }
    line
}

/// A waived duty by its name in the interface language (the key when it is not one of
/// the GDPR's own duties, e.g. a regime's report).
fn waiver_label(key: &str, lang: Lang) -> String {
    use crate::domain::obligations::Duty;
    [
        Duty::Supplement,
        Duty::InformDataSubjects,
        Duty::PublicCommunication,
        Duty::NotifyController,
    ]
    .into_iter()
    .find(|d| d.key() == key)
    .map_or_else(|| key.to_string(), |d| d.label(lang))
}

fn yes_no(value: bool, lang: Lang) -> String {
    if value {
        lang.pick("Ja", "Yes")
    } else {
        lang.pick("Nej", "No")
    }
    .to_string()
}

/// The text of `incident show`.
pub fn render(
    incident: &Incident,
    lang: Lang,
    obligations: &[Obligation],
    now: DateTime<Tz>,
) -> String {
    let report = &incident.report;
    let t = |sv: &'static str, en: &'static str| lang.pick(sv, en);
    let mut out = format!("{}  {}\n", report.id, report.title);
    let status = if incident.is_closed() {
        t("avslutad", "closed")
    } else {
        t("öppen", "open")
    };
    out.push_str(&format!("{}: {status}\n", t("Status", "Status")));
    out.push_str(&verdict_line(report, lang));
    if let Some(step) = next_step(incident) {
        out.push_str(&format!("{}\n", next_hint(lang, incident, step)));
    }
    out.push_str(&format!("\n{}\n", t("Steg A–H", "Steps A–H")));
    out.push_str(&checklist(incident, lang));
    let mut facts: Vec<(String, String)> = Vec::new();
    let mut fact = |label: &str, value: Option<String>| {
        if let Some(value) = value.filter(|v| !v.is_empty()) {
            facts.push((label.to_string(), value));
        }
    };
    fact(
        t("Internt referensnummer (4)", "Internal reference (4)"),
        report.internal_reference.clone(),
    );
    fact(t("Observerat", "Observed"), report.observed.clone());
    fact(
        t("Inträffade (10)", "Occurred (10)"),
        report.occurred.as_ref().map(moment_text),
    );
    let mut discovered = moment_text(&report.discovered);
    if report.discovered.time.is_none() && report.aware.is_none() {
        discovered.push_str(t(
            " (inget klockslag: 72 timmar räknas från kl. 00:00)",
            " (no clock time: the 72 hours run from 00:00)",
        ));
    }
    fact(t("Upptäckt (11)", "Discovered (11)"), Some(discovered));
    fact(
        t("Vetskap (GDPR art. 33.1)", "Aware (GDPR Art. 33(1))"),
        report.aware.as_ref().map(|aware| {
            format!(
                "{}{}: {} {}",
                aware.moment(),
                if aware.time.is_none() {
                    t(
                        " (inget klockslag: från kl. 00:00)",
                        " (no clock time: from 00:00)",
                    )
                } else {
                    ""
                },
                aware.reason,
                t(
                    "(72 timmar räknas härifrån)",
                    "(the 72 hours run from here)"
                )
            )
        }),
    );
    fact(
        t("Upptäckt av", "Discovered by"),
        report.discovered_by.clone(),
    );
    fact(
        t("Rapporterad av", "Reported by"),
        report.reported_by.as_ref().map(|r| r.summary(lang)),
    );
    fact(
        t("Ansvarig chef informerad (A)", "Manager told (A)"),
        report.manager_informed.as_ref().map(|p| {
            format!(
                "{}{}",
                p.moment(),
                p.name
                    .as_ref()
                    .map(|n| format!(", {n}"))
                    .unwrap_or_default()
            )
        }),
    );
    fact(
        t("Dataskyddsombud kontaktat (B)", "DPO contacted (B)"),
        report.dpo_contacted.as_ref().map(|p| {
            format!(
                "{}{}",
                p.moment(),
                p.name
                    .as_ref()
                    .map(|n| format!(", {n}"))
                    .unwrap_or_default()
            )
        }),
    );
    fact(
        t("Pågår (12)", "Ongoing (12)"),
        report.ongoing.map(|v| yes_no(v, lang)),
    );
    fact(
        t("Upphörde (13)", "Ended (13)"),
        report.ended.as_ref().map(moment_text),
    );
    fact(
        t("Vad har hänt (15)", "What happened (15)"),
        report
            .what_happened
            .as_ref()
            .map(|c| labels::choice_label(c, lang)),
    );
    fact(
        t("Kort beskrivning (16)", "Description (16)"),
        report.description.clone(),
    );
    fact(
        t("Hur upptäckt (17)", "How discovered (17)"),
        report
            .how_discovered
            .as_ref()
            .map(|c| labels::choice_label(c, lang)),
    );
    fact(
        t("Orsak (18)", "Cause (18)"),
        report.cause.as_ref().map(|c| labels::choice_label(c, lang)),
    );
    fact(
        t("Sektor (19)", "Sector (19)"),
        report
            .sector
            .as_ref()
            .map(|c| labels::choice_label(c, lang)),
    );
    fact(
        t("Verksamhetsområde (20)", "Area (20)"),
        report.area.as_ref().map(|c| labels::choice_label(c, lang)),
    );
    fact(
        t("Typ av incident", "Type of breach"),
        Some(
            report
                .breach_types
                .iter()
                .map(|b| b.label(lang))
                .collect::<Vec<_>>()
                .join("\n"),
        ),
    );
    fact(
        t("Roll", "Role"),
        Some(
            match report.role {
                Role::Controller => t("personuppgiftsansvarig", "controller"),
                Role::Processor => t("personuppgiftsbiträde", "processor"),
            }
            .to_string(),
        ),
    );
    // The regimes beside the GDPR the incident was classified into or out of, and why.
    for (key, classification) in &report.classifications {
        let regime = regimes().get(key);
        let name = regime.map_or(key.as_str(), |r| r.name(lang));
        let applies = if classification.applies {
            t("omfattas", "applies")
        } else {
            t("omfattas inte", "does not apply")
        };
        let at = local(classification.at.with_timezone(&now.timezone()));
        let by = &classification.by;
        let reason = &classification.reason;
        let mut text = format!("{applies} ({at}, {by}): {reason}");
        if let Some(regime) = regime.filter(|_| classification.applies) {
            let to = t("rapporter till", "reports to");
            text.push_str(&format!("\n{to} {}", regime.recipient(lang)));
        }
        fact(name, Some(text));
    }
    fact(
        t("Kontaktpersoner (5–8)", "Contacts (5–8)"),
        Some(
            report
                .contacts
                .iter()
                .map(|c| c.name.clone())
                .collect::<Vec<_>>()
                .join(", "),
        ),
    );
    fact(
        t("Personuppgiftsansvarig", "Controller"),
        report.controller.as_ref().map(|c| c.name.clone()),
    );
    fact(
        t("Biträden (21–22)", "Processors (21–22)"),
        match (report.processors_involved, report.processors.is_empty()) {
            (Some(true), false) => Some(
                report
                    .processors
                    .iter()
                    .map(|p| p.name.clone())
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            (Some(value), _) => Some(yes_no(value, lang)),
            (None, _) => None,
        },
    );
    fact(
        t("Registrerade (23)", "Data subjects (23)"),
        report.data_subjects.as_ref().map(Count::to_string),
    );
    fact(
        t("Uppgifter (24)", "Records (24)"),
        report.records.as_ref().map(Count::to_string),
    );
    fact(
        t("Grupper (25)", "Groups (25)"),
        report
            .subject_groups
            .as_ref()
            .map(|s| labels::selection_labels(s, lang).join(", ")),
    );
    fact(
        t("Personuppgifter (26)", "Data categories (26)"),
        report
            .data_categories
            .as_ref()
            .map(|s| labels::selection_labels(s, lang).join(", ")),
    );
    fact(
        t("Krypterade (27)", "Encrypted (27)"),
        report.encrypted.map(|v| yes_no(v, lang)),
    );
    fact(
        t("Konsekvenser (28)", "Consequences (28)"),
        report
            .consequences
            .as_ref()
            .map(|s| labels::selection_labels(s, lang).join(", ")),
    );
    if let Some(assessment) = &incident.assessment {
        fact(
            t("Riskbedömning (C)", "Risk assessment (C)"),
            Some(format!(
                "{} (SE {})",
                assessment.band.label(lang),
                lang.decimal(assessment.severity_score)
            )),
        );
        // A processor's controller notifies IMY and informs the data subjects (GDPR
        // Art. 33(2)): the decision is what the processor advises it.
        let processor = incident.report.role == Role::Processor;
        fact(
            if processor {
                t(
                    "IMY (den personuppgiftsansvarige anmäler)",
                    "IMY (the controller notifies)",
                )
            } else {
                t("Anmäla till IMY", "Notify IMY")
            },
            Some(yes_no(assessment.decision.notify_imy, lang)),
        );
        fact(
            if processor {
                t(
                    "De registrerade (den personuppgiftsansvarige informerar)",
                    "Data subjects (the controller informs)",
                )
            } else {
                t("Informera de registrerade", "Inform data subjects")
            },
            Some(yes_no(assessment.decision.inform_data_subjects, lang)),
        );
        fact(
            t("Motivering", "Reasoning"),
            Some(assessment.reasoning.clone()),
        );
    }
    if let Some(actions) = &incident.actions {
        let taken: Vec<String> = actions
            .taken
            .iter()
            .map(|a| {
                format!(
                    "{} {}",
                    Moment::on(a.date, a.time),
                    a.action.lines().next().unwrap_or("")
                )
            })
            .collect();
        fact(
            t("Vidtagna åtgärder (30)", "Actions taken (30)"),
            Some(taken.join("\n")),
        );
        let planned: Vec<String> = actions
            .planned
            .iter()
            .enumerate()
            .map(|(index, m)| {
                let status = match m.status {
                    MeasureStatus::Open => t("öppen", "open"),
                    MeasureStatus::Done => t("klar", "done"),
                    MeasureStatus::Deferred => t("uppskjuten", "deferred"),
                };
                let purpose = match m.purpose {
                    Purpose::Mitigate => t("mildra", "mitigate"),
                    Purpose::Prevent => t("förebygga", "prevent"),
                };
                let due = m
                    .due
                    .map(|d| format!(", {} {d}", t("senast", "due")))
                    .unwrap_or_default();
                let owner = m
                    .owner
                    .as_ref()
                    .map(|o| format!(", {o}"))
                    .unwrap_or_default();
                format!(
                    "{}. [{status}] {} ({purpose}{owner}{due})",
                    index + 1,
                    m.measure.lines().next().unwrap_or_default()
                )
            })
            .collect();
        fact(
            t("Planerade åtgärder (E)", "Planned measures (E)"),
            Some(planned.join("\n")),
        );
    }
    if let Some(imy) = incident.notification.as_ref().and_then(|n| n.imy.as_ref()) {
        let submitted = imy.submitted_at.map_or_else(
            || t("inte inskickad", "not submitted").to_string(),
            |at| at.format("%Y-%m-%d %H:%M %:z").to_string(),
        );
        fact(
            t("Anmälan till IMY (F)", "IMY notification (F)"),
            Some(submitted),
        );
        fact(
            t("IMY:s diarienummer", "IMY case number"),
            imy.case_number.clone(),
        );
        fact(
            t(
                "Skäl till sen anmälan (14)",
                "Reason for late notification (14)",
            ),
            imy.late_reason.clone(),
        );
    }
    if let Some(subjects) = incident
        .notification
        .as_ref()
        .and_then(|n| n.data_subjects.as_ref())
    {
        fact(
            t(
                "De registrerade informerade (31)",
                "Data subjects informed (31)",
            ),
            Some(yes_no(subjects.informed, lang)),
        );
        fact(
            t("Kommer att informeras (33)", "Will be informed (33)"),
            subjects.will_inform.map(|v| yes_no(v, lang)),
        );
    }
    if let Some(public) = incident
        .notification
        .as_ref()
        .and_then(|n| n.public_communication.as_ref())
    {
        fact(
            t(
                "Allmänheten informerad (art. 34.3 c)",
                "Public informed (Art. 34(3)(c))",
            ),
            Some(format!(
                "{} ({})",
                public.at.format("%Y-%m-%d %H:%M %:z"),
                public.how.lines().next().unwrap_or_default()
            )),
        );
    }
    // A duty of the law left open at the closing is shown with why (closure.yaml).
    for waiver in incident.closure.iter().flat_map(|c| &c.waived) {
        fact(
            t("Avskriven vid avslut", "Waived at closing"),
            Some(format!(
                "{}: {}",
                waiver_label(&waiver.obligation, lang),
                waiver.reason.lines().next().unwrap_or_default()
            )),
        );
    }
    out.push_str(&format!("\n{}\n", t("Fakta", "Facts")));
    let width = facts
        .iter()
        .map(|(label, _)| label.chars().count())
        .max()
        .unwrap_or(0);
    for (label, value) in facts {
        let padding = " ".repeat(width - label.chars().count());
        let mut lines = value.lines();
        out.push_str(&format!(
            "  {label}{padding}  {}\n",
            lines.next().unwrap_or("")
        ));
        for line in lines {
            out.push_str(&format!("  {}  {line}\n", " ".repeat(width)));
        }
    }
    out.push_str(&format!("\n{}\n", t("Frister", "Deadlines")));
    for obligation in obligations {
        let when = match obligation.state {
            State::Overdue | State::Pending => time_left(obligation.due, now, lang),
            _ => crate::domain::obligations::settled(obligation, lang),
        };
        out.push_str(&format!(
            "  {}  {}  {when}  ({})\n",
            local(obligation.due),
            obligation.duty.label(lang),
            obligation.duty.rule_in(lang)
        ));
    }
    out
}
