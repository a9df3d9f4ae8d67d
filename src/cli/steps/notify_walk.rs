//! The guided step F. For a controller: the text for IMY's e-service shown before the
//! question whether it was submitted; the data subjects informed, to be informed on a
//! planned date (IMY question 34) or not informed for question 35's reasons; the public
//! communication of GDPR Art. 34(3)(c). For a processor: the notice to the controller
//! (GDPR Art. 33(2)). "Not yet" ends the step with the command to run once it is done,
//! never the same question again.

use super::notify::{self, ImySubmitted, PublicInformed, SubjectsTold};
use super::walk::Walked;
use super::{contact, customer_walk};
use crate::cli::prompt::{Prompter, TerminalPrompter};
use crate::cli::{Context, ui::Ui};
use crate::domain::catalogue::catalogue;
use crate::domain::incident::Incident;
use crate::domain::model::notification::CustomerNotice;
use crate::domain::model::report::Role;
use crate::domain::obligations::{of_incidents, public_communication_owed};
use crate::domain::steps::Step;
use crate::domain::{IncidentId, Lang, documents, imy};
use crate::error::{Error, Result};
use crate::store::Register;

/// Walks step F of `incident`, as far as its decision (or its role) requires.
pub fn walk(
    context: &Context,
    register: &Register,
    ui: &Ui,
    prompter: &mut TerminalPrompter,
    incident: &Incident,
) -> Result<Walked> {
    let id = &incident.report.id;
    if incident.report.role == Role::Processor {
        // The vendor's own process around the notice the law asks: the acknowledgement
        // first, the detailed notice after (customer_walk).
        customer_walk::list_customers(context, register, ui, prompter, incident)?;
        let first = [CustomerNotice::Acknowledgement];
        if let Walked::Later(then) =
            customer_walk::notices(context, register, ui, prompter, id, &first)?
        {
            return Ok(Walked::Later(then));
        }
        if let Walked::Later(then) = controller(context, register, ui, prompter, incident)? {
            return Ok(Walked::Later(then));
        }
        let then = [CustomerNotice::Detailed];
        return customer_walk::notices(context, register, ui, prompter, id, &then);
    }
    let decision = incident
        .assessment
        .as_ref()
        .map(|a| a.decision.clone())
        .ok_or_else(|| Error::NotAssessed {
            id: id.clone(),
            step: Step::F,
        })?;
    let notification = incident.notification.as_ref();
    let submitted = notification
        .and_then(|n| n.imy.as_ref())
        .is_some_and(|i| i.submitted_at.is_some());
    if decision.notify_imy
        && !submitted
        && let Walked::Later(then) = imy_notification(context, register, ui, prompter, incident)?
    {
        return Ok(Walked::Later(then));
    }
    let subjects = notification.and_then(|n| n.data_subjects.as_ref());
    let informed = subjects.is_some_and(|d| d.informed);
    let reasons_given = subjects.is_some_and(|d| d.reasons_not_to_inform.is_some());
    if decision.inform_data_subjects && !informed {
        if !reasons_given {
            let told = ask_subjects(context, ui, prompter, incident, &register.settings)?;
            let Some(told) = told else {
                return Ok(Walked::Later(subjects_later(ui.lang, id)));
            };
            let informed_now = told.informed_at.is_some();
            let not_informing = !told.not_informing.is_empty();
            notify::subjects(context, register, ui, id, told)?;
            if !informed_now && !not_informing {
                return Ok(Walked::Later(subjects_later(ui.lang, id)));
            }
            if informed_now {
                return public_and_customers(context, register, ui, prompter, id);
            }
        }
        // The assessment found a high risk: not informing stands on an exception of GDPR
        // Art. 34(3), which the risk assessment records (the step stays open until then).
        return Ok(Walked::Later(format!(
            "{} `incident assess {id}`",
            ui.t(
                "Skälen att inte informera är registrerade, men riskbedömningen säger att de registrerade ska informeras (GDPR art. 34.1). Gäller ett undantag i art. 34.3, för in det i riskbedömningen:",
                "The reasons not to inform are recorded, but the risk assessment says the data subjects are to be informed (GDPR Art. 34(1)). If an exception of Art. 34(3) applies, record it in the risk assessment:"
            )
        )));
    }
    public_and_customers(context, register, ui, prompter, id)
}

