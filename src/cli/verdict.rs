//! `incident verdict <id>` and `incident aware <id>`: record whether the incident is a
//! personal data breach at all, and the moment the organisation became aware of it when
//! that came later than the discovery. Each is one journal entry with who, when and why.

use crate::cli::Context;
use crate::cli::args::{VerdictArg, incident_id};
use crate::cli::prompt::{Prompter, TerminalPrompter};
use crate::cli::times::vouch;
use crate::domain::IncidentId;
use crate::domain::event::Event;
use crate::domain::model::verdict::{
    Awareness, Verdict, VerdictKind, check_awareness, verdict_guidance,
};
use crate::domain::moment::parse_date_and_time;
use crate::domain::plausibility::{Facts, Recorded, When};
use crate::domain::steps::Step;
use crate::domain::verdict_change::dropped_duties;
use crate::error::{Error, Result};
use crate::store::Entry;

#[derive(Debug, clap::Args)]
pub struct VerdictArgs {
    /// The incident id, YYYY-NNNN
    #[arg(value_parser = incident_id)]
    pub id: IncidentId,
    /// The verdict [asked at a terminal]
    #[arg(value_enum)]
    pub verdict: Option<VerdictArg>,
    /// Why: what was established, and by whom (mandatory) [asked at a terminal]
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
    /// Who decided [default: the journal's author]
    #[arg(long, value_name = "NAME")]
    pub decided_by: Option<String>,
    /// Record the verdict although it takes away duties of the law still open (they are listed first)
    #[arg(long, alias = "bekrafta")]
    pub confirm: bool,
}

#[derive(Debug, clap::Args)]
pub struct AwareArgs {
    /// The incident id, YYYY-NNNN
    #[arg(value_parser = incident_id)]
    pub id: IncidentId,
    /// When the organisation became aware that personal data were compromised: "YYYY-MM-DD HH:MM" [asked at a terminal]
    #[arg(long, value_name = "DATE[ TIME]")]
    pub at: Option<String>,
    /// Why awareness came later than the discovery, e.g. what the short investigation established (mandatory)
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
}

/// Records a verdict, changing any earlier one; the earlier one stays in the journal.
pub fn verdict(context: &Context, args: VerdictArgs) -> Result<i32> {
    let register = context.open_register()?;
    let ui = context.ui(&register);
    let lang = ui.lang;
    let mut change = context.start_change(&register, &args.id)?;
    let mut report = change.incident().report.clone();
    let (mut kind, mut reason) = (args.verdict.map(VerdictKind::from), args.reason);
    if context.interactive {
        let mut prompter = TerminalPrompter::new(lang);
        if kind.is_none() {
            ui.say(verdict_guidance(lang));
            let current = report.verdict_kind();
            let items: Vec<String> = VerdictKind::ALL
                .iter()
                .map(|k| k.label(lang).to_string())
                .collect();
            let default = VerdictKind::ALL
                .iter()
                .position(|k| *k == current)
                .unwrap_or(0);
            let chosen =
                prompter.select(lang.pick("Vad är det?", "What is it?"), &items, default)?;
            kind = Some(VerdictKind::ALL[chosen]);
        }
        if reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
            reason = prompter.long_text(
                lang.pick(
                    "Motivering: vad som har konstaterats och av vem",
                    "Reason: what was established, and by whom",
                ),
                None,
                true,
            )?;
        }
    }
    let mut missing = Vec::new();
    if kind.is_none() {
        missing.push((
            "VERDICT".to_string(),
            ui.t(
                "beslutet: undecided, personal_data_breach, no_personal_data, not_an_incident eller security_protection",
                "the verdict: undecided, personal_data_breach, no_personal_data, not_an_incident or security_protection",
            )
            .to_string(),
        ));
    }
    let reason = reason.filter(|r| !r.trim().is_empty());
    if reason.is_none() {
        missing.push((
            "--reason TEXT".to_string(),
            ui.t("varför (krävs)", "why (mandatory)").to_string(),
        ));
    }
    let (Some(kind), Some(reason)) = (kind, reason) else {
        return Err(Error::MissingAnswers {
            command: "verdict".into(),
            missing,
            from_file: false,
        });
    };
    // A verdict that takes away an owed notification is a decision to make knowingly.
    let now = context.now.with_timezone(&register.zone);
    let dropped = dropped_duties(
        change.incident(),
        kind,
        &register.settings,
        register.zone,
        now,
    )
    .map_err(Error::discovery_not_in_zone)?;
    if !dropped.is_empty() && !args.confirm {
        let refusal = Error::VerdictDropsDuties {
            id: args.id.clone(),
            verdict: kind,
            duties: dropped,
        };
        if !context.interactive {
            return Err(refusal);
        }
        ui.say(&refusal.full_text(lang));
        let question = lang.pick(
            "Registrera klassningen ändå?",
            "Record the verdict all the same?",
        );
        if !TerminalPrompter::new(lang).confirm(question, false)? {
            return Err(refusal);
        }
    }
    let stamp = change.stamp();
    let decided_by = args
        .decided_by
        .filter(|d| !d.trim().is_empty())
        .unwrap_or_else(|| stamp.author.name.clone());
    report.verdict = Some(Verdict {
        kind,
        decided_by,
        decided_at: stamp.when,
        reason: reason.trim().to_string(),
    });
    change.set_report(report);
    let entry = Entry::new(Event::Verdict { kind }, &[Step::B]).with_body(reason);
    ui.outcome(&change.finish(entry)?);
    if let Some(consequence) = kind.consequence(lang) {
        ui.say(&format!("{}: {consequence}", kind.label(lang)));
    }
    Ok(0)
}

