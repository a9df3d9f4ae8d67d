//! Two whole cases from report to closed case with `incident new` alone (which goes on
//! into the guided walk), in Swedish, the product's default language, through a
//! pseudo-terminal (expectrl):
//! - the school case: a teacher e-mailed the assessments of 24 pupils of one class to the
//!   guardians of another; the school is the controller and notifies IMY;
//! - the vendor case: a fault in a vendor's schedule service showed pupils of one customer
//!   to the users of another; the vendor is the processor, notifies its controller (GDPR
//!   Art. 33(2)) and sends its customer the three notices of its process.
//!
//! Each test asserts on the screens (no English word of the interface, no question asked
//! twice) and on the files and the journal; it prints the keys pressed, the figure the
//! closing note of the guided path gives. The tests wait for prompt texts, never sleeps.

#![cfg(unix)]

mod common;

use common::pty::{ARROW_DOWN, ENTER, Pty, PtyRegister, SPACE, assert_clean, read_yaml};

/// Yes and no as a Swedish user types them.
const JA: &str = "j\r";
const NEJ: &str = "n\r";

/// Words of the English interface that a Swedish screen must not show (command names such
/// as `incident notified imy` are commands, not words).
const ENGLISH: &[&str] = &[
    "Recorded",
    "reported",
    "(y/n)",
    "· yes",
    "· no",
    "Next step",
    "Go on",
    "error:",
    "hint:",
    "action logged",
    "measure planned",
    "measure done",
    "risk assessed",
    "IMY notified",
    "controller notified",
    "closed",
    "Not known",
];

fn assert_swedish(terminal: &str) {
    for word in ENGLISH {
        assert!(
            !terminal.contains(word),
            "the Swedish screen shows {word:?}:\n{terminal}"
        );
    }
}

/// Every question is asked once: an answered question is drawn once with its answer. A
/// question answered "show the text first" is asked again once the text is shown.
fn assert_no_question_twice(terminal: &str) {
    let mut answered = std::collections::BTreeMap::new();
    for line in terminal.lines() {
        // Drawn when answered: "✔ question · answer"; comments and texts may repeat.
        let Some(rest) = line.split('✔').nth(1) else {
            continue;
        };
        let mut parts = rest.split(" · ");
        let question = parts.next().unwrap_or_default().trim().to_string();
        let answer = parts.next().unwrap_or_default().trim().to_string();
        let repeats_by_design = question.starts_with("Eventuell kommentar")
            || question.starts_with("Något mer som gjordes")
            || question.starts_with("När gjordes det?")
            || question.starts_with("Ännu en planerad åtgärd")
            || question.starts_with("Gå vidare med steg");
        if repeats_by_design {
            continue;
        }
        if let Some(before) = answered.insert(question.clone(), answer) {
            assert!(
                before.starts_with("Visa "),
                "asked twice: {question:?}\n{terminal}"
            );
        }
    }
}

/// Answers a question whose answer is drawn after it: waits for `prompt`, types `keys`.
fn type_answer(pty: &mut Pty, prompt: &str, text: &str) {
    pty.answer(prompt, &format!("{text}{ENTER}"));
}

/// The answers of one case's intake that differ between the cases.
struct Intake {
    observed: &'static str,
    title: &'static str,
    occurred: &'static str,
    discovered: &'static str,
    discovered_by: &'static str,
    manager: &'static str,
    manager_at: &'static str,
    dpo_at: &'static str,
    /// Arrow-down presses from "Vet inte än" to the answer of IMY question 15.
    what_happened: usize,
    description: &'static str,
    /// ... of question 18 (the cause) and 19 (the sector).
    cause: usize,
    sector: usize,
    /// When it ended (IMY question 13), if it is over.
    ended: Option<&'static str>,
    data_subjects: &'static str,
    /// The controller, when the organisation is its processor.
    processor_for: Option<&'static str>,
    verdict_reason: &'static str,
}

