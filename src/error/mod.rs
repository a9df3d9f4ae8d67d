//! The one error type. Each variant carries the data a person needs (which file, which
//! incident, what was being done); its wording, and the hint of the command to run next,
//! come from [`text`] and [`hint_text`] in the interface's language. `main` prints the
//! message once (never as Debug), the hint under it, and exits with the code of
//! [`exit::TABLE`].

pub mod exit;
mod hint_text;
mod import_text;
pub(crate) mod letter_text;
mod print_text;
mod refusal_text;
mod regime_text;
mod sharing_text;
mod signing_text;
mod text;

#[cfg(test)]
mod tests;

pub use print_text::PrintProblem;

use std::path::PathBuf;

use crate::domain::input::InputError;
use crate::domain::model::VerdictKind;
use crate::domain::model::assessment::Band;
use crate::domain::obligations::{DiscoveryNotInZone, Obligation};
use crate::domain::steps::Step;
use crate::domain::{Bilingual, IncidentId, Lang};

/// A problem in one file of the register: where it is and what to do.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FileProblem {
    /// Path relative to the register root (or as given).
    pub file: PathBuf,
    pub line: Option<u64>,
    pub column: Option<u64>,
    /// Dotted field path, e.g. `discovered.time`.
    pub field: Option<String>,
    /// What is wrong and what to do, in both languages; the reader's is picked on output.
    pub message: Bilingual,
}

impl FileProblem {
    /// `file:line:column: field: message`, the message in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let mut text = self.file.display().to_string();
        if let Some(line) = self.line {
            text.push_str(&format!(":{line}"));
            if let Some(column) = self.column {
                text.push_str(&format!(":{column}"));
            }
        }
        if let Some(field) = &self.field {
            text.push_str(&format!(": {field}"));
        }
        text.push_str(&format!(": {}", self.message.get(lang)));
        text
    }
}

/// What changed while a change was being made, so that recording it would undo that.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Meanwhile {
    /// The incident's files (or, for a new one, its folder appeared).
    Incident { id: IncidentId, created: bool },
    /// `incident.toml`.
    Settings,
    /// The branch: another commit was made (Git's own words).
    Branch { detail: String },
}

/// What stands in the way of a change, with what the person can do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GitBlocker {
    /// HEAD points at a commit, not a branch (`git checkout <commit>`): a commit made now
    /// would be on no branch. `branch` is the one to go back to.
    Detached { branch: String },
    /// HEAD is on another branch than the register's.
    OtherBranch { on: String, branch: String },
    /// A Git operation that a person must finish or abort first.
    InProgress { operation: Operation },

    /// A lock file of Git's on HEAD, the branch or the config (`.git/...lock`).
    Locked { path: String },
    /// The folder is a Git repository whose journal does not hold the register's settings:
    /// it was never adopted by `incident init`.
    NotAdopted,
    /// A shallow clone: the history before its cut is not there to check.
    Shallow,
    /// Git's index is one this tool cannot update (found before anything is committed).
    Index { unusable: IndexProblem },
}

/// Why this tool cannot update Git's index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndexProblem {
    /// `core.splitIndex`: the entries live in a shared index the `link` extension names.
    Split,
    /// A sparse index (`index.sparse`): folders outside the sparse checkout are entries.
    Sparse,
    /// A mandatory extension this tool does not know, by its signature.
    Extension(String),
    /// An index format other than 2, 3 or 4.
    Version(u32),
    /// Not an index, cut short, or its checksum does not match its bytes.
    Damaged(IndexDamage),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndexDamage {
    NotAnIndex,
    CutShort,
    Checksum,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operation {
    Merge,
    Rebase,
    CherryPick,
    Revert,
    Bisect,
    ApplyMailbox,
}

impl Operation {
    /// The Git words of the operation (as `git status` names it).
    pub fn name(self) -> &'static str {
        match self {
            Operation::Merge => "merge",
            Operation::Rebase => "rebase",
            Operation::CherryPick => "cherry-pick",
            Operation::Revert => "revert",
            Operation::Bisect => "bisect",
            Operation::ApplyMailbox => "am",
        }
    }

    /// The commands that finish or leave it.
    pub fn remedy(self, lang: Lang) -> &'static str {
        match self {
            Operation::Merge => lang.pick(
                "`git merge --continue` när konflikterna är lösta, eller `git merge --abort`",
                "`git merge --continue` once the conflicts are resolved, or `git merge --abort`",
            ),
            Operation::Rebase => lang.pick(
                "`git rebase --continue`, eller `git rebase --abort`",
                "`git rebase --continue`, or `git rebase --abort`",
            ),
            Operation::CherryPick => lang.pick(
                "`git cherry-pick --continue`, eller `git cherry-pick --abort`",
                "`git cherry-pick --continue`, or `git cherry-pick --abort`",
            ),
            Operation::Revert => lang.pick(
                "`git revert --continue`, eller `git revert --abort`",
                "`git revert --continue`, or `git revert --abort`",
            ),
            Operation::Bisect => "`git bisect reset`",
            Operation::ApplyMailbox => lang.pick(
                "`git am --continue`, eller `git am --abort`",
                "`git am --continue`, or `git am --abort`",
            ),
        }
    }
}

