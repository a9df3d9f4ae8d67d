//! The regimes file: every regime in it loads with the figures of the law, and a bad file
//! is refused with a message naming the regime, the report and what is wrong.

use super::*;

#[test]
fn every_regime_of_the_file_loads() {
    let regimes = parse(REGIMES_TOML).unwrap();
    assert_eq!(regimes.keys(), ["gdpr", "nis2", "dora", "cert_se"]);
    for regime in &regimes.list {
        for report in &regime.reports {
            assert!(
                report.law,
                "{}: every report in the file is law",
                report.duty_key
            );
        }
    }
}

#[test]
fn the_figures_are_those_of_the_law() {
    let regimes = regimes();
    let period = |regime: &str, report: &str| {
        let report = regimes.get(regime).unwrap().report(report).unwrap();
        (report.from.clone(), report.period())
    };
    // NIS2 Art. 23(4)(a), (b), (d).
    assert_eq!(
        period("nis2", "early_warning"),
        (Anchor::Awareness, Some(Period::Hours(24)))
    );
    assert_eq!(
        period("nis2", "notification"),
        (Anchor::Awareness, Some(Period::Hours(72)))
    );
    assert_eq!(
        period("nis2", "final_report"),
        (Anchor::Sent("notification".into()), Some(Period::Months(1)))
    );
    assert_eq!(
        period("nis2", "intermediate_report"),
        (Anchor::Request, None)
    );
    // DORA: Delegated Regulation (EU) 2025/301 Art. 5.
    let initial = regimes
        .get("dora")
        .unwrap()
        .report("initial_notification")
        .unwrap();
    assert_eq!(initial.from, Anchor::Classification);
    assert_eq!(initial.period(), Some(Period::Hours(4)));
    assert_eq!(initial.no_later_than_hours_from_awareness, Some(24));
    assert_eq!(
        period("dora", "intermediate_report"),
        (
            Anchor::Sent("initial_notification".into()),
            Some(Period::Hours(72))
        )
    );
    // MSBFS 2020:8: 6 hours.
    assert_eq!(
        period("cert_se", "first_report"),
        (Anchor::Awareness, Some(Period::Hours(6)))
    );
}

const GOOD_REPORT: &str =
    "key = \"r\"\nsv = \"s\"\nen = \"e\"\nrule_sv = \"rs\"\nrule_en = \"re\"\nlaw = true\n";

fn file(reports: &str) -> String {
    format!(
        "[[regime]]\nkey = \"x\"\nsv = \"X\"\nen = \"X\"\ntrigger = \"classified\"\nrecipient_sv = \"m\"\nrecipient_en = \"a\"\n{reports}"
    )
}

#[test]
fn a_bad_file_is_refused_with_a_clear_message() {
    let cases = [
        (
            format!("[[regime.report]]\n{GOOD_REPORT}from = \"awareness\"\n"),
            "regime `x`, report `r`: give exactly one of hours, days or months",
        ),
        (
            format!("[[regime.report]]\n{GOOD_REPORT}from = \"awareness\"\nhours = 4\ndays = 2\n"),
            "regime `x`, report `r`: give exactly one of hours, days or months",
        ),
        (
            format!("[[regime.report]]\n{GOOD_REPORT}from = \"sent:initial\"\nhours = 4\n"),
            "regime `x`, report `r`: `initial` is not a report given before it in the regime",
        ),
        (
            format!("[[regime.report]]\n{GOOD_REPORT}from = \"yesterday\"\nhours = 4\n"),
            "`yesterday` is not a moment",
        ),
        (
            format!("[[regime.report]]\n{GOOD_REPORT}from = \"awareness\"\nhours = 4\nweeks = 1\n"),
            "unknown field `weeks`",
        ),
        (String::new(), "regime `x`: no report"),
        (
            format!("[[regime.report]]\n{GOOD_REPORT}from = \"awareness\"\nhours = 4\n")
                .replace("law = true", "law = false"),
            "regime `x`, report `r`: a report that is not law says so in its rule",
        ),
    ];
    for (reports, expected) in cases {
        let error = parse(&file(&reports)).unwrap_err();
        assert!(error.contains(expected), "{expected}\n  got: {error}");
    }
    let gdpr = file(&format!(
        "[[regime.report]]\n{GOOD_REPORT}from = \"awareness\"\nhours = 4\n"
    ))
    .replace("key = \"x\"", "key = \"gdpr\"");
    assert!(parse(&gdpr).unwrap_err().contains("the GDPR's"));
}
