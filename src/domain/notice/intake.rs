//! Reading a notice file: its format and version first, then each field, a problem named
//! by its field; and the controller's draft report made from it.

use chrono::Timelike;
use chrono_tz::Tz;
use serde_json::{Value, json};

use super::{FORMAT, FORMAT_NAME, FORMAT_VERSION, Facts, Notice, NoticeKind, Sender};
use crate::domain::draft::ReportDraft;
use crate::domain::input::known_option;
use crate::domain::model::actions::ActionTaken;
use crate::domain::model::provenance::NoticeOrigin;
use crate::domain::model::report::{Party, Role};
use crate::domain::model::{Actions, Choice, SCHEMA_VERSION, Selection};
use crate::domain::moment::{ClockTime, Moment, resolve_local};
use crate::domain::{Bilingual, IncidentId, Lang};

/// What is wrong with a notice file: the field (dotted, `facts.data_subjects`) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeProblem {
    pub field: String,
    pub message: Bilingual,
}

impl NoticeProblem {
    fn new(field: impl Into<String>, sv: impl Into<String>, en: impl Into<String>) -> Self {
        NoticeProblem {
            field: field.into(),
            message: Bilingual::new(sv, en),
        }
    }

    /// A value serde refused, in serde's (English) words.
    fn unreadable(field: impl Into<String>, error: &serde_json::Error) -> Self {
        NoticeProblem::new(
            field,
            format!("kan inte läsas: {error}"),
            format!("cannot be read: {error}"),
        )
    }
}

/// The notice in `text`, or the first problem found, named by its field.
pub fn parse(text: &str) -> Result<Notice, NoticeProblem> {
    let value: Value = serde_json::from_str(text).map_err(|error| {
        NoticeProblem::new(
            "(JSON)",
            format!("är inte JSON: {error}"),
            format!("is not JSON: {error}"),
        )
    })?;
    check_format(&value)?;
    let notice: Notice =
        serde_json::from_value(value.clone()).map_err(|error| locate(&value, &error))?;
    check_facts(&notice)?;
    Ok(notice)
}

fn check_format(value: &Value) -> Result<(), NoticeProblem> {
    let Some(format) = value.get("format").and_then(Value::as_str) else {
        return Err(NoticeProblem::new(
            "format",
            format!("saknas: filen är ingen incidentunderrättelse ({FORMAT})"),
            format!("is missing: the file is not an incident notice ({FORMAT})"),
        ));
    };
    let version = format
        .strip_prefix(FORMAT_NAME)
        .and_then(|rest| rest.strip_prefix('/'))
        .and_then(|number| number.parse::<u32>().ok());
    match version {
        Some(FORMAT_VERSION) => Ok(()),
        Some(newer) if newer > FORMAT_VERSION => Err(NoticeProblem::new(
            "format",
            format!(
                "`{format}` är en nyare version än den här versionen av verktyget läser ({FORMAT}): uppdatera incident, eller be avsändaren om version {FORMAT_VERSION}"
            ),
            format!(
                "`{format}` is a newer version than this build of the tool reads ({FORMAT}): update incident, or ask the sender for version {FORMAT_VERSION}"
            ),
        )),
        _ => Err(NoticeProblem::new(
            "format",
            format!("`{format}` är inget format som verktyget läser: väntade {FORMAT}"),
            format!("`{format}` is not a format the tool reads: expected {FORMAT}"),
        )),
    }
}

/// Which field serde refused: each section read on its own, and each fact on its own.
fn locate(value: &Value, error: &serde_json::Error) -> NoticeProblem {
    let Some(fields) = value.as_object() else {
        return NoticeProblem::unreadable("(JSON)", error);
    };
    for (key, field) in fields {
        let refused = match key.as_str() {
            "format" => None,
            "kind" => serde_json::from_value::<NoticeKind>(field.clone()).err(),
            "exported_at" => {
                serde_json::from_value::<chrono::DateTime<chrono::FixedOffset>>(field.clone()).err()
            }
            "sender" => serde_json::from_value::<Sender>(field.clone()).err(),
            "recipient" => serde_json::from_value::<Party>(field.clone()).err(),
            "facts" => {
                if let Some(facts) = field.as_object() {
                    for (name, fact) in facts {
                        if let Err(error) = serde_json::from_value::<Facts>(json!({ name: fact })) {
                            return NoticeProblem::unreadable(format!("facts.{name}"), &error);
                        }
                    }
                }
                serde_json::from_value::<Facts>(field.clone()).err()
            }
            _ => {
                return NoticeProblem::new(
                    key.clone(),
                    "är inget fält i en incidentunderrättelse",
                    "is not a field of an incident notice",
                );
            }
        };
        if let Some(error) = refused {
            return NoticeProblem::unreadable(key.clone(), &error);
        }
    }
    // A required section left out: serde names it.
    NoticeProblem::unreadable("(top level)", error)
}

