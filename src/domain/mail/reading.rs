//! What a mail gave for each field of the report, and from where; what it did not give,
//! and why.

use crate::domain::{Bilingual, Lang};

/// A field of the report a mail fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    Title,
    Observed,
    Description,
    Occurred,
    Discovered,
    Ongoing,
    Ended,
    PersonalData,
    Reporter,
    Contacts,
}

impl Field {
    /// The field's name in report.yaml.
    pub fn key(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Observed => "observed",
            Field::Description => "description",
            Field::Occurred => "occurred",
            Field::Discovered => "discovered",
            Field::Ongoing => "ongoing",
            Field::Ended => "ended",
            Field::PersonalData => "verdict",
            Field::Reporter => "reported_by",
            Field::Contacts => "reported_by.contacts",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Field::Title => lang.pick("Rubrik", "Title"),
            Field::Observed => lang.pick("Observation", "Observation"),
            Field::Description => lang.pick("Beskrivning", "Description"),
            Field::Occurred => lang.pick("Inträffade", "Occurred"),
            Field::Discovered => lang.pick("Upptäcktes", "Discovered"),
            Field::Ongoing => lang.pick("Pågår", "Ongoing"),
            Field::Ended => lang.pick("Upphörde", "Ended"),
            Field::PersonalData => {
                lang.pick("Påverkan på personuppgifter", "Impact on personal data")
            }
            Field::Reporter => lang.pick("Rapporterad av", "Reported by"),
            Field::Contacts => lang.pick("Kontaktpersoner", "Contact persons"),
        }
    }
}

/// Where a value was read: a line of the body (1-based) and its text, or a header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Line {
        number: usize,
        text: String,
    },
    Header(&'static str),
    /// The whole body, from this line on (no heading of the template was found).
    WholeBody {
        from: usize,
    },
}

/// A field read from the mail, with the value as it will be recorded, shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    pub field: Field,
    pub value: Bilingual,
    pub source: Source,
}

/// A field the mail did not give, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap {
    pub field: Field,
    pub why: Bilingual,
}
