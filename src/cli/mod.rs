//! The command line: clap definitions, the context every command gets (register, clock,
//! author, language, whether it may prompt), and dispatch to one file per command.

pub(crate) mod assess;
pub(crate) mod close;
mod completions;
pub(crate) mod contacted;
pub mod deadlines;
mod export;
mod history;
mod init;
mod list;
pub(crate) mod log;
mod new;
pub(crate) mod next;
pub(crate) mod notified;
pub mod prompt;
mod record;
mod show;
mod stats;
pub mod ui;
mod validate;

use std::io::IsTerminal;
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, Utc};
use clap::{Parser, Subcommand};

use crate::domain::Lang;
use crate::domain::id::IncidentId;
use crate::error::{Error, Result};
use crate::store::register::{self, Stamp};
use crate::store::{Author, Register};

/// Handle personal data breaches (personuppgiftsincidenter) under the GDPR from first
/// report to closed case. The register is a Git repository; every change is one commit.
#[derive(Debug, Parser)]
#[command(name = "incident", version, about, long_about = None, after_help = AFTER_HELP)]
pub struct Cli {
    /// The register folder [default: the current folder or the nearest parent with incident.toml]
    #[arg(long, global = true, env = "INCIDENT_REGISTER", value_name = "DIR")]
    pub register: Option<PathBuf>,

    /// Language of the interface: sv or en [default: the register's setting]
    #[arg(long, global = true, env = "INCIDENT_LANG", value_name = "LANG", value_parser = parse_lang)]
    pub lang: Option<Lang>,

    /// Never prompt; fail at once, naming what is missing
    #[arg(long, global = true)]
    pub no_input: bool,

    /// Author of journal entries, "Name <email>" [default: git config user.name and user.email]
    #[arg(
        long,
        global = true,
        env = "INCIDENT_AUTHOR",
        value_name = "NAME <EMAIL>"
    )]
    pub author: Option<String>,

    /// The current time, RFC 3339 (for tests and reproducible runs)
    #[arg(long, global = true, env = "INCIDENT_NOW", hide = true, value_parser = parse_instant)]
    pub now: Option<DateTime<FixedOffset>>,

    #[command(subcommand)]
    pub command: Command,
}

const AFTER_HELP: &str = "\
Exit codes:
  0  success
  1  a file of the register is invalid, or a check found problems
  2  bad usage: unknown flag, bad value, answers missing without a terminal
  3  not found: no register, no such incident
  4  refused: would overwrite a register, files edited by hand are invalid, ...
  5  (incident deadlines) something is overdue
  6  (incident export) answers are missing; --draft exits 0
  10 the file system or git failed";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a register: a folder with incident.toml and a Git repository (or adopt a folder of files)
    Init(Box<init::InitArgs>),
    /// Report a new incident (step A): guided prompts, or flags / --from FILE
    ///
    /// The prompts save each answer in .drafts/new.yaml as it is given; an intake that was
    /// killed or could not be recorded is offered for resumption by the next `incident new`.
    New(Box<new::NewArgs>),
    /// Assess the risk (step C) by the ENISA method and record the decision and its reasoning
    Assess(Box<assess::AssessArgs>),
    /// What is due and overdue: the obligations of open incidents, soonest first (exit 5 when overdue)
    Deadlines(deadlines::DeadlinesArgs),
    /// Export the IMY notification (and other texts) of an incident
    Export(export::ExportArgs),
    /// Record what was sent (step F): the IMY notification, a supplement, the data subjects informed
    Notified(notified::NotifiedArgs),
    /// Log an action taken (step D), a planned measure (step E), or a measure done or deferred
    Log(Box<log::LogArgs>),
    /// Record that a party was told: the manager (A), the DPO (B), the controller, a customer
    Contacted(contacted::ContactedArgs),
    /// Close the case (steps G and H): measures settled, root cause and lessons written
    Close(close::CloseArgs),
    /// Reopen a closed case, with the reason
    Reopen(close::ReopenArgs),
    /// The annual follow-up: counts by kind, cause, area, severity; notification times; open measures
    Stats(stats::StatsArgs),
    /// Walk through the next open step A–H of an incident, and on
    Next(next::NextArgs),
    /// List the incidents
    List(list::ListArgs),
    /// Show one incident: its facts, steps A–H and what comes next
    Show(show::ShowArgs),
    /// Check every file of the register against its schema and rules
    Validate(validate::ValidateArgs),
    /// The journal of one incident: who changed what, when, and why
    History(history::HistoryArgs),
    /// Record files edited by hand as a journal entry, after validating them
    Record(record::RecordArgs),
    /// Print shell completions
    Completions(completions::CompletionsArgs),
    /// Print the man page (roff)
    Man,
}

pub(crate) fn parse_lang(text: &str) -> Result<Lang, String> {
    Lang::parse(text).ok_or_else(|| format!("`{text}` is not a language: use sv or en"))
}

