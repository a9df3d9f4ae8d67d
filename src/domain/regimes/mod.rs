//! The reporting regimes beside the GDPR (NIS2 / cybersäkerhetslagen, DORA, the state
//! agencies' reports to CERT-SE), loaded from the one data file `catalogue/regimes.toml`:
//! per regime, what brings an incident into it, and per report the moment its clock runs
//! from, how long it has, the rule with its citation, and whether it is law or an internal
//! target. A change in the law is a change of that file (and of its test).

#[cfg(test)]
mod tests;

use std::sync::LazyLock;

use serde::Deserialize;

use super::lang::Lang;

const REGIMES_TOML: &str = include_str!("../../../catalogue/regimes.toml");

/// The GDPR's key in `regimes`: its duties are in the code, and every register has them.
pub const GDPR: &str = "gdpr";

#[expect(
    clippy::expect_used,
    reason = "the file is embedded in the binary and parsed by this module's unit tests"
)]
static REGIMES: LazyLock<Regimes> = LazyLock::new(|| {
    // Embedded and parsed by a unit test: a failure here is a build defect.
    parse(REGIMES_TOML).expect("catalogue/regimes.toml is valid (see its unit test)")
});

/// The regimes compiled into this binary.
pub fn regimes() -> &'static Regimes {
    &REGIMES
}

/// The regimes named by `keys` (incident.toml's `regimes`), in the file's order; the
/// GDPR's and unknown keys are not in the file (the rules refuse unknown ones).
pub fn chosen(keys: &[String]) -> Vec<&'static Regime> {
    regimes()
        .list
        .iter()
        .filter(|r| keys.contains(&r.key))
        .collect()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Regimes {
    #[serde(rename = "regime")]
    pub list: Vec<Regime>,
}

impl Regimes {
    pub fn get(&self, key: &str) -> Option<&Regime> {
        self.list.iter().find(|r| r.key == key)
    }

    /// Every key `regimes` in incident.toml may hold: the GDPR's, then the file's.
    pub fn keys(&self) -> Vec<&str> {
        std::iter::once(GDPR)
            .chain(self.list.iter().map(|r| r.key.as_str()))
            .collect()
    }
}

/// What brings an incident into a regime.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Trigger {
    /// report.yaml's `nis2_significant: true`.
    Nis2Significant,
    /// report.yaml's `classifications.<key>.applies: true`.
    Classified,
    /// Every incident, unless classified `applies: false`.
    EveryIncident,
}

#[derive(Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Regime {
    pub key: String,
    pub sv: String,
    pub en: String,
    pub trigger: Trigger,
    pub recipient_sv: String,
    pub recipient_en: String,
    #[serde(rename = "report", default)]
    pub reports: Vec<RegimeReport>,
}

impl Regime {
    pub fn name(&self, lang: Lang) -> &str {
        lang.pick(&self.sv, &self.en)
    }

    pub fn recipient(&self, lang: Lang) -> &str {
        lang.pick(&self.recipient_sv, &self.recipient_en)
    }

    pub fn report(&self, key: &str) -> Option<&RegimeReport> {
        self.reports.iter().find(|r| r.key == key)
    }
}

/// The moment a report's clock runs from.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub enum Anchor {
    Awareness,
    Classification,
    /// When the named report was sent (its deadline while it is not).
    Sent(String),
    /// Each request of the recipient's, due as it asked.
    Request,
    /// Due at the named report's deadline instead of it, when the incident is ongoing then.
    OngoingAt(String),
}

impl TryFrom<String> for Anchor {
    type Error = String;

    fn try_from(text: String) -> Result<Anchor, String> {
        match text.as_str() {
            "awareness" => Ok(Anchor::Awareness),
            "classification" => Ok(Anchor::Classification),
            "request" => Ok(Anchor::Request),
            _ => match text.split_once(':') {
                Some(("sent", report)) => Ok(Anchor::Sent(report.to_string())),
                Some(("ongoing_at", report)) => Ok(Anchor::OngoingAt(report.to_string())),
                _ => Err(format!(
                    "`{text}` is not a moment: expected awareness, classification, request, sent:<report> or ongoing_at:<report>"
                )),
            },
        }
    }
}

/// How long a report has after its moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// Elapsed hours.
    Hours(u32),
    /// Calendar days in the register's zone.
    Days(u32),
    /// Calendar months in the register's zone.
    Months(u32),
}

