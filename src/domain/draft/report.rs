//! The answers of a report before it is complete: what a person has given so far in an
//! intake, in a `--from` file or in flags, in the layout of `report.yaml` with every field
//! optional. The same type is read from `--from`, saved as the draft of an interrupted
//! intake, and turned into the report once the required answers are there.

use chrono::Datelike;
use serde::{Deserialize, Serialize};

use crate::domain::model::answers::{Q15, Q17, Q18, Q19, Q20, Q25, Q26, Q28};
use crate::domain::model::report::{BreachType, Party, PersonTold, Reporter, Role};
use crate::domain::model::settings::{Person, PostalAddress};
use crate::domain::model::{Awareness, Choice, Count, Report, SCHEMA_VERSION, Selection, Verdict};
use crate::domain::moment::Moment;
use crate::domain::{IncidentId, Lang};

/// The answers of an intake so far: a report whose every field may still be missing.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ReportDraft {
    #[serde(skip_serializing)]
    pub schema_version: Option<u32>,
    #[serde(skip_serializing)]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Verdict>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub internal_reference: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<Person>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact_address: Option<PostalAddress>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reported_by: Option<Reporter>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub observed: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub occurred: Option<Moment>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub discovered: Option<Moment>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aware: Option<Awareness>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub discovered_by: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manager_informed: Option<PersonTold>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dpo_contacted: Option<PersonTold>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ongoing: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ended: Option<Moment>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub what_happened: Option<Choice<Q15>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub how_discovered: Option<Choice<Q17>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cause: Option<Choice<Q18>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sector: Option<Choice<Q19>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub area: Option<Choice<Q20>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub breach_types: Vec<BreachType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub controller: Option<Party>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub processors_involved: Option<bool>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub processors: Vec<Party>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_subjects: Option<Count>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub records: Option<Count>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject_groups: Option<Selection<Q25>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_categories: Option<Selection<Q26>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encrypted: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consequences: Option<Selection<Q28>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nis2_significant: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_notice: Option<crate::domain::model::provenance::NoticeOrigin>,
}

impl ReportDraft {
    /// How many answers the draft holds (top-level fields given).
    pub fn answer_count(&self) -> usize {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::Object(fields)) => fields
                .values()
                .filter(|value| match value {
                    serde_json::Value::Null => false,
                    serde_json::Value::Array(items) => !items.is_empty(),
                    _ => true,
                })
                .count(),
            _ => 0,
        }
    }

    /// The required answers still missing, as (flag, what) pairs, the what in `lang`.
    pub fn missing(&self, lang: Lang) -> Vec<(String, String)> {
        let mut missing = Vec::new();
        if self.title.as_deref().is_none_or(|t| t.trim().is_empty()) {
            missing.push((
                "--title TEXT".to_string(),
                lang.pick("en kort rubrik för listor", "a short title for lists")
                    .to_string(),
            ));
        }
        if self.discovered.is_none() {
            missing.push((
                "--discovered DATE[ TIME]".to_string(),
                lang.pick(
                    "när incidenten upptäcktes (IMY fråga 11; de 72 timmarna räknas härifrån)",
                    "when the incident was discovered (IMY question 11; the 72 hours run from here)",
                )
                .to_string(),
            ));
        }
        missing
    }

    /// The year the incident was discovered in, which its id is numbered within.
    pub fn year_of_discovery(&self) -> Option<i32> {
        self.discovered.as_ref().map(|moment| moment.date.year())
    }

    /// The report under `id`, or the required answers still missing (in `lang`).
    pub fn into_report(self, id: IncidentId, lang: Lang) -> Result<Report, Vec<(String, String)>> {
        let missing = self.missing(lang);
        let (Some(title), Some(discovered)) = (self.title, self.discovered) else {
            return Err(missing);
        };
        if !missing.is_empty() {
            return Err(missing);
        }
        Ok(Report {
            schema_version: SCHEMA_VERSION,
            id,
            title,
            verdict: self.verdict,
            internal_reference: self.internal_reference,
            contacts: self.contacts,
            contact_address: self.contact_address,
            reported_by: self.reported_by,
            observed: self.observed,
            occurred: self.occurred,
            discovered,
            aware: self.aware,
            discovered_by: self.discovered_by,
            manager_informed: self.manager_informed,
            dpo_contacted: self.dpo_contacted,
            ongoing: self.ongoing,
            ended: self.ended,
            what_happened: self.what_happened,
            description: self.description,
            how_discovered: self.how_discovered,
            cause: self.cause,
            sector: self.sector,
            area: self.area,
            breach_types: self.breach_types,
            role: self.role.unwrap_or_default(),
            controller: self.controller,
            processors_involved: self.processors_involved,
            processors: self.processors,
            data_subjects: self.data_subjects,
            records: self.records,
            subject_groups: self.subject_groups,
            data_categories: self.data_categories,
            encrypted: self.encrypted,
            consequences: self.consequences,
            nis2_significant: self.nis2_significant,
            classifications: std::collections::BTreeMap::new(),
            from_notice: self.from_notice,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_counts_the_answers_it_holds() {
        let mut draft = ReportDraft::default();
        assert_eq!(draft.answer_count(), 0);
        draft.title = Some("Fel mottagare".into());
        draft.processors_involved = Some(false);
        assert_eq!(draft.answer_count(), 2);
    }

    #[test]
    fn a_report_needs_a_title_and_the_discovery() {
        let id: IncidentId = "2026-0001".parse().unwrap();
        let mut draft = ReportDraft {
            title: Some("  ".into()),
            ..ReportDraft::default()
        };
        let flags: Vec<String> = draft
            .missing(Lang::En)
            .into_iter()
            .map(|(flag, _)| flag)
            .collect();
        assert_eq!(flags, ["--title TEXT", "--discovered DATE[ TIME]"]);
        assert_eq!(draft.year_of_discovery(), None);
        draft.title = Some("Fel mottagare".into());
        draft.discovered = Some(Moment::on(
            chrono::NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(),
            None,
        ));
        assert_eq!(draft.year_of_discovery(), Some(2025));
        let report = draft.into_report(id.clone(), Lang::Sv).unwrap();
        assert_eq!((report.id, report.title.as_str()), (id, "Fel mottagare"));
    }
}
