//! The JSON Schemas of the register's files. They are generated from the Rust types
//! (schemars, draft 2020-12), checked in under `schemas/` (a test fails when they are
//! stale), compiled into the binary, and every file is validated against them.

use std::sync::{Once, OnceLock};

use jsonschema::error::ValidationErrorKind;
use schemars::Schema;
use schemars::generate::SchemaSettings;
use schemars::transform::RecursiveTransform;
use serde_json::Value;

use super::files::FileKind;
use super::files::library_text::schema_sv;
use crate::domain::Bilingual;
use crate::domain::model::{Actions, Assessment, Closure, Notification, Report, Settings};
use crate::domain::rules::unknown_option_message;

/// Generates the schema of a file kind from its Rust type.
pub fn generate(kind: FileKind) -> Value {
    let generator = SchemaSettings::draft2020_12()
        .with_transform(RecursiveTransform(optional_is_absent))
        .into_generator();
    let mut schema = match kind {
        FileKind::Settings => generator.into_root_schema_for::<Settings>(),
        FileKind::Report => generator.into_root_schema_for::<Report>(),
        FileKind::Assessment => generator.into_root_schema_for::<Assessment>(),
        FileKind::Actions => generator.into_root_schema_for::<Actions>(),
        FileKind::Notification => generator.into_root_schema_for::<Notification>(),
        FileKind::Closure => generator.into_root_schema_for::<Closure>(),
    };
    schema.insert(
        "$id".into(),
        Value::String(format!(
            "https://incident.example/schemas/{}",
            kind.schema_file()
        )),
    );
    schema.to_value()
}

/// The schema of the vendor's notice file (`export customer|controller --format json`,
/// `new --from-notice`), from its Rust type like the register's files; checked in as
/// `schemas/notice.schema.json` for the programs of the receiving side.
pub fn notice_schema_text() -> String {
    let generator = SchemaSettings::draft2020_12()
        .with_transform(RecursiveTransform(optional_is_absent))
        .into_generator();
    let mut schema = generator.into_root_schema_for::<crate::domain::notice::Notice>();
    schema.insert(
        "$id".into(),
        Value::String("https://incident.example/schemas/notice.schema.json".into()),
    );
    let mut text = format!("{:#}", schema.to_value());
    text.push('\n');
    text
}

/// An optional field is one that may be left out; the tool never writes `null`. Dropping
/// the null alternative keeps validation errors about the value itself (an `anyOf` error
/// would hide which option key was wrong).
fn optional_is_absent(schema: &mut Schema) {
    if let Some(Value::Array(types)) = schema.get("type")
        && types.len() == 2
        && types.contains(&Value::String("null".into()))
        && let Some(other) = types.iter().find(|t| *t != "null").cloned()
    {
        schema.insert("type".into(), other);
    }
    let Some(Value::Array(branches)) = schema.get("anyOf") else {
        return;
    };
    let is_null = |branch: &Value| branch.get("type") == Some(&Value::String("null".into()));
    if branches.len() == 2
        && branches.iter().any(is_null)
        && let Some(other) = branches.iter().find(|b| !is_null(b)).cloned()
    {
        schema.remove("anyOf");
        if let Value::Object(fields) = other {
            for (key, value) in fields {
                schema.insert(key, value);
            }
        }
    }
}

/// The checked-in schema text of a kind, as compiled into this binary.
pub fn embedded(kind: FileKind) -> &'static str {
    match kind {
        FileKind::Settings => include_str!("../../schemas/settings.schema.json"),
        FileKind::Report => include_str!("../../schemas/report.schema.json"),
        FileKind::Assessment => include_str!("../../schemas/assessment.schema.json"),
        FileKind::Actions => include_str!("../../schemas/actions.schema.json"),
        FileKind::Notification => include_str!("../../schemas/notification.schema.json"),
        FileKind::Closure => include_str!("../../schemas/closure.schema.json"),
    }
}

