pub mod generate;
pub mod sharing;
