//! `incident notified imy|supplement|subjects <id>`: record what was sent (step F): the
//! notification to IMY with its case number, each supplement, and the information to the
//! data subjects (or why they are not informed). Writes notification.yaml, one commit each.

use chrono::{DateTime, FixedOffset};

use crate::cli::deadlines::parse_at;
use crate::cli::new::parse_yes_no;
use crate::cli::prompt::{Prompter, TerminalPrompter};
use crate::cli::{Context, Opened};
use crate::domain::model::SCHEMA_VERSION;
use crate::domain::model::Selection;
use crate::domain::model::notification::{
    DataSubjectsInformation, ImyNotification, Notification, Supplement,
};
use crate::domain::obligations::add_hours;
use crate::domain::rules::check_option_key;
use crate::error::{Error, Result};
use crate::store::FileKind;
use crate::store::Register;

#[derive(Debug, clap::Args)]
pub struct NotifiedArgs {
    #[command(subcommand)]
    pub what: NotifiedWhat,
}

#[derive(Debug, clap::Subcommand)]
pub enum NotifiedWhat {
    /// Record that the notification was submitted to IMY (GDPR Art. 33)
    Imy(ImyArgs),
    /// Record a supplement (komplettering) sent to IMY
    Supplement(SupplementArgs),
    /// Record that the data subjects were informed, will be, or why not (GDPR Art. 34; IMY 31–35)
    Subjects(SubjectsArgs),
}

