#![no_main]
//! The loader of `closure.yaml`: see `incident_fuzz::incident_file_input`.

use incident::store::files::FileKind;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| incident_fuzz::incident_file_input(FileKind::Closure, data));
