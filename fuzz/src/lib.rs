//! What every fuzz target checks, so that each target is one line.
//!
//! - A loader never panics, whatever the bytes.
//! - What a loader accepts, the tool writes back (`files::render`) and reads again as the
//!   same value: the journal never records a file its own loader would refuse or read
//!   differently.
//! - Every pure command over an accepted incident runs: the summary `list` shows, the
//!   obligations of `deadlines`, the IMY form in all three formats, the letter, the report,
//!   the customer notices and the checklist.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::TimeZone;
use chrono_tz::Tz;
use incident::domain::documents::{self, CustomerNotice};
use incident::domain::id::IncidentId;
use incident::domain::incident::{Incident, Summary};
use incident::domain::lang::Lang;
use incident::domain::model::{Actions, Assessment, Closure, Notification, Report, Settings};
use incident::domain::moment::{Moment, parse_date_and_time};
use incident::domain::{imy, obligations, privacy, steps};
use incident::store::files::{self, FileKind};
use incident::store::layout::incident_file;
use incident::store::load::{parse_incident, parse_settings};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// The example register's first incident and settings: the valid context a fuzzed file
/// is loaded into.
const EXAMPLE_SETTINGS: &str = include_str!("../../examples/register/incident.toml");
const EXAMPLE_REPORT: &str =
    include_str!("../../examples/register/incidents/2021/2021-0001/report.yaml");
const EXAMPLE_ID: &str = "2021-0001";

fn example_settings() -> (Settings, Tz) {
    parse_settings(Path::new("incident.toml"), EXAMPLE_SETTINGS).expect("the example is valid")
}

/// A fixed moment for the time-dependent parts (obligations, question 14 of the form).
fn fixed_now(zone: Tz) -> chrono::DateTime<Tz> {
    zone.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap()
}

/// Fuzzes the loader of one incident file: alone, then inside an incident whose other
/// file is the example report.
pub fn incident_file_input(kind: FileKind, data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match kind {
        FileKind::Report => round_trip::<Report>(kind, text),
        FileKind::Assessment => round_trip::<Assessment>(kind, text),
        FileKind::Actions => round_trip::<Actions>(kind, text),
        FileKind::Notification => round_trip::<Notification>(kind, text),
        FileKind::Closure => round_trip::<Closure>(kind, text),
        FileKind::Settings => unreachable!("settings have their own target"),
    }
    let (settings, zone) = example_settings();
    let id: IncidentId = EXAMPLE_ID.parse().unwrap();
    let mut texts = BTreeMap::new();
    texts.insert(FileKind::Report, EXAMPLE_REPORT.to_string());
    texts.insert(kind, text.to_string());
    if let Ok(incident) = parse_incident(&id, &texts, zone, &settings) {
        every_view(&incident, &settings, zone);
        for text in texts.values() {
            let _ = privacy::find(text, &[]);
        }
    }
}

/// Fuzzes the loader of `incident.toml`; accepted settings must round-trip and serve the
/// example incident's views.
pub fn settings_input(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    round_trip::<Settings>(FileKind::Settings, text);
    let Ok((settings, zone)) = parse_settings(Path::new("incident.toml"), text) else {
        return;
    };
    let id: IncidentId = EXAMPLE_ID.parse().unwrap();
    let texts = BTreeMap::from([(FileKind::Report, EXAMPLE_REPORT.to_string())]);
    if let Ok(incident) = parse_incident(&id, &texts, zone, &settings) {
        every_view(&incident, &settings, zone);
    }
}

/// Fuzzes the incident id parser: an accepted id prints as it parses, and its folder and
/// files stay inside `incidents/` (no `..`, no absolute path, no extra separator).
pub fn id_input(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(id) = text.parse::<IncidentId>() else {
        return;
    };
    assert_eq!(id.to_string().parse::<IncidentId>().unwrap(), id);
    let folder = id.folder();
    let path = incident_file(&id, FileKind::Report);
    for relative in [folder.as_str(), path.as_str()] {
        assert!(relative.starts_with("incidents/"), "{relative}");
        assert!(Path::new(relative).is_relative(), "{relative}");
        assert!(
            Path::new(relative)
                .components()
                .all(|c| matches!(c, std::path::Component::Normal(_))),
            "{relative}"
        );
    }
    assert_eq!(Path::new(&folder).components().count(), 3, "{folder}");
}

/// Fuzzes the date-and-time parser of flags and prompts: an accepted moment prints and
/// parses back the same, and resolves to an instant in every zone (DST gaps included).
pub fn moment_input(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok((date, time)) = parse_date_and_time(text) else {
        return;
    };
    let printed = match time {
        Some(time) => format!("{} {time}", date.format("%Y-%m-%d")),
        None => date.format("%Y-%m-%d").to_string(),
    };
    assert_eq!(
        parse_date_and_time(&printed).unwrap(),
        (date, time),
        "{printed}"
    );
    let moment = Moment::on(date, time);
    for zone in [
        chrono_tz::Europe::Stockholm,
        chrono_tz::UTC,
        chrono_tz::Pacific::Apia,
    ] {
        let _ = moment.earliest_instant(zone);
    }
}

/// Parses one file; if accepted, renders it as the tool writes it and parses that again:
/// it must be accepted and equal.
fn round_trip<T: DeserializeOwned + Serialize>(kind: FileKind, text: &str) {
    let Ok(value) = files::parse::<T>(kind, Path::new(kind.file_name()), text) else {
        return;
    };
    let written = files::render(kind, &value, "schema.json")
        .unwrap_or_else(|error| panic!("an accepted {kind:?} cannot be written: {error}"));
    let again =
        files::parse::<T>(kind, Path::new(kind.file_name()), &written).unwrap_or_else(|problems| {
            panic!("the tool's own {kind:?} is refused: {problems:?}\n--- written:\n{written}")
        });
    assert_eq!(
        serde_json::to_value(&value).unwrap(),
        serde_json::to_value(&again).unwrap(),
        "{kind:?} reads back differently\n--- written:\n{written}"
    );
}

/// Every pure view of an accepted incident, as the commands build them.
fn every_view(incident: &Incident, settings: &Settings, zone: Tz) {
    let now = fixed_now(zone);
    let _ = Summary::of(incident);
    // Under the register's regimes, as the commands schedule them.
    let obligations =
        obligations::of_incidents(std::slice::from_ref(incident), settings, zone, now)
            .unwrap_or_default();
    let form = imy::build(incident, settings, zone, now);
    let _ = imy::render_text(&form);
    let _ = imy::render_markdown(&form);
    let _ = imy::render_json(&form);
    for lang in [Lang::Sv, Lang::En] {
        for reader in [documents::Reader::DataSubject, documents::Reader::Guardian] {
            let _ = documents::letter(incident, settings, lang, reader);
        }
        let _ = documents::report(incident, settings, lang, Some("0000000"), &obligations);
        for notice in [
            CustomerNotice::Acknowledgement,
            CustomerNotice::Detailed,
            CustomerNotice::Resolution,
        ] {
            let _ = documents::customer_notice(incident, settings, lang, notice);
        }
        let _ = steps::checklist(incident, lang);
    }
}
