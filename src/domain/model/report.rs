//! `report.yaml`: the facts of one incident (steps A, B and D; IMY questions 4–28).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::answers::{Choice, Count, Q15, Q17, Q18, Q19, Q20, Q25, Q26, Q28, Selection};
use super::provenance::NoticeOrigin;
use super::regimes::Classification;
use super::settings::{Person, PostalAddress};
use super::verdict::{Awareness, Verdict, VerdictKind};
use crate::domain::id::IncidentId;
use crate::domain::moment::{ClockTime, Moment};

/// The report of one personal data breach: what was observed, when, what happened, whom
/// and which data it concerns. Unknown facts are left out and added when they are known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// Version of the file format.
    #[serde(default = "super::current_schema_version")]
    #[schemars(schema_with = "super::schema_version_schema")]
    pub schema_version: u32,
    /// The incident id, YYYY-NNNN; must match the folder the file is in.
    pub id: IncidentId,
    /// A short title for lists, e.g. "E-mail with patient data sent to the wrong recipient".
    pub title: String,
    /// Is it a personal data breach at all? Left out: not yet decided, treated as a possible
    /// personal data breach with the GDPR's clock running.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Verdict>,
    /// The organisation's own case or diary number, if it differs from the id (IMY question 4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub internal_reference: Option<String>,
    /// Contact persons for this notification, when they differ from incident.toml (IMY 5–8).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<Person>,
    /// Contact address for this notification, when it differs from incident.toml (IMY 9).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_address: Option<PostalAddress>,
    /// Who reported the incident to the organisation (a customer or an employee), when the
    /// report came from outside the register: e.g. the sender of an e-mail taken in with
    /// `incident new --from-mail`, whom the acknowledgement goes to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reported_by: Option<Reporter>,
    /// What was observed and how the incident shows itself (step A).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub observed: Option<String>,
    /// When the incident occurred (IMY question 10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occurred: Option<Moment>,
    /// When the organisation discovered it (IMY question 11): the 72 hours of GDPR
    /// Art. 33(1) run from here unless `aware` says otherwise.
    pub discovered: Moment,
    /// When the organisation became aware of the breach, when later than the discovery,
    /// with the reason (EDPB Guidelines 9/2022 paras 31–34): the 72 hours run from here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aware: Option<Awareness>,
    /// Who discovered it (name or role).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discovered_by: Option<String>,
    /// When the responsible manager was told (step A).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manager_informed: Option<PersonTold>,
    /// When the data protection officer was contacted (step B).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dpo_contacted: Option<PersonTold>,
    /// Is the incident still going on? (IMY question 12)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ongoing: Option<bool>,
    /// When the incident ended, if it is not ongoing (IMY question 13).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended: Option<Moment>,
    /// What happened (IMY question 15).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub what_happened: Option<Choice<Q15>>,
    /// Short description of the incident (IMY question 16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// How the incident was discovered (IMY question 17).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub how_discovered: Option<Choice<Q17>>,
    /// Why it happened, in the organisation's view (IMY question 18).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<Choice<Q18>>,
    /// Sector; incident.toml's default when left out (IMY question 19).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sector: Option<Choice<Q19>>,
    /// Area of activity; incident.toml's default when left out (IMY question 20).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<Choice<Q20>>,
    /// Type of breach (EDPB): confidentiality, integrity and/or availability.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub breach_types: Vec<BreachType>,
    /// Whether the organisation is controller or processor of the processing concerned.
    /// A processor notifies its controller (GDPR Art. 33(2)).
    #[serde(default)]
    pub role: Role,
    /// The controller to notify, when the organisation is the processor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub controller: Option<Party>,
    /// Does the processing involve processors or sub-processors? (IMY question 21)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub processors_involved: Option<bool>,
    /// The processors involved (IMY question 22).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub processors: Vec<Party>,
    /// How many data subjects are affected (IMY question 23).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_subjects: Option<Count>,
    /// How many records about them are affected in all (IMY question 24).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub records: Option<Count>,
    /// Groups the data subjects belong to (IMY question 25).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject_groups: Option<Selection<Q25>>,
    /// Kinds of personal data affected (IMY question 26).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_categories: Option<Selection<Q26>>,
    /// Were the personal data encrypted? (IMY question 27)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encrypted: Option<bool>,
    /// Possible consequences for the data subjects (IMY question 28).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consequences: Option<Selection<Q28>>,
    /// Is this also a significant incident under NIS2 / the Swedish cybersäkerhetslag (2025:1506)?
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nis2_significant: Option<bool>,
    /// Whether the reporting duties of a regime beside the GDPR apply, by the regime's key
    /// (`nis2`: a significant incident, NIS2 Art. 23(3); `dora`: a major ICT-related
    /// incident): who decided, when and why. `incident nis2` keeps `nis2` and
    /// `nis2_significant` in step.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub classifications: BTreeMap<String, Classification>,
    /// The processor's notice the report was started from (`incident new --from-notice`):
    /// its sender, incident id, commit and digest. The 72 hours run from its receipt
    /// (`discovered`; EDPB Guidelines 9/2022 section II.A.4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_notice: Option<NoticeOrigin>,
}

