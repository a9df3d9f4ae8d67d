//! The files of a register as serde types. The doc comments become the descriptions in
//! `schemas/*.schema.json`, which editors show while a person edits a file by hand.

pub mod actions;
pub mod answers;
pub mod assessment;
pub mod closure;
pub mod notification;
pub mod provenance;
pub mod regimes;
pub mod report;
pub mod settings;
pub mod verdict;

pub use actions::Actions;
pub use answers::{Choice, Count, Interval, Selection};
pub use assessment::Assessment;
pub use closure::Closure;
pub use notification::Notification;
pub use report::Report;
pub use settings::Settings;
pub use verdict::{Awareness, Verdict, VerdictKind};

/// The version of the file formats this build writes and reads.
pub const SCHEMA_VERSION: u32 = 1;

/// Schema of `schema_version`: only the version this build knows.
pub(crate) fn schema_version_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "type": "integer",
        "const": SCHEMA_VERSION,
        "description": "Version of the file format; this build reads and writes version 1."
    })
}

/// The version this build writes, as the serde default for files that leave it out.
pub(crate) fn current_schema_version() -> u32 {
    SCHEMA_VERSION
}
