//! The judgement of times: notices before the discovery, a supplement before its
//! notification, and the day of tolerance ahead of now (across the summer-time change).

use chrono::{DateTime, FixedOffset, NaiveDate};
use chrono_tz::Tz;

use super::*;
use crate::domain::moment::ClockTime;

fn zone() -> Tz {
    "Europe/Stockholm".parse().unwrap()
}

fn instant(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap()
}

fn local(date: &str, time: Option<&str>) -> Moment {
    Moment::on(
        NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap(),
        time.map(|t| t.parse::<ClockTime>().unwrap()),
    )
}

fn discovered_at(date: &str, time: Option<&str>) -> Facts {
    Facts {
        discovered: Some(local(date, time)),
        imy_notified: None,
    }
}

const NOW: &str = "2026-03-27T12:00:00+01:00";

#[test]
fn a_notice_before_the_discovery_is_impossible() {
    let facts = discovered_at("2026-03-27", Some("10:00"));
    let now = instant(NOW);
    for what in [
        Recorded::ImyNotified,
        Recorded::SubjectsInformed,
        Recorded::ControllerNotified,
        Recorded::CustomerNotice,
        Recorded::Supplement,
        Recorded::PublicInformed,
        Recorded::Nis2Report,
    ] {
        let early = When::Instant(instant("2026-03-27T09:59:00+01:00"));
        assert_eq!(
            judge(&facts, what, &early, now, zone()),
            Plausibility::Impossible(Impossible::BeforeDiscovery {
                discovered: "2026-03-27 10:00".into()
            }),
            "{what:?}"
        );
        let on_time = When::Instant(instant("2026-03-27T10:00:00+01:00"));
        assert_eq!(
            judge(&facts, what, &on_time, now, zone()),
            Plausibility::Fine
        );
    }
    // A person told on a date alone, the day of the discovery: not certainly before it.
    let same_day = When::Local(local("2026-03-27", None));
    assert_eq!(
        judge(&facts, Recorded::ManagerTold, &same_day, now, zone()),
        Plausibility::Fine
    );
    let day_before = When::Local(local("2026-03-26", Some("23:00")));
    assert!(matches!(
        judge(&facts, Recorded::DpoContacted, &day_before, now, zone()),
        Plausibility::Impossible(_)
    ));
}

#[test]
fn what_is_not_a_notice_may_come_before_the_discovery() {
    let facts = discovered_at("2026-03-27", Some("10:00"));
    let earlier = When::Local(local("2026-03-20", Some("08:00")));
    for what in [
        Recorded::Occurred,
        Recorded::ActionTaken,
        Recorded::Ended,
        Recorded::MeasureDone,
    ] {
        assert_eq!(
            judge(&facts, what, &earlier, instant(NOW), zone()),
            Plausibility::Fine,
            "{what:?}"
        );
    }
}

#[test]
fn a_discovery_without_a_time_starts_its_day() {
    let facts = discovered_at("2026-03-27", None);
    let now = instant(NOW);
    let that_morning = When::Instant(instant("2026-03-27T00:05:00+01:00"));
    assert_eq!(
        judge(&facts, Recorded::ImyNotified, &that_morning, now, zone()),
        Plausibility::Fine
    );
    let the_evening_before = When::Instant(instant("2026-03-26T23:55:00+01:00"));
    assert!(matches!(
        judge(
            &facts,
            Recorded::ImyNotified,
            &the_evening_before,
            now,
            zone()
        ),
        Plausibility::Impossible(_)
    ));
}

#[test]
fn a_supplement_before_its_notification_is_impossible() {
    let facts = Facts {
        discovered: Some(local("2026-03-27", Some("10:00"))),
        imy_notified: Some(instant("2026-03-27T11:00:00+01:00")),
    };
    let before = When::Instant(instant("2026-03-27T10:30:00+01:00"));
    assert_eq!(
        judge(&facts, Recorded::Supplement, &before, instant(NOW), zone()),
        Plausibility::Impossible(Impossible::BeforeNotification {
            notified: "2026-03-27 11:00".into()
        })
    );
    let after = When::Instant(instant("2026-03-27T11:30:00+01:00"));
    assert_eq!(
        judge(&facts, Recorded::Supplement, &after, instant(NOW), zone()),
        Plausibility::Fine
    );
}

#[test]
fn more_than_a_day_ahead_is_unlikely_within_a_day_is_taken() {
    let facts = Facts::default();
    let now = instant(NOW);
    let cases = [
        ("2026-03-28T12:00:00+01:00", true),
        ("2026-03-28T12:01:00+01:00", false),
        ("2030-01-01T09:00:00+01:00", false),
    ];
    for (at, fine) in cases {
        let judged = judge(
            &facts,
            Recorded::ImyNotified,
            &When::Instant(instant(at)),
            now,
            zone(),
        );
        assert_eq!(judged == Plausibility::Fine, fine, "{at}: {judged:?}");
    }
    assert_eq!(
        judge(
            &facts,
            Recorded::ActionTaken,
            &When::Local(local("2030-01-01", None)),
            now,
            zone()
        ),
        Plausibility::Unlikely {
            now: "2026-03-27 12:00".into()
        }
    );
    // A date alone is its first instant: tomorrow is within the day, the day after is not.
    for (date, fine) in [("2026-03-28", true), ("2026-03-29", false)] {
        let judged = judge(
            &facts,
            Recorded::Discovered,
            &When::Local(local(date, None)),
            now,
            zone(),
        );
        assert_eq!(judged == Plausibility::Fine, fine, "{date}: {judged:?}");
    }
}

#[test]
fn the_day_of_tolerance_is_24_elapsed_hours_across_the_summer_time_change() {
    // 2026-03-29 02:00 the clocks go forward: from noon on the 28th, 24 hours later the
    // clock shows 13:00 on the 29th.
    let facts = Facts::default();
    let now = instant("2026-03-28T12:00:00+01:00");
    for (time, fine) in [("12:30", true), ("13:00", true), ("13:01", false)] {
        let when = When::Local(local("2026-03-29", Some(time)));
        let judged = judge(&facts, Recorded::Discovered, &when, now, zone());
        assert_eq!(judged == Plausibility::Fine, fine, "{time}: {judged:?}");
    }
    // 2026-10-25 03:00 the clocks go back: 24 hours after noon on the 24th is 11:00.
    let now = instant("2026-10-24T12:00:00+02:00");
    for (time, fine) in [("11:00", true), ("11:01", false)] {
        let when = When::Local(local("2026-10-25", Some(time)));
        let judged = judge(&facts, Recorded::ActionTaken, &when, now, zone());
        assert_eq!(judged == Plausibility::Fine, fine, "{time}: {judged:?}");
    }
}

#[test]
fn a_time_the_zone_skips_is_left_to_the_check_that_refuses_it() {
    let when = When::Local(local("2027-03-28", Some("02:30")));
    assert_eq!(
        judge(
            &Facts::default(),
            Recorded::Discovered,
            &when,
            instant(NOW),
            zone()
        ),
        Plausibility::Fine
    );
}
