//! A report received by e-mail, read into a proposal for a new incident: the vendor's
//! template of five headings (the Boet seed: "Observation och yttrande", "Påverkan",
//! "Påverkan på personuppgifter", "Tid och varaktighet", "Kontaktuppgifter") in Swedish or
//! English, a forwarded original's sender and date, what each field was read from, and
//! what could not be read and why. Pure: the message arrives decoded (the CLI parses the
//! MIME), the time and zone as values.
//!
//! Where each heading goes: the observation is `observed` and the start of `description`
//! (IMY question 16); the impact and the answer on personal data are added to
//! `description` under their headings, so nothing the reporter wrote is left out of the
//! report; "Nej"/"No" on personal data is only a *proposal* of the verdict
//! `no_personal_data` (a person decides it); the times are `occurred`, `discovered`,
//! `ended` and `ongoing`, with the section's text as the discovery's comment; the contacts
//! and the sender are `reported_by`.

mod contacts;
mod forward;
mod headings;
mod reading;
mod template;
#[cfg(test)]
mod tests;
mod when;

use chrono::{DateTime, FixedOffset};
use chrono_tz::Tz;

use crate::domain::draft::ReportDraft;
use crate::domain::model::report::Reporter;
use crate::domain::moment::{ClockTime, Moment};
use crate::domain::{Bilingual, Lang};
pub use headings::Heading;
pub use reading::{Field, Gap, Reading, Source};
pub use template::template;

/// The source of a reporter read from a forward's "Från:/From:" line.
pub const FORWARDED_FROM: &str = "From (forwarded)";

/// A message as the MIME parser decoded it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Decoded {
    pub subject: Option<String>,
    pub from_name: Option<String>,
    pub from_email: Option<String>,
    pub date: Option<DateTime<FixedOffset>>,
    pub message_id: Option<String>,
    /// The Message-IDs of In-Reply-To and References: the messages this one answers.
    pub replies_to: Vec<String>,
    /// The text body (an HTML-only message's HTML already turned into text).
    pub body: String,
    /// A message attached whole (message/rfc822): a mail forwarded as an attachment.
    pub attached: Option<Box<Decoded>>,
}

/// What a mail proposes for a new incident.
#[derive(Debug, Clone)]
pub struct Proposal {
    pub draft: ReportDraft,
    /// "Påverkan på personuppgifter: Nej": the verdict `no_personal_data` proposed, with
    /// the reporter's words; never recorded without a person's decision.
    pub no_personal_data: Option<String>,
    pub readings: Vec<Reading>,
    pub gaps: Vec<Gap>,
    /// Whether any of the template's headings was found.
    pub headings: bool,
    /// Whether the report is a forwarded original (in the body or attached).
    pub forwarded: bool,
}

/// Subject prefixes of replies and forwards, Swedish and English mail programs.
const PREFIXES: [&str; 9] = [
    "fwd:", "fw:", "vb:", "vs:", "re:", "sv:", "aw:", "wg:", "tr:",
];

/// The title a subject gives: without reply and forward prefixes and without the
/// template's "Incidentrapport" at its start; `None` when nothing is left.
pub fn title_of_subject(subject: &str) -> Option<String> {
    let mut text = subject.trim();
    let words = ["incidentrapport", "incident report", "incidentreport"];
    loop {
        let lower = text.to_lowercase();
        match PREFIXES.iter().find(|p| lower.starts_with(*p)) {
            Some(prefix) => text = text[prefix.len()..].trim_start(),
            // A mail gateway's tag before the template's word ("[EXTERN] Incidentrapport").
            None => match text.strip_prefix('[').and_then(|t| t.split_once(']')) {
                Some((_, rest)) if words.iter().any(|w| rest.to_lowercase().contains(w)) => {
                    text = rest.trim_start();
                }
                _ => break,
            },
        }
    }
    for word in words {
        if text.to_lowercase().starts_with(word) {
            text = text[word.len()..].trim_start_matches([' ', ':', '-', '–', '—', ',', '.']);
            break;
        }
    }
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// The first line of a text, cut at `limit` characters with an ellipsis.
fn first_line(text: &str, limit: usize) -> Option<String> {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty())?;
    Some(match line.char_indices().nth(limit) {
        Some((index, _)) => format!("{}…", &line[..index]),
        None => line.to_string(),
    })
}

