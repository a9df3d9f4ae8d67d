//! `incident history <id>`: the journal of one incident, from the Git log.

mod field;

use serde_json::json;

use crate::cli::Context;
use crate::cli::args::incident_id;
use crate::cli::ui::{Ui, short};
use crate::domain::event::Event;
use crate::domain::terminal::for_terminal;
use crate::domain::{IncidentId, Lang};
use crate::error::Result;
use crate::store::journal::HistoryEntry;

#[derive(Debug, clap::Args)]
pub struct HistoryArgs {
    /// The incident id, YYYY-NNNN
    #[arg(value_parser = incident_id)]
    pub id: IncidentId,
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
    /// Only when and by whom one answer changed, with its value before and after: an IMY question (q23) or a field of a file (report.discovered.date)
    #[arg(long, value_name = "qNN|FILE.FIELD")]
    pub field: Option<String>,
}

pub fn run(context: &Context, args: HistoryArgs) -> Result<i32> {
    let register = context.open_register()?;
    let ui = Ui::new(context.lang(Some(&register)));
    let id = args.id;
    // The journal keeps an incident a commit deleted: its history ends with the deletion.
    let entries = register.history(&id)?;
    if entries.is_empty() {
        register.require(&id)?;
    }
    if let Some(field) = &args.field {
        return field::run(&register, &ui, &id, &entries, field, args.json);
    }
    let unrecorded = register.unrecorded_edits(&id)?;
    if args.json {
        let entries: Vec<_> = entries
            .iter()
            .map(|e| {
                json!({
                    "commit": e.commit,
                    "time": e.time.with_timezone(&register.zone).fixed_offset().to_rfc3339(),
                    "author": e.author,
                    "email": e.email,
                    "subject": e.subject,
                    "event": Event::from_trailers(&e.trailers).map(|event| event.key()),
                    "why": e.why,
                    "steps": e.trailers.iter().filter(|(k, _)| k == "Step").map(|(_, v)| v).collect::<Vec<_>>(),
                    "files": e.files.iter().map(|(name, what)| json!({"file": name, "change": what})).collect::<Vec<_>>(),
                })
            })
            .collect();
        ui.json(
            &json!({ "id": id.to_string(), "entries": entries, "unrecorded_edits": unrecorded }),
        );
        return Ok(0);
    }
    let mut table = ui.table(vec![
        ui.t("När", "When"),
        ui.t("Vem", "Who"),
        ui.t("Vad", "What"),
        ui.t("Steg", "Step"),
        ui.t("Filer", "Files"),
        "Commit",
    ]);
    for entry in &entries {
        let when = entry
            .time
            .with_timezone(&register.zone)
            .format("%Y-%m-%d %H:%M %:z")
            .to_string();
        let steps: Vec<&str> = entry
            .trailers
            .iter()
            .filter(|(k, _)| k == "Step")
            .map(|(_, v)| v.as_str())
            .collect();
        let files: Vec<String> = entry
            .files
            .iter()
            .map(|(name, what)| format!("{name} ({})", change_in(what, ui.lang)))
            .collect();
        table.add_row(vec![
            when,
            entry.author.clone(),
            match &entry.why {
                Some(why) => format!("{}\n{why}", subject_in(entry, &id, ui.lang)),
                None => subject_in(entry, &id, ui.lang),
            },
            steps.join(","),
            files.join("\n"),
            short(&entry.commit).to_string(),
        ]);
    }
    ui.out(&table.to_string());
    if !unrecorded.is_empty() {
        ui.say(&format!(
            "{} {} — {}",
            ui.t(
                "Ej registrerade handredigeringar:",
                "Hand edits not yet recorded:"
            ),
            unrecorded.join(", "),
            ui.t(
                "registrera dem med `incident record`",
                "record them with `incident record`"
            )
        ));
    }
    Ok(0)
}

/// An entry's subject in the reader's language, from its trailers; an entry without them
/// (older ones, commits made by plain git) as it was written.
fn subject_in(entry: &HistoryEntry, id: &IncidentId, lang: Lang) -> String {
    let Some(event) = Event::from_trailers(&entry.trailers) else {
        return entry.subject.clone();
    };
    let named = entry
        .trailers
        .iter()
        .find(|(key, _)| key == "Incident")
        .map_or_else(|| id.to_string(), |(_, value)| value.clone());
    for_terminal(&event.subject(&named, lang)).into_owned()
}

/// How a file changed, in the reader's language (the JSON keeps the key).
fn change_in(what: &str, lang: Lang) -> &str {
    match what {
        "added" => lang.pick("tillagd", "added"),
        "changed" => lang.pick("ändrad", "changed"),
        "removed" => lang.pick("borttagen", "removed"),
        other => other,
    }
}
