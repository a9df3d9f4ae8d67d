//! Messages as mail programs store them, for the e-mail intake's tests: headers and a
//! body with CRLF line ends, the template filled in, base64, and taking one in.

use sha2::{Digest, Sha256};

use super::TestRegister;

pub const REPORT: &str = "incidents/2026/2026-0001/report.yaml";
pub const EVIDENCE: &str = "incidents/2026/2026-0001/evidence/mail.eml";

/// A message with `headers` (CRLF line ends, as mail is stored) and `body`.
pub fn message(headers: &[&str], body: &str) -> Vec<u8> {
    let mut text = headers.join("\r\n");
    text.push_str("\r\n\r\n");
    text.push_str(&body.replace('\n', "\r\n"));
    text.into_bytes()
}

pub const TEMPLATE_BODY: &str = "Hej,

Observation och yttrande
En kund såg en annan kunds brukare i en export.

Påverkan
Vi kan inte använda exporten.

Påverkan på personuppgifter
Nej

Tid och varaktighet
Upptäcktes 2026-03-27 10:00. Började 2026-03-26 16:00. Pågår fortfarande.

Kontaktuppgifter
Bo Ansvarig, bo@kund.example, 070-123 45 67

Med vänlig hälsning
Anna
";

pub fn plain() -> Vec<u8> {
    message(
        &[
            "From: Anna Kund <anna@kund.example>",
            "To: support@leverantor.example",
            "Subject: Incidentrapport - Export med fel kunds brukare",
            "Date: Fri, 27 Mar 2026 11:30:00 +0100",
            "Message-ID: <plain-1@kund.example>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
        ],
        TEMPLATE_BODY,
    )
}

/// Writes `bytes` as a message file in the register's parent folder and takes it in.
pub fn take_in(register: &TestRegister, bytes: &[u8], extra: &[&str]) -> std::process::Output {
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), bytes).unwrap();
    let mut args = vec!["new", "--from-mail", file.path().to_str().unwrap()];
    args.extend_from_slice(extra);
    register.cmd().args(&args).output().unwrap()
}

pub fn sha256(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

pub fn trailer<'a>(message: &'a str, key: &str) -> Option<&'a str> {
    message
        .lines()
        .find_map(|line| line.strip_prefix(&format!("{key}: ")))
}

/// Standard base64 with line breaks every 76 characters, as mail programs write it.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out.as_bytes()
        .chunks(76)
        .map(|line| String::from_utf8(line.to_vec()).unwrap())
        .collect::<Vec<_>>()
        .join("\n")
}
