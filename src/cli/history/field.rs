//! `incident history <id> --field q23`: when and by whom one answer changed. Each entry
//! of the incident's journal is read as its commit held the incident, and the entries
//! where the answer's value differs from the entry before are listed with both values.

use serde_json::json;

use super::subject_in;
use crate::cli::ui::{Ui, short};
use crate::domain::IncidentId;
use crate::domain::answer::{AnswerName, value_of};
use crate::domain::input::{InputError, JournalInput};
use crate::domain::terminal::for_terminal;
use crate::error::{Error, Result};
use crate::store::{HistoryEntry, Register};

/// The answer's value at one entry.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Value {
    /// Not given (or the incident did not exist).
    Absent,
    /// The incident's files were invalid in that entry (a commit made outside the tool).
    Invalid,
    Given(String),
}

impl Value {
    fn shown(&self, ui: &Ui) -> String {
        match self {
            Value::Absent => "–".to_string(),
            Value::Invalid => ui.t("(ogiltiga filer)", "(invalid files)").to_string(),
            Value::Given(text) => for_terminal(text).into_owned(),
        }
    }

    fn json(&self) -> serde_json::Value {
        match self {
            Value::Absent => serde_json::Value::Null,
            Value::Invalid => json!({ "invalid": true }),
            Value::Given(text) => json!(text),
        }
    }
}

/// The changes of answer `field` of incident `id` over `entries` (oldest first).
pub(super) fn run(
    register: &Register,
    ui: &Ui,
    id: &IncidentId,
    entries: &[HistoryEntry],
    field: &str,
    as_json: bool,
) -> Result<i32> {
    let name: AnswerName = field.parse().map_err(|_| {
        Error::bad_input(
            "--field",
            InputError::Journal(JournalInput::UnknownField {
                text: field.to_string(),
            }),
        )
    })?;
    let mut before = Value::Absent;
    let mut changes: Vec<(&HistoryEntry, Value, Value)> = Vec::new();
    let mut ever_given = false;
    for entry in entries {
        let now = entry.time.with_timezone(&register.zone);
        let value = match register.incident_at(id, &entry.commit) {
            Ok(Some(incident)) => {
                value_of(&incident, &name, &register.settings, register.zone, now)
                    .map_or(Value::Absent, Value::Given)
            }
            Ok(None) => Value::Absent,
            Err(Error::Invalid { .. }) => Value::Invalid,
            Err(other) => return Err(other),
        };
        ever_given |= matches!(value, Value::Given(_));
        if value != before {
            changes.push((entry, before, value.clone()));
        }
        before = value;
    }
    if as_json {
        let rows: Vec<_> = changes
            .iter()
            .map(|(entry, was, is)| {
                json!({
                    "commit": entry.commit,
                    "time": entry.time.with_timezone(&register.zone).fixed_offset().to_rfc3339(),
                    "author": entry.author,
                    "email": entry.email,
                    "subject": entry.subject,
                    "before": was.json(),
                    "after": is.json(),
                })
            })
            .collect();
        ui.json(&json!({ "id": id.to_string(), "field": field.trim(), "changes": rows }));
        return Ok(0);
    }
    // A misspelt field has no value anywhere: said, never an empty table.
    if !ever_given {
        ui.say(&format!(
            "{} {}",
            for_terminal(field.trim()),
            ui.t(
                "har inget värde i någon post av incidentens journal: kontrollera namnet (IMY:s frågor heter q1–q37; fälten som i filerna, t.ex. report.discovered.date)",
                "has no value in any entry of the incident's journal: check the name (IMY's questions are q1–q37; the fields as in the files, e.g. report.discovered.date)"
            )
        ));
        return Ok(0);
    }
    let mut table = ui.table(vec![
        ui.t("När", "When"),
        ui.t("Vem", "Who"),
        ui.t("Vad", "What"),
        ui.t("Före", "Before"),
        ui.t("Efter", "After"),
        "Commit",
    ]);
    for (entry, was, is) in &changes {
        table.add_row(vec![
            entry
                .time
                .with_timezone(&register.zone)
                .format("%Y-%m-%d %H:%M %:z")
                .to_string(),
            for_terminal(&entry.author).into_owned(),
            subject_in(entry, id, ui.lang),
            was.shown(ui),
            is.shown(ui),
            short(&entry.commit).to_string(),
        ]);
    }
    ui.out(&table.to_string());
    Ok(0)
}
