//! The ENISA 2013 factors of a breach: the data processing context (DPC), the ease of
//! identification (EI) and the circumstances (CB): their values, keys and descriptions.

use crate::domain::Lang;
use crate::domain::model::assessment::{
    AvailabilityLoss, ConfidentialityLoss, DataCategory, EaseOfIdentification, IntegrityLoss,
};

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

    /// The category's short name.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            DataCategory::Simple => lang.pick("enkla", "simple"),
            DataCategory::Behavioural => lang.pick("beteende", "behavioural"),
            DataCategory::Financial => lang.pick("ekonomiska", "financial"),
            DataCategory::Sensitive => lang.pick("känsliga", "sensitive"),
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
        use DataCategory::{Behavioural, Financial, Sensitive, Simple};
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
            (Behavioural | Financial | Sensitive, 1) => lang.pick(
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
