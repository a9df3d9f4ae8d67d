//! The severity of a breach by the ENISA method ("Recommendations for a methodology of the
//! assessment of severity of personal data breaches", ENISA 2013), which the EDPB
//! Guidelines 9/2022 point to: SE = DPC × EI + CB, its bands, and the recommendation that
//! follows from GDPR Art. 33(1) and 34(1)–(3). Pure functions; every rule names its source.

use super::Lang;
use super::model::Selection;
use super::model::answers::{Q25, Q26};
use super::model::assessment::{
    Art34Exception, AvailabilityLoss, Band, Circumstances, ConfidentialityLoss, DataCategory,
    Decision, EaseOfIdentification, IntegrityLoss,
};
use super::model::report::{BreachType, Report};

impl DataCategory {
    pub const ALL: [DataCategory; 4] = [
        DataCategory::Simple,
        DataCategory::Behavioural,
        DataCategory::Financial,
        DataCategory::Sensitive,
    ];

    /// ENISA 2013 §3.1.1: the base score of each data category.
    pub fn base_score(self) -> u8 {
        match self {
            DataCategory::Simple => 1,
            DataCategory::Behavioural => 2,
            DataCategory::Financial => 3,
            DataCategory::Sensitive => 4,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            DataCategory::Simple => "simple",
            DataCategory::Behavioural => "behavioural",
            DataCategory::Financial => "financial",
            DataCategory::Sensitive => "sensitive",
        }
    }

    /// ENISA's description of the category, with its examples.
    pub fn describe(self, lang: Lang) -> &'static str {
        match self {
            DataCategory::Simple => lang.pick(
                "Enkla: biografiska uppgifter, kontaktuppgifter, namn, utbildning, familj, yrkeserfarenhet",
                "Simple: biographical data, contact details, full name, education, family life, professional experience",
            ),
            DataCategory::Behavioural => lang.pick(
                "Beteende: plats, trafikdata, personliga preferenser och vanor",
                "Behavioural: location, traffic data, personal preferences and habits",
            ),
            DataCategory::Financial => lang.pick(
                "Ekonomiska: inkomst, transaktioner, kontoutdrag, kortuppgifter, fakturor, ekonomiskt bistånd",
                "Financial: income, transactions, bank statements, credit cards, invoices, financial welfare data",
            ),
            DataCategory::Sensitive => lang.pick(
                "Känsliga: hälsa, politisk tillhörighet, sexualliv och andra känsliga personuppgifter",
                "Sensitive: health, political affiliation, sexual life and any other sensitive data",
            ),
        }
    }

    /// ENISA 2013 Table 1: when the score may be adjusted to `score`, in ENISA's words.
    pub fn adjustment_trigger(self, score: u8, lang: Lang) -> &'static str {
        use DataCategory::*;
        match (self, score) {
            (Simple, 2) | (Behavioural, 3) => lang.pick(
                "mängden uppgifter eller den ansvariges art gör profilering eller antaganden om social/ekonomisk ställning möjliga",
                "the volume of data and/or the controller's nature allow profiling or assumptions about social/financial status",
            ),
            (Simple, 3) => lang.pick(
                "uppgifterna leder till antaganden om hälsa, sexuell läggning, politisk eller religiös övertygelse",
                "the data lead to assumptions about health, sexual preferences, political or religious beliefs",
            ),
            (Simple, 4) => lang.pick(
                "de registrerades egenskaper (sårbara grupper, barn) gör uppgifterna kritiska för personlig säkerhet eller hälsa",
                "the individuals' characteristics (vulnerable groups, minors) make the data critical for personal safety or condition",
            ),
            (Behavioural, 1) | (Financial, 1) | (Sensitive, 1) => lang.pick(
                "ingen väsentlig insikt, eller uppgifterna fanns redan offentligt",
                "no substantial insight, or the data were easily collected from public sources",
            ),
            (Behavioural, 4) => lang.pick(
                "en profil byggd på känsliga uppgifter kan skapas",
                "a profile based on sensitive data can be built",
            ),
            (Financial, 2) => lang.pick(
                "viss ekonomisk information men ingen väsentlig insikt (t.ex. bara kontonummer)",
                "some financial information but no significant insight (e.g. bare account numbers)",
            ),
            (Financial, 4) => lang.pick(
                "fullständig ekonomisk information som möjliggör bedrägeri, eller en detaljerad ekonomisk profil",
                "full financial information enabling fraud, or a detailed social/financial profile",
            ),
            (Sensitive, 2) => lang.pick("leder bara till allmänna antaganden", "leads only to general assumptions"),
            (Sensitive, 3) => lang.pick(
                "leder till antaganden om känsliga förhållanden",
                "leads to assumptions about sensitive information",
            ),
            _ => self.describe(lang),
        }
    }
}

