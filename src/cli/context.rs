//! What every command gets: the register option, the language, the author, the clock, and
//! whether it may prompt; and the few ways a command opens the register from them.

use std::io::IsTerminal;
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, SubsecRound, Utc};
use chrono_tz::Tz;

use super::Cli;
use super::args::parse_as_of;
use super::ui::Ui;
use crate::domain::incident::Incident;
use crate::domain::input::{InputError, JournalInput};
use crate::domain::model::settings::SyncMode;
use crate::domain::{IncidentId, Lang};
use crate::error::{Error, Result};
use crate::store::journal::global_author;
use crate::store::sharing::{Conflict, SyncOptions, SyncReport};
use crate::store::{Author, Change, LockHold, NoEntry, Register, Stamp, layout};

#[derive(Debug, Clone)]
pub struct Context {
    pub register_dir: Option<PathBuf>,
    pub lang_override: Option<Lang>,
    pub author_override: Option<String>,
    pub now: DateTime<FixedOffset>,
    pub interactive: bool,
    /// `--confirm-time`: a time more than a day ahead is recorded without asking.
    pub confirm_time: bool,
    /// Run from `incident next`, which says what comes next itself.
    pub guided: bool,
    /// The pager of long output at a terminal, unless `--no-pager` (see [`super::pager`]).
    pub pager: Option<String>,
    /// This run has already shared its change with the server (`sync = "auto"`).
    pub shared: std::cell::Cell<bool>,
}

/// A register opened on one incident, for a command that reads it.
pub struct Opened {
    pub register: Register,
    pub ui: Ui,
    pub id: IncidentId,
    pub incident: Incident,
}

impl Context {
    pub fn from_cli(cli: &Cli) -> Context {
        let terminal = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
        Context {
            register_dir: cli.register.clone(),
            lang_override: cli.lang,
            author_override: cli.author.clone(),
            // Seconds are what a journal and a register file need; nanoseconds only clutter
            // the files people read.
            now: cli
                .now
                .unwrap_or_else(|| Utc::now().trunc_subsecs(0).fixed_offset()),
            interactive: terminal && !cli.no_input,
            confirm_time: cli.confirm_time,
            guided: false,
            pager: super::pager::of_environment(cli.no_pager),
            shared: std::cell::Cell::new(false),
        }
    }

    /// The register this command works on.
    pub fn open_register(&self) -> Result<Register> {
        Register::open(&self.register_root()?)
    }

    pub fn register_root(&self) -> Result<PathBuf> {
        let cwd = std::env::current_dir().map_err(|source| Error::Io {
            action: "read the current folder",
            path: PathBuf::from("."),
            source,
        })?;
        layout::find(self.register_dir.as_deref(), &cwd)
    }

    /// The register as `--as-of TIME` asks for it: as the journal held it at TIME (see
    /// [`Register::open_as_of`]), told in one line on stderr, so that the output itself
    /// is the one the command gave then; without TIME, the register as it is. A TIME after
    /// now is refused: the journal knows only what has been.
    pub fn open_register_as_of(&self, as_of: Option<&str>) -> Result<Register> {
        let Some(text) = as_of else {
            return self.open_register();
        };
        let refused = |problem| Error::bad_input("--as-of", InputError::Journal(problem));
        let opened = Register::open_as_of(&self.register_root()?, |zone| {
            let moment = parse_as_of(text, zone)?;
            if moment > self.now {
                let now = self.now.with_timezone(&zone);
                return Err(refused(JournalInput::AfterNow {
                    at: text.trim().to_string(),
                    now: now.format("%Y-%m-%d %H:%M").to_string(),
                }));
            }
            Ok(moment)
        })?;
        let register = opened.map_err(|missing| match missing {
            NoEntry::BeforeFirst(first) => refused(JournalInput::BeforeJournal {
                at: text.trim().to_string(),
                first: first.format("%Y-%m-%d %H:%M:%S %:z").to_string(),
            }),
            NoEntry::NoJournal => refused(JournalInput::NoJournal),
        })?;
        if let Some(at) = register.as_of() {
            let ui = self.ui(&register);
            let committed = at.committed.with_timezone(&register.zone);
            ui.say(&format!(
                "{} {} (commit {}, {} {})",
                ui.t("Som journalen var", "As the journal was at"),
                at.moment.format("%Y-%m-%d %H:%M"),
                super::ui::short(&at.commit),
                ui.t("posten gjordes", "entry made"),
                committed.format("%Y-%m-%d %H:%M"),
            ));
        }
        Ok(register)
    }

    /// What a command evaluates at: the moment of `--as-of`, else now; in the register's
    /// timezone.
    pub fn now_at(&self, register: &Register) -> DateTime<Tz> {
        register
            .as_of()
            .map_or_else(|| self.now.with_timezone(&register.zone), |at| at.moment)
    }

