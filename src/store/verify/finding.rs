//! What `incident verify` finds: each finding names the commit and, where there is one, the
//! incident, and says what it means and what to do, in both languages.

use serde::{Deserialize, Serialize};

use crate::domain::Bilingual;
use crate::error::FileProblem;

/// One deviation of the journal from what the tool records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Finding {
    /// A commit changed register files without being an entry of the tool (no `Event`,
    /// `Change` or `Incident` trailer): made with Git directly, so nobody recorded why.
    NotAnEntry {
        commit: String,
        subject: String,
        incidents: Vec<String>,
        paths: Vec<String>,
    },
    /// A Git merge whose result is not the merge of its two sides in these files: they
    /// were edited inside the merge, where no entry records why.
    MergeChanged {
        commit: String,
        subject: String,
        incidents: Vec<String>,
        paths: Vec<String>,
    },
    /// A commit holds a register file that is invalid as of that commit.
    InvalidFile {
        commit: String,
        subject: String,
        incident: Option<String>,
        problems: Vec<FileProblem>,
    },
    /// The branch was moved to a history that does not contain where it was (an amended,
    /// dropped or rebased entry; `git reset`), by something other than the tool's sync.
    BranchRewritten {
        branch: String,
        from: String,
        to: String,
        /// Git's reflog message for the move (`commit (amend): …`, `reset: moving to …`).
        how: String,
        /// The entries the branch held before the move and no longer holds.
        left_out: Vec<LeftOut>,
    },
    /// A filing's tag points to a commit the journal no longer contains.
    FilingNotInJournal {
        tag: String,
        commit: String,
        incident: Option<String>,
    },
    /// An entry records a filing (`Filing:` trailer) whose tag is missing or points
    /// elsewhere: the tag was deleted or moved.
    FilingTagMissing {
        tag: String,
        commit: String,
        incident: Option<String>,
        /// Where the tag points now, if it exists.
        points_to: Option<String>,
    },
    /// A filing's tag whose message or tagger is not what the journal makes it with: made
    /// again by hand with another time, case number or author.
    FilingTagAltered {
        tag: String,
        commit: String,
        incident: Option<String>,
    },
    /// The server's branch, as this clone last fetched it, moved to a history that does not
    /// contain where it was: the server's history was rewritten (a force push).
    ServerRewritten {
        remote_branch: String,
        from: String,
        to: String,
        left_out: Vec<LeftOut>,
    },
    /// Entries of the server's branch that this journal holds made again, with other
    /// content: published entries were rewritten here (amended, rebased), found even where
    /// the reflog no longer tells it.
    PublishedRewritten {
        remote_branch: String,
        /// The branch's commit.
        head: String,
        left_out: Vec<LeftOut>,
    },
    /// An entry after `require_signed` that is not signed, or whose signature does not
    /// verify against the register's allowed signers.
    NotSigned {
        commit: String,
        subject: String,
        incident: Option<String>,
        /// Whether it carries a signature at all.
        signed: bool,
        /// Why a signature does not hold: an unknown key, a bad signature (the
        /// verifying program's words).
        detail: String,
    },
}

/// An entry a rewrite left out, and whether an entry of the same author, time and subject
/// is in the journal now (made again, with whatever content) or not (dropped).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeftOut {
    pub commit: String,
    pub subject: String,
    pub made_again: Option<String>,
}

impl Finding {
    /// The commit the finding is about.
    pub fn commit(&self) -> &str {
        match self {
            Finding::NotAnEntry { commit, .. }
            | Finding::MergeChanged { commit, .. }
            | Finding::InvalidFile { commit, .. }
            | Finding::FilingNotInJournal { commit, .. }
            | Finding::FilingTagMissing { commit, .. }
            | Finding::FilingTagAltered { commit, .. }
            | Finding::NotSigned { commit, .. } => commit,
            Finding::BranchRewritten { to, .. } | Finding::ServerRewritten { to, .. } => to,
            Finding::PublishedRewritten { head, .. } => head,
        }
    }

