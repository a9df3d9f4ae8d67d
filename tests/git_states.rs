//! The register is a Git repository that people also use with git: a change refuses to
//! start in a state it could not finish honestly (a detached HEAD, another branch, a merge
//! in progress, conflicts, a lock of git's, a folder never adopted), names the state and
//! the command that leaves it, and records nothing; read commands go on working.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a helper outside a #[test] fails the test by panicking"
)]

mod common;

use common::{TestRegister, stderr};

const REPORT: &str = "incidents/2026/2026-0001/report.yaml";

/// git as a person runs it, with an identity of its own and no user configuration.
fn git(register: &TestRegister, args: &[&str]) -> std::process::Output {
    register.git_as_colleague(args)
}

fn log(register: &TestRegister, text: &str) -> std::process::Output {
    register
        .cmd()
        .args(["log", "2026-0001", "--action", text])
        .output()
        .unwrap()
}

#[test]
fn a_change_on_a_detached_head_is_refused_and_nothing_is_lost() {
    let register = TestRegister::new();
    register.new_incident(&[]);
    let before = register.head();
    assert!(
        git(&register, &["checkout", "--detach", "HEAD"])
            .status
            .success()
    );
    let refused = log(&register, "Recipient asked to delete the e-mail.");
    let said = stderr(&refused);
    assert_eq!(refused.status.code(), Some(4), "{said}");
    assert!(said.contains("HEAD is detached"), "{said}");
    assert!(
        said.contains("hint: `git switch main`, then run the command again"),
        "{said}"
    );
    assert_eq!(register.head(), before, "no commit on the detached HEAD");
    // Reading still works.
    let show = register.cmd().args(["show", "2026-0001"]).output().unwrap();
    assert!(show.status.success(), "{}", stderr(&show));
    // Back on the branch, the same command records the change on it.
    assert!(git(&register, &["switch", "main"]).status.success());
    assert!(
        log(&register, "Recipient asked to delete the e-mail.")
            .status
            .success()
    );
    let branch = git(&register, &["log", "-1", "--format=%s", "main"]);
    assert!(String::from_utf8_lossy(&branch.stdout).contains("action logged"));
}

#[test]
fn a_change_on_another_branch_than_the_registers_is_refused() {
    let register = TestRegister::new();
    register.new_incident(&[]);
    assert!(
        git(&register, &["switch", "-c", "experiment"])
            .status
            .success()
    );
    let refused = log(&register, "An action.");
    let said = stderr(&refused);
    assert_eq!(refused.status.code(), Some(4), "{said}");
    assert!(
        said.contains(
            "HEAD is on the branch experiment, but the register's journal is the branch main"
        ),
        "{said}"
    );
    assert!(said.contains("`git switch main`"), "{said}");
}

/// A merge that stops in conflict with Git's markers: the register's main and a branch
/// both change the report's title, in a clone whose merge driver is not set up (a plain
/// `git clone`; `incident sync` and `incident clone` set it up).
fn conflicted_merge(register: &TestRegister) {
    register.new_incident(&[]);
    assert!(
        git(register, &["config", "--remove-section", "merge.incident"])
            .status
            .success()
    );
    assert!(git(register, &["switch", "-c", "other"]).status.success());
    register.write(
        REPORT,
        &register
            .read(REPORT)
            .replace("title: E-mail", "title: Mail"),
    );
    assert!(
        git(register, &["commit", "-am", "other title"])
            .status
            .success()
    );
    assert!(git(register, &["switch", "main"]).status.success());
    register.write(
        REPORT,
        &register
            .read(REPORT)
            .replace("title: E-mail", "title: Brev"),
    );
    assert!(
        git(register, &["commit", "-am", "main title"])
            .status
            .success()
    );
    let merge = git(register, &["merge", "other"]);
    assert!(!merge.status.success(), "the merge conflicts");
}

#[test]
fn a_merge_in_progress_is_named_with_how_to_finish_it_and_blocks_every_change() {
    let register = TestRegister::new();
    conflicted_merge(&register);
    let before = register.head();
    let refused = register
        .cmd()
        .args(["new", "--title", "Second", "--discovered", "2026-03-28"])
        .output()
        .unwrap();
    let said = stderr(&refused);
    assert_eq!(refused.status.code(), Some(4), "{said}");
    assert!(
        said.contains("a git merge is in progress in the register"),
        "{said}"
    );
    assert!(
        said.contains("`git merge --continue`") && said.contains("`git merge --abort`"),
        "{said}"
    );
    assert_eq!(
        register.head(),
        before,
        "nothing committed on top of the merge"
    );
    // validate names the conflict markers, not a YAML syntax error.
    let validate = register.cmd().args(["validate"]).output().unwrap();
    let problems = String::from_utf8_lossy(&validate.stdout);
    assert_eq!(validate.status.code(), Some(1));
    assert!(
        problems.contains(&format!("{REPORT}:"))
            && problems.contains("holds Git's conflict markers")
            && !problems.contains("simple key"),
        "{problems}"
    );
    // list never hides an incident it cannot read: its row says so, and the exit code.
    let list = register.cmd().args(["list"]).output().unwrap();
    assert_eq!(list.status.code(), Some(1));
    let rows = String::from_utf8_lossy(&list.stdout);
    assert!(
        rows.lines()
            .any(|l| l.contains("2026-0001") && l.contains("invalid, see below")),
        "{rows}"
    );
    assert!(
        stderr(&list).contains("a git merge is in progress"),
        "{}",
        stderr(&list)
    );
    // Once the merge is aborted, changes go on.
    assert!(git(&register, &["merge", "--abort"]).status.success());
    assert!(log(&register, "After the merge.").status.success());
}

