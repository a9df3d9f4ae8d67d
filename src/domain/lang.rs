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
