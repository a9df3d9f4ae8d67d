//! `incident next <id>`: finds the first step A–H not yet done and walks the person
//! through it with the same prompts as the step's own command, then offers to go on.

use crate::cli::Context;
use crate::cli::args::incident_id;
use crate::cli::steps::guide;
use crate::domain::IncidentId;
use crate::error::Result;

#[derive(Debug, clap::Args)]
pub struct NextArgs {
    /// The incident id, YYYY-NNNN
    #[arg(value_parser = incident_id)]
    pub id: IncidentId,
}

pub fn run(context: &Context, args: NextArgs) -> Result<i32> {
    let register = context.open_register()?;
    register.require(&args.id)?;
    let ui = context.ui(&register);
    drop(register);
    guide::continue_from(context, &ui, &args.id)
}