/// The public communication of GDPR Art. 34(3)(c) where it is owed, then the notices to
/// the customers.
fn public_and_customers(
    context: &Context,
    register: &Register,
    ui: &Ui,
    prompter: &mut TerminalPrompter,
    id: &IncidentId,
) -> Result<Walked> {
    let incident = &register.load(id)?;
    let public_recorded = incident
        .notification
        .as_ref()
        .is_some_and(|n| n.public_communication.is_some());
    if public_communication_owed(incident) && !public_recorded {
        if !prompter.confirm(
            ui.t(
                "Har allmänheten informerats i stället för de registrerade var för sig? (GDPR art. 34.3 c)",
                "Has the public been informed instead of each data subject? (GDPR Art. 34(3)(c))",
            ),
            false,
        )? {
            return Ok(Walked::Later(format!(
                "{} `incident notified public {id} --at {} --how TEXT`",
                ui.t("När det är gjort:", "Once it is done:"),
                ui.t("TID", "TIME"),
            )));
        }
        let how = prompter.text(
            ui.t(
                "Hur och var? (webbplatsens förstasida, pressmeddelande, ...)",
                "How and where? (the website's front page, a press release, ...)",
            ),
            None,
            false,
            &|_| Ok(()),
        )?;
        let informed = PublicInformed { at: None, how };
        notify::public(context, register, ui, id, informed)?;
    }
    let first = [CustomerNotice::Acknowledgement, CustomerNotice::Detailed];
    customer_walk::notices(context, register, ui, prompter, id, &first)
}

/// The notification to IMY: its text first, then whether it was submitted.
fn imy_notification(
    context: &Context,
    register: &Register,
    ui: &Ui,
    prompter: &mut TerminalPrompter,
    incident: &Incident,
) -> Result<Walked> {
    let id = &incident.report.id;
    let now = context.now.with_timezone(&register.zone);
    if prompter.confirm(
        ui.t(
            "Visa texten till IMY:s e-tjänst nu?",
            "Show the text for IMY's e-service now?",
        ),
        true,
    )? {
        let form = imy::build(incident, &register.settings, register.zone, now);
        paged(context, ui, &imy::render_text(&form));
    }
    if !prompter.confirm(
        ui.t(
            "Har anmälan skickats in till IMY?",
            "Has the notification been submitted to IMY?",
        ),
        false,
    )? {
        let obligations = of_incidents(
            std::slice::from_ref(incident),
            &register.settings,
            register.zone,
            now,
        )
        .map_err(Error::discovery_not_in_zone)?;
        let deadline = crate::cli::hints::imy_deadline(ui.lang, &obligations, true)
            .map(|line| format!("{line}\n"))
            .unwrap_or_default();
        return Ok(Walked::Later(format!(
            "{deadline}{} `incident export imy {id}`; {} `incident notified imy {id} --case-number IMY-…`",
            ui.t(
                "Texten till IMY:s e-tjänst:",
                "The text for IMY's e-service:"
            ),
            ui.t("när anmälan är inskickad:", "once it is submitted:"),
        )));
    }
    let case_number = prompter.text(
        ui.t(
            "IMY:s diarienummer (tomt om det inte har kommit än)",
            "IMY's case number (empty if it has not come yet)",
        ),
        None,
        false,
        &|_| Ok(()),
    )?;
    let supplement = prompter.confirm(
        ui.t(
            "Kommer ni att komplettera anmälan? (IMY fråga 36)",
            "Will you supplement the notification? (IMY question 36)",
        ),
        false,
    )?;
    let submitted = ImySubmitted {
        case_number,
        supplement_planned: Some(supplement),
        ..ImySubmitted::default()
    };
    notify::imy(context, register, ui, id, submitted)?;
    Ok(Walked::Recorded)
}

/// What to run once the data subjects are informed.
fn subjects_later(lang: Lang, id: &IncidentId) -> String {
    format!(
        "{} `incident export letter {id}`; {} `incident notified subjects {id} --informed-at {} --how TEXT`",
        lang.pick(
            "Brevet till de registrerade:",
            "The letter to the data subjects:"
        ),
        lang.pick("när de är informerade:", "once they are informed:"),
        lang.pick("TID", "TIME"),
    )
}

