//! What a person typed that cannot be used, and what was expected instead: a value of a
//! flag, an answer at a prompt, a line of a `--from` file. Each problem carries its data;
//! its wording comes from [`InputError::describe`] in the interface's language, the one
//! place that says it in words.

use std::fmt;

use super::Lang;

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
    NotABreachType {
        text: String,
    },
    NotARole {
        text: String,
    },
    /// A GDPR Art. 34(3) exception where the risk is not high: informing the data subjects
    /// is not owed, so nothing is excepted from.
    ExceptionNotForBand {
        exception: String,
        band: String,
    },
    /// GDPR Art. 34(3)(a) claimed while the data are not answered as unintelligible.
    UnintelligibleNotAnswered,
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
        message: String,
    },
}

impl InputError {
    /// The problem in words, in `lang`.
    ///
    /// The words are English in both languages until the Swedish ones are written (the
    /// issue that makes the interface Swedish throughout); they are reached only here.
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            InputError::NotADate { text } => {
                format!("`{text}` is not a date that exists: expected YYYY-MM-DD, e.g. 2026-03-27")
            }
            InputError::NotAClockTime { text } => {
                format!("`{text}` is not a clock time: expected HH:MM (24-hour), e.g. 08:30")
            }
            InputError::SkippedTime { text, zone } => {
                format!("{text} does not exist in {zone} (the change to summer time)")
            }
            InputError::NotACount { text } => format!(
                "`{text}` is not a count: give a number (12), an interval (1-10) or an open interval (1000+)"
            ),
            InputError::UnknownOption {
                question,
                key,
                suggestion,
                known,
            } => {
                let mut text = format!(
                    "`{key}` is not an option of IMY question {question}; the options are: {}",
                    known.join(", ")
                );
                if let Some(near) = suggestion {
                    text.push_str(&format!(" (did you mean `{near}`?)"));
                }
                text
            }
            InputError::CommentNeeded { key, flag } => {
                format!("`{key}` needs its comment: add {flag}-comment TEXT")
            }
            InputError::NoName => "the organisation's name is empty".to_string(),
            InputError::NotABreachType { text } => format!(
                "`{text}` is not a breach type: use confidentiality, integrity or availability"
            ),
            InputError::NotARole { text } => {
                format!("`{text}` is not a role: use controller or processor")
            }
            InputError::ExceptionNotForBand { exception, band } => format!(
                "the GDPR Art. 34(3) exception `{exception}` applies only where the risk is high (Art. 34(1)); this risk is {band}, so the data subjects need not be informed in any case: leave --exception out"
            ),
            InputError::UnintelligibleNotAnswered => "GDPR Art. 34(3)(a) applies only to data made unintelligible to anyone not authorised (e.g. encrypted, the key safe): answer --unintelligible yes if they were, or choose another exception".to_string(),
            InputError::NotAnAuthor { text } => format!("`{text}` is not \"Name <email>\""),
            InputError::NotAnOrgNumber { text } => {
                format!("`{text}` is not an organisation number: expected NNNNNN-NNNN")
            }
            InputError::AddressIncomplete => {
                "a postal address needs both the postal code and the city (IMY question 3)"
                    .to_string()
            }
            InputError::OutOfRange { text, unit, max } => {
                format!("`{text}` is not a number of {unit} from 0 to {max}")
            }
            InputError::TooLarge { limit } => format!(
                "is larger than {limit} bytes (1 MiB), the most a register file holds: keep attachments outside the register"
            ),
            InputError::NoWriter { seconds } => format!(
                "is a named pipe that no program wrote to within {seconds} s (INCIDENT_LOCK_WAIT)"
            ),
            InputError::UnreadableFile { message } => message.clone(),
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
mod tests {
    use super::*;

    #[test]
    fn an_unknown_option_names_the_options_and_the_nearest() {
        let problem = known_option(35, "no_high_risks").unwrap_err();
        let text = problem.describe(Lang::En);
        assert!(
            text.starts_with(
                "`no_high_risks` is not an option of IMY question 35; the options are: "
            )
        );
        assert!(text.ends_with(" (did you mean `no_high_risk`?)"), "{text}");
        assert!(known_option(35, "no_high_risk").is_ok());
    }
}
