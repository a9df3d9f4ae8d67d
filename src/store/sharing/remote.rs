//! The network, through the `git` command line: fetch, push and clone.
//!
//! Why not git2: the git2 in this build has no network support (its default features are
//! off: no OpenSSL, no libssh2). Switching it on would compile OpenSSL and libssh2 into the
//! tool and still not honour what people have set up for Git: their SSH agent and
//! `~/.ssh/config`, their HTTPS credential helper, proxies, `insteadOf` rewrites. Everyone
//! who shares a register through a Git server has the `git` command, and it does all of
//! that already; the tool runs it for the three network steps only and does everything
//! else (the merge, the commits, the files) itself.

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::error::{Error, GitBlocker, Result};

/// How a push ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pushed {
    /// The server's branch is now ours.
    Done,
    /// Someone pushed first: fetch, integrate and try again.
    Behind,
    /// The server could not be reached.
    Unreachable(String),
}

/// How a fetch ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fetched {
    Done,
    Unreachable(String),
}

fn git(root: &Path) -> Command {
    let mut command = Command::new("git");
    command
        .current_dir(root)
        // A prompt for a password would hang a command that has no terminal; the
        // credential helper and the SSH agent still answer.
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("LC_ALL", "C")
        .stdin(Stdio::null());
    command
}

fn run(mut command: Command, action: &str) -> Result<Output> {
    command.output().map_err(|source| Error::Remote {
        action: action.to_string(),
        message: format!("the git command could not be run: {source}"),
        unreachable: false,
    })
}

fn stderr_of(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).trim().to_string()
}

/// Whether git's message says the server could not be reached (as opposed to refusing).
fn is_unreachable(message: &str) -> bool {
    const SIGNS: [&str; 10] = [
        "Could not resolve host",
        "Connection refused",
        "Connection timed out",
        "Network is unreachable",
        "No route to host",
        "unable to connect",
        "Could not read from remote repository",
        "does not appear to be a git repository",
        "Failed to connect",
        "unable to access",
    ];
    SIGNS.iter().any(|sign| message.contains(sign))
}

/// Where a fetch puts the server's filed tags (`refs/tags/filed/*`): a namespace of the
/// tool's, so that a server's tag never overwrites a local one; the sync then makes the
/// local tags the clone lacks, and names the ones that differ.
pub fn server_filed_tags(remote: &str) -> String {
    format!("refs/incident/{remote}/filed/")
}

/// Fetches `branch` of `remote` into `refs/remotes/<remote>/<branch>`, and the server's
/// filed tags into [`server_filed_tags`]. A lock of git's on that reference (a fetch still
/// running, or one killed with its laptop) is waited for up to `wait`, then named.
pub fn fetch(root: &Path, remote: &str, branch: &str, wait: Duration) -> Result<Fetched> {
    let started = Instant::now();
    loop {
        let mut command = git(root);
        command.args([
            "fetch",
            "--quiet",
            "--no-tags",
            remote,
            &format!("+refs/heads/{branch}:refs/remotes/{remote}/{branch}"),
            &format!(
                "+refs/tags/{}*:{}*",
                crate::domain::filing::TAG_PREFIX,
                server_filed_tags(remote)
            ),
        ]);
        let output = run(command, "fetch")?;
        if output.status.success() {
            return Ok(Fetched::Done);
        }
        let message = stderr_of(&output);
        // An empty server (a bare repository nobody pushed to) has no branch to fetch yet.
        if message.contains("couldn't find remote ref") {
            return Ok(Fetched::Done);
        }
        if is_unreachable(&message) {
            return Ok(Fetched::Unreachable(message));
        }
        if let Some(lock) = locked_by(&message, root) {
            if started.elapsed() < wait {
                std::thread::sleep(Duration::from_millis(50));
                continue;
            }
            return Err(Error::GitState {
                blocker: GitBlocker::Locked { path: lock },
            });
        }
        return Err(Error::Remote {
            action: "fetch".into(),
            message,
            unreachable: false,
        });
    }
}

/// The lock file git names when it cannot lock a reference ("Unable to create
/// '<path>.lock': File exists"), relative to the register.
fn locked_by(message: &str, root: &Path) -> Option<String> {
    let start = message.find("Unable to create '")? + "Unable to create '".len();
    let end = start + message[start..].find("': File exists")?;
    let path = Path::new(&message[start..end]);
    let relative = path.strip_prefix(root).unwrap_or(path);
    Some(relative.display().to_string())
}

