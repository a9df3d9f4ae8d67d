//! The words of every error, in the interface's language (Swedish or English): the one
//! place where a failure is put into words, so the call sites carry only data. The hints
//! are in [`super::hint_text`], a refused push's reasons in [`super::refusal_text`].
//!
//! What others wrote stays as they wrote it: Git's and the operating system's messages,
//! the YAML reader's, and the step Git was taking when it failed.

use super::refusal_text::refusal_text;
use super::{Error, FileProblem, GitBlocker, IndexDamage, IndexProblem, Meanwhile};
use crate::domain::Lang;
use crate::domain::obligations::local;
use crate::domain::steps::Step;

/// A list of file problems, one an indented line, each ending its line.
pub(super) fn problem_lines(problems: &[FileProblem], lang: Lang) -> String {
    problems
        .iter()
        .map(|problem| format!("  {}\n", problem.render(lang)))
        .collect()
}

/// A commit id as Git shows it short; long enough to be unique in any register.
pub(super) fn short(commit: &str) -> &str {
    commit.get(..10).unwrap_or(commit)
}

/// What a file operation was doing, in Swedish; the English words of the call site are
/// the key, and one not listed here is shown as written.
fn io_action(action: &'static str, lang: Lang) -> &'static str {
    if lang == Lang::En {
        return action;
    }
    match action {
        "read" => "läsa",
        "write" => "skriva",
        "create" => "skapa",
        "create the folder" => "skapa mappen",
        "remove" => "ta bort",
        "replace" => "ersätta",
        "flush" => "skriva till disken",
        "read the folder" => "läsa mappen",
        "read the current folder" => "läsa den aktuella mappen",
        "open the register lock" => "öppna registrets lås",
        "copy the index to" => "kopiera indexet till",
        "replace the index with" => "ersätta indexet med",
        "remove the lock a killed change left," => "ta bort låset som en avbruten ändring lämnade,",
        "render the man page to" => "skriva manualsidan till",
        "set aside the saved intake" => "lägga undan de sparade svaren",
        "start" => "starta",
        other => other,
    }
}

impl Error {
    /// What went wrong, with the data that locates it.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Error::NoRegister { start } => match lang {
                Lang::Sv => format!(
                    "inget register hittades i {} eller i någon mapp ovanför den",
                    start.display()
                ),
                Lang::En => format!(
                    "no register found in {} or any folder above it",
                    start.display()
                ),
            },
            Error::NotARegister {
                path,
                is_folder: true,
            } => format!(
                "{} {}",
                path.display(),
                lang.pick(
                    "är inget register: incident.toml saknas",
                    "is not a register: it has no incident.toml"
                )
            ),
            Error::NotARegister { path, .. } => format!(
                "{} {}",
                path.display(),
                lang.pick(
                    "är inget register: det är ingen mapp",
                    "is not a register: it is not a folder"
                )
            ),
            Error::RegisterExists { path } => format!(
                "{} {}",
                path.display(),
                lang.pick(
                    "innehåller redan ett register (incident.toml och ett Git-arkiv); ingenting ändrades",
                    "already holds a register (incident.toml and a Git repository); nothing was changed"
                )
            ),
            Error::NotJournaled { path } => format!(
                "{} {}",
                path.display(),
                lang.pick(
                    "är inget Git-arkiv, så ändringar kan inte journalföras",
                    "is not a Git repository, so changes cannot be journaled"
                )
            ),
            Error::Invalid { count, problems } => format!(
                "{count} {}:\n{}",
                match (lang, *count == 1) {
                    (Lang::Sv, _) => "problem i registret",
                    (Lang::En, true) => "problem in the register",
                    (Lang::En, false) => "problems in the register",
                },
                problem_lines(problems, lang)
            ),
            Error::HandEditsInvalid { problems } => format!(
                "{}:\n{}",
                lang.pick(
                    "filer som ändrats för hand är inte giltiga, så ingenting registrerades; rätta dem och försök igen",
                    "files edited by hand are not valid, so nothing was recorded; mend them and try again"
                ),
                problem_lines(problems, lang)
            ),
            Error::AnswersDisagree { problems } => {
                let mut text = lang
                    .pick(
                        "svaren går inte ihop, så ingenting registrerades:",
                        "the answers do not agree, so nothing was recorded:",
                    )
                    .to_string();
                for problem in problems {
                    match &problem.field {
                        Some(field) => {
                            // The answer's flag: the field's first part (`controller.org_number`
                            // is `--controller`).
                            let flag = field.split('.').next().unwrap_or(field).replace('_', "-");
                            text.push_str(&format!("\n  --{flag}: {}", problem.message.get(lang)));
                        }
                        None => text.push_str(&format!("\n  {}", problem.message.get(lang))),
                    }
                }
                text
            }
            Error::BadInput { what, problem } => format!("{what}: {}", problem.describe(lang)),
            Error::MissingAnswers {
                command, missing, ..
            } => {
                let mut text = match lang {
                    Lang::Sv => format!(
                        "`incident {command}` behöver svar som inte angavs, och kan inte fråga efter dem (ingen terminal, eller --no-input):"
                    ),
                    Lang::En => format!(
                        "`incident {command}` needs answers that were not given, and it cannot ask for them (no terminal, or --no-input):"
                    ),
                };
                for (flag, what) in missing {
                    let flag = crate::cli::help::placeholders_in(flag, lang);
                    text.push_str(&format!("\n  {flag:<28} {what}"));
                }
                text
            }
            Error::UnknownIncident { id, .. } => match lang {
                Lang::Sv => format!("det finns ingen incident {id} i registret"),
                Lang::En => format!("no incident {id} in this register"),
            },
            Error::NoAuthor => lang
                .pick(
                    "journalen saknar författare: ange en med --author \"Namn <e-post>\", INCIDENT_AUTHOR, eller git config user.name och user.email",
                    "no author for the journal: set one with --author \"Name <email>\", INCIDENT_AUTHOR, or git config user.name and user.email",
                )
                .to_string(),
            Error::GitState { blocker } => git_state_message(blocker, lang),
            Error::Concurrent { what } => {
                let what = match (what, lang) {
                    (Meanwhile::Incident { id, created: false }, Lang::Sv) => {
                        format!("{id} ändrades av ett annat kommando")
                    }
                    (Meanwhile::Incident { id, created: false }, Lang::En) => {
                        format!("{id} was changed by another command")
                    }
                    (Meanwhile::Incident { id, created: true }, Lang::Sv) => {
                        format!("{id} skapades av ett annat kommando")
                    }
                    (Meanwhile::Incident { id, created: true }, Lang::En) => {
                        format!("{id} was created by another command")
                    }
                    (Meanwhile::Settings, _) => lang
                        .pick(
                            "incident.toml ändrades av ett annat kommando",
                            "incident.toml was changed by another command",
                        )
                        .to_string(),
                    // Git's own words.
                    (Meanwhile::Branch { detail }, _) => detail.clone(),
                };
                match lang {
                    Lang::Sv => format!(
                        "registret ändrades medan kommandot kördes ({what}); ingenting registrerades, kör det igen"
                    ),
                    Lang::En => format!(
                        "the register changed while this command ran ({what}); nothing was recorded, run it again"
                    ),
                }
            }
            Error::Busy { waited } => match lang {
                Lang::Sv => format!(
                    "registret är upptaget: ett annat kommando registrerar en ändring (väntade {} s); ingenting registrerades, försök igen",
                    lang.decimal_places(*waited, 1)
                ),
                Lang::En => format!(
                    "the register is busy: another command is recording a change (waited {waited:.1} s); nothing was recorded, try again"
                ),
            },
            Error::Io {
                action,
                path,
                source,
            } => format!(
                "{} {} {}: {source}",
                lang.pick("kunde inte", "could not"),
                io_action(action, lang),
                path.display()
            ),
            // The step is the call site's and the message libgit2's, both in English.
            Error::Git { action, message } => match lang {
                Lang::Sv => format!("git misslyckades (\"{action}\"): {message}"),
                Lang::En => format!("git: could not {action}: {message}"),
            },
            Error::FilingNotTagged { tag, detail } => match lang {
                Lang::Sv => format!(
                    "inlämningens tagg {tag} kunde inte skapas ({detail}); journalposten namnger den (`Filing:`), så nästa ändring eller `incident record` skapar den"
                ),
                Lang::En => format!(
                    "the filing's tag {tag} could not be made ({detail}); the journal entry names it (`Filing:`), so the next change or `incident record` makes it"
                ),
            },
            Error::Prompt { message } => format!(
                "{}: {message}",
                lang.pick("frågan i terminalen misslyckades", "the prompt failed")
            ),
            Error::DiscoveryNotInZone { id } => format!(
                "{id}: {}",
                lang.pick(
                    "tiden för upptäckten finns inte i registrets tidszon, så ingen tidsfrist kan räknas från den",
                    "the discovery time does not exist in the register's timezone, so no deadline can run from it"
                )
            ),
            Error::NotAssessed { id, step } => match (step, lang) {
                (Step::G | Step::H, Lang::Sv) => format!(
                    "{id} har ingen riskbedömning: varje incident bedöms och dokumenteras innan ärendet avslutas (steg C; GDPR art. 33.5)"
                ),
                (Step::G | Step::H, Lang::En) => format!(
                    "{id} has no risk assessment: every incident is assessed and documented before it is closed (step C; GDPR Art. 33(5))"
                ),
                (step, Lang::Sv) => format!(
                    "{id} har ingen riskbedömning: steg C kommer före steg {}",
                    step.letter()
                ),
                (step, Lang::En) => format!(
                    "{id} has no risk assessment: step C comes before step {}",
                    step.letter()
                ),
            },
            Error::AlreadyClosed { id } => {
                format!("{id} {}", lang.pick("är redan avslutad", "is already closed"))
            }
            Error::NotClosed { id } => {
                format!("{id} {}", lang.pick("är inte avslutad", "is not closed"))
            }
            Error::OpenMeasures { id, measures } => {
                let mut text = format!(
                    "{id} {}:",
                    lang.pick(
                        "kan inte avslutas medan planerade åtgärder är öppna (kommunens process, steg H: avsluta ärendet efter åtgärderna)",
                        "cannot be closed while planned measures are open (the municipal process, step H: close after the measures)"
                    )
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
            Error::NoSuchMeasure { id, flag, count: 0 } => format!(
                "{flag}: {id} {}",
                lang.pick("har inga planerade åtgärder", "has no planned measures")
            ),
            Error::NoSuchMeasure { id, flag, count } => match lang {
                Lang::Sv if *count == 1 => format!(
                    "{flag}: {id} har 1 planerad åtgärd; ange nummer 1"
                ),
                Lang::Sv => format!(
                    "{flag}: {id} har {count} planerade åtgärder; ange ett nummer från 1 till {count}"
                ),
                Lang::En => format!(
                    "{flag}: {id} has {count} planned measure(s); give a number from 1 to {count}"
                ),
            },
            Error::NotProcessor { id } => format!(
                "{id} {}",
                lang.pick(
                    "är registrerad med organisationen som personuppgiftsansvarig; den personuppgiftsansvarige anmäler till IMY, ett personuppgiftsbiträde underrättar sin personuppgiftsansvarige (GDPR art. 33.2)",
                    "is recorded with the organisation as controller; a controller notifies IMY, a processor its controller (GDPR Art. 33(2))"
                )
            ),
            Error::NotInformingDataSubjects { id, decision } => {
                super::letter_text::not_informing(id, decision, lang)
            }
            Error::ResolutionNotEnded { id, ongoing } => {
                super::letter_text::resolution_not_ended(id, *ongoing, lang)
            }
            Error::NothingToSupplement { id } => format!(
                "{id} {}",
                lang.pick(
                    "har ingen registrerad anmälan till IMY att komplettera",
                    "has no notification to IMY recorded to supplement"
                )
            ),
            Error::NothingToExplain { id } => format!(
                "{id} {}",
                lang.pick(
                    "har ännu ingen riskbedömning att förklara",
                    "has no risk assessment yet to explain"
                )
            ),
            Error::DepartureWithoutReason {
                band,
                severity,
                recommendation,
            } => match lang {
                Lang::Sv => format!(
                    "--departure-reason: beslutet avviker från rekommendationen för risknivån {} (SE {}): {recommendation}",
                    band.label(lang),
                    lang.decimal(*severity)
                ),
                Lang::En => format!(
                    "--departure-reason: the decision departs from the recommendation for a {} risk (SE {severity}): {recommendation}",
                    band.key()
                ),
            },
            Error::SequenceExhausted { year, last } => match lang {
                Lang::Sv => format!("löpnumren för {year} är slut (det sista är {last})"),
                Lang::En => {
                    format!("the sequence numbers of {year} are used up (the last is {last})")
                }
            },
            Error::Unrenderable { file, message } => format!(
                "{} {file}: {message}",
                lang.pick("kan inte skriva", "cannot write")
            ),
            Error::NoSettings => lang
                .pick("inga inställningar att skriva", "no settings to write")
                .to_string(),
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
            Error::Import { file, problem } => super::import_text::message(file, problem, lang),
            Error::Signing { problem } => super::signing_text::message(problem, lang),
            Error::Print { problem } => super::print_text::message(problem, lang),
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
}

/// Why Git's index cannot be updated; the change was refused before its commit.
fn index_message(unusable: &IndexProblem, lang: Lang) -> String {
    let why = match unusable {
        IndexProblem::Split => lang
            .pick(
                "Git:s index är delat (core.splitIndex), och ett delat index kan incident inte uppdatera",
                "Git's index is split (core.splitIndex), and incident cannot update a split index",
            )
            .to_string(),
        IndexProblem::Sparse => lang
            .pick(
                "Git:s index är glest (sparse index), och ett glest index kan incident inte uppdatera",
                "Git's index is sparse (a sparse index), and incident cannot update a sparse index",
            )
            .to_string(),
        IndexProblem::Extension(signature) => format!(
            "{} {}{}",
            lang.pick("Git:s index har tillägget", "Git's index has the extension"),
            signature,
            lang.pick(
                ", som incident inte känner till och inte kan bevara",
                ", which incident does not know and cannot keep"
            )
        ),
        IndexProblem::Version(version) => match lang {
            Lang::Sv => format!(
                "Git:s index har format {version}; incident kan uppdatera format 2, 3 och 4"
            ),
            Lang::En => {
                format!("Git's index is in format {version}; incident can update formats 2, 3 and 4")
            }
        },
        IndexProblem::Damaged(damage) => format!(
            "{}: {}",
            lang.pick("Git:s index (.git/index) är skadat", "Git's index (.git/index) is damaged"),
            match damage {
                IndexDamage::NotAnIndex => lang.pick("det är inte en indexfil", "it is not an index file"),
                IndexDamage::CutShort => lang.pick("det är avkortat", "it is cut short"),
                IndexDamage::Checksum => lang.pick(
                    "dess kontrollsumma stämmer inte med innehållet",
                    "its checksum does not match its content"
                ),
            }
        ),
    };
    format!(
        "{why}; {}",
        lang.pick("ingenting registrerades", "nothing was recorded")
    )
}

/// Why Git's state keeps the change from being made.
fn git_state_message(blocker: &GitBlocker, lang: Lang) -> String {
    match (blocker, lang) {
        (GitBlocker::Detached { .. }, _) => lang
            .pick(
                "HEAD är frikopplad (en commit är utcheckad, inte en gren): en ändring som registreras nu hamnar inte på någon gren och går förlorad vid nästa `git switch`; ingenting registrerades",
                "HEAD is detached (a commit was checked out, not a branch): a change recorded now would be on no branch and lost at the next `git switch`; nothing was recorded",
            )
            .to_string(),
        (GitBlocker::OtherBranch { on, branch }, Lang::Sv) => format!(
            "HEAD står på grenen {on}, men registrets journal är grenen {branch}; ingenting registrerades"
        ),
        (GitBlocker::OtherBranch { on, branch }, Lang::En) => format!(
            "HEAD is on the branch {on}, but the register's journal is the branch {branch}; nothing was recorded"
        ),
        (GitBlocker::InProgress { operation }, Lang::Sv) => format!(
            "en git {} pågår i registret; ingenting registrerades",
            operation.name()
        ),
        (GitBlocker::InProgress { operation }, Lang::En) => format!(
            "a git {} is in progress in the register; nothing was recorded",
            operation.name()
        ),
        (GitBlocker::Locked { path }, Lang::Sv) => format!(
            "{path} är en låsfil som git har lämnat, från ett git-kommando som körs eller inte avslutades; ingenting registrerades"
        ),
        (GitBlocker::Locked { path }, Lang::En) => format!(
            "{path} is a lock file of git's, left by a git command that is running or did not finish; nothing was recorded"
        ),
        (GitBlocker::Shallow, _) => lang
            .pick(
                "förrådet är en grund klon (git clone --depth): journalen före dess gräns finns inte här, så den kan inte kontrolleras",
                "the repository is a shallow clone (git clone --depth): the journal before its cut is not here, so it cannot be checked",
            )
            .to_string(),
        (GitBlocker::Index { unusable }, _) => index_message(unusable, lang),
        (GitBlocker::NotAdopted, _) => lang
            .pick(
                "mappen är ett Git-arkiv, men dess journal innehåller inte registret (incident.toml har aldrig committats); ingenting registrerades",
                "the folder is a Git repository, but its journal does not hold the register (incident.toml was never committed); nothing was recorded",
            )
            .to_string(),
    }
}
