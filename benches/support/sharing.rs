//! The sharing rows: `incident sync` with one new entry on each side against a server on
//! this machine (a bare repository by path), beside `git pull --rebase && git push` doing
//! the same work; and one change with `sync = "auto"` beside the change and a sync.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::generate::git_command;

pub struct SyncFigures {
    /// `incident sync`: the colleague's entry received, ours replayed and pushed.
    pub tool_sync: Duration,
    /// `git pull --rebase && git push` for the same work.
    pub git_sync: Duration,
    /// `incident log` with the register's default, `sync = "manual"`.
    pub manual_change: Duration,
    /// `incident log` with `sync = "auto"`: fetch, the change, push.
    pub auto_change: Duration,
}

fn ok(command: &mut Command, what: &str) {
    let output = command
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("{what}: {e}"));
    assert!(
        output.status.success(),
        "{what}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// Puts `root` on a new server beside it, with a colleague's clone, and measures.
/// `incident` makes the tool's command in a folder; `open` are two open incidents (ours,
/// the colleague's).
pub fn measure(
    root: &Path,
    work: &Path,
    open: [&str; 2],
    runs: usize,
    incident: &dyn Fn(&Path) -> Command,
) -> SyncFigures {
    let server = work.join("server.git");
    let colleague = work.join("colleague");
    ok(
        git_command(work)
            .args(["init", "-q", "--bare", "-b", "main"])
            .arg(&server),
        "git init --bare",
    );
    ok(
        git_command(root)
            .args(["remote", "add", "origin"])
            .arg(&server),
        "git remote add",
    );
    ok(
        git_command(root).args(["push", "-q", "-u", "origin", "main"]),
        "git push",
    );
    ok(
        git_command(work)
            .args(["clone", "-q"])
            .arg(&server)
            .arg(&colleague),
        "git clone",
    );
    let mut entry = 0;
    // The colleague's new entry on the server, made by the tool in the colleague's clone.
    let colleague_pushes = |entry: &mut usize| {
        *entry += 1;
        ok(
            git_command(&colleague).args(["pull", "-q", "--rebase"]),
            "colleague pull",
        );
        ok(
            incident(&colleague).args([
                "log",
                open[1],
                "--action",
                &format!("Kollegans åtgärd {entry}."),
                "--at",
                "2026-11-20 10:00",
            ]),
            "colleague log",
        );
        ok(
            git_command(&colleague).args(["push", "-q"]),
            "colleague push",
        );
    };
    let log_here = |entry: usize| -> Command {
        let mut command = incident(root);
        command.args([
            "log",
            open[0],
            "--action",
            &format!("Vår åtgärd {entry}."),
            "--at",
            "2026-11-20 11:00",
        ]);
        command
    };
    let timed = |command: &mut Command, what: &str| -> Duration {
        let started = Instant::now();
        ok(command, what);
        started.elapsed()
    };

    let (mut tool, mut git, mut manual, mut auto) = (vec![], vec![], vec![], vec![]);
    // One unmeasured round of each first, as for every row.
    for round in 0..=runs {
        colleague_pushes(&mut entry);
        ok(&mut log_here(entry), "log");
        let sync = timed(incident(root).arg("sync"), "incident sync");

        colleague_pushes(&mut entry);
        let report = root.join(format!(
            "incidents/{}/{}/report.yaml",
            &open[0][..4],
            open[0]
        ));
        let text = std::fs::read_to_string(&report).expect("report");
        std::fs::write(&report, format!("{text}# git edit {entry}\n")).expect("edit");
        ok(
            git_command(root).args(["commit", "-q", "-am", "git edit"]),
            "git commit",
        );
        let started = Instant::now();
        ok(
            git_command(root).args(["pull", "-q", "--rebase"]),
            "git pull --rebase",
        );
        ok(git_command(root).args(["push", "-q"]), "git push");
        let plain = started.elapsed();

        entry += 1;
        let change = timed(&mut log_here(entry), "log");
        ok(incident(root).arg("sync"), "sync after the manual change");
        if round > 0 {
            tool.push(sync);
            git.push(plain);
            manual.push(change);
        }
    }
    let settings = root.join("incident.toml");
    let text = std::fs::read_to_string(&settings).expect("settings");
    std::fs::write(
        &settings,
        text.replacen("[register]\n", "[register]\nsync = \"auto\"\n", 1),
    )
    .expect("settings");
    ok(
        incident(root).args(["record", "-m", "sync = auto"]),
        "record",
    );
    for round in 0..=runs {
        colleague_pushes(&mut entry);
        entry += 1;
        let change = timed(&mut log_here(entry), "log with sync = auto");
        if round > 0 {
            auto.push(change);
        }
    }
    SyncFigures {
        tool_sync: median(tool),
        git_sync: median(git),
        manual_change: median(manual),
        auto_change: median(auto),
    }
}
