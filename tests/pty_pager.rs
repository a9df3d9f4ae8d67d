//! Long output through a pager at a terminal, as Git does (issue 17): `show`, `list` and
//! `export imy` write into INCIDENT_PAGER (else PAGER, else `less -FRX`) when stdout is a
//! terminal; never with `--no-pager`, with an empty variable, or when stdout is a pipe; a
//! pager that cannot start leaves the text to stdout. Driven through a pseudo-terminal, with
//! a pager script that writes what it receives to a file.

#![cfg(unix)]

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::pty::{Pty, PtyRegister};
use tempfile::TempDir;

const TITLE: &str = "Fel mottagare";

fn register_with_an_incident() -> PtyRegister {
    let register = PtyRegister::init("Dora Dataskydd");
    register.report_quietly(&["--title", TITLE, "--discovered", "2026-03-27 10:00"]);
    register
}

/// A pager that writes what it receives into `paged.txt` of its folder.
struct FakePager {
    dir: TempDir,
}

impl FakePager {
    fn new() -> FakePager {
        FakePager::with_script("cat > \"$(dirname \"$0\")/paged.txt\"")
    }

    /// A pager whose shell script body is `body`.
    fn with_script(body: &str) -> FakePager {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temporary folder: {e}"));
        let script = dir.path().join("pager.sh");
        std::fs::write(&script, format!("#!/bin/sh\n{body}\n"))
            .unwrap_or_else(|e| panic!("write {}: {e}", script.display()));
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755))
            .unwrap_or_else(|e| panic!("make {} executable: {e}", script.display()));
        FakePager { dir }
    }

    fn command(&self) -> PathBuf {
        self.dir.path().join("pager.sh")
    }

    /// What the pager received, if it ran.
    fn paged(&self) -> Option<String> {
        std::fs::read_to_string(self.dir.path().join("paged.txt")).ok()
    }
}

fn run_in_pty(command: Command, name: &str) -> (i32, String) {
    let mut pty = Pty::spawn(command, name.to_string());
    let code = pty.finish();
    (code, pty.terminal())
}

fn paged_by(register: &PtyRegister, pager: &Path, args: &[&str]) -> (i32, String) {
    let mut command = register.command(args);
    command.env("INCIDENT_PAGER", pager);
    run_in_pty(command, args[0])
}

#[test]
fn show_goes_through_the_pager_at_a_terminal_never_into_a_pipe() {
    let register = register_with_an_incident();
    let pager = FakePager::new();
    let output = register
        .command(&["show", "2026-0001"])
        .env("INCIDENT_PAGER", pager.command())
        .output()
        .unwrap_or_else(|e| panic!("run show: {e}"));
    assert!(output.status.success(), "{output:?}");
    assert_eq!(pager.paged(), None, "stdout is a pipe: no pager");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.starts_with(&format!("2026-0001  {TITLE}")),
        "{stdout}"
    );

    let (code, screen) = paged_by(&register, &pager.command(), &["show", "2026-0001"]);
    assert_eq!(code, 0, "{screen}");
    let paged = pager
        .paged()
        .unwrap_or_else(|| panic!("the pager ran:\n{screen}"));
    assert!(
        paged.starts_with(&format!("2026-0001  {TITLE}\n")),
        "{paged}"
    );
    assert!(paged.contains("Steps A–H"), "{paged}");
    assert!(
        !screen.contains(TITLE),
        "the text went to the pager, not past it:\n{screen}"
    );
}

#[test]
fn list_and_export_imy_go_through_the_pager_and_pager_is_used_without_incident_pager() {
    let register = register_with_an_incident();
    let pager = FakePager::new();
    let (code, screen) = paged_by(&register, &pager.command(), &["list"]);
    assert_eq!(code, 0, "{screen}");
    let paged = pager
        .paged()
        .unwrap_or_else(|| panic!("list was paged:\n{screen}"));
    assert!(paged.contains(&format!("| 2026-0001 | {TITLE}")), "{paged}");

    let pager = FakePager::new();
    let mut command = register.command(&["export", "imy", "2026-0001", "--draft"]);
    command
        .env_remove("INCIDENT_PAGER")
        .env("PAGER", pager.command());
    let (code, screen) = run_in_pty(command, "export");
    assert_eq!(code, 0, "{screen}");
    let paged = pager
        .paged()
        .unwrap_or_else(|| panic!("PAGER was used:\n{screen}"));
    assert!(
        paged.starts_with("Anmäl personuppgiftsincident\nIncident 2026-0001"),
        "{paged}"
    );
    // The messages after the form are not data: on the screen, after the pager.
    assert!(
        screen.contains("Missing for a complete notification:"),
        "{screen}"
    );
}

