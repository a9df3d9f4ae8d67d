//! Step F: recording what was sent: the notification to IMY with its case number, each
//! supplement, the information to the data subjects (or why they are not informed) and the
//! public communication that replaces it (GDPR Art. 34(3)(c));
//! and the guided step F, which asks whether each was sent. Writes notification.yaml.

use crate::domain::obligations::GDPR_NOTIFY_IMY_HOURS;
use chrono::{DateTime, FixedOffset};

use super::contact::notification_of;
use crate::cli::args::parse_sent_at;
use crate::cli::prompt::{Prompter, TerminalPrompter};
use crate::cli::times::vouch;
use crate::cli::{Context, ui::Ui};
use crate::domain::IncidentId;
use crate::domain::event::Event;
use crate::domain::input::{InputError, known_option};
use crate::domain::model::Selection;
use crate::domain::model::notification::{
    DataSubjectsInformation, ImyNotification, PublicCommunication, Supplement,
};
use crate::domain::obligations::add_hours;
use crate::domain::plausibility::{Facts, Recorded, When};
use crate::domain::steps::Step;
use crate::error::{Error, Result};
use crate::store::{Entry, Register};

/// The notification to IMY was submitted (GDPR Art. 33); what is `None` keeps what was
/// recorded before, or (the time) is now.
#[derive(Debug, Clone, Default)]
pub struct ImySubmitted {
    pub at: Option<String>,
    pub case_number: Option<String>,
    pub supplement_planned: Option<bool>,
    pub late_reason: Option<String>,
    pub secrecy: Option<String>,
}

/// A supplement (komplettering) sent to IMY.
#[derive(Debug, Clone, Default)]
pub struct SupplementSent {
    pub at: Option<String>,
    pub summary: Option<String>,
}

/// The data subjects were informed, will be, or will not be, and why (GDPR Art. 34; IMY
/// questions 31–35).
#[derive(Debug, Clone, Default)]
pub struct SubjectsTold {
    pub informed_at: Option<String>,
    pub how: Option<String>,
    pub will_inform_on: Option<String>,
    pub not_informing: Vec<String>,
}

/// The public was informed instead of each data subject (GDPR Art. 34(3)(c)).
#[derive(Debug, Clone, Default)]
pub struct PublicInformed {
    pub at: Option<String>,
    pub how: Option<String>,
}

/// An instant given as `--at`, else now in the register's zone.
fn instant(
    context: &Context,
    register: &Register,
    text: Option<&str>,
) -> Result<DateTime<FixedOffset>> {
    match text {
        Some(text) => Ok(parse_sent_at(text, register.zone)?.fixed_offset()),
        None => Ok(context.now_in(Some(register))),
    }
}

/// Records that the notification to IMY was submitted.
pub fn imy(
    context: &Context,
    register: &Register,
    ui: &Ui,
    id: &IncidentId,
    submitted: ImySubmitted,
) -> Result<()> {
    let mut change = context.start_change(register, id)?;
    let incident = change.incident();
    let mut notification = notification_of(incident);
    let previous = notification.imy.clone();
    // Adding a case number later keeps the recorded submission time.
    let at = match (
        submitted.at.as_deref(),
        previous.as_ref().and_then(|p| p.submitted_at),
    ) {
        (None, Some(recorded)) => recorded,
        (at, _) => instant(context, register, at)?,
    };
    vouch(
        context,
        register,
        &Facts::of(incident),
        Recorded::ImyNotified,
        "--at",
        &When::Instant(at),
    )?;
    let mut late_reason = submitted
        .late_reason
        .or(previous.as_ref().and_then(|p| p.late_reason.clone()));
    let zone = register.zone;
    let aware = incident
        .report
        .clock_start()
        .earliest_instant(zone)
        .map_err(|_| Error::DiscoveryNotInZone { id: id.clone() })?;
    // The reasons for a delay are owed after the law's 72 hours (GDPR Art. 33(1)).
    let due = add_hours(aware, GDPR_NOTIFY_IMY_HOURS);
    if at > due && late_reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
        let when = due.format("%Y-%m-%d %H:%M %:z");
        if context.interactive {
            let prompt = format!(
                "{} {when} (GDPR art. 33.1). {}",
                ui.t(
                    "Anmälan kommer efter fristen",
                    "The notification comes after the deadline"
                ),
                ui.t(
                    "Beskriv varför (IMY fråga 14)",
                    "Describe why (IMY question 14)"
                )
            );
            late_reason = TerminalPrompter::new(ui.lang).long_text(&prompt, None, true)?;
        } else {
            return Err(Error::MissingAnswers {
                command: format!("notified imy {id}"),
                missing: vec![(
                    "--late-reason TEXT".into(),
                    match ui.lang {
                        crate::domain::Lang::Sv => format!(
                            "anmälan kommer efter fristen {when}: skälen till förseningen (GDPR art. 33.1; IMY fråga 14)"
                        ),
                        crate::domain::Lang::En => format!(
                            "the notification comes after the deadline {when}: the reasons for the delay (GDPR Art. 33(1); IMY question 14)"
                        ),
                    },
                )],
                from_file: false,
            });
        }
    }
    let imy = ImyNotification {
        submitted_at: Some(at),
        case_number: submitted
            .case_number
            .or(previous.as_ref().and_then(|p| p.case_number.clone())),
        late_reason,
        supplement_planned: submitted
            .supplement_planned
            .or(previous.as_ref().and_then(|p| p.supplement_planned)),
        supplements: previous
            .as_ref()
            .map(|p| p.supplements.clone())
            .unwrap_or_default(),
        secrecy: submitted
            .secrecy
            .or(previous.as_ref().and_then(|p| p.secrecy.clone())),
    };
    let event = Event::ImyNotified {
        case_number: imy.case_number.clone(),
    };
    // The body in the register's language, as the subject.
    let journal = register.settings.register.language;
    let late = if at > due {
        journal.pick(
            " efter fristen på 72 timmar (GDPR art. 33.1)",
            " after the 72-hour deadline",
        )
    } else {
        ""
    };
    let body = format!(
        "{} {}{late}.",
        journal.pick("Anmäld", "Submitted"),
        at.format("%Y-%m-%d %H:%M %:z")
    );
    notification.imy = Some(imy);
    change.set_notification(notification);
    ui.outcome(&change.finish(Entry::new(event, &[Step::F]).with_body(body))?);
    Ok(())
}

