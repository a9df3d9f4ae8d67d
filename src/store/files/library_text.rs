//! The libraries' errors in both languages: the YAML reader's (serde-saphyr), the TOML
//! reader's and the JSON Schema validator's (jsonschema). The kinds a register file meets
//! are recognised from the error's own data (its variant and fields) and said in Swedish;
//! a kind not recognised keeps the library's English words inside a Swedish frame, so a
//! Swedish reader still sees what is wrong and where. The English is the library's text.

use jsonschema::error::{TypeKind, ValidationErrorKind};
use serde_json::Value;

use super::yaml::register_words;
use crate::domain::id::BadId;
use crate::domain::input::InputError;
use crate::domain::{Bilingual, Lang};

/// A YAML reader's error; `english` is its own message without the location.
pub(super) fn yaml_message(error: &serde_saphyr::Error, english: String) -> Bilingual {
    use serde_saphyr::Error as E;
    let error = innermost(error);
    if let Some(words) = register_words(error) {
        return words;
    }
    let swedish = match error {
        E::SerdeUnknownField {
            field, expected, ..
        } => format!(
            "okänt fält `{field}`; här kan stå {}: rätta stavningen eller ta bort fältet",
            expected.join(", ")
        ),
        E::SerdeMissingField { field, .. } => {
            format!("fältet `{field}` saknas här; lägg till det")
        }
        E::SerdeInvalidType {
            unexpected,
            expected,
            ..
        } => format!(
            "fel sorts värde: {} där det ska stå {}",
            unexpected_sv(unexpected),
            expected_sv(expected)
        ),
        E::SerdeInvalidValue {
            unexpected,
            expected,
            ..
        } => format!(
            "ogiltigt värde: {} där det ska stå {}",
            unexpected_sv(unexpected),
            expected_sv(expected)
        ),
        E::SerdeUnknownVariant {
            variant, expected, ..
        } => format!(
            "okänt värde `{variant}`; här kan stå {}",
            expected.join(", ")
        ),
        E::SerdeInvalidLength { len, expected, .. } => {
            format!("fel antal ({len}) där det ska stå {}", expected_sv(expected))
        }
        // The reader's own structural mismatch: a list where a text goes, say.
        E::Unexpected { expected, .. } => match structure_sv(expected) {
            Some(words) => format!("fel sorts värde: här ska stå {words}"),
            None => format!("fel sorts värde (YAML-läsarens ord): {english}"),
        },
        E::InvalidScalar { ty, .. } => {
            format!("ogiltigt värde: här ska stå {}", expected_sv(ty))
        }
        E::InvalidBooleanStrict { .. } => {
            "ogiltigt sanningsvärde: skriv true eller false".to_string()
        }
        E::NullIntoString { .. } => {
            "värdet är tomt där det ska stå en text: skriv texten, eller ta bort fältet om det får utelämnas".to_string()
        }
        // A value the register's own types refused (a date, a clock time, an id): the
        // message names the value and the form expected.
        E::Message { msg, .. } => {
            if let Some(words) = own_words(msg) {
                return words;
            }
            if let Some(words) = chrono_sv(msg) {
                return Bilingual::new(
                    format!("ogiltigt datum eller klockslag ({words}): skriv datum som ÅÅÅÅ-MM-DD och klockslag som TT:MM"),
                    format!("not a date or clock time that exists ({msg}): write dates as YYYY-MM-DD and clock times as HH:MM"),
                );
            }
            format!("ogiltigt värde: {english}")
        }
        _ => format!("filen kan inte läsas här (YAML-läsarens ord): {english}"),
    };
    Bilingual::new(swedish, english)
}

/// The register's own types refuse a value in their own words (a clock time, an id), which
/// the reader carries as English text: matched against those words, said in Swedish too.
fn own_words(message: &str) -> Option<Bilingual> {
    let text = message.split('`').nth(1)?;
    let clock = InputError::NotAClockTime {
        text: text.to_string(),
    };
    let candidates = [
        (clock.describe(Lang::Sv), clock.describe(Lang::En)),
        (
            BadId::describe(text, Lang::Sv),
            BadId::describe(text, Lang::En),
        ),
    ];
    candidates
        .into_iter()
        .find(|(_, english)| english == message)
        .map(|(swedish, english)| Bilingual::new(swedish, english))
}

/// The error an alias or a snippet wraps, which says what is wrong.
fn innermost(error: &serde_saphyr::Error) -> &serde_saphyr::Error {
    match error.without_snippet() {
        serde_saphyr::Error::AliasError { error, .. } => innermost(error),
        other => other,
    }
}

