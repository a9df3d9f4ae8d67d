//! What a person typed that cannot be used, and what was expected instead: a value of a
//! flag, an answer at a prompt, a line of a `--from` file. Each problem carries its data;
//! its wording comes from [`InputError::describe`] in the interface's language, the one
//! place that says it in words.

use std::fmt;

use super::Lang;
use super::plausibility::{Impossible, Recorded};

mod journal;
mod mail;
pub use journal::JournalInput;
pub use mail::MailInput;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputError {
    /// Not a calendar date that exists (`YYYY-MM-DD`).
    NotADate {
        text: String,
    },
    /// Not a clock time `HH:MM`.
    NotAClockTime {
        text: String,
    },
    /// A local time the register's zone skips (the change to summer time).
    SkippedTime {
        text: String,
        zone: String,
    },
    /// Not a count: a number, an interval or an open interval.
    NotACount {
        text: String,
    },
    /// An option key the IMY question does not have: the options it has, and the nearest
    /// one when one is near.
    UnknownOption {
        question: u8,
        key: String,
        suggestion: Option<String>,
        known: Vec<String>,
    },
    /// An option that needs its comment (the form's "Övrigt", or an answer typed as text).
    CommentNeeded {
        key: String,
        flag: String,
    },
    /// A party (processor, controller) without a name.
    NoName,
    /// A customer's name that is empty.
    NoCustomerName,
    NotABreachType {
        text: String,
    },
    NotARole {
        text: String,
    },
    /// A moment of awareness before the discovery: the 72 hours would run from earlier
    /// than the discovery already says (EDPB Guidelines 9/2022 paras 31–34).
    AwareBeforeDiscovery {
        aware: String,
        discovered: String,
    },
    /// A text that must say something (a reason) given empty.
    EmptyText,
    /// A duty closing cannot waive (the IMY notification, its late reason).
    NotWaivable {
        key: String,
    },
    /// A regime's classification for a register that does not follow the regime.
    RegimeNotFollowed {
        regime: String,
    },
    /// Data answered unintelligible that the report says were not encrypted.
    UnintelligibleButNotEncrypted,
    /// The CSIRT's deadline for an intermediate report before its request.
    DueBeforeRequest {
        due: String,
        requested: String,
    },
    /// A moment of awareness after the notification to IMY it should precede.
    AwareAfterNotification {
        aware: String,
        notified: String,
    },
    /// A GDPR Art. 34(3) exception where the risk is not high: informing the data subjects
    /// is not owed, so nothing is excepted from.
    ExceptionNotForBand {
        exception: String,
        band: String,
    },
    /// GDPR Art. 34(3)(a) claimed while the data are not answered as unintelligible.
    UnintelligibleNotAnswered,
    /// An ENISA data category below the one the report's data (IMY question 26) imply,
    /// without a written reason (ENISA 2013 §3.2).
    CategoryBelowReport {
        chosen: String,
        implied: String,
        keys: Vec<String>,
    },
    /// A time that cannot be true: a notice before the discovery, a supplement before
    /// its notification (see [`super::plausibility`]).
    ImpossibleTime {
        what: Recorded,
        at: String,
        why: Impossible,
    },
    /// A moment more than a day after now, not confirmed (see [`super::plausibility`]).
    UnlikelyTime {
        what: Recorded,
        at: String,
        now: String,
    },
    /// Not `Name <email>`.
    NotAnAuthor {
        text: String,
    },
    NotAnOrgNumber {
        text: String,
    },
    /// A postal address needs both its postal code and its city (IMY question 3).
    AddressIncomplete,
    /// A number outside what may be set (an environment variable).
    OutOfRange {
        text: String,
        unit: &'static str,
        max: &'static str,
    },
    /// A waiver of an obligation that is not an open obligation of the law of the incident:
    /// the key given and the keys of the open ones.
    NothingToWaive {
        key: String,
        open: Vec<String>,
    },
    /// IMY question 35's option `public_communication` says the public has been informed
    /// (GDPR Art. 34(3)(c)); it is not, as far as the register knows.
    PublicNotInformed {
        id: String,
    },
    /// A notice to a customer not among the customers listed as affected: a misspelling
    /// would list a customer of its own, with three obligations.
    UnknownCustomer {
        id: String,
        name: String,
        listed: Vec<String>,
    },
    /// A `--from` file larger than a register file may be.
    TooLarge {
        limit: u64,
    },
    /// A named pipe no program wrote to within the wait.
    NoWriter {
        seconds: u64,
    },
    /// A `--from` file that cannot be read as the partial file it stands for; the message
    /// is the YAML reader's.
    UnreadableFile {
        message: super::Bilingual,
    },
    /// A CSIRT's request (`--requested-at`, `--due`) given with another report than an
    /// intermediate one (NIS2 Art. 23(4)(c)).
    RequestNotIntermediate,
    /// A regime the tool's catalogue/regimes.toml does not hold.
    UnknownRegime {
        key: String,
        known: Vec<String>,
    },
    /// A report its regime does not have (or one recorded by another command).
    UnknownRegimeReport {
        key: String,
        known: Vec<String>,
    },
    /// A moment or an answer the journal cannot be read at (`--as-of`, `history --field`).
    Journal(JournalInput),
    /// An e-mail `new --from-mail` cannot take in.
    Mail(MailInput),
}

