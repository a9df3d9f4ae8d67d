#![no_main]
//! The date-and-time parser of flags and prompts: see `incident_fuzz::moment_input`.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| incident_fuzz::moment_input(data));
