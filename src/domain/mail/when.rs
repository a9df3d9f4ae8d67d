//! Dates and times as people write them in a mail, Swedish and ISO: "2026-03-27 10:15",
//! "2026-03-27T10:15", "27/3 2026 kl. 10.15", "27.3.2026", "27 mars 2026 kl 10:15",
//! "March 27, 2026 at 10:15 AM". What is read is a local date and an optional time in the
//! register's zone; nothing is guessed (a date without a year is not read). "igår",
//! "yesterday" and the like are counted from the message's date when it is known.

use chrono::NaiveDate;

use crate::domain::Lang;
use crate::domain::moment::ClockTime;

/// A date (and time) found in a line, at the index of its first word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub date: NaiveDate,
    pub time: Option<ClockTime>,
    pub word: usize,
}

/// The month a word names ("mars", "Mar", "oktober", "Oct."), if any: a word of three
/// letters or more that begins a month's name in Swedish or English.
fn month_of(word: &str) -> Option<u32> {
    let word = word.trim_end_matches(['.', ',']).to_lowercase();
    if word.chars().count() < 3 {
        return None;
    }
    (0..12)
        .find(|&month0| {
            [Lang::Sv, Lang::En]
                .iter()
                .any(|lang| lang.month(month0).to_lowercase().starts_with(&word))
        })
        .map(|month0| month0 + 1)
}

