//! `incident hook pre-receive` on a real shared server: a bare repository whose
//! `pre-receive` hook runs the built binary refuses, on the register's branch, what the
//! tool would refuse in a clone (invalid files, conflict markers, a force-push, a deleted
//! branch, one id given to two incidents), tells the pusher why (`remote: ...`), and
//! leaves the server as it was. A valid push and other refs pass.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a failed step fails the test by panicking"
)]

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::servers::{BareRepo, Daemon, HttpServer, Remote, git, git_ok, hermetic};
use common::{TestRegister, stderr};

const REPORT: &str = "incidents/2026/2026-0001/report.yaml";

/// A bare repository `register.git` whose pre-receive hook is `incident hook pre-receive`.
fn server() -> BareRepo {
    let bare = BareRepo::new("register");
    bare.guard_with_hook();
    bare
}

/// `git push <args>` from `dir`, hermetic; the hook answers in English when the push
/// runs it on this machine (by path), so the language comes from here.
fn push(dir: &Path, args: &[&str]) -> Output {
    let mut command = Command::new("git");
    hermetic(&mut command)
        .arg("push")
        .args(args)
        .current_dir(dir)
        .env("INCIDENT_LANG", "en");
    command.output().unwrap()
}

fn pushed(dir: &Path, args: &[&str]) {
    let output = push(dir, args);
    assert!(output.status.success(), "push refused: {}", stderr(&output));
}

/// A register made by `incident init`, pushed to `remote` as the server's `main`.
fn seeded_register(remote: &dyn Remote) -> TestRegister {
    let register = TestRegister::new();
    pushed(register.root(), &[&remote.url(), "main"]);
    register
}

/// Commits every change in the register by hand, as a colleague would with git.
fn commit_by_hand(register: &TestRegister, message: &str) -> String {
    git_ok(register.root(), &["commit", "--quiet", "-a", "-m", message]);
    register.head()
}

/// The report with its date of discovery changed to one that does not exist.
fn with_impossible_date(report: &str) -> String {
    let changed = report.replacen("date: \"2026-03-27\"", "date: \"2026-02-30\"", 1);
    assert_ne!(changed, report, "the report names the date of discovery");
    changed
}

#[test]
fn a_valid_push_is_accepted_and_an_invalid_report_is_refused_naming_the_file() {
    let bare = server();
    let register = seeded_register(&bare);
    register.new_incident(&[]);
    pushed(register.root(), &[&bare.url(), "main"]);
    assert_eq!(bare.rev("main"), Some(register.head()));
    let accepted = register.head();

    register.write(REPORT, &with_impossible_date(&register.read(REPORT)));
    let invalid = commit_by_hand(&register, "Datum ändrat för hand");
    let refused = push(register.root(), &[&bare.url(), "main"]);
    let said = stderr(&refused);
    assert!(!refused.status.success(), "{said}");
    assert!(
        said.contains("remote: error: the push to the register's branch main was refused"),
        "{said}"
    );
    assert!(
        said.contains(&format!(
            "commit {} holds files that are not valid",
            &invalid[..10]
        )),
        "{said}"
    );
    assert!(said.contains(&format!("remote:       {REPORT}:")), "{said}");
    assert!(said.contains("`incident record -m WHY`"), "{said}");
    assert_eq!(
        bare.rev("main"),
        Some(accepted),
        "the server's branch stays"
    );
    // The hook read the pushed objects from git's quarantine, which is dropped with the
    // refused push: the server never holds the invalid commit.
    assert!(
        !git(&bare.path(), &["cat-file", "-e", &invalid])
            .status
            .success()
    );
}

#[test]
fn a_file_with_conflict_markers_is_refused() {
    let bare = server();
    let register = seeded_register(&bare);
    register.new_incident(&[]);
    pushed(register.root(), &[&bare.url(), "main"]);
    let accepted = register.head();
    let report = register.read(REPORT);
    let conflicted = report.replacen(
        "title:",
        "<<<<<<< HEAD\ntitle: Ours\n=======\ntitle: Theirs\n>>>>>>> origin/main\ntitle:",
        1,
    );
    register.write(REPORT, &conflicted);
    commit_by_hand(&register, "Merge");
    let refused = push(register.root(), &[&bare.url(), "main"]);
    let said = stderr(&refused);
    assert!(!refused.status.success(), "{said}");
    assert!(said.contains(REPORT), "{said}");
    assert!(said.contains("holds Git's conflict markers"), "{said}");
    assert_eq!(bare.rev("main"), Some(accepted));
}

#[test]
fn a_stray_file_in_the_incidents_folder_is_refused_and_files_elsewhere_pass() {
    let bare = server();
    let register = seeded_register(&bare);
    register.write("notes/meeting.txt", "Not part of the register's data.\n");
    git_ok(register.root(), &["add", "notes/meeting.txt"]);
    commit_by_hand(&register, "Notes beside the register");
    pushed(register.root(), &[&bare.url(), "main"]);
    let accepted = register.head();

    register.write("incidents/2026/notes.txt", "A stray.\n");
    git_ok(register.root(), &["add", "incidents/2026/notes.txt"]);
    commit_by_hand(&register, "A stray file");
    let refused = push(register.root(), &[&bare.url(), "main"]);
    let said = stderr(&refused);
    assert!(!refused.status.success(), "{said}");
    assert!(
        said.contains("incidents/2026/notes.txt: is not an incident folder of 2026"),
        "{said}"
    );
    assert_eq!(bare.rev("main"), Some(accepted));
}

