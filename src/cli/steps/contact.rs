//! Telling another party, and recording it: the responsible manager (step A), the data
//! protection officer (step B), the controller when the organisation is the processor
//! (GDPR Art. 33(2)), and a customer with the three notices of a vendor's process.

use chrono::{DateTime, FixedOffset, Timelike};

use crate::cli::args::parse_sent_at;
use crate::cli::prompt::{Prompter, TerminalPrompter};
use crate::cli::times::{Judge, vouch};
use crate::cli::{Context, ui::Ui};
use crate::domain::IncidentId;
use crate::domain::documents::CustomerNotice;
use crate::domain::event::Event;
use crate::domain::model::SCHEMA_VERSION;
use crate::domain::model::notification::Notification;
use crate::domain::model::report::{PersonTold, Role};
use crate::domain::moment::{ClockTime, Moment, parse_date_and_time};
use crate::domain::plausibility::{Facts, Recorded, When};
use crate::domain::steps::Step;
use crate::error::{Error, Result};
use crate::store::{Entry, Register};

/// Who was told; a name or time that is `None` is asked at a terminal, else defaults.
#[derive(Debug, Clone)]
pub enum Request {
    Manager {
        name: Option<String>,
        at: Option<String>,
    },
    Dpo {
        name: Option<String>,
        at: Option<String>,
    },
    Controller {
        at: Option<String>,
    },
    Customer {
        name: String,
        notice: CustomerNotice,
        at: Option<String>,
    },
}

/// Records that the party of `request` was told.
pub fn record(
    context: &Context,
    register: &Register,
    ui: &Ui,
    id: &IncidentId,
    request: Request,
) -> Result<()> {
    let lang = ui.lang;
    let mut change = context.start_change(register, id)?;
    let now = context.now_in(Some(register));
    let incident = change.incident().clone();
    let facts = Facts::of(&incident);
    let check = |what: Recorded, when: When| vouch(context, register, &facts, what, "--at", &when);
    let judge = Judge {
        facts: &facts,
        now,
        zone: register.zone,
        lang,
        confirmed: context.confirm_time,
    };
    let instant = |at: &Option<String>| -> Result<DateTime<FixedOffset>> {
        match at {
            Some(text) => Ok(parse_sent_at(text, register.zone)?.fixed_offset()),
            None => Ok(now),
        }
    };
    let entry = match request {
        Request::Manager { name, at } => {
            let prompt = (
                "Den ansvariga chefens namn",
                "The responsible manager's name",
            );
            let what = Recorded::ManagerTold;
            let told = person_told(context, prompt, name, at, None, what, &judge)?;
            check(what, When::Local(told.moment()))?;
            let event = Event::ManagerTold {
                name: told.name.clone(),
            };
            let mut report = incident.report;
            report.manager_informed = Some(told);
            change.set_report(report);
            Entry::new(event, &[Step::A])
        }
        Request::Dpo { name, at } => {
            let default = register.settings.dpo.as_ref().map(|d| d.name.clone());
            let prompt = (
                "Dataskyddsombudets namn",
                "The data protection officer's name",
            );
            let what = Recorded::DpoContacted;
            let told = person_told(context, prompt, name, at, default, what, &judge)?;
            check(what, When::Local(told.moment()))?;
            let event = Event::DpoContacted {
                name: told.name.clone(),
            };
            let mut report = incident.report;
            report.dpo_contacted = Some(told);
            change.set_report(report);
            Entry::new(event, &[Step::B])
        }
        Request::Controller { at } => {
            if incident.report.role != Role::Processor {
                return Err(Error::NotProcessor { id: id.clone() });
            }
            let at = instant(&at)?;
            check(Recorded::ControllerNotified, When::Instant(at))?;
            let mut notification = incident.notification.unwrap_or_else(empty_notification);
            notification.controller_notified_at = Some(at);
            let name = incident.report.controller.as_ref().map(|c| c.name.clone());
            change.set_notification(notification);
            Entry::new(Event::ControllerNotified { name }, &[Step::F])
        }
        Request::Customer { name, notice, at } => {
            // The resolution says what was resolved and when: not before the end is known.
            if let Some(crate::domain::documents::NoticeGap::NotEnded { ongoing }) =
                crate::domain::documents::notice_gap(&incident, notice)
            {
                return Err(Error::ResolutionNotEnded {
                    id: id.clone(),
                    ongoing,
                });
            }
            let at = instant(&at)?;
            check(Recorded::CustomerNotice, When::Instant(at))?;
            let mut notification = incident.notification.unwrap_or_else(empty_notification);
            // Once customers are listed, a name among none of them is a slip, not a new
            // customer with three obligations of its own.
            let listed: Vec<String> = notification
                .customers
                .iter()
                .map(|c| c.name.clone())
                .collect();
            if !listed.is_empty() && !notification.lists_customer(&name) {
                return Err(Error::bad_input(
                    "--name",
                    crate::domain::input::InputError::UnknownCustomer {
                        id: id.to_string(),
                        name,
                        listed,
                    },
                ));
            }
            // One customer whatever the case of its name; the spelling first recorded stays.
            let customer = notification.customer_mut(&name);
            // A notice is sent once: recorded again, the first time stays and nothing is
            // recorded (the journal holds the first entry).
            if let Some(sent) = customer.sent_at(notice) {
                ui.say(&format!(
                    "{} {} ({})",
                    lang.pick("Redan registrerat:", "Already recorded:"),
                    customer.name,
                    sent.format("%Y-%m-%d %H:%M")
                ));
                return Ok(());
            }
            customer.mark_sent(notice, at);
            let name = customer.name.clone();
            let what = match notice {
                CustomerNotice::Acknowledgement => "acknowledgement",
                CustomerNotice::Detailed => "detailed",
                CustomerNotice::Resolution => "resolution",
            };
            change.set_notification(notification);
            let event = Event::CustomerNotice {
                notice: what.to_string(),
                customer: name,
            };
            Entry::new(event, &[Step::F])
        }
    };
    ui.outcome(&change.finish(entry)?);
    Ok(())
}

