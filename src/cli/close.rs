//! `incident close <id>` (steps G and H) and `incident reopen <id>`: closing needs every
//! planned measure done or deferred with a reason, and the root cause analysis and lessons
//! learned; reopening removes the closure in a journaled commit.

use crate::cli::Context;
use crate::cli::args::incident_id;
use crate::cli::steps::close::{self, Closing};
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
    };
    close::close(context, &register, &ui, &args.id, closing)?;
    Ok(0)
}

pub fn reopen(context: &Context, args: ReopenArgs) -> Result<i32> {
    let register = context.open_register()?;
    let ui = context.ui(&register);
    close::reopen(context, &register, &ui, &args.id, args.reason)?;
    Ok(0)
}
