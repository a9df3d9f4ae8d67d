//! The persons under "Kontaktuppgifter": one a line ("Anna Svensson, anna@x.se, 070-123 45
//! 67") or one a group of labelled lines ("Namn: …", "E-post: …", "Telefon: …").

use super::forward::address;
use crate::domain::model::settings::Person;

/// A label a contact line may begin with, and what it labels.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Label {
    Name,
    Email,
    Phone,
    Role,
}

fn label_of(line: &str) -> Option<(Label, &str)> {
    let (label, value) = line.split_once(':')?;
    let label = label
        .trim()
        .trim_matches(['*', '_', '-', '•'])
        .trim()
        .to_lowercase();
    let kind = match label.as_str() {
        "namn" | "name" | "kontaktperson" | "contact person" => Label::Name,
        "e-post" | "epost" | "e-postadress" | "epost-adress" | "mejl" | "mail" | "e-mail"
        | "email" => Label::Email,
        "telefon" | "tel" | "tel." | "telefonnummer" | "mobil" | "mobile" | "phone" => Label::Phone,
        "roll" | "role" | "titel" | "title" => Label::Role,
        _ => return None,
    };
    Some((kind, value.trim()))
}

/// A phone number in a text: the longest run of digits, spaces, `+`, `-` and
/// parentheses holding at least six digits.
fn phone_in(text: &str) -> Option<String> {
    let mut best: Option<String> = None;
    let mut run = String::new();
    let flush = |run: &mut String, best: &mut Option<String>| {
        let trimmed = run.trim().trim_matches(['-', ' ']).to_string();
        let digits = trimmed.chars().filter(char::is_ascii_digit).count();
        if digits >= 6 && best.as_ref().is_none_or(|b| b.len() < trimmed.len()) {
            *best = Some(trimmed);
        }
        run.clear();
    };
    for c in text.chars() {
        if c.is_ascii_digit() || matches!(c, '+' | '-' | ' ' | '(' | ')') {
            run.push(c);
        } else {
            flush(&mut run, &mut best);
        }
    }
    flush(&mut run, &mut best);
    best
}

/// One person of a free line: the address, a phone number, and the words left as name.
fn person_of_line(line: &str) -> Option<Person> {
    let (_, email) = address(
        line.split([',', ';', '|', '/'])
            .find(|part| part.contains('@'))
            .unwrap_or(""),
    );
    let phone = phone_in(line);
    let mut name = line.to_string();
    for part in [email.as_deref(), phone.as_deref()].into_iter().flatten() {
        name = name.replacen(part, "", 1);
    }
    let name: String = name
        .split([',', ';', '|', '<', '>', '(', ')', '/'])
        .map(str::trim)
        .filter(|p| !p.is_empty() && !p.eq_ignore_ascii_case("mailto:"))
        .collect::<Vec<_>>()
        .join(", ");
    let name = name
        .trim_matches(|c: char| c == '-' || c == '•' || c == '*' || c.is_whitespace())
        .to_string();
    if email.is_none() && phone.is_none() {
        return None;
    }
    Some(Person {
        name: if name.is_empty() {
            email
                .clone()
                .unwrap_or_else(|| phone.clone().unwrap_or_default())
        } else {
            name
        },
        role: None,
        email,
        phone,
    })
}

/// The persons of a "Kontaktuppgifter" section's lines. A line with neither an address
/// nor a phone number is a name only when labelled; else it is passed over (a greeting).
pub fn contacts(lines: &[&str]) -> Vec<Person> {
    let mut people: Vec<Person> = Vec::new();
    let mut current: Option<Person> = None;
    let blank = || Person {
        name: String::new(),
        role: None,
        email: None,
        phone: None,
    };
    for line in lines.iter().map(|l| l.trim()).filter(|l| !l.is_empty()) {
        if let Some((label, value)) = label_of(line) {
            let person = current.get_or_insert_with(blank);
            let taken = match label {
                Label::Name => !person.name.is_empty(),
                Label::Email => person.email.is_some(),
                Label::Phone => person.phone.is_some(),
                Label::Role => person.role.is_some(),
            };
            if taken {
                people.extend(current.take());
            }
            let person = current.get_or_insert_with(blank);
            match label {
                Label::Name => person.name = value.to_string(),
                Label::Email => person.email = address(value).1,
                Label::Phone => person.phone = phone_in(value),
                Label::Role => person.role = Some(value.to_string()),
            }
        } else if let Some(person) = person_of_line(line) {
            people.extend(current.take());
            people.push(person);
        }
    }
    people.extend(current);
    people
        .into_iter()
        .filter(|p| p.email.is_some() || p.phone.is_some() || !p.name.is_empty())
        .map(|mut p| {
            if p.name.is_empty() {
                p.name = p.email.clone().or(p.phone.clone()).unwrap_or_default();
            }
            p
        })
        .collect()
}
