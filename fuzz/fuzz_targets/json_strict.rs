//! Fuzz target `json_strict`: the property is `labourlink_fuzz_checks::json_strict` (docs/FUZZING.md).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| labourlink_fuzz_checks::json_strict(data));
