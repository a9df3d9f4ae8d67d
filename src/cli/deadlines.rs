//! `incident deadlines`: what is due and what is overdue, soonest first, for people and
//! for cron (exit code 5 when anything is overdue); also the duties of the law left open
//! in a closed case, and those waived at its closing.

use std::collections::HashSet;

use chrono::DateTime;
use chrono_tz::Tz;
use comfy_table::{Cell, Color};
use serde_json::json;

use crate::cli::Context;
use crate::cli::args::{incident_id, parse_at};
use crate::cli::ui::Ui;
use crate::domain::input::InputError;
use crate::domain::obligations::{Obligation, State, local, of_incidents, time_left};
use crate::domain::terminal::for_terminal;
use crate::domain::{Bilingual, IncidentId, Lang};
use crate::error::{Error, Result, exit};

#[derive(Debug, clap::Args)]
pub struct DeadlinesArgs {
    /// Also list obligations that are met or not required (waived ones are always listed)
    #[arg(long)]
    pub all: bool,
    /// Only this incident (also when it is closed)
    #[arg(long, value_name = "ID", value_parser = incident_id)]
    pub incident: Option<IncidentId>,
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
    /// Output format: table, json, or ics (an iCalendar file: one event with an alarm per pending or overdue obligation)
    #[arg(long, value_enum, conflicts_with = "json")]
    pub format: Option<DeadlinesFormat>,
    /// With --format ics: only the planned measures this person owns (their `owner` in actions.yaml)
    #[arg(long, value_name = "NAME", requires = "format")]
    pub owner: Option<String>,
    /// With --format ics: hours before the due time that the alarm rings
    #[arg(long, value_name = "HOURS", requires = "format", default_value_t = crate::domain::calendar::DEFAULT_ALARM_HOURS, value_parser = clap::value_parser!(u32).range(0..=8760))]
    pub alarm_hours: u32,
    /// With --format ics: write the calendar to this file instead of standard output
    #[arg(long, value_name = "FILE", requires = "format")]
    pub output: Option<std::path::PathBuf>,
    /// Evaluate at this moment instead of now: RFC 3339, or local "YYYY-MM-DD HH:MM"
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,
    /// The register as the journal held it at this moment, evaluated then (or at --at): RFC 3339, or local "YYYY-MM-DD HH:MM" (a date alone: the end of that day)
    #[arg(long, value_name = "TIME")]
    pub as_of: Option<String>,
}

/// What `--format` gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DeadlinesFormat {
    /// A table for people (the default)
    Table,
    /// JSON, as --json
    Json,
    /// An iCalendar file (RFC 5545) for Outlook, Thunderbird and Google Calendar
    Ics,
}

pub fn run(context: &Context, args: DeadlinesArgs) -> Result<i32> {
    let register = context.open_register_as_of(args.as_of.as_deref())?;
    let lang = context.lang(Some(&register));
    let ui = Ui::new(lang);
    let now = match &args.at {
        Some(text) => parse_at(text, register.zone)?,
        None => context.now_at(&register),
    };
    let (incidents, problems) = match &args.incident {
        Some(id) => {
            register.require(id)?;
            (vec![register.load(id)?], Vec::new())
        }
        // A case closed with every duty of the law met is not read; one closed by hand, by
        // an older version or with a duty waived is, so that nothing of the law hides.
        None => register.load_unsettled()?,
    };
    let closed: HashSet<&IncidentId> = incidents
        .iter()
        .filter(|i| i.is_closed())
        .map(|i| &i.report.id)
        .collect();
    let listed: Vec<Obligation> = of_incidents(&incidents, &register.settings, register.zone, now)
        .map_err(Error::discovery_not_in_zone)?
        .into_iter()
        .filter(|o| args.all || listed_by_default(o, closed.contains(&o.incident)))
        .collect();
    let mut overdue = listed.iter().filter(|o| o.state == State::Overdue).count();
    let format = match (args.format, args.json) {
        (Some(format), _) => format,
        (None, true) => DeadlinesFormat::Json,
        (None, false) => DeadlinesFormat::Table,
    };
    if format != DeadlinesFormat::Ics
        && let Some(flag) = [
            args.owner.is_some().then_some("--owner"),
            args.output.is_some().then_some("--output"),
        ]
        .into_iter()
        .flatten()
        .next()
    {
        return Err(Error::bad_input(
            flag,
            InputError::UnreadableFile {
                message: Bilingual::new(
                    "gäller bara kalendern: ange --format ics",
                    "applies to the calendar only: give --format ics",
                ),
            },
        ));
    }
    if format == DeadlinesFormat::Ics {
        // The file is made now, whatever moment --at evaluates or --as-of reads: its
        // DTSTAMP and SEQUENCE come from the clock, so a look ahead does not outrank the
        // exports after it.
        let made = context.now.with_timezone(&register.zone);
        overdue = crate::cli::calendar::write(&ui, &register, &incidents, &listed, made, &args)?;
    } else if format == DeadlinesFormat::Json {
        let rows: Vec<_> = listed.iter().map(|o| obligation_json(o, now)).collect();
        ui.json(&json!({ "at": now.fixed_offset().to_rfc3339(), "obligations": rows }));
    } else if listed.is_empty() {
        ui.say(ui.t(
            "Inget är förfallet eller väntar.",
            "Nothing is due or overdue.",
        ));
    } else {
        ui.out_styled(&table(&ui, &listed, now, lang));
    }
    for problem in &problems {
        ui.say(&format!(
            "{}: {}",
            ui.t("ogiltig, utan frister", "invalid, no deadlines"),
            problem.render(ui.lang)
        ));
    }
    if overdue > 0 {
        ui.say(&format!("{overdue} {}", ui.t("försenade", "overdue")));
        Ok(exit::OVERDUE)
    } else if !problems.is_empty() {
        Ok(exit::INVALID)
    } else {
        Ok(exit::OK)
    }
}