impl InputError {
    /// The problem in words, in `lang`; reached only here. A file the YAML reader cannot
    /// read keeps the reader's own (English) words.
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            InputError::NotADate { text } => format!(
                "`{text}` {}",
                lang.pick(
                    "är inget datum som finns: skriv ÅÅÅÅ-MM-DD, t.ex. 2026-03-27",
                    "is not a date that exists: expected YYYY-MM-DD, e.g. 2026-03-27"
                )
            ),
            InputError::NotAClockTime { text } => format!(
                "`{text}` {}",
                lang.pick(
                    "är inget klockslag: skriv TT:MM (24-timmars), t.ex. 08:30",
                    "is not a clock time: expected HH:MM (24-hour), e.g. 08:30"
                )
            ),
            InputError::SkippedTime { text, zone } => match lang {
                Lang::Sv => {
                    format!("{text} finns inte i tidszonen {zone} (övergången till sommartid)")
                }
                Lang::En => format!("{text} does not exist in {zone} (the change to summer time)"),
            },
            InputError::NotACount { text } => format!(
                "`{text}` {}",
                lang.pick(
                    "är inget antal: ange ett tal (12), ett intervall (1-10) eller ett öppet intervall (1000+)",
                    "is not a count: give a number (12), an interval (1-10) or an open interval (1000+)"
                )
            ),
            InputError::UnknownOption {
                question,
                key,
                suggestion,
                known,
            } => {
                let mut text = match lang {
                    Lang::Sv => format!(
                        "`{key}` är inget svarsalternativ på IMY fråga {question}; alternativen är: {}",
                        known.join(", ")
                    ),
                    Lang::En => format!(
                        "`{key}` is not an option of IMY question {question}; the options are: {}",
                        known.join(", ")
                    ),
                };
                if let Some(near) = suggestion {
                    text.push_str(&format!(
                        " ({} `{near}`?)",
                        lang.pick("menade du", "did you mean")
                    ));
                }
                text
            }
            InputError::CommentNeeded { key, flag } => match lang {
                Lang::Sv => format!("`{key}` behöver sin kommentar: lägg till {flag}-comment TEXT"),
                Lang::En => format!("`{key}` needs its comment: add {flag}-comment TEXT"),
            },
            InputError::NoCustomerName => lang
                .pick(
                    "kundens namn är tomt: skriv det som kunden heter",
                    "the customer's name is empty: write the customer's name",
                )
                .to_string(),
            InputError::NoName => lang
                .pick(
                    "organisationens namn är tomt",
                    "the organisation's name is empty",
                )
                .to_string(),
            InputError::NotABreachType { text } => format!(
                "`{text}` {}",
                lang.pick(
                    "är ingen typ av incident: ange confidentiality (konfidentialitet), integrity (riktighet) eller availability (tillgänglighet)",
                    "is not a breach type: use confidentiality, integrity or availability"
                )
            ),
            InputError::NotARole { text } => format!(
                "`{text}` {}",
                lang.pick(
                    "är ingen roll: ange controller (personuppgiftsansvarig) eller processor (personuppgiftsbiträde)",
                    "is not a role: use controller or processor"
                )
            ),
            InputError::ExceptionNotForBand { exception, band } => match lang {
                Lang::Sv => format!(
                    "undantaget `{exception}` i GDPR art. 34.3 gäller bara när risken är hög (art. 34.1); här är risken {}, så de registrerade behöver inte informeras i något fall: utelämna --exception",
                    swedish_band(band)
                ),
                Lang::En => format!(
                    "the GDPR Art. 34(3) exception `{exception}` applies only where the risk is high (Art. 34(1)); this risk is {band}, so the data subjects need not be informed in any case: leave --exception out"
                ),
            },
            InputError::UnintelligibleNotAnswered => lang
                .pick(
                    "GDPR art. 34.3 a gäller bara personuppgifter som gjorts oläsbara för obehöriga (t.ex. krypterade, med nyckeln i säkerhet): svara --unintelligible yes om de var det, eller välj ett annat undantag",
                    "GDPR Art. 34(3)(a) applies only to data made unintelligible to anyone not authorised (e.g. encrypted, the key safe): answer --unintelligible yes if they were, or choose another exception",
                )
                .to_string(),
            InputError::AwareBeforeDiscovery { aware, discovered } => match lang {
                Lang::Sv => format!(
                    "vetskapen ({aware}) kan inte komma före upptäckten ({discovered}); 72 timmar räknas från upptäckten om ingen senare vetskap anges (GDPR art. 33.1)"
                ),
                Lang::En => format!(
                    "awareness ({aware}) cannot come before the discovery ({discovered}); the 72 hours run from the discovery unless a later awareness is given (GDPR Art. 33(1))"
                ),
            },
            InputError::CategoryBelowReport {
                chosen,
                implied,
                keys,
            } => format!(
                "{} `{chosen}` {} `{implied}`{} ({}{}); {} --dpc-justification TEXT {} --category {implied}",
                lang.pick("kategorin", "the category"),
                lang.pick("ligger under", "is below"),
                lang.pick(
                    ", som rapportens uppgifter pekar på",
                    ", which the report's data imply"
                ),
                keys.join(", "),
                lang.pick(", IMY fråga 26", ", IMY question 26"),
                lang.pick(
                    "ENISA 2013 §3.2 och EDPB:s riktlinjer 9/2022 kräver den högsta berörda kategorin och en skriftlig motivering för varje justering: skriv varför med",
                    "ENISA 2013 §3.2 and EDPB Guidelines 9/2022 ask for the highest category concerned and a written reason for any adjustment: write why with"
                ),
                lang.pick("eller välj", "or choose"),
            ),
            InputError::UnintelligibleButNotEncrypted => lang
                .pick(
                    "rapporten säger att personuppgifterna inte var krypterade (IMY fråga 27), så de kan inte räknas som oläsbara för obehöriga (GDPR art. 34.3 a): svara --unintelligible no, eller rätta rapporten först (`encrypted: true` i report.yaml, sedan `incident record`) om de var krypterade",
                    "the report says the personal data were not encrypted (IMY question 27), so they cannot count as unintelligible to anyone not authorised (GDPR Art. 34(3)(a)): answer --unintelligible no, or mend the report first (`encrypted: true` in report.yaml, then `incident record`) if they were encrypted",
                )
                .to_string(),
            InputError::RegimeNotFollowed { regime } => match lang {
                Lang::Sv => format!(
                    "registret följer inte regelverket `{regime}` (incident.toml: regimes); lägg till det där först, eller utelämna flaggan"
                ),
                Lang::En => format!(
                    "the register does not follow the regime `{regime}` (incident.toml: regimes); add it there first, or leave the flag out"
                ),
            },
            InputError::NotWaivable { key } => match lang {
                Lang::Sv => format!(
                    "`{key}` kan inte avskrivas vid avslut: anmälan till IMY krävs om inte riskbedömningen visar att incidenten sannolikt inte medför en risk (GDPR art. 33.1); ändra beslutet med motivering i `incident assess` (--departure-reason), eller registrera anmälan med `incident notified imy` (med --late-reason när den är sen)"
                ),
                Lang::En => format!(
                    "`{key}` cannot be waived at closing: notifying IMY is owed unless the risk assessment finds the breach unlikely to result in a risk (GDPR Art. 33(1)); change the decision with its reason in `incident assess` (--departure-reason), or record the notification with `incident notified imy` (with --late-reason when it is late)"
                ),
            },
            InputError::EmptyText => lang
                .pick(
                    "får inte vara tom: skriv skälet, så att beslutet kan prövas i efterhand (GDPR art. 33.5)",
                    "must not be empty: write the reason, so that the decision can be checked afterwards (GDPR Art. 33(5))",
                )
                .to_string(),
            InputError::DueBeforeRequest { due, requested } => match lang {
                Lang::Sv => format!(
                    "CSIRT:ens frist ({due}) kan inte komma före dess begäran ({requested}) (NIS2 art. 23.4 c): ange fristen som begäran gav"
                ),
                Lang::En => format!(
                    "the CSIRT's deadline ({due}) cannot come before its request ({requested}) (NIS2 Art. 23(4)(c)): give the deadline the request named"
                ),
            },
            InputError::AwareAfterNotification { aware, notified } => match lang {
                Lang::Sv => format!(
                    "vetskapen ({aware}) kan inte komma efter anmälan till IMY ({notified}): den som anmäler en incident har vetskap om den (GDPR art. 33.1); ange när ni fick vetskap, senast vid anmälan"
                ),
                Lang::En => format!(
                    "awareness ({aware}) cannot come after the notification to IMY ({notified}): whoever notifies a breach is aware of it (GDPR Art. 33(1)); give when you became aware, at the latest at the notification"
                ),
            },
            InputError::ImpossibleTime { what, at, why } => impossible_time(*what, at, why, lang),
            InputError::UnlikelyTime { what, at, now } => unlikely_time(*what, at, now, lang),
            InputError::NotAnAuthor { text } => format!(
                "`{text}` {}",
                lang.pick("är inte \"Namn <e-post>\"", "is not \"Name <email>\"")
            ),
            InputError::NotAnOrgNumber { text } => format!(
                "`{text}` {}",
                lang.pick(
                    "är inget organisationsnummer: skriv NNNNNN-NNNN",
                    "is not an organisation number: expected NNNNNN-NNNN"
                )
            ),
            InputError::AddressIncomplete => lang
                .pick(
                    "en postadress behöver både postnummer och ort (IMY fråga 3)",
                    "a postal address needs both the postal code and the city (IMY question 3)",
                )
                .to_string(),
            InputError::OutOfRange { text, unit, max } => match lang {
                Lang::Sv => format!(
                    "`{text}` är inget antal {} från 0 till {max}",
                    swedish_unit(unit)
                ),
                Lang::En => format!("`{text}` is not a number of {unit} from 0 to {max}"),
            },
            InputError::TooLarge { limit } => match lang {
                Lang::Sv => format!(
                    "är större än {limit} byte (1 MiB), gränsen för en fil i registret: förvara bilagor utanför registret"
                ),
                Lang::En => format!(
                    "is larger than {limit} bytes (1 MiB), the most a register file holds: keep attachments outside the register"
                ),
            },
            InputError::NoWriter { seconds } => match lang {
                Lang::Sv => format!(
                    "är en namngiven pipe som inget program skrev till inom {seconds} s (INCIDENT_LOCK_WAIT)"
                ),
                Lang::En => format!(
                    "is a named pipe that no program wrote to within {seconds} s (INCIDENT_LOCK_WAIT)"
                ),
            },
            // The YAML reader's own words.
            InputError::UnreadableFile { message } => message.get(lang).to_string(),
            InputError::RequestNotIntermediate => lang
                .pick(
                    "CSIRT begär bara delrapporter (NIS2 art. 23.4 c): ange --report intermediate",
                    "the CSIRT requests only intermediate reports (NIS2 Art. 23(4)(c)): give --report intermediate",
                )
                .to_string(),
            InputError::UnknownRegime { key, known } => format!(
                "`{key}` {}: {}",
                lang.pick("är inget regelverk som verktyget känner till", "is not a regime the tool knows"),
                known.join(", ")
            ),
            InputError::UnknownRegimeReport { key, known } => format!(
                "`{key}` {}: {}",
                lang.pick(
                    "är ingen rapport som registreras så i det regelverket",
                    "is not a report recorded so under that regime"
                ),
                known.join(", ")
            ),
            InputError::Journal(problem) => problem.describe(lang),
            InputError::Mail(problem) => problem.describe(lang),
            InputError::NothingToWaive { key, open } => match (lang, open.is_empty()) {
                (Lang::Sv, true) => format!(
                    "`{key}` är ingen öppen skyldighet enligt lag i incidenten, och ingen är öppen: utelämna --waive"
                ),
                (Lang::Sv, false) => format!(
                    "`{key}` är ingen öppen skyldighet enligt lag i incidenten; öppna: {}",
                    open.join(", ")
                ),
                (Lang::En, true) => format!(
                    "`{key}` is not an open obligation of the law in this incident, and none is open: leave --waive out"
                ),
                (Lang::En, false) => format!(
                    "`{key}` is not an open obligation of the law in this incident; open: {}",
                    open.join(", ")
                ),
            },
            InputError::UnknownCustomer { id, name, listed } => {
                let closest = listed
                    .iter()
                    .map(|known| (strsim::jaro_winkler(&known.to_lowercase(), &name.to_lowercase()), known))
                    .filter(|(likeness, _)| *likeness > 0.8)
                    .max_by(|a, b| a.0.total_cmp(&b.0))
                    .map(|(_, known)| known);
                let listed = listed.join(", ");
                match (lang, closest) {
                    (Lang::Sv, Some(known)) => format!(
                        "`{name}` är inte en av de berörda kunderna ({listed}); menade du `{known}`? En ny kund listas först med `incident customer add {id} --name NAMN`"
                    ),
                    (Lang::Sv, None) => format!(
                        "`{name}` är inte en av de berörda kunderna ({listed}); en ny kund listas först med `incident customer add {id} --name NAMN`"
                    ),
                    (Lang::En, Some(known)) => format!(
                        "`{name}` is not one of the affected customers ({listed}); did you mean `{known}`? A new customer is listed first with `incident customer add {id} --name NAME`"
                    ),
                    (Lang::En, None) => format!(
                        "`{name}` is not one of the affected customers ({listed}); a new customer is listed first with `incident customer add {id} --name NAME`"
                    ),
                }
            }
            InputError::PublicNotInformed { id } => match lang {
                Lang::Sv => format!(
                    "svaret `public_communication` säger IMY att allmänheten har informerats (GDPR art. 34.3 c), men ingen offentlig kommunikation är registrerad: registrera den först med `incident notified public {id} --at TID --how TEXT`"
                ),
                Lang::En => format!(
                    "the answer `public_communication` tells IMY that the public has been informed (GDPR Art. 34(3)(c)), but no public communication is recorded: record it first with `incident notified public {id} --at TIME --how TEXT`"
                ),
            },
        }
    }
}

