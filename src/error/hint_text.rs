//! The hint under an error: the command or setting that helps next, in the interface's
//! language. Commands, flags and file names stay as they are typed.

use super::{Error, GitBlocker, IndexProblem};
use crate::domain::Lang;

impl Error {
    /// The command or setting that helps next, when there is one.
    pub fn hint(&self, lang: Lang) -> Option<String> {
        Some(match self {
            Error::NoRegister { .. } => lang
                .pick(
                    "skapa ett med `incident init`, eller peka ut ett med --register MAPP eller INCIDENT_REGISTER",
                    "create one with `incident init`, or point to one with --register DIR or INCIDENT_REGISTER",
                )
                .to_string(),
            Error::NotARegister {
                path,
                is_folder: true,
            } => format!(
                "{} `incident init {}`",
                lang.pick("skapa ett med", "create one with"),
                path.display()
            ),
            Error::NotARegister { .. } => lang
                .pick(
                    "peka --register (eller INCIDENT_REGISTER) på registrets mapp",
                    "point --register (or INCIDENT_REGISTER) at the register's folder",
                )
                .to_string(),
            Error::NotJournaled { path } => match lang {
                Lang::Sv => format!(
                    "kör `incident init {}` för att ta över mappen som register",
                    path.display()
                ),
                Lang::En => format!(
                    "run `incident init {}` to adopt the folder as a register",
                    path.display()
                ),
            },
            Error::MissingAnswers {
                from_file: true, ..
            } => lang
                .pick(
                    "ange dem som flaggor, eller i en fil med --from FIL",
                    "pass them as flags, or in a file with --from FILE",
                )
                .to_string(),
            Error::MissingAnswers { .. } => lang
                .pick("ange dem som flaggor", "pass them as flags")
                .to_string(),
            Error::UnknownIncident { suggestions, .. } if suggestions.is_empty() => lang
                .pick(
                    "`incident list` visar incidenterna",
                    "`incident list` shows the incidents",
                )
                .to_string(),
            Error::UnknownIncident { suggestions, .. } => format!(
                "{} {}?",
                lang.pick("menade du", "did you mean"),
                suggestions.join(", ")
            ),
            Error::Busy { .. } => lang
                .pick(
                    "INCIDENT_LOCK_WAIT anger väntetiden i sekunder",
                    "INCIDENT_LOCK_WAIT sets the wait in seconds",
                )
                .to_string(),
            Error::GitState { blocker } => git_state_hint(blocker, lang),
            Error::DiscoveryNotInZone { .. } => lang
                .pick(
                    "`incident validate` visar vilken fil och rad som ska rättas",
                    "`incident validate` names the file and line to mend",
                )
                .to_string(),
            Error::NotAssessed { id, .. } => format!("`incident assess {id}`"),
            Error::AlreadyClosed { id } => {
                format!("`incident reopen {id}` {}", lang.pick("först", "first"))
            }
            Error::OpenMeasures { id, .. } => format!(
                "`incident log {id} --done N`{} `incident log {id} --defer N --reason TEXT`",
                lang.pick(", eller", ", or")
            ),
            Error::ObligationsOpen { id, obligations } => {
                let key = obligations.first().map_or("KEY", |o| o.duty.key());
                match lang {
                    Lang::Sv => format!(
                        "registrera dem med `incident notified` eller `incident contacted controller`; eller skriv av en med skäl, som journalförs: `incident close {id} --waive {key} --reason TEXT`"
                    ),
                    Lang::En => format!(
                        "record them with `incident notified` or `incident contacted controller`; or waive one with a reason, which is journaled: `incident close {id} --waive {key} --reason TEXT`"
                    ),
                }
            }
            Error::NoSuchMeasure { id, count: 0, .. } => format!(
                "{} `incident log {id} --planned --action TEXT --purpose {} --by {} --due {}`",
                lang.pick("planera en med", "plan one with"),
                lang.pick("SYFTE", "PURPOSE"),
                lang.pick("NAMN", "NAME"),
                lang.pick("DATUM", "DATE")
            ),
            Error::NoSuchMeasure { id, .. } => format!(
                "`incident show {id}` {}",
                lang.pick("listar dem med nummer", "lists them by number")
            ),
            Error::NotProcessor { .. } => lang
                .pick(
                    "ange `role: processor` och `controller:` i report.yaml om ni är personuppgiftsbiträde",
                    "set `role: processor` and `controller:` in report.yaml if you are the processor",
                )
                .to_string(),
            Error::NotInformingDataSubjects { id, .. } => {
                super::letter_text::not_informing_hint(id, lang)
            }
            Error::ResolutionNotEnded { id, .. } => super::letter_text::resolution_hint(id, lang),
            Error::NothingToSupplement { id } => {
                format!("`incident notified imy {id}` {}", lang.pick("först", "first"))
            }
            Error::NothingToExplain { id } => format!(
                "{} `incident assess {id}`",
                lang.pick("bedöm den med", "assess it with")
            ),
            Error::CaseClosed { id } => format!(
                "{} `incident reopen {id} --reason TEXT`",
                lang.pick("öppna ärendet igen först:", "reopen the case first:")
            ),
            Error::VerdictDropsDuties { .. } => lang
                .pick(
                    "kontrollera fakta i rapporten; är klassningen ändå rätt, kör kommandot igen med --confirm (--bekrafta)",
                    "check the report's facts; if the verdict is right all the same, run the command again with --confirm (--bekrafta)",
                )
                .to_string(),
            Error::ProcessorNotifiesController { id } => format!(
                "{} `incident export controller {id}`",
                lang.pick(
                    "underrättelsen till den personuppgiftsansvarige:",
                    "the notice to the controller:"
                )
            ),
            Error::NoImyForm { id, .. } => format!(
                "{} `incident verdict {id} personal_data_breach --reason TEXT`",
                lang.pick(
                    "visar det sig vara en personuppgiftsincident:",
                    "should it prove to be a personal data breach:"
                )
            ),
            Error::NoRemote { .. }
            | Error::Remote { .. }
            | Error::Renumbered { .. }
            | Error::PushRaced { .. }
            | Error::UnrelatedServer { .. }
            | Error::MergedInvalid { .. }
            | Error::SyncConflicts { .. } => super::sharing_text::hint(self, lang),
            Error::Regime { .. } => super::regime_text::hint(self, lang),
            Error::Import { problem, .. } => super::import_text::hint(problem, lang),
            Error::Signing { problem } => super::signing_text::hint(problem, lang),
            Error::Print { problem } => super::print_text::hint(problem, lang),
            Error::DepartureWithoutReason { .. } => lang
                .pick(
                    "skriv varför med --departure-reason TEXT",
                    "write why with --departure-reason TEXT",
                )
                .to_string(),
            _ => return None,
        })
    }
}