/// `incident new` answered to its end: the verdict, a personal data breach, recorded.
fn intake(pty: &mut Pty, case: &Intake) {
    type_answer(
        pty,
        "Vad har ni observerat? Hur yttrar sig incidenten?",
        case.observed,
    );
    type_answer(pty, "Kort rubrik för listor", case.title);
    type_answer(
        pty,
        "När inträffade incidenten? (IMY fråga 10)",
        case.occurred,
    );
    pty.answer("Eventuell kommentar", ENTER);
    type_answer(
        pty,
        "När upptäckte ni incidenten? (IMY fråga 11)",
        case.discovered,
    );
    pty.answer("Eventuell kommentar", ENTER);
    type_answer(pty, "Vem upptäckte incidenten?", case.discovered_by);
    pty.answer("Steg A: har ansvarig chef informerats?", JA);
    type_answer(pty, "Chefens namn", case.manager);
    type_answer(pty, "När informerades chefen?", case.manager_at);
    pty.answer("Eventuell kommentar", ENTER);
    pty.answer("Steg B: har dataskyddsombudet kontaktats?", JA);
    pty.answer("Dataskyddsombudets namn (Dora Dataskydd)", ENTER);
    type_answer(pty, "När kontaktades dataskyddsombudet?", case.dpo_at);
    pty.answer("Eventuell kommentar", ENTER);
    // Selects start on "Vet inte än", the last item: arrow-down wraps to the first.
    let pick = |arrows: usize| format!("{}{ENTER}", ARROW_DOWN.repeat(arrows));
    pty.expect("Vad har hänt vid incidenten? (IMY fråga 15)");
    pty.answer("Vet inte än", &pick(case.what_happened));
    type_answer(
        pty,
        "Kort beskrivning av incidenten (IMY fråga 16)",
        case.description,
    );
    // Confidentiality, the first type, chosen with space.
    pty.expect("Typ av incident (EDPB)");
    pty.answer("Tillgänglighet", &format!("{SPACE}{ENTER}"));
    pty.expect("Varför inträffade incidenten enligt er uppfattning? (IMY fråga 18)");
    pty.answer("Vet inte än", &pick(case.cause));
    // An employee told us.
    pty.expect("Hur upptäckte ni incidenten? (IMY fråga 17)");
    pty.answer("Vet inte än", &pick(2));
    pty.expect("Inom vilken sektor inträffade incidenten? (IMY fråga 19)");
    pty.answer("Vet inte än", &pick(case.sector));
    pty.expect("Inom vilket verksamhetsområde inträffade incidenten? (IMY fråga 20)");
    pty.answer("Vet inte än", ENTER);
    pty.expect("Pågår incidenten fortfarande? (IMY fråga 12)");
    if let Some(ended) = case.ended {
        pty.answer("Vet inte än", &pick(2));
        type_answer(pty, "(IMY fråga 13)", ended);
        pty.answer("Eventuell kommentar", ENTER);
    } else {
        pty.answer("Vet inte än", ENTER);
    }
    // Pupils: the ninth group.
    pty.expect("Vilka grupper tillhör de registrerade? (IMY fråga 25)");
    pty.answer(
        "Övrigt:",
        &format!("{}{SPACE}{ENTER}", ARROW_DOWN.repeat(8)),
    );
    type_answer(
        pty,
        "Hur många registrerade har påverkats? (IMY fråga 23)",
        case.data_subjects,
    );
    type_answer(
        pty,
        "Hur många uppgifter om de registrerade har påverkats totalt? (IMY fråga 24)",
        case.data_subjects,
    );
    // Identifying information (names): the sixteenth kind.
    pty.expect("Vilken sorts personuppgifter har incidenten drabbat? (IMY fråga 26)");
    pty.answer(
        "Övrigt:",
        &format!("{}{SPACE}{ENTER}", ARROW_DOWN.repeat(15)),
    );
    pty.expect("Var personuppgifterna krypterade? (IMY fråga 27)");
    pty.answer("Vet inte än", &pick(2));
    // The data subjects lose control over their data: the first consequence.
    pty.expect("Vad kan bli konsekvenserna av incidenten? (IMY fråga 28)");
    pty.answer("Övrigt:", &format!("{SPACE}{ENTER}"));
    pty.expect("(IMY fråga 21)");
    pty.answer("Vet inte än", &pick(2));
    pty.expect("Er roll för behandlingen");
    if let Some(controller) = case.processor_for {
        pty.answer("Personuppgiftsbiträde", &pick(1));
        type_answer(pty, "Den personuppgiftsansvariges namn", controller);
    } else {
        pty.answer("Personuppgiftsbiträde", ENTER);
    }
    pty.expect("Vad är det?");
    pty.answer("säkerhetsskyddsincident", &pick(1));
    type_answer(
        pty,
        "Motivering: vad som har konstaterats och av vem",
        case.verdict_reason,
    );
}

