//! Long output through a pager at a terminal, as Git does: `INCIDENT_PAGER`, else `PAGER`,
//! else `less -FRX` (which quits at once when the text fits the screen; `LESS` is left as
//! the user has it). None with `--no-pager`, with an empty variable or `cat`, and never
//! when stdout is not a terminal (a pipe, a file, a script).

use std::io::{IsTerminal, Write};
use std::process::{Child, Command, Stdio};

/// The pager when neither variable names one: -F quits when the text fits one screen,
/// -R keeps the colours, -X leaves the text on the screen after quitting.
pub const DEFAULT: &str = "less -FRX";

/// The pager to run, if any: see the module's documentation.
pub fn chosen(
    no_pager: bool,
    stdout_is_terminal: bool,
    incident_pager: Option<&str>,
    pager: Option<&str>,
) -> Option<String> {
    if no_pager || !stdout_is_terminal {
        return None;
    }
    // An empty INCIDENT_PAGER turns paging off, whatever PAGER says.
    let command = incident_pager.or(pager).unwrap_or(DEFAULT).trim();
    (!command.is_empty() && command != "cat").then(|| command.to_string())
}

/// The pager of this process: [`chosen`] from its stdout and environment.
pub fn of_environment(no_pager: bool) -> Option<String> {
    let variable =
        |name: &str| std::env::var_os(name).map(|value| value.to_string_lossy().into_owned());
    chosen(
        no_pager,
        std::io::stdout().is_terminal(),
        variable("INCIDENT_PAGER").as_deref(),
        variable("PAGER").as_deref(),
    )
}

/// Writes the output through `write` into `command`'s input and waits until the pager
/// ends. A pager quit before the end (a broken pipe) is not an error; one that cannot
/// start leaves the output to stdout, written directly.
pub fn page(command: &str, write: &dyn Fn(&mut dyn Write) -> std::io::Result<()>) {
    if let Some(mut child) = start(command) {
        let _interrupt = LeftToThePager::new();
        if let Some(mut input) = child.stdin.take() {
            // A pager quit early closes its input; what is left is not wanted.
            let _ = write(&mut input);
            let _ = input.flush();
        }
        match child.wait() {
            // 126 and 127: the shell found no such pager, or could not run it.
            Ok(status) if matches!(status.code(), Some(126 | 127)) => {}
            _ => return,
        }
    }
    let mut stdout = std::io::stdout().lock();
    let _ = write(&mut stdout);
    let _ = stdout.flush();
}

/// While a pager runs, Ctrl-C is the pager's (less stops a search with it and goes on):
/// this process ignores it meanwhile, so that it neither dies under the pager nor leaves
/// it reading a terminal the shell has taken back. Set after the pager has started, which
/// keeps its own handling; the previous handling is restored when it is dropped.
struct LeftToThePager {
    #[cfg(unix)]
    previous: libc::sighandler_t,
}

impl LeftToThePager {
    fn new() -> LeftToThePager {
        LeftToThePager {
            // SAFETY: signal(2) with SIG_IGN installs no code of ours; the previous
            // disposition it returns is restored on drop.
            #[cfg(unix)]
            previous: unsafe { libc::signal(libc::SIGINT, libc::SIG_IGN) },
        }
    }
}

impl Drop for LeftToThePager {
    fn drop(&mut self) {
        // SAFETY: puts back the disposition signal(2) returned in `new`.
        #[cfg(unix)]
        unsafe {
            libc::signal(libc::SIGINT, self.previous);
        }
    }
}

/// Characters that make a command line the shell's to read (quotes, variables,
/// redirections, …), as Git decides when it runs a pager.
const SHELL_CHARACTERS: &str = "|&;<>()$`\\\"'*?[#~=%";

/// The pager running with its input from a pipe, or None when it cannot start.
fn start(command: &str) -> Option<Child> {
    let mut process = if cfg!(unix) && command.contains(|c| SHELL_CHARACTERS.contains(c)) {
        let mut shell = Command::new("sh");
        shell.arg("-c").arg(command);
        shell
    } else {
        let mut words = command.split_whitespace();
        let mut direct = Command::new(words.next()?);
        direct.args(words);
        direct
    };
    process.stdin(Stdio::piped()).spawn().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pager_is_incident_pager_then_pager_then_less() {
        assert_eq!(
            chosen(false, true, Some("most"), Some("more")).as_deref(),
            Some("most")
        );
        assert_eq!(
            chosen(false, true, None, Some("more -s")).as_deref(),
            Some("more -s")
        );
        assert_eq!(chosen(false, true, None, None).as_deref(), Some(DEFAULT));
    }

    #[test]
    fn no_pager_off_a_terminal_with_the_flag_an_empty_variable_or_cat() {
        assert_eq!(chosen(false, false, Some("most"), None), None);
        assert_eq!(chosen(true, true, Some("most"), None), None);
        assert_eq!(chosen(false, true, Some(""), Some("more")), None);
        assert_eq!(chosen(false, true, None, Some("")), None);
        assert_eq!(chosen(false, true, Some("cat"), None), None);
        assert_eq!(chosen(false, true, None, Some(" cat ")), None);
    }
}
