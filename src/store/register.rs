//! A register on disk: finding it, loading and validating its files, and recording
//! changes (atomic writes, then one commit; files edited by hand first, as their own entry).

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use chrono_tz::Tz;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::cache::{self, Cache, Examined, Observed, Unrecorded};
use super::files::{self, FileKind};
use super::journal::{self, Author, Edited, HistoryEntry, Journal, Message, PathChange as Change};
use super::locate::line_of_pointer;
use super::lock::{self, RegisterLock};
use super::parallel;
use super::schemas;
use crate::domain::IncidentId;
use crate::domain::incident::{Incident, Summary};
use crate::domain::model::Settings;
use crate::domain::model::settings::DeadlineSettings;
use crate::domain::privacy::{self, FindingKind};
use crate::domain::rules::{self, Problem};
use crate::error::{Error, FileProblem, Result};

pub const SETTINGS_FILE: &str = "incident.toml";
const GITIGNORE: &str = "# Left out of the journal: drafts of interrupted commands and editor leftovers.\n.drafts/\n*.swp\n*~\n.DS_Store\n";

/// What a recorded change produced.
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
    /// The settings file as read: part of the derived cache's key.
    settings_text: String,
    journal: Option<Journal>,
    /// The texts of each incident as loaded: a change recorded later checks, under the
    /// register lock, that nobody changed them meanwhile.
    loaded: RefCell<HashMap<IncidentId, BTreeMap<FileKind, String>>>,
    /// The register lock, when held for the whole command.
    held: Option<RegisterLock>,
}

/// Finds the register: the explicit folder, else the current folder or the nearest parent
/// holding `incident.toml`.
pub fn find(explicit: Option<&Path>, cwd: &Path) -> Result<PathBuf> {
    if let Some(path) = explicit {
        return if path.join(SETTINGS_FILE).is_file() {
            Ok(path.to_path_buf())
        } else {
            Err(Error::NotARegister {
                path: path.to_path_buf(),
            })
        };
    }
    cwd.ancestors()
        .find(|folder| folder.join(SETTINGS_FILE).is_file())
        .map(Path::to_path_buf)
        .ok_or_else(|| Error::NoRegister {
            start: cwd.to_path_buf(),
        })
}

/// The path of an incident file relative to the register root, with `/`.
pub fn incident_file(id: &IncidentId, kind: FileKind) -> String {
    format!("{}/{}", id.folder(), kind.file_name())
}

/// The schema modeline's target for a file at `relative_path`: the register's `schemas/` copy.
fn schema_href(relative_path: &str, kind: FileKind) -> String {
    let depth = relative_path.matches('/').count();
    format!("{}schemas/{}", "../".repeat(depth), kind.schema_file())
}

/// Renders a value as the text of the file at `relative_path`.
pub fn render_file<T: Serialize>(kind: FileKind, relative_path: &str, value: &T) -> Result<String> {
    files::render(kind, value, &schema_href(relative_path, kind))
}

fn pointer_of(field: &str) -> String {
    let mut pointer = String::new();
    for part in field.split('.') {
        let (name, indexes) = part
            .split_once('[')
            .map_or((part, ""), |(n, rest)| (n, rest));
        pointer.push('/');
        pointer.push_str(name);
        for index in indexes.split(['[', ']']).filter(|s| !s.is_empty()) {
            pointer.push('/');
            pointer.push_str(index);
        }
    }
    pointer
}

/// The line of a field, or of its nearest parent that the file has (a missing field is
/// reported where it belongs).
fn line_of_field(text: &str, field: &str) -> Option<u64> {
    let mut pointer = pointer_of(field);
    loop {
        if let Some(line) = line_of_pointer(text, &pointer) {
            return Some(line);
        }
        let cut = pointer.rfind('/').filter(|&i| i > 0)?;
        pointer.truncate(cut);
    }
}

fn rule_problems(file: &Path, text: &str, problems: Vec<Problem>) -> Vec<FileProblem> {
    problems
        .into_iter()
        .map(|problem| FileProblem {
            file: file.to_path_buf(),
            line: line_of_field(text, &problem.field),
            column: None,
            field: Some(problem.field),
            message: problem.message,
        })
        .collect()
}

/// Parses and checks `incident.toml`.
pub fn parse_settings(display_path: &Path, text: &str) -> Result<(Settings, Tz), Vec<FileProblem>> {
    let settings: Settings = files::parse(FileKind::Settings, display_path, text)?;
    let problems = rules::check_settings(&settings);
    if !problems.is_empty() {
        return Err(problems
            .into_iter()
            .map(|p| FileProblem {
                file: display_path.to_path_buf(),
                line: None,
                column: None,
                field: Some(p.field),
                message: p.message,
            })
            .collect());
    }
    let zone = rules::parse_timezone(&settings.register.timezone).expect("checked above");
    Ok((settings, zone))
}

