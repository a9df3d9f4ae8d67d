//! The pending obligations as an iCalendar file (RFC 5545), for Outlook, Thunderbird and
//! Google Calendar: one VEVENT with a VALARM per obligation still open.
//!
//! Why a VEVENT and not a VTODO: Google Calendar does not import to-dos, and Outlook takes
//! a VTODO file in as a task list only; an event with a display alarm is what all three
//! show and ring. The start is the due instant in UTC (Google ignores a TZID it has no
//! VTIMEZONE for; UTC needs none), without an end: a moment, not a block of busy time
//! (RFC 5545 §3.6.1: no DTEND nor DURATION, the event ends where it starts).
//!
//! A re-import updates instead of duplicating: the UID is derived from the incident, the
//! obligation and the register's organisation, never from the moment of export. SEQUENCE
//! is the minutes of the export since 2020 (the fixed clock in tests): the tool keeps no
//! state between exports, so every export counts as a newer revision, and a due time that
//! moved reaches the calendar (clients keep the higher SEQUENCE; RFC 5546 §2.1.4).
//!
//! Pure: the obligations, the incidents, the moment and the language are parameters.

#[cfg(test)]
mod tests;

use chrono::{DateTime, Duration, TimeZone, Utc};
use chrono_tz::Tz;
use icalendar::{Alarm, Calendar, Component, Event, EventLike, EventStatus, Trigger};
use sha2::{Digest, Sha256};

use super::incident::Incident;
use super::lang::Lang;
use super::model::actions::MeasureStatus;
use super::obligations::{Duty, Obligation, State, local};

/// The PRODID of the files the tool writes (RFC 5545 §3.7.3).
pub const PRODID: &str = "-//incident//Personuppgiftsincidenter//SV";

/// The alarm's default lead time: a day before the obligation falls due.
pub const DEFAULT_ALARM_HOURS: u32 = 24;

/// What the calendar is made of.
pub struct CalendarInput<'a> {
    /// The obligations to consider; only the open ones (pending, overdue) become events.
    pub obligations: &'a [Obligation],
    /// The incidents they belong to (titles, planned measures' owners).
    pub incidents: &'a [Incident],
    /// The register's organisation: name and org number (the UIDs' domain part).
    pub organisation: &'a str,
    pub org_number: Option<&'a str>,
    /// The moment of the export (DTSTAMP, SEQUENCE): the clock's, not `--at`'s; the
    /// obligations come with their states.
    pub now: DateTime<Tz>,
    pub lang: Lang,
    /// Hours before the due instant the alarm rings.
    pub alarm_hours: u32,
    /// Only the planned measures this person owns (`--owner`).
    pub owner: Option<&'a str>,
}

/// One event of the calendar, before it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub uid: String,
    pub summary: String,
    pub description: String,
    pub due: DateTime<Utc>,
    pub overdue: bool,
}

/// The events: each open obligation, soonest first; with an owner, only that person's
/// planned measures.
pub fn entries(input: &CalendarInput<'_>) -> Vec<Entry> {
    let domain = register_domain(input.organisation, input.org_number);
    let mut measures_seen: Vec<(String, usize)> = Vec::new();
    let mut entries: Vec<Entry> = input
        .obligations
        .iter()
        .filter(|o| o.state.is_open())
        .filter_map(|obligation| {
            let incident = input
                .incidents
                .iter()
                .find(|i| i.report.id == obligation.incident)?;
            let measure = match &obligation.duty {
                Duty::PlannedMeasure(first_line) => {
                    let found = measure_of(incident, first_line, obligation, &measures_seen);
                    if let Some((number, _)) = &found {
                        measures_seen.push((obligation.incident.to_string(), *number));
                    }
                    found
                }
                _ => None,
            };
            if let Some(owner) = input.owner {
                let owned = measure
                    .as_ref()
                    .and_then(|(_, owner)| owner.as_deref())
                    .is_some_and(|o| same_person(o, owner));
                if !owned {
                    return None;
                }
            }
            Some(entry(input, &domain, incident, obligation, measure))
        })
        .collect();
    entries.sort_by(|a, b| a.due.cmp(&b.due).then_with(|| a.uid.cmp(&b.uid)));
    entries
}

