//! The values of one trailer over the whole journal: how a message already taken in is
//! found again by its `Message-Id` trailer (`incident new --from-mail`).

use std::collections::HashMap;

use super::history::parse_trailers;
use super::{Journal, git_error};
use crate::error::Result;

/// The trailer naming the Message-ID of an e-mail an entry took in.
pub const MESSAGE_ID: &str = "Message-Id";
/// The trailer naming an evidence file the entry added (its path in the register).
pub const EVIDENCE: &str = "Evidence";
/// The trailer with the SHA-256 of that file, as `sha256sum` prints it.
pub const EVIDENCE_SHA256: &str = "Evidence-Sha256";

impl Journal {
    /// Every value of trailer `key` in the journal's entries, with the `Incident` trailer
    /// of the entry that carries it. Only the messages are read, not the trees.
    pub fn trailer_values(&self, key: &str) -> Result<HashMap<String, String>> {
        let mut values = HashMap::new();
        let Some(head) = self.head() else {
            return Ok(values);
        };
        let mut walk = self.repo.revwalk().map_err(git_error("walk the history"))?;
        walk.push(head).map_err(git_error("walk the history"))?;
        for oid in walk {
            let oid = oid.map_err(git_error("walk the history"))?;
            let commit = self
                .repo
                .find_commit(oid)
                .map_err(git_error("read a commit"))?;
            let message = commit.message().unwrap_or("");
            if !message.contains(key) {
                continue;
            }
            let trailers = parse_trailers(message);
            let incident = trailers
                .iter()
                .find(|(k, _)| k == "Incident")
                .map(|(_, v)| v.clone())
                .unwrap_or_default();
            for (k, value) in trailers {
                if k.eq_ignore_ascii_case(key) {
                    values.entry(value).or_insert_with(|| incident.clone());
                }
            }
        }
        Ok(values)
    }
}
