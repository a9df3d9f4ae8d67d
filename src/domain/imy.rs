//! IMY's notification form filled from the register: questions 1–37 in the form's order,
//! under its section headings, with the exact Swedish headings and option texts of the
//! catalogue (`catalogue/imy-form.toml`), and the list of answers still missing. Pure: the
//! incident, the settings and `now` in; the form out; renderers for text, Markdown, JSON.

use chrono::DateTime;
use chrono_tz::Tz;
use serde_json::{Map, Value, json};

use super::catalogue::{Question, catalogue};
use super::incident::Incident;
use super::model::answers::FormQuestion;
use super::model::settings::{Person, PostalAddress};
use super::model::{Choice, Count, Selection, Settings};
use super::moment::Moment;
use super::obligations::add_hours;
use super::scoring;

/// What one question holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    Empty,
    Text(String),
    /// Sub-fields in the form's order: (label, value).
    Fields(Vec<(String, String)>),
    /// Options chosen in a multi-choice question.
    List(Vec<String>),
    /// Repeated groups ("Lägg till ny"): processors, actions.
    Entries(Vec<Vec<(String, String)>>),
}

impl Content {
    fn is_empty(&self) -> bool {
        match self {
            Content::Empty => true,
            Content::Text(text) => text.trim().is_empty(),
            Content::Fields(fields) => fields.iter().all(|(_, v)| v.is_empty()),
            Content::List(items) => items.is_empty(),
            Content::Entries(entries) => entries.is_empty(),
        }
    }
}

/// One question as the form shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub number: u8,
    pub heading: String,
    pub mandatory: bool,
    pub content: Content,
    /// The form's separate comment field for "Övrigt" (questions 18, 20, 25, 26, 28).
    pub other_comment: Option<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub heading: String,
    pub blocks: Vec<Block>,
}

/// An answer the notification still lacks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    pub number: u8,
    pub what: String,
    /// A `*` field of the form, rather than one a coherent notification needs.
    pub mandatory: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImyForm {
    pub title: String,
    pub incident: String,
    pub sections: Vec<Section>,
    pub missing: Vec<Missing>,
    /// Whether the 72 hours of GDPR Art. 33(1) have not yet run out (at `now`, or at the
    /// recorded submission).
    pub within_deadline: bool,
}

fn yes_no(value: Option<bool>) -> Content {
    match value {
        Some(true) => Content::Text("Ja".into()),
        Some(false) => Content::Text("Nej".into()),
        None => Content::Empty,
    }
}

fn text(value: Option<&str>) -> Content {
    match value.map(str::trim).filter(|t| !t.is_empty()) {
        Some(text) => Content::Text(text.to_string()),
        None => Content::Empty,
    }
}

fn field(question: &Question, key: &str) -> String {
    question
        .field(key)
        .map(|f| {
            if f.mandatory {
                format!("{} *", f.sv)
            } else {
                f.sv.clone()
            }
        })
        .unwrap_or_else(|| key.to_string())
}

fn moment(question: &Question, value: Option<&Moment>) -> Content {
    match value {
        None => Content::Empty,
        Some(m) => Content::Fields(vec![
            (
                field(question, "date"),
                m.date.format("%Y-%m-%d").to_string(),
            ),
            (
                field(question, "time"),
                m.time.map(|t| t.to_string()).unwrap_or_default(),
            ),
            (
                field(question, "comment"),
                m.comment.clone().unwrap_or_default(),
            ),
        ]),
    }
}

fn address(question: &Question, value: Option<&PostalAddress>) -> Content {
    match value {
        None => Content::Empty,
        Some(a) => Content::Fields(vec![
            (
                field(question, "street"),
                a.street.clone().unwrap_or_default(),
            ),
            (field(question, "postal_code"), a.postal_code.clone()),
            (field(question, "city"), a.city.clone()),
            (
                field(question, "country"),
                a.country.clone().unwrap_or_else(|| "Sverige".into()),
            ),
        ]),
    }
}

