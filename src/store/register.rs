//! A register opened: its settings, its journal, and what it holds (the incident ids, the
//! next free id, an id a person typed resolved with suggestions). Loading, examining,
//! recording and recovering are in modules of their own, as `impl Register` blocks.

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use chrono_tz::Tz;

use super::cache;
use super::files;
use super::journal::{Author, HistoryEntry, Journal, SignatureCheck};
use super::layout::{SETTINGS_FILE, read_dir_names};
use super::load::{parse_settings, parse_settings_checked_before};
use crate::domain::IncidentId;
use crate::domain::model::Settings;
use crate::error::{Error, Result};

/// What a recorded change produced: its journal entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    pub commit: String,
    pub subject: String,
}

/// Who and when, for the commits a command makes.
#[derive(Debug, Clone)]
pub struct Stamp {
    pub author: Author,
    pub when: DateTime<FixedOffset>,
}

pub struct Register {
    pub root: PathBuf,
    pub settings: Settings,
    pub zone: Tz,
    /// The settings file as read: part of the derived cache's key, and what a change
    /// checks was not edited while it ran.
    pub(super) settings_text: String,
    pub(super) journal: Option<Journal>,
    /// The journal's entry the register was opened at (`--as-of`): every read comes from
    /// its tree, none from the work tree.
    pub(super) at: Option<super::at::AsOf>,
}

impl Register {
    /// Opens the register at `root`, loading and checking its settings.
    pub fn open(root: &Path) -> Result<Register> {
        let text = files::read_text(&root.join(SETTINGS_FILE))?;
        let checked_before = cache::settings_checked_before(root, &text);
        let (settings, zone) =
            parse_settings_checked_before(Path::new(SETTINGS_FILE), &text, checked_before)
                .map_err(Error::invalid)?;
        if !checked_before {
            cache::note_settings_checked(root, &text);
        }
        let mut journal = Journal::open(root)?;
        if let Some(journal) = &mut journal {
            // The journal's settings bind too: a change that would stop asking for
            // signatures (an edit of incident.toml) must itself be signed.
            let committed = journal
                .committed_bytes(SETTINGS_FILE)
                .ok()
                .flatten()
                .is_some_and(|bytes| {
                    // Most often the file is as committed: its settings are those read.
                    if bytes == text.as_bytes() {
                        return settings.register.require_signed;
                    }
                    let committed = String::from_utf8_lossy(&bytes).into_owned();
                    parse_settings(Path::new(SETTINGS_FILE), &committed)
                        .is_ok_and(|(committed, _)| committed.register.require_signed)
                });
            journal.require_signatures(settings.register.require_signed || committed);
        }
        Ok(Register {
            root: root.to_path_buf(),
            settings,
            zone,
            settings_text: text,
            journal,
            at: None,
        })
    }

    /// A register of these settings that is not (or not yet) journaled: for checking files
    /// under settings not yet recorded, and while a register is created.
    pub(super) fn unjournaled(
        root: PathBuf,
        settings: Settings,
        zone: Tz,
        settings_text: String,
    ) -> Register {
        Register {
            root,
            settings,
            zone,
            settings_text,
            journal: None,
            at: None,
        }
    }

    pub fn is_journaled(&self) -> bool {
        self.journal.is_some()
    }

    /// Refuses a change in a Git state it could not finish honestly in (see
    /// [`crate::error::GitBlocker`]): nothing is written before this passes.
    pub(super) fn check_git_state(&self) -> Result<()> {
        match self.journal()?.blocker(SETTINGS_FILE) {
            Some(blocker) => Err(Error::GitState { blocker }),
            None => Ok(()),
        }
    }

    /// What in Git's state would refuse a change now, for read commands to say.
    pub fn git_state(&self) -> Option<Error> {
        if self.at.is_some() {
            return None;
        }
        self.journal
            .as_ref()
            .and_then(|journal| journal.blocker(SETTINGS_FILE))
            .map(|blocker| Error::GitState { blocker })
    }

    /// The journal; refuses a change to a folder that is not a Git repository.
    pub(super) fn journal(&self) -> Result<&Journal> {
        self.journal.as_ref().ok_or_else(|| Error::NotJournaled {
            path: self.root.clone(),
        })
    }

    pub fn configured_author(&self) -> Option<Author> {
        self.journal.as_ref().and_then(Journal::configured_author)
    }

    pub fn head_id(&self) -> Option<String> {
        if let Some(at) = &self.at {
            return Some(at.commit.clone());
        }
        self.journal.as_ref().and_then(Journal::head_id)
    }

    /// Every incident id in the register, in order.
    pub fn ids(&self) -> Result<Vec<IncidentId>> {
        if let Some(at) = &self.at {
            return self.ids_at(at);
        }
        let mut ids = Vec::new();
        for year in self.year_folders()? {
            ids.extend(self.ids_of_year(year)?);
        }
        ids.sort();
        Ok(ids)
    }

    fn year_folders(&self) -> Result<Vec<i32>> {
        Ok(read_dir_names(&self.root.join("incidents"))?
            .iter()
            .filter(|name| name.len() == 4)
            .filter_map(|name| name.parse().ok())
            .collect())
    }

