//! The words of the errors: where the hint goes, and that each is written in both
//! languages.

use std::path::PathBuf;

use super::*;
use crate::domain::{Bilingual, IncidentId};
use crate::error::exit;

#[test]
fn a_hint_is_printed_under_the_message_never_inside_it() {
    let id: IncidentId = "2026-0001".parse().unwrap();
    let error = Error::OpenMeasures {
        id: id.clone(),
        measures: vec![(2, "Byt rutin".into())],
    };
    assert_eq!(
        error.full_text(Lang::En),
        "2026-0001 cannot be closed while planned measures are open (the municipal process, step H: close after the measures):\n  2. Byt rutin\n  hint: `incident log 2026-0001 --done N`, or `incident log 2026-0001 --defer N --reason TEXT`"
    );
    assert!(!error.message(Lang::En).contains("hint"));
    assert_eq!(error.exit_code(), exit::REFUSED);
    let none = Error::NoSuchMeasure {
        id,
        flag: "--done".into(),
        count: 0,
    };
    assert_eq!(
        none.message(Lang::En),
        "--done: 2026-0001 has no planned measures"
    );
    assert!(none.hint(Lang::En).unwrap().contains("--planned"));
}

#[test]
fn missing_answers_are_listed_one_a_line() {
    let error = Error::MissingAnswers {
        command: "new".into(),
        missing: vec![("--title TEXT".into(), "a short title".into())],
        from_file: true,
    };
    assert_eq!(
        error.full_text(Lang::En),
        "`incident new` needs answers that were not given, and it cannot ask for them (no terminal, or --no-input):\n  --title TEXT                 a short title\n  hint: pass them as flags, or in a file with --from FILE"
    );
    let not_found = Error::NotARegister {
        path: PathBuf::from("kommun"),
        is_folder: true,
    };
    assert_eq!(
        not_found.to_string(),
        "kommun is not a register: it has no incident.toml\n  hint: create one with `incident init kommun`"
    );
}

#[test]
fn a_refused_push_names_the_commit_the_file_and_what_to_do_in_both_languages() {
    let commit = "0123456789abcdef0123456789abcdef01234567".to_string();
    let error = Error::PushRefused {
        branch: "main".into(),
        refusals: vec![Refusal::InvalidFiles {
            commit,
            problems: vec![FileProblem {
                file: PathBuf::from("incidents/2026/2026-0001/report.yaml"),
                line: Some(3),
                column: None,
                field: None,
                message: Bilingual::same("is broken"),
            }],
        }],
    };
    assert_eq!(
        error.message(Lang::En),
        "the push to the register's branch main was refused; nothing was changed on the server:\n  - commit 0123456789 holds files that are not valid:\n      incidents/2026/2026-0001/report.yaml:3: is broken\n    mend them in your clone (`incident validate` names them), record the fix with `incident record -m WHY`, then push again"
    );
    let swedish = error.message(Lang::Sv);
    assert!(
        swedish.starts_with("pushen till registrets gren main avvisades"),
        "{swedish}"
    );
    assert!(swedish.contains("report.yaml:3: is broken"), "{swedish}");
    assert_eq!(error.exit_code(), exit::REFUSED);
}

