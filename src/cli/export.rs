//! `incident export imy|letter|report|customer|controller <id>`: the texts an incident needs, rendered by pure
//! functions from the register's files; the same files give byte-identical output.

use crate::cli::args::{NoticeArg, incident_id, parse_lang};
use crate::cli::notice_file::{self, NoticeFormat};
use crate::cli::print::{Printed, ReportFormat, deliver};
use crate::cli::{Context, Opened};
use crate::domain::IncidentId;
use crate::domain::documents::Reader;
use crate::domain::model::notification::CustomerNotice;
use crate::domain::model::report::Role;
use crate::domain::notice::NoticeKind;
use crate::domain::obligations::of_incidents;
use crate::domain::{documents, imy};
use crate::error::{Error, Result, exit};

fn notice_kind(notice: CustomerNotice) -> NoticeKind {
    match notice {
        CustomerNotice::Acknowledgement => NoticeKind::Acknowledgement,
        CustomerNotice::Detailed => NoticeKind::Detailed,
        CustomerNotice::Resolution => NoticeKind::Resolution,
    }
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    #[command(subcommand)]
    pub what: ExportWhat,
}

#[derive(Debug, clap::Subcommand)]
pub enum ExportWhat {
    /// The notification to IMY: questions 1–37 with IMY's Swedish headings, ready to paste
    Imy(ImyArgs),
    /// The communication to the data subjects (GDPR Art. 34(2)), in Swedish or English
    Letter(SubjectsLetterArgs),
    /// The incident's full documentation for the register (step G), with the commit it comes from
    Report(ReportArgs),
    /// A notice to an affected customer, under the headings of a vendor's incident template
    Customer(CustomerArgs),
    /// A processor's notice to its controller (GDPR Art. 33(2)), with what the controller needs to notify IMY (Art. 33(3))
    Controller(LetterArgs),
}

#[derive(Debug, clap::Args)]
pub struct CustomerArgs {
    /// The incident id, YYYY-NNNN
    #[arg(value_parser = incident_id)]
    pub id: IncidentId,
    /// Which notice
    #[arg(long, value_enum, default_value = "detailed")]
    pub notice: NoticeArg,
    /// Output format: the text to send, or a JSON file for the customer's own register
    #[arg(long, value_enum, default_value = "text")]
    pub format: NoticeFormat,
    /// Language: sv or en [default: the interface language]
    #[arg(long, value_name = "LANG", value_parser = parse_lang)]
    pub language: Option<crate::domain::Lang>,
    /// The incident as the journal held it at this moment: RFC 3339, or local "YYYY-MM-DD HH:MM" (a date alone: the end of that day)
    #[arg(long, value_name = "TIME")]
    pub as_of: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct LetterArgs {
    /// The incident id, YYYY-NNNN
    #[arg(value_parser = incident_id)]
    pub id: IncidentId,
    /// Output format: the text to send, or a JSON file for the controller's own register
    #[arg(long, value_enum, default_value = "text")]
    pub format: NoticeFormat,
    /// Language of the letter: sv or en [default: the interface language]
    #[arg(long, value_name = "LANG", value_parser = parse_lang)]
    pub language: Option<crate::domain::Lang>,
    /// The incident as the journal held it at this moment: RFC 3339, or local "YYYY-MM-DD HH:MM" (a date alone: the end of that day)
    #[arg(long, value_name = "TIME")]
    pub as_of: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct SubjectsLetterArgs {
    /// The incident id, YYYY-NNNN
    #[arg(value_parser = incident_id)]
    pub id: IncidentId,
    /// Language of the letter: sv or en [default: the interface language]
    #[arg(long, value_name = "LANG", value_parser = parse_lang)]
    pub language: Option<crate::domain::Lang>,
    /// Whom the letter speaks to [default: guardian when the data subject groups include children or pupils]
    #[arg(long, value_enum)]
    pub reader: Option<ReaderArg>,
    /// Write the letter even though the decision recorded is not to inform the data subjects (IMY question 35, GDPR Art. 34(3)); it still warns
    #[arg(long)]
    pub anyway: bool,
    /// The incident as the journal held it at this moment: RFC 3339, or local "YYYY-MM-DD HH:MM" (a date alone: the end of that day)
    #[arg(long, value_name = "TIME")]
    pub as_of: Option<String>,
}

/// Whom the letter to the data subjects speaks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReaderArg {
    /// The data subject ("du")
    DataSubject,
    /// The guardian of a child ("ditt barn")
    Guardian,
}

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// The incident id, YYYY-NNNN
    #[arg(value_parser = incident_id)]
    pub id: IncidentId,
    /// Output format
    #[arg(long, value_enum, default_value = "text")]
    pub format: ReportFormat,
    /// Write the report to this file [default: text and html to stdout, pdf to incident-report-ID.pdf]
    #[arg(long, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
    /// The incident as the journal held it at this moment: RFC 3339, or local "YYYY-MM-DD HH:MM" (a date alone: the end of that day)
    #[arg(long, value_name = "TIME")]
    pub as_of: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Plain text, for pasting into IMY's e-service
    Text,
    Markdown,
    /// JSON keyed by question number
    Json,
}

