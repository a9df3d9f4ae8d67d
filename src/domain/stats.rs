//! The annual follow-up: the DPO "följer årligen upp inrapporterade incidenter" (the
//! municipal process, step G). Counts by what happened, cause, area, severity band,
//! notified or not and notified late, times from discovery to notification, open measures.

use std::collections::BTreeMap;

use chrono::Duration;
use chrono_tz::Tz;
use serde::Serialize;

use super::incident::Incident;
use super::model::actions::MeasureStatus;
use super::model::settings::{DeadlineSettings, Settings};
use super::obligations::add_hours;

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Stats {
    pub year: Option<i32>,
    pub incidents: usize,
    pub closed: usize,
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
}

fn bump(map: &mut BTreeMap<String, usize>, key: Option<&str>) {
    *map.entry(key.unwrap_or("unknown").to_string()).or_default() += 1;
}

fn hours(duration: Duration) -> f64 {
    // Whole minutes, so the figures read the same however they are computed.
    duration.num_minutes() as f64 / 60.0
}

/// The follow-up of the incidents discovered in `year` (all when `None`).
pub fn stats(incidents: &[Incident], settings: &Settings, zone: Tz, year: Option<i32>) -> Stats {
    let deadlines: &DeadlineSettings = &settings.deadlines;
    let mut stats = Stats {
        year,
        ..Stats::default()
    };
    let mut delays = Vec::new();
    for incident in incidents
        .iter()
        .filter(|i| year.is_none_or(|y| i.report.id.year() == y))
    {
        let report = &incident.report;
        stats.incidents += 1;
        stats.closed += usize::from(incident.is_closed());
        bump(
            &mut stats.what_happened,
            report.what_happened.as_ref().map(|c| c.key.as_str()),
        );
        bump(
            &mut stats.cause,
            report.cause.as_ref().map(|c| c.key.as_str()),
        );
        let area = report.area.as_ref().or(settings.organisation.area.as_ref());
        bump(&mut stats.area, area.map(|c| c.key.as_str()));
        *stats
            .severity
            .entry(
                incident
                    .assessment
                    .as_ref()
                    .map_or("unassessed", |a| a.band.key())
                    .to_string(),
            )
            .or_default() += 1;
        let submitted = incident
            .notification
            .as_ref()
            .and_then(|n| n.imy.as_ref())
            .and_then(|i| i.submitted_at);
        match (submitted, report.discovered.earliest_instant(zone)) {
            (Some(submitted), Ok(aware)) => {
                stats.notified += 1;
                let submitted = submitted.with_timezone(&zone);
                if submitted > add_hours(aware, deadlines.notify_imy_hours) {
                    stats.notified_late += 1;
                }
                delays.push(hours(submitted.signed_duration_since(aware)));
            }
            _ => {
                if incident
                    .assessment
                    .as_ref()
                    .is_some_and(|a| !a.decision.notify_imy)
                {
                    stats.not_notified += 1;
                }
            }
        }
        stats.open_measures += incident
            .actions
            .as_ref()
            .map(|a| {
                a.planned
                    .iter()
                    .filter(|m| m.status == MeasureStatus::Open)
                    .count()
            })
            .unwrap_or(0);
    }
    delays.sort_by(f64::total_cmp);
    stats.worst_hours_to_notification = delays.last().copied();
    stats.median_hours_to_notification = match delays.len() {
        0 => None,
        n if n % 2 == 1 => Some(delays[n / 2]),
        n => Some((delays[n / 2 - 1] + delays[n / 2]) / 2.0),
    };
    stats
}