impl EaseOfIdentification {
    pub const ALL: [EaseOfIdentification; 4] = [
        EaseOfIdentification::Negligible,
        EaseOfIdentification::Limited,
        EaseOfIdentification::Significant,
        EaseOfIdentification::Maximum,
    ];

    /// ENISA 2013 §3.1.2: the four levels of EI.
    pub fn value(self) -> f64 {
        match self {
            EaseOfIdentification::Negligible => 0.25,
            EaseOfIdentification::Limited => 0.5,
            EaseOfIdentification::Significant => 0.75,
            EaseOfIdentification::Maximum => 1.0,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            EaseOfIdentification::Negligible => "negligible",
            EaseOfIdentification::Limited => "limited",
            EaseOfIdentification::Significant => "significant",
            EaseOfIdentification::Maximum => "maximum",
        }
    }

    pub fn describe(self, lang: Lang) -> &'static str {
        match self {
            EaseOfIdentification::Negligible => lang.pick(
                "Försumbar: ytterst svårt att koppla uppgifterna till en person",
                "Negligible: extremely difficult to match the data to a person",
            ),
            EaseOfIdentification::Limited => lang.pick(
                "Begränsad: svårt, men möjligt med viss efterforskning",
                "Limited: difficult, but possible with some research",
            ),
            EaseOfIdentification::Significant => lang.pick(
                "Betydande: personen kan identifieras med rimliga medel, t.ex. offentliga register",
                "Significant: the person can be identified with reasonable means, e.g. public registers",
            ),
            EaseOfIdentification::Maximum => lang.pick(
                "Maximal: personen identifieras direkt ur uppgifterna",
                "Maximum: the person is identified directly from the breached data",
            ),
        }
    }
}

impl ConfidentialityLoss {
    pub const ALL: [ConfidentialityLoss; 3] = [
        ConfidentialityLoss::None,
        ConfidentialityLoss::KnownRecipients,
        ConfidentialityLoss::UnknownRecipients,
    ];

    /// ENISA 2013 Annex 3: loss of confidentiality.
    pub fn value(self) -> f64 {
        match self {
            ConfidentialityLoss::None => 0.0,
            ConfidentialityLoss::KnownRecipients => 0.25,
            ConfidentialityLoss::UnknownRecipients => 0.5,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            ConfidentialityLoss::None => "none",
            ConfidentialityLoss::KnownRecipients => "known_recipients",
            ConfidentialityLoss::UnknownRecipients => "unknown_recipients",
        }
    }

    pub fn describe(self, lang: Lang) -> &'static str {
        match self {
            ConfidentialityLoss::None => lang.pick(
                "Ingen: risk för röjande men inga tecken på otillåten behandling (t.ex. förlorad dator, utrustning kasserad utan radering)",
                "None: exposed to a confidentiality risk without evidence of illegal processing (lost laptop, equipment disposed of)",
            ),
            ConfidentialityLoss::KnownRecipients => lang.pick(
                "Kända mottagare: röjd för ett antal kända mottagare (t.ex. mejl till fel kända mottagare)",
                "Known recipients: disclosed to a number of known recipients (e.g. e-mail to known wrong recipients)",
            ),
            ConfidentialityLoss::UnknownRecipients => lang.pick(
                "Okända mottagare: röjd för ett okänt antal mottagare (t.ex. publicerad på nätet, såld)",
                "Unknown recipients: disclosed to an unknown number of recipients (published online, sold)",
            ),
        }
    }
}

