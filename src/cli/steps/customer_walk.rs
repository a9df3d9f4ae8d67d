//! The guided walk's notices to a vendor's customers: the vendor seed's process of an
//! acknowledgement with the case number, a detailed notice and the resolution. These are
//! promised to the customers in their agreements, not owed under the law. The walk asks
//! which customers are affected, then each notice not yet sent, with its text shown on
//! request, and records it once sent. "Not yet" ends the walk with the commands to run.

use super::contact::{self, Request, notification_of};
use super::walk::Walked;
use crate::cli::prompt::{Prompter, TerminalPrompter};
use crate::cli::{Context, ui::Ui};
use crate::domain::event::Event;
use crate::domain::incident::Incident;
use crate::domain::model::notification::CustomerNotice;
use crate::domain::model::report::Role;
use crate::domain::steps::Step;
use crate::domain::{IncidentId, Lang, documents};
use crate::error::{Error, Result};
use crate::store::{Entry, Register};

/// A processor with no customer listed yet is asked which customers are affected: the
/// controller it named first, then any more.
pub fn list_customers(
    context: &Context,
    register: &Register,
    ui: &Ui,
    prompter: &mut TerminalPrompter,
    incident: &Incident,
) -> Result<()> {
    let listed = incident
        .notification
        .as_ref()
        .is_some_and(|n| !n.customers.is_empty());
    if listed || incident.report.role != Role::Processor {
        return Ok(());
    }
    // The controller it named is most likely the customer affected: asked first.
    let mut names = Vec::new();
    if let Some(controller) = &incident.report.controller {
        let question = format!(
            "{} {}?",
            ui.t("Berörs kunden", "Is the customer affected:"),
            controller.name
        );
        if prompter.confirm(&question, true)? {
            names.push(controller.name.clone());
        }
    }
    let prompt = if names.is_empty() {
        ui.t(
            "Vilka kunder berörs? (namn, åtskilda med komma; tomt svar: inga)",
            "Which customers are affected? (names, separated by commas; empty answer: none)",
        )
    } else {
        ui.t(
            "Fler kunder som berörs? (namn, åtskilda med komma; tomt svar: inga)",
            "More customers affected? (names, separated by commas; empty answer: none)",
        )
    };
    let answer = prompter.text(prompt, None, false, &|_| Ok(()))?;
    names.extend(
        answer
            .unwrap_or_default()
            .split(',')
            .map(|name| name.trim().to_string())
            .filter(|name| !name.is_empty()),
    );
    if names.is_empty() {
        return Ok(());
    }
    list_affected(context, register, ui, &incident.report.id, &names)
}

/// Each notice of `kinds` not yet sent to a listed customer: sent (recorded now), its text
/// shown first, or not yet (the walk ends with the commands).
pub fn notices(
    context: &Context,
    register: &Register,
    ui: &Ui,
    prompter: &mut TerminalPrompter,
    id: &IncidentId,
    kinds: &[CustomerNotice],
) -> Result<Walked> {
    let lang = ui.lang;
    let mut incident = register.load(id)?;
    let customers: Vec<_> = incident
        .notification
        .as_ref()
        .map(|n| n.customers.clone())
        .unwrap_or_default();
    for &notice in kinds {
        for customer in customers.iter().filter(|c| c.sent_at(notice).is_none()) {
            let name = &customer.name;
            // The resolution says what was resolved and when: not before the incident
            // ended, which is asked here and recorded first.
            if documents::notice_gap(&incident, notice).is_some() {
                let Some(at) = super::ended::ask(ui, prompter)? else {
                    return Ok(Walked::Later(format!(
                        "{} `incident ended {id} --at {}`",
                        lang.pick(
                            "Beskedet om lösning skickas när incidenten är över; när den är det:",
                            "The resolution is sent once the incident is over; once it is:"
                        ),
                        lang.pick("TID", "TIME"),
                    )));
                };
                if let Err(refused) = super::ended::record(context, register, ui, id, Some(&at)) {
                    // Said, and the walk ends with the command to try again.
                    ui.say(&format!(
                        "{} {}",
                        lang.pick("fel:", "error:"),
                        refused.full_text(lang)
                    ));
                    return Ok(Walked::Later(format!(
                        "`incident ended {id} --at {}`",
                        lang.pick("TID", "TIME")
                    )));
                }
                incident = register.load(id)?;
            }
            if notice == CustomerNotice::Acknowledgement {
                warn_provisional_case_number(ui, register, &incident);
            }
            let question = format!("{} {name}?", sent_question(notice, lang));
            let mut choices = vec![
                lang.pick("Ja, det är skickat", "Yes, it is sent")
                    .to_string(),
                lang.pick("Inte än", "Not yet").to_string(),
                lang.pick("Visa texten först", "Show the text first")
                    .to_string(),
            ];
            let mut choice = prompter.select(&question, &choices, 0)?;
            if choice == 2 {
                let text = documents::customer_notice(&incident, &register.settings, lang, notice);
                super::notify_walk::paged(context, ui, &text);
                choices.pop();
                choice = prompter.select(&question, &choices, 0)?;
            }
            if choice != 0 {
                let key = notice.key();
                return Ok(Walked::Later(format!(
                    "{} `incident export customer {id} --notice {key}`; {} `incident contacted customer {id} --name \"{name}\" --notice {key}`",
                    lang.pick("Texten:", "The text:"),
                    lang.pick("när det är skickat:", "once it is sent:"),
                )));
            }
            let request = Request::Customer {
                name: name.clone(),
                notice,
                at: None,
            };
            contact::record(context, register, ui, id, request)?;
        }
    }
    Ok(Walked::Recorded)
}

