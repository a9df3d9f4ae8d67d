//! `incident stats --format csv`: the annual follow-up as rows of a spreadsheet, one
//! figure a row under its section, in the interface language; hours as decimal numbers.

use crate::cli::csv_out::Delimiter;
use crate::domain::Lang;
use crate::domain::model::VerdictKind;
use crate::domain::stats::{Stats, counted_label};

/// The header and rows of the follow-up: section, item, value.
pub fn rows(
    figures: &Stats,
    lang: Lang,
    delimiter: Delimiter,
) -> ([&'static str; 3], Vec<Vec<String>>) {
    let t = |sv: &'static str, en: &'static str| lang.pick(sv, en);
    let header = [
        t("Avsnitt", "Section"),
        t("Post", "Item"),
        t("Värde", "Value"),
    ];
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut put = |section: &str, item: String, value: String| {
        rows.push(vec![section.to_string(), item, value]);
    };
    let incidents = t("Incidenter", "Incidents");
    let discovered = match figures.year {
        Some(year) => format!("{} {year}", t("upptäckta", "discovered in")),
        None => t("alla", "all").to_string(),
    };
    put(incidents, discovered, figures.incidents.to_string());
    put(
        incidents,
        t("varav avslutade", "of which closed").into(),
        figures.closed.to_string(),
    );
    let verdict = t("Klassning", "Verdict");
    for kind in VerdictKind::ALL {
        if let Some(count) = figures.verdict.get(kind.key()) {
            put(verdict, kind.short(lang).into(), count.to_string());
        }
    }
    let groups = [
        (
            t("Vad har hänt (15)", "What happened (15)"),
            15,
            &figures.what_happened,
        ),
        (t("Orsak (18)", "Cause (18)"), 18, &figures.cause),
        (t("Verksamhetsområde (20)", "Area (20)"), 20, &figures.area),
    ];
    for (section, number, counts) in groups {
        for (key, count) in counts {
            put(section, counted_label(number, key, lang), count.to_string());
        }
    }
    let severity = t("Allvarlighet (ENISA)", "Severity (ENISA)");
    for (band, count) in &figures.severity {
        let label = match band.as_str() {
            "low" => t("låg", "low"),
            "medium" => t("medel", "medium"),
            "high" => t("hög", "high"),
            "very_high" => t("mycket hög", "very high"),
            _ => t("ej bedömd", "not assessed"),
        };
        put(severity, label.into(), count.to_string());
    }
    let imy = t("Anmälan till IMY", "Notification to IMY");
    put(
        imy,
        t("anmälda", "notified").into(),
        figures.notified.to_string(),
    );
    put(
        imy,
        t(
            "varav efter 72 timmar (GDPR art. 33.1)",
            "of which after 72 hours (GDPR Art. 33(1))",
        )
        .into(),
        figures.notified_late.to_string(),
    );
    put(
        imy,
        t(
            "bedömda som ej anmälningspliktiga",
            "assessed as not to be notified",
        )
        .into(),
        figures.not_notified.to_string(),
    );
    let hours = |value: Option<f64>| value.map_or_else(String::new, |h| delimiter.decimal(h, 1));
    put(
        imy,
        t(
            "tid till anmälan, median (timmar)",
            "time to notification, median (hours)",
        )
        .into(),
        hours(figures.median_hours_to_notification),
    );
    put(
        imy,
        t(
            "tid till anmälan, längst (timmar)",
            "time to notification, longest (hours)",
        )
        .into(),
        hours(figures.worst_hours_to_notification),
    );
    put(
        t("Åtgärder", "Measures"),
        t("öppna planerade åtgärder", "open planned measures").into(),
        figures.open_measures.to_string(),
    );
    (header, rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_take_the_delimiters_decimal_separator() {
        let figures = Stats {
            incidents: 2,
            median_hours_to_notification: Some(12.5),
            ..Stats::default()
        };
        let (header, sv) = rows(&figures, Lang::Sv, Delimiter::Semicolon);
        assert_eq!(header, ["Avsnitt", "Post", "Värde"]);
        assert!(sv.contains(&vec![
            "Anmälan till IMY".to_string(),
            "tid till anmälan, median (timmar)".to_string(),
            "12,5".to_string()
        ]));
        let (_, en) = rows(&figures, Lang::En, Delimiter::Comma);
        assert!(en.iter().any(|row| row[2] == "12.5"));
        assert_eq!(en[0], ["Incidents", "all", "2"]);
    }
}