#[derive(Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct RegimeReport {
    pub key: String,
    pub sv: String,
    pub en: String,
    pub rule_sv: String,
    pub rule_en: String,
    /// A duty of law (true) or an internal target (false).
    pub law: bool,
    pub from: Anchor,
    #[serde(default)]
    hours: Option<u32>,
    #[serde(default)]
    days: Option<u32>,
    #[serde(default)]
    months: Option<u32>,
    /// A cap counted from awareness, unless it falls before the moment the clock runs from.
    #[serde(default)]
    pub no_later_than_hours_from_awareness: Option<u32>,
    /// While the incident is ongoing at this report's deadline: due this many months after
    /// it ended.
    #[serde(default)]
    pub after_end_months: Option<u32>,
    /// `<regime>_<report>`, the obligation's key; set when the file is read.
    #[serde(skip)]
    pub duty_key: String,
}

impl RegimeReport {
    /// How long it has after its moment; `None` for a report due as requested or due at
    /// another report's deadline.
    pub fn period(&self) -> Option<Period> {
        match (self.hours, self.days, self.months) {
            (Some(hours), None, None) => Some(Period::Hours(hours)),
            (None, Some(days), None) => Some(Period::Days(days)),
            (None, None, Some(months)) => Some(Period::Months(months)),
            _ => None,
        }
    }

    pub fn label(&self, lang: Lang) -> &str {
        lang.pick(&self.sv, &self.en)
    }

    pub fn rule(&self, lang: Lang) -> &str {
        lang.pick(&self.rule_sv, &self.rule_en)
    }
}

/// Reads a regimes file and checks what its types cannot: keys unique, one period per
/// report unless it is due on request or at another's deadline, the reports a moment names
/// come before it, every text written.
pub fn parse(text: &str) -> Result<Regimes, String> {
    let mut regimes: Regimes = toml::from_str(text).map_err(|e| e.to_string())?;
    let mut seen = Vec::new();
    for regime in &mut regimes.list {
        let at = format!("regime `{}`", regime.key);
        if regime.key == GDPR || seen.contains(&regime.key) {
            return Err(format!("{at}: the key is the GDPR's or given twice"));
        }
        seen.push(regime.key.clone());
        if regime.reports.is_empty() {
            return Err(format!("{at}: no report"));
        }
        let mut earlier: Vec<&str> = Vec::new();
        for report in &regime.reports {
            let at = format!("{at}, report `{}`", report.key);
            if earlier.contains(&report.key.as_str()) {
                return Err(format!("{at}: the key is given twice"));
            }
            for text in [&report.sv, &report.en, &report.rule_sv, &report.rule_en] {
                if text.trim().is_empty() {
                    return Err(format!("{at}: a name or rule is empty"));
                }
            }
            // An hour figure the organisation chose is never shown as law.
            let says_target = report.rule_sv.contains("internt mål")
                && report.rule_en.contains("internal target");
            if !report.law && !says_target {
                return Err(format!(
                    "{at}: a report that is not law says so in its rule: \"internt mål\" / \"internal target\""
                ));
            }
            let periods = [report.hours, report.days, report.months]
                .iter()
                .filter(|p| p.is_some())
                .count();
            let needs_period = !matches!(report.from, Anchor::Request | Anchor::OngoingAt(_));
            if needs_period && periods != 1 {
                return Err(format!("{at}: give exactly one of hours, days or months"));
            }
            if !needs_period && periods != 0 {
                return Err(format!(
                    "{at}: a report due on request or at another's deadline has no hours, days or months"
                ));
            }
            if let Anchor::Sent(other) | Anchor::OngoingAt(other) = &report.from
                && !earlier.contains(&other.as_str())
            {
                return Err(format!(
                    "{at}: `{other}` is not a report given before it in the regime"
                ));
            }
            if let Anchor::OngoingAt(other) = &report.from
                && regime
                    .reports
                    .iter()
                    .find(|r| &r.key == other)
                    .is_none_or(|r| r.after_end_months.is_none())
            {
                return Err(format!(
                    "{at}: `{other}` needs `after_end_months` to be replaced while the incident is ongoing"
                ));
            }
            earlier.push(&report.key);
        }
    }
    for regime in &mut regimes.list {
        for report in &mut regime.reports {
            report.duty_key = format!("{}_{}", regime.key, report.key);
        }
    }
    Ok(regimes)
}
