//! Loading: parsing the settings and an incident's files (typed parse, JSON Schema, then
//! the domain rules), with every problem located by file, line and field; loading one
//! incident, or many on all cores.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono_tz::Tz;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::files::{self, FileKind};
use super::layout::{incident_file, linked_folder, not_an_incident_file, read_dir_names};
use super::locate::line_of_pointer;
use super::parallel;
use super::register::Register;
use crate::domain::incident::Incident;
use crate::domain::model::Settings;
use crate::domain::model::closure::AtClose;
use crate::domain::rules::{self, Problem};
use crate::domain::{Bilingual, IncidentId};
use crate::error::{Error, FileProblem, Result};

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
    parse_settings_checked_before(display_path, text, false)
}

/// [`parse_settings`], without the schema's check when this binary found this very text
/// valid before (see [`files::parse_checked_before`]); the rules are checked all the same.
pub fn parse_settings_checked_before(
    display_path: &Path,
    text: &str,
    checked_before: bool,
) -> Result<(Settings, Tz), Vec<FileProblem>> {
    let settings: Settings =
        files::parse_checked_before(FileKind::Settings, display_path, text, checked_before)?;
    let in_file = |p: Problem| FileProblem {
        file: display_path.to_path_buf(),
        line: None,
        column: None,
        field: Some(p.field),
        message: p.message,
    };
    let problems = rules::check_settings(&settings);
    if !problems.is_empty() {
        return Err(problems.into_iter().map(in_file).collect());
    }
    // check_settings has parsed the timezone already; this cannot fail after it.
    let zone = rules::parse_timezone(&settings.register.timezone).map_err(|p| vec![in_file(p)])?;
    Ok((settings, zone))
}

