//! `incident verify` with `require_signed`: every entry from the one that asked for
//! signatures on is signed by a key the register lists; an unsigned entry and one signed by
//! a foreign key are found and named. Throwaway keys; without `ssh-keygen` the tests say so
//! and pass.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a helper fails the test by panicking"
)]

mod common;

use common::keys::{make_key, signing_register, ssh_keygen_present};
use common::{stderr, verify_json};

#[test]
fn signed_entries_verify_and_an_unsigned_or_foreign_one_after_require_signed_is_found() {
    if !ssh_keygen_present("verify signed entries") {
        return;
    }
    let (register, keys) = signing_register();
    let settings = register.read("incident.toml");
    assert!(settings.contains("[register]\n"), "{settings}");
    register.write(
        "incident.toml",
        &settings.replace("[register]\n", "[register]\nrequire_signed = true\n"),
    );
    register
        .cmd()
        .args(["record", "--message", "entries are signed from now on"])
        .assert()
        .success();
    let required_from = register.head();
    let id = register.new_incident(&[]);
    let (code, json) = verify_json(&register);
    assert_eq!(code, 0, "{json}");
    assert_eq!(json["signed_since"], required_from.as_str());

    // Someone commits without signing, and someone with a key the register does not list.
    let unsigned = register.git_as_colleague(&[
        "-c",
        "commit.gpgsign=false",
        "commit",
        "-q",
        "--allow-empty",
        "-m",
        "unsigned note",
    ]);
    assert!(unsigned.status.success(), "{}", stderr(&unsigned));
    let unsigned = register.head();
    let (other, _) = make_key(keys.path(), "other");
    let foreign = register.git_as_colleague(&[
        "-c",
        &format!("user.signingkey={}", other.display()),
        "commit",
        "-q",
        "--allow-empty",
        "-m",
        "foreign note",
    ]);
    assert!(foreign.status.success(), "{}", stderr(&foreign));
    let foreign = register.head();
    register
        .cmd()
        .args(["log", &id, "--action", "Called the recipient."])
        .assert()
        .success();

    let (code, json) = verify_json(&register);
    assert_eq!(code, 7, "{json}");
    let findings = json["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 2, "{json}");
    assert_eq!(findings[0]["kind"], "not_signed");
    assert_eq!(findings[0]["commit"], unsigned.as_str());
    assert_eq!(findings[0]["signed"], false);
    assert_eq!(findings[1]["commit"], foreign.as_str());
    assert_eq!(findings[1]["signed"], true);
    assert_eq!(
        json["walked"], 3,
        "only the entries since the last run: {json}"
    );

    let output = register
        .cmd()
        .args(["verify"])
        .env("INCIDENT_LANG", "sv")
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.contains("är inte signerad, fast registret kräver signerade poster"),
        "{text}"
    );
    assert!(
        text.contains("inte med en nyckel i registrets lista"),
        "{text}"
    );
    assert!(
        text.ends_with("2 avvikelser, kontrollerat mot 0 inlämningar\n"),
        "{text}"
    );
}

#[test]
fn a_key_cannot_list_itself_nor_an_unsigned_entry_stop_the_signing() {
    if !ssh_keygen_present("verify signed entries") {
        return;
    }
    let (register, keys) = signing_register();
    let settings = register.read("incident.toml");
    register.write(
        "incident.toml",
        &settings.replace("[register]\n", "[register]\nrequire_signed = true\n"),
    );
    register.cmd().args(["record"]).assert().success();
    let id = register.new_incident(&[]);
    assert_eq!(verify_json(&register).0, 0);

    // Eve signs an entry with her own key, then adds that key to the list, signed by it.
    let (eve, eve_public) = make_key(keys.path(), "eve");
    let eve_key = format!("user.signingkey={}", eve.display());
    let by_eve = |args: &[&str]| {
        let mut full = vec!["-c", eve_key.as_str()];
        full.extend_from_slice(args);
        let output = register.git_as_colleague(&full);
        assert!(output.status.success(), "{}", stderr(&output));
    };
    by_eve(&["commit", "-q", "--allow-empty", "-m", "by eve"]);
    let eve_entry = register.head();
    let list = register.read(".allowed_signers");
    register.write(
        ".allowed_signers",
        &format!("{list}eve@example.org {eve_public}\n"),
    );
    by_eve(&["commit", "-q", "-a", "-m", "add a key"]);
    let adds_key = register.head();
    let (code, json) = verify_json(&register);
    assert_eq!(code, 7, "{json}");
    let named: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["commit"].as_str().unwrap())
        .collect();
    assert_eq!(named, [eve_entry.as_str(), adds_key.as_str()], "{json}");

    // The tool refuses an unsigned change that stops asking for signatures ...
    let settings = register.read("incident.toml");
    register.write(
        "incident.toml",
        &settings.replace("require_signed = true\n", ""),
    );
    let stop = register.git(&["config", "commit.gpgsign", "false"]);
    assert!(stop.status.success(), "{}", stderr(&stop));
    let refused = register.cmd().arg("record").output().unwrap();
    assert_eq!(
        refused.status.code(),
        Some(4),
        "{}",
        common::transcript(&refused)
    );
    // ... and verify names one made with git.
    let unsigned = register.git_as_colleague(&["commit", "-q", "-a", "-m", "signing off"]);
    assert!(unsigned.status.success(), "{}", stderr(&unsigned));
    let off = register.head();
    register
        .cmd()
        .args(["log", &id, "--action", "Unsigned from now on."])
        .assert()
        .success();
    let (_, json) = verify_json(&register);
    let findings = json["findings"].as_array().unwrap();
    let last = findings.last().unwrap();
    assert_eq!(last["commit"], off.as_str(), "{json}");
    assert_eq!(last["kind"], "not_signed");
    assert_eq!(last["signed"], false);
}

#[test]
fn a_readers_clone_without_a_key_syncs_what_it_need_not_sign() {
    if !ssh_keygen_present("verify signed entries") {
        return;
    }
    let (register, _keys) = signing_register();
    let settings = register.read("incident.toml");
    register.write(
        "incident.toml",
        &settings.replace("[register]\n", "[register]\nrequire_signed = true\n"),
    );
    register.cmd().arg("record").assert().success();
    register.new_incident(&[]);
    let server = tempfile::TempDir::new().unwrap();
    let bare = server.path().join("register.git");
    let git = |args: &[&str]| {
        let output = register.git(args);
        assert!(output.status.success(), "{}", stderr(&output));
    };
    git(&["init", "-q", "--bare", bare.to_str().unwrap()]);
    git(&["remote", "add", "origin", bare.to_str().unwrap()]);
    git(&["push", "-q", "-u", "origin", "main"]);
    // A reader (an auditor, a manager) clones and syncs with no signing configured.
    let reader = server.path().join("reader");
    register
        .cmd()
        .args(["clone", bare.to_str().unwrap(), reader.to_str().unwrap()])
        .assert()
        .success();
    let sync = register
        .cmd()
        .current_dir(&reader)
        .arg("sync")
        .output()
        .unwrap();
    assert_eq!(sync.status.code(), Some(0), "{}", common::transcript(&sync));
    let verified = register
        .cmd()
        .current_dir(&reader)
        .arg("verify")
        .output()
        .unwrap();
    assert_eq!(
        verified.status.code(),
        Some(0),
        "{}",
        common::transcript(&verified)
    );
}
