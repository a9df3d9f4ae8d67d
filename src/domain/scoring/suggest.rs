//! The ENISA inputs a report's answers suggest (data categories, groups, what happened,
//! breach types); the person assessing chooses.

use crate::domain::model::answers::{Q25, Q26};
use crate::domain::model::assessment::{
    AvailabilityLoss, ConfidentialityLoss, DataCategory, IntegrityLoss,
};
use crate::domain::model::report::{BreachType, Report};
use crate::domain::model::{Count, Selection};

/// Special categories of personal data in IMY question 26 (GDPR Art. 9 and 10).
const SPECIAL_CATEGORIES: [&str; 9] = [
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
const VULNERABLE_GROUPS: [&str; 4] = [
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

/// Suggests the ENISA inputs from the report's answers.
pub fn suggest(report: &Report) -> Suggestions {
    let categories: Option<&Selection<Q26>> = report.data_categories.as_ref();
    let has = |key: &str| categories.is_some_and(|s| s.contains(key));
    let category = if SPECIAL_CATEGORIES.iter().any(|k| has(k)) {
        DataCategory::Sensitive
    } else if has("financial") {
        DataCategory::Financial
    } else if has("location") || has("communication_logs") || has("communication_metadata") {
        DataCategory::Behavioural
    } else {
        DataCategory::Simple
    };
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