/// What serde cannot see: the required facts, the id, and the option keys of IMY's lists.
fn check_facts(notice: &Notice) -> Result<(), NoticeProblem> {
    let facts = &notice.facts;
    if facts.title.as_deref().is_none_or(|t| t.trim().is_empty()) {
        return Err(NoticeProblem::new("facts.title", "saknas", "is missing"));
    }
    if facts.discovered.is_none() {
        return Err(NoticeProblem::new(
            "facts.discovered",
            "saknas",
            "is missing",
        ));
    }
    if notice.sender.incident.parse::<IncidentId>().is_err() {
        return Err(NoticeProblem::new(
            "sender.incident",
            format!(
                "`{}` är inget incident-id (ÅÅÅÅ-NNNN)",
                notice.sender.incident
            ),
            format!(
                "`{}` is not an incident id (YYYY-NNNN)",
                notice.sender.incident
            ),
        ));
    }
    if notice.sender.timezone.parse::<Tz>().is_err() {
        return Err(NoticeProblem::new(
            "sender.timezone",
            format!(
                "`{}` är ingen tidszon (IANA, t.ex. Europe/Stockholm)",
                notice.sender.timezone
            ),
            format!(
                "`{}` is not a timezone (IANA, e.g. Europe/Stockholm)",
                notice.sender.timezone
            ),
        ));
    }
    if notice.sender.organisation.name.trim().is_empty() {
        return Err(NoticeProblem::new(
            "sender.organisation.name",
            "saknas",
            "is missing",
        ));
    }
    let keys: [(&str, u8, Vec<&str>); 6] = [
        ("facts.what_happened", 15, choice_key(&facts.what_happened)),
        (
            "facts.how_discovered",
            17,
            choice_key(&facts.how_discovered),
        ),
        ("facts.cause", 18, choice_key(&facts.cause)),
        (
            "facts.subject_groups",
            25,
            selection_keys(&facts.subject_groups),
        ),
        (
            "facts.data_categories",
            26,
            selection_keys(&facts.data_categories),
        ),
        (
            "facts.consequences",
            28,
            selection_keys(&facts.consequences),
        ),
    ];
    for (field, question, keys) in keys {
        for key in keys {
            if let Err(problem) = known_option(question, key) {
                return Err(NoticeProblem {
                    field: field.to_string(),
                    message: Bilingual::new(problem.describe(Lang::Sv), problem.describe(Lang::En)),
                });
            }
        }
    }
    Ok(())
}

fn choice_key<Q>(choice: &Option<Choice<Q>>) -> Vec<&str> {
    choice.iter().map(|c| c.key.as_str()).collect()
}

fn selection_keys<Q>(selection: &Option<Selection<Q>>) -> Vec<&str> {
    selection
        .iter()
        .flat_map(|s| s.keys.iter().map(String::as_str))
        .collect()
}

