//! Parsing what people type on the command line, shared by the commands: ids, yes/no,
//! languages, instants, option keys and the customer notices. Each parser gives clap the
//! text of its error in both languages ([`Refusal`]), so a bad value is refused before
//! any command runs (exit 2).

use chrono::{DateTime, FixedOffset};
use chrono_tz::Tz;
use serde::Deserialize;

use crate::domain::documents::CustomerNotice;
use crate::domain::id::BadId;
use crate::domain::input::InputError;
use crate::domain::moment::{
    TimeProblem, parse_date_and_time, resolve_local, resolve_local_latest, start_of_day,
};
use crate::domain::{IncidentId, Lang};
use crate::error::{Error, Result};

/// A value refused by one of the parsers here, in both languages: clap shows it (in
/// English, as its Display) after "invalid value", and the Swedish error formatter of
/// [`super::help`] takes the Swedish words from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub sv: String,
    pub en: String,
}

impl Refusal {
    pub fn new(sv: String, en: String) -> Refusal {
        Refusal { sv, en }
    }

    pub fn text(&self, lang: Lang) -> &str {
        lang.pick(&self.sv, &self.en)
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en)
    }
}

impl std::error::Error for Refusal {}

/// An incident id as typed: `YYYY-NNNN`, spaces around it forgiven.
pub fn incident_id(text: &str) -> Result<IncidentId, Refusal> {
    text.trim().parse().map_err(|_| {
        Refusal::new(
            BadId::describe(text, Lang::Sv),
            BadId::describe(text, Lang::En),
        )
    })
}

pub fn parse_yes_no(text: &str) -> Result<bool, Refusal> {
    match text.trim().to_lowercase().as_str() {
        "yes" | "ja" | "true" | "y" | "j" => Ok(true),
        "no" | "nej" | "false" | "n" => Ok(false),
        _ => Err(Refusal::new(
            format!("`{text}` är varken ja eller nej"),
            format!("`{text}` is not yes or no"),
        )),
    }
}

pub fn parse_lang(text: &str) -> Result<Lang, Refusal> {
    Lang::parse(text).ok_or_else(|| {
        Refusal::new(
            format!("`{text}` är inget språk: skriv sv eller en"),
            format!("`{text}` is not a language: use sv or en"),
        )
    })
}

pub fn parse_instant(text: &str) -> Result<DateTime<FixedOffset>, Refusal> {
    DateTime::parse_from_rfc3339(text).map_err(|e| {
        Refusal::new(
            format!("`{text}` är ingen tidpunkt enligt RFC 3339: {e}"),
            format!("`{text}` is not an RFC 3339 instant: {e}"),
        )
    })
}

/// One of a type's serde keys (`known_recipients`, `sensitive`).
pub fn parse_key<T: for<'de> Deserialize<'de>>(text: &str) -> Result<T, Refusal> {
    serde_json::from_value(serde_json::Value::String(text.trim().to_string())).map_err(|_| {
        Refusal::new(
            format!("`{text}` är inget av de tillåtna värdena (se --help)"),
            format!("`{text}` is not one of the allowed values (see --help)"),
        )
    })
}

/// Parses `--at`: an RFC 3339 instant, or a local date and time in the register's zone
/// (a date alone is the start of that day). An ambiguous autumn time is the earlier
/// instant: the reading under which a clock running from it is never late.
pub fn parse_at(text: &str, zone: Tz) -> Result<DateTime<Tz>> {
    parse_at_resolving(text, zone, resolve_local)
}

/// Parses `--at` of something sent or done (a submission to IMY, a notice): an ambiguous
/// autumn time is the later instant, so "met" is never claimed on the generous reading.
pub fn parse_sent_at(text: &str, zone: Tz) -> Result<DateTime<Tz>> {
    parse_at_resolving(text, zone, resolve_local_latest)
}

