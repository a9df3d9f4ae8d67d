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
    /// Root cause analysis (grundorsaksanalys).
    pub root_cause: String,
    /// Lessons learned, to prevent recurrence.
    pub lessons_learned: String,
}