/// Records a supplement sent to IMY.
pub fn supplement(
    context: &Context,
    register: &Register,
    ui: &Ui,
    id: &IncidentId,
    sent: SupplementSent,
) -> Result<()> {
    let mut change = context.start_change(register, id)?;
    let facts = Facts::of(change.incident());
    let mut notification = notification_of(change.incident());
    let Some(imy) = notification
        .imy
        .as_mut()
        .filter(|i| i.submitted_at.is_some())
    else {
        return Err(Error::NothingToSupplement { id: id.clone() });
    };
    // What changed since the last filing, as `export imy --supplement` lists it: offered
    // as the summary at a terminal, taken as it without one. A journal that cannot say
    // (a filing recorded by hand) leaves the summary to be written.
    let listed = if sent.summary.is_none() {
        crate::cli::supplement::since_last_filing(context, register, change.incident())
            .ok()
            .and_then(|(found, _)| found.summary(register.settings.register.language))
    } else {
        None
    };
    let summary = match sent.summary {
        Some(summary) => summary,
        None if context.interactive => TerminalPrompter::new(ui.lang)
            .long_text(
                ui.t(
                    "Vad tillförde kompletteringen?",
                    "What did the supplement add?",
                ),
                listed.as_deref(),
                true,
            )?
            .unwrap_or_default(),
        None => match listed {
            Some(listed) => {
                ui.say(&format!(
                    "{}: {listed}",
                    ui.t(
                        "Sammanfattning från `export imy --supplement` (ange --summary för en egen)",
                        "Summary from `export imy --supplement` (give --summary for one of your own)"
                    )
                ));
                listed
            }
            None => {
                return Err(Error::MissingAnswers {
                    command: format!("notified supplement {id}"),
                    missing: vec![(
                        "--summary TEXT".into(),
                        ui.t("vad kompletteringen tillförde", "what the supplement added")
                            .into(),
                    )],
                    from_file: false,
                });
            }
        },
    };
    let submitted_at = instant(context, register, sent.at.as_deref())?;
    vouch(
        context,
        register,
        &facts,
        Recorded::Supplement,
        "--at",
        &When::Instant(submitted_at),
    )?;
    imy.supplements.push(Supplement {
        submitted_at,
        summary: summary.clone(),
    });
    let count = imy.supplements.len();
    change.set_notification(notification);
    let entry = Entry::new(Event::SupplementSent { number: count }, &[Step::F]).with_body(summary);
    ui.outcome(&change.finish(entry)?);
    Ok(())
}

