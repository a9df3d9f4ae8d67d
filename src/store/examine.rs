//! The examination of the whole register: every incident checked (all files, all rules)
//! and summarised, on all cores and through the derived cache; the files that differ from
//! the journal; and what `validate` and `list` report of them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono_tz::Tz;

use super::cache::{self, Cache, DeletedFolders, Examined, Observed, Unrecorded};
use super::files::{self, FileKind};
use super::journal::{self, Deletion, Edited, Journal};
use super::layout::{
    SETTINGS_FILE, incident_file, linked_folder, not_a_year_folder, not_an_incident_folder,
    read_dir_names, stray,
};
use super::load::{parse_incident, parse_settings, read_texts, with_strays};
use super::parallel;
use super::register::Register;
use crate::domain::incident::{Incident, Summary};
use crate::domain::model::Settings;
use crate::domain::obligations::law_still_owed;
use crate::domain::privacy::{self, FindingKind};
use crate::domain::stats::tally;
use crate::domain::terminal::{for_terminal, unsafe_characters};
use crate::domain::{Bilingual, IncidentId};
use crate::error::{Error, FileProblem, Result};

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
    // The reporter and the persons they named are the contacts of the report's handling;
    // `reported_by` is not part of the IMY notification.
    if let Some(reporter) = &incident.report.reported_by {
        allowed.extend(reporter.email.clone());
        allowed.extend(reporter.contacts.iter().filter_map(|p| p.email.clone()));
    }
    let mut warnings = Vec::new();
    for kind in [FileKind::Report, FileKind::Actions, FileKind::Notification] {
        let Some(text) = texts.get(&kind) else {
            continue;
        };
        for finding in privacy::find(text, &allowed) {
            let (what_sv, what_en) = match finding.kind {
                FindingKind::PersonalIdentityNumber => (
                    "något som liknar ett personnummer",
                    "what looks like a Swedish personal identity number",
                ),
                FindingKind::EmailAddress => (
                    "e-postadressen, som inte är en listad kontakts,",
                    "the e-mail address, not of a listed contact,",
                ),
            };
            let text = &finding.text;
            warnings.push(FileProblem {
                file: PathBuf::from(incident_file(id, kind)),
                line: Some(finding.line as u64),
                column: None,
                field: None,
                message: Bilingual::new(
                    format!(
                        "innehåller {what_sv} {text}: en anmälan till IMY blir en allmän handling (tryckfrihetsförordningen 2 kap.); beskriv personen i stället"
                    ),
                    format!(
                        "holds {what_en} {text}: a notification to IMY becomes a public record (Tryckfrihetsförordningen 2 kap.); describe the person instead"
                    ),
                ),
            });
        }
        // Pasted into IMY's e-service, a control character or a direction override
        // garbles the text or shows it in another order than it reads here.
        for (line, character) in unsafe_characters(text) {
            warnings.push(FileProblem {
                file: PathBuf::from(incident_file(id, kind)),
                line: Some(line as u64),
                column: None,
                field: None,
                message: {
                    let character = character.to_string();
                    let shown = for_terminal(&character);
                    Bilingual::new(
                        format!(
                            "innehåller det osynliga styrtecknet {shown}: text till IMY ska vara vanlig text; ta bort det"
                        ),
                        format!(
                            "holds the invisible control character {shown}: text bound for IMY should be plain; remove it"
                        ),
                    )
                },
            });
        }
    }
    warnings
}