/// What the reader expected where the structure differed (its own short words).
fn structure_sv(expected: &str) -> Option<&'static str> {
    Some(match expected {
        "string scalar" | "str expected" | "missing string" => "en text",
        "scalar" | "single YAML node" => "ett enkelt värde, inte en lista eller mappning",
        "sequence start" => "en lista (rader som börjar med `- `)",
        "mapping start" => "en mappning (fält: värde)",
        "bool expected" | "missing bool" => "true eller false",
        _ => return None,
    })
}

/// The value found, as serde describes it (`string "x"`, `integer `5``, `sequence`).
fn unexpected_sv(unexpected: &str) -> String {
    const PREFIXES: [(&str, &str); 5] = [
        ("string ", "texten "),
        ("integer ", "heltalet "),
        ("floating point ", "talet "),
        ("boolean ", "sanningsvärdet "),
        ("char ", "tecknet "),
    ];
    for (english, swedish) in PREFIXES {
        if let Some(value) = unexpected.strip_prefix(english) {
            return format!("{swedish}{value}");
        }
    }
    match unexpected {
        "sequence" => "en lista".to_string(),
        "map" => "en mappning (fält: värde)".to_string(),
        "unit value" | "null" => "ett tomt värde".to_string(),
        other => other.to_string(),
    }
}

/// What serde expected, as the type's visitor says it (`a boolean`, `u32`, `struct X`).
fn expected_sv(expected: &str) -> String {
    let words = match expected {
        "a boolean" | "bool" => "true eller false",
        "a string" | "a borrowed string" | "string" => "en text",
        "a sequence" | "a list" => "en lista (rader som börjar med `- `)",
        "a map" => "en mappning (fält: värde)",
        "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "isize"
        | "an integer" => "ett heltal",
        "f32" | "f64" | "a number" => "ett tal",
        "a character" | "char" => "ett tecken",
        _ if expected.starts_with("struct ") => "en mappning (fält: värde)",
        _ if expected.starts_with("enum ") || expected.starts_with("variant ") => {
            "ett av de tillåtna värdena"
        }
        _ => return expected.to_string(),
    };
    words.to_string()
}

/// chrono's parse errors (a date or a time the register's types read), in Swedish.
fn chrono_sv(message: &str) -> Option<&'static str> {
    Some(match message {
        "input is out of range" => "värdet finns inte, t.ex. månad 13 eller 31 april",
        "no possible date and time matching input" => "ingen sådan tidpunkt finns",
        "input is not enough for unique date and time" | "premature end of input" => {
            "det fattas delar"
        }
        "input contains invalid characters" => "otillåtna tecken",
        "trailing input" => "något står efter värdet",
        _ => return None,
    })
}

/// A TOML reader's error (incident.toml): the reader gives text only, so it keeps its
/// words inside a Swedish frame.
pub(super) fn toml_message(english: &str) -> Bilingual {
    Bilingual::new(
        format!("filen kan inte läsas här (TOML-läsarens ord): {english}"),
        english,
    )
}

/// A JSON Schema violation in Swedish, by its kind; `english` is the validator's text.
pub(in crate::store) fn schema_sv(
    kind: &ValidationErrorKind,
    instance: &Value,
    english: &str,
) -> String {
    use ValidationErrorKind as K;
    match kind {
        K::Required { property } => format!("fältet {property} saknas; lägg till det"),
        K::AdditionalProperties { unexpected } | K::UnevaluatedProperties { unexpected } => {
            format!(
                "okänt fält {}: rätta stavningen eller ta bort det",
                unexpected.join(", ")
            )
        }
        K::Type { kind } => format!("{instance} har fel typ: här ska stå {}", types_sv(kind)),
        K::Enum { options } => format!(
            "{instance} är inget av de tillåtna värdena: {}",
            listed(options)
        ),
        K::Constant { expected_value } => format!("{instance} ska vara {expected_value}"),
        K::Minimum { limit } => format!("{instance} är mindre än det minsta tillåtna, {limit}"),
        K::Maximum { limit } => format!("{instance} är större än det största tillåtna, {limit}"),
        K::ExclusiveMinimum { limit } => format!("{instance} måste vara större än {limit}"),
        K::ExclusiveMaximum { limit } => format!("{instance} måste vara mindre än {limit}"),
        K::MinLength { limit } => format!("{instance} är för kort: minst {limit} tecken"),
        K::MaxLength { limit } => format!("{instance} är för lång: högst {limit} tecken"),
        K::MinItems { limit } => format!("listan har för få poster: minst {limit}"),
        K::MaxItems { limit } => format!("listan har för många poster: högst {limit}"),
        K::UniqueItems => "listan har samma post två gånger; behåll en".to_string(),
        K::Format { format } => format!("{instance} har inte formen {}", format_sv(format)),
        K::OneOfNotValid { .. } | K::AnyOf { .. } => {
            format!("{instance} stämmer inte med någon av de tillåtna formerna (se schemat)")
        }
        _ => format!("ogiltigt värde (schemats ord): {english}"),
    }
}

