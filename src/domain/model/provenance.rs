//! Where a report came from when it was not typed in: a processor's notice taken in with
//! `incident new --from-notice` (report.yaml's `from_notice`).

use chrono::{DateTime, FixedOffset};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::report::Party;

/// The notice a report was started from: whose, which of its incidents, from which commit
/// of its register, and the digest of the file as it was received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NoticeOrigin {
    /// The notice's format, e.g. `incident-notice/1`.
    pub format: String,
    /// The organisation that sent it (the processor): name and org number.
    pub sender: Party,
    /// The incident's id in the sender's register.
    pub incident: String,
    /// The sender's own case or diary number, if it gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub internal_reference: Option<String>,
    /// The commit of the sender's register the notice was exported from (full hash).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commit: Option<String>,
    /// When the sender exported it.
    pub exported_at: DateTime<FixedOffset>,
    /// SHA-256 of the notice file as received (hex), so the file kept elsewhere can be
    /// shown to be the one taken in.
    #[schemars(regex(pattern = r"^[0-9a-f]{64}$"))]
    pub sha256: String,
}

impl NoticeOrigin {
    /// Whether `other` stands for the same incident of the same sender: its id and its org
    /// number (or, without one, its name).
    pub fn same_source(&self, other: &NoticeOrigin) -> bool {
        let sender = |origin: &NoticeOrigin| {
            origin
                .sender
                .org_number
                .clone()
                .unwrap_or_else(|| origin.sender.name.trim().to_lowercase())
        };
        self.incident == other.incident && sender(self) == sender(other)
    }
}