/// The unit of an [`InputError::OutOfRange`] in Swedish; the English word is the key.
fn swedish_unit(unit: &str) -> &str {
    match unit {
        "seconds" => "sekunder",
        other => other,
    }
}

/// A risk band's key (`Band::key`) in Swedish, as `Band::label` writes it.
fn swedish_band(key: &str) -> &str {
    match key {
        "low" => "låg",
        "medium" => "medel",
        "high" => "hög",
        "very_high" => "mycket hög",
        other => other,
    }
}

/// A time refused because it cannot be true, with the reason and what to do.
fn impossible_time(what: Recorded, at: &str, why: &Impossible, lang: Lang) -> String {
    let what = what.label(lang);
    // A sending time typed as a date alone is stored as the start of that day.
    let midnight = if at.ends_with(" 00:00") {
        lang.pick(
            " (ett datum utan klockslag räknas som kl. 00:00)",
            " (a date without a time counts as 00:00)",
        )
    } else {
        ""
    };
    match (why, lang) {
        (Impossible::BeforeDiscovery { discovered }, Lang::Sv) => format!(
            "{what} ({at}) kan inte ligga före upptäckten ({discovered}): ingen underrättas om en incident innan den är upptäckt. Ange när det faktiskt skedde{midnight}; var upptäckten tidigare, rätta `discovered` i report.yaml (IMY fråga 11). Inget registrerades."
        ),
        (Impossible::BeforeDiscovery { discovered }, Lang::En) => format!(
            "{what} ({at}) cannot come before the discovery ({discovered}): nobody is told of an incident before it is discovered. Give the time it actually happened{midnight}; if the discovery was earlier, correct `discovered` in report.yaml (IMY question 11). Nothing was recorded."
        ),
        (Impossible::BeforeNotification { notified }, Lang::Sv) => format!(
            "{what} ({at}) kan inte ligga före anmälan till IMY ({notified}) som den kompletterar (GDPR art. 33.4: uppgifter som inte kunde lämnas i anmälan lämnas i omgångar efter den). Inget registrerades."
        ),
        (Impossible::BeforeNotification { notified }, Lang::En) => format!(
            "{what} ({at}) cannot come before the notification to IMY ({notified}) that it supplements (GDPR Art. 33(4): what could not be given in the notification follows in phases after it). Nothing was recorded."
        ),
    }
}

