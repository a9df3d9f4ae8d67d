//! Signing the journal's commits the way Git signs them, so that `git log
//! --show-signature`, `git verify-commit` and `incident verify` accept them.
//!
//! Git's rules (its gpg-interface.c, and `git help config`): `commit.gpgsign = true` asks
//! for signing; `gpg.format` is `openpgp` (the default, program `gpg`), `x509` (`gpgsm`)
//! or `ssh` (`ssh-keygen`); `gpg.program` / `gpg.openpgp.program`, `gpg.x509.program` and
//! `gpg.ssh.program` name another program; `user.signingkey` is the key: for GPG a key id
//! (default: the committer's `Name <email>`), for SSH a key file (private, or public with
//! the private key in ssh-agent), or a literal public key (`ssh-ed25519 AAAA…` or
//! `key::…`), which ssh-agent signs with (`-U`). The commit object is made as Git makes
//! it: the signature in its `gpgsig` header.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use git2::{Commit, Oid, Repository, Signature, Tree};

use super::{Journal, git_error};
use crate::error::{Error, Result, SigningProblem};

/// The signature formats of Git's `gpg.format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    OpenPgp,
    X509,
    Ssh,
}

impl Format {
    fn parse(value: &str) -> Option<Format> {
        match value {
            "openpgp" => Some(Format::OpenPgp),
            "x509" => Some(Format::X509),
            "ssh" => Some(Format::Ssh),
            _ => None,
        }
    }

    /// The format a signature is in, by its first line (as Git tells them apart).
    pub fn of_signature(signature: &str) -> Option<Format> {
        if signature.starts_with("-----BEGIN SSH SIGNATURE-----") {
            Some(Format::Ssh)
        } else if signature.starts_with("-----BEGIN PGP SIGNATURE-----")
            || signature.starts_with("-----BEGIN PGP MESSAGE-----")
        {
            Some(Format::OpenPgp)
        } else if signature.starts_with("-----BEGIN SIGNED MESSAGE-----") {
            Some(Format::X509)
        } else {
            None
        }
    }

    /// The Git setting that names the program, and the program without it.
    pub fn program_setting(self) -> (&'static str, &'static str) {
        match self {
            Format::OpenPgp => ("gpg.program", "gpg"),
            Format::X509 => ("gpg.x509.program", "gpgsm"),
            Format::Ssh => ("gpg.ssh.program", "ssh-keygen"),
        }
    }

    /// The program of this format in `config`.
    pub fn program(self, config: &git2::Config) -> String {
        let (setting, default) = self.program_setting();
        // `gpg.openpgp.program` is the newer name of `gpg.program`.
        let newer = (self == Format::OpenPgp)
            .then(|| config.get_string("gpg.openpgp.program").ok())
            .flatten();
        newer
            .or_else(|| config.get_string(setting).ok())
            .filter(|program| !program.is_empty())
            .unwrap_or_else(|| default.to_string())
    }
}

/// The key a signer signs with.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Key {
    /// GPG: a key id, a fingerprint or a user id.
    Id(String),
    /// GPG without `user.signingkey`: the committer's `Name <email>`, as Git does.
    Committer,
    /// SSH: a key file.
    File(PathBuf),
    /// SSH: a public key whose private key ssh-agent holds.
    Literal(String),
}

/// How the Git configuration asks the journal's commits to be signed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signer {
    format: Format,
    program: String,
    key: Key,
}

impl Journal {
    /// How the register's Git configuration (the repository's, the person's global and the
    /// system's) asks for commits to be signed: `None` when it does not. Refused when the
    /// register requires signed entries and the configuration does not sign, or when it
    /// asks for signing in a way that cannot work (no key, a key file that is not there).
    /// Spawns nothing: the check before a change is made, and the signer of every commit.
    pub fn signer(&self) -> Result<Option<Signer>> {
        let config = self
            .repo
            .config()
            .and_then(|mut c| c.snapshot())
            .map_err(git_error("read the Git configuration"))?;
        let asks = match config.get_bool("commit.gpgsign") {
            Ok(asks) => asks,
            Err(error) if error.code() == git2::ErrorCode::NotFound => false,
            Err(error) => return Err(git_error("read commit.gpgsign")(error)),
        };
        if !asks {
            return if self.require_signed {
                Err(Error::Signing {
                    problem: SigningProblem::Required,
                })
            } else {
                Ok(None)
            };
        }
        let format = match config.get_string("gpg.format") {
            Ok(value) => Format::parse(&value).ok_or(Error::Signing {
                problem: SigningProblem::UnknownFormat { value },
            })?,
            Err(_) => Format::OpenPgp,
        };
        let configured = config
            .get_string("user.signingkey")
            .ok()
            .filter(|key| !key.trim().is_empty());
        let key = match (format, configured) {
            (Format::Ssh, None) => {
                return Err(Error::Signing {
                    problem: SigningProblem::NoKey,
                });
            }
            (Format::Ssh, Some(key)) => ssh_key(&key, self.repo.workdir()),
            (_, Some(key)) => Key::Id(key),
            (_, None) => Key::Committer,
        };
        if let Key::File(path) = &key
            && !path.exists()
        {
            return Err(Error::Signing {
                problem: SigningProblem::KeyFileMissing { path: path.clone() },
            });
        }
        Ok(Some(Signer {
            format,
            program: format.program(&config),
            key,
        }))
    }
}