/// Parses `--as-of`: an RFC 3339 instant, or a local date and time in the register's zone.
/// A date alone is the end of that day (its last second), so that the register "as of 30
/// March" holds everything recorded that day; an ambiguous autumn time is the later
/// instant, which holds all that the earlier one does.
pub fn parse_as_of(text: &str, zone: Tz) -> Result<DateTime<Tz>> {
    parse_moment(text, zone, "--as-of", resolve_local_latest, |zone, date| {
        date.succ_opt().map_or_else(
            || start_of_day(zone, date),
            |next| start_of_day(zone, next) - chrono::TimeDelta::seconds(1),
        )
    })
}

type Resolve = fn(Tz, chrono::NaiveDate, chrono::NaiveTime) -> Result<DateTime<Tz>, TimeProblem>;

fn parse_at_resolving(text: &str, zone: Tz, resolve: Resolve) -> Result<DateTime<Tz>> {
    parse_moment(text, zone, "--at", resolve, start_of_day)
}

fn parse_moment(
    text: &str,
    zone: Tz,
    flag: &str,
    resolve: Resolve,
    date_alone: fn(Tz, chrono::NaiveDate) -> DateTime<Tz>,
) -> Result<DateTime<Tz>> {
    if let Ok(instant) = DateTime::parse_from_rfc3339(text.trim()) {
        return Ok(instant.with_timezone(&zone));
    }
    let (date, time) =
        parse_date_and_time(text).map_err(|message| Error::bad_input(flag, message))?;
    match time {
        Some(time) => resolve(zone, date, time.naive()).map_err(|_| {
            Error::bad_input(
                flag,
                InputError::SkippedTime {
                    text: text.to_string(),
                    zone: zone.to_string(),
                },
            )
        }),
        None => Ok(date_alone(zone, date)),
    }
}

/// The three notices of a vendor's incident process to an affected customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum NoticeArg {
    /// Acknowledgement with the case number
    Acknowledgement,
    /// Detailed notice (consequences, extent), within the hours the agreement gives (inform_customers_hours)
    Detailed,
    /// Resolution
    Resolution,
}