/// The controller's report from the notice: the facts as the sender gave them, the
/// sender recorded as the processor involved (IMY questions 21–22), and the discovery set
/// to the receipt of the notice, from which the controller's 72 hours run (GDPR Art.
/// 33(1); EDPB Guidelines 9/2022 section II.A.4: the controller is aware once its processor has
/// informed it). `lang` is the register's, for the comments written into the report.
/// The sender's times are local to its zone; in another zone they are moved to the
/// register's (`zone`), the sender's own reading kept in the comment.
pub fn into_draft(
    notice: Notice,
    received: Moment,
    sha256: String,
    zone: Tz,
    lang: Lang,
) -> ReportDraft {
    let Notice {
        format,
        sender,
        mut facts,
        exported_at,
        ..
    } = notice;
    let theirs = sender.timezone.parse::<Tz>().unwrap_or(zone);
    facts.occurred = facts.occurred.map(|m| moved(m, theirs, zone, lang));
    facts.ended = facts.ended.map(|m| moved(m, theirs, zone, lang));
    let name = sender.organisation.name.clone();
    // In the register's zone too, the sender's own reading beside it when it moved.
    let their_discovery = facts
        .discovered
        .clone()
        .map(|moment| {
            // The sender's comment on its discovery stays out: only the reading is added.
            let here = moved(
                Moment {
                    comment: None,
                    ..moment
                },
                theirs,
                zone,
                lang,
            );
            let reading = here
                .comment
                .as_deref()
                .map(|reading| format!(" ({reading})"))
                .unwrap_or_default();
            format!(
                " ({} {here}{reading})",
                lang.pick("biträdet upptäckte den", "the processor discovered it")
            )
        })
        .unwrap_or_default();
    let discovered = Moment {
        comment: Some(format!(
            "{} {name}, {} {}{their_discovery}; {}",
            lang.pick(
                "Underrättelse mottagen från personuppgiftsbiträdet",
                "Notice received from the processor"
            ),
            lang.pick("dess ärende", "its case"),
            sender.incident,
            lang.pick(
                "GDPR art. 33.1, EDPB riktlinjer 9/2022 avsnitt II.A.4",
                "GDPR Art. 33(1), EDPB Guidelines 9/2022 section II.A.4"
            ),
        )),
        ..received
    };
    let mut processors = vec![sender.organisation.clone()];
    for party in facts.processors {
        if !processors.contains(&party) {
            processors.push(party);
        }
    }
    ReportDraft {
        title: facts.title,
        observed: facts.observed,
        occurred: facts.occurred,
        discovered: Some(discovered),
        discovered_by: Some(name.clone()),
        ongoing: facts.ongoing,
        ended: facts.ended,
        what_happened: facts.what_happened,
        description: facts.description,
        how_discovered: Some(Choice::new(
            "free_text",
            Some(format!(
                "{} {name} {} {}",
                lang.pick("Personuppgiftsbiträdet", "The processor"),
                lang.pick("underrättade oss, dess ärende", "notified us, its case"),
                sender.incident
            )),
        )),
        cause: facts.cause,
        breach_types: facts.breach_types,
        role: Some(Role::Controller),
        processors_involved: Some(true),
        processors,
        data_subjects: facts.data_subjects,
        records: facts.records,
        subject_groups: facts.subject_groups,
        data_categories: facts.data_categories,
        encrypted: facts.encrypted,
        consequences: facts.consequences,
        from_notice: Some(NoticeOrigin {
            format,
            sender: sender.organisation,
            incident: sender.incident,
            internal_reference: sender.internal_reference,
            commit: sender.commit,
            exported_at,
            sha256,
        }),
        ..ReportDraft::default()
    }
}

/// A moment of the sender's zone as the same instant in the register's: a date alone
/// stays as it is (it names a day, not an instant), and so does a time that does not
/// exist in the sender's zone.
fn moved(moment: Moment, from: Tz, to: Tz, lang: Lang) -> Moment {
    let Some(time) = moment.time else {
        return moment;
    };
    if from == to {
        return moment;
    }
    let Ok(instant) = resolve_local(from, moment.date, time.naive()) else {
        return moment;
    };
    let here = instant.with_timezone(&to);
    let reading = format!(
        "{} {} {time} {from}",
        lang.pick("avsändarens tid:", "the sender's time:"),
        moment.date
    );
    Moment {
        date: here.date_naive(),
        time: ClockTime::new(here.hour(), here.minute()),
        comment: Some(match moment.comment {
            Some(comment) => format!("{comment} ({reading})"),
            None => reading,
        }),
    }
}

/// The actions the sender says it took (IMY question 30), for the controller's action
/// log: each dated as the sender dated it (moved to the register's `zone`), and said to
/// be the sender's.
pub fn actions_taken(notice: &Notice, zone: Tz) -> Option<Actions> {
    if notice.facts.taken.is_empty() {
        return None;
    }
    let theirs = notice.sender.timezone.parse::<Tz>().unwrap_or(zone);
    let name = &notice.sender.organisation.name;
    Some(Actions {
        schema_version: SCHEMA_VERSION,
        taken: notice
            .facts
            .taken
            .iter()
            .map(|action| {
                let at = moved(Moment::on(action.date, action.time), theirs, zone, Lang::En);
                ActionTaken {
                    date: at.date,
                    time: at.time,
                    by: Some(name.clone()),
                    ..action.clone()
                }
            })
            .collect(),
        planned: Vec::new(),
    })
}
