//! NIS2 (Directive (EU) 2022/2555 Art. 23; cybersäkerhetslagen (2025:1506)): recording the
//! reports sent to the CSIRT, and its requests for intermediate reports. Writes
//! notification.yaml, one commit each.

use chrono::{DateTime, FixedOffset};

use super::contact::empty_notification;
use crate::cli::args::{incident_id, parse_at, parse_sent_at};
use crate::cli::times::vouch;
use crate::cli::{Context, ui::Ui};
use crate::domain::IncidentId;
use crate::domain::event::Event;
use crate::domain::input::InputError;
use crate::domain::model::regimes::CsirtRequest;
use crate::domain::plausibility::{Facts, Recorded, When};
use crate::domain::steps::Step;
use crate::error::{Error, RegimeRefusal, Result};
use crate::store::{Entry, Register};

/// The key of NIS2 in incident.toml's `regimes` and report.yaml's `classifications`.
pub(super) const NIS2: &str = "nis2";

/// A report to the CSIRT (NIS2 Art. 23(4)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Nis2Report {
    /// (a) The early warning, within 24 hours of becoming aware
    EarlyWarning,
    /// (b) The incident notification, within 72 hours of becoming aware
    Notification,
    /// (c) An intermediate report the CSIRT asked for: the request (--requested-at, --due) and/or its answer (--at)
    Intermediate,
    /// (d) The final report, one month after the notification
    Final,
    /// (e) The progress report, when the incident still goes on at the final report's deadline
    Progress,
}

/// `incident notified nis2`: a report sent to the CSIRT.
#[derive(Debug, clap::Args)]
pub struct Nis2ReportArgs {
    /// The incident id, YYYY-NNNN
    #[arg(value_parser = incident_id)]
    pub id: IncidentId,
    /// Which report
    #[arg(long, value_enum)]
    pub report: Nis2Report,
    /// When it was sent: RFC 3339 or local "YYYY-MM-DD HH:MM" [default: now; for an intermediate report given with --requested-at, not yet sent]
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,
    /// An intermediate report: when the CSIRT asked for it
    #[arg(long, value_name = "TIME", requires = "due")]
    pub requested_at: Option<String>,
    /// An intermediate report: by when the CSIRT asked for it
    #[arg(long, value_name = "TIME", requires = "requested_at")]
    pub due: Option<String>,
}

/// An instant given as `--at` for something sent, else now in the register's zone.
/// The time a report was sent (now when not given), refused before the discovery and
/// asked about more than a day ahead (`vouch`).
pub(super) fn sent(
    context: &Context,
    register: &Register,
    facts: &Facts,
    what: Recorded,
    text: Option<&str>,
) -> Result<DateTime<FixedOffset>> {
    let at = match text {
        Some(text) => parse_sent_at(text, register.zone)?.fixed_offset(),
        None => context.now_in(Some(register)),
    };
    vouch(context, register, facts, what, "--at", &When::Instant(at))?;
    Ok(at)
}

/// Records a report sent to the CSIRT, or (intermediate) the CSIRT's request for one.
pub fn report(context: &Context, register: &Register, ui: &Ui, args: Nis2ReportArgs) -> Result<()> {
    let id = &args.id;
    if args.report != Nis2Report::Intermediate && args.requested_at.is_some() {
        return Err(Error::bad_input(
            "--requested-at",
            InputError::RequestNotIntermediate,
        ));
    }
    let mut change = context.start_change(register, id)?;
    let incident = change.incident();
    super::regime::require_in(register, incident, NIS2)?;
    let facts = Facts::of(incident);
    let mut notification = incident
        .notification
        .clone()
        .unwrap_or_else(empty_notification);
    let mut nis2 = notification.nis2.take().unwrap_or_default();
    let (event, at) = match args.report {
        Nis2Report::Intermediate => {
            if let (Some(requested), Some(due)) = (&args.requested_at, &args.due) {
                let requested_at = parse_at(requested, register.zone)?.fixed_offset();
                vouch(
                    context,
                    register,
                    &facts,
                    Recorded::Nis2Report,
                    "--requested-at",
                    &When::Instant(requested_at),
                )?;
                let due = parse_at(due, register.zone)?.fixed_offset();
                // The CSIRT's deadline comes after its request (NIS2 Art. 23(4)(c)).
                if due < requested_at {
                    return Err(Error::bad_input(
                        "--due",
                        InputError::DueBeforeRequest {
                            due: due.format("%Y-%m-%d %H:%M").to_string(),
                            requested: requested_at.format("%Y-%m-%d %H:%M").to_string(),
                        },
                    ));
                }
                nis2.intermediate.push(CsirtRequest {
                    requested_at,
                    due,
                    answered_at: None,
                });
            }
            let answer = match (&args.requested_at, &args.at) {
                (Some(_), None) => None,
                (_, at) => Some(sent(
                    context,
                    register,
                    &facts,
                    Recorded::Nis2Report,
                    at.as_deref(),
                )?),
            };
            let number = nis2.intermediate.len();
            match answer {
                None => (Event::CsirtRequest { number }, None),
                Some(at) => {
                    // The request given with it, else the oldest one still open.
                    let open = match &args.requested_at {
                        Some(_) => nis2.intermediate.len().checked_sub(1),
                        None => nis2
                            .intermediate
                            .iter()
                            .position(|r| r.answered_at.is_none()),
                    };
                    let Some((index, open)) =
                        open.and_then(|i| nis2.intermediate.get_mut(i).map(|r| (i, r)))
                    else {
                        return Err(Error::Regime {
                            id: id.clone(),
                            refusal: RegimeRefusal::NoOpenRequest,
                        });
                    };
                    open.answered_at = Some(at);
                    (Event::CsirtReportSent { number: index + 1 }, Some(at))
                }
            }
        }
        kind => {
            let at = sent(
                context,
                register,
                &facts,
                Recorded::Nis2Report,
                args.at.as_deref(),
            )?;
            let (slot, report) = match kind {
                Nis2Report::EarlyWarning => (&mut nis2.early_warning_at, "early_warning"),
                Nis2Report::Notification => (&mut nis2.notification_at, "notification"),
                Nis2Report::Final => (&mut nis2.final_report_at, "final_report"),
                _ => (&mut nis2.progress_report_at, "progress_report"),
            };
            *slot = Some(at);
            let event = Event::RegimeReportSent {
                regime: NIS2.to_string(),
                report: report.to_string(),
                to_csirt: true,
            };
            (event, Some(at))
        }
    };
    let requests = nis2.intermediate.clone();
    notification.nis2 = Some(nis2);
    change.set_notification(notification);
    // The body in the register's language, as the subject.
    let journal = register.settings.register.language;
    let mut entry = Entry::new(event, &[Step::F]).with_trailer("Regime", NIS2);
    let when = |t: DateTime<FixedOffset>| t.format("%Y-%m-%d %H:%M %:z").to_string();
    if let Some(at) = at {
        entry = entry.with_body(format!("{} {}.", journal.pick("Skickad", "Sent"), when(at)));
    } else if let Some(request) = requests.last() {
        entry = entry.with_body(format!(
            "{} {}, {} {}.",
            journal.pick("Begärd", "Requested"),
            when(request.requested_at),
            journal.pick("senast", "due"),
            when(request.due)
        ));
    }
    ui.outcome(&change.finish(entry)?);
    Ok(())
}
