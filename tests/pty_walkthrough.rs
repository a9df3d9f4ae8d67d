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

const ID: &str = "2026-0001";
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

#[test]
fn the_school_case_from_report_to_closed_case_in_swedish() {
    let register = PtyRegister::init_in("sv", "Dora Dataskydd");
    let mut pty = register.spawn_swedish(&["new"]);

    // The intake (step A), in the order a breach is experienced.
    type_answer(
        &mut pty,
        "Vad har ni observerat? Hur yttrar sig incidenten?",
        "En vårdnadshavare ringde: hen hade fått omdömen om elever i en annan klass",
    );
    type_answer(
        &mut pty,
        "Kort rubrik för listor",
        "Omdömen till fel vårdnadshavare",
    );
    type_answer(
        &mut pty,
        "När inträffade incidenten? (IMY fråga 10)",
        "2026-03-26 16:10",
    );
    pty.answer("Eventuell kommentar", ENTER);
    type_answer(
        &mut pty,
        "När upptäckte ni incidenten? (IMY fråga 11)",
        "2026-03-27 08:15",
    );
    pty.answer("Eventuell kommentar", ENTER);
    type_answer(&mut pty, "Vem upptäckte incidenten?", "En vårdnadshavare");
    pty.answer("Steg A: har ansvarig chef informerats?", JA);
    type_answer(&mut pty, "Chefens namn", "Rut Rektorsson");
    type_answer(&mut pty, "När informerades chefen?", "2026-03-27 08:30");
    pty.answer("Eventuell kommentar", ENTER);
    pty.answer("Steg B: har dataskyddsombudet kontaktats?", JA);
    pty.answer("Dataskyddsombudets namn (Dora Dataskydd)", ENTER);
    type_answer(
        &mut pty,
        "När kontaktades dataskyddsombudet?",
        "2026-03-27 09:00",
    );
    pty.answer("Eventuell kommentar", ENTER);
    // Selects start on "Vet inte än", the last item: arrow-down wraps to the first.
    pty.expect("Vad har hänt vid incidenten? (IMY fråga 15)");
    pty.answer("Vet inte än", &format!("{ARROW_DOWN}{ENTER}"));
    type_answer(
        &mut pty,
        "Kort beskrivning av incidenten (IMY fråga 16)",
        "En lärare skickade omdömen om 24 elever i klass 7B till vårdnadshavarna i klass 7A",
    );
    pty.expect("Typ av incident (EDPB)");
    pty.answer("Tillgänglighet", &format!("{SPACE}{ENTER}"));
    pty.expect("Varför inträffade incidenten enligt er uppfattning? (IMY fråga 18)");
    pty.answer("Vet inte än", &format!("{ARROW_DOWN}{ARROW_DOWN}{ENTER}"));
    pty.expect("Hur upptäckte ni incidenten? (IMY fråga 17)");
    pty.answer("Vet inte än", &format!("{ARROW_DOWN}{ARROW_DOWN}{ENTER}"));
    pty.expect("Inom vilken sektor inträffade incidenten? (IMY fråga 19)");
    pty.answer("Vet inte än", &format!("{ARROW_DOWN}{ENTER}"));
    pty.expect("Inom vilket verksamhetsområde inträffade incidenten? (IMY fråga 20)");
    pty.answer("Vet inte än", ENTER);
    pty.expect("Pågår incidenten fortfarande? (IMY fråga 12)");
    pty.answer("Vet inte än", ENTER);
    // The pupils: the ninth group.
    pty.expect("Vilka grupper tillhör de registrerade? (IMY fråga 25)");
    pty.answer(
        "Övrigt:",
        &format!("{}{SPACE}{ENTER}", ARROW_DOWN.repeat(8)),
    );
    type_answer(
        &mut pty,
        "Hur många registrerade har påverkats? (IMY fråga 23)",
        "24",
    );
    type_answer(
        &mut pty,
        "Hur många uppgifter om de registrerade har påverkats totalt? (IMY fråga 24)",
        "24",
    );
    pty.expect("Vilken sorts personuppgifter har incidenten drabbat? (IMY fråga 26)");
    pty.answer(
        "Övrigt:",
        &format!("{}{SPACE}{ENTER}", ARROW_DOWN.repeat(15)),
    );
    pty.expect("Var personuppgifterna krypterade? (IMY fråga 27)");
    pty.answer("Vet inte än", &format!("{ARROW_DOWN}{ARROW_DOWN}{ENTER}"));
    pty.expect("Vad kan bli konsekvenserna av incidenten? (IMY fråga 28)");
    pty.answer("Övrigt:", &format!("{SPACE}{ENTER}"));
    pty.expect("(IMY fråga 21)");
    pty.answer("Vet inte än", &format!("{ARROW_DOWN}{ARROW_DOWN}{ENTER}"));
    pty.answer("Er roll för behandlingen", ENTER);
    pty.expect("Vad är det?");
    pty.answer("säkerhetsskyddsincident", &format!("{ARROW_DOWN}{ENTER}"));
    type_answer(
        &mut pty,
        "Motivering: vad som har konstaterats och av vem",
        "Omdömen om namngivna elever nådde fel vårdnadshavare",
    );
    pty.expect("Anmäl till IMY senast måndag 30 mars 09:15 (GDPR art. 33.1)");

    // Step C, the risk assessment, with the suggestions the tool makes accepted.
    pty.answer("Gå vidare med steg C: Riskbedömning med motivering?", JA);
    pty.expect("Vilken är den känsligaste kategorin av uppgifter? (DPC)");
    pty.select_default("Enkla: biografiska uppgifter");
    // The suggestion follows the pupils: children are among the data subjects.
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
    pty.select_default("Kända mottagare");
    pty.expect("Förlust av riktighet");
    pty.select_default("Ingen");
    pty.expect("Förlust av tillgänglighet");
    pty.select_default("Ingen");
    pty.answer("Skedde det med uppsåt att skada", ENTER);
    pty.expect("SE = 2 × 1 + 0,25 = 2,25");
    pty.answer("Följer ni rekommendationen?", ENTER);
    type_answer(
        &mut pty,
        "Motivering till ställningstagandet (obligatorisk)",
        "Omdömen om 24 barn nådde andra familjer; barn är särskilt skyddsvärda",
    );
    pty.answer("Vem gjorde bedömningen?", ENTER);
    pty.expect("Anmäl till IMY senast måndag 30 mars 09:15 (GDPR art. 33.1)");

    // Step D: two actions in one go.
    pty.answer("Gå vidare med steg D", JA);
    type_answer(
        &mut pty,
        "Vad gjordes? (steg D, IMY fråga 30)",
        "Bad vårdnadshavarna i 7A radera mejlet och bekräfta det",
    );
    type_answer(&mut pty, "När gjordes det?", "2026-03-27 09:30");
    type_answer(
        &mut pty,
        "Något mer som gjordes? (tomt svar: klart)",
        "Alla 24 vårdnadshavare i 7A har bekräftat att mejlet är raderat",
    );
    type_answer(&mut pty, "När gjordes det?", "2026-03-27 11:45");
    pty.answer("Något mer som gjordes? (tomt svar: klart)", ENTER);

    // Step E: one measure, owned by the principal (offered), due on a typed date.
    pty.answer("Gå vidare med steg E", JA);
    type_answer(
        &mut pty,
        "Planerad åtgärd (steg E)",
        "Utskick av omdömen går via lärplattformen, inte e-post",
    );
    pty.expect("Syfte");
    pty.answer(
        "Förebygga att det händer igen",
        &format!("{ARROW_DOWN}{ENTER}"),
    );
    pty.answer("Vem ansvarar för åtgärden? (Rut Rektorsson)", ENTER);
    type_answer(&mut pty, "Klar senast", "2026-04-24");
    pty.answer("Ännu en planerad åtgärd? (tomt svar: klart)", ENTER);

    // Step F: the text for IMY first, then the submission. A medium risk: the data
    // subjects need not be informed (GDPR Art. 34(1) asks it of a high risk).
    pty.answer("Gå vidare med steg F", JA);
    pty.answer("Visa texten till IMY:s e-tjänst nu?", JA);
    pty.expect("Anmäl personuppgiftsincident");
    pty.answer("Har anmälan skickats in till IMY?", JA);
    type_answer(&mut pty, "IMY:s diarienummer", "DI-2026-1234");
    pty.answer("Kommer ni att komplettera anmälan? (IMY fråga 36)", NEJ);

    // Steps G–H: the measure is done, then the closing itself.
    pty.answer("Gå vidare med steg G", JA);
    pty.expect("Åtgärd 1: Utskick av omdömen går via lärplattformen");
    pty.answer("Klar", ENTER);
    type_answer(
        &mut pty,
        "Grundorsaksanalys: varför hände det?",
        "Fel sändlista vald i e-postprogrammet",
    );
    type_answer(
        &mut pty,
        "Lärdomar: vad ändras så att det inte händer igen?",
        "Omdömen skickas inte med e-post",
    );
    pty.expect("Alla steg A–H är klara.");
    assert_eq!(pty.finish(), 0, "{}", pty.terminal());
    let terminal = pty.terminal();
    if std::env::var_os("PTY_WALK_DEBUG").is_some() {
        eprintln!("--- terminal ---\n{terminal}\n---");
    }
    eprintln!(
        "the school case: {} keys pressed, from `incident new` to the closed case",
        pty.keystrokes()
    );
    assert_swedish(&terminal);
    assert_no_question_twice(&terminal);

    // The files and the journal.
    let folder = register.path("incidents/2026/2026-0001");
    let (text, report) = read_yaml(&folder.join("report.yaml"));
    assert_eq!(report["subject_groups"]["keys"][0], "pupils", "{text}");
    assert_eq!(report["verdict"]["kind"], "personal_data_breach", "{text}");
    let (text, notification) = read_yaml(&folder.join("notification.yaml"));
    assert_eq!(notification["imy"]["case_number"], "DI-2026-1234", "{text}");
    let (text, actions) = read_yaml(&folder.join("actions.yaml"));
    assert_eq!(actions["taken"].as_array().map(Vec::len), Some(2), "{text}");
    assert_eq!(actions["planned"][0]["status"], "done", "{text}");
    assert_eq!(actions["planned"][0]["owner"], "Rut Rektorsson", "{text}");
    assert!(folder.join("closure.yaml").exists());
    let repo = register.repo();
    assert_clean(&repo);
    // One entry per recorded step: the report, the assessment, two actions, the measure,
    // IMY, the measure done, the closing; and the register's first.
    assert_eq!(register.commit_count(), 9);
    let _ = ID;
}

