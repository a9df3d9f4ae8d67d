//! The verdict on an incident (is it a personal data breach at all?) and the moment the
//! organisation became aware of it, both parts of `report.yaml`.
//!
//! Sources: GDPR Art. 4(12) (what a personal data breach is); EDPB Guidelines 9/2022
//! paras 31–34 (awareness: a reasonable degree of certainty, after a short investigation);
//! säkerhetsskyddslagen (2018:585) (security-protection incidents go to Säkerhetspolisen,
//! not IMY); the seeds' processes (identification first; "if in doubt, treat it as an
//! incident"; "vid osäkerhet kontakta dataskyddsombudet").

use chrono::{DateTime, FixedOffset, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::domain::Lang;
use crate::domain::moment::{ClockTime, Moment};

/// What the incident is, as decided by people, with who decided, when and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Verdict {
    /// The decision.
    pub kind: VerdictKind,
    /// Who decided (name or role).
    pub decided_by: String,
    /// When it was decided (RFC 3339 with offset).
    pub decided_at: DateTime<FixedOffset>,
    /// Why; mandatory, so that the decision can be checked afterwards (GDPR Art. 33(5)).
    pub reason: String,
}

/// The kinds of verdict. Without a verdict an incident is undecided: it is treated as a
/// possible personal data breach and the GDPR's clock runs.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum VerdictKind {
    /// Not yet decided: treated as a possible personal data breach, clock running.
    Undecided,
    /// A personal data breach (GDPR Art. 4(12)): Art. 33 and 34 apply.
    PersonalDataBreach,
    /// An incident that concerns no personal data: documented, no GDPR obligations; other
    /// regimes (NIS2, contracts) may still apply.
    NoPersonalData,
    /// Not an incident: a bug or a cosmetic flaw, documented and closable.
    NotAnIncident,
    /// A security-protection incident under säkerhetsskyddslagen (2018:585): reported to
    /// Säkerhetspolisen, not to IMY.
    SecurityProtection,
}

impl VerdictKind {
    pub const ALL: [VerdictKind; 5] = [
        VerdictKind::Undecided,
        VerdictKind::PersonalDataBreach,
        VerdictKind::NoPersonalData,
        VerdictKind::NotAnIncident,
        VerdictKind::SecurityProtection,
    ];

    pub fn key(self) -> &'static str {
        match self {
            VerdictKind::Undecided => "undecided",
            VerdictKind::PersonalDataBreach => "personal_data_breach",
            VerdictKind::NoPersonalData => "no_personal_data",
            VerdictKind::NotAnIncident => "not_an_incident",
            VerdictKind::SecurityProtection => "security_protection",
        }
    }

    pub fn parse(text: &str) -> Option<VerdictKind> {
        let text = text.trim().replace('-', "_");
        VerdictKind::ALL.into_iter().find(|k| k.key() == text)
    }

    /// The verdict in words, in the interface language.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            VerdictKind::Undecided => lang.pick(
                "ej avgjort (behandlas som möjlig personuppgiftsincident)",
                "undecided (treated as a possible personal data breach)",
            ),
            VerdictKind::PersonalDataBreach => {
                lang.pick("personuppgiftsincident", "personal data breach")
            }
            VerdictKind::NoPersonalData => lang.pick(
                "incident utan personuppgifter",
                "incident without personal data",
            ),
            VerdictKind::NotAnIncident => lang.pick(
                "ingen incident (bugg eller skönhetsfel)",
                "not an incident (a bug or a cosmetic flaw)",
            ),
            VerdictKind::SecurityProtection => lang.pick(
                "säkerhetsskyddsincident (Säkerhetspolisen)",
                "security-protection incident (Swedish Security Service)",
            ),
        }
    }

    /// A few words for tables.
    pub fn short(self, lang: Lang) -> &'static str {
        match self {
            VerdictKind::Undecided => lang.pick("ej avgjort", "undecided"),
            VerdictKind::PersonalDataBreach => {
                lang.pick("personuppgiftsincident", "personal data breach")
            }
            VerdictKind::NoPersonalData => lang.pick("utan personuppgifter", "no personal data"),
            VerdictKind::NotAnIncident => lang.pick("ingen incident", "not an incident"),
            VerdictKind::SecurityProtection => lang.pick("säkerhetsskydd", "security protection"),
        }
    }

    /// Whether the GDPR's Art. 33 and 34 apply: for a breach, and for an undecided case as
    /// the cautious default (the seeds: "if in doubt, treat it as an incident").
    pub fn gdpr_applies(self) -> bool {
        matches!(
            self,
            VerdictKind::Undecided | VerdictKind::PersonalDataBreach
        )
    }

    /// Whether IMY is the authority notified (GDPR Art. 33(1)); a security-protection
    /// incident goes to Säkerhetspolisen instead (säkerhetsskyddslagen 2018:585).
    pub fn imy_route(self) -> bool {
        self.gdpr_applies()
    }

    /// Whether the incident is one at all, so that other regimes (NIS2) may apply.
    pub fn is_incident(self) -> bool {
        self != VerdictKind::NotAnIncident
    }

    /// Why this verdict takes the case out of the GDPR's route, in words with its source;
    /// `None` when the GDPR applies.
    pub fn consequence(self, lang: Lang) -> Option<&'static str> {
        match self {
            VerdictKind::Undecided | VerdictKind::PersonalDataBreach => None,
            VerdictKind::NoPersonalData => Some(lang.pick(
                "inga personuppgifter berörs, så GDPR art. 33 och 34 gäller inte; incidenten dokumenteras och andra regelverk (NIS2, avtal) kan gälla",
                "no personal data are concerned, so GDPR Art. 33 and 34 do not apply; the incident is documented and other regimes (NIS2, contracts) may apply",
            )),
            VerdictKind::NotAnIncident => Some(lang.pick(
                "felet dokumenteras och hanteras som en bugg; GDPR:s skyldigheter gäller inte och ärendet kan avslutas",
                "the flaw is documented and handled as a bug; the GDPR's duties do not apply and the case may be closed",
            )),
            VerdictKind::SecurityProtection => Some(lang.pick(
                "säkerhetsskyddsincidenter rapporteras till Säkerhetspolisen enligt säkerhetsskyddslagen (2018:585), inte till IMY",
                "security-protection incidents are reported to the Swedish Security Service under säkerhetsskyddslagen (2018:585), not to IMY",
            )),
        }
    }
}

