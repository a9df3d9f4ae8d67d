//! The three-way merge of one value: objects field by field, logs entry by entry, anything
//! else as a whole.

use serde_json::{Map, Value};

use super::{Conflict, LogField, MergePath, PathStep};

/// Walks the three values down together and gathers the conflicts.
pub(super) struct Merger {
    logs: &'static [LogField],
    conflicts: Vec<Conflict>,
}

impl Merger {
    pub(super) fn new(logs: &'static [LogField]) -> Merger {
        Merger {
            logs,
            conflicts: Vec::new(),
        }
    }

    pub(super) fn into_conflicts(self) -> Vec<Conflict> {
        self.conflicts
    }

    /// The merged value at `path`; ours where both sides changed it differently.
    pub(super) fn merge(
        &mut self,
        path: &MergePath,
        base: Option<&Value>,
        ours: Option<&Value>,
        theirs: Option<&Value>,
    ) -> Option<Value> {
        if ours == theirs || base == theirs {
            return ours.cloned();
        }
        if base == ours {
            return theirs.cloned();
        }
        if let Some(log) = self.log_at(path) {
            return self.merge_log(path, log, base, ours, theirs);
        }
        // Both changed an object (or both added one inside the file): merge its fields, a
        // field missing on a side being absent there.
        if let (Some(Value::Object(ours_map)), Some(Value::Object(theirs_map))) = (ours, theirs) {
            let empty = Map::new();
            let base_map = match base {
                None => Some(&empty),
                Some(Value::Object(map)) => Some(map),
                Some(_) => None,
            };
            if let Some(base_map) = base_map {
                return Some(Value::Object(
                    self.merge_fields(path, base_map, ours_map, theirs_map),
                ));
            }
        }
        self.conflict(path, base, ours, theirs)
    }

    fn merge_fields(
        &mut self,
        path: &MergePath,
        base: &Map<String, Value>,
        ours: &Map<String, Value>,
        theirs: &Map<String, Value>,
    ) -> Map<String, Value> {
        let mut keys: Vec<&String> = base
            .keys()
            .chain(ours.keys())
            .chain(theirs.keys())
            .collect();
        keys.sort();
        keys.dedup();
        let mut merged = Map::new();
        for key in keys {
            let value = self.merge(
                &path.key(key),
                base.get(key),
                ours.get(key),
                theirs.get(key),
            );
            if let Some(value) = value {
                merged.insert(key.clone(), value);
            }
        }
        merged
    }

    /// Records a conflict at `path` and keeps ours there, so the merged value is complete.
    pub(super) fn conflict(
        &mut self,
        path: &MergePath,
        base: Option<&Value>,
        ours: Option<&Value>,
        theirs: Option<&Value>,
    ) -> Option<Value> {
        self.conflicts.push(Conflict {
            path: path.clone(),
            base: base.cloned(),
            ours: ours.cloned(),
            theirs: theirs.cloned(),
        });
        ours.cloned()
    }

    /// Merges one entry of a log on its own, with the paths of its conflicts starting at
    /// the entry: where the entry ends up in the log is known only once all are merged.
    pub(super) fn merge_detached(
        &self,
        base: Option<&Value>,
        ours: Option<&Value>,
        theirs: Option<&Value>,
    ) -> (Option<Value>, Vec<Conflict>) {
        let mut entry = Merger::new(self.logs);
        let value = entry.merge(&MergePath::root(), base, ours, theirs);
        (value, entry.conflicts)
    }

    /// Takes the conflicts of an entry that ended up at `index` of the log at `log_path`.
    pub(super) fn adopt(&mut self, log_path: &MergePath, index: usize, conflicts: Vec<Conflict>) {
        let entry_path = log_path.entry(index);
        for conflict in conflicts {
            self.conflicts.push(Conflict {
                path: entry_path.join(&conflict.path),
                ..conflict
            });
        }
    }

    /// The log at `path`, when the file has one there. Logs are reached by keys alone.
    fn log_at(&self, path: &MergePath) -> Option<LogField> {
        self.logs
            .iter()
            .find(|log| {
                log.path.len() == path.steps.len()
                    && log
                        .path
                        .iter()
                        .zip(&path.steps)
                        .all(|(key, step)| matches!(step, PathStep::Key(k) if k == key))
            })
            .copied()
    }
}