impl IntegrityLoss {
    pub const ALL: [IntegrityLoss; 3] = [
        IntegrityLoss::None,
        IntegrityLoss::Recoverable,
        IntegrityLoss::Irrecoverable,
    ];

    /// ENISA 2013 Annex 3: loss of integrity.
    pub fn value(self) -> f64 {
        match self {
            IntegrityLoss::None => 0.0,
            IntegrityLoss::Recoverable => 0.25,
            IntegrityLoss::Irrecoverable => 0.5,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            IntegrityLoss::None => "none",
            IntegrityLoss::Recoverable => "recoverable",
            IntegrityLoss::Irrecoverable => "irrecoverable",
        }
    }

    pub fn describe(self, lang: Lang) -> &'static str {
        match self {
            IntegrityLoss::None => lang.pick(
                "Ingen: ändrade men ingen felaktig användning har konstaterats (originalet återställt)",
                "None: altered but no incorrect or illegal use identified (original recovered before use)",
            ),
            IntegrityLoss::Recoverable => lang.pick(
                "Återställbar: ändrade och kanske felaktigt använda, men kan återställas",
                "Recoverable: altered and possibly used incorrectly or illegally, but recoverable",
            ),
            IntegrityLoss::Irrecoverable => lang.pick(
                "Ej återställbar: ändrade, kanske felaktigt använda, och kan inte återställas",
                "Irrecoverable: altered, possibly used incorrectly or illegally, and not recoverable",
            ),
        }
    }
}

impl AvailabilityLoss {
    pub const ALL: [AvailabilityLoss; 3] = [
        AvailabilityLoss::None,
        AvailabilityLoss::Temporary,
        AvailabilityLoss::Full,
    ];

    /// ENISA 2013 Annex 3: loss of availability.
    pub fn value(self) -> f64 {
        match self {
            AvailabilityLoss::None => 0.0,
            AvailabilityLoss::Temporary => 0.25,
            AvailabilityLoss::Full => 0.5,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            AvailabilityLoss::None => "none",
            AvailabilityLoss::Temporary => "temporary",
            AvailabilityLoss::Full => "full",
        }
    }

    pub fn describe(self, lang: Lang) -> &'static str {
        match self {
            AvailabilityLoss::None => lang.pick(
                "Ingen: kan återskapas utan svårighet (andra kopior finns)",
                "None: recoverable without difficulty (other copies exist)",
            ),
            AvailabilityLoss::Temporary => lang.pick(
                "Tillfällig: otillgängliga en tid; återskapande kräver arbete eller att personen lämnar uppgifterna igen",
                "Temporary: unavailable for a while; rebuilding needs processing or the individual can supply the data again",
            ),
            AvailabilityLoss::Full => lang.pick(
                "Fullständig: förlorade, ingen säkerhetskopia och personen kan inte lämna dem igen",
                "Full: lost, no backup, and the individual cannot supply the data again",
            ),
        }
    }
}

/// ENISA 2013 Annex 3: malicious intent adds 0.5.
pub const MALICIOUS_INTENT: f64 = 0.5;

/// CB, the Circumstances of the Breach: the sum of its elements (ENISA 2013 §3.1.3).
pub fn circumstances_score(circumstances: &Circumstances) -> f64 {
    circumstances.confidentiality.value()
        + circumstances.integrity.value()
        + circumstances.availability.value()
        + if circumstances.malicious {
            MALICIOUS_INTENT
        } else {
            0.0
        }
}

/// SE = DPC × EI + CB (ENISA 2013 §3.1). All values are multiples of 1/16, so the result
/// is exact in floating point.
pub fn severity(dpc_score: u8, ease: EaseOfIdentification, circumstances: &Circumstances) -> f64 {
    f64::from(dpc_score) * ease.value() + circumstances_score(circumstances)
}