fn parse_instant(text: &str) -> Result<DateTime<FixedOffset>, String> {
    DateTime::parse_from_rfc3339(text)
        .map_err(|e| format!("`{text}` is not an RFC 3339 instant: {e}"))
}

/// A register opened on one incident.
pub struct Opened {
    pub register: Register,
    pub ui: ui::Ui,
    pub id: crate::domain::IncidentId,
    pub incident: crate::domain::incident::Incident,
}

/// What every command gets: the options, the clock, and whether it may prompt.
#[derive(Debug, Clone)]
pub struct Context {
    pub register_dir: Option<PathBuf>,
    pub lang_override: Option<Lang>,
    pub author_override: Option<String>,
    pub now: DateTime<FixedOffset>,
    pub interactive: bool,
    /// Run from `incident next`, which says what comes next itself.
    pub guided: bool,
}

impl Context {
    fn from_cli(cli: &Cli) -> Context {
        let terminal = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
        Context {
            register_dir: cli.register.clone(),
            lang_override: cli.lang,
            author_override: cli.author.clone(),
            now: cli.now.unwrap_or_else(|| Utc::now().fixed_offset()),
            interactive: terminal && !cli.no_input,
            guided: false,
        }
    }

    /// The register this command works on.
    pub fn open_register(&self) -> Result<Register> {
        let cwd = std::env::current_dir().map_err(|source| Error::Io {
            action: "read the current folder",
            path: PathBuf::from("."),
            source,
        })?;
        let root = register::find(self.register_dir.as_deref(), &cwd)?;
        Register::open(&root)
    }

    pub fn lang(&self, register: Option<&Register>) -> Lang {
        self.lang_override
            .or(register.map(|r| r.settings.register.language))
            .unwrap_or_default()
    }

    /// The register, the interface, and one incident named on the command line, loaded
    /// and validated: what every command about one incident starts from.
    pub fn open_incident(&self, id: &str) -> Result<Opened> {
        self.open_incident_with(id, false)
    }

    /// As [`Context::open_incident`], for a command that will change the incident. Without
    /// prompts the register lock is taken first and held to the commit, so that two
    /// scripted changes of one incident run one after the other instead of one being
    /// refused. With prompts it is taken only to commit (nobody waits on a person typing),
    /// and the commit then checks that the incident did not change meanwhile.
    pub fn open_incident_to_change(&self, id: &str) -> Result<Opened> {
        self.open_incident_with(id, !self.interactive)
    }

    fn open_incident_with(&self, id: &str, lock_now: bool) -> Result<Opened> {
        let mut register = self.open_register()?;
        let id = register.resolve(id)?;
        if lock_now && register.is_journaled() {
            register.hold_lock()?;
            // The change is computed from the files: a change of this incident that was
            // committed but not written must be written first, or this one would undo it.
            register.finish_interrupted(&id)?;
        }
        let ui = ui::Ui::new(self.lang(Some(&register)));
        let incident = register.load(&id)?;
        Ok(Opened {
            register,
            ui,
            id,
            incident,
        })
    }

    /// Before the first question: files edited by hand that are invalid would make the
    /// change be refused at the end, and what the person typed would meet that refusal.
    /// Without prompts nothing is typed, and the check at commit time suffices.
    pub fn before_prompting(
        &self,
        register: &Register,
        incident: Option<&IncidentId>,
    ) -> Result<()> {
        if self.interactive {
            register.check_hand_edits(incident)
        } else {
            Ok(())
        }
    }

    /// The author and time for this command's commits.
    pub fn stamp(&self, register: Option<&Register>) -> Result<Stamp> {
        let author = match &self.author_override {
            Some(text) => Author::parse(text).ok_or_else(|| {
                Error::bad_input("--author", format!("`{text}` is not \"Name <email>\""))
            })?,
            None => match register {
                Some(register) => register.configured_author(),
                None => crate::store::journal::global_author(),
            }
            .ok_or(Error::NoAuthor)?,
        };
        Ok(Stamp {
            author,
            when: self.now_in(register),
        })
    }

    /// Now, with the offset of the register's timezone.
    pub fn now_in(&self, register: Option<&Register>) -> DateTime<FixedOffset> {
        match register {
            Some(register) => self.now.with_timezone(&register.zone).fixed_offset(),
            None => self.now,
        }
    }
}

