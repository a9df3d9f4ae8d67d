//! Creating a register (settings, schemas, `.gitignore`, a Git repository and the first
//! commit), or adopting a folder of register files after validating every one of them.

use std::path::Path;

use super::files::{self, FileKind};
use super::journal::{Journal, Message, PathChange};
use super::layout::{GITIGNORE, SETTINGS_FILE, incident_file, render_file};
use super::load::parse_settings;
use super::register::{Recorded, Register, Stamp};
use super::schemas;
use crate::domain::event::Event;
use crate::domain::model::Settings;
use crate::domain::terminal::for_terminal;
use crate::error::{Error, Result};

impl Register {
    /// Creates a register in `root` (made if needed), or adopts the files already there.
    /// Refuses when `root` already holds a journaled register.
    pub fn init(
        root: &Path,
        settings: Option<&Settings>,
        stamp: &Stamp,
    ) -> Result<(Register, Recorded)> {
        let has_settings = root.join(SETTINGS_FILE).is_file();
        // A Git repository whose journal does not hold the settings (a plain `git init`,
        // or a repository kept for something else) is adopted like a folder of files.
        let existing = Journal::open(root)?;
        if let Some(journal) = &existing
            && journal.is_committed(SETTINGS_FILE)?
        {
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
            let settings = settings.ok_or(Error::NoSettings)?;
            render_file(FileKind::Settings, SETTINGS_FILE, settings)?
        };
        let (settings, zone) =
            parse_settings(Path::new(SETTINGS_FILE), &settings_text).map_err(Error::invalid)?;
        changes.push(PathChange::Write {
            path: SETTINGS_FILE.into(),
            bytes: settings_text.into_bytes(),
        });
        for kind in FileKind::ALL {
            changes.push(PathChange::Write {
                path: format!("schemas/{}", kind.schema_file()),
                bytes: schemas::embedded(kind).as_bytes().to_vec(),
            });
        }
        if !root.join(".gitignore").exists() {
            changes.push(PathChange::Write {
                path: ".gitignore".into(),
                bytes: GITIGNORE.as_bytes().to_vec(),
            });
        }
        if !root.join(super::sharing::ATTRIBUTES_FILE).exists() {
            changes.push(PathChange::Write {
                path: super::sharing::ATTRIBUTES_FILE.into(),
                bytes: super::sharing::ATTRIBUTES.as_bytes().to_vec(),
            });
        }
        let mut register = Register::unjournaled(root.to_path_buf(), settings, zone, String::new());
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
                        changes.push(PathChange::Write {
                            path: relative,
                            bytes,
                        });
                    }
                }
            }
        }
        let mut journal = match existing {
            Some(journal) => journal,
            None => Journal::init(root)?,
        };
        journal.require_signatures(register.settings.register.require_signed);
        let organisation = register.settings.organisation.name.clone();
        let event = if adopting {
            Event::RegisterAdopted {
                organisation,
                incidents: adopted,
            }
        } else {
            Event::RegisterCreated { organisation }
        };
        // The register's language, as every entry of its journal.
        let subject =
            for_terminal(&event.subject("", register.settings.register.language)).into_owned();
        let mut trailers = vec![("Change".to_string(), "init".to_string())];
        trailers.extend(event.trailers());
        let message = Message {
            subject: subject.clone(),
            body: None,
            trailers,
        };
        // The first commit is made from the bytes before any file is written, so a failure
        // (a bad author, say) leaves no half-made register behind.
        let commit = journal.commit(&changes, &message, &stamp.author, stamp.when)?;
        // From now on a change is refused on any other branch than this one.
        journal.set_branch(&journal.branch())?;
        // Git merges the register's files by their meaning in this clone (a `git pull`).
        journal.configure_merge_driver()?;
        for change in &changes {
            if let PathChange::Write { path, bytes } = change {
                files::write_atomically(&root.join(path), bytes)?;
            }
        }
        let index = journal.lock_index(super::lock::configured_wait()?)?;
        journal.update_index(&index, &changes)?;
        register.journal = Some(journal);
        Ok((register, Recorded { commit, subject }))
    }
}
