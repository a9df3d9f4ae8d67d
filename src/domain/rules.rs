//! The rules a schema cannot express: order of dates, times that do not exist, "Övrigt"
//! needs its comment, exact count or interval, ids that match their folder. Pure functions
//! from a parsed file to the problems found in it.

use chrono_tz::Tz;

use super::catalogue::catalogue;
use super::id::IncidentId;
use super::model::actions::MeasureStatus;
use super::model::answers::FormQuestion;
use super::model::{
    Actions, Assessment, Choice, Closure, Count, Notification, Report, Selection, Settings,
};
use super::moment::{Moment, TimeProblem};

/// One thing wrong in a file: the field (dotted path) and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub field: String,
    pub message: String,
}

impl Problem {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// Parses the register's timezone setting.
pub fn parse_timezone(name: &str) -> Result<Tz, Problem> {
    name.parse::<Tz>().map_err(|_| {
        Problem::new(
            "register.timezone",
            format!("`{name}` is not an IANA timezone; write e.g. Europe/Stockholm"),
        )
    })
}

pub fn check_settings(settings: &Settings) -> Vec<Problem> {
    let mut problems = Vec::new();
    if let Err(problem) = parse_timezone(&settings.register.timezone) {
        problems.push(problem);
    }
    non_empty(
        &mut problems,
        "organisation.name",
        &settings.organisation.name,
    );
    if let Some(sector) = &settings.organisation.sector {
        check_choice(&mut problems, "organisation.sector", sector);
    }
    if let Some(area) = &settings.organisation.area {
        check_choice(&mut problems, "organisation.area", area);
    }
    problems
}

/// Checks a report. `folder_id` is the id of the folder the file was found in, if any.
pub fn check_report(report: &Report, folder_id: Option<&IncidentId>, zone: Tz) -> Vec<Problem> {
    let mut problems = Vec::new();
    if let Some(folder_id) = folder_id
        && &report.id != folder_id
    {
        problems.push(Problem::new(
            "id",
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
                    "discovered ({}) is before occurred ({occurred}); an incident is discovered when or after it occurs",
                    report.discovered
                ),
            ));
        }
        if let Some(ended) = &report.ended
            && ended.compare(occurred) == Some(std::cmp::Ordering::Less)
        {
            problems.push(Problem::new(
                "ended",
                format!("ended ({ended}) is before occurred ({occurred})"),
            ));
        }
    }
    if report.ongoing == Some(true) && report.ended.is_some() {
        problems.push(Problem::new(
            "ended",
            "the incident is marked ongoing but has an end; set `ongoing: false` or remove `ended`",
        ));
    }
    for (field, told) in [
        ("manager_informed", report.manager_informed.as_ref()),
        ("dpo_contacted", report.dpo_contacted.as_ref()),
    ] {
        if let Some(told) = told {
            check_time_exists(&mut problems, field, &told.moment(), zone);
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
            "a breach type is listed twice",
        ));
    }
    if report.processors_involved == Some(false) && !report.processors.is_empty() {
        problems.push(Problem::new(
            "processors",
            "processors are listed but `processors_involved` is false; set it to true or remove the list",
        ));
    }
    problems
}

