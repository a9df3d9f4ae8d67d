//! Reading, writing and the readers' errors, one case each.

use super::yaml::{NO_TAGS, budget_message};
use super::*;
use crate::domain::model::Closure;

#[test]
fn text_is_normalised_to_nfc_on_read_and_write() {
    let decomposed = "ho\u{308}g";
    assert_eq!(normalize(decomposed), "hög");
    let closure = Closure {
        schema_version: 1,
        closed_at: chrono::DateTime::parse_from_rfc3339("2026-03-27T12:00:00+01:00").unwrap(),
        closed_by: "DSO".into(),
        root_cause: decomposed.into(),
        lessons_learned: "Rutin".into(),
        legal_obligations_at_close: None,
        waived: Vec::new(),
    };
    let text = render(FileKind::Closure, &closure, "x.json").unwrap();
    assert!(text.contains("root_cause: hög"), "{text}");
    let parsed: Closure = parse(
        FileKind::Closure,
        Path::new("closure.yaml"),
        &text.replace("hög", decomposed),
    )
    .unwrap();
    assert_eq!(parsed.root_cause, "hög");
}

#[test]
fn yaml_1_1_spellings_stay_strings() {
    let text = "schema_version: 1\nclosed_at: 2026-03-27T12:00:00+01:00\nclosed_by: no\nroot_cause: 'on'\nlessons_learned: yes\n";
    let parsed: Closure = parse(FileKind::Closure, Path::new("closure.yaml"), text).unwrap();
    assert_eq!(
        (parsed.closed_by.as_str(), parsed.lessons_learned.as_str()),
        ("no", "yes")
    );
}

#[test]
fn errors_carry_file_line_and_column() {
    let problems = parse::<Closure>(
        FileKind::Closure,
        Path::new("closure.yaml"),
        "schema_version: 1\nclosed_at: yesterday\n",
    )
    .unwrap_err();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].file, Path::new("closure.yaml"));
    assert_eq!(problems[0].line, Some(2));
    let problems = parse::<Closure>(FileKind::Closure, Path::new("closure.yaml"), "schema_version: 2\nclosed_at: 2026-03-27T12:00:00+01:00\nclosed_by: a\nroot_cause: b\nlessons_learned: c\n").unwrap_err();
    assert_eq!(problems[0].field.as_deref(), Some("schema_version"));
    assert_eq!(problems[0].line, Some(1));
}

#[test]
fn explicit_tags_are_refused_with_their_line_and_column() {
    let base = "schema_version: 1\nclosed_at: 2026-03-27T12:00:00+01:00\nclosed_by: DSO\n";
    for (tagged, shown) in [
        ("root_cause: !!binary aMO2Zw==\n", "!!binary"),
        ("root_cause: !!str text\n", "!!str"),
        ("root_cause: !secret text\n", "!secret"),
        (
            "root_cause: !<tag:example.org,2026:x> text\n",
            "tag:example.org,2026:x",
        ),
        ("!!str root_cause: text\n", "!!str"),
        ("!odd root_cause: text\n", "!odd"),
    ] {
        let text = format!("{base}{tagged}lessons_learned: c\n");
        let problems =
            parse::<Closure>(FileKind::Closure, Path::new("closure.yaml"), &text).unwrap_err();
        assert_eq!(problems.len(), 1, "{tagged}");
        assert_eq!(problems[0].line, Some(4), "{tagged}");
        assert!(problems[0].column.is_some(), "{tagged}");
        assert!(
            problems[0].message.en.starts_with(NO_TAGS),
            "{tagged}: {}",
            problems[0].message.en
        );
        assert!(
            problems[0].message.en.contains(shown),
            "{tagged}: {}",
            problems[0].message.en
        );
    }
}

#[test]
fn an_exclamation_mark_in_text_is_not_a_tag() {
    let text = "schema_version: 1\nclosed_at: 2026-03-27T12:00:00+01:00\nclosed_by: DSO!\nroot_cause: '!!binary is text here'\nlessons_learned: \"Observera! !x\"\n";
    let parsed: Closure = parse(FileKind::Closure, Path::new("closure.yaml"), text).unwrap();
    assert_eq!(parsed.root_cause, "!!binary is text here");
}

#[test]
fn the_yaml_readers_limits_are_told_in_the_registers_words() {
    use serde_saphyr::budget::BudgetBreach;
    let aliases = budget_message(&BudgetBreach::Aliases { aliases: 1_000_000 });
    assert!(aliases.en.contains("anchors and aliases"), "{aliases:?}");
    let depth = budget_message(&BudgetBreach::Depth { depth: 10_000 });
    assert!(depth.en.contains("10000 levels deep"), "{depth:?}");
    let bytes = budget_message(&BudgetBreach::ScalarBytes {
        total_scalar_bytes: 1 << 30,
    });
    assert!(!bytes.contains("ScalarBytes") && bytes.en.contains("outside the register"));
}