/// ENISA 2013 §3.2: low SE < 2, medium 2 ≤ SE < 3, high 3 ≤ SE < 4, very high SE ≥ 4.
pub fn band(severity: f64) -> Band {
    if severity < 2.0 {
        Band::Low
    } else if severity < 3.0 {
        Band::Medium
    } else if severity < 4.0 {
        Band::High
    } else {
        Band::VeryHigh
    }
}

/// IMY question 29's scale 1–4 from the band (low 1, medium 2, high 3, very high 4).
pub fn imy_severity(band: Band) -> u8 {
    match band {
        Band::Low => 1,
        Band::Medium => 2,
        Band::High => 3,
        Band::VeryHigh => 4,
    }
}

/// What the law asks, given the band.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recommendation {
    /// GDPR Art. 33(1): notify unless the breach is unlikely to result in a risk.
    pub notify_imy: bool,
    /// GDPR Art. 34(1): inform the data subjects when the risk is high, unless an
    /// Art. 34(3) exception applies.
    pub inform_data_subjects: bool,
}

/// The recommendation: low → document only (Art. 33(5)); medium → notify IMY
/// (Art. 33(1)); high and very high → notify IMY and inform the data subjects (Art. 34(1)),
/// unless an Art. 34(3) exception applies.
pub fn recommend(band: Band, exception: Option<Art34Exception>) -> Recommendation {
    match band {
        Band::Low => Recommendation {
            notify_imy: false,
            inform_data_subjects: false,
        },
        Band::Medium => Recommendation {
            notify_imy: true,
            inform_data_subjects: false,
        },
        Band::High | Band::VeryHigh => Recommendation {
            notify_imy: true,
            inform_data_subjects: exception.is_none(),
        },
    }
}

/// The recommendation in words, with the rule it comes from.
pub fn recommendation_text(band: Band, exception: Option<Art34Exception>, lang: Lang) -> String {
    match (band, exception) {
        (Band::Low, _) => lang
            .pick(
                "Dokumentera incidenten; anmälan till IMY krävs inte, då incidenten sannolikt inte medför en risk (GDPR art. 33.1, 33.5)",
                "Document the breach; notifying IMY is not required as it is unlikely to result in a risk (GDPR Art. 33(1), 33(5))",
            )
            .to_string(),
        (Band::Medium, _) => lang
            .pick(
                "Anmäl till IMY inom 72 timmar från upptäckten (GDPR art. 33.1)",
                "Notify IMY within 72 hours of discovery (GDPR Art. 33(1))",
            )
            .to_string(),
        (_, None) => lang
            .pick(
                "Anmäl till IMY inom 72 timmar (GDPR art. 33.1) och informera de registrerade utan onödigt dröjsmål (art. 34.1)",
                "Notify IMY within 72 hours (GDPR Art. 33(1)) and inform the data subjects without undue delay (Art. 34(1))",
            )
            .to_string(),
        (_, Some(exception)) => format!(
            "{} ({})",
            lang.pick(
                "Anmäl till IMY inom 72 timmar (GDPR art. 33.1); de registrerade behöver inte informeras enskilt",
                "Notify IMY within 72 hours (GDPR Art. 33(1)); the data subjects need not be informed individually",
            ),
            exception_text(exception, lang)
        ),
    }
}

/// GDPR Art. 34(3)'s exceptions in words.
pub fn exception_text(exception: Art34Exception, lang: Lang) -> &'static str {
    match exception {
        Art34Exception::Unintelligible => lang.pick(
            "art. 34.3 a: uppgifterna är oläsbara för obehöriga, t.ex. genom kryptering",
            "Art. 34(3)(a): the data are unintelligible to anyone not authorised, e.g. encrypted",
        ),
        Art34Exception::RiskRemoved => lang.pick(
            "art. 34.3 b: vidtagna åtgärder gör att den höga risken sannolikt inte längre realiseras",
            "Art. 34(3)(b): subsequent measures ensure the high risk is no longer likely to materialise",
        ),
        Art34Exception::DisproportionateEffort => lang.pick(
            "art. 34.3 c: oproportionell ansträngning; allmänheten informeras i stället",
            "Art. 34(3)(c): disproportionate effort; a public communication is made instead",
        ),
    }
}