#[derive(Debug, clap::Args)]
pub struct ImyArgs {
    /// The incident id, YYYY-NNNN
    #[arg(value_parser = incident_id)]
    pub id: IncidentId,
    /// Output format
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Exit 0 even when answers are missing (a first notification within 72 hours, GDPR Art. 33(4))
    #[arg(long)]
    pub draft: bool,
    /// Only what was added or changed since the last filing with IMY (its tag, else its journal entry), each answer with its previous value, and the actions logged since: a supplement (GDPR Art. 33(4))
    #[arg(long, conflicts_with = "as_of")]
    pub supplement: bool,
    /// The incident as the journal held it at this moment: RFC 3339, or local "YYYY-MM-DD HH:MM" (a date alone: the end of that day)
    #[arg(long, value_name = "TIME")]
    pub as_of: Option<String>,
}

pub fn run(context: &Context, args: ExportArgs) -> Result<i32> {
    match args.what {
        ExportWhat::Imy(args) => imy_export(context, args),
        ExportWhat::Letter(args) => letter(context, args),
        ExportWhat::Report(args) => report(context, args),
        ExportWhat::Customer(args) => customer(context, args),
        ExportWhat::Controller(args) => controller(context, args),
    }
}

fn controller(context: &Context, args: LetterArgs) -> Result<i32> {
    let Opened {
        register,
        ui,
        incident,
        ..
    } = context.open_incident_as_of(&args.id, args.as_of.as_deref())?;
    if incident.report.role != Role::Processor {
        return Err(Error::NotProcessor {
            id: incident.report.id.clone(),
        });
    }
    if args.format == NoticeFormat::Json {
        notice_file::export(context, &register, &ui, &incident, NoticeKind::Controller)?;
    } else {
        ui.out(&documents::controller_notice(
            &incident,
            &register.settings,
            args.language.unwrap_or(ui.lang),
        ));
    }
    let recorded = incident
        .notification
        .as_ref()
        .is_some_and(|n| n.controller_notified_at.is_some());
    if !recorded {
        ui.say(&format!(
            "{} `incident contacted controller {}`",
            ui.t(
                "Skicka underrättelsen utan onödigt dröjsmål (GDPR art. 33.2) och registrera den med",
                "Send the notice without undue delay (GDPR Art. 33(2)) and record it with"
            ),
            incident.report.id
        ));
    }
    warn_without_contact_details(&ui, &register.settings);
    Ok(exit::OK)
}

