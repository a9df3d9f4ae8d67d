//! Signed entries: with the register's Git configuration asking for SSH signing, every
//! entry the tool makes (also one a sync makes again) is signed so that Git verifies it;
//! the store's signature check tells a good signature from an unknown key and an unsigned
//! entry; `require_signed` refuses a change the configuration would not sign.
//!
//! The keys are throwaway ed25519 keys made by the test with `ssh-keygen`; without
//! `ssh-keygen` on the machine the tests say so and pass.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a helper fails the test by panicking"
)]

mod common;

use common::keys::{SIGNER, make_key, sign_with, signing_register, ssh_keygen_present};
use common::{TestRegister, stderr, transcript};
use incident::store::{Register, SignatureCheck};
use tempfile::TempDir;

fn check(test: &TestRegister, commit: &str) -> SignatureCheck {
    Register::open(test.root())
        .unwrap()
        .check_signature(commit)
        .unwrap()
}

#[test]
fn the_tools_entries_are_signed_so_that_git_and_the_check_verify_them() {
    if !ssh_keygen_present("signed entries") {
        return;
    }
    let (test, _keys) = signing_register();
    let id = test.new_incident(&[]);
    test.cmd()
        .args([
            "log",
            &id,
            "--action",
            "Asked the recipient to delete the e-mail.",
        ])
        .assert()
        .success();
    let log = test.git(&["log", "--show-signature", "-2"]);
    let text = String::from_utf8_lossy(&log.stdout);
    assert_eq!(
        text.matches(&format!("Good \"git\" signature for {SIGNER}"))
            .count(),
        2,
        "{text}"
    );
    for commit in ["HEAD", "HEAD~1"] {
        let verified = test.git(&["verify-commit", commit]);
        assert!(verified.status.success(), "{}", stderr(&verified));
        assert_eq!(
            check(&test, commit),
            SignatureCheck::Good {
                signer: SIGNER.into()
            }
        );
    }
    assert!(test.dirty().is_empty(), "{:?}", test.dirty());
}

#[test]
fn a_foreign_key_is_unknown_and_an_unsigned_commit_unsigned() {
    if !ssh_keygen_present("signature check") {
        return;
    }
    let (test, keys) = signing_register();
    let (other, _) = make_key(keys.path(), "other");
    let foreign = test.git_as_colleague(&[
        "-c",
        &format!("user.signingkey={}", other.display()),
        "commit",
        "-q",
        "--allow-empty",
        "-m",
        "Signed by a key the register does not list",
    ]);
    assert!(foreign.status.success(), "{}", stderr(&foreign));
    assert!(
        matches!(check(&test, "HEAD"), SignatureCheck::UnknownKey { .. }),
        "{:?}",
        check(&test, "HEAD")
    );
    let unsigned = test.git_as_colleague(&[
        "-c",
        "commit.gpgsign=false",
        "commit",
        "-q",
        "--allow-empty",
        "-m",
        "Not signed",
    ]);
    assert!(unsigned.status.success(), "{}", stderr(&unsigned));
    assert_eq!(check(&test, "HEAD"), SignatureCheck::Unsigned);
}

