//! Checking a commit's signature the way Git checks it (`git verify-commit`), for
//! `incident verify`: the cryptography is the signing program's, never ours.
//!
//! SSH (Git's verify_ssh_signed_buffer): `ssh-keygen -Y find-principals` finds who the
//! allowed-signers file lists for the signature's key, then `ssh-keygen -Y verify` checks
//! the signature of the commit's data for that principal; both at the commit's time
//! (`-Overify-time`), so a key valid then (`valid-before`) still verifies. GPG and X.509:
//! `gpg --status-fd=1 --verify SIG -`, good only on `GOODSIG`; gpg's keyring decides which
//! keys it knows (the allowed-signers file lists SSH keys only).
//!
//! Cost: reading the signature is libgit2's; an unsigned commit spawns nothing. A signed
//! one spawns at most two processes (SSH: find-principals and verify, one if the key is
//! unknown; GPG: one) and writes one temporary file: a few milliseconds each, so a verify
//! of many commits remembers the commits it checked rather than checking them again.

use std::path::Path;
use std::process::{Command, Output};

use chrono::TimeZone;
use git2::Oid;

use super::signing::{Format, TempFile, program_words, run};
use super::{Journal, git_error};
use crate::error::{Error, Result};

/// What a commit's signature says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignatureCheck {
    /// The commit carries no signature.
    Unsigned,
    /// The signature verifies, by a key the register lists (SSH: its principal in the
    /// allowed-signers file) or gpg knows (GPG: its user id and key id).
    Good { signer: String },
    /// Signed, by a key the register does not list (or gpg does not have); the program's
    /// words.
    UnknownKey { detail: String },
    /// A signature that does not verify, or that is not one Git knows.
    Bad { detail: String },
}

impl Journal {
    /// The signature of `commit`, checked against the SSH `allowed_signers` file (Git's
    /// `gpg.ssh.allowedSignersFile` format; `None`, or a file that does not exist, lists
    /// no key). The programs are the Git configuration's (`gpg.ssh.program`,
    /// `gpg.program`, `gpg.x509.program`). Refused only when a needed program cannot be
    /// started or the commit cannot be read.
    pub fn check_signature(
        &self,
        commit: Oid,
        allowed_signers: Option<&Path>,
    ) -> Result<SignatureCheck> {
        let (signature, data) = match self.repo.extract_signature(&commit, None) {
            Ok(pair) => pair,
            Err(error) if error.code() == git2::ErrorCode::NotFound => {
                return Ok(SignatureCheck::Unsigned);
            }
            Err(error) => return Err(git_error("read the commit's signature")(error)),
        };
        let signature = String::from_utf8_lossy(&signature).into_owned();
        let Some(format) = Format::of_signature(&signature) else {
            return Ok(SignatureCheck::Bad {
                detail: "not a signature Git knows (gpgsig)".into(),
            });
        };
        let config = self
            .repo
            .config()
            .and_then(|mut c| c.snapshot())
            .map_err(git_error("read the Git configuration"))?;
        let program = format.program(&config);
        let signature_file = TempFile::new("signature", signature.as_bytes())?;
        let signature_path = signature_file.path.as_path();
        match format {
            Format::Ssh => {
                let time = self
                    .repo
                    .find_commit(commit)
                    .map_err(git_error("read the commit"))?
                    .committer()
                    .when()
                    .seconds();
                let Some(allowed) = allowed_signers.filter(|path| path.is_file()) else {
                    return Ok(SignatureCheck::UnknownKey {
                        detail: "no allowed-signers file lists the key".into(),
                    });
                };
                check_ssh(&program, signature_path, &data, allowed, time)
            }
            Format::OpenPgp | Format::X509 => {
                let mut command = Command::new(&program);
                if format == Format::OpenPgp {
                    command.arg("--keyid-format=long");
                }
                command
                    .args(["--status-fd=1", "--verify"])
                    .arg(signature_path)
                    .arg("-");
                let output = start(&program, &mut command, Some(&data))?;
                Ok(gpg_verdict(&output))
            }
        }
    }
}