/// Step C with the tool's suggestions taken: pupils raise the score in context to 2, with
/// the suggestion's reason offered; the names are fully identifying; the loss of
/// confidentiality is to known recipients: suggested, or else chosen.
fn assessment(pty: &mut Pty, known_recipients_suggested: bool) {
    pty.answer("Gå vidare med steg C: Riskbedömning med motivering?", JA);
    pty.expect("Vilken är den känsligaste kategorin av uppgifter? (DPC)");
    pty.select_default("Enkla: biografiska uppgifter");
    pty.expect("Förslag: 2: barn eller särskilt utsatta personer finns bland de registrerade");
    pty.expect("Poäng efter sammanhanget (ENISA tabell 1)");
    pty.select_default("2: mängden uppgifter");
    // The suggestion's reason is offered as the justification.
    pty.expect("Motivera justeringen av grundvärdet");
    pty.answer(
        "(Barn eller särskilt utsatta personer finns bland de registrerade",
        ENTER,
    );
    pty.expect("Hur lätt kan personerna identifieras? (EI)");
    pty.select_default("1: Maximal");
    pty.expect("Förlust av konfidentialitet");
    if known_recipients_suggested {
        pty.select_default("Kända mottagare");
    } else {
        pty.answer("❯ Ingen", &format!("{ARROW_DOWN}{ENTER}"));
    }
    pty.expect("Förlust av riktighet");
    pty.select_default("Ingen");
    pty.expect("Förlust av tillgänglighet");
    pty.select_default("Ingen");
    pty.answer("Skedde det med uppsåt att skada", ENTER);
    pty.expect("SE = 2 × 1 + 0,25 = 2,25");
    pty.expect("Rekommendation: Anmäl till IMY inom 72 timmar");
}

/// The decision as recommended, its reasoning and the assessor (the default).
fn decision(pty: &mut Pty, reasoning: &str) {
    pty.answer("Följer ni rekommendationen?", ENTER);
    type_answer(
        pty,
        "Motivering till ställningstagandet (obligatorisk)",
        reasoning,
    );
    pty.answer("Vem gjorde bedömningen?", ENTER);
}

/// Step D: the actions taken, in one go, ended by an empty answer.
fn actions(pty: &mut Pty, taken: &[(&str, &str)]) {
    pty.answer("Gå vidare med steg D", JA);
    for (index, (action, at)) in taken.iter().enumerate() {
        let prompt = if index == 0 {
            "Vad gjordes? (steg D, IMY fråga 30; tomt svar: inget än)"
        } else {
            "Något mer som gjordes? (tomt svar: klart)"
        };
        type_answer(pty, prompt, action);
        type_answer(pty, "När gjordes det?", at);
    }
    pty.answer("Något mer som gjordes? (tomt svar: klart)", ENTER);
}

/// Step E: one measure to prevent recurrence, owned by the manager (offered), due on a
/// typed date.
fn measure(pty: &mut Pty, text: &str, owner: &str, due: &str) {
    pty.answer("Gå vidare med steg E", JA);
    type_answer(pty, "Planerad åtgärd (steg E; tomt svar: ingen än)", text);
    pty.expect("Syfte");
    pty.answer(
        "Förebygga att det händer igen",
        &format!("{ARROW_DOWN}{ENTER}"),
    );
    pty.answer(&format!("Vem ansvarar för åtgärden? ({owner})"), ENTER);
    type_answer(pty, "Klar senast", due);
    pty.answer("Ännu en planerad åtgärd? (tomt svar: klart)", ENTER);
}

/// Steps G–H after what comes before the closing: the measure done, the root cause and the
/// lessons; then the end of the walk, checked on the screen.
fn closing(pty: &mut Pty, measure: &str, root_cause: &str, lessons: &str) -> String {
    pty.expect(&format!("Åtgärd 1: {measure}"));
    pty.answer("Klar", ENTER);
    type_answer(pty, "Grundorsaksanalys: varför hände det?", root_cause);
    type_answer(
        pty,
        "Lärdomar: vad ändras så att det inte händer igen?",
        lessons,
    );
    pty.expect("Alla steg A–H är klara.");
    assert_eq!(pty.finish(), 0, "{}", pty.terminal());
    let terminal = pty.terminal();
    if std::env::var_os("PTY_WALK_DEBUG").is_some() {
        eprintln!("--- terminal ---\n{terminal}\n---");
    }
    assert_swedish(&terminal);
    assert_no_question_twice(&terminal);
    terminal
}

