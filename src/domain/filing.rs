//! Filings: what the organisation sent to an authority or to the people affected, made a
//! fixed point of the journal as an annotated Git tag `filed/<id>/<what>`. This module
//! owns the names and the tag's message, built from the incident as the entry recorded
//! it: the same entry always gives the same message, so a tag lost after its commit is
//! made again from the journal. Pure: the store makes the tags.
//!
//! The names (git-ref-safe: lower-case ASCII letters, digits, `-` and `.`):
//! `imy`, `supplement-<n>`, `subjects`, `public`, `<regime>-<report>` (e.g.
//! `nis2-early-warning`, `dora-initial-notification`) and `nis2-intermediate-<n>`; the same
//! filing recorded again at another time (a correction) takes `<name>.2`, `<name>.3`, …:
//! a filed tag is never moved.

use chrono::{DateTime, FixedOffset};
use chrono_tz::Tz;

use crate::domain::event::Event;
use crate::domain::incident::Incident;
use crate::domain::regimes::regimes;
use crate::domain::terminal::for_terminal;
use crate::domain::{IncidentId, Lang};

/// The namespace of the filed tags, under `refs/tags/`.
pub const TAG_PREFIX: &str = "filed/";
/// The commit trailer that names an entry's filed tag.
pub const TRAILER: &str = "Filing";
/// The tag message's trailer with what was filed (the name without a `.N`).
pub const FILED: &str = "Filed";
/// The tag message's trailer with the time the filing was sent, RFC 3339.
pub const FILED_AT: &str = "Filed-At";

/// What was sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilingKind {
    /// The notification to IMY (GDPR Art. 33).
    Imy,
    /// Supplement `n` to IMY (GDPR Art. 33(4)).
    Supplement(usize),
    /// The information to the data subjects (GDPR Art. 34).
    Subjects,
    /// The public communication instead (GDPR Art. 34(3)(c)).
    Public,
    /// A report under a regime of `catalogue/regimes.toml` (NIS2, DORA, CERT-SE).
    Regime { regime: String, report: String },
    /// The answer to the CSIRT's request `n` for an intermediate report (NIS2 Art. 23(4)(c)).
    CsirtReport(usize),
}

impl FilingKind {
    /// The filing an entry's event records, if it records one.
    pub fn of_event(event: &Event) -> Option<FilingKind> {
        Some(match event {
            Event::ImyNotified { .. } => FilingKind::Imy,
            Event::SupplementSent { number } => FilingKind::Supplement(*number),
            Event::SubjectsInformed => FilingKind::Subjects,
            Event::PublicInformed => FilingKind::Public,
            Event::RegimeReportSent { regime, report, .. } => FilingKind::Regime {
                regime: regime.clone(),
                report: report.clone(),
            },
            Event::CsirtReportSent { number } => FilingKind::CsirtReport(*number),
            _ => return None,
        })
    }

    /// The last part of the tag's name.
    pub fn slug(&self) -> String {
        match self {
            FilingKind::Imy => "imy".into(),
            FilingKind::Supplement(n) => format!("supplement-{n}"),
            FilingKind::Subjects => "subjects".into(),
            FilingKind::Public => "public".into(),
            FilingKind::Regime { regime, report } => {
                format!("{}-{}", ref_safe(regime), ref_safe(report))
            }
            FilingKind::CsirtReport(n) => format!("nis2-intermediate-{n}"),
        }
    }

    /// The filing a slug names (the inverse of [`FilingKind::slug`]).
    pub fn of_slug(slug: &str) -> Option<FilingKind> {
        let numbered = |prefix: &str| {
            slug.strip_prefix(prefix)
                .and_then(|n| n.parse::<usize>().ok())
        };
        match slug {
            "imy" => return Some(FilingKind::Imy),
            "subjects" => return Some(FilingKind::Subjects),
            "public" => return Some(FilingKind::Public),
            _ => {}
        }
        if let Some(n) = numbered("supplement-") {
            return Some(FilingKind::Supplement(n));
        }
        if let Some(n) = numbered("nis2-intermediate-") {
            return Some(FilingKind::CsirtReport(n));
        }
        regimes().list.iter().find_map(|regime| {
            regime.reports.iter().find_map(|report| {
                let kind = FilingKind::Regime {
                    regime: regime.key.clone(),
                    report: report.key.clone(),
                };
                (kind.slug() == slug).then_some(kind)
            })
        })
    }