/// Asks what was done about informing the data subjects (GDPR Art. 34; IMY questions
/// 31–35), in words that follow what is recorded: informed now, a planned date, or the
/// reasons not to inform; informed means informed now. `None`: the person stopped without
/// an answer.
pub fn ask_subjects(
    context: &Context,
    ui: &Ui,
    prompter: &mut TerminalPrompter,
    incident: &Incident,
    settings: &crate::domain::model::Settings,
) -> Result<Option<SubjectsTold>> {
    let lang = ui.lang;
    let planned = incident
        .notification
        .as_ref()
        .and_then(|n| n.data_subjects.as_ref())
        .and_then(|d| d.will_inform_on.clone());
    let question = match &planned {
        Some(when) => format!(
            "{} {when} (IMY {} 34). {}",
            lang.pick(
                "De registrerade skulle informeras",
                "The data subjects were to be informed"
            ),
            lang.pick("fråga", "question"),
            lang.pick("Har de informerats?", "Have they been informed?"),
        ),
        None => lang
            .pick(
                "Har de registrerade informerats? (GDPR art. 34.1)",
                "Have the data subjects been informed? (GDPR Art. 34(1))",
            )
            .to_string(),
    };
    let mut choices = vec![
        lang.pick("Ja, de är informerade", "Yes, they are informed")
            .to_string(),
        match planned {
            Some(_) => lang.pick(
                "Inte än: ett nytt datum (IMY fråga 34)",
                "Not yet: a new date (IMY question 34)",
            ),
            None => lang.pick(
                "Inte än: när de ska informeras (IMY fråga 34)",
                "Not yet: when they will be informed (IMY question 34)",
            ),
        }
        .to_string(),
        lang.pick(
            "De informeras inte: skälen (IMY fråga 35, GDPR art. 34.3)",
            "They will not be informed: the reasons (IMY question 35, GDPR Art. 34(3))",
        )
        .to_string(),
    ];
    let show_letter = lang.pick(
        "Visa brevet till dem först",
        "Show the letter to them first",
    );
    choices.push(show_letter.to_string());
    let mut choice = prompter.select(&question, &choices, 0)?;
    if choice == 3 {
        let reader = documents::Reader::of(&incident.report);
        paged(
            context,
            ui,
            &documents::letter(incident, settings, lang, reader),
        );
        choices.pop();
        choice = prompter.select(&question, &choices, 0)?;
    }
    match choice {
        0 => {
            let how = prompter.text(
                lang.pick("Hur? (brev, e-post, ...)", "How? (letter, e-mail, ...)"),
                None,
                false,
                &|_| Ok(()),
            )?;
            Ok(Some(SubjectsTold {
                informed_at: Some(context.now.to_rfc3339()),
                how,
                ..SubjectsTold::default()
            }))
        }
        1 => {
            let when = prompter.text(
                lang.pick(
                    "När informeras de? (datum, eller hur det avgörs)",
                    "When will they be informed? (a date, or how it is decided)",
                ),
                None,
                false,
                &|_| Ok(()),
            )?;
            Ok(when.map(|when| SubjectsTold {
                will_inform_on: Some(when),
                ..SubjectsTold::default()
            }))
        }
        _ => {
            let question = catalogue().question(35);
            let keys: Vec<&str> = question.option_keys().collect();
            let items: Vec<String> = question
                .options
                .iter()
                .map(|option| option.label(lang).to_string())
                .collect();
            let chosen = prompter.multi_select(
                lang.pick(
                    "Varför informeras de inte? (IMY fråga 35)",
                    "Why are they not informed? (IMY question 35)",
                ),
                &items,
                &vec![false; items.len()],
            )?;
            if chosen.is_empty() {
                return Ok(None);
            }
            Ok(Some(SubjectsTold {
                not_informing: chosen.iter().map(|&i| keys[i].to_string()).collect(),
                ..SubjectsTold::default()
            }))
        }
    }
}

/// A processor's step F: the notice to the controller (GDPR Art. 33(2)), shown first.
fn controller(
    context: &Context,
    register: &Register,
    ui: &Ui,
    prompter: &mut TerminalPrompter,
    incident: &Incident,
) -> Result<Walked> {
    let id = &incident.report.id;
    if prompter.confirm(
        ui.t(
            "Visa underrättelsen till den personuppgiftsansvarige nu?",
            "Show the notice to the controller now?",
        ),
        true,
    )? {
        let notice = documents::controller_notice(incident, &register.settings, ui.lang);
        paged(context, ui, &notice);
    }
    let controller = incident.report.controller.as_ref().map_or_else(
        || {
            ui.t("den personuppgiftsansvarige", "the controller")
                .to_string()
        },
        |c| c.name.clone(),
    );
    let question = format!(
        "{} {controller}? (GDPR {})",
        ui.t(
            "Har underrättelsen skickats till",
            "Has the notice been sent to"
        ),
        ui.t("art. 33.2", "Art. 33(2)"),
    );
    if !prompter.confirm(&question, false)? {
        return Ok(Walked::Later(format!(
            "{} `incident export controller {id}`; {} `incident contacted controller {id}`",
            ui.t(
                "Underrättelsen, utan onödigt dröjsmål (GDPR art. 33.2):",
                "The notice, without undue delay (GDPR Art. 33(2)):"
            ),
            ui.t("när den är skickad:", "once it is sent:"),
        )));
    }
    contact::record(
        context,
        register,
        ui,
        id,
        contact::Request::Controller { at: None },
    )?;
    Ok(Walked::Recorded)
}

/// A text to read before answering, through the pager at a terminal (as `export` pages it).
pub(super) fn paged(context: &Context, ui: &Ui, text: &str) {
    ui.clone().with_pager(context.pager.clone()).out(text);
}
