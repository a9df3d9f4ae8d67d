//! `incident contacted manager|dpo|controller|customer <id>`: record that another party
//! was told: the responsible manager (step A), the data protection officer (step B), the
//! controller when the organisation is the processor (GDPR Art. 33(2)), and a customer
//! with the three notices of a vendor's process (acknowledgement, detailed notice, resolution).

use crate::cli::deadlines::parse_at;
use crate::cli::prompt::{Prompter, TerminalPrompter};
use crate::cli::{Context, Opened};
use crate::domain::model::SCHEMA_VERSION;
use crate::domain::model::notification::{CustomerNotices, Notification};
use crate::domain::model::report::{PersonTold, Role};
use crate::domain::moment::{ClockTime, parse_date_and_time};
use crate::error::{Error, Result};
use crate::store::FileKind;

#[derive(Debug, clap::Args)]
pub struct ContactedArgs {
    #[command(subcommand)]
    pub who: Who,
}

#[derive(Debug, clap::Subcommand)]
pub enum Who {
    /// The responsible manager was told (step A)
    Manager(PersonArgs),
    /// The data protection officer was contacted (step B)
    Dpo(PersonArgs),
    /// The controller was notified, when the organisation is the processor (GDPR Art. 33(2))
    Controller(WhenArgs),
    /// A customer was sent one of the three notices: acknowledgement, detailed, resolution
    Customer(CustomerArgs),
}