/// One value of every variant, with data cheap to make.
fn one_of_each() -> Vec<Error> {
    use crate::domain::input::InputError;
    use crate::domain::model::VerdictKind;
    use crate::domain::model::assessment::Band;
    use crate::domain::steps::Step;

    let id: IncidentId = "2026-0001".parse().unwrap();
    let problem = FileProblem {
        file: PathBuf::from("incident.toml"),
        line: Some(1),
        column: None,
        field: None,
        message: Bilingual::same("is broken"),
    };
    let mut errors = vec![
        Error::NoRegister {
            start: PathBuf::from("kommun"),
        },
        Error::NotARegister {
            path: PathBuf::from("kommun"),
            is_folder: true,
        },
        Error::NotARegister {
            path: PathBuf::from("kommun"),
            is_folder: false,
        },
        Error::RegisterExists {
            path: PathBuf::from("kommun"),
        },
        Error::NotJournaled {
            path: PathBuf::from("kommun"),
        },
        Error::invalid(vec![problem.clone()]),
        Error::HandEditsInvalid {
            problems: vec![problem.clone()],
        },
        Error::bad_input("--organisation", InputError::NoName),
        Error::MissingAnswers {
            command: "new".into(),
            missing: vec![("--title TEXT".into(), "a short title".into())],
            from_file: true,
        },
        Error::UnknownIncident {
            id: "2026-0009".into(),
            suggestions: vec![],
        },
        Error::NoAuthor,
        Error::Concurrent {
            what: Meanwhile::Settings,
        },
        Error::Concurrent {
            what: Meanwhile::Incident {
                id: id.clone(),
                created: true,
            },
        },
        Error::Busy { waited: 2.0 },
        Error::Io {
            action: "read",
            path: PathBuf::from("report.yaml"),
            source: std::io::Error::from(std::io::ErrorKind::NotFound),
        },
        Error::Git {
            action: "read the index".into(),
            message: "corrupt".into(),
        },
        Error::Prompt {
            message: "closed".into(),
        },
        Error::DiscoveryNotInZone { id: id.clone() },
        Error::AlreadyClosed { id: id.clone() },
        Error::NotClosed { id: id.clone() },
        Error::OpenMeasures {
            id: id.clone(),
            measures: vec![(1, "Byt rutin".into())],
        },
        Error::ObligationsOpen {
            id: id.clone(),
            obligations: vec![],
        },
        Error::NotProcessor { id: id.clone() },
        Error::NothingToSupplement { id: id.clone() },
        Error::NoImyForm {
            id: id.clone(),
            verdict: VerdictKind::NotAnIncident,
        },
        Error::CaseClosed { id: id.clone() },
        Error::VerdictDropsDuties {
            id: id.clone(),
            verdict: VerdictKind::NotAnIncident,
            duties: vec![],
        },
        Error::ProcessorNotifiesController { id: id.clone() },
        Error::NothingToExplain { id: id.clone() },
        Error::DepartureWithoutReason {
            band: Band::High,
            severity: 3.5,
            recommendation: "notify IMY".into(),
        },
        Error::SequenceExhausted {
            year: 2026,
            last: 9999,
        },
        Error::Unrenderable {
            file: "report.yaml".into(),
            message: "bad".into(),
        },
        Error::NoSettings,
        Error::NoRemote { remotes: vec![] },
        Error::Remote {
            action: "fetch".into(),
            message: "refused".into(),
            unreachable: true,
        },
        Error::SyncConflicts {
            conflicts: vec![],
            recorded_first: None,
        },
        Error::PushRaced { rounds: 3 },
        Error::Renumbered {
            was: id.clone(),
            is: "2026-0002".parse().unwrap(),
        },
        Error::UnrelatedServer {
            remote: "origin".into(),
        },
        Error::MergedInvalid {
            problems: vec![problem],
        },
        Error::PushRefused {
            branch: "main".into(),
            refusals: vec![Refusal::Deleted],
        },
        Error::Regime {
            id: id.clone(),
            refusal: RegimeRefusal::NotSignificant,
        },
    ];
    for problem in [
        SigningProblem::Required,
        SigningProblem::UnknownFormat {
            value: "pgp".into(),
        },
        SigningProblem::NoKey,
        SigningProblem::KeyFileMissing {
            path: PathBuf::from("/home/a/.ssh/id_ed25519"),
        },
        SigningProblem::NotStarted {
            program: "ssh-keygen".into(),
            setting: "gpg.ssh.program",
            message: "No such file or directory".into(),
        },
        SigningProblem::Failed {
            program: "ssh-keygen".into(),
            message: "incorrect passphrase supplied".into(),
        },
    ] {
        errors.push(Error::Signing { problem });
    }
    for count in [0, 1, 3] {
        errors.push(Error::NoSuchMeasure {
            id: id.clone(),
            flag: "--done".into(),
            count,
        });
    }
    for step in [Step::D, Step::H] {
        errors.push(Error::NotAssessed {
            id: id.clone(),
            step,
        });
    }
    for blocker in [
        GitBlocker::Detached {
            branch: "main".into(),
        },
        GitBlocker::OtherBranch {
            on: "test".into(),
            branch: "main".into(),
        },
        GitBlocker::InProgress {
            operation: Operation::Merge,
        },
        GitBlocker::Locked {
            path: ".git/index.lock".into(),
        },
        GitBlocker::NotAdopted,
        GitBlocker::Shallow,
        GitBlocker::Index {
            unusable: super::IndexProblem::Split,
        },
        GitBlocker::Index {
            unusable: super::IndexProblem::Damaged(super::IndexDamage::Checksum),
        },
    ] {
        errors.push(Error::GitState { blocker });
    }
    errors
}

#[test]
fn every_error_is_written_in_swedish_and_in_english() {
    for error in one_of_each() {
        let (swedish, english) = (error.message(Lang::Sv), error.message(Lang::En));
        assert_ne!(swedish, english, "{error:?} has one message for both");
        // A hint that is only a command is the same in both; one with words is not.
        if let (Some(swedish), Some(english)) = (error.hint(Lang::Sv), error.hint(Lang::En)) {
            let only_a_command = english.starts_with('`') && english.ends_with('`');
            assert!(
                only_a_command || swedish != english,
                "{error:?} has one hint for both: {english}"
            );
        }
    }
}

#[test]
fn swedish_prefixes_the_hint_with_tips_and_english_with_hint() {
    let error = Error::UnknownIncident {
        id: "2026-0009".into(),
        suggestions: vec!["2026-0001".into()],
    };
    assert_eq!(
        error.full_text(Lang::Sv),
        "det finns ingen incident 2026-0009 i registret\n  tips: menade du 2026-0001?"
    );
    assert_eq!(
        error.full_text(Lang::En),
        "no incident 2026-0009 in this register\n  hint: did you mean 2026-0001?"
    );
}

#[test]
fn numbers_in_swedish_errors_have_a_decimal_comma() {
    let busy = Error::Busy { waited: 2.5 }.message(Lang::Sv);
    assert!(busy.contains("(väntade 2,5 s)"), "{busy}");
    let departure = Error::DepartureWithoutReason {
        band: crate::domain::model::assessment::Band::High,
        severity: 3.25,
        recommendation: "notify IMY".into(),
    };
    let swedish = departure.message(Lang::Sv);
    assert!(swedish.contains("risknivån hög (SE 3,25)"), "{swedish}");
    assert!(
        departure
            .message(Lang::En)
            .contains("a high risk (SE 3.25)"),
        "{}",
        departure.message(Lang::En)
    );
}

#[test]
fn a_file_operation_is_named_in_swedish_and_the_system_message_kept() {
    let error = Error::Io {
        action: "create the folder",
        path: PathBuf::from("incidents/2026"),
        source: std::io::Error::other("disk full"),
    };
    assert_eq!(
        error.message(Lang::Sv),
        "kunde inte skapa mappen incidents/2026: disk full"
    );
    assert_eq!(
        error.message(Lang::En),
        "could not create the folder incidents/2026: disk full"
    );
}