impl From<NoticeArg> for CustomerNotice {
    fn from(notice: NoticeArg) -> CustomerNotice {
        match notice {
            NoticeArg::Acknowledgement => CustomerNotice::Acknowledgement,
            NoticeArg::Detailed => CustomerNotice::Detailed,
            NoticeArg::Resolution => CustomerNotice::Resolution,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yes_and_no_in_swedish_and_english() {
        for yes in ["yes", "Ja", " j ", "y", "true"] {
            assert_eq!(parse_yes_no(yes), Ok(true), "{yes}");
        }
        for no in ["no", "NEJ", "n", "false"] {
            assert_eq!(parse_yes_no(no), Ok(false), "{no}");
        }
        assert!(parse_yes_no("kanske").is_err());
    }

    #[test]
    fn ids_are_trimmed_and_paths_refused() {
        assert_eq!(incident_id(" 2026-0001 ").unwrap().to_string(), "2026-0001");
        let refused = incident_id("../x").unwrap_err();
        assert!(
            refused.to_string().contains("is not an incident id"),
            "{refused}"
        );
        assert!(
            refused.text(Lang::Sv).contains("är inget incident-id"),
            "{refused}"
        );
    }

    #[test]
    fn at_takes_an_instant_or_a_local_time_and_refuses_the_summer_gap() {
        let zone: Tz = "Europe/Stockholm".parse().unwrap();
        let local = parse_at("2026-03-27 10:00", zone).unwrap();
        assert_eq!(
            local.fixed_offset().to_rfc3339(),
            "2026-03-27T10:00:00+01:00"
        );
        let day = parse_at("2026-03-27", zone).unwrap();
        assert_eq!(day.fixed_offset().to_rfc3339(), "2026-03-27T00:00:00+01:00");
        let instant = parse_at("2026-03-27T09:00:00Z", zone).unwrap();
        assert_eq!(
            instant.fixed_offset().to_rfc3339(),
            "2026-03-27T10:00:00+01:00"
        );
        assert!(
            parse_at("2026-03-29 02:30", zone).is_err(),
            "the clocks skip 02:00–03:00"
        );
    }

    #[test]
    fn as_of_a_date_is_the_end_of_that_day() {
        let zone: Tz = "Europe/Stockholm".parse().unwrap();
        let day = parse_as_of("2026-03-29", zone).unwrap();
        assert_eq!(day.fixed_offset().to_rfc3339(), "2026-03-29T23:59:59+02:00");
        let local = parse_as_of("2026-03-27 10:00", zone).unwrap();
        assert_eq!(
            local.fixed_offset().to_rfc3339(),
            "2026-03-27T10:00:00+01:00"
        );
        let autumn = parse_as_of("2026-10-25 02:30", zone).unwrap();
        assert_eq!(
            autumn.fixed_offset().to_rfc3339(),
            "2026-10-25T02:30:00+01:00"
        );
        let refused = parse_as_of("2026-03-29 02:30", zone).unwrap_err();
        assert!(
            refused.message(Lang::En).starts_with("--as-of:"),
            "{refused:?}"
        );
    }

    #[test]
    fn an_ambiguous_autumn_time_runs_a_clock_from_the_earlier_and_sends_at_the_later() {
        let zone: Tz = "Europe/Stockholm".parse().unwrap();
        // 2026-10-25: the clocks go back from 03:00 to 02:00, so 02:30 happens twice.
        let from = parse_at("2026-10-25 02:30", zone).unwrap();
        let sent = parse_sent_at("2026-10-25 02:30", zone).unwrap();
        assert_eq!(
            from.fixed_offset().to_rfc3339(),
            "2026-10-25T02:30:00+02:00"
        );
        assert_eq!(
            sent.fixed_offset().to_rfc3339(),
            "2026-10-25T02:30:00+01:00"
        );
        assert!(parse_sent_at("2026-03-29 02:30", zone).is_err());
        assert_eq!(
            parse_sent_at("2026-10-24 12:00", zone).unwrap(),
            parse_at("2026-10-24 12:00", zone).unwrap()
        );
    }
}

/// The verdict as typed on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum VerdictArg {
    /// Not yet decided: treated as a possible personal data breach, the clock runs
    Undecided,
    /// A personal data breach (GDPR Art. 4(12)): Art. 33 and 34 apply
    #[value(name = "personal_data_breach", alias = "breach")]
    PersonalDataBreach,
    /// An incident without personal data: documented, no GDPR obligations
    #[value(name = "no_personal_data")]
    NoPersonalData,
    /// Not an incident: a bug or a cosmetic flaw, documented and closable
    #[value(name = "not_an_incident")]
    NotAnIncident,
    /// A security-protection incident (säkerhetsskyddslagen 2018:585): to Säkerhetspolisen, not IMY
    #[value(name = "security_protection")]
    SecurityProtection,
}

impl From<VerdictArg> for crate::domain::model::VerdictKind {
    fn from(arg: VerdictArg) -> crate::domain::model::VerdictKind {
        match arg {
            VerdictArg::Undecided => crate::domain::model::VerdictKind::Undecided,
            VerdictArg::PersonalDataBreach => crate::domain::model::VerdictKind::PersonalDataBreach,
            VerdictArg::NoPersonalData => crate::domain::model::VerdictKind::NoPersonalData,
            VerdictArg::NotAnIncident => crate::domain::model::VerdictKind::NotAnIncident,
            VerdictArg::SecurityProtection => crate::domain::model::VerdictKind::SecurityProtection,
        }
    }
}

/// A value of a flag whose values are listed: the refusal names them (`--sync`, `sync
/// --keep`, `log --purpose`, `assess --exception`).
pub fn one_of(text: &str, allowed: &str) -> Refusal {
    let text = text.trim();
    Refusal::new(
        format!("`{text}` är inget av de tillåtna värdena: {allowed}"),
        format!("`{text}` is not one of the allowed values: {allowed}"),
    )
}
