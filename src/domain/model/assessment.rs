//! `assessment.yaml`: the risk assessment and the decision (step C), on the ENISA 2013
//! severity method (SE = DPC × EI + CB) that the EDPB guidelines point to.

use chrono::{DateTime, FixedOffset};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The risk assessment of one incident and the people's decision, with its reasoning.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    /// Version of the file format.
    #[serde(default = "super::current_schema_version")]
    #[schemars(schema_with = "super::schema_version_schema")]
    pub schema_version: u32,
    /// When the assessment was made (RFC 3339 with offset).
    pub assessed_at: DateTime<FixedOffset>,
    /// When the incident was first assessed, if this is a re-assessment: the deadlines that
    /// run from the assessment keep running from the first one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_assessed_at: Option<DateTime<FixedOffset>>,
    /// Who made it, e.g. the responsible manager together with the DPO.
    pub assessed_by: String,
    /// Data Processing Context (ENISA): the data category and its score after adjustment.
    pub data_processing_context: DataProcessingContext,
    /// Ease of Identification (ENISA): negligible 0.25, limited 0.5, significant 0.75, maximum 1.
    pub ease_of_identification: EaseOfIdentification,
    /// Circumstances of the Breach (ENISA): losses of confidentiality, integrity, availability
    /// and malicious intent.
    pub circumstances: Circumstances,
    /// ENISA's two flags outside the score.
    #[serde(default)]
    pub flags: Flags,
    /// The EDPB Guidelines 9/2022 factors found in the report and the inputs above when the
    /// assessment was made; they move the recommendation. Computed, not edited. Assessments
    /// made before the factors were weighed leave it out and follow the ENISA band alone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edpb_factors: Option<Vec<EdpbFactor>>,
    /// The severity SE = DPC × EI + CB as computed; must match the inputs above.
    pub severity_score: f64,
    /// The severity band of the score: low (< 2), medium (< 3), high (< 4), very_high.
    pub band: Band,
    /// The decision the people made.
    pub decision: Decision,
    /// The reasoning for the decision (motivering); mandatory.
    pub reasoning: String,
}

/// ENISA's data categories with their base scores: simple 1, behavioural 2, financial 3, sensitive 4.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum DataCategory {
    Simple,
    Behavioural,
    Financial,
    Sensitive,
}

/// Data Processing Context (ENISA 2013, §3.1.1 and Table 1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DataProcessingContext {
    /// The highest-scoring data category concerned.
    pub category: DataCategory,
    /// The score after contextual adjustment, 1–4.
    #[schemars(range(min = 1, max = 4))]
    pub score: u8,
    /// Why the score differs from the category's base score; required when it does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub justification: Option<String>,
}

/// Ease of Identification (ENISA 2013, §3.1.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EaseOfIdentification {
    Negligible,
    Limited,
    Significant,
    Maximum,
}

/// Circumstances of the Breach (ENISA 2013, Annex 3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Circumstances {
    /// Loss of confidentiality: none (no evidence of illegal processing), known_recipients
    /// (+0.25) or unknown_recipients (+0.5).
    pub confidentiality: ConfidentialityLoss,
    /// Loss of integrity: none, recoverable (+0.25) or irrecoverable (+0.5).
    pub integrity: IntegrityLoss,
    /// Loss of availability: none (recoverable without difficulty), temporary (+0.25) or full (+0.5).
    pub availability: AvailabilityLoss,
    /// Malicious intent (+0.5).
    pub malicious: bool,
}

/// Loss of confidentiality (ENISA 2013, Annex 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ConfidentialityLoss {
    None,
    KnownRecipients,
    UnknownRecipients,
}

/// Loss of integrity (ENISA 2013, Annex 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum IntegrityLoss {
    None,
    Recoverable,
    Irrecoverable,
}

/// Loss of availability (ENISA 2013, Annex 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AvailabilityLoss {
    None,
    Temporary,
    Full,
}

/// ENISA's flags outside the score (ENISA 2013, §3.3).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Flags {
    /// More than 100 data subjects are affected.
    pub more_than_100_data_subjects: bool,
    /// The data are unintelligible to anyone not authorised (e.g. strong encryption, key safe).
    pub unintelligible: bool,
}

/// A factor of EDPB Guidelines 9/2022 ("factors to consider when assessing risk") that moves
/// the recommendation beyond the ENISA band: raising it to a risk (notify IMY, GDPR
/// Art. 33(1)) or a high risk (inform the data subjects, Art. 34(1)), or, for data made
/// unintelligible, lowering it to "unlikely to result in a risk".
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum EdpbFactor {
    /// More than 100 data subjects (number of affected individuals; ENISA 2013 §3.3 flag).
    ManyDataSubjects,
    /// Children or vulnerable persons among the data subjects (IMY question 25).
    VulnerableDataSubjects,
    /// Special categories of data (GDPR Art. 9, 10) concerned, not disclosed.
    SpecialCategories,
    /// Special categories of data disclosed or accessed: damage is likely (para. 102).
    SpecialCategoriesDisclosed,
    /// Data enabling identity theft or fraud disclosed or accessed (Recitals 75, 85).
    IdentityFraud,
    /// Taken on purpose by a known person, with no assurance about their use.
    MaliciousAccess,
    /// Exfiltrated by a malicious actor to unknown recipients, with no assurance about use.
    MaliciousExfiltration,
    /// No protection at all: unencrypted data (IMY question 27) exposed to unknown persons.
    NoProtection,
    /// Unintelligible to anyone not authorised (strong encryption, key safe) and nothing
    /// lost or altered: lowers the recommendation.
    Unintelligible,
}

/// Severity band (ENISA 2013, §3.2): low SE < 2, medium 2 ≤ SE < 3, high 3 ≤ SE < 4, very high SE ≥ 4.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Band {
    Low,
    Medium,
    High,
    VeryHigh,
}

impl Assessment {
    /// The instant the first assessment was made.
    pub fn first_assessed(&self) -> DateTime<FixedOffset> {
        self.first_assessed_at.unwrap_or(self.assessed_at)
    }
}

impl Band {
    pub fn key(self) -> &'static str {
        match self {
            Band::Low => "low",
            Band::Medium => "medium",
            Band::High => "high",
            Band::VeryHigh => "very_high",
        }
    }

    pub fn label(self, lang: crate::domain::Lang) -> &'static str {
        match self {
            Band::Low => lang.pick("låg", "low"),
            Band::Medium => lang.pick("medel", "medium"),
            Band::High => lang.pick("hög", "high"),
            Band::VeryHigh => lang.pick("mycket hög", "very high"),
        }
    }
}

/// The decision: whether to notify IMY and to inform the data subjects.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// Notify IMY (GDPR Art. 33(1)).
    pub notify_imy: bool,
    /// Inform the data subjects (GDPR Art. 34(1)).
    pub inform_data_subjects: bool,
    /// The GDPR Art. 34(3) exception that applies, when high risk but not informing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exception: Option<Art34Exception>,
    /// Why the decision departs from the recommendation; required when it does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub departure_reason: Option<String>,
}

/// GDPR Art. 34(3): unintelligible (a), risk_removed (b), disproportionate_effort (c, then a
/// public communication instead).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Art34Exception {
    Unintelligible,
    RiskRemoved,
    DisproportionateEffort,
}