/// Examines one incident (every file, every rule) and observes its files' metadata first,
/// for the cache; the metadata is `None` when the folder holds other files too.
pub(super) fn examine(
    root: &Path,
    zone: Tz,
    settings: &Settings,
    allowed: &[String],
    id: &IncidentId,
) -> Result<(Examined, Option<Observed>)> {
    if let Some(problem) = linked_folder(root, id) {
        let examined = Examined {
            problems: vec![problem],
            summary: None,
            warnings: Vec::new(),
            owes_law: true,
            tally: None,
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
    let mut examined = match parse_incident(id, &texts, zone, settings) {
        Ok(incident) if strays.is_empty() => Examined {
            problems: Vec::new(),
            summary: Some(Summary::of(&incident)),
            warnings: privacy_warnings(id, &texts, &incident, allowed),
            owes_law: law_still_owed(&incident, settings, zone),
            tally: Some(tally(&incident, settings, zone)),
        },
        Ok(_) => Examined {
            problems: strays,
            summary: None,
            warnings: Vec::new(),
            owes_law: true,
            tally: None,
        },
        Err(problems) => Examined {
            problems: with_strays(problems, strays),
            summary: None,
            warnings: Vec::new(),
            owes_law: true,
            tally: None,
        },
    };
    for name in names.iter().filter(|name| journal::is_temporary(name)) {
        examined.problems.push(stray(
            format!("{}/{name}", id.folder()),
            Bilingual::new(
                "är en tillfällig fil som en avbruten skrivning lämnade; nästa ändring av incidenten tar bort den, eller ta bort den själv",
                "is a temporary file left by a write that was interrupted; the next change to this incident removes it, or delete it",
            ),
        ));
    }
    Ok((examined, observed))
}

/// Incidents examined on all cores before their results go to the cache.
pub(super) const EXAMINED_AT_ONCE: usize = 4096;

/// What the comparison with the journal found, beside the examination of every incident.
struct Comparison {
    /// Files that differ from the journal's last entry (with `compare`).
    edited: Vec<Edited>,
    /// Incident folders that commits deleted (with `compare`).
    deleted: Vec<(IncidentId, Deletion)>,
}

/// One incident as `list` shows it: what it holds, or why it cannot be read.
#[derive(Debug, Clone, PartialEq)]
pub enum Listed {
    Valid(Summary),
    Invalid {
        id: IncidentId,
        problems: Vec<FileProblem>,
    },
}

impl Register {
    /// Every incident examined (all files, all rules) and summarised, in the order of `ids`:
    /// on all cores, and through the derived cache (`.git/incident-cache.json`), so that an
    /// incident whose files have not changed is not parsed again. `progress` is called once
    /// per incident.
    pub fn examine_all(
        &self,
        ids: &[IncidentId],
        progress: &(dyn Fn() + Sync),
    ) -> Result<Vec<Examined>> {
        let mut all = Vec::with_capacity(ids.len());
        // Without the tallies `stats` keeps in the cache: a copy of each would hold them
        // all at once (at 100,000 incidents, 262 MB for a warm `list` instead of 197 MB).
        self.examine_all_comparing(ids, progress, false, &mut |examined| {
            all.push(examined.untallied());
        })?;
        Ok(all)
    }

    /// [`Register::examine_all`], each incident's result handed to `visit` in the order of
    /// `ids` rather than kept; and with `compare` also the files that differ from the
    /// journal's last entry (changes not yet recorded). The comparison goes through the
    /// derived cache too: only what can have changed since the last one is hashed and
    /// compared with the last commit (see [`cache::Unrecorded`]); a status scan of the
    /// whole work tree took 3.7 s and above 300 MB at 100,000 incidents.
    fn examine_all_comparing(
        &self,
        ids: &[IncidentId],
        progress: &(dyn Fn() + Sync),
        compare: bool,
        visit: &mut dyn FnMut(&Examined),
    ) -> Result<Comparison> {
        let mut cache = Cache::open(&self.root, &self.settings_text, self.journal.is_some());
        cache.reserve(ids.len());
        let (root, zone, settings) = (&self.root, self.zone, &self.settings);
        let allowed = &self.contact_emails();
        // Folders whose files may have changed since the cache last saw them.
        let mut renewed = Vec::new();
        // A chunk at a time, so that only one chunk's results wait for the cache: all of
        // them at once were about 40 MB at 100,000 incidents, held twice while gathered.
        for chunk in ids.chunks(EXAMINED_AT_ONCE) {
            let cached = &cache;
            let found = parallel::map(chunk, |id| {
                progress();
                if let Some(observed) = cached.observe(root, id)
                    && cached.get(id, &observed).is_some()
                {
                    return Ok(None);
                }
                examine(root, zone, settings, allowed, id).map(Some)
            });
            for (id, result) in chunk.iter().zip(found) {
                match result? {
                    // Unchanged: what the cache holds is read where it is, not copied.
                    None => {
                        if let Some(hit) = cache.examined(id) {
                            visit(hit);
                        }
                    }
                    Some((examined, observed)) => {
                        renewed.push(id.folder());
                        visit(&examined);
                        match observed {
                            Some(observed) => cache.put(id, observed, examined),
                            None => cache.forget(id),
                        }
                    }
                }
            }
        }
        let present: std::collections::HashSet<String> =
            ids.iter().map(ToString::to_string).collect();
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
        let deleted = match (&self.journal, compare) {
            (Some(journal), true) => Self::deleted_folders(journal, &mut cache)?,
            _ => Vec::new(),
        };
        cache.retain(ids);
        cache.save();
        Ok(Comparison { edited, deleted })
    }

    /// The incident folders commits have deleted: those the cache knows, and those of the
    /// commits since it last looked (every commit the first time, or when the history it
    /// knew was rewritten).
    fn deleted_folders(
        journal: &Journal,
        cache: &mut Cache,
    ) -> Result<Vec<(IncidentId, Deletion)>> {
        let head = journal.head_id().unwrap_or_default();
        let known = cache.deleted().cloned();
        let (mut found, since) = match &known {
            Some(known) => (known.found.clone(), Some(known.head.as_str())),
            None => (Vec::new(), None),
        };
        match journal.deleted_since(since)? {
            Some(new) => found.extend(new),
            None => found = journal.deleted_since(None)?.unwrap_or_default(),
        }
        found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.seconds.cmp(&a.1.seconds)));
        found.dedup_by(|a, b| a.0 == b.0);
        cache.set_deleted(DeletedFolders {
            head,
            found: found.clone(),
        });
        Ok(found)
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
    pub(super) fn contact_emails(&self) -> Vec<String> {
        self.settings
            .dpo
            .iter()
            .chain(&self.settings.contacts)
            .filter_map(|person| person.email.clone())
            .collect()
    }

    /// Removes the derived caches (`list`'s and `deadlines`'), so that the next read
    /// parses every file.
    pub fn clear_cache(&self) {
        cache::clear(&self.root);
        super::due_cache::clear(&self.root);
    }

    /// The settings checked against their schema again, whatever an earlier run found
    /// (`validate --no-cache`): the problems, none when they are valid.
    pub fn settings_checked_again(&self) -> Vec<FileProblem> {
        super::load::parse_settings(Path::new(super::layout::SETTINGS_FILE), &self.settings_text)
            .err()
            .unwrap_or_default()
    }

    /// What `incident list` shows of every incident, and the problems of invalid ones.
    pub fn summaries(&self) -> Result<Vec<Listed>> {
        if let Some(at) = &self.at {
            return self.summaries_at(at);
        }
        let ids = self.ids()?;
        let examined = self.examine_all(&ids, &|| {})?;
        Ok(ids
            .into_iter()
            .zip(examined)
            .map(|(id, examined)| match examined.summary {
                Some(summary) if examined.problems.is_empty() => Listed::Valid(summary),
                _ => Listed::Invalid {
                    id,
                    problems: examined.problems,
                },
            })
            .collect())
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
                problems.push(not_a_year_folder(&year_name));
                continue;
            };
            for name in read_dir_names(&year_folder)? {
                match name.parse::<IncidentId>() {
                    Ok(id) if id.year() == year && year_folder.join(&name).is_dir() => ids.push(id),
                    _ => problems.push(not_an_incident_folder(&year_name, &name)),
                }
            }
        }
        let mut warnings = Vec::new();
        let comparison = self.examine_all_comparing(&ids, progress, compare, &mut |examined| {
            problems.extend(examined.problems.iter().cloned());
            warnings.extend(examined.warnings.iter().cloned());
        })?;
        if let Some(journal) = &self.journal {
            for edit in comparison.edited {
                if super::layout::is_evidence(&edit.path) {
                    problems.push(super::layout::evidence_edited(edit.path));
                } else {
                    warnings.push(unrecorded_warning(journal, edit)?);
                }
            }
        }
        for (id, deletion) in comparison.deleted {
            if !ids.contains(&id) {
                warnings.push(self.deletion_warning(&id, &deletion));
            }
        }
        Ok((problems, warnings))
    }

    /// An incident a commit deleted, with who and when, and what restores it.
    fn deletion_warning(&self, id: &IncidentId, deletion: &Deletion) -> FileProblem {
        let when = chrono::DateTime::from_timestamp(deletion.seconds, 0)
            .map(|at| {
                at.with_timezone(&self.zone)
                    .format("%Y-%m-%d %H:%M")
                    .to_string()
            })
            .unwrap_or_default();
        let short = deletion.commit.get(..7).unwrap_or(&deletion.commit);
        stray(
            id.folder(),
            Bilingual::new(
                format!(
                    "togs bort ur registret av commit {short} ({}, {when}); journalen behåller den (`incident history {id}`) och dess id ges inte ut igen; `git checkout {short}~ -- {}` återställer den",
                    deletion.author,
                    id.folder()
                ),
                format!(
                    "was deleted from the register by commit {short} ({}, {when}); the journal keeps it (`incident history {id}`) and its id is not given again; `git checkout {short}~ -- {}` restores it",
                    deletion.author,
                    id.folder()
                ),
            ),
        )
    }
}

