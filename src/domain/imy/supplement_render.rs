//! The supplement as text (to paste into IMY's e-service for a supplement, "Komplettera
//! eller ändra en tidigare anmälan"), Markdown and JSON. The form's numbers, headings and
//! option texts stay IMY's Swedish words, as in the full export; the tool's own words
//! around them follow the language.

use serde_json::{Value, json};

use super::render::{block_text, content_json, heading};
use super::supplement::{ACTIONS_QUESTION, Changed, Filed, Supplement};
use super::{Block, Content};
use crate::domain::catalogue::catalogue;
use crate::domain::lang::Lang;

/// IMY's instruction for a supplement, in its words (Datainspektionen, now IMY, "Hur du
/// anmäler"; IMY, "Ändra eller komplettera en anmälan").
pub const SUPPLEMENT_RULE: &str =
    "Observera att ni i så fall endast ska lämna den information som tidigare saknades.";

/// Where IMY says so, in the reader's language.
pub fn supplement_source(lang: Lang) -> &'static str {
    lang.pick(
        "Datainspektionen, nu IMY: \"Hur du anmäler\"; IMY: \"Ändra eller komplettera en anmälan\"",
        "Datainspektionen, now IMY: \"Hur du anmäler\"; IMY: \"Ändra eller komplettera en anmälan\"",
    )
}

/// The filing compared with, as the reader is told: its tag, or the journal entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComparedWith {
    /// The filing's tag (`filed/2026-0007/imy`), when the journal has one.
    pub tag: Option<String>,
    /// The commit of the journal compared with, abbreviated as shown.
    pub commit: String,
}

fn title(lang: Lang) -> &'static str {
    // The names of IMY's own forms (imy.se, "Till hjälp vid anmälan").
    lang.pick(
        "Komplettering av personuppgiftsincidentsanmälan",
        "Supplementary information regarding a data breach notification",
    )
}

fn filing_words(supplement: &Supplement, compared: &ComparedWith, lang: Lang) -> String {
    let what = match supplement.filed {
        Filed::Notification => lang.pick("anmälan", "the notification").to_string(),
        Filed::Supplement(n) => match lang {
            Lang::Sv => format!("komplettering {n}"),
            Lang::En => format!("supplement {n}"),
        },
    };
    let when = supplement
        .filed_at
        .map(|at| format!(" {}", at.format("%Y-%m-%d %H:%M %:z")))
        .unwrap_or_default();
    let reference = match &compared.tag {
        Some(tag) => format!(
            "{} {tag}, {} {}",
            lang.pick("tagg", "tag"),
            lang.pick("journalpost", "journal entry"),
            compared.commit
        ),
        None => format!(
            "{} {}",
            lang.pick("journalpost", "journal entry"),
            compared.commit
        ),
    };
    format!("{what}{when} ({reference})")
}

fn header(supplement: &Supplement, compared: &ComparedWith, lang: Lang) -> Vec<String> {
    let t = |sv: &'static str, en: &'static str| lang.pick(sv, en);
    vec![
        format!("Incident {}", supplement.incident),
        format!(
            "{}: {}",
            t("IMY:s diarienummer", "IMY case number"),
            supplement
                .case_number
                .as_deref()
                .unwrap_or(t("(inte registrerat)", "(not recorded)"))
        ),
        format!(
            "{}: {}",
            t("Jämförd med", "Compared with"),
            filing_words(supplement, compared, lang)
        ),
        t(
            "Endast svar som har tillkommit eller ändrats sedan dess, med sina tidigare värden, och åtgärderna loggade sedan dess.",
            "Only the answers added or changed since, with their previous values, and the actions logged since.",
        )
        .to_string(),
        format!(
            "IMY: \"{SUPPLEMENT_RULE}\"{} ({})",
            t(
                "",
                " (\"Note that you should then give only the information that was missing before.\")"
            ),
            supplement_source(lang)
        ),
    ]
}

fn previous_label(lang: Lang) -> &'static str {
    lang.pick("Tidigare", "Previously")
}

