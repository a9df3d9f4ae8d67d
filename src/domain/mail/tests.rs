use chrono::{DateTime, NaiveDate};

use super::headings::{heading_of, normalise};
use super::when::{Role, dates_in, ongoing_in, role_of};
use super::*;

fn zone() -> Tz {
    "Europe/Stockholm".parse().unwrap()
}

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-03-28T09:00:00+01:00").unwrap()
}

fn mail(subject: &str, body: &str) -> Decoded {
    Decoded {
        subject: Some(subject.into()),
        from_name: Some("Anna Kund".into()),
        from_email: Some("anna@kund.example".into()),
        date: Some(DateTime::parse_from_rfc3339("2026-03-27T11:30:00+01:00").unwrap()),
        message_id: Some("abc@kund.example".into()),
        replies_to: Vec::new(),
        body: body.into(),
        attached: None,
    }
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

#[test]
fn headings_are_recognised_whatever_surrounds_them() {
    for line in [
        "Observation och yttrande",
        "OBSERVATION OCH YTTRANDE:",
        "**Observation och yttrande**",
        "**Observation och yttrande:**",
        "> Observation och yttrande",
        "> > - Observation och yttrande:",
        "1. Observation och yttrande",
        "• Observation och yttrande",
        "## Observation and symptoms",
        "  observation  ",
    ] {
        assert_eq!(
            heading_of(line).map(|(h, _)| h),
            Some(Heading::Observation),
            "{line}"
        );
    }
    assert_eq!(
        heading_of("Påverkan på personuppgifter: Nej"),
        Some((Heading::PersonalData, "Nej".into()))
    );
    assert_eq!(
        heading_of("**Impact on personal data:** No"),
        Some((Heading::PersonalData, "No".into()))
    );
    assert_eq!(
        heading_of("Påverkan"),
        Some((Heading::Impact, String::new()))
    );
    assert_eq!(
        heading_of("3) Tid och varaktighet"),
        Some((Heading::Time, String::new()))
    );
    assert_eq!(
        heading_of("Contact details:"),
        Some((Heading::Contacts, String::new()))
    );
    // Words that merely begin like a heading are text.
    assert_eq!(heading_of("Påverkan blev stor för oss"), None);
    assert_eq!(heading_of("Tiden: okänd"), None);
    assert_eq!(normalise("> **2. Påverkan:**"), "påverkan");
}

#[test]
fn dates_are_read_in_swedish_and_iso_forms() {
    let read = |line: &str| {
        dates_in(line)
            .first()
            .map(|f| (f.date, f.time.map(|t| t.to_string())))
    };
    let at = |date: &str, time: Option<&str>| Some((day(date), time.map(String::from)));
    assert_eq!(read("2026-03-27 10:15"), at("2026-03-27", Some("10:15")));
    assert_eq!(
        read("Upptäcktes 2026-03-27T10:15:00"),
        at("2026-03-27", Some("10:15"))
    );
    assert_eq!(read("27/3 2026 kl. 10.15"), at("2026-03-27", Some("10:15")));
    assert_eq!(read("27/3-2026"), at("2026-03-27", None));
    assert_eq!(
        read("den 27.3.2026 kl 9:05"),
        at("2026-03-27", Some("09:05"))
    );
    assert_eq!(
        read("fredag 27 mars 2026 klockan 10:15"),
        at("2026-03-27", Some("10:15"))
    );
    assert_eq!(
        read("Fri, Mar 27, 2026 at 2:15 PM"),
        at("2026-03-27", Some("14:15"))
    );
    assert_eq!(
        read("Fri, 27 Mar 2026 10:15:00 +0100"),
        at("2026-03-27", Some("10:15"))
    );
    assert_eq!(read("3 okt. 2026"), at("2026-10-03", None));
    assert_eq!(read("May 4, 2026"), at("2026-05-04", None));
    assert_eq!(read("4 maj 2026"), at("2026-05-04", None));
    // No year, no date: nothing is guessed.
    assert_eq!(read("i morse 27/3"), None);
    assert_eq!(read("marknaden 12 2026"), None);
    assert_eq!(read("2026-02-30"), None);
}

#[test]
fn a_line_says_which_moment_its_date_is() {
    let line = "Började 2026-03-26 16:00, upptäcktes 2026-03-27 10:00";
    let found = dates_in(line);
    assert_eq!(found.len(), 2);
    assert_eq!(role_of(line, found[0].word), Some(Role::Occurred));
    assert_eq!(role_of(line, found[1].word), Some(Role::Discovered));
    assert_eq!(role_of("Upphörde 2026-03-27 08:00", 1), Some(Role::Ended));
    assert_eq!(role_of("2026-03-27", 0), None);
    assert_eq!(ongoing_in("Incidenten pågår fortfarande"), Some(true));
    assert_eq!(ongoing_in("Den pågår inte längre"), Some(false));
    assert_eq!(ongoing_in("Two hours"), None);
}

#[test]
fn the_template_filled_in_fills_the_report() {
    let body = "Hej!\n\nObservation och yttrande\nEn kund såg en annan kunds brukare i en export.\n\nPåverkan\nVi kan inte använda exporten.\n\nPåverkan på personuppgifter\nNej\n\nTid och varaktighet\nUpptäcktes 2026-03-27 10:00, började 2026-03-26 16:00.\nDen pågår fortfarande.\n\nKontaktuppgifter\nBo Ansvarig, bo@kund.example, 070-123 45 67\nNamn: Cilla Chef\nE-post: cilla@kund.example\nTelefon: 08-123 456\n\nMvh Anna\n";
    let proposal = propose(
        &mail("Incidentrapport – Export med fel kunds brukare", body),
        zone(),
        now(),
        Lang::Sv,
    );
    let draft = &proposal.draft;
    assert!(proposal.headings);
    assert!(!proposal.forwarded);
    assert_eq!(draft.title.as_deref(), Some("Export med fel kunds brukare"));
    assert_eq!(
        draft.observed.as_deref(),
        Some("En kund såg en annan kunds brukare i en export.")
    );
    assert_eq!(
        draft.description.as_deref(),
        Some(
            "En kund såg en annan kunds brukare i en export.\n\nPåverkan enligt rapporten: Vi kan inte använda exporten.\n\nPåverkan på personuppgifter enligt rapporten: Nej"
        )
    );
    let discovered = draft.discovered.as_ref().unwrap();
    assert_eq!(
        (discovered.date, discovered.time.map(|t| t.to_string())),
        (day("2026-03-27"), Some("10:00".into()))
    );
    assert_eq!(draft.occurred.as_ref().unwrap().date, day("2026-03-26"));
    assert_eq!(draft.ongoing, Some(true));
    assert_eq!(proposal.no_personal_data.as_deref(), Some("Nej"));
    let reporter = draft.reported_by.as_ref().unwrap();
    assert_eq!(reporter.email.as_deref(), Some("anna@kund.example"));
    let contacts: Vec<(&str, Option<&str>, Option<&str>)> = reporter
        .contacts
        .iter()
        .map(|p| (p.name.as_str(), p.email.as_deref(), p.phone.as_deref()))
        .collect();
    assert_eq!(
        contacts,
        [
            (
                "Bo Ansvarig",
                Some("bo@kund.example"),
                Some("070-123 45 67")
            ),
            ("Cilla Chef", Some("cilla@kund.example"), Some("08-123 456")),
        ]
    );
    // The greeting after the contacts is no person; every heading was there.
    assert!(proposal.gaps.is_empty(), "{:?}", proposal.gaps);
    let discovered_from = proposal
        .readings
        .iter()
        .find(|r| r.field == Field::Discovered)
        .unwrap();
    assert_eq!(
        discovered_from.source,
        Source::Line {
            number: 13,
            text: "Upptäcktes 2026-03-27 10:00, började 2026-03-26 16:00.".into()
        }
    );
}

#[test]
fn yes_decides_nothing_and_an_unclear_answer_is_a_gap() {
    let yes = propose(
        &mail(
            "Incidentrapport",
            "Påverkan på personuppgifter: Ja, namn syns",
        ),
        zone(),
        now(),
        Lang::En,
    );
    assert_eq!(yes.no_personal_data, None);
    assert!(yes.readings.iter().any(|r| r.field == Field::PersonalData));
    let unclear = propose(
        &mail("Incidentrapport", "Impact on personal data\nPerhaps"),
        zone(),
        now(),
        Lang::En,
    );
    assert_eq!(unclear.no_personal_data, None);
    assert!(unclear.gaps.iter().any(|g| g.field == Field::PersonalData));
}

#[test]
fn a_body_without_headings_is_the_observation_and_the_gaps_say_so() {
    let proposal = propose(
        &mail(
            "Incidentrapport",
            "Vi skickade en lista till fel kund.\nRing mig.",
        ),
        zone(),
        now(),
        Lang::Sv,
    );
    assert!(!proposal.headings);
    assert_eq!(
        proposal.draft.observed.as_deref(),
        Some("Vi skickade en lista till fel kund.\nRing mig.")
    );
    // The title comes from the first line; the discovery from the Date header, in the zone.
    assert_eq!(
        proposal.draft.title.as_deref(),
        Some("Vi skickade en lista till fel kund.")
    );
    let discovered = proposal.draft.discovered.as_ref().unwrap();
    assert_eq!(
        (discovered.date, discovered.time.map(|t| t.to_string())),
        (day("2026-03-27"), Some("11:30".into()))
    );
    let gaps: Vec<Field> = proposal.gaps.iter().map(|g| g.field).collect();
    assert_eq!(gaps, [Field::Discovered, Field::Title]);
}

#[test]
fn a_forwarded_original_gives_the_reporter_and_its_date() {
    let body = "Se nedan.\n\n---------- Forwarded message ---------\nFrom: Bo Kund <bo@kund.example>\nDate: Thu, Mar 26, 2026 at 4:05 PM\nSubject: Incidentrapport: Fel mottagare\nTo: <support@leverantor.example>\n\n> Observation och yttrande\n> Ett brev gick till fel mottagare.\n> Påverkan på personuppgifter: Nej\n";
    let mut forwarding = mail("Fwd: Incidentrapport: Fel mottagare", body);
    forwarding.from_name = Some("Kollega".into());
    let proposal = propose(&forwarding, zone(), now(), Lang::Sv);
    assert!(proposal.forwarded);
    let reporter = proposal.draft.reported_by.as_ref().unwrap();
    assert_eq!(
        (reporter.name.as_deref(), reporter.email.as_deref()),
        (Some("Bo Kund"), Some("bo@kund.example"))
    );
    assert_eq!(proposal.draft.title.as_deref(), Some("Fel mottagare"));
    assert_eq!(
        proposal.draft.observed.as_deref(),
        Some("Ett brev gick till fel mottagare.")
    );
    // No time under the heading: the discovery is when the original was sent.
    let discovered = proposal.draft.discovered.as_ref().unwrap();
    assert_eq!(
        (discovered.date, discovered.time.map(|t| t.to_string())),
        (day("2026-03-26"), Some("16:05".into()))
    );
    assert_eq!(proposal.no_personal_data.as_deref(), Some("Nej"));
}

#[test]
fn an_outlook_forward_and_an_attached_original_are_read_too() {
    let body = "FYI\n\nFrån: Cilla Chef <cilla@kund.example>\nSkickat: den 25 mars 2026 08:40\nTill: Support\nÄmne: Incidentrapport - Inloggning nere\n\nObservation och yttrande\nIngen kan logga in.\n";
    let proposal = propose(
        &mail("VB: Incidentrapport - Inloggning nere", body),
        zone(),
        now(),
        Lang::Sv,
    );
    assert!(proposal.forwarded);
    assert_eq!(
        proposal
            .draft
            .reported_by
            .as_ref()
            .unwrap()
            .email
            .as_deref(),
        Some("cilla@kund.example")
    );
    assert_eq!(
        proposal.draft.discovered.as_ref().unwrap().date,
        day("2026-03-25")
    );
    assert_eq!(proposal.draft.title.as_deref(), Some("Inloggning nere"));

    let mut outer = mail("Fwd: report", "See the attached report.");
    outer.attached = Some(Box::new(Decoded {
        from_name: None,
        from_email: Some("dan@kund.example".into()),
        date: Some(DateTime::parse_from_rfc3339("2026-03-24T12:00:00Z").unwrap()),
        subject: Some("Incident report: Lost laptop".into()),
        body: "Observation and symptoms\nA laptop was lost.\n".into(),
        ..Decoded::default()
    }));
    let proposal = propose(&outer, zone(), now(), Lang::En);
    assert!(proposal.forwarded);
    assert_eq!(proposal.draft.title.as_deref(), Some("Lost laptop"));
    assert_eq!(
        proposal
            .draft
            .reported_by
            .as_ref()
            .unwrap()
            .email
            .as_deref(),
        Some("dan@kund.example")
    );
    // 12:00 UTC is 13:00 in Stockholm.
    assert_eq!(
        proposal
            .draft
            .discovered
            .as_ref()
            .unwrap()
            .time
            .unwrap()
            .to_string(),
        "13:00"
    );
}

#[test]
fn subjects_give_titles_without_prefixes() {
    assert_eq!(title_of_subject("Incidentrapport"), None);
    assert_eq!(
        title_of_subject("SV: VB: Incidentrapport: Fel mottagare").as_deref(),
        Some("Fel mottagare")
    );
    assert_eq!(
        title_of_subject("Fwd: incidentrapport – Nere").as_deref(),
        Some("Nere")
    );
    assert_eq!(
        title_of_subject("Servern är nere").as_deref(),
        Some("Servern är nere")
    );
}

#[test]
fn the_template_printed_is_read_back_as_an_empty_report() {
    for lang in [Lang::Sv, Lang::En] {
        let text = template(lang);
        let body = text.split_once('\n').unwrap().1;
        let proposal = propose(&mail("Incidentrapport – Test", body), zone(), now(), lang);
        assert!(proposal.headings, "{lang:?}");
        // The hints left in place are not taken as answers.
        assert_eq!(proposal.draft.observed, None, "{lang:?}");
        assert_eq!(proposal.no_personal_data, None, "{lang:?}");
    }
}

#[test]
fn a_date_header_later_than_now_does_not_put_the_discovery_in_the_future() {
    // The sender's clock is two weeks ahead: the discovery taken from it would put the
    // 72-hour deadline two weeks late. It is now instead, and the person is told why.
    let mut message = mail(
        "Incidentrapport - Klockan",
        "Observation och yttrande\nFel.\n",
    );
    message.date = Some(DateTime::parse_from_rfc3339("2026-04-10T09:00:00+02:00").unwrap());
    let proposal = propose(&message, zone(), now(), Lang::En);
    let discovered = proposal.draft.discovered.clone().unwrap();
    assert_eq!(
        (discovered.date, discovered.time),
        (day("2026-03-28"), ClockTime::new(9, 0))
    );
    let gap = proposal
        .gaps
        .iter()
        .find(|gap| gap.field == Field::Discovered)
        .unwrap();
    assert_eq!(
        gap.why.get(Lang::En),
        "the message's date, 2026-04-10 09:00, is later than now (the sender's clock); set to now, 2026-03-28 09:00"
    );
    assert!(gap.why.get(Lang::Sv).contains("ligger efter nu"));
    assert!(
        discovered
            .comment
            .unwrap()
            .starts_with("When the report was taken into the register"),
    );
}

#[test]
fn yesterday_and_today_are_counted_from_the_day_the_message_was_written() {
    // The message is dated 2026-03-27 (Friday): "igår kväll kl. 16.30" is the 26th.
    let proposal = propose(
        &mail(
            "Incidentrapport - Igår",
            "Tid och varaktighet\nUpptäcktes igår kväll kl. 16.30. Började i förrgår. Pågår fortfarande.\n",
        ),
        zone(),
        now(),
        Lang::Sv,
    );
    let discovered = proposal.draft.discovered.clone().unwrap();
    assert_eq!(
        (discovered.date, discovered.time),
        (day("2026-03-26"), ClockTime::new(16, 30))
    );
    let occurred = proposal.draft.occurred.clone().unwrap();
    assert_eq!((occurred.date, occurred.time), (day("2026-03-25"), None));
    assert!(
        !proposal
            .gaps
            .iter()
            .any(|gap| gap.field == Field::Discovered)
    );
    let english = when::dates_in_from(
        "noticed yesterday at 9:15 AM, stopped today at 11:00",
        Some(day("2026-03-27")),
    );
    assert_eq!(english[0].date, day("2026-03-26"));
    assert_eq!(english[0].time, ClockTime::new(9, 15));
    assert_eq!(english[1].date, day("2026-03-27"));
    assert_eq!(english.len(), 2);
    // "i dag" without a time is "at present", not a date.
    assert!(when::dates_in_from("Vi vet i dag inte när", Some(day("2026-03-27"))).is_empty());
    // Without the message's date nothing is counted.
    assert!(when::dates_in("Upptäcktes igår kl. 16.30").is_empty());
}

#[test]
fn am_and_pm_are_read_after_a_comma_and_written_together_with_the_time() {
    for line in [
        "First discovered March 26, 2026 at 1:30 PM, still ongoing.",
        "First discovered March 26, 2026 at 1:30 PM; still ongoing.",
        "First discovered March 26, 2026 at 1:30PM, still ongoing.",
        "First discovered March 26, 2026 at 1:30 p.m., still ongoing.",
    ] {
        let found = dates_in(line);
        assert_eq!(found[0].time, ClockTime::new(13, 30), "{line}");
    }
    assert_eq!(
        dates_in("2026-03-26 12:10am")[0].time,
        ClockTime::new(0, 10)
    );
}

#[test]
fn an_hour_after_kl_and_the_start_of_a_span_are_times() {
    for (line, time) in [
        ("Upptäcktes 27 mars 2026 kl. 9", ClockTime::new(9, 0)),
        ("Upptäcktes 27/3-2026 klockan 14", ClockTime::new(14, 0)),
        (
            "Upptäcktes 2026-03-27 kl. 10.15-10.30",
            ClockTime::new(10, 15),
        ),
        ("Upptäcktes 2026-03-27 10:15–10:30", ClockTime::new(10, 15)),
    ] {
        assert_eq!(dates_in(line)[0].time, time, "{line}");
    }
    // A number without "kl." after a date is no time.
    assert_eq!(dates_in("Upptäcktes 2026-03-27 14 personer")[0].time, None);
}

#[test]
fn a_gateways_tag_before_the_templates_word_is_no_part_of_the_title() {
    assert_eq!(
        title_of_subject("Re: [EXTERN] Incidentrapport - Läckage").as_deref(),
        Some("Läckage")
    );
    assert_eq!(
        title_of_subject("[EXTERNAL] SV: Incidentrapport: Läckage").as_deref(),
        Some("Läckage")
    );
    // A tag before anything else is the subject's own.
    assert_eq!(
        title_of_subject("[Prod] Databasen nere").as_deref(),
        Some("[Prod] Databasen nere")
    );
}

#[test]
fn a_discovery_from_a_forwards_date_says_so() {
    let proposal = propose(
        &mail(
            "VB: Incidentrapport - Export",
            "Se nedan.\n\nFrån: Anna Kund <anna@kund.example>\nSkickat: den 26 mars 2026 14:05\nTill: support@lev.example\nÄmne: Incidentrapport - Export\n\nObservation och yttrande\nFel.\n",
        ),
        zone(),
        now(),
        Lang::Sv,
    );
    let discovered = proposal.draft.discovered.unwrap();
    assert_eq!(
        (discovered.date, discovered.time),
        (day("2026-03-26"), ClockTime::new(14, 5))
    );
    assert!(
        discovered
            .comment
            .unwrap()
            .starts_with("När rapporten skickades (det vidarebefordrade meddelandets datum)")
    );
}
