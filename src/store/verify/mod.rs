//! `incident verify`: the journal checked as an outside party would check it, from the
//! repository alone. Every commit of the register's branch that changes register files is
//! an entry of the tool (or a Git merge of entries) and holds only valid files as of that
//! commit; the branch and the server's branch only ever moved forward (their reflogs, in
//! this clone); every filing's tag is in the journal; and, where the register requires it,
//! every entry since is signed by an allowed key.
//!
//! A run remembers what it established (`.git/incident-verified.json`, [`saved`]), so the
//! next one walks only the commits made since.

mod finding;
mod merges;
mod refs;
mod saved;
mod walk;

use git2::Oid;

pub use finding::{Finding, LeftOut, short};
pub use walk::FILING_TRAILER;

use self::refs::Moved;
use self::saved::Saved;
use self::walk::WalkState;
use super::journal::SignatureCheck;
use super::register::Register;
use crate::error::{Error, Result};

/// Where this clone stands against the server's branch, as last fetched.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ServerStand {
    /// `origin/main`.
    pub remote_branch: String,
    /// Entries here that the server's branch does not have (not yet pushed).
    pub ahead: usize,
    /// Entries of the server's not here (not yet synced).
    pub behind: usize,
}

/// What a verification found.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Verification {
    /// The register's branch and the commit verified.
    pub branch: String,
    pub head: Option<String>,
    /// Commits in the branch's history.
    pub entries: usize,
    /// Of those, walked in this run (the others were verified by an earlier run).
    pub walked: usize,
    /// Filing tags found in the journal.
    pub filings: usize,
    /// The commit from which every entry must be signed, when the register requires it.
    pub signed_since: Option<String>,
    pub server: Option<ServerStand>,
    pub findings: Vec<Finding>,
}

impl Register {
    /// Opens the register at `root` for `verify`: with the work tree's settings, or, when
    /// they are invalid, the last valid settings of the journal. An invalid incident.toml
    /// is a finding of verify (in the commit that made it), not a reason not to check.
    pub fn open_for_verify(root: &std::path::Path) -> Result<Register> {
        let invalid = match Register::open(root) {
            Err(error @ Error::Invalid { .. }) => error,
            other => return other,
        };
        let Some(journal) = super::journal::Journal::open(root)? else {
            return Err(invalid);
        };
        let path = std::path::Path::new(super::layout::SETTINGS_FILE);
        let mut valid = None;
        let mut commit = journal.head();
        while let Some(oid) = commit {
            if let Some(bytes) = journal.file_at(oid, super::layout::SETTINGS_FILE)? {
                let text = String::from_utf8_lossy(&bytes).into_owned();
                if let Ok((settings, zone)) = super::load::parse_settings(path, &text) {
                    valid = Some((settings, zone, text));
                    break;
                }
            }
            commit = journal
                .repo()
                .find_commit(oid)
                .ok()
                .and_then(|found| found.parent_id(0).ok());
        }
        if let Some((settings, zone, text)) = valid {
            let mut register = Register::unjournaled(root.to_path_buf(), settings, zone, text);
            register.journal = Some(journal);
            return Ok(register);
        }
        Err(invalid)
    }

