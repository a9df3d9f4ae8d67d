//! `incident new`: the intake of a new incident (steps A and B), in the order a person
//! experiences a breach. Every answer can come from a flag, from `--from FILE` (a partial
//! report.yaml) or from a prompt; without a terminal, missing answers fail at once.

use std::path::PathBuf;

use chrono::Datelike;
use serde::{Deserialize, Serialize};

use crate::cli::Context;
use crate::cli::prompt::{Prompter, TerminalPrompter};
use crate::cli::ui::Ui;
use crate::domain::catalogue::catalogue;
use crate::domain::incident::Incident;
use crate::domain::model::answers::{FormQuestion, Q15, Q17, Q18, Q19, Q20, Q25, Q26, Q28};
use crate::domain::model::report::{BreachType, Party, PersonTold, Role};
use crate::domain::model::settings::{Person, PostalAddress};
use crate::domain::model::{Choice, Count, Report, SCHEMA_VERSION, Selection};
use crate::domain::moment::{ClockTime, Moment, parse_date_and_time, resolve_local};
use crate::domain::rules::check_option_key;
use crate::domain::steps::{Step, next_step};
use crate::domain::{IncidentId, Lang};
use crate::error::{Error, Result};
use crate::store::files::{self, FileKind};
use crate::store::register;

#[derive(Debug, Default, clap::Args)]
pub struct NewArgs {
    /// Read answers from a partial report.yaml; flags override it (its `id`, if any, is ignored)
    #[arg(long, value_name = "FILE")]
    pub from: Option<PathBuf>,
    /// Short title for lists
    #[arg(long)]
    pub title: Option<String>,
    /// What was observed and how the incident shows itself
    #[arg(long)]
    pub observed: Option<String>,
    /// When it occurred: YYYY-MM-DD or "YYYY-MM-DD HH:MM" (IMY question 10)
    #[arg(long, value_name = "DATE[ TIME]")]
    pub occurred: Option<String>,
    /// Comment on when it occurred
    #[arg(long, value_name = "TEXT", requires = "occurred")]
    pub occurred_comment: Option<String>,
    /// When it was discovered: the 72 hours run from here (GDPR Art. 33(1); IMY question 11)
    #[arg(long, value_name = "DATE[ TIME]")]
    pub discovered: Option<String>,
    /// Comment on when it was discovered
    #[arg(long, value_name = "TEXT", requires = "discovered")]
    pub discovered_comment: Option<String>,
    /// Who discovered it
    #[arg(long, value_name = "NAME")]
    pub discovered_by: Option<String>,
    /// When the responsible manager was told (step A)
    #[arg(long, value_name = "DATE[ TIME]")]
    pub manager_informed: Option<String>,
    /// The responsible manager's name
    #[arg(long, value_name = "NAME", requires = "manager_informed")]
    pub manager: Option<String>,
    /// When the data protection officer was contacted (step B)
    #[arg(long, value_name = "DATE[ TIME]")]
    pub dpo_contacted: Option<String>,
    /// The DPO contacted [default: incident.toml's DPO]
    #[arg(long, value_name = "NAME", requires = "dpo_contacted")]
    pub dpo: Option<String>,
    /// Is it still going on? yes or no (IMY question 12)
    #[arg(long, value_name = "YES|NO", value_parser = parse_yes_no)]
    pub ongoing: Option<bool>,
    /// When it ended (IMY question 13)
    #[arg(long, value_name = "DATE[ TIME]")]
    pub ended: Option<String>,
    /// Comment on when it ended
    #[arg(long, value_name = "TEXT", requires = "ended")]
    pub ended_comment: Option<String>,
    /// What happened: an option key of IMY question 15
    #[arg(long, value_name = "KEY")]
    pub what_happened: Option<String>,
    /// Comment for --what-happened (the answer itself with free_text)
    #[arg(long, value_name = "TEXT", requires = "what_happened")]
    pub what_happened_comment: Option<String>,
    /// Short description (IMY question 16)
    #[arg(long)]
    pub description: Option<String>,
    /// Breach type(s): confidentiality, integrity, availability (EDPB)
    #[arg(long, value_name = "TYPE", value_delimiter = ',')]
    pub breach_type: Vec<String>,
    /// Why it happened: an option key of IMY question 18
    #[arg(long, value_name = "KEY")]
    pub cause: Option<String>,
    /// Comment for --cause (required with other and free_text)
    #[arg(long, value_name = "TEXT", requires = "cause")]
    pub cause_comment: Option<String>,
    /// How it was discovered: an option key of IMY question 17
    #[arg(long, value_name = "KEY")]
    pub how_discovered: Option<String>,
    /// Comment for --how-discovered
    #[arg(long, value_name = "TEXT", requires = "how_discovered")]
    pub how_discovered_comment: Option<String>,
    /// Sector: an option key of IMY question 19 [default: incident.toml's]
    #[arg(long, value_name = "KEY")]
    pub sector: Option<String>,
    /// Comment for --sector
    #[arg(long, value_name = "TEXT", requires = "sector")]
    pub sector_comment: Option<String>,
    /// Area of activity: an option key of IMY question 20 [default: incident.toml's]
    #[arg(long, value_name = "KEY")]
    pub area: Option<String>,
    /// Comment for --area
    #[arg(long, value_name = "TEXT", requires = "area")]
    pub area_comment: Option<String>,
    /// Groups of data subjects: option keys of IMY question 25, comma-separated
    #[arg(long, value_name = "KEYS", value_delimiter = ',')]
    pub groups: Vec<String>,
    /// Comment for --groups (required with other)
    #[arg(long, value_name = "TEXT", requires = "groups")]
    pub groups_comment: Option<String>,
    /// Number of data subjects: 12, an interval 1-10, or 1000+ (IMY question 23)
    #[arg(long, value_name = "COUNT")]
    pub data_subjects: Option<String>,
    /// Number of records: 12, an interval 1-10, or 1000+ (IMY question 24)
    #[arg(long, value_name = "COUNT")]
    pub records: Option<String>,
    /// Kinds of personal data: option keys of IMY question 26, comma-separated
    #[arg(long, value_name = "KEYS", value_delimiter = ',')]
    pub categories: Vec<String>,
    /// Comment for --categories (required with other)
    #[arg(long, value_name = "TEXT", requires = "categories")]
    pub categories_comment: Option<String>,
    /// Were the data encrypted? yes or no (IMY question 27)
    #[arg(long, value_name = "YES|NO", value_parser = parse_yes_no)]
    pub encrypted: Option<bool>,
    /// Possible consequences: option keys of IMY question 28, comma-separated
    #[arg(long, value_name = "KEYS", value_delimiter = ',')]
    pub consequences: Vec<String>,
    /// Comment for --consequences (required with other)
    #[arg(long, value_name = "TEXT", requires = "consequences")]
    pub consequences_comment: Option<String>,
    /// A processor involved, "NAME" or "NAME;NNNNNN-NNNN" (IMY question 22); repeatable
    #[arg(long, value_name = "NAME[;ORGNR]")]
    pub processor: Vec<String>,
    /// No processors are involved (IMY question 21 = Nej)
    #[arg(long, conflicts_with = "processor")]
    pub no_processors: bool,
    /// The organisation's role: controller or processor (a processor notifies its controller, GDPR Art. 33(2))
    #[arg(long, value_name = "ROLE")]
    pub role: Option<String>,
    /// The controller to notify, "NAME" or "NAME;NNNNNN-NNNN", when the role is processor
    #[arg(long, value_name = "NAME[;ORGNR]")]
    pub controller: Option<String>,
    /// The organisation's own case or diary number (IMY question 4)
    #[arg(long, value_name = "TEXT")]
    pub internal_reference: Option<String>,
    /// Also a significant incident under NIS2 / cybersäkerhetslagen? yes or no
    #[arg(long, value_name = "YES|NO", value_parser = parse_yes_no)]
    pub nis2_significant: Option<bool>,
}