    /// What was sent, short, as `show` lists it.
    pub fn label(&self, lang: Lang) -> String {
        match (self, lang) {
            (FilingKind::Imy, _) => "IMY".into(),
            (FilingKind::Supplement(n), Lang::Sv) => format!("IMY, komplettering {n}"),
            (FilingKind::Supplement(n), Lang::En) => format!("IMY, supplement {n}"),
            (FilingKind::Subjects, _) => lang.pick("De registrerade", "Data subjects").into(),
            (FilingKind::Public, _) => lang
                .pick("Allmänheten (art. 34.3 c)", "The public (Art. 34(3)(c))")
                .into(),
            (FilingKind::Regime { regime, report }, _) => regimes()
                .get(regime)
                .and_then(|r| r.report(report))
                .map_or_else(|| format!("{regime}: {report}"), |r| r.label(lang).into()),
            (FilingKind::CsirtReport(n), Lang::Sv) => format!("NIS2: delrapport {n}"),
            (FilingKind::CsirtReport(n), Lang::En) => format!("NIS2: intermediate report {n}"),
        }
    }

    /// What was sent, in full, with the rule that asked for it.
    fn what(&self, lang: Lang) -> String {
        match (self, lang) {
            (FilingKind::Imy, Lang::Sv) => {
                "anmälan av personuppgiftsincident till IMY (GDPR art. 33)".into()
            }
            (FilingKind::Imy, Lang::En) => {
                "notification of a personal data breach to IMY (GDPR Art. 33)".into()
            }
            (FilingKind::Supplement(n), Lang::Sv) => {
                format!("komplettering {n} till IMY (GDPR art. 33.4)")
            }
            (FilingKind::Supplement(n), Lang::En) => {
                format!("supplement {n} to IMY (GDPR Art. 33(4))")
            }
            (FilingKind::Subjects, _) => lang
                .pick(
                    "information till de registrerade (GDPR art. 34)",
                    "information to the data subjects (GDPR Art. 34)",
                )
                .into(),
            (FilingKind::Public, _) => lang
                .pick(
                    "information till allmänheten (GDPR art. 34.3 c)",
                    "public communication (GDPR Art. 34(3)(c))",
                )
                .into(),
            (FilingKind::Regime { regime, report }, _) => {
                match regimes().get(regime).and_then(|r| r.report(report)) {
                    Some(found) => format!("{} ({})", found.label(lang), found.rule(lang)),
                    None => format!("{regime}: {report}"),
                }
            }
            (FilingKind::CsirtReport(_), _) => format!(
                "{} ({})",
                self.label(lang),
                lang.pick("NIS2 art. 23.4 c", "NIS2 Art. 23(4)(c)")
            ),
        }
    }

    /// To whom it was sent.
    fn recipient(&self, lang: Lang) -> String {
        let regime_recipient = |key: &str| {
            regimes()
                .get(key)
                .map_or_else(|| key.to_string(), |r| r.recipient(lang).to_string())
        };
        match self {
            FilingKind::Imy | FilingKind::Supplement(_) => lang
                .pick(
                    "Integritetsskyddsmyndigheten (IMY)",
                    "the Swedish Authority for Privacy Protection (IMY)",
                )
                .into(),
            FilingKind::Subjects => lang.pick("de registrerade", "the data subjects").into(),
            FilingKind::Public => lang.pick("allmänheten", "the public").into(),
            FilingKind::Regime { regime, .. } => regime_recipient(regime),
            FilingKind::CsirtReport(_) => regime_recipient("nis2"),
        }
    }
}

/// A name's characters kept where Git allows them in a ref and a person reads them:
/// lower-case ASCII letters and digits; anything else becomes `-`.
fn ref_safe(key: &str) -> String {
    key.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

/// The tag name of `kind` for incident `id`: `filed/<id>/<slug>`.
pub fn tag_name(id: &IncidentId, kind: &FilingKind) -> String {
    format!("{TAG_PREFIX}{id}/{}", kind.slug())
}

/// The name of the `n`-th recording (n ≥ 2) of the filing named `first`.
pub fn recorded_again(first: &str, n: usize) -> String {
    format!("{first}.{n}")
}

/// The incident a filed tag's name belongs to, and its slug without a `.N`.
pub fn parse_tag_name(name: &str) -> Option<(IncidentId, String)> {
    let rest = name.strip_prefix(TAG_PREFIX)?;
    let (id, what) = rest.split_once('/')?;
    let slug = what.split_once('.').map_or(what, |(slug, _)| slug);
    Some((id.parse().ok()?, slug.to_string()))
}

/// One filing as the incident records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filing {
    pub id: IncidentId,
    pub kind: FilingKind,
    /// When it was sent, as recorded.
    pub at: DateTime<FixedOffset>,
    /// IMY's case number, for a filing to IMY, when known.
    pub case_number: Option<String>,
    /// How it reached the people (the data subjects, the public), when recorded.
    pub how: Option<String>,
}

