//! `incident contacted manager|dpo|controller|customer <id>`: record that another party
//! was told: the responsible manager (step A), the data protection officer (step B), the
//! controller when the organisation is the processor (GDPR Art. 33(2)), and a customer
//! with the three notices of a vendor's process (acknowledgement, detailed notice, resolution).

use crate::cli::Context;
use crate::cli::args::{NoticeArg, incident_id};
use crate::cli::steps::contact::{self, Request};
use crate::domain::IncidentId;
use crate::error::Result;

#[derive(Debug, clap::Args)]
pub struct ContactedArgs {
    #[command(subcommand)]
    pub who: Who,
}

#[derive(Debug, clap::Subcommand)]
pub enum Who {
    /// The responsible manager was told (step A)
    Manager(PersonArgs),
    /// The data protection officer was contacted (step B)
    Dpo(PersonArgs),
    /// The controller was notified, when the organisation is the processor (GDPR Art. 33(2))
    Controller(WhenArgs),
    /// A customer was sent one of the three notices: acknowledgement, detailed, resolution
    Customer(CustomerArgs),
}

#[derive(Debug, clap::Args)]
pub struct PersonArgs {
    /// The incident id, YYYY-NNNN
    #[arg(value_parser = incident_id)]
    pub id: IncidentId,
    /// Name or role of the person [default for the DPO: incident.toml's DPO]
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// When: YYYY-MM-DD or "YYYY-MM-DD HH:MM" [default: now]
    #[arg(long, value_name = "DATE[ TIME]")]
    pub at: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct WhenArgs {
    /// The incident id, YYYY-NNNN
    #[arg(value_parser = incident_id)]
    pub id: IncidentId,
    /// When: RFC 3339 or local "YYYY-MM-DD HH:MM" [default: now]
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct CustomerArgs {
    /// The incident id, YYYY-NNNN
    #[arg(value_parser = incident_id)]
    pub id: IncidentId,
    /// The customer
    #[arg(long, value_name = "NAME")]
    pub name: String,
    /// Which notice was sent
    #[arg(long, value_enum)]
    pub notice: NoticeArg,
    /// When: RFC 3339 or local "YYYY-MM-DD HH:MM" [default: now]
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,
}

pub fn run(context: &Context, args: ContactedArgs) -> Result<i32> {
    let register = context.open_register()?;
    let ui = context.ui(&register);
    let (id, request) = match args.who {
        Who::Manager(person) => (
            person.id,
            Request::Manager {
                name: person.name,
                at: person.at,
            },
        ),
        Who::Dpo(person) => (
            person.id,
            Request::Dpo {
                name: person.name,
                at: person.at,
            },
        ),
        Who::Controller(when) => (when.id, Request::Controller { at: when.at }),
        Who::Customer(customer) => (
            customer.id,
            Request::Customer {
                name: customer.name,
                notice: customer.notice.into(),
                at: customer.at,
            },
        ),
    };
    contact::record(context, &register, &ui, &id, request)?;
    Ok(0)
}
