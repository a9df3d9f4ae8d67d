//! The regimes beside the GDPR (catalogue/regimes.toml: NIS2, DORA, CERT-SE): classifying
//! an incident into a regime or out of it, at any time, with who, when and why; and
//! recording a report sent under a regime. Writes report.yaml or notification.yaml.

use super::contact::empty_notification;
use super::nis2::{NIS2, sent};
use crate::cli::args::parse_at;
use crate::cli::prompt::{Prompter, TerminalPrompter};
use crate::cli::times::vouch;
use crate::cli::{Context, ui::Ui};
use crate::domain::IncidentId;
use crate::domain::event::Event;
use crate::domain::incident::Incident;
use crate::domain::input::InputError;
use crate::domain::model::regimes::Classification;
use crate::domain::plausibility::{Facts, Recorded, When};
use crate::domain::regimes::{Anchor, Regime, regimes};
use crate::domain::steps::Step;
use crate::error::{Error, RegimeRefusal, Result};
use crate::store::{Entry, Register};

/// `incident notified regime`: a report sent under a regime beside the GDPR.
#[derive(Debug, clap::Args)]
pub struct RegimeReportArgs {
    /// The incident id, YYYY-NNNN
    #[arg(value_parser = crate::cli::args::incident_id)]
    pub id: IncidentId,
    /// The regime: dora, cert_se, nis2
    pub regime: String,
    /// The report, as the regime names it (dora: initial_notification, intermediate_report, final_report; cert_se: first_report, final_report)
    #[arg(long, value_name = "KEY")]
    pub report: String,
    /// When it was sent: RFC 3339 or local "YYYY-MM-DD HH:MM" [default: now]
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,
}

/// The regime `key` names, known to the tool and followed by the register.
fn followed(
    register: &Register,
    id: &IncidentId,
    key: &str,
    flag: &str,
) -> Result<&'static Regime> {
    let known = regimes().keys();
    let Some(regime) = regimes().get(key) else {
        return Err(Error::bad_input(
            flag,
            InputError::UnknownRegime {
                key: key.to_string(),
                known: known[1..].iter().map(ToString::to_string).collect(),
            },
        ));
    };
    if !register.settings.regimes.contains(&regime.key) {
        return Err(Error::Regime {
            id: id.clone(),
            refusal: RegimeRefusal::NotChosen {
                regime: regime.key.clone(),
            },
        });
    }
    Ok(regime)
}

/// Refuses a report of an incident that is not in the regime (`key`).
pub(super) fn require_in(register: &Register, incident: &Incident, key: &str) -> Result<()> {
    let regime = followed(register, &incident.report.id, key, "--regime")?;
    let in_regime = crate::domain::obligations::is_in(regime, incident);
    if in_regime {
        return Ok(());
    }
    Err(Error::Regime {
        id: incident.report.id.clone(),
        refusal: if key == NIS2 {
            RegimeRefusal::NotSignificant
        } else {
            RegimeRefusal::NotInRegime {
                regime: key.to_string(),
            }
        },
    })
}

/// A classification as typed: in the regime or not, why, and when.
pub struct Classifying {
    pub regime: String,
    pub applies: bool,
    pub reason: Option<String>,
    pub at: Option<String>,
}

