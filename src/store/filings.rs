//! Filings as annotated tags `filed/<id>/<what>` (see [`crate::domain::filing`]): the
//! transaction makes one after the commit that records a filing, whose message carries
//! the trailer `Filing: <tag>`; a tag missing after an interruption is made again from
//! that trailer by the next change, or by `incident record` for the whole journal; `show`
//! lists an incident's, and `verify` checks them all. A filed tag is never moved or
//! overwritten here.

use chrono::{DateTime, FixedOffset};
use git2::{ObjectType, Oid, Repository};

use super::journal::{git_error, parse_trailers, time_of};
use super::register::Register;
use crate::domain::IncidentId;
use crate::domain::event::Event;
use crate::domain::filing::{
    FILED, Filing, FilingKind, TAG_PREFIX, TRAILER, filed_at, parse_tag_name, recorded_again,
};
use crate::error::Result;

/// How many of the journal's last entries a change looks at for a filed tag to make
/// again: a tag is lost only between its commit and the next step, so the entry is among
/// the last few (a person's `git commit` may follow it).
const RECENT_ENTRIES: usize = 16;

/// A filed tag as the repository holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FiledTag {
    /// The tag's name without `refs/tags/`: `filed/2026-0007/imy`.
    pub name: String,
    /// The commit it points at.
    pub target: String,
    /// Whether it is an annotated tag (one made by hand may be a lightweight one).
    pub annotated: bool,
    /// The tagger's time: when the filing was recorded.
    pub tagger_time: Option<DateTime<FixedOffset>>,
    /// The message's first line: what was sent, and when.
    pub first_line: String,
    /// When the filing was sent, from the message's `Filed-At` trailer.
    pub filed_at: Option<DateTime<FixedOffset>>,
    /// What was filed, from the name (or the message's `Filed` trailer).
    pub kind: Option<FilingKind>,
    /// Whether the commit is in the history of the register's branch (HEAD).
    pub in_branch: bool,
}

/// A journal entry whose message names a filed tag (`Filing:`), and where that tag is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilingTrailer {
    pub commit: String,
    pub tag: String,
    /// The commit the tag points at; `None` when there is no such tag.
    pub tag_target: Option<String>,
}

impl FilingTrailer {
    /// Whether the tag exists and points at the entry.
    pub fn holds(&self) -> bool {
        self.tag_target.as_deref() == Some(self.commit.as_str())
    }
}

/// What making the tag of an entry did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tagged {
    /// The entry records no filing.
    NotAFiling,
    /// The tag was made now.
    Made(String),
    /// The tag was there already, on this entry.
    Present(String),
    /// A tag of that name points at another commit: never moved (a finding for verify).
    Elsewhere { tag: String, target: String },
}

/// The name a new filing of `first` takes: `Ok(None)` when the last recording of it has the
/// same time (`notified imy` again to add the case number: nothing new was sent), else the
/// first name that is free (`first`, `first.2`, …) with whether it is `first` recorded again.
pub(super) fn name_for(
    repo: &Repository,
    first: &str,
    at: DateTime<FixedOffset>,
) -> Result<NameFor> {
    let mut last: Option<String> = None;
    let mut n = 1;
    loop {
        let name = if n == 1 {
            first.to_string()
        } else {
            recorded_again(first, n)
        };
        if repo.find_reference(&format!("refs/tags/{name}")).is_err() {
            return Ok(match last {
                Some(last) if tag_message(repo, &last).and_then(|m| filed_at(&m)) == Some(at) => {
                    NameFor::Same(last)
                }
                _ => NameFor::New(name),
            });
        }
        last = Some(name);
        n += 1;
    }
}

/// The decision of [`name_for`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum NameFor {
    /// A new filing: its tag's name.
    New(String),
    /// The filing the tag of this name holds, recorded again at the same time.
    Same(String),
}

/// The message of tag `name`, when it is an annotated tag.
fn tag_message(repo: &Repository, name: &str) -> Option<String> {
    let reference = repo.find_reference(&format!("refs/tags/{name}")).ok()?;
    let tag = repo.find_tag(reference.target()?).ok()?;
    tag.message().ok().flatten().map(String::from)
}