/// A file that differs from the journal's last entry, as a warning with what to do.
fn unrecorded_warning(journal: &Journal, edit: Edited) -> Result<FileProblem> {
    let path = &edit.path;
    let message = if edit.deleted {
        Bilingual::new(
            format!(
                "är borttagen, och borttagningen finns inte i journalen: `incident record -m VARFÖR` registrerar den; `git checkout -- {path}` återställer filen"
            ),
            format!(
                "is deleted, and the deletion is not in the journal: `incident record -m WHY` records it; `git checkout -- {path}` restores the file"
            ),
        )
    } else if !journal.is_committed(path)? {
        Bilingual::new(
            "är ny, och finns inte i journalen: `incident record -m VARFÖR` registrerar den; att ta bort filen kastar den",
            "is new, and not in the journal: `incident record -m WHY` records it; deleting the file drops it",
        )
    } else {
        Bilingual::new(
            format!(
                "skiljer sig från journalens senaste post (ändrad för hand, inte registrerad än): `incident record -m VARFÖR` registrerar den; `git checkout -- {path}` ångrar ändringen"
            ),
            format!(
                "differs from the journal's last entry (changed by hand, not yet recorded): `incident record -m WHY` records it; `git checkout -- {path}` undoes the change"
            ),
        )
    };
    Ok(stray(edit.path, message))
}
