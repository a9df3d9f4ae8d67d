//! Maps a JSON Pointer from schema validation back to a line of the YAML text it came from.
//! The typed parse reports lines itself; this serves the errors only the schema finds
//! (patterns, ranges, option keys). It reads the block layout the tool writes and most
//! hand edits keep; where it cannot tell, it gives no line rather than a wrong one.

/// The 1-based line of the value at `pointer` (e.g. `/data_categories/keys/1`), if found.
pub fn line_of_pointer(text: &str, pointer: &str) -> Option<u64> {
    let lines: Vec<&str> = text.lines().collect();
    let segments: Vec<String> = pointer
        .split('/')
        .skip(1)
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
        .collect();
    let mut start = 0usize;
    let mut min_indent = 0usize;
    let mut found = None;
    for segment in &segments {
        let (line, indent) = match segment.parse::<usize>() {
            Ok(index) => find_item(&lines, start, min_indent, index)?,
            Err(_) => find_key(&lines, start, min_indent, segment)?,
        };
        found = Some(line);
        start = line;
        min_indent = indent;
    }
    found.map(|line| line as u64 + 1)
}

/// Content indent of a line, counting a leading `- ` as indentation.
fn content_start(line: &str) -> usize {
    let mut position = line.len() - line.trim_start().len();
    let mut rest = line.trim_start();
    while let Some(after) = rest.strip_prefix("- ") {
        position += 2 + (after.len() - after.trim_start().len());
        rest = after.trim_start();
    }
    position
}

fn is_content(line: &str) -> bool {
    let trimmed = line.trim_start();
    !trimmed.is_empty() && !trimmed.starts_with('#')
}

fn find_key(lines: &[&str], start: usize, min_indent: usize, key: &str) -> Option<(usize, usize)> {
    for (number, line) in lines.iter().enumerate().skip(start) {
        if !is_content(line) {
            continue;
        }
        let indent = content_start(line);
        if number > start && indent < min_indent {
            return None;
        }
        let rest = &line[indent..];
        if let Some(after) = rest.strip_prefix(key)
            && after.starts_with(':')
            && indent >= min_indent
        {
            return Some((number, indent + 1));
        }
    }
    None
}

fn find_item(
    lines: &[&str],
    start: usize,
    min_indent: usize,
    index: usize,
) -> Option<(usize, usize)> {
    // Flow sequences (`[a, b]`) stay on the key's line.
    if let Some(line) = lines.get(start)
        && line.contains('[')
    {
        return Some((start, min_indent));
    }
    let mut seen = 0;
    let mut item_indent = None;
    for (number, line) in lines.iter().enumerate().skip(start + 1) {
        if !is_content(line) {
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        let is_item = line.trim_start().starts_with("- ") || line.trim_start() == "-";
        // Block sequences may sit at the parent key's own indent (compact style).
        if indent + 1 < min_indent && !(is_item && indent + 1 == min_indent) {
            return None;
        }
        if is_item && item_indent.is_none_or(|i| i == indent) {
            item_indent = Some(indent);
            if seen == index {
                return Some((number, indent + 2));
            }
            seen += 1;
        } else if item_indent.is_some_and(|i| indent < i) {
            return None;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "\
# yaml-language-server: $schema=x
id: 2026-0001
discovered:
  date: 2026-03-27
  time: '10:00'
data_categories:
  keys:
  - health
  - helth
processors:
- name: A
  org_number: 1
- name: B
  org_number: '12'
";

    #[test]
    fn finds_keys_items_and_nested_fields() {
        assert_eq!(line_of_pointer(TEXT, "/id"), Some(2));
        assert_eq!(line_of_pointer(TEXT, "/discovered/time"), Some(5));
        assert_eq!(line_of_pointer(TEXT, "/data_categories/keys/1"), Some(9));
        assert_eq!(line_of_pointer(TEXT, "/processors/1/org_number"), Some(14));
        assert_eq!(line_of_pointer(TEXT, "/processors/0/org_number"), Some(12));
        assert_eq!(line_of_pointer(TEXT, "/missing"), None);
        assert_eq!(line_of_pointer(TEXT, ""), None);
    }
}
