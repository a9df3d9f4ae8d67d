//! The obligations an incident creates, each with the rule it comes from, the instant it
//! runs from, its due instant and its state at a given `now` (design §7). Hours are elapsed
//! hours (so 72 hours stay 72 across a change to or from summer time); days are calendar
//! days in the register's timezone. Pure: `now` and the settings are parameters.
//! This file holds what an obligation is; the duties, the schedule of incidents and how
//! the times are shown live beside it.

mod display;
mod duty;
#[cfg(test)]
mod regime_tests;
mod regimes;
mod schedule;
#[cfg(test)]
mod tests;

pub use display::{local, settled, spoken, time_left};
pub use duty::Duty;
pub use regimes::{is_in, sent_at};
pub use schedule::{
    DiscoveryNotInZone, aware, law_still_owed, obligations, obligations_under, of_incidents,
    public_communication_owed,
};

use chrono::{DateTime, Days, Duration, Months};
use chrono_tz::Tz;

use super::IncidentId;
use super::lang::Lang;

/// Where an obligation stands at `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum State {
    Overdue,
    Pending,
    /// Open at the closing and waived there with a reason (closure.yaml `waived`): not met,
    /// and no longer keeping the case open.
    Waived,
    MetLate,
    Met,
    NotRequired,
}

impl State {
    pub fn key(self) -> &'static str {
        match self {
            State::Overdue => "overdue",
            State::Pending => "pending",
            State::Waived => "waived",
            State::MetLate => "met_late",
            State::Met => "met",
            State::NotRequired => "not_required",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            State::Overdue => lang.pick("försenad", "overdue"),
            State::Pending => lang.pick("väntar", "pending"),
            State::Waived => lang.pick("avskriven vid avslut", "waived at closing"),
            State::MetLate => lang.pick("uppfylld för sent", "met late"),
            State::Met => lang.pick("uppfylld", "met"),
            State::NotRequired => lang.pick("krävs inte", "not required"),
        }
    }

    /// Still to be done.
    pub fn is_open(self) -> bool {
        matches!(self, State::Overdue | State::Pending)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Obligation {
    pub incident: IncidentId,
    pub duty: Duty,
    pub runs_from: DateTime<Tz>,
    pub due: DateTime<Tz>,
    pub met_at: Option<DateTime<Tz>>,
    pub state: State,
}

/// The hours within which a controller notifies IMY after becoming aware of a personal data
/// breach (GDPR Art. 33(1)). Fixed by the law: `notify_imy_hours` in incident.toml is the
/// organisation's internal target, which may only be shorter.
pub const GDPR_NOTIFY_IMY_HOURS: u32 = 72;

/// Adds elapsed hours: the 72 hours of Art. 33(1) are 72 real hours whatever the clocks do.
pub fn add_hours(from: DateTime<Tz>, hours: u32) -> DateTime<Tz> {
    // The schema bounds the settings to a year, so the sum stays within chrono's range.
    from.checked_add_signed(Duration::hours(i64::from(hours)))
        .unwrap_or(from)
}

/// Adds calendar days in the zone: a 4-week period ends at the same local time.
pub fn add_days(from: DateTime<Tz>, days: u32) -> DateTime<Tz> {
    from.checked_add_days(Days::new(u64::from(days)))
        .unwrap_or(from + Duration::days(i64::from(days)))
}

/// Adds calendar months in the zone: "one month after" 31 January is the last of February.
pub fn add_months(from: DateTime<Tz>, months: u32) -> DateTime<Tz> {
    from.checked_add_months(Months::new(months))
        .unwrap_or(add_days(from, 30 * months))
}