/// A field two clones gave different values, met by a sync: the file, where in it, and
/// each side's value with who set it and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncConflict {
    /// The file, relative to the register.
    pub path: String,
    pub incident: Option<IncidentId>,
    /// Where in the file; empty for the whole file.
    pub field: String,
    pub mine: String,
    /// "Name <email>" of the local entry's author, and its time.
    pub mine_by: String,
    pub mine_at: chrono::DateTime<chrono::FixedOffset>,
    pub theirs: String,
    /// Who last changed the file on the server, and when, if found.
    pub theirs_by: Option<(String, chrono::DateTime<chrono::FixedOffset>)>,
}

/// Why the shared server's `pre-receive` hook refuses a push to the register's branch.
/// Commit ids are full; the words shorten them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The push deletes the branch, and with it the journal.
    Deleted,
    /// The server's commit `old` is not in the history of the pushed `new` (a force-push):
    /// journal entries would be lost.
    Rewritten { old: String, new: String },
    /// The files the push changes are invalid as the pushed tip `commit` holds them.
    InvalidFiles {
        commit: String,
        problems: Vec<FileProblem>,
    },
    /// Merge `commit` joins two lines of history that each added incident `id`'s folder:
    /// two incidents were given one id on two clones.
    DuplicateId {
        commit: String,
        id: IncidentId,
        parents: [String; 2],
    },
    /// The push deletes or moves filed tag `tag` (`refs/tags/filed/*`): a filing is a fixed
    /// point of the journal.
    FiledTagChanged { tag: String, deleted: bool },
    /// The push brings filed tag `tag`, whose commit is not in the register's branch.
    FiledTagOutside { tag: String, commit: String },
}

