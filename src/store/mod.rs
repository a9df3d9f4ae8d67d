//! The store: the only code that touches the file system and git. It finds and loads a
//! register, validates every file (typed parse, JSON Schema, then the domain rules), writes
//! files atomically and records each change as one commit. git2 types never leave it.

pub mod cache;
pub mod files;
pub mod journal;
pub mod locate;
pub mod lock;
pub mod parallel;
pub mod register;
pub mod schemas;

pub use files::FileKind;
pub use journal::{Author, HistoryEntry};
pub use register::Register;
