//! The DPO's annual follow-up for the board (the municipal process, step G: the DPO
//! "följer årligen upp inrapporterade incidenter"), as a printable page: key figures, and
//! charts of incidents per month, by what happened, by cause, by severity band, and of each
//! notification's hours against the 72 of GDPR Art. 33(1).

use chrono::NaiveDate;

use super::chart::{Bar, Chart, Reference, figure};
use super::{count, escape, hours, long_date, page};
use crate::domain::Lang;
use crate::domain::model::VerdictKind;
use crate::domain::model::assessment::Band;
use crate::domain::obligations::GDPR_NOTIFY_IMY_HOURS;
use crate::domain::stats::{Stats, counted_label};

/// What the page is made from.
pub struct AnnualReport<'a> {
    pub stats: &'a Stats,
    /// The organisation that keeps the register (incident.toml).
    pub organisation: &'a str,
    /// The day the page is made (the caller's clock).
    pub made_on: NaiveDate,
    /// The organisation's own target for notifying IMY, when shorter than the law's 72
    /// hours (incident.toml `notify_imy_hours`).
    pub internal_target_hours: Option<u32>,
    pub lang: Lang,
}

#[expect(
    clippy::cast_precision_loss,
    reason = "counts of a register's incidents are far below 2^52"
)]
fn counted(
    counts: &std::collections::BTreeMap<String, usize>,
    label: impl Fn(&str) -> String,
    lang: Lang,
) -> Vec<Bar> {
    counts
        .iter()
        .map(|(key, n)| Bar {
            label: label(key),
            value: *n as f64,
            shown: count(*n, lang),
            note: None,
            warning: false,
        })
        .collect()
}

/// The months the chart shows: every month of the year followed up, or from the first to
/// the last month with an incident.
fn months(stats: &Stats) -> Vec<(i32, u32)> {
    let parse = |key: &str| -> Option<(i32, u32)> {
        let (year, month) = key.split_once('-')?;
        Some((year.parse().ok()?, month.parse().ok()?))
    };
    let (first, last) = match stats.year {
        Some(year) => ((year, 1), (year, 12)),
        None => {
            let mut found = stats.by_month.keys().filter_map(|k| parse(k));
            let Some(first) = found.next() else {
                return Vec::new();
            };
            (first, found.next_back().unwrap_or(first))
        }
    };
    let mut out = Vec::new();
    let mut at = first;
    while at <= last {
        out.push(at);
        at = if at.1 == 12 {
            (at.0 + 1, 1)
        } else {
            (at.0, at.1 + 1)
        };
    }
    out
}

#[expect(
    clippy::cast_precision_loss,
    reason = "counts of a register's incidents are far below 2^52"
)]
fn month_bars(stats: &Stats, lang: Lang) -> Vec<Bar> {
    if stats.incidents == 0 {
        return Vec::new();
    }
    months(stats)
        .into_iter()
        .map(|(year, month)| {
            let n = stats
                .by_month
                .get(&format!("{year:04}-{month:02}"))
                .copied()
                .unwrap_or(0);
            let name = lang.month(month - 1);
            Bar {
                label: match stats.year {
                    Some(_) => name.to_string(),
                    None => format!("{name} {year}"),
                },
                value: n as f64,
                shown: count(n, lang),
                note: None,
                warning: false,
            }
        })
        .collect()
}

fn severity_label(key: &str, lang: Lang) -> String {
    [Band::Low, Band::Medium, Band::High, Band::VeryHigh]
        .into_iter()
        .find(|band| band.key() == key)
        .map_or_else(
            || lang.pick("ej bedömd", "not assessed").to_string(),
            |band| band.label(lang).to_string(),
        )
}

/// The severity bands in their order, low to very high, then the unassessed.
fn severity_bars(stats: &Stats, lang: Lang) -> Vec<Bar> {
    let order = ["low", "medium", "high", "very_high", "unassessed"];
    let mut bars = counted(&stats.severity, |k| severity_label(k, lang), lang);
    let rank = |label: &str| {
        order
            .iter()
            .position(|k| severity_label(k, lang) == label)
            .unwrap_or(order.len())
    };
    bars.sort_by_key(|b| rank(&b.label));
    bars
}

