//! The register as one commit of the journal held it: an incident's files read from the
//! commit's tree and checked as the files on disk are. Used by `--as-of`, by the
//! supplement's comparison with the last filing and by `verify`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use chrono_tz::Tz;
use git2::Oid;

use super::examine::Listed;
use super::files::{self, FileKind, MAX_FILE_BYTES};
use super::journal::{EntryAt, Journal};
use super::layout::SETTINGS_FILE;
use super::load::{self, IncidentTexts, closed_as, incident_of, parse_settings};
use super::parallel;
use super::register::Register;
use crate::domain::IncidentId;
use crate::domain::incident::{Incident, Summary};
use crate::domain::model::Settings;
use crate::domain::model::closure::AtClose;
use crate::domain::obligations::law_still_owed;
use crate::error::{Error, FileProblem, Result};

impl Register {
    /// The texts of incident `id`'s files at commit `commit`, and its stray files as
    /// problems; empty when the incident did not exist then.
    pub fn texts_at(&self, id: &IncidentId, commit: &str) -> Result<IncidentTexts> {
        let files = self.journal()?.files_at(oid_of(commit)?, &id.folder())?;
        Ok(texts_of_files(id, files))
    }

    /// Incident `id` as commit `commit` held it, checked under the register's settings;
    /// `None` when it did not exist then.
    pub fn incident_at(&self, id: &IncidentId, commit: &str) -> Result<Option<Incident>> {
        let (texts, strays) = self.texts_at(id, commit)?;
        if texts.is_empty() && strays.is_empty() {
            return Ok(None);
        }
        incident_of(id, &texts, strays, self.zone, &self.settings).map(Some)
    }
}

/// The moment a register was opened at (`--as-of`) and the journal's entry that held it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AsOf {
    /// The moment asked for: what the deadlines are evaluated at.
    pub moment: DateTime<Tz>,
    /// The last entry committed at or before it (full id), and its committer time.
    pub commit: String,
    pub committed: DateTime<FixedOffset>,
}

/// An incident parsed, or the problems of its files.
type Parsed = Result<Incident, Vec<FileProblem>>;

/// Where a moment asked for falls in the journal, when no entry held the register then.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoEntry {
    /// Before the first entry, made at this time.
    BeforeFirst(DateTime<FixedOffset>),
    /// The register is not a Git repository, or its journal has no entry yet.
    NoJournal,
}

impl Register {
    /// The register at `root` as its journal held it at the moment `moment` gives (from the
    /// zone of the settings of the branch's last entry, to read a local time in): the
    /// settings, the ids and every incident read from the last entry committed at or
    /// before it, never from the work tree.
    pub fn open_as_of(
        root: &Path,
        moment: impl FnOnce(Tz) -> Result<DateTime<Tz>>,
    ) -> Result<Result<Register, NoEntry>> {
        let Some(journal) = Journal::open(root)? else {
            return Ok(Err(NoEntry::NoJournal));
        };
        let Some(latest) = journal.branch_tip() else {
            return Ok(Err(NoEntry::NoJournal));
        };
        let last_settings = settings_at(&journal, latest);
        let zone = match &last_settings {
            Ok((_, zone, _)) => *zone,
            // Settings that cannot be read there: the default zone of a register.
            Err(_) => Tz::Europe__Stockholm,
        };
        let moment = moment(zone)?;
        let (oid, committed) = match journal.entry_at_or_before(moment.fixed_offset())? {
            EntryAt::Found(oid, committed) => (oid, committed),
            EntryAt::BeforeFirst(first) => return Ok(Err(NoEntry::BeforeFirst(first))),
            EntryAt::Empty => return Ok(Err(NoEntry::NoJournal)),
        };
        let (settings, zone, settings_text) = if oid == latest {
            last_settings?
        } else {
            settings_at(&journal, oid)?
        };
        let mut register = Register::unjournaled(root.to_path_buf(), settings, zone, settings_text);
        register.journal = Some(journal);
        register.at = Some(AsOf {
            moment: moment.with_timezone(&zone),
            commit: oid.to_string(),
            committed,
        });
        Ok(Ok(register))
    }

    /// The moment and entry the register was opened at, with `--as-of`.
    pub fn as_of(&self) -> Option<&AsOf> {
        self.at.as_ref()
    }

    /// The incident ids of the entry `at`, in order.
    pub(super) fn ids_at(&self, at: &AsOf) -> Result<Vec<IncidentId>> {
        let journal = self.journal()?;
        let oid = oid_of(&at.commit)?;
        let mut ids = Vec::new();
        for year in journal.names_at(oid, "incidents")? {
            let Some(number) = year.parse::<i32>().ok().filter(|_| year.len() == 4) else {
                continue;
            };
            ids.extend(
                journal
                    .names_at(oid, &format!("incidents/{year}"))?
                    .iter()
                    .filter_map(|name| name.parse::<IncidentId>().ok())
                    .filter(|id| id.year() == number),
            );
        }
        ids.sort();
        Ok(ids)
    }

    /// The texts of every incident of `ids` at the entry `at`, read in one pass over the
    /// entry's tree (each year's folder read once, not once per incident).
    fn all_texts_at(&self, at: &AsOf, ids: &[IncidentId]) -> Result<Vec<IncidentTexts>> {
        let folders: Vec<String> = ids.iter().map(IncidentId::folder).collect();
        let files = self
            .journal()?
            .files_of_each(oid_of(&at.commit)?, &folders)?;
        Ok(ids
            .iter()
            .zip(files)
            .map(|(id, files)| texts_of_files(id, files))
            .collect())
    }