/// A time more than a day ahead, refused until confirmed: why it is unlikely, what it
/// would do, and how to confirm it.
fn unlikely_time(what: Recorded, at: &str, now: &str, lang: Lang) -> String {
    let effect = match what {
        Recorded::Discovered | Recorded::Aware => lang.pick(
            "; de 72 timmarna (GDPR art. 33.1) skulle räknas från en tidpunkt som inte har kommit",
            "; the 72 hours (GDPR Art. 33(1)) would run from a moment that has not come",
        ),
        what if what.is_notice() => lang.pick(
            "; `incident deadlines` skulle visa skyldigheten som uppfylld innan den är det",
            "; `incident deadlines` would show the duty met before it is",
        ),
        _ => "",
    };
    let hours = super::plausibility::TOLERANCE_HOURS;
    match lang {
        Lang::Sv => format!(
            "{what} ({at}) ligger mer än {hours} timmar efter nu ({now}): registret dokumenterar det som har hänt (GDPR art. 33.5), så en tid som inte har kommit än är troligen fel{effect}. Rätta tiden, eller bekräfta att den stämmer med --bekrafta-tid (--confirm-time). Inget registrerades.",
            what = what.label(lang)
        ),
        Lang::En => format!(
            "{what} ({at}) is more than {hours} hours after now ({now}): the register documents what has happened (GDPR Art. 33(5)), so a time that has not come yet is probably wrong{effect}. Correct the time, or confirm that it is right with --confirm-time (--bekrafta-tid). Nothing was recorded.",
            what = what.label(lang)
        ),
    }
}

/// In English, for the places that need a plain message (serde, prompt checks).
impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(Lang::En))
    }
}

impl std::error::Error for InputError {}

/// The option `key` of IMY question `question`, or the problem naming the options it has
/// and the nearest one.
pub fn known_option(
    question: u8,
    key: &str,
) -> Result<&'static super::catalogue::AnswerOption, InputError> {
    super::catalogue::catalogue()
        .question(question)
        .option(key)
        .ok_or_else(|| InputError::unknown_option(question, key))
}

impl InputError {
    /// A key that IMY question `question` does not have, with its options and the nearest.
    pub fn unknown_option(question: u8, key: &str) -> InputError {
        let known: Vec<String> = super::catalogue::catalogue()
            .question(question)
            .option_keys()
            .map(String::from)
            .collect();
        let suggestion = known
            .iter()
            .map(|candidate| (strsim::jaro_winkler(candidate, key), candidate))
            .filter(|(similarity, _)| *similarity > 0.8)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, candidate)| candidate.clone());
        InputError::UnknownOption {
            question,
            key: key.to_string(),
            suggestion,
            known,
        }
    }
}

#[cfg(test)]
mod tests;
