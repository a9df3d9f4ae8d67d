//! The one error type. Its `Display` holds every user-facing wording of a failure; `main`
//! prints it once and maps it to a documented exit code.

use std::fmt;
use std::path::PathBuf;

/// A problem in one file of the register: where it is and what to do.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FileProblem {
    /// Path relative to the register root (or as given).
    pub file: PathBuf,
    pub line: Option<u64>,
    pub column: Option<u64>,
    /// Dotted field path, e.g. `discovered.time`.
    pub field: Option<String>,
    pub message: String,
}

impl fmt::Display for FileProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        if let Some(field) = &self.field {
            write!(f, ": {field}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Renders a list of file problems, one a line.
pub struct ProblemList<'a>(pub &'a [FileProblem]);

impl fmt::Display for ProblemList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for problem in self.0 {
            writeln!(f, "  {problem}")?;
        }
        Ok(())
    }
}

/// Documented exit codes (README "Exit codes").
pub mod exit {
    pub const OK: i32 = 0;
    /// A file of the register is invalid, or a check found problems.
    pub const INVALID: i32 = 1;
    /// Bad usage: an unknown flag, a bad value, answers missing without a terminal.
    pub const USAGE: i32 = 2;
    /// Not found: no register, or no such incident.
    pub const NOT_FOUND: i32 = 3;
    /// Refused: the change would overwrite or record something it must not.
    pub const REFUSED: i32 = 4;
    /// `incident deadlines`: something is overdue.
    pub const OVERDUE: i32 = 5;
    /// `incident export`: answers are missing (use `--draft` for a first notification).
    pub const INCOMPLETE: i32 = 6;
    /// The file system or git failed.
    pub const IO: i32 = 10;
    /// Busy: another change held the register, or changed the incident meanwhile; nothing
    /// was recorded, try again (EX_TEMPFAIL of sysexits.h).
    pub const BUSY: i32 = 75;
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(
        "no register found in {} or any folder above it\n  hint: create one with `incident init`, or point to one with --register DIR or INCIDENT_REGISTER",
        start.display()
    )]
    NoRegister { start: PathBuf },

    #[error("{} is not a register: it has no incident.toml\n  hint: create one with `incident init {}`", path.display(), path.display())]
    NotARegister { path: PathBuf },

    #[error("{} already holds a register (incident.toml and a Git repository); nothing was changed", path.display())]
    RegisterExists { path: PathBuf },

    #[error("{} is not a Git repository, so changes cannot be journaled\n  hint: run `incident init {}` to adopt the folder as a register", path.display(), path.display())]
    NotJournaled { path: PathBuf },

    #[error("{count} problem(s) in the register:\n{}", ProblemList(problems))]
    Invalid {
        count: usize,
        problems: Vec<FileProblem>,
    },

    #[error(
        "files edited by hand are not valid, so nothing was recorded; mend them and try again:\n{}",
        ProblemList(problems)
    )]
    HandEditsInvalid { problems: Vec<FileProblem> },

    #[error("{what}: {message}")]
    BadInput { what: String, message: String },

    #[error("{}", missing_answers(command, missing, *from_file))]
    MissingAnswers {
        command: String,
        missing: Vec<(String, String)>,
        /// The command also reads its answers from a file (`--from FILE`).
        from_file: bool,
    },

    #[error("`{input}` is not an incident id: expected YYYY-NNNN, e.g. 2026-0001")]
    BadId { input: String },

    #[error("no incident {id} in this register{}", suggestion(suggestions))]
    UnknownIncident {
        id: String,
        suggestions: Vec<String>,
    },

    #[error(
        "no author for the journal: set one with --author \"Name <email>\", INCIDENT_AUTHOR, or git config user.name and user.email"
    )]
    NoAuthor,

    #[error(
        "the register changed while this command ran ({message}); nothing was recorded, run it again"
    )]
    Concurrent { message: String },

    #[error(
        "the register is busy: another command is recording a change (waited {waited:.1} s); nothing was recorded, try again\n  hint: INCIDENT_LOCK_WAIT sets the wait in seconds"
    )]
    Busy { waited: f64 },

    #[error("could not {action} {}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("git: could not {action}: {message}")]
    Git { action: String, message: String },

    #[error("the prompt failed: {message}")]
    Prompt { message: String },

    #[error("{message}")]
    Refused { message: String },
}

fn missing_answers(command: &str, missing: &[(String, String)], from_file: bool) -> String {
    let mut text = format!(
        "`incident {command}` needs answers that were not given, and it cannot ask for them (no terminal, or --no-input):\n"
    );
    for (flag, what) in missing {
        text.push_str(&format!("  {flag:<28} {what}\n"));
    }
    text.push_str(if from_file {
        "  hint: pass them as flags, or in a file with --from FILE"
    } else {
        "  hint: pass them as flags"
    });
    text
}

fn suggestion(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        "\n  hint: `incident list` shows the incidents".to_string()
    } else {
        format!("\n  hint: did you mean {}?", suggestions.join(", "))
    }
}

impl Error {
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Invalid { .. } => exit::INVALID,
            Error::BadInput { .. }
            | Error::MissingAnswers { .. }
            | Error::BadId { .. }
            | Error::NoAuthor => exit::USAGE,
            Error::NoRegister { .. }
            | Error::NotARegister { .. }
            | Error::UnknownIncident { .. } => exit::NOT_FOUND,
            Error::RegisterExists { .. }
            | Error::NotJournaled { .. }
            | Error::HandEditsInvalid { .. }
            | Error::Refused { .. } => exit::REFUSED,
            Error::Concurrent { .. } | Error::Busy { .. } => exit::BUSY,
            Error::Io { .. } | Error::Git { .. } | Error::Prompt { .. } => exit::IO,
        }
    }

    pub fn bad_input(what: impl Into<String>, message: impl Into<String>) -> Error {
        Error::BadInput {
            what: what.into(),
            message: message.into(),
        }
    }

    pub fn invalid(problems: Vec<FileProblem>) -> Error {
        Error::Invalid {
            count: problems.len(),
            problems,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