/// `ssh-keygen -Y find-principals`, then `-Y verify` for the first principal found: the
/// principals found are those whose keys match the signature's, so one verify decides.
fn check_ssh(
    program: &str,
    signature: &Path,
    data: &[u8],
    allowed: &Path,
    committed_at: i64,
) -> Result<SignatureCheck> {
    // In local time, as Git writes it: ssh-keygen reads the allowed-signers file's times
    // (valid-after, valid-before) as local times.
    let verify_time = chrono::Local
        .timestamp_opt(committed_at, 0)
        .single()
        .map(|at| format!("-Overify-time={}", at.format("%Y%m%d%H%M%S")));
    let mut find = Command::new(program);
    find.args(["-Y", "find-principals", "-f"])
        .arg(allowed)
        .arg("-s")
        .arg(signature)
        .args(verify_time.iter());
    let found = start(program, &mut find, None)?;
    let principals = String::from_utf8_lossy(&found.stdout);
    let principal = principals
        .lines()
        .map(str::trim)
        .find(|line| !line.is_empty());
    let (true, Some(principal)) = (found.status.success(), principal) else {
        return Ok(SignatureCheck::UnknownKey {
            detail: program_words(&found.stderr),
        });
    };
    let mut verify = Command::new(program);
    verify
        .args(["-Y", "verify", "-n", "git", "-f"])
        .arg(allowed)
        .args(["-I", principal, "-s"])
        .arg(signature)
        .args(verify_time.iter());
    let verified = start(program, &mut verify, Some(data))?;
    if verified.status.success() && verified.stdout.starts_with(b"Good") {
        Ok(SignatureCheck::Good {
            signer: principal.to_string(),
        })
    } else {
        let mut words = verified.stderr.clone();
        words.extend_from_slice(b"\n");
        words.extend_from_slice(&verified.stdout);
        Ok(SignatureCheck::Bad {
            detail: program_words(&words),
        })
    }
}

/// What gpg's status lines say: good only on one `GOODSIG` and no other verdict.
fn gpg_verdict(output: &Output) -> SignatureCheck {
    let status = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<&str> = status
        .lines()
        .filter_map(|line| line.strip_prefix("[GNUPG:] "))
        .collect();
    let with = |keyword: &'static str| {
        lines
            .iter()
            .filter_map(move |line| line.strip_prefix(keyword))
            .map(str::trim)
    };
    let verdicts = [
        "GOODSIG ",
        "BADSIG ",
        "ERRSIG ",
        "EXPSIG ",
        "EXPKEYSIG ",
        "REVKEYSIG ",
    ];
    let count = verdicts.iter().map(|v| with(v).count()).sum::<usize>();
    let detail = || program_words(&output.stderr);
    if count > 1 {
        return SignatureCheck::Bad {
            detail: "more than one signature".into(),
        };
    }
    if let Some(good) = with("GOODSIG ").next() {
        // `GOODSIG <long key id> <user id>`
        let (key, user) = good.split_once(' ').unwrap_or((good, ""));
        return SignatureCheck::Good {
            signer: format!("{user} ({key})").trim().to_string(),
        };
    }
    if lines.iter().any(|line| line.starts_with("NO_PUBKEY ")) {
        return SignatureCheck::UnknownKey { detail: detail() };
    }
    SignatureCheck::Bad { detail: detail() }
}

/// Runs a checking program; one that cannot be started is an error, not a verdict.
fn start(program: &str, command: &mut Command, input: Option<&[u8]>) -> Result<Output> {
    run(command, input).map_err(|source| Error::Io {
        action: "start",
        path: program.into(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    fn gpg(status: &str) -> Output {
        use std::os::unix::process::ExitStatusExt;
        Output {
            status: std::process::ExitStatus::from_raw(0),
            stdout: status.as_bytes().to_vec(),
            stderr: b"gpg: words\n".to_vec(),
        }
    }

    #[cfg(unix)]
    #[test]
    fn gpg_status_lines_give_the_verdict() {
        assert_eq!(
            gpg_verdict(&gpg(
                "[GNUPG:] NEWSIG\n[GNUPG:] GOODSIG 0123456789ABCDEF Ada <ada@example.org>\n[GNUPG:] VALIDSIG F\n"
            )),
            SignatureCheck::Good {
                signer: "Ada <ada@example.org> (0123456789ABCDEF)".into()
            }
        );
        assert_eq!(
            gpg_verdict(&gpg(
                "[GNUPG:] ERRSIG 0123456789ABCDEF 1 10 00 1 9\n[GNUPG:] NO_PUBKEY 0123456789ABCDEF\n"
            )),
            SignatureCheck::UnknownKey {
                detail: "gpg: words".into()
            }
        );
        assert_eq!(
            gpg_verdict(&gpg("[GNUPG:] BADSIG 0123456789ABCDEF Ada\n")),
            SignatureCheck::Bad {
                detail: "gpg: words".into()
            }
        );
        assert!(matches!(
            gpg_verdict(&gpg("[GNUPG:] GOODSIG A Ada\n[GNUPG:] GOODSIG B Eve\n")),
            SignatureCheck::Bad { .. }
        ));
    }
}
