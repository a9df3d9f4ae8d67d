//! `incident close <id>` (steps G and H) and `incident reopen <id>`: closing needs every
//! planned measure done or deferred with a reason, and the root cause analysis and lessons
//! learned, and every open obligation of the law met or waived with a reason (`--waive`);
//! reopening removes the closure (and its waivers) in a journaled commit.

use crate::cli::Context;
use crate::cli::args::incident_id;
use crate::cli::prompt::TerminalPrompter;
use crate::cli::steps::close::{self, Closing};
use crate::cli::steps::walk;
use crate::domain::IncidentId;
use crate::error::Result;

#[derive(Debug, clap::Args)]
pub struct CloseArgs {
    /// The incident id, YYYY-NNNN
    #[arg(value_parser = incident_id)]
    pub id: IncidentId,
    /// The root cause analysis (grundorsaksanalys)
    #[arg(long, value_name = "TEXT")]
    pub root_cause: Option<String>,
    /// Lessons learned, to prevent recurrence
    #[arg(long, value_name = "TEXT")]
    pub lessons: Option<String>,
    /// Who closes the case [default: the journal's author]
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
    /// Close although this obligation of the law is open (its key, as `incident deadlines
    /// --json` names it: supplement, inform_data_subjects, public_communication,
    /// notify_controller, nis2_final_report, ...); repeat or separate with commas. Needs
    /// --reason; the waiver is kept in closure.yaml and the journal
    #[arg(long, value_name = "KEY", value_delimiter = ',', requires = "reason")]
    pub waive: Vec<String>,
    /// Why the waived obligations are not met
    #[arg(long, value_name = "TEXT", requires = "waive")]
    pub reason: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct ReopenArgs {
    /// The incident id, YYYY-NNNN
    #[arg(value_parser = incident_id)]
    pub id: IncidentId,
    /// Why the case is reopened
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
}

pub fn run(context: &Context, args: CloseArgs) -> Result<i32> {
    let register = context.open_register()?;
    let ui = context.ui(&register);
    let closing = Closing {
        root_cause: args.root_cause,
        lessons: args.lessons,
        by: args.by,
        waive: args.waive,
        reason: args.reason,
    };
    if context.interactive {
        // Open measures are settled here rather than refused; one left open still refuses
        // the closing below, with what to do.
        register.require(&args.id)?;
        let incident = register.load(&args.id)?;
        let mut prompter = TerminalPrompter::new(ui.lang);
        walk::settle_measures(context, &register, &ui, &mut prompter, &incident)?;
    }
    close::close(context, &register, &ui, &args.id, closing)?;
    Ok(0)
}

pub fn reopen(context: &Context, args: ReopenArgs) -> Result<i32> {
    let register = context.open_register()?;
    let ui = context.ui(&register);
    close::reopen(context, &register, &ui, &args.id, args.reason)?;
    Ok(0)
}
