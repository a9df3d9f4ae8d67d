//! Whether a time being recorded can be true: a notice sent before the incident was
//! discovered, or a supplement before the notification it supplements, cannot (refused);
//! a moment more than a day after now has not come yet and is unlikely (asked). Planned
//! measures' due dates are not recorded moments and are never judged here.

use chrono::{DateTime, Duration, FixedOffset};
use chrono_tz::Tz;

use super::Lang;
use super::incident::Incident;
use super::moment::Moment;

/// How far ahead of now a recorded moment is still taken as given: 24 elapsed hours, for
/// clocks that differ and a time typed in another zone. Elapsed hours, not a calendar
/// day, so the tolerance is the same on the 23- and 25-hour days of the summer-time change.
pub const TOLERANCE_HOURS: i64 = 24;

/// What is being recorded: each with whether it is a notice to someone (which cannot be
/// sent before the incident is discovered).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recorded {
    Occurred,
    Discovered,
    Ended,
    Aware,
    ManagerTold,
    DpoContacted,
    ActionTaken,
    MeasureDone,
    ImyNotified,
    Supplement,
    SubjectsInformed,
    ControllerNotified,
    CustomerNotice,
    /// The communication to the public (GDPR Art. 34(3)(c)).
    PublicInformed,
    /// A report to the CSIRT under NIS2 / cybersäkerhetslagen (2025:1506).
    Nis2Report,
    /// A report under another regime of `catalogue/regimes.toml` (DORA, CERT-SE).
    RegimeReport,
    /// The moment an incident was classified into or out of a regime.
    Classified,
}

impl Recorded {
    /// The moment in words, as the refusal and the question name it.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Recorded::Occurred => lang.pick("när incidenten inträffade", "when it occurred"),
            Recorded::Discovered => lang.pick("upptäckten", "the discovery"),
            Recorded::Ended => lang.pick("när incidenten upphörde", "when it ended"),
            Recorded::Aware => lang.pick("vetskapen", "the awareness"),
            Recorded::ManagerTold => lang.pick(
                "när ansvarig chef informerades",
                "when the responsible manager was told",
            ),
            Recorded::DpoContacted => lang.pick(
                "när dataskyddsombudet kontaktades",
                "when the DPO was contacted",
            ),
            Recorded::ActionTaken => lang.pick("när åtgärden vidtogs", "when the action was taken"),
            Recorded::MeasureDone => {
                lang.pick("när åtgärden blev klar", "when the measure was done")
            }
            Recorded::ImyNotified => lang.pick("anmälan till IMY", "the notification to IMY"),
            Recorded::Supplement => lang.pick("kompletteringen till IMY", "the supplement to IMY"),
            Recorded::SubjectsInformed => lang.pick(
                "informationen till de registrerade",
                "the information to the data subjects",
            ),
            Recorded::ControllerNotified => lang.pick(
                "underrättelsen till den personuppgiftsansvarige",
                "the notice to the controller",
            ),
            Recorded::CustomerNotice => {
                lang.pick("meddelandet till kunden", "the notice to the customer")
            }
            Recorded::PublicInformed => lang.pick(
                "det offentliga tillkännagivandet",
                "the public communication",
            ),
            Recorded::Nis2Report => lang.pick("rapporten enligt NIS2", "the NIS2 report"),
            Recorded::RegimeReport => {
                lang.pick("rapporten till myndigheten", "the report to the authority")
            }
            Recorded::Classified => lang.pick("klassningen", "the classification"),
        }
    }

    /// A notice to someone about the incident, or its classification under a regime: both
    /// presuppose its discovery.
    pub fn is_notice(self) -> bool {
        matches!(
            self,
            Recorded::ManagerTold
                | Recorded::DpoContacted
                | Recorded::ImyNotified
                | Recorded::Supplement
                | Recorded::SubjectsInformed
                | Recorded::ControllerNotified
                | Recorded::CustomerNotice
                | Recorded::PublicInformed
                | Recorded::Nis2Report
                | Recorded::RegimeReport
                | Recorded::Classified
        )
    }
}

/// The time being recorded: an instant (what the tool stores as RFC 3339), or a local date
/// with an optional clock time (what the report and the action log store).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum When {
    Instant(DateTime<FixedOffset>),
    Local(Moment),
}

impl When {
    /// The earliest instant it stands for (a date alone: the start of its day); `None` for
    /// a time the zone skips, which other checks refuse.
    fn earliest(&self, zone: Tz) -> Option<DateTime<FixedOffset>> {
        match self {
            When::Instant(instant) => Some(*instant),
            When::Local(moment) => moment.earliest_instant(zone).ok().map(|i| i.fixed_offset()),
        }
    }

    /// As a person reads it, in the register's zone.
    pub fn display(&self, zone: Tz) -> String {
        match self {
            When::Instant(instant) => instant
                .with_timezone(&zone)
                .format("%Y-%m-%d %H:%M")
                .to_string(),
            When::Local(moment) => moment.to_string(),
        }
    }
}

/// What is known of the incident that a new time must agree with.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub discovered: Option<Moment>,
    pub imy_notified: Option<DateTime<FixedOffset>>,
}

impl Facts {
    pub fn of(incident: &Incident) -> Facts {
        Facts {
            discovered: Some(incident.report.discovered.clone()),
            imy_notified: incident
                .notification
                .as_ref()
                .and_then(|n| n.imy.as_ref())
                .and_then(|i| i.submitted_at),
        }
    }
}

/// Why a time cannot be true.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Impossible {
    /// A notice sent before the incident was discovered (report.yaml `discovered`, IMY
    /// question 11).
    BeforeDiscovery { discovered: String },
    /// A supplement before the notification it supplements (GDPR Art. 33(4)).
    BeforeNotification { notified: String },
}

/// The judgement of one time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plausibility {
    Fine,
    /// More than [`TOLERANCE_HOURS`] after now: asked before it is recorded.
    Unlikely {
        now: String,
    },
    Impossible(Impossible),
}

/// Judges `when`, the time of `what`, against what is known and `now`.
pub fn judge(
    facts: &Facts,
    what: Recorded,
    when: &When,
    now: DateTime<FixedOffset>,
    zone: Tz,
) -> Plausibility {
    if what.is_notice()
        && let Some(discovered) = &facts.discovered
        && before_discovery(when, discovered, zone)
    {
        return Plausibility::Impossible(Impossible::BeforeDiscovery {
            discovered: discovered.to_string(),
        });
    }
    if what == Recorded::Supplement
        && let (Some(notified), Some(at)) = (facts.imy_notified, when.earliest(zone))
        && at < notified
    {
        return Plausibility::Impossible(Impossible::BeforeNotification {
            notified: When::Instant(notified).display(zone),
        });
    }
    // The lenient reading (a date alone is its first instant): asked only when surely ahead.
    match when.earliest(zone) {
        Some(at) if at > now + Duration::hours(TOLERANCE_HOURS) => Plausibility::Unlikely {
            now: When::Instant(now).display(zone),
        },
        _ => Plausibility::Fine,
    }
}

/// Whether `when` certainly comes before the discovery: a local moment on the calendar
/// (a date alone is not before a time on the same day), an instant against the earliest
/// instant of the discovery (the start of its day when no time is given).
pub fn before_discovery(when: &When, discovered: &Moment, zone: Tz) -> bool {
    match when {
        When::Local(moment) => moment.compare(discovered) == Some(std::cmp::Ordering::Less),
        When::Instant(instant) => discovered
            .earliest_instant(zone)
            .is_ok_and(|start| *instant < start),
    }
}

#[cfg(test)]
mod tests;
