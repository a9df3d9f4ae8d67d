//! `incident record`: record files edited by hand as their own journal entry, after
//! validating them (every other changing command does this first on its own); and make
//! again the filed tags the journal names that the repository lacks.

use crate::cli::Context;
use crate::cli::ui::Ui;
use crate::domain::terminal::for_terminal;
use crate::error::Result;

#[derive(Debug, clap::Args)]
pub struct RecordArgs {
    /// Why the files were edited; goes into the journal entry
    #[arg(long, short = 'm', value_name = "TEXT")]
    pub message: Option<String>,
}

pub fn run(context: &Context, args: RecordArgs) -> Result<i32> {
    let register = context.open_register()?;
    let ui = Ui::new(context.lang(Some(&register)));
    let stamp = context.stamp(Some(&register))?;
    let recorded = register.record_hand_edits(&stamp, args.message.as_deref())?;
    if let Some((entry, unfinished)) = &recorded {
        ui.entry(entry);
        ui.unfinished(unfinished.as_ref());
    }
    // Filed tags the journal names and the repository lacks (an interrupted change, a
    // tag deleted by hand) are made again from the entries.
    let restored = if register.is_journaled() {
        register.restore_filing_tags()?
    } else {
        Vec::new()
    };
    for tag in &restored {
        ui.say(&format!(
            "{} {}",
            ui.t(
                "Inlämningstagg återskapad från journalen:",
                "Filed tag made again from the journal:"
            ),
            for_terminal(tag)
        ));
    }
    if recorded.is_none() && restored.is_empty() {
        ui.say(ui.t(
            "Inga handredigeringar att registrera.",
            "No hand edits to record.",
        ));
    }
    Ok(0)
}
