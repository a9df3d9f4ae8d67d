//! Fills the form from the incident, question by question in the form's order, and notes
//! each answer a notification still lacks.

use crate::domain::obligations::GDPR_NOTIFY_IMY_HOURS;
use chrono::DateTime;
use chrono_tz::Tz;

use super::answers::{address, choice, contacts_of, count, field, moment, selection, text, yes_no};
use super::subjects::data_subjects;
use super::{Block, Content, ImyForm, Missing, Section};
use crate::domain::catalogue::{AnswerKind, catalogue};
use crate::domain::incident::Incident;
use crate::domain::labels;
use crate::domain::lang::Lang;
use crate::domain::model::{Actions, Report, Settings};
use crate::domain::moment::Moment;
use crate::domain::obligations::add_hours;
use crate::domain::scoring;

pub(super) struct Builder {
    sections: Vec<Section>,
    missing: Vec<Missing>,
}

impl Builder {
    pub(super) fn block(&mut self, number: u8, content: Content, other_comment: Option<String>) {
        let question = catalogue().question(number);
        let section_heading = catalogue()
            .section(&question.section)
            .map(|s| s.sv.clone())
            .unwrap_or_default();
        let other_comment = match (&question.other_comment_sv, other_comment) {
            (Some(label), Some(comment)) => Some((label.clone(), comment)),
            _ => None,
        };
        // An address is marked on its sub-fields (Postnummer *), not on its heading.
        let mandatory = question.mandatory && question.answer != AnswerKind::Address;
        let block = Block {
            number,
            heading: question.sv.clone(),
            mandatory,
            content,
            other_comment,
        };
        match self.sections.last_mut() {
            Some(section) if section.heading == section_heading => section.blocks.push(block),
            _ => self.sections.push(Section {
                heading: section_heading,
                blocks: vec![block],
            }),
        }
    }

    pub(super) fn need(&mut self, number: u8, what: impl Into<String>, mandatory: bool) {
        self.missing.push(Missing {
            number,
            what: what.into(),
            mandatory,
        });
    }

    pub(super) fn last_is_empty(&self) -> bool {
        self.sections
            .last()
            .and_then(|s| s.blocks.last())
            .is_none_or(|b| b.content.is_empty())
    }
}

