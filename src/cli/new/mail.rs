//! `incident new --from-mail FILE|DIR|-`: a report received by e-mail becomes an incident.
//! The message is read with mail-parser (quoted-printable, base64, any charset, HTML-only
//! bodies turned into text, a forward attached whole), read into a proposal by
//! [`crate::domain::mail`], and recorded with the original kept as evidence in the same
//! journal entry (its SHA-256 and Message-ID as trailers). At a terminal each field read is
//! confirmed or corrected; without one, what could not be read is listed and the command
//! exits with [`exit::TO_COMPLETE`]. A Maildir is taken in one message at a time, one
//! entry each; a message whose Message-ID the journal already names is skipped.

use std::collections::HashMap;
use std::path::Path;

use sha2::{Digest, Sha256};

use super::NewArgs;
use crate::cli::Context;
use crate::cli::prompt::{Prompter, TerminalPrompter};
use crate::cli::ui::Ui;
use crate::domain::event::Event;
use crate::domain::input::{InputError, MailInput};
use crate::domain::mail::{self, Decoded, FORWARDED_FROM, Field, Gap, Proposal, Source};
use crate::domain::model::{Verdict, VerdictKind};
use crate::domain::moment::{Moment, parse_date_and_time};
use crate::domain::steps::Step;
use crate::domain::terminal::for_terminal;
use crate::domain::{Bilingual, IncidentId, Lang};
use crate::error::{Error, Result, exit};
use crate::store::journal::{EVIDENCE, EVIDENCE_SHA256, MESSAGE_ID};
use crate::store::layout::evidence_file;
use crate::store::{Entry, Register};

/// The original message's name in the incident's evidence folder.
const EVIDENCE_NAME: &str = "mail.eml";

const FLAG: &str = "--from-mail";

mod read;
use read::{decode, read_file, read_stdin};

/// What became of one message.
enum Taken {
    /// Recorded; `complete` when nothing was left to fill in.
    Recorded { complete: bool },
    /// Its Message-ID is already in the journal, as this incident.
    Skipped,
}

pub fn run(context: &Context, args: &NewArgs, source: &Path) -> Result<i32> {
    let register = context.open_register()?;
    let ui = context.ui(&register);
    if source == Path::new("-") {
        let bytes = read_stdin()?;
        return one(context, &register, &ui, args, bytes);
    }
    if source.is_dir() {
        return maildir(context, &register, &ui, args, source);
    }
    let bytes = read_file(source)?;
    one(context, &register, &ui, args, bytes)
}

/// One message from a file or standard input.
fn one(
    context: &Context,
    register: &Register,
    ui: &Ui,
    args: &NewArgs,
    bytes: Vec<u8>,
) -> Result<i32> {
    let mut known = taken_in(register)?;
    match take_in(context, register, ui, args, bytes, &mut known)? {
        Taken::Recorded {
            complete: false, ..
        } if !context.interactive => Ok(exit::TO_COMPLETE),
        _ => Ok(exit::OK),
    }
}

/// Every message of a Maildir (`new/`, then `cur/`, each in name order): one incident
/// and one journal entry each.
fn maildir(
    context: &Context,
    register: &Register,
    ui: &Ui,
    args: &NewArgs,
    folder: &Path,
) -> Result<i32> {
    let subfolders = [folder.join("new"), folder.join("cur")];
    if !subfolders.iter().any(|f| f.is_dir()) {
        return Err(Error::bad_input(
            format!("{FLAG} {}", folder.display()),
            InputError::Mail(MailInput::NotAMaildir),
        ));
    }
    let mut files = Vec::new();
    for sub in subfolders.iter().filter(|f| f.is_dir()) {
        for name in crate::store::layout::read_dir_names(sub)? {
            let path = sub.join(&name);
            if !name.starts_with('.') && path.is_file() {
                files.push(path);
            }
        }
    }
    let mut known = taken_in(register)?;
    let (mut taken, mut skipped, mut refused, mut to_complete) = (0, 0, 0, 0);
    for path in files {
        ui.say(&format!("— {}", path.display()));
        let bytes = match read_file(&path) {
            Ok(bytes) => bytes,
            Err(error) => {
                ui.say(&format!(
                    "{} {}",
                    ui.t("Vägrat:", "Refused:"),
                    error.message(ui.lang)
                ));
                refused += 1;
                continue;
            }
        };
        match take_in(context, register, ui, args, bytes, &mut known)? {
            Taken::Skipped => skipped += 1,
            Taken::Recorded { complete, .. } => {
                taken += 1;
                if !complete {
                    to_complete += 1;
                }
            }
        }
    }
    ui.say(&format!(
        "{}: {taken} {}, {skipped} {}, {refused} {}",
        ui.t("Maildir", "Maildir"),
        ui.t("togs in", "taken in"),
        ui.t(
            "hoppades över (redan intagna)",
            "skipped (already taken in)"
        ),
        ui.t("vägrades", "refused"),
    ));
    Ok(if refused > 0 {
        exit::USAGE
    } else if to_complete > 0 && !context.interactive {
        exit::TO_COMPLETE
    } else {
        exit::OK
    })
}

