//! Due instants across summer time, year ends and the states of an obligation.

use super::*;
use crate::domain::incident::Incident;
use crate::domain::model::assessment::*;
use crate::domain::model::notification::{ImyNotification, Notification};
use crate::domain::model::report::{Report, Role};
use crate::domain::model::settings::DeadlineSettings;
use crate::domain::moment::{ClockTime, parse_date};
use chrono::TimeZone;
use chrono_tz::Europe::Stockholm;

fn report(date: &str, time: Option<(u32, u32)>) -> Report {
    let text = format!(
        "id: {}-0001\ntitle: t\ndiscovered:\n  date: {date}\n{}",
        &date[..4],
        time.map(|(h, m)| format!("  time: \"{h:02}:{m:02}\"\n"))
            .unwrap_or_default()
    );
    serde_saphyr::from_str(&text).unwrap()
}

fn at(text: &str) -> DateTime<Tz> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Stockholm)
}

fn notify_imy(incident: &Incident, now: &str) -> Obligation {
    obligations(incident, &DeadlineSettings::default(), Stockholm, at(now))
        .unwrap()
        .into_iter()
        .find(|o| o.duty == Duty::NotifyImy)
        .unwrap()
}

fn assessment(notify: bool) -> Assessment {
    Assessment {
        schema_version: 1,
        assessed_at: DateTime::parse_from_rfc3339("2026-03-27T15:00:00+01:00").unwrap(),
        first_assessed_at: None,
        assessed_by: "x".into(),
        data_processing_context: DataProcessingContext {
            category: DataCategory::Simple,
            score: 1,
            justification: None,
        },
        ease_of_identification: EaseOfIdentification::Negligible,
        circumstances: Circumstances {
            confidentiality: ConfidentialityLoss::None,
            integrity: IntegrityLoss::None,
            availability: AvailabilityLoss::None,
            malicious: false,
        },
        flags: Flags::default(),
        edpb_factors: None,
        severity_score: 0.25,
        band: Band::Low,
        decision: Decision {
            notify_imy: notify,
            inform_data_subjects: false,
            exception: None,
            departure_reason: None,
        },
        reasoning: "r".into(),
    }
}

fn submitted(incident: &mut Incident, when: &str) {
    incident.notification = Some(Notification {
        schema_version: 1,
        imy: Some(ImyNotification {
            submitted_at: Some(DateTime::parse_from_rfc3339(when).unwrap()),
            case_number: None,
            late_reason: None,
            supplement_planned: None,
            supplements: vec![],
            secrecy: None,
        }),
        data_subjects: None,
        public_communication: None,
        controller_notified_at: None,
        customers: vec![],
        nis2: None,
        regime_reports: std::collections::BTreeMap::new(),
    });
}

#[test]
fn the_72_hours_are_elapsed_hours_across_summer_time() {
    // Friday before summer time starts (29 March 2026): due 11:00 local on Monday.
    let spring = Incident::new(report("2026-03-27", Some((10, 0))));
    let due = notify_imy(&spring, "2026-03-27T12:00:00+01:00").due;
    assert_eq!(due.fixed_offset().to_rfc3339(), "2026-03-30T11:00:00+02:00");
    // Friday before it ends (25 October 2026): due 09:00 local on Monday.
    let autumn = Incident::new(report("2026-10-23", Some((10, 0))));
    let due = notify_imy(&autumn, "2026-10-23T12:00:00+02:00").due;
    assert_eq!(due.fixed_offset().to_rfc3339(), "2026-10-26T09:00:00+01:00");
}

#[test]
fn a_date_without_time_runs_from_the_start_of_the_day() {
    let incident = Incident::new(report("2026-06-10", None));
    let obligation = notify_imy(&incident, "2026-06-10T12:00:00+02:00");
    assert_eq!(
        obligation.runs_from.fixed_offset().to_rfc3339(),
        "2026-06-10T00:00:00+02:00"
    );
    assert_eq!(
        obligation.due.fixed_offset().to_rfc3339(),
        "2026-06-13T00:00:00+02:00"
    );
}

