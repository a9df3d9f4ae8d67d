//! The Swedish descriptions of the commands, keyed by command path (the words after
//! `incident`; "" is `incident` itself), and the Swedish exit code table. The English
//! texts are the derive doc comments in the command modules; a test in [`super`] fails
//! when a command has no Swedish text here, or a text here no command.

/// (command path, about, long about). The long about is given when the English command
/// has one; it begins, as the English does, with the about.
#[rustfmt::skip]
pub(super) const COMMANDS: &[(&str, &str, Option<&str>)] = &[
    ("", "Hantera personuppgiftsincidenter enligt GDPR från första rapport till avslutat ärende, med anmälningstexten till IMY", None),
    ("init", "Skapa ett register: en mapp med incident.toml och ett Git-förråd (eller ta över en mapp med filer)", None),
    ("new", "Rapportera en ny incident (steg A): frågor i tur och ordning, eller flaggor / --from FIL", Some("Rapportera en ny incident (steg A): frågor i tur och ordning, eller flaggor / --from FIL\n\nVarje svar sparas i .drafts/new.yaml när det ges; en rapport som avbröts eller inte kunde registreras erbjuds att fortsätta vid nästa `incident new`.")),
    ("verdict", "Avgör om incidenten alls är en personuppgiftsincident, av vem och varför", Some("Avgör om incidenten alls är en personuppgiftsincident, av vem och varför\n\nUtan bedömning behandlas en incident som en möjlig personuppgiftsincident och de 72 timmarna i GDPR art. 33.1 löper. \"no_personal_data\" och \"not_an_incident\" tar bort GDPR:s skyldigheter (andra regelverk kan ändå gälla); \"security_protection\" skickar ärendet till Säkerhetspolisen (säkerhetsskyddslagen 2018:585) i stället för IMY.")),
    ("aware", "Registrera när ni fick kännedom om incidenten, när det var senare än upptäckten, och varför", Some("Registrera när ni fick kännedom om incidenten, när det var senare än upptäckten, och varför\n\nDe 72 timmarna i GDPR art. 33.1 löper från kännedomen: en rimlig grad av säkerhet om att personuppgifter har röjts eller påverkats, eventuellt efter en kort utredning (EDPB:s riktlinjer 9/2022 p. 31–34). Utan den löper de från upptäckten, det försiktiga standardvalet.")),
    ("assess", "Bedöm risken (steg C) med ENISA:s metod och registrera beslutet och dess motivering", None),
    ("deadlines", "Vad som ska göras och vad som är försenat: öppna incidenters skyldigheter, närmast först (slutkod 5 vid försening)", None),
    ("export", "Exportera en incidents anmälan till IMY (och andra texter)", None),
    ("export imy", "Anmälan till IMY: fråga 1–37 med IMY:s rubriker, klar att klistra in", None),
    ("export letter", "Meddelandet till de registrerade (GDPR art. 34.2), på svenska eller engelska", None),
    ("export report", "Incidentens fullständiga dokumentation för registret (steg G), med den commit den kommer från", None),
    ("customer", "Lista de kunder som en incident berör, innan något meddelande skickats till dem", None),
    ("template", "Skriv ut en mall för att rapportera en incident, som `new --from-mail` läser tillbaka", None),
    ("template mail", "E-postmallen för att rapportera en incident: ämnesraden och de fem rubrikerna, var och en med en ledtråd", None),
    ("customer add", "Lista kunder som berörda innan något meddelande skickats: deras tre meddelanden blir skyldigheter", None),
    ("ended", "Registrera att incidenten är över, och när (IMY fråga 12–13)", Some("Registrera att incidenten är över, och när (IMY fråga 12–13)\n\nBeskedet om lösning till en kund säger när incidenten löstes, så det väntar på detta.")),
    ("export customer", "Ett meddelande till en berörd kund, under rubrikerna i en leverantörs incidentmall", None),
    ("export controller", "Ett personuppgiftsbiträdes meddelande till den personuppgiftsansvarige (GDPR art. 33.2), med det den ansvarige behöver för att anmäla till IMY (art. 33.3)", None),
    ("notified", "Registrera vad som skickats (steg F): anmälan till IMY, en komplettering, att de registrerade informerats", None),
    ("notified imy", "Registrera att anmälan lämnats till IMY (GDPR art. 33)", None),
    ("notified supplement", "Registrera en komplettering som skickats till IMY", None),
    ("notified subjects", "Registrera att de registrerade informerats, kommer att informeras, eller varför inte (GDPR art. 34; IMY fråga 31–35)", None),
    ("notified nis2", "Registrera en rapport till CSIRT om en betydande incident enligt NIS2 (art. 23.4; cybersäkerhetslagen 2025:1506)", None),
    ("notified regime", "Registrera en rapport som skickats enligt ett annat regelverk som registret följer (DORA, CERT-SE)", None),
    ("notified public", "Registrera att allmänheten informerats i stället för varje registrerad, när det skulle kräva oproportionerligt stor ansträngning (GDPR art. 34.3 c)", None),
    ("nis2", "Klassa en incident som betydande enligt NIS2 / cybersäkerhetslagen, eller inte, med skälet", None),
    ("regime", "Klassa en incident in i ett rapporteringsregelverk vid sidan av GDPR (dora, cert_se, nis2), eller ut ur det, med skälet", None),
    ("log", "Logga en åtgärd som vidtagits (steg D), en planerad åtgärd (steg E), eller en åtgärd som är klar eller uppskjuten", None),
    ("contacted", "Registrera att en part underrättats: chefen (A), dataskyddsombudet (B), den personuppgiftsansvarige, en kund", None),
    ("contacted manager", "Den ansvariga chefen har underrättats (steg A)", None),
    ("contacted dpo", "Dataskyddsombudet har kontaktats (steg B)", None),
    ("contacted controller", "Den personuppgiftsansvarige har underrättats, när organisationen är personuppgiftsbiträde (GDPR art. 33.2)", None),
    ("contacted customer", "En kund har fått ett av de tre meddelandena: bekräftelse, detaljerat meddelande, lösning", None),
    ("close", "Avsluta ärendet (steg G och H): åtgärderna avgjorda, grundorsak och lärdomar nedskrivna", None),
    ("reopen", "Öppna ett avslutat ärende igen, med skälet", None),
    ("stats", "Den årliga uppföljningen: antal per slag, orsak, verksamhet, allvarlighet; anmälningstider; öppna åtgärder", None),
    ("next", "Gå igenom nästa öppna steg A–H för en incident, och vidare", None),
    ("list", "Lista incidenterna", None),
    ("show", "Visa en incident: fakta, steg A–H och vad som kommer härnäst", None),
    ("import", "Ta in ett gammalt registers incidenter från ett kalkylblad (CSV), i en journalpost", Some("Ta in ett gammalt registers incidenter från ett kalkylblad (CSV), i en journalpost\n\nEn mappningsfil (TOML) anger varje fälts kolumn. Varje rad läses och kontrolleras innan något registreras; en rad som inte går att importera anges med rad, kolumn och fält, och ingenting importeras utan --skip-invalid. Varje incident får nästa lediga id för sitt upptäcktsår; det gamla id:t sparas i internal_reference.")),
    ("validate", "Kontrollera varje fil i registret mot dess schema och regler", None),
    ("history", "En incidents journal: vem som ändrade vad, när och varför", None),
    ("record", "Registrera filer som ändrats för hand som en journalpost, efter att de kontrollerats", Some("Registrera filer som ändrats för hand som en journalpost, efter att de kontrollerats\n\nÅterskapar också inlämningstaggar (filed/*) som journalens poster namnger men förrådet saknar (en ändring som avbröts före sin tagg, en tagg som tagits bort för hand).")),
    ("verify", "Kontrollera journalen: varje post verktygets, varje fil giltig vid sin post, ingen historik omskriven, varje inlämning på plats, signaturer (slutkod 7 vid en avvikelse)", Some("Kontrollera journalen: varje post verktygets, varje fil giltig vid sin post, ingen historik omskriven, varje inlämning på plats, signaturer (slutkod 7 vid en avvikelse)\n\nGår igenom registrets gren från dess första post; en senare körning kontrollerar bara posterna som gjorts sedan. En granskare kan köra kommandot i en ny klon av registret.")),
    ("sync", "Dela registret via dess Git-server: hämta, slå ihop posterna efter innebörd, skicka", Some("Dela registret via dess Git-server: hämta, slå ihop posterna efter innebörd, skicka\n\nKlonens opublicerade poster görs om ovanpå serverns (var och en behåller sin författare, tid och rubrik); en incident som skapats här och vars id servern har delat ut under tiden får nästa lediga id. Ett fält som fått två olika värden stoppar synkroniseringen innan något skickas: välj med --keep eller i terminalen.")),
    ("clone", "Gör en klon av ett register på en Git-server, förberedd för `incident sync` och `git pull`", None),
    ("merge-driver", "Slå ihop en registerfil åt Git (`git pull`, `git merge`); sätts upp av init, clone och sync", None),
    ("completions", "Skriv ut kompletteringar för skalet", None),
    ("man", "Skriv manualsidorna (roff): en sida per kommando i MAPP, eller huvudsidan till stdout", None),
    ("hook", "Git-krokar för registrets delade server: `hook pre-receive` vägrar det som verktyget skulle vägra", None),
    ("hook pre-receive", "Serverns pre-receive-krok: läser Gits rader `<gammal> <ny> <ref>` på stdin och vägrar att ta emot till registrets gren det som tar bort den, skriver om den, för in ogiltiga filer eller ger två incidenter samma id, och en inlämningstagg (`filed/*`) som tas bort, flyttas eller pekar utanför grenen", None),
];