fn customer(context: &Context, args: CustomerArgs) -> Result<i32> {
    let Opened {
        register,
        ui,
        incident,
        ..
    } = context.open_incident_as_of(&args.id, args.as_of.as_deref())?;
    let notice = args.notice.into();
    if let Some(documents::NoticeGap::NotEnded { ongoing }) =
        documents::notice_gap(&incident, notice)
    {
        return Err(Error::ResolutionNotEnded {
            id: incident.report.id.clone(),
            ongoing,
        });
    }
    if args.format == NoticeFormat::Json {
        notice_file::export(context, &register, &ui, &incident, notice_kind(notice))?;
    } else {
        ui.out(&documents::customer_notice(
            &incident,
            &register.settings,
            args.language.unwrap_or(ui.lang),
            notice,
        ));
    }
    ui.say(&format!(
        "{} `incident contacted customer {} --name {} --notice {}`",
        ui.t(
            "Registrera beskedet när det är skickat:",
            "Record the notice once sent:"
        ),
        incident.report.id,
        ui.t("NAMN", "NAME"),
        notice.key()
    ));
    // Whether the id is synced yet is the clone's state now, not the journal's then.
    if register.as_of().is_none() {
        crate::cli::steps::customer_walk::warn_provisional_case_number(&ui, &register, &incident);
    }
    warn_without_contact_details(&ui, &register.settings);
    Ok(exit::OK)
}

fn letter(context: &Context, args: SubjectsLetterArgs) -> Result<i32> {
    let Opened {
        register,
        ui,
        incident,
        ..
    } = context.open_incident_as_of(&args.id, args.as_of.as_deref())?;
    // Informing the data subjects is the controller's duty (GDPR Art. 34(1)): a processor's
    // letter is a draft for its controller to send.
    if incident.report.role == Role::Processor {
        ui.say(ui.t(
            "Obs: ni är personuppgiftsbiträde. Det är den personuppgiftsansvarige som informerar de registrerade (GDPR art. 34.1); brevet är ett underlag till den, och dess dataskyddsombud och kontaktuppgifter fylls i där brevet har en plats för dem.",
            "Note: you are the processor. The controller informs the data subjects (GDPR Art. 34(1)); the letter is a draft for it, and its DPO and contact details go where the letter leaves a place for them.",
        ));
    }
    // Informing the data subjects follows the decision recorded (GDPR Art. 34(1), 34(3);
    // IMY question 35): a letter against it is written only when asked for. A processor's
    // own decision does not decide its controller's informing: no refusal there.
    let decision =
        documents::not_informing(&incident).filter(|_| incident.report.role != Role::Processor);
    if let Some(decision) = decision {
        let refusal = Error::NotInformingDataSubjects {
            id: incident.report.id.clone(),
            decision,
        };
        if !args.anyway {
            return Err(refusal);
        }
        ui.say(&format!(
            "{}: {}",
            ui.t("Obs", "Note"),
            refusal.message(ui.lang)
        ));
    }
    let reader = match args.reader {
        Some(ReaderArg::DataSubject) => Reader::DataSubject,
        Some(ReaderArg::Guardian) => Reader::Guardian,
        None => Reader::of(&incident.report),
    };
    ui.out(&documents::letter(
        &incident,
        &register.settings,
        args.language.unwrap_or(ui.lang),
        reader,
    ));
    ui.say(ui.t(
        "Läs igenom brevet innan det skickas: det återger åtgärdsloggen och ska vara begripligt för mottagaren (GDPR art. 34.2).",
        "Read the letter through before sending it: it quotes the action log and must be clear to its reader (GDPR Art. 34(2)).",
    ));
    // A processor's letter names the controller's contacts, not the processor's own.
    if incident.report.role != Role::Processor {
        warn_without_contact_details(&ui, &register.settings);
    }
    Ok(exit::OK)
}

fn report(context: &Context, args: ReportArgs) -> Result<i32> {
    let Opened {
        register,
        ui,
        id,
        incident,
    } = context.open_incident_as_of(&args.id, args.as_of.as_deref())?;
    let lang = ui.lang;
    let now = context.now_at(&register);
    let (settings, zone) = (&register.settings, register.zone);
    let obligations = of_incidents(std::slice::from_ref(&incident), settings, zone, now)
        .map_err(Error::discovery_not_in_zone)?;
    let head = register.head_id();
    let text = documents::report(
        &incident,
        &register.settings,
        lang,
        head.as_deref(),
        &obligations,
    );
    let (page, form) = match args.format {
        ReportFormat::Text => (text, Printed::Text),
        ReportFormat::Html => (documents::html::report_html(&text, lang), Printed::Html),
        ReportFormat::Pdf => (documents::html::report_html(&text, lang), Printed::Pdf),
    };
    let default_pdf = format!("incident-report-{id}.pdf");
    deliver(&ui, &page, form, args.output.as_deref(), &default_pdf)?;
    if register.is_journaled() && !register.unrecorded_edits(&id)?.is_empty() {
        ui.say(ui.t(
            "Obs: incidenten har handredigeringar som inte är registrerade; rapporten bygger på filerna som de är nu.",
            "Note: the incident has hand edits not yet recorded; the report shows the files as they are now.",
        ));
    }
    Ok(exit::OK)
}