/// The messages already taken in, by Message-ID (see [`id_key`]) and by the SHA-256 of
/// their bytes (`sha256:…`), each with its incident.
fn taken_in(register: &Register) -> Result<HashMap<String, String>> {
    let taken = register.mails_taken_in()?;
    let mut known: HashMap<String, String> = taken
        .message_ids
        .into_iter()
        .map(|(id, incident)| (id_key(&id), incident))
        .collect();
    for (digest, incident) in taken.evidence_digests {
        known.insert(format!("sha256:{digest}"), incident);
    }
    Ok(known)
}

/// A Message-ID as it is compared: without angle brackets, in lower case (a gateway that
/// rewrites the header's case delivers the same message).
fn id_key(id: &str) -> String {
    format!(
        "id:{}",
        id.trim()
            .trim_start_matches('<')
            .trim_end_matches('>')
            .to_lowercase()
    )
}

/// Where a value was read, as the person is told.
fn source_text(source: &Source, lang: Lang) -> String {
    match source {
        Source::Line { number, text } => format!("{} {number}: ”{text}”", lang.pick("rad", "line")),
        Source::WholeBody { from } => format!(
            "{} {from} {}",
            lang.pick("hela brödtexten från rad", "the whole body from line"),
            lang.pick("(inga rubriker ur mallen)", "(no headings of the template)")
        ),
        Source::Header("Subject") => lang.pick("ämnesraden", "the subject").to_string(),
        Source::Header("Date") => lang
            .pick("meddelandets datum", "the message's date")
            .to_string(),
        Source::Header(FORWARDED_FROM) => lang
            .pick(
                "avsändaren (Från, vidarebefordrat)",
                "the sender (From, forwarded)",
            )
            .to_string(),
        Source::Header(header) => format!("{} ({header})", lang.pick("avsändaren", "the sender")),
    }
}

/// Tells what the message gave and what it did not.
fn tell(ui: &Ui, proposal: &Proposal, decoded: &Decoded) {
    let lang = ui.lang;
    let from = decoded
        .from_email
        .as_deref()
        .unwrap_or(ui.t("(ingen avsändare)", "(no sender)"));
    ui.say(&format!(
        "{} {from}{}:",
        ui.t("Läst ur meddelandet från", "Read from the message from"),
        if proposal.forwarded {
            ui.t(
                " (vidarebefordrat: originalets avsändare och datum gäller)",
                " (forwarded: the original's sender and date count)",
            )
        } else {
            ""
        }
    ));
    let mut readings: Vec<_> = proposal.readings.iter().collect();
    readings.sort_by_key(|reading| reading.field);
    for reading in readings {
        ui.say(&format!(
            "  {}: {} — {}",
            reading.field.label(lang),
            reading.value.get(lang),
            source_text(&reading.source, lang)
        ));
    }
    if !proposal.headings {
        ui.say(ui.t(
            "Inga rubriker ur mallen hittades: hela brödtexten blev observationen. Mallen skrivs ut av `incident template mail`.",
            "No headings of the template were found: the whole body became the observation. `incident template mail` prints the template.",
        ));
    }
    if !proposal.gaps.is_empty() {
        ui.say(ui.t("Inte läst ur meddelandet:", "Not read from the message:"));
        for gap in &proposal.gaps {
            ui.say(&format!(
                "  {} ({}): {}",
                gap.field.label(lang),
                gap.field.key(),
                gap.why.get(lang)
            ));
        }
    }
}

