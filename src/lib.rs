//! `incident`: the register of personal data breaches (GDPR Art. 33(5)) kept as a Git
//! repository, with the intake, the journal and the IMY notification text.
//!
//! Three layers with one-way dependencies: [`domain`] (pure types and rules), [`store`]
//! (files and git), [`cli`] (commands, prompts, output).

pub mod cli;
pub mod domain;
pub mod error;
pub mod store;

pub use error::{Error, Result};