/// Pretty JSON text of a generated schema, as written to `schemas/`.
pub fn generated_text(kind: FileKind) -> String {
    // `{:#}` is serde_json's pretty printer, the same as to_string_pretty, without its
    // Result (a Value always serialises).
    let mut text = format!("{:#}", generate(kind));
    text.push('\n');
    text
}

/// Each kind's compiled schema, made when first used.
static VALIDATORS: [OnceLock<jsonschema::Validator>; FileKind::ALL.len()] =
    [const { OnceLock::new() }; FileKind::ALL.len()];
static COMPILING_THE_REST: Once = Once::new();

#[expect(
    clippy::expect_used,
    reason = "the schemas are embedded in the binary and checked by schemas_are_current"
)]
fn compiled(kind: FileKind) -> &'static jsonschema::Validator {
    let index = FileKind::ALL
        .iter()
        .position(|known| *known == kind)
        .expect("every kind is in FileKind::ALL");
    VALIDATORS[index].get_or_init(|| {
        // The embedded schemas are generated and tested; failing here is a build defect.
        let schema: Value = serde_json::from_str(embedded(kind)).expect("embedded schema is JSON");
        jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .expect("embedded schema compiles")
    })
}

/// The validator of `kind`; the first call has the other kinds compiled on another core
/// meanwhile ([`prepare`]).
fn validator(kind: FileKind) -> &'static jsonschema::Validator {
    prepare();
    compiled(kind)
}

/// Has every kind's schema compiled on another core, once, for a command that will check
/// files soon: a change starts it before it waits for Git's index, so the schemas are
/// ready when the incident is read (compiling all six in turn took 3.5 ms, a tenth of a
/// change at 10,000 incidents).
pub fn prepare() {
    COMPILING_THE_REST.call_once(|| {
        // Without a thread each kind is compiled when it is needed.
        let _ = std::thread::Builder::new().spawn(|| {
            for kind in FileKind::ALL.into_iter().rev() {
                compiled(kind);
            }
        });
    });
}

/// One schema violation: where (JSON Pointer and dotted field) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub pointer: String,
    pub field: String,
    pub message: Bilingual,
}

/// Validates a value against the schema of its kind.
pub fn check(kind: FileKind, value: &Value) -> Vec<Violation> {
    let validator = validator(kind);
    validator
        .iter_errors(value)
        .map(|error| {
            let pointer = error.instance_path().as_str().to_string();
            let field = dotted(&pointer);
            let english = error.to_string();
            let message = match error.kind() {
                ValidationErrorKind::Enum { .. } => {
                    enum_message(&pointer, error.instance(), || {
                        Bilingual::new(
                            schema_sv(error.kind(), error.instance(), &english),
                            english.clone(),
                        )
                    })
                }
                ValidationErrorKind::Pattern { pattern } => {
                    let (sv, en) = describe_pattern(pattern);
                    Bilingual::new(
                        format!("{} har inte den väntade formen ({sv})", error.instance()),
                        format!(
                            "{} does not have the expected form ({en})",
                            error.instance()
                        ),
                    )
                }
                kind => Bilingual::new(schema_sv(kind, error.instance(), &english), english),
            };
            Violation {
                pointer,
                field,
                message,
            }
        })
        .collect()
}

/// `/data_categories/keys/1` → `data_categories.keys[1]`.
pub fn dotted(pointer: &str) -> String {
    let mut field = String::new();
    for segment in pointer.split('/').skip(1) {
        if segment.parse::<usize>().is_ok() {
            field.push_str(&format!("[{segment}]"));
        } else {
            if !field.is_empty() {
                field.push('.');
            }
            field.push_str(segment);
        }
    }
    if field.is_empty() {
        "(top level)".to_string()
    } else {
        field
    }
}