#[test]
fn the_vendor_case_from_report_to_closed_case_in_swedish() {
    let register = PtyRegister::init_in("sv", "Dora Dataskydd");
    let mut pty = register.spawn_swedish(&["new"]);

    type_answer(
        &mut pty,
        "Vad har ni observerat? Hur yttrar sig incidenten?",
        "En kund ringde supporten: schemat visade elever från en annan skola",
    );
    type_answer(
        &mut pty,
        "Kort rubrik för listor",
        "Schemat visade fel skolas elever",
    );
    type_answer(
        &mut pty,
        "När inträffade incidenten? (IMY fråga 10)",
        "2026-03-27 07:00",
    );
    pty.answer("Eventuell kommentar", ENTER);
    type_answer(
        &mut pty,
        "När upptäckte ni incidenten? (IMY fråga 11)",
        "2026-03-27 08:40",
    );
    pty.answer("Eventuell kommentar", ENTER);
    type_answer(&mut pty, "Vem upptäckte incidenten?", "Supporten");
    pty.answer("Steg A: har ansvarig chef informerats?", JA);
    type_answer(&mut pty, "Chefens namn", "Ivar Incidentansvarig");
    type_answer(&mut pty, "När informerades chefen?", "2026-03-27 08:50");
    pty.answer("Eventuell kommentar", ENTER);
    pty.answer("Steg B: har dataskyddsombudet kontaktats?", JA);
    pty.answer("Dataskyddsombudets namn (Dora Dataskydd)", ENTER);
    type_answer(
        &mut pty,
        "När kontaktades dataskyddsombudet?",
        "2026-03-27 09:10",
    );
    pty.answer("Eventuell kommentar", ENTER);
    pty.expect("Vad har hänt vid incidenten? (IMY fråga 15)");
    pty.answer("Vet inte än", &format!("{ARROW_DOWN}{ARROW_DOWN}{ENTER}"));
    type_answer(
        &mut pty,
        "Kort beskrivning av incidenten (IMY fråga 16)",
        "Ett fel i en uppdatering av schematjänsten visade en annan kunds elever för lärare i Exempelby",
    );
    pty.expect("Typ av incident (EDPB)");
    pty.answer("Tillgänglighet", &format!("{SPACE}{ENTER}"));
    pty.expect("Varför inträffade incidenten enligt er uppfattning? (IMY fråga 18)");
    pty.answer("Vet inte än", &format!("{ARROW_DOWN}{ENTER}"));
    pty.expect("Hur upptäckte ni incidenten? (IMY fråga 17)");
    pty.answer("Vet inte än", &format!("{ARROW_DOWN}{ARROW_DOWN}{ENTER}"));
    pty.expect("Inom vilken sektor inträffade incidenten? (IMY fråga 19)");
    pty.answer("Vet inte än", &format!("{ARROW_DOWN}{ARROW_DOWN}{ENTER}"));
    pty.expect("Inom vilket verksamhetsområde inträffade incidenten? (IMY fråga 20)");
    pty.answer("Vet inte än", ENTER);
    // Over since the update was rolled back: the resolution can say when.
    pty.expect("Pågår incidenten fortfarande? (IMY fråga 12)");
    pty.answer("Vet inte än", &format!("{ARROW_DOWN}{ARROW_DOWN}{ENTER}"));
    type_answer(&mut pty, "(IMY fråga 13)", "2026-03-27 10:05");
    pty.answer("Eventuell kommentar", ENTER);
    pty.expect("Vilka grupper tillhör de registrerade? (IMY fråga 25)");
    pty.answer(
        "Övrigt:",
        &format!("{}{SPACE}{ENTER}", ARROW_DOWN.repeat(8)),
    );
    type_answer(
        &mut pty,
        "Hur många registrerade har påverkats? (IMY fråga 23)",
        "310",
    );
    type_answer(
        &mut pty,
        "Hur många uppgifter om de registrerade har påverkats totalt? (IMY fråga 24)",
        "310",
    );
    pty.expect("Vilken sorts personuppgifter har incidenten drabbat? (IMY fråga 26)");
    pty.answer(
        "Övrigt:",
        &format!("{}{SPACE}{ENTER}", ARROW_DOWN.repeat(15)),
    );
    pty.expect("Var personuppgifterna krypterade? (IMY fråga 27)");
    pty.answer("Vet inte än", &format!("{ARROW_DOWN}{ARROW_DOWN}{ENTER}"));
    pty.expect("Vad kan bli konsekvenserna av incidenten? (IMY fråga 28)");
    pty.answer("Övrigt:", &format!("{SPACE}{ENTER}"));
    pty.expect("(IMY fråga 21)");
    pty.answer("Vet inte än", &format!("{ARROW_DOWN}{ARROW_DOWN}{ENTER}"));
    // The vendor is the processor: it notifies its customer, the controller.
    pty.expect("Er roll för behandlingen");
    pty.answer("Personuppgiftsbiträde", &format!("{ARROW_DOWN}{ENTER}"));
    type_answer(
        &mut pty,
        "Den personuppgiftsansvariges namn",
        "Exempelby kommun",
    );
    pty.expect("Vad är det?");
    pty.answer("säkerhetsskyddsincident", &format!("{ARROW_DOWN}{ENTER}"));
    type_answer(
        &mut pty,
        "Motivering: vad som har konstaterats och av vem",
        "Elevers namn visades för fel kunds lärare",
    );

    pty.answer("Gå vidare med steg C", JA);
    pty.expect("Vilken är den känsligaste kategorin av uppgifter? (DPC)");
    pty.select_default("Enkla: biografiska uppgifter");
    pty.expect("Förslag: 2: barn eller särskilt utsatta personer finns bland de registrerade");
    pty.expect("Poäng efter sammanhanget (ENISA tabell 1)");
    pty.select_default("2: mängden uppgifter");
    pty.answer(
        "(Barn eller särskilt utsatta personer finns bland de registrerade",
        ENTER,
    );
    pty.expect("Hur lätt kan personerna identifieras? (EI)");
    pty.select_default("1: Maximal");
    // Teachers of another customer: known recipients.
    pty.expect("Förlust av konfidentialitet");
    pty.answer("❯ Ingen", &format!("{ARROW_DOWN}{ENTER}"));
    pty.expect("Förlust av riktighet");
    pty.select_default("Ingen");
    pty.expect("Förlust av tillgänglighet");
    pty.select_default("Ingen");
    pty.answer("Skedde det med uppsåt att skada", ENTER);
    // A processor's assessment is the controller's input, not its notification to IMY.
    pty.expect(
        "Ni är personuppgiftsbiträde: den personuppgiftsansvarige (Exempelby kommun) beslutar om anmälan till IMY (GDPR art. 33.1).",
    );
    pty.answer("Följer ni rekommendationen?", ENTER);
    type_answer(
        &mut pty,
        "Motivering till ställningstagandet (obligatorisk)",
        "Namn på elever nådde lärare hos en annan kund; ingen känslig uppgift",
    );
    pty.answer("Vem gjorde bedömningen?", ENTER);

    pty.answer("Gå vidare med steg D", JA);
    type_answer(
        &mut pty,
        "Vad gjordes? (steg D, IMY fråga 30)",
        "Uppdateringen återställd; schemat visar rätt elever",
    );
    type_answer(&mut pty, "När gjordes det?", "2026-03-27 10:05");
    pty.answer("Något mer som gjordes? (tomt svar: klart)", ENTER);

    pty.answer("Gå vidare med steg E", JA);
    type_answer(
        &mut pty,
        "Planerad åtgärd (steg E)",
        "Test av behörigheter mellan kunder före varje uppdatering",
    );
    pty.expect("Syfte");
    pty.answer(
        "Förebygga att det händer igen",
        &format!("{ARROW_DOWN}{ENTER}"),
    );
    pty.answer("Vem ansvarar för åtgärden? (Ivar Incidentansvarig)", ENTER);
    type_answer(&mut pty, "Klar senast", "2026-04-10");
    pty.answer("Ännu en planerad åtgärd? (tomt svar: klart)", ENTER);

    // Step F of a processor: the customers affected (the controller offered), the
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
    pty.expect("Exempelby kommun");
    pty.answer(
        "Har underrättelsen skickats till Exempelby kommun? (GDPR art. 33.2)",
        JA,
    );
    pty.expect("Har det detaljerade beskedet (konsekvenser, omfattning, åtgärder) skickats till Exempelby kommun?");
    pty.answer("❯ Ja, det är skickat", ENTER);

    pty.answer("Gå vidare med steg G", JA);
    // The resolution to the customer before the case is closed.
    pty.expect("Har beskedet om lösning skickats till Exempelby kommun?");
    pty.answer("❯ Ja, det är skickat", ENTER);
    pty.expect("Åtgärd 1: Test av behörigheter mellan kunder före varje uppdatering");
    pty.answer("Klar", ENTER);
    type_answer(
        &mut pty,
        "Grundorsaksanalys: varför hände det?",
        "Behörighetsfiltret följde inte med i uppdateringen",
    );
    type_answer(
        &mut pty,
        "Lärdomar: vad ändras så att det inte händer igen?",
        "Behörigheter testas automatiskt före varje uppdatering",
    );
    pty.expect("Alla steg A–H är klara.");
    assert_eq!(pty.finish(), 0, "{}", pty.terminal());
    let terminal = pty.terminal();
    if std::env::var_os("PTY_WALK_DEBUG").is_some() {
        eprintln!("--- terminal ---\n{terminal}\n---");
    }
    eprintln!(
        "the vendor case: {} keys pressed, from `incident new` to the closed case",
        pty.keystrokes()
    );
    assert_swedish(&terminal);
    assert_no_question_twice(&terminal);

    let folder = register.path("incidents/2026/2026-0001");
    let (text, report) = read_yaml(&folder.join("report.yaml"));
    assert_eq!(report["role"], "processor", "{text}");
    assert_eq!(report["controller"]["name"], "Exempelby kommun", "{text}");
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
