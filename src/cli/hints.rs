//! Hints: the command that does what comes next, in the interface language.

use crate::domain::model::report::Role;
use crate::domain::steps::Step;
use crate::domain::{IncidentId, Lang};

/// What to do next, in the interface language.
pub fn next_hint(lang: Lang, id: &IncidentId, step: Step, role: Role) -> String {
    let then = lang.pick("sedan", "then");
    let command = match step {
        Step::A => format!("`incident contacted manager {id}`"),
        Step::B => format!("`incident contacted dpo {id}`"),
        Step::C => format!("`incident assess {id}`"),
        Step::D => format!("`incident log {id} --action TEXT`"),
        Step::E => {
            format!("`incident log {id} --planned --action TEXT --purpose mitigate|prevent`")
        }
        // A processor notifies its controller, which notifies IMY (GDPR Art. 33(2)).
        Step::F if role == Role::Processor => format!(
            "`incident export controller {id}`, {then} `incident contacted controller {id}`"
        ),
        Step::F => format!("`incident export imy {id}`, {then} `incident notified imy {id}`"),
        Step::G | Step::H => format!("`incident close {id}`"),
    };
    format!(
        "{} {}: {} — {command}",
        lang.pick("Nästa steg", "Next step"),
        step.letter(),
        step.title_as(role, lang)
    )
}