/// An SSH `user.signingkey`: a literal public key (`key::…` or `ssh-…`), else a file, its
/// `~/` taken from HOME and a relative path from the register's folder (where Git runs).
fn ssh_key(configured: &str, workdir: Option<&Path>) -> Key {
    if let Some(literal) = configured.strip_prefix("key::") {
        return Key::Literal(literal.to_string());
    }
    if configured.starts_with("ssh-") {
        return Key::Literal(configured.to_string());
    }
    let path = match configured.strip_prefix("~/") {
        Some(rest) => std::env::var_os("HOME").map_or_else(
            || PathBuf::from(configured),
            |home| PathBuf::from(home).join(rest),
        ),
        None => PathBuf::from(configured),
    };
    match workdir {
        Some(dir) if path.is_relative() => Key::File(dir.join(path)),
        _ => Key::File(path),
    }
}

impl Signer {
    /// The signature of `buffer` (a commit object without its signature), as the Git
    /// configuration asks: one process of the signing program.
    pub fn sign(&self, buffer: &str, committer: &Signature<'_>) -> Result<String> {
        let signature = match self.format {
            Format::Ssh => self.sign_ssh(buffer)?,
            Format::OpenPgp | Format::X509 => self.sign_gpg(buffer, committer)?,
        };
        // Git strips carriage returns (a signing program on Windows).
        Ok(signature.replace('\r', ""))
    }

    /// `ssh-keygen -Y sign -n git -f KEY [-U] FILE`, the buffer in a temporary file as Git
    /// passes it: standard input stays empty, so a key that needs a passphrase without a
    /// terminal fails at once instead of reading the buffer as its passphrase.
    fn sign_ssh(&self, buffer: &str) -> Result<String> {
        let literal_file;
        let (key_path, literal) = match &self.key {
            Key::File(path) => (path.as_path(), false),
            Key::Literal(key) => {
                literal_file = TempFile::new("signing_key", key.as_bytes())?;
                (literal_file.path.as_path(), true)
            }
            Key::Id(_) | Key::Committer => unreachable!("an SSH signer has an SSH key"),
        };
        let data = TempFile::new("signing_buffer", buffer.as_bytes())?;
        let signature_path = PathBuf::from(format!("{}.sig", data.path.display()));
        let _signature_file = TempFile {
            path: signature_path.clone(),
        };
        let mut command = Command::new(&self.program);
        command
            .args(["-Y", "sign", "-n", "git", "-f"])
            .arg(key_path);
        if literal {
            command.arg("-U");
        }
        command.arg(&data.path);
        let output = self.run(&mut command, None)?;
        if !output.status.success() {
            return Err(self.failed(&output.stderr));
        }
        std::fs::read_to_string(&signature_path).map_err(|source| Error::Io {
            action: "read",
            path: signature_path.clone(),
            source,
        })
    }

    /// `gpg --status-fd=2 -bsau KEY`, the buffer on standard input, as Git runs it; signed
    /// only when gpg reports `SIG_CREATED`.
    fn sign_gpg(&self, buffer: &str, committer: &Signature<'_>) -> Result<String> {
        let key = match &self.key {
            Key::Id(id) => id.clone(),
            Key::Committer => format!(
                "{} <{}>",
                committer.name().unwrap_or_default(),
                committer.email().unwrap_or_default()
            ),
            Key::File(_) | Key::Literal(_) => unreachable!("a GPG signer has a key id"),
        };
        let mut command = Command::new(&self.program);
        command.args(["--status-fd=2", "-bsau", &key]);
        let output = self.run(&mut command, Some(buffer.as_bytes()))?;
        let status = String::from_utf8_lossy(&output.stderr);
        let created = status
            .lines()
            .any(|line| line.starts_with("[GNUPG:] SIG_CREATED "));
        if !output.status.success() || !created {
            return Err(self.failed(&output.stderr));
        }
        String::from_utf8(output.stdout).map_err(|_| self.failed(b"not an armored signature"))
    }

    fn run(&self, command: &mut Command, input: Option<&[u8]>) -> Result<Output> {
        let (setting, _) = self.format.program_setting();
        run(command, input).map_err(|error| Error::Signing {
            problem: SigningProblem::NotStarted {
                program: self.program.clone(),
                setting,
                message: error.to_string(),
            },
        })
    }

