//! The store: the only code that touches the file system and git. It finds and loads a
//! register, validates every file (typed parse, JSON Schema, then the domain rules), and
//! records each change as one transaction ([`change`]): one commit, the files written
//! atomically. git2 types never leave it.
//!
//! One concept a file: where things are ([`layout`]), reading files ([`files`]), loading
//! and validating ([`load`]), the whole-register examination with its cache ([`examine`],
//! [`cache`]), edits by hand ([`hand_edits`]), crash recovery ([`recovery`]), creating or
//! adopting a register ([`adopt`]), the transaction ([`change`]), the journal
//! ([`journal`]) and the shared server's check of a push ([`receive`]).

mod adopt;
mod at;
pub mod cache;
pub mod change;
pub mod drafts;
mod due;
mod due_cache;
pub mod examine;
pub mod files;
mod filings;
mod hand_edits;
pub mod journal;
pub mod last_filing;
pub mod layout;
pub mod load;
pub mod locate;
pub mod lock;
pub mod parallel;
pub mod receive;
mod recovery;
pub mod register;
pub mod schemas;
pub mod sharing;
mod tallies;
#[cfg(test)]
mod testing;
pub mod verify;

pub use at::{AsOf, NoEntry};
pub use change::{Change, Entry, LockHold, NewIncident, Outcome};
pub use examine::Listed;
pub use files::FileKind;
pub use filings::{FiledTag, FilingTrailer, Tagged};
pub use journal::{Author, HistoryEntry, SignatureCheck};
pub use register::{Recorded, Register, Stamp};
