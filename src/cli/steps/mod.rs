//! The steps A–H as a command and `incident next` both walk them: each step asks what its
//! request lacks (at a terminal), records the step as one change of the register, and
//! tells the person what was recorded. A command turns its flags into the request;
//! `incident next` starts each step with nothing given.

pub mod assess;
pub mod close;
pub mod contact;
pub mod guide;
pub mod log;
pub mod notify;

use chrono::DateTime;
use chrono_tz::Tz;

use crate::domain::incident::Incident;
use crate::domain::obligations::{Obligation, obligations as of_incident};
use crate::error::{Error, Result};
use crate::store::Register;

/// The obligations of the given incidents at `now`, soonest first.
pub fn obligations(
    register: &Register,
    incidents: &[Incident],
    now: DateTime<Tz>,
) -> Result<Vec<Obligation>> {
    let mut all = Vec::new();
    for incident in incidents {
        let found = of_incident(incident, &register.settings.deadlines, register.zone, now)
            .map_err(|_| Error::DiscoveryNotInZone {
                id: incident.report.id.clone(),
            })?;
        all.extend(found);
    }
    all.sort_by(|a, b| a.due.cmp(&b.due).then(a.incident.cmp(&b.incident)));
    Ok(all)
}
