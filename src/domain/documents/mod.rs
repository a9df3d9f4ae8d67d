//! The texts an incident produces besides IMY's form: the communication to the data
//! subjects (GDPR Art. 34(2), with the five points of the municipal process) and the
//! incident's full documentation for the register (step G; GDPR Art. 33(5)), and a vendor's
//! notices to its customers. Pure functions from the incident to text, one document a
//! file.

mod controller;
mod customer;
mod decision;
pub mod html;
mod letter;
mod plain;
mod report;

pub use controller::controller_notice;
pub use customer::{CustomerNotice, NoticeGap, customer_notice, notice_gap};
pub use decision::{NotInforming, NotInformingReason, not_informing};
pub use letter::letter;
pub use plain::{Reader, wrap};
pub use report::report;
