//! Printable HTML: one self-contained file per document (no network: the styles are inline
//! and the charts are SVG elements written here), laid out for A4 paper, in Swedish or
//! English typography. Everything that comes from the register is escaped. Pure functions
//! of their input, so the same register gives the same bytes.

mod annual;
mod chart;
mod report;

pub use annual::{AnnualReport, annual_report};
pub use report::report_html;

use chrono::{Datelike, NaiveDate};

use crate::domain::Lang;

/// Text made safe for HTML element content and attribute values (also inside SVG).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters have no place in a printed page (a terminal escape typed
            // into a field would show as garbage); tabs and line breaks stay.
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// A whole number as the language writes it: a no-break space between thousands in
/// Swedish ("12 345", the Swedish Language Council's rule), a comma in English ("12,345").
pub fn count(value: usize, lang: Lang) -> String {
    let digits = value.to_string();
    let separator = lang.pick("\u{A0}", ",");
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(separator);
        }
        out.push(digit);
    }
    out
}

/// A date in running text: "1 mars 2026" / "1 March 2026".
pub fn long_date(date: NaiveDate, lang: Lang) -> String {
    format!(
        "{} {} {}",
        date.day(),
        lang.month(date.month0()),
        date.year()
    )
}

/// Hours and minutes as the language writes them: "46 tim 45 min" / "46 h 45 min", the
/// minutes left out when there are none. Whole minutes, not a decimal: one decimal made
/// 71 h 58 min (in time) and 72 h 1 min (late) both read "72,0".
#[expect(
    clippy::cast_possible_truncation,
    reason = "hours between two dates of a register are far below 2^63 minutes"
)]
pub fn hours(value: f64, lang: Lang) -> String {
    let minutes = (value * 60.0).round() as i64;
    let sign = if minutes < 0 { "\u{2212}" } else { "" };
    let (whole, rest) = (minutes.abs() / 60, minutes.abs() % 60);
    let unit = lang.pick("tim", "h");
    if rest == 0 {
        format!("{sign}{whole}\u{A0}{unit}")
    } else {
        format!("{sign}{whole}\u{A0}{unit} {rest}\u{A0}min")
    }
}

/// The styles of every page: screen and print (A4, margins, no break inside a table or a
/// chart, headings kept with what follows).
const STYLE: &str = "\
@page { size: A4; margin: 18mm 16mm 20mm 16mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: \"DejaVu Sans\", \"Liberation Sans\", Arial, Helvetica, sans-serif; font-size: 10.5pt; line-height: 1.4; color: #1b1b1b; background: #fff; max-width: 182mm; margin: 0 auto; padding: 10mm 6mm; }
h1 { font-size: 19pt; margin: 0 0 2mm; color: #16324f; }
h2 { font-size: 13pt; margin: 7mm 0 2mm; color: #16324f; border-bottom: 0.4mm solid #c9d3dd; padding-bottom: 1mm; break-after: avoid; page-break-after: avoid; }
p { margin: 1mm 0 2mm; }
.organisation { font-size: 11pt; color: #4a5a6a; margin: 0; }
.meta { color: #4a5a6a; font-size: 9.5pt; }
table { border-collapse: collapse; margin: 1mm 0 3mm; break-inside: avoid; page-break-inside: avoid; }
th, td { text-align: left; vertical-align: top; padding: 0.8mm 2.5mm 0.8mm 0; border-bottom: 0.2mm solid #dde3e9; }
th { font-weight: bold; }
td.number, th.number { text-align: right; padding-right: 0; padding-left: 3mm; font-variant-numeric: tabular-nums; white-space: nowrap; }
figure { margin: 2mm 0 5mm; break-inside: avoid; page-break-inside: avoid; }
figcaption { font-weight: bold; margin-bottom: 1.5mm; }
.chart { display: flex; flex-wrap: wrap; gap: 4mm 8mm; align-items: flex-start; }
.chart svg { flex: 0 0 auto; max-width: 100%; height: auto; }
.chart table { font-size: 9pt; }
.source { font-size: 9pt; color: #4a5a6a; }
.late { color: #a4221b; font-weight: bold; }
.section { break-inside: avoid; page-break-inside: avoid; }
.lines p { margin: 0.6mm 0; white-space: pre-wrap; }
.lines dt { font-weight: bold; margin-top: 1mm; }
.lines dd { margin: 0 0 0.6mm 6mm; white-space: pre-wrap; }
footer { margin-top: 8mm; font-size: 9pt; color: #4a5a6a; border-top: 0.2mm solid #c9d3dd; padding-top: 2mm; }
@media print { body { max-width: none; padding: 0; } }
";

/// A complete HTML document: `title` is plain text (escaped here), `body` is HTML.
pub(crate) fn page(lang: Lang, title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"incident\">\n<title>{}</title>\n<style>\n{STYLE}</style>\n\
         </head>\n<body>\n{body}</body>\n</html>\n",
        lang.pick("sv", "en"),
        escape(title)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn register_text_is_escaped() {
        assert_eq!(
            escape("<script>alert('x') & \"y\"</script>\u{1b}[31m"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;\u{FFFD}[31m"
        );
    }

    #[test]
    fn thousands_take_a_no_break_space_in_swedish_and_a_comma_in_english() {
        assert_eq!(count(7, Lang::Sv), "7");
        assert_eq!(count(1234, Lang::Sv), "1\u{A0}234");
        assert_eq!(count(1_234_567, Lang::Sv), "1\u{A0}234\u{A0}567");
        assert_eq!(count(123_456, Lang::En), "123,456");
    }

    #[test]
    fn dates_and_hours_read_as_the_language_writes_them() {
        let date = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        assert_eq!(long_date(date, Lang::Sv), "1 mars 2026");
        assert_eq!(long_date(date, Lang::En), "1 March 2026");
        assert_eq!(hours(46.5, Lang::Sv), "46\u{A0}tim 30\u{A0}min");
        assert_eq!(hours(46.5, Lang::En), "46\u{A0}h 30\u{A0}min");
        assert_eq!(hours(25.0, Lang::Sv), "25\u{A0}tim");
    }

    #[test]
    fn hours_near_the_72_never_read_as_72_on_the_wrong_side() {
        // 71 h 58 min is in time, 72 h 1 min late: one decimal made both "72,0 tim".
        assert_eq!(
            hours(71.0 + 58.0 / 60.0, Lang::Sv),
            "71\u{A0}tim 58\u{A0}min"
        );
        assert_eq!(hours(72.0 + 1.0 / 60.0, Lang::Sv), "72\u{A0}tim 1\u{A0}min");
        assert_eq!(hours(72.0 + 1.0 / 60.0, Lang::En), "72\u{A0}h 1\u{A0}min");
    }

    #[test]
    fn a_page_names_its_language_and_needs_no_network() {
        let html = page(Lang::Sv, "A & B", "<p>x</p>\n");
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"sv\">"));
        assert!(html.contains("<title>A &amp; B</title>"));
        assert!(html.contains("@page { size: A4"));
        for remote in ["http:", "https:", "<link", "<script", "@import", "url("] {
            assert!(!html.contains(remote), "{remote}");
        }
    }
}