/// The assessment's inputs, score, band and decision must agree (ENISA 2013; GDPR
/// Art. 33(1), 34(1) and 34(3)); a number edited by hand is caught here.
pub fn check_assessment(assessment: &Assessment) -> Vec<Problem> {
    use super::model::assessment::Band;
    use super::scoring;
    let mut problems = Vec::new();
    non_empty(&mut problems, "reasoning", &assessment.reasoning);
    non_empty(&mut problems, "assessed_by", &assessment.assessed_by);
    let context = &assessment.data_processing_context;
    let justified = context
        .justification
        .as_deref()
        .is_some_and(|j| !j.trim().is_empty());
    if context.score != context.category.base_score() && !justified {
        problems.push(Problem::new(
            "data_processing_context.justification",
            format!(
                "the score {} differs from the base score {} of {} data; ENISA 2013 asks for the adjustment to be justified in writing",
                context.score,
                context.category.base_score(),
                context.category.key()
            ),
        ));
    }
    let severity = scoring::severity(
        context.score,
        assessment.ease_of_identification,
        &assessment.circumstances,
    );
    if assessment.severity_score != severity {
        problems.push(Problem::new(
            "severity_score",
            format!(
                "{} does not match the inputs: DPC × EI + CB = {} × {} + {} = {severity}; the score is computed, not edited (run `incident assess` again)",
                assessment.severity_score,
                context.score,
                assessment.ease_of_identification.value(),
                scoring::circumstances_score(&assessment.circumstances)
            ),
        ));
    }
    let band = scoring::band(severity);
    if assessment.band != band {
        problems.push(Problem::new(
            "band",
            format!(
                "SE {severity} is in the band {} (ENISA 2013 §3.2), not {}",
                band.key(),
                assessment.band.key()
            ),
        ));
    }
    let decision = &assessment.decision;
    if let Some(exception) = decision.exception {
        if band < Band::High {
            problems.push(Problem::new(
                "decision.exception",
                format!(
                    "the Art. 34(3) exception `{}` only applies to a high risk; this band is {}",
                    exception.key(),
                    band.key()
                ),
            ));
        } else if decision.inform_data_subjects {
            problems.push(Problem::new(
                "decision.exception",
                "an Art. 34(3) exception is the reason not to inform the data subjects; remove it or set inform_data_subjects: false",
            ));
        }
    }
    let recommendation = scoring::recommend(band, decision.exception);
    let reason_given = decision
        .departure_reason
        .as_deref()
        .is_some_and(|r| !r.trim().is_empty());
    if scoring::departs(decision, recommendation) && !reason_given {
        problems.push(Problem::new(
            "decision.departure_reason",
            format!(
                "the decision departs from the recommendation for a {} risk (notify IMY: {}, inform the data subjects: {}); write why",
                band.key(),
                recommendation.notify_imy,
                recommendation.inform_data_subjects
            ),
        ));
    }
    problems
}

pub fn check_actions(actions: &Actions) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (index, action) in actions.taken.iter().enumerate() {
        non_empty(
            &mut problems,
            &format!("taken[{index}].action"),
            &action.action,
        );
    }
    for (index, measure) in actions.planned.iter().enumerate() {
        let field = format!("planned[{index}]");
        non_empty(&mut problems, &format!("{field}.measure"), &measure.measure);
        let reason = measure.deferred_reason.as_deref().unwrap_or("").trim();
        if measure.status == MeasureStatus::Deferred && reason.is_empty() {
            problems.push(Problem::new(
                format!("{field}.deferred_reason"),
                "a deferred measure needs the reason it was deferred",
            ));
        }
    }
    problems
}

/// The answers of IMY questions 31–36 must agree with each other.
pub fn check_notification(notification: &Notification) -> Vec<Problem> {
    let mut problems = Vec::new();
    if let Some(subjects) = &notification.data_subjects {
        if subjects.informed && subjects.informed_at.is_none() {
            problems.push(Problem::new(
                "data_subjects.informed_at",
                "the data subjects are informed: say when (IMY question 32)",
            ));
        }
        if subjects.informed
            && (subjects.will_inform.is_some() || subjects.reasons_not_to_inform.is_some())
        {
            problems.push(Problem::new(
                "data_subjects",
                "the data subjects are informed: `will_inform` and `reasons_not_to_inform` (IMY questions 33–35) only apply while they are not",
            ));
        }
        if subjects.will_inform == Some(true) && subjects.reasons_not_to_inform.is_some() {
            problems.push(Problem::new(
                "data_subjects.reasons_not_to_inform",
                "reasons not to inform (IMY question 35) go with `will_inform: false`",
            ));
        }
        if let Some(reasons) = &subjects.reasons_not_to_inform {
            check_selection(
                &mut problems,
                "data_subjects.reasons_not_to_inform",
                reasons,
            );
        }
    }
    if let Some(imy) = &notification.imy
        && imy.submitted_at.is_none()
        && !imy.supplements.is_empty()
    {
        problems.push(Problem::new(
            "imy.supplements",
            "supplements follow a notification: record `submitted_at` first",
        ));
    }
    problems
}