fn missing_label(lang: Lang) -> &'static str {
    lang.pick("(saknades)", "(missing)")
}

fn no_answer_now(lang: Lang) -> &'static str {
    lang.pick("(inget svar längre)", "(no answer any more)")
}

fn blocks_text(blocks: &[Block]) -> String {
    blocks.iter().map(block_text).collect::<Vec<_>>().join("\n")
}

/// The previous value under the new one: on the line itself when it is one line,
/// indented below when it is several.
fn previous_text(changed: &Changed, lang: Lang) -> String {
    let label = previous_label(lang);
    if changed.was_missing() {
        return format!("{label}: {}\n", missing_label(lang));
    }
    let text = blocks_text(&changed.before);
    let lines: Vec<&str> = text.trim_end().lines().collect();
    match lines.as_slice() {
        [one] => format!("{label}: {one}\n"),
        _ => {
            let mut out = format!("{label}:\n");
            for line in lines {
                if line.is_empty() {
                    out.push('\n');
                } else {
                    out.push_str(&format!("  {line}\n"));
                }
            }
            out
        }
    }
}

fn entries_text(entries: &[Vec<(String, String)>]) -> String {
    let block = Block {
        number: ACTIONS_QUESTION,
        heading: String::new(),
        mandatory: false,
        content: Content::Entries(entries.to_vec()),
        other_comment: None,
    };
    block_text(&block)
}

fn actions_heading() -> String {
    let question = catalogue().question(ACTIONS_QUESTION);
    format!("{ACTIONS_QUESTION}. {}", question.sv)
}

/// Plain text: the header, then each changed question under its number and IMY's heading,
/// the new answer and the previous one, then the actions logged since.
pub fn render_supplement_text(
    supplement: &Supplement,
    compared: &ComparedWith,
    lang: Lang,
) -> String {
    let mut out = format!("{}\n", title(lang));
    for line in header(supplement, compared, lang) {
        out.push_str(&format!("{line}\n"));
    }
    if supplement.is_empty() {
        out.push_str(&format!("\n{}\n", nothing_changed(lang)));
        return out;
    }
    let mut actions = String::new();
    if !supplement.actions_added.is_empty() || !supplement.actions_removed.is_empty() {
        actions.push_str(&format!("\n{}\n", actions_heading()));
        if !supplement.actions_added.is_empty() {
            actions.push_str(&format!(
                "{}:\n",
                lang.pick("Loggade sedan dess", "Logged since")
            ));
            actions.push_str(&entries_text(&supplement.actions_added));
        }
        if !supplement.actions_removed.is_empty() {
            actions.push_str(&format!(
                "{}:\n",
                lang.pick(
                    "Lämnade tidigare och sedan ändrade eller borttagna",
                    "Given before and since changed or removed"
                )
            ));
            actions.push_str(&entries_text(&supplement.actions_removed));
        }
    }
    // In the form's order: the actions are question 30.
    let mut actions = Some(actions);
    for changed in &supplement.changed {
        if changed.number > ACTIONS_QUESTION
            && let Some(actions) = actions.take()
        {
            out.push_str(&actions);
        }
        let first = changed.now.first().or(changed.before.first());
        if let Some(block) = first {
            out.push_str(&format!("\n{}\n", heading(block)));
        }
        if changed.is_missing_now() {
            out.push_str(&format!("{}\n", no_answer_now(lang)));
        } else {
            out.push_str(&blocks_text(&changed.now));
        }
        out.push_str(&previous_text(changed, lang));
    }
    out.push_str(&actions.unwrap_or_default());
    out
}

/// What the supplement says when nothing was added, changed or logged since the filing.
pub fn nothing_changed(lang: Lang) -> &'static str {
    lang.pick(
        "Inget svar har tillkommit eller ändrats och ingen åtgärd har loggats sedan dess: det finns inget att komplettera med.",
        "No answer was added or changed and no action logged since: there is nothing to supplement.",
    )
}

