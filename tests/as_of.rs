//! `--as-of TIME`: the register as the journal held it at a moment. Outputs taken at a
//! moment are taken again later with `--as-of` that moment, after further changes and
//! with files edited by hand since, and must be the same; and `history --field`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a helper fails the test by panicking"
)]

mod common;

use common::{TestRegister, assess_sensitive, mask_commits};

/// The moment the first outputs are taken; the register's changes before it are made a
/// few minutes apart.
const T1: &str = "2026-03-27T13:00:00+01:00";
/// Later: the changes made after T1, and the moment the outputs are taken again.
const LATER: &str = "2026-03-30T09:00:00+02:00";
const LATER_STILL: &str = "2026-04-02T16:30:00+02:00";

/// What one run printed.
#[derive(Debug, PartialEq, Eq)]
struct Printed {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(register: &TestRegister, now: &str, args: &[&str]) -> Printed {
    let output = register
        .cmd()
        .env("INCIDENT_NOW", now)
        .args(args)
        .output()
        .unwrap();
    Printed {
        code: output.status.code().unwrap(),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

fn change(register: &TestRegister, now: &str, args: &[&str]) {
    let printed = run(register, now, args);
    assert_eq!(printed.code, 0, "{args:?}: {}", printed.stderr);
}

/// The same run with `--as-of` printed the as-of line first on stderr: that line, and the
/// run without it.
fn without_header(printed: Printed) -> (String, Printed) {
    let (header, rest) = printed
        .stderr
        .split_once('\n')
        .expect("the as-of line on stderr");
    (
        header.to_string(),
        Printed {
            stderr: rest.to_string(),
            ..printed
        },
    )
}

/// A register with one incident assessed, made before T1.
fn register_at_t1() -> (TestRegister, String) {
    let register = TestRegister::new();
    let id = register.new_incident(&["--data-subjects", "24"]);
    let assess = assess_sensitive(&id, &["--reasoning", "Health data to a known recipient."]);
    change(&register, "2026-03-27T12:30:00+01:00", &assess);
    (register, id)
}

/// The commands compared, each as typed at T1 (`--as-of` goes after them).
fn commands(id: &str) -> Vec<Vec<String>> {
    let strings = |args: &[&str]| args.iter().map(ToString::to_string).collect::<Vec<_>>();
    vec![
        strings(&["show", id]),
        strings(&["show", id, "--json"]),
        strings(&["list"]),
        strings(&["list", "--json"]),
        strings(&["deadlines", "--all"]),
        strings(&["deadlines", "--json"]),
        strings(&["export", "imy", id, "--draft"]),
        strings(&["export", "report", id]),
    ]
}

/// Changes after T1: an action, the notification, a second incident, a changed answer.
fn change_after_t1(register: &TestRegister, id: &str) {
    change(
        register,
        LATER,
        &[
            "log",
            id,
            "--action",
            "The recipient deleted the e-mail.",
            "--at",
            "2026-03-28 09:00",
        ],
    );
    change(
        register,
        LATER,
        &[
            "notified",
            "imy",
            id,
            "--at",
            "2026-03-29 10:00",
            "--case-number",
            "IMY-2026-1234",
        ],
    );
    change(
        register,
        LATER,
        &[
            "new",
            "--title",
            "A lost laptop",
            "--discovered",
            "2026-03-29 08:00",
        ],
    );
}

#[test]
fn as_of_a_moment_prints_what_the_commands_printed_then() {
    let (register, id) = register_at_t1();
    let then: Vec<Printed> = commands(&id)
        .iter()
        .map(|args| {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            run(&register, T1, &args)
        })
        .collect();
    insta::assert_snapshot!("show_at_t1", then[0].stdout);
    insta::assert_snapshot!("list_at_t1", then[2].stdout);
    insta::assert_snapshot!("deadlines_at_t1", then[4].stdout);
    insta::assert_snapshot!("imy_at_t1", then[6].stdout);

    change_after_t1(&register, &id);
    // Edited by hand since, not recorded: the work tree is never read as of a moment.
    let report = format!("incidents/2026/{id}/report.yaml");
    let text = register.read(&report);
    register.write(&report, &text.replace("24", "9999"));
    let settings = register.read("incident.toml");
    register.write(
        "incident.toml",
        &format!("{settings}\nnot valid toml [[[\n"),
    );

    for (args, then) in commands(&id).iter().zip(then) {
        let mut args: Vec<&str> = args.iter().map(String::as_str).collect();
        let now = run(&register, LATER_STILL, &args);
        assert_ne!(now, then, "the register has changed since: {args:?}");
        args.extend(["--as-of", "2026-03-27 13:00"]);
        let (header, again) = without_header(run(&register, LATER_STILL, &args));
        assert_eq!(again, then, "{args:?}");
        assert!(
            header.starts_with("As the journal was at 2026-03-27 13:00 (commit "),
            "{header}"
        );
    }
    let (header, _) = without_header(run(
        &register,
        LATER_STILL,
        &["list", "--as-of", T1, "--lang", "sv"],
    ));
    insta::assert_snapshot!("as_of_header_sv", mask_commits(&header));
}

#[test]
fn a_date_alone_is_the_end_of_that_day_and_commits_are_found_by_committer_time() {
    let (register, id) = register_at_t1();
    change_after_t1(&register, &id);
    // The second incident was made on 2026-03-30 (LATER): not there at the end of the 29th.
    let list = run(
        &register,
        LATER_STILL,
        &["list", "--json", "--as-of", "2026-03-29"],
    );
    assert_eq!(list.code, 0, "{}", list.stderr);
    let rows: serde_json::Value = serde_json::from_str(&list.stdout).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 1, "{rows}");
    let list = run(
        &register,
        LATER_STILL,
        &["list", "--json", "--as-of", "2026-03-30"],
    );
    let rows: serde_json::Value = serde_json::from_str(&list.stdout).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 2, "{rows}");
    // Deadlines as of T1 are evaluated at T1: the 72 hours still run.
    let deadlines = run(
        &register,
        LATER_STILL,
        &["deadlines", "--json", "--as-of", T1],
    );
    let parsed: serde_json::Value = serde_json::from_str(&deadlines.stdout).unwrap();
    assert_eq!(parsed["at"], "2026-03-27T13:00:00+01:00");
}

#[test]
fn a_moment_before_the_first_entry_or_after_now_is_refused() {
    let (register, id) = register_at_t1();
    for (lang, words) in [
        ("en", "is before the journal's first entry"),
        ("sv", "är före journalens första post"),
    ] {
        let printed = run(
            &register,
            LATER,
            &["show", &id, "--as-of", "2026-03-01", "--lang", lang],
        );
        assert_eq!(printed.code, 2, "{}", printed.stderr);
        assert!(printed.stderr.contains(words), "{}", printed.stderr);
        assert!(printed.stdout.is_empty());
    }
    for (lang, words) in [("en", "is after now"), ("sv", "är efter nu")] {
        let printed = run(
            &register,
            T1,
            &["list", "--as-of", "2026-04-01 10:00", "--lang", lang],
        );
        assert_eq!(printed.code, 2, "{}", printed.stderr);
        assert!(printed.stderr.contains(words), "{}", printed.stderr);
    }
    // An incident made after the moment is not in the register as of it.
    change(
        &register,
        LATER,
        &[
            "new",
            "--title",
            "Later",
            "--discovered",
            "2026-03-29 08:00",
        ],
    );
    let printed = run(&register, LATER, &["show", "2026-0002", "--as-of", T1]);
    assert_eq!(printed.code, 3, "{}", printed.stderr);
}

#[test]
fn history_of_one_answer_names_each_change_with_who_and_both_values() {
    let (register, id) = register_at_t1();
    let report = format!("incidents/2026/{id}/report.yaml");
    let text = register.read(&report);
    assert!(text.contains("data_subjects:\n  exact: 24\n"), "{text}");
    register.write(&report, &text.replace("  exact: 24\n", "  exact: 31\n"));
    change(
        &register,
        LATER,
        &[
            "record",
            "-m",
            "The count from the mail log",
            "--author",
            "Ada Analys <ada@example.org>",
        ],
    );
    let text = register.read(&report);
    register.write(
        &report,
        &text.replace("  exact: 31\n", "  interval:\n    from: 40\n    to: 60\n"),
    );
    change(
        &register,
        LATER_STILL,
        &["record", "--author", "Bo Beräkning <bo@example.org>"],
    );
    let history = run(&register, LATER_STILL, &["history", &id, "--field", "q23"]);
    assert_eq!(history.code, 0, "{}", history.stderr);
    insta::assert_snapshot!("history_field_q23", mask_commits(&history.stdout));
    let json = run(
        &register,
        LATER_STILL,
        &["history", &id, "--field", "report.data_subjects", "--json"],
    );
    let parsed: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let changes = parsed["changes"].as_array().unwrap();
    let pairs: Vec<(String, String, String)> = changes
        .iter()
        .map(|c| {
            (
                c["author"].to_string(),
                c["before"].to_string(),
                c["after"].to_string(),
            )
        })
        .collect();
    assert_eq!(pairs.len(), 3, "{pairs:?}");
    assert_eq!(pairs[1].0, "\"Ada Analys\"");
    assert_eq!(pairs[2].0, "\"Bo Beräkning\"");
    // The assessment changed nothing of question 23: no row for it.
    assert!(!history.stdout.contains("assessed"), "{}", history.stdout);
    let unknown = run(&register, LATER_STILL, &["history", &id, "--field", "q99"]);
    assert_eq!(unknown.code, 2, "{}", unknown.stderr);
    assert!(unknown.stderr.contains("q1–q37"), "{}", unknown.stderr);
}

#[test]
fn an_entry_replayed_later_counts_from_when_it_entered_the_branch() {
    let (register, id) = register_at_t1();
    let then = run(&register, T1, &["show", &id]);
    // A colleague's entry written before T1 that reached this branch only later, as an
    // entry replayed by a sync does: its author time is before T1, its committer time after.
    let report = format!("incidents/2026/{id}/report.yaml");
    let text = register.read(&report);
    register.write(
        &report,
        &text.replace("E-mail with health data", "A letter with health data"),
    );
    let commit = |args: &[&str]| {
        let status = std::process::Command::new("git")
            .args([
                "-c",
                "user.name=Kollega",
                "-c",
                "user.email=kollega@example.org",
            ])
            .args(args)
            .current_dir(register.root())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_AUTHOR_DATE", "2026-03-27T12:45:00+01:00")
            .env("GIT_COMMITTER_DATE", LATER)
            .status()
            .unwrap();
        assert!(status.success(), "git {args:?}");
    };
    commit(&["add", &report]);
    commit(&["commit", "-q", "-m", "Title as the caller gave it"]);

    let (_, again) = without_header(run(&register, LATER_STILL, &["show", &id, "--as-of", T1]));
    assert_eq!(again, then, "the entry was not in the branch at T1");
    let (_, later) = without_header(run(
        &register,
        LATER_STILL,
        &["show", &id, "--as-of", LATER],
    ));
    assert!(
        later.stdout.contains("A letter with health data"),
        "{}",
        later.stdout
    );
}
