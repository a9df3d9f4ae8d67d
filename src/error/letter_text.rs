//! The words of the letters and notices that cannot be written as the register stands, in
//! Swedish and in English: a letter to data subjects whom the decision recorded is not to
//! inform (`export letter` prints the same words as a note when asked to write it anyway),
//! and a customer's resolution notice before the incident has ended.

use crate::domain::documents::NotInforming;
use crate::domain::{IncidentId, Lang};

/// The decision, where it is recorded, and its reasons with their rules.
pub fn not_informing(id: &IncidentId, decision: &NotInforming, lang: Lang) -> String {
    let recorded = match (decision.answered_q35, lang) {
        (true, Lang::Sv) => "enligt svaret på IMY fråga 35",
        (true, Lang::En) => "as the answer to IMY question 35 records",
        (false, Lang::Sv) => "enligt riskbedömningens beslut",
        (false, Lang::En) => "as the risk assessment's decision records",
    };
    let mut text = match lang {
        Lang::Sv => format!("beslutet för {id} är att inte informera de registrerade ({recorded})"),
        Lang::En => {
            format!("the decision for {id} is not to inform the data subjects ({recorded})")
        }
    };
    if decision.reasons.is_empty() {
        text.push_str(lang.pick(": inget skäl är angivet", ": no reason is given"));
    } else {
        text.push_str(lang.pick(", eftersom:", ", because:"));
        for reason in &decision.reasons {
            text.push_str(&format!("\n  - {}", reason.text(lang)));
        }
    }
    text
}

/// What to do: write the letter anyway, or record that they will be informed.
pub fn not_informing_hint(id: &IncidentId, lang: Lang) -> String {
    match lang {
        Lang::Sv => format!(
            "skriv brevet ändå med `incident export letter {id} --anyway`, eller registrera att de ska informeras med `incident notified subjects {id} --will-inform-on DATUM`"
        ),
        Lang::En => format!(
            "write the letter anyway with `incident export letter {id} --anyway`, or record that they will be informed with `incident notified subjects {id} --will-inform-on DATE`"
        ),
    }
}

/// A resolution notice says when the incident was resolved: it waits for the end.
pub fn resolution_not_ended(id: &IncidentId, ongoing: bool, lang: Lang) -> String {
    match (ongoing, lang) {
        (true, Lang::Sv) => format!(
            "{id} pågår fortfarande enligt report.yaml (IMY fråga 12): beskedet om lösning till kunden säger när incidenten löstes"
        ),
        (true, Lang::En) => format!(
            "{id} is still going on as report.yaml records (IMY question 12): the resolution notice to the customer says when the incident was resolved"
        ),
        (false, Lang::Sv) => format!(
            "{id} har inget slut registrerat (IMY fråga 13): beskedet om lösning till kunden säger när incidenten löstes"
        ),
        (false, Lang::En) => format!(
            "{id} has no end recorded (IMY question 13): the resolution notice to the customer says when the incident was resolved"
        ),
    }
}

/// Record the end first.
pub fn resolution_hint(id: &IncidentId, lang: Lang) -> String {
    match lang {
        Lang::Sv => format!("registrera först när den upphörde: `incident ended {id} --at TID`"),
        Lang::En => format!("record first when it ended: `incident ended {id} --at TIME`"),
    }
}