    /// The incidents the finding is about (none for the branch as a whole).
    pub fn incidents(&self) -> Vec<String> {
        match self {
            Finding::NotAnEntry { incidents, .. } | Finding::MergeChanged { incidents, .. } => {
                incidents.clone()
            }
            Finding::InvalidFile { incident, .. }
            | Finding::FilingNotInJournal { incident, .. }
            | Finding::FilingTagMissing { incident, .. }
            | Finding::FilingTagAltered { incident, .. }
            | Finding::NotSigned { incident, .. } => incident.iter().cloned().collect(),
            Finding::BranchRewritten { .. }
            | Finding::ServerRewritten { .. }
            | Finding::PublishedRewritten { .. } => Vec::new(),
        }
    }

    /// What was found and what to do, in both languages (without the commit and incident,
    /// which the output puts before it).
    pub fn describe(&self) -> Bilingual {
        match self {
            Finding::NotAnEntry { subject, paths, .. } => Bilingual::new(
                format!(
                    "ändrar registerfiler ({}) utan att vara en journalpost från verktyget (\"{subject}\"): gjord med git direkt, så ingen har angett varför. Kontrollera ändringen med `git show`; ändra filer för hand och låt verktyget journalföra dem (`incident record`).",
                    paths.join(", ")
                ),
                format!(
                    "changes register files ({}) without being an entry of the tool (\"{subject}\"): made with git directly, so nobody recorded why. Check the change with `git show`; edit files by hand and let the tool record them (`incident record`).",
                    paths.join(", ")
                ),
            ),
            Finding::MergeChanged { subject, paths, .. } => Bilingual::new(
                format!(
                    "sammanslagningen (\"{subject}\") ändrar {} utöver vad sammanslagningen av dess två sidor ger: en ändring gjord inne i sammanslagningen, som ingen journalpost anger. Kontrollera den med `git show --cc`; ändra filer för hand efteråt och låt verktyget journalföra dem (`incident record`).",
                    paths.join(", ")
                ),
                format!(
                    "the merge (\"{subject}\") changes {} beyond what merging its two sides gives: a change made inside the merge, which no entry records. Check it with `git show --cc`; edit files by hand afterwards and let the tool record them (`incident record`).",
                    paths.join(", ")
                ),
            ),
            Finding::InvalidFile {
                subject, problems, ..
            } => {
                let list = |lang| {
                    problems
                        .iter()
                        .map(|p| p.render(lang))
                        .collect::<Vec<_>>()
                        .join("; ")
                };
                Bilingual::new(
                    format!(
                        "journalposten (\"{subject}\") innehåller en ogiltig fil: {}",
                        list(crate::domain::Lang::Sv)
                    ),
                    format!(
                        "the entry (\"{subject}\") holds an invalid file: {}",
                        list(crate::domain::Lang::En)
                    ),
                )
            }
            Finding::BranchRewritten {
                branch,
                from,
                how,
                left_out,
                ..
            } => Bilingual::new(
                format!(
                    "grenen {branch} flyttades från {} till en historik som inte innehåller den ({how}): journalen skrevs om. {}",
                    short(from),
                    left_out_text(left_out, crate::domain::Lang::Sv)
                ),
                format!(
                    "the branch {branch} was moved from {} to a history that does not contain it ({how}): the journal was rewritten. {}",
                    short(from),
                    left_out_text(left_out, crate::domain::Lang::En)
                ),
            ),
            Finding::FilingNotInJournal { tag, .. } => Bilingual::new(
                format!(
                    "inlämningens tagg {tag} pekar på en journalpost som inte längre finns i journalen: historiken skrevs om efter inlämningen."
                ),
                format!(
                    "the filing's tag {tag} points to an entry the journal no longer contains: the history was rewritten after the filing."
                ),
            ),
            Finding::FilingTagAltered { tag, .. } => Bilingual::new(
                format!(
                    "inlämningens tagg {tag} säger något annat än journalposten den pekar på (tid, diarienummer eller vem som registrerade): taggen har gjorts om för hand. Jämför `git show {tag}` med posten; ta bort taggen och låt `incident record` göra den igen ur journalen."
                ),
                format!(
                    "the filing's tag {tag} says something other than the entry it points at (the time, the case number or who recorded it): the tag was made again by hand. Compare `git show {tag}` with the entry; delete the tag and let `incident record` make it again from the journal."
                ),
            ),
            Finding::FilingTagMissing { tag, points_to, .. } => match points_to {
                None => Bilingual::new(
                    format!(
                        "journalposten registrerar en inlämning men taggen {tag} saknas: den har tagits bort. `incident record` gör den igen ur journalposten; finns registret på en server har servern den också."
                    ),
                    format!(
                        "the entry records a filing but its tag {tag} is missing: it was deleted. `incident record` makes it again from the entry; a register on a server has it there too."
                    ),
                ),
                Some(other) => Bilingual::new(
                    format!(
                        "journalposten registrerar en inlämning men taggen {tag} pekar på {}: taggen har flyttats.",
                        short(other)
                    ),
                    format!(
                        "the entry records a filing but its tag {tag} points to {}: the tag was moved.",
                        short(other)
                    ),
                ),
            },
            Finding::ServerRewritten {
                remote_branch,
                from,
                left_out,
                ..
            } => Bilingual::new(
                format!(
                    "serverns gren {remote_branch} flyttades från {} till en historik som inte innehåller den: serverns historik skrevs om (force push). {}",
                    short(from),
                    left_out_text(left_out, crate::domain::Lang::Sv)
                ),
                format!(
                    "the server's branch {remote_branch} was moved from {} to a history that does not contain it: the server's history was rewritten (a force push). {}",
                    short(from),
                    left_out_text(left_out, crate::domain::Lang::En)
                ),
            ),
            Finding::PublishedRewritten {
                remote_branch,
                left_out,
                ..
            } => Bilingual::new(
                format!(
                    "poster som redan finns på serverns gren {remote_branch} har gjorts om här med annat innehåll (ändrade med git commit --amend eller git rebase): publicerad historik skrevs om. {}",
                    left_out_text(left_out, crate::domain::Lang::Sv)
                ),
                format!(
                    "entries already on the server's branch {remote_branch} were made again here with other content (changed with git commit --amend or git rebase): published history was rewritten. {}",
                    left_out_text(left_out, crate::domain::Lang::En)
                ),
            ),
            Finding::NotSigned {
                subject,
                signed: false,
                ..
            } => Bilingual::new(
                format!(
                    "journalposten (\"{subject}\") är inte signerad, fast registret kräver signerade poster (require_signed i incident.toml)."
                ),
                format!(
                    "the entry (\"{subject}\") is not signed, though the register requires signed entries (require_signed in incident.toml)."
                ),
            ),
            Finding::NotSigned {
                subject, detail, ..
            } if detail.is_empty() => Bilingual::new(
                format!(
                    "journalposten (\"{subject}\") är signerad, men registret hade ingen lista över tillåtna signerare före den (.allowed_signers, eller filen allowed_signers i incident.toml anger): lägg till listan i en signerad post innan signerade poster krävs."
                ),
                format!(
                    "the entry (\"{subject}\") is signed, but the register held no list of allowed signers before it (.allowed_signers, or the file allowed_signers in incident.toml names): add the list in a signed entry before signed entries are required."
                ),
            ),
            Finding::NotSigned {
                subject, detail, ..
            } => Bilingual::new(
                format!(
                    "journalposten (\"{subject}\") är signerad, men inte med en nyckel i registrets lista över tillåtna signerare, eller så stämmer signaturen inte (kontrollprogrammets ord: {detail}); registret kräver signerade poster (require_signed)."
                ),
                format!(
                    "the entry (\"{subject}\") is signed, but not by a key in the register's allowed signers, or the signature does not hold (the checking program's words: {detail}); the register requires signed entries (require_signed)."
                ),
            ),
        }
    }
}

/// The entries a rewrite left out, as a sentence.
fn left_out_text(left_out: &[LeftOut], lang: crate::domain::Lang) -> String {
    if left_out.is_empty() {
        return String::new();
    }
    let items: Vec<String> = left_out
        .iter()
        .map(|entry| match &entry.made_again {
            Some(again) => format!(
                "{} \"{}\" ({} {})",
                short(&entry.commit),
                entry.subject,
                lang.pick("gjord om som", "made again as"),
                short(again)
            ),
            None => format!(
                "{} \"{}\" ({})",
                short(&entry.commit),
                entry.subject,
                lang.pick("saknas", "missing")
            ),
        })
        .collect();
    format!(
        "{} {}",
        lang.pick("Poster som inte längre finns:", "Entries no longer there:"),
        items.join("; ")
    )
}

/// A commit id as people quote it.
pub fn short(commit: &str) -> &str {
    commit.get(..10).unwrap_or(commit)
}
