//! The rules over reports, actions and assessments, a case a test.

use super::*;
use crate::domain::model::actions::MeasureStatus;
use crate::domain::model::report::{Party, PersonTold, Role};
use crate::domain::model::{Actions, Assessment, Choice, Count, Report, Selection};
use crate::domain::moment::{ClockTime, Moment, parse_date};
use chrono_tz::Europe::Stockholm;

pub(super) fn report() -> Report {
    Report {
        schema_version: 1,
        id: "2026-0001".parse().unwrap(),
        title: "Misdirected e-mail".into(),
        internal_reference: None,
        contacts: vec![],
        contact_address: None,
        reported_by: None,
        observed: None,
        occurred: Some(Moment::on(parse_date("2026-03-26").unwrap(), None)),
        discovered: Moment::on(parse_date("2026-03-27").unwrap(), ClockTime::new(10, 0)),
        aware: None,
        verdict: None,
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
        classifications: std::collections::BTreeMap::new(),
        from_notice: None,
    }
}

pub(super) fn fields(problems: &[Problem]) -> Vec<&str> {
    problems.iter().map(|p| p.field.as_str()).collect()
}

pub(super) fn check(report: &Report) -> Vec<Problem> {
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
fn awareness_follows_the_discovery_with_a_reason() {
    use crate::domain::model::Awareness;
    let aware = |date: &str, hour: u32, reason: &str| Awareness {
        date: parse_date(date).unwrap(),
        time: ClockTime::new(hour, 0),
        reason: reason.into(),
    };
    let mut before = report();
    before.aware = Some(aware("2026-03-27", 9, "logs read"));
    assert_eq!(fields(&check(&before)), ["aware"]);
    let mut no_reason = report();
    no_reason.aware = Some(aware("2026-03-28", 9, " "));
    assert_eq!(fields(&check(&no_reason)), ["aware.reason"]);
    let mut fine = report();
    fine.aware = Some(aware("2026-03-28", 9, "the processor confirmed it"));
    assert_eq!(check(&fine), vec![]);
    // The clock runs from the awareness once it is given, else from the discovery.
    assert_eq!(fine.clock_start().to_string(), "2026-03-28 09:00");
    assert_eq!(report().clock_start().to_string(), "2026-03-27 10:00");
}

#[test]
fn a_verdict_names_who_and_why() {
    use crate::domain::model::{Verdict, VerdictKind};
    let mut without_reason = report();
    without_reason.verdict = Some(Verdict {
        kind: VerdictKind::NotAnIncident,
        decided_by: "DPO".into(),
        decided_at: chrono::DateTime::parse_from_rfc3339("2026-03-27T12:00:00+01:00").unwrap(),
        reason: String::new(),
    });
    assert_eq!(fields(&check(&without_reason)), ["verdict.reason"]);
    assert_eq!(report().verdict_kind(), VerdictKind::Undecided);
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
        problems[0].message.en.contains("did you mean `health`"),
        "{}",
        problems[0].message.en
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

pub(super) fn assessment() -> Assessment {
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
        edpb_factors: None,
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
    assert_eq!(check_assessment(&assessment(), None), vec![]);
}

#[test]
fn a_score_edited_by_hand_is_caught() {
    let mut edited = assessment();
    edited.severity_score = 2.0;
    assert_eq!(fields(&check_assessment(&edited, None)), ["severity_score"]);
    let mut band = assessment();
    band.band = crate::domain::model::assessment::Band::Medium;
    assert_eq!(fields(&check_assessment(&band, None)), ["band"]);
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
        fields(&check_assessment(&adjusted, None)),
        ["data_processing_context.justification"]
    );
    adjusted.data_processing_context.justification =
        Some("Intyg om att personen är frisk (ENISA A2)".into());
    assert_eq!(check_assessment(&adjusted, None), vec![]);
}

#[test]
fn a_departure_needs_a_reason_and_exceptions_fit_the_band() {
    use crate::domain::model::assessment::Art34Exception;
    let mut departing = assessment();
    departing.decision.inform_data_subjects = false;
    assert_eq!(
        fields(&check_assessment(&departing, None)),
        ["decision.departure_reason"]
    );
    departing.decision.exception = Some(Art34Exception::RiskRemoved);
    assert_eq!(check_assessment(&departing, None), vec![]);
    departing.decision.inform_data_subjects = true;
    assert_eq!(
        fields(&check_assessment(&departing, None)),
        ["decision.exception", "decision.departure_reason"]
    );
    let mut reasoned = assessment();
    reasoned.decision.notify_imy = false;
    reasoned.decision.departure_reason =
        Some("Mottagaren är en vårdgivare med tystnadsplikt".into());
    assert_eq!(check_assessment(&reasoned, None), vec![]);
    reasoned.reasoning = " ".into();
    assert_eq!(fields(&check_assessment(&reasoned, None)), ["reasoning"]);
}

#[test]
fn art_34_3_a_in_a_file_needs_the_unintelligible_flag() {
    use crate::domain::model::assessment::Art34Exception;
    let mut excepted = assessment();
    excepted.decision.inform_data_subjects = false;
    excepted.decision.exception = Some(Art34Exception::Unintelligible);
    excepted.flags.unintelligible = false;
    assert_eq!(
        fields(&check_assessment(&excepted, None)),
        ["decision.exception"]
    );
    excepted.flags.unintelligible = true;
    assert_eq!(check_assessment(&excepted, None), vec![]);
}

#[test]
fn timezone_must_exist() {
    assert!(parse_timezone("Europe/Stockholm").is_ok());
    assert_eq!(
        parse_timezone("Europe/Stokholm").unwrap_err().field,
        "register.timezone"
    );
}

/// A report with health data of children in a letter to a known wrong recipient.
fn health_report() -> Report {
    let mut report = report();
    report.breach_types = vec![crate::domain::model::report::BreachType::Confidentiality];
    report.data_categories = Some(Selection::new(vec!["health".into()], None));
    report.subject_groups = Some(Selection::new(vec!["children".into()], None));
    report
}

#[test]
fn a_category_below_the_reports_needs_a_written_reason() {
    use crate::domain::model::assessment::{Band, DataCategory, EdpbFactor};
    let report = health_report();
    let mut simple = assessment();
    simple.data_processing_context.category = DataCategory::Simple;
    simple.data_processing_context.score = 1;
    simple.severity_score = 1.25;
    simple.band = Band::Low;
    simple.decision.notify_imy = false;
    simple.decision.inform_data_subjects = false;
    simple.decision.departure_reason = Some("Known recipient, returned at once".into());
    assert_eq!(
        check_assessment(&simple, Some(&report)),
        vec![],
        "recorded before the rule (no edpb_factors): left as it was"
    );
    simple.edpb_factors = Some(vec![
        EdpbFactor::VulnerableDataSubjects,
        EdpbFactor::SpecialCategoriesDisclosed,
    ]);
    let problems = check_assessment(&simple, Some(&report));
    assert_eq!(fields(&problems), ["data_processing_context.justification"]);
    assert!(
        problems[0].message.en.contains("below sensitive")
            && problems[0].message.en.contains("health, IMY question 26"),
        "{}",
        problems[0].message.en
    );
    assert_eq!(
        check_assessment(&simple, None),
        vec![],
        "without the report: nothing to compare"
    );
    simple.data_processing_context.justification =
        Some("Only that an appointment was booked, no diagnosis".into());
    assert_eq!(check_assessment(&simple, Some(&report)), vec![]);
}

#[test]
fn the_edpb_factors_are_computed_and_a_decision_against_them_needs_a_reason() {
    use crate::domain::model::assessment::{Band, DataCategory, EdpbFactor};
    let report = health_report();
    let mut low = assessment();
    low.data_processing_context.category = DataCategory::Sensitive;
    low.data_processing_context.score = 1;
    low.data_processing_context.justification = Some("A certificate of good health".into());
    low.severity_score = 1.25;
    low.band = Band::Low;
    low.decision.notify_imy = false;
    low.decision.inform_data_subjects = false;
    // Made before the factors were weighed: the band alone, as before.
    assert_eq!(check_assessment(&low, Some(&report)), vec![]);
    // Weighed: children and disclosed health data point to a high risk.
    low.edpb_factors = Some(vec![
        EdpbFactor::VulnerableDataSubjects,
        EdpbFactor::SpecialCategoriesDisclosed,
    ]);
    let problems = check_assessment(&low, Some(&report));
    assert_eq!(fields(&problems), ["decision.departure_reason"]);
    assert!(
        problems[0].message.en.contains("EDPB factors"),
        "{problems:?}"
    );
    low.decision.departure_reason =
        Some("The certificate says only that the child is healthy".into());
    assert_eq!(check_assessment(&low, Some(&report)), vec![]);
    // Edited by hand: the data answered unintelligible, which would lower the
    // recommendation, without the factor the tool computes from it.
    let mut flagged = low.clone();
    flagged.flags.unintelligible = true;
    let problems = check_assessment(&flagged, Some(&report));
    assert_eq!(fields(&problems), ["edpb_factors"]);
    assert!(
        problems[0]
            .message
            .en
            .starts_with("unintelligible does not match"),
        "{problems:?}"
    );
    // The report edited later (the children removed): the register is not locked by it.
    let mut later = report.clone();
    later.subject_groups = None;
    assert_eq!(check_assessment(&low, Some(&later)), vec![]);
}

#[test]
fn a_notice_before_the_discovery_or_a_supplement_before_its_notification_is_invalid() {
    use crate::domain::incident::Incident;
    use crate::domain::model::notification::{ImyNotification, Notification, Supplement};
    let at = |text: &str| chrono::DateTime::parse_from_rfc3339(text).unwrap();
    let mut incident = Incident::new(report());
    incident.notification = Some(Notification {
        schema_version: 1,
        imy: Some(ImyNotification {
            submitted_at: Some(at("2026-03-27T09:00:00+01:00")),
            case_number: None,
            late_reason: None,
            supplement_planned: None,
            supplements: vec![Supplement {
                submitted_at: at("2026-03-27T11:00:00+01:00"),
                summary: "More".into(),
            }],
            secrecy: None,
        }),
        data_subjects: None,
        controller_notified_at: Some(at("2026-03-27T10:30:00+01:00")),
        customers: vec![],
        nis2: None,
        regime_reports: std::collections::BTreeMap::new(),
        public_communication: None,
    });
    let problems = check_notices_after_discovery(&incident, Stockholm);
    assert_eq!(fields(&problems), ["imy.submitted_at"]);
    assert!(
        problems[0]
            .message
            .en
            .starts_with("2026-03-27 09:00 is before the discovery (2026-03-27 10:00"),
        "{}",
        problems[0].message.en
    );

    let imy = incident
        .notification
        .as_mut()
        .unwrap()
        .imy
        .as_mut()
        .unwrap();
    imy.submitted_at = Some(at("2026-03-27T12:00:00+01:00"));
    let problems = check_notices_after_discovery(&incident, Stockholm);
    assert_eq!(fields(&problems), ["imy.supplements[0].submitted_at"]);
    assert!(problems[0].message.en.contains("GDPR Art. 33(4)"));
}

#[test]
fn a_manager_told_before_the_discovery_is_invalid() {
    let mut report = report();
    report.manager_informed = Some(PersonTold {
        name: None,
        date: parse_date("2026-03-27").unwrap(),
        time: ClockTime::new(9, 0),
    });
    let problems = check(&report);
    assert_eq!(fields(&problems), ["manager_informed"]);
    assert!(
        problems[0]
            .message
            .en
            .contains("before the discovery (2026-03-27 10:00)")
    );
    // A date alone on the day of the discovery is not before it.
    report.manager_informed.as_mut().unwrap().time = None;
    assert_eq!(check(&report), vec![]);
}

#[test]
fn a_waiver_keeps_its_reason_and_agrees_with_the_closing() {
    let closure = |at_close: &str, waived: &str| -> Closure {
        serde_saphyr::from_str(&format!(
            "closed_at: \"2026-04-01T12:00:00+02:00\"\nclosed_by: x\nroot_cause: r\nlessons_learned: l\n{at_close}{waived}"
        ))
        .unwrap()
    };
    let waived = "waived:\n- obligation: supplement\n  reason: IMY asked for nothing more\n";
    let no_reason = "waived:\n- obligation: supplement\n  reason: \" \"\n";
    assert!(
        check_closure(&closure("", "")).is_empty(),
        "by hand or older"
    );
    assert!(check_closure(&closure("legal_obligations_at_close: met\n", "")).is_empty());
    assert!(check_closure(&closure("legal_obligations_at_close: waived\n", waived)).is_empty());
    assert_eq!(
        fields(&check_closure(&closure(
            "legal_obligations_at_close: waived\n",
            no_reason
        ))),
        ["waived[0].reason"]
    );
    assert_eq!(
        fields(&check_closure(&closure(
            "legal_obligations_at_close: met\n",
            waived
        ))),
        ["legal_obligations_at_close"]
    );
    assert_eq!(
        fields(&check_closure(&closure(
            "legal_obligations_at_close: waived\n",
            ""
        ))),
        ["legal_obligations_at_close"]
    );
}

#[test]
fn one_customer_listed_twice_in_another_case_is_invalid() {
    let notification: crate::domain::model::Notification = serde_saphyr::from_str(
        "customers:\n- name: Exempelby kommun\n- name: Annan AB\n- name: EXEMPELBY Kommun\n",
    )
    .unwrap();
    let problems = notification::check_notification(&notification);
    assert_eq!(fields(&problems), ["customers[2].name"]);
    assert!(
        problems[0]
            .message
            .en
            .contains("same customer as customers[0]")
    );
}

#[test]
fn a_case_number_of_more_than_one_line_is_invalid() {
    use crate::domain::model::notification::{ImyNotification, Notification};
    let notification = |case_number: &str| Notification {
        schema_version: 1,
        imy: Some(ImyNotification {
            submitted_at: None,
            case_number: Some(case_number.into()),
            late_reason: None,
            supplement_planned: None,
            supplements: vec![],
            secrecy: None,
        }),
        data_subjects: None,
        controller_notified_at: None,
        customers: vec![],
        nis2: None,
        regime_reports: std::collections::BTreeMap::new(),
        public_communication: None,
    };
    assert!(check_notification(&notification("IMY-2026-1234")).is_empty());
    let forged = check_notification(&notification("IMY-2\nFiled-At: 2019-01-01T00:00:00Z"));
    assert_eq!(fields(&forged), ["imy.case_number"]);
}
