//! Git's index is shared with the people who use git in the register: a change holds
//! Git's own lock on it from its commit until its files and the index are written, so a
//! person's `git commit -a` cannot commit the files as they were over it; a lock of git's
//! that stays is named before anything is recorded; once a change is committed it is
//! recorded, whatever fails after, and running the command again does not record it twice.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a helper outside a #[test] fails the test by panicking"
)]

mod common;

use std::time::Duration;

use common::{TestRegister, stderr};

const ACTIONS: &str = "incidents/2026/2026-0001/actions.yaml";

fn log(register: &TestRegister, text: &str) -> std::process::Output {
    register
        .cmd()
        .env("INCIDENT_LOCK_WAIT", "0.3")
        .args(["log", "2026-0001", "--action", text])
        .output()
        .unwrap()
}

#[test]
fn a_lock_of_gits_on_the_index_is_named_and_nothing_is_recorded() {
    let register = TestRegister::new();
    register.new_incident(&[]);
    let before = register.head();
    register.write(".git/index.lock", "");
    let refused = log(&register, "Recipient asked to delete the e-mail.");
    let said = stderr(&refused);
    assert_eq!(refused.status.code(), Some(4), "{said}");
    assert!(said.contains("`rm .git/index.lock`"), "{said}");
    assert_eq!(register.head(), before, "no commit");
    assert!(!register.path(ACTIONS).exists());
    std::fs::remove_file(register.path(".git/index.lock")).unwrap();
    assert!(
        log(&register, "Recipient asked to delete the e-mail.")
            .status
            .success()
    );
    assert_eq!(register.commits().len(), 3, "one entry, not two");
}

#[test]
fn a_lock_left_by_a_killed_change_is_cleared_by_the_next() {
    let register = TestRegister::new();
    register.new_incident(&[]);
    register.write(
        ".git/index.lock",
        "incident: held by the register's change of pid 999999\n",
    );
    let logged = log(&register, "Recipient asked to delete the e-mail.");
    assert!(logged.status.success(), "{}", stderr(&logged));
    assert!(!register.path(".git/index.lock").exists());
    assert_eq!(register.dirty(), Vec::<String>::new());
}

#[test]
fn an_index_that_cannot_be_written_after_the_commit_is_a_warning_and_a_retry_records_nothing_twice()
{
    let register = TestRegister::new();
    register.new_incident(&[]);
    // The name the new index is written under is taken by a folder: the commit is made,
    // the index cannot follow (as on a full disk).
    std::fs::create_dir(register.path(".git/index.incident")).unwrap();
    // Nor is there a spare to write it into.
    let _ = std::fs::remove_file(register.path(".git/index.incident-spare"));
    std::fs::create_dir(register.path(".git/index.incident-spare")).unwrap();
    let logged = log(&register, "Recipient asked to delete the e-mail.");
    let said = stderr(&logged);
    assert_eq!(logged.status.code(), Some(0), "recorded: {said}");
    assert!(
        said.contains("Recorded: 2026-0001: action logged"),
        "{said}"
    );
    assert!(
        said.contains("Warning: the change is recorded, but the files or Git's index are not yet as the journal holds them")
            && said.contains("`incident record`")
            && said.contains("do not run the same command again"),
        "{said}"
    );
    assert_eq!(register.commits().len(), 3);
    // Run again all the same (a script that retries): told, not recorded twice.
    std::fs::remove_dir(register.path(".git/index.incident")).unwrap();
    std::fs::remove_dir(register.path(".git/index.incident-spare")).unwrap();
    let again = log(&register, "Recipient asked to delete the e-mail.");
    let said = stderr(&again);
    assert_eq!(again.status.code(), Some(0), "{said}");
    assert!(
        said.contains("Already recorded: 2026-0001: action logged"),
        "{said}"
    );
    assert!(said.contains("nothing was recorded again"), "{said}");
    assert_eq!(register.commits().len(), 3, "no second entry");
    let record = register.cmd().args(["record"]).output().unwrap();
    assert!(record.status.success(), "{}", stderr(&record));
    assert_eq!(register.dirty(), Vec::<String>::new(), "the index follows");
    assert_eq!(
        register
            .read(ACTIONS)
            .matches("Recipient asked to delete the e-mail.")
            .count(),
        1
    );
}

#[test]
fn a_persons_git_commit_all_beside_many_changes_never_undoes_one() {
    const CHANGES: usize = 40;
    let register = TestRegister::new();
    register.new_incident(&[]);
    let done = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|scope| {
        scope.spawn(|| {
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                let _ = register.git_as_colleague(&["commit", "-qam", "committed by a person"]);
                std::thread::sleep(Duration::from_millis(2));
            }
        });
        for n in 0..CHANGES {
            let output = register
                .cmd()
                .args(["log", "2026-0001", "--action", &format!("Action {n}.")])
                .output()
                .unwrap();
            assert!(output.status.success(), "{n}: {}", stderr(&output));
        }
        done.store(true, std::sync::atomic::Ordering::Relaxed);
    });
    let head = register.git(&["show", &format!("HEAD:{ACTIONS}")]);
    let committed = String::from_utf8_lossy(&head.stdout);
    let on_disk = register.read(ACTIONS);
    for n in 0..CHANGES {
        let action = format!("Action {n}.");
        assert!(committed.contains(&action), "{action} not in HEAD");
        assert!(on_disk.contains(&action), "{action} not on disk");
    }
    assert_eq!(register.dirty(), Vec::<String>::new());
}