/// Markdown, for a review: the text's parts under headings.
pub fn render_supplement_markdown(
    supplement: &Supplement,
    compared: &ComparedWith,
    lang: Lang,
) -> String {
    let mut out = format!("# {}\n\n", title(lang));
    for line in header(supplement, compared, lang) {
        out.push_str(&format!("- {}\n", line.replace('*', "\\*")));
    }
    if supplement.is_empty() {
        out.push_str(&format!("\n{}\n", nothing_changed(lang)));
        return out;
    }
    let indented = |text: &str| {
        text.trim_end()
            .lines()
            .map(|l| format!("    {l}\n"))
            .collect::<String>()
    };
    let mut actions = String::new();
    if !supplement.actions_added.is_empty() || !supplement.actions_removed.is_empty() {
        actions.push_str(&format!("\n### {}\n", actions_heading()));
        if !supplement.actions_added.is_empty() {
            actions.push_str(&format!(
                "\n*{}:*\n\n",
                lang.pick("Loggade sedan dess", "Logged since")
            ));
            actions.push_str(&indented(&entries_text(&supplement.actions_added)));
        }
        if !supplement.actions_removed.is_empty() {
            actions.push_str(&format!(
                "\n*{}:*\n\n",
                lang.pick(
                    "Lämnade tidigare och sedan ändrade eller borttagna",
                    "Given before and since changed or removed"
                )
            ));
            actions.push_str(&indented(&entries_text(&supplement.actions_removed)));
        }
    }
    let mut actions = Some(actions);
    for changed in &supplement.changed {
        if changed.number > ACTIONS_QUESTION
            && let Some(actions) = actions.take()
        {
            out.push_str(&actions);
        }
        if let Some(block) = changed.now.first().or(changed.before.first()) {
            out.push_str(&format!("\n### {}\n\n", heading(block).replace('*', "\\*")));
        }
        if changed.is_missing_now() {
            out.push_str(&format!("{}\n", no_answer_now(lang)));
        } else {
            out.push_str(&indented(&blocks_text(&changed.now)));
        }
        if changed.was_missing() {
            out.push_str(&format!(
                "\n*{}:* {}\n",
                previous_label(lang),
                missing_label(lang)
            ));
        } else {
            out.push_str(&format!("\n*{}:*\n\n", previous_label(lang)));
            out.push_str(&indented(&blocks_text(&changed.before)));
        }
    }
    out.push_str(&actions.unwrap_or_default());
    out
}

fn answer_json(blocks: &[Block]) -> Value {
    match blocks {
        [] => Value::Null,
        [one] => content_json(&one.content),
        several => Value::Array(several.iter().map(|b| content_json(&b.content)).collect()),
    }
}

fn entries_json(entries: &[Vec<(String, String)>]) -> Value {
    content_json(&Content::Entries(entries.to_vec()))
}

/// JSON: the filing compared with, and each changed answer by question number with its
/// previous value (`null` when it was missing); keys in English, stable.
pub fn render_supplement_json(supplement: &Supplement, compared: &ComparedWith) -> Value {
    let changed: Vec<Value> = supplement
        .changed
        .iter()
        .map(|c| {
            json!({
                "question": c.number,
                "heading": c.heading,
                "answer": answer_json(&c.now),
                "previous": if c.was_missing() { Value::Null } else { answer_json(&c.before) },
            })
        })
        .collect();
    let (filing, number) = match supplement.filed {
        Filed::Notification => ("notification", None),
        Filed::Supplement(n) => ("supplement", Some(n)),
    };
    json!({
        "incident": supplement.incident,
        "case_number": supplement.case_number,
        "compared_with": {
            "filing": filing,
            "number": number,
            "filed_at": supplement.filed_at.map(|at| at.to_rfc3339()),
            "tag": compared.tag,
            "commit": compared.commit,
        },
        "changed": changed,
        "actions_logged_since": entries_json(&supplement.actions_added),
        "actions_changed_or_removed": entries_json(&supplement.actions_removed),
        "rule": SUPPLEMENT_RULE,
        "source": supplement_source(Lang::En),
    })
}