#[test]
fn new_years_eve_crosses_into_the_next_year() {
    let incident = Incident::new(report("2026-12-31", Some((23, 30))));
    let obligation = notify_imy(&incident, "2027-01-01T00:00:00+01:00");
    assert_eq!(
        obligation.due.fixed_offset().to_rfc3339(),
        "2027-01-03T23:30:00+01:00"
    );
    assert_eq!(obligation.state, State::Pending);
}

#[test]
fn states_met_met_late_overdue_pending_and_not_required() {
    let base = Incident::new(report("2026-03-27", Some((10, 0))));
    // due 2026-03-30T11:00+02:00
    assert_eq!(
        notify_imy(&base, "2026-03-30T10:59:00+02:00").state,
        State::Pending
    );
    assert_eq!(
        notify_imy(&base, "2026-03-30T11:00:00+02:00").state,
        State::Overdue
    );
    let mut on_time = base.clone();
    submitted(&mut on_time, "2026-03-30T11:00:00+02:00");
    assert_eq!(
        notify_imy(&on_time, "2026-04-10T00:00:00+02:00").state,
        State::Met
    );
    let mut late = base.clone();
    submitted(&mut late, "2026-03-30T11:01:00+02:00");
    assert_eq!(
        notify_imy(&late, "2026-04-10T00:00:00+02:00").state,
        State::MetLate
    );
    let all = obligations(
        &late,
        &DeadlineSettings::default(),
        Stockholm,
        at("2026-04-10T00:00:00+02:00"),
    )
    .unwrap();
    let reason = all.iter().find(|o| o.duty == Duty::LateReason).unwrap();
    assert_eq!(
        reason.state,
        State::Overdue,
        "the late notification lacks its reason (IMY q14)"
    );
    let mut not_required = base.clone();
    not_required.assessment = Some(assessment(false));
    assert_eq!(
        notify_imy(&not_required, "2026-04-10T00:00:00+02:00").state,
        State::NotRequired
    );
    let mut required = base.clone();
    required.assessment = Some(assessment(true));
    assert_eq!(
        notify_imy(&required, "2026-04-10T00:00:00+02:00").state,
        State::Overdue
    );
    // Unassessed: the notification applies.
    assert_eq!(
        notify_imy(&base, "2026-03-28T00:00:00+01:00").state,
        State::Pending
    );
}

#[test]
fn a_processor_notifies_its_controller_not_imy() {
    let mut incident = Incident::new(report("2026-03-27", Some((10, 0))));
    incident.report.role = Role::Processor;
    let all = obligations(
        &incident,
        &DeadlineSettings::default(),
        Stockholm,
        at("2026-03-27T12:00:00+01:00"),
    )
    .unwrap();
    assert_eq!(
        all.iter()
            .find(|o| o.duty == Duty::NotifyImy)
            .unwrap()
            .state,
        State::NotRequired
    );
    let controller = all
        .iter()
        .find(|o| o.duty == Duty::NotifyController)
        .unwrap();
    assert_eq!(
        controller.due.fixed_offset().to_rfc3339(),
        "2026-03-28T10:00:00+01:00"
    );
    assert_eq!(
        controller.duty.rule(),
        "GDPR Art. 33(2): without undue delay; hours: internal target"
    );
}

#[test]
fn internal_targets_come_from_the_settings() {
    let incident = Incident::new(report("2026-03-27", Some((10, 0))));
    let settings = DeadlineSettings {
        contact_dpo_hours: 2,
        close_days: 30,
        ..DeadlineSettings::default()
    };
    let all = obligations(
        &incident,
        &settings,
        Stockholm,
        at("2026-03-27T12:30:00+01:00"),
    )
    .unwrap();
    let dpo = all.iter().find(|o| o.duty == Duty::ContactDpo).unwrap();
    assert_eq!(
        (dpo.due.fixed_offset().to_rfc3339().as_str(), dpo.state),
        ("2026-03-27T12:00:00+01:00", State::Overdue)
    );
    let close = all.iter().find(|o| o.duty == Duty::CloseCase).unwrap();
    assert_eq!(
        close.due.fixed_offset().to_rfc3339(),
        "2026-04-26T10:00:00+02:00",
        "calendar days keep the local time"
    );
}

