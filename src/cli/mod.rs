//! The command line: the clap definitions and the dispatch to one module per command.
//! What commands share lives beside them: the context ([`context`]), argument parsers
//! ([`args`]), hints ([`hints`]), prompts ([`prompt`]), output ([`ui`]) and the steps A–H
//! that a command and `incident next` both walk ([`steps`]). No command module imports
//! another.

pub mod args;
pub mod context;
pub mod csv_out;
pub mod help;
pub mod hints;
pub mod pager;
pub mod print;
pub mod prompt;
pub mod steps;
pub mod times;
pub mod ui;

mod assess;
mod calendar;
mod close;
mod completions;
mod contacted;
mod customer;
mod deadlines;
mod export;
mod filings;
mod history;
mod hook;
mod import;
mod init;
mod list;
mod log;
mod new;
mod next;
mod nis2;
mod notice_file;
mod notified;
mod record;
mod regime;
mod show;
mod stats;
mod stats_csv;
mod supplement;
mod sync;
mod template;
mod validate;
mod verdict;
mod verify;

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

pub use context::{Context, Opened};

use crate::domain::Lang;
use crate::error::{Result, exit};

/// Handle personal data breaches (personuppgiftsincidenter) under the GDPR from first
/// report to closed case. The register is a Git repository; every change is one commit.
#[derive(Debug, Parser)]
#[command(name = "incident", version, about, long_about = None)]
pub struct Cli {
    /// The register folder [default: the current folder or the nearest parent with incident.toml]
    #[arg(long, global = true, env = "INCIDENT_REGISTER", value_name = "DIR")]
    pub register: Option<PathBuf>,

    /// Language of the interface: sv or en [default: the register's setting]
    #[arg(long, global = true, env = "INCIDENT_LANG", value_name = "LANG", value_parser = args::parse_lang)]
    pub lang: Option<Lang>,

    /// Never prompt; fail at once, naming what is missing
    #[arg(long, global = true)]
    pub no_input: bool,

    /// Print long output (show, list, export imy) directly, not through the pager
    /// [default: INCIDENT_PAGER, else PAGER, else `less -FRX`, when stdout is a terminal]
    #[arg(long, global = true)]
    pub no_pager: bool,

    /// Confirm that a time more than a day after now is right, so it is recorded without
    /// asking (otherwise it is asked at a terminal and refused without one)
    #[arg(long, global = true, visible_alias = "bekrafta-tid")]
    pub confirm_time: bool,