    /// Verifies the register's branch; `fresh` ignores what earlier runs established.
    pub fn verify(&self, fresh: bool) -> Result<Verification> {
        let journal = self.journal()?;
        let repo = journal.repo();
        // A shallow clone lacks the entries before its cut: nothing before it can be told.
        if repo.is_shallow() {
            return Err(Error::GitState {
                blocker: crate::error::GitBlocker::Shallow,
            });
        }
        let (branch, branch_ref) = journal_branch(repo);
        let mut verification = Verification {
            branch: branch.clone(),
            head: None,
            entries: 0,
            walked: 0,
            filings: 0,
            signed_since: None,
            server: None,
            findings: Vec::new(),
        };
        let Ok(head) = repo.refname_to_id(&branch_ref) else {
            return Err(Error::GitState {
                blocker: crate::error::GitBlocker::NotAdopted,
            });
        };
        verification.head = Some(head.to_string());
        // Every object of the history is read once; their integrity is `git fsck`'s.
        super::journal::trust_object_hashes();
        let git_dir = repo.path().to_path_buf();
        let key = super::cache::binary_key();
        // Each entry's signature is checked against the allowed signers its parent held,
        // written where `ssh-keygen` reads them for the run, and removed after.
        let mut allowed = AllowedSigners::new(&git_dir);
        if fresh {
            saved::clear(&git_dir);
        }
        let previous = if fresh {
            None
        } else {
            saved::load(&git_dir, &key)
        };
        // What an earlier run established holds while the branch only grew since.
        let continued = previous.as_ref().and_then(|saved| {
            let at = Oid::from_str(&saved.head).ok()?;
            (at == head || repo.graph_descendant_of(head, at).unwrap_or(false)).then_some(at)
        });
        let mut state = WalkState::default();
        if let (Some(saved), Some(_)) = (&previous, continued) {
            state.entries = saved.entries;
            state.findings.clone_from(&saved.findings);
            state.signed_since.clone_from(&saved.signed_since);
            state.filings.clone_from(&saved.filings);
            state.settings_blob = saved
                .settings_blob
                .as_deref()
                .and_then(|blob| Oid::from_str(blob).ok());
            state.settings = self.settings_of_blob(state.settings_blob);
            state.allowed_signers = saved
                .allowed_signers
                .as_deref()
                .and_then(|blob| Oid::from_str(blob).ok());
        }
        let mut check_signature =
            |commit: Oid, subject: &str, incident: Option<String>, list: Option<Oid>| {
                let Some(list) = list else {
                    return Ok(Some(Finding::NotSigned {
                        commit: commit.to_string(),
                        subject: subject.to_string(),
                        incident,
                        signed: repo.extract_signature(&commit, None).is_ok(),
                        detail: String::new(),
                    }));
                };
                let file = allowed.file_of(repo, list)?;
                let (signed, detail) = match journal.check_signature(commit, Some(&file))? {
                    SignatureCheck::Good { .. } => return Ok(None),
                    SignatureCheck::Unsigned => (false, String::new()),
                    SignatureCheck::UnknownKey { detail } | SignatureCheck::Bad { detail } => {
                        (true, detail)
                    }
                };
                Ok(Some(Finding::NotSigned {
                    commit: commit.to_string(),
                    subject: subject.to_string(),
                    incident,
                    signed,
                    detail: crate::domain::terminal::for_terminal(&detail).into_owned(),
                }))
            };
        verification.walked = walk::walk(
            self,
            repo,
            head,
            continued,
            &mut state,
            &mut check_signature,
        )?;
        let known_tags = match (&previous, continued) {
            (Some(saved), Some(_)) => saved.tags_in_journal.clone(),
            _ => Vec::new(),
        };
        let (tags_in_journal, mut filing_findings) =
            refs::check_filings(repo, head, &known_tags, &state.walked, &state.filings);
        filing_findings.extend(self.altered_filing_tags(&known_tags, &state.filings)?);
        let mut reflogs = Vec::new();
        let mut published = Vec::new();
        let previous_reflog = |reference: &str| {
            previous
                .as_ref()
                .and_then(|saved| saved.reflogs.iter().find(|r| r.reference == reference))
        };
        reflogs.push(refs::check_reflog(
            repo,
            &branch_ref,
            Moved::Branch,
            previous_reflog(&branch_ref),
        ));
        if let Ok(remote) = super::sharing::remote_name(repo, &branch) {
            let remote_ref = format!("refs/remotes/{remote}/{branch}");
            if let Ok(server) = repo.refname_to_id(&remote_ref) {
                reflogs.push(refs::check_reflog(
                    repo,
                    &remote_ref,
                    Moved::Server,
                    previous_reflog(&remote_ref),
                ));
                let (ahead, behind) = repo.graph_ahead_behind(head, server).unwrap_or((0, 0));
                // The server's entries not here: not yet synced, unless this journal holds
                // them made again (the same author, time and subject), rewritten here.
                if behind > 0 {
                    let rewritten: Vec<_> = refs::left_out(repo, server, head)
                        .into_iter()
                        .filter(|entry| entry.made_again.is_some())
                        .collect();
                    if !rewritten.is_empty() {
                        published.push(Finding::PublishedRewritten {
                            remote_branch: format!("{remote}/{branch}"),
                            head: head.to_string(),
                            left_out: rewritten,
                        });
                    }
                }
                verification.server = Some(ServerStand {
                    remote_branch: format!("{remote}/{branch}"),
                    ahead,
                    behind,
                });
            }
        }
        verification.entries = state.entries;
        verification.filings = tags_in_journal.len();
        verification.signed_since.clone_from(&state.signed_since);
        verification.findings.clone_from(&state.findings);
        for read in &reflogs {
            verification.findings.extend(
                read.findings
                    .iter()
                    .filter_map(|f| still_left_out(repo, head, f)),
            );
        }
        verification.findings.extend(filing_findings);
        verification.findings.extend(published);
        saved::store(
            &git_dir,
            Saved {
                format: 0,
                key,
                head: head.to_string(),
                entries: state.entries,
                findings: state.findings,
                settings_blob: state.settings_blob.map(|blob| blob.to_string()),
                signed_since: state.signed_since,
                allowed_signers: state.allowed_signers.map(|blob| blob.to_string()),
                filings: state.filings,
                tags_in_journal,
                reflogs,
            },
        );
        Ok(verification)
    }