#[test]
fn no_pager_an_empty_variable_and_a_missing_pager_print_directly() {
    let register = register_with_an_incident();
    let pager = FakePager::new();
    let (code, screen) = paged_by(
        &register,
        &pager.command(),
        &["show", "2026-0001", "--no-pager"],
    );
    assert_eq!(code, 0, "{screen}");
    assert_eq!(pager.paged(), None, "--no-pager does not run the pager");
    assert!(screen.contains(&format!("2026-0001  {TITLE}")), "{screen}");

    let mut command = register.command(&["show", "2026-0001"]);
    command
        .env("INCIDENT_PAGER", "")
        .env("PAGER", pager.command());
    let (code, screen) = run_in_pty(command, "show");
    assert_eq!(code, 0, "{screen}");
    assert_eq!(
        pager.paged(),
        None,
        "an empty INCIDENT_PAGER turns paging off"
    );
    assert!(screen.contains(TITLE), "{screen}");

    // A pager that cannot start: run directly, or by the shell (127).
    for missing in ["/no/such/pager -R", "no-such-pager --prompt='x'"] {
        let mut command = register.command(&["show", "2026-0001"]);
        command.env("INCIDENT_PAGER", missing);
        let (code, screen) = run_in_pty(command, "show");
        assert_eq!(code, 0, "{missing}: {screen}");
        assert!(
            screen.contains(&format!("2026-0001  {TITLE}")),
            "{missing}: the text is printed directly:\n{screen}"
        );
    }
}

#[test]
fn a_pager_quit_before_reading_everything_is_not_an_error() {
    let register = PtyRegister::init("Dora Dataskydd");
    // Longer than a pipe's buffer (64 KiB), so the writing meets the closed pipe.
    let observed = "Ett brev skickades till fel mottagare.\n".repeat(2500);
    register.report_quietly(&[
        "--title",
        TITLE,
        "--discovered",
        "2026-03-27 10:00",
        "--observed",
        &observed,
    ]);
    // A pager that reads one line and quits, as a person pressing q at once.
    let pager = FakePager::with_script("head -n 1 > \"$(dirname \"$0\")/paged.txt\"");
    let (code, screen) = paged_by(&register, &pager.command(), &["show", "2026-0001"]);
    assert_eq!(code, 0, "{screen}");
    assert_eq!(
        pager.paged().as_deref(),
        Some(format!("2026-0001  {TITLE}\n").as_str())
    );
    assert!(!screen.contains("rror"), "no error is told:\n{screen}");
}

#[test]
fn ctrl_c_in_the_pager_is_the_pagers_and_the_command_ends_after_it() {
    let register = register_with_an_incident();
    // As less: Ctrl-C does not end it, a line typed at the terminal (q) does.
    let pager = FakePager::with_script(
        "trap '' INT\ncat > \"$(dirname \"$0\")/paged.txt\"\necho PAGER READY\nread answer < /dev/tty",
    );
    let mut command = register.command(&["export", "imy", "2026-0001", "--draft"]);
    command.env("INCIDENT_PAGER", pager.command());
    let mut pty = Pty::spawn(command, "`incident export`".into());
    pty.expect("PAGER READY");
    pty.send("\x03");
    pty.send("q\r");
    pty.expect("Missing for a complete notification:");
    assert_eq!(pty.finish(), 0, "{}", pty.terminal());
    assert!(
        pager
            .paged()
            .is_some_and(|paged| paged.contains("Incident 2026-0001"))
    );
}
