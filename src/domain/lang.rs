//! The two languages of the interface. The IMY export is always Swedish.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Language of the interface: `sv` (Swedish) or `en` (English).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Sv,
    En,
}

impl Lang {
    /// Picks the Swedish or the English text.
    pub fn pick<'a>(self, sv: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Sv => sv,
            Lang::En => en,
        }
    }

    /// The name of a month (0 = January), as written in running text: "mars" / "March".
    pub fn month(self, month0: u32) -> &'static str {
        const SV: [&str; 12] = [
            "januari",
            "februari",
            "mars",
            "april",
            "maj",
            "juni",
            "juli",
            "augusti",
            "september",
            "oktober",
            "november",
            "december",
        ];
        const EN: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let index = month0 as usize % 12;
        self.pick(SV[index], EN[index])
    }

    /// The name of a weekday (0 = Monday): "torsdag" / "Thursday".
    pub fn weekday(self, from_monday: u32) -> &'static str {
        const SV: [&str; 7] = [
            "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag",
        ];
        const EN: [&str; 7] = [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ];
        let index = from_monday as usize % 7;
        self.pick(SV[index], EN[index])
    }

    pub fn parse(text: &str) -> Option<Lang> {
        match text.trim().to_ascii_lowercase().as_str() {
            "sv" | "svenska" | "swedish" => Some(Lang::Sv),
            "en" | "english" | "engelska" => Some(Lang::En),
            _ => None,
        }
    }
}

impl Lang {
    /// A number as people read it in the language: a decimal comma in Swedish, a point in
    /// English; trailing zeros dropped ("4,25", "0,5", "3").
    pub fn decimal(self, value: f64) -> String {
        self.with_separator(format!("{value}"))
    }

    /// A number with `places` decimals, in the language's separator ("11,2", "11.2").
    pub fn decimal_places(self, value: f64, places: usize) -> String {
        self.with_separator(format!("{value:.places$}"))
    }

    fn with_separator(self, text: String) -> String {
        match self {
            Lang::Sv => text.replace('.', ","),
            Lang::En => text,
        }
    }
}

/// A text said in both languages, for messages made before the reader's language is
/// known (a rule over a file, a store that checks files); the printer picks one. Boxed
/// strings keep a file problem, which carries one, small enough to return in a `Result`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bilingual {
    pub sv: Box<str>,
    pub en: Box<str>,
}

impl Bilingual {
    pub fn new(sv: impl Into<String>, en: impl Into<String>) -> Bilingual {
        Bilingual {
            sv: sv.into().into_boxed_str(),
            en: en.into().into_boxed_str(),
        }
    }

    /// A text that is the same in both (already in the reader's language, or a name).
    pub fn same(text: impl Into<String>) -> Bilingual {
        let text = text.into();
        Bilingual::new(text.clone(), text)
    }

    pub fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.sv, &self.en)
    }

    /// Whether either language's text contains `part` (for tests and filters).
    pub fn contains(&self, part: &str) -> bool {
        self.sv.contains(part) || self.en.contains(part)
    }
}

#[cfg(test)]
mod tests {
    use super::Lang;

    #[test]
    fn decimals_take_a_comma_in_swedish_and_a_point_in_english() {
        assert_eq!(Lang::Sv.decimal(4.25), "4,25");
        assert_eq!(Lang::En.decimal(4.25), "4.25");
        assert_eq!(Lang::Sv.decimal(3.0), "3");
        assert_eq!(Lang::Sv.decimal_places(11.234, 1), "11,2");
        assert_eq!(Lang::En.decimal_places(11.26, 1), "11.3");
        assert_eq!(Lang::Sv.decimal_places(-0.5, 1), "-0,5");
    }
}