    /// Author of journal entries, "Name <email>" [default: git config user.name and user.email]
    #[arg(
        long,
        global = true,
        env = "INCIDENT_AUTHOR",
        value_name = "NAME <EMAIL>"
    )]
    pub author: Option<String>,

    /// The current time, RFC 3339 (for tests and reproducible runs)
    #[arg(long, global = true, env = "INCIDENT_NOW", hide = true, value_parser = args::parse_instant)]
    pub now: Option<DateTime<FixedOffset>>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a register: a folder with incident.toml and a Git repository (or adopt a folder of files)
    Init(Box<init::InitArgs>),
    /// Report a new incident (step A): guided prompts, or flags / --from FILE
    ///
    /// The prompts save each answer in .drafts/new.yaml as it is given; an intake that was
    /// killed or could not be recorded is offered for resumption by the next `incident new`.
    New(Box<new::NewArgs>),
    /// Decide whether the incident is a personal data breach at all, with who and why
    ///
    /// Without a verdict an incident is treated as a possible personal data breach and the
    /// 72 hours of GDPR Art. 33(1) run. "no_personal_data" and "not_an_incident" take away
    /// the GDPR's duties (other regimes may still apply); "security_protection" sends the
    /// case to Säkerhetspolisen (säkerhetsskyddslagen 2018:585) instead of IMY.
    Verdict(verdict::VerdictArgs),
    /// Record when you became aware of the breach, when later than the discovery, and why
    ///
    /// The 72 hours of GDPR Art. 33(1) run from awareness: a reasonable degree of
    /// certainty that personal data were compromised, possibly after a short
    /// investigation (EDPB Guidelines 9/2022 paras 31–34). Without it they run from the
    /// discovery, the cautious default.
    Aware(verdict::AwareArgs),
    /// Record that the incident has ended, and when (IMY questions 12–13)
    ///
    /// The resolution notice to a customer says when the incident was resolved, so it
    /// waits for this.
    Ended(verdict::EndedArgs),
    /// Assess the risk (step C) by the ENISA method and record the decision and its reasoning
    Assess(Box<assess::AssessArgs>),
    /// What is due and overdue: the obligations of open incidents, soonest first (exit 5 when overdue)
    Deadlines(deadlines::DeadlinesArgs),
    /// Export the IMY notification (and other texts) of an incident
    Export(export::ExportArgs),
    /// Record what was sent (step F): the IMY notification, a supplement, the data subjects informed
    Notified(notified::NotifiedArgs),
    /// Classify an incident as significant under NIS2 / cybersäkerhetslagen, or not, with the reason
    Nis2(nis2::Nis2Args),
    /// Classify an incident into a reporting regime beside the GDPR (dora, cert_se, nis2), or out of it, with the reason
    Regime(regime::RegimeArgs),
    /// Log an action taken (step D), a planned measure (step E), or a measure done or deferred
    Log(Box<log::LogArgs>),
    /// Record that a party was told: the manager (A), the DPO (B), the controller, a customer
    Contacted(contacted::ContactedArgs),
    /// List the customers an incident affects, before any notice is sent to them
    Customer(customer::CustomerArgs),
    /// Print a template for reporting an incident, which `new --from-mail` reads back
    Template(template::TemplateArgs),
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
    /// Take in an old register's incidents from a spreadsheet (CSV), in one journal entry
    ///
    /// A mapping file (TOML) names the column of each field. Every row is read and
    /// validated before anything is recorded; a refused row is named by its line, column
    /// and field, and nothing is imported unless --skip-invalid. Each incident gets the
    /// next free id of its year of discovery; the old id goes into internal_reference.
    Import(import::ImportArgs),
    /// Check every file of the register against its schema and rules
    Validate(validate::ValidateArgs),
    /// The journal of one incident: who changed what, when, and why
    History(history::HistoryArgs),
    /// Record files edited by hand as a journal entry, after validating them
    ///
    /// Also makes again the filed tags (filed/*) that the journal's entries name and the
    /// repository lacks (a change interrupted before its tag, a tag deleted by hand).
    Record(record::RecordArgs),
    /// Verify the journal: every entry the tool's, every file valid as of its entry, no
    /// history rewritten, every filing in place, signatures (exit 7 on a deviation)
    ///
    /// Walks the register's branch from its first entry; a later run checks only the
    /// entries made since. An auditor can run it in a fresh clone of the register.
    Verify(verify::VerifyArgs),
    /// Share the register through its Git server: fetch, merge the entries by meaning, push
    ///
    /// The clone's unpublished entries are made again on top of the server's (each keeps
    /// its author, time and subject); an incident created here whose id the server has
    /// given meanwhile gets the next free id. A field given two values stops the sync
    /// before anything is pushed: choose with --keep or at the terminal.
    Sync(sync::SyncArgs),
    /// Make a clone of a register on a Git server, set up for `incident sync` and `git pull`
    Clone(sync::CloneArgs),
    /// Merge one register file for Git (`git pull`, `git merge`); set up by init, clone and sync
    #[command(hide = true)]
    MergeDriver(sync::MergeDriverArgs),
    /// Print shell completions
    Completions(completions::CompletionsArgs),
    /// Write the man pages (roff): one page per command into DIR, or the top page to stdout
    Man(completions::ManArgs),
    /// Git hooks for the register's shared server: `hook pre-receive` refuses what the tool would
    Hook(hook::HookArgs),
}

/// The command line's definition, with the exit codes of [`exit::TABLE`] after the help:
/// what `--help`, the completions and the man page are made from.
pub fn command() -> clap::Command {
    Cli::command().after_help(exit::help_text())
}

/// Parses the process's arguments (exiting with clap's message and code 2 on bad usage).
/// The command line is parsed in English; only when clap has help or an error to show is
/// the interface language looked up, and the line parsed again in it for clap to show.
pub fn parse() -> Cli {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let error = match command().try_get_matches_from(&args) {
        Ok(matches) => match Cli::from_arg_matches(&matches) {
            Ok(cli) => return cli,
            Err(error) => error,
        },
        Err(error) => error,
    };
    match help::language_before_parsing(&args) {
        Lang::En => exit_with(&error),
        Lang::Sv => {
            let error = help::command_in(Lang::Sv)
                .try_get_matches_from(&args)
                .err()
                .unwrap_or(error);
            if error.use_stderr() {
                exit_with(&help::error_in_swedish(error));
            }
            exit_with(&error)
        }
    }
}

/// clap's help as it is; its errors (which quote what was typed) safe for the terminal.
fn exit_with<F: clap::error::ErrorFormatter>(error: &clap::error::Error<F>) -> ! {
    if !error.use_stderr() {
        error.exit();
    }
    let text = error.render().to_string();
    eprint!("{}", crate::domain::terminal::for_terminal(&text));
    std::process::exit(error.exit_code())
}

