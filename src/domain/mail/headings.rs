//! The five headings of the vendor's incident template (the Boet seed: "Observation och
//! yttrande", "Påverkan", "Påverkan på personuppgifter", "Tid och varaktighet",
//! "Kontaktuppgifter"), recognised in Swedish and English whatever a mail program or a
//! person made of them: case, a trailing colon, bullet marks, `>` quoting, numbering,
//! Markdown bold or heading marks.

/// One heading of the template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Heading {
    Observation,
    Impact,
    PersonalData,
    Time,
    Contacts,
}

impl Heading {
    pub const ALL: [Heading; 5] = [
        Heading::Observation,
        Heading::Impact,
        Heading::PersonalData,
        Heading::Time,
        Heading::Contacts,
    ];

    /// The heading as the template prints it: Swedish, English.
    pub fn title(self) -> (&'static str, &'static str) {
        match self {
            Heading::Observation => ("Observation och yttrande", "Observation and symptoms"),
            Heading::Impact => ("Påverkan", "Impact"),
            Heading::PersonalData => ("Påverkan på personuppgifter", "Impact on personal data"),
            Heading::Time => ("Tid och varaktighet", "Time and duration"),
            Heading::Contacts => ("Kontaktuppgifter", "Contact details"),
        }
    }

    /// Every spelling recognised, normalised (see [`normalise`]).
    fn names(self) -> &'static [&'static str] {
        match self {
            Heading::Observation => &[
                "observation och yttrande",
                "observation och yttranden",
                "observationer och yttrande",
                "observation",
                "observationer",
                "observation and symptoms",
                "observation and manifestation",
                "observation and how the incident shows itself",
                "observations",
            ],
            Heading::Impact => &["påverkan", "impact"],
            Heading::PersonalData => &[
                "påverkan på personuppgifter",
                "påverkan på personuppgifterna",
                "personuppgifter",
                "impact on personal data",
                "personal data impact",
                "personal data",
            ],
            Heading::Time => &["tid och varaktighet", "tid", "time and duration", "time"],
            Heading::Contacts => &[
                "kontaktuppgifter",
                "kontaktpersoner",
                "kontakt",
                "contact details",
                "contact information",
                "contacts",
                "contact",
            ],
        }
    }
}

/// A line of a mail without what quoting and formatting put around its words: `>` marks,
/// bullets, numbering, `**`/`__`/`#` marks, surrounding space; lower case.
pub fn normalise(line: &str) -> String {
    let mut text = line.trim();
    loop {
        let before = text;
        text = text.trim_start_matches(['>', ' ', '\t']);
        text = text
            .trim_start_matches(['-', '*', '•', '·', '–', '#', '_'])
            .trim_start();
        // Numbering: "1.", "2)", "3 -"
        let digits = text.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && digits < 3 {
            let rest = &text[digits..];
            if let Some(stripped) = rest
                .strip_prefix('.')
                .or_else(|| rest.strip_prefix(')'))
                .filter(|r| r.starts_with([' ', '\t', '*', '_']) || r.is_empty())
            {
                text = stripped.trim_start();
            }
        }
        if text == before {
            break;
        }
    }
    let text = text.trim_end_matches(['*', '_', ' ', '\t', '#']);
    let text = text.trim_end_matches(':').trim_end_matches(['*', '_', ' ']);
    text.to_lowercase()
}

/// The heading a line is, and the text after it on the same line ("Påverkan på
/// personuppgifter: Nej" is the heading with its answer).
pub fn heading_of(line: &str) -> Option<(Heading, String)> {
    let whole = normalise(line);
    if let Some(heading) = named(&whole) {
        return Some((heading, String::new()));
    }
    // A heading followed by its answer after a colon; the colon may sit inside bold marks.
    let (before, after) = line.split_once(':')?;
    let heading = named(&normalise(before))?;
    let after = after.trim().trim_start_matches(['*', '_']).trim();
    Some((heading, after.to_string()))
}

fn named(normalised: &str) -> Option<Heading> {
    Heading::ALL
        .into_iter()
        .find(|heading| heading.names().contains(&normalised))
}

/// A line with its `>` quoting taken off (the content of a section is read without it).
pub fn unquoted(line: &str) -> &str {
    let mut text = line;
    while let Some(rest) = text.trim_start().strip_prefix('>') {
        text = rest.strip_prefix(' ').unwrap_or(rest);
    }
    text
}

/// The content under one heading: its lines with their 1-based line numbers in the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub heading: Heading,
    /// The line of the heading.
    pub line: usize,
    pub lines: Vec<(usize, String)>,
}

impl Section {
    /// The section's text: its lines without quoting, the blank ones at its ends left out.
    pub fn text(&self) -> String {
        let lines: Vec<&str> = self.lines.iter().map(|(_, l)| l.trim_end()).collect();
        let start = lines.iter().position(|l| !l.trim().is_empty());
        let end = lines.iter().rposition(|l| !l.trim().is_empty());
        match (start, end) {
            (Some(start), Some(end)) => lines[start..=end].join("\n"),
            _ => String::new(),
        }
    }

    /// The first line with words, and its number.
    pub fn first_line(&self) -> Option<(usize, &str)> {
        self.lines
            .iter()
            .find(|(_, l)| !l.trim().is_empty())
            .map(|(n, l)| (*n, l.trim()))
    }
}

/// The sections of a body, in their order; the text before the first heading is left
/// out (a greeting). `first_line` is the body's first line's number.
pub fn sections(body: &[(usize, &str)]) -> Vec<Section> {
    let mut found: Vec<Section> = Vec::new();
    for (number, line) in body {
        if let Some((heading, rest)) = heading_of(line) {
            // A heading met again is read on as the same section (a repeated template).
            let mut section = Section {
                heading,
                line: *number,
                lines: Vec::new(),
            };
            if !rest.is_empty() {
                section.lines.push((*number, rest));
            }
            found.push(section);
        } else if let Some(section) = found.last_mut() {
            // The template's hints ("<Beskriv …>") left in place are not the reporter's words.
            let text = unquoted(line);
            let trimmed = text.trim();
            let hint = trimmed.starts_with('<') && trimmed.ends_with('>') && !trimmed.contains('@');
            section.lines.push((
                *number,
                if hint {
                    String::new()
                } else {
                    text.to_string()
                },
            ));
        }
    }
    found
}