/// Parses and checks the files of one incident, given as name → text.
pub fn parse_incident(
    id: &IncidentId,
    texts: &BTreeMap<FileKind, String>,
    zone: Tz,
    deadlines: &DeadlineSettings,
) -> Result<Incident, Vec<FileProblem>> {
    let mut problems = Vec::new();
    let path = |kind: FileKind| PathBuf::from(incident_file(id, kind));
    fn load<T: DeserializeOwned + Serialize>(
        kind: FileKind,
        path: &Path,
        text: Option<&String>,
        problems: &mut Vec<FileProblem>,
        check: impl Fn(&T) -> Vec<Problem>,
    ) -> Option<T> {
        let text = text?;
        match files::parse::<T>(kind, path, text) {
            Ok(value) => {
                problems.extend(rule_problems(path, text, check(&value)));
                Some(value)
            }
            Err(found) => {
                problems.extend(found);
                None
            }
        }
    }
    let report_path = path(FileKind::Report);
    if !texts.contains_key(&FileKind::Report) {
        problems.push(FileProblem {
            file: report_path.clone(),
            line: None,
            column: None,
            field: None,
            message: "is missing; every incident folder holds a report.yaml (restore it from the journal with `git checkout -- <file>`)".into(),
        });
    }
    let report = load(
        FileKind::Report,
        &report_path,
        texts.get(&FileKind::Report),
        &mut problems,
        |r| rules::check_report(r, Some(id), zone),
    );
    let assessment = load(
        FileKind::Assessment,
        &path(FileKind::Assessment),
        texts.get(&FileKind::Assessment),
        &mut problems,
        rules::check_assessment,
    );
    let actions = load(
        FileKind::Actions,
        &path(FileKind::Actions),
        texts.get(&FileKind::Actions),
        &mut problems,
        rules::check_actions,
    );
    let notification = load(
        FileKind::Notification,
        &path(FileKind::Notification),
        texts.get(&FileKind::Notification),
        &mut problems,
        rules::check_notification,
    );
    let closure = load(
        FileKind::Closure,
        &path(FileKind::Closure),
        texts.get(&FileKind::Closure),
        &mut problems,
        rules::check_closure,
    );
    let Some(report) = report.filter(|_| problems.is_empty()) else {
        return Err(problems);
    };
    let incident = Incident {
        report,
        assessment,
        actions,
        notification,
        closure,
    };
    let late = rules::check_late_notification(&incident, deadlines, zone);
    if late.is_empty() {
        Ok(incident)
    } else {
        let path = path(FileKind::Notification);
        let text = texts
            .get(&FileKind::Notification)
            .map(String::as_str)
            .unwrap_or("");
        Err(rule_problems(&path, text, late))
    }
}

/// The entries of a folder, sorted; none when it does not exist.
fn read_dir_names(folder: &Path) -> Result<Vec<String>> {
    if !folder.is_dir() {
        return Ok(Vec::new());
    }
    let io_error = |source| Error::Io {
        action: "read the folder",
        path: folder.to_path_buf(),
        source,
    };
    let mut names = Vec::new();
    for entry in std::fs::read_dir(folder).map_err(io_error)? {
        names.push(
            entry
                .map_err(io_error)?
                .file_name()
                .to_string_lossy()
                .into_owned(),
        );
    }
    names.sort();
    Ok(names)
}

/// A problem when the incident's folder, its year folder or `incidents` is a symbolic
/// link: the register never follows one, for reading or writing, since it could lead
/// outside.
fn linked_folder(root: &Path, id: &IncidentId) -> Option<FileProblem> {
    const LINKED: &str = "is a symbolic link; the register never follows links (one could lead outside it): put the folder itself in its place";
    let year = format!("incidents/{:04}", id.year());
    ["incidents".to_string(), year, id.folder()]
        .into_iter()
        .find(|folder| journal::is_link(&root.join(folder)))
        .map(|folder| stray(folder, LINKED))
}

/// The texts of an incident's files, and its stray files as problems.
type IncidentTexts = (BTreeMap<FileKind, String>, Vec<FileProblem>);

/// Reads the files `names` of incident `id`'s folder.
fn read_texts(root: &Path, id: &IncidentId, names: &[String]) -> Result<IncidentTexts> {
    let folder = root.join(id.folder());
    let mut texts = BTreeMap::new();
    let mut strays = Vec::new();
    for name in names {
        let display = PathBuf::from(format!("{}/{name}", id.folder()));
        match FileKind::from_file_name(name).filter(|kind| *kind != FileKind::Settings) {
            Some(kind) => match files::read_utf8(&folder.join(name), &display)? {
                Ok(text) => {
                    texts.insert(kind, text);
                }
                Err(problem) => strays.push(problem),
            },
            None if name.starts_with('.') => {}
            None => strays.push(FileProblem {
                file: display,
                line: None,
                column: None,
                field: None,
                message: "is not a file of the register (an incident folder holds report.yaml, assessment.yaml, actions.yaml, notification.yaml and closure.yaml); move it out of the register".into(),
            }),
        }
    }
    Ok((texts, strays))
}

/// Examines one incident (every file, every rule) and observes its files' metadata first,
/// for the cache; the metadata is `None` when the folder holds other files too.
/// Personal data in the files whose text goes to IMY (the report, the actions, the
/// notification), but for the e-mail addresses of the listed contacts.
fn privacy_warnings(
    id: &IncidentId,
    texts: &BTreeMap<FileKind, String>,
    incident: &Incident,
    allowed: &[String],
) -> Vec<FileProblem> {
    let mut allowed = allowed.to_vec();
    allowed.extend(
        incident
            .report
            .contacts
            .iter()
            .filter_map(|p| p.email.clone()),
    );
    let mut warnings = Vec::new();
    for kind in [FileKind::Report, FileKind::Actions, FileKind::Notification] {
        let Some(text) = texts.get(&kind) else {
            continue;
        };
        for finding in privacy::find(text, &allowed) {
            let what = match finding.kind {
                FindingKind::PersonalIdentityNumber => {
                    "what looks like a Swedish personal identity number"
                }
                FindingKind::EmailAddress => "the e-mail address, not of a listed contact,",
            };
            warnings.push(FileProblem {
                file: PathBuf::from(incident_file(id, kind)),
                line: Some(finding.line as u64),
                column: None,
                field: None,
                message: format!(
                    "holds {what} {}: a notification to IMY becomes a public record (Tryckfrihetsförordningen 2 kap.); describe the person instead",
                    finding.text
                ),
            });
        }
    }
    warnings
}