/// Parses and checks the files of one incident, given as name → text.
pub fn parse_incident(
    id: &IncidentId,
    texts: &BTreeMap<FileKind, String>,
    zone: Tz,
    settings: &Settings,
) -> Result<Incident, Vec<FileProblem>> {
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
    let mut problems = Vec::new();
    let path = |kind: FileKind| PathBuf::from(incident_file(id, kind));
    let report_path = path(FileKind::Report);
    if !texts.contains_key(&FileKind::Report) {
        problems.push(FileProblem {
            file: report_path.clone(),
            line: None,
            column: None,
            field: None,
            message: missing_report(),
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
        |a| rules::check_assessment(a, report.as_ref()),
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
    // The notification's rules that read the report too.
    let mut across = rules::check_late_notification(&incident, zone);
    across.extend(rules::check_notices_after_discovery(&incident, zone));
    if !across.is_empty() {
        let path = path(FileKind::Notification);
        let text = texts
            .get(&FileKind::Notification)
            .map_or("", String::as_str);
        return Err(rule_problems(&path, text, across));
    }
    let claim = rules::check_closure_claim(&incident, settings, zone);
    if !claim.is_empty() {
        let path = path(FileKind::Closure);
        let text = texts.get(&FileKind::Closure).map_or("", String::as_str);
        return Err(rule_problems(&path, text, claim));
    }
    Ok(incident)
}

/// The texts of an incident's files, and its stray files as problems.
pub(super) type IncidentTexts = (BTreeMap<FileKind, String>, Vec<FileProblem>);

/// Reads the files `names` of incident `id`'s folder.
pub(super) fn read_texts(root: &Path, id: &IncidentId, names: &[String]) -> Result<IncidentTexts> {
    let folder = root.join(id.folder());
    let mut texts = (BTreeMap::new(), Vec::new());
    for name in names {
        if name == super::layout::EVIDENCE_FOLDER && folder.join(name).is_dir() {
            continue;
        }
        sort_file(id, name, &mut texts, |display| {
            files::read_utf8(&folder.join(name), display)
        })?;
    }
    Ok(texts)
}

/// Sorts file `name` of incident `id` into its texts, read by `read` (given the path to
/// show), or into its strays: a file that is not an incident file, or cannot be read as
/// text. Hidden files are passed over.
pub(super) fn sort_file(
    id: &IncidentId,
    name: &str,
    (texts, strays): &mut IncidentTexts,
    read: impl FnOnce(&Path) -> Result<Result<String, FileProblem>>,
) -> Result<()> {
    let display = PathBuf::from(format!("{}/{name}", id.folder()));
    match FileKind::from_file_name(name).filter(|kind| *kind != FileKind::Settings) {
        Some(kind) => match read(&display)? {
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
            message: not_an_incident_file(),
        }),
    }
    Ok(())
}

/// The texts of incident `id`'s files as they are on disk, and its stray files; nothing is
/// read through a linked folder.
pub(super) fn texts_of(root: &Path, id: &IncidentId) -> Result<IncidentTexts> {
    if let Some(problem) = linked_folder(root, id) {
        return Ok((BTreeMap::new(), vec![problem]));
    }
    let names = read_dir_names(&root.join(id.folder()))?;
    read_texts(root, id, &names)
}

/// The incident of `texts`, or every problem of them and of the stray files.
pub(super) fn incident_of(
    id: &IncidentId,
    texts: &BTreeMap<FileKind, String>,
    strays: Vec<FileProblem>,
    zone: Tz,
    settings: &Settings,
) -> Result<Incident> {
    match parse_incident(id, texts, zone, settings) {
        Ok(incident) if strays.is_empty() => Ok(incident),
        Ok(_) => Err(Error::invalid(strays)),
        Err(problems) => Err(Error::invalid(with_strays(problems, strays))),
    }
}

/// What a report that is not there is told: restoring it from the journal loses nothing.
fn missing_report() -> Bilingual {
    Bilingual::new(
        "saknas; varje incidentmapp har en report.yaml (återställ den från journalen med `git checkout -- <fil>`)",
        "is missing; every incident folder holds a report.yaml (restore it from the journal with `git checkout -- <file>`)",
    )
}

/// The problems of an incident's files and of its stray files. A report that is there
/// but cannot be read (too large, not UTF-8, a link) is told as such, never also as
/// missing: the advice to restore it from the journal would throw the person's edit away.
pub(super) fn with_strays(
    mut problems: Vec<FileProblem>,
    strays: Vec<FileProblem>,
) -> Vec<FileProblem> {
    problems.retain(|problem| {
        problem.message != missing_report()
            || !strays.iter().any(|stray| stray.file == problem.file)
    });
    problems.extend(strays);
    problems
}

/// How an incident stands towards its closing, as far as `deadlines` needs to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Closing {
    Open,
    /// Closed by `incident close` with every duty of the law met.
    AllMet,
    /// Closed by `incident close` with a duty of the law waived: listed as waived.
    Waived,
    /// Closed otherwise: by hand, or by an older version.
    Unsettled,
}

/// How much of a closure.yaml `deadlines` reads: the tool writes the line it looks for
/// near the top, after the closing's time and who closed it.
pub(super) const HEAD: usize = 1024;

/// The first [`HEAD`] bytes of a file, or all of a shorter one, by one read: `deadlines`
/// reads one closure.yaml per closed case. A read the kernel cuts short only hides the
/// line, and then the case is looked at: the safe side.
fn read_head(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut head = vec![0; HEAD];
    let read = std::fs::File::open(path)?.read(&mut head)?;
    head.truncate(read);
    Ok(head)
}

/// What a closure.yaml's beginning says of the law's duties at the closing, by the line the
/// tool writes (`legal_obligations_at_close: met` or `waived`). Only the tool's own
/// spelling on a whole line counts: any other text makes the incident be looked at, the
/// safe side.
pub(super) fn closed_as(head: &[u8]) -> Option<AtClose> {
    let mut lines: Vec<&[u8]> = head.split(|byte| *byte == b'\n').collect();
    if head.len() == HEAD {
        // The last line may be cut off.
        lines.pop();
    }
    lines
        .into_iter()
        .find_map(|line| match line.trim_ascii_end() {
            b"legal_obligations_at_close: met" => Some(AtClose::Met),
            b"legal_obligations_at_close: waived" => Some(AtClose::Waived),
            _ => None,
        })
}

/// Whether another file of incident `id` was written after its `closure` file (or cannot
/// be compared): then the closure's line no longer speaks for the files.
fn changed_after(root: &Path, id: &IncidentId, closure: &Path) -> bool {
    let modified = |path: &Path| std::fs::metadata(path).and_then(|m| m.modified());
    let Ok(closed) = modified(closure) else {
        return true;
    };
    [
        FileKind::Report,
        FileKind::Assessment,
        FileKind::Actions,
        FileKind::Notification,
    ]
    .into_iter()
    .any(|kind| match modified(&root.join(incident_file(id, kind))) {
        Ok(at) => at > closed,
        Err(error) => error.kind() != std::io::ErrorKind::NotFound,
    })
}

/// How incident `id` stands towards its closing, by the beginning of its closure.yaml.
pub(super) fn closing_of(root: &Path, id: &IncidentId) -> Closing {
    let closure = root.join(incident_file(id, FileKind::Closure));
    match read_head(&closure) {
        // The claim holds for the files as they were at the closing: one changed since (an
        // edit by hand, committed or not) sends the case through a full check, so
        // `deadlines` is never blind to it.
        Ok(head) => match closed_as(&head) {
            Some(AtClose::Met) if changed_after(root, id, &closure) => Closing::Unsettled,
            Some(AtClose::Met) => Closing::AllMet,
            Some(AtClose::Waived) => Closing::Waived,
            None => Closing::Unsettled,
        },
        // Not closed; or unreadable, and then its problem is reported by the load.
        Err(_) => Closing::Open,
    }
}

impl Register {
    /// Loads one incident, refusing it if any of its files is invalid.
    pub fn load(&self, id: &IncidentId) -> Result<Incident> {
        if let Some(at) = &self.at {
            return match self.incident_at(id, &at.commit)? {
                Some(incident) => Ok(incident),
                // Not there then: told as an unknown id, with the ids near it then.
                None => Err(self.require(id).err().unwrap_or(Error::UnknownIncident {
                    id: id.to_string(),
                    suggestions: Vec::new(),
                })),
            };
        }
        let (texts, strays) = texts_of(&self.root, id)?;
        incident_of(id, &texts, strays, self.zone, &self.settings)
    }

    /// Loads the incidents that can have an obligation open or waived: those not closed,
    /// and the closed ones with a duty of the law open or waived. A case that `incident
    /// close` closed with every duty met (its closure.yaml says so) is passed over after
    /// reading that file as text; one it closed with a waiver is loaded. The other closed
    /// cases (closed by hand, or by an older version) are loaded and looked at. In a
    /// journaled register all of this goes through the derived cache of `deadlines` (see
    /// `due.rs`).
    pub fn load_unsettled(&self) -> Result<(Vec<Incident>, Vec<FileProblem>)> {
        if let Some(at) = &self.at {
            return self.unsettled_at(at);
        }
        if let Some(journal) = &self.journal {
            return self.unsettled_through_cache(journal);
        }
        let root = &self.root;
        let ids = self.ids()?;
        let closings = parallel::map(&ids, |id| closing_of(root, id));
        // Without Git there is no cache: each unsettled case is loaded and looked at.
        let wanted: Vec<IncidentId> = ids
            .iter()
            .zip(&closings)
            .filter(|(_, closing)| **closing != Closing::AllMet)
            .map(|(id, _)| id.clone())
            .collect();
        self.map_each(&wanted, |_| true, |incident| incident)
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
        let (root, zone, settings) = (&self.root, self.zone, &self.settings);
        // First which incidents are wanted, then only those loaded: a result slot per
        // incident of the register would cost the size of an incident each.
        let wanted: Vec<IncidentId> = ids
            .iter()
            .zip(parallel::map(ids, &wanted))
            .filter(|(_, wanted)| *wanted)
            .map(|(id, _)| id.clone())
            .collect();
        let loaded = parallel::map(&wanted, |id| {
            let (texts, strays) = texts_of(root, id)?;
            match incident_of(id, &texts, strays, zone, settings) {
                Ok(incident) => Ok(Ok(each(incident))),
                Err(Error::Invalid { problems, .. }) => Ok(Err(problems)),
                Err(other) => Err(other),
            }
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
}

#[cfg(test)]
mod tests {
    use super::closed_as;
    use crate::domain::model::closure::AtClose;

    #[test]
    fn only_the_tools_own_line_tells_how_a_case_was_closed() {
        let tool = b"closed_by: x\nlegal_obligations_at_close: met\nroot_cause: r\n";
        assert_eq!(closed_as(tool), Some(AtClose::Met));
        assert_eq!(
            closed_as(b"legal_obligations_at_close: met"),
            Some(AtClose::Met)
        );
        assert_eq!(
            closed_as(b"legal_obligations_at_close: waived\nwaived:\n- obligation: x\n"),
            Some(AtClose::Waived)
        );
        // "metric" cut after "met", exactly at the end of the head.
        let mut cut = vec![b'#'; super::HEAD - 32];
        cut.extend_from_slice(b"\nlegal_obligations_at_close: metric");
        cut.truncate(super::HEAD);
        assert_eq!(
            closed_as(&cut),
            None,
            "a line cut off at the end of the head"
        );
        for unknown in [
            &b"closed_by: x\nroot_cause: r\n"[..],
            b"root_cause: |\n  legal_obligations_at_close: met\n",
            b"# legal_obligations_at_close: met\n",
            b"legal_obligations_at_close: 'met'\n",
        ] {
            assert_eq!(
                closed_as(unknown),
                None,
                "{}",
                String::from_utf8_lossy(unknown)
            );
        }
    }
}