    pub fn lang(&self, register: Option<&Register>) -> Lang {
        self.lang_override
            .or(register.map(|r| r.settings.register.language))
            .unwrap_or_default()
    }

    /// The interface in the language of this command and register.
    pub fn ui(&self, register: &Register) -> Ui {
        Ui::new(self.lang(Some(register)))
    }

    /// The register, the interface, and one incident, loaded and validated: what every
    /// command that reads one incident starts from.
    pub fn open_incident(&self, id: &IncidentId) -> Result<Opened> {
        self.open_incident_as_of(id, None)
    }

    /// [`Context::open_incident`] as the journal held it at `--as-of`'s moment, if given.
    pub fn open_incident_as_of(&self, id: &IncidentId, as_of: Option<&str>) -> Result<Opened> {
        let register = self.open_register_as_of(as_of)?;
        register.require(id)?;
        let ui = self.ui(&register);
        let incident = register.load(id)?;
        Ok(Opened {
            register,
            ui,
            id: id.clone(),
            incident,
        })
    }

    /// How long a change holds the register lock: throughout when nothing is asked (two
    /// scripted changes then run one after the other), only to start and to finish when a
    /// person answers prompts in between (nobody waits on someone typing; the finish
    /// refuses the change if the incident changed meanwhile).
    pub fn lock_hold(&self) -> LockHold {
        if self.interactive {
            LockHold::StartAndFinish
        } else {
            LockHold::Throughout
        }
    }

    /// Starts a change of incident `id` by this command's author, holding the register
    /// lock as [`Context::lock_hold`] says.
    pub fn start_change<'r>(&self, register: &'r Register, id: &IncidentId) -> Result<Change<'r>> {
        let stamp = self.stamp(Some(register))?;
        register.start_change(id, &stamp, self.lock_hold())
    }

    /// The author and time for this command's commits.
    pub fn stamp(&self, register: Option<&Register>) -> Result<Stamp> {
        let author = match &self.author_override {
            Some(text) => Author::parse(text).ok_or_else(|| {
                Error::bad_input("--author", InputError::NotAnAuthor { text: text.clone() })
            })?,
            None => match register {
                Some(register) => register.configured_author(),
                None => global_author(),
            }
            .ok_or(Error::NoAuthor)?,
        };
        Ok(Stamp {
            author,
            when: self.now_in(register),
        })
    }

    /// With `sync = "auto"` and a remote: fetches and integrates the server's entries
    /// before a change (`pushing` false), or pushes after it (`pushing` true). A server
    /// that cannot be reached, or a conflict, leaves the work local with one line said;
    /// the change itself never fails for it. Returns what the sync did, if it ran. An id
    /// that changes is said, except `unseen` (an id not shown to anyone yet).
    pub fn share(
        &self,
        register: &Register,
        pushing: bool,
        unseen: Option<&IncidentId>,
    ) -> Option<SyncReport> {
        if pushing && self.shared.replace(true) {
            return None;
        }
        if register.settings.register.sync != SyncMode::Auto || !register.has_remote() {
            return None;
        }
        let ui = self.ui(register);
        let stamp = self.stamp(Some(register)).ok()?;
        let mut nobody_chooses = |_: &Conflict| None;
        let options = SyncOptions {
            push: pushing,
            // The sync before the change fetched a moment ago.
            push_first: pushing,
            choose: &mut nobody_chooses,
        };
        match register.sync(&stamp, options) {
            Ok(report) => {
                if report.offline.is_some() && pushing {
                    ui.say(ui.t(
                        "Servern kunde inte nås: ändringen finns här och skickas vid nästa synk.",
                        "The server could not be reached: the change is kept here and sent at the next sync.",
                    ));
                }
                for (was, is) in report
                    .renumbered
                    .iter()
                    .filter(|(was, _)| Some(was) != unseen)
                {
                    ui.say(&format!(
                        "{} {was} → {is}",
                        ui.t(
                            "Nytt id (servern hade redan gett id:t):",
                            "New id (the server had given the id already):"
                        )
                    ));
                }
                Some(report)
            }
            Err(error) => {
                ui.say(&format!(
                    "{} {}\n  {}",
                    ui.t(
                        "Synken med servern gick inte:",
                        "The sync with the server failed:"
                    ),
                    error.full_text(ui.lang),
                    ui.t(
                        "Arbetet fortsätter här; kör `incident sync` för att dela det.",
                        "Work goes on here; run `incident sync` to share it."
                    )
                ));
                None
            }
        }
    }

    /// Now, with the offset of the register's timezone.
    pub fn now_in(&self, register: Option<&Register>) -> DateTime<FixedOffset> {
        match register {
            Some(register) => self.now.with_timezone(&register.zone).fixed_offset(),
            None => self.now,
        }
    }
}