    /// The incidents of `texts` parsed on all cores, in their order: each incident, or its
    /// problems.
    fn parse_all(&self, texts: Vec<(IncidentId, IncidentTexts)>) -> Vec<(IncidentId, Parsed)> {
        let (zone, settings) = (self.zone, &self.settings);
        let parsed = parallel::map(&texts, |(id, (texts, strays))| {
            match incident_of(id, texts, strays.clone(), zone, settings) {
                Ok(incident) => Ok(incident),
                Err(Error::Invalid { problems, .. }) => Err(problems),
                Err(other) => Err(vec![FileProblem {
                    file: PathBuf::from(id.folder()),
                    line: None,
                    column: None,
                    field: None,
                    message: crate::domain::Bilingual::new(
                        other.message(crate::domain::Lang::Sv),
                        other.message(crate::domain::Lang::En),
                    ),
                }]),
            }
        });
        texts.into_iter().map(|(id, _)| id).zip(parsed).collect()
    }

    /// What `list` shows, of the entry `at`.
    pub(super) fn summaries_at(&self, at: &AsOf) -> Result<Vec<Listed>> {
        let ids = self.ids_at(at)?;
        let texts = self.all_texts_at(at, &ids)?;
        Ok(self
            .parse_all(ids.into_iter().zip(texts).collect())
            .into_iter()
            .map(|(id, parsed)| match parsed {
                Ok(incident) => Listed::Valid(Summary::of(&incident)),
                Err(problems) => Listed::Invalid { id, problems },
            })
            .collect())
    }

    /// What `deadlines` reads, of the entry `at`: the incidents not closed, and the closed
    /// ones closed with a duty of the law waived or still owing one. As on disk, a case
    /// that `incident close` closed with every duty met (its closure.yaml's line says so)
    /// is passed over unparsed: a commit's files are as they were recorded, so the line
    /// speaks for them (the work tree's check of the files' times has no use here).
    pub(super) fn unsettled_at(&self, at: &AsOf) -> Result<(Vec<Incident>, Vec<FileProblem>)> {
        let ids = self.ids_at(at)?;
        let texts = self.all_texts_at(at, &ids)?;
        let unsettled: Vec<(IncidentId, IncidentTexts)> = ids
            .into_iter()
            .zip(texts)
            .filter(|(_, (texts, _))| {
                // The same head as the work tree's read: the first HEAD bytes.
                let closure = texts
                    .get(&FileKind::Closure)
                    .map_or(&[][..], |t| t.as_bytes());
                closed_as(&closure[..closure.len().min(load::HEAD)]) != Some(AtClose::Met)
            })
            .collect();
        let mut incidents = Vec::new();
        let mut problems = Vec::new();
        for (_, parsed) in self.parse_all(unsettled) {
            match parsed {
                Ok(incident) => {
                    let waived = incident
                        .closure
                        .as_ref()
                        .and_then(|c| c.legal_obligations_at_close)
                        == Some(AtClose::Waived);
                    if !incident.is_closed()
                        || waived
                        || law_still_owed(&incident, &self.settings, self.zone)
                    {
                        incidents.push(incident);
                    }
                }
                Err(found) => problems.extend(found),
            }
        }
        Ok((incidents, problems))
    }

    /// Whether incident `id`'s folder is in the entry `at`.
    pub(super) fn exists_at(&self, at: &AsOf, id: &IncidentId) -> Result<bool> {
        self.journal()?.holds_at(oid_of(&at.commit)?, &id.folder())
    }
}

/// The texts of incident `id`'s files given by name and bytes, and its stray files as
/// problems.
fn texts_of_files(id: &IncidentId, files: Vec<(String, Vec<u8>)>) -> IncidentTexts {
    let mut texts = (BTreeMap::new(), Vec::new());
    for (name, bytes) in files {
        // Bytes from the journal cannot fail to be read; only their size and encoding can.
        let _ = super::load::sort_file(id, &name, &mut texts, |display| {
            Ok(if bytes.len() as u64 > MAX_FILE_BYTES {
                Err(files::too_large(display, bytes.len() as u64))
            } else {
                files::utf8_text(bytes, display)
            })
        });
    }
    texts
}

fn oid_of(commit: &str) -> Result<Oid> {
    Oid::from_str(commit).map_err(super::journal::git_error(format!("read commit {commit}")))
}

/// The settings of entry `oid`: parsed, with their zone and text.
fn settings_at(journal: &Journal, oid: Oid) -> Result<(Settings, Tz, String)> {
    let display = Path::new(SETTINGS_FILE);
    let Some(bytes) = journal.file_at(oid, SETTINGS_FILE)? else {
        return Err(Error::invalid(vec![FileProblem {
            file: display.to_path_buf(),
            line: None,
            column: None,
            field: None,
            message: crate::domain::Bilingual::new(
                format!("saknas i journalens post {oid}"),
                format!("is missing in the journal's entry {oid}"),
            ),
        }]));
    };
    let text = files::utf8_text(bytes, display).map_err(|problem| Error::invalid(vec![problem]))?;
    let (settings, zone) = parse_settings(display, &text).map_err(Error::invalid)?;
    Ok((settings, zone, text))
}
