//! One file of a register merged three ways: by its meaning when both sides changed it
//! (the domain's structured merge, [`crate::domain::merge`]), by its bytes otherwise.

use std::path::Path;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::domain::merge::{MergeKind, MergePath, Side, merge, render_side};
use crate::domain::model::{Actions, Assessment, Closure, Notification, Report, Settings};
use crate::error::Error;
use crate::store::files::{self, FileKind};
use crate::store::layout::render_file;

/// A conflict inside one file: a field both sides gave different values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldConflict {
    /// Where in the file, as a person reads it; empty for the whole file.
    pub field: String,
    pub mine: String,
    pub theirs: String,
}

/// Makes the file from the choices made for its conflicts, one per conflict in order.
pub type Resolve = Box<dyn FnOnce(&[super::Side]) -> crate::error::Result<Option<Vec<u8>>>>;

pub enum FileMerge {
    /// The merged file, or `None` when it is to be removed.
    Clean(Option<Vec<u8>>),
    Conflicted {
        fields: Vec<FieldConflict>,
        resolve: Resolve,
    },
}

/// Merges `path` from the common `base`, `mine` (the local entry) and `theirs` (the
/// server's); a side of `None` has no such file.
pub fn merge_file(
    path: &str,
    base: Option<&[u8]>,
    mine: Option<&[u8]>,
    theirs: Option<&[u8]>,
) -> FileMerge {
    if mine == theirs || base == mine {
        return FileMerge::Clean(theirs.map(<[u8]>::to_vec));
    }
    if base == theirs {
        return FileMerge::Clean(mine.map(<[u8]>::to_vec));
    }
    let name = path.rsplit('/').next().unwrap_or(path);
    match (
        MergeKind::for_file_name(name),
        FileKind::from_file_name(name),
    ) {
        (Some(kind), Some(file_kind)) => by_meaning(path, kind, file_kind, [base, mine, theirs])
            .unwrap_or_else(|| whole_file_conflict(mine, theirs)),
        _ => whole_file_conflict(mine, theirs),
    }
}

/// The structured merge of a register file; `None` when a side cannot be read as its
/// kind (an invalid file is never merged into a valid one) or the result cannot be
/// written back as one.
fn by_meaning(
    path: &str,
    kind: MergeKind,
    file_kind: FileKind,
    [base, mine, theirs]: [Option<&[u8]>; 3],
) -> Option<FileMerge> {
    let read = |bytes: Option<&[u8]>| -> Option<Option<Value>> {
        match bytes {
            None => Some(None),
            Some(bytes) => value_of(file_kind, path, std::str::from_utf8(bytes).ok()?).map(Some),
        }
    };
    let (mut base, mine, theirs) = (read(base)?, read(mine)?, read(theirs)?);
    // An action log, an assessment or a notification begun on both sides is one
    // incident's file begun twice: merged from nothing, field by field. (Only a report
    // made on both sides is two incidents, and stays one conflict.)
    if base.is_none() && kind != MergeKind::Report {
        base = Some(Value::Object(serde_json::Map::new()));
    }
    let merged = merge(kind, base.as_ref(), mine.as_ref(), theirs.as_ref());
    if merged.is_clean() {
        let value = merged.value;
        return Some(FileMerge::Clean(match value {
            Some(value) => Some(text_of(file_kind, path, value)?.into_bytes()),
            None => None,
        }));
    }
    // A file both sides made anew is two incidents under one id: the replay renumbers
    // those, so here it is the whole file, never a mix of two reports.
    let fields = merged
        .conflicts
        .iter()
        .map(|conflict| FieldConflict {
            field: if conflict.path.is_root() {
                String::new()
            } else {
                conflict.path.to_string()
            },
            mine: render_side(conflict.ours.as_ref()),
            theirs: render_side(conflict.theirs.as_ref()),
        })
        .collect();
    let path = path.to_string();
    Some(FileMerge::Conflicted {
        fields,
        resolve: Box::new(move |sides| {
            let chosen: Vec<(MergePath, Side)> = merged
                .conflicts
                .iter()
                .zip(sides)
                .map(|(conflict, side)| {
                    let side = match side {
                        super::Side::Mine => Side::Ours,
                        super::Side::Theirs => Side::Theirs,
                    };
                    (conflict.path.clone(), side)
                })
                .collect();
            let value = merged.resolve(|conflict| {
                chosen
                    .iter()
                    .find(|(path, _)| *path == conflict.path)
                    .map_or(Side::Ours, |(_, side)| *side)
            });
            match value {
                None => Ok(None),
                Some(value) => text_of(file_kind, &path, value)
                    .map(|text| Some(text.into_bytes()))
                    .ok_or_else(|| Error::Unrenderable {
                        file: path.clone(),
                        message: "the merged values do not make a valid file".into(),
                    }),
            }
        }),
    })
}

