//! Incident ids: `YYYY-NNNN`, the year of discovery and a sequence number within it.

use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An incident id, `YYYY-NNNN`: year of discovery, then a sequence number of at least four
/// digits. Only digits and one hyphen, so an id can never name a path outside its folder.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IncidentId {
    year: i32,
    sequence: u32,
}

impl IncidentId {
    pub fn new(year: i32, sequence: u32) -> IncidentId {
        IncidentId { year, sequence }
    }

    pub fn year(&self) -> i32 {
        self.year
    }

    pub fn sequence(&self) -> u32 {
        self.sequence
    }

    /// The folder of the incident relative to the register root: `incidents/YYYY/YYYY-NNNN`.
    pub fn folder(&self) -> String {
        format!("incidents/{}/{}", self.year, self)
    }
}

impl fmt::Display for IncidentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:04}", self.year, self.sequence)
    }
}

/// Why a text is not an incident id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadId;

impl BadId {
    /// What `text`, which is not an incident id, is told in `lang`.
    pub fn describe(text: &str, lang: super::Lang) -> String {
        match lang {
            super::Lang::Sv => {
                format!("`{text}` är inget incident-id: skriv ÅÅÅÅ-NNNN, t.ex. 2026-0001")
            }
            super::Lang::En => {
                format!("`{text}` is not an incident id: expected YYYY-NNNN, e.g. 2026-0001")
            }
        }
    }
}

impl FromStr for IncidentId {
    type Err = BadId;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let (year, sequence) = text.split_once('-').ok_or(BadId)?;
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if year.len() != 4 || sequence.len() < 4 || !digits(year) || !digits(sequence) {
            return Err(BadId);
        }
        let year = year.parse().map_err(|_| BadId)?;
        let sequence: u32 = sequence.parse().map_err(|_| BadId)?;
        if sequence == 0 {
            return Err(BadId);
        }
        Ok(IncidentId { year, sequence })
    }
}

impl Serialize for IncidentId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for IncidentId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        // English, as every message of the reader; the file's problem says it in Swedish too.
        text.parse()
            .map_err(|_| serde::de::Error::custom(BadId::describe(&text, super::Lang::En)))
    }
}

impl JsonSchema for IncidentId {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "IncidentId".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[0-9]{4}-[0-9]{4,}$",
            "description": "Incident id: year of discovery and sequence number, YYYY-NNNN."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_ids() {
        let cases = [
            ("2026-0001", true),
            ("2026-12345", true),
            ("2026-0000", false),
            ("26-0001", false),
            ("2026-001", false),
            ("../x", false),
            ("2026-00/1", false),
            ("2026_0001", false),
            ("", false),
        ];
        for (text, ok) in cases {
            let parsed = text.parse::<IncidentId>();
            assert_eq!(parsed.is_ok(), ok, "{text}");
            if let Ok(id) = parsed {
                assert_eq!(id.to_string(), text);
            }
        }
    }

    #[test]
    fn folder_is_sharded_by_year() {
        let id = IncidentId::new(2026, 7);
        assert_eq!(id.folder(), "incidents/2026/2026-0007");
    }
}