impl Art34Exception {
    pub const ALL: [Art34Exception; 3] = [
        Art34Exception::Unintelligible,
        Art34Exception::RiskRemoved,
        Art34Exception::DisproportionateEffort,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Art34Exception::Unintelligible => "unintelligible",
            Art34Exception::RiskRemoved => "risk_removed",
            Art34Exception::DisproportionateEffort => "disproportionate_effort",
        }
    }
}

/// Whether a decision departs from the recommendation.
pub fn departs(decision: &Decision, recommendation: Recommendation) -> bool {
    decision.notify_imy != recommendation.notify_imy
        || decision.inform_data_subjects != recommendation.inform_data_subjects
}

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
            .and_then(|c| c.lower_bound())
            .is_some_and(|n| n > 100),
    }
}

/// A number as the interface writes it: decimal comma in Swedish, trailing zeros dropped.
pub fn number(value: f64, lang: Lang) -> String {
    let text = format!("{value}");
    match lang {
        Lang::Sv => text.replace('.', ","),
        Lang::En => text,
    }
}

/// The decision in words, for journal subjects and lists.
pub fn decision_summary(decision: &Decision) -> &'static str {
    match (decision.notify_imy, decision.inform_data_subjects) {
        (false, false) => "document only",
        (true, false) => "notify IMY",
        (true, true) => "notify IMY, inform data subjects",
        (false, true) => "inform data subjects",
    }
}

