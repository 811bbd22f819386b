//! Fuzz target `b64`: the property is `labourlink_fuzz_checks::b64` (docs/FUZZING.md).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| labourlink_fuzz_checks::b64(data));
