//! Reading a message for `new --from-mail`: its size checked against the limit before it
//! is read, then decoded by mail-parser into what the recogniser reads.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::FLAG;
use crate::domain::input::{InputError, MailInput};
use crate::domain::mail::Decoded;
use crate::error::{Error, Result};

/// The largest message taken in, in bytes (25 MiB, what common mail services accept); a
/// larger one is refused before it is parsed.
pub const MAX_MAIL_BYTES: u64 = 25 * 1024 * 1024;

fn too_large(size: u64) -> Error {
    Error::bad_input(
        FLAG,
        InputError::Mail(MailInput::TooLarge {
            size,
            limit: MAX_MAIL_BYTES,
        }),
    )
}

/// Bytes that hold no message at all (nothing but white space) are refused: recorded, they
/// would be an incident of nothing.
fn refuse_empty(bytes: Vec<u8>) -> Result<Vec<u8>> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::bad_input(FLAG, InputError::Mail(MailInput::Empty)));
    }
    Ok(bytes)
}

/// A saved message, refused by its size before a byte is read.
pub(super) fn read_file(path: &Path) -> Result<Vec<u8>> {
    let io_error = |source| Error::Io {
        action: "read",
        path: path.to_path_buf(),
        source,
    };
    let size = std::fs::metadata(path).map_err(io_error)?.len();
    if size > MAX_MAIL_BYTES {
        return Err(too_large(size));
    }
    refuse_empty(std::fs::read(path).map_err(io_error)?)
}

/// A message piped in: read up to the limit; past it the rest is only counted, so that the
/// refusal names the real size without holding it.
pub(super) fn read_stdin() -> Result<Vec<u8>> {
    let io_error = |source| Error::Io {
        action: "read",
        path: PathBuf::from("-"),
        source,
    };
    let mut bytes = Vec::new();
    let mut stdin = std::io::stdin().lock();
    (&mut stdin)
        .take(MAX_MAIL_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if bytes.len() as u64 > MAX_MAIL_BYTES {
        let rest = std::io::copy(&mut stdin, &mut std::io::sink()).map_err(io_error)?;
        return Err(too_large(bytes.len() as u64 + rest));
    }
    refuse_empty(bytes)
}

/// The message decoded; bytes that are no MIME message at all are read as plain text (a
/// report is never refused for its form).
pub fn decode(bytes: &[u8]) -> Decoded {
    match mail_parser::MessageParser::default().parse(bytes) {
        Some(message) => decoded(&message, true),
        None => Decoded {
            body: String::from_utf8_lossy(bytes).into_owned(),
            ..Decoded::default()
        },
    }
}

fn decoded(message: &mail_parser::Message<'_>, outer: bool) -> Decoded {
    let from = message.from().and_then(|address| address.first());
    let attached = if outer {
        message
            .attachments()
            .find_map(|part| part.message())
            .map(|inner| Box::new(decoded(inner, false)))
    } else {
        None
    };
    Decoded {
        subject: message.subject().map(str::to_string),
        from_name: from.and_then(|a| a.name()).map(str::to_string),
        from_email: from.and_then(|a| a.address()).map(str::to_string),
        date: message
            .date()
            .and_then(|date| chrono::DateTime::parse_from_rfc3339(&date.to_rfc3339()).ok()),
        message_id: message
            .message_id()
            .map(str::trim)
            .filter(|id| !id.is_empty() && id.chars().all(|c| c.is_ascii_graphic()))
            .map(str::to_string),
        replies_to: [message.in_reply_to(), message.references()]
            .iter()
            .filter_map(|value| value.as_text_list())
            .flatten()
            .map(|id| id.trim().to_string())
            .filter(|id| !id.is_empty())
            .collect(),
        body: match message.text_part(0).map(|part| &part.body) {
            Some(mail_parser::PartType::Html(html)) => html_text(html),
            _ => message
                .body_text(0)
                .map(|text| text.replace("\r\n", "\n"))
                .unwrap_or_default(),
        },
        attached,
    }
}

/// The tags that begin or end a line in a mail program's HTML (Gmail and Apple Mail write
/// each line as a `<div>`, Outlook's tables a row a line), and those of a table's cells.
const LINE_TAGS: [&str; 16] = [
    "div",
    "tr",
    "li",
    "ul",
    "ol",
    "table",
    "blockquote",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "dd",
    "dt",
    "hr",
];
const CELL_TAGS: [&str; 2] = ["td", "th"];

/// Marks a line begun by a block's tag rather than by a `<br>` (a private-use character).
const SOFT: char = '\u{e000}';

/// An HTML-only body as text, each block on a line of its own: mail-parser's conversion
/// breaks lines only at `<br>` and `</p>`, so a heading in a `<div>` or a table cell would
/// run into its answer ("Observation och yttrandeFel kund syns") and not be found. At most
/// one blank line is kept between blocks, and a no-break space is a space.
fn html_text(html: &str) -> String {
    let mut marked = String::with_capacity(html.len() + html.len() / 8);
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        marked.push_str(&rest[..at]);
        let tag = &rest[at + 1..];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        if LINE_TAGS.contains(&name.as_str()) {
            marked.push_str("<br>");
            marked.push(SOFT);
        } else if CELL_TAGS.contains(&name.as_str()) && !tag.starts_with('/') {
            marked.push(' ');
        }
        marked.push('<');
        rest = tag;
    }
    marked.push_str(rest);
    // `&nbsp;` is how mail editors keep an ordinary space: a space in the report.
    let text = mail_parser::decoders::html::html_to_text(&marked)
        .replace("\r\n", "\n")
        .replace('\u{a0}', " ");
    let mut lines: Vec<String> = Vec::new();
    for raw in text.lines() {
        let soft = raw.contains(SOFT);
        let line = raw.replace(SOFT, "");
        let line = line.trim();
        // A line only a block's tag began holds nothing; a blank line a <br> made is kept,
        // one at most.
        if line.is_empty() && (soft || lines.last().is_none_or(String::is_empty)) {
            continue;
        }
        lines.push(line.to_string());
    }
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    let mut body = lines.join("\n");
    body.push('\n');
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_html_only_message_is_read_as_text() {
        let raw = b"From: a@b.example\r\nSubject: Incidentrapport\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p><b>Observation och yttrande</b></p><p>Fel &amp; brist</p>";
        let decoded = decode(raw);
        assert!(
            decoded.body.contains("Observation och yttrande"),
            "{}",
            decoded.body
        );
        assert!(decoded.body.contains("Fel & brist"), "{}", decoded.body);
        assert!(!decoded.body.contains("<p>"));
    }

    #[test]
    fn html_blocks_and_table_rows_are_lines_of_their_own() {
        let raw = "From: a@b.example\r\nSubject: Incidentrapport\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<div dir=\"ltr\"><div>Observation och yttrande</div><div>Fel&nbsp;kund</div><div><br></div><table><tr><td><b>P&aring;verkan</b></td></tr><tr><td>Ingen</td><td>alls</td></tr></table><p>Tid</p></div>";
        let decoded = decode(raw.as_bytes());
        assert_eq!(
            decoded.body, "Observation och yttrande\nFel kund\n\nPåverkan\nIngen alls\nTid\n",
            "{:?}",
            decoded.body
        );
    }
}