/// Every factor of an assessment, its value and why, and the arithmetic (`--explain`).
pub fn explain(assessment: &super::model::Assessment, lang: Lang) -> String {
    let t = |sv: &'static str, en: &'static str| lang.pick(sv, en);
    let n = |value: f64| number(value, lang);
    let yes_no = |value: bool| {
        if value {
            t("ja", "yes")
        } else {
            t("nej", "no")
        }
    };
    let context = &assessment.data_processing_context;
    let circumstances = &assessment.circumstances;
    let severity = severity(
        context.score,
        assessment.ease_of_identification,
        circumstances,
    );
    let band = band(severity);
    let mut out = String::new();
    out.push_str(t(
        "Riskbedömning enligt ENISA 2013 (SE = DPC × EI + CB), som EDPB:s riktlinjer 9/2022 hänvisar till\n",
        "Risk assessment by ENISA 2013 (SE = DPC × EI + CB), as the EDPB Guidelines 9/2022 point to\n",
    ));
    out.push_str(&format!(
        "  DPC  {} = {}\n       {}\n",
        t("sammanhang", "data processing context"),
        context.score,
        context.category.describe(lang)
    ));
    if context.score != context.category.base_score() {
        out.push_str(&format!(
            "       {} {} → {}: {}\n       {}: {}\n",
            t("justerad från grundvärdet", "adjusted from the base score"),
            context.category.base_score(),
            context.score,
            context.category.adjustment_trigger(context.score, lang),
            t("motivering", "justification"),
            context.justification.as_deref().unwrap_or("")
        ));
    } else {
        out.push_str(&format!(
            "       {} {}\n",
            t("grundvärde", "base score"),
            context.score
        ));
    }
    out.push_str(&format!(
        "  EI   {} = {}\n       {}\n",
        t("identifierbarhet", "ease of identification"),
        n(assessment.ease_of_identification.value()),
        assessment.ease_of_identification.describe(lang)
    ));
    out.push_str(&format!(
        "  CB   {} = {}\n",
        t("omständigheter", "circumstances of the breach"),
        n(circumstances_score(circumstances))
    ));
    for (value, component, level) in [
        (
            circumstances.confidentiality.value(),
            t("konfidentialitet", "confidentiality"),
            circumstances.confidentiality.describe(lang),
        ),
        (
            circumstances.integrity.value(),
            t("riktighet", "integrity"),
            circumstances.integrity.describe(lang),
        ),
        (
            circumstances.availability.value(),
            t("tillgänglighet", "availability"),
            circumstances.availability.describe(lang),
        ),
    ] {
        out.push_str(&format!("       +{}  {component}: {level}\n", n(value)));
    }
    out.push_str(&format!(
        "       +{}  {}: {}\n",
        n(if circumstances.malicious {
            MALICIOUS_INTENT
        } else {
            0.0
        }),
        t("uppsåt att skada", "malicious intent"),
        yes_no(circumstances.malicious)
    ));
    out.push_str(&format!(
        "  SE = {} × {} + {} = {} → {} (ENISA 2013 §3.2: {})\n",
        context.score,
        n(assessment.ease_of_identification.value()),
        n(circumstances_score(circumstances)),
        n(severity),
        band.label(lang),
        band_rule(band, lang)
    ));
    out.push_str(&format!(
        "  {}: {}; {}: {}\n",
        t("Fler än 100 registrerade", "More than 100 data subjects"),
        yes_no(assessment.flags.more_than_100_data_subjects),
        t("uppgifterna oläsbara", "data unintelligible"),
        yes_no(assessment.flags.unintelligible)
    ));
    out.push_str(&format!(
        "  {}: {}\n",
        t(
            "Allvarlighet för IMY (fråga 29)",
            "Severity for IMY (question 29)"
        ),
        imy_severity(band)
    ));
    let decision = &assessment.decision;
    out.push_str(&format!(
        "{}: {}\n",
        t("Rekommendation", "Recommendation"),
        recommendation_text(band, decision.exception, lang)
    ));
    out.push_str(&format!(
        "{}: {} {}; {} {}\n",
        t("Beslut", "Decision"),
        t("anmäla till IMY", "notify IMY"),
        yes_no(decision.notify_imy),
        t("informera de registrerade", "inform the data subjects"),
        yes_no(decision.inform_data_subjects)
    ));
    if let Some(reason) = &decision.departure_reason {
        out.push_str(&format!(
            "{}: {reason}\n",
            t(
                "Skäl att avvika från rekommendationen",
                "Why it departs from the recommendation"
            )
        ));
    }
    out.push_str(&format!(
        "{}: {}\n",
        t("Motivering", "Reasoning"),
        assessment.reasoning.trim()
    ));
    out
}