impl Report {
    /// The verdict; undecided when none is recorded.
    pub fn verdict_kind(&self) -> VerdictKind {
        self.verdict
            .as_ref()
            .map_or(VerdictKind::Undecided, |v| v.kind)
    }

    /// The moment the clocks of the law run from: the awareness when recorded, else the
    /// discovery, the cautious default (GDPR Art. 33(1); EDPB Guidelines 9/2022 para. 31).
    pub fn clock_start(&self) -> Moment {
        self.aware
            .as_ref()
            .map_or_else(|| self.discovered.clone(), Awareness::moment)
    }
}

/// Who reported an incident, and the persons they want kept informed: the vendor's template
/// says its communication goes to the address the report came from and to the persons
/// named under "Kontaktuppgifter".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reporter {
    /// The reporter's name, as the sender gave it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The address the report came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[^@\s]+@[^@\s]+$"))]
    pub email: Option<String>,
    /// When the report was received (the e-mail's Date), RFC 3339 with offset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received_at: Option<chrono::DateTime<chrono::FixedOffset>>,
    /// The persons the reporter named to be kept informed of the incident's handling.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<Person>,
}

impl Reporter {
    /// One line: the reporter's name and address, and the persons named, in `lang`.
    pub fn summary(&self, lang: crate::domain::Lang) -> String {
        let email = self.email.as_ref().map(|e| format!("<{e}>"));
        let who: Vec<String> = [self.name.clone(), email].into_iter().flatten().collect();
        let named: Vec<&str> = self.contacts.iter().map(|p| p.name.as_str()).collect();
        if named.is_empty() {
            who.join(" ")
        } else {
            format!(
                "{}; {}: {}",
                who.join(" "),
                lang.pick("kontakter", "contacts"),
                named.join(", ")
            )
        }
    }
}

/// A person who was told, and when (steps A and B).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PersonTold {
    /// Name or role of the person told.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Date they were told.
    pub date: NaiveDate,
    /// Clock time (HH:MM), if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<ClockTime>,
}

impl PersonTold {
    pub fn moment(&self) -> Moment {
        Moment::on(self.date, self.time)
    }
}

/// An organisation named in a report: a processor or the controller.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Party {
    /// Name of the organisation.
    pub name: String,
    /// Organisation number, NNNNNN-NNNN, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[0-9]{6}-[0-9]{4}$"))]
    pub org_number: Option<String>,
}

/// Type of breach (EDPB Guidelines 9/2022, from WP29 Opinion 03/2014); one breach can be several.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum BreachType {
    Confidentiality,
    Integrity,
    Availability,
}

impl BreachType {
    pub const ALL: [BreachType; 3] = [
        BreachType::Confidentiality,
        BreachType::Integrity,
        BreachType::Availability,
    ];

    pub fn key(self) -> &'static str {
        match self {
            BreachType::Confidentiality => "confidentiality",
            BreachType::Integrity => "integrity",
            BreachType::Availability => "availability",
        }
    }

    pub fn parse(text: &str) -> Option<BreachType> {
        BreachType::ALL.into_iter().find(|t| t.key() == text.trim())
    }

    /// Label with the EDPB's meaning, in the interface language.
    pub fn label(self, lang: crate::domain::Lang) -> &'static str {
        match self {
            BreachType::Confidentiality => lang.pick(
                "Konfidentialitet: obehörigt röjande eller obehörig åtkomst",
                "Confidentiality: unauthorised disclosure of or access to data",
            ),
            BreachType::Integrity => lang.pick(
                "Riktighet: obehörig eller oavsiktlig ändring",
                "Integrity: unauthorised or accidental alteration",
            ),
            BreachType::Availability => lang.pick(
                "Tillgänglighet: förlust av åtkomst eller förstöring",
                "Availability: loss of access to or destruction of data",
            ),
        }
    }
}

/// The organisation's role for the processing concerned: controller
/// (personuppgiftsansvarig, notifies IMY, GDPR Art. 33(1)) or processor
/// (personuppgiftsbiträde, notifies the controller, Art. 33(2)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    // Personuppgiftsansvarig: notifies IMY (GDPR Art. 33(1)).
    #[default]
    Controller,
    // Personuppgiftsbiträde: notifies the controller (GDPR Art. 33(2)).
    Processor,
}

impl Role {
    pub fn key(self) -> &'static str {
        match self {
            Role::Controller => "controller",
            Role::Processor => "processor",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        match text.trim() {
            "controller" => Some(Role::Controller),
            "processor" => Some(Role::Processor),
            _ => None,
        }
    }
}