fn moment_shown(moment: &Moment) -> String {
    match moment.time {
        Some(time) => format!("{} {time}", moment.date),
        None => moment.date.to_string(),
    }
}

/// The local moment of an instant in the register's zone.
fn local(instant: DateTime<FixedOffset>, zone: Tz) -> Moment {
    let local = instant.with_timezone(&zone);
    let time = chrono::Timelike::hour(&local);
    let minute = chrono::Timelike::minute(&local);
    Moment::on(local.date_naive(), ClockTime::new(time, minute))
}

/// The proposal of `mail`: the report's fields read from it, the rest listed as gaps.
/// `lang` is the register's (the words added to the stored texts); a discovery the mail
/// does not give is when it was received (its Date), else `now`.
pub fn propose(mail: &Decoded, zone: Tz, now: DateTime<FixedOffset>, lang: Lang) -> Proposal {
    let outer_lines: Vec<(usize, &str)> = mail
        .body
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .collect();
    let outer_sections = headings::sections(&outer_lines);
    // A forward attached whole is the report, unless the forwarding mail holds it itself.
    let (original, forwarded_as_attachment) = match &mail.attached {
        Some(attached) if outer_sections.is_empty() => (attached.as_ref(), true),
        _ => (mail, false),
    };
    let lines: Vec<(usize, &str)> = original
        .body
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .collect();
    let mut readings = Vec::new();
    let mut gaps = Vec::new();
    let mut reporter = Reporter {
        name: original.from_name.clone(),
        email: original.from_email.clone(),
        received_at: original.date,
        contacts: Vec::new(),
    };
    // A Date later than now is the sender's clock, not when the report came: the discovery
    // would put every deadline late. Now is taken instead, and the person told.
    let future = original
        .date
        .filter(|date| *date > now)
        .map(|date| local(date, zone));
    let mut received: Option<(Moment, Source)> = original.date.map(|date| match future {
        Some(_) => (local(now, zone), Source::Header("future")),
        None => (local(date, zone), Source::Header("Date")),
    });
    let mut subject = original.subject.clone();
    let mut body: &[(usize, &str)] = &lines;
    let in_body = if forwarded_as_attachment {
        None
    } else {
        forward::forwarded(&lines)
    };
    if let Some(block) = &in_body {
        // The original's sender is the reporter, and its date when the report was made.
        if block.name.is_some() || block.email.is_some() {
            reporter.name.clone_from(&block.name);
            reporter.email.clone_from(&block.email);
        }
        if let Some(date) = &block.date {
            received = Some((
                date.clone(),
                Source::Line {
                    number: lines
                        .get(block.body_from.saturating_sub(1))
                        .map_or(0, |(n, _)| *n),
                    text: lang
                        .pick(
                            "det vidarebefordrade meddelandets datum",
                            "the forwarded message's date",
                        )
                        .to_string(),
                },
            ));
            // The Date header is the forwarder's; the block's date is text, with no zone.
            reporter.received_at = None;
        }
        if block.subject.is_some() {
            subject.clone_from(&block.subject);
        }
        body = &lines[block.body_from.min(lines.len())..];
    }
    let forwarded = forwarded_as_attachment || in_body.is_some();
    if reporter.name.is_some() || reporter.email.is_some() {
        let shown = match (&reporter.name, &reporter.email) {
            (Some(name), Some(email)) => format!("{name} <{email}>"),
            (Some(one), None) | (None, Some(one)) => one.clone(),
            (None, None) => String::new(),
        };
        readings.push(Reading {
            field: Field::Reporter,
            value: Bilingual::same(shown),
            source: if in_body.is_some() {
                Source::Header(FORWARDED_FROM)
            } else {
                Source::Header("From")
            },
        });
    } else {
        gaps.push(Gap {
            field: Field::Reporter,
            why: Bilingual::new(
                "meddelandet har ingen avsändare",
                "the message has no sender",
            ),
        });
    }

    let sections = headings::sections(body);
    let section = |heading: Heading| {
        sections
            .iter()
            .filter(|s| s.heading == heading)
            .collect::<Vec<_>>()
    };
    let joined = |heading: Heading| -> Option<(String, usize, String)> {
        let found = section(heading);
        let text = found
            .iter()
            .map(|s| s.text())
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n");
        let (number, line) = found.iter().find_map(|s| s.first_line())?;
        Some((text, number, line.to_string()))
    };
    let mut draft = ReportDraft::default();
    let mut description: Vec<String> = Vec::new();

    if sections.is_empty() {
        let text = body
            .iter()
            .map(|(_, l)| headings::unquoted(l).trim_end())
            .collect::<Vec<_>>()
            .join("\n");
        let text = text.trim().to_string();
        if text.is_empty() {
            gaps.push(Gap {
                field: Field::Observed,
                why: Bilingual::new("meddelandet har ingen brödtext", "the message has no body"),
            });
        } else {
            let number = body
                .iter()
                .find(|(_, l)| !l.trim().is_empty())
                .map_or(1, |(n, _)| *n);
            readings.push(Reading {
                field: Field::Observed,
                value: Bilingual::same(first_line(&text, 60).unwrap_or_default()),
                source: Source::WholeBody { from: number },
            });
            draft.observed = Some(text.clone());
            description.push(text);
        }
    }
    // A missing time is told with the discovery it leaves to a default, below.
    for heading in Heading::ALL.into_iter().filter(|h| *h != Heading::Time) {
        if sections.is_empty() {
            break;
        }
        let (sv, en) = heading.title();
        let why = if section(heading).is_empty() {
            Bilingual::new(
                format!("rubriken ”{sv}” saknas i meddelandet"),
                format!("the heading \"{en}\" is not in the message"),
            )
        } else if joined(heading).is_none() {
            Bilingual::new(
                format!("inget står under rubriken ”{sv}”"),
                format!("nothing is written under the heading \"{en}\""),
            )
        } else {
            continue;
        };
        {
            gaps.push(Gap {
                field: match heading {
                    Heading::Observation => Field::Observed,
                    Heading::Impact => Field::Description,
                    Heading::PersonalData => Field::PersonalData,
                    Heading::Time => Field::Discovered,
                    Heading::Contacts => Field::Contacts,
                },
                why,
            });
        }
    }
    if let Some((text, number, line)) = joined(Heading::Observation) {
        readings.push(Reading {
            field: Field::Observed,
            value: Bilingual::same(first_line(&text, 60).unwrap_or_default()),
            source: Source::Line { number, text: line },
        });
        draft.observed = Some(text.clone());
        description.push(text);
    }
    if let Some((text, number, line)) = joined(Heading::Impact) {
        readings.push(Reading {
            field: Field::Description,
            value: Bilingual::same(first_line(&text, 60).unwrap_or_default()),
            source: Source::Line { number, text: line },
        });
        description.push(format!(
            "{}: {text}",
            lang.pick("Påverkan enligt rapporten", "Impact as reported")
        ));
    }
    let mut no_personal_data = None;
    if let Some((text, number, line)) = joined(Heading::PersonalData) {
        let first = text
            .split(|c: char| !c.is_alphanumeric())
            .find(|w| !w.is_empty())
            .unwrap_or("")
            .to_lowercase();
        let source = Source::Line { number, text: line };
        match first.as_str() {
            "nej" | "no" | "inga" | "none" => {
                readings.push(Reading {
                    field: Field::PersonalData,
                    value: Bilingual::new(
                        "Nej: förslag no_personal_data (en person avgör)",
                        "No: proposal no_personal_data (a person decides)",
                    ),
                    source,
                });
                no_personal_data = Some(text.clone());
            }
            "ja" | "yes" => readings.push(Reading {
                field: Field::PersonalData,
                value: Bilingual::new("Ja: inget avgjort", "Yes: nothing decided"),
                source,
            }),
            _ => gaps.push(Gap {
                field: Field::PersonalData,
                why: Bilingual::new(
                    format!("svaret börjar inte med Ja eller Nej (rad {number}); inget avgjort"),
                    format!(
                        "the answer does not begin with Yes or No (line {number}); nothing decided"
                    ),
                ),
            }),
        }
        description.push(format!(
            "{}: {text}",
            lang.pick(
                "Påverkan på personuppgifter enligt rapporten",
                "Impact on personal data as reported"
            )
        ));
    }
    let time_text = joined(Heading::Time).map(|(text, _, _)| text);
    // "igår", "yesterday": counted from the day the message was written (not from a Date
    // later than now, nor from now).
    let today = received
        .as_ref()
        .filter(|(_, source)| !matches!(source, Source::Header("future")))
        .map(|(moment, _)| moment.date);
    for found_section in section(Heading::Time) {
        for (number, line) in &found_section.lines {
            for found in when::dates_in_from(line, today) {
                let moment = Moment::on(found.date, found.time);
                let role = when::role_of(line, found.word).unwrap_or(when::Role::Discovered);
                let (slot, field) = match role {
                    when::Role::Occurred => (&mut draft.occurred, Field::Occurred),
                    when::Role::Discovered => (&mut draft.discovered, Field::Discovered),
                    when::Role::Ended => (&mut draft.ended, Field::Ended),
                };
                if slot.is_none() {
                    readings.push(Reading {
                        field,
                        value: Bilingual::same(moment_shown(&moment)),
                        source: Source::Line {
                            number: *number,
                            text: line.trim().to_string(),
                        },
                    });
                    *slot = Some(moment);
                }
            }
        }
    }
    if let Some(text) = &time_text {
        let (number, line) = section(Heading::Time)
            .iter()
            .find_map(|s| s.first_line())
            .map_or((0, String::new()), |(n, l)| (n, l.to_string()));
        draft.ongoing = when::ongoing_in(text).or(draft.ended.as_ref().map(|_| false));
        match draft.ongoing {
            Some(ongoing) => readings.push(Reading {
                field: Field::Ongoing,
                value: if ongoing {
                    Bilingual::new("ja", "yes")
                } else {
                    Bilingual::new("nej", "no")
                },
                source: Source::Line { number, text: line },
            }),
            None => gaps.push(Gap {
                field: Field::Ongoing,
                why: Bilingual::new(
                    "det står inte om incidenten pågår fortfarande",
                    "it does not say whether the incident is still going on",
                ),
            }),
        }
    }
    match (&mut draft.discovered, received) {
        (Some(discovered), _) => discovered.comment.clone_from(&time_text),
        (None, received) => {
            let (mut moment, source) =
                received.unwrap_or_else(|| (local(now, zone), Source::Header("now")));
            let said = match &source {
                Source::Header("future") => lang.pick(
                    "När rapporten togs in i registret (meddelandets datum ligger efter den tidpunkten: avsändarens klocka); rapporten angav inte när incidenten upptäcktes.",
                    "When the report was taken into the register (the message's date is later than that: the sender's clock); the report did not say when the incident was discovered.",
                ),
                Source::Header("now") => lang.pick(
                    "När rapporten togs in i registret (meddelandet saknar datum); rapporten angav inte när incidenten upptäcktes.",
                    "When the report was taken into the register (the message has no date); the report did not say when the incident was discovered.",
                ),
                Source::Line { .. } => lang.pick(
                    "När rapporten skickades (det vidarebefordrade meddelandets datum); rapporten angav inte när incidenten upptäcktes.",
                    "When the report was sent (the forwarded message's date); the report did not say when the incident was discovered.",
                ),
                _ => lang.pick(
                    "När rapporten togs emot (e-postens datum); rapporten angav inte när incidenten upptäcktes.",
                    "When the report was received (the e-mail's date); the report did not say when the incident was discovered.",
                ),
            };
            moment.comment = Some(match &time_text {
                Some(text) => format!(
                    "{said} {}: {text}",
                    lang.pick("Enligt rapporten", "As reported")
                ),
                None => said.to_string(),
            });
            gaps.push(Gap {
                field: Field::Discovered,
                why: match (source, &future) {
                    (Source::Header("future"), Some(date)) => Bilingual::new(
                        format!(
                            "meddelandets datum, {}, ligger efter nu (avsändarens klocka); satt till nu, {}",
                            moment_shown(date),
                            moment_shown(&moment)
                        ),
                        format!(
                            "the message's date, {}, is later than now (the sender's clock); set to now, {}",
                            moment_shown(date),
                            moment_shown(&moment)
                        ),
                    ),
                    (Source::Header("now"), _) => Bilingual::new(
                        format!("inget datum att läsa; satt till nu, {}", moment_shown(&moment)),
                        format!("no date to read; set to now, {}", moment_shown(&moment)),
                    ),
                    _ if section(Heading::Time).is_empty() => Bilingual::new(
                        format!(
                            "rubriken ”Tid och varaktighet” saknas; satt till när meddelandet togs emot, {}",
                            moment_shown(&moment)
                        ),
                        format!(
                            "the heading \"Time and duration\" is not in the message; set to when the message was received, {}",
                            moment_shown(&moment)
                        ),
                    ),
                    _ => Bilingual::new(
                        format!(
                            "inget datum att läsa under Tid och varaktighet; satt till när meddelandet togs emot, {}",
                            moment_shown(&moment)
                        ),
                        format!(
                            "no date to read under Time and duration; set to when the message was received, {}",
                            moment_shown(&moment)
                        ),
                    ),
                },
            });
            draft.discovered = Some(moment);
        }
    }
    if let Some(found) = section(Heading::Contacts).first() {
        let lines: Vec<&str> = section(Heading::Contacts)
            .iter()
            .flat_map(|s| s.lines.iter().map(|(_, l)| l.as_str()))
            .collect();
        reporter.contacts = contacts::contacts(&lines);
        if reporter.contacts.is_empty() {
            gaps.push(Gap {
                field: Field::Contacts,
                why: Bilingual::new(
                    format!(
                        "ingen e-postadress eller inget telefonnummer under rubriken (rad {})",
                        found.line
                    ),
                    format!(
                        "no e-mail address or phone number under the heading (line {})",
                        found.line
                    ),
                ),
            });
        }
        for person in &reporter.contacts {
            let details: Vec<&str> = [person.email.as_deref(), person.phone.as_deref()]
                .into_iter()
                .flatten()
                .collect();
            let number = found
                .lines
                .iter()
                .find(|(_, l)| details.iter().any(|d| l.contains(d)))
                .map_or(found.line, |(n, _)| *n);
            let text = found
                .lines
                .iter()
                .find(|(n, _)| *n == number)
                .map_or(String::new(), |(_, l)| l.trim().to_string());
            readings.push(Reading {
                field: Field::Contacts,
                value: Bilingual::same(format!("{} ({})", person.name, details.join(", "))),
                source: Source::Line { number, text },
            });
        }
    }
    let title = subject.as_deref().and_then(title_of_subject);
    match title {
        Some(title) => {
            readings.push(Reading {
                field: Field::Title,
                value: Bilingual::same(title.clone()),
                source: Source::Header("Subject"),
            });
            draft.title = Some(title);
        }
        None => {
            let fallback = draft
                .observed
                .as_deref()
                .and_then(|o| first_line(o, 80))
                .unwrap_or_else(|| {
                    lang.pick("Incidentrapport via e-post", "Incident report by e-mail")
                        .to_string()
                });
            gaps.push(Gap {
                field: Field::Title,
                why: Bilingual::new(
                    format!("ämnesraden ger ingen rubrik efter ”Incidentrapport”; satt till ”{fallback}”"),
                    format!("the subject gives no title after \"Incidentrapport\"; set to \"{fallback}\""),
                ),
            });
            draft.title = Some(fallback);
        }
    }
    if !description.is_empty() {
        draft.description = Some(description.join("\n\n"));
    }
    if reporter.name.is_some() || reporter.email.is_some() || !reporter.contacts.is_empty() {
        draft.reported_by = Some(reporter);
    }
    Proposal {
        draft,
        no_personal_data,
        readings,
        gaps,
        headings: !sections.is_empty(),
        forwarded,
    }
}