/// Whether `name` may be a filed tag's: `filed/<id>/<what>` and a valid ref name.
fn is_filed_name(name: &str) -> bool {
    parse_tag_name(name).is_some() && git2::Reference::is_valid_name(&format!("refs/tags/{name}"))
}

/// The tag `name` points at, peeled to a commit; `None` when there is no such tag.
fn tag_target(repo: &Repository, name: &str) -> Option<Oid> {
    let reference = repo.find_reference(&format!("refs/tags/{name}")).ok()?;
    reference.peel_to_commit().ok().map(|commit| commit.id())
}

/// The value of the `Filing:` trailer of `message`, if any.
fn filing_trailer(message: &str) -> Option<String> {
    parse_trailers(message)
        .into_iter()
        .find(|(key, _)| key == TRAILER)
        .map(|(_, value)| value)
}

impl Register {
    /// Makes the filed tag that entry `commit` names in its `Filing:` trailer, from the
    /// journal alone: the message from the incident as the commit holds it, the tagger the
    /// entry's author at the entry's time. An existing tag is never moved.
    pub fn tag_filing(&self, commit: &str) -> Result<Tagged> {
        let journal = self.journal()?;
        let repo = journal.repo();
        let oid = Oid::from_str(commit).map_err(git_error(format!("read commit {commit}")))?;
        let found = repo
            .find_commit(oid)
            .map_err(git_error(format!("read commit {commit}")))?;
        let message = found.message().unwrap_or_default().to_string();
        let Some(name) = filing_trailer(&message).filter(|name| is_filed_name(name)) else {
            return Ok(Tagged::NotAFiling);
        };
        if let Some(target) = tag_target(repo, &name) {
            return Ok(if target == oid {
                Tagged::Present(name)
            } else {
                Tagged::Elsewhere {
                    tag: name,
                    target: target.to_string(),
                }
            });
        }
        let Some(text) = self.filing_tag_text(commit, &name, &message)? else {
            return Ok(Tagged::NotAFiling);
        };
        let tagger = found.author();
        let target = found.as_object();
        match repo.tag(&name, target, &tagger, &text, false) {
            Ok(_) => Ok(Tagged::Made(name)),
            // Made meanwhile by another process: as long as it is this entry's, all is well.
            Err(error) if error.code() == git2::ErrorCode::Exists => {
                match tag_target(repo, &name) {
                    Some(target) if target == oid => Ok(Tagged::Present(name)),
                    Some(target) => Ok(Tagged::Elsewhere {
                        tag: name,
                        target: target.to_string(),
                    }),
                    None => Err(git_error(format!("make the tag {name}"))(error)),
                }
            }
            Err(error) => Err(git_error(format!("make the tag {name}"))(error)),
        }
    }

    /// The message of the tag `name` of entry `commit` (whose commit message is `message`),
    /// made from the journal alone: the incident as the commit holds it. What the tag is
    /// made with, and what `verify` holds a tag to.
    pub(super) fn filing_tag_text(
        &self,
        commit: &str,
        name: &str,
        message: &str,
    ) -> Result<Option<String>> {
        let trailers = parse_trailers(message);
        let (Some((id, _)), Some(kind)) = (
            parse_tag_name(name),
            Event::from_trailers(&trailers).and_then(|event| FilingKind::of_event(&event)),
        ) else {
            return Ok(None);
        };
        Ok(self
            .incident_at(&id, commit)?
            .and_then(|incident| Filing::of(&incident, kind))
            .map(|filing| filing.message(self.settings.register.language, self.zone)))
    }

    /// Makes the filed tags missing for the journal's last entries (first parents from
    /// HEAD): what a change was interrupted before. Cheap: a few commit messages.
    pub(super) fn tag_recent_filings(&self) -> Result<()> {
        let Some(journal) = &self.journal else {
            return Ok(());
        };
        let repo = journal.repo();
        let Some(head) = journal.head() else {
            return Ok(());
        };
        let mut commit = repo
            .find_commit(head)
            .map_err(git_error("read the last commit"))?;
        for _ in 0..RECENT_ENTRIES {
            if filing_trailer(commit.message().unwrap_or_default()).is_some() {
                self.tag_filing(&commit.id().to_string())?;
            }
            match commit.parent(0) {
                Ok(parent) => commit = parent,
                Err(_) => break,
            }
        }
        Ok(())
    }

