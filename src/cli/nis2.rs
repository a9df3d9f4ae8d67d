//! `incident nis2 <id> --significant yes|no --reason TEXT`: classify an incident as a
//! significant incident under NIS2 (Directive (EU) 2022/2555 Art. 23(3);
//! cybersäkerhetslagen (2025:1506)), or not, at any time, with who decided, when and why.

use crate::cli::Context;
use crate::cli::args::{incident_id, parse_yes_no};
use crate::cli::steps::regime::{self, Classifying};
use crate::domain::IncidentId;
use crate::error::Result;

#[derive(Debug, clap::Args)]
pub struct Nis2Args {
    /// The incident id, YYYY-NNNN
    #[arg(value_parser = incident_id)]
    pub id: IncidentId,
    /// Is it a significant incident (NIS2 Art. 23(3))? yes or no
    #[arg(long, value_name = "YES|NO", value_parser = parse_yes_no, action = clap::ArgAction::Set)]
    pub significant: bool,
    /// Why (asked at a terminal when left out)
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
    /// When it was so classified: RFC 3339 or local "YYYY-MM-DD HH:MM" [default: now]
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,
}

pub fn run(context: &Context, args: Nis2Args) -> Result<i32> {
    let register = context.open_register()?;
    let ui = context.ui(&register);
    let classifying = Classifying {
        regime: "nis2".to_string(),
        applies: args.significant,
        reason: args.reason,
        at: args.at,
    };
    regime::classify(context, &register, &ui, &args.id, classifying)?;
    Ok(0)
}