#[test]
fn a_split_index_is_refused_before_anything_is_committed_with_the_command_that_ends_it() {
    let register = TestRegister::new();
    register.new_incident(&[]);
    let before = register.head();
    assert!(
        register
            .git(&["update-index", "--split-index"])
            .status
            .success()
    );
    let refused = log(&register, "Recipient asked to delete the e-mail.");
    let said = stderr(&refused);
    assert_eq!(refused.status.code(), Some(4), "{said}");
    assert!(
        said.contains("Git's index is split (core.splitIndex)"),
        "{said}"
    );
    assert!(said.contains("nothing was recorded"), "{said}");
    assert!(
        said.contains("`git update-index --no-split-index && git config core.splitIndex false`"),
        "{said}"
    );
    assert_eq!(register.head(), before, "no commit");
    assert!(!register.path(ACTIONS).exists());
    // In Swedish too.
    let refused = register
        .cmd()
        .env("INCIDENT_LANG", "sv")
        .args([
            "log",
            "2026-0001",
            "--action",
            "Mottagaren ombads radera mejlet.",
        ])
        .output()
        .unwrap();
    let said = stderr(&refused);
    assert!(
        said.contains("Git:s index är delat (core.splitIndex)"),
        "{said}"
    );
    assert!(said.contains("ingenting registrerades"), "{said}");
    assert_eq!(register.head(), before, "no commit");
    // Turned off as the hint says, the change goes through and Git sees nothing left.
    assert!(
        register
            .git(&["update-index", "--no-split-index"])
            .status
            .success()
    );
    let logged = log(&register, "Recipient asked to delete the e-mail.");
    assert!(logged.status.success(), "{}", stderr(&logged));
    assert_eq!(register.dirty(), Vec::<String>::new());
}

#[test]
fn a_damaged_index_is_refused_before_anything_is_committed() {
    let register = TestRegister::new();
    register.new_incident(&[]);
    let before = register.head();
    let index = register.path(".git/index");
    let mut bytes = std::fs::read(&index).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x20;
    std::fs::write(&index, bytes).unwrap();
    let refused = log(&register, "Recipient asked to delete the e-mail.");
    let said = stderr(&refused);
    assert_eq!(refused.status.code(), Some(4), "{said}");
    assert!(
        said.contains("its checksum does not match its content"),
        "{said}"
    );
    assert!(said.contains("`rm .git/index && git reset`"), "{said}");
    assert_eq!(register.head(), before, "no commit");
    std::fs::remove_file(&index).unwrap();
    assert!(register.git(&["reset", "-q"]).status.success());
    let logged = log(&register, "Recipient asked to delete the e-mail.");
    assert!(logged.status.success(), "{}", stderr(&logged));
    assert_eq!(register.dirty(), Vec::<String>::new());
}

#[test]
fn the_index_keeps_the_format_and_checksum_git_is_set_to_write() {
    for (settings, version, checksum) in [
        (&[][..], 4, true),
        (&[("index.version", "2")][..], 2, true),
        (&[("index.skipHash", "true")][..], 4, false),
        (&[("feature.manyFiles", "true")][..], 4, false),
    ] {
        let register = TestRegister::new();
        for (key, value) in settings {
            assert!(register.git(&["config", key, value]).status.success());
        }
        register.new_incident(&[]);
        let logged = log(&register, "Recipient asked to delete the e-mail.");
        assert!(logged.status.success(), "{}", stderr(&logged));
        let bytes = std::fs::read(register.path(".git/index")).unwrap();
        assert_eq!(
            u32::from_be_bytes(bytes[4..8].try_into().unwrap()),
            version,
            "{settings:?}"
        );
        let zeros = bytes[bytes.len() - 20..].iter().all(|&b| b == 0);
        assert_eq!(!zeros, checksum, "{settings:?}");
        // Git reads it (and checks the checksum when there is one) and finds it clean.
        assert_eq!(register.dirty(), Vec::<String>::new(), "{settings:?}");
        let fsck = register.git(&["fsck", "--no-progress"]);
        assert!(
            fsck.status.success(),
            "{}",
            String::from_utf8_lossy(&fsck.stderr)
        );
        // libgit2 reads it too: `validate` compares the index with the journal.
        let validated = register.cmd().args(["validate"]).output().unwrap();
        assert!(
            validated.status.success(),
            "{settings:?}: {}",
            stderr(&validated)
        );
        assert!(
            !stderr(&validated).contains("index"),
            "{}",
            stderr(&validated)
        );
    }
}

#[test]
fn the_cache_tree_a_change_leaves_is_the_commits_so_a_plain_git_commit_changes_nothing() {
    let register = TestRegister::new();
    register.new_incident(&[]);
    // Git's own commit first: it leaves a whole, valid cache tree in the index.
    let commit = register.git_as_colleague(&["commit", "-q", "--allow-empty", "-m", "by git"]);
    assert!(commit.status.success());
    // A new incident adds a folder; each log below rewrites a file.
    register.new_incident(&[]);
    for text in [
        "Recipient asked to delete the e-mail.",
        "Recipient confirmed.",
    ] {
        let logged = log(&register, text);
        assert!(logged.status.success(), "{}", stderr(&logged));
    }
    // Git commits the index's cache tree as it stands where it is valid: a tree id the
    // change left wrong would show as a commit that undoes it.
    let commit = register.git_as_colleague(&["commit", "-q", "--allow-empty", "-m", "by git"]);
    assert!(commit.status.success());
    let trees = register.git(&["rev-parse", "HEAD^{tree}", "HEAD~1^{tree}"]);
    let trees = String::from_utf8_lossy(&trees.stdout).to_string();
    let (now, before) = trees.trim().split_once('\n').unwrap();
    assert_eq!(now, before, "the plain commit changed nothing");
    assert!(register.read(ACTIONS).contains("Recipient confirmed."));
    assert_eq!(register.dirty(), Vec::<String>::new());
    let validated = register.cmd().args(["validate"]).output().unwrap();
    assert!(validated.status.success(), "{}", stderr(&validated));
}