/// The question whether a notice was sent, up to the customer's name.
fn sent_question(notice: CustomerNotice, lang: Lang) -> &'static str {
    match notice {
        CustomerNotice::Acknowledgement => lang.pick(
            "Har bekräftelsen med ärendenumret skickats till",
            "Has the acknowledgement with the case number been sent to",
        ),
        CustomerNotice::Detailed => lang.pick(
            "Har det detaljerade beskedet (konsekvenser, omfattning, åtgärder) skickats till",
            "Has the detailed notice (consequences, extent, actions) been sent to",
        ),
        CustomerNotice::Resolution => lang.pick(
            "Har beskedet om lösning skickats till",
            "Has the resolution notice been sent to",
        ),
    }
}

/// Lists `names` as customers of incident `id`, in one journal entry; a name already
/// listed (in any case) is said and not listed again.
pub fn list_affected(
    context: &Context,
    register: &Register,
    ui: &Ui,
    id: &IncidentId,
    names: &[String],
) -> Result<()> {
    register.require(id)?;
    let known = register.load(id)?;
    if known.closure.is_some() {
        return Err(Error::AlreadyClosed { id: id.clone() });
    }
    if names.iter().all(|name| name.trim().is_empty()) {
        return Err(Error::bad_input(
            "--name",
            crate::domain::input::InputError::NoCustomerName,
        ));
    }
    let listed = known.notification.as_ref();
    let mut new: Vec<&str> = Vec::new();
    for name in names.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
        let already = listed.is_some_and(|n| n.lists_customer(name))
            || new
                .iter()
                .any(|n| crate::domain::model::notification::same_customer(n, name));
        if already {
            ui.say(&format!(
                "{} {name}",
                ui.t(
                    "Redan listad som berörd kund:",
                    "Already listed as affected:"
                )
            ));
        } else {
            new.push(name);
        }
    }
    if new.is_empty() {
        return Ok(());
    }
    let mut change = context.start_change(register, id)?;
    let mut notification = notification_of(change.incident());
    for name in &new {
        notification.customer_mut(name);
    }
    change.set_notification(notification);
    let customers = new.iter().map(|name| (*name).to_string()).collect();
    let event = Event::CustomersListed { customers };
    ui.outcome(&change.finish(Entry::new(event, &[Step::F]))?);
    Ok(())
}

/// Said before a notice that gives the customer the case number: an id not yet synced may
/// still change at the sync (a colleague's clone may have given it), unless the case has an
/// internal reference of its own, which the notice gives instead.
pub fn warn_provisional_case_number(ui: &Ui, register: &Register, incident: &Incident) {
    let report = &incident.report;
    if report.internal_reference.is_some() {
        return;
    }
    let provisional = register
        .sharing_status()
        .is_some_and(|status| status.never_synced || status.provisional.contains(&report.id));
    if provisional {
        ui.say(&format!(
            "{} {} {}",
            ui.t("Obs: ärendenumret", "Note: the case number"),
            report.id,
            ui.t(
                "är preliminärt tills registret synkas (`incident sync`); lämna inte ut det till kunden förrän det är synkat.",
                "is provisional until the register is synced (`incident sync`); do not give it to the customer before it is synced.",
            )
        ));
    }
}
