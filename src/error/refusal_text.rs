//! The words of a push the server's `pre-receive` hook refuses, one reason at a time, in
//! Swedish and in English.

use super::Refusal;
use super::text::short;
use crate::domain::Lang;

/// One reason a push was refused, with what the pusher does about it.
pub(super) fn refusal_text(refusal: &Refusal, branch: &str, lang: Lang) -> String {
    match (refusal, lang) {
        (Refusal::Deleted, Lang::Sv) => format!(
            "den tar bort grenen {branch}, och med den journalen; registrets gren på servern tas aldrig bort"
        ),
        (Refusal::Deleted, Lang::En) => format!(
            "it deletes the branch {branch}, and with it the journal; the register's branch on the server is never deleted"
        ),
        (Refusal::Rewritten { old, new }, Lang::Sv) => format!(
            "den skriver om journalen: serverns commit {} finns inte i historiken för den pushade commiten {} (en force-push efter amend, rebase eller reset), så journalposter skulle gå förlorade; hämta och slå ihop serverns gren med `git pull --no-rebase` och pusha igen utan --force",
            short(old),
            short(new)
        ),
        (Refusal::Rewritten { old, new }, Lang::En) => format!(
            "it rewrites the journal: the server's commit {} is not in the history of the pushed commit {} (a force-push after an amend, rebase or reset), so journal entries would be lost; fetch and merge the server's branch with `git pull --no-rebase`, then push again without --force",
            short(old),
            short(new)
        ),
        (Refusal::InvalidFiles { commit, problems }, _) => {
            let mut text = match lang {
                Lang::Sv => format!("commit {} har filer som inte är giltiga:", short(commit)),
                Lang::En => format!("commit {} holds files that are not valid:", short(commit)),
            };
            for problem in problems {
                text.push_str(&format!("\n      {}", problem.render(lang)));
            }
            text.push_str("\n    ");
            text.push_str(lang.pick(
                "rätta dem i din klon (`incident validate` visar dem), registrera rättelsen med `incident record -m VARFÖR` och pusha igen",
                "mend them in your clone (`incident validate` names them), record the fix with `incident record -m WHY`, then push again",
            ));
            text
        }
        (
            Refusal::DuplicateId {
                commit,
                id,
                parents: [first, second],
            },
            Lang::Sv,
        ) => format!(
            "sammanslagningen {} ger två incidenter id {id}: både {} och {} lägger till {} (två kloner registrerade var sin ny incident); ångra sammanslagningen i din klon (`git reset --hard {}`), ge den ena incidenten nästa lediga id (flytta mappen med `git mv` och ändra `id:` i dess report.yaml, `incident record -m VARFÖR`), slå ihop och pusha igen",
            short(commit),
            short(first),
            short(second),
            id.folder(),
            short(first)
        ),
        (
            Refusal::DuplicateId {
                commit,
                id,
                parents: [first, second],
            },
            Lang::En,
        ) => format!(
            "the merge {} gives the id {id} to two incidents: both {} and {} add {} (two clones each recorded a new incident); undo the merge in your clone (`git reset --hard {}`), give one of the incidents the next free id (move its folder with `git mv` and change `id:` in its report.yaml, `incident record -m WHY`), then merge and push again",
            short(commit),
            short(first),
            short(second),
            id.folder(),
            short(first)
        ),
        (Refusal::FiledTagChanged { tag, deleted }, Lang::Sv) => format!(
            "den {} inlämningstaggen {tag}: en inlämning är en fast punkt i journalen och ändras aldrig; ta bort ändringen ur pushen (`git push` utan taggen, eller `git fetch --tags` för serverns tagg)",
            if *deleted { "tar bort" } else { "flyttar" }
        ),
        (Refusal::FiledTagChanged { tag, deleted }, Lang::En) => format!(
            "it {} the filed tag {tag}: a filing is a fixed point of the journal and never changes; leave that change out of the push (`git push` without the tag, or `git fetch --tags` for the server's tag)",
            if *deleted { "deletes" } else { "moves" }
        ),
        (Refusal::FiledTagOutside { tag, commit }, Lang::Sv) => format!(
            "inlämningstaggen {tag} pekar på {}, som inte finns i grenen {branch}; pusha grenen med journalposten först (`incident sync`)",
            short(commit)
        ),
        (Refusal::FiledTagOutside { tag, commit }, Lang::En) => format!(
            "the filed tag {tag} points at {}, which is not in the branch {branch}; push the branch with its journal entry first (`incident sync`)",
            short(commit)
        ),
    }
}