/// Pushes `commit` to `branch` of `remote` and the filed tags `tags` (names under
/// `refs/tags/`) with it, never forced: in one `git push --atomic` (all or nothing), or,
/// when the server cannot take an atomic push, in one plain push.
pub fn push(
    root: &Path,
    remote: &str,
    branch: &str,
    commit: &str,
    tags: &[String],
) -> Result<Pushed> {
    let mut refspecs = vec![format!("{commit}:refs/heads/{branch}")];
    refspecs.extend(
        tags.iter()
            .map(|tag| format!("refs/tags/{tag}:refs/tags/{tag}")),
    );
    let push_with = |atomic: bool| {
        let mut command = git(root);
        command.args(["push", "--quiet", "--porcelain"]);
        if atomic {
            command.arg("--atomic");
        }
        command.arg(remote).args(&refspecs);
        run(command, "push")
    };
    let mut output = push_with(!tags.is_empty())?;
    if !output.status.success() && stderr_of(&output).contains("does not support --atomic") {
        output = push_with(false)?;
    }
    if output.status.success() {
        return Ok(Pushed::Done);
    }
    let message = stderr_of(&output);
    let report = String::from_utf8_lossy(&output.stdout);
    // The server took it, and only the clone's own note of it (the remote-tracking
    // reference, locked by a fetch still running) failed: pushed all the same.
    let target = format!(":refs/heads/{branch}\t");
    if report.lines().any(|line| {
        line.contains(&target) && matches!(line.chars().next(), Some(' ' | '*' | '+' | '='))
    }) {
        return Ok(Pushed::Done);
    }
    // Someone pushed first; or pushed at the same moment, so that the server could not
    // take its lock on the branch (`git push` to a busy server says "failed to update
    // ref"). Either way: fetch, integrate, push again.
    let raced = report.contains("[remote rejected]")
        && (report.contains("failed to update ref") || message.contains("cannot lock ref"));
    let behind = report.contains("[rejected]")
        && (report.contains("fetch first") || report.contains("non-fast-forward"));
    if raced || behind {
        return Ok(Pushed::Behind);
    }
    if is_unreachable(&message) {
        return Ok(Pushed::Unreachable(message));
    }
    let detail = [message, report.trim().to_string()]
        .into_iter()
        .filter(|text| !text.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    Err(Error::Remote {
        action: "push".into(),
        message: detail,
        unreachable: false,
    })
}

/// Clones `url` into `folder` (which must not exist or be empty).
pub fn clone(url: &str, folder: &Path) -> Result<()> {
    let parent = folder
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    let mut command = git(parent);
    // `--` so that a URL beginning with a dash is never taken for an option of git's.
    command
        .arg("clone")
        .arg("--quiet")
        .arg("--")
        .arg(url)
        .arg(folder);
    let output = run(command, "clone")?;
    if output.status.success() {
        return check_out_the_register_branch(folder);
    }
    let message = stderr_of(&output);
    Err(Error::Remote {
        action: "clone".into(),
        unreachable: is_unreachable(&message),
        message,
    })
}

/// A server whose HEAD names a branch nobody pushed (a bare repository made with another
/// default branch than the register's) leaves the clone on no commit: the register's
/// branch is then the server's `main`, or its only branch, checked out by git.
fn check_out_the_register_branch(folder: &Path) -> Result<()> {
    let mut verify = git(folder);
    verify.args(["rev-parse", "--quiet", "--verify", "HEAD"]);
    if run(verify, "clone")?.status.success() {
        return Ok(());
    }
    let mut list = git(folder);
    list.args([
        "for-each-ref",
        "--format=%(refname:strip=3)",
        "refs/remotes/origin",
    ]);
    let listed = run(list, "clone")?;
    let branches: Vec<String> = String::from_utf8_lossy(&listed.stdout)
        .lines()
        .filter(|name| *name != "HEAD")
        .map(String::from)
        .collect();
    let branch = if branches.iter().any(|b| b == "main") {
        "main".to_string()
    } else if let [only] = branches.as_slice() {
        only.clone()
    } else {
        // An empty server: the first sync pushes the register's branch.
        return Ok(());
    };
    let mut checkout = git(folder);
    checkout.args(["checkout", "--quiet", &branch]);
    let output = run(checkout, "clone")?;
    if output.status.success() {
        Ok(())
    } else {
        Err(Error::Remote {
            action: "clone".into(),
            message: stderr_of(&output),
            unreachable: false,
        })
    }
}