/// The calendar file: CRLF line ends, lines folded at 75 octets, text escaped (RFC 5545
/// §3.1, §3.3.11), by the icalendar crate.
pub fn render(input: &CalendarInput<'_>) -> String {
    let stamp = input.now.with_timezone(&Utc);
    let mut calendar = Calendar::empty();
    calendar
        .append_property(("VERSION", "2.0"))
        .append_property(("PRODID", PRODID))
        .append_property(("CALSCALE", "GREGORIAN"))
        .append_property(("METHOD", "PUBLISH"));
    // X-WR-CALNAME, which the three clients read; the crate escapes it as text (it does
    // not escape RFC 7986's NAME).
    let name = inert(&format!(
        "{}: {}",
        input
            .lang
            .pick("Frister för personuppgiftsincidenter", "Breach deadlines"),
        input.organisation
    ));
    calendar.append_property(("X-WR-CALNAME", name.as_str()));
    let sequence = sequence_of(stamp);
    for entry in entries(input) {
        let reminder = format!(
            "{} {}",
            input.lang.pick("Förfaller:", "Falls due:"),
            entry.summary
        );
        // The crate writes a DTSTAMP and a random UID into every component it has none
        // for, the alarm included: both given, so the same register gives the same file.
        let alarm = Alarm::display(
            &reminder,
            Trigger::before_start(Duration::hours(i64::from(input.alarm_hours))),
        )
        .timestamp(stamp)
        .uid(&format!("{}-alarm", entry.uid))
        // In hours as written (`-PT24H`), not the crate's seconds: what a person reads.
        .append_property(("TRIGGER", format!("-PT{}H", input.alarm_hours).as_str()))
        .done();
        let event = Event::new()
            .uid(&entry.uid)
            .timestamp(stamp)
            .sequence(sequence)
            .summary(&entry.summary)
            .description(&entry.description)
            .starts(entry.due)
            .status(EventStatus::Confirmed)
            .add_property("TRANSP", "TRANSPARENT")
            .alarm(alarm)
            .done();
        calendar.push(event);
    }
    calendar.done().to_string()
}

/// Minutes since 2020-01-01 UTC: grows with every later export, fits a u32 for millennia.
fn sequence_of(stamp: DateTime<Utc>) -> u32 {
    let epoch = Utc.with_ymd_and_hms(2020, 1, 1, 0, 0, 0).single();
    epoch
        .map(|epoch| stamp.signed_duration_since(epoch).num_minutes())
        .and_then(|minutes| u32::try_from(minutes).ok())
        .unwrap_or(0)
}

fn entry(
    input: &CalendarInput<'_>,
    domain: &str,
    incident: &Incident,
    obligation: &Obligation,
    measure: Option<(usize, Option<String>)>,
) -> Entry {
    let lang = input.lang;
    let overdue = obligation.state == State::Overdue;
    // A measure is due on a date and open to the end of that day, the next day's 00:00,
    // which a calendar shows on the next day: its event is the due day's last minute.
    let due = match obligation.duty {
        Duty::PlannedMeasure(_) => obligation.due - Duration::minutes(1),
        _ => obligation.due,
    };
    let title = inert(&incident.report.title);
    let label = inert(&obligation.duty.label(lang));
    let mark = if overdue {
        lang.pick("FÖRSENAD: ", "OVERDUE: ")
    } else {
        ""
    };
    // One line in a calendar's list; the description keeps the title's lines.
    let summary = format!(
        "{mark}{}: {label} – {}",
        obligation.incident,
        title.replace('\n', " ")
    );
    let mut lines = vec![
        format!("{}: {label}", lang.pick("Skyldighet", "Obligation")),
        format!(
            "{}: {} {title}",
            lang.pick("Incident", "Incident"),
            obligation.incident
        ),
        format!(
            "{}: {} ({})",
            lang.pick("Senast", "Due"),
            local(due),
            due.timezone().name()
        ),
        format!(
            "{}: {}",
            lang.pick("Regel", "Rule"),
            rule_text(&obligation.duty, lang)
        ),
        format!(
            "{}: {}",
            lang.pick("Räknas från", "Runs from"),
            local(obligation.runs_from)
        ),
        format!(
            "{}: {}",
            lang.pick("Läge", "State"),
            obligation.state.label(lang)
        ),
    ];
    if let Some((number, owner)) = &measure {
        lines.push(format!(
            "{}: {number}{}",
            lang.pick("Åtgärd nr", "Measure no."),
            owner
                .as_deref()
                .map(|o| format!(", {} {}", lang.pick("ansvarig:", "owner:"), inert(o)))
                .unwrap_or_default()
        ));
    }
    lines.push(format!(
        "{} `incident show {}`",
        lang.pick("Se", "See"),
        obligation.incident
    ));
    Entry {
        uid: uid(domain, obligation, measure.as_ref().map(|(n, _)| *n)),
        summary,
        description: lines.join("\n"),
        due: due.with_timezone(&Utc),
        overdue,
    }
}

