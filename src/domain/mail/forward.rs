//! A forwarded mail inside a body: the block a mail program writes before the original
//! ("---------- Forwarded message ---------", "-------- Vidarebefordrat meddelande
//! --------", "-----Original Message-----", Outlook's "Från:/Skickat:/Ämne:" lines), whose
//! sender and date are the reporter's and whose body follows it.

use super::headings::unquoted;
use super::when::dates_in;
use crate::domain::moment::Moment;

/// The original message's header as the forwarding mail quotes it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Forwarded {
    pub name: Option<String>,
    pub email: Option<String>,
    /// Its date as written there, read as local time (a zone written after it is not
    /// applied: the block is text, not a header).
    pub date: Option<Moment>,
    pub subject: Option<String>,
    /// The index (into the lines given) where the original's body begins.
    pub body_from: usize,
}

const MARKERS: [&str; 7] = [
    "forwarded message",
    "begin forwarded message",
    "vidarebefordrat meddelande",
    "vidarebefordrat brev",
    "original message",
    "ursprungligt meddelande",
    "originalmeddelande",
];

fn is_marker(line: &str) -> bool {
    let text = unquoted(line)
        .trim()
        .trim_matches(['-', '=', '_', ' ', ':'])
        .to_lowercase();
    !text.is_empty() && text.len() < 60 && MARKERS.iter().any(|m| text == *m)
}

/// The labels of the header lines a mail program writes above a forwarded original.
const LABELS: [&str; 14] = [
    "från",
    "from",
    "datum",
    "date",
    "skickat",
    "sent",
    "ämne",
    "subject",
    "till",
    "to",
    "kopia",
    "cc",
    "svara till",
    "reply-to",
];

/// The label of a header line of the block ("Från", "From", "Skickat", "Date", ...), in
/// lower case, and its value.
fn header_line(line: &str) -> Option<(String, String)> {
    let text = unquoted(line).trim().trim_start_matches(['*', '_']);
    let (label, value) = text.split_once(':')?;
    let label = label.trim().trim_end_matches(['*', '_']).to_lowercase();
    LABELS.contains(&label.as_str()).then(|| {
        (
            label,
            value
                .trim()
                .trim_start_matches(['*', '_'])
                .trim()
                .to_string(),
        )
    })
}

/// The name and address of "Name <a@b>", "\"Name\" <a@b>", "a@b", "Name [mailto:a@b]".
pub fn address(text: &str) -> (Option<String>, Option<String>) {
    let text = text.trim();
    let (name, email) =
        if let (Some(open), Some(close)) = (text.find(['<', '[']), text.rfind(['>', ']'])) {
            let inside = text[open + 1..close.max(open + 1)].trim();
            let inside = inside.strip_prefix("mailto:").unwrap_or(inside);
            (text[..open].to_string(), inside.to_string())
        } else if let Some(word) = text.split_whitespace().find(|w| w.contains('@')) {
            (text.replacen(word, "", 1), word.to_string())
        } else {
            (text.to_string(), String::new())
        };
    let name = name
        .trim()
        .trim_matches(['"', '\'', ',', ' '])
        .trim()
        .to_string();
    let email = email
        .trim_matches(['<', '>', '(', ')', ',', ';', '.'])
        .to_string();
    let valid = email.split_once('@').is_some_and(|(user, host)| {
        !user.is_empty() && !host.is_empty() && !email.chars().any(char::is_whitespace)
    });
    ((!name.is_empty()).then_some(name), valid.then_some(email))
}

/// The forwarded original in `lines`, if the body holds one: its header block after a
/// marker line, or an Outlook block ("Från:" then "Skickat:"/"Ämne:" within a few lines).
pub fn forwarded(lines: &[(usize, &str)]) -> Option<Forwarded> {
    let start = lines
        .iter()
        .position(|(_, l)| is_marker(l))
        .map(|i| i + 1)
        .or_else(|| {
            lines.iter().enumerate().find_map(|(i, (_, line))| {
                let (label, _) = header_line(line)?;
                if label != "från" && label != "from" {
                    return None;
                }
                let dated = lines.iter().skip(i + 1).take(5).any(|(_, l)| {
                    header_line(l).is_some_and(|(label, _)| {
                        matches!(label.as_str(), "skickat" | "sent" | "datum" | "date")
                    })
                });
                dated.then_some(i)
            })
        })?;
    let mut found = Forwarded::default();
    let mut index = start;
    // Blank lines right after the marker come before the block.
    while lines
        .get(index)
        .is_some_and(|(_, l)| unquoted(l).trim().is_empty())
    {
        index += 1;
    }
    while let Some((_, line)) = lines.get(index) {
        let Some((label, value)) = header_line(line) else {
            break;
        };
        match label.as_str() {
            "från" | "from" => (found.name, found.email) = address(&value),
            "datum" | "date" | "skickat" | "sent" => {
                found.date = dates_in(&value).first().map(|f| Moment::on(f.date, f.time));
            }
            "ämne" | "subject" => found.subject = Some(value),
            _ => {}
        }
        index += 1;
    }
    found.body_from = index;
    (found.name.is_some() || found.email.is_some() || found.date.is_some()).then_some(found)
}