/// At a terminal: each field read, confirmed or corrected; the proposed verdict decided
/// by the person or left undecided.
fn confirm(
    journal: Lang,
    ui: &Ui,
    proposal: &mut Proposal,
    stamp: &crate::store::Stamp,
) -> Result<()> {
    let mut prompter = TerminalPrompter::new(ui.lang);
    let draft = &mut proposal.draft;
    let t = |sv: &'static str, en: &'static str| ui.t(sv, en);
    // An answer equal to the default as shown keeps the text as the mail gave it (the
    // prompt shows it made safe for the terminal).
    let kept = |answer: Option<String>, read: &Option<String>| match (answer, read) {
        (Some(answer), Some(read)) if answer == for_terminal(read).trim() => Some(read.clone()),
        (answer, _) => answer,
    };
    let title = prompter.text(t("Rubrik", "Title"), draft.title.as_deref(), true, &|_| {
        Ok(())
    })?;
    draft.title = kept(title, &draft.title).or(draft.title.take());
    let observed = prompter.long_text(
        t(
            "Observation (vad som har observerats)",
            "Observation (what was observed)",
        ),
        draft.observed.as_deref(),
        false,
    )?;
    draft.observed = kept(observed, &draft.observed);
    let check: crate::cli::prompt::Check = &|text| {
        parse_date_and_time(text)
            .map(|_| ())
            .map_err(|problem| problem.describe(ui.lang))
    };
    for (label, slot, required) in [
        (
            t(
                "Upptäcktes (ÅÅÅÅ-MM-DD TT:MM)",
                "Discovered (YYYY-MM-DD HH:MM)",
            ),
            &mut draft.discovered,
            true,
        ),
        (t("Inträffade", "Occurred"), &mut draft.occurred, false),
        (t("Upphörde", "Ended"), &mut draft.ended, false),
    ] {
        let shown = slot.as_ref().map(|m: &Moment| match m.time {
            Some(time) => format!("{} {time}", m.date),
            None => m.date.to_string(),
        });
        let answer = prompter.text(label, shown.as_deref(), required, check)?;
        *slot = match answer {
            Some(text) if Some(&text) == shown.as_ref() => slot.take(),
            Some(text) => {
                let (date, time) =
                    parse_date_and_time(&text).map_err(|p| Error::bad_input(label, p))?;
                Some(Moment {
                    date,
                    time,
                    comment: slot.as_ref().and_then(|m| m.comment.clone()),
                })
            }
            None => None,
        };
    }
    if let Some(ongoing) = draft.ongoing {
        draft.ongoing = Some(prompter.confirm(
            t(
                "Pågår incidenten fortfarande?",
                "Is the incident still going on?",
            ),
            ongoing,
        )?);
    }
    if let Some(words) = &proposal.no_personal_data {
        let question = format!(
            "{} ”{words}”. {}",
            t(
                "Rapporten anger under Påverkan på personuppgifter:",
                "Under Impact on personal data the report says:"
            ),
            t(
                "Avgör ni att inga personuppgifter berörs (no_personal_data; GDPR:s skyldigheter gäller då inte)?",
                "Do you decide that no personal data are affected (no_personal_data; the GDPR's duties then do not apply)?"
            )
        );
        if prompter.confirm(&question, false)? {
            draft.verdict = Some(Verdict {
                kind: VerdictKind::NoPersonalData,
                decided_by: stamp.author.name.clone(),
                decided_at: stamp.when,
                reason: format!(
                    "{} ”{words}”; {}",
                    journal.pick(
                        "Rapporten via e-post anger under Påverkan på personuppgifter",
                        "The report by e-mail says under Impact on personal data"
                    ),
                    journal.pick("bekräftat vid intagningen", "confirmed at intake")
                ),
            });
        }
    }
    Ok(())
}