    /// The filing tags, not seen by an earlier run, whose message or tagger is not what the
    /// journal makes them with (`incident record` makes a missing one the same, byte for
    /// byte): a tag made again by hand with another time or case number.
    fn altered_filing_tags(
        &self,
        known: &[(String, String, String)],
        recorded: &[saved::RecordedFiling],
    ) -> Result<Vec<Finding>> {
        let repo = self.journal()?.repo();
        let mut findings = Vec::new();
        for filing in recorded {
            let Ok(reference) = repo.find_reference(&format!("refs/tags/{}", filing.tag)) else {
                continue;
            };
            let object = reference.target().map(|oid| oid.to_string());
            if known
                .iter()
                .any(|(tag, was, _)| *tag == filing.tag && Some(was) == object.as_ref())
            {
                continue;
            }
            let Ok(entry) =
                repo.find_commit(Oid::from_str(&filing.commit).unwrap_or(Oid::ZERO_SHA1))
            else {
                continue;
            };
            let Ok(tag) = reference.peel_to_tag() else {
                // A lightweight tag says nothing of what was filed, nor who recorded it.
                if reference.target() == Some(entry.id()) {
                    findings.push(Finding::FilingTagAltered {
                        tag: filing.tag.clone(),
                        commit: filing.commit.clone(),
                        incident: filing.incident.clone(),
                    });
                }
                continue;
            };
            if tag.target_id().to_string() != filing.commit {
                continue; // a moved tag: found by the check of where tags point
            }
            let expected = self.filing_tag_text(
                &filing.commit,
                &filing.tag,
                entry.message().unwrap_or_default(),
            )?;
            let author = entry.author();
            let same_tagger = tag.tagger().is_some_and(|tagger| {
                tagger.name_bytes() == author.name_bytes()
                    && tagger.email_bytes() == author.email_bytes()
                    && tagger.when() == author.when()
            });
            if expected.as_deref() != tag.message().ok().flatten() || !same_tagger {
                findings.push(Finding::FilingTagAltered {
                    tag: filing.tag.clone(),
                    commit: filing.commit.clone(),
                    incident: filing.incident.clone(),
                });
            }
        }
        Ok(findings)
    }

    /// The settings a saved run ended with, read again from their blob.
    fn settings_of_blob(
        &self,
        blob: Option<Oid>,
    ) -> Option<std::sync::Arc<(crate::domain::model::Settings, chrono_tz::Tz)>> {
        let repo = self.journal().ok()?.repo();
        let blob = repo.find_blob(blob?).ok()?;
        let text = String::from_utf8_lossy(blob.content());
        super::load::parse_settings(std::path::Path::new(super::layout::SETTINGS_FILE), &text)
            .ok()
            .map(std::sync::Arc::new)
    }
}

