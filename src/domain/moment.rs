//! Points in time as IMY's form asks for them: a date, an optional local clock time and an
//! optional comment (questions 10, 11, 13, 30), and their resolution to instants.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, LocalResult, NaiveDate, NaiveTime, TimeZone};
use chrono_tz::Tz;
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::input::InputError;

/// A local clock time `HH:MM` in the register's timezone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct ClockTime(NaiveTime);

impl ClockTime {
    pub fn new(hour: u32, minute: u32) -> Option<ClockTime> {
        NaiveTime::from_hms_opt(hour, minute, 0).map(ClockTime)
    }

    pub fn naive(self) -> NaiveTime {
        self.0
    }
}

impl fmt::Display for ClockTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%H:%M"))
    }
}

impl FromStr for ClockTime {
    type Err = InputError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        let valid_shape = text.len() == 5 && text.as_bytes()[2] == b':';
        match NaiveTime::parse_from_str(text, "%H:%M") {
            Ok(time) if valid_shape => Ok(ClockTime(time)),
            _ => Err(InputError::NotAClockTime {
                text: text.to_string(),
            }),
        }
    }
}

impl Serialize for ClockTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ClockTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for ClockTime {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ClockTime".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$",
            "description": "Local clock time HH:MM in the register's timezone."
        })
    }
}

/// A date, an optional clock time and an optional comment, as IMY's form asks
/// ("Datum", "Klockslag", "Eventuell kommentar").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Moment {
    /// Date (YYYY-MM-DD), local to the register's timezone.
    pub date: NaiveDate,
    /// Clock time (HH:MM) if known; leave out when only the date is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<ClockTime>,
    /// Optional comment, e.g. how certain the time is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// Why a local date and time does not name one instant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimeProblem {
    /// The clock skipped this time (the change to summer time).
    DoesNotExist,
}

impl Moment {
    pub fn on(date: NaiveDate, time: Option<ClockTime>) -> Moment {
        Moment {
            date,
            time,
            comment: None,
        }
    }

    /// The instant this moment stands for in `zone`. Without a clock time it is the start
    /// of the day, the earliest the moment can be, so a deadline is never computed late.
    /// An ambiguous time (the autumn change) takes the earlier instant, for the same reason.
    pub fn earliest_instant(&self, zone: Tz) -> Result<DateTime<Tz>, TimeProblem> {
        match self.time {
            Some(time) => resolve_local(zone, self.date, time.naive()),
            None => Ok(start_of_day(zone, self.date)),
        }
    }

    /// Orders two moments on the same local calendar: by date, then by time where both
    /// carry one. `None` when they share a date and one lacks a time.
    pub fn compare(&self, other: &Moment) -> Option<std::cmp::Ordering> {
        match self.date.cmp(&other.date) {
            std::cmp::Ordering::Equal => match (self.time, other.time) {
                (Some(a), Some(b)) => Some(a.cmp(&b)),
                _ => None,
            },
            unequal => Some(unequal),
        }
    }
}

impl fmt::Display for Moment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.date.format("%Y-%m-%d"))?;
        if let Some(time) = self.time {
            write!(f, " {time}")?;
        }
        Ok(())
    }
}

/// Resolves a local wall-clock time: a time in the spring gap does not exist; an ambiguous
/// autumn time takes the earlier instant.
pub fn resolve_local(
    zone: Tz,
    date: NaiveDate,
    time: NaiveTime,
) -> Result<DateTime<Tz>, TimeProblem> {
    match zone.from_local_datetime(&date.and_time(time)) {
        LocalResult::Single(instant) => Ok(instant),
        LocalResult::Ambiguous(earlier, _) => Ok(earlier),
        LocalResult::None => Err(TimeProblem::DoesNotExist),
    }
}

/// Resolves a local wall-clock time at which something was sent or done (a submission, a
/// notice): an ambiguous autumn time takes the later instant, so that a deadline is never
/// claimed met on the generous reading. A time in the spring gap does not exist.
pub fn resolve_local_latest(
    zone: Tz,
    date: NaiveDate,
    time: NaiveTime,
) -> Result<DateTime<Tz>, TimeProblem> {
    match zone.from_local_datetime(&date.and_time(time)) {
        LocalResult::Single(instant) => Ok(instant),
        LocalResult::Ambiguous(_, later) => Ok(later),
        LocalResult::None => Err(TimeProblem::DoesNotExist),
    }
}

