#![no_main]
//! The loader of `incident.toml`: see `incident_fuzz::settings_input`.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| incident_fuzz::settings_input(data));