#[derive(Debug, Default, clap::Args)]
pub struct PersonArgs {
    /// The incident id, YYYY-NNNN
    pub id: String,
    /// Name or role of the person [default for the DPO: incident.toml's DPO]
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// When: YYYY-MM-DD or "YYYY-MM-DD HH:MM" [default: now]
    #[arg(long, value_name = "DATE[ TIME]")]
    pub at: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct WhenArgs {
    /// The incident id, YYYY-NNNN
    pub id: String,
    /// When: RFC 3339 or local "YYYY-MM-DD HH:MM" [default: now]
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Notice {
    /// Acknowledgement with the case number
    Acknowledgement,
    /// The detailed notice (consequences, extent), promised within 72 hours
    Detailed,
    /// The notice of resolution
    Resolution,
}

#[derive(Debug, clap::Args)]
pub struct CustomerArgs {
    /// The incident id, YYYY-NNNN
    pub id: String,
    /// The customer
    #[arg(long, value_name = "NAME")]
    pub name: String,
    /// Which notice was sent
    #[arg(long, value_enum)]
    pub notice: Notice,
    /// When: RFC 3339 or local "YYYY-MM-DD HH:MM" [default: now]
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,
}

pub fn run(context: &Context, args: ContactedArgs) -> Result<i32> {
    let id_text = match &args.who {
        Who::Manager(a) | Who::Dpo(a) => a.id.clone(),
        Who::Controller(a) => a.id.clone(),
        Who::Customer(a) => a.id.clone(),
    };
    let Opened {
        mut register,
        ui,
        id,
        incident,
    } = context.open_incident_to_change(&id_text)?;
    let lang = ui.lang;
    register.require_journal()?;
    let stamp = context.stamp(Some(&register))?;
    context.before_prompting(&register, Some(&id))?;
    let now = context.now_in(Some(&register));
    let empty = || Notification {
        schema_version: SCHEMA_VERSION,
        imy: None,
        data_subjects: None,
        controller_notified_at: None,
        customers: Vec::new(),
        nis2: None,
    };
    let (kind, text, subject, step) = match args.who {
        Who::Manager(person) => {
            let told = person_told(
                context,
                (
                    "Den ansvariga chefens namn",
                    "The responsible manager's name",
                ),
                &person,
                None,
                now,
                lang,
            )?;
            let mut report = incident.report.clone();
            let subject = format!(
                "manager told{}",
                told.name
                    .as_ref()
                    .map(|n| format!(" ({n})"))
                    .unwrap_or_default()
            );
            report.manager_informed = Some(told);
            (
                FileKind::Report,
                super::render_incident_file(&id, FileKind::Report, &report)?,
                subject,
                "A",
            )
        }
        Who::Dpo(person) => {
            let default = register.settings.dpo.as_ref().map(|d| d.name.clone());
            let told = person_told(
                context,
                (
                    "Dataskyddsombudets namn",
                    "The data protection officer's name",
                ),
                &person,
                default,
                now,
                lang,
            )?;
            let mut report = incident.report.clone();
            let subject = format!(
                "DPO contacted{}",
                told.name
                    .as_ref()
                    .map(|n| format!(" ({n})"))
                    .unwrap_or_default()
            );
            report.dpo_contacted = Some(told);
            (
                FileKind::Report,
                super::render_incident_file(&id, FileKind::Report, &report)?,
                subject,
                "B",
            )
        }
        Who::Controller(when) => {
            if incident.report.role != Role::Processor {
                return Err(Error::Refused {
                    message: format!(
                        "{id} is recorded with the organisation as controller; a controller notifies IMY, a processor its controller (GDPR Art. 33(2))\n  hint: set `role: processor` and `controller:` in report.yaml if you are the processor"
                    ),
                });
            }
            let at = match &when.at {
                Some(text) => parse_at(text, register.zone)?.fixed_offset(),
                None => now,
            };
            let mut notification = incident.notification.clone().unwrap_or_else(empty);
            notification.controller_notified_at = Some(at);
            let name = incident
                .report
                .controller
                .as_ref()
                .map(|c| c.name.clone())
                .unwrap_or_else(|| "the controller".into());
            (
                FileKind::Notification,
                super::render_incident_file(&id, FileKind::Notification, &notification)?,
                format!("controller notified ({name})"),
                "F",
            )
        }
        Who::Customer(customer) => {
            let at = match &customer.at {
                Some(text) => parse_at(text, register.zone)?.fixed_offset(),
                None => now,
            };
            let mut notification = incident.notification.clone().unwrap_or_else(empty);
            let position = notification
                .customers
                .iter()
                .position(|c| c.name == customer.name);
            let entry = match position {
                Some(index) => &mut notification.customers[index],
                None => {
                    notification.customers.push(CustomerNotices {
                        name: customer.name.clone(),
                        acknowledged_at: None,
                        detailed_notice_at: None,
                        resolution_at: None,
                    });
                    notification.customers.last_mut().expect("just pushed")
                }
            };
            let what = match customer.notice {
                Notice::Acknowledgement => {
                    entry.acknowledged_at = Some(at);
                    "acknowledgement"
                }
                Notice::Detailed => {
                    entry.detailed_notice_at = Some(at);
                    "detailed notice"
                }
                Notice::Resolution => {
                    entry.resolution_at = Some(at);
                    "resolution notice"
                }
            };
            let subject = format!("{what} sent to customer {}", customer.name);
            (
                FileKind::Notification,
                super::render_incident_file(&id, FileKind::Notification, &notification)?,
                subject,
                "F",
            )
        }
    };
    super::warn_if_comments_lost(&register, &ui, &id, kind);
    super::commit_incident(
        &mut register,
        &ui,
        &stamp,
        &id,
        vec![(kind, Some(text))],
        super::Entry {
            subject,
            body: None,
            steps: &[step],
            trailers: Vec::new(),
        },
    )?;
    Ok(0)
}

/// Who was told and when: from the flags, else asked at a terminal, else now.
fn person_told(
    context: &Context,
    prompt: (&str, &str),
    person: &PersonArgs,
    default_name: Option<String>,
    now: chrono::DateTime<chrono::FixedOffset>,
    lang: crate::domain::Lang,
) -> Result<PersonTold> {
    let mut name = person.name.clone();
    let mut at = person.at.clone();
    if context.interactive {
        let mut prompter = TerminalPrompter::new(lang);
        if name.is_none() {
            name = prompter.text(
                lang.pick(prompt.0, prompt.1),
                default_name.as_deref(),
                false,
                &|_| Ok(()),
            )?;
        }
        if at.is_none() {
            let today = now.format("%Y-%m-%d %H:%M").to_string();
            at = prompter.text(
                lang.pick("När? [ÅÅÅÅ-MM-DD TT:MM]", "When? [YYYY-MM-DD HH:MM]"),
                Some(&today),
                true,
                &|text| parse_date_and_time(text).map(|_| ()),
            )?;
        }
    }
    let name = name.or(default_name);
    let (date, time) = match at {
        Some(text) => parse_date_and_time(&text).map_err(|m| Error::bad_input("--at", m))?,
        None => (
            now.date_naive(),
            ClockTime::new(chrono::Timelike::hour(&now), chrono::Timelike::minute(&now)),
        ),
    };
    Ok(PersonTold { name, date, time })
}