/// Records the public communication of GDPR Art. 34(3)(c): when, and how or where.
pub fn public(
    context: &Context,
    register: &Register,
    ui: &Ui,
    id: &IncidentId,
    informed: PublicInformed,
) -> Result<()> {
    let mut change = context.start_change(register, id)?;
    // Informing the data subjects, or the public instead, is the controller's duty (GDPR
    // Art. 34(1), 34(3)(c)); a processor tells its controller (Art. 33(2)).
    if change.incident().report.role == crate::domain::model::report::Role::Processor {
        return Err(Error::ProcessorNotifiesController { id: id.clone() });
    }
    let mut notification = notification_of(change.incident());
    if informed.how.as_deref().is_some_and(|h| h.trim().is_empty()) {
        return Err(Error::bad_input("--how", InputError::EmptyText));
    }
    let how = match informed.how {
        Some(how) => how,
        None if context.interactive => TerminalPrompter::new(ui.lang)
            .long_text(
                ui.t(
                    "Hur och var informerades allmänheten? (t.ex. meddelande på webbplatsens startsida, pressmeddelande)",
                    "How and where was the public informed? (e.g. a notice on the website's front page, a press release)",
                ),
                None,
                true,
            )?
            .unwrap_or_default(),
        None => {
            return Err(Error::MissingAnswers {
                command: format!("notified public {id}"),
                missing: vec![(
                    "--how TEXT".into(),
                    ui.t(
                        "hur och var allmänheten informerades (GDPR art. 34.3 c)",
                        "how and where the public was informed (GDPR Art. 34(3)(c))",
                    )
                    .into(),
                )],
                from_file: false,
            });
        }
    };
    let at = instant(context, register, informed.at.as_deref())?;
    vouch(
        context,
        register,
        &Facts::of(change.incident()),
        Recorded::PublicInformed,
        "--at",
        &When::Instant(at),
    )?;
    // The body in the register's language, as the subject.
    let journal = register.settings.register.language;
    let body = format!(
        "{} {} ({}): {}",
        journal.pick("Informerad", "Informed"),
        at.format("%Y-%m-%d %H:%M %:z"),
        journal.pick("GDPR art. 34.3 c", "GDPR Art. 34(3)(c)"),
        how.trim()
    );
    notification.public_communication = Some(PublicCommunication { at, how });
    change.set_notification(notification);
    let entry = Entry::new(Event::PublicInformed, &[Step::F]).with_body(body);
    ui.outcome(&change.finish(entry)?);
    Ok(())
}

/// Records what the data subjects were told, or why not.
pub fn subjects(
    context: &Context,
    register: &Register,
    ui: &Ui,
    id: &IncidentId,
    told: SubjectsTold,
) -> Result<()> {
    let mut change = context.start_change(register, id)?;
    let mut notification = notification_of(change.incident());
    let (information, event) = if let Some(at) = &told.informed_at {
        let informed_at = instant(context, register, Some(at))?;
        let facts = Facts::of(change.incident());
        vouch(
            context,
            register,
            &facts,
            Recorded::SubjectsInformed,
            "--informed-at",
            &When::Instant(informed_at),
        )?;
        (
            DataSubjectsInformation {
                informed: true,
                informed_at: Some(informed_at),
                how: told.how.clone(),
                will_inform: None,
                will_inform_on: None,
                reasons_not_to_inform: None,
            },
            Event::SubjectsInformed,
        )
    } else if let Some(when) = &told.will_inform_on {
        (
            DataSubjectsInformation {
                informed: false,
                informed_at: None,
                how: told.how.clone(),
                will_inform: Some(true),
                will_inform_on: Some(when.clone()),
                reasons_not_to_inform: None,
            },
            Event::SubjectsWillBeInformed { when: when.clone() },
        )
    } else if !told.not_informing.is_empty() {
        for key in &told.not_informing {
            known_option(35, key)
                .map_err(|problem| Error::bad_input("--not-informing", problem))?;
        }
        // The option's words tell IMY that the public has been informed (GDPR
        // Art. 34(3)(c)): said only once it is recorded.
        if told
            .not_informing
            .iter()
            .any(|k| k == "public_communication")
            && notification.public_communication.is_none()
        {
            return Err(Error::bad_input(
                "--not-informing",
                InputError::PublicNotInformed { id: id.to_string() },
            ));
        }
        (
            DataSubjectsInformation {
                informed: false,
                informed_at: None,
                how: None,
                will_inform: Some(false),
                will_inform_on: None,
                reasons_not_to_inform: Some(Selection::new(told.not_informing.clone(), None)),
            },
            Event::SubjectsNotInformed {
                reasons: told.not_informing.clone(),
            },
        )
    } else {
        return Err(Error::MissingAnswers {
            command: format!("notified subjects {id}"),
            missing: vec![
                (
                    "--informed-at TIME [--how TEXT]".into(),
                    ui.t("de har informerats", "they were informed").into(),
                ),
                (
                    "--will-inform-on WHEN".into(),
                    ui.t(
                        "eller: de kommer att informeras",
                        "or: they will be informed",
                    )
                    .into(),
                ),
                (
                    "--not-informing KEYS".into(),
                    ui.t(
                        "eller: varför inte (IMY fråga 35; GDPR art. 34.3)",
                        "or: why not (IMY question 35; GDPR Art. 34(3))",
                    )
                    .into(),
                ),
            ],
            from_file: false,
        });
    };
    notification.data_subjects = Some(information);
    change.set_notification(notification);
    ui.outcome(&change.finish(Entry::new(event, &[Step::F]))?);
    Ok(())
}
