//! Drafts: the answers people typed that are not yet recorded, kept in `.drafts/` (in the
//! register's `.gitignore`, so the journal never holds them). The interactive intake keeps
//! its answers in `.drafts/new.yaml` as they are given; a command that cannot record what
//! was typed saves it as `.drafts/<command>[-<id>]-<time>.yaml` for `--from`. Nothing typed
//! is deleted: a draft declined is set aside under a dated name.

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use super::files;
use crate::domain::IncidentId;
use crate::domain::draft::ReportDraft;
use crate::error::{Error, Result};

const FOLDER: &str = ".drafts";

/// Where an interactive intake keeps its answers while it runs, relative to the register.
pub const INTAKE: &str = ".drafts/new.yaml";

/// The drafts of one register.
pub struct Drafts {
    root: PathBuf,
}

/// A draft found in `.drafts/`, and what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedDraft {
    /// Relative to the register root.
    pub file: PathBuf,
    pub kind: DraftKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DraftKind {
    /// The answers of an interactive `incident new` that did not finish.
    Intake,
    /// Answers saved by a command that could not record them: the command to go on with
    /// (`assess 2026-0001`, or `new` for an intake set aside).
    Command(String),
}

/// A timestamp for a draft's name, to the second, in the order it sorts.
fn stamp(now: DateTime<FixedOffset>) -> String {
    now.format("%Y%m%dT%H%M%S").to_string()
}

impl Drafts {
    pub fn of(root: &Path) -> Drafts {
        Drafts {
            root: root.to_path_buf(),
        }
    }

    /// The path of the interactive intake's draft.
    pub fn intake_path(&self) -> PathBuf {
        self.root.join(INTAKE)
    }

    /// Saves the answers of an interactive intake so far.
    pub fn save_intake(&self, draft: &ReportDraft) -> std::result::Result<(), String> {
        let text = serde_saphyr::to_string(draft).map_err(|e| e.to_string())?;
        files::write_atomically(&self.intake_path(), text.as_bytes()).map_err(|e| e.to_string())
    }

    /// The saved intake, if there is one: read, or why it cannot be.
    pub fn saved_intake(&self) -> Option<Result<ReportDraft>> {
        let path = self.intake_path();
        path.exists().then(|| files::read_partial(&path))
    }

    /// Whether `path` names the intake's draft.
    pub fn is_intake(&self, path: &Path) -> bool {
        match (path.canonicalize(), self.intake_path().canonicalize()) {
            (Ok(given), Ok(draft)) => given == draft,
            _ => false,
        }
    }

    /// Moves a saved intake, if any, to a dated name beside it, never over an earlier one
    /// set aside in the same second; returns where.
    pub fn set_aside_intake(&self, now: DateTime<FixedOffset>) -> Result<Option<PathBuf>> {
        let path = self.intake_path();
        if !path.exists() {
            return Ok(None);
        }
        let time = stamp(now);
        let aside = (1..=u32::MAX)
            .map(|n| match n {
                1 => path.with_file_name(format!("new-{time}.yaml")),
                n => path.with_file_name(format!("new-{time}-{n}.yaml")),
            })
            .find(|candidate| !candidate.exists())
            .unwrap_or_else(|| path.with_file_name(format!("new-{time}-last.yaml")));
        std::fs::rename(&path, &aside).map_err(|source| Error::Io {
            action: "set aside the saved intake",
            path: path.clone(),
            source,
        })?;
        Ok(Some(aside))
    }

    /// The intake became a report: its draft has served.
    pub fn discard_intake(&self) {
        let _ = std::fs::remove_file(self.intake_path());
        // Only when empty: other commands keep their drafts there too.
        let _ = std::fs::remove_dir(self.root.join(FOLDER));
    }

    /// Saves what a person typed for `command` (on incident `id`) that could not be
    /// recorded, as a partial file for `--from`; returns where.
    pub fn save_answers<T: Serialize>(
        &self,
        command: &str,
        id: Option<&IncidentId>,
        now: DateTime<FixedOffset>,
        answers: &T,
    ) -> std::result::Result<PathBuf, String> {
        let name = match id {
            Some(id) => format!("{command}-{id}-{}.yaml", stamp(now)),
            None => format!("{command}-{}.yaml", stamp(now)),
        };
        let path = self.root.join(FOLDER).join(name);
        let text = serde_saphyr::to_string(answers).map_err(|e| e.to_string())?;
        files::write_atomically(&path, text.as_bytes()).map_err(|e| e.to_string())?;
        Ok(path)
    }

    /// Every draft in `.drafts/`, by name.
    pub fn list(&self) -> Vec<SavedDraft> {
        let Ok(entries) = std::fs::read_dir(self.root.join(FOLDER)) else {
            return Vec::new();
        };
        let mut names: Vec<String> = entries
            .flatten()
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".yaml"))
            .collect();
        names.sort();
        names
            .into_iter()
            .map(|name| SavedDraft {
                file: Path::new(FOLDER).join(&name),
                kind: kind_of(&name),
            })
            .collect()
    }
}

/// What a draft's name says it holds: `new.yaml`, or `<command>[-<id>]-<time>.yaml`.
fn kind_of(name: &str) -> DraftKind {
    if Path::new(FOLDER).join(name) == Path::new(INTAKE) {
        return DraftKind::Intake;
    }
    let parts: Vec<&str> = name.trim_end_matches(".yaml").split('-').collect();
    let command = match parts.as_slice() {
        [command, year, number, _time]
            if format!("{year}-{number}").parse::<IncidentId>().is_ok() =>
        {
            format!("{command} {year}-{number}")
        }
        [command, ..] => command.to_string(),
        [] => "new".to_string(),
    };
    DraftKind::Command(command)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-03-27T12:00:00+01:00").unwrap()
    }

    #[test]
    fn a_drafts_name_tells_the_command_to_go_on_with() {
        assert_eq!(kind_of("new.yaml"), DraftKind::Intake);
        assert_eq!(
            kind_of("assess-2026-0001-20260327T120000.yaml"),
            DraftKind::Command("assess 2026-0001".into())
        );
        assert_eq!(
            kind_of("new-20260327T120000-2.yaml"),
            DraftKind::Command("new".into())
        );
    }

    #[test]
    fn an_intake_set_aside_twice_in_one_second_keeps_both() {
        let dir = tempfile::TempDir::new().unwrap();
        let drafts = Drafts::of(dir.path());
        let mut draft = ReportDraft::default();
        for title in ["Första", "Andra"] {
            draft.title = Some(title.into());
            drafts.save_intake(&draft).unwrap();
            drafts.set_aside_intake(now()).unwrap();
        }
        let listed: Vec<String> = drafts
            .list()
            .iter()
            .map(|d| d.file.display().to_string())
            .collect();
        assert_eq!(
            listed,
            [
                ".drafts/new-20260327T120000-2.yaml",
                ".drafts/new-20260327T120000.yaml"
            ]
        );
        assert!(drafts.saved_intake().is_none());
        let id: IncidentId = "2026-0001".parse().unwrap();
        let saved = drafts
            .save_answers("assess", Some(&id), now(), &draft)
            .unwrap();
        assert!(saved.ends_with("assess-2026-0001-20260327T120000.yaml"));
    }
}