    fn failed(&self, stderr: &[u8]) -> Error {
        Error::Signing {
            problem: SigningProblem::Failed {
                program: self.program.clone(),
                message: program_words(stderr),
            },
        }
    }
}

/// Runs `command` with `input` on its standard input (or none), its output captured.
pub(super) fn run(command: &mut Command, input: Option<&[u8]>) -> std::io::Result<Output> {
    command
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn()?;
    if let (Some(input), Some(mut stdin)) = (input, child.stdin.take()) {
        // Written beside the reading of the output: a large buffer would otherwise fill
        // the pipe while the program waits for its output to be read. A program that stops
        // reading early (a bad key) ends the write with an error, which its exit tells.
        let input = input.to_vec();
        let writer = std::thread::spawn(move || stdin.write_all(&input));
        let output = child.wait_with_output();
        let _ = writer.join();
        return output;
    }
    child.wait_with_output()
}

/// A program's words on standard error, on one line and without control characters,
/// for an error message.
pub(super) fn program_words(stderr: &[u8]) -> String {
    let text = String::from_utf8_lossy(stderr);
    let words: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with("[GNUPG:]"))
        .collect();
    let joined = words.join("; ");
    let clean: String = joined.chars().filter(|c| !c.is_control()).collect();
    if clean.is_empty() {
        "no output".to_string()
    } else {
        clean
    }
}

/// A file in the system's temporary folder, removed when dropped.
pub(super) struct TempFile {
    pub path: PathBuf,
}

impl TempFile {
    pub fn new(purpose: &str, bytes: &[u8]) -> Result<TempFile> {
        use std::sync::atomic::{AtomicU64, Ordering};
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let path = std::env::temp_dir().join(format!(
            ".incident_{purpose}_{}_{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        let io = |source| Error::Io {
            action: "write",
            path: path.clone(),
            source,
        };
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(io)?;
        let temp = TempFile { path: path.clone() };
        file.write_all(bytes).map_err(io)?;
        Ok(temp)
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Makes a commit object, signed by `signer` when there is one, and moves no reference.
pub(in crate::store) fn create_commit(
    repo: &Repository,
    signer: Option<&Signer>,
    author: &Signature<'_>,
    committer: &Signature<'_>,
    message: &str,
    tree: &Tree<'_>,
    parents: &[&Commit<'_>],
) -> Result<Oid> {
    let Some(signer) = signer else {
        return repo
            .commit(None, author, committer, message, tree, parents)
            .map_err(git_error("record the commit"));
    };
    let buffer = repo
        .commit_create_buffer(author, committer, message, tree, parents)
        .map_err(git_error("make the commit"))?;
    let buffer = buffer
        .as_str()
        .map_err(git_error("read the commit as text"))?
        .to_string();
    let signature = signer.sign(&buffer, committer)?;
    repo.commit_signed(&buffer, &signature, Some("gpgsig"))
        .map_err(git_error("record the signed commit"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ssh_keys_are_literal_or_files_as_git_reads_them() {
        let dir = Path::new("/register");
        assert_eq!(
            ssh_key("key::ssh-ed25519 AAAA", Some(dir)),
            Key::Literal("ssh-ed25519 AAAA".into())
        );
        assert_eq!(
            ssh_key("ssh-ed25519 AAAA comment", Some(dir)),
            Key::Literal("ssh-ed25519 AAAA comment".into())
        );
        assert_eq!(
            ssh_key("/keys/id_ed25519", Some(dir)),
            Key::File("/keys/id_ed25519".into())
        );
        assert_eq!(
            ssh_key("keys/id_ed25519", Some(dir)),
            Key::File("/register/keys/id_ed25519".into())
        );
    }

    #[test]
    fn signatures_are_told_apart_by_their_first_line() {
        assert_eq!(
            Format::of_signature("-----BEGIN SSH SIGNATURE-----\nU1NI"),
            Some(Format::Ssh)
        );
        assert_eq!(
            Format::of_signature("-----BEGIN PGP SIGNATURE-----\n"),
            Some(Format::OpenPgp)
        );
        assert_eq!(
            Format::of_signature("-----BEGIN SIGNED MESSAGE-----\n"),
            Some(Format::X509)
        );
        assert_eq!(Format::of_signature("garbage"), None);
    }

    #[test]
    fn a_programs_words_are_one_line_without_control_characters() {
        assert_eq!(
            program_words(b"Load key \"k\": incorrect passphrase\x1b[31m\n\n[GNUPG:] X\nbye\n"),
            "Load key \"k\": incorrect passphrase[31m; bye"
        );
        assert_eq!(program_words(b""), "no output");
    }
}
