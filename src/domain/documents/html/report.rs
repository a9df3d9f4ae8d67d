//! The incident's full documentation (step G; GDPR Art. 33(5)) as a printable page: the
//! same words as the text report (one renderer of the content), laid out with its
//! headings, each fact a paragraph and its label in bold.

use super::{escape, page};
use crate::domain::Lang;

/// A fact's label ("Orsak: …") is the text before the first ": " when it reads as one:
/// short, and not a date or a marker such as "[planerad]".
fn label_of(line: &str) -> Option<(&str, &str)> {
    let (label, rest) = line.split_once(": ")?;
    let reads_as_label = label.chars().count() <= 70
        && label
            .chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() && !c.is_ascii_digit());
    reads_as_label.then_some((label, rest))
}

fn paragraph(line: &str) -> String {
    match label_of(line) {
        Some((label, rest)) => format!(
            "<p><strong>{}:</strong> {}</p>\n",
            escape(label),
            escape(rest)
        ),
        None => format!("<p>{}</p>\n", escape(line)),
    }
}

/// The page of the text report `text` (as `documents::report` writes it: a title line,
/// lines about the document, then headings at the margin with their lines indented by two
/// spaces, continuation lines by four).
pub fn report_html(text: &str, lang: Lang) -> String {
    let mut lines = text.lines();
    let title = lines.next().unwrap_or_default().trim().to_string();
    let mut body = format!("<header>\n<h1>{}</h1>\n", escape(&title));
    // Lines of one paragraph: the first, and its continuations joined by line breaks.
    let mut current: Option<String> = None;
    let mut in_section = false;
    let mut in_header = true;
    let flush = |current: &mut Option<String>, body: &mut String| {
        if let Some(text) = current.take() {
            body.push_str(&paragraph(&text));
        }
    };
    for line in lines {
        // A continuation keeps what follows its four spaces (the risk computation aligns
        // its columns), and a blank one is a paragraph break within the fact.
        if line.starts_with("    ") && current.is_some() {
            if let Some(text) = current.as_mut() {
                text.push('\n');
                text.push_str(line[4..].trim_end());
            }
            continue;
        }
        if line.trim().is_empty() {
            flush(&mut current, &mut body);
            if in_header {
                body.push_str("</header>\n");
                in_header = false;
            }
            continue;
        }
        flush(&mut current, &mut body);
        if in_header {
            body.push_str(&format!("<p class=\"meta\">{}</p>\n", escape(line.trim())));
        } else if line.starts_with(' ') {
            current = Some(line.trim().to_string());
        } else {
            if in_section {
                body.push_str("</section>\n");
            }
            body.push_str(&format!(
                "<section class=\"lines\">\n<h2>{}</h2>\n",
                escape(line.trim())
            ));
            in_section = true;
        }
    }
    flush(&mut current, &mut body);
    if in_header {
        body.push_str("</header>\n");
    }
    if in_section {
        body.push_str("</section>\n");
    }
    page(lang, &title, &body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_facts_and_continuations_become_their_elements() {
        let text = "Incidentrapport 2026-0001 — <b>Fel</b>\nOrganisation: A & B\n\nHändelsen\n  Orsak: Mänskligt fel\n    på två\n    \n      rader\n  2026-03-27 10:00  Ringde: mottagaren\n\nFrister\n  öppen\n";
        let html = report_html(text, Lang::Sv);
        assert!(html.contains("<h1>Incidentrapport 2026-0001 — &lt;b&gt;Fel&lt;/b&gt;</h1>"));
        assert!(html.contains("<p class=\"meta\">Organisation: A &amp; B</p>\n</header>"));
        assert!(html.contains("<h2>Händelsen</h2>"));
        assert!(html.contains("<p><strong>Orsak:</strong> Mänskligt fel\npå två\n\n  rader</p>"));
        assert!(html.contains("<p>2026-03-27 10:00  Ringde: mottagaren</p>"));
        assert!(html.contains(
            "</section>\n<section class=\"lines\">\n<h2>Frister</h2>\n<p>öppen</p>\n</section>"
        ));
    }
}