/// The about of clap's `help` subcommand.
pub(super) const HELP_COMMAND: &str =
    "Visa den här hjälpen, eller hjälpen för de angivna underkommandona";

/// What every exit code means, in Swedish: the words of [`crate::error::exit::TABLE`].
#[rustfmt::skip]
pub(super) const EXIT_CODES: &[(i32, &str)] = &[
    (0, "det gick bra"),
    (1, "en fil i registret är ogiltig, eller `validate` hittade problem"),
    (2, "felaktig användning: okänd flagga, felaktigt värde, svar i en ny rapport som inte går ihop (ingenting skrivs), svar saknas utan terminal, ingen författare"),
    (3, "hittades inte: inget register, ingen sådan incident (felet föreslår närmaste id)"),
    (4, "vägrat: ett befintligt register, handredigerade filer som är ogiltiga, en mapp som inte journalförs, ett steg i fel ordning, ett brev till registrerade som beslutet säger inte ska informeras (`export letter --anyway` skriver det), ett besked om lösning till en kund innan incidenten är över"),
    (5, "`incident deadlines`: något är försenat"),
    (6, "`incident export imy`: svar saknas (`--draft` ger slutkod 0)"),
    (7, "`incident verify`: journalen avviker (en post som inte är verktygets, en ogiltig fil i en post, omskriven historik, en inlämnings tagg som saknas, en osignerad post); varje avvikelse nämner sin commit"),
    (8, "`incident new --from-mail` utan terminal: registrerad, med fält som meddelandet inte gav att komplettera (listade på stderr)"),
    (10, "filsystemet, git eller webbläsaren som skriver ut en PDF misslyckades"),
    (75, "upptaget: ett annat kommando höll registrets lås längre än väntetiden, eller ändrade incidenten under tiden; inget registrerades, kör det igen"),
];
