//! The rules of `report.yaml` (steps A, B, D): the id and its folder, the order of the
//! moments, times that exist in the register's zone, the answers to IMY's questions.

use chrono_tz::Tz;

use super::answers::{check_choice, check_count, check_selection};
use super::{Problem, non_empty};
use crate::domain::id::IncidentId;
use crate::domain::model::Report;
use crate::domain::moment::{Moment, TimeProblem};

/// Checks a report. `folder_id` is the id of the folder the file was found in, if any.
pub fn check_report(report: &Report, folder_id: Option<&IncidentId>, zone: Tz) -> Vec<Problem> {
    let mut problems = Vec::new();
    if let Some(folder_id) = folder_id
        && &report.id != folder_id
    {
        problems.push(Problem::new(
            "id",
            format!(
                "id:t {} stämmer inte med mappen {folder_id}; en incidents id är dess mapps namn",
                report.id
            ),
            format!(
                "the id {} does not match the folder {folder_id}; an incident's id is its folder's name",
                report.id
            ),
        ));
    }
    if report.id.year() != chrono::Datelike::year(&report.discovered.date) {
        problems.push(Problem::new(
            "id",
            format!(
                "id:t {} hör inte till upptäcktsåret {}; id numreras per år för upptäckten",
                report.id,
                report.discovered.date.format("%Y")
            ),
            format!(
                "the id {} is not of the year of discovery {}; ids are numbered by year of discovery",
                report.id,
                report.discovered.date.format("%Y")
            ),
        ));
    }
    non_empty(&mut problems, "title", &report.title);

    for (field, moment) in [
        ("occurred", report.occurred.as_ref()),
        ("discovered", Some(&report.discovered)),
        ("ended", report.ended.as_ref()),
    ] {
        if let Some(moment) = moment {
            check_time_exists(&mut problems, field, moment, zone);
        }
    }
    if let Some(occurred) = &report.occurred {
        if occurred.compare(&report.discovered) == Some(std::cmp::Ordering::Greater) {
            problems.push(Problem::new(
                "discovered",
                format!(
                    "discovered ({}) är före occurred ({occurred}); en incident upptäcks när eller efter att den inträffar (IMY fråga 10 och 11): rätta någon av tiderna",
                    report.discovered
                ),
                format!(
                    "discovered ({}) is before occurred ({occurred}); an incident is discovered when or after it occurs (IMY questions 10 and 11): correct one of the times",
                    report.discovered
                ),
            ));
        }
        if let Some(ended) = &report.ended
            && ended.compare(occurred) == Some(std::cmp::Ordering::Less)
        {
            problems.push(Problem::new(
                "ended",
                format!("ended ({ended}) är före occurred ({occurred}); en incident slutar inte innan den har inträffat (IMY fråga 10 och 13): rätta någon av tiderna"),
                format!("ended ({ended}) is before occurred ({occurred}); an incident does not end before it occurs (IMY questions 10 and 13): correct one of the times"),
            ));
        }
    }
    if let Some(verdict) = &report.verdict {
        non_empty(&mut problems, "verdict.decided_by", &verdict.decided_by);
        non_empty(&mut problems, "verdict.reason", &verdict.reason);
    }
    if let Some(aware) = &report.aware {
        let moment = aware.moment();
        check_time_exists(&mut problems, "aware", &moment, zone);
        non_empty(&mut problems, "aware.reason", &aware.reason);
        // Awareness follows the discovery (EDPB Guidelines 9/2022 paras 31–34): a moment
        // before it would start the 72 hours of GDPR Art. 33(1) earlier than what the
        // discovery already says; record no awareness then.
        if moment.compare(&report.discovered) == Some(std::cmp::Ordering::Less) {
            problems.push(Problem::new(
                "aware",
                format!(
                    "aware ({moment}) är före discovered ({}); medvetenhet registreras bara när den kommer efter upptäckten (EDPB:s riktlinjer 9/2022, p. 31–34), annars utelämnas `aware`",
                    report.discovered
                ),
                format!(
                    "aware ({moment}) is before discovered ({}); awareness is recorded only when it comes after the discovery (EDPB Guidelines 9/2022, paras 31–34), else leave `aware` out",
                    report.discovered
                ),
            ));
        }
    }
    if report.ongoing == Some(true) && report.ended.is_some() {
        problems.push(Problem::new(
            "ended",
            "incidenten är markerad som pågående men har ett slut (IMY fråga 12 och 13); sätt `ongoing: false` eller ta bort `ended`",
            "the incident is marked ongoing but has an end (IMY questions 12 and 13); set `ongoing: false` or remove `ended`",
        ));
    }
    for (field, told) in [
        ("manager_informed", report.manager_informed.as_ref()),
        ("dpo_contacted", report.dpo_contacted.as_ref()),
    ] {
        if let Some(told) = told {
            let moment = told.moment();
            check_time_exists(&mut problems, field, &moment, zone);
            // Nobody is told of an incident before it is discovered (as the commands refuse).
            if moment.compare(&report.discovered) == Some(std::cmp::Ordering::Less) {
                problems.push(Problem::new(
                    field,
                    format!(
                        "{moment} är före upptäckten ({}); ingen får veta om en incident innan den har upptäckts: rätta den här tiden, eller `discovered`",
                        report.discovered
                    ),
                    format!(
                        "{moment} is before the discovery ({}); nobody is told of an incident before it is discovered: correct this time, or `discovered`",
                        report.discovered
                    ),
                ));
            }
        }
    }

    if let Some(choice) = &report.what_happened {
        check_choice(&mut problems, "what_happened", choice);
    }
    if let Some(choice) = &report.how_discovered {
        check_choice(&mut problems, "how_discovered", choice);
    }
    if let Some(choice) = &report.cause {
        check_choice(&mut problems, "cause", choice);
    }
    if let Some(choice) = &report.sector {
        check_choice(&mut problems, "sector", choice);
    }
    if let Some(choice) = &report.area {
        check_choice(&mut problems, "area", choice);
    }
    if let Some(selection) = &report.subject_groups {
        check_selection(&mut problems, "subject_groups", selection);
    }
    if let Some(selection) = &report.data_categories {
        check_selection(&mut problems, "data_categories", selection);
    }
    if let Some(selection) = &report.consequences {
        check_selection(&mut problems, "consequences", selection);
    }
    if let Some(count) = &report.data_subjects {
        check_count(&mut problems, "data_subjects", count);
    }
    if let Some(count) = &report.records {
        check_count(&mut problems, "records", count);
    }
    let mut breach_types = report.breach_types.clone();
    breach_types.sort();
    breach_types.dedup();
    if breach_types.len() != report.breach_types.len() {
        problems.push(Problem::new(
            "breach_types",
            "en typ av incident står två gånger",
            "a breach type is listed twice",
        ));
    }
    if report.processors_involved == Some(false) && !report.processors.is_empty() {
        problems.push(Problem::new(
            "processors",
            "personuppgiftsbiträden är listade men `processors_involved` är false (IMY fråga 21–22); sätt den till true eller ta bort listan",
            "processors are listed but `processors_involved` is false (IMY questions 21–22); set it to true or remove the list",
        ));
    }
    problems.extend(super::regimes::check_classifications(report));
    problems
}

fn check_time_exists(problems: &mut Vec<Problem>, field: &str, moment: &Moment, zone: Tz) {
    if let Err(TimeProblem::DoesNotExist) = moment.earliest_instant(zone) {
        problems.push(Problem::new(
            format!("{field}.time"),
            format!(
                "{moment} finns inte i tidszonen {zone}: klockan hoppade över den timmen vid övergången till sommartid; ange tiden som klockan visade"
            ),
            format!(
                "{moment} does not exist in {zone}: the clocks skipped that hour for summer time; give the time the clock showed"
            ),
        ));
    }
}