/// One message taken in: read, told, confirmed at a terminal, recorded with its evidence.
fn take_in(
    context: &Context,
    register: &Register,
    ui: &Ui,
    args: &NewArgs,
    bytes: Vec<u8>,
    known: &mut HashMap<String, String>,
) -> Result<Taken> {
    let decoded = decode(&bytes);
    let digest = format!("{:x}", Sha256::digest(&bytes));
    let already = |what: String, incident: &String| {
        ui.say(&format!(
            "{what} {} {incident}; {}",
            ui.t("är redan intaget som", "was already taken in as"),
            ui.t("hoppas över", "skipped")
        ));
    };
    if let Some(id) = &decoded.message_id
        && let Some(incident) = known.get(&id_key(id))
    {
        already(
            format!("{} <{id}>", ui.t("Meddelandet", "The message")),
            incident,
        );
        return Ok(Taken::Skipped);
    }
    // A reply to a report taken in ("SV: Incidentrapport …", quoting it) belongs to that
    // incident: recording it would make a second incident of the quoted report.
    if let Some(incident) = decoded
        .replies_to
        .iter()
        .find_map(|id| known.get(&id_key(id)))
    {
        let this = match &decoded.message_id {
            Some(id) => format!("{} <{id}>", ui.t("Meddelandet", "The message")),
            None => ui.t("Meddelandet", "The message").to_string(),
        };
        ui.say(&format!(
            "{this} {} {incident}: {} {incident} (`incident log {incident} --action …`, report.yaml).",
            ui.t(
                "svarar på en rapport som är intagen som",
                "replies to a report taken in as"
            ),
            ui.t(
                "ingen ny incident; hoppas över. För in det som står i det i",
                "not a new incident; skipped. Add what it says to"
            ),
        ));
        return Ok(Taken::Skipped);
    }
    if let Some(incident) = known.get(&format!("sha256:{digest}")) {
        already(
            format!(
                "{} {})",
                ui.t("Samma meddelande (SHA-256", "The same message (SHA-256"),
                &digest[..12]
            ),
            incident,
        );
        return Ok(Taken::Skipped);
    }
    let journal_lang = register.settings.register.language;
    let stamp = context.stamp(Some(register))?;
    let mut change = register.start_new(&stamp, context.lock_hold())?;
    let mut proposal = mail::propose(&decoded, register.zone, context.now, journal_lang);
    drop_disagreeing_times(&mut proposal, register.zone);
    // Flags given beside --from-mail override what the message gave.
    super::flags::apply_flags(&mut proposal.draft, args, &stamp)?;
    let draft = &mut proposal.draft;
    if draft.sector.is_none() {
        draft
            .sector
            .clone_from(&register.settings.organisation.sector);
    }
    if draft.area.is_none() {
        draft.area.clone_from(&register.settings.organisation.area);
    }
    tell(ui, &proposal, &decoded);
    if context.interactive {
        confirm(journal_lang, ui, &mut proposal, &stamp)?;
    }
    let draft = proposal.draft.clone();
    let gaps = proposal.gaps.len();
    let title = draft.title.clone().unwrap_or_default();
    let mut entry = Entry::new(Event::Reported { title }, &[Step::A]).with_body(format!(
        "{} {}.",
        journal_lang.pick("Rapport via e-post från", "Report by e-mail from"),
        decoded
            .from_email
            .as_deref()
            .unwrap_or(journal_lang.pick("(ingen avsändare)", "(no sender)"))
    ));
    change.keep_evidence(EVIDENCE_NAME, bytes);
    if let Some(name) = args.customer.as_deref().map(str::trim) {
        if name.is_empty() {
            return Err(Error::bad_input("--customer", InputError::NoCustomerName));
        }
        change.set_notification(customer_listed(name));
    }
    let outcome = {
        // The evidence's path is known once the id is: the trailer names the folder's file.
        entry = entry.with_trailer(EVIDENCE_SHA256, digest.clone());
        if let Some(id) = &decoded.message_id {
            entry = entry.with_trailer(MESSAGE_ID, id.clone());
        }
        entry = entry.with_trailer(
            EVIDENCE,
            format!("{}/{EVIDENCE_NAME}", crate::store::layout::EVIDENCE_FOLDER),
        );
        // What the person gave (flags, answers) that the report's own rules refuse is
        // what to change; no file of the register is invalid (nothing was written).
        change
            .finish(draft.clone(), entry)
            .map_err(|error| match error {
                Error::Invalid { problems, .. }
                    if problems.iter().all(|p| p.file.ends_with("report.yaml")) =>
                {
                    Error::AnswersDisagree { problems }
                }
                other => other,
            })?
    };
    ui.outcome(&outcome);
    let id = outcome.id.clone();
    // A copy of the same message further on (in a Maildir) is skipped too.
    if let Some(message_id) = &decoded.message_id {
        known.insert(id_key(message_id), id.to_string());
    }
    known.insert(format!("sha256:{digest}"), id.to_string());
    ui.out(&id.to_string());
    ui.say(&format!(
        "{} {} (SHA-256 {digest})",
        ui.t(
            "Originalet sparat som bevis:",
            "The original is kept as evidence:"
        ),
        evidence_file(&id, EVIDENCE_NAME)
    ));
    if decoded.message_id.is_none() {
        ui.say(ui.t(
            "Meddelandet har inget Message-ID: en kopia känns igen bara när den är samma bytes (samma SHA-256); en annan sparning av det kan tas in igen.",
            "The message has no Message-ID: a copy is recognised only when it is the same bytes (the same SHA-256); another saving of it may be taken in again.",
        ));
    }
    if let Some(name) = &args.customer {
        ui.say(&format!(
            "{} {} — {} `incident export customer {id} --notice acknowledgement`",
            ui.t("Listad som berörd kund:", "Listed as an affected customer:"),
            name.trim(),
            ui.t(
                "bekräftelsen med ärendenumret:",
                "the acknowledgement with the case number:"
            )
        ));
    }
    if proposal.no_personal_data.is_some() && draft.verdict.is_none() {
        ui.say(&format!(
            "{} `incident verdict {id} no_personal_data --reason \"…\"`",
            ui.t(
                "Förslag, inte beslutat: rapporten anger ”Nej” under Påverkan på personuppgifter. En person avgör:",
                "A proposal, not decided: the report says \"No\" under Impact on personal data. A person decides:"
            )
        ));
    }
    if gaps > 0 {
        ui.say(&format!(
            "{} `incident show {id}`, {} report.yaml {} `incident record`",
            ui.t("Komplettera det som saknas:", "Complete what is missing:"),
            ui.t("ändra", "edit"),
            ui.t("och", "and")
        ));
    }
    Ok(Taken::Recorded {
        complete: gaps == 0,
    })
}