#[test]
fn time_left_reads_plainly() {
    let now = Stockholm.with_ymd_and_hms(2026, 3, 27, 12, 0, 0).unwrap();
    assert_eq!(
        time_left(
            now + Duration::minutes(2 * 24 * 60 + 3 * 60 + 5),
            now,
            Lang::En
        ),
        "2 d 3 h left"
    );
    assert_eq!(
        time_left(now - Duration::minutes(90), now, Lang::En),
        "overdue by 1 h 30 min"
    );
    assert_eq!(time_left(now, now, Lang::Sv), "0 min kvar");
    let _ = (parse_date("2026-01-01"), ClockTime::new(1, 0));
}

#[test]
fn local_times_show_their_offset() {
    let winter = Stockholm.with_ymd_and_hms(2026, 3, 27, 12, 0, 0).unwrap();
    assert_eq!(local(winter), "2026-03-27 12:00 +01:00");
    assert_eq!(
        local(at("2026-03-30T11:00:00+02:00")),
        "2026-03-30 11:00 +02:00"
    );
}

#[test]
fn several_incidents_are_scheduled_soonest_first() {
    let mut later = Incident::new(report("2026-03-27", Some((10, 0))));
    later.report.id = "2026-0002".parse().unwrap();
    let earlier = Incident::new(report("2026-03-26", Some((9, 0))));
    let all = of_incidents(
        &[later, earlier],
        &settings(),
        Stockholm,
        at("2026-03-27T12:00:00+01:00"),
    )
    .unwrap();
    let dues: Vec<_> = all.iter().map(|o| o.due).collect();
    assert!(dues.is_sorted(), "{dues:?}");
    let first_imy = all.iter().find(|o| o.duty == Duty::NotifyImy).unwrap();
    assert_eq!(first_imy.incident.to_string(), "2026-0001");
    assert_eq!(all.len(), 2 * 4, "DPO, risk, IMY and closing for each");
}

#[test]
fn a_discovery_in_the_spring_gap_names_its_incident() {
    // 02:30 on 29 March 2026 does not exist in Stockholm: the clocks go from 02:00 to 03:00.
    let mut gap = Incident::new(report("2026-03-29", Some((2, 30))));
    gap.report.id = "2026-0002".parse().unwrap();
    let plain = Incident::new(report("2026-03-27", Some((10, 0))));
    let found = of_incidents(
        &[plain, gap],
        &settings(),
        Stockholm,
        at("2026-03-30T12:00:00+02:00"),
    );
    assert_eq!(
        found.unwrap_err(),
        DiscoveryNotInZone {
            id: "2026-0002".parse().unwrap()
        }
    );
}

#[test]
fn the_72_hours_run_from_the_awareness_when_given() {
    let mut report = report("2026-03-27", Some((10, 0)));
    let discovered = notify_imy(&Incident::new(report.clone()), "2026-03-27T12:00:00+01:00");
    assert_eq!(discovered.due, at("2026-03-30T11:00:00+02:00"));
    report.aware = Some(crate::domain::model::Awareness {
        date: parse_date("2026-03-28").unwrap(),
        time: ClockTime::new(9, 0),
        reason: "the processor confirmed that personal data were in the file".into(),
    });
    let aware = notify_imy(&Incident::new(report), "2026-03-27T12:00:00+01:00");
    assert_eq!(aware.runs_from, at("2026-03-28T09:00:00+01:00"));
    assert_eq!(aware.due, at("2026-03-31T10:00:00+02:00"));
}

