//! The filed tags in a sync (see [`crate::domain::filing`]): the server's are fetched into
//! a namespace of the tool's and made here where this clone lacks them (one that differs
//! from this clone's is named, never overwritten: a finding for `verify`); the tags of
//! entries a sync made again follow them ([`Register::retag_rewritten`]); and the tags the
//! server lacks go with the branch in the push.

use git2::Oid;

use super::remote::server_filed_tags;
use crate::domain::filing::TAG_PREFIX;
use crate::error::Result;
use crate::store::journal::{filed_tags, git_error};
use crate::store::register::Register;

impl Register {
    /// Makes the server's filed tags (as last fetched from `remote`) that this clone lacks;
    /// returns how many were made and the names of those that differ here.
    pub(super) fn import_server_tags(&self, remote: &str) -> Result<(usize, Vec<String>)> {
        let journal = self.journal()?;
        let repo = journal.repo();
        let namespace = server_filed_tags(remote);
        let references = repo
            .references_glob(&format!("{namespace}*"))
            .map_err(git_error("list the server's filed tags"))?;
        let (mut made, mut differ) = (0, Vec::new());
        for reference in references {
            let reference = reference.map_err(git_error("list the server's filed tags"))?;
            let (Some(rest), Some(target)) = (
                reference
                    .name()
                    .ok()
                    .and_then(|n| n.strip_prefix(&namespace)),
                reference.target(),
            ) else {
                continue;
            };
            let name = format!("refs/tags/{TAG_PREFIX}{rest}");
            match repo.refname_to_id(&name) {
                Ok(local) if local == target => {}
                Ok(_) => differ.push(format!("{TAG_PREFIX}{rest}")),
                Err(_) => {
                    repo.reference(&name, target, false, "incident sync: the server's filing")
                        .map_err(git_error(format!("make the tag {TAG_PREFIX}{rest}")))?;
                    made += 1;
                }
            }
        }
        Ok((made, differ))
    }

    /// The names of the server's filed tags, as last fetched from `remote`.
    pub(super) fn server_filing_names(&self, remote: &str) -> Result<Vec<String>> {
        let journal = self.journal()?;
        let namespace = server_filed_tags(remote);
        let references = journal
            .repo()
            .references_glob(&format!("{namespace}*"))
            .map_err(git_error("list the server's filed tags"))?;
        Ok(references
            .filter_map(|reference| {
                let reference = reference.ok()?;
                let rest = reference.name().ok()?.strip_prefix(&namespace)?;
                Some(format!("{TAG_PREFIX}{rest}"))
            })
            .collect())
    }

    /// The filed tags to push with `head`: those the server did not hold at the last
    /// fetch from `remote` and whose commit is in `head`'s history (looked at only for
    /// those, so that a sync does not walk the history once a tag).
    pub(super) fn filed_to_push(&self, remote: &str, head: Oid) -> Result<Vec<String>> {
        let journal = self.journal()?;
        let repo = journal.repo();
        let namespace = server_filed_tags(remote);
        let mut tags = Vec::new();
        for (name, reference) in filed_tags(repo, &format!("{TAG_PREFIX}*"))? {
            let Some(rest) = name.strip_prefix(TAG_PREFIX) else {
                continue;
            };
            if repo.refname_to_id(&format!("{namespace}{rest}")).is_ok() {
                continue;
            }
            let Ok(target) = reference.peel_to_commit().map(|commit| commit.id()) else {
                continue;
            };
            if head == target || repo.graph_descendant_of(head, target).unwrap_or(false) {
                tags.push(name);
            }
        }
        tags.sort();
        Ok(tags)
    }

    /// Notes the filed tags a clone holds as the server's (`origin`): just cloned, they
    /// are.
    pub(super) fn note_cloned_tags(&self) {
        let Ok(journal) = self.journal() else {
            return;
        };
        let Ok(tags) = filed_tags(journal.repo(), &format!("{TAG_PREFIX}*")) else {
            return;
        };
        let names: Vec<String> = tags.into_iter().map(|(name, _)| name).collect();
        self.note_pushed_tags("origin", &names);
    }

    /// Notes `tags` as the server's after a push, as git notes a pushed branch.
    pub(super) fn note_pushed_tags(&self, remote: &str, tags: &[String]) {
        let Ok(journal) = self.journal() else {
            return;
        };
        let repo = journal.repo();
        let namespace = server_filed_tags(remote);
        for tag in tags {
            if let (Some(rest), Ok(target)) = (
                tag.strip_prefix(TAG_PREFIX),
                repo.refname_to_id(&format!("refs/tags/{tag}")),
            ) {
                let _ = repo.reference(
                    &format!("{namespace}{rest}"),
                    target,
                    true,
                    "incident sync: pushed",
                );
            }
        }
    }
}