/// Times read from a mail that the report's rules refuse together (an end before the
/// start, a discovery before the occurrence) are left out and listed as gaps, rather than
/// the report refused: the discovery, which the report needs, is kept.
fn drop_disagreeing_times(proposal: &mut Proposal, zone: chrono_tz::Tz) {
    let draft = &mut proposal.draft;
    let Ok(report) = draft.clone().into_report(placeholder_id(draft), Lang::Sv) else {
        return;
    };
    let problems = crate::domain::rules::check_report(&report, None, zone);
    let Some(problem) = problems.iter().find(|p| {
        ["occurred", "ended", "discovered"]
            .iter()
            .any(|key| p.field.starts_with(key))
    }) else {
        return;
    };
    for (field, slot) in [
        (Field::Occurred, &mut draft.occurred),
        (Field::Ended, &mut draft.ended),
    ] {
        if slot.take().is_some() {
            proposal.readings.retain(|reading| reading.field != field);
            proposal.gaps.push(Gap {
                field,
                why: Bilingual::new(
                    format!("utelämnad: {}", problem.text(Lang::Sv)),
                    format!("left out: {}", problem.text(Lang::En)),
                ),
            });
        }
    }
}

/// A notification that lists `name` as an affected customer, with no notice sent yet.
fn customer_listed(name: &str) -> crate::domain::model::Notification {
    crate::domain::model::Notification {
        schema_version: crate::domain::model::SCHEMA_VERSION,
        imy: None,
        data_subjects: None,
        public_communication: None,
        controller_notified_at: None,
        customers: vec![crate::domain::model::notification::CustomerNotices::listed(
            name,
        )],
        nis2: None,
        regime_reports: std::collections::BTreeMap::new(),
    }
}

/// An id of the draft's year, only for checking the report's rules before it has its own.
fn placeholder_id(draft: &crate::domain::draft::ReportDraft) -> IncidentId {
    IncidentId::new(draft.year_of_discovery().unwrap_or(2000), 1)
}
