//! The merge of an append-only log: the base's entries merge one by one, the entries each
//! side added are all kept, once when both added the same.

use serde_json::Value;

use super::values::Merger;
use super::{Conflict, LogField, MergePath};

/// A merged entry with its conflicts, their paths starting at the entry.
type MergedEntry = (Value, Vec<Conflict>);

impl Merger {
    /// Merges the log at `path`, where both sides changed it differently. An empty log is
    /// absent from the file (the model skips empty lists), so absence reads as empty.
    pub(super) fn merge_log(
        &mut self,
        path: &MergePath,
        log: LogField,
        base: Option<&Value>,
        ours: Option<&Value>,
        theirs: Option<&Value>,
    ) -> Option<Value> {
        let (Some(base_list), Some(ours_list), Some(theirs_list)) =
            (entries(base), entries(ours), entries(theirs))
        else {
            return self.conflict(path, base, ours, theirs);
        };
        // A side that removed entries rewrote the log rather than added to it: which
        // removal to keep is for a person.
        let (Some(ours_at), Some(theirs_at)) =
            (align(base_list, ours_list), align(base_list, theirs_list))
        else {
            return self.conflict(path, base, ours, theirs);
        };
        let kept: Vec<MergedEntry> = base_list
            .iter()
            .zip(&ours_at.matched)
            .zip(&theirs_at.matched)
            .map(|((base_entry, &o), &t)| {
                self.merge_entry(Some(base_entry), &ours_list[o], &theirs_list[t])
            })
            .collect();
        let added = self.added(
            log,
            &pick(theirs_list, &theirs_at.added),
            &pick(ours_list, &ours_at.added),
        );
        let mut list = Vec::new();
        for (index, (entry, conflicts)) in in_order(kept, added).into_iter().enumerate() {
            self.adopt(path, index, conflicts);
            list.push(entry);
        }
        (!list.is_empty()).then_some(Value::Array(list))
    }

    /// The entries the two sides added: theirs, then ours but those theirs has too.
    /// Where the log names its entries, an entry both added under one name is merged.
    fn added(&self, log: LogField, theirs: &[&Value], ours: &[&Value]) -> Vec<MergedEntry> {
        let mut added: Vec<MergedEntry> = theirs
            .iter()
            .map(|&entry| (entry.clone(), Vec::new()))
            .collect();
        let mut claimed = vec![false; theirs.len()];
        let mut unmatched = Vec::new();
        for &entry in ours {
            match unclaimed(theirs, &claimed, |other| other == entry) {
                Some(index) => claimed[index] = true,
                None => unmatched.push(entry),
            }
        }
        for entry in unmatched {
            let name = log
                .identity
                .and_then(|field| Some((field, entry.get(field)?)));
            let same_name = name.and_then(|(field, name)| {
                let index = unclaimed(theirs, &claimed, |other| {
                    other.get(field).is_some_and(|o| same_name(o, name))
                })?;
                Some((field, index))
            });
            match same_name {
                Some((field, index)) => {
                    claimed[index] = true;
                    // One name in another case: the spelling theirs recorded stays.
                    let mut entry = entry.clone();
                    if let (Some(object), Some(theirs_name)) =
                        (entry.as_object_mut(), theirs[index].get(field))
                    {
                        object.insert(field.to_string(), theirs_name.clone());
                    }
                    added[index] = self.merge_entry(None, &entry, theirs[index]);
                }
                None => added.push((entry.clone(), Vec::new())),
            }
        }
        added
    }

    fn merge_entry(&self, base: Option<&Value>, ours: &Value, theirs: &Value) -> MergedEntry {
        let (value, conflicts) = self.merge_detached(base, Some(ours), Some(theirs));
        // Two present entries always merge to one; ours is the same fallback as a conflict's.
        (value.unwrap_or_else(|| ours.clone()), conflicts)
    }
}

/// Two names of one entry: text equal without regard to case or surrounding spaces (a
/// customer, "Exempelby Kommun" and "Exempelby kommun"); other values equal.
fn same_name(a: &Value, b: &Value) -> bool {
    match (a.as_str(), b.as_str()) {
        (Some(a), Some(b)) => crate::domain::model::notification::same_customer(a, b),
        _ => a == b,
    }
}

/// The entries of a log, none when it is absent; not a log when it is not a list.
fn entries(value: Option<&Value>) -> Option<&[Value]> {
    match value {
        None => Some(&[]),
        Some(Value::Array(list)) => Some(list),
        Some(_) => None,
    }
}

/// Where a side's log holds each of the base's entries, and which entries it added.
struct Alignment {
    matched: Vec<usize>,
    added: Vec<usize>,
}

/// Lines a side's log up with the base's. Where all the base's entries are still there,
/// in order, the side only added, perhaps between them (the action log is kept sorted by
/// date, so an action logged afterwards for an earlier day goes before later ones).
/// Otherwise the side edited entries in place, and they match by position.
/// None when the side has fewer entries than the base.
fn align(base: &[Value], side: &[Value]) -> Option<Alignment> {
    if side.len() < base.len() {
        return None;
    }
    let matched = as_subsequence(base, side)
        .or_else(|| as_reordered(base, side))
        .unwrap_or_else(|| (0..base.len()).collect());
    let added = (0..side.len())
        .filter(|index| !matched.contains(index))
        .collect();
    Some(Alignment { matched, added })
}