pub fn parse_yes_no(text: &str) -> Result<bool, String> {
    match text.trim().to_lowercase().as_str() {
        "yes" | "ja" | "true" | "y" | "j" => Ok(true),
        "no" | "nej" | "false" | "n" => Ok(false),
        _ => Err(format!("`{text}` is not yes or no")),
    }
}

/// The answers of an intake so far: a report whose every field may still be missing.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ReportDraft {
    #[serde(skip_serializing)]
    pub schema_version: Option<u32>,
    #[serde(skip_serializing)]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub internal_reference: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<Person>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact_address: Option<PostalAddress>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub observed: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub occurred: Option<Moment>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub discovered: Option<Moment>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub discovered_by: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manager_informed: Option<PersonTold>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dpo_contacted: Option<PersonTold>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ongoing: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ended: Option<Moment>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub what_happened: Option<Choice<Q15>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub how_discovered: Option<Choice<Q17>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cause: Option<Choice<Q18>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sector: Option<Choice<Q19>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub area: Option<Choice<Q20>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub breach_types: Vec<BreachType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub controller: Option<Party>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub processors_involved: Option<bool>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub processors: Vec<Party>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_subjects: Option<Count>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub records: Option<Count>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject_groups: Option<Selection<Q25>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_categories: Option<Selection<Q26>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encrypted: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consequences: Option<Selection<Q28>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nis2_significant: Option<bool>,
}

impl ReportDraft {
    /// How many answers the draft holds (top-level fields given).
    pub fn answer_count(&self) -> usize {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::Object(fields)) => fields
                .values()
                .filter(|value| match value {
                    serde_json::Value::Null => false,
                    serde_json::Value::Array(items) => !items.is_empty(),
                    _ => true,
                })
                .count(),
            _ => 0,
        }
    }

    /// The required answers still missing, as (flag, what) pairs.
    pub fn missing(&self) -> Vec<(String, String)> {
        let mut missing = Vec::new();
        if self.title.as_deref().is_none_or(|t| t.trim().is_empty()) {
            missing.push((
                "--title TEXT".to_string(),
                "a short title for lists".to_string(),
            ));
        }
        if self.discovered.is_none() {
            missing.push((
                "--discovered DATE[ TIME]".to_string(),
                "when the incident was discovered (IMY question 11; the 72 hours run from here)"
                    .to_string(),
            ));
        }
        missing
    }

    /// The report, once `missing()` is empty.
    pub fn into_report(self, id: IncidentId) -> Option<Report> {
        Some(Report {
            schema_version: SCHEMA_VERSION,
            id,
            title: self.title?,
            internal_reference: self.internal_reference,
            contacts: self.contacts,
            contact_address: self.contact_address,
            observed: self.observed,
            occurred: self.occurred,
            discovered: self.discovered?,
            discovered_by: self.discovered_by,
            manager_informed: self.manager_informed,
            dpo_contacted: self.dpo_contacted,
            ongoing: self.ongoing,
            ended: self.ended,
            what_happened: self.what_happened,
            description: self.description,
            how_discovered: self.how_discovered,
            cause: self.cause,
            sector: self.sector,
            area: self.area,
            breach_types: self.breach_types,
            role: self.role.unwrap_or_default(),
            controller: self.controller,
            processors_involved: self.processors_involved,
            processors: self.processors,
            data_subjects: self.data_subjects,
            records: self.records,
            subject_groups: self.subject_groups,
            data_categories: self.data_categories,
            encrypted: self.encrypted,
            consequences: self.consequences,
            nis2_significant: self.nis2_significant,
        })
    }
}

