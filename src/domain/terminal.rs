//! Text made safe for a terminal: what a person typed is shown, never obeyed. Control
//! characters (C0 but for newline and tab, DEL, C1) would let a title clear the screen,
//! write the clipboard (OSC 52) or ring the bell; bidirectional overrides and isolates
//! (Unicode's "Trojan Source" characters, CVE-2021-42574) would show text in another order
//! than it is stored. Each is shown as its escape, `\u{1b}`; the files keep what the person
//! wrote.

use std::borrow::Cow;

/// Whether a character must not reach a terminal as it is.
pub fn is_unsafe(c: char) -> bool {
    let control =
        matches!(c, '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}') && !matches!(c, '\n' | '\t');
    // Bidirectional embeddings, overrides and isolates, and the marks.
    let bidirectional = matches!(
        c,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}'
    );
    control || bidirectional
}

/// The text with every unsafe character shown as its escape (`\u{1b}`).
pub fn for_terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut safe = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) {
            safe.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            safe.push(c);
        }
    }
    Cow::Owned(safe)
}

/// The unsafe characters of a text with their 1-based lines, for a warning.
pub fn unsafe_characters(text: &str) -> Vec<(usize, char)> {
    text.lines()
        .enumerate()
        .flat_map(|(index, line)| {
            line.chars()
                .filter(|c| is_unsafe(*c) && *c != '\r')
                .map(move |c| (index + 1, c))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_sequences_and_overrides_are_shown_not_obeyed() {
        let cases = [
            ("Fel mottagare", "Fel mottagare"),
            ("rad ett\n\tindrag", "rad ett\n\tindrag"),
            ("\u{1b}[2Jrensad", "\\u{1b}[2Jrensad"),
            ("\u{1b}]52;c;aGVq\u{7}", "\\u{1b}]52;c;aGVq\\u{7}"),
            ("\u{9b}31m", "\\u{9b}31m"),
            ("abc\u{202e}fed", "abc\\u{202e}fed"),
            ("\u{2066}x\u{2069}", "\\u{2066}x\\u{2069}"),
            ("åäö – ”citat”", "åäö – ”citat”"),
        ];
        for (text, shown) in cases {
            assert_eq!(for_terminal(text), shown, "{text:?}");
        }
        assert!(matches!(for_terminal("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn unsafe_characters_are_found_with_their_lines() {
        let found = unsafe_characters("title: ok\nobserved: a\u{1b}[2Jb\u{202e}\n");
        assert_eq!(found, [(2, '\u{1b}'), (2, '\u{202e}')]);
        assert!(unsafe_characters("crlf line\r\nnext\r\n").is_empty());
    }
}
