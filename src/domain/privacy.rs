//! Personal data in the text bound for IMY. A notification to IMY becomes a public record
//! (allmän handling, Tryckfrihetsförordningen 2 kap.), so the register itself must not be
//! the next breach: free text that looks like a Swedish personal identity number, or an
//! e-mail address other than the listed contacts', is flagged for a person to look at.

/// What was found, and on which line of the text (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub line: usize,
    pub kind: FindingKind,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FindingKind {
    PersonalIdentityNumber,
    EmailAddress,
}

/// The personal identity numbers (personnummer, and coordination numbers, samordningsnummer,
/// whose day is raised by 60) and e-mail addresses in `text`, but for the addresses in
/// `allowed` (compared without regard to case).
pub fn find(text: &str, allowed: &[String]) -> Vec<Finding> {
    let mut found = Vec::new();
    for (index, line) in text.lines().enumerate() {
        for number in identity_numbers(line) {
            found.push(Finding {
                line: index + 1,
                kind: FindingKind::PersonalIdentityNumber,
                text: number,
            });
        }
        for address in email_addresses(line) {
            if !allowed.iter().any(|a| a.eq_ignore_ascii_case(&address)) {
                found.push(Finding {
                    line: index + 1,
                    kind: FindingKind::EmailAddress,
                    text: address,
                });
            }
        }
    }
    found
}

/// Runs of digits with at most one `-` or `+` after the date part: YYMMDD-NNNN,
/// YYYYMMDD-NNNN, or the same without the separator; kept when the date is possible and
/// the check digit is right (Skatteverket, SKV 704: the Luhn algorithm over YYMMDDNNN).
fn identity_numbers(line: &str) -> Vec<String> {
    let bytes = line.as_bytes();
    let mut found = Vec::new();
    let mut start = 0;
    while start < bytes.len() {
        if !bytes[start].is_ascii_digit() || (start > 0 && bytes[start - 1].is_ascii_digit()) {
            start += 1;
            continue;
        }
        let mut end = start;
        let mut separators = 0;
        while end < bytes.len()
            && (bytes[end].is_ascii_digit()
                || (matches!(bytes[end], b'-' | b'+')
                    && separators == 0
                    && end + 1 < bytes.len()
                    && bytes[end + 1].is_ascii_digit()))
        {
            if !bytes[end].is_ascii_digit() {
                separators += 1;
            }
            end += 1;
        }
        let candidate = &line[start..end];
        if is_identity_number(candidate) {
            found.push(candidate.to_string());
        }
        start = end.max(start + 1);
    }
    found
}

fn is_identity_number(candidate: &str) -> bool {
    let (date, serial) = match candidate.find(['-', '+']) {
        Some(at) => (&candidate[..at], &candidate[at + 1..]),
        None if candidate.len() == 10 => candidate.split_at(6),
        None if candidate.len() == 12 => candidate.split_at(8),
        None => return false,
    };
    if serial.len() != 4 || !(date.len() == 6 || date.len() == 8) {
        return false;
    }
    let date = &date[date.len() - 6..];
    let number = |text: &str| text.parse::<u32>().unwrap_or(0);
    let month = number(&date[2..4]);
    let day = number(&date[4..6]);
    let day_ok = (1..=31).contains(&day) || (61..=91).contains(&day);
    if !(1..=12).contains(&month) || !day_ok {
        return false;
    }
    let digits: Vec<u32> = format!("{date}{serial}")
        .bytes()
        .map(|b| u32::from(b - b'0'))
        .collect();
    let sum: u32 = digits[..9]
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let product = if i % 2 == 0 { d * 2 } else { *d };
            product / 10 + product % 10
        })
        .sum();
    (10 - sum % 10) % 10 == digits[9]
}

/// Tokens of the form local@domain.tld.
fn email_addresses(line: &str) -> Vec<String> {
    let local = |c: char| c.is_ascii_alphanumeric() || "._%+-".contains(c);
    let domain = |c: char| c.is_ascii_alphanumeric() || ".-".contains(c);
    let mut found = Vec::new();
    for (at, _) in line.match_indices('@') {
        let before = line[..at]
            .char_indices()
            .rev()
            .take_while(|(_, c)| local(*c))
            .last()
            .map_or(at, |(i, _)| i);
        let after = line[at + 1..]
            .char_indices()
            .take_while(|(_, c)| domain(*c))
            .last()
            .map_or(at + 1, |(i, c)| at + 1 + i + c.len_utf8());
        let address = line[before..after].trim_end_matches('.');
        let Some((name, host)) = address.split_once('@') else {
            continue;
        };
        let top = host.rsplit('.').next().unwrap_or_default();
        if !name.is_empty()
            && host.contains('.')
            && top.len() >= 2
            && top.chars().all(|c| c.is_ascii_alphabetic())
        {
            found.push(address.to_string());
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_numbers_need_a_possible_date_and_the_right_check_digit() {
        // Skatteverket's test numbers.
        let cases = [
            (
                "Personnummer 19121212-1212 i bilagan",
                vec!["19121212-1212"],
            ),
            ("121212-1212", vec!["121212-1212"]),
            (
                "1212121212 och 191212121212",
                vec!["1212121212", "191212121212"],
            ),
            ("samordningsnummer 701063-2391", vec!["701063-2391"]),
            ("fel kontrollsiffra 121212-1213", vec![]),
            (
                "ärende IMY-2026-0042, dnr 2021-95, tel 08-123 456 78",
                vec![],
            ),
            ("telefon 0701234567", vec![]),
        ];
        for (text, expected) in cases {
            let found: Vec<String> = find(text, &[]).into_iter().map(|f| f.text).collect();
            assert_eq!(found, expected, "{text}");
        }
    }

    #[test]
    fn e_mail_addresses_but_the_listed_contacts_are_found() {
        let text = "Skickat till anna.svensson@example.se.\nKontakt: dso@kommun.se\nintern@host";
        let found = find(text, &["DSO@kommun.se".to_string()]);
        assert_eq!(
            found,
            vec![Finding {
                line: 1,
                kind: FindingKind::EmailAddress,
                text: "anna.svensson@example.se".into()
            }]
        );
    }
}
