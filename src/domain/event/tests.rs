use super::*;

fn every_kind() -> Vec<Event> {
    vec![
        Event::RegisterCreated {
            organisation: "Exempel kommun".into(),
        },
        Event::RegisterAdopted {
            organisation: "Exempel kommun".into(),
            incidents: 2,
        },
        Event::MergeByMeaning,
        Event::Imported {
            incidents: 997,
            file: "gamla-registret.csv".into(),
        },
        Event::EditedByHand {
            files: vec!["report.yaml".into(), "actions.yaml".into()],
        },
        Event::RegisterEditedByHand { files: 4 },
        Event::Reported {
            title: "Fel mottagare".into(),
        },
        Event::Verdict {
            kind: VerdictKind::NotAnIncident,
        },
        Event::Ended {
            at: "2026-03-27 10:05".into(),
        },
        Event::Aware {
            at: "2026-03-26 09:00".into(),
        },
        Event::ManagerTold {
            name: Some("Rektor".into()),
        },
        Event::DpoContacted { name: None },
        Event::ControllerNotified { name: None },
        Event::CustomersListed {
            customers: vec!["Exempelby kommun".into(), "Ortens skolor AB".into()],
        },
        Event::CustomerNotice {
            notice: "detailed".into(),
            customer: "Exempelby kommun".into(),
        },
        Event::Assessed {
            again: true,
            band: Band::VeryHigh,
            score: 4.25,
            notify_imy: true,
            inform_data_subjects: false,
            processor: false,
        },
        Event::Classified {
            regime: "dora".into(),
            applies: false,
        },
        Event::RegimeReportSent {
            regime: "nis2".into(),
            report: "early_warning".into(),
            to_csirt: true,
        },
        Event::CsirtRequest { number: 1 },
        Event::CsirtReportSent { number: 2 },
        Event::ActionLogged {
            action: "Bad mottagaren radera mejlet".into(),
        },
        Event::MeasurePlanned {
            measure: "Utbilda".into(),
        },
        Event::MeasureDone {
            measure: "Utbilda".into(),
        },
        Event::MeasureDeferred {
            measure: "Utbilda".into(),
        },
        Event::ImyNotified {
            case_number: Some("IMY-2026-123".into()),
        },
        Event::SupplementSent { number: 1 },
        Event::PublicInformed,
        Event::SubjectsInformed,
        Event::SubjectsWillBeInformed {
            when: "2026-04-01".into(),
        },
        Event::SubjectsNotInformed {
            reasons: vec!["public_communication".into()],
        },
        Event::Closed { waived: 2 },
        Event::Reopened,
    ]
}

/// The trailers an entry carries: the event's, with the `Regime` of regime entries.
fn carried(event: &Event) -> Vec<(String, String)> {
    let mut trailers = vec![("Incident".to_string(), "2026-0001".to_string())];
    trailers.extend(event.trailers());
    if let Event::Classified { regime, .. } | Event::RegimeReportSent { regime, .. } = event {
        trailers.push(("Regime".into(), regime.clone()));
    }
    trailers
}

#[test]
fn every_event_reads_back_from_its_trailers() {
    for event in every_kind() {
        assert_eq!(
            Event::from_trailers(&carried(&event)).as_ref(),
            Some(&event),
            "{}",
            event.key()
        );
    }
}

#[test]
fn every_event_has_a_subject_in_each_language() {
    for event in every_kind() {
        let sv = event.subject("2026-0001", Lang::Sv);
        let en = event.subject("2026-0001", Lang::En);
        assert!(!sv.is_empty() && !en.is_empty(), "{}", event.key());
        assert_ne!(sv, en, "{}", event.key());
    }
}

#[test]
fn subjects_are_written_in_the_language_asked() {
    let assessed = Event::Assessed {
        again: false,
        band: Band::VeryHigh,
        score: 4.25,
        notify_imy: true,
        inform_data_subjects: false,
        processor: false,
    };
    assert_eq!(
        assessed.subject("2026-0001", Lang::Sv),
        "2026-0001: riskbedömd: mycket hög (SE 4,25), anmäl till IMY"
    );
    assert_eq!(
        assessed.subject("2026-0001", Lang::En),
        "2026-0001: risk assessed: very high (SE 4.25), notify IMY"
    );
    let reported = Event::Reported {
        title: "Fel mottagare".into(),
    };
    assert_eq!(
        reported.subject("2026-0001", Lang::Sv),
        "2026-0001: rapporterad: Fel mottagare"
    );
    assert_eq!(
        reported.subject("2026-0001", Lang::En),
        "2026-0001: reported: Fel mottagare"
    );
    let sent = Event::RegimeReportSent {
        regime: "nis2".into(),
        report: "early_warning".into(),
        to_csirt: true,
    };
    assert_eq!(
        sent.subject("2026-0001", Lang::En),
        "2026-0001: NIS2: early warning sent to the CSIRT"
    );
    assert_eq!(
        sent.subject("2026-0001", Lang::Sv),
        "2026-0001: NIS2: tidig varning skickad till CSIRT"
    );
    let adopted = Event::RegisterAdopted {
        organisation: "Exempel kommun".into(),
        incidents: 1,
    };
    assert_eq!(
        adopted.subject("", Lang::Sv),
        "registret övertaget: Exempel kommun (1 incident)"
    );
    assert_eq!(
        Event::RegisterEditedByHand { files: 4 }.subject("", Lang::En),
        "register: edited by hand (4 files)"
    );
}

#[test]
fn an_entry_without_the_trailers_or_of_an_unknown_kind_has_no_event() {
    let plain = vec![
        ("Incident".to_string(), "2026-0001".to_string()),
        ("Step".to_string(), "A".to_string()),
    ];
    assert_eq!(Event::from_trailers(&plain), None);
    let future = vec![(EVENT.to_string(), "teleported".to_string())];
    assert_eq!(Event::from_trailers(&future), None);
    let broken = vec![
        (EVENT.to_string(), "assessed".to_string()),
        ("Band".to_string(), "enormous".to_string()),
    ];
    assert_eq!(Event::from_trailers(&broken), None);
}

#[test]
fn a_text_a_person_wrote_travels_as_one_safe_line() {
    let event = Event::Reported {
        title: "Fel\u{1b}[2J mottagare\nandra raden".into(),
    };
    let title = event
        .trailers()
        .into_iter()
        .find(|(k, _)| k == "Title")
        .map(|(_, v)| v);
    assert_eq!(title.as_deref(), Some("Fel\\u{1b}[2J mottagare"));
}

#[test]
fn a_processors_assessment_says_its_own_duty_not_a_decision_about_imy() {
    let assessed = Event::Assessed {
        again: false,
        band: Band::Medium,
        score: 2.25,
        notify_imy: true,
        inform_data_subjects: false,
        processor: true,
    };
    assert_eq!(
        assessed.subject("2026-0001", Lang::Sv),
        "2026-0001: riskbedömd: medel (SE 2,25), underrätta den personuppgiftsansvarige"
    );
    assert_eq!(
        Event::from_trailers(&assessed.trailers()),
        Some(assessed),
        "read back from its trailers"
    );
}