#[test]
fn a_lock_left_on_the_branch_is_named_in_the_changes_own_error() {
    let register = TestRegister::new();
    register.new_incident(&[]);
    register.write(".git/refs/heads/main.lock", "");
    let refused = log(&register, "An action.");
    let said = stderr(&refused);
    assert_eq!(refused.status.code(), Some(4), "{said}");
    assert!(said.contains("`rm .git/refs/heads/main.lock`"), "{said}");
}

#[test]
fn a_plain_git_repository_is_not_taken_for_a_register_until_init_adopts_it() {
    let register = TestRegister::empty();
    common::copy_dir(std::path::Path::new("examples/register"), register.root());
    assert!(
        git(&register, &["init", "-q", "-b", "main"])
            .status
            .success()
    );
    let refused = register
        .cmd()
        .args(["log", "2021-0001", "--action", "An action."])
        .output()
        .unwrap();
    let said = stderr(&refused);
    assert_eq!(refused.status.code(), Some(4), "{said}");
    assert!(said.contains("never committed"), "{said}");
    assert!(said.contains("`incident init` adopts the folder"), "{said}");
    assert!(
        git(&register, &["rev-parse", "--verify", "HEAD"])
            .status
            .code()
            != Some(0),
        "no commit was made"
    );
    let init = register.cmd().args(["init"]).output().unwrap();
    assert!(init.status.success(), "{}", stderr(&init));
    let commits = register.commits();
    assert_eq!(commits.len(), 1);
    assert!(
        commits[0].subject.starts_with("registret övertaget: "),
        "{}",
        commits[0].subject
    );
    assert!(commits[0].files.iter().any(|f| f.starts_with("schemas/")));
    assert_eq!(register.dirty(), Vec::<String>::new());
    assert!(
        register
            .cmd()
            .args(["log", "2021-0001", "--action", "An action."])
            .output()
            .unwrap()
            .status
            .success()
    );
}

#[test]
fn an_index_without_a_committed_file_is_warned_of_and_record_never_deletes_the_file() {
    let register = TestRegister::new();
    register.new_incident(&[]);
    let text = register.read(REPORT);
    assert!(
        git(&register, &["rm", "-q", "--cached", REPORT])
            .status
            .success()
    );
    let validate = register.cmd().args(["validate"]).output().unwrap();
    let said = String::from_utf8_lossy(&validate.stdout);
    assert_eq!(validate.status.code(), Some(0), "a warning: {said}");
    assert!(
        said.contains(&format!(
            "warning: {REPORT}: is in the journal but missing from Git's index"
        )) && said.contains(&format!("`git restore --staged {REPORT}`")),
        "{said}"
    );
    // A person commits the index as it is: the report leaves the journal, not the disk.
    assert!(git(&register, &["commit", "-qm", "tidy"]).status.success());
    let record = register
        .cmd()
        .args(["record", "-m", "Put back"])
        .output()
        .unwrap();
    assert!(record.status.success(), "{}", stderr(&record));
    assert_eq!(register.read(REPORT), text, "the file is kept");
    let last = &register.commits()[0];
    assert_eq!(last.subject, "2026-0001: edited by hand (report.yaml)");
    assert_eq!(register.dirty(), Vec::<String>::new());
}

#[test]
fn an_incident_deleted_by_a_commit_is_reported_its_history_kept_and_its_id_never_given_again() {
    let register = TestRegister::new();
    register.new_incident(&[]);
    register.new_incident(&["--title", "Second"]);
    assert!(
        git(&register, &["rm", "-rq", "incidents/2026/2026-0002"])
            .status
            .success()
    );
    assert!(
        git(&register, &["commit", "-qm", "remove the second"])
            .status
            .success()
    );
    let validate = register.cmd().args(["validate"]).output().unwrap();
    let said = String::from_utf8_lossy(&validate.stdout);
    assert_eq!(validate.status.code(), Some(0), "a warning: {said}");
    assert!(
        said.contains("warning: incidents/2026/2026-0002: was deleted from the register by commit")
            && said.contains("(Kollega, ")
            && said.contains("its id is not given again"),
        "{said}"
    );
    // Also on the next run, from what the derived cache keeps.
    let again = register.cmd().args(["validate"]).output().unwrap();
    assert!(String::from_utf8_lossy(&again.stdout).contains("was deleted from the register"));
    let history = register
        .cmd()
        .args(["history", "2026-0002", "--json"])
        .output()
        .unwrap();
    assert!(history.status.success(), "{}", stderr(&history));
    let json: serde_json::Value = serde_json::from_slice(&history.stdout).unwrap();
    let entries = json["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 2, "reported, then deleted");
    assert_eq!(entries[1]["author"], "Kollega");
    assert_eq!(entries[1]["files"][0]["change"], "removed");
    // The next incident of 2026 gets 2026-0003, not the deleted 2026-0002.
    assert_eq!(register.new_incident(&["--title", "Third"]), "2026-0003");
}

#[test]
fn an_id_deleted_before_the_journal_kept_a_count_is_found_in_the_history() {
    let register = TestRegister::new();
    register.new_incident(&[]);
    register.new_incident(&["--title", "Second"]);
    // As in a register from before the count was kept.
    assert!(
        git(
            &register,
            &["update-ref", "-d", "refs/incident/last-id/2026"]
        )
        .status
        .success()
    );
    assert!(
        git(&register, &["rm", "-rq", "incidents/2026/2026-0002"])
            .status
            .success()
    );
    assert!(
        git(&register, &["commit", "-qm", "remove the second"])
            .status
            .success()
    );
    assert_eq!(register.new_incident(&["--title", "Third"]), "2026-0003");
}