/// GDPR Art. 33(1): a notification later than the deadline "shall be accompanied by reasons
/// for the delay" (IMY question 14). Checked across files: the report's discovery, the
/// register's hours, the notification's time.
pub fn check_late_notification(
    incident: &super::incident::Incident,
    deadlines: &super::model::settings::DeadlineSettings,
    zone: Tz,
) -> Vec<Problem> {
    let imy = incident.notification.as_ref().and_then(|n| n.imy.as_ref());
    let (Some(imy), Ok(aware)) = (imy, incident.report.discovered.earliest_instant(zone)) else {
        return Vec::new();
    };
    let Some(submitted) = imy.submitted_at else {
        return Vec::new();
    };
    let due = super::obligations::add_hours(aware, deadlines.notify_imy_hours);
    let reason_given = imy
        .late_reason
        .as_deref()
        .is_some_and(|r| !r.trim().is_empty());
    if submitted > due && !reason_given {
        return vec![Problem::new(
            "imy.late_reason",
            format!(
                "the notification was submitted {}, after the deadline {} ({} hours after discovery); GDPR Art. 33(1) asks for the reasons for the delay (IMY question 14)",
                submitted.with_timezone(&zone).format("%Y-%m-%d %H:%M %:z"),
                due.format("%Y-%m-%d %H:%M %:z"),
                deadlines.notify_imy_hours
            ),
        )];
    }
    Vec::new()
}

pub fn check_closure(closure: &Closure) -> Vec<Problem> {
    let mut problems = Vec::new();
    non_empty(&mut problems, "root_cause", &closure.root_cause);
    non_empty(&mut problems, "lessons_learned", &closure.lessons_learned);
    problems
}

fn non_empty(problems: &mut Vec<Problem>, field: &str, text: &str) {
    if text.trim().is_empty() {
        problems.push(Problem::new(field, "must not be empty"));
    }
}

fn check_time_exists(problems: &mut Vec<Problem>, field: &str, moment: &Moment, zone: Tz) {
    if let Err(TimeProblem::DoesNotExist) = moment.earliest_instant(zone) {
        problems.push(Problem::new(
            format!("{field}.time"),
            format!(
                "{moment} does not exist in {zone}: the clocks skipped that hour for summer time; give the time the clock showed"
            ),
        ));
    }
}

/// Checks an option key and its comment against the catalogue. The message names the
/// known keys and the closest one, so a typo is easy to mend.
pub fn check_option_key(
    question_number: u8,
    key: &str,
) -> Result<&'static super::catalogue::AnswerOption, String> {
    let question = catalogue().question(question_number);
    question
        .option(key)
        .ok_or_else(|| unknown_option_message(question_number, key))
}