#[derive(Debug, thiserror::Error)]
#[error("{}", self.full_text(Lang::En))]
pub enum Error {
    NoRegister {
        start: PathBuf,
    },
    NotARegister {
        path: PathBuf,
        /// The path is a folder (else a file or a device, where no register can be made).
        is_folder: bool,
    },
    RegisterExists {
        path: PathBuf,
    },
    NotJournaled {
        path: PathBuf,
    },
    Invalid {
        count: usize,
        problems: Vec<FileProblem>,
    },
    HandEditsInvalid {
        problems: Vec<FileProblem>,
    },
    /// The answers of a new report contradict each other (a rule of the report refuses
    /// them): nothing was written, so the problems name the answers, not a file.
    AnswersDisagree {
        problems: Vec<FileProblem>,
    },
    /// A value typed on the command line, at a prompt or in a `--from` file.
    BadInput {
        /// The flag, prompt or file the value came from.
        what: String,
        problem: InputError,
    },
    MissingAnswers {
        command: String,
        /// (flag, what it answers).
        missing: Vec<(String, String)>,
        /// The command also reads its answers from a file (`--from FILE`).
        from_file: bool,
    },
    UnknownIncident {
        id: String,
        suggestions: Vec<String>,
    },
    NoAuthor,
    /// Git's state is one a change could not finish in honestly (see [`GitBlocker`]).
    GitState {
        blocker: GitBlocker,
    },
    Concurrent {
        what: Meanwhile,
    },
    Busy {
        waited: f64,
    },
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    Git {
        action: String,
        message: String,
    },
    Prompt {
        message: String,
    },
    /// The report's discovery time is one the register's timezone skips: no deadline can
    /// run from it.
    DiscoveryNotInZone {
        id: IncidentId,
    },
    /// A step asked for before the one it builds on.
    NotAssessed {
        id: IncidentId,
        /// The step that needs the assessment first.
        step: Step,
    },
    AlreadyClosed {
        id: IncidentId,
    },
    NotClosed {
        id: IncidentId,
    },
    /// Closing while planned measures are open: (number as `show` gives it, first line).
    OpenMeasures {
        id: IncidentId,
        measures: Vec<(usize, String)>,
    },
    /// Closing while duties of the law are open.
    ObligationsOpen {
        id: IncidentId,
        obligations: Vec<Obligation>,
    },
    NoSuchMeasure {
        id: IncidentId,
        flag: String,
        count: usize,
    },
    /// Notifying the controller (GDPR Art. 33(2)) of an incident where the organisation is
    /// the controller.
    NotProcessor {
        id: IncidentId,
    },
    NothingToSupplement {
        id: IncidentId,
    },
    /// The letter to the data subjects asked for where the decision recorded is not to
    /// inform them (IMY question 35; GDPR Art. 34(1) and 34(3)).
    NotInformingDataSubjects {
        id: IncidentId,
        decision: crate::domain::documents::NotInforming,
    },
    /// A customer's resolution notice asked for before the incident has ended (IMY
    /// questions 12–13): it could not say when it was resolved.
    ResolutionNotEnded {
        id: IncidentId,
        ongoing: bool,
    },
    /// The IMY form asked for an incident whose verdict takes it out of the GDPR's route
    /// to IMY (no personal data, not an incident, security protection).
    NoImyForm {
        id: IncidentId,
        verdict: VerdictKind,
    },
    /// A change to a closed case that would open a duty of the law again.
    CaseClosed {
        id: IncidentId,
    },
    /// A verdict that would take away duties of the law still open, not confirmed.
    VerdictDropsDuties {
        id: IncidentId,
        verdict: VerdictKind,
        duties: Vec<Obligation>,
    },
    /// The IMY form asked for an incident where the organisation is the processor: its
    /// controller notifies IMY (GDPR Art. 33(2)).
    ProcessorNotifiesController {
        id: IncidentId,
    },
    NothingToExplain {
        id: IncidentId,
    },
    DepartureWithoutReason {
        band: Band,
        severity: f64,
        recommendation: String,
    },
    SequenceExhausted {
        year: i32,
        last: u32,
    },
    /// A value the tool cannot write as its file (a defect of the tool).
    Unrenderable {
        file: String,
        message: String,
    },
    /// `init` asked to create a register without settings (a defect of the tool).
    NoSettings,
    /// The register has no remote to sync with, or several and none is the branch's.
    NoRemote {
        remotes: Vec<String>,
    },
    /// `git fetch`, `git push` or `git clone` failed.
    Remote {
        action: String,
        message: String,
        /// The server could not be reached (as opposed to refusing).
        unreachable: bool,
    },
    /// A sync met fields both sides changed, and nobody chose: nothing was recorded or
    /// pushed.
    SyncConflicts {
        conflicts: Vec<SyncConflict>,
        /// The subject of the edits by hand the sync recorded before it met them.
        recorded_first: Option<String>,
    },
    /// Others kept pushing first, round after round: the entries here are merged and kept,
    /// not yet pushed.
    PushRaced {
        rounds: usize,
    },
    /// The sync before a change (`sync = "auto"`) renumbered the provisional id the
    /// command names: the id now belongs to another incident.
    Renumbered {
        was: IncidentId,
        is: IncidentId,
    },
    /// The server's branch shares no history with this register: another register.
    UnrelatedServer {
        remote: String,
    },
    /// The server's entries and this clone's, each valid, merge into files that break a
    /// rule: nothing was recorded or pushed.
    MergedInvalid {
        problems: Vec<FileProblem>,
    },
    /// A filing's entry was committed, but its filed tag could not be made: the entry's
    /// `Filing:` trailer names it, so the next change or `incident record` makes it.
    FilingNotTagged {
        tag: String,
        detail: String,
    },
    /// The server's `pre-receive` hook refuses a push to the register's branch.
    PushRefused {
        branch: String,
        refusals: Vec<Refusal>,
    },
    /// A report under a regime beside the GDPR (NIS2) that the incident's state refuses.
    Regime {
        id: IncidentId,
        refusal: RegimeRefusal,
    },
    /// An entry that must be signed (the person's Git configuration asks for it, or the
    /// register requires it) and cannot be: nothing was recorded.
    Signing {
        problem: SigningProblem,
    },
    /// A page asked for as PDF (`--format pdf`) that the browser could not print.
    Print {
        problem: PrintProblem,
    },
    /// A CSV file or its mapping that `incident import` cannot take in: nothing was
    /// imported.
    Import {
        file: String,
        problem: crate::domain::import::CsvProblem,
    },
}