#[derive(Debug, clap::Args)]
pub struct ImyArgs {
    /// The incident id, YYYY-NNNN
    pub id: String,
    /// When it was submitted: RFC 3339 or local "YYYY-MM-DD HH:MM" [default: now]
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,
    /// IMY's case number, e.g. IMY-2026-1234
    #[arg(long, value_name = "NUMBER")]
    pub case_number: Option<String>,
    /// A supplement is announced (IMY question 36), yes or no
    #[arg(long, value_name = "YES|NO", value_parser = parse_yes_no)]
    pub supplement_planned: Option<bool>,
    /// Why the notification comes later than 72 hours after discovery (GDPR Art. 33(1); IMY question 14)
    #[arg(long, value_name = "TEXT")]
    pub late_reason: Option<String>,
    /// What should be secret and why (IMY question 37)
    #[arg(long, value_name = "TEXT")]
    pub secrecy: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct SupplementArgs {
    /// The incident id, YYYY-NNNN
    pub id: String,
    /// When it was sent [default: now]
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,
    /// What it added
    #[arg(long, value_name = "TEXT")]
    pub summary: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct SubjectsArgs {
    /// The incident id, YYYY-NNNN
    pub id: String,
    /// They were informed at this time (IMY questions 31–32)
    #[arg(long, value_name = "TIME", conflicts_with_all = ["will_inform_on", "not_informing"])]
    pub informed_at: Option<String>,
    /// How: letter, e-mail, public notice (GDPR Art. 34(3)(c))...
    #[arg(long, value_name = "TEXT", conflicts_with = "not_informing")]
    pub how: Option<String>,
    /// They will be informed, on this date or as described (IMY questions 33–34)
    #[arg(long, value_name = "WHEN", conflicts_with = "not_informing")]
    pub will_inform_on: Option<String>,
    /// They will not be informed: option keys of IMY question 35 (no_high_risk, unintelligible,
    /// risk_removed, public_communication), comma-separated
    #[arg(long, value_name = "KEYS", value_delimiter = ',')]
    pub not_informing: Vec<String>,
}

pub fn run(context: &Context, args: NotifiedArgs) -> Result<i32> {
    match args.what {
        NotifiedWhat::Imy(args) => imy(context, args),
        NotifiedWhat::Supplement(args) => supplement(context, args),
        NotifiedWhat::Subjects(args) => subjects(context, args),
    }
}

fn open(context: &Context, id: &str) -> Result<Opened> {
    let opened = context.open_incident_to_change(id)?;
    opened.register.require_journal()?;
    context.before_prompting(&opened.register, Some(&opened.id))?;
    Ok(opened)
}

fn instant(
    context: &Context,
    register: &Register,
    text: Option<&str>,
) -> Result<DateTime<FixedOffset>> {
    match text {
        Some(text) => Ok(parse_at(text, register.zone)?.fixed_offset()),
        None => Ok(context.now_in(Some(register))),
    }
}

fn empty_notification() -> Notification {
    Notification {
        schema_version: SCHEMA_VERSION,
        imy: None,
        data_subjects: None,
        controller_notified_at: None,
        customers: Vec::new(),
        nis2: None,
    }
}

fn save(
    context: &Context,
    open: &mut Opened,
    notification: Notification,
    subject: String,
    body: Option<String>,
) -> Result<i32> {
    let stamp = context.stamp(Some(&open.register))?;
    let text = super::render_incident_file(&open.id, FileKind::Notification, &notification)?;
    super::warn_if_comments_lost(&open.register, &open.ui, &open.id, FileKind::Notification);
    super::commit_incident(
        &mut open.register,
        &open.ui,
        &stamp,
        &open.id,
        vec![(FileKind::Notification, Some(text))],
        super::Entry {
            subject,
            body,
            steps: &["F"],
            trailers: Vec::new(),
        },
    )?;
    Ok(0)
}

fn imy(context: &Context, args: ImyArgs) -> Result<i32> {
    let mut open = open(context, &args.id)?;
    let mut notification = open
        .incident
        .notification
        .clone()
        .unwrap_or_else(empty_notification);
    let previous = notification.imy.clone();
    // Adding a case number later keeps the recorded submission time.
    let submitted = match (
        args.at.as_deref(),
        previous.as_ref().and_then(|p| p.submitted_at),
    ) {
        (None, Some(recorded)) => recorded,
        (at, _) => instant(context, &open.register, at)?,
    };
    let mut late_reason = args
        .late_reason
        .or(previous.as_ref().and_then(|p| p.late_reason.clone()));
    let zone = open.register.zone;
    let aware = open
        .incident
        .report
        .discovered
        .earliest_instant(zone)
        .map_err(|_| {
            Error::bad_input(
                "report.yaml discovered",
                "the discovery time does not exist in the register's timezone",
            )
        })?;
    let due = add_hours(aware, open.register.settings.deadlines.notify_imy_hours);
    if submitted > due && late_reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
        let when = due.format("%Y-%m-%d %H:%M %:z");
        if context.interactive {
            let prompt = format!(
                "{} {when} (GDPR art. 33.1). {}",
                open.ui.t(
                    "Anmälan kommer efter fristen",
                    "The notification comes after the deadline"
                ),
                open.ui.t(
                    "Beskriv varför (IMY fråga 14)",
                    "Describe why (IMY question 14)"
                )
            );
            late_reason = TerminalPrompter::new(open.ui.lang).long_text(&prompt, None, true)?;
        } else {
            return Err(Error::MissingAnswers {
                command: format!("notified imy {}", open.id),
                missing: vec![(
                    "--late-reason TEXT".into(),
                    format!(
                        "the notification comes after the deadline {when}: the reasons for the delay (GDPR Art. 33(1); IMY question 14)"
                    ),
                )],
                from_file: false,
            });
        }
    }
    let imy = ImyNotification {
        submitted_at: Some(submitted),
        case_number: args
            .case_number
            .or(previous.as_ref().and_then(|p| p.case_number.clone())),
        late_reason,
        supplement_planned: args
            .supplement_planned
            .or(previous.as_ref().and_then(|p| p.supplement_planned)),
        supplements: previous
            .as_ref()
            .map(|p| p.supplements.clone())
            .unwrap_or_default(),
        secrecy: args
            .secrecy
            .or(previous.as_ref().and_then(|p| p.secrecy.clone())),
    };
    let subject = match &imy.case_number {
        Some(number) => format!("IMY notified ({number})"),
        None => "IMY notified".to_string(),
    };
    let late = if submitted > due {
        " after the 72-hour deadline"
    } else {
        ""
    };
    let body = Some(format!(
        "Submitted {}{late}.",
        submitted.format("%Y-%m-%d %H:%M %:z")
    ));
    notification.imy = Some(imy);
    save(context, &mut open, notification, subject, body)
}

fn supplement(context: &Context, args: SupplementArgs) -> Result<i32> {
    let mut open = open(context, &args.id)?;
    let mut notification = open
        .incident
        .notification
        .clone()
        .unwrap_or_else(empty_notification);
    let Some(imy) = notification
        .imy
        .as_mut()
        .filter(|i| i.submitted_at.is_some())
    else {
        return Err(Error::Refused {
            message: format!(
                "{} has no notification to IMY recorded to supplement\n  hint: `incident notified imy {}` first",
                open.id, open.id
            ),
        });
    };
    let summary = match args.summary {
        Some(summary) => summary,
        None if context.interactive => TerminalPrompter::new(open.ui.lang)
            .long_text(
                open.ui.t(
                    "Vad tillförde kompletteringen?",
                    "What did the supplement add?",
                ),
                None,
                true,
            )?
            .unwrap_or_default(),
        None => {
            return Err(Error::MissingAnswers {
                command: format!("notified supplement {}", open.id),
                missing: vec![("--summary TEXT".into(), "what the supplement added".into())],
                from_file: false,
            });
        }
    };
    let submitted_at = instant(context, &open.register, args.at.as_deref())?;
    imy.supplements.push(Supplement {
        submitted_at,
        summary: summary.clone(),
    });
    let count = imy.supplements.len();
    save(
        context,
        &mut open,
        notification,
        format!("supplement {count} sent to IMY"),
        Some(summary),
    )
}

fn subjects(context: &Context, args: SubjectsArgs) -> Result<i32> {
    let mut open = open(context, &args.id)?;
    let mut notification = open
        .incident
        .notification
        .clone()
        .unwrap_or_else(empty_notification);
    let (information, subject) = if let Some(at) = &args.informed_at {
        let informed_at = instant(context, &open.register, Some(at))?;
        (
            DataSubjectsInformation {
                informed: true,
                informed_at: Some(informed_at),
                how: args.how.clone(),
                will_inform: None,
                will_inform_on: None,
                reasons_not_to_inform: None,
            },
            "data subjects informed".to_string(),
        )
    } else if let Some(when) = &args.will_inform_on {
        (
            DataSubjectsInformation {
                informed: false,
                informed_at: None,
                how: args.how.clone(),
                will_inform: Some(true),
                will_inform_on: Some(when.clone()),
                reasons_not_to_inform: None,
            },
            format!("data subjects will be informed ({when})"),
        )
    } else if !args.not_informing.is_empty() {
        for key in &args.not_informing {
            check_option_key(35, key)
                .map_err(|message| Error::bad_input("--not-informing", message))?;
        }
        (
            DataSubjectsInformation {
                informed: false,
                informed_at: None,
                how: None,
                will_inform: Some(false),
                will_inform_on: None,
                reasons_not_to_inform: Some(Selection::new(args.not_informing.clone(), None)),
            },
            format!(
                "data subjects not informed ({})",
                args.not_informing.join(", ")
            ),
        )
    } else {
        return Err(Error::MissingAnswers {
            command: format!("notified subjects {}", open.id),
            missing: vec![
                (
                    "--informed-at TIME [--how TEXT]".into(),
                    "they were informed".into(),
                ),
                (
                    "--will-inform-on WHEN".into(),
                    "or: they will be informed".into(),
                ),
                (
                    "--not-informing KEYS".into(),
                    "or: why not (IMY question 35; GDPR Art. 34(3))".into(),
                ),
            ],
            from_file: false,
        });
    };
    notification.data_subjects = Some(information);
    save(context, &mut open, notification, subject, None)
}