#[test]
fn the_school_case_from_report_to_closed_case_in_swedish() {
    let register = PtyRegister::init_in("sv", "Dora Dataskydd");
    let mut pty = register.spawn_swedish(&["new"]);

    // The intake (step A), in the order a breach is experienced: a misdirected e-mail
    // (the first option of question 15), a human error (the second of 18), public sector.
    intake(
        &mut pty,
        &Intake {
            observed: "En vårdnadshavare ringde: hen hade fått omdömen om elever i en annan klass",
            title: "Omdömen till fel vårdnadshavare",
            occurred: "2026-03-26 16:10",
            discovered: "2026-03-27 08:15",
            discovered_by: "En vårdnadshavare",
            manager: "Rut Rektorsson",
            manager_at: "2026-03-27 08:30",
            dpo_at: "2026-03-27 09:00",
            what_happened: 1,
            description: "En lärare skickade omdömen om 24 elever i klass 7B till vårdnadshavarna i klass 7A",
            cause: 2,
            sector: 1,
            ended: None,
            data_subjects: "24",
            processor_for: None,
            verdict_reason: "Omdömen om namngivna elever nådde fel vårdnadshavare",
        },
    );
    pty.expect("Anmäl till IMY senast måndag 30 mars 09:15 (GDPR art. 33.1)");

    assessment(&mut pty, true);
    decision(
        &mut pty,
        "Omdömen om 24 barn nådde andra familjer; barn är särskilt skyddsvärda",
    );
    pty.expect("Anmäl till IMY senast måndag 30 mars 09:15 (GDPR art. 33.1)");

    actions(
        &mut pty,
        &[
            (
                "Bad vårdnadshavarna i 7A radera mejlet och bekräfta det",
                "2026-03-27 09:30",
            ),
            (
                "Alla 24 vårdnadshavare i 7A har bekräftat att mejlet är raderat",
                "2026-03-27 11:45",
            ),
        ],
    );
    let planned = "Utskick av omdömen går via lärplattformen, inte e-post";
    measure(&mut pty, planned, "Rut Rektorsson", "2026-04-24");

    // Step F: the text for IMY first, then the submission. A medium risk: the data
    // subjects need not be informed (GDPR Art. 34(1) asks it of a high risk).
    pty.answer("Gå vidare med steg F", JA);
    pty.answer("Visa texten till IMY:s e-tjänst nu?", JA);
    pty.expect("Anmäl personuppgiftsincident");
    pty.answer("Har anmälan skickats in till IMY?", JA);
    type_answer(&mut pty, "IMY:s diarienummer", "IMY-2026-1234");
    pty.answer("Kommer ni att komplettera anmälan? (IMY fråga 36)", NEJ);

    pty.answer("Gå vidare med steg G", JA);
    closing(
        &mut pty,
        planned,
        "Fel sändlista vald i e-postprogrammet",
        "Omdömen skickas inte med e-post",
    );
    eprintln!(
        "the school case: {} keys pressed, from `incident new` to the closed case",
        pty.keystrokes()
    );

    // The files and the journal.
    let folder = register.path("incidents/2026/2026-0001");
    let (text, report) = read_yaml(&folder.join("report.yaml"));
    assert_eq!(report["subject_groups"]["keys"][0], "pupils", "{text}");
    assert_eq!(report["verdict"]["kind"], "personal_data_breach", "{text}");
    let (text, notification) = read_yaml(&folder.join("notification.yaml"));
    assert_eq!(
        notification["imy"]["case_number"], "IMY-2026-1234",
        "{text}"
    );
    let (text, actions) = read_yaml(&folder.join("actions.yaml"));
    assert_eq!(actions["taken"].as_array().map(Vec::len), Some(2), "{text}");
    assert_eq!(actions["planned"][0]["status"], "done", "{text}");
    assert_eq!(actions["planned"][0]["owner"], "Rut Rektorsson", "{text}");
    assert!(folder.join("closure.yaml").exists());
    assert_clean(&register.repo());
    // One entry per recorded step: the report, the assessment, two actions, the measure,
    // IMY, the measure done, the closing; and the register's first.
    assert_eq!(register.commit_count(), 9);
}

