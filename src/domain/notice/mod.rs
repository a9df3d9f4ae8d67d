//! The vendor's notice as a file: `export customer|controller --format json` writes it,
//! `incident new --from-notice FILE` in the customer's (the controller's) register reads it.
//!
//! A processor notifies its controller without undue delay (GDPR Art. 33(2)); the
//! controller notifies IMY within 72 hours of becoming aware (Art. 33(1)) with what
//! Art. 33(3) names. The file carries the facts of IMY questions 10–13, 15–18, 21–28 and
//! 30 under the serde keys of report.yaml and actions.yaml, so the controller's tool reads
//! them back exactly; the sender's id, organisation and commit travel with them.
//!
//! The format is versioned (`format: "incident-notice/1"`, see [`FORMAT`]): a reader
//! refuses a newer version rather than guess. Pure: the commit, the moment and the
//! settings are parameters; reading the file is the caller's.

mod intake;
#[cfg(test)]
mod tests;

pub use intake::{NoticeProblem, actions_taken, into_draft, parse};

use chrono::{DateTime, FixedOffset};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::incident::Incident;
use super::model::actions::ActionTaken;
use super::model::answers::{Q15, Q17, Q18, Q25, Q26, Q28};
use super::model::report::{BreachType, Party, Role};
use super::model::{Choice, Count, Selection, Settings};
use super::moment::Moment;

/// The name of the format, before the version.
pub const FORMAT_NAME: &str = "incident-notice";
/// The version this build writes and reads.
pub const FORMAT_VERSION: u32 = 1;
/// The `format` value this build writes.
pub const FORMAT: &str = "incident-notice/1";

/// A processor's notice of a personal data breach to a controller (or a vendor's to its
/// customer), as a machine-readable file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "incident-notice/1")]
pub struct Notice {
    /// The format and its version: `incident-notice/1`. A reader refuses a newer version.
    pub format: String,
    /// Which notice: `controller` (the processor's notice, GDPR Art. 33(2)), or one of
    /// the vendor's notices to a customer (`acknowledgement`, `detailed`, `resolution`).
    pub kind: NoticeKind,
    /// When it was exported (RFC 3339).
    pub exported_at: DateTime<FixedOffset>,
    /// Who sends it, and the incident in its register.
    pub sender: Sender,
    /// The controller or customer it is for, when the sender's report names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient: Option<Party>,
    /// The facts, under report.yaml's keys (and actions.yaml's `taken` for question 30).
    pub facts: Facts,
}

/// Which notice the file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NoticeKind {
    /// The processor's notice to its controller (GDPR Art. 33(2)).
    Controller,
    /// A vendor's acknowledgement with the case number.
    Acknowledgement,
    /// A vendor's detailed notice: consequences and extent.
    Detailed,
    /// A vendor's notice that the incident is resolved.
    Resolution,
}

/// The sender and its incident.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sender {
    /// The sender's organisation (incident.toml's name and org number).
    pub organisation: Party,
    /// The sender's role for the processing: `processor` when it notifies its controller.
    pub role: Role,
    /// The incident's id in the sender's register, YYYY-NNNN.
    pub incident: String,
    /// The sender's own case or diary number, if it differs from the id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub internal_reference: Option<String>,
    /// The commit of the sender's register the facts come from (full hash); left out for
    /// a register without a journal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[0-9a-f]{40}([0-9a-f]{24})?$"))]
    pub commit: Option<String>,
    /// The timezone the dates and times below are local to (the sender's register's).
    pub timezone: String,
}

/// The facts the controller needs for its notification to IMY, under report.yaml's keys.
/// Every field may be left out; `title` and `discovered` are required when read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Facts {
    /// A short title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// What was observed and how the incident showed itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub observed: Option<String>,
    /// When it occurred (IMY question 10).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub occurred: Option<Moment>,
    /// When the sender discovered it (its own IMY question 11).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub discovered: Option<Moment>,
    /// Is it still going on? (IMY question 12)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ongoing: Option<bool>,
    /// When it ended (IMY question 13).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ended: Option<Moment>,
    /// What happened (IMY question 15).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub what_happened: Option<Choice<Q15>>,
    /// Short description (IMY question 16).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// How the sender discovered it (IMY question 17, the sender's answer).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub how_discovered: Option<Choice<Q17>>,
    /// Why it happened (IMY question 18).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cause: Option<Choice<Q18>>,
    /// Type of breach (EDPB): confidentiality, integrity, availability.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub breach_types: Vec<BreachType>,
    /// The sender's own processors or sub-processors involved (for IMY question 22).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub processors: Vec<Party>,
    /// Number of data subjects (IMY question 23).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_subjects: Option<Count>,
    /// Number of records (IMY question 24).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub records: Option<Count>,
    /// Groups of data subjects (IMY question 25).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject_groups: Option<Selection<Q25>>,
    /// Kinds of personal data (IMY question 26).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_categories: Option<Selection<Q26>>,
    /// Were the data encrypted? (IMY question 27)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encrypted: Option<bool>,
    /// Possible consequences (IMY question 28).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consequences: Option<Selection<Q28>>,
    /// Actions taken, dated (IMY question 30), under actions.yaml's keys; who did each is
    /// left out (a name the controller's notification does not need).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub taken: Vec<ActionTaken>,
}

/// The notice of `incident` as its register held it at `commit`, exported at `now`.
pub fn build(
    incident: &Incident,
    settings: &Settings,
    timezone: &str,
    kind: NoticeKind,
    commit: Option<String>,
    now: DateTime<FixedOffset>,
) -> Notice {
    let report = &incident.report;
    let organisation = &settings.organisation;
    let taken = incident
        .actions
        .as_ref()
        .map(|actions| {
            actions
                .taken
                .iter()
                .map(|action| ActionTaken {
                    by: None,
                    ..action.clone()
                })
                .collect()
        })
        .unwrap_or_default();
    Notice {
        format: FORMAT.to_string(),
        kind,
        exported_at: now,
        sender: Sender {
            organisation: Party {
                name: organisation.name.clone(),
                org_number: organisation.org_number.clone(),
            },
            role: report.role,
            incident: report.id.to_string(),
            internal_reference: report.internal_reference.clone(),
            commit,
            timezone: timezone.to_string(),
        },
        recipient: report.controller.clone(),
        facts: Facts {
            title: Some(report.title.clone()),
            observed: report.observed.clone(),
            occurred: report.occurred.clone(),
            discovered: Some(report.discovered.clone()),
            ongoing: report.ongoing,
            ended: report.ended.clone(),
            what_happened: report.what_happened.clone(),
            description: report.description.clone(),
            how_discovered: report.how_discovered.clone(),
            cause: report.cause.clone(),
            breach_types: report.breach_types.clone(),
            processors: report.processors.clone(),
            data_subjects: report.data_subjects.clone(),
            records: report.records.clone(),
            subject_groups: report.subject_groups.clone(),
            data_categories: report.data_categories.clone(),
            encrypted: report.encrypted,
            consequences: report.consequences.clone(),
            taken,
        },
    }
}

/// The notice as the file holds it: pretty JSON with a final newline.
pub fn to_json(notice: &Notice) -> String {
    let mut text = serde_json::to_string_pretty(notice).unwrap_or_default();
    text.push('\n');
    text
}
