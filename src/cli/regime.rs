//! `incident regime <id> <REGIME> --applies yes|no --reason TEXT`: classify an incident
//! into a reporting regime beside the GDPR (catalogue/regimes.toml: `dora` for a major
//! ICT-related incident, with the classification's moment; `cert_se` out of it for an
//! incident that is no IT incident; `nis2` as `incident nis2`), at any time, with the reason.

use crate::cli::Context;
use crate::cli::args::{incident_id, parse_yes_no};
use crate::cli::steps::regime::{self, Classifying};
use crate::domain::IncidentId;
use crate::error::Result;

#[derive(Debug, clap::Args)]
pub struct RegimeArgs {
    /// The incident id, YYYY-NNNN
    #[arg(value_parser = incident_id)]
    pub id: IncidentId,
    /// The regime: nis2, dora, cert_se (as incident.toml's `regimes` names it)
    pub regime: String,
    /// Does the regime apply (NIS2: significant; DORA: major ICT-related incident; CERT-SE: an IT incident)? yes or no
    #[arg(long, value_name = "YES|NO", value_parser = parse_yes_no, action = clap::ArgAction::Set)]
    pub applies: bool,
    /// Why (asked at a terminal when left out)
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
    /// When it was so classified (DORA's initial notification runs from here): RFC 3339 or local "YYYY-MM-DD HH:MM" [default: now]
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,
}

pub fn run(context: &Context, args: RegimeArgs) -> Result<i32> {
    let register = context.open_register()?;
    let ui = context.ui(&register);
    let classifying = Classifying {
        regime: args.regime.trim().to_lowercase(),
        applies: args.applies,
        reason: args.reason,
        at: args.at,
    };
    regime::classify(context, &register, &ui, &args.id, classifying)?;
    Ok(0)
}
