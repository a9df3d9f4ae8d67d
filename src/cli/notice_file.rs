//! `export customer|controller <id> --format json`: the notice as a file for the
//! receiving organisation's tool (see [`crate::domain::notice`]), with the commit of the
//! register it comes from.

use crate::cli::Context;
use crate::cli::ui::Ui;
use crate::domain::incident::Incident;
use crate::domain::notice::{self, NoticeKind};
use crate::error::Result;
use crate::store::Register;

/// The format of a notice to a customer or a controller.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum NoticeFormat {
    /// The text to send, in the chosen language
    #[default]
    Text,
    /// A machine-readable file (incident-notice/1) that the receiver takes in with `incident new --from-notice FILE`
    Json,
}

/// Writes the notice file of `incident` on standard output.
pub fn export(
    context: &Context,
    register: &Register,
    ui: &Ui,
    incident: &Incident,
    kind: NoticeKind,
) -> Result<()> {
    let id = &incident.report.id;
    let now = context.now_at(register).fixed_offset();
    let notice = notice::build(
        incident,
        &register.settings,
        &register.settings.register.timezone,
        kind,
        register.head_id(),
        now,
    );
    ui.json(&notice);
    // The commit names what the journal holds; an edit by hand not yet recorded is not in it.
    if register.as_of().is_none()
        && register.is_journaled()
        && !register.unrecorded_edits(id)?.is_empty()
    {
        ui.say(ui.t(
            "Obs: incidenten har handredigeringar som inte är registrerade; filen visar dem, men dess commit gör det inte. Registrera dem först (`incident record`).",
            "Note: the incident has hand edits not yet recorded; the file shows them, its commit does not. Record them first (`incident record`).",
        ));
    }
    ui.say(&format!(
        "{} `incident new --from-notice {}` ({})",
        ui.t(
            "Mottagaren tar in filen med",
            "The receiver takes the file in with"
        ),
        ui.t("FIL", "FILE"),
        notice::FORMAT
    ));
    Ok(())
}