fn notification_chart(report: &AnnualReport) -> Chart {
    let lang = report.lang;
    let t = |sv: &'static str, en: &'static str| lang.pick(sv, en).to_string();
    let law = f64::from(GDPR_NOTIFY_IMY_HOURS);
    let mut references = vec![Reference {
        at: law,
        label: format!(
            "{GDPR_NOTIFY_IMY_HOURS} {}",
            lang.pick("tim, GDPR art. 33.1", "h, GDPR Art. 33(1)")
        ),
        dashed: false,
    }];
    if let Some(target) = report
        .internal_target_hours
        .filter(|h| *h < GDPR_NOTIFY_IMY_HOURS)
    {
        references.insert(
            0,
            Reference {
                at: f64::from(target),
                label: format!(
                    "{target} {}",
                    lang.pick("tim, internt mål", "h, internal target")
                ),
                dashed: true,
            },
        );
    }
    Chart {
        id: "notification",
        title: t(
            "Tid från vetskap till anmälan till IMY, mot 72 timmar (GDPR art. 33.1)",
            "Time from awareness to the notification to IMY, against 72 hours (GDPR Art. 33(1))",
        ),
        columns: [t("Incident", "Incident"), t("Tid", "Time")],
        bars: report
            .stats
            .hours_to_notification
            .iter()
            .map(|n| Bar {
                label: n.id.clone(),
                value: n.hours,
                shown: hours(n.hours, lang),
                note: n
                    .late
                    .then(|| lang.pick("efter 72 tim", "after 72 h").to_string()),
                warning: n.late,
            })
            .collect(),
        references,
        empty: t(
            "Ingen incident anmäldes till IMY.",
            "No incident was notified to IMY.",
        ),
    }
}

