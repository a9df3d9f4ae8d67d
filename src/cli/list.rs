//! `incident list`: one line per incident.

use serde::Serialize;

use crate::cli::Context;
use crate::cli::ui::Ui;
use crate::domain::Lang;
use crate::domain::incident::Incident;
use crate::domain::steps::{next_step, step_strip};
use crate::error::{Result, exit};

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
    /// Only open incidents
    #[arg(long)]
    pub open: bool,
    /// Only incidents discovered in this year
    #[arg(long, value_name = "YYYY")]
    pub year: Option<i32>,
}

#[derive(Debug, Serialize)]
struct Row {
    id: String,
    title: String,
    discovered: String,
    steps: String,
    next_step: Option<char>,
    severity: Option<&'static str>,
    notify_imy: Option<bool>,
    closed: bool,
}

fn row(incident: &Incident) -> Row {
    let report = &incident.report;
    Row {
        id: report.id.to_string(),
        title: report.title.clone(),
        discovered: report.discovered.to_string(),
        steps: step_strip(incident),
        next_step: next_step(incident).map(|s| s.letter()),
        severity: incident.assessment.as_ref().map(|a| a.band.key()),
        notify_imy: incident.assessment.as_ref().map(|a| a.decision.notify_imy),
        closed: incident.is_closed(),
    }
}

pub fn run(context: &Context, args: ListArgs) -> Result<i32> {
    let register = context.open_register()?;
    let lang = context.lang(Some(&register));
    let ui = Ui::new(lang);
    let (incidents, problems) = register.load_all()?;
    let rows: Vec<(Row, &Incident)> = incidents
        .iter()
        .filter(|i| args.year.is_none_or(|year| i.report.id.year() == year))
        .filter(|i| !args.open || !i.is_closed())
        .map(|i| (row(i), i))
        .collect();
    if args.json {
        ui.json(&rows.iter().map(|(row, _)| row).collect::<Vec<_>>());
    } else if rows.is_empty() {
        ui.say(ui.t("Inga incidenter.", "No incidents."));
    } else {
        let mut table = ui.table(vec![
            "Id",
            ui.t("Rubrik", "Title"),
            ui.t("Upptäckt", "Discovered"),
            ui.t("Steg A–H", "Steps A–H"),
            ui.t("Allvarlighet", "Severity"),
            ui.t("Status", "Status"),
        ]);
        for (row, incident) in &rows {
            let severity = incident
                .assessment
                .as_ref()
                .map(|a| a.band.label(lang).to_string())
                .unwrap_or_else(|| "–".into());
            let status = status_label(lang, row);
            table.add_row(vec![
                row.id.clone(),
                row.title.clone(),
                row.discovered.clone(),
                row.steps.clone(),
                severity,
                status,
            ]);
        }
        ui.out(&table.to_string());
    }
    for problem in &problems {
        ui.say(&format!("{}: {problem}", ui.t("ogiltig", "invalid")));
    }
    Ok(if problems.is_empty() {
        exit::OK
    } else {
        exit::INVALID
    })
}

fn status_label(lang: Lang, row: &Row) -> String {
    if row.closed {
        return lang.pick("avslutad", "closed").to_string();
    }
    match row.next_step {
        Some(step) => format!(
            "{} ({} {step})",
            lang.pick("öppen", "open"),
            lang.pick("nästa", "next")
        ),
        None => lang.pick("öppen", "open").to_string(),
    }
}
