//! Answers to the IMY form's choice questions and counts, stored as stable option keys
//! from the catalogue; the Swedish text is rendered only on export.

use std::marker::PhantomData;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::domain::catalogue::catalogue;
use crate::domain::input::InputError;

/// Ties a choice field to its question in the catalogue, so the schema lists exactly
/// that question's option keys.
pub trait FormQuestion {
    const NUMBER: u8;
}

macro_rules! form_questions {
    ($($name:ident = $number:literal),* $(,)?) => {$(
        #[doc = concat!("IMY question ", stringify!($number), ".")]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
        pub struct $name;
        impl FormQuestion for $name {
            const NUMBER: u8 = $number;
        }
    )*};
}

form_questions!(
    Q15 = 15,
    Q17 = 17,
    Q18 = 18,
    Q19 = 19,
    Q20 = 20,
    Q25 = 25,
    Q26 = 26,
    Q28 = 28,
    Q35 = 35
);

/// One option chosen from an IMY question's list, with a comment where the option needs one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice<Q> {
    pub key: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    #[serde(skip)]
    question: PhantomData<Q>,
}

impl<Q: FormQuestion> Choice<Q> {
    pub fn new(key: impl Into<String>, comment: Option<String>) -> Choice<Q> {
        Choice {
            key: key.into(),
            comment,
            question: PhantomData,
        }
    }

    pub const NUMBER: u8 = Q::NUMBER;
}

/// Several options chosen from an IMY question's list ("Markera alla alternativ som gäller").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Selection<Q> {
    pub keys: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    #[serde(skip)]
    question: PhantomData<Q>,
}

impl<Q: FormQuestion> Selection<Q> {
    pub fn new(keys: Vec<String>, comment: Option<String>) -> Selection<Q> {
        Selection {
            keys,
            comment,
            question: PhantomData,
        }
    }

    pub fn contains(&self, key: &str) -> bool {
        self.keys.iter().any(|k| k == key)
    }

    pub const NUMBER: u8 = Q::NUMBER;
}

fn option_keys_schema(number: u8) -> serde_json::Value {
    let question = catalogue().question(number);
    let keys: Vec<&str> = question.option_keys().collect();
    serde_json::json!({ "type": "string", "enum": keys })
}

fn comment_description(number: u8) -> String {
    let question = catalogue().question(number);
    let needing: Vec<&str> = question
        .options
        .iter()
        .filter(|option| option.needs_comment())
        .map(|option| option.key.as_str())
        .collect();
    format!(
        "Comment; required with {} (the form's \"Övrigt\" or an answer typed as text).",
        needing.join(", ")
    )
}

impl<Q: FormQuestion> JsonSchema for Choice<Q> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        format!("ChoiceQ{}", Q::NUMBER).into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let question = catalogue().question(Q::NUMBER);
        schemars::json_schema!({
            "type": "object",
            "description": format!("IMY question {}: {} One option key.", Q::NUMBER, question.en),
            "properties": {
                "key": option_keys_schema(Q::NUMBER),
                "comment": { "type": "string", "description": comment_description(Q::NUMBER) }
            },
            "required": ["key"],
            "additionalProperties": false
        })
    }
}

impl<Q: FormQuestion> JsonSchema for Selection<Q> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        format!("SelectionQ{}", Q::NUMBER).into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let question = catalogue().question(Q::NUMBER);
        schemars::json_schema!({
            "type": "object",
            "description": format!("IMY question {}: {} All option keys that apply.", Q::NUMBER, question.en),
            "properties": {
                "keys": { "type": "array", "items": option_keys_schema(Q::NUMBER), "uniqueItems": true },
                "comment": { "type": "string", "description": comment_description(Q::NUMBER) }
            },
            "required": ["keys"],
            "additionalProperties": false
        })
    }
}

/// How many data subjects or records (IMY questions 23 and 24): an exact number, or, when
/// it is not known, an interval. Give one of the two.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Count {
    /// The exact number ("Exakt antal").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exact: Option<u64>,
    /// An estimate as an interval, when the exact number is not known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval: Option<Interval>,
}

/// An estimated interval, e.g. 1–10; `to` left out means "or more".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Interval {
    /// Lowest estimate.
    pub from: u64,
    /// Highest estimate; leave out for an open interval ("more than").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<u64>,
}

impl Count {
    pub fn exact(n: u64) -> Count {
        Count {
            exact: Some(n),
            interval: None,
        }
    }

    /// Parses what a person types: `12`, `1-10`, `1 - 10` or `1000+`.
    pub fn parse(text: &str) -> Result<Count, InputError> {
        let text = text.trim();
        let bad = || InputError::NotACount {
            text: text.to_string(),
        };
        let number = |s: &str| {
            s.trim()
                .replace([' ', '\u{a0}'], "")
                .parse::<u64>()
                .map_err(|_| bad())
        };
        if let Some(from) = text.strip_suffix('+') {
            return Ok(Count {
                exact: None,
                interval: Some(Interval {
                    from: number(from)?,
                    to: None,
                }),
            });
        }
        match text.split_once(['-', '–']) {
            Some((from, to)) => Ok(Count {
                exact: None,
                interval: Some(Interval {
                    from: number(from)?,
                    to: Some(number(to)?),
                }),
            }),
            None => Ok(Count::exact(number(text)?)),
        }
    }

    /// The largest number the count allows, for flags such as "more than 100 data subjects".
    pub fn upper_bound(&self) -> Option<u64> {
        self.exact
            .or_else(|| self.interval.as_ref().and_then(|i| i.to))
    }

    pub fn lower_bound(&self) -> Option<u64> {
        self.exact
            .or_else(|| self.interval.as_ref().map(|i| i.from))
    }
}

impl std::fmt::Display for Count {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.exact, &self.interval) {
            (Some(n), _) => write!(f, "{n}"),
            (None, Some(Interval { from, to: Some(to) })) => write!(f, "{from} - {to}"),
            (None, Some(Interval { from, to: None })) => write!(f, "{from}+"),
            (None, None) => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_counts() {
        assert_eq!(Count::parse("12").unwrap(), Count::exact(12));
        assert_eq!(Count::parse("1 - 10").unwrap().to_string(), "1 - 10");
        assert_eq!(Count::parse("1000+").unwrap().to_string(), "1000+");
        assert_eq!(Count::parse("11 800").unwrap(), Count::exact(11800));
        assert!(Count::parse("many").is_err());
        assert_eq!(Count::parse("1-10").unwrap().upper_bound(), Some(10));
    }
}