/// The Swedish text of a chosen option: the form's words; a typed answer as typed;
/// "Övrigt:" with its comment.
fn choice_text<Q: FormQuestion>(choice: &Choice<Q>) -> String {
    let question = catalogue().question(Q::NUMBER);
    match question.option(&choice.key) {
        Some(option) if option.answer_is_comment => choice.comment.clone().unwrap_or_default(),
        Some(option) if option.comment => format!(
            "{} {}",
            option.sv,
            choice.comment.clone().unwrap_or_default()
        ),
        Some(option) => option.sv.clone(),
        None => choice.key.clone(),
    }
}

fn choice<Q: FormQuestion>(value: Option<&Choice<Q>>) -> (Content, Option<String>) {
    match value {
        None => (Content::Empty, None),
        Some(choice) => {
            let question = catalogue().question(Q::NUMBER);
            let is_other = question.option(&choice.key).is_some_and(|o| o.comment);
            if is_other && question.other_comment_sv.is_some() {
                // The form keeps the comment in its own field.
                let label = question
                    .option(&choice.key)
                    .map(|o| o.sv.clone())
                    .unwrap_or_default();
                (Content::Text(label), choice.comment.clone())
            } else {
                (Content::Text(choice_text(choice)), None)
            }
        }
    }
}

fn selection<Q: FormQuestion>(value: Option<&Selection<Q>>) -> (Content, Option<String>) {
    let Some(selection) = value else {
        return (Content::Empty, None);
    };
    let question = catalogue().question(Q::NUMBER);
    let separate = question.other_comment_sv.is_some();
    let items = selection
        .keys
        .iter()
        .map(|key| match question.option(key) {
            Some(option) if option.comment && !separate => {
                format!(
                    "{} {}",
                    option.sv,
                    selection.comment.clone().unwrap_or_default()
                )
            }
            Some(option) => option.sv.clone(),
            None => key.clone(),
        })
        .collect();
    let needs_comment = selection
        .keys
        .iter()
        .any(|k| question.option(k).is_some_and(|o| o.comment));
    (
        Content::List(items),
        (separate && needs_comment).then(|| selection.comment.clone().unwrap_or_default()),
    )
}

fn count(question: &Question, value: Option<&Count>) -> Content {
    match value {
        None => Content::Empty,
        Some(count) if count.exact.is_some() => {
            Content::Fields(vec![(field(question, "exact"), count.to_string())])
        }
        Some(count) => Content::Fields(vec![(field(question, "interval"), count.to_string())]),
    }
}

fn contacts_of<'a>(incident: &'a Incident, settings: &'a Settings) -> Vec<Person> {
    if !incident.report.contacts.is_empty() {
        return incident.report.contacts.clone();
    }
    if !settings.contacts.is_empty() {
        return settings.contacts.clone();
    }
    // GDPR Art. 33(3)(b): the DPO is the contact point when no other is named.
    settings
        .dpo
        .iter()
        .cloned()
        .map(|dpo| Person {
            role: dpo.role.clone().or(Some("Dataskyddsombud".into())),
            ..dpo
        })
        .collect()
}

struct Builder {
    sections: Vec<Section>,
    missing: Vec<Missing>,
}

impl Builder {
    fn block(&mut self, number: u8, content: Content, other_comment: Option<String>) {
        let question = catalogue().question(number);
        let section_heading = catalogue()
            .section(&question.section)
            .map(|s| s.sv.clone())
            .unwrap_or_default();
        if self
            .sections
            .last()
            .is_none_or(|s| s.heading != section_heading)
        {
            self.sections.push(Section {
                heading: section_heading,
                blocks: Vec::new(),
            });
        }
        let other_comment = match (&question.other_comment_sv, other_comment) {
            (Some(label), Some(comment)) => Some((label.clone(), comment)),
            _ => None,
        };
        // An address is marked on its sub-fields (Postnummer *), not on its heading.
        let mandatory =
            question.mandatory && question.answer != super::catalogue::AnswerKind::Address;
        let block = Block {
            number,
            heading: question.sv.clone(),
            mandatory,
            content,
            other_comment,
        };
        self.sections
            .last_mut()
            .expect("pushed above")
            .blocks
            .push(block);
    }