/// A move of a branch as it stands now: the entries it left out that the branch holds
/// again (a `git reset` undone, the entries synced back) are no longer missing, and a move
/// whose entries are all back is no finding.
fn still_left_out(repo: &git2::Repository, head: Oid, finding: &Finding) -> Option<Finding> {
    let back = |entry: &LeftOut| {
        Oid::from_str(&entry.commit)
            .is_ok_and(|oid| oid == head || repo.graph_descendant_of(head, oid).unwrap_or(false))
    };
    let mut finding = finding.clone();
    if let Finding::BranchRewritten { left_out, .. } = &mut finding {
        let before = left_out.len();
        left_out.retain(|entry| !back(entry));
        if before > 0 && left_out.is_empty() {
            return None;
        }
    }
    Some(finding)
}

/// The register's branch, for an auditor's clone too: the one `incident init` named in the
/// repository's config, else the server's default branch (`origin/HEAD`), else the branch
/// HEAD is on; a detached HEAD or another branch checked out is not the journal.
fn journal_branch(repo: &git2::Repository) -> (String, String) {
    let exists = |name: &str| repo.refname_to_id(name).is_ok();
    if let Ok(configured) = repo
        .config()
        .and_then(|config| config.get_string(super::journal::BRANCH_KEY))
    {
        return (configured.clone(), format!("refs/heads/{configured}"));
    }
    if let Ok(remote) = repo.find_reference("refs/remotes/origin/HEAD")
        && let Some(target) = remote.symbolic_target().ok().flatten()
        && let Some(name) = target.strip_prefix("refs/remotes/origin/")
    {
        let local = format!("refs/heads/{name}");
        return if exists(&local) {
            (name.to_string(), local)
        } else {
            (format!("origin/{name}"), target.to_string())
        };
    }
    // A server whose HEAD names no branch of its (a bare repository made with `git init
    // --bare` names `master`): its one branch.
    let remote_branches: Vec<String> = repo
        .references_glob("refs/remotes/origin/*")
        .map(|references| {
            references
                .flatten()
                .filter_map(|r| r.name().ok().map(String::from))
                .filter(|name| name != "refs/remotes/origin/HEAD")
                .collect()
        })
        .unwrap_or_default();
    if let [only] = remote_branches.as_slice()
        && let Some(name) = only.strip_prefix("refs/remotes/origin/")
    {
        let local = format!("refs/heads/{name}");
        return if exists(&local) {
            (name.to_string(), local)
        } else {
            (format!("origin/{name}"), only.clone())
        };
    }
    let branch = super::journal::register_branch(repo);
    (branch.clone(), format!("refs/heads/{branch}"))
}

/// The allowed-signers files of the run, one for each version of the list met, written
/// where `ssh-keygen` can read them and removed after.
struct AllowedSigners {
    folder: std::path::PathBuf,
    files: std::collections::HashMap<Oid, std::path::PathBuf>,
}

impl AllowedSigners {
    fn new(git_dir: &std::path::Path) -> Self {
        AllowedSigners {
            folder: git_dir.to_path_buf(),
            files: std::collections::HashMap::new(),
        }
    }

    /// The file of the list in blob `list`, written the first time it is asked for.
    fn file_of(&mut self, repo: &git2::Repository, list: Oid) -> Result<std::path::PathBuf> {
        if let Some(file) = self.files.get(&list) {
            return Ok(file.clone());
        }
        let blob = repo
            .find_blob(list)
            .map_err(super::journal::git_error("read the allowed signers"))?;
        let file = self.folder.join(format!(
            "incident-allowed-signers.{}.{}",
            std::process::id(),
            self.files.len()
        ));
        crate::store::files::write_atomically(&file, blob.content())?;
        self.files.insert(list, file.clone());
        Ok(file)
    }
}

impl Drop for AllowedSigners {
    fn drop(&mut self) {
        for file in self.files.values() {
            let _ = std::fs::remove_file(file);
        }
    }
}