/// Why an entry could not be signed as Git's configuration or the register asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SigningProblem {
    /// `[register] require_signed = true` in incident.toml, and the Git configuration does
    /// not ask for signing (`commit.gpgsign`).
    Required,
    /// `gpg.format` names no format Git knows.
    UnknownFormat { value: String },
    /// SSH signing without `user.signingkey`.
    NoKey,
    /// `user.signingkey` names a key file that does not exist.
    KeyFileMissing { path: PathBuf },
    /// The signing program could not be started; `setting` is the Git setting that names
    /// another one.
    NotStarted {
        program: String,
        setting: &'static str,
        message: String,
    },
    /// The signing program refused or failed (its own words): a key that needs a
    /// passphrase without a terminal, a key the agent does not hold.
    Failed { program: String, message: String },
}

/// Why a report or a classification under a regime beside the GDPR cannot be recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegimeRefusal {
    /// The incident is not classified as significant under NIS2.
    NotSignificant,
    /// An answer to an intermediate report with no request of the CSIRT's left open.
    NoOpenRequest,
    /// The register does not follow the regime (incident.toml's `regimes`).
    NotChosen { regime: String },
    /// The incident is not in the regime (not classified into it, or classified out).
    NotInRegime { regime: String },
}

impl Error {
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Invalid { .. } | Error::DiscoveryNotInZone { .. } => exit::INVALID,
            Error::BadInput { .. }
            | Error::Import { .. }
            | Error::AnswersDisagree { .. }
            | Error::MissingAnswers { .. }
            | Error::NoAuthor
            | Error::NoSuchMeasure { .. }
            | Error::DepartureWithoutReason { .. } => exit::USAGE,
            Error::NoRegister { .. }
            | Error::NotARegister { .. }
            | Error::UnknownIncident { .. } => exit::NOT_FOUND,
            Error::RegisterExists { .. }
            | Error::NotJournaled { .. }
            | Error::HandEditsInvalid { .. }
            | Error::GitState { .. }
            | Error::NotAssessed { .. }
            | Error::AlreadyClosed { .. }
            | Error::NotClosed { .. }
            | Error::OpenMeasures { .. }
            | Error::ObligationsOpen { .. }
            | Error::NotProcessor { .. }
            | Error::NothingToSupplement { .. }
            | Error::NotInformingDataSubjects { .. }
            | Error::ResolutionNotEnded { .. }
            | Error::NoImyForm { .. }
            | Error::VerdictDropsDuties { .. }
            | Error::CaseClosed { .. }
            | Error::ProcessorNotifiesController { .. }
            | Error::NothingToExplain { .. }
            | Error::SequenceExhausted { .. }
            | Error::Unrenderable { .. }
            | Error::NoSettings
            | Error::NoRemote { .. }
            | Error::SyncConflicts { .. }
            | Error::MergedInvalid { .. }
            | Error::UnrelatedServer { .. }
            | Error::Renumbered { .. }
            | Error::PushRefused { .. }
            | Error::Regime { .. }
            // Refused rather than an I/O failure: the register or the person's Git
            // configuration asks for a signature that cannot be made as configured, and
            // the fix is a setting, not a retry; nothing was recorded.
            | Error::Signing { .. } => exit::REFUSED,
            Error::Concurrent { .. } | Error::Busy { .. } | Error::PushRaced { .. } => exit::BUSY,
            Error::Io { .. }
            | Error::Git { .. }
            | Error::Prompt { .. }
            | Error::Remote { .. }
            | Error::FilingNotTagged { .. } => exit::IO,
            Error::Print { problem } => problem.exit_code(),
        }
    }

    pub fn bad_input(what: impl Into<String>, problem: InputError) -> Error {
        Error::BadInput {
            what: what.into(),
            problem,
        }
    }

    /// The schedule of an incident could not be computed: register data to mend.
    pub fn discovery_not_in_zone(problem: DiscoveryNotInZone) -> Error {
        Error::DiscoveryNotInZone { id: problem.id }
    }

    pub fn invalid(problems: Vec<FileProblem>) -> Error {
        Error::Invalid {
            count: problems.len(),
            problems,
        }
    }

    /// The message and, under it, the hint: what `main` prints.
    pub fn full_text(&self, lang: Lang) -> String {
        match self.hint(lang) {
            Some(hint) => format!(
                "{}\n  {}: {hint}",
                self.message(lang),
                lang.pick("tips", "hint")
            ),
            None => self.message(lang),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
