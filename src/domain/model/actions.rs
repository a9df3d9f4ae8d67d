//! `actions.yaml`: the action log and the planned measures (steps D and E; IMY question 30).

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::domain::moment::ClockTime;

/// What was done after the incident, and what is planned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Actions {
    /// Version of the file format.
    #[serde(default = "super::current_schema_version")]
    #[schemars(schema_with = "super::schema_version_schema")]
    pub schema_version: u32,
    /// Actions taken, in order (IMY question 30: Datum, Klockslag, Åtgärd).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub taken: Vec<ActionTaken>,
    /// Measures planned to mitigate the consequences or prevent recurrence (step E).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub planned: Vec<PlannedMeasure>,
}

/// One action taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionTaken {
    /// Date of the action.
    pub date: NaiveDate,
    /// Clock time (HH:MM), if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<ClockTime>,
    /// What was done.
    pub action: String,
    /// Who did it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
}

/// A planned measure (step E).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlannedMeasure {
    /// What is to be done.
    pub measure: String,
    /// Who owns it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// When it is due.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    /// Purpose: mitigate (the consequences for the data subjects) or prevent (recurrence).
    pub purpose: Purpose,
    /// State: open, done or deferred.
    #[serde(default)]
    pub status: MeasureStatus,
    /// When it was done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done_on: Option<NaiveDate>,
    /// Why it was deferred; required when deferred.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deferred_reason: Option<String>,
}

/// Purpose of a planned measure (the municipal process, step E).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    Mitigate,
    Prevent,
}

/// State of a planned measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MeasureStatus {
    #[default]
    Open,
    Done,
    Deferred,
}
