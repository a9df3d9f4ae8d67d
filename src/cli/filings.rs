//! The filings of `incident show`: what was sent and when, each with its filed tag.

use chrono_tz::Tz;

use crate::domain::Lang;
use crate::domain::terminal::for_terminal;
use crate::store::FiledTag;

/// The filings and their tags (`filed/<id>/<what>`, see [`crate::domain::filing`]): what
/// was sent and when, as the tag says; nothing when there is none.
pub fn section(filings: &[FiledTag], lang: Lang, zone: Tz) -> String {
    if filings.is_empty() {
        return String::new();
    }
    let mut out = format!("\n{}\n", lang.pick("Inlämnat", "Filed"));
    for filing in filings {
        let what = filing
            .kind
            .as_ref()
            .map_or_else(|| filing.name.clone(), |kind| kind.label(lang));
        let when = filing.filed_at.map_or_else(String::new, |at| {
            format!(" {}", at.with_timezone(&zone).format("%Y-%m-%d %H:%M"))
        });
        // A tag that is no longer in the journal's history is said so (verify says more).
        let outside = if filing.in_branch {
            ""
        } else {
            lang.pick(", inte i journalen", ", not in the journal")
        };
        out.push_str(&format!(
            "  {what}{when} ({} {}{outside})\n",
            lang.pick("tagg", "tag"),
            for_terminal(&filing.name)
        ));
    }
    out
}
