//! `incident new --from-notice FILE`: the controller's own incident started from its
//! processor's notice file (incident-notice/1, written by `export controller|customer
//! --format json`). The facts come prefilled, the processor is recorded (IMY questions
//! 21–22), the discovery is the receipt of the notice (`--received`, else now), and the
//! notice's sender, id, commit and digest are kept in report.yaml's `from_notice`.

use std::path::Path;

use chrono::Timelike;
use sha2::{Digest, Sha256};

use super::NewArgs;
use crate::cli::Context;
use crate::cli::ui::Ui;
use crate::domain::draft::ReportDraft;
use crate::domain::input::InputError;
use crate::domain::model::Actions;
use crate::domain::moment::{ClockTime, Moment, parse_date_and_time};
use crate::domain::notice::{self, Notice, NoticeProblem};
use crate::domain::{Bilingual, IncidentId};
use crate::error::{Error, Result};
use crate::store::files::read_given;
use crate::store::{Entry, Register};

const FLAG: &str = "--from-notice";

/// The draft of the controller's report from the notice in `path`, and the actions it
/// says were taken: refused (exit 2, nothing recorded) when the file is not a notice this
/// build reads, or when the same incident of the same sender was taken in before.
pub fn draft(
    context: &Context,
    register: &Register,
    ui: &Ui,
    path: &Path,
    args: &NewArgs,
) -> Result<(ReportDraft, Option<Actions>)> {
    let text = read_given(FLAG, path)?;
    let notice = notice::parse(&text).map_err(|problem| refused(path, problem))?;
    if let Some(number) = own_number(register, &notice) {
        return Err(refused(
            path,
            NoticeProblem {
                field: "sender.organisation.org_number".into(),
                message: Bilingual::new(
                    format!(
                        "{number} är organisationsnumret för registrets egen organisation (incident.toml): filen är er egen underrättelse, och ni kan inte vara ert eget personuppgiftsbiträde (IMY fråga 21–22). Mottagaren tar in den i sitt eget register"
                    ),
                    format!(
                        "{number} is the org number of this register's own organisation (incident.toml): the file is your own notice, and you cannot be your own processor (IMY questions 21–22). The receiver takes it in, in its own register"
                    ),
                ),
            },
        ));
    }
    let received = received(context, register, args.received.as_deref())?;
    let digest: String = Sha256::digest(text.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    if let Some(earlier) = taken_in_before(register, &notice)? {
        return Err(refused(
            path,
            NoticeProblem {
                field: "sender.incident".into(),
                message: Bilingual::new(
                    format!(
                        "{} {} är redan intagen som incident {earlier} (report.yaml `from_notice`). Lägg till det nya i den incidenten (`incident edit {earlier}`), eller registrera inget",
                        notice.sender.organisation.name, notice.sender.incident
                    ),
                    format!(
                        "{} {} is already taken in as incident {earlier} (report.yaml `from_notice`). Add what is new to that incident (`incident edit {earlier}`), or record nothing",
                        notice.sender.organisation.name, notice.sender.incident
                    ),
                ),
            },
        ));
    }
    say_what_was_read(ui, register, &notice, &received, args.received.is_some());
    let lang = register.settings.register.language;
    let actions = notice::actions_taken(&notice, register.zone);
    let draft = notice::into_draft(notice, received, digest, register.zone, lang);
    Ok((draft, actions))
}

/// The sender's org number when it is the register's own organisation's (compared by
/// its digits, `556000-0000` and `5560000000` alike).
fn own_number(register: &Register, notice: &Notice) -> Option<String> {
    let digits = |number: &str| -> String { number.chars().filter(char::is_ascii_digit).collect() };
    let theirs = notice.sender.organisation.org_number.as_deref()?;
    let ours = register.settings.organisation.org_number.as_deref()?;
    (!digits(theirs).is_empty() && digits(theirs) == digits(ours)).then(|| theirs.to_string())
}

/// `--processor` replaces the processors the notice named; the sender that notified is
/// the processor involved all the same (IMY questions 21–22), so it stays recorded,
/// first. `--no-processors` is left as given.
pub fn keep_sender(draft: &mut ReportDraft) {
    let Some(origin) = &draft.from_notice else {
        return;
    };
    if draft.processors_involved == Some(false) || draft.processors.contains(&origin.sender) {
        return;
    }
    draft.processors.insert(0, origin.sender.clone());
    draft.processors_involved = Some(true);
}

/// When the notice was received: `--received`, else now in the register's zone (to the
/// minute).
fn received(context: &Context, register: &Register, given: Option<&str>) -> Result<Moment> {
    if let Some(text) = given {
        let (date, time) =
            parse_date_and_time(text).map_err(|problem| Error::bad_input("--received", problem))?;
        return Ok(Moment::on(date, time));
    }
    let now = context.now_at(register);
    Ok(Moment::on(
        now.date_naive(),
        ClockTime::new(now.hour(), now.minute()),
    ))
}

/// The incident that took in the same sender's same incident before, if any. Only the
/// years from the sender's year of discovery on are read: a notice is received after its
/// incident was discovered.
fn taken_in_before(register: &Register, notice: &Notice) -> Result<Option<IncidentId>> {
    let origin = crate::domain::model::provenance::NoticeOrigin {
        format: notice.format.clone(),
        sender: notice.sender.organisation.clone(),
        incident: notice.sender.incident.clone(),
        internal_reference: None,
        commit: None,
        exported_at: notice.exported_at,
        sha256: String::new(),
    };
    let from_year = notice
        .sender
        .incident
        .parse::<IncidentId>()
        .map_or(i32::MIN, |id| id.year());
    let (found, _invalid) = register.map_incidents(
        |id| id.year() >= from_year,
        |incident| {
            incident
                .report
                .from_notice
                .as_ref()
                .filter(|earlier| earlier.same_source(&origin))
                .map(|_| incident.report.id.clone())
        },
    )?;
    Ok(found.into_iter().flatten().min())
}

/// Says which notice was read and from when the 72 hours run.
fn say_what_was_read(
    ui: &Ui,
    register: &Register,
    notice: &Notice,
    received: &Moment,
    given: bool,
) {
    let sender = &notice.sender;
    ui.say(&format!(
        "{} {} ({}), {} {}{}",
        ui.t(
            "Underrättelse från personuppgiftsbiträdet",
            "Notice from the processor"
        ),
        sender.organisation.name,
        sender.organisation.org_number.as_deref().unwrap_or("-"),
        ui.t("dess ärende", "its case"),
        sender.incident,
        sender
            .commit
            .as_deref()
            .map(|commit| format!(" (commit {commit})"))
            .unwrap_or_default()
    ));
    let source = if given {
        ui.t("enligt --received", "as --received gives")
    } else {
        ui.t(
            "nu; ange --received om den kom tidigare",
            "now; give --received if it came earlier",
        )
    };
    ui.say(&format!(
        "{} {received} ({source}). {}",
        ui.t("Mottagen och upptäckt:", "Received and discovered:"),
        ui.t(
            "De 72 timmarna för anmälan till IMY räknas från när ni fick vetskap, alltså när biträdet underrättade er (GDPR art. 33.1; EDPB riktlinjer 9/2022 avsnitt II.A.4).",
            "The 72 hours to notify IMY run from your awareness, that is from when the processor informed you (GDPR Art. 33(1); EDPB Guidelines 9/2022 section II.A.4).",
        )
    ));
    if sender.timezone != register.zone.name() {
        ui.say(&format!(
            "{} {} {} {}{}",
            ui.t(
                "Obs: biträdets klockslag är lokala i",
                "Note: the processor's clock times are local to"
            ),
            sender.timezone,
            ui.t(
                "och är omräknade till registrets tidszon,",
                "and are moved to the register's timezone,"
            ),
            register.zone.name(),
            ui.t(
                " (biträdets egen tid står i kommentaren).",
                " (the processor's own reading is in the comment)."
            )
        ));
    }
}

fn refused(path: &Path, problem: NoticeProblem) -> Error {
    Error::bad_input(
        format!("{FLAG} {}: {}", path.display(), problem.field),
        InputError::UnreadableFile {
            message: problem.message,
        },
    )
}

/// The journal entry of an incident taken in from a notice names the notice: its sender,
/// incident, commit and digest, for `git log` and an auditor.
pub fn with_provenance(entry: Entry, draft: &ReportDraft) -> Entry {
    let Some(origin) = &draft.from_notice else {
        return entry;
    };
    // A name from a file: one line, so that it cannot add trailers of its own.
    let line = |text: &str| text.replace(|c: char| c.is_control(), " ");
    let sender = match &origin.sender.org_number {
        Some(number) => format!("{} ({})", line(&origin.sender.name), line(number)),
        None => line(&origin.sender.name),
    };
    let mut entry = entry
        .with_trailer("Notice-From", sender)
        .with_trailer("Notice-Incident", line(&origin.incident));
    if let Some(commit) = &origin.commit {
        entry = entry.with_trailer("Notice-Commit", line(commit));
    }
    entry.with_trailer("Notice-Sha256", origin.sha256.clone())
}