fn types_sv(kind: &TypeKind) -> String {
    let one = |json: jsonschema::JsonType| match json.as_str() {
        "array" => "en lista",
        "boolean" => "true eller false",
        "integer" => "ett heltal",
        "null" => "inget värde",
        "number" => "ett tal",
        "object" => "en mappning (fält: värde)",
        _ => "en text",
    };
    match kind {
        TypeKind::Single(json) => one(*json).to_string(),
        TypeKind::Multiple(set) => set.iter().map(one).collect::<Vec<_>>().join(" eller "),
    }
}

fn format_sv(format: &str) -> String {
    match format {
        "date" => "ett datum ÅÅÅÅ-MM-DD".to_string(),
        "date-time" => "en tidpunkt ÅÅÅÅ-MM-DDTTT:MM:SS+01:00".to_string(),
        "time" => "ett klockslag TT:MM:SS".to_string(),
        "email" => "en e-postadress".to_string(),
        other => other.to_string(),
    }
}

fn listed(options: &Value) -> String {
    match options {
        Value::Array(values) => values
            .iter()
            .map(Value::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code, reason = "read only to provoke the reader's errors")]
    struct Sample {
        title: String,
        count: Option<u32>,
        ongoing: Option<bool>,
        date: Option<chrono::NaiveDate>,
        band: Option<Band>,
        at: Option<crate::domain::ClockTime>,
        id: Option<crate::domain::IncidentId>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum Band {
        Low,
        High,
    }

    /// The reader's message for `text` in both languages.
    fn said(text: &str) -> Bilingual {
        let options = serde_saphyr::options! { strict_booleans: true, with_snippet: false };
        let error = serde_saphyr::from_str_with_options::<Sample>(text, options).unwrap_err();
        yaml_message(&error, error.without_snippet().to_string())
    }

    #[test]
    fn the_readers_common_errors_are_said_in_swedish_from_their_kind() {
        let cases = [
            (
                "title: x\nowner: y\n",
                "okänt fält `owner`; här kan stå title, count",
            ),
            ("count: 3\n", "fältet `title` saknas här"),
            (
                "title: x\ncount: many\n",
                "ogiltigt värde: här ska stå ett heltal",
            ),
            (
                "title: x\nongoing: maybe\n",
                "ogiltigt sanningsvärde: skriv true eller false",
            ),
            (
                "title: x\nband: medium\n",
                "okänt värde `medium`; här kan stå low, high",
            ),
            ("title:\n- a\n", "fel sorts värde: här ska stå en text"),
            (
                "title: x\ndate: 2026-13-01\n",
                "ogiltigt datum eller klockslag (värdet finns inte",
            ),
            (
                "title: x\nat: 25:00\n",
                "`25:00` är inget klockslag: skriv TT:MM",
            ),
            (
                "title: x\nid: abc\n",
                "`abc` är inget incident-id: skriv ÅÅÅÅ-NNNN",
            ),
        ];
        for (text, swedish) in cases {
            let message = said(text);
            assert!(message.sv.contains(swedish), "{text:?}: {message:?}");
            assert_ne!(message.sv, message.en, "{text:?} has one message for both");
        }
    }

    #[test]
    fn an_error_not_recognised_keeps_the_readers_words_in_a_swedish_frame() {
        // A tab where YAML wants spaces: a syntax error, told in the scanner's words.
        let message = said("title: x\n\tcount: 1\n");
        assert!(
            message
                .sv
                .starts_with("filen kan inte läsas här (YAML-läsarens ord): "),
            "{message:?}"
        );
        assert!(message.sv.ends_with(&*message.en), "{message:?}");
    }

    #[test]
    fn schema_violations_are_said_in_swedish_from_their_kind() {
        let schema = serde_json::json!({
            "type": "object",
            "required": ["name"],
            "properties": {
                "count": {"type": "integer", "minimum": 1},
                "kind": {"enum": ["a", "b"]},
                "tags": {"type": "array", "uniqueItems": true},
                "when": {"not": {"type": "string"}}
            }
        });
        let validator = jsonschema::validator_for(&schema).unwrap();
        let value = serde_json::json!({
            "count": 0, "kind": "c", "tags": ["x", "x"], "when": "now"
        });
        let swedish: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| schema_sv(e.kind(), e.instance(), &e.to_string()))
            .collect();
        for expected in [
            "fältet \"name\" saknas; lägg till det",
            "0 är mindre än det minsta tillåtna, 1",
            "\"c\" är inget av de tillåtna värdena: \"a\", \"b\"",
            "listan har samma post två gånger; behåll en",
            "ogiltigt värde (schemats ord): ",
        ] {
            assert!(
                swedish.iter().any(|s| s.starts_with(expected)),
                "{expected}: {swedish:?}"
            );
        }
    }
}