/// Fills IMY's form from the incident. `now` decides whether the notification would now
/// be late (question 14) while it has not been submitted.
pub fn build(incident: &Incident, settings: &Settings, zone: Tz, now: DateTime<Tz>) -> ImyForm {
    let report = &incident.report;
    let form = catalogue();
    let notification = incident.notification.as_ref();
    let imy = notification.and_then(|n| n.imy.as_ref());
    let mut b = Builder {
        sections: Vec::new(),
        missing: Vec::new(),
    };

    // Personuppgiftsansvarig (1–4)
    let organisation = &settings.organisation;
    b.block(1, text(Some(&organisation.name)), None);
    b.block(2, text(organisation.org_number.as_deref()), None);
    b.block(
        3,
        address(form.question(3), organisation.address.as_ref()),
        None,
    );
    if organisation.address.is_none() {
        b.need(
            3,
            "Postnummer och Ort (incident.toml [organisation.address])",
            true,
        );
    }
    b.block(
        4,
        text(Some(
            report
                .internal_reference
                .clone()
                .unwrap_or_else(|| report.id.to_string())
                .as_str(),
        )),
        None,
    );

    // Kontaktuppgifter för anmälan (5–9)
    let contacts = contacts_of(incident, settings);
    if contacts.is_empty() {
        for number in 5..=8 {
            b.block(number, Content::Empty, None);
        }
        b.need(5, "en kontaktperson med namn, e-post och telefon (incident.toml [[contacts]] eller report.yaml contacts)", true);
    }
    for person in &contacts {
        b.block(5, text(Some(&person.name)), None);
        b.block(6, text(person.role.as_deref()), None);
        b.block(7, text(person.email.as_deref()), None);
        if person.email.is_none() {
            b.need(7, format!("e-post till {}", person.name), true);
        }
        b.block(8, text(person.phone.as_deref()), None);
        if person.phone.is_none() {
            b.need(8, format!("telefonnummer till {}", person.name), true);
        }
    }
    let contact_address = report
        .contact_address
        .as_ref()
        .or(settings.contact_address.as_ref())
        .or(organisation.address.as_ref());
    b.block(9, address(form.question(9), contact_address), None);
    if contact_address.is_none_or(|a| a.street.is_none()) {
        b.need(
            9,
            "adress (Adress, Postnummer, Ort) som IMY ska kontakta er på",
            true,
        );
    }

    // Incidenten (10–20)
    b.block(
        10,
        moment(form.question(10), report.occurred.as_ref()),
        None,
    );
    if report.occurred.is_none() {
        b.need(
            10,
            "när incidenten inträffade (datum, även ungefärligt med kommentar)",
            false,
        );
    }
    b.block(
        11,
        moment(form.question(11), Some(&discovery_for_form(report))),
        None,
    );
    b.block(12, yes_no(report.ongoing), None);
    if report.ongoing.is_none() {
        b.need(12, "om incidenten fortfarande pågår", false);
    }
    // Question 13 is shown when 12 = Nej.
    if report.ongoing == Some(false) || report.ended.is_some() {
        b.block(13, moment(form.question(13), report.ended.as_ref()), None);
        if report.ended.is_none() {
            b.need(13, "när incidenten upphörde", false);
        }
    }
    let aware = report.clock_start().earliest_instant(zone).ok();
    // The law's deadline, whatever the organisation's own target (GDPR Art. 33(1)).
    let due = aware.map(|a| add_hours(a, GDPR_NOTIFY_IMY_HOURS));
    let submitted = imy
        .and_then(|i| i.submitted_at)
        .map(|s| s.with_timezone(&zone));
    let late = match (due, submitted) {
        (Some(due), Some(submitted)) => submitted > due,
        (Some(due), None) => now > due,
        _ => false,
    };
    let late_reason = imy.and_then(|i| i.late_reason.as_deref());
    // The form asks for a reason when the notification comes more than 72 hours after the
    // discovery; in time from a later awareness, the awareness and its reason answer it.
    let after_discovery = report
        .discovered
        .earliest_instant(zone)
        .ok()
        .map(|d| add_hours(d, GDPR_NOTIFY_IMY_HOURS))
        .is_some_and(|due| submitted.unwrap_or(now) > due);
    let awareness_explains = report.aware.as_ref().map(|a| {
        format!(
            "Vetskap om att personuppgifter berörs fick vi först {}, och anmälan görs inom 72 timmar från vetskapen (GDPR art. 33.1). {}",
            a.moment(),
            a.reason.trim()
        )
    });
    let answer = if late {
        late_reason.map(str::to_string)
    } else if after_discovery {
        late_reason.map(str::to_string).or(awareness_explains)
    } else {
        None
    };
    b.block(14, text(answer.as_deref()), None);
    if late && b.last_is_empty() {
        b.need(
            14,
            "skälen till att anmälan kommer senare än 72 timmar efter upptäckten (GDPR art. 33.1)",
            false,
        );
    }
    let (content, _) = choice(report.what_happened.as_ref());
    b.block(15, content, None);
    if report.what_happened.is_none() {
        b.need(15, "vad som har hänt", false);
    }
    b.block(16, text(report.description.as_deref()), None);
    if report
        .description
        .as_deref()
        .is_none_or(|d| d.trim().is_empty())
    {
        b.need(16, "en kort beskrivning av incidenten", false);
    }
    let (content, _) = choice(report.how_discovered.as_ref());
    b.block(17, content, None);
    let (content, comment) = choice(report.cause.as_ref());
    b.block(18, content, comment);
    let (content, comment) = choice(report.sector.as_ref().or(organisation.sector.as_ref()));
    b.block(19, content, comment);
    let (content, comment) = choice(report.area.as_ref().or(organisation.area.as_ref()));
    b.block(20, content, comment);

    // Biträden (21–22)
    b.block(21, yes_no(report.processors_involved), None);
    let processors: Vec<Vec<(String, String)>> = report
        .processors
        .iter()
        .map(|p| {
            vec![
                (field(form.question(22), "name"), p.name.clone()),
                (
                    field(form.question(22), "org_number"),
                    p.org_number.clone().unwrap_or_default(),
                ),
            ]
        })
        .collect();
    b.block(
        22,
        if processors.is_empty() {
            Content::Empty
        } else {
            Content::Entries(processors)
        },
        None,
    );

    // Uppgifterna och de registrerade (23–27)
    b.block(
        23,
        count(form.question(23), report.data_subjects.as_ref()),
        None,
    );
    if report.data_subjects.is_none() {
        b.need(
            23,
            "hur många registrerade som påverkats (exakt antal eller intervall)",
            false,
        );
    }
    b.block(24, count(form.question(24), report.records.as_ref()), None);
    let (content, comment) = selection(report.subject_groups.as_ref());
    b.block(25, content, comment);
    if report.subject_groups.is_none() {
        b.need(25, "vilka grupper de registrerade tillhör", false);
    }
    let (content, comment) = selection(report.data_categories.as_ref());
    b.block(26, content, comment);
    if report.data_categories.is_none() {
        b.need(26, "vilken sorts personuppgifter som drabbats", false);
    }
    b.block(27, yes_no(report.encrypted), None);

    // Konsekvenser (28–30)
    let (content, comment) = selection(report.consequences.as_ref());
    b.block(28, content, comment);
    if report.consequences.is_none() {
        b.need(28, "vad konsekvenserna kan bli", false);
    }
    match &incident.assessment {
        Some(assessment) => {
            let level = scoring::imy_severity(assessment.band).to_string();
            let label = labels::option_label(29, &level, Lang::Sv);
            b.block(29, Content::Text(label), None);
        }
        None => {
            b.block(29, Content::Empty, None);
            b.need(
                29,
                "hur allvarlig incidenten är: gör riskbedömningen (`incident assess`)",
                false,
            );
        }
    }
    let actions = incident.actions.as_ref();
    let question = form.question(30);
    let mut entries: Vec<Vec<(String, String)>> = actions
        .map(|a| a.taken.as_slice())
        .unwrap_or_default()
        .iter()
        .map(|a| {
            vec![
                (
                    field(question, "date"),
                    a.date.format("%Y-%m-%d").to_string(),
                ),
                (
                    field(question, "time"),
                    a.time.map(|t| t.to_string()).unwrap_or_default(),
                ),
                (field(question, "action"), a.action.clone()),
            ]
        })
        .collect();
    // GDPR Art. 33(3)(d): measures taken or proposed; planned ones follow, marked as such.
    entries.extend(
        actions
            .map(|a| a.planned.as_slice())
            .unwrap_or_default()
            .iter()
            .map(|m| {
                vec![
                    (
                        field(question, "date"),
                        m.due
                            .map(|d| d.format("%Y-%m-%d").to_string())
                            .unwrap_or_default(),
                    ),
                    (field(question, "time"), String::new()),
                    (
                        field(question, "action"),
                        format!("Planerad åtgärd: {}", m.measure),
                    ),
                ]
            }),
    );
    b.block(
        30,
        if entries.is_empty() {
            Content::Empty
        } else {
            Content::Entries(entries)
        },
        None,
    );
    if entries_is_empty(actions) {
        b.need(
            30,
            "hur ni har agerat efter incidenten (actions.yaml, sedan `incident record`)",
            false,
        );
    }

    // Information till de registrerade (31–35)
    data_subjects(&mut b, incident);

    // Komplettering/eventuell sekretess (36–37)
    b.block(36, yes_no(imy.and_then(|i| i.supplement_planned)), None);
    b.block(37, text(imy.and_then(|i| i.secrecy.as_deref())), None);

    let within_deadline = match (due, submitted) {
        (Some(due), Some(submitted)) => submitted <= due,
        (Some(due), None) => now <= due,
        _ => true,
    };
    ImyForm {
        title: form.form_sv.clone(),
        incident: report.id.to_string(),
        sections: b.sections,
        missing: b.missing,
        within_deadline,
    }
}

fn entries_is_empty(actions: Option<&Actions>) -> bool {
    actions.is_none_or(|a| a.taken.is_empty() && a.planned.is_empty())
}

/// Question 11 as the form gets it: the discovery, its comment telling when the 72 hours
/// of GDPR Art. 33(1) run from when that is not plain from the date and time given: from
/// 00:00 when no time was given, from the awareness when it came later (EDPB Guidelines
/// 9/2022 paras 31–34).
fn discovery_for_form(report: &Report) -> Moment {
    let mut notes: Vec<String> = report.discovered.comment.iter().cloned().collect();
    if report.discovered.time.is_none() && report.aware.is_none() {
        notes.push("Klockslag saknas; 72-timmarsfristen räknas från kl. 00:00 denna dag.".into());
    }
    if let Some(aware) = &report.aware {
        notes.push(format!(
            "Vetskap om personuppgiftsincidenten (GDPR art. 33.1): {}; fristen räknas därifrån. Skäl: {}",
            aware.moment(),
            aware.reason.trim()
        ));
    }
    Moment {
        comment: (!notes.is_empty()).then(|| notes.join(" ")),
        ..report.discovered.clone()
    }
}