/// The first instant of a local day (midnight, or the first minute after a gap at midnight).
pub fn start_of_day(zone: Tz, date: NaiveDate) -> DateTime<Tz> {
    let midnight = date.and_time(NaiveTime::MIN);
    // A zone that skips midnight starts the day at the end of the gap; chrono gives the
    // instant through the UTC offset that applies just after it.
    zone.from_local_datetime(&midnight)
        .earliest()
        .unwrap_or_else(|| {
            let after_gap = midnight + chrono::Duration::hours(1);
            zone.from_local_datetime(&after_gap)
                .earliest()
                .unwrap_or_else(|| zone.from_utc_datetime(&midnight))
        })
}

/// Parses what a person types for a moment: `YYYY-MM-DD` or `YYYY-MM-DD HH:MM`
/// (a `T` may stand for the space).
pub fn parse_date_and_time(text: &str) -> Result<(NaiveDate, Option<ClockTime>), InputError> {
    let text = text.trim();
    let (date_part, time_part) = match text.split_once([' ', 'T']) {
        Some((date, time)) => (date, Some(time.trim())),
        None => (text, None),
    };
    let date = parse_date(date_part)?;
    let time = time_part.map(str::parse).transpose()?;
    Ok((date, time))
}

/// Parses a calendar date `YYYY-MM-DD`, naming the problem when the day does not exist.
pub fn parse_date(text: &str) -> Result<NaiveDate, InputError> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| InputError::NotADate {
        text: text.trim().to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::Stockholm;

    fn date(text: &str) -> NaiveDate {
        parse_date(text).unwrap()
    }

    #[test]
    fn clock_time_accepts_only_hh_mm() {
        for (text, ok) in [
            ("08:30", true),
            ("23:59", true),
            ("24:00", false),
            ("8:30", false),
            ("08:30:00", false),
            ("0830", false),
        ] {
            assert_eq!(text.parse::<ClockTime>().is_ok(), ok, "{text}");
        }
    }

    #[test]
    fn parses_dates_with_and_without_time() {
        assert_eq!(
            parse_date_and_time("2026-03-27").unwrap(),
            (date("2026-03-27"), None)
        );
        assert_eq!(
            parse_date_and_time("2026-03-27 10:00").unwrap(),
            (date("2026-03-27"), ClockTime::new(10, 0))
        );
        assert_eq!(
            parse_date_and_time("2026-03-27T10:00").unwrap(),
            (date("2026-03-27"), ClockTime::new(10, 0))
        );
        assert_eq!(
            parse_date_and_time("2026-02-30"),
            Err(InputError::NotADate {
                text: "2026-02-30".into()
            })
        );
        assert_eq!(
            parse_date_and_time("2026-03-27 25:00"),
            Err(InputError::NotAClockTime {
                text: "25:00".into()
            })
        );
    }

    #[test]
    fn a_date_without_time_starts_at_midnight() {
        let moment = Moment::on(date("2026-03-29"), None);
        let instant = moment.earliest_instant(Stockholm).unwrap();
        assert_eq!(instant.to_rfc3339(), "2026-03-29T00:00:00+01:00");
    }

    #[test]
    fn spring_gap_does_not_exist_and_autumn_takes_the_earlier() {
        let gap = Moment::on(date("2026-03-29"), ClockTime::new(2, 30));
        assert_eq!(
            gap.earliest_instant(Stockholm),
            Err(TimeProblem::DoesNotExist)
        );
        let twice = Moment::on(date("2026-10-25"), ClockTime::new(2, 30));
        assert_eq!(
            twice.earliest_instant(Stockholm).unwrap().to_rfc3339(),
            "2026-10-25T02:30:00+02:00"
        );
    }

    #[test]
    fn compares_moments_on_the_calendar() {
        use std::cmp::Ordering::*;
        let a = Moment::on(date("2026-01-01"), ClockTime::new(10, 0));
        let b = Moment::on(date("2026-01-01"), ClockTime::new(9, 0));
        let c = Moment::on(date("2026-01-01"), None);
        let d = Moment::on(date("2026-01-02"), None);
        assert_eq!(a.compare(&b), Some(Greater));
        assert_eq!(a.compare(&c), None);
        assert_eq!(c.compare(&d), Some(Less));
    }
}
