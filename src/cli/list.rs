//! `incident list`: one line per incident.

use serde::Serialize;

use crate::cli::Context;
use crate::cli::ui::Ui;
use crate::domain::Lang;
use crate::domain::incident::Summary;
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
struct Row<'a> {
    id: &'a str,
    title: &'a str,
    discovered: &'a str,
    steps: &'a str,
    next_step: Option<char>,
    severity: Option<&'static str>,
    notify_imy: Option<bool>,
    closed: bool,
}

fn row(summary: &Summary) -> Row<'_> {
    Row {
        id: &summary.id,
        title: &summary.title,
        discovered: &summary.discovered,
        steps: &summary.steps,
        next_step: summary.next_step,
        severity: summary.band.map(|band| band.key()),
        notify_imy: summary.notify_imy,
        closed: summary.closed,
    }
}

pub fn run(context: &Context, args: ListArgs) -> Result<i32> {
    let register = context.open_register()?;
    let lang = context.lang(Some(&register));
    let ui = Ui::new(lang);
    // Summaries come from the derived cache where the files have not changed since.
    let (summaries, problems) = register.summaries()?;
    let rows: Vec<(Row, &Summary)> = summaries
        .iter()
        .filter(|s| args.year.is_none_or(|year| s.year == year))
        .filter(|s| !args.open || !s.closed)
        .map(|s| (row(s), s))
        .collect();
    if args.json {
        ui.json(&rows.iter().map(|(row, _)| row).collect::<Vec<_>>());
    } else if rows.is_empty() {
        ui.say(ui.t("Inga incidenter.", "No incidents."));
    } else {
        let header = vec![
            "Id",
            ui.t("Rubrik", "Title"),
            ui.t("Upptäckt", "Discovered"),
            ui.t("Steg A–H", "Steps A–H"),
            ui.t("Allvarlighet", "Severity"),
            ui.t("Status", "Status"),
        ];
        let cells: Vec<Vec<String>> = rows
            .iter()
            .map(|(row, summary)| {
                let severity = summary
                    .band
                    .map(|band| band.label(lang).to_string())
                    .unwrap_or_else(|| "–".into());
                vec![
                    row.id.to_string(),
                    row.title.to_string(),
                    row.discovered.to_string(),
                    row.steps.to_string(),
                    severity,
                    status_label(lang, row),
                ]
            })
            .collect();
        ui.print_table(header, &cells);
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
