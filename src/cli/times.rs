//! The commands' side of [`crate::domain::plausibility`]: a time that cannot be true is
//! bad input naming its flag; one more than a day ahead is asked at a terminal (default
//! no) and refused without one, unless `--confirm-time` says it is right.

use chrono_tz::Tz;

use crate::cli::Context;
use crate::cli::prompt::{Prompter, TerminalPrompter};
use crate::domain::Lang;
use crate::domain::input::InputError;
use crate::domain::plausibility::{Facts, Plausibility, Recorded, When, judge};
use crate::error::{Error, Result};
use crate::store::Register;

/// Checks `when`, the time of `what` given by `flag`, before it is recorded.
pub fn vouch(
    context: &Context,
    register: &Register,
    facts: &Facts,
    what: Recorded,
    flag: &str,
    when: &When,
) -> Result<()> {
    let lang = context.lang(Some(register));
    let mut terminal = context.interactive.then(|| TerminalPrompter::new(lang));
    let asker = terminal.as_mut().map(|p| p as &mut dyn Prompter);
    let judge = Judge {
        facts,
        now: context.now,
        zone: register.zone,
        lang,
        confirmed: context.confirm_time,
    };
    judge
        .settle(what, when, asker)?
        .map_err(|e| Error::bad_input(flag, e))
}

/// What a time is judged by: the incident's facts, now, the zone, and whether the person
/// confirmed times ahead (`--confirm-time`).
pub struct Judge<'a> {
    pub facts: &'a Facts,
    pub now: chrono::DateTime<chrono::FixedOffset>,
    pub zone: Tz,
    pub lang: Lang,
    pub confirmed: bool,
}

impl Judge<'_> {
    /// What cannot be true, as a prompt's check refuses it (the prompt asks again).
    pub fn impossible(&self, what: Recorded, when: &When) -> Result<(), String> {
        match judge(self.facts, what, when, self.now, self.zone) {
            Plausibility::Impossible(why) => Err(InputError::ImpossibleTime {
                what,
                at: when.display(self.zone),
                why,
            }
            .describe(self.lang)),
            _ => Ok(()),
        }
    }

    /// Whether a time is taken (the inner result): refused when impossible; when
    /// unlikely, taken if confirmed by flag or, at a terminal, by the person (default no).
    /// The outer error is the terminal's.
    pub fn settle(
        &self,
        what: Recorded,
        when: &When,
        asker: Option<&mut dyn Prompter>,
    ) -> Result<Result<(), InputError>> {
        let at = when.display(self.zone);
        Ok(match judge(self.facts, what, when, self.now, self.zone) {
            Plausibility::Fine => Ok(()),
            Plausibility::Impossible(why) => Err(InputError::ImpossibleTime { what, at, why }),
            Plausibility::Unlikely { .. } if self.confirmed => Ok(()),
            Plausibility::Unlikely { now } => {
                let confirmed = match asker {
                    Some(asker) => asker.confirm(&self.question(what, &at, &now), false)?,
                    None => false,
                };
                if confirmed {
                    Ok(())
                } else {
                    Err(InputError::UnlikelyTime { what, at, now })
                }
            }
        })
    }

    /// The confirm prompt of a time more than a day ahead.
    pub fn question(&self, what: Recorded, at: &str, now: &str) -> String {
        let label = capitalised(what.label(self.lang));
        match self.lang {
            Lang::Sv => format!(
                "{label} ({at}) ligger mer än ett dygn efter nu ({now}), en tid som inte har kommit än. Stämmer tiden?"
            ),
            Lang::En => format!(
                "{label} ({at}) is more than a day after now ({now}), a time that has not come yet. Is the time right?"
            ),
        }
    }
}

/// The label at the start of a question.
fn capitalised(label: &str) -> String {
    let mut chars = label.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
