//! Horizontal bar charts as plain SVG elements, each with a `<title>` and, beside it, the
//! same figures as a table (for screen readers, for copying, and for a check of the
//! printed text). Coordinates are rounded to a tenth, so the output is byte-stable.

use super::escape;

/// One bar: its label, its length, and the figure shown for it.
pub(super) struct Bar {
    pub label: String,
    pub value: f64,
    pub shown: String,
    /// Said after `shown` in the table, e.g. why the bar is in the warning colour (colour
    /// is never the only sign).
    pub note: Option<String>,
    /// Drawn in the warning colour.
    pub warning: bool,
}

/// A vertical reference line across the bars, e.g. the 72 hours of GDPR Art. 33(1).
pub(super) struct Reference {
    pub at: f64,
    pub label: String,
    pub dashed: bool,
}

pub(super) struct Chart {
    /// Unique within the page: the SVG title's id.
    pub id: &'static str,
    pub title: String,
    /// The headings of the table's two columns.
    pub columns: [String; 2],
    pub bars: Vec<Bar>,
    pub references: Vec<Reference>,
    /// Said instead of the chart when there are no bars.
    pub empty: String,
}

/// The most the labels take; a chart of short labels (months, ids) takes less.
const LABEL_WIDTH: f64 = 250.0;
/// About the width of a character of the labels' 10-point font.
const CHAR_WIDTH: f64 = 6.2;
const BAR_SPACE: f64 = 210.0;
/// Room after the longest bar for its figure ("122 tim 30 min").
const FIGURE_SPACE: f64 = 100.0;
const ROW: f64 = 20.0;
const BAR: f64 = 13.0;
const REFERENCE_ROW: f64 = 11.0;
const LABEL_CHARS: usize = 38;

fn shorten(label: &str) -> String {
    if label.chars().count() <= LABEL_CHARS {
        label.to_string()
    } else {
        // At a word's end when there is one, so no word is cut.
        let kept: String = label.chars().take(LABEL_CHARS - 1).collect();
        let kept = kept
            .rsplit_once(' ')
            .map_or(kept.as_str(), |(head, _)| head);
        format!("{}…", kept.trim_end())
    }
}

/// The figure: caption, SVG and table.
pub(super) fn figure(chart: &Chart) -> String {
    let mut out = format!(
        "<figure>\n<figcaption>{}</figcaption>\n",
        escape(&chart.title)
    );
    if chart.bars.is_empty() {
        out.push_str(&format!("<p>{}</p>\n</figure>\n", escape(&chart.empty)));
        return out;
    }
    out.push_str("<div class=\"chart\">\n");
    out.push_str(&svg(chart));
    out.push_str(&format!(
        "<table>\n<thead><tr><th>{}</th><th class=\"number\">{}</th></tr></thead>\n<tbody>\n",
        escape(&chart.columns[0]),
        escape(&chart.columns[1])
    ));
    for bar in &chart.bars {
        let class = if bar.warning { " late" } else { "" };
        let note = bar
            .note
            .as_ref()
            .map(|n| format!(" ({})", escape(n)))
            .unwrap_or_default();
        out.push_str(&format!(
            "<tr><td>{}</td><td class=\"number{class}\">{}{note}</td></tr>\n",
            escape(&bar.label),
            escape(&bar.shown)
        ));
    }
    out.push_str("</tbody>\n</table>\n</div>\n</figure>\n");
    out
}

