//! The ENISA inputs a report's answers suggest (data categories, groups, what happened,
//! breach types); the person assessing chooses.

use crate::domain::model::answers::Q25;
use crate::domain::model::assessment::{
    AvailabilityLoss, ConfidentialityLoss, DataCategory, IntegrityLoss,
};
use crate::domain::model::report::{BreachType, Report};
use crate::domain::model::{Count, Selection};

/// Special categories of personal data in IMY question 26 (GDPR Art. 9 and 10).
pub(super) const SPECIAL_CATEGORIES: [&str; 9] = [
    "ethnic_origin",
    "political_opinions",
    "religious_beliefs",
    "trade_union_membership",
    "genetic",
    "biometric",
    "health",
    "sex_life",
    "criminal_offences",
];

/// Groups in IMY question 25 that the EDPB counts as especially vulnerable (children,
/// vulnerable persons: Guidelines 9/2022, "special characteristics of the individual").
pub(super) const VULNERABLE_GROUPS: [&str; 4] = [
    "children",
    "pupils",
    "vulnerable_persons",
    "especially_affected",
];

/// Defaults the report suggests; the person chooses.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestions {
    pub category: DataCategory,
    /// A suggested adjusted score, when the report points to one: children or vulnerable
    /// persons among the data subjects (EDPB Guidelines 9/2022; ENISA 2013 Annex A2).
    pub adjusted_score: Option<u8>,
    pub confidentiality: ConfidentialityLoss,
    pub availability: AvailabilityLoss,
    pub integrity: IntegrityLoss,
    pub unintelligible: bool,
    pub more_than_100: bool,
}

/// The ENISA 2013 category of each kind of data in IMY question 26 (ENISA 2013 §3.2: the
/// categories and their examples; special categories of GDPR Art. 9 and 10 are sensitive).
/// "Other" and "unknown" say nothing about the category.
pub fn enisa_category_of(key: &str) -> Option<DataCategory> {
    match key {
        k if SPECIAL_CATEGORIES.contains(&k) => Some(DataCategory::Sensitive),
        "financial" => Some(DataCategory::Financial),
        "location" | "communication_logs" | "communication_metadata" => {
            Some(DataCategory::Behavioural)
        }
        "personal_identity_number" | "official_documents" | "identifying" | "contact_details" => {
            Some(DataCategory::Simple)
        }
        _ => None,
    }
}

/// The highest ENISA category the report's data (IMY question 26) fall into, with the
/// keys that put it there; ENISA 2013 §3.2: "if data fall into several categories, the
/// highest" is scored.
pub fn report_category(report: &Report) -> Option<(DataCategory, Vec<&str>)> {
    let keys = &report.data_categories.as_ref()?.keys;
    let highest = keys.iter().filter_map(|k| enisa_category_of(k)).max()?;
    let concerned = keys
        .iter()
        .map(String::as_str)
        .filter(|k| enisa_category_of(k) == Some(highest))
        .collect();
    Some((highest, concerned))
}

/// The higher category the report's data imply, when `chosen` is below it (ENISA 2013 §3.2:
/// the highest category concerned; any change justified in writing).
pub fn category_below_report(
    chosen: DataCategory,
    report: &Report,
) -> Option<(DataCategory, Vec<&str>)> {
    report_category(report).filter(|(implied, _)| chosen < *implied)
}

/// Suggests the ENISA inputs from the report's answers.
pub fn suggest(report: &Report) -> Suggestions {
    let category = report_category(report).map_or(DataCategory::Simple, |(c, _)| c);
    let groups: Option<&Selection<Q25>> = report.subject_groups.as_ref();
    let vulnerable = VULNERABLE_GROUPS
        .iter()
        .any(|k| groups.is_some_and(|g| g.contains(k)));
    let adjusted_score =
        (vulnerable && category.base_score() < 4).then(|| category.base_score() + 1);
    let confidentiality = if report
        .what_happened
        .as_ref()
        .is_some_and(|c| c.key == "misdirected_communication")
    {
        ConfidentialityLoss::KnownRecipients
    } else {
        ConfidentialityLoss::None
    };
    let availability = if report.breach_types.contains(&BreachType::Availability) {
        AvailabilityLoss::Temporary
    } else {
        AvailabilityLoss::None
    };
    let integrity = if report.breach_types.contains(&BreachType::Integrity) {
        IntegrityLoss::Recoverable
    } else {
        IntegrityLoss::None
    };
    Suggestions {
        category,
        adjusted_score,
        confidentiality,
        availability,
        integrity,
        unintelligible: report.encrypted == Some(true),
        more_than_100: report
            .data_subjects
            .as_ref()
            .and_then(Count::lower_bound)
            .is_some_and(|n| n > 100),
    }
}
