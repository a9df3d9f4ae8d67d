//! clap's errors for a bad command line in Swedish. clap lets a program format its errors
//! itself ([`clap::error::ErrorFormatter`]) from what it knows of each (the kind and its
//! context: the argument, the value, the valid values, the suggestions); the words around
//! them are written here as clap's own formatter writes them in English. What clap keeps
//! to itself is passed on as it is: the message of an error without context, and the
//! refusal of a parser that is not one of [`crate::cli::args`]'s (those say it in Swedish).

use std::fmt::Write as _;

use clap::builder::StyledStr;
use clap::error::{ContextKind, ContextValue, Error, ErrorFormatter, ErrorKind};

/// Formats clap's errors in Swedish, beginning "fel:" as the tool's own errors do.
pub struct Swedish;

/// `error` told in Swedish.
pub fn in_swedish(error: Error) -> Error<Swedish> {
    error.apply::<Swedish>()
}

impl ErrorFormatter for Swedish {
    fn format_error(error: &Error<Self>) -> StyledStr {
        let mut text = String::from("fel: ");
        if !describe(error, &mut text) {
            text.push_str(fallback(error.kind()));
        }
        let mut suggested = false;
        for (kind, what) in [
            (
                ContextKind::SuggestedSubcommand,
                ("underkommando", "underkommandon"),
            ),
            (ContextKind::SuggestedArg, ("argument", "argument")),
            (ContextKind::SuggestedValue, ("värde", "värden")),
        ] {
            if let Some(similar) = error.get(kind) {
                text.push_str(if suggested { "\n" } else { "\n\n" });
                suggested = true;
                similar_exists(&mut text, what, similar);
            }
        }
        if let Some(ContextValue::StyledStrs(tips)) = error.get(ContextKind::Suggested) {
            if !suggested {
                text.push('\n');
            }
            for tip in tips {
                let tip = tip
                    .to_string()
                    .replace("to pass ", "för att ge ")
                    .replace(" as a value, use ", " som ett värde, skriv ");
                let _ = write!(text, "\n  tips: {tip}");
            }
        }
        if let Some(ContextValue::StyledStr(usage)) = error.get(ContextKind::Usage) {
            let usage = usage.to_string();
            let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage);
            let _ = write!(text, "\n\nAnvändning: {usage}");
        }
        text.push_str("\n\nMer information får du med '--help'.\n");
        StyledStr::from(text)
    }
}

/// The words of an error whose kind has no context to name.
fn fallback(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::InvalidUtf8 => "ett argument är inte giltig UTF-8",
        ErrorKind::ArgumentConflict => "ett argument kan inte användas tillsammans med ett annat",
        ErrorKind::MissingRequiredArgument => "ett argument som krävs saknas",
        ErrorKind::MissingSubcommand => "ett underkommando krävs",
        ErrorKind::UnknownArgument => "ett okänt argument",
        ErrorKind::InvalidSubcommand => "ett okänt underkommando",
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => "ett ogiltigt värde",
        ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            "fel antal värden"
        }
        ErrorKind::NoEquals => "ett likhetstecken behövs",
        _ => "kommandoraden kunde inte läsas",
    }
}

fn string(error: &Error<Swedish>, kind: ContextKind) -> Option<&str> {
    match error.get(kind) {
        Some(ContextValue::String(text)) => Some(text),
        _ => None,
    }
}

fn number(error: &Error<Swedish>, kind: ContextKind) -> Option<isize> {
    match error.get(kind) {
        Some(ContextValue::Number(n)) => Some(*n),
        _ => None,
    }
}

fn values_list(text: &mut String, name: &str, values: Option<&ContextValue>) {
    if let Some(ContextValue::Strings(values)) = values
        && !values.is_empty()
    {
        let _ = write!(text, "\n  [{name}: {}]", values.join(", "));
    }
}