impl Filing {
    /// Filing `kind` of `incident` as its files record it; `None` when they do not
    /// record it as sent.
    pub fn of(incident: &Incident, kind: FilingKind) -> Option<Filing> {
        let notification = incident.notification.as_ref()?;
        let imy = notification.imy.as_ref();
        let case_number = imy.and_then(|imy| imy.case_number.clone());
        let nis2 = notification.nis2.as_ref();
        let (at, how, case_number) = match &kind {
            FilingKind::Imy => (imy?.submitted_at?, None, case_number),
            FilingKind::Supplement(n) => (
                imy?.supplements.get(n.checked_sub(1)?)?.submitted_at,
                None,
                case_number,
            ),
            FilingKind::Subjects => {
                let subjects = notification.data_subjects.as_ref()?;
                (subjects.informed_at?, subjects.how.clone(), None)
            }
            FilingKind::Public => {
                let public = notification.public_communication.as_ref()?;
                (public.at, Some(public.how.clone()), None)
            }
            FilingKind::Regime { regime, report } if regime == "nis2" => {
                let nis2 = nis2?;
                let at = match report.as_str() {
                    "early_warning" => nis2.early_warning_at,
                    "notification" => nis2.notification_at,
                    "final_report" => nis2.final_report_at,
                    _ => nis2.progress_report_at,
                };
                (at?, None, None)
            }
            FilingKind::Regime { regime, report } => (
                *notification.regime_reports.get(regime)?.get(report)?,
                None,
                None,
            ),
            FilingKind::CsirtReport(n) => (
                nis2?.intermediate.get(n.checked_sub(1)?)?.answered_at?,
                None,
                None,
            ),
        };
        Some(Filing {
            id: incident.report.id.clone(),
            kind,
            at,
            case_number,
            how,
        })
    }

    /// The tag's message in `lang` (the register's: the tags are shared as the journal
    /// is), times in `zone`: what was sent and when, to whom, IMY's case number; then
    /// trailers a program reads back (`Incident`, `Filed`, `Filed-At`, `Case-Number`).
    /// Nine lines at most, so that `git tag -n9` shows it whole.
    pub fn message(&self, lang: Lang, zone: Tz) -> String {
        let when = self
            .at
            .with_timezone(&zone)
            .format("%Y-%m-%d %H:%M %:z")
            .to_string();
        let t = |sv: &'static str, en: &'static str| lang.pick(sv, en);
        let mut text = format!(
            "{}: {} {} {when}\n\n",
            self.id,
            self.kind.what(lang),
            t("inlämnad", "filed")
        );
        let mut to = self.kind.recipient(lang);
        if let Some(how) = self.how.as_deref().and_then(|h| h.lines().next())
            && !how.trim().is_empty()
        {
            // What a person typed is escaped for a terminal, as in the journal's messages.
            to.push_str(&format!(" ({})", for_terminal(how.trim())));
        }
        text.push_str(&format!("{}: {to}\n", t("Till", "To")));
        if let Some(number) = &self.case_number {
            text.push_str(&format!(
                "{}: {}\n",
                t("IMY:s diarienummer", "IMY case number"),
                for_terminal(number)
            ));
        }
        text.push_str(&format!(
            "\nIncident: {}\n{FILED}: {}\n{FILED_AT}: {}\n",
            self.id,
            self.kind.slug(),
            self.at.to_rfc3339()
        ));
        if let Some(number) = &self.case_number {
            text.push_str(&format!("Case-Number: {}\n", for_terminal(number)));
        }
        text
    }
}

/// The time a tag's message says its filing was sent (its `Filed-At` trailer).
pub fn filed_at(message: &str) -> Option<DateTime<FixedOffset>> {
    message.lines().rev().find_map(|line| {
        line.strip_prefix(FILED_AT)
            .and_then(|rest| rest.strip_prefix(": "))
            .and_then(|at| DateTime::parse_from_rfc3339(at.trim()).ok())
    })
}

#[cfg(test)]
mod tests;