/// The rule with its source; the law's 72 hours said where they apply.
fn rule_text(duty: &Duty, lang: Lang) -> String {
    match duty {
        Duty::NotifyImy => lang
            .pick(
                "GDPR art. 33.1: anmälan till IMY inom 72 timmar efter att incidenten blev känd",
                "GDPR Art. 33(1): notify IMY within 72 hours of becoming aware of the breach",
            )
            .to_string(),
        other => other.rule_in(lang).to_string(),
    }
}

/// Stable across exports and clones: the incident, the duty's key (with what tells two of
/// one kind apart), and the register's organisation.
fn uid(domain: &str, obligation: &Obligation, measure: Option<usize>) -> String {
    let detail = match (&obligation.duty, measure) {
        (_, Some(number)) => format!("-{number}"),
        (Duty::InformCustomer { name, .. }, _) => format!("-{}", short_hash(name.trim())),
        (Duty::Report(_, Some(number)), _) => format!("-{number}"),
        _ => String::new(),
    };
    format!(
        "{}-{}{detail}@{domain}",
        obligation.incident,
        obligation.duty.key()
    )
}

/// The UIDs' domain part: the organisation's number (else its name), hashed so that no
/// name travels in an identifier.
fn register_domain(organisation: &str, org_number: Option<&str>) -> String {
    let who = org_number.unwrap_or(organisation).trim();
    format!("{}.incident.invalid", short_hash(who))
}

fn short_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest[..6].iter().map(|b| format!("{b:02x}")).collect()
}

/// The planned measure an obligation stands for: its number (as `incident log --done N`
/// takes it) and its owner. Matched by the first line of its text and its due date; two
/// alike are told apart by the order they come in.
fn measure_of(
    incident: &Incident,
    first_line: &str,
    obligation: &Obligation,
    seen: &[(String, usize)],
) -> Option<(usize, Option<String>)> {
    let id = obligation.incident.to_string();
    let due_day = obligation.due.date_naive().pred_opt()?;
    incident
        .actions
        .as_ref()?
        .planned
        .iter()
        .enumerate()
        .find(|(index, measure)| {
            measure.status == MeasureStatus::Open
                && measure.due == Some(due_day)
                && measure.measure.lines().next().unwrap_or_default() == first_line
                && !seen.contains(&(id.clone(), index + 1))
        })
        .map(|(index, measure)| (index + 1, measure.owner.clone()))
}

fn same_person(recorded: &str, asked: &str) -> bool {
    recorded.trim().to_lowercase() == asked.trim().to_lowercase()
}

/// A person's text made inert for the file: line ends are the format's to escape (the
/// crate writes a newline as `\n`), a carriage return or another control character would
/// break a content line, so it goes (a tab becomes a space).
pub fn inert(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter_map(|c| match c {
            '\n' => Some('\n'),
            '\t' => Some(' '),
            c if c.is_control() => None,
            // Bidirectional overrides would reorder what a reader sees.
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => None,
            c => Some(c),
        })
        .collect()
}