/// What is listed without `--all`: what is open, and what was waived (never as met, never
/// hidden); of a closed case only the duties of the law, since closing settles the
/// organisation's own targets.
fn listed_by_default(obligation: &Obligation, closed: bool) -> bool {
    let shown = obligation.state.is_open() || obligation.state == State::Waived;
    shown && (!closed || obligation.duty.is_law())
}

fn obligation_json(obligation: &Obligation, now: DateTime<Tz>) -> serde_json::Value {
    json!({
        "incident": obligation.incident.to_string(),
        "obligation": obligation.duty.key(),
        "label": obligation.duty.label(Lang::En),
        "rule": obligation.duty.rule(),
        "runs_from": obligation.runs_from.fixed_offset().to_rfc3339(),
        "due": obligation.due.fixed_offset().to_rfc3339(),
        "met_at": obligation.met_at.map(|m| m.fixed_offset().to_rfc3339()),
        "state": obligation.state.key(),
        "minutes_left": obligation.state.is_open().then(|| obligation.due.signed_duration_since(now).num_minutes()),
    })
}

fn table(ui: &Ui, listed: &[Obligation], now: DateTime<Tz>, lang: Lang) -> String {
    let mut table = ui.table(vec![
        ui.t("Incident", "Incident"),
        ui.t("Skyldighet", "Obligation"),
        ui.t("Senast", "Due"),
        ui.t("Tid", "Time"),
        ui.t("Läge", "State"),
        ui.t("Regel", "Rule"),
    ]);
    // Each row's texts are made on all cores: formatting times and making text safe for
    // 6,000 rows and more took a third of `deadlines` at 100,000 incidents.
    let rows = crate::store::parallel::map(listed, |obligation| {
        let soon = obligation.state == State::Pending
            && obligation.due.signed_duration_since(now).num_hours() < 24;
        let when = match obligation.state {
            State::Overdue | State::Pending => time_left(obligation.due, now, lang),
            State::Met | State::MetLate => obligation.met_at.map(local).unwrap_or_default(),
            State::Waived | State::NotRequired => String::new(),
        };
        let color = match obligation.state {
            State::Overdue => Some(Color::Red),
            _ if soon => Some(Color::Yellow),
            _ => None,
        };
        let cells = [
            obligation.incident.to_string(),
            obligation.duty.label(lang),
            local(obligation.due),
            when,
            obligation.state.label(lang).to_string(),
            obligation.duty.rule_in(lang).to_string(),
        ];
        // A customer's name is a person's text: made safe before the colours go on.
        (cells.map(|text| for_terminal(&text).into_owned()), color)
    });
    for (cells, color) in rows {
        table.add_row(cells.into_iter().map(|text| match (color, ui.colored()) {
            (Some(color), true) => Cell::new(text).fg(color),
            _ => Cell::new(text),
        }));
    }
    table.to_string()
}