/// Runs the command line; returns the exit code.
pub fn run(cli: Cli) -> Result<i32> {
    let context = Context::from_cli(&cli);
    match cli.command {
        Command::Init(args) => init::run(&context, *args),
        Command::New(args) => new::run(&context, *args),
        Command::Assess(args) => assess::run(&context, *args),
        Command::Deadlines(args) => deadlines::run(&context, args),
        Command::Export(args) => export::run(&context, args),
        Command::Notified(args) => notified::run(&context, args),
        Command::Log(args) => log::run(&context, *args),
        Command::Contacted(args) => contacted::run(&context, args),
        Command::Close(args) => close::close(&context, args),
        Command::Reopen(args) => close::reopen(&context, args),
        Command::Stats(args) => stats::run(&context, args),
        Command::Next(args) => next::run(&context, args),
        Command::List(args) => list::run(&context, args),
        Command::Show(args) => show::run(&context, args),
        Command::Validate(args) => validate::run(&context, args),
        Command::History(args) => history::run(&context, args),
        Command::Record(args) => record::run(&context, args),
        Command::Completions(args) => completions::run(args),
        Command::Man => completions::man(),
    }
}

/// A journal entry: its subject (after the id), an optional body, and the steps it records.
pub(crate) struct Entry<'a> {
    pub subject: String,
    pub body: Option<String>,
    pub steps: &'a [&'a str],
    /// Further trailers, after `Incident` and `Step`.
    pub trailers: Vec<(String, String)>,
}

/// Renders new texts for some of an incident's files, validates the incident as it will
/// be, commits, and tells the person what was recorded. `None` removes a file.
pub(crate) fn commit_incident(
    register: &mut Register,
    ui: &ui::Ui,
    stamp: &Stamp,
    id: &crate::domain::IncidentId,
    updates: Vec<(crate::store::FileKind, Option<String>)>,
    entry: Entry<'_>,
) -> Result<register::Recorded> {
    let mut trailers = vec![("Incident".to_string(), id.to_string())];
    trailers.extend(
        entry
            .steps
            .iter()
            .map(|step| ("Step".to_string(), step.to_string())),
    );
    trailers.extend(entry.trailers);
    let message = crate::store::journal::Message {
        subject: format!("{id}: {}", entry.subject),
        body: entry.body,
        trailers,
    };
    let (hand_edits, recorded) = register.record_incident(id, updates, message, stamp)?;
    if let Some(edits) = hand_edits {
        ui.say(&format!(
            "{} {} ({})",
            ui.t(
                "Handredigeringar registrerade först:",
                "Hand edits recorded first:"
            ),
            edits.subject,
            &edits.commit[..7]
        ));
    }
    ui.say(&format!(
        "{} {} ({} {})",
        ui.t("Registrerad:", "Recorded:"),
        recorded.subject,
        ui.t("journalpost", "journal entry"),
        &recorded.commit[..7]
    ));
    Ok(recorded)
}

/// The text of an incident file, rendered for writing.
pub(crate) fn render_incident_file<T: serde::Serialize>(
    id: &crate::domain::IncidentId,
    kind: crate::store::FileKind,
    value: &T,
) -> Result<String> {
    register::render_file(kind, &register::incident_file(id, kind), value)
}

/// Warns before rewriting a file that holds comments a person wrote: they are not kept
/// (the journal keeps the earlier text).
pub(crate) fn warn_if_comments_lost(
    register: &Register,
    ui: &ui::Ui,
    id: &crate::domain::IncidentId,
    kind: crate::store::FileKind,
) {
    let path = register.root.join(register::incident_file(id, kind));
    let Ok(text) = std::fs::read_to_string(&path) else {
        return;
    };
    let comments = text
        .lines()
        .skip(1)
        .filter(|line| line.trim_start().starts_with('#'))
        .count();
    if comments > 0 {
        ui.say(&format!(
            "{} {} {}",
            ui.t("Obs:", "Note:"),
            register::incident_file(id, kind),
            ui.t(
                "har kommentarer som inte behålls när filen skrivs om (journalen har dem kvar).",
                "has comments that are not kept when the file is rewritten (the journal keeps them)."
            )
        ));
    }
}

/// Keeps what a person typed when a command cannot record it: the answers go to
/// `.drafts/` (ignored by Git) as a partial file for `--from`.
pub(crate) fn save_draft<T: serde::Serialize>(
    ui: &ui::Ui,
    root: &std::path::Path,
    command: &str,
    draft: &T,
    context: &Context,
) {
    let name = format!(
        ".drafts/{}-{}.yaml",
        command.replace(' ', "-"),
        context.now.format("%Y%m%dT%H%M%S")
    );
    let path = root.join(&name);
    let saved = serde_saphyr::to_string(draft)
        .map_err(|e| e.to_string())
        .and_then(|text| {
            crate::store::files::write_atomically(&path, text.as_bytes()).map_err(|e| e.to_string())
        });
    match saved {
        Ok(()) => ui.say(&format!(
            "{} {} — {} `incident {command} --from {}`",
            ui.t("Dina svar är sparade i", "Your answers are saved in"),
            path.display(),
            ui.t("fortsätt med", "continue with"),
            path.display()
        )),
        Err(message) => ui.say(&format!(
            "{}: {message}",
            ui.t("Kunde inte spara svaren", "Could not save the answers")
        )),
    }
}