#[test]
fn a_signing_key_that_is_not_there_refuses_the_change_and_records_nothing() {
    let test = TestRegister::new();
    let missing = test.path("no-such-key");
    sign_with(
        |args| test.git(args),
        &missing,
        &test.path(".allowed_signers"),
    );
    let head = test.head();
    let output = test
        .cmd()
        .args([
            "new",
            "--title",
            "Lost laptop",
            "--discovered",
            "2026-03-27 10:00",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(4), "{}", transcript(&output));
    let words = stderr(&output);
    assert!(
        words.contains("user.signingkey") && words.contains("nothing was recorded"),
        "{words}"
    );
    assert_eq!(test.head(), head);
    assert!(test.dirty().is_empty(), "{:?}", test.dirty());
}

#[test]
fn a_signing_program_that_cannot_start_refuses_the_change_and_records_nothing() {
    if !ssh_keygen_present("signing program") {
        return;
    }
    let (test, _keys) = signing_register();
    let set = test.git(&["config", "gpg.ssh.program", "/nonexistent/ssh-keygen"]);
    assert!(set.status.success());
    let head = test.head();
    let output = test
        .cmd()
        .args([
            "new",
            "--title",
            "Lost laptop",
            "--discovered",
            "2026-03-27 10:00",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(4), "{}", transcript(&output));
    assert!(
        stderr(&output).contains("gpg.ssh.program"),
        "{}",
        stderr(&output)
    );
    assert_eq!(test.head(), head);
    assert!(test.dirty().is_empty(), "{:?}", test.dirty());
}

/// A register that requires signed entries, set by a colleague's commit, and a Git
/// configuration that does not sign.
fn requiring_register(lang: &str) -> TestRegister {
    let test = TestRegister::in_language(lang);
    let settings = test.read("incident.toml").replacen(
        "[register]\n",
        "[register]\nrequire_signed = true\n",
        1,
    );
    test.write("incident.toml", &settings);
    let commit = test.git_as_colleague(&["commit", "-q", "-am", "Require signed entries"]);
    assert!(commit.status.success(), "{}", stderr(&commit));
    test
}

#[test]
fn require_signed_without_a_signing_configuration_refuses_before_anything_is_written() {
    let test = requiring_register("en");
    let head = test.head();
    let output = test
        .cmd()
        .args([
            "new",
            "--title",
            "Lost laptop",
            "--discovered",
            "2026-03-27 10:00",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(4), "{}", transcript(&output));
    assert_eq!(test.head(), head, "nothing committed");
    assert!(test.dirty().is_empty(), "{:?}", test.dirty());
    assert!(!test.path("incidents").exists());
    // Unmasked: nothing here is a commit id (`id_ed25519` would look like one).
    insta::assert_snapshot!("require_signed_refusal_en", stderr(&output));
    let swedish = requiring_register("sv");
    let output = swedish
        .cmd()
        .env("INCIDENT_LANG", "sv")
        .args([
            "new",
            "--title",
            "Borttappad dator",
            "--discovered",
            "2026-03-27 10:00",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(4));
    insta::assert_snapshot!("require_signed_refusal_sv", stderr(&output));
}

#[test]
fn require_signed_with_a_signing_configuration_records_signed_entries() {
    if !ssh_keygen_present("require_signed") {
        return;
    }
    let (test, _keys) = signing_register();
    let settings = test.read("incident.toml").replacen(
        "[register]\n",
        "[register]\nrequire_signed = true\n",
        1,
    );
    test.write("incident.toml", &settings);
    // The edit of the settings is recorded first, signed as well.
    let id = test.new_incident(&[]);
    assert!(id.starts_with("2026-"), "{id}");
    for commit in ["HEAD", "HEAD~1"] {
        assert_eq!(
            check(&test, commit),
            SignatureCheck::Good {
                signer: SIGNER.into()
            },
            "{commit}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_sync_keeps_the_entries_it_makes_again_signed() {
    use common::team::Team;
    if !ssh_keygen_present("sync replay") {
        return;
    }
    let team = Team::new(&[]);
    let anna = team.join("anna", "Anna Andersson <anna@example.org>");
    anna.report("Misdirected e-mail");
    anna.ok(&["sync"]);
    let bo = team.join("bo", "Bo Berg <bo@example.org>");
    let keys = TempDir::new().unwrap();
    let (key, public) = make_key(keys.path(), "bo");
    let allowed = keys.path().join("allowed_signers");
    std::fs::write(&allowed, format!("{SIGNER} {public}\n")).unwrap();
    sign_with(|args| bo.git(args), &key, &allowed);
    anna.ok(&[
        "log",
        "2026-0001",
        "--action",
        "Called the recipient.",
        "--at",
        "2026-12-01 09:10",
    ]);
    anna.ok(&["sync"]);
    bo.ok(&[
        "log",
        "2026-0001",
        "--action",
        "Told the manager.",
        "--at",
        "2026-12-01 09:05",
    ]);
    let local = bo.head();
    let sync = bo.ok(&["sync"]);
    assert_ne!(bo.head(), local, "made again on the server's entry: {sync}");
    assert_eq!(bo.head(), team.server_head());
    let verified = bo.git(&["verify-commit", "HEAD"]);
    assert!(verified.status.success(), "{}", stderr(&verified));
    let message = bo.git(&["log", "-1", "--format=%s"]);
    assert!(
        String::from_utf8_lossy(&message.stdout).contains("Told the manager"),
        "{}",
        String::from_utf8_lossy(&message.stdout)
    );
}