#[test]
fn the_vendor_case_from_report_to_closed_case_in_swedish() {
    let register = PtyRegister::init_in("sv", "Dora Dataskydd");
    let mut pty = register.spawn_swedish(&["new"]);

    // Shown to another customer's users ("Obehörigt röjande: Övrigt"), a technical error,
    // private sector; whether it is over is not known yet at the intake; the vendor is the
    // processor of its customer, the controller.
    intake(
        &mut pty,
        &Intake {
            observed: "En kund ringde supporten: schemat visade elever från en annan skola",
            title: "Schemat visade fel skolas elever",
            occurred: "2026-03-27 07:00",
            discovered: "2026-03-27 08:40",
            discovered_by: "Supporten",
            manager: "Ivar Incidentansvarig",
            manager_at: "2026-03-27 08:50",
            dpo_at: "2026-03-27 09:10",
            what_happened: 2,
            description: "Ett fel i en uppdatering av schematjänsten visade en annan kunds elever för lärare i Exempelby",
            cause: 1,
            sector: 2,
            ended: None,
            data_subjects: "310",
            processor_for: Some("Exempelby kommun"),
            verdict_reason: "Elevers namn visades för fel kunds lärare",
        },
    );

    // Teachers of another customer: known recipients, chosen over the suggestion.
    assessment(&mut pty, false);
    // A processor's assessment is the controller's input, not its notification to IMY.
    pty.expect(
        "Ni är personuppgiftsbiträde: den personuppgiftsansvarige (Exempelby kommun) beslutar om anmälan till IMY (GDPR art. 33.1).",
    );
    decision(
        &mut pty,
        "Namn på elever nådde lärare hos en annan kund; ingen känslig uppgift",
    );
    pty.expect(
        "Registrerad: 2026-0001: riskbedömd: medel (SE 2,25), underrätta den personuppgiftsansvarige",
    );

    actions(
        &mut pty,
        &[(
            "Uppdateringen återställd; schemat visar rätt elever",
            "2026-03-27 10:05",
        )],
    );
    let planned = "Test av behörigheter mellan kunder före varje uppdatering";
    measure(&mut pty, planned, "Ivar Incidentansvarig", "2026-04-10");

    // Step F of a processor: the customers affected (the controller first), the
    // acknowledgement (its text shown first), the notice to the controller the law asks,
    // then the detailed notice.
    pty.answer("Gå vidare med steg F", JA);
    pty.answer("Berörs kunden Exempelby kommun?", JA);
    pty.answer(
        "Fler kunder som berörs? (namn, åtskilda med komma; tomt svar: inga)",
        ENTER,
    );
    pty.expect("Har bekräftelsen med ärendenumret skickats till Exempelby kommun?");
    pty.answer(
        "Visa texten först",
        &format!("{ARROW_DOWN}{ARROW_DOWN}{ENTER}"),
    );
    pty.expect("Har bekräftelsen med ärendenumret skickats till Exempelby kommun?");
    pty.answer("❯ Ja, det är skickat", ENTER);
    pty.answer(
        "Visa underrättelsen till den personuppgiftsansvarige nu?",
        JA,
    );
    pty.expect("Till: Exempelby kommun");
    pty.answer(
        "Har underrättelsen skickats till Exempelby kommun? (GDPR art. 33.2)",
        JA,
    );
    pty.expect(
        "Har det detaljerade beskedet (konsekvenser, omfattning, åtgärder) skickats till Exempelby kommun?",
    );
    pty.answer("❯ Ja, det är skickat", ENTER);

    // The resolution to the customer before the case is closed: it says when the incident
    // ended, which is asked and recorded first.
    pty.answer("Gå vidare med steg G", JA);
    type_answer(
        &mut pty,
        "Beskedet om lösning säger när incidenten upphörde. När upphörde den? (IMY fråga 13)",
        "2026-03-27 10:05",
    );
    pty.expect("Registrerad: 2026-0001: upphörde 2026-03-27 10:05");
    pty.expect("Har beskedet om lösning skickats till Exempelby kommun?");
    pty.answer("❯ Ja, det är skickat", ENTER);
    closing(
        &mut pty,
        planned,
        "Behörighetsfiltret följde inte med i uppdateringen",
        "Behörigheter testas automatiskt före varje uppdatering",
    );
    eprintln!(
        "the vendor case: {} keys pressed, from `incident new` to the closed case",
        pty.keystrokes()
    );

    let folder = register.path("incidents/2026/2026-0001");
    let (text, report) = read_yaml(&folder.join("report.yaml"));
    assert_eq!(report["role"], "processor", "{text}");
    assert_eq!(report["controller"]["name"], "Exempelby kommun", "{text}");
    assert_eq!(report["ongoing"], false, "{text}");
    assert_eq!(report["ended"]["time"], "10:05", "{text}");
    let (text, notification) = read_yaml(&folder.join("notification.yaml"));
    assert!(
        notification["controller_notified_at"].is_string(),
        "the notice to the controller recorded: {text}"
    );
    assert!(
        notification
            .get("imy")
            .is_none_or(serde_json::Value::is_null),
        "a processor does not notify IMY: {text}"
    );
    let customer = &notification["customers"][0];
    assert_eq!(customer["name"], "Exempelby kommun", "{text}");
    for notice in ["acknowledged_at", "detailed_notice_at", "resolution_at"] {
        assert!(customer[notice].is_string(), "{notice} recorded: {text}");
    }
    assert!(folder.join("closure.yaml").exists());
    assert_clean(&register.repo());
}
