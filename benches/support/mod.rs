pub mod generate;
pub mod journal;
pub mod sharing;
