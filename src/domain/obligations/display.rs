//! How an obligation's times are shown: the time left or overdue, and an instant in the
//! register's zone.

use chrono::DateTime;
use chrono_tz::Tz;

use crate::domain::lang::Lang;

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