pub fn run(context: &Context, args: NewArgs) -> Result<i32> {
    let mut register = context.open_register()?;
    let lang = context.lang(Some(&register));
    let ui = Ui::new(lang);
    register.require_journal()?;
    // Known before any question is asked, so nobody types answers that cannot be recorded.
    let stamp = context.stamp(Some(&register))?;
    context.before_prompting(&register, None)?;
    let mut prompter = context.interactive.then(|| TerminalPrompter::new(lang));
    let keeper = IntakeDraft::new(&register.root);
    let mut draft = match (&args.from, prompter.as_mut()) {
        (Some(path), prompter) => {
            let draft = read_draft(path)?;
            // This intake's answers will be saved where an earlier one's may be waiting.
            if prompter.is_some() && !keeper.is(path) {
                keeper.set_aside(&ui, context)?;
            }
            draft
        }
        (None, Some(prompter)) => keeper.offer_to_resume(&ui, prompter, context)?,
        (None, None) => ReportDraft::default(),
    };
    apply_flags(&mut draft, &args)?;
    if let Some(told) = draft.dpo_contacted.as_mut()
        && told.name.is_none()
    {
        told.name = register.settings.dpo.as_ref().map(|dpo| dpo.name.clone());
    }
    if draft.sector.is_none() {
        draft.sector = register.settings.organisation.sector.clone();
    }
    if draft.area.is_none() {
        draft.area = register.settings.organisation.area.clone();
    }
    let today = context.now_in(Some(&register)).date_naive();
    let prompted = prompter.is_some();
    if let Some(prompter) = prompter.as_mut() {
        let intake = Intake {
            lang,
            zone: register.zone,
            today,
            dpo: register.settings.dpo.as_ref().map(|d| d.name.clone()),
        };
        let mut keep = |draft: &ReportDraft| keeper.keep(&ui, draft);
        if let Err(error) = intake.ask(prompter, &mut draft, &mut keep) {
            keeper.kept(&ui, &draft);
            return Err(error);
        }
    }
    let missing = draft.missing();
    if !missing.is_empty() {
        return Err(Error::MissingAnswers {
            command: "new".into(),
            missing,
            from_file: true,
        });
    }
    let year = draft
        .discovered
        .as_ref()
        .map(|d| d.date.year())
        .expect("checked by missing()");
    // Another command may take the same id between here and the commit (checked under the
    // register lock); then the next free one is taken.
    let mut attempts = 0;
    let (id, report, result) = loop {
        let id = register.next_id(year)?;
        let report = draft
            .clone()
            .into_report(id.clone())
            .expect("checked by missing()");
        let result = record(&mut register, &ui, &report, &stamp);
        attempts += 1;
        match result {
            Err(Error::Concurrent { .. }) if attempts < 5 => continue,
            result => break (id, report, result),
        }
    };
    match result {
        Ok(()) => {
            // The draft has served, whether it was typed here or read with --from.
            if prompted || args.from.as_deref().is_some_and(|from| keeper.is(from)) {
                keeper.discard();
            }
            ui.out(&id.to_string());
            if context.interactive {
                // The intake is step A; the flow offers to go on with the next steps.
                return super::next::continue_from(context, &ui, &id.to_string());
            }
            let incident = Incident::new(report);
            if let Some(step) = next_step(&incident) {
                ui.say(&next_hint(lang, &id, step));
            }
            Ok(0)
        }
        Err(error) => {
            if prompted {
                keeper.kept(&ui, &draft);
            }
            Err(error)
        }
    }
}

/// What to do next, in the interface language.
pub fn next_hint(lang: Lang, id: &IncidentId, step: Step) -> String {
    let then = lang.pick("sedan", "then");
    let command = match step {
        Step::A => format!("`incident contacted manager {id}`"),
        Step::B => format!("`incident contacted dpo {id}`"),
        Step::C => format!("`incident assess {id}`"),
        Step::D => format!("`incident log {id} --action TEXT`"),
        Step::E => {
            format!("`incident log {id} --planned --action TEXT --purpose mitigate|prevent`")
        }
        Step::F => format!(
            "`incident export imy {id}`, {then} `incident notified imy {id}` ({} `incident contacted controller {id}`)",
            lang.pick("ett biträde:", "a processor:")
        ),
        Step::G | Step::H => format!("`incident close {id}`"),
    };
    format!(
        "{} {}: {} — {command}",
        lang.pick("Nästa steg", "Next step"),
        step.letter(),
        step.title(lang)
    )
}

