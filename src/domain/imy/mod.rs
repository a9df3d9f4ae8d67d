//! IMY's notification form filled from the register: questions 1–37 in the form's order,
//! under its section headings, with the exact Swedish headings and option texts of the
//! catalogue (`catalogue/imy-form.toml`), and the list of answers still missing. Pure: the
//! incident, the settings and `now` in; the form out; renderers for text, Markdown, JSON.
//! This file holds the form's shape; building it and rendering it live beside it.

mod answer_of;
mod answers;
mod build;
mod render;
mod subjects;
mod supplement;
mod supplement_render;
#[cfg(test)]
mod supplement_tests;
#[cfg(test)]
mod tests;

pub use answer_of::answer_text;
pub use build::build;
pub use render::{render_json, render_markdown, render_text};
pub use supplement::{ACTIONS_QUESTION, Changed, Filed, Supplement, supplement};
pub use supplement_render::{
    ComparedWith, SUPPLEMENT_RULE, nothing_changed, render_supplement_json,
    render_supplement_markdown, render_supplement_text, supplement_source,
};

/// What one question holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    Empty,
    Text(String),
    /// Sub-fields in the form's order: (label, value).
    Fields(Vec<(String, String)>),
    /// Options chosen in a multi-choice question.
    List(Vec<String>),
    /// Repeated groups ("Lägg till ny"): processors, actions.
    Entries(Vec<Vec<(String, String)>>),
}

impl Content {
    pub(super) fn is_empty(&self) -> bool {
        match self {
            Content::Empty => true,
            Content::Text(text) => text.trim().is_empty(),
            Content::Fields(fields) => fields.iter().all(|(_, v)| v.is_empty()),
            Content::List(items) => items.is_empty(),
            Content::Entries(entries) => entries.is_empty(),
        }
    }
}

/// One question as the form shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub number: u8,
    pub heading: String,
    pub mandatory: bool,
    pub content: Content,
    /// The form's separate comment field for "Övrigt" (questions 18, 20, 25, 26, 28).
    pub other_comment: Option<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub heading: String,
    pub blocks: Vec<Block>,
}

/// An answer the notification still lacks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    pub number: u8,
    pub what: String,
    /// A `*` field of the form, rather than one a coherent notification needs.
    pub mandatory: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImyForm {
    pub title: String,
    pub incident: String,
    pub sections: Vec<Section>,
    pub missing: Vec<Missing>,
    /// Whether the 72 hours of GDPR Art. 33(1) have not yet run out (at `now`, or at the
    /// recorded submission).
    pub within_deadline: bool,
}