pub fn unknown_option_message(question_number: u8, key: &str) -> String {
    let question = catalogue().question(question_number);
    let keys: Vec<&str> = question.option_keys().collect();
    let closest = keys
        .iter()
        .map(|candidate| (strsim::jaro_winkler(candidate, key), *candidate))
        .filter(|(similarity, _)| *similarity > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    let mut message = format!(
        "`{key}` is not an option of IMY question {question_number}; the options are: {}",
        keys.join(", ")
    );
    if let Some((_, candidate)) = closest {
        message.push_str(&format!(" (did you mean `{candidate}`?)"));
    }
    message
}

fn check_comment(
    problems: &mut Vec<Problem>,
    field: &str,
    option: &super::catalogue::AnswerOption,
    comment: Option<&str>,
) {
    if option.needs_comment() && comment.unwrap_or("").trim().is_empty() {
        problems.push(Problem::new(
            format!("{field}.comment"),
            format!("`{}` needs a comment saying what it is", option.key),
        ));
    }
}

fn check_choice<Q: FormQuestion>(problems: &mut Vec<Problem>, field: &str, choice: &Choice<Q>) {
    match check_option_key(Q::NUMBER, &choice.key) {
        Ok(option) => check_comment(problems, field, option, choice.comment.as_deref()),
        Err(message) => problems.push(Problem::new(format!("{field}.key"), message)),
    }
}

fn check_selection<Q: FormQuestion>(
    problems: &mut Vec<Problem>,
    field: &str,
    selection: &Selection<Q>,
) {
    let mut seen = std::collections::HashSet::new();
    let mut needs_comment = None;
    for (index, key) in selection.keys.iter().enumerate() {
        if !seen.insert(key) {
            problems.push(Problem::new(
                format!("{field}.keys[{index}]"),
                format!("`{key}` is listed twice"),
            ));
        }
        match check_option_key(Q::NUMBER, key) {
            Ok(option) if option.needs_comment() => needs_comment = Some(option),
            Ok(_) => {}
            Err(message) => problems.push(Problem::new(format!("{field}.keys[{index}]"), message)),
        }
    }
    if let Some(option) = needs_comment {
        check_comment(problems, field, option, selection.comment.as_deref());
    }
}

fn check_count(problems: &mut Vec<Problem>, field: &str, count: &Count) {
    match (&count.exact, &count.interval) {
        (Some(_), Some(_)) => problems.push(Problem::new(
            field,
            "give either `exact` or `interval`, not both (IMY asks for the exact number, or an interval when it is not known)",
        )),
        (None, None) => problems.push(Problem::new(field, "give `exact` or `interval`, or leave the whole field out while it is unknown")),
        (None, Some(interval)) => {
            if let Some(to) = interval.to
                && to < interval.from
            {
                problems.push(Problem::new(
                    format!("{field}.interval"),
                    format!("the interval {} - {to} runs backwards; `to` must be at least `from`", interval.from),
                ));
            }
        }
        (Some(_), None) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::report::{Party, Role};
    use crate::domain::moment::{ClockTime, parse_date};
    use chrono_tz::Europe::Stockholm;

    fn report() -> Report {
        Report {
            schema_version: 1,
            id: "2026-0001".parse().unwrap(),
            title: "Misdirected e-mail".into(),
            internal_reference: None,
            contacts: vec![],
            contact_address: None,
            observed: None,
            occurred: Some(Moment::on(parse_date("2026-03-26").unwrap(), None)),
            discovered: Moment::on(parse_date("2026-03-27").unwrap(), ClockTime::new(10, 0)),
            discovered_by: None,
            manager_informed: None,
            dpo_contacted: None,
            ongoing: Some(false),
            ended: None,
            what_happened: None,
            description: None,
            how_discovered: None,
            cause: None,
            sector: None,
            area: None,
            breach_types: vec![],
            role: Role::Controller,
            controller: None,
            processors_involved: None,
            processors: vec![],
            data_subjects: None,
            records: None,
            subject_groups: None,
            data_categories: None,
            encrypted: None,
            consequences: None,
            nis2_significant: None,
        }
    }

    fn fields(problems: &[Problem]) -> Vec<&str> {
        problems.iter().map(|p| p.field.as_str()).collect()
    }

    fn check(report: &Report) -> Vec<Problem> {
        check_report(report, Some(&"2026-0001".parse().unwrap()), Stockholm)
    }

    #[test]
    fn a_plain_report_passes() {
        assert_eq!(check(&report()), vec![]);
    }

    #[test]
    fn id_must_match_folder_and_year() {
        let mut wrong = report();
        wrong.id = "2026-0002".parse().unwrap();
        assert_eq!(fields(&check(&wrong)), ["id"]);
        let mut wrong_year = report();
        wrong_year.discovered.date = parse_date("2025-12-31").unwrap();
        wrong_year.occurred = None;
        assert_eq!(fields(&check(&wrong_year)), ["id"]);
    }

    #[test]
    fn discovered_before_occurred_is_refused() {
        let mut wrong = report();
        wrong.occurred = Some(Moment::on(parse_date("2026-03-28").unwrap(), None));
        assert_eq!(fields(&check(&wrong)), ["discovered"]);
        let mut same_day = report();
        same_day.occurred = Some(Moment::on(
            parse_date("2026-03-27").unwrap(),
            ClockTime::new(9, 0),
        ));
        assert_eq!(check(&same_day), vec![]);
        same_day.occurred = Some(Moment::on(
            parse_date("2026-03-27").unwrap(),
            ClockTime::new(11, 0),
        ));
        assert_eq!(fields(&check(&same_day)), ["discovered"]);
    }

    #[test]
    fn ended_must_follow_occurred_and_not_be_ongoing() {
        let mut wrong = report();
        wrong.ended = Some(Moment::on(parse_date("2026-03-25").unwrap(), None));
        assert_eq!(fields(&check(&wrong)), ["ended"]);
        let mut ongoing = report();
        ongoing.ongoing = Some(true);
        ongoing.ended = Some(Moment::on(parse_date("2026-03-28").unwrap(), None));
        assert_eq!(fields(&check(&ongoing)), ["ended"]);
        let mut fine = report();
        fine.ended = Some(Moment::on(parse_date("2026-03-28").unwrap(), None));
        assert_eq!(check(&fine), vec![]);
    }

    #[test]
    fn a_time_in_the_spring_gap_is_refused() {
        let mut wrong = report();
        wrong.occurred = None;
        wrong.discovered = Moment::on(parse_date("2026-03-29").unwrap(), ClockTime::new(2, 30));
        assert_eq!(fields(&check(&wrong)), ["discovered.time"]);
        wrong.discovered.time = ClockTime::new(3, 30);
        assert_eq!(check(&wrong), vec![]);
    }

    #[test]
    fn options_must_be_known_and_other_needs_a_comment() {
        let mut wrong = report();
        wrong.data_categories = Some(Selection::new(vec!["helth".into()], None));
        let problems = check(&wrong);
        assert_eq!(fields(&problems), ["data_categories.keys[0]"]);
        assert!(
            problems[0].message.contains("did you mean `health`"),
            "{}",
            problems[0].message
        );

        wrong.data_categories = Some(Selection::new(vec!["health".into(), "other".into()], None));
        assert_eq!(fields(&check(&wrong)), ["data_categories.comment"]);
        wrong.data_categories = Some(Selection::new(
            vec!["health".into(), "other".into()],
            Some("Barns förhållanden".into()),
        ));
        assert_eq!(check(&wrong), vec![]);

        wrong.cause = Some(Choice::new("free_text", None));
        assert_eq!(fields(&check(&wrong)), ["cause.comment"]);
        wrong.cause = Some(Choice::new("technical_error", None));
        assert_eq!(check(&wrong), vec![]);

        wrong.subject_groups = Some(Selection::new(
            vec!["patients".into(), "patients".into()],
            None,
        ));
        assert_eq!(fields(&check(&wrong)), ["subject_groups.keys[1]"]);
    }

    #[test]
    fn count_is_exact_or_interval() {
        let mut wrong = report();
        wrong.data_subjects = Some(Count {
            exact: Some(3),
            interval: Some(crate::domain::model::Interval {
                from: 1,
                to: Some(10),
            }),
        });
        assert_eq!(fields(&check(&wrong)), ["data_subjects"]);
        wrong.data_subjects = Some(Count::parse("10-1").unwrap());
        assert_eq!(fields(&check(&wrong)), ["data_subjects.interval"]);
        wrong.data_subjects = Some(Count::parse("1-10").unwrap());
        assert_eq!(check(&wrong), vec![]);
    }

    #[test]
    fn processors_need_processors_involved() {
        let mut wrong = report();
        wrong.processors_involved = Some(false);
        wrong.processors = vec![Party {
            name: "IT AB".into(),
            org_number: None,
        }];
        assert_eq!(fields(&check(&wrong)), ["processors"]);
        wrong.processors_involved = Some(true);
        assert_eq!(check(&wrong), vec![]);
    }

    #[test]
    fn deferred_measure_needs_a_reason() {
        use crate::domain::model::actions::{PlannedMeasure, Purpose};
        let mut actions = Actions {
            schema_version: 1,
            taken: vec![],
            planned: vec![PlannedMeasure {
                measure: "Train staff".into(),
                owner: None,
                due: None,
                purpose: Purpose::Prevent,
                status: MeasureStatus::Deferred,
                done_on: None,
                deferred_reason: None,
            }],
        };
        assert_eq!(
            fields(&check_actions(&actions)),
            ["planned[0].deferred_reason"]
        );
        actions.planned[0].deferred_reason = Some("Budget next year".into());
        assert_eq!(check_actions(&actions), vec![]);
    }

    fn assessment() -> Assessment {
        use crate::domain::model::assessment::*;
        Assessment {
            schema_version: 1,
            assessed_at: chrono::DateTime::parse_from_rfc3339("2026-03-27T15:00:00+01:00").unwrap(),
            first_assessed_at: None,
            assessed_by: "Chef och DSO".into(),
            data_processing_context: DataProcessingContext {
                category: DataCategory::Sensitive,
                score: 4,
                justification: None,
            },
            ease_of_identification: EaseOfIdentification::Maximum,
            circumstances: Circumstances {
                confidentiality: ConfidentialityLoss::KnownRecipients,
                integrity: IntegrityLoss::None,
                availability: AvailabilityLoss::None,
                malicious: false,
            },
            flags: Flags::default(),
            severity_score: 4.25,
            band: Band::VeryHigh,
            decision: Decision {
                notify_imy: true,
                inform_data_subjects: true,
                exception: None,
                departure_reason: None,
            },
            reasoning: "Hälsouppgifter till en känd mottagare.".into(),
        }
    }

    #[test]
    fn a_consistent_assessment_passes() {
        assert_eq!(check_assessment(&assessment()), vec![]);
    }

    #[test]
    fn a_score_edited_by_hand_is_caught() {
        let mut edited = assessment();
        edited.severity_score = 2.0;
        assert_eq!(fields(&check_assessment(&edited)), ["severity_score"]);
        let mut band = assessment();
        band.band = crate::domain::model::assessment::Band::Medium;
        assert_eq!(fields(&check_assessment(&band)), ["band"]);
    }

    #[test]
    fn an_adjustment_needs_a_justification() {
        let mut adjusted = assessment();
        adjusted.data_processing_context.score = 1;
        adjusted.severity_score = 1.25;
        adjusted.band = crate::domain::model::assessment::Band::Low;
        adjusted.decision.notify_imy = false;
        adjusted.decision.inform_data_subjects = false;
        assert_eq!(
            fields(&check_assessment(&adjusted)),
            ["data_processing_context.justification"]
        );
        adjusted.data_processing_context.justification =
            Some("Intyg om att personen är frisk (ENISA A2)".into());
        assert_eq!(check_assessment(&adjusted), vec![]);
    }

    #[test]
    fn a_departure_needs_a_reason_and_exceptions_fit_the_band() {
        use crate::domain::model::assessment::Art34Exception;
        let mut departing = assessment();
        departing.decision.inform_data_subjects = false;
        assert_eq!(
            fields(&check_assessment(&departing)),
            ["decision.departure_reason"]
        );
        departing.decision.exception = Some(Art34Exception::RiskRemoved);
        assert_eq!(check_assessment(&departing), vec![]);
        departing.decision.inform_data_subjects = true;
        assert_eq!(
            fields(&check_assessment(&departing)),
            ["decision.exception", "decision.departure_reason"]
        );
        let mut reasoned = assessment();
        reasoned.decision.notify_imy = false;
        reasoned.decision.departure_reason =
            Some("Mottagaren är en vårdgivare med tystnadsplikt".into());
        assert_eq!(check_assessment(&reasoned), vec![]);
        reasoned.reasoning = " ".into();
        assert_eq!(fields(&check_assessment(&reasoned)), ["reasoning"]);
    }

    #[test]
    fn timezone_must_exist() {
        assert!(parse_timezone("Europe/Stockholm").is_ok());
        assert_eq!(
            parse_timezone("Europe/Stokholm").unwrap_err().field,
            "register.timezone"
        );
    }
}
