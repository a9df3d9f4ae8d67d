#![no_main]
//! The incident id parser: see `incident_fuzz::id_input`.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| incident_fuzz::id_input(data));
