//! `incident customer add <id> --name NAME...`: list the customers an incident affects before
//! any notice is sent to them, so that each of the three notices of a vendor's process
//! (acknowledgement, detailed notice, resolution) is an obligation with its deadline from
//! the start. Names are matched without regard to case.

use crate::cli::Context;
use crate::cli::args::incident_id;
use crate::cli::steps::customer_walk;
use crate::domain::IncidentId;
use crate::error::{Result, exit};

#[derive(Debug, clap::Args)]
pub struct CustomerArgs {
    #[command(subcommand)]
    pub what: CustomerWhat,
}

#[derive(Debug, clap::Subcommand)]
pub enum CustomerWhat {
    /// List customers as affected, before any notice is sent: their three notices become obligations
    Add(AddArgs),
}

#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// The incident id, YYYY-NNNN
    #[arg(value_parser = incident_id)]
    pub id: IncidentId,
    /// The customer's name; repeat for several (matched without regard to case)
    #[arg(long = "name", value_name = "NAME", required = true)]
    pub names: Vec<String>,
}

pub fn run(context: &Context, args: CustomerArgs) -> Result<i32> {
    match args.what {
        CustomerWhat::Add(args) => add(context, args),
    }
}

fn add(context: &Context, args: AddArgs) -> Result<i32> {
    let register = context.open_register()?;
    let ui = context.ui(&register);
    customer_walk::list_affected(context, &register, &ui, &args.id, &args.names)?;
    Ok(exit::OK)
}
