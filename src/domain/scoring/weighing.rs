//! The EDPB's risk factors weighed beside the ENISA severity (EDPB Guidelines 9/2022,
//! "factors to consider when assessing risk"; the worked examples of Guidelines 01/2021):
//! which are present, found from the report's facts and the assessment's inputs, and what
//! each does to the recommendation. Pure: the report is passed in.

use super::suggest::{SPECIAL_CATEGORIES, VULNERABLE_GROUPS};
use crate::domain::Lang;
use crate::domain::model::Report;
use crate::domain::model::assessment::{
    AvailabilityLoss, Circumstances, ConfidentialityLoss, DataCategory, EdpbFactor, Flags,
    IntegrityLoss,
};
use crate::domain::model::report::BreachType;

/// What a factor does to the recommendation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Not "unlikely to result in a risk": notify IMY (GDPR Art. 33(1)).
    Risk,
    /// A high risk: also inform the data subjects (GDPR Art. 34(1)).
    HighRisk,
    /// Unlikely to result in a risk: document only (Art. 33(1), 33(5)).
    Lowers,
}

/// Kinds of data in IMY question 26 that enable identity theft or fraud (GDPR Recitals 75
/// and 85; EDPB 9/2022: combinations such as identity data with financial data are worse).
const FRAUD_DATA: [&str; 3] = [
    "personal_identity_number",
    "financial",
    "official_documents",
];

/// The factors that follow from the assessment's own answers alone (its flags and
/// circumstances), not from the report.
pub const OWN_FACTORS: [EdpbFactor; 4] = [
    EdpbFactor::ManyDataSubjects,
    EdpbFactor::MaliciousAccess,
    EdpbFactor::MaliciousExfiltration,
    EdpbFactor::Unintelligible,
];

/// The EDPB factors present, from the report's facts and the assessment's inputs, in a
/// fixed order.
pub fn find_factors(
    category: DataCategory,
    circumstances: &Circumstances,
    flags: &Flags,
    report: &Report,
) -> Vec<EdpbFactor> {
    let q25 = |key: &str| {
        report
            .subject_groups
            .as_ref()
            .is_some_and(|s| s.contains(key))
    };
    let q26 = |key: &str| {
        report
            .data_categories
            .as_ref()
            .is_some_and(|s| s.contains(key))
    };
    let q28 = |key: &str| {
        report
            .consequences
            .as_ref()
            .is_some_and(|s| s.contains(key))
    };
    let confidentiality = circumstances.confidentiality;
    // Disclosed or accessed: the assessment says so, or the report's breach type does (a
    // stolen device is a confidentiality breach though ENISA scores it 0 without evidence).
    let disclosed = confidentiality != ConfidentialityLoss::None
        || report.breach_types.contains(&BreachType::Confidentiality);
    let mut factors = Vec::new();
    let mut add = |present: bool, factor: EdpbFactor| {
        if present {
            factors.push(factor);
        }
    };
    add(
        flags.more_than_100_data_subjects,
        EdpbFactor::ManyDataSubjects,
    );
    add(
        VULNERABLE_GROUPS.iter().any(|k| q25(k)),
        EdpbFactor::VulnerableDataSubjects,
    );
    let special = category == DataCategory::Sensitive || SPECIAL_CATEGORIES.iter().any(|k| q26(k));
    add(special && !disclosed, EdpbFactor::SpecialCategories);
    add(special && disclosed, EdpbFactor::SpecialCategoriesDisclosed);
    let fraud = category == DataCategory::Financial
        || FRAUD_DATA.iter().any(|k| q26(k))
        || q28("identity_theft_or_fraud");
    add(fraud && disclosed, EdpbFactor::IdentityFraud);
    add(
        circumstances.malicious && confidentiality == ConfidentialityLoss::KnownRecipients,
        EdpbFactor::MaliciousAccess,
    );
    add(
        circumstances.malicious && confidentiality == ConfidentialityLoss::UnknownRecipients,
        EdpbFactor::MaliciousExfiltration,
    );
    // Encryption would not have kept a misdirected letter from its known recipient; the
    // absence of protection weighs where the data lie open to anyone.
    add(
        report.encrypted == Some(false)
            && disclosed
            && confidentiality != ConfidentialityLoss::KnownRecipients,
        EdpbFactor::NoProtection,
    );
    // Never against the report's own "not encrypted" (IMY question 27).
    add(
        flags.unintelligible
            && report.encrypted != Some(false)
            && circumstances.integrity == IntegrityLoss::None
            && circumstances.availability == AvailabilityLoss::None,
        EdpbFactor::Unintelligible,
    );
    factors
}

impl EdpbFactor {
    pub fn effect(self) -> Effect {
        match self {
            EdpbFactor::SpecialCategoriesDisclosed
            | EdpbFactor::IdentityFraud
            | EdpbFactor::MaliciousExfiltration => Effect::HighRisk,
            EdpbFactor::Unintelligible => Effect::Lowers,
            _ => Effect::Risk,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            EdpbFactor::ManyDataSubjects => "many_data_subjects",
            EdpbFactor::VulnerableDataSubjects => "vulnerable_data_subjects",
            EdpbFactor::SpecialCategories => "special_categories",
            EdpbFactor::SpecialCategoriesDisclosed => "special_categories_disclosed",
            EdpbFactor::IdentityFraud => "identity_fraud",
            EdpbFactor::MaliciousAccess => "malicious_access",
            EdpbFactor::MaliciousExfiltration => "malicious_exfiltration",
            EdpbFactor::NoProtection => "no_protection",
            EdpbFactor::Unintelligible => "unintelligible",
        }
    }