    /// Makes every filed tag the journal names and the repository lacks (`incident
    /// record`); returns the names made. Walks the whole history.
    pub fn restore_filing_tags(&self) -> Result<Vec<String>> {
        let mut made = Vec::new();
        for entry in self.filing_trailers()? {
            if entry.tag_target.is_none()
                && let Tagged::Made(name) = self.tag_filing(&entry.commit)?
            {
                made.push(name);
            }
        }
        Ok(made)
    }

    /// Every filed tag (`refs/tags/filed/*`), by name: where it points, its tagger's time,
    /// its message's first line, and whether its commit is in the branch's history. Costs
    /// one lookup a tag, not a walk of the history.
    pub fn filings(&self) -> Result<Vec<FiledTag>> {
        self.filed_tags(&format!("{TAG_PREFIX}*"))
    }

    /// The filed tags of incident `id`, by name.
    pub fn filings_of(&self, id: &IncidentId) -> Result<Vec<FiledTag>> {
        if self.journal.is_none() {
            return Ok(Vec::new());
        }
        self.filed_tags(&format!("{TAG_PREFIX}{id}/*"))
    }

    fn filed_tags(&self, pattern: &str) -> Result<Vec<FiledTag>> {
        let journal = self.journal()?;
        let repo = journal.repo();
        let head = journal.head();
        let mut tags = Vec::new();
        for (name, reference) in super::journal::filed_tags(repo, pattern)? {
            let Ok(commit) = reference.peel_to_commit() else {
                continue;
            };
            let target = commit.id();
            let annotated = reference
                .target()
                .and_then(|oid| repo.find_object(oid, None).ok())
                .is_some_and(|object| object.kind() == Some(ObjectType::Tag));
            let (tagger_time, message) = match reference.peel_to_tag() {
                Ok(tag) => (
                    tag.tagger().map(|t| time_of(&t.when())),
                    tag.message().ok().flatten().unwrap_or_default().to_string(),
                ),
                Err(_) => (None, String::new()),
            };
            let kind = parse_tag_name(&name)
                .and_then(|(_, slug)| FilingKind::of_slug(&slug))
                .or_else(|| {
                    parse_trailers(&message)
                        .into_iter()
                        .find(|(key, _)| key == FILED)
                        .and_then(|(_, slug)| FilingKind::of_slug(&slug))
                });
            let in_branch = head.is_some_and(|head| {
                head == target || repo.graph_descendant_of(head, target).unwrap_or(false)
            });
            // As of a moment, a filing is one the journal held then.
            if let Some(at) = self
                .at
                .as_ref()
                .and_then(|at| Oid::from_str(&at.commit).ok())
                && at != target
                && !repo.graph_descendant_of(at, target).unwrap_or(false)
            {
                continue;
            }
            tags.push(FiledTag {
                first_line: message.lines().next().unwrap_or_default().to_string(),
                filed_at: filed_at(&message),
                name,
                target: target.to_string(),
                annotated,
                tagger_time,
                kind,
                in_branch,
            });
        }
        tags.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(tags)
    }

    /// Every journal entry with a `Filing:` trailer, oldest first, with where its tag
    /// points. Walks the history of the branch (a commit message a commit).
    pub fn filing_trailers(&self) -> Result<Vec<FilingTrailer>> {
        let journal = self.journal()?;
        let repo = journal.repo();
        let Some(head) = journal.head() else {
            return Ok(Vec::new());
        };
        let walk_error = || git_error("walk the journal");
        let mut walk = repo.revwalk().map_err(walk_error())?;
        walk.set_sorting(git2::Sort::TOPOLOGICAL | git2::Sort::REVERSE)
            .map_err(walk_error())?;
        walk.push(head).map_err(walk_error())?;
        let mut entries = Vec::new();
        for oid in walk {
            let oid = oid.map_err(walk_error())?;
            let commit = repo.find_commit(oid).map_err(walk_error())?;
            if let Some(tag) = filing_trailer(commit.message().unwrap_or_default()) {
                entries.push(FilingTrailer {
                    commit: oid.to_string(),
                    tag_target: tag_target(repo, &tag).map(|t| t.to_string()),
                    tag,
                });
            }
        }
        Ok(entries)
    }