#[test]
fn a_force_push_and_deleting_the_branch_are_refused() {
    let bare = server();
    let register = seeded_register(&bare);
    register.new_incident(&[]);
    pushed(register.root(), &[&bare.url(), "main"]);
    let accepted = register.head();

    git_ok(
        register.root(),
        &["commit", "--quiet", "--amend", "-m", "Rewritten"],
    );
    let refused = push(register.root(), &["--force", &bare.url(), "main"]);
    let said = stderr(&refused);
    assert!(!refused.status.success(), "{said}");
    assert!(said.contains("it rewrites the journal"), "{said}");
    assert!(said.contains(&accepted[..10]), "{said}");
    assert_eq!(bare.rev("main"), Some(accepted.clone()));

    let deleted = push(register.root(), &[&bare.url(), ":main"]);
    let said = stderr(&deleted);
    assert!(!deleted.status.success(), "{said}");
    assert!(said.contains("it deletes the branch main"), "{said}");
    assert_eq!(bare.rev("main"), Some(accepted));
}

#[test]
fn other_branches_and_tags_pass_untouched() {
    let bare = server();
    let register = seeded_register(&bare);
    register.new_incident(&[]);
    register.write(REPORT, &with_impossible_date(&register.read(REPORT)));
    let draft = commit_by_hand(&register, "A draft kept on a branch of its own");
    pushed(register.root(), &[&bare.url(), "HEAD:refs/heads/drafts"]);
    git_ok(register.root(), &["tag", "draft-1"]);
    pushed(register.root(), &[&bare.url(), "draft-1"]);
    assert_eq!(bare.rev("drafts"), Some(draft.clone()));
    assert_eq!(bare.rev("draft-1"), Some(draft));
}

#[test]
fn smart_http_carries_an_accepted_push_and_a_refusal_in_the_registers_language() {
    let bare = server();
    let http = HttpServer::start(&bare);
    let register = seeded_register(&http);
    // The register is switched to Swedish by hand: a valid change of the settings.
    let settings = register.read("incident.toml");
    let swedish = settings.replacen("language = \"en\"", "language = \"sv\"", 1);
    assert_ne!(swedish, settings, "the settings name the language");
    register.write("incident.toml", &swedish);
    commit_by_hand(&register, "Registret på svenska");
    register.new_incident(&[]);
    pushed(register.root(), &[&http.url(), "main"]);
    assert_eq!(bare.rev("main"), Some(register.head()));
    let accepted = register.head();

    register.write(REPORT, &with_impossible_date(&register.read(REPORT)));
    commit_by_hand(&register, "Datum ändrat för hand");
    let refused = push(register.root(), &[&http.url(), "main"]);
    let said = stderr(&refused);
    assert!(!refused.status.success(), "{said}");
    // The hook runs under the HTTP server, without INCIDENT_LANG: the pushed settings
    // choose the words.
    assert!(
        said.contains("remote: fel: pushen till registrets gren main avvisades"),
        "{said}"
    );
    assert!(said.contains(REPORT), "{said}");
    assert!(said.contains("`incident record -m VARFÖR`"), "{said}");
    assert_eq!(bare.rev("main"), Some(accepted));
}

#[test]
fn a_merge_that_gives_one_id_to_two_incidents_is_refused_through_git_daemon() {
    let bare = server();
    let daemon = Daemon::start(&bare);
    let first = seeded_register(&daemon);
    let second = TestRegister::empty();
    git_ok(second.root(), &["clone", "--quiet", &daemon.url(), "."]);

    // Each clone reports an incident of its own; both get the first id of the year.
    assert_eq!(first.new_incident(&[]), "2026-0001");
    assert_eq!(
        second.new_incident(&["--title", "Laptop with case files stolen from a car"]),
        "2026-0001"
    );
    pushed(first.root(), &[&daemon.url(), "main"]);
    let accepted = first.head();

    git_ok(second.root(), &["fetch", "--quiet", "origin"]);
    git_ok(
        second.root(),
        &[
            "merge",
            "--quiet",
            "-X",
            "ours",
            "-m",
            "Merge",
            "origin/main",
        ],
    );
    let merge = second.head();
    let refused = push(second.root(), &["origin", "main"]);
    let said = stderr(&refused);
    assert!(!refused.status.success(), "{said}");
    assert!(
        said.contains(&format!(
            "the merge {} gives the id 2026-0001 to two incidents",
            &merge[..10]
        )),
        "{said}"
    );
    assert!(said.contains("incidents/2026/2026-0001"), "{said}");
    assert_eq!(bare.rev("main"), Some(accepted));
}

#[test]
fn the_branch_named_by_incident_branch_is_the_one_checked() {
    let bare = server();
    git_ok(&bare.path(), &["config", "incident.branch", "register"]);
    let register = seeded_register(&bare);
    register.new_incident(&[]);
    register.write(REPORT, &with_impossible_date(&register.read(REPORT)));
    let invalid = commit_by_hand(&register, "Datum ändrat för hand");
    // main is not the register's branch on this server: it passes.
    pushed(register.root(), &[&bare.url(), "main"]);
    let refused = push(register.root(), &[&bare.url(), "main:register"]);
    let said = stderr(&refused);
    assert!(!refused.status.success(), "{said}");
    assert!(
        said.contains("the register's branch register was refused"),
        "{said}"
    );
    assert_eq!(bare.rev("main"), Some(invalid));
    assert_eq!(bare.rev("register"), None);
}