fn number(word: &str) -> Option<u32> {
    let word = word.trim_end_matches(['.', ',', ':']);
    (!word.is_empty() && word.len() <= 4 && word.chars().all(|c| c.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
}

fn year(word: &str) -> Option<i32> {
    let word = word.trim_end_matches(['.', ',', ':', ')']);
    (word.len() == 4 && word.chars().all(|c| c.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
}

/// "10:15", "10.15", "kl10:15" (the caller takes "kl" off), with an optional AM/PM after.
fn clock(word: &str, next: Option<&str>) -> Option<(ClockTime, usize)> {
    let word = word.trim_end_matches([',', ')', ';']);
    let word = word.strip_suffix('.').unwrap_or(word);
    // "10.15-10.30": a span's start.
    let word = word.split(['-', '–']).next().unwrap_or(word);
    // "1:30PM", "1:30pm": the half of the day written together with the time.
    let lower = word.to_ascii_lowercase();
    let (word, joined) = match lower.strip_suffix("pm").or(lower.strip_suffix("am")) {
        Some(_) if word.len() > 2 => (&word[..word.len() - 2], Some(&lower[lower.len() - 2..])),
        _ => (word, None),
    };
    let (hour, rest) = word.split_once([':', '.'])?;
    let minute: String = rest.chars().take(2).collect();
    // Seconds may follow ("10:15:00"); anything else is not a time.
    let after = &rest[minute.len()..];
    if !(after.is_empty() || after.starts_with(':')) {
        return None;
    }
    if hour.is_empty() || hour.len() > 2 || minute.len() != 2 {
        return None;
    }
    let mut hour: u32 = hour.parse().ok()?;
    let minute: u32 = minute.parse().ok()?;
    let mut used = 1;
    // The half of the day after the time, a comma or semicolon after it ("1:30 PM, still").
    let half = match joined {
        Some(half) => Some(half.to_string()),
        None => next.map(|n| n.trim_end_matches([',', ';', ')']).to_lowercase()),
    };
    let extra = usize::from(joined.is_none());
    match half.as_deref() {
        Some("pm" | "p.m." | "pm.") if hour < 12 => {
            hour += 12;
            used += extra;
        }
        Some("am" | "a.m." | "am.") if hour == 12 => {
            hour = 0;
            used += extra;
        }
        Some("am" | "a.m." | "am." | "pm" | "p.m." | "pm.") => used += extra,
        _ => {}
    }
    ClockTime::new(hour, minute).map(|time| (time, used))
}

/// A date in one word: ISO "2026-03-27" (with "T10:15" after it), "27/3/2026",
/// "27/3-2026", "27.3.2026"; or "27/3" whose year is the next word.
fn one_word_date(word: &str, next: Option<&str>) -> Option<(NaiveDate, Option<ClockTime>, usize)> {
    let word = word.trim_end_matches([',', ';', ')']);
    let word = word.trim_start_matches('(');
    if let Some((date, rest)) = word.get(..10).zip(word.get(10..))
        && let Ok(date) = NaiveDate::parse_from_str(date, "%Y-%m-%d")
    {
        let time = rest
            .strip_prefix('T')
            .and_then(|t| clock(t.get(..5).unwrap_or(t), None))
            .map(|(t, _)| t);
        return (rest.is_empty() || rest.starts_with('T') || rest == ".")
            .then_some((date, time, 1));
    }
    let parts: Vec<&str> = word.split(['/', '-', '.']).collect();
    match parts.as_slice() {
        [day, month, year_text] if year_text.len() == 4 => {
            let date = NaiveDate::from_ymd_opt(year(year_text)?, number(month)?, number(day)?)?;
            Some((date, None, 1))
        }
        [day, month] if word.contains('/') => {
            let date = NaiveDate::from_ymd_opt(year(next?)?, number(month)?, number(day)?)?;
            Some((date, None, 2))
        }
        _ => None,
    }
}

/// Every date in a line, each with the time right after it when there is one.
pub fn dates_in(line: &str) -> Vec<Found> {
    dates_in_from(line, None)
}

/// The day a word names counted from `today`, the day the message was written: "idag",
/// "i dag", "today" (0 days back), "igår", "i går", "yesterday" (1), "förrgår", "i förrgår"
/// (2); with the number of words it takes.
fn relative_day(word: &str, next: Option<&str>, today: NaiveDate) -> Option<(NaiveDate, usize)> {
    let clean = |w: &str| w.trim_end_matches([',', '.', ';', ':']).to_lowercase();
    let back = |w: &str| match w {
        "idag" | "today" | "dag" => Some(0),
        "igår" | "yesterday" | "går" => Some(1),
        "förrgår" => Some(2),
        _ => None,
    };
    let word = clean(word);
    let (days, used) = match next.map(clean) {
        Some(next) if word == "i" => (back(&next).filter(|_| next != "idag")?, 2),
        _ if word == "dag" || word == "går" => return None,
        _ => (back(&word)?, 1),
    };
    Some((today - chrono::Days::new(days), used))
}

/// As [`dates_in`], with "idag", "igår", "yesterday"… read as days counted back from
/// `today` when it is known (the message's date).
pub fn dates_in_from(line: &str, today: Option<NaiveDate>) -> Vec<Found> {
    let words: Vec<&str> = line.split_whitespace().collect();
    let mut found = Vec::new();
    let mut index = 0;
    while index < words.len() {
        let at = |i: usize| words.get(i).copied();
        let word = words[index];
        let mut read: Option<(NaiveDate, Option<ClockTime>, usize)> =
            one_word_date(word, at(index + 1));
        let mut needs_time = false;
        if read.is_none()
            && let Some(today) = today
            && let Some((date, used)) = relative_day(word, at(index + 1), today)
        {
            // "i dag" without a time after it is more often "at present" than a date.
            read = Some((date, None, used));
            needs_time = date == today;
        }
        if read.is_none()
            && let Some(day) = number(word)
            && let Some(month) = at(index + 1).and_then(month_of)
            && let Some(year) = at(index + 2).and_then(year)
        {
            read = NaiveDate::from_ymd_opt(year, month, day).map(|d| (d, None, 3));
        }
        if read.is_none()
            && let Some(month) = month_of(word)
            && let Some(day) = at(index + 1).and_then(number)
            && let Some(year) = at(index + 2).and_then(year)
        {
            read = NaiveDate::from_ymd_opt(year, month, day).map(|d| (d, None, 3));
        }
        let Some((date, mut time, used)) = read else {
            index += 1;
            continue;
        };
        let mut next = index + used;
        if time.is_none() {
            // "kl.", "klockan", "at", "," may stand between the date and its time.
            let mut look = next;
            while at(look).is_some_and(|w| {
                matches!(
                    w.to_lowercase().trim_end_matches([',', '.']),
                    "kl" | "klockan"
                        | "at"
                        | "vid"
                        | "ca"
                        | "cirka"
                        | "omkring"
                        | ""
                        | "-"
                        | "–"
                        | "kväll"
                        | "kvällen"
                        | "morse"
                        | "förmiddag"
                        | "förmiddagen"
                        | "eftermiddag"
                        | "eftermiddagen"
                        | "natt"
                        | "morning"
                        | "afternoon"
                        | "evening"
                        | "night"
                        | "in"
                        | "the"
                        | "på"
                )
            }) {
                look += 1;
            }
            if let Some(word) = at(look) {
                let word = word
                    .strip_prefix("kl")
                    .filter(|w| w.starts_with(|c: char| c.is_ascii_digit()))
                    .unwrap_or(word);
                // "kl. 9", "klockan 14": an hour alone, only after the word for the clock.
                let after_kl = (next..look).any(|i| {
                    at(i).is_some_and(|w| {
                        matches!(w.to_lowercase().trim_end_matches('.'), "kl" | "klockan")
                    })
                });
                let hour = after_kl
                    .then(|| word.trim_end_matches([',', '.', ';', ')']))
                    .filter(|w| (1..=2).contains(&w.len()))
                    .and_then(|w| w.parse::<u32>().ok())
                    .and_then(|h| ClockTime::new(h, 0));
                if let Some((clock_time, used)) = clock(word, at(look + 1)) {
                    time = Some(clock_time);
                    next = look + used;
                } else if let Some(hour) = hour {
                    time = Some(hour);
                    next = look + 1;
                }
            }
        }
        if !(needs_time && time.is_none()) {
            found.push(Found {
                date,
                time,
                word: index,
            });
        }
        index = next;
    }
    found
}

/// What a line says of a date in it: when the incident occurred, was discovered, ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Occurred,
    Discovered,
    Ended,
}

/// The role of the date at word `word` of `line`: by the nearest word before it (or,
/// without one, the first word after it) that names one.
pub fn role_of(line: &str, word: usize) -> Option<Role> {
    let words: Vec<String> = line.split_whitespace().map(str::to_lowercase).collect();
    let role = |w: &str| -> Option<Role> {
        const ENDED: [&str; 12] = [
            "upphör",
            "slut",
            "åtgärda",
            "löst",
            "avhjälp",
            "tills",
            "ended",
            "resolved",
            "stopped",
            "fixed",
            "until",
            "restored",
        ];
        const OCCURRED: [&str; 9] = [
            "inträff", "började", "startade", "sedan", "occurr", "start", "began", "happened",
            "since",
        ];
        const DISCOVERED: [&str; 8] = [
            "upptäck", "discover", "notic", "märkte", "först", "first", "observer", "detected",
        ];
        if ENDED.iter().any(|k| w.contains(k)) {
            Some(Role::Ended)
        } else if OCCURRED.iter().any(|k| w.contains(k)) {
            Some(Role::Occurred)
        } else if DISCOVERED.iter().any(|k| w.contains(k)) {
            Some(Role::Discovered)
        } else {
            None
        }
    };
    words[..word.min(words.len())]
        .iter()
        .rev()
        .find_map(|w| role(w))
        .or_else(|| words.iter().skip(word).find_map(|w| role(w)))
}

/// Whether a text says the incident still goes on (`Some(true)`), has stopped
/// (`Some(false)`), or neither.
pub fn ongoing_in(text: &str) -> Option<bool> {
    let text = text.to_lowercase();
    let stopped = [
        "pågår inte",
        "inte längre",
        "ej längre",
        "är över",
        "no longer",
        "not ongoing",
        "has stopped",
        "is over",
    ];
    let going = [
        "pågår",
        "fortfarande",
        "pågående",
        "ongoing",
        "still",
        "continues",
    ];
    if stopped.iter().any(|k| text.contains(k)) {
        Some(false)
    } else if going.iter().any(|k| text.contains(k)) {
        Some(true)
    } else {
        None
    }
}