/// The guidance shown where the verdict is asked, from the seed processes.
pub fn verdict_guidance(lang: Lang) -> &'static str {
    lang.pick(
        "Ett fel som ger felaktiga eller saknade uppgifter är en incident; rör uppgifterna personer är det också en personuppgiftsincident (GDPR art. 4.12). Skönhetsfel med ringa inverkan rapporteras som buggar. Vid osäkerhet: behandla det som en incident och kontakta dataskyddsombudet.",
        "A problem that makes data wrong or missing is an incident; if the data concern people it is also a personal data breach (GDPR Art. 4(12)). Cosmetic flaws of little effect are reported as bugs. If in doubt: treat it as an incident and contact the data protection officer.",
    )
}

/// When the organisation became aware of the breach, when that differs from the
/// discovery: the 72 hours of GDPR Art. 33(1) run from here (EDPB Guidelines 9/2022
/// paras 31–34: a reasonable degree of certainty that personal data were compromised,
/// possibly after a short investigation; a controller is aware when its processor tells it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Awareness {
    /// Date of awareness, local to the register's timezone.
    pub date: NaiveDate,
    /// Clock time (HH:MM), if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<ClockTime>,
    /// Why awareness came later than the discovery; mandatory.
    pub reason: String,
}

impl Awareness {
    pub fn moment(&self) -> Moment {
        Moment::on(self.date, self.time)
    }
}

/// Refuses an awareness before the discovery (the rule of `report.yaml`), or after the
/// notification to IMY (`notified_imy`, in `zone`): IMY is notified of a breach one is aware
/// of, so a later awareness would only turn a late notification into one in time.
pub fn check_awareness(
    discovered: &Moment,
    aware: &Awareness,
    notified_imy: Option<DateTime<FixedOffset>>,
    zone: chrono_tz::Tz,
) -> Result<(), crate::domain::input::InputError> {
    let moment = aware.moment();
    if moment.compare(discovered) == Some(std::cmp::Ordering::Less) {
        return Err(crate::domain::input::InputError::AwareBeforeDiscovery {
            aware: moment.to_string(),
            discovered: discovered.to_string(),
        });
    }
    if let (Some(notified), Ok(instant)) = (notified_imy, moment.earliest_instant(zone))
        && instant > notified
    {
        return Err(crate::domain::input::InputError::AwareAfterNotification {
            aware: moment.to_string(),
            notified: notified
                .with_timezone(&zone)
                .format("%Y-%m-%d %H:%M")
                .to_string(),
        });
    }
    Ok(())
}
