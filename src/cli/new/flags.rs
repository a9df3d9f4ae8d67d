//! `incident new`'s flags: each parsed and checked (dates, option keys with their
//! comments, counts, parties), then laid over what `--from` gave.

use super::NewArgs;
use crate::domain::draft::ReportDraft;
use crate::domain::input::{InputError, known_option};
use crate::domain::model::answers::FormQuestion;
use crate::domain::model::report::{BreachType, Party, PersonTold, Role};
use crate::domain::model::{Awareness, Choice, Count, Selection, Verdict};
use crate::domain::moment::{Moment, parse_date_and_time};
use crate::error::{Error, Result};
use crate::store::Stamp;

fn moment_flag(
    flag: &str,
    value: &Option<String>,
    comment: &Option<String>,
) -> Result<Option<Moment>> {
    let Some(text) = value else {
        return Ok(None);
    };
    let (date, time) =
        parse_date_and_time(text).map_err(|problem| Error::bad_input(flag, problem))?;
    Ok(Some(Moment {
        date,
        time,
        comment: comment.clone(),
    }))
}

fn told_flag(
    flag: &str,
    value: &Option<String>,
    name: &Option<String>,
) -> Result<Option<PersonTold>> {
    Ok(moment_flag(flag, value, &None)?.map(|m| PersonTold {
        name: name.clone(),
        date: m.date,
        time: m.time,
    }))
}

fn choice_flag<Q: FormQuestion>(
    flag: &str,
    key: &Option<String>,
    comment: &Option<String>,
) -> Result<Option<Choice<Q>>> {
    let Some(key) = key else {
        return Ok(None);
    };
    let option = known_option(Q::NUMBER, key).map_err(|problem| Error::bad_input(flag, problem))?;
    if option.needs_comment() && comment.is_none() {
        return Err(Error::bad_input(
            flag,
            InputError::CommentNeeded {
                key: key.clone(),
                flag: flag.to_string(),
            },
        ));
    }
    Ok(Some(Choice::new(key.clone(), comment.clone())))
}

fn selection_flag<Q: FormQuestion>(
    flag: &str,
    keys: &[String],
    comment: &Option<String>,
) -> Result<Option<Selection<Q>>> {
    if keys.is_empty() {
        return Ok(None);
    }
    for key in keys {
        let option =
            known_option(Q::NUMBER, key).map_err(|problem| Error::bad_input(flag, problem))?;
        if option.needs_comment() && comment.is_none() {
            return Err(Error::bad_input(
                flag,
                InputError::CommentNeeded {
                    key: key.clone(),
                    flag: flag.to_string(),
                },
            ));
        }
    }
    Ok(Some(Selection::new(keys.to_vec(), comment.clone())))
}

fn party_flag(flag: &str, text: &str) -> Result<Party> {
    let (name, org_number) = match text.split_once(';') {
        Some((name, number)) => (name.trim(), Some(number.trim().to_string())),
        None => (text.trim(), None),
    };
    if name.is_empty() {
        return Err(Error::bad_input(flag, InputError::NoName));
    }
    Ok(Party {
        name: name.to_string(),
        org_number,
    })
}

fn count_flag(flag: &str, text: &Option<String>) -> Result<Option<Count>> {
    text.as_deref()
        .map(Count::parse)
        .transpose()
        .map_err(|problem| Error::bad_input(flag, problem))
}

