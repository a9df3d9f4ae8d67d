//! A three-way merge of one register file, on the file's structure rather than its lines,
//! so that two clones changing the same incident never leave conflict markers in it.
//!
//! The store parses base, ours and theirs into the typed model, turns each into a
//! `serde_json::Value` and hands them here; what comes back is a complete value (ours at
//! every conflicted place) and the conflicts, each at a path a person can read.
//! Pure: no files, no git, no clock.

mod logs;
mod render;
mod values;

#[cfg(test)]
mod name_tests;
#[cfg(test)]
mod tests;

use std::fmt;

use serde_json::{Map, Value};

pub use render::{render_side, render_value};

/// Which register file is merged: it decides which arrays are append-only logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MergeKind {
    Settings,
    Report,
    Assessment,
    Actions,
    Notification,
    Closure,
}

/// An append-only list of a file: both sides' new entries are kept, and the entries of the
/// base merge one by one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LogField {
    /// The keys from the file's root to the list, e.g. `["imy", "supplements"]`.
    pub path: &'static [&'static str],
    /// A field naming an entry: an entry new on both sides under the same name is one
    /// entry, merged field by field, rather than two.
    pub identity: Option<&'static str>,
}

impl MergeKind {
    /// The kind of the file of this name (`report.yaml`, `incident.toml`…), as the store
    /// names them.
    pub fn for_file_name(name: &str) -> Option<MergeKind> {
        match name {
            "incident.toml" => Some(MergeKind::Settings),
            "report.yaml" => Some(MergeKind::Report),
            "assessment.yaml" => Some(MergeKind::Assessment),
            "actions.yaml" => Some(MergeKind::Actions),
            "notification.yaml" => Some(MergeKind::Notification),
            "closure.yaml" => Some(MergeKind::Closure),
            _ => None,
        }
    }

    /// The append-only lists of this kind of file. Every other array is one value: the
    /// breach types, the contacts or the processors are chosen as a whole, and two
    /// different choices are a conflict.
    pub fn logs(self) -> &'static [LogField] {
        match self {
            // Actions are logged and measures planned as they come, by whoever is on it;
            // marking a measure done edits it in place.
            MergeKind::Actions => &[
                LogField {
                    path: &["taken"],
                    identity: None,
                },
                LogField {
                    path: &["planned"],
                    identity: None,
                },
            ],
            // Supplements are sent one after another; customers are told one by one, and
            // each one's notices are filled in over time, so a customer is known by name.
            MergeKind::Notification => &[
                LogField {
                    path: &["imy", "supplements"],
                    identity: None,
                },
                LogField {
                    path: &["customers"],
                    identity: Some("name"),
                },
                // The CSIRT asks for intermediate reports as it needs them (NIS2 Art.
                // 23(4)(c)); two people may each record one.
                LogField {
                    path: &["nis2", "intermediate"],
                    identity: None,
                },
            ],
            MergeKind::Settings
            | MergeKind::Report
            | MergeKind::Assessment
            | MergeKind::Closure => &[],
        }
    }
}

/// One step from a value to a value inside it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PathStep {
    /// A field of an object.
    Key(String),
    /// An element of an array, counted from 0 (shown from 1).
    Entry(usize),
}

/// Where in a file a conflict is. Shown as `planned 2 → status`: entries are numbered from
/// 1, as `incident show` numbers the measures.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct MergePath {
    pub steps: Vec<PathStep>,
}

impl MergePath {
    /// The whole file.
    pub fn root() -> MergePath {
        MergePath::default()
    }

    pub fn is_root(&self) -> bool {
        self.steps.is_empty()
    }

    pub fn key(&self, key: &str) -> MergePath {
        self.then(PathStep::Key(key.to_string()))
    }

    pub fn entry(&self, index: usize) -> MergePath {
        self.then(PathStep::Entry(index))
    }

    fn then(&self, step: PathStep) -> MergePath {
        let mut steps = self.steps.clone();
        steps.push(step);
        MergePath { steps }
    }

