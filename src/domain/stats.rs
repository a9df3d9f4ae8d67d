//! The annual follow-up: the DPO "följer årligen upp inrapporterade incidenter" (the
//! municipal process, step G). Counts by what happened, cause, area, severity band,
//! notified or not and notified late, times from discovery to notification, open measures.

use crate::domain::obligations::GDPR_NOTIFY_IMY_HOURS;
use std::collections::BTreeMap;

use chrono::Datelike;
use chrono_tz::Tz;
use serde::{Deserialize, Deserializer, Serialize};
use std::borrow::Cow;

use super::catalogue::catalogue;

use super::IncidentId;
use super::incident::Incident;
use super::labels;
use super::lang::Lang;
use super::model::VerdictKind;
use super::model::assessment::Band;
use super::model::settings::Settings;
use super::obligations::add_hours;
use super::steps::open_measures;

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Stats {
    pub year: Option<i32>,
    pub incidents: usize,
    pub closed: usize,
    /// By verdict: undecided, personal_data_breach, no_personal_data, not_an_incident,
    /// security_protection.
    pub verdict: BTreeMap<String, usize>,
    /// Counts by option key (IMY question 15); `unknown` when not answered.
    pub what_happened: BTreeMap<String, usize>,
    /// By cause (IMY question 18).
    pub cause: BTreeMap<String, usize>,
    /// By area of activity (IMY question 20).
    pub area: BTreeMap<String, usize>,
    /// By severity band; `unassessed` when not assessed.
    pub severity: BTreeMap<String, usize>,
    pub notified: usize,
    pub notified_late: usize,
    /// Assessed as not to be notified to IMY.
    pub not_notified: usize,
    /// Hours from discovery to notification: the median and the longest.
    pub median_hours_to_notification: Option<f64>,
    pub worst_hours_to_notification: Option<f64>,
    pub open_measures: usize,
    /// By month of discovery, `YYYY-MM`.
    pub by_month: BTreeMap<String, usize>,
    /// Each notified incident's hours from awareness (the discovery unless later) to the
    /// notification, in the order of the ids: the 72 hours of GDPR Art. 33(1) are measured
    /// against these.
    pub hours_to_notification: Vec<NotificationTime>,
}

/// One incident's time from awareness to its notification to IMY.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NotificationTime {
    pub id: String,
    pub hours: f64,
    /// Later than the 72 hours of GDPR Art. 33(1).
    pub late: bool,
}

/// The key a question left unanswered is counted under.
pub const NOT_ANSWERED: &str = "unknown";

fn bump(map: &mut BTreeMap<String, usize>, key: Option<&str>) {
    let key = key.unwrap_or(NOT_ANSWERED);
    *map.entry(key.to_string()).or_default() += 1;
}

/// How a counted key of IMY question `question_number` reads: the option's label, or
/// "(not answered)".
pub fn counted_label(question_number: u8, key: &str, lang: Lang) -> String {
    if key == NOT_ANSWERED {
        lang.pick("(ej besvarat)", "(not answered)").to_string()
    } else {
        labels::option_label(question_number, key, lang)
    }
}

#[expect(
    clippy::cast_precision_loss,
    reason = "minutes between two dates of a register are far below 2^52"
)]
fn hours(minutes: i64) -> f64 {
    // Whole minutes, so the figures read the same however they are computed.
    minutes as f64 / 60.0
}

/// What the follow-up counts of one incident: small, so that a register of any size is
/// counted without holding all its incidents in memory, and kept beside each incident's
/// summary in the register's derived cache (short keys: it is stored once per incident).
/// Nothing in it depends on the moment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tally {
    #[serde(rename = "i")]
    id: IncidentId,
    /// The year and month of the discovery, as `YYYYMM` (a number: no text to keep).
    #[serde(rename = "m")]
    month: u32,
    #[serde(rename = "c", default, skip_serializing_if = "is_false")]
    closed: bool,
    #[serde(rename = "v")]
    verdict: VerdictKind,
    /// The keys of IMY questions 15, 18 and 20: the catalogue's own text when the key is
    /// one of its options, so that a register's tallies hold no copies of it.
    #[serde(
        rename = "w",
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "option_key::<15, _>"
    )]
    what_happened: Option<Cow<'static, str>>,
    #[serde(
        rename = "k",
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "option_key::<18, _>"
    )]
    cause: Option<Cow<'static, str>>,
    #[serde(
        rename = "a",
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "option_key::<20, _>"
    )]
    area: Option<Cow<'static, str>>,
    /// `None`: not assessed.
    #[serde(rename = "s", default, skip_serializing_if = "Option::is_none")]
    severity: Option<Band>,
    /// Notified to IMY: late or not, and the whole minutes from discovery (kept as an
    /// integer, so that the hours read back from the cache are the very same number).
    #[serde(rename = "n", default, skip_serializing_if = "Option::is_none")]
    notified: Option<(bool, i64)>,
    #[serde(rename = "x", default, skip_serializing_if = "is_false")]
    not_notified: bool,
    #[serde(rename = "o", default, skip_serializing_if = "is_zero")]
    open_measures: usize,
}