#[test]
fn a_verdict_outside_the_gdpr_takes_its_duties_away() {
    use crate::domain::model::{Verdict, VerdictKind};
    let duties = |kind: Option<VerdictKind>| -> Vec<&'static str> {
        let mut report = report("2026-03-27", Some((10, 0)));
        report.nis2_significant = Some(true);
        report.verdict = kind.map(|kind| Verdict {
            kind,
            decided_by: "DPO".into(),
            decided_at: DateTime::parse_from_rfc3339("2026-03-27T12:00:00+01:00").unwrap(),
            reason: "r".into(),
        });
        obligations(
            &Incident::new(report),
            &DeadlineSettings::default(),
            Stockholm,
            at("2026-03-27T12:00:00+01:00"),
        )
        .unwrap()
        .iter()
        .map(|o| o.duty.key())
        .collect()
    };
    let breach = duties(None);
    assert!(breach.contains(&"notify_imy") && breach.contains(&"nis2_early_warning"));
    assert_eq!(duties(Some(VerdictKind::PersonalDataBreach)), breach);
    // Without personal data the GDPR's duties go; NIS2 still applies to the incident.
    assert_eq!(
        duties(Some(VerdictKind::NoPersonalData)),
        [
            "nis2_early_warning",
            "nis2_notification",
            "nis2_final_report",
            "close_case"
        ]
    );
    assert_eq!(duties(Some(VerdictKind::NotAnIncident)), ["close_case"]);
    assert!(!duties(Some(VerdictKind::SecurityProtection)).contains(&"notify_imy"));
}

/// The settings of a register with the default deadlines and regimes.
fn settings() -> crate::domain::model::Settings {
    toml::from_str("[organisation]\nname = \"Exempel\"\n").unwrap()
}

fn find(all: &[Obligation], duty: &Duty) -> Option<Obligation> {
    all.iter().find(|o| &o.duty == duty).cloned()
}

#[test]
fn disproportionate_effort_owes_a_public_communication_until_it_is_recorded() {
    use crate::domain::model::notification::PublicCommunication;
    let mut incident = Incident::new(report("2026-03-27", Some((10, 0))));
    let mut excepted = assessment(true);
    excepted.band = Band::High;
    excepted.decision.exception = Some(Art34Exception::DisproportionateEffort);
    incident.assessment = Some(excepted);
    let settings = DeadlineSettings::default();
    let now = at("2026-03-28T12:00:00+01:00");
    let all = obligations(&incident, &settings, Stockholm, now).unwrap();
    let public = find(&all, &Duty::PublicCommunication).expect("owed under Art. 34(3)(c)");
    // It runs as informing the data subjects would: from the assessment, its hours.
    assert_eq!(
        (public.runs_from.fixed_offset().to_rfc3339(), public.state),
        ("2026-03-27T15:00:00+01:00".to_string(), State::Pending)
    );
    assert_eq!(public.due, add_hours(public.runs_from, 72));
    assert_eq!(
        find(&all, &Duty::InformDataSubjects).unwrap().state,
        State::NotRequired
    );
    assert!(Duty::PublicCommunication.is_law());

    submitted(&mut incident, "2026-03-27T16:00:00+01:00");
    incident.notification.as_mut().unwrap().public_communication = Some(PublicCommunication {
        at: DateTime::parse_from_rfc3339("2026-03-28T09:00:00+01:00").unwrap(),
        how: "The website's front page".into(),
    });
    let all = obligations(&incident, &settings, Stockholm, now).unwrap();
    assert_eq!(
        find(&all, &Duty::PublicCommunication).unwrap().state,
        State::Met
    );

    // A processor owes none: informing is the controller's duty (Art. 34(1)).
    let mut processor = incident.clone();
    processor.report.role = Role::Processor;
    processor.notification = None;
    let all = obligations(&processor, &settings, Stockholm, now).unwrap();
    assert_eq!(find(&all, &Duty::PublicCommunication), None);
}

