//! `incident deadlines --format ics`: the open obligations as an iCalendar file, on
//! standard output or in `--output FILE` (see [`crate::domain::calendar`]).

use chrono::DateTime;
use chrono_tz::Tz;

use super::deadlines::DeadlinesArgs;
use crate::cli::ui::Ui;
use crate::domain::calendar::{CalendarInput, entries, render};
use crate::domain::incident::Incident;
use crate::domain::obligations::Obligation;
use crate::error::Result;
use crate::store::Register;

/// Writes the calendar and says on standard error how many events it holds; gives how
/// many of them are overdue (with `--owner`, that person's alone: the exit code a
/// person's cron job acts on). `now` is when the file is made (its DTSTAMP and
/// SEQUENCE); the obligations' states are the listing's (`--at`).
pub fn write(
    ui: &Ui,
    register: &Register,
    incidents: &[Incident],
    listed: &[Obligation],
    now: DateTime<Tz>,
    args: &DeadlinesArgs,
) -> Result<usize> {
    let organisation = &register.settings.organisation;
    let input = CalendarInput {
        obligations: listed,
        incidents,
        organisation: &organisation.name,
        org_number: organisation.org_number.as_deref(),
        now,
        lang: ui.lang,
        alarm_hours: args.alarm_hours,
        owner: args.owner.as_deref(),
    };
    let events = entries(&input);
    let count = events.len();
    let overdue = events.iter().filter(|event| event.overdue).count();
    let text = render(&input);
    match &args.output {
        Some(path) => {
            crate::store::files::write_atomically(path, text.as_bytes())?;
            ui.say(&format!(
                "{} {} ({count} {})",
                ui.t("Kalendern är skriven till", "The calendar is written to"),
                path.display(),
                if count == 1 {
                    ui.t("händelse", "event")
                } else {
                    ui.t("händelser", "events")
                }
            ));
        }
        // The file's own CRLF line ends, as they are: the calendar has escaped every
        // piece of a person's text by its rules and left out the control characters.
        None => ui.out_document(&text),
    }
    Ok(overdue)
}
