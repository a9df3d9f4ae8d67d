//! A merged value shown to a person in one short line, for a conflict's two sides.

use serde_json::Value;

/// Longest line shown, in characters; a longer one is cut with "…".
const MAX_CHARS: usize = 80;

/// What stands for nothing: an absent, null or empty value.
const NOTHING: &str = "—";

/// One short line for a value: text without quotes and on one line, lists as `a, b`,
/// objects as `key: value; key: value`. Not escaped for a terminal: the caller does that.
pub fn render_value(value: &Value) -> String {
    shorten(&line(value))
}

/// As [`render_value`], with "—" for a value absent on that side.
pub fn render_side(value: Option<&Value>) -> String {
    value.map_or_else(|| NOTHING.to_string(), render_value)
}

fn line(value: &Value) -> String {
    match value {
        Value::Null => NOTHING.to_string(),
        Value::Bool(flag) => flag.to_string(),
        Value::Number(number) => number.to_string(),
        Value::String(text) => text.split_whitespace().collect::<Vec<_>>().join(" "),
        Value::Array(list) if list.is_empty() => NOTHING.to_string(),
        Value::Array(list) => list.iter().map(line).collect::<Vec<_>>().join(", "),
        Value::Object(map) if map.is_empty() => NOTHING.to_string(),
        Value::Object(map) => map
            .iter()
            .map(|(key, value)| format!("{key}: {}", line(value)))
            .collect::<Vec<_>>()
            .join("; "),
    }
}

fn shorten(text: &str) -> String {
    if text.chars().count() <= MAX_CHARS {
        return text.to_string();
    }
    let kept: String = text.chars().take(MAX_CHARS - 1).collect();
    format!("{}…", kept.trim_end())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn values_render_on_one_short_line() {
        assert_eq!(
            render_value(&json!("Left on\n  the train")),
            "Left on the train"
        );
        assert_eq!(render_value(&json!(null)), "—");
        assert_eq!(render_side(None), "—");
        assert_eq!(render_side(Some(&json!(true))), "true");
        assert_eq!(render_value(&json!(2.5)), "2.5");
        assert_eq!(
            render_value(&json!(["confidentiality", "integrity"])),
            "confidentiality, integrity"
        );
        assert_eq!(render_value(&json!([])), "—");
        assert_eq!(
            render_value(&json!({"name": "Ann", "phone": "070"})),
            "name: Ann; phone: 070"
        );
        let long = render_value(&json!("word ".repeat(40)));
        assert_eq!(long.chars().count(), 80);
        assert!(long.ends_with("word…"), "{long}");
    }
}
