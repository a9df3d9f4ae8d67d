//! The register as one commit of the journal held it: an incident's files read from the
//! commit's tree and checked as the files on disk are. Used by `--as-of`, by the
//! supplement's comparison with the last filing and by `verify`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::files::{self, FileKind, MAX_FILE_BYTES};
use super::load::{IncidentTexts, incident_of};
use super::register::Register;
use crate::domain::IncidentId;
use crate::domain::incident::Incident;
use crate::error::{FileProblem, Result};

impl Register {
    /// The journal's commit that `name` names (an id, a tag such as `filed/2026-0007/imy`,
    /// `HEAD`), as a full id; `None` when the journal holds none.
    pub fn commit_named(&self, name: &str) -> Result<Option<String>> {
        Ok(self
            .journal()?
            .resolve_commit(name)
            .map(|oid| oid.to_string()))
    }

    /// The texts of incident `id`'s files at commit `commit`, and its stray files as
    /// problems; empty when the incident did not exist then.
    pub fn texts_at(&self, id: &IncidentId, commit: &str) -> Result<IncidentTexts> {
        let journal = self.journal()?;
        let oid = git2::Oid::from_str(commit)
            .map_err(super::journal::git_error(format!("read commit {commit}")))?;
        let mut texts = BTreeMap::new();
        let mut strays = Vec::new();
        for (name, bytes) in journal.files_at(oid, &id.folder())? {
            let display = PathBuf::from(format!("{}/{name}", id.folder()));
            match FileKind::from_file_name(&name).filter(|kind| *kind != FileKind::Settings) {
                Some(_) if bytes.len() as u64 > MAX_FILE_BYTES => {
                    strays.push(files::too_large(&display, bytes.len() as u64));
                }
                Some(kind) => match files::utf8_text(bytes, &display) {
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
                    message: super::layout::not_an_incident_file(),
                }),
            }
        }
        Ok((texts, strays))
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
