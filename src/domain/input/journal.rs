//! What a person asked of the journal that it cannot answer: a moment of `--as-of` before
//! its first entry or after now, and a `history --field` that names no answer.

use crate::domain::Lang;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JournalInput {
    /// An `--as-of` moment before the journal's first entry (made at `first`).
    BeforeJournal { at: String, first: String },
    /// An `--as-of` moment after now: the journal cannot tell how the register will be.
    AfterNow { at: String, now: String },
    /// `--as-of` where there is no journal entry (no Git repository, or no commit yet).
    NoJournal,
    /// A `history --field` naming no answer: neither an IMY question `qNN` nor a field.
    UnknownField { text: String },
}

impl JournalInput {
    pub fn describe(&self, lang: Lang) -> String {
        match (self, lang) {
            (JournalInput::BeforeJournal { at, first }, Lang::Sv) => format!(
                "{at} är före journalens första post ({first}): journalen höll inget register då"
            ),
            (JournalInput::BeforeJournal { at, first }, Lang::En) => format!(
                "{at} is before the journal's first entry ({first}): the journal held no register then"
            ),
            (JournalInput::AfterNow { at, now }, Lang::Sv) => format!(
                "{at} är efter nu ({now}): journalen vet bara hur registret har varit; fristerna vid en senare tidpunkt ger `incident deadlines --at`"
            ),
            (JournalInput::AfterNow { at, now }, Lang::En) => format!(
                "{at} is after now ({now}): the journal knows only how the register has been; `incident deadlines --at` gives the deadlines at a later moment"
            ),
            (JournalInput::NoJournal, _) => lang
                .pick(
                    "registret har ingen journal (inget Git-arkiv med någon post), så det finns inget tidigare läge att visa",
                    "the register has no journal (no Git repository with an entry), so there is no earlier state to show",
                )
                .to_string(),
            (JournalInput::UnknownField { text }, Lang::Sv) => format!(
                "`{text}` är varken en fråga i IMY:s formulär (q1–q37) eller ett fält i en incidentfil (t.ex. report.discovered.date)"
            ),
            (JournalInput::UnknownField { text }, Lang::En) => format!(
                "`{text}` is neither a question of IMY's form (q1–q37) nor a field of an incident file (e.g. report.discovered.date)"
            ),
        }
    }
}
