//! `incident stats [--year YYYY]`: the annual follow-up of reported incidents, as a table,
//! JSON, CSV for spreadsheets, or a printable page (HTML, PDF) for the board.
use crate::domain::model::VerdictKind;

use crate::cli::Context;
use crate::cli::csv_out::{self, Delimiter};
use crate::cli::print::{Printed, deliver};
use crate::cli::ui::Ui;
use crate::domain::documents::html::{AnnualReport, annual_report};
use crate::domain::stats::{counted_label, summarize};
use crate::error::{Result, exit};

#[derive(Debug, clap::Args)]
pub struct StatsArgs {
    /// Only incidents discovered in this year [default: all]
    #[arg(long, value_name = "YYYY")]
    pub year: Option<i32>,
    /// Output: a table, JSON, CSV for spreadsheets (UTF-8 with a byte order mark), or the annual follow-up as an HTML or PDF page
    #[arg(long, value_enum, default_value = "table", value_name = "FORMAT")]
    pub format: StatsFormat,
    /// The cells' separator of --format csv: semicolon for Excel in Swedish
    #[arg(long, value_enum, default_value = "comma", value_name = "DELIMITER")]
    pub delimiter: Delimiter,
    /// The same as --format json (kept for scripts)
    #[arg(long, hide = true, conflicts_with = "format")]
    pub json: bool,
    /// Write the csv, html or pdf output to this file [default: csv and html to stdout, pdf to incident-stats-YYYY.pdf]
    #[arg(long, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
}

/// What `incident stats` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StatsFormat {
    /// A table for the terminal
    Table,
    /// JSON with the option keys
    Json,
    /// CSV for spreadsheets: section, item, value; headers in the interface language
    Csv,
    /// The annual follow-up for the board: one self-contained HTML page with charts, for print (A4)
    Html,
    /// The annual follow-up as PDF, printed by a headless Chromium or Chrome
    Pdf,
}

pub fn run(context: &Context, args: StatsArgs) -> Result<i32> {
    let register = context.open_register()?;
    let lang = context.lang(Some(&register));
    let ui = Ui::new(lang);
    // Each incident is reduced to its tally, kept in the derived cache: the register is
    // never held in memory whole, and a warm run parses nothing.
    let (tallies, problems) = register.tallies(args.year)?;
    let figures = summarize(&tallies, args.year);
    let format = if args.json {
        StatsFormat::Json
    } else {
        args.format
    };
    if let Some(form) = match format {
        StatsFormat::Html => Some(Printed::Html),
        StatsFormat::Pdf => Some(Printed::Pdf),
        StatsFormat::Table | StatsFormat::Json | StatsFormat::Csv => None,
    } {
        let internal = register.settings.deadlines.notify_imy_hours;
        let html = annual_report(&AnnualReport {
            stats: &figures,
            organisation: &register.settings.organisation.name,
            made_on: context.now_in(Some(&register)).date_naive(),
            internal_target_hours: Some(internal),
            lang,
        });
        let default = match args.year {
            Some(year) => format!("incident-stats-{year}.pdf"),
            None => "incident-stats.pdf".to_string(),
        };
        deliver(&ui, &html, form, args.output.as_deref(), &default)?;
    } else if format == StatsFormat::Json {
        ui.json(&figures);
    } else if format == StatsFormat::Csv {
        let (header, rows) = super::stats_csv::rows(&figures, lang, args.delimiter);
        match args.output.as_deref() {
            Some(path) => {
                let csv = csv_out::to_csv(&header, &rows, args.delimiter);
                deliver(&ui, &csv, Printed::Text, Some(path), "")?;
            }
            None => csv_out::print(&ui, &header, &rows, args.delimiter),
        }
    } else {
        let mut table = ui.table(vec![
            ui.t("Uppföljning", "Follow-up"),
            ui.t("Antal", "Count"),
        ]);
        let title = match args.year {
            Some(year) => format!(
                "{} {year}",
                ui.t("Incidenter upptäckta", "Incidents discovered in")
            ),
            None => ui.t("Incidenter", "Incidents").to_string(),
        };
        table.add_row(vec![title, figures.incidents.to_string()]);
        table.add_row(vec![
            ui.t("  varav avslutade", "  of which closed").to_string(),
            figures.closed.to_string(),
        ]);
        table.add_row(vec![
            ui.t("Klassning", "Verdict").to_string(),
            String::new(),
        ]);
        for kind in VerdictKind::ALL {
            if let Some(count) = figures.verdict.get(kind.key()) {
                table.add_row(vec![format!("  {}", kind.short(lang)), count.to_string()]);
            }
        }
        let groups: [(&str, &str, u8, &std::collections::BTreeMap<String, usize>); 3] = [
            (
                "Vad har hänt (15)",
                "What happened (15)",
                15,
                &figures.what_happened,
            ),
            ("Orsak (18)", "Cause (18)", 18, &figures.cause),
            ("Verksamhetsområde (20)", "Area (20)", 20, &figures.area),
        ];
        for (sv, en, number, counts) in groups {
            table.add_row(vec![ui.t(sv, en).to_string(), String::new()]);
            for (key, count) in counts {
                table.add_row(vec![
                    format!("  {}", counted_label(number, key, lang)),
                    count.to_string(),
                ]);
            }
        }
        table.add_row(vec![
            ui.t("Allvarlighet (ENISA)", "Severity (ENISA)").to_string(),
            String::new(),
        ]);
        for (band, count) in &figures.severity {
            let label = match band.as_str() {
                "low" => ui.t("låg", "low"),
                "medium" => ui.t("medel", "medium"),
                "high" => ui.t("hög", "high"),
                "very_high" => ui.t("mycket hög", "very high"),
                _ => ui.t("ej bedömd", "not assessed"),
            };
            table.add_row(vec![format!("  {label}"), count.to_string()]);
        }
        let hours = |value: Option<f64>| {
            value.map_or_else(
                || "–".into(),
                |h| format!("{} {}", ui.lang.decimal_places(h, 1), ui.t("tim", "h")),
            )
        };
        table.add_row(vec![
            ui.t("Anmälda till IMY", "Notified to IMY").to_string(),
            figures.notified.to_string(),
        ]);
        table.add_row(vec![
            ui.t("  varav efter 72 timmar", "  of which after 72 hours")
                .to_string(),
            figures.notified_late.to_string(),
        ]);
        table.add_row(vec![
            ui.t(
                "Bedömda som ej anmälningspliktiga",
                "Assessed as not to be notified",
            )
            .to_string(),
            figures.not_notified.to_string(),
        ]);
        table.add_row(vec![
            ui.t("Tid till anmälan, median", "Time to notification, median")
                .to_string(),
            hours(figures.median_hours_to_notification),
        ]);
        table.add_row(vec![
            ui.t("Tid till anmälan, längst", "Time to notification, longest")
                .to_string(),
            hours(figures.worst_hours_to_notification),
        ]);
        table.add_row(vec![
            ui.t("Öppna planerade åtgärder", "Open planned measures")
                .to_string(),
            figures.open_measures.to_string(),
        ]);
        ui.out(&table.to_string());
    }
    for problem in &problems {
        ui.say(&format!(
            "{}: {}",
            ui.t("ogiltig, inte räknad", "invalid, not counted"),
            problem.render(ui.lang)
        ));
    }
    Ok(if problems.is_empty() {
        exit::OK
    } else {
        exit::INVALID
    })
}