/// A file's text as the typed model reads it, as a JSON value for the merge.
fn value_of(kind: FileKind, path: &str, text: &str) -> Option<Value> {
    fn typed<T: DeserializeOwned + Serialize>(
        kind: FileKind,
        path: &str,
        text: &str,
    ) -> Option<Value> {
        let value: T = files::parse(kind, Path::new(path), text).ok()?;
        serde_json::to_value(value).ok()
    }
    match kind {
        FileKind::Settings => typed::<Settings>(kind, path, text),
        FileKind::Report => typed::<Report>(kind, path, text),
        FileKind::Assessment => typed::<Assessment>(kind, path, text),
        FileKind::Actions => typed::<Actions>(kind, path, text),
        FileKind::Notification => typed::<Notification>(kind, path, text),
        FileKind::Closure => typed::<Closure>(kind, path, text),
    }
}

/// The merged value written as the tool writes the file; `None` when the value is not
/// one the model accepts.
fn text_of(kind: FileKind, path: &str, value: Value) -> Option<String> {
    fn typed<T: DeserializeOwned + Serialize>(
        kind: FileKind,
        path: &str,
        value: Value,
    ) -> Option<String> {
        let typed: T = serde_json::from_value(value).ok()?;
        render_file(kind, path, &typed).ok()
    }
    match kind {
        FileKind::Settings => typed::<Settings>(kind, path, value),
        FileKind::Report => typed::<Report>(kind, path, value),
        FileKind::Assessment => typed::<Assessment>(kind, path, value),
        FileKind::Actions => typed::<Actions>(kind, path, value),
        FileKind::Notification => typed::<Notification>(kind, path, value),
        FileKind::Closure => typed::<Closure>(kind, path, value),
    }
}

/// Both sides changed a file that cannot be merged by its meaning: one of the two whole.
fn whole_file_conflict(mine: Option<&[u8]>, theirs: Option<&[u8]>) -> FileMerge {
    let show = |side: Option<&[u8]>| match side {
        Some(bytes) => String::from_utf8_lossy(bytes).into_owned(),
        None => "—".to_string(),
    };
    let (mine_bytes, theirs_bytes) = (mine.map(<[u8]>::to_vec), theirs.map(<[u8]>::to_vec));
    FileMerge::Conflicted {
        fields: vec![FieldConflict {
            field: String::new(),
            mine: show(mine),
            theirs: show(theirs),
        }],
        resolve: Box::new(move |sides| {
            Ok(match sides.first() {
                Some(super::Side::Theirs) => theirs_bytes,
                _ => mine_bytes,
            })
        }),
    }
}