    /// The factor in words, with the rule or guideline it comes from.
    pub fn describe(self, lang: Lang) -> &'static str {
        match self {
            EdpbFactor::ManyDataSubjects => lang.pick(
                "fler än 100 registrerade (EDPB:s riktlinjer 9/2022: antal berörda; ENISA 2013 §3.3)",
                "more than 100 data subjects (EDPB Guidelines 9/2022: number of affected individuals; ENISA 2013 §3.3)",
            ),
            EdpbFactor::VulnerableDataSubjects => lang.pick(
                "barn eller särskilt utsatta personer bland de registrerade (IMY fråga 25; EDPB:s riktlinjer 9/2022: de registrerades särskilda egenskaper)",
                "children or vulnerable persons among the data subjects (IMY question 25; EDPB Guidelines 9/2022: special characteristics of the individual)",
            ),
            EdpbFactor::SpecialCategories => lang.pick(
                "särskilda kategorier av personuppgifter berörs (GDPR art. 9, 10; IMY fråga 26; EDPB:s riktlinjer 9/2022 p. 102)",
                "special categories of data concerned (GDPR Art. 9, 10; IMY question 26; EDPB Guidelines 9/2022 para. 102)",
            ),
            EdpbFactor::SpecialCategoriesDisclosed => lang.pick(
                "särskilda kategorier av personuppgifter röjda: skada ska anses sannolik (GDPR art. 9, 10; EDPB:s riktlinjer 9/2022 p. 102; IMY: röjda patientuppgifter är hög risk)",
                "special categories of data disclosed: damage should be considered likely (GDPR Art. 9, 10; EDPB Guidelines 9/2022 para. 102; IMY: disclosed patient records are a high risk)",
            ),
            EdpbFactor::IdentityFraud => lang.pick(
                "röjda uppgifter som möjliggör identitetsstöld eller bedrägeri: personnummer, ekonomiska uppgifter, officiella handlingar, eller enligt fråga 28 (GDPR skäl 75, 85; IMY: en stulen kunddatabas som kan användas för identitetsbedrägeri är hög risk)",
                "disclosed data enabling identity theft or fraud: personal identity numbers, financial data, official documents, or as question 28 says (GDPR Recitals 75, 85; IMY: a stolen customer database usable for identity fraud is a high risk)",
            ),
            EdpbFactor::MaliciousAccess => lang.pick(
                "uppsåtligen tagna av en känd person, utan försäkran om hur de används (EDPB:s riktlinjer 9/2022: konsekvensernas allvar; 01/2021 fall 08)",
                "taken on purpose by a known person, with no assurance about their use (EDPB Guidelines 9/2022: severity of consequences; 01/2021 case 08)",
            ),
            EdpbFactor::MaliciousExfiltration => lang.pick(
                "förda ut av en angripare till okända mottagare, utan försäkran om hur de används (EDPB:s riktlinjer 9/2022: mottagaren är inte betrodd; 01/2021 fall 05, 18)",
                "exfiltrated by a malicious actor to unknown recipients, with no assurance about their use (EDPB Guidelines 9/2022: the recipient is not trusted; 01/2021 cases 05, 18)",
            ),
            EdpbFactor::NoProtection => lang.pick(
                "helt utan skydd: okrypterade uppgifter (IMY fråga 27) öppna för okända (EDPB:s riktlinjer 9/2022: hur lätt personerna kan identifieras)",
                "no protection at all: unencrypted data (IMY question 27) open to unknown persons (EDPB Guidelines 9/2022: ease of identification)",
            ),
            EdpbFactor::Unintelligible => lang.pick(
                "oläsbara för obehöriga (stark kryptering, nyckeln säker) och inget förlorat eller ändrat: sannolikt ingen risk (ENISA 2013 §3.3; EDPB 01/2021 fall 01, 10)",
                "unintelligible to anyone not authorised (strong encryption, key safe) and nothing lost or altered: unlikely to result in a risk (ENISA 2013 §3.3; EDPB 01/2021 cases 01, 10)",
            ),
        }
    }

    /// What the factor does, in words.
    pub fn effect_text(self, lang: Lang) -> &'static str {
        match self.effect() {
            Effect::Risk => lang.pick(
                "en risk: anmäl till IMY (art. 33.1)",
                "a risk: notify IMY (Art. 33(1))",
            ),
            Effect::HighRisk => lang.pick(
                "hög risk: informera de registrerade (art. 34.1)",
                "a high risk: inform the data subjects (Art. 34(1))",
            ),
            Effect::Lowers => lang.pick(
                "sänker: dokumentera, ingen anmälan (art. 33.1, 33.5)",
                "lowers: document only, no notification (Art. 33(1), 33(5))",
            ),
        }
    }
}