/// Option keys of IMY questions get the catalogue's message with a suggestion.
fn enum_message(
    pointer: &str,
    instance: &Value,
    fallback: impl FnOnce() -> Bilingual,
) -> Bilingual {
    let question = match pointer.split('/').nth(1) {
        Some("what_happened") => Some(15),
        Some("how_discovered") => Some(17),
        Some("cause") => Some(18),
        Some("sector") => Some(19),
        Some("area") => Some(20),
        Some("subject_groups") => Some(25),
        Some("data_categories") => Some(26),
        Some("consequences") => Some(28),
        Some("data_subjects") if pointer.contains("reasons_not_to_inform") => Some(35),
        Some("organisation") if pointer.contains("/sector") => Some(19),
        Some("organisation") if pointer.contains("/area") => Some(20),
        _ => None,
    };
    match question {
        // The key refused is the instance itself, not a quote of the message.
        Some(number) if pointer.contains("/key") => match instance.as_str() {
            Some(key) => unknown_option_message(number, key),
            None => fallback(),
        },
        _ => fallback(),
    }
}

/// What a pattern of the schemas asks for, in Swedish and English.
fn describe_pattern(pattern: &str) -> (&'static str, &'static str) {
    match pattern {
        "^[0-9]{6}-[0-9]{4}$" => (
            "ett organisationsnummer NNNNNN-NNNN",
            "an organisation number NNNNNN-NNNN",
        ),
        "^([01][0-9]|2[0-3]):[0-5][0-9]$" => ("ett klockslag TT:MM", "a clock time HH:MM"),
        "^[0-9]{4}-[0-9]{4,}$" => ("ett incident-id ÅÅÅÅ-NNNN", "an incident id YYYY-NNNN"),
        "^[^@\\s]+@[^@\\s]+$" => ("en e-postadress", "an e-mail address"),
        _ => ("se schemat", "see the schema"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The checked-in schemas equal the ones the types generate. Run with
    /// `UPDATE_SCHEMAS=1 cargo test schemas_are_current` to rewrite them after a change.
    #[test]
    fn schemas_are_current() {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas");
        let update = std::env::var_os("UPDATE_SCHEMAS").is_some();
        let mut stale = Vec::new();
        let example =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/register/schemas");
        for kind in FileKind::ALL {
            // The example register carries its own copy, as every register does.
            let copy = example.join(kind.schema_file());
            if std::fs::read_to_string(&copy).ok().as_deref() != Some(generated_text(kind).as_str())
            {
                if update {
                    std::fs::write(&copy, generated_text(kind)).unwrap();
                } else {
                    stale.push(kind.schema_file());
                }
            }
            let path = folder.join(kind.schema_file());
            let on_disk: Option<Value> = std::fs::read_to_string(&path)
                .ok()
                .and_then(|t| serde_json::from_str(&t).ok());
            if on_disk.as_ref() != Some(&generate(kind)) {
                if update {
                    std::fs::write(&path, generated_text(kind)).unwrap();
                } else {
                    stale.push(kind.schema_file());
                }
            }
        }
        assert!(
            stale.is_empty(),
            "stale schemas {stale:?}: run `UPDATE_SCHEMAS=1 cargo test schemas_are_current`"
        );
    }

    /// `schemas/notice.schema.json` is the notice type's; rewritten with UPDATE_SCHEMAS=1.
    #[test]
    fn notice_schema_is_current() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/notice.schema.json");
        let generated = notice_schema_text();
        if std::env::var_os("UPDATE_SCHEMAS").is_some() {
            std::fs::write(&path, &generated).unwrap();
        }
        assert_eq!(
            std::fs::read_to_string(&path).ok().as_deref(),
            Some(generated.as_str()),
            "stale schemas/notice.schema.json: run `UPDATE_SCHEMAS=1 cargo test schemas_are_current notice_schema_is_current`"
        );
    }

    #[test]
    fn fields_are_dotted() {
        assert_eq!(dotted("/data_categories/keys/1"), "data_categories.keys[1]");
        assert_eq!(dotted(""), "(top level)");
    }
}
