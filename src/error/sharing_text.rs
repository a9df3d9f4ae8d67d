//! The words of the errors of sharing a register through a Git server (`incident sync`,
//! `clone`, `sync = "auto"`), in Swedish and in English.

use super::text::problem_lines;
use super::{Error, SyncConflict};
use crate::domain::Lang;

/// What went wrong, for the sharing errors; empty for any other.
pub(super) fn message(error: &Error, lang: Lang) -> String {
    let sv = lang == Lang::Sv;
    match error {
        Error::NoRemote { remotes } if remotes.is_empty() => lang
            .pick(
                "registret har ingen Git-server att synka med (ingen remote)",
                "the register has no Git server to sync with (no remote)",
            )
            .to_string(),
        Error::NoRemote { remotes } if sv => format!(
            "registret har flera remotes ({}) och dess gren anger ingen att synka med",
            remotes.join(", ")
        ),
        Error::NoRemote { remotes } => format!(
            "the register has several remotes ({}) and its branch names none to sync with",
            remotes.join(", ")
        ),
        Error::Remote {
            action,
            message,
            unreachable: true,
        } => format!(
            "git {action}: {}:\n  {}",
            lang.pick(
                "servern kunde inte nås; inget skickades eller hämtades",
                "the server could not be reached; nothing was sent or received"
            ),
            message.replace('\n', "\n  ")
        ),
        Error::Remote {
            action, message, ..
        } => format!(
            "git {action} {}:\n  {}",
            lang.pick("misslyckades", "failed"),
            message.replace('\n', "\n  ")
        ),
        Error::Renumbered { was, is } if sv => format!(
            "{was} var ett preliminärt id: synken före den här ändringen gav incidenten id {is}, eftersom servern redan gett {was} till en annan incident; inget registrerades"
        ),
        Error::Renumbered { was, is } => format!(
            "{was} was a provisional id: the sync before this change gave that incident the id {is}, because the server had given {was} to another incident; nothing was recorded"
        ),
        Error::PushRaced { rounds } if sv => format!(
            "andra hann skicka till servern före {rounds} gånger i rad; posterna här är sammanslagna med deras och finns kvar, ännu inte skickade"
        ),
        Error::PushRaced { rounds } => format!(
            "others pushed to the server first {rounds} times in a row; the entries here are merged with theirs and kept, not yet pushed"
        ),
        Error::UnrelatedServer { remote } if sv => format!(
            "servern {remote} har en gren utan gemensam historik med det här registret: ett annat register, eller ett nyskapat; inget slogs ihop eller skickades"
        ),
        Error::UnrelatedServer { remote } => format!(
            "the server {remote} holds a branch with no history in common with this register: another register, or one made anew; nothing was merged or pushed"
        ),
        Error::MergedInvalid { problems } => format!(
            "{}:\n{}",
            lang.pick(
                "posterna här och serverns, var för sig giltiga, skulle tillsammans ge filer som bryter mot en regel; inget slogs ihop eller skickades",
                "the entries here and the server's, each valid, would together make files that break a rule; nothing was merged or pushed"
            ),
            problem_lines(problems, lang)
        ),
        Error::SyncConflicts {
            conflicts,
            recorded_first,
        } => {
            let mut text = format!(
                "{} {}:",
                conflicts.len(),
                lang.pick(
                    "fält har fått olika värden här och på servern; inget slogs ihop eller skickades",
                    "field(s) were given different values here and on the server; nothing was merged or pushed"
                )
            );
            for conflict in conflicts {
                text.push_str(&conflict.lines(lang));
            }
            if let Some(subject) = recorded_first {
                text.push_str(&format!(
                    "\n  ({} {subject})",
                    lang.pick(
                        "handredigeringar registrerades först, som en egen post:",
                        "edits by hand were recorded first, as their own entry:"
                    )
                ));
            }
            text
        }
        _ => String::new(),
    }
}