#[expect(
    clippy::cast_precision_loss,
    reason = "a chart has a handful of bars and reference lines"
)]
fn svg(chart: &Chart) -> String {
    let top = 6.0 + REFERENCE_ROW * chart.references.len() as f64;
    let height = top + ROW * chart.bars.len() as f64 + 6.0;
    let largest = chart
        .bars
        .iter()
        .map(|b| b.value)
        .chain(chart.references.iter().map(|r| r.at))
        .fold(0.0_f64, f64::max);
    let longest = chart
        .bars
        .iter()
        .map(|b| shorten(&b.label).chars().count())
        .max()
        .unwrap_or(0);
    let label_width = (longest as f64 * CHAR_WIDTH + 8.0)
        .round()
        .clamp(60.0, LABEL_WIDTH);
    let width = label_width + BAR_SPACE + FIGURE_SPACE;
    let scale = if largest > 0.0 {
        BAR_SPACE / largest
    } else {
        0.0
    };
    let mut out = format!(
        "<svg role=\"img\" aria-labelledby=\"{id}-title\" width=\"{width:.1}\" height=\"{height:.1}\" \
         viewBox=\"0 0 {width:.1} {height:.1}\" font-family=\"DejaVu Sans, Liberation Sans, Arial, sans-serif\" font-size=\"11\">\n\
         <title id=\"{id}-title\">{title}</title>\n",
        id = chart.id,
        title = escape(&chart.title)
    );
    for (row, bar) in chart.bars.iter().enumerate() {
        let y = top + ROW * row as f64;
        let length = (bar.value * scale).max(0.0);
        let colour = if bar.warning { "#a4221b" } else { "#2f5d8a" };
        out.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" font-size=\"10\" fill=\"#1b1b1b\">{}</text>\n\
             <rect x=\"{label_width:.1}\" y=\"{:.1}\" width=\"{length:.1}\" height=\"{BAR}\" fill=\"{colour}\"/>\n\
             <text x=\"{:.1}\" y=\"{:.1}\" fill=\"#1b1b1b\">{}</text>\n",
            label_width - 6.0,
            y + 10.5,
            escape(&shorten(&bar.label)),
            y + 1.0,
            label_width + length + 4.0,
            y + 10.5,
            escape(&bar.shown)
        ));
    }
    for (index, reference) in chart.references.iter().enumerate() {
        let x = label_width + reference.at * scale;
        let dash = if reference.dashed {
            " stroke-dasharray=\"4 3\""
        } else {
            ""
        };
        out.push_str(&format!(
            "<line x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\" stroke=\"#1b1b1b\" stroke-width=\"1.2\"{dash}/>\n\
             <text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"9\" fill=\"#1b1b1b\">{}</text>\n",
            3.0 + REFERENCE_ROW * (index as f64 + 1.0) - 1.0,
            height - 3.0,
            REFERENCE_ROW * (index as f64 + 1.0) - 1.0,
            escape(&reference.label)
        ));
    }
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(bars: Vec<Bar>) -> Chart {
        Chart {
            id: "test",
            title: "Orsak <18>".into(),
            columns: ["Orsak".into(), "Antal".into()],
            bars,
            references: vec![Reference {
                at: 72.0,
                label: "72 tim (GDPR art. 33.1)".into(),
                dashed: false,
            }],
            empty: "Inga".into(),
        }
    }

    #[test]
    fn a_chart_has_a_title_and_its_figures_as_a_table() {
        let html = figure(&chart(vec![Bar {
            label: "Mänskligt fel & <slarv>".into(),
            value: 36.0,
            shown: "36,0 tim".into(),
            note: None,
            warning: false,
        }]));
        assert!(html.contains("<title id=\"test-title\">Orsak &lt;18&gt;</title>"));
        assert!(html.contains("<td>Mänskligt fel &amp; &lt;slarv&gt;</td>"));
        // 36 of 72 hours: half the bar space; the line at the whole, after labels of 23
        // characters (151 points).
        assert!(html.contains("width=\"105.0\""), "{html}");
        assert!(html.contains("x1=\"361.0\""), "{html}");
    }

    #[test]
    fn a_chart_without_bars_says_so() {
        let html = figure(&chart(Vec::new()));
        assert!(html.contains("<p>Inga</p>"));
        assert!(!html.contains("<svg"));
    }

    #[test]
    fn long_labels_are_shortened_in_the_chart_only() {
        assert_eq!(shorten("kort"), "kort");
        assert_eq!(shorten(&"x".repeat(50)), format!("{}…", "x".repeat(37)));
        assert_eq!(
            shorten("Antagonistisk handling från en extern aktör"),
            "Antagonistisk handling från en…"
        );
    }
}