/// Flags override what `--from` gave.
pub fn apply_flags(draft: &mut ReportDraft, args: &NewArgs, stamp: &Stamp) -> Result<()> {
    fn set<T>(field: &mut Option<T>, value: Option<T>) {
        if value.is_some() {
            *field = value;
        }
    }
    set(&mut draft.title, args.title.clone());
    set(&mut draft.observed, args.observed.clone());
    set(
        &mut draft.occurred,
        moment_flag("--occurred", &args.occurred, &args.occurred_comment)?,
    );
    set(
        &mut draft.discovered,
        moment_flag("--discovered", &args.discovered, &args.discovered_comment)?,
    );
    set(&mut draft.discovered_by, args.discovered_by.clone());
    for (flag, text) in [
        ("--verdict-reason", &args.verdict_reason),
        ("--aware-reason", &args.aware_reason),
    ] {
        if text.as_deref().is_some_and(|t| t.trim().is_empty()) {
            return Err(Error::bad_input(flag, InputError::EmptyText));
        }
    }
    if let (Some(kind), Some(reason)) = (args.verdict, &args.verdict_reason) {
        draft.verdict = Some(Verdict {
            kind: kind.into(),
            decided_by: stamp.author.name.clone(),
            decided_at: stamp.when,
            reason: reason.clone(),
        });
    }
    if let (Some(at), Some(reason)) = (&args.aware, &args.aware_reason) {
        let (date, time) =
            parse_date_and_time(at).map_err(|problem| Error::bad_input("--aware", problem))?;
        draft.aware = Some(Awareness {
            date,
            time,
            reason: reason.clone(),
        });
    }
    set(
        &mut draft.manager_informed,
        told_flag("--manager-informed", &args.manager_informed, &args.manager)?,
    );
    set(
        &mut draft.dpo_contacted,
        told_flag("--dpo-contacted", &args.dpo_contacted, &args.dpo)?,
    );
    set(&mut draft.ongoing, args.ongoing);
    set(
        &mut draft.ended,
        moment_flag("--ended", &args.ended, &args.ended_comment)?,
    );
    set(
        &mut draft.what_happened,
        choice_flag(
            "--what-happened",
            &args.what_happened,
            &args.what_happened_comment,
        )?,
    );
    set(&mut draft.description, args.description.clone());
    set(
        &mut draft.cause,
        choice_flag("--cause", &args.cause, &args.cause_comment)?,
    );
    set(
        &mut draft.how_discovered,
        choice_flag(
            "--how-discovered",
            &args.how_discovered,
            &args.how_discovered_comment,
        )?,
    );
    set(
        &mut draft.sector,
        choice_flag("--sector", &args.sector, &args.sector_comment)?,
    );
    set(
        &mut draft.area,
        choice_flag("--area", &args.area, &args.area_comment)?,
    );
    set(
        &mut draft.subject_groups,
        selection_flag("--groups", &args.groups, &args.groups_comment)?,
    );
    set(
        &mut draft.data_subjects,
        count_flag("--data-subjects", &args.data_subjects)?,
    );
    set(&mut draft.records, count_flag("--records", &args.records)?);
    set(
        &mut draft.data_categories,
        selection_flag("--categories", &args.categories, &args.categories_comment)?,
    );
    set(&mut draft.encrypted, args.encrypted);
    set(
        &mut draft.consequences,
        selection_flag(
            "--consequences",
            &args.consequences,
            &args.consequences_comment,
        )?,
    );
    set(
        &mut draft.internal_reference,
        args.internal_reference.clone(),
    );
    set(&mut draft.nis2_significant, args.nis2_significant);
    if !args.breach_type.is_empty() {
        draft.breach_types = args
            .breach_type
            .iter()
            .map(|text| {
                BreachType::parse(text).ok_or_else(|| {
                    Error::bad_input(
                        "--breach-type",
                        InputError::NotABreachType { text: text.clone() },
                    )
                })
            })
            .collect::<Result<_>>()?;
    }
    if !args.processor.is_empty() {
        draft.processors = args
            .processor
            .iter()
            .map(|p| party_flag("--processor", p))
            .collect::<Result<_>>()?;
        draft.processors_involved = Some(true);
    }
    if args.no_processors {
        draft.processors_involved = Some(false);
        draft.processors.clear();
    }
    if let Some(role) = &args.role {
        draft.role = Some(Role::parse(role).ok_or_else(|| {
            Error::bad_input("--role", InputError::NotARole { text: role.clone() })
        })?);
    }
    if let Some(controller) = &args.controller {
        draft.controller = Some(party_flag("--controller", controller)?);
    }
    Ok(())
}
