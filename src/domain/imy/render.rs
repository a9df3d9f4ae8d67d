//! The filled form as plain text (to paste into IMY's e-service), Markdown and JSON.

use serde_json::{Map, Value, json};

use super::{Block, Content, ImyForm};

pub(super) fn heading(block: &Block) -> String {
    format!(
        "{}. {}{}",
        block.number,
        block.heading,
        if block.mandatory { " *" } else { "" }
    )
}

/// Plain text, for pasting into IMY's e-service question by question.
pub fn render_text(form: &ImyForm) -> String {
    let mut out = format!("{}\nIncident {}\n", form.title, form.incident);
    for section in &form.sections {
        out.push_str(&format!("\n{}\n", section.heading));
        for block in &section.blocks {
            out.push_str(&format!("\n{}\n", heading(block)));
            out.push_str(&block_text(block));
        }
    }
    out
}

/// One question's answer as plain text, line by line, without its heading: the body
/// `render_text` prints under each heading, and the supplement under each changed one.
pub(super) fn block_text(block: &Block) -> String {
    let mut out = String::new();
    match &block.content {
        Content::Empty => {}
        Content::Text(text) => out.push_str(&format!("{}\n", text.trim_end())),
        Content::Fields(fields) => {
            for (label, value) in fields {
                if label.ends_with('.') {
                    // A field labelled by a whole sentence (questions 23–24).
                    out.push_str(&format!("{label}\n{value}\n"));
                } else {
                    out.push_str(&format!("{label}: {value}\n").replace(": \n", ":\n"));
                }
            }
        }
        Content::List(items) => {
            for item in items {
                out.push_str(&format!("- {item}\n"));
            }
        }
        Content::Entries(entries) => {
            for (index, entry) in entries.iter().enumerate() {
                if index > 0 {
                    out.push('\n');
                }
                for (label, value) in entry {
                    let value = value.trim_end();
                    if value.contains('\n') {
                        out.push_str(&format!("{label}:\n{value}\n"));
                    } else {
                        out.push_str(&format!("{label}: {value}\n").replace(": \n", ":\n"));
                    }
                }
            }
        }
    }
    if let Some((label, comment)) = &block.other_comment {
        out.push_str(&format!("{label}: {comment}\n"));
    }
    out
}

/// Markdown, for a document or a review.
pub fn render_markdown(form: &ImyForm) -> String {
    let mut out = format!("# {}\n\nIncident {}\n", form.title, form.incident);
    for section in &form.sections {
        out.push_str(&format!("\n## {}\n", section.heading));
        for block in &section.blocks {
            out.push_str(&format!("\n### {}\n\n", heading(block).replace('*', "\\*")));
            match &block.content {
                Content::Empty => out.push_str("*(inget svar)*\n"),
                Content::Text(text) => out.push_str(&format!("{}\n", text.trim_end())),
                Content::Fields(fields) => {
                    for (label, value) in fields {
                        out.push_str(&format!("- {}: {value}\n", label.replace('*', "\\*")));
                    }
                }
                Content::List(items) => {
                    for item in items {
                        out.push_str(&format!("- {item}\n"));
                    }
                }
                Content::Entries(entries) => {
                    for entry in entries {
                        let parts: Vec<String> = entry
                            .iter()
                            .filter(|(_, v)| !v.is_empty())
                            .map(|(label, value)| {
                                format!("{label}: {}", value.trim_end().replace('\n', "  \n  "))
                            })
                            .collect();
                        out.push_str(&format!("- {}\n", parts.join("; ")));
                    }
                }
            }
            if let Some((label, comment)) = &block.other_comment {
                out.push_str(&format!("\n{label}: {comment}\n"));
            }
        }
    }
    out
}

pub(super) fn content_json(content: &Content) -> Value {
    let object = |fields: &Vec<(String, String)>| {
        Value::Object(
            fields
                .iter()
                .map(|(k, v)| {
                    (
                        k.trim_end_matches(" *").to_string(),
                        Value::String(v.clone()),
                    )
                })
                .collect::<Map<_, _>>(),
        )
    };
    match content {
        Content::Empty => Value::Null,
        Content::Text(text) => Value::String(text.clone()),
        Content::Fields(fields) => object(fields),
        Content::List(items) => json!(items),
        Content::Entries(entries) => Value::Array(entries.iter().map(object).collect()),
    }
}

/// JSON keyed by question number. Questions 5–8 repeated for several contact persons
/// hold an array.
pub fn render_json(form: &ImyForm) -> Value {
    let mut answers = Map::new();
    for block in form.sections.iter().flat_map(|s| &s.blocks) {
        let mut entry = json!({ "heading": block.heading, "mandatory": block.mandatory, "answer": content_json(&block.content) });
        if let Some((label, comment)) = &block.other_comment {
            entry["comment"] = json!({ "label": label, "text": comment });
        }
        let key = block.number.to_string();
        match answers.get_mut(&key) {
            Some(Value::Array(list)) => list.push(entry),
            Some(existing) => *existing = Value::Array(vec![existing.take(), entry]),
            None => {
                answers.insert(key, entry);
            }
        }
    }
    let missing: Vec<Value> = form
        .missing
        .iter()
        .map(|m| json!({ "question": m.number, "what": m.what, "mandatory": m.mandatory }))
        .collect();
    json!({ "form": form.title, "incident": form.incident, "answers": answers, "missing": missing })
}
