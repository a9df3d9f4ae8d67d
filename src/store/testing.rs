//! A register in a temporary folder for the store's own unit tests: created through the
//! store (no binary), with a fixed author and clock, and read back with git2.

use std::path::Path;

use chrono::DateTime;

use super::journal::Author;
use super::load::parse_settings;
use super::{Entry, LockHold, Register, Stamp};
use crate::domain::IncidentId;
use crate::domain::draft::ReportDraft;
use crate::domain::event::Event;
use crate::domain::moment::Moment;
use crate::domain::steps::Step;

const SETTINGS: &str = "schema_version = 1\n\n[organisation]\nname = \"Exempel kommun\"\n\n[register]\ntimezone = \"Europe/Stockholm\"\nlanguage = \"en\"\n";

pub struct TestRegister {
    dir: tempfile::TempDir,
}

/// The event of a report titled "Fel mottagare".
pub fn reported() -> Event {
    Event::Reported {
        title: "Fel mottagare".into(),
    }
}

/// The event of an action logged.
pub fn logged() -> Event {
    Event::ActionLogged {
        action: "Bad mottagaren radera mejlet".into(),
    }
}

/// A report's answers with its title and a discovery on 2026-03-27.
pub fn draft(title: &str) -> ReportDraft {
    ReportDraft {
        title: Some(title.into()),
        discovered: Some(Moment::on(
            chrono::NaiveDate::from_ymd_opt(2026, 3, 27).unwrap(),
            None,
        )),
        ..ReportDraft::default()
    }
}

impl TestRegister {
    pub fn new() -> TestRegister {
        let dir = tempfile::TempDir::new().unwrap();
        let (settings, _) = parse_settings(Path::new("incident.toml"), SETTINGS).unwrap();
        let test = TestRegister { dir };
        // The repository first, so that its configuration overrides the person's: their
        // `commit.gpgsign` would have these registers signed with their key.
        let mut options = git2::RepositoryInitOptions::new();
        options.initial_head("main");
        let repo = git2::Repository::init_opts(test.root(), &options).unwrap();
        repo.config()
            .unwrap()
            .set_bool("commit.gpgsign", false)
            .unwrap();
        Register::init(test.root(), Some(&settings), &test.stamp()).unwrap();
        test
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn open(&self) -> Register {
        Register::open(self.root()).unwrap()
    }

    #[expect(
        clippy::unused_self,
        reason = "a helper of the test register like the others: tests call test.stamp()"
    )]
    pub fn stamp(&self) -> Stamp {
        Stamp {
            author: Author {
                name: "Test Author".into(),
                email: "test@example.org".into(),
            },
            when: DateTime::parse_from_rfc3339("2026-03-27T12:00:00+01:00").unwrap(),
        }
    }

    pub fn new_incident(&self, register: &Register) -> IncidentId {
        register
            .start_new(&self.stamp(), LockHold::Throughout)
            .unwrap()
            .finish(draft("Fel mottagare"), Entry::new(reported(), &[Step::A]))
            .unwrap()
            .id
    }

    pub fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.root().join(relative)).unwrap()
    }

    pub fn write(&self, relative: &str, text: &str) {
        std::fs::write(self.root().join(relative), text).unwrap();
    }

    pub fn commit_count(&self) -> usize {
        let repo = git2::Repository::open(self.root()).unwrap();
        let mut walk = repo.revwalk().unwrap();
        walk.push_head().unwrap();
        walk.count()
    }
}