/// The notification file of an incident that has none yet.
pub fn empty_notification() -> Notification {
    Notification {
        schema_version: SCHEMA_VERSION,
        imy: None,
        data_subjects: None,
        public_communication: None,
        controller_notified_at: None,
        customers: Vec::new(),
        nis2: None,
        regime_reports: std::collections::BTreeMap::new(),
    }
}

/// The notification file of `incident` to change: its own, or an empty one.
pub fn notification_of(incident: &crate::domain::incident::Incident) -> Notification {
    incident
        .notification
        .clone()
        .unwrap_or_else(empty_notification)
}

/// Who was told and when: from the flags, else asked at a terminal (a time before the
/// discovery is asked again), else now.
fn person_told(
    context: &Context,
    prompt: (&str, &str),
    mut name: Option<String>,
    mut at: Option<String>,
    default_name: Option<String>,
    what: Recorded,
    judge: &Judge,
) -> Result<PersonTold> {
    let (now, lang) = (judge.now, judge.lang);
    if context.interactive {
        let mut prompter = TerminalPrompter::new(lang);
        if name.is_none() {
            name = prompter.text(
                lang.pick(prompt.0, prompt.1),
                default_name.as_deref(),
                false,
                &|_| Ok(()),
            )?;
        }
        if at.is_none() {
            let today = now.format("%Y-%m-%d %H:%M").to_string();
            at = prompter.text(
                lang.pick("När? [ÅÅÅÅ-MM-DD TT:MM]", "When? [YYYY-MM-DD HH:MM]"),
                Some(&today),
                true,
                &|text| {
                    let (date, time) = parse_date_and_time(text).map_err(|e| e.describe(lang))?;
                    judge.impossible(what, &When::Local(Moment::on(date, time)))
                },
            )?;
        }
    }
    let name = name.or(default_name);
    let (date, time) = match at {
        Some(text) => parse_date_and_time(&text).map_err(|m| Error::bad_input("--at", m))?,
        None => (now.date_naive(), ClockTime::new(now.hour(), now.minute())),
    };
    Ok(PersonTold { name, date, time })
}
