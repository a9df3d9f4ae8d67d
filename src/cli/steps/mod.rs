//! The steps A–H as a command and `incident next` both walk them: each step asks what its
//! request lacks (at a terminal), records the step as one change of the register, and
//! tells the person what was recorded. A command turns its flags into the request;
//! `incident next` starts each step with nothing given.

pub mod assess;
pub mod close;
pub mod contact;
pub mod customer_walk;
pub mod ended;
pub mod guide;
pub mod log;
pub mod nis2;
pub mod notify;
pub mod notify_walk;
pub mod regime;
pub mod walk;