fn record(
    register: &mut crate::store::Register,
    ui: &Ui,
    report: &Report,
    stamp: &register::Stamp,
) -> Result<()> {
    let text = super::render_incident_file(&report.id, FileKind::Report, report)?;
    let steps: &[&str] = if report.dpo_contacted.is_some() {
        &["A", "B"]
    } else {
        &["A"]
    };
    let entry = super::Entry {
        subject: format!("reported: {}", report.title),
        body: Some(format!("Discovered {}.", report.discovered)),
        steps,
        trailers: Vec::new(),
    };
    super::commit_incident(
        register,
        ui,
        stamp,
        &report.id,
        vec![(FileKind::Report, Some(text))],
        entry,
    )?;
    Ok(())
}

/// Where an interactive intake keeps its answers while it runs, relative to the register.
/// `.drafts/` is in the register's .gitignore, so the journal never records them.
pub const INTAKE_DRAFT: &str = ".drafts/new.yaml";

/// The answers of an interactive intake, saved after each one: a laptop that dies or a
/// terminal closed mid-intake loses no answer, and the next `incident new` offers to
/// resume.
struct IntakeDraft {
    path: PathBuf,
    /// Set once saving failed, so the warning is given once, not after every answer.
    failed: std::cell::Cell<bool>,
    /// The draft before the first question (flags, a resumed draft): nothing to save until
    /// a person has answered something.
    before_questions: std::cell::RefCell<Option<String>>,
}

impl IntakeDraft {
    fn new(root: &std::path::Path) -> IntakeDraft {
        IntakeDraft {
            path: root.join(INTAKE_DRAFT),
            failed: std::cell::Cell::new(false),
            before_questions: std::cell::RefCell::new(None),
        }
    }

    fn save(&self, draft: &ReportDraft) -> std::result::Result<(), String> {
        let text = serde_saphyr::to_string(draft).map_err(|e| e.to_string())?;
        files::write_atomically(&self.path, text.as_bytes()).map_err(|e| e.to_string())
    }

    /// Whether the draft holds an answer given since the first question.
    fn answered(&self, draft: &ReportDraft) -> bool {
        let text = serde_saphyr::to_string(draft).unwrap_or_default();
        let mut before = self.before_questions.borrow_mut();
        match before.as_ref() {
            Some(before) => *before != text,
            None => {
                *before = Some(text);
                false
            }
        }
    }

    /// Saves the answers so far; a failure is said once and the intake goes on.
    fn keep(&self, ui: &Ui, draft: &ReportDraft) {
        if !self.answered(draft) {
            return;
        }
        if let Err(message) = self.save(draft)
            && !self.failed.replace(true)
        {
            ui.say(&format!(
                "{} {}: {message}",
                ui.t(
                    "Varning: svaren kan inte sparas under tiden i",
                    "Warning: the answers cannot be saved as you go in"
                ),
                self.path.display()
            ));
        }
    }

    /// Saves the answers of an intake that ended without a report, and says where.
    fn kept(&self, ui: &Ui, draft: &ReportDraft) {
        match self.save(draft) {
            Ok(()) => ui.say(&format!(
                "{} {} — {} `incident new` ({} `incident new --from {}`)",
                ui.t("Dina svar är sparade i", "Your answers are saved in"),
                self.path.display(),
                ui.t("fortsätt med", "resume with"),
                ui.t("eller", "or"),
                self.path.display()
            )),
            Err(message) => ui.say(&format!(
                "{}: {message}",
                ui.t("Kunde inte spara svaren", "Could not save the answers")
            )),
        }
    }

    /// The intake became a report: its draft has served.
    fn discard(&self) {
        let _ = std::fs::remove_file(&self.path);
        if let Some(folder) = self.path.parent() {
            // Only when empty: other commands keep their drafts there too.
            let _ = std::fs::remove_dir(folder);
        }
    }

    /// Offers the answers of an unfinished intake, if any. Declined (or unreadable), they
    /// are set aside under a dated name rather than deleted: nothing typed is lost.
    fn offer_to_resume(
        &self,
        ui: &Ui,
        prompter: &mut dyn Prompter,
        context: &Context,
    ) -> Result<ReportDraft> {
        if !self.path.exists() {
            return Ok(ReportDraft::default());
        }
        match files::read_partial::<ReportDraft>(&self.path) {
            Ok(saved) => {
                let question = format!(
                    "{} {} ({} {}{}). {}",
                    ui.t(
                        "Ett påbörjat ärende som inte blev klart finns sparat i",
                        "An intake that was not finished is saved in"
                    ),
                    self.path.display(),
                    saved.answer_count(),
                    ui.t("svar", "answers"),
                    saved
                        .title
                        .as_deref()
                        .or(saved.observed.as_deref())
                        .map(|text| format!(": ”{}”", shorten(text, 60)))
                        .unwrap_or_default(),
                    ui.t("Fortsätt med det?", "Resume it?")
                );
                if prompter.confirm(&question, true)? {
                    return Ok(saved);
                }
            }
            Err(error) => ui.say(&format!(
                "{}: {error}",
                ui.t(
                    "Ett sparat påbörjat ärende kan inte läsas",
                    "A saved unfinished intake cannot be read"
                )
            )),
        }
        self.set_aside(ui, context)?;
        Ok(ReportDraft::default())
    }