fn band_rule(band: Band, lang: Lang) -> &'static str {
    match band {
        Band::Low => "SE < 2",
        Band::Medium => "2 ≤ SE < 3",
        Band::High => "3 ≤ SE < 4",
        Band::VeryHigh => lang.pick("SE ≥ 4", "SE ≥ 4"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cb(
        c: ConfidentialityLoss,
        i: IntegrityLoss,
        a: AvailabilityLoss,
        malicious: bool,
    ) -> Circumstances {
        Circumstances {
            confidentiality: c,
            integrity: i,
            availability: a,
            malicious,
        }
    }

    const NONE: Circumstances = Circumstances {
        confidentiality: ConfidentialityLoss::None,
        integrity: IntegrityLoss::None,
        availability: AvailabilityLoss::None,
        malicious: false,
    };

    #[test]
    fn severity_and_band_over_every_component() {
        use AvailabilityLoss as A;
        use ConfidentialityLoss as C;
        use EaseOfIdentification as E;
        use IntegrityLoss as I;
        let cases: &[(u8, E, Circumstances, f64, Band)] = &[
            // the minimum and the maximum of the method
            (1, E::Negligible, NONE, 0.25, Band::Low),
            (
                4,
                E::Maximum,
                cb(C::UnknownRecipients, I::Irrecoverable, A::Full, true),
                6.0,
                Band::VeryHigh,
            ),
            // each EI level
            (4, E::Limited, NONE, 2.0, Band::Medium),
            (4, E::Significant, NONE, 3.0, Band::High),
            (4, E::Maximum, NONE, 4.0, Band::VeryHigh),
            // band edges: exactly 2, 3, 4 and just below
            (2, E::Maximum, NONE, 2.0, Band::Medium),
            (
                1,
                E::Maximum,
                cb(C::KnownRecipients, I::Recoverable, A::Temporary, false),
                1.75,
                Band::Low,
            ),
            (
                2,
                E::Maximum,
                cb(C::UnknownRecipients, I::Recoverable, A::Temporary, false),
                3.0,
                Band::High,
            ),
            (
                3,
                E::Maximum,
                cb(C::None, I::Irrecoverable, A::Full, false),
                4.0,
                Band::VeryHigh,
            ),
            (
                3,
                E::Significant,
                cb(C::UnknownRecipients, I::None, A::None, false),
                2.75,
                Band::Medium,
            ),
            (
                3,
                E::Maximum,
                cb(C::KnownRecipients, I::None, A::None, false),
                3.25,
                Band::High,
            ),
            (
                3,
                E::Maximum,
                cb(C::KnownRecipients, I::Recoverable, A::Temporary, false),
                3.75,
                Band::High,
            ),
            // each circumstance alone
            (
                1,
                E::Maximum,
                cb(C::KnownRecipients, I::None, A::None, false),
                1.25,
                Band::Low,
            ),
            (
                1,
                E::Maximum,
                cb(C::None, I::Irrecoverable, A::None, false),
                1.5,
                Band::Low,
            ),
            (
                1,
                E::Maximum,
                cb(C::None, I::None, A::Full, false),
                1.5,
                Band::Low,
            ),
            (
                1,
                E::Maximum,
                cb(C::None, I::None, A::None, true),
                1.5,
                Band::Low,
            ),
            // worked by hand: sensitive, fully identifiable, unknown recipients, malicious
            (
                4,
                E::Maximum,
                cb(C::UnknownRecipients, I::None, A::None, true),
                5.0,
                Band::VeryHigh,
            ),
        ];
        for (dpc, ease, circumstances, expected, expected_band) in cases {
            let se = severity(*dpc, *ease, circumstances);
            assert_eq!(se, *expected, "{dpc} {ease:?} {circumstances:?}");
            assert_eq!(band(se), *expected_band, "SE {se}");
        }
    }

    #[test]
    fn recommendation_follows_the_band_and_the_exceptions() {
        assert_eq!(
            recommend(Band::Low, None),
            Recommendation {
                notify_imy: false,
                inform_data_subjects: false
            }
        );
        assert_eq!(
            recommend(Band::Medium, None),
            Recommendation {
                notify_imy: true,
                inform_data_subjects: false
            }
        );
        assert_eq!(
            recommend(Band::High, None),
            Recommendation {
                notify_imy: true,
                inform_data_subjects: true
            }
        );
        assert_eq!(
            recommend(Band::VeryHigh, None),
            Recommendation {
                notify_imy: true,
                inform_data_subjects: true
            }
        );
        assert_eq!(
            recommend(Band::High, Some(Art34Exception::Unintelligible)),
            Recommendation {
                notify_imy: true,
                inform_data_subjects: false
            }
        );
        assert_eq!(
            [Band::Low, Band::Medium, Band::High, Band::VeryHigh].map(imy_severity),
            [1, 2, 3, 4]
        );
        assert!(recommendation_text(Band::Medium, None, Lang::En).contains("GDPR Art. 33(1)"));
        assert!(
            recommendation_text(
                Band::High,
                Some(Art34Exception::DisproportionateEffort),
                Lang::Sv
            )
            .contains("allmänheten")
        );
    }

    #[test]
    fn base_scores_are_enisas() {
        assert_eq!(
            DataCategory::ALL.map(DataCategory::base_score),
            [1, 2, 3, 4]
        );
    }
}