/// The error's own words; false when its context does not have what they need.
fn describe(error: &Error<Swedish>, text: &mut String) -> bool {
    let arg = string(error, ContextKind::InvalidArg);
    let value = string(error, ContextKind::InvalidValue);
    match error.kind() {
        ErrorKind::ArgumentConflict => conflict(error, text),
        ErrorKind::NoEquals => arg.is_some_and(|arg| {
            let _ = write!(
                text,
                "ett likhetstecken behövs när ett värde ges till '{arg}'"
            );
            true
        }),
        ErrorKind::InvalidValue => match (arg, value) {
            (Some(arg), Some("")) => {
                let _ = write!(text, "'{arg}' behöver ett värde men fick inget");
                values_list(text, "möjliga värden", error.get(ContextKind::ValidValue));
                true
            }
            (Some(arg), Some(value)) => {
                let _ = write!(text, "ogiltigt värde '{value}' för '{arg}'");
                values_list(text, "möjliga värden", error.get(ContextKind::ValidValue));
                true
            }
            _ => false,
        },
        ErrorKind::InvalidSubcommand => {
            string(error, ContextKind::InvalidSubcommand).is_some_and(|sub| {
                let _ = write!(text, "okänt underkommando '{sub}'");
                true
            })
        }
        ErrorKind::MissingRequiredArgument => match error.get(ContextKind::InvalidArg) {
            Some(ContextValue::Strings(args)) => {
                text.push_str("följande argument krävs men gavs inte:");
                for arg in args {
                    let _ = write!(text, "\n  {arg}");
                }
                true
            }
            _ => false,
        },
        ErrorKind::MissingSubcommand => {
            string(error, ContextKind::InvalidSubcommand).is_some_and(|command| {
                let _ = write!(text, "'{command}' behöver ett underkommando men fick inget");
                values_list(
                    text,
                    "underkommandon",
                    error.get(ContextKind::ValidSubcommand),
                );
                true
            })
        }
        ErrorKind::TooManyValues => match (arg, value) {
            (Some(arg), Some(value)) => {
                let _ = write!(
                    text,
                    "oväntat värde '{value}' för '{arg}'; inga fler värden väntades"
                );
                true
            }
            _ => false,
        },
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            let expected = number(error, ContextKind::MinValues)
                .or_else(|| number(error, ContextKind::ExpectedNumValues));
            match (arg, number(error, ContextKind::ActualNumValues), expected) {
                (Some(arg), Some(actual), Some(expected)) => {
                    let _ = write!(text, "'{arg}' behöver {expected} värden men fick {actual}");
                    true
                }
                _ => false,
            }
        }
        ErrorKind::ValueValidation => match (arg, value) {
            (Some(arg), Some(value)) => {
                let _ = write!(text, "ogiltigt värde '{value}' för '{arg}'");
                if let Some(source) = std::error::Error::source(error) {
                    match source.downcast_ref::<crate::cli::args::Refusal>() {
                        Some(refusal) => {
                            let _ = write!(text, ": {}", refusal.text(crate::domain::Lang::Sv));
                        }
                        None => {
                            let _ = write!(text, ": {}", other_refusal_in_swedish(source));
                        }
                    }
                }
                true
            }
            _ => false,
        },
        ErrorKind::UnknownArgument => arg.is_some_and(|arg| {
            let _ = write!(text, "okänt argument '{arg}'");
            true
        }),
        _ => false,
    }
}

fn conflict(error: &Error<Swedish>, text: &mut String) -> bool {
    let mut prior = error.get(ContextKind::PriorArg);
    if let Some(arg) = string(error, ContextKind::InvalidArg) {
        if prior == Some(&ContextValue::String(arg.to_string())) {
            prior = None;
            let _ = write!(text, "'{arg}' kan inte anges flera gånger");
        } else {
            let _ = write!(text, "'{arg}' kan inte användas tillsammans med");
        }
    } else if let Some(sub) = string(error, ContextKind::InvalidSubcommand) {
        let _ = write!(
            text,
            "underkommandot '{sub}' kan inte användas tillsammans med"
        );
    } else {
        return false;
    }
    match prior {
        Some(ContextValue::Strings(others)) => {
            text.push(':');
            for other in others {
                let _ = write!(text, "\n  {other}");
            }
        }
        Some(ContextValue::String(other)) => {
            let _ = write!(text, " '{other}'");
        }
        Some(_) => text.push_str(" ett eller flera av de andra argumenten"),
        None => {}
    }
    true
}

/// "tips: det finns ett liknande argument: …", `what` in the singular and the plural.
fn similar_exists(text: &mut String, (one_word, many_words): (&str, &str), similar: &ContextValue) {
    match similar {
        ContextValue::String(one) => {
            let _ = write!(text, "  tips: det finns ett liknande {one_word}: '{one}'");
        }
        ContextValue::Strings(many) if many.len() == 1 => {
            let _ = write!(
                text,
                "  tips: det finns ett liknande {one_word}: '{}'",
                many[0]
            );
        }
        ContextValue::Strings(many) => {
            let quoted: Vec<String> = many.iter().map(|one| format!("'{one}'")).collect();
            let _ = write!(
                text,
                "  tips: det finns liknande {many_words}: {}",
                quoted.join(", ")
            );
        }
        _ => {}
    }
}

/// The refusal of a parser that is not ours (numbers, clap's ranges) in Swedish, as far
/// as it can be told; else as the parser wrote it.
fn other_refusal_in_swedish(source: &(dyn std::error::Error + 'static)) -> String {
    use std::num::IntErrorKind;
    if let Some(error) = source.downcast_ref::<std::num::ParseIntError>() {
        return match error.kind() {
            IntErrorKind::PosOverflow | IntErrorKind::NegOverflow => "talet är för stort".into(),
            _ => "inte ett heltal".into(),
        };
    }
    let english = source.to_string();
    // clap's range check: "9 is not in 1..=4".
    if let Some((value, range)) = english.split_once(" is not in ") {
        return format!("{value} ligger utanför {}", range.replace("..=", "–"));
    }
    english
}