    /// Whether `path` names this draft.
    fn is(&self, path: &std::path::Path) -> bool {
        match (path.canonicalize(), self.path.canonicalize()) {
            (Ok(given), Ok(draft)) => given == draft,
            _ => false,
        }
    }

    /// Moves a saved draft, if any, to a dated name beside it, and says where.
    fn set_aside(&self, ui: &Ui, context: &Context) -> Result<()> {
        if !self.path.exists() {
            return Ok(());
        }
        // Never over an earlier draft set aside in the same second.
        let time = context.now.format("%Y%m%dT%H%M%S").to_string();
        let aside = (1..)
            .map(|n| match n {
                1 => self.path.with_file_name(format!("new-{time}.yaml")),
                n => self.path.with_file_name(format!("new-{time}-{n}.yaml")),
            })
            .find(|candidate| !candidate.exists())
            .expect("an unused name");
        std::fs::rename(&self.path, &aside).map_err(|source| Error::Io {
            action: "set aside the saved intake",
            path: self.path.clone(),
            source,
        })?;
        ui.say(&format!(
            "{} {} (`incident new --from {}`)",
            ui.t(
                "Det sparade ärendet ligger kvar i",
                "The saved intake is kept in"
            ),
            aside.display(),
            aside.display()
        ));
        Ok(())
    }
}

/// The first `limit` characters of the first line of a text, with an ellipsis if cut.
fn shorten(text: &str, limit: usize) -> String {
    let line = text.lines().next().unwrap_or("").trim();
    match line.char_indices().nth(limit) {
        Some((index, _)) => format!("{}…", &line[..index]),
        None => line.to_string(),
    }
}

fn read_draft(path: &std::path::Path) -> Result<ReportDraft> {
    files::read_partial(path)
}

fn moment_flag(
    flag: &str,
    value: &Option<String>,
    comment: &Option<String>,
) -> Result<Option<Moment>> {
    let Some(text) = value else {
        return Ok(None);
    };
    let (date, time) =
        parse_date_and_time(text).map_err(|message| Error::bad_input(flag, message))?;
    Ok(Some(Moment {
        date,
        time,
        comment: comment.clone(),
    }))
}

fn told_flag(
    flag: &str,
    value: &Option<String>,
    name: &Option<String>,
) -> Result<Option<PersonTold>> {
    Ok(moment_flag(flag, value, &None)?.map(|m| PersonTold {
        name: name.clone(),
        date: m.date,
        time: m.time,
    }))
}

fn choice_flag<Q: FormQuestion>(
    flag: &str,
    key: &Option<String>,
    comment: &Option<String>,
) -> Result<Option<Choice<Q>>> {
    let Some(key) = key else {
        return Ok(None);
    };
    let option =
        check_option_key(Q::NUMBER, key).map_err(|message| Error::bad_input(flag, message))?;
    if option.needs_comment() && comment.is_none() {
        return Err(Error::bad_input(
            flag,
            format!("`{key}` needs its comment: add {flag}-comment TEXT"),
        ));
    }
    Ok(Some(Choice::new(key.clone(), comment.clone())))
}

fn selection_flag<Q: FormQuestion>(
    flag: &str,
    keys: &[String],
    comment: &Option<String>,
) -> Result<Option<Selection<Q>>> {
    if keys.is_empty() {
        return Ok(None);
    }
    for key in keys {
        let option =
            check_option_key(Q::NUMBER, key).map_err(|message| Error::bad_input(flag, message))?;
        if option.needs_comment() && comment.is_none() {
            return Err(Error::bad_input(
                flag,
                format!("`{key}` needs its comment: add {flag}-comment TEXT"),
            ));
        }
    }
    Ok(Some(Selection::new(keys.to_vec(), comment.clone())))
}

fn party_flag(flag: &str, text: &str) -> Result<Party> {
    let (name, org_number) = match text.split_once(';') {
        Some((name, number)) => (name.trim(), Some(number.trim().to_string())),
        None => (text.trim(), None),
    };
    if name.is_empty() {
        return Err(Error::bad_input(flag, "the organisation's name is empty"));
    }
    Ok(Party {
        name: name.to_string(),
        org_number,
    })
}

fn count_flag(flag: &str, text: &Option<String>) -> Result<Option<Count>> {
    text.as_deref()
        .map(Count::parse)
        .transpose()
        .map_err(|message| Error::bad_input(flag, message))
}

