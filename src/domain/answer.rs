//! One answer of an incident as a person names it: an IMY question (`q23`, as the form
//! numbers them), or a field of one of its files (`report.discovered.date`,
//! `actions.entries[0].text`). What `incident history --field` follows from entry to entry.

use std::str::FromStr;

use chrono::DateTime;
use chrono_tz::Tz;
use serde_json::Value;

use super::imy;
use super::incident::Incident;
use super::model::Settings;

/// The files of an incident, by the name of their YAML file without `.yaml`.
const FILES: [&str; 5] = ["report", "assessment", "actions", "notification", "closure"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnswerName {
    /// IMY's question of this number (1–37).
    Question(u8),
    /// A field of a file: the file's name and the path of keys and list indexes in it.
    Field { file: String, path: Vec<Step> },
}

/// One step of a field's path: a key of a mapping or an index of a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// A name that is neither a question of the form nor a field of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotAnAnswer;

impl FromStr for AnswerName {
    type Err = NotAnAnswer;

    fn from_str(text: &str) -> Result<AnswerName, NotAnAnswer> {
        let text = text.trim();
        if let Some(number) = text.strip_prefix(['q', 'Q']).filter(|n| !n.is_empty()) {
            return match number.parse::<u8>() {
                Ok(number) if (1..=37).contains(&number) => Ok(AnswerName::Question(number)),
                _ => Err(NotAnAnswer),
            };
        }
        let (file, rest) = text.split_once('.').ok_or(NotAnAnswer)?;
        let file = file.strip_suffix(".yaml").unwrap_or(file);
        if !FILES.contains(&file) {
            return Err(NotAnAnswer);
        }
        let mut path = Vec::new();
        for part in rest.split('.') {
            let (key, indexes) = part.split_once('[').map_or((part, ""), |(k, i)| (k, i));
            if !key.is_empty() {
                if let Ok(index) = key.parse() {
                    path.push(Step::Index(index));
                } else if key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                    path.push(Step::Key(key.to_string()));
                } else {
                    return Err(NotAnAnswer);
                }
            }
            for index in indexes.split(['[', ']']).filter(|i| !i.is_empty()) {
                path.push(Step::Index(index.parse().map_err(|_| NotAnAnswer)?));
            }
        }
        if path.is_empty() {
            return Err(NotAnAnswer);
        }
        Ok(AnswerName::Field {
            file: file.to_string(),
            path,
        })
    }
}

/// The answer `name` names, of `incident`, as text; `None` when it is not given. A
/// question is rendered as the IMY export renders it (the form filled at `now`); a field
/// as its text, or its value written as JSON when it is not a text.
pub fn value_of(
    incident: &Incident,
    name: &AnswerName,
    settings: &Settings,
    zone: Tz,
    now: DateTime<Tz>,
) -> Option<String> {
    match name {
        AnswerName::Question(number) => {
            imy::answer_text(&imy::build(incident, settings, zone, now), *number)
        }
        AnswerName::Field { file, path } => {
            let value = match file.as_str() {
                "report" => serde_json::to_value(&incident.report),
                "assessment" => serde_json::to_value(&incident.assessment),
                "actions" => serde_json::to_value(&incident.actions),
                "notification" => serde_json::to_value(&incident.notification),
                _ => serde_json::to_value(&incident.closure),
            }
            .ok()?;
            let found = path.iter().try_fold(&value, |value, step| match step {
                Step::Key(key) => value.get(key),
                Step::Index(index) => value.get(index),
            })?;
            match found {
                Value::Null => None,
                Value::String(text) => Some(text.clone()),
                other => Some(other.to_string()),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questions_and_fields_are_named_as_people_write_them() {
        assert_eq!("q23".parse(), Ok(AnswerName::Question(23)));
        assert_eq!("Q5".parse(), Ok(AnswerName::Question(5)));
        assert_eq!(
            "report.discovered.date".parse(),
            Ok(AnswerName::Field {
                file: "report".into(),
                path: vec![Step::Key("discovered".into()), Step::Key("date".into())],
            })
        );
        assert_eq!(
            "actions.entries[1].text".parse::<AnswerName>(),
            "actions.entries.1.text".parse::<AnswerName>()
        );
        for refused in [
            "q0",
            "q38",
            "q",
            "qx",
            "title",
            "secrets.x",
            "report.",
            "report.a b",
        ] {
            assert_eq!(refused.parse::<AnswerName>(), Err(NotAnAnswer), "{refused}");
        }
    }
}
