//! The words of a letter to data subjects whom the decision recorded is not to inform, in
//! Swedish and in English; `export letter` prints the same words as a warning when it is
//! asked to write the letter anyway.

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