/// Flags override what `--from` gave.
fn apply_flags(draft: &mut ReportDraft, args: &NewArgs) -> Result<()> {
    fn set<T>(field: &mut Option<T>, value: Option<T>) {
        if value.is_some() {
            *field = value;
        }
    }
    set(&mut draft.title, args.title.clone());
    set(&mut draft.observed, args.observed.clone());
    set(
        &mut draft.occurred,
        moment_flag("--occurred", &args.occurred, &args.occurred_comment)?,
    );
    set(
        &mut draft.discovered,
        moment_flag("--discovered", &args.discovered, &args.discovered_comment)?,
    );
    set(&mut draft.discovered_by, args.discovered_by.clone());
    set(
        &mut draft.manager_informed,
        told_flag("--manager-informed", &args.manager_informed, &args.manager)?,
    );
    set(
        &mut draft.dpo_contacted,
        told_flag("--dpo-contacted", &args.dpo_contacted, &args.dpo)?,
    );
    set(&mut draft.ongoing, args.ongoing);
    set(
        &mut draft.ended,
        moment_flag("--ended", &args.ended, &args.ended_comment)?,
    );
    set(
        &mut draft.what_happened,
        choice_flag(
            "--what-happened",
            &args.what_happened,
            &args.what_happened_comment,
        )?,
    );
    set(&mut draft.description, args.description.clone());
    set(
        &mut draft.cause,
        choice_flag("--cause", &args.cause, &args.cause_comment)?,
    );
    set(
        &mut draft.how_discovered,
        choice_flag(
            "--how-discovered",
            &args.how_discovered,
            &args.how_discovered_comment,
        )?,
    );
    set(
        &mut draft.sector,
        choice_flag("--sector", &args.sector, &args.sector_comment)?,
    );
    set(
        &mut draft.area,
        choice_flag("--area", &args.area, &args.area_comment)?,
    );
    set(
        &mut draft.subject_groups,
        selection_flag("--groups", &args.groups, &args.groups_comment)?,
    );
    set(
        &mut draft.data_subjects,
        count_flag("--data-subjects", &args.data_subjects)?,
    );
    set(&mut draft.records, count_flag("--records", &args.records)?);
    set(
        &mut draft.data_categories,
        selection_flag("--categories", &args.categories, &args.categories_comment)?,
    );
    set(&mut draft.encrypted, args.encrypted);
    set(
        &mut draft.consequences,
        selection_flag(
            "--consequences",
            &args.consequences,
            &args.consequences_comment,
        )?,
    );
    set(
        &mut draft.internal_reference,
        args.internal_reference.clone(),
    );
    set(&mut draft.nis2_significant, args.nis2_significant);
    if !args.breach_type.is_empty() {
        draft.breach_types = args
            .breach_type
            .iter()
            .map(|text| {
                BreachType::parse(text).ok_or_else(|| {
                    Error::bad_input("--breach-type", format!("`{text}` is not a breach type: use confidentiality, integrity or availability"))
                })
            })
            .collect::<Result<_>>()?;
    }
    if !args.processor.is_empty() {
        draft.processors = args
            .processor
            .iter()
            .map(|p| party_flag("--processor", p))
            .collect::<Result<_>>()?;
        draft.processors_involved = Some(true);
    }
    if args.no_processors {
        draft.processors_involved = Some(false);
        draft.processors.clear();
    }
    if let Some(role) = &args.role {
        draft.role = Some(Role::parse(role).ok_or_else(|| {
            Error::bad_input(
                "--role",
                format!("`{role}` is not a role: use controller or processor"),
            )
        })?);
    }
    if let Some(controller) = &args.controller {
        draft.controller = Some(party_flag("--controller", controller)?);
    }
    Ok(())
}

/// The guided intake: asks for every answer not yet given, in the order a person
/// experiences a breach. An empty answer means "not known yet".
struct Intake {
    lang: Lang,
    zone: chrono_tz::Tz,
    today: chrono::NaiveDate,
    dpo: Option<String>,
}

impl Intake {
    fn t<'a>(&self, sv: &'a str, en: &'a str) -> &'a str {
        self.lang.pick(sv, en)
    }

    fn heading(&self, number: u8) -> String {
        let question = catalogue().question(number);
        format!(
            "{} ({})",
            question.heading(self.lang),
            self.t(
                &format!("IMY fråga {number}"),
                &format!("IMY question {number}")
            )
        )
    }