#[test]
fn a_duty_of_the_law_waived_at_the_closing_is_waived_not_open_nor_met() {
    use crate::domain::model::closure::{AtClose, Waiver};
    let mut incident = Incident::new(report("2026-03-27", Some((10, 0))));
    incident.assessment = Some(assessment(true));
    submitted(&mut incident, "2026-03-27T16:00:00+01:00");
    let imy = incident
        .notification
        .as_mut()
        .unwrap()
        .imy
        .as_mut()
        .unwrap();
    imy.supplement_planned = Some(true);
    let now = at("2026-06-01T12:00:00+02:00");
    let settings = DeadlineSettings::default();
    let open = obligations(&incident, &settings, Stockholm, now).unwrap();
    assert_eq!(
        find(&open, &Duty::Supplement).unwrap().state,
        State::Overdue
    );
    incident.closure = Some(crate::domain::model::Closure {
        schema_version: 1,
        closed_at: DateTime::parse_from_rfc3339("2026-04-01T12:00:00+02:00").unwrap(),
        closed_by: "x".into(),
        root_cause: "r".into(),
        lessons_learned: "l".into(),
        legal_obligations_at_close: Some(AtClose::Waived),
        waived: vec![
            Waiver {
                obligation: "supplement".into(),
                reason: "IMY asked for nothing more".into(),
            },
            // A waiver of a duty that is met changes nothing.
            Waiver {
                obligation: "notify_imy".into(),
                reason: "r".into(),
            },
        ],
    });
    let closed = obligations(&incident, &settings, Stockholm, now).unwrap();
    let supplement = find(&closed, &Duty::Supplement).unwrap();
    assert_eq!(supplement.state, State::Waived);
    assert!(!supplement.state.is_open());
    assert_eq!(find(&closed, &Duty::NotifyImy).unwrap().state, State::Met);
    assert_eq!(State::Waived.label(Lang::Sv), "avskriven vid avslut");
}

#[test]
fn a_shorter_imy_figure_of_the_organisation_is_a_target_beside_the_laws_72_hours() {
    let incident = Incident::new(report("2026-11-29", Some((20, 0))));
    let deadlines = DeadlineSettings {
        notify_imy_hours: 48,
        ..DeadlineSettings::default()
    };
    // 55 hours after the discovery: past the target, within the law's deadline.
    let all = obligations(
        &incident,
        &deadlines,
        Stockholm,
        at("2026-12-02T03:00:00+01:00"),
    )
    .unwrap();
    let law = all.iter().find(|o| o.duty == Duty::NotifyImy).unwrap();
    assert_eq!(
        law.due.fixed_offset().to_rfc3339(),
        "2026-12-02T20:00:00+01:00"
    );
    assert!(law.duty.is_law());
    assert_ne!(law.state, State::Overdue);
    let target = all
        .iter()
        .find(|o| o.duty == Duty::NotifyImyTarget)
        .unwrap();
    assert_eq!(
        target.due.fixed_offset().to_rfc3339(),
        "2026-12-01T20:00:00+01:00"
    );
    assert!(!target.duty.is_law());
    assert_eq!(target.state, State::Overdue);
    assert!(target.duty.rule_in(Lang::Sv).starts_with("internt mål"));

    // The law's figure, or a longer one, adds no target.
    for hours in [72, 96] {
        let deadlines = DeadlineSettings {
            notify_imy_hours: hours,
            ..DeadlineSettings::default()
        };
        let all = obligations(
            &incident,
            &deadlines,
            Stockholm,
            at("2026-12-02T03:00:00+01:00"),
        )
        .unwrap();
        assert!(all.iter().all(|o| o.duty != Duty::NotifyImyTarget));
        let law = all.iter().find(|o| o.duty == Duty::NotifyImy).unwrap();
        assert_eq!(
            law.due.fixed_offset().to_rfc3339(),
            "2026-12-02T20:00:00+01:00"
        );
    }
}
