//! The parts of the incident files that belong to the reporting regimes beside the GDPR
//! (NIS2 / cybersäkerhetslagen, DORA, the state agencies' reports to CERT-SE): whether a
//! regime applies to an incident, as decided by whom, when and why.

use chrono::{DateTime, FixedOffset};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A decision that a regime's reporting duties apply to an incident, or do not: NIS2's
/// "significant incident" (Art. 23(3)), DORA's "major ICT-related incident" (Art. 19).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Classification {
    /// Does the regime apply (significant, major)?
    pub applies: bool,
    /// When the incident was so classified (RFC 3339 with offset). DORA's initial
    /// notification runs from this moment.
    pub at: DateTime<FixedOffset>,
    /// Who decided.
    pub by: String,
    /// Why.
    pub reason: String,
}

/// An intermediate report the CSIRT asked for (NIS2 Art. 23(4)(c)), and the answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CsirtRequest {
    /// When the CSIRT asked.
    pub requested_at: DateTime<FixedOffset>,
    /// By when it asked for the report (the directive names no time: the request does).
    pub due: DateTime<FixedOffset>,
    /// When the report was sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answered_at: Option<DateTime<FixedOffset>>,
}