fn summary(report: &AnnualReport) -> String {
    let (stats, lang) = (report.stats, report.lang);
    let t = |sv: &'static str, en: &'static str| lang.pick(sv, en).to_string();
    let median = stats
        .median_hours_to_notification
        .map_or_else(|| "–".to_string(), |h| hours(h, lang));
    let longest = stats
        .worst_hours_to_notification
        .map_or_else(|| "–".to_string(), |h| hours(h, lang));
    let rows = [
        (
            match stats.year {
                Some(year) => format!(
                    "{} {year}",
                    t("Incidenter upptäckta", "Incidents discovered in")
                ),
                None => t("Incidenter", "Incidents"),
            },
            count(stats.incidents, lang),
        ),
        (
            t("varav avslutade", "of which closed"),
            count(stats.closed, lang),
        ),
        (
            t("Anmälda till IMY", "Notified to IMY"),
            count(stats.notified, lang),
        ),
        (
            t(
                "varav senare än 72 timmar efter vetskap (GDPR art. 33.1)",
                "of which later than 72 hours after awareness (GDPR Art. 33(1))",
            ),
            count(stats.notified_late, lang),
        ),
        (
            t(
                "Bedömda som ej anmälningspliktiga (GDPR art. 33.1)",
                "Assessed as not to be notified (GDPR Art. 33(1))",
            ),
            count(stats.not_notified, lang),
        ),
        (
            t("Tid till anmälan, median", "Time to notification, median"),
            median,
        ),
        (
            t("Tid till anmälan, längst", "Time to notification, longest"),
            longest,
        ),
        (
            t("Öppna planerade åtgärder", "Open planned measures"),
            count(stats.open_measures, lang),
        ),
    ];
    let mut out = format!(
        "<section class=\"section\">\n<h2>{}</h2>\n<table>\n<tbody>\n",
        t("Sammanfattning", "Summary")
    );
    for (label, value) in rows {
        out.push_str(&format!(
            "<tr><td>{}</td><td class=\"number\">{}</td></tr>\n",
            escape(&label),
            escape(&value)
        ));
    }
    out.push_str("</tbody>\n</table>\n");
    // The verdicts' table only when there is a verdict to count (a year without incidents
    // has none: no table of headings alone).
    if stats.verdict.is_empty() {
        out.push_str("</section>\n");
        return out;
    }
    out.push_str(&format!(
        "<table>\n<thead><tr><th>{}</th><th class=\"number\">{}</th></tr></thead>\n<tbody>\n",
        t("Klassning", "Verdict"),
        t("Antal", "Count")
    ));
    for kind in VerdictKind::ALL {
        if let Some(n) = stats.verdict.get(kind.key()) {
            out.push_str(&format!(
                "<tr><td>{}</td><td class=\"number\">{}</td></tr>\n",
                escape(kind.short(lang)),
                count(*n, lang)
            ));
        }
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
    out
}

/// The annual follow-up as one self-contained HTML page.
pub fn annual_report(report: &AnnualReport) -> String {
    let (stats, lang) = (report.stats, report.lang);
    let t = |sv: &'static str, en: &'static str| lang.pick(sv, en).to_string();
    let title = match stats.year {
        Some(year) => format!(
            "{} {year}",
            t(
                "Årsuppföljning av inrapporterade incidenter",
                "Annual follow-up of reported incidents"
            )
        ),
        None => t(
            "Uppföljning av inrapporterade incidenter, alla år",
            "Follow-up of reported incidents, all years",
        ),
    };
    let mut body = format!(
        "<header>\n<p class=\"organisation\">{}</p>\n<h1>{}</h1>\n<p class=\"meta\">{} {}.</p>\n</header>\n",
        escape(report.organisation),
        escape(&title),
        t(
            "Dataskyddsombudets uppföljning för ledningen (steg G); incidenterna räknas efter när de upptäcktes. Upprättad",
            "The data protection officer's follow-up for the board (step G); incidents are counted by when they were discovered. Made on",
        ),
        escape(&long_date(report.made_on, lang))
    );
    body.push_str(&summary(report));
    let code = |n: u8| move |key: &str| counted_label(n, key, lang);
    let charts = [
        notification_chart(report),
        Chart {
            id: "month",
            title: t(
                "Incidenter per månad (upptäckt)",
                "Incidents per month (discovered)",
            ),
            columns: [t("Månad", "Month"), t("Antal", "Count")],
            bars: month_bars(stats, lang),
            references: Vec::new(),
            empty: t("Inga incidenter.", "No incidents."),
        },
        Chart {
            id: "what",
            title: t(
                "Vad har hänt (IMY fråga 15)",
                "What happened (IMY question 15)",
            ),
            columns: [t("Vad har hänt", "What happened"), t("Antal", "Count")],
            bars: counted(&stats.what_happened, code(15), lang),
            references: Vec::new(),
            empty: t("Inga incidenter.", "No incidents."),
        },
        Chart {
            id: "cause",
            title: t("Orsak (IMY fråga 18)", "Cause (IMY question 18)"),
            columns: [t("Orsak", "Cause"), t("Antal", "Count")],
            bars: counted(&stats.cause, code(18), lang),
            references: Vec::new(),
            empty: t("Inga incidenter.", "No incidents."),
        },
        Chart {
            id: "severity",
            title: t(
                "Allvarlighet enligt riskbedömningen (ENISA 2013)",
                "Severity by the risk assessment (ENISA 2013)",
            ),
            columns: [t("Allvarlighet", "Severity"), t("Antal", "Count")],
            bars: severity_bars(stats, lang),
            references: Vec::new(),
            empty: t("Inga incidenter.", "No incidents."),
        },
    ];
    body.push_str(&format!("<h2>{}</h2>\n", t("Diagram", "Charts")));
    for chart in &charts {
        body.push_str(&figure(chart));
    }
    body.push_str(&format!(
        "<footer>\n<p class=\"source\">{}</p>\n</footer>\n",
        t(
            "Källor: GDPR art. 33.1 (anmälan till IMY inom 72 timmar efter vetskap, om det inte är osannolikt att incidenten medför en risk) och art. 33.5 (varje incident dokumenteras); ENISA, Recommendations for a methodology of the assessment of severity of personal data breaches (2013); IMY:s formulär för anmälan av personuppgiftsincident (frågorna 15 och 18). Ett internt mål är organisationens eget, inte lagens. Skapad med incident.",
            "Sources: GDPR Art. 33(1) (notification to IMY within 72 hours of awareness, unless the breach is unlikely to result in a risk) and Art. 33(5) (every breach is documented); ENISA, Recommendations for a methodology of the assessment of severity of personal data breaches (2013); IMY's form for notifying a personal data breach (questions 15 and 18). An internal target is the organisation's own, not the law's. Made with incident.",
        )
    ));
    page(lang, &format!("{title} – {}", report.organisation), &body)
}