/// Records the moment of awareness, replacing an earlier one.
pub fn aware(context: &Context, args: AwareArgs) -> Result<i32> {
    let register = context.open_register()?;
    let ui = context.ui(&register);
    let lang = ui.lang;
    let mut change = context.start_change(&register, &args.id)?;
    let mut report = change.incident().report.clone();
    let (mut at, mut reason) = (args.at, args.reason);
    if context.interactive {
        let mut prompter = TerminalPrompter::new(lang);
        if at.is_none() {
            at = prompter.text(
                lang.pick(
                    "När fick ni vetskap om att personuppgifter berörs? [ÅÅÅÅ-MM-DD TT:MM]",
                    "When did you become aware that personal data were compromised? [YYYY-MM-DD HH:MM]",
                ),
                None,
                true,
                &|text| {
                    parse_date_and_time(text)
                        .map(|_| ())
                        .map_err(|e| e.describe(lang))
                },
            )?;
        }
        if reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
            reason = prompter.long_text(
                lang.pick(
                    "Varför senare än upptäckten (t.ex. vad den korta utredningen visade)?",
                    "Why later than the discovery (e.g. what the short investigation showed)?",
                ),
                None,
                true,
            )?;
        }
    }
    let reason = reason.filter(|r| !r.trim().is_empty());
    let mut missing = Vec::new();
    if at.is_none() {
        missing.push((
            "--at \"DATE[ TIME]\"".to_string(),
            ui.t("när ni fick vetskap", "when you became aware")
                .to_string(),
        ));
    }
    if reason.is_none() {
        missing.push((
            "--reason TEXT".to_string(),
            ui.t(
                "varför senare än upptäckten",
                "why later than the discovery",
            )
            .to_string(),
        ));
    }
    let (Some(at), Some(reason)) = (at, reason) else {
        return Err(Error::MissingAnswers {
            command: "aware".into(),
            missing,
            from_file: false,
        });
    };
    let (date, time) = parse_date_and_time(&at).map_err(|e| Error::bad_input("--at", e))?;
    let awareness = Awareness {
        date,
        time,
        reason: reason.trim().to_string(),
    };
    let notified_imy = change
        .incident()
        .notification
        .as_ref()
        .and_then(|n| n.imy.as_ref())
        .and_then(|i| i.submitted_at);
    check_awareness(&report.discovered, &awareness, notified_imy, register.zone)
        .map_err(|e| Error::bad_input("--at", e))?;
    let moment = awareness.moment();
    let facts = Facts::of(change.incident());
    vouch(
        context,
        &register,
        &facts,
        Recorded::Aware,
        "--at",
        &When::Local(moment.clone()),
    )?;
    report.aware = Some(awareness);
    change.set_report(report);
    let entry = Entry::new(
        Event::Aware {
            at: moment.to_string(),
        },
        &[Step::A],
    )
    .with_body(reason);
    ui.outcome(&change.finish(entry)?);
    ui.say(&format!(
        "{} {moment} (GDPR art. 33.1; EDPB 9/2022 p. 31–34)",
        ui.t(
            "72 timmar räknas nu från vetskapen",
            "The 72 hours now run from the awareness"
        )
    ));
    Ok(0)
}

#[derive(Debug, clap::Args)]
pub struct EndedArgs {
    /// The incident id, YYYY-NNNN
    #[arg(value_parser = incident_id)]
    pub id: IncidentId,
    /// When it ended: YYYY-MM-DD or "YYYY-MM-DD HH:MM" [default: now]
    #[arg(long, value_name = "DATE[ TIME]")]
    pub at: Option<String>,
}

/// `incident ended <id> [--at TIME]`.
pub fn ended(context: &Context, args: EndedArgs) -> Result<i32> {
    let register = context.open_register()?;
    let ui = context.ui(&register);
    crate::cli::steps::ended::record(context, &register, &ui, &args.id, args.at.as_deref())?;
    Ok(0)
}