    /// Moves the filed tags of entries a sync made again: each tag is made anew on the new
    /// commit (under the name its message now gives, with a renumbered id), and the old one,
    /// never published, removed. Returns the names made.
    pub(super) fn retag_rewritten(&self, rewritten: &[(String, String)]) -> Result<Vec<String>> {
        let journal = self.journal()?;
        let repo = journal.repo();
        let mut made = Vec::new();
        for (was, is) in rewritten {
            let Ok(old) = Oid::from_str(was) else {
                continue;
            };
            let Some(old_name) = repo
                .find_commit(old)
                .ok()
                .and_then(|c| filing_trailer(c.message().unwrap_or_default()))
            else {
                continue;
            };
            // Only the tag of the old entry goes, never a tag of that name that points
            // elsewhere (the server's, or another entry's); first, as the new entry may
            // take the same name. Should making the new one fail, the trailer remains, and
            // the next change makes it.
            if tag_target(repo, &old_name) == Some(old)
                && let Ok(mut reference) = repo.find_reference(&format!("refs/tags/{old_name}"))
            {
                reference
                    .delete()
                    .map_err(git_error(format!("remove the tag {old_name}")))?;
            }
            if let Tagged::Made(name) | Tagged::Present(name) = self.tag_filing(is)? {
                made.push(name);
            }
        }
        Ok(made)
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::event::Event;
    use crate::domain::model::Notification;
    use crate::domain::model::notification::ImyNotification;
    use crate::domain::steps::Step;
    use crate::store::testing::TestRegister;
    use crate::store::{Entry, LockHold};

    #[test]
    fn verify_reads_each_filed_tag_and_each_entry_that_names_one() {
        let test = TestRegister::new();
        let register = test.open();
        let id = test.new_incident(&register);
        let mut change = register
            .start_change(&id, &test.stamp(), LockHold::Throughout)
            .unwrap();
        let mut notification: Notification = serde_saphyr::from_str("{}").unwrap();
        notification.imy = Some(ImyNotification {
            submitted_at: Some(test.stamp().when),
            case_number: None,
            late_reason: None,
            supplement_planned: None,
            supplements: Vec::new(),
            secrecy: None,
        });
        change.set_notification(notification);
        let outcome = change
            .finish(Entry::new(
                Event::ImyNotified { case_number: None },
                &[Step::F],
            ))
            .unwrap();
        let tag = format!("filed/{id}/imy");
        assert_eq!(outcome.filed.as_deref(), Some(tag.as_str()));

        let filings = register.filings().unwrap();
        assert_eq!(filings.len(), 1);
        assert_eq!(filings[0].name, tag);
        assert_eq!(filings[0].target, outcome.entry.commit);
        assert!(filings[0].annotated && filings[0].in_branch);
        assert_eq!(filings[0].tagger_time, Some(test.stamp().when));
        assert!(filings[0].first_line.starts_with(&format!("{id}: ")));
        let trailers = register.filing_trailers().unwrap();
        assert_eq!(trailers.len(), 1);
        assert!(trailers[0].holds());

        // Deleted: the entry still names it, and says it is missing.
        let repo = git2::Repository::open(test.root()).unwrap();
        repo.tag_delete(&tag).unwrap();
        let trailers = register.filing_trailers().unwrap();
        assert_eq!(trailers[0].tag_target, None);
        assert!(!trailers[0].holds());
        assert!(register.filings().unwrap().is_empty());

        // A filed tag on a commit the branch does not hold.
        let head = repo.head().unwrap().peel_to_commit().unwrap();
        let signature = head.author();
        let stray = repo
            .commit(
                None,
                &signature,
                &signature,
                "stray",
                &head.tree().unwrap(),
                &[&head],
            )
            .unwrap();
        repo.tag_lightweight(&tag, &repo.find_object(stray, None).unwrap(), false)
            .unwrap();
        let filings = register.filings().unwrap();
        assert!(!filings[0].in_branch && !filings[0].annotated);
        assert!(!register.filing_trailers().unwrap()[0].holds());
    }
}