/// What Git's merge driver does (`incident merge-driver %O %A %B %P`): merges the three
/// versions of `path` and writes the result over `ours`. A conflict keeps this side's
/// value in the file (never a conflict marker) and is returned, for Git to be told the
/// merge is not clean.
pub fn merge_driver(
    base: &std::path::Path,
    ours: &std::path::Path,
    theirs: &std::path::Path,
    path: &str,
) -> crate::error::Result<Vec<FieldConflict>> {
    // Git hands an empty file for a side that has none (a file added on both sides).
    let read = |file: &std::path::Path| -> crate::error::Result<Option<Vec<u8>>> {
        let bytes = std::fs::read(file).map_err(|source| crate::error::Error::Io {
            action: "read",
            path: file.to_path_buf(),
            source,
        })?;
        Ok((!bytes.is_empty()).then_some(bytes))
    };
    let (base_bytes, our_bytes, their_bytes) = (read(base)?, read(ours)?, read(theirs)?);
    let (merged, conflicts) = match merge_file(
        path,
        base_bytes.as_deref(),
        our_bytes.as_deref(),
        their_bytes.as_deref(),
    ) {
        FileMerge::Clean(bytes) => (bytes, Vec::new()),
        FileMerge::Conflicted { fields, resolve } => {
            let sides = vec![super::Side::Mine; fields.len()];
            (resolve(&sides)?, fields)
        }
    };
    if let Some(bytes) = merged
        && Some(&bytes) != our_bytes.as_ref()
    {
        std::fs::write(ours, bytes).map_err(|source| crate::error::Error::Io {
            action: "write",
            path: ours.to_path_buf(),
            source,
        })?;
    }
    Ok(conflicts)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SETTINGS: &str = "#:schema schemas/settings.schema.json\nschema_version = 1\n\n[organisation]\nname = \"Exempel kommun\"\n\n[dpo]\nname = \"Dataskyddsombud\"\nemail = \"dso@example.org\"\n";

    fn clean(merge: FileMerge) -> String {
        match merge {
            FileMerge::Clean(Some(bytes)) => String::from_utf8(bytes).unwrap(),
            FileMerge::Clean(None) => panic!("removed"),
            FileMerge::Conflicted { fields, .. } => panic!("conflicts: {fields:?}"),
        }
    }

    #[test]
    fn settings_changed_in_two_places_merge_field_by_field() {
        let ours = SETTINGS.replace("dso@example.org", "dataskydd@example.org");
        let theirs = SETTINGS.replace("Exempel kommun", "Exempelstad");
        let merged = clean(merge_file(
            "incident.toml",
            Some(SETTINGS.as_bytes()),
            Some(ours.as_bytes()),
            Some(theirs.as_bytes()),
        ));
        assert!(
            merged.contains("dataskydd@example.org") && merged.contains("Exempelstad"),
            "{merged}"
        );
    }

    #[test]
    fn the_same_field_given_two_values_is_a_conflict_settled_by_the_side_chosen() {
        let ours = SETTINGS.replace("dso@example.org", "a@example.org");
        let theirs = SETTINGS.replace("dso@example.org", "b@example.org");
        let FileMerge::Conflicted { fields, resolve } = merge_file(
            "incident.toml",
            Some(SETTINGS.as_bytes()),
            Some(ours.as_bytes()),
            Some(theirs.as_bytes()),
        ) else {
            panic!("a conflict");
        };
        assert_eq!(fields.len(), 1);
        assert_eq!(fields[0].field, "dpo → email");
        assert_eq!(
            (fields[0].mine.as_str(), fields[0].theirs.as_str()),
            ("a@example.org", "b@example.org")
        );
        let settled =
            String::from_utf8(resolve(&[super::super::Side::Theirs]).unwrap().unwrap()).unwrap();
        assert!(
            settled.contains("b@example.org") && !settled.contains("a@example.org"),
            "{settled}"
        );
    }

    #[test]
    fn an_invalid_side_is_never_merged_into_the_other() {
        let ours = SETTINGS.replace("schema_version = 1", "schema_version = \"one\"");
        let theirs = SETTINGS.replace("Exempel kommun", "Exempelstad");
        let merge = merge_file(
            "incident.toml",
            Some(SETTINGS.as_bytes()),
            Some(ours.as_bytes()),
            Some(theirs.as_bytes()),
        );
        assert!(
            matches!(merge, FileMerge::Conflicted { ref fields, .. } if fields[0].field.is_empty())
        );
    }
}