fn imy_export(context: &Context, args: ImyArgs) -> Result<i32> {
    let Opened {
        register,
        ui,
        incident,
        ..
    } = context.open_incident_as_of(&args.id, args.as_of.as_deref())?;
    let ui = ui.with_pager(context.pager.clone());
    // A processor notifies its controller, which notifies IMY (GDPR Art. 33(2)).
    if incident.report.role == Role::Processor {
        return Err(Error::ProcessorNotifiesController {
            id: incident.report.id.clone(),
        });
    }
    let verdict = incident.report.verdict_kind();
    if !verdict.imy_route() {
        return Err(Error::NoImyForm {
            id: incident.report.id.clone(),
            verdict,
        });
    }
    if args.supplement {
        return crate::cli::supplement::export(context, &register, &ui, &incident, args.format);
    }
    let now = context.now_at(&register);
    let form = imy::build(&incident, &register.settings, register.zone, now);
    match args.format {
        Format::Text => ui.out(&imy::render_text(&form)),
        Format::Markdown => ui.out(&imy::render_markdown(&form)),
        Format::Json => ui.json(&imy::render_json(&form)),
    }
    if form.missing.is_empty() {
        ui.say(ui.t("Anmälan är komplett.", "The notification is complete."));
        return Ok(exit::OK);
    }
    ui.say(ui.t(
        "Saknas för en fullständig anmälan:",
        "Missing for a complete notification:",
    ));
    let catalogue = crate::domain::catalogue::catalogue();
    for missing in &form.missing {
        let question = catalogue.question(missing.number);
        let mark = if missing.mandatory { " *" } else { "" };
        ui.say(&format!(
            "  {}. {}{mark}: {}",
            missing.number, question.sv, missing.what
        ));
    }
    if form.within_deadline {
        ui.say(ui.t(
            "Det är normalt att en första anmälan inom 72 timmar saknar uppgifter (GDPR art. 33.4): skicka det som är känt, svara Ja på fråga 36 och komplettera skyndsamt (IMY: inom 4 veckor).",
            "A first notification within 72 hours with facts still missing is normal (GDPR Art. 33(4)): send what is known, answer Ja to question 36, and supplement promptly (IMY: within 4 weeks).",
        ));
    }
    if args.draft {
        Ok(exit::OK)
    } else {
        ui.say(ui.t(
            "(utkast: --draft ger slutkod 0)",
            "(a draft: --draft exits 0)",
        ));
        Ok(exit::INCOMPLETE)
    }
}

/// A text for people outside the organisation names someone to contact with their details
/// (GDPR Art. 33(3)(b), 34(2)): said when the settings give no e-mail or phone to reach.
fn warn_without_contact_details(
    ui: &crate::cli::ui::Ui,
    settings: &crate::domain::model::Settings,
) {
    let reachable = settings
        .dpo
        .iter()
        .chain(settings.contacts.iter())
        .any(|person| person.email.is_some() || person.phone.is_some());
    if !reachable {
        ui.say(ui.t(
            "Obs: texten anger ingen e-post eller telefon att kontakta (GDPR art. 33.3 b, 34.2). Lägg till dem för dataskyddsombudet i incident.toml ([dpo] email, phone) innan den skickas.",
            "Note: the text gives no e-mail or phone to contact (GDPR Art. 33(3)(b), 34(2)). Add them for the DPO in incident.toml ([dpo] email, phone) before it is sent.",
        ));
    }
}