/// The language an error is told in: `--lang` or `INCIDENT_LANG`, else the register's
/// setting, else Swedish. The register is read only when an error is to be told.
pub struct ErrorLanguage {
    given: Option<Lang>,
    register: Option<PathBuf>,
}

impl ErrorLanguage {
    pub fn of(cli: &Cli) -> ErrorLanguage {
        ErrorLanguage {
            given: cli.lang,
            register: cli.register.clone(),
        }
    }

    pub fn resolve(&self) -> Lang {
        if let Some(lang) = self.given {
            return lang;
        }
        let cwd = std::env::current_dir().unwrap_or_default();
        crate::store::layout::find(self.register.as_deref(), &cwd)
            .and_then(|root| crate::store::Register::open(&root))
            .map(|register| register.settings.register.language)
            .unwrap_or_default()
    }
}

/// Runs the command line; returns the exit code.
pub fn run(cli: Cli) -> Result<i32> {
    let context = Context::from_cli(&cli);
    let changes = cli.command.changes_register();
    if changes && let Ok(register) = context.open_register() {
        // A sync killed after it moved the branch is finished before the command reads
        // the incident it names: the files then hold the ids the journal holds.
        if register.interrupted_sync() {
            register.finish_sync()?;
        }
        // `sync = "auto"`: the server's entries first, so the change is made on them. A
        // provisional id the command names may have been renumbered by it: the id typed
        // is then another person's incident, and the command does not run.
        if let Some(report) = context.share(&register, false, None)
            && let Some((was, is)) = report
                .renumbered
                .iter()
                .find(|(was, _)| std::env::args().any(|arg| arg == was.to_string()))
        {
            return Err(crate::error::Error::Renumbered {
                was: was.clone(),
                is: is.clone(),
            });
        }
    }
    let code = match cli.command {
        Command::Init(args) => init::run(&context, *args),
        Command::New(args) => new::run(&context, *args),
        Command::Assess(args) => assess::run(&context, *args),
        Command::Verdict(args) => verdict::verdict(&context, args),
        Command::Aware(args) => verdict::aware(&context, args),
        Command::Ended(args) => verdict::ended(&context, args),
        Command::Deadlines(args) => deadlines::run(&context, args),
        Command::Export(args) => export::run(&context, args),
        Command::Notified(args) => notified::run(&context, args),
        Command::Nis2(args) => nis2::run(&context, args),
        Command::Regime(args) => regime::run(&context, args),
        Command::Log(args) => log::run(&context, *args),
        Command::Contacted(args) => contacted::run(&context, args),
        Command::Customer(args) => customer::run(&context, args),
        Command::Template(args) => template::run(&context, args),
        Command::Close(args) => close::run(&context, args),
        Command::Reopen(args) => close::reopen(&context, args),
        Command::Stats(args) => stats::run(&context, args),
        Command::Next(args) => next::run(&context, args),
        Command::List(args) => list::run(&context, args),
        Command::Show(args) => show::run(&context, args),
        Command::Import(args) => import::run(&context, args),
        Command::Validate(args) => validate::run(&context, args),
        Command::History(args) => history::run(&context, args),
        Command::Verify(args) => verify::run(&context, args),
        Command::Record(args) => record::run(&context, args),
        Command::Sync(args) => sync::run(&context, &args),
        Command::Clone(args) => sync::clone(&context, &args),
        Command::MergeDriver(args) => sync::merge_driver(&context, &args),
        Command::Hook(args) => hook::run(&context, args),
        Command::Completions(args) => completions::run(&context, args),
        Command::Man(args) => completions::man(&context, &args),
    };
    // The register again: the command may have changed its settings.
    if changes
        && code.is_ok()
        && !context.shared.get()
        && let Ok(register) = context.open_register()
    {
        context.share(&register, true, None);
    }
    code
}

impl Command {
    /// Whether the command records changes (what `sync = "auto"` shares).
    fn changes_register(&self) -> bool {
        matches!(
            self,
            Command::New(_)
                | Command::Assess(_)
                | Command::Verdict(_)
                | Command::Aware(_)
                | Command::Ended(_)
                | Command::Notified(_)
                | Command::Nis2(_)
                | Command::Regime(_)
                | Command::Log(_)
                | Command::Contacted(_)
                | Command::Customer(_)
                | Command::Close(_)
                | Command::Reopen(_)
                | Command::Next(_)
                | Command::Record(_)
                | Command::Import(_)
        )
    }
}