fn examine(
    root: &Path,
    zone: Tz,
    deadlines: &DeadlineSettings,
    allowed: &[String],
    id: &IncidentId,
) -> Result<(Examined, Option<Observed>)> {
    if let Some(problem) = linked_folder(root, id) {
        let examined = Examined {
            problems: vec![problem],
            summary: None,
            warnings: Vec::new(),
        };
        return Ok((examined, None));
    }
    let folder = root.join(id.folder());
    let (observed, names) = cache::observe_folder(&folder).map_err(|source| Error::Io {
        action: "read the folder",
        path: folder.clone(),
        source,
    })?;
    let (texts, strays) = read_texts(root, id, &names)?;
    let mut examined = match parse_incident(id, &texts, zone, deadlines) {
        Ok(incident) if strays.is_empty() => Examined {
            problems: Vec::new(),
            summary: Some(Summary::of(&incident)),
            warnings: privacy_warnings(id, &texts, &incident, allowed),
        },
        Ok(_) => Examined {
            problems: strays,
            summary: None,
            warnings: Vec::new(),
        },
        Err(mut problems) => {
            problems.extend(strays);
            Examined {
                problems,
                summary: None,
                warnings: Vec::new(),
            }
        }
    };
    for name in names.iter().filter(|name| journal::is_temporary(name)) {
        examined.problems.push(stray(
            format!("{}/{name}", id.folder()),
            "is a temporary file left by a write that was interrupted; the next change to this incident removes it, or delete it",
        ));
    }
    Ok((examined, observed))
}

impl Register {
    /// Opens the register at `root`, loading and checking its settings.
    pub fn open(root: &Path) -> Result<Register> {
        let text = files::read_text(&root.join(SETTINGS_FILE))?;
        let (settings, zone) =
            parse_settings(Path::new(SETTINGS_FILE), &text).map_err(Error::invalid)?;
        let journal = Journal::open(root)?;
        Ok(Register {
            root: root.to_path_buf(),
            settings,
            zone,
            settings_text: text,
            journal,
            loaded: Default::default(),
            held: None,
        })
    }

    /// Creates a register in `root` (made if needed), or adopts the files already there.
    /// Refuses when `root` already holds a journaled register.
    pub fn init(
        root: &Path,
        settings: Option<&Settings>,
        stamp: &Stamp,
    ) -> Result<(Register, Recorded)> {
        let has_settings = root.join(SETTINGS_FILE).is_file();
        if has_settings && root.join(".git").exists() {
            return Err(Error::RegisterExists {
                path: root.to_path_buf(),
            });
        }
        std::fs::create_dir_all(root).map_err(|source| Error::Io {
            action: "create the folder",
            path: root.to_path_buf(),
            source,
        })?;
        let mut changes = Vec::new();
        let adopting = has_settings;
        let settings_text = if adopting {
            files::read_text(&root.join(SETTINGS_FILE))?
        } else {
            let settings = settings.ok_or_else(|| Error::Refused {
                message: "no settings to write".into(),
            })?;
            render_file(FileKind::Settings, SETTINGS_FILE, settings)?
        };
        let (settings, zone) =
            parse_settings(Path::new(SETTINGS_FILE), &settings_text).map_err(Error::invalid)?;
        changes.push(Change::Write {
            path: SETTINGS_FILE.into(),
            bytes: settings_text.into_bytes(),
        });
        for kind in FileKind::ALL {
            changes.push(Change::Write {
                path: format!("schemas/{}", kind.schema_file()),
                bytes: schemas::embedded(kind).as_bytes().to_vec(),
            });
        }
        if !root.join(".gitignore").exists() {
            changes.push(Change::Write {
                path: ".gitignore".into(),
                bytes: GITIGNORE.as_bytes().to_vec(),
            });
        }
        let mut register = Register {
            root: root.to_path_buf(),
            settings,
            zone,
            settings_text: String::new(),
            journal: None,
            loaded: Default::default(),
            held: None,
        };
        let mut adopted = 0;
        if adopting {
            let problems = register.check_all()?;
            if !problems.is_empty() {
                return Err(Error::invalid(problems));
            }
            for id in register.ids()? {
                adopted += 1;
                for kind in FileKind::INCIDENT_FILES {
                    let relative = incident_file(&id, kind);
                    let path = root.join(&relative);
                    if path.is_file() {
                        let bytes = std::fs::read(&path).map_err(|source| Error::Io {
                            action: "read",
                            path: path.clone(),
                            source,
                        })?;
                        changes.push(Change::Write {
                            path: relative,
                            bytes,
                        });
                    }
                }
            }
        }
        let journal = match Journal::open(root)? {
            Some(journal) => journal,
            None => Journal::init(root)?,
        };
        let subject = if adopting {
            format!(
                "register adopted: {} ({adopted} incident(s))",
                register.settings.organisation.name
            )
        } else {
            format!("register created: {}", register.settings.organisation.name)
        };
        let message = Message {
            subject: subject.clone(),
            body: None,
            trailers: vec![("Change".into(), "init".into())],
        };
        // The first commit is made from the bytes before any file is written, so a failure
        // (a bad author, say) leaves no half-made register behind.
        let commit = journal.commit(&changes, &message, &stamp.author, stamp.when)?;
        for change in &changes {
            if let Change::Write { path, bytes } = change {
                files::write_atomically(&root.join(path), bytes)?;
            }
        }
        journal.update_index(&changes)?;
        register.journal = Some(journal);
        Ok((register, Recorded { commit, subject }))
    }

    /// Refuses a change to a folder that is not a Git repository.
    pub fn require_journal(&self) -> Result<()> {
        self.journal().map(|_| ())
    }

    pub fn is_journaled(&self) -> bool {
        self.journal.is_some()
    }

    pub fn configured_author(&self) -> Option<Author> {
        self.journal.as_ref().and_then(Journal::configured_author)
    }

    pub fn head_id(&self) -> Option<String> {
        self.journal.as_ref().and_then(Journal::head_id)
    }

    /// Every incident id in the register, in order.
    pub fn ids(&self) -> Result<Vec<IncidentId>> {
        let mut ids = Vec::new();
        for year in self.year_folders()? {
            ids.extend(self.ids_of_year(year)?);
        }
        ids.sort();
        Ok(ids)
    }

    /// Every incident examined (all files, all rules) and summarised, in the order of `ids`:
    /// on all cores, and through the derived cache (`.git/incident-cache.json`), so that an
    /// incident whose files have not changed is not parsed again. `progress` is called once
    /// per incident.
    pub fn examine_all(
        &self,
        ids: &[IncidentId],
        progress: &(dyn Fn() + Sync),
    ) -> Result<Vec<Examined>> {
        Ok(self.examine_all_comparing(ids, progress, false)?.0)
    }

