//! The words of every error and of its hint, in the interface's language: the one place
//! where a failure is put into words, so the call sites carry only data.
//!
//! The words are English in both languages until the Swedish ones are written (the issue
//! that makes the interface Swedish throughout); `lang` is already passed everywhere.

use super::{Error, FileProblem, GitBlocker, Meanwhile, Refusal};
use crate::domain::Lang;
use crate::domain::obligations::local;
use crate::domain::steps::Step;

/// A list of file problems, one an indented line, each ending its line.
pub(super) fn problem_lines(problems: &[FileProblem]) -> String {
    problems
        .iter()
        .map(|problem| format!("  {problem}\n"))
        .collect()
}

/// A commit id as Git shows it short; long enough to be unique in any register.
fn short(commit: &str) -> &str {
    commit.get(..10).unwrap_or(commit)
}

/// One reason a push was refused, with what the pusher does about it.
fn refusal_text(refusal: &Refusal, branch: &str, lang: Lang) -> String {
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
                text.push_str(&format!("\n      {problem}"));
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
    }
}

impl Error {
    /// What went wrong, with the data that locates it.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Error::NoRegister { start } => format!(
                "no register found in {} or any folder above it",
                start.display()
            ),
            Error::NotARegister {
                path,
                is_folder: true,
            } => format!(
                "{} is not a register: it has no incident.toml",
                path.display()
            ),
            Error::NotARegister { path, .. } => {
                format!("{} is not a register: it is not a folder", path.display())
            }
            Error::RegisterExists { path } => format!(
                "{} already holds a register (incident.toml and a Git repository); nothing was changed",
                path.display()
            ),
            Error::NotJournaled { path } => format!(
                "{} is not a Git repository, so changes cannot be journaled",
                path.display()
            ),
            Error::Invalid { count, problems } => format!(
                "{count} problem(s) in the register:\n{}",
                problem_lines(problems)
            ),
            Error::HandEditsInvalid { problems } => format!(
                "files edited by hand are not valid, so nothing was recorded; mend them and try again:\n{}",
                problem_lines(problems)
            ),
            Error::BadInput { what, problem } => format!("{what}: {}", problem.describe(lang)),
            Error::MissingAnswers {
                command, missing, ..
            } => {
                let mut text = format!(
                    "`incident {command}` needs answers that were not given, and it cannot ask for them (no terminal, or --no-input):"
                );
                for (flag, what) in missing {
                    text.push_str(&format!("\n  {flag:<28} {what}"));
                }
                text
            }
            Error::UnknownIncident { id, .. } => format!("no incident {id} in this register"),
            Error::NoAuthor => "no author for the journal: set one with --author \"Name <email>\", INCIDENT_AUTHOR, or git config user.name and user.email".to_string(),
                        Error::GitState { blocker } => match blocker {
                GitBlocker::Detached { .. } => "HEAD is detached (a commit was checked out, not a branch): a change recorded now would be on no branch and lost at the next `git switch`; nothing was recorded".to_string(),
                GitBlocker::OtherBranch { on, branch } => format!(
                    "HEAD is on the branch {on}, but the register's journal is the branch {branch}; nothing was recorded"
                ),
                GitBlocker::InProgress { operation } => format!(
                    "a git {} is in progress in the register; nothing was recorded",
                    operation.name()
                ),
                GitBlocker::Locked { path } => format!(
                    "{path} is a lock file of git's, left by a git command that is running or did not finish; nothing was recorded"
                ),
                GitBlocker::NotAdopted => "the folder is a Git repository, but its journal does not hold the register (incident.toml was never committed); nothing was recorded".to_string(),
            },
            Error::Concurrent { what } => {
                let what = match what {
                    Meanwhile::Incident { id, created: false } => {
                        format!("{id} was changed by another command")
                    }
                    Meanwhile::Incident { id, created: true } => {
                        format!("{id} was created by another command")
                    }
                    Meanwhile::Settings => {
                        "incident.toml was changed by another command".to_string()
                    }
                    Meanwhile::Branch { detail } => detail.clone(),
                };
                format!(
                    "the register changed while this command ran ({what}); nothing was recorded, run it again"
                )
            }
            Error::Busy { waited } => format!(
                "the register is busy: another command is recording a change (waited {waited:.1} s); nothing was recorded, try again"
            ),
            Error::Io {
                action,
                path,
                source,
            } => format!("could not {action} {}: {source}", path.display()),
            Error::Git { action, message } => format!("git: could not {action}: {message}"),
            Error::Prompt { message } => format!("the prompt failed: {message}"),
            Error::DiscoveryNotInZone { id } => format!(
                "{id}: the discovery time does not exist in the register's timezone, so no deadline can run from it"
            ),
            Error::NotAssessed { id, step } => match step {
                Step::G | Step::H => format!(
                    "{id} has no risk assessment: every incident is assessed and documented before it is closed (step C; GDPR Art. 33(5))"
                ),
                step => format!(
                    "{id} has no risk assessment: step C comes before step {}",
                    step.letter()
                ),
            },
            Error::AlreadyClosed { id } => format!("{id} is already closed"),
            Error::NotClosed { id } => format!("{id} is not closed"),
            Error::OpenMeasures { id, measures } => {
                let mut text = format!(
                    "{id} cannot be closed while planned measures are open (the municipal process, step H: close after the measures):"
                );
                for (number, measure) in measures {
                    text.push_str(&format!("\n  {number}. {measure}"));
                }
                text
            }
            Error::ObligationsOpen { id, obligations } => {
                let mut text = match lang {
                    Lang::Sv => format!(
                        "{id} kan inte avslutas medan dessa skyldigheter enligt lag är öppna:"
                    ),
                    Lang::En => format!(
                        "{id} cannot be closed while these obligations of the law are open:"
                    ),
                };
                for obligation in obligations {
                    text.push_str(&format!(
                        "\n  {} ({}), {} {}: {} [{}]",
                        obligation.duty.label(lang),
                        obligation.duty.rule_in(lang),
                        lang.pick("senast", "due"),
                        local(obligation.due),
                        obligation.state.label(lang),
                        obligation.duty.key()
                    ));
                }
                text
            }
            Error::NoSuchMeasure { id, flag, count: 0 } => {
                format!("{flag}: {id} has no planned measures")
            }
            Error::NoSuchMeasure { id, flag, count } => format!(
                "{flag}: {id} has {count} planned measure(s); give a number from 1 to {count}"
            ),
            Error::NotProcessor { id } => format!(
                "{id} is recorded with the organisation as controller; a controller notifies IMY, a processor its controller (GDPR Art. 33(2))"
            ),
            Error::NothingToSupplement { id } => {
                format!("{id} has no notification to IMY recorded to supplement")
            }
            Error::NothingToExplain { id } => {
                format!("{id} has no risk assessment yet to explain")
            }
            Error::DepartureWithoutReason {
                band,
                severity,
                recommendation,
            } => format!(
                "--departure-reason: the decision departs from the recommendation for a {} risk (SE {severity}): {recommendation}",
                band.key()
            ),
            Error::SequenceExhausted { year, last } => {
                format!("the sequence numbers of {year} are used up (the last is {last})")
            }
            Error::Unrenderable { file, message } => format!("cannot write {file}: {message}"),
            Error::NoSettings => "no settings to write".to_string(),
            Error::NoRemote { .. }
            | Error::Remote { .. }
            | Error::Renumbered { .. }
            | Error::PushRaced { .. }
            | Error::UnrelatedServer { .. }
            | Error::MergedInvalid { .. }
            | Error::SyncConflicts { .. } => super::sharing_text::message(self, lang),
            Error::VerdictDropsDuties {
                id,
                verdict,
                duties,
            } => {
                let mut text = format!(
                    "{id}: {} \"{}\" {}",
                    lang.pick("klassningen", "the verdict"),
                    verdict.label(lang),
                    lang.pick(
                        "tar bort skyldigheter enligt lag som fortfarande är öppna:",
                        "takes away duties of the law that are still open:"
                    )
                );
                for obligation in duties {
                    text.push_str(&format!(
                        "\n  {} ({}), {}",
                        obligation.duty.label(lang),
                        obligation.duty.rule_in(lang),
                        local(obligation.due)
                    ));
                }
                text
            }
            Error::CaseClosed { id } => format!(
                "{id}: {}",
                lang.pick(
                    "ärendet är avslutat med alla skyldigheter enligt lag uppfyllda, och ändringen skulle öppna en ny; inget registrerades",
                    "the case is closed with every duty of the law met, and the change would open one again; nothing was recorded"
                )
            ),
            Error::ProcessorNotifiesController { id } => format!(
                "{id}: {}",
                lang.pick(
                    "ni är personuppgiftsbiträde för behandlingen: den personuppgiftsansvarige anmäler till IMY, och ni underrättar den personuppgiftsansvarige utan onödigt dröjsmål (GDPR art. 33.2)",
                    "you are the processor for this processing: the controller notifies IMY, and you notify the controller without undue delay (GDPR Art. 33(2))"
                )
            ),
            Error::NoImyForm { id, verdict } => format!(
                "{id}: {} {}; {}",
                lang.pick("ingen anmälan till IMY: klassningen är", "no notification to IMY: the verdict is"),
                verdict.label(lang),
                verdict.consequence(lang).unwrap_or_default()
            ),
            Error::Regime { .. } => super::regime_text::message(self, lang),
            Error::PushRefused { branch, refusals } => {
                let mut text = match lang {
                    Lang::Sv => format!(
                        "pushen till registrets gren {branch} avvisades; ingenting ändrades på servern:"
                    ),
                    Lang::En => format!(
                        "the push to the register's branch {branch} was refused; nothing was changed on the server:"
                    ),
                };
                for refusal in refusals {
                    text.push_str("\n  - ");
                    text.push_str(&refusal_text(refusal, branch, lang));
                }
                text
            }
        }
    }

    /// The command or setting that helps next, when there is one.
    pub fn hint(&self, lang: Lang) -> Option<String> {
        let _ = lang;
        Some(match self {
            Error::NoRegister { .. } => "create one with `incident init`, or point to one with --register DIR or INCIDENT_REGISTER".to_string(),
            Error::NotARegister {
                path,
                is_folder: true,
            } => format!("create one with `incident init {}`", path.display()),
            Error::NotARegister { .. } => "point --register (or INCIDENT_REGISTER) at the register's folder".to_string(),
            Error::NotJournaled { path } => format!(
                "run `incident init {}` to adopt the folder as a register",
                path.display()
            ),
            Error::MissingAnswers { from_file: true, .. } => {
                "pass them as flags, or in a file with --from FILE".to_string()
            }
            Error::MissingAnswers { .. } => "pass them as flags".to_string(),
            Error::UnknownIncident { suggestions, .. } if suggestions.is_empty() => {
                "`incident list` shows the incidents".to_string()
            }
            Error::UnknownIncident { suggestions, .. } => {
                format!("did you mean {}?", suggestions.join(", "))
            }
                        Error::Busy { .. } => "INCIDENT_LOCK_WAIT sets the wait in seconds".to_string(),
            Error::GitState { blocker } => match blocker {
                GitBlocker::Detached { branch } | GitBlocker::OtherBranch { branch, .. } => {
                    format!("`git switch {branch}`, then run the command again")
                }
                GitBlocker::InProgress { operation } => operation.remedy().to_string(),
                GitBlocker::Locked { path } => {
                    format!("if no git command is running, delete it: `rm {path}`")
                }
                GitBlocker::NotAdopted => {
                    "`incident init` adopts the folder: it validates the files and commits them as the first entry".to_string()
                }
            },
            Error::DiscoveryNotInZone { .. } => {
                "`incident validate` names the file and line to mend".to_string()
            }
            Error::NotAssessed { id, .. } => format!("`incident assess {id}`"),
            Error::AlreadyClosed { id } => format!("`incident reopen {id}` first"),
            Error::OpenMeasures { id, .. } => format!(
                "`incident log {id} --done N`, or `incident log {id} --defer N --reason TEXT`"
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
                "plan one with `incident log {id} --planned --action TEXT --purpose mitigate|prevent`"
            ),
            Error::NoSuchMeasure { id, .. } => {
                format!("`incident show {id}` lists them by number")
            }
            Error::NotProcessor { .. } => {
                "set `role: processor` and `controller:` in report.yaml if you are the processor"
                    .to_string()
            }
            Error::NothingToSupplement { id } => format!("`incident notified imy {id}` first"),
            Error::NothingToExplain { id } => format!("assess it with `incident assess {id}`"),
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
            Error::DepartureWithoutReason { .. } => {
                "write why with --departure-reason TEXT".to_string()
            }
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::domain::IncidentId;
    use crate::error::exit;

    #[test]
    fn a_hint_is_printed_under_the_message_never_inside_it() {
        let id: IncidentId = "2026-0001".parse().unwrap();
        let error = Error::OpenMeasures {
            id: id.clone(),
            measures: vec![(2, "Byt rutin".into())],
        };
        assert_eq!(
            error.full_text(Lang::En),
            "2026-0001 cannot be closed while planned measures are open (the municipal process, step H: close after the measures):\n  2. Byt rutin\n  hint: `incident log 2026-0001 --done N`, or `incident log 2026-0001 --defer N --reason TEXT`"
        );
        assert!(!error.message(Lang::En).contains("hint"));
        assert_eq!(error.exit_code(), exit::REFUSED);
        let none = Error::NoSuchMeasure {
            id,
            flag: "--done".into(),
            count: 0,
        };
        assert_eq!(
            none.message(Lang::En),
            "--done: 2026-0001 has no planned measures"
        );
        assert!(none.hint(Lang::En).unwrap().contains("--planned"));
    }

    #[test]
    fn missing_answers_are_listed_one_a_line() {
        let error = Error::MissingAnswers {
            command: "new".into(),
            missing: vec![("--title TEXT".into(), "a short title".into())],
            from_file: true,
        };
        assert_eq!(
            error.full_text(Lang::En),
            "`incident new` needs answers that were not given, and it cannot ask for them (no terminal, or --no-input):\n  --title TEXT                 a short title\n  hint: pass them as flags, or in a file with --from FILE"
        );
        let not_found = Error::NotARegister {
            path: PathBuf::from("kommun"),
            is_folder: true,
        };
        assert_eq!(
            not_found.to_string(),
            "kommun is not a register: it has no incident.toml\n  hint: create one with `incident init kommun`"
        );
    }

    #[test]
    fn a_refused_push_names_the_commit_the_file_and_what_to_do_in_both_languages() {
        let commit = "0123456789abcdef0123456789abcdef01234567".to_string();
        let error = Error::PushRefused {
            branch: "main".into(),
            refusals: vec![Refusal::InvalidFiles {
                commit,
                problems: vec![FileProblem {
                    file: PathBuf::from("incidents/2026/2026-0001/report.yaml"),
                    line: Some(3),
                    column: None,
                    field: None,
                    message: "is broken".into(),
                }],
            }],
        };
        assert_eq!(
            error.message(Lang::En),
            "the push to the register's branch main was refused; nothing was changed on the server:\n  - commit 0123456789 holds files that are not valid:\n      incidents/2026/2026-0001/report.yaml:3: is broken\n    mend them in your clone (`incident validate` names them), record the fix with `incident record -m WHY`, then push again"
        );
        let swedish = error.message(Lang::Sv);
        assert!(
            swedish.starts_with("pushen till registrets gren main avvisades"),
            "{swedish}"
        );
        assert!(swedish.contains("report.yaml:3: is broken"), "{swedish}");
        assert_eq!(error.exit_code(), exit::REFUSED);
    }
}
