//! Hints: the command that does what comes next, in the interface language.

use crate::domain::Lang;
use crate::domain::incident::Incident;
use crate::domain::model::report::Role;
use crate::domain::obligations::public_communication_owed;
use crate::domain::steps::Step;

/// What to do next, in the interface language: the command of the part of `step` still
/// open (step F once IMY is notified names the data subjects, not IMY again).
pub fn next_hint(lang: Lang, incident: &Incident, step: Step) -> String {
    let id = &incident.report.id;
    let role = incident.report.role;
    let then = lang.pick("sedan", "then");
    let (text, time, name, date, purpose) = (
        "TEXT",
        lang.pick("TID", "TIME"),
        lang.pick("NAMN", "NAME"),
        lang.pick("DATUM", "DATE"),
        lang.pick("SYFTE", "PURPOSE"),
    );
    let command = match step {
        Step::A => format!("`incident contacted manager {id}`"),
        Step::B => format!("`incident contacted dpo {id}`"),
        Step::C => format!("`incident assess {id}`"),
        Step::D => format!("`incident log {id} --action {text}`"),
        // A placeholder, not `mitigate|prevent`: a line copied into a shell must not pipe.
        Step::E => format!(
            "`incident log {id} --planned --action {text} --purpose {purpose} --by {name} --due {date}`"
        ),
        // A processor notifies its controller, which notifies IMY (GDPR Art. 33(2)).
        Step::F if role == Role::Processor => format!(
            "`incident export controller {id}`, {then} `incident contacted controller {id}`"
        ),
        Step::F if imy_settled(incident) => {
            if public_communication_owed(incident) && subjects_settled(incident) {
                format!("`incident notified public {id} --at {time} --how {text}`")
            } else {
                format!("`incident export letter {id}`, {then} `incident notified subjects {id}`")
            }
        }
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

/// The notification to IMY is made, or not to be made.
fn imy_settled(incident: &Incident) -> bool {
    let submitted = incident
        .notification
        .as_ref()
        .and_then(|n| n.imy.as_ref())
        .is_some_and(|imy| imy.submitted_at.is_some());
    let owed = incident
        .assessment
        .as_ref()
        .is_none_or(|a| a.decision.notify_imy);
    submitted || !owed
}

/// The data subjects are informed, or not to be.
fn subjects_settled(incident: &Incident) -> bool {
    let informed = incident
        .notification
        .as_ref()
        .and_then(|n| n.data_subjects.as_ref())
        .is_some_and(|d| d.informed);
    let owed = incident
        .assessment
        .as_ref()
        .is_some_and(|a| a.decision.inform_data_subjects);
    informed || !owed
}

/// The IMY deadline as a date and time people act on, while the notification is owed and
/// not made: "Anmäl till IMY senast torsdag 3 december 14:05 (GDPR art. 33.1)".
pub fn imy_deadline(
    lang: Lang,
    obligations: &[crate::domain::obligations::Obligation],
    assessed: bool,
) -> Option<String> {
    use crate::domain::obligations::{Duty, State, spoken};
    let notify = obligations
        .iter()
        .find(|o| o.duty == Duty::NotifyImy && o.state.is_open())?;
    let when = spoken(notify.due, lang);
    let late = notify.state == State::Overdue;
    Some(match (lang, late, assessed) {
        (Lang::Sv, true, _) => format!(
            "Anmälan till IMY är försenad: fristen gick ut {when} (GDPR art. 33.1). Anmäl snarast och skriv skälen till förseningen (IMY fråga 14)."
        ),
        (Lang::En, true, _) => format!(
            "The notification to IMY is late: the deadline was {when} (GDPR Art. 33(1)). Notify at once and give the reasons for the delay (IMY question 14)."
        ),
        (Lang::Sv, false, true) => {
            format!("Anmäl till IMY senast {when} (GDPR art. 33.1).")
        }
        (Lang::En, false, true) => format!("Notify IMY by {when} (GDPR Art. 33(1))."),
        (Lang::Sv, false, false) => format!(
            "Anmäl till IMY senast {when} (GDPR art. 33.1), om inte riskbedömningen visar att incidenten sannolikt inte medför en risk."
        ),
        (Lang::En, false, false) => format!(
            "Notify IMY by {when} (GDPR Art. 33(1)), unless the risk assessment finds the breach unlikely to result in a risk."
        ),
    })
}

/// For a processor, what the recommendation of its risk assessment means: the controller
/// decides on notifying IMY (GDPR Art. 33(1)); the processor notifies the controller
/// without undue delay (Art. 33(2)), the assessment as its input.
pub fn processor_recommendation(lang: Lang, controller: Option<&str>) -> String {
    let controller = controller.map_or_else(String::new, |name| format!(" ({name})"));
    match lang {
        Lang::Sv => format!(
            "Ni är personuppgiftsbiträde: den personuppgiftsansvarige{controller} beslutar om anmälan till IMY (GDPR art. 33.1). Er plikt är att underrätta den utan onödigt dröjsmål (GDPR art. 33.2), med bedömningen som underlag."
        ),
        Lang::En => format!(
            "You are the processor: the controller{controller} decides on notifying IMY (GDPR Art. 33(1)). Your duty is to notify the controller without undue delay (GDPR Art. 33(2)), with this assessment as its input."
        ),
    }
}