/// What to do, for the sharing errors; empty for any other.
pub(super) fn hint(error: &Error, lang: Lang) -> String {
    match error {
        Error::NoRemote { remotes } if remotes.is_empty() => lang.pick(
            "lägg till servern: `git remote add origin URL`, sedan `incident sync`; eller börja från servern med `incident clone URL`",
            "add the server: `git remote add origin URL`, then `incident sync`; or start from the server with `incident clone URL`",
        ).to_string(),
        Error::NoRemote { .. } => lang.pick(
            "ange vilken som gäller: `git branch --set-upstream-to=REMOTE/GREN`",
            "name the one to use: `git branch --set-upstream-to=REMOTE/BRANCH`",
        ).to_string(),
        // A clone that failed has nothing here yet: nothing stays and nothing is to sync.
        Error::Remote { action, .. } if action == "clone" => lang.pick(
            "inget klonades; kontrollera adressen och att servern går att nå, och kör `incident clone` igen",
            "nothing was cloned; check the address and that the server can be reached, then run `incident clone` again",
        ).to_string(),
        Error::Remote { unreachable: true, .. } => lang.pick(
            "posterna finns kvar här; kör `incident sync` igen när servern går att nå",
            "the entries stay here; run `incident sync` again when the server can be reached",
        ).to_string(),
        Error::Remote { .. } => lang.pick(
            "det git skriver ovan är serverns svar; posterna finns kvar här",
            "what git says above is the server's answer; the entries stay here",
        ).to_string(),
        Error::Renumbered { is, .. } => format!(
            "{} {is}",
            lang.pick("kör kommandot igen med", "run the command again with")
        ),
        Error::PushRaced { .. } => lang.pick(
            "kör `incident sync` igen om en stund",
            "run `incident sync` again in a moment",
        ).to_string(),
        Error::UnrelatedServer { .. } => lang.pick(
            "kontrollera remotens adress (`git remote -v`); ett register delas från en enda `incident init`, de andra börjar med `incident clone URL`",
            "check the remote's URL (`git remote -v`); a register is shared from one `incident init`, the others start with `incident clone URL`",
        ).to_string(),
        Error::MergedInvalid { .. } => lang.pick(
            "de två sidorna ändrade delar av samma uppgifter: gör den här sidan överens med serverns (redigera filen, sedan `incident record -m VARFÖR`) och synka igen",
            "the two sides changed parts of the same facts: make this side agree with the server's (edit the file, then `incident record -m WHY`), then sync again",
        ).to_string(),
        Error::SyncConflicts { .. } => lang.pick(
            "välj för alla med `incident sync --keep mine` eller `--keep theirs`, eller kör `incident sync` i en terminal och välj ett i taget",
            "choose for all with `incident sync --keep mine` or `--keep theirs`, or run `incident sync` at a terminal to choose one by one",
        ).to_string(),
        _ => String::new(),
    }
}

impl SyncConflict {
    /// The conflict as lines: where, then each side's value, by whom and when.
    pub fn lines(&self, lang: Lang) -> String {
        let file = self.path.rsplit('/').next().unwrap_or(&self.path);
        let whole = lang.pick("hela filen", "the whole file");
        let place = match (&self.incident, self.field.is_empty()) {
            (Some(id), false) => format!("{id}, {file}: {}", self.field),
            (Some(id), true) => format!("{id}, {file} ({whole})"),
            (None, false) => format!("{}: {}", self.path, self.field),
            (None, true) => format!("{} ({whole})", self.path),
        };
        let theirs_by = match &self.theirs_by {
            Some((who, at)) => format!("{who}, {}", at.format("%Y-%m-%d %H:%M")),
            None => lang.pick("servern", "the server").to_string(),
        };
        let (mine, theirs) = match lang {
            Lang::Sv => ("min:  ", "deras:"),
            Lang::En => ("mine:  ", "theirs:"),
        };
        format!(
            "\n  {place}\n    {mine} {}   ({}, {})\n    {theirs} {}   ({theirs_by})",
            self.mine,
            self.mine_by,
            self.mine_at.format("%Y-%m-%d %H:%M"),
            self.theirs,
        )
    }
}
