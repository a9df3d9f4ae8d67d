//! How an obligation's times are shown: the time left or overdue, and an instant in the
//! register's zone.

use chrono::DateTime;
use chrono_tz::Tz;

use super::{Duty, Obligation, State};
use crate::domain::lang::Lang;

/// A settled obligation's state as `show` says it. The supplement of GDPR Art. 33(4)
/// (IMY: within 4 weeks) is met by the first supplement recorded (`notified supplement`),
/// and says so with its time, so that the record shows which filing met it.
pub fn settled(obligation: &Obligation, lang: Lang) -> String {
    let label = obligation.state.label(lang);
    match (&obligation.duty, obligation.state, obligation.met_at) {
        (Duty::Supplement, State::Met | State::MetLate, Some(at)) => format!(
            "{label} ({} {})",
            lang.pick("komplettering 1", "supplement 1"),
            local(at)
        ),
        _ => label.to_string(),
    }
}

/// How long until `due`, or how long it is overdue, in days, hours and minutes.
pub fn time_left(due: DateTime<Tz>, now: DateTime<Tz>, lang: Lang) -> String {
    let delta = due.signed_duration_since(now);
    let minutes = delta.num_minutes().abs();
    let (days, hours, mins) = (minutes / (24 * 60), (minutes / 60) % 24, minutes % 60);
    let mut parts = Vec::new();
    if days > 0 {
        parts.push(format!("{days} d"));
    }
    if hours > 0 {
        parts.push(format!("{hours} {}", lang.pick("tim", "h")));
    }
    if days == 0 && (mins > 0 || parts.is_empty()) {
        parts.push(format!("{mins} min"));
    }
    let span = parts.join(" ");
    if delta.num_minutes() < 0 {
        format!("{} {span}", lang.pick("försenad", "overdue by"))
    } else {
        format!("{span} {}", lang.pick("kvar", "left"))
    }
}

/// An instant as shown: local time in the register's zone, with its offset.
pub fn local(instant: DateTime<Tz>) -> String {
    instant.format("%Y-%m-%d %H:%M %:z").to_string()
}

/// An instant as people say it, in the register's zone: "torsdag 3 december 14:05" /
/// "Thursday 3 December 14:05".
pub fn spoken(instant: DateTime<Tz>, lang: Lang) -> String {
    use chrono::{Datelike, Timelike};
    format!(
        "{} {} {} {:02}:{:02}",
        lang.weekday(instant.weekday().num_days_from_monday()),
        instant.day(),
        lang.month(instant.month0()),
        instant.hour(),
        instant.minute()
    )
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use chrono_tz::Europe::Stockholm;

    use super::*;

    #[test]
    fn the_supplement_duty_says_it_was_met_by_the_first_supplement() {
        let due = Stockholm.with_ymd_and_hms(2026, 4, 24, 11, 0, 0).unwrap();
        let sent = Stockholm.with_ymd_and_hms(2026, 4, 2, 9, 30, 0).unwrap();
        let obligation = |duty, met_at| Obligation {
            incident: "2026-0001".parse().unwrap(),
            duty,
            runs_from: due,
            due,
            met_at,
            state: State::Met,
        };
        assert_eq!(
            settled(&obligation(Duty::Supplement, Some(sent)), Lang::Sv),
            "uppfylld (komplettering 1 2026-04-02 09:30 +02:00)"
        );
        assert_eq!(
            settled(&obligation(Duty::Supplement, Some(sent)), Lang::En),
            "met (supplement 1 2026-04-02 09:30 +02:00)"
        );
        assert_eq!(
            settled(&obligation(Duty::NotifyImy, Some(sent)), Lang::En),
            "met"
        );
    }

    #[test]
    fn an_instant_is_said_with_its_weekday_and_month_in_the_language() {
        let at = Stockholm.with_ymd_and_hms(2026, 12, 3, 14, 5, 0).unwrap();
        assert_eq!(spoken(at, Lang::Sv), "torsdag 3 december 14:05");
        assert_eq!(spoken(at, Lang::En), "Thursday 3 December 14:05");
    }
}
