//! Throwaway SSH keys for signed entries: made by the test with `ssh-keygen`, set in the
//! test register's own Git configuration only.

use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;

use super::{TestRegister, stderr};

pub const SIGNER: &str = "signer@example.org";

/// Whether `ssh-keygen` can be run; a test without it says why it does nothing.
pub fn ssh_keygen_present(test: &str) -> bool {
    let present = Command::new("ssh-keygen").arg("-?").output().is_ok();
    if !present {
        println!("{test}: skipped, ssh-keygen is not installed (package openssh-client)");
    }
    present
}

/// A throwaway ed25519 key without a passphrase: its private key file and its public key.
pub fn make_key(dir: &Path, name: &str) -> (PathBuf, String) {
    let path = dir.join(name);
    let made = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", name, "-f"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(made.status.success(), "{}", stderr(&made));
    let public = std::fs::read_to_string(path.with_extension("pub")).unwrap();
    (path, public.trim().to_string())
}

/// Git configuration lines of the register (in its `.git/config` only) that sign with
/// `key` and check against `allowed`.
pub fn sign_with(git: impl Fn(&[&str]) -> std::process::Output, key: &Path, allowed: &Path) {
    for (name, value) in [
        ("gpg.format", "ssh"),
        ("user.signingkey", key.to_str().unwrap()),
        ("commit.gpgsign", "true"),
        ("gpg.ssh.allowedSignersFile", allowed.to_str().unwrap()),
        // Named, so that no configuration of the machine's picks another program.
        ("gpg.ssh.program", "ssh-keygen"),
    ] {
        let set = git(&["config", name, value]);
        assert!(set.status.success(), "{}", stderr(&set));
    }
}

/// A register whose Git configuration signs with a new key listed in its
/// `.allowed_signers`; the key's folder lives as long as the register.
pub fn signing_register() -> (TestRegister, TempDir) {
    let test = TestRegister::new();
    let keys = TempDir::new().unwrap();
    let (key, public) = make_key(keys.path(), "signer");
    let allowed = test.path(".allowed_signers");
    std::fs::write(&allowed, format!("{SIGNER} {public}\n")).unwrap();
    sign_with(|args| test.git(args), &key, &allowed);
    // The list of keys belongs to the register: committed with git, as a person would.
    let add = test.git_as_colleague(&["add", ".allowed_signers"]);
    assert!(add.status.success(), "{}", stderr(&add));
    let commit = test.git_as_colleague(&["commit", "-q", "-m", "Keys that sign entries"]);
    assert!(commit.status.success(), "{}", stderr(&commit));
    (test, keys)
}