    fn need(&mut self, number: u8, what: impl Into<String>, mandatory: bool) {
        self.missing.push(Missing {
            number,
            what: what.into(),
            mandatory,
        });
    }

    fn last_is_empty(&self) -> bool {
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
        moment(form.question(11), Some(&report.discovered)),
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
    let aware = report.discovered.earliest_instant(zone).ok();
    let due = aware.map(|a| add_hours(a, settings.deadlines.notify_imy_hours));
    let submitted = imy
        .and_then(|i| i.submitted_at)
        .map(|s| s.with_timezone(&zone));
    let late = match (due, submitted) {
        (Some(due), Some(submitted)) => submitted > due,
        (Some(due), None) => now > due,
        _ => false,
    };
    let late_reason = imy.and_then(|i| i.late_reason.as_deref());
    b.block(
        14,
        if late {
            text(late_reason)
        } else {
            Content::Empty
        },
        None,
    );
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
            let label = form
                .question(29)
                .option(&level)
                .map(|o| o.sv.clone())
                .unwrap_or(level);
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

fn entries_is_empty(actions: Option<&super::model::Actions>) -> bool {
    actions.is_none_or(|a| a.taken.is_empty() && a.planned.is_empty())
}

/// Questions 31–35 with the form's conditions: 32 when 31 = Ja; 33 when 31 = Nej; 34 when
/// 33 = Ja; 35 when 33 = Nej. Without a recorded answer, the assessment's decision gives
/// 33 and 35 (GDPR Art. 34(3) exceptions, or no high risk).
fn data_subjects(b: &mut Builder, incident: &Incident) {
    let recorded = incident
        .notification
        .as_ref()
        .and_then(|n| n.data_subjects.as_ref());
    let decision = incident.assessment.as_ref().map(|a| (&a.decision, a.band));
    // Nothing recorded after an assessment: not informed yet, as far as the register knows.
    let informed = recorded.map(|d| d.informed).or(decision.map(|_| false));
    b.block(31, yes_no(informed), None);
    match informed {
        Some(true) => {
            let when = recorded
                .and_then(|d| d.informed_at)
                .map(|at| at.format("%Y-%m-%d %H:%M").to_string());
            let how = recorded.and_then(|d| d.how.clone());
            let answer = match (when, how) {
                (Some(when), Some(how)) => Some(format!("{when} ({how})")),
                (when, how) => when.or(how),
            };
            b.block(32, text(answer.as_deref()), None);
            if recorded.and_then(|d| d.informed_at).is_none() {
                b.need(32, "när de registrerade informerades", false);
            }
        }
        Some(false) | None => {
            let will = recorded
                .and_then(|d| d.will_inform)
                .or(decision.map(|(d, _)| d.inform_data_subjects));
            if informed.is_none() && decision.is_none() {
                b.need(31, "om de registrerade har informerats eller kommer att informeras (avgörs i riskbedömningen)", false);
            }
            b.block(33, yes_no(will), None);
            match will {
                Some(true) => {
                    let when = recorded.and_then(|d| d.will_inform_on.as_deref());
                    b.block(34, text(when), None);
                    if when.is_none() {
                        b.need(34, "när de registrerade kommer att informeras (`incident notified subjects --will-inform-on`)", false);
                    }
                }
                Some(false) => {
                    let explicit = recorded.and_then(|d| d.reasons_not_to_inform.as_ref());
                    let derived = decision.map(|(d, band)| derived_reasons(d.exception, band));
                    let items: Vec<String> = match explicit {
                        Some(selection) => selection_items(selection),
                        None => derived.unwrap_or_default(),
                    };
                    let empty = items.is_empty();
                    b.block(35, Content::List(items), None);
                    if empty {
                        b.need(35, "varför de registrerade inte informeras (GDPR art. 34.3, eller att risken inte är hög)", false);
                    }
                }
                None => {}
            }
        }
    }
}

fn selection_items<Q: FormQuestion>(chosen: &Selection<Q>) -> Vec<String> {
    match selection(Some(chosen)).0 {
        Content::List(items) => items,
        _ => Vec::new(),
    }
}

/// Question 35's options from the assessment: the Art. 34(3) exception, or no high risk.
fn derived_reasons(
    exception: Option<super::model::assessment::Art34Exception>,
    band: super::model::assessment::Band,
) -> Vec<String> {
    use super::model::assessment::{Art34Exception, Band};
    let key = match (exception, band) {
        (Some(Art34Exception::Unintelligible), _) => "unintelligible",
        (Some(Art34Exception::RiskRemoved), _) => "risk_removed",
        (Some(Art34Exception::DisproportionateEffort), _) => "public_communication",
        (None, Band::Low | Band::Medium) => "no_high_risk",
        (None, _) => return Vec::new(),
    };
    catalogue()
        .question(35)
        .option(key)
        .map(|o| vec![o.sv.clone()])
        .unwrap_or_default()
}

fn heading(block: &Block) -> String {
    format!(
        "{}. {}{}",
        block.number,
        block.heading,
        if block.mandatory { " *" } else { "" }
    )
}

/// Plain text, for pasting into IMY's e-service question by question.
pub fn render_text(form: &ImyForm) -> String {
    let mut out = format!("{}\nIncident {}\n", form.title, form.incident);
    for section in &form.sections {
        out.push_str(&format!("\n{}\n", section.heading));
        for block in &section.blocks {
            out.push_str(&format!("\n{}\n", heading(block)));
            match &block.content {
                Content::Empty => {}
                Content::Text(text) => out.push_str(&format!("{}\n", text.trim_end())),
                Content::Fields(fields) => {
                    for (label, value) in fields {
                        if label.ends_with('.') {
                            // A field labelled by a whole sentence (questions 23–24).
                            out.push_str(&format!("{label}\n{value}\n"));
                        } else {
                            out.push_str(&format!("{label}: {value}\n").replace(": \n", ":\n"));
                        }
                    }
                }
                Content::List(items) => {
                    for item in items {
                        out.push_str(&format!("- {item}\n"));
                    }
                }
                Content::Entries(entries) => {
                    for (index, entry) in entries.iter().enumerate() {
                        if index > 0 {
                            out.push('\n');
                        }
                        for (label, value) in entry {
                            let value = value.trim_end();
                            if value.contains('\n') {
                                out.push_str(&format!("{label}:\n{value}\n"));
                            } else {
                                out.push_str(&format!("{label}: {value}\n").replace(": \n", ":\n"));
                            }
                        }
                    }
                }
            }
            if let Some((label, comment)) = &block.other_comment {
                out.push_str(&format!("{label}: {comment}\n"));
            }
        }
    }
    out
}

/// Markdown, for a document or a review.
pub fn render_markdown(form: &ImyForm) -> String {
    let mut out = format!("# {}\n\nIncident {}\n", form.title, form.incident);
    for section in &form.sections {
        out.push_str(&format!("\n## {}\n", section.heading));
        for block in &section.blocks {
            out.push_str(&format!("\n### {}\n\n", heading(block).replace('*', "\\*")));
            match &block.content {
                Content::Empty => out.push_str("*(inget svar)*\n"),
                Content::Text(text) => out.push_str(&format!("{}\n", text.trim_end())),
                Content::Fields(fields) => {
                    for (label, value) in fields {
                        out.push_str(&format!("- {}: {value}\n", label.replace('*', "\\*")));
                    }
                }
                Content::List(items) => {
                    for item in items {
                        out.push_str(&format!("- {item}\n"));
                    }
                }
                Content::Entries(entries) => {
                    for entry in entries {
                        let parts: Vec<String> = entry
                            .iter()
                            .filter(|(_, v)| !v.is_empty())
                            .map(|(label, value)| {
                                format!("{label}: {}", value.trim_end().replace('\n', "  \n  "))
                            })
                            .collect();
                        out.push_str(&format!("- {}\n", parts.join("; ")));
                    }
                }
            }
            if let Some((label, comment)) = &block.other_comment {
                out.push_str(&format!("\n{label}: {comment}\n"));
            }
        }
    }
    out
}

fn content_json(content: &Content) -> Value {
    let object = |fields: &Vec<(String, String)>| {
        Value::Object(
            fields
                .iter()
                .map(|(k, v)| {
                    (
                        k.trim_end_matches(" *").to_string(),
                        Value::String(v.clone()),
                    )
                })
                .collect::<Map<_, _>>(),
        )
    };
    match content {
        Content::Empty => Value::Null,
        Content::Text(text) => Value::String(text.clone()),
        Content::Fields(fields) => object(fields),
        Content::List(items) => json!(items),
        Content::Entries(entries) => Value::Array(entries.iter().map(object).collect()),
    }
}

/// JSON keyed by question number. Questions 5–8 repeated for several contact persons
/// hold an array.
pub fn render_json(form: &ImyForm) -> Value {
    let mut answers = Map::new();
    for block in form.sections.iter().flat_map(|s| &s.blocks) {
        let mut entry = json!({ "heading": block.heading, "mandatory": block.mandatory, "answer": content_json(&block.content) });
        if let Some((label, comment)) = &block.other_comment {
            entry["comment"] = json!({ "label": label, "text": comment });
        }
        let key = block.number.to_string();
        match answers.get_mut(&key) {
            Some(Value::Array(list)) => list.push(entry),
            Some(existing) => *existing = Value::Array(vec![existing.take(), entry]),
            None => {
                answers.insert(key, entry);
            }
        }
    }
    let missing: Vec<Value> = form
        .missing
        .iter()
        .map(|m| json!({ "question": m.number, "what": m.what, "mandatory": m.mandatory }))
        .collect();
    json!({ "form": form.title, "incident": form.incident, "answers": answers, "missing": missing })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::answers::{Q18, Q26};

    #[test]
    fn choices_render_the_forms_words() {
        assert_eq!(
            choice_text(&Choice::<Q18>::new("technical_error", None)),
            "Tekniskt fel, till exempel fel i mjukvara, programinställningar"
        );
        assert_eq!(
            choice_text(&Choice::<Q18>::new(
                "free_text",
                Some("Brand i serverhallen".into())
            )),
            "Brand i serverhallen"
        );
        let (content, comment) = choice(Some(&Choice::<Q18>::new(
            "other",
            Some("Okänd orsak".into()),
        )));
        assert_eq!(content, Content::Text("Övrigt:".into()));
        assert_eq!(comment.as_deref(), Some("Okänd orsak"));
        assert_eq!(choice::<Q18>(None).0, Content::Empty);
    }

    #[test]
    fn selections_list_each_option_and_keep_the_other_comment() {
        let one = selection(Some(&Selection::<Q26>::new(vec!["health".into()], None)));
        assert_eq!(one, (Content::List(vec!["Hälsa".into()]), None));
        let several = selection(Some(&Selection::<Q26>::new(
            vec![
                "health".into(),
                "personal_identity_number".into(),
                "other".into(),
            ],
            Some("Barns förhållanden".into()),
        )));
        assert_eq!(
            several,
            (
                Content::List(vec![
                    "Hälsa".into(),
                    "Personnummer".into(),
                    "Övrigt:".into()
                ]),
                Some("Barns förhållanden".into())
            )
        );
        assert_eq!(selection::<Q26>(None).0, Content::Empty);
    }

    #[test]
    fn counts_are_exact_or_an_interval() {
        let question = catalogue().question(23);
        assert_eq!(
            count(question, Some(&Count::exact(3))),
            Content::Fields(vec![("Exakt antal registrerade".into(), "3".into())])
        );
        let interval = count(question, Some(&Count::parse("1-10").unwrap()));
        match interval {
            Content::Fields(fields) => assert_eq!(fields[0].1, "1 - 10"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn moments_split_date_time_and_comment() {
        let question = catalogue().question(11);
        let without_time = Moment::on(chrono::NaiveDate::from_ymd_opt(2021, 4, 13).unwrap(), None);
        assert_eq!(
            moment(question, Some(&without_time)),
            Content::Fields(vec![
                ("Datum".into(), "2021-04-13".into()),
                ("Klockslag".into(), String::new()),
                ("Eventuell kommentar".into(), String::new())
            ])
        );
    }
}
