//! `incident log <id>`: the action log and planned measures (steps D and E; IMY question
//! 30): add an action taken, add a planned measure, mark one done or defer it. One commit
//! per entry.

use crate::cli::Context;
use crate::cli::args::incident_id;
use crate::cli::steps::log::{self, Request};
use crate::domain::IncidentId;
use crate::domain::model::actions::Purpose;
use crate::error::Result;

#[derive(Debug, clap::Args)]
pub struct LogArgs {
    /// The incident id, YYYY-NNNN
    #[arg(value_parser = incident_id)]
    pub id: IncidentId,
    /// What was done (or, with --planned, what is to be done)
    #[arg(long, value_name = "TEXT")]
    pub action: Option<String>,
    /// When it was done: YYYY-MM-DD or "YYYY-MM-DD HH:MM" [default: now]
    #[arg(long, value_name = "DATE[ TIME]")]
    pub at: Option<String>,
    /// Who did it, or (with --planned) who owns it
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
    /// Add a planned measure (step E) instead of an action taken
    #[arg(long, conflicts_with_all = ["done", "defer"])]
    pub planned: bool,
    /// The planned measure's due date, YYYY-MM-DD (it becomes an obligation in `incident deadlines`)
    #[arg(long, value_name = "DATE", requires = "planned")]
    pub due: Option<String>,
    /// The planned measure's purpose: mitigate (the consequences) or prevent (recurrence)
    #[arg(long, value_name = "PURPOSE", requires = "planned", value_parser = parse_purpose)]
    pub purpose: Option<Purpose>,
    /// Mark planned measure N (as numbered by `incident show`) done
    #[arg(long, value_name = "N", conflicts_with_all = ["defer", "action", "by"])]
    pub done: Option<usize>,
    /// Defer planned measure N; needs --reason
    #[arg(long, value_name = "N", requires = "reason")]
    pub defer: Option<usize>,
    /// Why the measure is deferred
    #[arg(long, value_name = "TEXT", requires = "defer")]
    pub reason: Option<String>,
}

fn parse_purpose(text: &str) -> Result<Purpose, crate::cli::args::Refusal> {
    match text.trim() {
        "mitigate" => Ok(Purpose::Mitigate),
        "prevent" => Ok(Purpose::Prevent),
        _ => Err(crate::cli::args::one_of(text, "mitigate, prevent")),
    }
}

pub fn run(context: &Context, args: LogArgs) -> Result<i32> {
    let register = context.open_register()?;
    let ui = context.ui(&register);
    let request = match (args.done, args.defer) {
        (Some(number), _) => Request::Done {
            number,
            at: args.at,
        },
        // clap requires --reason with --defer.
        (None, Some(number)) => Request::Defer {
            number,
            reason: args.reason.unwrap_or_default(),
        },
        (None, None) if args.planned => Request::Planned {
            text: args.action,
            purpose: args.purpose,
            due: args.due,
            owner: args.by,
        },
        (None, None) => Request::Action {
            text: args.action,
            at: args.at,
            by: args.by,
        },
    };
    log::record(context, &register, &ui, &args.id, request)?;
    Ok(0)
}
