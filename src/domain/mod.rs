//! The domain: incident types, the IMY form catalogue, validation rules and the steps A–H.
//! Plain data and pure functions: no files, no git, no terminal, no clock.

pub mod answer;
pub mod calendar;
pub mod catalogue;
pub mod closing;
pub mod documents;
pub mod draft;
pub mod event;
pub mod filing;
pub mod id;
pub mod import;
pub mod imy;
pub mod incident;
pub mod input;
pub mod labels;
pub mod lang;
pub mod mail;
pub mod merge;
pub mod model;
pub mod moment;
pub mod notice;
pub mod obligations;
pub mod plausibility;
pub mod privacy;
pub mod regimes;
pub mod rules;
pub mod scoring;
pub mod stats;
pub mod steps;
pub mod terminal;
pub mod verdict_change;

pub use id::IncidentId;
pub use lang::{Bilingual, Lang};
pub use moment::{ClockTime, Moment};
