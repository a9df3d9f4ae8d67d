//! Where things are in a register: the settings file, the incident folders and files,
//! finding the register from a folder, and the folders the register never follows.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::files::{self, FileKind};
use super::journal;
use crate::domain::{Bilingual, IncidentId};
use crate::error::{Error, FileProblem, Result};

pub const SETTINGS_FILE: &str = "incident.toml";

/// The subfolder of an incident folder that keeps the evidence a report came with (the
/// original e-mail of `new --from-mail`): bytes kept as received, whose SHA-256 the journal
/// entry that added them names. The incident's readers pass over it; Git keeps it.
pub const EVIDENCE_FOLDER: &str = "evidence";

/// The path of evidence file `name` of incident `id`, relative to the register root.
pub fn evidence_file(id: &IncidentId, name: &str) -> String {
    format!("{}/{EVIDENCE_FOLDER}/{name}", id.folder())
}

/// Whether `path` (relative to the register root) lies in an incident's evidence folder:
/// `incidents/YYYY/YYYY-NNNN/evidence/…`.
pub fn is_evidence(path: &str) -> bool {
    let parts: Vec<&str> = path.split('/').collect();
    parts.len() > 4 && parts[0] == "incidents" && parts[3] == EVIDENCE_FOLDER
}

/// An evidence file changed, added or deleted by hand: a problem, not an edit to record,
/// since the journal names the bytes that were received by their SHA-256.
pub fn evidence_edited(path: String) -> FileProblem {
    let message = Bilingual::new(
        format!(
            "är bevis och sparas som det togs emot (journalen anger dess SHA-256): det ändras inte för hand och registreras inte; `git checkout -- {path}` återställer det (en ny fil: flytta den ut ur registret)"
        ),
        format!(
            "is evidence, kept as it was received (the journal names its SHA-256): it is not changed by hand nor recorded; `git checkout -- {path}` restores it (a new file: move it out of the register)"
        ),
    );
    stray(path, message)
}

/// The register's own `.gitignore`, written by `incident init`.
pub const GITIGNORE: &str = "# Left out of the journal: drafts of interrupted commands and editor leftovers.\n.drafts/\n*.swp\n*~\n.DS_Store\n";

/// Finds the register: the explicit folder, else the current folder or the nearest parent
/// holding `incident.toml`.
pub fn find(explicit: Option<&Path>, cwd: &Path) -> Result<PathBuf> {
    if let Some(path) = explicit {
        return if path.join(SETTINGS_FILE).is_file() {
            Ok(path.to_path_buf())
        } else {
            Err(Error::NotARegister {
                path: path.to_path_buf(),
                is_folder: path.is_dir() || !path.exists(),
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

/// The incident folder (`incidents/YYYY/ID`) a path lies in, or the path itself.
pub fn incident_folder_of(path: &str) -> String {
    let parts: Vec<&str> = path.splitn(4, '/').collect();
    match parts.as_slice() {
        ["incidents", year, id, _] => format!("incidents/{year}/{id}"),
        _ => path.to_string(),
    }
}

/// The paths where a change looks for edits by hand: the settings, which every incident
/// depends on, and the incident's folder when there is one.
pub fn edit_scope(folder: Option<String>) -> Vec<String> {
    let mut scope = vec![SETTINGS_FILE.to_string()];
    scope.extend(folder);
    scope
}

/// The entries of a folder, sorted; none when it does not exist.
pub fn read_dir_names(folder: &Path) -> Result<Vec<String>> {
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
pub fn linked_folder(root: &Path, id: &IncidentId) -> Option<FileProblem> {
    let linked = || {
        Bilingual::new(
            "är en symbolisk länk; registret följer aldrig länkar (en kan leda utanför det): lägg själva mappen på dess plats",
            "is a symbolic link; the register never follows links (one could lead outside it): put the folder itself in its place",
        )
    };
    let year = format!("incidents/{:04}", id.year());
    ["incidents".to_string(), year, id.folder()]
        .into_iter()
        .find(|folder| journal::is_link(&root.join(folder)))
        .map(|folder| stray(folder, linked()))
}

/// `incidents/<name>`, which is not a year folder.
pub fn not_a_year_folder(name: &str) -> FileProblem {
    stray(
        format!("incidents/{name}"),
        Bilingual::new(
            "är ingen årsmapp (incidents/ÅÅÅÅ/ÅÅÅÅ-NNNN/); flytta den ut ur registret",
            "is not a year folder (incidents/YYYY/YYYY-NNNN/); move it out of the register",
        ),
    )
}

/// `incidents/<year>/<name>`, which is not an incident folder of that year.
pub fn not_an_incident_folder(year: &str, name: &str) -> FileProblem {
    stray(
        format!("incidents/{year}/{name}"),
        Bilingual::new(
            format!(
                "är ingen incidentmapp för {year} (incidents/{year}/{year}-NNNN/); byt namn på den eller flytta den"
            ),
            format!(
                "is not an incident folder of {year} (incidents/{year}/{year}-NNNN/); rename or move it"
            ),
        ),
    )
}

/// What a file in an incident folder that is none of the incident's files is told.
pub fn not_an_incident_file() -> Bilingual {
    Bilingual::new(
        "är ingen fil i registret (en incidentmapp har report.yaml, assessment.yaml, actions.yaml, notification.yaml och closure.yaml); flytta den ut ur registret",
        "is not a file of the register (an incident folder holds report.yaml, assessment.yaml, actions.yaml, notification.yaml and closure.yaml); move it out of the register",
    )
}

/// A problem with a whole file or folder (no line, no field).
pub fn stray(file: String, message: Bilingual) -> FileProblem {
    FileProblem {
        file: PathBuf::from(file),
        line: None,
        column: None,
        field: None,
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_name_the_incident_folder_they_lie_in() {
        assert_eq!(
            incident_folder_of("incidents/2026/2026-0001/report.yaml"),
            "incidents/2026/2026-0001"
        );
        assert_eq!(incident_folder_of("incident.toml"), "incident.toml");
        assert_eq!(incident_folder_of("incidents/2026"), "incidents/2026");
    }

    #[test]
    fn the_schema_modeline_points_up_to_the_registers_schemas() {
        let id: IncidentId = "2026-0001".parse().unwrap();
        let path = incident_file(&id, FileKind::Report);
        assert_eq!(path, "incidents/2026/2026-0001/report.yaml");
        assert_eq!(
            schema_href(&path, FileKind::Report),
            "../../../schemas/report.schema.json"
        );
        assert_eq!(
            schema_href(SETTINGS_FILE, FileKind::Settings),
            "schemas/settings.schema.json"
        );
    }
}
