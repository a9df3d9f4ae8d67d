//! Partial answers: a report or a risk assessment before every required answer is given,
//! in the layout of its file with every field optional. One type each, read from `--from`
//! files, filled by flags and dialogues, saved when a command cannot finish, and turned
//! into the file's type once complete.

pub mod assessment;
pub mod report;

pub use assessment::{AssessmentDraft, ExceptionAnswer, Incomplete};
pub use report::ReportDraft;
