//! The values of one trailer over the whole journal: how a message already taken in is
//! found again by its `Message-Id` trailer (`incident new --from-mail`).

use std::collections::HashMap;

use super::Journal;
use crate::error::Result;

/// The trailer naming the Message-ID of an e-mail an entry took in.
pub const MESSAGE_ID: &str = "Message-Id";
/// The trailer naming an evidence file the entry added (its path in the register).
pub const EVIDENCE: &str = "Evidence";
/// The trailer with the SHA-256 of that file, as `sha256sum` prints it.
pub const EVIDENCE_SHA256: &str = "Evidence-Sha256";

impl Journal {
    /// Every value of the trailers named in `keys` in the journal's entries, in one walk:
    /// for each key (in `keys`' order) its values with the `Incident` trailer of the entry
    /// that carries it (the newest such entry's, for a value found twice).
    pub fn trailer_values(&self, keys: &[&str]) -> Result<Vec<HashMap<String, String>>> {
        let mut values = vec![HashMap::new(); keys.len()];
        self.each_entry_trailers(|trailers| {
            let incident = trailers
                .iter()
                .find(|(k, _)| k == "Incident")
                .map(|(_, v)| v.clone())
                .unwrap_or_default();
            for (k, value) in trailers {
                if let Some(slot) = keys.iter().position(|key| k.eq_ignore_ascii_case(key)) {
                    values[slot]
                        .entry(value)
                        .or_insert_with(|| incident.clone());
                }
            }
        })?;
        Ok(values)
    }
}
