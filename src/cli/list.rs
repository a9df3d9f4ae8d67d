//! `incident list`: one line per incident.

use serde::Serialize;

use crate::cli::Context;
use crate::cli::csv_out::{self, Delimiter};
use crate::cli::ui::Ui;
use crate::domain::Lang;
use crate::domain::model::assessment::Band;
use crate::error::{FileProblem, Result, exit};
use crate::store::Listed;

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Output: a table, JSON, or CSV for spreadsheets (UTF-8 with a byte order mark)
    #[arg(long, value_enum, default_value = "table", value_name = "FORMAT")]
    pub format: ListFormat,
    /// The cells' separator of --format csv: semicolon for Excel in Swedish
    #[arg(long, value_enum, default_value = "comma", value_name = "DELIMITER")]
    pub delimiter: Delimiter,
    /// The same as --format json (kept for scripts)
    #[arg(long, hide = true, conflicts_with = "format")]
    pub json: bool,
    /// Only open incidents
    #[arg(long)]
    pub open: bool,
    /// Only incidents discovered in this year
    #[arg(long, value_name = "YYYY")]
    pub year: Option<i32>,
    /// The register as the journal held it at this moment: RFC 3339, or local "YYYY-MM-DD HH:MM" (a date alone: the end of that day)
    #[arg(long, value_name = "TIME")]
    pub as_of: Option<String>,
}

/// What `incident list` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ListFormat {
    /// A table for the terminal
    Table,
    /// JSON, one object per incident, with the option keys
    Json,
    /// CSV for spreadsheets, the table's columns with headers in the interface language
    Csv,
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
    /// undecided, personal_data_breach, no_personal_data, not_an_incident, security_protection.
    #[serde(skip_serializing_if = "str::is_empty")]
    verdict: &'static str,
    /// A row of an incident whose files cannot be read: shown, never hidden.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    invalid: bool,
}

fn row(listed: &Listed) -> Row<'_> {
    match listed {
        Listed::Valid(summary) => Row {
            id: &summary.id,
            title: &summary.title,
            discovered: &summary.discovered,
            steps: &summary.steps,
            next_step: summary.next_step,
            severity: summary.band.map(Band::key),
            notify_imy: summary.notify_imy,
            closed: summary.closed,
            verdict: summary.verdict.key(),
            invalid: false,
        },
        Listed::Invalid { .. } => Row {
            id: "",
            title: "",
            discovered: "",
            steps: "",
            next_step: None,
            severity: None,
            notify_imy: None,
            closed: false,
            verdict: "",
            invalid: true,
        },
    }
}

/// Whether the row is one `--year` and `--open` keep; an invalid incident is kept, since
/// whether it is open cannot be read.
fn wanted(listed: &Listed, args: &ListArgs) -> bool {
    match listed {
        Listed::Valid(s) => {
            args.year.is_none_or(|year| s.year == year) && (!args.open || !s.closed)
        }
        Listed::Invalid { id, .. } => args.year.is_none_or(|year| id.year() == year),
    }
}

pub fn run(context: &Context, args: ListArgs) -> Result<i32> {
    let register = context.open_register_as_of(args.as_of.as_deref())?;
    let lang = context.lang(Some(&register));
    let ui = Ui::new(lang).with_pager(context.pager.clone());
    // Summaries come from the derived cache where the files have not changed since.
    let listed: Vec<Listed> = register
        .summaries()?
        .into_iter()
        .filter(|listed| wanted(listed, &args))
        .collect();
    ui.git_state(register.git_state());
    // As of a moment of the journal, the clone's state now is not what is shown.
    if register.as_of().is_none() {
        ui.sharing(register.sharing_status().as_ref());
    }
    let ids: Vec<String> = listed
        .iter()
        .map(|listed| match listed {
            Listed::Valid(summary) => summary.id.clone(),
            Listed::Invalid { id, .. } => id.to_string(),
        })
        .collect();
    let rows: Vec<Row> = listed
        .iter()
        .zip(&ids)
        .map(|(listed, id)| Row { id, ..row(listed) })
        .collect();
    let format = if args.json {
        ListFormat::Json
    } else {
        args.format
    };
    if format == ListFormat::Json {
        ui.json(&rows);
    } else if rows.is_empty() && format == ListFormat::Table {
        ui.say(ui.t("Inga incidenter.", "No incidents."));
    } else {
        let header = vec![
            "Id",
            ui.t("Rubrik", "Title"),
            ui.t("Upptäckt", "Discovered"),
            ui.t("Steg A–H", "Steps A–H"),
            ui.t("Allvarlighet", "Severity"),
            ui.t("Klassning", "Verdict"),
            ui.t("Status", "Status"),
        ];
        let cells: Vec<Vec<String>> = listed
            .iter()
            .zip(&rows)
            .map(|(listed, row)| {
                let (severity, verdict) = match listed {
                    Listed::Valid(summary) => (
                        summary.band.map(|band| band.label(lang)),
                        Some(summary.verdict.short(lang)),
                    ),
                    Listed::Invalid { .. } => (None, None),
                };
                vec![
                    row.id.to_string(),
                    row.title.to_string(),
                    row.discovered.to_string(),
                    row.steps.to_string(),
                    severity.unwrap_or("–").to_string(),
                    verdict.unwrap_or("–").to_string(),
                    status_label(lang, row),
                ]
            })
            .collect();
        if format == ListFormat::Csv {
            csv_out::print(&ui, &header, &cells, args.delimiter);
        } else {
            ui.print_table(header, &cells);
        }
    }
    let problems: Vec<&FileProblem> = listed
        .iter()
        .flat_map(|listed| match listed {
            Listed::Invalid { problems, .. } => problems.iter().collect(),
            Listed::Valid(_) => Vec::new(),
        })
        .collect();
    for problem in &problems {
        ui.say(&format!(
            "{}: {}",
            ui.t("ogiltig", "invalid"),
            problem.render(ui.lang)
        ));
    }
    Ok(if problems.is_empty() {
        exit::OK
    } else {
        exit::INVALID
    })
}

fn status_label(lang: Lang, row: &Row) -> String {
    if row.invalid {
        return lang
            .pick("ogiltig, se nedan", "invalid, see below")
            .to_string();
    }
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