/// What to do about Git's state before the change can be made.
fn git_state_hint(blocker: &GitBlocker, lang: Lang) -> String {
    match blocker {
        GitBlocker::Detached { branch } | GitBlocker::OtherBranch { branch, .. } => format!(
            "`git switch {branch}`{}",
            lang.pick(
                ", och kör sedan kommandot igen",
                ", then run the command again"
            )
        ),
        GitBlocker::InProgress { operation } => operation.remedy(lang).to_string(),
        GitBlocker::Locked { path } => format!(
            "{} `rm {path}`",
            lang.pick(
                "om inget git-kommando körs, ta bort den:",
                "if no git command is running, delete it:"
            )
        ),
        GitBlocker::Shallow => lang
            .pick(
                "hämta hela historiken: `git fetch --unshallow`, och kör sedan `incident verify` igen",
                "fetch the whole history: `git fetch --unshallow`, then run `incident verify` again",
            )
            .to_string(),
        GitBlocker::Index {
            unusable: IndexProblem::Split,
        } => lang
            .pick(
                "stäng av det delade indexet: `git update-index --no-split-index && git config core.splitIndex false`, och kör sedan kommandot igen",
                "turn the split index off: `git update-index --no-split-index && git config core.splitIndex false`, then run the command again",
            )
            .to_string(),
        GitBlocker::Index {
            unusable: IndexProblem::Sparse,
        } => lang
            .pick(
                "stäng av det glesa indexet: `git sparse-checkout disable`, och kör sedan kommandot igen",
                "turn the sparse index off: `git sparse-checkout disable`, then run the command again",
            )
            .to_string(),
        GitBlocker::Index { .. } => lang
            .pick(
                "bygg indexet på nytt från den senaste journalposten: `rm .git/index && git reset` (filerna i mappen ändras inte), och kör sedan kommandot igen",
                "build the index again from the last journal entry: `rm .git/index && git reset` (the files in the folder are not changed), then run the command again",
            )
            .to_string(),
        GitBlocker::NotAdopted => lang
            .pick(
                "`incident init` tar över mappen: den kontrollerar filerna och committar dem som första journalpost",
                "`incident init` adopts the folder: it validates the files and commits them as the first entry",
            )
            .to_string(),
    }
}