    /// [`Register::examine_all`], and with `compare` also the files that differ from the
    /// journal's last entry (changes not yet recorded). The comparison goes through the
    /// derived cache too: only what can have changed since the last one is hashed and
    /// compared with the last commit (see [`cache::Unrecorded`]); a status scan of the
    /// whole work tree took 3.7 s and above 300 MB at 100,000 incidents.
    fn examine_all_comparing(
        &self,
        ids: &[IncidentId],
        progress: &(dyn Fn() + Sync),
        compare: bool,
    ) -> Result<(Vec<Examined>, Vec<Edited>)> {
        let mut cache = Cache::open(&self.root, &self.settings_text, self.journal.is_some());
        let (root, zone, deadlines) = (&self.root, self.zone, &self.settings.deadlines);
        let allowed = &self.contact_emails();
        let cached = &cache;
        let found = parallel::map(ids, |id| {
            progress();
            if let Some(observed) = cached.observe(root, id)
                && let Some(hit) = cached.get(id, &observed)
            {
                return Ok((hit.clone(), None));
            }
            examine(root, zone, deadlines, allowed, id)
                .map(|(examined, observed)| (examined, Some(observed)))
        });
        let mut all = Vec::with_capacity(ids.len());
        // Folders whose files may have changed since the cache last saw them.
        let mut renewed = Vec::new();
        for (id, result) in ids.iter().zip(found) {
            let (examined, observed) = result?;
            if observed.is_some() {
                renewed.push(id.folder());
            }
            match observed {
                Some(Some(observed)) => cache.put(id, observed, examined.clone()),
                Some(None) => cache.forget(id),
                None => {}
            }
            all.push(examined);
        }
        let present: std::collections::HashSet<String> =
            ids.iter().map(|id| id.to_string()).collect();
        renewed.extend(
            cache
                .ids()
                .into_iter()
                .filter(|id| !present.contains(id))
                .filter_map(|id| id.parse::<IncidentId>().ok())
                .map(|id| id.folder()),
        );
        let edited = match (&self.journal, compare) {
            (Some(journal), true) => {
                let roots = self.roots_to_compare(journal, cache.unrecorded(), &renewed)?;
                let mut edited: Vec<Edited> = journal
                    .edited_in(&roots)?
                    .into_iter()
                    .filter(|edit| !journal.is_ignored(&edit.path))
                    .collect();
                edited.sort_by(|a, b| a.path.cmp(&b.path));
                edited.dedup_by(|a, b| a.path == b.path);
                cache.set_unrecorded(Unrecorded {
                    head: journal
                        .head()
                        .map(|oid| oid.to_string())
                        .unwrap_or_default(),
                    edited: edited.clone(),
                    recheck: Vec::new(),
                });
                edited
            }
            _ => {
                cache.recheck(renewed);
                Vec::new()
            }
        };
        cache.retain(ids);
        cache.save();
        Ok((all, edited))
    }

    /// The paths to compare with the journal's last entry: everything but the incident
    /// folders, always (a few files); and of the incident folders, those renewed in the
    /// cache, those changed by commits since the last comparison, and those it found
    /// edited. Every year folder when there was no comparison (or its commit is gone).
    fn roots_to_compare(
        &self,
        journal: &Journal,
        previous: Option<&Unrecorded>,
        renewed: &[String],
    ) -> Result<Vec<String>> {
        let mut roots = std::collections::BTreeSet::new();
        let names = |folder: &str| -> Result<std::collections::BTreeSet<String>> {
            let mut names: std::collections::BTreeSet<String> =
                journal.committed_names(folder)?.into_iter().collect();
            let full = self.root.join(folder);
            // A linked folder is not listed through; it is a problem of its own.
            if !journal::is_link(&full) {
                names.extend(read_dir_names(&full)?);
            }
            Ok(names)
        };
        for name in names("")? {
            if name != ".git" && name != "incidents" && !journal.is_ignored(&name) {
                roots.insert(name);
            }
        }
        let since = match previous {
            Some(previous) => journal
                .changed_since(&previous.head)?
                .map(|changed| (previous, changed)),
            None => None,
        };
        for year in names("incidents")? {
            let year_folder = format!("incidents/{year}");
            let is_year = year.len() == 4 && year.parse::<i32>().is_ok();
            if !is_year || since.is_none() {
                roots.insert(year_folder);
                continue;
            }
            // Strays in a year folder: anything that is not an incident's folder.
            for name in names(&year_folder)? {
                if name.parse::<IncidentId>().is_err() {
                    roots.insert(format!("{year_folder}/{name}"));
                }
            }
        }
        if let Some((previous, changed)) = since {
            let folder_of = |path: &str| -> String {
                let parts: Vec<&str> = path.splitn(4, '/').collect();
                match parts.as_slice() {
                    ["incidents", year, id, ..] => format!("incidents/{year}/{id}"),
                    _ => path.to_string(),
                }
            };
            roots.extend(renewed.iter().cloned());
            roots.extend(previous.recheck.iter().cloned());
            roots.extend(previous.edited.iter().map(|edit| folder_of(&edit.path)));
            roots.extend(changed.iter().map(|path| folder_of(path)));
        }
        // Never through a link: a path under a linked folder is compared as that folder,
        // which is not followed (it is a problem of the register of its own).
        let roots: std::collections::BTreeSet<String> = roots
            .into_iter()
            .map(|root| {
                let linked = root
                    .match_indices('/')
                    .map(|(end, _)| &root[..end])
                    .find(|ancestor| journal::is_link(&self.root.join(ancestor)))
                    .map(String::from);
                linked.unwrap_or(root)
            })
            .collect();
        Ok(roots.into_iter().collect())
    }

    /// The e-mail addresses of the DPO and the contacts in the settings.
    fn contact_emails(&self) -> Vec<String> {
        self.settings
            .dpo
            .iter()
            .chain(&self.settings.contacts)
            .filter_map(|person| person.email.clone())
            .collect()
    }

