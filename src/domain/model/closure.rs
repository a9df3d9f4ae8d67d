//! `closure.yaml`: the root cause, the lessons and the closing of the case (steps G and H).

use chrono::{DateTime, FixedOffset};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The closing of one incident.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Closure {
    /// Version of the file format.
    #[serde(default = "super::current_schema_version")]
    #[schemars(schema_with = "super::schema_version_schema")]
    pub schema_version: u32,
    /// When the case was closed (RFC 3339 with offset).
    pub closed_at: DateTime<FixedOffset>,
    /// Who closed it.
    pub closed_by: String,
    /// Where the law's obligations stood at the closing: all met or not required, or the
    /// open ones waived (listed in `waived`). Written by `incident close`; a closure without
    /// it (written by hand, or by an older version) is looked at by `incident deadlines`. Kept
    /// near the top of the file, so that `deadlines` finds it in the file's first bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_obligations_at_close: Option<AtClose>,
    /// Obligations of the law still open at the closing, each waived with its reason. A
    /// waived obligation is shown as waived, never as met; reopening the case removes the
    /// waiver with the closure (the journal keeps both).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub waived: Vec<Waiver>,
    /// Root cause analysis (grundorsaksanalys).
    pub root_cause: String,
    /// Lessons learned, to prevent recurrence.
    pub lessons_learned: String,
}

/// Where the law's obligations stood when the case was closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AtClose {
    /// Every one met or not required.
    Met,
    /// The open ones waived, each with its reason.
    Waived,
}

/// An obligation of the law left open at the closing, with why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Waiver {
    /// The obligation's key as `incident deadlines --json` names it: `supplement`,
    /// `inform_data_subjects`, `public_communication`, `nis2_final_report`, ...
    pub obligation: String,
    /// Why it is not met and the case is closed all the same.
    pub reason: String,
}