    fn ids_of_year(&self, year: i32) -> Result<Vec<IncidentId>> {
        Ok(
            read_dir_names(&self.root.join("incidents").join(format!("{year:04}")))?
                .iter()
                .filter_map(|name| name.parse::<IncidentId>().ok())
                .filter(|id| id.year() == year)
                .collect(),
        )
    }

    /// [`Register::ids`] of the work tree, each with its entry in its year folder, so that
    /// its metadata is read relative to the open folder (`fstatat`) rather than by a walk
    /// of the whole path: at 100,000 incidents the walks were most of `deadlines`' time.
    pub(super) fn id_entries(&self) -> Result<Vec<(IncidentId, std::fs::DirEntry)>> {
        let mut entries = Vec::new();
        for year in self.year_folders()? {
            let folder = self.root.join("incidents").join(format!("{year:04}"));
            if !folder.is_dir() {
                continue;
            }
            let io_error = |source| Error::Io {
                action: "read the folder",
                path: folder.clone(),
                source,
            };
            for entry in std::fs::read_dir(&folder).map_err(io_error)? {
                let entry = entry.map_err(io_error)?;
                if let Some(id) = entry
                    .file_name()
                    .to_str()
                    .and_then(|name| name.parse::<IncidentId>().ok())
                    .filter(|id| id.year() == year)
                {
                    entries.push((id, entry));
                }
            }
        }
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(entries)
    }

    /// The next free id for an incident discovered in `year`.
    pub(super) fn next_id(&self, year: i32) -> Result<IncidentId> {
        let in_folders = self
            .ids_of_year(year)?
            .into_iter()
            .map(|id| id.sequence())
            .max();
        // An id once given is never given again, also when a commit deleted its folder.
        let given = match &self.journal {
            Some(journal) => journal.last_issued(year)?,
            None => None,
        };
        let last = in_folders.max(given).unwrap_or(0);
        let next = last
            .checked_add(1)
            .ok_or(Error::SequenceExhausted { year, last })?;
        Ok(IncidentId::new(year, next))
    }

    /// Checks that incident `id` exists; an unknown id gets the nearest existing ones as
    /// suggestions.
    pub fn require(&self, id: &IncidentId) -> Result<()> {
        let exists = match &self.at {
            Some(at) => self.exists_at(at, id)?,
            None => self.root.join(id.folder()).is_dir(),
        };
        if exists {
            return Ok(());
        }
        let wanted = id.to_string();
        let mut near: Vec<(usize, String)> = self
            .ids()?
            .into_iter()
            .map(|candidate| candidate.to_string())
            .map(|candidate| (strsim::levenshtein(&candidate, &wanted), candidate))
            .filter(|(distance, _)| *distance <= 2)
            .collect();
        near.sort();
        Err(Error::UnknownIncident {
            id: wanted,
            suggestions: near.into_iter().take(3).map(|(_, id)| id).collect(),
        })
    }

    /// The e-mails taken in, read from the journal in one walk: their Message-IDs
    /// (`Message-Id` trailers) and the SHA-256 of every evidence file an entry added
    /// (`Evidence-Sha256`, how a message without a Message-ID is recognised by its bytes),
    /// each with the incident it became.
    pub fn mails_taken_in(&self) -> Result<MailsTakenIn> {
        let mut found = self
            .journal()?
            .trailer_values(&[super::journal::MESSAGE_ID, super::journal::EVIDENCE_SHA256])?
            .into_iter();
        Ok(MailsTakenIn {
            message_ids: found.next().unwrap_or_default(),
            evidence_digests: found.next().unwrap_or_default(),
        })
    }

    /// The journal of one incident, oldest first.
    pub fn history(&self, id: &IncidentId) -> Result<Vec<HistoryEntry>> {
        self.journal()?.history(&id.folder(), &id.to_string())
    }
}

impl Register {
    /// The register's list of the SSH keys entries may be signed with (`[register]
    /// allowed_signers`, default `.allowed_signers`), if the file exists.
    pub fn allowed_signers(&self) -> Option<PathBuf> {
        let path = self
            .root
            .join(self.settings.register.allowed_signers_path());
        path.is_file().then_some(path)
    }

    /// The signature of `commit` (an id or a name Git resolves), checked against the
    /// register's allowed-signers file; see [`Journal::check_signature`] for the programs
    /// it runs and what they cost.
    pub fn check_signature(&self, commit: &str) -> Result<SignatureCheck> {
        let journal = self.journal()?;
        let oid = journal.resolve_commit(commit).ok_or_else(|| Error::Git {
            action: format!("find the commit {commit}"),
            message: "no such commit in the journal".into(),
        })?;
        journal.check_signature(oid, self.allowed_signers().as_deref())
    }
}

/// What [`Register::mails_taken_in`] finds: value → the incident it became.
#[derive(Debug, Default)]
pub struct MailsTakenIn {
    pub message_ids: std::collections::HashMap<String, String>,
    pub evidence_digests: std::collections::HashMap<String, String>,
}