    /// This path followed by `rest`.
    fn join(&self, rest: &MergePath) -> MergePath {
        let mut steps = self.steps.clone();
        steps.extend(rest.steps.iter().cloned());
        MergePath { steps }
    }
}

impl fmt::Display for MergePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_root() {
            return f.write_str("the whole file");
        }
        for (position, step) in self.steps.iter().enumerate() {
            match step {
                PathStep::Key(key) if position == 0 => f.write_str(key)?,
                PathStep::Key(key) => write!(f, " → {key}")?,
                PathStep::Entry(index) => write!(f, " {}", index + 1)?,
            }
        }
        Ok(())
    }
}

/// One of the two sides of a merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Side {
    Ours,
    Theirs,
}

/// A place both sides changed differently. `None` is a value absent on that side.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub path: MergePath,
    pub base: Option<Value>,
    pub ours: Option<Value>,
    pub theirs: Option<Value>,
}

impl Conflict {
    /// The value of one side at the conflict's path.
    pub fn side(&self, side: Side) -> Option<&Value> {
        match side {
            Side::Ours => self.ours.as_ref(),
            Side::Theirs => self.theirs.as_ref(),
        }
    }
}

/// The outcome of a merge: the merged file (absent when it is deleted) with our value at
/// every conflict, and the conflicts, in the order of the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    pub value: Option<Value>,
    pub conflicts: Vec<Conflict>,
}

impl Merged {
    pub fn is_clean(&self) -> bool {
        self.conflicts.is_empty()
    }

    /// The merged file with the side `choose` picks at each conflict (possibly absence).
    pub fn resolve(self, choose: impl Fn(&Conflict) -> Side) -> Option<Value> {
        let mut value = self.value;
        for conflict in &self.conflicts {
            let chosen = conflict.side(choose(conflict)).cloned();
            put(&mut value, &conflict.path.steps, chosen);
        }
        value
    }
}

/// Merges one file given on each side, absent where the file does not exist.
///
/// A file added on both sides with different content is one conflict at the root: the
/// store takes it for one id given to two incidents, so nothing of the two is mixed.
pub fn merge(
    kind: MergeKind,
    base: Option<&Value>,
    ours: Option<&Value>,
    theirs: Option<&Value>,
) -> Merged {
    if base.is_none() && ours.is_some() && theirs.is_some() && ours != theirs {
        return Merged {
            value: ours.cloned(),
            conflicts: vec![Conflict {
                path: MergePath::root(),
                base: None,
                ours: ours.cloned(),
                theirs: theirs.cloned(),
            }],
        };
    }
    let mut merger = values::Merger::new(kind.logs());
    let value = merger.merge(&MergePath::root(), base, ours, theirs);
    Merged {
        value,
        conflicts: merger.into_conflicts(),
    }
}

/// Puts `chosen` at `steps` inside `target`, absence removing the field. The merged value
/// holds ours at every conflict, so the places exist; a missing object on the way is made.
fn put(target: &mut Option<Value>, steps: &[PathStep], chosen: Option<Value>) {
    let Some((first, rest)) = steps.split_first() else {
        *target = chosen;
        return;
    };
    match first {
        PathStep::Key(key) => {
            if !matches!(target, Some(Value::Object(_))) {
                if chosen.is_none() {
                    return;
                }
                *target = Some(Value::Object(Map::new()));
            }
            let Some(Value::Object(map)) = target else {
                return;
            };
            let mut child = map.get_mut(key).map(Value::take);
            put(&mut child, rest, chosen);
            match child {
                Some(child) => {
                    map.insert(key.clone(), child);
                }
                None => {
                    map.remove(key);
                }
            }
        }
        PathStep::Entry(index) => {
            let Some(Value::Array(list)) = target else {
                return;
            };
            let Some(slot) = list.get_mut(*index) else {
                return;
            };
            let mut child = Some(slot.take());
            put(&mut child, rest, chosen);
            match child {
                Some(child) => *slot = child,
                None => {
                    list.remove(*index);
                }
            }
        }
    }
}