/// Classifies `id` into a regime or out of it, with the reason. For NIS2 (a significant
/// incident, Art. 23(3)) report.yaml's `nis2_significant` follows.
pub fn classify(
    context: &Context,
    register: &Register,
    ui: &Ui,
    id: &IncidentId,
    classifying: Classifying,
) -> Result<()> {
    let regime = followed(register, id, &classifying.regime, "REGIME")?;
    let key = regime.key.as_str();
    let reason = match classifying.reason.filter(|r| !r.trim().is_empty()) {
        Some(reason) => reason,
        None if context.interactive => TerminalPrompter::new(ui.lang)
            .long_text(
                &format!("{} ({})", ui.t("Varför?", "Why?"), regime.name(ui.lang)),
                None,
                true,
            )?
            .unwrap_or_default(),
        None => {
            let command = if key == NIS2 {
                format!("nis2 {id}")
            } else {
                format!("regime {id} {key}")
            };
            return Err(Error::MissingAnswers {
                command,
                missing: vec![(
                    "--reason TEXT".into(),
                    format!(
                        "{} {}",
                        ui.t(
                            "varför incidenten omfattas, eller inte omfattas, av",
                            "why the incident is, or is not, in"
                        ),
                        regime.name(ui.lang)
                    ),
                )],
                from_file: false,
            });
        }
    };
    let at = match classifying.at {
        Some(text) => parse_at(&text, register.zone)?.fixed_offset(),
        None => context.now_in(Some(register)),
    };
    let applies = classifying.applies;
    let mut change = context.start_change(register, id)?;
    // A classification presupposes the discovery; one ahead of now is asked about.
    vouch(
        context,
        register,
        &Facts::of(change.incident()),
        Recorded::Classified,
        "--at",
        &When::Instant(at),
    )?;
    let by = change.stamp().author.name.clone();
    let mut report = change.incident().report.clone();
    if key == NIS2 {
        report.nis2_significant = Some(applies);
    }
    report.classifications.insert(
        key.to_string(),
        Classification {
            applies,
            at,
            by,
            reason: reason.clone(),
        },
    );
    change.set_report(report);
    let event = Event::Classified {
        regime: key.to_string(),
        applies,
    };
    let entry = Entry::new(event, &[Step::C])
        .with_body(reason)
        .with_trailer("Regime", key);
    ui.outcome(&change.finish(entry)?);
    Ok(())
}

/// Records that a report under a regime was sent.
pub fn report(
    context: &Context,
    register: &Register,
    ui: &Ui,
    id: &IncidentId,
    (regime_key, report_key): (&str, &str),
    at: Option<&str>,
) -> Result<()> {
    let regime = followed(register, id, regime_key, "REGIME")?;
    let Some(report) = regime
        .report(report_key)
        .filter(|r| r.from != Anchor::Request)
    else {
        let keys: Vec<String> = regime
            .reports
            .iter()
            .filter(|r| r.from != Anchor::Request)
            .map(|r| r.key.clone())
            .collect();
        return Err(Error::bad_input(
            "--report",
            InputError::UnknownRegimeReport {
                key: report_key.to_string(),
                known: keys,
            },
        ));
    };
    let mut change = context.start_change(register, id)?;
    let incident = change.incident();
    require_in(register, incident, &regime.key)?;
    let what = if regime.key == NIS2 {
        Recorded::Nis2Report
    } else {
        Recorded::RegimeReport
    };
    let at = sent(context, register, &Facts::of(incident), what, at)?;
    let mut notification = incident
        .notification
        .clone()
        .unwrap_or_else(empty_notification);
    if regime.key == NIS2 {
        let nis2 = notification.nis2.get_or_insert_default();
        let slot = match report.key.as_str() {
            "early_warning" => &mut nis2.early_warning_at,
            "notification" => &mut nis2.notification_at,
            "final_report" => &mut nis2.final_report_at,
            _ => &mut nis2.progress_report_at,
        };
        *slot = Some(at);
    } else {
        notification
            .regime_reports
            .entry(regime.key.clone())
            .or_default()
            .insert(report.key.clone(), at);
    }
    change.set_notification(notification);
    let event = Event::RegimeReportSent {
        regime: regime.key.clone(),
        report: report.key.clone(),
        to_csirt: false,
    };
    let entry = Entry::new(event, &[Step::F])
        .with_body(format!(
            "{} {}.",
            register.settings.register.language.pick("Skickad", "Sent"),
            at.format("%Y-%m-%d %H:%M %:z")
        ))
        .with_trailer("Regime", &regime.key);
    ui.outcome(&change.finish(entry)?);
    Ok(())
}
