//! Every problem in both languages, and the options named with the nearest.

use super::*;

/// One value of every problem, but the YAML reader's, which keeps its own words.
fn one_of_each() -> Vec<InputError> {
    let text = || "x".to_string();
    let impossible = |why| InputError::ImpossibleTime {
        what: Recorded::ImyNotified,
        at: "2026-03-27 00:00".into(),
        why,
    };
    vec![
        InputError::NotADate { text: text() },
        InputError::NotAClockTime { text: text() },
        InputError::SkippedTime {
            text: "2026-03-29 02:30".into(),
            zone: "Europe/Stockholm".into(),
        },
        InputError::NotACount { text: text() },
        InputError::unknown_option(35, "no_high_risks"),
        InputError::CommentNeeded {
            key: "other".into(),
            flag: "--q26".into(),
        },
        InputError::NoName,
        InputError::NotABreachType { text: text() },
        InputError::NotARole { text: text() },
        InputError::AwareBeforeDiscovery {
            aware: "1".into(),
            discovered: "2".into(),
        },
        InputError::EmptyText,
        InputError::NotWaivable { key: "imy".into() },
        InputError::RegimeNotFollowed {
            regime: "nis2".into(),
        },
        InputError::UnintelligibleButNotEncrypted,
        InputError::DueBeforeRequest {
            due: "1".into(),
            requested: "2".into(),
        },
        InputError::AwareAfterNotification {
            aware: "1".into(),
            notified: "2".into(),
        },
        InputError::ExceptionNotForBand {
            exception: "subsequent_measures".into(),
            band: "medium".into(),
        },
        InputError::UnintelligibleNotAnswered,
        InputError::CategoryBelowReport {
            chosen: "simple".into(),
            implied: "sensitive".into(),
            keys: vec!["health".into()],
        },
        impossible(Impossible::BeforeDiscovery {
            discovered: "2026-03-28 08:00".into(),
        }),
        impossible(Impossible::BeforeNotification {
            notified: "2026-03-28 08:00".into(),
        }),
        InputError::UnlikelyTime {
            what: Recorded::Discovered,
            at: "2027-01-01 08:00".into(),
            now: "2026-03-27 08:00".into(),
        },
        InputError::NotAnAuthor { text: text() },
        InputError::NotAnOrgNumber { text: text() },
        InputError::AddressIncomplete,
        InputError::OutOfRange {
            text: text(),
            unit: "seconds",
            max: "3600",
        },
        InputError::NothingToWaive {
            key: "imy".into(),
            open: vec![],
        },
        InputError::PublicNotInformed {
            id: "2026-0001".into(),
        },
        InputError::TooLarge { limit: 1_048_576 },
        InputError::NoWriter { seconds: 10 },
        InputError::RequestNotIntermediate,
        InputError::UnknownRegime {
            key: text(),
            known: vec!["nis2".into()],
        },
        InputError::UnknownRegimeReport {
            key: text(),
            known: vec!["early_warning".into()],
        },
    ]
}

#[test]
fn every_problem_is_written_in_swedish_and_in_english() {
    for problem in one_of_each() {
        assert_ne!(
            problem.describe(Lang::Sv),
            problem.describe(Lang::En),
            "{problem:?} has one text for both"
        );
    }
    let medium = InputError::ExceptionNotForBand {
        exception: "subsequent_measures".into(),
        band: "medium".into(),
    };
    assert!(
        medium.describe(Lang::Sv).contains("här är risken medel,"),
        "{}",
        medium.describe(Lang::Sv)
    );
}

#[test]
fn an_unknown_option_names_the_options_and_the_nearest() {
    let problem = known_option(35, "no_high_risks").unwrap_err();
    let text = problem.describe(Lang::En);
    assert!(
        text.starts_with("`no_high_risks` is not an option of IMY question 35; the options are: ")
    );
    assert!(text.ends_with(" (did you mean `no_high_risk`?)"), "{text}");
    assert!(known_option(35, "no_high_risk").is_ok());
}