/// An option key of IMY question `QUESTION`, as the catalogue holds it when it is one.
fn interned(question: u8, key: String) -> Cow<'static, str> {
    match catalogue().question(question).option(&key) {
        Some(option) => Cow::Borrowed(option.key.as_str()),
        None => Cow::Owned(key),
    }
}

fn option_key<'de, const QUESTION: u8, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Cow<'static, str>>, D::Error> {
    let key: Option<String> = Option::deserialize(deserializer)?;
    Ok(key.map(|key| interned(QUESTION, key)))
}

#[expect(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's skip_serializing_if passes a reference"
)]
fn is_false(value: &bool) -> bool {
    !*value
}

#[expect(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's skip_serializing_if passes a reference"
)]
fn is_zero(value: &usize) -> bool {
    *value == 0
}

/// The tally of one incident under the register's settings.
pub fn tally(incident: &Incident, settings: &Settings, zone: Tz) -> Tally {
    let report = &incident.report;
    let submitted = incident
        .notification
        .as_ref()
        .and_then(|n| n.imy.as_ref())
        .and_then(|i| i.submitted_at);
    let notified = match (submitted, report.clock_start().earliest_instant(zone)) {
        (Some(submitted), Ok(aware)) => {
            let submitted = submitted.with_timezone(&zone);
            // Late by the law's 72 hours (GDPR Art. 33(1)), not the organisation's target.
            let late = submitted > add_hours(aware, GDPR_NOTIFY_IMY_HOURS);
            Some((late, submitted.signed_duration_since(aware).num_minutes()))
        }
        _ => None,
    };
    Tally {
        id: report.id.clone(),
        month: u32::try_from(report.discovered.date.year()).unwrap_or(0) * 100
            + report.discovered.date.month(),
        closed: incident.is_closed(),
        verdict: report.verdict_kind(),
        what_happened: report
            .what_happened
            .as_ref()
            .map(|c| interned(15, c.key.clone())),
        cause: report.cause.as_ref().map(|c| interned(18, c.key.clone())),
        area: report
            .area
            .as_ref()
            .or(settings.organisation.area.as_ref())
            .map(|c| interned(20, c.key.clone())),
        severity: incident.assessment.as_ref().map(|a| a.band),
        notified,
        not_notified: notified.is_none()
            && incident
                .assessment
                .as_ref()
                .is_some_and(|a| !a.decision.notify_imy),
        open_measures: open_measures(incident),
    }
}

/// The follow-up of the incidents discovered in `year` (all when `None`).
pub fn stats(incidents: &[Incident], settings: &Settings, zone: Tz, year: Option<i32>) -> Stats {
    let tallies: Vec<Tally> = incidents
        .iter()
        .map(|incident| tally(incident, settings, zone))
        .collect();
    summarize(&tallies, year)
}

/// The follow-up from the tallies of the incidents discovered in `year` (all when `None`).
pub fn summarize(tallies: &[Tally], year: Option<i32>) -> Stats {
    let mut stats = Stats {
        year,
        ..Stats::default()
    };
    let mut delays = Vec::new();
    for tally in tallies
        .iter()
        .filter(|t| year.is_none_or(|y| t.id.year() == y))
    {
        stats.incidents += 1;
        stats.closed += usize::from(tally.closed);
        bump(&mut stats.verdict, Some(tally.verdict.key()));
        bump(&mut stats.what_happened, tally.what_happened.as_deref());
        bump(&mut stats.cause, tally.cause.as_deref());
        bump(&mut stats.area, tally.area.as_deref());
        let severity = tally.severity.map_or("unassessed", Band::key);
        *stats.severity.entry(severity.to_string()).or_default() += 1;
        let month = format!("{:04}-{:02}", tally.month / 100, tally.month % 100);
        bump(&mut stats.by_month, Some(&month));
        if let Some((late, minutes)) = tally.notified {
            let hours = hours(minutes);
            stats.hours_to_notification.push(NotificationTime {
                id: tally.id.to_string(),
                hours,
                late,
            });
            stats.notified += 1;
            stats.notified_late += usize::from(late);
            delays.push(hours);
        }
        stats.not_notified += usize::from(tally.not_notified);
        stats.open_measures += tally.open_measures;
    }
    stats.hours_to_notification.sort_by(|a, b| a.id.cmp(&b.id));
    delays.sort_by(f64::total_cmp);
    stats.worst_hours_to_notification = delays.last().copied();
    stats.median_hours_to_notification = match delays.len() {
        0 => None,
        n if n % 2 == 1 => Some(delays[n / 2]),
        n => Some(f64::midpoint(delays[n / 2 - 1], delays[n / 2])),
    };
    stats
}
