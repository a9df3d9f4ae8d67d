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
    std::fs::read(path).map_err(io_error)
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
    Ok(bytes)
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
        body: message
            .body_text(0)
            .map(|text| text.replace("\r\n", "\n"))
            .unwrap_or_default(),
        attached,
    }
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
}
