//! `incident customer add <id> --name NAME...`: list the customers an incident affects before
//! any notice is sent to them, so that each of the three notices of a vendor's process
//! (acknowledgement, detailed notice, resolution) is an obligation with its deadline from
//! the start. Names are matched without regard to case.

use crate::cli::Context;
use crate::cli::args::incident_id;
use crate::cli::steps::contact::notification_of;
use crate::cli::ui::Ui;
use crate::domain::IncidentId;
use crate::domain::event::Event;
use crate::domain::steps::Step;
use crate::error::{Result, exit};
use crate::store::{Entry, Register};

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
    list_affected(context, &register, &ui, &args.id, &args.names)?;
    Ok(exit::OK)
}

/// Lists `names` as customers of incident `id`, in one journal entry; a name already
/// listed (in any case) is said and not listed again.
pub fn list_affected(
    context: &Context,
    register: &Register,
    ui: &Ui,
    id: &IncidentId,
    names: &[String],
) -> Result<()> {
    register.require(id)?;
    let known = register.load(id)?;
    let listed = known.notification.as_ref();
    let mut new: Vec<&str> = Vec::new();
    for name in names.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
        let already = listed.is_some_and(|n| n.lists_customer(name))
            || new
                .iter()
                .any(|n| crate::domain::model::notification::same_customer(n, name));
        if already {
            ui.say(&format!(
                "{} {name}",
                ui.t(
                    "Redan listad som berörd kund:",
                    "Already listed as affected:"
                )
            ));
        } else {
            new.push(name);
        }
    }
    if new.is_empty() {
        return Ok(());
    }
    let mut change = context.start_change(register, id)?;
    let mut notification = notification_of(change.incident());
    for name in &new {
        notification.customer_mut(name);
    }
    change.set_notification(notification);
    let customers = new.iter().map(|name| (*name).to_string()).collect();
    let event = Event::CustomersListed { customers };
    ui.outcome(&change.finish(Entry::new(event, &[Step::F]))?);
    Ok(())
}