    /// Asks what the draft lacks. `keep` is called with the draft before every question,
    /// so that each answer is saved as soon as it is given.
    fn ask(
        &self,
        prompter: &mut dyn Prompter,
        draft: &mut ReportDraft,
        keep: &mut dyn FnMut(&ReportDraft),
    ) -> Result<()> {
        let lang = self.lang;
        keep(draft);
        if draft.observed.is_none() {
            draft.observed = prompter.long_text(
                self.t(
                    "Vad har ni observerat? Hur yttrar sig incidenten?",
                    "What was observed? How does the incident show itself?",
                ),
                None,
                false,
            )?;
        }
        keep(draft);
        if draft.title.is_none() {
            draft.title = prompter.text(
                self.t("Kort rubrik för listor", "Short title for lists"),
                None,
                true,
                &|_| Ok(()),
            )?;
        }
        keep(draft);
        if draft.occurred.is_none() {
            draft.occurred = self.ask_moment(prompter, &self.heading(10), None, false)?;
        }
        keep(draft);
        if draft.discovered.is_none() {
            let today = self.today.format("%Y-%m-%d").to_string();
            draft.discovered = self.ask_moment(prompter, &self.heading(11), Some(&today), true)?;
        }
        keep(draft);
        if draft.discovered_by.is_none() {
            draft.discovered_by = prompter.text(
                self.t("Vem upptäckte incidenten?", "Who discovered the incident?"),
                None,
                false,
                &|_| Ok(()),
            )?;
        }
        keep(draft);
        if draft.manager_informed.is_none()
            && prompter.confirm(
                self.t(
                    "Steg A: har ansvarig chef informerats?",
                    "Step A: has the responsible manager been told?",
                ),
                false,
            )?
        {
            let name = prompter.text(
                self.t("Chefens namn", "The manager's name"),
                None,
                false,
                &|_| Ok(()),
            )?;
            let when = self.ask_moment(
                prompter,
                self.t("När informerades chefen?", "When was the manager told?"),
                Some(&self.today.to_string()),
                true,
            )?;
            draft.manager_informed = when.map(|m| PersonTold {
                name,
                date: m.date,
                time: m.time,
            });
        }
        keep(draft);
        if draft.dpo_contacted.is_none()
            && prompter.confirm(
                self.t(
                    "Steg B: har dataskyddsombudet kontaktats?",
                    "Step B: has the data protection officer been contacted?",
                ),
                false,
            )?
        {
            let name = prompter.text(
                self.t("Dataskyddsombudets namn", "The DPO's name"),
                self.dpo.as_deref(),
                false,
                &|_| Ok(()),
            )?;
            let when = self.ask_moment(
                prompter,
                self.t(
                    "När kontaktades dataskyddsombudet?",
                    "When was the DPO contacted?",
                ),
                Some(&self.today.to_string()),
                true,
            )?;
            draft.dpo_contacted = when.map(|m| PersonTold {
                name,
                date: m.date,
                time: m.time,
            });
        }
        keep(draft);
        if draft.what_happened.is_none() {
            draft.what_happened = self.ask_choice(prompter)?;
        }
        keep(draft);
        if draft.description.is_none() {
            draft.description =
                prompter.long_text(&self.heading(16), draft.observed.as_deref(), false)?;
        }
        keep(draft);
        if draft.breach_types.is_empty() {
            let items: Vec<String> = BreachType::ALL
                .iter()
                .map(|t| t.label(lang).to_string())
                .collect();
            let chosen = prompter.multi_select(
                self.t("Typ av incident (EDPB)", "Type of breach (EDPB)"),
                &items,
                &[false; 3],
            )?;
            draft.breach_types = chosen.into_iter().map(|i| BreachType::ALL[i]).collect();
        }
        keep(draft);
        if draft.cause.is_none() {
            draft.cause = self.ask_choice(prompter)?;
        }
        keep(draft);
        if draft.how_discovered.is_none() {
            draft.how_discovered = self.ask_choice(prompter)?;
        }
        keep(draft);
        if draft.sector.is_none() {
            draft.sector = self.ask_choice(prompter)?;
        }
        keep(draft);
        if draft.area.is_none() {
            draft.area = self.ask_choice(prompter)?;
        }
        keep(draft);
        if draft.ongoing.is_none() {
            draft.ongoing = self.ask_yes_no(prompter, &self.heading(12))?;
        }
        keep(draft);
        if draft.ongoing == Some(false) && draft.ended.is_none() {
            draft.ended = self.ask_moment(prompter, &self.heading(13), None, false)?;
        }
        keep(draft);
        if draft.subject_groups.is_none() {
            draft.subject_groups = self.ask_selection(prompter)?;
        }
        keep(draft);
        if draft.data_subjects.is_none() {
            draft.data_subjects = self.ask_count(prompter, 23)?;
        }
        keep(draft);
        if draft.records.is_none() {
            draft.records = self.ask_count(prompter, 24)?;
        }
        keep(draft);
        if draft.data_categories.is_none() {
            draft.data_categories = self.ask_selection(prompter)?;
        }
        keep(draft);
        if draft.encrypted.is_none() {
            draft.encrypted = self.ask_yes_no(prompter, &self.heading(27))?;
        }
        keep(draft);
        if draft.consequences.is_none() {
            draft.consequences = self.ask_selection(prompter)?;
        }
        keep(draft);
        if draft.processors_involved.is_none() {
            draft.processors_involved = self.ask_yes_no(prompter, &self.heading(21))?;
            if draft.processors_involved == Some(true) {
                let name_prompt = self.t(
                    "Biträdets namn (tomt när klart)",
                    "The processor's name (empty when done)",
                );
                while let Some(name) = prompter.text(name_prompt, None, false, &|_| Ok(()))? {
                    let org_number = prompter.text(
                        self.t("Organisationsnummer", "Organisation number"),
                        None,
                        false,
                        &|_| Ok(()),
                    )?;
                    draft.processors.push(Party { name, org_number });
                    keep(draft);
                }
            }
        }
        keep(draft);
        if draft.role.is_none() {
            let items = vec![
                self.t(
                    "Personuppgiftsansvarig (anmäler till IMY, art. 33.1)",
                    "Controller (notifies IMY, Art. 33(1))",
                )
                .to_string(),
                self.t(
                    "Personuppgiftsbiträde (underrättar den ansvarige, art. 33.2)",
                    "Processor (notifies the controller, Art. 33(2))",
                )
                .to_string(),
            ];
            let role = prompter.select(
                self.t("Er roll för behandlingen", "Your role for this processing"),
                &items,
                0,
            )?;
            draft.role = Some(if role == 0 {
                Role::Controller
            } else {
                Role::Processor
            });
            if role == 1 && draft.controller.is_none() {
                let name = prompter.text(
                    self.t("Den personuppgiftsansvariges namn", "The controller's name"),
                    None,
                    true,
                    &|_| Ok(()),
                )?;
                draft.controller = name.map(|name| Party {
                    name,
                    org_number: None,
                });
            }
        }
        keep(draft);
        Ok(())
    }

