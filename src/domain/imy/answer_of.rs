//! One question's answer as a short text: what `incident history --field qNN` compares
//! from one journal entry to the next.

use super::{Content, ImyForm};

/// The answer to question `number` of the form (every block of that number, with the
/// "Övrigt" comment), one line per field; `None` when the form leaves it empty.
pub fn answer_text(form: &ImyForm, number: u8) -> Option<String> {
    let mut lines: Vec<String> = Vec::new();
    for block in form
        .sections
        .iter()
        .flat_map(|section| &section.blocks)
        .filter(|block| block.number == number)
    {
        match &block.content {
            Content::Empty => {}
            Content::Text(text) => lines.push(text.trim_end().to_string()),
            Content::Fields(fields) => lines.extend(
                fields
                    .iter()
                    .filter(|(_, value)| !value.is_empty())
                    // A label that is a whole sentence (questions 23–24) is left out.
                    .map(|(label, value)| {
                        if label.ends_with('.') {
                            value.clone()
                        } else {
                            format!("{label}: {value}")
                        }
                    }),
            ),
            Content::List(items) => lines.push(items.join(", ")),
            Content::Entries(entries) => lines.extend(entries.iter().map(|entry| {
                entry
                    .iter()
                    .map(|(label, value)| format!("{label}: {}", value.trim_end()))
                    .collect::<Vec<_>>()
                    .join("; ")
            })),
        }
        if let Some((label, comment)) = &block.other_comment {
            lines.push(format!("{label}: {comment}"));
        }
    }
    let text = lines.join("\n");
    (!text.trim().is_empty()).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::super::{Block, Section};
    use super::*;

    fn form(blocks: Vec<Block>) -> ImyForm {
        ImyForm {
            title: String::new(),
            incident: String::new(),
            sections: vec![Section {
                heading: String::new(),
                blocks,
            }],
            missing: Vec::new(),
            within_deadline: true,
        }
    }

    fn block(number: u8, content: Content) -> Block {
        Block {
            number,
            heading: format!("{number}"),
            mandatory: false,
            content,
            other_comment: None,
        }
    }

    #[test]
    fn an_answer_is_its_blocks_text_and_empty_is_none() {
        let form = form(vec![
            block(22, Content::Text("x".into())),
            block(
                23,
                Content::Fields(vec![
                    ("Exakt antal".into(), "120".into()),
                    ("Ungefärligt antal.".into(), String::new()),
                ]),
            ),
            block(25, Content::List(vec!["Elever".into(), "Barn".into()])),
            block(30, Content::Empty),
        ]);
        assert_eq!(answer_text(&form, 23).as_deref(), Some("Exakt antal: 120"));
        assert_eq!(answer_text(&form, 25).as_deref(), Some("Elever, Barn"));
        assert_eq!(answer_text(&form, 30), None);
        assert_eq!(answer_text(&form, 31), None);
    }
}
