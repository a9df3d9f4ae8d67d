//! The last filing of an incident with IMY in the journal: the commit a supplement is
//! compared with. A filing's tag marks it (`filed/<id>/supplement-<N>`, `filed/<id>/imy`);
//! a register from before the tags has only the journal entries that recorded them.

use super::journal::HistoryEntry;
use super::register::Register;
use crate::domain::IncidentId;
use crate::domain::event::Event;
use crate::domain::filing::FilingKind;
use crate::error::Result;

/// Where the last filing with IMY is in the journal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastFiling {
    /// The commit the incident is compared at, as a full id.
    pub commit: String,
    /// The filing's tag, when one marks it.
    pub tag: Option<String>,
}

impl Register {
    /// The last filing of incident `id` with IMY: the newest filing tag, else the journal
    /// entry that recorded the last supplement, else the first that recorded the
    /// notification; `None` when the journal records none.
    pub fn last_imy_filing(&self, id: &IncidentId) -> Result<Option<LastFiling>> {
        // The notification ranks below every supplement; a filing recorded again at
        // another time (`imy.2`) above the one before it.
        let newest = self
            .filings_of(id)?
            .into_iter()
            .filter_map(|tag| {
                let rank = match tag.kind {
                    Some(FilingKind::Imy) => 0,
                    Some(FilingKind::Supplement(n)) => n,
                    _ => return None,
                };
                Some(((rank, tag.name.len(), tag.name.clone()), tag))
            })
            .max_by(|(a, _), (b, _)| a.cmp(b));
        if let Some((_, tag)) = newest {
            return Ok(Some(LastFiling {
                commit: tag.target,
                tag: Some(tag.name),
            }));
        }
        Ok(filing_entry(&self.history(id)?).map(|entry| LastFiling {
            commit: entry.commit.clone(),
            tag: None,
        }))
    }
}

/// The entry of the last filing among an incident's entries (oldest first): the last
/// supplement recorded; else the first notification recorded, since a later `notified imy`
/// only adds to the record (the case number) and files nothing new.
fn filing_entry(entries: &[HistoryEntry]) -> Option<&HistoryEntry> {
    let event = |entry: &HistoryEntry| Event::from_trailers(&entry.trailers);
    entries
        .iter()
        .rev()
        .find(|e| matches!(event(e), Some(Event::SupplementSent { .. })))
        .or_else(|| {
            entries
                .iter()
                .find(|e| matches!(event(e), Some(Event::ImyNotified { .. })))
        })
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;

    use super::*;
    use crate::store::journal::HistoryEntry;

    fn entry(commit: &str, event: Option<Event>) -> HistoryEntry {
        HistoryEntry {
            commit: commit.into(),
            time: DateTime::parse_from_rfc3339("2026-03-27T12:00:00+01:00").unwrap(),
            author: "a".into(),
            email: "a@example.org".into(),
            subject: String::new(),
            why: None,
            trailers: event.map(|e| e.trailers()).unwrap_or_default(),
            files: Vec::new(),
        }
    }

    #[test]
    fn the_last_supplement_else_the_first_notification_is_the_filing() {
        let notified = || Some(Event::ImyNotified { case_number: None });
        let mut entries = vec![
            entry("reported", None),
            entry("notified", notified()),
            entry("edited", None),
            entry("case number added", notified()),
        ];
        assert_eq!(filing_entry(&entries).unwrap().commit, "notified");
        entries.push(entry(
            "supplement 1",
            Some(Event::SupplementSent { number: 1 }),
        ));
        entries.push(entry(
            "supplement 2",
            Some(Event::SupplementSent { number: 2 }),
        ));
        entries.push(entry("later", None));
        assert_eq!(filing_entry(&entries).unwrap().commit, "supplement 2");
        assert!(filing_entry(&entries[..1]).is_none());
    }
}