    fn ask_moment(
        &self,
        prompter: &mut dyn Prompter,
        prompt: &str,
        default: Option<&str>,
        required: bool,
    ) -> Result<Option<Moment>> {
        let zone = self.zone;
        let hint = self.t(
            "ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM-DD TT:MM",
            "YYYY-MM-DD or YYYY-MM-DD HH:MM",
        );
        let check = move |text: &str| -> Result<(), String> {
            let (date, time) = parse_date_and_time(text)?;
            match time {
                Some(time) => resolve_local(zone, date, time.naive()).map(|_| ()).map_err(|_| {
                    format!("{text} does not exist in {zone} (the clocks skipped that hour for summer time)")
                }),
                None => Ok(()),
            }
        };
        let Some(answer) =
            prompter.text(&format!("{prompt} [{hint}]"), default, required, &check)?
        else {
            return Ok(None);
        };
        let (date, time): (chrono::NaiveDate, Option<ClockTime>) =
            parse_date_and_time(&answer).map_err(|m| Error::bad_input(prompt.to_string(), m))?;
        let comment = prompter.text(
            self.t("Eventuell kommentar", "Comment, if any"),
            None,
            false,
            &|_| Ok(()),
        )?;
        Ok(Some(Moment {
            date,
            time,
            comment,
        }))
    }

    fn ask_yes_no(&self, prompter: &mut dyn Prompter, prompt: &str) -> Result<Option<bool>> {
        let items = vec![
            self.t("Ja", "Yes").to_string(),
            self.t("Nej", "No").to_string(),
            self.t("Vet inte än", "Not known yet").to_string(),
        ];
        Ok(match prompter.select(prompt, &items, 2)? {
            0 => Some(true),
            1 => Some(false),
            _ => None,
        })
    }

    fn ask_count(&self, prompter: &mut dyn Prompter, number: u8) -> Result<Option<Count>> {
        let prompt = format!(
            "{} [{}]",
            self.heading(number),
            self.t(
                "antal, intervall 1-10, eller 1000+",
                "number, interval 1-10, or 1000+"
            )
        );
        let answer = prompter.text(&prompt, None, false, &|text| Count::parse(text).map(|_| ()))?;
        answer
            .as_deref()
            .map(Count::parse)
            .transpose()
            .map_err(|m| Error::bad_input(prompt, m))
    }

    fn ask_comment(
        &self,
        prompter: &mut dyn Prompter,
        option_label: &str,
    ) -> Result<Option<String>> {
        prompter.text(
            &format!("{option_label}: {}", self.t("kommentar", "comment")),
            None,
            true,
            &|_| Ok(()),
        )
    }

    fn ask_choice<Q: FormQuestion>(
        &self,
        prompter: &mut dyn Prompter,
    ) -> Result<Option<Choice<Q>>> {
        let question = catalogue().question(Q::NUMBER);
        let mut items: Vec<String> = question
            .options
            .iter()
            .map(|o| o.label(self.lang).to_string())
            .collect();
        items.push(self.t("Vet inte än", "Not known yet").to_string());
        let index = prompter.select(&self.heading(Q::NUMBER), &items, items.len() - 1)?;
        let Some(option) = question.options.get(index) else {
            return Ok(None);
        };
        let comment = if option.needs_comment() {
            self.ask_comment(prompter, option.label(self.lang))?
        } else {
            None
        };
        Ok(Some(Choice::new(option.key.clone(), comment)))
    }

    fn ask_selection<Q: FormQuestion>(
        &self,
        prompter: &mut dyn Prompter,
    ) -> Result<Option<Selection<Q>>> {
        let question = catalogue().question(Q::NUMBER);
        let items: Vec<String> = question
            .options
            .iter()
            .map(|o| o.label(self.lang).to_string())
            .collect();
        let prompt = format!(
            "{} ({})",
            self.heading(Q::NUMBER),
            self.t(
                "mellanslag väljer, enter går vidare",
                "space selects, enter goes on"
            )
        );
        let chosen = prompter.multi_select(&prompt, &items, &vec![false; items.len()])?;
        if chosen.is_empty() {
            return Ok(None);
        }
        let keys: Vec<String> = chosen
            .iter()
            .map(|&i| question.options[i].key.clone())
            .collect();
        let comment = match chosen
            .iter()
            .map(|&i| &question.options[i])
            .find(|o| o.needs_comment())
        {
            Some(option) => self.ask_comment(prompter, option.label(self.lang))?,
            None => None,
        };
        Ok(Some(Selection::new(keys, comment)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_counts_the_answers_it_holds() {
        let mut draft = ReportDraft::default();
        assert_eq!(draft.answer_count(), 0);
        draft.title = Some("Fel mottagare".into());
        draft.processors_involved = Some(false);
        assert_eq!(draft.answer_count(), 2);
    }

    #[test]
    fn a_long_answer_is_shortened_to_its_first_line() {
        assert_eq!(shorten("kort", 60), "kort");
        assert_eq!(shorten("första raden\nandra", 60), "första raden");
        assert_eq!(shorten("åäöåäö", 3), "åäö…");
    }
}