    /// Removes the derived cache, so that the next read parses every file.
    pub fn clear_cache(&self) {
        cache::clear(&self.root);
    }

    /// What `incident list` shows of every incident, and the problems of invalid ones.
    pub fn summaries(&self) -> Result<(Vec<Summary>, Vec<FileProblem>)> {
        let ids = self.ids()?;
        let mut summaries = Vec::with_capacity(ids.len());
        let mut problems = Vec::new();
        for examined in self.examine_all(&ids, &|| {})? {
            summaries.extend(examined.summary);
            problems.extend(examined.problems);
        }
        Ok((summaries, problems))
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

    /// The next free id for an incident discovered in `year`.
    pub fn next_id(&self, year: i32) -> Result<IncidentId> {
        let last = self
            .ids_of_year(year)?
            .into_iter()
            .map(|id| id.sequence())
            .max()
            .unwrap_or(0);
        let next = last.checked_add(1).ok_or_else(|| Error::Refused {
            message: format!("the sequence numbers of {year} are used up (the last is {last})"),
        })?;
        Ok(IncidentId::new(year, next))
    }

    /// Parses what a person typed as an id and checks the incident exists; an unknown id
    /// gets the nearest existing ones as suggestions.
    pub fn resolve(&self, text: &str) -> Result<IncidentId> {
        let id: IncidentId = text.trim().parse().map_err(|_| Error::BadId {
            input: text.to_string(),
        })?;
        if self.root.join(id.folder()).is_dir() {
            return Ok(id);
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

    fn incident_texts(&self, id: &IncidentId) -> Result<IncidentTexts> {
        if let Some(problem) = linked_folder(&self.root, id) {
            return Ok((BTreeMap::new(), vec![problem]));
        }
        let names = read_dir_names(&self.root.join(id.folder()))?;
        read_texts(&self.root, id, &names)
    }

    /// Loads one incident, refusing it if any of its files is invalid.
    pub fn load(&self, id: &IncidentId) -> Result<Incident> {
        let (texts, strays) = self.incident_texts(id)?;
        let result = parse_incident(id, &texts, self.zone, &self.settings.deadlines);
        self.loaded.borrow_mut().insert(id.clone(), texts);
        match result {
            Ok(incident) if strays.is_empty() => Ok(incident),
            Ok(_) => Err(Error::invalid(strays)),
            Err(mut problems) => {
                problems.extend(strays);
                Err(Error::invalid(problems))
            }
        }
    }

    /// Loads the incidents that are not closed; a closed case (closure.yaml present) is
    /// passed over without reading its files.
    pub fn load_open(&self) -> Result<(Vec<Incident>, Vec<FileProblem>)> {
        let root = &self.root;
        self.load_each(&self.ids()?, |id| {
            !root.join(incident_file(id, FileKind::Closure)).exists()
        })
    }

    fn load_each(
        &self,
        ids: &[IncidentId],
        wanted: impl Fn(&IncidentId) -> bool + Sync,
    ) -> Result<(Vec<Incident>, Vec<FileProblem>)> {
        self.map_each(ids, wanted, |incident| incident)
    }

    /// `each` of every valid incident for which `wanted` holds, loaded on all cores; only
    /// what `each` returns is kept. The invalid ones come back as problems.
    pub fn map_incidents<R: Send>(
        &self,
        wanted: impl Fn(&IncidentId) -> bool + Sync,
        each: impl Fn(Incident) -> R + Sync,
    ) -> Result<(Vec<R>, Vec<FileProblem>)> {
        self.map_each(&self.ids()?, wanted, each)
    }

    fn map_each<R: Send>(
        &self,
        ids: &[IncidentId],
        wanted: impl Fn(&IncidentId) -> bool + Sync,
        each: impl Fn(Incident) -> R + Sync,
    ) -> Result<(Vec<R>, Vec<FileProblem>)> {
        let (root, zone, deadlines) = (&self.root, self.zone, &self.settings.deadlines);
        // First which incidents are wanted, then only those loaded: a result slot per
        // incident of the register would cost the size of an incident each.
        let wanted: Vec<IncidentId> = ids
            .iter()
            .zip(parallel::map(ids, &wanted))
            .filter(|(_, wanted)| *wanted)
            .map(|(id, _)| id.clone())
            .collect();
        let loaded = parallel::map(&wanted, |id| {
            if let Some(problem) = linked_folder(root, id) {
                return Ok(Err(vec![problem]));
            }
            let (texts, strays) = read_texts(root, id, &read_dir_names(&root.join(id.folder()))?)?;
            Ok(match parse_incident(id, &texts, zone, deadlines) {
                Ok(incident) if strays.is_empty() => Ok(each(incident)),
                Ok(_) => Err(strays),
                Err(mut problems) => {
                    problems.extend(strays);
                    Err(problems)
                }
            })
        });
        let mut incidents = Vec::new();
        let mut problems = Vec::new();
        for result in loaded {
            match result? {
                Ok(incident) => incidents.push(incident),
                Err(found) => problems.extend(found),
            }
        }
        Ok((incidents, problems))
    }

    /// Every problem in the register: settings, every incident file, stray files and folders.
    pub fn check_all(&self) -> Result<Vec<FileProblem>> {
        Ok(self.check_everything(&|| {}, false)?.0)
    }

    /// As [`Register::check_all`], calling `progress` once per incident examined.
    /// Also returns the warnings: valid files that a person should look at, and every file
    /// that differs from the journal's last entry (edited, added or deleted by hand and
    /// not yet recorded), each with what to do; a file that is also a problem is in both.
    pub fn check_all_reporting(
        &self,
        progress: &(dyn Fn() + Sync),
    ) -> Result<(Vec<FileProblem>, Vec<FileProblem>)> {
        self.check_everything(progress, true)
    }

    fn check_everything(
        &self,
        progress: &(dyn Fn() + Sync),
        compare: bool,
    ) -> Result<(Vec<FileProblem>, Vec<FileProblem>)> {
        let mut problems = Vec::new();
        let text = files::read_text(&self.root.join(SETTINGS_FILE))?;
        if let Err(found) = parse_settings(Path::new(SETTINGS_FILE), &text) {
            problems.extend(found);
        }
        let incidents = self.root.join("incidents");
        let mut ids = Vec::new();
        for year_name in read_dir_names(&incidents)? {
            let year_folder = incidents.join(&year_name);
            let year = year_name
                .parse::<i32>()
                .ok()
                .filter(|_| year_name.len() == 4 && year_folder.is_dir());
            let Some(year) = year else {
                problems.push(stray(
                    format!("incidents/{year_name}"),
                    "is not a year folder (incidents/YYYY/YYYY-NNNN/); move it out of the register",
                ));
                continue;
            };
            for name in read_dir_names(&year_folder)? {
                match name.parse::<IncidentId>() {
                    Ok(id) if id.year() == year && year_folder.join(&name).is_dir() => ids.push(id),
                    _ => problems.push(stray(
                        format!("incidents/{year_name}/{name}"),
                        &format!("is not an incident folder of {year_name} (incidents/{year_name}/{year_name}-NNNN/); rename or move it"),
                    )),
                }
            }
        }
        let mut warnings = Vec::new();
        let (examined, edited) = self.examine_all_comparing(&ids, progress, compare)?;
        for examined in examined {
            problems.extend(examined.problems);
            warnings.extend(examined.warnings);
        }
        if let Some(journal) = &self.journal {
            for edit in edited {
                warnings.push(unrecorded_warning(journal, edit)?);
            }
        }
        Ok((problems, warnings))
    }

    fn journal(&self) -> Result<&Journal> {
        self.journal.as_ref().ok_or_else(|| Error::NotJournaled {
            path: self.root.clone(),
        })
    }

    /// The files edited by hand since the last commit, and what they touch: in the whole
    /// register (`None`, a scan of the work tree), or under the given paths only.
    fn hand_edits(&self, scope: Option<&[String]>) -> Result<HandEdits> {
        let journal = self.journal()?;
        let edited = match scope {
            None => journal.edited_paths()?,
            Some(roots) => journal.edited_in(roots)?,
        };
        let mut edits = HandEdits {
            edited,
            ..HandEdits::default()
        };
        for edit in &edits.edited {
            if edit.path == SETTINGS_FILE {
                edits.settings = true;
                if edit.deleted {
                    edits.problems.push(stray(
                        SETTINGS_FILE.into(),
                        "was deleted; restore it with `git checkout -- incident.toml`",
                    ));
                }
            } else if let Some(rest) = edit.path.strip_prefix("incidents/") {
                let id = rest
                    .split('/')
                    .nth(1)
                    .and_then(|name| name.parse::<IncidentId>().ok());
                match id {
                    Some(id) if rest.starts_with(&format!("{:04}/", id.year())) => {
                        if !edits.incidents.contains(&id) {
                            edits.incidents.push(id);
                        }
                    }
                    _ => edits.problems.push(stray(
                        edit.path.clone(),
                        "is not in an incident folder (incidents/YYYY/YYYY-NNNN/); move it out of the register",
                    )),
                }
            }
        }
        if !edits.problems.is_empty() {
            return Ok(edits);
        }
        if edits.settings {
            // New settings (timezone, deadline hours) can make any incident invalid: all are
            // checked under them.
            let path = self.root.join(SETTINGS_FILE);
            let settings = match files::read_utf8(&path, Path::new(SETTINGS_FILE))? {
                Ok(text) => parse_settings(Path::new(SETTINGS_FILE), &text).map(|s| (s, text)),
                Err(problem) => Err(vec![problem]),
            };
            match settings {
                Ok(((settings, zone), text)) => {
                    let under_new = Register {
                        root: self.root.clone(),
                        settings,
                        zone,
                        settings_text: text,
                        journal: None,
                        loaded: Default::default(),
                        held: None,
                    };
                    edits.problems.extend(under_new.check_all()?);
                }
                Err(found) => edits.problems.extend(found),
            }
        } else {
            for id in &edits.incidents {
                match self.load(id) {
                    Err(Error::Invalid { problems, .. }) => edits.problems.extend(problems),
                    Err(other) => return Err(other),
                    Ok(_) => {}
                }
            }
        }
        Ok(edits)
    }

    /// Refuses, before anything is asked or written, when files edited by hand that a
    /// change to `incident` (or a new incident, `None`) would record are invalid.
    pub fn check_hand_edits(&self, incident: Option<&IncidentId>) -> Result<()> {
        if self.journal.is_none() {
            return Ok(());
        }
        let edits = self.hand_edits(Some(&edit_scope(incident.map(IncidentId::folder))))?;
        if edits.problems.is_empty() {
            Ok(())
        } else {
            Err(Error::HandEditsInvalid {
                problems: edits.problems,
            })
        }
    }

    /// Commits the files edited by hand anywhere in the register as their own journal
    /// entry, after validating them; refuses, recording nothing, when any is invalid.
    /// Returns the entry, if there was one.
    pub fn record_hand_edits(
        &mut self,
        stamp: &Stamp,
        reason: Option<&str>,
    ) -> Result<Option<Recorded>> {
        let _lock = self.lock()?;
        self.record_hand_edits_in(stamp, reason, None)
    }

    /// Finishes a change whose commit was made but whose files were not all written (the
    /// process died in between): the journal holds them, so they are written from it. Also
    /// removes temporary files of interrupted writes in the folders of `scope`. Runs under
    /// the register lock, so no other change is writing.
    fn complete_interrupted(&self, scope: Option<&[String]>) -> Result<()> {
        let journal = self.journal()?;
        let edited = match scope {
            None => journal.edited_paths()?,
            Some(roots) => journal.edited_in(roots)?,
        };
        let interrupted = journal.interrupted(&edited)?;
        // Temporary files are left only by a write after a commit: in the change's folder
        // (the scope), or beside a file the write did not finish.
        let mut folders: Vec<String> = scope.unwrap_or_default().to_vec();
        folders.extend(
            interrupted
                .iter()
                .filter_map(|path| path.rsplit_once('/').map(|(folder, _)| folder.to_string())),
        );
        for folder in folders
            .iter()
            .map(|f| self.root.join(f))
            .filter(|f| f.is_dir())
        {
            for name in read_dir_names(&folder)? {
                if journal::is_temporary(&name) {
                    let _ = std::fs::remove_file(folder.join(name));
                }
            }
        }
        let mut changes = Vec::new();
        // A process that died after writing but before updating Git's index leaves paths
        // whose content is the journal's while the index still holds the old: refresh them.
        for edit in &edited {
            if let Some(bytes) = journal.committed_bytes(&edit.path)?
                && std::fs::read(self.root.join(&edit.path)).is_ok_and(|disk| disk == bytes)
            {
                changes.push(Change::Write {
                    path: edit.path.clone(),
                    bytes,
                });
            }
        }
        for path in interrupted {
            let full = self.root.join(&path);
            match journal.committed_bytes(&path)? {
                Some(bytes) => {
                    files::write_atomically(&full, &bytes)?;
                    changes.push(Change::Write { path, bytes });
                }
                None => {
                    std::fs::remove_file(&full).map_err(|source| Error::Io {
                        action: "remove",
                        path: full.clone(),
                        source,
                    })?;
                    changes.push(Change::Delete { path });
                }
            }
        }
        if !changes.is_empty() {
            journal.update_index(&changes)?;
        }
        Ok(())
    }

    /// Finishes an interrupted change of `id` (see [`Register::complete_interrupted`]);
    /// to be called under the register lock.
    pub fn finish_interrupted(&self, id: &IncidentId) -> Result<()> {
        // A linked folder is never written through; loading the incident refuses it.
        if self.journal.is_none() || linked_folder(&self.root, id).is_some() {
            return Ok(());
        }
        self.complete_interrupted(Some(&edit_scope(Some(id.folder()))))
    }

    /// What an interrupted command or git left behind: lock files that block every later
    /// write, and changes committed whose files were not all written; each with what to do.
    pub fn leftover_state(&self) -> Result<Vec<FileProblem>> {
        let Some(journal) = &self.journal else {
            return Ok(Vec::new());
        };
        let mut problems: Vec<FileProblem> = journal
            .leftover_locks()
            .into_iter()
            .map(|path| {
                stray(
                    path,
                    "is left by a git or incident command that did not finish; it blocks every change: if no git command is running, delete it",
                )
            })
            .collect();
        let edited = journal.recently_changed_and_edited()?;
        for path in journal.interrupted(&edited)? {
            problems.push(stray(
                path,
                "is as before the journal's last entry, which changed it: that change was interrupted before its files were written; `incident record` (or the next change to the incident) writes them from the journal",
            ));
        }
        Ok(problems)
    }

    /// Takes the register lock for one change (see [`super::lock`]); `None` when this
    /// register already holds it.
    fn lock(&self) -> Result<Option<RegisterLock>> {
        self.journal()?;
        if self.held.is_some() {
            return Ok(None);
        }
        lock::acquire(&self.root, lock::configured_wait()).map(Some)
    }

    /// Takes the register lock now and holds it until the register is dropped: for a
    /// command that reads, then changes, without prompting in between.
    pub fn hold_lock(&mut self) -> Result<()> {
        if self.held.is_none() {
            self.held = self.lock()?;
        }
        Ok(())
    }

    /// As [`Register::record_hand_edits`], for the edits under `scope` only (`None`: all).
    fn record_hand_edits_in(
        &mut self,
        stamp: &Stamp,
        reason: Option<&str>,
        scope: Option<&[String]>,
    ) -> Result<Option<Recorded>> {
        self.complete_interrupted(scope)?;
        let edits = self.hand_edits(scope)?;
        if edits.edited.is_empty() {
            return Ok(None);
        }
        if !edits.problems.is_empty() {
            return Err(Error::HandEditsInvalid {
                problems: edits.problems,
            });
        }
        let mut changes = Vec::new();
        for edit in &edits.edited {
            let path = self.root.join(&edit.path);
            if edit.deleted || !path.exists() {
                changes.push(Change::Delete {
                    path: edit.path.clone(),
                });
            } else {
                let bytes = std::fs::read(&path).map_err(|source| Error::Io {
                    action: "read",
                    path: path.clone(),
                    source,
                })?;
                changes.push(Change::Write {
                    path: edit.path.clone(),
                    bytes,
                });
            }
        }
        let names: Vec<String> = edits
            .edited
            .iter()
            .map(|e| e.path.rsplit('/').next().unwrap_or(&e.path).to_string())
            .collect();
        let subject = match edits.incidents.as_slice() {
            [id] if !edits.settings => format!("{id}: edited by hand ({})", names.join(", ")),
            _ => format!("register: edited by hand ({} file(s))", edits.edited.len()),
        };
        let mut trailers: Vec<(String, String)> = edits
            .incidents
            .iter()
            .map(|id| ("Incident".to_string(), id.to_string()))
            .collect();
        trailers.push(("Change".into(), "edited by hand".into()));
        let mut body = edits
            .edited
            .iter()
            .map(|e| {
                format!(
                    "{} {}",
                    if e.deleted { "removed" } else { "edited" },
                    e.path
                )
            })
            .collect::<Vec<_>>()
            .join("\n");
        if let Some(reason) = reason.map(str::trim).filter(|r| !r.is_empty()) {
            body = format!("{reason}\n\n{body}");
        }
        let message = Message {
            subject: subject.clone(),
            body: Some(body),
            trailers,
        };
        // The files are on disk already; the commit records them as they are.
        let journal = self.journal()?;
        let commit = journal.commit(&changes, &message, &stamp.author, stamp.when)?;
        journal.update_index(&changes)?;
        if edits.settings {
            let reopened = Register::open(&self.root)?;
            self.settings = reopened.settings;
            self.zone = reopened.zone;
        }
        Ok(Some(Recorded { commit, subject }))
    }

    /// Records a change to one incident's files: `updates` gives each changed file's new
    /// text, or `None` to remove it. The incident as it will be is validated first (all its
    /// files, all rules); nothing is written when it is invalid.
    pub fn record_incident(
        &mut self,
        id: &IncidentId,
        updates: Vec<(FileKind, Option<String>)>,
        message: Message,
        stamp: &Stamp,
    ) -> Result<(Option<Recorded>, Recorded)> {
        let _lock = self.lock()?;
        // Written before the texts are compared with those loaded: if the change was
        // computed from files an interrupted change had not yet written, it is refused
        // below as concurrent instead of undoing that change.
        self.finish_interrupted(id)?;
        let (mut texts, strays) = self.incident_texts(id)?;
        if !strays.is_empty() {
            return Err(Error::invalid(strays));
        }
        // The change was computed from the incident as loaded (or, for a new incident,
        // from its absence): if another command changed it meanwhile, recording this one
        // would undo that.
        match self.loaded.borrow().get(id) {
            Some(before) if *before != texts => {
                return Err(Error::Concurrent {
                    message: format!("{id} was changed by another command"),
                });
            }
            None if !texts.is_empty() => {
                return Err(Error::Concurrent {
                    message: format!("{id} was created by another command"),
                });
            }
            _ => {}
        }
        for (kind, text) in &updates {
            match text {
                Some(text) => texts.insert(*kind, text.clone()),
                None => texts.remove(kind),
            };
        }
        parse_incident(id, &texts, self.zone, &self.settings.deadlines).map_err(Error::invalid)?;
        let changes = updates
            .into_iter()
            .map(|(kind, text)| {
                let path = incident_file(id, kind);
                match text {
                    Some(text) => Change::Write {
                        path,
                        bytes: text.into_bytes(),
                    },
                    None => Change::Delete { path },
                }
            })
            .collect();
        self.record_changes(changes, message, stamp)
    }

    fn record_changes(
        &mut self,
        changes: Vec<Change>,
        message: Message,
        stamp: &Stamp,
    ) -> Result<(Option<Recorded>, Recorded)> {
        // Edits by hand are looked for where this change writes (the incident's folder)
        // and in the settings, which every incident depends on: a change costs the same
        // whatever the register's size. Edits elsewhere wait for a change there or for
        // `incident record`.
        let mut folders: Vec<String> = changes
            .iter()
            .map(|c| incident_folder_of(c.path()))
            .collect();
        folders.sort();
        folders.dedup();
        let mut scope = edit_scope(None);
        scope.extend(folders.into_iter().filter(|f| f != SETTINGS_FILE));
        let hand_edits = self.record_hand_edits_in(stamp, None, Some(&scope))?;
        // Commit from the bytes first: if the commit fails, nothing has been written. Then
        // the files are written atomically and the index follows.
        let journal = self.journal()?;
        let commit = journal.commit(&changes, &message, &stamp.author, stamp.when)?;
        for change in &changes {
            match change {
                Change::Write { path, bytes } => {
                    files::write_atomically(&self.root.join(path), bytes)?
                }
                Change::Delete { path } => {
                    let full = self.root.join(path);
                    std::fs::remove_file(&full).map_err(|source| Error::Io {
                        action: "remove",
                        path: full,
                        source,
                    })?;
                }
            }
        }
        journal.update_index(&changes)?;
        Ok((
            hand_edits,
            Recorded {
                commit,
                subject: message.subject,
            },
        ))
    }

    /// The journal of one incident, oldest first.
    pub fn history(&self, id: &IncidentId) -> Result<Vec<HistoryEntry>> {
        self.journal()?.history(&id.folder(), &id.to_string())
    }

    /// Files of one incident edited by hand and not yet recorded.
    pub fn unrecorded_edits(&self, id: &IncidentId) -> Result<Vec<String>> {
        Ok(self
            .journal()?
            .edited_in(&[id.folder()])?
            .into_iter()
            .map(|edit| edit.path)
            .collect())
    }
}

/// What changed by hand since the last commit, and the problems found in it.
#[derive(Default)]
struct HandEdits {
    edited: Vec<super::journal::Edited>,
    incidents: Vec<IncidentId>,
    settings: bool,
    problems: Vec<FileProblem>,
}

/// The paths where a change looks for edits by hand: the settings, and the incident's
/// folder when there is one.
fn edit_scope(folder: Option<String>) -> Vec<String> {
    let mut scope = vec![SETTINGS_FILE.to_string()];
    scope.extend(folder);
    scope
}

/// The incident folder (`incidents/YYYY/ID`) a path lies in, or the path itself.
fn incident_folder_of(path: &str) -> String {
    let parts: Vec<&str> = path.splitn(4, '/').collect();
    match parts.as_slice() {
        ["incidents", year, id, _] => format!("incidents/{year}/{id}"),
        _ => path.to_string(),
    }
}

fn stray(file: String, message: &str) -> FileProblem {
    FileProblem {
        file: PathBuf::from(file),
        line: None,
        column: None,
        field: None,
        message: message.to_string(),
    }
}

/// A file that differs from the journal's last entry, as a warning with what to do.
fn unrecorded_warning(journal: &Journal, edit: Edited) -> Result<FileProblem> {
    let path = &edit.path;
    let message = if edit.deleted {
        format!(
            "is deleted, and the deletion is not in the journal: `incident record -m WHY` records it; `git checkout -- {path}` restores the file"
        )
    } else if !journal.is_committed(path)? {
        "is new, and not in the journal: `incident record -m WHY` records it; deleting the file drops it".to_string()
    } else {
        format!(
            "differs from the journal's last entry (changed by hand, not yet recorded): `incident record -m WHY` records it; `git checkout -- {path}` undoes the change"
        )
    };
    Ok(stray(edit.path, &message))
}
