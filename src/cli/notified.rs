//! `incident notified imy|supplement|subjects|public <id>`: record what was sent (step F):
//! the notification to IMY with its case number, each supplement, the information to the
//! data subjects (or why they are not informed), and the public communication of GDPR
//! Art. 34(3)(c). Writes notification.yaml, one commit each.

use crate::cli::Context;
use crate::cli::args::{incident_id, parse_yes_no};
use crate::cli::prompt::TerminalPrompter;
use crate::cli::steps::notify::{self, ImySubmitted, PublicInformed, SubjectsTold, SupplementSent};
use crate::cli::steps::notify_walk::ask_subjects;
use crate::cli::steps::{nis2, regime};
use crate::domain::IncidentId;
use crate::error::Result;

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
    /// Record a report to the CSIRT of a significant incident under NIS2 (Art. 23(4); cybersäkerhetslagen 2025:1506)
    Nis2(nis2::Nis2ReportArgs),
    /// Record a report sent under another regime the register follows (DORA, CERT-SE)
    Regime(regime::RegimeReportArgs),
    /// Record that the public was informed instead of each data subject, when that would take
    /// disproportionate effort (GDPR Art. 34(3)(c))
    Public(PublicArgs),
}

#[derive(Debug, clap::Args)]
pub struct ImyArgs {
    /// The incident id, YYYY-NNNN
    #[arg(value_parser = incident_id)]
    pub id: IncidentId,
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
    #[arg(value_parser = incident_id)]
    pub id: IncidentId,
    /// When it was sent [default: now]
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,
    /// What it added [default: the list of `export imy --supplement`, offered at a terminal]
    #[arg(long, value_name = "TEXT")]
    pub summary: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct SubjectsArgs {
    /// The incident id, YYYY-NNNN
    #[arg(value_parser = incident_id)]
    pub id: IncidentId,
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

#[derive(Debug, clap::Args)]
pub struct PublicArgs {
    /// The incident id, YYYY-NNNN
    #[arg(value_parser = incident_id)]
    pub id: IncidentId,
    /// When the public was informed: RFC 3339 or local "YYYY-MM-DD HH:MM" [default: now]
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,
    /// How and where: a notice on the website's front page, a press release, ...
    #[arg(long, value_name = "TEXT")]
    pub how: Option<String>,
}

pub fn run(context: &Context, args: NotifiedArgs) -> Result<i32> {
    let register = context.open_register()?;
    let ui = context.ui(&register);
    match args.what {
        NotifiedWhat::Imy(args) => {
            let submitted = ImySubmitted {
                at: args.at,
                case_number: args.case_number,
                supplement_planned: args.supplement_planned,
                late_reason: args.late_reason,
                secrecy: args.secrecy,
            };
            notify::imy(context, &register, &ui, &args.id, submitted)?;
        }
        NotifiedWhat::Supplement(args) => {
            let sent = SupplementSent {
                at: args.at,
                summary: args.summary,
            };
            notify::supplement(context, &register, &ui, &args.id, sent)?;
        }
        NotifiedWhat::Subjects(args) => {
            let mut told = SubjectsTold {
                informed_at: args.informed_at,
                how: args.how,
                will_inform_on: args.will_inform_on,
                not_informing: args.not_informing,
            };
            let nothing_given = told.informed_at.is_none()
                && told.will_inform_on.is_none()
                && told.not_informing.is_empty();
            // At a terminal, what is missing is asked, as the other commands do.
            if nothing_given && context.interactive {
                register.require(&args.id)?;
                let incident = register.load(&args.id)?;
                let mut prompter = TerminalPrompter::new(ui.lang);
                let settings = &register.settings;
                match ask_subjects(context, &ui, &mut prompter, &incident, settings)? {
                    Some(mut asked) => {
                        asked.how = asked.how.or(told.how);
                        told = asked;
                    }
                    None => {
                        ui.say(&format!(
                            "{} `incident notified subjects {}`",
                            ui.t(
                                "Inget registrerades. När det finns ett svar:",
                                "Nothing was recorded. Once there is an answer:"
                            ),
                            args.id
                        ));
                        return Ok(0);
                    }
                }
            }
            notify::subjects(context, &register, &ui, &args.id, told)?;
        }
        NotifiedWhat::Nis2(args) => nis2::report(context, &register, &ui, args)?,
        NotifiedWhat::Regime(args) => {
            let what = (args.regime.trim(), args.report.trim());
            regime::report(context, &register, &ui, &args.id, what, args.at.as_deref())?;
        }
        NotifiedWhat::Public(args) => {
            let informed = PublicInformed {
                at: args.at,
                how: args.how,
            };
            notify::public(context, &register, &ui, &args.id, informed)?;
        }
    }
    Ok(0)
}