fn as_subsequence(base: &[Value], side: &[Value]) -> Option<Vec<usize>> {
    let mut matched = Vec::with_capacity(base.len());
    let mut from = 0;
    for entry in base {
        let found = from + side.get(from..)?.iter().position(|other| other == entry)?;
        matched.push(found);
        from = found + 1;
    }
    Some(matched)
}

/// Every base entry found unchanged in the side, in any order: entries of one date and
/// time that two merges put in different orders are the same entries, not edits.
fn as_reordered(base: &[Value], side: &[Value]) -> Option<Vec<usize>> {
    let mut claimed = vec![false; side.len()];
    let mut matched = Vec::with_capacity(base.len());
    for entry in base {
        let found = (0..side.len()).find(|&index| !claimed[index] && side[index] == *entry)?;
        claimed[found] = true;
        matched.push(found);
    }
    Some(matched)
}

fn pick<'a>(list: &'a [Value], indices: &[usize]) -> Vec<&'a Value> {
    indices
        .iter()
        .filter_map(|&index| list.get(index))
        .collect()
}

fn unclaimed(entries: &[&Value], claimed: &[bool], fits: impl Fn(&Value) -> bool) -> Option<usize> {
    (0..entries.len()).find(|&index| !claimed[index] && fits(entries[index]))
}

/// The base's entries in their order, with the added ones. Dated entries (actions have a
/// date and maybe a time) keep the log in time order: the added are sorted by date and
/// time (then by their text), and each goes before the first base entry dated later.
/// Otherwise the added follow the base's.
fn in_order(kept: Vec<MergedEntry>, mut added: Vec<MergedEntry>) -> Vec<MergedEntry> {
    let dated = kept
        .iter()
        .chain(&added)
        .all(|(entry, _)| when(entry).is_some());
    if !dated {
        let mut ordered = kept;
        ordered.extend(added);
        return ordered;
    }
    // On a tie, by the entry's text: every clone orders the same entries the same way,
    // whichever side it merges from (an order that differed between clones would later
    // read as entries edited in place).
    added.sort_by_cached_key(|(entry, _)| (when(entry).map(owned), entry.to_string()));
    let mut added = added.into_iter().peekable();
    let mut ordered = Vec::new();
    for entry in kept {
        while let Some(earlier) = added.next_if(|(new, _)| when(new) < when(&entry.0)) {
            ordered.push(earlier);
        }
        ordered.push(entry);
    }
    ordered.extend(added);
    ordered
}

fn owned((date, time): (&str, Option<&str>)) -> (String, Option<String>) {
    (date.to_string(), time.map(String::from))
}

/// The date and time of an entry, which order as text (YYYY-MM-DD, HH:MM); an entry
/// without a time goes first on its day, as the action log sorts it.
fn when(entry: &Value) -> Option<(&str, Option<&str>)> {
    let date = entry.get("date")?.as_str()?;
    Some((date, entry.get("time").and_then(Value::as_str)))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::domain::merge::{MergeKind, merge};

    fn action(time: &str, text: &str) -> serde_json::Value {
        json!({"date": "2026-12-01", "time": time, "action": text})
    }

    #[test]
    fn entries_of_one_time_in_another_order_are_the_same_entries_and_both_additions_stay() {
        let (x, y) = (action("09:42", "x"), action("09:42", "y"));
        let base = json!({"taken": [x, y]});
        let ours = json!({"taken": [action("08:48", "ours"), y, x]});
        let theirs = json!({"taken": [x, y, action("10:00", "theirs")]});
        let merged = merge(MergeKind::Actions, Some(&base), Some(&ours), Some(&theirs));
        assert!(merged.is_clean(), "{:?}", merged.conflicts);
        let texts: Vec<String> = merged.value.unwrap()["taken"]
            .as_array()
            .unwrap()
            .iter()
            .map(|entry| entry["action"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(texts, ["ours", "x", "y", "theirs"]);
    }

    #[test]
    fn added_entries_of_one_time_are_ordered_alike_from_either_side() {
        let base = json!({"taken": [action("08:00", "first")]});
        let a = json!({"taken": [action("08:00", "first"), action("09:42", "from a")]});
        let b = json!({"taken": [action("08:00", "first"), action("09:42", "from b")]});
        let one = merge(MergeKind::Actions, Some(&base), Some(&a), Some(&b)).value;
        let other = merge(MergeKind::Actions, Some(&base), Some(&b), Some(&a)).value;
        assert_eq!(one, other);
    }

    #[test]
    fn requests_of_the_csirt_recorded_on_both_sides_are_all_kept() {
        let request = |at: &str| json!({"requested_at": at, "due": at});
        let first = request("2026-03-28T09:00:00+01:00");
        let base = json!({"nis2": {"intermediate": [first]}});
        let ours = json!({"nis2": {"intermediate": [first, request("2026-03-29T09:00:00+01:00")]}});
        let theirs =
            json!({"nis2": {"intermediate": [first, request("2026-03-30T09:00:00+02:00")]}});
        let merged = merge(
            MergeKind::Notification,
            Some(&base),
            Some(&ours),
            Some(&theirs),
        );
        assert!(merged.is_clean(), "{:?}", merged.conflicts);
        assert_eq!(
            merged.value.unwrap()["nis2"]["intermediate"]
                .as_array()
                .unwrap()
                .len(),
            3
        );
    }
}
